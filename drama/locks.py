"""Advisory file locks between drama processes: casting appends, segments being synthesized.

A lock is held on an open file (flock on POSIX, a locked byte on Windows), so the system
releases it when its process dies, however it dies: a killed run never leaves a lock that
blocks the next one.

How long a command waits for a lock another one holds is one setting for every lock
(lock_timeout, DRAMA_LOCK_TIMEOUT), and every wait that lasts is said once on stderr
(acquire_saying_so): a silent wait looks like a hang.
"""
from __future__ import annotations

import logging
import math
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import DramaError

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05

LOCK_TIMEOUT_SECONDS = 60.0
"""How long a command waits for another one holding a lock it needs (the casting file's,
a script's, an episode's); the environment variable DRAMA_LOCK_TIMEOUT overrides it."""
MAX_LOCK_TIMEOUT_SECONDS = 86400.0
"""The longest DRAMA_LOCK_TIMEOUT allowed, a day: a longer one (1e300) is a typo or a wish
never to give up, and a command stuck that long behind another is better told so."""
QUIET_WAIT_SECONDS = 1.0
"""How long a command waits for a lock before saying that it is waiting."""

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
        takes it next checks again for the work it guards, see render.cache). A file that
        cannot be removed (Windows removes no open file; a folder gone read-only) stays, an
        empty file the next holder takes: the lock is let go all the same, never an error."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if remove:
                self._remove()
            _unlock(fd)
        finally:
            os.close(fd)

    def _remove(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.debug("%s: left in place: %s", self.path, exc)

    def __enter__(self) -> "FileLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def lock_timeout() -> float:
    """LOCK_TIMEOUT_SECONDS, or DRAMA_LOCK_TIMEOUT when it is set; a DramaError naming the
    variable when that is no number of seconds from 0 to MAX_LOCK_TIMEOUT_SECONDS (a typo
    waiting the default minute unasked would hide it, and "inf" or 1e300 would hang a
    command for good behind a stuck one). Set but empty (`DRAMA_LOCK_TIMEOUT=`, or only
    spaces) is unset, as for every DRAMA_ variable (DRAMA_CACHE, DRAMA_PIPER_THREADS...):
    the shell's way to clear one for a command."""
    raw = os.environ.get("DRAMA_LOCK_TIMEOUT", "")
    if not raw.strip():
        return LOCK_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= MAX_LOCK_TIMEOUT_SECONDS:  # negative, too long, or no number
        raise DramaError(f"DRAMA_LOCK_TIMEOUT must be a number of seconds to wait for a lock "
                         f"another drama command holds (such as 60, or 0 not to wait, at "
                         f"most {MAX_LOCK_TIMEOUT_SECONDS:g}), not {raw!r}")
    return seconds


def acquire_saying_so(lock: FileLock, timeout: float, waiting_for: str) -> bool:
    """Take the lock within timeout seconds; once the wait has lasted QUIET_WAIT_SECONDS,
    say once on stderr what it is for (`waiting_for`, such as "FILE: another drama command
    is editing it") and the timeout it waits up to, as configured (the second
    already waited is part of it)."""
    if lock.acquire(min(timeout, QUIET_WAIT_SECONDS)):
        return True
    if timeout <= QUIET_WAIT_SECONDS:
        return False
    log.warning("%s; waiting up to %g s", waiting_for, timeout)
    return lock.acquire(timeout - QUIET_WAIT_SECONDS)


@contextmanager
def removable_lock_held(path: str | os.PathLike, waiting_for: str,
                        refused: Callable[[float], DramaError]) -> Iterator[None]:
    """Hold the removable lock at `path` (FileLock) for a with-block: waiting as long as
    every lock (lock_timeout), saying so when the wait lasts (acquire_saying_so, with
    `waiting_for`), raising refused(timeout) when another command keeps it and an
    OutputError naming the lock file when it cannot be made; its file removed as it is let
    go, however the block ends. The one way script, episode and book.json locks are held."""
    from .files import output_error
    timeout = lock_timeout()
    lock = FileLock(path, removable=True)
    try:
        got = acquire_saying_so(lock, timeout, waiting_for)
    except OSError as exc:
        raise output_error(exc, lock.path) from None
    if not got:
        raise refused(timeout)
    try:
        yield
    finally:
        lock.release(remove=True)  # a file it cannot remove (Windows) stays: no error


@contextmanager
def writer_lock_held(path: str | os.PathLike, shown: str | os.PathLike, writing: str,
                     error: type[DramaError]) -> Iterator[None]:
    """removable_lock_held in the words of a lock held while a file is written (a script,
    an episode, book.json): "SHOWN: WRITING" while it waits, and when another command
    keeps it `error` naming SHOWN, "WRITING (waited T s for PATH); run again when it is
    done". `writing` says who writes what: "another drama run is writing this script"."""
    with removable_lock_held(
            path, f"{shown}: {writing}",
            lambda timeout: error(f"{writing} (waited {timeout:g} s for {path}); run again "
                                  "when it is done", path=str(shown))):
        yield
