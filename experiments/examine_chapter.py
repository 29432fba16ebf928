"""Grade a chapter's reference solution and pristine release with the batch grader; print each test's outcome.

    .venv/bin/python experiments/examine_chapter.py CHAPTER [--examiner | --agent]

`--examiner` runs the tests in the examiner (outside the learner's kernel) whatever the chapter's metadata says,
`--agent` inside the kernel; neither: as the metadata says. What a chapter's port to the examiner is checked
with before its metadata says `"autograder": {"examiner": true}` (docs/authoring.md, section 4).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["COURSE_FAST"] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from coursetools import notebook
from coursetools.course import chapters
from coursetools.scratch import ScratchCourse
from data.fixtures import seeded_caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--examiner", action="store_true")
    mode.add_argument("--agent", action="store_true")
    args = parser.parse_args()
    ch = next(c for c in chapters() if args.chapter in c.id)
    source = notebook.read(ch.source)
    if args.examiner or args.agent:
        source.metadata["autograder"] = {"examiner": bool(args.examiner)}
    with seeded_caches():
        course = ScratchCourse(ch, Path(tempfile.mkdtemp(prefix=f"examine-{ch.id}-")))
        for label, path in (("reference", ch.source), ("release", ch.release)):
            started = time.time()
            result = course.grade_sandboxed(label, path, source=source)
            print(f"== {ch.id} {label}: {result.score}/{result.max_score} in {time.time() - started:.1f} s", flush=True)
            for name, cell in result.cells.items():
                print(f"   {name}: {cell.score}/{cell.max_score} {str(cell.message or '')[:400]!r}", flush=True)


if __name__ == "__main__":
    main()
