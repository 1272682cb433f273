"""Values as people type them in spreadsheets and on the command line.

"45%", "1,200", " 0.7 ", "yes", "2026-11-23 00:00:00": each parser returns the clean value
or raises `CellError` with a message and a hint, so callers can report the row and column.
Numbers go through `Decimal`, so "70%" as a fraction is exactly 0.7, not 0.7000000000000001.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

Number = int | float

# Spaces (also no-break and thin), apostrophes and underscores group digits: 1 200, 1'200.
_GROUPING = re.compile(r"(?<=\d)[\s\u00a0\u202f'’_](?=\d)")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}(,\d+)?$")
_TRUE = {"true", "yes", "y", "x", "1", "done", "✓", "✔", "☑"}
_FALSE = {"false", "no", "n", "0", "not done", "open", "☐"}


class CellError(ValueError):
    """A value that cannot be read; `hint` says what would be."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def clean(text: str | None) -> str:
    """Trimmed text; None and blanks (also no-break spaces) become ""."""
    return (text or "").strip().strip("\u00a0\u202f\ufeff").strip()


def _decimal(text: str) -> tuple[Decimal, bool]:
    """(number, was a percentage) from text with grouping and decimal commas."""
    raw = clean(text)
    percent = raw.endswith("%")
    body = _GROUPING.sub("", raw.removesuffix("%").strip())
    if _THOUSANDS_COMMA.match(body):
        body = body.replace(",", "")
    elif _THOUSANDS_DOT.match(body):
        body = body.replace(".", "").replace(",", ".")
    elif "," in body and "." in body:
        # Both: the last one is the decimal mark (1.200,50 or 1,200.50).
        if body.rfind(",") > body.rfind("."):
            body = body.replace(".", "").replace(",", ".")
        else:
            body = body.replace(",", "")
    elif body.count(",") == 1:
        body = body.replace(",", ".")  # a decimal comma: 0,7
    try:
        number = Decimal(body)
    except InvalidOperation as error:
        raise CellError(
            f"`{raw}` is not a number",
            "Write a plain number such as 1200, 1,200, 45% or 0.7.",
        ) from error
    if not number.is_finite():
        raise CellError(f"`{raw}` is not a finite number", "Write a plain number.")
    return number, percent


def _plain(number: Decimal) -> Number:
    """An int when the text had no fractional digits, else the float it denotes."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(number)
    return float(number)


def parse_number(text: str) -> tuple[Number, bool]:
    """A metric value: "1,200" -> 1200, "45%" -> 45 (and True: it was a percentage)."""
    number, percent = _decimal(text)
    return _plain(number), percent


def parse_fraction(text: str) -> tuple[float, bool]:
    """A 0.0-1.0 value: "0.7" -> 0.7, "70%" -> 0.7; "70" -> 0.7 too (and True: rescaled).

    A bare number above 1 and at most 100 can only be meant as a percentage; the flag
    lets the caller say so instead of rescaling silently.
    """
    number, percent = _decimal(text)
    rescaled = False
    if percent:
        number = number / 100
    elif 1 < number <= 100:
        number, rescaled = number / 100, True
    if not 0 <= number <= 1:
        raise CellError(
            f"`{clean(text)}` is not between 0 and 1 (or 0% and 100%)",
            "Write a fraction such as 0.7, or a percentage such as 70%.",
        )
    return float(number), rescaled


def parse_bool(text: str) -> bool:
    """true/false, yes/no, x, done, ✓ ... (case-insensitive)."""
    word = clean(text).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(f"`{clean(text)}` is not true or false", "Write true or false (or yes/no).")


def parse_date(text: str) -> date:
    """YYYY-MM-DD, also with a midnight time as spreadsheets export dates."""
    raw = clean(text)
    try:
        if len(raw) > 10 and raw[10] in " T":
            return datetime.fromisoformat(raw).date()
        return date.fromisoformat(raw)
    except ValueError as error:
        raise CellError(f"`{raw}` is not a date", "Write dates as YYYY-MM-DD.") from error


def split_list(text: str) -> list[str]:
    """Items of a list cell: split on ";" (what `okrsite export` writes), else on ","."""
    raw = clean(text)
    if not raw:
        return []
    separator = ";" if ";" in raw else ","
    return [item for item in (clean(part) for part in raw.split(separator)) if item]


def normalise_header(text: str) -> str:
    """A header as a lookup key: "Objective_Title " and "objective-title" -> "objective title"."""
    words = re.sub(r"[\s_\-]+", " ", clean(text).lower())
    return words.strip()
