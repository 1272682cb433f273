"""The public view leaves no trace of private objectives, and leaves the full graph alone."""

from __future__ import annotations

from pathlib import Path

from okrsite_gen.graph import chains_to_mission, public_view

from .acme import load_graph, write_company

SECRET = "objective:T1/platform/secret"
TOOLING = "objective:T1/bob/tooling"
SHIP = "kr:T1/bob/tooling#ship"


def write_with_comment(root: Path) -> Path:
    write_company(root)
    comment = root / "content/comments/T1/platform/secret/2026-02-01-jane-hush.md"
    comment.parent.mkdir(parents=True)
    comment.write_text(
        "---\nobjective: T1/platform/secret\nauthor: jane\ndate: 2026-02-01\n---\nHush.\n"
    )
    return root


def test_private_objectives_and_their_krs_are_gone(tmp_path: Path) -> None:
    graph = load_graph(write_with_comment(tmp_path))
    view = public_view(graph)
    assert view.is_public and not graph.is_public
    assert SECRET in graph and SECRET not in view
    assert "kr:T1/platform/secret#k1" not in view
    assert graph.nodes[SECRET]["private"] is True
    assert not any(data.get("private") for _, data in view.nodes(data=True))
    assert view.number_of_nodes() == graph.number_of_nodes() - 2


def test_no_trace_of_a_private_objective_remains_anywhere(tmp_path: Path) -> None:
    view = public_view(load_graph(write_with_comment(tmp_path)))
    for key, data in view.nodes(data=True):
        assert "secret" not in key
        assert "T1/platform/secret" not in repr(data), key
    for source, target in view.edges():
        assert "secret" not in source + target
    assert "Hush" not in repr(list(view.nodes(data=True)))


def test_references_to_private_objectives_are_scrubbed_not_their_figures(tmp_path: Path) -> None:
    graph = load_graph(write_company(tmp_path))
    view = public_view(graph)
    tooling = view.objective(TOOLING)
    assert (tooling.aligns_to, tooling.depends_on) == ([], [])
    assert tooling.key_results[0].measured_by is None
    assert view.key_result(SHIP) is tooling.key_results[0]
    ship = view.progress(SHIP)
    assert ship.value == 0.4  # the public KR keeps its figure
    assert ship.explanation.source is None
    assert ship.explanation.notes == ("measured by a private objective",)
    assert view.nodes[TOOLING]["level"] is None
    assert chains_to_mission(view, TOOLING).paths == [[TOOLING]]


def test_the_full_graph_is_left_untouched(tmp_path: Path) -> None:
    graph = load_graph(write_company(tmp_path))
    public_view(graph)
    assert graph.objective(TOOLING).aligns_to == ["T1/platform/secret#k1"]
    assert graph.key_result(SHIP).measured_by == "T1/platform/secret"
    assert graph.progress(SHIP).explanation.source == "T1/platform/secret"
    assert graph.nodes[TOOLING]["level"] == 3


def test_the_view_of_a_view_is_itself(tmp_path: Path) -> None:
    view = public_view(load_graph(write_company(tmp_path)))
    assert public_view(view) is view
