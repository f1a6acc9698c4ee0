"""Mentions by description: "the old lady scanned Vera" names no one, but where the rules
read a tag's description as a known person ("“…,” said the old lady": the Grandmother), the
same description in the narration around it means that person too. The conversation model
reads these as mentions of the person, as it reads their name (turns._mentions).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ..attribution.sieves.description import EPITHET_SCENE, MIN_VOTES
from ..attribution.words import CONTRAST, GROUP_NOUNS
from ..lexicon import speaker_noun
from ..quotes import Quote

POSSESSIVES = frozenset("her his their my your our its".split())
"""Determiners a tag's description keeps in its words ("her father"); any other it drops
("the old lady": "old lady")."""
POSITIONS = CONTRAST | {"former", "latter"}
"""Heads that name a place in the scene, not a person ("the other", "the latter"): whom they
mean changes from one sentence to the next."""
WORD = re.compile(r"[a-z][a-z-]*$")


def nominal_mentions(text: str, quotes: list[Quote], pstart: list[int],
                     described: list[str | None], speakers: list[str],
                     person_of_form) -> list[tuple[int, int, str]]:
    """(start, end, label) of each description in the narration that stands for the person
    its tags are usually read as, near one of them (_usual_reading). described: per quote, its tag's description
    (Attribution.described); speakers: per quote, the rules' label."""
    read: dict[str, list[tuple[int, str]]] = {}
    for q, words, speaker in zip(quotes, described, speakers):
        label = person_of_form(speaker) if words and speaker and _personal(words) else None
        if label is not None:
            read.setdefault(words, []).append((_para(pstart, q.open), label))
    usual = {words: who for words, tags in read.items() if (who := _usual_reading(tags))}
    if not usual:
        return []
    qspans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    out = []
    for m in _phrases(usual).finditer(text):
        k = bisect_right(qstarts, m.start()) - 1
        if k >= 0 and qspans[k][0] <= m.start() < qspans[k][1]:
            continue        # in a quote "her father" is the speaker's
        det, body = m.group(1).lower(), " ".join(m.group(2).split())
        label, paras = usual.get(body if det == "the" else f"{det} {body}", (None, ()))
        p = _para(pstart, m.start())
        if label is not None and any(abs(q - p) <= EPITHET_SCENE for q in paras):
            out.append((m.start(), m.end(), label))
    return out


def _usual_reading(tags: list[tuple[int, str]]) -> tuple[str, list[int]] | None:
    """The person a description's tags (paragraph, label) were read as, MIN_VOTES times and
    more than half of them (description.py's bar for taking a description for the one it
    usually means), and the paragraphs of its tags; else None. The description means them
    within EPITHET_SCENE paragraphs of one of those tags. (The nearest tag's reading,
    however seldom the description was read so, lost on the other half held out; so did
    votes counted only within EPITHET_SCENE paragraphs on half A: round 29, attrA29.)"""
    votes = Counter(label for _, label in tags)
    label, n = votes.most_common(1)[0]
    if n >= MIN_VOTES and 2 * n > len(tags):
        return label, [p for p, _ in tags]
    return None


def _personal(words: str) -> bool:
    """Whether a tag's description names one person by a noun ("old lady", "her father"),
    not a place in the scene ("other"), a group ("crowd") or several ("ladies")."""
    ws = words.split()
    head = ws[-1]
    return all(WORD.match(w) for w in ws) and head not in POSITIONS and \
        head not in GROUP_NOUNS and speaker_noun(head) and \
        not (head.endswith("s") and not head.endswith("ss"))


def _phrases(descriptions) -> re.Pattern:
    """The descriptions as the narration writes them, in one pattern (one pass over the
    text): "the old lady", "The old lady"; a possessive one as it stands ("her father",
    "Her father"). Group 1 is the determiner, group 2 the words after it; of two that
    start alike, the longer is read ("the old lady", not "the old")."""
    dets, bodies = {"the"}, set()
    for words in descriptions:
        ws = words.split()
        if ws[0] in POSSESSIVES:
            dets.add(ws[0])
            ws = ws[1:]
        bodies.add(r"\s+".join(map(re.escape, ws)))
    lead = "|".join(f"[{d[0].upper()}{d[0]}]{d[1:]}" for d in sorted(dets))
    body = "|".join(sorted(bodies, key=len, reverse=True))
    return re.compile(rf"\b({lead})\s+({body})(?![\w-])")


def _para(pstart: list[int], at: int) -> int:
    return max(0, bisect_right(pstart, at) - 1)
