from datetime import date
from pathlib import Path

from okrsite_gen.demo import generate_company, write_company
from okrsite_gen.pipeline import check_repo


def test_demo_company_is_valid_and_has_the_requested_size(tmp_path: Path) -> None:
    files = generate_company(120, seed=3)
    write_company(tmp_path, files)
    result = check_repo(tmp_path, date(2026, 11, 23))
    assert result.problems == []
    assert len(result.repo.objectives) == 120
    assert result.repo.comments
    kinds = {
        ("measured_by" if kr.measured_by else "metric" if kr.target is not None else "milestone")
        for objective in result.repo.objectives
        for kr in objective.key_results
    }
    assert kinds == {"measured_by", "metric", "milestone"}
    assert any(o.depends_on for o in result.repo.objectives)
    assert any("#" in ref for o in result.repo.objectives for ref in o.aligns_to)
    assert all(3 <= len(o.key_results) <= 5 for o in result.repo.objectives)


def test_demo_is_deterministic_for_a_seed() -> None:
    assert generate_company(40, seed=7) == generate_company(40, seed=7)
    assert generate_company(40, seed=7) != generate_company(40, seed=8)
