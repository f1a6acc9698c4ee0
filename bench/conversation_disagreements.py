#!/usr/bin/env python3
"""Where the conversation model and the rules disagree, held out, and who is right.

The model is trained on one half of the dev novels (as `train_conversation.py --cv-only`
does: two rounds) and decodes the other half. For each turn it decides with a gold speaker,
the rules' pick (Turn.rule: the sieve and cue that made it) is set against the model's
decoded one; where they differ, the turn is counted as the model right, the rules right,
both (two labels of one person) or neither, by:

- the rules' cue and the sieve that made the pick;
- the model's margin: its probability for its own pick less the one it gives the rules'
  pick, read from the turn's candidates given the decoded speakers before (as the decoder
  scores them on its best path), in bins (MARGINS);
- how far the nearest known turn (a tag's, or the rules' vocative or running speech) lies
  before the turn in its conversation, in turns ("none": no known turn before);
- the rules' pick's place in the decoded history (prev1: spoke the turn before; prev2: the
  last other one; third; "absent": not among the turn's candidates).

    python3 bench/conversation_disagreements.py [--test A|B] [--only NOVEL ...]
        [--cache FILE] [--dump FILE]

--dump writes every decided turn's record (JSON lines) for scratch analysis. "forced":
the model right given the true speakers before the turn.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

MARGINS = (0.1, 0.25, 0.5, 0.75, 1.01)
"""Upper bounds of the bins of the model's margin over the rules' pick."""


def _local(novel: T.Novel, k: int, w: np.ndarray, decoded: dict | None):
    """Turn k's candidates and their probabilities given the speakers before it (decoded,
    or the true ones with None), and the history (prev1, prev2)."""
    read = novel.turn_features(k, decoded)
    if read is None:
        return [], np.array([]), (None, None)
    cands, x, prev = read
    s = x @ w
    p = np.exp(s - s.max())
    return cands, p / p.sum(), prev


def _known_before(doc, t) -> int | None:
    """Turns back to the nearest turn of t's conversation the model does not decide."""
    chain = doc.chains[t.chain]
    for d in range(1, t.pos + 1):
        if not _decided(doc.turns[chain[t.pos - d]]):
            return d
    return None


def _sieve(novel: T.Novel, t) -> str:
    """The sieve that made the turn's pick: that of its quote with the turn's cue."""
    for i in t.quotes:
        if novel.rules[i].cue == t.cue:
            return novel.rules[i].sieve or "-"
    return novel.rules[t.quotes[0]].sieve or "-"


def records(novel: T.Novel, name: str, model: dict):
    """One record per decided turn with a gold speaker and a candidate."""
    w = np.array(model["weights"])
    decoded = C.decide(novel.doc, model)
    doc = novel.doc
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None or k not in decoded:
            continue
        who = decoded[k][0]
        cands, p, (p1, p2) = _local(novel, k, w, decoded)
        fc, fp, _ = _local(novel, k, w, None)
        prob = dict(zip(cands, p))
        place = ("absent" if t.rule not in prob else "prev1" if t.rule == p1 else
                 "prev2" if t.rule == p2 else "third")
        yield {"novel": name, "k": k, "pos": t.pos, "cue": t.cue, "sieve": _sieve(novel, t),
               "rule": t.rule, "model": who, "p_model": float(prob.get(who, 0.0)),
               "p_rule": float(prob.get(t.rule, 0.0)), "place": place,
               "known_before": _known_before(doc, t), "pronoun": t.pronoun,
               "after_beat": t.after_beat, "after_tail": t.after_tail,
               "forced": fc[int(np.argmax(fp))] if len(fc) else None,
               "model_right": novel.same(who, k), "rule_right": novel.same(t.rule, k),
               "forced_right": bool(len(fc)) and novel.same(fc[int(np.argmax(fp))], k),
               "quotes": len(t.quotes)}


def _margin_bin(r) -> str:
    m = r["p_model"] - r["p_rule"]
    lo = 0.0
    for hi in MARGINS:
        if m < hi:
            return f"{lo:.2f}-{min(hi, 1):.2f}"
        lo = hi
    return "1"


def _dist_bin(r) -> str:
    d = r["known_before"]
    return "none" if d is None else str(d) if d < 4 else "4+"


def report(recs) -> None:
    """The disagreements by cue, sieve, margin, distance and place."""
    agree = Counter((r["model"] == r["rule"], r["model_right"]) for r in recs)
    print(f"decided turns {len(recs)}: agree {agree[(True, True)] + agree[(True, False)]} "
          f"({agree[(True, True)]} right); disagree "
          f"{agree[(False, True)] + agree[(False, False)]}")
    dis = [r for r in recs if r["model"] != r["rule"]]
    for title, key in (("cue", lambda r: r["cue"]), ("sieve", lambda r: r["sieve"]),
                       ("margin", _margin_bin), ("known turn before", _dist_bin),
                       ("rules' pick's place", lambda r: r["place"]),
                       ("cue x margin", lambda r: f"{r['cue']} {_margin_bin(r)}")):
        rows: dict = defaultdict(Counter)
        for r in dis:
            rows[key(r)]["n"] += 1
            rows[key(r)]["model"] += r["model_right"]
            rows[key(r)]["rule"] += r["rule_right"]
            rows[key(r)]["forced"] += r["forced_right"]
            rows[key(r)]["both"] += r["model_right"] and r["rule_right"]
        print(f"\n{'by ' + title:28s} {'turns':>6s} {'model':>6s} {'rules':>6s} "
              f"{'both':>5s} {'neither':>7s} {'forced':>6s}")
        for name, c in sorted(rows.items(), key=lambda x: -x[1]["n"]):
            only_m, only_r = c["model"] - c["both"], c["rule"] - c["both"]
            print(f"{name:28s} {c['n']:6d} {only_m:6d} {only_r:6d} {c['both']:5d} "
                  f"{c['n'] - only_m - only_r - c['both']:7d} {c['forced']:6d}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", default="A", choices=("A", "B"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--cache", type=Path, help="weights trained on the other half, kept here")
    ap.add_argument("--dump", type=Path, help="write the records here (JSON lines)")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, args.only,
                                                    args.cache)
    recs = [r for n in tested for r in records(novels[n], n, model)]
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in recs))
    report(recs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
