"""The CLI boundary: an unexpected exception is one line on stderr and exit status 3; the
traceback only with `--debug` or OKRSITE_DEBUG=1. Bad input never gets here (exit 1)."""

from __future__ import annotations

import argparse

import pytest

from okrsite_gen.cli import check_cmd, main


@pytest.fixture
def crashing_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(args: argparse.Namespace) -> int:
        raise RuntimeError("the graph is upside down\nsecond line of detail")

    monkeypatch.setattr(check_cmd, "run", crash)
    monkeypatch.delenv("OKRSITE_DEBUG", raising=False)


def test_an_internal_error_is_one_line_and_exit_3(
    crashing_check: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["check"]) == main.INTERNAL_ERROR == 3
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "okrsite: internal error: RuntimeError: the graph is upside down, please report it. "
        "For details run `okrsite --debug ...` or set OKRSITE_DEBUG=1."
    ]


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_debug_shows_the_traceback(
    crashing_check: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    if how == "environment":
        monkeypatch.setenv("OKRSITE_DEBUG", "1")
    argv = ["--debug", "check"] if how == "flag" else ["check"]
    assert main.main(argv) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "second line of detail" in err
    assert err.rstrip().endswith("please report it.")


def test_bad_input_is_not_an_internal_error(tmp_path, capsys) -> None:
    (tmp_path / "content/okrs").mkdir(parents=True)
    assert main.main(["check", "--root", str(tmp_path), "--today", "2026-11-23"]) == 1
    out = capsys.readouterr()
    assert "org-missing" in out.out and "internal error" not in out.err
