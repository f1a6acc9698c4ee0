"""Script + casting -> audio: synthesize each line (cached by content), stitch with pauses."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..casting import Casting
from ..engines import Engine
from ..errors import RenderError
from ..model import Script

log = logging.getLogger(__name__)

SAMPLE_RATE = 22050


@dataclass(frozen=True)
class Pauses:
    """Silence, in seconds, placed between lines by context."""

    same_speaker: float = 0.25
    speaker_change: float = 0.45
    paragraph: float = 0.7
    head: float = 0.75
    tail: float = 2.0


@dataclass
class RenderResult:
    """What a render did: where it wrote and how much it synthesized."""

    audio: list[str]
    manifest: str
    synthesized: int
    reused: int
    duration: float


def segment_key(engine: Engine, text: str, settings) -> str:
    """A hash of everything that shapes a segment's sound."""
    blob = json.dumps([engine.name, engine.version, text, settings.voice, settings.rate,
                       settings.pitch, round(settings.volume, 3)], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("DRAMA_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "drama")
    return Path(base) / "segments"


def _gap(prev, line, source_text: str | None, pauses: Pauses) -> float:
    if source_text is not None and 0 <= prev.end <= line.start <= len(source_text):
        if "\n\n" in source_text[prev.end:line.start].replace("\r", ""):
            return pauses.paragraph
    return pauses.same_speaker if prev.speaker == line.speaker else pauses.speaker_change


def render_script(script: Script, casting: Casting, engine: Engine, out: str | os.PathLike,
                  *, cache_dir: str | os.PathLike | None = None, source_text: str | None = None,
                  pauses: Pauses = Pauses(), extra_formats: tuple[str, ...] = (),
                  progress: Callable[[int, int], None] | None = None) -> RenderResult:
    """Render a script to a WAV file at out (plus extra_formats such as 'mp3') and a manifest."""
    out = Path(out)
    if out.suffix.lower() != ".wav":
        extra_formats = (out.suffix.lower().lstrip("."), *extra_formats)
        out = out.with_suffix(".wav")
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    lines = [ln for ln in script.lines if ln.text.strip()]
    synthesized = reused = 0
    segments: list[Path] = []
    for i, line in enumerate(lines):
        entry = casting.entry_for(line.speaker)
        if entry is None:
            raise RenderError(f"speaker {line.speaker!r} has no voice; run `drama cast`",
                              path=casting.path)
        settings = entry.settings()
        key = segment_key(engine, line.text, settings)
        seg = cache / key[:2] / f"{key}.wav"
        if seg.exists() and seg.stat().st_size > 44:
            reused += 1
        else:
            seg.parent.mkdir(parents=True, exist_ok=True)
            tmp = seg.with_name(f".{seg.name}.{os.getpid()}.tmp.wav")
            engine.synthesize(line.text, settings, str(tmp))
            os.replace(tmp, seg)
            synthesized += 1
        segments.append(seg)
        if progress:
            progress(i + 1, len(lines))

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(f".{out.name}.tmp")
    manifest_lines = []
    try:
        with wave.open(str(tmp_out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SAMPLE_RATE)
            frames = 0

            def silence(seconds: float) -> None:
                nonlocal frames
                n = int(seconds * SAMPLE_RATE)
                w.writeframes(b"\x00\x00" * n)
                frames += n

            silence(pauses.head)
            for i, (line, seg) in enumerate(zip(lines, segments)):
                if i:
                    silence(_gap(lines[i - 1], line, source_text, pauses))
                with wave.open(str(seg), "rb") as r:
                    if r.getframerate() != SAMPLE_RATE or r.getsampwidth() != 2 or r.getnchannels() != 1:
                        raise RenderError(f"segment {seg} is not 22.05 kHz mono 16-bit")
                    data = r.readframes(r.getnframes())
                start = frames / SAMPLE_RATE
                w.writeframes(data)
                frames += len(data) // 2
                manifest_lines.append({"index": i, "speaker": line.speaker, "kind": line.kind,
                                       "text": line.text, "start": round(start, 3),
                                       "end": round(frames / SAMPLE_RATE, 3),
                                       "source_start": line.start, "source_end": line.end})
            silence(pauses.tail)
        duration = frames / SAMPLE_RATE
        os.replace(tmp_out, out)
    finally:
        if tmp_out.exists():
            tmp_out.unlink()
    written = [str(out)]
    for fmt in extra_formats:
        if fmt and fmt != "wav":
            written.append(str(encode(out, out.with_suffix(f".{fmt}"), fmt)))
    manifest = out.with_suffix(".manifest.json")
    tmp_manifest = manifest.with_name(f".{manifest.name}.tmp")
    tmp_manifest.write_text(json.dumps({"title": script.title, "audio": out.name,
                                        "duration": round(duration, 3),
                                        "lines": manifest_lines}, ensure_ascii=False, indent=1),
                            encoding="utf-8")
    os.replace(tmp_manifest, manifest)
    return RenderResult(audio=written, manifest=str(manifest), synthesized=synthesized,
                        reused=reused, duration=duration)


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


BITRATES = {"mp3": "96k", "ogg": "64k", "m4b": "64k", "m4a": "64k"}
CODECS = {"mp3": ("mp3", None), "ogg": ("ogg", "libopus"), "m4b": ("mp4", "aac"),
          "m4a": ("mp4", "aac")}


def encode(wav: Path, dest: Path, fmt: str) -> Path:
    """Encode a WAV to a compressed format through pydub and ffmpeg, atomically."""
    if fmt not in CODECS:
        raise RenderError(f"unknown audio format {fmt!r}; known: wav, {', '.join(CODECS)}",
                          path=str(dest))
    import warnings
    with warnings.catch_warnings():
        # pydub warns at import when ffmpeg is not on PATH; we point it at one below
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_path()
    container, codec = CODECS[fmt]
    tmp = dest.with_name(f".{dest.stem}.tmp{dest.suffix}")
    try:
        seg = AudioSegment.from_wav(str(wav))
        seg.export(str(tmp), format=container, codec=codec, bitrate=BITRATES[fmt])
        os.replace(tmp, dest)
    except RenderError:
        raise
    except Exception as exc:
        raise RenderError(f"could not encode {fmt}: {exc}", path=str(dest)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest
