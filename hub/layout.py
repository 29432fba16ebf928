"""The local hub's state folder: settings, home folders, the exchange and the instructor's course.

    <state>/hub.json                  settings read by jupyterhub_config.py (holds the shared password: mode 600)
    <state>/jupyterhub.sqlite, jupyterhub_cookie_secret, jupyterhub.log, proxy.pid, launcher.pid
    <state>/etc/jupyter/              hub-wide Jupyter config (JUPYTER_CONFIG_PATH of every server): the exchange
                                      and the course id, as nbgrader's JupyterHub guide puts in /etc/jupyter
    <state>/exchange/                 nbgrader's exchange, mode 777 as nbgrader documents
    <state>/home/<user>/              each user's home (mode 700, owned by the user when the hub runs as root)
    <state>/home/<instructor>/course/ the course directory: a copy of this repository's tracked files
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENT_NAMES = ("alice", "bob", "carol")

# nbgrader's server and lab extensions per role (nbgrader's installation guide); the student side is what
# binder/postBuild sets for learners. Every one is set explicitly in the user's own config, which wins over the
# environment's (where `make lab` switched the instructor tools off). Locked plugins cannot be switched back on
# from the Plugin Manager.
SERVER_EXTENSIONS = {
    "instructor": {"formgrader": True, "course_list": True, "assignment_list": True, "validate_assignment": True},
    "student": {"formgrader": False, "course_list": False, "assignment_list": True, "validate_assignment": True},
}
LAB_PLUGINS = {
    "instructor": {"formgrader": True, "course-list": True, "create-assignment": True, "assignment-list": True,
                   "validate-assignment": True},
    "student": {"formgrader": False, "course-list": False, "create-assignment": False, "assignment-list": True,
                "validate-assignment": True},
}
NO_NEWS = "@jupyterlab/apputils-extension:announcements"  # no "Jupyter news?" pop-up on a first login


@dataclass
class Settings:
    state: str
    port: int
    per_uid: bool                     # each user under their own uid (the hub runs as root)
    prefix: str = "tfk-"
    password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    hub_port: int = 0
    proxy_api_port: int = 0
    venv: str = ""
    course_id: str = ""
    acl_dirs: list[str] = field(default_factory=list)

    @property
    def instructor(self) -> str:
        return f"{self.prefix}instructor"

    @property
    def students(self) -> list[str]:
        return [f"{self.prefix}{name}" for name in STUDENT_NAMES]

    @property
    def users(self) -> list[str]:
        return [self.instructor, *self.students]

    @property
    def group(self) -> str:
        return f"{self.prefix}hub"

    def path(self, *parts: str) -> Path:
        return Path(self.state, *parts)

    def home(self, user: str) -> Path:
        return self.path("home", user)

    @property
    def course_dir(self) -> Path:
        return self.home(self.instructor) / "course"

    @property
    def exchange(self) -> Path:
        return self.path("exchange")

    @property
    def config_path(self) -> Path:
        return self.path("etc", "jupyter")

    def save(self) -> None:
        target = self.path("hub.json")
        target.touch(mode=0o600)
        target.write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, state: Path) -> Settings:
        return cls(**json.loads((state / "hub.json").read_text()))


# nbclient waits 4 s for a cell's output after the kernel's reply, then nbgrader fails the cell ("Timeout waiting
# for IOPub output"): too short on a hub whose cores are shared by a class.
IOPUB_TIMEOUT = 30


def course_config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def course_id() -> str:
    return course_config().CourseDirectory.course_id


def server_env(settings: Settings) -> dict[str, str]:
    """What every user's server gets on top of HOME and USER (jupyterhub_config.py passes it to the spawner)."""
    return {
        "JUPYTER_CONFIG_PATH": str(settings.config_path),               # nbgrader's exchange and course id
        "PATH": f"{settings.venv}/bin:/usr/local/bin:/usr/bin:/bin",    # python and nbgrader in a terminal
    }


def user_env(settings: Settings, user: str) -> dict[str, str]:
    """The environment of a command run as `user`, as in a terminal of their server."""
    return {**server_env(settings), "HOME": str(settings.home(user)), "USER": user, "SHELL": "/bin/bash",
            "LANG": os.environ.get("LANG", "C.UTF-8")}


def write_hub_config(settings: Settings) -> None:
    """nbgrader's hub-wide settings: where the exchange is, and the one course every user takes."""
    settings.config_path.mkdir(parents=True, exist_ok=True)
    (settings.config_path / "nbgrader_config.py").write_text(
        "# Written by the local hub (hub/layout.py): nbgrader's settings shared by every user.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        f"c.CourseDirectory.course_id = {settings.course_id!r}\n")
    for folder in (settings.path("etc"), settings.config_path):
        folder.chmod(0o755)
    settings.exchange.mkdir(exist_ok=True)
    settings.exchange.chmod(0o777)


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def write_user_config(settings: Settings, user: str) -> None:
    """Each user's own Jupyter config (~/.jupyter): nbgrader's tools for their role; for the instructor, the
    course directory and its own nbgrader_config.py (the formgrader reads no other); for students, the course's
    per-cell time limit for Validate and, where every server runs under one uid, their student id."""
    role = "instructor" if user == settings.instructor else "student"
    config_dir = settings.home(user) / ".jupyter"
    extensions = {f"nbgrader.server_extensions.{name}": on for name, on in SERVER_EXTENSIONS[role].items()}
    _write_json(config_dir / "jupyter_server_config.json", {"ServerApp": {"jpserver_extensions": extensions}})
    disabled = {f"@jupyter/nbgrader:{name}": not on for name, on in LAB_PLUGINS[role].items()} | {NO_NEWS: True}
    _write_json(config_dir / "labconfig" / "page_config.json",
                {"disabledExtensions": disabled, "lockedExtensions": dict.fromkeys(disabled, True)})
    lines = ["# Written by the local hub (hub/layout.py).", "c = get_config()  # noqa: F821",
             f"c.ExecutePreprocessor.iopub_timeout = {IOPUB_TIMEOUT}  # a busy, shared machine"]
    if role == "instructor":                     # this account grades the course in ~/course, with its settings
        course = settings.course_dir
        lines += [f"c.CourseDirectory.root = {str(course)!r}",
                  f"load_subconfig({str(course / 'nbgrader_config.py')!r})  # noqa: F821"]
    else:                                        # Validate gives a cell as long as grading will
        lines += [f"c.ExecutePreprocessor.timeout = {course_config().ExecutePreprocessor.timeout!r}"]
        if not settings.per_uid:
            # nbgrader names a submission after the uid's account (and fetches feedback for it), which here is the
            # same for everyone: each student's own id, as `nbgrader submit --student` would give it
            lines += [f"c.CourseDirectory.student_id = {user!r}  # every server runs under one uid"]
    (config_dir / "nbgrader_config.py").write_text("\n".join(lines) + "\n")


def copy_course(target: Path) -> None:
    """The instructor's course directory: this repository's tracked files (solutions and hidden tests included)."""
    if target.exists():
        return                                   # an earlier run's course, with its gradebook: kept
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode == 0 and listed.stdout:
        files = [name for name in listed.stdout.decode().split("\0") if name]
    else:                                        # not a git checkout: the course folders themselves
        files = [str(p.relative_to(ROOT)) for top in ("autograder", "coursetools", "data", "solutions", "notebooks")
                 for p in (ROOT / top).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        files += ["nbgrader_config.py", "course.toml", "pyproject.toml"]
    for name in files:
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
