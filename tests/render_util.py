"""Helpers for the renderer's tests: small scripts, casting files, audio measurements."""
from __future__ import annotations

import re
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

from drama.casting import load_casting
from drama.model import Line, Script

TONE_CASTING = """\
narrator: {voice: tone/mid, rate: 170}
speakers:
  Anna: {voice: tone/high, rate: 170, pitch: 60}
  Boris: {voice: tone/quiet, rate: 170}
"""


def script_from(source: str, turns: list[tuple[str, str]], title: str = "Test") -> tuple[Script, str]:
    """A script whose lines are the given (speaker, text) turns, found in order in source."""
    lines, pos = [], 0
    for speaker, text in turns:
        start = source.index(text, pos)
        end = start + len(text)
        kind = "narration" if speaker == "Narrator" else "dialogue"
        lines.append(Line(speaker, kind, text, start, end))
        pos = end
    return Script(title=title, source=None, lines=lines), source


def casting_file(tmp_path: Path, text: str = TONE_CASTING, voices=None):
    path = tmp_path / "voices.yaml"
    path.write_text(text, encoding="utf-8")
    return load_casting(path, voices)


def read_samples(path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as r:
        return np.frombuffer(r.readframes(r.getnframes()), dtype="<i2"), r.getframerate()


def rms_db(x: np.ndarray) -> float:
    x = x.astype(np.float64) / 32768.0
    return 10 * np.log10(np.mean(x * x))


def ffmpeg() -> str:
    from drama.render.encode import ffmpeg_path
    return ffmpeg_path()


def ebur128(path) -> dict:
    """Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 filter measures them."""
    proc = subprocess.run([ffmpeg(), "-nostdin", "-hide_banner", "-i", str(path), "-af",
                           "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True)
    summary = proc.stderr[proc.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return {"integrated": integrated, "true_peak": peak}


def probe(path) -> str:
    """What ffmpeg says about a file (streams, tags, chapters)."""
    return subprocess.run([ffmpeg(), "-nostdin", "-hide_banner", "-i", str(path)],
                          capture_output=True, text=True).stderr


def recording_ffmpeg(tmp_path: Path, module, monkeypatch) -> Path:
    """The ffmpeg `module` runs, through a wrapper that notes its pid and process group, a
    line "PID PGID" per run (and execs the real one, so the pid is ffmpeg's); the file it
    notes them in."""
    real = module.ffmpeg_path()
    seen = tmp_path / "seen"
    wrapper = tmp_path / "ffmpeg"
    wrapper.write_text(f"#!{sys.executable}\nimport os, sys\n"
                       f"open({str(seen)!r}, 'a').write(f'{{os.getpid()}} {{os.getpgrp()}}\\n')\n"
                       f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n")
    wrapper.chmod(0o755)
    monkeypatch.setattr(module, "ffmpeg_path", lambda: str(wrapper))
    return seen
