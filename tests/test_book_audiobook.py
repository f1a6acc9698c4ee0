"""drama/book/audiobook.py: the .m4b's chapters as players read them."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from render_util import probe, recording_ffmpeg

from drama.book import audiobook
from drama.book.audiobook import Part, write_audiobook
from drama.errors import RenderError
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


def test_the_join_is_out_of_the_terminals_process_group(tmp_path, monkeypatch):
    """A Ctrl-C during the .m4b's join, sent to the terminal's whole foreground group, killed
    its ffmpeg (walk34): it runs in a group of its own, as the episodes' encoder does."""
    import os
    seen = recording_ffmpeg(tmp_path, audiobook, monkeypatch)
    _silent_aac(tmp_path / "0.aac", 2)
    write_audiobook([Part(tmp_path / "0.aac", "One")], tmp_path / "book.m4b", title="A",
                    author=None)
    (_, group), = [line.split() for line in seen.read_text().splitlines()]
    assert group != str(os.getpgrp()), "the join's ffmpeg shares drama's process group"
    assert (tmp_path / "book.m4b").stat().st_size > 0


def test_a_stopped_join_leaves_the_good_book_and_no_ffmpeg(tmp_path, monkeypatch):
    """Stopped part-way through feeding the episodes (a Ctrl-C in drama), the join's ffmpeg
    is ended and waited for, its half-written file removed, and the .m4b of the last build
    left as it was (never the half-joined one in its place)."""
    import os
    import time

    import pytest

    _silent_aac(tmp_path / "0.aac", 2)
    dest = tmp_path / "book.m4b"
    write_audiobook([Part(tmp_path / "0.aac", "One")], dest, title="A", author=None)
    good = dest.read_bytes()
    seen = recording_ffmpeg(tmp_path, audiobook, monkeypatch)

    def stopping(stdin, parts, fed):  # a Ctrl-C once ffmpeg runs and part of a file is fed
        stdin.write(parts[0].path.read_bytes()[:1000])
        for _ in range(200):
            if seen.exists():
                break
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(audiobook, "_feed", stopping)
    with pytest.raises(KeyboardInterrupt):
        write_audiobook([Part(tmp_path / "0.aac", "One")] * 2, dest, title="B", author=None)
    assert dest.read_bytes() == good
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    (pid, _), = [line.split() for line in seen.read_text().splitlines()]
    with pytest.raises(ProcessLookupError):     # ended and reaped, not left running
        os.kill(int(pid), 0)


def test_a_join_killed_outright_leaves_temporary_files_the_next_run_sweeps(tmp_path,
                                                                          monkeypatch):
    """hostile35: a build killed (kill -9) in the .m4b's join left `.book.<pid>.tmp.m4b` (a
    whole book's size) and its `.ffmeta` in the book's folder for good: named unlike drama's
    other temporary files, no later run's sweep_leftovers knew them. They are named as
    drama.files.temp_path names them, for this process."""
    import os

    from drama import files
    dead = 4_000_000    # no such process: above Linux's pid_max
    names: list[str] = []

    def killed(cmd, parts, fed):     # the files as a kill -9 in the join leaves them
        Path(cmd[-1].removeprefix("file:")).write_bytes(b"half a book")  # ffmpeg_file(tmp)
        names.extend(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
        for name in names:
            (tmp_path / name.replace(str(os.getpid()), str(dead))).write_bytes(b"x")
        return 1, b"killed"

    monkeypatch.setattr(audiobook, "_run_join", killed)
    _silent_aac(tmp_path / "0.aac", 1)
    with pytest.raises(RenderError):
        write_audiobook([Part(tmp_path / "0.aac", "One")], tmp_path / "book.m4b", title="A",
                        author=None)
    assert len(names) == 2, names   # the join's output and its chapters' metadata
    assert files.sweep_leftovers(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.aac"]


def test_a_title_ending_in_a_backslash_loses_no_tag_and_no_chapter(tmp_path):
    """hostile35: ffmpeg's FFMETADATA reader takes a value ending in an escaped backslash
    (`title=A\\\\`) for a line that goes on: an EPUB titled "A\\" lost its .m4b's artist
    tag into the title, and a chapter so titled swallowed the next chapter's mark. A
    backslash that ends a value is left out of the tags."""
    parts = []
    for i, name in enumerate(("One\\", "Two")):
        _silent_aac(tmp_path / f"{i}.aac", 2)
        parts.append(Part(tmp_path / f"{i}.aac", name))
    dest = tmp_path / "book.m4b"
    write_audiobook(parts, dest, title="A Book\\\\", author="Ann Writer")
    info = probe(dest)
    found = re.findall(r"Chapter #0:\d+: start [\d.]+, end [\d.]+\s+Metadata:\s+title\s+: (.+)",
                       info)
    assert found == ["One", "Two"], info
    assert re.search(r"\n\s+title\s+: A Book\n", info) and re.search(r"artist\s+: Ann Writer",
                                                                    info), info


@pytest.mark.parametrize("author", ["Ann Writer", None])
def test_the_audiobook_is_its_books_album_with_or_without_an_author(tmp_path, author):
    """walk38: a book naming no author (Daisy Miller's text has no `Author:` line) was
    joined with a title tag and no album: the libraries that file an audiobook by its
    album (Audiobookshelf, Plex, a phone's music player) showed it untitled or by its
    file's name. The album is the book's title whether or not an author is known."""
    _silent_aac(tmp_path / "0.aac", 2)
    dest = tmp_path / "book.m4b"
    write_audiobook([Part(tmp_path / "0.aac", "Part I")], dest, title="Daisy Miller",
                    author=author)
    info = probe(dest)
    assert re.search(r"\n\s+album\s+: Daisy Miller\n", info), info
    assert bool(re.search(r"album_artist\s+: Ann Writer", info)) == (author is not None), info
