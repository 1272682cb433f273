"""The columns `okrsite import` reads, and the header spellings it recognises for each.

The field names are the columns `okrsite export --format csv` writes (one definition, in
export/okrs_csv.py), so an export reads back as it is. Spreadsheets kept by hand use other
words; those below are matched after normalising (case, spaces, `_` and `-`).
"""

from __future__ import annotations

from ..edit.cells import normalise_header
from ..export.okrs_csv import COMPUTED_COLUMNS, KR_COLUMNS, OBJECTIVE_COLUMNS

# Other spellings of each column, as people name them in spreadsheets.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "objective_id": ("okr id", "goal id"),
    "objective_title": ("objective", "objectives", "goal", "objective name"),
    "owner": ("objective owner", "team", "owned by"),
    "cycle": ("quarter", "period", "okr cycle", "timeframe"),
    "path": ("file",),
    "aligns_to": ("parent", "parent objective", "aligned to", "aligns with", "parents"),
    "themes": ("theme", "strategic theme", "pillar"),
    "contributors": ("contributor", "helpers"),
    "depends_on": ("dependencies", "depends"),
    "tags": ("tag", "labels"),
    "score": ("grade", "final score"),
    "kr_id": ("key result id",),
    "kr_title": ("kr", "key result", "key results", "key result title", "kr name"),
    "kr_unit": ("unit", "measure unit", "unit of measure", "metric unit"),
    "baseline": ("start", "start value", "starting value", "from", "initial", "initial value"),
    "target": ("target value", "goal value", "to", "ideal"),
    "stretch": ("stretch target", "challenge"),
    "current": ("current value", "actual", "latest", "value"),
    "confidence": ("confidence level", "conf"),
    "due": ("due date", "deadline"),
    "kr_owner": ("key result owner", "responsible", "assignee"),
    "done": ("completed", "complete"),
    "progress": ("% complete", "percent complete", "completion"),
}

IMPORT_COLUMNS: dict[str, str] = {
    normalise_header(spelling): name
    for name in (*OBJECTIVE_COLUMNS, *KR_COLUMNS)
    for spelling in (name, *SYNONYMS.get(name, ()))
}
OBJECTIVE_FIELDS = OBJECTIVE_COLUMNS
KR_FIELDS = KR_COLUMNS
IGNORED_COLUMNS = COMPUTED_COLUMNS
