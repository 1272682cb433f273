"""`import`: an export reads back as the same objectives; messy sheets read as meant."""

from __future__ import annotations

import difflib
import shutil
import textwrap
from pathlib import Path

import pytest

from okrsite_gen.adopt.columns import IGNORED_COLUMNS, IMPORT_COLUMNS
from okrsite_gen.adopt.documents import document_of, spreadsheet_view
from okrsite_gen.adopt.importer import ImportOptions, ImportPlan, plan_import
from okrsite_gen.edit.changes import new_errors, write_changes
from okrsite_gen.edit.table import read_table
from okrsite_gen.export import to_csv
from okrsite_gen.graph import build_graph
from okrsite_gen.load import load_repo
from okrsite_gen.model import Repo

from ..cli.conftest import REPO_ROOT
from ..conftest import TODAY

ORG = "content/okrs/org.yaml"


@pytest.fixture(scope="module")
def sample() -> Repo:
    loaded = load_repo(REPO_ROOT)
    assert loaded.problems == []
    return loaded.repo


@pytest.fixture(scope="module")
def sample_csv(sample: Repo) -> str:
    return to_csv(build_graph(sample, TODAY), include_private=True)


def org_only(tmp_path: Path) -> Path:
    """A repository with the sample's org.yaml and no objective."""
    (tmp_path / "content/okrs").mkdir(parents=True)
    shutil.copy(REPO_ROOT / ORG, tmp_path / ORG)
    return tmp_path


def sample_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    return tmp_path


def run_import(root: Path, csv_text: str, **options: object) -> ImportPlan:
    table = read_table(textwrap.dedent(csv_text), "okrs.csv", IMPORT_COLUMNS, IGNORED_COLUMNS)
    return plan_import(table, root, load_repo(root).repo, ImportOptions(**options))  # type: ignore[arg-type]


def views(repo: Repo) -> dict[str, tuple[str, dict]]:
    """Each objective's file path and what a spreadsheet can say about it."""
    return {o.id: (o.path, spreadsheet_view(document_of(o))) for o in repo.objectives}


def test_export_then_import_reproduces_every_objective(
    tmp_path: Path, sample: Repo, sample_csv: str
) -> None:
    root = org_only(tmp_path)
    plan = run_import(root, sample_csv)
    assert plan.problems == []
    assert len(plan.files) == len(sample.objectives) == 49
    assert new_errors(root, TODAY, plan.changes) == []
    write_changes(root, plan.changes)
    imported = load_repo(root)
    assert imported.problems == []
    assert views(imported.repo) == views(sample)


def test_importing_again_changes_nothing(tmp_path: Path, sample_csv: str) -> None:
    root = sample_copy(tmp_path)
    kept = run_import(root, sample_csv)
    assert (kept.files, len(kept.skipped)) == ([], 49)
    assert kept.skipped[0][1].endswith("exists (--update replaces its fields)")
    update = run_import(root, sample_csv, update=True)
    assert (update.files, [why for _, why in update.skipped]) == ([], ["unchanged"] * 49)


def test_update_keeps_narrative_and_checkins(tmp_path: Path, sample_csv: str) -> None:
    root = sample_copy(tmp_path)
    rel = "content/okrs/2026-Q4/platform/edge-cache.md"
    old = (root / rel).read_text(encoding="utf-8")
    changed = sample_csv.replace(
        "Cut checkout API p95 from 710 ms to 350 ms.,ms,710,350,220,455,",
        "Cut checkout API p95 from 710 ms to 350 ms.,ms,710,350,220,430,",
    )
    plan = run_import(root, changed, update=True)
    assert [(f.path, f.action) for f in plan.files] == [(rel, "update")]
    assert new_errors(root, TODAY, plan.changes) == []
    new = plan.files[0].text
    assert "current: 430\n" in new and "current: 455\n" not in new
    for kept in ("## Why\n\nSixty percent", "- {date: 2026-11-16, value: 455", "by: ben}"):
        assert kept in old and kept in new


MESSY = """\
    Brightloom OKRs, Q4 (from the planning sheet),,,,,,,,,,
    ,,,,,,,,,,
    Quarter ,Objective, Owner,KR,KR Owner,Start,Target,Current,Progress,Confidence,Parent
    Q4 2026,Win the Nordics,Sales EMEA,Grow Nordic logos from 0 to 8,Henrik Dahl,0,8,3,,70%,win 20 mid-market logos in dach
    ,,,"Build EUR 1,200 k of Nordic pipeline",@lenaschmidt,"1,200","2,500","1,900",,0.6,
    ,,,,,,,,,,
    ,,,Sign two Nordic partners,Nora Nyberg,,,,45%,,
    Q4 2026,Make support self-serve,Knowledge Team,Raise self-service from 20% to 35%,fatima,20%,35%,27%,,65,
"""


def test_a_messy_sheet_reads_as_meant(tmp_path: Path) -> None:
    root = sample_copy(tmp_path)
    plan = run_import(root, MESSY, create_missing=True)
    assert [(p.rule, p.severity, p.line, p.col) for p in plan.problems] == [
        ("import-new-name", "warning", 7, 5),
        ("import-new-name", "warning", 8, 3),
        ("import-value", "warning", 8, 10),  # 65 read as 65 %
    ]
    files = {f.path: f.text for f in plan.files}
    assert files["content/okrs/2026-Q4/sales-emea/win-the-nordics.md"] == textwrap.dedent("""\
        ---
        title: Win the Nordics
        owner: sales-emea
        aligns_to: [2026-Q4/brightloom/win-dach]
        key_results:
          - title: Grow Nordic logos from 0 to 8
            baseline: 0
            target: 8
            current: 3
            confidence: 0.7
            owner: henrik
          - title: Build EUR 1,200 k of Nordic pipeline
            baseline: 1200
            target: 2500
            current: 1900
            confidence: 0.6
            owner: lena
          - title: Sign two Nordic partners
            owner: nora-nyberg
            progress: 0.45
        ---
        """)
    support = files["content/okrs/2026-Q4/knowledge-team/make-support-self-serve.md"]
    assert "    unit: '%'\n    baseline: 20\n    target: 35\n    current: 27\n" in support
    assert "    confidence: 0.65\n" in support
    assert plan.created == [
        ("unit", "knowledge-team", "Knowledge Team"),
        ("person", "nora-nyberg", "Nora Nyberg"),
    ]
    org = plan.changes[ORG]
    assert "  - id: knowledge-team\n    name: Knowledge Team\n    parent: brightloom\n" in org
    assert org.endswith("  - id: nora-nyberg\n    name: Nora Nyberg\n    unit: sales-emea\n")
    # org.yaml is edited in place: its own lines (comments too) all stay, in order.
    original = (REPO_ROOT / ORG).read_text(encoding="utf-8").splitlines()
    diff = difflib.ndiff(original, org.splitlines())
    assert [line for line in diff if line.startswith("- ")] == []
    assert new_errors(root, TODAY, plan.changes) == []


def test_unknown_owners_are_listed_never_invented(tmp_path: Path) -> None:
    root = sample_copy(tmp_path)
    plan = run_import(root, MESSY)
    unknown = [p for p in plan.problems if p.rule == "import-unknown-name"]
    assert [(p.severity, p.line, p.message) for p in unknown] == [
        ("error", 7, "`Nora Nyberg` is not a unit or person in org.yaml (line 7)"),
        ("error", 8, "`Knowledge Team` is not a unit or person in org.yaml (line 8)"),
    ]
    assert "--create-missing" in unknown[0].hint
    assert plan.org_text is None


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        (
            "Objective,Owner,Quarter,KR,Target\nGrow,platform,2026-Q4,Sell,10\n"
            ",payments,,More,12\n",
            [("import-conflict", 3, 2)],
        ),
        ("Objective,Owner,KR\nGrow,platform,Sell\n", [("import-unknown-cycle", 2, 1)]),
        ("Objective,Owner,Quarter\nGrow,platform,Q2 2031\n", [("import-unknown-cycle", 2, 3)]),
        ("KR,Owner,Quarter\nSell,platform,2026-Q4\n", [("import-missing", 2, 1)]),
        (
            "Objective,Owner,Quarter,KR,Target\nGrow,platform,2026-Q4,,10\n",
            [("import-missing", 2, 1)],
        ),
        (
            "Objective,Owner,Quarter,KR,Baseline,Target\nGrow,platform,2026-Q4,Sell,0,lots\n",
            [("import-value", 2, 6)],
        ),
        (
            "Objective,Owner,Quarter,Parent\nGrow,platform,2026-Q4,No such goal\n",
            [("import-unresolved", 2, 4)],
        ),
        (
            "Objective,Owner,Quarter,Kind\nGrow,platform,2026-Q4,stretchy\n",
            [("import-value", 2, 4)],
        ),
    ],
)
def test_sheet_problems_point_at_the_cell(
    tmp_path: Path, csv_text: str, expected: list[tuple[str, int, int]]
) -> None:
    plan = run_import(sample_copy(tmp_path), csv_text)
    assert [(p.rule, p.line, p.col) for p in plan.errors] == expected


def test_cycle_option_and_new_paths(tmp_path: Path) -> None:
    root = sample_copy(tmp_path)
    csv_text = "Objective,Team,KR,Done\nGrow,Platform,Ship,no\nGrow,,Test,yes\nGrow,,,\n"
    plan = run_import(root, csv_text, cycle="2026-Q4")
    assert plan.problems == []
    assert [(f.path, f.action) for f in plan.files] == [
        ("content/okrs/2026-Q4/platform/grow.md", "create")
    ]
    assert (
        "  - title: Ship\n    done: false\n  - title: Test\n    done: true\n" in plan.files[0].text
    )
