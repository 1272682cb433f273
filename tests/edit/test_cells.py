"""Spreadsheet values: numbers with separators and percent signs, fractions, booleans, dates."""

from __future__ import annotations

from datetime import date

import pytest

from okrsite_gen.edit.cells import (
    CellError,
    normalise_header,
    parse_bool,
    parse_date,
    parse_fraction,
    parse_number,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", (1200, False)),
        (" 1,200 ", (1200, False)),
        ("1,200,000", (1200000, False)),
        ("1 200", (1200, False)),
        ("1\u00a0200", (1200, False)),
        ("1'200.5", (1200.5, False)),
        ("1.200.000", (1200000, False)),
        ("1.200,50", (1200.5, False)),
        ("1,200.50", (1200.5, False)),
        ("0,7", (0.7, False)),
        ("63.0", (63.0, False)),
        ("-3", (-3, False)),
        ("45%", (45, True)),
        ("12.5 %", (12.5, True)),
    ],
)
def test_numbers_as_people_type_them(text: str, expected: tuple[object, bool]) -> None:
    value, percent = parse_number(text)
    assert (value, percent) == expected
    assert type(value) is type(expected[0])  # 1200 stays an int, 63.0 a float


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12-3", "inf", "nan", ""])
def test_not_numbers(text: str) -> None:
    with pytest.raises(CellError) as error:
        parse_number(text)
    assert error.value.hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.7", (0.7, False)), ("70%", (0.7, False)), ("70", (0.7, True)), ("1", (1.0, False))],
)
def test_fractions(text: str, expected: tuple[float, bool]) -> None:
    assert parse_fraction(text) == expected


@pytest.mark.parametrize("text", ["150", "-0.1", "120%"])
def test_fractions_out_of_range(text: str) -> None:
    with pytest.raises(CellError, match="between 0 and 1"):
        parse_fraction(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("TRUE", True), ("yes", True), ("x", True), ("✓", True), ("no", False)]
)
def test_booleans(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_dates_also_with_a_midnight_time() -> None:
    assert parse_date("2026-11-25") == date(2026, 11, 25)
    assert parse_date("2026-11-25 00:00:00") == date(2026, 11, 25)
    with pytest.raises(CellError, match="not a date"):
        parse_date("25/11/2026")


def test_lists_split_on_semicolons_else_commas() -> None:
    assert split_list("a; b;;c") == ["a", "b", "c"]
    assert split_list("a, b") == ["a", "b"]
    assert split_list("Grow, fast; b") == ["Grow, fast", "b"]
    assert split_list("  ") == []


def test_headers_normalised() -> None:
    assert normalise_header(" Objective_Title ") == "objective title"
    assert normalise_header("KR-Owner") == "kr owner"
