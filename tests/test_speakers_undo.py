"""`drama speakers undo`: the last cast edit made from the command line put back from the
record it left beside voices.yaml (drama.undo), on invented text."""
from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from drama.cli import app

from fault_util import drama_cmd, drama_env, unprivileged

EP = ("\ufefftitle: the ferry\r\n"
      "lines:\r\n"
      "- {speaker: Wren Halloway, kind: dialogue, text: The tide is turning., start: 0, "
      "end: 20}\r\n"
      "- {speaker: the boatman, kind: dialogue, text: Not before noon., start: 21, end: 37}\r\n"
      "# a note of mine\r\n"
      "- {speaker: Narrator, kind: narration, text: Gulls wheeled., start: 38, end: 52}\r\n")
EP2 = """\
title: the quay
lines:
- {speaker: the boatman, kind: dialogue, text: Rope!, start: 0, end: 5}
- {speaker: Pell, kind: dialogue, text: Caught it., start: 6, end: 16}
"""
VOICES = """\
# my ferry cast
narrator: {voice: tone/mid}
speakers:
  Wren Halloway: {voice: tone/low}   # steady
  the boatman: {voice: tone/high, rate: 190}
  Pell: {voice: tone/mid}
"""
RECORD = ".voices.yaml.undo"


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in (("ep.script.yaml", EP), ("ep2.script.yaml", EP2),
                       ("voices.yaml", VOICES)):
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes but the casting lock's (the record included)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith(".lock")}


MERGE = ["speakers", "merge", "Wren Halloway", "the boatman", "-s", "ep.script.yaml",
         "-s", "ep2.script.yaml"]


def test_merge_then_undo_gives_every_file_back_byte_for_byte(runner, work):
    before = snapshot(work)
    assert runner.invoke(app, MERGE).exit_code == 0
    assert (work / RECORD).exists()
    assert snapshot(work)["ep.script.yaml"] != before["ep.script.yaml"]
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert "ep.script.yaml: undone: 1 line the boatman -> Wren Halloway" in result.output
    assert snapshot(work) == before  # BOM, CRLF, comments; the record gone


def test_a_second_undo_has_nothing_to_undo(runner, work):
    runner.invoke(app, MERGE)
    runner.invoke(app, ["speakers", "undo"])
    again = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0
    assert "nothing to undo: no edit recorded beside voices.yaml" in result.output
    assert snapshot(work) == again


def test_only_the_last_edit_is_kept_and_undone(runner, work):
    assert runner.invoke(app, ["speakers", "rename", "Pell", "Pell Orrin", "-s",
                               "ep2.script.yaml"]).exit_code == 0
    renamed = snapshot(work)
    assert runner.invoke(app, MERGE).exit_code == 0
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    renamed.pop(RECORD)
    assert snapshot(work) == renamed  # the rename stays: its record was replaced
    assert "nothing to undo" in runner.invoke(app, ["speakers", "undo"]).output


def test_a_file_edited_after_the_merge_stops_the_undo_and_nothing_is_written(runner, work):
    runner.invoke(app, MERGE)
    edited = work / "ep2.script.yaml"
    edited.write_bytes(edited.read_bytes() + b"# a later thought\n")
    held = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 2
    assert result.output.startswith("drama: error: ep2.script.yaml: changed since "
                                    "`drama speakers merge 'Wren Halloway' 'the boatman'`")
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert snapshot(work) == held  # ep.script.yaml and voices.yaml not put back either


def test_dry_run_writes_nothing_and_shows_what_it_would_do(runner, work):
    runner.invoke(app, MERGE)
    held = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "ep.script.yaml: undone: 1 line the boatman -> Wren Halloway" in result.output
    assert "+  the boatman: {voice: tone/high, rate: 190}" in result.output  # the diff
    assert "dry run: nothing written" in result.output
    assert snapshot(work) == held


def test_voice_and_move_are_undone_too(runner, work):
    before = snapshot(work)
    assert runner.invoke(app, ["speakers", "voice", "Pell", "--rate", "120"]).exit_code == 0
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert snapshot(work) == before
    assert runner.invoke(app, ["speakers", "move", "Pell", "--narrator", "-s",
                               "ep2.script.yaml"]).exit_code == 0
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert snapshot(work) == before


def test_a_dry_run_edit_leaves_the_record_alone(runner, work):
    assert runner.invoke(app, MERGE).exit_code == 0
    record = (work / RECORD).read_bytes()
    result = runner.invoke(app, ["speakers", "rename", "Pell", "Pell Orrin", "-s",
                                 "ep2.script.yaml", "-n"])
    assert result.exit_code == 0, result.output  # a dry run, not a refusal
    assert "ep2.script.yaml: 1 line Pell -> Pell Orrin" in result.output
    assert (work / RECORD).read_bytes() == record


@contextmanager
def stopped_at_write(nth: int):
    """The nth file an edit or undo writes stops it as ctrl-c would (the files before it
    written, the rest not)."""
    import drama.edits as edits
    real, count = edits._write_change, [0]

    def write(change):
        count[0] += 1
        if count[0] == nth:
            raise KeyboardInterrupt
        real(change)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(edits, "_write_change", write)
        yield


def test_an_edit_stopped_midway_is_undone_from_its_record(runner, work):
    before = snapshot(work)
    with stopped_at_write(2):
        runner.invoke(app, MERGE)  # ep.script.yaml written, ep2 and voices.yaml not
    assert snapshot(work)["ep.script.yaml"] != before["ep.script.yaml"]
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert "ep2.script.yaml: already as before" in result.output
    assert snapshot(work) == before


def test_an_edit_stopped_midway_and_finished_by_running_it_again_is_undone_whole(runner,
                                                                                  work):
    """The README finishes a killed rename by running it again; undo then puts back what
    both runs wrote, not only the second's (which would leave ep.script.yaml renamed)."""
    before = snapshot(work)
    rename = ["speakers", "rename", "the boatman", "Old Tam", "-s", "ep.script.yaml", "-s",
              "ep2.script.yaml"]
    with stopped_at_write(2):
        runner.invoke(app, rename)  # ep.script.yaml renamed, ep2 and voices.yaml not
    stopped = snapshot(work)
    assert stopped["ep.script.yaml"] != before["ep.script.yaml"]
    assert stopped["ep2.script.yaml"] == before["ep2.script.yaml"]
    result = runner.invoke(app, rename)
    assert result.exit_code == 0 and "ep.script.yaml" not in result.output, result.output
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert snapshot(work) == before


RENAME = ["speakers", "rename", "the boatman", "Old Tam", "-s", "ep.script.yaml", "-s",
          "ep2.script.yaml"]


def stopped_then_edited_by_hand(runner, work: Path) -> None:
    """RENAME stopped after its first file, that file then edited by hand."""
    with stopped_at_write(2):
        runner.invoke(app, RENAME)
    first = work / "ep.script.yaml"
    first.write_bytes(first.read_bytes() + b"# later\r\n")


def test_the_same_edit_run_again_over_a_file_changed_since_is_not_joined(runner, work):
    """Only a run stopped midway is joined: with a file holding a third text since, the
    second run's record is its own, and undo puts back only what the second run wrote."""
    stopped_then_edited_by_hand(runner, work)
    between = snapshot(work)
    assert runner.invoke(app, RENAME).exit_code == 0
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    between.pop(RECORD)
    assert snapshot(work) == between


@pytest.mark.parametrize("dry_run", [False, True])
def test_undo_says_which_files_of_a_stopped_run_it_leaves_edited(runner, work, dry_run):
    """A rename killed midway, one file it wrote edited by hand, the rename run again: the
    two runs are not one edit (the hand edit is neither's), so undo puts back the second
    alone, and once left the first run's files renamed without a word. It says so."""
    stopped_then_edited_by_hand(runner, work)
    assert runner.invoke(app, RENAME).exit_code == 0
    result = runner.invoke(app, ["speakers", "undo", *(["-n"] if dry_run else [])])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines().count(
        "ep.script.yaml: changed after a kill stopped `drama speakers rename 'the boatman' "
        "'Old Tam'` and before it was run again, so undo puts back the second run only: the "
        "first run's edits stay in ep.script.yaml (put them back by hand)") == 1


def test_the_word_on_a_stopped_run_left_edited_outlasts_a_later_join(runner, work):
    """The second run stopped too and finished by a third: the third is joined to the
    second (both undone), and undo still says the first run's file is left edited."""
    stopped_then_edited_by_hand(runner, work)
    with stopped_at_write(2):
        runner.invoke(app, RENAME)  # ep2 renamed, voices.yaml not
    assert "the boatman" not in (work / "ep2.script.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, RENAME).exit_code == 0
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert (work / "ep2.script.yaml").read_bytes() == EP2.encode("utf-8")
    assert (work / "voices.yaml").read_bytes() == VOICES.encode("utf-8")
    assert "the first run's edits stay in ep.script.yaml (put them back by hand)" in \
        result.output


def test_an_edit_that_wrote_nothing_keeps_the_record_before(runner, work):
    assert runner.invoke(app, ["speakers", "voice", "Pell", "--rate", "120"]).exit_code == 0
    record = (work / RECORD).read_bytes()
    with stopped_at_write(1):
        runner.invoke(app, MERGE)
    assert (work / RECORD).read_bytes() == record  # undo still undoes the voice edit
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert "rate: 190" in (work / "voices.yaml").read_text(encoding="utf-8")
    assert "Pell: {voice: tone/mid}" in (work / "voices.yaml").read_text(encoding="utf-8")


def test_an_edit_killed_before_its_first_write_leaves_a_record_that_says_so(runner, work,
                                                                            monkeypatch):
    """kill -9 after the record, before any file: nothing puts the record before back, and
    undo finds every file as before the edit: it says so, writes nothing, forgets it."""
    import drama.undo as undo
    before = snapshot(work)
    monkeypatch.setattr(undo, "_put_back", lambda record, kept: None)  # killed: never run
    with stopped_at_write(1):
        runner.invoke(app, MERGE)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert "nothing to undo: every file is as before `drama speakers merge" in result.output
    before.pop(RECORD, None)
    assert snapshot(work) == before


def test_an_undo_stopped_midway_is_finished_by_the_next(runner, work):
    before = snapshot(work)
    runner.invoke(app, MERGE)
    with stopped_at_write(2):
        runner.invoke(app, ["speakers", "undo"])
    assert (work / RECORD).exists()
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert snapshot(work) == before


def test_a_damaged_record_is_named_and_nothing_is_written(runner, work):
    runner.invoke(app, MERGE)
    (work / RECORD).write_bytes(b"not a record")
    assert_refused_as_damaged(runner, work, ["speakers", "undo"])


def assert_refused_as_damaged(runner, work: Path, command: list[str]) -> None:
    """command refuses the record as damaged, in one line, and writes nothing."""
    held = snapshot(work)
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {RECORD}: not a record of an edit drama can "
                             "undo (damaged, or another program's); delete it to forget the "
                             "edit\n")
    assert snapshot(work) == held


def test_the_record_holds_one_edit_and_no_text_after(runner, work):
    """A book's scripts are megabytes: the record keeps each file's text before (compressed)
    and only a digest of its text after."""
    import gzip
    import json
    runner.invoke(app, MERGE)
    data = json.loads(gzip.decompress((work / RECORD).read_bytes()))
    assert [Path(f["path"]).name for f in data["files"]] == \
        ["ep.script.yaml", "ep2.script.yaml", "voices.yaml"]
    assert data["files"][0]["before"] == EP
    assert "after" not in data["files"][0]


def test_help_teaches_undo(runner):
    result = runner.invoke(app, ["speakers", "undo", "--help"])
    assert result.exit_code == 0
    for said in ("last merge, rename, move or voice", ".voices.yaml.undo",
                 "a second undo has nothing to undo", "nothing is written", "--dry-run"):
        assert said in " ".join(result.output.split())


def test_the_record_is_ignored_by_git():
    root = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    assert subprocess.run(["git", "check-ignore", "-q", "--no-index", RECORD],
                          cwd=root).returncode == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [["speakers", "undo"], MERGE])
def test_a_pipe_where_the_record_goes_is_refused_not_waited_on(runner, work, command):
    os.mkfifo(work / RECORD)
    held = snapshot(work)
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {RECORD}: cannot read the undo record: is not "
                             "a regular file (a pipe, device or socket); delete it\n")
    assert snapshot(work) == held


def test_a_copied_project_undoes_its_own_files_not_the_originals(runner, work, tmp_path,
                                                                 monkeypatch):
    """The record names its files relative to its own folder: undo in a copy of the project
    (or in a project moved elsewhere) puts back the copy's files; it once put back the
    original folder's, by their absolute paths, and left the copy as it was."""
    original = work / "ferry"
    original.mkdir()
    for name in ("ep.script.yaml", "ep2.script.yaml", "voices.yaml"):
        (work / name).rename(original / name)
    before = snapshot(original)
    monkeypatch.chdir(original)
    assert runner.invoke(app, MERGE).exit_code == 0
    edited = snapshot(original)
    copy = tmp_path / "ferry copy"
    shutil.copytree(original, copy)
    moved = tmp_path / "ferry moved"
    shutil.copytree(original, moved)
    monkeypatch.chdir(copy)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert "ep.script.yaml: undone: 1 line the boatman -> Wren Halloway" in result.output
    assert snapshot(copy) == before
    assert snapshot(original) == edited  # its record and its edit kept
    shutil.rmtree(original)  # moved: the old folder is gone
    monkeypatch.chdir(moved)
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert snapshot(moved) == before
    assert not (tmp_path / "ferry").exists()  # no lock made where it was


def test_a_file_deleted_since_the_edit_is_named_once_and_nothing_is_written(runner, work):
    assert runner.invoke(app, MERGE).exit_code == 0
    (work / "ep2.script.yaml").unlink()
    edited = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "drama: error: ep2.script.yaml: deleted or moved since `drama speakers merge "
        "'Wren Halloway' 'the boatman'`; nothing was undone (put it back, or delete "
        ".voices.yaml.undo to forget the edit)"]
    assert snapshot(work) == edited


def forged_record(folder: Path, path: str, casting: bool = False,
                  after_sha256: str | None = None, before: str = "forged\n",
                  copy: bool = False) -> None:
    """A record made by hand: undo would write `before` over `path` (as it is now, unless
    after_sha256 is given); copy: marked as a proposal's hidden copy."""
    import gzip
    import hashlib
    import json
    if after_sha256 is None:
        now = (folder / path).read_text(encoding="utf-8")
        after_sha256 = hashlib.sha256(now.encode()).hexdigest()
    data = {"format": "drama cast edit undo record 1", "edit": "merge A B", "scripts": [],
            "files": [{"path": path, "casting": casting, "before": before,
                       "after_sha256": after_sha256, "summary": ["1 line B -> A"]}]}
    if copy:
        data["files"][0]["copy"] = True
    (folder / RECORD).write_bytes(gzip.compress(json.dumps(data).encode()))


def undo_refused(runner, work: Path, dry_run: bool) -> str:
    """What `drama speakers undo` (-n with dry_run) says of the record in work, once its exit
    status is checked to be 2 and every file to be as it was."""
    held = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo", *(["-n"] if dry_run else [])])
    assert result.exit_code == 2, result.output
    assert snapshot(work) == held
    return result.output


@pytest.mark.parametrize("named, casting", [("notes.txt", False),
                                            ("other.yaml.txt", True),
                                            ("cast/voices.yaml", True)])
def test_a_record_naming_a_file_no_edit_changes_is_refused(runner, work, named, casting):
    """A record is data anyone can write (or a downloaded project can hold): one naming a
    file that is not a script, or a casting file other than its own, once had undo write
    its text over that file."""
    (work / "cast").mkdir()
    for name in ("notes.txt", "other.yaml.txt", "cast/voices.yaml"):
        (work / name).write_text("mine\n", encoding="utf-8")
    forged_record(work, named, casting)
    held = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {RECORD}: not a record of an edit drama can "
                             f"undo: it names {named}, neither a script nor voices.yaml; "
                             "delete it to forget the edit\n")
    assert snapshot(work) == held
    assert (work / named).read_text(encoding="utf-8") == "mine\n"


FORGED_SCRIPT = "title: forged\nlines:\n- {speaker: Narrator, kind: narration, text: Rain.}\n"
FORGED_CASTING = "# forged\nnarrator: {voice: tone/low}\n"


def test_a_record_naming_its_own_scripts_and_casting_file_is_undone(runner, work):
    forged_record(work, "ep2.script.yaml", before=FORGED_SCRIPT)
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert (work / "ep2.script.yaml").read_text(encoding="utf-8") == FORGED_SCRIPT
    forged_record(work, "voices.yaml", casting=True, before=FORGED_CASTING)
    assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
    assert (work / "voices.yaml").read_text(encoding="utf-8") == FORGED_CASTING


@pytest.mark.parametrize("named, now, before, when", [
    ("settings.yml", "theme: dark\n", FORGED_SCRIPT, "now"),
    ("package.json", '{"name": "ferry"}\n', FORGED_SCRIPT, "now"),
    ("ep2.script.yaml", EP2, "theme: dark\n", "before the edit")])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_record_naming_a_file_holding_no_script_is_refused(runner, work, named, now,
                                                             before, when, dry_run):
    """A record naming a YAML or JSON file that is no drama script (settings.yml,
    package.json: named as a script, holding the digest of what it holds now) once had undo
    write its text over that file; and one giving a script back a text no script holds
    would have broken it. An edit only ever changes a script into a script."""
    (work / named).write_text(now, encoding="utf-8")
    forged_record(work, named, before=before)
    said = undo_refused(runner, work, dry_run)
    assert said == (f"drama: error: {RECORD}: not a record of an edit drama can "
                    f"undo: it names {named}, whose text {when} is no drama "
                    "script; delete it to forget the edit\n")


@pytest.mark.parametrize("now, before, when", [
    ("echo hello\n", FORGED_CASTING, "now"),
    (VOICES, "echo hello\n", "before the edit"),
    (VOICES, "speakers:\n  Pell: {rate: fast}\n", "before the edit"),
    (VOICES, EP2, "before the edit")])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_record_whose_casting_file_holds_no_casting_is_refused(runner, work, now, before,
                                                                 when, dry_run):
    """A record's entry for its own voices.yaml is checked as its scripts are: an edit only
    ever changes a casting file into a casting file, so a forged record that would give
    voices.yaml back a shell line, a broken casting or a script (or that names a voices.yaml
    holding no casting now) is refused in one line, nothing written."""
    (work / "voices.yaml").write_text(now, encoding="utf-8")
    forged_record(work, "voices.yaml", casting=True, before=before)
    said = undo_refused(runner, work, dry_run)
    assert said == (f"drama: error: {RECORD}: not a record of an edit drama can "
                    f"undo: it names voices.yaml, whose text {when} is no casting "
                    "file; delete it to forget the edit\n")


def test_an_undo_that_waited_for_another_undo_says_nothing_is_left(runner, work,
                                                                   monkeypatch):
    """Two undos at once: the second, waiting for the files' locks while the first undid
    the edit and removed its record, said "another edit was recorded while undo started",
    and to run undo again; there is nothing left to undo, and it says so."""
    import drama.undo as undo
    assert runner.invoke(app, MERGE).exit_code == 0
    real = undo.plan_locked

    @contextmanager
    def first_undo_meanwhile(plan, casting):
        undone = snapshot(work)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(undo, "plan_locked", real)
            assert runner.invoke(app, ["speakers", "undo"]).exit_code == 0
        assert snapshot(work) != undone
        with real(plan, casting):
            yield
    monkeypatch.setattr(undo, "plan_locked", first_undo_meanwhile)
    before = snapshot(work)
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("nothing to undo: no edit recorded beside voices.yaml")
    assert snapshot(work) != before and RECORD not in snapshot(work)


def test_the_same_edit_run_again_after_it_finished_is_undone_alone(runner, work):
    """A rename that finished, one script put back by hand (or extracted again) and the
    rename run again on it: undo puts back that second run, not the first's scripts and
    voices.yaml too (only a run a kill stopped is joined to the next)."""
    rename = ["speakers", "rename", "the boatman", "Old Tam", "-s", "ep.script.yaml", "-s",
              "ep2.script.yaml"]
    assert runner.invoke(app, rename).exit_code == 0
    (work / "ep.script.yaml").write_bytes(EP.encode("utf-8"))
    between = snapshot(work)
    result = runner.invoke(app, rename)
    assert result.exit_code == 0 and "ep2.script.yaml" not in result.output, result.output
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert "voices.yaml" not in result.output
    between.pop(RECORD)
    assert snapshot(work) == between


@pytest.mark.parametrize("path", ["ep\u0000.script.yaml", ""])
@pytest.mark.parametrize("dry_run", [[], ["-n"]])
def test_a_record_naming_a_path_no_file_can_have_is_damaged(runner, work, path, dry_run):
    """A NUL in a recorded path was a ValueError traceback (the lock's open), or, with -n,
    "deleted or moved since the merge"; it is a damaged record."""
    forged_record(work, path, after_sha256="0")
    assert_refused_as_damaged(runner, work, ["speakers", "undo", *dry_run])


def test_a_file_made_a_folder_since_the_edit_is_named_once(runner, work):
    """read_for_edit said "cannot read it: [Errno 21] Is a directory: 'ep2.script.yaml'",
    the file named twice."""
    assert runner.invoke(app, MERGE).exit_code == 0
    (work / "ep2.script.yaml").unlink()
    (work / "ep2.script.yaml").mkdir()
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 2
    assert result.output == "drama: error: ep2.script.yaml: cannot read: Is a directory\n"


@pytest.mark.parametrize("cut", ["too big", "cut short"])
def test_a_record_too_big_unpacked_or_cut_short_is_damaged(runner, work, monkeypatch, cut):
    """A record of a few MB that unpacks to many GB (made so) was unpacked whole, filling
    the memory; one unpacking past drama.undo.RECORD_LIMIT (made small here) is refused,
    and one cut short (its gzip trailer gone) still is, as gzip.decompress refused it."""
    import drama.undo as undo
    assert runner.invoke(app, MERGE).exit_code == 0
    record = (work / RECORD).read_bytes()
    if cut == "too big":
        monkeypatch.setattr(undo, "RECORD_LIMIT", 200)
    else:
        (work / RECORD).write_bytes(record[:-4])  # its trailer cut: the data all there
    assert_refused_as_damaged(runner, work, ["speakers", "undo"])


@pytest.mark.skipif(os.name != "posix", reason="folder modes")
def test_a_scripts_only_move_beside_a_read_only_casting_folder_goes_on_and_says_no_undo(
        work):
    """A move changes scripts only, but its undo record goes beside the casting file: a
    casting folder that cannot be written refused the move ("cannot lock" / "cannot keep
    the record"). It goes on, and says in one line that it cannot be undone."""
    (work / "cast").mkdir()
    (work / "voices.yaml").rename(work / "cast" / "voices.yaml")
    proc = _moved_beside_a_read_only_casting_folder(work, "the boatman", "Pell")
    assert proc.returncode == 0, proc.stderr
    assert "cast/.voices.yaml.undo: cannot be written (its folder is read-only), so `drama " \
           "speakers undo` cannot undo this edit; the scripts are edited\n" in proc.stdout
    assert "the boatman" not in (work / "ep2.script.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (work / "cast").iterdir()) == ["voices.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="folder modes")
def test_a_move_beside_a_read_only_record_of_an_earlier_edit_says_undo_takes_that_back(
        runner, work):
    """The folder made read-only after an edit left its record there: the move goes on, and
    says that undo would take back the earlier edit, not this one."""
    (work / "cast").mkdir()
    (work / "voices.yaml").rename(work / "cast" / "voices.yaml")
    assert runner.invoke(app, ["speakers", "voice", "Pell", "--rate", "120", "-c",
                               "cast/voices.yaml"]).exit_code == 0
    proc = _moved_beside_a_read_only_casting_folder(work, "Wren Halloway", "Pell")
    assert proc.returncode == 0, proc.stderr
    assert "cast/.voices.yaml.undo: cannot be written (its folder is read-only), so `drama " \
           "speakers undo` cannot undo this edit; the scripts are edited: it still holds an " \
           "earlier edit, which undo would take back\n" in proc.stdout


@pytest.mark.skipif(os.name != "posix", reason="folder modes")
def test_a_move_beside_a_casting_folder_not_made_in_a_read_only_one_goes_on_and_says_no_undo(
        work):
    """review53: a casting folder not made yet (cast/new/) was taken as writable, so the
    move stopped when the lock could not make it inside read-only cast/ (exit 2): it goes
    on as beside a read-only casting folder, and makes no folder."""
    (work / "cast").mkdir()
    proc = _moved_beside_a_read_only_casting_folder(work, "the boatman", "Pell",
                                                    casting="cast/new/voices.yaml")
    assert proc.returncode == 0, proc.stderr
    assert "cast/new/.voices.yaml.undo: cannot be written (its folder cannot be made: cast " \
           "is read-only), so `drama speakers undo` cannot undo this edit; the scripts are " \
           "edited\n" in proc.stdout
    assert "the boatman" not in (work / "ep2.script.yaml").read_text(encoding="utf-8")
    assert list((work / "cast").iterdir()) == []


def _moved_beside_a_read_only_casting_folder(work: Path, old: str, new: str,
                                             casting: str = "cast/voices.yaml"):
    """`drama speakers move OLD NEW` on both scripts, run where cast/ cannot be written."""
    prefix = unprivileged()
    (work / "cast").chmod(0o555)
    try:
        return subprocess.run(prefix + drama_cmd(
            "speakers", "move", old, new, "-s", "ep.script.yaml", "-s", "ep2.script.yaml",
            "-c", casting), cwd=work, env=drama_env(work / "cache"),
            capture_output=True, text=True, timeout=120)
    finally:
        (work / "cast").chmod(0o755)


def test_a_stopped_run_whose_proposal_copy_alone_changed_names_the_proposal(work):
    """review53: a stopped run that wrote a waiting proposal and its hidden copy, the copy
    alone written again since (a renewal), and the edit run again: the runs are not joined,
    and undo's word named the hidden `.ep2.script.new.yaml.extracted`, a file the person
    never made. It names the proposal."""
    import gzip
    import hashlib
    import json

    from drama import undo

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()
    proposal, copy = work / "ep2.script.new.yaml", work / ".ep2.script.new.yaml.extracted"
    proposal.write_text(EP2.replace("Pell", "Old Tam"), encoding="utf-8")
    copy.write_text(EP2.replace("Pell", "Pell Marr"), encoding="utf-8")  # renewed since
    edit, scripts = "rename Pell 'Old Tam'", [str(work / "ep2.script.yaml")]
    stopped = {"format": undo.RECORD_FORMAT, "edit": edit, "scripts": scripts, "files": [
        {"path": proposal.name, "casting": False, "before": EP2, "summary": [],
         "after_sha256": digest(EP2.replace("Pell", "Old Tam"))},
        {"path": copy.name, "casting": False, "copy": True, "before": EP2, "summary": [],
         "after_sha256": digest(EP2.replace("Pell", "Old Tam"))}]}
    again = {"format": undo.RECORD_FORMAT, "edit": edit, "scripts": scripts, "files": [
        {"path": scripts[0], "casting": False, "before": EP2, "summary": [],
         "after_sha256": digest(EP2.replace("Pell", "Old Tam"))}]}
    record = work / RECORD
    got = undo._continued(again, gzip.compress(json.dumps(stopped).encode()), record)
    assert got["left"] == {"changed": str(proposal), "files": [str(proposal)]}
    assert undo._left_said(got["left"], edit).startswith(
        "ep2.script.new.yaml: changed after a kill stopped `drama speakers rename Pell")


@pytest.mark.parametrize("named, casting, before", [("voices.yaml", True, FORGED_CASTING),
                                                    ("ep2.script.yaml", False, FORGED_SCRIPT)])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_record_marking_a_file_as_a_proposals_hidden_copy_that_is_none_is_refused(
        runner, work, named, casting, before, dry_run):
    """review54: a hidden copy is put back unlisted, so a forged record marking voices.yaml
    (or a script) as one had -n say "nothing to undo" and undo then write the record's text
    over the person's file, saying the same. It is refused in one line, nothing written."""
    forged_record(work, named, casting=casting, before=before, copy=True)
    said = undo_refused(runner, work, dry_run)
    assert said == (f"drama: error: {RECORD}: not a record of an edit drama can "
                    f"undo: it names {named} as a proposal's hidden copy, which it is "
                    "not; delete it to forget the edit\n")
