"""References between files: owners, cycles, ids, alignment, dependencies and comments."""

from __future__ import annotations

from tests.conftest import ORG, Company, problems_of, where

DELIGHT = "content/okrs/2026-Q4/acme/delight.md"
PCI = "content/okrs/2026-Q4/platform/pci.md"
CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"


def test_owner_may_be_a_unit_or_a_person(company: Company) -> None:
    result = company.check()
    owners = {o.id: o.owner for o in result.repo.objectives}
    assert owners["2026-Q4/platform/pci"] == "bob"  # a person
    assert owners["2026-Q4/acme/delight"] == "acme"  # a unit
    assert result.problems == []


def test_without_org_yaml_nothing_else_is_unknown(company: Company) -> None:
    result = company.check({ORG: None})
    assert where(result.problems) == [("org-missing", ORG, 1, 1)]
    assert result.problems[0].hint.startswith("Create it")


def test_without_org_yaml_broken_links_are_still_reported(company: Company) -> None:
    company.replace(PCI, "aligns_to: [2026-Q4/acme/delight]", "aligns_to: [2026-Q4/acme/delite]")
    result = company.check({ORG: None})
    assert where(result.problems) == [
        ("unresolved-alignment", PCI, 4, 13),
        ("org-missing", ORG, 1, 1),
    ]


def test_objective_outside_a_cycle_folder_without_cycle(company: Company) -> None:
    rel = "content/okrs/people/hiring.md"
    result = company.check(
        {
            rel: """\
                ---
                title: Hire 4 engineers
                owner: raj
                themes: [growth]
                key_results:
                  - {title: Engineers hired, baseline: 0, target: 4, current: 1}
                ---
                """
        }
    )
    assert where(result.problems) == [("unknown-cycle", rel, 2, 1)]
    assert result.problems[0].message.startswith("objective has no cycle")
    assert "2026, 2026-Q3, 2026-Q4, 2027-Q1" in result.problems[0].hint


def test_same_stem_md_and_yaml_share_an_id(company: Company) -> None:
    twin = "content/okrs/2026-Q4/platform/pci.yaml"
    result = company.check(
        {
            twin: "title: PCI again\nowner: bob\nthemes: [trust]\nkey_results:\n  - {title: Signed, done: false}\n"
        }
    )
    assert where(result.problems) == [("duplicate-id", twin, 1, 1)]
    assert result.problems[0].message == (
        f"objective id `2026-Q4/platform/pci` is used by both {PCI} and {twin}"
    )


def test_explicit_id_colliding_with_a_path_id(company: Company) -> None:
    rel = "content/okrs/2026-Q4/acme/checkout-nps.md"
    result = company.check(
        {
            rel: """\
                ---
                id: 2026-Q4/acme/delight
                title: Checkout NPS
                owner: acme
                themes: [growth]
                key_results:
                  - {title: NPS survey live, done: true}
                ---
                """
        }
    )
    # Reported on the second file in path order, naming both; references to the id
    # (a comment on delight#nps, checkout aligning to it) are not "unresolved" on top.
    assert where(result.problems) == [("duplicate-id", DELIGHT, 2, 1)]
    assert result.problems[0].message == (
        f"objective id `2026-Q4/acme/delight` is used by both {rel} and {DELIGHT}"
    )


def test_explicit_id_replaces_the_path_id_in_references(company: Company) -> None:
    company.replace(
        "content/comments/platform-instant-checkout/2026-11-02-jane-kudos.md",
        "objective: platform-instant-checkout",
        "objective: 2026-Q4/platform/instant-checkout",
    )
    result = company.check()
    (problem,) = problems_of(result, "unresolved-comment-target")
    assert problem.line == 2
    assert problem.hint == "did you mean `platform-instant-checkout`?"


def test_duplicate_key_result_ids(company: Company) -> None:
    company.replace(
        CHECKOUT,
        "  - title: PCI audit passed\n",
        "  - id: kr2\n    title: PCI audit passed\n",
    )
    result = company.check()
    # The second KR has the default id kr2; the third says `id: kr2` too.
    assert where(result.problems) == [("duplicate-id", CHECKOUT, 31, 9)]
    assert "first on line 29" in result.problems[0].message


def test_key_result_owner_and_check_in_author_must_exist(company: Company) -> None:
    company.replace(CHECKOUT, "    owner: alice\n", "    owner: alicia\n")
    company.replace(CHECKOUT, "by: bob}", "by: robert}")
    result = company.check()
    assert where(result.problems) == [
        ("unknown-owner", CHECKOUT, 25, 12),
        ("unknown-person", CHECKOUT, 28, 46),
    ]
    assert result.problems[0].hint == "did you mean `alice`?"


def test_contributor_must_be_a_person_not_a_unit(company: Company) -> None:
    company.replace(CHECKOUT, "contributors: [alice, bob]", "contributors: [alice, platform]")
    result = company.check()
    assert where(result.problems) == [("unknown-contributor", CHECKOUT, 9, 23)]


def test_aligning_to_a_key_result(company: Company) -> None:
    company.replace(
        PCI, "aligns_to: [2026-Q4/acme/delight]", "aligns_to: [2026-Q4/acme/delight#kr1]"
    )
    result = company.check()
    assert where(result.problems) == [("unresolved-alignment", PCI, 4, 13)]
    # The objective exists: the hint lists its KRs (`nps` is not close to `kr1`).
    assert result.problems[0].hint == "`2026-Q4/acme/delight` has the KRs: nps."


def test_dependency_must_be_an_objective_not_a_key_result(company: Company) -> None:
    company.replace(
        CHECKOUT, "depends_on: [2026-Q4/platform/pci]", "depends_on: [2026-Q4/platform/pci#kr1]"
    )
    result = company.check()
    assert where(result.problems) == [("unresolved-dependency", CHECKOUT, 10, 14)]


def test_objective_aligned_to_itself(company: Company) -> None:
    company.replace(PCI, "aligns_to: [2026-Q4/acme/delight]", "aligns_to: [2026-Q4/platform/pci]")
    result = company.check()
    assert where(result.problems) == [("alignment-cycle", PCI, 4, 13)]
    assert "2026-Q4/platform/pci → 2026-Q4/platform/pci" in result.problems[0].message


def test_long_alignment_loop_through_a_key_result(company: Company) -> None:
    company.replace(
        "content/okrs/2026/acme/grow.md",
        "themes: [growth]",
        "themes: [growth]\naligns_to: [platform-instant-checkout#p95]",
    )
    result = company.check()
    # grow -> checkout -> delight -> grow; the cross-cycle warning is a separate matter.
    assert [p.rule for p in result.problems] == ["alignment-cycle", "cross-cycle-alignment"]
    loop = result.problems[0]
    assert (loop.file, loop.line, loop.col) == (DELIGHT, 4, 13)
    assert loop.message == (
        "aligns_to goes round in a loop: 2026-Q4/acme/delight → 2026/acme/grow → "
        "platform-instant-checkout → 2026-Q4/acme/delight"
    )


def test_measured_by_loop_of_one(company: Company) -> None:
    company.replace(
        CHECKOUT, "measured_by: 2026-Q4/platform/pci", "measured_by: platform-instant-checkout"
    )
    result = company.check()
    assert where(result.problems) == [("measured-by-cycle", CHECKOUT, 32, 18)]


def test_comment_on_a_key_result(company: Company) -> None:
    result = company.check()
    question = result.repo.comments[0]
    assert (question.objective_id, question.kr_id) == ("2026-Q4/acme/delight", "nps")


def test_comment_on_a_missing_objective(company: Company) -> None:
    rel = "content/comments/2026-Q4/acme/delight/2026-11-01-bob-kudos.md"
    result = company.check(
        {
            rel: "---\nobjective: 2026-Q4/acme/delihgt\nauthor: bob\ndate: 2026-11-01\nkind: kudos\n---\nNice!\n"
        }
    )
    assert where(result.problems) == [("unresolved-comment-target", rel, 2, 12)]
    assert result.problems[0].hint == "did you mean `2026-Q4/acme/delight`?"


def test_comment_fields(company: Company) -> None:
    rel = "content/comments/2026-Q4/acme/delight/2026-11-01-bob-kudos.md"
    result = company.check(
        {rel: "---\nobjective: 2026-Q4/acme/delight\nkind: praise\n---\nNice!\n"}
    )
    assert where(result.problems) == [
        ("missing-field", rel, 2, 1),
        ("missing-field", rel, 2, 1),
        ("bad-choice", rel, 3, 7),
    ]
    assert [p.message for p in result.problems[:2]] == [
        "comment needs `author`",
        "comment needs `date`",
    ]
