#!/usr/bin/env python3
"""How the conversation model does after an interjection, held out.

An interjection: in one conversation, two turns of a pair talking (A then B, by the gold
speakers) and then a third one, C. The turn after it is B's (C answered B), A's (the pair
resumes with the one C did not answer), C's again, or someone else's. For each, how often
the model decides that turn (and gets it right), trained on the other half as
`train_conversation.py --cv-only` does. When A resumes, the turn after that is counted too
(B's, as the pair goes on, or someone else's).

    .venv/bin/python bench/interjections.py [--test A|B] [--model FILE]

About half a minute with --model (weights cached there after the first run).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _fixed  # noqa: E402


def count(novel: T.Novel, decoded: dict, got: Counter) -> None:
    """Add one novel's interjections to ``got``: (place, gold role) -> turns, and
    (place, gold role, "decided"/"right") -> the model's turns of them."""
    doc, gold = novel.doc, novel.gold
    for chain in doc.chains:
        g = [gold[k] for k in chain]
        for i in range(2, len(chain) - 1):
            a, b, c = g[i - 2:i + 1]
            if None in (a, b, c) or a == b or c in (a, b):
                continue
            _tally(novel, decoded, chain[i + 1], "after", {a: "A", b: "B", c: "C"}, got)
            if g[i + 1] == a and i + 2 < len(chain):
                _tally(novel, decoded, chain[i + 2], "after A", {b: "B", a: "A", c: "C"}, got)


def _tally(novel, decoded, k, place, roles, got) -> None:
    role = roles.get(novel.gold[k], "other") if novel.gold[k] else "unknown"
    got[place, role] += 1
    if k in decoded:
        got[place, role, "decided"] += 1
        got[place, role, "right"] += novel.same(decoded[k][0], k)
    else:
        got[place, role, "known right"] += novel.same(_fixed(novel.doc.turns[k]), k)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices="AB", default="B")
    ap.add_argument("--model", type=Path, help="cache of the other half's weights")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, cache=args.model)
    got: Counter = Counter()
    for n in tested:
        count(novels[n], C.decide(novels[n].doc, model), got)
    print(f"half {args.test}, model trained on the other half")
    print(f"{'place':8s} {'gold':6s} {'turns':>5s} {'model':>5s} {'right':>5s} {'known ok':>8s}")
    for place in ("after", "after A"):
        for role in ("A", "B", "C", "other", "unknown"):
            if got[place, role]:
                print(f"{place:8s} {role:6s} {got[place, role]:5d} "
                      f"{got[place, role, 'decided']:5d} {got[place, role, 'right']:5d} "
                      f"{got[place, role, 'known right']:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
