"""Round-trip YAML edits: change one value, add a key, append a list item — in the text.

A re-dump would lose comments, key order, quoting and flow style (`- {date: ..., value: ...}`),
and turn every check-in into a noisy diff. Instead we compose the YAML with PyYAML (the
parse the loader does, with positions), reach the mapping to change by the path the
loader's records give (`("key_results", kr.index)`; `line_of` lets a caller confirm it is
the line the loader read), and splice new text into the file at the nodes' character
offsets. Every byte outside the spliced ranges stays as it was; line ends follow the
file's (\\n or \\r\\n).

The pure-Python composer is used on purpose: its marks are exact character offsets into
the text we splice, whatever the characters are.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..load.files import split_front_matter
from ..model import Problem

# A value as it is written into YAML text: already formatted by `scalar`.
Text = str
# Keys and list positions from the root to a mapping, e.g. ("key_results", 2).
NodePath = Sequence[str | int]


class EditError(Exception):
    """The file cannot be edited in place (not YAML we can read, or an unexpected shape)."""


def scalar(value: object) -> Text:
    """A value as YAML text that reads back as exactly that value.

    Numbers and dates plain; text plain when YAML would read it back as the same text,
    otherwise double-quoted (JSON escapes are valid YAML).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EditError(f"{value} is not a finite number")
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text and text == text.strip() and _reads_back_as_text(text):
        return text
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


# What YAML does not allow raw in a file, or reads as a line break: escaped as \uXXXX.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def _reads_back_as_text(text: str) -> bool:
    # Plain only for words, spaces and a few marks that mean nothing to YAML anywhere, in
    # a block or inside `{...}`; then only when YAML would not read a number, date, bool.
    if not _PLAIN.fullmatch(text):
        return False
    return yaml.safe_load(text) == text


_PLAIN = re.compile(r"\w[\w .()/'+-]*")


def flow_mapping(pairs: Sequence[tuple[str, object]]) -> Text:
    """`{date: 2026-11-23, value: 455, note: "..."}` — how check-ins are usually written."""
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in pairs) + "}"


@dataclass(slots=True)
class YamlText:
    """The YAML part of one file, editable in place.

    `text` is the whole file; the YAML is `text[start:end]` (front matter of a Markdown
    file, or the whole of a .yaml file). Node marks are offsets into the YAML part.
    """

    text: str
    start: int
    end: int
    root: MappingNode
    newline: str

    @classmethod
    def parse(cls, text: str, path: str) -> YamlText:
        """Read a file's YAML; `path` says whether it is Markdown with front matter."""
        start, end = 0, len(text)
        if path.endswith(".md"):
            problems: list[Problem] = []
            split = split_front_matter(text, path, problems)
            if split is None:
                raise EditError(problems[0].message if problems else "no front matter")
            start = text.index("\n") + 1
            end = start + len(split.yaml_text)
        try:
            root = yaml.compose(text[start:end], Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            raise EditError(f"the YAML cannot be read: {error}") from error
        if not isinstance(root, MappingNode):
            raise EditError("the file is not a mapping of `field: value`")
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(text, start, end, root, newline)

    # Finding nodes

    @staticmethod
    def get(mapping: MappingNode, key: str) -> Node | None:
        """The value node of `key` in a mapping, or None."""
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
        return None

    def mapping_at(self, path: NodePath) -> MappingNode:
        """The mapping reached by keys and list positions, e.g. ("key_results", 2)."""
        node: Node = self.root
        for step in path:
            found: Node | None = None
            if isinstance(step, int) and isinstance(node, SequenceNode):
                found = node.value[step] if 0 <= step < len(node.value) else None
            elif isinstance(step, str) and isinstance(node, MappingNode):
                found = self.get(node, step)
            if found is None:
                raise EditError(f"nothing at {'/'.join(map(str, path))}")
            node = found
        if not isinstance(node, MappingNode):
            raise EditError(f"{'/'.join(map(str, path))} is not a mapping")
        return node

    def line_of(self, node: Node) -> int:
        """The 1-based line of the file where `node` starts (as the loader counts lines)."""
        return self.text.count("\n", 0, self.start) + node.start_mark.line + 1

    # Edits (each changes `text` and re-reads the tree, so positions stay true)

    def set_value(self, path: NodePath, key: str, value: Text, order: Sequence[str]) -> None:
        """Set `key: value` in the mapping at `path`: replace the value where it is, else
        add the key after the keys that come before it in `order` (the documented order)."""
        mapping = self.mapping_at(path)
        node = self.get(mapping, key)
        if node is None:
            self._insert_key(mapping, key, value, order)
            return
        if not isinstance(node, ScalarNode):
            raise EditError(f"`{key}` holds a list or mapping, not a single value")
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):  # a block scalar runs to the next line: keep the break
            value += self.newline
        elif start == end and self._yaml[start - 1 : start] == ":":
            value = " " + value  # `current:` with nothing after it
        self._splice(start, end, value)

    def append_item(
        self, path: NodePath, key: str, item: Sequence[tuple[str, object]], order: Sequence[str]
    ) -> None:
        """Append a mapping item to the list under `key` of the mapping at `path`, in the
        style of the list's last item; add the key (a block list of one flow item) when
        the mapping has none."""
        mapping = self.mapping_at(path)
        node = self.get(mapping, key)
        flow = flow_mapping(item)
        if node is None:
            if mapping.flow_style:
                self._insert_key(mapping, key, f"[{flow}]", order)
            else:
                indent = self._key_column(mapping) + 2
                self._insert_key(mapping, key, f"{self.newline}{' ' * indent}- {flow}", order)
            return
        if isinstance(node, ScalarNode) and node.value == "":
            self.set_value(path, key, f"[{flow}]", order)  # `checkins:` with nothing after it
            return
        if not isinstance(node, SequenceNode):
            raise EditError(f"`{key}` is not a list")
        if node.flow_style or not node.value:
            self._append_to_flow_sequence(node, flow)
            return
        last = node.value[-1]
        dash = " " * node.start_mark.column
        if isinstance(last, MappingNode) and not last.flow_style and last.value:
            column = last.start_mark.column
            lines = [
                f"{key_}: {scalar(value)}" if index else f"- {key_}: {scalar(value)}"
                for index, (key_, value) in enumerate(item)
            ]
            text = dash + lines[0] + self.newline
            text += "".join(" " * column + line + self.newline for line in lines[1:])
        else:
            text = f"{dash}- {flow}{self.newline}"
        self._splice_line_after(self._content_end(last), text)

    # Internals

    @property
    def _yaml(self) -> str:
        return self.text[self.start : self.end]

    def _splice(self, start: int, end: int, new: str) -> None:
        """Replace yaml[start:end] by `new` and re-read the tree."""
        absolute_start, absolute_end = self.start + start, self.start + end
        self.text = self.text[:absolute_start] + new + self.text[absolute_end:]
        self.end += len(new) - (end - start)
        root = yaml.compose(self._yaml, Loader=yaml.SafeLoader)
        if not isinstance(root, MappingNode):  # pragma: no cover - a bug, not bad input
            raise EditError("the edit broke the YAML")
        self.root = root

    def _content_end(self, node: Node) -> int:
        """Where the node's own text ends. Block collections' end marks run on over
        trailing comments and blank lines; their last value is where they really end."""
        if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            return self._content_end(last[1] if isinstance(last, tuple) else last)
        return node.end_mark.index

    def _splice_line_after(self, position: int, lines: str) -> None:
        """Insert whole lines after the line holding `position` (or at it, at a line start)."""
        yaml_text = self._yaml
        if position > 0 and yaml_text[position - 1] != "\n":
            newline_at = yaml_text.find("\n", position)
            if newline_at == -1:  # the last line has no line end: give it one
                self._splice(len(yaml_text), len(yaml_text), self.newline)
                position = len(self._yaml)
            else:
                position = newline_at + 1
        self._splice(position, position, lines)

    def _key_column(self, mapping: MappingNode) -> int:
        return mapping.value[0][0].start_mark.column if mapping.value else 0

    def _insert_key(
        self, mapping: MappingNode, key: str, value: Text, order: Sequence[str]
    ) -> None:
        if not mapping.value:
            raise EditError("cannot add a field to an empty mapping")
        anchor = self._anchor(mapping, key, order)
        if mapping.flow_style:
            end = self._content_end(anchor)
            self._splice(end, end, f", {key}: {value.strip()}")
            return
        line = f"{' ' * self._key_column(mapping)}{key}:"
        line += value if value.startswith(("\n", "\r")) else f" {value}"
        self._splice_line_after(self._content_end(anchor), line + self.newline)

    def _anchor(self, mapping: MappingNode, key: str, order: Sequence[str]) -> Node:
        """The value node the new key goes after: the last key written that precedes it in
        `order`, else the first key (a `- ` item line cannot take a line above it)."""
        rank = order.index(key) if key in order else len(order)
        before = [
            value
            for key_node, value in mapping.value
            if isinstance(key_node, ScalarNode)
            and key_node.value in order
            and order.index(key_node.value) < rank
        ]
        return before[-1] if before else mapping.value[0][1]

    def _append_to_flow_sequence(self, node: SequenceNode, flow: str) -> None:
        if node.value:
            end = self._content_end(node.value[-1])
            self._splice(end, end, f", {flow}")
            return
        if node.flow_style:
            closing = self._yaml.rindex("]", node.start_mark.index, node.end_mark.index)
            self._splice(closing, closing, flow)
            return
        raise EditError("an empty block list")  # pragma: no cover - YAML has no such thing
