"""The conversation model's features of how the turns speak to people: whom the turns
around call by name (voc_*), name without calling (named_next) or call by their sex
("sir": called_sex_*, called_clash_*), whom the narration of the turn before speaks to
(told_prev), and the candidate's share of the known turns that use a phrase of this one
(the turn's own words: form_share).
"""
from __future__ import annotations

from collections import Counter

from .around import _Around
from .chain import _ChainInfo
from .schema import INDEX
from .turns import Doc, Turn, _decided, _fixed


def _address_features(doc: Doc, k: int, around: _Around, info: _ChainInfo, cand: str,
                       f: dict) -> None:
    """Whether the turns near turn k in its conversation (its _Around), or this one, or any
    of the conversation's others (its _ChainInfo), call the candidate by name."""
    t = doc.turns[k]
    prev, nxt, prev2, next2 = around.called
    self_called = cand in doc.vocatives.get(k, ())
    f[INDEX["voc_prev"]] = float(cand in prev)
    f[INDEX["voc_next"]] = float(cand in nxt)
    f[INDEX["voc_self"]] = float(self_called)
    f[INDEX["voc_prev2"]] = float(cand in prev2)
    f[INDEX["voc_next2"]] = float(cand in next2)
    f[INDEX["voc_chain"]] = float(info.calls[cand] > self_called)
    f[INDEX["named_next"]] = float(cand in _named_in_next(doc, k, t))
    if t.pos:
        f[INDEX["told_prev"]] = float(cand in _told_around(doc, k - 1))
    _called_sex_features(doc, k, t, cand, f)


def _called_sex_features(doc: Doc, k: int, t: Turn, cand: str, f: dict) -> None:
    """Whether the candidate is of the sex, or of the other sex, that the turn before or
    the turn after (in the same conversation) calls the one it speaks to by ("sir",
    "ma'am", "my dear girl": Turn.calls_sex): one answers the one who called them so, and
    one is called so by the one who answers. (Tried, round 25: titled names as sexed calls,
    which lost half B held out; only where the pair talking is a man and a woman, which
    changed nothing; this turn's own call against its speaker had nothing to fix.)"""
    g = doc.gender.get(cand)
    if g not in ("m", "f"):
        return
    for side, j in (("prev", k - 1), ("next", k + 1)):
        if 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain and doc.turns[j].calls_sex:
            f[INDEX["called_sex_" + side if doc.turns[j].calls_sex == g
                    else "called_clash_" + side]] = 1.0


def _told_around(doc: Doc, k: int) -> set[str]:
    """The people the narration of turn k speaks to (Doc.told): in its paragraphs outside
    its quotes, and in the beat of narration since the turn before in its conversation (or
    the paragraph before its first). "“…,” she said to Pellow" / the next turn: most often
    Pellow's answer. Not those it only looks at ("He looked at Hester"): on half B's model
    turns (bench/addressee_signals.py, told_prev_at) a look named the one answering once in
    six. Kept (Doc.around)."""
    key = ("told", k)
    got = doc.around.get(key)
    if got is None:
        t = doc.turns[k]
        first = doc.turns[k - 1].para + 1 if t.pos else t.first - 1
        got = doc.around[key] = {lab for p in range(first, t.para + 1)
                                 for _, lab, how in doc.told.get(p, ()) if how != "at"}
    return got


def _named_in_next(doc: Doc, k: int, t: Turn) -> set[str]:
    """The people the quotes of the turn after k name without calling them, when it is of
    k's conversation (else none): one who answers speaks to the last speaker as "you", not
    of them by name ("“… and that is all I know.” ¶ “Did Carl tell you so?”": Carl is
    seldom the one who spoke turn k). Kept (Doc.around), as every candidate of
    the turn asks the same."""
    j = k + 1
    if j >= len(doc.turns) or doc.turns[j].chain != t.chain:
        return set()
    key = ("named", j)
    got = doc.around.get(key)
    if got is None:
        nxt = doc.turns[j]
        got = doc.around[key] = {lab for p in range(nxt.first, nxt.para + 1)
                                 for _, lab, inside, _ in doc.mentions.get(p, ()) if inside} - \
            set(doc.vocatives.get(j, ()))
    return got


def _form_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """The candidate's share of the known turns of the book (tagged, or the rules'
    vocative or running speech) that set off a phrase of this turn, of the phrase they
    have most of (smoothed by one): the way a person calls another and their set replies
    are their own ("Mr. Pellow" is how Kasim calls him, "my dear" one speaker's, "sir" a
    servant's). The model's turns are never known ones, so a turn is no evidence for itself."""
    if t.forms:
        users = _form_users(doc)
        f[INDEX["form_share"]] = max(users[x][cand] / (1 + sum(users[x].values()))
                                     if x in users else 0.0 for x in t.forms)


def _form_users(doc: Doc) -> dict[str, Counter]:
    """Phrase -> the speakers of the known turns (tagged, or the rules' vocative or running
    speech) that set it off: counted once per book."""
    if doc.form_users is None:
        doc.form_users = {}
        for t in doc.turns:
            who = _fixed(t)
            if who and not _decided(t):
                for x in t.forms:
                    doc.form_users.setdefault(x, Counter())[who] += 1
    return doc.form_users
