"""voices.yaml is appended to, never replaced: not by commands running at once (real
processes), not through a symbolic link, not when it is read-only, not under an editor."""
from __future__ import annotations

import os
import stat

import pytest
import yaml

import drama.casting as casting_module
from drama.casting import cast_speakers, casting_lock_path, load_casting
from drama.engines.tone import ToneEngine
import drama.locks
from drama.errors import CastingError, DramaError
from drama.locks import LOCK_TIMEOUT_SECONDS, FileLock, lock_timeout
from fault_util import one_error_line, run_drama, script_lines, start_drama

VOICES = ToneEngine().voices()
HAND_WRITTEN = "# our series cast: edited by hand\nnarrator: {voice: tone/mid, rate: 170}\n" \
               "speakers:\n  Old: {voice: tone/low}   # keep me\n"


def write_script(folder, name: str, speakers: list[str]):
    source = "".join(f'"Line of {s}," said {s}.\n' for s in speakers)
    (folder / f"{name}.txt").write_text(source, encoding="utf-8")
    turns = [(s, f"Line of {s},") for s in speakers]
    doc = {"title": name, "source": f"{name}.txt", "lines": script_lines(source, turns)}
    path = folder / f"{name}.script.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_concurrent_casts_lose_no_speaker(tmp_path):
    """Four `drama cast` processes at once on one voices.yaml, twice: every speaker of every
    process is in the file afterwards, and the hand-written part is untouched."""
    groups = {f"p{n}": [f"P{n}speaker{i}" for i in range(12)] for n in range(4)}
    for name, speakers in groups.items():
        write_script(tmp_path, name, speakers)
    casting = tmp_path / "voices.yaml"
    for _ in range(2):
        casting.write_text(HAND_WRITTEN, encoding="utf-8")
        procs = [start_drama("cast", f"{name}.script.yaml", "-c", "voices.yaml", "--engine",
                             "tone", cwd=tmp_path) for name in groups]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "added 12 speakers" in err
        text = casting.read_text(encoding="utf-8")
        assert text.startswith(HAND_WRITTEN)
        cast = load_casting(casting, {v.id for v in VOICES})
        missing = [s for group in groups.values() for s in group if not cast.has(s)]
        assert missing == [], f"lost {len(missing)} speaker(s): {missing[:5]}"


def test_a_command_waits_for_the_lock_then_says_so(tmp_path):
    write_script(tmp_path, "ep", ["Anna"])
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    with FileLock(casting_lock_path(casting)) as lock:
        assert lock.try_acquire()
        proc = run_drama("cast", "ep.script.yaml", "-c", "voices.yaml", "--engine", "tone",
                         cwd=tmp_path, env={"DRAMA_LOCK_TIMEOUT": "0.5"})
    line = one_error_line(proc)
    assert line.startswith("drama: error: voices.yaml: another drama command is editing "
                           "this file (waited 0.5 s for ")
    assert casting.read_text(encoding="utf-8") == HAND_WRITTEN
    # once free, the same command goes through
    assert cast_speakers(casting, ["Anna"], VOICES) == ["Anna"]


def test_an_edit_saved_during_the_append_is_kept(tmp_path, monkeypatch):
    """A person's editor saving voices.yaml between drama's read and its write: drama notices
    the file changed and appends to the new text."""
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    real = casting_module._appended
    edited = HAND_WRITTEN.replace("# keep me", "# keep me, edited meanwhile")

    def append_while_someone_saves(path, text, *args):
        result = real(path, text, *args)
        if "meanwhile" not in text:
            casting.write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(casting_module, "_appended", append_while_someone_saves)
    assert cast_speakers(casting, ["Anna"], VOICES) == ["Anna"]
    text = casting.read_text(encoding="utf-8")
    assert text.startswith(edited) and "Anna:" in text


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_linked_casting_file_gains_the_speakers_and_stays_a_link(tmp_path):
    shared = tmp_path / "series" / "voices.yaml"
    shared.parent.mkdir()
    shared.write_text(HAND_WRITTEN, encoding="utf-8")
    shared.chmod(0o664)
    book = tmp_path / "book2"
    book.mkdir()
    (book / "voices.yaml").symlink_to(shared)
    write_script(book, "ep", ["Anna", "Boris"])
    proc = run_drama("cast", "ep.script.yaml", "--engine", "tone", cwd=book)
    assert proc.returncode == 0, proc.stderr
    assert (book / "voices.yaml").is_symlink()
    assert HAND_WRITTEN in shared.read_text(encoding="utf-8")
    assert load_casting(shared).has("Anna") and load_casting(shared).has("Boris")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert not (book / ".voices.yaml.lock").exists()  # the lock is beside the real file


def test_the_casting_files_mode_is_kept(tmp_path):
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    casting.chmod(0o600)
    assert cast_speakers(casting, ["Anna"], VOICES) == ["Anna"]
    assert stat.S_IMODE(casting.stat().st_mode) == 0o600


def test_a_read_only_casting_file_is_an_error_that_says_so(tmp_path):
    write_script(tmp_path, "ep", ["Anna", "Boris"])
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    casting.chmod(0o444)
    proc = run_drama("cast", "ep.script.yaml", "--engine", "tone", cwd=tmp_path)
    assert one_error_line(proc) == (
        "drama: error: voices.yaml: is read-only, so the new speakers Anna, Boris cannot be "
        "added; make it writable (chmod u+w) or add them by hand")
    assert casting.read_text(encoding="utf-8") == HAND_WRITTEN
    assert stat.S_IMODE(casting.stat().st_mode) == 0o444
    # with nothing to add, a read-only file is fine
    with pytest.raises(CastingError, match="read-only"):
        cast_speakers(casting, ["Anna"], VOICES)
    assert cast_speakers(casting, ["Old"], VOICES) == []


def test_a_long_wait_for_the_lock_says_what_it_waits_for(tmp_path, monkeypatch, caplog):
    """And the timeout as configured: it said "waiting up to 59 s" of the README's 60 (the
    time left after the quiet second). "Editing": `drama speakers` and the studio hold the
    lock too (it said "adding speakers" while a rename held it)."""
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.setattr(drama.locks, "QUIET_WAIT_SECONDS", 0.1)
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0.3")
    with FileLock(casting_lock_path(casting)) as lock:
        assert lock.try_acquire()
        with pytest.raises(CastingError, match=r"waited 0\.3 s for "):
            cast_speakers(casting, ["Anna"], VOICES)
    assert [r.getMessage() for r in caplog.records] == [
        f"{casting}: another drama command is editing it; waiting up to 0.3 s"]
    assert casting.read_text(encoding="utf-8") == HAND_WRITTEN


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "1m", "inf", "-inf", "Infinity", "1e999",
                                   "1e300", "86401"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_an_error(tmp_path, monkeypatch, value):
    """Endless or absurdly long waits too (1e300 is finite, yet no wait anyone means)."""
    casting = tmp_path / "voices.yaml"
    casting.write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", value)
    with pytest.raises(DramaError, match=f"DRAMA_LOCK_TIMEOUT must be a number of seconds "
                                           f".* not '{value}'"):
        cast_speakers(casting, ["Anna"], VOICES)
    assert casting.read_text(encoding="utf-8") == HAND_WRITTEN
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", " ")  # set but empty: the default
    assert cast_speakers(casting, ["Anna"], VOICES) == ["Anna"]


@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_lock_timeout_is_unset_as_every_drama_variable(monkeypatch, value):
    """`DRAMA_LOCK_TIMEOUT= drama ...` clears it for one command, as DRAMA_CACHE= does."""
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", value)
    assert lock_timeout() == LOCK_TIMEOUT_SECONDS


def test_a_lock_timeout_of_a_day_is_the_longest_allowed(monkeypatch):
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "86400")
    assert lock_timeout() == 86400
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "86400.5")
    with pytest.raises(DramaError, match="at most 86400"):
        lock_timeout()


def test_a_bad_lock_timeout_is_one_line_from_the_command(tmp_path):
    (tmp_path / "s.txt").write_text('"Hi," said Anna.\n', encoding="utf-8")
    proc = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path,
                     env={"DRAMA_LOCK_TIMEOUT": "abc"})
    assert one_error_line(proc).startswith("drama: error: DRAMA_LOCK_TIMEOUT must be a number")
    assert not (tmp_path / "voices.yaml").exists()


def test_a_bad_lock_timeout_is_refused_before_a_scripts_folder_is_made(tmp_path, monkeypatch):
    """review38: saving an extraction (saving.script_locked) made the script's folder,
    then read the lock's timeout and refused it, leaving an empty folder behind."""
    from drama.saving import save_extracted
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "abc")
    path = tmp_path / "out" / "new" / "s.script.yaml"
    with pytest.raises(DramaError, match="DRAMA_LOCK_TIMEOUT must be a number of seconds"):
        save_extracted("title: S\nlines: []\n", path, None)
    assert not (tmp_path / "out").exists()



def test_a_removable_lock_is_never_held_twice_through_a_removed_file(tmp_path, monkeypatch):
    # a waiter opens the lock file, its holder removes it and lets go, a newcomer makes and
    # takes a new one: the waiter then locks a file no one else can find, which is no lock
    path = tmp_path / ".x.lock"
    holder, waiter, newcomer = (FileLock(path, removable=True) for _ in range(3))
    assert holder.try_acquire()
    real_try = drama.locks._try

    def try_(fd):
        monkeypatch.setattr(drama.locks, "_try", real_try)
        holder.release(remove=True)  # between the waiter's open and its lock
        assert newcomer.try_acquire()
        return real_try(fd)
    monkeypatch.setattr(drama.locks, "_try", try_)
    assert not waiter.try_acquire()
    newcomer.release(remove=True)
    assert waiter.try_acquire() and path.exists()
    waiter.release(remove=True)
    assert not path.exists()


def test_a_lock_file_another_user_left_is_locked_read_only(tmp_path, monkeypatch):
    # a killed run of another user leaves its 0644 lock file in a shared folder: opening it
    # for writing is refused, yet a lock needs no writing (the pair lock then blocked every
    # build of that script by anyone else until the file was removed by hand)
    path = tmp_path / ".x.lock"
    path.touch()
    real_open = os.open

    def open_(file, flags, *args):
        if flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)
    monkeypatch.setattr(drama.locks.os, "open", open_)
    lock, other = FileLock(path, removable=True), FileLock(path, removable=True)
    assert lock.try_acquire() and not other.try_acquire()
    lock.release(remove=True)
    assert not path.exists()
    with pytest.raises(PermissionError):  # no file to lock, and none can be made: as before
        other.try_acquire()


def test_a_lock_file_that_cannot_be_removed_is_let_go_all_the_same(tmp_path, monkeypatch):
    """Windows removes no open file: release(remove=True) raised, the file stayed locked
    until the process closed it. Now it stays, free, for the next holder."""
    import pathlib
    path = tmp_path / ".x.lock"

    def unlink(self, missing_ok=False):
        raise PermissionError(13, "The process cannot access the file", str(self))
    lock = FileLock(path, removable=True)
    assert lock.try_acquire()
    monkeypatch.setattr(pathlib.Path, "unlink", unlink)
    lock.release(remove=True)
    assert not lock.held and path.exists()
    assert FileLock(path, removable=True).try_acquire()


def test_a_removable_lock_held_is_let_go_and_removed_however_its_block_ends(tmp_path,
                                                                             monkeypatch):
    """review38: the script's, the episode's and book.json's locks are held one way
    (locks.removable_lock_held): another holder makes it raise the caller's error after the
    timeout, and the block's own error still lets the lock go and removes its file."""
    from drama.errors import OutputError
    from drama.locks import removable_lock_held
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0")
    path = tmp_path / ".x.lock"
    refused = lambda timeout: OutputError(f"busy after {timeout:g} s")  # noqa: E731
    other = FileLock(path, removable=True)
    assert other.try_acquire()
    with pytest.raises(OutputError, match="busy after 0 s"):
        with removable_lock_held(path, "waiting", refused):
            pass
    other.release(remove=True)
    with pytest.raises(KeyError):
        with removable_lock_held(path, "waiting", refused):
            assert path.exists()
            raise KeyError("the block's own error")
    assert not path.exists()
    with removable_lock_held(path, "waiting", refused):  # free again
        pass
