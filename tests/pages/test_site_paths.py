"""Ids, owners and paths can never make the generator write outside the site folder.

Validation refuses ids that could (`..`, absolute paths, backslashes, `%2e`, very long
names), whether written as `id:` or taken from a file's path; and `build_site` passes every
generated path through `safe_site_path`, which refuses anything not plainly inside docs/.
"""

from __future__ import annotations

import json
import posixpath

import pytest

from okrsite_gen.pages.urls import UnsafePath, safe_site_path
from okrsite_gen.site import SiteOptions, build_site
from tests.conftest import TODAY, Company, problems_of, where
from tests.site.conftest import REPO_ROOT, SAMPLE_TODAY_DATE

OBJECTIVE = "---\n{front}title: Refunds\nowner: bob\nthemes: [trust]\n---\n"
NEW = "content/okrs/2026-Q4/platform/refunds.md"

HOSTILE_IDS = [
    "../../../etc/passwd",
    "/etc/passwd",
    "2026-Q4/../../x",
    "a/./b",
    "a//b",
    "a/",
    "C:/Windows/win",
    "a\\..\\..\\b",
    "%2e%2e/%2e%2e/x",
    ".hidden",
    "a/.git/config",
    "x" * 201,
    "a b",
    "a\tb",
    "ü",
    "\u202eexe.txt",
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_a_written_id_that_could_leave_the_site_is_refused(company: Company, hostile: str) -> None:
    front = f"id: {json.dumps(hostile)}\n"  # a JSON string is YAML in double quotes
    result = company.check({NEW: OBJECTIVE.format(front=front)})
    assert where(problems_of(result, "bad-id")) == [("bad-id", NEW, 2, 5)]
    # The objective keeps its path id; the refused one names nothing.
    assert hostile not in {o.id for o in result.repo.objectives}
    assert "2026-Q4/platform/refunds" in {o.id for o in result.repo.objectives}


@pytest.mark.parametrize(
    "name",
    [
        "a b.md",
        "a\\..\\..\\b.md",
        "%2e%2e.md",
        "-dash.md",
        "ü.md",
        "\u202eevil.md",
        "x" * 240 + ".md",
    ],
)
def test_an_id_taken_from_a_file_name_is_checked_the_same_way(company: Company, name: str) -> None:
    rel = f"content/okrs/2026-Q4/platform/{name}"
    result = company.check({rel: OBJECTIVE.format(front="")})
    assert where(result.problems) == [("bad-id", rel, 1, 1)]
    assert "made from the file's path" in result.problems[0].message
    assert {o.path for o in result.repo.objectives} == {
        "2026/acme/grow.md",
        "2026-Q4/acme/delight.md",
        "2026-Q4/platform/instant-checkout.yaml",
        "2026-Q4/platform/pci.md",
        "2026-Q3/platform/load-test.md",
    }  # the file is not loaded: its id would name its page


def test_a_folder_name_is_part_of_the_id(company: Company) -> None:
    rel = "content/okrs/2026-Q4/Platform Team/refunds.md"
    result = company.check({rel: OBJECTIVE.format(front="")})
    assert where(result.problems) == [("bad-id", rel, 1, 1)]


def test_a_valid_written_id_rescues_a_file_with_an_odd_name(company: Company) -> None:
    rel = "content/okrs/2026-Q4/platform/Refunds (draft).md"
    result = company.check({rel: OBJECTIVE.format(front="id: 2026-Q4/platform/refunds\n")})
    assert result.errors == []
    assert "2026-Q4/platform/refunds" in {o.id for o in result.repo.objectives}


@pytest.mark.parametrize("field", ["units", "people"])
def test_unit_and_person_ids_are_slugs(company: Company, field: str) -> None:
    org = (company.root / "content/okrs/org.yaml").read_text(encoding="utf-8")
    anchor = "  - id: sales\n" if field == "units" else "  - id: bob\n"
    result = company.check(
        {"content/okrs/org.yaml": org.replace(anchor, anchor.replace("id: ", "id: ../../"))}
    )
    assert [p.rule for p in problems_of(result, "bad-id")] == ["bad-id"]
    org_ids = {u.id for u in result.repo.org.units} | {p.id for p in result.repo.org.people}
    assert not [i for i in org_ids if "/" in i]


def test_a_company_that_turns_bad_id_off_still_cannot_write_outside(company: Company) -> None:
    company.write(
        {
            "okrsite.toml": '[rules]\nbad-id = "off"\n',
            NEW: OBJECTIVE.format(front='id: "../../../outside"\n'),
            "content/okrs/2026-Q4/platform/x y.md": OBJECTIVE.format(front=""),
        }
    )
    built = build_site(company.root, TODAY, SiteOptions())
    assert built.errors == []
    paths = [f.path for f in built.files]
    assert "objectives/2026-Q4/platform/refunds.md" in paths
    assert all(safe_site_path(p) == p for p in paths)
    assert not [p for p in paths if "outside" in p or " " in p]


# --- the guard itself ------------------------------------------------------------------------


def test_every_path_of_the_sample_site_is_plainly_inside_docs() -> None:
    built = build_site(REPO_ROOT, SAMPLE_TODAY_DATE, SiteOptions(include_private=True))
    assert len(built.files) > 100
    for site_file in built.files:
        path = site_file.path
        assert safe_site_path(path) == path
        assert posixpath.normpath(path) == path and not path.startswith("/")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../x.md",
        "objectives/../../x.md",
        "objectives/./x.md",
        "objectives//x.md",
        "objectives/x/",
        "objectives\\..\\x.md",
        "C:/x.md",
        "objectives/%2e%2e/x.md",
        "objectives/.git/x.md",
        "objectives/x\x00.md",
        "objectives/x y.md",
        "objectives/" + "x" * 256 + ".md",
        "objectives/\u202ex.md",
    ],
)
def test_the_guard_refuses_a_path_that_is_not_plainly_inside_docs(path: str) -> None:
    with pytest.raises(UnsafePath):
        safe_site_path(path)
