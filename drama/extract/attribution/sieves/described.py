"""The described sieve: a description in the tag is the speaker, as written."""
from __future__ import annotations

from itertools import islice, takewhile

from ..document import Decision, Document
from ..sieve import Sieve
from ..who import Who, definite_role
from ..words import SENTENCE_END, VOICE_NOUNS
from .explicit import tag_decision

VOICE_SPEAKERS = 4   # quotes back whose speakers a voice new to the talk is not
VOICE_SENTENCES = 2  # sentences of narration after a voice that may show whose it is


class Described(Sieve):
    """A description, an indefinite or a plural pronoun in the tag speaks, labelled as the
    text has it: "cried an angry soldier" -> Angry soldier, "someone shouted" -> Someone,
    "the marchers challenged" -> The marchers, "they cried" -> Crowd; a voice is the one
    the narration then shows (_voice_seen). (A description of someone the reader knows,
    "replied the girl", and one person's role, "said the whelp", are the
    description-coref sieve's.)"""

    name = "described"
    cues = ("described", "action", "colon")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None:
            return None
        if tag.kind == "np" and tag.cue != "explicit" and not definite_role(tag.who) or \
                tag.kind == "indef":
            return tag_decision(doc, i, _voice_seen(doc, i) or tag.who)
        if tag.kind == "group":
            return tag_decision(doc, i, doc.reader.who_of_np(["Crowd"]))
        return None


def _voice_seen(doc: Document, i: int) -> Who | None:
    """A voice ("said a small voice behind the hedge") is the person the narration right after
    shows the hearer seeing ("She turned and saw the Heron"): the first of the cast
    its next VOICE_SENTENCES sentences in the paragraph mention as no subject, else the
    one the next paragraph brings on as its first subject (_voice_enters), else the one
    the reply in the next paragraph calls by name (_voice_called); not one of the last
    VOICE_SPEAKERS speakers nor the one this line calls (the voice is someone new to the
    talk)."""
    tag = doc.tags[i]
    if tag.who is None or tag.who.key[2:].split()[-1] not in VOICE_NOUNS:
        return None
    recent = {w.key for w in doc.speakers[max(0, i - VOICE_SPEAKERS):i] if w is not None}
    if doc.vocatives[i] is not None:
        recent.add(doc.vocatives[i].key)
    lo = doc.quotes[i].close
    return doc.salience.first_named_object(lo, _sentences_on(doc, i, lo), recent) or \
        _voice_enters(doc, i, recent) or _voice_called(doc, i, recent)


def _voice_called(doc: Document, i: int, recent: set[str]) -> Who | None:
    """The person the reply in the very next paragraph first calls by name, in any of its
    quotes ("“Who's there?” called a gruff voice from the loft. / “Hush, you'll wake the
    house,” said Scrope. “Bring the lamp, Jory.”": Jory), unless they are one of the recent
    speakers."""
    nxt = doc.quote_para[i] + 1
    if doc.next_turn.get(nxt - 1) != nxt:
        return None
    k = doc.para_first[nxt]
    while k < len(doc.quotes) and doc.quote_para[k] == nxt:
        call = doc.vocatives[k]
        if call is not None:
            return call if call.key not in recent and call.key[0] in "cn" else None
        k += 1
    return None


def _voice_enters(doc: Document, i: int, recent: set[str]) -> Who | None:
    """The person the next paragraph's first sentence, narration, makes its subject ("“Is
    somebody there?” asked an anxious voice. … / Owen Tarrant came into the light."), when no
    quote opens before that sentence ends."""
    p = doc.quote_para[i] + 1
    if p >= len(doc.paras):
        return None
    lo, hi = doc.paras[p]
    m = SENTENCE_END.search(doc.text, lo, hi)
    end = m.end() if m else hi
    k = doc.para_first.get(p)
    if k is not None and doc.quotes[k].open < end:
        return None
    return doc.salience.first_named_object(lo, end, recent, subject=True)


def _sentences_on(doc: Document, i: int, lo: int) -> int:
    """Where the VOICE_SENTENCES-th sentence of narration from lo ends (the sentences
    inside quotes not counted), at most at the end of quote i's paragraph."""
    end = doc.paras[doc.quote_para[i]][1]
    following = takewhile(lambda q: q.open < end, islice(doc.quotes, i, None))
    inside = [(q.open, q.close) for q in following]
    count = 0
    for m in SENTENCE_END.finditer(doc.text, lo, end):
        if not any(a <= m.start() < b for a, b in inside):
            count += 1
            if count == VOICE_SENTENCES:
                return m.end()
    return end
