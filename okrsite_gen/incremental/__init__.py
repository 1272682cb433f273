"""`okrsite check` file by file: per-file results cached by content, the rest in parallel.

- judge.py: one file's bytes -> its problems (load, schema, per-file rules) and outline;
- cache.py: those results kept between runs, keyed by each file's content;
- run.py: discover, reuse what the cache holds, judge the rest on every core, then run
  the cross-file rules over all outlines.
"""
