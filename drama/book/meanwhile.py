"""An episode written by someone else while a build runs: kept, not written over.

A build loads the voices (voices.yaml and the global lexicon) once, at its start, and
speaks every episode with them. The studio's "render changes" of an episode during that
build, after a voice was edited there, wrote the episode with the new voice; the build then
wrote it again with the voice it had loaded, and the next build spoke it a third time
(hostile35). Before it writes an episode, the build now asks whether the casting files
changed since it loaded them and, when they did, whether the episode's files were written
since its start and are up to date with the casting as it is now (their manifest's inputs
are what planning the episode with it gives): such an episode is kept as it is. An episode
no one wrote meanwhile is written as planned, with the voices the build loaded, which its
book.json records: the next build names the voices changed and speaks it again.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from ..casting import Casting, load_casting
from ..casting.lexicon import global_lexicon_path
from ..errors import DramaError
from ..render import RenderResult
from ..render.episode import EpisodeJob, kept_episode

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class CastingNow:
    """The casting files as they were when a build loaded them, and as they are now."""

    def __init__(self, casting_path: str | os.PathLike, catalog=None) -> None:
        """Made just before the build loads the casting: a change after this is seen."""
        self.paths = (Path(casting_path), global_lexicon_path())
        self.catalog = catalog
        self.started_ns = time.time_ns()
        self.loaded = self._stamps()
        self._seen = self.loaded
        self._now: Casting | None = None
        self._lock = threading.Lock()  # the finisher threads ask at once

    def _stamps(self) -> tuple:
        return tuple(_stamp(p) for p in self.paths)

    def changed(self) -> Casting | None:
        """The casting as its files are now, when they changed since the build loaded
        them; None when they did not, or cannot be read now (the build goes on with its
        own)."""
        with self._lock:
            stamps = self._stamps()
            if stamps == self.loaded:
                return None
            if stamps != self._seen:
                self._seen = stamps
                try:
                    self._now = load_casting(self.paths[0], self.catalog)
                except DramaError as exc:
                    log.info("%s changed during the build and cannot be read (%s)",
                             self.paths[0], exc)
                    self._now = None
            return self._now

    def written_meanwhile(self, out: Path, plan: Callable[[Casting], EpisodeJob]
                          ) -> RenderResult | None:
        """The episode whose audio is `out` as another render wrote it since the build
        started, when it is up to date with the casting as it is now (`plan` plans the
        episode with a casting); else None: the build writes it as it planned."""
        casting = self.changed()
        written = _stamp(out)  # once: a file gone between two looks raised in a finisher
        if casting is None or written is None or written[0] < self.started_ns:
            return None
        try:
            job = plan(casting)
        except DramaError:  # a speaker without a voice now: no render of it is current
            return None
        kept = kept_episode(job)
        if kept is not None:
            log.info("%s: written during the build with the voices as they are now, kept",
                     out.name)
        return kept
