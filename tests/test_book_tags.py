"""A book's episode files name their book: album (the book's title) and track (the episode's
number), however the episode is encoded: `drama build`, `drama render` of the episode, the
studio, and a text built whole (walk38: `title: Part I` only, and two books' "Chapter I"
copied to a phone mixed)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from render_util import probe
from test_book_series import _studio_render, build, text_book

from drama.cli import app
from drama.render.encode import Album, ffmetadata


def _tag(audio: Path, name: str) -> str | None:
    found = re.search(rf"(?im)^\s*{name}\s*:\s*(.*)$", probe(audio))
    return found.group(1).strip() if found else None


def _album(audio: Path) -> tuple[str | None, str | None]:
    return _tag(audio, "album"), _tag(audio, "track")


def test_the_album_and_track_are_written_as_ffmpeg_reads_tags():
    meta = ffmetadata("Chapter I", None, [], Album("River = Days; #1", 2))
    assert meta.splitlines()[1:] == ["title=Chapter I", "album=River \\= Days\\; \\#1",
                                     "track=2"]
    assert ffmetadata("Chapter I", None, [], Album(" ", 1)).splitlines()[1:] == [
        "title=Chapter I", "track=1"]  # a script titled by nothing: no empty album


def test_every_path_that_encodes_a_books_episode_tags_its_album_and_track(
        runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    folder = out / "river-days"
    names = ["001-chapter-i", "002-chapter-ii", "003-chapter-iii"]
    assert [_album(folder / f"{n}.mp3") for n in names] == [
        ("River Days", "1"), ("River Days", "2"), ("River Days", "3")]
    rendered = runner.invoke(app, ["render", str(folder / "002-chapter-ii.script.yaml"),
                                   "--engine", "tone", "--casting", str(casting), "--force"])
    assert rendered.exit_code == 0, rendered.output
    assert _album(folder / "002-chapter-ii.mp3") == ("River Days", "2")
    (folder / "003-chapter-iii.mp3").unlink()  # the studio writes it again
    _studio_render(folder, casting, "003-chapter-iii")
    assert _album(folder / "003-chapter-iii.mp3") == ("River Days", "3")
    # a text built whole: a book of one episode
    alone = tmp_path / "cold.txt"
    alone.write_text('Title: Cold\n\n"Is it cold?" asked Tom.\n\n"It is," said Mary.\n',
                     encoding="utf-8")
    build(runner, alone, tmp_path / "one", casting)
    assert _album(tmp_path / "one" / "cold.mp3") == ("Cold", "1")


def test_a_book_built_before_albums_is_not_encoded_again_for_them_but_a_new_title_is(
        runner, tmp_path, monkeypatch):
    """The album is no part of the audio's fingerprints: a book built before albums were
    tagged keeps its files (its manifests record no album) until an episode is rendered
    again; one whose files carry an album is tagged again when the book is retitled."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    folder = out / "river-days"
    retitled = build(runner, src, out, casting, "--title", "Days on the River")
    assert "3 episodes (3 rendered)" in retitled.output
    assert _album(folder / "002-chapter-ii.mp3") == ("Days on the River", "2")
    assert "3 episodes (0 rendered)" in build(runner, src, out, casting).output
    for manifest in folder.glob("*.manifest.json"):  # as a render before albums wrote it
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        del doc["render"]["album"]
        manifest.write_text(json.dumps(doc), encoding="utf-8")
    assert "3 episodes (0 rendered)" in build(runner, src, out, casting).output
    assert "3 episodes (0 rendered)" in build(runner, src, out, casting, "--title",
                                              "River Days").output
    assert "3 episodes (3 rendered)" in build(runner, src, out, casting, "--force").output
    assert _album(folder / "002-chapter-ii.mp3") == ("River Days", "2")
