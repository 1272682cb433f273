"""CSV rows: the header row found below a title, delimiters, blank rows, positions."""

from __future__ import annotations

from okrsite_gen.edit.table import read_table

ALIASES = {"objective": "objective_title", "kr": "kr_title", "owner": "owner", "target": "target"}


def test_title_rows_and_blank_rows_are_skipped_and_lines_kept() -> None:
    text = "Our OKRs,,\n,,\n Objective , KR ,Owner\nGrow,Sell more,sales\n,,\n,Hire,\n"
    table = read_table(text, "okrs.csv", ALIASES)
    assert table.problems == []
    assert table.fields == ["objective_title", "kr_title", "owner"]
    assert [(row.line, row.cells) for row in table.rows] == [
        (4, {"objective_title": "Grow", "kr_title": "Sell more", "owner": "sales"}),
        (6, {"objective_title": "", "kr_title": "Hire", "owner": ""}),
    ]
    assert str(table.rows[1].at("kr_title")) == "okrs.csv:6:2"


def test_semicolons_tabs_and_a_byte_order_mark() -> None:
    for text in ("\ufeffObjective;Target\nGrow;1,5\n", "Objective\tTarget\nGrow\t1,5\n"):
        table = read_table(text, "x.csv", ALIASES)
        assert [row.cells for row in table.rows] == [{"objective_title": "Grow", "target": "1,5"}]


def test_quoted_cells_keep_commas_and_line_breaks() -> None:
    text = 'Objective,KR\n"Grow, fast","Line one\nline two"\nNext,kr\n'
    table = read_table(text, "x.csv", ALIASES)
    assert [row.line for row in table.rows] == [2, 4]
    assert table.rows[0].cells["objective_title"] == "Grow, fast"


def test_unknown_duplicate_and_ignored_columns() -> None:
    text = "Objective,KR,Colour,objective,kr_progress\nGrow,Sell,red,Again,0.5\n"
    table = read_table(text, "x.csv", ALIASES, ignored=["kr_progress"])
    assert [(p.rule, p.severity, p.line, p.col) for p in table.problems] == [
        ("import-column", "warning", 1, 3),
        ("import-column", "error", 1, 4),
    ]
    assert table.rows[0].cells == {"objective_title": "Grow", "kr_title": "Sell"}


def test_no_header_row() -> None:
    table = read_table("a,b\n1,2\n", "x.csv", ALIASES)
    assert [p.rule for p in table.problems] == ["import-column"]
    assert table.rows == []
