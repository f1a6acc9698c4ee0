"""The conversation model's features of a whole conversation: what it says of each person,
counted once (_ChainInfo: whom it calls, whom tags give its turns, whom its narration names,
the scene's people); the candidate's standing as a speaker (chain_share, two_party, lines,
first_person); whether the rules' pick takes part in it (rule_far, quoted_only); and whether
it goes on the scene's conversation before (follows_scene, for the transition features).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .schema import INDEX, SCENE_PARAS, WINDOW_PARAS
from .turns import Doc, Turn, _decided, _fixed, breaks_between


PREV_CHAIN_PARAS = 10   # the conversation before is the same scene's when this close
RESUME_GAP = 3          # ... and its speakers the first turn's "before" when this close
SCENE_NAMED = 2         # the people the scene's narration names most, before the window


@dataclass
class _ChainInfo:
    """What a whole conversation says of each person, counted once."""

    calls: Counter
    """label -> turns of the conversation that call them by name."""
    anchored: Counter
    """label -> turns a tag gives them."""
    n_anchored: int
    fixed: set
    """The speakers of its turns the model does not decide."""
    prev_fixed: set
    """The same of the conversation before, when it ended no more than PREV_CHAIN_PARAS
    paragraphs before this one starts (the same scene)."""
    narrated: set
    """The people the narration names from the paragraph before the conversation on."""
    quoted: set
    """The people its quotes name."""
    scene: list
    """The SCENE_NAMED people the narration names most often in the paragraphs from
    SCENE_PARAS before the conversation up to its window (the latest first when as
    often): the scene's people, who may talk on unnamed ("Marlow" and "Madame Varenne",
    named all through the pages before, then only "he" and "she" for a dozen untagged
    turns). Candidates only where no tag names a speaker of the conversation: with more
    of them the model loses."""


def _chain_info(doc: Doc, c: int) -> _ChainInfo:
    """Conversation c's _ChainInfo, counted on first asking."""
    info = doc.chain_info.get(c)
    if info is None:
        chain = doc.chains[c]
        calls = Counter(lab for j in chain for lab in doc.vocatives.get(j, ()))
        anchored = Counter(doc.turns[j].anchor for j in chain if doc.turns[j].anchor)
        fixed = _fixed_speakers(doc, chain)
        first = doc.turns[chain[0]]
        before = doc.chains[c - 1] if c else []
        near = before and first.first - doc.turns[before[-1]].para <= PREV_CHAIN_PARAS
        narrated, quoted = set(), set()
        for p in range(first.first - 1, doc.turns[chain[-1]].para + 1):
            for _, lab, inside, _ in doc.mentions.get(p, ()):
                (quoted if inside else narrated).add(lab)
        info = doc.chain_info[c] = _ChainInfo(
            calls, anchored, sum(anchored.values()), fixed,
            _fixed_speakers(doc, before) if near else set(), narrated, quoted,
            _scene_named(doc, first.first))
    return info


def _scene_named(doc: Doc, start: int) -> list[str]:
    """_ChainInfo.scene for a conversation starting at paragraph ``start``."""
    counts: Counter = Counter()
    for p in range(start - WINDOW_PARAS - 1, max(-1, start - SCENE_PARAS - 1), -1):
        for _, lab, inside, _ in reversed(doc.mentions.get(p, ())):
            if not inside:
                counts[lab] += 1
    return [lab for lab, _ in counts.most_common(SCENE_NAMED)]


def follows_scene(doc: Doc, c: int) -> bool:
    """Whether conversation c goes on the one before over at most RESUME_GAP - 1 paragraphs
    of narration (too long to link them, LINK_GAP), and no scene break (Doc.breaks)."""
    if not c:
        return False
    first, last = doc.turns[doc.chains[c][0]], doc.turns[doc.chains[c - 1][-1]]
    return first.first - last.para <= RESUME_GAP and \
        not breaks_between(doc, last.para, first.first)


def _fixed_speakers(doc: Doc, chain: list[int]) -> set[str]:
    """Who speaks the turns of a conversation that the model does not decide."""
    return {_fixed(doc.turns[j]) for j in chain if not _decided(doc.turns[j])} - {""}


def _standing_features(doc: Doc, info: _ChainInfo, cand: str, f: dict) -> None:
    """The candidate as a speaker: their share of the turns tags give in this
    conversation (its _ChainInfo), whether they are one of its only two tagged speakers,
    how many lines tags give them in the whole text, and whether they are the narrator."""
    if info.anchored:
        f[INDEX["chain_share"]] = info.anchored[cand] / info.n_anchored
        f[INDEX["two_party"]] = float(len(info.anchored) == 2 and cand in info.anchored)
    f[INDEX["lines"]] = math.log1p(doc.lines.get(cand, 0)) / 5
    f[INDEX["first_person"]] = float(cand == doc.first_person)


def _taking_part(t: Turn, cand: str, info: _ChainInfo, f: dict) -> None:
    """Whether the rules chose someone who shows no sign of taking part in this
    conversation: the narration around it does not name them, and they speak none of its
    turns the model does not decide, nor of the same scene's conversation before. The
    rules' salience reaches back past the scene to whoever was named last; the people
    talking often go unnamed between their turns, but not all through the scene. And
    whether the candidate is only talked about: the conversation's quotes name them, its
    narration does not, and they speak none of its known turns ("Lettice will never be easy
    until she has exposed herself", between two of her sisters)."""
    named = cand in info.narrated or cand in info.fixed
    f[INDEX["rule_far"]] = float(cand == t.rule and not named and cand not in info.prev_fixed)
    f[INDEX["quoted_only"]] = float(cand in info.quoted and not named)
