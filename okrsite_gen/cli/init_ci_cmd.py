"""`okrsite init-ci github|gitlab`: write the CI workflow of a company's OKR repository."""

from __future__ import annotations

import argparse
import re
import sys

from ..ci import FORGES, WORKFLOW_PATHS, write_ci
from .common import UsageError, add_root_option, resolve_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init-ci",
        help="write a CI workflow (GitHub Actions or GitLab CI)",
        description="Write a workflow that checks every pull request, posts its OKR diff as "
        "one comment and publishes the site from the main branch (docs/ci.md).",
    )
    parser.add_argument("forge", choices=FORGES, help="where the repository is hosted")
    add_root_option(parser)
    parser.add_argument(
        "--branch", default="main", help="the branch the site is published from (default: main)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing workflow")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", args.branch):
        raise UsageError(f"--branch {args.branch!r} is not a branch name")
    try:
        written = write_ci(root, args.forge, branch=args.branch, overwrite=args.force)
    except FileExistsError:
        print(f"{WORKFLOW_PATHS[args.forge]} exists; pass --force to replace it.", file=sys.stderr)
        return 1
    except OSError as error:
        raise UsageError(f"cannot write the workflow: {error.strerror}") from error
    for path in written:
        print(f"Wrote {path.relative_to(root).as_posix()}. Each step is explained in docs/ci.md.")
    return 0
