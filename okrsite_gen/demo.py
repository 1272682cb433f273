"""A synthetic, valid company of N objectives, deterministic for a seed.

For evaluating okrsite at scale and for the benchmarks: a unit tree of plausible depth
and fan-out, people, a finished and a running quarter, 3-5 KRs per objective mixing
metrics, milestones and `measured_by`, alignment to parent objectives and KRs, cross-unit
dependencies, check-ins and comments. `okrsite check` finds no problem in it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

CYCLES = [
    {"id": "2026-Q3", "start": date(2026, 7, 1), "end": date(2026, 9, 30)},
    {"id": "2026-Q4", "start": date(2026, 10, 1), "end": date(2026, 12, 31)},
]
LAST_CHECKIN = date(2026, 11, 20)  # the running quarter's check-ins stop before "today"
OBJECTIVES_PER_UNIT = 4  # per cycle; the guidance allows 5
FAN_OUT = 6

_THEMES = [
    ("growth", "Grow where our customers are"),
    ("quality", "Quality people notice"),
    ("speed", "Fast for everyone"),
    ("efficiency", "Spend wisely"),
]
_AREAS = [
    "checkout",
    "onboarding",
    "billing",
    "search",
    "the mobile app",
    "partner API",
    "support",
    "the data platform",
    "fraud checks",
    "payouts",
    "reporting",
    "invoicing",
]
_VERBS = ["Make", "Rebuild", "Simplify", "Scale", "Harden", "Modernise", "Delight users with"]
_OUTCOMES = ["fast", "reliable", "self-serve", "loved", "secure", "effortless", "cheaper to run"]
_METRICS = [
    ("p95 latency", "ms", 1200, 400, 300),
    ("conversion", "%", 2.1, 3.0, 3.4),
    ("NPS", "", 31, 45, 50),
    ("tickets per 1,000 orders", "", 14, 8, 6),
    ("monthly active merchants", "", 1800, 2600, 3000),
    ("error rate", "%", 1.8, 0.5, 0.3),
    ("cost per transaction", "EUR", 0.09, 0.06, 0.05),
]
_MILESTONES = [
    "Ship {area} v2 to all customers",
    "Run the {area} pilot with three design partners",
    "Publish the {area} runbook and train on-call",
    "Retire the legacy {area} service",
]
_FIRST = [
    "Ana",
    "Ben",
    "Chen",
    "Dana",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kofi",
    "Lena",
]
_LAST = ["Silva", "Meyer", "Okafor", "Novak", "Tanaka", "Haddad", "Berg", "Rossi", "Kim", "Lopez"]


@dataclass(slots=True)
class _Unit:
    id: str
    name: str
    parent: str | None
    depth: int
    people: list[str] = field(default_factory=list)
    objectives: dict[str, list[str]] = field(default_factory=dict)  # cycle -> objective ids


def _unit_tree(units_needed: int) -> list[_Unit]:
    units = [_Unit("company", "Demo Corp", None, 0)]
    queue = [units[0]]
    while len(units) < units_needed and queue:
        parent = queue.pop(0)
        for index in range(FAN_OUT):
            if len(units) >= units_needed:
                break
            unit_id = f"{parent.id}-{index + 1}" if parent.parent else f"div-{index + 1}"
            kind = ("Division", "Department", "Team", "Squad")[min(parent.depth, 3)]
            unit = _Unit(unit_id, f"{kind} {unit_id.upper()}", parent.id, parent.depth + 1)
            units.append(unit)
            queue.append(unit)
    return units


def _metric_kr(
    rng: random.Random, index: int, cycle: dict[str, Any], running: bool
) -> dict[str, Any]:
    name, unit, baseline, target, stretch = rng.choice(_METRICS)
    kr: dict[str, Any] = {
        "id": f"kr{index + 1}",
        "title": f"Move {name} from {baseline:g}{unit and ' ' + unit} to {target:g}{unit and ' ' + unit}",
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "stretch": stretch,
    }
    last = LAST_CHECKIN if running else cycle["end"]
    checkins = []
    value = float(baseline)
    day = cycle["start"] + timedelta(days=14)
    while day <= last and len(checkins) < 3:
        value = round(value + (target - baseline) * rng.uniform(0.1, 0.4), 3)
        checkins.append(
            {"date": day, "value": value, "confidence": round(rng.uniform(0.4, 0.9), 1)}
        )
        day += timedelta(days=rng.randint(14, 30))
    kr["current"] = value
    kr["confidence"] = checkins[-1]["confidence"] if checkins else 0.5
    kr["checkins"] = checkins
    return kr


def generate_company(objectives: int, seed: int = 1) -> dict[str, str]:
    """The files of a company with about `objectives` objectives: {path: text}."""
    rng = random.Random(seed)
    per_unit = OBJECTIVES_PER_UNIT * len(CYCLES)
    units = _unit_tree(max(1, -(-objectives // per_unit)))
    by_id = {unit.id: unit for unit in units}
    people: list[dict[str, str]] = []
    for unit in units:
        for index in range(rng.randint(2, 4)):
            person_id = f"p-{unit.id}-{index + 1}"
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            people.append({"id": person_id, "name": name, "unit": unit.id, "handle": person_id})
            unit.people.append(person_id)
    org = {
        "name": "Demo Corp",
        "mission": "Make trade effortless for every business.",
        "vision": "The payments platform mid-sized companies trust by default.",
        "themes": [{"id": t, "title": title} for t, title in _THEMES],
        "cycles": CYCLES,
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "lead": u.people[0],
                **({"parent": u.parent} if u.parent else {}),
            }
            for u in units
        ],
        "people": people,
    }
    files = {"content/okrs/org.yaml": yaml.safe_dump(org, sort_keys=False, allow_unicode=True)}
    made = 0
    all_ids: dict[str, list[str]] = {c["id"]: [] for c in CYCLES}
    kr_ids: dict[str, list[str]] = {}
    for cycle in CYCLES:
        running = cycle["id"] == "2026-Q4"
        for unit in units:
            for number in range(OBJECTIVES_PER_UNIT):
                if made >= objectives:
                    break
                made += 1
                area = rng.choice(_AREAS)
                slug = f"o{number + 1}-{area.replace(' ', '-').replace('the-', '')}"
                objective_id = f"{cycle['id']}/{unit.id}/{slug}"
                front: dict[str, Any] = {
                    "title": f"{rng.choice(_VERBS)} {area} {rng.choice(_OUTCOMES)}",
                    "owner": unit.id,
                }
                parent = by_id.get(unit.parent or "")
                candidates = parent.objectives.get(cycle["id"], []) if parent else []
                if candidates:
                    target = rng.choice(candidates)
                    if rng.random() < 0.4:
                        target = f"{target}#{rng.choice(kr_ids[target])}"
                    front["aligns_to"] = [target]
                else:
                    front["themes"] = [rng.choice(_THEMES)[0]]
                if rng.random() < 0.2:
                    front["kind"] = "aspirational"
                siblings = [
                    o
                    for u in units
                    if u.parent == unit.parent and u.id != unit.id
                    for o in u.objectives.get(cycle["id"], [])
                ][:20]
                if siblings and rng.random() < 0.15:
                    front["depends_on"] = [rng.choice(siblings)]
                front["contributors"] = rng.sample(unit.people, k=min(2, len(unit.people)))
                front["tags"] = [area.split()[-1]]
                krs = []
                for index in range(rng.randint(3, 5)):
                    roll = rng.random()
                    earlier = all_ids[cycle["id"]]
                    if roll < 0.15 and earlier:
                        krs.append(
                            {
                                "id": f"kr{index + 1}",
                                "title": "Land the supporting objective",
                                "measured_by": rng.choice(earlier[-50:]),
                            }
                        )
                    elif roll < 0.4:
                        krs.append(
                            {
                                "id": f"kr{index + 1}",
                                "title": rng.choice(_MILESTONES).format(area=area),
                                "done": (not running) or rng.random() < 0.3,
                                "owner": rng.choice(unit.people),
                            }
                        )
                    else:
                        krs.append(_metric_kr(rng, index, cycle, running))
                front["key_results"] = krs
                if not running and rng.random() < 0.3:
                    front["score"] = round(rng.uniform(0.3, 1.0), 1)
                body = (
                    f"## Why\n\n{area.capitalize()} is where our customers feel us first.\n\n"
                    f"## How\n\nSmall, safe steps; measure every week.\n"
                )
                text = (
                    "---\n"
                    + yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
                    + "---\n"
                    + body
                )
                files[f"content/okrs/{objective_id}.md"] = text
                unit.objectives.setdefault(cycle["id"], []).append(objective_id)
                all_ids[cycle["id"]].append(objective_id)
                kr_ids[objective_id] = [kr["id"] for kr in krs]
    for index, objective_id in enumerate(
        sorted(kr_ids)[:: max(1, len(kr_ids) // max(1, objectives // 10))]
    ):
        author = people[index % len(people)]["id"]
        kind = ("question", "feedback", "kudos")[index % 3]
        files[f"content/comments/{objective_id}/2026-10-{10 + index % 18:02d}-{author}-note.md"] = (
            "---\n"
            + yaml.safe_dump(
                {
                    "objective": objective_id,
                    "author": author,
                    "date": date(2026, 10, 10 + index % 18),
                    "kind": kind,
                },
                sort_keys=False,
            )
            + "---\nHow does this connect to the company goal?\n"
        )
    return files


def write_company(out: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
