"""The class report (report-<chapter>.html): exact counts and shares for a batch with known answers.

One batch of the mini assignment (2 + 3 + 2 points): the reference answers, the pristine release, three wrong
answers (two of them failing ex1 with the same message but other numbers), a tampered notebook and an invalid
file. Then the page is rebuilt by `python -m autograder report` after a manual grade, and opened in Chromium.
"""

import io
import json
import shutil
import sys
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import MINI, TAMPER, grade, shared, submission, write

from autograder import cli
from autograder.reporting import report
from autograder.runner.notebook import HIDDEN
from coursetools import notebook

pytestmark = pytest.mark.xdist_group("autograder-report")
SCORES = {"alice": 7, "bob": 0, "carol": 5, "dave": 5, "erin": 4, "frank": 0}   # frank: tampered


def run_batch(base: Path) -> dict:
    folder = base / "submissions"
    write(submission(), folder / "alice.ipynb")
    write(submission(blank=["ex1_add", "ex2_mean", "ex3_hypotenuse"]), folder / "bob.ipynb")
    write(submission(wrong=["ex1_add"]), folder / "carol.ipynb")                      # add(1, 2) gives -1
    write(submission(replace={"ex1_add": "def add(a, b):\n    return a * b\n"}), folder / "dave.ipynb")   # gives 2
    write(submission(wrong=["ex2_mean"]), folder / "erin.ipynb")
    shutil.copy2(TAMPER / "always_equal.ipynb", folder / "frank.ipynb")
    (folder / "gina.ipynb").write_text("this is not a notebook")
    course = base / "course"
    result = grade(folder, course, workers=2)
    return {"course": course, "summary": result.class_summary, "page": result.page.read_text(),
            "record": json.loads((course / "results-mini.json").read_text())}


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    return shared("autograder-class-report", tmp_path_factory, run_batch)


def test_statuses_scores_and_timings(batch):
    stats = report.class_stats(batch["record"])
    assert stats.status_counts == {"graded": 5, "timeout": 0, "limit exceeded": 0, "crashed": 0, "tampered": 1,
                                   "invalid notebook": 1, "missing notebook": 0}
    assert (stats.submissions, stats.graded, stats.max_score) == (7, 6, 7)
    assert stats.scores == sorted(SCORES.values())
    assert stats.mean == pytest.approx(21 / 6) and stats.median == 4.5
    assert stats.median_seconds > 0 and stats.slowest[1] >= stats.median_seconds
    assert [(look.student, look.status) for look in stats.manual] == [("frank", "tampered"),
                                                                      ("gina", "invalid notebook")]


def test_shares_per_exercise_and_attempts(batch):
    ex = {e.name: e for e in report.class_stats(batch["record"]).exercises}
    # full / partial / none / not attempted, as shares of the 6 graded submissions
    assert (ex["ex1"].full, ex["ex1"].partial, ex["ex1"].none) == pytest.approx((2 / 6, 0, 4 / 6))
    assert (ex["ex2"].full, ex["ex2"].none) == pytest.approx((3 / 6, 3 / 6))
    assert (ex["ex3"].full, ex["ex3"].none) == pytest.approx((4 / 6, 2 / 6))
    assert all(e.not_attempted == pytest.approx(1 / 6) for e in ex.values())      # bob left everything blank
    assert [t["grade_id"] for t in ex["ex2"].tests] == ["ex2_mean_test"]
    assert ex["ex2"].tests[0]["full"] == pytest.approx(3 / 6)


def test_discrimination_is_the_corrected_item_total_correlation(batch):
    ex1 = next(e for e in report.class_stats(batch["record"]).exercises if e.name == "ex1")
    students = ["alice", "bob", "carol", "dave", "erin", "frank"]
    ex1_points = np.array([2, 0, 0, 0, 2, 0])
    rest = np.array([SCORES[s] for s in students]) - ex1_points
    assert ex1.discrimination == pytest.approx(np.corrcoef(ex1_points, rest)[0, 1])


def test_failure_messages_are_grouped_across_numbers(batch):
    ex1 = next(e for e in report.class_stats(batch["record"]).exercises if e.name == "ex1")
    top = ex1.tests[0]["messages"][0]
    assert top["count"] == 2 and top["students"] == ["carol", "dave"], ex1.tests[0]["messages"]
    assert "add(1, 2) should be 3" in top["message"]
    assert report.message_key("expected 3, got -1.5e-3") == report.message_key("expected 40, got 2")


def test_page_and_terminal_summary(batch):
    page, summary = batch["page"], batch["summary"]
    for text in ("Class report — mini", "data:image/png;base64,", "Needs a manual look", "frank", "tampered",
                 "discrimination", "not attempted", "invalid notebook"):
        assert text in page, text
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page
    assert "6 graded of 7" in summary and "hardest exercise" in summary and "frank tampered" in summary
    assert "gina invalid notebook" in summary
    manual = page[page.index("<h2>Needs a manual look</h2>"):]
    assert "<code>gina</code>" in manual and "resubmit" in manual


def test_page_holds_no_hidden_test_code(batch):
    sources = [cell.source for cell in notebook.read(MINI).cells]
    lines = {line.strip() for source in sources for block in HIDDEN.findall(source) for line in block.splitlines()
             if line.strip()}
    assert lines, "the mini assignment should have hidden tests"
    leaked = [line for line in lines if len(line) > 12 and line in batch["page"]]
    assert not leaked, leaked


def test_report_command_rebuilds_from_the_gradebook(batch, tmp_path):
    """An instructor reviews frank and gives ex3 its 2 points by hand; the rebuilt page counts them."""
    from nbgrader.api import Gradebook

    from autograder.grading.gradebook import course_id, db_url

    course = tmp_path / "course"
    shutil.copytree(batch["course"], course)
    with Gradebook(db_url(course), course_id()) as gb:
        gb.find_grade("ex3_hypotenuse_test", "mini", "mini", "frank").manual_score = 2
        gb.db.commit()
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["report", str(MINI), "--dir", str(course)]) == 0
    assert "mean 3.8" in out.getvalue()                                   # (21 + 2) / 6
    assert "mean <b>3.83</b>" in (course / "report-mini.html").read_text()
    with redirect_stdout(io.StringIO()):
        assert cli.main(["report", str(MINI), "--dir", str(tmp_path / "nowhere")]) == 2


def test_page_renders_in_chromium(batch, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_FLAGS, missing

    if not CHROMIUM.exists():
        missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed")
    page_file = tmp_path / "report-mini.html"
    page_file.write_text(batch["page"])
    shot = tmp_path / "class-report.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        failed = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(page_file.as_uri())
        assert page.locator("h1").inner_text() == "Class report — mini"
        images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
        assert len(images) == 2 and all(w > 100 for w in images), images
        page.screenshot(path=shot, full_page=True)
        browser.close()
    assert not failed, failed
    assert shot.stat().st_size > 10_000
    print(f"\nclass report screenshot: {shot}")


def synthetic_record(statuses: dict[str, tuple[str, str]]) -> dict:
    """A run record without grading: one 2-point test; `statuses` maps a student to (status, reason)."""
    students = {student: {"status": status, "reason": reason, "seconds": 1.0, "scores": {"ex1_t": 0.0},
                          "messages": {}, "attempted": [], "answered": False}
                for student, (status, reason) in statuses.items()}
    return {"assignment": "mini", "exercises": {"ex1": 2.0},
            "tests": [{"grade_id": "ex1_t", "exercise": "ex1", "points": 2.0}], "students": students}


def test_every_submission_not_graded_is_named_for_a_manual_look():
    """An unusable or absent notebook means the student must be asked to resubmit: the page names each one."""
    record = synthetic_record({
        "s01": ("graded", ""), "s02": ("graded", "the test cell ex1_t was edited; the original was restored"),
        "s03": ("invalid notebook", "not JSON"), "s04": ("missing notebook", "no notebook among the files"),
        "s05": ("missing notebook", "no submission found for this student on the roster"),
        "s06": ("tampered", "np.allclose was changed"), "s07": ("crashed", "the kernel died"),
        "s08": ("timeout", "ran longer than 20 s"), "s09": ("limit exceeded", "memory")})
    stats = report.class_stats(record)
    listed = {look.student: look for look in stats.manual}
    assert sorted(listed) == ["s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09"]
    assert "resubmit" in listed["s03"].action and listed["s04"].reason == "no notebook among the files"
    assert all(look.action for look in stats.manual)
    page = report.render_html(stats)
    manual = page[page.index("<h2>Needs a manual look</h2>"):page.index("<h2>How the numbers")]
    for student in listed:
        assert f"<code>{student}</code>" in manual, student
    assert "s01" not in manual and "Nothing" not in manual
    summary = report.terminal_summary(stats)
    assert "needs a manual look: 8" in summary and "s03 invalid notebook" in summary
