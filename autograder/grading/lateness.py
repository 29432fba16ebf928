"""Late submissions: whether a submission was late, and the penalty under the course's nbgrader late policy.

    policy = load_policy(course_config(course_dir), course_dir)    # c.AssignLatePenalties.plugin_class
    verdict = policy.apply(of_submission(sub, due, zone), student, score)

Where lateness comes from, most exact first:

- a submission time (nbgrader's `timestamp.txt`, Blackboard's attempt time in the file name, a `--pattern`
  `timestamp` group) against the due date: the gradebook's assignment `duedate` (`nbgrader db assignment add CH
  --duedate=...`, or `--due`), plus the student's extension there, exactly as nbgrader's `total_seconds_late`;
- the LMS's own verdict in the file name (Canvas's `LATE`), which carries no time;
- else `unknown`.

The penalty is nbgrader's: the plugin configured as `c.AssignLatePenalties.plugin_class` (default: nbgrader's
LateSubmissionPlugin with penalty_method 'none', i.e. no penalty, lateness recorded), called as nbgrader's
autograde calls it, `late_submission_penalty(student_id, score, total_seconds_late)`, and kept between 0 and the
score as nbgrader keeps it. A marker without a time can only be given a penalty that does not depend on the time:
the plugin is asked for several lateness values, and a single answer is applied; otherwise no penalty is applied and
the verdict carries a note, so the report lists the submission for a decision by hand.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograder.intake.submissions import Submission

YES, NO, UNKNOWN = "yes", "no", "unknown"
# How late a submission with only a marker is taken to be, to see whether the policy depends on it at all.
PROBE_SECONDS = (60.0, 3600.0, 86400.0, 7 * 86400.0, 365 * 86400.0)
TIME_SOURCES = {"nbgrader": "timestamp.txt", "blackboard": "Blackboard's attempt time",
                "pattern": "the --pattern timestamp"}
MARKER_SOURCES = {"canvas": "Canvas's LATE marker"}


@dataclass(frozen=True)
class Lateness:
    late: str = UNKNOWN                       # "yes", "no" or "unknown" (the CSV's `late` column)
    source: str = ""                          # what said so, or why it is not known
    submitted: datetime | None = None         # UTC without a zone, as nbgrader's gradebook stores times
    due: datetime | None = None               # the same; the student's extension included
    seconds_late: float | None = None         # None: no time known (a marker only)
    penalty: float = 0.0                      # points deducted (the CSV's `late_penalty`)
    note: str = ""                            # why no penalty was computed where the policy may want one

    @property
    def undecided(self) -> bool:
        """Late, and the policy could not be applied: the instructor decides the penalty."""
        return self.late == YES and bool(self.note)

    def describe(self) -> str:
        if self.late == YES:
            return (f"late by {duration(self.seconds_late)}" if self.seconds_late is not None else "late") + \
                f" ({self.source})"
        return f"on time ({self.source})" if self.late == NO else f"not known ({self.source})"

    def to_json(self) -> dict:
        d = asdict(self)
        for key in ("submitted", "due"):
            d[key] = d[key].isoformat(sep=" ") if d[key] else None
        return d

    @classmethod
    def from_json(cls, d: dict | None) -> Lateness:
        if not d:
            return cls(source="not recorded")
        times = {k: datetime.fromisoformat(d[k]) if d.get(k) else None for k in ("submitted", "due")}
        return cls(**{**d, **times})


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "an unknown time"
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, minutes // 60 % 24, minutes % 60
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{mins} min" if mins and not days else ""]
    return " ".join(p for p in parts if p) or f"{int(seconds)} s"


def parse_time(text: str, zone: tzinfo = UTC) -> datetime | None:
    """A time as nbgrader stores it (UTC, no zone); a time written without a zone is taken to be in `zone`.

    Understands what nbgrader writes (`2026-03-01 10:00:00.000000 UTC`, `... America/Los_Angeles`), ISO 8601 with
    an offset, and plain `2026-03-01 10:00:00`. None when the text is not a time."""
    import dateutil.parser
    import dateutil.tz

    text = text.strip()
    parts = text.split(" ")
    try:
        if len(parts) == 3 and any(c.isalpha() for c in parts[2]):    # nbgrader's "<date> <time> <zone name>"
            named = dateutil.tz.gettz(parts[2])
            if named is None:
                return None
            moment = dateutil.parser.parse(" ".join(parts[:2])).replace(tzinfo=named)
        else:
            moment = dateutil.parser.parse(text)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC).replace(tzinfo=None)


def stamp(moment: datetime) -> str:
    """The way nbgrader's collect writes timestamp.txt, in UTC."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"


def judge(submitted: datetime | None, due: datetime | None, marker: bool | None, time_source: str = "",
          marker_source: str = "") -> Lateness:
    """Late or not, from a time against the due date (exact) or else the LMS's marker; no penalty yet."""
    if submitted is not None and due is not None:
        seconds = (submitted - due).total_seconds()
        return Lateness(YES if seconds > 0 else NO, time_source, submitted, due, max(0.0, seconds))
    if marker is not None:
        return Lateness(YES if marker else NO, marker_source if marker else f"no LATE in {marker_source}",
                        submitted, due)
    why = "no due date in the gradebook and no --due" if submitted is not None else "the export gives no time"
    return Lateness(UNKNOWN, why, submitted, due)


def of_submission(sub: Submission, due: datetime | None, lms_zone: tzinfo = UTC) -> Lateness:
    """The verdict for one submission of the intake. nbgrader's timestamp.txt without a zone is UTC, as nbgrader
    reads it; an LMS's time without a zone (Blackboard) is in `lms_zone`."""
    submitted = None
    if sub.timestamp:
        submitted = parse_time(sub.timestamp, UTC if sub.lms == "nbgrader" else lms_zone)
        if submitted is None and sub.late_marker is None:
            return Lateness(UNKNOWN, f"{TIME_SOURCES.get(sub.lms, 'the time')} is not a time: {sub.timestamp[:40]!r}",
                            due=due)
    return judge(submitted, due, sub.late_marker, TIME_SOURCES.get(sub.lms, "the submission time"),
                 MARKER_SOURCES.get(sub.lms, "the LMS's marker"))


# ---------------------------------------------------------------------------------------------- the policy

@dataclass
class Policy:
    """The course's late policy: an nbgrader late-submission plugin instance."""
    plugin: object
    name: str

    def penalty(self, student: str, score: float, seconds_late: float) -> float:
        """The plugin's penalty, kept between 0 and the score as nbgrader's AssignLatePenalties keeps it."""
        raw = self.plugin.late_submission_penalty(student, score, seconds_late)
        return 0.0 if raw is None else min(max(0.0, float(raw)), max(0.0, float(score)))

    def apply(self, verdict: Lateness, student: str, score: float) -> Lateness:
        if verdict.late != YES:
            return verdict
        try:
            if verdict.seconds_late is not None:
                return replace(verdict, penalty=self.penalty(student, score, verdict.seconds_late))
            answers = {self.penalty(student, score, s) for s in PROBE_SECONDS}
        except Exception as err:  # noqa: BLE001 - a broken policy must not lose the batch; the note makes it visible
            return replace(verdict, note=f"the late policy ({self.name}) failed: {type(err).__name__}: {err}")
        if len(answers) == 1:                            # the same whatever the time: it applies to a marker too
            return replace(verdict, penalty=answers.pop())
        return replace(verdict, note=f"the late policy ({self.name}) depends on how late, and {verdict.source} "
                                     "gives no time: no penalty was applied, decide it by hand")


def load_policy(config, course_dir: Path) -> Policy:
    """The plugin of `c.AssignLatePenalties.plugin_class`, configured from `config` as nbgrader's autograde does.
    A `late.py` beside nbgrader_config.py (nbgrader's documented place for one) is importable, as under nbgrader."""
    from nbgrader.plugins import LateSubmissionPlugin
    from nbgrader.preprocessors import AssignLatePenalties

    added = str(Path(course_dir).resolve())
    sys.path.insert(0, added)
    try:
        assigner = AssignLatePenalties(config=config)
        plugin = assigner.plugin_class(parent=assigner)
        plugin.late_submission_penalty("probe", 1.0, 3600.0)   # fail here, before grading, not after it
    except Exception as err:                               # whatever the course's plugin raises
        raise RuntimeError(f"the late policy of nbgrader_config.py (c.AssignLatePenalties.plugin_class) does not "
                           f"work: {type(err).__name__}: {err}") from err
    finally:
        sys.path.remove(added)
    cls = type(plugin)
    if cls is LateSubmissionPlugin:
        method = plugin.penalty_method
        name = ("nbgrader's default: no penalty, lateness recorded" if method == "none" else
                f"nbgrader's LateSubmissionPlugin, penalty_method '{method}'")
    else:
        name = f"{cls.__module__}.{cls.__qualname__}"
    return Policy(plugin, name)
