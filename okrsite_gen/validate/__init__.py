"""Stage 2: model -> problems. One small function per rule; all problems in one run."""

from __future__ import annotations

from datetime import date

from ..config import Guidance
from ..model import Problem, Repo
from . import date_rules, guidance_rules, key_result_rules, org_rules, reference_rules
from .context import CHECKS, Context
from .index import Index
from .registry import RULES, Rule

__all__ = ["RULES", "Rule", "validate"]

# Importing the rule modules registers their checks; keep the names referenced.
_RULE_MODULES = (org_rules, reference_rules, key_result_rules, date_rules, guidance_rules)


def validate(repo: Repo, today: date, guidance: Guidance | None = None) -> list[Problem]:
    """Every problem the rules find in `repo`, in a stable order."""
    context = Context(Index.of(repo), guidance or Guidance(), today)
    problems = [found for run_check in CHECKS for found in run_check(context)]
    return sorted(problems, key=Problem.sort_key)
