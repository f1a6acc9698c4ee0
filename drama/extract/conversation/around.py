"""The conversation model's features of the turns around a turn: whether the speakers of
the turns up to REACH either side (alternation: prev1 …, nb_prev1 …) and of the nearest
known turn either side, an even or an odd number of turns away (parity: par_*), are the
candidate's; the pair talking (_near_pair: near_pair, third_outside_pair); and what lies
between a turn and the one before it (_turn_before, for the transition features). What the
turns around say is worked out once per turn and kept (_Around, Doc.around).
"""
from __future__ import annotations

from dataclasses import dataclass

from .schema import INDEX, REACH
from .turns import Doc, Turn, _decided, _fixed


PAIR_REACH = 8          # turns either side whose fixed speakers say who the pair talking is


def _alternation_features(around: _Around, cand: str, f: dict) -> None:
    """Whether the turns up to REACH before and after this one in its conversation (its
    _Around) are the candidate's: by a tag (prev1 …), or by a tag or the rules' choice
    (nb_prev1 …)."""
    for i in around.alternation.get(cand, ()):
        f[i] = 1.0


def _parity_features(around: _Around, cand: str, f: dict) -> None:
    """Whether the nearest turn before (after) this one in its conversation that the model
    does not decide (a tag's, or the rules' vocative or running speech) is the candidate's,
    an even or an odd number of turns away: in a two-person exchange each speaks every
    other turn, however long the untagged run between two tags ("…," said Pellow / … /
    … / … / "…," said Kasim), which the features of the four turns either side miss. (The
    turn's _Around.)"""
    for i, lab in around.parity:
        if lab == cand:
            f[i] = 1.0


@dataclass
class _Around:
    """What the turns around a turn say, whoever the candidate: worked out once per turn
    and kept (Doc.around), as sparse_emission() is asked for every candidate of a turn."""

    alternation: dict
    """label -> the feature indices of prev1 … nb_next4 that are theirs, in the order the
    features are set."""
    parity: list
    """(feature index, label) for par_prev(_odd) and par_next(_odd), the same."""
    called: tuple
    """The labels the turns k-1, k+1, k-2, k+2 of the same conversation call by name."""
    beat: int | None
    """The paragraph before the turn when it is narration between turns (_beat_before)."""


def _around(doc: Doc, t: Turn) -> _Around:
    """Turn t's _Around, worked out on first asking."""
    key = (t.chain, t.pos)
    got = doc.around.get(key)
    if got is None:
        chain = doc.chains[t.chain]
        got = doc.around[key] = _Around(_alternating(doc, t, chain), _parities(doc, t, chain),
                                        _called_near(doc, chain[t.pos], t),
                                        _beat_before(doc, t, chain))
    return got


def _alternating(doc: Doc, t: Turn, chain: list[int]) -> dict[str | None, list[int]]:
    """_Around.alternation: the tag's and the tag's or rules' speaker, REACH turns either side."""
    out: dict[str | None, list[int]] = {}
    for d in range(1, REACH + 1):
        for side, j in (("prev", t.pos - d), ("next", t.pos + d)):
            if 0 <= j < len(chain):
                other = doc.turns[chain[j]]
                out.setdefault(other.anchor, []).append(INDEX[f"{side}{d}"])
                out.setdefault(other.anchor or other.rule, []).append(INDEX[f"nb_{side}{d}"])
    return out


def _parities(doc: Doc, t: Turn, chain: list[int]) -> list[tuple[int, str]]:
    """_Around.parity: the nearest turn either side the model does not decide, its speaker,
    as par_* when nothing lies between where the one who spoke may go on, as par_*_beat
    when something does (a paragraph of narration, Turn.after_beat, or a turn's narration
    running on past its tag, Turn.after_tail, after which the one who spoke last often goes
    on: _chain_reach). Across such a place the parity says little: on
    half B (round 15; the model's turns, the true speakers) it was right for 52% of them
    across a paragraph of narration, 65% across narration running on past a tag, 88% with
    neither; apart, each kind learns its own weight."""
    before, after, beats = _chain_reach(doc, t.chain)
    out = []
    for side, j in (("prev", before[t.pos]), ("next", after[t.pos])):
        if 0 <= j < len(chain):
            lo, hi = min(t.pos, j), max(t.pos, j)
            name = f"par_{side}" + ("_odd" if abs(j - t.pos) % 2 else "") + \
                ("_beat" if beats[hi + 1] > beats[lo + 1] else "")
            out.append((INDEX[name], _fixed(doc.turns[chain[j]])))
    return out


def _chain_reach(doc: Doc, c: int) -> tuple[list[int], list[int], list[int]]:
    """For each position of conversation c: the nearest position before it whose turn the
    model does not decide (-1 for none), the nearest after it (the chain's length for
    none); and the count of turns before each position after a beat (Turn.after_beat or
    after_tail: one lies between positions a < b when the counts at a+1 and b+1 differ).
    Worked out once per conversation (Doc.around), as a walk per turn was quadratic:
    20,000 paragraphs of unbalanced quotes, one conversation of turns no tag names, took
    minutes."""
    key = ("reach", c)
    if key not in doc.around:
        turns = [doc.turns[k] for k in doc.chains[c]]
        n = len(turns)
        before, after, beats = [-1] * n, [n] * n, [0] * (n + 1)
        for p in range(1, n):
            before[p] = p - 1 if not _decided(turns[p - 1]) else before[p - 1]
        for p in range(n - 2, -1, -1):
            after[p] = p + 1 if not _decided(turns[p + 1]) else after[p + 1]
        for p, turn in enumerate(turns):
            beats[p + 1] = beats[p] + bool(turn.after_beat or turn.after_tail)
        doc.around[key] = before, after, beats
    return doc.around[key]


def _called_near(doc: Doc, k: int, t: Turn) -> tuple:
    """_Around.called: who turns k-1, k+1, k-2, k+2 call by name, if in t's conversation."""
    def called(j: int):
        if 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain:
            return doc.vocatives.get(j, ())
        return ()
    return tuple(called(k + d) for d in (-1, 1, -2, 2))


def _beat_before(doc: Doc, t: Turn, chain: list[int]) -> int | None:
    """_Around.beat: the paragraph before turn t, unless it is the paragraph of t or of the
    turn before it in its conversation (then it is no beat of narration between turns)."""
    beat = t.first - 1
    if beat < 0 or any(doc.turns[j].para == beat for j in chain[max(0, t.pos - 1):t.pos + 1]):
        return None
    return beat


def _near_pair(doc: Doc, t: Turn) -> set[str]:
    """The two people the turns around this one that the model does not decide give their
    speakers to, PAIR_REACH turns either side, when they are two (else none): the pair
    talking now, though the whole conversation, a long scene, has more people in it."""
    key = (t.chain, t.pos)
    if key not in doc.pairs:
        chain = doc.chains[t.chain]
        near = {_fixed(doc.turns[j]) for j in chain[max(0, t.pos - PAIR_REACH):
                                                     t.pos + PAIR_REACH + 1]
                if not _decided(doc.turns[j])}
        doc.pairs[key] = near if len(near) == 2 else set()
    return doc.pairs[key]


def _turn_before(doc: Doc, k: int, prev1: str | None) -> tuple[bool, bool, bool, bool]:
    """What lies between turn k and the turn before it, spoken by prev1: a pronoun beat that
    can be prev1's, a question prev1 asked with no narration between (the other answers),
    a paragraph of narration between or a lead-in that says its speaker goes on (Turn.
    goes_on: "After a pause, she added,"), prev1's turn running on past its tag (the last
    three each say prev1 goes on). All false at a conversation's start."""
    t = doc.turns[k]
    if prev1 is None or not t.pos:
        return False, False, False, False
    return (_beat_is_theirs(doc, t, prev1), doc.turns[k - 1].asks and not t.after_beat,
            t.after_beat or t.goes_on, t.after_tail)


def _beat_is_theirs(doc: Doc, t: Turn, prev1: str) -> bool:
    """Whether the pronoun beat before turn t (Turn.beat_pron) can be the last speaker's:
    their sex, or a sex the text does not say. (Its sex pointing to the other one of a
    man and a woman talking was tried as a feature too: it learned no weight.)"""
    return t.beat_pron is not None and doc.gender.get(prev1) in (None, t.beat_pron)
