# Setup: run this cell first. It works locally, on Binder and on Colab.
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # hide TensorFlow's C++ start-up chatter

IN_COLAB = "google.colab" in sys.modules
# Fast mode (CI and grading): COURSE_FAST=1 shrinks data and epochs. Unset, the chapter trains for real.
FAST = os.environ.get("COURSE_FAST", "0") not in ("", "0", "false", "False")

# Packages this chapter imports that Colab may lack: import name -> pip name.
# TensorFlow and Keras are never installed here, so Colab's own build is never downgraded.
REQUIRED = {}
if IN_COLAB:
    import importlib.util
    import subprocess

    missing = [pip for module, pip in REQUIRED.items() if importlib.util.find_spec(module) is None]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)

import contextlib
import re

# Lines TensorFlow's C++ core writes while it starts and looks for a GPU: on a machine without one they say so in
# red ("Could not find cuda drivers", "failed call to cuInit") although nothing is wrong. TF_CPP_MIN_LOG_LEVEL
# cannot hide them (some come before it is read), so they are caught here; any other line is still shown.
START_UP_NOISE = re.compile(
    r"absl::InitializeLog|cuda drivers|cuInit|cudart_stub|Unable to register cu(DNN|FFT|BLAS) factory"
    r"|computation_placer|cpu_feature_guard|rebuild TensorFlow with the appropriate compiler flags|oneDNN custom op"
)


@contextlib.contextmanager
def start_up_log_filtered():
    import tempfile

    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as log:
        os.dup2(log.fileno(), 2)  # the C++ core writes to the process's stderr, not to sys.stderr
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            log.seek(0)
            for line in log.read().decode(errors="replace").splitlines():
                if line.strip() and not START_UP_NOISE.search(line):
                    print(line, file=sys.stderr)


with start_up_log_filtered():
    import keras
    import numpy as np
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")

if int(keras.__version__.split(".")[0]) < 3:
    raise RuntimeError(f"This course needs Keras 3 (TensorFlow >= 2.16); found Keras {keras.__version__}.")

if FAST:  # the data are tiny: TensorFlow's graph optimiser would cost more time than it saves
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})

keras.utils.set_random_seed(42)  # seeds Python's random, NumPy and TensorFlow in one call

print(f"TensorFlow {tf.__version__} | Keras {keras.__version__} | Python {sys.version.split()[0]}")
print("Fast mode:", "ON (small data, few epochs)" if FAST else "off (full training)")
if gpus:
    print("Device: GPU", ", ".join(gpu.name for gpu in gpus))
elif IN_COLAB:
    print("Device: CPU. For a GPU: Runtime > Change runtime type > T4 GPU, then run this cell again.")
else:
    print("Device: CPU. This chapter runs fine on a CPU; for a local GPU see the README, 'Local GPU'.")
