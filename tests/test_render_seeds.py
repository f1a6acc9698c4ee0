"""`drama build` on both whole seeds with the real engine and this repository's voices.yaml, as
`make demo` builds them: every episode, WAV and MP3, at the podcast target as ffmpeg's EBU R128
scanner measures it; a second build keeps them, and says what README's step 6 quotes."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from render_util import ebur128

pytestmark = pytest.mark.slow


def test_build_renders_both_seeds_at_minus_16_lufs(tmp_path):
    if len(SEEDS) < 2:
        pytest.skip("needs both seeds")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for s in SEEDS:
        shutil.copy(s, seeds / s.name)
    shutil.copy(ROOT / "voices.yaml", tmp_path / "voices.yaml")  # cast as make demo casts
    env = {**os.environ, "DRAMA_CACHE": str(tmp_path / "cache")}

    def build():
        proc = subprocess.run([sys.executable, "-m", "drama", "build", "seeds", "-o", "output",
                               "--engine", "pyttsx3"],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip().splitlines()

    summaries = build()
    assert len(summaries) == len(SEEDS)
    for s in SEEDS:
        manifest = json.loads((tmp_path / "output" / f"{s.stem}.manifest.json").read_text())
        for ext, tolerance in (("wav", 0.5), ("mp3", 1.0)):
            measured = ebur128(tmp_path / "output" / f"{s.stem}.{ext}")
            assert measured["integrated"] == pytest.approx(-16.0, abs=tolerance), (s.stem, ext)
            assert measured["true_peak"] <= -1.0, (s.stem, ext, measured)
        assert manifest["duration"] > 60
    again = build()
    assert all(line.endswith("; up to date") and "synthesized 0 segments" in line
               for line in again), again
    # README's step 6 quotes this line for seed 000 (it once said 31:37.6 where a build said
    # 31:37.5, walk33); the same espeak-ng gives 31:37.5 or 31:37.6 from machine to machine,
    # so the duration is held to half a second and the rest of the line exactly
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"#\s+(synthesized 0 segments, reused 0 from cache; duration .*; up to "
                       r"date)\n", readme).group(1)
    built = next(line for line in again if line.startswith(f"{SEEDS[0].stem}: "))
    assert _seconds(built) == pytest.approx(_seconds(quoted), abs=0.5), (quoted, built)
    assert DURATION.sub("", built) == f"{SEEDS[0].stem}: " + DURATION.sub("", quoted)


DURATION = re.compile(r"duration [\d:.]+ \(([\d.]+) s\)")


def _seconds(summary: str) -> float:
    """The seconds a build's summary line gives ("duration 31:37.5 (1897.5 s)" -> 1897.5)."""
    return float(DURATION.search(summary).group(1))
