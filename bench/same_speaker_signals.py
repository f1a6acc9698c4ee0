#!/usr/bin/env python3
"""Does the text say that the one who spoke the turn before goes on? The conversation
model's two big kinds of wrong turn, and the textual signals of a speaker going on, held
out (round 31).

The model is trained on one half of the dev novels (as `train_conversation.py --cv-only`
does: two rounds) and decodes the other half, whole conversations as drama does. The turns
are those of conversation_errors.split(): decided by the model, with a gold speaker and
candidates.

1. Every such turn, right or wrong, by the gold speaker's and the chosen one's place in the
   decoded history (who the model said spoke the turns before, as it sees them: place()):
   prev1 (the turn before), prev2 (the last other one before it), earlier, new; by the
   number of distinct gold speakers in the conversation (2-, 3, 4+). The two big kinds:
   "the same one goes on" (gold prev1, chose prev2) and "a third speaks" (gold earlier or
   new, chose prev2); each also counted where a run of wrong turns starts (the turn before
   right, known, or none).
2. Each signal of SIGNALS at the turns past a conversation's first whose turn before has a
   gold speaker (the true history): how many, the share where the gold speaker is the one
   of the turn before (same %), and the model's right / wrong turns among those where the
   same one goes on and those where another speaks. A signal worth a feature has a same %
   far from the base rate and wrong turns on the side it points to.

--show SIGNAL prints the turns with that signal where the same one goes on and the model
is wrong (--n of them), the text from the turn before.

    .venv/bin/python bench/same_speaker_signals.py [--test A|B] [--only NOVEL ...]
        [--cache FILE] [--show SIGNAL] [--n N]

About three minutes (with --cache a model trained before is read back).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed, _lead_goes_on  # noqa: E402
from drama.extract.lexicon import GOING_ON_PHRASES  # noqa: E402

PLACES = ("prev1", "prev2", "earlier", "new")
BUCKETS = ("2-", "3", "4+")
DASH_END = re.compile(r"(?:--|—|–|\.\.\.|…)\s*$")
DASH_START = re.compile(r"^\s*(?:--|—|–|\.\.\.|…)")
TAG_CHARS = 80          # the narration after a turn's first quote read as its tag
GOES_ON_TAG = re.compile(r"^[^.!?;]*?\b(?:" + "|".join(GOING_ON_PHRASES) + r")\b")
"""A verb of going on (lexicon.GOING_ON_VERBS, "went on") in a first quote's tag, before its
sentence ends ("“…,” she went on, “…”")."""


def place(who, history: list) -> str:
    """Where ``who`` stands in a conversation's history (the speakers of its turns so far,
    oldest first): the one of the turn before (prev1), the last other one (prev2), someone
    who spoke before that (earlier), or no one of it (new). None (a label no gold character
    stands for) is new: it is no one of the history, even where the history holds one too.
    (plan31's sizing script matched a None choice to a None of the history, so its counts of
    "chose prev2" are a little higher.)"""
    if who is None:
        return "new"
    p1 = history[-1] if history else None
    p2 = next((h for h in reversed(history) if h != p1), None)
    if who == p1:
        return "prev1"
    if who == p2:
        return "prev2"
    return "earlier" if who in history else "new"


def kind(gold_place: str, chosen_place: str) -> str | None:
    """The kind of a wrong turn by the places of the gold and the chosen speaker: the same
    one goes on, or a third speaks, read as the alternation; None otherwise."""
    if chosen_place != "prev2":
        return None
    if gold_place == "prev1":
        return "the same one goes on"
    return "a third speaks" if gold_place in ("earlier", "new") else None


def opens_lower(body: str) -> bool:
    """A quote's words open on a lower-case letter (it goes on with a sentence)."""
    body = body.lstrip()
    return bool(body) and body[0].islower()


def gold_id(novel, label):
    """The gold character a label stands for, as Novel.same() reads it."""
    if not label:
        return None
    return novel.gcast.resolve(label) or novel.fuller.get(label)


def beat_subject(novel, k: int, j: int, prev1, prev2) -> str:
    """Whose name last opens a clause in the paragraphs of narration between turn j and
    turn k: "prev1", "prev2", "third" or "none" (gold speakers of the true history)."""
    doc = novel.doc
    last = None
    for p in range(doc.turns[j].para + 1, doc.turns[k].para):
        for off, lab, in_quote, opens in doc.mentions.get(p, ()):
            if not in_quote and opens:
                last = gold_id(novel, lab)
    if last is None:
        return "none"
    return "prev1" if last == prev1 else "prev2" if last == prev2 else "third"


def _bodies(novel, k: int, j: int) -> tuple[str, str, str]:
    """Turn k's first quote's words, turn j's last quote's words, and the narration after
    turn k's first quote in its paragraph (TAG_CHARS of it, lower case)."""
    t, pj = novel.doc.turns[k], novel.doc.turns[j]
    q, pq = novel.quotes[t.quotes[0]], novel.quotes[pj.quotes[-1]]
    end = novel.paras[t.para][1]
    after = novel.quotes[t.quotes[1]].open if len(t.quotes) > 1 else end
    return (novel.text[q.start:q.end], novel.text[pq.start:pq.end],
            novel.text[q.close:min(after, end)][:TAG_CHARS].lower())


def signals(novel, k: int, j: int, prev1, prev2) -> dict[str, bool]:
    """The signals at turn k, whose turn before in its conversation is j (spoken by prev1;
    prev2 the last other one)."""
    t, pj = novel.doc.turns[k], novel.doc.turns[j]
    body, prev_body, tag = _bodies(novel, k, j)
    lead = novel.text[novel.paras[t.para][0]:t.open].strip()
    subject = beat_subject(novel, k, j, prev1, prev2) if t.after_beat else None
    prev_q = novel.quotes[pj.quotes[-1]]
    return {
        "no narration between": not t.beat.strip(),
        "a paragraph of narration between": t.after_beat,
        **{f"... its last subject {s}": subject == s
           for s in ("prev1", "prev2", "third", "none")},
        "... the narration since ends on a verb of going on":
            t.after_beat and _lead_goes_on(t.beat),
        "... it ends on a colon": t.after_beat and t.beat.rstrip().endswith(":"),
        "a lead-in, no paragraph between": bool(lead) and not t.after_beat,
        "the lead-in ends on a verb of going on (goes_on)": t.goes_on,
        "the turn before runs on past its tag (after_tail)": t.after_tail,
        "a verb of going on in the first quote's tag": bool(GOES_ON_TAG.search(tag)),
        "the first quote opens in lower case": opens_lower(body),
        "the first quote opens on a dash or dots": bool(DASH_START.match(body)),
        "the quote before ends on a dash or dots": bool(DASH_END.search(prev_body.rstrip())),
        "the quote before ends on a comma": prev_body.rstrip().endswith(","),
        "the quote before has no closing mark": prev_q.close == prev_q.end,
    }


def decoded_history(novel, decoded: dict, k: int) -> list:
    """Who spoke the turns before turn k in its conversation, as the decoding has them
    (the model's choice, else the tag's or the rules'), as gold characters."""
    doc = novel.doc
    t = doc.turns[k]
    return [gold_id(novel, decoded[j][0] if j in decoded else _fixed(doc.turns[j]))
            for j in doc.chains[t.chain][:t.pos]]


def bucket(n: int) -> str:
    return "2-" if n <= 2 else "3" if n == 3 else "4+"


def count(novel, model, c: Counter, order: dict, show: str | None, shown: list) -> None:
    """Add one novel's turns to c (parts 1 and 2); the signals' names to ``order`` (as
    signals() lists them); to ``shown`` the turns to print."""
    doc = novel.doc
    decoded = C.decide(doc, model)
    right_at = {k: novel.same(who, k) for k, (who, _) in decoded.items()}
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None or not C.candidates(doc, k):
            continue
        chain = doc.chains[t.chain]
        b = bucket(len({novel.gold[j] for j in chain if novel.gold[j] is not None}))
        right = right_at.get(k, False)
        res = "right" if right else "wrong"
        hist = decoded_history(novel, decoded, k)
        chosen = gold_id(novel, decoded[k][0]) if k in decoded else None
        gp, cp = place(novel.gold[k], hist), place(chosen, hist)
        for key in (b, "all"):
            c["places", key, res] += 1
            c["places", key, res, gp, cp] += 1
        j = chain[t.pos - 1] if t.pos else None
        run_start = j is None or not _decided(doc.turns[j]) or right_at.get(j, False)
        what = kind(gp, cp) if not right else None
        if what:
            for key in (b, "all"):
                c["kinds", key, what] += 1
                c["kinds", key, what, "run start"] += run_start
        if j is None or novel.gold[j] is None:
            continue
        truth = [novel.gold[i] for i in chain[:t.pos]]
        prev1, prev2 = truth[-1], next((g for g in reversed(truth) if g != truth[-1]), None)
        same = novel.gold[k] == prev1
        c["signals", "all turns", same, right] += 1
        found = signals(novel, k, j, prev1, prev2)
        order.update(dict.fromkeys(found))
        for name, on in found.items():
            if on:
                c["signals", name, same, right] += 1
                if name == show and same and not right:
                    shown.append((novel, k, j))


def report(c: Counter, order) -> None:
    print("== 1. the model's turns by the gold / chosen speaker's place in the decoded history ==")
    for b in BUCKETS + ("all",):
        r, w = c["places", b, "right"], c["places", b, "wrong"]
        print(f"  {b:3s} turns {r + w:5d}, wrong {w:4d}: " + ", ".join(
            f"gold {g} chose {h} {c['places', b, 'wrong', g, h]}" for g in PLACES
            for h in PLACES if c["places", b, "wrong", g, h]))
        for what in ("the same one goes on", "a third speaks"):
            n = c["kinds", b, what]
            print(f"      {what:22s} {n:4d} ({100 * n / max(1, w):4.1f}% of the wrong), "
                  f"{c['kinds', b, what, 'run start']} at a run's start")
    print("\n== 2. signals at turns with a true turn before: the same one goes on? ==")
    print(f"  {'signal':54s} {'turns':>5s} {'same %':>6s}  same: right/wrong  "
          f"other: right/wrong")
    for name in ["all turns", *order]:
        n = {(s, r): c["signals", name, s, r] for s in (True, False) for r in (True, False)}
        tot = sum(n.values())
        same = n[True, True] + n[True, False]
        print(f"  {name:54s} {tot:5d} {100 * same / max(1, tot):6.1f}  "
              f"{n[True, True]:10d}/{n[True, False]:<6d} "
              f"{n[False, True]:11d}/{n[False, False]:<6d}")


def show_turns(shown, n: int) -> None:
    for novel, k, j in shown[:n]:
        doc = novel.doc
        print(f"\n## turn {k}: gold {novel.gold[k]} (the turn before's too)")
        for p in range(doc.turns[j].para, doc.turns[k].para + 1):
            a, e = novel.paras[p]
            txt = " ".join(novel.text[a:e].split())
            print(f"   [{p}] {txt[:400]}{' …' if len(txt) > 400 else ''}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap, test="A")
    ap.add_argument("--show", help="a signal (its name in the table) whose wrong turns to print")
    ap.add_argument("--n", type=int, default=20, help="how many of them")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only, args.cache)
    c: Counter = Counter()
    order: dict = {}
    shown: list = []
    for name in test:
        count(novels[name], model, c, order, args.show, shown)
    report(c, order)
    show_turns(shown, args.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
