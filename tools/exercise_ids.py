"""Keep a record of every exercise, so that a changed exercise gets a new grade_id (docs/authoring.md, section 4).

    .venv/bin/python -m tools.exercise_ids                   record new exercises and retire removed ones
    .venv/bin/python -m tools.exercise_ids --reworded GRADE_ID   accept a new title wording for the same exercise

nbgrader keys a learner's grades and the gradebook by grade_id, and so does every record the course keeps of an
exercise (the threshold audit, right and wrong answers, the class report of an earlier term). An exercise whose task
changed under its old grade_id would mix two different exercises under one name. So `docs/exercise-ids.toml` holds,
per chapter, the fingerprint of each solution cell: its exercise's title (its points left out: a re-weighting keeps the
exercise) and the code given around the answer (the names and signatures the learner fills in). When that changes, the exercise is a new one and
needs new grade_ids; a removed grade_id is retired and never used again. tests/test_exercise_design.py checks both.
"""

import argparse
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursetools import notebook
from coursetools.course import Chapter, chapters

RECORD = ROOT / "docs" / "exercise-ids.toml"
HEADING = re.compile(r"^### Exercise (\d+) — (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Exercise:
    grade_id: str       # the solution cell's grade_id
    heading: str        # "Exercise N — title (P points)" as the chapter states it
    given: str          # the solution cell with the answer cut out: what the learner is handed

    @property
    def fingerprint(self) -> str:
        # the points may change (a re-weighting keeps the exercise, and nbgrader updates a grade's maximum)
        title = re.sub(r"\s*\(\d+ points?[^)]*\)\s*$", "", self.heading)
        text = f"{title}\n{self.given}".encode()
        return hashlib.sha256(text).hexdigest()[:16]


def exercises(ch: Chapter) -> list[Exercise]:
    """Every solution cell of the chapter with the heading of the exercise it answers (the last one above it)."""
    nb, heading, out = notebook.read(ch.source), {}, []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for number, title in HEADING.findall(cell.source):
                heading[f"ex{number}"] = f"Exercise {number} — {title.strip()}"
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            ex = notebook.exercise_of(meta["grade_id"])
            given = notebook.SOLUTION.sub("### BEGIN SOLUTION\n### END SOLUTION", cell.source)
            out.append(Exercise(meta["grade_id"], heading.get(ex, ""), given.strip()))
    return out


def read_record() -> dict[str, dict]:
    return tomllib.loads(RECORD.read_text()) if RECORD.exists() else {}


def problems(ch: Chapter, record: dict[str, dict]) -> list[str]:
    """What breaks the rule in this chapter: a changed exercise under an old grade_id, a retired grade_id reused."""
    kept = record.get(ch.id, {})
    retired = set(kept.get("retired", []))
    out = []
    for ex in exercises(ch):
        if ex.grade_id in retired:
            out.append(f"{ch.id}: {ex.grade_id} was retired (an earlier exercise of that name was removed or "
                       "changed): give this exercise a grade_id never used before")
        elif ex.grade_id not in kept:
            out.append(f"{ch.id}: {ex.grade_id} is a new exercise: record it with `python -m tools.exercise_ids`")
        elif kept[ex.grade_id] != ex.fingerprint:
            out.append(f"{ch.id}: {ex.grade_id} changed ({ex.heading!r} or the code given around its answer): a "
                       "changed exercise gets new grade_ids for its answer, helpers and test cells (exN_newslug...), "
                       "then `python -m tools.exercise_ids`; only a new wording of the same exercise's title is "
                       f"accepted with `python -m tools.exercise_ids --reworded {ex.grade_id}`")
    return out


def write_record(record: dict[str, dict]) -> None:
    lines = ["# Every exercise's fingerprint, written by `python -m tools.exercise_ids` (see that module): a changed",
             "# exercise gets new grade_ids; a retired grade_id is never used again. Do not edit by hand.", ""]
    for ch in chapters():
        kept = record.get(ch.id, {})
        lines.append(f"[{ch.id}]")
        lines += [f'{gid} = "{value}"' for gid, value in kept.items() if gid != "retired"]
        retired = sorted(set(kept.get("retired", [])))
        lines.append("retired = [" + ", ".join(f'"{gid}"' for gid in retired) + "]")
        lines.append("")
    RECORD.write_text("\n".join(lines))


def update(record: dict[str, dict], reworded: set[str]) -> list[str]:
    """Record new exercises, retire removed ones; refuse a changed one unless its id is in `reworded`."""
    refused = []
    for ch in chapters():
        kept = dict(record.get(ch.id, {}))
        retired = set(kept.pop("retired", []))
        current = {ex.grade_id: ex.fingerprint for ex in exercises(ch)}
        bad = [gid for gid, value in current.items()
               if gid in retired or (gid in kept and kept[gid] != value and gid not in reworded)]
        if bad:         # the chapter's problems, each worded once, for the exercises refused
            refused += [p for p in problems(ch, record) if any(p.startswith(f"{ch.id}: {gid} ") for gid in bad)]
        retired |= set(kept) - set(current)
        record[ch.id] = {**current, "retired": sorted(retired)}
    return refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reworded", nargs="*", default=[], help="grade_ids whose title wording changed, not the task")
    args = parser.parse_args()
    record = read_record()
    refused = update(record, set(args.reworded))
    if refused:
        sys.exit("nothing written:\n" + "\n".join(refused))
    write_record(record)
    print(f"recorded {sum(len(v) - 1 for v in record.values())} exercises in {RECORD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
