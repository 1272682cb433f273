"""Whatever a repository holds, `check` answers with rule-coded problems, each pointing at a
file of the repository and a line in it, and never raises.

The repositories are the valid company broken at random (see strategies.py), read from
memory (`MemorySource`, as `okrsite diff` reads a git revision) and from files on disk (as
`okrsite check` reads a checkout, odd file names included). The number of inputs is in
SECURITY.md; `OKRSITE_FUZZ_SCALE=10` tries ten times as many.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from okrsite_gen.load.source import MemorySource
from okrsite_gen.model import Problem
from okrsite_gen.pipeline import check_repo, check_source
from okrsite_gen.report import FORMATS, as_text, format_problems
from okrsite_gen.validate.registry import RULES
from tests.conftest import TODAY, assert_check_command_agrees
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.strategies import CONFIG, ORG_PATH, company_repos, name_segments

ROOT = Path("/nonexistent/repo")  # a MemorySource reads nothing from disk


def assert_well_formed(problems: list[Problem], files: set[str]) -> None:
    """Every problem is rule-coded and points into the repository at a line >= 1."""
    for problem in problems:
        assert problem.rule in RULES, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.file == CONFIG or problem.file.startswith("content/"), problem
        assert problem.file in files or problem.file in ("content/", ORG_PATH, CONFIG), problem
        assert ".." not in problem.file.split("/"), problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert isinstance(problem.col, int) and problem.col >= 1, problem
        assert problem.message.strip(), problem
        line = as_text(problem)
        assert "\n" not in line and "\r" not in line and "\x1b" not in line, line


@fuzz_settings(max_examples=2500)
@given(files=company_repos())
def test_any_repository_in_memory_gets_problems_never_an_exception(
    files: dict[str, bytes],
) -> None:
    checked = check_source(MemorySource(files), TODAY, ROOT)
    assert_well_formed(checked.problems, set(files))
    for output_format in FORMATS:  # and every report of them can be printed as UTF-8
        format_problems(checked, output_format).encode("utf-8")


def _write(root: Path, files: dict[str, bytes]) -> set[str]:
    """Write `files` under `root`; the names the file system took (some it refuses)."""
    written = set()
    for rel, data in files.items():
        path = root / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except (OSError, ValueError):  # a name too long, a file where a folder is...
            continue
        written.add(rel)
    return written


# Names as bytes, not all UTF-8: a checkout on Linux may hold any of them.
raw_names = st.one_of(
    name_segments.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b),
).filter(lambda b: b not in (b".", b".."))


@fuzz_settings(max_examples=250)
@given(
    files=company_repos(),
    odd=st.lists(st.tuples(raw_names, st.sampled_from([b".md", b".yaml", b""])), max_size=3),
)
def test_any_checkout_on_disk_gets_problems_never_an_exception(
    tmp_path_factory, files: dict[str, bytes], odd: list[tuple[bytes, bytes]]
) -> None:
    root = tmp_path_factory.mktemp("repo")
    written = _write(root, files)
    folder = root / "content" / "okrs" / "2026-Q4"
    folder.mkdir(parents=True, exist_ok=True)
    for name, suffix in odd:
        try:
            with open(os.fsencode(folder) + b"/" + name + suffix, "wb") as handle:
                handle.write(b"---\ntitle: Odd name\nowner: bob\n---\n")
        except OSError:
            continue
        # How a problem names it: as written, or with the bytes that are not UTF-8 escaped.
        written.add("content/okrs/2026-Q4/" + (name + suffix).decode("utf-8", "backslashreplace"))
    checked = check_repo(root, TODAY)
    assert_well_formed(checked.problems, written)
    assert_check_command_agrees(checked, root, TODAY, None)
    for output_format in FORMATS:
        format_problems(checked, output_format).encode("utf-8")
