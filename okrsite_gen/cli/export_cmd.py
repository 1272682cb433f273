"""`okrsite export`: the alignment graph as JSON, CSV or GraphML (formats: docs/export.md).

Like the site build, it refuses a repository with errors (exit 1, the errors on stderr):
an export is read by BI tools and scripts that cannot tell a broken reference from a
real figure. Private objectives are left out unless --include-private.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import dump_json, to_csv, to_graphml, to_json
from ..graph import build_graph
from ..pipeline import check_repo
from ..report import as_text, summary
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today

EXPORT_FORMATS = ("json", "csv", "graphml")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="the OKR graph as JSON, CSV or GraphML",
        description="Write the alignment graph, with computed progress and health, as JSON "
        "(okrsite/okrs version 1), CSV (one row per key result) or GraphML.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="default: json")
    parser.add_argument(
        "--out", type=Path, metavar="PATH", help="write to this file (default: standard output)"
    )
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="keep private objectives (left out by default)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = check_repo(resolve_root(args.root), resolve_today(args.today))
    if result.errors:
        for problem in result.errors:
            sys.stderr.write(as_text(problem) + "\n")
        sys.stderr.write(f"{summary(result)} Nothing exported; fix the errors first.\n")
        return 1
    graph = build_graph(result.repo, resolve_today(args.today), result.settings.health)
    if args.format == "json":
        text = dump_json(to_json(graph, include_private=args.include_private))
    elif args.format == "csv":
        text = to_csv(graph, include_private=args.include_private)
    else:
        text = to_graphml(graph, include_private=args.include_private)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        # newline="": the text already has "\n" line ends; keep them byte for byte.
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {args.out}: {error.strerror}") from error
    return 0
