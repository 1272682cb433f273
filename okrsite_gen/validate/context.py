"""What every rule receives: the look-ups, the company's guidance, and "today"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..config import Guidance
from ..model import Loc, Problem
from .index import Index
from .registry import RULES


@dataclass(frozen=True, slots=True)
class Context:
    index: Index
    guidance: Guidance
    today: date


Check = Callable[[Context], Iterable[Problem]]
CHECKS: list[Check] = []


def check(function: Check) -> Check:
    """Register a rule function; `validate()` runs them all in registration order."""
    CHECKS.append(function)
    return function


def problem(rule: str, loc: Loc, message: str, hint: str = "") -> Problem:
    """A problem of `rule`, with the rule's default severity from the registry."""
    return Problem(rule, RULES[rule].severity, loc, message, hint)
