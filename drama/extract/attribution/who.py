"""Speaker identities (Who), and what the words of a description say about the person."""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, speaker_noun
from .words import (ADULT_MALE, CONTRAST, GENERIC_HEADS, GROUP_NOUNS, OLD_WORDS, VOICE_NOUNS,
                    YOUNG_NOUNS)


@dataclass(frozen=True)
class Who:
    """A speaker identity: a named character, a description, or the narrator-character."""

    key: str
    """"c:…" a character of the cast, "n:…" a name the cast does not hold, "d:…" a
    description, "first" the narrator-character, "?" no one known."""
    label: str
    gender: str | None
    """"m", "f", None (unknown), or "1" for the narrator-character."""


NARRATOR = Who("first", "I (narrator)", "1")
"""The narrator-character of a story told in the first person, until the dialogue names them."""
NOBODY = Who("?", "Someone", None)
"""When nothing at all points to a speaker: a described unknown, never the narrator."""


def personal(who: Who | None) -> bool:
    """Whether a description names a person ("the old soldier"), not a thing ("the doors")."""
    return who is not None and who.label.split()[-1].lower() in PERSON_NOUNS


def plural(who: Who) -> bool:
    """Whether a description is of several people ("the boys", "the gentlemen")."""
    if not who.key.startswith("d:"):
        return False
    head = who.key[2:].split()[-1]
    return head in GROUP_NOUNS or head in ("gentlemen", "ladies", "boys", "girls") or \
        head.endswith("s") and head[:-1] in PERSON_NOUNS


def definite_role(who: Who) -> bool:
    """Whether a description is one person by a role or a trait, with "the" or a
    possessive ("the whelp", "the undertaker", "replied his hostess"): someone the reader
    may know by name, not a voice, a group or "the other"."""
    if not who.key.startswith("d:") or not who.label.startswith(("The ", "His ", "Her ")):
        return False
    words = who.key[2:].split()
    head = words[-1]
    return len(words) <= 3 and head.isalpha() and speaker_noun(head) and \
        head not in VOICE_NOUNS and not plural(who) and \
        not any(w in CONTRAST for w in words)


def variant(a: list[str], b: list[str]) -> bool:
    """Whether two descriptions with one head may name one person: "the gentleman" and "the
    old gentleman", not "the other gentleman" or "the young gentleman" and "the old" one."""
    if a[-1] != b[-1] or any(w in CONTRAST for w in a + b):
        return False
    ma, mb = set(a[:-1]), set(b[:-1])
    return ma <= mb or mb <= ma


def fits(tag_words: list[str], who: Who) -> bool:
    """Whether a generic description ("the man", "the old gentleman") can mean a person the
    narration brought in with a fuller one ("a stout man", "an old gentleman in a coat")."""
    words = who.key[2:].split()
    h, hi = tag_words[-1], words[-1]
    if any(w in CONTRAST for w in tag_words):
        return False
    if h == hi:
        pass
    elif h in ADULT_MALE and h != "gentleman":
        if hi in YOUNG_NOUNS or hi in FEMALE_NOUNS or hi == "gentleman" and h != "man":
            return False
        if hi not in MALE_NOUNS and who.gender != "m" and who.gender is not None:
            return False
    elif h in ("woman", "female"):
        if hi not in FEMALE_NOUNS or hi == "girl":
            return False
    else:
        return False
    return all(w in words or w in ("little", "poor") for w in tag_words[:-1])

def desc_age(who: Who) -> str | None:
    """Whether a description means a child ("the boy", "the child") or a grown-up ("the old
    gentleman", "the man"), when its words say so."""
    words = who.key[2:].split()
    if not words:
        return None
    head = words[-1]
    if head in YOUNG_NOUNS:
        return "young"
    if OLD_WORDS.intersection(words):
        return "adult"
    if head in ("man", "woman", "fellow") and "little" not in words:
        return "adult"
    if head in ("gentleman", "lady") and "young" not in words and "little" not in words:
        return "adult"
    return None

def generic_words(words: list[str]) -> bool:
    """Whether a description is a vague one that re-names someone ("the old lady", "the
    gentleman"), not a role that picks a new person out ("the doctor", "the stranger")."""
    return words[-1] in GENERIC_HEADS and words[-1] not in ("other", "latter", "former",
                                                            "one", "old", "young") and \
        not any(w in CONTRAST or w == "former" for w in words) and \
        all(w in GENERIC_HEADS or w in ("little", "poor", "elderly", "stout", "tall") for w in words)

