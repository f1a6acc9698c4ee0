#!/usr/bin/env python3
"""Could the conversation model adapt to each book from the book's own tagged turns? Held out.

The model is trained on one half of the dev novels and decodes the other half (as
`train_conversation.py --cv-only`). Every book also has turns a tag names the speaker of
(~97% right), which the model takes as given. This sizes four ways of learning from them,
each on the turns the model decides (accuracy against the gold speakers):

- scales: the weights of one group of features (TURN_TAKING: the alternation, parity and
  pair features; RULE: the rules' pick) times a per-book factor from SCALES. "oracle" is
  each book at its best factor (a ceiling, chosen on the gold); "picked" is the factor
  that best decodes the book's own explicit turns with their tags hidden (hide_tags()).
- priors: per book, how often each person is tagged (Doc.lines) and how often two people
  are tagged in turns next to each other (tagged_pairs()); at the model's wrong turns,
  whether the signal ranks the gold speaker above the chosen one, and at its right turns,
  whether it ranks another candidate above the chosen one. Turns where the gold or the
  chosen one spoke the turn before (as the decoding has it) are left out of the pair
  signals, which say nothing of going on.
- self-train: one training round on the other half, then the same with the book's hidden
  explicit turns added as examples labelled by their tags (weights WEIGHTS), scored per
  book (only with --self-train: it trains once per book and weight).
- ceiling: as self-train, with the gold speakers of the book's own decided turns in half
  its conversations (weights 1 and CEILING_WEIGHT), scored on the other half's, both ways:
  what in-book labels of the right kind could give at most (needs the gold: a bound only).
- tag places: how often the speaker is the one who spoke two turns before (the rules' or
  the tags' reading of that turn), for the hidden explicit turns against their tag and for
  the turns the model decides against the gold: whether the tagged turns are a sample of
  the untagged ones.

    .venv/bin/python bench/book_adapt.py [--test A|B] [--only NOVEL ...]
        [--parts places priors scales self-train] [--cache FILE]

Several minutes (every hidden-tag decoding runs once per factor; --self-train reads the
other half's novels and trains ten times).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed  # noqa: E402

FOLDS = 3               # the explicit turns are hidden a third at a time
SCALES = (0.5, 0.75, 1.0, 1.25, 1.5)
WEIGHTS = (0.3, 1.0)    # what one hidden explicit turn counts in self-training
OWN_WEIGHT = 0.5        # what one of the book's decoded turns counts in self-training
CONFIDENT = 0.8
CEILING_WEIGHT = 3.0
TRANSITION_TURN_TAKING = ("near_pair", "same_as_prev", "alternates", "third_party",
                          "third_outside_pair")
TURN_TAKING = frozenset(f for f in C.FEATURES if f.startswith(("prev", "next", "nb_", "par_"))
                        or f in TRANSITION_TURN_TAKING)
RULE = frozenset(f for f in C.FEATURES if f.startswith("rule"))
PARTS = ("places", "priors", "scales", "self-train", "ceiling")


def hide_tags(novel: T.Novel, doc, fold: int, folds: int = FOLDS):
    """doc with every folds-th explicit turn (from ``fold``) read as one the model decides:
    no anchor, no rules' pick, no pronoun, and no name in its paragraphs' narration (the
    tag's; names inside its quotes stay). Returns (that doc, [(turn, the tag's speaker)])."""
    explicit = [k for k, t in enumerate(doc.turns)
                if t.anchor and t.cue == "explicit" and t.trust >= 1]
    chosen = set(explicit[fold::folds])
    pstart = [p[0] for p in novel.paras]
    turns, hidden, paras = [], [], set()
    for k, t in enumerate(doc.turns):
        if k in chosen:
            hidden.append((k, t.anchor))
            paras |= {bisect_right(pstart, novel.quotes[i].open) - 1 for i in t.quotes}
            t = dataclasses.replace(t, anchor=None, rule="", cue="unresolved", pronoun=None)
        turns.append(t)
    mentions = {p: [m for m in ms if p not in paras or m[2]] for p, ms in doc.mentions.items()}
    mention_paras: dict[str, list[int]] = {}
    for p in sorted(mentions):
        for m in mentions[p]:
            mention_paras.setdefault(m[1], []).append(p)
    lines = Counter(t.anchor for t in turns if t.anchor)
    hid = dataclasses.replace(
        doc, turns=turns, mentions=mentions, mention_paras=mention_paras, lines=dict(lines),
        told={p: v for p, v in doc.told.items() if p not in paras},
        chain_info={}, entering={}, focal={}, pairs={}, around={}, form_users=None)
    return hid, hidden


def tagged_pairs(doc) -> Counter:
    """{frozenset of two people: how often a tag names one in a turn and the other in the
    turn next to it in a conversation}."""
    out: Counter = Counter()
    for chain in doc.chains:
        tags = [doc.turns[k].anchor for k in chain]
        for a, b in zip(tags, tags[1:]):
            if a and b and a != b:
                out[frozenset((a, b))] += 1
    return out


def signal_votes(signal, cands, chosen, gold, right: bool) -> str:
    """How a per-book signal (person -> number) stands at one decided turn: at a wrong one,
    "gold>chosen", "gold<chosen" or "tie"; at a right one, "beaten" when another candidate
    has more, "tie" when one has as much, else "holds"."""
    if not right:
        a, b = signal(gold), signal(chosen)
        return "gold>chosen" if a > b else "gold<chosen" if a < b else "tie"
    others = [signal(c) for c in cands if c != chosen]
    top = max(others, default=float("-inf"))
    return "beaten" if top > signal(chosen) else "tie" if top == signal(chosen) else "holds"


def scaled(model: dict, group, factor: float) -> dict:
    """The model with the weights of the features in ``group`` times ``factor``."""
    return dict(model, weights=[w * factor if f in group else w
                                for f, w in zip(C.FEATURES, model["weights"])])


def real_turns(novel: T.Novel, model: dict, only=None) -> tuple[int, int]:
    """(right, turns) of the turns the model decides that have a gold speaker (of those in
    ``only``, when given)."""
    got = [novel.same(who, k) for k, (who, _) in C.decide(novel.doc, model).items()
           if novel.gold[k] is not None and (only is None or k in only)]
    return sum(got), len(got)


def hidden_turns(hidden_docs, model: dict) -> tuple[int, int]:
    """(right, turns) of the hidden explicit turns against their tags."""
    right = n = 0
    for doc, hidden in hidden_docs:
        decoded = C.decide(doc, model)
        for k, who in hidden:
            if k in decoded:
                right += decoded[k][0] == who
                n += 1
    return right, n


def pct(r: tuple[int, int]) -> float:
    return 100.0 * r[0] / max(1, r[1])


def scales(novels, model, tested) -> None:
    print("scales: a group's weights times a per-book factor (turns decided, % right)")
    total: Counter = Counter()
    for name in tested:
        novel = novels[name]
        hid = [hide_tags(novel, novel.doc, f) for f in range(FOLDS)]
        for gname, group in (("turn-taking", TURN_TAKING), ("rule", RULE)):
            real = {a: real_turns(novel, scaled(model, group, a)) for a in SCALES}
            seen = {a: hidden_turns(hid, scaled(model, group, a)) for a in SCALES}
            pick = max(SCALES, key=lambda a: (pct(seen[a]), -abs(a - 1)))
            best = max(SCALES, key=lambda a: (real[a][0], -abs(a - 1)))
            for what, a in (("main", 1.0), ("picked", pick), ("oracle", best)):
                total[gname, what, 0] += real[a][0]
                total[gname, what, 1] += real[a][1]
            print(f"  {name:30s} {gname:12s} hidden tags "
                  + " ".join(f"{a}:{pct(seen[a]):.1f}" for a in SCALES)
                  + " | decided " + " ".join(f"{a}:{pct(real[a]):.1f}" for a in SCALES)
                  + f" | picked {pick}", flush=True)
    for gname in ("turn-taking", "rule"):
        print(f"  all {gname:12s} " + "  ".join(
            f"{w} {pct((total[gname, w, 0], total[gname, w, 1])):.2f}"
            for w in ("main", "picked", "oracle")))


def priors(novels, model, tested) -> None:
    print("priors: per-book signals at the model's decided turns")
    total: Counter = Counter()
    for name in tested:
        novel, got = novels[name], Counter()
        doc = novel.doc
        pairs = tagged_pairs(doc)
        decoded = C.decide(doc, model)
        for k, (who, _) in decoded.items():
            if novel.gold[k] is None:
                continue
            t = doc.turns[k]
            prev = None
            if t.pos:
                j = doc.chains[t.chain][t.pos - 1]
                prev = decoded[j][0] if j in decoded else _fixed(doc.turns[j])
            cands = list(dict.fromkeys(C.candidates(doc, k) + [x for x in (prev, who) if x]))
            gold = next((c for c in cands if novel.same(c, k)), None)
            right = novel.same(who, k)
            got["right" if right else "wrong"] += 1
            if gold is None:
                got["no gold candidate"] += 1
                continue
            got["lines", right, signal_votes(lambda c: doc.lines.get(c, 0), cands, who, gold,
                                             right)] += 1
            if prev is None or prev in (who, gold):
                continue
            pair = (lambda c: pairs[frozenset((prev, c))] if c != prev else -1)
            got["pairs", right, signal_votes(pair, cands, who, gold, right)] += 1
        total.update(got)
        _print_votes(name, got)
    _print_votes("all", total)


def _print_votes(name: str, got: Counter) -> None:
    print(f"  {name:30s} right {got['right']} wrong {got['wrong']} "
          f"(no gold candidate {got['no gold candidate']})")
    for sig in ("lines", "pairs"):
        wrong = {v: got[sig, False, v] for v in ("gold>chosen", "gold<chosen", "tie")}
        right = {v: got[sig, True, v] for v in ("beaten", "tie", "holds")}
        print(f"      {sig:6s} at wrong turns {wrong}  at right turns {right}")


def tag_places(novels, tested) -> None:
    print("tag places: the speaker is the one two turns before (that turn's tag or rules' pick)")
    for name in tested:
        novel = novels[name]
        doc = novel.doc
        hidden = [h for f in range(FOLDS) for h in hide_tags(novel, doc, f)[1]]
        decided = [k for k, t in enumerate(doc.turns) if _decided(t) and novel.gold[k]]

        def two_back(k):
            t = doc.turns[k]
            return _fixed(doc.turns[doc.chains[t.chain][t.pos - 2]]) if t.pos >= 2 else None
        tagged = [two_back(k) == who for k, who in hidden if two_back(k)]
        untagged = [novel.same(two_back(k), k) for k in decided if two_back(k)]
        print(f"  {name:30s} explicit {100 * np.mean(tagged):5.1f}% of {len(tagged):4d}   "
              f"decided {100 * np.mean(untagged):5.1f}% of {len(untagged):4d}")


def self_train(novels, tested, trained_on) -> None:
    print("self-train: one round on the other half, plus the book's hidden explicit turns")
    groups = [g for n in trained_on for g in novels[n].examples()]
    base = T.model_of(T.train(groups))
    total: Counter = Counter()
    for name in tested:
        novel = novels[name]
        own = pseudo_examples(novel)
        row = {"main": real_turns(novel, base)}
        for w in WEIGHTS:
            row[w] = real_turns(novel, _trained_with(groups, own, w))
        for least in (0.0, CONFIDENT):
            decoded = decoded_examples(novel, base, least)
            row[f"decoded>={least}"] = real_turns(novel, _trained_with(groups, decoded,
                                                                       OWN_WEIGHT))
        for key, r in row.items():
            total[key, 0] += r[0]
            total[key, 1] += r[1]
        print(f"  {name:30s} {len(own):4d} hidden turns  "
              + "  ".join(f"{key} {pct(r):.1f}" for key, r in row.items()), flush=True)
    keys = dict.fromkeys(key for key, _ in total)
    print("  all" + "".join(f"  {key} {pct((total[key, 0], total[key, 1])):.2f}"
                            for key in keys))


def ceiling(novels, tested, trained_on) -> None:
    print("ceiling: one round on the other half, plus the gold of the book's decided turns "
          "in half its conversations, scored on the other half's")
    groups = [g for n in trained_on for g in novels[n].examples()]
    base = T.model_of(T.train(groups))
    total: Counter = Counter()
    for name in tested:
        novel = novels[name]
        own = list(zip(novel.examples(), novel.conversations()))
        row: Counter = Counter()
        for fold in (0, 1):
            kept = [g for g, c in own if c % 2 == fold]
            scored = {k for k, t in enumerate(novel.doc.turns) if t.chain % 2 != fold}
            for key, model in [("main", base)] + [(w, _trained_with(groups, kept, w))
                                                  for w in (1.0, CEILING_WEIGHT)]:
                r = real_turns(novel, model, scored)
                row[key, 0] += r[0]
                row[key, 1] += r[1]
        total.update(row)
        keys = dict.fromkeys(key for key, _ in row)
        print(f"  {name:30s} " + "  ".join(f"{key} {pct((row[key, 0], row[key, 1])):.1f}"
                                           for key in keys), flush=True)
    keys = dict.fromkeys(key for key, _ in total)
    print("  all" + "".join(f"  {key} {pct((total[key, 0], total[key, 1])):.2f}"
                            for key in keys))


def _trained_with(groups, extra, weight: float) -> dict:
    """One training round on groups plus extra, each of extra counting ``weight``."""
    counts = np.concatenate([np.ones(len(groups)), np.full(len(extra), weight)])
    return T.model_of(T.train(groups + extra, weights=counts))


def decoded_examples(novel: T.Novel, model: dict, least: float) -> list:
    """The book's decided turns as training examples labelled by the model's own reading
    (the turns before as it decoded them), those it gives a probability of ``least`` or
    more."""
    decoded = C.decide(novel.training, model)
    out = []
    for k, (who, p) in decoded.items():
        read = novel.turn_features(k, decoded, novel.training) if p >= least else None
        if read is not None and who in read[0]:
            cands, x, _ = read
            out.append((x, np.array([c == who for c in cands]), False))
    return out


def pseudo_examples(novel: T.Novel) -> list:
    """The book's explicit turns, hidden a fold at a time, as training examples labelled by
    their tags; the turns before are read as the tags and the rules have them (no gold)."""
    out = []
    for fold in range(FOLDS):
        doc, hidden = hide_tags(novel, novel.training, fold)
        for k, who in hidden:
            read = novel.turn_features(k, {}, doc)
            if read is not None and who in read[0]:
                cands, x, _ = read
                out.append((x, np.array([c == who for c in cands]), False))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap, cache_help="the trained weights, read or written "
                                        "(not with self-train)")
    ap.add_argument("--parts", nargs="*", choices=PARTS, default=PARTS[:3],
                    help="what to size (self-train: not by default)")
    args = ap.parse_args(argv)
    self_training = bool({"self-train", "ceiling"} & set(args.parts))
    novels, model, tested = T.trained_on_other_half(
        args.data, args.test, args.only, None if self_training else args.cache)
    if "places" in args.parts:
        tag_places(novels, tested)
    if "priors" in args.parts:
        priors(novels, model, tested)
    if "scales" in args.parts:
        scales(novels, model, tested)
    trained_on = T.HALF_A if args.test == "B" else T.HALF_B
    if "self-train" in args.parts:
        self_train(novels, tested, trained_on)
    if "ceiling" in args.parts:
        ceiling(novels, tested, trained_on)
    return 0


if __name__ == "__main__":
    sys.exit(main())
