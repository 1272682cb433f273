"""Reading a spreadsheet file named on the command line (or standard input for `-`)."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import UsageError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")


def read_input(name: str) -> tuple[str, str]:
    """(text, name to report) of a CSV file; `-` is standard input. Bad input: UsageError."""
    if name == "-":
        data = sys.stdin.buffer.read()
        shown = "<stdin>"
    else:
        path = Path(name)
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            raise UsageError(
                f"{name} is a {path.suffix} workbook; okrsite reads CSV: in your spreadsheet "
                "use File > Save as (or Download) > CSV (UTF-8), then import that file"
            )
        try:
            data = path.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {name}: {error.strerror}") from error
        shown = name
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark.
        return data.decode("utf-8-sig"), shown
    except UnicodeDecodeError as error:
        raise UsageError(
            f"{shown} is not UTF-8 text (byte 0x{data[error.start]:02x} at {error.start}): "
            "save it as CSV UTF-8"
        ) from error
