#!/usr/bin/env python3
"""The turns whose own lead-in names their speaker, held out: what the model makes of them.

The lead-in is the narration of a turn's paragraph before its first quote ("A flush rose to
May's forehead. She looked across the table ... and said: “…”"); a candidate named there
has the emission feature `narr_any` (and `narr_subj` when the mention opens a clause). The
model is trained on the other half (as conversation_errors.py, two rounds) and decodes the
tested half, whole conversations. For the decided turns with a gold speaker and candidates,
by the conversation's distinct gold speakers (2 or fewer, 3+):

- how many turns have the gold one named in the lead-in, right and wrong; how many have
  another candidate named there and not the gold one (the risk of trusting it more);
- at the wrong turns where the gold one is named in the lead-in and the chosen one not
  ("reach"): which features tell them apart, as weight x (gold's value - chosen's) with the
  decoded history (the score the decoder gives one turn; summed over those turns);
- the same for the quote naming the chosen one in the third person (`in_quote`): wrong
  turns where the chosen one is named inside the turn's own quotes and the gold one not.

--marks: other emission features to count the same way (a negative one, like in_quote, by
the chosen one having it: NEGATIVE); a feature the cached model has no weight for is
weighed 0 (its counts still hold: they do not depend on the weights).

    PYTHONPATH=. python bench/lead_in_turns.py [--test B] [--cache F] [--show N] [--marks F ...]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.schema import EMISSION, INDEX  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

MARKS = ("narr_any", "narr_subj", "in_quote")
NEGATIVE = ("in_quote", "in_quote_subj")
"""Features that point away from the candidate: counted at the wrong turns where the chosen
one has them and the gold one not."""


def parties(novel: T.Novel, k: int) -> str:
    """"2-" or "3+": the distinct gold speakers of turn k's conversation."""
    chain = novel.doc.chains[novel.doc.turns[k].chain]
    n = len({novel.gold[j] for j in chain if novel.gold[j] is not None})
    return "2-" if n <= 2 else "3+"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    T.held_out_arguments(ap)
    ap.add_argument("--show", type=int, default=0, help="wrong reach turns to print")
    ap.add_argument("--marks", nargs="*", default=[], help="more emission features to count")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only, args.cache)
    model = padded(model)
    marks = MARKS + tuple(args.marks)
    w = np.array(model["weights"])
    c: Counter = Counter()
    gap: dict = defaultdict(lambda: np.zeros(len(w)))
    shown = 0
    for name in test:
        nv = novels[name]
        doc = nv.doc
        decoded = C.decide(doc, model)
        for k, t in enumerate(doc.turns):
            if not _decided(t) or nv.gold[k] is None or k not in decoded:
                continue
            read = nv.turn_features(k, decoded)
            if read is None:
                continue
            cands, x, _ = read
            ok = np.array([nv.same(cc, k) for cc in cands])
            if not ok.any():
                continue
            b = parties(nv, k)
            chosen = decoded[k][0]
            right = nv.same(chosen, k)
            res = "right" if right else "wrong"
            ci = cands.index(chosen) if chosen in cands else None
            c[b, res] += 1
            for m in marks:
                col = x[:, INDEX[m]] > 0
                gold_has = bool(col[ok].any())
                other = bool(col[~ok].any())
                c[b, res, m, "gold has"] += gold_has
                if right:
                    c[b, res, m, "risk: another has, gold not"] += other and not gold_has
                else:
                    chosen_has = ci is not None and bool(col[ci])
                    c[b, res, m, "chosen has"] += chosen_has
                    if m in NEGATIVE:
                        key = "chosen has, gold not"
                        hit = chosen_has and not gold_has
                    else:
                        key = "gold has, chosen not"
                        hit = gold_has and not chosen_has
                    c[b, res, m, key] += hit
                    if hit and ci is not None:
                        g = int(np.flatnonzero(ok)[0])
                        gap[b, m] += w * (x[g] - x[ci])
                        c[b, m, "margin<1"] += float((x[ci] - x[g]) @ w) < 1.0
                        if m == "narr_any" and shown < args.show:
                            shown += 1
                            show(nv, name, k, cands, x, g, ci, w)
    report(c, gap, marks)
    return 0


def padded(model: dict) -> dict:
    """The model with a weight of 0 for the emission features it was trained without (the
    ones added after it, at the end of EMISSION)."""
    extra = len(C.FEATURES) - len(model["weights"])
    if extra <= 0:
        return model
    w, e = list(model["weights"]), len(EMISSION) - extra
    return dict(model, weights=w[:e] + [0.0] * extra + w[e:])


def show(nv, name, k, cands, x, g, ci, w) -> None:
    doc = nv.doc
    t = doc.turns[k]
    a = nv.paras[t.para][0]
    lead = " ".join(nv.text[a:t.open].split())
    print(f"\n## {name} turn {k} (pos {t.pos}): gold {cands[g]} ({x[g] @ w:.2f}), "
          f"chose {cands[ci]} ({x[ci] @ w:.2f})")
    print(f"   lead-in: {lead[-300:]}")
    d = w * (x[g] - x[ci])
    top = np.argsort(-np.abs(d))[:6]
    print("   " + ", ".join(f"{C.FEATURES[i]} {d[i]:+.2f}" for i in top if d[i]))


def report(c: Counter, gap: dict, marks) -> None:
    for b in ("2-", "3+"):
        print(f"\n== conversations of {b} gold speakers: right {c[b, 'right']} "
              f"wrong {c[b, 'wrong']} ==")
        for m in marks:
            print(f"  {m}:")
            for key in sorted(kk for kk in c if len(kk) == 4 and kk[0] == b and kk[2] == m):
                print(f"    {key[1]:5s} {key[3]:32s} {c[key]:5d}")
            if (b, m) in gap:
                d = gap[b, m]
                top = np.argsort(-np.abs(d))[:10]
                print(f"    reach turns, the model's score gold - chosen, summed "
                      f"(margin under 1: {c[b, m, 'margin<1']}): total {d.sum():+.2f}")
                print("      " + ", ".join(f"{C.FEATURES[i]} {d[i]:+.2f}" for i in top))


if __name__ == "__main__":
    sys.exit(main())
