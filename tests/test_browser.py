"""JupyterLab in a real browser: nbgrader's learner tools work with the pinned JupyterLab.

nbgrader's lab extension has broken on JupyterLab upgrades before (jupyter/nbgrader#1948: 0.9.4 was
"not compatible with the current JupyterLab" 4.3, so its menu and Validate button never loaded).
This test proves the pinned pair works, the way a learner meets it on Binder:

1. copy the course (student notebooks, nbgrader_config.py, binder/) to a temporary folder and run
   `binder/postBuild --user` there with a throwaway Jupyter config dir;
2. start `jupyter lab` on 127.0.0.1, a random free port and a token;
3. in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser download):
   the first chapter's notebook renders; the Nbgrader menu offers the learner tools only; the
   Assignment List lists the chapter and fetches it; the Validate button runs the notebook's tests
   and reports every graded test cell of the pristine notebook as failed; Notebook 7's notebook
   view shows the Validate button and the Nbgrader menu too.

Screenshots go to <pytest tmp dir>/screenshots (the path is printed; run with -s to see it).
Needs `make browser-deps`. Without Chromium or Playwright the test skips locally and fails in CI.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Playwright adds --headless itself, and a fresh --user-data-dir comes from launch_persistent_context below.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
TIMEOUT_MS = 30_000  # any single UI step
VALIDATE_TIMEOUT_MS = 90_000  # Validate executes the whole notebook in a fresh kernel (TensorFlow import included)


def missing(reason: str):
    """Chromium or the driver is absent: a CI failure, a local skip."""
    message = f"{reason}. Install the browser test's dependencies with `make browser-deps`."
    if IN_CI:
        pytest.fail(f"CI=true but {message}", pytrace=False)
    pytest.skip(message)


def first_chapter() -> tuple[str, str, Path]:
    with open(ROOT / "course.toml", "rb") as f:
        course = tomllib.load(f)
    for ch in course["chapters"]:
        notebook = ROOT / "notebooks" / ch["id"] / f"{ch['id']}.ipynb"
        if notebook.exists():
            return ch["id"], ch["title"], notebook
    pytest.fail("no student notebook under notebooks/; run `make release`", pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(proc: subprocess.Popen, url: str, log: Path, timeout: float = 45) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"jupyter lab did not answer {url} within {timeout} s:\n{log.read_text()[-3000:]}", pytrace=False)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_nbgrader_labextension_is_compatible():
    """The symptom of nbgrader#1948: `jupyter labextension list` marks @jupyter/nbgrader with X."""
    out = subprocess.run([BIN / "jupyter", "labextension", "list"], capture_output=True, text=True, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    line = next((ln for ln in text.splitlines() if "@jupyter/nbgrader" in ln), None)
    assert line is not None, f"nbgrader's lab extension is not installed:\n{text}"
    assert "enabled" in line and "OK" in line, f"nbgrader's lab extension is not usable: {line.strip()}\n{text}"
    assert "not compatible" not in text, text


class Laps:
    """Wall-clock time of each step, printed at the end (the test should stay near a minute)."""

    def __init__(self):
        self.t0 = self.last = time.monotonic()
        self.rows: list[tuple[str, float]] = []

    def __call__(self, step: str) -> None:
        now = time.monotonic()
        self.rows.append((step, now - self.last))
        self.last = now

    def report(self) -> str:
        rows = "".join(f"\n  {seconds:5.1f} s  {step}" for step, seconds in self.rows)
        return f"{rows}\n  {self.last - self.t0:5.1f} s  total"


@pytest.fixture
def laps():
    return Laps()


@pytest.fixture
def learner_lab(tmp_path, laps):
    """A Binder-like JupyterLab on a copy of the course; yields (base_url, token, course_dir, chapter)."""
    ch_id, ch_title, notebook = first_chapter()
    course = tmp_path / "course"
    shutil.copytree(notebook.parent, course / "notebooks" / ch_id)  # one chapter keeps postBuild quick
    shutil.copytree(ROOT / "binder", course / "binder")
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")

    env = dict(os.environ)
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        # this configuration first: in a virtualenv Jupyter reads the environment's own first, where a learner's
        # `make lab` (binder/postBuild --sys-prefix) leaves the Exchange.root of their own JupyterLab
        "JUPYTER_PREFER_ENV_PATH": "0",
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
        "NBGRADER_EXCHANGE": str(tmp_path / "exchange"),
        "COURSE_FAST": "1",
        "PYTHONUNBUFFERED": "1",
    })
    post = subprocess.run(
        ["bash", "binder/postBuild", "--user"], cwd=course, env=env, capture_output=True, text=True, check=False)
    assert post.returncode == 0, f"binder/postBuild failed:\n{post.stdout}\n{post.stderr}"
    laps("binder/postBuild --user")

    port, token = free_port(), secrets.token_hex(16)
    log = tmp_path / "jupyter-lab.log"
    with open(log, "w") as log_file:
        proc = subprocess.Popen(
            [BIN / "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}",
             "--allow-root",  # CI containers run as root
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            cwd=course, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(proc, f"{base}/api/status?token={token}", log)
        laps("jupyter lab started")
        yield base, token, course, (ch_id, ch_title, notebook)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_learner_tools_in_jupyterlab(request, laps, tmp_path):
    # Chromium and the driver first, before any set-up: a clear failure in CI, a skip elsewhere.
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Chromium is not installed at {CHROMIUM} (set CHROMIUM=/path/to/chromium to use another)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed")
    expect.set_options(timeout=TIMEOUT_MS)

    learner_lab = request.getfixturevalue("learner_lab")
    base, token, course, (ch_id, ch_title, notebook) = learner_lab
    shots = tmp_path / "screenshots"
    shots.mkdir()
    print(f"\nscreenshots: {shots}")
    nb = json.loads(notebook.read_text())
    graded = [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")]
    assert graded, f"{notebook} has no graded test cells"

    # Server side as postBuild configured it: instructor handlers off, learner handlers on.
    assert http_status(f"{base}/formgrader?token={token}") == 404, "the formgrader is reachable on a learner server"
    assert http_status(f"{base}/nbgrader_version?version=x&token={token}") == 200, "validate handler missing"

    problems: list[str] = []  # browser console errors and failed requests, printed for diagnosis
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 900})
        page = browser.pages[0] if browser.pages else browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
        laps("chromium started")
        try:
            # 1. The notebook renders (the Binder badge opens exactly this path).
            page.goto(f"{base}/lab/tree/notebooks/{ch_id}/{ch_id}.ipynb?token={token}")
            panel = page.locator(".jp-NotebookPanel")
            expect(panel.locator(".jp-MarkdownOutput h1").first).to_contain_text(ch_title)
            expect(panel.locator(".jp-Cell")).to_have_count(len(nb["cells"]))
            laps("JupyterLab: notebook rendered")

            # 2. The Nbgrader menu has the learner tools and none of the instructor ones.
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            items = page.locator(".lm-Menu-itemLabel")
            expect(items.filter(has_text="Assignment List")).to_be_visible()
            labels = items.all_inner_texts()
            for hidden in ("Formgrader", "Course List"):
                assert not any(hidden in label for label in labels), f"instructor tool {hidden!r} in menu {labels}"

            # 3. The Assignment List lists the released chapter and fetches it.
            items.filter(has_text="Assignment List").click()
            released = page.locator("#released_assignments_list .list_item", has_text=ch_id)
            expect(released).to_be_visible()
            released.get_by_role("button", name="Fetch").click()
            expect(page.locator("#fetched_assignments_list", has_text=ch_id)).to_be_visible()
            page.screenshot(path=shots / "assignment-list.png")
            assert (course / ch_id / f"{ch_id}.ipynb").exists(), "Fetch did not write the chapter into the home folder"
            laps("JupyterLab: Nbgrader menu, Assignment List, Fetch")

            # 4. Validate runs the notebook's tests; the pristine notebook fails every graded test cell.
            page.locator(".lm-TabBar-tab", has_text=f"{ch_id}.ipynb").click()
            panel.locator(".validate-button").click()
            dialog = page.locator(".jp-Dialog", has_text="Validation Results")
            expect(dialog).to_be_visible(timeout=VALIDATE_TIMEOUT_MS)
            page.screenshot(path=shots / "validate.png")
            text = dialog.inner_text()
            assert dialog.locator(".validation-failed").count() == 1, f"expected failures, got: {text[:2000]}"
            failed = dialog.locator("p", has_text="The following cell failed:").count()
            assert failed == len(graded), (
                f"Validate reported {failed} failed cells; the pristine notebook has {len(graded)} graded test cells")
            dialog.get_by_role("button", name="Ok").click()
            expect(dialog).to_have_count(0)
            laps(f"JupyterLab: Validate ({failed} failed cells reported)")

            # 5. Notebook 7 (the notebook toolbar's "Notebook" button) loads the same learner tools.
            page.goto(f"{base}/notebooks/notebooks/{ch_id}/{ch_id}.ipynb?token={token}")
            expect(page.locator(".jp-MarkdownOutput h1").first).to_contain_text(ch_title)
            expect(page.locator(".validate-button")).to_be_visible()
            expect(page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")).to_be_visible()
            page.screenshot(path=shots / "notebook7.png")
            laps("Notebook 7: Validate button, Nbgrader menu")
        except BaseException:
            page.screenshot(path=shots / "failure.png")
            print("browser problems:", *problems[:20], sep="\n  ")
            raise
        finally:
            browser.close()
    print(f"timings:{laps.report()}")
    if problems:  # expected offline: the Colab/Binder badge images cannot load
        print("browser problems (not failures):", *problems[:20], sep="\n  ")
