"""Which sandbox this machine gives kernels (`detect()`, once per process): bubblewrap or resource limits only, and
how processes, memory, the submission's folder and CPU are limited here; what cannot be enforced is said once."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from functools import cache

from autograder.sandbox import cgroups
from autograder.sandbox.bwrap import bwrap_works
from autograder.sandbox.tmpfs import can_mount


@dataclass(frozen=True)
class Mode:
    name: str                   # "bwrap" or "rlimit"
    procs: str                  # "cgroup-v2", "cgroup-v1", "rlimit" or "none"
    warning: str | None = None
    memory: str = "rlimit"      # "cgroup-v2", "cgroup-v1" (per submission) or "rlimit" (per process)
    disk: str = "per-file"      # "tmpfs" (the submission's folder is a sized tmpfs) or "per-file"
    cpu: str = "none"           # "cgroup-v2", "cgroup-v1" (a CPU quota and an equal share per submission) or "none"

    def describe(self) -> str:
        what = {"bwrap": "bubblewrap (own file system view, no network, uid 65534)",
                "rlimit": "resource limits only"}[self.name]
        procs = {"none": "no process limit"}.get(self.procs, f"process limit via {self.procs}")
        memory = (f"memory limit per submission via {self.memory}" if self.memory != "rlimit"
                  else "memory limit per process only (RLIMIT_AS)")
        disk = ("size-limited file systems" if self.disk == "tmpfs"
                else "the submission's folder limited per file only (RLIMIT_FSIZE)")
        cpu = f"CPU quota per submission via {self.cpu}" if self.cpu != "none" else "no CPU quota"
        return f"{what}; {procs}; {memory}; {disk}; {cpu}"


def resource_warning(memory: str, disk: str, name: str, cpu: str) -> str | None:
    """What the limits cannot enforce on this machine, said once per batch."""
    missing = []
    if memory == "rlimit":
        missing.append("memory is limited per process (--memory as an address-space limit), not per submission: "
                       "several processes of one submission may together use more (no memory cgroup can be "
                       "created here: that needs root on cgroup v1, or a delegated cgroup v2 with the memory "
                       "controller)")
    if disk != "tmpfs":
        where = "the submission's folder (/home/student)" if name == "bwrap" else "the submission's folder"
        missing.append(f"{where} is limited per file (--max-file-size), not in total (mounting a size-limited "
                       "tmpfs for it needs root)")
    if cpu == "none":
        missing.append("processors are not shared out per submission: one that starts many busy processes slows "
                       "the submissions graded beside it (a cpu cgroup needs root on cgroup v1, or a delegated "
                       "cgroup v2 with the cpu controller)")
    return ("NOTE: " + "; ".join(missing) + ".") if missing else None


def _rlimit_only(reason: str, procs: str, memory: str, disk: str, cpu: str) -> Mode:
    warning = (f"WARNING: {reason}; kernels run with resource limits only (own process group, private "
               "working and temporary folder). Student code can read files this account can read and use "
               "the network. Install bubblewrap (`make autograder-deps`) on a machine that allows user "
               "namespaces for full isolation.")
    if procs == "none":
        warning += " No process limit either: the grader runs as root and cannot create a pids cgroup."
    note = resource_warning(memory, disk, "rlimit", cpu)
    return Mode("rlimit", procs, f"{warning}\n{note}" if note else warning, memory, disk, cpu)


@cache
def detect(requested: str = "auto") -> Mode:
    """The sandbox this process can give kernels. `requested`: auto, bwrap (required) or rlimit."""
    if requested not in ("auto", "bwrap", "rlimit"):
        raise ValueError(f"unknown sandbox {requested!r}: use auto, bwrap or rlimit")
    cg = cgroups.pids_kind()
    procs = cg[0] if cg else ("rlimit" if os.geteuid() != 0 else "none")
    mem = cgroups.memory_kind()
    memory = mem[0] if mem else "rlimit"
    disk = "tmpfs" if can_mount() else "per-file"
    cpu = (cgroups.cpu_kind() or ("none",))[0]
    why = None if requested == "rlimit" else bwrap_works()
    if requested == "bwrap" and why:
        raise RuntimeError(f"--sandbox bwrap was requested but {why}")
    if requested == "rlimit" or why:
        return _rlimit_only("--sandbox rlimit was requested" if requested == "rlimit" else why,
                            procs, memory, disk, cpu)
    warnings = []
    if procs == "none":
        warnings.append("WARNING: no process limit: the grader runs as root and cannot create a pids cgroup here.")
    note = resource_warning(memory, disk, "bwrap", cpu)
    if note:
        warnings.append(note)
    return Mode("bwrap", procs, "\n".join(warnings) or None, memory, disk, cpu)


def describe(mode: Mode) -> dict:
    return asdict(mode)
