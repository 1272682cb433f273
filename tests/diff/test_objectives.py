"""Objectives and key results added, removed, moved and changed between two revisions."""

from __future__ import annotations

from okrsite_gen.diff import FieldChange, render
from tests.diff.conftest import diff_of, markdown_of
from tests.gitrepo import GitCompany

CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
PCI = "content/okrs/2026-Q4/platform/pci.md"
DELIGHT = "content/okrs/2026-Q4/acme/delight.md"

NEW_OBJECTIVE = """\
    ---
    title: Refund in one click
    owner: platform
    aligns_to: [2026-Q4/acme/delight#nps]
    key_results:
      - id: refund-time
        title: Cut refund time from 3 days to 1 hour
        unit: h
        baseline: 72
        target: 1
        current: 72
    ---
    """


def test_no_change_is_an_empty_diff(repo: GitCompany) -> None:
    diff = diff_of(repo)
    assert diff.objectives == [] and diff.new_problems == [] and diff.empty
    assert "No objective or key result changed." in render(diff, "markdown")


def test_added_objective_lists_its_alignment_and_key_results(repo: GitCompany) -> None:
    repo.write({"content/okrs/2026-Q4/platform/refunds.md": NEW_OBJECTIVE})
    diff = diff_of(repo)
    [added] = diff.of_kind("added")
    assert (added.id, added.title, added.owner) == (
        "2026-Q4/platform/refunds",
        "Refund in one click",
        "Platform",
    )
    assert added.aligns_added == ["2026-Q4/acme/delight#nps"]
    [kr] = added.key_results
    assert (kr.id, kr.kind) == ("refund-time", "added")
    assert FieldChange("target", "", "1 h") in kr.fields
    markdown = render(diff, "markdown")
    assert "### Added" in markdown
    assert "KR `refund-time` Cut refund time from 3 days to 1 hour: **added**" in markdown


def test_removed_objective(repo: GitCompany) -> None:
    repo.write({"content/okrs/2026-Q3/platform/load-test.md": None})
    diff = diff_of(repo)
    [removed] = diff.of_kind("removed")
    assert (removed.id, removed.old_path, removed.new_path) == (
        "2026-Q3/platform/load-test",
        "content/okrs/2026-Q3/platform/load-test.md",
        None,
    )
    assert removed.progress is not None and removed.progress.new is None
    assert "### Removed" in render(diff, "markdown")


def test_moved_objective_keeps_its_id_and_is_not_a_change(repo: GitCompany) -> None:
    repo.git("mv", "content/okrs/2026-Q4/platform", "content/okrs/2026-Q4/payments")
    diff = diff_of(repo)
    assert [(o.id, o.old_path, o.new_path) for o in diff.moved] == [
        (
            "platform-instant-checkout",  # explicit id: the same objective
            CHECKOUT,
            "content/okrs/2026-Q4/payments/instant-checkout.yaml",
        )
    ]
    assert diff.changed == []
    # Without an explicit id the id is the path: moving it is a removal and an addition.
    assert [o.id for o in diff.of_kind("removed")] == ["2026-Q4/platform/pci"]
    assert [o.id for o in diff.of_kind("added")] == ["2026-Q4/payments/pci"]
    markdown = render(diff, "markdown")
    assert (
        "- `platform-instant-checkout`: `content/okrs/2026-Q4/platform/instant-checkout.yaml` → "
        "`content/okrs/2026-Q4/payments/instant-checkout.yaml`" in markdown
    )


def test_changed_kr_target_with_its_unit_and_progress_in_points(repo: GitCompany) -> None:
    repo.replace(CHECKOUT, "    target: 400\n", "    target: 300\n")
    diff = diff_of(repo)
    [change] = diff.changed
    assert change.id == "platform-instant-checkout" and change.fields == []
    [kr] = change.key_results
    assert (kr.id, kr.kind, kr.fields) == (
        "p95",
        "changed",
        [FieldChange("target", "400 ms", "300 ms")],
    )
    # (1200 - 800) / (1200 - 400) = 50 %, then (1200 - 800) / (1200 - 300) = 44.4 %.
    assert kr.progress is not None and kr.progress.points == -5.6
    markdown = render(diff, "markdown")
    assert (
        "- KR `p95` Cut checkout p95 latency from 1.2 s to 400 ms: **target** 400 ms → 300 ms; "
        "progress 50% → 44% (−5.6 pts)" in markdown
    )
    assert "target 400 ms → 300 ms" in render(diff, "text")


def test_changed_objective_fields_lists_and_narrative(repo: GitCompany) -> None:
    repo.replace(CHECKOUT, "title: Make checkout feel instant", "title: Make checkout instant")
    repo.replace(CHECKOUT, "themes: [growth, trust]", "themes: [growth]")
    repo.replace(CHECKOUT, "kind: aspirational", "kind: committed")
    repo.replace(CHECKOUT, "Slow checkouts lose sales.", "Slow checkouts lose sales and trust.")
    [change] = diff_of(repo).changed
    assert change.fields == [
        FieldChange("title", "Make checkout feel instant", "Make checkout instant"),
        FieldChange("kind", "aspirational", "committed"),
        FieldChange("themes", "growth, trust", "growth", (), ("trust",)),
        FieldChange("narrative", edited=True),
    ]


def test_key_results_added_removed_and_checked_in(repo: GitCompany) -> None:
    repo.replace(
        CHECKOUT,
        '      - {date: "2026-11-02", value: 800, by: bob}\n',
        '      - {date: "2026-11-02", value: 800, by: bob}\n'
        "      - {date: 2026-11-20, value: 700, by: alice}\n",
    )
    repo.replace(CHECKOUT, "    current: 800\n", "    current: 700\n")
    repo.replace(
        "content/okrs/2026/acme/grow.md",
        "  - title: Open 3 new countries\n    done: false\n",
        "  - title: Sign 2 partners\n    done: true\n",
    )
    diff = diff_of(repo)
    checkout = next(c for c in diff.changed if c.id == "platform-instant-checkout")
    [p95] = checkout.key_results
    assert p95.fields == [
        FieldChange("current", "800 ms", "700 ms"),
        FieldChange("checkins", added=("2026-11-20 700 ms",)),
    ]
    grow = next(c for c in diff.changed if c.id == "2026/acme/grow")
    # Default KR ids are positions: kr2 is still kr2, with a new title and state.
    [kr2] = grow.key_results
    assert (kr2.id, kr2.kind) == ("kr2", "changed")
    assert kr2.fields == [
        FieldChange("title", "Open 3 new countries", "Sign 2 partners"),
        FieldChange("done", "false", "true"),
    ]
    assert kr2.progress is not None and kr2.progress.points == 100.0


def test_kr_added_and_removed_by_id(repo: GitCompany) -> None:
    repo.replace(
        DELIGHT,
        "  - id: nps\n",
        "  - id: csat\n    title: Keep CSAT above 90%\n    unit: '%'\n    baseline: 85\n"
        "    target: 90\n    current: 88\n  - id: nps-v2\n",
    )
    [change] = [c for c in diff_of(repo).changed if c.id == "2026-Q4/acme/delight"]
    assert [(kr.id, kr.kind) for kr in change.key_results] == [
        ("csat", "added"),
        ("nps-v2", "added"),
        ("nps", "removed"),
    ]
    csat = change.key_results[0]
    assert FieldChange("baseline", "", "85%") in csat.fields


def test_two_revisions_without_the_working_tree(repo: GitCompany) -> None:
    repo.replace(CHECKOUT, "    target: 400\n", "    target: 300\n")
    head = repo.commit("tighter target")
    repo.replace(CHECKOUT, "    target: 300\n", "    target: 200\n")  # not committed
    diff = diff_of(repo, base=repo.base, head=head)
    assert diff.head == head
    [kr] = diff.changed[0].key_results
    assert kr.fields == [FieldChange("target", "400 ms", "300 ms")]


def test_markdown_is_deterministic(repo: GitCompany) -> None:
    repo.write({"content/okrs/2026-Q4/platform/refunds.md": NEW_OBJECTIVE, PCI: None})
    assert markdown_of(repo) == markdown_of(repo)
