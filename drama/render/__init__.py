"""Script + casting -> episode: synthesize what the cache lacks, lay out, level, normalize, encode.

The stages, each its own module:

- `cache`: segments on disk keyed by everything that shapes their sound; resumable.
- `synth`: synthesis of missing segments, in a spawn process pool, one engine per worker.
- `pieces`: a line too long for one segment cut at its sentences.
- `plan` and `pauses`: the timeline, and the silence between lines by context.
- `loudness` and `matching`: per-segment statistics, voice level matching, episode loudness,
  the limiter.
- `assemble`: segments streamed from the cache into the episode's WAV.
- `headroom`: how far each lossy encoder overshoots a voice, measured once and kept.
- `encode`: WAV to MP3, OGG/Opus, AAC and M4B with chapters, through ffmpeg.
- `episode`: one episode planned, then finished; `batch`: a book's episodes as one job.
- `heap`: the C heap's policy for a long render (large buffers handed back when freed).

Assembly streams: each segment is read, scaled, limited and written a slice at a time, so
memory stays bounded whatever the episode's length. Every output is written under a
temporary name and renamed only when all of them are complete.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable

from ..engines import Engine, EngineSet
from ..errors import OutputError, RenderError
from ..files import make_folder
from ..model import Script
from .batch import render_episodes
from .cache import SegmentCache, default_cache_dir, segment_key
from .encode import FORMATS, Album
from .episode import (EpisodeJob, RenderResult, checked_options, finish_episode, kept_episode,
                      prepare_episode, recorded_formats)
from .heap import bound_heap
from .loudness import LOUDNESS_TARGETS
from .pauses import Pauses
from .synth import LeftByEngine, jobs_from, synthesize_all

if TYPE_CHECKING:  # the synthesis workers import this package: keep casting out of them
    from ..casting import Casting

__all__ = ["Pauses", "RenderResult", "render_script", "render_episodes", "prepare_episode",
           "EpisodeJob", "open_cache", "default_cache_dir", "segment_key", "LOUDNESS_TARGETS",
           "FORMATS", "recorded_formats", "checked_options", "Album"]


def render_script(script: Script, casting: Casting, engine: Engine,
                  out: str | os.PathLike, *, cache_dir: str | os.PathLike | None = None,
                  source_text: str | None = None, pauses: Pauses = Pauses(),
                  extra_formats: tuple[str, ...] = (), loudness: str = "podcast",
                  workers: int | None = None, bitrate: str | None = None,
                  artist: str | None = None, force: bool = False,
                  check_peaks: bool = True,
                  progress: Callable[[int, int], None] | None = None,
                  inputs: tuple[str | os.PathLike, ...] = (),
                  source: str | os.PathLike | None = None,
                  album: Album | None = None) -> RenderResult:
    """Render a script to `out` (format by extension), plus `extra_formats`, and a manifest.

    Segments missing from the cache are synthesized (by `workers` spawned processes, or by
    this one with `engine` when that is 1); the result ends up at the `loudness` target
    (see LOUDNESS_TARGETS).
    `progress(done, total, foretold)` is called as lines become ready (foretold: whether
    the pace so far tells the time left, LeftByEngine.foretold). When nothing that shapes the
    audio has changed since the manifest beside `out` was written, and the audio files are
    the ones it recorded, they are kept as they are (only the manifest is rewritten) unless
    `force` is set. Lossy files leave the room under the ceiling their encoders' measured
    overshoot asks for; with `check_peaks` each is also decoded to check it (see
    finish_episode). No output may be one of `inputs` (the script file, say), the script's
    source or the casting file; dead renders' temporary files beside `out` are removed.
    `source`, the script's text when known, is recorded in the manifest. `album`: a book's
    episode's album and track tags (Album).
    """
    engines = EngineSet(engine)
    try:
        job = prepare_episode(script, casting, engines, out, source_text=source_text,
                              pauses=pauses, extra_formats=extra_formats, loudness=loudness,
                              bitrate=bitrate, artist=artist, force=force, inputs=inputs,
                              source=source, album=album)
        cache = open_cache(cache_dir)
        return _render(job, engines, cache, workers, check_peaks, progress)
    finally:
        engines.close()


def open_cache(cache_dir: str | os.PathLike | None) -> SegmentCache:
    """The segment cache, its folder made; a RenderError when it cannot be."""
    cache = SegmentCache(cache_dir)
    try:
        make_folder(cache.root)
    except OutputError as exc:
        raise RenderError(f"cannot use the segment cache: {exc} (set DRAMA_CACHE to another "
                          "folder)") from None
    return cache


def check_segment_cache(cache_dir: str | os.PathLike | None = None) -> None:
    """The segment cache made sure of (its folder made) before a command's first step, as
    open_cache does it: DRAMA_CACHE naming a file was refused only at the render, after
    render and build had cast the script's new speakers into voices.yaml (and build had
    written its scripts)."""
    open_cache(cache_dir)


def _render(job: EpisodeJob, engines: EngineSet, cache: SegmentCache, workers: int | None,
            check_peaks: bool, progress: Callable[[int, int, bool], None] | None
            ) -> RenderResult:
    kept = kept_episode(job)  # up to date: no segment is needed (nor loaded)
    if kept is not None:
        if progress:
            progress(len(job.items), len(job.items), True)
        return kept
    bound_heap()
    items = job.items
    # load, not has: an unreadable entry is removed, and synthesized again now
    have = {key for key in job.keys if cache.load(key) is not None}
    missing = jobs_from((it.key, it.spoken, it.settings, it.engine) for it in items
                        if it.key is not None and it.key not in have)
    missing_keys = {m.key for m in missing}
    total = len(items)
    done_count = sum(1 for it in items if it.key not in missing_keys)
    waiting: dict[str, int] = {}
    for it in items:
        if it.key in missing_keys:
            waiting[it.key] = waiting.get(it.key, 0) + 1
    left = LeftByEngine(missing, waiting)
    if progress:
        progress(done_count, total, left.foretold)

    def landed(key: str) -> None:
        nonlocal done_count
        done_count += waiting.get(key, 0)
        left.landed(key)
        if progress:
            progress(done_count, total, left.foretold)

    job.synthesized = synthesize_all(missing, engines, cache, workers, landed)
    return finish_episode(job, cache, check_peaks=check_peaks)
