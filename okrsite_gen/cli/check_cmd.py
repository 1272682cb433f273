"""`okrsite check`: validate everything; exit 0 clean, 1 errors (or warnings with --strict)."""

from __future__ import annotations

import argparse
import sys

from ..pipeline import check_repo
from ..report import FORMATS, format_problems
from .common import add_root_option, add_today_option, resolve_root, resolve_today


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate the OKR files",
        description="Validate every OKR file; exit 0 when clean, 1 on errors.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = check_repo(resolve_root(args.root), resolve_today(args.today))
    sys.stdout.write(format_problems(result, args.format))
    failed = result.errors or (args.strict and result.warnings)
    return 1 if failed else 0
