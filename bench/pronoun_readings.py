#!/usr/bin/env python3
"""Pronoun-tag turns the conversation model decides ("…,” she said"), in process: how often
each single reading of whom the "he"/"she" means finds the gold speaker, over all such turns
and over those the model gets wrong; and the wrong ones by where the gold speaker stands.

Readings: the model (drama's saved weights), the rules' pick, the last speaker of the tag's
sex (gold history, this conversation), the last person of that sex the narration named as a
subject (conversation.mentions._named_of_sex), the last it named in any role, a subject
chain (subject names of that sex, each later subject "he"/"she" crediting the last one; the
most credited), and the scene's focal person of that sex (mentions.focal). Written for round
26 (pron26), which sized half A with it.

    .venv/bin/python bench/pronoun_readings.py [--half A|B] [--style curly]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pronoun_turns as P  # noqa: E402
import train_conversation as T  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.mentions import _named_of_sex, focal  # noqa: E402
from drama.extract.conversation.schema import WINDOW_PARAS  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

SUBJECT_PRONOUN = re.compile(r"(?:^|[.!?;:][”’\"')]*\s+|\n\s*|\b(?:and|but|then)\s+)(he|she)\b",
                             re.I)


def last_named_any_role(doc, t) -> str | None:
    """The last person of the tag's sex the narration names before the turn, in any role."""
    return next((lab for p in range(t.para, t.para - WINDOW_PARAS - 1, -1)
                 for pos, lab, inside, _ in reversed(doc.mentions.get(p, ()))
                 if not inside and pos < t.open and doc.gender.get(lab) == t.pronoun), None)


def subject_chain(nv: T.Novel, t) -> str | None:
    """The person of the tag's sex most often the narration's subject before the turn: by
    name, or by a subject "he"/"she" after their name."""
    events = []
    for p in range(max(0, t.para - WINDOW_PARAS), t.para + 1):
        a, b = nv.paras[p]
        b = min(b, t.open)
        spoken = [(q.open, q.close) for q in nv.quotes if q.open < b and q.close > a]
        events += [(pos, lab) for pos, lab, inside, subj in nv.doc.mentions.get(p, ())
                   if pos < b and subj and not inside and nv.doc.gender.get(lab) == t.pronoun]
        events += [(m.start(1), None) for m in SUBJECT_PRONOUN.finditer(nv.text, a, b)
                   if not any(o <= m.start(1) < c for o, c in spoken)
                   and ("m" if m.group(1).lower() == "he" else "f") == t.pronoun]
    credit, latest, last = Counter(), {}, None
    for i, (_, lab) in enumerate(sorted(events, key=lambda e: e[0])):
        last = lab or last
        if last:
            credit[last] += 1
            latest[last] = i
    return max(credit, key=lambda lab: (credit[lab], latest[lab])) if credit else None


def where_gold(nv: T.Novel, k: int, order: list, cands: list) -> str:
    """Where the gold speaker of a wrong turn stands."""
    doc, t = nv.doc, nv.doc.turns[k]
    chain, g = doc.chains[t.chain], nv.gold[k]
    out = []
    if t.pos and nv.gold[chain[t.pos - 1]] == g:
        out.append("last speaker")
    if t.pos >= 2 and nv.gold[chain[t.pos - 2]] == g:
        out.append("speaker before the last")
    if order and nv.same(order[0], k):
        out.append("last-named subject")
    elif any(nv.same(o, k) for o in order):
        out.append("named subject earlier")
    if not any(nv.same(c, k) for c in cands):
        out.append("not a candidate")
    return "+".join(out) or "elsewhere"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--half", choices=("A", "B"), default="A")
    ap.add_argument("--style", default="curly")
    args = ap.parse_args(argv)
    model = json.loads(T.MODEL_PATH.read_text())
    every, wrong, where = Counter(), Counter(), Counter()
    for name in T.HALF_A if args.half == "A" else T.HALF_B:
        nv = T.Novel(args.data, name, args.style)
        doc, sexes = nv.doc, P.gold_sexes(args.data, name)
        decoded = C.decide(doc, model)
        for k, t in enumerate(doc.turns):
            if not _decided(t) or t.pronoun is None or nv.gold[k] is None or k not in decoded:
                continue
            chain = doc.chains[t.chain]
            last_of_sex = next((nv.gold[j] for j in reversed(chain[:t.pos])
                                if nv.gold[j] and sexes.get(nv.gold[j]) == t.pronoun), None)
            order, _ = _named_of_sex(doc, t)
            reads = {"turns": True,
                     "model (in process)": nv.same(decoded[k][0], k),
                     "rules' pick": nv.same(t.rule, k),
                     "last speaker of the sex (gold history)": last_of_sex == nv.gold[k],
                     "last named of the sex as subject": nv.same(order[0] if order else None, k),
                     "last named of the sex, any role": nv.same(last_named_any_role(doc, t), k),
                     "subject chain (names + subject he/she)": nv.same(subject_chain(nv, t), k),
                     "focal of the sex": nv.same(focal(doc, t, t.pronoun), k)}
            every.update(r for r, ok in reads.items() if ok)
            if not reads["model (in process)"]:
                wrong.update(r for r, ok in reads.items() if ok)
                wrong["chose the last named of the sex, any role"] += \
                    decoded[k][0] == last_named_any_role(doc, t)
                where[where_gold(nv, k, order, C.candidates(doc, k))] += 1
    print(f"half {args.half}, {args.style}: pronoun-tag turns the model decides")
    print(f"{'reading':45s} {'all':>5s} {'model wrong':>12s}")
    for r in every:
        print(f"{r:45s} {every[r]:5d} {wrong[r]:12d}")
    print(f"the model's wrong choice is the last named of the sex, any role: "
          f"{wrong['chose the last named of the sex, any role']}")
    print("the model's wrong turns, where the gold speaker stands:")
    for w, n in where.most_common():
        print(f"    {w:50s} {n:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
