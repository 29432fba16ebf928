"""A class roster: the students' ids (the ones the LMS's file names carry) and the names to show."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RosterEntry:
    """One student of a roster: the id (the one the LMS's file names carry) and the name to show."""
    student: str
    first_name: str = ""
    last_name: str = ""
    name: str = ""


# Columns that hold the id, first match wins: nbgrader's `nbgrader db student import` file (`id`), Canvas's gradebook
# export (`ID`), Blackboard's Grade Center (`Username`), Moodle's grading worksheet (`Identifier`: "Participant 4242").
ID_COLUMNS = ("id", "student_id", "username", "student", "identifier")
FIRST_COLUMNS, LAST_COLUMNS = ("first_name", "first name", "firstname"), ("last_name", "last name", "lastname")
NAME_COLUMNS = ("name", "full name", "student")


def read_roster(path: Path) -> list[RosterEntry]:
    """Students: one id per line, or a CSV with an id column (see ID_COLUMNS) and optionally their names."""
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and "," in lines[0]:
        reader = csv.DictReader(lines)
        columns = {c.strip().lower(): c for c in reader.fieldnames or []}
        id_column = next((columns[c] for c in ID_COLUMNS if c in columns), None)
        if id_column:
            entries = (_roster_entry(row, id_column, columns) for row in reader)
            return [e for e in entries if e is not None]
    return [RosterEntry(line.strip()) for line in lines if not line.startswith("#")]


def _roster_entry(row: dict, id_column: str, columns: dict[str, str]) -> RosterEntry | None:
    def first_of(names: tuple[str, ...]) -> str:
        return next(((row.get(columns[c]) or "").strip() for c in names
                     if c in columns and columns[c] != id_column and (row.get(columns[c]) or "").strip()), "")

    raw = (row.get(id_column) or "").strip()
    moodle = re.fullmatch(r"Participant\s+(\d+)", raw)
    student = moodle.group(1) if moodle else raw
    if not student:                      # Canvas's "Points Possible" line has no id
        return None
    first, last = first_of(FIRST_COLUMNS), first_of(LAST_COLUMNS)
    return RosterEntry(student, first, last, f"{first} {last}".strip() or first_of(NAME_COLUMNS))
