"""One episode from segments in the cache: laid out, leveled, limited, encoded, its manifest.

`prepare_episode` plans it (which segments, in which voices) before anything is
synthesized; once every segment is in the cache, `finish_episode` writes it. Every output is
written under a temporary name and renamed only when all of them are complete; an episode
whose inputs have not changed since its manifest was written is kept as it is, without its
segments when they are known to be the same (`kept_episode`, before any synthesis).
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..engines import Engine, EngineSet, VoiceSettings, identity
from ..errors import ExportError, RenderError
from ..fidelity import require_faithful
from ..locks import writer_lock_held
from ..files import (check_output, check_writable, flush_to_disk, make_folder, output_error,
                     read_json, same_file, sweep_leftovers, temp_path)
from ..model import Script
from .assemble import assemble
from .cache import SegmentCache
from .encode import (CODECS, DELIVERED_OVERSAMPLE, FORMATS, PEAK_SPARE_DB, Album,
                     check_bitrate, decoded_true_peak_db, encode, format_of)
from .headroom import (DEFAULT_SPARE_DB, HEADROOM_VERSION, SAMPLE_SECONDS, SPARE_DB, Clips,
                       episode_headroom)
from .loudness import (INTERPOLATOR_TAPS, LIMITER_MARGIN_DB, LOUDNESS_TARGETS, LoudnessTarget,
                       SegmentSummary, db_to_gain)
from .matching import match_voices
from .pauses import Pauses
from .pieces import overlong_word
from .plan import Item, chapter_marks, layout, manifest_line, plan_items
from .synth import Job, resample_into_cache

if TYPE_CHECKING:  # the synthesis workers import this package: keep casting out of them
    from ..casting import Casting

log = logging.getLogger(__name__)

LOSSY_ATTEMPTS = 3
"""Assemblies tried with a lower ceiling before a lossy file is turned down instead."""
CHAPTERED = ("m4b", "m4a", "mp3", "ogg", "opus")
METER_MARGIN_DB = 0.1
"""A delivered file's true peak is held this far under the ceiling: true-peak meters differ
by about that much (ffmpeg's ebur128 upsamples to 192 kHz, ours 4x at the file's rate)."""
RENDER_VERSION = 3
"""Bumped when assembly changes what it writes from the same inputs: older episodes are
then rendered again instead of being kept as up to date. (The constants that shape the
output are in the fingerprint as well.)"""


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
    fingerprint: str = ""
    """The audio's fingerprint (the manifest's render.fingerprint): the same whenever the
    files are made of the same sound (a feed's episode GUID follows it)."""


@dataclass
class EpisodeJob:
    """An episode planned and waiting for its segments: what finish_episode needs."""

    script: Script
    out: Path
    formats: list[str]
    """The first is out's own format."""
    target: LoudnessTarget
    items: list[Item] | None
    """None after let_go(): see timeline()."""
    voice_ids: dict[VoiceSettings, str]
    """Each voice's engine and its identity: what encoder headroom measurements are kept
    under."""
    manifest: Path
    pauses: Pauses = Pauses()
    bitrate: str | None = None
    artist: str | None = None
    force: bool = False
    album: Album | None = None
    """A book's episode: the book's title and its number, as its files' tags name them."""
    synthesized: int = 0
    """Segments synthesized for it (set by whoever synthesized them)."""
    shared: int = 0
    """Its segments an earlier episode of the same render uses too: counted there, as
    synthesized or reused, not here (set by render_episodes)."""
    inputs: str = ""
    """inputs_fingerprint as planned (finishing may move items to resampled segments)."""
    replan: Callable[[], list[Item]] | None = None
    """Plans the items again after let_go()."""
    source: Path | None = None
    """The text the script was extracted from, when known: its manifest records it (see
    recorded_source), so a render of another text of the same name can tell it is not its
    own episode."""
    meanwhile: Callable[[], RenderResult | None] | None = None
    """For a book's build: the episode as another render (the studio's) wrote it since the
    build started, when that is up to date with the voices as they are now, else None
    (drama.book.meanwhile); finishing keeps such an episode rather than write it over."""

    @property
    def keys(self) -> list[str]:
        """Its segments' cache keys, in order, each once."""
        return list(dict.fromkeys(it.key for it in self.timeline() if it.key is not None))

    def timeline(self) -> list[Item]:
        """Its items, planned again if they were let go."""
        if self.items is None:
            self.items = self.replan()
        return self.items

    def let_go(self) -> None:
        """Drop the planned items until they are needed: a book's episodes wait their turn
        holding only their script (planning one again takes milliseconds)."""
        if self.replan is not None:
            self.items = None


def checked_options(formats: list[str], loudness: str,
                    bitrate: str | None) -> tuple[list[str], LoudnessTarget]:
    """The formats an episode is written in, the first first, each once, and its loudness
    target, or a RenderError for an unknown format or target or a bitrate that reads as
    none: checked before any work too (`drama render TEXT` and `drama build` would extract
    the text first)."""
    formats = list(dict.fromkeys(f.lower().lstrip(".") for f in formats if f))
    for f in formats:
        if f not in FORMATS:
            raise RenderError(f"unknown audio format {f!r}; known: {', '.join(FORMATS)}")
    try:
        target = LOUDNESS_TARGETS[loudness]
    except KeyError:
        raise RenderError(f"unknown loudness target {loudness!r}; known: "
                          f"{', '.join(LOUDNESS_TARGETS)}") from None
    check_bitrate(bitrate)
    return formats, target


def require_speakable(script: Script, path: str | os.PathLike | None) -> None:
    """A RenderError naming the first spoken line (`FILE:N: line K`) that holds a run of
    characters without a space longer than a piece (pieces.overlong_word): spelled out by
    the engine as one segment, its noise and its memory grow without bound."""
    from ..scriptfile import entry_file_lines, is_script_path
    for number, line in enumerate(script.lines, 1):
        word = overlong_word(line.text) if line.spoken else None
        if word is None:
            continue
        file_lines = entry_file_lines(path) if path and is_script_path(path) else []
        which = "line" if file_lines else "script line"
        raise RenderError(
            f"{which} {number} holds {len(word):,} characters without a space ({word[:24]}...):"
            " no word but an embedded file or a data URI, which would be spelled out letter "
            "by letter; make the line `kind: skipped` (still checked, never spoken) or cut it "
            "from the source", path=str(path) if path else None,
            line=file_lines[number - 1] if number <= len(file_lines) else None)


def prepare_episode(script: Script, casting: Casting, engines: EngineSet | Engine,
                    out: str | os.PathLike, *, source_text: str | None = None,
                    pauses: Pauses = Pauses(), extra_formats: tuple[str, ...] = (),
                    loudness: str = "podcast", bitrate: str | None = None,
                    artist: str | None = None, force: bool = False,
                    inputs: tuple[str | os.PathLike, ...] = (),
                    source: str | os.PathLike | None = None,
                    album: Album | None = None) -> EpisodeJob:
    """Plan an episode (formats, loudness target, its segments), or a RenderError. No
    output may be one of `inputs`, the script's source or the casting file (see
    _checked_outputs)."""
    if not isinstance(engines, EngineSet):
        engines = EngineSet(engines)
    out = Path(out)
    formats, target = checked_options([format_of(out), *extra_formats], loudness, bitrate)
    require_faithful(script, source_text)  # what `drama check` rejects is not spoken
    require_speakable(script, inputs[0] if inputs else script.source)
    manifest = _checked_outputs(out, formats, [script.source, casting.path, *inputs])

    def replan() -> list[Item]:
        return plan_items(script, casting, engines, source_text, pauses)

    items = replan()
    if not any(it.key is not None for it in items):
        # the script file when the command names one (render's inputs), else its source
        raise RenderError("the script has no line to speak",
                          path=inputs[0] if inputs else script.source)
    voice_ids = {}
    for it in items:
        if it.key is not None and it.settings not in voice_ids:
            engine = engines.get(it.engine)
            voice_ids[it.settings] = f"{engine.name} {identity(engine, it.settings)}"
    job = EpisodeJob(script, out, formats, target, items, voice_ids, manifest, pauses,
                     bitrate, artist, force, replan=replan,
                     source=Path(source) if source is not None else None, album=album)
    job.inputs = inputs_fingerprint(job)
    return job


def _source_entry(job: EpisodeJob) -> dict:
    """The manifest's "source": the episode's text, from the manifest's folder."""
    if job.source is None:
        return {}
    try:
        where = os.path.relpath(job.source.resolve(), job.manifest.parent.resolve())
    except ValueError:  # another drive (Windows)
        where = str(job.source.resolve())
    return {"source": Path(where).as_posix()}


def recorded_source(manifest: str | os.PathLike) -> Path | None:
    """The text a manifest's episode was rendered from, when it records one that is still
    there (render records it: see EpisodeJob.source); else None."""
    try:
        where = read_json(manifest).get("source")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(where, str) or not where:
        return None
    # where is relative to the manifest's real folder (_source_entry): joined to a path
    # through a link (output/ linked elsewhere) its ".." would climb the link's folders
    folder = Path(manifest).parent
    as_reached = Path(os.path.normpath(folder / where))  # a/story.txt, as the person has it
    try:
        real = Path(os.path.normpath(folder.resolve() / where))
        if not real.is_file():
            return None
        return as_reached if same_file(as_reached, real) else real
    except (OSError, ValueError):  # a name too long, a NUL: a manifest written by hand
        return None


def manifest_of(out: str | os.PathLike) -> Path:
    """The manifest of the episode whose audio is `out`: <name>.manifest.json beside it."""
    out = Path(out)
    return out.with_name(out.name.rsplit(".", 1)[0] + ".manifest.json")


def recorded_formats(out: str | os.PathLike) -> list[str]:
    """The formats of the audio files the last render of the episode `out` wrote, as its
    manifest lists them (build's "wav", "mp3"); [] when it has none."""
    return [Path(n).suffix.lstrip(".") for n in recorded_audio(manifest_of(out))]


def recorded_audio(manifest: str | os.PathLike) -> list[str]:
    """The names of the audio files a manifest lists (its `audio`), [] when it cannot be
    read or lists none as names (`"audio": 5` was a traceback)."""
    try:
        names = read_json(manifest).get("audio") or []
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _checked_outputs(out: Path, formats: list[str], inputs: list) -> Path:
    """Check every file the render will write (see drama.files.check_output), make their
    folder and clear dead renders' leftovers from it; the manifest's path."""
    manifest = manifest_of(out)
    for dest in [*(out.with_suffix(f".{f}") for f in formats), manifest]:
        check_output(dest, inputs)
    make_folder(out.parent)
    check_writable(out.parent)
    sweep_leftovers(out.parent)
    return manifest


def load_stats(job: EpisodeJob, cache: SegmentCache) -> dict[str, SegmentSummary]:
    """The summaries of every segment the episode needs, all in the cache by now."""
    stats: dict[str, SegmentSummary] = {}
    for key in job.keys:
        found = cache.load(key)
        if found is None:
            raise RenderError("a segment just synthesized is missing from the cache; run "
                              "again", path=str(cache.meta(key)))
        stats[key] = found
    return stats


def finish_episode(job: EpisodeJob, cache: SegmentCache, check_peaks: bool = True) -> RenderResult:
    """Write the episode from its segments in the cache (or keep it, when up to date).

    Lossy formats are encoded once, with the room under the ceiling their encoders'
    measured overshoot asks for (render/headroom.py), each voice its own. With
    `check_peaks`, each lossy file is also decoded and its true peak measured; where it
    still passed the ceiling, the episode is assembled again with that much more room (then,
    as a last resort, turned down). A book's episodes are not checked: decoding every file
    would cost a third as much again as encoding it (bench/README.md).
    """
    mix = _plan_mix(job, cache)
    out, manifest = job.out, job.manifest
    previous = None if job.force else _previous_render(manifest, mix.fingerprint, out,
                                                       job.formats, album=_album_record(job))
    temps: dict[str, Path] = {}
    tmp_manifest = temp_path(manifest)
    scratch = [tmp_manifest]
    try:
        if previous is not None:  # what the kept files were made with
            loud, files = previous["loudness"], previous["render"]["files"]
        else:
            loud, files = _encode(job, cache, mix, check_peaks, temps, scratch)
        _write_manifest(tmp_manifest, _manifest_doc(job, mix, loud, files, previous),
                        (manifest_line(it, mix.rate) for it in job.items))
        with episode_locked(out):  # from the last look to the last rename: one render at once
            if (theirs := written_meanwhile(job)) is not None:  # while this one encoded
                return theirs
            written = _put_in_place(job, temps, tmp_manifest)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile
        raise output_error(exc, out) from None
    finally:
        for p in [*scratch, *temps.values()]:
            if p.exists():
                p.unlink()
    log.info("%s: %s", out.name, "up to date, kept" if previous is not None else "written")
    spoken = len(job.keys) - job.shared
    return RenderResult(audio=written, manifest=str(manifest), synthesized=job.synthesized,
                        reused=spoken - job.synthesized, duration=mix.duration, loudness=loud,
                        up_to_date=previous is not None, fingerprint=mix.fingerprint)


@dataclass
class _Mix:
    """An episode's mix, planned from its segments before any file is written."""

    stats: dict[str, SegmentSummary]
    """Each segment's measured summary, by cache key."""
    rate: int
    """The sample rate the episode is assembled at."""
    total_frames: int
    """The episode's length in frames at that rate."""
    room: dict
    """Each voice's room under the ceiling for its encoders' overshoot (render/headroom.py)."""
    overshoot: dict
    """The encoders' measured overshoot, recorded in the manifest's loudness."""
    levels: tuple
    """match_voices' result: the gain per voice setting and the episode's gain (dB), then
    what the writers read besides (_write_once)."""
    chapters: list[tuple[float, float, str]]
    """The chapter marks: start and end in seconds, title."""
    fingerprint: str
    """What the episode is made from (an unchanged one keeps the files written)."""

    @property
    def duration(self) -> float:
        """The episode's length in seconds."""
        return self.total_frames / self.rate


def _plan_mix(job: EpisodeJob, cache: SegmentCache) -> _Mix:
    """The episode's mix: its segments' rate and layout, each voice's room and level, its
    chapter marks and the fingerprint of all of it."""
    job.timeline()  # planned again when it was let go
    items, target = job.items, job.target
    stats = load_stats(job, cache)
    rate = _match_rates(items, stats, cache)
    total_frames = layout(items, stats, rate, job.pauses)
    clips = Clips(cache, stats, target, limiter_ceiling(target, 0.0), rate)
    room, overshoot = episode_headroom(items, job.formats, job.bitrate, job.voice_ids, clips)
    ceilings = voice_ceilings(target, room)
    levels = match_voices(items, stats, rate, target, ceilings, total_frames)
    chapters = chapter_marks(job.script, items, rate, total_frames)
    fingerprint = _fingerprint(job, levels[0], levels[1], ceilings, total_frames, rate, chapters)
    return _Mix(stats, rate, total_frames, room, overshoot, levels, chapters, fingerprint)


def _encode(job: EpisodeJob, cache: SegmentCache, mix: _Mix, check_peaks: bool,
            temps: dict[str, Path], scratch: list[Path]) -> tuple[dict, dict]:
    """Assemble and encode the episode into temporary files, one per format (added to
    temps as they are named; a WAV made for the encoders only is added to scratch): the
    loudness they were made with and each file's id by its final name."""
    out = job.out
    for f in job.formats:
        temps[f] = temp_path(out.with_suffix(f".{f}"), f".{f}")
    wav = temps.get("wav")
    if wav is None:  # assembled for the encoders only, then removed
        wav = temp_path(out.with_suffix(".wav"), ".wav")
        scratch.append(wav)
    write = _write_checked if check_peaks else _write_once
    loud = write(job, cache, mix, wav, temps)
    loud["encoder_overshoot_db"] = mix.overshoot
    # a rename keeps size and mtime: what the files will be once in place
    files = {out.with_suffix(f".{f}").name: _file_id(temps[f]) for f in job.formats}
    return loud, files


def _manifest_doc(job: EpisodeJob, mix: _Mix, loud: dict, files: dict,
                  previous: dict | None) -> dict:
    """The episode's manifest but its lines: audio files, rate, duration, loudness,
    chapters, what the render was made from, and the source."""
    out = job.out
    return {"title": job.script.title,
            "audio": [out.with_suffix(f".{f}").name for f in job.formats],
            "sample_rate": mix.rate, "duration": round(mix.duration, 3), "loudness": loud,
            "chapters": [{"start": round(a, 3), "end": round(b, 3), "title": t}
                         for a, b, t in mix.chapters],
            "render": {"fingerprint": mix.fingerprint, "inputs": job.inputs, "files": files,
                       **_album_recorded(job, previous)},
            **_source_entry(job), "lines": []}


def episode_lock_path(out: str | os.PathLike) -> Path:
    """The lock a render holds from its last look at the episode whose audio is `out` (is
    it written meanwhile? drama.book.meanwhile) to its last rename: a build and the studio
    never put their files in place at once, nor between the other's look and rename."""
    manifest = manifest_of(out)
    return manifest.with_name(f".{manifest.name}.lock")


@contextmanager
def episode_locked(out: Path):
    """Hold the episode's lock (episode_lock_path), waiting as long as every lock
    (DRAMA_LOCK_TIMEOUT) and saying so when the wait lasts; a RenderError naming the lock
    when another render keeps it. The lock file is removed as it is let go."""
    path = episode_lock_path(out)
    with writer_lock_held(path, out, "another drama command is writing this episode",
                          RenderError):
        yield


def written_meanwhile(job: EpisodeJob) -> RenderResult | None:
    """The episode as another render wrote it meanwhile, to be kept (EpisodeJob.meanwhile)."""
    return job.meanwhile() if job.meanwhile is not None else None


def _put_in_place(job: EpisodeJob, temps: dict[str, Path], tmp_manifest: Path) -> list[str]:
    """Every output is complete: only now replace the previous episode, audio first and the
    manifest last (a manifest never names audio that is not there); the audio paths."""
    for tmp in [*temps.values(), tmp_manifest]:
        flush_to_disk(tmp)
    written = []
    for f in job.formats:
        dest = job.out.with_suffix(f".{f}")
        if f in temps:
            os.replace(temps[f], dest)
        written.append(str(dest))
    os.replace(tmp_manifest, job.manifest)
    return written


def _encode_as(job: EpisodeJob, wav: Path, temps: dict[str, Path], chapters, fmt: str,
               ceiling_db: float | None = None) -> float:
    return encode(wav, temps[fmt], fmt, title=job.script.title, artist=job.artist,
                  album=job.album, chapters=chapters if fmt in CHAPTERED else (),
                  bitrate=job.bitrate, ceiling_db=ceiling_db, shown=job.out.with_suffix(f".{fmt}"))


def _write_once(job: EpisodeJob, cache: SegmentCache, mix: _Mix, wav: Path,
                temps: dict[str, Path]) -> dict:
    """Assemble once and encode every lossy format once, in parallel: the room each voice
    leaves under the ceiling is what its encoders need (render/headroom.py)."""
    peaks = _assemble_mix(job, cache, mix, mix.levels, voice_ceilings(job.target, mix.room), wav)
    lossy = [f for f in job.formats if f != "wav"]
    if lossy:
        with ThreadPoolExecutor(len(lossy)) as encoders:  # ffmpeg processes, in parallel
            list(encoders.map(lambda f: _encode_as(job, wav, temps, mix.chapters, f), lossy))
    return _loudness_doc(job.target, mix.room, 0.0, mix.levels, peaks, {})


def _write_checked(job: EpisodeJob, cache: SegmentCache, mix: _Mix, wav: Path,
                   temps: dict[str, Path]) -> dict:
    """Assemble and encode, decode each lossy file and check its true peak; assemble again
    with more room for every voice where an encoder still passed the ceiling."""
    target, levels = job.target, mix.levels
    over: dict[str, float] = {}
    extra = 0.0
    for attempt in range(LOSSY_ATTEMPTS):
        ceilings = voice_ceilings(target, mix.room, extra)
        if attempt:
            # an encoder's own peaks passed the ceiling: lower the WAV's by as much, so the
            # limiter, not a turned-down file, keeps the loudness on target
            levels = match_voices(job.items, mix.stats, mix.rate, target, ceilings,
                                  mix.total_frames)
        peaks = _assemble_mix(job, cache, mix, levels, ceilings, wav)
        over = _encoded_overshoot(job, wav, temps, mix.chapters)
        worst = max(over.values(), default=-math.inf)
        if worst <= 0 or attempt == LOSSY_ATTEMPTS - 1:
            break
        extra += worst + PEAK_SPARE_DB
    # a file still over after that is turned down, as the last resort
    lossy_gains = {f: _encode_as(job, wav, temps, mix.chapters, f,
                                 target.ceiling_db - METER_MARGIN_DB)
                   for f, o in over.items() if o > 0}
    return _loudness_doc(target, mix.room, extra, levels, peaks, lossy_gains)


def _assemble_mix(job: EpisodeJob, cache: SegmentCache, mix: _Mix, levels, ceilings,
                  wav: Path) -> dict:
    """The episode assembled into wav at these levels (match_voices' result) under these
    voice ceilings: assemble's peaks."""
    gains, gain_db, _, _ = levels
    return assemble(wav, job.items, cache, mix.stats, gains, db_to_gain(gain_db),
                    mix.total_frames, mix.rate, ceilings)


def _encoded_overshoot(job: EpisodeJob, wav: Path, temps: dict[str, Path],
                       chapters) -> dict[str, float]:
    """Each lossy format encoded from wav, one after the other, and by how many dB its
    decoded true peak passes the ceiling (with the meter's margin); none when the target
    has no ceiling below 0 dB."""
    target = job.target
    over: dict[str, float] = {}
    for f in (f for f in job.formats if f != "wav"):
        _encode_as(job, wav, temps, chapters, f)
        if target.ceiling_db < 0:
            over[f] = decoded_true_peak_db(temps[f]) - target.ceiling_db + METER_MARGIN_DB
    return over


def _loudness_doc(target: LoudnessTarget, room: dict, extra: float, levels, peaks: dict,
                  lossy_gains: dict) -> dict:
    gains, gain_db, before, after = levels
    name = voice_label
    headroom = max(room.values(), default=0.0) + extra
    return {"target": target.name,
            "limiter_ceiling_dbtp": round(target.ceiling_db - LIMITER_MARGIN_DB - headroom, 2),
            "measured_before": _rounded(before),
            "episode_gain_db": round(gain_db, 2),
            "predicted_integrated_lufs": _rounded(after["integrated_lufs"]),
            "predicted_rms_db": _rounded(after["rms_db"]),
            "voice_gains_db": {name(s): round(20 * math.log10(g), 2) for s, g in gains.items()},
            **peaks, "lossy_headroom_db": round(headroom, 2),
            "voice_headroom_db": {name(s): round(r + extra, 2) for s, r in room.items()},
            "encoder_gain_db": {f: round(g, 2) for f, g in lossy_gains.items() if g}}


def voice_ceilings(target: LoudnessTarget, room: dict, extra: float = 0.0) -> dict:
    """The limiter's linear ceiling for each voice setting, given the room (dB) each leaves
    for the encoders, and `extra` for all."""
    return {s: limiter_ceiling(target, r + extra) for s, r in room.items()}


def limiter_ceiling(target: LoudnessTarget, headroom_db: float) -> float:
    """The limiter's linear ceiling: the target's, less its margin and `headroom_db`."""
    return db_to_gain(target.ceiling_db - LIMITER_MARGIN_DB - headroom_db)


def _fingerprint(job: EpisodeJob, gains, gain_db: float, ceilings: dict, total_frames: int,
                 rate: int, chapters) -> str:
    """A hash of everything that shapes the audio files: the segments (their cache keys
    cover text, voice and engine) and where they go, gains, formats, tags and chapters."""
    h = hashlib.sha256()
    h.update(json.dumps([RENDER_VERSION, total_frames, rate,
                         round(gain_db, 9), job.formats, job.bitrate, job.artist, chapters,
                         *_shaping_constants(job.formats)]).encode())
    for it in job.items:
        if it.key is not None:
            h.update(f"{it.key} {it.start} {gains[it.settings]:.9g} "
                     f"{ceilings[it.settings]:.9g}\n".encode())
    return h.hexdigest()


def _shaping_constants(formats: list[str]) -> list:
    """The constants that shape an episode's files from its segments, and its codecs'."""
    return [[LIMITER_MARGIN_DB, HEADROOM_VERSION, SAMPLE_SECONDS, SPARE_DB, DEFAULT_SPARE_DB,
             LOSSY_ATTEMPTS, METER_MARGIN_DB, PEAK_SPARE_DB, DELIVERED_OVERSAMPLE,
             INTERPOLATOR_TAPS],
            {f: vars(c) for f, c in CODECS.items() if f in formats}]


def inputs_fingerprint(job: EpisodeJob) -> str:
    """A hash of everything an episode's files and manifest are made from that is known
    before any segment is loaded: its segments in order (their keys cover text, voice and
    engine) with the pause before each and the lines they belong to, the pause lengths,
    formats, bitrate, loudness target, tags, and the constants that shape the output. A
    segment is the same sound whenever its key is, so the same inputs make the same files."""
    h = hashlib.sha256()
    h.update(json.dumps([RENDER_VERSION, job.script.title, job.formats, job.bitrate,
                         job.artist, vars(job.target), vars(job.pauses),
                         *_shaping_constants(job.formats)]).encode())
    for it in job.items:
        line = it.line
        h.update(json.dumps([it.key, it.context, it.index, it.piece, it.pieces, it.text,
                             line.speaker, line.kind, line.level, line.start, line.end],
                            ensure_ascii=False).encode() + b"\n")
    return h.hexdigest()


def kept_episode(job: EpisodeJob) -> RenderResult | None:
    """The episode as its last render left it, read from its manifest without loading a
    segment (the cache may have been pruned since), when that render had the same inputs
    (inputs_fingerprint) and its audio files are still the ones it wrote; else None (it is
    to be finished: finish_episode), and always None with `force`."""
    if job.force or not job.inputs:
        return None
    doc = _previous_render(job.manifest, job.inputs, job.out, job.formats, field="inputs",
                           album=_album_record(job))
    if doc is None or not isinstance(doc.get("duration"), (int, float)):
        return None
    _record_source_moved(job, doc)
    return RenderResult(audio=[str(job.out.with_suffix(f".{f}")) for f in job.formats],
                        manifest=str(job.manifest), synthesized=0, reused=0,
                        duration=float(doc["duration"]), loudness=doc["loudness"],
                        up_to_date=True, fingerprint=str(doc["render"].get("fingerprint", "")))


def _record_source_moved(job: EpisodeJob, doc: dict) -> None:
    """An episode kept as it is still records where its text is now (a/story.txt moved to
    a2/ and rendered again), so that another text of its name is still refused
    (recorded_source); a manifest that cannot be written again is left as it was."""
    entry = _source_entry(job)
    if not entry or doc.get("source") == entry["source"]:
        return
    head = {**{k: v for k, v in doc.items() if k != "lines"}, **entry, "lines": []}
    tmp = temp_path(job.manifest)
    try:
        _write_manifest(tmp, head, doc.get("lines") or [])
        os.replace(tmp, job.manifest)
    except OSError as exc:
        log.warning("%s: could not record the episode's text %s there (%s)", job.manifest,
                    job.source, exc.strerror or exc)
    finally:
        tmp.unlink(missing_ok=True)


def _match_rates(items: list[Item], stats: dict[str, SegmentSummary],
                 cache: SegmentCache) -> int:
    """The episode's sample rate (the highest of its segments'); every item whose segment
    has another rate is moved to a copy resampled to it (cached like any segment)."""
    spoken = [it for it in items if it.key is not None]
    rate = max(stats[it.key].rate for it in spoken)
    moved: dict[str, str] = {}
    for it in spoken:
        summary = stats[it.key]
        if summary.rate == rate:
            continue
        if it.key not in moved:
            job = Job(it.key, it.spoken, it.settings, it.engine)
            moved[it.key] = resample_into_cache(cache, job, summary.lead, summary.frames, rate)
            found = cache.load(moved[it.key])
            if found is None:
                raise RenderError("a resampled segment is missing from the cache; run again",
                                  path=str(cache.meta(moved[it.key])))
            stats[moved[it.key]] = found
        it.key = moved[it.key]
    return rate


def voice_label(s: VoiceSettings, default_engine: str = "") -> str:
    """A voice as the manifest's loudness section names it (the studio compares these).
    Given `default_engine`, a voice naming that engine is labelled as one naming none: the
    same audio (its segments have the same keys), so not a changed voice."""
    engine = f"{s.engine} " if s.engine and s.engine != default_engine else ""
    speaker = f" speaker {s.speaker}" if s.speaker is not None else ""
    return f"{engine}{s.voice}{speaker} rate {s.rate} pitch {s.pitch}"


def label_with_default(label: str, default_engine: str) -> str:
    """A manifest's voice_label as voice_label(settings, default_engine) gives it: a voice
    that named the default engine labelled as one naming none."""
    named = f"{default_engine} "
    return label[len(named):] if default_engine and label.startswith(named) else label


def _file_id(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _album_record(job: EpisodeJob) -> dict | None:
    """The album tags a job's files carry, as its manifest records them (None: none)."""
    return job.album.recorded() if job.album is not None else None


def _album_recorded(job: EpisodeJob, previous: dict | None) -> dict:
    """The manifest's render.album: what the files carry, the job's when written, the
    earlier render's when kept (none recorded: files from before albums were tagged)."""
    if previous is None:
        return {"album": _album_record(job)}
    return {"album": previous["render"]["album"]} if "album" in previous["render"] else {}


def _previous_render(manifest: Path, fingerprint: str, out: Path,
                     formats: list[str], field: str = "fingerprint",
                     album: dict | None = None) -> dict | None:
    """The manifest of an earlier render with this fingerprint (its render's `field`) whose
    audio files are still the ones it wrote (same size and modification time), or None;
    None too when it records other album tags than `album` (the book retitled: its files
    tagged again; a render from before albums were tagged records none, and is kept, so a
    built book's episodes are not encoded again for their album);
    None too for a manifest edited out of shape (`"files": []`, `"lines": null`): it is
    written again, where keeping it was a traceback or a refusal to render again."""
    from ..export.subtitles import check_manifest
    try:
        doc = read_json(manifest)
        files = doc["render"]["files"]
        if doc["render"][field] != fingerprint or not isinstance(doc["loudness"], dict) or \
                doc["render"].get("album", album) != album:
            return None
        for f in formats:
            name = out.with_suffix(f".{f}").name
            if files.get(name) != _file_id(out.with_suffix(f".{f}")):
                return None
        check_manifest(doc)
        return doc
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ExportError):
        return None


def _write_manifest(path: Path, doc: dict, lines) -> None:
    """The manifest JSON, its lines written one by one (a book's would be megabytes)."""
    head = json.dumps(doc, ensure_ascii=False, indent=1)
    assert head.endswith('"lines": []\n}')
    # a file name not in UTF-8 (`caf\xe9.wav`) is lone surrogates in Python: written as
    # JSON's \udce9 escape, which reads back as the same name
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as f:
        f.write(head[: -len("[]\n}")] + "[")
        for i, line in enumerate(lines):
            f.write(("," if i else "") + "\n  " + json.dumps(line, ensure_ascii=False))
        f.write("\n ]\n}\n")


def _rounded(v):
    if isinstance(v, dict):
        return {k: _rounded(x) for k, x in v.items()}
    return round(v, 2) if isinstance(v, float) and math.isfinite(v) else None
