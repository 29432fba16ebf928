"""A submission's folder on the host, sized: the student's files, the kernel's sockets and the grader's own files
(log, launch spec), on a tmpfs of a fixed size where the grader may mount one (root), so that what the kernel
writes there is bounded in total, not only per file; and its removal, whatever the kernel left there."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from autograder.sandbox.remove import remove_tree

PAGE = 4096
_libc = None


def mount_tmpfs(path: Path, size: int) -> bool:
    """Mount a tmpfs of `size` bytes on `path` (needs root); False where not allowed."""
    global _libc
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    opts = f"size={max(size, 1 << 20)},mode=0700".encode()
    return _libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs", ctypes.c_ulong(0x2 | 0x4 | 0x8), opts) == 0  # nosuid nodev noexec


def unmount(path: Path) -> None:
    if _libc is not None:
        _libc.umount2(os.fsencode(path), 2)      # MNT_DETACH


@cache
def can_mount() -> bool:
    probe = Path(tempfile.mkdtemp(prefix="ag-mount-probe-"))
    try:
        if not mount_tmpfs(probe, 1 << 20):
            return False
        unmount(probe)
        return True
    finally:
        shutil.rmtree(probe, ignore_errors=True)


@dataclass
class SubmissionFolder:
    """`base`/w: the submission's files (/home/student in the sandbox); `base`/i: the kernel's sockets; `base`/p: the
    grader's own (the kernel's log, the launch spec)."""

    base: Path
    mounted: bool = False          # `base` is a tmpfs the grader mounted
    room: int | None = None        # bytes the kernel's own tmpfs still holds (a zygote's kernel); None: not counted
    skipped_files: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.work, self.ipc, self.private = self.base / "w", self.base / "i", self.base / "p"
        for d in (self.work, self.ipc, self.private):
            d.mkdir(mode=0o700)

    @classmethod
    def on_host(cls, mount: bool, size: int) -> SubmissionFolder:
        """A new folder under /tmp; with `mount`, on a tmpfs of `size` bytes where we may mount one."""
        base = Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp" if os.path.isdir("/tmp") else None))
        return cls(base, mounted=mount and mount_tmpfs(base, size))

    def add_files(self, files: dict[str, bytes]) -> None:
        """Put the student's other files in `work` (also after the kernel started: the folder is shared). Files that
        do not fit in the folder's size are left out (listed in `skipped_files`)."""
        root = self.work.resolve()
        for rel, data in files.items():
            target = (self.work / rel).resolve()
            if root in target.parents and self._fits(len(data)):
                self._write(rel, target, data)
            elif root in target.parents:
                self.skipped_files.append(rel)

    def _fits(self, size: int) -> bool:
        """Whether a file of `size` bytes fits in what the kernel's own tmpfs still holds (counted in pages)."""
        if self.room is None:
            return True
        need = -(-size // PAGE) * PAGE + PAGE
        if need > self.room:
            return False
        self.room -= need
        return True

    def _write(self, rel: str, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.write_bytes(data)
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EFBIG):
                raise
            target.unlink(missing_ok=True)
            self.skipped_files.append(rel)

    def remove(self) -> None:
        """Unmount its tmpfs and remove whatever the kernel left there (deep chains, unreadable folders)."""
        if self.mounted:
            unmount(self.base)
            self.mounted = False
        remove_tree(self.base)
