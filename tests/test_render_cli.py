"""`drama render` through the CLI runner: the summary line, options, and clear errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drama.cli import app
from drama.model import Line, Script
from drama.scriptfile import save_script
from render_util import TONE_CASTING, ebur128


def setup(tmp_path, lines=None, title="Rain"):
    """tmp_path's ep.script.json of lines (by default a narration and two speakers' lines)
    and voices.yaml casting them to tones."""
    script = tmp_path / "ep.script.json"
    lines = lines or [Line("Narrator", "narration", "It began to rain.", 0, 17),
                      Line("Anna", "dialogue", "Come inside.", 18, 30),
                      Line("Boris", "dialogue", "In a minute.", 31, 43)]
    save_script(Script(title=title, lines=lines), script)
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    return script


def invoke(runner, tmp_path, *args):
    return runner.invoke(app, ["render", str(setup(tmp_path)), "--engine", "tone",
                               "-c", str(tmp_path / "voices.yaml"), "-j", "1", *args])


def test_render_summary_counts_and_duration(runner, tmp_path):
    out = tmp_path / "ep.wav"
    first = invoke(runner, tmp_path, "-o", str(out))
    assert first.exit_code == 0, first.output
    last = first.output.strip().splitlines()[-1]
    assert re.fullmatch(r"synthesized 3 segments, reused 0 from cache; "
                        r"duration 0:\d\d\.\d \(\d+\.\d s\)", last), last
    again = invoke(runner, tmp_path, "-o", str(out), "--force")
    assert "synthesized 0 segments, reused 3 from cache" in again.output
    kept = invoke(runner, tmp_path, "-o", str(out))  # up to date: no segment is even loaded
    assert "synthesized 0 segments, reused 0 from cache" in kept.output
    assert kept.output.strip().endswith("; up to date")


def test_render_options_reach_the_renderer(runner, tmp_path):
    out = tmp_path / "ep.m4b"
    result = invoke(runner, tmp_path, "-o", str(out), "-f", "mp3", "--loudness", "acx",
                    "--pauses", "head=1.0,tail=3")
    assert result.exit_code == 0, result.output
    assert out.exists() and out.with_suffix(".mp3").exists()
    doc = json.loads((tmp_path / "ep.manifest.json").read_text())
    assert doc["loudness"]["target"] == "acx"
    assert doc["lines"][0]["start"] == 1.0
    assert doc["duration"] == round(doc["lines"][-1]["end"] + 3.0, 3)
    assert -23 <= ebur128(out.with_suffix(".mp3"))["integrated"] <= -14


def test_render_errors_are_one_line(runner, tmp_path):
    for args, message in [(["--loudness", "loud"], "unknown loudness target 'loud'"),
                          (["-o", str(tmp_path / "ep.flac")], "unknown audio format 'flac'"),
                          (["--pauses", "scene=forever"], "pause scene must be a number")]:
        result = invoke(runner, tmp_path, *args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("drama: error: ") and message in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_the_pauses_help_names_every_pause():
    # the help had fallen behind the pauses render knows (chapter, sentence, clause)
    from dataclasses import fields
    from drama.cli.render import PAUSES_HELP
    from drama.render.pauses import Pauses
    listed = PAUSES_HELP.rsplit("names:", 1)[1].strip(" .").split(", ")
    assert sorted(listed) == sorted(f.name for f in fields(Pauses))


def test_a_render_logs_its_stages_as_a_build_does(runner, tmp_path, caplog):
    """DRAMA_LOG=info showed a book build's stages but nothing of a single render's."""
    import logging
    text = tmp_path / "ep.txt"
    text.write_text('"Come inside," said Anna.\n', encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="drama"):
        result = runner.invoke(app, ["render", str(text), "--engine", "tone", "-c",
                                     str(tmp_path / "voices.yaml"), "-j", "1",
                                     "-o", str(tmp_path / "ep.wav")])
    assert result.exit_code == 0, result.output
    stages = [r.getMessage() for r in caplog.records
              if r.levelno == logging.INFO and r.name != "drama.render.headroom"]
    assert stages == [f"{text}: script extracted", "synthesis: done, 2 segments",
                      "ep.wav: written"]


PASSAGE = '"Come in," said Tom.\n\n"Thank you," said Anna.\n'


def _render_text(runner, *args):
    return runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1", *args])


def _edit_speaker(script: Path, new: str = "speaker: Ann") -> None:
    """A person's edit of a script of PASSAGE: Anna's line given to `new`."""
    script.write_text(script.read_text(encoding="utf-8").replace("speaker: Anna", new),
                      encoding="utf-8")


def _two_texts_named_story(folder: Path) -> None:
    """a/story.txt (Tom and Anna) and b/story.txt (Olga) in folder: two texts of one name."""
    for name, text in (("a", PASSAGE), ("b", '"Good night," said Olga.\n')):
        (folder / name).mkdir(parents=True)
        (folder / name / "story.txt").write_text(text, encoding="utf-8")


def _spoken_by(manifest: Path) -> list[str]:
    return [ln["speaker"] for ln in json.loads(manifest.read_text())["lines"]
            if ln.get("kind", "dialogue") == "dialogue" and ln["speaker"] != "Narrator"]


@pytest.mark.parametrize("folder", ["out", "output"])
def test_render_of_a_text_renders_its_edited_script(work, runner, folder):
    """ux25a: `drama render story.txt` only warned that the person's edited script of the
    text was not read, then wrote the episode without their edits. Like build, it renders
    that script (in the -o folder, output/ or beside the text) and says which it used."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", f"{folder}/"]).exit_code == 0
    script = work / folder / "story.script.yaml"
    args = ["-o", "out/"] if folder == "out" else []
    first = _render_text(runner, *args)
    assert first.exit_code == 0, first.output
    assert f"story.txt: rendering its script {folder}/story.script.yaml (as extracted)" \
        in first.output
    _edit_speaker(script)
    edited = _render_text(runner, *args)
    assert edited.exit_code == 0, edited.output
    assert f"story.txt: rendering its script {folder}/story.script.yaml (your edits kept)" \
        in edited.output
    spoken = _spoken_by(work / ("out" if folder == "out" else "output") /
                        "story.manifest.json")
    assert "Ann" in spoken and "Anna" not in spoken


def test_render_of_a_changed_text_keeps_the_edited_script_and_proposes(work, runner):
    """As build does: the text changed under an edited script, so nothing is rendered; the
    proposal with the edits carried over is written beside the script."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    script = work / "output" / "story.script.yaml"
    _edit_speaker(script)
    edited = script.read_bytes()
    (work / "story.txt").write_text(PASSAGE.replace("Come in", "Come inside"),
                                    encoding="utf-8")
    result = _render_text(runner)
    assert result.exit_code == 2, result.output
    assert "kept as it is" in result.output and "and render again" in result.output
    assert script.read_bytes() == edited
    assert "speaker: Ann\n" in (work / "output" / "story.script.new.yaml").read_text()
    assert not (work / "output" / "story.wav").exists()


def test_the_proposal_beside_an_edited_script_keeps_its_comments_bom_and_line_ends(
        work, runner):
    """keep37/fix38: a re-extraction's proposal (.script.new.yaml) was the carried script
    dumped bare: the person's comments, BOM and CRLF, kept by every edit of their file,
    were not in the file they are asked to move over it (scriptkeep.kept_in_new_file)."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    script = work / "output" / "story.script.yaml"
    _edit_speaker(script)
    text = script.read_text(encoding="utf-8").replace("- speaker: Ann\n",
                                                      "- speaker: Ann   # checked\n")
    script.write_bytes(("\ufeff# reviewed by Ann\n" + text).replace("\n", "\r\n")
                       .encode("utf-8"))
    (work / "story.txt").write_text(PASSAGE.replace("Come in", "Come inside"),
                                    encoding="utf-8")
    assert _render_text(runner).exit_code == 2
    proposal = (work / "output" / "story.script.new.yaml").read_bytes().decode("utf-8")
    assert proposal.startswith("\ufeff# reviewed by Ann\r\n")
    assert "- speaker: Ann   # checked\r\n" in proposal and "Come inside" in proposal
    assert "\n" not in proposal.replace("\r\n", "")


def test_render_of_a_text_without_a_script_says_it_extracted_it(work, runner):
    result = _render_text(runner, "-o", "out/")
    assert result.exit_code == 0, result.output
    assert "story.txt: no saved script of this text, extracted now" in result.output
    assert not (work / "out" / "story.script.yaml").exists()  # render writes no script


def test_render_of_a_text_finds_its_script_by_another_name(work, runner):
    """The README's own step 1 names the script output/000.script.yaml, not after the text:
    render of the text found no script of it and rendered without the person's edits."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/000.script.yaml"]
                         ).exit_code == 0
    (work / "output" / "other.script.yaml").write_text("title: x\nsource: other.txt\nlines: []\n",
                                                       encoding="utf-8")
    script = work / "output" / "000.script.yaml"
    _edit_speaker(script)
    result = _render_text(runner)
    assert result.exit_code == 0, result.output
    assert "story.txt: rendering its script output/000.script.yaml (your edits kept)" \
        in result.output
    assert "Ann" in _spoken_by(work / "output" / "story.manifest.json")


def test_render_of_a_text_passes_over_another_texts_script_of_its_name(work, runner):
    """review25: a/story.txt and b/story.txt share output/. Render of b took a's edited
    output/story.script.yaml for its own (the recorded source's name alone was compared),
    called b "changed since this script was extracted" and told the person to move a
    proposal of b's text over a's script: following it would have lost a's edits."""
    _two_texts_named_story(work)
    assert runner.invoke(app, ["extract", "a/story.txt", "-o", "output/"]).exit_code == 0
    script = work / "output" / "story.script.yaml"
    _edit_speaker(script)
    edited = script.read_bytes()
    result = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1",
                                 "-o", "out/"])
    assert result.exit_code == 0, result.output
    assert "b/story.txt: no saved script of this text, extracted now" in result.output
    assert not (work / "output" / "story.script.new.yaml").exists()
    assert script.read_bytes() == edited
    assert "Olga" in _spoken_by(work / "out" / "story.manifest.json")


def test_render_of_a_text_refuses_its_script_broken_by_an_edit(work, runner):
    """review25: a person's edit broke the YAML of output/story.script.yaml; render of the
    text said "no saved script of this text, extracted now" and rendered without their
    edits. Build stops on that file with its line; render does too."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    script = work / "output" / "story.script.yaml"
    _edit_speaker(script, "speaker: [Ann")
    result = _render_text(runner)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("drama: error: output/story.script.yaml:")
    assert len(result.output.strip().splitlines()) == 1
    assert not (work / "output" / "story.wav").exists()


def test_render_of_a_text_names_another_edited_script_it_does_not_read(work, runner, caplog):
    """review25: with output/story.script.yaml as extracted and the person's edits in
    output/mine.script.yaml (both of story.txt), render said only "rendering its script
    output/story.script.yaml (as extracted)": their edits were passed over unsaid."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    for out in ("output/", "output/mine.script.yaml"):
        assert runner.invoke(app, ["extract", "story.txt", "-o", out]).exit_code == 0
    mine = work / "output" / "mine.script.yaml"
    _edit_speaker(mine)
    result = _render_text(runner)
    assert result.exit_code == 0, result.output
    notices = [r.getMessage() for r in caplog.records if "is not read" in r.getMessage()]
    assert notices == [
        "output/mine.script.yaml: another script of story.txt, edited, is not read: "
        "output/story.script.yaml is rendered; to render your edits there give that script "
        "instead: output/mine.script.yaml"]


def test_render_of_a_text_from_inside_output_finds_its_script_there(work, runner,
                                                                       monkeypatch):
    """review25: `cd output; drama render ../story.txt` said "no saved script of this text,
    extracted now" and rendered without the person's edits in output/story.script.yaml,
    the folder it ran in (output/ was then output/output/)."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    script = work / "output" / "story.script.yaml"
    _edit_speaker(script)
    monkeypatch.chdir(work / "output")
    result = runner.invoke(app, ["render", "../story.txt", "--engine", "tone", "-j", "1",
                                 "-c", "../voices.yaml"])
    assert result.exit_code == 0, result.output
    assert "../story.txt: rendering its script story.script.yaml (your edits kept)" \
        in result.output
    assert "Ann" in _spoken_by(work / "output" / "output" / "story.manifest.json")


def test_render_says_when_its_script_has_no_source_to_hold_it_to(work, runner, caplog):
    """review25: a script whose source text moved away (or changed) rendered shorter, its
    paragraph and scene pauses gone and its words unchecked, and said nothing of it."""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    args = ["render", "output/story.script.yaml", "--engine", "tone", "-j", "1"]
    assert runner.invoke(app, args).exit_code == 0
    assert not [r for r in caplog.records if "not found unchanged" in r.getMessage()]
    (work / "story.txt").rename(work / "moved.txt")
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [r.getMessage() for r in caplog.records if "not found unchanged" in r.getMessage()
            ] == ["output/story.script.yaml: its source text story.txt is not found unchanged "
                  "(`drama check` says why): rendered as written, its words not checked "
                  "against it and without the pauses its paragraphs and scenes give"]


def test_render_writes_again_the_subtitles_and_text_a_build_left(runner, tmp_path):
    """make demo (build) leaves <name>.srt/.vtt/.txt beside the audio; rendering the edited
    script again must not leave them telling of the old audio and speakers."""
    out = tmp_path / "ep.wav"
    assert invoke(runner, tmp_path, "-o", str(out)).exit_code == 0
    script = tmp_path / "ep.script.json"
    assert runner.invoke(app, ["export", str(script), "-o", str(tmp_path / "ep.txt")]
                         ).exit_code == 0  # the radio play, as build writes it
    assert "BORIS: In a minute." in (tmp_path / "ep.txt").read_text(encoding="utf-8")
    assert runner.invoke(app, ["export", str(script), "-f", "srt", "-o", str(tmp_path)]
                         ).exit_code == 0  # the subtitles of the render before
    doc = json.loads(script.read_text(encoding="utf-8"))
    doc["lines"][2]["speaker"] = "Anna"  # Boris's line is Anna's: a new voice, new timing
    script.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-c", str(tmp_path / "voices.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote again from this render" in result.output
    assert "ANNA: In a minute." in (tmp_path / "ep.txt").read_text(encoding="utf-8")
    srt = (tmp_path / "ep.srt").read_text(encoding="utf-8")
    assert "ANNA: In a minute." in srt
    assert (tmp_path / "ep.vtt").exists()  # subtitles are written as a pair, as build does
    again = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                "-c", str(tmp_path / "voices.yaml"), "-o", str(out)])
    assert "up to date" in again.output and "wrote again" not in again.output  # unchanged
    (tmp_path / "ep.txt").unlink()
    for ext in ("srt", "vtt"):
        (tmp_path / f"ep.{ext}").unlink()
    invoke_again = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                       "-c", str(tmp_path / "voices.yaml"), "-o", str(out),
                                       "--force"])
    assert invoke_again.exit_code == 0, invoke_again.output
    assert not any((tmp_path / f"ep.{ext}").exists() for ext in ("srt", "vtt", "txt"))


def test_render_keeps_the_subtitles_and_text_a_person_edited(runner, tmp_path, caplog):
    """ux26: a person's edits of the .srt or radio-play .txt beside an episode were written
    over by the next render. drama records what it wrote (.<file>.written); a file that
    no longer holds that is kept, one line saying so and how to have drama's again, while
    the files still drama's follow the render."""
    out = tmp_path / "ep.wav"
    assert invoke(runner, tmp_path, "-o", str(out)).exit_code == 0
    script = tmp_path / "ep.script.json"
    for fmt in ("txt", "srt", "vtt"):
        assert runner.invoke(app, ["export", str(script), "-f", fmt, "-o", f"{tmp_path}/"]
                             ).exit_code == 0
    edited = {}
    for ext in ("srt", "txt"):
        path = tmp_path / f"ep.{ext}"
        path.write_text(path.read_text(encoding="utf-8").replace("minute.", "minute!"),
                        encoding="utf-8")
        edited[ext] = path.read_bytes()
    doc = json.loads(script.read_text(encoding="utf-8"))
    doc["lines"][2]["speaker"] = "Anna"
    script.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-c", str(tmp_path / "voices.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for ext in ("srt", "txt"):
        assert (tmp_path / f"ep.{ext}").read_bytes() == edited[ext]
        said = [r.getMessage() for r in caplog.records if f"ep.{ext}:" in r.getMessage()]
        assert len(said) == 1 and "kept as it is" in said[0], said
        assert f"`drama export {script} --format {ext} -o {tmp_path / f'ep.{ext}'}`" \
            in said[0]
    assert "<v Anna>In a minute." in (tmp_path / "ep.vtt").read_text(encoding="utf-8")
    assert result.output.count("wrote again") == 1  # the .vtt only
    again = runner.invoke(app, ["export", str(script), "-f", "srt", "-o",
                                str(tmp_path / "ep.srt")])  # as the message says
    assert again.exit_code == 0 and "ANNA: In a minute." in (tmp_path / "ep.srt").read_text(
        encoding="utf-8")


def test_an_export_elsewhere_leaves_no_hidden_record(runner, tmp_path):
    """review26, round 27: `drama export -o elsewhere/ep.srt` left `.ep.srt.written` there,
    a hidden file nothing reads: only a file beside its episode's manifest is written again
    by a render, so only there is what drama wrote recorded."""
    assert invoke(runner, tmp_path, "-o", str(tmp_path / "ep.wav")).exit_code == 0
    script, elsewhere = tmp_path / "ep.script.json", tmp_path / "elsewhere"
    elsewhere.mkdir()
    for fmt in ("srt", "txt"):
        result = runner.invoke(app, ["export", str(script), "-f", fmt, "-o", f"{elsewhere}/"])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"wrote {elsewhere / f'ep.{fmt}'}"
        beside = runner.invoke(app, ["export", str(script), "-f", fmt, "-o", f"{tmp_path}/"])
        assert beside.exit_code == 0, beside.output
        assert (tmp_path / f".ep.{fmt}.written").is_file()  # where the render writes it
    assert sorted(p.name for p in elsewhere.iterdir()) == ["ep.srt", "ep.txt"]


def test_a_radio_play_exported_beside_its_script_before_a_render_follows_the_render(
        runner, tmp_path):
    """review27: `drama export ep.script.json -f txt -o ./` before the first render (no
    manifest yet) left no record, so after an edit of the script the render kept the radio
    play drama had written as "edited since drama wrote it". A file beside its script is
    one a render writes again, as one beside its manifest is."""
    script = setup(tmp_path)
    exported = runner.invoke(app, ["export", str(script), "-f", "txt", "-o", f"{tmp_path}/"])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / ".ep.txt.written").is_file()
    doc = json.loads(script.read_text(encoding="utf-8"))
    doc["lines"][2]["speaker"] = "Clara"
    script.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-c",
                                 str(tmp_path / "voices.yaml"), "-j", "1", "-o",
                                 str(tmp_path / "ep.wav")])
    assert result.exit_code == 0, result.output
    assert "edited since drama wrote it" not in result.output
    assert "CLARA" in (tmp_path / "ep.txt").read_text(encoding="utf-8")


def test_a_run_killed_between_a_subtitle_and_its_record_leaves_no_edit_behind(tmp_path):
    """review26: drama writes the .srt, then its `.ep.srt.written` record; a run killed
    between the two left drama's own new file under the old record, and the next render
    whose subtitles change kept it for ever as "edited since drama wrote it". A file
    holding what drama writes now is recorded as drama's again."""
    from drama.export import write_export, write_own_exports
    srt = tmp_path / "ep.srt"
    write_export(srt, "1\nold\n")
    srt.write_text("1\nnew\n", encoding="utf-8")  # written; killed before its record
    assert write_own_exports({srt: "1\nnew\n"}) == []  # the next run: the same subtitles
    assert write_own_exports({srt: "1\nnewer\n"}) == [str(srt)]
    assert srt.read_text(encoding="utf-8") == "1\nnewer\n"


def test_a_build_keeps_the_subtitles_a_person_edited(work, runner):
    """ux26: build wrote the .srt, .vtt and .txt beside each episode over a person's
    edits too."""
    tone = ["--engine", "tone", "-j", "1"]
    assert runner.invoke(app, ["build", "story.txt", *tone]).exit_code == 0
    srt = work / "output" / "story.srt"
    srt.write_text(srt.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = srt.read_bytes()
    script = work / "output" / "story.script.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "speaker: Narrator", "speaker: Someone", 1).replace("kind: narration", "kind: dialogue", 1),
        encoding="utf-8")
    result = runner.invoke(app, ["build", "story.txt", *tone])
    assert result.exit_code == 0, result.output
    assert srt.read_bytes() == edited


@pytest.mark.parametrize("rendered", ["story.txt", "output/story.script.yaml"])
def test_render_without_f_after_a_build_finds_the_episode_up_to_date(work, runner, rendered):
    """walk27: `drama render TEXT` (no -f) right after `make demo` wrote the .wav and the
    manifest again with mp3 dropped from it (the build's formats are wav and mp3, render's
    were the .wav alone), so the next build assembled the episode again: two assemblies
    for nothing changed. With no -f, render writes the formats the episode's last render
    wrote, as a book's episode does."""
    tone = ["--engine", "tone", "-j", "1"]
    assert runner.invoke(app, ["build", "story.txt", *tone]).exit_code == 0
    manifest = work / "output" / "story.manifest.json"
    built = manifest.read_bytes()
    result = runner.invoke(app, ["render", rendered, *tone])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("; up to date"), result.output
    assert "output/story.wav, output/story.mp3: up to date, kept" in result.output
    assert manifest.read_bytes() == built
    again = runner.invoke(app, ["build", "story.txt", *tone])
    assert "reused 0 from cache" in again.output and "up to date" in again.output


def test_render_never_writes_over_a_text_of_the_episode_s_name(runner, tmp_path):
    """story.txt beside story.script.yaml and story.wav is the source, not a radio play:
    render leaves it as it is."""
    out = tmp_path / "ep.wav"
    prose = "Rain.\n\nIt began to rain. \"Come inside.\" \"In a minute.\"\n"
    (tmp_path / "ep.txt").write_text(prose, encoding="utf-8")
    result = invoke(runner, tmp_path, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ep.txt").read_text(encoding="utf-8") == prose
    assert "wrote again" not in result.output


def test_render_of_a_text_refuses_another_texts_episode_of_its_name(work, runner):
    """ux25c: a/story.txt and b/story.txt, each rendered with the default output: b's
    output/story.wav replaced a's episode unsaid. The manifest records the text an episode
    is of; render to the default file stops there, naming both and -o."""
    _two_texts_named_story(work)
    first = runner.invoke(app, ["render", "a/story.txt", "--engine", "tone", "-j", "1"])
    assert first.exit_code == 0, first.output
    episode = (work / "output" / "story.wav").read_bytes()
    result = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: output/story.wav is the episode of a/story.txt, and b/story.txt shares "
        "its name: pass -o FILE to render b/story.txt to a file of its own")
    assert (work / "output" / "story.wav").read_bytes() == episode
    again = runner.invoke(app, ["render", "a/story.txt", "--engine", "tone", "-j", "1"])
    assert again.exit_code == 0, again.output  # its own episode: rendered as before
    own = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1",
                              "-o", "output/b-story.wav"])
    assert own.exit_code == 0, own.output
    assert "Olga" in _spoken_by(work / "output" / "b-story.manifest.json")


def test_render_of_a_text_refuses_another_texts_script_of_its_name(work, runner):
    """review26: `drama extract a/story.txt -o output/`, then `drama render b/story.txt`
    put b's episode (output/story.wav) beside a's script, and then build refused both texts
    (b's for the script, a's for the manifest). Render refuses as build does."""
    _two_texts_named_story(work)
    assert runner.invoke(app, ["extract", "a/story.txt", "-o", "output/"]).exit_code == 0
    result = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: output/story.script.yaml is the script of a/story.txt, and b/story.txt "
        "shares its name: pass -o FILE to render b/story.txt to a file of its own")
    assert not (work / "output" / "story.wav").exists()


def test_render_never_writes_over_its_source_reached_from_another_folder(runner, tmp_path,
                                                                         monkeypatch):
    """ux25c: a source that opens as a radio play does (title, underline, "CAST: ..."),
    texts/ep.txt, extracted from the folder above, then rendered from inside texts/ to
    ep.wav beside it: its recorded path (texts/ep.txt) is not found from there, and
    refresh_render_texts took it for the episode's radio play and wrote over it. The
    manifest's recorded source keeps it out."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    source = tmp_path / "texts" / "ep.txt"
    prose = ('Rain\n====\n\nCAST: is what the boatmen called the rain.\n\n'
             '"Come inside," said Anna.\n\n"In a minute," said Boris.\n')
    source.write_text(prose, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["extract", "texts/ep.txt", "-o", "output/"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "texts")
    result = runner.invoke(app, ["render", "../output/ep.script.yaml", "--engine", "tone",
                                 "-j", "1", "-c", "../voices.yaml", "-o", "ep.wav"])
    assert result.exit_code == 0, result.output
    assert source.read_text(encoding="utf-8") == prose
    assert "wrote again" not in result.output


def test_render_refuses_another_texts_episode_in_an_output_folder_linked_elsewhere(
        runner, tmp_path, monkeypatch):
    """review25b: output/ a link to a folder elsewhere (another disk, say). The manifest
    records the source relative to output's real folder (../../home/u/proj/a/story.txt),
    but it was read back from the link's path (output/../../home/...), which names no file:
    no owner, so b/story.txt's render replaced a/story.txt's episode unsaid."""
    project = tmp_path / "home" / "u" / "proj"
    _two_texts_named_story(project)
    (tmp_path / "disk" / "out").mkdir(parents=True)
    (project / "output").symlink_to(tmp_path / "disk" / "out", target_is_directory=True)
    (project / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    monkeypatch.chdir(project)
    first = runner.invoke(app, ["render", "a/story.txt", "--engine", "tone", "-j", "1"])
    assert first.exit_code == 0, first.output
    episode = (project / "output" / "story.wav").read_bytes()
    result = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "output/story.wav is the episode of " in result.output
    assert "a/story.txt, and b/story.txt shares its name" in result.output
    assert (project / "output" / "story.wav").read_bytes() == episode
    again = runner.invoke(app, ["render", "a/story.txt", "--engine", "tone", "-j", "1"])
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("recorded", ["x" * 300, "a/\0b", "/", "."])
def test_render_over_a_manifest_recording_a_source_that_is_no_file(work, runner, recorded):
    """review25b: a manifest whose "source" names no text (written by hand, or broken) is
    no other text's episode: the render replaces it. A name too long for the system
    stopped it ("File name too long", exit 2); a NUL or a folder must not be taken for a
    text either (same_file answers for folders, and raises on a NUL)."""
    first = runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1"])
    assert first.exit_code == 0, first.output
    manifest = work / "output" / "story.manifest.json"
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**doc, "source": recorded}), encoding="utf-8")
    again = runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1",
                                "--force"])
    assert again.exit_code == 0, again.output
    assert json.loads(manifest.read_text(encoding="utf-8"))["source"] == "../story.txt"


def test_render_of_a_script_whose_source_changed_records_no_other_file_as_its_text(
        work, runner, monkeypatch):
    """review25b: story.txt built, then edited; its script rendered from inside output/
    (story.wav there). find_source, the text changed, answers the first file of its name
    it finds: output/story.txt, the radio play. The manifest recorded that as the
    episode's text, so `drama render story.txt` then refused its own episode ("the episode
    of output/story.txt, and story.txt shares its name")."""
    build = runner.invoke(app, ["build", "story.txt", "--engine", "tone", "-j", "1"])
    assert build.exit_code == 0, build.output
    text = (work / "story.txt").read_text(encoding="utf-8")
    (work / "story.txt").write_text(text + '\n"One more thing," said Anna.\n',
                                    encoding="utf-8")
    monkeypatch.chdir(work / "output")
    inside = runner.invoke(app, ["render", "story.script.yaml", "-c", "../voices.yaml",
                                 "-o", "story.wav", "--engine", "tone", "-j", "1"])
    assert inside.exit_code == 0, inside.output
    monkeypatch.chdir(work)
    again = runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1"])
    assert again.exit_code == 0, again.output


def test_render_into_a_folder_refuses_another_texts_episode_of_its_name(work, runner):
    """review25b: `-o output/` names a folder, not a file: render picks story.wav in it as
    it does with no -o, and b/story.txt's render replaced a/story.txt's episode unsaid
    there. Only a file named by -o is the person's choice to replace."""
    _two_texts_named_story(work)
    first = runner.invoke(app, ["render", "a/story.txt", "--engine", "tone", "-j", "1"])
    assert first.exit_code == 0, first.output
    episode = (work / "output" / "story.wav").read_bytes()
    result = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1",
                                 "-o", "output/"])
    assert result.exit_code == 2, result.output
    # ux26: -o was given, so "pass -o" made no sense: give it something else
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: output/story.wav is the episode of a/story.txt, and b/story.txt shares "
        "its name: give -o a file name or another folder to render b/story.txt to a file of "
        "its own")
    assert (work / "output" / "story.wav").read_bytes() == episode
    named = runner.invoke(app, ["render", "b/story.txt", "--engine", "tone", "-j", "1",
                                "-o", "output/story.wav"])
    assert named.exit_code == 0, named.output
    assert "Olga" in _spoken_by(work / "output" / "story.manifest.json")


def test_an_edited_subtitle_is_warned_of_only_when_drama_s_changed(tmp_path, caplog):
    """walk26: every `drama build` of a book warned again of each edited .srt, "kept as it
    is, not following this render", with every episode up to date and drama's subtitles
    what it had written. The warning comes when there is something new to follow."""
    import logging
    from drama.export import write_export, write_own_exports
    srt = tmp_path / "ep.srt"
    write_export(srt, "1\nold\n")
    srt.write_text("1\nmine\n", encoding="utf-8")  # a person's edit
    with caplog.at_level(logging.WARNING):
        assert write_own_exports({srt: "1\nold\n"}) == []  # nothing changed: no warning
        assert not [r for r in caplog.records if "ep.srt" in r.getMessage()]
        assert write_own_exports({srt: "1\nnew\n"}) == []  # drama's changed: said, kept
        said = [r.getMessage() for r in caplog.records if "ep.srt" in r.getMessage()]
        assert len(said) == 1 and "kept as it is" in said[0], said
    assert srt.read_text(encoding="utf-8") == "1\nmine\n"


@pytest.mark.parametrize("option, message", [
    (["--bitrate", "lots"], "--bitrate 'lots': give bits per second such as 64k, 96k or 128000"),
    (["--loudness", "loud"], "unknown loudness target 'loud'; known: podcast, acx, off"),
    (["-f", "flac"], "unknown audio format 'flac'; known: wav, mp3, ogg, opus, m4b, m4a, aac"),
    (["--engine", "espeak"], "unknown engine 'espeak'; known: auto, pyttsx3, piper, tone"),
])
def test_a_bad_render_option_fails_before_a_text_is_extracted(work, runner, option, message):
    """ux28: `drama render story.txt --bitrate lots` extracted the text (minutes for a
    book), said which script it used, and only then failed on the option. review28: an
    unknown --engine too (found when the engine was made, after the extraction)."""
    result = runner.invoke(app, ["render", "story.txt", "--engine", "tone", *option])
    assert result.exit_code == 2
    assert result.output.strip() == f"drama: error: {message}"
    assert not (work / "output").exists()


def test_cache_prune_dry_run_says_what_would_go_and_removes_nothing(work, runner):
    """ux28b: `drama cache prune` had no --dry-run, so the only way to see what --all or
    --older-than would take was to take it."""
    rendered = runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1",
                                   "-o", "out/"])
    assert rendered.exit_code == 0, rendered.output
    before = runner.invoke(app, ["cache", "info"]).output
    root, n, size = re.search(r"(.+): (\d+) segments, (.+)", before).groups()
    for flag in ("--dry-run", "-n"):
        tried = runner.invoke(app, ["cache", "prune", "--all", flag])
        assert tried.exit_code == 0, tried.output
        assert tried.output.strip() == (f"{root}: would remove {n} segments ({size}), "
                                        f"leaving 0 (0 B); nothing removed (--dry-run)")
        assert runner.invoke(app, ["cache", "info"]).output == before
    young = runner.invoke(app, ["cache", "prune", "--older-than", "30d", "--dry-run"])
    assert f"would remove 0 segments (0 B), leaving {n} ({size})" in young.output
    assert "--dry-run" in runner.invoke(app, ["cache", "prune", "--help"]).output


def test_cache_info_says_how_long_ago_in_the_units_prune_takes(runner, monkeypatch):
    """walk33: `drama cache info` of a cache used today said "last used: oldest 0.0 days
    ago, newest 0.0 days ago"; it says minutes, hours or days, as --older-than takes them."""
    import time

    from drama.render import cache as segment_cache
    now = time.time()
    stats = segment_cache.CacheStats("/c", entries=3, bytes=2000, oldest=now - 3 * 3600 - 5,
                                     newest=now - 12 * 60 - 5)
    monkeypatch.setattr(segment_cache, "cache_info", lambda: stats)
    said = runner.invoke(app, ["cache", "info"])
    assert said.exit_code == 0, said.output
    assert said.output.splitlines()[-1] == "last used: oldest 3 hours ago, newest 12 minutes ago"


@pytest.mark.parametrize("seconds, said", [
    (0, "under a minute ago"), (59, "under a minute ago"), (60, "1 minute ago"),
    (59 * 60 + 59, "59 minutes ago"), (3600, "1 hour ago"), (23 * 3600 + 3599, "23 hours ago"),
    (86400, "1 day ago"), (40 * 86400, "40 days ago")])
def test_age_text_is_in_minutes_hours_or_days(seconds, said):
    from drama.wording import age_text
    assert age_text(seconds) == said


def test_a_markdown_footnotes_note_and_link_definitions_are_silent_lines(runner, tmp_path):
    """fixes51: a line that is a Markdown footnote's note or link definitions (nothing
    a reader says: emphasis.spoken) was synthesized all the same; it is a silent line now,
    kept in the script and the manifest."""
    script = setup(tmp_path, [Line("Narrator", "narration", "The tide came in.[^1]", 0, 21),
                              Line("Narrator", "narration", "[^1]: It came in at noon.", 23, 48),
                              Line("Narrator", "narration", "[tides]: https://example.org/tides",
                                   50, 84)], "Tide")
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-c",
                                 str(tmp_path / "voices.yaml"), "-j", "1",
                                 "-o", str(tmp_path / "ep.wav")])
    assert result.exit_code == 0, result.output
    assert "synthesized 1 segment," in result.output
    manifest = json.loads((tmp_path / "ep.manifest.json").read_text(encoding="utf-8"))
    assert [(line["text"], line["spoken"]) for line in manifest["lines"]] == [
        ("The tide came in.[^1]", True), ("[^1]: It came in at noon.", False),
        ("[tides]: https://example.org/tides", False)]
