"""text -> Script: split narration from quoted speech and attribute each quotation."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import DIALOGUE, NARRATION, NARRATOR, Line, Script, fold_whitespace
from ..scriptfile import read_text, text_sha256
from .attribution import attribute as attribute_speakers
from .attribution.pipeline import ablated_sieves
from .characters import Cast
from .conversation import refine, vocative_labels
from .inventory import build_characters
from .quotes import Quote, find_quotes, paragraphs

__all__ = ["build_lines", "extract_file", "extract_script", "guess_title"]

_LEAD_TRIM = " \t\n,;:"
_ALNUM = re.compile(r"[^\W_]")


def guess_title(text: str, fallback: str) -> str:
    """The text's first line when it reads like a heading, else the fallback."""
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            if len(line) <= 100 and not line.endswith((".", ",", ";", ":")):
                return line
            break
    return fallback


def _without_marks(text: str, start: int, end: int, marks: list[int]) -> str:
    """text[start:end] as spoken: quotation marks (sorted offsets) dropped, whitespace folded."""
    k = bisect_left(marks, start)
    if k == len(marks) or marks[k] >= end:
        return fold_whitespace(text[start:end])
    pieces, pos = [], start
    while k < len(marks) and marks[k] < end:
        pieces.append(text[pos:marks[k]])
        pos = marks[k] + 1
        k += 1
    pieces.append(text[pos:end])
    return fold_whitespace("".join(pieces))


def _narration(text: str, start: int, end: int, marks: list[int]) -> Line | None:
    while start < end and text[start] in _LEAD_TRIM:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _ALNUM.search(text, start, end):
        return None
    return Line(NARRATOR, NARRATION, _without_marks(text, start, end, marks), start, end)


def _marks(quotes: list[Quote]) -> list[int]:
    """Sorted offsets of every quotation mark, to leave out of what is spoken."""
    marks: set[int] = set()
    for q in quotes:
        if q.open < q.start:
            marks.add(q.open)
        if q.close > q.end:
            marks.add(q.close - 1)
    return sorted(marks)


def _breaks(quotes: list[Quote]) -> list[int]:
    """Where narration splits although no dialogue starts: the opening of a quoted account
    (a quotation that is narration but holds dialogue) and the end of it."""
    out: list[int] = []
    for i, q in enumerate(quotes):
        if not q.dialogue and not q.nested and i + 1 < len(quotes) and \
                quotes[i + 1].nested and any(n.dialogue for n in quotes[i + 1:i + 2]):
            out.extend((q.open, q.close))
    return sorted(out)


def build_lines(text: str, quotes: list[Quote], speakers: list | None = None) -> list[Line]:
    """Narration and dialogue lines over the whole text, in order, losing no word.

    ``speakers`` holds one Attribution per dialogue quotation; without it every dialogue
    line is an unknown speaker's.
    """
    speech = [q for q in quotes if q.dialogue]
    marks = _marks(quotes)
    breaks = _breaks(quotes)
    lines: list[Line] = []
    bi = 0

    def narrate(a: int, b: int) -> None:
        nonlocal bi
        while bi < len(breaks) and breaks[bi] <= a:
            bi += 1
        while bi < len(breaks) and breaks[bi] < b:
            nl = _narration(text, a, breaks[bi], marks)
            if nl:
                lines.append(nl)
            a = breaks[bi]
            bi += 1
        nl = _narration(text, a, b, marks)
        if nl:
            lines.append(nl)

    qi = 0
    for ps, pe in paragraphs(text):
        pos = ps
        while qi < len(speech) and speech[qi].open < pe:
            q = speech[qi]
            if q.open > pos:
                narrate(pos, q.open)
            start = max(q.start, pos)
            if q.end > start:
                if speakers is not None:
                    a = speakers[qi]
                    lines.append(Line(a.speaker, DIALOGUE, _spoken(text, start, q.end, marks),
                                      start, q.end, cue=a.cue, confidence=a.confidence))
                else:
                    lines.append(Line("Unknown speaker", DIALOGUE,
                                      _spoken(text, start, q.end, marks), start, q.end))
            pos = max(pos, q.close)
            qi += 1
        if pos < pe:
            narrate(pos, pe)
    return lines


def _spoken(text: str, start: int, end: int, marks: list[int]) -> str:
    return _without_marks(text, start, end, marks)


def extract_script(text: str, source: str | None = None, title: str | None = None) -> Script:
    """The script of a text: narration and attributed dialogue lines covering every word, and
    the characters who speak them."""
    quotes = find_quotes(text)
    speech = [q for q in quotes if q.dialogue]
    paras = paragraphs(text)
    cast = Cast(text)
    who = attribute_speakers(text, speech, paras, cast)
    who = refine(text, speech, paras, cast, who, vocative_labels(text, speech, paras, cast),
                 ablated_sieves())
    lines = build_lines(text, quotes, who)
    return Script(title=title or guess_title(text, source or "Untitled"), source=source,
                  lines=lines, source_sha256=text_sha256(text),
                  characters=build_characters(lines, text, cast))


def extract_file(path) -> Script:
    """The script of one text file (UTF-8), its path recorded as the source."""
    return extract_script(read_text(path), source=str(path))
