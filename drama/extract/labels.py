"""Speaker labels that name someone: tidied, and told from labels that are no one.

A label read from a tag can carry the text's punctuation ("Elizabeth--" from "said
Elizabeth--") or be no person at all: a place the text names ("India", read from "India
said nothing"), or a phrase cut off at a title ("The relict of Mr"). The first is tidied; the
others are left for the conversation to decide (conversation.py), never cast as voices.
"""
from __future__ import annotations

from .characters import Cast
from .lexicon import ABBREVIATED_TITLES

TRAILING = " -—–_*,;:"


def tidy(label: str) -> str:
    """The label without the punctuation a tag left on it ("Elizabeth--" -> "Elizabeth")."""
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
