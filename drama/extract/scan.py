"""Regex openings that let a search over a whole novel skip ahead at C speed.

Python's `re` passes quickly over the text only when a pattern opens on a literal or a
character class (it then looks for that first character alone); a pattern that opens on
`\\b` or a lookahead is tried at every position. word_start() writes a word boundary after
the word's first characters instead of before them, so the pattern opens on those;
mark_after() does the same for what comes before a quotation mark. Each changes no match.
compile_later() is the other cost, at start: it compiles a pattern at its first use.
"""
from __future__ import annotations

import re
from functools import cached_property

from . import kept


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


class LaterPattern:
    """A pattern compiled at its first use, not at import: a pattern that holds the letter
    classes of every script (letters.py: a thousand characters each) takes milliseconds to
    compile, and `import drama.extract` would pay for all of them whether or not it extracts
    (and its program, once compiled, is kept between runs: kept.py).
    Use it as the compiled pattern (X.search(text), X.finditer(text), X.pattern ...); at the
    first use its methods become the compiled pattern's own, so a search costs what one
    on the compiled pattern does. (Pass X.compiled, not X, to a function of `re`.)"""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern:
        compiled = kept.compile(self.pattern, self._flags)
        for name in _PATTERN_ATTRIBUTES:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str):     # only for what the instance does not hold yet
        if name.startswith("__") or name not in _PATTERN_ATTRIBUTES:
            raise AttributeError(name)
        return getattr(self.compiled, name)


_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                       "split", "scanner", "flags", "groups", "groupindex")


def compile_later(pattern: str, flags: int = 0) -> LaterPattern:
    """re.compile(pattern, flags), compiled at the pattern's first use (LaterPattern)."""
    return LaterPattern(pattern, flags)
