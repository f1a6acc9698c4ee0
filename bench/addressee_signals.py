#!/usr/bin/env python3
"""Whom the narration says a turn is spoken to, sized as word_signals.py sizes its signals
(the model trained on the other half, decoding the tested half; the same table).

The narration's addressees are turns.told_to()'s: a person named after "to" in the clause
of a verb of saying or of "turn" ("said Kasim to Pellow", "turning to Mrs. Quayle"), after
"at" and a verb of looking ("He looked at Hester"), or as the object right after a verb of
saying with its subject before it ("I asked Mike"). Signals (signs on a candidate):

- told_prev: the narration of the turn before (its paragraph, and the beat paragraphs
  between it and the turn before it) speaks to the candidate: they answer now (+1);
- told_lead: the narration just before this turn (the beat paragraphs since the turn
  before, and this paragraph up to its first quote) speaks to the candidate: this turn is
  spoken to them, not by them (-1);
- told_tail: this turn's paragraph after its first quote does ("“…,” he said to Pellow"):
  -1;
- told_subj: when told_lead fires, the one the same paragraph names as a subject before
  the addressee ("Kasim turned to Pellow"): the speaker (+1);
- each of the first three again by how the narration tells it (_to, _at, _object);
- told_prev_sex / told_lead_sex: the same two read off a "him"/"her" the narration speaks
  or looks to ("turned to her"; not "her mother"): the one answering is of that sex (+1,
  the other sex -1) / the speaker is not (-1, +1).

Round 25 (addr25), half B, 3,369 right and 793 wrong turns: told_prev for the gold 9, for
the wrong pick 3, right turns at risk 13, backed 11 (by "at" 0 / 2 / 3 / 1); told_lead 2 /
0 / 2 / 0; told_subj 1 / 0 / 2 / 6; the sexes 2 / 2 / 10 / 6 and 0 / 0 / 8 / 4.

    .venv/bin/python bench/addressee_signals.py [--test A|B] [--only NOVEL ...] [--show SIGNAL N]
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import word_signals as W  # noqa: E402
from drama.extract.conversation.turns import told_to  # noqa: E402


def told_in(doc, paras, lo: int = -1, hi: int | None = None):
    """(offset, label, how) the narration of these paragraphs speaks to, between offsets."""
    return [x for p in paras for x in doc.told.get(p, ())
            if x[0] > lo and (hi is None or x[0] < hi)]


def signals(novel, k: int, cands, prev) -> dict[str, dict[str, int]]:
    doc, t = novel.doc, novel.doc.turns[k]
    chain = doc.chains[t.chain]
    before = doc.turns[chain[t.pos - 1]] if t.pos else None
    out: dict[str, dict[str, int]] = {}
    prev_told, lead, tail = [], [], []
    if before is not None:
        start = doc.turns[chain[t.pos - 2]].para + 1 if t.pos > 1 else before.para
        prev_told = told_in(doc, range(start, before.para + 1))
        lead = told_in(doc, range(before.para + 1, t.para)) + \
            told_in(doc, [t.para], hi=t.open)
    else:
        lead = told_in(doc, [t.para], hi=t.open)
    tail = told_in(doc, [t.para], lo=t.open)
    for name, hits, sign in (("told_prev", prev_told, 1), ("told_lead", lead, -1),
                             ("told_tail", tail, -1)):
        out[name] = {c: sign if any(lab == c for _, lab, _ in hits) else 0 for c in cands}
        for how in ("to", "at", "object"):
            out[f"{name}_{how}"] = {c: sign if any(lab == c and h == how for _, lab, h in hits)
                                    else 0 for c in cands}
    subj = set()
    for s, lab, _ in lead:
        p = next(p for p in range(t.para, -1, -1) if any(x[0] == s for x in doc.told.get(p, ())))
        named = [m for m in doc.mentions.get(p, ()) if m[3] and not m[2] and m[0] < s
                 and m[1] != lab]
        if named:
            subj.add(named[-1][1])
    out["told_subj"] = {c: 1 if c in subj else 0 for c in cands}
    return out


OBJECT_PRONOUN = re.compile(r"\b(him|her)\b(?!\s+[a-z]+(?<!and)(?<!with)(?<!again)\b)")


def told_sex(novel, lo: int, hi: int) -> set[str]:
    """The sexes of the "him"/"her" the narration between offsets lo and hi speaks or looks
    to ("turned to her", "looked at him", "asked her"; not "her mother"), outside quotes."""
    text, out = novel.text, set()
    for m in OBJECT_PRONOUN.finditer(text, lo, hi):
        if inside_quote(novel, m.start()):
            continue
        if told_to(text, m.start(), m.end()):
            out.add("m" if m.group(1) == "him" else "f")
    return out


def inside_quote(novel, pos: int) -> bool:
    i = bisect_right(novel.qstarts, pos) - 1
    return i >= 0 and novel.quotes[i].open <= pos < novel.quotes[i].close


def sex_signals(novel, k: int, cands, out) -> None:
    doc, t = novel.doc, novel.doc.turns[k]
    if not hasattr(novel, "qstarts"):
        novel.qstarts = [q.open for q in novel.quotes]
    chain = doc.chains[t.chain]
    paras = novel.paras
    before = doc.turns[chain[t.pos - 1]] if t.pos else None

    def by_sex(sexes, sign):
        if len(sexes) != 1:
            return {c: 0 for c in cands}
        sex = next(iter(sexes))
        return {c: (sign if doc.gender.get(c) == sex else -sign)
                if doc.gender.get(c) in ("m", "f") else 0 for c in cands}
    if before is not None:
        start = paras[doc.turns[chain[t.pos - 2]].para + 1][0] if t.pos > 1 else \
            paras[before.para][0]
        out["told_prev_sex"] = by_sex(told_sex(novel, start, paras[before.para][1]), 1)
        lead_from = paras[before.para][1]
    else:
        lead_from = paras[t.para][0]
    out["told_lead_sex"] = by_sex(told_sex(novel, lead_from, t.open), -1)


def all_signals(novel, k: int, cands, prev) -> dict[str, dict[str, int]]:
    out = signals(novel, k, cands, prev)
    sex_signals(novel, k, cands, out)
    return out


if __name__ == "__main__":
    sys.exit(W.main(None, all_signals))
