#!/usr/bin/env python3
"""Where the conversation model's wrong turns come from, held out.

The model is trained on one half of the dev novels (as `train_conversation.py --cv-only`
does: two rounds) and decodes the other half. Each turn it decides that has a gold speaker
is then one of:

- right: the decoded speaker is the gold one;
- missing: no candidate (with the partners the true history adds) is the gold speaker;
  split by conversation_candidates.missing_reason(), at the first wrong turn of a run (one
  conversation, one gold speaker: a person missing from a long exchange is missing again at
  each of their turns) and at the later ones. The true history names a turn before by a
  label of this turn's candidates, so it adds no partner the candidates lack: the decoder
  does (it carries the label it chose), and some turns counted here come out right. Also
  split by the gold speaker's last turn before in the conversation (earlier_turn(), in
  conversations of two gold speakers or fewer and of three or more): whether a label of
  that turn could have carried them here;
- forced wrong: given the true speakers of the turns before (teacher forcing), the model's
  best candidate is still wrong;
- phase: right with the true history, wrong as decoded (an exchange read out of phase).

Forced-wrong turns are split by the gold speaker's and the chosen one's place in the true
history: prev1 (spoke the turn before), prev2 (the last other speaker before it), third
(neither), and by whether the turn opens its conversation (no history at all). Phase
turns are split by the decoded speaker's place in the same true history: prev1 or prev2
(the alternation read out of phase) or third (the alternation in phase, but one of the
pair taken for someone else, most often since a wrong turn before). The wrong turns are
also weighed in quotes by the turn's size (SIZES), as end-to-end counts them.

The wrong turns are also put in four groups (GROUPS, group_of()), counted in turns and in
the gold Implicit quotes (no tag) they hold: the right speaker missing from the candidates;
a two-person alternation broken (the gold and the chosen one are the two who spoke last,
swapped; or, decoded, the one who spoke the turn before); a third person speaking (the gold
one is neither of the two who spoke last); one of the pair taken for someone else (the
gold one is of the pair, the chosen one a third).

Slips: two turns of a conversation in a row, one of them at least decided by the model,
where the decoding says "the same speaker goes on" and the gold says "the turn changes
hands", or the other way round; by what lies between them (BETWEEN), with the model's
wrong turns from there to the next known turn. --show N prints N of each kind with the
text from the turn before to the turn.

    .venv/bin/python bench/conversation_errors.py [--test A|B] [--only NOVEL ...] [--show N]

About two minutes (every novel of both halves is read).
"""
from __future__ import annotations

import argparse
import re
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)
import conversation_candidates as CC  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed  # noqa: E402

KINDS = ("right", "missing", "forced wrong", "phase")
SIZES = ((1, "1 quote"), (2, "2 quotes"), (5, "3-5 quotes"), (10**6, "6+ quotes"))
"""Turn sizes (up to so many quotes) by which the wrong turns are weighed in quotes: one
wrong long turn (a story told over many paragraphs) costs end-to-end many lines."""


LETTER = re.compile(r"[^\W\d_]")
GROUPS = ("missing candidate", "alternation broken", "a third speaks",
          "one of the pair taken for another")
"""The groups of wrong turns (group_of()), in the order they are printed."""
EARLIER = ("never spoke before", "a known turn, under their label",
           "a known turn, under another label", "a decided turn, a candidate there",
           "a decided turn, no candidate there either")
"""The gold speaker's last turn before a missing turn in its conversation (earlier_turn())."""
BETWEEN = ("nothing", "a tag", "a lead-in", "narration after the tag", "a paragraph")
"""What lies between two turns in a row: no narration at all; only the tag of the turn
before; narration before this turn's first quote in its paragraph; narration running on
past the turn before's tag (Turn.after_tail); a paragraph of narration (Turn.after_beat)."""


def size_of(turn) -> str:
    """The SIZES bucket of a turn, by its number of quotes."""
    return next(name for most, name in SIZES if len(turn.quotes) <= most)


def group_of(kind: str) -> str:
    """The group (GROUPS) of a wrong turn by its kind as split() names it: "missing",
    "gold P, chose Q" (forced wrong) or "phase, chose Q" (Q the chosen one's place in the
    true history: prev1, prev2 or third)."""
    if kind == "missing":
        return GROUPS[0]
    if kind.startswith("gold third"):
        return GROUPS[2]
    if kind.endswith("chose third"):
        return GROUPS[3]
    return GROUPS[1]


def implicit_quotes(novel: T.Novel, data: Path, name: str) -> set[int]:
    """The indices of the novel's found quotes whose gold quotation is Implicit (no tag),
    matched as Novel matches the gold speakers (the gold span holding the quote's end)."""
    _, _, gquotes = T.E.load_novel(str(data / name))
    spans = sorted((s, e, q["type"]) for q in gquotes for s, e in q["spans"])
    starts = [s for s, _, _ in spans]
    out = set()
    for i, q in enumerate(novel.quotes):
        j = bisect_right(starts, q.end - 1) - 1
        if j >= 0 and spans[j][1] > q.start and spans[j][2] == "Implicit":
            out.add(i)
    return out


def forced_choice(novel: T.Novel, k: int, w: np.ndarray):
    """Turn k's best candidate given the true speakers before it, whether the gold one is
    among the candidates, and the gold and chosen ones' places (prev1, prev2, third)."""
    cands, x, (p1, p2) = novel.turn_features(k)
    best = cands[int(np.argmax(x @ w))]

    def place(is_it) -> str:
        return "prev1" if p1 and is_it(p1) else "prev2" if p2 and is_it(p2) else "third"
    gold = novel.gold[k]
    gold_place = place(lambda x: x == "?" + gold or novel.same(x, k))
    return best, any(novel.same(c, k) for c in cands), gold_place, place(lambda x: x == best)


def split(novel: T.Novel, model: dict, implicit: set[int] = frozenset()) -> Counter:
    """Counts of the novel's decided turns by kind, and of forced-wrong turns by place; and
    of the wrong ones by group (group_of()), in turns and in the quotes of ``implicit``
    (implicit_quotes()) they hold."""
    w = np.array(model["weights"])
    decoded = C.decide(novel.doc, model)
    out: Counter = Counter()
    labels = CC.all_labels(novel.doc)
    runs: set = set()
    for k, t in enumerate(novel.doc.turns):
        if not _decided(t) or novel.gold[k] is None or not C.candidates(novel.doc, k):
            continue
        out["turns"] += 1
        out["quotes " + size_of(t)] += len(t.quotes)
        if k in decoded and novel.same(decoded[k][0], k):
            out["right"] += 1
            continue
        out["wrong " + size_of(t)] += len(t.quotes)
        best, gold_in, gold_place, best_place = forced_choice(novel, k, w)
        if not gold_in:
            kind = "missing"
            run = (t.chain, novel.gold[k])
            reason = CC.missing_reason(novel, k, labels, C.candidates(novel.doc, k))
            out[f"missing, {'later in' if run in runs else 'first of'} its run: {reason}"] += 1
            runs.add(run)
            out[f"earlier {speakers_of(novel, t.chain)}: {earlier_turn(novel, k)}"] += 1
        elif not novel.same(best, k):
            kind = f"gold {gold_place}, chose {best_place}"
            out["forced wrong"] += 1
            out["at a conversation's start"] += t.pos == 0
        else:
            kind = f"phase, chose {place_of(novel, k, decoded[k][0])}"
            out["phase"] += 1
        out[kind] += 1
        group = group_of(kind)
        out["group " + group] += 1
        out["implicit " + group] += sum(i in implicit for i in t.quotes)
    return out


def speakers_of(novel: T.Novel, c: int) -> str:
    """Conversation c's distinct gold speakers: "2-" (two or fewer) or "3+"."""
    gold = {novel.gold[j] for j in novel.doc.chains[c] if novel.gold[j] is not None}
    return "2-" if len(gold) <= 2 else "3+"


def earlier_turn(novel: T.Novel, k: int) -> str:
    """What the gold speaker's last turn before turn k in its conversation was (EARLIER):
    none; a known turn (a tag's, or the rules' vocative or running speech) whose label is
    theirs or another's; or a turn the model decides, with or without a candidate of theirs.
    Only "a known turn, under their label" and "a decided turn, a candidate there" leave a
    label that carrying the conversation's speakers could bring to turn k."""
    doc = novel.doc
    t = doc.turns[k]
    spoke = [j for j in doc.chains[t.chain][:t.pos] if novel.gold[j] == novel.gold[k]]
    if not spoke:
        return EARLIER[0]
    j = spoke[-1]
    if not _decided(doc.turns[j]):
        return EARLIER[1] if novel.same(_fixed(doc.turns[j]), j) else EARLIER[2]
    theirs = any(novel.same(c, j) for c in C.candidates(doc, j))
    return EARLIER[3] if theirs else EARLIER[4]


def place_of(novel: T.Novel, k: int, label: str) -> str:
    """Where ``label`` stands in turn k's true history: prev1, prev2 or third."""
    _, _, (p1, p2) = novel.turn_features(k)
    return "prev1" if label == p1 else "prev2" if label == p2 else "third"


def between(novel: T.Novel, k: int) -> str:
    """What lies between turn k and the turn before it (BETWEEN)."""
    t, before = novel.doc.turns[k], novel.doc.turns[k - 1]
    if t.after_beat:
        return "a paragraph"
    if t.after_tail:
        return "narration after the tag"
    q = novel.quotes[t.quotes[0]]
    if LETTER.search(novel.text, novel.paras[t.para][0], q.open):
        return "a lead-in"
    since = novel.quotes[before.quotes[-1]].close
    return "a tag" if LETTER.search(novel.text, since, q.open) else "nothing"


def slips(novel: T.Novel, decoded: dict):
    """(kind, what lies between, turn index, wrong turns from there on) for each slip:
    two turns in a row of a conversation, one at least decided by the model, whose
    decoded speakers go on where the gold ones change hands, or the other way round."""
    doc = novel.doc

    def who(k: int) -> str | None:
        label = decoded[k][0] if k in decoded else _fixed(doc.turns[k])
        return novel.gcast.resolve(label) or novel.fuller.get(label) if label else None

    for chain in doc.chains:
        for i in range(1, len(chain)):
            j, k = chain[i - 1], chain[i]
            if not (_decided(doc.turns[j]) or _decided(doc.turns[k])) or \
                    novel.gold[j] is None or novel.gold[k] is None:
                continue
            gold_same, read_same = novel.gold[j] == novel.gold[k], who(j) == who(k)
            if gold_same == read_same:
                continue
            kind = "goes on, read as a change" if gold_same else "changes, read as going on"
            yield kind, between(novel, k), k, wrong_from(novel, decoded, chain[i:])


def wrong_from(novel: T.Novel, decoded: dict, chain: list[int]) -> int:
    """The model's wrong turns from the start of ``chain`` up to its next known turn."""
    wrong = 0
    for k in chain:
        if not _decided(novel.doc.turns[k]):
            break
        wrong += novel.gold[k] is not None and k in decoded and not novel.same(decoded[k][0], k)
    return wrong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="A",
                    help="the half decoded (the model is trained on the other)")
    ap.add_argument("--only", nargs="*", help="novels of the tested half to report")
    ap.add_argument("--show", type=int, default=0,
                    help="print this many slips of each kind, with their text")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only)
    print(f"{'novel':30s} {'turns':>5s}  " + "  ".join(f"{k:>12s}" for k in KINDS))
    total: Counter = Counter()
    for name in test:
        c = split(novels[name], model, implicit_quotes(novels[name], args.data, name))
        total += c
        print(f"{name:30s} {c['turns']:5d}  " +
              "  ".join(f"{100 * c[k] / max(1, c['turns']):11.1f}%" for k in KINDS))
    print(f"{'all':30s} {total['turns']:5d}  " +
          "  ".join(f"{100 * total[k] / max(1, total['turns']):11.1f}%" for k in KINDS))
    print("forced wrong, by place in the true history (turns):")
    for key, n in sorted(total.items(), key=lambda kv: -kv[1]):
        if key.startswith("gold ") or key.startswith("at "):
            print(f"    {key:32s} {n:5d}")
    print("missing, by the first reason that holds (conversation_candidates.REASONS), at the "
          "first wrong turn of a run (one conversation, one gold speaker) and later in it:")
    for key, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        if key.startswith("missing, "):
            print(f"    {key[9:]:44s} {n:5d}")
    print("missing, by the gold speaker's last turn before in the conversation "
          "(earlier_turn()), in conversations of 2- and of 3+ gold speakers:")
    for kind in EARLIER:
        print(f"    {kind:44s} {total['earlier 2-: ' + kind]:5d} {total['earlier 3+: ' + kind]:5d}")
    print("phase, by the decoded speaker's place in the true history (turns):")
    for key, n in sorted(total.items(), key=lambda kv: -kv[1]):
        if key.startswith("phase, "):
            print(f"    {key:32s} {n:5d}")
    print("wrong turns by group (turns, the Implicit gold quotes in them):")
    for group in GROUPS:
        print(f"    {group:36s} {total['group ' + group]:5d} {total['implicit ' + group]:5d}")
    print_sizes(total)
    print_slips({n: novels[n] for n in test}, model, args.show)
    return 0


def print_slips(novels: dict, model: dict, show: int) -> None:
    """The slips (slips()) counted by kind and by what lies between, with the model's
    wrong turns that follow; and ``show`` of each kind with their text."""
    count: Counter = Counter()
    shown: Counter = Counter()
    print("slips (two turns in a row; wrong turns from there to the next known turn):")
    for name, novel in novels.items():
        decoded = C.decide(novel.doc, model)
        for kind, gap, k, wrong in slips(novel, decoded):
            count[kind, gap] += 1
            count[kind, gap, "wrong"] += wrong
            if shown[kind] < show:
                shown[kind] += 1
                print_slip(novel, name, kind, k, decoded)
    for kind in ("goes on, read as a change", "changes, read as going on"):
        print(f"    {kind}: " + ", ".join(
            f"after {gap} {count[kind, gap]} ({count[kind, gap, 'wrong']} wrong)"
            for gap in BETWEEN))


def print_slip(novel: T.Novel, name: str, kind: str, k: int, decoded: dict) -> None:
    """One slip: the two turns' gold and decoded speakers ("(known)": a turn the model
    does not decide), and the text from the turn before to the end of this turn."""
    doc = novel.doc
    read = [decoded[j][0] if j in decoded else f"{_fixed(doc.turns[j])} (known)"
            for j in (k - 1, k)]
    print(f"  {name} turn {k} ({kind}, after {between(novel, k)}): gold "
          f"{novel.gold[k - 1]} -> {novel.gold[k]}; read {read[0]} -> {read[1]}")
    for p in range(doc.turns[k - 1].para, doc.turns[k].para + 1):
        a, b = novel.paras[p]
        text = " ".join(novel.text[a:b].split())
        print(f"      {text[:300]}{' …' if len(text) > 300 else ''}")


def print_sizes(total: Counter) -> None:
    """The wrong turns weighed in quotes, by turn size: the quotes wrong of each size, and
    each size's share of all the quotes of wrong turns."""
    wrong = sum(total["wrong " + name] for _, name in SIZES)
    print("quotes of decided turns, by turn size: wrong / all, share of the wrong quotes:")
    for _, name in SIZES:
        n, bad = total["quotes " + name], total["wrong " + name]
        print(f"    {name:12s} {bad:5d} / {n:5d} ({100 * bad / max(1, n):4.1f}%)  "
              f"{100 * bad / max(1, wrong):5.1f}%")


if __name__ == "__main__":
    sys.exit(main())
