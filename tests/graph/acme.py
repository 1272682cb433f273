"""A small company for graph and export tests, written as its people would write it.

Cycle T1 runs 100 days (2026-01-01 to 2026-04-11), so "today" maps to easy shares of the
cycle: 2026-01-11 is 0.1, 2026-02-20 is 0.5, 2026-04-01 is 0.9.

    mission <- vision <- growth <- T1/acme/grow (arr 0.5, nps 0.5)           = 0.5
                      <- trust  <- T1/acme/trust (audit <- pci, incidents 0.5) = 0.5625
    T1/eng/scale      -> acme/grow, acme/trust#incidents  (deploy 1 w1, migrate 0.5 w3) = 0.625
    T1/platform/fast  -> eng/scale; depends on payments/pci (p95 1.0 stretch, kr2 0) = 0.5
    T1/payments/pci   -> acme/trust#audit (scan 1, fixes 0.25)                 = 0.625
    T1/sales/dach     -> acme/grow#arr; depends on platform/fast; aspirational (no value) = 0
    T1/alice/runbooks    self-driven, depends on platform/fast (same unit)     = 1
    T1/platform/secret   PRIVATE -> eng/scale (k1 0.4)                         = 0.4
    T1/bob/tooling    -> platform/secret#k1; depends on it; measured by it     = 0.4

Units: acme > eng > (platform, payments); acme > sales. People: jane (acme), raj (eng),
alice and pat (platform), bob (payments), sam (sales).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from okrsite_gen.graph import OkrGraph, build_graph
from okrsite_gen.load import load_repo

MIDWAY = date(2026, 2, 20)  # half of T1 gone

ORG = """\
    name: Acme
    mission: Make it easy to do business anywhere.
    vision: The default way to trade.
    themes:
      - {id: growth, title: Grow}
      - {id: trust, title: Be trusted}
    cycles:
      - {id: T1, start: 2026-01-01, end: 2026-04-11}
    units:
      - {id: acme, name: Acme, lead: jane}
      - {id: eng, name: Engineering, parent: acme, lead: raj}
      - {id: platform, name: Platform, parent: eng, lead: alice}
      - {id: payments, name: Payments, parent: eng, lead: bob}
      - {id: sales, name: Sales, parent: acme, lead: sam}
    people:
      - {id: jane, name: Jane, unit: acme, handle: jdoe}
      - {id: raj, name: Raj, unit: eng}
      - {id: alice, name: Alice, unit: platform}
      - {id: bob, name: Bob, unit: payments}
      - {id: sam, name: Sam, unit: sales}
      - {id: pat, name: Pat, unit: platform}
"""

OBJECTIVES: dict[str, str] = {
    "T1/acme/grow.md": """\
        ---
        title: Grow revenue
        owner: acme
        themes: [growth]
        key_results:
          - {id: arr, title: ARR from 10 to 20 M, baseline: 10, target: 20, current: 15}
          - {id: nps, title: NPS from 30 to 50, baseline: 30, target: 50, current: 40}
        ---
        Why we grow.
    """,
    "T1/acme/trust.md": """\
        ---
        title: Be trusted
        owner: acme
        themes: [trust]
        key_results:
          - {id: audit, title: Pass the PCI audit, measured_by: T1/payments/pci}
          - {id: incidents, title: Incidents from 10 to 2, baseline: 10, target: 2, current: 6}
        ---
    """,
    "T1/eng/scale.md": """\
        ---
        title: Scale engineering
        owner: eng
        aligns_to: [T1/acme/grow, "T1/acme/trust#incidents"]
        key_results:
          - {id: deploy, title: Deploy daily, done: true}
          - {id: migrate, title: Migrate services, progress: 0.5, weight: 3}
        ---
    """,
    "T1/platform/fast.md": """\
        ---
        title: Make checkout fast
        owner: platform
        aligns_to: [T1/eng/scale]
        depends_on: [T1/payments/pci]
        contributors: [pat, bob]
        key_results:
          - id: p95
            title: Cut p95 latency
            unit: ms
            baseline: 1200
            target: 400
            stretch: 250
            current: 200
            owner: alice
          - title: Ship one-click pay
            done: false
        ---
    """,
    "T1/payments/pci.md": """\
        ---
        title: PCI compliance
        owner: payments
        aligns_to: ["T1/acme/trust#audit"]
        key_results:
          - {id: scan, title: Pass the scan, done: true, owner: bob}
          - {id: fixes, title: Fix 40 findings, baseline: 0, target: 40, current: 10}
        ---
    """,
    "T1/sales/dach.md": """\
        ---
        title: Open DACH
        owner: sales
        kind: aspirational
        aligns_to: ["T1/acme/grow#arr"]
        depends_on: [T1/platform/fast]
        key_results:
          - {id: deals, title: Ten deals, baseline: 0, target: 10}
        ---
    """,
    "T1/alice/runbooks.md": """\
        ---
        title: Every alert has a runbook
        owner: alice
        depends_on: [T1/platform/fast]
        contributors: [bob]
        key_results:
          - {title: Write the runbooks, done: true}
        ---
    """,
    "T1/platform/secret.md": """\
        ---
        title: Secret acquisition prep
        owner: platform
        visibility: private
        aligns_to: [T1/eng/scale]
        key_results:
          - {id: k1, title: Due diligence, progress: 0.4}
        ---
    """,
    "T1/bob/tooling.md": """\
        ---
        title: Better tooling
        owner: bob
        aligns_to: ["T1/platform/secret#k1"]
        depends_on: [T1/platform/secret]
        key_results:
          - {id: ship, title: Ship it, measured_by: T1/platform/secret}
        ---
    """,
}


def write_repo(root: Path, files: Mapping[str, str]) -> Path:
    """Write files (paths relative to `root`, text dedented) and return `root`."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def write_company(root: Path, objectives: Mapping[str, str] = OBJECTIVES, org: str = ORG) -> Path:
    """A company repository: org.yaml plus objective files under content/okrs/."""
    files = {"content/okrs/org.yaml": org}
    files.update({f"content/okrs/{rel}": text for rel, text in objectives.items()})
    return write_repo(root, files)


def load_graph(root: Path, today: date = MIDWAY, **kwargs: object) -> OkrGraph:
    """Load the repository at `root` (it must read cleanly) and build its graph."""
    loaded = load_repo(root)
    assert loaded.problems == [], loaded.problems
    return build_graph(loaded.repo, today, **kwargs)  # type: ignore[arg-type]


def company_graph(root: Path, today: date = MIDWAY, **kwargs: object) -> OkrGraph:
    """The Acme company above, written under `root` and built as of `today`."""
    return load_graph(write_company(root), today, **kwargs)
