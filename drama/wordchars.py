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
WORD = re.compile(ALNUM + "+")
"""A word: a run of letters and digits ("Да", "1848"; "don" and "t" of "don't")."""
