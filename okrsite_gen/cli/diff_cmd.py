"""`okrsite diff BASE [HEAD]`: the change between two git revisions in OKR terms.

HEAD defaults to the working tree. Exit status says whether the head is valid, so CI
can post the diff and gate on one command: 0 valid, 1 errors in the head, 2 usage
(a revision git does not know, no repository).
"""

from __future__ import annotations

import argparse
import sys

from ..diff import FORMATS, diff_states, read_state, render
from ..git import GitError
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what changed in OKR terms between two git revisions",
        description="Compare the OKRs at two git revisions (HEAD defaults to the working "
        "tree): objectives added, removed, moved and changed, alignment, owners, visibility, "
        "new problems, the impact up and down the cascade and the owners to notify. "
        "Exit 0 when the head is valid, 1 when it has errors.",
    )
    parser.add_argument("base", metavar="BASE", help="the revision to compare from (origin/main)")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", help="the revision to compare to (default: working tree)"
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="default: markdown")
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="show private objectives too (a public diff only counts their changes)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    try:
        base = read_state(root, args.base, today)
        head = read_state(root, args.head, today)
    except GitError as error:
        raise UsageError(str(error)) from error
    diff = diff_states(base, head, include_private=args.include_private)
    sys.stdout.write(render(diff, args.format))
    return 1 if head.checked.errors else 0
