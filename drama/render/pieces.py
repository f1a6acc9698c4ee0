"""A line too long to speak as one segment, cut into pieces at sentence ends.

A novel's long paragraph or quoted letter is one script line (Darcy's letter in Pride and
Prejudice is 2,446 words, a quarter of an hour of audio): spoken whole, it is one worker's
work while the other waits, and its samples, measured in memory, would take hundreds of MB.
Cut where a reader pauses anyway, each piece is a segment of its own, at most MAX_PIECE_CHARS
long, and the pause between pieces is the one espeak makes at that punctuation itself.
"""
from __future__ import annotations

import re

from ..titles import ends_abbreviation
from .pauses import CLAUSE, SENTENCE

MAX_PIECE_CHARS = 600
"""About 100 words, 40 s of speech: pieces this long keep memory per segment small."""

MAX_WORD_CHARS = 2000
"""The longest run without a space spoken as one piece: a paragraph of a script written
without spaces (Chinese, Japanese, Thai) is cut every MAX_WORD_CHARS characters. Whole, a
paragraph of 30,000 Chinese characters (90 KB) crashed espeak-ng (a segmentation fault, the
render gone without a word) or filled 2 GB of memory with its hours of audio."""

MAX_SAMPLE_CHARS = 5000
"""The most a preview says (about 6 minutes): a sample needs no more, and espeak-ng given
one text of about 64 KB crashed (a segmentation fault) instead of speaking it."""

_OVERLONG_WORD = re.compile(rf"[!-~]{{{MAX_PIECE_CHARS + 1},}}")
"""A run of printable ASCII characters without a space, longer than a piece: an embedded
file (base64, a data URI) is written in ASCII; prose of a script written without spaces
(Chinese, Japanese, Thai) is not, and a paragraph of it may be longer than a piece."""


def overlong_word(text: str) -> str | None:
    """The first run of ASCII characters without a space longer than a piece
    (_OVERLONG_WORD), or None: no word, but an embedded file (a Markdown image's
    `data:image/png;base64,...`), which espeak-ng spells out letter by letter as one
    segment: 10,000 characters were 19 minutes of noise and 160 MB more memory, a picture
    of 1 MB would be days and gigabytes. A paragraph of 700 Chinese characters is prose."""
    return next((m.group() for m in _OVERLONG_WORD.finditer(text)
                 if any(c.isalnum() for c in m.group())), None)  # a rule of dashes is silent


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]_]*\s+")
_CLAUSE_END = re.compile(r"[;:,—–][\"'”’)\]_]*\s+|\s+[—–]\s+")


def speech_pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[str, str]]:
    """The text as (piece, how it ends) pairs, each piece at most `limit` characters (a
    single word longer than that stays whole, up to MAX_WORD_CHARS, beyond which it is cut);
    the pieces joined by single spaces give the text back, whitespace folded, but for the
    pieces of a word cut, which join with nothing. How a piece ends is SENTENCE or CLAUSE
    (the pause after it), or "" for the last."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return [(text, "")]
    out: list[tuple[str, str]] = []
    current, current_end = "", ""
    for unit, end in _units(text, limit):
        if current and len(current) + 1 + len(unit) > limit:
            out.append((current, current_end))
            current = ""
        current = f"{current} {unit}" if current else unit
        current_end = end
    out.append((current, ""))
    return out


def sample_of(text: str, limit: int = MAX_SAMPLE_CHARS) -> str:
    """The text a preview says: all of it up to `limit` characters, else its first pieces
    (speech_pieces) that fit, joined ("Hi. " * 2000 is "Hi. Hi. ...", 4,999 characters)."""
    if len(text) <= limit:
        return text
    said = ""
    for piece, _ in speech_pieces(text):
        if said and len(said) + 1 + len(piece) > limit:
            break
        said = f"{said} {piece}" if said else piece
    return said[:limit]


def _units(text: str, limit: int):
    """Sentences (and, within a sentence over the limit, clauses, then words) with how
    each ends."""
    for sentence in _split_after(text, _SENTENCE_END):
        if len(sentence) <= limit:
            yield sentence, SENTENCE
            continue
        for clause in _split_after(sentence, _CLAUSE_END):
            if len(clause) <= limit:
                yield clause, CLAUSE
            else:
                for word in clause.split(" "):
                    yield from _cut_word(word, max(limit, MAX_WORD_CHARS))


def _cut_word(word: str, size: int):
    """A word in pieces of `size` characters (the last shorter), each ending a clause: a
    piece that long is never joined to the next, and the pause is short."""
    return ((word[start:start + size], CLAUSE) for start in range(0, len(word), size))


def _split_after(text: str, boundary: re.Pattern) -> list[str]:
    """text cut after each match of boundary, the whitespace there dropped."""
    pieces, pos = [], 0
    for m in boundary.finditer(text):
        if ends_abbreviation(text, m.start(), pos):
            continue
        end = m.end()
        pieces.append(text[pos:end].rstrip())
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
    return [p for p in pieces if p]
