"""Entry point: `okrsite COMMAND ...`. Each command lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from .common import UsageError

DEBUG_ENV = "OKRSITE_DEBUG"
INTERNAL_ERROR = 3  # exit status of a crash: 1 is bad input, 2 a bad command line
_PACKAGE = Path(__file__).resolve().parent.parent

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
    "comment": "comment_cmd",
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
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show the traceback of an internal error (or set {DEBUG_ENV}=1)",
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
    except Exception as error:  # the boundary: a bug is reported in one line, not a traceback
        return internal_error(error, args.debug or os.environ.get(DEBUG_ENV, "") not in ("", "0"))


def internal_error(error: Exception, debug: bool) -> int:
    """Say what broke and where the details are; the traceback only when asked for."""
    if debug:
        traceback.print_exception(error)
    lines = str(error).strip().splitlines()
    template = _template_of(error)
    ours = template.startswith(str(_PACKAGE))
    print(
        f"okrsite: internal error: {type(error).__name__}"
        + (f": {lines[0]}" if lines else "")
        + (
            f" in the template override {template}: fix or remove it"
            if template and not ours
            else ""
        )
        + (f" (in {template})" if template and ours else "")
        + (", please report it" if ours or not template else "")
        + ("." if debug else f". For details run `okrsite --debug ...` or set {DEBUG_ENV}=1."),
        file=sys.stderr,
    )
    return INTERNAL_ERROR


def _template_of(error: BaseException) -> str:
    """`file:line` of the innermost Jinja template in the traceback (an override in the
    company's theme/okrsite/ is the usual suspect), or ""."""
    found = ""
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2"):
            found = f"{frame.filename}:{frame.lineno}"
    return found


if __name__ == "__main__":
    sys.exit(main())
