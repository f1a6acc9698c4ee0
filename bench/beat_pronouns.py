#!/usr/bin/env python3
"""What a "he"/"she" in the narration just before an untagged turn says of its speaker, held out.

The model is trained on one half (two rounds, as `train_conversation.py --cv-only`) and
decodes the other. Over the turns it decides that have a gold speaker of known sex:

- beat pronoun: the narration since the turn before opens a sentence on "He"/"She"
  (Turn.beat_pron, which the model reads only for the last speaker's beat_same): how
  often the gold speaker is of that sex; the wrong turns a reading of it would fix (the
  decoded speaker of the other sex, the gold of that sex) against the right turns it
  would break (the decoded speaker, right, of the other sex). At a conversation's first
  turn and later.
- subject, then a pronoun of the other sex: the last person the narration since the
  turn before (Turn.beat) names as a clause's subject, and whether the last main clause
  opened by a pronoun (PRONOUN_SUBJECT) after it is of the other sex ("Christina was
  surprised, but said not a word. … He came towards her"): how often that person is
  the gold speaker, and the decoded one, and wrongly. Round 28 (attrA28b) tried the
  second reading as a feature (subj_then_other) and dropped it.

    .venv/bin/python bench/beat_pronouns.py [--test A|B]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo on the path)

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

# a pronoun that is the subject of a main clause: opening a sentence, or after a
# coordinating conjunction (and, but, then), not a subordinate clause's ("as he spoke")
PRONOUN_SUBJECT = re.compile(r"(?:(?:^|[.!?;:][”’\"')]*\s+|\n\s*)|\b(?:and|but|then)\s+)(he|she)\b"
                             r"(?!['’]s)", re.I)


def last_subject_pronoun(text: str, start: int, end: int) -> tuple[int, str] | None:
    """(offset, "m"/"f") of the last pronoun opening a main clause in text[start:end]."""
    found = None
    for m in PRONOUN_SUBJECT.finditer(text, start, end):
        found = (m.start(1), "m" if m.group(1).lower() == "he" else "f")
    return found


def last_named_subject(doc, t, start: int) -> tuple[int, str] | None:
    """(offset, label) of the last person named as a clause's subject outside the quotes
    between start and turn t's first quote."""
    named = [(pos, lab) for p in range(max(0, t.para - 5), t.para + 1)
             for pos, lab, inside, subj in doc.mentions.get(p, ())
             if subj and not inside and start <= pos < t.open]
    return max(named) if named else None


def count(novel: T.Novel, model: dict, c: Counter) -> None:
    """Add the novel's turns to the counts (see the docstring)."""
    doc = novel.doc
    decoded = C.decide(doc, model)
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None or t.pronoun:
            continue
        gold = next((x for x in C.candidates(doc, k) if novel.same(x, k)), None)
        sex = doc.gender.get(gold) if gold else None
        if sex not in ("m", "f"):
            continue
        chosen = decoded[k][0] if k in decoded else None
        right = chosen is not None and novel.same(chosen, k)
        chosen_sex = doc.gender.get(chosen) if chosen else None
        if t.beat_pron:
            key = "beat pronoun, " + ("first turn" if t.pos == 0 else "later")
            clash = chosen_sex in ("m", "f") and chosen_sex != t.beat_pron
            c[key, "turns"] += 1
            c[key, "gold of its sex"] += sex == t.beat_pron
            c[key, "wrong, would fix"] += not right and clash and sex == t.beat_pron
            c[key, "right, would break"] += right and clash
        start = t.open - len(t.beat)
        named = last_named_subject(doc, t, start)
        if named is None or doc.gender.get(named[1]) not in ("m", "f"):
            continue
        pron = last_subject_pronoun(novel.text, named[0], t.open)
        key = "subject, then " + ("a pronoun of the other sex" if pron and
                                  pron[1] != doc.gender[named[1]] else "none of the other sex")
        c[key, "turns"] += 1
        c[key, "gold is the subject"] += novel.same(named[1], k)
        c[key, "decoded is the subject"] += chosen == named[1]
        c[key, "decoded is the subject, wrong"] += chosen == named[1] and not right


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="A",
                    help="the half decoded (the model is trained on the other)")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test)
    c: Counter = Counter()
    for name in test:
        count(novels[name], model, c)
    for key in sorted({k for k, _ in c}):
        print(key + ": " + ", ".join(f"{what} {n}" for (k, what), n in c.items() if k == key))
    return 0


if __name__ == "__main__":
    sys.exit(main())
