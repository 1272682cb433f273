"""Changing a company's files safely: spreadsheet input, round-trip YAML edits, checked writes.

`cells` and `table` read what people type into spreadsheets and on command lines ("45%",
"1,200", a "Key Result" header); `yaml_text` edits YAML in place, byte for byte outside
the edit; `changes` checks a set of new file texts in a scratch copy of the repository
and writes them only when they bring no new error.
"""
