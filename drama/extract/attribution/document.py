"""The document the sieves share: what the readers found in one text, and what the sieves
have decided so far.

The readers (read_document) fill the first part once: paragraphs, the speech tag of each
quote, the salience of people in the narration, the names each quote calls out, and the
conversation links between quote paragraphs. The sieves (pipeline.py) read all of it and
write only the decisions: a speaker, a cue and the sieve's name per quote, and the notes
the description sieve leaves for the epithet sieves.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..cast import Cast
from ..narrator import I_TAG_SHARE, I_TAGS, told_in_first_person
from ..quotes import Quote, paragraphs
from ..structure import scene_breaks, scene_start
from .family import Families
from .mentions import NarrationPeople, read_people
from .reader import Reader, Tag
from .roles import join_called_roles
from .salience import Salience
from .tags import read_tags
from .vocative import find_vocatives
from .who import NARRATOR, Who

CONVERSATION_GAP = 1    # narration paragraphs a conversation may step over ...
SHORT_BEAT = 250        # ... when each is shorter than this many characters


@dataclass
class Decision:
    """What a sieve settles for one quote: who speaks, by which cue, and how sure it is."""

    speaker: Who
    cue: str
    confidence: float | None = None
    """None: the cue's calibrated confidence (pipeline.CONFIDENCE)."""
    addressee: Who | None = None
    """Whom the line speaks to, when its tag says so ("said Martov to Dan")."""


@dataclass
class Document:
    """One text being attributed (see the module docstring)."""

    text: str
    quotes: list[Quote]
    paras: list[tuple[int, int]]
    reader: Reader
    para_starts: list[int] = field(default_factory=list, init=False)
    quote_para: list[int] = field(default_factory=list)
    """The paragraph each quote opens in."""
    para_first: dict[int, int] = field(default_factory=dict)
    """Each quote paragraph's first quote."""
    tags: list[Tag | None] = field(default_factory=list)
    """The speech tag beside each quote, as read (tags.read_tags)."""
    people: NarrationPeople = field(default_factory=NarrationPeople)
    """Salience, names said in the dialogue, people brought in, ages (mentions.read_people)."""
    vocatives: list[Who | None] = field(default_factory=list)
    """The person each quote calls by name (vocative.find_vocatives)."""
    prev_turn: dict[int, int] = field(default_factory=dict)
    """Quote paragraph -> the quote paragraph before it in the same conversation."""
    next_turn: dict[int, int] = field(default_factory=dict)
    speech_began: dict[int, int] = field(default_factory=dict)
    """A later paragraph of a speech that runs over several -> the paragraph it began in."""
    told_by_i: bool = False
    """Whether the story is told in the first person (told_by_i)."""
    narrator: Who = NARRATOR
    """The narrator-character ("I said"), renamed when the dialogue names them."""

    aunts_uncles: dict[tuple[str, str], Who] = field(default_factory=dict)
    """(owner's key, "aunt" or "uncle") -> whom a tag naming that tie meant last (the
    relation sieve's: "her aunt" is of no surname the family gives)."""
    kin_calls: dict[int, Who] = field(default_factory=dict)
    """Quote -> the relative it calls by a family word ("Well, mamma,"), once the tag
    sieves have settled who speaks it (sieves/kin_call.py); also in vocatives."""

    speakers: list[Who | None] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    addressees: list[Who | None] = field(default_factory=list)
    """Whom each line speaks to by its tag, set when a tag sieve settles it."""
    settled_by: list[str] = field(default_factory=list)
    """The name of the sieve that decided each quote ("" while open)."""
    confidences: list[float | None] = field(default_factory=list)
    """A confidence a sieve gave with its decision; None: the cue's."""

    # notes the description sieve leaves for the epithet sieves
    scene_descriptions: dict[str, tuple[Who, int]] = field(default_factory=dict)
    """Description key -> (the person it meant last, in which paragraph)."""
    description_votes: dict[str, list[tuple[int, Who]]] = field(default_factory=dict)
    """Description key -> (paragraph, person) each time it meant someone, in order."""
    exchange_picks: dict[str, Counter] = field(default_factory=dict)
    """Role description key -> person -> times it was taken for the other party of a strict
    exchange it answers (description._answers_exchange: a weak pick, no vote)."""
    provisional: list[tuple[int, Tag]] = field(default_factory=list)
    """Quotes given a description or someone just brought in, to revise by its votes."""
    unresolved: list[tuple[int, set]] = field(default_factory=list)
    """Quotes whose description meant no one found, with the people it cannot be."""

    def __post_init__(self) -> None:
        n = len(self.quotes)
        self.para_starts = [p[0] for p in self.paras]
        if not self.quote_para:
            self.quote_para = [self.para_of(q.open) for q in self.quotes]
        for i in range(n):
            self.para_first.setdefault(self.quote_para[i], i)
        self.speakers = self.speakers or [None] * n
        self.cues = self.cues or [""] * n
        self.addressees = self.addressees or [None] * n
        self.settled_by = self.settled_by or [""] * n
        self.confidences = self.confidences or [None] * n
        self.vocatives = self.vocatives or [None] * n
        self.tags = self.tags or [None] * n

    # ---------------------------------------------------------------- reading

    @cached_property
    def scene_breaks(self) -> list[int]:
        """The paragraphs that end a scene, in order: a chapter heading or a line of
        asterisks (structure.is_scene_break) after which the text opens on narration, and
        the paragraph, perhaps a quotation, before one opening on another day or time of
        day ("The next morning": structure.TIME_OPENING). A chapter opening straight on a
        quotation may go on the talk before it (a story told across chapters: "CHAPTER IX."
        / "“So the next winter, …"), so it sets no scene for the rules. (The conversation
        model cuts its own conversations at every heading: structure.scene_breaks.)"""
        return [p for p in scene_breaks(self.text, self.paras) if not self._opens_on_quote(p + 1)]

    def _opens_on_quote(self, p: int) -> bool:
        """Whether paragraph p's first words are a quotation's."""
        i = self.para_first.get(p)
        if i is None:
            return False
        a, b = self.paras[p]
        return not self.text[a:self.quotes[i].open].strip()

    @cached_property
    def families(self) -> Families:
        """Who carries which surname under which title (for "his wife", "her mother")."""
        return Families(self.reader.cast)

    @property
    def salience(self) -> Salience:
        return self.people.salience

    def para_of(self, pos: int) -> int:
        """The paragraph a text offset lies in."""
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def quotes_in(self, para: int) -> range:
        """The indices of the quotes that open in a paragraph (empty when none)."""
        first = self.para_first.get(para)
        if first is None:
            return range(0)
        end = first + 1
        while end < len(self.quotes) and self.quote_para[end] == para:
            end += 1
        return range(first, end)

    def para_speaker(self, para: int) -> Who | None:
        """Who speaks a paragraph, as decided so far: its first quote that has a speaker."""
        for i in self.quotes_in(para):
            if self.speakers[i] is not None:
                return self.speakers[i]
        return None

    def addressed(self, i: int) -> Who | None:
        """Whom quote i speaks to: by its tag ("to Dan"), else by the name it calls out."""
        return self.addressees[i] or self.vocatives[i]

    # ---------------------------------------------------------------- writing

    def unsettle(self, i: int) -> None:
        """Withdraw a sieve's decision on quote i (its tag's addressee stays)."""
        self.speakers[i], self.cues[i], self.settled_by[i], self.confidences[i] = \
            None, "", "", None

    def settle(self, i: int, decision: Decision, sieve: str) -> None:
        """Record a sieve's decision on quote i."""
        self.speakers[i] = decision.speaker
        self.cues[i] = decision.cue
        self.settled_by[i] = sieve
        self.confidences[i] = decision.confidence
        if decision.addressee is not None:
            self.addressees[i] = decision.addressee


def read_document(text: str, quotes: list[Quote], paras: list[tuple[int, int]] | None = None,
                  cast: Cast | None = None) -> Document:
    """Run the readers over a text: everything the sieves need, and no decision yet (cast:
    the text's Cast when the caller has built it already)."""
    paras = paras if paras is not None else paragraphs(text)
    doc = Document(text, quotes, paras, Reader(cast if cast is not None else Cast(text), text))
    doc.tags = read_tags(doc.reader, text, quotes, paras, doc.quote_para)
    doc.told_by_i = told_by_i(text, quotes, doc.tags)
    link_conversations(doc)
    doc.vocatives = find_vocatives(doc.reader, text, quotes, doc.quote_para)
    join_called_roles(doc)
    doc.people = read_people(doc.reader, text, quotes, paras, doc.quote_para, doc.tags,
                             doc.narrator if doc.told_by_i else None)
    # set after reading: the narration's own "he"/"she" may reach back over a heading
    # ("CHAPTER V." / "He woke late."); the sieves' look-backs for a speaker do not
    doc.salience.scene_breaks = doc.scene_breaks
    return doc


def told_by_i(text: str, quotes: list[Quote], tags: list[Tag | None]) -> bool:
    """Whether the story is told in the first person, as the rules read it: I_TAGS speech
    tags or more say "I said", and they are I_TAG_SHARE of the tags that name a speaker or
    the narration says "I" at a first-person rate (narrator.py; the conversation step's
    test). Three "I said" alone are no such story: a whole novel told in the third person
    has a few, a speech telling what its speaker said (Hard Times 3 against 820 tags naming
    a speaker, The Age of Innocence 4 against 343), and read as one it gave its untagged
    lines to an "I" no one is."""
    said_i = sum(1 for t in tags if t is not None and t.kind == "first")
    if said_i < I_TAGS:
        return False
    named = sum(1 for t in tags if t is not None and t.kind == "name")
    return said_i >= I_TAG_SHARE * (said_i + named) or told_in_first_person(text, quotes)


def _new_scene(doc: Document, a: int, b: int) -> bool:
    """Whether a scene break (Document.scene_breaks) lies between quote paragraphs a and b
    ("CHAPTER IV." / "The rain had stopped by morning. “Is the ferry running?” said
    she."): the two do not talk to each other."""
    return scene_start(doc.scene_breaks, b) > a


def link_conversations(doc: Document) -> None:
    """Conversation links: each quote paragraph's predecessor across a short beat of
    narration; a speech that runs over several paragraphs (its later paragraphs the quote
    finder marks `continues`) is one turn, neither taking a turn nor counting as one."""
    qparas = sorted(doc.para_first)
    for a, b in zip(qparas, qparas[1:]):
        if (b - a == 1 or (b - a <= 1 + CONVERSATION_GAP and
                           all(doc.paras[x][1] - doc.paras[x][0] < SHORT_BEAT
                               for x in range(a + 1, b)))) and not _new_scene(doc, a, b):
            doc.prev_turn[b], doc.next_turn[a] = a, b
    for p, i in sorted(doc.para_first.items()):
        if i and doc.quotes[i].continues and doc.quote_para[i - 1] < p:
            a = doc.quote_para[i - 1]
            doc.speech_began[p] = doc.speech_began.get(a, a)
            if doc.prev_turn.get(p) == a:
                if a in doc.prev_turn:
                    doc.prev_turn[p] = doc.prev_turn[a]
                else:
                    del doc.prev_turn[p]
