"""`okrsite check`: validate everything; exit 0 clean, 1 errors (or warnings with --strict)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..incremental.cache import CACHE_ENV, default_cache_dir
from ..incremental.run import check_folder
from ..parallel import JOBS_ENV
from ..report import FORMATS, format_problems
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate the OKR files",
        description="Validate every OKR file; exit 0 when clean, 1 on errors. Each file's "
        "result is cached by its content, so a second run reads only what changed.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"read and judge every file; neither use nor write the cache "
        f"(kept in ${CACHE_ENV}, else ~/.cache/okrsite)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help=f"processes to judge files in (default: ${JOBS_ENV}, else one per core)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    cache_dir: Path | None = None if args.no_cache else default_cache_dir()
    result = check_folder(resolve_root(args.root), resolve_today(args.today), cache_dir, args.jobs)
    sys.stdout.write(format_problems(result, args.format))
    failed = result.errors or (args.strict and result.warnings)
    return 1 if failed else 0
