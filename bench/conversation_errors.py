#!/usr/bin/env python3
"""Where the conversation model's wrong turns come from, held out.

The model is trained on one half of the dev novels (as `train_conversation.py --cv-only`
does: two rounds) and decodes the other half. Each turn it decides that has a gold speaker
is then one of:

- right: the decoded speaker is the gold one;
- missing: no candidate (with the partners the true history adds) is the gold speaker;
- forced wrong: given the true speakers of the turns before (teacher forcing), the model's
  best candidate is still wrong;
- phase: right with the true history, wrong as decoded (an exchange read out of phase).

Forced-wrong turns are split by the gold speaker's and the chosen one's place in the true
history: prev1 (spoke the turn before), prev2 (the last other speaker before it), third
(neither), and by whether the turn opens its conversation (no history at all). The wrong
turns are also weighed in quotes by the turn's size (SIZES), as end-to-end counts them.

    .venv/bin/python bench/conversation_errors.py [--test A|B] [--only NOVEL ...]

About two minutes (every novel of both halves is read).
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
from drama.extract.conversation.turns import _decided  # noqa: E402

KINDS = ("right", "missing", "forced wrong", "phase")
SIZES = ((1, "1 quote"), (2, "2 quotes"), (5, "3-5 quotes"), (10**6, "6+ quotes"))
"""Turn sizes (up to so many quotes) by which the wrong turns are weighed in quotes: one
wrong long turn (a story told over many paragraphs) costs end-to-end many lines."""


def size_of(turn) -> str:
    """The SIZES bucket of a turn, by its number of quotes."""
    return next(name for most, name in SIZES if len(turn.quotes) <= most)


def forced_choice(novel: T.Novel, k: int, w: np.ndarray):
    """Turn k's best candidate given the true speakers before it, whether the gold one is
    among the candidates, and the gold and chosen ones' places (prev1, prev2, third)."""
    cands, x, (p1, p2) = novel.turn_features(k)
    best = cands[int(np.argmax(x @ w))]

    def place(is_it) -> str:
        return "prev1" if p1 and is_it(p1) else "prev2" if p2 and is_it(p2) else "third"
    gold = novel.gold[k]
    gold_place = place(lambda x: x == "?" + gold or novel.same(x, k))
    return best, any(novel.same(c, k) for c in cands), gold_place, place(lambda x: x == best)


def split(novel: T.Novel, model: dict) -> Counter:
    """Counts of the novel's decided turns by kind, and of forced-wrong turns by place."""
    w = np.array(model["weights"])
    decoded = C.decide(novel.doc, model)
    out: Counter = Counter()
    for k, t in enumerate(novel.doc.turns):
        if not _decided(t) or novel.gold[k] is None or not C.candidates(novel.doc, k):
            continue
        out["turns"] += 1
        out["quotes " + size_of(t)] += len(t.quotes)
        if k in decoded and novel.same(decoded[k][0], k):
            out["right"] += 1
            continue
        out["wrong " + size_of(t)] += len(t.quotes)
        best, gold_in, gold_place, best_place = forced_choice(novel, k, w)
        if not gold_in:
            out["missing"] += 1
        elif not novel.same(best, k):
            out["forced wrong"] += 1
            out[f"gold {gold_place}, chose {best_place}"] += 1
            out["at a conversation's start"] += t.pos == 0
        else:
            out["phase"] += 1
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="A",
                    help="the half decoded (the model is trained on the other)")
    ap.add_argument("--only", nargs="*", help="novels of the tested half to report")
    args = ap.parse_args(argv)
    train, test = (T.HALF_B, T.HALF_A) if args.test == "A" else (T.HALF_A, T.HALF_B)
    test = [n for n in test if not args.only or n in args.only]
    novels = {n: T.Novel(args.data, n, "straight") for n in train + test}
    model = T.fit(novels, {n: novels[n].examples() for n in train}, train, 2)
    print(f"{'novel':30s} {'turns':>5s}  " + "  ".join(f"{k:>12s}" for k in KINDS))
    total: Counter = Counter()
    for name in test:
        c = split(novels[name], model)
        total += c
        print(f"{name:30s} {c['turns']:5d}  " +
              "  ".join(f"{100 * c[k] / max(1, c['turns']):11.1f}%" for k in KINDS))
    print(f"{'all':30s} {total['turns']:5d}  " +
          "  ".join(f"{100 * total[k] / max(1, total['turns']):11.1f}%" for k in KINDS))
    print("forced wrong, by place in the true history (turns):")
    for key, n in sorted(total.items(), key=lambda kv: -kv[1]):
        if key.startswith("gold ") or key.startswith("at "):
            print(f"    {key:32s} {n:5d}")
    print_sizes(total)
    return 0


def print_sizes(total: Counter) -> None:
    """The wrong turns weighed in quotes, by turn size: the quotes wrong of each size, and
    each size's share of all the quotes of wrong turns."""
    wrong = sum(total["wrong " + name] for _, name in SIZES)
    print("quotes of decided turns, by turn size: wrong / all, share of the wrong quotes:")
    for _, name in SIZES:
        n, bad = total["quotes " + name], total["wrong " + name]
        print(f"    {name:12s} {bad:5d} / {n:5d} ({100 * bad / max(1, n):4.1f}%)  "
              f"{100 * bad / max(1, wrong):5.1f}%")


if __name__ == "__main__":
    sys.exit(main())
