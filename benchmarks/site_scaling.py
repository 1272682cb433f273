"""How the site build scales: time per page at N objectives against N = 200 (the baseline).

Run on purpose, not in the test suite:

    .venv/bin/python benchmarks/site_scaling.py [--sizes 200 2000] [--runs 1]

Generates synthetic companies with `okrsite demo`, builds each with `okrsite build`
(a fresh process, as a user or CI runs it), and prints seconds, pages, ms per page and
the per-page ratio against the smallest size measured in the same run. MkDocs embeds the
nav in every page, so a nav listing every objective would make this ratio grow with N;
okrsite's nav lists index pages only and the target is a ratio of at most 2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OKRSITE = [sys.executable, "-m", "okrsite_gen.cli.main"]
TODAY = "2026-11-23"


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "OKRSITE_TODAY": TODAY}
    )
    return time.perf_counter() - start


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--runs", type=int, default=1, help="builds per size; the median is kept")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="okrsite-bench-") as scratch:
        for size in sorted(args.sizes):
            repo = Path(scratch, f"company-{size}")
            subprocess.run(
                [*OKRSITE, "demo", "--objectives", str(size), "--out", str(repo)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            site = Path(scratch, f"site-{size}")
            times = [
                run([*OKRSITE, "build", "--root", str(repo), "-q", "-d", str(site)])
                for _ in range(args.runs)
            ]
            seconds = statistics.median(times)
            pages = count_pages(site)
            rows.append((size, seconds, pages, seconds / pages * 1000))
    base_per_page = rows[0][3]
    print(f"{'objectives':>10} {'seconds':>8} {'pages':>6} {'ms/page':>8} {'per-page ratio':>15}")
    for size, seconds, pages, per_page in rows:
        print(
            f"{size:>10} {seconds:>8.1f} {pages:>6} {per_page:>8.1f} {per_page / base_per_page:>14.2f}x"
        )


if __name__ == "__main__":
    main()
