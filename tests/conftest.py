"""Shared test helpers: a tiny valid company repository, written as a user would write it.

`company` writes `VALID_REPO` into `tmp_path`; a test adds, overrides or deletes files and
runs the whole check (`company.check({...})`), then looks problems up by rule id.
String file texts are dedented (so they can be indented inside a test); bytes are written
as they are (for BOMs, CRLF, broken encodings).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.incremental.run import check_folder
from okrsite_gen.model import Problem
from okrsite_gen.pipeline import Checked, check_repo

# Mid-Q4, more than a month into every cycle: "nobody is tracking it" warnings are live.
TODAY = date(2026, 11, 23)

ORG = "content/okrs/org.yaml"

VALID_REPO: dict[str, str] = {
    ORG: """\
        # Acme: three levels of units, an annual cycle beside the quarters.
        name: Acme & Sons <Europe>
        mission: Make it easy to do business anywhere.
        vision: Every shop in Europe takes payments in one click.
        themes:
          - id: growth
            title: Grow internationally 🌍
            description: New markets, same product.
          - id: trust
            title: “Trusted” by default
        cycles:
          - id: "2026"
            start: 2026-01-01
            end: 2026-12-31
          - id: 2026-Q3
            start: 2026-07-01
            end: 2026-09-30
          - id: 2026-Q4
            start: 2026-10-01
            end: 2026-12-31
          - id: 2027-Q1
            title: Q1 2027 (nothing planned yet)
            start: 2027-01-01
            end: 2027-03-31
        units:
          - id: acme
            name: Acme & Sons
            lead: jane
          - id: engineering
            name: Engineering
            parent: acme
            lead: raj
          - id: platform
            name: Platform
            parent: engineering
            lead: alice
          - id: sales
            name: Sales <EMEA>
            parent: acme
        people:
          - id: jane
            name: Jane Doe
            unit: acme
            handle: janedoe
          - id: raj
            name: Raj Patel
            unit: engineering
          - id: alice
            name: Alice Ó Briain
            unit: platform
            title: Staff engineer
            email: alice@example.com
          - id: bob
            name: Bob
            unit: platform
        """,
    # The annual company objective: cycle from the first folder, default KR ids.
    "content/okrs/2026/acme/grow.md": """\
        ---
        title: Win [Europe](https://example.com/eu) — the “mid-market” & beyond 🚀
        owner: acme
        themes: [growth]
        key_results:
          - title: Grow merchants from 1,200 to 3,000
            baseline: 1200
            target: 3000
            current: 2100
          - title: Open 3 new countries
            done: false
        ---
        ## Why

        Because <small> shops deserve it.
        """,
    # A quarter aligning to its annual objective: the normal cascade, no warning.
    "content/okrs/2026-Q4/acme/delight.md": """\
        ---
        title: Delight shoppers at checkout
        owner: acme
        aligns_to: [2026/acme/grow#kr1]
        key_results:
          - id: nps
            title: Raise NPS from 31 to 45
            baseline: 31
            target: 45
            stretch: 50
            current: 38
            confidence: 0.6
        ---
        Body text.
        """,
    # A .yaml objective with an explicit id, a description, every KR kind and check-ins.
    "content/okrs/2026-Q4/platform/instant-checkout.yaml": """\
        id: platform-instant-checkout
        title: Make checkout feel instant
        owner: platform
        cycle: 2026-Q4
        aligns_to:
          - 2026-Q4/acme/delight#nps
        themes: [growth, trust]
        kind: aspirational
        contributors: [alice, bob]
        depends_on: [2026-Q4/platform/pci]
        tags: [performance]
        description: |
          ## Why
          Slow checkouts lose sales.
        key_results:
          - id: p95
            title: Cut checkout p95 latency from 1.2 s to 400 ms
            unit: ms
            baseline: 1200
            target: 400
            stretch: 250
            current: 800
            weight: 2
            due: 2026-12-15
            owner: alice
            checkins:
              - {date: 2026-10-15, value: 1000, confidence: 0.7, note: "cache warmed", by: alice}
              - {date: "2026-11-02", value: 800, by: bob}
          - title: Ship one-click pay to 100% of users
            progress: 0.5
          - title: PCI audit passed
            measured_by: 2026-Q4/platform/pci
        """,
    "content/okrs/2026-Q4/platform/pci.md": """\
        ---
        title: Pass the PCI DSS 4.0 audit
        owner: bob
        aligns_to: [2026-Q4/acme/delight]
        key_results:
          - title: Auditor signs off
            done: false
            due: 2026-12-01
        ---
        """,
    # Last quarter, finished and scored.
    "content/okrs/2026-Q3/platform/load-test.md": """\
        ---
        title: Survive Black Friday traffic ×3
        owner: platform
        aligns_to: [2026/acme/grow]
        status: done
        score: 0.8
        key_results:
          - title: Sustain 3,000 checkouts per second
            baseline: 1000
            target: 3000
            current: 2800
        ---
        """,
    "content/comments/2026-Q4/acme/delight/2026-10-20-alice-why-nps.md": """\
        ---
        objective: 2026-Q4/acme/delight#nps
        author: alice
        date: 2026-10-20
        kind: question
        ---
        Why 45 and not 50?
        """,
    "content/comments/platform-instant-checkout/2026-11-02-jane-kudos.md": """\
        ---
        objective: platform-instant-checkout
        author: jane
        date: "2026-11-02"
        kind: kudos
        ---
        1.2 s → 800 ms already. 🎉
        """,
}


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write `files` under `root`: text is dedented, bytes written as is, None deletes."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8", newline="")


class Company:
    """A company repository in a temporary folder, valid until a test changes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        write_files(root, VALID_REPO)

    def write(self, files: Mapping[str, str | bytes | None]) -> None:
        write_files(self.root, files)

    def replace(self, rel: str, old: str, new: str) -> None:
        """Edit one file in place; `old` must occur exactly once."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8", newline="")

    def check(
        self, files: Mapping[str, str | bytes | None] | None = None, today: date = TODAY
    ) -> Checked:
        """Write `files` (if any), then load and validate the whole repository."""
        if files:
            self.write(files)
        checked = check_repo(self.root, today)
        assert_check_command_agrees(checked, self.root, today, self.cache_dir)
        return checked

    @property
    def cache_dir(self) -> Path:
        """`okrsite check`'s cache for this company, kept outside it, as by default."""
        return self.root.parent / f"{self.root.name}-okrsite-cache"


def assert_check_command_agrees(
    checked: Checked, root: Path, today: date, cache_dir: Path | None
) -> None:
    """`okrsite check` takes another route (file by file, cached): same problems.

    With `cache_dir`, successive checks of a test reuse the cache, so every edit a test
    makes also tests that the cache notices it."""
    quick = check_folder(root, today, cache_dir, jobs=1)
    assert quick.problems == checked.problems
    assert quick.objective_count == len(checked.repo.objectives)
    assert quick.comment_count == len(checked.repo.comments)


@pytest.fixture(scope="session", autouse=True)
def check_cache_outside_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`okrsite check` run by tests (in this process or a child) caches in a temporary
    folder, not in the home folder of whoever runs the tests."""
    os.environ["OKRSITE_CACHE_DIR"] = str(tmp_path_factory.mktemp("okrsite-cache"))


@pytest.fixture
def company(tmp_path: Path) -> Company:
    return Company(tmp_path)


def problems_of(result: Checked, rule: str) -> list[Problem]:
    """The problems of one rule id, in report order."""
    return [problem for problem in result.problems if problem.rule == rule]


def where(problems: list[Problem]) -> list[tuple[str, str, int, int]]:
    """(rule, file, line, col) of each problem: what most tests assert exactly."""
    return [(p.rule, p.file, p.line, p.col) for p in problems]
