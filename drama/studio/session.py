"""The studio's state: the project's scripts and casting as last read, edits applied through
drama/edits.py with undo, and files changed by someone else noticed and read again.

Every edit names the generation of the files the person saw (a counter that goes up whenever
any file changes, by the studio or anyone else). An edit made against an older generation is
refused, and so is a plan whose files are not what the studio last saw: a change made on disk
meanwhile is never overwritten.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from ..casting import Casting, load_casting
from ..edits import ChangedMeanwhile, EditPlan, apply_plan, reverse_plan
from ..engines import AUTO, DEFAULT_ENGINE
from ..errors import DramaError, InputError
from ..fidelity import find_source, text_as_indexed
from ..files import read_regular
from ..model import Script
from ..scriptfile import load_script, parse_script
from ..source import read_source_text
from .audio import EngineProcesses, Renderer
from .project import Episode, Project, TrackedFiles

log = logging.getLogger(__name__)

UNDO_DEPTH = 20
"""How many of the last edits can be undone."""


class FileConflict(DramaError):
    """An edit refused because the files changed since the person last saw them."""


@dataclass
class Notice:
    """Something the person should know, once: a file someone else changed."""

    generation: int
    message: str


@dataclass
class Applied:
    """An edit the studio made, kept for undo."""

    label: str
    plan: EditPlan
    previous: dict
    """path -> the Script the studio held before the edit, to take back on undo."""


class Studio:
    """One project's files as the studio sees them, and the edits made to them."""

    def __init__(self, project: Project, engine_name: str = AUTO) -> None:
        self.project = project
        self.engine_name = engine_name
        """As the commands take it: an engine, or auto (pyttsx3, Piper for new main parts)."""
        self.default_engine = DEFAULT_ENGINE if engine_name == AUTO else engine_name
        """The engine of voices that name none."""
        self.lock = threading.RLock()
        self.generation = 0
        self.files = TrackedFiles()
        self.notices: deque[Notice] = deque(maxlen=20)
        self.undo_stack: deque[Applied] = deque(maxlen=UNDO_DEPTH)
        self._scripts: dict[Path, Script | DramaError] = {}
        self._texts: dict[Path, str] = {}
        self._sources: dict[Path, tuple[str | None, str | None]] = {}
        self._casting: Casting | DramaError | None = None
        self.processes = EngineProcesses(self.default_engine)
        """Auditions and voice lists, in a spawned process per engine."""
        self.renderer = Renderer()
        """The background render, one episode at a time."""
        for path in self.paths():
            self._read(path)

    def close(self) -> None:
        self.processes.close()
        self.renderer.close()

    # ------------------------------------------------------------------ files

    def paths(self) -> list[Path]:
        return [ep.script for ep in self.project.episodes] + [self.project.casting]

    def _read(self, path: Path, adopt: Script | None = None) -> None:
        """Read one file again and take it as the studio's version (adopt: the Script the
        studio just wrote it from, so a book's script is not parsed again)."""
        self.files.record(path)
        if path == self.project.casting:
            try:
                self._casting = load_casting(path, missing_ok=True)
            except DramaError as exc:
                self._casting = exc
            return
        try:
            self._texts[path] = read_regular(path).decode("utf-8")
            self._scripts[path] = adopt if adopt is not None else \
                parse_script(self._texts[path].replace("\r\n", "\n").lstrip("\ufeff"),
                             str(path))
        except UnicodeDecodeError:
            self._scripts[path] = InputError("not valid UTF-8 text; save it as UTF-8",
                                             path=str(path))
        except OSError as exc:
            self._scripts[path] = InputError(f"cannot read: {exc.strerror or exc}",
                                             path=str(path))
        except DramaError as exc:
            self._scripts[path] = exc
        self._sources.pop(path, None)

    def refresh(self) -> list[Path]:
        """Read again every file someone else changed; the files, with a notice each."""
        with self.lock:
            changed = self.files.changed()
            if changed:
                self.generation += 1
                for path in changed:
                    self._read(path)
                    self.notices.append(Notice(self.generation, f"{path} changed on disk; "
                                                                "the studio read it again"))
                    log.info("%s changed on disk: read again", path)
            return changed

    def script(self, episode: Episode) -> Script:
        """The episode's script as last read, or the DramaError that reading it raised."""
        return self.script_at(episode.script)

    def script_at(self, path: Path) -> Script:
        """The script of the file at path: as last read when the studio holds it (one of
        its episodes), else read now (an episode a build added since the studio opened)."""
        found = self._scripts.get(Path(path))
        if found is None:
            return load_script(path)
        if isinstance(found, DramaError):
            raise found
        return found

    def current(self, episode: Episode) -> tuple[str, Script]:
        """The episode's script file's text and script as last read, for an edit's plan."""
        return self._texts[episode.script], self.script(episode)

    def scripts(self) -> list[Script]:
        """Every episode's script that reads (the others are shown with their error)."""
        return [s for s in self._scripts.values() if isinstance(s, Script)]

    def script_error(self, episode: Episode) -> str | None:
        found = self._scripts[episode.script]
        return str(found) if isinstance(found, DramaError) else None

    def casting(self) -> Casting:
        if isinstance(self._casting, DramaError):
            raise self._casting
        assert self._casting is not None
        return self._casting

    def source_text(self, episode: Episode) -> str | None:
        """The source text the episode's script indexes into, when it is there unchanged
        (a book's episode moved by an edit before it: as its offsets read it,
        fidelity.text_as_indexed)."""
        path = episode.script
        if path not in self._sources:
            script = self.script(episode)
            found = find_source(script, path)
            text = None
            if found is not None:
                try:
                    text = read_source_text(found)
                except DramaError:
                    text = None
                if text is not None:
                    text = text_as_indexed(script, text)
            self._sources[path] = (str(found) if found else None, text)
        return self._sources[path][1]

    def source_path(self, episode: Episode) -> Path | None:
        """The source text's file when it holds the script's text (source_text), for the
        manifest to record as `drama render` does; else None."""
        if self.source_text(episode) is None:
            return None
        return Path(self._sources[episode.script][0])

    # ------------------------------------------------------------------ edits

    def check_generation(self, generation: int) -> None:
        """A stale generation's FileConflict, before an edit is planned: an edit made
        against files another tab or command changed since is said to be stale (409),
        not refused for what its plan then finds (400: "no speaker Bob" after a rename)."""
        with self.lock:
            self.refresh()
            if generation != self.generation:
                raise self.stale_error()

    def apply(self, plan: EditPlan, generation: int, label: str) -> list[str]:
        """Write a plan made against the files of `generation`; its summary lines."""
        with self.lock:
            self.refresh()
            self._check_current(plan, generation)
            if not plan.changes:
                return []
            previous = self._held(plan)
            try:
                apply_plan(plan)
            except ChangedMeanwhile as exc:     # written meanwhile: the page must look again
                raise FileConflict(f"{exc.path} changed on disk as this edit was being "
                                   "written; nothing was written: look again and redo the "
                                   "edit") from None
            finally:
                self._after_write(plan)
            self.undo_stack.append(Applied(label, plan, previous))
            return plan.summary()

    def _held(self, plan: EditPlan) -> dict:
        return {c.path: self._scripts.get(Path(c.path)) for c in plan.changes
                if isinstance(self._scripts.get(Path(c.path)), Script)}

    def adopt(self, path: Path) -> None:
        """Take a file another library function just wrote for the studio (an append by
        `cast_speakers`) as the studio's own version: no notice, the pages reload."""
        with self.lock:
            self._read(path)
            self.generation += 1

    def undo(self, generation: int) -> list[str]:
        """Undo the last edit, when its files still hold what it wrote."""
        with self.lock:
            self.refresh()
            if generation != self.generation:   # stale first: another tab's undo emptied it
                raise self.stale_error()
            if not self.undo_stack:
                raise DramaError("nothing to undo")
            applied = self.undo_stack[-1]
            back = reverse_plan(applied.plan)
            back.scripts = dict(applied.previous)
            try:
                apply_plan(back)
            except DramaError as exc:
                self.undo_stack.clear()     # a file moved on: older undos would not apply
                if isinstance(exc, ChangedMeanwhile):   # its "run the command again" misleads
                    raise DramaError(f"cannot undo {applied.label}: the file changed since "
                                     "(another command, or an editor); nothing was written, "
                                     "and the edits before it cannot be undone now",
                                     path=exc.path) from None
                raise
            finally:
                self._after_write(back)
            self.undo_stack.pop()
            return [f"undid {applied.label}"]

    def undo_label(self) -> str | None:
        return self.undo_stack[-1].label if self.undo_stack else None

    def _check_current(self, plan: EditPlan, generation: int) -> None:
        if generation != self.generation:
            raise self.stale_error()
        for change in plan.changes:
            seen = self.files.versions.get(Path(change.path))
            if seen is not None and hashlib.sha256(change.before.encode("utf-8")).hexdigest() \
                    != seen:
                raise self.stale_error()

    def stale_error(self) -> FileConflict:
        """The error of an edit made against files that changed since the page was shown."""
        return FileConflict("the files changed since this page was shown (see the notice); "
                            "nothing was written: look again and redo the edit")

    def _after_write(self, plan: EditPlan) -> None:
        """Take the files an edit wrote (or failed to write) as they are now: the project's
        own; a proposal a speaker edit changed with its script is no episode of it."""
        for change in plan.changes:
            path = Path(change.path)
            if path not in self._scripts and path != self.project.casting:
                continue
            written = plan.scripts.get(change.path)
            try:
                same = written is not None and path.read_bytes() == change.after.encode()
            except OSError:
                same = False
            self._read(path, written if same else None)
        self.generation += 1
