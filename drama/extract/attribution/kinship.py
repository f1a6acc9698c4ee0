"""Kinship the narration states: "Ronny was her son", "her son, Ralph Moore", "Mrs. Moore's
son, Ronny", "she and her daughter Janey". A mother and a son (a married daughter and her father) need not share a
surname, so the family table (family.py), which reads ties from surnames and titles only,
cannot find them; this reads the ties the text writes out."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import TYPE_CHECKING

from ..characters import Character
from ..lexicon import TIES
from .family import TIE_SEX

if TYPE_CHECKING:
    from .document import Document
    from .salience import Salience

STATED_TIES = ("mother", "father", "wife", "husband", "sister", "brother", "daughter", "son")
"""The ties a sentence of the narration may state between two people of the cast."""
INVERSE = {"mother": "child", "father": "child", "daughter": "parent", "son": "parent",
           "wife": "spouse", "husband": "spouse", "sister": "sibling", "brother": "sibling"}
"""What the owner is to the relative: a son's mother is his parent."""
BY_SEX = {"child": {"f": "daughter", "m": "son"}, "parent": {"f": "mother", "m": "father"},
          "spouse": {"f": "wife", "m": "husband"}, "sibling": {"f": "sister", "m": "brother"}}

_TIE_WORDS = "|".join(sorted((w for w, t in TIES.items() if t in STATED_TIES and len(w) > 2),
                             key=len, reverse=True))
POSSESSED_TIE = re.compile(r"(?=[hA-Z])\b(his|her|[A-Z][\w.]*(?: [A-Z]\w*)*(?:’s|'s)) "
                           r"(" + _TIE_WORDS + r")\b(?!-)")
"""A tie owned by a possessive ("her son", "Mrs. Moore's son"; not "her son-in-law"); the
nursery words of two letters ("ma", "pa") are left out: "her pa" is rare and "ma" a word
of other tongues."""
STATES_BEFORE = re.compile(r"\s+(?:was|is)\s+$")
"""Between the relative's name and the tie: "Ronny was her son"."""
APPOSITION_AFTER = re.compile(r",\s+")
"""Between the tie and the relative's name: "her son, Ralph Moore"."""
CLOSE_APPOSITION = re.compile(r"[ \t]*\n?[ \t]*")
"""... or no comma: "she and her daughter Janey" (one line break at most)."""
LOOK_BACK = 12          # characters before the tie a stating "X was" may take


def read_kin_mentions(doc: Document, sal: Salience) -> None:
    """The ties the narration states (doc.stated_kin) and the mentions of the pairs it names
    by them alone (into sal): read once the names are in salience, before the pronouns
    that may mean them ("between mother and son. He wanted her advice")."""
    doc.stated_kin = read_kinship(doc, sal)
    if doc.stated_kin:
        add_pair_mentions(doc, sal, doc.stated_kin)


def read_kinship(doc: Document, sal: Salience) -> dict[tuple[int, str], list[Character]]:
    """(id(character), tie) -> the characters the narration says have that tie to them,
    both ways ("Ronny was her son": Ronny is Mrs. Moore's son and she his mother), its
    owner read from the names of sal."""
    cast = doc.reader.cast
    starts = {s: form for s, _, form in cast.mentions}
    ends = {e: form for _, e, form in cast.mentions}
    kin: dict[tuple[int, str], list[Character]] = defaultdict(list)
    q_open = [q.open for q in doc.quotes]
    for m in POSSESSED_TIE.finditer(doc.text):
        if _in_quote(doc, q_open, m.start()):
            continue
        tie = TIES[m.group(2).lower()]
        relative = _relative_named(doc.text, m, starts, ends)
        ch = cast.character(relative) if relative is not None else None
        if ch is None or ch.place_like or ch.thing_like or \
                ch.gender not in (TIE_SEX[tie], None):
            continue
        owner = _owner(doc, sal, m, tie, ch)
        if owner is None or owner is ch or owner.gender is None:
            continue
        _add(kin, owner, tie, ch)
        _add(kin, ch, BY_SEX[INVERSE[tie]][owner.gender], owner)
    return dict(kin)


def _add(kin, owner: Character, tie: str, relative: Character) -> None:
    if relative not in kin[(id(owner), tie)]:
        kin[(id(owner), tie)].append(relative)


def _in_quote(doc: Document, q_open: list[int], pos: int) -> bool:
    k = bisect_left(q_open, pos + 1) - 1
    return k >= 0 and doc.quotes[k].open <= pos < doc.quotes[k].close


def _relative_named(text: str, m: re.Match, starts: dict, ends: dict) -> str | None:
    """The name form of the relative the sentence states: "Ronny" in "Ronny was her son",
    "Ralph Moore" in "her son, Ralph Moore"."""
    before = text[max(0, m.start() - LOOK_BACK):m.start()]
    gap = STATES_BEFORE.search(before)
    if gap is not None:
        form = ends.get(m.start() - len(before) + gap.start())
        if form is not None:
            return form
    gap = APPOSITION_AFTER.match(text, m.end()) if text.startswith(",", m.end()) else None
    if gap is None:
        gap = CLOSE_APPOSITION.match(text, m.end())
        gap = gap if gap.end() > m.end() else None
    if gap is not None:
        return starts.get(gap.end())
    return None


def _owner(doc: Document, sal: Salience, m: re.Match, tie: str,
           relative: Character) -> Character | None:
    """Whose relative: the one a name's possessive names, else one of the possessive's sex
    the paragraph names before it: a woman who has a husband or a child a "Mrs." before
    one of no title (never a "Miss"), then the paragraph's subjects first, then the first
    named; never one named as someone's relation (IN_APPOSITION). "Mrs. Moore re-entered
    the club. … This was Adela Quested, … and Ronny was her son": Mrs. Moore."""
    cast = doc.reader.cast
    word = m.group(1)
    if word not in ("his", "her"):
        return cast.character(re.sub(r"(?:’s|'s)$", "", word))
    sex = "m" if word == "his" else "f"
    wed = sex == "f" and tie in MARRIED_WOMAN_TIES
    found = []
    for k, (_, pos, who, subj) in enumerate(sal.events_in(
            doc.paras[doc.para_of(m.start())][0], m.start())):
        ch = doc.reader.character_of(who) if who.gender == sex else None
        if ch is None or ch is relative or wed and _titled(ch, "miss") or \
                IN_APPOSITION.search(doc.text, max(0, pos - 40), pos):
            continue
        found.append((wed and not _titled(ch, "mrs"), not subj, k, ch))
    return min(found, key=lambda f: f[:3])[3] if found else None


IN_APPOSITION = re.compile(r"\b(?:his|her|their) [\w-]+,\s+\Z")
"""Before a name that is someone's relation, not the owner of the next "her": "the box of
old Mrs. Manson Mingott … was filled by her daughter-in-law, Mrs. Lovell Mingott, and her
daughter, Mrs. Welland"."""
MARRIED_WOMAN_TIES = ("son", "daughter", "husband")
"""The ties a woman has only once married: in the narration of the novels' times a "Miss"
has no husband or child, a "Mrs." has had one."""


def _titled(ch: Character, title: str) -> bool:
    """Whether one of ch's name forms carries this title ("Mrs. Moore")."""
    return any(f.split()[0].rstrip(".").lower() == title for f in ch.forms if " " in f)


KIN_PAIR = re.compile(r"(?=[bdfhmsw])(?<!his\s)(?<!her\s)(?<!the\s)(?<!their\s)(?<!my\s)"
                      r"(?<!your\s)(?<!our\s)"
                      r"\b(mother|father|husband|brother|sister|son|daughter|wife) and "
                      r"(son|daughter|wife|sister|brother|mother|father|husband)\b")
"""Two people named only by their tie to each other: "an interview between mother and
son" (not "his mother and sister", "the father and mother of the Lord")."""
PAIR_WINDOW = 6         # paragraphs back one of the pair must have been mentioned in:
# "mother and son" is a description of two, and reaches as far as one of one does
# ("the girl": description.GENERIC_WINDOW)


def add_pair_mentions(doc: Document, sal: Salience,
                      stated: dict[tuple[int, str], list[Character]]) -> None:
    """Where the narration names two people only by their tie ("there was another interview
    between mother and son. He wanted her advice"), a mention of both, subjects, for the
    pronouns after it, when the narration has stated such a pair (read_kinship): of several,
    the pair one of whom it mentioned latest."""
    q_open = [q.open for q in doc.quotes]
    for m in KIN_PAIR.finditer(doc.text):
        first, second = m.group(1), m.group(2)
        if _in_quote(doc, q_open, m.start()) or INVERSE[first] == INVERSE[second]:
            continue
        pair = _latest_pair(doc, sal, stated, m.start(), first, second)
        if pair is not None:
            p = doc.para_of(m.start())
            for who, pos in zip(pair, (m.start(1), m.start(2))):
                sal.insert(p, pos, who, True)


def _latest_pair(doc: Document, sal: Salience, stated, pos: int, first: str, second: str):
    """(first, second) of a stated pair with these ties ("mother", "son"), the one whose
    member the text mentioned latest before pos."""
    reader = doc.reader
    pairs = {}
    for (owner_id, tie), kin in stated.items():
        if tie != second:
            continue
        for rel in kin:
            owners = [c for c in stated.get((id(rel), first), ()) if id(c) == owner_id]
            for owner in owners:
                a, b = reader.who_of_character(owner), reader.who_of_character(rel)
                pairs[a.key] = pairs.get(a.key, []) + [(a, b)]
                pairs[b.key] = pairs.get(b.key, []) + [(a, b)]
    if not pairs:
        return None
    p = doc.para_of(pos)
    for who, _ in sal.before(p, pos, PAIR_WINDOW):
        if who.key in pairs:
            return pairs[who.key][0]
    return None
