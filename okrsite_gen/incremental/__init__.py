"""Work not redone: `okrsite check` file by file, and `okrsite serve`'s pages between rebuilds.

For `okrsite check` (per-file results cached by content, the rest in parallel):

- judge.py: one file's bytes -> its problems (load, schema, per-file rules) and outline;
- cache.py: those results kept between runs, keyed by each file's content;
- run.py: discover, reuse what the cache holds, judge the rest on every core, then run
  the cross-file rules over all outlines.

For `okrsite serve` (kept in memory between rebuilds, see site.SiteMemo):
- reads.py: what a page read while it was made, and which of those reads an edit changed;
- page_memo.py: the pages of the last build, reused unless they read something changed;
- folder_stamp.py: whether the templates a build used changed since.
"""
