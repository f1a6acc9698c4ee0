"""Speaker labels that name someone: tidied, and told from labels that are no one.

A label read from a tag can carry the text's punctuation ("Christina--" from "said
Christina--") or be no person at all: a place the text names ("India", read from "India
said nothing"), or a phrase cut off at a title ("The relict of Mr"). The first is tidied; the
others are left for the conversation to decide (conversation/), never cast as voices. So
is a name the rules inferred (no tag says it speaks) that the text hardly knows as a person
("Sept" of a letter's date read as a call, "Jerusalem" for "this honourable member").
"""
from __future__ import annotations

from .cast import Cast
from .lexicon import ABBREVIATED_TITLES

TRAILING = " -—–_*,;:"
RARE_MENTIONS = 2
"""A name mentioned this often or less, with no sex, is no one a rule may infer speaks."""


def tidy(label: str) -> str:
    """The label without the punctuation a tag left on it ("Christina--" -> "Christina")."""
    return label.rstrip(TRAILING) or label


def is_no_one(label: str, cast: Cast) -> bool:
    """Whether a label names no person: empty, a place, or ending in a bare title."""
    words = label.split()
    if not words:
        return True
    if words[-1].rstrip(".").lower() in ABBREVIATED_TITLES:
        return True
    ch = cast.character(label)
    return ch is not None and ch.place_like


def hardly_a_person(label: str, cast: Cast) -> bool:
    """Whether a label is a name the text mentions at most RARE_MENTIONS times and gives no
    sex (its titles, given name and pronouns decide none): no one to infer as a speaker
    without a tag naming them or pointing to them."""
    ch = cast.character(label)
    return ch is not None and ch.gender is None and sum(ch.forms.values()) <= RARE_MENTIONS
