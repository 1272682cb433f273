"""`check_mapping`: one field definition checks types, ranges, choices and unknown fields."""

from __future__ import annotations

import difflib
import random
from datetime import date

import pytest

from okrsite_gen.load.yaml_reader import parse_yaml
from okrsite_gen.model import Loc, Problem
from okrsite_gen.schema.check import Checked, check_mapping, closest
from okrsite_gen.schema.fields import OBJECTIVE, ORG, Spec

FILE = "content/okrs/2026-Q4/platform/refunds.yaml"


def check(text: str, spec: Spec = OBJECTIVE) -> tuple[Checked | None, list[Problem]]:
    data, yaml_problems = parse_yaml(text, FILE)
    assert yaml_problems == []
    problems: list[Problem] = []
    return check_mapping(data, spec, Loc(FILE), problems), problems


def found(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.col) for p in problems]


def test_a_valid_objective_gives_typed_values_and_their_places() -> None:
    checked, problems = check(
        "title: Refunds & returns <fast>\n"
        "owner: bob\n"
        "aligns_to: 2026-Q4/acme/delight\n"
        "score: 1\n"
        "key_results:\n"
        "  - {title: Refund bot live, done: yes, due: 2026-12-01}\n"
        "  - title: Hours to refund\n"
        "    baseline: 72\n"
        "    target: 24.5\n"
        "    weight: 0.5\n"
    )
    assert problems == []
    assert checked is not None
    assert checked.values == {
        "title": "Refunds & returns <fast>",
        "owner": "bob",
        "aligns_to": ["2026-Q4/acme/delight"],  # one id is read as a one-item list
        "score": 1,
    }
    assert checked.locs["aligns_to[0]"] == Loc(FILE, 3, 12)
    first, second = checked.items["key_results"]
    assert first.values == {"title": "Refund bot live", "done": True, "due": date(2026, 12, 1)}
    assert second.values["target"] == 24.5
    assert second.locs["weight"] == Loc(FILE, 10, 13)


def test_unknown_field_suggests_the_closest_known_one() -> None:
    _, problems = check("title: Refunds\nowner: bob\nalign_to: [x]\nflavour: vanilla\n")
    assert found(problems) == [("unknown-field", 3, 1), ("unknown-field", 4, 1)]
    assert problems[0].hint == "did you mean `aligns_to`?"
    assert problems[1].hint.startswith("Known fields: title, owner, cycle, id, aligns_to")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("owner: bob\n", (1, 1)),  # not written: the mapping itself
        ("title:\nowner: bob\n", (1, 1)),  # written empty
        ("owner: bob\ntitle: ''\n", (2, 1)),
    ],
    ids=["absent", "null", "empty-text"],
)
def test_missing_required_field(text: str, where: tuple[int, int]) -> None:
    checked, problems = check(text)
    assert found(problems) == [("missing-field", *where)]
    assert problems[0].message == "objective needs `title`"
    assert checked is not None and "title" not in checked.values


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("target: 45%", "Write a plain number: `target: 45`."),
        ("target: '1,200'", "Write a plain number: `target: 1200`."),
        ("target: 1.2 s", "Write a plain number, without units or quotes."),
        ("target: true", "Metric: the ideal value (progress 1.0)."),
    ],
    ids=["percent", "thousands", "unit", "boolean"],
)
def test_number_written_as_text(line: str, hint: str) -> None:
    _, problems = check(
        f"title: Refunds\nowner: bob\nkey_results:\n  - title: Hours\n    baseline: 72\n    {line}\n"
    )
    assert found(problems) == [("wrong-type", 6, 13)]
    assert problems[0].message.startswith("`target` in key result 1 must be a number, found ")
    assert problems[0].hint == hint


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "due: 2026-13-45",
            "`due` in key result 1 must be a date (YYYY-MM-DD), found `2026-13-45`",
        ),
        ("due: 20261201", "`due` in key result 1 must be a date (YYYY-MM-DD), found `20261201`"),
        ("done: maybe", "`done` in key result 1 must be true or false, found `maybe`"),
        ("unit: {en: ms}", "`unit` in key result 1 must be text, found a mapping"),
        (
            "checkins: {date: 2026-10-01}",
            "`checkins` in key result 1 must be a list of mappings, found a mapping",
        ),
    ],
    ids=["impossible-date", "date-as-number", "boolean", "text", "object-list"],
)
def test_wrong_type(line: str, message: str) -> None:
    _, problems = check(
        f"title: Refunds\nowner: bob\nkey_results:\n  - title: Hours\n    progress: 0.5\n    {line}\n"
    )
    assert [p.rule for p in problems] == ["wrong-type"]
    assert problems[0].line == 6
    assert problems[0].message == message


def test_a_list_of_ids_with_a_mapping_in_it() -> None:
    checked, problems = check(
        "title: Refunds\nowner: bob\ncontributors:\n  - alice\n  - {name: bob}\n  - raj\n"
    )
    assert found(problems) == [("wrong-type", 5, 5)]
    assert problems[0].message.startswith("item 2 of `contributors` in objective must be an id")
    assert checked is not None
    assert checked.values["contributors"] == ["alice", "raj"]
    assert checked.locs["contributors[1]"] == Loc(FILE, 6, 5)  # the good values' places


def test_empty_list_item_is_reported() -> None:
    _, problems = check("title: Refunds\nowner: bob\nthemes:\n  -\n  - trust\n")
    assert found(problems) == [("wrong-type", 4, 4)]
    assert "found nothing" in problems[0].message


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("kind: aspirationl", "did you mean `aspirational`?"),
        ("status: finished", "Use one of: draft, active, done, dropped."),
        ("visibility: Private", "did you mean `private`?"),
    ],
)
def test_bad_choice(line: str, hint: str) -> None:
    _, problems = check(f"title: Refunds\nowner: bob\n{line}\n")
    assert [(p.rule, p.line) for p in problems] == [("bad-choice", 3)]
    assert problems[0].hint == hint


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("id: refunds-2026_v1.2", True),
        ("id: 2026-Q4/platform/Refunds", True),  # objective ids are paths; capitals allowed
        ("id: platform refunds", False),
        ("id: /platform/refunds", False),
        ("id: -refunds", False),
        ("cycle: 2026-Q4", True),
        ("cycle: 2026/Q4", False),
    ],
)
def test_objective_and_cycle_id_syntax(line: str, ok: bool) -> None:
    _, problems = check(f"title: Refunds\nowner: bob\n{line}\n")
    assert found(problems) == ([] if ok else [("bad-id", 3, line.index(":") + 3)])


@pytest.mark.parametrize("kr_id", ["P95", "p 95", "p95#fast", "ü"])
def test_key_result_ids_are_lower_case_slugs(kr_id: str) -> None:
    _, problems = check(
        f"title: Refunds\nowner: bob\nkey_results:\n  - id: '{kr_id}'\n    title: x\n    done: no\n"
    )
    assert found(problems) == [("bad-id", 4, 9)]
    assert "lower-case letters" in problems[0].hint


def test_org_ids_are_slugs() -> None:
    _, problems = check(
        "name: Acme\ncycles: []\nunits:\n  - {id: Acme, name: Acme}\npeople:\n"
        "  - {id: jane.doe_2, name: Jane, unit: acme}\n",
        ORG,
    )
    assert found(problems) == [("bad-id", 4, 10)]


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("confidence: 0", True),
        ("confidence: 1", True),
        ("confidence: 1.5", False),
        ("confidence: 70", False),
        ("progress: -0.1", False),
        ("weight: 0.5", True),
        ("weight: 0", False),  # weight must be more than 0
        ("weight: -1", False),
        ("target: -40", True),  # metrics may be negative (e.g. a loss to cut)
        ("target: .inf", False),
        ("target: -.inf", False),
        ("target: .nan", False),
        ("target: 1" + "0" * 400, False),  # an integer no float can hold
    ],
)
def test_ranges(line: str, ok: bool) -> None:
    _, problems = check(
        f"title: Refunds\nowner: bob\nkey_results:\n  - title: Hours\n    baseline: 0\n    {line}\n"
    )
    assert found(problems) == ([] if ok else [("out-of-range", 6, line.index(":") + 7)])


def test_out_of_range_messages() -> None:
    _, problems = check(
        "title: Refunds\nowner: bob\nscore: 7\nkey_results:\n"
        "  - {title: Hours, baseline: 1, target: .nan, weight: 0}\n"
    )
    assert [p.message for p in problems] == [
        "`score` is 7; it must be between 0 and 1",
        "`target` must be a finite number, found `nan`",
        "`weight` is 0; it must be more than 0",
    ]
    assert problems[0].hint == "Confidence, progress and score are fractions: write 0.7 for 70%."


def test_refused_values_are_left_out_but_keep_their_place() -> None:
    checked, problems = check("title: Refunds\nowner: bob\nscore: 7\n")
    assert [p.rule for p in problems] == ["out-of-range"]
    assert checked is not None
    assert "score" not in checked.values
    assert checked.locs["score"] == Loc(FILE, 3, 8)


def test_text_fields_keep_what_was_written() -> None:
    checked, problems = check("title: 2026\nowner: 007\ntags: [yes, 1.50, ~x]\nreflection: no\n")
    assert problems == []
    assert checked is not None
    assert checked.values == {
        "title": "2026",
        "owner": "007",
        "tags": ["yes", "1.50", "~x"],
        "reflection": "no",
    }


def test_nested_problems_name_the_item() -> None:
    _, problems = check(
        "title: Refunds\nowner: bob\nkey_results:\n  - title: Hours\n    checkins:\n"
        "      - {date: 2026-10-01, value: 70}\n      - {value: 60, confidence: 2}\n"
    )
    assert found(problems) == [("missing-field", 7, 9), ("out-of-range", 7, 33)]
    assert problems[0].message == "checkin 2 needs `date`"


def test_not_a_mapping() -> None:
    problems: list[Problem] = []
    assert check_mapping(None, OBJECTIVE, Loc(FILE, 2), problems) is None
    assert check_mapping("just text", OBJECTIVE, Loc(FILE, 2), problems) is None
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("not-a-mapping", 2, "objective must be a mapping of `field: value`, found nothing"),
        ("not-a-mapping", 2, "objective must be a mapping of `field: value`, found `just text`"),
    ]


def test_closest() -> None:
    assert closest("platfrom", ["platform", "payments"]) == "platform"
    assert closest("zzz", ["platform", "payments"]) is None


def test_closest_is_exactly_difflibs_choice() -> None:
    # Ids as a large company writes them (long shared prefixes), typos of them, and words
    # close to several at once: the faster search must pick what difflib picks.
    rng = random.Random(8)
    units = [f"div-{a}-{b}" for a in range(1, 7) for b in range(1, 7)]
    ids = [f"2026-Q{q}/{u}/o{n}-{s}" for q in (3, 4) for u in units for n in range(1, 5)
           for s in ("data-platform", "onboarding", "checkout", "support")]  # fmt: skip
    words = []
    for _ in range(60):
        word = list(rng.choice(ids))
        for _ in range(rng.randint(0, 4)):
            at = rng.randrange(len(word))
            word[at : at + rng.randint(0, 2)] = rng.choice(["", "x", "-", "Q", "9"])
        words.append("".join(word))
    words += ["", "zzz", "2026-Q3/company/o1-data-platform", "onboarding"]
    for word in words:
        expected = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
        assert closest(word, ids) == (expected[0] if expected else None), word
