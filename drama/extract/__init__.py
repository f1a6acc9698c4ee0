"""text -> Script: split narration from quoted speech and attribute each quotation."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Callable

from .. import gcpause
from ..model import (CHAPTER, DIALOGUE, NARRATION, NARRATOR, SKIPPED, Line, Script,
                     fold_whitespace)
from ..files import file_title
from ..wording import MINOR_WORDS
from ..scriptfile import text_sha256
from ..wordchars import ALNUM_CHAR, IN_WORD_BREAKS, in_word
from .attribution import attribute as attribute_speakers
from .aliases import join_aliases, join_called_in_talk
from .attribution.pipeline import ablated_sieves
from .cast import Cast
from .conversation import refine, vocative_labels
from .inventory import build_characters
from .quotes import (PARAGRAPH_BREAK, WORDLESS_QUOTATION, Quote, find_quotes, paragraphs,
                     quoted_titles)
from .structure import (Section, Structure, find_structure, reads_as_prose,
                        transcribers_notes)

__all__ = ["build_lines", "extract_file", "extract_script", "guess_title", "find_structure"]

_LEAD_TRIM = " \t\n,;:"


_QUOTED = re.compile("^[\"“‘«»„‚‹›'].*[\"'“”‘’«»„‹›‚]|^(?:—|–|―|--)\\s*\\w")
"""A line of dialogue: opened by a quotation mark with another after it ("Stop!", not 'Twas
the Night), or led by a dash."""


_DEDICATION = re.compile(r"(?:dedicated|inscribed)\s+to\b|in\s+(?:loving\s+)?memory\s+of\b|"
                         r"(?:to|for)\s+(?:my|our|his|her|their|your|the\s+memory)\b",
                         re.IGNORECASE)
"""How a dedication opens: To or For someone of the author's (the possessive determiners,
a closed class of English grammar), "To the memory of", "In memory of", "Dedicated to"."""
_ATTRIBUTION = re.compile(r"(?:--|—|–|―)\s*[^\W\d_]")
"""How the line under an epigraph naming its author opens: a dash ("-- Hermann Hesse")."""
_ITALICS = "_*"
"""What marks italics in a plain text (underscores) or Markdown (asterisks)."""


def guess_title(text: str, fallback: str) -> str:
    """The text's first line when it reads like a heading (not a sentence, not a line of
    dialogue, not the first line of a paragraph of prose: "It was a bright cold day in
    April, and the clocks were striking" over "thirteen. ..."), and is no dedication,
    epigraph or verse (_opening_matter), else the fallback."""
    first, *rest = PARAGRAPH_BREAK.split(text.strip(), 2)
    lines = [ln.strip() for ln in first.split("\n")]
    line = lines[0]
    reads_as_heading = line and len(line) <= 100 and \
        not line.strip(_ITALICS).endswith((".", ",", ";", ":")) and \
        not _QUOTED.match(line) and not reads_as_prose(first)
    after = rest[0].lstrip().split("\n", 1)[0] if rest else ""  # the next paragraph's line
    return line if reads_as_heading and not _opening_matter(lines, after) else fallback


def _opening_matter(lines: list[str], after: str) -> bool:
    """Whether a text's first paragraph (its lines; `after`, the first line of the next) is
    matter that opens a book without naming it: a dedication ("To my mother", "For Anna"),
    an epigraph (a line over a dash and its author's name, in the same paragraph or the
    next), or lines of verse (two lines, each worded as a sentence, not a title: a title in
    sentence case over its byline, "by Ann Writer", or "A novel", is no verse; nor is a
    title's underline of "=")."""
    first = lines[0]
    if _DEDICATION.match(first) or _dedicated_to_names(first):
        return True
    if any(_is_attribution(ln) for ln in [*lines[1:], after]):
        return True
    return len(lines) > 1 and all(len(_sentence_words(ln)) >= 2 for ln in lines[:2])


def _is_attribution(line: str) -> bool:
    """Whether a line names an epigraph's author: led by a dash, then a name, no word of a
    sentence in it ("-- Hermann Hesse, Siddhartha"; not the dialogue "— Where are you? she
    asked"), and no dash at its end ("— A Novel —" is an ornament)."""
    return _ATTRIBUTION.match(line) is not None and not line.endswith(("-", "—", "–", "―")) \
        and not _sentence_words(line)


def _dedicated_to_names(line: str) -> bool:
    """A dedication to names alone: To or For, then one to three words in capitals or
    initials, none of the words a title leaves in small letters ("For Anna", "To M. B.";
    not "To Kill a Mockingbird", "For Whom the Bell Tolls")."""
    words = line.rstrip(".,").split()
    return words[0].casefold() in ("to", "for") and 1 < len(words) <= 4 and \
        all(w[0].isupper() and w.strip(".,").casefold() not in MINOR_WORDS for w in words[1:])


def _sentence_words(line: str) -> list[str]:
    """The words of a line in small letters that a title would capitalise (not in
    MINOR_WORDS): those of a sentence, or a verse."""
    return [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)
            if w == w.lower() and w not in MINOR_WORDS]


def _without_marks(text: str, start: int, end: int, marks: list[int]) -> str:
    """text[start:end] as spoken: quotation marks (sorted offsets) dropped, whitespace folded.
    A mark set flush between two words (`hall“Well”`, `a“nonparty”body`) leaves a space, so
    the words stay the source's two and not one of both."""
    k = bisect_left(marks, start)
    if k == len(marks) or marks[k] >= end:
        return fold_whitespace(text[start:end])
    pieces, pos = [], start
    while k < len(marks) and marks[k] < end:
        pieces.append(text[pos:marks[k]])
        pos = marks[k] + 1
        k += 1
    pieces.append(text[pos:end])
    return fold_whitespace(_joined_apart("".join(pieces[:1]), pieces[1:]))


def _joined_apart(first: str, rest: list[str]) -> str:
    """`first` and the pieces of `rest` joined, a space between two that would join two words
    into one (a letter or digit each side: one mark or several cut there)."""
    out = [first]
    tail = first
    for piece in rest:
        if piece and tail and tail[-1:].isalnum() and piece[0].isalnum():
            out.append(" ")
        out.append(piece)
        tail = piece or tail
    return "".join(out)


def _narration(text: str, start: int, end: int, marks: list[int]) -> Line | None:
    """The narration line of text[start:end], trimmed; None for one of no word (the
    punctuation left between two quotations, a scene break's `* * *`), unless it holds a
    quotation of no word (quotes.WORDLESS_QUOTATION: `"..."` alone, a silent turn, was
    dropped from the script and every export; spoken, it is a pause)."""
    while start < end and text[start] in _LEAD_TRIM:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not ALNUM_CHAR.search(text, start, end) and \
            not WORDLESS_QUOTATION.search(text, start, end):
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


def _body_paragraphs(text: str, sections: list[Section]):
    """The text in order as ("section", Section) and ("paragraph", start, end) pieces:
    paragraphs with the sections (which may cover several, or part of one) cut out.
    Skipped matter comes a paragraph at a time (_in_paragraph), as the source reads: a
    Gutenberg header was one line, its paragraphs and "*** START OF ..." run together."""
    si = 0
    for ps, pe in paragraphs(text):
        pos = ps
        if si and sections[si - 1].end > pos:  # a section begun in an earlier paragraph
            s = sections[si - 1]
            if s.kind == SKIPPED:
                yield ("section", _in_paragraph(s, pos, pe))
            pos = s.end
        while si < len(sections) and sections[si].start < pe:
            s = sections[si]
            if s.start > pos:
                yield ("paragraph", pos, s.start)
            yield ("section", _in_paragraph(s, s.start, pe) if s.kind == SKIPPED else s)
            pos = max(pos, s.end)
            si += 1
        if pos < pe:
            yield ("paragraph", pos, pe)
    for s in sections[si:]:
        yield ("section", s)


def _in_paragraph(s: Section, start: int, end: int) -> Section:
    """The part of skipped matter s in one paragraph of the source, start to end."""
    return replace(s, start=max(s.start, start), end=min(s.end, end))


def _section_line(text: str, s: Section, marks: list[int]) -> Line | None:
    if not ALNUM_CHAR.search(text, s.start, s.end):
        return None
    if s.kind == CHAPTER:
        return Line(NARRATOR, CHAPTER, s.title or _without_marks(text, s.start, s.end, marks),
                    s.start, s.end, level=s.level)
    return Line(NARRATOR, SKIPPED, fold_whitespace(text[s.start:s.end]), s.start, s.end,
                level=s.level)


def build_lines(text: str, quotes: list[Quote], speakers: list | None = None,
                sections: list[Section] = ()) -> list[Line]:
    """Narration, dialogue, chapter and skipped lines over the whole text, in order,
    losing no word.

    ``speakers`` holds one Attribution per dialogue quotation; without it every dialogue
    line is an unknown speaker's. ``sections`` (headings, skipped matter; in order, not
    overlapping) become lines of their own; no dialogue quotation may start inside one.
    """
    speech = [q for q in quotes if q.dialogue]
    marks = _marks(quotes)
    narrate = _Narration(text, _breaks(quotes), marks)
    lines: list[Line] = []
    qi = 0
    for piece in _body_paragraphs(text, list(sections)):
        if piece[0] == "section":
            sl = _section_line(text, piece[1], marks)
            if sl:
                lines.append(sl)
            continue
        _, ps, pe = piece
        pos = ps
        while qi < len(speech) and speech[qi].open < pe:
            q = speech[qi]
            if q.open > pos:
                lines.extend(narrate.between(pos, q.open))
            start = max(q.start, pos)
            if q.end > start:
                lines.append(_dialogue_line(text, start, q.end, marks,
                                            speakers[qi] if speakers is not None else None))
            pos = max(pos, q.close)
            qi += 1
        if pos < pe:
            lines.extend(narrate.between(pos, pe))
    return lines


class _Narration:
    """Narration lines between two offsets, cut at the breaks inside them (_breaks()); the
    spans asked for come in order, so the breaks are read once."""

    def __init__(self, text: str, breaks: list[int], marks: list[int]):
        self.text, self.breaks, self.marks = text, breaks, marks
        self.bi = 0

    def between(self, a: int, b: int) -> list[Line]:
        out: list[Line] = []
        breaks = self.breaks
        while self.bi < len(breaks) and breaks[self.bi] <= a:
            self.bi += 1
        while self.bi < len(breaks) and breaks[self.bi] < b:
            nl = _narration(self.text, a, breaks[self.bi], self.marks)
            if nl:
                out.append(nl)
            a = breaks[self.bi]
            self.bi += 1
        nl = _narration(self.text, a, b, self.marks)
        if nl:
            out.append(nl)
        return out


def _dialogue_line(text: str, start: int, end: int, marks: list[int], a) -> Line:
    """The line spoken from start to end: by Attribution a's speaker, or, without one, by an
    unknown speaker."""
    if a is None:
        return Line("Unknown speaker", DIALOGUE, _spoken(text, start, end, marks), start, end)
    return Line(a.speaker, DIALOGUE, _spoken(text, start, end, marks), start, end,
                cue=a.cue, confidence=a.confidence)


def _spoken(text: str, start: int, end: int, marks: list[int]) -> str:
    return _without_marks(text, start, end, marks)


def _with_notes(text: str, sections: list[Section], quotes: list[Quote]) -> list[Section]:
    """The sections, in order, with the transcriber's notes (structure.transcribers_notes:
    `[Illustration]`, `[Footnote 1: ...]`) that lie in none of them nor in a dialogue
    quotation: a text's or an EPUB's."""
    notes = transcribers_notes(text, [(s.start, s.end) for s in sections],
                               [(q.open, q.close) for q in quotes if q.dialogue])
    return sorted([*sections, *notes], key=lambda s: s.start) if notes else sections


def _outside(quotes: list[Quote], sections: list[Section]) -> list[Quote]:
    """The quotes, those opening inside a heading or skipped matter no longer dialogue."""
    if not sections:
        return quotes
    starts = [s.start for s in sections]
    out = []
    for q in quotes:
        k = bisect_left(starts, q.open + 1) - 1
        inside = k >= 0 and sections[k].start <= q.open < sections[k].end
        out.append(replace(q, dialogue=False) if inside and q.dialogue else q)
    return out


STAGES = ("finding chapters and quotations", "finding the characters",
          "attributing speakers", "weighing each conversation", "joining aliases",
          "making the lines")
"""The stages of extract_script, in order, as its `progress` callback names them."""


def extract_script(text: str, source: str | None = None, title: str | None = None,
                   structure: Structure | None = None,
                   progress: Callable[[str], None] | None = None) -> Script:
    """The script of a text: narration, attributed dialogue, headings and skipped matter,
    covering every word, and the characters who speak them. The structure is found in the
    text unless given (an EPUB's). `progress`, when given, is called with each of STAGES as
    it begins (a long text takes seconds).

    The cycle collector is paused meanwhile (drama.gcpause): extracting makes hundreds of
    thousands of objects that live until it ends and almost no cyclic garbage (616 objects
    on Oliver Twist), and the collector's passes over them took 4-5% of the time on the
    PDNC novels (bench/extract_cpu.py)."""
    with gcpause.gc_paused():
        return _extract(text, source, title, structure, progress)


def _extract(text: str, source: str | None, title: str | None, structure: Structure | None,
             progress: Callable[[str], None] | None) -> Script:
    stage = progress or (lambda name: None)
    stage(STAGES[0])
    whole, text, at = text, *unbroken(text)  # the text read, its offsets in the whole
    read = as_read(text)
    structure = find_structure(read) if structure is None else _moved_in(structure, at)
    quotes = find_quotes(read)
    sections = _with_notes(read, structure.sections, quotes)
    quotes = _outside(quotes, sections)
    speech = [q for q in quotes if q.dialogue]
    paras = paragraphs(read)
    stage(STAGES[1])
    cast = Cast(read, speech=[(q.open, q.close) for q in speech],
                headings=sorted([(s.start, s.end) for s in sections] +
                                quoted_titles(read, quotes)))
    stage(STAGES[2])
    who, calls = rules_and_calls(read, speech, paras, cast)
    stage(STAGES[3])
    who = refine(read, speech, paras, cast, who, calls, ablated_sieves())
    stage(STAGES[4])
    if "aliases" not in ablated_sieves():
        who = join_aliases(read, speech, cast, who, calls)
    stage(STAGES[5])
    lines = build_lines(text, quotes, who, sections)
    characters = build_characters(lines, read, cast)
    title = title or structure.info.title or \
        guess_title(text, file_title(source) if source else "Untitled")
    return Script(title=title, source=source, lines=_placed(lines, at, len(whole)),
                  characters=characters,
                  source_sha256=text_sha256(whole))


OTHER_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f]")
"""The spaces a text may write between words besides the space: the no-break space (after
"Mr." as typesetters and e-book makers set it, "Mr.\u00a0Varley"), the narrow one French
sets before "!" and inside « », the thin and the typographer's widths, and the zero-width
one (a break between words that shows none: "\u200bTam" was no name)."""


def unbroken(text: str) -> tuple[str, list[int] | None]:
    """text without the soft hyphens and zero-width spaces inside its words
    (wordchars.IN_WORD_BREAKS, in_word; an HTML page's or an EPUB's soft hyphens are dropped
    as they are read, source.html), so that a name written with one is one word
    ("Tam\u00adsin" was the speaker "Tam"), and the offset in text of each character left
    (None when there was none to drop: text itself). Extraction reads the text left and
    places its lines back on text's offsets (_placed): their spans cover the dropped
    characters, their words are written without them."""
    if "\u00ad" not in text and "\u200b" not in text:
        return text, None
    spacing = text.count("\u200b") > text.count(" ")  # zero-width spaces part its words
    at, pieces, pos = [], [], 0
    for m in IN_WORD_BREAKS.finditer(text):
        if not in_word(m, text, spacing):
            continue  # a space between words: as_read's
        pieces.append(text[pos:m.start()])
        at.extend(range(pos, m.start()))
        pos = m.end()
    if not pieces:
        return text, None
    pieces.append(text[pos:])
    at.extend(range(pos, len(text)))
    return "".join(pieces), at


def _placed(lines: list[Line], at: list[int] | None, length: int) -> list[Line]:
    """The lines of an unbroken text (`at`: the offset in the whole text, `length` long, of
    each of its characters) on the whole text's offsets, each span covering the characters
    dropped inside it."""
    if at is None:
        return lines

    def whole(offset: int) -> int:
        return at[offset] if offset < len(at) else length
    return [replace(ln, start=whole(ln.start), end=at[ln.end - 1] + 1 if ln.end > ln.start
                    else whole(ln.start)) if ln.start >= 0 else ln for ln in lines]


def _moved_in(structure: Structure, at: list[int] | None) -> Structure:
    """A structure found in the whole text (an EPUB's, a book's) on the offsets of its
    unbroken text (`at`, unbroken's)."""
    if at is None:
        return structure
    return replace(structure, sections=[replace(s, start=bisect_left(at, s.start),
                                                end=bisect_left(at, s.end))
                                        for s in structure.sections])


def as_read(text: str) -> str:
    """The text as extraction reads it: each of OTHER_SPACES a space, one character for one,
    so every offset stays the text's. "Mrs.\u00a0Pennock" was no name, and her line went to
    the speaker before; the script's lines keep the text's own characters."""
    return OTHER_SPACES.sub(" ", text) if OTHER_SPACES.search(text) else text


def rules_and_calls(text: str, speech: list, paras: list[tuple[int, int]],
                    cast: Cast) -> tuple[list, list[str | None]]:
    """What the conversation model reads: the speaker the rules give each quotation of
    speech and the label each one calls, a "Miss" and surname only the speakers call joined
    to its person first (aliases.join_called_in_talk) unless DRAMA_ABLATE names "aliases".
    The one sequence of these stages, for extract_script and bench/train_conversation.py."""
    who = attribute_speakers(text, speech, paras, cast)
    calls = vocative_labels(text, speech, paras, cast)
    if "aliases" not in ablated_sieves():
        who, calls = join_called_in_talk(speech, cast, who, calls)
    return who, calls


def extract_file(path, progress: Callable[[str], None] | None = None) -> Script:
    """The script of one source (text, Markdown, EPUB or HTML), its path recorded;
    `progress` as extract_script's."""
    from ..source import read_source
    book = read_source(path)
    return extract_script(book.text, source=str(path), title=book.title,
                          structure=book.structure, progress=progress)
