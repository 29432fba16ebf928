"""Does a batch fit in this machine's memory? Workers × kernels per worker × memory limit per kernel. And how many
cores does each of several kernels side by side get (`core_share`, `thread_env`)?

    fit = fit_concurrency(workers=8, prewarm=True, memory=8 << 30, available=machine_memory())
    fit.workers, fit.prewarm, fit.message

Every kernel may use up to the memory limit (`--memory`), and each local worker keeps up to two kernels
alive (the one grading and, with prewarm, the next one). When that product exceeds the machine's memory,
the batch first stops prewarming (one kernel per worker), then runs fewer workers, and says so; when not even
one kernel fits, it refuses to start, saying which limit to lower.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

THREAD_VARS = ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")


def core_share(side_by_side: int) -> int:
    """The cores each of `side_by_side` processes running at once gets (at least one)."""
    return max(1, (os.cpu_count() or 1) // max(1, side_by_side))


def thread_env(side_by_side: int) -> dict[str, str]:
    """OpenMP and TensorFlow thread counts for a kernel that runs beside `side_by_side - 1` others, so that their
    thread pools do not fight over the same cores."""
    return dict.fromkeys(THREAD_VARS, str(core_share(side_by_side)))


def _human(n: float) -> str:
    return f"{n / (1 << 30):.1f} GiB".replace(".0 ", " ")


def _read_int(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    if not text or text == "max":
        return None
    try:
        return int(text)
    except ValueError:
        return None


def machine_memory() -> int | None:
    """Bytes of memory this process may use in total: the machine's RAM, or less when the grader itself runs
    in a memory cgroup with a lower limit (a container). None where it cannot be read."""
    total = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        pass
    if total is None:
        try:
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            return None
    # the grader's own cgroup limit (a container's), v2 then v1
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        hier, controllers, path = parts
        path = path.lstrip("/")
        if hier == "0" and controllers == "":
            limit = _read_int(Path("/sys/fs/cgroup") / path / "memory.max")
        elif "memory" in controllers.split(","):
            limit = _read_int(Path("/sys/fs/cgroup/memory") / path / "memory.limit_in_bytes")
        else:
            continue
        if limit and limit < total:
            total = limit
    return total


@dataclass
class Fit:
    workers: int
    prewarm: bool
    message: str | None = None      # what was lowered and why (None: the request fits as it is)
    refused: bool = False           # not even one kernel fits: do not start


def fit_concurrency(workers: int, prewarm: bool, memory: int, available: int | None) -> Fit:
    """The largest concurrency <= the request whose kernels × memory limit fits in `available` bytes."""
    workers = max(1, workers)
    kernels = 2 if prewarm else 1
    if not available or workers * kernels * memory <= available:
        return Fit(workers, prewarm)
    asked = (f"{workers} worker{'s' if workers != 1 else ''} × {kernels} kernel{'s' if kernels != 1 else ''} × "
             f"{_human(memory)} memory limit = {_human(workers * kernels * memory)}, more than this machine's "
             f"{_human(available)}")
    if memory > available:
        return Fit(workers, prewarm, f"error: {asked}; one kernel alone may use more than the machine has. "
                   f"Lower --memory (at most {_human(available)}).", refused=True)
    if prewarm and workers * memory <= available:
        return Fit(workers, False, f"{asked}: grading with {workers} worker{'s' if workers != 1 else ''} "
                   "without starting the next kernel ahead (--no-prewarm). Lower --memory to keep prewarming.")
    fitting = max(1, available // memory)
    return Fit(int(min(workers, fitting)), False,
               f"{asked}: grading with {min(workers, fitting)} worker{'s' if min(workers, fitting) != 1 else ''}, "
               "one kernel each. Lower --memory to grade more at once.")
