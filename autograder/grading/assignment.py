"""Which assignment a batch grades: a chapter of the course this grader sits in, or any nbgrader source notebook.

The course is this repository, an nbgrader course folder: its `nbgrader_config.py`, its instructor notebooks in
nbgrader's source folder (`solutions/<assignment>/<assignment>.ipynb`), and the Korean edition's under `ko/`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NBGRADER_CONFIG = ROOT / "nbgrader_config.py"
SOURCE_DIR = "solutions"


def source_notebook(assignment: str, edition: str = "") -> Path:
    """The instructor notebook of `assignment` in the course (`edition` "ko": the Korean edition's)."""
    return ROOT / edition / SOURCE_DIR / assignment / f"{assignment}.ipynb"


def resolve(target: str) -> tuple[str, Path]:
    """(assignment name, instructor notebook) for a chapter id, `ko/<chapter id>` (the Korean edition) or a
    notebook path."""
    path = Path(target)
    if path.suffix == ".ipynb" and path.exists():
        return path.stem, path.resolve()
    edition, _, chapter_id = target.rpartition("/")
    if not source_notebook(chapter_id).exists():
        known = sorted(p.name for p in (ROOT / SOURCE_DIR).iterdir() if source_notebook(p.name).exists())
        raise KeyError(f"unknown chapter {chapter_id!r}; known: {', '.join(known)}")
    source = source_notebook(chapter_id, edition)
    if edition and not source.exists():
        raise KeyError(f"no {edition} edition of {chapter_id}: {source.relative_to(ROOT)} does not exist")
    return chapter_id, source
