"""The limits one submission runs under (`Limits`), the rlimits its kernel gets, and sizes in words.

Where each is enforced: rlimits by the launcher (`_launch.py`) or the zygote; processes, memory and CPU per
submission by its cgroups (`cgroups.py`); the sizes of the file systems it may write by bubblewrap's tmpfs
(`bwrap.py`) and the grader's own (`tmpfs.py`); times and output by the runner (autograder/runner/kernel.py and
channels.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str | int) -> int:
    """'512M', '8G', '1048576' -> bytes."""
    if isinstance(text, int):
        return text
    s = str(text).strip().upper().removesuffix("B").removesuffix("I")
    unit = s[-1] if s and s[-1] in SIZE_UNITS else ""
    return int(float(s[: len(s) - len(unit)]) * SIZE_UNITS[unit])


def human_size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:g} {unit}" if unit == "B" else f"{n:.1f} {unit}".replace(".0 ", " ")
        n /= 1024
    return str(n)


@dataclass
class Limits:
    cell_timeout: float = 300.0          # seconds per cell
    notebook_timeout: float = 1800.0     # seconds for the whole notebook
    memory: int = 8 << 30                # address space of the kernel (RLIMIT_AS)
    max_output: int = 1 << 20            # bytes of output kept per cell
    max_notebook_output: int = 16 << 20  # bytes of output kept per notebook
    max_file_size: int = 256 << 20       # largest file the kernel may write (RLIMIT_FSIZE)
    max_procs: int = 512                 # processes + threads (pids cgroup, or RLIMIT_NPROC)
    cpus: float | None = None            # cores the submission's processes may use together (cpu cgroup quota);
    #                                      None: its kernel's threads + 1 (headroom for TensorFlow's own threads)
    tmp_size: int = 1 << 30              # private /tmp (bwrap tmpfs)
    shm_size: int = 256 << 20            # /dev/shm (bwrap tmpfs)
    home_size: int = 1 << 30             # the submission's folder, /home/student (a tmpfs mounted by the grader)
    startup_timeout: float = 120.0
    # Per-cell time limits derived from the reference solution's run (autograder.runner.timing): key -> seconds,
    # where the key is a cell's grade_id or cell id, and "*" the limit of cells the reference does not have.
    # Empty: every cell gets `cell_timeout`.
    cell_timeouts: dict = field(default_factory=dict)
    timing_rule: str = ""                # how cell_timeouts were derived, for messages

    @classmethod
    def from_dict(cls, d: dict) -> Limits:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    def max_message(self) -> int:
        """Largest kernel message the grader reads: one above it is dropped unread (autograder/runner/channels.py)."""
        return self.max_notebook_output + (1 << 20)

    def timeout_for(self, cell) -> float:
        """Seconds `cell` (anything with grade_id and id) may run."""
        if not self.cell_timeouts:
            return self.cell_timeout
        for key in (getattr(cell, "grade_id", None), getattr(cell, "id", None)):
            if key and key in self.cell_timeouts:
                return float(self.cell_timeouts[key])
        return float(self.cell_timeouts.get("*", self.cell_timeout))

    def timeout_text(self, cell) -> str:
        """'20 s' or '20 s (the limit for this cell: ...)' for timeout messages."""
        text = f"{self.timeout_for(cell):.0f} s"
        return f"{text} ({self.timing_rule})" if self.cell_timeouts and self.timing_rule else text

    def cpu_quota(self, threads: int | None) -> float:
        """Cores the submission's processes may use together (a kernel of `threads` threads)."""
        return self.cpus or float((threads or os.cpu_count() or 1) + 1)

    def rlimits(self, cap_processes: bool) -> dict[str, int]:
        """The kernel's rlimits (_launch.py's names); `cap_processes`: RLIMIT_NPROC too, where no pids cgroup
        caps them (it counts every process of this uid, so the cap is on top of those already running)."""
        out = {"as": self.memory, "fsize": self.max_file_size, "nofile": 4096, "core": 0,
               "cpu": int(self.notebook_timeout * max(2, os.cpu_count() or 2) + 60)}
        if cap_processes:
            out["nproc"] = _count_own_processes() + self.max_procs
        return out


def _count_own_processes() -> int:
    uid, n = os.getuid(), 0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.stat(f"/proc/{pid}").st_uid == uid:
                    n += len(os.listdir(f"/proc/{pid}/task"))
            except OSError:
                pass
    return n
