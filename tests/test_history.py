"""Each OKR file's git history from one `git log`: commits newest first, renames followed,
nothing (and no error) outside a checkout or without git."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.history import Commit, file_histories
from tests.conftest import Company
from tests.gitrepo import GitCompany, git

PCI = "content/okrs/2026-Q4/platform/pci.md"
LATER = "2026-11-20T16:30:00+01:00"


def test_a_file_with_two_commits(tmp_path: Path) -> None:
    repo = GitCompany(tmp_path)
    repo.replace(PCI, "done: false", "done: true")
    second = repo.commit("PCI audit passed", author="Bob Builder", date=LATER)
    history = file_histories(repo.root)[PCI]
    assert history == [
        Commit(second, LATER, "Bob Builder", "PCI audit passed"),
        Commit(repo.base, "2026-11-02T10:00:00+00:00", "Alice Tester", "base"),
    ]
    assert history[0].day == "2026-11-20" and history[0].short == second[:10]
    assert history[0].to_dict()["subject"] == "PCI audit passed"


def test_every_file_under_okrs_and_only_there(tmp_path: Path) -> None:
    repo = GitCompany(tmp_path)
    histories = file_histories(repo.root)
    assert set(histories) == {
        "content/okrs/org.yaml",
        "content/okrs/2026/acme/grow.md",
        "content/okrs/2026-Q4/acme/delight.md",
        "content/okrs/2026-Q4/platform/instant-checkout.yaml",
        "content/okrs/2026-Q4/platform/pci.md",
        "content/okrs/2026-Q3/platform/load-test.md",
    }
    assert file_histories(repo.root, paths=[PCI, "content/okrs/nope.md"]).keys() == {PCI}


def test_a_moved_file_keeps_its_history_and_a_reused_name_does_not_inherit_it(
    tmp_path: Path,
) -> None:
    repo = GitCompany(tmp_path)
    moved = "content/okrs/2026-Q4/payments/pci.md"
    (repo.root / moved).parent.mkdir(parents=True)
    repo.git("mv", PCI, moved)
    move = repo.commit("PCI moves to Payments", date=LATER)
    repo.write({PCI: "---\ntitle: Another PCI objective\nowner: platform\n---\n"})
    reuse = repo.commit("a new file under the old name", date="2026-11-21T09:00:00+00:00")
    histories = file_histories(repo.root)
    assert [c.sha for c in histories[moved]] == [move, repo.base]
    assert [c.sha for c in histories[PCI]] == [reuse]


def test_a_company_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    company = Company(tmp_path / "okrs")  # the repository holds more than the company
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "company in a sub-folder")
    histories = file_histories(company.root)
    assert PCI in histories  # relative to the company's root, not the repository's
    assert [c.subject for c in histories[PCI]] == ["company in a sub-folder"]


def test_outside_a_checkout_there_is_no_history(tmp_path: Path) -> None:
    assert file_histories(tmp_path) == {}


def test_without_git_there_is_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitCompany(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert file_histories(repo.root) == {}


def test_one_git_call_for_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitCompany(tmp_path)
    import okrsite_gen.history as history

    calls = []
    real = history.run_git
    monkeypatch.setattr(history, "run_git", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert len(file_histories(repo.root)) == 6 and len(calls) == 1
