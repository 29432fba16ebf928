"""Colab and Binder links: every chapter's badges open the right notebook of the right repository and branch.

`course.toml` ([course] repository = "owner/name", branch) is the one setting behind every link. For each chapter it
lists, the student notebook's first cell and the README's chapter table must carry

    [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/OWNER/REPO/blob/BRANCH/notebooks/CH/CH.ipynb)
    [![...Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/OWNER/REPO/BRANCH?urlpath=lab/tree/notebooks/CH/CH.ipynb)

and the notebook they point at must exist in the repository (and not be git-ignored, or GitHub would not serve it).
The expected links are built here from course.toml, independently of coursetools/course.py.
"""

import json
import re
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
with open(ROOT / "course.toml", "rb") as f:
    COURSE = tomllib.load(f)
REPOSITORY = COURSE["course"]["repository"]
BRANCH = COURSE["course"]["branch"]
CHAPTERS = [ch["id"] for ch in COURSE["chapters"]]

COLAB_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_IMAGE = "https://mybinder.org/badge_logo.svg"
# A badge: [![alt](image)](link)
BADGE = re.compile(r"\[!\[(?P<alt>[^\]]*)\]\((?P<image>[^)\s]+)\)\]\((?P<link>[^)\s]+)\)")


# The Korean edition: a chapter with a catalogue in i18n/ko/ has its notebook in ko/notebooks/ (README.ko.md).
KOREAN = [ch for ch in CHAPTERS if (ROOT / "i18n" / "ko" / f"{ch}.po").exists()]


def repo_path(ch: str, edition: str = "") -> str:
    return f"{edition}/notebooks/{ch}/{ch}.ipynb" if edition else f"notebooks/{ch}/{ch}.ipynb"


def expected_colab(ch: str, edition: str = "") -> str:
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{repo_path(ch, edition)}"


def expected_binder(ch: str, edition: str = "") -> str:
    # BinderHub wants the ref URL-encoded (a branch "fix/x" is "fix%2Fx"); "main" is unchanged.
    return (f"https://mybinder.org/v2/gh/{REPOSITORY}/{quote(BRANCH, safe='')}?urlpath=lab/tree/"
            f"{repo_path(ch, edition)}")


def badges(text: str) -> dict[str, list[re.Match]]:
    found = {"colab": [], "binder": []}
    for m in BADGE.finditer(text):
        if m["image"] == COLAB_IMAGE or "colab" in m["alt"].lower():
            found["colab"].append(m)
        elif m["image"] == BINDER_IMAGE or "binder" in m["alt"].lower():
            found["binder"].append(m)
    return found


def path_in_colab_link(link: str) -> str:
    """The repository path a Colab GitHub link opens, after checking the link's shape."""
    url = urlsplit(link)
    assert (url.scheme, url.netloc) == ("https", "colab.research.google.com"), f"not a Colab link: {link}"
    prefix = f"/github/{REPOSITORY}/blob/{BRANCH}/"
    assert url.path.startswith(prefix), f"{link} does not open {REPOSITORY} at branch {BRANCH!r} (course.toml)"
    assert not url.query and not url.fragment, f"unexpected query or fragment in {link}"
    return url.path[len(prefix):]


def path_in_binder_link(link: str) -> str:
    """The repository path a Binder link opens in JupyterLab, after checking the link's shape."""
    url = urlsplit(link)
    assert (url.scheme, url.netloc) == ("https", "mybinder.org"), f"not a mybinder.org link: {link}"
    assert url.path == f"/v2/gh/{REPOSITORY}/{quote(BRANCH, safe='')}", (
        f"{link} does not launch {REPOSITORY} at branch {BRANCH!r} (course.toml)")
    query = parse_qs(url.query)
    assert list(query) == ["urlpath"] and len(query["urlpath"]) == 1, f"expected only ?urlpath=... in {link}"
    urlpath = query["urlpath"][0]
    assert urlpath.startswith("lab/tree/"), f"Binder should open the notebook in JupyterLab (lab/tree/...): {link}"
    return urlpath[len("lab/tree/"):]


def assert_exists_in_repo(path: str, where: str) -> None:
    target = (ROOT / path).resolve()
    assert target.is_relative_to(ROOT) and target.is_file(), f"{where} links to {path}, which does not exist"
    # git check-ignore: 0 = ignored, 1 = not ignored, 128 = not a git checkout (then there is nothing to check).
    ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, capture_output=True, check=False)
    assert ignored.returncode != 0, f"{where} links to {path}, which git ignores (GitHub would not have it)"


def check_badges(text: str, ch: str, where: str, edition: str = "") -> None:
    found = badges(text)
    for kind, image, expected, extract in (
        ("colab", COLAB_IMAGE, expected_colab(ch, edition), path_in_colab_link),
        ("binder", BINDER_IMAGE, expected_binder(ch, edition), path_in_binder_link),
    ):
        assert len(found[kind]) == 1, f"{where}: expected one {kind} badge, found {len(found[kind])}"
        m = found[kind][0]
        assert m["image"] == image, f"{where}: {kind} badge image is {m['image']}, expected {image}"
        path = extract(m["link"])
        assert path == repo_path(ch, edition), f"{where}: {kind} badge opens {path}, expected {repo_path(ch, edition)}"
        assert m["link"] == expected, f"{where}: {kind} link\n  {m['link']}\nexpected\n  {expected}"
        assert_exists_in_repo(path, where)


def test_course_toml_names_a_github_repository_and_branch():
    assert re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}", REPOSITORY), (
        f"course.toml repository must be 'owner/name', got {REPOSITORY!r}")
    ok = subprocess.run(["git", "check-ref-format", "--branch", BRANCH], cwd=ROOT, capture_output=True, check=False)
    assert ok.returncode == 0, f"course.toml branch {BRANCH!r} is not a valid branch name"
    assert len(CHAPTERS) == len(set(CHAPTERS)) > 0, "course.toml must list each chapter once"


def test_every_student_notebook_is_a_registered_chapter():
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*/*.ipynb"))
    unregistered = [p for p in on_disk if p not in {repo_path(ch) for ch in CHAPTERS}]
    assert not unregistered, f"student notebooks without a chapter in course.toml (so without badges): {unregistered}"


EDITIONS = [(ch, "") for ch in CHAPTERS] + [(ch, "ko") for ch in KOREAN]
README_OF = {"": "README.md", "ko": "README.ko.md"}


@pytest.mark.parametrize(("ch", "edition"), EDITIONS)
def test_notebook_first_cell_badges(ch, edition):
    path = ROOT / repo_path(ch, edition)
    assert path.is_file(), f"{repo_path(ch, edition)} is missing: run `make release`"
    first = json.loads(path.read_text())["cells"][0]
    assert first["cell_type"] == "markdown", f"{repo_path(ch, edition)}: the first cell must be the markdown title cell"
    source = "".join(first["source"]) if isinstance(first["source"], list) else first["source"]
    check_badges(source, ch, f"{repo_path(ch, edition)} (first cell)", edition)


@pytest.mark.parametrize(("ch", "edition"), EDITIONS)
def test_readme_chapter_table_badges(ch, edition):
    readme = (ROOT / README_OF[edition]).read_text()
    rows = [line for line in readme.splitlines() if line.startswith("|") and repo_path(ch, edition) in line]
    assert rows, f"{README_OF[edition]} has no chapter-table row for {ch}: run `make release`"
    row = next((r for r in rows if "colab" in r.lower()), rows[0])
    check_badges(row, ch, f"{README_OF[edition]} (row of {ch})", edition)
    # The title link of the row points at the same notebook.
    titles = re.findall(r"(?<!!)\[[^\]]+\]\(([^)\s]+\.ipynb)\)", BADGE.sub("", row))
    for target in titles:
        assert target == repo_path(ch, edition), f"{README_OF[edition]} row of {ch} links to {target}"
        assert_exists_in_repo(target, f"{README_OF[edition]} (row of {ch})")
