"""Safe YAML with a position on every value.

PyYAML's safe loader drops positions and silently keeps the last of two duplicate keys
(a lost target value is data loss). We let libyaml compose the node tree (fast, safe,
no arbitrary tags) and build the Python values ourselves, keeping each key's and value's
line and column, refusing duplicate keys and bounding the work an alias can cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import Loc, Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Scalar tags the safe schema resolves, mapped to the SafeConstructor method building them.
_SCALAR_BUILDERS = {
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
    "tag:yaml.org,2002:str": "construct_yaml_str",
    "tag:yaml.org,2002:binary": "construct_yaml_binary",
}
_MAP_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:omap"}
_SEQ_TAGS = {"tag:yaml.org,2002:seq"}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class YamlMap(dict[str, Any]):
    """A mapping that knows where it, each key and each value were written."""

    loc: Loc
    key_locs: dict[str, Loc]
    value_locs: dict[str, Loc]
    texts: dict[str, str]  # source text of scalar values, for fields that want text

    def key_at(self, key: str) -> Loc:
        return self.key_locs.get(key, self.loc)

    def value_at(self, key: str) -> Loc:
        # Not .get(key, self.key_at(key)): that would look the key up twice every time.
        loc = self.value_locs.get(key)
        return loc if loc is not None else self.key_at(key)


class YamlList(list[Any]):
    """A sequence that knows where it and each item were written."""

    loc: Loc
    item_locs: list[Loc]
    texts: list[str | None]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one document, so a hostile file fails fast instead of eating memory."""

    max_nodes: int = 100_000
    max_depth: int = 40


class _TooComplex(Exception):
    pass


class _Builder:
    def __init__(self, file: str, line_offset: int, limits: Limits) -> None:
        self.file = file
        self.line_offset = line_offset
        self.limits = limits
        self.nodes = 0
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._active: set[int] = set()

    def loc(self, node: Node) -> Loc:
        mark = node.start_mark
        return Loc(self.file, mark.line + 1 + self.line_offset, mark.column + 1)

    def build(self, node: Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes or depth > self.limits.max_depth:
            raise _TooComplex(self.loc(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self._active:  # a recursive alias (&a [*a])
            raise _TooComplex(self.loc(node))
        self._active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, depth)
            return self._mapping(node, depth)
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR_TAG:  # most values: skip the constructor's generic path
            return node.value
        builder = _SCALAR_BUILDERS.get(node.tag)
        if builder is None:
            self.problems.append(
                Problem(
                    "yaml-unsupported-tag",
                    "error",
                    self.loc(node),
                    f"YAML tag `{node.tag}` is not allowed",
                    "Remove the tag: only plain YAML values are read.",
                )
            )
            return node.value
        try:
            return getattr(self._constructor, builder)(node)
        except (ValueError, yaml.YAMLError):  # e.g. a timestamp like 2026-13-45
            return node.value

    def _sequence(self, node: SequenceNode, depth: int) -> YamlList:
        if node.tag not in _SEQ_TAGS:
            self._bad_tag(node)
        result = YamlList()
        result.loc = self.loc(node)
        result.item_locs = []
        result.texts = []
        for item in node.value:
            result.append(self.build(item, depth + 1))
            result.item_locs.append(self.loc(item))
            result.texts.append(item.value if isinstance(item, ScalarNode) else None)
        return result

    def _mapping(self, node: MappingNode, depth: int) -> YamlMap:
        if node.tag not in _MAP_TAGS:
            self._bad_tag(node)
        result = YamlMap()
        result.loc = self.loc(node)
        result.key_locs = {}
        result.value_locs = {}
        result.texts = {}
        merged: list[YamlMap] = []
        file, offset = self.file, self.line_offset + 1
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_sources(value_node, depth))
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    Problem(
                        "yaml-syntax",
                        "error",
                        self.loc(key_node),
                        "a mapping key must be plain text",
                        "Write keys as `name: value`.",
                    )
                )
                continue
            key = str(key_node.value)  # the text as written: `yes:` stays "yes", not True
            if key in result:
                first = result.key_locs[key]
                self.problems.append(
                    Problem(
                        "yaml-duplicate-key",
                        "error",
                        self.loc(key_node),
                        f"key `{key}` appears twice in this mapping (first on line {first.line})",
                        "YAML would silently keep only the last value: remove or rename one.",
                    )
                )
                continue
            result[key] = self.build(value_node, depth + 1)
            # Two locations per value, over a million in a large company: built inline.
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            result.key_locs[key] = Loc(file, key_mark.line + offset, key_mark.column + 1)
            result.value_locs[key] = Loc(file, value_mark.line + offset, value_mark.column + 1)
            if isinstance(value_node, ScalarNode):
                result.texts[key] = value_node.value
        for source in merged:  # `<<: *defaults` fills in keys the mapping did not set
            for key, value in source.items():
                if key not in result:
                    result[key] = value
                    result.key_locs[key] = source.key_at(key)
                    result.value_locs[key] = source.value_at(key)
                    if key in source.texts:
                        result.texts[key] = source.texts[key]
        return result

    def _merge_sources(self, node: Node, depth: int) -> list[YamlMap]:
        built = self.build(node, depth + 1)
        sources = built if isinstance(built, list) else [built]
        return [source for source in sources if isinstance(source, YamlMap)]

    def _bad_tag(self, node: Node) -> None:
        self.problems.append(
            Problem(
                "yaml-unsupported-tag",
                "error",
                self.loc(node),
                f"YAML tag `{node.tag}` is not allowed",
                "Remove the tag: only plain YAML values are read.",
            )
        )


def parse_yaml(
    text: str, file: str, line_offset: int = 0, limits: Limits | None = None
) -> tuple[Any, list[Problem]]:
    """Parse one YAML document. Returns (value or None, problems); never raises on bad input.

    `line_offset` is added to every line: front matter starts below the `---` line.
    """
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            problems.append(
                Problem(
                    "yaml-tab",
                    "error",
                    Loc(file, number + line_offset, len(line) - len(stripped) + 1),
                    "a tab is used for indentation",
                    "YAML indents with spaces only: replace the tab with spaces.",
                )
            )
            return None, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problems.append(
            Problem(
                "yaml-syntax",
                "error",
                Loc(file, line, col),
                f"YAML syntax: {error.problem or error.context or 'cannot parse'}",
                "Check indentation and quote values that contain `: ` or start with `#`, "
                "`*`, `&`, `!`, `[`, `{`, `|`, `>` or `@`.",
            )
        )
        return None, problems
    except yaml.YAMLError as error:  # errors libyaml reports without a position
        problems.append(
            Problem(
                "yaml-syntax",
                "error",
                Loc(file, 1 + line_offset, 1),
                f"YAML syntax: {error}",
                "Check that the file is a single YAML document.",
            )
        )
        return None, problems
    if node is None:
        return None, problems
    builder = _Builder(file, line_offset, limits or Limits())
    try:
        value = builder.build(node)
    except _TooComplex as too_complex:
        (where,) = too_complex.args
        problems.append(
            Problem(
                "yaml-too-complex",
                "error",
                where,
                "the document is nested too deeply or expands too many aliases",
                "Write the values out plainly; aliases that expand recursively are refused.",
            )
        )
        return None, problems
    return value, problems + builder.problems
