"""Local Unix accounts of the hub (only when it runs as root).

Every account the hub creates carries MARK in its GECOS field: an existing account without it is somebody's real
account and is never touched. Accounts are created at start and removed at stop; their files stay in the state
folder until it is deleted.

The servers run `jupyterhub-singleuser` from the course's virtual environment under each user's uid, so every
directory above that environment and above its base Python must be searchable by them. Where one is not (pyenv's
Python under /root, mode 700), the hub's group gets search-only permission on it through a POSIX ACL (`setfacl`,
Debian package `acl`): its members may pass through, not list or read it. The ACL is removed at stop.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

MARK = "tf-keras-course local hub (test account, not for production)"
# Python starts, and finds JupyterHub's and nbgrader's packages (found, not imported: a full import costs seconds).
CHECK = "import importlib.util, jupyterhub; assert importlib.util.find_spec('nbgrader'), 'nbgrader is missing'"


class AccountError(RuntimeError):
    pass


def _run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise AccountError(f"{' '.join(cmd)} failed: {(done.stderr or done.stdout).strip()}")


def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        _run("groupadd", name)


def ensure_user(name: str, home: Path, group: str) -> pwd.struct_passwd:
    """Create the account (or take back one of ours from an earlier run) with `home` as its home folder."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        _run("useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/bin/bash", "--user-group",
             "--groups", group, "--comment", MARK, name)
    else:
        if entry.pw_gecos != MARK:
            raise AccountError(f"a user {name!r} already exists and was not made by this hub; choose another "
                               "--prefix (make hub HUB_PREFIX=...)")
        _run("usermod", "--home", str(home), "--append", "--groups", group, name)
    return pwd.getpwnam(name)


def remove_users(names: list[str], group: str) -> None:
    for name in names:
        try:
            if pwd.getpwnam(name).pw_gecos == MARK:
                _run("userdel", name)
        except KeyError:
            pass
    try:
        members = grp.getgrnam(group).gr_mem
    except KeyError:
        return
    if not members:
        _run("groupdel", group)


def give(path: Path, user: pwd.struct_passwd, mode: int) -> None:
    """Hand a folder tree to `user` (owner and group), with `mode` on the top folder."""
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.lchown(name, user.pw_uid, user.pw_gid)
    os.chmod(path, mode)


def unsearchable_dirs(targets: list[Path]) -> list[Path]:
    """Directories on the way to `targets` that other users may not pass through (no o+x)."""
    blocked: list[Path] = []
    for target in targets:
        for path in {target, target.resolve()}:
            for folder in reversed([path, *path.parents]):
                if folder.is_dir() and not os.stat(folder).st_mode & stat.S_IXOTH and folder not in blocked:
                    blocked.append(folder)
    return blocked


def allow_search(dirs: list[Path], group: str) -> None:
    if dirs and not shutil.which("setfacl"):
        raise AccountError(
            f"{', '.join(map(str, dirs))} cannot be passed by other users, and `setfacl` (Debian package acl) is "
            "missing to let the hub's users through: run `make hub-deps` as root")
    for folder in dirs:
        _run("setfacl", "--modify", f"g:{group}:--x", str(folder))


def revoke_search(dirs: list[Path], group: str) -> None:
    for folder in dirs:
        if folder.exists() and shutil.which("setfacl"):
            subprocess.run(["setfacl", "--remove", f"g:{group}", str(folder)], capture_output=True, check=False)
            # setfacl leaves the mask it added behind (`ls -l` still shows a +); where no other named entry needs
            # it, the folder goes back to its plain mode bits, as before the hub started
            if shutil.which("getfacl") and not _named_acl_entries(folder):
                subprocess.run(["setfacl", "--remove-all", str(folder)], capture_output=True, check=False)


def _named_acl_entries(folder: Path) -> list[str]:
    """The ACL entries of `folder` beyond owner, group, other and mask: named users and groups, defaults."""
    done = subprocess.run(["getfacl", "--omit-header", "--absolute-names", str(folder)], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        return ["unknown"]                       # cannot tell: leave the ACL alone
    entries = [line.split("#")[0].strip() for line in done.stdout.splitlines()]
    return [e for e in entries if e and (e.startswith("default:") or e.split(":")[1] != "" and
                                         e.split(":")[0] in ("user", "group"))]


def check_runs_as(user: pwd.struct_passwd, python: Path) -> None:
    """The course's Python must start under the user's uid and find its packages."""
    done = subprocess.run([str(python), "-c", CHECK], capture_output=True,
                          text=True, user=user.pw_uid, group=user.pw_gid, extra_groups=os.getgrouplist(
                              user.pw_name, user.pw_gid), env={"HOME": user.pw_dir, "PATH": "/usr/bin:/bin"},
                          cwd="/", check=False)
    if done.returncode:
        raise AccountError(f"{python} does not run as {user.pw_name}:\n{done.stderr.strip()[-2000:]}")


def venv_paths() -> list[Path]:
    """What every user's server executes: the course's virtual environment and the Python it was made from."""
    return [Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.executable)).parent]
