"""Synthesis of the segments a render lacks: in this process and a pool of spawned workers.

pyttsx3 (espeak-ng) is not thread-safe and hangs when a process forks after using it, so the
pool starts its workers with `spawn` and each worker makes its own engine once
(drama.engines.worker). pyttsx3's event loop sleeps 10 ms a turn, so a call takes longer
than its synthesis: that time goes to the other speakers and to measuring finished segments.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import wave
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..engines import Engine, VoiceSettings, worker
from ..errors import DramaError, EngineError, RenderError
from .cache import SegmentCache
from .loudness import SegmentStats, analyze

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 3
"""Processes that speak, this one included. Measured by bench/render.py on 2 cores: see
bench/README.md."""
MIN_JOBS_PER_WORKER = 4
"""Starting a worker costs about a fifth of a second; small jobs stay in this process."""
COMMIT_THREADS = 2
"""Threads trimming, measuring and committing finished segments."""
SILENCE_THRESHOLD = 64
"""|sample| at or under this (about -54 dBFS) counts as the engine's leading/trailing silence."""
EDGE_KEEP_SECONDS = 0.01


@dataclass(frozen=True)
class Job:
    """One segment to synthesize into the cache."""

    key: str
    text: str
    settings: VoiceSettings


def read_wav(path: str | os.PathLike) -> tuple[np.ndarray, int]:
    """Mono 16-bit samples and the sample rate of a WAV file, or a RenderError."""
    try:
        with wave.open(str(path), "rb") as r:
            if r.getsampwidth() != 2 or r.getnchannels() != 1:
                raise RenderError("segment is not mono 16-bit PCM", path=str(path))
            return np.frombuffer(r.readframes(r.getnframes()), dtype="<i2"), r.getframerate()
    except (wave.Error, EOFError) as exc:
        raise RenderError(f"segment is not a readable WAV file ({exc})", path=str(path)) from None


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """The samples without the engine's own leading and trailing silence (pauses are ours)."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_THRESHOLD)
    if not len(loud):
        return samples[:0]
    keep = int(EDGE_KEEP_SECONDS * rate)
    return samples[max(0, loud[0] - keep): loud[-1] + 1 + keep]


def commit_segment(cache: SegmentCache, job: Job, raw: str | os.PathLike) -> SegmentStats:
    """Trim the engine's WAV at `raw`, measure it and commit it to the cache; raw is removed."""
    out = cache.tmp_path(job.key, ".wav")
    try:
        samples, rate = read_wav(raw)
        os.unlink(raw)  # before the commit, so a kill after it leaves no orphan behind
        samples = trim_silence(samples, rate)
        if not len(samples):
            raise EngineError(f"the speech engine produced only silence for {job.text[:60]!r} "
                              f"in voice {job.settings.voice}")
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(samples)
        stats = analyze(samples, rate)
        cache.store(job.key, out, stats)
        return stats
    finally:
        for p in (raw, out):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(p)


def synthesize_into_cache(engine: Engine, cache: SegmentCache, job: Job) -> SegmentStats:
    """Synthesize one segment in this process, trim it, measure it and commit it."""
    return commit_segment(cache, job, _speak_here(engine, cache, job))


def _speak_here(engine: Engine, cache: SegmentCache, job: Job) -> Path:
    raw = cache.tmp_path(job.key, ".raw.wav")
    try:
        engine.synthesize(job.text, job.settings, str(raw))
    except BaseException:
        raw.unlink(missing_ok=True)
        raise
    return raw


def synthesize_all(jobs: list[Job], engine: Engine, cache: SegmentCache, workers: int | None,
                   done: Callable[[str], None]) -> None:
    """Synthesize every job into the cache, calling done(key) as each one lands.

    `workers` processes speak: this one, with `engine`, and workers - 1 spawned ones, each
    with its own engine made by name (fewer when there are few jobs). Trimming, measuring
    and committing run on threads of this process beside the speaking: numpy releases the
    GIL in its heavy loops, and pyttsx3 spends much of a call asleep in its event loop.
    """
    for job in jobs:
        cache.clear_leftovers(job.key)
    workers = DEFAULT_WORKERS if workers is None else workers
    spawned = max(0, min(workers, len(jobs) // MIN_JOBS_PER_WORKER) - 1)
    todo = deque(jobs)
    speaking: dict[Future, tuple[Job, Path]] = {}
    committing: dict[Future, Job] = {}
    pool = None
    if spawned:
        log.info("synthesizing %d segments here and in %d workers", len(jobs), spawned)
        pool = ProcessPoolExecutor(max_workers=spawned, initializer=worker.start,
                                   initargs=(engine.name,),
                                   mp_context=multiprocessing.get_context("spawn"))
    committer = ThreadPoolExecutor(max_workers=COMMIT_THREADS, thread_name_prefix="drama-commit")
    try:
        while todo or speaking or committing:
            for fut in [f for f in speaking if f.done()]:
                job, raw = speaking.pop(fut)
                _worker_result(fut, raw)
                committing[committer.submit(commit_segment, cache, job, raw)] = job
            for fut in [f for f in committing if f.done()]:
                fut.result()
                done(committing.pop(fut).key)
            # the workers take jobs from the front, this process from the back: it speaks
            # while they start, and nobody waits for work
            while pool is not None and todo and len(speaking) < 2 * spawned:
                job = todo.popleft()
                raw = cache.tmp_path(job.key, ".raw.wav")
                speaking[pool.submit(worker.speak, job.text, job.settings, str(raw))] = (job, raw)
            if todo:
                job = todo.pop() if pool is not None else todo.popleft()
                committing[committer.submit(commit_segment, cache, job,
                                            _speak_here(engine, cache, job))] = job
            elif speaking or committing:
                wait([*speaking, *committing], return_when=FIRST_COMPLETED)
    finally:
        committer.shutdown(wait=True)  # what was spoken is kept, even when something failed
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        for _, raw in speaking.values():
            raw.unlink(missing_ok=True)


def _worker_result(fut: Future, raw: Path) -> None:
    """A finished worker call's outcome: nothing, or its error as a DramaError."""
    try:
        fut.result()
    except DramaError:
        raw.unlink(missing_ok=True)
        raise
    except Exception as exc:  # a worker that died (crash, killed) or a bug
        raw.unlink(missing_ok=True)
        raise EngineError(
            f"a synthesis worker failed: {exc}; run again to resume (finished segments are "
            "cached), or pass workers=1. Scripts calling render_script need an "
            "`if __name__ == '__main__':` guard, since workers are started with spawn") from None


def jobs_from(items: Iterable[tuple[str, str, VoiceSettings]]) -> list[Job]:
    """Unique jobs in first-seen order from (key, text, settings)."""
    seen: dict[str, Job] = {}
    for key, text, settings in items:
        seen.setdefault(key, Job(key, text, settings))
    return list(seen.values())
