"""`okrsite init-ci github|gitlab`: write the CI workflow of a company's OKR repository.

`--stale-reminder` adds a weekly scheduled job that posts `okrsite stale` to one issue.
"""

from __future__ import annotations

import argparse
import re
import sys

from ..ci import FORGES, ci_files, write_ci
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
    add_stale_reminder_option(parser)
    parser.set_defaults(func=run)


def add_stale_reminder_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stale-reminder",
        action="store_true",
        help="also a weekly scheduled job posting `okrsite stale` to one issue (docs/ci.md)",
    )


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", args.branch):
        raise UsageError(f"--branch {args.branch!r} is not a branch name")
    files = ci_files(args.forge, args.branch, stale_reminder=args.stale_reminder)
    try:
        written = write_ci(
            root,
            args.forge,
            branch=args.branch,
            overwrite=args.force,
            stale_reminder=args.stale_reminder,
        )
    except FileExistsError:
        for rel in files:
            print(f"{rel} exists; pass --force to replace it.", file=sys.stderr)
        return 1
    except OSError as error:
        raise UsageError(f"cannot write the workflow: {error.strerror}") from error
    done = {path.relative_to(root).as_posix() for path in written}
    for rel in files:
        if rel in done:
            print(f"Wrote {rel}. Each step is explained in docs/ci.md.")
        else:
            print(f"Kept {rel}: it exists; pass --force to replace it.", file=sys.stderr)
    if args.stale_reminder:
        print(reminder_next_step(args.forge))
    return 0


def reminder_next_step(forge: str) -> str:
    """What the weekly reminder still needs from the company."""
    if forge == "gitlab":
        return (
            "The stale reminder runs in scheduled pipelines: create one in Build > Pipeline "
            "schedules (weekly), and a masked CI/CD variable OKRSITE_GITLAB_TOKEN (a token "
            "with the api scope). See docs/ci.md."
        )
    return "The stale reminder runs on Mondays at 07:00 UTC, or by hand from the Actions tab."
