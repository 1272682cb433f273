"""Spreadsheet rows from CSV, with headers recognised in the spellings people use.

The header row is the first row naming at least two known columns (a title row above it
is skipped); headers match case-insensitively, trimmed, with `_`, `-` and spaces alike.
The delimiter is `,`, `;` or a tab, whichever the header row uses. Blank rows are
dropped. Every row keeps its line number and each field its column, so a problem can be
reported at `file:line:col` like any other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from ..model import Loc, Problem
from .cells import clean, normalise_header


@dataclass(frozen=True, slots=True)
class Row:
    """One non-blank row: cells by field name ("" when blank), and where each was."""

    file: str
    line: int
    cells: dict[str, str]
    columns: dict[str, int]

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def at(self, name: str | None = None) -> Loc:
        """Where the row, or one of its cells, is."""
        return Loc(self.file, self.line, self.columns.get(name, 1) if name else 1)


@dataclass(slots=True)
class Table:
    file: str
    rows: list[Row] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # the known fields present, in order
    problems: list[Problem] = field(default_factory=list)


def read_table(
    text: str, file: str, aliases: Mapping[str, str], ignored: Collection[str] = ()
) -> Table:
    """Rows of a CSV text. `aliases` maps normalised header spellings to field names;
    columns named in `ignored` (e.g. computed ones) are dropped without a word."""
    table = Table(file)
    text = text.removeprefix("\ufeff")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[int, str] | None = None
    previous_end = 0
    try:
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if header is None:
                header = _header(cells, aliases, ignored, file, line, table)
                continue
            values = {name: clean(cells[i]) if i < len(cells) else "" for i, name in header.items()}
            if any(values.values()):
                columns = {name: i + 1 for i, name in header.items()}
                table.rows.append(Row(file, line, values, columns))
    except csv.Error as error:
        table.problems.append(
            Problem(
                "import-syntax",
                "error",
                Loc(file, reader.line_num or 1),
                f"the CSV cannot be read: {error}",
                "Save the sheet again as CSV (UTF-8).",
            )
        )
    if header is None:
        table.problems.append(
            Problem(
                "import-column",
                "error",
                Loc(file),
                "no header row: no row names two of the known columns",
                f"Name the columns, e.g. {', '.join(sorted(set(aliases.values()))[:6])}...",
            )
        )
    return table


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(
    cells: list[str],
    aliases: Mapping[str, str],
    ignored: Collection[str],
    file: str,
    line: int,
    table: Table,
) -> dict[int, str] | None:
    """Column index -> field, when this row is the header row; else None (skip it)."""
    names = [normalise_header(cell) for cell in cells]
    if sum(1 for name in names if name in aliases) < 2:
        return None
    header: dict[int, str] = {}
    for index, (name, cell) in enumerate(zip(names, cells, strict=True)):
        where = Loc(file, line, index + 1)
        if not name or name in {normalise_header(i) for i in ignored}:
            continue
        field_name = aliases.get(name)
        if field_name is None:
            table.problems.append(
                Problem(
                    "import-column",
                    "warning",
                    where,
                    f"column `{clean(cell)}` is not one okrsite reads: it is ignored",
                    "See the column table in docs/upkeep.md for the names recognised.",
                )
            )
        elif field_name in header.values():
            table.problems.append(
                Problem(
                    "import-column",
                    "error",
                    where,
                    f"column `{clean(cell)}` is a second `{field_name}` column",
                    "Keep one of them, or rename the other.",
                )
            )
        else:
            header[index] = field_name
    table.fields = list(header.values())
    return header
