from urllib.parse import parse_qs, urlsplit

from okrsite_gen.forge import Forge


def test_github_links() -> None:
    forge = Forge.from_url("https://github.com/acme/okrs/", branch="main")
    path = "content/okrs/2026-Q4/platform/fast checkout.md"
    assert forge.kind == "github"
    assert forge.edit(path) == (
        "https://github.com/acme/okrs/edit/main/content/okrs/2026-Q4/platform/fast%20checkout.md"
    )
    assert forge.view(path).startswith("https://github.com/acme/okrs/blob/main/content/")
    assert forge.history(path).startswith("https://github.com/acme/okrs/commits/main/content/")


def test_gitlab_links_use_the_dash_prefix_and_its_query_names() -> None:
    forge = Forge.from_url("https://gitlab.example.com/acme/okrs", branch="trunk")
    assert forge.kind == "gitlab"
    url = forge.new_file("content/comments/a/b.md", "---\nkind: kudos\n---\nThanks & well done")
    parts = urlsplit(url)
    assert parts.path == "/acme/okrs/-/new/trunk/content/comments/a"
    query = parse_qs(parts.query)
    assert query == {
        "file_name": ["b.md"],
        "content": ["---\nkind: kudos\n---\nThanks & well done"],
    }


def test_github_new_file_query() -> None:
    forge = Forge.from_url("https://github.com/acme/okrs")
    query = parse_qs(urlsplit(forge.new_file("content/okrs/x/y.md", "a b")).query)
    assert query == {"filename": ["y.md"], "value": ["a b"]}


def test_explicit_kind_wins_over_the_host_name() -> None:
    assert Forge.from_url("https://code.acme.internal/okrs", kind="gitlab").kind == "gitlab"
