"""A role the text writes like a name ("said the Jew") is the person the dialogue calls by
name when it speaks to the role."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .vocative import called_in
from .who import Who

if TYPE_CHECKING:
    from .document import Document

MIN_CALLS = 3
"""Lines of the role that must answer a call to one person (and more than half of those the
dialogue calls anyone on)."""


def join_called_roles(doc: Document) -> None:
    """A role tagged like a name ("replied the Jew": a capitalised word the text mostly
    writes after "the", Cast.role) whose lines answer a call to one named person by name
    ("Is that so, Lomax?" … "said the Jew") at least MIN_CALLS times and more often than
    all the others called together is that person: the cast joins them, and every tag and
    vocative of the role is the person's. Reads the tags, the vocatives and the links
    between turns; runs before the people are read, so mentions of the role are theirs."""
    cast = doc.reader.cast
    for role_who, calls in _calls_answered(doc).items():
        (best, n), = calls.most_common(1)
        if n < MIN_CALLS or n * 2 <= sum(calls.values()):
            continue
        role, person = doc.reader.character_of(role_who), doc.reader.character_of(best)
        if person is None or person.thing_like or role not in cast.characters:
            continue
        if role.gender and person.gender and role.gender != person.gender:
            continue
        cast.join(role, person)
        _rename(doc, role_who.key, best)


def _calls_answered(doc: Document) -> dict[Who, Counter]:
    """role -> how often its tagged lines answer a call to each named person (not a call to
    the one who spoke the turn before, who is not answering themselves)."""
    cast = doc.reader.cast
    out: dict[Who, Counter] = defaultdict(Counter)
    for i, tag in enumerate(doc.tags):
        if tag is None or tag.kind != "name" or tag.who is None:
            continue
        ch = doc.reader.character_of(tag.who)
        if ch is None or not cast.role(ch):
            continue
        pp = doc.prev_turn.get(doc.quote_para[i], -1)
        call = called_in(doc, pp, i, every_tag=False)
        before = doc.tags[doc.para_first[pp]] if pp in doc.para_first else None
        if call is None or call.key[0] != "c" or call.key == tag.who.key or \
                before is not None and before.who is not None and before.who.key == call.key:
            continue
        out[tag.who][call] += 1
    return out


def _rename(doc: Document, key: str, person: Who) -> None:
    """Every tag and vocative of the role key is now the person's."""
    for tag in doc.tags:
        if tag is not None and tag.who is not None and tag.who.key == key:
            tag.who, tag.gender = person, person.gender
    doc.vocatives = [person if v is not None and v.key == key else v for v in doc.vocatives]
