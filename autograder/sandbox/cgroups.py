"""One submission's cgroups: which hierarchies the grader may create children in (checked once), and per
submission a pids cgroup (processes + threads), a memory cgroup and a cpu cgroup (a quota, and an equal share with
its neighbours); whether one of their limits was hit, and killing and removing everything in them."""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
CPU_PERIOD = 100_000                # µs


def _cgroup_bases() -> list[tuple[str, Path]]:
    bases = []
    try:
        if "pids" in (CGROUP_ROOT / "cgroup.subtree_control").read_text().split():
            bases.append(("cgroup-v2", CGROUP_ROOT))
    except OSError:
        pass
    if (CGROUP_ROOT / "pids" / "cgroup.procs").exists():
        bases.append(("cgroup-v1", CGROUP_ROOT / "pids"))
    return bases


@cache
def pids_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a pids cgroup hierarchy we may create children in, or None."""
    for kind, base in _cgroup_bases():
        probe = base / f"autograder-probe-{uuid.uuid4().hex[:8]}"
        try:
            probe.mkdir()
            (probe / "pids.max").write_text("64")
            probe.rmdir()
            return kind, str(base)
        except OSError:
            try:
                probe.rmdir()
            except OSError:
                pass
    return None


@cache
def memory_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a memory cgroup hierarchy we may create children in and limit, or None."""
    return _controller_kind("memory", "memory", ("memory.max", "memory.limit_in_bytes"), str(256 << 20))


@cache
def cpu_kind() -> tuple[str, str] | None:
    """(kind, base folder) of a cpu cgroup hierarchy we may create children in and give a quota, or None."""
    return _controller_kind("cpu", "cpu", ("cpu.max", "cpu.cfs_quota_us"), None)


def _controller_kind(controller: str, v1_folder: str, limit_files: tuple[str, str],
                     probe_value: str | None) -> tuple[str, str] | None:
    """A cgroup hierarchy with `controller` where a child can be made and its limit file written (v2 first)."""
    candidates = []
    try:
        if controller in (CGROUP_ROOT / "cgroup.subtree_control").read_text().split():
            candidates.append(("cgroup-v2", CGROUP_ROOT, limit_files[0]))
    except OSError:
        pass
    if (CGROUP_ROOT / v1_folder / "cgroup.procs").exists():
        candidates.append(("cgroup-v1", CGROUP_ROOT / v1_folder, limit_files[1]))
    for kind, base, limit_file in candidates:
        probe = base / f"autograder-probe-{uuid.uuid4().hex[:8]}"
        try:
            probe.mkdir()
            value = probe_value or ("100000 100000" if kind == "cgroup-v2" else "100000")
            (probe / limit_file).write_text(value)
            return kind, str(base)
        except OSError:
            pass
        finally:
            try:
                probe.rmdir()
            except OSError:
                pass
    return None


@dataclass
class Cgroups:
    """The cgroups one submission's processes join (none where the grader may create none)."""

    pids: Path | None = None                      # pids cgroup (v2: also the memory cgroup)
    memory: Path | None = None
    cpu: Path | None = None                       # quota, and an equal share with its neighbours
    all: list[Path] = field(default_factory=list)  # every cgroup the kernel joins
    _oom_seen: int = 0
    _cpu_seen: tuple[int, int] = (0, 0)           # cpu.stat's (periods, throttled periods) at the last look

    @classmethod
    def make(cls, name: str, max_procs: int, memory: int, cpu_quota: float) -> Cgroups:
        """The cgroups called `name` in every hierarchy we may use, with these limits (`cpu_quota`: cores)."""
        groups = cls()
        groups._make_pids(name, max_procs)
        groups._make_memory(name, memory)
        groups._make_cpu(name, cpu_quota)
        return groups

    def _join(self, path: Path) -> None:
        if path not in self.all:
            self.all.append(path)

    def _make_pids(self, name: str, max_procs: int) -> None:
        kind = pids_kind()
        if not kind:
            return
        path = Path(kind[1]) / name
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(max_procs))
        except OSError:
            return
        self.pids = path
        self._join(path)

    def _make_memory(self, name: str, memory: int) -> None:
        mem = memory_kind()
        if not mem:
            return
        path, limit = Path(mem[1]) / name, str(memory)
        try:
            path.mkdir(exist_ok=path == self.pids)
            if mem[0] == "cgroup-v2":
                (path / "memory.max").write_text(limit)
                extra = [("memory.swap.max", "0")]
            else:
                (path / "memory.limit_in_bytes").write_text(limit)
                extra = [("memory.memsw.limit_in_bytes", limit), ("memory.swappiness", "0")]
        except OSError:
            return
        for file, value in extra:          # no escape into swap, where the kernel offers it
            try:
                (path / file).write_text(value)
            except OSError:
                pass
        self.memory = path
        self._join(path)

    def _make_cpu(self, name: str, cores: float) -> None:
        """A cgroup of its own in the cpu hierarchy: the scheduler shares the processors equally between
        submissions (however many processes each starts), and the quota caps what one may use."""
        cpu = cpu_kind()
        if not cpu:
            return
        path = Path(cpu[1]) / name
        quota = str(max(1_000, int(cores * CPU_PERIOD)))
        try:
            path.mkdir(exist_ok=path in self.all)
            if cpu[0] == "cgroup-v2":
                (path / "cpu.max").write_text(f"{quota} {CPU_PERIOD}")
            else:
                (path / "cpu.cfs_period_us").write_text(str(CPU_PERIOD))
                (path / "cpu.cfs_quota_us").write_text(quota)
        except OSError:
            return
        self.cpu = path
        self._join(path)

    # -- limits hit
    def pids_limit_hit(self) -> bool:
        if not self.pids:
            return False
        try:
            events = (self.pids / "pids.events").read_text()
        except OSError:
            return False
        return any(line.split()[-1] != "0" for line in events.splitlines() if line.startswith("max"))

    def memory_limit_hit(self) -> bool:
        """True when the memory cgroup killed a process for memory since the last call."""
        if self.memory is None:
            return False
        count = 0
        for file in ("memory.events", "memory.oom_control"):
            try:
                text = (self.memory / file).read_text()
            except OSError:
                continue
            for line in text.splitlines():
                if line.startswith("oom_kill "):
                    count = int(line.split()[1])
        new, self._oom_seen = count > self._oom_seen, max(count, self._oom_seen)
        return new

    def cpu_limit_hit(self) -> bool:
        """True when, since the last call, the quota held the submission back most of the time it ran (more than
        half of at least 10 periods of 0.1 s): it kept more processors busy than its share."""
        if self.cpu is None:
            return False
        try:
            stat = dict(line.split() for line in (self.cpu / "cpu.stat").read_text().splitlines())
            now = (int(stat["nr_periods"]), int(stat["nr_throttled"]))
        except (OSError, KeyError, ValueError):
            return False
        periods, throttled = now[0] - self._cpu_seen[0], now[1] - self._cpu_seen[1]
        self._cpu_seen = now
        return throttled >= 10 and throttled * 2 > periods

    # -- ending
    def kill(self) -> None:
        """SIGKILL every process in them, until they are empty (for about a second at most per cgroup)."""
        for cgroup in self.all:
            for _ in range(50):
                try:
                    pids = [int(p) for p in (cgroup / "cgroup.procs").read_text().split()]
                except OSError:
                    break
                if not pids:
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                time.sleep(0.02)

    def remove(self) -> None:
        """Remove them (an emptied cgroup may take a moment to be removable)."""
        for cgroup in self.all:
            for _ in range(50):
                try:
                    cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
