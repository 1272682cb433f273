"""Resource limits and what may be read: every [limits] setting of okrsite.toml bounds the
work a hostile file can cause, with a clear rule-coded problem; symbolic links (to files
or folders) never read anything outside content/; names and file kinds that cannot be read
are reported, never waited on.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from pathlib import Path

import pytest

from okrsite_gen.report import as_text
from tests.conftest import ORG, Company, problems_of, where

NEW_YAML = "content/okrs/2026-Q4/platform/refunds.yaml"
CONFIG = "okrsite.toml"


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: 9 levels of 9 aliases each expand to 9**9 (387 million) items."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in itertools.pairwise("abcdefghij"[: levels + 1]):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "title: Refunds\nowner: bob\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("where_", [NEW_YAML, ORG])
def test_an_alias_bomb_is_refused_in_well_under_a_second(company: Company, where_: str) -> None:
    files = {where_: billion_laughs()}
    started = time.perf_counter()
    result = company.check(files)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    too_complex = problems_of(result, "yaml-too-complex")
    assert [(p.file, p.line) for p in too_complex] == [(where_, 3)]
    assert "aliases" in too_complex[0].message


def test_max_yaml_nodes_bounds_alias_expansion(company: Company) -> None:
    # Three levels: 9 + 81 + 729 items, fine by default, over a limit of 500 nodes.
    small_bomb = billion_laughs(levels=2)
    assert problems_of(company.check({NEW_YAML: small_bomb}), "yaml-too-complex") == []
    result = company.check({CONFIG: "[limits]\nmax_yaml_nodes = 500\n", NEW_YAML: small_bomb})
    assert [p.file for p in problems_of(result, "yaml-too-complex")] == [NEW_YAML]


def test_max_yaml_depth_via_okrsite_toml(company: Company) -> None:
    nested = "title: Refunds\nowner: bob\ntags: " + "[" * 10 + "x" + "]" * 10 + "\n"
    assert problems_of(company.check({NEW_YAML: nested}), "yaml-too-complex") == []
    result = company.check({CONFIG: "[limits]\nmax_yaml_depth = 8\n", NEW_YAML: nested})
    assert where(problems_of(result, "yaml-too-complex")) == [("yaml-too-complex", NEW_YAML, 3, 15)]


def test_max_file_bytes_via_okrsite_toml(company: Company) -> None:
    text = "title: Refunds\nowner: bob\ndescription: " + "x" * 5_000 + "\n"
    assert problems_of(company.check({NEW_YAML: text}), "file-too-large") == []
    result = company.check({CONFIG: "[limits]\nmax_file_bytes = 4_096\n", NEW_YAML: text})
    assert [p.file for p in problems_of(result, "file-too-large")] == [NEW_YAML]


def test_max_files_via_okrsite_toml(company: Company) -> None:
    files = {
        f"content/okrs/2026-Q4/platform/many-{n}.md": f"---\ntitle: Goal {n}\nowner: bob\n---\n"
        for n in range(10)
    }
    result = company.check({**files, CONFIG: "[limits]\nmax_files = 12\n"})
    assert where(result.problems) == [("too-many-files", "content/", 1, 1)]
    assert "17 files" in result.problems[0].message
    assert result.repo.objectives == []  # nothing is read past the limit


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("max_files = nan", "whole number from 1"),
        ("max_files = inf", "whole number from 1"),
        ("max_file_bytes = -1", "whole number from 1"),
        ("max_yaml_depth = 0", "whole number from 1"),
        ("max_yaml_nodes = 2.5", "whole number from 1"),
    ],
)
def test_a_limit_cannot_be_switched_off_by_an_odd_number(
    company: Company, setting: str, says: str
) -> None:
    result = company.check({CONFIG: f"[limits]\n{setting}\n"})
    assert where(result.problems) == [("config-unknown", CONFIG, 2, 1)]
    assert says in result.problems[0].message
    assert result.settings.limits == type(result.settings.limits)()  # defaults still apply


# --- Symbolic links -----------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the repository with an objective file that must never be read."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "secret.md").write_text(
        "---\ntitle: Acquire Initech\nowner: bob\nthemes: [trust]\n---\n", encoding="utf-8"
    )
    return folder


def test_a_folder_link_out_of_content_is_refused_and_not_read(
    company: Company, outside: Path
) -> None:
    (company.root / "content/okrs/2026-Q4/shared").symlink_to(outside, target_is_directory=True)
    result = company.check()
    assert where(result.problems) == [("file-outside-content", "content/okrs/2026-Q4/shared", 1, 1)]
    assert "Initech" not in {o.title for o in result.repo.objectives}


def test_a_link_to_the_repository_root_is_refused(company: Company) -> None:
    (company.root / "content/comments/everything").symlink_to(company.root)
    result = company.check()
    assert where(result.problems) == [("file-outside-content", "content/comments/everything", 1, 1)]


def test_a_folder_link_inside_content_is_not_followed(company: Company) -> None:
    (company.root / "content/okrs/current").symlink_to("2026-Q4", target_is_directory=True)
    result = company.check()
    assert where(result.problems) == [("folder-link", "content/okrs/current", 1, 1)]
    assert result.problems[0].severity == "warning"
    assert len(result.repo.objectives) == 5  # each read once, at its real place


def test_a_folder_link_loop_ends(company: Company) -> None:
    (company.root / "content/okrs/2026-Q4/loop").symlink_to("..", target_is_directory=True)
    result = company.check()
    assert where(result.problems) == [("folder-link", "content/okrs/2026-Q4/loop", 1, 1)]


def test_a_file_link_chain_that_ends_outside_is_refused(company: Company, outside: Path) -> None:
    hop = company.root / "content/okrs/2026-Q4/platform/hop.md"
    hop.symlink_to(outside / "secret.md")
    (company.root / "content/okrs/2026-Q4/platform/alias.md").symlink_to("hop.md")
    result = company.check()
    assert [p.file for p in problems_of(result, "file-outside-content")] == [
        "content/okrs/2026-Q4/platform/alias.md",
        "content/okrs/2026-Q4/platform/hop.md",
    ]
    assert "Initech" not in {o.title for o in result.repo.objectives}


def test_org_yaml_linked_from_outside_is_refused(company: Company, outside: Path) -> None:
    (outside / "org.yaml").write_text((company.root / ORG).read_text(encoding="utf-8"))
    (company.root / ORG).unlink()
    (company.root / ORG).symlink_to(outside / "org.yaml")
    result = company.check()
    assert ("file-outside-content", ORG, 1, 1) in where(result.problems)
    assert result.repo.org is None


# --- Files that are not files, names that are not text ---------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_reported_not_waited_on(company: Company) -> None:
    os.mkfifo(company.root / "content/okrs/2026-Q4/platform/pipe.md")
    results = []
    reader = threading.Thread(target=lambda: results.append(company.check()), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "check waited on a pipe"
    assert where(results[0].problems) == [
        ("file-unreadable", "content/okrs/2026-Q4/platform/pipe.md", 1, 1)
    ]


def test_a_file_name_that_is_not_utf8_is_reported_printably(company: Company) -> None:
    folder = os.fsencode(company.root / "content/okrs/2026-Q4/platform")
    with open(folder + b"/caf\xe9.md", "wb") as handle:  # Latin-1 "café"
        handle.write(b"---\ntitle: Coffee\nowner: bob\n---\n")
    result = company.check()
    assert where(result.problems) == [
        ("file-encoding", "content/okrs/2026-Q4/platform/caf\\xe9.md", 1, 1)
    ]
    as_text(result.problems[0]).encode("utf-8")  # printable: no lone surrogate in it
    assert "Coffee" not in {o.title for o in result.repo.objectives}


@pytest.mark.parametrize("name", ["\udcff.md", "\ud800.md"], ids=["git-byte", "lone-surrogate"])
def test_a_revision_name_that_is_not_utf8_is_refused_like_on_disk(name: str) -> None:
    """A git revision's names are decoded with surrogateescape: one that is not UTF-8 is
    refused with file-encoding, as a folder walk refuses it, and the report prints."""
    from datetime import date

    from okrsite_gen.load.source import MemorySource
    from okrsite_gen.pipeline import check_source
    from okrsite_gen.report import FORMATS, format_problems

    rel = f"content/okrs/2026-Q4/{name}"
    checked = check_source(
        MemorySource({rel: b"---\ntitle: x\n---\n"}), date(2026, 11, 23), Path(".")
    )
    encoding = [p for p in checked.problems if p.rule == "file-encoding"]
    assert len(encoding) == 1 and encoding[0].file.startswith("content/okrs/2026-Q4/\\")
    assert checked.repo.objectives == []
    for output_format in FORMATS:
        format_problems(checked, output_format).encode("utf-8")
