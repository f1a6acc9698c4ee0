"""How far a lossy encoder's peaks pass those of the audio it is given, measured once per
voice, format and bitrate, and kept: an episode leaves that much room under the true-peak
ceiling, so its MP3 or AAC meets the ceiling in one pass (no decoding to check, no second
assembly, nothing turned down).

A measurement is a clip of one voice's speech from the cache (up to SAMPLE_SECONDS of its
segments, in order), brought to the loudness target and limited at the ceiling as an
episode would be, then encoded and decoded: the overshoot is the decoded file's true peak
less the clip's own, both measured the same way (8x oversampled). It is stored under the
cache folder (`headroom/`), keyed by the engine, the voice settings, the format, codec,
bitrate, sample rate, ceiling and the ffmpeg build, so it is made once and every later
episode and book in that voice reuses it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import os
import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engines import VoiceSettings
from ..errors import RenderError
from ..files import no_room_advice, os_error_message
from .assemble import Writer, segment_slices, write_scaled
from .cache import SegmentCache
from .encode import CODECS, DELIVERED_OVERSAMPLE, decoded_true_peak_db, encode, ffmpeg_path
from .loudness import (EpisodeLevels, LoudnessTarget, SegmentSummary, block_true_peaks,
                       db_to_gain, limiter_ramp)
from .plan import Item

log = logging.getLogger(__name__)

SAMPLE_SECONDS = 10.0
"""Speech per measurement: enough for the encoder's peaks to show, little to encode."""
SPARE_DB = {"mp3": 0.4, "aac": 1.5, "m4b": 1.5, "m4a": 1.5}
"""Left on top of each format's measured overshoot: an episode holds many more peaks than
the clip, and the encoders' overshoot has a tail. Measured over every 50 ms block of Alice's
twelve chapters, a block's true peak after encoding passes the WAV's by at most 0.45 dB in
MP3 (LAME without noise shaping) and 1.1 dB in AAC (ffmpeg's constant-quantizer coder); with
1.0 dB for AAC, one episode of Pride and Prejudice's 61 (and one of Alice's 12, in one of
two builds) still came out 0.2-0.4 dB over the ceiling (bench/book.py), hence 1.5."""
DEFAULT_SPARE_DB = 1.0
"""For formats not measured that way (Opus)."""
GAP_SECONDS = 0.3
MAX_CLIP_GAIN_DB = 40.0
HEADROOM_VERSION = 2
"""Bumped when the way the overshoot is measured changes: older measurements are not used."""

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass(frozen=True)
class Clips:
    """What every voice's clip of an episode is made from and brought to: the same for all
    its voices, handed unchanged from the episode to each measurement."""

    cache: SegmentCache
    """The segments' cache (the clip's audio; the measurements are kept under it)."""
    stats: dict[str, SegmentSummary]
    """Each segment's measured summary, by cache key."""
    target: LoudnessTarget
    """The episode's loudness target, which the clip is brought to."""
    ceiling: float
    """The limiter's ceiling (linear), as the episode is limited."""
    rate: int
    """The sample rate the episode is assembled at."""


def episode_headroom(items: list[Item], formats: list[str], bitrate: str | None,
                     voice_ids: dict[VoiceSettings, str], clips: Clips
                     ) -> tuple[dict[VoiceSettings, float], dict]:
    """The room (dB) each voice of an episode leaves under the limiter's ceiling for the
    episode's lossy formats: its largest overshoot plus that format's spare (SPARE_DB) in
    any of them; 0 without a lossy format. Also each format's largest overshoot, for the
    manifest. `voice_ids` holds each voice's engine and its identity (a Piper model's hash):
    what a measurement is kept under."""
    lossy = [f for f in formats if f != "wav"]
    by_voice: dict[VoiceSettings, list[Item]] = {}
    for it in items:
        if it.key is not None:
            by_voice.setdefault(it.settings, []).append(it)
    room = {settings: 0.0 for settings in by_voice}
    worst: dict[str, float] = {}
    for settings, voice_items in by_voice.items():
        if not lossy:
            break
        overs = voice_overshoot(settings, voice_items, lossy, bitrate, voice_ids[settings],
                                clips)
        for fmt, over in overs.items():
            worst[fmt] = max(worst.get(fmt, 0.0), over)
            room[settings] = max(room[settings], over + spare_db(fmt))
    return room, {f: round(v, 2) for f, v in worst.items()}


def spare_db(fmt: str) -> float:
    """What is left on top of a format's measured overshoot."""
    return SPARE_DB.get(fmt, DEFAULT_SPARE_DB)


def voice_overshoot(settings: VoiceSettings, items: list[Item], formats: list[str],
                    bitrate: str | None, engine_id: str, clips: Clips) -> dict[str, float]:
    """The stored overshoot of this voice in each format, measured now (one clip for all of
    them) where there is none yet."""
    paths = {}
    for fmt in formats:
        codec = CODECS[fmt]
        key = _key(engine_id, settings, codec.muxer, codec.args(bitrate), codec.make_up_db,
                   clips.rate, clips.target.ceiling_db)
        paths[fmt] = clips.cache.root / "headroom" / f"{key}.json"
    with _lock(settings):
        found = {fmt: _read(path) for fmt, path in paths.items()}
        missing = [fmt for fmt, over in found.items() if over is None]
        if missing:
            try:
                measured, seconds = _measure(items, missing, bitrate, clips)
            except OSError as exc:  # a full disk under the cache
                advice = no_room_advice(exc) or "run again"
                raise RenderError(f"cannot measure the encoders' headroom in the cache: "
                                  f"{os_error_message(exc)}; {advice}",
                                  path=str(clips.cache.root)) from None
            for fmt, over in measured.items():
                _write(paths[fmt], {"version": HEADROOM_VERSION, "overshoot_db": over,
                                    "seconds": seconds, "voice": settings.voice,
                                    "rate": settings.rate, "pitch": settings.pitch,
                                    "format": fmt, "bitrate": bitrate or CODECS[fmt].bitrate})
                log.info("%s: %s overshoots by %.2f dB (measured on %.1f s)", settings.voice,
                         fmt, over, seconds)
            found.update(measured)
        return found


def _measure(items: list[Item], formats: list[str], bitrate: str | None,
             clips: Clips) -> tuple[dict[str, float], float]:
    """({format: overshoot in dB}, seconds of speech measured) of one voice's clip."""
    chosen, seconds = [], 0.0
    for it in dict((it.key, it) for it in items).values():
        if seconds >= SAMPLE_SECONDS:
            break
        chosen.append(it)
        seconds += clips.stats[it.key].frames / clips.rate
    gain = _clip_gain(chosen, clips)
    overs = {}
    with tempfile.TemporaryDirectory(dir=clips.cache.root, prefix=".headroom-") as tmp:
        wav = Path(tmp) / "clip.wav"
        own = _write_clip(wav, chosen, clips, gain)
        for fmt in formats:
            dest = Path(tmp) / f"clip.{fmt}"
            encode(wav, dest, fmt, title="headroom", bitrate=bitrate)
            # exact where it matters: above the clip's own peak, less a dB
            over = decoded_true_peak_db(dest, above_db=own - 1.0) - own
            overs[fmt] = max(0.0, float(over))
    return overs, seconds


def _clip_gain(items: list[Item], clips: Clips) -> float:
    """The gain that brings the clip to the target's loudness (or RMS) once limited at the
    ceiling, as level matching brings an episode's voices: the limiter then works on the
    clip as hard as on an episode (the harder, the more the encoder overshoots)."""
    stats, target, ceiling, rate = clips.stats, clips.target, clips.ceiling, clips.rate
    goal = target.integrated_lufs if target.integrated_lufs is not None else target.rms_db
    if goal is None:
        return 1.0
    pick = 0 if target.integrated_lufs is not None else 1
    gap = int(GAP_SECONDS * rate)
    placements, pos = [], gap
    for it in items:
        placements.append((stats[it.key], pos, 0))
        pos += stats[it.key].frames + gap
    levels = EpisodeLevels(placements, pos, rate)
    db = 0.0
    for _ in range(12):
        now = levels.integrated(np.full(len(items), db_to_gain(db)), ceiling)[pick]
        if not math.isfinite(now) or abs(goal - now) < 0.02:
            break
        db = min(db + (goal - now), MAX_CLIP_GAIN_DB)
    return db_to_gain(db)


def _write_clip(path: Path, items: list[Item], clips: Clips, gain: float) -> float:
    """Write the clip as a WAV; its own true peak (dBTP), measured as decoded_true_peak_db
    measures (8x oversampled)."""
    cache, stats, ceiling, rate = clips.cache, clips.stats, clips.ceiling, clips.rate
    gap = int(GAP_SECONDS * rate)
    peak = 0.0
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        out = Writer(w, rate)
        for it in items:
            s = stats[it.key]
            out.silence(gap)
            ramp = limiter_ramp(cache.peaks(it.key), gain, ceiling, -(-s.frames // s.block)) \
                if s.true_peak * gain > ceiling else None
            for offset, samples, _ in segment_slices(cache.wav(it.key), s.lead, s.frames,
                                                     512 * s.block):
                written = np.empty(len(samples), "<i2")
                write_scaled(out, samples, gain, ramp, s.block, offset, keep=written)
                # a slice's edges are measured against silence here, where the next slice's
                # samples would be: close enough for a peak the encoder adds a dB or so to
                peak = max(peak, float(block_true_peaks(written / 32768.0, len(written),
                                                        DELIVERED_OVERSAMPLE).max()))
        out.silence(gap)
    return 20 * math.log10(peak) if peak > 0 else -math.inf


@functools.cache
def ffmpeg_build() -> str:
    """The ffmpeg binary's version line: another build may encode differently."""
    try:
        proc = subprocess.run([ffmpeg_path(), "-version"], capture_output=True, text=True)
        return (proc.stdout.splitlines() or [""])[0]
    except OSError:
        return ""


def _key(engine_id: str, settings: VoiceSettings, *rest) -> str:
    speaker = getattr(settings, "speaker", None)
    blob = json.dumps([HEADROOM_VERSION, engine_id, settings.voice, int(settings.rate),
                       int(settings.pitch), *rest, ffmpeg_build(),
                       *([{"speaker": int(speaker)}] if speaker is not None else [])])
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _lock(key) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def _read(path: Path) -> float | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") == HEADROOM_VERSION:
            return float(doc["overshoot_db"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    os.replace(tmp, path)
