"""Hypothesis strategies for whole company repositories, broken on purpose.

A repository starts as the valid company of tests/conftest.py, read into plain Python
values (org.yaml, objectives, comments). Mutations then work at three levels, the way
files get broken in real pull requests:

- values: a field deleted, added, renamed, given the wrong type, a hostile string (every
  Unicode class, lone surrogates, RTL overrides, zero-width, emoji, NUL), a huge or
  non-finite number, a date where text belongs and text where a date belongs, a deep
  nesting, an alias of another part of the document, a reference to nothing;
- text: a file cut short, a YAML token inserted anywhere, CRLF, a BOM, NUL bytes, Latin-1,
  random bytes, nothing at all;
- files: deleted (org.yaml too), added under odd names, an okrsite.toml with odd settings.

The result is a `dict[path, bytes]` for a `MemorySource`, or for files on disk.
"""

from __future__ import annotations

import copy
import math
import textwrap
from typing import Any

import yaml
from hypothesis import strategies as st

from okrsite_gen.schema.fields import CHECKIN, COMMENT, KEY_RESULT, OBJECTIVE, ORG
from tests.conftest import VALID_REPO

ORG_PATH = "content/okrs/org.yaml"
CONFIG = "okrsite.toml"

# --- the valid company as values ------------------------------------------------------------


def _parse(rel: str, text: str) -> tuple[Any, str | None]:
    """(YAML data, Markdown body or None for a .yaml file)."""
    text = textwrap.dedent(text)
    if rel.endswith(".md"):
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body
    return yaml.safe_load(text), None


BASE: dict[str, tuple[Any, str | None]] = {rel: _parse(rel, t) for rel, t in VALID_REPO.items()}
OBJECTIVE_IDS = [
    "2026/acme/grow",
    "2026-Q4/acme/delight",
    "platform-instant-checkout",
    "2026-Q4/platform/pci",
    "2026-Q3/platform/load-test",
]
PEOPLE_AND_UNITS = ["jane", "raj", "alice", "bob", "acme", "engineering", "platform", "sales"]
FIELD_NAMES = sorted(
    {f.name for spec in (ORG, OBJECTIVE, KEY_RESULT, CHECKIN, COMMENT) for f in spec.fields}
)

# --- hostile values ---------------------------------------------------------------------------

# Strings picked for the trouble they cause: bidi overrides, zero-width and joiners,
# combining marks, astral planes, NUL and other controls, line separators, a BOM, markup,
# template syntax, path traversal, and text that YAML or a date parser reads another way.
SPICY_STRINGS = [
    "",
    " ",
    "\u202eevil\u202c",
    "\u2066rtl\u2069",
    "zero\u200bwidth\u200d",
    "e\u0301\u0301\u0301",
    "😀🚀👩‍👩‍👧",
    "𝕏𝔸",
    "\x00",
    "\x1b[2J\x07",
    "line\u2028sep\u2029",
    "\x85next",
    "\ufeff",
    "\ud800",
    "\udfff\ud800",
    "עברית ومرحبا",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "a\n\n```{.py onclick=alert(1)}\nb\n```\n\n    ~~~\n    c\n    ~~~",
    "para\n{: onclick=alert(1) }",
    "../../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "%2e%2e%2fsecret",
    "a" * 5000,
    "yes",
    "null",
    "~",
    "2026-10-01",
    "2026-13-45",
    "1e999",
    "-.inf",
    ".nan",
    "0x1F",
    "2026-Q4/acme/delight#nps",
    "nobody#nothing",
    "#",
    "a#b#c",
    "@alice",
    "*alias",
    "&anchor",
    "!!python/object:os.system",
    "- item",
    "key: value",
    "---",
    "...",
]

hostile_text = st.one_of(
    st.sampled_from(SPICY_STRINGS),
    st.text(st.characters(exclude_categories=()), max_size=30),  # surrogates included
    st.text(max_size=12),
    st.sampled_from(OBJECTIVE_IDS + PEOPLE_AND_UNITS),
)

hostile_numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -0.0, 10**400, -(10**400), 10**300, 1e308, -1e308, 5e-324, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
)

hostile_dates = st.one_of(
    st.dates(),
    st.datetimes(),
    st.sampled_from(["2026-10-01", "2026-02-30", "10/01/2026", "0000-00-00", "9999-12-31"]),
)

hostile_scalars = st.one_of(
    hostile_text,
    hostile_numbers,
    hostile_dates,
    st.booleans(),
    st.none(),
)

hostile_values = st.recursive(
    hostile_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_NAMES) | hostile_text, inner, max_size=4),
    ),
    max_leaves=12,
)

# --- mutating a document's values -----------------------------------------------------------


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in `data`, so a mutation can aim at any value."""
    found: list[tuple[Any, Any]] = []
    stack, seen = [data], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias mutation may have made the document recursive
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for key in list(node):
                found.append((node, key))
                stack.append(node[key])
        elif isinstance(node, list):
            for index in range(len(node)):
                found.append((node, index))
                stack.append(node[index])
    return found


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def mutate_values(draw: st.DrawFn, data: Any) -> Any:
    """`data` (a fresh copy) after one to four value mutations."""
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data)
        if not slots:
            return draw(hostile_values)  # the whole document becomes something else
        container, key = draw(st.sampled_from(slots))
        old = container[key]
        kind = draw(
            st.sampled_from(
                ["replace", "replace", "delete", "add", "wrap", "nest", "alias", "dangling"]
            )
        )
        if kind == "replace":
            container[key] = draw(hostile_values)
        elif kind == "delete":
            del container[key]
        elif kind == "add" and isinstance(container, dict):
            container[draw(st.sampled_from(FIELD_NAMES) | hostile_text)] = draw(hostile_values)
        elif kind == "add":
            container.insert(key, draw(hostile_values))
        elif kind == "wrap":
            container[key] = draw(st.sampled_from([[old], {"value": old}, str(old)]))
        elif kind == "nest":  # around the depth limit (40 by default)
            container[key] = _nest(old, draw(st.integers(1, 80)))
        elif kind == "alias":  # the same object twice: YAML writes &id001 / *id001
            container[key] = draw(st.sampled_from(slots))[0]
        else:  # a reference to nothing
            container[key] = draw(st.sampled_from(["nobody", "2026-Q4/none", "x#kr9", "q"]))
    return data


def _copy(data: Any) -> Any:
    return copy.deepcopy(data)


_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any, body: str | None, unicode: bool) -> str:
    """A document as a user's file: YAML, or Markdown with front matter."""
    options = {"allow_unicode": unicode, "sort_keys": False, "width": 80}
    try:
        text = yaml.dump(data, Dumper=_FAST_DUMPER, **options)
    except UnicodeEncodeError:  # libyaml cannot write a lone surrogate; PyYAML escapes it
        text = yaml.dump(data, Dumper=yaml.SafeDumper, **options)
    return text if body is None else f"---\n{text}---\n{body}"


# The untouched files of a repository, written once.
_PLAIN = {(rel, u): dump(*BASE[rel], u).encode("utf-8") for rel in BASE for u in (True, False)}


# --- mutating a file's text -----------------------------------------------------------------

TOKENS = [
    ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!binary ", "<<: *a", "\n  ", "\n",
    "#", "'", '"', "~", "? ", "|", ">", "%YAML 1.1\n", "@", "\t", "---\n", "...\n", "\\",
    "\ufeff", "\x00", "\x1b", "\x85", "\u2028", "é", "\r\n", "\r", "key_results:",
    "checkins:", "aligns_to:", "id: ", "cycle: ", "[]", "{}", "1e999", "9" * 400, ".nan",
]  # fmt: skip


@st.composite
def mutate_text(draw: st.DrawFn, text: str) -> bytes:
    """The file's bytes, perhaps broken the way an editor or a merge breaks them."""
    kind = draw(
        st.sampled_from(
            ["none", "none", "none", "tokens", "tokens", "truncate", "crlf", "bom", "latin1",
             "bytes", "empty", "surrogates"]
        )
    )  # fmt: skip
    if kind == "tokens":
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
    elif kind == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "crlf":
        text = text.replace("\n", "\r\n")
    elif kind == "bom":
        text = "\ufeff" + text
    elif kind == "latin1":
        return text.encode("latin-1", "replace")
    elif kind == "bytes":
        return draw(st.binary(max_size=200))
    elif kind == "empty":
        return draw(st.sampled_from([b"", b"\n\n", b"   ", b"---\n---\n"]))
    elif kind == "surrogates":  # CESU-style bytes a broken tool may write
        return text.encode("utf-8", "surrogatepass") + "\ud83d".encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


# --- okrsite.toml ----------------------------------------------------------------------------

_SETTINGS = {
    "rules": ["max-objectives", "bad-id", "file-too-large", "no-such-rule", "yaml-syntax"],
    "guidance": ["max_objectives_per_owner", "max_key_results", "untracked_after_days", "x"],
    "health": ["at_risk_gap", "off_track_gap", "low_confidence", "very_low_confidence"],
    "limits": ["max_file_bytes", "max_files", "max_yaml_nodes", "max_yaml_depth"],
    "stale": ["days"],
    "bogus": ["x"],
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


toml_values = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, 2, 40, 100_000, 2**63, 0.5]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["error", "warning", "off", "fatal", ""]),
    st.booleans(),
)


@st.composite
def okrsite_toml(draw: st.DrawFn) -> bytes:
    lines: list[str] = []
    for section in draw(st.lists(st.sampled_from(sorted(_SETTINGS)), max_size=3, unique=True)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(_SETTINGS[section]), max_size=3, unique=True)):
            lines.append(f"{key} = {_toml_value(draw(toml_values))}")
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["[", "=", '"', "\n", "x", "\x00"])) + text[at:]
    return text.encode("utf-8", "surrogatepass")


# --- whole repositories ---------------------------------------------------------------------

# One path segment of a file name: anything a file system allows in a name.
name_segments = st.one_of(
    st.sampled_from(
        ["2026-Q4", "platform", "Mixed Case", "a b", "a\\b", "%2e%2e", "..a", "_hidden", ".dot",
         "x" * 240, "\u202eevil", "zero\u200bwidth", "😀", "CON", "a:b", "-dash", "a.b.c"]
    ),
    st.text(st.characters(exclude_characters="/\x00"), min_size=1, max_size=12).filter(
        lambda s: s not in (".", "..")
    ),
)  # fmt: skip


@st.composite
def new_file_paths(draw: st.DrawFn) -> str:
    folder = draw(st.sampled_from(["content/okrs", "content/comments", "content"]))
    segments = draw(st.lists(name_segments, min_size=0, max_size=3))
    name = draw(name_segments) + draw(st.sampled_from([".md", ".yaml", ".yml", ".txt", ""]))
    return "/".join([folder, *segments, name])


@st.composite
def company_repos(draw: st.DrawFn) -> dict[str, bytes]:
    """A whole repository as {path: bytes}: the valid company, broken in several ways."""
    files: dict[str, bytes] = {}
    touched = draw(st.sets(st.sampled_from(sorted(BASE)), max_size=3))
    for rel in sorted(BASE):
        data, body = BASE[rel]
        unicode = draw(st.booleans())
        if rel in touched:
            data = draw(mutate_values(_copy(data)))
            if body is not None and draw(st.booleans()):
                body = draw(hostile_text)
            files[rel] = draw(mutate_text(dump(data, body, unicode)))
        else:
            files[rel] = _PLAIN[rel, unicode]
    for rel in draw(st.sets(st.sampled_from(sorted(BASE)), max_size=1)):
        del files[rel]  # a file deleted (org.yaml too, sometimes)
    for _ in range(draw(st.integers(0, 2))):
        data, body = BASE[draw(st.sampled_from(sorted(BASE)))]
        data = draw(mutate_values(_copy(data)))
        files[draw(new_file_paths())] = draw(mutate_text(dump(data, body, True)))
    if draw(st.integers(0, 4)) == 0:
        files[CONFIG] = draw(okrsite_toml())
    return files


# --- valid companies with hostile values, for the site --------------------------------------

# Where a value may be text of any kind and the company stays valid (`unit` of a KR).
TEXT_FIELDS = {"title", "name", "mission", "vision", "description", "note", "reflection"}

site_texts = st.one_of(
    st.sampled_from([s for s in SPICY_STRINGS if s.strip() and not {"\x00", "\ud800"} & set(s)]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20),
).filter(lambda s: s.strip())
site_numbers = st.one_of(
    st.sampled_from([1e308, -1e308, 5e-324, -5e-324, 10**300, -(10**300), 0, 1, -1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**18), max_value=10**18),
)


_KR_FIELDS = {"baseline", "done", "progress", "measured_by"}


@st.composite
def _metric(draw: st.DrawFn, kr: dict[str, Any]) -> None:
    """New baseline, target, stretch and current, in an order that keeps the KR valid."""
    baseline = draw(site_numbers)
    target = draw(site_numbers.filter(lambda t: t != baseline))
    kr.update(baseline=baseline, target=target, current=draw(site_numbers))
    if "stretch" in kr:
        span = abs(target - baseline) if math.isfinite(target - baseline) else 1.0
        stretch = target + span * (1 if target > baseline else -1)
        if stretch == target or not math.isfinite(stretch):  # too small to tell, or beyond
            del kr["stretch"]
        else:
            kr["stretch"] = stretch


@st.composite
def valid_company_values(draw: st.DrawFn) -> dict[str, bytes]:
    """The valid company with texts, tags and metric values replaced: free of errors but
    for a metric that overflows (a stretch of 1e308 beyond 1e308), which is reported."""
    files: dict[str, bytes] = {}
    for rel in sorted(BASE):
        data, body = _copy(BASE[rel][0]), BASE[rel][1]
        for container, key in _slots(data):
            if (key in TEXT_FIELDS and draw(st.integers(0, 2)) == 0) or (
                key == "unit" and "name" not in container
            ):
                container[key] = draw(site_texts)
            elif key == "value" and draw(st.booleans()):
                container[key] = draw(site_numbers)
            elif key == "baseline" and draw(st.booleans()):
                draw(_metric(container))
            elif key == "title" and _KR_FIELDS & set(container) and draw(st.booleans()):
                container["weight"] = draw(site_numbers.filter(lambda w: w > 0))
            elif key == "tags":
                container[key] = draw(st.lists(site_texts, max_size=3))
        if body is not None and draw(st.booleans()):
            body = draw(site_texts)
        files[rel] = dump(data, body, True).encode("utf-8")
    return files
