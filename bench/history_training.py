#!/usr/bin/env python3
"""Which histories to train the conversation model on, held out (round 34, histB34).

The model reads each untagged turn given who spoke the turns before; trained on the true
speakers only, it meets its own (sometimes wrong) history when it decodes, and carries a
wrong phase on (bench/propagation.py). Each reading below trains on one half and decodes the
other, both ways, and prints the model's turns right per half and per novel of half B:

- rounds:N  train_conversation.fit() with N rounds (1: the true histories only; each
  further round adds the histories the model of the round before decoded: DAgger);
- sample:T  the true histories and, once, histories sampled turn by turn from the model of
  the true ones at temperature T (scheduled sampling), the sampled ones weighted as many.

    .venv/bin/python bench/history_training.py rounds:1 rounds:2 rounds:3 sample:1

About two minutes a reading once the novels are read (one to two minutes).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract.conversation.turns import _decided  # noqa: E402


def sampled_history(novel, model: dict, rng, temp: float) -> dict:
    """Turn index -> (speaker, probability) for the training doc's decided turns, each drawn
    from the model's reading of the turn given the ones drawn before it (at temperature
    ``temp``), in the form Novel.examples() takes a decoded history in."""
    w = np.array(model["weights"])
    doc, hist = novel.training, {}
    for k, t in enumerate(doc.turns):
        if not _decided(t):
            continue
        read = novel.turn_features(k, hist, doc)
        if read is None:
            continue
        cands, x, _ = read
        s = x @ w / temp
        p = np.exp(s - s.max())
        p /= p.sum()
        i = int(rng.choice(len(cands), p=p))
        hist[k] = (cands[i], float(p[i]))
    return hist


def fit(novels, ex, names, reading: str, rng) -> dict:
    """The model one reading ("rounds:N", "sample:T") trains on these novels."""
    kind, arg = reading.split(":")
    if kind == "rounds":
        return T.fit(novels, ex, names, int(arg))
    if kind != "sample":
        raise ValueError(reading)
    groups = [g for n in names for g in ex[n]]
    model = T.model_of(T.train(groups))
    drawn = [g for n in names
             for g in novels[n].examples(sampled_history(novels[n], model, rng, float(arg)))]
    return T.model_of(T.train(groups + drawn))


def main(argv=None) -> int:
    readings = (argv if argv is not None else sys.argv[1:]) or ["rounds:2", "rounds:3"]
    t0 = time.time()
    data = T.SHARED / "data" / "pdnc-dev"
    novels = {n: T.Novel(data, n, "straight") for n in T.HALF_A + T.HALF_B}
    ex = {n: novels[n].examples() for n in novels}
    print(f"novels read in {time.time() - t0:.0f} s")
    print(f"{'reading':12s} {'A':>6s} {'B':>6s} {'all':>6s}   " +
          " ".join(f"{n[:8]:>8s}" for n in T.HALF_B))
    for reading in readings:
        rng = np.random.default_rng(0)
        got = {}
        for train, test in ((T.HALF_A, T.HALF_B), (T.HALF_B, T.HALF_A)):
            model = fit(novels, ex, train, reading, rng)
            for n in test:
                h = novels[n].held_out(model)
                got[n] = (sum(x[1] for x in h), len(h))

        def pc(names):
            return 100 * sum(got[n][0] for n in names) / sum(got[n][1] for n in names)
        print(f"{reading:12s} {pc(T.HALF_A):6.2f} {pc(T.HALF_B):6.2f} {pc(list(got)):6.2f}   " +
              " ".join(f"{pc([n]):8.1f}" for n in T.HALF_B), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
