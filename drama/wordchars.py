"""What a word is made of, for every part that finds, counts or compares words: a letter or
a digit of any script, the characters str.isalnum is true of (re's \\w less "_"): "Да",
"名", "7", not "_", "—" or a zero-width space. The one place that says it: a source's
words (has_words, an e-book's titles), the text of a quote or a line, an emphasis's edge
and the nothing-lost rule (fidelity) all read it here.

It is not in extract/letters.py, the classes of a name's letters: that file's bytes key
the cache of its classes (any change there rebuilds them at the next start), and the
readers of sources and scripts need none of a name's classes.
"""
from __future__ import annotations

import re

ALNUM = r"[^\W_]"
"""The class of one letter or digit of any script, to write into a pattern ("(?<!" +
ALNUM + ")": no letter or digit before)."""
NOT_ALNUM = r"[\W_]"
"""The class of one character that is no letter or digit: a space, a mark, "_"."""
ALNUM_CHAR = re.compile(ALNUM)
"""One letter or digit: ALNUM_CHAR.search(text) tells whether text holds a word."""
WORD = re.compile(ALNUM + "+(?:[\u00ad\u200b]+" + ALNUM + "+)*")
"""A word: a run of letters and digits ("Да", "1848"; "don" and "t" of "don't"), soft
hyphens and zero-width spaces inside it no break ("Tam\u00adsin" is one word: a script's
line writes it "Tamsin", extract.unbroken); word_key compares it without them."""

_IN_WORD = re.compile("[\u00ad\u200b]")


def word_key(word: str) -> str:
    """A word (WORD's) as words are compared: casefolded, without the soft hyphens and
    zero-width spaces inside it ("Tam\u00adsin" and "tamsin" are one)."""
    return _IN_WORD.sub("", word).casefold() if "\u00ad" in word or "\u200b" in word \
        else word.casefold()


IN_WORD_BREAKS = re.compile(r"(?<=[^\W_])[\u00ad\u200b]+(?=[^\W_])")
"""Soft hyphens and zero-width spaces between two letters ("Tam\u00adsin", "Tam\u200bsin"),
where a line may break: inside a word but where in_word says otherwise."""


def in_word(m: re.Match, text: str, spacing: bool = False) -> bool:
    """Whether `m`, IN_WORD_BREAKS's in text, is a break inside a word, no space: a soft
    hyphen always; a zero-width space but before a capital after a small letter
    ("said\u200bTam") and in a text that sets its words apart with them (`spacing`)."""
    return "\u00ad" in m.group() or not (
        spacing or text[m.end()].isupper() and text[m.start() - 1].islower())


def unbroken_words(text: str) -> str:
    """text without the breaks inside its words (IN_WORD_BREAKS, in_word): as a script's
    line writes a span of its text (extract.unbroken)."""
    if "\u00ad" not in text and "\u200b" not in text:
        return text
    return IN_WORD_BREAKS.sub(lambda m: "" if in_word(m, text) else m.group(), text)
