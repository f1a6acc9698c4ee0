#!/usr/bin/env python3
"""What the conversation model loses to its own history, held out (round 34, floorB34).

The model reads each untagged turn given who spoke the two turns before (the transition
features), and the decoder (conversation/decode.py) chooses a whole conversation at once, so
one wrong turn can carry a two-person exchange out of phase until a tag or a call brings it
back. For each turn the model decides (a gold speaker, a candidate), trained on the other
half as `train_conversation.py --cv-only` does, this compares three readings:
- forced: the best candidate given the true speakers before (teacher forcing): what the
  model would get right if every turn before were right;
- local: the best candidate given the speakers before as decoded;
- decoded: the decoder's choice.
It prints, per novel and for the half, the turns, forced and decoded accuracy, and the
turns right forced but wrong decoded ("lost to history") against the reverse ("saved by
history"), with the share of the lost ones whose decoded turn before was wrong, and the
turns where the decoder overrules the local best (later turns pulling an earlier one).

    .venv/bin/python bench/propagation.py [--test A|B] [--only NOVEL ...] [--cache FILE]

About a minute once the model is cached (default: drama-propagation-model-HALF-TREE.json in
the temp folder, T.temp_cache); the first run trains (about three minutes).
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


def default_cache(test: str) -> Path:
    """Where the model trained for half `test` is kept between runs (T.temp_cache)."""
    return T.temp_cache("propagation", test)


def readings(novel: T.Novel, model: dict) -> list[dict]:
    """Per decided turn with a gold speaker and candidates: whether the forced, local and
    decoded choices are right, whether the decoded turn before it was wrong, and whether
    the decoder overruled the local best."""
    w = np.array(model["weights"])
    decoded = C.decide(novel.doc, model)
    out = []
    for k, (who, _) in sorted(decoded.items()):
        if novel.gold[k] is None:
            continue
        forced, local = novel.turn_features(k), novel.turn_features(k, decoded)
        if forced is None or local is None:
            continue
        best_forced = forced[0][int(np.argmax(forced[1] @ w))]
        best_local = local[0][int(np.argmax(local[1] @ w))]
        t = novel.doc.turns[k]
        before = novel.doc.chains[t.chain][t.pos - 1] if t.pos else None
        out.append({"forced": novel.same(best_forced, k), "local": novel.same(best_local, k),
                    "decoded": novel.same(who, k), "overruled": best_local != who,
                    "prev_wrong": before is not None and before in decoded and
                    not novel.same(decoded[before][0], before)})
    return out


def tally(rows: list[dict]) -> Counter:
    """The counts report() prints, from readings()."""
    c = Counter(turns=len(rows))
    for r in rows:
        c["forced"] += r["forced"]
        c["decoded"] += r["decoded"]
        if r["forced"] and not r["decoded"]:
            c["lost"] += 1
            c["lost, turn before wrong"] += r["prev_wrong"]
        if r["decoded"] and not r["forced"]:
            c["saved"] += 1
        if r["overruled"]:
            c["overruled"] += 1
            c["overruled, decoded right"] += r["decoded"]
            c["overruled, local right"] += r["local"]
    return c


def line(name: str, c: Counter) -> str:
    n = max(c["turns"], 1)
    return (f"{name:30s} {c['turns']:6d} {100 * c['forced'] / n:7.1f} "
            f"{100 * c['decoded'] / n:8.1f} {c['lost']:5d} {c['lost, turn before wrong']:6d} "
            f"{c['saved']:6d} {c['overruled']:6d} {c['overruled, decoded right']:5d} "
            f"{c['overruled, local right']:5d}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap, cache_help="the trained weights, read or written (default: "
                                        "drama-propagation-model-HALF-TREE.json in the temp "
                                        "folder)")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, args.only,
                                                    args.cache or default_cache(args.test))
    print(f"{'novel (held out)':30s} {'turns':>6s} {'forced':>7s} {'decoded':>8s} "
          f"{'lost':>5s} {'(prev':>6s} {'saved':>6s} {'overr.':>6s} {'dec ok':>5s} "
          f"{'loc ok':>5s}")
    total = Counter()
    for name in tested:
        c = tally(readings(novels[name], model))
        total.update(c)
        print(line(name, c))
    print(line(f"half {args.test}", total))
    print("lost: right given the true turns before, wrong as decoded (prev: the decoded "
          "turn before wrong); saved: the reverse; overr.: the decoder's choice is not the "
          "local best given its own history (dec ok / loc ok: which was right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
