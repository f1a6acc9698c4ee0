"""Planned file edits: what each file becomes, written atomically, never over someone else's.

Every edit of a person's files (`drama speakers merge/rename/move/voice`, the studio's line
edits) is planned first: each file's text as read and as it will be, with a summary a person
can read. `apply_plan` then writes them file by file through a temporary file, and refuses a
file whose text changed since it was read, so an edit made meanwhile (in an editor, by another
command) is never overwritten. A plan can be turned around (`reverse_plan`) to undo it; the
command line's edits keep a record to undo the last one (drama.undo).
"""
from __future__ import annotations

import difflib
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .casting import casting_lock_path, casting_locked, write_bytes_atomic
from .errors import OutputError, SpeakerError
from .files import NOT_REGULAR_INPUT, NotRegularFile, cannot_read, read_regular
from .saving import script_locked

__all__ = ["FileChange", "EditPlan", "ChangedMeanwhile", "apply_plan", "reverse_plan",
           "read_for_edit", "plan_locked", "check_plan", "write_plan"]


@dataclass
class FileChange:
    """What one file becomes."""

    path: str
    before: str
    after: str
    summary: list[str] = field(default_factory=list)
    """One line per change, for a person to read."""
    casting: bool = False
    """Whether this is the casting file (edited as text) rather than a script."""

    def diff(self) -> str:
        """A unified diff of the change (for voices.yaml in a dry run)."""
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=self.path, tofile=self.path))


@dataclass
class EditPlan:
    """Every file an edit changes, and notes on what it leaves alone."""

    changes: list[FileChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scripts: dict = field(default_factory=dict)
    """path -> the Script a change's text was dumped from, for a caller that keeps scripts
    in memory (the studio): it need not parse the file it just wrote."""
    copies: list[FileChange] = field(default_factory=list)
    """Hidden copies edited with their file (a waiting proposal's, drama.saving.baseline_path:
    the proposal untouched before the edit stays untouched after it), written after every
    change, under their file's lock; no summary of their own."""

    def summary(self) -> list[str]:
        """Every change's summary lines, in file order."""
        return [line for change in self.changes for line in change.summary]


def read_for_edit(path: str) -> str:
    """A file's text exactly as stored (line ends kept), or a SpeakerError naming it."""
    try:
        return read_regular(path).decode("utf-8")
    except NotRegularFile:
        raise SpeakerError(NOT_REGULAR_INPUT, path=path) from None
    except OSError as exc:  # its repr named the file a second time
        raise SpeakerError(cannot_read(exc), path=path) from None
    except UnicodeDecodeError as exc:
        raise SpeakerError(f"cannot read it: {exc}", path=path) from None


def apply_plan(plan: EditPlan) -> None:
    """Write every change, each file atomically; a file changed since it was read is left
    alone with an error, so a person's edit made meanwhile is never overwritten. voices.yaml's
    lock is taken, and every file checked, before any file is written: an edit that cannot
    have the lock (a `drama cast` appending meanwhile) or finds a file changed writes nothing,
    rather than leaving scripts and voices.yaml disagreeing. Each script's own lock is held
    too, the one `drama extract` holds while it judges the file untouched and replaces it:
    an edit written in between was replaced by the extraction, said done and lost."""
    with plan_locked(plan):
        check_plan(plan)
        write_plan(plan)


@contextmanager
def plan_locked(plan: EditPlan, casting: str | None = None) -> Iterator[None]:
    """Hold every lock apply_plan holds for plan: each casting file's, then each script's
    in one order; and `casting`'s too when given (the undo record beside it, drama.undo),
    taken once however many names the same file."""
    castings = [c.path for c in plan.changes if c.casting] + ([casting] if casting else [])
    with ExitStack() as locks:
        for path in {casting_lock_path(p): p for p in castings}.values():
            locks.enter_context(casting_locked(path))
        for path in sorted({c.path for c in plan.changes if not c.casting}):  # one order
            locks.enter_context(script_locked(Path(path)))
        yield


def check_plan(plan: EditPlan) -> None:
    """ChangedMeanwhile naming the first file that no longer holds the text its change was
    planned on (nothing is written)."""
    for change in plan.changes + plan.copies:
        _check_unchanged(change)


def write_plan(plan: EditPlan) -> None:
    """Write every change in order, each atomically (held and checked: plan_locked,
    check_plan)."""
    for change in plan.changes + plan.copies:
        _write_change(change)


class ChangedMeanwhile(SpeakerError):
    """A file changed after the edit was planned on it: nothing more was written, and an
    edit planned again on the file as it is now may be made."""


def _check_unchanged(change: FileChange) -> None:
    """ChangedMeanwhile when the file no longer holds the text the change was planned on."""
    try:
        now = read_regular(change.path).decode("utf-8")
    except FileNotFoundError:  # a proposal edited with its script, deleted after review
        raise ChangedMeanwhile("moved or deleted while being edited; nothing more was "
                               "written, run the command again", path=change.path) from None
    except OSError as exc:  # the errno's repr named the file a second time
        raise SpeakerError(f"{cannot_read(exc)} (again, before writing)",
                           path=change.path) from None
    except UnicodeDecodeError:
        raise ChangedMeanwhile("changed while being edited (no longer UTF-8 text); nothing "
                               "more was written, run the command again",
                               path=change.path) from None
    if now != change.before:
        raise ChangedMeanwhile("changed while being edited; nothing more was written, "
                               "run the command again", path=change.path)


def _write_change(change: FileChange) -> None:
    try:
        # checked once more last thing before the rename
        write_bytes_atomic(change.path, change.after,
                           before_replace=lambda: _check_unchanged(change))
    except OutputError as exc:
        raise SpeakerError(f"cannot write: {exc.message}", path=change.path) from None


def reverse_plan(plan: EditPlan) -> EditPlan:
    """The plan that undoes plan once it was applied: each file back to its text before,
    provided it still holds what plan wrote (apply_plan checks)."""
    changes = [FileChange(c.path, c.after, c.before,
                          [f"undone: {line}" for line in c.summary], c.casting)
               for c in reversed(plan.changes)]
    copies = [FileChange(c.path, c.after, c.before) for c in reversed(plan.copies)]
    return EditPlan(changes, copies=copies)
