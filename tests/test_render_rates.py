"""Segments of different sample rates in one episode: each is resampled to the highest."""
from __future__ import annotations

import json
import wave

import numpy as np

from drama.engines.tone import ToneEngine
from drama.render import render_script
from drama.render.synth import resample
from render_util import casting_file, script_from


class TwoRateEngine(ToneEngine):
    """The tone engine, but the high voice speaks at 16 kHz (as Piper's low models do)."""

    def synthesize(self, text, settings, path):
        super().synthesize(text, settings, path)
        if settings.voice != "tone/high":
            return
        with wave.open(path, "rb") as r:
            x = np.frombuffer(r.readframes(r.getnframes()), dtype="<i2")
        with wave.open(path, "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000)
            w.writeframes(resample(x, 22050, 16000).tobytes())


def test_resample_keeps_a_tone_and_its_length():
    t = np.arange(16000) / 16000
    x = (10000 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    y = resample(x, 16000, 22050)
    assert len(y) == 22050
    spectrum = np.abs(np.fft.rfft(y))
    assert abs(np.argmax(spectrum) - 440) <= 1  # 1 Hz bins: still 440 Hz
    assert abs(np.abs(y).max() - 10000) < 300


def test_an_episode_mixing_rates_is_written_at_the_highest(tmp_path):
    source = "Anna spoke first. The narrator went on. Anna spoke again, at length now."
    script, text = script_from(source, [("Anna", "Anna spoke first."),
                                        ("Narrator", "The narrator went on."),
                                        ("Anna", "Anna spoke again, at length now.")])
    out = tmp_path / "ep.wav"
    result = render_script(script, casting_file(tmp_path), TwoRateEngine(), out,
                           source_text=text, workers=1, cache_dir=tmp_path / "cache")
    with wave.open(str(out)) as w:
        assert w.getframerate() == 22050
    lines = json.loads((tmp_path / "ep.manifest.json").read_text())["lines"]
    # a 16 kHz line lasts as long at 22.05 kHz: 0.4 s a word at 170 wpm... 3 and 6 words
    durations = [ln["end"] - ln["start"] for ln in lines]
    assert abs(durations[0] - 3 * 60 / 170 * 0.4) < 0.05
    assert abs(durations[2] - 6 * 60 / 170 * 0.4) < 0.05
    again = render_script(script, casting_file(tmp_path), TwoRateEngine(), tmp_path / "b.wav",
                          source_text=text, workers=1, cache_dir=tmp_path / "cache")
    assert (result.synthesized, again.synthesized) == (3, 0)
