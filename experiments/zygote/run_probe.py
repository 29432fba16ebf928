"""Run probe.py inside today's bubblewrap sandbox (without --disable-userns, which the zygote needs).

    .venv/bin/python experiments/zygote/run_probe.py
Unmerged experiment for issue 13: see FINDINGS.md.
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from autograder.sandbox.bwrap import bwrap_argv
from autograder.sandbox.limits import Limits

here = str(Path(__file__).resolve().parent)
work, ipc = tempfile.mkdtemp(), tempfile.mkdtemp()
env = {"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3", "OMP_NUM_THREADS": "1", "MPLCONFIGDIR": "/tmp"}
argv = [a for a in bwrap_argv(work, ipc, [here], env, Limits()) if a != "--disable-userns"]
t = time.perf_counter()
done = subprocess.run([*argv, sys.executable, f"{here}/probe.py"], capture_output=True, text=True, timeout=600, check=False)
print(done.returncode, round(time.perf_counter() - t, 1))
print(done.stdout)
