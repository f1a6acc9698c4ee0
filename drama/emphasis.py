"""Emphasis a plain text writes with its letters: Project Gutenberg's texts put italics
between underscores (`_very_`, `_The Times_`), and a script's lines keep them, as every
character of the source is kept.

One pattern, read wherever a line is shown: the txt export, the subtitles and the studio
show it plain (`plain`), and the exports whose format has emphasis show it so (`marked`:
Markdown's and Fountain's `*very*`). The renderer speaks a line without them, and without
the half of one cut from the other (`spoken`). The json export is the script's own data,
underscores and all.
"""
from __future__ import annotations

import re
from typing import Callable

EMPHASIS = re.compile(r"(?<!\w)_(?=[^\s_])([^_]*?[^\s_])_(?!\w)")
"""An emphasis: an underscore that no letter, digit or underscore leads, the words it marks
(opening and closing on no space), and the underscore that closes it, no letter or digit
after it (`snake_case` and a lone `_` are no emphasis)."""


EDGE_UNDERSCORES = re.compile(r"(?<!\w)_+(?=\w)|(?<=\w)_+(?!\w)")
"""Underscores at a word's edge (`_very_`, `_Smolny`, `__init__`'s), paired or not; not one
inside a word (`snake_case`) nor one standing alone."""


def spoken(text: str) -> str:
    """text as an engine is given it: without the underscores at a word's edge
    (EDGE_UNDERSCORES), an emphasis's or half of one cut from the other (by a quote, a
    paragraph, or into the pieces of a long line), which no one says and which hide a
    word from the lexicon (an underscore is a word character)."""
    return EDGE_UNDERSCORES.sub("", text) if "_" in text else text


def plain(text: str) -> str:
    """text without its emphasis marks: `_very_` is `very`."""
    return EMPHASIS.sub(r"\1", text) if "_" in text else text


def marked(text: str, escape: Callable[[str], str], mark: str = "*") -> str:
    """text with each emphasis between `mark`s, its words and the text around them passed
    through `escape` (a format's escaping of its markup characters)."""
    out, last = [], 0
    for m in EMPHASIS.finditer(text):
        out += [escape(text[last:m.start()]), mark, escape(m.group(1)), mark]
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)
