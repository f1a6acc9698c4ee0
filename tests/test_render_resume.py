"""Real-engine renders: killed and resumed, and at the loudness target (ffmpeg-verified)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from drama.model import Line, Script
from drama.scriptfile import save_script
from render_util import ebur128, read_samples

pytestmark = pytest.mark.slow

CASTING = """\
narrator: {voice: gmw/en-gb-x-rp, rate: 190}
speakers:
  Anna: {voice: gmw/en-us+f3, rate: 190, pitch: 60}
  Boris: {voice: gmw/en-us+klatt, rate: 190, pitch: 40}
"""
WORDS = ("river bridge lantern winter orchard signal harbour candle meadow thunder "
         "compass letter mirror garden silver morning").split()


def episode(tmp_path: Path, n: int) -> Path:
    """A script of n short lines spoken in turn by three voices, saved as JSON."""
    speakers = ["Narrator", "Anna", "Boris"]
    lines, text = [], []
    pos = 0
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(4 + i % 5)]
        sentence = f"Line {i}: the {' '.join(words)}."
        lines.append(Line(speakers[i % 3], "narration" if i % 3 == 0 else "dialogue",
                          sentence, pos, pos + len(sentence)))
        text.append(sentence)
        pos += len(sentence) + 2
    script = tmp_path / "ep.script.json"
    save_script(Script(title="Resume", lines=lines), script)
    (tmp_path / "voices.yaml").write_text(CASTING, encoding="utf-8")
    return script


def drama(tmp_path, cache, *args, **kw):
    env = {**os.environ, "DRAMA_CACHE": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "drama", *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kw)


def cached(cache: Path) -> int:
    # committed entries only, not a worker's temporary file
    return sum(1 for p in cache.glob("segments/*/*.wav") if not p.name.startswith("."))


def test_killed_render_resumes_with_every_line(tmp_path):
    n = 30
    script = episode(tmp_path, n)
    args = ["render", str(script), "-o", "out/ep.wav", "-c", "voices.yaml", "-j", "2"]
    cache = tmp_path / "cache-killed"
    proc = drama(tmp_path, cache, *args)
    deadline = time.monotonic() + 60
    while cached(cache) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the render finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: workers die mid-segment too
    proc.wait()
    done = cached(cache)
    assert 8 <= done < n
    assert not (tmp_path / "out" / "ep.wav").exists()

    again = drama(tmp_path, cache, *args)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    summary = out.strip().splitlines()[-1]
    synthesized, reused = (int(w) for w in summary.replace(",", "").split() if w.isdigit())
    assert synthesized + reused == n and reused >= done, summary  # nothing committed is lost
    resumed = json.loads((tmp_path / "out" / "ep.manifest.json").read_text())

    clean = drama(tmp_path, tmp_path / "cache-clean", *args[:3], "out/clean.wav", *args[4:])
    clean.communicate(timeout=120)
    assert clean.returncode == 0
    reference = json.loads((tmp_path / "out" / "clean.manifest.json").read_text())
    assert [ln["text"] for ln in resumed["lines"]] == [ln["text"] for ln in reference["lines"]]
    assert all(ln["end"] > ln["start"] for ln in resumed["lines"])
    assert resumed["duration"] == pytest.approx(reference["duration"], rel=0.01)
    # what the killed processes left half-written is gone; only whole entries remain
    assert not [p for p in cache.glob("segments/*/.*")]


def test_real_voices_are_level_matched_at_minus_16_lufs(tmp_path):
    script = episode(tmp_path, 9)
    proc = drama(tmp_path, tmp_path / "cache", "render", str(script), "-o", "out/ep.wav",
                 "-f", "mp3", "-c", "voices.yaml", "-j", "1")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    wav = ebur128(tmp_path / "out" / "ep.wav")
    assert wav["integrated"] == pytest.approx(-16.0, abs=0.5)
    assert wav["true_peak"] <= -1.0
    mp3 = ebur128(tmp_path / "out" / "ep.mp3")
    assert mp3["integrated"] == pytest.approx(-16.0, abs=1.0)
    assert mp3["true_peak"] <= -1.0  # the delivered file, after the encoder's overshoot
    samples, rate = read_samples(tmp_path / "out" / "ep.wav")
    parts: dict[str, list[np.ndarray]] = {}
    for ln in json.loads((tmp_path / "out" / "ep.manifest.json").read_text())["lines"]:
        parts.setdefault(ln["speaker"], []).append(
            samples[int(ln["start"] * rate):int(ln["end"] * rate)])
    levels = {}
    for speaker, segs in parts.items():
        path = tmp_path / f"{speaker}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
            w.writeframes(np.concatenate(segs).tobytes())
        levels[speaker] = ebur128(path)["integrated"]
    # unmatched, +klatt speaks about 10 dB under +f3
    assert max(levels.values()) - min(levels.values()) < 1.5, levels


def test_workers_exit_when_the_render_is_killed_alone(tmp_path):
    script = episode(tmp_path, 30)
    cache = tmp_path / "cache"
    proc = drama(tmp_path, cache, "render", str(script), "-o", "out/ep.wav", "-c",
                 "voices.yaml", "-j", "2")
    deadline = time.monotonic() + 60
    while cached(cache) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the render finished before it could be killed"
    children = [int(c) for c in Path(f"/proc/{proc.pid}/task").glob("*/children")
                for c in c.read_text().split()]
    assert len(children) >= 2  # the spawned workers (and multiprocessing's helpers)
    proc.kill()  # the main process only, as the OOM killer would
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() and
                                              _running(c) for c in children):
        time.sleep(0.1)
    assert not [c for c in children if Path(f"/proc/{c}").exists() and _running(c)]


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except OSError:
        return False
