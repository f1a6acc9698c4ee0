"""The audiobook: one .m4b joined from the episodes' AAC, with a chapter mark per episode.

Each episode is encoded once to AAC in an ADTS stream (`<episode>.aac`), which needs no
container: ADTS streams played one after another are one stream. The book is those files
fed in order through an ffmpeg that copies the audio into an MP4 (no re-encoding), adding
the title, author, cover and chapters. Chapter times come from counting each part's ADTS
frames (1024 samples each), so they fall exactly where each episode starts as played. Only
one read buffer of audio is ever in memory.
"""
from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import RenderError
from ..files import temp_path
from ..render.encode import awaited_child, ffmetadata, ffmpeg_file, ffmpeg_path

ADTS_RATES = (96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
              8000, 7350)
CHUNK = 1 << 20

Fed = Callable[[int, int], None]
"""Told (bytes of the parts fed to the join so far, bytes of all)."""


@dataclass(frozen=True)
class Part:
    """One episode's AAC stream and its chapter title."""

    path: Path
    title: str


def adts_duration(path: str | os.PathLike) -> float:
    """Seconds of audio an ADTS AAC file decodes to (its frames times 1024 samples), or a
    RenderError when it is not ADTS."""
    samples, rate = 0, None
    with open(path, "rb") as f:
        while True:
            head = f.read(7)
            if len(head) < 7:
                break
            if head[0] != 0xFF or head[1] & 0xF0 != 0xF0:
                raise RenderError("not an ADTS AAC stream", path=str(path))
            rate = ADTS_RATES[(head[2] >> 2) & 0x0F]
            length = ((head[3] & 0x03) << 11) | (head[4] << 3) | (head[5] >> 5)
            blocks = (head[6] & 0x03) + 1
            if length < 7:
                raise RenderError("a broken ADTS frame", path=str(path))
            samples += 1024 * blocks
            f.seek(length - 7, os.SEEK_CUR)
    if rate is None:
        raise RenderError("an empty AAC stream", path=str(path))
    return samples / rate


def chapter_marks(parts: list[Part]) -> list[tuple[float, float, str]]:
    """(start, end, title) of each part in the joined book."""
    marks, pos = [], 0.0
    for part in parts:
        length = adts_duration(part.path)
        marks.append((pos, pos + length, part.title))
        pos += length
    return marks


def _run_join(cmd: list[str], parts: list[Part], fed: Fed | None) -> tuple[int, bytes]:
    """Run the join's ffmpeg, fed the parts' AAC in order: (its exit status, its stderr).
    It runs in a process group of its own (awaited_child), so a terminal's Ctrl-C reaches
    drama alone (walk34: it killed the join); stopped all the same (a Ctrl-C in drama, an
    error), ffmpeg is ended and waited for before the exception goes on, so nothing writes
    the half-joined file once the caller has removed it."""
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                          **awaited_child()) as proc:
        errors: list[bytes] = []
        reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()),
                                  daemon=True)
        reader.start()
        try:
            _feed(proc.stdin, parts, fed)
            proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        reader.join()
    return proc.returncode, b"".join(errors)


def _feed(stdin, parts: list[Part], fed: Fed | None) -> None:
    """Write the parts' AAC into ffmpeg's stdin, one read buffer at a time, and close it
    (ffmpeg gone early is told by its exit status); `fed` told the bytes written so far
    after each buffer, and of all first (ffmpeg takes them at the pace it copies them)."""
    total = sum(os.path.getsize(part.path) for part in parts) if fed else 0
    done = 0
    try:
        if fed:
            fed(done, total)
        for part in parts:
            with open(part.path, "rb") as f:
                while chunk := f.read(CHUNK):
                    stdin.write(chunk)
                    done += len(chunk)
                    if fed:
                        fed(done, total)
    except BrokenPipeError:
        pass
    finally:
        try:
            stdin.close()
        except BrokenPipeError:
            pass


def write_audiobook(parts: list[Part], dest: Path, *, title: str, author: str | None,
                    cover: Path | None = None, fed: Fed | None = None
                    ) -> list[tuple[float, float, str]]:
    """Join the parts into dest (.m4b), written under a temporary name and renamed into
    place; returns the chapter marks. `fed`: told (bytes fed to the join, of all) as it
    goes, for the build's time left."""
    if not parts:
        raise RenderError("no episode to make an audiobook of", path=str(dest))
    if fed:  # the join has begun: counting the chapters' frames takes seconds of a novel
        fed(0, sum(os.path.getsize(part.path) for part in parts))
    marks = chapter_marks(parts)
    # named as drama's other temporary files, so a run after a kill -9 here removes them
    tmp, meta = temp_path(dest, ".m4b"), temp_path(dest, ".ffmeta")
    meta.write_text(ffmetadata(title, author, marks), encoding="utf-8")
    cmd = [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
           "-f", "aac", "-i", "pipe:0", "-f", "ffmetadata", "-i", ffmpeg_file(meta)]
    if cover is not None:
        cmd += ["-i", ffmpeg_file(cover), "-map", "2:v", "-c:v", "copy",
                "-disposition:v", "attached_pic"]
    cmd += ["-map", "0:a", "-c:a", "copy", "-map_metadata", "1", "-map_chapters", "1"]
    # the QuickTime chapter track (what Apple's players read) is timed in the movie's units:
    # left to ffmpeg they are 1/28,224,000 s, and a chapter over 76 s overflows, garbling the
    # track (its first chapters dropped or repeated); milliseconds, as the chapter marks are
    cmd += ["-movie_timescale", "1000"]
    # the album is the book whether or not it names an author: libraries file an audiobook
    # by its album (Audiobookshelf, Plex, a phone's music player)
    cmd += ["-metadata", f"album={title}"]
    if author:
        cmd += ["-metadata", f"album_artist={author}"]
    cmd += ["-f", "ipod", ffmpeg_file(tmp)]
    try:
        status, errors = _run_join(cmd, parts, fed)
        if status != 0 or not tmp.exists():
            err = errors.decode(errors="replace").strip().splitlines()
            raise RenderError("could not write the audiobook: "
                              + (err[-1] if err else "ffmpeg failed"), path=str(dest))
        os.replace(tmp, dest)
    finally:
        meta.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return marks
