"""`okrsite init-ci`: workflows that parse, call only commands that exist, and are documented.
Also the pre-commit hook definition okrsite publishes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrsite_gen.ci import WORKFLOW_PATHS, workflow_text, write_ci
from okrsite_gen.cli.main import build_parser, main

PROJECT = Path(__file__).resolve().parents[2]
CI_DOC = PROJECT / "docs" / "ci.md"


def workflow(forge: str) -> dict[Any, Any]:
    return yaml.safe_load(workflow_text(forge))  # type: ignore[arg-type]


def shell_lines(forge: str) -> list[str]:
    """Every shell line the workflow runs (GitHub `run:`, GitLab `script:`)."""
    document = workflow(forge)
    if forge == "github":
        scripts = [
            step["run"]
            for job in document["jobs"].values()
            for step in job["steps"]
            if "run" in step
        ]
    else:
        scripts = [
            line
            for job in document.values()
            if isinstance(job, dict)
            for key in ("before_script", "script")
            for line in job.get(key, [])
        ]
    return [line for script in scripts for line in script.splitlines()]


def okrsite_calls(forge: str) -> list[list[str]]:
    """The arguments of every `okrsite ...` call, up to a shell operator."""
    calls = []
    for line in shell_lines(forge):
        for match in re.finditer(r"(?<![\w-])okrsite ([^;|&>\n]+)", line):
            calls.append([arg for arg in shlex.split(match[1]) if arg not in ("then", "fi")])
    return calls


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_every_okrsite_call_parses_with_the_real_cli(forge: str) -> None:
    calls = okrsite_calls(forge)
    commands = {call[0] for call in calls}
    assert {"check", "diff", "build", "codeowners"} <= commands
    parser = build_parser()
    for call in calls:
        parser.parse_args(call)  # SystemExit (a test failure) for an unknown command/option


def test_github_checks_pull_requests_and_publishes_to_pages() -> None:
    document = workflow("github")
    triggers = document[True]  # YAML 1.1 reads the key `on` as true; GitHub does not
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]
    check, publish = document["jobs"]["check"], document["jobs"]["publish"]
    assert check["permissions"]["pull-requests"] == "write"
    runs = [step.get("run", "") for step in check["steps"]]
    assert "okrsite check --format github" in runs
    assert check["steps"][0]["with"]["fetch-depth"] == 0  # diff reads the base from git
    comment = next(
        s for s in check["steps"] if s.get("uses", "").startswith("actions/github-script")
    )
    assert "<!-- okrsite-diff -->" in comment["with"]["script"]
    assert "updateComment" in comment["with"]["script"]
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    assert "okrsite build --site-dir site" in [s.get("run") for s in publish["steps"]]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_gitlab_checks_merge_requests_posts_a_note_and_publishes_pages() -> None:
    document = workflow("gitlab")
    assert document["variables"]["GIT_DEPTH"] == "0"
    assert "okrsite check --format text" in document["okrs:check"]["script"]
    diff_script = "\n".join(document["okrs:diff"]["script"])
    assert "<!-- okrsite-diff -->" in diff_script and "OKRSITE_GITLAB_TOKEN" in diff_script
    assert "/notes" in diff_script
    pages = document["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "okrsite build --site-dir public" in pages["script"]
    assert pages["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]


def test_the_gitlab_note_script_is_valid_python() -> None:
    script = "\n".join(workflow("gitlab")["okrs:diff"]["script"])
    python = script.split("<<'PY'\n", 1)[1].rsplit("\nPY", 1)[0]
    compile(python, "okrs:diff", "exec")


def test_the_install_line_pins_this_okrsite() -> None:
    from importlib.metadata import version

    assert f'pip install "okrsite=={version("okrsite")}"' in workflow_text("github")


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_init_ci_writes_once_and_force_replaces(
    tmp_path: Path, forge: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init-ci", forge, "--root", str(tmp_path), "--branch", "trunk"]) == 0
    path = tmp_path / WORKFLOW_PATHS[forge]
    assert "trunk" in path.read_text(encoding="utf-8")
    path.write_text("# edited by the company\n", encoding="utf-8")
    assert main(["init-ci", forge, "--root", str(tmp_path)]) == 1
    assert "exists; pass --force" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# edited by the company\n"
    assert main(["init-ci", forge, "--root", str(tmp_path), "--force"]) == 0
    assert path.read_text(encoding="utf-8") == workflow_text(forge)  # type: ignore[arg-type]


def test_write_ci_for_okrsite_init(tmp_path: Path) -> None:
    assert write_ci(tmp_path, "github") == [tmp_path / ".github/workflows/okrs.yml"]
    with pytest.raises(FileExistsError):
        write_ci(tmp_path, "github")


def test_docs_explain_every_step_and_job() -> None:
    doc = CI_DOC.read_text(encoding="utf-8")
    github = workflow("github")
    for job in github["jobs"].values():
        for step in job["steps"]:
            label = step.get("name") or step["uses"].split("@")[0]
            assert f"**{label}" in doc or f"**`{label}`" in doc, label
    for name, job in workflow("gitlab").items():
        if isinstance(job, dict) and "script" in job:
            assert f"**`{name}`**" in doc, name
    for call in okrsite_calls("github") + okrsite_calls("gitlab"):
        assert f"okrsite {call[0]}" in doc


def test_pre_commit_hook_runs_okrsite_check_on_content_changes() -> None:
    [hook] = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "okrsite-check"
    assert (hook["entry"], hook["language"], hook["pass_filenames"], hook["files"]) == (
        "okrsite check",
        "python",
        False,
        "^content/",
    )
    build_parser().parse_args(hook["entry"].split()[1:])
