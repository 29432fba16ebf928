"""The course on a real JupyterHub, driven in a real browser: release, fetch, answer, validate, submit, collect,
grade, feedback, and the boundaries between users (issue 29).

The hub is the one `make hub` starts (hub/: JupyterHub with its configurable-http-proxy, the local process spawner,
nbgrader's exchange), here with its own state folder, port and account prefix. As root every user is a local Unix
account and each server runs under that user's uid; otherwise every server runs under the caller's uid and the
permission checks say they were skipped. Headless Chromium (Playwright, as tests/test_browser.py) then plays:

1. the instructor: Nbgrader menu with Formgrader and Course List; in the formgrader (its own browser tab, as
   nbgrader documents for JupyterHub >= 4.1) Generate and Release chapter 1;
2. student A: only the learner tools; Assignment List > Fetch; types the reference answers
   (solutions/, between BEGIN and END SOLUTION) into the exercise cells, saves, Validate passes, Submit;
3. student B: Fetch, Submit of the pristine release (while A's Validate runs);
4. student C, in a terminal (`nbgrader submit`): the reference answers, after the due date;
5. the instructor: due date (formgrader), Collect (formgrader); turns on a late policy docs/instructors.md gives
   (penalty_method 'zero'); grades the exchange's submissions with `python -m autograder grade` and, in a copy of
   the course beside it, with plain `nbgrader autograde`; the two agree on every score, and on C's lateness
   (nbgrader's timestamps) and penalty: the batch grader's CSV says `late` yes with the `late_penalty`, its
   gradebook and C's feedback page the same; Release Feedback (formgrader);
6. A and B: Fetch Feedback; A sees full marks, B 0 and the failure messages; neither page holds a line of a
   hidden test;
7. the boundaries, checked as each student's uid: B cannot list the exchange's submissions or feedback, nor open
   A's home; no student can read solutions/, the gradebook or the collected work; every server runs as its user.

Screenshots go to <pytest tmp dir>/screenshots (printed; run with -s), the two graders' logs beside them. Needs `make hub-deps` and `make browser-deps`:
without them the test skips locally and fails in CI (CI=true).
"""

import csv
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_FLAGS, TIMEOUT_MS, Laps, free_port, missing

from coursetools import notebook
from coursetools.course import ROOT, chapters
from hub.layout import PROXY, Settings, user_env

CHAPTER = chapters()[0].id                       # the small chapter
PREFIX = "tfkt-"                                 # test accounts, apart from a `make hub` running beside
SPAWN_TIMEOUT_MS = 120_000                       # three first JupyterLab starts at once on 2 cores
VALIDATE_TIMEOUT_MS = 120_000
PASSED = "Success! Your notebook passes all the tests."


# ---------------------------------------------------------------------------------------------------------- hub
@pytest.fixture
def hub():
    """The course's hub (python -m hub start) on a free port, with a state folder of its own; stopped after."""
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        import jupyterhub  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        missing(f"{e.name} is not installed")
    if not PROXY.exists():
        missing(f"configurable-http-proxy is not installed ({PROXY}); run `make hub-deps`")
    # Not under pytest's tmp dir: its parents are private to the caller, and every account must reach its home.
    state = Path(tempfile.mkdtemp(prefix="tfk-hub-test-"))
    log = state.with_name(state.name + ".log")
    with open(log, "w") as out:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "hub", "start", "--state", str(state), "--port", str(free_port()),
             "--prefix", PREFIX], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "COURSE_FAST": "1"})
    try:
        deadline = time.monotonic() + 90
        while "Stop it with" not in log.read_text():
            if launcher.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the hub did not start:\n{log.read_text()[-3000:]}", pytrace=False)
            time.sleep(0.2)
        yield Settings.load(state)
    finally:
        launcher.send_signal(signal.SIGTERM)
        try:
            launcher.wait(timeout=60)
        except subprocess.TimeoutExpired:
            launcher.kill()
        shutil.rmtree(state, ignore_errors=True)
        log.unlink(missing_ok=True)


def run_as(hub: Settings, user: str, *cmd: str, cwd: Path | None = None, check: bool = True,
           **kwargs) -> subprocess.CompletedProcess:
    """A command run as `user`, as in a terminal of their server (their uid where the hub made accounts)."""
    ids = {}
    if hub.per_uid:
        entry = pwd.getpwnam(user)
        ids = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": os.getgrouplist(user, entry.pw_gid)}
    done = subprocess.run(cmd, cwd=cwd or hub.home(user), env={**user_env(hub, user), "COURSE_FAST": "1"},
                          capture_output=True, text=True, check=False, **ids, **kwargs)
    if check and done.returncode:
        pytest.fail(f"{' '.join(cmd)} as {user} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}", pytrace=False)
    return done


# ------------------------------------------------------------------------------------------------- the browser
def login(browser, hub: Settings, user: str):
    """A browser of one's own (cookies apart), logged in to the hub; the server starts in the background."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"http://127.0.0.1:{hub.port}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    return page


def nbgrader_menu(page) -> list[str]:
    """The Nbgrader menu's entries, once JupyterLab is up and nbgrader's plugins have registered theirs."""
    from playwright.sync_api import expect

    expect(page.locator(".jp-LabShell")).to_be_visible(timeout=SPAWN_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    items = page.locator(".lm-Menu-itemLabel")
    expect(items.filter(has_text="Assignment List")).to_be_visible()
    time.sleep(0.5)                              # the other plugins' entries fill in right after
    labels = [label for label in items.all_inner_texts() if label.strip()]
    return labels


def assignment_list(page):
    """Open (or refresh) the Assignment List from the Nbgrader menu."""
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    return page.locator(".jp-MainAreaWidget", has=page.locator("#released_assignments_list")).last


def fetch(page):
    from playwright.sync_api import expect

    panel = assignment_list(page)
    panel.locator("#released_assignments_list .list_item", has_text=CHAPTER).get_by_role("button",
                                                                                     name="Fetch").click()
    expect(panel.locator("#fetched_assignments_list .list_item", has_text=CHAPTER).first).to_be_visible()
    return panel


def submit(page, panel):
    from playwright.sync_api import expect

    panel.locator("#fetched_assignments_list .list_item", has_text=CHAPTER).get_by_role("button",
                                                                                    name="Submit").click()
    expect(panel.locator("#submitted_assignments_list .list_item", has_text=CHAPTER).first).to_be_visible()


def formgrader(browser_page, hub: Settings):
    """The formgrader in a tab of its own: JupyterHub >= 4.1 forbids it inside JupyterLab's frame."""
    page = browser_page.context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"http://127.0.0.1:{hub.port}/user/{hub.instructor}/formgrader/manage_assignments")
    return page


def formgrader_action(page, column: str, what: str) -> None:
    """Click the chapter's icon in a column of Manage Assignments; nbgrader answers in a modal."""
    from playwright.sync_api import expect

    page.locator("tbody tr", has_text=CHAPTER).locator(f"td.{column} a").click()
    modal = page.locator("#success-modal, #error-modal")
    expect(modal).to_be_visible(timeout=VALIDATE_TIMEOUT_MS)
    assert modal.get_attribute("id") == "success-modal", f"the formgrader could not {what}:\n{modal.inner_text()}"
    modal.locator(".modal-footer button").click()
    expect(page.locator("#success-modal")).to_have_count(0)
    expect(page.locator("tbody tr", has_text=CHAPTER).locator("td.name")).to_have_text(CHAPTER)


def set_due_date(page, due: datetime) -> None:
    """The chapter's due date, in the formgrader's Edit dialog (UTC, to the second)."""
    from playwright.sync_api import expect

    page.locator("tbody tr", has_text=CHAPTER).locator("td.edit a").click()
    modal = page.locator("#edit-assignment-modal")
    modal.locator("input.modal-duedate").fill(due.strftime("%Y-%m-%dT%H:%M:%S"))
    modal.locator("input.modal-timezone").fill("UTC")
    modal.locator("button.save").click()
    expect(modal).to_have_count(0)


# ----------------------------------------------------------------------------------------------------- answers
def reference_answers() -> dict[str, str]:
    """Each exercise cell's reference answer: the solution cell without its BEGIN/END SOLUTION lines."""
    source = notebook.read(ROOT / "solutions" / CHAPTER / f"{CHAPTER}.ipynb")
    marker = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*(\n|\Z)", re.MULTILINE)
    return {c.grade_id: marker.sub("", c.source) for c in notebook.nbgrader_cells(source) if c.kind == "solution"}


def answer_in_browser(page, answers: dict[str, str]) -> None:
    """Open the fetched notebook, type each answer over its exercise cell's stub, save."""
    from playwright.sync_api import expect

    released = notebook.read(ROOT / "notebooks" / CHAPTER / f"{CHAPTER}.ipynb")
    index = {c.metadata.get("nbgrader", {}).get("grade_id"): n for n, c in enumerate(released.cells)}
    page.goto(page.url.split("/lab")[0] + f"/lab/tree/{CHAPTER}/{CHAPTER}.ipynb")
    cells = page.locator(".jp-NotebookPanel .jp-Cell")
    expect(cells).to_have_count(len(released.cells), timeout=SPAWN_TIMEOUT_MS)
    for grade_id, answer in answers.items():
        editor = cells.nth(index[grade_id]).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(answer)
    page.keyboard.press("Control+S")
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)


def write_answered_notebook(hub: Settings, user: str, answers: dict[str, str]) -> None:
    """A learner's copy of the released chapter with the answers in (student C works in a terminal)."""
    import nbformat

    nb = notebook.read(hub.exchange / hub.course_id / "outbound" / CHAPTER / f"{CHAPTER}.ipynb")
    for grade_id, answer in answers.items():
        notebook.replace_cell(nb, grade_id, answer)
    script = ("import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.parent.mkdir(exist_ok=True); "
              "p.write_text(sys.stdin.read())")
    run_as(hub, user, sys.executable, "-I", "-c", script, str(hub.home(user) / CHAPTER / f"{CHAPTER}.ipynb"),
           input=nbformat.writes(nb))


# ------------------------------------------------------------------------------------------------ the grading
def grade_both_ways(hub: Settings, logs: Path) -> tuple[dict, Path]:
    """The batch grader on the collected submissions and, at the same time in a copy of the course, plain
    nbgrader autograde; returns the batch grader's CSV rows by student and the copy's folder."""
    course, plain = hub.course_dir, hub.home(hub.instructor) / "course-plain-nbgrader"
    run_as(hub, hub.instructor, "cp", "-a", str(course), str(plain))
    with open(logs / "nbgrader-autograde.log", "w") as log:
        nbgrader = subprocess.Popen(
            ["nbgrader", "autograde", CHAPTER, f"--CourseDirectory.root={plain}"], cwd=plain, stdout=log,
            stderr=subprocess.STDOUT, env={**user_env(hub, hub.instructor), "COURSE_FAST": "1"},
            **as_user(hub, hub.instructor))
    # One worker (one pre-imported interpreter) for three submissions; a fixed per-cell limit, as deriving one
    # from the reference solution's run is the autograder tests' business.
    batch = run_as(hub, hub.instructor, sys.executable, "-m", "autograder", "grade", CHAPTER, "submitted",
                   "--course-dir", ".", "--workers", "1", "--cell-timeout", "60", "--no-progress", cwd=course)
    (logs / "autograder-grade.log").write_text(batch.stdout + batch.stderr)
    assert nbgrader.wait(timeout=300) == 0, (
        f"nbgrader autograde failed:\n{(logs / 'nbgrader-autograde.log').read_text()[-5000:]}")
    if shutil.which("bwrap"):                    # the fast path works under the instructor's own uid
        assert "every kernel imports TensorFlow itself" not in batch.stdout + batch.stderr, batch.stdout
    with open(course / f"grades-{CHAPTER}.csv") as f:
        return {row["student"]: row for row in csv.DictReader(f)}, plain


def as_user(hub: Settings, user: str) -> dict:
    if not hub.per_uid:
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": os.getgrouplist(user, entry.pw_gid)}


def gradebook_results(course: Path) -> dict[str, dict]:
    """Scores and lateness as a course's gradebook holds them: nbgrader's own after plain `nbgrader autograde`, or
    the one the batch grader writes (its submission time and nbgrader's late_submission_penalty)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        out = {}
        for sub in gb.find_assignment(CHAPTER).submissions:
            out[sub.student_id] = {"score": sub.score, "max_score": sub.max_score, "seconds_late": sub.total_seconds_late,
                                   "penalty": sub.late_submission_penalty or 0.0, "timestamp": sub.timestamp}
        return out


# The late policy the instructor turns on before grading: one of the two docs/instructors.md ("Late submissions")
# gives, as a line of the course's nbgrader_config.py. The course ships nbgrader's default (no penalty, lateness
# recorded), under which a grader that ignored the policy would pass unnoticed; with this one the penalty shows.
LATE_POLICY = "c.LateSubmissionPlugin.penalty_method = 'zero'            # a late submission scores 0"


def turn_on_late_policy(hub: Settings) -> None:
    config = hub.course_dir / "nbgrader_config.py"
    assert LATE_POLICY in (ROOT / "docs" / "instructors.md").read_text(), "the late policy is no longer documented"
    assert f"# {LATE_POLICY}" in config.read_text(), "nbgrader_config.py no longer offers the documented late policy"
    run_as(hub, hub.instructor, sys.executable, "-I", "-c",
           "import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text() + sys.argv[2] + '\\n')",
           str(config), LATE_POLICY)


def expected_penalty(hub: Settings, student: str, score: float, seconds_late: float) -> float:
    """What the course's late policy gives: nbgrader's AssignLatePenalties.plugin_class and its settings in the
    instructor's ~/course/nbgrader_config.py (here nbgrader's LateSubmissionPlugin with penalty_method 'zero')."""
    from nbgrader.plugins import LateSubmissionPlugin
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    config = PyFileConfigLoader("nbgrader_config.py", path=str(hub.course_dir)).load_config()
    plugin_class = config.AssignLatePenalties.get("plugin_class", LateSubmissionPlugin)
    plugin_class = import_item(plugin_class) if isinstance(plugin_class, str) else plugin_class
    return plugin_class(config=config).late_submission_penalty(student, score, seconds_late) or 0.0


def check_lateness(hub: Settings, rows: dict[str, dict], plain: dict[str, dict], late_student: str) -> str:
    """Lateness as the batch grader records it (the CSV's `late` and `late_penalty`, the gradebook nbgrader reads,
    the feedback page's header) against plain nbgrader's own record of the same exchange submissions."""
    course = hub.course_dir
    batch = gradebook_results(course)
    late = plain[late_student]
    assert late["seconds_late"] > 0, f"nbgrader does not record {late_student}'s submission late: {late}"
    assert late["penalty"] == pytest.approx(expected_penalty(hub, late_student, late["score"], late["seconds_late"]))
    assert late["penalty"] == pytest.approx(late["score"]) and late["score"] > 0, f"policy 'zero' not applied: {late}"
    for student, nb in plain.items():
        is_late = student == late_student
        assert (nb["seconds_late"] > 0) == is_late, (student, nb)
        assert rows[student]["late"] == ("yes" if is_late else "no"), (student, rows[student])
        assert float(rows[student]["late_penalty"]) == pytest.approx(nb["penalty"]), (student, rows[student], nb)
        # the same submission time, hence the same lateness, in the gradebook the batch grader writes
        assert batch[student]["timestamp"] == nb["timestamp"], (student, batch[student], nb)
        assert batch[student]["seconds_late"] == pytest.approx(nb["seconds_late"]), (student, batch[student], nb)
        assert batch[student]["penalty"] == pytest.approx(nb["penalty"]), (student, batch[student], nb)
    page = (course / "feedback" / late_student / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "<b>Submitted late</b>" in page and f"late penalty −{late['penalty']:g} points" in page, page[:3000]
    return (f"{late_student} late by {late['seconds_late']:.1f} s: late=yes, late_penalty {late['penalty']:g} "
            "(policy 'zero') in the batch grader's CSV, gradebook and feedback page, as nbgrader autograde records")


# ------------------------------------------------------------------------------------------------ boundaries
PROBE = """
import json, os, sys
out = {}
for kind, path in json.loads(sys.argv[1]):
    try:
        os.listdir(path) if kind == "list" else open(path, "rb").close()
        out[path] = "allowed"
    except PermissionError:
        out[path] = "denied"
    except OSError as e:
        out[path] = type(e).__name__
print(json.dumps(out))
"""


def probe(hub: Settings, user: str, checks: list[tuple[str, Path]]) -> dict[str, str]:
    """Which paths `user` may list or open: asked as that user, in a process of their uid."""
    done = run_as(hub, user, sys.executable, "-I", "-c", PROBE, json.dumps([(k, str(p)) for k, p in checks]))
    return json.loads(done.stdout)


def check_boundaries(hub: Settings, student_a: str, student_b: str) -> str:
    if not hub.per_uid:
        return "permission checks skipped: the hub is not running as root, every server runs under one uid"
    course, exchange = hub.course_dir, hub.exchange / hub.course_id
    secret = [("open", course / "solutions" / CHAPTER / f"{CHAPTER}.ipynb"), ("list", course / "solutions"),
              ("open", course / "gradebook.db"), ("list", course / "submitted"), ("list", course / "autograded"),
              ("list", course / "feedback"), ("open", course / "feedback" / student_a / CHAPTER / f"{CHAPTER}.html")]
    for student in (student_a, student_b):
        got = probe(hub, student, secret)
        assert set(got.values()) == {"denied"}, f"{student} reaches instructor files: {got}"
    others = [("list", exchange / "inbound"), ("list", exchange / "feedback"), ("list", hub.home(student_a)),
              ("open", hub.home(student_a) / CHAPTER / f"{CHAPTER}.ipynb")]
    got = probe(hub, student_b, others)
    assert set(got.values()) == {"denied"}, f"{student_b} reaches {student_a}'s work: {got}"
    # The probe itself works: what every student is meant to read, B reads.
    got = probe(hub, student_b, [("open", exchange / "outbound" / CHAPTER / f"{CHAPTER}.ipynb")])
    assert set(got.values()) == {"allowed"}, got
    return "boundaries hold: checked as each student's uid"


def servers_run_as_their_users(hub: Settings) -> dict[str, int]:
    """The uid of each running jupyterhub-singleuser, by the hub user it serves."""
    found = {}
    for proc in Path("/proc").iterdir():
        try:
            if b"jupyterhub-singleuser" not in (proc / "cmdline").read_bytes():
                continue
            env = dict(kv.split(b"=", 1) for kv in (proc / "environ").read_bytes().split(b"\0") if b"=" in kv)
            uid = int(next(ln for ln in (proc / "status").read_text().splitlines() if ln.startswith("Uid:")).split()[1])
        except (OSError, StopIteration, ValueError):
            continue
        if env.get(b"JUPYTERHUB_API_URL", b"").startswith(f"http://127.0.0.1:{hub.hub_port}".encode()):
            found[env[b"JUPYTERHUB_USER"].decode()] = uid
    return found


# ------------------------------------------------------------------------------------------------- feedback
def hidden_test_lines() -> list[str]:
    """Lines of the chapter's hidden tests that appear nowhere a student may see them (as tests/test_hygiene.py)."""
    source = notebook.read(ROOT / "solutions" / CHAPTER / f"{CHAPTER}.ipynb")
    public = "\n".join(notebook.HIDDEN.sub("", notebook.SOLUTION.sub("", c.source)) for c in source.cells)
    lines = [ln.strip() for block in notebook.hidden_test_blocks(source) for ln in block.splitlines()]
    return [ln for ln in lines if len(ln) > 12 and not ln.startswith("#") and ln not in public]


def fetch_feedback(page, hub: Settings, user: str) -> tuple[str, str]:
    """Fetch Feedback in the Assignment List, then open the fetched page; returns (page text, file's HTML)."""
    from playwright.sync_api import expect

    panel = assignment_list(page)
    panel.locator("#submitted_assignments_list .list_item", has_text=CHAPTER).get_by_role(
        "button", name="Fetch Feedback").first.click()
    expect(panel.locator("#submitted_assignments_list", has_text="view feedback")).to_be_visible()
    fetched = sorted((hub.home(user) / CHAPTER / "feedback").glob(f"*/{CHAPTER}.html"))
    assert fetched, f"no feedback fetched into {user}'s home"
    relative = fetched[-1].relative_to(hub.home(user))
    page.goto(f"http://127.0.0.1:{hub.port}/user/{user}/files/{relative}")
    return page.locator("body").inner_text(), fetched[-1].read_text()


def check_feedback(text: str, raw: str, hidden: list[str], score: str) -> None:
    import html

    assert f"Score: {score}" in text, f"expected 'Score: {score}' on the feedback page:\n{text[:1500]}"
    for line in hidden:
        assert line not in text and line not in html.unescape(raw), f"hidden test text on the feedback page: {line}"


# ---------------------------------------------------------------------------------------------------- the test
@pytest.fixture
def laps():
    return Laps()


class Run:
    """What the phases of the test share: the hub, each user's browser page, screenshots and timings."""

    def __init__(self, hub: Settings, browser, shots: Path, laps: Laps):
        self.hub, self.browser, self.shots, self.laps = hub, browser, shots, laps
        self.instructor, (self.a, self.b, self.c) = hub.instructor, hub.students
        self.pages: dict = {}
        self.formgrader = None

    def shoot(self, page, name: str) -> None:
        page.screenshot(path=self.shots / f"{name}.png")


def instructor_releases(run: Run) -> None:
    page = run.pages[run.instructor]
    labels = nbgrader_menu(page)
    assert {"Formgrader", "Course List", "Assignment List"} <= set(labels), f"instructor's Nbgrader menu: {labels}"
    run.shoot(page, "01-instructor-nbgrader-menu")
    page.keyboard.press("Escape")
    run.formgrader = formgrader(page, run.hub)
    formgrader_action(run.formgrader, "assign", "generate the student version")
    formgrader_action(run.formgrader, "release", "release the chapter")
    run.shoot(run.formgrader, "02-formgrader-released")
    run.laps("instructor: Nbgrader menu, formgrader Generate and Release")


def students_submit(run: Run, answers: dict[str, str]) -> datetime:
    """A answers and validates, B submits the pristine release meanwhile; returns when both had submitted."""
    from playwright.sync_api import expect

    a, b = run.pages[run.a], run.pages[run.b]
    for page in (a, b):
        labels = nbgrader_menu(page)
        assert "Assignment List" in labels and not {"Formgrader", "Course List"} & set(labels), labels
    run.shoot(a, "03-student-nbgrader-menu")
    fetch(a)
    run.shoot(a, "04-a-fetched")
    answer_in_browser(a, answers)
    run.shoot(a, "05-a-answered")
    a.locator(".jp-NotebookPanel .validate-button").click()     # runs the notebook in A's server meanwhile
    run.laps("A: fetch, type the answers, save")
    submit(b, fetch(b))
    run.shoot(b, "06-b-submitted")
    run.laps("B: fetch, submit the pristine release")
    dialog = a.locator(".jp-Dialog", has_text="Validation Results")
    expect(dialog).to_be_visible(timeout=VALIDATE_TIMEOUT_MS)
    run.shoot(a, "07-a-validated")
    assert PASSED in dialog.inner_text(), f"Validate on A's answers:\n{dialog.inner_text()[-3000:]}"
    dialog.get_by_role("button", name="Ok").click()
    submit(a, assignment_list(a))
    run.shoot(a, "08-a-submitted")
    run.laps("A: Validate passes, submit")
    return datetime.now(UTC)


def late_submission(run: Run, answers: dict[str, str], submitted: datetime) -> datetime:
    """The due date falls after A's and B's submissions; C submits the reference answers after it."""
    due = (submitted + timedelta(seconds=1)).replace(microsecond=0)
    set_due_date(run.formgrader, due)
    write_answered_notebook(run.hub, run.c, answers)
    time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds() + 0.1))
    run_as(run.hub, run.c, "nbgrader", "submit", CHAPTER, "--course", run.hub.course_id)
    run.laps("due date (formgrader); C submits late from a terminal")
    return due


def instructor_grades(run: Run, max_score: float) -> list[str]:
    """Collect, grade two ways, compare; lateness as nbgrader records it; release the batch grader's feedback."""
    fg = run.formgrader
    formgrader_action(fg, "collect", "collect the submissions")
    submitted = sorted(p.name for p in (run.hub.course_dir / "submitted").iterdir())
    assert submitted == sorted([run.a, run.b, run.c]), f"collected: {submitted}"
    run.laps("instructor: Collect (formgrader)")
    turn_on_late_policy(run.hub)
    rows, plain_dir = grade_both_ways(run.hub, run.shots.parent)
    plain = gradebook_results(plain_dir)
    run.laps("instructor: python -m autograder grade, and plain nbgrader autograde beside it")
    expected = {run.a: max_score, run.b: 0.0, run.c: max_score}
    for student, score in expected.items():
        assert rows[student]["status"] == "graded", rows[student]
        assert float(rows[student]["score"]) == score, (student, rows[student])
        assert plain[student]["score"] == score, (student, plain[student])
    # nbgrader's timestamps against the gradebook's due date, and the late policy, as both graders apply them.
    notes = [check_lateness(run.hub, rows, plain, run.c)]
    fg.reload()
    formgrader_action(fg, "release-feedback", "release the feedback")
    run.shoot(fg, "09-formgrader-feedback-released")
    run.laps("instructor: Release Feedback (formgrader)")
    return notes


def students_read_feedback(run: Run, max_score: float) -> None:
    hidden = hidden_test_lines()
    assert hidden, "the chapter has no hidden-test lines to look for"
    text, raw = fetch_feedback(run.pages[run.a], run.hub, run.a)
    run.shoot(run.pages[run.a], "10-a-feedback")
    check_feedback(text, raw, hidden, f"{max_score:g} / {max_score:g}")
    text, raw = fetch_feedback(run.pages[run.b], run.hub, run.b)
    run.shoot(run.pages[run.b], "11-b-feedback")
    check_feedback(text, raw, hidden, f"0 / {max_score:g}")
    failed = [c.grade_id for c in notebook.nbgrader_cells(notebook.read(ROOT / "notebooks" / CHAPTER /
                                                                         f"{CHAPTER}.ipynb")) if c.kind == "tests"]
    missing_messages = [g for g in failed if g not in text]
    assert not missing_messages, f"B's feedback does not name the failed tests {missing_messages}:\n{text[:2000]}"
    assert "NotImplementedError" in text, f"B's feedback shows no failure message:\n{text[:2000]}"
    run.laps("A and B: Fetch Feedback, read it")


def test_the_course_on_a_jupyterhub(laps, hub, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    laps("hub started (accounts, course, exchange)")
    shots = tmp_path / "screenshots"
    shots.mkdir()
    print(f"\nscreenshots: {shots}")
    answers = reference_answers()
    max_score = sum(notebook.points_by_exercise(notebook.read(ROOT / "solutions" / CHAPTER /
                                                              f"{CHAPTER}.ipynb")).values())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        run = Run(hub, browser, shots, laps)
        try:
            # Three servers start at once: the instructor's, A's and B's.
            run.pages = {user: login(browser, hub, user) for user in (run.instructor, run.a, run.b)}
            instructor_releases(run)
            submitted = students_submit(run, answers)
            late_submission(run, answers, submitted)
            notes = instructor_grades(run, max_score)
            students_read_feedback(run, max_score)
        except BaseException:
            for n, page in enumerate(p for context in browser.contexts for p in context.pages):
                page.screenshot(path=shots / f"failure-{n}.png")
            raise
        finally:
            browser.close()
    uids = servers_run_as_their_users(hub)
    for user in (run.instructor, run.a, run.b):
        assert uids.get(user) == (pwd.getpwnam(user).pw_uid if hub.per_uid else os.getuid()), (user, uids)
    notes.append(check_boundaries(hub, run.a, run.b))
    laps("servers' uids, the boundaries")
    print("\n".join(notes), f"timings:{laps.report()}", sep="\n")
