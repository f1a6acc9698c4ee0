"""The casting data model: how the narrator and each speaker sound."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..engines import VoiceSettings
from ..model import NARRATOR, name_key, speaker_label
from .lexicon import Lexicon

ENTRY_KEYS = ("voice", "engine", "speaker", "rate", "pitch", "volume", "aliases", "gender",
              "note")
ENTRY_KEY_SYNONYMS = {"speed": "rate", "wpm": "rate", "tempo": "rate", "sex": "gender"}
"""Names a person may give a setting, each with the entry key that holds it: espeak-ng's
option for the rate is -s, "speed" (`speed: 185` was taken for a misspelt "speaker")."""
TOP_KEYS = ("narrator", "speakers", "lexicon")
RATE_RANGE = (80, 450)
"""Words per minute a person may set."""
PITCH_RANGE = (0, 99)
VOLUME_MAX = 1.0
"""The loudest volume (the voice as its engine speaks it); the softest is any more than 0."""
GENDERS = ("female", "male", "neutral", "unknown")
GENDER_SYNONYMS = {"f": "female", "woman": "female", "w": "female", "m": "male", "man": "male",
                   "n": "neutral", "group": "neutral", "none": "unknown", "?": "unknown"}


def volume_problem(value) -> str | None:
    """Why a value is no volume, None for a number more than 0 and at most VOLUME_MAX: the
    one place that says it, for the casting file's reader and `drama speakers voice`. At 0
    the speaker says nothing (the render failed on their first line: "only silence")."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a number more than 0 and at most {VOLUME_MAX}"
    if value == 0:
        return (f"must be more than 0 (at 0 the speaker says nothing: their lines would be "
                f"lost) and at most {VOLUME_MAX}")
    if not 0 < value <= VOLUME_MAX:  # NaN too
        return f"must be a number more than 0 and at most {VOLUME_MAX}"
    return None


@dataclass
class VoiceEntry:
    """How one speaker sounds."""

    voice: str
    """An engine voice id; espeak-ng variants after ``+`` (``gmw/en-us+f3``)."""
    engine: str | None = None
    """The engine that speaks it (pyttsx3, piper); None for the render's default engine."""
    speaker: int | None = None
    """A speaker id of a multi-speaker Piper model."""
    rate: int = 170
    """Words per minute."""
    pitch: int = 50
    """0 to 99; 50 is the voice's own pitch."""
    volume: float = 1.0
    """0.0 to 1.0."""
    aliases: list[str] = field(default_factory=list)
    """Other names in scripts that are the same person."""
    gender: str | None = None
    """female, male, neutral or unknown, as a person (or the auto-caster) wrote it."""
    note: str | None = None
    """Free text for the person editing the file."""
    line: int | None = None
    """Where the entry starts in voices.yaml (1-based), for messages."""

    def settings(self) -> VoiceSettings:
        return VoiceSettings(voice=self.voice, rate=self.rate, pitch=self.pitch,
                             volume=self.volume, engine=self.engine or "",
                             speaker=self.speaker)

    def sound(self) -> tuple:
        """What makes two entries sound alike: engine, voice, speaker, pitch and rate."""
        return (self.engine or "", self.voice, self.speaker, self.pitch, self.rate)

    def describe(self) -> str:
        """The voice in a few words, for reports: 'piper en_US-joe-medium #3 r170'."""
        engine = f"{self.engine} " if self.engine else ""
        speaker = f" #{self.speaker}" if self.speaker is not None else ""
        pitch = f" p{self.pitch}" if self.engine != "piper" else ""
        return f"{engine}{self.voice}{speaker}{pitch} r{self.rate}"


@dataclass
class Casting:
    """The whole cast: the narrator's voice and each speaker's."""

    narrator: VoiceEntry
    speakers: dict[str, VoiceEntry] = field(default_factory=dict)
    path: str | None = None
    lexicon: Lexicon = field(default_factory=Lexicon)
    """How words are said: the book's `lexicon:` over the global lexicon file's."""
    _names: tuple = field(default=(None, None), init=False, repr=False, compare=False)
    """(which speakers dict it was built from, _by_name's table)."""

    def _by_name(self) -> dict[str, str]:
        """Each name and alias, folded -> the name of the entry that voices it. Built once
        and kept (a studio's cast page asks it for every line of every speaker: a novel's
        took 25 s) until an entry is added, as `cast_speakers` adds to a loaded cast, or
        an alias (add_alias); entries are not renamed in place."""
        built_for, table = self._names
        if built_for == (id(self.speakers), len(self.speakers)):
            return table
        table = {}
        for name, entry in self.speakers.items():
            table.setdefault(name_key(speaker_label(name)), name)
        for name, entry in self.speakers.items():
            for alias in entry.aliases:
                table.setdefault(name_key(speaker_label(alias)), name)
        self._names = ((id(self.speakers), len(self.speakers)), table)
        return table

    def add_alias(self, name: str, alias: str) -> None:
        """Give the entry `name` another alias (a dry run's cast as the file would be)."""
        self.speakers[name].aliases.append(alias)
        self._names = (None, None)

    def cast_name(self, speaker: str) -> str | None:
        """The entry name that voices a script speaker (by name or alias), or None."""
        if speaker == NARRATOR:
            return NARRATOR
        return self._by_name().get(name_key(speaker_label(speaker)))

    def unknown(self, speaker: str) -> str:
        """What to say of a speaker no entry voices: the names and aliases it is close to
        ("; did you mean 'Gorse'?"), else an empty string."""
        from ..wording import close_names, did_you_mean
        return did_you_mean(close_names(speaker, [n for name, entry in self.speakers.items()
                                                  for n in [name, *entry.aliases]]))

    def entry_for(self, speaker: str) -> VoiceEntry | None:
        """The entry that voices a script speaker (by name or alias), or None if uncast."""
        if speaker == NARRATOR:
            return self.narrator
        name = self.cast_name(speaker)
        return self.speakers[name] if name is not None else None

    def has(self, speaker: str) -> bool:
        return self.entry_for(speaker) is not None

    def written_like(self, speaker: str) -> str | None:
        """The entry of a speaker written with the same letters in another way ("Mrs. Miller"
        for "Mrs Miller", "Jean-Paul" for "Jean Paul"), or None: a new speaker so written is
        likely a typo in a script edited by hand."""
        letters = _letters(speaker_label(speaker))
        return next((name for folded, name in self._by_name().items()
                     if _letters(folded) == letters and name != speaker), None) \
            if letters else None


def _letters(name: str) -> str:
    """A name's letters and digits alone, folded: what two ways of writing it share."""
    return re.sub(r"[\W_]+", "", name_key(name))


DEFAULT_NARRATOR = VoiceEntry(voice="gmw/en-gb-x-rp", rate=165, pitch=45)
