#!/usr/bin/env python3
"""Which of the conversation model's features start its runs of wrong turns, held out.

The model is trained on one half of the dev novels (as `train_conversation.py --cv-only`
does: two rounds) and decodes the other half. A run of wrong turns starts at a wrong turn
whose turn before in its conversation is right, or known (a tag's, or the rules' vocative
or running speech), or the conversation's first. There, given the speakers before as the
decoding has them, the chosen candidate's score beats the gold one's; this sums, per
feature, weight x (chosen's value - gold's value) over those run starts (its "push": what
it adds to the wrong choice), and counts the starts where it differs at all. A run start
whose gold speaker is no candidate is only counted. The turns after a run start mostly
follow it (the alternation), so the starts are where a fix would have to act.

Also, per rules' cue of the starting turn, how often the rules' pick is the one chosen.

    .venv/bin/python bench/run_start_features.py [--test A|B] [--only NOVEL ...] [--top N]
        [--cache FILE]

About two minutes (every novel of both halves is read; with --cache a model trained before
is read back).
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


def feature_push(chosen, gold, weights, names) -> dict[str, float]:
    """weight x (chosen's value - gold's value) per feature where the two differ: what each
    feature adds to the chosen candidate's score over the gold one's."""
    d = (np.asarray(chosen, dtype=float) - np.asarray(gold, dtype=float)) * np.asarray(weights)
    return {n: float(v) for n, v in zip(names, d) if abs(v) > 1e-9}


def run_starts(novel: T.Novel, decoded: dict) -> list[int]:
    """The wrong decided turns (with a gold speaker) whose turn before in the conversation
    is right, known, without a gold speaker, or absent."""
    doc, out = novel.doc, []
    for k in sorted(decoded):
        t = doc.turns[k]
        if novel.gold[k] is None or novel.same(decoded[k][0], k):
            continue
        if t.pos:
            j = doc.chains[t.chain][t.pos - 1]
            if j in decoded and novel.gold[j] is not None and not novel.same(decoded[j][0], j):
                continue    # inside a run
        out.append(k)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap)
    ap.add_argument("--top", type=int, default=20, help="features to list each way")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, args.only, args.cache)
    weights = model["weights"]
    push: Counter = Counter()
    fired: Counter = Counter()
    cues: Counter = Counter()
    starts = missing = 0
    for name in tested:
        novel = novels[name]
        decoded = C.decide(novel.doc, model)
        for k in run_starts(novel, decoded):
            starts += 1
            t = novel.doc.turns[k]
            cues[t.cue or "-", decoded[k][0] == t.rule] += 1
            read = novel.turn_features(k, decoded)
            cands, x, _ = read if read is not None else ([], None, None)
            gold = [i for i, c in enumerate(cands) if novel.same(c, k)]
            chosen = [i for i, c in enumerate(cands) if c == decoded[k][0]]
            if not gold or not chosen:
                missing += 1
                continue
            for f, v in feature_push(x[chosen[0]], x[gold[0]], weights, C.FEATURES).items():
                push[f] += v
                fired[f] += 1
    print(f"half {args.test}, trained on the other half: {starts} run starts, "
          f"{missing} of them with the gold speaker (or the chosen one) no candidate")
    print("features for the chosen one over the gold one (summed push, starts where it differs):")
    for f, v in sorted(push.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"    {f:22s} {v:+8.1f}  {fired[f]:5d}")
    print("features for the gold one:")
    for f, v in sorted(push.items(), key=lambda kv: kv[1])[:args.top]:
        if v < 0:
            print(f"    {f:22s} {v:+8.1f}  {fired[f]:5d}")
    print("run starts by the rules' cue, and whether the rules' pick is the one chosen:")
    for (cue, ruled), n in cues.most_common():
        print(f"    {cue:14s} {'rules pick chosen' if ruled else 'another chosen':18s} {n:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
