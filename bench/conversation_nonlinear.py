#!/usr/bin/env python3
"""Would a non-linear scorer on the conversation model's own features do better?

The model (drama/extract/conversation/) is a conditional logit: a linear score over the
emission and transition features of each candidate, a softmax per turn, beam-decoded. The
beam is exact enough (round 17), so what limits it is the scores. This trains, on one half,
the same two rounds as train_conversation.fit() (the true speakers before, then the ones the
scorer itself decoded) for each scorer:

- logit: train_conversation.train(), the model as it is;
- cross: the logit plus products of each transition feature with a few emission features
  (CROSS_EMISSION), the same L2;
- mlp: the logit plus a small tanh layer over the standardised features (numpy);
- boost: the logit's scores as the starting point of gradient-boosted trees fitted to the
  same per-turn softmax loss (LightGBM, custom objective);
- rank: LightGBM lambdarank over the candidate rows (its score, not a probability, is used
  as a logit when decoding).

and scores the other half's turns: teacher-forced (the true speakers before; the top-scored
candidate right) and decoded (whole conversations by a beam search that is decode._decode()
with the score of a state's candidates read from their feature rows).

    .venv/bin/python bench/conversation_nonlinear.py [--only logit,cross,...] [--tf-only]

LightGBM is a bench tool, not a dependency of drama: without it, boost and rank are skipped.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation import decode as D  # noqa: E402
from drama.extract.conversation.chain import follows_scene  # noqa: E402
from drama.extract.conversation.features import (candidates, emission, transition,  # noqa: E402
                                                 with_partners)
from drama.extract.conversation.schema import EMISSION  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed, _soft  # noqa: E402

try:
    import lightgbm as lgb
except ImportError:     # a bench tool only
    lgb = None

CROSS_EMISSION = ("rule", "pron_match", "near_pair", "beat_subj", "narr_subj", "voc_prev",
                  "par_prev_odd", "prev2")
"""The emission features each transition feature is multiplied by in ``cross``."""
N_E = len(EMISSION)
E_INDEX = {f: i for i, f in enumerate(EMISSION)}
SETTINGS = {"boost_rounds": 150, "leaves": 7, "boost_lr": 0.05, "hidden": 16,
            "mlp_l2": T.L2, "mlp_epochs": 600, "cross_all": 0}
"""What the non-linear scorers are fitted with (--set NAME=VALUE); the figures in
bench/HISTORY.md (round 18, nonlin18) name the settings they were measured with."""


# ---------------------------------------------------------------- scorers: fit, then score rows

def _groups(groups):
    """The turns with a right candidate as (rows, right, turn of each row, turns)."""
    groups = [g for g in groups if g[1].any()]
    x = np.concatenate([g[0] for g in groups])
    pos = np.concatenate([g[1] for g in groups])
    seg = np.concatenate([[i] * len(g[0]) for i, g in enumerate(groups)])
    return x, pos.astype(float), seg, len(groups)


def _softmax_grad(s, pos, seg, n):
    """d(-mean log P(right))/ds per row, and the per-row probabilities."""
    top = np.full(n, -np.inf)
    np.maximum.at(top, seg, s)
    e = np.exp(s - top[seg])
    p_all = e / np.bincount(seg, e, n)[seg]
    z_pos = np.bincount(seg, e * pos, n)
    p_pos = np.where(pos > 0, e / np.maximum(z_pos[seg], 1e-300), 0.0)
    return (p_all - p_pos) / n, p_all


def cross_rows(x):
    """The rows with each transition feature times each emission feature of CROSS_EMISSION
    (or, with cross_all, every one)."""
    e = x[:, :N_E] if SETTINGS["cross_all"] else x[:, [E_INDEX[f] for f in CROSS_EMISSION]]
    t = x[:, N_E:]
    return np.hstack([x, (t[:, :, None] * e[:, None, :]).reshape(len(x), -1)])


def fit_logit(groups):
    w = T.train(groups)
    return lambda x: x @ w


def fit_cross(groups):
    w = T.train([(cross_rows(x), p, r) for x, p, r in groups])
    return lambda x: cross_rows(x) @ w


def fit_mlp(groups, lr=0.02, seed=0):
    """score = w.x + a.tanh(U z + b), z the standardised rows; Adam on the full batch."""
    hidden, epochs, l2 = SETTINGS["hidden"], SETTINGS["mlp_epochs"], SETTINGS["mlp_l2"]
    x, pos, seg, n = _groups(groups)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    z = (x - mu) / sd
    rng = np.random.default_rng(seed)
    params = [np.zeros(x.shape[1]), rng.normal(0, 0.1, (x.shape[1], hidden)),
              np.zeros(hidden), np.zeros(hidden)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for step in range(1, epochs + 1):
        w, u, b, a = params
        h = np.tanh(z @ u + b)
        ds, _ = _softmax_grad(x @ w + h @ a, pos, seg, n)
        dh = ds[:, None] * a[None, :] * (1 - h * h)
        grads = [x.T @ ds + l2 * w, z.T @ dh + l2 * u, dh.sum(0), h.T @ ds + l2 * a]
        for i, g in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] = params[i] - lr * (m[i] / (1 - 0.9 ** step)) / (
                np.sqrt(v[i] / (1 - 0.999 ** step)) + 1e-8)
    w, u, b, a = params
    return lambda x: x @ w + np.tanh(((x - mu) / sd) @ u + b) @ a


def _boost_params(**more):
    return dict({"num_leaves": SETTINGS["leaves"], "learning_rate": SETTINGS["boost_lr"],
                 "min_data_in_leaf": 40, "lambda_l2": 1.0, "feature_fraction": 0.8,
                 "verbose": -1, "num_threads": 1}, **more)


def fit_boost(groups):
    """Trees fitted to the per-turn softmax loss, starting from the logit's scores."""
    w = T.train(groups)
    x, pos, seg, n = _groups(groups)

    def objective(preds, _data):
        grad, p = _softmax_grad(preds, pos, seg, n)
        return grad * n, np.maximum(p * (1 - p), 1e-6)

    data = lgb.Dataset(x, init_score=x @ w, free_raw_data=False)
    booster = lgb.train(_boost_params(objective=objective), data, SETTINGS["boost_rounds"])
    return lambda x: x @ w + booster.predict(x, raw_score=True)


def fit_rank(groups):
    x, pos, seg, n = _groups(groups)
    data = lgb.Dataset(x, label=pos, group=np.bincount(seg, minlength=n))
    booster = lgb.train(_boost_params(objective="lambdarank", lambdarank_truncation_level=3),
                        data, SETTINGS["boost_rounds"])
    return lambda x: booster.predict(x, raw_score=True)


SCORERS = {"logit": fit_logit, "cross": fit_cross, "mlp": fit_mlp, "boost": fit_boost,
           "rank": fit_rank}


# ---------------------------------------------------------------- decoding with any scorer

def decide_with(doc, score) -> dict:
    """C.decide() with the scores of a turn's candidates read from their feature rows."""
    out: dict = {}
    last: tuple = (None, None)
    for c, chain in enumerate(doc.chains):
        last = last if follows_scene(doc, c) else (None, None)
        if any(_decided(doc.turns[k]) or _soft(doc.turns[k]) for k in chain):
            got, last = _decode_with(doc, chain, score, last)
            out.update(got)
        else:
            last = D._last_two(doc, chain)
    return out


def _state_scores(doc, k, beam, cands, score, last, em):
    """Per beam state: (its candidates, their local scores), one scorer call for all."""
    t = doc.turns[k]
    rows, spans = [], []
    for _, p1, p2, _ in beam:
        here = with_partners(doc, k, cands, *((p1, p2) if t.pos else last))
        before = last if t.pos == 0 else (None, None)
        for c in here:
            if c not in em:
                em[c] = emission(doc, k, c)
            rows.append(em[c] + transition(doc, k, c, p1, p2, before))
        spans.append(here)
    s = score(np.array(rows, dtype=float))
    out, i = [], 0
    for here in spans:
        out.append((here, list(s[i:i + len(here)])))
        i += len(here)
    return out


def _decode_with(doc, chain, score, last):
    """decode._decode() with _state_scores() in place of the linear scores."""
    beam = [(0.0, None, None, None)]
    for k in chain:
        t = doc.turns[k]
        soft = _soft(t)
        cands = candidates(doc, k) if _decided(t) or soft else []
        if soft and t.anchor not in cands:
            cands = cands + [t.anchor]
        if not cands:
            who = _fixed(t)
            beam = [(sc + D._phase_check(doc, k, who, p1), who,
                     D.next_other(doc, k, who, p1, p2, last), hist)
                    for sc, p1, p2, hist in beam]
            continue
        grown = {}
        for (sc, p1, p2, hist), (here, local) in zip(
                beam, _state_scores(doc, k, beam, cands, score, last, {})):
            top = max(local)
            logz = top + math.log(sum(math.exp(x - top) for x in local))
            if soft:
                local, logz = D._soft_scores(t, here, local, logz), 0.0
            for c, x in zip(here, local):
                new = sc + x - logz
                key = (c, D.next_other(doc, k, c, p1, p2, last))
                if key not in grown or grown[key][0] < new:
                    grown[key] = (new, *key, (hist, (k, c, x - logz)))
        beam = sorted(grown.values(), key=lambda s: -s[0])[:D.BEAM]
    choices = []
    _, p1, p2, hist = max(beam, key=lambda s: s[0])
    while hist is not None:
        hist, choice = hist
        if choice[1] != doc.turns[choice[0]].anchor:
            choices.append(choice)
    return {k: (c, math.exp(lp)) for k, c, lp in reversed(choices)}, (p1, p2)


# ---------------------------------------------------------------- the two rounds, and the scores

def fit_rounds(fit, novels, ex, names, rounds=2):
    """As train_conversation.fit(): then again with the histories this scorer decoded."""
    groups = [g for n in names for g in ex[n]]
    score = fit(groups)
    for _ in range(rounds - 1):
        decoded = [g for n in names
                   for g in novels[n].examples(decide_with(novels[n].doc, score))]
        score = fit(groups + decoded)
    return score


def teacher_forced(score, examples) -> tuple[int, int]:
    """Turns whose top-scored candidate is right, given the true speakers before."""
    right = sum(bool(p[int(np.argmax(score(x)))]) for x, p, _ in examples)
    return right, len(examples)


def decoded(score, novel) -> tuple[int, int]:
    got = [novel.same(who, k) for k, (who, _) in decide_with(novel.doc, score).items()
           if novel.gold[k] is not None]
    return sum(got), len(got)


def check_decoder(novels) -> None:
    """decide_with() on the linear scores is C.decide(): the same choices."""
    model = T.model_of(np.random.default_rng(1).normal(0, 1, len(C.FEATURES)))
    w = np.array(model["weights"])
    for name, nv in list(novels.items())[:2]:
        a, b = C.decide(nv.doc, model), decide_with(nv.doc, lambda x: x @ w)
        same = sum(a[k][0] == b.get(k, (None,))[0] for k in a)
        assert same == len(a) == len(b), (name, same, len(a), len(b))


def _splits(args):
    """(training novels, scored novels, name) of each fit: the halves, or with --lono each
    novel against the nine others."""
    if args.lono:
        return [([m for m in T.HALF_A + T.HALF_B if m != n], [n], n[:8])
                for n in T.HALF_A + T.HALF_B]
    return [(a, b, h) for a, b, h in ((T.HALF_B, T.HALF_A, "A"), (T.HALF_A, T.HALF_B, "B"))
            if h in args.test]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--only", default=",".join(SCORERS))
    ap.add_argument("--tf-only", action="store_true", help="teacher-forced scores only")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--lono", action="store_true",
                    help="instead of the halves, each novel scored trained on the nine others")
    ap.add_argument("--test", default="AB", help="the halves scored: A, B or AB")
    ap.add_argument("--set", action="append", default=[],
                    help="a setting, NAME=VALUE: boost_rounds, leaves, boost_lr, hidden, "
                         "mlp_l2, mlp_epochs, cross_all (1: every emission feature)")
    args = ap.parse_args(argv)
    for kv in args.set:
        key, value = kv.split("=")
        SETTINGS[key] = type(SETTINGS[key])(value)
    names = args.only.split(",")
    if lgb is None and {"boost", "rank"} & set(names):
        print("lightgbm is not installed (a bench tool, not a dependency): "
              "skipping boost and rank")
        names = [n for n in names if n not in ("boost", "rank")]
    t0 = time.time()
    novels = {n: T.Novel(args.data, n, "straight") for n in T.HALF_A + T.HALF_B}
    ex = {n: novels[n].examples() for n in novels}
    check_decoder(novels)
    print(f"features of {sum(len(v) for v in ex.values())} turns in {time.time() - t0:.1f} s")
    print(f"{'scorer':8s} {'held out':>8s} {'teacher-forced':>15s} {'decoded':>15s} {'s':>5s}")
    for name in names:
        for train, test, half in _splits(args):
            t1 = time.time()
            score = fit_rounds(SCORERS[name], novels, ex, train, args.rounds)
            tf = [teacher_forced(score, ex[n]) for n in test]
            r, n = sum(a for a, _ in tf), sum(b for _, b in tf)
            line = f"{name:8s} {half:>8s} {100 * r / n:8.2f} {r:6d}"
            if not args.tf_only:
                dec = [decoded(score, novels[m]) for m in test]
                r, n = sum(a for a, _ in dec), sum(b for _, b in dec)
                line += f" {100 * r / n:8.2f} {r:6d}"
            print(f"{line} {time.time() - t1:5.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
