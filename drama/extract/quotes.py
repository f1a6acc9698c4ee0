"""Find quotations in a text: their spans, marks, paragraphs and whether they are speech.

The scan is linear and works paragraph by paragraph, so a missing or mismatched mark never
spreads past its paragraph (the one exception is multi-paragraph speech: an unclosed quotation
whose next paragraph opens with a quote mark continues there).

1. ``detect_convention`` reads the book's own typography: straight ``"``, curly ``“”``,
   British ``‘’`` (with ``“”`` nested), guillemets ``«»`` / ``»«``, low-high ``„“``, the
   corner brackets of Japanese and Chinese ``「」`` (with ``『』`` nested), or dash-led
   paragraphs (``— Where are you going?``).
2. ``_scan_paragraph`` pairs the marks. A right single quote is an apostrophe when a letter
   follows (don’t), when a space precedes (’tis), or, after a letter (workers’), when a
   later mark in the paragraph closes the quotation more plausibly. A straight ``"`` with
   a space on each side (a dash at the quotation's edge lost) opens one when the marks
   after it pair up.
3. ``_classify`` decides each quotation's grammatical role: stand-alone speech (paragraph or
   sentence start, after a colon or a speech verb, followed by a speech tag) is dialogue;
   quoted words the narrator's sentence runs through (scare quotes, titles, cited fragments)
   stay narration. A quotation that contains tagged speech of its own (a quoted written
   account) is narration and its inner speech is dialogue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..wording import MINOR_WORDS
from ..wordchars import ALNUM_CHAR
from .letters import CAPITAL
from .lexicon import PREPOSITIONS, SPEECH_VERBS, finite_verbs
from .name_patterns import CAPITALISED
from .scan import compile_later, mark_after

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
LINE_BREAK = re.compile(r"[ \t]*\n\s*")

# opening mark -> the closing marks that end it (kept for callers of the first version)
PAIRS = {
    '"': '"',
    "“": "”",
    "‘": "’",
    "«": "»",
    "„": "“",
    "「": "」",
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
    continues: bool = False
    """It carries on the previous dialogue quotation: the part after an interrupting tag
    (“It was,” she wrote, “a critical moment”) or the next paragraph of a long speech."""
    nested: bool = False
    """It lies inside another quotation (speech inside a quoted written account)."""


@dataclass(frozen=True)
class Convention:
    """How a text marks speech: its outer and nested quotation marks."""

    name: str
    opens: str
    """Marks that open an outer quotation."""
    closes: str
    """Marks that close an outer quotation."""
    inner_opens: str = ""
    inner_closes: str = ""
    alt_opens: str = ""
    """Opening marks of the wrong kind that still start a quotation at the top level
    (broken typography such as ‘Our arrest is imminent.” in a curly-quoted text)."""
    unspaced: bool = False
    """Whether the text sets its marks without spaces (Japanese, Chinese): a mark's shape
    alone says it opens, as 「 does after a kanji, where spacing tells Western marks."""


STRAIGHT = Convention("straight", '"', '"', "'", "'")
STRAIGHT_SINGLE = Convention("straight-single", "'", "'", '"', '"')
CURLY = Convention("curly", "“", "”", "‘", "’", alt_opens="‘")
BRITISH = Convention("british", "‘", "’", "“", "”", alt_opens="“")
GUILLEMET = Convention("guillemet", "«", "»", "“‹", "”›")
REVERSED_GUILLEMET = Convention("reversed-guillemet", "»", "«", "›", "‹")
LOW = Convention("low", "„", "“”", "‚", "‘’")
CORNER = Convention("corner", "「", "」", "『", "』", unspaced=True)
WHITE_CORNER = Convention("white-corner", "『", "』", unspaced=True)
"""A text that quotes speech in 『』 alone (「」 absent)."""
DASH = Convention("dash", "", "")

MARKS = re.compile("[\"'“”‘’«»„‹›‚「」『』]")
WORDLESS_QUOTATION = re.compile(
    MARKS.pattern + r"(?:\s*[.…?!—–-])+\s*" + MARKS.pattern)
"""A quotation of no word, its marks holding only dots, dashes, ? or ! ("...", "—", "?!"):
a silence, a speech broken off, a cry. find_quotes finds no quotation there (no line is
said); extract keeps its text as narration, where it is not lost. Each character between
the marks is read one way only (a space, or a mark of its own), so a long run of dots with
no closing mark fails in one pass (two runs around one required mark took a time growing
with the run's square: 20,000 dots, 2 s)."""
DASH_LEAD = re.compile(r"(?m)^[ \t]*(?:—|–|―|--)[ \t]*(?=\S)")
DASH_TAG = re.compile(r"[ \t]+(?:—|–|―|--)[ \t]+")
SENTENCE_END = compile_later(
    r"(?:[!?…]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMessrs)(?<!\bMme)"
    r"(?<!\b" + CAPITAL + r")\.)"
    r"[\"'”’»)\]]*\s+(?=[\"'“‘«„(\[]*(?:[0-9]|" + CAPITAL + "))")
WORD = re.compile(r"[A-Za-z’']+")
APOS_CLOSERS = "’'"
# words after which a quotation is a noun phrase of the narrator's sentence (a title, a name)
NOUN_PHRASE_WORDS = frozenset("""
the a an of to in at from by with for on into onto upon his her their its our my your this
these those
""".split())
OPEN_BEFORE = " \t\n([{—–-\"“‘«„‚‹/_*"
CJK_STOPS = "。！？：；」』"
"""The full-width marks that end a sentence or a quotation in Japanese and Chinese, as
".!?:;" and a closing quote do in English (a quotation after one stands alone)."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines.

    A text that puts each paragraph on one long line with no blank lines between them
    (common in unwrapped e-texts) has one paragraph per line instead.
    """
    breaks = list(PARAGRAPH_BREAK.finditer(text))
    newlines = text.count("\n")
    if newlines >= 4 and len(breaks) * 4 < newlines and \
            len(text) - newlines > 120 * (newlines + 1 - len(breaks)):
        breaks = list(LINE_BREAK.finditer(text))
    spans, pos = [], 0
    for m in breaks:
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _para_starts_with(text: str, spans: list[tuple[int, int]], marks: str) -> int:
    n = 0
    for ps, pe in spans:
        if text[ps] in marks:
            n += 1
    return n


OPENS_AFTER = r"\s(\[—–-"
"""What a single mark that opens a quotation follows, when not the text's start (inside a
character class)."""


def detect_convention(text: str, spans: list[tuple[int, int]] | None = None) -> Convention:
    """The convention a text uses for speech, read from the text itself.

    Speech shows best at paragraph starts, so those count most; whole-text counts of
    word-initial opening marks break ties and decide texts with few paragraphs.
    """
    if spans is None:
        spans = paragraphs(text)
    # each pattern opens on its mark (scan.mark_after), so that the search passes every
    # other character at once
    single_open = len(re.findall(mark_after("‘", OPENS_AFTER) + r"(?=\S)", text))
    double_open = text.count("“")
    scores = {
        STRAIGHT: text.count('"') / 2,
        CURLY: double_open,
        BRITISH: single_open,
        STRAIGHT_SINGLE: len(re.findall(mark_after("'", OPENS_AFTER) + r"(?=[A-Z])", text)),
        GUILLEMET: len(re.findall(r"«", text)),
        LOW: text.count("„"),
        CORNER: text.count("「"),
    }
    if not scores[CORNER]:
        scores[WHITE_CORNER] = text.count("『")
    if scores[GUILLEMET] and len(re.findall(mark_after("»", r"\s"), text)) > \
            len(re.findall(mark_after("«", r"\s"), text)):
        scores[REVERSED_GUILLEMET] = scores.pop(GUILLEMET)
    for conv in list(scores):
        scores[conv] += 3 * _para_starts_with(text, spans, conv.opens)
    dash_paras = len(DASH_LEAD.findall(text))
    best = max(scores, key=lambda c: scores[c])
    if dash_paras >= 3 and 3 * dash_paras > scores[best]:
        return DASH
    if scores[best] == 0:
        return CURLY
    return best


def detect_style(text: str) -> str:
    """The outer opening mark the text uses for speech (first version's interface)."""
    conv = detect_convention(text)
    return conv.opens[:1] or "—"


def _is_opening(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in OPEN_BEFORE) and not nxt.isspace()


def _is_closing(text: str, i: int) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not prev.isspace() and (nxt.isspace() or not nxt.isalnum())


def _apostrophe_kind(text: str, i: int, pe: int) -> int:
    """For a right single quote: 0 apostrophe, 1 certainly closing, 2 could be either."""
    nxt = text[i + 1] if i + 1 < pe else " "
    prev = text[i - 1] if i else " "
    if nxt.isalnum():
        return 0                       # don’t, ’tis
    if prev.isspace():
        return 0 if i + 1 < pe and nxt.isalpha() else 1
    if prev.isalnum():
        return 2                       # workers’ or a closing after a word
    return 1                           # after punctuation: closing


# ------------------------------------------------------------------------ scanning

def _sentence_start(text: str, lo: int, i: int) -> int:
    """Start of the sentence holding offset i, not before lo."""
    start = lo
    for m in SENTENCE_END.finditer(text, lo, i):
        start = m.end()
    while start < i and text[start].isspace():
        start += 1
    return start


def _scan_paragraph(text: str, ps: int, pe: int, pi: int, conv: Convention,
                    marks: list[int], speech_goes_on: bool) -> tuple[list[Quote], bool]:
    """Quotations of one paragraph (outer and nested), and whether the last is unclosed.
    speech_goes_on: whether the next paragraph opens with a quotation mark, as a speech
    running over paragraphs does (or the next speech); when not, an unclosed quotation
    lacks its closing mark and ends before a speech tag in it (_missing_close). (Cutting
    also those followed by a quotation cost a little on the dev novels.)"""
    scan = _ParagraphScan(text, ps, pe, pi, conv, marks)
    for k, i in enumerate(marks):
        if scan.open_at is None:
            scan.outside(k, i, text[i])
        else:
            scan.inside(k, i, text[i])
    unclosed = scan.open_at is not None
    if unclosed:
        end = None if speech_goes_on else _missing_close(text, scan.open_at, pe)
        scan.finish(None, end or pe)
        unclosed = end is None
        if end is not None:  # `"Home, he said, "and go.`: what follows the tag is read anew
            rest, unclosed = _scan_paragraph(text, end, pe, pi, conv,
                                             [m for m in marks if m >= end], speech_goes_on)
            scan.out.extend(rest)
    return scan.out, unclosed


TAG_AFTER_WORDS = compile_later(r"[,?!](?=\s+(?:(?:he|she|I|they|we|" + CAPITALISED + r")\s+([a-z]+)|"
                             r"([a-z]+)\s+(?:he|she|I|" + CAPITALISED + r"))\b)")
"""A comma, question or exclamation mark with a speech tag after it: "…going? said Anna",
"Home, he said" (the verb is checked to be one of saying)."""


def _missing_close(text: str, open_at: int, pe: int) -> int | None:
    """Where a quotation that lacks its closing mark ends: after the punctuation before the
    first speech tag in it (`"Where are you going? said Anna.`: the words up to "?" are
    Anna's and "said Anna." narration), or None when there is no tag. A saying verb with
    what was said after it is speech reported in the quotation, no tag: `"I told you, Anna
    said it was fine.`."""
    for m in TAG_AFTER_WORDS.finditer(text, open_at + 1, pe):
        tag_end = TWO_WORDS.match(text, m.end()).end()
        if is_speech_word(m.group(1) or m.group(2)) and not _reports_speech(text[tag_end:pe]):
            return m.end()
    return None


def _reports_speech(after_tag: str) -> bool:
    """Whether the words after "Anna said" in a quotation are what she said ("it was fine",
    "that he left"), not the rest of a tag ("at last", "to her mother", "softly")."""
    words = WORD.findall(CLAUSE.match(after_tag).group().lower())
    if not words or words[0] in PREPOSITIONS:
        return False
    return words[0] in REPORTING_OPENERS or any(w in finite_verbs() for w in words[1:3])


TWO_WORDS = re.compile(r"\s+\S+\s+[A-Za-z]+")
"""The two words of a tag after its punctuation: " said Anna", " he said"."""
CLAUSE = re.compile(r"[^.,;:!?—\n]*")
REPORTING_OPENERS = frozenset("that if whether how what why".split())
"""Words that open a reported clause after a saying verb ("said that", "asked why")."""


class _ParagraphScan:
    """The state of pairing one paragraph's marks, mark by mark: the quotation open (if
    any), the nested ones open inside it, and the quotations found."""

    def __init__(self, text: str, ps: int, pe: int, pi: int, conv: Convention,
                 marks: list[int]):
        self.text, self.ps, self.pe, self.pi, self.conv, self.marks = text, ps, pe, pi, conv, marks
        self.out: list[Quote] = []
        self.straight = conv is STRAIGHT
        self.single = conv is STRAIGHT_SINGLE
        self.ambiguous = self.straight or self.single     # the same mark opens and closes
        self.outer_apos = conv.closes in APOS_CLOSERS
        self.inner_apos = bool(conv.inner_closes) and conv.inner_closes in APOS_CLOSERS
        self.open_at: int | None = None
        self.alt = False                   # opened by a mark of the wrong kind
        self.inner: list[int] = []         # nested quotations open
        self.nested: list[Quote] = []      # nested quotations closed in the open one
        self.last_end = ps
        self.inner_dq: int | None = None   # straight texts: a nested "..." open
        n = len(marks)
        self.dq_left = [0] * (n + 1)       # straight texts: how many " from mark k on
        if self.straight:
            for k in range(n - 1, -1, -1):
                self.dq_left[k] = self.dq_left[k + 1] + (text[marks[k]] == '"')

    def opening(self, i: int) -> bool:
        """Whether the mark at i can open a quotation where it stands."""
        return self.conv.unspaced or _is_opening(self.text, i)

    def closing(self, i: int) -> bool:
        """Whether the mark at i can close a quotation where it stands."""
        return self.conv.unspaced or _is_closing(self.text, i)

    def spaced_opening(self, k: int, i: int) -> bool:
        """Whether a straight " with a space on each side (a dash lost at the quotation's
        edge: `"Yes," said Anna, " and no."`) opens a quotation: it does when an even
        number of " follow it in its paragraph counting it, so the later ones pair up."""
        text = self.text
        return self.straight and text[i - 1].isspace() and \
            (i + 1 >= self.pe or text[i + 1].isspace()) and self.dq_left[k] % 2 == 0

    def closes_later(self, k: int, closers: str, openers: str) -> bool:
        """Whether a certain closer comes after mark k before the next opener."""
        text, marks = self.text, self.marks
        for j in range(k + 1, min(len(marks), k + 60)):
            mj = marks[j]
            c = text[mj]
            if c in openers and self.opening(mj):
                return False
            if c in closers and (c not in APOS_CLOSERS or
                                 _apostrophe_kind(text, mj, self.pe) == 1):
                return True
        return False

    def finish(self, close_mark: int | None, end: int) -> None:
        """Close the open quotation at close_mark (None: it lacks one and ends at end)."""
        open_at, text = self.open_at, self.text
        assert open_at is not None
        if close_mark is None:
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            q = Quote(open_at + 1, end, open_at, end, self.pi)
        else:
            q = Quote(open_at + 1, close_mark, open_at, close_mark + 1, self.pi)
        self.out.append(q)
        self.out.extend(self.nested)
        self.nested.clear()
        self.inner.clear()
        self.inner_dq = None
        self.last_end = q.close
        self.open_at = None

    def outside(self, k: int, i: int, ch: str) -> None:
        """Mark k (at i) with no quotation open: it may open one, or close one whose
        opening mark is missing."""
        text, conv, ps = self.text, self.conv, self.ps
        if ch in conv.opens and (not self.ambiguous or i == ps or _is_opening(text, i) or
                                 self.spaced_opening(k, i)):
            if not self.ambiguous or not _is_closing(text, i) or i == ps or \
                    text[i - 1].isspace():
                # a straight single quote also starts elisions ('tis, 'em): it opens
                # only before a capital or when a closing quote follows
                if not self.single or i == ps or text[i + 1:i + 2].isupper() or \
                        self.closes_later(k, "'", ""):
                    self.open_at, self.alt = i, False
                    return
        if i == ps and ch in conv.closes and not text[i + 1:i + 2].isalnum():
            # a closing mark that starts a paragraph can only open one (a quote mark
            # curled the wrong way, as auto-curling does before a space)
            self.open_at, self.alt = i, False
            return
        if ch in conv.alt_opens and self.opening(i) and \
                self.closes_later(k, conv.closes + conv.inner_closes, conv.opens):
            self.open_at, self.alt = i, True
            return
        if ch in conv.closes and self.closing(i):
            if self.outer_apos and _apostrophe_kind(text, i, self.pe) != 1:
                return
            # a closing mark with no opening one: the speech began with its sentence
            s = _sentence_start(text, self.last_end, i)
            if s < i and ALNUM_CHAR.search(text, s, i):
                self.out.append(Quote(s, i, s, i + 1, self.pi))
            self.last_end = i + 1

    def inside(self, k: int, i: int, ch: str) -> None:
        """Mark k (at i) inside a quotation: it may close a nested one or the quotation,
        open a nested one, or open a new quotation when the last lacked its close."""
        text, conv = self.text, self.conv
        if self.inner and ch in conv.inner_closes:
            if self.inner_apos:
                kind = _apostrophe_kind(text, i, self.pe)
                if kind == 0 or (kind == 2 and
                                 self.closes_later(k, conv.inner_closes, conv.inner_opens)):
                    return
            o = self.inner.pop()
            self.nested.append(Quote(o + 1, i, o, i + 1, self.pi, nested=True))
            return
        if ch in conv.closes or (self.alt and ch in conv.inner_closes + conv.closes):
            self.close(k, i, ch)
            return
        if ch in conv.inner_opens and self.opening(i):
            self.inner.append(i)
            return
        if ch in conv.opens and not self.ambiguous and self.opening(i) and not self.inner:
            # a new quotation opens: the last one lacked its closing mark, or closed with
            # the nested one before its speech tag ("“…, sir’ said Wren, “…”")
            wrong = _wrong_close(text, self.marks, k, self.open_at, i, self.pe, self.nested)
            self.finish(wrong, wrong if wrong is not None else i)
            self.open_at, self.alt = i, False

    def close(self, k: int, i: int, ch: str) -> None:
        """A closing mark inside a quotation: an apostrophe, a nested straight quote's
        close, a straight quote opening the next quotation, or the quotation's close."""
        text, conv = self.text, self.conv
        if self.outer_apos or (self.alt and ch in APOS_CLOSERS):
            kind = _apostrophe_kind(text, i, self.pe)
            if kind == 0 or (kind == 2 and self.closes_later(k, conv.closes, conv.opens)):
                return
        if self.straight and self.inner_dq is not None:
            self.nested.append(Quote(self.inner_dq + 1, i, self.inner_dq, i + 1, self.pi,
                                     nested=True))
            self.inner_dq = None
            return
        if self.straight and _is_opening(text, i) and text[i - 1].isspace():
            if self.dq_left[k] % 2:
                self.inner_dq = i               # "… going to "prentice" you …": nested
                return
            # a straight quote that opens a new quotation: the last one lacked a close
            self.finish(None, i)
            self.open_at, self.alt = i, False
            return
        self.finish(i, i)


def _wrong_close(text: str, marks: list[int], k: int, open_at: int, reopen: int, pe: int,
                 nested: list[Quote]) -> int | None:
    """The mark that closed a quotation opened at open_at when its own closing mark is
    missing before the next opening one (at reopen): a right single quote, closing no nested
    quotation, that a speech tag follows ("“If I do not, sir’ said Wren, “what …”": the
    tag says the speech stopped there). None when there is no such mark."""
    for j in range(k - 1, -1, -1):       # the marks before mark k, last first
        m = marks[j]
        if m <= open_at:
            break
        if text[m] in APOS_CLOSERS and _apostrophe_kind(text, m, pe) != 0 and \
                not any(q.close == m + 1 for q in nested) and _has_tag(text[m + 1:reopen]):
            return m
    return None


def _scan_dash(text: str, ps: int, pe: int, pi: int) -> list[Quote]:
    """Dash-led dialogue: a line led by a dash is speech, except ` — tag — ` asides in it."""
    out: list[Quote] = []
    leads = list(DASH_LEAD.finditer(text, ps, pe))
    for k, m in enumerate(leads):
        end = leads[k + 1].start() if k + 1 < len(leads) else pe
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        # segments alternate: speech, tag, speech, ... split by spaced dashes
        seps = list(DASH_TAG.finditer(text, m.end(), end))
        bounds = [(m.start() + len(m.group()) - len(m.group().lstrip()), m.end())]
        bounds += [(t.start(), t.end()) for t in seps]
        for j in range(0, len(bounds), 2):
            open_at, start = bounds[j]
            if j + 1 < len(bounds):
                stop, close = bounds[j + 1]
            else:
                stop = close = end
            if stop > start:
                out.append(Quote(start, stop, open_at, close, pi, continues=j > 0))
    return out


# -------------------------------------------------------------------- classifying

def _first_alpha(s: str) -> str:
    for c in s:
        if c.isalpha():
            return c
    return ""


def is_speech_word(word: str) -> bool:
    """A verb of saying in any form the lexicon lists, or its -ing form (saying, shouting)."""
    w = word.lower()
    if w in SPEECH_VERBS:
        return True
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        return stem in SPEECH_VERBS or stem + "e" in SPEECH_VERBS or \
            (stem[-1] == stem[-2] and stem[:-1] in SPEECH_VERBS) or stem + "s" in SPEECH_VERBS \
            or stem + "es" in SPEECH_VERBS    # "announcing": the lexicon lists "announces"
    return False


def _has_tag(after: str) -> bool:
    """Whether narration after a quotation opens with a speech tag (`said he`, `, Alice replied`)."""
    words = WORD.findall(after[:60])[:4]
    return any(is_speech_word(w) for w in words)


def _verb_before(before: str, n: int = 4) -> bool:
    words = WORD.findall(before[-60:])[-n:]
    return any(is_speech_word(w) for w in words)


def _classify(text: str, ps: int, pe: int, quotes: list[Quote], continued: bool) -> None:
    """Set dialogue/continues on the top-level quotations of one paragraph, in order."""
    prev: Quote | None = None
    for idx, q in enumerate(quotes):
        content = text[q.start:q.end]
        lead = _first_alpha(content)
        lower = lead.islower()
        gap_from = prev.close if prev else ps
        before = text[gap_from:q.open]
        stripped = before.rstrip()
        pc = stripped[-1:] if stripped else ""
        nxt_open = quotes[idx + 1].open if idx + 1 < len(quotes) else pe
        after = text[q.close:nxt_open]
        after_s = after.lstrip()
        ends_open = not content.rstrip()[-1:] in ".,!?;:—–-…_)"
        tagged = _has_tag(after_s[:40]) and content.rstrip()[-1:] in ",!?.—–-…" and \
            not after_s[:1].isupper() or (after_s[:1] == "," and _has_tag(after_s[1:40]))
        continues_narration = bool(after_s) and after_s[0].islower() and not _has_tag(after_s) \
            and (ends_open or lower)
        if prev is None and not stripped:
            dialogue = True                                      # paragraph-initial
            q.continues = continued and idx == 0
        elif prev is not None and not any(c.isalnum() for c in before):
            dialogue = prev.dialogue                             # "O Bogey!" "What ..."
            if dialogue and lower:
                q.continues = True
        elif prev is not None and prev.dialogue and lower and \
                (pc in ",—–-;:" or _verb_before(before) or _has_tag(before)) and \
                not SENTENCE_END.search(before):
            dialogue, q.continues = True, True                   # “It was,” she wrote, “a …”
        elif prev is not None and prev.dialogue and _has_tag(before) and not lower:
            dialogue = True                                      # “Well!” cried she; “I …”
        elif tagged and not pc.isalnum():
            dialogue = True                                      # "…," thought Alice
        elif pc in ".!?:;" or pc in "—–-()[" or pc in "”’\"'»" or pc in CJK_STOPS:
            dialogue = not (lower and continues_narration) and not (
                ends_open and continues_narration)
        elif pc in ",、":
            dialogue = (not lower or _verb_before(before)) and not continues_narration
        else:                                                    # straight after a word
            dialogue = _after_word_is_dialogue(content, stripped, lower, tagged,
                                               continues_narration)
        q.dialogue = dialogue
        if dialogue and prev is not None and prev.dialogue and q.open == q.start:
            q.continues = True                                   # … insisted. It is uncultured.”
        prev = q


def _after_word_is_dialogue(content: str, stripped: str, lower: bool, tagged: bool,
                            continues_narration: bool) -> bool:
    """Whether a quotation straight after a word of narration (`stripped`, the narration
    before it) is speech: a sentence or a tagged quotation after a speech verb is, a noun
    phrase ("the “Coach and Horses.”", "of “Manfred,”") only when it exclaims or asks."""
    words = WORD.findall(content)
    sentence = not lower and (content.rstrip()[-1:] in "!?" + CJK_STOPS or (
        content.rstrip()[-1:] == "." and len(words) >= 3))
    last = WORD.findall(stripped[-20:])[-1:]
    if last and last[0].lower() in NOUN_PHRASE_WORDS:
        sentence = not lower and content.rstrip()[-1:] in "!?"
        return sentence and not continues_narration
    return ((_verb_before(stripped, 3) or sentence or tagged) and not lower
            or _verb_before(stripped, 1)) and not continues_narration


def _accounts(text: str, ps: int, pe: int, top: Quote, inner: list[Quote]) -> bool:
    """Whether a quotation is a quoted account (a written report the narrator cites) rather
    than a speaker retelling: it sits inside narration, no tag makes it anybody's speech,
    and speech inside it carries its own tag (“We will spank you!” he cried)."""
    if not ALNUM_CHAR.search(text, ps, top.open) or \
            _has_tag(text[top.close:min(pe, top.close + 80)]):
        return False
    for n in inner:
        after = text[n.close:min(top.end, n.close + 60)]
        if after[:1] != "," and not after[:1].isspace() and after:
            continue  # a tag is set off by a comma or a space (a tab, a no-break space too)
        if any(is_speech_word(w) for w in WORD.findall(after)[:3]):
            return True
    return False


TITLE_WORDS = 6
"""Words at most of a name in quotation marks that quoted_titles takes for a title."""
TITLE_WORD = re.compile(r"[^\W\d_][\w’'&.-]*")


def quoted_titles(text: str, quotes: list[Quote]) -> list[tuple[int, int]]:
    """The (open, close) offsets of the quotations that are no one's speech and write a name
    in title case, two words or more ("the “Coach and Horses”", "“The Morning Post”"): a
    title, an inn, a ship. A name written only in such marks is no one of the story, as one
    written only in a heading (cast.Cast's headings)."""
    out = []
    for q in quotes:
        if q.dialogue or q.nested:
            continue
        words = TITLE_WORD.findall(text, q.start, q.end)
        if 2 <= len(words) <= TITLE_WORDS and words[0][0].isupper() and \
                words[-1][0].isupper() and \
                all(w[0].isupper() or w in MINOR_WORDS for w in words[1:-1]):
            out.append((q.open, q.close))
    return out


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of the text, in order of opening mark, none crossing a paragraph.

    Top-level quotations come in order; a nested quotation (``nested=True``) follows the
    quotation that holds it. Only nested quotations of a quoted account are dialogue.
    """
    spans = paragraphs(text)
    conv = detect_convention(text, spans)
    result: list[Quote] = []
    if conv is DASH:
        for pi, (ps, pe) in enumerate(spans):
            result.extend(_scan_dash(text, ps, pe, pi))
        return [q for q in result if ALNUM_CHAR.search(text, q.start, q.end)]
    all_marks = [m.start() for m in MARKS.finditer(text)]
    mi = 0
    prev_unclosed = False
    prev_dialogue = False
    for pi, (ps, pe) in enumerate(spans):
        while mi < len(all_marks) and all_marks[mi] < ps:
            mi += 1
        mj = mi
        while mj < len(all_marks) and all_marks[mj] < pe:
            mj += 1
        goes_on = pi + 1 < len(spans) and text[spans[pi + 1][0]] in conv.opens
        found, unclosed = _scan_paragraph(text, ps, pe, pi, conv, all_marks[mi:mj], goes_on)
        mi = mj
        found = [q for q in found if ALNUM_CHAR.search(text, q.start, q.end)]
        top = [q for q in found if not q.nested]
        continued = prev_unclosed and prev_dialogue and bool(top) and top[0].open == ps
        _classify(text, ps, pe, top, continued)
        _mark_accounts(text, ps, pe, found)
        result.extend(found)
        prev_unclosed = unclosed
        prev_dialogue = bool(top) and top[-1].dialogue
    return result


def _mark_accounts(text: str, ps: int, pe: int, found: list[Quote]) -> None:
    """Quoted accounts in one paragraph's quotations (in order, each nested one after the
    quotation holding it): the outer quotation is narration, its tagged speech dialogue.
    Every other nested quotation is narration. A quotation that goes on with speech across
    its tag ("We waited," Nell said, "until … he said, "Go!" …") is the speaker's retelling,
    never an account."""
    for q in found:
        if q.nested:
            q.dialogue = False
    for k, q in enumerate(found):
        if q.nested:
            continue
        inner = []
        j = k + 1
        while j < len(found) and found[j].nested:
            inner.append(found[j])
            j += 1
        if inner and q.dialogue and not q.continues and _accounts(text, ps, pe, q, inner):
            q.dialogue = False
            for n in inner:
                n.dialogue = True
