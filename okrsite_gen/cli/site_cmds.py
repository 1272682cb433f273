"""`okrsite build` and `okrsite serve`: MkDocs with the okrsite plugin, mkdocs.yml optional.

A company repository may have only content/: then we write a default MkDocs config
(Material, search, tags, the okrsite plugin, the site name from org.yaml) to a temporary
file and hand MkDocs that, so `okrsite build` works on a fresh repository.

`okrsite serve` rebuilds with MkDocs' "dirty" build type (SERVE_BUILD_TYPE): the okrsite
plugin then renders again only the pages an edit changed (mkdocs_plugin/rebuild.py), and
the site served is what a clean build gives. `--full-rebuilds` renders every page each time.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path

import yaml
from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..load.files import CONTENT_DIR, OKRS_DIR
from .common import TODAY_ENV, add_root_option, resolve_root, resolve_today

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
# MkDocs' build type for serve's builds: "dirty" keeps site_dir between rebuilds and skips
# the files the okrsite plugin says are unchanged; None (MkDocs' default) renders all.
SERVE_BUILD_TYPE = "dirty"


def serve_build_type(full_rebuilds: bool) -> str | None:
    """The build type `okrsite serve` hands MkDocs' serve."""
    return None if full_rebuilds else SERVE_BUILD_TYPE


def register(subparsers: argparse._SubParsersAction) -> None:
    for name, help_text in (
        ("build", "build the site (MkDocs options accepted)"),
        ("serve", "preview the site with live reload (MkDocs options accepted)"),
    ):
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        add_root_option(parser)
        parser.add_argument("-f", "--config-file", metavar="FILE", help="the MkDocs config")
        parser.add_argument(
            "-s", "--strict", action="store_true", default=None, help="warnings fail"
        )
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help=f"default: ${TODAY_ENV} or the clock"
        )
        parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
        parser.add_argument("-v", "--verbose", action="store_true", help="debug output")
        if name == "build":
            parser.add_argument(
                "-d", "--site-dir", metavar="DIR", help="output folder (default: site)"
            )
            parser.add_argument("-c", "--clean", action="store_true", help="(always on)")
        else:
            parser.add_argument(
                "-a", "--dev-addr", metavar="IP:PORT", help="default 127.0.0.1:8000"
            )
            parser.add_argument("--no-livereload", action="store_true", help="no reload on change")
            parser.add_argument("-o", "--open", action="store_true", help="open it in a browser")
            parser.add_argument(
                "--full-rebuilds",
                action="store_true",
                help="render every page on each rebuild (default: only the pages an edit "
                "changed; the site is the same)",
            )
        parser.set_defaults(func=run)


def default_config(root: Path, docs_dir: Path) -> dict[str, object]:
    """The MkDocs config of a repository that has no mkdocs.yml."""
    site_name = "OKRs"
    org = root / CONTENT_DIR / OKRS_DIR / "org.yaml"
    try:
        data = yaml.safe_load(org.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            site_name = f"{data['name']} OKRs"
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        pass  # `check` reports a bad org.yaml with its line; a name is all we need here
    return {
        "site_name": site_name,
        "docs_dir": str(docs_dir),
        "site_dir": str(root / "site"),
        "theme": {
            "name": "material",
            "features": ["navigation.instant", "navigation.tabs", "search.highlight"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "toggle": {"icon": "material/brightness-7", "name": "Dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "toggle": {"icon": "material/brightness-4", "name": "Light mode"},
                },
            ],
        },
        "plugins": ["search", "tags", {"okrsite": {"root": str(root)}}],
        "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": True}}],
    }


def _config_file(root: Path, explicit: str | None, scratch: Path) -> str:
    if explicit:
        return explicit
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return str(root / name)
    docs = root / "docs"
    if not docs.is_dir():
        docs = scratch / "docs"
        docs.mkdir()
    path = scratch / "mkdocs.yml"
    path.write_text(yaml.safe_dump(default_config(root, docs), sort_keys=False), encoding="utf-8")
    return str(path)


def build_aside(config: MkDocsConfig) -> None:
    """Build into a sibling folder and swap it in only when complete.

    A build that fails (bad OKRs, an exception, a kill) leaves the previous site exactly
    as it was: readers and the publishing job never see half a site.
    """
    target = Path(config.site_dir)
    staging = target.with_name(f".{target.name}.okrsite-new")
    retired = target.with_name(f".{target.name}.okrsite-old")
    for leftover in (staging, retired):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    config.site_dir = str(staging)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        config.plugins.on_shutdown()
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    # MkDocs named the folder built aside; say where the finished site now is.
    logging.getLogger("mkdocs").info("okrsite: the site is in %s", target)


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args.root)
    today = resolve_today(args.today)
    os.environ[TODAY_ENV] = today.isoformat()  # the plugin reads "today" from here
    # MkDocs dates the sitemap by this: same input and "today", same bytes.
    midnight = datetime.combine(today, time(), tzinfo=UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    _setup_logging(level)
    overrides: dict[str, object] = {}
    if args.strict is not None:
        overrides["strict"] = args.strict
    with tempfile.TemporaryDirectory(prefix="okrsite-") as scratch:
        config_file = _config_file(root, args.config_file, Path(scratch))
        try:
            if args.command == "build":
                if args.site_dir:
                    overrides["site_dir"] = str(Path(args.site_dir).resolve())
                config = load_config(config_file=config_file, **overrides)
                build_aside(config)
            else:
                if args.dev_addr:
                    overrides["dev_addr"] = args.dev_addr
                serve(
                    config_file=config_file,
                    livereload=not args.no_livereload,
                    build_type=serve_build_type(args.full_rebuilds),
                    open_in_browser=args.open,
                    **overrides,
                )
        except exceptions.Abort as error:
            print(f"okrsite {args.command}: {error}", file=sys.stderr)
            return 1
        except exceptions.ConfigurationError as error:
            print(f"okrsite {args.command}: configuration error: {error}", file=sys.stderr)
            return 1
        except exceptions.MkDocsException as error:
            print(f"okrsite {args.command}: {error}", file=sys.stderr)
            return 1
    return 0


def _setup_logging(level: int) -> None:
    """MkDocs' own CLI sets up logging; we call its API, so we do it the same way."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(level)
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
