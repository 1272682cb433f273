"""CI for a company's OKR repository: a ready GitHub Actions or GitLab CI workflow.

On a pull (merge) request: `okrsite check`, then `okrsite diff` posted as one comment
that later pushes update. On the main branch: `okrsite build` published to
GitHub Pages or GitLab Pages. The templates ship beside this module; docs/ci.md explains
every step. `okrsite init-ci` writes them; `okrsite init` reuses `write_ci`.

Opt-in (`stale_reminder`): a weekly scheduled job posting `okrsite stale` to one issue —
on GitHub its own workflow (github-stale.yml), on GitLab a job appended to .gitlab-ci.yml
(gitlab-stale.yml), whose `pages` job then skips scheduled pipelines
(the `@PAGES_SCHEDULE_RULE@` line of gitlab.yml; removed without the reminder).
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path
from typing import Literal

__all__ = [
    "FORGES",
    "STALE_WORKFLOW_PATHS",
    "WORKFLOW_PATHS",
    "Forge",
    "ci_files",
    "workflow_text",
    "write_ci",
]

Forge = Literal["github", "gitlab"]
FORGES: tuple[Forge, ...] = ("github", "gitlab")
WORKFLOW_PATHS: dict[str, str] = {
    "github": ".github/workflows/okrs.yml",
    "gitlab": ".gitlab-ci.yml",
}
# Where the weekly stale reminder goes: GitLab runs one pipeline file, so it is a job there.
STALE_WORKFLOW_PATHS: dict[str, str] = {
    "github": ".github/workflows/okrs-stale.yml",
    "gitlab": ".gitlab-ci.yml",
}

# Scheduled pipelines run the reminder, never a publish of the site.
_PAGES_SKIPS_SCHEDULES = """\
    # Scheduled pipelines are the weekly stale reminder's: they publish nothing.
    - if: $CI_PIPELINE_SOURCE == "schedule"
      when: never
"""


def _requirement() -> str:
    """``okrsite==X.Y.Z``: CI runs the okrsite that wrote the workflow."""
    try:
        return f"okrsite=={metadata.version('okrsite')}"
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "okrsite"


def _template(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def workflow_text(forge: Forge, branch: str = "main", *, stale_reminder: bool = False) -> str:
    """The workflow file for `forge`, publishing from `branch`.

    With `stale_reminder` on GitLab, the file also holds the `stale-reminder` job (GitHub's
    reminder is a workflow of its own: `ci_files`).
    """
    if forge not in FORGES:
        raise ValueError(f"unknown forge {forge!r}; expected one of {', '.join(FORGES)}")
    template = _template(f"{forge}.yml")
    gitlab_reminder = stale_reminder and forge == "gitlab"
    template = template.replace(
        "@PAGES_SCHEDULE_RULE@\n", _PAGES_SKIPS_SCHEDULES if gitlab_reminder else ""
    )
    if gitlab_reminder:
        template += _template("gitlab-stale.yml")
    return _fill(template, branch)


def _fill(template: str, branch: str) -> str:
    return template.replace("@BRANCH@", branch).replace("@REQUIREMENT@", _requirement())


def ci_files(forge: Forge, branch: str = "main", *, stale_reminder: bool = False) -> dict[str, str]:
    """Every file the CI of `forge` needs, by path from the repository root."""
    files = {WORKFLOW_PATHS[forge]: workflow_text(forge, branch, stale_reminder=stale_reminder)}
    if stale_reminder and forge == "github":
        files[STALE_WORKFLOW_PATHS[forge]] = _fill(_template("github-stale.yml"), branch)
    return files


def write_ci(
    root: Path,
    forge: Forge,
    *,
    branch: str = "main",
    overwrite: bool = False,
    stale_reminder: bool = False,
) -> list[Path]:
    """Write the CI files for `forge` under `root`; the paths written.

    A file that exists is kept unless `overwrite`: a company's edited workflow is never
    replaced by surprise, while a file it lacks (the reminder workflow, added later) is
    still written. Raises `FileExistsError` (naming the first file) when every file exists.
    """
    files = ci_files(forge, branch, stale_reminder=stale_reminder)
    missing = {rel: text for rel, text in files.items() if overwrite or not (root / rel).exists()}
    if not missing:
        raise FileExistsError(str(root / next(iter(files))))
    written = []
    for rel, text in missing.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        written.append(path)
    return written
