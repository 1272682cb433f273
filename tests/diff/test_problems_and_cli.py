"""New problems introduced by a change, revisions read from git, and the command itself."""

from __future__ import annotations

import json

import pytest

from okrsite_gen.cli.main import main
from okrsite_gen.load.git_source import revision_source
from okrsite_gen.pipeline import check_repo, check_source
from tests.conftest import TODAY
from tests.diff.conftest import diff_of
from tests.gitrepo import GitCompany

CHECKOUT = "content/okrs/2026-Q4/platform/instant-checkout.yaml"
PCI = "content/okrs/2026-Q4/platform/pci.md"
UNTRACKED = """\
    ---
    title: Grow the partner channel
    owner: sales
    themes: [growth]
    key_results:
      - {title: Partners from 3 to 12, baseline: 3, target: 12}
    ---
    """


def test_new_problems_are_those_the_base_did_not_have(repo: GitCompany) -> None:
    repo.replace(PCI, "aligns_to: [2026-Q4/acme/delight]", "aligns_to: [2026-Q4/acme/delite]")
    diff = diff_of(repo)
    assert [(p.rule, p.file, p.line) for p in diff.new_problems] == [
        ("unresolved-alignment", PCI, 4)
    ]
    assert diff.head_errors == 1 and diff.fixed_problems == 0


def test_a_problem_moved_down_by_an_edit_is_not_new(repo: GitCompany) -> None:
    repo.write({"content/okrs/2026-Q4/sales/partners.md": UNTRACKED})  # metric-untracked
    repo.commit("partners, not tracked yet")
    repo.replace(
        "content/okrs/2026-Q4/sales/partners.md",
        "themes: [growth]\n",
        "themes: [growth]\ntags: [partners]\n",  # the warning's line moves down by one
    )
    diff = diff_of(repo)
    assert diff.new_problems == [] and diff.fixed_problems == 0


def test_fixed_problems_are_counted(repo: GitCompany) -> None:
    repo.write({"content/okrs/2026-Q4/sales/partners.md": UNTRACKED})
    repo.commit("partners, not tracked yet")
    repo.replace("content/okrs/2026-Q4/sales/partners.md", "target: 12}", "target: 12, current: 5}")
    diff = diff_of(repo)
    assert diff.fixed_problems == 1 and diff.new_problems == []


def test_a_revision_reads_exactly_like_its_checkout(repo: GitCompany) -> None:
    repo.write(
        {
            "content/okrs/2026-Q4/platform/broken.md": "---\ntitle: [unclosed\n---\n",
            "content/okrs/2026-Q4/platform/.hidden.md": "not an OKR file",
            "okrsite.toml": '[rules]\nno-key-results = "off"\n',
        }
    )
    platform = repo.root / "content/okrs/2026-Q4/platform"
    (platform / "pci-again.md").symlink_to("pci.md")
    (platform / "gone.md").symlink_to("nowhere.md")
    (platform / "outside.md").symlink_to("../../../../okrsite.toml")
    repo.commit("a broken file, a hidden file, links and a policy")
    from_git = check_source(revision_source(repo.root, "HEAD"), TODAY, repo.root)
    from_disk = check_repo(repo.root, TODAY)
    assert from_git.problems == from_disk.problems
    assert from_git.repo == from_disk.repo
    assert from_git.settings == from_disk.settings
    assert {"yaml-syntax", "file-unreadable", "file-outside-content"} <= {
        p.rule for p in from_git.problems
    }


def test_a_revision_applies_its_own_limits(repo: GitCompany) -> None:
    repo.write({"okrsite.toml": "[limits]\nmax_file_bytes = 400\n"})
    repo.commit("tiny files only")
    from_git = check_source(revision_source(repo.root, "HEAD"), TODAY, repo.root)
    assert from_git.problems == check_repo(repo.root, TODAY).problems
    assert "file-too-large" in {p.rule for p in from_git.problems}


def test_a_revision_of_a_sub_folder_company(repo: GitCompany) -> None:
    # The company lives in okrs/ of a larger repository: paths stay relative to it.
    repo.git("mv", "content", "okrs-content")
    (repo.root / "company").mkdir()
    repo.git("mv", "okrs-content", "company/content")
    repo.commit("moved into company/")
    loaded = check_source(revision_source(repo.root / "company", "HEAD"), TODAY, repo.root)
    assert loaded.problems == [] and len(loaded.repo.objectives) == 5


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_status_says_whether_the_head_is_valid(
    repo: GitCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(repo.root)
    code, out, _ = run(capsys, "diff", "HEAD", "--root", root, "--today", TODAY.isoformat())
    assert code == 0 and out.startswith("## OKR changes: `HEAD` → `working tree`")
    repo.replace(PCI, "owner: bob", "owner: nobody")
    code, out, _ = run(capsys, "diff", "HEAD", "--root", root, "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["summary"]["new_errors"] == 1
    assert document["new_problems"][0]["rule"] == "unknown-owner"


def test_a_bad_revision_is_a_usage_error(
    repo: GitCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "diff", "no-such-branch", "--root", str(repo.root))
    assert (code, out) == (2, "")
    assert "cannot read revision 'no-such-branch'" in err and "Traceback" not in err
    code, _, err = run(capsys, "diff", "--", "--output=x", "--root", str(repo.root))
    assert code == 2


def test_outside_a_git_repository_is_a_usage_error(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "diff", "HEAD", "--root", str(tmp_path))
    assert code == 2 and "not a git repository" in err


def test_text_format(repo: GitCompany, capsys: pytest.CaptureFixture[str]) -> None:
    repo.replace(CHECKOUT, "    target: 400\n", "    target: 300\n")
    code, out, _ = run(capsys, "diff", "HEAD", "--root", str(repo.root), "--format", "text")
    assert code == 0
    assert "OKR changes: HEAD → working tree\n================================" in out
    assert "target 400 ms → 300 ms" in out and "`" not in out.split("New problems")[0]
