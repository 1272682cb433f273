"""org.yaml rules beyond the catalogue: shared id namespace, the tree, overlapping cycles."""

from __future__ import annotations

from tests.conftest import ORG, Company, where

_LAST_PERSON = "  - id: bob\n    name: Bob\n    unit: platform\n"


def test_duplicate_unit_theme_and_cycle_ids(company: Company) -> None:
    company.replace(
        ORG,
        "  - id: trust\n",
        "  - id: growth\n    title: Growth again\n  - id: trust\n",
    )
    company.replace(
        ORG,
        "  - id: 2027-Q1\n",
        "  - id: 2026-Q4\n    start: 2026-10-01\n    end: 2026-12-31\n  - id: 2027-Q1\n",
    )
    company.replace(
        ORG,
        "people:\n",
        "  - id: platform\n    name: Platform (old)\n    parent: engineering\npeople:\n",
    )
    result = company.check()
    assert where(result.problems) == [
        ("duplicate-id", ORG, 9, 9),
        ("duplicate-id", ORG, 23, 9),
        ("duplicate-id", ORG, 45, 9),
    ]
    messages = [p.message for p in result.problems]
    assert messages == [
        "theme id `growth` is already used at content/okrs/org.yaml:6:9",
        "cycle id `2026-Q4` is already used at content/okrs/org.yaml:20:9",
        "unit or person id `platform` is already used at content/okrs/org.yaml:38:9",
    ]


def test_a_person_may_not_share_an_id_with_a_unit(company: Company) -> None:
    company.replace(
        ORG, _LAST_PERSON, _LAST_PERSON + "  - id: acme\n    name: Acme\n    unit: acme\n"
    )
    result = company.check()
    assert where(result.problems) == [("duplicate-id", ORG, 56, 9)]
    assert result.problems[0].message.startswith("unit or person id `acme`")


def test_no_root_unit_at_all(company: Company) -> None:
    company.replace(ORG, "    name: Acme & Sons\n", "    name: Acme & Sons\n    parent: sales\n")
    result = company.check()
    # acme -> sales -> acme: both the missing root and the loop are reported.
    assert where(result.problems) == [("root-unit", ORG, 26, 3), ("unit-cycle", ORG, 28, 13)]
    assert result.problems[0].message == "no unit is the root: every unit has a parent"
    assert "acme → sales → acme" in result.problems[1].message


def test_two_extra_roots_are_each_reported(company: Company) -> None:
    company.replace(ORG, "    name: Sales <EMEA>\n    parent: acme\n", "    name: Sales <EMEA>\n")
    company.replace(ORG, "    name: Engineering\n    parent: acme\n", "    name: Engineering\n")
    result = company.check()
    assert where(result.problems) == [("root-unit", ORG, 29, 5), ("root-unit", ORG, 36, 5)]


def test_unknown_parent_unit_suggests_the_closest(company: Company) -> None:
    company.replace(ORG, "parent: engineering", "parent: enginering")
    result = company.check()
    assert where(result.problems) == [("unknown-unit", ORG, 35, 13)]
    assert result.problems[0].hint == "did you mean `engineering`?"


def test_unit_lead_must_be_a_person_not_a_unit(company: Company) -> None:
    company.replace(ORG, "    lead: raj\n", "    lead: platform\n")
    result = company.check()
    assert where(result.problems) == [("unknown-person", ORG, 32, 11)]


def test_three_unit_loop_is_reported_once(company: Company) -> None:
    company.replace(
        ORG,
        "    name: Engineering\n    parent: acme\n",
        "    name: Engineering\n    parent: sales\n",
    )
    company.replace(
        ORG,
        "    name: Sales <EMEA>\n    parent: acme\n",
        "    name: Sales <EMEA>\n    parent: platform\n",
    )
    result = company.check()
    assert where(result.problems) == [("unit-cycle", ORG, 31, 13)]
    assert "engineering → sales → platform → engineering" in result.problems[0].message


def test_cycle_ending_the_day_it_starts_is_fine(company: Company) -> None:
    company.replace(ORG, "end: 2027-03-31", "end: 2027-01-01")
    assert company.check().problems == []


def test_cycle_needs_start_and_end(company: Company) -> None:
    company.replace(ORG, "    start: 2027-01-01\n", "")
    result = company.check()
    assert where(result.problems) == [("missing-field", ORG, 21, 5)]
    assert result.problems[0].message == "cycle 4 needs `start`"


def test_people_need_a_unit(company: Company) -> None:
    company.replace(ORG, _LAST_PERSON, "  - id: bob\n    name: Bob\n")
    result = company.check()
    assert where(result.problems) == [("missing-field", ORG, 53, 5)]
