"""Generate student notebooks from instructor sources (the one source of truth).

    python -m coursetools.release            # all chapters: restamp badges, regenerate notebooks/
    python -m coursetools.release --check    # exit 1 if notebooks/ differs from a fresh release

Generation is plain `nbgrader generate_assignment --no-db` (through nbgrader's Python API, one import for every
chapter), run in a scratch course folder so that the repository never gets a gradebook from it.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from autograder.grading.gradebook import nbgrader_api
from coursetools import full_run, notebook, translate
from coursetools.course import ROOT, Chapter, badges, binder_url, chapters, colab_url

BADGE_PREFIX = "[![Open In Colab]"
README = ROOT / "README.md"
README_KO = ROOT / "README.ko.md"
TABLE_START, TABLE_END = "<!-- chapters:start -->", "<!-- chapters:end -->"
STANDS_START, STANDS_END = "<!-- results:start -->", "<!-- results:end -->"


def stamp_badges(ch: Chapter) -> bool:
    """Put the chapter's badge line right under the title of the source's first cell. True if changed."""
    nb = nbformat.read(ch.source, as_version=4)
    first = nb.cells[0]
    lines = [line for line in first.source.splitlines() if not line.startswith(BADGE_PREFIX)]
    if not lines or not lines[0].startswith("# "):
        raise ValueError(f"{ch.source}: the first cell must start with the chapter title ('# Chapter ...')")
    new_source = "\n".join([lines[0], "", badges(ch), *lines[1:]]).replace("\n\n\n", "\n\n")
    if new_source == first.source:
        return False
    first.source = new_source
    nbformat.write(nb, ch.source)
    return True


def chapter_table() -> str:
    """The README's chapter table, from course.toml and the sources' graded cells."""
    rows = ["| # | Chapter | Exercises | Points | Colab | Binder |", "|---|---|---|---|---|---|"]
    for ch in chapters():
        points = notebook.points_by_exercise(notebook.read(ch.source))
        rows.append(
            f"| {ch.number} | [{ch.title}]({ch.repo_path}) | {len(points)} | {sum(points.values()):g} "
            f"| [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(ch)}) "
            f"| [![Binder](https://mybinder.org/badge_logo.svg)]({binder_url(ch)}) |")
    return "\n".join(rows)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def where_the_course_stands(rows: list[dict] | None = None) -> str:
    """The README's "where the course stands" block: totals, then one row per full run in results/full_run.json."""
    rows = full_run.load_results() if rows is None else rows
    points = {ch.id: notebook.points_by_exercise(notebook.read(ch.source)) for ch in chapters()}
    lines = [(f"**Where the course stands:** {len(points)} chapters, {sum(map(len, points.values()))} graded "
              f"exercises, {sum(sum(p.values()) for p in points.values()):g} points. Figures of the full (non-fast) "
              "runs, generated from `results/full_run.json` (written by `make full-run`):"),
             "",
             "| # | Chapter | Headline figures | Wall time | Device | TensorFlow | Data | Date |",
             "|---|---|---|---|---|---|---|---|"]
    for ch in chapters():
        runs = [r for r in rows if r["chapter"] == ch.id]
        if not runs:
            lines.append(f"| {ch.number} | {ch.title} | not run yet | | | | | |")
        for r in runs:
            figures = ", ".join(f"{key} {value}" for key, value in r["metrics"].items()) or "— (no `COURSE_RESULTS` line)"
            data = ", ".join(f"{name} ({origin})" for name, origin in r["data"].items()) or "generated in the notebook"
            lines.append(f"| {ch.number} | {ch.title} | {figures} | {_duration(r['wall_seconds'])} | {r['device']} "
                         f"| {r['tensorflow']} | {data} | {r['date']} |")
    known = {ch.id for ch in chapters()}
    for device in dict.fromkeys(r["device"] for r in rows if r["chapter"] in known):
        ran = [r for r in rows if r["device"] == device and r["chapter"] in known]
        lines.append("")
        lines.append(f"All {len(ran)} chapter(s) run on {device}: {_duration(sum(r['wall_seconds'] for r in ran))} "
                     "in all.")
    return "\n".join(lines)


def korean_chapter_table() -> str:
    """README.ko.md's chapter table: every chapter, with its Korean title and badges once it is translated."""
    rows = ["| 장 | 제목 | 연습 문제 | 점수 | Colab | Binder |", "|---|---|---|---|---|---|"]
    translated = {ch.id: ch for ch in translate.edition_chapters()}
    for english in chapters():
        points = notebook.points_by_exercise(notebook.read(english.source))
        ch = translated.get(english.id)
        if ch is None or not ch.source.exists():
            rows.append(f"| {english.number} | {english.title} (번역 중) | {len(points)} | {sum(points.values()):g} "
                        "| | |")
            continue
        title = notebook.read(ch.source).cells[0].source.splitlines()[0].split(" — ", 1)[-1]
        rows.append(
            f"| {ch.number} | [{title}]({ch.repo_path}) | {len(points)} | {sum(points.values()):g} "
            f"| [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(ch)}) "
            f"| [![Binder](https://mybinder.org/badge_logo.svg)]({binder_url(ch)}) |")
    return "\n".join(rows)


def _blocks() -> list[tuple[Path, str, str, str]]:
    return [(README, TABLE_START, chapter_table(), TABLE_END),
            (README, STANDS_START, where_the_course_stands(), STANDS_END),
            (README_KO, TABLE_START, korean_chapter_table(), TABLE_END)]


def readme_is_current() -> bool:
    return all(f"{start}\n{body}\n{end}" in path.read_text() for path, start, body, end in _blocks())


def stamp_readme() -> bool:
    """Rewrite the READMEs' generated blocks (chapter tables, where the course stands) between their markers."""
    changed = False
    for path, start, body, end in _blocks():
        text = path.read_text()
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        new = f"{head}{start}\n{body}\n{end}{tail}"
        if new != text:
            path.write_text(new)
            changed = True
    return changed


def generate(ch: Chapter, course_root: Path) -> Path:
    """Release `ch` inside a scratch `course_root` (generate_assignment --force --no-db); return the generated
    student notebook."""
    shutil.copytree(ch.source.parent, course_root / "solutions" / ch.id, dirs_exist_ok=True)
    done = nbgrader_api(course_root).generate_assignment(ch.id, force=True, create=False)
    student = course_root / "notebooks" / ch.id / f"{ch.id}.ipynb"
    if not done["success"] or not student.exists():
        raise RuntimeError(f"nbgrader generate_assignment {ch.id} failed:\n{done.get('log', '')}\n{done.get('error', '')}")
    tidy(student)
    return student


def tidy(path: Path) -> None:
    """Drop what only the test suite needs: nbval's check markers and execution timestamps."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and cell.source.startswith(notebook.CHECK_MARK):
            cell.source = cell.source[len(notebook.CHECK_MARK):].lstrip("\n")
    nbformat.write(nb, path)


def korean(selected: list[Chapter]) -> list[Chapter]:
    """The Korean edition's chapters among `selected` (those with a catalogue, i18n/ko/)."""
    ids = {ch.id for ch in selected}
    return [ch for ch in translate.edition_chapters() if ch.id in ids]


def release(selected: list[Chapter]) -> None:
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        for ch in selected:
            if stamp_badges(ch):
                print(f"{ch.id}: badges restamped in {ch.source.relative_to(ROOT)}")
            _release_one(ch, Path(tmp) / "en")
        for ch in korean(selected):
            missing = translate.write_source(ch)
            if missing:
                print(f"{ch.id}: {len(missing)} cell(s) of the Korean edition still in English (untranslated or "
                      f"changed since translated): `python -m coursetools.translate status`")
            _release_one(ch, Path(tmp) / ch.edition)
    if stamp_readme():
        print("README.md: chapter table and full-run figures updated")


def _release_one(ch: Chapter, scratch: Path) -> None:
    student = generate(ch, scratch)
    ch.release.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(student, ch.release)
    print(f"{ch.id}: released to {ch.release.relative_to(ROOT)}")


def stale(selected: list[Chapter]) -> list[str]:
    """Chapters whose committed student notebook differs from a fresh release."""
    out = []
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        for ch in selected:
            fresh = generate(ch, Path(tmp) / "en").read_bytes()
            if not ch.release.exists() or ch.release.read_bytes() != fresh:
                out.append(ch.id)
        for ch in korean(selected):
            built = translate.source_text(translate.build(ch))
            fresh = generate(ch, Path(tmp) / ch.edition).read_bytes()
            if (not ch.source.exists() or ch.source.read_text() != built or not ch.release.exists()
                    or ch.release.read_bytes() != fresh):
                out.append(f"{ch.edition}/{ch.id}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate notebooks/ from solutions/.")
    parser.add_argument("chapters", nargs="*", help="chapter ids (default: all in course.toml)")
    parser.add_argument("--check", action="store_true", help="only report chapters whose release is stale")
    args = parser.parse_args(argv)
    selected = [c for c in chapters() if not args.chapters or c.id in args.chapters]
    if args.check:
        bad = stale(selected)
        for ch_id in bad:
            print(f"{ch_id}: notebooks/ is out of date or was edited by hand; run `make release`")
        if not readme_is_current():
            bad.append("README.md")
            print("README.md: the chapter table or the full-run figures are out of date; run `make release`")
        return 1 if bad else 0
    release(selected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
