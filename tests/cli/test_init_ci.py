"""`okrsite init-ci`: workflows that parse, call only commands that exist, and are documented.
Also the pre-commit hook definition okrsite publishes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from okrsite_gen.ci import (
    STALE_WORKFLOW_PATHS,
    WORKFLOW_PATHS,
    ci_files,
    workflow_text,
    write_ci,
)
from okrsite_gen.cli.main import build_parser, main

PROJECT = Path(__file__).resolve().parents[2]
CI_DOC = PROJECT / "docs" / "ci.md"


def workflow(forge: str) -> dict[Any, Any]:
    return yaml.safe_load(workflow_text(forge))  # type: ignore[arg-type]


def reminder(forge: str) -> dict[Any, Any]:
    """The file that holds the weekly stale reminder of `init-ci --stale-reminder`."""
    files = ci_files(forge, stale_reminder=True)  # type: ignore[arg-type]
    return yaml.safe_load(files[STALE_WORKFLOW_PATHS[forge]])  # type: ignore[no-any-return]


def shell_lines(forge: str, document: dict[Any, Any] | None = None) -> list[str]:
    """Every shell line the workflow (by default the main one) runs (GitHub `run:`,
    GitLab `script:`)."""
    document = workflow(forge) if document is None else document
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


def okrsite_calls(forge: str, document: dict[Any, Any] | None = None) -> list[list[str]]:
    """The arguments of every `okrsite ...` call, up to a shell operator."""
    calls = []
    for line in shell_lines(forge, document):
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


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_the_stale_reminder_calls_only_commands_that_exist(forge: str) -> None:
    calls = okrsite_calls(forge, reminder(forge))
    assert ["stale", "--format", "markdown", "--exit-code"] in calls
    parser = build_parser()
    for call in calls:
        parser.parse_args(call)


def test_github_stale_reminder_is_a_weekly_workflow_of_its_own() -> None:
    files = ci_files("github", stale_reminder=True)
    assert list(files) == [".github/workflows/okrs.yml", ".github/workflows/okrs-stale.yml"]
    assert files[".github/workflows/okrs.yml"] == workflow_text("github")  # main unchanged
    document = reminder("github")
    triggers = document[True]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert document["permissions"] == {"contents": "read"}
    [job] = document["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    uses = [step.get("uses", "") for step in job["steps"]]
    assert {"actions/checkout@v4", "actions/setup-python@v5", "actions/github-script@v7"} <= set(
        uses
    )
    assert 'pip install "okrsite' in files[".github/workflows/okrs-stale.yml"]
    script = next(s for s in job["steps"] if "github-script" in s.get("uses", ""))
    code = script["with"]["script"]
    assert "'okr-reminder'" in code and "labels: [label]" in code
    for call in ("issues.create(", "issues.update(", "issues.createComment(", "'closed'"):
        assert call in code, call


def test_gitlab_stale_reminder_runs_on_schedules_only_and_nothing_else_does() -> None:
    [path] = ci_files("gitlab", stale_reminder=True)
    assert path == ".gitlab-ci.yml"
    document = reminder("gitlab")
    job = document["stale-reminder"]
    [rule] = job["rules"]
    assert rule["if"].startswith('$CI_PIPELINE_SOURCE == "schedule" && ')
    script = "\n".join(job["script"])
    assert "OKRSITE_GITLAB_TOKEN" in script and "okr-reminder" in script
    assert "/issues" in script and "/notes" in script and '"state_event": "close"' in script
    python = script.split("<<'PY'\n", 1)[1].rsplit("\nPY", 1)[0]
    compile(python, "stale-reminder", "exec")
    # The main pipeline's jobs stay out of scheduled pipelines.
    for name, other in document.items():
        if not isinstance(other, dict) or "script" not in other or name == "stale-reminder":
            continue
        first = other["rules"][0]
        assert "merge_request_event" in first["if"] or (
            first == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
        ), name
    # Everything else is the main pipeline as without the flag.
    plain = workflow("gitlab")
    assert {k: v for k, v in document.items() if k != "stale-reminder"} == {
        **plain,
        "pages": {**plain["pages"], "rules": [first, *plain["pages"]["rules"]]},
    }


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_without_the_flag_there_is_no_stale_job(forge: str, tmp_path: Path) -> None:
    assert ci_files(forge) == {WORKFLOW_PATHS[forge]: workflow_text(forge)}  # type: ignore[arg-type]
    text = workflow_text(forge)  # type: ignore[arg-type]
    assert "stale" not in text and "schedule" not in text and "@" + "PAGES" not in text
    assert all("stale" not in " ".join(call) for call in okrsite_calls(forge))
    assert main(["init-ci", forge, "--root", str(tmp_path)]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yml"))
    assert written == [WORKFLOW_PATHS[forge]]


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_init_ci_stale_reminder_writes_the_files(
    tmp_path: Path, forge: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init-ci", forge, "--root", str(tmp_path), "--stale-reminder"]) == 0
    out = capsys.readouterr().out
    for rel, text in ci_files(forge, stale_reminder=True).items():  # type: ignore[arg-type]
        assert (tmp_path / rel).read_text(encoding="utf-8") == text
        assert f"Wrote {rel}." in out
        yaml.safe_load(text)
    assert ("Pipeline schedules" if forge == "gitlab" else "Mondays") in out


def test_the_reminder_is_added_to_an_existing_github_workflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main_workflow = tmp_path / WORKFLOW_PATHS["github"]
    main_workflow.parent.mkdir(parents=True)
    main_workflow.write_text("# edited by the company\n", encoding="utf-8")
    assert main(["init-ci", "github", "--root", str(tmp_path), "--stale-reminder"]) == 0
    captured = capsys.readouterr()
    assert main_workflow.read_text(encoding="utf-8") == "# edited by the company\n"
    assert (tmp_path / STALE_WORKFLOW_PATHS["github"]).is_file()
    assert "Kept .github/workflows/okrs.yml" in captured.err
    assert main(["init-ci", "github", "--root", str(tmp_path), "--stale-reminder"]) == 1


def test_okrsite_init_passes_the_stale_reminder_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "a"), "--forge", "gitlab", "--stale-reminder"]) == 0
    assert "stale-reminder:" in (tmp_path / "a/.gitlab-ci.yml").read_text(encoding="utf-8")
    assert main(["init", str(tmp_path / "b"), "--stale-reminder"]) == 0
    assert (tmp_path / "b" / STALE_WORKFLOW_PATHS["github"]).is_file()
    assert main(["init", str(tmp_path / "c")]) == 0
    assert not (tmp_path / "c" / STALE_WORKFLOW_PATHS["github"]).exists()
    with pytest.raises(SystemExit):
        main(["init", str(tmp_path / "d"), "--forge", "none", "--stale-reminder"])


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
    for github in (workflow("github"), reminder("github")):
        for job in github["jobs"].values():
            for step in job["steps"]:
                label = step.get("name") or step["uses"].split("@")[0]
                assert f"**{label}" in doc or f"**`{label}`" in doc, label
    for name, job in reminder("gitlab").items():
        if isinstance(job, dict) and "script" in job:
            assert f"**`{name}`**" in doc, name
    for forge in ("github", "gitlab"):
        for call in okrsite_calls(forge) + okrsite_calls(forge, reminder(forge)):
            assert f"okrsite {call[0]}" in doc
    assert "--stale-reminder" in doc and "okr-reminder" in doc
    assert "--stale-reminder" in (PROJECT / "docs" / "upkeep.md").read_text(encoding="utf-8")


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
