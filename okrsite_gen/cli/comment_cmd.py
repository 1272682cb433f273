"""`okrsite comment OBJECTIVE[#KR] --kind K --author PERSON`: write one comment file.

The file goes to content/comments/<objective id>/<date>-<author>-<slug>.md. The text comes
from --message, else from standard input when it is not a terminal (a pipe, a script),
else from $VISUAL/$EDITOR on a terminal. The target and the author are checked against the
repository first (with "did you mean" hints), an existing file is never overwritten, and
nothing is written unless the repository passes `okrsite check` with it as well as it did
without: the comment is valid by construction.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from ..comment_file import COMMENT_KINDS, comment_path, comment_slug, comment_text
from ..edit.changes import new_errors
from ..pipeline import check_repo
from ..report import as_text
from ..scaffold import slugify
from ..schema.check import did_you_mean
from ..validate import outlines_of
from .common import UsageError, add_root_option, add_today_option, resolve_root, resolve_today

# Below this line the editor's file holds help, and none of it is kept (as in git).
SCISSORS = "# ------------------------ >8 ------------------------"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "comment",
        help="write a comment file (question, feedback or kudos)",
        description="Write a comment on an objective or one of its key results to "
        "content/comments/<objective id>/<date>-<author>-<slug>.md. The text comes from "
        "--message, else standard input, else $EDITOR on a terminal. Never overwrites.",
    )
    add_root_option(parser)
    add_today_option(parser)
    parser.add_argument("target", metavar="OBJECTIVE[#KR]", help="an objective id or id#kr-id")
    parser.add_argument("--kind", required=True, choices=COMMENT_KINDS, help="what it is")
    parser.add_argument("--author", required=True, metavar="PERSON", help="your person id")
    parser.add_argument("--message", "-m", metavar="TEXT", help="the comment (Markdown)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    parser.add_argument("--slug", help="the end of the file name (default: from the text)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    day = _date(args.date, today)
    before = check_repo(root, today)
    repo = before.repo
    if repo.org is None:
        raise UsageError("content/okrs/org.yaml is missing or unreadable; `okrsite check` says why")
    outlines = outlines_of(repo)
    if not outlines.resolves(args.target):
        raise UsageError(
            f"`{args.target}` is not an objective or key result. {outlines.suggest(args.target)}"
        )
    people = {person.id for person in repo.org.people}
    if args.author not in people:
        hint = did_you_mean(args.author, sorted(people)) or "Use a person id from org.yaml."
        raise UsageError(f"--author: `{args.author}` is not a person in org.yaml; {hint}")
    if args.slug is not None and (not args.slug or slugify(args.slug) != args.slug):
        raise UsageError(f"--slug: `{args.slug}` is not a slug (a-z, 0-9 and -)")
    message = _message(args, _editor_help(args))
    if not message.strip():
        print("The comment is empty: nothing written.", file=sys.stderr)
        return 1
    rel = comment_path(args.target, day, args.author, args.slug or comment_slug(message, args.kind))
    text = comment_text(args.target, args.author, day, args.kind, message)
    if (root / rel).exists():
        print(
            f"{rel} exists; okrsite comment never overwrites a file. Pick another --slug.",
            file=sys.stderr,
        )
        return 1
    errors = new_errors(root, today, {rel: text}, before)
    if errors:
        sys.stderr.write("Nothing written: the comment would bring these errors:\n")
        sys.stderr.write("".join(as_text(p) + "\n" for p in errors))
        return 1
    path = root / rel
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        print(f"{rel} exists; okrsite comment never overwrites a file.", file=sys.stderr)
        return 1
    except OSError as error:
        raise UsageError(f"cannot write {rel}: {error.strerror}") from error
    print(f"Wrote {rel} ({args.kind} on `{args.target}`).")
    print("Next: commit it and open a pull request; the site shows it once merged.")
    return 0


def _date(text: str | None, today: date) -> date:
    if text is None:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise UsageError(f"--date must be YYYY-MM-DD, not {text!r}") from error


def _editor_help(args: argparse.Namespace) -> str:
    return (
        f"\n{SCISSORS}\n"
        f"# Write your {args.kind} on {args.target} above this line, in Markdown.\n"
        "# Everything from the scissors line down is left out; an empty text writes nothing.\n"
    )


def _message(args: argparse.Namespace, help_text: str) -> str:
    """The comment's text: --message, else a pipe on standard input, else the editor."""
    if args.message is not None:
        return args.message
    if not sys.stdin.isatty():
        return sys.stdin.read()
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("give --message TEXT, pipe the text in, or set $EDITOR")
    return _edit(editor, help_text)


def _edit(editor: str, help_text: str) -> str:
    with tempfile.TemporaryDirectory(prefix="okrsite-comment-") as folder:
        draft = Path(folder) / "COMMENT.md"
        draft.write_text(help_text, encoding="utf-8")
        try:
            # $EDITOR may carry options ("code --wait"): split it as a shell would.
            completed = subprocess.run([*shlex.split(editor), str(draft)], check=False)
        except OSError as error:
            raise UsageError(f"cannot run the editor {editor!r}: {error.strerror}") from error
        if completed.returncode != 0:
            raise UsageError(f"the editor {editor!r} exited with status {completed.returncode}")
        text = draft.read_text(encoding="utf-8")
    return text.split(SCISSORS, 1)[0]
