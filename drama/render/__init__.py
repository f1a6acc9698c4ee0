"""Script + casting -> episode: synthesize what the cache lacks, lay out, level, normalize, encode.

The stages, each its own module:

- `cache`: segments on disk keyed by everything that shapes their sound; resumable.
- `synth`: synthesis of missing segments, in a spawn process pool, one engine per worker.
- `pauses`: the silence between lines by context (the one place pauses are configured).
- `loudness`: per-segment statistics, voice level matching, episode loudness, the limiter.
- `encode`: WAV to MP3, OGG/Opus and M4B with chapters, through ffmpeg.

Assembly streams: each segment is read, scaled, limited and written, so memory stays the size
of the longest segment whatever the episode's length. Every output is written under a temporary
name and renamed only when all of them are complete.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

from ..engines import Engine, EngineSet, VoiceSettings, espeak_voice, identity, phoneme_alphabet
from ..errors import OutputError, RenderError
from ..files import (check_output, check_writable, flush_to_disk, make_folder, output_error,
                     sweep_leftovers, temp_path)
from ..model import Script
from ..scriptfile import require_valid_spans
from .cache import SegmentCache, default_cache_dir, segment_key
from .encode import (CODECS, DELIVERED_OVERSAMPLE, FORMATS, PEAK_SPARE_DB, check_bitrate,
                     decoded_true_peak_db, encode, format_of)
from .loudness import (INTERPOLATOR_TAPS, LIMITER_MARGIN_DB, LOSSY_HEADROOM_DB, LOUDNESS_TARGETS, EpisodeLevels, LoudnessTarget,
                       SegmentSummary, apply_limiter, db_to_gain)
from .pauses import SCENE, Pauses, gap_context, is_break_text
from .synth import jobs_from, read_wav, resample_into_cache, synthesize_all

if TYPE_CHECKING:  # the synthesis workers import this package: keep casting out of them
    from ..casting import Casting

__all__ = ["Pauses", "RenderResult", "render_script", "default_cache_dir", "segment_key",
           "LOUDNESS_TARGETS", "FORMATS"]

log = logging.getLogger(__name__)

LOSSY_ATTEMPTS = 3
"""Assemblies tried with a lower ceiling before a lossy file is turned down instead."""
CHAPTERED = ("m4b", "m4a", "mp3", "ogg", "opus")
METER_MARGIN_DB = 0.1
"""A delivered file's true peak is held this far under the ceiling: true-peak meters differ
by about that much (ffmpeg's ebur128 upsamples to 192 kHz, ours 4x at the file's rate)."""

MAX_VOICE_GAIN_DB = 15.0
"""Level matching never lifts or cuts a voice by more than this."""


@dataclass
class RenderResult:
    """What a render did: where it wrote and how much it synthesized."""

    audio: list[str]
    manifest: str
    synthesized: int
    """Segments this render synthesized (not those another render made meanwhile)."""
    reused: int
    duration: float
    loudness: dict = field(default_factory=dict)
    """Predicted integrated LUFS, RMS dB and gains applied (see the manifest)."""
    up_to_date: bool = False
    """Nothing that shapes the audio changed since the files were written: they were kept."""


@dataclass
class _Item:
    """One script line placed on the episode's timeline."""

    index: int
    line: object
    key: str | None
    """None for a line with nothing to speak (a scene-break ornament, punctuation only)."""
    settings: VoiceSettings | None
    spoken: str = ""
    """What the engine speaks: the line's text with the lexicon applied."""
    engine: str = ""
    """The registry name of the engine that speaks it."""
    gap: float = 0.0
    context: str = ""
    start: int = 0
    frames: int = 0


def _plan(script: Script, casting: Casting, engines: EngineSet, source_text: str | None,
          pauses: Pauses) -> list[_Item]:
    from ..casting.lexicon import Pronouncer
    pronouncer = Pronouncer(casting.lexicon, lambda: engines.get("pyttsx3"))
    items: list[_Item] = []
    problems: list[str] = []
    prev = None
    for i, line in enumerate(script.lines):
        if not line.text.strip():
            continue
        spoken = any(c.isalnum() for c in line.text)
        key = settings = None
        said, engine_name = "", ""
        if spoken:
            entry = casting.entry_for(line.speaker)
            if entry is None:
                if line.speaker not in problems:
                    problems.append(line.speaker)
                continue
            settings = entry.settings()
            engine = engines.for_settings(settings)
            engine_name = engine.name
            said = pronouncer.spoken(line.text, phoneme_alphabet(engine),
                                     espeak_voice(engine, settings))
            key = segment_key(engine.name, identity(engine, settings), said, settings)
        item = _Item(i, line, key, settings, said, engine_name)
        if prev is not None:
            gap = None
            if source_text is not None and 0 <= prev.line.end <= line.start <= len(source_text):
                gap = source_text[prev.line.end:line.start]
            item.context = gap_context(gap, prev.line.speaker == line.speaker)
            if not spoken and is_break_text(line.text):
                item.context = SCENE
            if prev.key is None and prev.context == SCENE:
                item.context = SCENE
        items.append(item)
        prev = item
    if problems:
        raise RenderError(f"speaker(s) without a voice: {', '.join(map(repr, problems))}; "
                          "run `drama cast` on the script", path=casting.path)
    return items


def _layout(items: list[_Item], stats: dict[str, SegmentSummary], rate: int,
            pauses: Pauses) -> int:
    """Give every item its start frame; the episode's length in frames."""
    pos = int(round(pauses.head * rate))
    first = True
    pending_gap = 0.0
    for item in items:
        if not first and item.context:
            pending_gap = max(pending_gap, pauses.seconds(item.context))
        if item.key is None:
            item.start, item.frames = pos, 0
            continue
        if not first:
            pos += int(round(pending_gap * rate))
            item.gap = pending_gap
        pending_gap = 0.0
        first = False
        item.start = pos
        item.frames = stats[item.key].frames
        pos += item.frames
    return pos + int(round(pauses.tail * rate))


def _match_voices(items: list[_Item], stats: dict[str, SegmentSummary], rate: int,
                  target: LoudnessTarget, ceiling: float, total_frames: int):
    """Gains per voice setting so every voice speaks equally loud, and the episode gain (dB).

    espeak's variants differ by up to 10 dB; a speaker's `volume` stays as a relative level.
    The limiter takes more off peaky voices, and loudness from a stronger limiter, so both
    gains are iterated on the limited levels, from the statistics alone.
    """
    spoken = [it for it in items if it.key is not None]
    voices = list(dict.fromkeys(it.settings for it in spoken))
    group = {s: i for i, s in enumerate(voices)}
    levels = EpisodeLevels([(stats[it.key], it.start, group[it.settings]) for it in spoken],
                           total_frames, rate)
    item_group = np.array([group[it.settings] for it in spoken], dtype=np.int64)
    voice_db = np.zeros(len(voices))
    frames = np.bincount(item_group, weights=[it.frames for it in spoken], minlength=len(voices))
    reference = int(np.argmax(frames))  # the voice heard most: usually the narrator
    wanted = np.array([20 * math.log10(max(s.volume, 1e-3) / max(voices[reference].volume, 1e-3))
                       for s in voices])

    def item_gains(episode_db: float) -> np.ndarray:
        return 10 ** ((voice_db[item_group] + episode_db) / 20)

    def match(ceiling_now) -> float:
        now = np.array(levels.group_levels(item_gains(episode_db), ceiling_now))
        if not np.isfinite(now[reference]):
            return 0.0
        corr = np.where(np.isfinite(now), now[reference] + wanted - now, 0.0)
        voice_db[:] = np.clip(voice_db + corr, -MAX_VOICE_GAIN_DB, MAX_VOICE_GAIN_DB)
        return float(np.abs(corr).max())

    goal = target.integrated_lufs if target.integrated_lufs is not None else target.rms_db
    pick = 0 if target.integrated_lufs is not None else 1

    def normalize(start_db: float) -> float:
        db = start_db
        for _ in range(8):
            now = levels.integrated(item_gains(db), ceiling)[pick]
            if not math.isfinite(now) or abs(goal - now) < 0.02:
                break
            db = min(db + (goal - now), 40.0)
        return db

    episode_db = 0.0
    match(None)
    before_lufs, before_rms = levels.integrated(item_gains(0.0), None)
    before = {"integrated_lufs": before_lufs, "rms_db": before_rms}
    if goal is not None and math.isfinite(before[("integrated_lufs", "rms_db")[pick]]):
        episode_db = normalize(goal - before[("integrated_lufs", "rms_db")[pick]])
        for _ in range(4):
            if match(ceiling) < 0.1:
                break
            episode_db = normalize(episode_db)
    after_lufs, after_rms = levels.integrated(item_gains(episode_db), ceiling)
    gains = {s: db_to_gain(voice_db[i]) for i, s in enumerate(voices)}
    return gains, episode_db, before, {"integrated_lufs": after_lufs, "rms_db": after_rms}


class _Writer:
    """A WAV writer that counts frames and writes silence in bounded chunks."""

    def __init__(self, w: wave.Wave_write, rate: int) -> None:
        self.w, self.rate, self.frames = w, rate, 0
        self._zeros = b"\x00\x00" * rate

    def silence(self, frames: int) -> None:
        while frames > 0:
            n = min(frames, self.rate)
            self.w.writeframesraw(self._zeros[: 2 * n])
            self.frames += n
            frames -= n

    def samples(self, data: np.ndarray) -> None:
        """Write int16 samples."""
        self.w.writeframesraw(data)
        self.frames += len(data)


def _assemble(path: Path, items: list[_Item], cache: SegmentCache, stats, gains, episode_gain,
              total_frames: int, rate: int, ceiling: float) -> dict:
    limited = 0
    top = 0
    # the file opened first: wave.open(name) leaves a broken writer behind when it cannot
    with open(path, "wb") as raw, wave.open(raw, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        out = _Writer(w, rate)
        for item in items:
            if item.key is None:
                continue
            out.silence(item.start - out.frames)
            try:
                samples, seg_rate = read_wav(cache.wav(item.key), stats[item.key].lead,
                                             item.frames)
                if seg_rate != rate or len(samples) != item.frames:
                    raise RenderError("changed under the render")
            except RenderError:
                cache.discard(item.key)  # so the next run synthesizes it again
                raise RenderError("a cached segment was unreadable and has been removed; run "
                                  "again to synthesize it", path=str(cache.wav(item.key))) from None
            g = gains[item.settings] * episode_gain
            # in int16 units throughout: gain, limiter, rounding and clipping in place
            x = np.multiply(samples, np.float32(g), dtype=np.float32)
            if stats[item.key].true_peak * g > ceiling:
                x = apply_limiter(x, cache.peaks(item.key), stats[item.key].block, g, ceiling,
                                  out=x)
                limited += 1
            np.rint(x, out=x)
            np.clip(x, -32768, 32767, out=x)
            top = max(top, -int(x.min()), int(x.max()))
            out.samples(x.astype("<i2"))
        out.silence(total_frames - out.frames)
    peak = top / 32768.0
    return {"limited_segments": limited,
            "sample_peak_dbfs": round(20 * math.log10(peak), 2) if peak > 0 else None}


def _chapters(script: Script, items: list[_Item], rate: int,
              total_frames: int) -> list[tuple[float, float, str]]:
    """One chapter per scene (the whole episode when there are no scene breaks)."""
    starts = [0.0]
    for item in items:
        if item.context == SCENE and item.key is not None:
            starts.append(item.start / rate)
    end = total_frames / rate
    bounds = starts + [end]
    return [(bounds[i], bounds[i + 1], f"{script.title} ({i + 1})" if len(starts) > 1
             else script.title) for i in range(len(starts))]


def render_script(script: Script, casting: Casting, engine: Engine,
                  out: str | os.PathLike, *, cache_dir: str | os.PathLike | None = None,
                  source_text: str | None = None, pauses: Pauses = Pauses(),
                  extra_formats: tuple[str, ...] = (), loudness: str = "podcast",
                  workers: int | None = None, bitrate: str | None = None,
                  artist: str | None = "drama", force: bool = False,
                  progress: Callable[[int, int], None] | None = None,
                  inputs: tuple[str | os.PathLike, ...] = ()) -> RenderResult:
    """Render a script to `out` (format by extension), plus `extra_formats`, and a manifest.

    Segments missing from the cache are synthesized (by `workers` spawned processes, or by
    this one with `engine` when that is 1); the result ends up at the `loudness` target
    (see LOUDNESS_TARGETS).
    `progress(done, total)` is called as lines become ready. When nothing that shapes the
    audio has changed since the manifest beside `out` was written, and the audio files are
    the ones it recorded, they are kept as they are (only the manifest is rewritten) unless
    `force` is set. No output may be one of `inputs` (the script file, say), the script's
    source or the casting file; dead renders' temporary files beside `out` are removed.
    """
    out = Path(out)
    fmt = format_of(out)
    formats = [fmt] + [f.lower().lstrip(".") for f in extra_formats
                       if f and f.lower().lstrip(".") != fmt]
    for f in formats:
        if f not in FORMATS:
            raise RenderError(f"unknown audio format {f!r}; known: {', '.join(FORMATS)}")
    try:
        target = LOUDNESS_TARGETS[loudness]
    except KeyError:
        raise RenderError(f"unknown loudness target {loudness!r}; known: "
                          f"{', '.join(LOUDNESS_TARGETS)}") from None
    check_bitrate(bitrate)
    require_valid_spans(script, source_text)
    manifest = _checked_outputs(out, formats, [script.source, casting.path, *inputs])
    cache = SegmentCache(cache_dir)
    try:
        make_folder(cache.root)
    except OutputError as exc:
        raise RenderError(f"cannot use the segment cache: {exc} (set DRAMA_CACHE to another "
                          "folder)") from None
    engines = EngineSet(engine)
    try:
        return _render(script, casting, engines, out, manifest, cache, source_text, pauses,
                       extra_formats, target, formats, fmt, workers, bitrate, artist, force,
                       progress)
    finally:
        engines.close()


def _render(script, casting, engines: EngineSet, out: Path, manifest: Path,
            cache: SegmentCache, source_text, pauses, extra_formats, target, formats, fmt,
            workers, bitrate, artist, force, progress) -> RenderResult:
    items = _plan(script, casting, engines, source_text, pauses)
    spoken = [it for it in items if it.key is not None]
    if not spoken:
        raise RenderError("the script has no line to speak", path=script.source)
    stats: dict[str, SegmentSummary] = {}
    for it in spoken:
        if it.key not in stats:
            found = cache.load(it.key)  # None when absent, or unreadable (then removed)
            if found is not None:
                stats[it.key] = found
    missing = jobs_from((it.key, it.spoken, it.settings, it.engine) for it in spoken
                        if it.key not in stats)
    missing_keys = {job.key for job in missing}
    total = len(items)
    done_count = sum(1 for it in items if it.key not in missing_keys)
    if progress:
        progress(done_count, total)
    waiting: dict[str, int] = {}
    for it in items:
        if it.key in missing_keys:
            waiting[it.key] = waiting.get(it.key, 0) + 1

    def landed(key: str) -> None:
        nonlocal done_count
        done_count += waiting.get(key, 0)
        if progress:
            progress(done_count, total)

    synthesized = synthesize_all(missing, engines, cache, workers, landed)

    for job in missing:
        found = cache.load(job.key)
        if found is None:
            raise RenderError("a segment just synthesized is missing from the cache; run "
                              "again", path=str(cache.meta(job.key)))
        stats[job.key] = found
    rate = _match_rates(spoken, stats, cache)
    total_frames = _layout(items, stats, rate, pauses)
    lossy = any(f != "wav" for f in formats)
    ceiling = _limiter_ceiling(target, LOSSY_HEADROOM_DB if lossy else 0.0)
    gains, gain_db, before, after = _match_voices(items, stats, rate, target, ceiling,
                                                  total_frames)

    tmp_wav = temp_path(out.with_suffix(".wav"), ".wav")
    temps: dict[str, Path] = {}
    tmp_manifest = temp_path(manifest)
    chapters = _chapters(script, items, rate, total_frames)
    fingerprint = _fingerprint(items, gains, gain_db, ceiling, total_frames, rate, formats,
                               bitrate, artist, chapters)
    previous = None if force else _previous_render(manifest, fingerprint, out, formats)
    try:
        if previous is not None:
            loud = previous["loudness"]  # what the kept files were made with
            files = previous["render"]["files"]
        else:
            for f in formats:
                dest = out.with_suffix(f".{f}")
                temps[f] = tmp_wav if f == "wav" else temp_path(dest, f".{f}")
            lossy_formats = [f for f in formats if f != "wav"]
            headroom = LOSSY_HEADROOM_DB if lossy else 0.0
            def encode_as(f: str, ceiling_db: float | None = None) -> float:
                return encode(tmp_wav, temps[f], f, title=script.title, artist=artist,
                              chapters=chapters if f in CHAPTERED else (), bitrate=bitrate,
                              ceiling_db=ceiling_db, shown=out.with_suffix(f".{f}"))

            for attempt in range(LOSSY_ATTEMPTS):
                if attempt:
                    # an encoder's own peaks passed the ceiling: lower the WAV's by as much,
                    # so the limiter, not a turned-down file, keeps the loudness on target
                    ceiling = _limiter_ceiling(target, headroom)
                    gains, gain_db, before, after = _match_voices(items, stats, rate, target,
                                                                  ceiling, total_frames)
                peaks = _assemble(tmp_wav, items, cache, stats, gains, db_to_gain(gain_db),
                                  total_frames, rate, ceiling)
                over: dict[str, float] = {}
                for f in lossy_formats:
                    encode_as(f)
                    if target.ceiling_db < 0:
                        over[f] = (decoded_true_peak_db(temps[f]) - target.ceiling_db
                                   + METER_MARGIN_DB)
                worst = max(over.values(), default=-math.inf)
                if worst <= 0 or attempt == LOSSY_ATTEMPTS - 1:
                    break
                headroom += worst + PEAK_SPARE_DB
            # a file still over after that is turned down, as the last resort
            lossy_gains = {f: encode_as(f, target.ceiling_db - METER_MARGIN_DB)
                           for f, o in over.items() if o > 0}
            peaks["lossy_headroom_db"] = round(headroom, 2)
            peaks["encoder_gain_db"] = {f: round(g, 2) for f, g in lossy_gains.items() if g}
            # a rename keeps size and mtime: what the files will be once in place
            files = {out.with_suffix(f".{f}").name: _file_id(temps[f]) for f in formats}
            loud = {"target": target.name,
                    "limiter_ceiling_dbtp": round(20 * math.log10(ceiling), 2),
                    "measured_before": _rounded(before),
                    "episode_gain_db": round(gain_db, 2),
                    "predicted_integrated_lufs": _rounded(after["integrated_lufs"]),
                    "predicted_rms_db": _rounded(after["rms_db"]),
                    "voice_gains_db": {_voice_label(s): round(20 * math.log10(g), 2)
                                       for s, g in gains.items()},
                    **peaks}
        duration = total_frames / rate
        doc = {"title": script.title, "audio": [out.with_suffix(f".{f}").name for f in formats],
               "sample_rate": rate, "duration": round(duration, 3), "loudness": loud,
               "chapters": [{"start": round(a, 3), "end": round(b, 3), "title": t}
                            for a, b, t in chapters],
               "render": {"fingerprint": fingerprint, "files": files},
               "lines": []}
        _write_manifest(tmp_manifest, doc, (_manifest_line(it, rate) for it in items))
        # every output is complete: only now replace the previous episode
        for tmp in [*temps.values(), tmp_manifest]:
            flush_to_disk(tmp)
        written = []
        for f in formats:
            dest = out.with_suffix(f".{f}")
            if f in temps:
                os.replace(temps[f], dest)
            written.append(str(dest))
        os.replace(tmp_manifest, manifest)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        raise output_error(exc, out) from None
    finally:
        for p in [tmp_wav, tmp_manifest, *temps.values()]:
            if p.exists():
                p.unlink()
    return RenderResult(audio=written, manifest=str(manifest), synthesized=synthesized,
                        reused=len(spoken) - synthesized, duration=duration, loudness=loud,
                        up_to_date=previous is not None)


def _checked_outputs(out: Path, formats: list[str], inputs: list) -> Path:
    """Check every file the render will write (see drama.files.check_output), make their
    folder and clear dead renders' leftovers from it; the manifest's path."""
    manifest = out.with_name(out.name.rsplit(".", 1)[0] + ".manifest.json")
    for dest in [*(out.with_suffix(f".{f}") for f in formats), manifest]:
        check_output(dest, inputs)
    make_folder(out.parent)
    check_writable(out.parent)
    sweep_leftovers(out.parent)
    return manifest


def _match_rates(spoken: list[_Item], stats: dict[str, SegmentSummary],
                 cache: SegmentCache) -> int:
    """The episode's sample rate (the highest of its segments'); every item whose segment
    has another rate is moved to a copy resampled to it (cached like any segment)."""
    rate = max(stats[it.key].rate for it in spoken)
    moved: dict[str, str] = {}
    for it in spoken:
        summary = stats[it.key]
        if summary.rate == rate:
            continue
        if it.key not in moved:
            from .synth import Job
            job = Job(it.key, it.spoken, it.settings, it.engine)
            moved[it.key] = resample_into_cache(cache, job, summary.lead, summary.frames, rate)
            found = cache.load(moved[it.key])
            if found is None:
                raise RenderError("a resampled segment is missing from the cache; run again",
                                  path=str(cache.meta(moved[it.key])))
            stats[moved[it.key]] = found
        it.key = moved[it.key]
    return rate


def _limiter_ceiling(target: LoudnessTarget, headroom_db: float) -> float:
    """The limiter's linear ceiling: the target's, less its margin and `headroom_db`."""
    return db_to_gain(target.ceiling_db - LIMITER_MARGIN_DB - headroom_db)


RENDER_VERSION = 2
"""Bumped when assembly changes what it writes from the same inputs: older episodes are
then rendered again instead of being kept as up to date. (The constants that shape the
output are in the fingerprint as well.)"""


def _fingerprint(items: list[_Item], gains, gain_db: float, ceiling: float, total_frames: int,
                 rate: int, formats: list[str], bitrate, artist, chapters) -> str:
    """A hash of everything that shapes the audio files: the segments (their cache keys
    cover text, voice and engine) and where they go, gains, formats, tags and chapters."""
    h = hashlib.sha256()
    h.update(json.dumps([RENDER_VERSION, total_frames, rate, round(ceiling, 9),
                         round(gain_db, 9), formats, bitrate, artist, chapters,
                         [LIMITER_MARGIN_DB, LOSSY_HEADROOM_DB, LOSSY_ATTEMPTS, METER_MARGIN_DB,
                          PEAK_SPARE_DB, DELIVERED_OVERSAMPLE, INTERPOLATOR_TAPS],
                         {f: vars(c) for f, c in CODECS.items() if f in formats}]).encode())
    for it in items:
        if it.key is not None:
            h.update(f"{it.key} {it.start} {gains[it.settings]:.9g}\n".encode())
    return h.hexdigest()


def _voice_label(s: VoiceSettings) -> str:
    engine = f"{s.engine} " if s.engine else ""
    speaker = f" speaker {s.speaker}" if s.speaker is not None else ""
    return f"{engine}{s.voice}{speaker} rate {s.rate} pitch {s.pitch}"


def _file_id(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _previous_render(manifest: Path, fingerprint: str, out: Path,
                     formats: list[str]) -> dict | None:
    """The manifest of an earlier render with this fingerprint whose audio files are still
    the ones it wrote (same size and modification time), or None."""
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        files = doc["render"]["files"]
        if doc["render"]["fingerprint"] != fingerprint or not isinstance(doc["loudness"], dict):
            return None
        for f in formats:
            name = out.with_suffix(f".{f}").name
            if files.get(name) != _file_id(out.with_suffix(f".{f}")):
                return None
        return doc
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_manifest(path: Path, doc: dict, lines) -> None:
    """The manifest JSON, its lines written one by one (a book's would be megabytes)."""
    head = json.dumps(doc, ensure_ascii=False, indent=1)
    assert head.endswith('"lines": []\n}')
    with open(path, "w", encoding="utf-8") as f:
        f.write(head[: -len("[]\n}")] + "[")
        for i, line in enumerate(lines):
            f.write(("," if i else "") + "\n  " + json.dumps(line, ensure_ascii=False))
        f.write("\n ]\n}\n")


def _rounded(v):
    if isinstance(v, dict):
        return {k: _rounded(x) for k, x in v.items()}
    return round(v, 2) if isinstance(v, float) and math.isfinite(v) else None


def _manifest_line(item: _Item, rate: int) -> dict:
    line = item.line
    return {"index": item.index, "speaker": line.speaker, "kind": line.kind, "text": line.text,
            "start": round(item.start / rate, 3), "end": round((item.start + item.frames) / rate, 3),
            "pause_before": item.context or "head", "source_start": line.start,
            "source_end": line.end, "spoken": item.key is not None}
