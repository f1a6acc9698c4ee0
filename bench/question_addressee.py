#!/usr/bin/env python3
"""Whom a question is asked of, sized as a rule for the answer's speaker (round 32, qaA32).

The idea: a turn that asks a question and calls someone by name ("Are you coming, Jane?")
is answered by the one it calls; in a conversation of three or more, a question with no
call after a tagged turn is asked of that turn's speaker, who answers. The rules already
give the turn after a call to the one called (the vocative sieve's `answerer`, no question
needed) unless narration stands between (`beat_after_call`) or the called one spoke the
calling turn; the model has `voc_prev`, `voc_prev2` (emission) and `answers_question`
(transition). This sizes what is left, held out (the model trained on the other half, as
multiparty.py; the same cache format).

Rules sized at every turn of a conversation after its first, each naming one person X
(a gold id) or nobody:

- call: the turn before calls X by name (Doc.vocatives), X not its gold speaker;
- call_q: ... and one of its quotes that calls X holds a "?" (the question is put to X);
- call_q_end: ... and the turn before ends on a question (Turn.asks);
- call_q_beat: call_q where a paragraph of narration lies between (Turn.after_beat), the
  case the vocative sieve leaves to the model;
- setoff_q: the turn before sets a name off in a quote that holds a "?" (multiparty.set_off:
  a comma, a stop or the quote's start before it, a comma or a stop after), and the
  vocative reader does not call it: the calls the reader may miss ("Can he be, Jane, …?");
- call_q_skip: the turn two back calls X in a question, the turn between is tagged for
  someone other than X (an interjection), and X did not speak it;
- asked_of_tagged: in a conversation of 3+ gold speakers, the turn two back is tagged for
  X, the turn before (not X's by its tag or the model's reading) asks with no call: X answers.

Per rule: precision over all the turns it fires on (the gold speaker is X), split by how
the turn is settled (tagged, the rules' vocative, the model, other rules); over the model's
turns, right and wrong, and as a hard override its reach (wrong turns where X is the gold)
against its risk (right turns where X is not), and X among the candidates. --show N prints
N of the model's turns of each rule, right and wrong, with the text from the turn two before.

Round 32 (qaA32, looked at half A; main 9f5a266, models trained on the other half). Of the
model's 378 wrong turns on half A (951 on B), 81 (223) follow a turn ending on a question
and 4 (4) a question that calls someone by name; call_q names the gold at 1 wrong turn on
each half. Precision over every turn it fires on, A / B: call 73% / 70%, call_q 76% / 76%
(tagged turns 69% / 58%, the rules' vocative 94% / 94%, the model's 61% / 63%, where the
model is right at 31 of 36 / 36 of 41), call_q_beat 18% / 41%, setoff_q 33% / 39%,
call_q_skip 27% / 23%, asked_of_tagged 68% / 67%. As a hard override on the model's turns,
reach against risk, A / B: call 6-51 / 2-32, call_q 1-10 / 1-11, call_q_end 0-4 / 1-7,
call_q_beat 0-8 / 0-2, setoff_q 3-12 / 3-7, call_q_skip 0-6 / 2-5, asked_of_tagged 2-5 /
0-6. The vocative sieve already answers the calls; the model already reads the rest
(voc_prev, answers_question, the alternation): nothing left to gain. Built anyway as an
emission feature, voc_prev_q (the turn before calls the candidate in a quote holding a "?";
aa2b045, reverted): weight -0.02 on the ten (voc_prev's own is +0.02), held out A 89.66 =,
B 83.72 -> 83.75, turns 80.0%; in process identical (A 89.85 / 85.59, B 83.93 / 75.41).

    .venv/bin/python bench/question_addressee.py [--test A|B] [--only NOVEL ...]
        [--cache FILE] [--show N]
"""
from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)
import multiparty as MP  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.cast import Cast  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

RULES = ("call", "call_q", "call_q_end", "call_q_beat", "setoff_q", "call_q_skip",
         "asked_of_tagged")
KINDS = ("tagged", "vocative", "model", "other")


def kind_of(t) -> str:
    """How turn t is settled: a tag, the rules' vocative, the model, or another rule."""
    if t.anchor is not None:
        return "tagged"
    if _decided(t):
        return "model"
    return "vocative" if t.cue == "vocative" else "other"


def quote_calls(novel) -> list[str | None]:
    """Per quote, the label of the person it calls by name (as the model's Doc reads them)."""
    if not hasattr(novel, "qcalls"):
        novel.qcalls = C.vocative_labels(novel.text, novel.quotes, novel.paras,
                                         Cast(novel.text))
    return novel.qcalls


def called_in_question(novel, j: int) -> set:
    """The people (gold ids) turn j calls in a quote that holds a question mark."""
    calls = quote_calls(novel)
    out = set()
    for i in novel.doc.turns[j].quotes:
        q = novel.quotes[i]
        if calls[i] and "?" in novel.text[q.start:q.end]:
            out.add(MP.resolve(novel, calls[i]))
    return out


def set_off_in_question(novel, j: int) -> set:
    """The people (gold ids) turn j names set off (multiparty.set_off) in a quote that holds
    a question mark."""
    doc = novel.doc
    spans = [(novel.quotes[i].start, novel.quotes[i].end) for i in doc.turns[j].quotes]
    asking = [(a, b) for a, b in spans if "?" in novel.text[a:b]]
    out = set()
    first = bisect_right([x[0] for x in novel.paras], spans[0][0]) - 1
    for p in range(first, doc.turns[j].para + 1):
        for off, lab, inside, _ in doc.mentions.get(p, ()):
            if inside and any(a <= off < b for a, b in asking) and MP.set_off(novel.text, off):
                out.add(MP.resolve(novel, lab))
    return out


def called(novel, j: int) -> set:
    """The people (gold ids) turn j calls by name."""
    return {MP.resolve(novel, lab) for lab in novel.doc.vocatives.get(j, ())}


def one(xs: set, not_: object = None):
    """The one person of xs other than not_, or None when none or several."""
    xs = {x for x in xs if x and x != not_}
    return next(iter(xs)) if len(xs) == 1 else None


def fired(novel, k: int, decoded: dict, speakers: int) -> dict:
    """Rule -> the person it names at turn k (only the rules that fire)."""
    doc, gold = novel.doc, novel.gold
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    if not t.pos:
        return {}
    j = chain[t.pos - 1]
    out = {}
    x = one(called(novel, j), gold[j])
    xq = one(called_in_question(novel, j), gold[j])
    if x:
        out["call"] = x
    if xq:
        out["call_q"] = xq
        if doc.turns[j].asks:
            out["call_q_end"] = xq
        if t.after_beat:
            out["call_q_beat"] = xq
    xs = one(set_off_in_question(novel, j) - called(novel, j), gold[j])
    if xs:
        out["setoff_q"] = xs
    if t.pos >= 2:
        i = chain[t.pos - 2]
        xi = one(called_in_question(novel, i), gold[i])
        mid = MP.resolve(novel, doc.turns[j].anchor)
        if xi and doc.turns[j].anchor is not None and mid != xi and t.anchor is None:
            out["call_q_skip"] = xi
        tagged = MP.resolve(novel, doc.turns[i].anchor)
        asker = MP.resolve(novel, doc.turns[j].anchor or
                           (decoded[j][0] if j in decoded else doc.turns[j].rule))
        if speakers >= 3 and tagged and doc.turns[j].asks and not called(novel, j) \
                and asker != tagged:
            out["asked_of_tagged"] = tagged
    return out


def measure(c: Counter, novel, name: str, model: dict, show: int, shown: Counter) -> None:
    """Count every turn of one novel under each rule that fires."""
    doc = novel.doc
    decoded = C.decide(doc, model)
    for k, t in enumerate(doc.turns):
        gold = novel.gold[k]
        if gold is None:
            continue
        chain = doc.chains[t.chain]
        speakers = len({novel.gold[j] for j in chain if novel.gold[j] is not None})
        kind = kind_of(t)
        model_turn = kind == "model" and C.candidates(doc, k) and k in decoded
        right = model_turn and novel.same(decoded[k][0], k)
        if model_turn:
            res = "right" if right else "wrong"
            c["model", res] += 1
            j = chain[t.pos - 1] if t.pos else None
            c["model", res, "after a question"] += j is not None and doc.turns[j].asks
            c["model", res, "after a question that calls"] += \
                j is not None and doc.turns[j].asks and bool(called(novel, j))
        for rule, x in fired(novel, k, decoded, speakers).items():
            hit = x == gold
            c[rule, kind, "fires"] += 1
            c[rule, kind, "X is gold"] += hit
            if not model_turn:
                continue
            res = "right" if right else "wrong"
            c[rule, "model " + res] += 1
            c[rule, "model " + res + ", X is gold"] += hit
            cands = {MP.resolve(novel, lab) for lab in C.candidates(doc, k)}
            c[rule, "model " + res + ", X a candidate"] += x in cands
            chosen = MP.resolve(novel, decoded[k][0])
            c[rule, "reach"] += not right and hit and chosen != x
            c[rule, "risk"] += right and not hit
            if shown[rule, res] < show:
                shown[rule, res] += 1
                print_turn(novel, name, rule, k, x, chosen, res)


def print_turn(novel, name: str, rule: str, k: int, x, chosen, res: str) -> None:
    """The text from the turn two before to turn k, with the rule's pick and the model's."""
    doc = novel.doc
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    first = doc.turns[chain[max(0, t.pos - 2)]].para
    print(f"\n[{rule}] {name} turn {k} {res}: gold {novel.gold[k]}, rule {x}, chose {chosen}")
    for p in range(first, t.para + 1):
        a, b = novel.paras[p]
        txt = " ".join(novel.text[a:b].split())
        print(f"    [{p}] {txt[:300]}{' …' if len(txt) > 300 else ''}")


def report(c: Counter) -> None:
    """The tables: the model's turns after a question, each rule's precision by kind of turn,
    and its reach and risk on the model's turns."""
    print()
    for res in ("right", "wrong"):
        print(f"model turns {res} {c['model', res]}: the turn before ends on a question "
              f"{c['model', res, 'after a question']}, and calls someone by name "
              f"{c['model', res, 'after a question that calls']}")
    print(f"\n{'rule':16s} " + " ".join(f"{k:>16s}" for k in KINDS + ("all",)))
    for rule in RULES:
        cells = []
        for kind in KINDS + ("all",):
            ks = KINDS if kind == "all" else (kind,)
            n = sum(c[rule, x, "fires"] for x in ks)
            h = sum(c[rule, x, "X is gold"] for x in ks)
            cells.append(f"{h:5d}/{n:5d} {100 * h / max(1, n):4.0f}%")
        print(f"{rule:16s} " + " ".join(f"{x:>16s}" for x in cells))
    print("\nthe model's turns where the rule fires (held out):")
    for rule in RULES:
        print(f"  {rule:16s} wrong {c[rule, 'model wrong']:4d} (X gold "
              f"{c[rule, 'model wrong, X is gold']:3d}, X a candidate "
              f"{c[rule, 'model wrong, X a candidate']:3d})  right {c[rule, 'model right']:4d} "
              f"(X gold {c[rule, 'model right, X is gold']:3d})  "
              f"reach {c[rule, 'reach']:3d} risk {c[rule, 'risk']:3d}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap, test="A", cache_help="the trained weights, read or written "
                         "(default: multiparty.py's cache for the half)")
    ap.add_argument("--show", type=int, default=0, help="model turns of each rule to read out")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, args.only,
                                                    args.cache or MP.default_cache(args.test))
    c: Counter = Counter()
    shown: Counter = Counter()
    for name in tested:
        measure(c, novels[name], name, model, args.show, shown)
    report(c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
