"""drama/book/audiobook.py: the .m4b's chapters as players read them."""
from __future__ import annotations

import re
import subprocess

from render_util import probe

from drama.book.audiobook import Part, write_audiobook
from drama.render.encode import ffmpeg_path


def _silent_aac(path, seconds: int) -> None:
    subprocess.run([ffmpeg_path(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "anullsrc=r=24000:cl=mono", "-t", str(seconds), "-c:a", "aac", "-b:a", "16k",
                    "-f", "adts", str(path)], check=True)


def test_chapters_longer_than_76_seconds_keep_the_quicktime_chapter_track(tmp_path):
    """hostile32: the bundled ffmpeg wrote every chapter's duration into the QuickTime chapter
    track in units of 1/28,224,000 s, so a chapter longer than 76 s overflowed, the track was
    dropped (the Nero chapters stayed) and Apple's players, which read that track, showed no
    chapters; ffmpeg reading the file back said "Referenced QT chapter track not found"."""
    parts = []
    for i, seconds in enumerate((80, 5, 90)):
        _silent_aac(tmp_path / f"{i}.aac", seconds)
        parts.append(Part(tmp_path / f"{i}.aac", f"Chapter {i + 1}"))
    dest = tmp_path / "book.m4b"
    marks = write_audiobook(parts, dest, title="A Book", author="Ann Writer")
    info = probe(dest)
    assert "Referenced QT chapter track not found" not in info
    assert re.search(r"Stream #0:1.*: Data: bin_data \(text", info), info   # the chapter track
    found = re.findall(r"Chapter #0:\d+: start ([\d.]+), end ([\d.]+)\s+Metadata:\s+"
                       r"title\s+: (.+)", info)
    assert [t for _, _, t in found] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    for (start, end, _), (s, e, _) in zip(found, marks):
        assert abs(float(start) - s) < 0.01 and abs(float(end) - e) < 0.01
