"""A name form read: "Mr. Hugh Staunton" is the title mr, the given name Hugh and the
surname Staunton (parse_form); the titles that say a sex ("Mrs.": title_sex) or take a given
name after them ("Sir", "Miss": GIVEN_TITLES); and the nicknames given names go by ("Tom" for
Thomas: data/nicknames.txt, short_for).

name_clusters.py groups a text's forms into people by these; name_labels.py picks the name
each person goes by.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import FEMALE_TITLES, MALE_TITLES, NEUTRAL_TITLES, TITLES


# Titles after which one word is usually a given name ("Sir William", "Lady Honoria",
# "Aunt Bertha", "Miss Hetty"); after the others it is a surname ("Mr. Staunton").
GIVEN_TITLES = frozenset("sir lady lord aunt uncle cousin miss mademoiselle mlle master "
                         "brother sister father mother prince princess king queen saint st"
                         .split())
# Lower-case words that belong to a surname: "van der Hoeven", "de Vere".
SURNAME_PARTICLES = frozenset("de da di del della du la le van von der den".split())
PARTICLES = SURNAME_PARTICLES | {"st", "ten", "ter"}
# A married and an unmarried title never name one person ("Mrs. Miller" is not "Miss Daisy
# Miller"): the class of each such title.
MARRIED = frozenset("mrs".split())
UNMARRIED = frozenset("miss mademoiselle mlle master".split())
INITIAL_LETTERS = frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZ")
"""Capitals that, with a dot, stand for a given name ("Mr. E. W. B. Hollins", "J. A.
Hobbs"): any but "I", whose dot ends the narrator's sentence ("It was I. Mr. Hall came")."""


@dataclass(frozen=True)
class NameParts:
    """A name form taken apart: its title (lower case, no dot), given names and surname."""

    form: str
    title: str | None
    given: tuple[str, ...]
    surname: str | None
    word: str | None
    """The one word of a form that is a single word after its title: given or surname."""

    @property
    def title_sex(self) -> str | None:
        return title_sex(self.title)


def title_sex(title: str | None) -> str | None:
    """"m" or "f" for a title that says so ("Mrs.", "Sir"), None for "Doctor" or none."""
    if title is None or title in NEUTRAL_TITLES:
        return None
    if title in MALE_TITLES:
        return "m"
    if title in FEMALE_TITLES:
        return "f"
    return None


def is_initial(word: str) -> bool:
    """Whether a word is an initial ("E."): part of a person's name, not a sentence's end."""
    return len(word) == 2 and word[0] in INITIAL_LETTERS and word[1] == "."


def parse_form(form: str) -> NameParts:
    """"Mr. Hugh Staunton" -> title mr, given (Hugh,), surname Staunton."""
    words = form.split()
    title = None
    if len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        title = words[0].rstrip(".").lower()
        words = words[1:]
    core = [w for w in words]
    # particles join the surname: "Lady Honoria de Vere"
    k = len(core) - 1
    while k > 0 and core[k - 1].lower() in PARTICLES:
        k -= 1
    given, surname_words = core[:k], core[k:]
    if not given:       # one word, or a surname with particles: "van der Hoeven"
        return NameParts(form, title, (), None, " ".join(surname_words))
    return NameParts(form, title, tuple(given), " ".join(surname_words), None)


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Nickname (lower case) -> the given names it is short for (data/nicknames.txt)."""
    out: dict[str, set[str]] = defaultdict(set)
    text = resources.files("drama.extract").joinpath("data/nicknames.txt").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, nick = line.split(",")
        out[nick].add(name)
    return {k: frozenset(v) for k, v in out.items()}


NAME_MEMO = 1 << 12
"""Words short_for and sound_key remember (a novel's cast has a few hundred given names)."""


@lru_cache(maxsize=NAME_MEMO)
def short_for(word: str) -> frozenset[str]:
    """The given names (lower case) a nickname is short for: the list's, else those of a
    listed nickname that sounds the same ("Phanny" as "Fanny": Frances).
    Only beside one surname ("Phanny Pellow", "Frances Pellow"): alone, "Kitty" as "Kittie"
    would make Kitty Ashby of any Catherine. Remembered per word: the sieves ask of every
    pair of given names in a cast (vocative.called_keys); the latest NAME_MEMO words only,
    so a long-lived process (the studio) reading book after book of new names keeps no
    more."""
    w = word.lower()
    return nicknames().get(w) or _nicknames_by_sound().get(sound_key(w), frozenset())


def nickname_pair(a: str, b: str) -> bool:
    """Whether one of two given names is a nickname of the other ("Tom", "Thomas"), by
    short_for (so with its caution: alone, a sound-alike may join two people)."""
    return a.lower() in short_for(b) or b.lower() in short_for(a)


@lru_cache(maxsize=NAME_MEMO)
def sound_key(word: str) -> str:
    """A spelling-blind key of a short name: soft c as s, ph as f, "oo" as "ou", a final
    -y/-ie/-ey as one sound, doubled letters once ("Sissie", "Cissy": "sisi")."""
    w = word.lower().replace("ph", "f")
    w = re.sub(r"c(?=[eiy])", "s", w).replace("ck", "k").replace("c", "k")
    w = re.sub(r"(?:ie|ey|y)$", "i", w).replace("oo", "u").replace("ou", "u")
    return re.sub(r"(.)\1", r"\1", w)


@lru_cache(maxsize=1)
def _nicknames_by_sound() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for nick, names in nicknames().items():
        out[sound_key(nick)] |= names
    return {k: frozenset(v) for k, v in out.items()}


def surname_keys(surname: str) -> list[str]:
    """The keys a surname is found by: itself, and its last word when particles lead it
    ("de Marsac", "van der Hoeven"), and the surname with its first particle capitalised: a
    text writing "Monsieur de Marsac" also writes "Marsac" after a tag's verb, and "De
    Marsac" at a sentence's start and wherever English writes the particle so."""
    words = surname.split()
    if len(words) > 1 and all(w.lower() in PARTICLES for w in words[:-1]):
        capitalised = " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])
        return list(dict.fromkeys([surname, capitalised, words[-1]]))
    return [surname] if surname else []
