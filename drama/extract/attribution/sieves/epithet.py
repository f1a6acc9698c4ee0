"""The epithet sieves: a description that stands for one person all through the text."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from ...cast.character import Character
from ...names import nickname_pair, parse_form
from ..document import Decision, Document
from ..sieve import Sieve
from ..who import Who, variant
from .description import EPITHET_SCENE, MIN_VOTES, other_of_two
from .pronoun import PRONOUN_EPITHET_SCENE


EXCHANGE_PICKS = 2
"""Strict exchanges a role answered in which the other party was one person, for the role to
be that person when its votes do not decide (description._answers_exchange: each a weak pick
alone, as the text may give a minor person a role of their own)."""


class Epithet(Sieve):
    """A description the text keeps using for one person ("the girl" for Nell: three times
    or more, and more than half of its resolved times) is that person on the lines the
    description-coref sieve left to the description itself or to someone just brought in.
    Votes for two names of one person count together (_pooled: "the pup" meant "Tom" once
    and "Mr. Thomas" twice). A role that answered a strict exchange as one person's other
    party EXCHANGE_PICKS times, with more than half of its votes and such picks together,
    is that person too ("“All,” replied the doctor" to Rudd, after Mr. Pellow: an
    excerpt that never writes "Mr. Pellow, the doctor"). A description that meant several
    people three times or more each ("the old lady": Mrs. Crane in one part of the book,
    Mrs. Tansley in another) is, on a line left to the description itself, the one of them
    it meant nearest, within EPITHET_SCENE paragraphs (_nearest). Revises that sieve's
    provisional decisions, once the whole text has voted, and the pronoun lines that took
    the description (follow_revisions)."""

    name = "epithet"
    cues = ("epithet",)

    def run(self, doc: Document) -> None:
        revised = []
        lines = Counter(w.key for w in doc.speakers if w is not None)
        pooled: dict[str, Counter] = {}     # description key -> its votes, pooled
        usual: dict[str, Who | None] = {}   # description key -> the one person it means
        for i, tag in doc.provisional:
            key = tag.who.key
            votes = doc.description_votes.get(key, [])
            if key not in pooled:
                pooled[key] = _pooled(doc, Counter(who for _, who in votes), lines)
                usual[key] = _usual(doc, pooled[key], doc.exchange_picks.get(key), lines)
            near = _nearest(doc, i, votes, pooled[key]) if pooled[key] else None
            best = near or usual[key]
            if best is not None:
                revised.append((i, doc.speakers[i], best))
                doc.settle(i, Decision(best, "epithet"), self.name)
        follow_revisions(doc, revised)


def _usual(doc: Document, seen: Counter, picks: Counter | None, lines: Counter) -> Who | None:
    """The one person a description means: the one its votes (seen, pooled) name
    MIN_VOTES times or more and more than half of them; else the one it was taken for in
    EXCHANGE_PICKS strict exchanges or more (picks), with more than half of its votes and
    picks together; else None."""
    if seen:
        (best, c), total = seen.most_common(1)[0], sum(seen.values())
        if c >= MIN_VOTES and c * 2 > total:
            return best
    if not picks:
        return None
    both = _pooled(doc, seen + picks, lines)
    (best, c), total = both.most_common(1)[0], sum(both.values())
    answered = sum(n for who, n in picks.items() if _one_person(doc, who, best))
    return best if c * 2 > total and answered >= EXCHANGE_PICKS else None


def _nearest(doc: Document, i: int, votes: list[tuple[int, Who]], seen: Counter) -> Who | None:
    """For quote i, left to its description itself: when the description meant several
    people MIN_VOTES times or more each (seen, pooled), and its vote nearest quote i
    (votes: (paragraph, person)), within EPITHET_SCENE paragraphs, is for one of them, that
    one; else None (also when the nearest vote is for someone it meant fewer times)."""
    strong = [w for w, c in seen.items() if c >= MIN_VOTES]
    own = doc.speakers[i]
    if len(strong) < 2 or own is None or own.key != doc.tags[i].who.key:
        return None
    p = doc.quote_para[i]
    near = min(((abs(vp - p), n, who) for n, (vp, who) in enumerate(votes)
                if abs(vp - p) <= EPITHET_SCENE), default=None)
    if near is None:
        return None
    return next((w for w in strong if _one_person(doc, w, near[2])), None)


def _pooled(doc: Document, seen: Counter, lines: Counter) -> Counter:
    """The votes with each person's merged into another person of the cast whom one of
    their one-word names is a nickname of ("Tom" and "Mr. Thomas"), when the sexes agree:
    the cast keeps such forms apart, but one description means one person. The votes go
    to the one who speaks more lines so far (lines: speaker key -> lines)."""
    if len(seen) < 2:
        return seen
    out: Counter = Counter()
    root: dict[Who, Who] = {}       # each person -> the one their votes went to
    ranked = sorted(seen.items(), key=lambda wc: -lines[wc[0].key])
    for n, (who, c) in enumerate(ranked):
        into = next((w for w, _ in ranked[:n] if _one_person(doc, w, who)), who)
        root[who] = root.get(into, into)
        out[root[who]] += c
    return out


def _one_person(doc: Document, a: Who, b: Who) -> bool:
    """Whether two identities are one person: the same, or two people of the cast, of no
    different known sex, with one-word names one of which is a nickname of the other
    ("Tom", "Mr. Thomas"), and no different surnames when both have one (the nickname
    list alone may join two people: see names.short_for; "Tom Smith" is no "Mr. Thomas"
    whose full name is "John Thomas")."""
    if a.key == b.key:
        return True
    if a.gender and b.gender and a.gender != b.gender:
        return False
    ca, cb = doc.reader.character_of(a), doc.reader.character_of(b)
    if ca is None or cb is None:
        return False
    (wa, sa), (wb, sb) = _names(ca), _names(cb)
    if sa and sb and not sa & sb:
        return False
    return any(nickname_pair(x, y) for x in wa for y in wb)


def _names(ch: Character) -> tuple[set[str], set[str]]:
    """The one-word names (lower case) of a character's forms ("Tom", "Mr. Thomas") and
    the surnames of its longer forms ("Kit Ashdown"; not of a name said twice, as in
    "peremptorily Ambrose -- Ambrose Ashdown", read "Ambrose Ambrose")."""
    parts = [parse_form(f) for f in ch.forms]
    return ({p.word.lower() for p in parts if p.word},
            {p.surname.lower() for p in parts if p.surname and p.surname not in p.given})


def follow_revisions(doc: Document, revised: list[tuple[int, Who, Who]]) -> None:
    """A pronoun line the pronoun sieve gave to a description ("“…,” said the girl. … “…,”
    she told them": The girl) follows the description's revision to a person (Miss
    Pennock), within PRONOUN_EPITHET_SCENE paragraphs after it. revised: (quote, the
    description it had, the person it has now)."""
    revised = sorted(revised, key=lambda r: r[0])
    latest: dict[str, tuple[int, Who]] = {}
    k = 0
    for j in range(len(doc.quotes)):
        while k < len(revised) and revised[k][0] < j:
            i, desc, who = revised[k]
            latest[desc.key] = (doc.quote_para[i], who)
            k += 1
        had = doc.speakers[j]
        if had is None or doc.settled_by[j] != "pronoun" or had.key not in latest:
            continue
        p, who = latest[had.key]
        if doc.quote_para[j] - p <= PRONOUN_EPITHET_SCENE:
            doc.settle(j, Decision(who, doc.cues[j]), doc.settled_by[j])


class EpithetVariant(Sieve):
    """"The gentleman" in a scene where "the old gentleman" is someone named: the same
    person (the nearest such line within EPITHET_SCENE paragraphs; never "the other
    gentleman"). Revises the lines whose description meant no one found, after the
    epithet sieve, and the pronoun lines that took the description (follow_revisions)."""

    name = "epithet-variant"
    cues = ("epithet",)

    def run(self, doc: Document) -> None:
        by_head = _named_descriptions(doc)
        revised = []
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
                revised.append((i, doc.speakers[i], best[1]))
                doc.settle(i, Decision(best[1], "epithet"), self.name)
        follow_revisions(doc, revised)


class EpithetPartner(Sieve):
    """A vague description ("the woman", not a role: "the purser" may be a minor person of
    its own) that meant no one found when it was read ("replied the woman" while the turn
    before the last was still "the landlady", whom the epithet sieve has since found to be
    Mrs. Orme): the other one of the two talking, now that the turns before are revised,
    when named, of the description's sex and not one it cannot mean (description-coref's
    rule 9, read again). In reading order, so that each line revised is the turn before for
    the next. A description so revised to one person MIN_VOTES times or more, and to no one
    else, is that person on its other lines left to itself within EPITHET_SCENE paragraphs of
    one so revised (the scene's opening "asked the woman", before anyone was named), where
    that person is not one it cannot mean (_rest_of_scene)."""

    name = "epithet-partner"
    cues = ("epithet",)

    def run(self, doc: Document) -> None:
        revised = []
        for i, excl in doc.unresolved:
            tag = doc.tags[i]
            if doc.speakers[i] is not tag.who or tag.kind != "generic":
                continue
            partner = other_of_two(doc, doc.quote_para[i], tag.gender, excl)
            if partner is not None:
                revised.append((i, doc.speakers[i], partner))
                doc.settle(i, Decision(partner, "epithet"), self.name)
        revised += _rest_of_scene(doc, revised)
        follow_revisions(doc, revised)


def _rest_of_scene(doc: Document, revised: list[tuple[int, Who, Who]]) -> list:
    """The lines of each description EpithetPartner revised to one person MIN_VOTES times
    or more, and to no one else, still left to the description within EPITHET_SCENE
    paragraphs of one so revised, settled as that person unless they cannot be it; the
    revisions made, as (quote, description, person)."""
    picks: dict[str, tuple[set[str], list[int]]] = {}
    for i, desc, who in revised:
        keys, paras = picks.setdefault(desc.key, (set(), []))
        keys.add(who.key)
        paras.append(doc.quote_para[i])
    out = []
    for i, excl in doc.unresolved:
        desc = doc.speakers[i]
        keys, paras = picks.get(desc.key, (set(), [])) if desc is not None else (set(), [])
        if len(keys) != 1 or len(paras) < MIN_VOTES or desc is not doc.tags[i].who or \
                not any(abs(p - doc.quote_para[i]) <= EPITHET_SCENE for p in paras):
            continue
        who = next(w for j, d, w in revised if d.key == desc.key)
        if who.key not in excl:
            out.append((i, desc, who))
            doc.settle(i, Decision(who, "epithet"), EpithetPartner.name)
    return out


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
