"""Many episodes (a book's) rendered as one job, so the two cores never wait for each other.

One pool of speaking workers synthesizes every missing segment of every episode, in episode
order. As soon as the last segment an episode needs is in the cache, that episode is handed
to a finisher thread, which lays it out, assembles it and runs its encoders (ffmpeg
processes) while the workers go on speaking the next episodes. FINISHERS episodes are
finished at once, so at most that many assembled WAVs exist at a time, and encoding (the
larger part of a book's work: AAC for the audiobook) runs on both cores once synthesis is
done.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from ..engines import Engine, EngineSet
from ..wording import counted
from .cache import SegmentCache
from .episode import (EpisodeJob, RenderResult, finish_episode, kept_episode,
                      written_meanwhile)
from .heap import bound_heap
from .synth import LeftByEngine, jobs_from, synthesize_all

log = logging.getLogger(__name__)


FINISHERS = max(2, os.cpu_count() or 2)
"""Episodes finished at once: one is assembled, or has its headroom measured or its files
checked, while another's encoders run (encode.ENCODER_SLOTS: one a core)."""
WORKER_NICENESS = 5
"""The speaking workers yield the processor to the episodes already spoken (their assembly
and encoders), so the first episode is written while the rest of the book is spoken."""


def render_episodes(episodes: list[EpisodeJob], engines: EngineSet | Engine, cache: SegmentCache,
                    workers: int | None = None,
                    progress: Callable[[int, int, bool], None] | None = None,
                    on_rendered: Callable[[int, RenderResult], None] | None = None,
                    on_spoken: Callable[[int], None] | None = None
                    ) -> list[RenderResult]:
    """Render every episode; on_rendered(index, result) is called (from a finisher thread)
    as each one is written, on_spoken(index) as each not up to date has every segment and
    is to be assembled, progress(done, total, foretold) as items are ready (foretold:
    LeftByEngine.foretold). The first error stops the work and is raised."""
    bound_heap()
    return _Batch(episodes, cache, progress, on_rendered, on_spoken).run(engines, workers)


class _Batch:
    """One render_episodes call: which segments each episode still waits for, the
    finisher threads that assemble the episodes as their last segment lands, and the
    counts progress reports."""

    def __init__(self, episodes: list[EpisodeJob], cache: SegmentCache,
                 progress: Callable[[int, int, bool], None] | None,
                 on_rendered: Callable[[int, RenderResult], None] | None,
                 on_spoken: Callable[[int], None] | None):
        self.episodes, self.cache = episodes, cache
        self.progress, self.on_rendered, self.on_spoken = progress, on_rendered, on_spoken
        # up to date by their inputs alone: their segments are neither loaded nor synthesized
        self.kept = {i: r for i, ep in enumerate(episodes)
                     if (r := kept_episode(ep)) is not None}
        self.waiting, self.owners, self.jobs, self.counts, self.total = \
            _missing_work(episodes, cache, self.kept)
        self.done = self.total - sum(self.counts.values())
        self.left = LeftByEngine(self.jobs, self.counts)
        self.results: list[RenderResult | None] = [None] * len(episodes)
        self.futures: list[Future] = []  # touched by this thread only
        self.encoding: list[Future] = []  # theirs that assemble and encode (not a kept one's)

    def run(self, engines: EngineSet | Engine, workers: int | None) -> list[RenderResult]:
        """Synthesize the missing segments, finish each episode as its last one lands, and
        wait for every finisher: the results, in the episodes' order."""
        self._tell_progress()
        self.finishers = ThreadPoolExecutor(FINISHERS, thread_name_prefix="drama-finish")
        try:
            for i, missing in enumerate(self.waiting):
                if not missing:
                    self._start(i)
            synthesize_all(self.jobs, engines, self.cache, workers, self._landed,
                           niceness=WORKER_NICENESS, elsewhere=self._made_elsewhere)
            for fut in list(self.futures):
                fut.result()  # in the order they were started: the first error is raised
        except KeyboardInterrupt as stop:
            _say_finishing(self.encoding, ctrl_c=type(stop) is KeyboardInterrupt)
            raise
        finally:
            self.finishers.shutdown(wait=True, cancel_futures=True)
        return [r for r in self.results if r is not None]

    def _tell_progress(self) -> None:
        if self.progress:
            self.progress(self.done, self.total, self.left.foretold)

    def _finish(self, i: int) -> None:
        """(A finisher thread.) Write episode i, or take it as kept or written meanwhile."""
        episode = self.episodes[i]
        result = written_meanwhile(episode) or self.kept.get(i) or \
            finish_episode(episode, self.cache, check_peaks=False)
        episode.let_go()
        self.results[i] = result
        if self.on_rendered:
            self.on_rendered(i, result)

    def _start(self, i: int) -> None:
        """Hand episode i, every segment of it in the cache, to a finisher."""
        if self.on_spoken and i not in self.kept:  # said before its assembly can say it written
            self.on_spoken(i)
        self.futures.append(self.finishers.submit(self._finish, i))
        if i not in self.kept:
            self.encoding.append(self.futures[-1])

    def _made_elsewhere(self, key: str) -> None:
        """A segment another render made meanwhile (a second build of the folder): not
        counted as synthesized by the episode that counted it (newcomer41: two builds of
        one book each said "29 segments synthesized" of the 29 they shared)."""
        owners = self.owners.get(key)
        if owners:
            self.episodes[owners[0]].synthesized -= 1

    def _landed(self, key: str) -> None:
        """A segment is in the cache: count it, and start the episodes it completes."""
        for fut in self.futures:  # a finisher's error stops the synthesis too
            if fut.done() and fut.exception() is not None:
                raise fut.exception()
        self.done += self.counts.get(key, 0)
        self.left.landed(key)
        self._tell_progress()
        for i in self.owners.pop(key, ()):
            self.waiting[i].discard(key)
            if not self.waiting[i]:
                self._start(i)


def _say_finishing(futures: list[Future], ctrl_c: bool) -> None:
    """Say on stderr, at Ctrl-C (or SIGTERM), that the episodes being assembled and encoded
    are awaited: a build stopped so went on 8 to 20 s in silence (walk33), as synthesis
    says of the segments in hand. An up-to-date episode being finished is not counted
    (walk34: "the 2 episodes" where one was rendered)."""
    running = sum(1 for fut in futures if fut.running())
    if running:
        log.warning("stopping once the %s being assembled and encoded %s written%s",
                    counted(running, "episode"), "is" if running == 1 else "are",
                    " (Ctrl-C again stops at once)" if ctrl_c else "")


def _missing_work(episodes: list[EpisodeJob], cache: SegmentCache, kept: dict):
    """What the episodes lack, planning one at a time (each let go again after); `kept`
    episodes (up to date) lack nothing. The segments each waits for, the episodes waiting
    for each segment, the synthesis jobs in episode order, how many items wait for each
    segment, and the items in all. Sets each episode's synthesized and shared counts."""
    waiting: list[set[str]] = []
    owners: dict[str, list[int]] = {}
    jobs: list[tuple] = []
    counts: dict[str, int] = {}
    first_use: dict[str, int] = {}
    total = 0
    for i, ep in enumerate(episodes):
        keys = ep.keys
        # load, not has: an unreadable entry is removed, and synthesized again now
        missing = set() if i in kept else \
            {key for key in keys if key in owners or cache.load(key) is None}
        waiting.append(missing)
        for key in missing:
            owners.setdefault(key, []).append(i)
        if i not in kept:  # a segment two episodes share counts in the first
            ep.shared = sum(1 for key in keys if first_use.setdefault(key, i) != i)
            for it in ep.timeline():
                if it.key in owners:
                    jobs.append((it.key, it.spoken, it.settings, it.engine))
                    counts[it.key] = counts.get(it.key, 0) + 1
        total += len(ep.timeline())
        ep.let_go()  # planned again when its turn comes
    for i, ep in enumerate(episodes):
        ep.synthesized = sum(1 for key in waiting[i] if owners[key][0] == i)
    return waiting, owners, jobs_from(jobs), counts, total
