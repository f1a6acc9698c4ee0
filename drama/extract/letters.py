"""What a letter is, for the name patterns: the one place that says it, for every script.

A name is written "Zoé", "Łukasz", "Ивáн", "Ségolène" as readily as "Ashby": a capital
letter of any script, then letters. Python's `re` has no \\p{Lu}, so the classes are built
here once from the Unicode categories: UPPER (capitals and title-case letters, Lu and Lt)
and LOWER (small letters and modifier letters, Ll and Lm, and the combining marks Mn and
Mc). The letters of scripts without capitals (Lo: Arabic, Hebrew, CJK ...) are in neither:
no word of theirs is a capitalised name, and their 46,000 characters made every pattern
holding a class take longer to compile at each start. A combining mark belongs with the
letters because a text in decomposed form (NFD) writes "é" as "e" and U+0301: a word read
with LOWER keeps its accents, and a script's words stay exactly the source's.

UPPER, LOWER, LETTER and MARKS (the combining marks alone) are the insides of character
classes, to be written between brackets ("[" + LETTER + "’'-]"); CAPITAL and SMALL are the
classes of one capital and of one other letter; WORD_END is r"\\b" for a pattern that ends
on a name. The classes hold
their ASCII letters, so a search whose pattern opens on one (scan.py) still passes the
other characters at C speed. name_patterns.py builds the name word (CAP) from them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from . import kept

# each general category that the classes hold, as one character: a capital "U", another
# letter "l", a combining mark "m" (every other category is "."): a string of the kinds of
# the plane's characters, in which `re` finds each class's runs at C speed
_KINDS = {"Lu": "U", "Lt": "U", "Ll": "l", "Lm": "l", "Mn": "m", "Mc": "m"}
# The Basic Multilingual Plane: the letters of every living script. Beyond it, `re` checks a
# character against a class's ranges there one by one, not in its table of the plane: with
# plane 1's letters (Deseret, Adlam, mathematical capitals) a search for a capital over
# English prose took 20 times as long; reading planes 1-3 also took 0.9 s at every import.
_LAST = 0xFFFF


def _classes() -> tuple[str, str, str, str]:
    """The insides of the classes UPPER, LOWER, LETTER and MARKS, as ranges ("A-Z", "À-Ö"
    ...). LETTER is the union of UPPER and LOWER written as its own ranges: "Ā-ſ" where
    UPPER and LOWER alternate "ĀĂĄ..." and "āăą...", a third as long as UPPER + LOWER, and
    each pattern holding it is that much quicker to parse."""
    kinds = "".join([_KINDS.get(unicodedata.category(chr(c)), ".") for c in range(_LAST + 1)])
    return tuple("".join(_range(run.start(), run.end() - 1) for run in re.finditer(runs, kinds))
                 for runs in ("U+", "[lm]+", "[Ulm]+", "m+"))


def _range(first: int, last: int) -> str:
    """A class's range of the characters first to last, each written as itself (re.escape()
    guards class syntax): a thousand escapes such as \\U000000c0 took the parser a second to
    read over the patterns that hold the classes, at each start."""
    if first == last:
        return re.escape(chr(first))
    return re.escape(chr(first)) + "-" + re.escape(chr(last))


# UPPER: a capital letter of any script, "A-Z", "É", "Ł", "И" ... (categories Lu and Lt);
# LOWER: any other letter, or a combining mark, "a-z", "é", "ł", "в", U+0301 ...
_DEFINITION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
"""What the classes depend on besides the Python and its Unicode data: this file."""
# kept between runs: reading the plane's categories is a quarter of `import drama.extract`
UPPER, LOWER, LETTER, MARKS = kept.value("letters", _DEFINITION, _classes)
r"""LETTER: any letter or combining mark, the characters of UPPER and LOWER. MARKS: the
combining marks (Mn and Mc), the characters of LOWER that r"\w" leaves out: "[\w" + MARKS +
"]" is "[\w" + LOWER + "]", written shorter (every other letter is a word character)."""
CAPITAL = "[" + UPPER + "]"
"""A class matching one capital letter (a name word's first)."""
SMALL = "[" + LOWER + "]"
"""A class matching one letter that is no capital, or a combining mark (a name word's rest)."""
WORD_END = r"(?![\w" + MARKS + "])"
"""Where a word ends, for a pattern that ends on a name: r"\b" after a letter, and after a
word of a decomposed text too, whose last character may be a combining mark (no word
character: r"\b" finds no word's end between "Zoé" and the comma after it)."""
