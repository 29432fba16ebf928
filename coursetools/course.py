"""The course's layout and settings, read from `course.toml` at the repository root."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "solutions"
RELEASE_DIR = ROOT / "notebooks"


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    edition: str = ""       # "" for the English course, "ko" for the Korean edition (ko/, coursetools/translate.py)

    @property
    def number(self) -> int:
        return int(self.id[2:4])

    @property
    def course_root(self) -> Path:
        """The nbgrader course folder of the chapter's edition: the repository root, or ko/ for the Korean one."""
        return ROOT / self.edition

    @property
    def source(self) -> Path:
        return self.course_root / SOURCE_DIR.name / self.id / f"{self.id}.ipynb"

    @property
    def release(self) -> Path:
        return self.course_root / RELEASE_DIR.name / self.id / f"{self.id}.ipynb"

    @property
    def repo_path(self) -> str:
        """The student notebook's path inside the repository."""
        return self.release.relative_to(ROOT).as_posix()


@cache
def settings() -> dict:
    with open(ROOT / "course.toml", "rb") as f:
        return tomllib.load(f)


def chapters() -> list[Chapter]:
    return [Chapter(c["id"], c["title"]) for c in settings()["chapters"]]


def chapter(chapter_id: str) -> Chapter:
    for c in chapters():
        if c.id == chapter_id:
            return c
    raise KeyError(f"unknown chapter {chapter_id!r}; known: {', '.join(c.id for c in chapters())}")


def colab_url(ch: Chapter) -> str:
    s = settings()["course"]
    return f"https://colab.research.google.com/github/{s['repository']}/blob/{s['branch']}/{ch.repo_path}"


def binder_url(ch: Chapter) -> str:
    s = settings()["course"]
    return f"https://mybinder.org/v2/gh/{s['repository']}/{s['branch']}?urlpath=lab/tree/{ch.repo_path}"


def badges(ch: Chapter) -> str:
    """The badge line that opens a chapter's title cell and its README row."""
    return (f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(ch)}) "
            f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder_url(ch)})")
