"""Attacks on the verdict, graded by the batch grader on a chapter whose tests run in the examiner (chapter 1).

Each submission is chapter 1's pristine release (which scores 0) with one cell added before the answers (the
examiner's tamper corpus, tests/tamper/examiner_attacks.py, with what each must get): the attacks
that scored full marks while the tests ran inside the learner's kernel (issue 27) — a thread that rewrites the
agent's reply while it is made, the same from a SIGPROF handler and from an audit hook's tracer, rebinding names in
the agent's globals (and replacing its operations), replacing the kernel session's serializer — and a spy that
records every text the kernel compiles and every request it answers, then leaks what it saw as printed lines and as
exception names. Every attack must score 0 (its status: graded, tampered, or what became of its kernel), no
hidden-test line may reach the kernel,
any page or the learner's outputs, and the reference graded in the same batch keeps full marks.
"""

import json
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import decodings, grade

sys.path.insert(0, str(Path(__file__).resolve().parent / "tamper"))
from examiner_attacks import ATTACKS, EXPECTED, LEAK

from coursetools import notebook
from coursetools.course import chapters

pytestmark = pytest.mark.xdist_group("ch01_tensors")
CHAPTER = next(ch for ch in chapters() if ch.id == "ch01_tensors")


def _submission(attack: str | None) -> nbformat.NotebookNode:
    nb = notebook.read(CHAPTER.release if attack else CHAPTER.source)
    first_answer = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    if attack:
        nb.cells.insert(first_answer, nbformat.v4.new_code_cell(ATTACKS[attack]))
        nb.cells.append(nbformat.v4.new_code_cell(LEAK))
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("examiner-attacks")
    folder = base / "submissions"
    folder.mkdir()
    for name in [*ATTACKS, None]:
        nbformat.write(_submission(name), folder / f"{name or 'reference'}.ipynb")
    course = base / "course"
    report = grade(folder, course, workers=2, target=CHAPTER.source,
                   limits={"cell_timeout": 60.0, "notebook_timeout": 300.0, "memory": 4 << 30})
    return {"report": report, "course": course}


def test_the_chapter_is_graded_by_the_examiner():
    assert notebook.read(CHAPTER.source).metadata["autograder"] == {"examiner": True}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_on_the_verdict_scores_nothing(attacked, attack):
    outcome = attacked["report"].outcomes[attack]
    # what matters is the score; the status says what happened to the kernel (tests/tamper/examiner_attacks.py)
    assert outcome.status in EXPECTED[attack]["statuses"], (outcome.status, outcome.reason)
    assert outcome.score == EXPECTED[attack]["score"], {gid: (t.score, t.message) for gid, t in outcome.tests.items()}


def test_the_reference_beside_the_attacks_keeps_full_marks(attacked):
    outcome = attacked["report"].outcomes["reference"]
    assert (outcome.status, outcome.score) == ("graded", outcome.max_score), outcome.reason


def _hidden_lines() -> list[str]:
    blocks = notebook.hidden_test_blocks(notebook.read(CHAPTER.source))
    return [line.strip() for block in blocks for line in block.splitlines()
            if len(line.strip()) >= 10 and not line.strip().startswith("###")]


def test_no_hidden_test_line_reaches_the_kernel_or_any_page(attacked):
    hidden = _hidden_lines()
    assert len(hidden) >= 5
    course = attacked["course"]
    spied = notebook.read(course / "autograded" / "spy_and_leak" / CHAPTER.id / f"{CHAPTER.id}.ipynb")
    seen = json.dumps([o for c in spied.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")
                       for o in c.get("outputs", [])])
    # the spy worked: it saw the kernel helper's text (visible code) and the examiner's requests
    assert "_ex3_kernel_variable" in seen and "'op': 'call'" in seen
    pages = sorted((course / "feedback").rglob("*.html"))
    assert len(pages) == len(ATTACKS) + 1
    for text, where in [(seen, "what the spy saw"), *((p.read_text(), p.parent.parent.name) for p in pages)]:
        leaked = [line for line in hidden if any(line in decoded for decoded in decodings(text))]
        assert not leaked, f"{where}: hidden lines {leaked[:3]}"
