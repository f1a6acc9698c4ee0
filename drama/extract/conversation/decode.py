"""Stage three of the conversation model: the likeliest speakers of a whole conversation.

Each turn's choice depends on who spoke the turns before (the transition features), so the
turns of a conversation are decided together, by a beam search over who spoke the turn
before each and the last one before them other than that speaker. Those two stay among a
turn's candidates (features.with_partners) however long the narration has not named them.
"""
from __future__ import annotations

import math

from .around import _near_pair, _turn_before
from .chain import follows_scene
from .features import candidates, sparse_emission, with_partners
from .mentions import entering
from .schema import EMISSION
from .turns import Doc, Turn, _decided, _fixed, _soft

BEAM = 8
PHASE_CHECK = -1.5
"""Log-score of a reading that has the speaker of a known turn also speak the untagged turn
just before it (_phase_check): chosen on half B's held-out turns (-0.8 / -1.5 / -3: 75.5 /
75.8 / 75.8%, none 75.2%)."""


def decide(doc: Doc, model: dict, pins: dict[int, str] | None = None
           ) -> dict[int, tuple[str, float]]:
    """Turn index -> (speaker, probability) for every turn the model decides, and for a
    turn of a soft anchor (Turn.trust) it overrules. ``pins`` (turn -> speaker): turns
    whose speaker is settled already, read as a tag's, the turns after them following
    them; they are not in the result (apply._decoded_again)."""
    pins = pins or {}
    need = _held_runs(doc, pins) if pins else None
    w = model["weights"]
    w_e, w_t = w[:len(EMISSION)], w[len(EMISSION):]
    out: dict[int, tuple[str, float]] = {}
    last: tuple = (None, None)
    for c, chain in enumerate(doc.chains):
        if need is not None and c not in need:
            continue
        last = last if follows_scene(doc, c) else (None, None)
        if any(_decided(doc.turns[k]) or _soft(doc.turns[k]) for k in chain):
            got, last = _decode(doc, chain, w_e, w_t, last, pins)
            out.update(got)
        else:
            last = _last_two(doc, chain)
    return out


def _held_runs(doc: Doc, pins: dict[int, str]) -> set[int]:
    """The conversations decide() decodes with ``pins``: each one holding a pinned turn,
    and those before it back to the first of the scene's run that follows_scene() links
    (whose opening reads no conversation before). The rest are left out: apply.
    _decoded_again reads only the conversations holding a pin, and the ones before such a
    run decode as they did without pins."""
    need: set[int] = set()
    for k in pins:
        c = doc.turns[k].chain
        while c not in need:
            need.add(c)
            if not follows_scene(doc, c):
                break
            c -= 1
    return need


def _last_two(doc: Doc, chain: list[int]) -> tuple:
    """Who spoke a conversation the model decides nothing of last, and the last other one."""
    p1 = p2 = None
    for k in chain:
        who = _fixed(doc.turns[k])
        reply = _reply_in(doc, k, who)
        p1, p2 = (reply, who) if reply else (who, _other(who, p1, p2))
    return p1, p2


def _decode(doc: Doc, chain: list[int], w_e, w_t, last: tuple, pins: dict[int, str]
            ) -> tuple[dict[int, tuple[str, float]], tuple]:
    """The likeliest speakers of one conversation's turns, by beam search over who spoke
    the turn before each and who spoke last before them (_other()), and the last two of
    its best reading. ``last``: the same of the scene's conversation before, which its
    first turn's transition features read, and which gives the one who speaks its first
    turn, when they spoke there, their last other one (_opening_other()). ``pins``: as
    decide() takes them."""
    # a state: (log-probability, prev1, the last speaker before that other than prev1,
    # choices so far as a linked list: (the choices before, (turn, who, log p)), or None;
    # p itself is taken only for the choices kept)
    beam = [(0.0, None, None, None)]
    for k in chain:
        t = doc.turns[k]
        soft = _soft(t)
        free = (_decided(t) or soft) and k not in pins
        cands = candidates(doc, k) if free else []
        if free and soft and t.anchor not in cands:
            cands = cands + [t.anchor]
        if not cands:       # a tagged turn, a pinned one, or one with no one in sight
            who = pins.get(k) or _fixed(t)
            beam = [(sc + _phase_check(doc, k, who, p1),
                     *state_after(doc, k, who, p1, p2, last), hist)
                    for sc, p1, p2, hist in beam]
            continue
        beam = _grown(doc, k, cands, soft, beam, w_e, w_t, last)
    _, p1, p2, hist = max(beam, key=lambda s: s[0])
    return _choices(doc, hist), (p1, p2)


def _grown(doc: Doc, k: int, cands: list[str], soft: bool, beam: list, w_e, w_t,
           last: tuple) -> list:
    """The beam (_decode()'s states) after turn k, spoken by one of cands (and their
    partners in sight, with_partners()): the BEAM best states, one per (speaker, other)."""
    t = doc.turns[k]
    base: dict[str, float] = {}
    grown = {}
    moves = _Transitions(doc, k, w_t)
    for sc, p1, p2, hist in beam:
        here = with_partners(doc, k, cands, *((p1, p2) if t.pos else last))
        for c in here:
            if c not in base:
                base[c] = sum([w_e[i] * x for i, x in sparse_emission(doc, k, c).items()])
        local = moves.scores(here, [base[c] for c in here], p1, p2,
                             last if t.pos == 0 else (None, None))
        top = max(local)
        logz = top + math.log(sum(math.exp(x - top) for x in local))
        if soft:
            local, logz = _soft_scores(t, here, local, logz), 0.0
        others = [_other(c, p1, p2) for c in here] if t.pos else \
            [_opening_other(doc, k, c, last) for c in here]    # next_other(), each c
        for c, x, other in zip(here, local, others):
            new = sc + x - logz
            key = (c, other)
            kept = grown.get(key)
            if kept is None or kept[0] < new:
                grown[key] = (new, c, other, (hist, (k, c, x - logz)))
    return sorted(grown.values(), key=lambda s: -s[0])[:BEAM]


def _choices(doc: Doc, hist) -> dict[int, tuple[str, float]]:
    """The turns' speakers chosen in a state's history (its linked list of choices), each
    with its probability, in order; a soft anchor kept is no choice."""
    choices = []
    while hist is not None:
        hist, choice = hist
        if choice[1] != doc.turns[choice[0]].anchor:
            choices.append(choice)
    return {k: (c, math.exp(log_p)) for k, c, log_p in reversed(choices)}


def _soft_scores(t: Turn, here: list[str], local: list[float], logz: float) -> list[float]:
    """Log-probabilities of the candidates of a turn whose anchor the decoder may overrule
    (turns.SOFT_CUES): the anchor with the turn's trust, and the rest shared as the model
    reads the turn given the state (local scores, their normaliser logz). The anchor's
    share then also weighs the states before it by how well they lead to it."""
    rest = [math.log1p(-t.trust) + x - logz for x in local]   # in log space: no underflow
    return [_log_add(r, math.log(t.trust)) if c == t.anchor and t.trust > 0 else r
            for c, r in zip(here, rest)]


def _log_add(a: float, b: float) -> float:
    """log(exp(a) + exp(b)), without leaving log space."""
    hi, lo = max(a, b), min(a, b)
    return hi + math.log1p(math.exp(lo - hi))


def _phase_check(doc: Doc, k: int, who: str, p1: str | None) -> float:
    """PHASE_CHECK when a known turn (a tag's, or the rules' reading) gives its speaker to
    the one the decoding has speaking the untagged turn just before it, with no narration
    between that would let them go on."""
    t = doc.turns[k]
    if not who or who != p1 or not t.pos or t.after_beat or t.after_tail:
        return 0.0
    return PHASE_CHECK if _decided(doc.turns[k - 1]) else 0.0


def _other(who: str | None, p1: str | None, p2: str | None) -> str | None:
    """After a turn of ``who`` that followed turns of p1 and, before p1, p2 (the last one
    other than p1): the last speaker other than ``who``. A speech over two paragraphs keeps
    the other one of the exchange, so the next turn can still go back to them."""
    return p1 if who != p1 else p2


def next_other(doc: Doc, k: int, who: str | None, p1: str | None, p2: str | None,
               last: tuple) -> str | None:
    """The last speaker other than ``who`` once ``who`` has spoken turn k, after turns of
    p1 and p2 (_other()), or, at a conversation's first turn, of the scene's conversation
    before (``last``: _opening_other()). Training builds its history with it too (not
    with state_after's reply inside a turn: with it, held out A 90.16 -> 90.10)."""
    if doc.turns[k].pos:
        return _other(who, p1, p2)
    return _opening_other(doc, k, who, last)


def state_after(doc: Doc, k: int, who: str | None, p1: str | None, p2: str | None,
                last: tuple) -> tuple[str | None, str | None]:
    """Who has spoken last and the last other one once ``who`` has spoken turn k (after
    p1 and p2: next_other()); when a reply inside the turn's paragraph ends it
    (Turn.hands_to), its speaker, then ``who``."""
    reply = _reply_in(doc, k, who)
    return (reply, who) if reply else (who, next_other(doc, k, who, p1, p2, last))


def _reply_in(doc: Doc, k: int, who: str | None) -> str | None:
    """Who replies inside turn k's paragraph to ``who``, its speaker (Turn.hands_to)."""
    reply = doc.turns[k].hands_to
    return reply if reply and who and reply != who else None


def _opening_other(doc: Doc, k: int, who: str | None, last: tuple) -> str | None:
    """The last other one after a conversation's first turn k, spoken by ``who``: when the
    scene's conversation before (``last``, its last two speakers) was theirs and another's,
    that other one, whom the second turn may answer for; else the one person turn k calls
    by name; else no one."""
    if who is not None and who in last:
        return last[1] if who == last[0] else last[0]
    called = doc.vocatives.get(k, ())
    return next(iter(called)) if len(called) == 1 and who not in called else None


def _with_transitions(doc: Doc, k: int, cands, base, p1, p2, w_t, last) -> list[float]:
    """base + w_t · transition(doc, k, c, p1, p2, last) for each candidate c (features.
    transition() spells out the same features): _Transitions for one state."""
    return _Transitions(doc, k, w_t).scores(cands, base, p1, p2, last)


class _Transitions:
    """The transition scores of turn k's candidates, state by state (scores()): what they
    read of the turn whoever spoke before is looked up once per turn, and each state's
    sums are computed once per state rather than per candidate."""

    def __init__(self, doc: Doc, k: int, w_t):
        self.doc, self.k, self.w_t = doc, k, w_t
        t = doc.turns[k]
        self.calls = doc.vocatives.get(k, ())
        self.before = doc.vocatives.get(k - 1, ()) if t.pos else ()
        self.came = entering(doc, k)
        self.pair = _near_pair(doc, t)

    def scores(self, cands, base, p1, p2, last) -> list[float]:
        """base + w_t · transition(doc, k, c, p1, p2, last) for each candidate c."""
        same, alt, third, answers, repeats, enters, w_beat, w_asked, w_gap, w_tail, w_out, \
            w_resumes, w_resumes_other, w_lead = self.w_t
        base = [b + (w_resumes if c == last[0] else w_resumes_other if c == last[1] else 0.0)
                for c, b in zip(cands, base)] if last[0] is not None else base
        pair = self.pair
        calls_p1 = p1 is not None and p1 in self.calls
        beat, asked, gap, tail = _turn_before(self.doc, self.k, p1)
        to_p1 = same + (repeats if p1 is not None and p1 in self.before else 0.0) + \
            w_beat * beat + w_gap * gap + w_tail * tail + \
            (w_lead if self.doc.turns[self.k].goes_on else 0.0)
        other = (answers if calls_p1 else 0.0) + w_asked * asked
        came = self.came if p1 is not None else ()
        out = []
        for c, b in zip(cands, base):
            if c == p1:
                out.append(b + to_p1)
                continue
            x = b + other + (enters if c in came and c != p2 else 0.0)
            if p2 is None:
                out.append(x)
            elif c == p2:
                out.append(x + alt)
            else:
                out.append(x + third + (w_out if pair and c not in pair else 0.0))
        return out
