"""Regex openings that let a search over a whole novel skip ahead at C speed.

Python's `re` passes quickly over the text only when a pattern opens on a literal or a
character class (it then looks for that first character alone); a pattern that opens on
`\\b` or a lookahead is tried at every position. word_start() writes a word boundary after
the word's first characters instead of before them, so the pattern opens on those;
mark_after() does the same for what comes before a quotation mark. Each changes no match.
"""
from __future__ import annotations


def word_start(first: str) -> str:
    r"""A pattern matching `first` (a literal or a character class of fixed width, opening
    on a word character) where a word starts: `\bfirst` written as `first(?<!\wfirst)`,
    which matches the same text but opens on `first`. word_start("married") is
    `married(?<!\wmarried)`; a class's lookbehind reads its one character as "." (the character
    just matched, no line break as it is a word's): word_start("[Tt]") is `[Tt](?<!\w.)`, and a
    class of every capital of every script is not parsed and compiled twice at each start."""
    behind = "." if first.startswith("[") else first
    return first + r"(?<!\w" + behind + ")"


def mark_after(mark: str, before: str) -> str:
    r"""A pattern matching the one character `mark` at the text's start or after a character
    of `before` (the inside of a character class): `(?:^|(?<=[before]))mark` written as
    `mark(?<![^before]mark)`, which matches the same text but opens on the mark."""
    return mark + "(?<![^" + before + "]" + mark + ")"
