"""`okrsite checkin OBJECTIVE#KR VALUE`: record a key result's value without editing YAML.

Appends a check-in and moves `current` (or `done`/`progress`), editing the file in place:
comments, key order and quoting stay as they were. `--from FILE.csv` records many at once
(a scheduled CI job fed by a metrics query). Nothing is written unless the repository
passes `check` afterwards as well as it did before; `--dry-run` shows the diff instead.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..edit.cells import CellError, parse_date, parse_fraction, parse_number
from ..edit.changes import new_errors, unified_diff, write_changes
from ..edit.table import read_table
from ..model import Problem
from ..pipeline import check_repo
from ..report import as_text
from ..upkeep.checkin import (
    ARGUMENTS,
    CHECKIN_COLUMNS,
    CheckinPlan,
    CheckinRequest,
    plan_checkins,
    requests_from_table,
)
from ..wording import counted
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today
from .input import read_input


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checkin",
        help="record a key result's value (a check-in)",
        description="Append a check-in to a key result and update its current value, "
        "keeping the rest of the file byte for byte.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("ref", nargs="?", metavar="OBJECTIVE#KR", help="the key result")
    parser.add_argument("value", nargs="?", metavar="VALUE", help="a metric's new value")
    parser.add_argument("--confidence", metavar="C", help="0.0-1.0 or a percentage")
    parser.add_argument("--note", default="", help="what changed, in a sentence")
    parser.add_argument(
        "--by", metavar="PERSON", help="person id of who checks in (with --from: for rows without)"
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day measured (default: today; with --from: for rows without)",
    )
    parser.add_argument("--done", action="store_true", help="a milestone is reached")
    parser.add_argument("--progress", metavar="P", help="a milestone's progress, 0.0-1.0")
    parser.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE.csv",
        help="check-ins from a CSV file ('-' reads standard input)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show the diff, write nothing")
    parser.set_defaults(func=run)


def _argument_request(args: argparse.Namespace, today: date) -> CheckinRequest:
    if not args.ref:
        raise UsageError("name the key result (OBJECTIVE#KR), or give --from FILE.csv")
    try:
        value = parse_number(args.value)[0] if args.value is not None else None
        confidence = parse_fraction(args.confidence)[0] if args.confidence else None
        progress = parse_fraction(args.progress)[0] if args.progress else None
        day = parse_date(args.date) if args.date else today
    except CellError as error:
        raise UsageError(f"{error.message}. {error.hint}") from error
    return CheckinRequest(
        ref=args.ref,
        date=day,
        value=value,
        done=True if args.done else None,
        progress=progress,
        confidence=confidence,
        note=args.note,
        by=args.by,
    )


def _say(problem: Problem) -> str:
    """Problems with a typed argument have no file position to show."""
    if problem.file == ARGUMENTS:
        hint = f" — {problem.hint}" if problem.hint else ""
        return f"{problem.severity} {problem.rule}: {problem.message}{hint}"
    return as_text(problem)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    if args.from_file:
        if args.ref or args.value or args.done or args.progress or args.confidence or args.note:
            raise UsageError(
                "give either OBJECTIVE#KR VALUE (and its options) or --from FILE.csv, not both"
            )
        try:
            default_date = parse_date(args.date) if args.date else today
        except CellError as error:
            raise UsageError(error.message) from error
        text, name = read_input(args.from_file)
        table = read_table(text, name, CHECKIN_COLUMNS)
        requests, problems = requests_from_table(table, default_date, args.by)
    else:
        requests, problems = [_argument_request(args, today)], []
    before = check_repo(root, today)
    plan = plan_checkins(root, before.repo, requests, today)
    problems += plan.problems
    for problem in problems:
        sys.stderr.write(_say(problem) + "\n")
    if any(p.severity == "error" for p in problems):
        sys.stderr.write("Nothing written.\n")
        return 1
    errors = new_errors(root, today, plan.changes, before)
    if errors:
        sys.stderr.write("Nothing written: the check-in would bring these errors:\n")
        sys.stderr.write("".join(as_text(p) + "\n" for p in errors))
        return 1
    if args.dry_run:
        for rel, text in sorted(plan.changes.items()):
            sys.stdout.write(unified_diff(root, rel, text))
        print(f"Dry run: {_count(plan)}; nothing written.")
        return 0
    write_changes(root, plan.changes)
    for request in plan.applied:
        print(f"{request.ref}: checked in on {request.date}")
    print(f"Recorded {_count(plan)}.")
    return 0


def _count(plan: CheckinPlan) -> str:
    """ "3 check-ins in 2 files", as the summary lines say it."""
    return f"{counted(len(plan.applied), 'check-in')} in {counted(len(plan.changes), 'file')}"
