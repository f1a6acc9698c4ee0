"""`drama build`: one bad text does not stop the good ones; two builds of one folder at once
share the segment cache, so no segment is synthesized twice (real processes)."""
from __future__ import annotations

import re
import shutil

import pytest

from drama.cli import app
from drama.scriptfile import load_script
from fault_util import DATA, TONE_CASTING, litter, start_drama


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(DATA / "excerpt_000.txt", folder / "a.txt")
    shutil.copy(DATA / "excerpt_004.txt", folder / "c.txt")
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    return folder


def test_one_bad_text_does_not_stop_the_others(runner, seeds, tmp_path):
    (seeds / "b.txt").write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(seeds), "-o", str(out), "-c",
                                 str(tmp_path / "voices.yaml"), "--engine", "tone", "-f", "wav",
                                 "-j", "1"])
    assert result.exit_code == 2, result.output
    assert (out / "a.wav").is_file() and (out / "c.wav").is_file()
    assert not (out / "b.wav").exists()
    errors = [ln for ln in result.output.splitlines() if ln.startswith("drama: error: ")]
    assert errors == [f"drama: error: {seeds / 'b.txt'}:2: not valid UTF-8 text: byte 0xE9 "
                      "at column 4, 'é' in Windows-1252; save it as UTF-8",
                      "drama: error: 1 of 3 episodes not built: b; the others are done"]


def test_a_bad_edited_script_does_not_stop_the_others(runner, seeds, tmp_path):
    out = tmp_path / "out"
    args = ["build", str(seeds), "-o", str(out), "-c", str(tmp_path / "voices.yaml"),
            "--engine", "tone", "-f", "wav", "-j", "1"]
    assert runner.invoke(app, args).exit_code == 0
    script = out / "a.script.yaml"
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("kind: dialogue", "kind: monologue", 1), encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    # the error names the file and the line holding the bad value: FILE:LINE: ...
    assert re.search(rf"drama: error: {re.escape(str(script))}:\d+: .*kind: must be",
                     result.output)
    assert "c: synthesized 0 segments" in result.output  # built, from the cache


@pytest.mark.slow
def test_two_builds_of_one_folder_synthesize_each_segment_once(seeds, tmp_path):
    log = tmp_path / "made.log"
    args = ["build", "seeds", "-o", "out", "-c", "voices.yaml", "--engine", "slowtone", "-f",
            "wav", "-j", "1"]
    (tmp_path / "started").mkdir()
    env = {"SLOW_TONE_LOG": str(log), "SLOW_TONE_SECONDS": "0.1",
           "SLOW_TONE_START_TOGETHER": f"{tmp_path / 'started'}:2"}
    procs = [start_drama(*args, cwd=tmp_path, slow=True, env=env) for _ in range(2)]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (_, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    made = log.read_text(encoding="utf-8").splitlines()
    segments = [ln.split(" ", 1)[1] for ln in made]
    assert len(segments) == len(set(segments)), \
        f"{len(segments) - len(set(segments))} segment(s) synthesized twice"
    pids = {ln.split(" ", 1)[0] for ln in made}
    assert len(pids) == 2, "both builds should have shared the work"
    spoken = sum(1 for name in ("a", "c") for ln in load_script(tmp_path / "out" /
                 f"{name}.script.yaml").lines if any(c.isalnum() for c in ln.text))
    assert len(set(segments)) <= spoken
    reported = sum(int(line.split("synthesized ")[1].split()[0]) for out, _ in outputs
                   for line in out.splitlines() if "synthesized" in line)
    assert reported == len(segments)  # each build counts only what it made itself
    assert litter(tmp_path / "out") == []


def _unremovable(monkeypatch, ending: str) -> list[str]:
    """Files ending so cannot be removed, as an open file on Windows (or in a folder gone
    read-only); the names refused, in order."""
    import pathlib
    real = pathlib.Path.unlink
    refused: list[str] = []

    def unlink(self, missing_ok=False):
        if self.name.endswith(ending):
            refused.append(self.name)
            raise PermissionError(13, "The process cannot access the file", str(self))
        return real(self, missing_ok=missing_ok)
    monkeypatch.setattr(pathlib.Path, "unlink", unlink)
    return refused


def test_a_build_whose_lock_files_cannot_be_removed_still_builds(runner, seeds, tmp_path,
                                                                  monkeypatch):
    """Letting go of a segment's claim removes its file: where that is refused (Windows
    removes no open file) the render failed with the segment made; the file stays."""
    refused = _unremovable(monkeypatch, (".claim", ".extracted.lock"))
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))  # every segment made here
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(seeds / "a.txt"), "-o", str(out), "-c",
                                 str(tmp_path / "voices.yaml"), "--engine", "tone", "-f", "wav",
                                 "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "a.wav").is_file()
    assert any(n.endswith(".claim") for n in refused)
    assert (out / ".a.script.yaml.extracted.lock").exists()  # left, free for the next run


def test_a_render_waiting_for_another_ones_segments_says_so(runner, seeds, tmp_path,
                                                            monkeypatch, caplog):
    """A render with nothing left but segments another render claimed waited for them up
    to CLAIM_PATIENCE_SECONDS (five minutes) in silence: it says once what it waits for."""
    import drama.locks
    import drama.render.synth as synth
    from drama.locks import FileLock
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    args = ["build", str(seeds / "a.txt"), "-c", str(tmp_path / "voices.yaml"), "--engine",
            "tone", "-f", "wav", "-j", "1"]
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "one")]).exit_code == 0
    claims = []
    for seg in (tmp_path / "cache").rglob("*.seg"):   # every segment gone, claimed elsewhere
        seg.with_suffix(".wav").unlink()
        seg.unlink()
        claims.append(FileLock(seg.with_name(f".{seg.stem}.claim")))
        assert claims[-1].try_acquire()
    monkeypatch.setattr(synth, "CLAIM_PATIENCE_SECONDS", 0.6)
    monkeypatch.setattr(drama.locks, "QUIET_WAIT_SECONDS", 0.2)
    caplog.clear()
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "two")])
    assert result.exit_code == 0, result.output
    waits = [r.getMessage() for r in caplog.records if "waiting" in r.getMessage()]
    assert waits == [f"waiting up to 0.6 s for {len(claims)} segments another drama render "
                     f"sharing the cache ({tmp_path / 'cache' / 'segments'}) is making"]
    for claim in claims:
        claim.release()


def test_a_books_segments_another_build_made_are_not_counted_as_synthesized(
        runner, tmp_path, monkeypatch):
    """newcomer41: two builds of one book at once shared its segments (each made once), yet
    each said "episode 1 of 2 ready: 10 segments synthesized" and "synthesized 29 segments,
    reused 0": a book counted every segment missing when it planned. One another build made
    meanwhile (it lands as this build claims it) is counted from the cache."""
    import shutil as sh

    from drama.render.cache import SegmentCache
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    book = tmp_path / "river.txt"
    book.write_text("Title: River\n\nCHAPTER I.\n\n\"Is it late?\" asked Tom.\n\n"
                    "CHAPTER II.\n\n\"It is,\" said Mary.\n", encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    args = ["build", str(book), "-c", str(tmp_path / "voices.yaml"), "--engine", "tone",
            "-j", "1", "--episodes", "chapter"]
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "one")]).exit_code == 0
    segments = tmp_path / "cache" / "segments"
    sh.copytree(segments, tmp_path / "made-elsewhere")
    sh.rmtree(segments)
    real = SegmentCache.claim

    def claim_as_the_other_build_lands_it(self, key):
        claim = real(self, key)
        for made in (tmp_path / "made-elsewhere").rglob(f"{key}*"):
            target = segments / made.relative_to(tmp_path / "made-elsewhere")
            target.parent.mkdir(parents=True, exist_ok=True)
            sh.copy(made, target)
        return claim
    monkeypatch.setattr(SegmentCache, "claim", claim_as_the_other_build_lands_it)
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "two")])
    assert result.exit_code == 0, result.output
    assert "segments synthesized" not in result.output, result.output
    assert "river: synthesized 0 segments" in result.output, result.output
