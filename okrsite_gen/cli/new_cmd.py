"""`okrsite new`: scaffold an objective file at content/okrs/<cycle>/<owner>/<slug>.md.

Values come from flags; on a terminal, missing ones are asked for (and a wrong answer is
asked again). Without a terminal, missing required flags are a usage error (exit 2). An
existing file is never overwritten (exit 1). Every value is checked against the org
chart and the objectives first, so the file written passes `okrsite check`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date

from ..load import load_repo
from ..model import Org, Repo, running_cycle
from ..scaffold import NewObjective, objective_text, slugify
from ..schema.check import did_you_mean
from ..schema.fields import SLUG
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today

KINDS = ("committed", "aspirational")
Check = Callable[[str], str]  # a value -> "" when fine, else what is wrong


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="scaffold a new objective file",
        description="Write a new objective file at content/okrs/<cycle>/<owner>/<slug>.md. "
        "On a terminal, missing values are asked for; an existing file is never overwritten.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("--title", help="what you want to achieve, qualitative and inspiring")
    parser.add_argument("--owner", help="the unit or person id that owns it")
    parser.add_argument(
        "--cycle", help="the cycle id (default: the shortest cycle running on --today)"
    )
    parser.add_argument(
        "--aligns-to",
        action="append",
        default=[],
        metavar="REF",
        help="a parent objective id or objective-id#kr-id (repeat, or separate with commas)",
    )
    parser.add_argument("--kind", choices=KINDS, help="default: committed")
    parser.add_argument(
        "--theme", action="append", default=[], metavar="ID", help="a strategic theme it serves"
    )
    parser.add_argument("--slug", help="the file name without .md (default: from the title)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    repo = load_repo(root).repo
    if repo.org is None:
        raise UsageError("content/okrs/org.yaml is missing or unreadable; `okrsite check` says why")
    interactive = sys.stdin.isatty()
    missing = [
        flag for flag, value in (("--title", args.title), ("--owner", args.owner)) if not value
    ]
    if missing and not interactive:
        raise UsageError(
            f"missing {' and '.join(missing)} (standard input is not a terminal, so okrsite "
            "cannot ask)"
        )
    asking = bool(missing)  # answering questions already: ask the optional values too
    new = _gather(args, repo, repo.org, today, asking)
    path = root / new.path
    if path.exists():
        print(
            f"{new.path} exists; okrsite new never overwrites a file. Pick another --slug.",
            file=sys.stderr,
        )
        return 1
    if any(o.id == new.id for o in repo.objectives):
        print(
            f"an objective with id `{new.id}` exists already. Pick another --slug.", file=sys.stderr
        )
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="") as handle:  # "x": never overwrite
            handle.write(objective_text(new))
    except FileExistsError:
        print(f"{new.path} exists; okrsite new never overwrites a file.", file=sys.stderr)
        return 1
    except OSError as error:
        raise UsageError(f"cannot write {new.path}: {error.strerror}") from error
    print(f"Wrote {new.path} (objective `{new.id}`).")
    print("Next: say why and how, add two to five key results, then run `okrsite check`.")
    return 0


def _gather(
    args: argparse.Namespace, repo: Repo, org: Org, today: date, asking: bool
) -> NewObjective:
    """The new objective's values, each checked against the repository."""
    owners = {u.id for u in org.units} | {p.id for p in org.people}
    cycles = {c.id for c in org.cycles}
    refs = {o.id for o in repo.objectives} | {
        kr.ref for o in repo.objectives for kr in o.key_results
    }
    themes = {t.id for t in org.themes}
    title = _value("--title", args.title, "Title", _required)
    owner = _value("--owner", args.owner, "Owner (unit or person id)", _one_of(owners, "owner"))
    running = running_cycle(org.cycles, today)
    if args.cycle is not None:
        cycle = _value("--cycle", args.cycle, "", _one_of(cycles, "cycle"))
    elif asking:
        cycle = _ask("Cycle", _one_of(cycles, "cycle"), running.id if running else None)
    elif running is not None:
        cycle = running.id
    else:
        raise UsageError(f"no cycle runs on {today}; pass --cycle ({', '.join(sorted(cycles))})")
    aligns = _split(args.aligns_to)
    if not aligns and asking:
        aligns = _split(
            [_ask("Aligns to (objective id or id#kr, commas; Enter for none)", _refs(refs), "")]
        )
    for ref in aligns:
        _value("--aligns-to", ref, "", _one_of(refs, "objective or key result"))
    for theme in args.theme:
        _value("--theme", theme, "", _one_of(themes, "theme"))
    kind = args.kind or "committed"
    if args.kind is None and asking:
        kind = _ask("Kind (committed or aspirational)", _one_of(set(KINDS), "kind"), "committed")
    slug = _value("--slug", args.slug or slugify(title), "", _slug)
    return NewObjective(title.strip(), owner, cycle, aligns, kind, list(args.theme), slug)


def _split(values: list[str]) -> list[str]:
    """`--aligns-to a,b --aligns-to c` -> [a, b, c], without repeats."""
    return list(dict.fromkeys(r.strip() for item in values for r in item.split(",") if r.strip()))


def _required(value: str) -> str:
    return "" if value.strip() else "a value is required"


def _one_of(choices: set[str], what: str) -> Check:
    def check(value: str) -> str:
        if value in choices:
            return ""
        hint = did_you_mean(value, sorted(choices))
        return f"no {what} `{value}`" + (f"; {hint}" if hint else "")

    return check


def _refs(refs: set[str]) -> Check:
    one = _one_of(refs, "objective or key result")
    return lambda answer: next(
        (e for r in answer.split(",") if r.strip() and (e := one(r.strip()))), ""
    )


def _slug(value: str) -> str:
    return "" if re.match(SLUG, value) else f"`{value}` is not a slug (a-z, 0-9, - _ .)"


def _value(flag: str, given: str | None, question: str, check: Check) -> str:
    """A flag's value when given (a usage error when wrong), otherwise asked for."""
    if given is not None:
        problem = check(given)
        if problem:
            raise UsageError(f"{flag}: {problem}")
        return given
    return _ask(question, check, None)


def _ask(question: str, check: Check, default: str | None) -> str:
    """Ask on the terminal until the answer passes `check`; Enter takes the default."""
    suffix = f" [{default}]" if default else ""
    while True:
        try:
            answer = input(f"{question}{suffix}: ").strip()
        except EOFError as error:
            raise UsageError("no answer (end of input)") from error
        if not answer and default is not None:
            return default
        problem = check(answer)
        if not problem:
            return answer
        print(f"  {problem}", file=sys.stderr)
