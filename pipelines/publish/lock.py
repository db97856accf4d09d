"""One build at a time per folder: a lock file that names its holder's pid.

The lock is an `flock` on `<folder>/.build.lock`, so the kernel frees it when its holder dies, even by
`kill -9`: a lock file left by a dead build is stale by construction and the next build simply takes it.
The pid written inside is for the message a second build prints. Within one process the lock is
reentrant (`pipelines build` takes it, then the release step of its in-process run takes it again).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".build.lock"
_held: dict[Path, int] = {}  # lock file -> how many times this process holds it


class FolderBusy(RuntimeError):
    """Another live process holds the folder's lock."""


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock, or raise FolderBusy at once naming the holder's pid."""
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / LOCK_NAME).resolve()
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            raise FolderBusy(
                f"another build is running (pid {holder}) on {folder}: wait for it to finish"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        _held[path] = 1
        try:
            yield
        finally:
            del _held[path]
            os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)  # closing releases the flock


def _holder(descriptor: int) -> str:
    """The pid the holder wrote, waiting a moment for it: a holder writes it just after taking the lock."""
    for _ in range(50):
        holder = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
        if holder:
            return holder
        time.sleep(0.02)
    return "unknown"
