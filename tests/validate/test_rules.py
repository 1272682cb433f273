"""The rule catalogue: for every rule id okrsite reports, one broken input and exactly
what `check` says about it (rule, file, line, column) — and nothing else.

Each case starts from the valid company in conftest.py and adds or edits a few files, the
way a user would break them. `test_every_rule_has_a_case` keeps the table complete: a new
rule in the registry fails the suite until it has a case here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.validate.registry import RULES
from tests.conftest import ORG, TODAY, Company, problems_of, where

GROW = "content/okrs/2026/acme/grow.md"
DELIGHT = "content/okrs/2026-Q4/acme/delight.md"
CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
PCI = "content/okrs/2026-Q4/platform/pci.md"
LOAD_TEST = "content/okrs/2026-Q3/platform/load-test.md"
NEW = "content/okrs/2026-Q4/platform/refunds.md"
NEW_YAML = "content/okrs/2026-Q4/platform/refunds.yaml"
COMMENT = "content/comments/2026-Q4/platform/pci/2026-11-03-raj-scope.md"
CONFIG = "okrsite.toml"

# A new objective as a user would add it, valid as written; cases break one thing in it.
REFUNDS = textwrap.dedent(
    """\
    ---
    title: Refund shoppers within a day
    owner: bob
    themes: [trust]
    key_results:
      - title: Refunds paid within 24 h
        done: false
    ---
    """
)

Expected = tuple[str, str, int, int]  # rule, file, line, col


@dataclass(frozen=True)
class Case:
    rule: str
    expect: list[Expected]  # every problem `check` reports, in report order
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    edits: list[tuple[str, str, str]] = field(default_factory=list)  # (file, old, new)
    setup: Callable[[Path], None] | None = None
    says: str = ""  # in the first problem of `rule`: message or hint
    today: date = TODAY
    name: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}" if self.name else self.rule


def _symlink(link: str, target: str | Path) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return make


def _outside_file(root: Path) -> None:
    outside = root / "elsewhere" / "secret.md"
    outside.parent.mkdir()
    outside.write_text(REFUNDS, encoding="utf-8")
    (root / "content/okrs/2026-Q4/platform/secret.md").symlink_to(outside)


LOAD_CASES = [
    Case("org-missing", [("org-missing", ORG, 1, 1)], files={ORG: None}),
    Case(
        "file-unreadable",
        [("file-unreadable", "content/okrs/2026-Q4/platform/ghost.md", 1, 1)],
        setup=_symlink("content/okrs/2026-Q4/platform/ghost.md", "deleted.md"),
        says="No such file",
    ),
    Case(
        "file-encoding",
        [("file-encoding", NEW, 2, 11)],
        files={NEW: "---\ntitle: Café au lait\nowner: bob\n---\n".encode("latin-1")},
        says="0xe9",
    ),
    Case(
        "file-bom",
        [("file-bom", NEW, 1, 1)],
        files={NEW: b"\xef\xbb\xbf" + REFUNDS.encode()},
    ),
    Case("file-empty", [("file-empty", NEW, 1, 1)], files={NEW: ""}),
    Case(
        "file-too-large",
        [("file-too-large", NEW_YAML, 1, 1)],
        files={
            CONFIG: "[limits]\nmax_file_bytes = 2_000\n",
            NEW_YAML: "title: Refunds\nowner: bob\ndescription: " + "So slow. " * 300 + "\n",
        },
        says="the limit is 2,000",
    ),
    Case(
        "file-outside-content",
        [("file-outside-content", "content/okrs/2026-Q4/platform/secret.md", 1, 1)],
        setup=_outside_file,
    ),
    Case(
        "file-outside-content",
        [("file-outside-content", "content/okrs/2026-Q4/shared", 1, 1)],
        setup=_symlink("content/okrs/2026-Q4/shared", Path("/usr/share")),
        says="link to a folder",
        name="folder",
    ),
    Case(
        "folder-link",
        [("folder-link", "content/okrs/current", 1, 1)],
        setup=_symlink("content/okrs/current", "2026-Q4"),
        says="not followed",
    ),
    Case(
        "too-many-files",
        [("too-many-files", "content/", 1, 1)],
        files={CONFIG: "[limits]\nmax_files = 5\n"},
        says="7 files",
    ),
    Case(
        "front-matter-missing",
        [("front-matter-missing", NEW, 1, 1)],
        files={NEW: "# Refund shoppers within a day\n\nowner: bob\n"},
    ),
    Case(
        "front-matter-unclosed",
        [("front-matter-unclosed", NEW, 1, 1)],
        files={NEW: "---\ntitle: Refund shoppers within a day\nowner: bob\n\n## Why\nBecause.\n"},
    ),
    Case(
        "yaml-syntax",
        [("yaml-syntax", NEW, 2, 15)],
        files={NEW: REFUNDS.replace("Refund shoppers", "Refunds: shoppers")},
        says="mapping values are not allowed",
    ),
    Case(
        "yaml-tab",
        [("yaml-tab", NEW, 6, 1)],
        files={NEW: REFUNDS.replace("  - title: Refunds", "\t- title: Refunds")},
    ),
    Case(
        "yaml-duplicate-key",
        [("yaml-duplicate-key", NEW, 9, 5)],
        files={
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - title: Hours to refund from 72 to 24
                    baseline: 72
                    target: 24
                    target: 12
                    current: 48
                ---
                """
        },
        says="first on line 8",
    ),
    Case(
        "yaml-unsupported-tag",
        [("yaml-unsupported-tag", NEW, 3, 8)],
        files={NEW: REFUNDS.replace("owner: bob", "owner: !!python/object:os.system bob")},
    ),
    Case(
        "yaml-too-complex",
        [("yaml-too-complex", NEW, 5, 7)],
        files={NEW: REFUNDS.replace("themes: [trust]", "themes: [trust]\ntags: &t [*t]")},
    ),
    Case(
        "config-syntax",
        [("config-syntax", CONFIG, 2, 18)],
        files={CONFIG: "[rules]\nmax-objectives = error\n"},
    ),
    Case(
        "config-unknown",
        [("config-unknown", CONFIG, 3, 1)],
        files={CONFIG: '[rules]\nmax-objectives = "error"\nmax-objective = "error"\n'},
        says="did you mean `max-objectives`?",
    ),
]

SCHEMA_CASES = [
    Case(
        "not-a-mapping",
        [("not-a-mapping", NEW, 8, 5)],
        files={
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - title: Refunds paid within 24 h
                    done: false
                  - Refund fees waived
                ---
                """
        },
    ),
    Case(
        "unknown-field",
        [("unknown-field", NEW, 5, 1)],
        files={NEW: REFUNDS.replace("key_results:", "contributers: [alice]\nkey_results:")},
        says="did you mean `contributors`?",
    ),
    Case(
        "missing-field",
        [("missing-field", NEW, 2, 1)],
        files={NEW: REFUNDS.replace("owner: bob\n", "")},
        says="needs `owner`",
    ),
    Case(
        "wrong-type",
        [("wrong-type", NEW_YAML, 7, 13)],
        files={
            NEW_YAML: """\
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - title: Share of refunds paid within 24 h
                    baseline: 20
                    target: 45%
                    current: 30
                """
        },
        says="`target: 45`",
        name="percent",
    ),
    Case(
        "bad-choice",
        [("bad-choice", NEW, 5, 7)],
        files={NEW: REFUNDS.replace("themes: [trust]", "themes: [trust]\nkind: aspirationl")},
        says="did you mean `aspirational`?",
    ),
    Case(
        "bad-id",
        [("bad-id", NEW, 6, 9)],
        files={
            NEW: REFUNDS.replace("  - title: Refunds", "  - id: Refund SLA\n    title: Refunds")
        },
    ),
    Case(
        "bad-id",
        [("bad-id", "content/okrs/2026-Q4/platform/Refund SLA (v2).md", 1, 1)],
        files={"content/okrs/2026-Q4/platform/Refund SLA (v2).md": REFUNDS},
        says="made from the file's path",
        name="from-path",
    ),
    Case(
        "bad-id",
        [("bad-id", NEW, 2, 5)],
        files={NEW: REFUNDS.replace("---\ntitle", "---\nid: " + "a" * 201 + "\ntitle", 1)},
        says="201 characters, at most 200",
        name="too-long",
    ),
    Case(
        "out-of-range",
        [("out-of-range", NEW, 8, 17)],
        files={NEW: REFUNDS.replace("done: false", "done: false\n    confidence: 70")},
        says="write 0.7 for 70%",
    ),
]

_LAST_PERSON = "  - id: bob\n    name: Bob\n    unit: platform\n"
_SALES = "  - id: sales\n    name: Sales <EMEA>\n    parent: acme\n"

ORG_CASES = [
    Case(
        "duplicate-id",
        [("duplicate-id", ORG, 56, 9)],
        edits=[
            (ORG, _LAST_PERSON, _LAST_PERSON + "  - id: sales\n    name: Sam\n    unit: sales\n")
        ],
        says="already used at content/okrs/org.yaml:37:9",
        name="person-named-like-a-unit",
    ),
    Case(
        "root-unit",
        [("root-unit", ORG, 37, 5)],
        edits=[(ORG, _SALES, "  - id: sales\n    name: Sales <EMEA>\n")],
        says="`acme` is already the root",
    ),
    Case(
        "unknown-unit",
        [("unknown-unit", ORG, 55, 11)],
        edits=[(ORG, _LAST_PERSON, _LAST_PERSON.replace("unit: platform", "unit: platfrom"))],
        says="did you mean `platform`?",
    ),
    Case(
        "unit-cycle",
        [("unit-cycle", ORG, 31, 13)],
        edits=[
            (ORG, "name: Engineering\n    parent: acme", "name: Engineering\n    parent: platform")
        ],
        says="engineering → platform → engineering",
    ),
    Case(
        "cycle-dates",
        [("cycle-dates", ORG, 17, 10)],
        edits=[(ORG, "end: 2026-09-30", "end: 2026-06-30")],
    ),
]

REFERENCE_CASES = [
    Case(
        "unknown-owner",
        [("unknown-owner", NEW, 3, 8)],
        files={NEW: REFUNDS.replace("owner: bob", "owner: platfrom")},
        says="did you mean `platform`?",
    ),
    Case(
        "unknown-person",
        [("unknown-person", ORG, 40, 11)],
        edits=[(ORG, _SALES, _SALES + "    lead: henrik\n")],
        name="unit-lead",
    ),
    Case(
        "unknown-contributor",
        [("unknown-contributor", NEW, 5, 23)],
        files={NEW: REFUNDS.replace("key_results:", "contributors: [alice, bobby]\nkey_results:")},
        says="did you mean `bob`?",
    ),
    Case(
        "unknown-cycle",
        [("unknown-cycle", NEW, 4, 8)],
        files={NEW: REFUNDS.replace("themes: [trust]", "cycle: 2026-Q5\nthemes: [trust]")},
        says="did you mean `2026-Q4`?",
    ),
    Case(
        "unknown-theme",
        [("unknown-theme", NEW, 4, 18)],
        files={NEW: REFUNDS.replace("themes: [trust]", "themes: [growth, trusst]")},
        says="did you mean `trust`?",
    ),
    Case(
        "unresolved-alignment",
        [("unresolved-alignment", NEW, 6, 5)],
        files={
            NEW: REFUNDS.replace(
                "themes: [trust]", "themes: [trust]\naligns_to:\n  - 2026-Q4/acme/delight#nsp"
            )
        },
        says="did you mean `2026-Q4/acme/delight#nps`?",
    ),
    Case(
        "unresolved-dependency",
        [("unresolved-dependency", NEW, 5, 14)],
        files={
            NEW: REFUNDS.replace(
                "themes: [trust]", "themes: [trust]\ndepends_on: [2026-Q4/platform/pcii]"
            )
        },
        says="did you mean `2026-Q4/platform/pci`?",
    ),
    Case(
        "unresolved-measured-by",
        [("unresolved-measured-by", NEW, 7, 18)],
        files={NEW: REFUNDS.replace("done: false", "measured_by: 2026-Q4/platform/refund-tooling")},
    ),
    Case(
        "alignment-cycle",
        [("alignment-cycle", "content/okrs/2026-Q4/sales/a.md", 4, 13)],
        files={
            "content/okrs/2026-Q4/sales/a.md": """\
                ---
                title: Sign 20 merchants in DACH
                owner: sales
                aligns_to: [2026-Q4/sales/b]
                key_results:
                  - {title: Signed merchants, baseline: 0, target: 20, current: 4}
                ---
                """,
            "content/okrs/2026-Q4/sales/b.md": """\
                ---
                title: Build the DACH pipeline
                owner: sales
                aligns_to: [2026-Q4/sales/a]
                key_results:
                  - {title: Qualified leads, baseline: 0, target: 80, current: 30}
                ---
                """,
        },
        says="2026-Q4/sales/a → 2026-Q4/sales/b → 2026-Q4/sales/a",
    ),
    Case(
        "measured-by-cycle",
        [("measured-by-cycle", "content/okrs/2026-Q4/sales/a.md", 6, 36)],
        files={
            "content/okrs/2026-Q4/sales/a.md": """\
                ---
                title: Sign 20 merchants in DACH
                owner: sales
                themes: [growth]
                key_results:
                  - {title: Pipeline, measured_by: 2026-Q4/sales/b}
                ---
                """,
            "content/okrs/2026-Q4/sales/b.md": """\
                ---
                title: Build the DACH pipeline
                owner: sales
                themes: [growth]
                key_results:
                  - {title: Deals, measured_by: 2026-Q4/sales/a}
                ---
                """,
        },
    ),
    Case(
        "unknown-author",
        [("unknown-author", COMMENT, 3, 9)],
        files={
            COMMENT: """\
                ---
                objective: 2026-Q4/platform/pci
                author: rajesh
                date: 2026-11-03
                ---
                Does this cover the mobile SDK?
                """
        },
        says="did you mean `raj`?",
    ),
    Case(
        "unresolved-comment-target",
        [("unresolved-comment-target", COMMENT, 2, 12)],
        files={
            COMMENT: """\
                ---
                objective: 2026-Q4/platform/pci#kr2
                author: raj
                date: 2026-11-03
                kind: question
                ---
                Does this cover the mobile SDK?
                """
        },
        says="did you mean `2026-Q4/platform/pci#kr1`?",
    ),
]

_METRIC = textwrap.dedent(
    """\
    ---
    title: Refund shoppers within a day
    owner: bob
    themes: [trust]
    key_results:
      - title: Hours to refund, from 72 to 24
        baseline: 72
        target: 24
        current: 48
    ---
    """
)

KEY_RESULT_CASES = [
    Case(
        "metric-incomplete",
        [("metric-incomplete", NEW, 7, 13)],
        files={NEW: _METRIC.replace("    baseline: 72\n", "")},
        says="has no baseline",
    ),
    Case(
        "metric-flat",
        [("metric-flat", NEW, 8, 13)],
        files={NEW: _METRIC.replace("target: 24", "target: 72")},
    ),
    Case(
        "stretch-wrong-side",
        [("stretch-wrong-side", NEW, 9, 14)],
        files={NEW: _METRIC.replace("target: 24", "target: 24\n    stretch: 36")},
        says="stretch 36 is not below target 24",
    ),
    Case(
        "kr-ambiguous",
        [("kr-ambiguous", NEW, 6, 5)],
        files={NEW: _METRIC.replace("current: 48", "current: 48\n    done: true")},
        says="both a metric and a milestone",
    ),
]

DATE_CASES = [
    Case(
        "due-outside-cycle",
        [("due-outside-cycle", NEW, 10, 10)],
        files={NEW: _METRIC.replace("current: 48", "current: 48\n    due: 2027-01-15")},
        says="2026-Q4 runs 2026-10-01 to 2026-12-31",
    ),
    Case(
        "checkin-outside-cycle",
        [("checkin-outside-cycle", NEW, 11, 16)],
        files={
            NEW: _METRIC.replace(
                "current: 48",
                "current: 48\n    checkins:\n      - {date: 2026-09-28, value: 70}",
            )
        },
    ),
    Case(
        "checkin-order",
        [("checkin-order", NEW, 13, 15)],
        files={
            NEW: _METRIC.replace(
                "current: 48",
                "current: 48\n    checkins:\n"
                "      - date: 2026-11-02\n        value: 60\n"
                "      - date: 2026-10-12\n        value: 48",
            )
        },
        says="dated 2026-10-12 comes after one dated 2026-11-02",
    ),
]

GUIDANCE_CASES = [
    Case(
        "max-objectives",
        [("max-objectives", NEW, 3, 8)],
        files={CONFIG: "[guidance]\nmax_objectives_per_owner = 1\n", NEW: REFUNDS},
        says="`bob` owns 2 objectives in 2026-Q4 (guidance: at most 1)",
    ),
    Case(
        "max-key-results",
        [("max-key-results", NEW, 16, 5)],
        files={
            NEW: REFUNDS.replace(
                "    done: false\n",
                "    done: false\n"
                + "".join(
                    f"  - title: Refund step {n} automated\n    done: false\n" for n in range(2, 7)
                ),
            )
        },
        says="6 key results (guidance: at most 5)",
    ),
    Case(
        "no-key-results",
        [("no-key-results", NEW, 2, 1)],
        files={NEW: "---\ntitle: Refund shoppers within a day\nowner: bob\nthemes: [trust]\n---\n"},
    ),
    Case(
        "kr-not-measurable",
        [("kr-not-measurable", NEW, 6, 5)],
        files={NEW: REFUNDS.replace("    done: false\n", "    owner: bob\n")},
    ),
    Case(
        "orphan-cascaded",
        [("orphan-cascaded", NEW, 5, 9)],
        files={NEW: REFUNDS.replace("themes: [trust]", "themes: [trust]\norigin: cascaded")},
    ),
    Case(
        "no-line-to-vision",
        [("no-line-to-vision", NEW, 2, 1)],
        files={NEW: REFUNDS.replace("themes: [trust]\n", "")},
    ),
    Case(
        "cross-cycle-alignment",
        [("cross-cycle-alignment", LOAD_TEST, 4, 29)],
        edits=[
            (
                LOAD_TEST,
                "aligns_to: [2026/acme/grow]",
                "aligns_to: [2026/acme/grow, 2026-Q4/acme/delight]",
            )
        ],
        says="aligns to `2026-Q4/acme/delight` of cycle 2026-Q4",
        name="q3-to-q4",
    ),
    Case(
        "metric-untracked",
        [("metric-untracked", NEW, 6, 5)],
        files={NEW: _METRIC.replace("    current: 48\n", "")},
        says="53 days into 2026-Q4",
    ),
]

CASES = (
    LOAD_CASES
    + SCHEMA_CASES
    + ORG_CASES
    + REFERENCE_CASES
    + KEY_RESULT_CASES
    + DATE_CASES
    + GUIDANCE_CASES
)


def test_every_rule_has_a_case() -> None:
    covered = {case.rule for case in CASES}
    assert sorted(set(RULES) - covered) == [], "rules without a case in this table"
    assert sorted(covered - set(RULES)) == [], "cases for rules the registry does not know"


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def test_valid_company_has_no_problems(company: Company) -> None:
    result = company.check()
    assert result.problems == []
    assert len(result.repo.objectives) == 5
    assert len(result.repo.comments) == 2


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_rule(company: Company, case: Case) -> None:
    for rel, old, new in case.edits:
        company.replace(rel, old, new)
    if case.setup:
        case.setup(company.root)
    result = company.check(case.files, case.today)

    assert where(result.problems) == case.expect
    for problem in result.problems:
        assert problem.severity == RULES[problem.rule].severity
        assert problem.message
    if case.says:
        first = problems_of(result, case.rule)[0]
        assert case.says in f"{first.message} {first.hint}"
