"""Entry point: `okrsite COMMAND ...`. Each command lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from .common import UsageError

# Command name -> the module registering it (`register(subparsers)` adds its parser with
# `func=run`). Only the chosen command's module is imported: `okrsite check` in a pull
# request should not pay for importing MkDocs.
COMMANDS: dict[str, str] = {
    "check": "check_cmd",
    "build": "site_cmds",
    "serve": "site_cmds",
    "export": "export_cmd",
    "schema": "schema_cmd",
    "demo": "demo_cmd",
    "diff": "diff_cmd",
    "codeowners": "codeowners_cmd",
    "new": "new_cmd",
    "init-ci": "init_ci_cmd",
    "init": "init_cmd",
    "import": "import_cmd",
    "checkin": "checkin_cmd",
    "stale": "stale_cmd",
}


def _modules(names: Sequence[str]) -> list[ModuleType]:
    unique = dict.fromkeys(COMMANDS[name] for name in names)
    return [importlib.import_module(f"{__package__}.{module}") for module in unique]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for `command` alone when it is known."""
    parser = argparse.ArgumentParser(
        prog="okrsite",
        description="Validate a company's OKRs kept in git and publish them as a site.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _modules([command] if command in COMMANDS else list(COMMANDS)):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
    try:
        return int(args.func(args))
    except UsageError as error:
        parser.exit(2, f"okrsite {args.command}: error: {error}\n")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
