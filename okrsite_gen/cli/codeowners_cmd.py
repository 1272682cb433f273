"""`okrsite codeowners [--out PATH] [--check]`: CODEOWNERS from the org chart."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..codeowners import DEFAULT_PATHS, codeowners_text
from ..load import load_repo
from .common import UsageError, add_root_option, resolve_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "codeowners",
        help="write CODEOWNERS from the org chart",
        description="Write a CODEOWNERS file asking each objective owner's unit lead (and, "
        "for a person's objective, that person and their unit lead) to review its file.",
    )
    add_root_option(parser)
    parser.add_argument(
        "--forge",
        choices=sorted(DEFAULT_PATHS),
        default="github",
        help="where the file goes by default: .github/CODEOWNERS (github, the default) "
        "or CODEOWNERS at the root (gitlab)",
    )
    parser.add_argument(
        "--out", metavar="PATH", help="the file to write, relative to --root; '-' for stdout"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the file differs from what would be written",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    # Loading only: a repository with errors still gets reviewers for every file it can read.
    text = codeowners_text(load_repo(root).repo)
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    path = root / (args.out or DEFAULT_PATHS[args.forge])
    shown = _shown(path, root)
    if args.check:
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            print(f"{shown} is up to date.")
            return 0
        state = "missing" if current is None else "out of date"
        print(f"{shown} is {state}. Run `okrsite codeowners` and commit the result.")
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {shown}: {error.strerror}") from error
    print(f"Wrote {shown}.")
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
