#!/usr/bin/env python3
"""The conversation model at a conversation's opening, held out: each conversation's first
one or two turns the model decides, with the narration before, the candidates and their
scores given the true speakers before (the strongest features of each), the model's
decoded choice and the gold speaker.

The model is trained on one half (as `train_conversation.py --cv-only` does: two rounds)
and the other half's openings are listed; a summary counts, over the first turns with the
gold speaker among the candidates, how often the forced and decoded choices are right.

    .venv/bin/python bench/conversation_openings.py [--test A|B] [--only NOVEL ...]
        [--wrong] [--model FILE]   # FILE: the weights, trained and written there if missing
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed  # noqa: E402


SHOW = 3        # features shown per candidate


def gold_label(novel: T.Novel, k: int) -> str:
    return novel.gold[k] or "-"


def show_turn(novel: T.Novel, text: str, paras, k: int, w: np.ndarray, decoded: dict,
              out: list[str]) -> tuple[bool, bool, bool]:
    """Lines for turn k; (gold among candidates, forced right, decoded right)."""
    t = novel.doc.turns[k]
    read = novel.turn_features(k)
    cands, x, prev = read
    scores = x @ w
    order = np.argsort(-scores)
    forced = cands[int(order[0])]
    dec = decoded.get(k, ("-", 0))[0]
    gold_in = any(novel.same(c, k) for c in cands)
    a, b = paras[t.para]
    quote = text[t.open:min(b, t.open + 160)].replace("\n", " ")
    out.append(f"  T{t.pos} [{t.cue} rule={t.rule or '-'} pron={t.pronoun or '-'} "
               f"prev={prev}] gold={gold_label(novel, k)} forced={forced} decoded={dec}"
               f"{'' if gold_in else '  (gold missing)'}")
    out.append(f"     {quote}")
    for i in order[:5]:
        c = cands[int(i)]
        contrib = sorted(((w[j] * x[i, j], C.FEATURES[j]) for j in range(len(w))
                          if x[i, j]), key=lambda z: -abs(z[0]))[:SHOW + 2]
        mark = "*" if novel.same(c, k) else " "
        out.append(f"    {mark}{c:28s} {scores[i]:6.2f}  " +
                   " ".join(f"{n}{v:+.2f}" for v, n in contrib))
    return gold_in, novel.same(forced, k), novel.same(dec, k)


def narration_before(doc, text: str, paras, chain: list[int]) -> str:
    """The narration between the conversation before and this one's first turn (its end)."""
    first = doc.turns[chain[0]]
    t0 = first.para
    lo = paras[max(0, t0 - 2)][0]
    if chain[0]:
        lo = max(lo, paras[doc.turns[chain[0] - 1].para][0])
    return text[lo:first.open][-500:].replace("\n", " / ")


def report(novel: T.Novel, name: str, model: dict, wrong_only: bool,
           stats: Counter) -> list[str]:
    doc, text, paras = novel.doc, novel.text, novel.paras
    w = np.array(model["weights"])
    decoded = C.decide(doc, model)
    out: list[str] = []
    for c, chain in enumerate(doc.chains):
        opening = [k for k in chain[:2] if _decided(doc.turns[k]) and novel.gold[k]
                   and C.candidates(doc, k)]
        if not opening or not _decided(doc.turns[chain[0]]):
            continue
        lines: list[str] = []
        wrong = False
        for k in opening:
            gold_in, f_ok, d_ok = show_turn(novel, text, paras, k, w, decoded, lines)
            pos = doc.turns[k].pos
            stats[f"T{pos} turns"] += 1
            stats[f"T{pos} gold in"] += gold_in
            stats[f"T{pos} forced right"] += f_ok
            stats[f"T{pos} decoded right"] += d_ok
            wrong |= not d_ok
        if wrong_only and not wrong:
            continue
        known = [(doc.turns[j].pos, _fixed(doc.turns[j])) for j in chain
                 if not _decided(doc.turns[j])][:3]
        out.append(f"== {name} conv {c} para {doc.turns[chain[0]].para} turns {len(chain)} "
                   f"follows_scene={C.follows_scene(doc, c)} known={known}")
        out.append("   before: ..." + narration_before(doc, text, paras, chain))
        out += lines
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="B")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--wrong", action="store_true", help="only openings decoded wrong")
    ap.add_argument("--model", type=Path, help="weights cached here (trained if missing)")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only, args.model)
    stats: Counter = Counter()
    for name in test:
        print("\n".join(report(novels[name], name, model, args.wrong, stats)))
    for pos in (0, 1):
        n = stats[f"T{pos} turns"]
        print(f"T{pos}: {n} turns, gold among candidates {stats[f'T{pos} gold in']}, "
              f"forced right {stats[f'T{pos} forced right']}, "
              f"decoded right {stats[f'T{pos} decoded right']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
