"""Late submissions: the verdict from LMS markers and timestamps, nbgrader's late policy, and where it is recorded
(gradebook, CSV, class report, feedback page). No grading here: outcomes are built by hand."""

import csv
import itertools
import json
import re
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from autograder_support import MINI

from autograder.grading import batch, lateness
from autograder.grading.gradebook import GradebookWriter, course_config, course_id, db_url, prepare
from autograder.grading.lateness import NO, UNKNOWN, YES, Lateness
from autograder.intake import submissions as intake
from autograder.intake.roster import RosterEntry
from autograder.reporting import feedback, report
from autograder.runner.record import Outcome

DUE = datetime(2026, 3, 1, 8, 0)
SUBMARKS = '''from nbgrader.plugins import LateSubmissionPlugin


class SubMarks(LateSubmissionPlugin):
    def late_submission_penalty(self, student_id, score, total_seconds_late):
        """1 point per hour late (nbgrader's documented example)"""
        return round(total_seconds_late / 3600, 0)
'''
_modules = itertools.count()


def course_with_policy(folder: Path, config: str = "", module: str = "") -> Path:
    """A course folder whose nbgrader_config.py sets `config`; `module` becomes an importable late_N.py there, and
    `{module}` in `config` its name (a fresh name each time: Python caches imported modules)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"late_policy_{next(_modules)}"
    if module:
        (folder / f"{name}.py").write_text(module)
    (folder / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n" + config.replace("{module}", name))
    return folder


def policy_of(folder: Path) -> lateness.Policy:
    return lateness.load_policy(course_config(folder), folder)


def sub(**kw) -> intake.Submission:
    return intake.Submission(kw.pop("student", "s1"), **kw)


# ---------------------------------------------------------------------------------------------- the verdict

def test_verdict_from_time_marker_or_neither():
    two_hours = DUE + timedelta(hours=2)
    assert lateness.judge(two_hours, DUE, None, "timestamp.txt") == Lateness(YES, "timestamp.txt", two_hours, DUE,
                                                                              7200.0)
    early = lateness.judge(DUE - timedelta(minutes=1), DUE, None, "timestamp.txt")
    assert (early.late, early.seconds_late) == (NO, 0.0)
    assert lateness.judge(DUE, DUE, None).late == NO                       # at the due date is on time, as nbgrader
    marker = lateness.judge(None, DUE, True, marker_source="Canvas's LATE marker")
    assert (marker.late, marker.seconds_late, marker.source) == (YES, None, "Canvas's LATE marker")
    assert lateness.judge(None, None, False, marker_source="Canvas's LATE marker").late == NO
    assert lateness.judge(two_hours, None, None).late == UNKNOWN            # no due date
    assert lateness.judge(None, DUE, None).late == UNKNOWN                  # no time (Moodle)


def test_verdict_of_each_source():
    nbgrader = sub(lms="nbgrader", timestamp="2026-03-01 10:00:00.000000 UTC")
    assert lateness.of_submission(nbgrader, DUE).seconds_late == 7200
    # Blackboard writes its server's local time without a zone: --lms-timezone says which it is
    blackboard = sub(lms="blackboard", timestamp="2026-03-01 08:30:00")
    assert lateness.of_submission(blackboard, DUE).late == YES
    berlin = lateness.of_submission(blackboard, DUE, ZoneInfo("Europe/Berlin"))
    assert (berlin.late, berlin.submitted) == (NO, datetime(2026, 3, 1, 7, 30))
    # nbgrader's own timestamp.txt without a zone is UTC whatever the LMS's zone, as nbgrader reads it
    naive = sub(lms="nbgrader", timestamp="2026-03-01 09:30:00")
    assert lateness.of_submission(naive, DUE, ZoneInfo("Europe/Berlin")).late == YES
    canvas = lateness.of_submission(sub(lms="canvas", late_marker=True), DUE)
    assert (canvas.late, canvas.source) == (YES, "Canvas's LATE marker")
    assert lateness.of_submission(sub(lms="canvas", late_marker=False), None).late == NO
    assert lateness.of_submission(sub(lms="moodle"), DUE).late == UNKNOWN
    broken = lateness.of_submission(sub(lms="nbgrader", timestamp="yesterday-ish"), DUE)
    assert broken.late == UNKNOWN and "not a time" in broken.source


def test_times_are_read_as_nbgrader_stores_them():
    assert lateness.parse_time("2026-03-01 10:00:00.000000 America/Los_Angeles") == datetime(2026, 3, 1, 18, 0)
    assert lateness.parse_time("2026-03-01T10:00:00+01:00") == datetime(2026, 3, 1, 9, 0)
    assert lateness.parse_time("2026-03-01 10:00:00") == datetime(2026, 3, 1, 10, 0)
    assert lateness.parse_time("not a time") is None
    # a zone abbreviation dateutil does not know: not a time we can trust (nbgrader would silently take it as UTC)
    assert lateness.parse_time("2026-07-01 10:00:00.000000 CEST") is None
    assert lateness.stamp(datetime(2026, 3, 1, 10, 0)) == "2026-03-01 10:00:00.000000 UTC"
    verdict = Lateness(YES, "timestamp.txt", DUE + timedelta(hours=2), DUE, 7200.0, 2.0)
    assert Lateness.from_json(verdict.to_json()) == verdict
    assert Lateness.from_json(None).late == UNKNOWN


# ---------------------------------------------------------------------------------------------- the policy

def test_default_policy_records_without_penalty(tmp_path):
    policy = policy_of(tmp_path)                        # this repository's nbgrader_config.py only
    assert "no penalty" in policy.name
    late = policy.apply(lateness.judge(DUE + timedelta(days=3), DUE, None, "timestamp.txt"), "s1", 7.0)
    assert (late.late, late.penalty, late.note) == (YES, 0.0, "")
    marker = policy.apply(lateness.judge(None, None, True, marker_source="Canvas's LATE marker"), "s1", 7.0)
    assert (marker.penalty, marker.undecided) == (0.0, False)


def test_a_per_hour_policy_needs_the_time(tmp_path):
    policy = policy_of(course_with_policy(tmp_path, "c.AssignLatePenalties.plugin_class = '{module}.SubMarks'\n",
                                          SUBMARKS))
    assert policy.name.endswith(".SubMarks")
    timed = policy.apply(lateness.judge(DUE + timedelta(hours=2), DUE, None, "timestamp.txt"), "s1", 7.0)
    assert (timed.penalty, timed.undecided) == (2.0, False)
    capped = policy.apply(lateness.judge(DUE + timedelta(days=2), DUE, None, "timestamp.txt"), "s1", 7.0)
    assert capped.penalty == 7.0                        # never more than the score, as nbgrader caps it
    on_time = policy.apply(lateness.judge(DUE, DUE, None, "timestamp.txt"), "s1", 7.0)
    assert on_time.penalty == 0.0
    marker = policy.apply(lateness.judge(None, DUE, True, marker_source="Canvas's LATE marker"), "s1", 7.0)
    assert (marker.late, marker.penalty, marker.undecided) == (YES, 0.0, True)
    assert "depends on how late" in marker.note and "Canvas's LATE marker" in marker.note


def test_a_time_independent_policy_applies_to_a_marker(tmp_path):
    policy = policy_of(course_with_policy(tmp_path, "c.LateSubmissionPlugin.penalty_method = 'zero'\n"))
    assert "zero" in policy.name
    marker = policy.apply(lateness.judge(None, None, True, marker_source="Canvas's LATE marker"), "s1", 5.0)
    assert (marker.penalty, marker.undecided) == (5.0, False)


def test_a_broken_policy_stops_the_batch_before_grading(tmp_path):
    folder = course_with_policy(tmp_path, "c.AssignLatePenalties.plugin_class = 'no_such_module.Policy'\n")
    with pytest.raises(RuntimeError, match="plugin_class"):
        policy_of(folder)
    raising = "from nbgrader.plugins import BasePlugin\nclass P(BasePlugin):\n" \
              "    def late_submission_penalty(self, s, score, t):\n        raise ZeroDivisionError\n"
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        policy_of(course_with_policy(tmp_path / "b", "c.AssignLatePenalties.plugin_class = '{module}.P'\n", raising))


def test_the_documented_policies_work(tmp_path):
    """docs/instructors.md's late.py (SubMarks) and its nbgrader_config.py lines, as written there."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "instructors.md").read_text()
    section = doc[doc.index("### Late submissions"):doc.index("## 5. Return feedback")]
    module = re.search(r"```python\n# late\.py[^\n]*\n(.*?)```", section, re.DOTALL).group(1)
    lines = dict(re.findall(r"^(c\.\w+\.\w+) = (.+)$", section, re.MULTILINE))
    assert lines["c.AssignLatePenalties.plugin_class"] == "'late.SubMarks'"
    sys.modules.pop("late", None)
    folder = course_with_policy(tmp_path / "submarks", "c.AssignLatePenalties.plugin_class = 'late.SubMarks'\n")
    (folder / "late.py").write_text(module)
    timed = policy_of(folder).apply(lateness.judge(DUE + timedelta(hours=3), DUE, None, "t"), "s1", 7.0)
    assert timed.penalty == 3.0
    zero = course_with_policy(tmp_path / "zero", f"c.LateSubmissionPlugin.penalty_method = "
                                                 f"{lines['c.LateSubmissionPlugin.penalty_method']}\n")
    assert policy_of(zero).apply(lateness.judge(None, None, True), "s1", 7.0).penalty == 7.0
    sys.modules.pop("late", None)


# ---------------------------------------------------------------------------------------------- where it is recorded

@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("late-course")
    plan, _ = prepare(MINI, "mini", folder)
    return plan, folder


@pytest.fixture
def course(prepared, tmp_path):
    shutil.copy(prepared[1] / "gradebook.db", tmp_path / "gradebook.db")
    return tmp_path


def outcome(plan, student: str, score: float) -> Outcome:
    out = Outcome.empty(student, plan)
    left = score
    for test in out.tests.values():
        got = min(left, test.points)
        test.update(score=got, state="passed" if got == test.points else "failed")
        left -= got
    out.score = score
    return out


def test_gradebook_keeps_time_penalty_and_names_for_nbgrader(prepared, course):
    """nbgrader's own API and export see what the batch grader decided: the time, how late, the penalty."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    plan = prepared[0]
    writer = GradebookWriter(course, plan)
    try:
        assert writer.deadline("alice") is None
        writer.set_due(DUE)
        assert writer.deadline("alice") == DUE
        late = Lateness(YES, "timestamp.txt", DUE + timedelta(hours=2), DUE, 7200.0, penalty=2.0)
        writer.record(outcome(plan, "alice", 7), late, RosterEntry("alice", "Alice", "Liddell", "Alice L"))
        marker = Lateness(YES, "Canvas's LATE marker", note="the late policy depends on how late")
        writer.record(outcome(plan, "bob", 4), marker)
        writer.record(outcome(plan, "carol", 7), Lateness(NO, "timestamp.txt", DUE, DUE, 0.0))
    finally:
        writer.close()
    with Gradebook(db_url(course), course_id()) as gb:
        alice = gb.find_submission("mini", "alice")
        assert (alice.timestamp, alice.total_seconds_late, alice.late_submission_penalty) == (
            DUE + timedelta(hours=2), 7200, 2.0)
        assert (gb.find_student("alice").first_name, gb.find_student("alice").last_name) == ("Alice", "Liddell")
        bob = gb.find_submission("mini", "bob")
        assert bob.timestamp is None and gb.find_submission_notebook("mini", "mini", "bob").flagged
        assert not gb.find_submission_notebook("mini", "mini", "alice").flagged
        assert gb.find_submission("mini", "carol").total_seconds_late == 0
        gb.grant_extension("mini", "alice", hours=3)
        CsvExportPlugin(to=str(course / "export.csv")).export(gb)
    rows = {r["student_id"]: r for r in csv.DictReader((course / "export.csv").open())}
    assert (rows["alice"]["late_submission_penalty"], rows["alice"]["raw_score"], rows["alice"]["score"]) == (
        "2.0", "7.0", "5.0")
    assert rows["alice"]["duedate"].startswith("2026-03-01 08:00")
    writer = GradebookWriter(course, plan)
    try:
        assert writer.deadline("alice") == DUE + timedelta(hours=3)        # nbgrader's extension counts
        assert writer.deadline("dave") == DUE
    finally:
        writer.close()


def test_csv_report_and_feedback_say_who_was_late(prepared):
    plan = prepared[0]
    outcomes = {s: outcome(plan, s, score) for s, score in (("1001", 7), ("1002", 4), ("4242", 5))}
    late = {"1001": Lateness(YES, "timestamp.txt", DUE + timedelta(hours=2), DUE, 7200.0, penalty=2.0),
            "1002": Lateness(YES, "Canvas's LATE marker", note="the late policy (x) depends on how late"),
            "4242": Lateness(UNKNOWN, "the export gives no time")}
    subs = {s: intake.Submission(s, name) for s, name in (("1001", "Alice"), ("1002", "Bob"), ("4242", "Jane"))}
    rows = {r["student"]: r for r in batch.csv_rows(plan, outcomes, subs, late)}
    assert {s: (r["late"], r["late_penalty"], r["score"]) for s, r in rows.items()} == {
        "1001": ("yes", "2", "7"), "1002": ("yes", "0", "4"), "4242": ("unknown", "0", "5")}

    record = report.run_record(plan, outcomes, {s: x.name for s, x in subs.items()}, late, "x")
    stats = report.class_stats(json.loads(json.dumps(record)))          # as saved in results-<chapter>.json
    assert stats.late_counts == {"yes": 2, "no": 0, "unknown": 1}
    assert [(r.student, r.how_late, r.penalty) for r in stats.late] == [("1001", "2 h", 2.0), ("1002", "", 0.0)]
    assert [(look.student, look.name) for look in stats.manual] == [("1002", "Bob")]
    assert "late penalty" in stats.manual[0].action
    page = report.render_html(stats)
    section = page[page.index("<h2>Late submissions</h2>"):]
    assert "<b>2</b> late" in section and "<code>1001</code>" in section and "<code>1002</code>" in section
    assert "late: 2 (1001 −2, 1002)" in report.terminal_summary(stats)

    header = feedback.render(outcomes["1001"], plan, name="Alice", lateness=late["1001"])
    assert "<b>Submitted late</b> by 2 h (timestamp.txt): late penalty −2 points" in header
    assert "score after the penalty 5 / 7" in header
    assert "instructor decides" in feedback.render(outcomes["1002"], plan, lateness=late["1002"])
    assert "on time" in feedback.render(outcomes["4242"], plan, lateness=Lateness(NO, "timestamp.txt"))
    assert "late" not in feedback.render(outcomes["4242"], plan, lateness=late["4242"]).split("<h2>")[0].lower()
