"""Synthesis of the segments a render lacks: spoken, measured and committed to the cache by
a pool of spawned workers (or by this process, small jobs).

pyttsx3 (espeak-ng) is not thread-safe and hangs when a process forks after using it, so the
pool starts its workers with `spawn` and each worker makes its own engine once
(drama.engines.worker). A worker measures what it spoke after speaking it; in this process
speaking and measuring run on two threads (see synthesize_all), which contend for the GIL:
espeak calls back into Python for every second of audio it makes.
"""
from __future__ import annotations

import logging
import os
import time
import wave
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..engines import Engine, EngineSet, VoiceSettings, shares_process, worker
from ..errors import DramaError, EngineError, RenderError
from .. import locks
from ..files import os_error_message
from ..wording import counted
from .cache import SegmentCache, resampled_key
from .loudness import SegmentStats, analyze

log = logging.getLogger(__name__)

DEFAULT_WORKERS = {"pyttsx3": 2, "piper": 2}
"""Processes that speak, per engine. Measured on 2 cores by bench/render.py (pyttsx3) and
bench/piper_speed.py (Piper, with engines.piper.DEFAULT_THREADS threads each): see bench/README.md."""
FALLBACK_WORKERS = 2
MIN_JOBS_PER_WORKER = 4
"""Starting a worker costs about a tenth of a second; small jobs stay in this process."""
SILENCE_THRESHOLD = 64
"""|sample| at or under this (about -54 dBFS) counts as the engine's leading/trailing silence."""
EDGE_KEEP_SECONDS = 0.01


@dataclass(frozen=True)
class Job:
    """One segment to synthesize into the cache."""

    key: str
    text: str
    """What the engine speaks (the lexicon applied)."""
    settings: VoiceSettings
    engine: str = ""
    """The registry name of the engine that speaks it."""


def read_wav(path: str | os.PathLike, lead: int = 0,
             frames: int | None = None) -> tuple[np.ndarray, int]:
    """Mono 16-bit samples of a WAV file (all, or `frames` of them from frame `lead`) and its
    sample rate, or a RenderError."""
    try:
        with wave.open(str(path), "rb") as r:
            frames = r.getnframes() - lead if frames is None else frames
            if r.getsampwidth() != 2 or r.getnchannels() != 1 or frames < 0 or \
                    r.getnframes() < lead + frames:
                raise RenderError("segment is not the mono 16-bit PCM expected",
                                  path=str(path))
            r.setpos(lead)
            return np.frombuffer(r.readframes(frames), dtype="<i2"), r.getframerate()
    except (OSError, wave.Error, EOFError) as exc:
        raise RenderError(f"segment is not a readable WAV file ({exc})", path=str(path)) from None


def speech_span(samples: np.ndarray, rate: int) -> tuple[int, int]:
    """Where the speech is, [start, stop), without the engine's own leading and trailing
    silence (pauses are ours); (0, 0) for silence."""
    loud = (samples > SILENCE_THRESHOLD) | (samples < -SILENCE_THRESHOLD)
    first = int(loud.argmax()) if len(loud) else 0
    if not len(loud) or not loud[first]:
        return 0, 0
    last = len(loud) - 1 - int(loud[::-1].argmax())
    keep = int(EDGE_KEEP_SECONDS * rate)
    return max(0, first - keep), min(len(samples), last + 1 + keep)


def commit_segment(cache: SegmentCache, job: Job, raw: Path) -> SegmentStats:
    """Measure the speech in the engine's WAV at `raw` and commit it to the cache (the file
    itself becomes the entry's WAV); raw is gone afterwards either way."""
    try:
        samples, rate = read_wav(raw)
        start, stop = speech_span(samples, rate)
        if stop <= start:
            quiet = job.settings.volume
            raise EngineError(f"the speech engine produced only silence for {job.text[:60]!r} "
                              f"in voice {job.settings.voice}"
                              + (f" at volume {quiet:g}: raise that speaker's volume in the "
                                 "casting file" if quiet < 1 else ""))
        stats = analyze(samples[start:stop], rate)
        truncate_wav(raw, stop)  # the engine's trailing silence is not kept on disk
        cache.store(job.key, raw, stats, lead=start)
        return stats
    finally:
        raw.unlink(missing_ok=True)


def truncate_wav(path: str | os.PathLike, frames: int) -> bool:
    """Cut a mono 16-bit WAV file to its first `frames` frames in place (its header's sizes
    fixed); False when it is not a plain RIFF/WAVE file or is no longer than that."""
    with open(path, "r+b") as f:
        head = f.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return False
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                return False
            size = int.from_bytes(chunk[4:], "little")
            if chunk[:4] == b"data":
                start, keep = f.tell(), frames * 2
                if keep >= size:
                    return False
                f.seek(start - 4)
                f.write(keep.to_bytes(4, "little"))
                f.truncate(start + keep)
                f.seek(4)
                f.write((start + keep - 8).to_bytes(4, "little"))
                return True
            f.seek(size + (size & 1), os.SEEK_CUR)


def speak_and_commit(cache_root: str, job: Job, raw: str) -> None:
    """In a worker process: speak the job into `raw`, then measure it and commit it to the
    cache there, so the rendering process holds none of a segment's samples."""
    worker.speak(job.text, job.settings, raw)
    commit_segment(SegmentCache(cache_root), job, Path(raw))


def _speak_here(engine: Engine, cache: SegmentCache, job: Job) -> Path:
    raw = cache.tmp_path(job.key, ".raw.wav")
    try:
        engine.synthesize(job.text, job.settings, str(raw))
    except OSError as exc:
        raw.unlink(missing_ok=True)
        raise _cache_write_error(exc, raw) from None
    except BaseException:
        raw.unlink(missing_ok=True)
        raise
    return raw


def _cache_write_error(exc: OSError, raw: Path) -> RenderError:
    return RenderError(f"cannot write a segment into the cache: {os_error_message(exc)}; "
                       "finished segments are kept, run again when there is room (or set "
                       "DRAMA_CACHE to another folder)", path=str(raw.parent.parent))


def default_workers(engine_name: str) -> int:
    return DEFAULT_WORKERS.get(engine_name, FALLBACK_WORKERS)


@dataclass
class _Lane:
    """The jobs of one engine, and the processes that speak them (none: this process)."""

    engine: Engine
    todo: deque
    pool: ProcessPoolExecutor | None = None
    size: int = 0


def _lanes(jobs: list[Job], engines: EngineSet, workers: int | None) -> list[_Lane]:
    """One lane per engine. An engine speaks in this process only when it is the only one
    in the render, may share a process, and has too few jobs (or one worker) to gain from
    spawning; else it gets its own spawned workers, since two native engines never share a
    process (see drama.engines)."""
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.engine or engines.default.name, []).append(job)
    lanes = []
    for name, group in groups.items():
        engine = engines.get(name)
        wanted = default_workers(name) if workers is None else workers
        spawned = min(wanted, len(group) // MIN_JOBS_PER_WORKER)
        spawned = spawned if spawned >= 2 else 0
        if not shares_process(engine):
            spawned = max(1, min(wanted, len(group)))
        lanes.append(_Lane(engine, deque(group), size=spawned))
    in_process = sorted((lane for lane in lanes if not lane.size),
                        key=lambda lane: lane.engine is not engines.default)
    for lane in in_process[1:]:  # at most one engine speaks here, the default one first
        lane.size = 1
    return lanes


CLAIM_POLL_SECONDS = 0.1
"""How often a segment another process is synthesizing is looked for in the cache."""
CLAIM_PATIENCE_SECONDS = 300.0
"""A segment another process claimed but has not delivered after this long is synthesized
here as well (the other process may hang; the cache keeps whichever lands first)."""


class _Claims:
    """The segments this render synthesizes itself, and those another process is making.

    A render claims each segment before synthesizing it (SegmentCache.claim). A segment
    claimed elsewhere is waited for and taken from the cache when it lands; if its claim ends
    without it (the other process died), it is claimed and synthesized here.
    """

    def __init__(self, cache: SegmentCache, done: Callable[[str], None],
                 elsewhere: Callable[[str], None] | None = None) -> None:
        self.cache, self.done = cache, done
        self.made_elsewhere = elsewhere or (lambda key: None)
        self.held: dict[str, object] = {}
        self.elsewhere: dict[str, tuple[Job, float]] = {}
        self.said_waiting = False

    def say_waiting(self) -> None:
        """Say once on stderr, when this render has had nothing to do but wait for segments
        claimed elsewhere for locks.QUIET_WAIT_SECONDS, what it waits for: up to
        CLAIM_PATIENCE_SECONDS in silence looks like a hang."""
        if self.said_waiting or not self.elsewhere:
            return
        first = min(since for _, since in self.elsewhere.values())
        if time.monotonic() - first < locks.QUIET_WAIT_SECONDS:
            return
        self.said_waiting = True
        log.warning("waiting up to %g s for %s another drama render sharing the cache "
                    "(%s) is making", CLAIM_PATIENCE_SECONDS,
                    counted(len(self.elsewhere), "segment"), self.cache.root)

    def take(self, job: Job) -> bool:
        """Whether this process should synthesize job now (it is then claimed)."""
        claim = self.cache.claim(job.key)
        if claim is None:
            waited = self.elsewhere.get(job.key, (job, time.monotonic()))[1]
            if time.monotonic() - waited < CLAIM_PATIENCE_SECONDS:
                self.elsewhere[job.key] = (job, waited)
                return False
            log.warning("segment %s: still claimed after %.0f s; synthesizing it here",
                        job.key[:12], CLAIM_PATIENCE_SECONDS)
        self.elsewhere.pop(job.key, None)
        if self.cache.load(job.key) is not None:  # landed meanwhile
            if claim is not None:
                claim.release(remove=True)
            self.made_elsewhere(job.key)
            self.done(job.key)
            return False
        if claim is not None:
            self.held[job.key] = claim
        return True

    def landed(self, key: str) -> None:
        """A segment this process synthesized is in the cache: its claim ends."""
        claim = self.held.pop(key, None)
        if claim is not None:
            claim.release(remove=True)
        self.done(key)

    def ready_again(self) -> list[Job]:
        """Segments claimed elsewhere whose claim ended without them: to take here. The ones
        that landed are reported done."""
        again = []
        for key, (job, since) in list(self.elsewhere.items()):
            if self.cache.load(key) is not None:
                del self.elsewhere[key]
                self.made_elsewhere(key)
                self.done(key)
            else:
                claim = self.cache.claim(key)
                stale = time.monotonic() - since >= CLAIM_PATIENCE_SECONDS
                if claim is not None or stale:
                    if claim is not None:
                        claim.release()
                    again.append(job)
        return again

    def release_all(self) -> None:
        for claim in self.held.values():
            claim.release()
        self.held.clear()


def synthesize_all(jobs: list[Job], engines: EngineSet | Engine, cache: SegmentCache,
                   workers: int | None, done: Callable[[str], None], niceness: int = 0,
                   elsewhere: Callable[[str], None] | None = None) -> int:
    """Synthesize every job into the cache, calling done(key) as each one lands; how many
    this process synthesized (the rest another render made meanwhile: `elsewhere(key)` is
    called for each of those, before its done).

    Each engine's jobs are spoken by its own spawned workers (`workers` of them, else the
    engine's default; `niceness` added to theirs), or by this process when that is the
    better choice (see _lanes).
    Workers measure and commit what they speak; what this process speaks is measured and
    committed on a thread of its own. A segment another render is synthesizing into the same
    cache is waited for, not made twice.
    """
    if not isinstance(engines, EngineSet):
        engines = EngineSet(engines)
    for job in jobs:
        cache.clear_leftovers(job.key)
    run = _Synthesis(jobs, engines, cache, workers, done, elsewhere)
    try:
        run.start_pools(niceness)
        made = run.until_done()
    except KeyboardInterrupt as stop:
        run.say_stopping(ctrl_c=type(stop) is KeyboardInterrupt)
        raise
    finally:
        run.close()
    log.info("synthesis: done, %s", counted(len(jobs), "segment"))  # "2 segments in" read cut
    return made


class _Synthesis:
    """One synthesize_all() run: its lanes, the jobs being spoken by workers and committed
    here, and the claims on segments other renders may be making."""

    def __init__(self, jobs: list[Job], engines: EngineSet, cache: SegmentCache,
                 workers: int | None, done: Callable[[str], None],
                 elsewhere: Callable[[str], None] | None = None):
        self.engines, self.cache = engines, cache
        self.lanes = _lanes(jobs, engines, workers)
        self.lane_of = {lane.engine.name: lane for lane in self.lanes}
        self.claims = _Claims(cache, done, elsewhere)
        self.speaking: dict[Future, tuple[Job, Path]] = {}
        self.committing: dict[Future, Job] = {}
        self.committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drama-commit")
        self.here: _Lane | None = None
        self.made = 0

    def start_pools(self, niceness: int) -> None:
        """Spawn each lane's workers; the lane without any is spoken in this process."""
        for lane in self.lanes:
            if lane.size:
                log.info("synthesizing %d %s segments in %d workers", len(lane.todo),
                         lane.engine.name, lane.size)
                lane.pool = ProcessPoolExecutor(
                    max_workers=lane.size, initializer=worker.start,
                    initargs=(lane.engine.name, niceness),
                    mp_context=worker.spawn_context())
        self.here = next((lane for lane in self.lanes if lane.pool is None), None)

    def until_done(self) -> int:
        """Speak every job (or wait for the render that claimed it); how many were made."""
        claims = self.claims
        while any(lane.todo for lane in self.lanes) or self.speaking or self.committing or \
                claims.elsewhere:
            if claims.elsewhere and not any(lane.todo for lane in self.lanes):
                for job in claims.ready_again():  # their claimant died: ours now
                    self.lane_of[job.engine or self.engines.default.name].todo.append(job)
            self._feed_workers()
            for fut in self._speak_one_here_or_wait():
                self._landed(fut)
        return self.made

    def _next_job(self, lane: _Lane) -> Job | None:
        """The lane's next job no other render has claimed."""
        while lane.todo:
            job = lane.todo.popleft()
            if self.claims.take(job):
                return job
        return None

    def _feed_workers(self) -> None:
        """Keep two jobs a worker in hand, so none waits for the next."""
        for lane in self.lanes:
            in_hand = sum(1 for job, _ in self.speaking.values()
                          if (job.engine or self.engines.default.name) == lane.engine.name)
            while lane.pool is not None and in_hand < 2 * lane.size:
                job = self._next_job(lane)
                if job is None:
                    break
                raw = self.cache.tmp_path(job.key, ".raw.wav")
                fut = lane.pool.submit(speak_and_commit, str(self.cache.root), job, str(raw))
                self.speaking[fut] = (job, raw)
                in_hand += 1

    def _speak_one_here_or_wait(self) -> set[Future]:
        """Speak one job in this process (committing it on the committer thread), or wait
        for a worker or a commit to finish; the futures finished meanwhile."""
        job = self._next_job(self.here) if self.here is not None else None
        pending = [*self.speaking, *self.committing]
        if job is not None:
            self.committing[self.committer.submit(
                commit_segment, self.cache, job,
                _speak_here(self.here.engine, self.cache, job))] = job
            return wait([*self.speaking, *self.committing], timeout=0)[0]
        if pending:
            return wait(pending, return_when=FIRST_COMPLETED,
                        timeout=CLAIM_POLL_SECONDS if self.claims.elsewhere else None)[0]
        if self.claims.elsewhere:
            self.claims.say_waiting()
            time.sleep(CLAIM_POLL_SECONDS)  # only waiting for other processes
        return set()

    def _landed(self, fut: Future) -> None:
        """A worker's or the committer's job is done: its result checked, its claim let go."""
        if fut in self.speaking:
            job, raw = self.speaking.pop(fut)
            _worker_result(fut, raw)
        else:
            fut.result()
            job = self.committing.pop(fut)
        self.claims.landed(job.key)
        self.made += 1

    def say_stopping(self, ctrl_c: bool) -> None:
        """Say on stderr, at Ctrl-C (or SIGTERM), that the segments the workers are speaking
        are awaited: a Piper narrator's long paragraphs took 15 s on a busy machine, in
        silence (walk30)."""
        if self.speaking:
            log.warning("stopping once the %s in hand %s spoken and cached%s",
                        counted(len(self.speaking), "segment"),
                        "is" if len(self.speaking) == 1 else "are",
                        " (Ctrl-C again stops at once)" if ctrl_c else "")

    def close(self) -> None:
        """What was spoken is kept, even when something failed; the rest let go."""
        self.committer.shutdown(wait=True)
        for lane in self.lanes:
            if lane.pool is not None:
                lane.pool.shutdown(wait=True, cancel_futures=True)
        for _, raw in self.speaking.values():
            raw.unlink(missing_ok=True)
        self.claims.release_all()


def _worker_result(fut: Future, raw: Path) -> None:
    """A finished worker call's outcome: nothing, or its error as a DramaError."""
    try:
        fut.result()
    except DramaError:
        raw.unlink(missing_ok=True)
        raise
    except OSError as exc:  # the worker could not write its file: a full disk, say
        raw.unlink(missing_ok=True)
        raise _cache_write_error(exc, raw) from None
    except Exception as exc:  # a worker that died (crash, killed) or a bug
        raw.unlink(missing_ok=True)
        raise EngineError(
            f"a synthesis worker failed: {exc}; run again to resume (finished segments are "
            "cached), or pass workers=1. Scripts calling render_script need an "
            "`if __name__ == '__main__':` guard, since workers are started with spawn") from None


class LeftByEngine:
    """How many items each engine has left to speak, told each segment as it lands: a
    bar's time left is foretold from the pace so far only while one engine has any left.
    Two go at paces of their own (each its own workers): with a Piper narrator, espeak-ng's
    workers were through a book's dialogue while Piper's were on its first chapters, and
    the pace of both together foretold minutes where an hour was left."""

    def __init__(self, jobs: list[Job], counts: dict[str, int]) -> None:
        self.counts = counts
        self.engine_of = {job.key: job.engine for job in jobs}
        self.left: dict[str, int] = {}
        for job in jobs:
            self.left[job.engine] = self.left.get(job.engine, 0) + counts.get(job.key, 0)

    def landed(self, key: str) -> None:
        engine = self.engine_of.get(key)
        if engine in self.left:
            self.left[engine] -= self.counts.get(key, 0)

    @property
    def foretold(self) -> bool:
        """Whether the pace so far tells the time left: one engine at most has work left."""
        return sum(1 for n in self.left.values() if n > 0) <= 1


def jobs_from(items: Iterable[tuple]) -> list[Job]:
    """Unique jobs in first-seen order from (key, text, settings[, engine name])."""
    seen: dict[str, Job] = {}
    for key, text, settings, *engine in items:
        seen.setdefault(key, Job(key, text, settings, *engine))
    return list(seen.values())


def resample(samples: np.ndarray, rate: int, to_rate: int) -> np.ndarray:
    """int16 samples at another rate, band-limited (by the FFT: an ideal low-pass when the
    rate goes down). A segment is seconds long, so one transform is cheap."""
    n_out = max(1, int(round(len(samples) * to_rate / rate)))
    spectrum = np.fft.rfft(samples.astype(np.float64))
    out = np.zeros(n_out // 2 + 1, dtype=complex)
    keep = min(len(out), len(spectrum))
    out[:keep] = spectrum[:keep]
    y = np.fft.irfft(out, n_out) * (n_out / len(samples))
    return np.clip(np.rint(y), -32768, 32767).astype("<i2")


def resample_into_cache(cache: SegmentCache, job: Job, lead: int, frames: int,
                        to_rate: int) -> str:
    """Commit a copy of a cached segment's speech at `to_rate`; its key."""
    key = resampled_key(job.key, to_rate)
    if cache.load(key) is not None:
        return key
    samples, rate = read_wav(cache.wav(job.key), lead, frames)
    raw = cache.tmp_path(key, ".raw.wav")
    with wave.open(str(raw), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(to_rate)
        w.writeframes(resample(samples, rate, to_rate).tobytes())
    commit_segment(cache, Job(key, job.text, job.settings, job.engine), raw)
    return key


def speak_sample(engines: EngineSet, lexicon, text: str, settings: VoiceSettings,
                 out: Path) -> str:
    """Speak one sample (a preview) to `out` in any format save_clip knows, the lexicon
    applied, a long text's first pieces only (pieces.sample_of); what the engine was given.
    An engine that may not share this process (Piper) speaks in one spawned worker."""
    import tempfile

    from ..casting.lexicon import Pronouncer
    from ..engines import espeak_voice, phoneme_alphabet
    from .encode import save_clip
    from .pieces import sample_of
    engine = engines.for_settings(settings)
    sample = sample_of(text)
    if len(sample) < len(" ".join(text.split())):  # not a text over the limit by its spaces
        log.warning("the sample is %s characters long: the preview says its first %s",
                    f"{len(text):,}", f"{len(sample):,}")
    said = Pronouncer(lexicon, lambda: engines.get("pyttsx3")).spoken(
        sample, phoneme_alphabet(engine), espeak_voice(engine, settings))
    with tempfile.TemporaryDirectory(prefix="drama-preview-") as tmp:
        wav = Path(tmp) / "preview.wav"
        if shares_process(engine):
            engine.synthesize(said, settings, str(wav))
        else:
            with ProcessPoolExecutor(max_workers=1, initializer=worker.start,
                                     initargs=(engine.name,),
                                     mp_context=worker.spawn_context()) as pool:
                fut = pool.submit(worker.speak, said, settings, str(wav))
                wait([fut])
                _worker_result(fut, wav)
        save_clip(wav, out)
    return said
