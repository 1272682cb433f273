"""An objective as the fields its file holds, and that file's text.

A *document* is the dict a person would write: only the fields that say something (no
defaults, no empty lists), in the documented order. `document_of` makes one from a loaded
objective, the importer makes one from spreadsheet rows; comparing the two tells whether
an import changes anything, and `render_objective` writes a new file from one.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..load.records import default_objective_id
from ..model import Checkin, KeyResult, Objective
from ..schema.fields import CHECKIN, KEY_RESULT, OBJECTIVE

Document = dict[str, Any]

# What the CSV carries not: kept from the file on `import --update`, ignored in comparisons.
NOT_IN_SPREADSHEETS = ("reflection", "description")
KR_NOT_IN_SPREADSHEETS = ("checkins",)


def cycle_from_path(okrs_path: str) -> str | None:
    """The first folder of a path under content/okrs (the cycle when it is a cycle id)."""
    return okrs_path.split("/", 1)[0] if "/" in okrs_path else None


def default_origin(aligns_to: list[str]) -> str:
    return "cascaded" if aligns_to else "self-driven"


def _checkin(checkin: Checkin) -> Document:
    values = {name: getattr(checkin, name) for name in CHECKIN.names}
    return {name: value for name, value in values.items() if value not in (None, "")}


def key_result_document(kr: KeyResult, position: int) -> Document:
    """A KR's fields as written; `id` only when it is not the default `kr<position>`."""
    values: Document = {name: getattr(kr, name, None) for name in KEY_RESULT.names}
    if values["id"] == f"kr{position + 1}":
        values["id"] = None
    if values["weight"] == 1:
        values["weight"] = None
    values["checkins"] = [_checkin(c) for c in kr.checkins]
    return {name: value for name, value in values.items() if value not in (None, "", [])}


def document_of(objective: Objective) -> Document:
    """The fields of a loaded objective, as its file would hold them minimally."""
    values: Document = {name: getattr(objective, name, None) for name in OBJECTIVE.names}
    path = objective.path
    if objective.id == default_objective_id(path):
        values["id"] = None
    if objective.cycle == cycle_from_path(path):
        values["cycle"] = None
    for name, default in (("kind", "committed"), ("status", "active"), ("visibility", "public")):
        if values[name] == default:
            values[name] = None
    if values["origin"] == default_origin(objective.aligns_to):
        values["origin"] = None
    values["description"] = None  # the narrative travels as the body
    values["key_results"] = [
        key_result_document(kr, position) for position, kr in enumerate(objective.key_results)
    ]
    return {name: value for name, value in values.items() if value not in (None, "", [])}


def without(document: Document, names: tuple[str, ...], kr_names: tuple[str, ...]) -> Document:
    """The document less some fields (and some fields of each KR)."""
    result = {k: v for k, v in document.items() if k not in names}
    if "key_results" in result:
        result["key_results"] = [
            {k: v for k, v in kr.items() if k not in kr_names} for kr in result["key_results"]
        ]
    return result


def spreadsheet_view(document: Document) -> Document:
    """What a spreadsheet row can say about an objective: no narrative, no check-ins."""
    return without(document, NOT_IN_SPREADSHEETS, KR_NOT_IN_SPREADSHEETS)


def keep_unsaid(document: Document, old: Document) -> Document:
    """An imported document, with what a spreadsheet cannot say kept from the file's
    (`old`): the reflection, and each key result's check-ins (matched by KR id)."""
    merged = {**document, **{k: old[k] for k in NOT_IN_SPREADSHEETS if k in old}}
    old_checkins = {
        kr.get("id", f"kr{position + 1}"): kr["checkins"]
        for position, kr in enumerate(old.get("key_results", []))
        if "checkins" in kr
    }
    merged["key_results"] = [
        {**kr, "checkins": old_checkins[kr_id]} if kr_id in old_checkins else kr
        for position, kr in enumerate(document.get("key_results", []))
        if (kr_id := kr.get("id", f"kr{position + 1}"))
    ]
    return {name: merged[name] for name in OBJECTIVE.names if merged.get(name)}


# Writing


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{date: 2026-10-05, value: 700, by: ben}`."""


class _Dumper(yaml.SafeDumper):
    """Block mappings, flow lists of plain values, literal blocks for multi-line text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key (`  - title: ...`), as the format's examples are.
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(item, (dict, list)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)


def render_yaml(document: Document) -> str:
    """YAML text of a document; check-ins one per line, as people write them."""
    data = dict(document)
    if "key_results" in data:
        data["key_results"] = [
            {**kr, "checkins": [_Flow(c) for c in kr["checkins"]]} if "checkins" in kr else kr
            for kr in data["key_results"]
        ]
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000, indent=2
    )


def render_objective(document: Document, body: str, suffix: str) -> str:
    """A whole objective file: Markdown with front matter, or YAML with `description`."""
    if suffix == ".md":
        text = f"---\n{render_yaml(document)}---\n"
        return text + (f"{body.strip()}\n" if body.strip() else "")
    if body.strip():
        document = {**document, "description": body.strip() + "\n"}
        # `description` sits where the format documents it, before the key results.
        order = [name for name in OBJECTIVE.names if name in document]
        document = {name: document[name] for name in order}
    return render_yaml(document)
