"""The episode's samples, streamed from the cache into a WAV file: each segment read, scaled,
limited, rounded and written a slice at a time, so memory stays the size of a slice whatever
the episode's or the segment's length."""
from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np

from ..errors import RenderError
from .cache import SegmentCache
from .loudness import SegmentSummary, apply_ramp, limiter_ramp
from .plan import Item

SLICE_BLOCKS = 512
"""Limiter blocks (of 20/3 ms) assembled at a time: about 3.4 s, arrays of a few hundred kB."""


class Writer:
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


def segment_slices(path: Path, lead: int, frames: int, size: int):
    """(offset, int16 samples) of `frames` frames of a cached segment's WAV from frame
    `lead`, `size` at a time; a RenderError when the file is not what the cache says."""
    try:
        with wave.open(str(path), "rb") as r:
            if r.getsampwidth() != 2 or r.getnchannels() != 1 or frames < 0 or \
                    r.getnframes() < lead + frames:
                raise RenderError("segment is not the mono 16-bit PCM expected", path=str(path))
            r.setpos(lead)
            for offset in range(0, frames, size):
                n = min(size, frames - offset)
                data = np.frombuffer(r.readframes(n), dtype="<i2")
                if len(data) != n:
                    raise RenderError("segment ended early", path=str(path))
                yield offset, data, r.getframerate()
    except (OSError, wave.Error, EOFError) as exc:
        raise RenderError(f"segment is not a readable WAV file ({exc})", path=str(path)) from None


def assemble(path: Path, items: list[Item], cache: SegmentCache,
             stats: dict[str, SegmentSummary], gains, episode_gain: float, total_frames: int,
             rate: int, ceilings: dict) -> dict:
    """Write the episode to `path` as a WAV, each voice limited at its own ceiling (by
    voice setting); how many segments the limiter touched and the sample peak."""
    limited = 0
    top = 0
    # the file opened first: wave.open(name) leaves a broken writer behind when it cannot
    with open(path, "wb") as raw, wave.open(raw, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.setnframes(total_frames)  # the header is right from the start: no seek at the end
        out = Writer(w, rate)
        for item in items:
            if item.key is None:
                continue
            out.silence(item.start - out.frames)
            summary = stats[item.key]
            g = gains[item.settings] * episode_gain
            ceiling = ceilings[item.settings]
            ramp = None
            if summary.true_peak * g > ceiling:
                ramp = limiter_ramp(cache.peaks(item.key), g, ceiling,
                                    -(-item.frames // summary.block))
                limited += ramp is not None
            try:
                for offset, samples, seg_rate in segment_slices(
                        cache.wav(item.key), summary.lead, item.frames,
                        SLICE_BLOCKS * summary.block):
                    if seg_rate != rate:
                        raise RenderError("changed under the render")
                    top = max(top, write_scaled(out, samples, g, ramp, summary.block, offset))
            except RenderError:
                cache.discard(item.key)  # so the next run synthesizes it again
                raise RenderError("a cached segment was unreadable and has been removed; run "
                                  "again to synthesize it", path=str(cache.wav(item.key))) from None
        out.silence(total_frames - out.frames)
    peak = top / 32768.0
    return {"limited_segments": limited,
            "sample_peak_dbfs": round(20 * math.log10(peak), 2) if peak > 0 else None}


def write_scaled(out: Writer, samples: np.ndarray, gain: float, ramp, block: int,
                 offset: int, keep: np.ndarray | None = None) -> int:
    """Scale, limit, round and write one slice (in int16 units throughout, in place); its
    largest magnitude. What is written is also copied into `keep` when given."""
    x = np.multiply(samples, np.float32(gain), dtype=np.float32)
    if ramp is not None:
        apply_ramp(x, ramp, block, offset, out=x)
    np.rint(x, out=x)
    np.clip(x, -32768, 32767, out=x)
    if keep is None:
        keep = x.astype("<i2")
    else:
        keep[:] = x
    out.samples(keep)
    return max(-int(x.min()), int(x.max())) if len(x) else 0
