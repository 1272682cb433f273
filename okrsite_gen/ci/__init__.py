"""CI for a company's OKR repository: a ready GitHub Actions or GitLab CI workflow.

On a pull (merge) request: `okrsite check`, then `okrsite diff` posted as one comment
that later pushes update. On the main branch: `okrsite build` published to
GitHub Pages or GitLab Pages. The templates ship beside this module; docs/ci.md explains
every step. `okrsite init-ci` writes them; `okrsite init` reuses `write_ci`.
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path
from typing import Literal

__all__ = ["FORGES", "WORKFLOW_PATHS", "Forge", "workflow_text", "write_ci"]

Forge = Literal["github", "gitlab"]
FORGES: tuple[Forge, ...] = ("github", "gitlab")
WORKFLOW_PATHS: dict[str, str] = {
    "github": ".github/workflows/okrs.yml",
    "gitlab": ".gitlab-ci.yml",
}


def _requirement() -> str:
    """``okrsite==X.Y.Z``: CI runs the okrsite that wrote the workflow."""
    try:
        return f"okrsite=={metadata.version('okrsite')}"
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "okrsite"


def workflow_text(forge: Forge, branch: str = "main") -> str:
    """The workflow file for `forge`, publishing from `branch`."""
    if forge not in FORGES:
        raise ValueError(f"unknown forge {forge!r}; expected one of {', '.join(FORGES)}")
    template = resources.files(__package__).joinpath(f"{forge}.yml").read_text(encoding="utf-8")
    return template.replace("@BRANCH@", branch).replace("@REQUIREMENT@", _requirement())


def write_ci(
    root: Path, forge: Forge, *, branch: str = "main", overwrite: bool = False
) -> list[Path]:
    """Write the workflow for `forge` under `root`; the paths written.

    Raises `FileExistsError` (naming the file) when it exists and `overwrite` is False:
    a company's edited workflow is never replaced by surprise.
    """
    path = root / WORKFLOW_PATHS[forge]
    if path.exists() and not overwrite:
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(workflow_text(forge, branch))
    return [path]
