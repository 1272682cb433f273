import pytest

from okrsite_gen.pages.urls import Urls


@pytest.mark.parametrize(
    ("directory_urls", "source", "target", "anchor", "expected"),
    [
        (True, "objectives/2026-Q4/p/x.md", "units/p.md", "", "../../../../units/p/"),
        (True, "index.md", "units/p.md", "", "units/p/"),
        (True, "units/p.md", "index.md", "", "../../"),
        (True, "units/index.md", "units/p.md", "", "p/"),
        (True, "objectives/a.md", "okrs.json", "", "../../okrs.json"),
        (True, "objectives/a.md", "objectives/a.md", "kr-p95", "./#kr-p95"),
        (False, "objectives/2026-Q4/p/x.md", "units/p.md", "", "../../../units/p.html"),
        (False, "index.md", "units/p.md", "", "units/p.html"),
        (False, "units/p.md", "index.md", "", "../index.html"),
        (False, "units/index.md", "units/p.md", "", "p.html"),
    ],
)
def test_relative_links_for_both_url_styles(
    directory_urls: bool, source: str, target: str, anchor: str, expected: str
) -> None:
    assert Urls(directory_urls).link(source, target, anchor) == expected


def test_links_are_percent_encoded() -> None:
    assert Urls().link("index.md", "objectives/a b/ü.md") == "objectives/a%20b/%C3%BC/"


def test_links_are_what_posixpath_relpath_makes() -> None:
    """Our own relative path (relpath asks the OS for the working folder every call)."""
    import itertools
    import posixpath

    from okrsite_gen.pages.urls import _relative

    paths = ["", ".", "a", "a/", "a/b", "a/b/", "a/c/d", "ab/b", "b/a/", "a/b/c/d.html"]
    for target, base in itertools.product(paths, repeat=2):
        assert _relative(target, base) == posixpath.relpath(target or ".", base or "."), (
            target,
            base,
        )
