"""Seed Keras's and scikit-learn's caches in a temporary folder (tests, benchmarks, grading).

    with seeded_caches() as homes:      # sets KERAS_HOME and SCIKIT_LEARN_DATA for this process
        ...                             # and every kernel it starts

The raw California housing file is looked up in `$COURSE_SHARED_DATA` or `../shared/data`
beside the repository. Without it, only Fashion-MNIST is seeded and a warning says so.
"""

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

from data import california_housing, fashion_mnist_standin

ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    return Path(os.environ.get("COURSE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def seed_into(base: Path) -> dict[str, Path]:
    """Fill `base/keras` and `base/scikit_learn_data`; return both paths."""
    keras_home = Path(base) / "keras"
    sklearn_home = Path(base) / "scikit_learn_data"
    fashion_mnist_standin.write(keras_home / "datasets" / "fashion-mnist")
    raw = shared_data_dir() / "california_housing" / "cal_housing.data"
    if raw.exists():
        california_housing.seed(raw, sklearn_home)
    else:
        sklearn_home.mkdir(parents=True, exist_ok=True)
        warnings.warn(f"{raw} not found: fetch_california_housing() will try to download", stacklevel=2)
    return {"KERAS_HOME": keras_home, "SCIKIT_LEARN_DATA": sklearn_home}


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
