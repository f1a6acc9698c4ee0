"""A spawned synthesis process: one engine, made once, speaking one file per call.

The render pool starts these with `spawn` (pyttsx3 hangs in a forked child of a process that
used it). Measuring and committing what they write happens in the rendering process, so a
worker imports only its engine, not numpy or the rest of drama, and starts fast.
"""
from __future__ import annotations

from . import Engine, VoiceSettings, make_engine

_engine: Engine | None = None


def start(engine_name: str) -> None:
    """Pool initializer: make this process's engine."""
    global _engine
    _engine = make_engine(engine_name)


def speak(text: str, settings: VoiceSettings, path: str) -> str:
    """Synthesize text to a WAV at path; the path."""
    assert _engine is not None, "worker not started"
    _engine.synthesize(text, settings, path)
    return path
