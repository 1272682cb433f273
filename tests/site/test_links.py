"""Every internal link and anchor of the built sample site resolves, and nothing loads from
another origin: an intranet or air-gapped mirror renders the whole site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from tests.site.conftest import REPO_ROOT, BuiltSite, Element

MKDOCS = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
FORGE = urlsplit(MKDOCS["repo_url"]).netloc
# Hosts a reader may be sent to by clicking (never loaded by the page): the forge (edit,
# history, profiles), Material's "made with" credit, and links the company wrote itself in
# content/ or in its hand-written docs/.
CONTENT_HOSTS = {
    urlsplit(url).netloc
    for folder in ("content", "docs")
    for path in (REPO_ROOT / folder).rglob("*")
    if path.is_file()
    for url in re.findall(r"https?://[^\s)\"'>]+", path.read_text(encoding="utf-8"))
}
CLICKABLE_HOSTS = {FORGE, "squidfunk.github.io"} | CONTENT_HOSTS
BASE = "http://site.invalid/"
NAMING_RELS = ("canonical", "alternate", "author", "license")


def _pages(site: BuiltSite) -> list[tuple[str, Element]]:
    return [(site.url_of(file), site.page(site.url_of(file))) for file in site.html_files()]


def _references(document: Element) -> list[tuple[Element, str, str]]:
    """(element, attribute, value) of every href, src and xlink:href in the page."""
    found = []
    for element in document.iter():
        for attribute in ("href", "src", "xlink:href", "srcset", "data"):
            value = element.attrs.get(attribute)
            if value is not None and (attribute != "data" or element.tag == "object"):
                found.append((element, attribute, value))
    return found


def _is_external(value: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", value))


def test_the_site_has_the_pages_we_check(sample_site: BuiltSite) -> None:
    # A guard for the tests below: an empty or half-built site would pass them vacuously.
    urls = {site_url for site_url, _ in _pages(sample_site)}
    assert len(urls) > 100
    assert {"index.html", "health/index.html", "map/2026-Q4/index.html"} <= urls


def broken_links(site: BuiltSite) -> tuple[int, list[str]]:
    """How many internal references the site has, and which of them lead nowhere."""
    broken: list[str] = []
    checked = 0
    for page_url, document in _pages(site):
        for element, attribute, value in _references(document):
            if _is_external(value) or attribute == "srcset":
                continue
            checked += 1
            joined = urljoin(BASE + page_url, value)
            path, _, fragment = joined.removeprefix(BASE).partition("#")
            path = unquote(path.split("?")[0])
            target = site.root / path
            if path == "" or path.endswith("/"):
                target = target / "index.html"
            where = f"{page_url}:{element.line} <{element.tag} {attribute}={value!r}>"
            if not target.is_file():
                broken.append(f"{where}: no file {path or '/'}")
            elif (
                fragment
                and target.suffix == ".html"
                and unquote(fragment) not in site.page(site.url_of(target)).ids
            ):
                broken.append(f"{where}: no id {fragment!r} in {path or '/'}")
    return checked, broken


def test_every_internal_link_and_anchor_resolves(sample_site: BuiltSite) -> None:
    checked, broken = broken_links(sample_site)
    assert checked > 5000
    assert not broken, "\n".join(broken[:50])


def test_the_link_checker_catches_a_missing_page_and_anchor(tmp_path: Path) -> None:
    """The checker is not vacuous: a missing page and a missing anchor are both caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="b/">missing</a> <a href="a/#nowhere">bad anchor</a>'
        ' <a href="a/#here">good anchor</a> <a href="#top" id="top">self</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    checked, broken = broken_links(BuiltSite(tmp_path))
    assert checked == 5
    assert [b.split(": ", 1)[1] for b in broken] == ["no file b/", "no id 'nowhere' in a/"]


def remote_references(site: BuiltSite) -> list[tuple[str, str]]:
    """(where, what) for everything a page would fetch from another origin, and for links
    to unexpected places."""
    offenders: list[tuple[str, str]] = []
    for page_url, document in _pages(site):
        for element, attribute, value in _references(document):
            if not _is_external(value):
                continue
            where = f"{page_url}:{element.line} <{element.tag} {attribute}={value!r}>"
            scheme = value.split(":", 1)[0].lower()
            if element.tag == "a" and attribute in ("href", "xlink:href"):
                if scheme in ("http", "https"):
                    if urlsplit(value).netloc not in CLICKABLE_HOSTS:
                        offenders.append((where, "a link to an unexpected host"))
                elif scheme != "mailto":
                    offenders.append((where, f"a {scheme}: link"))
                continue
            # <link rel="canonical">, "alternate" etc. name a URL without fetching it.
            if element.tag == "link" and element.get("rel") in NAMING_RELS:
                continue
            if scheme == "data":
                continue
            offenders.append((where, "loads from another origin"))
        # Inline styles and <style> blocks fetch fonts and images with url(...) too.
        for element in document.iter():
            css = element.attrs.get("style", "")
            if element.tag == "style":
                css += element.text
            if re.search(r"url\(\s*['\"]?(https?:)?//", css) or "@import" in css:
                offenders.append((f"{page_url}:{element.line}", f"CSS fetches {css[:120]!r}"))
    return offenders


def test_nothing_loads_from_another_origin(sample_site: BuiltSite) -> None:
    offenders = remote_references(sample_site)
    assert not offenders, "\n".join(f"{where}: {what}" for where, what in offenders[:50])


def test_the_origin_checker_catches_remote_assets(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example/x.js"></script><img src="http://tracker.example/p.gif">'
        '<p style="background: url(https://img.example/a.png)">x</p>'
        '<a href="https://github.com/brightloom/okrs">forge</a><a href="javascript:x()">j</a>'
        '<img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    found = [what for _, what in remote_references(BuiltSite(tmp_path))]
    assert found == [
        "loads from another origin",
        "loads from another origin",
        "loads from another origin",
        "a javascript: link",
        "CSS fetches 'background: url(https://img.example/a.png)'",
    ]


@pytest.mark.parametrize(
    "host", ["fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "cdnjs.cloudflare"]
)
def test_no_file_names_a_font_or_cdn_host(sample_site: BuiltSite, host: str) -> None:
    hits = [sample_site.url_of(f) for f in sample_site.files() if host.encode() in f.read_bytes()]
    assert not hits


def test_stylesheets_fetch_nothing_remote(sample_site: BuiltSite) -> None:
    offenders = []
    for css in sample_site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text):
            offenders.append(f"{sample_site.url_of(css)}: {match.group(1)}")
        for match in re.finditer(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^)'\";]+)", text):
            offenders.append(f"{sample_site.url_of(css)}: @import {match.group(1)}")
    assert not offenders, offenders


def test_okrsite_assets_are_ours_and_local(sample_site: BuiltSite) -> None:
    """The CSS and JS okrsite adds are in the site and named by every page."""
    for name in ("okrsite.css", "okrsite.js"):
        asset = sample_site.root / "assets" / "okrsite" / name
        assert asset.is_file()
        assert not re.search(r"https?://", asset.read_text(encoding="utf-8"))
    home = sample_site.page("")
    assert "assets/okrsite/okrsite.css" in [e.get("href") for e in home.find_all("link")]
    assert "assets/okrsite/okrsite.js" in [s.get("src") for s in home.find_all("script")]
