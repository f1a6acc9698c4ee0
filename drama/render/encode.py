"""WAV -> MP3, OGG/Opus, M4B (with chapters) through an ffmpeg subprocess, streaming.

ffmpeg reads the finished WAV from disk, so memory does not grow with the episode (pydub would
load the whole file). The binary is the system's or the one bundled by imageio-ffmpeg.
"""
from __future__ import annotations

import ctypes
import logging
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError
from ..files import flush_to_disk, temp_path

log = logging.getLogger(__name__)

FORMATS = ("wav", "mp3", "ogg", "opus", "m4b", "m4a", "aac")
ENCODER_SLOTS = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
"""Encoders that run at once in this process, one a core: a book's episodes queue for them
in the order they were spoken, so the first is written first, and both cores stay busy."""


@dataclass(frozen=True)
class Codec:
    muxer: str
    codec: str
    bitrate: str
    """Explicit, because defaults are poor (pydub's MP3 at 22.05 kHz mono is 32 kbit/s)."""
    options: tuple[str, ...] = ()
    """More encoder options."""
    make_up_db: float = 0.0
    """The level the encoder takes away from everything it encodes, given back on its way in
    (bench/encoder_gain.py measures each codec's)."""

    def args(self, bitrate: str | None = None) -> list[str]:
        """ffmpeg's arguments for this encoder."""
        return ["-c:a", self.codec, "-b:a", bitrate or self.bitrate, *self.options]


AAC_OPTIONS = ("-aac_coder", "fast")
"""ffmpeg's AAC encoder with its constant-quantizer coder: its default (twoloop) leaves
glitches in 64 kbit/s speech at 22 kHz (Alice, chapter 1: a spike 5.7 dB over the audio
around it, +1.7 dBTP from a -1.6 dBTP WAV), and takes 2 to 5 times as long. Measured on the
twelve chapters of Alice: each episode's true peak within 0.2 dB of its WAV's in eleven,
0.8 dB over in the twelfth (the default coder's: up to 3.3 dB over), and a 6 dB better
signal-to-noise ratio than the default's at the same size."""

MP3_OPTIONS = ("-compression_level", "7")
"""LAME without noise shaping (its -q 7, "fast, ok quality"). Its default (-q 5) shapes the
noise by raising bands a scalefactor step (1.5 dB) at a time, and a transient's peak comes out
up to 2.1 dB over the WAV's, whatever the bitrate (measured on Alice's twelve chapters at 64,
80 and 96 kbit/s): no headroom short of that keeps a -1 dBTP ceiling. Without: peaks at
most 0.45 dB over, a 5 dB better waveform signal-to-noise ratio (24 against 19 dB), the same
size, and half the encoding time."""

MP3_MAKE_UP_DB = -20 * math.log10(0.95)
"""LAME scales what it encodes by 0.95 (-0.446 dB): a steady tone decodes 0.446 dB lower at
any bitrate, quality and sample rate, and a book's MP3 episodes measured 0.4-0.5 LU under
their WAVs (bench/README.md). The other codecs keep the level (within 0.005 dB)."""

CODECS = {
    "mp3": Codec("mp3", "libmp3lame", "64k", MP3_OPTIONS, make_up_db=MP3_MAKE_UP_DB),
    "ogg": Codec("ogg", "libopus", "48k"),
    "opus": Codec("ogg", "libopus", "48k"),
    "m4b": Codec("ipod", "aac", "64k", AAC_OPTIONS),
    "m4a": Codec("ipod", "aac", "64k", AAC_OPTIONS),
    # a bare ADTS stream: a book's episodes in it join into one .m4b without re-encoding
    "aac": Codec("adts", "aac", "64k", AAC_OPTIONS),
}


def ffmpeg_file(path: str | os.PathLike) -> str:
    """A file's path as ffmpeg is to read it: a file, never an option or another protocol
    ("-out/story.mp3", a build's -o -out, was read as an option: "Option not found"; a name
    such as "http:x.wav" would be a URL)."""
    return "file:" + os.fspath(path)


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


def awaited_child() -> dict:
    """Popen's keywords for an ffmpeg drama awaits: ended when drama dies (die_with_parent),
    and in a process group of its own, so the Ctrl-C a terminal sends its whole foreground
    group is drama's alone to handle. (A book stopped once its segments were spoken said it
    would write the episodes being encoded, and their ffmpeg died of that same Ctrl-C, the
    episodes unwritten: walk34.)"""
    return {"preexec_fn": die_with_parent(), "process_group": 0}


def format_of(path: str | os.PathLike) -> str:
    """The audio format a file name asks for, or a RenderError naming the known ones."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if os.fspath(path) == "-":
        raise RenderError("audio is not written to standard output: give a file name ending "
                          f"in one of {', '.join('.' + f for f in FORMATS)}", path="-")
    if fmt not in FORMATS:
        raise RenderError(f"unknown audio format {fmt or '(none)'!r}; use one of "
                          f"{', '.join('.' + f for f in FORMATS)}", path=str(path))
    return fmt


def _escape(value: str) -> str:
    """value as an FFMETADATA1 value; a backslash that ends it is left out: ffmpeg reads
    an escaped one there (`A\\\\`) as a line going on, and the next line (the artist tag,
    the next chapter's mark) was swallowed into it."""
    value = value.rstrip("\\")
    for ch in "\\=;#\n":
        value = value.replace(ch, "\\" + ch)
    return value


@dataclass(frozen=True)
class Album:
    """The book an episode is one of, as its audio's tags name it: the album, the book's
    title, and the track, the episode's number in it (two books' "Chapter I" copied to a
    phone are told apart, and play in the book's order)."""

    title: str
    track: int

    def recorded(self) -> dict:
        """As a render manifest records it."""
        return {"album": self.title, "track": self.track}


def ffmetadata(title: str, artist: str | None, chapters: list[tuple[float, float, str]],
               album: Album | None = None) -> str:
    """An FFMETADATA1 document with tags and chapters (start s, end s, title)."""
    out = [";FFMETADATA1", f"title={_escape(title)}"]
    if artist:
        out.append(f"artist={_escape(artist)}")
    if album is not None:
        out += [f"album={_escape(album.title)}"] if album.title.strip() else []
        out.append(f"track={album.track}")
    for start, end, name in chapters:
        out += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(start * 1000))}",
                f"END={int(round(end * 1000))}", f"title={_escape(name)}"]
    return "\n".join(out) + "\n"


def encode(wav: Path, dest: Path, fmt: str, *, title: str, artist: str | None = None,
           chapters: list[tuple[float, float, str]] = (), bitrate: str | None = None,
           ceiling_db: float | None = None, shown: Path | None = None,
           album: Album | None = None) -> float:
    """Encode wav into dest (written as given: the caller renames it into place); the gain
    in dB applied on the way (0 unless the encoder's own peaks needed it).

    With `ceiling_db`, the decoded file's true peak is measured, and where the encoder
    overshot the ceiling (lossy codecs add peaks, by an amount that varies with the audio)
    the file is encoded again that much quieter, with a little to spare. Errors name
    `shown` (the file dest will become) rather than dest.
    """
    gain = 0.0
    tags = ffmetadata(title, artist, list(chapters), album)
    for attempt in range(PEAK_ATTEMPTS):
        _encode(wav, dest, fmt, tags, bool(chapters), bitrate, gain, shown or dest)
        if ceiling_db is None:
            return gain
        over = decoded_true_peak_db(dest, above_db=ceiling_db) - ceiling_db
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


SCREEN_BLOCK = 256
"""Samples per block whose plain peak decides whether the block is oversampled at all."""
SCREEN_MARGIN_DB = 3.0
"""A block whose samples all stay this far under the level asked about is not oversampled:
between samples, audio band-limited as a decoder's output is rises far less than that."""


DECODE_READ_BYTES = 1 << 18
"""Decoded audio measured at a time: 65,536 float samples, their oversampled copies a few MB."""


def decoded_true_peak_db(path: Path, above_db: float | None = None) -> float:
    """The true peak (dBTP) of an audio file as a player decodes it, streamed through ffmpeg
    in float, so memory stays bounded and nothing clips.

    With `above_db`, only what could pass that level is measured exactly (blocks whose
    samples reach within SCREEN_MARGIN_DB of it): the answer is exact above `above_db`,
    and under it no more than a lower bound. That is what checking a ceiling needs, at a
    fraction of the cost.
    """
    import numpy as np
    floor = None if above_db is None else 10 ** ((above_db - SCREEN_MARGIN_DB) / 20)
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error",
           "-i", ffmpeg_file(path), "-ac", "1", "-f", "f32le", "-c:a", "pcm_f32le", "-"]
    # each chunk is measured with EDGE samples of its neighbours on either side, and only
    # where the interpolator reaches no further than the samples at hand
    peak, tail, first = 0.0, np.zeros(0, np.float32), True
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          **awaited_child()) as proc:
        assert proc.stdout is not None
        while True:
            data = proc.stdout.read(DECODE_READ_BYTES)
            last = not data
            x = np.concatenate([tail, np.frombuffer(data[: len(data) // 4 * 4], "<f4")])
            lo, hi = (0 if first else EDGE), (len(x) if last else len(x) - EDGE)
            if hi > lo:
                peak = max(peak, _true_peak(x, lo, hi, floor))
            if last:
                break
            if len(x) >= 2 * EDGE:
                tail, first = x[-2 * EDGE:], False
            else:
                tail = x  # too short to cut: measured again with what follows
    if proc.returncode != 0:
        raise RenderError("could not decode the encoded audio to check its peaks", path=str(path))
    return 20 * np.log10(peak) if peak > 0 else -np.inf


def _true_peak(x, lo: int, hi: int, floor: float | None) -> float:
    """The largest oversampled magnitude of x[lo:hi] (x holding EDGE samples more either
    side where there are any); with `floor`, blocks whose samples stay under it count by
    their plain peak only."""
    import numpy as np

    from .loudness import block_true_peaks
    if floor is None:
        return float(block_true_peaks(x, 1, DELIVERED_OVERSAMPLE)[lo:hi].max())
    n = hi - lo
    blocks = -(-n // SCREEN_BLOCK)
    plain = np.zeros(blocks * SCREEN_BLOCK, np.float32)
    np.abs(x[lo:hi], out=plain[:n])
    block_peak = plain.reshape(blocks, SCREEN_BLOCK).max(axis=1)
    peak = float(block_peak.max()) if blocks else 0.0
    hot = np.flatnonzero(block_peak >= floor)
    if not len(hot):
        return peak
    # runs of hot blocks, each measured with its neighbours' samples at hand
    breaks = np.flatnonzero(np.diff(hot) > 1)
    for first, last in zip(np.r_[hot[0], hot[breaks + 1]], np.r_[hot[breaks], hot[-1]]):
        a, b = lo + first * SCREEN_BLOCK, min(hi, lo + (last + 1) * SCREEN_BLOCK)
        wa, wb = max(0, a - EDGE), min(len(x), b + EDGE)
        tp = block_true_peaks(x[wa:wb], 1, DELIVERED_OVERSAMPLE)[a - wa:b - wa]
        peak = max(peak, float(tp.max()))
    return peak


def _encode(wav: Path, dest: Path, fmt: str, tags: str, chapters: bool, bitrate: str | None,
            gain_db: float, shown: Path) -> None:
    """One encoding of wav into dest at gain_db, with the file's tags (an ffmetadata text,
    with chapter marks when chapters is true); errors name shown."""
    codec = CODECS[fmt]
    meta = dest.with_name(dest.name + ".ffmeta")
    meta.write_text(tags, encoding="utf-8")
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
           "-i", ffmpeg_file(wav), "-f", "ffmetadata", "-i", ffmpeg_file(meta),
           "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1",
           *codec.args(bitrate)]
    gain_db += codec.make_up_db
    if gain_db:
        cmd += ["-af", f"volume={gain_db:.4f}dB"]
    if fmt == "mp3":
        cmd += ["-id3v2_version", "3"]
    cmd += ["-f", codec.muxer, ffmpeg_file(dest)]
    try:
        with ENCODER_SLOTS:
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                                  **awaited_child())
    finally:
        meta.unlink(missing_ok=True)
    if proc.returncode != 0 or not dest.exists() or dest.stat().st_size == 0:
        err = [ln.replace(ffmpeg_file(dest), str(shown)).replace(str(dest), str(shown))
               for ln in (proc.stderr or "").strip().splitlines()]
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
            make_up = ["-af", f"volume={codec.make_up_db:.4f}dB"] if codec.make_up_db else []
            AudioSegment.from_wav(str(wav)).export(str(tmp), format=codec.muxer,
                                                   codec=codec.codec, bitrate=codec.bitrate,
                                                   parameters=[*codec.options, *make_up])
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
