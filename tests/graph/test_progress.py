"""Progress rules, each expectation computed by hand from the file written in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.graph import OkrGraph

from .acme import load_graph, write_company


def graph_of(tmp_path: Path, key_results: str, **fields: str) -> OkrGraph:
    """A company with one objective `T1/acme/o` holding the given KR list (YAML lines)."""
    extra = "".join(f"{name}: {value}\n" for name, value in fields.items())
    text = f"---\ntitle: O\nowner: acme\n{extra}key_results:\n{key_results}---\n"
    objectives = {"T1/acme/o.md": text}
    return load_graph(write_company(tmp_path, objectives))


OBJ = "objective:T1/acme/o"


def kr(name: str) -> str:
    return f"kr:T1/acme/o#{name}"


@pytest.mark.parametrize(
    ("baseline", "target", "current", "value", "raw"),
    [
        (10, 20, 15, 0.5, 0.5),  # higher is better
        (1200, 400, 800, 0.5, 0.5),  # lower is better: (800-1200)/(400-1200)
        (1200, 400, 1000, 0.25, 0.25),
        (1200, 400, 1300, 0.0, -0.125),  # worse than the baseline: clamped to 0
        (1200, 400, 300, 1.0, 1.125),  # beyond the target: clamped to 1, raw kept
        (61, 68, 61, 0.0, 0.0),
        (0, 40, 40, 1.0, 1.0),
    ],
)
def test_metric_progress_either_direction(
    tmp_path: Path, baseline: float, target: float, current: float, value: float, raw: float
) -> None:
    graph = graph_of(
        tmp_path,
        f"  - {{id: m, title: M, baseline: {baseline}, target: {target}, current: {current}}}\n",
    )
    progress = graph.progress(kr("m"))
    assert progress.source == "metric"
    assert progress.value == pytest.approx(value)
    assert progress.raw == pytest.approx(raw)
    assert graph.progress(OBJ).value == pytest.approx(value)


def test_stretch_reached_lower_is_better(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - {id: near, title: N, baseline: 1200, target: 400, stretch: 250, current: 300}\n"
        "  - {id: far, title: F, baseline: 1200, target: 400, stretch: 250, current: 250}\n",
    )
    near, far = graph.progress(kr("near")), graph.progress(kr("far"))
    assert (near.value, near.target_reached, near.stretch_reached) == (1.0, True, False)
    assert near.explanation.notes[0] == "target reached"
    assert (far.value, far.stretch_reached) == (1.0, True)
    assert far.raw == pytest.approx(950 / 800)  # (250-1200)/(400-1200)
    assert far.explanation.notes[0] == "stretch reached"


def test_stretch_reached_higher_is_better(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - {id: up, title: U, baseline: 61, target: 68, stretch: 70, current: 71}\n"
        "  - {id: short, title: S, baseline: 61, target: 68, stretch: 70, current: 69}\n",
    )
    assert graph.progress(kr("up")).stretch_reached is True
    assert graph.progress(kr("short")).stretch_reached is False
    assert graph.progress(kr("short")).value == 1.0


def test_metric_explains_its_computation(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path, "  - {id: m, title: M, baseline: 1200, target: 400, stretch: 250, current: 800}\n"
    )
    explanation = graph.progress(kr("m")).explanation
    assert explanation.formula == "(current - baseline) / (target - baseline)"
    assert explanation.computation == "(800 - 1200) / (400 - 1200) = 0.5"
    assert dict(explanation.inputs) == {
        "baseline": 1200,
        "target": 400,
        "stretch": 250,
        "current": 800,
    }
    assert explanation.by_hand is False


def test_metric_without_a_value_yet_is_zero(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, "  - {id: m, title: M, baseline: 0, target: 10}\n")
    progress = graph.progress(kr("m"))
    assert (progress.value, progress.raw) == (0.0, None)
    assert progress.explanation.notes == ("no value yet",)


def test_metric_takes_the_latest_checkin_when_current_is_not_written(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - id: m\n"
        "    title: M\n"
        "    baseline: 1200\n"
        "    target: 400\n"
        "    checkins:\n"
        "      - {date: 2026-01-10, value: 1000}\n"
        "      - {date: 2026-01-20, value: 800}\n"
        "      - {date: 2026-01-30, note: no figure this time}\n",
    )
    progress = graph.progress(kr("m"))
    assert progress.value == 0.5
    assert dict(progress.explanation.inputs)["current_from"] == "check-in 2026-01-20"


def test_written_current_wins_over_checkins(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - id: m\n    title: M\n    baseline: 0\n    target: 10\n    current: 2\n"
        "    checkins:\n      - {date: 2026-01-10, value: 9}\n",
    )
    assert graph.progress(kr("m")).value == pytest.approx(0.2)


def test_milestones(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - {id: done, title: D, done: true}\n"
        "  - {id: open, title: O, done: false}\n"
        "  - {id: part, title: P, progress: 0.3}\n"
        "  - id: via-checkin\n    title: C\n    checkins:\n"
        "      - {date: 2026-01-10, progress: 0.5}\n      - {date: 2026-01-20, done: true}\n",
    )
    values = [graph.progress(kr(k)).value for k in ("done", "open", "part", "via-checkin")]
    assert values == [1.0, 0.0, 0.3, 1.0]
    assert all(graph.progress(kr(k)).source == "milestone" for k in ("done", "open", "part"))
    assert graph.progress(OBJ).value == pytest.approx((1 + 0 + 0.3 + 1) / 4)


def test_weighted_mean_of_key_results(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - {id: a, title: A, done: true}\n"
        "  - {id: b, title: B, progress: 0.5, weight: 3}\n"
        "  - {id: c, title: C, baseline: 0, target: 10, current: 2, weight: 0.5}\n",
    )
    progress = graph.progress(OBJ)
    # (1 x 1 + 3 x 0.5 + 0.5 x 0.2) / 4.5 = 2.6 / 4.5
    assert progress.value == pytest.approx(2.6 / 4.5)
    assert progress.source == "key_results"
    assert [(p.ref, p.weight, p.progress) for p in progress.explanation.parts] == [
        ("T1/acme/o#a", 1.0, 1.0),
        ("T1/acme/o#b", 3.0, 0.5),
        ("T1/acme/o#c", 0.5, pytest.approx(0.2)),
    ]
    assert progress.explanation.computation == "(1 x 1 + 3 x 0.5 + 0.5 x 0.2) / 4.5 = 0.5778"


def test_clamping_applies_to_the_mean_not_to_the_raw_ratio(tmp_path: Path) -> None:
    graph = graph_of(
        tmp_path,
        "  - {id: over, title: O, baseline: 0, target: 10, current: 15}\n"
        "  - {id: under, title: U, baseline: 0, target: 10, current: 0}\n",
    )
    assert graph.progress(kr("over")).raw == 1.5
    assert graph.progress(OBJ).value == 0.5  # (1.0 + 0) / 2, not (1.5 + 0) / 2


def test_objective_without_key_results_is_zero(tmp_path: Path) -> None:
    objectives = {"T1/acme/o.md": "---\ntitle: O\nowner: acme\n---\n"}
    graph = load_graph(write_company(tmp_path, objectives))
    progress = graph.progress(OBJ)
    assert (progress.value, progress.source) == (0.0, "none")
    assert progress.explanation.notes == ("no key results",)


def test_nested_measured_by(tmp_path: Path) -> None:
    objectives = {
        "T1/acme/a.md": "---\ntitle: A\nowner: acme\nkey_results:\n"
        "  - {id: k, title: K, measured_by: T1/eng/b}\n"
        "  - {id: m, title: M, done: false}\n---\n",
        "T1/eng/b.md": "---\ntitle: B\nowner: eng\nkey_results:\n"
        "  - {id: k, title: K, measured_by: T1/eng/c}\n"
        "  - {id: m, title: M, done: true}\n---\n",
        "T1/eng/c.md": "---\ntitle: C\nowner: eng\nkey_results:\n"
        "  - {id: k, title: K, baseline: 0, target: 5, current: 2}\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    assert graph.progress("objective:T1/eng/c").value == pytest.approx(0.4)
    assert graph.progress("objective:T1/eng/b").value == pytest.approx(0.7)  # (0.4 + 1) / 2
    a_k = graph.progress("kr:T1/acme/a#k")
    assert (a_k.value, a_k.source) == (pytest.approx(0.7), "measured_by")
    assert a_k.explanation.source == "T1/eng/b"
    assert a_k.explanation.computation == "progress of T1/eng/b = 0.7"
    assert graph.progress("objective:T1/acme/a").value == pytest.approx(0.35)  # (0.7 + 0) / 2


def test_explicit_score_overrides_and_says_so(tmp_path: Path) -> None:
    objectives = {
        "T1/eng/b.md": "---\ntitle: B\nowner: eng\nscore: 0.7\nkey_results:\n"
        "  - {id: k, title: K, progress: 0.5}\n---\n",
        "T1/acme/a.md": "---\ntitle: A\nowner: acme\nkey_results:\n"
        "  - {id: k, title: K, measured_by: T1/eng/b}\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    scored = graph.progress("objective:T1/eng/b")
    assert (scored.value, scored.source, scored.computed) == (0.7, "score", 0.5)
    assert scored.explanation.by_hand is True
    assert scored.explanation.notes == ("set by hand",)
    assert scored.explanation.computation == "score = 0.7 (key results say 0.5)"
    measured = graph.progress("kr:T1/acme/a#k")
    assert measured.value == 0.7
    assert measured.explanation.notes == ("set by hand on that objective",)


@pytest.mark.parametrize(
    ("kind", "score", "verdict"),
    [
        ("aspirational", 0.7, "success"),
        ("aspirational", 1.0, "success"),
        ("aspirational", 0.5, "progress"),
        ("aspirational", 0.3, "failed"),
        ("committed", 0.7, "short"),
        ("committed", 1.0, "met"),
    ],
)
def test_committed_and_aspirational_read_differently(
    tmp_path: Path, kind: str, score: float, verdict: str
) -> None:
    graph = graph_of(tmp_path, "  - {id: k, title: K, done: false}\n", kind=kind, score=str(score))
    assert graph.reading(OBJ).verdict == verdict


def test_aspirational_seventy_percent_is_called_a_success(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, "  - {id: k, title: K, progress: 0.7}\n", kind="aspirational")
    assert graph.reading(OBJ).text.startswith("0.7: a success")
