"""A book's structure in its plain text: headings, title block, front and back matter.

Books mark their structure in a few conventional ways, and this module reads them from the
lines of the text, as a person leafing through would:

- chapter headings: ``CHAPTER I.``, ``Chapter 1``, ``CHAPTER IV. Mrs. Rachel Lynde is
  Surprised``, a heading followed by a title line (``CHAPTER I`` / ``THE ONE THING NEEDFUL``,
  or under a blank line, as an HTML page's <h2> and <h3> read),
  ``CHAPTER`` with its number on the next line, centred or indented headings, and bare Roman
  or Arabic numerals on their own line when they count up (I, II, III ...);
- part headings: ``PART I: MOSQUE``, ``VOLUME II``, ``VOL. II.``, ``BOOK ONE``, ``Book I``,
  ``BOOK THE FIRST``;
- a title and author block at the top (``Title: ...`` / ``Author: ...``, or a title followed
  by ``by AUTHOR``);
- Project Gutenberg's header and footer (its licence), and a table of contents: left out of
  the audio, but kept in the script as skipped text so no word is lost.

A heading only counts when prose follows it before the next heading (MIN_BODY_CHARS of text,
or MIN_PROSE_PARAGRAPHS paragraphs of sentences: a short chapter; or a sentence, when its number
counts on between two chapters that count: _counts_on), so the entries of a table of contents
are not taken for chapters.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..emphasis import TRANSCRIBERS_NOTE
from ..wording import MINOR_WORDS
from .lexicon import MONTHS, TIME_NOUNS

TITLE = "title"
PART = "part"
CHAPTER = "chapter"
LEVELS = (TITLE, PART, CHAPTER)
TITLE_PAGE = "titlepage"
"""Skipped matter: a title page, or a block of `Title:`/`Author:` fields (an EPUB's too)."""

MAX_HEADING_CHARS = 80
"""A heading line (or a title line under it) is at most this long."""
MAX_TITLE_LINES = 4
"""Lines of chapter title a heading paragraph may carry under the heading itself."""
WRAPPED_TITLE_CHARS = 40
"""A title line this long, ending in no stop, was cut by the text's wrapping: the line
under it goes on with the same title (a title stacked in short lines is shorter)."""
MIN_BODY_CHARS = 100
"""Prose a heading needs after it (before the next heading) to count as one..."""
MIN_PROSE_PARAGRAPHS = 2
"""...or this many paragraphs that read as prose (reads_as_prose), however short: a
chapter of two short paragraphs is a chapter, where a contents entry has at most one line
of description under it."""
TITLE_BLOCK_PARAGRAPHS = 8
"""How many paragraphs from the top a title block may span."""

_NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty "
                 "fifty").split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
             "twelfth").split()
_WORD_NUMBER = (r"(?:the\s+)?(?:" + "|".join(_ORDINALS + _NUMBER_WORDS) + r")"
                r"(?:[-\s](?:" + "|".join(_NUMBER_WORDS[:9]) + r"))?")
_NUMBER = rf"(?:[ivxlcdm]+|\d+|{_WORD_NUMBER})"
_CHAPTER_WORDS = r"chapter|chap\."
_PART_WORDS = r"part|book|volume|vol\."
HEADING = re.compile(
    rf"(?P<word>{_CHAPTER_WORDS}|{_PART_WORDS})\s+(?P<num>{_NUMBER})(?![\w'’])\.?"
    rf"(?:\s*(?:[.:]|[-—–]+)\s*(?P<title>\S.*)|\s+(?P<capital>[A-Z\"“‘'_].*))?", re.I)
"""A heading line: a chapter or part word, its number, and maybe the chapter's title."""
BARE_WORD = re.compile(rf"(?P<word>{_CHAPTER_WORDS})", re.I)
"""``CHAPTER`` alone on its line, its number on the next."""
BARE_NUMBER = re.compile(r"(?P<num>[IVXLCDM]+|\d{1,3})\.?")
"""A numeral alone on its line: a chapter heading when they count up through the book."""
CONTENTS = re.compile(r"(?:table\s+of\s+)?contents\.?", re.I)
GUTENBERG_START = re.compile(
    r"^[ \t]*\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK[^\n]*$", re.I | re.M)
GUTENBERG_END = re.compile(
    r"^[ \t]*\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK[^\n]*$", re.I | re.M)
MARKER_STARS = "***"
"""What both markers hold: a text without it is not searched for them (a case-blind search
that opens on a line start passes no character quickly)."""
GUTENBERG_END_LINE = re.compile(r"^[ \t]*End of (?:the )?Project Gutenberg", re.I | re.M)
GUTENBERG_TITLE_LINE = re.compile(
    r"The Project Gutenberg E-?Book,? of (?P<title>.+?),? by (?P<author>[^\n]+)", re.I)
PRODUCED_BY = re.compile(r"(?:produced by|e-?text prepared by|transcriber)", re.I)
TITLE_FIELD = re.compile(r"^[ \t]*Title:[ \t]*(?P<value>\S[^\n]*)$", re.M)
AUTHOR_FIELD = re.compile(r"^[ \t]*Author:[ \t]*(?P<value>\S[^\n]*)$", re.M)
BY_LINE = re.compile(r"(?:by|translated by|edited by|illustrated by)\b\s*(?P<who>.*)", re.I)
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0\r]*\n\s*")
SCENE_MARKS = re.compile(r"[*#](?:\s*[*#])*")
"""A line of asterisks between scenes: "* * *", "***", "#". Not dots or dashes alone, which
in a conversation may stand for a silence ("…", "—")."""
MARKDOWN_HEADING = re.compile(r"(?P<marks>#{1,6})[ \t]++(?P<title>.*?\w(?:.*?[^ \t])??)"
                              r"(?:[ \t]+#+)?[ \t]*")
"""A Markdown heading line (ATX: "## Chapter One", "# The Storm #"): one to six #s, a space,
its title (the closing #s and spaces are no part of it). "#" alone, or "# # #", is a scene
break. The title ends on a mark that is no space, so a run of spaces is read once (a line of
"#" and 10,000 spaces took a second)."""
UNDERLINE = re.compile(r"=+|-+")
"""The line under a Markdown heading written the other way (setext: "Chapter One" over
"===" is a heading of one #, over "---" of two), right under its title line."""
BREAK_CHARS = 300
"""A paragraph no longer than this may be a heading (with its chapter's title)."""
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def is_scene_break(text: str, start: int, end: int) -> bool:
    """Whether the paragraph text[start:end] ends a scene: a chapter or part heading
    ("CHAPTER XVIII.", "PART II", "Chapter 3. The Mill", a numeral alone: "XII") or a line
    of asterisks ("* * *"). A short paragraph between two quotes is most often a beat of one
    conversation, a heading not (extract/conversation/turns.py)."""
    if end - start > BREAK_CHARS:
        return False
    line = " ".join(text[start:end].split())
    return bool(line) and any(p.fullmatch(line) for p in (SCENE_MARKS, HEADING, BARE_WORD,
                                                           BARE_NUMBER))


_TIME = "|".join(sorted(TIME_NOUNS, key=len, reverse=True))
_DAYS_OF_WEEK = "|".join(sorted(w for w in TIME_NOUNS if w[0].isupper()))
_COUNT = ("(?:" + "|".join(["A", "An", "Some", "Several", r"A\s+few", "Many"]
                          + [w.capitalize() for w in _NUMBER_WORDS[1:10]]) + ")")
TIME_OPENING = re.compile(
    r"(?:(?:On|In|Early|Late|At)\s+(?:on\s+|in\s+)?)?(?:[Tt]he\s+)?"
    rf"(?:[Nn]ext|[Ff]ollowing|[Ss]ame|[Ss]ucceeding)\s+(?:{_TIME})\b"
    rf"|(?:That|This)\s+(?:same\s+)?(?:{_TIME})\b"
    rf"|{_COUNT}\s+(?:{_TIME})s?\s+(?:later|afterwards|after)\b"
    rf"|On\s+(?:{_DAYS_OF_WEEK})\b")
"""A paragraph's first words that move the story to another day or time of day: "The next
morning", "Early the following day", "That evening", "Two days later", "On Sunday". The
nouns are WordNet's (lexicon.TIME_NOUNS); "An hour later", "The next moment" move no scene."""


def scene_breaks(text: str, paras) -> list[int]:
    """The paragraphs (text[a:b] for each (a, b) of paras) that end a scene
    (is_scene_break), and those before a paragraph opening on another day or time of day
    (TIME_OPENING), in order: what the conversation model and the attribution rules cut
    their conversations at (scene_start). A scene so ended may end on a quotation, so a
    break lies between paragraphs a and b when a <= break < b (turns.breaks_between)."""
    out = []
    for p, (a, b) in enumerate(paras):
        if is_scene_break(text, a, b):
            out.append(p)
        elif p and TIME_OPENING.match(text, a) and (not out or out[-1] != p - 1):
            out.append(p - 1)
    return out


def scene_start(breaks: list[int], p: int) -> int:
    """The first paragraph of the scene paragraph p is in: the one after the last of the
    breaks (scene_breaks, in order) before p, else 0."""
    i = bisect_right(breaks, p - 1)
    return breaks[i - 1] + 1 if i else 0


@dataclass
class Section:
    """A span of the source that is not the body's prose: a heading or skipped matter."""

    start: int
    end: int
    kind: str
    """``chapter`` (a heading, spoken with its own pause) or ``skipped`` (not spoken)."""
    level: str
    """For a heading: ``title``, ``part`` or ``chapter``; for skipped matter, what it is:
    ``gutenberg-header``, ``gutenberg-licence``, ``contents``, ``copyright``, ``cover`` ..."""
    title: str = ""
    """A heading as spoken: its lines joined with full stops."""


@dataclass
class BookInfo:
    """What the text says about the book itself."""

    title: str | None = None
    author: str | None = None


@dataclass
class Structure:
    """The sections of a text in order, and its title and author when it names them."""

    sections: list[Section] = field(default_factory=list)
    info: BookInfo = field(default_factory=BookInfo)

    def headings(self) -> list[Section]:
        return [s for s in self.sections if s.kind == "chapter"]


@dataclass
class _Para:
    start: int
    end: int
    lines: list[tuple[int, int]]
    """(start, end) of each non-blank line, stripped."""

    def line_text(self, text: str, i: int) -> str:
        a, b = self.lines[i]
        return text[a:b]


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral (any case), or None when it is not one."""
    s = numeral.lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def number_value(num: str) -> int | None:
    """The value of a heading's number: digits, a Roman numeral or words (THE FIRST, Two)."""
    num = num.strip().rstrip(".")
    if num.isdigit():
        return int(num)
    roman = roman_value(num)
    if roman is not None:
        return roman
    words = re.sub(r"^the\s+", "", num.lower()).replace("-", " ").split()
    total = 0
    for w in words:
        if w in _ORDINALS:
            total += _ORDINALS.index(w) + 1
        elif w in _NUMBER_WORDS:
            i = _NUMBER_WORDS.index(w)
            total += i + 1 if i < 20 else (i - 17) * 10
        else:
            return None
    return total or None


def _paragraphs(text: str) -> list[_Para]:
    out: list[_Para] = []
    pos = 0
    for m in list(_BLANK_LINES.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        lines = []
        for lm in re.finditer(r"[^\n]+", text[pos:end]):
            a, b = pos + lm.start(), pos + lm.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                lines.append((a, b))
        if lines:
            out.append(_Para(lines[0][0], lines[-1][1], lines))
        if m is None:
            break
        pos = m.end()
    return out


def _spoken_heading(pieces: list[str], runs_on: Callable[[str], bool] = lambda _: False
                    ) -> str:
    """Heading lines as one spoken line: each ends with a full stop, or with a comma before
    a line that `runs_on` from it (a byline from its title: "Marsh Light, by Ann Writer.",
    where "Marsh Light. by Ann Writer." was read with a lower-case "by" after a stop)."""
    words = [" ".join(re.sub(r"[_\"“”]|(?<!\w)['‘’]|['‘’](?!\w)", " ", p).split())
             for p in pieces]
    words = [p for p in words if p]
    out = []
    for k, p in enumerate(words):
        if p[-1:] in ".:!?;":
            out.append(p)
        else:
            out.append(p + ("," if k + 1 < len(words) and runs_on(words[k + 1]) else "."))
    return " ".join(out)


@dataclass
class _Candidate:
    para: int
    start: int
    end: int
    level: str
    word: str
    value: int | None
    bare: bool
    title: str
    last: int
    """The last paragraph the heading takes (its own, or its title's under a blank line)."""
    depth: int = 0
    """A Markdown heading's number of #s; 0 for a heading without marks."""


def unmarked(line: str) -> str:
    """A line without the marks of a Markdown heading ("## Chapter One" -> "Chapter One",
    an underline "===" -> ""); any other line as it is."""
    if UNDERLINE.fullmatch(line):
        return ""
    atx = MARKDOWN_HEADING.fullmatch(line)
    return atx.group("title") if atx else line


def _marked(text: str, p: _Para) -> tuple[str, int, int] | None:
    """The Markdown heading opening paragraph p, as (its title, its depth: the number of
    #s, 1 for a "===" underline and 2 for "---", where it ends); None for none. A sentence
    over a rule ("The gate shut behind us." over "-----": a plain text's scene break set
    under its last line) is no heading (reads_as_prose)."""
    first = p.line_text(text, 0)
    atx = MARKDOWN_HEADING.fullmatch(first)
    if atx:
        return atx.group("title"), len(atx.group("marks")), p.lines[0][1]
    if len(p.lines) == 2 and UNDERLINE.fullmatch(p.line_text(text, 1)) and \
            re.search(r"\w", first) and not reads_as_prose(first):
        return first, 1 if p.line_text(text, 1)[0] == "=" else 2, p.lines[1][1]
    return None


def _heading_in(text: str, paras: list[_Para], k: int) -> _Candidate | None:
    """The heading that opens paragraph k, if it reads like one; a Markdown heading always
    does (_marked_heading)."""
    p = paras[k]
    first = p.line_text(text, 0)
    if len(first) > MAX_HEADING_CHARS:
        return None
    marked = _marked(text, p)
    if marked:
        return _marked_heading(p, k, *marked)
    used = 1
    m = HEADING.fullmatch(first)
    bare = False
    if m and m.group("word")[0].isupper():
        word = m.group("word").lower().rstrip(".")
        value = number_value(m.group("num"))
    elif BARE_WORD.fullmatch(first) and len(p.lines) > 1 and \
            BARE_NUMBER.fullmatch(p.line_text(text, 1)) and first[0].isupper():
        word, value, used = "chapter", number_value(p.line_text(text, 1)), 2
    elif len(p.lines) == 1 and BARE_NUMBER.fullmatch(first) and \
            (first.isdigit() or first.rstrip(".").isupper()):
        word, value, bare = "chapter", number_value(first), True
    else:
        return None
    if value is None:
        return None
    level = CHAPTER if word.startswith("chap") else PART
    # title lines under the heading in the same paragraph, when short and not prose
    rest = p.lines[used:]
    if rest:
        rest_text = [text[a:b] for a, b in rest]
        if len(rest) <= MAX_TITLE_LINES and all(len(t) <= MAX_HEADING_CHARS for t in rest_text) \
                and not any(HEADING.fullmatch(t) or _bracketed(t) for t in rest_text):
            used = len(p.lines)
        elif any(HEADING.fullmatch(t) for t in rest_text):
            return None  # a list of headings: a table of contents
    end = p.lines[used - 1][1]
    pieces = [text[a:b] for a, b in p.lines[:used]]
    if used >= 2 and not m and BARE_WORD.fullmatch(first):
        pieces = [f"{pieces[0]} {pieces[1]}"] + pieces[2:]
    pieces = _unwrapped(pieces, (m.group("title") or m.group("capital") or "") if m else "")
    last = k
    if used == len(p.lines) == 1 and not bare and _title_paragraph(text, paras, k + 1):
        last, end = k + 1, paras[k + 1].end   # CHAPTER I. / (blank) / The Boat
        pieces.append(text[paras[k + 1].start:end])
    return _Candidate(k, p.start, end, level, word, value, bare, _spoken_heading(pieces), last)


def _marked_heading(p: _Para, k: int, title: str, depth: int, end: int) -> _Candidate | None:
    """The heading a Markdown heading opening paragraph p (number k) is (_marked: its title,
    depth and end): its line alone (the lines under it are its section's prose), titled
    without its marks. A chapter or part as its words say ("## Part Two"), else a chapter
    for now (_marked_levels); none for "## Contents" (_contents reads it)."""
    if CONTENTS.fullmatch(title):
        return None
    m = HEADING.fullmatch(title)
    word = m.group("word").lower().rstrip(".") if m else f"{'#' * depth} {title}"
    level = PART if m and not word.startswith("chap") else CHAPTER
    return _Candidate(k, p.start, end, level, word, number_value(m.group("num")) if m else None,
                      False, _spoken_heading([title]), k, depth=depth)


def _marked_levels(found: list[_Candidate]) -> None:
    """A Markdown heading whose words name no chapter nor part ("# The Long Road") is a part
    when every heading of its number of #s holds one of more #s right after it (its
    chapters: "## The Storm"), and so is each shallower one; else a chapter. One "### A
    Letter" inside a chapter made every "##" chapter a part."""
    marked = [c for c in found if c.depth]
    for depth in sorted({c.depth for c in marked}):
        at = [i for i, c in enumerate(marked) if c.depth == depth]
        if not all(i + 1 < len(marked) and marked[i + 1].depth > depth for i in at):
            return
        for i in at:
            if marked[i].value is None:
                marked[i].level = PART


def _unwrapped(lines: list[str], heading_title: str) -> list[str]:
    """A heading paragraph's lines with a title the text's wrapping ran over several lines
    made one again: a chapter "IN WHICH THE MILLER'S DAUGHTER LEAVES HOME AND OF
    THE" / "PEOPLE SHE MEETS ON THE ROAD" was titled and spoken "... and of The.
    People ..." (walk36). The heading's own line (lines[0], its title after the
    number `heading_title`) goes on only with a title of its own (_heading_runs_on)."""
    out: list[str] = lines[:1]
    for k, line in enumerate(lines[1:], 1):
        onto_heading = k == 1 and not _heading_runs_on(heading_title, line)
        if not onto_heading and _runs_on_to_next_line(out[-1], line):
            last = out[-1].rstrip()
            # a word's hyphen or a dash right after it joins the next line's word
            # ("TWENTY-" / "FIVE"); a spaced dash ("THE BOY —") keeps its space
            glue = "" if last.endswith(("-", "—")) and last[-2:-1].isalpha() else " "
            out[-1] = f"{last}{glue}{line.strip()}"
        else:
            out.append(line)
    return out


_CUT_AT = (",", ";", "-", "—")
"""What a title line the wrapping cut may end on: no title ends on them."""


ARTICLES = frozenset({"a", "an", "the"})
"""English's articles: one comes before a noun or its adjective, never a small word."""


def _heading_runs_on(title: str, following: str) -> bool:
    """Whether a heading line whose title after the number is `title` may go on in the
    next line (`following`): a title of two words or more, one word cut by the wrapping at
    a hyphen, dash, comma or semicolon ("CHAPTER I. TWENTY-" / "FIVE YEARS ON"), or one
    small word that opens a phrase the next line goes on with ("CHAPTER I. IN" / "WHICH
    THE BOY IS BORN"); not the number alone ("CHAPTER I"), nor an article before a small
    word, which no phrase writes ("CHAPTER I. A" over "THE BOY": review36)."""
    words = title.split()
    if len(words) >= 2 or words and title.rstrip().endswith(_CUT_AT):
        return True
    if len(words) != 1 or words[0].casefold() not in MINOR_WORDS:
        return False
    after = following.split()
    return not (words[0].casefold() in ARTICLES and after
                and after[0].casefold() in MINOR_WORDS)


def _runs_on_to_next_line(line: str, following: str) -> bool:
    """Whether a title line stops mid-sentence, going on in `following`: no stop at its
    end, and a comma, a semicolon, a dash or a small word there ("AND OF THE"), or the
    length of a wrapped line when `following` reads as the same title (_same_title)."""
    line = line.strip()
    words = line.split()
    if not words or line.endswith((".", "!", "?", ":")):
        return False
    return line.endswith(_CUT_AT) or words[-1].casefold() in MINOR_WORDS \
        or (len(line) >= WRAPPED_TITLE_CHARS and _same_title(line, following))


def _same_title(line: str, following: str) -> bool:
    """Whether `following` may be the rest of the title `line` holds: printed as it is (in
    capitals under capitals, else in title case), and no date or number alone, quotation
    or dash ("1850", "May 3, 1850"; an epigraph "“Who goes there?”" or "A day of rain": a
    line of its own under a long title, review36)."""
    words = _TITLE_WORD.findall(following)
    if not words or _date_or_number(following) or _QUOTE_OR_DASH.match(following.strip()):
        return False
    if line.isupper():
        return following.isupper()
    return all(w[0].isupper() or w.casefold() in MINOR_WORDS for w in words)


_DATE_PIECE = re.compile(r"[^\s,./–—-]+")
_DAY_OR_YEAR = re.compile(r"\d+(?:st|nd|rd|th)?", re.I)


def _date_or_number(line: str) -> bool:
    """Whether a line is a number or a date alone: figures ("1850", "3rd"), month names
    and their three-letter shortenings, one figure at least."""
    pieces = _DATE_PIECE.findall(line)
    return any(p[0].isdigit() for p in pieces) and all(
        _DAY_OR_YEAR.fullmatch(p) or p.casefold() in MONTHS or
        (len(p) == 3 and any(m.startswith(p.casefold()) for m in MONTHS)) for p in pieces)


_QUOTE_OR_DASH = re.compile(r"[\"'“”‘’«»„「『—–-]")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _bracketed(line: str) -> bool:
    """Whether a line is all in square brackets, as a transcriber marks a picture or a note
    ("[Illustration]", "[Illustration: The Boat]", Project Gutenberg's): never a chapter's
    title ("CHAPTER I." over "[Illustration]" was the chapter "Chapter I. [Illustration]")."""
    line = line.strip()
    return line.startswith("[") and line.endswith("]")


def transcribers_notes(text: str, taken: list[tuple[int, int]],
                       within: list[tuple[int, int]] = ()) -> list[Section]:
    """The transcriber's marks in text (TRANSCRIBERS_NOTE) as skipped matter, level
    ``illustration`` or ``footnote``: a listener hears neither "Illustration" nor a note
    read in the middle of a sentence, and the script keeps their words. None overlapping a
    span of `taken` (a heading, skipped matter), nor inside one of `within` (a dialogue
    quotation: a note in what a character says stays in their line, unsaid there:
    emphasis.spoken); a quotation inside a note (a caption's) is no obstacle."""
    if "[" not in text:
        return []
    taken = sorted(taken)
    starts = [start for start, _ in taken]
    reach = list(itertools.accumulate((end for _, end in taken), max))  # the furthest end
    within = sorted(within)                                        # of those so far
    opens = [start for start, _ in within]
    notes = []
    for m in TRANSCRIBERS_NOTE.finditer(text):
        k = bisect_right(starts, m.end() - 1) - 1  # the spans opening before it ends
        q = bisect_right(opens, m.start() - 1) - 1  # the quotation opening before it
        if k >= 0 and reach[k] > m.start() or q >= 0 and within[q][1] > m.end():
            continue
        kind = "illustration" if m.group(1).lower() == "illustration" else "footnote"
        notes.append(Section(m.start(), m.end(), "skipped", kind))
    return notes


def _title_paragraph(text: str, paras: list[_Para], k: int) -> bool:
    """Whether paragraph k is the title of a heading alone in the paragraph before it: one
    short line in title case or capitals, no sentence, no quotation, no heading of its own,
    no salutation running on ("Dear Sir,") ("CHAPTER I." over a blank line and "The Boat",
    as an HTML page's <h2> and <h3> read: the title was narration, and the episode titled
    "Chapter I": walk33)."""
    if k >= len(paras) or len(paras[k].lines) != 1:
        return False
    line = paras[k].line_text(text, 0)
    words = _TITLE_WORD.findall(line)
    sentence = line.endswith((".", "!", "?", "…")) and not line.isupper()  # "Yes."
    runs_on = line.endswith((",", ";", ":"))    # a letter's "Dear Sir," opens its text
    return bool(words) and len(line) <= MAX_HEADING_CHARS and not reads_as_prose(line) \
        and not sentence and not runs_on and not _QUOTE_OR_DASH.match(line) \
        and not HEADING.fullmatch(line) and not BARE_NUMBER.fullmatch(line) \
        and not _bracketed(line) and words[0][0].isupper() \
        and all(w[0].isupper() or w.casefold() in MINOR_WORDS for w in words)


def reads_as_prose(passage: str) -> bool:
    """Whether a paragraph (or a script line) reads as a sentence of prose: a word in lower
    case, and the end of a sentence at its end ("she called." / "Is anyone home?"), which a
    title line ("THE RIVER", "BY JANE AUSTEN.") has not."""
    end = passage.rstrip().rstrip("\"'\u201d\u2019\u00bb)]")
    return end.endswith((".", "!", "?", "\u2026")) and _LOWER_WORD.search(passage) is not None


def _has_body(text: str, paras: list[_Para], after: int, before: int, cand_end: int,
              short: bool = True) -> bool:
    """Whether prose follows a heading: MIN_BODY_CHARS of text, or (when `short`)
    MIN_PROSE_PARAGRAPHS paragraphs of prose, in the paragraphs after it (and any of its own
    paragraph past the heading), up to the next heading."""
    p = paras[after]
    own = text[cand_end:p.end].strip() if p.end > cand_end else ""
    chars = prose = 0
    for passage in [own, *(text[q.start:q.end] for q in paras[after + 1:before])]:
        chars += len(passage)
        prose += reads_as_prose(passage)
        if chars >= MIN_BODY_CHARS or short and prose >= MIN_PROSE_PARAGRAPHS:
            return True
    return False


def _headings(text: str, paras: list[_Para], first: int, last: int) -> list[_Candidate]:
    found = [c for k in range(first, last) if (c := _heading_in(text, paras, k))]
    _marked_levels(found)
    repeated = _met_again(found)
    real: list[_Candidate] = []
    for i, c in enumerate(found):
        nxt = found[i + 1].para if i + 1 < len(found) else last
        if c.level == PART or _has_body(text, paras, c.last, nxt, c.end, not repeated[i]):
            real.append(c)
    counted = {id(c) for c in real}
    counts_on = _counts_on(found, counted)
    real = [c for i, c in enumerate(found) if id(c) in counted or not repeated[i] and
            counts_on[i] and _has_prose(text, paras, c, found, i, last)]
    # a part heading needs a chapter, or prose, after it before the next part
    kept: list[_Candidate] = []
    for i, c in enumerate(real):
        if c.level == PART:
            nxt = next((d.para for d in real[i + 1:] if d.level == PART), last)
            has_chapter = any(d.level == CHAPTER and c.para < d.para < nxt for d in real)
            if not has_chapter and not _has_body(text, paras, c.para, nxt, c.end):
                continue
        kept.append(c)
    return _counting_numerals(kept)


def _counts_on(found: list[_Candidate], counted: set[int]) -> list[bool]:
    """For each heading, whether it is a chapter heading too short of prose to count alone
    (_has_body) that numbers a chapter between two that count, as a book of very short
    chapters has them ("CHAPTER 3." over one sentence, between CHAPTER 2. and CHAPTER 4.):
    the headings from the last that counts before it to the next that counts after it (or
    the text's end) are all of its word and number one each, counting up (_numbered_next).
    One pass each way, so a text of thousands of such headings is read in a time growing
    with their number, not its square."""
    n = len(found)
    linked = [i + 1 < n and _numbered_next(found[i], found[i + 1]) for i in range(n)]
    after_counted = [False] * n  # a heading that counts earlier in its run of numbers
    for i in range(1, n):
        after_counted[i] = linked[i - 1] and (id(found[i - 1]) in counted or
                                              after_counted[i - 1])
    before_counted = [True] * n  # one later in its run, or the run goes on to the end
    for i in range(n - 2, -1, -1):
        before_counted[i] = linked[i] and (id(found[i + 1]) in counted or
                                           before_counted[i + 1])
    return [found[i].level == CHAPTER and found[i].value is not None and
            after_counted[i] and before_counted[i] for i in range(n)]


def _numbered_next(c: _Candidate, d: _Candidate) -> bool:
    """Whether chapter heading d numbers the chapter after c's, by the same word
    ("Chapter 3" after "CHAPTER 2")."""
    return c.level == CHAPTER and d.level == CHAPTER and c.value is not None and \
        d.value == c.value + 1 and d.word.casefold() == c.word.casefold()


def _has_prose(text: str, paras: list[_Para], c: _Candidate, found: list[_Candidate],
               i: int, last: int) -> bool:
    """Whether a paragraph of prose (reads_as_prose) follows a heading before the next."""
    nxt = found[i + 1].para if i + 1 < len(found) else last
    return any(reads_as_prose(text[q.start:q.end]) for q in paras[c.last + 1:nxt])


def _met_again(found: list[_Candidate]) -> list[bool]:
    """For each heading, whether the same heading comes again further on ("CHAPTER I." of
    the contents, then of the chapter): such a one needs MIN_BODY_CHARS, since a contents
    entry may have two short lines of synopsis."""
    keys = [(c.level, c.word.casefold(), c.value) for c in found]
    left = Counter(keys)
    out = []
    for key in keys:
        left[key] -= 1
        out.append(left[key] > 0)
    return out


def _counting_numerals(found: list[_Candidate]) -> list[_Candidate]:
    """Bare numerals stay headings only when they count up from one (or from the last)."""
    out: list[_Candidate] = []
    last_bare = 0
    run: list[_Candidate] = []
    for c in found:
        if not c.bare:
            if c.level == PART:
                last_bare = 0 if not run else last_bare
            out.append(c)
            continue
        if c.value == 1 or c.value == last_bare + 1:
            run.append(c)
            last_bare = c.value
            out.append(c)
    if len(run) < 2:  # one lone numeral is more likely a date or a list item
        out = [c for c in out if not c.bare]
    return out


def _gutenberg(text: str, info: BookInfo) -> tuple[list[Section], int, int]:
    """Project Gutenberg's header and footer as skipped sections, and the body's bounds."""
    sections = []
    lo, hi = 0, len(text)
    marked = MARKER_STARS in text
    start = GUTENBERG_START.search(text) if marked else None
    if start:
        lo = start.end()
        # the producer's credit right after the marker belongs to the header
        after = text[lo:lo + 600]
        m = re.match(r"\s*(?P<para>[^\n]+(?:\n[^\n]+)*)", after)
        if m and PRODUCED_BY.match(m.group("para").strip()):
            lo += m.end()
        header = text[:lo]
        for field_re, attr in ((TITLE_FIELD, "title"), (AUTHOR_FIELD, "author")):
            fm = field_re.search(header)
            if fm:
                setattr(info, attr, fm.group("value").strip())
        sections.append(Section(0, lo, "skipped", "gutenberg-header"))
    else:
        head = text.lstrip()
        m = GUTENBERG_TITLE_LINE.match(head)
        if m:
            first = len(text) - len(head)
            end = text.find("\n\n", first)
            end = len(text) if end < 0 else end
            lo = end
            info.title = info.title or m.group("title").strip()
            info.author = info.author or m.group("author").strip().rstrip(".")
            sections.append(Section(first, end, "skipped", "gutenberg-header"))
    end = GUTENBERG_END.search(text, lo) if marked else None
    line = GUTENBERG_END_LINE.search(text, lo)
    cut = None
    if end:
        cut = end.start()
        if line and line.start() < cut and cut - line.start() < 2000:
            cut = line.start()
    elif line:
        cut = line.start()
    if cut is not None:
        hi = cut
        sections.append(Section(cut, len(text.rstrip()) if text.rstrip() else len(text),
                                "skipped", "gutenberg-licence"))
    return sections, lo, hi


def _title_block(text: str, paras: list[_Para], first: int, stop: int,
                 info: BookInfo) -> tuple[Section | None, int]:
    """The title and author block at the top, and the index of the first paragraph after it.
    A title over its byline ("RIVER DAYS" / "by Ann Writer") is a heading of level title,
    spoken; a block of fields (`Title: River Days` / `Author: Ann Writer`, or a `Title:` line
    alone) is the book's metadata, kept as skipped matter of level TITLE_PAGE, never spoken
    ("Title: River Days. Author: Ann Writer." was)."""
    window = paras[first:min(stop, first + TITLE_BLOCK_PARAGRAPHS)]
    fields = {}
    last, by_fields = -1, False
    for k, p in enumerate(window):
        whole = text[p.start:p.end]
        if any(len(p.line_text(text, i)) > MAX_HEADING_CHARS for i in range(len(p.lines))):
            break
        if len(p.lines) > 1 and reads_as_prose(whole):
            break       # a wrapped sentence: the text opens on prose ("By the collar, too")
        tm, am = _field(TITLE_FIELD, whole), _field(AUTHOR_FIELD, whole)
        by_fields = by_fields or bool(tm or am)
        if tm:
            fields["title"] = (k, " ".join(tm.group("value").split()))
        if am:
            fields["author"] = (k, " ".join(am.group("value").split()))
            last = k
            break
        by = BY_LINE.fullmatch(p.line_text(text, 0))
        if by and k >= 1 and not reads_as_prose(by.group("who")):  # "By noon, it rained."
            who = by.group("who").strip()
            if not who and k + 1 < len(window):
                who = text[window[k + 1].start:window[k + 1].end].strip()
                k += 1
            if not who:
                break
            last = k
            # a translator's or editor's credit right after belongs to the block
            while last + 1 < len(window) and \
                    BY_LINE.fullmatch(window[last + 1].line_text(text, 0)) and \
                    len(window[last + 1].lines) == 1:
                last += 1
            fields.setdefault("title", (0, _unmarked_title(text, window[0])))
            fields["author"] = (k, " ".join(who.split()))
            break
    if "author" not in fields:
        if not by_fields:
            return None, first
        last = fields["title"][0]   # a `Title:` line and no author
    info.title = info.title or fields.get("title", (0, None))[1]
    info.author = info.author or fields.get("author", (0, None))[1]
    return _title_section(text, window[:last + 1], by_fields), first + last + 1


def _field(pattern: re.Pattern, paragraph: str) -> re.Match | None:
    """A `Title:` or `Author:` field in a title block's paragraph; none whose value reads
    as a sentence ("Title: none of it mattered, she said.", a line of a chapter's prose)."""
    m = pattern.search(paragraph)
    return m if m and not reads_as_prose(m.group("value")) else None


def _unmarked_title(text: str, p: _Para) -> str:
    """A title block's title paragraph as one line, its spaces folded and each line without
    a Markdown heading's marks ("# Marsh Light" is "Marsh Light": unmarked)."""
    return " ".join(" ".join(unmarked(p.line_text(text, i)) for i in range(len(p.lines)))
                    .split())


def _title_section(text: str, block: list[_Para], by_fields: bool) -> Section:
    """A title block's section: skipped metadata when it is fields, else a spoken heading."""
    if by_fields:
        return Section(block[0].start, block[-1].end, "skipped", TITLE_PAGE)
    pieces: list[str] = []
    for p in block:
        for a, b in p.lines:
            if pieces and pieces[-1].strip().lower() == "by":
                pieces[-1] = f"{pieces[-1]} {text[a:b]}"  # "by" alone on its line
            else:
                pieces.append(unmarked(text[a:b]))
    return Section(block[0].start, block[-1].end, "chapter", TITLE, spoken_title(pieces))


def spoken_title(pieces: list[str]) -> str:
    """A title block's lines (a title, its byline, a translator's credit) as one spoken
    line, each byline run on from the line before with a comma: "Marsh Light, by Ann
    Writer." (a plain text's title block, an EPUB's title and author alike)."""
    return _spoken_heading(pieces, lambda piece: BY_LINE.fullmatch(piece) is not None)


def _contents(text: str, paras: list[_Para], first: int, stop: int) -> Section | None:
    """A table of contents before the first chapter: its heading and the short lines after."""
    for k in range(first, stop):
        p = paras[k]
        if len(p.lines) == 1 and CONTENTS.fullmatch(unmarked(p.line_text(text, 0))):
            end = k
            while end + 1 < stop and all(b - a <= MAX_HEADING_CHARS for a, b in
                                         paras[end + 1].lines):
                end += 1
            return Section(p.start, paras[end].end, "skipped", "contents")
    return None


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<fields>(?:[^\n]*\n){1,60}?)"
                         r"(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
"""A Markdown file's YAML front matter (Jekyll's, Hugo's, Obsidian's, pandoc's): `---` on the
first line, fields, and `---` (or `...`) closing them within 60 lines."""
_FRONT_FIELD = re.compile(r"^(?P<key>[a-z_][a-z0-9_-]*):(?:[ \t]+(?P<value>[^\n]*?))?[ \t]*\r?$")
"""A field of front matter: a key in lower case (`title: The Lamp`), so a text that opens on
a rule and a note of its own ("Note: written in 1990.") is still prose."""


def _front_matter(text: str, info: BookInfo) -> Section | None:
    """A YAML front matter block opening the text as skipped matter (level TITLE_PAGE), its
    `title:` and `author:` the book's: it was spoken, "title The Lamp author Ann Writer
    date 2024...", and titled the book "---". Its lines are fields, list items or indented
    values, the first a field."""
    m = FRONT_MATTER.match(text)
    lines = [ln for ln in m.group("fields").splitlines() if ln.strip()] if m else []
    if not lines or not _FRONT_FIELD.match(lines[0]) or not all(
            _FRONT_FIELD.match(ln) or ln[:1] in " \t-" for ln in lines):
        return None
    for k, ln in enumerate(lines):
        field = _FRONT_FIELD.match(ln)
        value = field and _front_value(field.group("value") or "", lines[k + 1:])
        if value and field.group("key") in ("title", "author") and \
                not getattr(info, field.group("key")):
            setattr(info, field.group("key"), value)
    return Section(0, m.end(), "skipped", TITLE_PAGE)


_BLOCK_SCALAR = re.compile(r"[|>][+-]?[0-9]?")
"""YAML's mark that a field's value is the indented lines under it: `|` kept as written,
`>` folded (`title: >-` over "  The Lamp")."""


def _front_value(value: str, after: list[str]) -> str:
    """A front matter field's value as words: its own, unquoted (`"The Lamp"`), a flow
    list's items (`[Ann Writer, Bo Lee]`), or, when it has none or only a block scalar's
    mark (_BLOCK_SCALAR: `|`, `>-`, never the book's title), the indented lines or list
    items (`  - Ann Writer`) right under it, joined: a list's with commas."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        items = [v.strip().strip("\"'") for v in value[1:-1].split(",")]
        return ", ".join(v for v in items if v)
    if value and not _BLOCK_SCALAR.fullmatch(value):
        return " ".join(value.strip("\"' ").split())
    under = [ln.strip() for ln in itertools.takewhile(lambda ln: ln[:1] in " \t-", after)]
    items = [ln[1:].strip().strip("\"'") for ln in under if ln.startswith("-")]
    if items and len(items) == len(under):
        return ", ".join(v for v in items if v)
    return " ".join(" ".join(under).split())


def _title_stop(heads: list[_Candidate], paras: int) -> int:
    """Where a title block must end: at the first heading, or past it when that is a
    Markdown heading naming no chapter or part opening the text ("# The Long Road" over
    "by Ann Writer": the title block's title when a byline follows)."""
    if not heads:
        return paras
    if heads[0].para == 0 and heads[0].depth and heads[0].value is None:
        return heads[1].para if len(heads) > 1 else paras
    return heads[0].para


def find_structure(text: str) -> Structure:
    """The headings and skipped matter of a plain text, in order, without overlaps."""
    info = BookInfo()
    front = _front_matter(text, info)
    sections, lo, hi = _gutenberg(text, info)
    if front:
        sections.append(front)
        lo = max(lo, front.end)
    paras = [p for p in _paragraphs(text) if p.start >= lo and p.end <= hi]
    heads = _headings(text, paras, 0, len(paras))
    title, after_title = _title_block(text, paras, 0, _title_stop(heads, len(paras)), info)
    if title:
        sections.append(title)
        heads = [h for h in heads if h.start >= title.end]
    first_head = heads[0].para if heads else len(paras)
    contents = _contents(text, paras, after_title, first_head) if heads else None
    if contents:
        sections.append(contents)
    for h in heads:
        sections.append(Section(h.start, h.end, "chapter", h.level, h.title))
    sections.sort(key=lambda s: s.start)
    return Structure(sections, info)
