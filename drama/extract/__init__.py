"""text -> Script: split narration from quoted speech and attribute each quotation."""
from __future__ import annotations

from ..model import DIALOGUE, NARRATION, NARRATOR, Line, Script, fold_whitespace
from ..scriptfile import text_sha256
from .attribute import attribute
from .quotes import Quote, find_quotes, paragraphs

__all__ = ["extract_script", "guess_title"]

_LEAD_TRIM = " \t\n,;:"


def guess_title(text: str, fallback: str) -> str:
    """The text's first line when it reads like a heading, else the fallback."""
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            if len(line) <= 100 and not line.endswith((".", ",", ";", ":")):
                return line
            break
    return fallback


def _narration(text: str, start: int, end: int, marks: set[int]) -> Line | None:
    while start < end and text[start] in _LEAD_TRIM:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    chunk = text[start:end]
    if not any(c.isalnum() for c in chunk):
        return None
    spoken = "".join(c for i, c in enumerate(chunk, start) if i not in marks)
    return Line(NARRATOR, NARRATION, fold_whitespace(spoken), start, end)


def _marks(quotes: list[Quote]) -> set[int]:
    marks: set[int] = set()
    for q in quotes:
        if q.open < q.start:
            marks.add(q.open)
        if q.close > q.end:
            marks.add(q.close - 1)
    return marks


def extract_script(text: str, source: str | None = None, title: str | None = None) -> Script:
    """The script of a text: narration and attributed dialogue lines covering every word."""
    quotes = find_quotes(text)
    speech = [q for q in quotes if q.dialogue]
    who = attribute(text, speech)
    marks = _marks(quotes)
    lines: list[Line] = []
    paras = paragraphs(text)
    qi = 0
    for ps, pe in paras:
        pos = ps
        while qi < len(speech) and speech[qi].open < pe:
            q, a = speech[qi], who[qi]
            if q.open > pos:
                nl = _narration(text, pos, q.open, marks)
                if nl:
                    lines.append(nl)
            lines.append(Line(a.speaker, DIALOGUE, fold_whitespace(text[q.start:q.end]),
                              q.start, q.end, cue=a.cue, confidence=a.confidence))
            pos = max(pos, q.close)
            qi += 1
        if pos < pe:
            nl = _narration(text, pos, pe, marks)
            if nl:
                lines.append(nl)
    return Script(title=title or guess_title(text, source or "Untitled"), source=source,
                  lines=lines, source_sha256=text_sha256(text))
