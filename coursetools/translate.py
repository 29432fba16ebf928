"""The Korean edition (한국어판): gettext catalogues of the English chapters, and the Korean notebooks built from them.

    python -m coursetools.translate update [CHAPTER ...]   bring i18n/ko/*.po up to date with the English sources
    python -m coursetools.translate status                 what each catalogue still needs
    python -m coursetools.translate export CATALOGUE DIR   one pair of files per entry, to translate in an editor
    python -m coursetools.translate import CATALOGUE DIR   put the edited translations back (CATALOGUE: a chapter
                                                         id, or "shared")
    python -m coursetools.release                          builds ko/solutions/ and ko/notebooks/ from them

The English instructor notebook stays the one source of truth. Each chapter's catalogue `i18n/ko/<chapter>.po` holds
one entry per cell that has something to translate (every markdown cell; a code cell with a comment or a sentence in
a string): its context (`msgctxt`) is the cell's id, its `msgid` the English cell, its `msgstr` the Korean cell. A
cell the same in several chapters (the check-all cell, "How this notebook works") is translated once, in
`i18n/ko/shared.po`. `update` adds new cells untranslated, marks an entry whose English cell changed as fuzzy (the
old English kept in a comment for the translator), and keeps removed cells as obsolete entries. The Korean notebook
takes the translation of every entry that is translated and not fuzzy, the English cell otherwise; tests/
test_translation.py fails while a catalogue has a fuzzy or untranslated entry, and checks that every Korean code cell
equals its English cell up to comments and sentences in strings (a translation never changes what is tested).
Catalogues are read and written with Babel, so Poedit, Lokalize or any gettext tool can edit them.
"""

import argparse
import ast
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from coursetools.course import ROOT, Chapter, badges, chapters
from coursetools.notebook import CHECK_MARK  # a cell whose output nbval compares prints the same in every edition

LANGUAGE = "ko"
CATALOGUES = ROOT / "i18n" / LANGUAGE
SHARED = CATALOGUES / "shared.po"
BADGE_PREFIX = "[![Open In Colab]"
PREVIOUS = "previous English (the translation was made for it):"
# Lines that are instructions to a tool, not prose: they stay in English in every edition.
TOOL_LINES = re.compile(r"^\s*#+ ?(NBVAL_\w+|(BEGIN|END) (SOLUTION|HIDDEN TESTS)|noqa\b.*|type: ignore.*)\s*$")
SENTENCE = re.compile(r"[A-Za-z]{2,}[^\n]*\s")


@dataclass(frozen=True)
class Entry:
    context: str        # the English cell's id
    english: str        # the English cell, badge lines left out
    korean: str         # "" while untranslated
    fuzzy: bool         # the English cell changed since it was translated


def without_badges(source: str) -> str:
    """The title cell without the badge line the release stamps into it; any other cell as it is."""
    lines = source.splitlines()
    if not any(line.startswith(BADGE_PREFIX) for line in lines):
        return source
    kept = [line for line in lines if not line.startswith(BADGE_PREFIX)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


# What a plot shows stays English in every edition (no Korean font needed): these calls' strings are not sentences
# to translate.
PLOT_TEXT = {"title", "set_title", "suptitle", "xlabel", "ylabel", "set_xlabel", "set_ylabel", "legend", "text",
             "annotate", "set_xticklabels", "set_yticklabels", "colorbar", "set_label"}


def _plot_strings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are labels of a plot (arguments of PLOT_TEXT calls, `label=` keywords)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = list(node.args) + [k.value for k in node.keywords] if name in PLOT_TEXT else \
                [k.value for k in node.keywords if k.arg == "label" or k.arg in PLOT_TEXT]   # ax.set(title=...)
            out |= {id(n) for arg in args for n in ast.walk(arg) if isinstance(n, ast.Constant)}
    return out


def _comments(source: str) -> list[str]:
    """The comments of a code cell that are prose (not NBVAL_ markers, nbgrader's block markers or lint pragmas)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(ipython_free(source)).readline))
    except (tokenize.TokenError, SyntaxError):
        return [line for line in source.splitlines() if line.lstrip().startswith("#")]
    return [t.string for t in tokens if t.type == tokenize.COMMENT and not TOOL_LINES.match(t.string)]


def needs_translation(cell) -> bool:
    """Markdown cells, and code cells with a comment or a sentence in a string (what a reader of the cell reads),
    plot labels left out."""
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    if cell.cell_type != "code":
        return False
    if _comments(cell.source):
        return True
    if cell.source.startswith(CHECK_MARK):      # what it prints is compared with the stored output: stays English
        return False
    try:
        tree = ast.parse(ipython_free(cell.source))
    except SyntaxError:
        return False
    labels = _plot_strings(tree)
    return any(isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in labels
               and SENTENCE.search(node.value) for node in ast.walk(tree))


def ipython_free(source: str) -> str:
    """The cell without IPython-only lines (`%magic`, `!shell`), which Python's parser rejects."""
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def cells(ch: Chapter) -> list:
    return [c for c in nbformat.read(ch.source, as_version=4).cells if needs_translation(c)]


def shared_sources(by_chapter: dict[str, list]) -> set[str]:
    """English cells that appear in two chapters or more ({chapter id: its cells}): translated once, in shared.po."""
    seen: dict[str, set[str]] = {}
    for chapter_id, found in by_chapter.items():
        for cell in found:
            seen.setdefault(without_badges(cell.source), set()).add(chapter_id)
    return {source for source, where in seen.items() if len(where) > 1}


def catalogue_path(chapter_id: str) -> Path:
    return CATALOGUES / f"{chapter_id}.po"


def read_catalogue(path: Path) -> Catalog:
    if not path.exists():
        return Catalog(locale=LANGUAGE, project="tf-keras-course", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=LANGUAGE)


def write_catalogue(catalogue: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    # No wrapping (a width Babel cannot reach): a comment, wrapped, would lose the spaces at its line ends.
    write_po(buffer, catalogue, width=1 << 30, sort_output=False, omit_header=False, ignore_obsolete=False)
    # Babel stamps the time of writing; a catalogue that did not change must not change on disk.
    text = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", buffer.getvalue().decode())
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def entries(catalogue: Catalog) -> dict[str, Entry]:
    """context (cell id, or the English text in shared.po) -> entry."""
    out = {}
    for message in catalogue:
        if message.id:
            key = message.context or message.id
            out[key] = Entry(message.context or "", message.id, message.string or "", message.fuzzy)
    return out


def _merged(old: Message | None, english: str, context: str | None, comment: str) -> Message:
    """The entry for `english`: new, unchanged, or changed (fuzzy, the English it was translated from kept)."""
    if old is None:
        return Message(english, "", context=context, auto_comments=[comment])
    if old.id == english:
        return Message(english, old.string, context=context, auto_comments=old.auto_comments, flags=old.flags)
    before = [c for c in old.auto_comments if not c.startswith(PREVIOUS)] or [comment]
    if old.string and not old.fuzzy:       # keep the first English it was translated from, not each step since
        before.append(f"{PREVIOUS} {json.dumps(old.id, ensure_ascii=False)}")   # one line: a .po comment is one
    else:
        before += [c for c in old.auto_comments if c.startswith(PREVIOUS)]
    return Message(english, old.string, context=context, auto_comments=before,
                   flags={"fuzzy"} if old.string else set())


def _updated(old: Catalog, wanted: list[tuple[str | None, str, str]]) -> Catalog:
    """A catalogue with the `wanted` (context, English, comment) entries in order; the others become obsolete."""
    by_key = {(m.context or m.id): m for m in old if m.id}
    new = Catalog(locale=LANGUAGE, project="tf-keras-course", fuzzy=False)
    for context, english, comment in wanted:
        message = _merged(by_key.pop(context or english, None), english, context, comment)
        new[message.id] = message  # Babel keys a message by (id, context)
    for message in list(old.obsolete.values()) + list(by_key.values()):
        if message.string:                 # a translation is never thrown away: it may serve a cell that comes back
            new.obsolete[(message.id, message.context) if message.context else message.id] = message
    return new


def update(selected: list[Chapter]) -> None:
    by_chapter = {ch.id: cells(ch) for ch in chapters()}      # each notebook read and parsed once
    shared = shared_sources(by_chapter)
    wanted_shared: dict[str, str] = {}
    for ch in chapters():
        for cell in by_chapter[ch.id]:
            english = without_badges(cell.source)
            if english in shared:
                wanted_shared.setdefault(english, f"{cell.cell_type} cell, in several chapters")
        if ch in selected:
            wanted = [(cell.id, without_badges(cell.source), f"{cell.cell_type} cell {cell.id}")
                      for cell in by_chapter[ch.id] if without_badges(cell.source) not in shared]
            write_catalogue(_updated(read_catalogue(catalogue_path(ch.id)), wanted), catalogue_path(ch.id))
    write_catalogue(_updated(read_catalogue(SHARED), [(None, e, c) for e, c in wanted_shared.items()]), SHARED)


def edition_chapters() -> list[Chapter]:
    """The chapters of the Korean edition: those with a catalogue."""
    return [Chapter(ch.id, ch.title, LANGUAGE) for ch in chapters() if catalogue_path(ch.id).exists()]


@dataclass(frozen=True)
class Build:
    notebook: nbformat.NotebookNode
    missing: list[str]      # ids of cells left in English (untranslated or fuzzy)


def build(ch: Chapter) -> Build:
    """The Korean instructor notebook of `ch` (an edition chapter): every translatable cell from the catalogues."""
    english = Chapter(ch.id, ch.title)
    nb = nbformat.read(english.source, as_version=4)
    own, shared = entries(read_catalogue(catalogue_path(ch.id))), entries(read_catalogue(SHARED))
    missing = []
    for cell in nb.cells:
        if not needs_translation(cell):
            continue
        text = without_badges(cell.source)
        entry = shared.get(text) if text in shared else own.get(cell.id)
        if entry is None or entry.english != text or entry.fuzzy or not entry.korean:
            missing.append(cell.id)
            continue
        if cell.cell_type == "code" and cell.source != entry.korean and not cell.source.startswith(CHECK_MARK):
            cell.outputs, cell.execution_count = [], None   # what it printed in English is not what it prints now
        cell.source = entry.korean
    title = nb.cells[0].source.splitlines()
    nb.cells[0].source = "\n".join([title[0], "", badges(ch), *title[1:]]).replace("\n\n\n", "\n\n")
    nb.metadata["course"] = {"edition": LANGUAGE}
    return Build(nb, missing)


def source_text(built: Build) -> str:
    """The Korean instructor notebook as its file holds it."""
    return nbformat.writes(built.notebook) + "\n"


def write_source(ch: Chapter) -> list[str]:
    """Write the Korean instructor notebook; return the cells still in English."""
    built = build(ch)
    ch.source.parent.mkdir(parents=True, exist_ok=True)
    text = source_text(built)
    if not ch.source.exists() or ch.source.read_text() != text:
        ch.source.write_text(text)
    return built.missing


class _Blanked(ast.NodeTransformer):
    """Blank what a translation may change: a string with a sentence in it (its words are the reader's), f-strings'
    text (their interpolated expressions are kept, in any order: Korean puts them elsewhere in the sentence) and
    docstrings. A string without a sentence (`"relu"`, a dict key, a file name) must stay the same."""

    def visit_Constant(self, node):
        if isinstance(node.value, str) and (SENTENCE.search(node.value) or not node.value.isascii()):
            return ast.copy_location(ast.Constant(""), node)
        return node

    def visit_JoinedStr(self, node):
        kept = sorted((self.visit(v) for v in node.values if isinstance(v, ast.FormattedValue)), key=ast.dump)
        return ast.copy_location(ast.JoinedStr(values=kept), node)


def code_shape(source: str) -> str:
    """The code of a cell with comments and translatable text blanked: equal in both editions, or the translation
    changed what runs."""
    return ast.dump(_Blanked().visit(ast.parse(ipython_free(source))))


def _entry_files(folder: Path, number: int, message: Message) -> tuple[Path, Path]:
    name = f"{number:03d}_{message.context or 'shared'}"
    return folder / f"{name}.en.txt", folder / f"{name}.ko.txt"


def export(path: Path, folder: Path) -> None:
    """Each entry as NNN_<cell id>.en.txt (the English cell) and .ko.txt (its translation so far, the English cell
    for an untranslated one), plus NNN_<cell id>.fuzzy for one whose English changed since it was translated."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, message in enumerate((m for m in read_catalogue(path) if m.id), 1):
        english, korean = _entry_files(folder, number, message)
        english.write_text(message.id)
        korean.write_text(message.string or message.id)
        if message.fuzzy:
            korean.with_suffix("").with_suffix(".fuzzy").write_text(
                "\n\n".join(json.loads(c[len(PREVIOUS):]) for c in message.auto_comments if c.startswith(PREVIOUS))
                or "(the English it was translated from is not known)")


def import_(path: Path, folder: Path) -> int:
    """Take every .ko.txt that differs from its English cell (or from the translation it had) as the entry's
    translation, no longer fuzzy; return how many entries changed."""
    catalogue, changed = read_catalogue(path), 0
    for number, message in enumerate((m for m in catalogue if m.id), 1):
        english, korean = _entry_files(folder, number, message)
        if not korean.exists() or english.read_text() != message.id:
            continue                       # the catalogue changed since the export: export again
        text = korean.read_text().strip("\n")
        if text and text != message.id.strip("\n") and (text != message.string or message.fuzzy):
            message.string = text
            message.flags.discard("fuzzy")
            changed += 1
    write_catalogue(catalogue, path)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("update", "status", "export", "import"))
    parser.add_argument("chapters", nargs="*", help="chapter ids (default: every chapter with a catalogue)")
    args = parser.parse_args()
    if args.command in ("export", "import"):
        if len(args.chapters) != 2:
            sys.exit(f"usage: python -m coursetools.translate {args.command} CHAPTER|shared FOLDER")
        path = SHARED if args.chapters[0] == "shared" else catalogue_path(args.chapters[0])
        if not path.exists():
            sys.exit(f"no catalogue {path.relative_to(ROOT)}: run `python -m coursetools.translate update CHAPTER`")
        if args.command == "export":
            export(path, Path(args.chapters[1]))
        else:
            print(f"{import_(path, Path(args.chapters[1]))} entries translated in {path.relative_to(ROOT)}")
        return
    known = {ch.id: ch for ch in chapters()}
    unknown = [c for c in args.chapters if c not in known]
    if unknown:
        sys.exit(f"unknown chapter(s) {unknown}; known: {', '.join(known)}")
    selected = [known[c] for c in args.chapters] or [known[ch.id] for ch in edition_chapters()]
    if args.command == "update":
        update(selected)
    for path in [SHARED] + [catalogue_path(ch.id) for ch in selected]:
        found = list(entries(read_catalogue(path)).values())
        fuzzy = sum(e.fuzzy for e in found)
        empty = sum(not e.korean for e in found)
        print(f"{path.relative_to(ROOT)}: {len(found)} entries, {len(found) - fuzzy - empty} translated, "
              f"{fuzzy} fuzzy, {empty} untranslated")


if __name__ == "__main__":
    main()
