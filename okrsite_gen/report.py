"""Problems as text for people, JSON for scripts, or GitHub Actions annotations."""

from __future__ import annotations

import json
import re
from typing import Protocol

from .model import Problem
from .wording import counted


class CheckOutcome(Protocol):
    """A check's outcome, however it was reached (pipeline.Checked, incremental's report)."""

    @property
    def problems(self) -> list[Problem]: ...
    @property
    def errors(self) -> list[Problem]: ...
    @property
    def warnings(self) -> list[Problem]: ...
    @property
    def objective_count(self) -> int: ...
    @property
    def comment_count(self) -> int: ...


FORMATS = ("text", "json", "github")


def summary(result: CheckOutcome) -> str:
    scope = (
        f"{counted(result.objective_count, 'objective')}, "
        f"{counted(result.comment_count, 'comment')}"
    )
    if not result.problems:
        return f"No problems in {scope}."
    return (
        f"{counted(len(result.errors), 'error')}, {counted(len(result.warnings), 'warning')} "
        f"in {scope}."
    )


# Control characters (newlines, ESC...) and bidirectional overrides from a file's values
# must not start a new log line (a fake `::error::` in CI), drive a terminal, or reorder
# what a reviewer reads.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(text: str, keep: str = "") -> str:
    """`text` with unprintable characters written as escapes (`\\n`, `\\x1b`, `\\u202e`)."""
    return _UNPRINTABLE.sub(
        lambda m: m[0] if m[0] in keep else m[0].encode("unicode_escape").decode("ascii"), text
    )


def as_text(problem: Problem) -> str:
    """One line, whatever the file's values hold."""
    hint = f" — {_visible(problem.hint)}" if problem.hint else ""
    where = f"{_visible(problem.file)}:{problem.line}:{problem.col}"
    return f"{where}: {problem.severity} {problem.rule}: {_visible(problem.message)}{hint}"


def _github_escape(text: str, property_value: bool = False) -> str:
    text = _visible(text, keep="\r\n")
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(problem: Problem) -> str:
    level = "error" if problem.severity == "error" else "warning"
    props = ",".join(
        [
            f"file={_github_escape(problem.file, True)}",
            f"line={problem.line}",
            f"col={problem.col}",
            f"title={_github_escape(problem.rule, True)}",
        ]
    )
    message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    return f"::{level} {props}::{_github_escape(message)}"


def as_dict(problem: Problem) -> dict[str, object]:
    return {
        "rule": problem.rule,
        "severity": problem.severity,
        "file": problem.file,
        "line": problem.line,
        "col": problem.col,
        "message": problem.message,
        "hint": problem.hint,
    }


def format_problems(result: CheckOutcome, output_format: str) -> str:
    if output_format == "json":
        document = {
            "version": 1,
            "problems": [as_dict(p) for p in result.problems],
            "summary": {
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "objectives": result.objective_count,
                "comments": result.comment_count,
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output_format == "github":
        lines = [as_github(p) for p in result.problems]
        return "".join(f"{line}\n" for line in lines) + summary(result) + "\n"
    return "".join(f"{as_text(p)}\n" for p in result.problems) + summary(result) + "\n"
