"""`drama export` and `drama check` through the CLI runner: exit codes and exact messages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drama.cli import app
from drama.export import EXPORTERS
from drama.model import Line
from drama.scriptfile import load_script, save_script

DATA = Path(__file__).parent / "data"


@pytest.fixture
def episode(tmp_path) -> Path:
    """A script with its source and render manifest, laid out as `drama build` leaves them."""
    shutil.copy(DATA / "excerpt_000.txt", tmp_path / "excerpt_000.txt")
    text = (DATA / "excerpt_000.script.yaml").read_text(encoding="utf-8")
    script = tmp_path / "excerpt_000.script.yaml"
    script.write_text(text.replace("source: tests/data/excerpt_000.txt",
                                   f"source: {tmp_path / 'excerpt_000.txt'}"), encoding="utf-8")
    shutil.copy(DATA / "excerpt_000.manifest.json", tmp_path / "excerpt_000.manifest.json")
    shutil.copy(DATA / "golden_voices.yaml", tmp_path / "voices.yaml")
    return script


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_export_writes_every_format(runner, episode, fmt):
    out = episode.parent / f"out.{fmt}"
    result = runner.invoke(app, ["export", str(episode), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()
    assert result.output.strip() == f"wrote {out}"


def test_subtitles_without_a_manifest_say_render_first(runner, episode, monkeypatch):
    monkeypatch.chdir(episode.parent)
    episode.with_name("excerpt_000.manifest.json").unlink()
    result = runner.invoke(app, ["export", str(episode), "--format", "srt"])
    assert result.exit_code == 2
    manifest = episode.with_name("excerpt_000.manifest.json")
    assert result.output.strip() == (
        f"drama: error: {episode}: no render manifest beside it ({manifest}) nor in a folder "
        f"of this one: subtitles are timed by the audio, so render first "
        f"(`drama render {episode}`), or pass the manifest render wrote with "
        f"--manifest FOLDER/excerpt_000.manifest.json")


def test_subtitles_find_the_manifest_a_render_wrote_into_another_folder(runner, episode,
                                                                       monkeypatch, caplog):
    """ux24: `drama render s/x.script.yaml -o wav/` puts wav/x.manifest.json; `drama export
    s/x.script.yaml -f srt` looked only beside the script and asked for --manifest."""
    monkeypatch.chdir(episode.parent)
    (episode.parent / "wav").mkdir()
    episode.with_name("excerpt_000.manifest.json").rename(
        episode.parent / "wav" / "excerpt_000.manifest.json")
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 0, result.output
    assert [r.getMessage() for r in caplog.records] == [
        f"{episode}: subtitles timed by wav/excerpt_000.manifest.json, the render found there "
        "(--manifest to choose another)"]
    assert "1\n00:00:00" in result.output


def test_of_several_manifests_elsewhere_the_one_of_these_lines_times_them(runner, episode,
                                                                        monkeypatch, caplog):
    monkeypatch.chdir(episode.parent)
    manifest = episode.with_name("excerpt_000.manifest.json")
    for folder in ("a", "b"):
        (episode.parent / folder).mkdir()
        shutil.copy(manifest, episode.parent / folder / manifest.name)
    manifest.unlink()
    both = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert both.exit_code == 2
    assert "several render manifests could time its subtitles (a/excerpt_000.manifest.json, " \
        "b/excerpt_000.manifest.json); pass one with --manifest" in both.output
    other = episode.parent / "b" / manifest.name
    doc = json.loads(other.read_text(encoding="utf-8"))
    doc["lines"][0]["text"] = "Words this script never had."
    other.write_text(json.dumps(doc), encoding="utf-8")
    one = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert one.exit_code == 0 and "timed by a/excerpt_000.manifest.json" in caplog.text


def test_a_manifest_of_another_text_elsewhere_is_not_taken(runner, episode, monkeypatch):
    """review24: another book's render of the same name (000, excerpt_000) was the one
    manifest found, so it timed these subtitles, with only a warning; a render of an
    earlier version (a line added at the top since) still is."""
    monkeypatch.chdir(episode.parent)
    manifest = episode.with_name("excerpt_000.manifest.json")
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.unlink()
    (episode.parent / "other").mkdir()
    other = json.loads(json.dumps(doc))
    for item in other["lines"]:
        item["text"] = f"Another book's line {item['index']}."
    (episode.parent / "other" / manifest.name).write_text(json.dumps(other), encoding="utf-8")
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 2
    assert "(other/excerpt_000.manifest.json) hold mostly other lines than it" in result.output
    (episode.parent / "older").mkdir()
    for item in doc["lines"]:
        item["index"] += 1   # the script has one line fewer at the top than when rendered
    (episode.parent / "older" / manifest.name).write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 0, result.output
    assert "1\n00:00:00" in result.output


def test_a_folder_it_may_not_look_in_is_passed_over(runner, episode, monkeypatch):
    """review24: a folder of the working folder it may not read (another user's) made
    export fail with "permission denied" though the render was in wav/."""
    import os
    monkeypatch.chdir(episode.parent)
    manifest = episode.with_name("excerpt_000.manifest.json")
    for folder in ("locked", "wav"):
        (episode.parent / folder).mkdir()
    manifest.rename(episode.parent / "wav" / manifest.name)
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if "locked" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 0, result.output


def test_render_default_folder_is_looked_in_past_the_folders_sorting_before_it(
        runner, episode, monkeypatch):
    """review24: only the first 200 folders of the working folder are looked in, so
    output/, where render writes when not told, went unseen behind 200 others."""
    from drama.export.subtitles import MANIFEST_SEARCH_FOLDERS
    monkeypatch.chdir(episode.parent)
    for k in range(MANIFEST_SEARCH_FOLDERS + 1):
        (episode.parent / f"a{k:03}").mkdir()
    (episode.parent / "output").mkdir()
    manifest = episode.with_name("excerpt_000.manifest.json")
    manifest.rename(episode.parent / "output" / manifest.name)
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 0, result.output


def test_manifest_option_and_manifest_argument(runner, episode, tmp_path):
    moved = tmp_path / "elsewhere.json"
    episode.with_name("excerpt_000.manifest.json").rename(moved)
    by_option = runner.invoke(app, ["export", str(episode), "-f", "vtt", "--manifest", str(moved)])
    assert by_option.exit_code == 0 and by_option.output.startswith("WEBVTT")
    manifest = tmp_path / "x.manifest.json"
    shutil.copy(moved, manifest)
    by_arg = runner.invoke(app, ["export", str(manifest), "-f", "vtt"])
    assert by_arg.output == by_option.output
    other = runner.invoke(app, ["export", str(manifest), "-f", "md"])
    assert other.exit_code == 2 and "only makes subtitles" in other.output


@pytest.mark.parametrize("given", ["output/excerpt_000.script.yaml", "seeds/excerpt_000.txt"])
def test_a_json_export_elsewhere_names_its_source_from_its_own_folder(runner, tmp_path,
                                                                      monkeypatch, given):
    """ux30: `drama export output/x.script.yaml -f json -o other/dir/x.json` kept the
    script's `source: seeds/x.txt`, which from other/dir/ names nothing: `drama check` of
    the export found no source. The export records it as `drama extract -o` does (the
    path from the file's folder), so the JSON script is checked from anywhere; without -o
    the source is as the script records it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "output").mkdir()
    shutil.copy(DATA / "excerpt_000.txt", tmp_path / "seeds" / "excerpt_000.txt")
    text = (DATA / "excerpt_000.script.yaml").read_text(encoding="utf-8")
    (tmp_path / "output" / "excerpt_000.script.yaml").write_text(
        text.replace("source: tests/data/", "source: seeds/"), encoding="utf-8")
    result = runner.invoke(app, ["export", given, "-f", "json", "-o", "other/dir/x.json"])
    assert result.exit_code == 0, result.output
    exported = json.loads((tmp_path / "other" / "dir" / "x.json").read_text(encoding="utf-8"))
    assert exported["source"] == "../../seeds/excerpt_000.txt"
    monkeypatch.chdir(tmp_path / "other" / "dir")
    result = runner.invoke(app, ["check", "x.json", "-c", "none.yaml"])
    assert "cannot find the source text" not in result.output
    assert "lost" not in result.output and "x.json: 1 problem: 1 missing casting file" in \
        result.output
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "output/excerpt_000.script.yaml", "-f", "json"])
    assert json.loads(result.output)["source"] == "seeds/excerpt_000.txt"


def test_the_format_follows_the_output_name_and_a_clash_is_refused(runner, episode):
    """ux30: `drama export S -o play.fountain` wrote a radio play (txt, the default) into
    play.fountain, and `-f md -o x.json` Markdown into x.json, both without a word. The
    format now follows -o's ending when --format is not given, a file named for another
    format than the one asked is refused (nothing written), and --format takes any case;
    a .txt may hold any of them."""
    folder = episode.parent
    result = runner.invoke(app, ["export", str(episode), "-o", str(folder / "play.fountain")])
    assert result.exit_code == 0, result.output
    assert (folder / "play.fountain").read_text(encoding="utf-8").startswith("Title: ")
    result = runner.invoke(app, ["export", str(episode), "-f", "md", "-o", str(folder / "x.json")])
    assert result.exit_code == 2
    assert result.output.strip() == (f"drama: error: {folder / 'x.json'}: its name ends in "
                                      ".json, but --format is md: name the file .md, or pass "
                                      "--format json")
    assert not (folder / "x.json").exists()
    result = runner.invoke(app, ["export", str(episode), "-f", "Fountain", "-o",
                                 str(folder / "play.txt")])
    assert result.exit_code == 0, result.output
    assert (folder / "play.txt").read_text(encoding="utf-8").startswith("Title: ")


@pytest.mark.parametrize("name", ["play.docx", "play.PDF", "play.rtf"])
def test_an_ending_export_does_not_write_is_refused_unless_a_format_is_given(runner, episode,
                                                                            name):
    """walk32: `drama export S -o play.docx` wrote a radio play (txt) into play.docx, said
    `wrote play.docx` and exited 0: a word processor then opens plain text, or refuses it.
    --format txt writes it there as asked; a name without an ending is a txt, as before."""
    target = episode.parent / name
    result = runner.invoke(app, ["export", str(episode), "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    ending = name[name.rindex("."):]
    assert result.output.strip() == (f"drama: error: {target}: its name ends in {ending}, "
                                      "none of export's formats (txt, md, fountain, json, srt, "
                                      "vtt): name the file .txt for the radio play, or pass "
                                      "--format to write one of them there")
    result = runner.invoke(app, ["export", str(episode), "-f", "txt", "-o", str(target)])
    assert result.exit_code == 0, result.output
    for plain in ("play", "play.v2", "Chapter 1. The River"):
        result = runner.invoke(app, ["export", str(episode), "-o", str(episode.parent / plain)])
        assert result.exit_code == 0, result.output


def test_a_file_named_as_a_script_holds_only_a_script(runner, episode):
    """review30: `drama export S -o copy.script.yaml` wrote a radio play into a file
    that drama reads as a script (check and render then refused it as broken YAML); json,
    a script drama reads, may be written there."""
    target = episode.parent / "copy.script.yaml"
    result = runner.invoke(app, ["export", str(episode), "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert result.output.strip() == (f"drama: error: {target}: its name ends in .yaml, which "
                                      "drama reads as a script, but --format is txt: name "
                                      "the file .txt, or pass --format json (a script drama "
                                      "reads)")
    result = runner.invoke(app, ["export", str(episode), "-f", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load_script(target).lines == load_script(episode).lines


@pytest.mark.parametrize("name, fmt, what", [
    ("excerpt_000.wav", None, "an audio file's"),
    ("excerpt_000.MP3", "md", "an audio file's"),
    ("book.m4b", None, "an audio file's"),
    ("excerpt_000.manifest.json", "json", "a render manifest's"),
    ("feed.xml", None, "a podcast feed's"),
    ("cover.jpg", "fountain", "a picture's"),
    ("emma.epub", None, "a book's"),
])
def test_a_file_named_as_drama_s_audio_or_other_files_is_refused(runner, episode, name, fmt,
                                                                   what):
    """hostile31: `drama export S -o output/S.wav` (or a book's `-o out/emma/emma.m4b`,
    `001-....mp3`, `feed.xml`) wrote the radio play over the rendered episode, audiobook or
    feed, exit 0 (and recorded the text beside an episode as drama's); `-f json -o
    S.manifest.json` put a script where render reads its manifest. Such a name is refused,
    the file there left as it was."""
    target = episode.parent / name
    target.write_bytes(b"RIFF not text")
    args = ["export", str(episode), "-o", str(target)] + (["-f", fmt] if fmt else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    ending = ".manifest.json" if "manifest" in name else target.suffix
    written = fmt or "txt"
    assert result.output.strip() == (
        f"drama: error: {target}: its name ends in {ending}, {what} name, but export writes "
        f"the script as text ({written}): name the file .{written}")
    assert target.read_bytes() == b"RIFF not text"
    assert not list(episode.parent.glob(f".{name}.written"))


def test_a_folder_s_name_gives_no_format(runner, episode):
    """review30: `-o notes.md` where notes.md is a folder wrote Markdown into
    notes.md/<name>.md: the ending -o's format follows is a file's, not a folder's."""
    folder = episode.parent / "notes.md"
    folder.mkdir()
    result = runner.invoke(app, ["export", str(episode), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == [f"{episode.name.split('.')[0]}.txt"]


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_output_dash_is_standard_output(runner, episode, fmt, monkeypatch):
    """fix31c: `drama export S -o -` wrote a file named `-`. As elsewhere in Unix, `-o -`
    is standard output: the export alone on it, as without -o, and no file written."""
    monkeypatch.chdir(episode.parent)
    result = runner.invoke(app, ["export", str(episode), "-f", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout == runner.invoke(app, ["export", str(episode), "-f", fmt]).stdout
    assert result.stdout.strip() and "wrote" not in result.stdout
    assert not (episode.parent / "-").exists()


def test_output_dash_of_no_text_format_is_one_line(runner, episode, monkeypatch):
    monkeypatch.chdir(episode.parent)
    result = runner.invoke(app, ["export", str(episode), "-f", "mp3", "-o", "-"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("drama: error: unknown format 'mp3'; known: "
                             f"{', '.join(EXPORTERS)}\n")
    assert not (episode.parent / "-").exists()


def test_broken_manifest_names_the_file(runner, episode):
    manifest = episode.with_name("excerpt_000.manifest.json")
    manifest.write_text('{"lines": [{"speaker": "A", "text": "x", "start": 2, "end": 1}]}',
                        encoding="utf-8")
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 2
    assert result.output.startswith(f"drama: error: {manifest}: lines -> 1: start and end")


def test_a_manifest_that_cannot_be_read_says_why_as_every_file_does(runner, episode):
    """hostile52: `export -m LOOP` said "cannot read the manifest: [Errno 40] Too many
    levels of symbolic links: 'loop'", Python's repr of the error with the path twice."""
    loop = episode.with_name("loop.manifest.json")
    loop.symlink_to(loop)
    result = runner.invoke(app, ["export", str(episode), "-f", "srt", "-m", str(loop)])
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {loop}: cannot read: Too many levels of "
                             "symbolic links\n")


def test_a_manifest_not_in_utf8_says_so_as_every_file_does(runner, episode):
    """review52: a manifest not in UTF-8 said "cannot read the manifest: 'utf-8' codec can't
    decode byte 0xff in position 0: invalid start byte", Python's words; every other file
    drama reads names the byte, its line and column (files.utf8_text)."""
    bad = episode.with_name("bad.manifest.json")
    bad.write_bytes(b'{"lines": []}\n\xff\n')
    result = runner.invoke(app, ["export", str(episode), "-f", "srt", "-m", str(bad)])
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {bad}:2: not valid UTF-8 text: byte 0xFF at "
                             "column 1, 'ÿ' in Windows-1252; save it as UTF-8\n")


def test_a_manifests_problems_are_counted_as_shown(runner, episode):
    """Both of two broken entries shown, and no "(and 1 more)" after them (walk33)."""
    manifest = episode.with_name("excerpt_000.manifest.json")
    bad = {"speaker": "A", "text": "x", "start": 2, "end": 1}
    manifest.write_text(json.dumps({"lines": [bad, bad]}), encoding="utf-8")
    result = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"drama: error: {manifest}: lines -> 1: start and end must be seconds with start <= "
        "end; lines -> 2: start and end must be seconds with start <= end; render again to "
        "rewrite it")


def test_md_cast_list_takes_voices_from_the_casting_file(runner, episode):
    casting = episode.with_name("voices.yaml")
    result = runner.invoke(app, ["export", str(episode), "-f", "md", "--casting", str(casting)])
    assert "| Another sailor | `gmw/en-gb-scotland+m2` | 2 |" in result.output
    without = runner.invoke(app, ["export", str(episode), "-f", "md", "--casting",
                                  str(episode.with_name("absent.yaml"))])
    assert "| Another sailor | 2 |" in without.output


def test_unknown_narration_style(runner, episode):
    result = runner.invoke(app, ["export", str(episode), "--narration", "mumble"])
    assert result.exit_code == 2
    assert result.output.strip() == ("drama: error: unknown narration style 'mumble'; "
                                     "known: narrator, plain")


# ------------------------------------------------------------------ check

def test_check_clean_script(runner, episode):
    casting = episode.with_name("voices.yaml")
    casting.write_text(casting.read_text(encoding="utf-8") + "  Someone: {voice: gmw/en}\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["check", str(episode), "--casting", str(casting)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"{episode}: ok: 17 lines, 154 words of the source in "
                                     "order, 4 speakers cast")
    assert len(result.output.strip().splitlines()) == 1


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_lost_words_and_uncast_speakers_with_line_numbers(runner, episode):
    casting = episode.with_name("voices.yaml")
    _edit(episode, "text: A sailor, bemused, refused", "text: A sailor refused")
    _edit(episode, "- speaker: Someone", "- speaker: Somebody")
    result = runner.invoke(app, ["check", str(episode), "--casting", str(casting)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0] == f"{episode}: 2 problems: 1 word difference, 1 uncast speaker"
    assert len(lines) == 3
    yaml_lines = episode.read_text(encoding="utf-8").splitlines()
    entry = next(i for i, ln in enumerate(yaml_lines, 1) if "A sailor refused" in ln) - 2
    assert lines[1] == (f"{episode}:{entry}: line 6: 'bemused' is in its span (source line 7) "
                        "but not in its text")
    somebody = next(i for i, ln in enumerate(yaml_lines, 1) if "Somebody" in ln)
    assert lines[2] == (f"{episode}:{somebody}: line 11: speaker 'Somebody' has no voice in "
                        f"{casting}; run `drama cast` or fix the name")


def test_check_names_the_cast_speaker_a_misspelt_one_is_close_to(runner, episode):
    """walk32: a speaker's name mistyped in a script by hand ("Bessie Beaty") was "has no
    voice ...; run `drama cast` or fix the name", naming no name to fix it to, where
    preview and speakers say "did you mean"."""
    casting = episode.with_name("voices.yaml")
    casting.write_text(casting.read_text(encoding="utf-8") + "  Someone: {voice: gmw/en}\n",
                       encoding="utf-8")
    _edit(episode, "- speaker: Someone", "- speaker: Somone")
    result = runner.invoke(app, ["check", str(episode), "--casting", str(casting)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[1].endswith(
        f"speaker 'Somone' has no voice in {casting}; did you mean 'Someone'? Fix the name, "
        "or run `drama cast` to give it a voice")


def test_a_word_added_at_the_end_of_a_line_names_its_source_line(runner, episode):
    """A word typed after a line's last word came past the end of its span: the message
    said "(near the source)", naming no line."""
    text = episode.read_text(encoding="utf-8")
    start = text.index("text: A sailor, bemused, refused")
    end = text.index("\n", start)
    episode.write_text(text[:end] + " loudly" + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["check", str(episode)])
    assert result.exit_code == 2
    assert "'loudly' is not in the source here (near source line 7)" in result.output, \
        result.output
    assert "near the source)" not in result.output


def test_check_takes_several_scripts_as_a_glob_gives_them(runner, episode):
    """`drama check output/*.script.yaml`, as `drama speakers` takes it: each script's
    report in turn, exit 2 when any is not clean; --source belongs to one script only."""
    casting = episode.with_name("voices.yaml")
    casting.write_text(casting.read_text(encoding="utf-8") + "  Someone: {voice: gmw/en}\n",
                       encoding="utf-8")
    other = episode.with_name("other.script.yaml")
    other.write_text(episode.read_text(encoding="utf-8"), encoding="utf-8")
    both = runner.invoke(app, ["check", str(episode), str(other), "--casting", str(casting)])
    assert both.exit_code == 0, both.output
    assert [ln.split(": ok: ")[0] for ln in both.output.strip().splitlines()] == \
        [str(episode), str(other)]
    _edit(other, "- speaker: Someone", "- speaker: Somebody")
    one_bad = runner.invoke(app, ["check", str(episode), str(other), "--casting", str(casting)])
    assert one_bad.exit_code == 2
    assert one_bad.output.startswith(f"{episode}: ok: ")
    assert f"{other}: 1 problem: 1 uncast speaker" in one_bad.output
    sourced = runner.invoke(app, ["check", str(episode), str(other), "--source",
                                  str(episode.with_name("excerpt_000.txt"))])
    assert sourced.exit_code == 2
    assert "--source is one script's source text" in sourced.output


def test_check_finds_a_deleted_line(runner, episode):
    script = load_script(episode)
    del script.lines[5]
    save_script(script, episode)
    result = runner.invoke(app, ["check", str(episode), "--casting", "none.yaml"])
    source = episode.with_name("excerpt_000.txt")
    assert (f"{source}:7: 'A sailor bemused refused to let them through' is in the source but "
            "in no script line (before line 6)") in result.output


def test_check_accepts_a_split_line_but_asks_for_its_spans(runner, episode):
    script = load_script(episode)
    line = script.lines[5]  # "A sailor, bemused, refused to let them through."
    first = Line(line.speaker, line.kind, "A sailor, bemused,", line.start, line.end)
    second = Line("Sailor", line.kind, "refused to let them through.", line.start, line.end)
    script.lines[5:6] = [first, second]
    save_script(script, episode)
    result = runner.invoke(app, ["check", str(episode), "--casting", "none.yaml"])
    assert "word difference" not in result.output.splitlines()[0]
    assert "line 7: span" in result.output and "a split line needs its own start and end" \
        in result.output
    # with the spans fixed by hand the split is clean
    second.start = line.start + len("A sailor, bemused, ")
    first.end = second.start - 1
    save_script(script, episode)
    casting = episode.with_name("voices.yaml")
    casting.write_text(casting.read_text(encoding="utf-8") + "  Someone: {voice: gmw/en}\n"
                       "  Sailor: {voice: gmw/en}\n", encoding="utf-8")
    clean = runner.invoke(app, ["check", str(episode), "--casting", str(casting)])
    assert clean.exit_code == 0, clean.output


def test_check_notices_a_changed_source(runner, episode):
    source = episode.with_name("excerpt_000.txt")
    _edit(source, "They did not make it a block.", "They did not make it one block.")
    result = runner.invoke(app, ["check", str(episode), "--casting",
                                 str(episode.with_name("voices.yaml"))])
    assert result.exit_code == 2
    assert "the source text changed since this script was extracted" in result.output
    assert "line 2: 'a' where the source has 'one'" in result.output


def test_check_without_source_is_a_clear_error(runner, episode):
    episode.with_name("excerpt_000.txt").unlink()
    result = runner.invoke(app, ["check", str(episode)])
    assert result.exit_code == 2
    assert result.output.startswith(f"drama: error: {episode}: cannot find the source text")
    assert "--source PATH" in result.output


def test_check_without_casting_file(runner, episode):
    """ux30: the summary said "1 problem: 1 uncast speaker" of a script with 44 speakers
    and no voices.yaml: the problem is the missing file, and the summary says so."""
    result = runner.invoke(app, ["check", str(episode), "--casting",
                                 str(episode.with_name("none.yaml"))])
    assert result.exit_code == 2
    assert f"{episode}: 1 problem: 1 missing casting file\n" in result.output
    assert "no such casting file, so no speaker has a voice" in result.output


def test_export_refuses_a_span_past_the_end_of_the_source_as_render_does(runner, episode):
    script = load_script(episode)
    script.lines[-1].end = 99999
    save_script(script, episode)
    render = runner.invoke(app, ["render", str(episode), "--engine", "tone",
                                 "-o", str(episode.with_name("x.wav"))])
    assert render.exit_code == 2 and "past the end" in render.output, render.output
    for fmt in ("txt", "json"):
        result = runner.invoke(app, ["export", str(episode), "--format", fmt])
        assert result.exit_code == 2, result.output
        assert result.output == render.output
    assert not episode.with_name("x.wav").exists()


def test_subtitles_of_a_script_edited_since_its_render_say_so(runner, episode, caplog):
    unedited = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert unedited.exit_code == 0 and not caplog.records
    script = load_script(episode)
    script.lines[1] = Line(**{**script.lines[1].__dict__, "speaker": "Someone Else"})
    save_script(script, episode)
    edited = runner.invoke(app, ["export", str(episode), "-f", "srt"])
    assert edited.exit_code == 0
    assert edited.output == unedited.output        # the captions still follow the audio
    assert [r.getMessage() for r in caplog.records] == [
        f"{episode}: 1 line differs since the audio was rendered; the subtitles follow the "
        "audio: render again to caption your edits"]


def test_a_line_rendered_in_pieces_is_not_taken_for_an_edit(runner, episode, caplog):
    manifest = episode.with_name("excerpt_000.manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    long = max(data["lines"], key=lambda item: len(item["text"].split()))
    words = long["text"].split()
    half = len(words) // 2
    first, second = dict(long), dict(long)
    first["text"], second["text"] = " ".join(words[:half]), " ".join(words[half:])
    first["end"] = second["start"] = (long["start"] + long["end"]) / 2
    at = data["lines"].index(long)
    data["lines"][at:at + 1] = [first, second]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["export", str(episode), "-f", "vtt"])
    assert result.exit_code == 0 and not caplog.records


@pytest.mark.parametrize("first_time, stop_at", [(True, 1), (True, 2),
                                                  (False, 1), (False, 2), (False, 3)])
def test_a_render_stopped_while_writing_subtitles_leaves_them_drama_s(tmp_path, monkeypatch,
                                                                      caplog, stop_at,
                                                                      first_time):
    """bad27: the subtitles were written, then their record; a run stopped between the two
    (killed, a full disk) left a file its record did not know, taken for a person's edit
    for good: every later render kept the stale subtitles, saying they were edited. Each
    of the writes (the record, the file, the record again) is stopped in turn."""
    import drama.export.written as written
    srt = tmp_path / "ep.srt"
    if not first_time:
        assert written.write_own_exports({srt: "1\nold\n"}) == [str(srt)]
    real, writes = written.write_atomic, []

    def stopped(path, data, **kw):
        writes.append(path)
        if len(writes) == stop_at:
            raise KeyboardInterrupt
        return real(path, data, **kw)
    monkeypatch.setattr(written, "write_atomic", stopped)
    with pytest.raises(KeyboardInterrupt):
        written.write_own_exports({srt: "1\nrender two\n"})
    monkeypatch.setattr(written, "write_atomic", real)
    assert written.write_own_exports({srt: "1\nrender three\n"}) == [str(srt)]
    assert srt.read_text(encoding="utf-8") == "1\nrender three\n"
    assert "edited since drama wrote it" not in caplog.text
    srt.write_text("1\na person's\n", encoding="utf-8")  # and a person's edit is still kept
    assert written.write_own_exports({srt: "1\nrender four\n"}) == []
    assert srt.read_text(encoding="utf-8") == "1\na person's\n"


QUOTED_IN_NARRATION = ("The colonel wrote an appeal to the Cossacks “in the name of freedom” "
                       "and sent it.\n\n“Read it,” said Ann.\n\nHe called it a “plan”.\n")


@pytest.mark.parametrize("fmt", ["txt", "md", "fountain"])
def test_a_phrase_the_narrator_quotes_keeps_its_quotation_marks(runner, tmp_path, fmt):
    """A narrator line's text is what is spoken, marks dropped; an export shows the
    source's marks, so a quoted phrase does not read as the narrator's own words."""
    text = tmp_path / "appeal.txt"
    text.write_text(QUOTED_IN_NARRATION, encoding="utf-8")
    script = tmp_path / "appeal.script.yaml"
    assert runner.invoke(app, ["extract", str(text), "-o", str(script)]).exit_code == 0
    narration = [ln.text for ln in load_script(script).lines if ln.kind == "narration"]
    assert "the Cossacks in the name of freedom and" in narration[0]  # spoken without marks
    result = runner.invoke(app, ["export", str(script), "--format", fmt])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "the Cossacks “in the name of freedom” and sent it." in shown
    assert "called it a “plan”." in shown
    assert shown.count("freedom") == 1 and shown.count("Read it,") == 1


def test_an_edited_narrator_line_is_exported_as_edited(runner, tmp_path):
    """A narrator line a person rewrote no longer reads as its source: its own text shows."""
    text = tmp_path / "appeal.txt"
    text.write_text(QUOTED_IN_NARRATION, encoding="utf-8")
    script = tmp_path / "appeal.script.yaml"
    assert runner.invoke(app, ["extract", str(text), "-o", str(script)]).exit_code == 0
    loaded = load_script(script)
    loaded.lines[0].text = loaded.lines[0].text.replace("appeal", "appeal, short,")
    save_script(loaded, script)
    result = runner.invoke(app, ["export", str(script), "--format", "txt"])
    assert "appeal, short, to the Cossacks in the name" in " ".join(result.output.split())


def test_a_fountain_title_page_names_the_author_drama_knows(runner, tmp_path, monkeypatch):
    """ux33: the Fountain export's title page named no author, where the text names one
    (its `Author:` line) or `--author` gives one. Then it reads as a screenplay's: "Written
    by" the author, drama's adaptation its source; `--author ''` and a text naming none
    keep the page as it was."""
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text(
        "Title: The Mill\n\nAuthor: Ann Writer\n\n\nThe river ran past the old mill all "
        "night, and the wheel turned in the dark.\n\n\"Is it late?\" asked Tom.\n",
        encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "out/"]).exit_code == 0

    def page(*extra: str) -> list[str]:
        result = runner.invoke(app, ["export", "out/story.script.yaml", "-f", "fountain",
                                     *extra])
        assert result.exit_code == 0, result.output
        return result.output.split("\n\n")[0].splitlines()

    assert page() == ["Title: The Mill", "Credit: Written by", "Author: Ann Writer",
                      "Source: Adapted by drama from story.txt"]
    assert page("--author", "Bo  Dee")[2] == "Author: Bo Dee"
    assert page("--author", "") == ["Title: The Mill", "Credit: Adapted by drama",
                                    "Source: story.txt"]
    given = runner.invoke(app, ["export", "story.txt", "-f", "fountain"])  # the text itself
    assert "\nAuthor: Ann Writer\n" in given.output, given.output
    Path("story.txt").write_text(Path("story.txt").read_text().split("\n\n\n", 1)[1])
    assert runner.invoke(app, ["extract", "story.txt", "-o", "out/"]).exit_code == 0
    assert page() == ["Title: Story", "Credit: Adapted by drama", "Source: story.txt"]


def test_an_export_without_its_changed_or_missing_source_says_so(runner, tmp_path,
                                                                  monkeypatch, caplog):
    """newcomer50: a narrator line's quotation marks are shown from the source text; a script
    whose source changed since extraction (or is gone) was exported without them, unsaid.
    Now a warning names the script and why; a source as extracted, or json (the script
    itself), says nothing."""
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "gate.txt"
    story.write_text('The sign on the gate said "Keep Out" in red paint.\n\n'
                     '"We go in," said Wenna.\n', encoding="utf-8")
    assert runner.invoke(app, ["extract", "gate.txt", "-o", "gate.script.yaml"]).exit_code == 0
    result = runner.invoke(app, ["export", "gate.script.yaml", "-f", "txt"])
    assert '"Keep Out"' in result.stdout and not _warnings(caplog)
    story.write_text(story.read_text(encoding="utf-8").replace("red", "bright red"),
                     encoding="utf-8")
    for why in ("its source text gate.txt changed since it was extracted",
                "its source text 'gate.txt' is not there"):
        for fmt in ("txt", "md", "fountain"):
            caplog.clear()
            result = runner.invoke(app, ["export", "gate.script.yaml", "-f", fmt])
            assert result.exit_code == 0, result.output
            assert "Keep Out" in result.stdout and '"Keep Out"' not in result.stdout
            assert _warnings(caplog) == [
                f"gate.script.yaml: {why}: exported without the quotation marks the source "
                "has in the narrator's lines (restore the text, or extract it again, to have "
                "them)"], fmt
        caplog.clear()
        result = runner.invoke(app, ["export", "gate.script.yaml", "-f", "json"])
        assert result.exit_code == 0 and not _warnings(caplog)
        story.unlink(missing_ok=True)


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
