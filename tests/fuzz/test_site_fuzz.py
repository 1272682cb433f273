"""A company free of errors becomes a site whatever its values hold: hostile text anywhere
text goes (markup, fences, every Unicode class), huge and tiny metric values and weights.
Pages render, every generated path stays inside the docs folder, no generated page opens
a code fence MkDocs would act on, and `okrs.json` holds the texts exactly as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given

from okrsite_gen.graph.build import build_graph
from okrsite_gen.graph.view import public_view
from okrsite_gen.load.source import MemorySource
from okrsite_gen.pages.urls import safe_site_path
from okrsite_gen.pipeline import check_source
from okrsite_gen.site import SiteOptions, render_pages
from tests.conftest import TODAY
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.strategies import valid_company_values

_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)
ROOT = Path("/nonexistent/repo")  # no theme/okrsite/ overrides: the package's templates


@fuzz_settings(max_examples=150)
@given(files=valid_company_values())
def test_any_valid_company_renders_inside_the_docs_folder(files: dict[str, bytes]) -> None:
    checked = check_source(MemorySource(files), TODAY, ROOT)
    if checked.errors:  # a flat metric, a stretch on the wrong side: reported, not built
        return
    graph = build_graph(checked.repo, TODAY, checked.settings.health)
    for shown in (graph, public_view(graph)):
        site = render_pages(ROOT, checked, shown, SiteOptions(include_private=shown is graph))
        for site_file in site:
            assert safe_site_path(site_file.path) == site_file.path
            site_file.content.encode("utf-8")
            if site_file.path.endswith(".md"):  # MkDocs reads it: content opens no fence
                assert not _FENCE.search(site_file.content), site_file.path
        export = json.loads(next(f.content for f in site if f.path == "okrs.json"))
        titles = {o["id"]: o["title"] for o in export["objectives"]}
        for objective in checked.repo.objectives:
            assert titles.get(objective.id, objective.title) == objective.title
