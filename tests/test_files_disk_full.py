"""A full disk (RLIMIT_FSIZE in the command's process: writes past the limit fail as they do
on a full disk) is one clear line, exit 2, and the previous good file is kept as it was."""
from __future__ import annotations

import shutil
import sys

import pytest

from fault_util import DATA, TONE_CASTING, litter, one_error_line, run_drama

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs resource limits")

FULL = "the file is larger than this system allows (file size limit)"
LIMIT_ADVICE = ("write it to a file system that takes larger files, or raise the limit "
                "(ulimit -f), and run again")


@pytest.fixture
def work(tmp_path):
    shutil.copy(DATA / "excerpt_000.txt", tmp_path / "story.txt")
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    return tmp_path


def test_extract_onto_a_full_disk_keeps_the_previous_script(work):
    assert run_drama("extract", "story.txt", "-o", "ep.script.yaml", cwd=work).returncode == 0
    before = (work / "ep.script.yaml").read_bytes()
    (work / "story.txt").write_text("A new start.\n" * 200, encoding="utf-8")
    proc = run_drama("extract", "story.txt", "-o", "ep.script.yaml", cwd=work,
                     file_size=1000)
    # tidy28: not "free some space", which helps a full disk, not a limit on a file's size
    assert one_error_line(proc) == f"drama: error: ep.script.yaml: {FULL}; {LIMIT_ADVICE} " \
                                   "(the previous file is kept)"
    assert (work / "ep.script.yaml").read_bytes() == before
    assert litter(work) == []


def test_export_onto_a_full_disk_keeps_the_previous_export(work):
    assert run_drama("extract", "story.txt", "-o", "ep.script.yaml", cwd=work).returncode == 0
    assert run_drama("export", "ep.script.yaml", "-o", "ep.txt", cwd=work).returncode == 0
    before = (work / "ep.txt").read_bytes()
    proc = run_drama("export", "ep.script.yaml", "-f", "md", "-o", "ep.txt", cwd=work,
                     file_size=len(before) // 2)
    assert "ep.txt: " + FULL in one_error_line(proc)
    assert (work / "ep.txt").read_bytes() == before
    assert litter(work) == []


def test_cast_onto_a_full_disk_keeps_the_casting_file(work):
    assert run_drama("extract", "story.txt", "-o", "ep.script.yaml", cwd=work).returncode == 0
    proc = run_drama("cast", "ep.script.yaml", "--engine", "tone", cwd=work,
                     file_size=len(TONE_CASTING) + 10)
    assert "voices.yaml: cannot write: " in one_error_line(proc)
    assert (work / "voices.yaml").read_text(encoding="utf-8") == TONE_CASTING
    assert litter(work) == []


def test_render_onto_a_full_disk_keeps_the_previous_episode(work):
    args = ["render", "story.txt", "-o", "out/ep.wav", "-f", "mp3", "--engine", "tone", "-j",
            "1"]
    assert run_drama(*args, cwd=work).returncode == 0
    before = {p.name: p.read_bytes() for p in (work / "out").iterdir()}
    # the encoders' headroom at this target measured already (see the next test)
    assert run_drama(*args[:3], "other/ep.wav", *args[4:], "--loudness", "acx",
                     cwd=work).returncode == 0
    proc = run_drama(*args, "--loudness", "acx", cwd=work, file_size=300_000)
    line = one_error_line(proc)
    assert line.startswith("drama: error: out/ep.wav: " + FULL), line
    assert {p.name: p.read_bytes() for p in (work / "out").iterdir()} == before


def test_a_full_disk_while_measuring_headroom_names_the_cache_and_keeps_the_episode(work):
    args = ["render", "story.txt", "-o", "out/ep.wav", "-f", "mp3", "--engine", "tone", "-j",
            "1"]
    assert run_drama(*args, cwd=work).returncode == 0
    before = {p.name: p.read_bytes() for p in (work / "out").iterdir()}
    proc = run_drama(*args, "--loudness", "acx", cwd=work, file_size=300_000)
    line = one_error_line(proc)
    assert line.startswith(f"drama: error: {work / 'cache' / 'segments'}: cannot measure the "
                           f"encoders' headroom in the cache: {FULL}; {LIMIT_ADVICE}"), line
    assert {p.name: p.read_bytes() for p in (work / "out").iterdir()} == before


def test_a_full_cache_disk_is_one_line_and_keeps_finished_segments(work):
    args = ["render", "story.txt", "-o", "out/ep.wav", "--engine", "tone", "-j", "1"]
    proc = run_drama(*args, cwd=work, file_size=20_000)
    line = one_error_line(proc)
    assert line.startswith(f"drama: error: {work / 'cache' / 'segments'}: cannot write a "
                           f"segment into the cache: {FULL}; finished segments are kept"), line
    assert not (work / "out" / "ep.wav").exists()
    assert run_drama(*args, cwd=work).returncode == 0
