"""A deterministic test engine: one short tone per word, pitched by the voice settings.

For fast unit tests of everything around synthesis; never the default.
"""
from __future__ import annotations

import wave

from . import Voice, VoiceSettings

RATE = 22050


class ToneEngine:
    """Writes a tone of 0.1 s per word (scaled by rate) whose frequency follows pitch."""

    name = "tone"
    version = "tone-1"
    shares_process = True
    phoneme_alphabet = "kirshenbaum"

    def identity(self, settings: VoiceSettings) -> str:
        return self.version

    def espeak_voice(self, settings: VoiceSettings) -> str:
        return "en-us"

    def voices(self) -> list[Voice]:
        return [
            Voice("tone/low", "Low tone", "en", "male"),
            Voice("tone/mid", "Middle tone", "en", "female"),
            Voice("tone/high", "High tone", "en", "female"),
            # 10 dB quieter, as espeak's +klatt variants are: for level-matching tests
            Voice("tone/quiet", "Quiet tone", "en", "male"),
        ]

    def synthesize(self, text: str, settings: VoiceSettings, path: str) -> None:
        words = max(1, len(text.split()))
        seconds = words * 60.0 / max(settings.rate, 1) * 0.4
        base = {"tone/low": 180.0, "tone/mid": 260.0, "tone/high": 340.0,
                "tone/quiet": 220.0}.get(settings.voice, 220.0)
        freq = base * (0.5 + settings.pitch / 99.0)
        import numpy as np
        amp = 12000 * settings.volume * (0.316 if settings.voice == "tone/quiet" else 1.0)
        n = int(seconds * RATE)
        t = np.arange(n) / RATE
        frames = (amp * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes()
        with wave.open(path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(frames)

    def close(self) -> None:
        pass
