"""`make lab`, the README's first command, as a learner meets it on their own machine.

- The chapters are copied into a working folder that git ignores (`WORK`, `my-work/` by default): answers never
  change the tracked notebooks/, so `git pull` brings course fixes without conflicts; a chapter copied once is
  never overwritten.
- The terminal shows the URL and nothing alarming: no warning ("No web browser found", the websocket ping timeout,
  "Notebook ... is not trusted"), no info chatter ("Skipped non-installed server(s)"), even after a notebook is
  opened and a kernel's websocket connects, as JupyterLab does.
- The URL opens on the working folder.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/lab\?token=([0-9a-f]+)")
NOISE = re.compile(r"^\[[WE] .*|WARNING.*|ERROR.*|Skipped non-installed.*|.*not trusted.*|No web browser.*", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chapter_folders(edition: str = "") -> list[str]:
    release = ROOT / edition / "notebooks"
    return sorted(p.name for p in release.iterdir() if p.is_dir() and p.name[:2] == "ch") if release.is_dir() else []


def working_folders() -> list[str]:
    """What make lab puts into the working folder: every chapter, and ko/ with the Korean edition's chapters."""
    return sorted(chapter_folders() + (["ko"] if chapter_folders("ko") else []))


def make(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def api(base: str, token: str, path: str, method: str = "GET") -> dict:
    request = urllib.request.Request(f"{base}{path}", method=method, data=b"{}" if method == "POST" else None,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def open_kernel_websocket(base: str, token: str, kernel: str) -> None:
    """Connect to the kernel's channels as JupyterLab does, ask for kernel_info and wait for the reply."""
    async def talk():
        url = base.replace("http", "ws") + f"/api/kernels/{kernel}/channels?session_id=probe"
        conn = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        conn.write_message(json.dumps({
            "header": {"msg_id": "probe", "msg_type": "kernel_info_request", "username": "", "session": "probe",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            reply = json.loads(await conn.read_message())
            if reply.get("msg_type") == "kernel_info_reply":
                break
        conn.close()
    IOLoop.current().run_sync(talk, timeout=90)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab") / "my-work"
    env = {**os.environ, "NBGRADER_EXCHANGE": str(work.parent / "exchange"),
           # a fresh data dir: its own notebook-signature store, so "trusted" is not left over from another run
           "JUPYTER_DATA_DIR": str(work.parent / "data"), "JUPYTER_RUNTIME_DIR": str(work.parent / "runtime"),
           # the set-up goes to a scratch config folder, not the environment's (LAB_CONFIG=--user below): the
           # temporary exchange written there would otherwise outlive the test and empty every later Assignments list
           "JUPYTER_CONFIG_DIR": str(work.parent / "config")}
    log_path = work.parent / "lab.log"
    environment_config = _environment_config()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"WORK={work}", f"LAB_PORT={free_port()}",
                                 "LAB_BROWSER=none", "LAB_CONFIG=--user"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not URL.search(log_path.read_text()):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"make lab printed no URL:\n{log_path.read_text()[-3000:]}", pytrace=False)
            time.sleep(0.5)
        port, token = URL.search(log_path.read_text()).groups()
        base = f"http://127.0.0.1:{port}"
        # What JupyterLab does when the learner opens chapter 1: read the notebook, start a kernel, connect.
        first = chapter_folders()[0]
        api(base, token, f"/api/contents/{first}/{first}.ipynb?content=1")
        kernel = api(base, token, "/api/kernels", method="POST")["id"]
        open_kernel_websocket(base, token, kernel)
        root = api(base, token, "/api/contents?content=1")
        time.sleep(1)                                          # let the server write any warning it has
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    return {"work": work, "env": env, "log": log_path.read_text(), "root": root,
            "environment_config": (environment_config, _environment_config())}


def _environment_config() -> dict[str, bytes]:
    """The course environment's own Jupyter config files (sys.prefix/etc/jupyter), by path."""
    folder = Path(sys.prefix) / "etc" / "jupyter"
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_test_leaves_the_environments_jupyter_config_alone(lab):
    before, after = lab["environment_config"]
    assert before == after, "make lab in the test wrote into the environment's Jupyter config (use LAB_CONFIG=--user)"


def test_make_lab_copies_the_chapters_into_the_working_folder(lab):
    assert sorted(p.name for p in lab["work"].iterdir()) == working_folders()
    for ch in chapter_folders():
        copy = lab["work"] / ch / f"{ch}.ipynb"
        assert copy.read_bytes() == (ROOT / "notebooks" / ch / f"{ch}.ipynb").read_bytes(), ch
    korean = sorted(p.name for p in (lab["work"] / "ko").iterdir()) if chapter_folders("ko") else []
    assert korean == chapter_folders("ko"), "the Korean edition's chapters go into the working folder's ko/"
    for ch in korean:
        copy = lab["work"] / "ko" / ch / f"{ch}.ipynb"
        assert copy.read_bytes() == (ROOT / "ko" / "notebooks" / ch / f"{ch}.ipynb").read_bytes(), ch
    listed = sorted(item["name"] for item in lab["root"]["content"])
    assert listed == working_folders(), f"JupyterLab's file browser should open on the working folder: {listed}"


def test_make_lab_prints_the_url_and_no_warning(lab):
    log = lab["log"]
    assert "your answers go into" in log and str(lab["work"]) in log, log
    found = NOISE.findall(log)
    assert not found, f"make lab's terminal shows {found}:\n{log}"


def test_a_chapter_copied_once_is_never_overwritten(lab):
    first = chapter_folders()[0]
    answer = lab["work"] / first / f"{first}.ipynb"
    answer.write_text(answer.read_text().replace("# YOUR CODE HERE", "# my answer", 1))
    kept = answer.read_bytes()
    done = make("workspace", f"WORK={lab['work']}", env=lab["env"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert answer.read_bytes() == kept, "make lab overwrote the learner's answers"
    assert "copied" not in done.stdout, done.stdout
    (lab["work"] / first).rename(lab["work"] / f"{first}-old")      # the documented way to a fresh copy
    done = make("workspace", f"WORK={lab['work']}", env=lab["env"])
    assert f"copied {first} into" in done.stdout, done.stdout
    assert (lab["work"] / first / f"{first}.ipynb").read_bytes() == (ROOT / "notebooks" / first / f"{first}.ipynb").read_bytes()
