"""`okrsite init [DIR]`: start a company's OKR repository that checks and builds at once.

Writes org.yaml (placeholders marked TODO; on a terminal it asks the name, mission and
first cycle), one example objective, mkdocs.yml, docs/, okrsite.toml, .gitignore and the
CI workflow of `okrsite init-ci` (`--forge github|gitlab|none`; `--stale-reminder` adds
its weekly reminder job). Files that exist are kept as they are; a folder that has an
org.yaml already is refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..adopt.starter import (
    ORG_PATH,
    PLACEHOLDER_MISSION,
    PLACEHOLDER_NAME,
    Starter,
    quarter_of,
    starter,
    starter_files,
    write_new_files,
)
from ..ci import FORGES, ci_files, write_ci
from .common import UsageError, add_today_option, resolve_today
from .init_ci_cmd import add_stale_reminder_option, reminder_next_step


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="start a company OKR repository",
        description="Write a starter OKR repository (org.yaml, an example objective, "
        "mkdocs.yml, CI) that passes `okrsite check` and builds as it is.",
    )
    parser.add_argument("dir", nargs="?", default=".", metavar="DIR", help="default: here")
    parser.add_argument(
        "--forge",
        choices=[*FORGES, "none"],
        default="github",
        help="CI workflow to write (default: github)",
    )
    add_stale_reminder_option(parser)
    parser.add_argument("--name", help="the company's name")
    parser.add_argument("--mission", help="why the company exists, in a sentence")
    parser.add_argument("--cycle", metavar="ID", help="first OKR cycle: 2026, 2026-H1 or 2026-Q4")
    add_today_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if args.stale_reminder and args.forge == "none":
        raise UsageError("--stale-reminder is a CI job: it needs --forge github or gitlab")
    if (root / ORG_PATH).exists():
        print(
            f"okrsite init: {root / ORG_PATH} exists: this is an OKR repository already.",
            file=sys.stderr,
        )
        return 1
    today = resolve_today(args.today)
    ask = _asker() if sys.stdin.isatty() else None
    answers = _answers(args, quarter_of(today), ask)
    try:
        root.mkdir(parents=True, exist_ok=True)
        written, kept = write_new_files(root, starter_files(answers))
        if args.forge != "none":
            written += _write_workflow(root, args.forge, kept, args.stale_reminder)
    except OSError as error:
        raise UsageError(f"cannot write in {root}: {error.strerror}") from error
    for rel in written:
        print(f"  wrote {rel}")
    for rel in kept:
        print(f"  kept  {rel} (it exists; okrsite leaves it as it is)")
    _next_steps(root, answers, kept)
    if args.stale_reminder:
        print(reminder_next_step(args.forge))
    return 0


def _write_workflow(root: Path, forge: str, kept: list[str], stale_reminder: bool) -> list[str]:
    """The CI files of `okrsite init-ci`, except those the repository has."""
    files = list(ci_files(forge, stale_reminder=stale_reminder))  # type: ignore[arg-type]
    try:
        paths = write_ci(root, forge, stale_reminder=stale_reminder)  # type: ignore[arg-type]
    except FileExistsError:
        paths = []
    written = [path.relative_to(root).as_posix() for path in paths]
    kept += [rel for rel in files if rel not in written]
    return written


def _asker() -> Callable[[str, str], str]:
    def ask(question: str, default: str) -> str:
        answer = input(f"{question} [{default}]: ").strip()
        return answer or default

    return ask


def _answers(
    args: argparse.Namespace, default_cycle: str, ask: Callable[[str, str], str] | None
) -> Starter:
    """The flags; on a terminal, questions for what they leave out; else placeholders."""
    name, mission, cycle = args.name, args.mission, args.cycle
    if ask is not None:
        name = name or ask("Company name", PLACEHOLDER_NAME)
        mission = mission or ask("Mission, in a sentence", PLACEHOLDER_MISSION)
    while True:
        if ask is not None and not args.cycle:
            cycle = ask("First OKR cycle (2026, 2026-H1 or 2026-Q4)", default_cycle)
        try:
            return starter(name, mission, cycle or default_cycle)
        except ValueError as error:
            if ask is None or args.cycle:
                raise UsageError(str(error)) from error
            print(error, file=sys.stderr)


def _next_steps(root: Path, answers: Starter, kept: list[str]) -> None:
    where = "" if root == Path(".") else f" --root {root}"
    todo = "org.yaml's TODOs" if answers.name == PLACEHOLDER_NAME else "org.yaml"
    print(
        f"\nNext: fill in {todo} (units, people), then\n"
        f"  okrsite check{where}       # every problem, with its file and line\n"
        f"  okrsite serve{where}       # preview the site at http://127.0.0.1:8000\n"
        "  git add -A && git commit -m 'Our OKRs'"
    )
    if "mkdocs.yml" in kept:
        print("mkdocs.yml was kept: add `- okrsite` under its `plugins:` to publish the OKRs.")
