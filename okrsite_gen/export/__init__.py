"""Exports of the alignment graph: JSON (``okrs.json``), CSV and GraphML.

Each takes the graph and leaves private objectives out unless `include_private` is True;
the same graph always gives the same bytes. Formats are documented in docs/export.md.
"""

from __future__ import annotations

from .okrs_csv import COLUMNS, to_csv
from .okrs_graphml import to_graphml
from .okrs_json import FORMAT, VERSION, dump_json, to_json

__all__ = ["COLUMNS", "FORMAT", "VERSION", "dump_json", "to_csv", "to_graphml", "to_json"]
