"""WAV -> MP3, OGG/Opus, M4B (with chapters) through an ffmpeg subprocess, streaming.

ffmpeg reads the finished WAV from disk, so memory does not grow with the episode (pydub would
load the whole file). The binary is the system's or the one bundled by imageio-ffmpeg.
"""
from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError
from ..files import flush_to_disk, temp_path

log = logging.getLogger(__name__)

FORMATS = ("wav", "mp3", "ogg", "opus", "m4b", "m4a")


@dataclass(frozen=True)
class Codec:
    muxer: str
    codec: str
    bitrate: str
    """Explicit, because defaults are poor (pydub's MP3 at 22.05 kHz mono is 32 kbit/s)."""


CODECS = {
    "mp3": Codec("mp3", "libmp3lame", "64k"),
    "ogg": Codec("ogg", "libopus", "48k"),
    "opus": Codec("ogg", "libopus", "48k"),
    "m4b": Codec("ipod", "aac", "64k"),
    "m4a": Codec("ipod", "aac", "64k"),
}


def ffmpeg_path() -> str:
    """ffmpeg on PATH, else the binary bundled by imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg
        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        raise RenderError("ffmpeg is needed for compressed audio: pip install imageio-ffmpeg") from None


_BITRATE = re.compile(r"[1-9][0-9]{0,5}[kK]?")


def check_bitrate(bitrate: str | None) -> None:
    """A RenderError unless bitrate is None or reads like 96k or 128000."""
    if bitrate is not None and not _BITRATE.fullmatch(bitrate.strip()):
        raise RenderError(f"--bitrate {bitrate!r}: give bits per second such as 64k, 96k or "
                          "128000")


def die_with_parent():
    """A preexec_fn for subprocesses that ends the child (SIGKILL) when this process dies,
    on Linux (prctl PR_SET_PDEATHSIG); None elsewhere. A killed render then leaves no ffmpeg
    behind writing a file nobody will use."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def hook() -> None:  # runs in the child between fork and exec: keep it to two calls
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
    return hook


PR_SET_PDEATHSIG = 1


def format_of(path: str | os.PathLike) -> str:
    """The audio format a file name asks for, or a RenderError naming the known ones."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(f"unknown audio format {fmt or '(none)'!r}; use one of "
                          f"{', '.join('.' + f for f in FORMATS)}", path=str(path))
    return fmt


def _escape(value: str) -> str:
    for ch in "\\=;#\n":
        value = value.replace(ch, "\\" + ch)
    return value


def ffmetadata(title: str, artist: str | None, chapters: list[tuple[float, float, str]]) -> str:
    """An FFMETADATA1 document with tags and chapters (start s, end s, title)."""
    out = [";FFMETADATA1", f"title={_escape(title)}"]
    if artist:
        out.append(f"artist={_escape(artist)}")
    for start, end, name in chapters:
        out += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(start * 1000))}",
                f"END={int(round(end * 1000))}", f"title={_escape(name)}"]
    return "\n".join(out) + "\n"


def encode(wav: Path, dest: Path, fmt: str, *, title: str, artist: str | None = None,
           chapters: list[tuple[float, float, str]] = (), bitrate: str | None = None,
           ceiling_db: float | None = None, shown: Path | None = None) -> float:
    """Encode wav into dest (written as given: the caller renames it into place); the gain
    in dB applied on the way (0 unless the encoder's own peaks needed it).

    With `ceiling_db`, the decoded file's true peak is measured, and where the encoder
    overshot the ceiling (lossy codecs add peaks, by an amount that varies with the audio)
    the file is encoded again that much quieter, with a little to spare. Errors name
    `shown` (the file dest will become) rather than dest.
    """
    gain = 0.0
    for attempt in range(PEAK_ATTEMPTS):
        _encode(wav, dest, fmt, title, artist, chapters, bitrate, gain, shown or dest)
        if ceiling_db is None:
            return gain
        over = decoded_true_peak_db(dest) - ceiling_db
        if over <= 0:
            return gain
        if attempt < PEAK_ATTEMPTS - 1:
            gain -= over + PEAK_SPARE_DB
    log.warning("%s: the %s encoder still peaks %.1f dB over %.1f dBTP", dest, fmt, over,
                ceiling_db)
    return gain


PEAK_SPARE_DB = 0.2
"""How far under the ceiling a re-encoded file aims (each encoding's peaks differ a little)."""
PEAK_ATTEMPTS = 4
"""Encodings tried before a file is left as it is (AAC's peaks do not scale with its input:
measured +4.7 dB on a square wave at 64 kbit/s, then still +0.4 dB after turning it down)."""


EDGE = 8
"""Samples past a chunk's end the delivered-peak interpolator (10 taps) reaches."""
DELIVERED_OVERSAMPLE = 8
"""A delivered file's true peak is measured 8x oversampled, as closely as ffmpeg's ebur128
(which upsamples to 192 kHz) sees it: 4x can miss up to 0.7 dB of a peak near the top of
the band, where lossy decoders leave their artefacts."""


def decoded_true_peak_db(path: Path) -> float:
    """The true peak (dBTP) of an audio file as a player decodes it, streamed through ffmpeg
    in float, so memory stays bounded and nothing clips."""
    import numpy as np

    from .loudness import block_true_peaks
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path),
           "-ac", "1", "-f", "f32le", "-c:a", "pcm_f32le", "-"]
    # each chunk is measured with EDGE samples of its neighbours on either side, and only
    # where the interpolator reaches no further than the samples at hand
    peak, tail, first = 0.0, np.zeros(0, np.float32), True
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          preexec_fn=die_with_parent()) as proc:
        assert proc.stdout is not None
        while True:
            data = proc.stdout.read(1 << 20)
            last = not data
            x = np.concatenate([tail, np.frombuffer(data[: len(data) // 4 * 4], "<f4")])
            lo, hi = (0 if first else EDGE), (len(x) if last else len(x) - EDGE)
            if hi > lo:
                peaks = block_true_peaks(x, 1, DELIVERED_OVERSAMPLE)
                peak = max(peak, float(peaks[lo:hi].max()))
            if last:
                break
            if len(x) >= 2 * EDGE:
                tail, first = x[-2 * EDGE:], False
            else:
                tail = x  # too short to cut: measured again with what follows
    if proc.returncode != 0:
        raise RenderError("could not decode the encoded audio to check its peaks", path=str(path))
    return 20 * np.log10(peak) if peak > 0 else -np.inf


def _encode(wav: Path, dest: Path, fmt: str, title: str, artist: str | None,
            chapters, bitrate: str | None, gain_db: float, shown: Path) -> None:
    codec = CODECS[fmt]
    meta = dest.with_name(dest.name + ".ffmeta")
    meta.write_text(ffmetadata(title, artist, list(chapters)), encoding="utf-8")
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
           "-i", str(wav), "-f", "ffmetadata", "-i", str(meta),
           "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1",
           "-c:a", codec.codec, "-b:a", bitrate or codec.bitrate]
    if gain_db:
        cmd += ["-af", f"volume={gain_db:.2f}dB"]
    if fmt == "mp3":
        cmd += ["-id3v2_version", "3"]
    cmd += ["-f", codec.muxer, str(dest)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                              preexec_fn=die_with_parent())
    finally:
        meta.unlink(missing_ok=True)
    if proc.returncode != 0 or not dest.exists() or dest.stat().st_size == 0:
        err = [ln.replace(str(dest), str(shown)) for ln in
               (proc.stderr or "").strip().splitlines()]
        why = err[-1] if err else (f"ffmpeg was killed ({_signal_name(-proc.returncode)})"
                                   if proc.returncode < 0 else "ffmpeg failed")
        raise RenderError(f"could not encode {fmt}: {why}", path=str(shown))


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name  # SIGXFSZ: the file size limit
    except ValueError:
        return f"signal {number}"


def save_clip(wav: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """A short clip (a preview line) as the format dest's extension names, written atomically.

    A clip fits in memory, so pydub does the conversion; whole episodes go through encode()'s
    streaming ffmpeg instead.
    """
    dest = Path(dest)
    fmt = format_of(dest)
    tmp = temp_path(dest, dest.suffix)
    try:
        if fmt == "wav":
            shutil.copyfile(wav, tmp)
        else:
            import warnings
            with warnings.catch_warnings():
                # pydub warns at import when ffmpeg is not on PATH; it is told which one below
                warnings.simplefilter("ignore", RuntimeWarning)
                from pydub import AudioSegment
            AudioSegment.converter = ffmpeg_path()
            codec = CODECS[fmt]
            AudioSegment.from_wav(str(wav)).export(str(tmp), format=codec.muxer,
                                                   codec=codec.codec, bitrate=codec.bitrate)
        flush_to_disk(tmp)
        os.replace(tmp, dest)
    except RenderError:
        raise
    except Exception as exc:
        raise RenderError(f"could not write the {fmt} clip: {exc}", path=str(dest)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest
