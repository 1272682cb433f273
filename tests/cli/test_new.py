"""`okrsite new`: a valid objective file at the conventional path, never an overwrite."""

from __future__ import annotations

import builtins
import sys
from collections.abc import Iterator

import pytest

from okrsite_gen.cli.main import main
from okrsite_gen.model import Objective
from okrsite_gen.scaffold import slugify
from tests.cli.conftest import okrsite
from tests.conftest import TODAY, Company

TODAY_FLAG = ("--today", TODAY.isoformat())  # 2026-11-23: the year and Q4 are running


def run(capsys: pytest.CaptureFixture[str], company: Company, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["new", "--root", str(company.root), *TODAY_FLAG, *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def objective(company: Company, objective_id: str) -> Objective:
    result = company.check()
    return next(o for o in result.repo.objectives if o.id == objective_id)


def test_writes_a_file_that_passes_check(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        company,
        "--title",
        "Make refunds instant",
        "--owner",
        "platform",
        "--aligns-to",
        "2026-Q4/acme/delight#nps,platform-instant-checkout",
        "--kind",
        "aspirational",
        "--theme",
        "trust",
    )
    path = "content/okrs/2026-Q4/platform/make-refunds-instant.md"
    assert code == 0 and out.startswith(
        f"Wrote {path} (objective `2026-Q4/platform/make-refunds-instant`)"
    )
    result = company.check()
    assert result.errors == []
    assert [p.rule for p in result.problems if p.file == path] == ["no-key-results"]
    written = objective(company, "2026-Q4/platform/make-refunds-instant")
    assert (written.title, written.owner, written.cycle, written.kind) == (
        "Make refunds instant",
        "platform",
        "2026-Q4",  # the shortest cycle running on --today, not the year
        "aspirational",
    )
    assert written.aligns_to == ["2026-Q4/acme/delight#nps", "platform-instant-checkout"]
    assert written.themes == ["trust"] and written.origin == "cascaded"


def test_the_written_file_passes_okrsite_check_as_a_user_runs_it(company: Company) -> None:
    created = okrsite(
        "new", "--root", str(company.root), *TODAY_FLAG, "--title", "Hire 4", "--owner", "raj"
    )
    assert created.returncode == 0, created.stderr
    checked = okrsite("check", "--root", str(company.root), *TODAY_FLAG)
    assert checked.returncode == 0, checked.stdout
    assert "content/okrs/2026-Q4/raj/hire-4.md" in checked.stdout  # its no-key-results nudge


def test_titles_yaml_would_misread_are_quoted(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Ship: the “new” checkout #1 - [beta] @ 100%"
    code, _, _ = run(capsys, company, "--title", title, "--owner", "acme", "--cycle", "2026")
    assert code == 0
    assert objective(company, "2026/acme/ship-the-new-checkout-1-beta-100").title == title


def test_refuses_to_overwrite(company: Company, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--title", "Delight", "--owner", "acme", "--slug", "delight")
    before = (company.root / "content/okrs/2026-Q4/acme/delight.md").read_bytes()
    code, _, err = run(capsys, company, *args)
    assert code == 1 and "never overwrites" in err
    assert (company.root / "content/okrs/2026-Q4/acme/delight.md").read_bytes() == before


def test_refuses_an_id_that_exists_elsewhere(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company.write({"content/okrs/2026-Q4/acme/delight.md": None})
    company.write(
        {
            "content/okrs/elsewhere.md": "---\nid: 2026-Q4/acme/delight\ntitle: X\nowner: acme\ncycle: 2026-Q4\n---\n"
        }
    )
    code, _, err = run(capsys, company, "--title", "Delight", "--owner", "acme")
    assert code == 1 and "`2026-Q4/acme/delight` exists already" in err


def test_missing_flags_without_a_terminal_are_a_usage_error(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, company)
    assert code == 2
    assert "missing --title and --owner (standard input is not a terminal" in err


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--owner", "platfrom"), "--owner: no owner `platfrom`; did you mean `platform`?"),
        (("--owner", "acme", "--cycle", "2026-Q5"), "--cycle: no cycle `2026-Q5`"),
        (("--owner", "acme", "--aligns-to", "2026/acme/grow#kr9"), "--aligns-to: no objective"),
        (("--owner", "acme", "--theme", "growht"), "did you mean `growth`?"),
        (("--owner", "acme", "--slug", "Not A Slug"), "is not a slug"),
    ],
)
def test_wrong_values_are_usage_errors(
    company: Company, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, company, "--title", "Something", *flags)
    assert code == 2 and message in err


def test_no_running_cycle_needs_one(company: Company, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, company, "--title", "X", "--owner", "acme", "--today", "2030-01-01")
    assert code == 2 and "no cycle runs on 2030-01-01; pass --cycle" in err


def answers(monkeypatch: pytest.MonkeyPatch, replies: list[str]) -> list[str]:
    """Pretend standard input is a terminal answering `replies`; the questions asked."""
    asked: list[str] = []
    pending: Iterator[str] = iter(replies)

    def fake_input(prompt: str = "") -> str:
        asked.append(prompt)
        return next(pending)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", fake_input)
    return asked


def test_on_a_terminal_it_asks_and_asks_again(
    company: Company, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answers(monkeypatch, ["Faster payouts", "platfrom", "platform", "", "", ""])
    code, _, err = run(capsys, company)
    assert code == 0, err
    assert asked == [
        "Title: ",
        "Owner (unit or person id): ",
        "Owner (unit or person id): ",  # asked again after a typo
        "Cycle [2026-Q4]: ",
        "Aligns to (objective id or id#kr, commas; Enter for none): ",
        "Kind (committed or aspirational) [committed]: ",
    ]
    assert "did you mean `platform`?" in err
    written = objective(company, "2026-Q4/platform/faster-payouts")
    assert (written.cycle, written.aligns_to, written.kind) == ("2026-Q4", [], "committed")


def test_flags_given_on_a_terminal_are_not_asked_again(
    company: Company, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answers(monkeypatch, [])
    code, _, _ = run(capsys, company, "--title", "Faster payouts", "--owner", "platform")
    assert code == 0 and asked == []


def test_slugs() -> None:
    assert slugify("Make checkout feel *instant* 🚀") == "make-checkout-feel-instant"
    assert slugify("Win [Europe](https://example.com) — “mid-market”") == "win-europe-mid-market"
    assert slugify("Ça déménage à Zürich") == "ca-demenage-a-zurich"
    assert slugify("🚀🚀") == "objective"
    long = slugify("word " * 30)
    assert len(long) <= 48 and not long.endswith("-")
