"""Problems as text, JSON and GitHub annotations: one line each, whatever the message holds."""

from __future__ import annotations

import json
from pathlib import Path

from okrsite_gen.config import Settings
from okrsite_gen.model import Loc, Problem, Repo
from okrsite_gen.pipeline import Checked
from okrsite_gen.report import as_github, as_text, format_problems

ODD = Problem(
    "unknown-owner",
    "error",
    Loc("content/okrs/2026-Q4/a,b: c/50% off.md", 3, 8),
    "owner `x` is 100% unknown\nreally",
    "did you mean `y`?",
)


def test_text_line() -> None:
    problem = Problem("metric-flat", "error", Loc("content/okrs/a b.md", 8, 13), "flat", "Aim.")
    assert as_text(problem) == "content/okrs/a b.md:8:13: error metric-flat: flat — Aim."


def test_github_annotation_escapes_properties_and_message() -> None:
    assert as_github(ODD) == (
        "::error file=content/okrs/2026-Q4/a%2Cb%3A c/50%25 off.md,line=3,col=8,"
        "title=unknown-owner::owner `x` is 100%25 unknown%0Areally%0Adid you mean `y`?"
    )


def test_warning_annotation_without_hint() -> None:
    warning = Problem("no-key-results", "warning", Loc("a.md", 2, 1), "no KRs")
    assert as_github(warning) == "::warning file=a.md,line=2,col=1,title=no-key-results::no KRs"


def test_json_keeps_text_as_written() -> None:
    result = Checked(Path("."), Repo(org=None), [ODD], Settings())
    report = json.loads(format_problems(result, "json"))
    assert report["problems"][0]["file"] == "content/okrs/2026-Q4/a,b: c/50% off.md"
    assert report["summary"] == {"errors": 1, "warnings": 0, "objectives": 0, "comments": 0}


def test_summary_line() -> None:
    result = Checked(Path("."), Repo(org=None), [], Settings())
    assert format_problems(result, "text") == "No problems in 0 objectives, 0 comments.\n"


HOSTILE = Problem(
    "unknown-owner",
    "error",
    Loc("content/okrs/a\x1b[31m.md", 2, 8),
    "owner `x\n::error file=fake.md::forged` is \u202eunknown\x07",
    "did you mean `y\r\n`?",
)


def test_text_never_breaks_the_line_or_drives_the_terminal() -> None:
    line = as_text(HOSTILE)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\x07" not in line
    assert "\u202e" not in line  # a bidi override would reorder what a reviewer reads
    assert line == (
        "content/okrs/a\\x1b[31m.md:2:8: error unknown-owner: owner `x\\n::error "
        "file=fake.md::forged` is \\u202eunknown\\x07 — did you mean `y\\r\\n`?"
    )


def test_github_annotation_is_one_command_whatever_the_message_holds() -> None:
    annotation = as_github(HOSTILE)
    assert annotation.count("\n") == 0 and "\x1b" not in annotation and "\u202e" not in annotation
    assert annotation.startswith("::error file=content/okrs/a\\x1b[31m.md,line=2,col=8,")
