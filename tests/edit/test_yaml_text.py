"""Round-trip edits: the changed lines change, every other byte stays as it was."""

from __future__ import annotations

import difflib
import textwrap
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from okrsite_gen.edit.yaml_text import EditError, YamlText, flow_mapping, scalar
from okrsite_gen.schema.fields import KEY_RESULT

ORDER = KEY_RESULT.names
KR = ("key_results", 0)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+), nothing else."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line[0] + line[2:] for line in diff if line[:1] in "+-"]


FRONT_MATTER = textwrap.dedent("""\
    ---
    # a comment that must survive
    title: 'Quoted: the title'
    owner: platform
    key_results:
      - id: p95   # trailing comment
        title: Cut p95
        baseline: 1200
        target: 400
        current: 800
        checkins:
          - {date: 2026-10-15, value: 1000, note: "cache warmed"}
      # a comment between key results
      - title: Ship it
        done: false
    ---
    ## Why

    Body text: untouched.
    """)


def test_replace_a_value_and_append_a_flow_checkin() -> None:
    doc = YamlText.parse(FRONT_MATTER, "x.md")
    doc.set_value(KR, "current", scalar(700), ORDER)
    entry = [("date", date(2026, 11, 2)), ("value", 700), ("note", "edge: live")]
    doc.append_item(KR, "checkins", entry, ORDER)
    assert changed_lines(FRONT_MATTER, doc.text) == [
        "-    current: 800\n",
        "+    current: 700\n",
        '+      - {date: 2026-11-02, value: 700, note: "edge: live"}\n',
    ]


def test_add_missing_keys_in_the_documented_order() -> None:
    doc = YamlText.parse(FRONT_MATTER, "x.md")
    milestone = ("key_results", 1)
    doc.set_value(milestone, "progress", scalar(0.5), ORDER)
    doc.append_item(milestone, "checkins", [("date", date(2026, 11, 2))], ORDER)
    assert changed_lines(FRONT_MATTER, doc.text) == [
        "+    progress: 0.5\n",
        "+    checkins:\n",
        "+      - {date: 2026-11-02}\n",
    ]
    assert doc.text.index("done: false") < doc.text.index("progress: 0.5")


def test_block_style_checkins_get_a_block_item() -> None:
    text = textwrap.dedent("""\
        title: T
        owner: o
        key_results:
        - title: K
          baseline: 1
          target: 2
          checkins:
          - date: 2026-10-01
            value: 1
        """)
    doc = YamlText.parse(text, "x.yaml")
    doc.append_item(KR, "checkins", [("date", date(2026, 10, 8)), ("value", 1.5)], ORDER)
    assert changed_lines(text, doc.text) == ["+  - date: 2026-10-08\n", "+    value: 1.5\n"]


def test_flow_mappings_and_flow_lists() -> None:
    text = "title: T\nkey_results:\n  - {title: K, baseline: 1, target: 2, checkins: []}\n"
    doc = YamlText.parse(text, "x.yaml")
    doc.set_value(KR, "current", "2", ORDER)
    doc.append_item(KR, "checkins", [("date", date(2026, 10, 8)), ("value", 2)], ORDER)
    doc.append_item(KR, "checkins", [("date", date(2026, 10, 9)), ("value", 3)], ORDER)
    assert doc.text == (
        "title: T\nkey_results:\n  - {title: K, baseline: 1, target: 2, current: 2, checkins: "
        "[{date: 2026-10-08, value: 2}, {date: 2026-10-09, value: 3}]}\n"
    )


def test_crlf_line_ends_and_a_missing_final_line_end() -> None:
    text = "title: T\r\nkey_results:\r\n  - title: K\r\n    baseline: 1\r\n    target: 2"
    doc = YamlText.parse(text, "x.yaml")
    doc.append_item(KR, "checkins", [("date", date(2026, 10, 8)), ("value", 2)], ORDER)
    assert doc.text == text + "\r\n    checkins:\r\n      - {date: 2026-10-08, value: 2}\r\n"


def test_a_value_written_as_nothing_and_after_a_block_scalar() -> None:
    text = "title: T\nkey_results:\n  - title: >-\n      long\n      title\n    current:\n"
    doc = YamlText.parse(text, "x.yaml")
    doc.set_value(KR, "current", "5", ORDER)
    doc.set_value(KR, "unit", "ms", ORDER)
    assert doc.text == (
        "title: T\nkey_results:\n  - title: >-\n      long\n      title\n    unit: ms\n"
        "    current: 5\n"
    )


def test_what_cannot_be_edited_in_place() -> None:
    with pytest.raises(EditError):
        YamlText.parse("- a list\n", "x.yaml")
    with pytest.raises(EditError):
        YamlText.parse("no front matter\n", "x.md")
    doc = YamlText.parse("title: T\nkey_results: [1]\n", "x.yaml")
    with pytest.raises(EditError):
        doc.set_value(KR, "current", "1", ORDER)


@given(st.text(max_size=30))
def test_scalars_read_back_as_written(text: str) -> None:
    written = scalar(text)
    assert yaml.safe_load(f"k: {written}\n")["k"] == text
    assert yaml.safe_load(flow_mapping([("k", text)])) == {"k": text}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain words", "plain words"),
        ("yes", '"yes"'),
        ("2026", '"2026"'),
        ("a: b", '"a: b"'),
        ("#hash", '"#hash"'),
        (0.1, "0.1"),
        (1200, "1200"),
        (True, "true"),
        (date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_scalar_quoting(value: object, written: str) -> None:
    assert scalar(value) == written
