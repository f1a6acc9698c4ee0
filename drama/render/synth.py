"""Synthesis of the segments a render lacks: in this process, or in a pool of spawned workers.

pyttsx3 (espeak-ng) is not thread-safe and hangs when a process forks after using it, so the
pool starts its workers with `spawn` and each worker makes its own engine once. Most of
pyttsx3's per-call time is a sleep in its event loop, so more workers than cores still pays.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import wave
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from ..engines import Engine, VoiceSettings, make_engine
from ..errors import DramaError, EngineError, RenderError
from .cache import SegmentCache
from .loudness import SegmentStats, analyze

log = logging.getLogger(__name__)

DEFAULT_WORKERS = 4
"""Measured by bench/render.py on 2 cores: see bench/README.md."""
MIN_JOBS_PER_WORKER = 4
"""Starting a worker costs about a third of a second; small jobs stay in this process."""
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


def synthesize_into_cache(engine: Engine, cache: SegmentCache, job: Job) -> SegmentStats:
    """Synthesize one segment, trim it, measure it and commit it to the cache."""
    raw = cache.tmp_path(job.key, ".raw.wav")
    out = cache.tmp_path(job.key, ".wav")
    try:
        engine.synthesize(job.text, job.settings, str(raw))
        samples, rate = read_wav(raw)
        raw.unlink()  # before the commit, so a kill after it leaves no orphan behind
        samples = trim_silence(samples, rate)
        if not len(samples):
            raise EngineError(f"the speech engine produced only silence for {job.text[:60]!r} "
                              f"in voice {job.settings.voice}")
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(samples.astype("<i2").tobytes())
        stats = analyze(samples, rate)
        cache.store(job.key, out, stats)
        return stats
    finally:
        for p in (raw, out):
            p.unlink(missing_ok=True)


_worker: tuple[Engine, SegmentCache] | None = None


def _init_worker(engine_name: str, cache_root: str) -> None:
    global _worker
    _worker = (make_engine(engine_name), SegmentCache(cache_root))


def _run(job: Job) -> str:
    assert _worker is not None
    synthesize_into_cache(_worker[0], _worker[1], job)
    return job.key


def synthesize_all(jobs: list[Job], engine: Engine, cache: SegmentCache, workers: int | None,
                   done: Callable[[str], None]) -> None:
    """Synthesize every job into the cache, calling done(key) as each one lands.

    With workers > 1 and enough jobs, a spawn pool of that many processes does the work,
    each with its own engine made by name; otherwise this process uses `engine`.
    """
    for job in jobs:
        cache.clear_leftovers(job.key)
    workers = DEFAULT_WORKERS if workers is None else workers
    workers = max(1, min(workers, len(jobs) // MIN_JOBS_PER_WORKER))
    if workers <= 1:
        for job in jobs:
            synthesize_into_cache(engine, cache, job)
            done(job.key)
        return
    log.info("synthesizing %d segments with %d workers", len(jobs), workers)
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(engine.name, str(cache.root)))
    try:
        pending = {pool.submit(_run, job) for job in jobs}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                try:
                    key = fut.result()
                except DramaError:
                    raise
                except Exception as exc:  # a worker that died (crash, killed) or a bug
                    raise EngineError(
                        f"a synthesis worker failed: {exc}; run again to resume (finished "
                        "segments are cached), or pass workers=1. Scripts calling "
                        "render_script need an `if __name__ == '__main__':` guard, since "
                        "workers are started with spawn") from None
                done(key)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def jobs_from(items: Iterable[tuple[str, str, VoiceSettings]]) -> list[Job]:
    """Unique jobs in first-seen order from (key, text, settings)."""
    seen: dict[str, Job] = {}
    for key, text, settings in items:
        seen.setdefault(key, Job(key, text, settings))
    return list(seen.values())
