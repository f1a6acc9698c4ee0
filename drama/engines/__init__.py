"""Text-to-speech engines behind one small interface, and the registry that names them.

Only the modules in this package import TTS libraries, and only when an engine is made,
so extraction and export work (and import fast) without them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..errors import EngineError


@dataclass(frozen=True)
class Voice:
    """One voice an engine offers."""

    id: str
    name: str
    language: str
    gender: str | None = None


@dataclass(frozen=True)
class VoiceSettings:
    """Everything that shapes how one line sounds, apart from its text."""

    voice: str
    rate: int = 170
    """Words per minute."""
    pitch: int = 50
    """0 to 99."""
    volume: float = 1.0
    """0.0 to 1.0."""


class Engine(Protocol):
    """A speech synthesizer: lists its voices and speaks text to a WAV file."""

    name: str
    version: str

    def voices(self) -> list[Voice]:
        """Every voice the engine offers."""

    def synthesize(self, text: str, settings: VoiceSettings, path: str) -> None:
        """Write the spoken text to a mono 16-bit WAV file at path, or raise EngineError."""

    def close(self) -> None:
        """Release the engine's resources."""


def _pyttsx3():
    from .pyttsx3 import Pyttsx3Engine
    return Pyttsx3Engine()


def _tone():
    from .tone import ToneEngine
    return ToneEngine()


ENGINES = {"pyttsx3": _pyttsx3, "tone": _tone}
"""Engine name -> factory. The tone engine makes deterministic beeps for fast tests."""

DEFAULT_ENGINE = "pyttsx3"


def make_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """A ready engine by registry name, or an EngineError listing the known ones."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}") from None
    return factory()
