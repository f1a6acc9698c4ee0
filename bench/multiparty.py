#!/usr/bin/env python3
"""The conversation model's wrong turns by the number of distinct gold speakers in their
conversation, held out (the model trained on the other half, as conversation_errors.py),
and the marks a multi-party fix could read, sized (plan31, round 31).

For each decided turn with a gold speaker and candidates (the same turns as
conversation_errors.split()): right or wrong as decoded; its conversation's distinct gold
speakers (2-, 3, 4+). In 3+ conversations, for the wrong turns (and, as the risk, the
right ones), whether the gold speaker / the chosen one:
  (a) is named or called (vocative) in the previous turn's quotes (quote mentions of the
      previous turn's paragraph(s), Doc.vocatives of the previous turn);
  (b) is the subject (mention opening a clause) / any mention of the narration between the
      previous turn's last quote and this turn's first quote;
  (c) spoke (gold) within the last 2 / 4 turns of the conversation;
  (d) is among the model's candidates (with the partners the true history adds).
Each mechanism (MECHANISMS, M4-M7, M9) is sized as its reach, the wrong turns where the
gold one has the mark and the chosen one not, against its risk, the right turns where
another candidate has it and the gold one not: what a hard rule would break. (plan31's M10,
someone the narration tells leaving, read a list of phrases written for that note, from no
general source; it is left out here.)

    .venv/bin/python bench/multiparty.py [--test A|B] [--only NOVEL ...] [--cache FILE]
        [--show N]

About a minute once the model is cached (the default cache is the system's temp folder,
one file per half: the model differs with the half it is trained on); the first run trains.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo and the scorer on the path)
import conversation_errors as CE  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided, _fixed  # noqa: E402

BUCKETS = ("2-", "3", "4+")
"""The conversations by their distinct gold speakers: two or fewer, three, four or more."""
SIGNALS = ("named_prev", "voc_prev", "subj_between", "any_between", "told_between", "last2",
           "last4", "lead_in")
"""The marks signals() finds on people at a turn (setoff_prev is added after them)."""
MECHANISMS = {
    "M1 called/named in previous quote": "named_prev",
    "M1v called (vocative) in previous quote": "voc_prev",
    "M2 subject of narration between": "subj_between",
    "M2t narration turns/speaks to (told) between": "told_between",
    "M3 spoke in last 4 but not last 2": "last4",
    "M8 named in the turn's own lead-in": "lead_in",
    "M1s named set off (address) in previous quote": "setoff_prev",
}
"""Each mechanism sized by reach and risk, and the signal it reads."""
LOCAL_MARKS = ("named_prev", "setoff_prev", "subj_between", "lead_in", "told_between")
"""The marks of the turn's own surroundings, for the union of them all."""
THIRD_BIASES = (0.25, 0.5, 1.0)
"""M9: the biases for a third person tried where the known turns name 3+ people."""
TABLES = ("M4 pair", "M5 quote-named third", "M6 only talked about", "M7 beat pronoun", "union")
"""The counts reported one line each at the end, by their first key."""


def default_cache(test: str) -> Path:
    """Where the model trained for half `test` is kept between runs (T.temp_cache)."""
    return T.temp_cache("multiparty", test)


def resolve(novel, label):
    """A speaker label as a gold id: a "?"-marked one as it stands, else the gold cast's."""
    if not label:
        return None
    if label.startswith("?"):
        return label[1:]
    return novel.gcast.resolve(label) or novel.fuller.get(label)


def bucket(n: int) -> str:
    """The BUCKETS entry of a conversation with n distinct gold speakers."""
    return "2-" if n <= 2 else "3" if n == 3 else "4+"


@dataclass
class Turn:
    """One decided turn as the measures read it."""

    novel: T.Novel
    name: str
    k: int
    decoded: dict
    right: bool
    speakers: int
    """Distinct gold speakers of its conversation."""

    @property
    def doc(self):
        return self.novel.doc

    @property
    def turn(self):
        return self.doc.turns[self.k]

    @property
    def chain(self) -> list[int]:
        return self.doc.chains[self.turn.chain]

    @property
    def res(self) -> str:
        return "right" if self.right else "wrong"

    @property
    def gold(self):
        return self.novel.gold[self.k]

    @property
    def chosen(self):
        return resolve(self.novel, self.decoded[self.k][0]) if self.k in self.decoded else None


def signals(novel, k: int) -> dict[str, set]:
    """Per signal (SIGNALS), the people (gold ids) who have it at turn k; none at a
    conversation's first turn."""
    doc = novel.doc
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    out = {s: set() for s in SIGNALS}
    if t.pos == 0:
        return out
    j = chain[t.pos - 1]
    pj = doc.turns[j]
    q0, q1 = novel.quotes[pj.quotes[0]], novel.quotes[pj.quotes[-1]]
    for p in range(pj.para, t.para + 1):
        for off, lab, inq, opens in doc.mentions.get(p, ()):
            who = resolve(novel, lab)
            if inq and q0.open <= off < q1.close:
                out["named_prev"].add(who)
            if not inq and q1.close <= off < t.open:
                out["any_between"].add(who)
                if opens:
                    out["subj_between"].add(who)
        for off, lab, how in doc.told.get(p, ()):
            if q1.close <= off < t.open:
                out["told_between"].add(resolve(novel, lab))
    a = novel.paras[t.para][0]
    for off, lab, inq, opens in doc.mentions.get(t.para, ()):
        if not inq and a <= off < t.open:
            out["lead_in"].add(resolve(novel, lab))
    out["voc_prev"] = {resolve(novel, lab) for lab in doc.vocatives.get(j, ())}
    out["named_prev"] |= out["voc_prev"]
    before = [novel.gold[i] for i in chain[:t.pos]]
    out["last2"] = set(before[-2:])
    out["last4"] = set(before[-4:])
    return out


NAME_RUN = re.compile(r"(?:[A-Z][\w'-]*\.?\s?){1,4}?([,!?.;])")
"""A run of one to four capitalised words (a name) up to a comma or a sentence's end."""


def set_off(text: str, off: int) -> bool:
    """Whether the name mentioned at ``off`` inside a quote is set off as an address: a
    comma, a quotation mark or a sentence's end before it, and a comma or an end after."""
    before = text[max(0, off - 3):off].rstrip()
    m = NAME_RUN.match(text, off)
    return bool(m) and (not before or before[-1] in ",.!?;\u201c\"")


def set_off_prev(novel, k: int) -> set:
    """The people the previous turn's quotes name set off (set_off()), and its vocatives."""
    doc = novel.doc
    t = doc.turns[k]
    if t.pos == 0:
        return set()
    pj = doc.turns[doc.chains[t.chain][t.pos - 1]]
    a0, a1 = novel.quotes[pj.quotes[0]].open, novel.quotes[pj.quotes[-1]].close
    out = set()
    for p in range(pj.para, t.para):
        for off, lab, iq, _ in doc.mentions.get(p, ()):
            if iq and a0 <= off < a1 and set_off(novel.text, off):
                out.add(resolve(novel, lab))
    j = doc.chains[t.chain][t.pos - 1]
    return out | {resolve(novel, lab) for lab in doc.vocatives.get(j, ())}


def decoded_history(v: Turn) -> list:
    """Who spoke the turns before in the conversation, as the model decoded them (the known
    turns as fixed)."""
    doc = v.doc
    return [resolve(v.novel, v.decoded[j][0] if j in v.decoded else _fixed(doc.turns[j]))
            for j in v.chain[:v.turn.pos]]


def place_in(history: list):
    """Where someone is in a decoded history: prev1 (spoke last), prev2 (the last other
    speaker), earlier, or new."""
    d1 = history[-1] if history else None
    d2 = next((h for h in reversed(history) if h != d1), None)
    return lambda x: "prev1" if x == d1 else "prev2" if x == d2 else (
        "earlier" if x in history else "new")


def count_third_bias(c: Counter, v: Turn, weights: np.ndarray, bucket_: str) -> None:
    """M9: where the conversation's known turns name 3+ people, whether a bias for a
    candidate other than the two who spoke last turns this turn right or wrong (greedy,
    one turn, with the decoded history)."""
    doc = v.doc
    known3 = len({_fixed(doc.turns[j]) for j in v.chain
                  if not _decided(doc.turns[j]) and _fixed(doc.turns[j])}) >= 3
    c["known 3+", bucket_, v.res] += known3
    read = v.novel.turn_features(v.k, v.decoded)
    if not known3 or read is None:
        return
    cands, x, (q1, q2) = read
    scores = x @ weights
    third = np.array([cc != q1 and cc != q2 for cc in cands], float)
    ok = np.array([v.novel.same(cc, v.k) for cc in cands])
    for bias in THIRD_BIASES:
        now = bool(ok[int(np.argmax(scores + bias * third))])
        c["M9 third bias", bias, "wrong->right"] += now and not v.right
        c["M9 third bias", bias, "right->wrong"] += v.right and not now


def count_beat_pronoun(c: Counter, v: Turn) -> None:
    """M7: the beat's pronoun (Turn.beat_pron) against the candidates' sex, as a filter."""
    bp = v.turn.beat_pron
    if not bp:
        return
    sex = {resolve(v.novel, x): v.doc.gender.get(x) for x in C.candidates(v.doc, v.k)}
    gs, cs = sex.get(v.gold), sex.get(v.chosen)
    if v.right:
        c["M7 beat pronoun", "right with beat_pron"] += 1
        c["M7 beat pronoun", "risk: right, gold's sex not the beat's"] += \
            gs is not None and gs != bp
    else:
        c["M7 beat pronoun", "wrong with beat_pron"] += 1
        c["M7 beat pronoun", "reach: chosen's sex not the beat's, gold's is"] += \
            cs is not None and cs != bp and gs == bp


def count_signals(c: Counter, v: Turn, sig: dict, gold_in: bool, place) -> None:
    """The 3+ table: the gold (and, at wrong turns, the chosen) one has each signal; the gold
    no candidate, new to the conversation, at its start; where the decoded history puts the
    gold and the chosen ones."""
    gold, chosen, res = v.gold, v.chosen, v.res
    for s, who in sig.items():
        c["3+", res, "gold " + s] += gold in who
        c["3+", res, "chosen " + s] += (chosen in who) if not v.right else 0
    c["3+", res, "gold not candidate (true history)"] += not gold_in
    c["3+", res, "gold last4 not last2"] += gold in sig["last4"] and gold not in sig["last2"]
    c["3+", res, "gold never before in chain"] += gold not in {
        v.novel.gold[j] for j in v.chain[:v.turn.pos]}
    c["3+", res, "at chain start"] += v.turn.pos == 0
    c["3+", res, f"decoded: gold {place(gold)}, chose {place(chosen)}"] += 1


def count_pair_kept(c: Counter, v: Turn, history: list) -> None:
    """M4: after four clean alternating turns (decoded), keeping the pair."""
    last4 = history[-4:]
    if not (len(last4) == 4 and len(set(last4)) == 2 and
            all(last4[i] != last4[i + 1] for i in range(3))):
        return
    pair = set(last4)
    if v.right:
        c["M4 pair", "risk"] += v.gold not in pair
        c["M4 pair", "right"] += 1
    else:
        c["M4 pair", "wrong"] += 1
        c["M4 pair", "reach (gold in pair, chose outside)"] += v.gold in pair and \
            v.chosen not in pair
        c["M4 pair", "reach, gold two back"] += v.gold == last4[-2] and v.chosen not in pair


def named_in_recent_quotes(v: Turn) -> set:
    """The people the quotes of this turn and the two before it name."""
    doc, out = v.doc, set()
    for j in v.chain[max(0, v.turn.pos - 2):v.turn.pos + 1]:
        tj = doc.turns[j]
        a0 = v.novel.quotes[tj.quotes[0]].open
        a1 = v.novel.quotes[tj.quotes[-1]].close
        for off, lab, iq, _ in doc.mentions.get(tj.para, ()):
            if iq and a0 <= off < a1:
                out.add(resolve(v.novel, lab))
    return out


def count_quote_named_third(c: Counter, v: Turn, history: list) -> None:
    """M5: the chosen one a third the last turns' quotes name, no speaker of the history."""
    named = named_in_recent_quotes(v)
    key = "M5 quote-named third"
    if not v.right:
        c[key, "wrong, chosen named in quotes, not in history"] += \
            v.chosen in named and v.chosen not in history
        c[key, "reach (and gold in history)"] += \
            v.chosen in named and v.chosen not in history and v.gold in history
    else:
        c[key, "risk: right, gold named in quotes, not in history"] += \
            v.gold in named and v.gold not in history


def only_talked_about(v: Turn) -> set:
    """The people the conversation's paragraphs so far (from three before its first turn to
    the one after this turn) name only inside quotes, never in the narration, and who speak
    no known turn of it."""
    doc = v.doc
    in_q, in_n = set(), set()
    for p in range(max(0, doc.turns[v.chain[0]].para - 3), v.turn.para + 2):
        for off, lab, iq, _ in doc.mentions.get(p, ()):
            (in_q if iq else in_n).add(resolve(v.novel, lab))
    known = {resolve(v.novel, _fixed(doc.turns[j])) for j in v.chain
             if not _decided(doc.turns[j])}
    return in_q - in_n - known


def count_only_talked_about(c: Counter, v: Turn, talked: set, gold_in: bool) -> None:
    """M6: the gold or the chosen one only talked about (only_talked_about)."""
    key = "M6 only talked about"
    c[key, f"{v.res}: gold only talked about"] += v.gold in talked
    if not v.right:
        c[key, "wrong: chosen only talked about"] += v.chosen in talked
        c[key, "reach: chosen only talked about, gold not"] += \
            v.chosen in talked and v.gold not in talked and gold_in


def starts_a_run(v: Turn) -> bool:
    """Whether the turn before in the conversation is right, known, or none."""
    if not v.turn.pos:
        return True
    j = v.chain[v.turn.pos - 1]
    return not _decided(v.doc.turns[j]) or v.novel.gold[j] is None or (
        j in v.decoded and v.novel.same(v.decoded[j][0], j))


def run_length(v: Turn) -> int:
    """The wrong decided turns from this one on, up to the first right or undecided."""
    n = 0
    for i in v.chain[v.turn.pos:]:
        if not _decided(v.doc.turns[i]) or v.novel.gold[i] is None:
            break
        if i in v.decoded and v.novel.same(v.decoded[i][0], i):
            break
        n += 1
    return n


def count_run_start(c: Counter, v: Turn, sig: dict, place, gold_in: bool,
                    talked: set) -> None:
    """The 3+ table's run-start rows, for a wrong turn that starts a run."""
    res = v.res
    c["3+", res, "run start"] += 1
    c["3+", res, f"run start: decoded gold {place(v.gold)}, chose {place(v.chosen)}"] += 1
    for s in ("named_prev", "subj_between", "last4"):
        c["3+", res, f"run start: gold {s}"] += v.gold in sig[s]
    c["3+", res, "run start: gold not candidate"] += not gold_in
    c["3+", res, "run start: chosen only talked about"] += v.chosen in talked
    c["3+", res, "run start: wrong turns in its run"] += run_length(v)


def count_union(c: Counter, v: Turn, sig: dict, place, gold_in: bool) -> None:
    """At a wrong turn: some local mark (LOCAL_MARKS) on the gold and not the chosen, or
    none, with the gold a candidate and new or earlier in the decoded history."""
    marks = [x for x in LOCAL_MARKS if v.gold in sig[x] and v.chosen not in sig[x]]
    c["union", "wrong: some local mark for the gold, not the chosen"] += bool(marks)
    c["union", "wrong: gold new/earlier in the decoded history, no local mark"] += \
        not marks and gold_in and place(v.gold) in ("earlier", "new")


def count_mechanisms(c: Counter, v: Turn, sig: dict, gold_in: bool) -> None:
    """Each of MECHANISMS: reach at a wrong turn, risk at a right one (the other candidates
    are the model's with the partners the true history adds)."""
    cands, _, _ = v.novel.turn_features(v.k)
    others = {resolve(v.novel, x) for x in cands} - {v.gold}
    for m, s in MECHANISMS.items():
        has = sig[s] - (sig["last2"] if s == "last4" else set())
        if v.right:
            c[m, "risk"] += v.gold not in has and bool(has & others)
            c[m, "right, gold has"] += v.gold in has
        else:
            c[m, "reach"] += v.gold in has and v.chosen not in has and gold_in
            c[m, "wrong, gold has"] += v.gold in has


def show_turn(v: Turn, number: int, sig: dict, gold_in: bool) -> None:
    """A wrong turn with its signals and the text from two turns before."""
    t, doc, novel = v.turn, v.doc, v.novel
    print(f"\n### {number}. {v.name} turn {v.k} (conv {t.chain}, pos {t.pos}, {v.speakers} "
          f"gold speakers): gold {v.gold}; chose "
          f"{v.decoded[v.k][0] if v.k in v.decoded else None} -> {v.chosen}; gold in cands "
          f"{gold_in}; golds before {[novel.gold[j] for j in v.chain[max(0, t.pos - 4):t.pos]]}")
    print("    signals: " + "; ".join(f"{s}={sorted(map(str, who))}"
                                     for s, who in sig.items() if who))
    for p in range(doc.turns[v.chain[max(0, t.pos - 2)]].para, t.para + 1):
        a, e = novel.paras[p]
        txt = " ".join(novel.text[a:e].split())
        print(f"      [{p}] {txt[:400]}{' …' if len(txt) > 400 else ''}")


def is_shown(v: Turn, first: str, shown: int, show: int) -> bool:
    """Whether a wrong run start is read out: the first tested novel's every fifth turn for
    the first half of `show`, then every third of the other novels'."""
    if shown >= show:
        return False
    if v.name == first:
        return v.k % 5 == 0 and shown < show // 2
    return v.k % 3 == 0 and shown >= show // 2


def measure_turn(c: Counter, v: Turn, weights: np.ndarray) -> dict | None:
    """Count turn v everywhere; its signals and whether the gold one is a candidate, for a
    wrong run start of a 3+ conversation that may be shown, else None."""
    b = bucket(v.speakers)
    c[b, v.res] += 1
    c[v.name, b, v.res] += 1
    count_third_bias(c, v, weights, b)
    if b == "2-":
        return None
    sig = signals(v.novel, v.k)
    sig["setoff_prev"] = set_off_prev(v.novel, v.k)
    count_beat_pronoun(c, v)
    gold_in = CE.forced_choice(v.novel, v.k, weights)[1]
    history = decoded_history(v)
    place = place_in(history)
    count_signals(c, v, sig, gold_in, place)
    count_pair_kept(c, v, history)
    count_quote_named_third(c, v, history)
    talked = only_talked_about(v)
    count_only_talked_about(c, v, talked, gold_in)
    run_start = not v.right and starts_a_run(v)
    if run_start:
        count_run_start(c, v, sig, place, gold_in, talked)
    if not v.right:
        count_union(c, v, sig, place, gold_in)
    count_mechanisms(c, v, sig, gold_in)
    return {"sig": sig, "gold_in": gold_in} if run_start else None


def decided_turns(novel, name: str, model: dict):
    """The turns measured (decided, with a gold speaker and candidates), as Turn."""
    doc = novel.doc
    decoded = C.decide(doc, model)
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None or not C.candidates(doc, k):
            continue
        chain = doc.chains[t.chain]
        yield Turn(novel, name, k, decoded, k in decoded and novel.same(decoded[k][0], k),
                   len({novel.gold[j] for j in chain if novel.gold[j] is not None}))


def report(c: Counter, tested: list[str]) -> None:
    """The tables, after the turns shown."""
    print("\n== decided turns by the conversation's distinct gold speakers ==")
    for b in BUCKETS:
        r, wr = c[b, "right"], c[b, "wrong"]
        print(f"  {b:3s} turns {r + wr:5d} right {r:5d} wrong {wr:4d} "
              f"acc {100 * r / max(1, r + wr):5.1f}%")
    for name in tested:
        print(f"  {name:30s} " + "  ".join(
            f"{b}: {c[name, b, 'wrong']}/{c[name, b, 'right'] + c[name, b, 'wrong']}"
            for b in BUCKETS))
    print("\n== 3+ conversations: the gold / chosen speaker has the signal ==")
    for res in ("wrong", "right"):
        tot = c["3", res] + c["4+", res]
        print(f"  {res} turns: {tot}")
        for key in sorted(k for k in c if isinstance(k, tuple) and len(k) == 3
                          and k[:2] == ("3+", res)):
            print(f"    {key[2]:42s} {c[key]:5d} ({100 * c[key] / max(1, tot):4.1f}%)")
    print("\n== mechanisms (3+ conversations): reach at wrong turns vs risk at right ones ==")
    for m in MECHANISMS:
        print(f"  {m:46s} reach {c[m, 'reach']:4d} (gold has {c[m, 'wrong, gold has']:4d})"
              f"  risk {c[m, 'risk']:4d} (right, gold has {c[m, 'right, gold has']:4d})")
    for b in BUCKETS:
        print(f"  known turns name 3+ people: in {b} conversations right "
              f"{c['known 3+', b, 'right']} wrong {c['known 3+', b, 'wrong']}")
    for bias in THIRD_BIASES:
        print(f"  M9 third-party bias {bias} where the known turns name 3+ (greedy, one turn): "
              f"wrong->right {c['M9 third bias', bias, 'wrong->right']} "
              f"right->wrong {c['M9 third bias', bias, 'right->wrong']}")
    for m in TABLES:
        for key in sorted(k for k in c if isinstance(k, tuple) and k[0] == m):
            print(f"  {m}: {key[1]:55s} {c[key]:5d}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    T.held_out_arguments(ap, cache_help="the trained weights, read or written (default: "
                                        "drama-multiparty-model-HALF-TREE.json in the temp folder)")
    ap.add_argument("--show", type=int, default=20,
                    help="wrong run starts of 3+ conversations to read out with their text")
    args = ap.parse_args(argv)
    novels, model, tested = T.trained_on_other_half(args.data, args.test, args.only,
                                                    args.cache or default_cache(args.test))
    weights = np.array(model["weights"])
    c: Counter = Counter()
    shown = 0
    for name in tested:
        for v in decided_turns(novels[name], name, model):
            start = measure_turn(c, v, weights)
            if start is not None and is_shown(v, tested[0], shown, args.show):
                shown += 1
                show_turn(v, shown, start["sig"], start["gold_in"])
    report(c, tested)
    return 0


if __name__ == "__main__":
    sys.exit(main())
