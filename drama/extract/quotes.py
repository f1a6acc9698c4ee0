"""Find quotations in a text: their spans, marks, paragraphs and whether they are speech.

First version: straight, curly double and British single quotes, scanned paragraph by
paragraph so a missing mark never spreads past its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

# opening mark -> the closing marks that end it
PAIRS = {
    '"': '"',
    "“": "”",
    "‘": "’",
    "«": "»",
    "„": "“",
}


@dataclass
class Quote:
    """One quotation: the text inside its marks, the marks, and how it is used."""

    start: int
    """Offset of the first character inside the marks."""
    end: int
    """Offset one past the last character inside the marks."""
    open: int
    """Offset of the opening mark (== start when there is none)."""
    close: int
    """Offset one past the closing mark (== end when there is none)."""
    paragraph: int
    """Index of the paragraph the quotation starts in."""
    dialogue: bool = True
    """Whether it is speech for another voice (False: scare quotes, titles, cited words)."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines."""
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def detect_style(text: str) -> str:
    """The outer quotation mark the text uses for speech: one of PAIRS' keys."""
    counts = {
        '"': text.count('"'),
        "“": text.count("“"),
        "‘": len(re.findall(r"(?:^|(?<=[\s(\[—–-]))‘", text)),
        "«": text.count("«"),
        "„": text.count("„"),
    }
    return max(counts, key=lambda k: counts[k]) if any(counts.values()) else "“"


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{—–-\"“‘") and not nxt.isspace()


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of the text's outer style, in order, none crossing a paragraph."""
    opener = detect_style(text)
    closer = PAIRS[opener]
    quotes: list[Quote] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        i = ps
        open_at = None
        while i < pe:
            ch = text[i]
            if open_at is None:
                if ch == opener and (opener != "‘" or _is_opening(text, i)) and \
                        (opener != '"' or _is_opening(text, i) or i == ps):
                    open_at = i
            elif ch == closer and (closer != "’" or not (i + 1 < pe and text[i + 1].isalpha())):
                if closer == '"' and _is_opening(text, i) and text[i - 1].isspace():
                    # a straight quote that opens a new quotation: the last one lacked a close
                    quotes.append(Quote(open_at + 1, i, open_at, i, pi))
                    open_at = i
                else:
                    quotes.append(Quote(open_at + 1, i, open_at, i + 1, pi))
                    open_at = None
            i += 1
        if open_at is not None:
            end = pe
            quotes.append(Quote(open_at + 1, end, open_at, end, pi))
    return [q for q in quotes if any(c.isalnum() for c in text[q.start:q.end])]
