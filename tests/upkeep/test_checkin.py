"""Check-ins as in-place edits: the expected lines change, every other byte stays."""

from __future__ import annotations

import difflib
from datetime import date

import pytest

from okrsite_gen.edit.changes import new_errors
from okrsite_gen.edit.table import read_table
from okrsite_gen.upkeep.checkin import (
    CHECKIN_COLUMNS,
    CheckinPlan,
    CheckinRequest,
    plan_checkins,
    requests_from_table,
)

from ..conftest import TODAY, Company

YAML_FILE = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
GROW_FILE = "content/okrs/2026/acme/grow.md"


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line[0] + line[2:] for line in diff if line[:1] in "+-"]


def plan(company: Company, *requests: CheckinRequest) -> CheckinPlan:
    return plan_checkins(company.root, company.check().repo, requests, TODAY)


def text_of(company: Company, rel: str) -> str:
    return (company.root / rel).read_text(encoding="utf-8")


def test_a_metric_checkin_changes_current_and_adds_one_line(company: Company) -> None:
    before = text_of(company, YAML_FILE)
    result = plan(
        company,
        CheckinRequest(
            "platform-instant-checkout#p95", date(2026, 11, 20), value=650, note="CDN: live"
        ),
    )
    assert result.problems == []
    assert changed_lines(before, result.changes[YAML_FILE]) == [
        "-    current: 800\n",
        "+    current: 650\n",
        '+      - {date: 2026-11-20, value: 650, note: "CDN: live"}\n',
    ]
    assert new_errors(company.root, TODAY, result.changes) == []


def test_a_kr_without_checkins_gets_them_and_the_body_stays(company: Company) -> None:
    before = text_of(company, GROW_FILE)
    result = plan(
        company,
        CheckinRequest(
            "2026/acme/grow#kr1", date(2026, 11, 2), value=2300, confidence=0.8, by="jane"
        ),
    )
    after = result.changes[GROW_FILE]
    assert changed_lines(before, after) == [
        "-    current: 2100\n",
        "+    current: 2300\n",
        "+    checkins:\n",
        "+      - {date: 2026-11-02, value: 2300, confidence: 0.8, by: jane}\n",
    ]
    assert after.endswith("## Why\n\nBecause <small> shops deserve it.\n")
    assert new_errors(company.root, TODAY, result.changes) == []


def test_milestones_take_progress_and_done(company: Company) -> None:
    progress = plan(company, CheckinRequest("platform-instant-checkout#kr2", TODAY, progress=0.75))
    assert changed_lines(text_of(company, YAML_FILE), progress.changes[YAML_FILE]) == [
        "-    progress: 0.5\n",
        "+    progress: 0.75\n",
        "+    checkins:\n",
        "+      - {date: 2026-11-23, progress: 0.75}\n",
    ]
    pci = "content/okrs/2026-Q4/platform/pci.md"
    done = plan(company, CheckinRequest("2026-Q4/platform/pci#kr1", TODAY, done=True))
    assert changed_lines(text_of(company, pci), done.changes[pci]) == [
        "-    done: false\n",
        "+    done: true\n",
        "+    checkins:\n",
        "+      - {date: 2026-11-23, done: true}\n",
    ]


def test_the_krs_own_confidence_follows_the_checkin(company: Company) -> None:
    rel = "content/okrs/2026-Q4/acme/delight.md"
    result = plan(
        company, CheckinRequest("2026-Q4/acme/delight#nps", TODAY, value=40, confidence=0.7)
    )
    assert changed_lines(text_of(company, rel), result.changes[rel]) == [
        "-    current: 38\n",
        "+    current: 40\n",
        "-    confidence: 0.6\n",
        "+    confidence: 0.7\n",
        "+    checkins:\n",
        "+      - {date: 2026-11-23, value: 40, confidence: 0.7}\n",
    ]


def test_many_checkins_apply_oldest_first_and_current_is_the_latest(company: Company) -> None:
    result = plan(
        company,
        CheckinRequest("platform-instant-checkout#p95", date(2026, 11, 20), value=600),
        CheckinRequest("platform-instant-checkout#p95", date(2026, 11, 10), value=700),
    )
    after = result.changes[YAML_FILE]
    assert "current: 600\n" in after
    assert after.index("value: 700}") < after.index("value: 600}")
    assert [r.date.day for r in result.applied] == [10, 20]


@pytest.mark.parametrize(
    ("request_", "rule", "words"),
    [
        (CheckinRequest("nope#kr1", TODAY, value=1), "checkin-unknown-kr", "names no key result"),
        (
            CheckinRequest("2026/acme/grow#kr9", TODAY, value=1),
            "checkin-unknown-kr",
            "Its key results: kr1, kr2.",
        ),
        (CheckinRequest("2026/acme/grow", TODAY, value=1), "checkin-unknown-kr", "names no"),
        (CheckinRequest("2026/acme/grow#kr2", TODAY, value=1), "checkin-kind", "milestone"),
        (CheckinRequest("2026/acme/grow#kr1", TODAY, done=True), "checkin-kind", "metric"),
        (
            CheckinRequest("platform-instant-checkout#kr3", TODAY, value=1),
            "checkin-kind",
            "takes its progress from",
        ),
        (
            CheckinRequest("2026/acme/grow#kr1", date(2026, 11, 24), value=1),
            "checkin-date",
            "after today",
        ),
    ],
)
def test_refused_checkins_name_the_problem(
    company: Company, request_: CheckinRequest, rule: str, words: str
) -> None:
    result = plan(company, request_)
    assert result.changes == {}
    assert [p.rule for p in result.problems] == [rule]
    assert words in result.problems[0].message + " " + result.problems[0].hint


def test_the_check_refuses_dates_outside_the_cycle_or_out_of_order(company: Company) -> None:
    outside = plan(
        company, CheckinRequest("platform-instant-checkout#p95", date(2026, 9, 30), value=1)
    )
    rules = {p.rule for p in new_errors(company.root, TODAY, outside.changes)}
    assert rules == {"checkin-outside-cycle", "checkin-order"}
    before_last = plan(
        company, CheckinRequest("platform-instant-checkout#p95", date(2026, 11, 1), value=1)
    )
    errors = new_errors(company.root, TODAY, before_last.changes)
    assert [(p.rule, p.file) for p in errors] == [("checkin-order", YAML_FILE)]


def test_requests_from_a_csv(company: Company) -> None:
    text = (
        "KR,Value,Date,Confidence,Note,By,Progress\n"
        'platform-instant-checkout#p95,"1,000",2026-11-20,70%,slower,alice,\n'
        "platform-instant-checkout#kr2,,,,,,80%\n"
        "2026/acme/grow#kr1,lots,,,,,\n"
    )
    requests, problems = requests_from_table(read_table(text, "v.csv", CHECKIN_COLUMNS), TODAY)
    assert [(p.rule, p.line, p.col) for p in problems] == [("import-value", 4, 2)]
    assert requests == [
        CheckinRequest(
            "platform-instant-checkout#p95",
            date(2026, 11, 20),
            value=1000,
            confidence=0.7,
            note="slower",
            by="alice",
            where=requests[0].where,
        ),
        CheckinRequest(
            "platform-instant-checkout#kr2", TODAY, progress=0.8, where=requests[1].where
        ),
    ]
    assert str(requests[1].where) == "v.csv:3:1"


def test_objective_and_kr_id_columns(company: Company) -> None:
    text = "objective,kr id,value\n2026/acme/grow,kr1,2200\n"
    requests, problems = requests_from_table(read_table(text, "v.csv", CHECKIN_COLUMNS), TODAY)
    assert problems == []
    assert [r.ref for r in requests] == ["2026/acme/grow#kr1"]


def test_windows_line_ends_stay_windows_line_ends(company: Company) -> None:
    path = company.root / GROW_FILE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes().decode()
    result = plan(company, CheckinRequest("2026/acme/grow#kr1", TODAY, value=2200))
    after = result.changes[GROW_FILE]
    assert after.count("\r\n") == after.count("\n") == before.count("\n") + 2
    assert changed_lines(before, after) == [
        "-    current: 2100\r\n",
        "+    current: 2200\r\n",
        "+    checkins:\r\n",
        "+      - {date: 2026-11-23, value: 2200}\r\n",
    ]
