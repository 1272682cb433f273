"""`okrsite demo --objectives N --out DIR`: write a synthetic company to try okrsite at scale."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..demo import generate_company, write_company
from .common import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a synthetic company of N objectives",
        description="Write a realistic, valid company repository (deterministic for a seed).",
    )
    parser.add_argument("--objectives", type=int, default=200, metavar="N", help="default 200")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="an empty folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.objectives < 1:
        raise UsageError("--objectives must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(f"{args.out} is not empty")
    files = generate_company(args.objectives, args.seed)
    write_company(args.out, files)
    print(f"Wrote {len(files)} files to {args.out}. Try: okrsite check --root {args.out}")
    return 0
