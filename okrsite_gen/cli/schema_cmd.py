"""`okrsite schema [objective|org|comment]`: JSON Schema for editors."""

from __future__ import annotations

import argparse
import json
import sys

from ..schema.fields import TOP_LEVEL_SPECS
from ..schema.jsonschema import json_schema


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of a file kind",
        description="Print the JSON Schema for editors (yaml-language-server).",
    )
    parser.add_argument("kind", nargs="?", default="objective", choices=sorted(TOP_LEVEL_SPECS))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n")
    return 0
