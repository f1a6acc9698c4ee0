"""Round trip: a person's edits to output/<name>.script.yaml are what build renders, and a
changed source never silently loses them nor overwrites the edited script."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from drama.cli import app
from drama.errors import ScriptError
from drama.fidelity import check_script
from drama.loading import script_for_source
from drama.saving import baseline_path, proposal_path
from drama.scriptfile import load_script, read_text, save_script

DATA = Path(__file__).parent / "data"


@pytest.fixture
def source(tmp_path) -> Path:
    (tmp_path / "seeds").mkdir()
    return Path(shutil.copy(DATA / "excerpt_000.txt", tmp_path / "seeds" / "excerpt_000.txt"))


def _index(script, text_start: str) -> int:
    return next(i for i, ln in enumerate(script.lines) if ln.text.startswith(text_start))


def test_first_build_extracts_then_reuses(source, tmp_path):
    path = tmp_path / "out" / "excerpt_000.script.yaml"
    script, reused = script_for_source(source, path)
    assert not reused and path.exists()
    assert baseline_path(path).read_bytes() == path.read_bytes()
    again, reused = script_for_source(source, path)
    assert reused and again == script


def test_edited_speaker_is_used(source, tmp_path):
    path = tmp_path / "excerpt_000.script.yaml"
    script, _ = script_for_source(source, path)
    i = _index(script, "What will you do?")
    script.lines[i].speaker = "A marcher"
    save_script(script, path)
    got, reused = script_for_source(source, path)
    assert reused and got.lines[i].speaker == "A marcher"


def test_changed_source_reextracts_an_unedited_script(source, tmp_path):
    path = tmp_path / "excerpt_000.script.yaml"
    script_for_source(source, path)
    source.write_text(read_text(source).replace("a block", "one block"), encoding="utf-8")
    fresh, reused = script_for_source(source, path)
    assert not reused
    assert any("one block" in ln.text for ln in fresh.lines)
    assert load_script(path) == fresh


def test_changed_source_keeps_edits_and_proposes_a_merge(source, tmp_path):
    path = tmp_path / "excerpt_000.script.yaml"
    script, _ = script_for_source(source, path)
    # the person fixes a speaker and splits a line in two at a sentence
    i = _index(script, "What will you do?")
    script.lines[i].speaker = "A marcher"
    j = _index(script, "They did not make it a block.")
    line = script.lines[j]
    cut = line.text.index(" At the corner")
    first, second = line.text[:cut], line.text[cut + 1:]
    from drama.model import Line
    script.lines[j:j + 1] = [
        Line("Narrator", "narration", first, line.start, line.start + len(first)),
        Line("Reed", "dialogue", second, line.end - len(second), line.end, "hand", 1.0)]
    # and corrects a gender in the characters section
    person = script.characters[0]
    person.gender = "f" if person.gender != "f" else "m"
    save_script(script, path)
    edited = path.read_bytes()
    # then changes the source elsewhere
    source.write_text(read_text(source).replace("bemused", "amused"), encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        script_for_source(source, path)
    proposal = proposal_path(path)
    assert str(proposal) in str(err.value) and "kept as it is" in str(err.value)
    assert path.read_bytes() == edited, "the edited script was overwritten"
    merged = load_script(proposal)
    text = read_text(source)
    assert any(ln.text.startswith("A sailor, amused") for ln in merged.lines)
    assert merged.lines[_index(merged, "What will you do?")].speaker == "A marcher"
    k = _index(merged, "They did not make it a block.")
    assert merged.lines[k].text == "They did not make it a block."
    assert (merged.lines[k + 1].speaker, merged.lines[k + 1].text[:14]) == ("Reed", "At the corner ")
    report = check_script(merged, text, None)
    assert report.ok, report.details()
    assert merged.character(person.name).gender == person.gender
    assert merged.character("Reed") is None    # typed in by hand: casting reads the name
    # a second build does not overwrite the proposal the person may be reviewing
    proposal.write_text(proposal.read_text(encoding="utf-8") + "# reviewing\n", encoding="utf-8")
    with pytest.raises(ScriptError, match="already there with your edits, kept as is"):
        script_for_source(source, path)
    assert proposal.read_text(encoding="utf-8").endswith("# reviewing\n")


def test_build_renders_the_edited_speaker(runner, source, tmp_path):
    out = tmp_path / "out"
    casting = tmp_path / "voices.yaml"
    casting.write_text("narrator: {voice: tone/low}\nspeakers: {}\n", encoding="utf-8")
    args = ["build", str(source.parent), "-o", str(out), "--engine", "tone", "-c", str(casting)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    path = out / "excerpt_000.script.yaml"
    text = path.read_text(encoding="utf-8")
    script = load_script(path)
    i = _index(script, "What will you do?")
    old = script.lines[i].speaker
    entry = text.index("text: What will you do?")
    head = text.rindex(f"- speaker: {old}", 0, entry)
    path.write_text(text[:head] + "- speaker: Anonymous marcher" +
                    text[head + len(f"- speaker: {old}"):], encoding="utf-8")
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "edited script kept" in second.output
    # only the edited line is synthesized again, in the new speaker's voice
    assert "excerpt_000: synthesized 1 segment," in second.output
    manifest = json.loads((out / "excerpt_000.manifest.json").read_text(encoding="utf-8"))
    spoken = next(ln for ln in manifest["lines"] if ln["text"] == "What will you do?")
    assert spoken["speaker"] == "Anonymous marcher"
    from drama.casting import load_casting
    voice = load_casting(casting).entry_for("Anonymous marcher")
    assert voice is not None, "the new speaker was not cast"
    if "voice" in spoken:
        assert spoken["voice"] == voice.voice


def test_export_and_check_have_help(runner):
    for command in ("export", "check"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_a_script_without_its_extracted_copy_counts_as_edited(source, tmp_path):
    """What the README promises of the hidden .<name>.script.yaml.extracted files: deleting
    one loses nothing; its script is then treated as edited, never extracted over."""
    path = tmp_path / "excerpt_000.script.yaml"
    script, _ = script_for_source(source, path)
    baseline_path(path).unlink()
    again, used = script_for_source(source, path)
    assert used and again == script  # the source is unchanged: used as it stands
    before = path.read_bytes()
    source.write_text(read_text(source).replace("a block", "one block"), encoding="utf-8")
    with pytest.raises(ScriptError, match="kept as it is"):
        script_for_source(source, path)
    assert path.read_bytes() == before and proposal_path(path).exists()
    path.unlink()  # deleted too: extracted afresh, with its copy
    fresh, used = script_for_source(source, path)
    assert not used and any("one block" in ln.text for ln in fresh.lines)
    assert baseline_path(path).read_bytes() == path.read_bytes()


def _save_as_an_editor_does(path: Path, old: str, new: str) -> None:
    """A person's editor saving a change: a temporary file renamed over the script."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text.replace(old, new, 1), encoding="utf-8")
    tmp.replace(path)


@pytest.mark.parametrize("moment", ["extract_script", "untouched"])
def test_an_edit_saved_while_build_extracts_again_is_kept(source, tmp_path, monkeypatch,
                                                          moment):
    """The source changed, the script was untouched when build looked, and the person saves
    an edit during the seconds the new extraction takes ("extract_script"), or at the last
    moment, after the script was judged untouched and before the new extraction's rename
    ("untouched": the check just before the rename catches it): it is kept, never written
    over, and the proposal beside it carries it."""
    import drama.loading
    import drama.saving
    owner = {"extract_script": drama.loading, "untouched": drama.saving}[moment]
    path = tmp_path / "excerpt_000.script.yaml"
    script, _ = script_for_source(source, path)
    old = script.lines[_index(script, "What will you do?")].speaker
    source.write_text(read_text(source).replace("a block", "one block"), encoding="utf-8")
    real, edits = getattr(owner, moment), []

    def then_edited(*args, **kwargs):
        got = real(*args, **kwargs)
        if not edits:  # once: the file is judged again after it changed
            edits.append(_save_as_an_editor_does(path, f"speaker: {old}", "speaker: A marcher"))
        return got
    monkeypatch.setattr(owner, moment, then_edited)
    with pytest.raises(ScriptError, match="kept as it is"):
        script_for_source(source, path)
    assert "speaker: A marcher" in path.read_text(encoding="utf-8")
    merged = load_script(proposal_path(path))
    assert any("one block" in ln.text for ln in merged.lines)
    assert any(ln.speaker == "A marcher" for ln in merged.lines)


def test_a_book_episode_edited_between_the_check_and_the_write_is_kept(tmp_path, monkeypatch):
    """The same for a book's episode scripts (drama.book.series)."""
    from epub_util import make_epub

    import drama.saving as saving
    from drama.book.scripts import episode_scripts
    from drama.source import read_source
    book_path = make_epub(tmp_path / "small.epub")
    folder = tmp_path / "small"
    folder.mkdir()
    episodes, _ = episode_scripts(book_path, read_source(book_path), folder, "chapter", "Small")
    path = folder / f"{episodes[-1].name}.script.yaml"
    judge = saving.untouched

    def judged_then_edited(script_path, *args, **kwargs):
        verdict = judge(script_path, *args, **kwargs)
        if script_path == path:
            _save_as_an_editor_does(path, "speaker: Narrator", "speaker: Storyteller")
        return verdict
    monkeypatch.setattr(saving, "untouched", judged_then_edited)
    again, _ = episode_scripts(book_path, read_source(book_path), folder, "chapter", "Small")
    assert "speaker: Storyteller" in path.read_text(encoding="utf-8")
    assert "Storyteller" in again[-1].script.speakers  # the same text: the edit is used


def test_extract_again_keeps_an_edited_script(runner, source, tmp_path):
    """`drama extract -o` writes the hidden copy build writes; extracting again replaces an
    untouched script and keeps an edited one, the new extraction going beside it."""
    path = tmp_path / "n.script.yaml"
    args = ["extract", str(source), "-o", str(path)]
    assert runner.invoke(app, args).exit_code == 0
    assert baseline_path(path).read_bytes() == path.read_bytes()
    assert runner.invoke(app, args).exit_code == 0  # untouched: extracted again
    old = load_script(path).lines[_index(load_script(path), "What will you do?")].speaker
    _save_as_an_editor_does(path, f"speaker: {old}", "speaker: Thomas")
    edited = path.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    proposal = proposal_path(path)
    assert result.output == (
        f"drama: error: {path}: this file has changes since drama extracted it (or drama did "
        f"not write it), so it is kept as it is. A fresh script for the text is in {proposal}, "
        f"with 1 edit of yours carried over: check it (`drama check {proposal}`), then move "
        f"it over {path}\n")
    assert path.read_bytes() == edited
    assert any(ln.speaker == "Thomas" for ln in load_script(proposal).lines)


def test_extract_keeps_a_file_it_did_not_write(runner, source, tmp_path):
    """No hidden copy: a file that is not what extract would write is a person's."""
    notes = tmp_path / "notes.yaml"
    notes.write_text("my notes: keep them\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "-o", str(notes)])
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "holds no drama script" in result.output  # newcomer47: no proposal to move over it
    assert notes.read_text(encoding="utf-8") == "my notes: keep them\n"
    assert not proposal_path(notes).exists()
    # what extract would write anyway (a script from before the hidden copies): replaced
    same = tmp_path / "same.script.yaml"
    runner.invoke(app, ["extract", str(source), "-o", str(same)])
    baseline_path(same).unlink()
    assert runner.invoke(app, ["extract", str(source), "-o", str(same)]).exit_code == 0
    assert baseline_path(same).read_bytes() == same.read_bytes()


def test_an_edited_json_script_gets_a_json_proposal(runner, source, tmp_path):
    """The proposal beside an edited .json script is JSON: moved over the script as the
    message says, it is a script that loads (a YAML one under a .json name did not)."""
    path = tmp_path / "n.script.json"
    args = ["extract", str(source), "-o", str(path)]
    assert runner.invoke(app, args).exit_code == 0
    old = load_script(path).lines[_index(load_script(path), "What will you do?")].speaker
    _save_as_an_editor_does(path, f'"speaker": "{old}"', '"speaker": "Thomas"')
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    proposal = tmp_path / "n.script.new.json"
    assert f"A fresh script for the text is in {proposal}, " in result.output
    proposal.replace(path)  # what the message says to do, after checking it
    assert any(ln.speaker == "Thomas" for ln in load_script(path).lines)


def test_extract_says_a_script_without_its_hidden_copy_counts_as_edited(runner, source,
                                                                        tmp_path):
    """A script extracted before the hidden copies (here: one whose lines an older model
    attributed otherwise) is kept, and the message says why: no hidden copy, rather than
    changes its owner never made."""
    path = tmp_path / "n.script.yaml"
    args = ["extract", str(source), "-o", str(path)]
    assert runner.invoke(app, args).exit_code == 0
    baseline_path(path).unlink()
    old = load_script(path).lines[_index(load_script(path), "What will you do?")].speaker
    _save_as_an_editor_does(path, f"speaker: {old}", "speaker: Thomas")
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith(
        f"drama: error: {path}: this file has no hidden copy (.n.script.yaml.extracted) to "
        "show it is as drama extracted it"), result.output


def test_extract_keeps_a_file_that_is_not_even_text(runner, source, tmp_path):
    """A file there that is not UTF-8 is kept like any other file extract did not write: the
    extraction goes beside it, rather than an error asking to save the file as UTF-8."""
    other = tmp_path / "other.yaml"
    other.write_bytes(b"\xff\xfe\x00binary\x89PNG")
    result = runner.invoke(app, ["extract", str(source), "-o", str(other)])
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert "with none of your edits carried over (the file is not a script)" in result.output
    assert other.read_bytes() == b"\xff\xfe\x00binary\x89PNG"
    assert load_script(proposal_path(other)).lines


class _Killed(BaseException):
    """A kill -9 at a chosen moment: nothing after it runs, no handler catches it."""


def _killed_at(monkeypatch, at: int) -> None:
    """Make the at-th file rename from now on (1-based) the moment the process dies."""
    import os
    real, calls = os.replace, [0]

    def replace(src, dst, *args, **kwargs):
        calls[0] += 1
        if calls[0] == at:
            raise _Killed
        return real(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("kills", [(1,), (2,), (3,), (4,), (2, 1), (2, 2), (2, 3), (3, 2)],
                         ids=lambda k: "kill before rename " + " then ".join(map(str, k)))
@pytest.mark.parametrize("before", ["no script", "a script"])
def test_a_kill_between_the_script_and_its_hidden_copy_never_makes_an_edit(
        source, tmp_path, monkeypatch, before, kills):
    """The script and its hidden copy are two files: a run killed between their writes (or
    several such runs in a row) leaves a script drama still knows as its own (replaced by
    the next extraction, never taken for a person's edit), and an edit made then is kept."""
    from drama.loading import extract_to_file
    path = tmp_path / "n.script.yaml"
    original, versions = read_text(source), iter(range(10))

    def change_source() -> None:
        source.write_text(f"{original}\nThe end, take {next(versions)}.\n", encoding="utf-8")
    if before == "a script":
        extract_to_file(source, path)
    for at in kills:
        change_source()
        with monkeypatch.context() as m:
            _killed_at(m, at)
            try:
                extract_to_file(source, path)
            except _Killed:
                pass
    left = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    change_source()
    fresh = extract_to_file(source, path)  # no ScriptError: the script was drama's
    assert load_script(path) == fresh
    assert baseline_path(path).read_bytes() == path.read_bytes()
    assert not proposal_path(path).exists()
    # the same moment, but a person edits the script before the next run: kept
    for p in tmp_path.iterdir():
        if p.is_file() and p.name not in left:
            p.unlink()
    for name, data in left.items():
        (tmp_path / name).write_bytes(data)
    if path.exists():
        _save_as_an_editor_does(path, "title:", "title: My")
        edited = path.read_bytes()
        with pytest.raises(ScriptError, match="kept as it is"):
            extract_to_file(source, path)
        assert path.read_bytes() == edited


@pytest.mark.parametrize("before", ["no script", "a script"])
def test_a_script_that_cannot_be_written_leaves_no_pending_copy(source, tmp_path,
                                                                 monkeypatch, before):
    """A full disk when the script itself is replaced: the error names the script, the old
    script and its hidden copy stay as they were, and no pending copy is left to outlive it
    (a person's later edit would otherwise never be followed by a write that removes it)."""
    import errno
    import os

    from drama.errors import OutputError
    from drama.loading import extract_to_file
    from drama.saving import pending_path
    path = tmp_path / "n.script.yaml"
    if before == "a script":
        extract_to_file(source, path)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    source.write_text(read_text(source) + "\nThe end.\n", encoding="utf-8")
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == path:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="free some space") as caught:
        extract_to_file(source, path)
    assert caught.value.path == str(path)
    assert not pending_path(path).exists()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == files


@pytest.mark.parametrize("moment", ["after the script", "after the pending copy"])
def test_two_runs_writing_one_script_at_once_both_succeed(source, tmp_path, monkeypatch,
                                                          moment):
    """Two builds of one folder extract the same script at once: the other run, writing
    its pair between this one's writes, neither takes this one's pending copy from under
    it (an error, once) nor leaves the script without its hidden copy (an edit, later)."""
    import os

    from drama.saving import file_bytes, pending_path, save_extracted
    from drama.scriptfile import dump_script
    from drama.extract import extract_file
    path = tmp_path / "n.script.yaml"
    text = dump_script(extract_file(source))
    real, other_ran = os.replace, []

    def replace(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        if not other_ran and Path(dst) == (path if moment == "after the script"
                                           else pending_path(path)):
            other_ran.append(True)
            assert save_extracted(text, path, file_bytes(path))  # the other run, whole
    monkeypatch.setattr(os, "replace", replace)
    # this run finds the other's script where it found none: it writes nothing
    assert save_extracted(text, path, None) is (moment == "after the script")
    monkeypatch.undo()
    assert other_ran
    assert path.read_text(encoding="utf-8") == text
    assert baseline_path(path).read_text(encoding="utf-8") == text
    assert not pending_path(path).exists()


def test_a_run_that_finds_another_runs_script_written_meanwhile_keeps_it(source, tmp_path,
                                                                         monkeypatch):
    """Two builds of one folder extract the same new script at once: the one that finds
    the other's script in place when it comes to replace the file judges it again (the
    same extraction, not an edit) instead of offering a proposal and failing."""
    import os

    from drama.loading import extract_to_file
    from drama.saving import pending_path
    path = tmp_path / "n.script.yaml"
    real, other_ran = os.replace, []

    def replace(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        if not other_ran and Path(dst) == pending_path(path):
            other_ran.append(True)
            with monkeypatch.context() as m:
                m.setattr(os, "replace", real)
                extract_to_file(source, path)  # the other run, whole
    monkeypatch.setattr(os, "replace", replace)
    fresh = extract_to_file(source, path)
    monkeypatch.undo()
    assert other_ran and load_script(path) == fresh
    assert baseline_path(path).read_bytes() == path.read_bytes()
    assert not proposal_path(path).exists() and not pending_path(path).exists()


def test_two_runs_writing_different_extractions_at_once_leave_a_matching_pair(
        source, tmp_path, monkeypatch):
    """Two runs write different extractions of one script at once (a source changed
    between two builds): each run's pending copy must become the hidden copy of its own
    script. Unlocked, the other run's pending copy, written over this one's before this one
    replaced the script, became this script's hidden copy: the script looked edited."""
    import threading

    import drama.files
    from drama.loading import extract_to_file
    from drama.saving import file_bytes, pair_lock_path, pending_path, save_if_untouched
    path = tmp_path / "n.script.yaml"
    extract_to_file(source, path)
    ours, theirs = "title: ours\nlines: []\n", "title: theirs\nlines: []\n"
    real = drama.files.write_atomic
    other_wrote_pending, we_are_done, other_saved = (threading.Event(), threading.Event(),
                                                     [])

    def write_atomic(target, text, *args, before_replace=None, **kwargs):
        if before_replace is not None:  # the script itself, after its pending copy
            check = before_replace
            if threading.current_thread() is other:
                def before_replace():  # the other run pauses between its two writes
                    other_wrote_pending.set()
                    we_are_done.wait(1)
                    check()
            elif not other.is_alive() and not other_saved:
                def before_replace():  # this run lets the other one begin meanwhile
                    other.start()
                    other_wrote_pending.wait(1)
                    check()
        return real(target, text, *args, before_replace=before_replace, **kwargs)
    monkeypatch.setattr(drama.files, "write_atomic", write_atomic)
    # two runs are two processes: each thread its own temporary files
    real_temp = drama.files.temp_path
    monkeypatch.setattr(drama.files, "temp_path", lambda dest, suffix="": real_temp(
        dest, f"{suffix}.{threading.get_ident()}"))
    other = threading.Thread(target=lambda: other_saved.append(
        save_if_untouched(theirs, path)))
    assert save_if_untouched(ours, path)
    we_are_done.set()
    other.join(10)
    monkeypatch.undo()
    assert other_saved == [True]  # after this run, and on its script: no person's edit
    assert path.read_text(encoding="utf-8") == theirs
    assert baseline_path(path).read_bytes() == file_bytes(path)
    assert not pending_path(path).exists() and not pair_lock_path(path).exists()


def test_a_pair_lock_that_cannot_be_made_is_one_line_naming_the_lock(runner, source, tmp_path):
    """The error names the lock file: naming the script said `is a folder, not a file` (or
    `permission denied`) of a script that was neither."""
    from drama.saving import pair_lock_path
    path = tmp_path / "n.script.yaml"
    assert runner.invoke(app, ["extract", str(source), "-o", str(path)]).exit_code == 0
    before = path.read_bytes()
    (tmp_path / "x.txt").write_text(source.read_text(encoding="utf-8") + "\nMore.\n",
                                    encoding="utf-8")
    pair_lock_path(path).mkdir()
    result = runner.invoke(app, ["extract", str(tmp_path / "x.txt"), "-o", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"drama: error: {pair_lock_path(path)}: is a folder, not a file"]
    assert path.read_bytes() == before and pair_lock_path(path).is_dir()


def test_a_held_pair_lock_is_waited_for_as_long_as_drama_lock_timeout_says_saying_so(
        source, tmp_path, monkeypatch, caplog):
    """The pair lock waited a fixed minute in silence, whatever DRAMA_LOCK_TIMEOUT said:
    it now waits as every lock does, and says once what for."""
    import drama.locks
    from drama.errors import OutputError
    from drama.locks import FileLock
    from drama.loading import extract_to_file
    from drama.saving import pair_lock_path, save_if_untouched
    path = tmp_path / "n.script.yaml"
    extract_to_file(source, path)
    before = path.read_bytes()
    monkeypatch.setattr(drama.locks, "QUIET_WAIT_SECONDS", 0.1)
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0.3")
    with FileLock(pair_lock_path(path), removable=True) as other:
        assert other.try_acquire()
        with pytest.raises(OutputError, match=r"another drama run is writing this script "
                                              r"\(waited 0\.3 s for "):
            save_if_untouched("title: new\nlines: []\n", path)
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: another drama run is writing this script; waiting up to 0.3 s"]
    assert path.read_bytes() == before


def test_a_bad_drama_lock_timeout_is_refused_by_the_pair_lock_too(source, tmp_path,
                                                                 monkeypatch):
    from drama.errors import DramaError
    from drama.loading import extract_to_file
    from drama.saving import save_if_untouched
    path = tmp_path / "n.script.yaml"
    extract_to_file(source, path)
    before = path.read_bytes()
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "1e300")
    with pytest.raises(DramaError, match="DRAMA_LOCK_TIMEOUT must be a number of seconds"):
        save_if_untouched("title: new\nlines: []\n", path)
    assert path.read_bytes() == before


def _edit_and_change_source(source, path, text_start: str, speaker: str, new_text: str):
    """A person gives the line starting text_start to speaker and rewords it; then the
    source changes elsewhere: the proposal (its ScriptError's message, the merged script)."""
    script, _ = script_for_source(source, path)
    i = _index(script, text_start)
    script.lines[i].speaker, script.lines[i].text = speaker, new_text
    save_script(script, path)
    source.write_text(read_text(source).replace("a block", "one block"), encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        script_for_source(source, path)
    return str(err.value), load_script(proposal_path(path))


def test_a_speaker_edited_on_a_reworded_line_is_carried_over(source, tmp_path):
    """ux25a: a line whose speaker and words a person both edited matched no fresh line
    word for word, so the proposal silently gave it back the extractor's speaker ("0 edits
    of yours carried over"). The speaker is kept; the new text's words are taken, and the
    message says so."""
    message, merged = _edit_and_change_source(source, tmp_path / "excerpt_000.script.yaml",
                                              "What will you do?", "A marcher",
                                              "What'll you do?")
    k = _index(merged, "What will you do?")
    assert merged.lines[k].speaker == "A marcher"
    assert "with 1 edit of yours carried over" in message
    assert (f"script line {k + 1} keeps your speaker A marcher, not your words "
            "\"What'll you do?\"" in message)
    assert check_script(merged, read_text(source), None).ok


def test_a_speaker_no_new_line_can_take_is_named(source, tmp_path):
    """A line reworded past recognition: its speaker cannot be placed, and the message
    says so rather than dropping it unsaid."""
    message, merged = _edit_and_change_source(source, tmp_path / "excerpt_000.script.yaml",
                                              "What will you do?", "A marcher",
                                              "Now then, marchers?")
    assert not any(ln.speaker == "A marcher" for ln in merged.lines)
    assert ("your speaker A marcher of 'Now then, marchers?' is on no line of the new text"
            in message)


_NOTE = 'Transcriber note: scanned by volunteers.\n\n"Come in," said Tom.\n\n"Thank you," said Anna.\n'


def _carried(old_text: str, new_text: str, edit):
    from drama.extract import extract_script
    from drama.carry import carry_edits
    edited = extract_script(old_text, title="t", source="s.txt")
    edited.lines = [edit(ln) for ln in edited.lines]
    return carry_edits(edited, extract_script(new_text, title="t", source="s.txt"), new_text)


def test_a_skipped_line_the_new_text_rewords_is_named():
    """review25: a person's `kind: skipped` on a paragraph the source then lengthened was
    dropped unsaid ("0 edits of yours carried over"): only dialogue speakers were named."""
    new = _NOTE.replace("volunteers.", "volunteers in the spring of that long and rainy "
                        "year, with many thanks to all.")
    carried = _carried(_NOTE, new, lambda ln: dataclasses.replace(ln, kind="skipped")
                       if ln.text.startswith("Transcriber") else ln)
    assert ("your kind: skipped of 'Transcriber note: scanned by volunteers.' is on no "
            "line of the new text" in carried.note())


def test_speech_a_person_made_narration_is_named_when_its_words_change():
    """review25: a quotation a person made narration (not speech), which the source then
    lengthened, came back as dialogue unsaid."""
    new = _NOTE.replace('"Come in,"', '"Come in, come in, my dear friend, and sit by the '
                        'fire, for it is cold,"')
    carried = _carried(_NOTE, new, lambda ln: dataclasses.replace(
        ln, kind="narration", speaker="Narrator") if ln.text == "Come in," else ln)
    assert "your narration of 'Come in,' is on no line of the new text" in carried.note()
    unchanged = _carried(_NOTE, _NOTE.replace("Anna", "Anne"), lambda ln: ln)
    assert unchanged.conflicts == []  # the extractor's own lines are no one's choice


def test_a_proposal_of_an_older_source_is_kept_and_the_message_says_what_to_do(runner, source,
                                                                                tmp_path):
    """An edited script's proposal from an earlier run, made of the source as it was, is kept
    when the source changes (it may hold the person's edits), and the error says so in a
    sentence: it read "A fresh script for the text is in X is from an older source: delete it
    and run again for a new one: check it (...), then move it over" (walk26), telling them to
    move the stale proposal over their script."""
    path = tmp_path / "n.script.yaml"
    args = ["extract", str(source), "-o", str(path)]
    assert runner.invoke(app, args).exit_code == 0
    old = load_script(path).lines[_index(load_script(path), "What will you do?")].speaker
    _save_as_an_editor_does(path, f"speaker: {old}", "speaker: Thomas")
    assert runner.invoke(app, args).exit_code == 2  # the proposal, of this source
    proposal = tmp_path / "n.script.new.yaml"
    _save_as_an_editor_does(proposal, "speaker: Thomas", "speaker: Thomas Reed")
    stale = proposal.read_bytes()
    source.write_text(source.read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert proposal.read_bytes() == stale
    message = " ".join(result.output.split())
    assert "is from an older source" not in message and "then move it over" not in message
    assert f"{proposal}, which holds one of an older source (kept: it has your edits)" in \
        message
    assert "move it away or delete it, and run again for a new one" in message
    proposal.unlink()  # as it says
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and f"A fresh script for the text is in {proposal}, " in \
        " ".join(result.output.split())
    assert load_script(proposal).source_sha256 != load_script(path).source_sha256


@pytest.mark.parametrize("command", ["build", "extract"])
def test_a_proposal_left_untouched_is_renewed_and_one_edited_is_kept(runner, source, tmp_path,
                                                                     command):
    """fixes52 (proposal51 did it for a book's episodes): a single text's build, or extract
    -o, kept any proposal already waiting: an untouched one of the source as it is was never
    renewed (edits made in the script since were missing from it), and one of an older
    source stopped the run until deleted by hand. Now, as for a book: one as drama wrote it
    (its hidden copy) is renewed, one a person edited is kept byte for byte."""
    path = tmp_path / "out" / "excerpt_000.script.yaml"    # where build writes it
    casting = tmp_path / "voices.yaml"
    casting.write_text("narrator: {voice: tone/low}\nspeakers: {}\n", encoding="utf-8")
    args = ["extract", str(source), "-o", str(path)] if command == "extract" else \
        ["build", str(source), "-o", str(path.parent), "--engine", "tone", "-c", str(casting)]
    assert runner.invoke(app, ["extract", str(source), "-o", str(path)]).exit_code == 0
    old = load_script(path).lines[_index(load_script(path), "What will you do?")].speaker
    _save_as_an_editor_does(path, f"speaker: {old}", "speaker: Thomas")
    proposal = proposal_path(path)
    for n, ending in enumerate(["\nThe end.\n", "\nThe very end.\n"]):
        source.write_text(source.read_text(encoding="utf-8") + ending, encoding="utf-8")
        if n:  # the script edited again after the first proposal was written
            _save_as_an_editor_does(path, "speaker: Thomas", "speaker: Tom Reed")
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "The very end." in proposal.read_text(encoding="utf-8") or not n
        assert ("Tom Reed" if n else "Thomas") in proposal.read_text(encoding="utf-8")
    _save_as_an_editor_does(proposal, "speaker: Tom Reed", "speaker: Tom R.")
    edited = proposal.read_bytes()
    result = runner.invoke(app, args)    # the same source: kept, said so
    assert result.exit_code == 2 and proposal.read_bytes() == edited
    assert "already there with your edits, kept as is" in " ".join(result.output.split())


def test_a_line_as_drama_extracted_it_takes_the_fresh_extraction_not_the_persons_word():
    """carry53: with its hidden copy, drama's own lines of an edited script (unchanged
    since extraction) are no choice of the person's: a fresh line with their words, or
    reworded, takes the new extraction's speaker, neither kept nor named as "your speaker"
    nor counted as an edit of theirs; the person's own line is carried as before."""
    from drama.carry import carry_edits
    from drama.extract import extract_script
    old = ('"Row on," said Nell Brook.\n\n"Not yet," said Tam Orr.\n\n'
           '"Soon, then," said Tam Orr.\n')
    extracted = extract_script(old, title="t", source="s.txt")
    edited = extract_script(old, title="t", source="s.txt")
    edited.lines = [dataclasses.replace(ln, speaker="Nell") if ln.speaker == "Nell Brook"
                    else ln for ln in edited.lines]
    new = old.replace("Soon, then,", "Soon enough, then,")
    fresh = extract_script(new, title="t", source="s.txt")
    fresh.lines = [dataclasses.replace(ln, speaker="Tam") if ln.speaker == "Tam Orr"
                   else ln for ln in fresh.lines]  # the extractor names him otherwise now
    carried = carry_edits(edited, fresh, new, extracted)
    speakers = [ln.speaker for ln in carried.script.lines if ln.kind == "dialogue"]
    assert speakers == ["Nell", "Tam", "Tam"]
    assert carried.changed == 1 and carried.conflicts == []
    as_before = carry_edits(edited, fresh, new)  # no copy: every line counts as theirs
    assert [ln.speaker for ln in as_before.script.lines if ln.kind == "dialogue"] == \
        ["Nell", "Tam Orr", "Tam Orr"]
    assert "keeps your speaker Tam Orr" in as_before.note()
    for entry in edited.characters:  # a gender of theirs: Tam Orr's lines are theirs
        if entry.name == "Tam Orr":
            entry.gender = "f" if entry.gender != "f" else "m"
    gendered = carry_edits(edited, fresh, new, extracted)
    assert [ln.speaker for ln in gendered.script.lines if ln.kind == "dialogue"] == \
        ["Nell", "Tam Orr", "Tam Orr"]
