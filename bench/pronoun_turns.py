#!/usr/bin/env python3
"""The conversation model's "he said" / "she said" turns, held out: which go wrong and how.

The model is trained on one half (two rounds, as `train_conversation.py --cv-only`) and
decodes the other. Each decided turn with a pronoun tag (Turn.pronoun) and a gold speaker
is right, or wrong of one kind:

- tag misread: the gold speaker's sex (the gold cast) is not the tag's (the pronoun read
  as the tag belongs to someone else, or a "he" reads a woman's line);
- sex misread: no candidate is the gold speaker, and the labels the features read for
  them have the wrong sex (the he/she filter dropped them);
- missing: no candidate (with the partners the true history adds) is the gold speaker,
  though a label of the right sex is theirs (named out of reach);
- sex unknown: the gold speaker is a candidate, under a label whose sex the features do
  not know ("The stranger");
- no label: no label the features read is the gold speaker (unnamed, a group);
- chosen, forced / phase: the gold speaker is a candidate and another is decoded,
  wrong even given the true speakers before (forced) or only as decoded (phase); split by
  where the chosen and the gold stand: the last speaker (prev1), the other of the pair
  (prev2), the last of that sex the narration named as a subject (last-named, else
  named), the scene's focal person of that sex, the rules' pick.

And every such turn with two speakers before it, by how many of the two are of the tag's
sex and where the rules' pick stands (pair_kind): turns, the rules right, the model
right given the true speakers before (forced), decoded right.

Also, per novel, the cast's sex of each label that resolves to a gold character against
the gold's, over the labels the features read (doc.gender).

    .venv/bin/python bench/pronoun_turns.py [--test A|B] [--show N] [--kind KIND]
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.mentions import _named_of_sex, focal  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

SEX = {"M": "m", "F": "f"}


def gold_sexes(data: Path, name: str) -> dict[str, str | None]:
    """Gold main name -> "m"/"f" (None for others)."""
    with open(data / name / "character_info.csv", encoding="utf-8") as f:
        return {r["Main Name"].strip(): SEX.get(r["Gender"].strip().upper()[:1])
                for r in csv.DictReader(f)}


def places(novel: T.Novel, k: int, label: str, p1, p2) -> list[str]:
    """Where a label stands at turn k (pronoun turns)."""
    doc, t = novel.doc, novel.doc.turns[k]
    order, _ = _named_of_sex(doc, t)
    out = []
    if label == p1:
        out.append("prev1")
    if label == p2:
        out.append("prev2")
    if order and order[0] == label:
        out.append("last-named")
    elif label in order:
        out.append("named")
    if focal(doc, t, t.pronoun) == label:
        out.append("focal")
    if t.rule == label:
        out.append("rule")
    return out or ["none"]


def pair_kind(novel: T.Novel, k: int, sexes: dict, p1, p2) -> tuple[str, str] | None:
    """For turn k with two speakers before it (the true history), how many of the two are
    of the tag's sex ("?X": X's gold sex; else the sex the features read), and where the
    rules' pick stands: prev1, prev2, a third the narration names between the turn before's
    paragraph and this turn's first quote ("third named since"), or another third."""
    doc, t = novel.doc, novel.doc.turns[k]
    if p1 is None or p2 is None or not t.rule:
        return None

    def sex(lab: str):
        return sexes.get(lab[1:]) if lab.startswith("?") else doc.gender.get(lab)
    of_sex = sum(sex(x) == t.pronoun for x in (p1, p2))
    known = all(sex(x) in ("m", "f", "1") for x in (p1, p2))
    before = doc.turns[k - 1]
    since = {lab for p in range(before.para + 1, t.para + 1)
             for pos, lab, inside, _ in doc.mentions.get(p, ()) if not inside and pos < t.open}
    rule = "prev1" if t.rule == p1 else "prev2" if t.rule == p2 else \
        "third named since" if t.rule in since else "third"
    return f"{of_sex} of the pair of its sex" + ("" if known else " (a sex unknown)"), rule


def analyse(novel: T.Novel, model: dict, sexes: dict, name: str, show: int,
            out: Counter, only_kind: str | None = None) -> None:
    w = np.array(model["weights"])
    doc = novel.doc
    decoded = C.decide(doc, model)
    shown = 0
    for k, t in enumerate(doc.turns):
        if not _decided(t) or t.pronoun is None or novel.gold[k] is None or k not in decoded:
            continue
        out["turns"] += 1
        out[name, "turns"] += 1
        who = decoded[k][0]
        cands, x, (p1, p2) = novel.turn_features(k)
        pair = pair_kind(novel, k, sexes, p1, p2)
        if pair is not None:
            out["pair", *pair, "turns"] += 1
            out["pair", *pair, "rule right"] += novel.same(t.rule, k)
            out["pair", *pair, "decoded right"] += novel.same(who, k)
            out["pair", *pair, "forced right"] += novel.same(cands[int(np.argmax(x @ w))], k)
        if novel.same(who, k):
            out["right"] += 1
            out[name, "right"] += 1
            continue
        gsex = sexes.get(novel.gold[k])
        best = cands[int(np.argmax(x @ w))]
        gold_labels = [c for c in cands if novel.same(c, k)]
        all_gold = [lab for lab in doc.gender if novel.same(lab, k)]
        if gsex is not None and gsex != t.pronoun:
            kind = "tag misread"
        elif not gold_labels:
            kind = "missing" if any(doc.gender.get(lab) == gsex for lab in all_gold) \
                else "sex misread" if all_gold else "no label"
        elif all(doc.gender.get(lab) != gsex for lab in gold_labels):
            kind = "sex unknown"
        else:
            kind = "chosen, phase" if novel.same(best, k) else "chosen, forced"
        out[kind] += 1
        out[name, kind] += 1
        if kind.startswith("chosen"):
            chosen = "+".join(places(novel, k, who, p1, p2))
            gold = "+".join(places(novel, k, gold_labels[0], p1, p2))
            out["chose", chosen] += 1
            out["gold", gold] += 1
            out["sex of chosen", doc.gender.get(who)] += 1
        if kind in ("sex misread", "sex unknown"):
            for lab in all_gold:
                out["misread", name, lab, doc.gender.get(lab), gsex] += 1
        if shown < show and (not only_kind or kind == only_kind):
            shown += 1
            print(f"--- {name} turn {k} [{kind}] tag {t.pronoun} gold {novel.gold[k]} ({gsex}) "
                  f"decoded {who} ({doc.gender.get(who)}) rule {t.rule} p1 {p1} p2 {p2}")
            if gold_labels:
                print(f"    chosen {places(novel, k, who, p1, p2)} gold "
                      f"{places(novel, k, gold_labels[0], p1, p2)} cands {cands}")
            for p in range(max(0, t.para - 2), t.para + 1):
                a, b = novel.paras[p]
                txt = " ".join(novel.text[a:b].split())
                print(f"      {txt[:400]}{' …' if len(txt) > 400 else ''}")


def cast_sexes(novel: T.Novel, sexes: dict, name: str) -> None:
    """The cast's sex of each label the features read that resolves to a gold character,
    against the gold's."""
    bad = []
    for lab, g in novel.doc.gender.items():
        gold = novel.gcast.resolve(lab)
        if gold is None or g == "1":
            continue
        want = sexes.get(gold)
        if want is not None and g != want:
            bad.append(f"{lab}={g} (gold {gold} {want})")
    print(f"{name}: cast sex wrong or unknown for {len(bad)} labels: " + "; ".join(bad))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="B")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--kind", default=None,
                    help='show only turns of this kind ("chosen, forced")')
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test)
    out: Counter = Counter()
    for name in test:
        sexes = gold_sexes(args.data, name)
        cast_sexes(novels[name], sexes, name)
        analyse(novels[name], model, sexes, name, args.show, out, args.kind)
    kinds = ("right", "tag misread", "sex misread", "sex unknown", "missing", "no label",
             "chosen, forced",
             "chosen, phase")
    print(f"{'novel':30s} {'turns':>5s} " + " ".join(f"{k[:14]:>14s}" for k in kinds))
    for name in test:
        print(f"{name:30s} {out[name, 'turns']:5d} " +
              " ".join(f"{out[name, k]:14d}" for k in kinds))
    print(f"{'all':30s} {out['turns']:5d} " + " ".join(f"{out[k]:14d}" for k in kinds))
    print("turns with two speakers before, by the pair's sexes and the rules' pick "
          "(turns, rules right, forced right, decoded right):")
    for key in sorted({k[1:3] for k in out if isinstance(k, tuple) and k[0] == "pair"}):
        print(f"    {key[0]:36s} {key[1]:18s} " + " ".join(
            f"{out['pair', *key, c]:5d}" for c in ("turns", "rule right", "forced right", "decoded right")))
    for head in ("chose", "gold", "sex of chosen", "misread"):
        print(head + ":")
        for key, n in sorted(((k, v) for k, v in out.items()
                              if isinstance(k, tuple) and k[0] == head), key=lambda kv: -kv[1]):
            print(f"    {' '.join(map(str, key[1:])):50s} {n:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
