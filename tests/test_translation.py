"""The Korean edition (coursetools/translate.py): complete and current catalogues, Korean code cells that run exactly
the English code, the course's terms, and the catalogue machinery itself."""

import csv
import json
import re

import nbformat
import pytest
from babel.messages.catalog import Catalog

from coursetools import translate
from coursetools.course import ROOT, Chapter, chapters

EDITION = translate.edition_chapters()
KOREAN = pytest.mark.parametrize("ch", EDITION, ids=lambda c: c.id)
AVOID = ROOT / "i18n" / "ko" / "avoid.csv"
HANGUL = re.compile("[\uac00-\ud7a3]")


def english(ch: Chapter) -> Chapter:
    return Chapter(ch.id, ch.title)


def test_every_catalogue_belongs_to_a_chapter():
    known = {f"{c.id}.po" for c in chapters()} | {translate.SHARED.name}
    found = {p.name for p in translate.CATALOGUES.glob("*.po")}
    assert found <= known, f"i18n/ko/ holds catalogues of no chapter: {sorted(found - known)}"


@KOREAN
def test_every_cell_is_translated_and_current(ch):
    missing = translate.build(ch).missing
    assert not missing, (
        f"{ch.id}: {len(missing)} cell(s) of the Korean edition are untranslated or their English changed since "
        f"(fuzzy): {missing[:8]}... Run `python -m coursetools.translate update {ch.id}`, translate them "
        f"(`python -m coursetools.translate export {ch.id} DIR`, edit, `import`), then `make release`")


@KOREAN
def test_korean_notebook_runs_the_english_code(ch):
    """Same cells, ids, types and nbgrader metadata; every code cell the same code up to comments and sentences."""
    en, ko = (nbformat.read(c.source, as_version=4) for c in (english(ch), ch))
    assert [(c.id, c.cell_type) for c in ko.cells] == [(c.id, c.cell_type) for c in en.cells]
    for a, b in zip(en.cells, ko.cells):
        assert a.metadata.get("nbgrader") == b.metadata.get("nbgrader"), f"{ch.id} cell {a.id}: nbgrader metadata"
        if a.cell_type == "code":
            assert translate.code_shape(a.source) == translate.code_shape(b.source), (
                f"{ch.id} cell {a.id}: the Korean cell's code differs from the English one (beyond comments and "
                "sentences in strings): a translation never changes code, names, keys or short strings")


@KOREAN
def test_korean_cells_are_korean(ch):
    """A markdown cell's translation has Korean in it (not the English pasted back)."""
    ko = nbformat.read(ch.source, as_version=4)
    english_only = [c.id for c in ko.cells[1:] if c.cell_type == "markdown" and not HANGUL.search(c.source)]
    assert not english_only, f"{ch.id}: markdown cells without Korean: {english_only}"


def _avoided() -> list[dict]:
    with AVOID.open() as f:
        return list(csv.DictReader(f))


def test_avoided_terms_are_not_course_terms():
    terms = (ROOT / "i18n" / "ko" / "terms.md").read_text()
    clash = [row["avoid"] for row in _avoided() if f"| {row['avoid']} |" in terms]
    assert not clash, f"i18n/ko/avoid.csv avoids terms that i18n/ko/terms.md uses: {clash}"


@pytest.mark.parametrize("path", sorted(translate.CATALOGUES.glob("*.po")), ids=lambda p: p.name)
def test_catalogue_uses_the_course_terms(path):
    """One Korean term per concept: no translation uses a variant the course avoids (i18n/ko/avoid.csv)."""
    found = []
    for entry in translate.entries(translate.read_catalogue(path)).values():
        found += [f"{row['avoid']} → {row['use']} ({entry.context or 'shared'})" for row in _avoided()
                  if row["avoid"] in entry.korean]
    assert not found, f"{path.name}: use the course's term: {found}"


def _catalogue(*messages) -> Catalog:
    catalogue = Catalog(locale="ko")
    for context, english, korean in messages:
        catalogue.add(english, korean, context=context)
    return catalogue


def test_a_changed_english_cell_makes_its_translation_fuzzy(tmp_path):
    old = _catalogue(("a", "Hello", "안녕하세요"), ("b", "Gone", "사라짐"), ("c", "Same", "같음"))
    new = translate._updated(old, [("a", "Hello, world", "markdown"), ("c", "Same", "markdown"),
                                   ("d", "New", "markdown")])
    entries = translate.entries(new)
    assert entries["a"].fuzzy and entries["a"].korean == "안녕하세요" and entries["a"].english == "Hello, world"
    path = tmp_path / "x.po"
    translate.write_catalogue(new, path)      # the English it was translated from survives a write and a read
    again = translate.read_catalogue(path).get("Hello, world", "a")
    assert [json.loads(c[len(translate.PREVIOUS):]) for c in again.auto_comments
            if c.startswith(translate.PREVIOUS)] == ["Hello"] and again.fuzzy
    assert not entries["c"].fuzzy and entries["c"].korean == "같음"
    assert entries["d"].korean == "" and not entries["d"].fuzzy
    assert "b" not in entries and any(m.string == "사라짐" for m in new.obsolete.values())


def test_code_shape_lets_sentences_change_and_nothing_else():
    shape = translate.code_shape
    base = 'assert ok, f"expected {n} rows, got {m}"  # check\nmodel.compile(loss="mse")\n'
    assert shape(base) == shape('assert ok, f"{m}개를 받았습니다. {n}개여야 합니다"\nmodel.compile(loss="mse")\n')
    assert shape(base) != shape('assert ok, f"{n}개여야 합니다"\nmodel.compile(loss="mse")\n'), "a value dropped"
    assert shape(base) != shape('assert ok, f"expected {n} rows, got {m}"\nmodel.compile(loss="mae")\n')
    assert shape(base) != shape('assert not ok, f"expected {n} rows, got {m}"\nmodel.compile(loss="mse")\n')


def test_which_cells_need_a_translation():
    cell = nbformat.v4.new_code_cell
    assert translate.needs_translation(cell("x = 1  # one"))
    assert translate.needs_translation(cell('print("the mean is", x)'))
    assert not translate.needs_translation(cell('model.compile(loss="mse", metrics=["mae"])'))
    assert not translate.needs_translation(cell("# NBVAL_CHECK_OUTPUT\nx.shape"))
    assert not translate.needs_translation(cell('# NBVAL_CHECK_OUTPUT\nprint("points of class 1:", n)'))
    assert translate.needs_translation(nbformat.v4.new_markdown_cell("## Summary"))
    assert not translate.needs_translation(cell("def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION"))
    assert not translate.needs_translation(cell('plt.plot(x, y, label="the fit")\nplt.xlabel("the epoch")')), (
        "plot labels stay English (no Korean font needed)")
    assert not translate.needs_translation(cell('ax.set(xlabel="the epoch", title="validation loss per epoch")'))
    assert translate.without_badges("x = 1\n\n\ndef f():\n    pass") == "x = 1\n\n\ndef f():\n    pass"


ROLES = ("wrong", "not answered", "right")


def _mixed_submission(ch: Chapter):
    """The Korean release with its exercises answered in turn wrongly (the English edition's first wrong answer to
    that exercise, tests/wrong_answers), not at all (as released) and rightly (the Korean reference): (notebook,
    {exercise: role})."""
    from test_grading import wrong_answers

    from coursetools import notebook

    source, nb = notebook.read(ch.source), notebook.read(ch.release)
    wrong = {}
    for answer in wrong_answers(english(ch)):
        if not answer.get("alone"):
            wrong.setdefault(notebook.exercise_of(answer["cell"]), answer)
    exercises = sorted(notebook.points_by_exercise(source), key=lambda e: int(e[2:]))
    roles = {e: ROLES[i % 3] if ROLES[i % 3] != "wrong" or e in wrong else "right" for i, e in enumerate(exercises)}
    for cell in notebook.nbgrader_cells(source):
        if cell.kind == "solution" and roles.get(notebook.exercise_of(cell.grade_id)) == "right":
            notebook.replace_cell(nb, cell.grade_id, cell.source)
    for exercise, role in roles.items():
        if role == "wrong":
            notebook.replace_cell(nb, wrong[exercise]["cell"], wrong[exercise]["source"])
    return nb, roles


@pytest.mark.parametrize("ch", [pytest.param(ch, id=ch.id, marks=pytest.mark.xdist_group(ch.id)) for ch in EDITION])
def test_korean_edition_scores_like_the_english(ch, tmp_path_factory):
    """The same answers score the same points in both editions, in one Korean submission through the batch grader
    (on its exercise slice, as tests/test_grading.py grades the English edition): exercises answered wrongly score 0,
    as the English edition's wrong answers do there; those left as released score 0 and say "아직 답하지 않았습니다"
    (the Korean "not answered yet"); those answered as the Korean reference score full marks, whatever the
    exercises beside them hold (so a wrong answer costs nothing elsewhere). The Korean reference's full marks on
    every exercise, hidden tests included, are proved where it runs whole: the Colab-like stage of `make test`
    (tools/colab_check.py) fails on any test cell that fails. More wrong answers would run the very same code again
    (every Korean cell's code is the English code: test_korean_notebook_runs_the_english_code); the English
    edition's tests grade them all."""
    from exercise_slice import exercise_slice
    from test_grading import THREADS

    from coursetools import notebook
    from coursetools.scratch import ScratchCourse

    folder = tmp_path_factory.mktemp(f"ko-{ch.id}")
    nb, roles = _mixed_submission(ch)
    assert set(roles.values()) == set(ROLES), roles
    path = folder / f"{ch.id}.ipynb"
    notebook.nbformat.write(exercise_slice(nb), path)
    result = ScratchCourse(ch, folder / "course").grade_sandboxed("mixed", path, THREADS)

    problems = []
    for cell in result.cells.values():
        role = roles[notebook.exercise_of(cell.grade_id)]
        expected = cell.max_score if role == "right" else 0
        if cell.score != expected:
            problems.append(f"{cell.grade_id} ({role}) scored {cell.score}, the English edition {expected} "
                            f"({cell.message})")
        if role == "not answered" and "아직 답하지 않았습니다" not in (cell.message or ""):
            problems.append(f"{cell.grade_id} (not answered) does not say 아직 답하지 않았습니다: {cell.message}")
    assert not problems, "\n".join(problems)
