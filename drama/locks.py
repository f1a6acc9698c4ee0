"""Advisory file locks between drama processes: casting appends, segments being synthesized.

A lock is held on an open file (flock on POSIX, a locked byte on Windows), so the system
releases it when its process dies, however it dies: a killed run never leaves a lock that
blocks the next one.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

POLL_SECONDS = 0.05

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """An exclusive lock on the file at `path` (made empty if missing).

    With `removable`, the lock is held only on the file the path names when it is taken: a
    holder may then remove the file as it lets go (release(remove=True)) and leave nothing
    behind, yet a process that opened the old file before it went never holds the lock at
    the same time as one holding a new file at the same path."""

    def __init__(self, path: str | os.PathLike, removable: bool = False) -> None:
        self.path = Path(path)
        self.removable = removable
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; whether it is now held. OSError if the file cannot
        be made (a read-only folder)."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError as exc:
            # another user's file (a killed run's, in a shared folder): a lock needs no
            # writing; none there and none to be made is the error it was
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                raise exc from None
        if _try(fd):
            if not self.removable or self._still_named(fd):
                self._fd = fd
                return True
            _unlock(fd)  # removed by the holder before: the next try opens the new one
        os.close(fd)
        return False

    def _still_named(self, fd: int) -> bool:
        try:
            named = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (mine.st_dev, mine.st_ino)

    def acquire(self, timeout: float) -> bool:
        """Wait up to timeout seconds for the lock; whether it is held."""
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)
        return True

    def release(self, remove: bool = False) -> None:
        """Let the lock go; with `remove`, delete its file first (only safe when whoever
        takes it next checks again for the work it guards, see render.cache)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if remove:
                self.path.unlink(missing_ok=True)
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> "FileLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()
