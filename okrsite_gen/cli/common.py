"""Options and helpers every command shares."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

TODAY_ENV = "OKRSITE_TODAY"


class UsageError(Exception):
    """Bad arguments: reported on stderr with exit status 2."""


def add_root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the company repository (default: the current folder)",
    )


def add_today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help=f"the date health and tracking are judged on (default: ${TODAY_ENV}, else the clock)",
    )


def resolve_today(value: str | None) -> date:
    """ "Today" is an input: --today, else $OKRSITE_TODAY, else the clock."""
    text = value or os.environ.get(TODAY_ENV)
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise UsageError(f"today must be a date YYYY-MM-DD, not {text!r}") from error


def resolve_root(root: Path) -> Path:
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    return root.resolve()
