#!/usr/bin/env python3
"""What signals from the words of the turns would fix among the model's turns, held out.

The model is trained on the other half (as conversation_errors.py, two rounds) and decodes
the tested half. Each signal gives a candidate of a turn a sign: +1 (the words point to
them), -1 (the words point away), 0 (they say nothing of them). For the decided turns with
a gold speaker among the candidates:

- wrong turns: how often the signal ranks the gold speaker above the decoded one ("for
  gold"), below it ("for wrong"), or the same;
- right turns: how often it ranks some other candidate above the gold one (it could break
  them), and how often the gold one above all others;
- fired: over all turns where it is not 0 for the gold speaker, +1 / -1 for them.

Signals (round 19; signs on a candidate; "prev1" is the one who spoke the turn before in
the true history):

- self_sex: the turn says its speaker's sex ("my husband": a woman's; "my wife": a man's;
  "I am a poor widow", "I'm not the man to": the lexicon's sexed person nouns), against
  the candidate's sex;
- called_sex_prev: the turn before calls its listener by a sexed form of address ("sir",
  "ma'am", "my lady"): the one who answers is of that sex;
- called_sex_self: this turn calls its listener by a sexed form: the speaker is less likely
  of that sex;
- called_sex_next: the turn after calls its listener by a sexed form: this turn's speaker
  is of that sex (round 25: the forms are Turn.calls_sex, Wiktionary's terms of address
  in lexicon.address_sex, not a titled name; before, an ad hoc list and titled names;
  the model reads the prev and next calls since round 25, called_sex_prev etc.);
- called_sex_*_mw: the same, only where the pair the known turns around name (the
  features' _near_pair) is a man and a woman;
- third_name: the turn names the candidate, not as a call (the model's in_quote with
  voc_self already says it: shown for comparison);
- named_prev / named_next: the turn before / after names the candidate, not as a call;
- third_pron_prev1: the turn speaks of a "he" (or a "she") only, and prev1 is of that sex;
- reply_open: the turn opens on a reply word ("Yes", "No", "Oh", "Well", "I do"): not
  prev1; reply_after_q: the same after a question; asked_no_reply: after a question,
  without such an opening: not prev1;
- echo_prev: its first words take up a word of the turn before's last ones: not prev1;
- goes_on_open: it opens on "And", "But", "Besides" after no question: prev1.

    .venv/bin/python bench/word_signals.py [--test A|B] [--only NOVEL ...] [--show SIGNAL N]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.around import _near_pair  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402
from drama.extract.lexicon import FEMALE_NOUNS, MALE_NOUNS  # noqa: E402

_SINGULAR = frozenset(w for w in MALE_NOUNS | FEMALE_NOUNS if not w.endswith(("men", "s")))


def _self_said(nouns) -> re.Pattern:
    """ "I am a poor widow", "I'm not the man to", "as a gentleman, I", "my husband" (for a
    woman: the one tie a speaker names that gives their own sex)."""
    head = "|".join(sorted(w for w in _SINGULAR if w in nouns))
    return re.compile(r"\bI(?:’m|'m| am| was)(?: not)? (?:a|an|the|your|his|her|no)"
                      r"(?: [a-z]+){0,2}? (?:" + head + r")\b|\bas an? (?:[a-z]+ )?(?:" + head +
                      r")\b,? I\b", re.I)


SELF_F = _self_said(FEMALE_NOUNS)
SELF_M = _self_said(MALE_NOUNS)
MY_SPOUSE = re.compile(r"\bmy (husband|wife)\b", re.I)
PRON = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
MALE = {"he", "him", "his", "himself"}


def words(novel: T.Novel, k: int) -> str:
    t = novel.doc.turns[k]
    return " ".join(novel.text[novel.quotes[i].start:novel.quotes[i].end] for i in t.quotes)


def self_sex(text: str) -> str | None:
    spouse = {x.lower() for x in MY_SPOUSE.findall(text)}
    m = bool(SELF_M.search(text)) or spouse == {"wife"}
    f = bool(SELF_F.search(text)) or spouse == {"husband"}
    return "m" if m and not f else "f" if f and not m else None


def signals(novel: T.Novel, k: int, cands, prev) -> dict[str, dict[str, int]]:
    """Per signal, per candidate: +1, -1 or 0."""
    doc, t = novel.doc, novel.doc.turns[k]
    text = words(novel, k)
    out: dict[str, dict[str, int]] = {}

    def by_sex(sex, sign=1):
        return {c: (sign if doc.gender.get(c) == sex else -sign)
                if sex and doc.gender.get(c) in ("m", "f") else 0 for c in cands}
    out["self_sex"] = by_sex(self_sex(text))
    before = doc.turns[k - 1] if t.pos else None
    after = doc.turns[k + 1] if k + 1 < len(doc.turns) and \
        doc.turns[k + 1].chain == t.chain else None
    mixed = {doc.gender.get(x) for x in _near_pair(doc, t)} == {"m", "f"}
    for side, turn, sign in (("prev", before, 1), ("self", t, -1), ("next", after, 1)):
        sex = turn.calls_sex if turn else None
        out[f"called_sex_{side}"] = by_sex(sex, sign)
        out[f"called_sex_{side}_mw"] = by_sex(sex if mixed else None, sign)
    calls = doc.vocatives.get(k, ())
    named = {lab for _, lab, inside, _ in doc.mentions.get(t.para, ()) if inside}
    out["third_name"] = {c: -1 if c in named and c not in calls else 0 for c in cands}
    for side, d in (("prev", -1), ("next", 1)):
        j = k + d
        ok = 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain
        them = {lab for _, lab, inside, _ in doc.mentions.get(doc.turns[j].para, ()) if inside} \
            - set(doc.vocatives.get(j, ())) if ok else set()
        out[f"named_{side}"] = {c: -1 if c in them else 0 for c in cands}
    prons = {("m" if p.lower() in MALE else "f") for p in PRON.findall(text)}
    sex = prons.pop() if len(prons) == 1 else None
    out["third_pron_prev1"] = {c: -1 if sex and c == prev[0] and doc.gender.get(c) == sex
                               else 0 for c in cands}
    first = novel.text[novel.quotes[t.quotes[0]].start:novel.quotes[t.quotes[0]].end]
    reply = bool(REPLY.match(first))
    asked = bool(before and before.asks)
    p1 = prev[0]
    out["reply_open"] = {c: -1 if reply and c == p1 else 0 for c in cands}
    out["reply_after_q"] = {c: -1 if reply and asked and c == p1 else 0 for c in cands}
    out["asked_no_reply"] = {c: -1 if asked and not reply and c == p1 else 0 for c in cands}
    echo = bool(before) and bool(set(content(first)[:6]) & set(content(words(novel, k - 1))[-12:]))
    out["echo_prev"] = {c: -1 if echo and c == p1 else 0 for c in cands}
    goes = bool(GOES_ON.match(first)) and not asked
    out["goes_on_open"] = {c: 1 if goes and c == p1 else 0 for c in cands}
    return out


REPLY = re.compile(r"\W*(?:yes|no|yeah|nay|aye|oh|ah|well|indeed|certainly|not|of course|"
                   r"why|to be sure|nonsense|quite|very|i do|i don|i did|i have|i am|i will)\b",
                   re.I)
GOES_ON = re.compile(r"\W*(?:and|but|besides|moreover|for|then)\b", re.I)
STOP = frozenset("""the and that this with have from they them their what when where which
would could should there then than were been your yours will shall very into upon about
some such only just more much must said know think well here come like over after before
""".split())


def content(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP]


def main(argv=None, signals_of=None) -> int:
    """signals_of: the signals to size (default: signals() above), called as it is."""
    signals_of = signals_of or signals
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="A")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--cache", type=Path, help="model weights: read, or trained and written")
    ap.add_argument("--show", nargs=2, metavar=("SIGNAL", "N"))
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only, args.cache)
    count: Counter = Counter()
    shown = 0
    for name in test:
        novel = novels[name]
        decoded = C.decide(novel.doc, model)
        for k, t in enumerate(novel.doc.turns):
            if not _decided(t) or novel.gold[k] is None or k not in decoded:
                continue
            read = novel.turn_features(k)
            if read is None:
                continue
            cands, _, prev = read
            gold = next((c for c in cands if novel.same(c, k)), None)
            if gold is None:
                continue
            chosen = decoded[k][0]
            right = novel.same(chosen, k)
            count["turns", "right" if right else "wrong"] += 1
            for sig, val in signals_of(novel, k, cands, prev).items():
                g = val.get(gold, 0)
                if g:
                    count[sig, "fired", g] += 1
                if right:
                    others = [v for c, v in val.items() if c != gold]
                    if others and max(others) > g:
                        count[sig, "right", "at risk"] += 1
                    elif others and g > max(others):
                        count[sig, "right", "backs"] += 1
                else:
                    w = val.get(chosen, 0)
                    key = "for gold" if g > w else "for wrong" if w > g else "same"
                    count[sig, "wrong", key] += 1
                    if args.show and sig == args.show[0] and key != "same" and \
                            shown < int(args.show[1]):
                        shown += 1
                        print(f"  {name} turn {k} ({key}): gold {gold}, read {chosen}, "
                              f"prev {prev}\n      {words(novel, k)[:300]}")
    print(f"turns: right {count['turns', 'right']}, wrong {count['turns', 'wrong']} "
          "(gold among the candidates)")
    print(f"{'signal':18s} {'wrong: for gold':>15s} {'for wrong':>9s} {'right: at risk':>14s} "
          f"{'backs':>6s} {'fired +1':>8s} {'-1':>5s}")
    sigs = sorted({k[0] for k in count if k[0] != "turns"})
    for s in sigs:
        print(f"{s:18s} {count[s, 'wrong', 'for gold']:15d} {count[s, 'wrong', 'for wrong']:9d} "
              f"{count[s, 'right', 'at risk']:14d} {count[s, 'right', 'backs']:6d} "
              f"{count[s, 'fired', 1]:8d} {count[s, 'fired', -1]:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
