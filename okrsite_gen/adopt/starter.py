"""A starter company repository: the files `okrsite init` writes.

Everything passes `okrsite check` with no warning and builds with `okrsite build
--strict` as written: org.yaml with placeholders marked TODO, one example objective,
mkdocs.yml, a hand-written docs page (MkDocs needs a docs folder), okrsite.toml with
every setting shown commented out, and .gitignore. The CI workflow comes from `ci`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..edit.yaml_text import scalar
from ..load.files import CONTENT_DIR, OKRS_DIR, ORG_FILE
from ..scaffold import slugify

ORG_PATH = f"{CONTENT_DIR}/{OKRS_DIR}/{ORG_FILE}"
PLACEHOLDER_NAME = "Example Co"
PLACEHOLDER_MISSION = "TODO: why the company exists, in one sentence."
CEO = "ceo"


@dataclass(frozen=True, slots=True)
class Starter:
    """What `okrsite init` asks for: the company's name, mission and first cycle."""

    name: str
    mission: str
    cycle: str
    start: date
    end: date

    @property
    def root_unit(self) -> str:
        return slugify(self.name, 32) if re.search(r"[A-Za-z0-9]", self.name) else "company"


def quarter_of(day: date) -> str:
    """`2026-Q4` for any day of October to December 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def cycle_span(cycle_id: str) -> tuple[date, date]:
    """First and last day of a cycle named `2026`, `2026-H1` or `2026-Q4`; ValueError else."""
    match = re.fullmatch(r"(\d{4})(?:-([QH])([1-4]))?", cycle_id.strip(), flags=re.IGNORECASE)
    if not match or (match[2] and match[2].upper() == "H" and int(match[3]) > 2):
        raise ValueError(
            f"cycle `{cycle_id}` is not a year or a half or quarter of one: "
            "write 2026, 2026-H1 or 2026-Q4 (other cycles: edit org.yaml afterwards)"
        )
    year = int(match[1])
    if not match[2]:
        return date(year, 1, 1), date(year, 12, 31)
    months = 3 if match[2].upper() == "Q" else 6
    first_month = (int(match[3]) - 1) * months + 1
    start = date(year, first_month, 1)
    after = (
        date(year + 1, 1, 1) if first_month + months > 12 else date(year, first_month + months, 1)
    )
    return start, after - timedelta(days=1)


def starter(name: str | None, mission: str | None, cycle: str) -> Starter:
    """The answers, with placeholders for what was not given (ValueError on a bad cycle)."""
    cycle_id = cycle.strip()
    cycle_id = cycle_id[:5] + cycle_id[5:].upper()  # 2026-q4 -> 2026-Q4
    start, end = cycle_span(cycle_id)
    return Starter(
        (name or "").strip() or PLACEHOLDER_NAME,
        (mission or "").strip() or PLACEHOLDER_MISSION,
        cycle_id,
        start,
        end,
    )


def _org(s: Starter) -> str:
    todo_name = "   # TODO: your company's name" if s.name == PLACEHOLDER_NAME else ""
    return f"""\
# The organisation behind our OKRs. Every field is explained in okrsite's docs/format.md.
# Fill in the TODOs, add your units and people, then run `okrsite check`.
name: {scalar(s.name)}{todo_name}
mission: {scalar(s.mission)}
vision: "TODO: where the company is going in three to five years."
themes:                      # strategic themes (pillars) that the vision breaks into
  - id: growth
    title: Grow (an example theme; rename it, add yours)
cycles:                      # OKR periods; every objective belongs to exactly one
  - id: {scalar(s.cycle)}
    start: {s.start}
    end: {s.end}
units:                       # the org tree: exactly one unit, the company, has no parent
  - id: {s.root_unit}
    name: {scalar(s.name)}
    lead: {CEO}
  # - id: engineering
  #   name: Engineering
  #   parent: {s.root_unit}
  #   lead: someone
people:                      # everyone who owns, contributes to or comments on objectives
  - id: {CEO}
    name: "TODO: your CEO's name"
    unit: {s.root_unit}
    # handle: their-user-name   # on the code forge: review requests and @-mentions
"""


def _example_objective(s: Starter) -> str:
    return f"""\
---
# An example objective: edit it, copy it for your own, or delete it.
# One objective per file; every field is explained in okrsite's docs/format.md.
title: Run the company on open, measurable goals
owner: {s.root_unit}
themes: [growth]
key_results:
  - id: published
    title: Every team's objectives for {s.cycle} published on the OKR site
    done: false
    owner: {CEO}
  - id: checkins
    title: Raise the share of teams checking in every week from 0% to 80%
    unit: "%"
    baseline: 0
    target: 80
    current: 0
    owner: {CEO}
---
## Why

Goals everyone can read are goals everyone can align to. This file is the first of them.

## How

Each team writes two to five objectives, each with two to five measurable key results,
and proposes them by pull request. Every week, owners record where each key result stands:
`okrsite checkin {s.cycle}/{s.root_unit}/open-goals#checkins 25`.
"""


def _mkdocs(s: Starter) -> str:
    return f"""\
# The OKR site: `okrsite build` writes it to site/, `okrsite serve` previews it.
site_name: {scalar(s.name + " OKRs")}
# repo_url: https://github.com/your-company/okrs   # "propose a change" links to the forge

theme:
  name: material
  features:
    - navigation.instant
    - navigation.tabs
    - search.highlight

plugins:
  - search
  - tags
  - okrsite

markdown_extensions:
  - attr_list
  - tables
  - admonition
  - toc:
      permalink: true
"""


_DOCS_PAGE = """\
# How we do OKRs

This page is yours: write here how your company sets, reviews and grades its goals.
Pages in `docs/` appear beside the ones okrsite generates from `content/`.

- **Objectives** say what we want to achieve: inspiring and qualitative.
- **Key results** say how we know we got there: a metric from a baseline to a target, or
  a milestone.
- Anyone can propose a goal or a change by pull request; CI checks it.
- Owners check in every week: `okrsite checkin OBJECTIVE#KR VALUE`.
"""

_CONFIG = """\
# The company's OKR policy, read by every okrsite command. Every setting is optional;
# the values shown are the defaults. See okrsite's docs/format.md, "okrsite.toml".

# [rules]                      # severity per rule id: "error", "warning" or "off"
# max-objectives = "error"

# [guidance]
# max_objectives_per_owner = 5
# max_key_results = 5
# untracked_after_days = 30

# [stale]                      # `okrsite stale`: no check-in for this many days
# days = 14
"""

_GITIGNORE = """\
# The built site is published by CI, not committed.
/site/
.cache/
__pycache__/
"""


def starter_files(s: Starter) -> dict[str, str]:
    """Path (from the repository root) -> text of every file, the workflow aside."""
    objective = f"{CONTENT_DIR}/{OKRS_DIR}/{s.cycle}/{s.root_unit}/open-goals.md"
    return {
        ORG_PATH: _org(s),
        objective: _example_objective(s),
        "mkdocs.yml": _mkdocs(s),
        "docs/how-we-do-okrs.md": _DOCS_PAGE,
        "okrsite.toml": _CONFIG,
        ".gitignore": _GITIGNORE,
    }


def write_new_files(root: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Write the files that do not exist yet; (written, kept as they were)."""
    written, kept = [], []
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="") as handle:  # "x": never overwrite
            handle.write(text)
        written.append(rel)
    return written, kept
