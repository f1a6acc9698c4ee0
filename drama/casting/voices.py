"""What voices the engine offers: ids, espeak-ng variants and their genders, near misses."""
from __future__ import annotations

import difflib
import functools
import os
import re
from typing import Callable
from pathlib import Path

from ..engines import Voice


def engine_voice_ids(voices: list[Voice]) -> set[str]:
    """Every id the engine accepts, with espeak variants as ``+name``."""
    ids = {v.id for v in voices}
    if any(v.id.startswith("gmw/") for v in voices):
        ids |= {f"+{name}" for name in espeak_variants()}
    return ids


def split_voice(voice: str) -> tuple[str, str]:
    """(base id, variant) of a voice id; the variant is '' when there is none."""
    base, _, variant = voice.partition("+")
    return base, variant


def voice_known(voice: str, voice_ids: set[str]) -> bool:
    """Whether an id (optionally with an espeak `+variant`) names a voice of the engine."""
    if voice in voice_ids:
        return True
    base, variant = split_voice(voice)
    return bool(variant) and base in voice_ids and f"+{variant}" in voice_ids


def closest_voices(voice: str, voice_ids: set[str], n: int = 3) -> list[str]:
    """The ids nearest to a mistyped one, best first (variants kept when they are valid)."""
    bases = sorted(v for v in voice_ids if not v.startswith("+"))
    variants = sorted(v[1:] for v in voice_ids if v.startswith("+"))
    base, variant = split_voice(voice)
    if variant:
        good_base = base in voice_ids
        near_bases = [base] if good_base else _close(base, bases, n)
        near_variants = ([variant] if f"+{variant}" in voice_ids
                         else _close(variant, variants, n) or _numbered(variant, variants, n))
        if not good_base and f"+{variant}" not in voice_ids:
            near_variants = near_variants[:1]
        out = [f"{b}+{v}" for b in near_bases for v in near_variants]
        if not out and good_base:
            out = [base]
        return out[:n]
    return _close(voice, bases, n)


def _numbered(variant: str, variants: list[str], n: int) -> list[str]:
    """The variants of the same letters as a mistyped numbered one, nearest number first:
    "f6" -> f5, f4, f3 where espeak-ng has f1-f5 (newcomer54: `+f6` was offered the bare
    voice alone, as "f6" is too short to be close to "f5" by spelling)."""
    typed = re.fullmatch(r"([A-Za-z]+)(\d+)", variant)
    if typed is None:
        return []
    letters, number = typed.group(1).casefold(), int(typed.group(2))
    same = [(abs(int(m.group(2)) - number), v) for v in variants
            if (m := re.fullmatch(r"([A-Za-z]+)(\d+)", v)) and m.group(1).casefold() == letters]
    return [v for _, v in sorted(same)[:n]]


def _close(word: str, choices: list[str], n: int) -> list[str]:
    lowered = {c.casefold(): c for c in choices}
    hits = difflib.get_close_matches(word.casefold(), list(lowered), n=n, cutoff=0.6)
    if not hits:
        # a bare language such as "en-us" for "gmw/en-us"
        hits = [c for c in lowered if c.rsplit("/", 1)[-1] == word.casefold()][:n]
    return [lowered[h] for h in hits]


def espeak_data_dir() -> Path | None:
    """The espeak-ng data folder the engine uses, when there is one."""
    import ctypes.util
    candidates = []
    if os.environ.get("ESPEAK_DATA_PATH"):
        candidates.append(Path(os.environ["ESPEAK_DATA_PATH"]))
    try:
        import espeakng_loader
        candidates.append(Path(espeakng_loader.get_data_path()))
    except ImportError:
        pass
    if ctypes.util.find_library("espeak-ng"):
        candidates += [Path("/usr/share/espeak-ng-data"),
                       Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data")]
    for base in candidates:
        if (base / "voices" / "!v").is_dir():
            return base
    return None


def espeak_variants() -> list[str]:
    """The espeak-ng voice variants (m1, f3, klatt, ...) in the data folder in use."""
    return sorted(variant_genders())


@functools.lru_cache(maxsize=4)
def _read_variants(folder: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for f in sorted(Path(folder).iterdir()):
        if not f.is_file():
            continue
        gender = None
        low = None
        try:
            text = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for raw in text.splitlines():
            words = raw.split("//")[0].split()
            if len(words) >= 2 and words[0].lower() == "gender":
                if words[1].lower() in ("male", "female"):
                    gender = words[1].lower()
            if len(words) >= 3 and words[0].lower() == "pitch" and re.fullmatch(r"\d+", words[1]):
                low = int(words[1])
        if gender is None and low is not None:
            # espeak's own male voices start near 80 Hz, its female ones near 140 Hz
            gender = "female" if low >= 135 else "male" if low <= 110 else None
        out[f.name] = gender
    return out


def variant_genders() -> dict[str, str | None]:
    """espeak-ng variant name -> 'male', 'female' or None, read from the variant files."""
    base = espeak_data_dir()
    if base is None:
        return {}
    return dict(_read_variants(str(base / "voices" / "!v")))


class VoiceCatalog:
    """The voices of every engine a casting file may name, each engine's looked up when a
    file first names it (making an engine can take a moment).

    `voices_of(engine name)` lists an engine's voices; `unusable(engine name)` says why an
    engine cannot speak here (not installed), or None.
    """

    lacking_ok = False
    """Whether a voice (or engine) this machine lacks is no problem of the file: `drama
    speakers` lists the cast with such a voice marked, through every other check."""

    def __init__(self, default_engine: str, voices_of: Callable[[str], list[Voice]] | None,
                 unusable: Callable[[str], str | None] | None = None,
                 default_ids: set[str] | None = None) -> None:
        self.default_engine = default_engine
        self._voices_of = voices_of
        self._unusable = unusable or (lambda name: None)
        self._ids: dict[str, set[str] | None] = {}
        self._voices: dict[str, dict[str, Voice]] = {}
        if default_ids is not None:
            self._ids[default_engine] = default_ids

    @classmethod
    def of_ids(cls, ids: set[str] | None) -> "VoiceCatalog":
        """Only the default engine's voice ids are known (other engines go unchecked)."""
        return cls("", None, default_ids=ids)

    @classmethod
    def of_engines(cls, engines) -> "VoiceCatalog":
        """Every engine of an EngineSet, its default engine's first."""
        return cls.of_lister(engines.default.name, engines.voices)

    @classmethod
    def of_lister(cls, default_engine: str, voices_of: Callable[[str], list[Voice]]
                  ) -> "VoiceCatalog":
        """Every engine, its voices listed by voices_of(engine name)."""
        from ..engines.piper import INSTALL_HINT, piper_version

        def unusable(name: str) -> str | None:
            if name == "piper" and piper_version() is None:
                return INSTALL_HINT
            return None
        return cls(default_engine, voices_of, unusable)

    def engine(self, name: str | None) -> str:
        return name or self.default_engine

    def ids(self, engine: str | None) -> set[str] | None:
        """Every id the engine accepts (espeak variants as +name), or None when unknown."""
        name = self.engine(engine)
        if name not in self._ids:
            if self._voices_of is None or self._unusable(name):
                self._ids[name] = None
            else:
                voices = self._voices_of(name)
                self._voices[name] = {v.id: v for v in voices}
                self._ids[name] = engine_voice_ids(voices)
        return self._ids[name]

    def knows(self, engine: str | None, voice_id: str) -> bool:
        """Whether the engine has the voice (an espeak `+variant` too); True when the
        engine's voices are not known here (nothing to check against)."""
        ids = self.ids(engine)
        return ids is None or voice_known(voice_id, ids)

    def voice(self, engine: str | None, voice_id: str) -> Voice | None:
        name = self.engine(engine)
        self.ids(name)
        return self._voices.get(name, {}).get(voice_id)

    def unusable(self, engine: str | None) -> str | None:
        return self._unusable(self.engine(engine))
