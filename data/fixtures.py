"""Seed Keras's and scikit-learn's caches in a temporary folder (tests, benchmarks, grading).

    with seeded_caches() as homes:      # sets KERAS_HOME and SCIKIT_LEARN_DATA for this process
        ...                             # and every kernel it starts

The raw California housing file is looked up in `$COURSE_SHARED_DATA` or `../shared/data`
beside the repository. Without it, only Fashion-MNIST is seeded and a warning says so.

The Fashion-MNIST stand-in takes seconds to generate, and every test process seeds it: it is generated once per
machine into `${XDG_CACHE_HOME:-~/.cache}/tf-keras-course/fashion-mnist-standin-<key>` (the key hashes the
generator's source, its arguments and NumPy's version, so a changed generator gets a new folder), then
hard-linked (or copied) into each seeded folder.
"""

import contextlib
import hashlib
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np

from data import california_housing, fashion_mnist_standin

try:
    import fcntl
except ImportError:                      # Windows: no lock; the atomic rename alone keeps the cache consistent
    fcntl = None

ROOT = Path(__file__).resolve().parents[1]
# Read once, beside the import: the cache key must describe the generator this process runs, even if the file
# changes on disk while the process lives.
_STANDIN_SOURCE = Path(fashion_mnist_standin.__file__).read_bytes()


def shared_data_dir() -> Path:
    return Path(os.environ.get("COURSE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def seed_into(base: Path) -> dict[str, Path]:
    """Fill `base/keras` and `base/scikit_learn_data`; return both paths."""
    keras_home = Path(base) / "keras"
    sklearn_home = Path(base) / "scikit_learn_data"
    seed_standin(keras_home / "datasets" / "fashion-mnist")
    raw = shared_data_dir() / "california_housing" / "cal_housing.data"
    if raw.exists():
        california_housing.seed(raw, sklearn_home)
    else:
        sklearn_home.mkdir(parents=True, exist_ok=True)
        warnings.warn(f"{raw} not found: fetch_california_housing() will try to download", stacklevel=2)
    return {"KERAS_HOME": keras_home, "SCIKIT_LEARN_DATA": sklearn_home}


def standin_cache_dir(**write_args) -> Path:
    """The machine-wide folder for the stand-in written with `write_args`."""
    key = hashlib.sha256(_STANDIN_SOURCE + repr((sorted(write_args.items()), np.__version__)).encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tf-keras-course" / f"fashion-mnist-standin-{key}"


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in fashion_mnist_standin.FILES.values())


def cached_standin(**write_args) -> Path:
    """Generate the stand-in into the machine-wide cache unless it is there already; return its folder.

    Safe when several processes (pytest-xdist workers) race: each writes into its own temporary folder and renames
    it into place, an atomic step that only the first one wins. A lock file, where the platform has one, makes
    the others wait for the first instead of generating the same files again.
    """
    folder = standin_cache_dir(**write_args)
    if _complete(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if _complete(folder):                      # another process wrote it while this one waited
            return folder
        shutil.rmtree(folder, ignore_errors=True)  # an incomplete folder left by hand
        if fcntl is not None:                      # under the lock, a temporary folder is a killed writer's
            for stale in folder.parent.glob(f"{folder.name}.tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{folder.name}.tmp-", dir=folder.parent))
        try:
            fashion_mnist_standin.write(tmp, **write_args)
            for path in tmp.iterdir():
                path.chmod(0o444)                  # hard links share the file: nobody may write through them
            os.rename(tmp, folder)
        except OSError:
            if not _complete(folder):              # lost the race without a lock: the winner's files are fine
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def seed_standin(target: Path, **write_args) -> Path:
    """Put the stand-in's four files into `target`: hard links to the machine-wide cache, or copies."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        source = cached_standin(**write_args)
    except OSError as error:                       # no writable cache folder: generate in place
        warnings.warn(f"Fashion-MNIST stand-in cache unavailable ({error}): generating it", stacklevel=2)
        return fashion_mnist_standin.write(target, **write_args)
    for name in fashion_mnist_standin.FILES.values():
        (target / name).unlink(missing_ok=True)
        try:
            os.link(source / name, target / name)
        except OSError:                            # another file system, or links not supported
            shutil.copyfile(source / name, target / name)
    return target


@contextlib.contextmanager
def seeded_caches():
    """Seed both caches in a fresh temporary folder and point the environment at them."""
    saved = {key: os.environ.get(key) for key in ("KERAS_HOME", "SCIKIT_LEARN_DATA")}
    with tempfile.TemporaryDirectory(prefix="course-data-") as tmp:
        homes = seed_into(Path(tmp))
        os.environ.update({key: str(path) for key, path in homes.items()})
        try:
            yield homes
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
