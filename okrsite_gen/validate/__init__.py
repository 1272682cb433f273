"""Stage 2: model -> problems. One small function per rule; all problems in one run.

Per-file rules judge one record against org.yaml; cross-file rules judge every
objective's outline together (see context.py). `validate` runs both over a loaded
repository; `okrsite check` runs the per-file half file by file (cached, in parallel)
and the cross-file half once.
"""

from __future__ import annotations

from datetime import date

from ..config import Guidance
from ..model import Comment, Objective, Org, Problem, Repo
from . import date_rules, guidance_rules, key_result_rules, org_rules, reference_rules
from .context import COMMENT_CHECKS, OBJECTIVE_CHECKS, ORG_CHECKS, FileContext, OrgIndex
from .cross_file_rules import CROSS_CHECKS, CrossContext, Outlines
from .outline import outline_comment, outline_objective
from .registry import RULES, Rule

__all__ = [
    "RULES",
    "FileContext",
    "OrgIndex",
    "Outlines",
    "Rule",
    "outlines_of",
    "validate",
    "validate_comment",
    "validate_cross_file",
    "validate_objective",
    "validate_org",
]

# Importing the rule modules registers their checks; keep the names referenced.
_RULE_MODULES = (org_rules, reference_rules, key_result_rules, date_rules, guidance_rules)


def validate_org(org: Org, ctx: FileContext) -> list[Problem]:
    return [found for run in ORG_CHECKS for found in run(org, ctx)]


def validate_objective(objective: Objective, ctx: FileContext) -> list[Problem]:
    return [found for run in OBJECTIVE_CHECKS for found in run(objective, ctx)]


def validate_comment(comment: Comment, ctx: FileContext) -> list[Problem]:
    return [found for run in COMMENT_CHECKS for found in run(comment, ctx)]


def validate_cross_file(
    outlines: Outlines, org: OrgIndex, guidance: Guidance, today: date
) -> list[Problem]:
    ctx = CrossContext(outlines, org.cycles, guidance, today)
    return [found for run in CROSS_CHECKS for found in run(ctx)]


def outlines_of(repo: Repo) -> Outlines:
    return Outlines.of(
        [outline_objective(o) for o in repo.objectives],
        [outline_comment(c) for c in repo.comments],
    )


def validate(repo: Repo, today: date, guidance: Guidance | None = None) -> list[Problem]:
    """Every problem the rules find in `repo`, in a stable order."""
    guidance = guidance or Guidance()
    org = OrgIndex.of(repo.org)
    ctx = FileContext(org, guidance)
    problems = validate_org(repo.org, ctx) if repo.org is not None else []
    for objective in repo.objectives:
        problems += validate_objective(objective, ctx)
    for comment in repo.comments:
        problems += validate_comment(comment, ctx)
    problems += validate_cross_file(outlines_of(repo), org, guidance, today)
    return sorted(problems, key=Problem.sort_key)
