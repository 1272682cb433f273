"""Check a parsed YAML mapping against a `Spec`: types, ranges, choices, unknown fields.

Returns clean Python values with the location of each, plus rule-coded problems. A value
that fails its check is left out of `values`, so later stages see only good data; its
location is kept in `locs`, so they can tell "written but wrong" (reported here already)
from "not written" and report nothing twice.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..load.yaml_reader import YamlList, YamlMap
from ..model import Loc, Problem
from .fields import Field, Spec


@dataclass(slots=True)
class Checked:
    """The good values of one mapping, where every value (good or refused) was written,
    and nested item lists."""

    loc: Loc
    values: dict[str, Any] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)
    items: dict[str, list[Checked]] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


_CLOSE = 0.6  # difflib.get_close_matches' cutoff


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant, or None when nothing is close: exactly
    `difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)`, but faster.

    Ids share long prefixes (`2026-Q3/div-3-...`), so thousands of candidates pass
    difflib's cheap bounds and each needs the full, slow ratio. Here the candidates are
    taken best bound first, and the search stops once no bound can beat the best ratio
    found: a ratio never exceeds its quick_ratio bound.
    """
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounded: list[tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= _CLOSE and (bound := matcher.quick_ratio()) >= _CLOSE:
            bounded.append((bound, candidate))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, candidate in bounded:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(candidate)
        score = matcher.ratio()
        # The highest ratio, then the greatest candidate: what get_close_matches picks.
        if score >= _CLOSE and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return best[1] if best else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    match = closest(word, candidates)
    return f"did you mean `{match}`?" if match else ""


_PLAIN_TEXT_KINDS = frozenset({"text", "markdown", "ref"})
_TYPE_WORDS = {
    "text": "text",
    "markdown": "text",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "id": "an id",
    "ref": "an id",
    "ref-list": "a list of ids",
    "text-list": "a list of words",
    "object-list": "a list of mappings",
}


def describe(value: Any) -> str:
    if value is None:  # e.g. front matter with no fields, or a file of comments only
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (date, datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number of {len(str(abs(value)))} digits"
    return shorten(str(value))


def check_mapping(
    data: Any, spec: Spec, where: Loc, problems: list[Problem], what: str | None = None
) -> Checked | None:
    """Check `data` against `spec`, appending problems; None when it is not a mapping."""
    what = what or spec.name.replace("_", " ")
    if not isinstance(data, YamlMap):
        loc = getattr(data, "loc", where)
        problems.append(
            Problem(
                "not-a-mapping",
                "error",
                loc,
                f"{what} must be a mapping of `field: value`, found {describe(data)}",
                f"Write the fields as `name: value` lines ({', '.join(spec.names[:3])}...).",
            )
        )
        return None
    checked = Checked(data.loc)
    known = spec.names
    by_name = spec.by_name
    for key in data:
        if key not in by_name:
            hint = did_you_mean(key, known) or f"Known fields: {', '.join(known)}."
            problems.append(
                Problem(
                    "unknown-field",
                    "error",
                    data.key_at(key),
                    f"unknown field `{key}` in {what}",
                    hint,
                )
            )
    for spec_field in spec.fields:
        raw = data.get(spec_field.name)
        if raw is None or (raw == "" and spec_field.required):
            if spec_field.required:
                loc = data.key_at(spec_field.name) if spec_field.name in data else data.loc
                problems.append(
                    Problem(
                        "missing-field",
                        "error",
                        loc,
                        f"{what} needs `{spec_field.name}`",
                        f"Add `{spec_field.name}:` — {spec_field.description}",
                    )
                )
            continue
        _check_value(data, spec_field, checked, problems, what)
    return checked


def _check_value(
    data: YamlMap, spec_field: Field, checked: Checked, problems: list[Problem], what: str
) -> None:
    name = spec_field.name
    raw = data[name]
    loc = data.value_at(name)
    checked.locs[name] = loc  # even when the value is refused below: it was written here
    kind = spec_field.type
    # The common case, checked first: plain text where text belongs, nothing to enforce.
    if (
        type(raw) is str
        and kind in _PLAIN_TEXT_KINDS
        and not spec_field.pattern
        and not spec_field.choices
        and spec_field.max_length is None
    ):
        checked.values[name] = raw if kind == "markdown" else raw.strip()
        return

    def wrong(found: Any, hint: str = "") -> None:
        problems.append(
            Problem(
                "wrong-type",
                "error",
                loc,
                f"`{name}` in {what} must be {_TYPE_WORDS[spec_field.type]}, found {describe(found)}",
                hint or f"{spec_field.description}",
            )
        )

    if kind in ("ref-list", "text-list"):
        items = raw if isinstance(raw, YamlList) else None
        if items is None:
            if isinstance(raw, (dict, list)):
                wrong(raw)
                return
            value, text = raw, data.texts.get(name)
            checked.values[name] = [_as_text(value, text)]
            checked.locs[name] = loc
            checked.locs[f"{name}[0]"] = loc
            return
        values: list[str] = []
        for index, (item, item_text) in enumerate(zip(items, items.texts, strict=True)):
            if item is None or isinstance(item, (dict, list)):
                problems.append(
                    Problem(
                        "wrong-type",
                        "error",
                        items.item_locs[index],
                        f"item {index + 1} of `{name}` in {what} must be an id, "
                        f"found {describe(item) if item is not None else 'nothing'}",
                        "Write one id per item: `- team/objective`.",
                    )
                )
                continue
            checked.locs[f"{name}[{len(values)}]"] = items.item_locs[index]
            values.append(_as_text(item, item_text))
        checked.values[name] = values
        checked.locs[name] = loc
        return
    if kind == "object-list":
        if not isinstance(raw, YamlList):
            wrong(raw, f"Write `{name}:` then one `- ` item per entry.")
            return
        assert spec_field.item is not None
        nested: list[Checked] = []
        item_what = spec_field.item.name.replace("_", " ")
        for index, item in enumerate(raw):
            item_checked = check_mapping(
                item,
                spec_field.item,
                raw.item_locs[index],
                problems,
                f"{item_what} {index + 1}",
            )
            if item_checked is not None:
                nested.append(item_checked)
        checked.items[name] = nested
        checked.locs[name] = loc
        return
    if isinstance(raw, (dict, list)):
        wrong(raw)
        return
    value: Any
    if kind in ("text", "markdown", "id", "ref"):
        value = (
            _as_text(raw, data.texts.get(name)).strip()
            if kind != "markdown"
            else _as_text(raw, data.texts.get(name))
        )
        invalid = bad_id(name, value, spec_field, loc)
        if invalid is not None:
            problems.append(invalid)
            return
        if spec_field.choices and value not in spec_field.choices:
            hint = did_you_mean(value, list(spec_field.choices)) or (
                f"Use one of: {', '.join(spec_field.choices)}."
            )
            problems.append(
                Problem(
                    "bad-choice",
                    "error",
                    loc,
                    f"`{name}` is `{value}`; it must be one of {', '.join(spec_field.choices)}",
                    hint,
                )
            )
            return
    elif kind == "number":
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            hint = ""
            if isinstance(raw, str):
                plain = raw.replace(",", "").replace("%", "").replace("_", "").strip()
                try:
                    number = float(plain)
                    if "%" in raw and spec_field.maximum == 1.0:  # a fraction: 40% is 0.4
                        number /= 100
                    hint = f"Write a plain number: `{name}: {number:g}`."
                except ValueError:
                    hint = "Write a plain number, without units or quotes."
            wrong(raw, hint)
            return
        if not _is_finite(raw):
            shown = (
                f"{raw}"
                if isinstance(raw, float)
                else f"{str(raw)[:12]}... ({len(str(raw))} digits)"
            )
            problems.append(
                Problem(
                    "out-of-range",
                    "error",
                    loc,
                    f"`{name}` must be a finite number, found `{shown}`",
                    "Write an ordinary number.",
                )
            )
            return
        value = raw
        if not _in_range(value, spec_field):
            problems.append(
                Problem(
                    "out-of-range",
                    "error",
                    loc,
                    f"`{name}` is {value:g}; it must be {_range_words(spec_field)}",
                    "Confidence, progress and score are fractions: write 0.7 for 70%."
                    if spec_field.maximum == 1.0
                    else f"Use a value {_range_words(spec_field)}.",
                )
            )
            return
    elif kind == "boolean":
        if not isinstance(raw, bool):
            wrong(raw, f"Write `{name}: true` or `{name}: false`.")
            return
        value = raw
    elif kind == "date":
        value = _as_date(raw)
        if value is None:
            wrong(raw, f"Write the date as `{name}: 2026-10-31`.")
            return
    else:  # pragma: no cover - every FieldType is handled above
        raise AssertionError(kind)
    checked.values[name] = value
    checked.locs[name] = loc


def bad_id(
    name: str, value: str, spec_field: Field, loc: Loc, subject: str | None = None
) -> Problem | None:
    """The `bad-id` problem of an id that breaks its field's syntax or length, else None.

    Ids become page paths: the syntax keeps `..`, `/x`, `\\` and `%2e` out of them, the
    length keeps every file name the site writes within what file systems accept.
    """
    too_long = spec_field.max_length is not None and len(value) > spec_field.max_length
    if not too_long and (not spec_field.pattern or _matches(spec_field.pattern, value)):
        return None
    capitals = (
        " (cycle and objective ids may use capitals and `/`)" if name in ("cycle", "id") else ""
    )
    return Problem(
        "bad-id",
        "error",
        loc,
        f"{subject or f'`{name}` {shorten(value)}'} is not a valid id"
        + (f": {len(value):,} characters, at most {spec_field.max_length}" if too_long else ""),
        "Ids use lower-case letters, digits, `-`, `_` and `.`, starting with a letter or "
        f"digit{capitals}.",
    )


def shorten(text: str, limit: int = 60) -> str:
    """`text` in backquotes, cut to `limit` characters: a message stays one readable line."""
    shown = text if len(text) <= limit else f"{text[: limit - 1]}…"
    return f"`{shown}`"


def _is_finite(number: float) -> bool:
    try:
        return math.isfinite(number)
    except OverflowError:  # an integer too large for a float: no metric needs one
        return False


def _as_text(value: Any, text: str | None) -> str:
    if isinstance(value, str):
        return value
    return text if text is not None else str(value)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _matches(pattern: str, value: str) -> bool:
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = re.compile(pattern)
    return compiled.fullmatch(value) is not None  # `$` alone would let "x\n" through


def _in_range(value: float, spec_field: Field) -> bool:
    low, high = spec_field.minimum, spec_field.maximum
    if low is not None and (value < low or (spec_field.exclusive_minimum and value == low)):
        return False
    return not (high is not None and value > high)


def _range_words(spec_field: Field) -> str:
    low, high = spec_field.minimum, spec_field.maximum
    if low is not None and high is not None:
        return f"between {low:g} and {high:g}"
    if low is not None:
        return f"more than {low:g}" if spec_field.exclusive_minimum else f"at least {low:g}"
    return f"at most {high:g}"
