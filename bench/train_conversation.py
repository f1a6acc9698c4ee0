#!/usr/bin/env python3
"""Train the conversation model (drama/extract/conversation.py) on the PDNC dev novels, and
report how it does on novels it was not trained on.

    python bench/train_conversation.py            # cross-validate, then train on all, save
    python bench/train_conversation.py --cv-only  # only the held-out report

The ten novels are split in two halves (A, B below). The model is trained on one half and
scored on the other, both ways: the turns it decides (accuracy, against the rules' choice on
the same turns) and end to end (drama's whole extraction, as ../shared/eval/pdnc_eval.py
scores it) per novel. The probability it gives its choice is calibrated on those held-out
turns: the accuracy in each probability bin becomes the confidence written in scripts.
Then it is trained on all ten and saved to drama/extract/data/conversation_model.json.
Training takes seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from bisect import bisect_right
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")
sys.path.insert(0, str(SHARED / "eval"))

import pdnc_eval as E  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract import extract_script  # noqa: E402
from drama.extract.attribute import attribute  # noqa: E402
from drama.extract.characters import Cast  # noqa: E402
from drama.extract.quotes import find_quotes, paragraphs  # noqa: E402

HALF_A = ["PrideAndPrejudice", "TheGambler", "HardTimes", "OliverTwist", "DaisyMiller"]
HALF_B = ["APassageToIndia", "TheAgeOfInnocence", "AlicesAdventuresInWonderland",
          "TheInvisibleMan", "TheSunAlsoRises"]
MODEL_PATH = ROOT / "drama" / "extract" / "data" / "conversation_model.json"
L2 = 0.01


def examples(data: Path, novel: str, style: str):
    """The decided turns of one novel: (feature matrix, positive mask, rule-right) each."""
    text, gcast, gquotes = E.load_novel(str(data / novel))
    text = E.restyle(text, gquotes, style)
    quotes = [q for q in find_quotes(text) if q.dialogue]
    paras = paragraphs(text)
    cast = Cast(text)
    rules = attribute(text, quotes, paras, cast)
    doc = C.prepare(text, quotes, paras, cast, rules,
                    C.vocative_labels(text, quotes, paras, cast))
    gold_at = sorted((s, e, q["speaker"]) for q in gquotes for s, e in q["spans"])
    starts = [g[0] for g in gold_at]

    def gold(k):
        """The gold character of turn k, or None where PDNC has no quote there."""
        q = quotes[doc.turns[k].quotes[0]]
        j = bisect_right(starts, q.end - 1) - 1
        if j < 0 or gold_at[j][1] <= q.start:
            return None
        return gcast.resolve(gold_at[j][2])

    def as_label(j, cands):
        """Who spoke turn j, as the decoder would name them: a candidate of the turn at
        hand that is that person, else the turn's own tag or rule label."""
        if j is None:
            return None
        want = gold(j)
        t = doc.turns[j]
        for c in cands:
            if want is not None and gcast.resolve(c) == want:
                return c
        return t.anchor or t.rule if want is None else "?" + want

    out = []
    for k, t in enumerate(doc.turns):
        if not C._decided(t):
            continue
        want = gold(k)
        cands = C.candidates(doc, k)
        if want is None or not cands:
            continue
        chain = doc.chains[t.chain]
        j1 = chain[t.pos - 1] if t.pos >= 1 else None
        j2 = chain[t.pos - 2] if t.pos >= 2 else None
        p1, p2 = as_label(j1, cands), as_label(j2, cands)
        x = np.array([C.emission(doc, k, c) + C.transition(doc, k, c, p1, p2) for c in cands],
                     dtype=float)
        pos = np.array([gcast.resolve(c) == want for c in cands])
        out.append((x, pos, gcast.resolve(t.rule) == want))
    return out


def train(groups, epochs: int = 400, lr: float = 0.1) -> np.ndarray:
    """Conditional-logit weights by Adam on the full batch: the log-probability of the
    right candidates, with an L2 penalty."""
    groups = [g for g in groups if g[1].any()]
    x = np.concatenate([g[0] for g in groups])
    pos = np.concatenate([g[1] for g in groups])
    seg = np.concatenate([[i] * len(g[0]) for i, g in enumerate(groups)])
    n = len(groups)
    w = np.zeros(x.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, epochs + 1):
        s = x @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, seg, s)
        e = np.exp(s - top[seg])
        z_all = np.bincount(seg, e, n)
        z_pos = np.bincount(seg, e * pos, n)
        p_all = e / z_all[seg]
        p_pos = np.where(pos, e / np.maximum(z_pos[seg], 1e-300), 0.0)
        grad = x.T @ (p_all - p_pos) / n + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return w


def held_out(data: Path, novel: str, model: dict, style: str):
    """(probability of the choice, whether it is right, whether the rules were) per turn
    the model decides in one novel, decoding whole conversations as drama does."""
    text, gcast, gquotes = E.load_novel(str(data / novel))
    text = E.restyle(text, gquotes, style)
    quotes = [q for q in find_quotes(text) if q.dialogue]
    paras = paragraphs(text)
    cast = Cast(text)
    rules = attribute(text, quotes, paras, cast)
    doc = C.prepare(text, quotes, paras, cast, rules,
                    C.vocative_labels(text, quotes, paras, cast))
    gold_at = sorted((s, e, q["speaker"]) for q in gquotes for s, e in q["spans"])
    starts = [g[0] for g in gold_at]
    out = []
    for k, (who, p) in C.decide(doc, model).items():
        q = quotes[doc.turns[k].quotes[0]]
        j = bisect_right(starts, q.end - 1) - 1
        if j < 0 or gold_at[j][1] <= q.start:
            continue
        want = gcast.resolve(gold_at[j][2])
        if want is None:
            continue
        out.append((p, gcast.resolve(who) == want, gcast.resolve(doc.turns[k].rule) == want))
    return out


def calibration(pairs, bins: int = 8):
    """(upper probability, accuracy) bins of equal size over held-out choices."""
    pairs = sorted(pairs)
    size = max(1, len(pairs) // bins)
    table = []
    for i in range(0, len(pairs), size):
        chunk = pairs[i:i + size]
        if len(chunk) < size // 2 and table:
            break
        acc = sum(r for _, r in chunk) / len(chunk)
        table.append([round(chunk[-1][0], 4), round(acc, 3)])
    table[-1][0] = 1.0
    return table


def model_of(w, extra=None) -> dict:
    d = {"features": C.FEATURES, "weights": [round(float(x), 5) for x in w]}
    d.update(extra or {})
    return d


def end_to_end(data: Path, novels, model, style: str) -> dict:
    """Per novel: end-to-end accuracy of the whole extraction with these weights."""
    C.use_model(model)
    out = {}
    try:
        for n in novels:
            text, gcast, gquotes = E.load_novel(str(data / n))
            src = E.restyle(text, gquotes, style)
            lines = [ln.to_dict() for ln in extract_script(src, source=n).lines]
            out[n] = E.score_novel(text, gcast, gquotes, lines)
    finally:
        C.use_model(None)
    return out


def e2e(r) -> float:
    return 100.0 * r["correct"] / r["gold"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="curly", help="typography for the end-to-end scores")
    ap.add_argument("--cv-only", action="store_true", help="report, do not save")
    args = ap.parse_args(argv)
    t0 = time.time()
    ex = {n: examples(args.data, n, "straight") for n in HALF_A + HALF_B}
    print(f"features of {sum(len(v) for v in ex.values())} turns in {time.time() - t0:.1f} s")
    pairs, report = [], {}
    none = model_of(np.zeros(len(C.FEATURES)))
    for train_half, test_half, name in ((HALF_A, HALF_B, "A->B"), (HALF_B, HALF_A, "B->A")):
        w = train([g for n in train_half for g in ex[n]])
        model = model_of(w)
        base = end_to_end(args.data, test_half, {**none, "off": True}, args.style)
        got = end_to_end(args.data, test_half, model, args.style)
        print(f"\ntrained on {name[0]}, scored on {name[-1]} ({args.style}):")
        print(f"{'novel':30s} {'turns':>5s} {'rules':>6s} {'model':>6s}   "
              f"{'e2e rules':>9s} {'e2e model':>9s}")
        for n in test_half:
            h = held_out(args.data, n, model, "straight")
            pairs += [(p, r) for p, r, _ in h]
            rule_acc = 100 * sum(x[2] for x in h) / max(1, len(h))
            mod_acc = 100 * sum(x[1] for x in h) / max(1, len(h))
            report[n] = {"turns": len(h), "rules": rule_acc, "model": mod_acc,
                         "e2e_rules": e2e(base[n]), "e2e_model": e2e(got[n])}
            print(f"{n:30s} {len(h):5d} {rule_acc:6.1f} {mod_acc:6.1f}   "
                  f"{e2e(base[n]):9.1f} {e2e(got[n]):9.1f}")
        tb = sum(base[n]["correct"] for n in test_half) / sum(base[n]["gold"] for n in test_half)
        tg = sum(got[n]["correct"] for n in test_half) / sum(got[n]["gold"] for n in test_half)
        print(f"{'half ' + name[-1]:30s} {'':5s} {'':6s} {'':6s}   {100 * tb:9.1f} {100 * tg:9.1f}")
    acc = sum(r for _, r in pairs) / len(pairs)
    table = calibration(pairs)
    print(f"\nheld-out accuracy of the model's turns: {100 * acc:.1f}% of {len(pairs)}")
    print("calibration (probability up to -> accuracy):", table)
    if args.cv_only:
        return 0
    w = train([g for n in HALF_A + HALF_B for g in ex[n]])
    MODEL_PATH.write_text(json.dumps(model_of(w, {
        "trained_on": HALF_A + HALF_B, "accuracy": round(acc, 3), "calibration": table,
        "note": "weights from bench/train_conversation.py; calibration and accuracy are "
                "held-out (two-fold over the halves)"}), indent=1) + "\n")
    print(f"saved {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
