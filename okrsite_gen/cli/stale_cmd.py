"""`okrsite stale`: key results with no check-in for N days, grouped by owner.

For a weekly reminder: `--format markdown` mentions each owner's forge handle, ready to
post as an issue or a comment. `--days` defaults to `[stale] days` in okrsite.toml (14).
"""

from __future__ import annotations

import argparse
import sys

from ..pipeline import check_repo
from ..report import summary
from ..upkeep.stale import FORMATS, as_markdown, as_text, stale_key_results
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stale",
        help="list key results nobody checked in lately",
        description="List the key results of running cycles with no check-in for N days, "
        "grouped by owner with their forge handles.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument(
        "--days", type=int, metavar="N", help="default: [stale] days in okrsite.toml, else 14"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument(
        "--include-private", action="store_true", help="list private objectives' KRs too"
    )
    parser.add_argument(
        "--exit-code", action="store_true", help="exit 1 when some key result is stale"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    today = resolve_today(args.today)
    result = check_repo(resolve_root(args.root), today)
    days = args.days if args.days is not None else int(result.settings.stale.days)
    if days < 1:
        raise UsageError("--days must be at least 1")
    if result.errors:  # still remind: a broken file elsewhere is no reason to stay quiet
        sys.stderr.write(f"okrsite stale: {summary(result)} Run `okrsite check`.\n")
    report = stale_key_results(result.repo, today, days, include_private=args.include_private)
    sys.stdout.write(as_markdown(report) if args.format == "markdown" else as_text(report))
    return 1 if args.exit_code and report.groups else 0
