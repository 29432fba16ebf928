"""The Binder environment in binder/: pins, Python version, apt packages, postBuild, and what repo2docker makes of it.

repo2docker (the engine behind mybinder.org) renders its Dockerfile with `--no-build`, without Docker, so the
configuration is checked as Binder will read it. `binder/` takes precedence over the root's requirements.txt there.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
BIN = Path(sys.executable).parent
# Binder uses the CPU-only wheel of the same TensorFlow release (no CUDA libraries: a smaller, faster image).
SAME_PACKAGE = {"tensorflow-cpu": "tensorflow"}
# Top-level pins that learners on Binder never use (the instructors' batch grader's cluster support).
NOT_ON_BINDER = {"dask", "distributed", "babel"}   # grading at scale; the Korean edition's catalogue tools


def pins(path: Path) -> dict[str, str]:
    """{canonical name: exact version} of a requirements file; fails on anything but `name==version` lines."""
    out = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{path.name}: {line!r} is not an exact pin"
        name = canonicalize_name(req.name)
        out[SAME_PACKAGE.get(name, name)] = specs[0].version
    return out


def test_binder_pins_match_requirements():
    top, binder = pins(ROOT / "requirements.txt"), pins(BINDER / "requirements.txt")
    extra = sorted(set(binder) - set(top))
    assert not extra, f"binder/requirements.txt pins {extra}, which requirements.txt does not: add them there first"
    missing = sorted(set(top) - set(binder) - NOT_ON_BINDER)
    assert not missing, (
        f"binder/requirements.txt lacks {missing} from requirements.txt: add the same pins "
        "(or, if learners never need them, list them in NOT_ON_BINDER in this test)")
    drift = {name: (binder[name], top[name]) for name in binder if binder[name] != top[name]}
    assert not drift, f"binder/requirements.txt pins differ from requirements.txt (binder, top): {drift}"


def test_binder_uses_cpu_tensorflow():
    names = {canonicalize_name(Requirement(line.split("#")[0]).name)
             for line in (BINDER / "requirements.txt").read_text().splitlines()
             if line.split("#")[0].strip()}
    assert "tensorflow-cpu" in names and "tensorflow" not in names, "Binder should install tensorflow-cpu only"


def test_runtime_python_version_is_supported():
    text = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-3\.(\d+)", text)
    assert m, f"binder/runtime.txt must read like 'python-3.11', got {text!r}"
    assert 11 <= int(m[1]) <= 13, f"the course supports Python 3.11-3.13, runtime.txt asks for {text}"


def test_apt_installs_graphviz():
    packages = [ln.split("#", 1)[0].strip() for ln in (BINDER / "apt.txt").read_text().splitlines()]
    assert "graphviz" in packages


def test_postbuild_is_an_executable_bash_script():
    post = BINDER / "postBuild"
    assert post.read_text().startswith("#!/usr/bin/env bash"), "postBuild needs a bash shebang"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable (git add --chmod=+x binder/postBuild)"
    syntax = subprocess.run(["bash", "-n", str(post)], capture_output=True, text=True, check=False)
    assert syntax.returncode == 0, syntax.stderr


def test_postbuild_configures_learner_tools(tmp_path):
    """postBuild --user in a throwaway config dir: student extensions on, instructor ones off, chapters released."""
    state_before = {p.name for p in ROOT.iterdir()}
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), NBGRADER_EXCHANGE=str(tmp_path / "exchange"))
    done = subprocess.run(["bash", str(BINDER / "postBuild"), "--user"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    server = json.loads((tmp_path / "config" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.assignment_list": True,
        "nbgrader.server_extensions.validate_assignment": True,
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
    }
    page = json.loads((tmp_path / "config" / "labconfig" / "page_config.json").read_text())
    for plugin in ("formgrader", "create-assignment", "course-list"):
        assert page["disabledExtensions"].get(f"@jupyter/nbgrader:{plugin}") is True
        assert page["lockedExtensions"].get(f"@jupyter/nbgrader:{plugin}") is True
    for plugin in ("assignment-list", "validate-assignment", "menu"):
        assert f"@jupyter/nbgrader:{plugin}" not in page["disabledExtensions"]
    learner_config = (tmp_path / "config" / "nbgrader_config.py").read_text()
    assert f'c.Exchange.root = "{tmp_path / "exchange"}"' in learner_config
    # a terminal's `nbgrader validate` cuts lines at the same width as in the repository (tests/test_validate.py)
    width = re.search(r"^c\.Validator\.width = (\d+)$", (ROOT / "nbgrader_config.py").read_text(), re.MULTILINE)
    assert width and f"c.Validator.width = {width[1]}" in learner_config

    course_id = re.search(r'course_id\s*=\s*"([^"]+)"', (ROOT / "nbgrader_config.py").read_text())[1]
    outbound = tmp_path / "exchange" / course_id / "outbound"
    for notebook in sorted((ROOT / "notebooks").glob("*/*.ipynb")):
        released = outbound / notebook.parent.name / notebook.name
        assert released.read_bytes() == notebook.read_bytes(), f"{notebook.parent.name} not released to the exchange"
    created = {p.name for p in ROOT.iterdir()} - state_before
    assert not created, f"postBuild left {sorted(created)} in the repository"


def test_repo2docker_renders_the_binder_image():
    repo2docker = BIN / "repo2docker"
    assert repo2docker.exists(), "repo2docker is missing: pip install -r requirements-test.txt"
    done = subprocess.run(
        [repo2docker, "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    dockerfile, log = done.stdout, done.stderr
    runtime = (BINDER / "runtime.txt").read_text().strip().replace("python-", "python=")
    assert runtime in log + dockerfile, f"repo2docker did not pick {runtime} from binder/runtime.txt:\n{log}"
    assert re.search(r"apt-get install --yes --no-install-recommends .*graphviz", dockerfile), "apt.txt not used"
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile, "binder/requirements.txt not used"
    assert "./binder/postBuild" in dockerfile, "binder/postBuild not run"
    # One environment for the Jupyter server and the kernel, so the jupyterlab/notebook/nbgrader pins drive the UI.
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in dockerfile, "server and kernel would use different envs"
    # binder/ wins over the root's files, so the GPU-capable tensorflow of requirements.txt never reaches Binder.
    assert '-r "requirements.txt"' not in dockerfile
