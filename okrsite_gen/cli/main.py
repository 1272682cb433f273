"""Entry point: `okrsite COMMAND ...`. Each command lives in its own module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import (
    check_cmd,
    checkin_cmd,
    codeowners_cmd,
    demo_cmd,
    diff_cmd,
    export_cmd,
    import_cmd,
    init_ci_cmd,
    init_cmd,
    new_cmd,
    schema_cmd,
    site_cmds,
    stale_cmd,
)
from .common import UsageError

# Each module has `register(subparsers)`, which adds its parser with `func=run`.
COMMANDS = [
    check_cmd,
    site_cmds,
    export_cmd,
    schema_cmd,
    demo_cmd,
    diff_cmd,
    codeowners_cmd,
    new_cmd,
    init_ci_cmd,
    init_cmd,
    import_cmd,
    checkin_cmd,
    stale_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrsite",
        description="Validate a company's OKRs kept in git and publish them as a site.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as error:
        parser.exit(2, f"okrsite {args.command}: error: {error}\n")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
