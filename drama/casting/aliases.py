"""A new speaker already voiced under another of their names: found through their own
entries in the scripts' characters sections ("Lieutenant Sinegub", whose entry lists the
alias "Sinegub", speaks in the voice voices.yaml gives Sinegub, by name or by that entry's
own aliases).

A speaker is joined to a voice only when that is the one reading: their names lead to one
voices.yaml entry, no other person of the same script is voiced by it, and no other
person's entry in the scripts given (another new speaker's, or one voiced otherwise) holds
the name that leads there, and their entries and the voice's do not make one a man and the
other a woman. Otherwise the speaker is left to be cast anew, and the reason
said once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import NARRATOR, CharacterEntry, name_key
from ..wording import names_listed
from .model import GENDER_SYNONYMS, Casting


@dataclass
class AliasFinding:
    """What the characters sections say of the new speakers."""

    joined: dict[str, str] = field(default_factory=dict)
    """New speaker -> the voices.yaml entry that voices another of their names."""
    unclear: dict[str, str] = field(default_factory=dict)
    """New speaker -> why they are not joined to a voice their names lead to."""


def _names(entry: CharacterEntry) -> list[str]:
    return [entry.name, *entry.aliases]


def _holds(entry: CharacterEntry, folded: str) -> bool:
    return any(name_key(n) == folded for n in _names(entry))


def voiced_by_alias(casting: Casting, new: list[str],
                    characters: list[list[CharacterEntry]]) -> AliasFinding:
    """Which of the new speakers (uncast labels) the characters sections (one list per
    script) name by a name or alias that voices.yaml voices, and which could be two."""
    found = AliasFinding()
    holding = _entries_by_name(characters)
    voiced_in = _VoicedIn(casting, characters)
    for speaker in new:
        folded = name_key(speaker)
        # their own entries: another's alias list naming them ("Lady Honoria and
        # Lettice", aliased "Lady Honoria") is no word on who they are
        mine = [(i, e) for i, e in holding.get(folded, []) if name_key(e.name) == folded]
        voiced = list(dict.fromkeys(v for _, e in mine for n in _names(e)
                                    if (v := casting.cast_name(n)) not in (None, NARRATOR)))
        if len(voiced) > 1:
            found.unclear[speaker] = (f"the script's characters give them names that "
                                      f"voices.yaml voices as {names_listed(voiced)}")
            continue
        if not voiced:
            continue
        other = _other_person_voiced(casting, voiced[0], folded, mine, voiced_in)
        if other is not None:
            found.unclear[speaker] = (f"their names lead to {voiced[0]}, whose voice "
                                      f"{other} has in the same script")
            continue
        apart = _sexes_apart(casting, voiced[0], mine, holding)
        if apart is not None:
            found.unclear[speaker] = apart
            continue
        shared = _name_shared(casting, voiced[0], folded, mine, holding)
        if shared is not None:
            found.unclear[speaker] = (f"their name {shared[0]} leads to {voiced[0]}, and "
                                      f"another script gives it to {shared[1]}, another "
                                      "person")
            continue
        found.joined[speaker] = voiced[0]
    return found


PERSON_OF = {"male": "man", "female": "woman"}
"""A gender as the person it makes, for what is said."""


def _sexes_apart(casting: Casting, voice: str, mine, holding) -> str | None:
    """Why the speaker is not the voice's person when their own entries make them a woman
    and the voice a man's, or the other way round ("Mrs. Pelham", aliased "Pelham", and Mr.
    Pelham's voice, aliased "Pelham" too): the voice's sex as its voices.yaml entry gives
    it, else as its own entries in the scripts give it; None when either is unknown."""
    theirs = {GENDER_SYNONYMS.get(e.gender) for _, e in mine} & PERSON_OF.keys()
    entry = casting.speakers.get(voice)
    if entry is not None and entry.gender in PERSON_OF:
        voiced, where = {entry.gender}, "voices.yaml"
    else:
        voiced = {GENDER_SYNONYMS.get(e.gender) for _, e in holding.get(name_key(voice), [])
                  if name_key(e.name) == name_key(voice)} & PERSON_OF.keys()
        where = "its characters entry"
    if len(theirs) != 1 or len(voiced) != 1 or theirs == voiced:
        return None
    return (f"their names lead to {voice}, a {PERSON_OF[voiced.pop()]}'s voice ({where}), "
            f"and their characters entry is a {PERSON_OF[theirs.pop()]}'s")


def _entries_by_name(characters: list[list[CharacterEntry]]
                     ) -> dict[str, list[tuple[int, CharacterEntry]]]:
    """Each folded name or alias -> the (script index, entry) pairs that hold it."""
    holding: dict[str, list[tuple[int, CharacterEntry]]] = {}
    for i, entries in enumerate(characters):
        for e in entries:
            for folded in dict.fromkeys(name_key(n) for n in _names(e)):
                holding.setdefault(folded, []).append((i, e))
    return holding


def _other_person_voiced(casting: Casting, voice: str, folded: str, mine,
                         voiced_in: "_VoicedIn") -> str | None:
    """Another person of a script that holds the speaker's entry who speaks in the voice
    already, or None."""
    for i in dict.fromkeys(i for i, _ in mine):
        for e in voiced_in.entries(i, voice):
            if not _holds(e, folded):
                return e.name
    return None


class _VoicedIn:
    """Each script's entries by the voices.yaml entry that voices one of their names,
    worked out for a script when first asked (once, not once per speaker)."""

    def __init__(self, casting: Casting, characters: list[list[CharacterEntry]]):
        self.casting, self.characters = casting, characters
        self.tables: dict[int, dict[str, list[CharacterEntry]]] = {}

    def entries(self, script: int, voice: str) -> list[CharacterEntry]:
        if script not in self.tables:
            table: dict[str, list[CharacterEntry]] = {}
            for e in self.characters[script]:
                for v in dict.fromkeys(self.casting.cast_name(n) for n in _names(e)):
                    if v is not None:
                        table.setdefault(v, []).append(e)
            self.tables[script] = table
        return self.tables[script].get(voice, [])


def _name_shared(casting: Casting, voice: str, folded: str, mine, holding
                 ) -> tuple[str, str] | None:
    """(name, person): a name of the speaker that leads to the voice, held too by an entry
    of someone else, neither this speaker nor voiced by it ("Knightley", alias of both
    "Mr. Knightley" in one episode and "Mr. John Knightley" in another, two new speakers
    both aliased "Brannock"); None when every entry holding such a name is theirs."""
    for _, e in mine:
        for name in _names(e):
            if casting.cast_name(name) != voice:
                continue
            for _, other in holding.get(name_key(name), []):
                if not _holds(other, folded) and casting.cast_name(other.name) != voice:
                    return name, other.name
    return None
