"""WAV -> MP3, OGG/Opus, M4B (with chapters) through an ffmpeg subprocess, streaming.

ffmpeg reads the finished WAV from disk, so memory does not grow with the episode (pydub would
load the whole file). The binary is the system's or the one bundled by imageio-ffmpeg.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError

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
           chapters: list[tuple[float, float, str]] = (), bitrate: str | None = None) -> None:
    """Encode wav into dest (written as given: the caller renames it into place)."""
    codec = CODECS[fmt]
    meta = dest.with_name(dest.name + ".ffmeta")
    meta.write_text(ffmetadata(title, artist, list(chapters)), encoding="utf-8")
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
           "-i", str(wav), "-f", "ffmetadata", "-i", str(meta),
           "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1",
           "-c:a", codec.codec, "-b:a", bitrate or codec.bitrate]
    if fmt == "mp3":
        cmd += ["-id3v2_version", "3"]
    cmd += ["-f", codec.muxer, str(dest)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        meta.unlink(missing_ok=True)
    if proc.returncode != 0 or not dest.exists() or dest.stat().st_size == 0:
        err = (proc.stderr or "").strip().splitlines()
        raise RenderError(f"could not encode {fmt}: {err[-1] if err else 'ffmpeg failed'}",
                          path=str(dest))


def save_clip(wav: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """A short clip (a preview line) as the format dest's extension names, written atomically.

    A clip fits in memory, so pydub does the conversion; whole episodes go through encode()'s
    streaming ffmpeg instead.
    """
    dest = Path(dest)
    fmt = format_of(dest)
    tmp = dest.with_name(f".{dest.stem}.tmp{os.getpid()}{dest.suffix}")
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
        os.replace(tmp, dest)
    except RenderError:
        raise
    except Exception as exc:
        raise RenderError(f"could not write the {fmt} clip: {exc}", path=str(dest)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest
