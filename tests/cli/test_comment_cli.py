"""`okrsite comment`: a valid comment file at the conventional path, its text from
--message, a pipe or $EDITOR; never an overwrite, never an invalid file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main
from tests.conftest import TODAY, Company

TODAY_FLAG = ("--today", TODAY.isoformat())
FOLDER = "content/comments/2026-Q4/acme/delight"


def run(capsys: pytest.CaptureFixture[str], company: Company, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["comment", "--root", str(company.root), *TODAY_FLAG, *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def comments_in(company: Company) -> list[str]:
    folder = company.root / "content" / "comments"
    return sorted(p.relative_to(company.root).as_posix() for p in folder.rglob("*.md"))


def test_writes_a_comment_that_passes_check(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        company,
        "2026-Q4/acme/delight",
        "--kind",
        "kudos",
        "--author",
        "raj",
        "--message",
        "Great *NPS* jump: 31 → 38!",
    )
    path = f"{FOLDER}/2026-11-23-raj-great-nps-jump-31-38.md"
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Wrote {path} (kudos on `2026-Q4/acme/delight`)."
    assert (company.root / path).read_text(encoding="utf-8") == (
        "---\n"
        'objective: "2026-Q4/acme/delight"\n'
        "author: raj\n"
        "date: 2026-11-23\n"
        "kind: kudos\n"
        "---\n"
        "Great *NPS* jump: 31 → 38!\n"
    )
    result = company.check()
    assert result.problems == []
    written = next(c for c in result.repo.comments if c.loc.file == path)
    assert (written.author, written.kind, written.body.strip()) == (
        "raj",
        "kudos",
        "Great *NPS* jump: 31 → 38!",
    )


def test_a_comment_on_a_key_result_with_a_date_and_slug(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(
        capsys,
        company,
        "2026-Q4/acme/delight#nps",
        "--kind=question",
        "--author=bob",
        "--date=2026-11-02",
        "--slug=stretch",
        "-m",
        "Why a stretch of 50?",
    )
    assert code == 0
    path = company.root / FOLDER / "2026-11-02-bob-stretch.md"
    assert 'objective: "2026-Q4/acme/delight#nps"\n' in path.read_text(encoding="utf-8")
    comment = next(
        c for c in company.check().repo.comments if c.loc.file.endswith("bob-stretch.md")
    )
    assert (comment.objective_id, comment.kr_id, comment.date.isoformat()) == (
        "2026-Q4/acme/delight",
        "nps",
        "2026-11-02",
    )


def test_text_from_standard_input_when_it_is_a_pipe(
    company: Company, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Piped **feedback**\n\nSecond paragraph.\n"))
    code, out, _ = run(
        capsys, company, "platform-instant-checkout", "--kind", "feedback", "--author", "jane"
    )
    assert code == 0
    path = "content/comments/platform-instant-checkout/2026-11-23-jane-piped-feedback-second-paragraph.md"
    assert path in out
    assert (
        (company.root / path)
        .read_text(encoding="utf-8")
        .endswith("---\nPiped **feedback**\n\nSecond paragraph.\n")
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_from_the_editor_on_a_terminal(
    company: Company,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # An "editor" that writes the text above the help, as a person would.
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "help_text = open(path, encoding='utf-8').read()\n"
        "assert 'Write your question on 2026-Q4/acme/delight' in help_text\n"
        "open(path, 'w', encoding='utf-8').write('Is 45 the **right** target?\\n' + help_text)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    code, _, err = run(
        capsys, company, "2026-Q4/acme/delight", "--kind", "question", "--author", "alice"
    )
    assert code == 0, err
    path = company.root / FOLDER / "2026-11-23-alice-is-45-the-right-target.md"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("---\nIs 45 the **right** target?\n")
    assert ">8" not in text and "#" not in text.split("---\n")[-1]


def test_on_a_terminal_without_an_editor_it_says_how_to_give_the_text(
    company: Company, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    code, _, err = run(
        capsys, company, "2026-Q4/acme/delight", "--kind", "kudos", "--author", "bob"
    )
    assert code == 2
    assert "give --message TEXT, pipe the text in, or set $EDITOR" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2026-Q4/acme/delight", "--kind", "kudos", "--author", "alcie"],
            "--author: `alcie` is not a person in org.yaml; did you mean `alice`?",
        ),
        (
            ["2026-Q4/acme/delite", "--kind", "kudos", "--author", "alice"],
            "`2026-Q4/acme/delite` is not an objective or key result. "
            "did you mean `2026-Q4/acme/delight`?",
        ),
        (
            ["2026-Q4/acme/delight#nsp", "--kind", "kudos", "--author", "alice"],
            "did you mean `2026-Q4/acme/delight#nps`?",
        ),
        (
            ["2026-Q4/acme/delight", "--kind", "praise", "--author", "alice"],
            "invalid choice: 'praise'",
        ),
        (
            ["2026-Q4/acme/delight", "--kind", "kudos", "--author", "alice", "--date", "23/11"],
            "--date must be YYYY-MM-DD, not '23/11'",
        ),
        (
            ["2026-Q4/acme/delight", "--kind", "kudos", "--author", "alice", "--slug", "A B"],
            "--slug: `A B` is not a slug",
        ),
    ],
)
def test_wrong_arguments_write_nothing(
    company: Company, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = comments_in(company)
    code, _, err = run(capsys, company, *args, "--message", "Thanks!")
    assert code == 2
    assert message in err
    assert comments_in(company) == before


def test_never_overwrites_and_never_writes_an_empty_comment(
    company: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["2026-Q4/acme/delight", "--kind", "kudos", "--author", "bob", "--message"]
    assert run(capsys, company, *args, "Thanks!")[0] == 0
    path = company.root / FOLDER / "2026-11-23-bob-thanks.md"
    first = path.read_bytes()
    code, _, err = run(capsys, company, *args, "Thanks!!")
    assert code == 1
    assert "exists; okrsite comment never overwrites a file. Pick another --slug." in err
    assert path.read_bytes() == first
    before = comments_in(company)
    code, _, err = run(capsys, company, *args, "  \n")
    assert (code, err.strip()) == (1, "The comment is empty: nothing written.")
    assert comments_in(company) == before


def test_as_a_user_runs_it_with_a_pipe(company: Company) -> None:
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "okrsite_gen.cli.main", "comment"),
            *("2026-Q3/platform/load-test", "--kind", "kudos", "--author", "jane", *TODAY_FLAG),
        ],
        cwd=company.root,
        input="Black Friday ×3, no incident.\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "content/comments/2026-Q3/platform/load-test/2026-11-23-jane-black-friday-3-no" in (
        completed.stdout
    )
    check = subprocess.run(
        [sys.executable, "-m", "okrsite_gen.cli.main", "check", *TODAY_FLAG],
        cwd=company.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stdout
