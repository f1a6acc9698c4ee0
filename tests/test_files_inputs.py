"""What a command reads is a regular file it may read, or one clear line: a pipe, a device or
an unreadable file given as a source, a script or a casting file is refused with
`drama: error: FILE: ...` and exit status 2, never waited on, read forever, replaced by a file
or answered with a usage box (hostile report 17, cases 1, 6 and 7)."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from drama.cli import app
from fault_util import (drama_cmd, drama_env, error_line, extracted, limits, one_error_line,
                        run_drama, unprivileged)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOT_REGULAR = "is not a regular file (a pipe, device or socket)"


OPENED: set[Path] = set()
"""The FIFOs some reader opened (and would have waited on, but for fifo's writer)."""


@contextmanager
def fifo(path: Path):
    """A FIFO at path. Should drama open it for reading (the fault), a writer opens and closes
    it at once, so the read ends (empty) and the test fails instead of hanging."""
    os.mkfifo(path)
    stop = threading.Event()

    def release() -> None:
        while not stop.wait(0.2):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader waiting (ENXIO), or replaced by a file meanwhile
                continue
            OPENED.add(path)
            os.close(fd)
    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    try:
        yield path
    finally:
        stop.set()
        thread.join()


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

# ---------------------------------------------------------------- case 1: the casting file

WRITERS = [["cast", "ep.script.yaml", "--engine", "tone"],
           ["render", "ep.script.yaml", "--engine", "tone", "-j", "1", "-o", "ep.wav"],
           ["build", "story.txt", "-o", "out", "--engine", "tone", "-f", "wav"]]
"""The commands that append new speakers to the casting file."""


@needs_fifo
@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_fifo_as_casting_file_is_refused_as_an_output_is(runner, work, command):
    extracted(runner, work)
    with fifo(work / "fifo.yaml"):
        line = error_line(runner.invoke(app, [*command, "-c", "fifo.yaml"]))
        assert line == (f"drama: error: fifo.yaml: {NOT_REGULAR}; drama writes only regular "
                        "files: choose another casting file")
    assert (work / "fifo.yaml").is_fifo()
    assert not (work / "ep.wav").exists() and not (work / "out").exists()


@pytest.mark.skipif(not IS_ROOT or not hasattr(os, "mknod"),
                    reason="making a device node needs root")
@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_device_as_casting_file_is_not_replaced_by_a_file(runner, work, command):
    # the null device's numbers, in the test's folder: a system device is never used
    device = work / "mynull"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    extracted(runner, work)
    line = error_line(runner.invoke(app, [*command, "-c", str(device)]))
    assert line == (f"drama: error: {device}: {NOT_REGULAR}; drama writes only regular "
                    "files: choose another casting file")
    assert device.is_char_device()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_link_to_nothing_as_casting_file_makes_no_folder(runner, work, command):
    extracted(runner, work)
    target = work / "gone" / "voices.yaml"
    (work / "dangling.yaml").symlink_to(target)
    line = error_line(runner.invoke(app, [*command, "-c", "dangling.yaml"]))
    assert line == (f"drama: error: dangling.yaml: is a symbolic link to {target}, which does "
                    "not exist; create that file or choose another casting file")
    assert not (work / "gone").exists()
    assert (work / "dangling.yaml").is_symlink()


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_casting_file_in_folders_not_made_yet_is_made_with_them(runner, work, command):
    """ux24: `-c deep/new/dir/voices.yaml` is a casting file to start, as an `-o` in new
    folders is an output to write: the folders are made, as `-o out/` makes out/."""
    extracted(runner, work)
    result = runner.invoke(app, [*command, "-c", "deep/new/dir/voices.yaml"])
    assert result.exit_code == 0, result.output
    assert "speakers:" in (work / "deep/new/dir/voices.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_to_nothing_as_output_is_refused_too(runner, work):
    (work / "dangling.yaml").symlink_to(work / "gone" / "x.script.yaml")
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "dangling.yaml"]))
    assert "dangling.yaml: is a symbolic link to " in line and \
        line.endswith("which does not exist; create that file or choose another output")
    assert not (work / "gone").exists()


# ---------------------------------------------------------------- case 6: what is read

READERS = [["extract", "{f}"], ["render", "{f}", "--engine", "tone", "-o", "x.wav"],
           ["export", "{f}"], ["check", "{f}"], ["review", "{f}"], ["cast", "{f}"],
           ["speakers", "{f}"], ["speakers", "merge", "A", "B", "-s", "{f}"],
           ["build", "{f}", "-o", "out", "--engine", "tone"]]


@needs_fifo
@pytest.mark.parametrize("command,name", [
    (command, name) for command in READERS for name in ("pipe.txt", "pipe.script.yaml")
    if name.endswith(".yaml") or command[0] not in ("check", "speakers")],  # scripts only
    ids=lambda c: c if isinstance(c, str) else "-".join(c[:2]).replace("-{f}", ""))
def test_a_fifo_given_to_read_is_not_a_regular_file(runner, work, command, name):
    with fifo(work / name):
        line = error_line(runner.invoke(app, [a.replace("{f}", name) for a in command]))
    assert line == f"drama: error: {name}: {NOT_REGULAR}; drama reads only regular files"


@needs_fifo
def test_a_folders_pipe_or_link_to_nothing_named_as_a_text_is_reported_not_passed_over(
        runner, work):
    """newcomer40: `drama build texts/` passed over texts/pipe.txt and a texts/gone.txt
    linking to nothing unsaid, exit 0 (and "no sources to build" for a folder of only
    those); the README's "a text that cannot be built is reported (exit 2) while the others
    are built". A folder named like a text is no text, and stays passed over."""
    texts = work / "texts"
    texts.mkdir()
    shutil.copy(work / "story.txt", texts / "story.txt")
    (texts / "gone.txt").symlink_to(work / "nothing-here.txt")
    (texts / "notes.txt").mkdir()
    with fifo(texts / "pipe.txt"):
        result = runner.invoke(app, ["build", "texts", "-o", "out", "--engine", "tone",
                                     "-f", "wav"])
    assert texts / "pipe.txt" not in OPENED
    assert result.exit_code == 2, result.output
    assert f"texts/pipe.txt: {NOT_REGULAR}" in result.output
    assert "texts/gone.txt: no such file" in result.output
    assert "2 of 3 episodes not built: gone, pipe" in result.output
    assert (work / "out" / "story.wav").exists()


@needs_fifo
def test_a_fifo_as_casting_file_to_read_or_manifest_is_refused(runner, work):
    script = extracted(runner, work)
    with fifo(work / "fifo.yaml"):
        for command in (["check", str(script)], ["export", str(script), "-f", "md"],
                        ["speakers", str(script)]):
            line = error_line(runner.invoke(app, [*command, "-c", "fifo.yaml"]))
            assert line == (f"drama: error: fifo.yaml: {NOT_REGULAR}; drama reads only "
                            "regular files: choose another casting file")
    with fifo(work / "ep.manifest.json"):
        line = error_line(runner.invoke(app, ["export", str(script), "-f", "srt"]))
        assert line.endswith(f"ep.manifest.json: {NOT_REGULAR}; drama reads only regular files")


@needs_fifo
def test_a_fifo_as_the_hidden_copy_is_not_read(runner, work):
    # extract -o compares an edited script with its hidden copy: a pipe there is refused,
    # not waited on (nor read as empty, which made the script look edited)
    script = extracted(runner, work)
    script.write_text(script.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    hidden = work / ".ep.script.yaml.extracted"
    hidden.unlink()
    with fifo(hidden):
        line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "ep.script.yaml"]))
    assert hidden not in OPENED
    assert line == f"drama: error: {hidden.name}: {NOT_REGULAR}; drama reads only regular files"
    assert not (work / "ep.script.new.yaml").exists()


@needs_fifo
def test_a_fifo_as_a_book_episode_script_is_not_read(runner, work):
    from test_book_series import text_book
    text_book(work / "river.txt")
    command = ["build", "river.txt", "-o", "out", "--engine", "tone", "-f", "wav"]
    assert runner.invoke(app, command).exit_code == 0
    episode = work / "out" / "river" / "001-chapter-i.script.yaml"
    episode.unlink()
    with open(work / "river.txt", "a", encoding="utf-8") as f:
        f.write("\nThe end.\n")  # the source changed: the episodes are extracted again
    with fifo(episode):
        result = runner.invoke(app, command)
    assert episode not in OPENED
    assert error_line(result) == (f"drama: error: {episode.relative_to(work)}: {NOT_REGULAR}; "
                                  "drama reads only regular files")


@pytest.mark.skipif(not IS_ROOT or not hasattr(os, "mknod"),
                    reason="making a device node needs root")
def test_an_endless_device_is_not_read(work):
    # a device of our own with /dev/zero's numbers; in a separate process with little
    # memory, so reading it (the fault) ends in an error instead of eating the machine
    os.mknod(work / "zero", 0o444 | stat.S_IFCHR, os.makedev(1, 5))
    proc = subprocess.run(drama_cmd("extract", "zero"), cwd=work, env=drama_env(work / "cache"),
                          capture_output=True, text=True, timeout=60,
                          preexec_fn=limits(memory=1 << 30))
    assert one_error_line(proc) == f"drama: error: zero: {NOT_REGULAR}; drama reads only " \
        "regular files"


# ---------------------------------------------------------------- case 7: unreadable files

def test_typer_leaves_reading_to_drama(runner, work, monkeypatch):
    """typer's own check (os.access) is off for every path, so drama's reader decides."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k:
                        False if mode & os.R_OK else real_access(p, mode, *a, **k))
    result = runner.invoke(app, ["extract", "story.txt", "-o", "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", "ep.script.yaml", "-c", "voices.yaml",
                                 "--engine", "tone"])
    assert "not readable" not in result.output and "Usage:" not in result.output


UNREADABLE = [("story.txt", ["extract", "story.txt"]),
              ("story.txt", ["build", "story.txt", "-o", "out", "--engine", "tone"]),
              ("ep.script.yaml", ["render", "ep.script.yaml", "--engine", "tone", "-o", "x.wav"]),
              ("voices.yaml", ["cast", "ep.script.yaml", "--engine", "tone"]),
              ("voices.yaml", ["check", "ep.script.yaml", "--engine", "tone"])]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
@pytest.mark.parametrize("name,command", UNREADABLE, ids=lambda c: c if isinstance(c, str)
                         else c[0])
def test_an_unreadable_file_is_one_line(runner, work, name, command):
    extracted(runner, work)
    prefix = unprivileged()
    (work / name).chmod(0)
    proc = subprocess.run(prefix + drama_cmd(*command), cwd=work, env=drama_env(work / "cache"),
                          capture_output=True, text=True, timeout=60)
    if proc.returncode == 0 and not prefix:
        pytest.skip("this user reads files whose mode forbids it")
    line = one_error_line(proc)
    assert line.startswith(f"drama: error: {name}: cannot read: Permission denied"), line


@needs_fifo
def test_a_fifo_beside_an_episode_is_never_read_for_its_subtitles(tmp_path, caplog):
    """review26: render and build read the .srt/.vtt/.txt beside an episode, and its
    `.<file>.written` record, to know whether a person edited it: a pipe in either place
    was opened and the command waited forever. Neither is read; the pipe as the file is
    not written either, one warning saying so."""
    from drama.export import write_own_exports
    edited = tmp_path / "ep.srt"
    edited.write_text("a person's\n", encoding="utf-8")
    with fifo(tmp_path / ".ep.srt.written") as record, fifo(tmp_path / "ep.vtt") as vtt:
        written = write_own_exports({edited: "drama's\n", vtt: "WEBVTT\n"})
        assert not {record, vtt} & OPENED
    assert written == [] and vtt.is_fifo()
    assert edited.read_text(encoding="utf-8") == "a person's\n"
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"{vtt}: {NOT_REGULAR}") for m in said), said


GB = 1 << 30


def _sparse(path: Path, head: bytes, size: int = 3 * GB) -> None:
    """A file of size bytes that opens with head, the rest a hole: no disk taken."""
    path.write_bytes(head)
    os.truncate(path, size)


@pytest.mark.parametrize("name,head,told", [
    ("film.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "is a binary file"),
    ("book.txt", b"%PDF-1.4\n", "is a PDF"),
    ("page.html", b"%PDF-1.4\n", "is a PDF")])
def test_a_huge_file_of_another_format_is_told_by_its_first_bytes(work, name, head, told):
    """newcomer47: a source was read whole before its first bytes were looked at: `drama
    extract` of a 3 GB video took 3 GB of memory to say it is no text (under a 1 GB limit,
    MemoryError's traceback and exit status 1)."""
    _sparse(work / name, head)
    line = one_error_line(run_drama("extract", name, cwd=work, memory=GB, timeout=60))
    assert line.startswith(f"drama: error: {name}: {told}"), line


@pytest.mark.parametrize("name,text", [("big.txt", '"Go on," said Ann.\n\n' * 500),
                                       ("big.html", '<p>"Go on," said Ann.</p>\n' * 500)])
def test_a_text_larger_than_any_book_is_refused_unread(work, name, text):
    """newcomer47: a 3 GB text was read whole (MemoryError under a 1 GB limit, exit status 1):
    past MAX_TEXT_BYTES it is one line, read no further."""
    from drama.source import MAX_TEXT_BYTES
    _sparse(work / name, text.encode())
    line = one_error_line(run_drama("extract", name, cwd=work, memory=GB, timeout=60))
    assert line == (f"drama: error: {name}: is larger than {MAX_TEXT_BYTES >> 20} MB, more than "
                    "a book's text can be (a long novel is 1 to 5 MB): give one book at a time, "
                    "or check that this is the file you meant")
    _sparse(work / "just.txt", text.encode(), MAX_TEXT_BYTES)  # at the bound: read as a text
    assert "larger than" not in run_drama("extract", "just.txt", cwd=work, memory=GB,
                                          timeout=60).stderr


def test_has_words_is_str_isalnum_of_every_character():
    """source.has_words answers as a loop of str.isalnum over the characters would: every
    code point alone (its regular expression's class against isalnum), and in texts whose
    one word stands past the first lines, after ASCII or other marks."""
    from drama.source import has_words
    from drama.wordchars import ALNUM_CHAR
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert {m.group() for m in ALNUM_CHAR.finditer(every)} == {c for c in every if c.isalnum()}
    marks = "— * - . ,\n\n\u200b" * 2000
    for word, told in [("", False), ("x", True), ("7", True), ("Ж", True), ("名", True),
                       ("_", False), ("\u2014", False), ("\U0001d7d8", True)]:
        assert has_words(marks + word + marks) is told, word
    assert has_words("\ud800 * " * 3000) is False           # a lone surrogate is no word



def test_the_class_of_a_letter_or_digit_is_written_in_one_place():
    """fixes49: "a letter or digit of any script" ([^\\W_]) is drama/wordchars.py's; every
    other module imports it (ALNUM, ALNUM_CHAR, WORD) rather than writing it again."""
    import drama
    root = Path(drama.__file__).parent
    writers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if "[^\\W_]" in p.read_text(encoding="utf-8"))
    assert writers == ["wordchars.py"]

BIG_FILE_ERROR = ("is larger than 256 MB, more than a script, casting file or render manifest "
                  "can be: check that this is the file you meant")


@pytest.mark.parametrize("big,command", [
    ("big.script.yaml", ["check", "big.script.yaml"]),
    ("big.script.json", ["export", "big.script.json", "-f", "txt"]),
    ("voices.yaml", ["cast", "ep.script.yaml", "--dry-run"]),
    ("ep.manifest.json", ["export", "ep.script.yaml", "-f", "srt", "-m", "ep.manifest.json"])])
def test_a_script_casting_file_or_manifest_of_gigabytes_is_refused_unread(runner, work, big,
                                                                         command):
    """newcomer47: a script, voices.yaml or manifest was read whole, however large (a 3 GB one:
    MemoryError under a 1 GB limit); now past files.MAX_READ_BYTES it is one line, unread."""
    from drama.files import MAX_READ_BYTES
    assert MAX_READ_BYTES == 256 << 20
    extracted(runner, work)
    head = (work / "voices.yaml").read_bytes() if big == "voices.yaml" else \
        b'{"lines": [' if big.endswith(".json") else b"title: t\nlines:\n"
    _sparse(work / big, head)
    line = one_error_line(run_drama(*command, cwd=work, memory=GB, timeout=60))
    assert line == f"drama: error: {big}: {BIG_FILE_ERROR}"


def _ten_read_eleven_refused(files, work):
    """With MAX_READ_BYTES 10: a file of ten bytes is read whole, one of eleven refused,
    unless its first eleven bytes are asked for."""
    (work / "ten").write_bytes(b"0123456789")
    (work / "eleven").write_bytes(b"0123456789A")
    assert files.read_regular(work / "ten") == b"0123456789"
    with pytest.raises(files.TooLargeFile, match="is larger than"):
        files.read_regular(work / "eleven")
    assert files.read_regular(work / "eleven", 11) == b"0123456789A"


def test_read_whole_is_bounded_by_max_read_bytes_and_a_part_is_not(work, monkeypatch):
    """files.read_regular reads a file of MAX_READ_BYTES whole; one byte more is
    TooLargeFile, unless only its first bytes are asked for (a source's bound is its own)."""
    import drama.files as files
    monkeypatch.setattr(files, "MAX_READ_BYTES", 10)
    _ten_read_eleven_refused(files, work)


def test_read_whole_sets_aside_what_the_file_holds_and_bounds_one_that_grew(work, monkeypatch):
    """files.read_regular asks for the file's size and one byte more, not for the cap or a
    caller's bound (read(n) sets n bytes aside: every script read took 256 MB, every source
    read 64 MB); a file that grew past the size it had when opened is read on, and still
    refused past the cap or cut at the bound."""
    import tracemalloc

    import drama.files as files
    (work / "small").write_bytes(b"x" * 1000)
    tracemalloc.start()
    assert files.read_regular(work / "small") == b"x" * 1000
    assert files.read_regular(work / "small", 64 << 20) == b"x" * 1000   # a source's bound
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000, peak
    monkeypatch.setattr(files, "MAX_READ_BYTES", 10)
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result(
        (real_fstat(fd).st_mode,) + (0,) * 5 + (3,) + (0,) * 3))   # as if 3 bytes when opened
    _ten_read_eleven_refused(files, work)
    assert files.read_regular(work / "eleven", 5) == b"01234"


def test_a_book_json_of_gigabytes_is_taken_as_no_index_not_read(work):
    """fixes48: a book's book.json was read whole, however large: a build over a 3 GB one
    ran out of memory (under a 1 GB limit). book.json and manifests are read through
    files.read_json, bounded as scripts are: one that large is no index drama wrote, and the
    build writes its own again, as over a broken one."""
    (work / "tiny.txt").write_text('Chapter 1\n\n"Hello there," said Ann.\n', encoding="utf-8")
    build = ("build", "tiny.txt", "--engine", "tone", "-o", "bk", "-e", "chapter", "-f", "wav")
    assert run_drama(*build, cwd=work, timeout=120).returncode == 0
    index = work / "bk" / "tiny" / "book.json"
    _sparse(index, index.read_bytes()[:200])
    proc = run_drama(*build, cwd=work, memory=GB, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert index.stat().st_size < 1 << 20 and index.read_text(encoding="utf-8").startswith("{")


def test_read_json_says_a_file_too_large_as_no_json(work, monkeypatch):
    import drama.files as files
    monkeypatch.setattr(files, "MAX_READ_BYTES", 10)
    (work / "small.json").write_text('{"a": 1}', encoding="utf-8")
    (work / "big.json").write_text('{"a": 12345}', encoding="utf-8")
    assert files.read_json(work / "small.json") == {"a": 1}
    with pytest.raises(ValueError, match="^is larger than"):
        files.read_json(work / "big.json")
