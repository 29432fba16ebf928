"""Start and stop the course's local JupyterHub (`make hub`, `make hub-stop`; `python -m hub --help`).

As root: one instructor and three students as local Unix accounts, each user's server under their own uid.
Otherwise: the same accounts inside JupyterHub only, every server under the caller's uid (said once at start).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from hub import accounts
from hub.layout import PROXY, ROOT, Settings, copy_course, course_id, write_hub_config, write_user_config

CONFIG = Path(__file__).resolve().parent / "jupyterhub_config.py"
NOT_ROOT = ("note: not running as root, so no Unix accounts can be made: every user's server runs under your own uid "
            "({user}), with no isolation between users (the permission checks are skipped)")


class HubError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running_pid(state: Path) -> int | None:
    """The launcher still serving this state folder, if any."""
    try:
        pid = int((state / "launcher.pid").read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def prepare(state: Path, port: int, prefix: str) -> Settings:
    """Accounts, homes, the course and nbgrader's config: everything before JupyterHub starts."""
    if not PROXY.exists():
        raise HubError(f"{PROXY} is missing: run `make hub-deps` (configurable-http-proxy from npm)")
    if not shutil.which("jupyterhub", path=str(Path(sys.prefix, "bin"))):
        raise HubError(f"jupyterhub is not installed in {sys.prefix}: run `make setup`")
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)                           # every user passes through to their home and the exchange
    per_uid = os.geteuid() == 0
    if not per_uid:
        print(NOT_ROOT.format(user=os.environ.get("USER", os.getuid())), flush=True)
    settings = Settings(state=str(state), port=port, per_uid=per_uid, prefix=prefix, hub_port=free_port(),
                        proxy_api_port=free_port(), venv=sys.prefix, course_id=course_id())
    write_hub_config(settings)
    for user in settings.users:
        settings.home(user).mkdir(parents=True, exist_ok=True)
        write_user_config(settings, user)
    copy_course(settings.course_dir)
    if per_uid:
        make_accounts(settings)
    settings.save()
    return settings


def make_accounts(settings: Settings) -> None:
    accounts.ensure_group(settings.group)
    entries = {user: accounts.ensure_user(user, settings.home(user), settings.group) for user in settings.users}
    for user, entry in entries.items():
        accounts.give(settings.home(user), entry, 0o700)
    blocked = accounts.unsearchable_dirs([*accounts.venv_paths(), Path(settings.state)])
    settings.acl_dirs = [str(d) for d in blocked]
    settings.save()                              # before the ACLs: a later stop knows what to revoke
    accounts.allow_search(blocked, settings.group)
    accounts.check_runs_as(entries[settings.students[0]], Path(sys.executable))


def remove_accounts(settings: Settings) -> None:
    if settings.per_uid:
        accounts.revoke_search([Path(d) for d in settings.acl_dirs], settings.group)
        accounts.remove_users(settings.users, settings.group)


def wait_ready(proc: subprocess.Popen, settings: Settings, log: Path, timeout: float = 60) -> None:
    url = f"http://127.0.0.1:{settings.port}/hub/api/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise HubError(f"JupyterHub exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise HubError(f"JupyterHub did not answer {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def banner(settings: Settings) -> str:
    students = ", ".join(settings.students)
    mode = "each under their own Unix account" if settings.per_uid else "all under your uid"
    return "\n".join([
        "The course's local JupyterHub is running. NOT FOR PRODUCTION: loopback only, one shared password.",
        f"  URL:        http://127.0.0.1:{settings.port}/",
        f"  password:   {settings.password}   (the same for every account)",
        f"  instructor: {settings.instructor}   (Formgrader, Course List; the course is ~/course)",
        f"  students:   {students}   (Assignment List, Validate)",
        f"  servers:    {mode}",
        f"  exchange:   {settings.exchange}",
        f"  state:      {settings.state}   (JupyterHub's log: jupyterhub.log)",
        "Stop it with Ctrl-C, or `make hub-stop` from another terminal.",
    ])


def serve(state: Path, port: int, prefix: str) -> int:
    """Run the hub in the foreground until Ctrl-C or SIGTERM (`make hub-stop`), then clean up."""
    if running_pid(state):
        raise HubError(f"a hub already runs from {state} (pid {running_pid(state)}): `make hub-stop` first")
    settings = prepare(state, port, prefix)
    log = settings.path("jupyterhub.log")
    env = {**os.environ, "HUB_SETTINGS": str(settings.path("hub.json")), "PYTHONPATH": str(ROOT)}
    with open(log, "a") as log_file:
        # Its own session: Ctrl-C reaches only this launcher, which stops the hub once, in order.
        proc = subprocess.Popen([str(Path(sys.prefix, "bin", "jupyterhub")), "-f", str(CONFIG)], cwd=state, env=env,
                                stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
    settings.path("launcher.pid").write_text(str(os.getpid()))

    def stop(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # a second Ctrl-C must not cut the clean-up short
        if proc.poll() is None:
            proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        wait_ready(proc, settings, log)
        print(banner(settings), flush=True)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait()
        remove_accounts(settings)
        settings.path("launcher.pid").unlink(missing_ok=True)
        print("hub stopped", flush=True)
    return 0


def stop(state: Path, timeout: float = 60) -> int:
    pid = running_pid(state)
    if pid is None:
        print(f"no hub is running from {state}")
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running_pid(state) is None:
            print(f"hub stopped (pid {pid})")
            return 0
        time.sleep(0.2)
    print(f"the hub (pid {pid}) did not stop within {timeout:.0f} s", file=sys.stderr)
    return 1
