"""Impact up and down the cascade, alignment and owner changes, and who to notify."""

from __future__ import annotations

from okrsite_gen.diff import Affected, Notify, render
from tests.diff.conftest import diff_of
from tests.gitrepo import GitCompany

CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
PCI = "content/okrs/2026-Q4/platform/pci.md"
DELIGHT = "content/okrs/2026-Q4/acme/delight.md"
ORG = "content/okrs/org.yaml"

CACHE = """\
    ---
    title: Cache the catalogue at the edge
    owner: alice
    aligns_to: [platform-instant-checkout#p95]
    key_results:
      - {title: Cache hit rate from 60% to 95%, unit: "%", baseline: 60, target: 95, current: 70}
    ---
    """


def with_handles(repo: GitCompany) -> None:
    """Give Alice and Bob forge handles (only Jane has one in the base company)."""
    repo.replace(
        ORG, "    title: Staff engineer\n", "    title: Staff engineer\n    handle: alice-o\n"
    )
    repo.replace(
        ORG, "  - id: bob\n    name: Bob\n", "  - id: bob\n    name: Bob\n    handle: bobby\n"
    )
    repo.write({"content/okrs/2026-Q4/alice/cache.md": CACHE})
    repo.commit("handles and a deeper cascade")


def entry(objective_id: str, title: str, owner: str, unit: str, owner_id: str) -> Affected:
    return Affected(objective_id, title, owner, unit, owner_id)


CHECKOUT_ENTRY = entry(
    "platform-instant-checkout", "Make checkout feel instant", "Platform", "Platform", "platform"
)
PCI_ENTRY = entry("2026-Q4/platform/pci", "Pass the PCI DSS 4.0 audit", "Bob", "Platform", "bob")
CACHE_ENTRY = entry(
    "2026-Q4/alice/cache", "Cache the catalogue at the edge", "Alice Ó Briain", "Platform", "alice"
)


def test_changed_objective_lists_who_aligns_to_it_directly_and_below(repo: GitCompany) -> None:
    with_handles(repo)
    repo.replace(DELIGHT, "title: Delight shoppers at checkout", "title: Delight every shopper")
    [change] = diff_of(repo).changed
    [impact] = change.impacts
    assert (impact.target, impact.removed) == ("2026-Q4/acme/delight", False)
    assert impact.direct == [PCI_ENTRY, CHECKOUT_ENTRY]  # sorted by node key
    assert impact.below == [CACHE_ENTRY]  # aligned to a KR of a direct child
    assert [a.id for a in impact.aligns_to] == ["2026/acme/grow#kr1"]


def test_removing_a_kr_orphans_what_aligned_only_to_it(repo: GitCompany) -> None:
    with_handles(repo)
    repo.replace(DELIGHT, "aligns_to: [2026/acme/grow#kr1]", "aligns_to: [2026/acme/grow]")
    repo.replace(DELIGHT, "  - id: nps\n", "  - id: nps-score\n")  # nps removed, re-added
    diff = diff_of(repo)
    [change] = diff.changed
    removal = next(i for i in change.impacts if i.target == "2026-Q4/acme/delight#nps")
    assert removal.removed and removal.orphaned == [CHECKOUT_ENTRY]
    assert removal.cut_off == [CACHE_ENTRY]  # its line to the top ran through the orphan
    markdown = render(diff, "markdown")
    assert (
        "⚠️ **removing KR `nps` orphans 1 objective** of Platform: "
        "`platform-instant-checkout` Make checkout feel instant (Platform)" in markdown
    )
    assert "1 objective below them lose their line to the top" in markdown


def test_removing_an_objective_orphans_its_children_by_unit(repo: GitCompany) -> None:
    with_handles(repo)
    repo.write({DELIGHT: None})
    diff = diff_of(repo)
    [removed] = diff.of_kind("removed")
    [impact] = removed.impacts
    assert impact.orphaned == [PCI_ENTRY, CHECKOUT_ENTRY]
    assert impact.aligns_to[0].id == "2026/acme/grow#kr1"
    assert "**removing `2026-Q4/acme/delight` orphans 2 objectives** of Platform" in render(
        diff, "markdown"
    )


def test_an_orphan_realigned_by_the_same_change_is_not_an_orphan(repo: GitCompany) -> None:
    repo.replace(DELIGHT, "  - id: nps\n", "  - id: nps-score\n")
    repo.replace(CHECKOUT, "  - 2026-Q4/acme/delight#nps\n", "  - 2026-Q4/acme/delight#nps-score\n")
    diff = diff_of(repo)
    delight = next(c for c in diff.changed if c.id == "2026-Q4/acme/delight")
    removal = next(i for i in delight.impacts if i.target.endswith("#nps"))
    assert removal.orphaned == [] and removal.direct == [CHECKOUT_ENTRY]


def test_alignment_change_is_listed_and_notifies_both_parents(repo: GitCompany) -> None:
    with_handles(repo)
    repo.replace(PCI, "aligns_to: [2026-Q4/acme/delight]", "aligns_to: [platform-instant-checkout]")
    diff = diff_of(repo)
    [change] = diff.changed
    assert (change.aligns_added, change.aligns_removed) == (
        ["platform-instant-checkout"],
        ["2026-Q4/acme/delight"],
    )
    markdown = render(diff, "markdown")
    assert "- **aligns to**: +`platform-instant-checkout` −`2026-Q4/acme/delight`" in markdown
    # Bob owns pci; Alice leads Platform (the new parent); Jane leads Acme (the old one).
    assert diff.notify == [
        Notify("alice", "Alice Ó Briain", "@alice-o"),
        Notify("bob", "Bob", "@bobby"),
        Notify("jane", "Jane Doe", "@janedoe"),
    ]


def test_owner_change_names_both_owners(repo: GitCompany) -> None:
    repo.replace(PCI, "owner: bob", "owner: alice")
    diff = diff_of(repo)
    [change] = diff.changed
    assert change.owner_change == ("Bob", "Alice Ó Briain")
    assert "- **owner** Bob → Alice Ó Briain" in render(diff, "markdown")


def test_people_without_a_handle_are_named_not_pinged(repo: GitCompany) -> None:
    repo.replace(PCI, "owner: bob", "owner: raj")
    diff = diff_of(repo)
    assert [n.mention for n in diff.notify] == ["Bob", "Raj Patel"]
    assert "Without a forge handle: Bob, Raj Patel" in render(diff, "markdown")


def test_titles_cannot_ping_or_inject_html_in_a_comment(repo: GitCompany) -> None:
    repo.replace(PCI, "title: Pass the PCI DSS 4.0 audit", "title: Ask @janedoe <!-- x -->")
    markdown = render(diff_of(repo), "markdown")
    assert "@janedoe <" not in markdown
    assert "Ask @\u200bjanedoe &lt;!-- x -->" in markdown
