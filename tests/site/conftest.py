"""The built site, read as a reader's browser would get it.

`sample_site` builds the sample company (the repository's own content/ and mkdocs.yml)
once per test session with the real `okrsite build`, in a subprocess, into a temporary
folder. `tiny_repo` writes a company of content/ alone (no mkdocs.yml, no docs/) for
tests that change files or configuration.

HTML is read with the standard library's html.parser into a small element tree
(`parse_html`), so the tests need no extra dependency: `find_all("a", cls="okr-card")`,
`.text`, `.get("href")` and `.ids` cover what they ask of a page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import VALID_REPO, write_files

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TODAY = "2026-11-23"
SAMPLE_TODAY_DATE = date.fromisoformat(SAMPLE_TODAY)
# The sample's one private objective (content/okrs/2026-Q4/maya/project-heron.md).
PRIVATE_ID = "2026-Q4/maya/project-heron"


# --- running okrsite ---------------------------------------------------------------------


def run_okrsite(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`okrsite ARGS` in a subprocess, as a user runs it; output captured as text."""
    environment = {k: v for k, v in os.environ.items() if k != "OKRSITE_TODAY"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "okrsite_gen.cli.main", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build(root: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_okrsite(
        "build", "--root", str(root), "--today", SAMPLE_TODAY, "-d", str(site_dir), *extra, cwd=root
    )


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- a small element tree over html.parser ------------------------------------------------

_BASE = "http://site.invalid/"

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)
    line: int = 0
    url: str = ""  # on a document's root: where the page is, relative to the site root

    def resolve(self, reference: str) -> str:
        """A link in this element's page as a path from the site root: `objectives/x/#kr-a`.

        External links come back unchanged.
        """
        root = self
        while root.parent is not None:
            root = root.parent
        joined = urljoin(f"{_BASE}{root.url}", reference)
        if not joined.startswith(_BASE):
            return reference
        path, _, fragment = joined.removeprefix(_BASE).partition("#")
        path = unquote(path.removesuffix("index.html"))
        return f"{path}#{fragment}" if fragment else path

    @property
    def href(self) -> str | None:
        """A link's target as written (`xlink:href` on the SVG links of diagrams)."""
        return self.attrs.get("href") or self.attrs.get("xlink:href")

    def links(self) -> list[str]:
        """Where every `<a>` under this element points, from the site root."""
        return [a.resolve(a.href) for a in self.find_all("a") if a.href]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, **attrs: str
    ) -> list[Element]:
        """Elements below (and including) this one with the tag, class and attributes given.

        Attribute names use `_` for `-` (`data_key=...` matches `data-key`); `True` matches
        any value.
        """
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(k in e.attrs and (v is True or e.attrs[k] == v) for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Element:
        """The first match; fails the test when there is none."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in <{self.tag} {self.attrs}>"
        return found[0]

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed."""
        parts: list[str] = []

        def walk(element: Element) -> None:
            for child in element.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.iter() if "id" in e.attrs}

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def section(self, heading_text: str) -> list[Element]:
        """Siblings after the h2 whose text starts with `heading_text`, up to the next h2."""
        for heading in self.find_all("h2"):
            if heading.text.rstrip("¶").strip().startswith(heading_text):
                siblings = [c for c in heading.parent.children if isinstance(c, Element)]
                result = []
                for sibling in siblings[siblings.index(heading) + 1 :]:
                    if sibling.tag == "h2":
                        break
                    result.append(sibling)
                return result
        raise AssertionError(f"no section {heading_text!r}")

    def section_text(self, heading_text: str) -> str:
        return " ".join(e.text for e in self.section(heading_text))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1], line=self.getpos()[0]
        )
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(
            tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1], line=self.getpos()[0]
        )
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag: browsers ignore it, and so do we.

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# --- the built site ----------------------------------------------------------------------


@dataclass
class BuiltSite:
    """A site folder on disk and the pages in it, parsed on demand (and cached)."""

    root: Path
    stdout: str = ""
    stderr: str = ""
    docs_before: dict[str, bytes] = field(default_factory=dict)
    docs_after: dict[str, bytes] = field(default_factory=dict)
    _pages: dict[Path, Element] = field(default_factory=dict, repr=False)

    def file_of(self, url: str) -> Path:
        """The file a site URL (relative to the site root, `objectives/x/`) is served from."""
        path = unquote(urlsplit(url).path).lstrip("/")
        target = self.root / path
        if path == "" or path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def page(self, url: str) -> Element:
        """The parsed HTML page at `url`; fails the test when it does not exist."""
        file = self.file_of(url)
        assert file.is_file(), f"no page at {url!r} ({file})"
        if file not in self._pages:
            document = parse_html(file.read_text(encoding="utf-8"))
            document.url = self.url_of(file)
            self._pages[file] = document
        return self._pages[file]

    def article(self, url: str) -> Element:
        """The page's content, without Material's header, navigation and footer."""
        return self.page(url).find("article")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def url_of(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()


_SAMPLE: dict[Path, BuiltSite] = {}


def build_sample_site(base: Path) -> BuiltSite:
    """Build the sample company into `base/sample-site`, once per process (later calls reuse
    it, so the site and browser tests share one build)."""
    target = base / "sample-site"
    if target not in _SAMPLE:
        docs = REPO_ROOT / "docs"
        before = _tree(docs)
        result = build(REPO_ROOT, target)
        assert result.returncode == 0, f"okrsite build failed:\n{result.stdout}\n{result.stderr}"
        _SAMPLE[target] = BuiltSite(target, result.stdout, result.stderr, before, _tree(docs))
    return _SAMPLE[target]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample company's site, built once per session by `okrsite build`."""
    return build_sample_site(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def sample_repo():
    """The sample company's OKRs as the loader reads them (what the pages should show)."""
    from okrsite_gen.pipeline import check_repo

    checked = check_repo(REPO_ROOT, SAMPLE_TODAY_DATE)
    assert not checked.errors, checked.errors
    return checked.repo


# --- a tiny company of content/ only -------------------------------------------------------


@dataclass
class TinyRepo:
    """`tests/conftest.py`'s valid company (Acme), content/ only, in a temporary folder."""

    root: Path

    def write(self, files: dict[str, str | bytes | None]) -> None:
        write_files(self.root, files)

    def build(self, *extra: str, site_dir: Path | None = None):
        """`okrsite build` with MkDocs's defaults; returns (process, BuiltSite)."""
        site = site_dir or self.root.parent / f"{self.root.name}-site"
        result = build(self.root, site, *extra)
        return result, BuiltSite(site, result.stdout, result.stderr)


def make_tiny_repo(folder: Path) -> TinyRepo:
    root = folder / "acme"
    write_files(root, VALID_REPO)
    assert not (root / "mkdocs.yml").exists() and not (root / "docs").exists()
    return TinyRepo(root)


@pytest.fixture
def tiny_repo(tmp_path: Path) -> TinyRepo:
    return make_tiny_repo(tmp_path)
