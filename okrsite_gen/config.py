"""Company settings from `okrsite.toml` at the repository root (all optional).

One file for every okrsite command, so `check` in a pull request and the site build read
the same policy, with or without MkDocs. Example:

    [rules]                       # severity per rule id: "error", "warning" or "off"
    max-objectives = "error"

    [guidance]
    max_objectives_per_owner = 5
    max_key_results = 5
    untracked_after_days = 30

    [health]
    at_risk_gap = 0.15            # progress this far behind the elapsed share: at risk
    off_track_gap = 0.35          # this far behind: off track
    low_confidence = 0.5          # confidence below this: at risk at best
    very_low_confidence = 0.3     # below this: off track

    [limits]
    max_file_bytes = 1_000_000
    max_files = 50_000

    [stale]
    days = 14                     # `okrsite stale`: no check-in for this many days
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from .load.yaml_reader import Limits
from .model import Loc, Problem
from .schema.check import did_you_mean

CONFIG_FILE = "okrsite.toml"
RuleSetting = Literal["error", "warning", "off"]


@dataclass(frozen=True, slots=True)
class Guidance:
    """The company's OKR guidance behind the warnings (focus, tracking)."""

    max_objectives_per_owner: int = 5
    max_key_results: int = 5
    untracked_after_days: int = 30


@dataclass(frozen=True, slots=True)
class HealthThresholds:
    """How far behind the calendar an objective may fall before it is at risk / off track."""

    at_risk_gap: float = 0.15
    off_track_gap: float = 0.35
    low_confidence: float = 0.5
    very_low_confidence: float = 0.3


@dataclass(frozen=True, slots=True)
class FileLimits:
    max_file_bytes: int = 1_000_000
    max_files: int = 50_000
    max_yaml_nodes: int = 100_000
    max_yaml_depth: int = 40

    @property
    def yaml(self) -> Limits:
        return Limits(max_nodes=self.max_yaml_nodes, max_depth=self.max_yaml_depth)


@dataclass(frozen=True, slots=True)
class StaleSettings:
    """When `okrsite stale` lists a key result: no check-in for `days` days."""

    days: int = 14


@dataclass(frozen=True, slots=True)
class Settings:
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    guidance: Guidance = Guidance()
    health: HealthThresholds = HealthThresholds()
    limits: FileLimits = FileLimits()
    stale: StaleSettings = StaleSettings()

    def apply(self, problems: list[Problem]) -> list[Problem]:
        """Problems with the company's severity overrides applied ("off" drops them)."""
        if not self.rules:
            return problems
        result = []
        for problem in problems:
            setting = self.rules.get(problem.rule)
            if setting == "off":
                continue
            if setting in ("error", "warning") and setting != problem.severity:
                problem = replace(problem, severity=setting)
            result.append(problem)
        return result


_SECTIONS: dict[str, type] = {
    "guidance": Guidance,
    "health": HealthThresholds,
    "limits": FileLimits,
    "stale": StaleSettings,
}


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """Read okrsite.toml under `root`; defaults when there is none. Never raises."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Settings(), []
    return parse_settings(path.read_bytes())


def parse_settings(raw: bytes) -> tuple[Settings, list[Problem]]:
    """Settings from the bytes of an okrsite.toml (a file, or a git revision's copy)."""
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # tomllib puts the position in the message only: "... (at line 2, column 18)".
        position = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = (
            Loc(CONFIG_FILE, int(position[1]), int(position[2])) if position else Loc(CONFIG_FILE)
        )
        return Settings(), [
            Problem("config-syntax", "error", where, f"{CONFIG_FILE}: {error}", "Fix the TOML.")
        ]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for section, value in data.items():
        where = _where(text, section)
        if not isinstance(value, dict):
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    where,
                    f"{CONFIG_FILE}: `{section}` must be a [{section}] table of settings",
                    f"Known sections: rules, {', '.join(_SECTIONS)}.",
                )
            )
        elif section == "rules":
            values["rules"] = _rules(value, problems, text)
        elif section in _SECTIONS:
            values[section] = _section(section, value, problems, text)
        else:
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    where,
                    f"{CONFIG_FILE}: unknown section [{section}]",
                    did_you_mean(section, ["rules", *_SECTIONS])
                    or f"Known sections: rules, {', '.join(_SECTIONS)}.",
                )
            )
    return Settings(**values), problems


def _where(text: str, section: str, key: str | None = None) -> Loc:
    """The line of `[section]` (or of `key = ...` in it); tomllib keeps no positions."""
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"\[\s*([^\]\s]+)\s*\]", stripped)
        if header:
            current = header[1].strip("\"'")
            if key is None and current == section:
                return Loc(CONFIG_FILE, number, 1)
            continue
        name = re.match(r"([^=\s]+)\s*=", stripped)
        if (
            name
            and name[1].strip("\"'") == (key or section)
            and current == (section if key else None)
        ):
            return Loc(CONFIG_FILE, number, line.index(name[1]) + 1)
    return Loc(CONFIG_FILE)


def _rules(value: dict[str, Any], problems: list[Problem], text: str) -> dict[str, RuleSetting]:
    from .validate.registry import RULES  # late: the registry imports the validators

    rules: dict[str, RuleSetting] = {}
    for rule, setting in value.items():
        if rule not in RULES:
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    _where(text, "rules", rule),
                    f"{CONFIG_FILE}: unknown rule `{rule}`",
                    did_you_mean(rule, list(RULES)),
                )
            )
        elif setting not in ("error", "warning", "off"):
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    _where(text, "rules", rule),
                    f"{CONFIG_FILE}: rule `{rule}` set to `{setting}`",
                    'Use "error", "warning" or "off".',
                )
            )
        else:
            rules[rule] = setting
    return rules


# Whole-number settings: (least, most). Counts and limits start at 1; days stay within a
# century (so a date plus them stays a date); health thresholds are fractions 0.0-1.0.
_WHOLE_RANGES = {
    "limits": (1, 10**12),
    "guidance": (0, 10**6),
    "stale": (0, 36_500),
}
_DAY_SETTINGS = {"untracked_after_days", "days"}


def _checked_number(section: str, key: str, item: int | float, default: object) -> object:
    """The setting's value, or an error message when it is out of its range."""
    if isinstance(default, float):
        if not (math.isfinite(item) and 0.0 <= item <= 1.0):
            return f"[{section}] {key} must be a fraction from 0.0 to 1.0, found {item!r}"
        return float(item)
    low, high = (0, 36_500) if key in _DAY_SETTINGS else _WHOLE_RANGES[section]
    whole = isinstance(item, int) or (math.isfinite(item) and float(item).is_integer())
    if not whole or not low <= item <= high:
        shown = item if isinstance(item, float) or abs(item) < 10**15 else f"{str(item)[:12]}..."
        return f"[{section}] {key} must be a whole number from {low:,} to {high:,}, found {shown}"
    return int(item)


def _section(name: str, value: dict[str, Any], problems: list[Problem], text: str) -> Any:
    cls = _SECTIONS[name]
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        if key not in known:
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    _where(text, name, key),
                    f"{CONFIG_FILE}: unknown setting `{key}` in [{name}]",
                    did_you_mean(key, list(known)) or f"Known: {', '.join(known)}.",
                )
            )
        elif isinstance(item, bool) or not isinstance(item, (int, float)):
            problems.append(
                Problem(
                    "config-unknown",
                    "error",
                    _where(text, name, key),
                    f"{CONFIG_FILE}: [{name}] {key} must be a number, found {item!r}",
                    f"Write a number, e.g. the default: `{key} = {known[key].default}`.",
                )
            )
        else:
            checked = _checked_number(name, key, item, known[key].default)
            if isinstance(checked, str):
                problems.append(
                    Problem(
                        "config-unknown",
                        "error",
                        _where(text, name, key),
                        f"{CONFIG_FILE}: {checked}",
                        f"The default is `{key} = {known[key].default}`.",
                    )
                )
            else:
                kwargs[key] = checked
    return cls(**kwargs)
