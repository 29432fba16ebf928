"""Remove a folder a submission wrote into, whatever it put there.

`shutil.rmtree` recurses once per level (Python 3.11), so a kernel that makes a 1,500-level chain of folders turns
the grader's clean-up into a `RecursionError`; it also gives up on a folder the kernel made unreadable (`chmod 0`).
`remove_tree` walks with an explicit stack of open folder descriptors instead: no recursion, no path longer than
one name (a deep chain's full path can exceed PATH_MAX), never follows a symbolic link out of the tree, makes a
folder it owns readable again before it goes in, and never raises.
"""

import contextlib
import os
import stat
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _open_dir(name: str, parent: int | None) -> int | None:
    """A descriptor of folder `name` (relative to `parent`'s descriptor), made readable if it was not."""
    for attempt in range(2):
        try:
            return os.open(name, _DIR_FLAGS, dir_fd=parent)
        except PermissionError:
            if attempt:
                return None
            with contextlib.suppress(OSError):
                os.chmod(name, stat.S_IRWXU, dir_fd=parent, follow_symlinks=False)
        except OSError:
            return None
    return None


def _is_dir(name: str, parent: int) -> bool:
    try:
        return stat.S_ISDIR(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _empty(fd: int) -> list[str]:
    """Remove every non-folder entry of the open folder `fd`; return the names of its sub-folders."""
    with contextlib.suppress(OSError):
        os.fchmod(fd, stat.S_IRWXU)               # a folder without write permission keeps its entries
    folders = []
    try:
        names = os.listdir(fd)
    except OSError:
        return folders
    for name in names:
        if _is_dir(name, fd):
            folders.append(name)
        else:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=fd)
    return folders


def remove_tree(path: str | os.PathLike) -> bool:
    """Remove `path` and everything under it as far as permissions allow; True if it is gone. Never raises."""
    path = Path(path)
    try:
        if not path.is_dir() or path.is_symlink():
            path.unlink(missing_ok=True)
            return not os.path.lexists(path)
        top = _open_dir(str(path), None)
    except OSError:
        return not os.path.lexists(path)
    if top is None:
        return False
    # Each stack entry: a folder's name in its parent, its descriptor, and the sub-folders still to visit in it.
    stack: list[tuple[str, int, list[str]]] = [("", top, _empty(top))]
    while stack:
        name, fd, todo = stack[-1]
        if todo:
            child_name = todo.pop()
            child = _open_dir(child_name, fd)
            if child is not None:
                stack.append((child_name, child, _empty(child)))
            continue
        stack.pop()
        os.close(fd)
        if stack:
            with contextlib.suppress(OSError):
                os.rmdir(name, dir_fd=stack[-1][1])
    with contextlib.suppress(OSError):
        os.rmdir(path)
    return not os.path.lexists(path)
