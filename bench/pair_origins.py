#!/usr/bin/env python3
"""Where the wrong person entered the conversation model's decoded pair, held out.

The model is trained on one half (as `train_conversation.py --cv-only` does: two rounds)
and decodes the other. Each run of wrong turns (the model's turns of one conversation in a
row that are wrong) is followed back to its first turn, which is one of:

- missing: no candidate is the gold speaker;
- forced: wrong even given the true speakers before (by the gold and chosen speakers'
  places in the true history: prev1, prev2, third), at a conversation's first or second
  turn or later;
- phase: right given the true speakers before, wrong as decoded: then the decoded pair
  differs from the true one, and the script says where its wrong member came from: a
  known turn (a tag's, or the rules' vocative or running speech) with a wrong label, the
  scene before or a call at the conversation's opening (decode._opening_other), one person
  under two labels, or an earlier wrong model turn, whose run's origin it then inherits
  (an "episode": one error and the wrong turns it leads to).

Wrong turns are counted by the origin of their episode, and each run by what the known
turn right after it says (its speaker outside or inside the decoded pair, or wrong).
`known turns` counts, at each right known turn after a model turn, whether its speaker is
a third to the decoded pair and whether that pair is the true one: how often a tag could
tell the decoder its pair is wrong, against how often a third truly comes in.

    .venv/bin/python bench/pair_origins.py [--test A|B] [--model FILE] [--show N]

About half a minute with --model (weights cached there after the first run).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)
import conversation_errors as CE  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.decode import next_other  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed  # noqa: E402


def history(novel: T.Novel, decoded: dict) -> dict:
    """Turn -> (its speaker as read, the decoded prev1 and prev2 before it, and where that
    prev2 came from: ("opening scene" | "opening call", turn) or None), as decode.decide()
    builds its states."""
    doc, out, last = novel.doc, {}, (None, None)
    for c, chain in enumerate(doc.chains):
        last = last if C.follows_scene(doc, c) else (None, None)
        p1 = p2 = src = None
        for k in chain:
            who = decoded[k][0] if k in decoded else _fixed(doc.turns[k])
            out[k] = (who, p1, p2, src)
            new = next_other(doc, k, who, p1, p2, last)
            if not doc.turns[k].pos and new is not None:
                src = ("opening scene" if who in last else "opening call", k)
            elif new != p2:
                src = None
            p1, p2 = who, new
        last = (p1, p2)
    return out


class Origins:
    """One novel's runs of wrong turns and their origins."""

    def __init__(self, novel: T.Novel, model: dict):
        self.novel, self.doc = novel, novel.doc
        self.w = np.array(model["weights"])
        self.decoded = C.decide(self.doc, model)
        self.hist = history(novel, self.decoded)
        self.root: dict[int, str] = {}

    def resolve(self, label: str | None) -> str | None:
        n = self.novel
        return (n.gcast.resolve(label) or n.fuller.get(label)) if label else None

    def wrong(self, k: int) -> bool:
        n, t = self.novel, self.doc.turns[k]
        return (_decided(t) and n.gold[k] is not None and k in self.decoded and
                bool(C.candidates(self.doc, k)) and not n.same(self.decoded[k][0], k))

    def runs(self):
        """(conversation, start, end) of each run of wrong turns, in text order."""
        for chain in self.doc.chains:
            i = 0
            while i < len(chain):
                j = i
                while j < len(chain) and self.wrong(chain[j]):
                    j += 1
                if j > i:
                    yield chain, i, j
                i = j + 1

    def start(self, k: int) -> str:
        """The kind of a run's first turn k (and for a phase turn, its origin)."""
        t = self.doc.turns[k]
        best, gold_in, gold_place, best_place = CE.forced_choice(self.novel, k, self.w)
        at = "opening turn: " if t.pos == 0 else "second turn: " if t.pos == 1 else ""
        if not gold_in:
            return at + "missing"
        if not self.novel.same(best, k):
            return at + f"forced (gold {gold_place}, chose {best_place})"
        return at + "phase: " + self.phase_origin(k)

    def phase_origin(self, k: int) -> str:
        """Where the wrong member of the decoded pair before turn k came from; an earlier
        wrong model turn's episode is this run's root too (self.root)."""
        who, p1, p2, src = self.hist[k]
        _, _, (tp1, tp2) = self.novel.turn_features(k)
        true = [x[1:] if x and x[0] == "?" else self.resolve(x) for x in (tp1, tp2)]
        if self.resolve(p1) != true[0]:
            bad, j = "p1", k - 1
        elif self.resolve(p2) != true[1]:
            bad = "p2"
            if src is not None:
                return f"p2 from the {src[0]}"
            chain = self.doc.chains[self.doc.turns[k].chain]
            said = [x for x in chain if x < k and self.hist[x][0] == p2]
            if not said:
                return "p2 unset"
            j = said[-1]
        else:
            return "same people, other labels" if (p1, p2) != (tp1, tp2) else "state right"
        tj = self.doc.turns[j]
        if _decided(tj):
            if self.novel.same(self.hist[j][0], j):
                return f"{bad} from a right model turn (label differs)"
            return "from earlier wrong turn:" + self.root.get(j, "a model turn without gold")
        if self.novel.gold[j] is None:
            return f"{bad} from a known turn without gold"
        kind = "tag" if tj.anchor else tj.cue
        right = "right" if self.novel.same(self.hist[j][0], j) else "wrong"
        return f"{bad} from a {right} known turn ({kind})"

    def after(self, chain: list[int], j: int) -> str:
        """What the known turn right after a run (at chain[j]) says of the decoded pair."""
        if j >= len(chain):
            return "conversation ends"
        nxt = chain[j]
        if _decided(self.doc.turns[nxt]):
            return "a right model turn"
        who, p1, p2, _ = self.hist[nxt]
        if self.novel.gold[nxt] is None or not self.novel.same(who, nxt):
            return "a known turn, wrong"
        inside = self.resolve(who) in {self.resolve(p1), self.resolve(p2)}
        return "a known turn, its speaker " + ("in" if inside else "outside") + " the pair"

    def count(self, show: int = 0, name: str = "") -> Counter:
        out: Counter = Counter()
        for chain, i, j in self.runs():
            run = chain[i:j]
            first = self.start(run[0])
            origin = first.split("from earlier wrong turn:")[-1]
            for k in run:
                self.root[k] = origin
            out["wrong turns by episode origin: " + origin] += len(run)
            first = "phase: from an earlier wrong turn" if "earlier" in first else first
            out["runs by first turn: " + first] += 1
            out["wrong turns by what follows the run: " + self.after(chain, j)] += len(run)
            if show:
                show -= 1
                print(f"  {name} turns {run} [{origin}] then {self.after(chain, j)}: gold "
                      f"{[self.novel.gold[k] for k in run]}, read "
                      f"{[self.decoded[k][0] for k in run]}")
        return out + self.known_turns()

    def known_turns(self) -> Counter:
        """At each right known turn after a model turn, with two before it: whether its
        speaker is a third to the decoded pair, whether that pair is the true one, and
        whether the speaker is a third to the true pair."""
        out: Counter = Counter()
        n = self.novel
        for chain in self.doc.chains:
            for i, k in enumerate(chain):
                t = self.doc.turns[k]
                if _decided(t) or i == 0 or not _decided(self.doc.turns[chain[i - 1]]):
                    continue
                who, p1, p2, _ = self.hist[k]
                if p2 is None or n.gold[k] is None or not n.same(who, k):
                    continue
                g1 = n.gold[chain[i - 1]]
                g2 = next((n.gold[j] for j in reversed(chain[:i - 1]) if n.gold[j] != g1), None)
                pair = {self.resolve(p1), self.resolve(p2)}
                third = self.resolve(who) not in pair
                out[f"known turns: third to the decoded pair {third}, pair right "
                    f"{pair == {g1, g2}}, third to the true pair {n.gold[k] not in (g1, g2)}"] += 1
        return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="B",
                    help="the half decoded (the model is trained on the other)")
    ap.add_argument("--model", type=Path, help="weights cached here (trained if missing)")
    ap.add_argument("--show", type=int, default=0, help="runs to print per novel")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, cache=args.model)
    total: Counter = Counter()
    for name in test:
        total += Origins(novels[name], model).count(args.show, name)
    group = ""
    for key, n in sorted(total.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        head, rest = key.split(": ", 1)
        if head != group:
            group = head
            print(head + ":")
        print(f"    {rest:70s} {n:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
