"""The tamper corpus (tests/tamper/*.ipynb): every manipulation gets the status it deserves and no extra points.

All submissions are graded in one batch with two workers; each notebook's metadata `tamper` holds the expected
status and score (see tests/tamper/build_corpus.py for what each one does).
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import TAMPER, decodings, grade, hashes, shared

from autograder.sandbox.mode import detect

pytestmark = pytest.mark.xdist_group("autograder-tamper")
CORPUS = sorted(TAMPER.glob("*.ipynb"))
MARKER = "pwned-by-write_outside"


def expectation(path: Path) -> dict:
    return json.loads(path.read_text())["metadata"]["tamper"]


@pytest.fixture(scope="session")
def corpus_batch(tmp_path_factory):
    return shared("autograder-tamper", tmp_path_factory, run_corpus)


def run_corpus(base: Path) -> dict:
    isolated = detect("auto").name == "bwrap"
    folder = base / "submissions"
    folder.mkdir()
    for path in CORPUS:
        if expectation(path).get("needs") == "isolation" and not isolated:
            continue                       # without bubblewrap these would really read/write the machine
        shutil.copy2(path, folder / path.name)
    course = base / "course"
    before = hashes(folder)
    fixtures_before = hashes(TAMPER.parent / "fixtures" / "mini")
    report = grade(folder, course, workers=2)
    return {"report": report, "folder": folder, "course": course, "before": before,
            "fixtures_before": fixtures_before, "isolated": isolated}


def test_corpus_covers_every_kind_of_tampering():
    names = {p.stem for p in CORPUS}
    for required in ("edit_test_cell", "delete_test_cell", "duplicate_test_cell", "retype_test_cell",
                     "change_metadata", "hide_errors_showtraceback", "hide_errors_excepthook", "blank_test_cells",
                     "always_equal", "patch_numpy", "patch_math_and_builtins", "patch_builtins",
                     "read_hidden_tests", "write_outside", "kill_kernel", "segfault_kernel",
                     "ast_transformer_shadow_exec", "event_callback_as_library", "exfiltrate_hidden_tests",
                     "patch_isclose_and_operator", "patch_defaults", "always_equal_library_module",
                     "hang_patched_builtin"):
        assert required in names, f"tests/tamper has no {required}.ipynb; run tests/tamper/build_corpus.py"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_tampering_gets_its_status_and_no_extra_points(path, corpus_batch):
    expected = expectation(path)
    if expected.get("needs") == "isolation" and not corpus_batch["isolated"]:
        pytest.skip("needs the bubblewrap sandbox (not available on this machine)")
    row = corpus_batch["report"].by_student(path.stem)
    assert (row["status"], float(row["score"])) == (expected["status"], expected["score"]), row["reason"]
    if row["status"] != "graded":
        assert row["reason"], "a non-graded status must say why"


def test_tampered_submissions_are_flagged_for_review_in_the_gradebook(corpus_batch):
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    report = corpus_batch["report"]
    with Gradebook(db_url(corpus_batch["course"]), course_id()) as gb:
        for row in report.rows:
            nb = gb.find_submission_notebook("mini", "mini", row["student"])
            assert nb.flagged == (row["status"] in ("tampered", "crashed")), row["student"]
            assert nb.score == float(row["score"]), row["student"]
            if row["status"] == "tampered":
                assert nb.needs_manual_grade, row["student"]


def test_nothing_outside_the_sandbox_was_touched(corpus_batch):
    if not corpus_batch["isolated"]:
        pytest.skip("needs the bubblewrap sandbox")
    assert hashes(corpus_batch["folder"]) == corpus_batch["before"], "a submission file was modified"
    assert hashes(TAMPER.parent / "fixtures" / "mini") == corpus_batch["fixtures_before"]
    repo = TAMPER.parents[1]
    found = [*corpus_batch["course"].rglob(MARKER), *corpus_batch["folder"].rglob(MARKER), *Path("/tmp").glob(MARKER),
             *repo.glob(MARKER), *(repo / "tests").rglob(MARKER), *(repo / "solutions").rglob(MARKER)]
    assert not found, f"write_outside left {found}"
    # deep_folders' chains lived in the grader's staging folders under the temporary folder: all removed
    # (find, not rglob: Python 3.11's walk recurses once per level)
    deep = subprocess.run(["find", tempfile.gettempdir(), "-name", "deep-chain-by-deep_folders"],
                          capture_output=True, text=True, check=False).stdout.split()
    assert not deep, f"deep_folders' nested folders were left on the host: {[p[:80] + '...' for p in deep]}"
    course = corpus_batch["course"]
    assert b"tampered" not in (course / "gradebook.db").read_bytes()[-64:]


def test_no_hidden_test_line_in_any_feedback_page(corpus_batch):
    from autograder_support import MINI

    from coursetools import notebook

    hidden = [line.strip() for block in notebook.hidden_test_blocks(notebook.read(MINI))
              for line in block.splitlines() if len(line.strip()) >= 10]
    assert hidden
    pages = sorted((corpus_batch["course"] / "feedback").rglob("*.html"))
    assert len(pages) >= len(CORPUS) - 2
    for page in pages:
        texts = decodings(page.read_text())
        for line in hidden:
            assert not any(line in text for text in texts), f"{page.parent.parent.name}: hidden line {line!r} leaked"
