"""`okrsite import FILE.csv`: bring OKRs in from a spreadsheet, one row per key result.

A dry run by default: it prints the files it would write. `--write` writes them, and only
when the repository would pass `check` as well as it does now. Existing objectives are
left alone unless `--update`; unknown owners are listed, and added to org.yaml only with
`--create-missing`. The columns: docs/upkeep.md (the layout `okrsite export --format csv`
writes, plus the spellings spreadsheets use).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..adopt.columns import IGNORED_COLUMNS, IMPORT_COLUMNS
from ..adopt.importer import ORG_PATH, ImportOptions, ImportPlan, plan_import
from ..edit.changes import new_errors, unified_diff, write_changes
from ..edit.table import read_table
from ..pipeline import check_repo
from ..report import as_text
from .common import add_root_option, add_today_option, resolve_root, resolve_today
from .input import read_input


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="bring OKRs in from a CSV spreadsheet",
        description="Turn a CSV of key results (one per row, objective columns repeated "
        "or left blank below the first) into objective files. Dry run unless --write.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("file", metavar="FILE.csv", help="the CSV file ('-' reads standard input)")
    parser.add_argument("--write", action="store_true", help="write the files (default: show)")
    parser.add_argument(
        "--update", action="store_true", help="replace the fields of objectives that exist"
    )
    parser.add_argument(
        "--create-missing",
        action="store_true",
        help="add unknown owners to org.yaml (objective owners as units, others as people)",
    )
    parser.add_argument("--cycle", metavar="CYCLE", help="the cycle of rows that name none")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    text, name = read_input(args.file)
    table = read_table(text, name, IMPORT_COLUMNS, IGNORED_COLUMNS)
    before = check_repo(root, today)
    options = ImportOptions(args.update, args.create_missing, args.cycle)
    plan = plan_import(table, root, before.repo, options)
    for problem in plan.problems:
        sys.stderr.write(as_text(problem) + "\n")
    if plan.errors:
        sys.stderr.write(f"{len(plan.errors)} error(s) in {name}. Nothing written.\n")
        return 1
    errors = new_errors(root, today, plan.changes, before)
    if errors:
        sys.stderr.write("Nothing written: the imported files would not pass `okrsite check`:\n")
        sys.stderr.write("".join(as_text(p) + "\n" for p in errors))
        return 1
    if not args.write:
        _show(root, plan)
        print(f"Dry run: {_summary(plan)}. Nothing written; --write writes it.")
        return 0
    write_changes(root, plan.changes)
    print(f"Wrote {_summary(plan)}.")
    return 0


def _show(root: Path, plan: ImportPlan) -> None:
    """New files in full; changed ones (and org.yaml) as a diff."""
    for planned in plan.files:
        if planned.action == "create":
            print(f"=== {planned.path} (new) ===")
            sys.stdout.write(planned.text)
        else:
            sys.stdout.write(unified_diff(root, planned.path, planned.text))
    if plan.org_text is not None:
        sys.stdout.write(unified_diff(root, ORG_PATH, plan.org_text))


def _summary(plan: ImportPlan) -> str:
    created = sum(1 for f in plan.files if f.action == "create")
    unchanged = sum(1 for _, why in plan.skipped if why == "unchanged")
    parts = [
        f"{created} new objective file(s)",
        f"{len(plan.files) - created} updated",
        f"{unchanged} unchanged",
        f"{len(plan.skipped) - unchanged} existing left as they are",
    ]
    if plan.created:
        parts.append(
            "org.yaml: " + ", ".join(f"new {kind} `{id_}`" for kind, id_, _ in plan.created)
        )
    return ", ".join(parts)
