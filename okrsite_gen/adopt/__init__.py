"""Adopting okrsite: start a company repository, bring OKRs in from a spreadsheet.

`scaffold` writes a new repository that passes `check` and builds; `importer` turns rows
of a CSV (the layout `okrsite export --format csv` writes, or a hand-kept sheet) into
objective files, through `documents`, the fields a file holds.
"""
