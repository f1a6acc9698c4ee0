#!/usr/bin/env python3
"""How often the right speaker is missing from the conversation model's candidates, and why.

The model (drama/extract/conversation/) only chooses among the people candidates() offers
for a turn; when the one speaking is not among them, no feature can help. Per dev novel, of
the turns the model decides that have a gold speaker: how many offer no candidate that is
the gold speaker, split by the first reason that applies:

- group: the gold speaker is a group or unknowable ("_group", "_unknowable");
- another form: a candidate shares a word with one of the gold speaker's names but the
  scorer resolves it to no one (a description: "The man" for "An Old Man", "The waiter"
  for "A Waiter"; a name the gold spells otherwise);
- no label: nothing the cast or the rules name resolves to the gold speaker (an unnamed
  "girl", a description the rules never tied to a name);
- called here: the turn itself calls them by name, which rules them out;
- he/she filter: a "he said"/"she said" tag whose sex the text gives them otherwise;
- scene before: one of the last two (gold) speakers of the conversation before, when it
  ended within PREV_CHAIN_PARAS paragraphs (the same scene: people who talked a moment
  ago, whom the narration between does not name again);
- named later: the text names them only after this turn;
- before the window: named within SCENE_PARAS paragraphs back, but before the
  conversation's own window (its first paragraph less WINDOW_PARAS);
- far back: named only further back than SCENE_PARAS paragraphs.

    .venv/bin/python bench/conversation_candidates.py [--only NOVEL ...] [--show N]

Uses the rules' attributions as drama does (no model weights needed); a few seconds a novel.
"""
from __future__ import annotations

import argparse
import sys
from bisect import bisect_left
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)
import pdnc_eval as E  # noqa: E402

from drama.extract.conversation import SCENE_PARAS, candidates  # noqa: E402
from drama.extract.conversation.chain import PREV_CHAIN_PARAS  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

REASONS = ("group", "another form", "no label", "called here", "he/she filter",
           "scene before", "named later", "before the window", "far back")


def missing_reason(novel: T.Novel, k: int, labels: set[str], cands: list[str]) -> str:
    """Why turn k's gold speaker is not among its candidates (the first reason that holds)."""
    doc = novel.doc
    t = doc.turns[k]
    if novel.gold[k].startswith("_"):
        return "group"
    words = set().union(*(E.core_tokens(a) for a in novel.gcast.aliases.get(novel.gold[k], ())))
    if any(E.core_tokens(c) & words and not novel.gcast.resolve(c) and c not in novel.fuller
           for c in cands):
        return "another form"
    right = [lab for lab in labels if novel.same(lab, k)]
    if not right:
        return "no label"
    if any(lab in doc.vocatives.get(k, ()) for lab in right):
        return "called here"
    if t.pronoun and all(doc.gender.get(lab) not in (None, t.pronoun, "1") for lab in right):
        return "he/she filter"
    if novel.gold[k] in scene_before(novel, t.chain):
        return "scene before"
    back = []
    for lab in right:
        paras = doc.mention_paras.get(lab, [])
        i = bisect_left(paras, t.para + 2) - 1
        if i >= 0:
            back.append(t.para - paras[i])
    if not back:
        return "named later"
    return "before the window" if min(back) <= SCENE_PARAS else "far back"


def scene_before(novel: T.Novel, c: int) -> set[str]:
    """The last two gold speakers of conversation c - 1 when it ended no more than
    PREV_CHAIN_PARAS paragraphs before conversation c starts."""
    doc = novel.doc
    if not c or doc.turns[doc.chains[c][0]].para - doc.turns[doc.chains[c - 1][-1]].para \
            > PREV_CHAIN_PARAS:
        return set()
    p1 = p2 = None
    for j in doc.chains[c - 1]:
        g = novel.gold[j]
        if g is not None and g != p1:
            p1, p2 = g, p1
    return {x for x in (p1, p2) if x}


def all_labels(doc) -> set[str]:
    """Every label the text gives anyone: named in it, or a tag's or the rules' pick."""
    return set(doc.mention_paras) | {x for t in doc.turns for x in (t.anchor, t.rule) if x}


def report(novel: T.Novel, show: int) -> Counter:
    """Counts of decided turns, turns missing their speaker, and each reason."""
    doc = novel.doc
    labels = all_labels(doc)
    counts: Counter = Counter()
    examples: list[str] = []
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None:
            continue
        cands = candidates(doc, k)
        if not cands:
            continue
        counts["turns"] += 1
        counts["candidates"] += len(cands)
        if any(novel.same(c, k) for c in cands):
            continue
        reason = missing_reason(novel, k, labels, cands)
        counts["missing"] += 1
        counts[reason] += 1
        if len(examples) < show:
            examples.append(f"    turn {k} (paragraph {t.para}): gold {novel.gold[k]!r}, "
                            f"{reason}; candidates {cands[:6]}")
    if examples:
        print("\n".join(examples))
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--only", nargs="*", help="novels (default: all ten, half A then B)")
    ap.add_argument("--show", type=int, default=0, help="examples per novel")
    args = ap.parse_args(argv)
    names = args.only or T.HALF_A + T.HALF_B
    print(f"{'novel':30s} {'turns':>5s} {'cands':>5s} {'missing':>8s}  " +
          "  ".join(REASONS))
    total: Counter = Counter()
    for name in names:
        c = report(T.Novel(args.data, name, "straight"), args.show)
        total += c
        print(f"{name:30s} {c['turns']:5d} {c['candidates'] / max(1, c['turns']):5.1f} "
              f"{100 * c['missing'] / max(1, c['turns']):7.1f}%  " +
              "  ".join(f"{c[r]:{len(r)}d}" for r in REASONS))
    print(f"{'all':30s} {total['turns']:5d} "
          f"{total['candidates'] / max(1, total['turns']):5.1f} "
          f"{100 * total['missing'] / max(1, total['turns']):7.1f}%  " +
          "  ".join(f"{total[r]:{len(r)}d}" for r in REASONS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
