"""What a grading kernel sees of the world besides its files: its environment variables and the dataset caches,
bound read-only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from autograder.sandbox.bwrap import SANDBOX_HOME
from autograder.sandbox.mode import Mode

# Settings every grading kernel gets (fast mode, quiet TensorFlow); mirrors autograder.grading.gradebook.GRADING_ENV. No
# PYTHONWARNINGS: test cells silence their own warnings, as plain nbgrader and the Validate button require.
KERNEL_ENV = {
    "COURSE_FAST": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",          # same grades on every run
    "PYTHONNOUSERSITE": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    # what ipykernel sets when it is unset; set before start so that a zygote's preloaded matplotlib has it too
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}

# Keras reads its dataset cache from $KERAS_HOME only where it may write there; a read-only cache makes it look in
# /tmp/.keras instead (keras.utils.get_file). So the cache's datasets are bound read-only there too.
KERAS_FALLBACK = "/tmp/.keras/datasets"


def default_datasets() -> list[str]:
    """Dataset caches to expose read-only: $KERAS_HOME and $SCIKIT_LEARN_DATA, else the usual home folders."""
    out = []
    for var, fallback in (("KERAS_HOME", "~/.keras"), ("SCIKIT_LEARN_DATA", "~/scikit_learn_data")):
        path = os.environ.get(var) or os.path.expanduser(fallback)
        if os.path.isdir(path):
            out.append(os.path.realpath(path))
    return out


def dataset_binds(datasets: dict[str, str]) -> list[tuple[str, str]]:
    """(host folder, folder in the sandbox) of the dataset caches, all read-only."""
    binds = [(p, p) for p in sorted({p for p in datasets.values() if os.path.isdir(p)})]
    keras = os.path.join(datasets.get("KERAS_HOME") or "/nonexistent", "datasets")
    if os.path.isdir(keras):
        binds.append((keras, KERAS_FALLBACK))
    return binds


def kernel_env(mode: Mode, datasets: dict[str, str], threads: int | None, work: Path) -> dict[str, str]:
    """The whole environment of a grading kernel (`work`: the submission's folder, for the rlimit mode)."""
    inside_home = SANDBOX_HOME if mode.name == "bwrap" else str(work)
    tmp = "/tmp" if mode.name == "bwrap" else str(work / ".tmp")
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": inside_home, "TMPDIR": tmp, "MPLCONFIGDIR": f"{tmp}/.matplotlib", "IPYTHONDIR": f"{tmp}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{tmp}/.jupyter", "JUPYTER_DATA_DIR": f"{tmp}/.jupyter-data",
        **KERNEL_ENV,
    }
    env.update(datasets)
    if threads:
        for var in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
        env["TF_NUM_INTEROP_THREADS"] = str(max(1, threads))
    return env
