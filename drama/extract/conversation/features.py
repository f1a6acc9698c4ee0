"""Stage two of the conversation model: who could speak a turn, and what speaks for each.

For a turn the model decides, each person who could be speaking (candidates()) is
described by features of the conversation around the turn:

- alternation: whether the person is the one a tag names one, two, three or four turns
  before or after (in a two-person exchange the speaker two turns back speaks again), and
  whether the nearest such turn either side, however far, is theirs an even or an odd
  number of turns away (apart when narration lies between, where one may go on);
- address: whether the turn before or after calls the person by name ("Very well, Miss
  Pennock": the turn before was hers), or this turn does (then it is someone else);
  whether the turn after names the person without calling them (then it was seldom
  theirs: the one answering says "you" to the last speaker); whether the person is of
  the sex the turn before or after calls its listener by ("Yes, sir.": _called_sex_features);
  and whether the narration of the turn before speaks to the person ("“…,” she said to
  Pellow", "I asked Mike": then they most often answer);
- the pair talking: whether the turns a tag (or the rules' vocative or running speech)
  gives a speaker within eight turns either side are the candidate's and one other's,
  and (given who spoke before) whether the candidate is a third one breaking into that pair;
- the narration: whether the person is the subject of the narration just before the turn,
  in the same paragraph or in a beat of narration between turns, or is named after it;
- salience: how lately and how often the person was named and spoke; for a turn tagged
  "he said", where the person stands among those of that sex named lately, and whether the
  narration last named them as the one acting (the scene's "he", even pages on);
- the turn before: a paragraph of narration between it and this turn, or narration
  running on after its last quote past the tag (the one who spoke last often goes on
  after it, above all when it opens on their "he"/"she": "He winced a little." / his
  next line), and whether it asked a question (then the other answers);
- the turn's own words: the candidate's share of the known turns that set off the same
  phrase (a form of address, a set reply: _form_features);
- the rules' own guess, by the rule that made it, as evidence among the rest, and whether
  the one it names shows no sign of taking part in the conversation, and whether a
  candidate is only talked about in it (_taking_part).

The emission features (EMISSION) do not depend on who spoke before; the transition
features (TRANSITION) do, and the decoder (decode.py) weighs them state by state.

This module gives the candidates and assembles a candidate's features from the groups,
one module each: schema.py (the features' names and order), around.py (the turns around:
alternation, parity, the pair talking, the turn before), address.py (calls, names, the
turn's own words), chain.py (the conversation as a whole, standing, taking part) and
mentions.py (the narration's mentions, salience, pronoun tags, who enters).
"""
from __future__ import annotations

from .address import _address_features, _form_features
from .around import _alternation_features, _around, _near_pair, _parity_features, _turn_before
from .chain import _chain_info, _standing_features, _taking_part
from .mentions import _narration_features, _pronoun_features, _salience_features, entering
from .schema import EMISSION, INDEX, REACH, RULE_CUES, SCENE_PARAS, WINDOW_PARAS
from ..structure import scene_start
from .turns import Doc, Turn, breaks_between

MAX_TAGGED = 40
"""A conversation's tagged speakers are all candidates of its turns (13 at most in a dev
novel's); past this many (a crowd of hundreds, each tagged once) only those of the
MAX_TAGGED turns around the turn are: each turn weighing everyone made the time grow with
the square of the cast (a megabyte of 20,000 names did not end in an hour)."""


def candidates(doc: Doc, k: int) -> list[str]:
    """Who may be speaking turn k: the tagged speakers of its conversation nearby, the
    people the turns near it call (not across a heading), the people named around it since
    the scene's last break (a chapter heading: who was named or called before it is of
    another scene; round 41, The Invisible Man's tale after a heading went to a place
    named, and a name called, at the end of the chapter before), in a conversation no tag
    gives a speaker also the scene's people (_ChainInfo.scene), the one the rules chose,
    and the narrator-character; never one the turn calls by name ("Come in, Tobin": not
    Tobin's), unless no one else is there.
    (The decoder adds the two who spoke last as it reads them: with_partners().)"""
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    # the conversation's tagged speakers, in the order they first speak
    info = _chain_info(doc, t.chain)
    out: dict[str, None] = dict.fromkeys(_tagged_around(doc, info.anchored, chain, t.pos))
    for j in chain[max(0, t.pos - REACH):t.pos + REACH + 1]:
        if doc.turns[j].rule:   # "" where the rules found no one
            out.setdefault(doc.turns[j].rule, None)
    for j in _near_in_scene(doc, k):
        for lab in doc.vocatives.get(j, ()):
            out.setdefault(lab, None)
    # the people named since the conversation's window, within its scene
    first = max(doc.turns[chain[0]].first - WINDOW_PARAS, t.first - SCENE_PARAS,
                scene_start(doc.breaks, doc.turns[chain[0]].first))
    for p in range(first, t.para + 2):
        for _, lab, _, _ in doc.mentions.get(p, ()):
            out.setdefault(lab, None)
    if not info.anchored:   # no tag names anyone: the pair talking may be named pages before
        out.update(dict.fromkeys(info.scene))
    if t.rule:
        out.setdefault(t.rule, None)
    if doc.first_person:
        out.setdefault(doc.first_person, None)
    calls = called_in(doc, k)
    out = [c for c in out if c not in calls] or list(out)
    return _of_tagged_sex(doc, t, out)


def called_in(doc: Doc, k: int) -> set[str]:
    """Everyone turn k calls by name, its first call and those after it: none of them is
    its speaker."""
    return doc.vocatives.get(k, set()) | doc.later_calls.get(k, set())


def _near_in_scene(doc: Doc, k: int) -> list[int]:
    """The turns two either side of turn k with no scene break (a chapter heading) between
    them and k: whom they call may be speaking k, across a long beat too (the one called
    answers after it), but not across a heading."""
    t = doc.turns[k]
    return [j for j in (k - 2, k - 1, k + 1, k + 2) if 0 <= j < len(doc.turns) and
            not breaks_between(doc, min(t.para, doc.turns[j].para),
                               max(t.first, doc.turns[j].first))]


def _tagged_around(doc: Doc, anchored, chain: list[int], pos: int):
    """The tagged speakers of a conversation a turn's candidates start from (candidates()):
    all of them (anchored: its _ChainInfo's, in the order they first speak), or, past
    MAX_TAGGED of them, those of the MAX_TAGGED turns around turn ``pos`` of it."""
    if len(anchored) <= MAX_TAGGED:
        return anchored
    lo = max(0, min(pos - MAX_TAGGED // 2, len(chain) - MAX_TAGGED))
    return [doc.turns[j].anchor for j in chain[lo:lo + MAX_TAGGED] if doc.turns[j].anchor]


def with_partners(doc: Doc, k: int, cands: list[str], prev1: str | None,
                  prev2: str | None) -> list[str]:
    """turn k's candidates and, when missing from them, the two who spoke last before it in
    its conversation as the decoding has it (decode._other()): people talking are still
    there when the narration has not named them for pages ("the man" of a long exchange).
    Not one the turn calls by name, nor one of the other sex than its "he"/"she" tag."""
    calls = called_in(doc, k)
    extra = [x for x in (prev1, prev2) if x and x not in cands and x not in calls]
    return cands + _of_tagged_sex(doc, doc.turns[k], extra, strict=True) if extra else cands


def _of_tagged_sex(doc: Doc, t: Turn, cands: list[str], strict: bool = False) -> list[str]:
    """A turn tagged "she said" is no man's, nor "he said" a woman's: of the candidates,
    those whose sex the text does not contradict, unless that leaves no one. The first-person
    narrator ("1") stays, as pron_clash leaves them to the first_person weight. strict: none
    rather than all when none fits (the partners with_partners() adds)."""
    if t.pronoun is None:
        return cands
    fit = [c for c in cands if doc.gender.get(c) in (None, t.pronoun, "1")]
    return fit if fit or strict else cands


def candidates_all(doc: Doc) -> set[str]:
    """Everyone who could be a candidate of some turn, however far its conversation reaches:
    the people whose sex the features need to know. The turns' reaches (SCENE_PARAS
    paragraphs back, one on) overlap, so each paragraph is read once, from the end of the
    reach before."""
    out = {x for t in doc.turns for x in (t.anchor, t.rule) if x}
    read_up_to = -SCENE_PARAS
    for t in doc.turns:
        for p in range(max(t.first - SCENE_PARAS, read_up_to), t.para + 2):
            out.update(lab for _, lab, _, _ in doc.mentions.get(p, ()))
        read_up_to = max(read_up_to, t.para + 2)
    return out


def emission(doc: Doc, k: int, cand: str) -> list[float]:
    """The features of one candidate for turn k that do not depend on the turns before."""
    f = [0.0] * len(EMISSION)
    for i, x in sparse_emission(doc, k, cand).items():
        f[i] = x
    return f


def sparse_emission(doc: Doc, k: int, cand: str) -> dict[int, float]:
    """emission() as {feature index: value}, the zeros left out or few (for decoding)."""
    f: dict[int, float] = {}
    t = doc.turns[k]
    around, info = _around(doc, t), _chain_info(doc, t.chain)     # looked up once
    _alternation_features(around, cand, f)
    _parity_features(around, cand, f)
    f[INDEX["near_pair"]] = float(cand in _near_pair(doc, t))
    _rule_features(doc, t, cand, f)
    _taking_part(t, cand, info, f)
    _address_features(doc, k, around, info, cand, f)
    _form_features(doc, t, cand, f)
    _narration_features(doc, t, around, cand, f)
    _salience_features(doc, t, cand, f)
    _standing_features(doc, info, cand, f)
    _pronoun_features(doc, t, cand, f)
    return f


def _rule_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Whether the rules chose the candidate, and by which rule."""
    if t.rule != cand:
        return
    f[INDEX["rule"]] = 1.0
    # a description the rules resolved ("a delegate barred his way … he said")
    f[INDEX["rule_unnamed"]] = unnamed = float(cand not in doc.mention_paras)
    # … brought in by the narration just before ("a delegate barred his way")
    head = cand.lower().split()[-1] if cand else ""
    f[INDEX["rule_in_beat"]] = float(bool(unnamed and head and head in t.beat))
    if t.cue in RULE_CUES:
        f[INDEX[f"rule:{t.cue}"]] = 1.0


def transition(doc: Doc, k: int, cand: str, prev1: str | None, prev2: str | None,
               last: tuple = (None, None)) -> list[float]:
    """The features of one candidate for turn k given the speaker of the turn before it in
    its conversation and the last speaker before that other than them (None at its start;
    decode._other()). A third one (neither of those two) is less likely still when the
    known turns around name a pair talking (_near_pair) and they are not of it. ``last``:
    at a conversation's first turn, the same two of the scene's conversation before
    (follows_scene), when it goes on after a long beat ("The kettle boiled over just then.
    … ¶ “But I promise you,” she added"). The one before goes on, too, where the turn's
    lead-in says so ("After a short pause, she added,": Turn.goes_on)."""
    t = doc.turns[k]
    calls = doc.vocatives.get(k, ())
    before = doc.vocatives.get(k - 1, ()) if t.pos else ()
    new = prev1 is not None and cand != prev1 and cand != prev2
    third = prev2 is not None and cand != prev1 and cand != prev2
    pair = _near_pair(doc, t)
    beat, asked, gap, tail = _turn_before(doc, k, prev1)
    return [float(cand == prev1),
            float(prev2 is not None and cand == prev2 and cand != prev1),
            float(third),
            float(prev1 is not None and prev1 in calls and cand != prev1),
            float(prev1 is not None and prev1 in before and cand == prev1),
            float(new and cand in entering(doc, k)),
            float(beat and cand == prev1),
            float(asked and cand != prev1),
            float(gap and cand == prev1),
            float(tail and cand == prev1),
            float(third and bool(pair) and cand not in pair),
            float(last[0] is not None and cand == last[0]),
            float(last[1] is not None and cand == last[1]),
            float(t.goes_on and cand == prev1)]
