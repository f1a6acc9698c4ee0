"""One person, one label: a word for a nationality used as a speaker's name ("said the
Frenchman") is the one speaker whose name carries that nation's honorific ("Monsieur de
Griers"), a join aliases.join_aliases makes once the attribution is finished.

In an English text a foreigner is often called by the nation's word as much as by name, and
the text writes his name with his own language's honorific ("Monsieur", "Herr", "Signor"),
where the English around him are "Mr.": when exactly one speaker of the word's sex has such
a name, the word is that speaker. English words ("the Englishman", "the American") are
never joined so: every man in an English text is a "Mr.".

Sources: the honorifics are Wikipedia's, "French honorifics" (Monsieur / M., Madame / Mme,
Mademoiselle / Mlle), "German honorifics" (Herr, Frau, Fräulein), "Italian honorifics"
(Signore / Signor, Signora, Signorina) and "Spanish honorifics" (Señor, Señora, Señorita,
Don, Doña); the words for the nations' people are those of Wikipedia's "List of adjectival
and demonymic forms for countries and nations" (France: Frenchman / Frenchwoman; Germany:
German; Italy: Italian; Spain: Spaniard).
"""
from __future__ import annotations

from collections import Counter

from .attribution.words import CONTRAST, GROUP_NOUNS
from .cast import Cast
from .names import parse_form

HONORIFICS = {
    "french": {"m": {"monsieur", "m"}, "f": {"madame", "mme", "mademoiselle", "mlle"}},
    "german": {"m": {"herr"}, "f": {"frau", "fräulein", "fraulein"}},
    "italian": {"m": {"signor", "signore"}, "f": {"signora", "signorina"}},
    "spanish": {"m": {"señor", "senor", "don"},
                "f": {"señora", "senora", "señorita", "senorita", "doña", "dona"}},
}
"""Each nation's honorifics (lower case, without the dot, as names.parse_form reads a
title), by the sex they name."""

NATIONALS = {"frenchman": ("french", "m"), "frenchwoman": ("french", "f"),
             "german": ("german", None), "italian": ("italian", None),
             "spaniard": ("spanish", None)}
"""A word for one of those nations' people -> (the nation, the sex the word names)."""


def national_named(cast: Cast, lines: Counter, alias: dict[str, str]) -> dict[str, str]:
    """"Frenchman" -> "De Griers": each speaking label that is a nation's word (with at
    most one word before it, never "other", "first", a group) joined to the one other
    speaking label whose person the text names with that nation's honorific and who is of
    the word's sex (or the label's sex as the Cast knows it, when the word names none)."""
    out: dict[str, str] = {}
    for label in lines:
        nation = _nation_of(label)
        if nation is None or label in alias:
            continue
        ch = cast.character(label)
        sex = nation[1] or (ch.gender if ch is not None else None)
        titles = set().union(*(t for s, t in HONORIFICS[nation[0]].items()
                               if sex in (None, s)))
        named = [other for other in lines if other != label and other not in alias and
                 _honoured(cast, other, titles) and cast.character(other) is not ch]
        if len(named) == 1:
            out[label] = named[0]
    return out


def _nation_of(label: str) -> tuple[str, str | None] | None:
    """(nation, sex) when the label is a nation's word for its people, alone or after one
    word ("Frenchman", "The Frenchman", "Young Italian")."""
    words = label.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if not 1 <= len(words) <= 2 or set(words) & (CONTRAST | GROUP_NOUNS) or \
            parse_form(label).title:
        return None     # not "Mr. German", a surname
    return NATIONALS.get(words[-1])


def _honoured(cast: Cast, label: str, titles: set[str]) -> bool:
    """Whether the text names the label's person with one of these honorifics."""
    ch = cast.character(label)
    return ch is not None and any(parse_form(f).title in titles for f in ch.forms)
