"""`okrsite check` as a user runs it: on the shipped sample company and on a broken copy.

Exit 0 when clean, 1 on errors (or warnings with --strict), 2 for usage problems; each
output format parses the way CI and people read it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrsite_gen.cli.main import main
from okrsite_gen.report import FORMATS
from tests.cli.conftest import REPO_ROOT, okrsite, okrsite_many

TODAY = "2026-11-23"

TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) "
    r"(?P<rule>[a-z][a-z-]*): (?P<message>.+)$"
)
GITHUB_LINE = re.compile(
    r"^::(?P<severity>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<rule>[a-z][a-z-]*)::(?P<message>.+)$"
)
SUMMARY = re.compile(
    r"^(\d+ errors?, \d+ warnings?|No problems) in \d+ objectives?, \d+ comments?\.$"
)


# --- The sample company -----------------------------------------------------------------


def test_sample_company_is_clean() -> None:
    # The installed console script, in the company's folder, "today" from the environment.
    script = Path(sys.executable).with_name("okrsite")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "okrsite_gen.cli.main"]
    environment = os.environ | {"OKRSITE_TODAY": TODAY}
    run = subprocess.run(
        [*command, "check", "--strict"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert re.fullmatch(r"No problems in \d+ objectives, \d+ comments\.\n", run.stdout), run.stdout


def test_sample_company_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(REPO_ROOT), "--today", TODAY, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == []
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
    assert report["summary"]["objectives"] >= 40
    assert report["summary"]["comments"] >= 10


# --- A broken copy ----------------------------------------------------------------------


class Broken:
    """A copy of the sample's content/ with a few files broken the way people break them."""

    def __init__(self, root: Path) -> None:
        shutil.copytree(REPO_ROOT / "content", root / "content")
        self.root = root
        org = yaml.safe_load((root / "content/okrs/org.yaml").read_text(encoding="utf-8"))
        root_unit = next(unit["id"] for unit in org["units"] if not unit.get("parent"))
        cycle = str(org["cycles"][-1]["id"])

        # 1. An existing objective gets an owner nobody knows (an error).
        self.owner_file, self.owner_line = self._break_first_owner(root)
        # 2. A new objective indented with a tab (an error).
        self.tab_file = f"content/okrs/{cycle}/{root_unit}/tabbed.yaml"
        self._write(self.tab_file, "title: Tabs\nowner: x\nkey_results:\n\t- title: y\n")
        # 3. A new objective tied to nothing (a warning only).
        self.orphan_file = f"content/okrs/{cycle}/{root_unit}/zz-orphan.md"
        self._write(
            self.orphan_file,
            f"---\ntitle: Tidy the wiki & <docs>\nowner: {root_unit}\nkey_results:\n"
            "  - {title: Wiki pages reviewed, done: false}\n---\n",
        )

    def _write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _break_first_owner(self, root: Path) -> tuple[str, int]:
        for path in sorted((root / "content/okrs").rglob("*.md")):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            for number, line in enumerate(lines, start=1):
                if line.startswith("owner: "):
                    lines[number - 1] = "owner: nobody-here\n"
                    path.write_text("".join(lines), encoding="utf-8")
                    return path.relative_to(root).as_posix(), number
        raise AssertionError("no objective with an `owner:` line in the sample")

    def without_errors(self) -> None:
        (self.root / self.tab_file).unlink()
        shutil.copy(REPO_ROOT / self.owner_file, self.root / self.owner_file)


@pytest.fixture
def broken(tmp_path: Path) -> Broken:
    return Broken(tmp_path)


Runs = tuple[Broken, dict[str, subprocess.CompletedProcess[str]]]


@pytest.fixture(scope="module")
def broken_runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """One broken copy, checked in each output format."""
    broken = Broken(tmp_path_factory.mktemp("broken"))
    root = str(broken.root)
    runs = okrsite_many(
        {f: ["check", "--root", root, "--today", TODAY, "--format", f] for f in FORMATS}
    )
    return broken, runs


def test_broken_copy_text(broken_runs: Runs) -> None:
    broken, runs = broken_runs
    run = runs["text"]
    assert run.returncode == 1
    *lines, summary = run.stdout.splitlines()
    assert SUMMARY.match(summary), summary
    assert summary.startswith("2 errors, 1 warning in ")
    found = [TEXT_LINE.match(line) for line in lines]
    assert all(found), lines
    assert [
        (m["file"], int(m["line"]), int(m["col"]), m["severity"], m["rule"]) for m in found
    ] == [
        (broken.owner_file, broken.owner_line, 8, "error", "unknown-owner"),
        (broken.tab_file, 4, 1, "error", "yaml-tab"),
        (broken.orphan_file, 2, 1, "warning", "no-line-to-vision"),
    ]
    assert "owner `nobody-here` is neither a unit nor a person" in found[0]["message"]


def test_broken_copy_json(broken_runs: Runs) -> None:
    broken, runs = broken_runs
    run = runs["json"]
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert set(report) == {"version", "problems", "summary"}
    assert report["version"] == 1
    assert set(report["summary"]) == {"errors", "warnings", "objectives", "comments"}
    assert (report["summary"]["errors"], report["summary"]["warnings"]) == (2, 1)
    for problem in report["problems"]:
        assert set(problem) == {"rule", "severity", "file", "line", "col", "message", "hint"}
    first = report["problems"][0]
    assert (first["rule"], first["file"], first["line"], first["col"]) == (
        "unknown-owner",
        broken.owner_file,
        broken.owner_line,
        8,
    )
    assert [p["severity"] for p in report["problems"]] == ["error", "error", "warning"]


def test_broken_copy_github(broken_runs: Runs) -> None:
    broken, runs = broken_runs
    run = runs["github"]
    assert run.returncode == 1
    *lines, summary = run.stdout.splitlines()
    assert SUMMARY.match(summary)
    found = [GITHUB_LINE.match(line) for line in lines]
    assert all(found), lines
    assert [
        (m["severity"], m["file"], int(m["line"]), int(m["col"]), m["rule"]) for m in found
    ] == [
        ("error", broken.owner_file, broken.owner_line, 8, "unknown-owner"),
        ("error", broken.tab_file, 4, 1, "yaml-tab"),
        ("warning", broken.orphan_file, 2, 1, "no-line-to-vision"),
    ]
    # The hint follows the message on an escaped new line; nothing breaks the line.
    assert "%0A" in found[1]["message"]


def test_warnings_fail_only_with_strict(broken: Broken, capsys: pytest.CaptureFixture[str]) -> None:
    broken.without_errors()
    assert main(["check", "--root", str(broken.root), "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("0 errors, 1 warning in ")
    strict = okrsite("check", "--root", str(broken.root), "--today", TODAY, "--strict")
    assert strict.returncode == 1
    assert strict.stdout == out


def test_company_severity_makes_a_warning_fail(
    broken: Broken, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken.without_errors()
    (broken.root / "okrsite.toml").write_text(
        '[rules]\nno-line-to-vision = "error"\n', encoding="utf-8"
    )
    monkeypatch.chdir(broken.root)
    assert main(["check", "--today", TODAY]) == 1
    assert f"{broken.orphan_file}:2:1: error no-line-to-vision: " in capsys.readouterr().out


# --- Usage problems: exit 2 -------------------------------------------------------------


def test_usage_problem_exits_2() -> None:
    run = okrsite("check", "--today", "2026-13-01")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.endswith(
        "okrsite check: error: today must be a date YYYY-MM-DD, not '2026-13-01'\n"
    )


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["check"], {"OKRSITE_TODAY": "next tuesday"}, "not 'next tuesday'"),
        (
            ["check", "--root", "no/such/folder", "--today", TODAY],
            {},
            "no/such/folder is not a folder",
        ),
        (["check", "--format", "xml"], {}, "invalid choice: 'xml'"),
        (["schema", "person"], {}, "invalid choice: 'person'"),
        (["chekc"], {}, "invalid choice: 'chekc'"),
        ([], {}, "required: COMMAND"),
        (["check", "--jobs", "0"], {}, "--jobs must be 1 or more"),
    ],
    ids=["bad-today-env", "missing-root", "format", "schema-kind", "command", "nothing", "jobs"],
)
def test_usage_problems(
    args: list[str],
    env: dict[str, str],
    says: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OKRSITE_TODAY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert says in captured.err


# --- The cache --------------------------------------------------------------------------


def test_cached_and_uncached_runs_print_the_same(
    broken: Broken, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside-the-repository")
    cache = outside / "cache"
    env = {"OKRSITE_CACHE_DIR": str(cache)}
    args = ["check", "--root", str(broken.root), "--today", TODAY, "--format", "json"]
    cold = okrsite(*args, env=env)
    assert len(list(cache.glob("check-" + "?" * 24 + ".json"))) == 1
    warm = okrsite(*args, env=env)
    fresh = okrsite(
        *args, "--no-cache", "--jobs", "1", env={"OKRSITE_CACHE_DIR": str(outside / "unused")}
    )
    assert cold.returncode == warm.returncode == fresh.returncode == 1
    assert cold.stdout == warm.stdout == fresh.stdout
    assert json.loads(cold.stdout)["summary"]["errors"] >= 2
    assert not (outside / "unused").exists()
