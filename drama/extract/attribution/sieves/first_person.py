"""The first-person sieves: "I said" is the narrator-character, whom the dialogue names."""
from __future__ import annotations

from collections import Counter

from ..document import Decision, Document
from ..sieve import Sieve
from ..who import Who
from .explicit import tag_decision


class FirstPerson(Sieve):
    """"I said", "I cried": the narrator-character (named later by narrator-name)."""

    name = "first-person"
    cues = ("first-person", "action")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or tag.kind != "first":
            return None
        return tag_decision(doc, i, doc.narrator)


class NarratorName(Sieve):
    """The narrator-character takes the name the lines next to theirs call them most, when
    that is clear (twice or more, and seldom an explicit speaker of their own): every line
    of theirs, and every line addressed to that name, is the narrator's. Runs after the
    continuation sieve, before the conversation sieves: the name it finds comes from the
    lines settled so far, and the conversation sieves then answer the narrator by it."""

    name = "narrator-name"

    def run(self, doc: Document) -> None:
        named = name_narrator(doc)
        if named is None:
            return
        doc.narrator = Who("first", named.label, "1")
        for people in (doc.speakers, doc.addressees, doc.vocatives):
            for i, w in enumerate(people):
                if w is not None and w.key in ("first", named.key):
                    people[i] = doc.narrator


def name_narrator(doc: Document) -> Who | None:
    """Whom the lines next to the narrator's ("I said") address most, if clear."""
    near: Counter = Counter()
    named: Counter = Counter()
    by_para: dict[int, Who] = {}
    for i, w in enumerate(doc.speakers):
        if w is not None:
            by_para.setdefault(doc.quote_para[i], w)
            if w.key != "first" and doc.cues[i] == "explicit":
                named[w.key] += 1
    for i in range(len(doc.quotes)):
        w = doc.addressed(i)
        if w is None:
            continue
        p = doc.quote_para[i]
        if (by_para.get(p - 1) and by_para[p - 1].key == "first") or \
                (by_para.get(p + 1) and by_para[p + 1].key == "first"):
            near[w] += 1
    for who, c in near.most_common(3):
        if c >= 2 and named[who.key] * 4 < c:
            return who
    return None
