"""Private objectives stay out of a public diff; a private -> public flip is announced."""

from __future__ import annotations

import json

from okrsite_gen.diff import render
from tests.diff.conftest import diff_of
from tests.gitrepo import GitCompany

PCI = "content/okrs/2026-Q4/platform/pci.md"
CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
SECRET_TITLE = "Acquire Globex quietly"


def make_pci_private(repo: GitCompany) -> None:
    repo.replace(
        PCI, "title: Pass the PCI DSS 4.0 audit\n", f"title: {SECRET_TITLE}\nvisibility: private\n"
    )
    repo.commit("pci is private")


def all_formats(repo: GitCompany, **options) -> str:
    diff = diff_of(repo, **options)
    return render(diff, "markdown") + render(diff, "text") + render(diff, "json")


def test_a_private_objective_change_is_only_counted(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(PCI, f"title: {SECRET_TITLE}", "title: Acquire Globex by March")
    diff = diff_of(repo)
    assert diff.objectives == [] and diff.hidden_changes == 1
    output = all_formats(repo)
    assert "Globex" not in output and "2026-Q4/platform/pci" not in output
    assert "A private objective changed" in render(diff, "markdown")


def test_include_private_shows_it(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(PCI, f"title: {SECRET_TITLE}", "title: Acquire Globex by March")
    diff = diff_of(repo, include_private=True)
    [change] = diff.changed
    assert change.id == "2026-Q4/platform/pci" and change.private
    assert "Acquire Globex by March (private)" in render(diff, "markdown")


def test_added_and_removed_private_objectives_are_counted(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.write(
        {
            PCI: None,
            "content/okrs/2026-Q4/platform/secret.md": """\
                ---
                title: Buy Initech
                owner: platform
                visibility: private
                ---
                """,
        }
    )
    diff = diff_of(repo)
    assert diff.objectives == [] and diff.hidden_changes == 2
    assert "Initech" not in all_formats(repo)


def test_references_to_private_objectives_are_redacted(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(CHECKOUT, "depends_on: [2026-Q4/platform/pci]", "depends_on: []")
    [change] = diff_of(repo).changed
    [depends] = change.fields
    assert depends.removed == ("(a private objective)",)
    # The KR measured by the private objective names it no more than the site does.
    assert "2026-Q4/platform/pci" not in all_formats(repo)


def test_new_problems_in_private_files_are_counted_and_scrubbed(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(PCI, "owner: bob", "owner: nobody")  # unknown-owner, in the private file
    repo.replace(CHECKOUT, "  - 2026-Q4/acme/delight#nps\n", "  - 2026-Q4/platform/pci#kr9\n")
    diff = diff_of(repo)
    assert diff.hidden_problems == 1
    [problem] = diff.new_problems
    assert problem.rule == "unresolved-alignment" and problem.file == CHECKOUT
    assert "2026-Q4/platform/pci" not in problem.message + problem.hint
    assert "(a private objective)" in problem.message
    assert "Globex" not in all_formats(repo) and "pci" not in render(diff, "markdown")


def test_private_to_public_is_announced_loudly_with_its_public_title(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(PCI, "visibility: private\n", "")
    diff = diff_of(repo)
    [change] = diff.objectives
    assert change.made_public and change.visibility_change == ("private", "public")
    markdown = render(diff, "markdown")
    assert markdown.index("> 🔓 **Private → public:** `2026-Q4/platform/pci`") < markdown.index(
        "### Changed"
    )
    assert f"**{SECRET_TITLE}**" in markdown
    assert "- 🔓 **private → public**: `2026-Q4/platform/pci`" in markdown
    document = json.loads(render(diff, "json"))
    assert document["objectives"][0]["visibility_change"] == ["private", "public"]


def test_private_values_before_the_flip_stay_out(repo: GitCompany) -> None:
    make_pci_private(repo)
    repo.replace(PCI, f"title: {SECRET_TITLE}\nvisibility: private\n", "title: Pass the audit\n")
    diff = diff_of(repo)
    assert SECRET_TITLE not in all_formats(repo)
    assert diff.objectives[0].fields == []  # the title change would show the private title


def test_public_to_private_says_it_leaves_the_site_and_nothing_new(repo: GitCompany) -> None:
    repo.replace(
        PCI, "title: Pass the PCI DSS 4.0 audit\n", f"title: {SECRET_TITLE}\nvisibility: private\n"
    )
    diff = diff_of(repo)
    [change] = diff.objectives
    assert change.visibility_change == ("public", "private")
    assert change.title == "Pass the PCI DSS 4.0 audit"  # as it was while public
    assert SECRET_TITLE not in all_formats(repo)
    assert "🔒 public → private: `2026-Q4/platform/pci`" in render(diff, "markdown")
