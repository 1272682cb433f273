"""`stale`: which key results wait for a check-in, as of several days, and for whom."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.load import load_repo
from okrsite_gen.upkeep.stale import as_markdown, as_text, stale_key_results

from ..conftest import write_files

ORG = """\
    name: Acme
    cycles:
      - {id: 2026-Q3, start: 2026-07-01, end: 2026-09-30}
      - {id: 2026-Q4, start: 2026-10-01, end: 2026-12-31}
      - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31}
    units:
      - {id: acme, name: Acme, lead: ana}
      - {id: team, name: The Team, parent: acme, lead: bo}
      - {id: lonely, name: Lonely, parent: acme}
    people:
      - {id: ana, name: Ana, unit: acme, handle: ana-gh}
      - {id: bo, name: Bo, unit: team}
"""

SHIP = """\
    ---
    title: Ship it
    owner: team
    key_results:
      - id: m1
        title: Metric owned by Ana
        baseline: 0
        target: 10
        owner: ana
        checkins:
          - {date: 2026-10-05, value: 1}
          - {date: 2026-11-02, value: 2}
      - id: m2
        title: Metric of the team, never checked in
        baseline: 0
        target: 10
      - id: open
        title: Milestone under way
        done: false
        checkins:
          - {date: 2026-11-20, progress: 0.5}
      - {id: reached, title: Reached, done: true}
      - {id: full, title: Full, progress: 1.0}
      - {id: measured, title: Measured, measured_by: 2026-Q4/lonely/other}
      - {id: vague, title: Not measurable}
    ---
"""


def objective(status: str = "active", visibility: str = "public", owner: str = "lonely") -> str:
    return f"""\
        ---
        title: Other
        owner: {owner}
        status: {status}
        visibility: {visibility}
        key_results:
          - {{id: k, title: A metric, baseline: 0, target: 1}}
        ---
    """


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_files(
        tmp_path,
        {
            "content/okrs/org.yaml": ORG,
            "content/okrs/2026-Q4/team/ship.md": SHIP,
            "content/okrs/2026-Q4/lonely/other.md": objective(),
            "content/okrs/2026-Q4/lonely/draft.md": objective("draft"),
            "content/okrs/2026-Q4/lonely/done.md": objective("done"),
            "content/okrs/2026-Q4/lonely/dropped.md": objective("dropped"),
            "content/okrs/2026-Q4/lonely/secret.md": objective(visibility="private"),
            "content/okrs/2026-Q3/lonely/old.md": objective(),
            "content/okrs/2027-Q1/ghost/next.md": objective(owner="ghost"),
        },
    )
    return tmp_path


def stale(root: Path, today: date, days: int = 14, private: bool = False) -> list[str]:
    report = stale_key_results(load_repo(root).repo, today, days, include_private=private)
    return [
        f"{owner.id}: {item.kr.ref} {item.days}" for owner, krs in report.groups for item in krs
    ]


def test_at_the_start_of_a_cycle_nothing_is_stale(root: Path) -> None:
    # Check-ins dated after "today" did not exist yet: m1's clock runs from 2026-10-05.
    assert stale(root, date(2026, 10, 10)) == []


def test_exactly_n_days_is_stale(root: Path) -> None:
    assert stale(root, date(2026, 10, 15)) == [
        "lonely: 2026-Q4/lonely/other#k 14",
        "team: 2026-Q4/team/ship#m2 14",
        "team: 2026-Q4/team/ship#open 14",
    ]
    assert stale(root, date(2026, 10, 15), days=15) == []


def test_late_in_the_cycle(root: Path) -> None:
    assert stale(root, date(2026, 11, 23)) == [
        "ana: 2026-Q4/team/ship#m1 21",
        "lonely: 2026-Q4/lonely/other#k 53",
        "team: 2026-Q4/team/ship#m2 53",
    ]
    assert "lonely: 2026-Q4/lonely/secret#k 53" in stale(root, date(2026, 11, 23), private=True)


def test_finished_cycles_are_left_alone_and_the_next_one_counts(root: Path) -> None:
    assert stale(root, date(2027, 1, 10)) == []
    assert stale(root, date(2027, 1, 20)) == ["ghost: 2027-Q1/ghost/next#k 19"]


def test_text_and_markdown_name_owners_and_handles(root: Path) -> None:
    report = stale_key_results(load_repo(root).repo, date(2026, 11, 23), 14)
    assert as_text(report) == (
        "3 key results of 3 owners with no check-in for 14 days or more (as of 2026-11-23).\n"
        "\n"
        "ana: Ana (@ana-gh)\n"
        "  2026-Q4/team/ship#m1  Metric owned by Ana\n"
        "    last check-in 2026-11-02 (21 days ago)\n"
        "\n"
        "lonely: Lonely (unit without a lead)\n"
        "  2026-Q4/lonely/other#k  A metric\n"
        "    no check-in yet; the cycle started 2026-10-01 (53 days ago)\n"
        "\n"
        "team: The Team (unit; lead Bo (no forge handle))\n"
        "  2026-Q4/team/ship#m2  Metric of the team, never checked in\n"
        "    no check-in yet; the cycle started 2026-10-01 (53 days ago)\n"
    )
    markdown = as_markdown(report)
    assert "### @ana-gh (Ana)\n\n- [ ] `2026-Q4/team/ship#m1` Metric owned by Ana" in markdown
    assert "### The Team (unit; lead Bo (no forge handle))" in markdown


def test_nothing_stale_says_so(root: Path) -> None:
    report = stale_key_results(load_repo(root).repo, date(2026, 10, 2), 14)
    assert as_text(report) == (
        "No key result has gone 14 days without a check-in (as of 2026-10-02).\n"
    )


def test_markdown_keeps_titles_from_pinging_people_or_adding_html(root: Path) -> None:
    other = root / "content/okrs/2026-Q4/lonely/other.md"
    other.write_text(
        other.read_text(encoding="utf-8").replace(
            "title: A metric", 'title: "Ask @ana-gh about <img src=x>"'
        ),
        encoding="utf-8",
    )
    markdown = as_markdown(stale_key_results(load_repo(root).repo, date(2026, 11, 23), 14))
    line = next(line for line in markdown.splitlines() if "lonely/other#k" in line)
    assert "@ana-gh" not in line and "@\u200bana-gh" in line
    assert "<img" not in line and "&lt;img src=x>" in line
