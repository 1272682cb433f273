"""fork_map gives the serial results, in order, whatever the number of jobs."""

from __future__ import annotations

import os
import threading
from concurrent.futures.process import BrokenProcessPool

import pytest

from okrsite_gen.parallel import chunks, fork_map, job_count


def test_results_match_the_serial_map_in_order() -> None:
    offset = 7  # a closure: workers inherit it by fork, nothing pickles it
    items = list(range(50))
    results = fork_map(lambda n: n * n + offset, items, 2)
    assert results == [n * n + offset for n in items]


def test_work_runs_in_other_processes_when_jobs_above_one() -> None:
    pids = set(fork_map(lambda _: os.getpid(), list(range(20)), 2))
    assert os.getpid() not in pids


def test_one_job_runs_here() -> None:
    assert fork_map(lambda _: os.getpid(), [1, 2, 3], 1) == [os.getpid()] * 3


def test_a_worker_exception_is_raised_in_the_caller() -> None:
    def fail(n: int) -> int:
        if n == 3:
            raise ValueError("bad item 3")
        return n

    with pytest.raises(ValueError, match="bad item 3"):
        fork_map(fail, list(range(6)), 2)


def test_a_dying_worker_raises_instead_of_hanging() -> None:
    with pytest.raises(BrokenProcessPool):
        fork_map(lambda n: os._exit(1) if n == 2 else n, list(range(4)), 2)


def test_chunks_keep_order_and_cover_every_item() -> None:
    items = list(range(103))
    parts = chunks(items, 2)
    assert [n for part in parts for n in part] == items
    assert len(parts) == 8
    assert chunks([], 2) == []


def test_job_count_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRSITE_JOBS", "3")
    assert job_count() == 3
    assert job_count(1) == 1
    monkeypatch.setenv("OKRSITE_JOBS", "")
    assert job_count() >= 1


def test_no_fork_while_another_thread_runs() -> None:
    """A forked child would inherit locks other threads hold (serve's server thread)."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert set(fork_map(lambda _: os.getpid(), list(range(8)), 2)) == {os.getpid()}
    finally:
        stop.set()
        thread.join()
