"""drama build BOOK: a series per book, the .m4b, book.json, the feed, reruns, serve, cache."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import urllib.request
from pathlib import Path

import feedparser
import pytest
from epub_util import make_epub
from render_util import probe
from typer.testing import CliRunner

from drama.cli import app
from drama.scriptfile import load_script, save_script

PROSE = ("The river ran past the old stone houses, and the people who lived in them talked "
         "of the weather and of the harvest and of the long winter to come.")


def text_book(path: Path, chapters: int = 3) -> Path:
    parts = ["Title: River Days", "", "Author: Ann Writer", "", ""]
    for n, name in enumerate(["I", "II", "III", "IV"][:chapters], 1):
        parts += [f"CHAPTER {name}.", "", PROSE, "", f'"Is it chapter {n}?" asked Tom.', "",
                  '"It is," said Mary.', "", ""]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def build(runner, src, out, casting, *extra):
    result = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                 "--casting", str(casting), *extra])
    assert result.exit_code == 0, result.output
    return result


def built_river_days(runner, tmp_path, monkeypatch, spoken):
    """River Days (three chapters) built into tmp_path/out from tmp_path, its segments from
    `spoken`, its cache in tmp_path/cache: (the source, out, the casting file)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    return src, out, casting


@pytest.fixture(scope="module")
def _spoken_books(tmp_path_factory):
    """The segment cache of River Days (of n chapters) built once for the module, in a
    folder of its own: {chapters: its cache's segments folder}, made when first asked for."""
    made = {}

    def segments(chapters: int) -> Path:
        if chapters not in made:
            root = tmp_path_factory.mktemp(f"spoken-{chapters}")
            with pytest.MonkeyPatch.context() as env:
                for var, name in (("DRAMA_CACHE", "cache"), ("DRAMA_VOICES", "voices")):
                    env.setenv(var, str(root / name))
                env.setenv("DRAMA_LEXICON", os.devnull)
                build(CliRunner(), text_book(root / "river-days.txt", chapters),
                      root / "out", root / "voices.yaml")
            made[chapters] = root / "cache" / "segments"
        return made[chapters]
    return segments


@pytest.fixture
def spoken(_spoken_books, tmp_path):
    """spoken(n): this test's segment cache (tmp_path/cache, conftest's _isolated_cache)
    given the segments and encoder headroom of River Days of n chapters, as its own first
    build would leave them: that build then speaks nothing (no workers spawned, no headroom
    measured, ~3 s of CPU saved). For the tests whose first build is only the setup of what
    they check; a test that checks what a first build synthesizes builds without it."""
    def seed(chapters: int = 3) -> None:
        shutil.copytree(_spoken_books(chapters), tmp_path / "cache" / "segments")
    return seed


def test_a_folder_with_an_epub_and_a_text_novel_builds_both_series(runner, tmp_path):
    books = tmp_path / "books"
    books.mkdir()
    make_epub(books / "small.epub")
    text_book(books / "river-days.txt")
    out = tmp_path / "out"
    build(runner, books, out, tmp_path / "voices.yaml", "--feed-url", "http://127.0.0.1:8000/")
    for name, count in (("small", 3), ("river-days", 3)):
        folder = out / name
        index = json.loads((folder / "book.json").read_text())
        names = [e["name"] for e in index["episodes"]]
        assert names == sorted(names) and len(names) == count
        assert names[0].startswith("001-chapter-")
        for e in index["episodes"]:
            for f in (e["feed_file"], e["script"], e["manifest"], *e["subtitles"]):
                assert (folder / f).is_file(), f
            assert e["files"][e["feed_file"]] == (folder / e["feed_file"]).stat().st_size
        assert not list(folder.glob("*.wav"))  # no WAV unless asked for
        # the audiobook: one chapter per episode, read back by ffmpeg
        info = probe(folder / f"{name}.m4b")
        titles = re.findall(r"Chapter #0:\d+: start ([\d.]+), end ([\d.]+)\s+Metadata:\s+"
                            r"title\s+: (.+)", info)
        assert [t for _, _, t in titles] == [e["title"] for e in index["episodes"]]
        ends = [float(b) for _, b, _ in titles]
        assert abs(ends[-1] - index["duration"]) < 0.2 * len(ends)
        # the feed, as a podcast app reads it
        feed = feedparser.parse(str(folder / "feed.xml"))
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == index["book"]["title"]
        assert feed.feed.author_detail.name == "Ann Writer"
        assert [x.title for x in feed.entries] == [e["title"] for e in index["episodes"]]
        first = feed.entries[0]
        assert first.enclosures[0].href == f"http://127.0.0.1:8000/{names[0]}.mp3"
        assert int(first.enclosures[0].length) == (folder / f"{names[0]}.mp3").stat().st_size
        assert first.enclosures[0].type == "audio/mpeg"
        assert first.itunes_episode == "1" and first.id.endswith(names[0])
        dates = [x.published_parsed for x in feed.entries]
        assert dates == sorted(dates)
    epub_info = probe(out / "small" / "small.m4b")
    assert "title           : Small Book" in epub_info and "attached pic" in epub_info
    assert (out / "small" / "cover.png").is_file()


def test_rerun_renders_only_the_episode_whose_lines_changed(runner, tmp_path, spoken):
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    folder = out / "river-days"
    m4b_before = (folder / "river-days.m4b").stat().st_mtime_ns
    again = build(runner, src, out, casting)
    assert "0 rendered" in again.output and "synthesized 0 segments" in again.output
    assert (folder / "river-days.m4b").stat().st_mtime_ns == m4b_before
    # walk31: the line named the .m4b alike whether it was written again or kept
    assert f"{folder}: 3 episodes (0 rendered), river-days.m4b up to date" in again.output
    script_path = folder / "002-chapter-ii.script.yaml"
    script = load_script(script_path)
    line = next(ln for ln in script.lines if ln.kind == "dialogue")
    line.speaker = "Mary"  # a person fixes a speaker in chapter 2
    save_script(script, script_path)
    edited = build(runner, src, out, casting)
    assert "1 rendered), river-days.m4b written" in edited.output
    index = json.loads((folder / "book.json").read_text())
    assert [e["up_to_date"] for e in index["episodes"]] == [True, False, True]
    assert (folder / "river-days.m4b").stat().st_mtime_ns != m4b_before
    assert load_script(script_path).lines[line_index(script, line)].speaker == "Mary"


def test_a_rebuild_names_the_voices_that_changed(runner, tmp_path, spoken):
    """A build after a voice's edit in voices.yaml said which episodes it rendered, never why
    (walk34): it names the voices whose settings changed, and what in them; a build with
    none changed says nothing of voices."""
    import yaml
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    first = build(runner, src, out, casting)
    assert "voices changed" not in first.output
    cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
    cast["speakers"]["Tom"]["rate"] = cast["speakers"]["Tom"].get("rate", 170) + 20
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    again = build(runner, src, out, casting)
    said = f"{out / 'river-days'}: voices changed: Tom (rate)"
    assert said in again.output, again.output
    # said before the render, so a person waiting on it knows why (it came with the summary)
    assert again.output.index(said) < again.output.index(" wrote "), again.output
    assert "synthesized 2 segments" in again.output     # Tom's line in each chapter
    assert "voices changed" not in build(runner, src, out, casting).output
    index = json.loads((out / "river-days" / "book.json").read_text(encoding="utf-8"))
    del index["voices"]                                  # an earlier drama's book.json
    (out / "river-days" / "book.json").write_text(json.dumps(index), encoding="utf-8")
    cast["speakers"]["Tom"]["rate"] += 20
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    assert "voices changed" not in build(runner, src, out, casting).output


def test_a_rebuild_names_the_words_whose_pronunciation_changed(runner, tmp_path, spoken):
    """A lexicon edit spoke lines again without a word of why (walk34, fix34b): the build
    names the words added, changed or removed, before the render; nothing when the lexicon
    is as before, or when the last build's book.json has no record of it."""
    import yaml
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    assert "pronunciations changed" not in build(runner, src, out, casting).output

    def lexicon(entries: dict) -> None:
        cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
        cast["lexicon"] = entries
        casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    lexicon({"harvest": "harvist", "winter": "wintur"})
    again = build(runner, src, out, casting)
    said = f"{folder}: pronunciations changed: harvest, winter"
    assert said in again.output, again.output
    assert again.output.index(said) < again.output.index(" wrote "), again.output
    assert "synthesized 1 segment," in again.output     # the narration, alike in each chapter
    assert "pronunciations changed" not in build(runner, src, out, casting).output
    lexicon({"winter": "wintah"})                        # harvest removed, winter said anew
    assert f"{folder}: pronunciations changed: harvest, winter" in \
        build(runner, src, out, casting).output
    index = json.loads((folder / "book.json").read_text(encoding="utf-8"))
    del index["lexicon"]                                 # an earlier drama's book.json
    (folder / "book.json").write_text(json.dumps(index), encoding="utf-8")
    lexicon({"winter": "winnter"})
    assert "pronunciations changed" not in build(runner, src, out, casting).output


def test_a_lexicon_entry_the_book_never_says_is_no_change_to_it(runner, tmp_path, monkeypatch,
                                                                spoken):
    """fix36: book.json recorded every entry of the global lexicon (and voices.yaml's), so an
    edit of a word the book never says was "pronunciations changed: Smolny" though nothing
    was spoken again. It records, and compares, the entries the book's lines say."""
    import yaml
    shared = tmp_path / "global-lexicon.yaml"
    monkeypatch.setenv("DRAMA_LEXICON", str(shared))
    shared.write_text("Smolny: smol nee\nwinter: wintur\n", encoding="utf-8")
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
    cast["lexicon"] = {"Trotsky": "TROT-skee"}
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    build(runner, src, out, casting)
    index = json.loads((folder / "book.json").read_text(encoding="utf-8"))
    assert index["lexicon"] == {"winter": "wintur"}
    shared.write_text("Smolny: SMOL-nee\nwinter: wintur\n", encoding="utf-8")
    again = build(runner, src, out, casting)
    assert "pronunciations changed" not in again.output and "0 rendered" in again.output
    shared.write_text("Smolny: SMOL-nee\nwinter: wintah\n", encoding="utf-8")
    assert f"{folder}: pronunciations changed: winter" in \
        build(runner, src, out, casting).output
    index = json.loads((folder / "book.json").read_text(encoding="utf-8"))
    index["lexicon"].update({"Smolny": "SMOL-nee", "": "x"})  # an earlier drama's record
    (folder / "book.json").write_text(json.dumps(index), encoding="utf-8")
    assert "pronunciations changed" not in build(runner, src, out, casting).output
    shared.write_text("Smolny: SMOL-nee\n", encoding="utf-8")  # an entry the book says, gone
    assert f"{folder}: pronunciations changed: winter\n" in \
        build(runner, src, out, casting).output


def test_the_lexicon_record_holds_the_words_as_the_engines_are_given_them(tmp_path):
    """The record follows what is spoken: a title said in full ("Capt." as "Captain") is the
    word "Captain"; skipped matter is never said; an emphasised word is its word."""
    from drama.book.changes import sound_record
    from drama.casting import load_casting
    from drama.model import Line, Script
    p = tmp_path / "voices.yaml"
    p.write_text("narrator: {voice: tone/mid}\nlexicon:\n  Captain: KAP-tin\n"
                 "  Smolny: SMOL-nee\n  Heron: HAIR-on\n  Trotsky: TROT-skee\n",
                 encoding="utf-8")
    lines = [Line("Narrator", "narration", "Capt. Heron came to _Heron_ House.", 0, 10),
             Line("Narrator", "skipped", "Smolny", 11, 17, level="contents")]
    record = sound_record(load_casting(p), [Script("One", lines=lines)])
    assert record["lexicon"] == {"Captain": "KAP-tin", "Heron": "HAIR-on"}


def test_a_build_off_a_terminal_says_each_episode_spoken(runner, tmp_path, monkeypatch):
    """Off a terminal (a log, CI) no bar is drawn, and a 10-chapter build said nothing for
    40 s between its cast and its first episode written (walk34): a line says each episode
    spoken, before it is written; an up-to-date episode is not spoken, and on a terminal
    the bars say it instead."""
    from drama.cli import build as build_cli
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    first = build(runner, src, out, casting).output
    folder = out / "river-days"
    # a segment both say (the narrator's prose) counts in the first
    for number, title, made in ((1, "Chapter I", 6), (2, "Chapter II", 2)):
        said = f"{folder}: episode {number} of 2 ready ({title}): {made} segments synthesized"
        assert said in first, first
        assert first.index(said) < first.index(f"{number} wrote "), first
    assert " ready (" not in build(runner, src, out, casting).output
    monkeypatch.setattr(build_cli, "bars_drawn", lambda: True)
    forced = build(runner, src, out, casting, "--force").output
    assert "2 rendered" in forced and " ready (" not in forced, forced


def test_a_books_progress_counts_the_episodes_still_to_write(runner, tmp_path, monkeypatch):
    """walk36: the bar said "assembling" for minutes while the encoders wrote a backlog of
    episodes: the build's progress tells the episodes not written yet, told again as each is
    written, down to none."""
    from contextlib import contextmanager

    from drama.cli import build as build_cli
    told, joins, ahead = [], [], set()

    @contextmanager
    def recording(label):
        def step(name, done, total, foretold=True, to_write=None, joined=None,
                 join_ahead=None):
            (told if joined is None else joins).append(joined or to_write)
            ahead.add(join_ahead)
        yield step
    monkeypatch.setattr(build_cli, "progress_bar", recording)
    build(runner, text_book(tmp_path / "river-days.txt", chapters=3), tmp_path / "out",
          tmp_path / "voices.yaml")
    assert told[0] == (3, 3) and told[-1] == (0, 3), told
    assert {(2, 3), (1, 3)} <= set(told), told
    # fix39: then the audiobook's join, in bytes fed to it, for the time left
    aac = sum(p.stat().st_size for p in (tmp_path / "out" / "river-days").glob("*.aac"))
    assert joins[0] == (0, aac) and joins[-1] == (aac, aac), joins
    assert 0.0 in ahead  # newcomer41: the join told ahead; a first build, its time unknown


def test_an_episode_whose_labels_changed_is_not_said_synthesized(runner, tmp_path, spoken):
    """walk36: after `drama speakers rename` (labels changed, not one sound) the build said
    "episode 8 of 53 synthesized" of 12 episodes that synthesized nothing: it says each
    ready, its every segment from the cache."""
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    folder = out / "river-days"
    rename = runner.invoke(app, ["speakers", "rename", "Tom", "Thomas", "-s", str(folder),
                                 "-c", str(casting)])
    assert rename.exit_code == 0, rename.output
    again = build(runner, src, out, casting).output
    assert "synthesized 0 segments" in again, again
    assert f"{folder}: episode 1 of 2 ready (Chapter I): every segment from cache" in again
    assert "segments synthesized" not in again, again


def test_a_build_off_a_terminal_says_it_is_checking_the_episodes(runner, tmp_path,
                                                                  monkeypatch, spoken):
    """walk36: off a terminal an up-to-date book's build said nothing for its first 20 s
    (53 episodes checked against their last render): one line says it is checking them,
    first; on a terminal the bars say it instead."""
    from drama.cli import build as build_cli
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    again = build(runner, src, out, casting).output
    said = f"{out / 'river-days'}: checking 2 episodes"
    assert said in again and again.index(said) < again.index("up to date"), again
    monkeypatch.setattr(build_cli, "bars_drawn", lambda: True)
    assert "checking" not in build(runner, src, out, casting).output


def test_book_json_records_the_audiobooks_duration_and_chapters_as_the_file_has_them(
        runner, tmp_path, spoken):
    """walk36: the .m4b was 3.7 s longer than book.json said (Oliver Twist): each episode's
    AAC carries its encoder's priming and padding. book.json's audiobook record holds the
    file's own duration and chapter starts (the episodes' durations stay what each episode
    lasts); kept by a build that does not write the .m4b again, recorded by one after a
    book.json without them (an earlier drama's)."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    index = json.loads((folder / "book.json").read_text(encoding="utf-8"))
    info = probe(folder / "river-days.m4b")
    starts = [float(a) for a in re.findall(r"Chapter #0:\d+: start ([\d.]+)", info)]
    h, m, sec = re.search(r"Duration: (\d+):(\d+):([\d.]+)", info).groups()
    recorded = dict(index["audiobook"])
    assert recorded["chapters"] == pytest.approx(starts, abs=0.0015)
    assert recorded["duration"] == pytest.approx(int(h) * 3600 + int(m) * 60 + float(sec),
                                                 abs=0.011)
    assert recorded["duration"] > index["duration"]  # the AAC's padding, each episode's
    assert recorded["joined_in"] > 0   # the next build's bar foretells its join by it
    del index["audiobook"]["duration"], index["audiobook"]["chapters"]
    (folder / "book.json").write_text(json.dumps(index), encoding="utf-8")
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output
    assert json.loads((folder / "book.json").read_text(encoding="utf-8"))["audiobook"] == \
        recorded
    assert (folder / "river-days.m4b").stat().st_size == recorded["size"]


def test_a_rebuild_names_the_scripts_edited_by_hand(runner, tmp_path, spoken):
    """walk36: a hand edit of one episode's script rendered only that episode again (right),
    and no line said why, where a voice's edit is named: the build names the edited script
    before the render, and nothing when no script changed, nor when the last build's
    book.json has no record of them (an earlier drama's)."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    assert "script changed" not in build(runner, src, out, casting).output
    path = folder / "002-chapter-ii.script.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Tom", "speaker: Mary"),
                    encoding="utf-8")
    edited = build(runner, src, out, casting).output
    said = f"{folder}: 002-chapter-ii script changed"
    assert said in edited and edited.index(said) < edited.index(" wrote "), edited
    assert "1 rendered" in edited, edited
    assert "script changed" not in build(runner, src, out, casting).output
    index = json.loads((folder / "book.json").read_text(encoding="utf-8"))
    del index["scripts"]                                 # an earlier drama's book.json
    (folder / "book.json").write_text(json.dumps(index), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Mary", "speaker: Tom"),
                    encoding="utf-8")
    assert "script changed" not in build(runner, src, out, casting).output


@pytest.mark.parametrize("renderer", ["studio", "drama render"])
def test_a_script_edited_and_rendered_outside_the_build_is_not_said_changed(
        runner, tmp_path, renderer, spoken):
    """walk36/fix37: a script edited, then rendered in the studio (or by `drama render` into
    the book's folder), was named "002-chapter-ii script changed" by the next build, which
    rendered nothing: that render records the script as the build's render would; an edit
    after it is named again."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Tom", "speaker: Mary"),
                    encoding="utf-8")
    if renderer == "studio":
        from drama.studio.actions import render_job
        from drama.studio.project import open_project
        from drama.studio.session import Studio
        studio = Studio(open_project(folder, casting), "tone")
        try:
            render_job(studio, "002-chapter-ii")(None)
        finally:
            studio.close()
    else:
        rendered = runner.invoke(app, ["render", str(path), "--engine", "tone",
                                       "--casting", str(casting)])
        assert rendered.exit_code == 0, rendered.output
    after = build(runner, src, out, casting).output
    assert "script changed" not in after and "3 episodes (0 rendered)" in after, after
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Mary", "speaker: Tom"),
                    encoding="utf-8")
    assert f"{folder}: 002-chapter-ii script changed" in build(runner, src, out, casting).output


def _studio_render(folder: Path, casting: Path, name: str) -> None:
    from drama.studio.actions import render_job
    from drama.studio.project import open_project
    from drama.studio.session import Studio
    studio = Studio(open_project(folder, casting), "tone")
    try:
        render_job(studio, name)(None)
    finally:
        studio.close()


def test_a_studio_render_during_a_build_keeps_its_record_of_the_script(
        runner, tmp_path, monkeypatch, spoken):
    """review37/fix38: the studio's render recorded its episode's script in book.json while
    a build ran, and the build's last write of book.json, from what it read at its start,
    put the old record back: the next build said "002-chapter-ii script changed" and
    rendered nothing. The build now writes book.json holding its lock and keeps the record
    of an episode written and recorded after it left it."""
    import drama.book.series as series
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    original = series._write_book_files

    def studio_meanwhile(*args, **kwargs):  # every episode rendered, book.json not yet
        path.write_text(path.read_text(encoding="utf-8").replace("speaker: Tom",
                                                                 "speaker: Mary"),
                        encoding="utf-8")
        _studio_render(folder, casting, "002-chapter-ii")
        return original(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(series, "_write_book_files", studio_meanwhile)
        build(runner, src, out, casting)
    after = build(runner, src, out, casting).output
    assert "script changed" not in after and "3 episodes (0 rendered)" in after, after


def test_a_studio_render_during_a_build_keeps_its_record_of_the_script_and_the_voice(
        runner, tmp_path, monkeypatch):
    """review38/fix39: a studio render during a build, after its episode's script and a
    voice only that episode uses were edited, kept its record of the script but the
    build's last write of book.json put back the voice as the build loaded it: the next
    build said "voices changed: Ann (rate)". The build now keeps the record of a voice (and
    lexicon word) recorded meanwhile when every episode that uses it was written after the
    build left it."""
    import yaml

    import drama.book.series as series
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    for old, new in (("speaker: Mary", "speaker: Ann"), ("name: Mary", "name: Ann")):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build(runner, src, out, casting)  # Ann cast and recorded, in episode 2 alone
    original = series._write_book_files

    def studio_meanwhile(*args, **kwargs):  # every episode rendered, book.json not yet
        cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
        cast["speakers"]["Ann"]["rate"] = cast["speakers"]["Ann"].get("rate", 170) + 20
        casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace("speaker: Tom",
                                                                 "speaker: Ann"),
                        encoding="utf-8")
        _studio_render(folder, casting, "002-chapter-ii")
        return original(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(series, "_write_book_files", studio_meanwhile)
        build(runner, src, out, casting)
    after = build(runner, src, out, casting).output
    assert "changed" not in after and "3 episodes (0 rendered)" in after, after


def test_the_builds_last_write_keeps_a_voice_recorded_meanwhile_only_where_it_was_heard(
        tmp_path):
    """fix39: a voice (or lexicon word) recorded in book.json since the build's first
    write is kept only when every episode the build spoke with it was written after the
    build left it; where the build's own audio of an episode still stands, its record of
    that episode's voices does."""
    from drama.book.changes import file_stamp, recorded_meanwhile
    manifests = {}
    for name in ("001", "002"):
        manifests[name] = tmp_path / f"{name}.json"
        manifests[name].write_text("{}", encoding="utf-8")
    left = {name: (str(path), file_stamp(path)) for name, path in manifests.items()}
    first = {"voices": {"Ann": {"rate": 170}, "Tom": {"rate": 170}},
             "lexicon": {"Kiev": "KEE-ev"}, "scripts": {"001": "a", "002": "b"}}
    now = {"voices": {"Ann": {"rate": 190}, "Tom": {"rate": 190}, "Eve": {"rate": 150}},
           "lexicon": {"Kiev": "KEE-eff"}, "scripts": {"001": "a", "002": "c"}}
    (tmp_path / "book.json").write_text(json.dumps(now), encoding="utf-8")
    ours = {"voices": {"Ann": {"rate": 180}, "Tom": {"rate": 180}},
            "lexicon": {"Kiev": "KEE-ef"}, "scripts": {"001": "a", "002": "b"}}
    sounds = {"001": {"voices": {"Tom": {}}, "lexicon": {"Kiev": ""}},
              "002": {"voices": {"Ann": {}, "Tom": {}}, "lexicon": {}}}
    assert recorded_meanwhile(tmp_path, ours, first, left, lambda: sounds) == ours
    manifests["002"].write_text('{"written": "again"}', encoding="utf-8")
    kept = recorded_meanwhile(tmp_path, ours, first, left, lambda: sounds)
    assert kept == {"voices": {"Ann": {"rate": 190}, "Tom": {"rate": 180},
                               "Eve": {"rate": 150}},
                    "lexicon": {"Kiev": "KEE-ef"}, "scripts": {"001": "a", "002": "c"}}


def test_a_render_outside_the_build_waits_for_book_jsons_lock(tmp_path):
    """fix38: record_rendered_script reads, changes and writes book.json holding the lock a
    build holds as it writes it (whole.index_locked), so neither loses the other's write."""
    import hashlib
    import threading

    from drama.book.changes import record_rendered_script
    from drama.book.whole import index_locked
    (tmp_path / "book.json").write_text(json.dumps({"scripts": {"001": "old"}}),
                                        encoding="utf-8")
    with index_locked(tmp_path):
        recording = threading.Thread(target=record_rendered_script,
                                     args=(tmp_path, "001", b"new"))
        recording.start()
        recording.join(0.5)
        assert recording.is_alive()  # waiting for the lock
        (tmp_path / "book.json").write_text(json.dumps({"scripts": {"001": "old"}, "x": 1}),
                                            encoding="utf-8")
    recording.join(10)
    index = json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))
    assert index == {"scripts": {"001": hashlib.sha256(b"new").hexdigest()}, "x": 1}
    assert not (tmp_path / ".book.json.lock").exists()


def test_a_voice_only_the_studio_rendered_episode_uses_is_not_named_by_the_next_build(
        runner, tmp_path, spoken):
    """review37/fix38: after a voice was edited and its episode rendered in the studio, the
    next build said "voices changed: Ann (rate)" and rendered nothing: the studio's render
    records a voice no other episode uses as a build would. A voice other episodes use
    (Tom's) is still named, and they are spoken again."""
    import yaml
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: Mary", "speaker: Ann"),
                    encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("name: Mary", "name: Ann"),
                    encoding="utf-8")
    build(runner, src, out, casting)  # Ann cast and recorded
    cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
    for name in ("Ann", "Tom"):
        cast["speakers"][name]["rate"] = cast["speakers"][name].get("rate", 170) + 20
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    _studio_render(folder, casting, "002-chapter-ii")
    after = build(runner, src, out, casting).output
    assert f"{folder}: voices changed: Tom (rate)" in after, after
    assert "Ann (rate)" not in after and "3 episodes (2 rendered)" in after, after


def test_the_studio_takes_the_books_other_episodes_from_book_json_as_drama_render_does(
        runner, tmp_path):
    """review38/fix39: the studio's render took the book's other episodes from the project
    it opened, `drama render` from book.json. A studio opened before a build added an
    episode where Ann speaks too recorded Ann's edited voice as the rendered episode's
    alone, and the next build spoke the new episode again without naming the voice. Both
    now record through changes.record_render, from book.json's episodes."""
    import yaml

    from drama.studio.actions import render_job
    from drama.studio.project import open_project
    from drama.studio.session import Studio
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    for old, new in (("speaker: Mary", "speaker: Ann"), ("name: Mary", "name: Ann")):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build(runner, src, out, casting)  # Ann cast and recorded, in episode 2 alone
    studio = Studio(open_project(folder, casting), "tone")  # three episodes
    try:
        src.write_text(src.read_text(encoding="utf-8") + "\n".join(
            ["CHAPTER IV.", "", PROSE, "", '"Is it chapter 4?" asked Tom.', "",
             '"It is," said Ann.', "", ""]), encoding="utf-8")
        first = build(runner, src, out, casting).output
        assert "004-chapter-iv" in first and "Ann" in (folder / "004-chapter-iv.script.yaml"
                                                        ).read_text(encoding="utf-8"), first
        cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
        cast["speakers"]["Ann"]["rate"] = cast["speakers"]["Ann"].get("rate", 170) + 20
        casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
        render_job(studio, "002-chapter-ii")(None)
    finally:
        studio.close()
    after = build(runner, src, out, casting).output
    assert f"{folder}: voices changed: Ann (rate)" in after, after
    assert "4 episodes (1 rendered)" in after, after


def test_a_script_saved_while_drama_render_reads_it_is_still_said_changed(
        runner, tmp_path, monkeypatch, spoken):
    """review37: `drama render` of a book's episode parsed its script, then read the file
    again for book.json's record; an edit saved between the two was recorded as rendered,
    so the next build said nothing of it and rendered nothing: the record is of the bytes
    the render parsed."""
    import drama.scriptfile
    spoken(3)
    src = text_book(tmp_path / "river-days.txt", chapters=3)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    path = folder / "002-chapter-ii.script.yaml"
    read_input = drama.scriptfile.read_input

    def saved_meanwhile(where, *args, **kwargs):
        data = read_input(where, *args, **kwargs)
        if Path(where) == path and b"speaker: Tom" in data:   # an editor's save, just after
            path.write_bytes(data.replace(b"speaker: Tom", b"speaker: Mary"))
        return data
    monkeypatch.setattr(drama.scriptfile, "read_input", saved_meanwhile)
    rendered = runner.invoke(app, ["render", str(path), "--engine", "tone",
                                   "--casting", str(casting)])
    monkeypatch.undo()
    assert rendered.exit_code == 0, rendered.output
    assert "speaker: Mary" in path.read_text(encoding="utf-8")
    assert f"{folder}: 002-chapter-ii script changed" in build(runner, src, out, casting).output


def test_the_changed_scripts_are_named_in_the_books_order_and_counted_past_four():
    from drama.book.changes import changes_since
    names = [f"{n:03d}-chapter" for n in range(1, 8)]
    before = {"source_sha256": "a", "scripts": {n: "x" for n in names}}
    now = {"source_sha256": "a", "voices": {}, "lexicon": {},
           "scripts": {n: "y" if n != "003-chapter" else "x" for n in names}}
    assert changes_since(before, now, []) == [
        "001-chapter, 002-chapter, 004-chapter, 005-chapter and 2 more scripts changed"]
    assert changes_since({**before, "source_sha256": "b"}, now, []) == []  # extracted anew


def test_a_build_stopped_after_a_voice_changed_still_names_it_next_time(
        runner, tmp_path, monkeypatch, spoken):
    """hostile35 and fix35: the early book.json (written before any episode is rendered) held
    the new voices, so a build stopped there (Ctrl-C, SIGTERM) left the next build comparing the
    voices with themselves: it rendered Tom's episodes again and never said why."""
    import yaml

    import drama.book.series as series
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
    cast["speakers"]["Tom"]["rate"] = cast["speakers"]["Tom"].get("rate", 170) + 20
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(series, "render_episodes", stopped)
        assert runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                   "--casting", str(casting)]).exit_code != 0
    again = build(runner, src, out, casting)
    assert f"{out / 'river-days'}: voices changed: Tom (rate)" in again.output, again.output
    assert "synthesized 2 segments" in again.output     # Tom's line in each chapter
    assert "voices changed" not in build(runner, src, out, casting).output


def test_a_setting_book_json_has_and_this_drama_does_not_is_no_change():
    """hostile35: a voice in book.json with a setting the build does not keep (a hand edit,
    another drama's) was 'voices changed: Tom ()', naming nothing; a setting only one of
    them has is no change, one both have and that differs is."""
    from drama.book.changes import voices_changed
    now = {"Tom": {"voice": "tone/low", "rate": 150}}
    assert voices_changed({"Tom": {"voice": "tone/low", "rate": 150, "echo": 1}}, now) == []
    assert voices_changed({"Tom": {"voice": "tone/low"}}, now) == []
    assert voices_changed({"Tom": {"voice": "tone/low", "rate": 160, "echo": 1}}, now) == \
        ["Tom (rate)"]


def line_index(script, line) -> int:
    return script.lines.index(line)


def test_episodes_by_length_and_whole(runner, tmp_path, spoken):
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    build(runner, src, tmp_path / "a", tmp_path / "v.yaml", "--episodes", "whole", "--no-m4b")
    index = json.loads((tmp_path / "a" / "river-days" / "book.json").read_text())
    assert len(index["episodes"]) == 1
    assert not (tmp_path / "a" / "river-days" / "river-days.m4b").exists()
    bad = runner.invoke(app, ["build", str(src), "--episodes", "sometimes"])
    assert bad.exit_code == 2 and "unknown --episodes 'sometimes'" in bad.output


@pytest.mark.parametrize("opening, title", [
    (["RIVER DAYS: A STUDY", "", "IN THREE PARTS", "", ""], "River Days: A Study"),
    ([], "River days"),  # no opening line before the first heading: the file name's
])
def test_a_book_naming_no_title_is_titled_by_its_opening_line(runner, tmp_path, opening,
                                                               title):
    """walk30: Daisy Miller's text opens "DAISY MILLER: A STUDY" over PART I, and its
    feed, tags and .m4b were titled "Daisy miller", from the file name daisy_miller.txt (a
    single text's first line reading as a heading titled it; a book's did not)."""
    parts = list(opening)
    for name in ("I", "II"):
        parts += [f"PART {name}", "", PROSE, "", '"Is it?" asked Tom.', "", ""]
    src = tmp_path / "river_days.txt"
    src.write_text("\n".join(parts), encoding="utf-8")
    build(runner, src, tmp_path / "out", tmp_path / "v.yaml", "--no-m4b", "-f", "wav")
    index = json.loads((tmp_path / "out" / "river-days" / "book.json").read_text())
    assert [e["title"] for e in index["episodes"]] == ["Part I", "Part II"]
    assert index["book"]["title"] == title


@pytest.mark.parametrize("opening, title", [
    ("RIVER DAYS: A STUDY\n\nIN THREE PARTS", "River Days: A Study"),
    # the first line of a paragraph of prose, wrapped: a sentence cut short, no title
    ("It was a bright cold day in April, and the clocks were striking\nthirteen. Tom "
     "went home.", "River days"),
    ("CHAPTER I", "River days"),  # a heading the structure did not count (too short)
    # review30, left: a dedication, an epigraph or a verse before the first heading
    ("To my mother", "River days"),
    ("TO MY MOTHER", "River days"),
    ("For Anna", "River days"),
    ("In loving memory of my father", "River days"),
    ("_The river is everywhere at once_\n-- Hermann Hesse", "River days"),
    ("The river is everywhere at once\n\n\u2014 Hermann Hesse", "River days"),
    ("Whose woods these are I think I know\nHis house is in the village though",
     "River days"),
    ("_The river is everywhere at once._", "River days"),
    # titles that open as a dedication may, and a dedication after the title
    ("TO THE LIGHTHOUSE", "To the Lighthouse"),
    ("For Whom the Bell Tolls", "For Whom the Bell Tolls"),
    ("RIVER DAYS\n\nTo my mother", "River Days"),
    ("RIVER DAYS\nA NOVEL", "River Days"),  # lines in capitals: no verse
])
def test_a_book_s_opening_line_titles_it_only_when_it_reads_as_a_title(opening, title):
    """review30: a book whose text opened on a wrapped line of prose before its first
    heading was titled by that line ("It was a bright cold day in April, and the clocks
    were striking"), one opening on a chapter heading too short to count "Chapter I"; and
    one opening on a dedication, an epigraph (a line over its author's name, led by a
    dash) or lines of verse by that ("To my mother"). A `Title:` line gives any title."""
    from drama.book.series import opening_title
    from drama.extract.structure import find_structure
    from drama.source import SourceBook
    text = "\n\n".join([opening] + [f"PART {n}\n\n{PROSE}\n\n\"Is it?\" asked Tom."
                                    for n in ("I", "II")])
    book = SourceBook(text=text)
    book.structure = find_structure(text)
    assert opening_title(book, Path("books/river_days.txt")) == title


def test_every_word_of_the_book_is_in_one_episode_and_each_episode_checks(runner, tmp_path,
                                                                          spoken):
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml")
    for script in sorted((out / "river-days").glob("*.script.yaml")):
        result = runner.invoke(app, ["check", str(script), "--casting",
                                     str(tmp_path / "voices.yaml"), "--engine", "tone"])
        assert result.exit_code == 0, result.output


def test_serve_answers_ranges_and_nothing_outside_the_folder(tmp_path):
    from drama.book.serve import make_server
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "001-a.mp3").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "secret.txt").write_text("no")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    server = make_server(folder, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        req = urllib.request.Request(base + "/001-a.mp3", headers={"Range": "bytes=10-19"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 206 and r.read() == bytes(range(10, 20))
            assert r.headers["Content-Range"] == "bytes 10-19/1024"
            assert r.headers["Content-Type"] == "audio/mpeg"
        with urllib.request.urlopen(base + "/001-a.mp3", timeout=10) as r:
            assert r.status == 200 and len(r.read()) == 1024
        for path in ("/../secret.txt", "/link.txt", "/%2e%2e/secret.txt"):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(base + path, timeout=10)
            assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_serve_given_a_file_names_the_folder_to_serve(runner, tmp_path, monkeypatch):
    """bad26, round 27: `drama serve story.txt` said "no such folder to serve" of a file that
    is there; it says it is a file, and which folder to serve: the book's folder a file of
    it is in, or the one `drama build` makes of a book; quoted to paste (review27: `drama
    build The Tale.txt` pasted built two files of no such names)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my book").mkdir()
    (tmp_path / "my book" / "book.json").write_text("{}", encoding="utf-8")
    (tmp_path / "The Tale.txt").write_text("Once.", encoding="utf-8")
    for given, said in (("my book/book.json",
                         "serve the book's folder, `drama serve 'my book'`"),
                        ("The Tale.txt", "`drama serve output/the-tale` after `drama build "
                                         "'The Tale.txt'`")):
        result = runner.invoke(app, ["serve", given])
        assert result.exit_code == 2, result.output
        assert result.output.strip() == f"drama: error: {given}: a file, not a folder: " + (
            said if said.startswith("serve") else
            f"serve the folder `drama build` made of the book, {said}")
    result = runner.invoke(app, ["serve", "nothing"])
    assert result.output.strip() == "drama: error: nothing: no such folder to serve"


def test_cache_info_and_prune_keep_a_books_segments(runner, tmp_path, monkeypatch):
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml")
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0
    n = int(re.search(r": (\d+) segments", info.output).group(1))
    assert n > 0
    other = tmp_path / "other.txt"
    other.write_text("A different line nobody else says.\n")
    runner.invoke(app, ["render", str(other), "-o", str(tmp_path / "o.wav"), "--engine", "tone",
                        "--casting", str(tmp_path / "voices.yaml")])
    unsaid = runner.invoke(app, ["cache", "prune"])  # never everything by default
    assert unsaid.exit_code == 2 and "--all" in unsaid.output
    assert re.search(rf": {n + 1} segments", runner.invoke(app, ["cache", "info"]).output)
    kept = runner.invoke(app, ["cache", "prune", "--all", "--keep-book",
                               str(out / "river-days")])
    assert kept.exit_code == 0, kept.output
    assert re.search(rf"removed 1 segment .*; {n} left", kept.output), kept.output
    again = build(runner, src, out, tmp_path / "voices.yaml", "--force")
    assert "synthesized 0 segments" in again.output
    young = runner.invoke(app, ["cache", "prune", "--older-than", "30d"])
    assert "removed 0 segments" in young.output
    bad = runner.invoke(app, ["cache", "prune", "--older-than", "soon"])
    assert bad.exit_code == 2 and "--older-than 'soon'" in bad.output


def test_book_episodes_meet_the_loudness_target_in_one_encoding(runner, tmp_path, spoken):
    from render_util import ebur128
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml")
    folder = out / "river-days"
    for f in (folder / "001-chapter-i.mp3", folder / "river-days.m4b"):
        measured = ebur128(f)
        assert measured["true_peak"] <= -1.0, (f.name, measured)
        assert abs(measured["integrated"] + 16) <= 1.0, (f.name, measured)


def test_cached_segments_end_where_the_speech_ends(tmp_path):
    import wave

    from drama.engines import VoiceSettings, make_engine
    from drama.render.cache import SegmentCache
    from drama.render.synth import Job, commit_segment
    cache = SegmentCache(tmp_path / "c")
    engine = make_engine("tone")
    raw = cache.tmp_path("ab" * 32, ".raw.wav")
    engine.synthesize("A line with some words.", VoiceSettings("tone/mid"), str(raw))
    with wave.open(str(raw)) as w:
        rate, before = w.getframerate(), w.getnframes()
    with wave.open(str(raw), "rb") as r:
        params, data = r.getparams(), r.readframes(before)
    with wave.open(str(raw), "wb") as w:  # the engine's file with a second of silence after
        w.setparams(params)
        w.writeframes(data + b"\x00\x00" * rate)
    stats = commit_segment(cache, Job("ab" * 32, "x", VoiceSettings("tone/mid")), raw)
    summary = cache.load("ab" * 32)
    with wave.open(str(cache.wav("ab" * 32))) as w:
        # all but the 10 ms kept past the last sound of the second of silence is gone
        assert w.getnframes() == summary.lead + stats.frames <= before + int(0.011 * rate)


def test_each_episode_script_carries_its_speakers_from_the_books_characters(runner, tmp_path,
                                                                            spoken):
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml")
    for path in sorted((out / "river-days").glob("*.script.yaml")):
        script = load_script(path)
        speaking = {ln.speaker for ln in script.lines if ln.kind == "dialogue"}
        assert script.characters is not None
        assert {c.name for c in script.characters} == speaking == {"Tom", "Mary"}
        assert {c.name: c.lines for c in script.characters} == {"Tom": 1, "Mary": 1}
        assert {c.name: c.gender for c in script.characters} == {"Tom": "m", "Mary": "f"}


def test_a_long_book_is_extracted_in_a_process_of_its_own(runner, tmp_path, monkeypatch, spoken):
    """The same scripts and episodes as in-process; a conflict raised there is reported
    here as the one-line error it is."""
    import drama.book.scripts as scripts
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    build(runner, src, tmp_path / "a", tmp_path / "v.yaml")
    submitted = []
    apart = scripts.in_own_process

    def recording(fn, *args):
        submitted.append(fn.__name__)
        return apart(fn, *args)
    monkeypatch.setattr(scripts, "in_own_process", recording)
    monkeypatch.setattr(scripts, "APART_CHARS", 0)
    build(runner, src, tmp_path / "b", tmp_path / "v.yaml")
    assert submitted == ["episode_scripts"]
    for a in sorted((tmp_path / "a" / "river-days").glob("*.script.yaml")):
        b = tmp_path / "b" / "river-days" / a.name
        assert load_script(a).to_dict() | {"source": None} == \
            load_script(b).to_dict() | {"source": None}
    script_path = tmp_path / "b" / "river-days" / "002-chapter-ii.script.yaml"
    script = load_script(script_path)
    script.lines[0].text += " (edited)"
    save_script(script, script_path)
    src.write_text(src.read_text(encoding="utf-8").replace("Mary", "Maria"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "b"), "--engine", "tone",
                                 "--casting", str(tmp_path / "v.yaml")])
    assert result.exit_code == 2, result.output
    assert "the source changed since these episode scripts were extracted" in result.output


def test_the_studio_opens_a_built_series_and_renders_an_episode_as_the_build_did(
        runner, tmp_path, monkeypatch, spoken):
    """The studio on a book's folder: episodes in the book's order with their titles, the
    chapter heading in the script view, and "render changes" writing the episode with the
    build's own tags and target, so the next build finds every episode up to date."""
    import time

    from drama.studio.app import create_app
    from drama.studio.project import open_project
    from drama.studio.session import Studio
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    project = open_project(out / "river-days", casting)
    assert [e.title for e in project.episodes] == ["Chapter I", "Chapter II", "Chapter III"]
    assert project.artist == "Ann Writer"
    studio = Studio(project, "tone")
    try:
        client = create_app(studio, "t", None).test_client()
        headers = {"X-Studio-Token": "t"}
        html = client.get("/script/002-chapter-ii", headers=headers).get_data(as_text=True)
        assert "CHAPTER II." in html
        assert client.post("/api/render", json={"episode": "002-chapter-ii"},
                           headers=headers).status_code == 200
        deadline = time.monotonic() + 60
        while (render := client.get("/api/status", headers=headers).get_json()["render"])[
                "state"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert render["state"] == "done" and render["synthesized"] == 0, render
    finally:
        studio.close()
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output


def test_an_episode_the_studio_renders_during_a_build_is_not_written_over(
        runner, tmp_path, monkeypatch, spoken):
    """hostile35: a voice edited in the studio and its "render changes" of an episode while
    `drama build --force` ran: the build, its voices loaded at its start, wrote the episode
    again with the old voice, and the next build spoke it a third time. The build keeps an
    episode written since it started that is up to date with the voices as they are now;
    the others it writes as it planned, and the next build names the voice and speaks
    those again."""
    from drama.book import series
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    real, theirs = series.render_episodes, {}

    def studio_renders_then(*args, **kwargs):  # the build has loaded its voices by now
        theirs["mp3"] = studio_speeds_tom_and_renders_episode_2(folder, casting)
        return real(*args, **kwargs)
    monkeypatch.setattr(series, "render_episodes", studio_renders_then)
    during = build(runner, src, out, casting, "--force")
    assert "3 episodes (2 rendered)" in during.output, during.output
    assert (folder / "002-chapter-ii.mp3").read_bytes() == theirs["mp3"]
    monkeypatch.setattr(series, "render_episodes", real)
    after = build(runner, src, out, casting)
    assert f"{folder}: voices changed: Tom (rate)" in after.output, after.output
    assert "3 episodes (2 rendered)" in after.output  # chapters I and III, in Tom's new voice


def studio_speeds_tom_and_renders_episode_2(folder: Path, casting: Path) -> bytes:
    """What a person does in the studio while a build of the book runs: Tom's rate up by 20
    in voices.yaml, then "render changes" of episode 2; the mp3 it wrote."""
    import yaml

    from drama.studio.actions import render_job
    from drama.studio.project import open_project
    from drama.studio.session import Studio
    cast = yaml.safe_load(casting.read_text(encoding="utf-8"))
    cast["speakers"]["Tom"]["rate"] = cast["speakers"]["Tom"].get("rate", 170) + 20
    casting.write_text(yaml.safe_dump(cast), encoding="utf-8")
    studio = Studio(open_project(folder, casting), "tone")
    try:
        render_job(studio, "002-chapter-ii")(None)
    finally:
        studio.close()
    return (folder / "002-chapter-ii.mp3").read_bytes()


def test_a_book_build_says_which_speakers_it_cast(runner, tmp_path, monkeypatch, spoken):
    """A book's build appended 38 speakers to voices.yaml (Alice) and said nothing of it,
    where a text's build and `drama render` name them (walk31): said as they are cast,
    before the render (a build stopped in it has said so); the next build has none."""
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    first = build(runner, src, out, casting)
    said = f"{casting}: cast 2 new speakers: Tom, Mary (`drama speakers " \
        f"{out / 'river-days'}/*.script.yaml` lists the cast)"
    assert said in first.output, first.output
    assert first.output.index(said) < first.output.index("wrote 001-chapter-i")
    again = build(runner, src, out, casting)
    assert "new speaker" not in again.output
    import drama.cli.build as build_cli
    said = []
    monkeypatch.setattr(build_cli, "say", said.append)
    names = [f"Speaker {n}" for n in range(1, 39)]
    build_cli._say_cast(Path("voices.yaml"), "out/alice", names)
    assert said[0].startswith("voices.yaml: cast 38 new speakers: Speaker 1, Speaker 2, ")
    assert "Speaker 8 and 30 more (`drama speakers out/alice/*.script.yaml`" in said[0]


def _built_with_episode_2_edited(runner, tmp_path, monkeypatch, spoken):
    """River Days built into tmp_path/out (its segments from `spoken`), then its episode 2's
    script edited (a line of Mary's given to Tom): the book, out, the casting, the script
    and the aac as built."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    script = out / "river-days" / "002-chapter-ii.script.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "speaker: Mary", "speaker: Tom", 1), encoding="utf-8")
    return src, out, casting, script, (out / "river-days" / "002-chapter-ii.aac").read_bytes()


def test_a_books_episode_rendered_alone_goes_back_into_the_books_folder(
        runner, tmp_path, monkeypatch, spoken):
    """walk26, round 27: `drama render out/<book>/002-....script.yaml` wrote
    output/002-....wav, not the book's episode. It renders the episode where its build put
    it, with the build's files, tags and target (the next build finds it up to date), and
    says that the build brings the book's own files up to date."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-c", str(casting)])
    assert result.exit_code == 0, result.output
    assert f"wrote {script.parent}/002-chapter-ii.mp3, {script.parent}/002-chapter-ii.aac " \
        "and" in result.output  # its files, as the build wrote them
    assert f"an episode of the book in {script.parent}/, rendered there" in result.output
    assert not (tmp_path / "output").exists()
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output


def test_a_books_episode_rendered_alone_with_a_format_keeps_the_builds_files(
        runner, tmp_path, monkeypatch, spoken):
    """ux28: `drama render out/<book>/002-....script.yaml -f wav` wrote the mp3 and a WAV
    and left the aac (what the book's .m4b is joined from) as the episode was before, no
    longer listed in its manifest. -f adds to the build's files: the mp3 and the aac are
    written again with the WAV, and the next build joins the .m4b from the new aac."""
    src, out, casting, script, aac = _built_with_episode_2_edited(runner, tmp_path,
                                                                  monkeypatch, spoken)
    folder = script.parent
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-c", str(casting), "-f", "wav"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "002-chapter-ii.manifest.json").read_text())
    assert manifest["audio"] == ["002-chapter-ii.mp3", "002-chapter-ii.aac",
                                 "002-chapter-ii.wav"]
    assert (folder / "002-chapter-ii.aac").read_bytes() != aac  # Tom's voice, not Mary's
    assert (folder / "002-chapter-ii.wav").is_file()
    again = build(runner, src, out, casting)
    assert "synthesized 0 segments" in again.output
    index = json.loads((folder / "book.json").read_text())
    assert set(index["episodes"][1]["files"]) == {"002-chapter-ii.mp3", "002-chapter-ii.aac"}


def test_a_books_episode_rendered_to_its_own_audio_file_keeps_the_builds_files(
        runner, tmp_path, monkeypatch, spoken):
    """review28: `-o out/<book>/002-....mp3 -f wav`, the episode's own mp3 named, is the
    episode rendered where its build put it too: it wrote the mp3 and a WAV and left the
    aac (what the .m4b is joined from) as it was, dropped from its manifest."""
    src, out, casting, script, aac = _built_with_episode_2_edited(runner, tmp_path,
                                                                  monkeypatch, spoken)
    folder = script.parent
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-c", str(casting), "-o", "out/river-days/002-chapter-ii.mp3",
                                 "-f", "wav"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "002-chapter-ii.manifest.json").read_text())
    assert manifest["audio"] == ["002-chapter-ii.mp3", "002-chapter-ii.aac",
                                 "002-chapter-ii.wav"]
    assert (folder / "002-chapter-ii.aac").read_bytes() != aac


def test_an_episode_of_a_build_stopped_part_way_renders_into_the_books_folder(
        runner, tmp_path, monkeypatch, caplog, spoken):
    """walk29: a build stopped after its first chapter (Ctrl-C, the README inviting one to
    listen to chapter 1 while the rest renders) left no book.json, so `drama render
    out/<book>/002-....script.yaml` wrote output/002-....wav, tagged "drama", and the next
    build extracted the book again. book.json lists the episodes before any is rendered:
    the episode goes where the build would put it, in the build's formats."""
    import drama.book.series as series
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    render_all = series.render_episodes

    def first_then_ctrl_c(jobs, *args, **kwargs):
        render_all(jobs[:1], *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(series, "render_episodes", first_then_ctrl_c)
    stopped = runner.invoke(app, ["build", str(src), "-o", "out", "--engine", "tone"])
    assert stopped.exit_code != 0
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "out" / "river-days"
    assert (folder / "001-chapter-i.mp3").is_file() and not (folder / "002-chapter-ii.mp3").exists()
    result = runner.invoke(app, ["render", "out/river-days/002-chapter-ii.script.yaml",
                                 "--engine", "tone", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "wrote out/river-days/002-chapter-ii.mp3, out/river-days/002-chapter-ii.aac and" \
        in result.output
    assert not (tmp_path / "output").exists()
    assert re.search(r"artist\s*: Ann Writer", probe(folder / "002-chapter-ii.mp3"))
    with caplog.at_level("INFO", logger="drama.book.series"):
        again = build(runner, src, "out", "voices.yaml")
    assert "3 episodes (1 rendered)" in again.output  # 003: 001 and 002 were written
    assert "river-days: 3 episode scripts kept" in caplog.text  # not extracted again


def test_a_renamed_books_first_build_names_the_series_of_its_old_name(
        runner, tmp_path, monkeypatch, caplog, spoken):
    """newcomer50: a built book's text renamed (river-days.txt -> "River Days Again.txt")
    started a new series in out/river-days-again/, its old series' edited episode scripts
    and feed unused, unsaid. A series is kept in the folder of its text's name (book.json
    records the text's hash): the first build under the new name says where the old series
    is and how to go on with it, and that way the edits are used."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    renamed = src.rename(tmp_path / "River Days Again.txt")
    caplog.clear()
    build(runner, renamed, out, casting)
    told = [r.getMessage() for r in caplog.records if "is the series of" in r.getMessage()]
    assert told == [
        f"{renamed}: {out / 'river-days'}/ is the series of this text as river-days.txt, "
        f"which is not there now: this build starts a new series in "
        f"{out / 'river-days-again'}/, without that one's episode scripts (your edits) and "
        f"feed; to go on with it instead, rename {out / 'river-days'}/ to "
        f"{out / 'river-days-again'}/ (or the text back to river-days.txt) and build again"]
    shutil.rmtree(out / "river-days-again")
    (out / "river-days").rename(out / "river-days-again")
    caplog.clear()
    build(runner, renamed, out, casting)
    assert not [r for r in caplog.records if "is the series of" in r.getMessage()]
    kept = out / "river-days-again" / script.name
    assert "speaker: Mary" not in kept.read_text(encoding="utf-8")  # the edit used
    caplog.clear()
    shutil.copy(renamed, tmp_path / "river-days.txt")  # a copy has two series, unsaid
    build(runner, tmp_path / "river-days.txt", out, casting)
    assert not [r for r in caplog.records if "is the series of" in r.getMessage()]


@pytest.mark.parametrize("command", [["export"], ["speakers"], ["render", "--engine", "tone"]])
def test_a_command_given_a_built_books_text_says_its_edited_episodes_are_not_read(
        runner, tmp_path, monkeypatch, caplog, command, spoken):
    """walk29: after fixing speakers in a book's episode scripts, `drama export BOOK.txt`
    exported a fresh extraction (the fixes gone) and said nothing; a text's own edited
    script is warned of, a book's episodes were not. walk31: the warning named one episode
    script to give instead, where export takes the book's folder, the whole book with its
    edits ("1 ... are edited" too)."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    result = runner.invoke(app, [*command, "river-days.txt"])
    assert result.exit_code == 0, result.output
    notices = [r.getMessage() for r in caplog.records if "built as a book" in r.getMessage()]
    assert notices == [
        "river-days.txt: built as a book in out/river-days/, where 1 of its 3 episode scripts "
        "is edited: they are not read, the text is extracted afresh as one script; to use "
        "your edits give the episode scripts instead (out/river-days/002-chapter-ii.script.yaml"
        ", or out/river-days/*.script.yaml; `drama export out/river-days/` exports them as one"
        " book)"]


@pytest.mark.parametrize("formats, audio", [(["mp3", "aac", "exe"], ["001-a.mp3", "001-a.aac"]),
                                           (5, ["001-a.wav"]), (None, ["001-a.wav"])])
def test_an_episodes_audio_before_its_render_is_in_the_formats_book_json_lists(
        tmp_path, formats, audio):
    """The formats a build writes (book.json's, walk29) give a never-rendered episode its
    files; a value that is no list of formats is none, and the folder is still a series."""
    from drama.studio.project import _series_episodes
    (tmp_path / "001-a.script.yaml").write_text("lines: []\n", encoding="utf-8")
    index = {"episodes": [{"name": "001-a", "script": "001-a.script.yaml"}]}
    if formats is not None:
        index["formats"] = formats
    (tmp_path / "book.json").write_text(json.dumps(index), encoding="utf-8")
    [episode] = _series_episodes(tmp_path)
    assert [p.name for p in episode.audio_files()] == audio


def test_episodes_of_an_earlier_build_are_kept_and_reported(runner, tmp_path, spoken):
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml")
    whole = build(runner, src, out, tmp_path / "voices.yaml", "--episodes", "whole")
    assert "3 episodes of an earlier build are still there" in whole.output
    assert "001-chapter-i, 002-chapter-ii, 003-chapter-iii" in whole.output
    index = json.loads((out / "river-days" / "book.json").read_text())
    assert len(index["episodes"]) == 1
    assert (out / "river-days" / "002-chapter-ii.mp3").is_file()  # kept, never removed


def test_an_unchanged_book_is_up_to_date_without_its_segments(runner, tmp_path, spoken):
    """After `drama cache prune --all`, a rebuild of an unchanged book keeps every episode
    from its manifest: nothing is synthesized, no segment is loaded, no file written."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    folder = out / "river-days"
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()
              if p.suffix in (".mp3", ".aac", ".m4b") or p.name.endswith(".manifest.json")}
    pruned = runner.invoke(app, ["cache", "prune", "--all"])
    assert pruned.exit_code == 0 and re.search(r"; 0 left", pruned.output), pruned.output
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output and "synthesized 0 segments" in again.output
    assert {n: (folder / n).stat().st_mtime_ns for n in stamps} == stamps
    assert re.search(r": 0 segments", runner.invoke(app, ["cache", "info"]).output)
    index = json.loads((folder / "book.json").read_text())
    assert all(e["up_to_date"] for e in index["episodes"])
    # an episode file changed since (or another loudness target) is rendered again
    episode = folder / "002-chapter-ii.mp3"
    episode.write_bytes(episode.read_bytes()[:-10])
    changed = build(runner, src, out, casting)
    assert "3 episodes (1 rendered)" in changed.output
    louder = build(runner, src, out, casting, "--loudness", "acx")
    assert "3 episodes (3 rendered)" in louder.output


def test_an_unchanged_script_is_up_to_date_without_its_segments(runner, tmp_path):
    text = tmp_path / "story.txt"
    text.write_text('"Is it cold?" asked Tom.\n\n"It is," said Mary.\n', encoding="utf-8")
    args = ["render", str(text), "-o", str(tmp_path / "story.mp3"), "--engine", "tone",
            "--casting", str(tmp_path / "voices.yaml")]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, ["cache", "prune", "--all"]).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "up to date, kept" in again.output and "synthesized 0 segments" in again.output
    assert re.search(r": 0 segments", runner.invoke(app, ["cache", "info"]).output)


def test_a_segment_said_again_in_the_same_build_is_not_reused_from_cache(runner, tmp_path):
    """Each chapter of the book says the same prose and "It is," said Mary: made once,
    counted once, and never as reused from a cache that was empty."""
    src = text_book(tmp_path / "river-days.txt")
    out = tmp_path / "out"
    first = build(runner, src, out, tmp_path / "voices.yaml")
    segments = set()
    for manifest in (out / "river-days").glob("*.manifest.json"):
        segments |= {ln["segment"] for ln in json.loads(manifest.read_text())["lines"]
                     if ln["segment"]}
    assert f"synthesized {len(segments)} segments, reused 0 from cache" in first.output
    forced = build(runner, src, out, tmp_path / "voices.yaml", "--force")
    assert f"synthesized 0 segments, reused {len(segments)} from cache" in forced.output


def test_counts_of_one_are_singular(runner, tmp_path):
    text = tmp_path / "one.txt"
    text.write_text("Rain.\n", encoding="utf-8")
    casting = tmp_path / "voices.yaml"
    result = runner.invoke(app, ["build", str(text), "-o", str(tmp_path / "out"), "--engine",
                                 "tone", "--casting", str(casting), "--episodes", "whole",
                                 "--no-m4b"])
    assert result.exit_code == 0, result.output
    assert "1 episode (1 rendered)" in result.output
    assert "one: synthesized 1 segment, reused 0 from cache; 1 episode, duration" in \
        result.output
    assert re.search(r": 1 segment, ", runner.invoke(app, ["cache", "info"]).output)
    pruned = runner.invoke(app, ["cache", "prune", "--all"]).output
    assert re.search(r"removed 1 segment \(.*\); 0 left", pruned), pruned
    extracted = runner.invoke(app, ["extract", str(text), "-o", str(tmp_path / "one.yaml")])
    assert "1 line, 0 dialogue, 0 speakers" in extracted.output
    check = runner.invoke(app, ["check", str(tmp_path / "one.yaml"), "--casting",
                                str(casting), "--engine", "tone"])
    assert "ok: 1 line, 1 word of the source in order, 0 speakers cast" in check.output
    tom = tmp_path / "tom.txt"
    tom.write_text('"Rain," said Tom.\n', encoding="utf-8")
    extracted = runner.invoke(app, ["extract", str(tom), "-o", str(tmp_path / "tom.yaml")])
    assert "2 lines, 1 dialogue, 1 speaker" in extracted.output
    cast = runner.invoke(app, ["cast", str(tmp_path / "tom.yaml"), "--casting", str(casting),
                               "--engine", "tone"])
    assert "added 1 speaker: Tom" in cast.output
    check = runner.invoke(app, ["check", str(tmp_path / "tom.yaml"), "--casting",
                                str(casting), "--engine", "tone"])
    assert "ok: 2 lines, 3 words of the source in order, 1 speaker cast" in check.output


@pytest.mark.parametrize("apart", [False, True], ids=["in-process", "own-process"])
def test_building_a_book_shows_the_stages_of_its_extraction(runner, tmp_path, monkeypatch,
                                                            apart, spoken):
    """A book's extraction (in a process of its own when long) shows the stage bar of
    `drama extract`; a rebuild that keeps the scripts shows none."""
    from contextlib import contextmanager

    import drama.book.scripts as scripts
    import drama.cli.common as common
    from drama.loading import EXTRACT_TO_FILE_STAGES
    spoken(3)  # first: the module's cache, built once by whichever test asks first, is not
    #            this build's extraction (alone, this test saw that one's stages too)
    seen: list[tuple[str, str]] = []

    @contextmanager
    def recording(label, stages):
        yield lambda stage: seen.append((label, stage))
    monkeypatch.setattr(common, "stage_bar", recording)
    if apart:
        monkeypatch.setattr(scripts, "APART_CHARS", 0)
    src = text_book(tmp_path / "river-days.txt")
    build(runner, src, tmp_path / "out", tmp_path / "v.yaml")
    assert seen == [("extracting river-days.txt", s) for s in EXTRACT_TO_FILE_STAGES]
    seen.clear()
    build(runner, src, tmp_path / "out", tmp_path / "v.yaml")
    assert seen == []


def test_every_extraction_a_command_runs_goes_through_extract_source(runner, tmp_path,
                                                                  monkeypatch, spoken):
    """`drama extract` (to a file and to stdout) and `drama build` (of a text and of a
    book) each ran the extraction and reported its last stage in code of their own: three
    copies to change. All go through drama.loading.extract_source."""
    import drama.loading as loading
    real = loading.extract_source
    called: list[str] = []

    def recording(source, *args, **kwargs):
        called.append(Path(source).name)
        return real(source, *args, **kwargs)
    monkeypatch.setattr(loading, "extract_source", recording)
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    plain = tmp_path / "plain.txt"
    plain.write_text('"Is it late?" asked Tom.\n\n"It is," said Mary.\n', encoding="utf-8")
    for args in (["extract", str(plain)],
                 ["extract", str(plain), "-o", str(tmp_path / "plain.script.yaml")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    build(runner, tmp_path / "plain.txt", tmp_path / "out", tmp_path / "v.yaml")
    build(runner, src, tmp_path / "out", tmp_path / "v.yaml")
    assert called == ["plain.txt", "plain.txt", "plain.txt", "river-days.txt"]


SLOW_APART = '''
import sys, time
from contextlib import contextmanager
from pathlib import Path

import drama.book.scripts as scripts
import drama.loading


def slow_extract(*args, **kwargs):
    print("extracting", flush=True)
    time.sleep(120)
drama.loading.extract_script = slow_extract  # in the spawned process too (it imports this file)


@contextmanager
def extracting(source):
    yield lambda stage: None


if __name__ == "__main__":
    from drama.source import read_source
    scripts.APART_CHARS = 0
    src = Path(sys.argv[1])
    scripts.episode_scripts_apart(src, read_source(src), Path(sys.argv[2]), "chapter", "T",
                                  extracting)
'''


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", ["kill", "ctrl-c"])
def test_a_killed_build_leaves_no_process_of_its_book_extraction(tmp_path, how):
    """The stages of a long book's extraction were relayed through a multiprocessing
    Manager: killing the build left that manager's process, and the extracting one (it
    shared the manager's copy of the pool's pipes), running for as long as the terminal.
    Ctrl-C (the whole process group interrupted) ends them too."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from fault_util import ROOT, process_children
    driver = tmp_path / "driver.py"
    driver.write_text(SLOW_APART, encoding="utf-8")
    src = text_book(tmp_path / "river-days.txt")
    proc = subprocess.Popen([sys.executable, str(driver), str(src), str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            start_new_session=True,  # a process group of its own, as a shell's
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout.readline() == "extracting\n"
        started = [pid for pid, _ in process_children(proc.pid)]
        assert started
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 10
    alive = started
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in started if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def test_a_book_extraction_process_that_is_killed_is_one_line(runner, tmp_path):
    """Its own process killed (out of memory, say): a BrokenProcessPool traceback was all."""
    from drama.book.apart import in_own_process
    from drama.errors import DramaError
    from fault_util import die_at_once
    with pytest.raises(DramaError, match="the process extracting the book ended before it "
                                         "was done"):
        in_own_process(die_at_once, (), lambda stage: None)


def test_what_a_book_extraction_process_logs_is_logged_by_the_build(caplog):
    """A warning there (a script's lock it waits for) went straight to stderr, bare and
    across the bars, and a DRAMA_LOG=info message was lost: the build logs it."""
    from drama.book.apart import in_own_process
    from fault_util import warn_and_return
    assert in_own_process(warn_and_return, (), lambda stage: None) == "done"
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("drama.pipeline", "WARNING", "x.script.yaml: another drama run is writing this "
                                      "script; waiting up to 60 s")]


def test_a_bug_in_a_book_extraction_process_shows_where_it_was():
    from drama.book.apart import in_own_process
    from fault_util import fail_with_a_bug
    with pytest.raises(KeyError) as raised:
        in_own_process(fail_with_a_bug, (), None)
    assert "in fail_with_a_bug" in "\n".join(raised.value.__notes__)


def test_short_chapters_are_episodes_of_their_own_and_a_title_page_is_not():
    """Two short chapters came out as one episode (under MIN_EPISODE_WORDS words each); a
    volume's repeated title page between its heading and the first chapter still opens one
    episode with them."""
    from drama.book.episodes import split_episodes
    from drama.extract import extract_script
    from test_extract_structure import PROSE, SHORT_CHAPTERS
    script = extract_script(SHORT_CHAPTERS)
    assert [e.title for e in split_episodes(script, SHORT_CHAPTERS)] == [
        "Chapter I", "Chapter II"]
    text = (f"VOLUME I.\n\nEMMA.\n\nBY JANE AUSTEN.\n\nCHAPTER I.\n\n{PROSE}\n\nCHAPTER II.\n\n"
            f"{PROSE}\n")
    assert len(split_episodes(extract_script(text), text)) == 2


def test_a_book_of_many_tiny_chapters_is_cut_into_episodes_not_one(tmp_path):
    """hostile35: an EPUB of 2,000 chapters of eight words each was one episode of 2:42:15,
    titled "Chapter 0": a heading opened an episode only when the chapter just before it
    had MIN_EPISODE_WORDS words, so chapters each shorter never did. The words since the
    episode's start count: a run of tiny chapters is cut once it has enough."""
    import zipfile

    from epub_util import xhtml

    from drama.book.episodes import split_episodes
    from drama.extract import extract_file
    n = 12
    path = tmp_path / "tiny.epub"
    items = "".join(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
                    for i in range(n))
    nav = "".join(f'<li><a href="c{i}.xhtml">Chapter {i + 1}</a></li>' for i in range(n))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml",
                    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:'
                    'container"><rootfiles><rootfile full-path="content.opf"/></rootfiles>'
                    '</container>')
        zf.writestr("content.opf",
                    '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
                    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tiny</dc:title>'
                    f'</metadata><manifest>{items}<item id="nav" href="nav.xhtml" media-type='
                    '"application/xhtml+xml" properties="nav"/></manifest><spine>'
                    + "".join(f'<itemref idref="c{i}"/>' for i in range(n)) + "</spine></package>")
        zf.writestr("nav.xhtml", xhtml(f'<nav epub:type="toc"><ol>{nav}</ol></nav>'))
        for i in range(n):
            zf.writestr(f"c{i}.xhtml", xhtml(f"<h2>Chapter {i + 1}</h2><p>“Hi, {i},” said "
                                             "Tom. It was a day.</p>"))
    from drama.source import read_source
    script = extract_file(path)
    assert sum(ln.kind == "chapter" for ln in script.lines) == n + 1    # the title's too
    episodes = split_episodes(script, read_source(path).text)
    heads = [sum(ln.kind == "chapter" and ln.level != "title" for ln in ep.script.lines)
             for ep in episodes]
    assert sum(heads) == n and 1 < len(episodes) < n
    assert all(count > 1 for count in heads[:-1])    # one chapter is too short alone
    assert sum(len(ep.script.lines) for ep in episodes) == len(script.lines)


def test_a_book_cut_by_minutes_is_cut_between_paragraphs_never_inside_one():
    """newcomer51: a novel built with --episodes 20-minutes opened its second episode with
    "added Nell Brook.", the tag of the speech that closed the first: a cut was made at
    any narration after a gap, inside a paragraph too. Each episode now opens a paragraph
    (or a heading)."""
    from drama.book.episodes import split_episodes
    from drama.extract import extract_script
    talk = ('"The boats went down the river at noon, and we waited on the wall for them '
            'to come back," added Nell Brook. "They never came back before dark."')
    text = "\n\n".join([talk, "The wind rose over the water and the gulls cried."] * 12) + "\n"
    episodes = split_episodes(extract_script(text), text, "0.5-minutes")
    assert len(episodes) > 2
    for ep in episodes[1:]:
        first = ep.script.lines[0]
        assert text[:first.start].rstrip('"').endswith("\n\n"), (first.kind, first.text)
    assert sum(len(ep.script.lines) for ep in episodes) == len(extract_script(text).lines)
    # nor between a heading and its text: a heading never ends an episode
    text = "".join(f"CHAPTER {n}.\n\nThe gulls cried over the grey water.\n\n"
                   "The boats came in at dusk.\n\n" for n in range(1, 9))
    episodes = split_episodes(extract_script(text), text, "0.1-minutes")
    assert len(episodes) > 2
    assert all(ep.script.lines[-1].kind != "chapter" for ep in episodes)


def test_an_episode_no_heading_names_is_never_named_as_a_part_of_the_book():
    """newcomer51: episodes cut by minutes were 001-part-1, 002-part-2, ... beside a book's
    own PART I and PART II ("004-part-4" titled "(4): Part II"). A minutes cut is
    00N-episode-N; an episode of no heading cut by chapter (a text without any) is named
    by the book's title, as its title is."""
    from drama.book.episodes import slugify, split_episodes
    from drama.extract import extract_script
    text = "Title: Tide Book\n\nAuthor: Ann Writer\n\n" + "".join(
        f"PART {p}\n\nCHAPTER {c}.\n\n{PROSE}\n\n{PROSE}\n\n"
        for p, c in (("I", "1"), ("II", "2"), ("III", "3")))
    script = extract_script(text)
    by_minutes = split_episodes(script, text, "0.1-minutes")
    assert len(by_minutes) > 3
    assert [ep.name for ep in by_minutes] == \
        [f"{n:03d}-episode-{n}" for n in range(1, len(by_minutes) + 1)]
    assert [ep.older_name for ep in by_minutes] == \
        [f"{n:03d}-part-{n}" for n in range(1, len(by_minutes) + 1)]   # an older build's
    text = f"Title: Tide Book\n\n{PROSE}\n\n{PROSE}\n"
    script = extract_script(text)
    opening, = split_episodes(script, text, "chapter")
    assert opening.name == f"001-{slugify(script.title)}" and opening.title == script.title
    assert opening.older_name == "001-part-1"


def _built_by_minutes(runner, tmp_path, monkeypatch, spoken):
    """River Days built into tmp_path/out cut by minutes (0.1-minutes: more episodes than
    chapters), its segments from `spoken`: the book, out, the casting and the book's folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--episodes", "0.1-minutes")
    return src, out, casting, out / "river-days"


def test_a_book_cut_by_minutes_before_fixes52_keeps_its_names(runner, tmp_path, monkeypatch,
                                                              spoken):
    """A book built as 001-part-1, ... (before fixes52) is read under those names: built
    again as it is, nothing is rendered; its source changed, an episode's script there
    (edited or not) is written under its old name, never beside it anew."""
    src, out, casting, folder = _built_by_minutes(runner, tmp_path, monkeypatch, spoken)
    for path in list(folder.iterdir()):  # as a build before fixes52 named them
        try:
            path.write_text(path.read_text(encoding="utf-8").replace("-episode-", "-part-"),
                            encoding="utf-8")
        except UnicodeDecodeError:
            pass  # audio
        path.rename(path.with_name(path.name.replace("-episode-", "-part-")))
    index = folder / "book.json"
    names = sorted(p.name for p in folder.glob("*.script.yaml"))
    assert len(names) > 3 and all("-part-" in n for n in names)
    again = build(runner, src, out, casting)
    assert f"{len(names)} episodes (0 rendered)" in again.output, again.output
    edited = next(p for p in map(folder.joinpath, names) if "speaker: Mary" in p.read_text())
    edited.write_text(edited.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    mine = edited.read_bytes()
    src.write_text(src.read_text(encoding="utf-8").replace("Ann Writer", "A. Writer").replace(
        "Mary", "Marie"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                 "--casting", str(casting)])
    assert result.exit_code == 2 and f"{edited.name[:-5]}.new.yaml, with 1 edit of yours" in \
        result.output, result.output
    assert sorted(p.name for p in folder.glob("*.script.yaml")) == names
    assert "-episode-" not in index.read_text(encoding="utf-8")
    assert edited.read_bytes() == mine    # the person's, kept; its proposal beside it
    assert [p.name for p in folder.glob("*.script.new.yaml")] == \
        [edited.name.replace(".script.yaml", ".script.new.yaml")]


def test_a_part_page_with_an_epigraph_of_two_lines_opens_one_episode_with_its_chapter():
    """Two short lines of prose under a part's heading (an epigraph and its source) made an
    episode of their own, as a short chapter's do."""
    from drama.book.episodes import split_episodes
    from drama.extract import extract_script
    from test_extract_structure import PROSE
    text = (f"PART ONE\n\nBe careful what you wish for.\n\nIt may come true, they say.\n\n"
            f"CHAPTER I.\n\n{PROSE}\n\nCHAPTER II.\n\n{PROSE}\n")
    script = extract_script(text)
    assert [e.title for e in split_episodes(script, text)] == [
        "Part One", "Part One. Chapter II"]  # the part and its first chapter: one episode


def test_an_episode_printed_in_capitals_is_titled_in_title_case_and_spoken_as_printed():
    """walk25, walk27: a book's episodes were titled "CHAPTER I" as printed, in its feed,
    book.json and .m4b chapters. Their titles are in title case; the heading is still
    spoken as the book prints it."""
    from drama.book.episodes import split_episodes
    from drama.extract import extract_script
    from test_extract_structure import PROSE
    text = (f"CHAPTER I. THE RIVER AND THE SEA\n\n{PROSE}\n\n"
            f"CHAPTER II. Mrs. Lynde is Surprised\n\n{PROSE}\n")
    episodes = split_episodes(extract_script(text), text)
    assert [e.title for e in episodes] == ["Chapter I. The River and the Sea",
                                           "Chapter II. Mrs. Lynde is Surprised"]
    assert [e.name for e in episodes] == ["001-chapter-i", "002-chapter-ii"]
    heads = [ln.text for e in episodes for ln in e.script.lines if ln.kind == "chapter"]
    assert heads == ["CHAPTER I. THE RIVER AND THE SEA.", "CHAPTER II. Mrs. Lynde is Surprised."]


def test_a_book_episode_whose_words_check_rejects_is_named(runner, tmp_path, spoken):
    """ux25a: what `drama check` rejects is not spoken in a book either, and the error names
    the episode script's file and line, as check does."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    script_path = out / "river-days" / "002-chapter-ii.script.yaml"
    script = load_script(script_path)
    i, line = next((i, ln) for i, ln in enumerate(script.lines) if ln.kind == "dialogue")
    line.text = "Is it chapter nine?"
    save_script(script, script_path)
    result = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                 "--casting", str(casting)])
    assert result.exit_code == 2
    assert f"{script_path}:" in result.output
    assert f"script line {i + 1}: 'nine' where the source has '2'" in result.output


def test_up_to_date_names_its_files_as_one_or_several(runner, tmp_path):
    """`drama render SCRIPT -f mp3`, nothing changed, said "X.wav, X.mp3: up to date, kept
    (--force writes it again)" of two files (walk26)."""
    text = tmp_path / "story.txt"
    text.write_text('"Is it cold?" asked Tom.\n\n"It is," said Mary.\n', encoding="utf-8")
    args = ["render", str(text), "-o", str(tmp_path / "story.wav"), "--engine", "tone",
            "--casting", str(tmp_path / "voices.yaml")]
    assert runner.invoke(app, args).exit_code == 0
    assert "kept (--force writes it again)" in runner.invoke(app, args).output
    assert runner.invoke(app, [*args, "-f", "mp3"]).exit_code == 0
    assert "story.mp3: up to date, kept (--force writes them again)" in \
        runner.invoke(app, [*args, "-f", "mp3"]).output


def test_a_books_episode_rendered_into_its_own_folder_or_elsewhere_keeps_the_books_sound(
        runner, tmp_path, monkeypatch, spoken):
    """review27: `drama render out/<book>/002-....script.yaml -o out/<book>/` (the README's
    `-o output/` habit) wrote a .wav at podcast loudness there and its manifest over the
    episode's, so the next build rendered it again; with -o anywhere the render forgot the
    loudness the book was built at, which --loudness's help says is the default. The
    episode's own folder is where it goes without -o; anywhere else it keeps its target."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--loudness", "acx")
    script = out / "river-days" / "002-chapter-ii.script.yaml"
    tone = ["--engine", "tone", "-j", "1", "-c", str(casting), "--force"]
    result = runner.invoke(app, ["render", str(script), "-o", f"{script.parent}/", *tone])
    assert result.exit_code == 0, result.output
    assert not (script.parent / "002-chapter-ii.wav").exists(), result.output
    assert "3 episodes (0 rendered)" in build(runner, src, out, casting,
                                              "--loudness", "acx").output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = runner.invoke(app, ["render", str(script), "-o", f"{elsewhere}/ep.mp3", *tone])
    assert result.exit_code == 0, result.output
    manifest = json.loads((elsewhere / "ep.manifest.json").read_text(encoding="utf-8"))
    assert manifest["loudness"]["target"] == "acx"


@pytest.mark.parametrize("url", ["notaurl", "192.168.1.20:8000", "http://", "http://[::1"])
def test_a_feed_url_that_is_no_web_address_is_refused_before_any_work(runner, tmp_path, url):
    """ux28: `--feed-url 192.168.1.20:8000` (no http://) built the book and wrote a feed
    whose every episode link was `192.168.1.20:8000/001-....mp3`, which no podcast app
    can fetch; book.json kept it for the builds after."""
    src = text_book(tmp_path / "river-days.txt")
    result = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "--engine",
                                 "tone", "--feed-url", url])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"drama: error: --feed-url {url!r}: give the web address the book's folder is served "
        "at, with http:// or https://, e.g. http://192.168.1.20:8000")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url, reason", [
    ("http://192.168.1.20:port", "its port must be a number from 1 to 65535"),
    ("http://192.168.1.20:99999", "its port must be a number from 1 to 65535"),
    ("http://example.com/book?token=1", "the episodes' file names are added to its end: "
                                        "give it without a ?query or #fragment"),
    ("http://example.com/#book", "the episodes' file names are added to its end: "
                                 "give it without a ?query or #fragment"),
    ("http://exa mple.com/", "its host is no internet name or address"),
])
def test_a_feed_url_whose_links_would_lead_nowhere_is_refused(runner, tmp_path, url, reason):
    """review28: ux28 refused a --feed-url without http://, but took one with a port that
    is no number (`http://host:port`) and one with a query or fragment, to which every
    episode's file name was added (`...?token=1/001-chapter-i.mp3`): links to nowhere."""
    src = text_book(tmp_path / "river-days.txt")
    result = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "out"), "--engine",
                                 "tone", "--feed-url", url])
    assert result.exit_code == 2
    assert result.output.strip() == f"drama: error: --feed-url {url!r}: {reason}"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url, link", [
    (" https://example.com:8443/books/ ", "https://example.com:8443/books/001-chapter-i.mp3"),
    ("HTTP://192.168.1.20:8000", "http://192.168.1.20:8000/001-chapter-i.mp3"),
    ("http://example.com/my books", "http://example.com/my%20books/001-chapter-i.mp3"),
    ("https://bücher.example/hörbuch", "https://xn--bcher-kva.example/h%C3%B6rbuch/"
                                       "001-chapter-i.mp3"),
    ("http://example.com/a%20b", "http://example.com/a%20b/001-chapter-i.mp3"),
])
def test_a_feed_urls_links_are_web_addresses(url, link):
    """review28: the base URL went into every enclosure as given: a space pasted around it
    (` http://...`), a space or a letter not ASCII in its path or host made links that
    are no URL (RSS wants them percent-encoded, the host in IDNA)."""
    from drama.book.feed import feed_base_url, feed_xml
    index = {"book": {"title": "T", "slug": "t"}, "episodes": [
        {"number": 1, "name": "001-chapter-i", "title": "I", "feed_file": "001-chapter-i.mp3",
         "files": {"001-chapter-i.mp3": 10}, "duration": 1.0}]}
    assert f'<enclosure url="{link}"' in feed_xml(index, feed_base_url(url))


def test_a_feed_url_an_earlier_build_recorded_unchecked_is_warned_of(runner, tmp_path,
                                                                     caplog, spoken):
    """review28: a book.json written before --feed-url was checked keeps
    `192.168.1.20:8000`, and every build after wrote feed.xml from it, its links to
    nowhere, without a word. It is warned of, naming book.json and the way out; a recorded
    one with a space in its path is written percent-encoded."""
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--feed-url", "http://127.0.0.1:8000/")
    index_path = out / "river-days" / "book.json"
    for recorded, link in (("192.168.1.20:8000", None),
                           ("http://example.com/my books", "http://example.com/my%20books/")):
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["feed_url"] = recorded  # as main's code wrote it
        index_path.write_text(json.dumps(index), encoding="utf-8")
        caplog.clear()
        with caplog.at_level("WARNING"):
            build(runner, src, out, casting)
        said = [r.getMessage() for r in caplog.records if "feed_url" in r.getMessage()]
        feed = (out / "river-days" / "feed.xml").read_text(encoding="utf-8")
        if link is None:
            assert said == [f"{index_path}: feed_url {recorded!r}: give the web address the "
                            "book's folder is served at, with http:// or https://, e.g. "
                            "http://192.168.1.20:8000; build with --feed-url to replace it"]
        else:
            assert said == [] and f'<enclosure url="{link}001-chapter-i.mp3"' in feed


def test_a_books_folder_exports_the_whole_book_in_one_file_with_its_edits(
        runner, tmp_path, monkeypatch, spoken):
    """walk29: `drama export out/<book>/` was refused (a folder), so a book's script to
    publish was a shell loop over its episode scripts. The whole book is one file, the
    episodes in the book's order, each under its chapter heading, with the edits in them."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    result = runner.invoke(app, ["export", "out/river-days/", "-f", "fountain", "-o", "out/"])
    assert result.exit_code == 0, result.output
    fountain = (out / "river-days.fountain").read_text(encoding="utf-8")
    assert fountain.count("Title: ") == 1 and fountain.startswith("Title: River Days\n")
    chapters = [fountain.index(f".CHAPTER {n}.\n") for n in ("I", "II", "III")]
    assert chapters == sorted(chapters)
    second = fountain[chapters[1]:chapters[2]]
    assert second.count("TOM\n") == 2 and "MARY\n" not in second  # episode 2's edit
    # ux33: the title page names the book's author as book.json records it (build's
    # --author, else the book's own), the whole book's and an episode's alike
    assert "\nAuthor: Ann Writer\n" in fountain
    index = json.loads((out / "river-days" / "book.json").read_text(encoding="utf-8"))
    index["book"]["author"] = "Bo Dee"
    (out / "river-days" / "book.json").write_text(json.dumps(index), encoding="utf-8")
    for exported in ("out/river-days", str(script)):
        page = runner.invoke(app, ["export", exported, "-f", "fountain"]).output
        assert page.split("\n\n")[0].splitlines()[1:3] == ["Credit: Written by",
                                                          "Author: Bo Dee"], page
    radio_play = runner.invoke(app, ["export", "out/river-days", "-f", "txt"])
    assert radio_play.exit_code == 0, radio_play.output
    assert radio_play.output.count("CAST: ") == 1
    assert radio_play.output.count("MARY: It is,") == 2  # chapters I and III, not II
    subtitles = runner.invoke(app, ["export", "out/river-days", "-f", "srt"])
    assert subtitles.exit_code != 0
    assert "beside each episode" in subtitles.output


def test_a_whole_book_exported_after_an_edit_in_one_chapter_is_printed_as_its_source(
        runner, tmp_path, monkeypatch, caplog):
    """newcomer53: a book's first episode edited (by hand, or by `drama speakers`), then its
    source edited in the last chapter and built again: `drama export out/<book>/` warned
    that the source had changed since extraction, and printed every heading as spoken,
    `CHAPTER I.`, not as the book prints it, `CHAPTER I` (nor a phrase the narrator quotes
    with its marks). The whole book was held to the first episode's hash, the text's before
    the edit (that episode's part unchanged, its script kept as it is). Each episode is held
    to its own part, as build holds it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    src = text_book(tmp_path / "river-days.txt")
    src.write_text(re.sub(r"(CHAPTER I+)\.", r"\1", src.read_text(encoding="utf-8")),
                   encoding="utf-8")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    first = out / "river-days" / "001-chapter-i.script.yaml"  # edited: kept as it is
    first.write_text(first.read_text(encoding="utf-8").replace(
        "speaker: Mary", "speaker: Tom", 1), encoding="utf-8")
    text = src.read_text(encoding="utf-8")
    at = text.rindex(PROSE) + len(PROSE)
    src.write_text(text[:at] + " The ford was low." + text[at:], encoding="utf-8")
    build(runner, src, out, casting)
    with caplog.at_level("WARNING"):
        result = runner.invoke(app, ["export", "out/river-days", "-f", "txt"])
    assert result.exit_code == 0, result.output
    headings = re.findall(r"^CHAPTER .*$", result.output, flags=re.M)
    assert headings == ["CHAPTER I", "CHAPTER II", "CHAPTER III"], result.output
    assert not [r for r in caplog.records if "changed since it was extracted" in r.getMessage()]


def test_a_whole_book_whose_source_is_gone_is_exported_after_an_edit_in_a_chapter(
        runner, tmp_path, monkeypatch, spoken, caplog):
    """newcomer53: a book's episodes 2 and 3 edited (kept as they are), its first chapter
    made longer (episode 1 extracted again, its offsets the new text's; 2 and 3 found moved,
    their files' offsets the old text's), then the source moved away: `drama export
    out/<book>/` failed with "script line 9: span ... overlaps or comes before the previous
    line's", a line of no file. Without the text it exports with its warning, each episode
    checked in its own file."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    for n in ("002-chapter-ii", "003-chapter-iii"):
        script = out / "river-days" / f"{n}.script.yaml"
        script.write_text(script.read_text(encoding="utf-8").replace(
            "speaker: Mary", "speaker: Tom", 1), encoding="utf-8")
    text = src.read_text(encoding="utf-8")
    at = text.index(PROSE) + len(PROSE)
    src.write_text(text[:at] + " The ford was low, and the mill was still." + text[at:],
                   encoding="utf-8")
    build(runner, src, out, casting)
    src.rename(tmp_path / "elsewhere.txt")
    with caplog.at_level("WARNING"):
        result = runner.invoke(app, ["export", "out/river-days", "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert result.output.count("TOM: Is it chapter") == 3, result.output
    assert [r for r in caplog.records if "is not there" in r.getMessage()]


def test_a_books_own_folder_given_to_build_names_the_book_to_build(
        runner, tmp_path, monkeypatch, spoken):
    """newcomer53: `drama build out/<book>` (the book's folder, to build it again) built each
    episode's radio play (001-chapter-i.txt ...) as a text of its own into output/, every
    chapter rendered again as a new episode. It is refused in one line naming the book to
    build and the folder, as book.json records them; nothing is written."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    before = casting.read_bytes()
    for given in ("out/river-days", "out/river-days/"):
        result = runner.invoke(app, ["build", given, "--engine", "tone", "-c", str(casting)])
        assert result.exit_code == 2, result.output
        assert result.output.strip() == (
            "drama: error: out/river-days: is a book's folder (drama build wrote its "
            "book.json), not a book: its .txt files are the episodes' radio plays; build "
            "the book itself, e.g. drama build river-days.txt -o out"), result.output
    assert not (tmp_path / "output").exists() and casting.read_bytes() == before
    notes = tmp_path / "notes"  # a person's own book.json, not drama's index: built as before
    notes.mkdir()
    (notes / "book.json").write_text('{"title": "my notes"}', encoding="utf-8")
    (notes / "story.txt").write_text('"Is it late?" asked Tom.\n', encoding="utf-8")
    build(runner, notes, tmp_path / "output", casting)
    assert (tmp_path / "output" / "story.script.yaml").is_file()


def test_a_whole_book_export_never_writes_over_the_files_it_reads(
        runner, tmp_path, monkeypatch, spoken):
    """review29b: `drama export out/<book>/ -o out/<book>/book.json` wrote the radio play
    over the book's index (only the folder was the command's input), after which the book
    no longer exported; an episode script was as open. Both are refused, left as they were;
    `drama export .` from inside the book's folder names the file after the book, not
    drama.FORMAT."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    book = out / "river-days"
    for target in (book / "book.json", script):
        before = target.read_bytes()
        result = runner.invoke(app, ["export", str(book), "-f", "txt", "-o", str(target)])
        assert result.exit_code != 0 and "is an input of this command" in result.output
        assert target.read_bytes() == before
    monkeypatch.chdir(book)
    result = runner.invoke(app, ["export", ".", "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "river-days.md").read_text(encoding="utf-8").count("## Cast") == 1


def test_a_books_folder_without_book_json_is_refused_saying_why(
        runner, tmp_path, monkeypatch, spoken):
    """review29b: a built book's folder whose book.json was deleted said only "is a folder,
    not a text file", though `drama export --help` says a book's folder exports whole. It
    names what is missing and the two ways on."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    (out / "river-days" / "book.json").unlink()
    result = runner.invoke(app, ["export", "out/river-days", "-f", "fountain"])
    assert result.exit_code == 2
    assert "out/river-days: is a folder without book.json" in result.output
    assert "name one script in it" in result.output
    (out / "river-days" / "book.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["export", "out", "-f", "fountain"])  # the books' folder
    assert result.exit_code == 2
    assert "out: holds books: name one, e.g. out/river-days" in result.output


def test_a_book_json_listing_no_episodes_is_named_once(tmp_path):
    """review29b: the error read "book.json: book.json lists no episodes"."""
    from drama.book.whole import listed_scripts
    from drama.errors import InputError
    (tmp_path / "book.json").write_text('{"episodes": []}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        listed_scripts(tmp_path)
    assert str(caught.value).count("book.json") == 1, str(caught.value)


def test_a_whole_book_export_names_the_episode_whose_span_is_wrong(
        runner, tmp_path, monkeypatch, spoken):
    """review29b: an episode script edited to a span past the end of the book was refused as
    "script line N" of the joined book, a line of no file; the error names the episode's
    script and its own line."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    text = script.read_text(encoding="utf-8")
    end = re.search(r"\n  end: (\d+)\n", text)
    script.write_text(text.replace(end.group(0), "\n  end: 99999999\n", 1), encoding="utf-8")
    result = runner.invoke(app, ["export", "out/river-days", "-f", "txt"])
    assert result.exit_code == 2
    assert f"{script.relative_to(tmp_path)}:" in result.output, result.output
    assert "runs past the end of the source" in result.output


BROKEN_INDEXES = {
    "no episodes": lambda d: d.pop("episodes"),
    "episodes null": lambda d: d.update(episodes=None),
    "episodes an object": lambda d: d.update(episodes={"a": 1}),
    "an episode a string": lambda d: d["episodes"].__setitem__(0, "x"),
    "an episode without its name": lambda d: d["episodes"][0].pop("name"),
    "an episode numbered in words": lambda d: d["episodes"][0].update(number="one"),
    "an episode titled by a number": lambda d: d["episodes"][0].update(title=5),
    "an episode named as a path": lambda d: d["episodes"][0].update(name="../x"),
    "book null": lambda d: d.update(book=None),
}


@pytest.mark.parametrize("breaking", BROKEN_INDEXES.values(), ids=BROKEN_INDEXES.keys())
def test_a_book_json_edited_out_of_shape_is_written_anew_the_edits_kept(
        runner, tmp_path, monkeypatch, caplog, breaking, spoken):
    """hostile30: a book.json in JSON but not in shape (`"episodes": null`, an episode
    without its name, `"number": "one"`, `"book": null`) was a traceback at the next build
    (KeyError, TypeError, "Unknown format code 'd'"). It is warned of, naming it; the book
    is extracted again, the edited episode kept, and the index written anew."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    index_path = out / "river-days" / "book.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    breaking(index)
    index_path.write_text(json.dumps(index), encoding="utf-8")
    edited = script.read_text(encoding="utf-8")
    with caplog.at_level("WARNING"):
        result = build(runner, src, out, casting)
    assert "3 episodes (1 rendered)" in result.output  # the edited episode 2
    assert script.read_text(encoding="utf-8") == edited
    warned = [r.getMessage() for r in caplog.records if "book.json" in r.getMessage()]
    assert len(warned) == 1 and warned[0].startswith(f"{index_path}: cannot read its episodes (")
    again = json.loads(index_path.read_text(encoding="utf-8"))
    assert [e["name"] for e in again["episodes"]] == \
        ["001-chapter-i", "002-chapter-ii", "003-chapter-iii"]


def test_an_episode_of_a_book_whose_index_is_out_of_shape_is_rendered_saying_so(
        runner, tmp_path, monkeypatch, caplog, spoken):
    """hostile30: with book.json edited out of shape, `drama render out/<book>/002-....yaml`
    wrote output/002-....wav, not the book's episode, without a word. It says why, and
    what brings the index back."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    (out / "river-days" / "book.json").write_text('{"version": 1, "episodes": null}',
                                                  encoding="utf-8")
    with caplog.at_level("WARNING"):
        result = runner.invoke(app, ["render", "out/river-days/002-chapter-ii.script.yaml",
                                     "--engine", "tone", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert [r.getMessage() for r in caplog.records if "book.json" in r.getMessage()] == [
        "out/river-days/book.json: cannot read its episodes (no list of episodes): "
        "out/river-days/002-chapter-ii.script.yaml is rendered as a script of its own, not as "
        "the book's episode; `drama build` the book again to write its index"]


def test_a_book_built_again_without_episodes_keeps_the_cut_its_edits_are_in(
        runner, tmp_path, monkeypatch, spoken):
    """hostile30: a book built with --episodes 1-minutes, an episode edited, then built
    again as the README says ("edit it and build again") was cut into chapters anew: every
    episode rendered again, the edited script left aside unread, one line saying only that
    earlier episodes were still there. A build without --episodes goes on with the cut
    book.json records; --episodes given cuts it anew."""
    src, out, casting, folder = _built_by_minutes(runner, tmp_path, monkeypatch, spoken)
    parts = sorted(p.name for p in folder.glob("*.script.yaml"))
    assert len(parts) > 3 and all("-episode-" in p for p in parts)
    edited = next(p for p in map(folder.joinpath, parts) if "speaker: Mary" in p.read_text())
    edited.write_text(edited.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    again = build(runner, src, out, casting)
    assert f"{len(parts)} episodes (1 rendered)" in again.output, again.output
    assert "still there" not in again.output
    assert json.loads((folder / "book.json").read_text())["episodes_mode"] == "0.1-minutes"
    chapters = build(runner, src, out, casting, "--episodes", "chapter")
    assert "3 episodes (3 rendered)" in chapters.output
    assert f"{len(parts)} episodes of an earlier build are still there" in chapters.output
    assert f"{folder}: 1 episode script of those has your edits, not in this build: " \
        f"{edited.name[:-len('.script.yaml')]}; cut another way, build with the --episodes " \
        "they were cut with to use them;" in " ".join(chapters.output.split()), chapters.output


def test_a_book_of_a_thousand_episodes_names_them_so_they_sort_as_they_play():
    """hostile30: episode names were numbered in three digits, so the 1000th of a book
    (the Bible's 1,189 chapters, a long novel in one-minute parts) was 1000-..., which sorts
    between 100- and 101- in a file manager or a player; a book's names are as wide as
    its last number, and a book of fewer than 1000 keeps 001-."""
    from drama.book.episodes import split_episodes
    from drama.extract import extract_script
    text = "".join(f"CHAPTER {n}.\n\n{PROSE}\n\n{PROSE}\n\n" for n in range(1, 1002))
    names = [e.name for e in split_episodes(extract_script(text), text)]
    assert len(names) == 1001 and names == sorted(names)
    assert names[0] == "0001-chapter-1" and names[-1] == "1001-chapter-1001"


def test_an_audiobook_that_is_not_the_one_book_json_records_is_written_again(
        runner, tmp_path, monkeypatch, spoken):
    """hostile30: two builds of one book at once, cut two ways (--episodes chapter and
    whole), could leave the whole book's .m4b under the chapters' book.json; every later
    build found the episodes unchanged and kept that .m4b for good. A .m4b of another size
    than book.json records is written again."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--episodes", "whole")
    m4b = out / "river-days" / "river-days.m4b"
    whole = m4b.read_bytes()
    build(runner, src, out, casting, "--episodes", "chapter")
    chapters = m4b.read_bytes()
    assert chapters != whole
    m4b.write_bytes(whole)  # the other build's, written last
    build(runner, src, out, casting)
    assert m4b.read_bytes() == chapters
    assert re.findall(r"Chapter #0:\d+", probe(m4b)) == ["Chapter #0:0", "Chapter #0:1",
                                                         "Chapter #0:2"]


BROKEN_MANIFESTS = {
    "files a list": lambda d: d["render"].update(files=[]),
    "lines null": lambda d: d.update(lines=None),
    "a line a string": lambda d: d["lines"].__setitem__(0, "x"),
    "audio a number": lambda d: d.update(audio=5),
}


@pytest.mark.parametrize("breaking", BROKEN_MANIFESTS.values(), ids=BROKEN_MANIFESTS.keys())
@pytest.mark.parametrize("command", ["build", "render"])
def test_a_manifest_edited_out_of_shape_is_written_again(runner, tmp_path, monkeypatch,
                                                         breaking, command, spoken):
    """hostile30: an episode's manifest in JSON but out of shape was a traceback at the next
    build and render (`"files": []`: AttributeError; `"audio": 5`: TypeError), or kept as up
    to date and then refused by both with "render again to rewrite it" (`"lines": null`, a
    line that is a string), which rendering again never did. It is rendered again, and the
    subtitles export from it."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    build(runner, src, out, casting)
    manifest = out / "river-days" / "002-chapter-ii.manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    breaking(doc)
    manifest.write_text(json.dumps(doc), encoding="utf-8")
    if command == "build":
        build(runner, src, out, casting)
    else:
        result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                     "-c", str(casting)])
        assert result.exit_code == 0, result.output
    exported = runner.invoke(app, ["export", str(script), "-f", "vtt", "--manifest",
                                   str(manifest), "-o", str(tmp_path / "x.vtt")])
    assert exported.exit_code == 0, exported.output


def test_a_book_built_again_plainly_keeps_its_loudness_and_formats(runner, tmp_path,
                                                                   monkeypatch, caplog, spoken):
    """hostile30, left: a book built with --loudness acx (or -f ogg) and built again
    without the option was rendered again at podcast (in mp3), every episode, without a
    word. A build goes on with the loudness and formats of the book's last build, as render
    does with an episode's; one given that differs from it is said, and wins."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting, "--loudness", "acx", "-f", "ogg")
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output, again.output
    assert json.loads((folder / "book.json").read_text())["loudness"] == "acx"
    assert "rendered again" not in again.output
    manifest = json.loads((folder / "002-chapter-ii.manifest.json").read_text())
    assert manifest["loudness"]["target"] == "acx"
    assert manifest["audio"] == ["002-chapter-ii.ogg", "002-chapter-ii.aac"]
    assert "renders every episode again" not in caplog.text
    podcast = build(runner, src, out, casting, "--loudness", "podcast")
    assert "3 episodes (3 rendered)" in podcast.output
    assert f"{folder}: last built at --loudness acx; --loudness podcast renders every " \
        "episode again" in caplog.text
    assert json.loads((folder / "book.json").read_text())["loudness"] == "podcast"
    mp3 = build(runner, src, out, casting, "-f", "mp3")
    assert "3 episodes (3 rendered)" in mp3.output
    assert f"{folder}: last built as ogg, aac; -f mp3 renders every episode again (the " \
        "files of the last build are kept)" in caplog.text
    assert json.loads((folder / "book.json").read_text())["formats"] == ["mp3", "aac"]


def test_a_book_json_written_before_the_loudness_was_kept_goes_by_the_episodes(
        runner, tmp_path, monkeypatch, spoken):
    """A book built with --loudness acx before book.json recorded the loudness: the
    episodes' manifests say what it was, so a plain build keeps them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--loudness", "acx")
    index_path = out / "river-days" / "book.json"
    index = json.loads(index_path.read_text())
    index.pop("loudness", None)
    index_path.write_text(json.dumps(index))
    again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output, again.output


def _edited_in_chapter(src: Path, chapter: int, old: str, new: str) -> None:
    """The book's text with `old` replaced by `new` in the given chapter only."""
    text = src.read_text(encoding="utf-8")
    heads = [m.start() for m in re.finditer(r"^CHAPTER ", text, re.M)] + [len(text)]
    lo, hi = heads[chapter - 1], heads[chapter]
    assert old in text[lo:hi]
    src.write_text(text[:lo] + text[lo:hi].replace(old, new, 1) + text[hi:], encoding="utf-8")


@pytest.mark.parametrize("edit", ["same length", "longer"])
def test_a_source_edit_in_one_chapter_leaves_the_other_episodes_held_to_their_text(
        runner, tmp_path, monkeypatch, caplog, edit, spoken):
    """hostile30, left: an edit in one chapter of a built book's text made every episode's
    `drama render` warn "not found unchanged" and render without its paragraph pauses (the
    whole book's hash was compared). An episode records its own part's hash: one before the
    edit is rendered against the text as before, with its pauses, and `drama check` finds
    nothing; the episode of the edited chapter is warned of as before."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    first = folder / "001-chapter-i.script.yaml"
    duration = json.loads((folder / "001-chapter-i.manifest.json").read_text())["duration"]
    _edited_in_chapter(src, 3, "harvest", "harbour" if edit == "longer" else "hArVeSt")

    def render(script):
        caplog.clear()
        result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                     "-c", str(casting), "--force"])
        assert result.exit_code == 0, result.output
        return " ".join((result.output + caplog.text).split())

    said = render(first)
    assert "not found unchanged" not in said, said
    assert json.loads((folder / "001-chapter-i.manifest.json").read_text())["duration"] == \
        duration  # its paragraph pauses, as built
    assert load_script(first).source_span_sha256
    check = runner.invoke(app, ["check", str(first), "-c", str(casting), "--engine", "tone"])
    assert check.exit_code == 0, check.output
    assert "not found unchanged" in render(folder / "003-chapter-iii.script.yaml")


def test_an_edited_episode_is_kept_when_the_source_changes_in_another_chapter(
        runner, tmp_path, monkeypatch, caplog, spoken):
    """An edit in chapter 3 of a built book's text, episode 1's script edited: the build
    refused, writing a proposal for episode 1 ("the source changed since these episode
    scripts were extracted"), though its words had not changed. It is kept as it stands,
    edits and all; chapter 3's untouched script is extracted again. An episode script
    written before the part's hash was kept is held to the whole text, as before."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    first = folder / "001-chapter-i.script.yaml"
    first.write_text(first.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    edited = first.read_bytes()
    _edited_in_chapter(src, 3, "harvest", "harbour")
    again = build(runner, src, out, casting)
    assert first.read_bytes() == edited
    assert not list(folder.glob("*.script.new.yaml"))
    assert "harbour" in (folder / "003-chapter-iii.script.yaml").read_text()
    assert "3 episodes (2 rendered)" in again.output, again.output  # 1 edited, 3 changed
    assert "2 up to date 002-chapter-ii.mp3" in again.output
    # a script of before: no hash of its part, so held to the whole text
    second = folder / "002-chapter-ii.script.yaml"
    second.write_text("".join(ln for ln in second.read_text().splitlines(keepends=True)
                              if not ln.startswith("source_span_sha256:")))
    _edited_in_chapter(src, 3, "harbour", "harvest")
    caplog.clear()
    result = runner.invoke(app, ["render", str(second), "--engine", "tone", "-j", "1",
                                 "-c", str(casting)])
    assert result.exit_code == 0, result.output
    assert "not found unchanged" in caplog.text


def _four_chapters_built(runner, tmp_path, monkeypatch, spoken) -> tuple[Path, Path, Path]:
    """A book of four chapters built in tmp_path (the working folder, with its own segment
    cache, its segments from `spoken`): its source, the output folder and the casting file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(4)
    src = text_book(tmp_path / "river-days.txt", chapters=4)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting)
    return src, out, casting


def _episode_audio(folder: Path, *numbers: int) -> dict[str, tuple[bytes, int]]:
    """Each numbered episode's audio files: bytes and modification time."""
    names = [p for n in numbers for p in folder.glob(f"{n:03d}-*") if p.suffix in (".mp3", ".aac")]
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in names}


def test_a_chapter_made_longer_leaves_the_later_episodes_their_audio_and_edits(
        runner, tmp_path, monkeypatch, caplog, spoken):
    """fix30, left: an edit that made chapter 2 longer moved chapters 3 and 4 in the text,
    so their scripts held their words at the wrong offsets: `drama check` of episode 4 said
    the source changed, and the build stopped with a proposal for the edited episode 3. Each
    episode's part is found where it moved (its words, checked by its hash): the build
    renders chapter 2 alone, episode 3's edited script stays byte for byte, and render and
    check of episodes 3 and 4 hold them to their part, as before the edit."""
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    third, fourth = folder / "003-chapter-iii.script.yaml", folder / "004-chapter-iv.script.yaml"
    third.write_text(third.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    assert "4 episodes (1 rendered)" in build(runner, src, out, casting).output
    before, edited = _episode_audio(folder, 3, 4), third.read_bytes()
    _edited_in_chapter(src, 2, "harvest", "harvest and of the long grey evenings")
    check = runner.invoke(app, ["check", str(fourth), "-c", str(casting), "--engine", "tone"])
    assert check.exit_code == 0, check.output  # before any build: found where it moved
    again = build(runner, src, out, casting)
    assert "4 episodes (1 rendered)" in again.output, again.output
    assert "2 wrote 002-chapter-ii.mp3" in again.output
    assert not list(folder.glob("*.script.new.yaml"))
    assert _episode_audio(folder, 3, 4) == before and third.read_bytes() == edited
    index = json.loads((folder / "book.json").read_text())
    text = src.read_text()
    assert text[slice(*index["episodes"][2]["source_span"])].startswith("CHAPTER III.")
    for script in (third, fourth):
        check = runner.invoke(app, ["check", str(script), "-c", str(casting), "--engine", "tone"])
        assert check.exit_code == 0, check.output
        caplog.clear()
        result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                     "-c", str(casting)])
        assert result.exit_code == 0, result.output
        assert "up to date" in result.output and "not found unchanged" not in caplog.text
    assert "4 episodes (0 rendered)" in build(runner, src, out, casting).output
    assert _episode_audio(folder, 3, 4) == before and third.read_bytes() == edited


def test_an_edit_in_a_moved_chapter_renders_it_again_and_keeps_an_edited_script(
        runner, tmp_path, monkeypatch, spoken):
    """Chapter 2 made longer and chapter 3 edited: chapter 3's untouched script is extracted
    and rendered again, the moved chapter 4 (edited) is kept. An edit in chapter 3 once its
    script is edited: a proposal for it alone, its script byte for byte as it was."""
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    third, fourth = folder / "003-chapter-iii.script.yaml", folder / "004-chapter-iv.script.yaml"
    fourth.write_text(fourth.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    build(runner, src, out, casting)
    kept = fourth.read_bytes(), _episode_audio(folder, 4)
    _edited_in_chapter(src, 2, "harvest", "harvest and of the long grey evenings")
    _edited_in_chapter(src, 3, "harvest", "harbour")
    again = build(runner, src, out, casting)
    assert "4 episodes (2 rendered)" in again.output, again.output
    assert "3 wrote 003-chapter-iii.mp3" in again.output
    assert "harbour" in third.read_text()
    assert (fourth.read_bytes(), _episode_audio(folder, 4)) == kept
    third.write_text(third.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    edited = third.read_bytes()
    _edited_in_chapter(src, 3, "harbour", "harvest")
    result = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                 "--casting", str(casting)])
    assert result.exit_code != 0
    assert "003-chapter-iii.script.new.yaml" in result.output
    assert [p.name for p in folder.glob("*.script.new.yaml")] == \
        ["003-chapter-iii.script.new.yaml"]
    assert third.read_bytes() == edited
    assert (fourth.read_bytes(), _episode_audio(folder, 4)) == kept


def test_a_moved_part_is_found_by_its_words_and_its_hash():
    """part_moved_by: a line whose span opens on a quote and an underscore, a copy of its
    words in another chapter (tried, refused by the part's hash), a shorter text (a shift
    back), and a part edited itself (not found: the episode is extracted again)."""
    from drama.fidelity import aligned_to_its_text, part_moved_by
    from drama.model import Line, Script
    from drama.scriptfile import text_sha256
    old = 'CHAPTER I.\n\n"_Yes_," said Tom.\n\nCHAPTER II.\n\n"_Yes_," said Tom. Rain.\n\nEnd.\n'
    lo = old.index("CHAPTER II.")
    hi = len(old)
    lines = [Line("Tom", "dialogue", "_Yes_,", old.index('_Yes', lo), old.index('" said', lo)),
             Line("Narrator", "narration", "said Tom. Rain.", old.index("said", lo),
                  old.index("\n\nEnd")),
             Line("Narrator", "narration", "End.", old.index("End"), old.index("End") + 4)]

    def script():
        return Script("Chapter II", lines=[Line(**vars(ln)) for ln in lines],
                      source_sha256=text_sha256(old), source_span=(lo, hi),
                      source_span_sha256=text_sha256(old[lo:hi]))
    longer = old.replace("said Tom.\n\nCHAPTER II", "said Tom at last.\n\nCHAPTER II")
    shorter = old.replace("CHAPTER I.\n\n", "I.\n\n")
    assert part_moved_by(script(), longer) == len(longer) - len(old)
    assert part_moved_by(script(), shorter) == len(shorter) - len(old) < 0
    assert part_moved_by(script(), longer.replace("Rain", "Snow")) is None
    moved = script()
    assert aligned_to_its_text(moved, longer)
    assert [longer[ln.start:ln.end] for ln in moved.lines] == ['_Yes_,', "said Tom. Rain.",
                                                                "End."]
    assert moved.source_span == (lo + len(longer) - len(old), len(longer))
    unmoved = script()
    unmoved.source_span_sha256 = None  # a script written before its part's hash was kept
    assert not aligned_to_its_text(unmoved, longer) and unmoved.lines[0].start == lines[0].start


def test_a_moved_part_opening_on_common_lines_is_found_late_in_a_long_book():
    """review31: the places of a line's words were the first MAX_PLACES of the text, not the
    nearest, so a part late in a book whose first lines are common ("Yes," said Tom: an
    episode cut by minutes, or whose heading was edited by hand) was never found."""
    from drama.fidelity import MAX_PLACES, PROBE_LINES, part_moved_by
    from drama.model import Line, Script
    from drama.scriptfile import text_sha256
    old = "CHAPTER I.\n\n" + '"Yes," said Tom.\n\n' * (MAX_PLACES + 20) + \
        '"Yes," said Tom. "Yes," said Ann.\n\nThe end of the day.\n'
    lo = old.rindex('"Yes," said Tom.')
    lines, at = [], lo
    for kind, words in (("dialogue", "Yes,"), ("narration", "said Tom."),
                        ("dialogue", "Yes,"), ("narration", "said Ann."),
                        ("narration", "The end of the day.")):
        at = old.index(words, at)
        lines.append(Line("Tom" if kind == "dialogue" else "Narrator", kind, words, at,
                          at + len(words)))
        at += len(words)
    assert all(old.count(ln.text) > MAX_PLACES for ln in lines[:PROBE_LINES])
    script = Script("Part", lines=lines, source_sha256=text_sha256(old),
                    source_span=(lo, len(old)), source_span_sha256=text_sha256(old[lo:]))
    longer = old.replace("CHAPTER I.", "CHAPTER I. THE RIVER.")
    assert part_moved_by(script, longer) == len(" THE RIVER.")


def test_the_studio_and_a_split_read_a_moved_episode_at_its_own_offsets(
        runner, tmp_path, monkeypatch, spoken):
    """fix31, left: the studio and `drama edit`'s split held a book's episode to its part
    where it was, so one moved by an edit in an earlier chapter read as "source changed"
    (the studio's page and render without the source's paragraphs, a split refused). Both
    read the text as the script's own offsets do: its file keeps them, and `drama check`
    still finds its part after the split."""
    from drama.edits import apply_plan
    from drama.scriptedit import plan_line_split
    from drama.studio.project import open_project
    from drama.studio.session import Studio
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    fourth = folder / "004-chapter-iv.script.yaml"
    _edited_in_chapter(src, 2, "harvest", "harvest and of the long grey evenings")
    before = fourth.read_bytes()
    studio = Studio(open_project(folder, casting), "tone")
    try:
        episode = studio.project.episode("004-chapter-iv")
        source, script = studio.source_text(episode), studio.script(episode)
        assert source is not None
        assert [source[ln.start:ln.end] for ln in script.lines[:3]] == \
            ["CHAPTER IV.", PROSE, "Is it chapter 4?"]
    finally:
        studio.close()
    assert fourth.read_bytes() == before
    i = [ln.text for ln in load_script(fourth).lines].index("Is it chapter 4?")
    apply_plan(plan_line_split(str(fourth), i, 2))
    split = load_script(fourth)
    assert [ln.text for ln in split.lines[i:i + 2]] == ["Is it", "chapter 4?"]
    assert split.source_span == load_script(folder / ".004-chapter-iv.script.yaml.extracted"
                                            ).source_span  # the file's own offsets
    check = runner.invoke(app, ["check", str(fourth), "-c", str(casting), "--engine", "tone"])
    assert check.exit_code == 0, check.output


def test_a_moved_part_is_found_past_a_hand_edited_heading_and_a_nearer_copy_of_its_words():
    """review31: an episode whose heading's text was edited by hand is looked for by its
    next line; that line opening the chapter before too, where an edit moved it nearer to
    where this part was than this part now is, is refused by the part's hash."""
    from drama.fidelity import part_moved_by
    from drama.model import Line, Script
    from drama.scriptfile import text_sha256
    old = ("CHAPTER I.\n\nFirst.\n\nCHAPTER II.\n\nThe same opening line.\n\nTwo.\n\n"
           "CHAPTER III.\n\nThe same opening line.\n\nThree.\n")
    lo = old.index("CHAPTER III.")
    spans = [(lo, lo + len("CHAPTER III.")), (old.index("The same", lo), old.index("\n\nThree")),
             (old.index("Three."), len(old) - 1)]
    texts = ["Chapter the Third", "The same opening line.", "Three."]  # the heading edited
    lines = [Line("Narrator", kind, t, a, b)
             for kind, t, (a, b) in zip(("chapter", "narration", "narration"), texts, spans)]
    script = Script("Chapter III", lines=lines, source_sha256=text_sha256(old),
                    source_span=(lo, len(old)), source_span_sha256=text_sha256(old[lo:]))
    insert = "A long new paragraph. " * 5
    longer = old.replace("First.", "First. " + insert)
    wrong = longer.index("The same opening line.") - spans[1][0]
    assert abs(wrong) < len(insert) + 1  # the copy in chapter II is tried first
    assert part_moved_by(script, longer) == len(insert) + 1


@pytest.mark.parametrize("change", ["removed", "added"])
def test_an_edited_episode_numbered_anew_keeps_its_edits_under_its_new_number(
        runner, tmp_path, monkeypatch, change, spoken):
    """review31: chapter 2 removed, episode 3 (edited) is chapter III no longer: its chapter
    is episode 2 now, extracted afresh, the edits left in 003-chapter-iii.script.yaml (and
    said so). A person's edits follow the episode's words, not its number: the episode
    holding the part takes them (its file a person's, so no later extraction replaces it),
    the old file is left as it was, and the build says where the edits are. A chapter added
    before it likewise."""
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    third = folder / "003-chapter-iii.script.yaml"
    edited = third.read_text().replace("speaker: Mary", "speaker: Tom", 1)
    third.write_text(edited)
    text = src.read_text()
    if change == "removed":
        src.write_text(text[:text.index("CHAPTER II.")] + text[text.index("CHAPTER III."):])
        now = folder / "002-chapter-iii.script.yaml"
    else:
        at = text.index("CHAPTER III.")  # an interlude, headed as the chapter before it
        src.write_text(text[:at] + f"CHAPTER II.\n\n{PROSE}\n\n\n" + text[at:])
        now = folder / "004-chapter-iii.script.yaml"
    said = " ".join(build(runner, src, out, casting).output.split())
    assert f"003-chapter-iii's edits are {now.name[:-12]}'s now" in said, said
    assert "not in this build" not in said
    assert third.read_text() == edited  # left as it was
    speakers = [ln.speaker for ln in load_script(now).lines if ln.kind == "dialogue"]
    assert speakers == ["Tom", "Tom"]
    check = runner.invoke(app, ["check", str(now), "-c", str(casting), "--engine", "tone"])
    assert check.exit_code == 0, check.output
    src.write_text(src.read_text().replace("CHAPTER I.", "CHAPTER I.\n\nOne more line.", 1))
    said = " ".join(build(runner, src, out, casting).output.split())  # re-extracted
    assert [ln.speaker for ln in load_script(now).lines if ln.kind == "dialogue"] == speakers
    assert f"003-chapter-iii's edits are {now.name[:-12]}'s now" in said, said  # still said


def test_an_edited_script_carried_to_its_new_number_keeps_its_comments(
        runner, tmp_path, monkeypatch, spoken):
    """keep37/fix38: the edited script carried to the episode now holding its part (chapter 2
    removed: 003 becomes 002) was dumped bare, without the person's comments."""
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    third = folder / "003-chapter-iii.script.yaml"
    third.write_text("# reviewed by Ann\n" + third.read_text().replace(
        "speaker: Mary", "speaker: Tom   # was Mary", 1))
    text = src.read_text()
    src.write_text(text[:text.index("CHAPTER II.")] + text[text.index("CHAPTER III."):])
    build(runner, src, out, casting)
    now = (folder / "002-chapter-iii.script.yaml").read_text()
    assert now.startswith("# reviewed by Ann\n") and "speaker: Tom   # was Mary\n" in now
    assert [ln.speaker for ln in load_script(folder / "002-chapter-iii.script.yaml").lines
            if ln.kind == "dialogue"] == ["Tom", "Tom"]


def test_speakers_review_and_check_take_a_books_folder_as_export_does(
        runner, tmp_path, monkeypatch, spoken):
    """walk31: `drama speakers`, `review` and `check` refused `out/<book>/` (naming a glob to
    give) while `export` and `studio` take it. A book's folder is its episode scripts, in
    the book's order (book.json's), each as if named; a folder that is no book is still
    refused, naming its scripts."""
    src, out, casting, script, _ = _built_with_episode_2_edited(runner, tmp_path,
                                                                monkeypatch, spoken)
    book = "out/river-days/"
    speakers = runner.invoke(app, ["speakers", book, "-c", str(casting)])
    assert speakers.exit_code == 0, speakers.output
    assert "Tom" in speakers.output and "Mary" in speakers.output
    review = runner.invoke(app, ["review", book])
    assert review.exit_code == 0, review.output
    reviewed = [f"{n:03d}-chapter-{r}.script.yaml" for n, r in ((1, "i"), (2, "ii"), (3, "iii"))]
    places = [review.output.find(name) for name in reviewed]
    assert -1 not in places and places == sorted(places), review.output
    check = runner.invoke(app, ["check", book, "-c", str(casting), "--engine", "tone"])
    assert check.output.count("river-days/0") >= 3, check.output
    assert check.exit_code == 0, check.output
    (out / "river-days" / "book.json").unlink()
    refused = runner.invoke(app, ["check", book, "-c", str(casting)])
    assert refused.exit_code == 2 and "is a folder: name the scripts in it" in refused.output
    (out / "river-days" / "book.json").write_text("{}", encoding="utf-8")  # any index
    build(runner, src, out, casting)  # book.json again
    rename = runner.invoke(app, ["speakers", "rename", "Tom", "Thomas", "-s", book, "-n"])
    assert rename.exit_code == 0, rename.output
    assert "001-chapter-i.script.yaml" in rename.output, rename.output


def test_a_move_to_a_new_speaker_names_the_books_folder_and_casting_file_to_cast(
        runner, tmp_path, monkeypatch, spoken):
    """hostile35: `drama speakers move Tom Zed -s out/book -c other.yaml` said "`drama cast`
    gives one": run so, it reads ./voices.yaml and no script. It names both now."""
    import shlex
    _, _, casting, _, _ = _built_with_episode_2_edited(runner, tmp_path, monkeypatch, spoken)
    other = tmp_path / "other voices.yaml"
    other.write_bytes(casting.read_bytes())
    book = "out/river-days/"
    move = runner.invoke(app, ["speakers", "move", "Tom", "Zed", "-s", book, "-c", str(other),
                               "-n"])
    assert move.exit_code == 0, move.output
    said = " ".join(move.output.split())
    command = f"drama cast out/river-days -c {shlex.quote(str(other))}"
    assert f"'Zed' has no voice there yet: `{command}` gives one" in said, said


def test_a_book_naming_no_author_is_authored_by_no_one_never_drama(runner, tmp_path,
                                                                     monkeypatch, spoken):
    """walk31: a text without an `Author:` line was authored "drama" (the tool) in its feed
    (<itunes:author>drama</itunes:author>), its episodes' tags and its .m4b. The feed
    leaves the field out, the audio files carry no artist."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    src.write_text(src.read_text(encoding="utf-8").replace("Author: Ann Writer\n\n", ""),
                   encoding="utf-8")
    out = tmp_path / "out"
    build(runner, src, out, tmp_path / "voices.yaml", "--feed-url", "http://127.0.0.1:8000/")
    folder = out / "river-days"
    assert json.loads((folder / "book.json").read_text())["book"]["author"] is None
    feed = (folder / "feed.xml").read_text(encoding="utf-8")
    assert "<itunes:author>" not in feed and ">drama<" not in feed
    for audio in (folder / "river-days.m4b", folder / "001-chapter-i.mp3"):
        tags = probe(audio)
        assert not re.search(r"(?im)^\s*(album_)?artist\s*:", tags), tags


def test_a_book_s_episode_lines_are_said_in_the_book_s_order(runner, tmp_path, monkeypatch,
                                                             spoken):
    """walk31: a book built again said its episodes out of order (`2 up to date`, `1 up to
    date`, `4 ...`, `3 wrote ...`): the finisher threads check and write them at once, and
    each said its line as it ended. Here they end last first, as they may."""
    from drama.book import series
    real = series.render_episodes

    def last_first(jobs, *args, on_rendered=None, **kwargs):
        ended = []
        results = real(jobs, *args, on_rendered=lambda i, r: ended.append((i, r)), **kwargs)
        for i, rendered in reversed(ended):
            on_rendered(i, rendered)
        return results
    monkeypatch.setattr(series, "render_episodes", last_first)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(4)
    src = text_book(tmp_path / "river-days.txt", chapters=4)
    said = build(runner, src, tmp_path / "out", tmp_path / "voices.yaml").output
    numbers = [int(n) for n in re.findall(r"(?m)^\s+(\d+) (?:wrote|up to date) ", said)]
    assert numbers == [1, 2, 3, 4], said


def _tag(audio: Path, name: str) -> str | None:
    found = re.search(rf"(?im)^\s*{name}\s*:\s*(.*)$", probe(audio))
    return found.group(1).strip() if found else None


def test_a_text_rendered_alone_is_tagged_by_its_author_line_or_by_no_one(runner, tmp_path,
                                                                         monkeypatch):
    """fix31b left it: a lone `drama render` (and a text's `drama build`) tagged its audio
    with the artist "drama", the tool's name. The artist is the author the text names (its
    `Author:` line), else there is none."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    story = '"Is it cold?" asked Tom.\n\n"It is," said Mary.\n'
    (tmp_path / "plain.txt").write_text(story, encoding="utf-8")
    (tmp_path / "named.txt").write_text("Title: Cold\n\nAuthor: Ann Writer\n\n" + story,
                                        encoding="utf-8")
    for name in ("plain", "named"):
        done = runner.invoke(app, ["render", f"{name}.txt", "-o", f"{name}.mp3", "--engine",
                                   "tone"])
        assert done.exit_code == 0, done.output
    assert _tag(tmp_path / "plain.mp3", "artist") is None
    assert _tag(tmp_path / "named.mp3", "artist") == "Ann Writer"
    build(runner, tmp_path / "plain.txt", tmp_path / "out", tmp_path / "voices.yaml")
    assert _tag(tmp_path / "out" / "plain.mp3", "artist") is None


def test_title_and_author_given_name_a_book_and_are_kept_for_its_next_builds(
        runner, tmp_path, monkeypatch, spoken):
    """walk31: a text without `Title:`/`Author:` lines was named by guesses (its file name,
    no author) and the only way to name it was to edit the text. --title and --author name
    the book in book.json, the .m4b, the feed and the episodes' tags, and a build without
    them keeps them (as it keeps the loudness); `drama render` of an episode tags it so."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    build(runner, src, out, casting, "--feed-url", "http://127.0.0.1:8000/",
          "--title", "Days  on the River", "--author", "A. N. Other")
    folder = out / "river-days"
    for _ in range(2):  # given, then kept by a build that gives neither
        book = json.loads((folder / "book.json").read_text())["book"]
        assert (book["title"], book["author"]) == ("Days on the River", "A. N. Other")
        feed = (folder / "feed.xml").read_text(encoding="utf-8")
        assert "<itunes:author>A. N. Other</itunes:author>" in feed
        assert "<title>Days on the River</title>" in feed
        assert _tag(folder / "river-days.m4b", "title") == "Days on the River"
        assert _tag(folder / "river-days.m4b", "album_artist") == "A. N. Other"
        assert _tag(folder / "002-chapter-ii.mp3", "artist") == "A. N. Other"
        again = build(runner, src, out, casting)
    assert "3 episodes (0 rendered)" in again.output
    exported = runner.invoke(app, ["export", str(folder), "-f", "txt"])
    assert exported.output.startswith("Days on the River\n"), exported.output  # book.json's
    alone = runner.invoke(app, ["render", str(folder / "002-chapter-ii.script.yaml"),
                                "--engine", "tone", "--casting", str(casting)])
    assert alone.exit_code == 0 and "up to date" in alone.output, alone.output
    build(runner, src, out, casting, "--author", "")  # forgotten: the text's own again
    assert _tag(folder / "002-chapter-ii.mp3", "artist") == "Ann Writer"
    retitled = runner.invoke(app, ["render", str(folder / "002-chapter-ii.script.yaml"),
                                   "--engine", "tone", "--casting", str(casting), "--title",
                                   "Two", "--author", "Me"])
    assert retitled.exit_code == 0, retitled.output
    assert (_tag(folder / "002-chapter-ii.mp3", "title"),
            _tag(folder / "002-chapter-ii.mp3", "artist")) == ("Two", "Me")
    refused = runner.invoke(app, ["build", str(src), "-o", str(out), "--title", "A\nB"])
    assert refused.exit_code == 2 and "--title cannot hold a line break" in refused.output
    text_book(tmp_path / "other.txt")
    several = runner.invoke(app, ["build", str(tmp_path), "-o", str(out), "--title", "A"])
    assert several.exit_code == 2 and "--title names one book, and 2 are here" in \
        several.output, several.output


def _edits_carried_past_a_removed_chapter(runner, tmp_path, monkeypatch, spoken):
    """A book of four chapters built, 003-chapter-iii edited (a line given to Tom), chapter
    II removed and the book built again (the edits carried to 002-chapter-iii): the source,
    out, casting, and the text as first written."""
    src, out, casting = _four_chapters_built(runner, tmp_path, monkeypatch, spoken)
    third = out / "river-days" / "003-chapter-iii.script.yaml"
    third.write_text(third.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    text = src.read_text()
    src.write_text(text[:text.index("CHAPTER II.")] + text[text.index("CHAPTER III."):])
    build(runner, src, out, casting)
    return src, out, casting, text


def test_renumbered_edits_are_said_taken_only_by_the_episode_that_took_them(
        runner, tmp_path, monkeypatch, spoken):
    """review32: chapter II removed, 003-chapter-iii's edits went to 002-chapter-iii, edited
    further there; chapter II put back, episode 3 is 003-chapter-iii's own file again,
    without the later edits. The build said "002-chapter-iii's edits are 003-chapter-iii's
    now" (the same part, an edited file), which they are not: a script's edits are said
    taken only by the episode that took them, else they are said unused."""
    src, out, casting, text = _edits_carried_past_a_removed_chapter(runner, tmp_path,
                                                                    monkeypatch, spoken)
    folder = out / "river-days"
    third = folder / "003-chapter-iii.script.yaml"
    taken = folder / "002-chapter-iii.script.yaml"
    taken.write_text(taken.read_text().replace("speaker: Tom", "speaker: Ann"))
    src.write_text(text)  # chapter II back: 003-chapter-iii is episode 3's own again
    said = " ".join(build(runner, src, out, casting).output.split())
    assert "002-chapter-iii's edits are" not in said, said
    assert "your edits, not in this build: 002-chapter-iii" in said, said
    speakers = [ln.speaker for ln in load_script(third).lines if ln.kind == "dialogue"]
    assert speakers == ["Tom", "Tom"]  # the file episode 3 is built from


def test_renumbered_edits_taken_are_known_without_book_json_s_record(
        runner, tmp_path, monkeypatch, spoken):
    """review32: a build stopped after it gave 003-chapter-iii's edits to 002-chapter-iii
    and before book.json recorded so (or another build of the folder at once, whose
    book.json is written last) left the next builds saying 003-chapter-iii's edits were
    not in this build. The episode's file, byte for byte the script with them, says they
    were taken."""
    src, out, casting, _ = _edits_carried_past_a_removed_chapter(runner, tmp_path,
                                                                 monkeypatch, spoken)
    folder = out / "river-days"
    index = json.loads((folder / "book.json").read_text())
    recorded = [entry.pop("edits_from", None) for entry in index["episodes"]]
    assert recorded == [None, "003-chapter-iii", None]  # taken away, as a stopped build
    (folder / "book.json").write_text(json.dumps(index))
    said = " ".join(build(runner, src, out, casting).output.split())
    assert "003-chapter-iii's edits are 002-chapter-iii's now" in said, said
    assert "not in this build" not in said, said


def test_edits_made_to_a_renumbered_script_after_they_were_taken_are_said_unused(
        runner, tmp_path, monkeypatch, spoken):
    """ux33: chapter II removed, 003-chapter-iii's edits went to 002-chapter-iii; a person
    then edited 003-chapter-iii.script.yaml again (still open in an editor). The next builds
    said "003-chapter-iii's edits are 002-chapter-iii's now" and used none of the later
    ones, without a word. The build reads the episode's own file, 002-chapter-iii's (the
    edits made there are the person's too, and never overwritten unasked): it says the
    later edits are not in it, where to make them, and how to have them carried again
    (delete 002-chapter-iii.script.yaml), which then works."""
    src, out, casting, _ = _edits_carried_past_a_removed_chapter(runner, tmp_path,
                                                                 monkeypatch, spoken)
    folder = out / "river-days"
    old, taken = folder / "003-chapter-iii.script.yaml", folder / "002-chapter-iii.script.yaml"
    index = json.loads((folder / "book.json").read_text())
    assert index["episodes"][1]["edits_from_sha256"] == \
        hashlib.sha256(old.read_bytes()).hexdigest()
    said = " ".join(build(runner, src, out, casting).output.split())
    assert "003-chapter-iii's edits are 002-chapter-iii's now" in said, said  # nothing new
    edited = old.read_text()  # Mary's line went to Tom: now to Ann
    cut = edited.rindex("speaker: Tom")
    old.write_text(edited[:cut] + "speaker: Ann" + edited[cut + len("speaker: Tom"):])
    before = taken.read_bytes()
    for _ in range(2):  # said at every build, as long as it holds
        said = " ".join(build(runner, src, out, casting).output.split())
        assert "003-chapter-iii's edits are" not in said, said
        assert ("003-chapter-iii.script.yaml was edited after its edits went to "
                "002-chapter-iii (its chapter numbered anew): those later edits are not in "
                "this build, which reads 002-chapter-iii.script.yaml; make them there (or "
                "delete 002-chapter-iii.script.yaml to have 003-chapter-iii's edits carried "
                "to it again, and those made in it lost)") in said, said
        assert "not in this build: 003-chapter-iii" not in said, said
        assert taken.read_bytes() == before
    taken.unlink()
    said = " ".join(build(runner, src, out, casting).output.split())
    assert "003-chapter-iii's edits are 002-chapter-iii's now" in said, said
    assert "edited after" not in said, said
    speakers = [ln.speaker for ln in load_script(taken).lines if ln.kind == "dialogue"]
    assert speakers == ["Tom", "Ann"], speakers


def test_an_edited_script_of_the_whole_book_is_said_to_be_unused(runner, tmp_path, caplog, spoken):
    """README's steps, extract then fix the script, then `drama build` the book: a book is
    built from its episode scripts, and the edits in out/<name>.script.yaml (extract -o
    out/) were ignored unsaid (walk36: Oliver Twist). The build names the file and where
    to edit; an untouched one is not named."""
    spoken(2)
    src = text_book(tmp_path / "river-days.txt", chapters=2)
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    whole = out / "river-days.script.yaml"
    assert runner.invoke(app, ["extract", str(src), "-o", f"{out}/"]).exit_code == 0
    with caplog.at_level("WARNING"):
        build(runner, src, out, casting)
    assert not [r for r in caplog.records if str(whole) in r.getMessage()]
    script = load_script(whole)
    line = next(ln for ln in script.lines if ln.speaker == "Tom")
    line.speaker = "Mary"
    save_script(script, whole)
    caplog.clear()
    with caplog.at_level("WARNING"):
        build(runner, src, out, casting)
    said = [r.getMessage() for r in caplog.records if str(whole) in r.getMessage()]
    assert said == [f"{whole}: the edits in this script of the whole book are not used: a "
                    f"book is built from its episode scripts in {out / 'river-days'}/, one a "
                    f"chapter (make them there; `drama render {whole}` renders this one as a "
                    "single episode)"], said


def test_an_episode_gone_between_two_looks_is_written_as_the_build_planned(
        tmp_path, monkeypatch):
    """The build looked at an episode's audio once to see it there and again for its time:
    removed in between, the second look raised in a finisher thread; one look now (review36)."""
    import time

    from drama.book import meanwhile
    from drama.errors import DramaError
    watch = meanwhile.CastingNow(tmp_path / "voices.yaml")
    monkeypatch.setattr(watch, "changed", lambda: object())  # the voices were edited
    monkeypatch.setattr(meanwhile, "_stamp", lambda path: (time.time_ns(), 1))  # then gone

    def plan(casting):
        raise DramaError("a speaker without a voice now")
    assert watch.written_meanwhile(tmp_path / "001-chapter-i.mp3", plan) is None


def test_a_studio_render_landing_after_the_builds_last_look_is_not_written_over(
        runner, tmp_path, monkeypatch, spoken):
    """review36: the studio's "render changes" of an episode that landed between the build's
    last look for an episode written meanwhile and its rename was written over with the old
    voice. Both hold the episode's lock from that look to their last rename: the studio's
    render, waiting for it, lands after the build's and is what stays."""
    from drama import locks
    from drama.book import meanwhile
    from drama.render import episode
    spoken(3)
    src = text_book(tmp_path / "river-days.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    folder = out / "river-days"
    build(runner, src, out, casting)
    lock_path = episode.episode_lock_path(folder / "002-chapter-ii.mp3")
    looks, reached, studio = [], threading.Event(), {}

    def studio_renders():
        try:
            studio["mp3"] = studio_speeds_tom_and_renders_episode_2(folder, casting)
        finally:
            reached.set()

    real_look, real_acquire = meanwhile.CastingNow.written_meanwhile, locks.FileLock.acquire

    def look(self, out_path, plan):
        found = real_look(self, out_path, plan)
        if out_path.name == "002-chapter-ii.mp3":
            looks.append(found)
            if len(looks) == 2:  # finish_episode's, the last before its rename
                studio["thread"] = threading.Thread(target=studio_renders)
                studio["thread"].start()
                assert reached.wait(120)  # the studio waits for the episode, or is done
        return found

    def acquire(self, timeout):
        if threading.current_thread() is studio.get("thread") and self.path == lock_path:
            reached.set()
        return real_acquire(self, timeout)

    def temp_path(dest, suffix=""):  # the studio is another process: temporary names its own
        theirs = threading.current_thread() is studio.get("thread")
        return real_temp(dest.with_name(dest.name + "-studio") if theirs else dest, suffix)
    real_temp = episode.temp_path
    monkeypatch.setattr(meanwhile.CastingNow, "written_meanwhile", look)
    monkeypatch.setattr(locks.FileLock, "acquire", acquire)
    monkeypatch.setattr(episode, "temp_path", temp_path)
    build(runner, src, out, casting, "--force")
    studio["thread"].join(120)
    assert looks == [None, None] and "mp3" in studio
    assert (folder / "002-chapter-ii.mp3").read_bytes() == studio["mp3"]
    assert not lock_path.exists()
    monkeypatch.undo()
    after = build(runner, src, out, casting)
    assert "3 episodes (2 rendered)" in after.output  # the studio's episode 2 is current


def test_the_join_ahead_is_told_as_the_last_join_took(tmp_path):
    """newcomer41: a build's bar is told the audiobook's join to come, its seconds as
    book.json records the last join's (0.0 before any), once a step has segments to
    speak or an episode is written anew (so the join follows); never without an
    audiobook."""
    from drama.book.series import SeriesOptions, _join_ahead, _progress_told
    told = []
    step, again, _ = _progress_told(lambda *a, **k: told.append((a, k)), "book", [None, None],
                                    _join_ahead(tmp_path, {"audiobook": {"joined_in": 12.5}},
                                                SeriesOptions()))
    step(4, 4, True)                  # every segment from the cache: nothing foretold
    step(1, 4, True)
    again()
    assert [k for _, k in told] == [{}, {"join_ahead": 12.5}, {"join_ahead": 12.5}]
    # every segment cached, but an episode written anew (its labels changed): joined after
    entries = [None, None]
    told.clear()
    step, again, _ = _progress_told(lambda *a, **k: told.append((a, k)), "book", entries, 3.0)
    step(4, 4, True)
    entries[0] = {"up_to_date": True}
    again()
    entries[1] = {"up_to_date": False}
    again()
    assert [k for _, k in told] == [{}, {}, {"join_ahead": 3.0}]
    assert _join_ahead(tmp_path, {}, SeriesOptions()) == 0.0
    assert _join_ahead(tmp_path, {"audiobook": {"joined_in": "x"}}, SeriesOptions()) == 0.0
    # a hand-written `joined_in: true` is no number of seconds (Python counts true as 1)
    assert _join_ahead(tmp_path, {"audiobook": {"joined_in": True}}, SeriesOptions()) == 0.0
    assert _join_ahead(tmp_path, {}, SeriesOptions(audiobook=False)) is None


def test_a_proposal_is_written_holding_the_locks_a_speakers_edit_holds(tmp_path, monkeypatch):
    """review51: the build read an edited episode and wrote its proposal holding no lock,
    while `drama speakers merge` edits the script and its proposal holding both pair locks:
    a merge made between the build's read and its write was lost from the proposal. The
    build now waits for the proposal's lock (here held by another: it gives up, writing
    nothing)."""
    import drama.locks
    from drama.book.episodes import split_episodes
    from drama.book.scripts import _save_episode
    from drama.errors import OutputError
    from drama.extract import extract_script
    from drama.locks import FileLock
    from drama.saving import pair_lock_path, proposal_path
    text = ('"Row on," said Nell Brook.\n\n"Not yet," said Tam Orr.\n\n'
            'The gulls cried over the grey water.\n')
    ep = split_episodes(extract_script(text), text)[0]
    path = tmp_path / f"{ep.name}.script.yaml"
    ep.script.source_span = (0, len(text))
    from drama.scriptfile import dump_script
    path.write_text(dump_script(ep.script).replace("Tam Orr", "Tam"), encoding="utf-8")
    changed = text.replace("Row on", "Row on now")     # its words changed: a proposal
    ep = split_episodes(extract_script(changed), changed)[0]
    monkeypatch.setattr(drama.locks, "QUIET_WAIT_SECONDS", 0.1)
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0.3")
    with FileLock(pair_lock_path(proposal_path(path)), removable=True) as other:
        assert other.try_acquire()
        with pytest.raises(OutputError, match="another drama run is writing this script"):
            _save_episode(ep, tmp_path, {}, changed)
    assert not proposal_path(path).exists()
    assert "Tam Orr" not in path.read_text(encoding="utf-8")
    assert _save_episode(ep, tmp_path, {}, changed)      # free: the proposal is written
    assert proposal_path(path).exists()


def test_a_rebuild_keeps_a_proposal_a_person_edited_and_renews_an_untouched_one(
        tmp_path, caplog):
    """proposal51 (review51): a rebuild replaced any waiting proposal, so edits a person
    made in it were lost before they moved it over. A proposal now has a hidden copy as a
    script has (saving.is_edited tells): one as drama wrote it is renewed by the next
    build, one a person edited is kept byte for byte, said in one line."""
    from drama.book.episodes import split_episodes
    from drama.book.scripts import _save_episode
    from drama.extract import extract_script
    from drama.saving import proposal_path
    from drama.scriptfile import dump_script
    text = ('"Row on," said Nell Brook.\n\n"Not yet," said Tam Orr.\n\n'
            'The gulls cried over the grey water.\n')

    def rebuilt(new_text: str) -> str | None:
        ep = split_episodes(extract_script(new_text), new_text)[0]
        return _save_episode(ep, tmp_path, {}, new_text)

    ep = split_episodes(extract_script(text), text)[0]
    path = tmp_path / f"{ep.name}.script.yaml"
    ep.script.source_span = (0, len(text))
    path.write_text(dump_script(ep.script).replace("Tam Orr", "Tam"), encoding="utf-8")
    proposal = proposal_path(path)
    assert rebuilt(text.replace("Row on", "Row on now"))           # a proposal written
    assert "Row on now" in proposal.read_text(encoding="utf-8")
    assert rebuilt(text.replace("Row on", "Row on soon"))          # untouched: renewed
    assert "Row on soon" in proposal.read_text(encoding="utf-8")
    proposal.write_text(proposal.read_text(encoding="utf-8").replace("Nell Brook", "Nell"),
                        encoding="utf-8")
    edited = proposal.read_bytes()
    caplog.clear()
    conflict = rebuilt(text.replace("Row on", "Row on later"))    # a person's: kept
    assert proposal.read_bytes() == edited
    assert "has your edits: kept as is" in conflict
    said = [r.getMessage() for r in caplog.records if "has your edits" in r.getMessage()]
    assert len(said) == 1 and "\n" not in said[0] and proposal.name in said[0]


def _fen_lights(chapters: int) -> str:
    """An invented Gutenberg-style book: header, `chapters` chapters, licence footer."""
    head = ("The Project Gutenberg eBook of Fen Lights\n\n"
            "*** START OF THE PROJECT GUTENBERG EBOOK FEN LIGHTS ***\n\n"
            "FEN LIGHTS\n\nby Ann Writer\n\n\n")
    foot = ("\n\n*** END OF THE PROJECT GUTENBERG EBOOK FEN LIGHTS ***\n\n"
            "Updated editions will replace the previous one.\n\n"
            "Section 1. General Terms of Use and Redistributing Project Gutenberg "
            "electronic works\n")
    body = "".join(f"CHAPTER {name}.\n\nThe lamps burned low along the dyke as the boats "
                   f'came in.\n\n"Is the tide turning?" asked Wren Cobb.\n\n"Not yet," '
                   "said Hal Pike.\n\n\n" for name in ["I", "II", "III"][:chapters])
    return head + body + foot


def test_a_chapter_added_before_the_licence_asks_for_none_of_drama_s_own_lines(tmp_path):
    """newcomer53: a chapter appended before the licence moves the licence's skipped lines
    from the last episode, which a person edited (a rename), to the new one. Its proposal
    said "your kind: skipped of '*** END OF THE PROJECT GUTENBERG EBOOK ...' is on no line
    of the new text: give it again" for each: drama's own lines, never the person's. Their
    hidden copy tells them apart now; the person's rename is still carried."""
    from drama.book.episodes import split_episodes
    from drama.book.scripts import _save_episode
    from drama.extract import extract_script
    from drama.saving import proposal_path

    def built(text: str) -> list:
        episodes = split_episodes(extract_script(text), text)
        return [(ep.name, _save_episode(ep, tmp_path, {}, text)) for ep in episodes]

    first = built(_fen_lights(2))
    last = tmp_path / f"{first[-1][0]}.script.yaml"
    assert "END OF THE PROJECT GUTENBERG" in last.read_text(encoding="utf-8")
    last.write_text(last.read_text(encoding="utf-8").replace("Hal Pike", "Hal"),
                    encoding="utf-8")
    conflicts = [c for _, c in built(_fen_lights(3)) if c]
    assert len(conflicts) == 1 and "1 edit of yours carried over" in conflicts[0]
    assert "give it again" not in conflicts[0] and "check" not in conflicts[0]
    proposal = proposal_path(last).read_text(encoding="utf-8")
    assert "speaker: Hal\n" in proposal and "END OF THE PROJECT" not in proposal


def test_a_proposal_moved_over_its_script_leaves_no_hidden_copy(
        runner, tmp_path, monkeypatch, spoken):
    """newcomer53: a proposal moved over its edited script, as the build asks, left its
    hidden copy (.003-chapter-iii.script.new.yaml.extracted) in the book's folder. The next
    build removes it; the moved script is the person's, kept and rendered."""
    src, out, casting = built_river_days(runner, tmp_path, monkeypatch, spoken)
    folder = out / "river-days"
    third = folder / "003-chapter-iii.script.yaml"
    third.write_text(third.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    _edited_in_chapter(src, 3, "harvest", "harbour")
    stopped = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                  "--casting", str(casting)])
    assert stopped.exit_code == 2, stopped.output
    proposal = folder / "003-chapter-iii.script.new.yaml"
    copy = folder / ".003-chapter-iii.script.new.yaml.extracted"
    assert copy.is_file()
    os.replace(proposal, third)
    moved = third.read_bytes()
    assert "1 rendered" in build(runner, src, out, casting).output
    assert not copy.exists() and third.read_bytes() == moved
    assert not [p.name for p in folder.iterdir() if ".script.new." in p.name]


def test_after_a_rename_a_chapter_added_before_the_licence_stops_for_the_last_episode_only(
        runner, tmp_path):
    """What the README says of `speakers rename` and proposals (newcomer53): the renamed
    episodes count as edited, so a chapter added before the licence (which takes the
    licence's skipped lines from the last episode) stops the build with a proposal for the
    last episode alone, asking for none of drama's own lines; moved over it, the next build
    renders the new chapter and leaves no hidden copy of the proposal."""
    src, out, casting = tmp_path / "fen-lights.txt", tmp_path / "out", tmp_path / "voices.yaml"
    src.write_text(_fen_lights(2), encoding="utf-8")
    build(runner, src, out, casting)
    folder = out / "fen-lights"
    renamed = runner.invoke(app, ["speakers", "rename", "Hal Pike", "Hal", "-s", str(folder),
                                  "-c", str(casting)])
    assert renamed.exit_code == 0, renamed.output
    src.write_text(_fen_lights(3), encoding="utf-8")
    stopped = runner.invoke(app, ["build", str(src), "-o", str(out), "--engine", "tone",
                                  "--casting", str(casting)])
    said = " ".join(stopped.output.split())
    assert stopped.exit_code == 2 and "give it again" not in said, said
    proposals = sorted(p.name for p in folder.glob("*.script.new.yaml"))
    assert proposals == ["002-chapter-ii.script.new.yaml"]
    os.replace(folder / proposals[0], folder / "002-chapter-ii.script.yaml")
    assert "3 episodes" in build(runner, src, out, casting).output
    assert (folder / "003-chapter-iii.mp3").is_file()
    assert not [p.name for p in folder.iterdir() if ".script.new." in p.name]
