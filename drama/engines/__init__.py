"""Text-to-speech engines behind one small interface, and the registry that names them.

Only the modules in this package import TTS libraries, and only when an engine is made,
so extraction and export work (and import fast) without them.

Two native engines never share a process: Piper's phonemizer carries its own copy of
espeak-ng, and it crashes in a process where pyttsx3 has loaded libespeak-ng. An engine
whose `shares_process` is False is therefore only ever run in spawned workers.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Protocol

from ..errors import EngineError


@dataclass(frozen=True)
class Voice:
    """One voice an engine offers."""

    id: str
    name: str
    language: str
    gender: str | None = None
    engine: str = ""
    """The registry name of the engine that offers it."""
    quality: str | None = None
    """Piper's x_low, low, medium or high, where the voice says so."""
    speakers: tuple[str, ...] = ()
    """The speakers of a multi-speaker model, by name (their index is the speaker id)."""


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
    engine: str = ""
    """The engine that speaks it; "" for the render's default engine."""
    speaker: int | None = None
    """The speaker id within a multi-speaker model; None for single-speaker voices."""


class Engine(Protocol):
    """A speech synthesizer: lists its voices and speaks text to a WAV file."""

    name: str
    version: str
    shares_process: bool
    """Whether it may speak in the rendering process (else only in spawned workers)."""

    def voices(self) -> list[Voice]:
        """Every voice the engine offers."""

    def identity(self, settings: VoiceSettings) -> str:
        """Everything besides the settings that shapes this voice's sound (engine and
        model versions), for the segment cache key."""

    phoneme_alphabet: str
    """What text in [[ ]] is read as: "kirshenbaum" (espeak mnemonics) or "ipa"."""

    def espeak_voice(self, settings: VoiceSettings) -> str:
        """The espeak-ng voice whose accent the lexicon's phoneme conversions follow."""

    def synthesize(self, text: str, settings: VoiceSettings, path: str) -> None:
        """Write the spoken text to a mono 16-bit WAV file at path, or raise EngineError."""

    def close(self) -> None:
        """Release the engine's resources."""


def identity(engine: Engine, settings: VoiceSettings) -> str:
    """engine.identity(settings), or its version for an engine written before identity()."""
    fn = getattr(engine, "identity", None)
    return fn(settings) if fn is not None else engine.version


def phoneme_alphabet(engine: Engine) -> str:
    return getattr(engine, "phoneme_alphabet", "kirshenbaum")


def espeak_voice(engine: Engine, settings: VoiceSettings) -> str:
    fn = getattr(engine, "espeak_voice", None)
    return fn(settings) if fn is not None else "en-us"


def shares_process(engine: Engine) -> bool:
    return getattr(engine, "shares_process", True)


def _pyttsx3():
    from .pyttsx3 import Pyttsx3Engine
    return Pyttsx3Engine()


def _tone():
    from .tone import ToneEngine
    return ToneEngine()


def _piper():
    from .piper import PiperEngine
    return PiperEngine()


ENGINES = {"pyttsx3": _pyttsx3, "piper": _piper, "tone": _tone}
"""Engine name -> factory. The tone engine makes deterministic beeps for fast tests."""

DEFAULT_ENGINE = "pyttsx3"


def make_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """A ready engine by registry name, or an EngineError listing the known ones."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}") from None
    return factory()


class EngineSet:
    """The engines one job speaks with: a default one (for voices that name none), and the
    others, made the first time a voice names them; closes those it made. Threads may ask
    at once (a book's finisher threads plan an episode again, drama.book.meanwhile): each
    engine is made once."""

    def __init__(self, default: Engine) -> None:
        self.default = default
        self._made: dict[str, Engine] = {default.name: default}
        self._lock = threading.Lock()

    def get(self, name: str | None = None) -> Engine:
        """The engine of that registry name ("" or None: the default one)."""
        if not name:
            return self.default
        with self._lock:  # held while one is made: another thread then finds it made
            if name not in self._made:
                self._made[name] = make_engine(name)
            return self._made[name]

    def for_settings(self, settings: VoiceSettings) -> Engine:
        return self.get(settings.engine)

    def voices(self, name: str | None = None) -> list[Voice]:
        """An engine's voices, each marked with the engine's name."""
        engine = self.get(name)
        return [v if v.engine else replace(v, engine=engine.name) for v in engine.voices()]

    def close(self) -> None:
        """Close every engine this set made (not the default, which its maker closes)."""
        with self._lock:
            made = list(self._made.values())
        for engine in made:
            if engine is not self.default:
                engine.close()


AUTO = "auto"
"""Not an engine: pyttsx3 as the default engine, with Piper's voices (when Piper and some
voices are installed) offered to auto-casting for the main characters."""


def check_engine_choice(name: str) -> None:
    """An EngineError listing the choices unless `name` is one a command's --engine takes:
    auto or a registry name."""
    if name != AUTO and name not in ENGINES:
        raise EngineError(f"unknown engine {name!r}; known: {AUTO}, {', '.join(ENGINES)}")


def choose_engines(name: str) -> tuple[Engine, list[Voice]]:
    """The default engine a command runs with, and the neural voices auto-casting gives the
    main characters first (none unless `name` is auto and Piper can speak here)."""
    check_engine_choice(name)
    if name != AUTO:
        return make_engine(name), []
    from .piper import PiperEngine, piper_version
    neural = PiperEngine().voices() if piper_version() is not None else []
    return make_engine(DEFAULT_ENGINE), neural
