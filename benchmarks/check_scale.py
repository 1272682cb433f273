"""`okrsite check` at company scale: the check figures of the scale issue, each against
its baseline measured in the same run. Run on purpose (a few minutes at 10,000 objectives):

    .venv/bin/pip install -e ".[bench]"     # check-jsonschema, for the schema baseline
    .venv/bin/python benchmarks/check_scale.py --sizes 1000 5000 10000

For each size it writes a synthetic company with `okrsite demo`, then times whole
processes, as a user or CI runs them (wall clock, and CPU time from the OS):

- `okrsite check` cold (an empty cache) against `check-jsonschema` with `okrsite schema`
  on the same objects, and against loading the same files with PyYAML's C loader and
  nothing else;
- `okrsite check` after editing one file (warm: the cache of the run before) against the
  same command cold: once editing an objective's text (what the cross-file rules see is
  unchanged), once editing its `aligns_to` (the cross-file rules run again).

`okrsite check` judges files on every core, so its wall time falls below its CPU time:
both ratios are printed; the baselines run on one core. Machines here are shared and
noisy: compare the ratios, measured side by side in one run. The site's figures are
`site_scale.py`'s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import ENV, OKRSITE, PYTHON, demo_company, ratios, timed  # this folder

C_LOADER_ONLY = r"""
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1], "content").rglob("*")):
    if path.suffix in (".md", ".yaml", ".yml") and path.is_file():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\n---", 1)[0].removeprefix("---\n")
        yaml.load(text, Loader=yaml.CSafeLoader)
"""


def front_matter_files(repo: Path, out: Path) -> list[str]:
    """Each objective's front matter as a .yaml file: what check-jsonschema can read."""
    out.mkdir()
    names = []
    for index, path in enumerate(sorted((repo / "content" / "okrs").rglob("*.md"))):
        text = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n")
        target = out / f"{index}.yaml"
        target.write_text(text, encoding="utf-8")
        names.append(str(target))
    return names


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="okrsite-scale-") as scratch_dir:
        scratch = Path(scratch_dir)
        for size in sorted(args.sizes):
            repo = demo_company(size, scratch / f"company-{size}")
            check = [*OKRSITE, "check", "--root", str(repo)]
            ENV["OKRSITE_CACHE_DIR"] = str(scratch / f"cache-{size}")  # empty: cold
            # The baselines first: files written within 2 s of a check are hashed again by
            # the next one (the cache's guard against a second write in the same instant),
            # which would charge the warm figures for the demo having just been written.
            loader = timed([PYTHON, "-c", C_LOADER_ONLY, str(repo)])
            schema_tool = Path(PYTHON).with_name("check-jsonschema")
            baseline = None
            if shutil.which("check-jsonschema") or schema_tool.exists():
                schema = scratch / f"schema-{size}.json"
                schema.write_text(
                    subprocess.run(
                        [*OKRSITE, "schema"], capture_output=True, text=True, check=True
                    ).stdout
                )
                files = front_matter_files(repo, scratch / f"yaml-{size}")
                baseline = timed([str(schema_tool), "--schemafile", str(schema), *files])
            cold = timed(check)
            assert cold.code == 0, "the demo company must check clean"
            figure = f"{cold.wall:.1f} s wall"
            rows.append(
                (f"check cold, N={size}", figure, "PyYAML C loader only", ratios(cold, loader))
            )
            if baseline is not None:
                rows.append(
                    (f"check cold, N={size}", figure, "check-jsonschema", ratios(cold, baseline))
                )
            objectives = sorted((repo / "content" / "okrs").rglob("*.md"))
            edit_text(objectives[len(objectives) // 2], "## Why", "## Why we do it")
            warm = timed(check)
            rows.append(
                (
                    f"check after a text edit, N={size}",
                    f"{warm.wall:.2f} s wall",
                    "the same cold",
                    ratios(warm, cold),
                )
            )
            aligned = next(p for p in objectives if "aligns_to:\n" in p.read_text(encoding="utf-8"))
            edit_text(aligned, "aligns_to:\n", "aligns_to:\n- no-such-objective\n")
            warm = timed(check, ok=(1,))
            assert warm.code == 1, "the broken link must be reported"
            rows.append(
                (
                    f"check after a link edit, N={size}",
                    f"{warm.wall:.2f} s wall",
                    "the same cold",
                    ratios(warm, cold),
                )
            )
            edit_text(aligned, "aligns_to:\n- no-such-objective\n", "aligns_to:\n")
            rows.append((f"check cold peak memory, N={size}", f"{cold.peak_mib:.0f} MiB", "-", "-"))
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'figure':>14}  {'baseline':<40} ratio")
    for what, figure, baseline_name, value in rows:
        print(f"{what:<{width}}  {figure:>14}  {baseline_name:<40} {value}")


if __name__ == "__main__":
    main()
