"""Spread independent work over the machine's cores, in forked processes.

CI runners have two cores and Python runs one thread at a time, so `check` and `build`
hand their per-file or per-page work to forked workers. Forking shares what the parent
already holds (the org, the settings, the graph) without pickling it; only the items and
the results cross between processes, so both should be small.

Where fork is unavailable (Windows, macOS defaults) or one job is asked for, the work runs
here, in order, with the same results. So it does when this process runs other threads
(`okrsite serve`: MkDocs' web server and file watcher): a forked child gets only the
calling thread, and a lock another thread held at the fork stays locked in the child
forever, so fork is only safe in a single-threaded process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

# multiprocessing and concurrent.futures are imported when work is forked: a warm
# `okrsite check` forks nothing, and they would be a tenth of its start-up time.

JOBS_ENV = "OKRSITE_JOBS"

T = TypeVar("T")
R = TypeVar("R")

# The function the workers call: set before they fork, so it need not be picklable.
_work: Callable[[Any], Any] | None = None


def available_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(requested: int | None = None) -> int:
    """How many processes to use: as asked, else $OKRSITE_JOBS, else one per core."""
    if requested is None:
        text = os.environ.get(JOBS_ENV, "")
        requested = int(text) if text.strip().isdigit() else 0
    return requested if requested >= 1 else available_cores()


def can_fork() -> bool:
    """Fork is available and safe: no other thread runs here (see the module's doc)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)


def fork_map(work: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """`[work(item) for item in items]`, spread over `jobs` forked processes.

    Results come back in the order of `items`. An exception in a worker is raised here;
    a worker that dies (killed, out of memory) raises BrokenProcessPool rather than hang.
    """
    global _work
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        return [work(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _work = work
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(items)), mp_context=context) as pool:
            return list(pool.map(_call, items))
    finally:
        _work = None


def chunks(items: Sequence[T], jobs: int, per_job: int = 4) -> list[Sequence[T]]:
    """`items` cut into about `jobs * per_job` runs in order: enough to even out the load,
    few enough that each crossing between processes carries plenty of work."""
    if not items:
        return []
    count = min(len(items), jobs * per_job)
    size = -(-len(items) // count)
    return [items[start : start + size] for start in range(0, len(items), size)]
