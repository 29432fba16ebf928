"""Per-cell time limits that fit the chapter, derived from the reference solution's own run.

    limits = reference_limits(source, plan, mode, limits, datasets, threads, cache_dir, stream=sys.stderr)

The instructor's notebook (the reference solution) is run once, in fast mode, in the same sandbox and with
the same preamble as a submission; each code cell's time is measured. A submission's cell then gets
`factor` × the reference time of the same cell (matched by grade_id, else by cell id), at least `floor` and at
most `ceiling` seconds (the fixed --cell-timeout a batch would otherwise use); cells the reference does not
have (a learner's own) get the largest of those limits. So an endless loop costs seconds, not minutes, and a
slow honest answer is not cut off. The measurement is cached in the course folder, keyed by everything it
depends on (the cells, the sandbox, threads, Python), so a batch measures once and later batches reuse it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import nbformat

from autograder.runner import plan as planmod
from autograder.sandbox.limits import Limits

FACTOR = 10.0
FLOOR = 20.0
CACHE_VERSION = 1


def derive(seconds: dict[str, float], factor: float = FACTOR, floor: float = FLOOR,
           ceiling: float = 300.0) -> dict[str, float]:
    """{cell key: limit}: factor × the reference time, within [floor, ceiling]; '*' for unknown cells."""
    floor = min(floor, ceiling)
    limits = {key: round(min(ceiling, max(floor, factor * s)), 1) for key, s in seconds.items()}
    limits["*"] = max(limits.values(), default=floor)
    return limits


def rule(factor: float = FACTOR, floor: float = FLOOR, ceiling: float = 300.0) -> str:
    return (f"this cell's limit: {factor:g}× the reference solution's time for it, at least {floor:g} s, "
            f"at most {ceiling:g} s")


def reference_cells(source: Path, plan: planmod.Plan) -> list[planmod.RunCell]:
    """The instructor's notebook assembled like a submission: the code cells a perfect answer runs (a test's helpers
    cell runs as part of its test)."""
    nb = nbformat.read(str(source), as_version=4)
    cells, _ = planmod.assemble(nb, plan)
    return [c for c in cells if c.cell_type == "code" and c.source.strip() and c.role != "helpers"]


def cell_key(cell) -> str | None:
    return cell.grade_id or cell.id


def measure(cells: list[planmod.RunCell], plan: planmod.Plan, mode, limits: Limits, datasets: dict,
            threads: int | None) -> dict[str, float]:
    """Run the cells in a fresh sandboxed kernel (after the grading preamble); seconds per cell key.
    Raises RuntimeError when the reference does not run through (timeout, dead kernel)."""
    from autograder.runner.worker import warm_kernel

    key = json.dumps(["reference", time.time_ns()])
    warm = warm_kernel(key, mode, limits, datasets, threads, plan.watch_spec(), plan.imports, background=False)
    seconds: dict[str, float] = {}
    try:
        if warm.error is not None:
            raise RuntimeError(f"the reference kernel did not start: {warm.error}")
        for cell in cells:
            result = warm.session.execute(cell.source, timeout=limits.cell_timeout)
            if result.status in ("timeout", "dead"):
                raise RuntimeError(f"the reference solution's cell {cell_key(cell) or '?'} did not finish "
                                   f"({result.status})")
            k = cell_key(cell)
            if k:
                seconds[k] = round(seconds.get(k, 0.0) + result.seconds, 3)
    finally:
        warm.session.shutdown()
    return seconds


def _cache_key(cells, plan: planmod.Plan, mode, threads, limits: Limits) -> str:
    payload = json.dumps([CACHE_VERSION, [(cell_key(c), c.source) for c in cells], plan.imports, mode.name,
                          threads, limits.memory, sys.version], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def reference_seconds(source: Path, plan: planmod.Plan, mode, limits: Limits, datasets: dict,
                      threads: int | None, cache_dir: Path | None, measure_fn=measure) -> tuple[dict, str]:
    """({cell key: seconds}, where they come from: 'measured' or the cache file)."""
    cells = reference_cells(source, plan)
    key = _cache_key(cells, plan, mode, threads, limits)
    path = Path(cache_dir) / f"timings-{plan.assignment}.json" if cache_dir else None
    if path is not None and path.exists():
        try:
            cached = json.loads(path.read_text())
            if cached.get("key") == key:
                return {k: float(v) for k, v in cached["seconds"].items()}, str(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
    seconds = measure_fn(cells, plan, mode, limits, datasets, threads)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps({"key": key, "assignment": plan.assignment, "seconds": seconds},
                                      indent=1, sort_keys=True))
            tmp.replace(path)
        except OSError:
            pass
    return seconds, "measured"


def reference_limits(source: Path, plan: planmod.Plan, mode, limits: Limits, datasets: dict, threads: int | None,
                     cache_dir: Path | None, *, factor: float = FACTOR, floor: float = FLOOR, stream=None,
                     measure_fn=measure) -> Limits:
    """`limits` with per-cell timeouts from the reference run; unchanged (with a note) if it cannot run."""
    ceiling = limits.cell_timeout
    try:
        seconds, origin = reference_seconds(source, plan, mode, limits, datasets, threads, cache_dir, measure_fn)
    except Exception as err:  # noqa: BLE001 - grading goes on with the fixed limit
        if stream is not None:
            print(f"NOTE: per-cell time limits could not be derived from the reference solution ({err}); "
                  f"every cell gets {ceiling:g} s.", file=stream)
        return limits
    per_cell = derive(seconds, factor, floor, ceiling)
    if stream is not None:
        slowest = max(seconds, key=seconds.get, default=None)
        where = "measured now" if origin == "measured" else f"cached in {origin}"
        slow = f"; slowest cell {slowest}: {seconds[slowest]:.1f} s -> {per_cell[slowest]:g} s" if slowest else ""
        print(f"per-cell time limits: {factor:g}x the reference solution's time in fast mode, at least {floor:g} s, "
              f"at most {ceiling:g} s (reference run {sum(seconds.values()):.1f} s, {where}{slow})", file=stream)
    return replace(limits, cell_timeouts=per_cell, timing_rule=rule(factor, floor, ceiling))
