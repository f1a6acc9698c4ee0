"""The casting commands through the CLI runner: cast --report, speakers, voices, preview."""
from __future__ import annotations

import wave

import pytest

from drama.cli import app

SCRIPT = """\
title: t
lines:
- {speaker: Narrator, kind: narration, text: Mrs. Avery came in. She sat., start: 0, end: 27}
- {speaker: Mrs. Avery, kind: dialogue, text: Good evening to you all., start: 30, end: 54}
- {speaker: Mr. Pym, kind: dialogue, text: Evening., start: 60, end: 68}
- {speaker: Mrs. Avery, kind: dialogue, text: Sit down., start: 70, end: 79}
- {speaker: Avery, kind: dialogue, text: Now., start: 80, end: 84}
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ep1.script.yaml").write_text(SCRIPT, encoding="utf-8")
    return tmp_path


def test_cast_of_a_books_folder_casts_its_episodes(runner, workdir):
    """`drama cast out/<book>/` (as review, check and speakers take it) was "is a folder, not
    a text file" (walk34): it casts the speakers of the episodes book.json lists."""
    import json
    book = workdir / "out" / "tale"
    book.mkdir(parents=True)
    (book / "001-one.script.yaml").write_text(SCRIPT, encoding="utf-8")
    (book / "002-two.script.yaml").write_text(SCRIPT.replace("Mr. Pym", "Mr. Hale"),
                                              encoding="utf-8")
    episodes = [{"name": n, "script": f"{n}.script.yaml"} for n in ("001-one", "002-two")]
    (book / "book.json").write_text(json.dumps({"episodes": episodes}), encoding="utf-8")
    result = runner.invoke(app, ["cast", "out/tale/", "--engine", "tone", "--dry-run"])
    assert result.exit_code == 0, result.output
    for name in ("Mrs. Avery", "Mr. Pym", "Mr. Hale"):
        assert f"  {name}: " in result.output, result.output


def _book_of_two(workdir):
    """out/tale/: a book's folder (book.json) of two episodes, Mr. Hale only in the second."""
    import json
    book = workdir / "out" / "tale"
    book.mkdir(parents=True)
    (book / "001-one.script.yaml").write_text(SCRIPT, encoding="utf-8")
    (book / "002-two.script.yaml").write_text(SCRIPT.replace("Mr. Pym", "Mr. Hale"),
                                              encoding="utf-8")
    episodes = [{"name": n, "script": f"{n}.script.yaml"} for n in ("001-one", "002-two")]
    (book / "book.json").write_text(json.dumps({"episodes": episodes}), encoding="utf-8")
    return book


def test_preview_of_a_books_folder_says_the_speakers_first_line_in_the_book(runner, workdir):
    """`drama preview Martha --script out/marsh-light/` was "is a folder, not a text file"
    (walk34): a book's folder is its episodes, as cast, review and check take it; the line
    said is the voice's first in the book's order."""
    _book_of_two(workdir)
    (workdir / "voices.yaml").write_text(
        "speakers:\n  Mr. Hale: {voice: tone/low}\n  Zed: {voice: tone/high}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["preview", "Mr. Hale", "--script", "out/tale/", "--engine",
                                 "tone", "-o", "s.wav"])
    assert result.exit_code == 0, result.output
    with wave.open(str(workdir / "s.wav")) as w:   # "Evening.": one word (tone: 0.4*60/rate s)
        assert abs(w.getnframes() / w.getframerate() - 60 / 170 * 0.4) < 0.01
    result = runner.invoke(app, ["preview", "Zed", "--script", "out/tale/", "--engine",
                                 "tone", "-o", "s.wav"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "drama: error: out/tale: 'Zed' has no line in this book; use --text, or "
        "--script with one where they speak")


def test_preview_of_a_folder_not_a_books_names_one_script_in_it(runner, workdir):
    """`drama preview NAME --script FOLDER` of a folder with no book.json said "is a folder,
    not a text file" (fix34b left it): it names one script there to give, in a command to
    paste, or says the folder holds none; exit 2."""
    drafts = workdir / "drafts"
    drafts.mkdir()
    for name in ("b.script.yaml", "a.script.yaml"):
        (drafts / name).write_text(SCRIPT, encoding="utf-8")
    result = runner.invoke(app, ["preview", "Mrs. Avery", "--script", "drafts", "--engine",
                                 "tone"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "drama: error: drafts: is a folder, and no book's (no book.json): name one script in "
        "it, e.g. drama preview --script drafts/a.script.yaml 'Mrs. Avery' (there: "
        "a.script.yaml, b.script.yaml)")
    (workdir / "empty").mkdir()
    result = runner.invoke(app, ["preview", "Avery", "--script", "empty/", "--engine", "tone"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "drama: error: empty: is a folder holding no script, and no book's (no book.json): "
        "name one script file or a text, e.g. drama preview --script SCRIPT Avery")


def test_cast_report_table(runner, workdir):
    (workdir / "voices.yaml").write_text(
        "# mine\nspeakers:\n  Mrs. Avery: {voice: tone/high, aliases: [Avery]}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["cast", "ep1.script.yaml", "--engine", "tone", "--report"])
    assert result.exit_code == 0, result.output
    assert "voices.yaml: added 1 speaker: Mr. Pym" in result.output
    rows = [r.split() for r in result.output.splitlines() if r and not r.startswith("voices")]
    assert rows[0] == ["SPEAKER", "LINES", "WORDS", "VOICE", "GENDER"]
    assert rows[1][0] == "Narrator"
    avery = next(r for r in rows if r[:2] == ["Mrs.", "Avery"])
    assert avery[2:4] == ["2", "7"] and avery[4] == "tone/high" and avery[-1] == "female?"
    alias = next(r for r in rows if r[0] == "Avery")
    assert alias[1:5] == ["(as", "Mrs.", "Avery)", "1"] and alias[6] == "tone/high"
    pym = next(r for r in rows if r[:2] == ["Mr.", "Pym"])
    assert pym[-1] == "male" and pym[4] == "tone/low"


def test_a_long_name_or_voice_id_pads_only_its_own_row(runner, workdir):
    """review26/bad26, round 27: `speakers list` padded every row to its longest speaker
    name or voice id (a page-long id: 400 kB of spaces). A column is as wide as its entries
    up to COLUMN_CAP; a longer entry ends its line, and its row goes on under the columns
    (walk33: it ran past, and its counts stood two columns right of the others')."""
    from drama.cli.common import COLUMN_CAP
    long_name = "Lieutenant-Colonel Maximilian Fitzwilliam-Worthington of the Guards"
    script = workdir / "ep1.script.yaml"
    script.write_text(SCRIPT.replace("Mr. Pym", long_name), encoding="utf-8")
    (workdir / "voices.yaml").write_text("speakers:\n  Mrs. Avery: {voice: tone/high}\n",
                                         encoding="utf-8")
    result = runner.invoke(app, ["speakers", "list", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].index("LINES") == COLUMN_CAP + 2, lines  # the names column: capped
    k = next(k for k, ln in enumerate(lines) if ln.startswith(long_name))
    assert lines[k] == long_name  # past its column: alone on its line
    counts = lines[k + 1]
    assert counts[:COLUMN_CAP + 2].strip() == "" and counts.split()[:2] == ["1", "1"], lines
    rows = [ln for ln in lines[1:] if ln != long_name and not ln.startswith("voices.yaml")]
    for col in ("LINES", "WORDS"):  # every row's counts end where their heading does
        end = lines[0].index(col) + len(col)
        assert all(ln[end - 1] != " " and ln[end] == " " for ln in rows), (col, lines)


def test_speakers_changes_nothing(runner, workdir):
    result = runner.invoke(app, ["speakers", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "(not cast)" in result.output
    assert not (workdir / "voices.yaml").exists()


def test_voices_table_filtered(runner):
    result = runner.invoke(app, ["voices", "--engine", "tone", "-l", "en"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ENGINE", "ID", "LANGUAGE", "GENDER", "QUALITY", "NAME"]
    assert [ln.split()[:4] for ln in lines[1:]] == [["tone", "tone/high", "en", "female"],
                                                     ["tone", "tone/low", "en", "male"],
                                                     ["tone", "tone/mid", "en", "female"],
                                                     ["tone", "tone/quiet", "en", "male"]]
    result = runner.invoke(app, ["voices", "--engine", "tone", "-l", "xx"])
    assert result.exit_code == 2
    assert result.output.strip() == ("drama: error: no voice for language 'xx'; "
                                     "run `drama voices` to see them all")


def test_preview_first_line_from_script(runner, workdir, monkeypatch):
    (workdir / "voices.yaml").write_text(
        "speakers:\n  Mrs. Avery: {voice: tone/high, aliases: [Avery]}\n", encoding="utf-8")
    monkeypatch.setenv("PATH", str(workdir))  # no audio player
    result = runner.invoke(app, ["preview", "Avery", "--script", "ep1.script.yaml", "--engine",
                                 "tone", "-o", "s.wav", "--play"])
    assert result.exit_code == 0, result.output
    assert "wrote s.wav (tone/high" in result.output
    assert "no audio player found" in result.output
    with wave.open(str(workdir / "s.wav")) as w:
        # the tone engine: 0.4 * 60/rate s per word; "Good evening to you all." has 5 words
        assert abs(w.getnframes() / w.getframerate() - 5 * 60 / 170 * 0.4) < 0.01


def test_preview_of_a_speaker_without_a_line_there_names_the_script_given(runner, workdir):
    """`drama preview "March Hare" --script out/alice/001-chapter-i.script.yaml` named the
    whole book's text, "Alice.txt: 'March Hare' has no line in this script" (walk31): the
    script given is the one without the line."""
    (workdir / "voices.yaml").write_text(
        "speakers:\n  Mrs. Avery: {voice: tone/high}\n  Zed: {voice: tone/low}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["preview", "Zed", "--script", "ep1.script.yaml", "--engine",
                                 "tone", "-o", "s.wav"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "drama: error: ep1.script.yaml: 'Zed' has no line in this script; use --text, or "
        "--script with one where they speak")


def test_preview_writes_the_format_its_name_asks_for(runner, workdir):
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", "one two three",
                                 "-o", "a.mp3"])
    assert result.exit_code == 0, result.output
    head = (workdir / "a.mp3").read_bytes()[:3]
    assert head == b"ID3" or head[0] == 0xFF      # an MP3 frame or tag, not a RIFF/WAV header
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", "x", "-o", "a.doc"])
    assert result.exit_code == 2
    assert "unknown audio format 'doc'" in result.output
    assert not (workdir / "a.doc").exists()


def test_preview_to_standard_output_says_audio_needs_a_file(runner, workdir):
    """fixes48: `preview -o -` (as extract and export take it) said "unknown audio format
    '(none)'"; audio is never written to standard output, and the error says so."""
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", "x", "-o", "-"])
    assert result.exit_code == 2
    assert result.output.startswith("drama: error: -: audio is not written to standard output: "
                                    "give a file name ending in one of .wav, ")
    assert len(result.output.strip().splitlines()) == 1
    assert not (workdir / "-").exists()


def test_preview_unknown_speaker(runner, workdir):
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    result = runner.invoke(app, ["preview", "Zed", "--engine", "tone", "--text", "hi"])
    assert result.exit_code == 2
    assert result.output.strip() == ("drama: error: voices.yaml: no speaker 'Zed'; "
                                     "run `drama cast` or check the spelling")
    # ux30: a name close to the cast's is shown them
    (workdir / "voices.yaml").write_text("speakers:\n  Anna Karenina: {voice: tone/low}\n",
                                         encoding="utf-8")
    result = runner.invoke(app, ["preview", "Ana Karenina", "--engine", "tone", "--text", "hi"])
    assert result.output.strip() == ("drama: error: voices.yaml: no speaker 'Ana Karenina'; "
                                     "did you mean 'Anna Karenina'?")


def test_new_commands_have_help(runner):
    for command in ("speakers", "cast", "preview", "voices"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_preview_help_gives_the_file_it_writes_by_default(runner, workdir):
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", "one two"])
    assert result.exit_code == 0, result.output
    assert (workdir / "output" / "preview-A.wav").is_file()
    help_text = " ".join(runner.invoke(app, ["preview", "--help"], env={"COLUMNS": "200"})
                         .output.split())
    assert "(default output/preview-SPEAKER.wav, or -WORD with --word)" in help_text


def test_cast_interrupted_says_what_it_leaves_not_renders_wording(runner, workdir, monkeypatch):
    """bad27: Ctrl-C during `drama cast` said "finished segments are cached" (render's)."""
    import drama.casting

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(drama.casting, "cast_speakers", stopped)
    result = runner.invoke(app, ["cast", "ep1.script.yaml", "--engine", "tone"])
    assert result.exit_code == 130
    assert "interrupted; the casting file is written whole or not at all" in result.output
    assert "segments" not in result.output
    assert not (workdir / "voices.yaml").exists()


def test_only_a_render_says_its_segments_are_cached_when_interrupted(runner, workdir,
                                                                     monkeypatch):
    """bad27: every command said render's "finished segments are cached" on Ctrl-C."""
    import drama.loading
    import drama.pipeline   # imported before the patch: render imports it, and a module first
    import drama.render     # imported under the patch would keep the stub for later tests

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(drama.render, "render_script", stopped)
    monkeypatch.setattr(drama.loading, "extract_to_file", stopped)
    monkeypatch.setattr(drama.loading, "extract_source", stopped)
    (workdir / "voices.yaml").write_text("narrator: {voice: tone/mid}\nspeakers:\n"
                                         "  Mrs. Avery: {voice: tone/high}\n"
                                         "  Mr. Pym: {voice: tone/low}\n"
                                         "  Avery: {voice: tone/high}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", "ep1.script.yaml", "--engine", "tone"])
    assert result.exit_code == 130, result.output
    assert "drama: interrupted; finished segments are cached, run again" in result.output
    (workdir / "tale.txt").write_text("“Hello,” said Tom.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "tale.txt"])
    assert result.exit_code == 130 and result.output == "drama: interrupted\n"


def test_speakers_marks_a_voice_its_engine_does_not_have(runner, workdir):
    """walk32: `drama speakers` listed a voice id mistyped in voices.yaml without a word,
    where check, render, cast and preview refuse it. The listing still lists (exit 0), and
    marks the voice as those commands would find it (VoiceCatalog.knows), saying how to list
    the engine's voices; a voice the engine has is not marked."""
    (workdir / "voices.yaml").write_text(
        "speakers:\n  Mrs. Avery: {voice: tone/hihg}\n  Mr. Pym: {voice: tone/low}\n",
        encoding="utf-8")
    result = runner.invoke(app, ["speakers", "ep1.script.yaml", "--engine", "tone"])
    assert result.exit_code == 0, result.output
    avery = next(ln for ln in result.output.splitlines() if ln.startswith("Mrs. Avery"))
    pym = next(ln for ln in result.output.splitlines() if ln.startswith("Mr. Pym"))
    assert "tone/hihg p50 r170 (unknown voice)" in avery and "unknown" not in pym
    notes = [ln for ln in result.output.splitlines() if "unknown voice '" in ln]
    assert len(notes) == 1 and notes[0].startswith(
        "voices.yaml: Mrs. Avery: unknown voice 'tone/hihg'; did you mean tone/high or "), notes
    assert notes[0].endswith("`drama voices --engine tone` lists them"), notes
    assert "(unknown voice)" not in result.output.splitlines()[1]  # the default narrator


def test_speakers_refuses_a_casting_file_that_cast_and_check_refuse(runner, workdir):
    """newcomer40: `drama speakers` listed a narrator with `speaker: 3` on a voice of an
    engine with one speaker a voice (exit 0), where cast, check and render refuse the file.
    It reads the file through the same checks now, with the same error; only a voice the
    engine lacks is still listed, marked (the test above)."""
    (workdir / "voices.yaml").write_text(
        "narrator: {voice: tone/mid, speaker: 3}\nspeakers:\n  Mrs. Avery: {voice: tone/high}\n",
        encoding="utf-8")
    listed = runner.invoke(app, ["speakers", "ep1.script.yaml", "--engine", "tone"])
    cast = runner.invoke(app, ["cast", "ep1.script.yaml", "--engine", "tone", "--dry-run"])
    assert cast.exit_code == 2, cast.output
    assert listed.exit_code == 2, listed.output
    said = "voices.yaml:1: narrator -> speaker: picks a speaker of a multi-speaker Piper voice"
    assert said in cast.output and said in listed.output, listed.output
    assert "SPEAKER" not in listed.output


def test_speakers_lists_the_cast_where_its_default_engine_cannot_be_made(runner, workdir,
                                                                         monkeypatch):
    """The listing reads no engine to list: where 'auto''s pyttsx3 (espeak-ng) is not
    installed, it lists the cast unmarked as before; an engine named is still checked."""
    import drama.engines
    from drama.errors import EngineError

    def missing(name="pyttsx3"):
        raise EngineError("espeak-ng is not installed")
    monkeypatch.setattr(drama.engines, "make_engine", missing)
    (workdir / "voices.yaml").write_text("speakers:\n  Mrs. Avery: {voice: tone/hihg}\n",
                                         encoding="utf-8")
    result = runner.invoke(app, ["speakers", "ep1.script.yaml"])
    assert result.exit_code == 0 and "Mrs. Avery" in result.output, result.output
    named = runner.invoke(app, ["speakers", "ep1.script.yaml", "--engine", "pyttsx3"])
    assert named.exit_code == 2 and "espeak-ng is not installed" in named.output


def test_casting_thousands_of_speakers_names_the_first_and_counts_the_rest(runner, workdir):
    """hostile33: `drama cast` of a text with 10,000 speakers wrote every name on one line
    (60 kB); it names the first NAMES_SAID and counts the rest, as build does."""
    from drama.wording import NAMES_SAID
    names = [f"Speaker {chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(300)]
    lines = "".join(f"- {{speaker: {n}, kind: dialogue, text: Hello., start: {i * 7}, "
                    f"end: {i * 7 + 6}}}\n" for i, n in enumerate(names))
    (workdir / "many.script.yaml").write_text(f"title: t\nlines:\n{lines}", encoding="utf-8")
    result = runner.invoke(app, ["cast", "many.script.yaml", "--engine", "tone"])
    assert result.exit_code == 0, result.output
    said = next(ln for ln in result.output.splitlines() if ": added 300 speakers: " in ln)
    assert said.endswith(f"{names[NAMES_SAID - 1]} and {300 - NAMES_SAID} more")
    assert names[NAMES_SAID] not in said


def test_preview_of_a_long_text_says_its_first_pieces_only(runner, workdir, caplog):
    """hostile52: `drama preview Anna --text` of 100,000 characters was given to espeak-ng
    whole, which crashed (a segmentation fault, exit 139, no message); the studio's audition
    of a speaker whose first line is that long too. A preview says its first pieces, at most
    MAX_SAMPLE_CHARS, and says so."""
    from drama.render.pieces import MAX_SAMPLE_CHARS, sample_of
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    text = "The tide went out over the flats. " * 3000
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", text,
                                 "-o", "s.wav"])
    assert result.exit_code == 0, result.output
    sample = sample_of(text)
    assert text.startswith(sample) and sample.endswith("flats.")
    assert MAX_SAMPLE_CHARS - 600 < len(sample) <= MAX_SAMPLE_CHARS
    assert (f"the sample is 102,000 characters long: the preview says its first "
            f"{len(sample):,}") in caplog.text
    assert "said as" not in result.output
    with wave.open(str(workdir / "s.wav")) as w:    # the tone engine: 0.4 * 60/rate s a word
        words = round(w.getnframes() / w.getframerate() / (60 / 170 * 0.4))
    assert words == len(sample.split())


def test_preview_of_a_text_long_by_its_spaces_alone_says_all_of_it_and_no_warning(
        runner, workdir, caplog):
    """review52: a --text over MAX_SAMPLE_CHARS by its spaces alone (a pasted paragraph's
    runs of spaces, 5,250 characters, 4,749 once folded) was said whole but warned "the
    preview says its first 4,749", which was all of it."""
    (workdir / "voices.yaml").write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    text = "The tide went out.   " * 250
    result = runner.invoke(app, ["preview", "A", "--engine", "tone", "--text", text,
                                 "-o", "s.wav"])
    assert result.exit_code == 0, result.output
    assert "the sample is" not in caplog.text and "said as" not in result.output
    with wave.open(str(workdir / "s.wav")) as w:    # the tone engine: 0.4 * 60/rate s a word
        words = round(w.getnframes() / w.getframerate() / (60 / 170 * 0.4))
    assert words == len(text.split())
