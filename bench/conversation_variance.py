#!/usr/bin/env python3
"""How much the conversation model's held-out figure moves with its training data, and
whether a way of training it moves less (the variance of bench/train_conversation.py's fit).

    python bench/conversation_variance.py                       # the model as trained
    python bench/conversation_variance.py --boot 6              # 6 bootstrap trainings
    python bench/conversation_variance.py --bag 8 --repeats 3   # 3 bagged models of 8
    python bench/conversation_variance.py --drop 10 --repeats 4 [--bag 8]
    python bench/conversation_variance.py --epochs 100          # fewer Adam steps
    python bench/conversation_variance.py --standardise         # features scaled to sd 1
    python bench/conversation_variance.py --jackknife           # one novel out, averaged

Each figure is the held-out accuracy of the model's turns (decoded as drama does, as
train_conversation.py --cv-only reports them), half A trained on half B and half B trained
on half A, the same fit() (two rounds). ``--boot N``: N trainings each on a bootstrap sample
of the training half's conversations (the data's noise); ``--bag K``: the weights of K such
trainings averaged, ``--repeats`` times with other draws (the bagged model's own noise);
``--drop D``: D training turns left out at random, ``--repeats`` times (how far a small
change of the training turns moves the other half, as a rule that changes a few turns does),
with plain training or, with --bag, bagged (the same K draws each time). Seeds are fixed
(--seed), so each figure reruns. End-to-end figures are train_conversation.py's.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")     # faster on the shared 2 cores

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

FOLDS = (("A", T.HALF_B, T.HALF_A), ("B", T.HALF_A, T.HALF_B))


def held_out(novels, model, tested) -> float:
    """Percent of the tested novels' model turns right."""
    got = [r for n in tested for _, r, _ in novels[n].held_out(model)]
    return 100 * sum(got) / len(got)


def run(novels, ex, draws_of, label: str) -> dict:
    """Held-out figure of each half, training with the draws draws_of(trained half) gives."""
    out = {}
    for half, trained, tested in FOLDS:
        out[half] = held_out(novels, T.fit(novels, ex, trained, 2, draws_of(trained)), tested)
    print(f"{label:40s} A {out['A']:6.2f}   B {out['B']:6.2f}", flush=True)
    return out


def spread(runs: list[dict], label: str) -> None:
    for half in "AB":
        xs = [r[half] for r in runs]
        sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
        print(f"{label:40s} {half}: mean {statistics.mean(xs):6.2f}  sd {sd:5.2f}  "
              f"range {min(xs):6.2f}-{max(xs):6.2f}")


def bags(novels, trained, k: int, seed: int):
    rng = np.random.default_rng(seed)
    return [T.bootstrap(novels, trained, rng) for _ in range(k)]


def jackknife(novels, trained):
    """One draw per trained novel: every turn once but that novel's."""
    return [{n: np.full(len(novels[n].conversations()), float(n != out)) for n in trained}
            for out in trained]


def dropped(novels, trained, d: int, seed: int, base=None):
    """``base`` (draws, or [None]) with d of the trained half's turns weighted 0."""
    rng = np.random.default_rng(10_000 + seed)
    sizes = [len(novels[n].conversations()) for n in trained]
    out_at = set(rng.choice(sum(sizes), d, replace=False).tolist())
    draws = []
    for b in base or [None]:
        i, draw = 0, {}
        for n, size in zip(trained, sizes):
            w = np.ones(size) if b is None else b[n].copy()
            for j in range(size):
                if i + j in out_at:
                    w[j] = 0.0
            draw[n] = w
            i += size
        draws.append(draw)
    return draws


def scaled_train(train):
    """train() on the features divided by their sd (so the L2 penalty weighs each alike)."""
    def fit_scaled(groups, **kw):
        x = np.concatenate([g[0] for g in groups])
        sd = x.std(axis=0)
        sd[sd == 0] = 1.0
        return train([(g[0] / sd, g[1], g[2]) for g in groups], **kw) / sd
    return fit_scaled


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--boot", type=int, default=0)
    ap.add_argument("--bag", type=int, default=0)
    ap.add_argument("--drop", type=int, default=0)
    ap.add_argument("--jackknife", action="store_true",
                    help="the weights of trainings each without one novel, averaged")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--l2", type=float, default=T.L2)
    ap.add_argument("--standardise", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.time()
    novels = {n: T.Novel(args.data, n, "straight") for n in T.HALF_A + T.HALF_B}
    ex = {n: novels[n].examples() for n in novels}
    print(f"features in {time.time() - t0:.0f} s", flush=True)
    T.L2 = args.l2
    plain = T.train
    T.train = lambda groups, **kw: plain(groups, epochs=args.epochs, **kw)
    if args.standardise:
        T.train = scaled_train(T.train)
    t0 = time.time()
    if args.boot:
        runs = [run(novels, ex, lambda tr, s=s: bags(novels, tr, 1, args.seed + s),
                    f"bootstrap {args.seed + s}") for s in range(args.boot)]
        spread(runs, "bootstrap")
    elif args.drop:
        base = (lambda tr: bags(novels, tr, args.bag, args.seed)) if args.bag else \
            (lambda tr: None)
        runs = [run(novels, ex, lambda tr, r=r: dropped(novels, tr, args.drop, r, base(tr)),
                    f"drop {args.drop}, draw {r}" + (f", bag {args.bag}" if args.bag else ""))
                for r in range(args.repeats)]
        spread(runs, f"drop {args.drop}")
    elif args.jackknife:
        run(novels, ex, lambda tr: jackknife(novels, tr), "jackknife (one novel out each)")
    elif args.bag:
        runs = [run(novels, ex, lambda tr, r=r: bags(novels, tr, args.bag,
                                                      args.seed + 100 * r),
                    f"bag {args.bag}, seed {args.seed + 100 * r}")
                for r in range(args.repeats)]
        spread(runs, f"bag {args.bag}")
    else:
        run(novels, ex, lambda tr: None,
            f"plain (epochs {args.epochs}, L2 {args.l2}"
            + (", standardised)" if args.standardise else ")"))
    print(f"training and scoring in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
