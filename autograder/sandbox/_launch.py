"""Start a kernel under resource limits; run as `python -I -S _launch.py SPEC.json` (standard library only).

The spec (written by autograder.sandbox.sandbox) says which cgroup to join, which rlimits to set, and what to exec:
bwrap wrapping the kernel, or the kernel itself when bubblewrap is not available. Limits set here are
inherited by everything the kernel starts.
"""

import json
import os
import resource
import sys

LIMITS = {
    "as": resource.RLIMIT_AS,
    "fsize": resource.RLIMIT_FSIZE,
    "nofile": resource.RLIMIT_NOFILE,
    "nproc": resource.RLIMIT_NPROC,
    "cpu": resource.RLIMIT_CPU,
    "core": resource.RLIMIT_CORE,
}


def main() -> None:
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    for path in spec.get("cgroups", []):
        with open(os.path.join(path, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))
    for name, value in spec.get("rlimits", {}).items():
        _, hard = resource.getrlimit(LIMITS[name])
        value = int(value)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(LIMITS[name], (value, value))
    if spec.get("cwd"):
        os.chdir(spec["cwd"])
    argv = spec["argv"]
    env = spec.get("env")
    if env is None:
        os.execv(argv[0], argv)
    os.execve(argv[0], argv, env)


if __name__ == "__main__":
    main()
