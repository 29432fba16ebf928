"""The course's full run: every chapter notebook top to bottom, WITHOUT fast mode, and its figures on record.

    python -m coursetools.full_run                       # all chapters in course.toml
    python -m coursetools.full_run ch07_california_housing ch06_fashion_mnist
    make full-run CHAPTERS="ch01_tensors ch07_california_housing"

Each instructor notebook (`solutions/<ch>/<ch>.ipynb`) runs in a scratch folder with `COURSE_FAST` unset and the
suite's seeded offline caches (`data/fixtures.py`). Its one `COURSE_RESULTS {json}` line (docs/authoring.md,
section 5) gives the headline metrics. Each run becomes one row of `results/full_run.json`, keyed by chapter and
device, so CPU and GPU rows live side by side; a new run replaces only its own row. `make release` turns the file
into the README's "where the course stands" table.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coursetools.course import ROOT, Chapter, chapters

RESULTS = ROOT / "results" / "full_run.json"
MARK = "COURSE_RESULTS"
NO_RESULTS_NOTE = "the notebook prints no COURSE_RESULTS line (docs/authoring.md, section 5)"

# What each dataset loader reads, and how the genuine data look (so that a row says real or stand-in from the bytes
# actually seeded, never from a guess).
DATASETS = {
    "fashion_mnist.load_data": "Fashion-MNIST",
    "fetch_california_housing": "California housing",
    "load_iris": "Iris",
}
FASHION_MNIST_MD5 = {  # the four real files (data/README.md)
    "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
    "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
    "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
}
# sha256 of the (20640, 9) float64 array that fetch_california_housing() reads from its cache, from the StatLib file
CALIFORNIA_ARRAY_SHA256 = "898f39f9b96274ded9a9f5a3b1b9f1dc032ab86955ac0f86b1c17330ba30cb25"


# --- reading a notebook's output -------------------------------------------------------------------------------

def parse_course_results(text: str) -> dict | None:
    """The metrics of the one `COURSE_RESULTS {json}` line in `text`; None when there is none.

    Raises ValueError for two or more such lines, for JSON that is not an object, and for values that are not plain
    numbers or short strings (the contract of docs/authoring.md, section 5).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(MARK)]
    lines = [line for line in lines if line == MARK or line[len(MARK)].isspace()]
    if not lines:
        return None
    if len(lines) > 1:
        raise ValueError(f"{len(lines)} {MARK} lines, expected exactly one: {lines}")
    payload = lines[0][len(MARK):].strip()
    try:
        metrics = json.loads(payload)
    except json.JSONDecodeError as error:
        raise ValueError(f"{MARK} is not followed by JSON: {payload!r} ({error})") from error
    if not isinstance(metrics, dict):
        raise ValueError(f"{MARK} must be followed by a JSON object, got {payload!r}")  # noqa: TRY004 (one error type)
    for key, value in metrics.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise ValueError(f"{MARK} key {key!r} is not a snake_case name")
        plain = isinstance(value, int | float) and not isinstance(value, bool) or (
            isinstance(value, str) and len(value) <= 40)
        if not plain:
            raise ValueError(f"{MARK} value of {key!r} must be a number or a short string, got {value!r}")
    return metrics


def stdout_text(nb) -> str:
    """Everything the notebook printed to stdout, in cell order."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                parts.append(output.get("text", ""))
    return "".join(parts)


# --- where it ran, on what -------------------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
        else:
            name = platform.processor() or platform.machine()
    except OSError:
        name = platform.processor() or platform.machine()
    return f"{' '.join(name.split())} ({os.cpu_count()} cores)"


def gpu_model() -> str | None:
    if not shutil.which("nvidia-smi"):
        return None
    done = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], check=False,
                          capture_output=True, text=True)
    names = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    return names[0] if done.returncode == 0 and names else None


def device_of(printed: str) -> tuple[str, str]:
    """('gpu'|'cpu', model name) from what the notebook's setup cell printed ('Device: GPU ...' or 'Device: CPU')."""
    if "Device: GPU" in printed:
        return "gpu", gpu_model() or "GPU"
    return "cpu", cpu_model()


def tensorflow_version() -> str:
    try:
        return metadata.version("tensorflow")
    except metadata.PackageNotFoundError:
        return "unknown"


def datasets_used(ch: Chapter) -> list[str]:
    text = "\n".join(cell.source for cell in nbformat.read(ch.source, as_version=4).cells if cell.cell_type == "code")
    return [name for call, name in DATASETS.items() if call in text]


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def dataset_origin(name: str, homes: dict) -> str:
    """'real', 'stand-in' or 'missing', judged from the files seeded in `homes` (KERAS_HOME, SCIKIT_LEARN_DATA)."""
    if name == "Iris":
        return "real"  # bundled with scikit-learn
    if name == "Fashion-MNIST":
        folder = Path(homes["KERAS_HOME"]) / "datasets" / "fashion-mnist"
        files = [folder / file for file in FASHION_MNIST_MD5]
        if not all(f.exists() for f in files):
            return "missing"
        return "real" if all(_md5(f) == FASHION_MNIST_MD5[f.name] for f in files) else "stand-in"
    if name == "California housing":
        cache = Path(homes["SCIKIT_LEARN_DATA"]) / "cal_housing_py3.pkz"
        if not cache.exists():
            return "missing"
        import joblib
        import numpy as np

        array = np.ascontiguousarray(joblib.load(cache), dtype="<f8")
        return "real" if hashlib.sha256(array.tobytes()).hexdigest() == CALIFORNIA_ARRAY_SHA256 else "stand-in"
    raise KeyError(name)


# --- running -----------------------------------------------------------------------------------------------------

def execute(ch: Chapter, timeout: int = 1800) -> tuple[str, float]:
    """Run the chapter's instructor notebook in a scratch folder without fast mode: (stdout text, wall seconds)."""
    nb = nbformat.read(ch.source, as_version=4)
    saved = os.environ.pop("COURSE_FAST", None)
    try:
        with tempfile.TemporaryDirectory(prefix=f"full-run-{ch.id}-") as tmp:
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": tmp}})
            start = time.perf_counter()
            client.execute()
            seconds = time.perf_counter() - start
    finally:
        if saved is not None:
            os.environ["COURSE_FAST"] = saved
    return stdout_text(nb), seconds


def run_chapter(ch: Chapter, homes: dict) -> dict:
    printed, seconds = execute(ch)
    kind, device = device_of(printed)
    metrics = parse_course_results(printed)
    row = {
        "chapter": ch.id,
        "device": device,
        "device_kind": kind,
        "metrics": metrics or {},
        "wall_seconds": round(seconds, 1),
        "tensorflow": tensorflow_version(),
        "data": {name: dataset_origin(name, homes) for name in datasets_used(ch)},
        "date": datetime.date.today().isoformat(),
    }
    if metrics is None:
        row["note"] = NO_RESULTS_NOTE
    return row


# --- the results file --------------------------------------------------------------------------------------------

def load_results(path: Path = RESULTS) -> list[dict]:
    if not Path(path).exists():
        return []
    return json.loads(Path(path).read_text())["runs"]


def merge(rows: list[dict], new: list[dict]) -> list[dict]:
    """`rows` with `new` replacing the rows of the same chapter and device, in course order, CPU before GPU."""
    keyed = {(r["chapter"], r["device"]): r for r in rows}
    keyed.update({(r["chapter"], r["device"]): r for r in new})
    order = {c.id: i for i, c in enumerate(chapters())}
    return sorted(keyed.values(), key=lambda r: (order.get(r["chapter"], len(order)), r["chapter"],
                                                 r["device_kind"] != "cpu", r["device"]))


def save_results(rows: list[dict], path: Path = RESULTS) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    doc = {"about": "Full (non-fast) runs of the chapter notebooks, written by `make full-run` "
                    "(coursetools/full_run.py); one row per chapter and device.",
           "runs": rows}
    Path(path).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run chapter notebooks without fast mode and record their figures.")
    parser.add_argument("chapters", nargs="*", help="chapter ids (default: all in course.toml)")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    args = parser.parse_args(argv)
    known = {c.id: c for c in chapters()}
    unknown = [c for c in args.chapters if c not in known]
    if unknown:
        parser.error(f"unknown chapter(s) {unknown}; known: {', '.join(known)}")
    selected = [known[c] for c in args.chapters] if args.chapters else list(known.values())

    sys.path.insert(0, str(ROOT))
    from data.fixtures import seeded_caches

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("MPLBACKEND", "Agg")
    rows, failed, total = load_results(args.results), [], 0.0
    with seeded_caches() as homes:
        for number, ch in enumerate(selected, start=1):
            print(f"[{number}/{len(selected)}] {ch.id}: running without fast mode ...", flush=True)
            try:
                row = run_chapter(ch, homes)
            except Exception as error:  # noqa: BLE001 (any failure: the chapter keeps its previous row, the rest run)
                failed.append(ch.id)
                last = (str(error).strip().splitlines() or [""])[-1]
                print(f"[{number}/{len(selected)}] {ch.id}: FAILED, {type(error).__name__}: {last}", flush=True)
                continue
            total += row["wall_seconds"]
            rows = merge(rows, [row])
            save_results(rows, args.results)
            figures = json.dumps(row["metrics"]) if row["metrics"] else f"no metrics ({row['note']})"
            data = ", ".join(f"{k} {v}" for k, v in row["data"].items()) or "no dataset"
            print(f"[{number}/{len(selected)}] {ch.id}: {row['wall_seconds']:.1f} s on {row['device']} | {data} | "
                  f"{figures}", flush=True)
    print(f"full run: {len(selected) - len(failed)} chapter(s) in {total:.1f} s; results in {args.results}"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
