"""Loading files into the model: default ids, text kept as written, and every way a file
can be unreadable reported as a rule-coded problem with file and line — never a traceback.
"""

from __future__ import annotations

import textwrap
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite_gen.load.yaml_reader import parse_yaml
from okrsite_gen.validate.registry import RULES
from tests.conftest import ORG, VALID_REPO, Company, problems_of, where

NEW = "content/okrs/2026-Q4/platform/refunds.md"
NEW_YAML = "content/okrs/2026-Q4/platform/refunds.yaml"


def objective(result, objective_id):
    return next(o for o in result.repo.objectives if o.id == objective_id)


# --- Default ids and values ------------------------------------------------------------


def test_objective_id_is_the_path_under_okrs_without_extension(company: Company) -> None:
    result = company.check()
    ids = sorted(o.id for o in result.repo.objectives)
    assert ids == [
        "2026-Q3/platform/load-test",
        "2026-Q4/acme/delight",
        "2026-Q4/platform/pci",
        "2026/acme/grow",
        "platform-instant-checkout",  # an explicit `id:` overrides the path
    ]
    assert objective(result, "platform-instant-checkout").path == (
        "2026-Q4/platform/instant-checkout.yaml"
    )


def test_cycle_comes_from_the_first_folder_unless_written(company: Company) -> None:
    result = company.check(
        {
            "content/okrs/people/hiring.md": """\
                ---
                title: Hire 4 engineers
                owner: raj
                cycle: 2026-Q4
                themes: [growth]
                key_results:
                  - {title: Engineers hired, baseline: 0, target: 4, current: 1}
                ---
                """
        }
    )
    assert result.problems == []
    assert objective(result, "2026/acme/grow").cycle == "2026"  # `id: "2026"` in org.yaml
    assert objective(result, "2026-Q4/acme/delight").cycle == "2026-Q4"
    assert objective(result, "people/hiring").cycle == "2026-Q4"


def test_key_result_ids_default_to_their_position(company: Company) -> None:
    result = company.check()
    checkout = objective(result, "platform-instant-checkout")
    assert [kr.id for kr in checkout.key_results] == ["p95", "kr2", "kr3"]
    assert [kr.ref for kr in objective(result, "2026/acme/grow").key_results] == [
        "2026/acme/grow#kr1",
        "2026/acme/grow#kr2",
    ]


def test_yaml_objective_description_is_its_body(company: Company) -> None:
    result = company.check(
        {
            "content/okrs/2026-Q4/platform/db.yml": """\
                title: Move to Postgres 17
                owner: platform
                themes: [trust]
                description: |
                  ## Why
                  Postgres 12 is out of support.
                key_results:
                  - {title: Databases migrated, baseline: 0, target: 12, current: 5}
                """
        }
    )
    assert result.problems == []
    db = objective(result, "2026-Q4/platform/db")
    assert db.body == "## Why\nPostgres 12 is out of support.\n"
    assert objective(result, "2026/acme/grow").body.startswith("## Why\n\nBecause <small>")
    assert objective(result, "2026/acme/grow").body_line == 13


def test_origin_defaults_to_cascaded_when_aligned(company: Company) -> None:
    result = company.check()
    assert objective(result, "2026-Q4/acme/delight").origin == "cascaded"
    assert objective(result, "2026/acme/grow").origin == "self-driven"
    assert objective(result, "2026/acme/grow").kind == "committed"
    assert objective(result, "2026/acme/grow").status == "active"
    assert objective(result, "2026/acme/grow").visibility == "public"


def test_messy_text_is_kept_exactly(company: Company) -> None:
    result = company.check()
    grow = objective(result, "2026/acme/grow")
    assert grow.title == ("Win [Europe](https://example.com/eu) — the “mid-market” & beyond 🚀")
    assert grow.key_results[0].title == "Grow merchants from 1,200 to 3,000"
    assert result.repo.org is not None
    assert result.repo.org.name == "Acme & Sons <Europe>"
    assert result.repo.org.themes[1].title == "“Trusted” by default"


def test_yes_no_and_numbers_stay_text_where_text_belongs(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: yes
                owner: bob
                themes: [trust]
                tags: [no, 2026, 1.10]
                key_results:
                  - title: 1.10
                    done: no
                  - title: off
                    done: yes
                ---
                """
        }
    )
    assert result.problems == []
    refunds = objective(result, "2026-Q4/platform/refunds")
    assert refunds.title == "yes"
    assert refunds.tags == ["no", "2026", "1.10"]
    assert [(kr.title, kr.done) for kr in refunds.key_results] == [("1.10", False), ("off", True)]


def test_dates_may_be_quoted(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - title: Refund bot live
                    done: false
                    due: "2026-12-01"
                    checkins:
                      - {date: '2026-10-12', done: false}
                ---
                """
        }
    )
    assert result.problems == []
    kr = objective(result, "2026-Q4/platform/refunds").key_results[0]
    assert kr.due == date(2026, 12, 1)
    assert kr.checkins[0].date == date(2026, 10, 12)
    assert result.repo.comments[1].date == date(2026, 11, 2)  # `date: "2026-11-02"`


def test_hidden_and_underscore_files_are_not_read(company: Company) -> None:
    result = company.check(
        {
            "content/okrs/2026-Q4/platform/_template.md": "not front matter\n",
            "content/okrs/2026-Q4/platform/.draft.md": "",
            "content/okrs/.templates/x.md": "",
            "content/okrs/2026-Q4/platform/notes.txt": "whatever",
        }
    )
    assert result.problems == []
    assert len(result.repo.objectives) == 5


def test_readmes_are_notes_for_people_not_objectives(company: Company) -> None:
    note = "# How we write OKRs\n\nOne file per objective; see docs.\n"
    result = company.check(
        {
            "content/okrs/README.md": note,
            "content/okrs/2026-Q4/readme.md": note,
            "content/comments/Readme.md": note,
        }
    )
    assert result.problems == []
    assert (len(result.repo.objectives), len(result.repo.comments)) == (5, 2)
    # An objective whose name merely contains the word is an objective.
    named = company.check({"content/okrs/2026-Q4/platform/readme-rewrite.md": note})
    assert [(p.rule, p.file) for p in named.errors] == [
        ("front-matter-missing", "content/okrs/2026-Q4/platform/readme-rewrite.md")
    ]


# --- Files that cannot be read ----------------------------------------------------------


def test_non_utf8_bytes_point_at_the_byte(company: Company) -> None:
    result = company.check(
        {
            "content/comments/2026-Q4/platform/pci/2026-11-03-raj.md": "---\nobjective: 2026-Q4/platform/pci\nauthor: raj\ndate: 2026-11-03\n---\nÇa marche ?\n".encode(
                "cp1252"
            )
        }
    )
    assert where(result.problems) == [
        ("file-encoding", "content/comments/2026-Q4/platform/pci/2026-11-03-raj.md", 6, 1)
    ]
    assert "0xc7" in result.problems[0].message
    assert result.errors  # a comment nobody can read is an error, not a silent skip


def test_nul_bytes_are_a_binary_file(company: Company) -> None:
    result = company.check({NEW: b"---\ntitle: x\x00\n---\n"})
    assert where(result.problems) == [("file-encoding", NEW, 1, 1)]


def test_bom_is_reported_and_the_file_still_read(company: Company) -> None:
    result = company.check(
        {
            NEW: "\ufeff---\ntitle: Refunds\nowner: bobb\nthemes: [trust]\nkey_results: []\n---\n".encode()
        }
    )
    assert where(result.problems) == [
        ("file-bom", NEW, 1, 1),
        ("unknown-owner", NEW, 3, 8),  # the rest of the file was read: lines still right
        ("no-key-results", NEW, 5, 14),
    ]


@pytest.mark.parametrize("text", [b"", b"   \n\t\n  \r\n"], ids=["empty", "whitespace-only"])
def test_empty_files(company: Company, text: bytes) -> None:
    result = company.check({NEW: text, NEW_YAML: text})
    assert where(result.problems) == [("file-empty", NEW, 1, 1), ("file-empty", NEW_YAML, 1, 1)]


def test_empty_org_is_one_problem_not_one_per_objective(company: Company) -> None:
    result = company.check({ORG: "\n"})
    assert where(result.problems) == [("file-empty", ORG, 1, 1)]


def test_org_with_a_syntax_error_is_one_problem(company: Company) -> None:
    company.replace(ORG, "name: Acme & Sons <Europe>", "name: Acme: the company")
    result = company.check()
    assert where(result.problems) == [("yaml-syntax", ORG, 2, 11)]


def test_front_matter_never_closed(company: Company) -> None:
    result = company.check({NEW: "---\ntitle: Refunds\nowner: bob\n\n## Why\n\nSo slow.\n"})
    assert where(result.problems) == [("front-matter-unclosed", NEW, 1, 1)]


def test_markdown_without_front_matter(company: Company) -> None:
    result = company.check({NEW: "# Refunds\n\ntitle: Refunds\n"})
    assert where(result.problems) == [("front-matter-missing", NEW, 1, 1)]


def test_front_matter_may_close_with_dots(company: Company) -> None:
    result = company.check(
        {
            NEW: "---\ntitle: Refunds\nowner: bob\nthemes: [trust]\nkey_results:\n  - {title: Bot live, done: false}\n...\nBody.\n"
        }
    )
    assert result.problems == []
    assert objective(result, "2026-Q4/platform/refunds").body == "Body."


@pytest.mark.parametrize(
    ("rel", "text", "line"),
    [
        (NEW_YAML, "- title: Refunds\n- owner: bob\n", 1),
        (NEW, "---\n- title: Refunds\n- owner: bob\n---\n", 2),
        (NEW, "---\nJust a sentence about refunds.\n---\n", 2),
        ("content/comments/2026-Q4/platform/pci/2026-11-03-raj.md", "---\n[raj, pci]\n---\n", 2),
    ],
    ids=["yaml-list", "front-matter-list", "front-matter-sentence", "comment-list"],
)
def test_a_list_or_text_where_a_mapping_belongs(
    company: Company, rel: str, text: str, line: int
) -> None:
    result = company.check({rel: text})
    assert where(result.problems) == [("not-a-mapping", rel, line, 1)]


def test_empty_front_matter_is_not_a_mapping(company: Company) -> None:
    result = company.check({NEW: "---\n---\nJust text.\n"})
    assert where(result.problems) == [("not-a-mapping", NEW, 2, 1)]
    assert "found nothing" in result.problems[0].message


def test_a_key_result_that_is_a_string(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - Refund within 24 h
                  - title: Refund bot live
                    done: false
                ---
                """
        }
    )
    assert where(result.problems) == [("not-a-mapping", NEW, 6, 5)]
    assert "key result 1 must be a mapping" in result.problems[0].message


def test_key_results_as_a_mapping_instead_of_a_list(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  title: Refund bot live
                  done: false
                ---
                """
        }
    )
    # The objective has no usable KR, so the focus warning stands beside the error.
    assert where(result.problems) == [("no-key-results", NEW, 6, 3), ("wrong-type", NEW, 6, 3)]
    assert "must be a list of mappings, found a mapping" in result.problems[1].message


def test_tab_indentation(company: Company) -> None:
    result = company.check(
        {
            NEW: "---\ntitle: Refunds\nowner: bob\nkey_results:\n  - title: Bot live\n  \tdone: false\n---\n"
        }
    )
    assert where(result.problems) == [("yaml-tab", NEW, 6, 3)]


def test_a_tab_inside_a_value_is_fine(company: Company) -> None:
    result = company.check(
        {
            NEW: "---\ntitle: Refunds\tfast\nowner: bob\nthemes: [trust]\nkey_results:\n  - {title: Bot live, done: false}\n---\n"
        }
    )
    assert result.problems == []


def test_duplicate_top_level_key_keeps_nothing_silently(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                owner: alice
                key_results:
                  - {title: Bot live, done: false}
                ---
                """
        }
    )
    assert where(result.problems) == [("yaml-duplicate-key", NEW, 5, 1)]
    assert "`owner` appears twice" in result.problems[0].message
    assert "first on line 3" in result.problems[0].message


def test_duplicate_key_inside_a_key_result(company: Company) -> None:
    result = company.check(
        {
            NEW_YAML: """\
                title: Refund shoppers within a day
                owner: bob
                themes: [trust]
                key_results:
                  - title: Hours to refund
                    baseline: 72
                    target: 24
                    current: 50
                    target: 12
                """
        }
    )
    assert where(result.problems) == [("yaml-duplicate-key", NEW_YAML, 9, 5)]


def test_python_tags_are_refused_and_never_run(company: Company) -> None:
    marker = company.root / "pwned"
    result = company.check(
        {
            NEW: f"""\
                ---
                title: !!python/object/apply:os.system ["touch {marker}"]
                owner: bob
                themes: [trust]
                key_results:
                  - {{title: Bot live, done: false}}
                ---
                """
        }
    )
    assert not marker.exists()
    assert ("yaml-unsupported-tag", NEW, 2, 8) in where(result.problems)
    assert all(p.file == NEW for p in result.problems)


def test_billion_laughs_is_refused_fast(company: Company) -> None:
    lol = "\n".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    bomb = f"---\ntitle: Refunds\nowner: bob\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{lol}\n---\n"
    started = time.perf_counter()
    result = company.check({NEW: bomb})
    elapsed = time.perf_counter() - started
    assert where(result.problems) == [("yaml-too-complex", NEW, 4, 4)]
    assert elapsed < 0.8


def test_recursive_alias(company: Company) -> None:
    result = company.check({NEW_YAML: "title: &t\n  deeper: *t\nowner: bob\n"})
    assert where(result.problems) == [("yaml-too-complex", NEW_YAML, 1, 8)]


def test_deep_nesting(company: Company) -> None:
    result = company.check({NEW_YAML: "title: " + "[" * 60 + "]" * 60 + "\nowner: bob\n"})
    assert [p.rule for p in result.problems] == ["yaml-too-complex"]
    assert result.problems[0].line == 1


def test_yaml_syntax_error_line_in_front_matter(company: Company) -> None:
    result = company.check(
        {
            NEW: """\
                ---
                title: Refund shoppers within a day
                owner: bob
                themes: [trust
                key_results:
                  - {title: Bot live, done: false}
                ---
                """
        }
    )
    assert [(p.rule, p.file, p.line) for p in result.problems] == [("yaml-syntax", NEW, 5)]


def test_unquoted_colon_in_a_title(company: Company) -> None:
    result = company.check(
        {NEW_YAML: "owner: bob\nthemes: [trust]\ntitle: Refunds: within a day\n"}
    )
    assert where(result.problems) == [("yaml-syntax", NEW_YAML, 3, 15)]
    assert "quote values" in result.problems[0].hint


def test_crlf_line_endings_keep_lines_right(company: Company) -> None:
    text = (
        "---\r\ntitle: Refund shoppers within a day\r\nowner: bob\r\nthemes: [trust]\r\n"
        "key_results:\r\n  - title: Hours to refund\r\n    baseline: 72\r\n    target: 72\r\n"
        "    current: 50\r\n---\r\n## Why\r\nBecause.\r\n"
    )
    result = company.check({NEW: text.encode()})
    assert where(result.problems) == [("metric-flat", NEW, 8, 13)]
    refunds = objective(result, "2026-Q4/platform/refunds")
    assert refunds.title == "Refund shoppers within a day"
    assert refunds.body_line == 11


def test_crlf_yaml_syntax_error_line(company: Company) -> None:
    result = company.check(
        {NEW_YAML: b"title: Refunds\r\nowner: bob\r\ntags: [a\r\nthemes: []\r\n"}
    )
    assert [(p.rule, p.line) for p in result.problems] == [("yaml-syntax", 4)]


def test_symlink_out_of_content_is_refused(company: Company, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "passwords.yaml"
    outside.write_text("title: secrets\nowner: bob\n", encoding="utf-8")
    (company.root / NEW_YAML).symlink_to(outside)
    result = company.check()
    assert where(result.problems) == [("file-outside-content", NEW_YAML, 1, 1)]


def test_symlink_inside_content_is_read(company: Company) -> None:
    (company.root / "content/okrs/2026-Q4/platform/pci-again.md").symlink_to("pci.md")
    result = company.check()
    assert [p.rule for p in result.problems] == []
    assert len(result.repo.objectives) == 6


def test_dangling_symlink_is_unreadable(company: Company) -> None:
    (company.root / NEW).symlink_to("gone.md")
    result = company.check()
    assert where(result.problems) == [("file-unreadable", NEW, 1, 1)]


def test_file_too_large_via_limits(company: Company) -> None:
    result = company.check(
        {"okrsite.toml": "[limits]\nmax_file_bytes = 1_000\n"}  # org.yaml is 1,182 bytes
    )
    assert where(result.problems) == [("file-too-large", ORG, 1, 1)]
    assert "1,182 bytes; the limit is 1,000" in result.problems[0].message


def test_too_many_files_via_limits(company: Company) -> None:
    assert company.check({"okrsite.toml": "[limits]\nmax_files = 7\n"}).problems == []
    result = company.check({"okrsite.toml": "[limits]\nmax_files = 6\n"})
    assert where(result.problems) == [("too-many-files", "content/", 1, 1)]


def test_yaml_limits_via_config(company: Company) -> None:
    result = company.check({"okrsite.toml": "[limits]\nmax_yaml_nodes = 20\n"})
    too_complex = problems_of(result, "yaml-too-complex")
    assert [p.file for p in too_complex] == [
        "content/okrs/2026-Q4/platform/instant-checkout.yaml",
        ORG,
    ]


# --- The YAML reader on its own -----------------------------------------------------------


def test_parse_yaml_keeps_positions_of_keys_values_and_items() -> None:
    data, problems = parse_yaml("title: Refunds\ntags:\n  - fast\n  - 'cheap'\n", "x.yaml", 3)
    assert problems == []
    assert data.key_at("tags").line == 5
    assert (data.value_at("title").line, data.value_at("title").col) == (4, 8)
    assert [(loc.line, loc.col) for loc in data["tags"].item_locs] == [(6, 5), (7, 5)]


def test_parse_yaml_keeps_source_text_of_scalars() -> None:
    data, _ = parse_yaml("a: 1.10\nb: yes\nc: 0x1F\nd: 2026-10-01\n", "x.yaml")
    assert data == {"a": 1.1, "b": True, "c": 31, "d": date(2026, 10, 1)}
    assert data.texts == {"a": "1.10", "b": "yes", "c": "0x1F", "d": "2026-10-01"}


def test_merge_keys_fill_in_missing_values() -> None:
    data, problems = parse_yaml(
        "defaults: &d {unit: ms, weight: 2}\nkr:\n  <<: *d\n  weight: 3\n", "x.yaml"
    )
    assert problems == []
    assert data["kr"] == {"unit": "ms", "weight": 3}


def test_a_second_document_is_a_syntax_error() -> None:
    _, problems = parse_yaml("title: a\n---\ntitle: b\n", "x.yaml")
    assert [(p.rule, p.line) for p in problems] == [("yaml-syntax", 2)]


# --- Whatever the bytes, problems and never a traceback ----------------------------------

_TOKENS = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "<<: *a",
    "\n  ",
    "\n",
    "#",
    "'",
    '"',
    "~",
    "yes",
    "1e999",
    "1" + "0" * 400,
    ".nan",
    "2026-13-01",
    "\t",
    "---\n",
    "? ",
    "|",
    ">",
    "%",
    "@",
    "\ufeff",
    "\x00",
    "é",
    "\r\n",
    "key_results:",
    "checkins:",
    "aligns_to:",
    "id: ",
    "cycle: ",
    "[]",
    "{}",
    "\x85",
    "\u2028",
]
_OBJECTIVE = VALID_REPO["content/okrs/2026-Q4/platform/instant-checkout.yaml"]


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis/ folder left in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_TOKENS)), min_size=1, max_size=6))
def test_mangled_files_give_problems_not_tracebacks(
    company: Company, edits: list[tuple[float, str]]
) -> None:
    text = textwrap.dedent(_OBJECTIVE)
    for where_, token in edits:
        position = int(where_ * len(text))
        text = text[:position] + token + text[position:]
    rel = "content/okrs/2026-Q4/platform/mangled.yaml"
    (company.root / rel).write_text(text, encoding="utf-8", newline="")
    result = company.check()
    for problem in result.problems:
        assert problem.rule in RULES
        assert problem.line >= 1 and problem.col >= 1
