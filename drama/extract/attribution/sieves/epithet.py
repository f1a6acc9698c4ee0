"""The epithet sieves: a description that stands for one person all through the text."""
from __future__ import annotations

from bisect import bisect_right

from ..document import Decision, Document
from ..sieve import Sieve
from ..who import Who, variant
from .description import EPITHET_SCENE

MIN_VOTES = 3   # times a description must have meant one person (and most of its times)


class Epithet(Sieve):
    """A description the text keeps using for one person ("the girl" for Nancy: three times
    or more, and more than half of its resolved times) is that person on the lines the
    description-coref sieve left to the description itself or to someone just brought in.
    Revises that sieve's provisional decisions, once the whole text has voted."""

    name = "epithet"
    cues = ("epithet",)

    def run(self, doc: Document) -> None:
        for i, tag in doc.provisional:
            seen = doc.description_votes.get(tag.who.key)
            if seen:
                (best, c), total = seen.most_common(1)[0], sum(seen.values())
                if c >= MIN_VOTES and c * 2 > total:
                    doc.settle(i, Decision(best, "epithet"), self.name)


class EpithetVariant(Sieve):
    """"The gentleman" in a scene where "the old gentleman" is someone named: the same
    person (the nearest such line within EPITHET_SCENE paragraphs; never "the other
    gentleman"). Revises the lines whose description meant no one found, after the
    epithet sieve."""

    name = "epithet-variant"
    cues = ("epithet",)

    def run(self, doc: Document) -> None:
        by_head = _named_descriptions(doc)
        for i, excl in doc.unresolved:
            if doc.speakers[i] is not doc.tags[i].who:
                continue
            words = doc.tags[i].who.key[2:].split()
            p = doc.quote_para[i]
            best = None
            same = by_head.get(words[-1], ())
            k = bisect_right(same, (p - EPITHET_SCENE,))
            while k < len(same) and same[k][0] <= p + EPITHET_SCENE:
                bp, bwords, bwho = same[k]
                k += 1
                d = abs(bp - p)
                if bwho.key not in excl and variant(words, bwords) and (best is None or d < best[0]):
                    best = (d, bwho)
            if best is not None:
                doc.settle(i, Decision(best[1], "epithet"), self.name)


def _named_descriptions(doc: Document) -> dict[str, list[tuple[int, list[str], Who]]]:
    """Head noun -> (paragraph, words, person) of each description line a named person
    speaks, in order."""
    by_head: dict[str, list[tuple[int, list[str], Who]]] = {}
    for i, t in enumerate(doc.tags):
        who = doc.speakers[i]
        if t is not None and t.kind == "generic" and who is not None and who.key[0] in "cn":
            words = t.who.key[2:].split()
            by_head.setdefault(words[-1], []).append((doc.quote_para[i], words, who))
    return by_head
