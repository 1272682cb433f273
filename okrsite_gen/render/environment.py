"""The Jinja environment: the package's templates, overridable from the company's theme/."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from .text import markdown_escape

OVERRIDE_DIR = Path("theme") / "okrsite"  # under the company repository


def make_environment(root: Path | None = None) -> Environment:
    """Templates from `root/theme/okrsite/` first (a company's overrides), then ours."""
    if root is not None and (root / OVERRIDE_DIR).is_dir():
        return _environment(str(root / OVERRIDE_DIR))
    return _package_environment()


@functools.cache
def _package_environment() -> Environment:
    """Our templates alone, compiled once per process (Jinja reloads a changed file)."""
    return _environment(None)


def _environment(override_dir: str | None) -> Environment:
    loaders = []
    if override_dir is not None:
        loaders.append(FileSystemLoader(override_dir))
    loaders.append(PackageLoader("okrsite_gen.render", "templates"))
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # every value is escaped unless a builder marked it safe HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    environment.filters["md"] = lambda text: Markup(markdown_escape(str(text)))
    return environment


def asset(name: str) -> str:
    """The text of a CSS or JS file shipped in render/assets/."""
    return (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")
