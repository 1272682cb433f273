"""`okrsite codeowners`: reviewers from the org chart, deterministic, and --check."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.cli.main import main
from okrsite_gen.codeowners import codeowners_text
from okrsite_gen.load import load_repo
from tests.conftest import ORG, Company
from tests.gitrepo import GitCompany

PERSON_OBJECTIVE = """\
    ---
    title: Write the on-call runbook
    owner: raj
    key_results:
      - {title: Runbook reviewed by two teams, done: false}
    ---
    """


def give_handles(company: Company) -> None:
    company.replace(
        ORG, "    title: Staff engineer\n", "    title: Staff engineer\n    handle: alice-o\n"
    )
    company.replace(
        ORG, "  - id: bob\n    name: Bob\n", "  - id: bob\n    name: Bob\n    handle: bobby\n"
    )


def entries(text: str) -> dict[str, str]:
    """path -> owners, for the lines that are not comments."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return dict(line.split(" ", 1) for line in lines)


def test_unit_lead_reviews_unit_objectives_person_and_lead_review_theirs(
    company: Company,
) -> None:
    give_handles(company)
    company.write({"content/okrs/2026-Q4/raj/runbook.md": PERSON_OBJECTIVE})
    text = codeowners_text(load_repo(company.root).repo)
    assert entries(text) == {
        "/content/okrs/org.yaml": "@janedoe",  # the root unit's lead
        "/content/okrs/2026-Q3/platform/load-test.md": "@alice-o",  # Platform's lead
        "/content/okrs/2026-Q4/acme/delight.md": "@janedoe",
        "/content/okrs/2026-Q4/platform/instant-checkout.yaml": "@alice-o",
        "/content/okrs/2026-Q4/platform/pci.md": "@bobby @alice-o",  # Bob, then his lead
        # Raj leads Engineering: his own objective goes to the lead above him, Jane.
        "/content/okrs/2026-Q4/raj/runbook.md": "@janedoe",
        "/content/okrs/2026/acme/grow.md": "@janedoe",
    }
    # Raj has no handle: the forge cannot ask him, so he is named in a comment.
    assert "#   Raj Patel (raj): 1 file(s)" in text


def test_people_without_a_handle_are_listed_in_comments(company: Company) -> None:
    text = codeowners_text(load_repo(company.root).repo)
    assert (
        "# /content/okrs/2026-Q4/platform/pci.md -- no reviewer with a forge handle: "
        "Bob (bob), Alice Ó Briain (alice)"
    ) in text
    assert text.splitlines()[-3:] == [
        "# Reviewers without a forge handle (add `handle:` in org.yaml):",
        "#   Alice Ó Briain (alice): 3 file(s)",
        "#   Bob (bob): 1 file(s)",
    ]


def test_a_unit_without_a_lead_is_reviewed_by_the_lead_above(company: Company) -> None:
    company.write(
        {
            "content/okrs/2026-Q4/sales/emea.md": """\
                ---
                title: Open the Nordics
                owner: sales
                ---
                """
        }
    )
    text = codeowners_text(load_repo(company.root).repo)
    assert "/content/okrs/2026-Q4/sales/emea.md @janedoe" in text  # Sales has no lead


def test_paths_with_spaces_are_escaped(company: Company) -> None:
    # A file name with a space needs a written id (the path alone makes no valid id).
    company.write(
        {"content/okrs/2026-Q4/acme/big plan.md": "---\nid: big-plan\ntitle: X\nowner: acme\n---\n"}
    )
    assert "/content/okrs/2026-Q4/acme/big\\ plan.md @janedoe" in codeowners_text(
        load_repo(company.root).repo
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_write_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitCompany(tmp_path)
    root = str(repo.root)
    assert run(capsys, "codeowners", "--root", root, "--check") == (
        1,
        ".github/CODEOWNERS is missing. Run `okrsite codeowners` and commit the result.\n",
    )
    assert run(capsys, "codeowners", "--root", root) == (0, "Wrote .github/CODEOWNERS.\n")
    written = (repo.root / ".github/CODEOWNERS").read_bytes()
    repo.commit("codeowners")
    assert run(capsys, "codeowners", "--root", root, "--check")[0] == 0
    assert run(capsys, "codeowners", "--root", root) == (0, "Wrote .github/CODEOWNERS.\n")
    assert (repo.root / ".github/CODEOWNERS").read_bytes() == written  # same bytes
    # A new lead for Platform: the committed file is out of date.
    repo.replace(ORG, "    lead: alice\n", "    lead: bob\n")
    give_handles(repo)
    code, out = run(capsys, "codeowners", "--root", root, "--check")
    assert code == 1 and "out of date" in out
    assert (repo.root / ".github/CODEOWNERS").read_bytes() == written  # --check writes nothing


def test_gitlab_path_and_stdout(company: Company, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(company.root)
    assert run(capsys, "codeowners", "--root", root, "--forge", "gitlab")[0] == 0
    assert (company.root / "CODEOWNERS").is_file()
    code, out = run(capsys, "codeowners", "--root", root, "--out", "-")
    assert code == 0 and out == (company.root / "CODEOWNERS").read_text(encoding="utf-8")
    assert run(capsys, "codeowners", "--root", root, "--out", "docs/CODEOWNERS")[0] == 0
    assert (company.root / "docs/CODEOWNERS").is_file()
