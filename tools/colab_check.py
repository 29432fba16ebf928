"""Run every solution notebook in the Colab-like environment (.venv-colab), the way Colab would open it.

Each notebook is copied alone into a scratch folder, away from this repository (no project code on the path, no
conftest, no data folder), and executed under nbval by the Colab-like interpreter in fast mode. Only the dataset
caches are seeded, as in the suite, because the machines that run this have no internet. A notebook that needs an API
newer than Colab's TensorFlow/Keras/pandas/matplotlib fails here.

    .venv/bin/python tools/colab_check.py --python .venv-colab/bin/python [ch01_tensors ...]

Prints one line per chapter with its time, and exits non-zero if any notebook failed.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.sandbox.resources import thread_env
from coursetools.course import chapters
from coursetools.translate import edition_chapters
from data.fixtures import seeded_caches

# The suite's conftest makes nbval ignore stderr (TensorFlow logs, warnings) in checked cells; do the same here.
CONFTEST = '''import nbval.plugin as nbval_plugin

_coalesce = nbval_plugin.coalesce_streams


def _without_stderr(outputs):
    return _coalesce([o for o in outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")])


nbval_plugin.coalesce_streams = _without_stderr
'''


def run_one(python: str, chapter, scratch: Path, env: dict, timeout: int) -> tuple[str, bool, float, str]:
    name = f"{chapter.edition}/{chapter.id}" if chapter.edition else chapter.id
    folder = scratch / name.replace("/", "-")
    folder.mkdir()
    shutil.copy2(chapter.source, folder / chapter.source.name)
    (folder / "conftest.py").write_text(CONFTEST)
    start = time.monotonic()
    try:
        done = subprocess.run(
            [python, "-m", "pytest", "--nbval", "--nbval-current-env", "-q", "-p", "no:cacheprovider",
             chapter.source.name],
            cwd=folder, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        ok, log = done.returncode == 0, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        ok, log = False, f"timed out after {timeout} s"
    return name, ok, time.monotonic() - start, log


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=str(ROOT / ".venv-colab" / "bin" / "python"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("COLAB_WORKERS", os.cpu_count() or 1)))
    parser.add_argument("--timeout", type=int, default=900, help="seconds per notebook")
    parser.add_argument("--editions", default=os.environ.get("COLAB_EDITIONS", "en,ko"),
                        help="which editions' notebooks: en, ko or en,ko (default: both, or $COLAB_EDITIONS)")
    parser.add_argument("chapters", nargs="*", help="chapter ids (default: every chapter in course.toml)")
    args = parser.parse_args()
    # Absolute, because each notebook runs in its own scratch folder; abspath, not resolve(): a venv's python is a
    # symlink to the base interpreter, and following it would leave the venv.
    args.python = os.path.abspath(args.python)
    editions = {e.strip() for e in args.editions.split(",") if e.strip()}
    if not editions or editions - {"en", "ko"}:
        parser.error(f"--editions: en, ko or en,ko, not {args.editions!r}")
    wanted = [c for c in chapters() if not args.chapters or c.id in args.chapters]
    selected = wanted if "en" in editions else []
    # The Korean notebooks run the English code (tests/test_translation.py proves each code cell's AST equal, and the
    # outputs nbval compares are the English cells' own): `make test` runs only them here, and the English notebooks
    # run whole in its other environment (tests/test_grading.py), so each chapter's code runs once in each.
    if "ko" in editions:
        ids = {c.id for c in wanted}
        selected += [c for c in edition_chapters() if c.source.exists() and c.id in ids]
    # the installed versions from the packages' metadata (importing TensorFlow here would cost seconds)
    probe = ("import sys; from importlib.metadata import version as v; "
             "print(f'Python {sys.version.split()[0]}, TensorFlow {v(\"tensorflow\")}, Keras {v(\"keras\")}')")
    version = subprocess.run([args.python, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    print(f"colab-test: {len(selected)} notebook(s) in {version}, {args.workers} at a time", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="colab-") as tmp, seeded_caches():
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
        # A glyph a plot's font lacks (Korean text in a label) is drawn as a box: make matplotlib's warning an error.
        env["PYTHONWARNINGS"] = ",".join(filter(None, [env.get("PYTHONWARNINGS"), "error:Glyph"]))
        env.update(COURSE_FAST="1", TF_CPP_MIN_LOG_LEVEL="2", MPLBACKEND="Agg", TMPDIR=tmp,  # kernels' temp files
                   PATH=os.pathsep.join([str(Path(args.python).parent), env.get("PATH", "")]))
        # notebooks run side by side: each kernel gets its share of the cores, as in the suite (conftest.py)
        env.update(thread_env(min(args.workers, len(selected))))
        with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
            results = list(pool.map(lambda ch: run_one(args.python, ch, Path(tmp), env, args.timeout), selected))
    failed = []
    for chapter_id, ok, seconds, log in results:
        print(f"  {chapter_id:28s} {'ok    ' if ok else 'FAILED'} {seconds:6.1f} s", flush=True)
        if not ok:
            failed.append(chapter_id)
            print("\n".join("      " + line for line in log.strip().splitlines()[-40:]))
    print(f"colab-test: {len(selected) - len(failed)} passed, {len(failed)} failed, "
          f"{time.monotonic() - started:.0f} s in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
