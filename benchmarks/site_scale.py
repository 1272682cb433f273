"""`okrsite build` at company scale: the site figures of the scale issue, each against its
baseline measured in the same run.

    .venv/bin/python benchmarks/site_scale.py --sizes 1000 5000 10000 [--no-rebuild]

For each size it writes a synthetic company with `okrsite demo`, then times:

- `okrsite build` against plain mkdocs-material building one hand-written Markdown page
  per generated page, each of the same byte size, nav limited to the home page;
- the build at each size against the smallest size;
- rebuilds after editing one objective's title, then another's (a team objective shown on
  a few pages; a company objective, shown in the cascade of every objective below it),
  as `okrsite serve` rebuilds: serve's
  own steps with serve's build type (site_cmds.SERVE_BUILD_TYPE, "dirty": one
  `on_startup(command="serve", dirty=True)`, the first build with that config, then a
  fresh MkDocs config and MkDocs' dirty build into the same site_dir, site_url set to
  the server's address) in the process that built before (serve keeps one process; the
  pages the edit left unchanged are neither converted nor rendered again, nor indexed
  for search), with another thread running, as serve's web server does (so no work is
  forked). Its ratio is against the cold `okrsite build` of the same site. Not
  included: serve's HTTP server and file watcher, and their delay.

Every command runs under a small wrapper process that reports its own children's CPU
time and peak memory (RUSAGE_CHILDREN of the wrapper: this command alone, not every
command run before it). The peak is the resident size of the largest process; the build
forks workers that share most pages with it.

`okrsite build` converts pages on every core, so its wall time falls below its CPU time
(and its CPU time rises a little for the forking). Both ratios are printed; the
baseline, plain MkDocs, runs on one core. Machines here are shared and noisy: compare the
ratios, measured side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from timing import ENV, OKRSITE, PYTHON, TODAY, Timing, demo_company, ratios, timed  # this folder

# Builds as serve's builder does (mkdocs/commands/serve.py with okrsite's build type: one
# on_startup for the process, then a fresh config and MkDocs' build for each rebuild),
# edits one objective's title, builds again; prints the rebuild's wall and CPU time (this
# process and its children) as JSON.
REBUILD = r"""
import json, resource, sys, tempfile, threading, time
from pathlib import Path
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from okrsite_gen.cli.site_cmds import SERVE_BUILD_TYPE, _config_file

root, site, *edited = sys.argv[1:]
stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()  # serve's server thread: no fork
scratch = tempfile.mkdtemp()
config_file = _config_file(Path(root), None, Path(scratch))
dirty = SERVE_BUILD_TYPE == "dirty"
serve_url = "http://127.0.0.1:8000/"

def get_config():
    config = load_config(config_file=config_file, site_dir=site)
    config.site_url = serve_url
    return config

startup = get_config()
startup.plugins.on_startup(command="build" if SERVE_BUILD_TYPE == "clean" else "serve", dirty=dirty)

def cpu():
    mine, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return mine.ru_utime + mine.ru_stime + kids.ru_utime + kids.ru_stime

def build(config=None):
    wall, before = time.perf_counter(), cpu()
    clean = SERVE_BUILD_TYPE == "clean"
    mkdocs_build(config or get_config(), serve_url=None if clean else serve_url, dirty=dirty)
    return {"wall": time.perf_counter() - wall, "cpu": cpu() - before}

first = build(startup)
rebuilds = []
for name in edited:  # one edit, one rebuild, in the same serve session
    path = Path(name)
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, title + " (renamed)", 1), encoding="utf-8")
    rebuilds.append(build())
print(json.dumps({"first": first, "rebuilds": rebuilds}))
startup.plugins.on_shutdown()
stop.set()
"""


def generated_page_sizes(repo: Path) -> list[int]:
    """The byte size of every Markdown page okrsite generates for `repo`."""
    from datetime import date

    from okrsite_gen.site import SiteOptions, build_site

    built = build_site(repo, date.fromisoformat(TODAY), SiteOptions())
    return [len(f.content.encode("utf-8")) for f in built.files if f.path.endswith(".md")]


def plain_mkdocs_project(sizes: list[int], out: Path) -> None:
    """One hand-written Markdown page per generated page, each of the same size."""
    docs = out / "docs"
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. " * 8
    for index, size in enumerate(sizes):
        sections = []
        while sum(map(len, sections)) < size:
            sections.append(
                f"## Section {len(sections) + 1}\n\n{paragraph}\n\n- a point\n- another\n\n"
            )
        target = docs / f"page-{index}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# Page {index}\n\n" + "".join(sections), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
        "nav:\n  - Home: index.md\n",
        encoding="utf-8",
    )


class Rows:
    """The table, printed a row at a time: a long run shows its figures as they come."""

    def __init__(self) -> None:
        print(f"{'what':<38}  {'figure':>22}  {'baseline':<52} ratio", flush=True)

    def append(self, row: tuple[str, str, str, str]) -> None:
        what, figure, baseline, value = row
        print(f"{what:<38}  {figure:>22}  {baseline:<52} {value}", flush=True)


# The objectives whose title the rebuilds edit: a team's (the deepest unit's last one,
# shown on a few pages) and a company objective (shown on every page of its cascade:
# each objective page's diagram climbs to the mission, so hundreds of pages change).
EDITS = ("a team objective", "a company objective")


def edited_objectives(repo: Path) -> list[Path]:
    objectives = sorted((repo / "content" / "okrs").rglob("*.md"))
    team = max(objectives, key=lambda p: (p.parent.name.count("-"), str(p)))
    company = next(p for p in objectives if p.parent.name == "company")
    return [team, company]


def rebuilds(repo: Path, site: Path) -> list[Timing]:
    """Serve's rebuild after each edit of EDITS, in one serve session."""
    edited = [str(path) for path in edited_objectives(repo)]
    result = subprocess.run(
        [PYTHON, "-c", REBUILD, str(repo), str(site), *edited],
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])["rebuilds"]
    return [Timing(f["wall"], f["cpu"]) for f in figures]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--no-rebuild", action="store_true", help="skip the serve rebuild")
    args = parser.parse_args()
    rows = Rows()
    builds: dict[int, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="okrsite-site-scale-") as scratch_dir:
        scratch = Path(scratch_dir)
        for size in sorted(args.sizes):
            repo = demo_company(size, scratch / f"company-{size}")
            site = scratch / f"site-{size}"
            build = builds[size] = timed(
                [*OKRSITE, "build", "--root", str(repo), "-q", "-d", str(site)]
            )
            plain = scratch / f"plain-{size}"
            plain_mkdocs_project(generated_page_sizes(repo), plain)
            baseline = timed(
                [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], cwd=plain
            )
            rows.append(
                (
                    f"site build, N={size}",
                    f"{build.wall:.0f} s wall, {build.cpu:.0f} s cpu",
                    f"plain mkdocs-material ({baseline.wall:.0f} s wall, {baseline.cpu:.0f} s cpu)",
                    ratios(build, baseline),
                )
            )
            rows.append(
                (
                    f"build peak memory, N={size}",
                    f"{build.peak_mib:.0f} MiB",
                    f"plain mkdocs-material: {baseline.peak_mib:.0f} MiB",
                    "-",
                )
            )
            if not args.no_rebuild:
                for what, again in zip(
                    EDITS, rebuilds(repo, scratch / f"serve-{size}"), strict=True
                ):
                    rows.append(
                        (
                            f"serve rebuild, {what}'s title, N={size}",
                            f"{again.wall:.1f} s wall, {again.cpu:.1f} s cpu",
                            "the cold okrsite build above",
                            ratios(again, build),
                        )
                    )
        smallest = min(builds)
        for size, build in sorted(builds.items())[1:]:
            rows.append(
                (
                    f"site build N={size}",
                    f"{build.wall:.0f} s wall, {build.cpu:.0f} s cpu",
                    f"the same at N={smallest}",
                    ratios(build, builds[smallest]),
                )
            )


if __name__ == "__main__":
    main()
