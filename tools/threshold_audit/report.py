"""From the runs' records to one row per threshold and call site: the figures against the threshold and margin."""

import platform
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

from coursetools import notebook
from coursetools.course import Chapter
from tools.threshold_audit.instrument import thresholds
from tools.threshold_audit.spec import Audit


@dataclass
class Spread:
    n: int
    min: float
    median: float
    max: float
    worst: str            # the answer nearest the wrong side of the threshold


@dataclass
class Row:
    chapter: str
    test: str
    constant: str
    threshold: float
    site: str             # "visible, line 52" or "hidden, line 60"
    margin: float
    right: Spread | None
    wrong: Spread | None
    right_distance: float | None      # how far the worst reasonable answer is from the threshold (>= margin)
    wrong_distance: float | None      # how far the best wrong figure at this site is from it (for reading only: a
                                      # wrong run must fail one of its sites, see Rejection)
    right_failures: list[str]         # right answers that failed another check of the test (must be empty)
    wrong_rejected_elsewhere: int     # wrong runs another check of the test rejects (they do not bind the threshold)
    ok: bool


def test_source(chapter: str, test_cell: str) -> str:
    """The code the test runs: its helpers cell, then the test cell (where the thresholds and their asserts are)."""
    return notebook.test_sources(notebook.read(Chapter(chapter, "").source))[test_cell]


def _spread(values: list[tuple[float, str]], minimum: bool) -> Spread | None:
    if not values:
        return None
    figures = [v for v, _ in values]
    worst = min(values)[1] if minimum else max(values)[1]
    return Spread(len(figures), min(figures), statistics.median(figures), max(figures), worst)


@dataclass
class Rejection:
    """How the wrong answers that pass every other check fare: each run must fail some threshold by the margin."""
    chapter: str
    test: str
    runs: int
    weakest: float | None          # the smallest, over wrong runs, of the largest amount by which a figure failed
    weakest_answer: str
    margin: float
    ok: bool


def _runs_of(audit: Audit, records: list[dict]) -> list[dict]:
    """The audit's runs of the answers it lists now (kept runs of a dropped answer no longer count)."""
    names = {a.name for a in audit.answers}
    return [r for r in records
            if (r["chapter"], r["answer_cell"]) == (audit.chapter, audit.answer_cell) and r["answer"] in names]


def _miss(constant: str, threshold: float, value: float) -> float:
    """How far a figure is on the failing side of its threshold (negative: it passes)."""
    return threshold - value if "_MIN_" in constant else value - threshold


def rejection(audit: Audit, records: list[dict]) -> Rejection:
    constants = thresholds(test_source(audit.chapter, audit.test_cell))
    runs = [r for r in _runs_of(audit, records) if not r["right"] and not r["error"]]
    misses = [(max((_miss(f["constant"], constants[f["constant"]], f["value"]) for f in r["figures"]),
                   default=float("-inf")), r["answer"]) for r in runs]
    weakest, answer = min(misses) if misses else (None, "")
    ok = weakest is None or weakest >= audit.margin - 1e-12
    return Rejection(audit.chapter, audit.test_cell, len(runs), weakest, answer, audit.margin, ok)


def rows(audit: Audit, records: list[dict]) -> list[Row]:
    constants = thresholds(test_source(audit.chapter, audit.test_cell))
    mine = _runs_of(audit, records)
    figures = defaultdict(lambda: {True: [], False: []})
    for record in mine:
        if not record["right"] and record["error"]:
            continue            # another check of the test rejects this wrong answer: the threshold need not
        for f in record["figures"]:
            site = f"{'hidden' if f['hidden'] else 'visible'}, line {f['line']}"
            figures[(f["constant"], site)][record["right"]].append((f["value"], record["answer"]))
    right_failures = sorted({f"{r['answer']}: {r['error']}" for r in mine if r["right"] and r["error"]})
    out = []
    for (constant, site), by_kind in sorted(figures.items()):
        minimum = "_MIN_" in constant
        threshold = constants[constant]
        right, wrong = _spread(by_kind[True], minimum), _spread(by_kind[False], not minimum)
        right_distance = None if right is None else (right.min - threshold if minimum else threshold - right.max)
        wrong_distance = None if wrong is None else (threshold - wrong.max if minimum else wrong.min - threshold)
        rejected = sum(1 for r in mine if not r["right"] and r["error"])
        ok = right_distance is not None and right_distance >= audit.margin - 1e-12 and not right_failures
        out.append(Row(audit.chapter, audit.test_cell, constant, threshold, site, audit.margin, right, wrong,
                       right_distance, wrong_distance, right_failures, rejected, ok))
    return out


def per_answer(records: list[dict]) -> dict[str, dict]:
    """Each answer's figures, by constant and site: min, median, max over seeds and thread counts."""
    out = defaultdict(lambda: defaultdict(list))
    for r in records:
        for f in r["figures"]:
            key = f"{r['chapter']}:{r['answer_cell']}_test {f['constant']} {'hidden' if f['hidden'] else 'visible'}"
            out[key][r["answer"]].append(f["value"])
    return {key: {name: [round(min(v), 4), round(statistics.median(v), 4), round(max(v), 4)]
                  for name, v in sorted(answers.items())} for key, answers in sorted(out.items())}


def machine() -> dict:
    import keras
    import numpy
    import tensorflow

    with open("/proc/cpuinfo") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                   platform.processor())
    return {"date": date.today().isoformat(), "cpu": cpu, "python": platform.python_version(),
            "tensorflow": tensorflow.__version__, "keras": keras.__version__, "numpy": numpy.__version__}


def as_json(all_rows: list[Row], rejections: list[Rejection], records: list[dict], seeds: int, threads: list[int],
            data: str) -> dict:
    return {"machine": machine(), "seeds": seeds, "threads": threads, "data": data,
            "rows": [asdict(row) for row in all_rows], "wrong": [asdict(r) for r in rejections],
            "answers": per_answer(records)}


def table(all_rows: list[Row]) -> str:
    """The audit as a text table: one line per threshold and call site."""
    def fmt(x):
        return "-" if x is None else f"{x:.3f}"
    lines = [(f"{'test':44s} {'site':18s} {'threshold':>9s} {'right min/med/max':>23s} {'wrong min/med/max':>23s} "
              f"{'margin':>6s} {'d_right':>7s} {'d_wrong':>7s}  verdict")]
    for r in all_rows:
        right = "-" if r.right is None else f"{r.right.min:.3f}/{r.right.median:.3f}/{r.right.max:.3f}"
        wrong = "-" if r.wrong is None else f"{r.wrong.min:.3f}/{r.wrong.median:.3f}/{r.wrong.max:.3f}"
        verdict = "ok" if r.ok else "RIGHT ANSWER FAILED" if r.right_failures else "TOO CLOSE"
        lines.append(f"{r.chapter[:4] + ' ' + r.test + ' ' + r.constant:44.44s} {r.site:18s} {r.threshold:9.3f} "
                     f"{right:>23s} {wrong:>23s} {r.margin:6.3f} {fmt(r.right_distance):>7s} "
                     f"{fmt(r.wrong_distance):>7s}  {verdict}")
        for failure in r.right_failures[:3]:
            lines.append(f"      right answer failed: {failure[:150]}")
    return "\n".join(lines)


def rejection_table(rejections: list[Rejection]) -> str:
    """Per test: every wrong run that passes the other checks must miss some threshold by the margin."""
    lines = [f"{'test':44s} {'wrong runs':>10s} {'weakest miss':>12s} {'margin':>6s}  verdict  (weakest answer)"]
    for r in rejections:
        weakest = "-" if r.weakest is None else f"{r.weakest:.3f}"
        lines.append(f"{r.chapter[:4] + ' ' + r.test:44.44s} {r.runs:10d} {weakest:>12s} {r.margin:6.3f}  "
                     f"{'ok' if r.ok else 'ACCEPTED'}  ({r.weakest_answer[:60]})")
    return "\n".join(lines)
