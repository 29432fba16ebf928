"""Find one submission per student in a folder or zip: nbgrader's layout, or a flat LMS export.

Layouts understood (see autograder/README.md for examples):

- nbgrader: `<root>/[submitted/]<student>/<assignment>/<files>` (folders without the notebook are
  reported as "missing notebook"; a notebook under another name is graded, with a note);
- flat: one file per student, the student id taken from the file name (or its folder) by the first pattern
  that matches: Moodle, Blackboard, Canvas, nbgrader zip_collect (`<student>_<assignment>.ipynb` or
  `<assignment>_<student>.ipynb`), a folder per student, else the file name's stem; `--pattern` adds
  a regular expression with a `student` group, tried first, matched against the path inside the input.
  An LMS's id is its stable one (Canvas user id, Moodle participant number, Blackboard username), the one
  docs/instructors.md's `nbgrader zip_collect` expressions take too; what else a name says is kept: the name,
  Canvas's LATE marker, Blackboard's attempt time.

A roster (autograder/intake/roster.py) adds the absent students and the names to show.

Nothing is modified: files are read into memory (with size limits) and graded from there.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder import messages as M
from autograder.intake.roster import RosterEntry

MAX_FILE = 100 << 20          # bytes read per file (larger notebooks are reported as invalid)
MAX_EXTRA = 100 << 20         # other files of one student (nbgrader layout) copied into the sandbox
MAX_ZIP_TOTAL = 4 << 30
IGNORED_PARTS = {"__MACOSX", ".ipynb_checkpoints", ".git", "__pycache__"}


@dataclass
class Submission:
    student: str
    name: str = ""                                    # the student's name when the export gives one
    origin: str = ""                                  # where the notebook came from
    data: bytes | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    timestamp: str | None = None                      # when submitted, as written (timestamp.txt, Blackboard's name)
    status: str | None = None                         # "missing notebook" / "invalid notebook" before grading
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    path: Path | None = None                          # the original file on disk, if any
    lms: str = ""                                     # where the id came from: nbgrader, canvas, moodle, blackboard, ...
    late_marker: bool | None = None                   # the LMS's own verdict (Canvas's LATE), None where it gives none
    person: RosterEntry | None = None                 # the student's roster line, when a roster was given


@dataclass
class Entry:
    path: PurePosixPath
    size: int
    read: object                                      # () -> bytes
    disk: Path | None = None


def sanitize(student: str) -> str:
    """A student id that is safe as a folder name and gradebook key."""
    s = re.sub(r"[^A-Za-z0-9._@+-]+", "_", student.strip()).strip("._")
    return s[:100] or "unknown"


def _entries(source: Path) -> tuple[list[Entry], list[PurePosixPath]]:
    """(files, folders) under a folder or inside a zip, as relative POSIX paths."""
    files, dirs = [], []
    if source.is_dir():
        for dirpath, dirnames, filenames in os.walk(source, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_PARTS)
            rel_dir = PurePosixPath(Path(dirpath).relative_to(source).as_posix())
            for d in dirnames:
                dirs.append(rel_dir / d)
            for name in sorted(filenames):
                full = Path(dirpath) / name
                if full.is_symlink() or not full.is_file() or name.startswith("."):
                    continue
                files.append(Entry(rel_dir / name, full.stat().st_size, full.read_bytes, full))
        return files, dirs
    if zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        total = 0
        for info in archive.infolist():
            path = PurePosixPath(info.filename)
            if any(part in IGNORED_PARTS or part == ".." for part in path.parts):
                continue
            if info.is_dir():
                dirs.append(PurePosixPath(info.filename.rstrip("/")))
                continue
            if path.name.startswith("."):
                continue
            total += info.file_size
            if total > MAX_ZIP_TOTAL:
                raise ValueError(f"{source}: more than {MAX_ZIP_TOTAL >> 30} GiB uncompressed; unpack it first")
            files.append(Entry(path, info.file_size, (lambda i=info: archive.read(i))))
            dirs.extend(list(path.parents)[:-1])
        return files, sorted(set(dirs))
    if source.is_file():
        return [Entry(PurePosixPath(source.name), source.stat().st_size, source.read_bytes, source)], []
    raise FileNotFoundError(f"{source}: no such folder, zip or notebook")


def _read(entry: Entry) -> tuple[bytes | None, str | None]:
    if entry.size > MAX_FILE:
        return None, f"the file is {entry.size >> 20} MiB, more than the {MAX_FILE >> 20} MiB accepted"
    try:
        return entry.read(), None
    except (OSError, zipfile.BadZipFile, RuntimeError) as err:
        return None, f"the file cannot be read ({err})"


# ---------------------------------------------------------------------------------------------- flat exports

def flat_patterns(assignment: str) -> list[tuple[str, re.Pattern]]:
    """(LMS, file-name pattern): the id each one takes is the LMS's stable one (see the README's table)."""
    a = re.escape(assignment)
    return [
        ("moodle", re.compile(r"^(?P<name>.+?)_(?P<student>\d+)_assignsubmission_(?:file|onlinetext)_(?P<file>.*)$")),
        ("blackboard", re.compile(r"^(?P<assignment>.+?)_(?P<student>[^_]+)_attempt_"
                                  r"(?P<order>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)(?:_(?P<file>.+))?$")),
        ("canvas", re.compile(r"^(?P<name>[a-z0-9-]+?)(?P<late>_late)?_(?P<student>\d+)_(?P<order>\d+)_(?P<file>.+)$",
                              re.IGNORECASE)),
        ("zip_collect", re.compile(rf"^(?P<student>.+?)_{a}(?:[-_ ]?\(?\d+\)?)?\.ipynb$")),
        ("zip_collect", re.compile(rf"^{a}_(?P<student>.+?)(?:[-_ ]?\(?\d+\)?)?\.ipynb$")),
    ]


@dataclass(frozen=True)
class Found:
    """What a file name of a flat export says about its student."""
    student: str
    name: str = ""
    order: str = ""                       # sorts a student's files, latest last (Canvas submission id, Blackboard time)
    file: str = ""
    lms: str = ""                         # the naming that matched
    late: bool | None = None              # the LMS's own verdict, where its names carry one (Canvas's LATE)
    timestamp: str | None = None          # when it was submitted, where the name says (Blackboard, --pattern)


def _blackboard_time(order: str) -> str:
    """Blackboard's `2026-01-05-10-11-12` as `2026-01-05 10:11:12` (nbgrader's own parser misreads the dashed form)."""
    day, clock = order[:10], order[11:]
    return f"{day} {clock.replace('-', ':')}"


def _identify(path: PurePosixPath, assignment: str, custom: re.Pattern | None) -> Found | None:
    """Who a file of a flat export belongs to, or None."""
    if custom is not None:
        m = custom.search(path.as_posix())
        if m:
            d = m.groupdict()
            return Found(d.get("student") or d.get("id") or "", d.get("name") or "", d.get("order") or "", path.name,
                         "pattern", timestamp=d.get("timestamp") or None)
    candidates = [path.name] + [p.name for p in path.parents if p.name]
    for style, pattern in flat_patterns(assignment):
        for i, text in enumerate(candidates):
            if i > 0 and style != "moodle":
                continue                        # only Moodle puts the id on a folder
            m = pattern.match(text)
            if m:
                d = m.groupdict()
                order = d.get("order") or ""
                return Found(d["student"], (d.get("name") or "").strip(), order, d.get("file") or path.name, style,
                             late=bool(d["late"]) if style == "canvas" else None,
                             timestamp=_blackboard_time(order) if style == "blackboard" else None)
    if len(path.parts) > 1:
        folder = path.parts[0]
        for prefix in (f"{assignment}-", f"{assignment}_"):
            folder = folder.removeprefix(prefix)
        return Found(folder, file=path.name, lms="folder")
    return Found(path.stem, file=path.name, lms="file name")


def _prefer(assignment: str):
    canonical = f"{assignment}.ipynb"

    def key(item: tuple[Entry, Found]):
        entry, found = item
        base = re.sub(r"[-_ ]?\(?\d+\)?(?=\.ipynb$)", "", found.file)
        order = found.order.zfill(20) if found.order.isdigit() else found.order   # Canvas ids: 9999 < 10000
        return (found.file == canonical or base == canonical, order, entry.path.as_posix())
    return key


def _flat(files: list[Entry], assignment: str, custom: re.Pattern | None) -> list[Submission]:
    by_student: dict[str, list[tuple[Entry, Found]]] = {}
    for entry in files:
        found = _identify(entry.path, assignment, custom)
        if not found or not found.student:
            continue
        by_student.setdefault(sanitize(found.student), []).append((entry, found))
    out = []
    for student, items in sorted(by_student.items()):
        notebooks = [it for it in items if it[0].path.name.lower().endswith(".ipynb")]
        name = next((found.name for _, found in items if found.name), "")
        if not notebooks:
            others = ", ".join(entry.path.name for entry, _ in items[:3])
            out.append(Submission(student, name, items[0][0].path.as_posix(), status="missing notebook",
                                  reason=f"no notebook among the submitted files ({others})", lms=items[0][1].lms))
            continue
        notebooks.sort(key=_prefer(assignment))
        entry, found = notebooks[-1]
        sub = Submission(student, name, entry.path.as_posix(), path=entry.disk, lms=found.lms,
                         late_marker=found.late, timestamp=found.timestamp)
        if len(notebooks) > 1:
            sub.notes.append(M.SEVERAL_NOTEBOOKS.format(count=len(notebooks), name=entry.path.name))
        sub.data, problem = _read(entry)
        if problem:
            sub.status, sub.reason = "invalid notebook", problem
        out.append(sub)
    return out


# ---------------------------------------------------------------------------------------------- nbgrader layout

def _nbgrader(files: list[Entry], dirs: list[PurePosixPath], assignment: str, depth: int) -> list[Submission]:
    students: dict[str, dict] = {}
    for d in dirs:
        if len(d.parts) == depth + 1 and d.parts[-1] == assignment or len(d.parts) == depth:
            students.setdefault(d.parts[depth - 1], {"files": []})
    for entry in files:
        parts = entry.path.parts
        if len(parts) > depth + 1 and parts[depth] == assignment:
            students.setdefault(parts[depth - 1], {"files": []})["files"].append(entry)
    out = []
    canonical = f"{assignment}.ipynb"
    taken: set[str] = set()
    for raw, info in sorted(students.items()):
        student = sanitize(raw)
        while student in taken:                  # two folder names that sanitize alike
            student += "_"
        taken.add(student)
        entries = info["files"]
        prefix = len(entries[0].path.parts[: depth + 1]) if entries else 0
        notebooks = [e for e in entries if e.path.suffix == ".ipynb" and len(e.path.parts) == prefix + 1]
        origin = PurePosixPath(*([raw, assignment] if depth == 1 else ["submitted", raw, assignment])).as_posix()
        sub = Submission(student, "", origin, lms="nbgrader")
        if raw != student:
            sub.notes.append(f"student id {raw!r} was changed to {student!r}")
        if not entries:
            sub.status, sub.reason = "missing notebook", f"no {assignment}/ folder or it is empty for this student"
            out.append(sub)
            continue
        exact = [e for e in notebooks if e.path.name == canonical]
        if exact:
            chosen = exact[0]
        elif notebooks:
            chosen = min(notebooks, key=lambda e: (assignment not in e.path.name, e.path.name))
            sub.notes.append(M.RENAMED_NOTEBOOK.format(name=chosen.path.name, canonical=canonical))
        else:
            names = ", ".join(e.path.name for e in entries[:4])
            sub.status, sub.reason = "missing notebook", f"no {canonical} in {origin}/ (found: {names})"
            out.append(sub)
            continue
        sub.origin, sub.path = chosen.path.as_posix(), chosen.disk
        sub.data, problem = _read(chosen)
        if problem:
            sub.status, sub.reason = "invalid notebook", problem
        extra_total = 0
        for e in entries:
            rel = PurePosixPath(*e.path.parts[prefix:])
            if e is chosen or rel.as_posix() == "timestamp.txt":
                if rel.as_posix() == "timestamp.txt":
                    data, _ = _read(e)
                    sub.timestamp = (data or b"").decode("utf-8", "replace").strip() or None
                continue
            if e.path.suffix == ".ipynb" and len(rel.parts) == 1:
                continue
            extra_total += e.size
            if extra_total > MAX_EXTRA:
                sub.notes.append(M.BIG_FILES)
                break
            data, problem = _read(e)
            if data is not None:
                sub.files[rel.as_posix()] = data
        out.append(sub)
    return out


def collect(source: Path, assignment: str, pattern: str | None = None,
            roster: list[RosterEntry] | list[str] | None = None) -> tuple[list[Submission], str]:
    """(submissions sorted by student, layout name) found in `source`."""
    source = Path(source)
    files, dirs = _entries(source)
    layout = "flat"
    depth = None
    for d in dirs:
        if d.parts[-1] == assignment and len(d.parts) in (2, 3):
            if len(d.parts) == 3 and d.parts[0] != "submitted":
                continue
            depth = len(d.parts) - 1
            break
    if depth is not None:
        layout = "nbgrader"
        if depth == 2:
            files = [e for e in files if e.path.parts[0] == "submitted"]
            dirs = [d for d in dirs if d.parts and d.parts[0] == "submitted"]
        subs = _nbgrader(files, dirs, assignment, depth)
    else:
        subs = _flat(files, assignment, re.compile(pattern) if pattern else None)
    if roster:
        _apply_roster(subs, [RosterEntry(r) if isinstance(r, str) else r for r in roster])
    return sorted(subs, key=lambda s: s.student), layout


def _apply_roster(subs: list[Submission], roster: list[RosterEntry]) -> None:
    """The roster's names win over the export's (a full name over Canvas's `liddellalice`); absent students get a row."""
    by_id = {sub.student: sub for sub in subs}
    for person in roster:
        student = sanitize(person.student)
        sub = by_id.get(student)
        if sub is None:
            sub = by_id[student] = Submission(student, "", "", status="missing notebook",
                                              reason="no submission found for this student on the roster")
            subs.append(sub)
        sub.person = person
        sub.name = person.name or sub.name
