"""Start the audit's worker processes, as many side by side as the cores allow, and collect their records."""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from autograder.sandbox.resources import thread_env
from tools.threshold_audit.spec import Audit

ROOT = Path(__file__).resolve().parents[2]


WRONG_SEEDS = 3     # wrong answers only need to stay wrong; the reasonable grid gets every seed


def _jobs(audit: Audit, seeds: list[int], threads: list[int], chunks: int) -> list[dict]:
    """One job per thread count, kind of answer and chunk of answers (1-thread jobs split to fill every core)."""
    before = sorted({grade_id for a in audit.answers for grade_id in a.before})
    out = []
    for right, kind_seeds in ((True, seeds), (False, seeds[:WRONG_SEEDS])):
        answers = [asdict(a) for a in audit.answers if a.right == right]
        for count in threads:
            parts = max(1, min(chunks // count, len(answers)))
            for part in range(parts):
                chunk = answers[part::parts]
                if chunk:
                    out.append({"chapter": audit.chapter, "answer_cell": audit.answer_cell, "answers": chunk,
                                "before_cells": before, "seeds": kind_seeds, "threads": count})
    return out


def _start(job: dict, folder: Path, number: int) -> tuple[subprocess.Popen, Path, dict]:
    job_path, out_path = folder / f"job{number}.json", folder / f"records{number}.jsonl"
    job_path.write_text(json.dumps(job))
    env = {**os.environ, **thread_env_for(job["threads"]), "COURSE_FAST": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT)}
    with open(folder / f"job{number}.log", "w") as log:     # the worker keeps its own copy of the descriptor
        process = subprocess.Popen([sys.executable, "-m", "tools.threshold_audit.worker", str(job_path),
                                    str(out_path)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, out_path, job


def thread_env_for(threads: int) -> dict[str, str]:
    return {var: str(threads) for var in thread_env(1)}


def run(audits: list[Audit], seeds: list[int], threads: list[int], cores: int, progress=print,
        finished=lambda audit, records: None) -> list[dict]:
    """Every audit's answers over the seeds and thread counts; the records of every run. `finished(audit, records)`
    is called as soon as all of one audit's runs are in, so that a long audit keeps what it has done."""
    jobs = [job for audit in audits for job in _jobs(audit, seeds, threads, cores)]
    jobs.sort(key=lambda job: -job["threads"])            # the wide jobs first, the narrow ones fill the gaps
    pending = {audit.id: sum(1 for job in jobs if job["answer_cell"] == audit.answer_cell
                             and job["chapter"] == audit.chapter) for audit in audits}
    records: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="threshold-audit-") as tmp:
        folder, running, number, started = Path(tmp), [], 0, time.monotonic()
        while jobs or running:
            free = cores - sum(job["threads"] for *_, job in running)
            fit = next((job for job in jobs if job["threads"] <= free), None)
            if fit is not None:
                jobs.remove(fit)
                running.append(_start(fit, folder, number))
                number += 1
                continue
            time.sleep(0.5)
            for entry in [e for e in running if e[0].poll() is not None]:
                process, out_path, job = entry
                running.remove(entry)
                if process.returncode != 0:
                    log = (folder / f"job{out_path.stem.removeprefix('records')}.log").read_text()[-2000:]
                    raise SystemExit(f"audit worker for {job['chapter']}:{job['answer_cell']} failed:\n{log}")
                done = [json.loads(line) for line in out_path.read_text().splitlines()]
                for record in done:
                    record["chapter"], record["answer_cell"] = job["chapter"], job["answer_cell"]
                records.extend(done)
                audit = next(a for a in audits if (a.chapter, a.answer_cell) == (job["chapter"], job["answer_cell"]))
                pending[audit.id] -= 1
                if not pending[audit.id]:
                    finished(audit, [r for r in records if (r["chapter"], r["answer_cell"]) == (audit.chapter,
                                                                                                 audit.answer_cell)])
                progress(f"  {job['chapter']}:{job['answer_cell']} {len(done)} runs, {job['threads']} thread(s) "
                         f"[{time.monotonic() - started:.0f} s]")
    return records
