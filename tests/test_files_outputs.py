"""`-o` never destroys what it points at: an input of the same command, a pipe, a device; a
folder means "inside it, with the default name"; an unwritable place is one clear line."""
from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from drama.cli import app
from fault_util import error_line, extracted

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_extract_over_its_own_source_is_refused(runner, work):
    before = (work / "story.txt").read_bytes()
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "story.txt"]))
    assert line == ("drama: error: story.txt: is an input of this command; writing it would "
                    "destroy it: choose another output")
    assert (work / "story.txt").read_bytes() == before


def test_export_over_the_script_it_reads_is_refused(runner, work):
    script = extracted(runner, work)
    script.write_text(script.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = script.read_bytes()
    for fmt in ("txt", "json"):
        line = error_line(runner.invoke(app, ["export", str(script), "-f", fmt, "-o",
                                              str(script)]))
        assert "is an input of this command" in line
    assert script.read_bytes() == before


def test_a_link_to_an_input_is_still_the_input(runner, work):
    (work / "link.txt").symlink_to(work / "story.txt")
    before = (work / "story.txt").read_bytes()
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "link.txt"]))
    assert "is an input of this command (story.txt)" in line
    assert (work / "story.txt").read_bytes() == before


def test_render_never_writes_over_its_script(runner, work):
    script = extracted(runner, work)
    manifest_named = work / "ep.manifest.json"
    shutil.copy(script, manifest_named)  # a JSON-less script that happens to sit there
    manifest_named.write_text('{"title": "t", "lines": []}', encoding="utf-8")
    before = manifest_named.read_bytes()
    line = error_line(runner.invoke(app, ["render", str(manifest_named), "--engine", "tone",
                                          "-o", str(work / "ep.wav")]))
    assert "ep.manifest.json: is an input of this command" in line
    assert manifest_named.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_replaced_by_a_file(runner, work):
    os.mkfifo(work / "pipe")
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "pipe"]))
    assert line.endswith("pipe: is not a regular file (a pipe, device or socket); drama "
                         "writes only regular files: choose another output")
    assert (work / "pipe").is_fifo()


@pytest.mark.skipif(not IS_ROOT or not hasattr(os, "mknod"),
                    reason="making a device node needs root")
def test_a_device_is_not_replaced_by_a_file(runner, work):
    # a device node of our own (the null device's numbers) in the test's folder: a system
    # device such as /dev/null is never used, since a broken build would replace it for all
    device = work / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    script = extracted(runner, work)
    line = error_line(runner.invoke(app, ["export", str(script), "-o", str(device)]))
    assert f"{device}: is not a regular file" in line
    assert device.is_char_device()


def test_a_folder_means_inside_it_with_the_default_name(runner, work):
    (work / "out").mkdir()
    assert runner.invoke(app, ["extract", "story.txt", "-o", "out"]).exit_code == 0
    assert (work / "out" / "story.script.yaml").is_file()
    result = runner.invoke(app, ["export", "out/story.script.yaml", "-f", "md", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (work / "out" / "story.md").read_text(encoding="utf-8").startswith("# ")
    result = runner.invoke(app, ["render", "out/story.script.yaml", "--engine", "tone",
                                 "-j", "1", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (work / "out" / "story.wav").is_file()
    assert (work / "out" / "story.manifest.json").is_file()


def test_build_into_its_folder_of_texts_is_refused(runner, work):
    (work / "seeds").mkdir()
    shutil.copy(work / "story.txt", work / "seeds" / "story.txt")
    before = (work / "seeds" / "story.txt").read_bytes()
    line = error_line(runner.invoke(app, ["build", "seeds", "-o", "seeds", "--engine", "tone",
                                          "-c", "voices.yaml", "-f", "wav"]))
    assert "story.txt: is an input of this command" in line
    assert (work / "seeds" / "story.txt").read_bytes() == before


# ---------------------------------------------------------------- unwritable places (case 6)

def _unwritable(work: Path, kind: str) -> Path:
    """A folder no file can be made in: read-only for a normal user; /proc for root."""
    if kind == "read-only folder":
        if IS_ROOT:
            pytest.skip("root writes into read-only folders")
        folder = work / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        return folder
    if kind == "under a file":
        (work / "plain-file").write_text("x", encoding="utf-8")
        return work / "plain-file" / "sub"
    if not sys.platform.startswith("linux"):
        pytest.skip("needs /proc")
    return Path("/proc/self")


KINDS = ["read-only folder", "under a file", "/proc"]


@pytest.mark.parametrize("kind", KINDS)
def test_unwritable_output_folder_is_one_clear_line(runner, work, kind):
    folder = _unwritable(work, kind)
    script = extracted(runner, work)
    for args in (["extract", "story.txt", "-o", str(folder / "x.script.yaml")],
                 ["export", str(script), "-o", str(folder / "x.txt")],
                 ["render", str(script), "--engine", "tone", "-j", "1",
                  "-o", str(folder / "x.wav")]):
        line = error_line(runner.invoke(app, args))
        assert str(folder) in line, line


@pytest.mark.parametrize("kind", KINDS)
def test_unwritable_cache_folder_is_one_clear_line(runner, work, kind, monkeypatch):
    folder = _unwritable(work, kind)
    script = extracted(runner, work)
    monkeypatch.setenv("DRAMA_CACHE", str(folder / "cache"))
    line = error_line(runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                          "-o", str(work / "x.wav")]))
    assert line.startswith("drama: error: cannot use the segment cache: ") and \
        "DRAMA_CACHE" in line
    assert not (work / "x.wav").exists()


@pytest.mark.parametrize("kind", ["a file", *KINDS])
def test_an_unusable_cache_is_refused_before_anything_is_touched(runner, work, kind,
                                                                 monkeypatch):
    """newcomer49: DRAMA_CACHE naming a file was refused (one line) only at the render, after
    render and build had cast the script's new speakers into voices.yaml, and build had
    written its script: now before either touches a file."""
    script = extracted(runner, work)
    if kind == "a file":
        (work / "cache-file").write_text("x", encoding="utf-8")
        monkeypatch.setenv("DRAMA_CACHE", str(work / "cache-file"))
    else:
        monkeypatch.setenv("DRAMA_CACHE", str(_unwritable(work, kind) / "cache"))
    casting = (work / "voices.yaml").read_bytes()
    for args in (["render", str(script), "--engine", "tone", "-j", "1", "-o", "out/"],
                 ["build", "story.txt", "--engine", "tone", "-j", "1", "-o", "book/"]):
        line = error_line(runner.invoke(app, args))
        assert line.startswith("drama: error: cannot use the segment cache: "), line
        assert (work / "voices.yaml").read_bytes() == casting, args[0]
        assert not (work / "out").exists() and not (work / "book").exists(), args[0]


# ---------------------------------------------------------------- leftovers of killed runs (case 5)

def _dead_pid() -> int:
    import subprocess
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_a_dead_runs_temporary_files_are_removed_a_live_ones_kept(runner, work):
    dead = _dead_pid()
    out = work / "out"
    out.mkdir()
    (out / f".ep.wav.drama-{dead}.tmp.wav").write_bytes(b"\0" * 4096)  # a killed render's
    (out / f".ep.mp3.drama-{dead}.tmp.mp3.ffmeta").write_text(";FFMETADATA1\n")
    live = out / f".ep.wav.drama-{os.getpid()}.tmp.wav"  # a render still running
    live.write_bytes(b"\0")
    mine = out / ".notes.tmp"  # not drama's
    mine.write_text("x")
    result = runner.invoke(app, ["extract", "story.txt", "-o", "out/ep.script.yaml"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == \
        sorted([live.name, mine.name, ".ep.script.yaml.extracted"])  # the script's copy
    # beside the casting file too, when a cast appends to it
    stale = work / f".voices.yaml.drama-{dead}.tmp"
    stale.write_text("half a casting file")
    assert runner.invoke(app, ["cast", "out/ep.script.yaml", "--engine", "tone"]).exit_code == 0
    assert not stale.exists()
