#!/usr/bin/env python3
"""Wrong speaker attributions on the PDNC dev novels, grouped by cue and by the gold
referring expression, with context: where to look when changing drama/extract/attribution/.

In-process (quick to rerun); official figures come from bench/attribution.py.

    .venv/bin/python bench/attribution_diagnose.py --type Anaphoric --show 20
    .venv/bin/python bench/attribution_diagnose.py --type Anaphoric --only OliverTwist --cue pronoun
    .venv/bin/python bench/attribution_diagnose.py --ref the-desc --by-kind --style curly

--by-kind splits the wrong lines by what the gold speaker is (a named person, an unnamed
person the gold labels by a description, "The Driver", or a group / no one knowable) and
what was predicted (a label the scorer resolves to no character, mostly the description
itself, or a character): per cue and in all.

--by-cause puts each wrong line in one of five groups (`wrong_cause`), meant for the
quotes whose gold tag names the speaker (--type Explicit): the gold is a group or no one
knowable; the tag was not what decided the line (the model, a vocative, a pronoun: the tag
missed or misread); the tag decided it and the label resolves to no gold character (a
description the gold names otherwise, "The jailer" for "The Jailer At The Dodger's Trial");
the tag decided it and the label is a gold character sharing a name with the gold speaker
(one family: "a young Lucas" read as Sir William Lucas); the tag decided it and the label is
someone else (a description or name joined to the wrong person). Quote boundaries cut by the
text's own marks show among the first two and are read from --show.

--save-verdicts FILE and --against FILE compare two trees quote by quote: run the first
tree with --type all --save-verdicts main.json, the second with --type all --against
main.json, and each novel's quotes made right and made wrong are counted.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")

from drama.extract import extract_script  # noqa: E402
from drama.extract.lexicon import PERSON_NOUNS  # noqa: E402

from attribution import found_lines  # noqa: E402  (bench/attribution.py: one matching rule)


def ref_class(expr: str) -> str:
    """A coarse class of the gold referring expression: he/she/description/other."""
    w = expr.lower().split()
    for x in w:
        if x in ("he", "she", "i", "they", "we"):
            return x
        if x in ("the", "a", "an", "his", "her"):
            return "the-desc"
    return "other"


def gold_kind(gold: str) -> str:
    """What the gold speaker is: a group or no one knowable, an unnamed person the gold
    labels by a description ("The Driver", "A Man"), or a named person."""
    if gold.startswith("_"):
        return "group/unknowable"
    return "unnamed" if gold.split()[0] in ("The", "A", "An") else "named"


TAG_CUES = frozenset({"explicit", "described", "continuation", "relation", "epithet",
                      "action", "colon", "speaking-on"})
"""Cues that say a line's speaker was read from a tag beside it (or its first part's; or,
"speaking-on", from a name tag leading in that the line calls, which gives it to the one
who spoke last)."""


def wrong_cause(cast, fuller: dict, predicted: str, gold: str, cue: str) -> str:
    """Which of five groups a wrong line falls in (see --by-cause): group, tag not
    taken, label no one, same name, other person."""
    if gold.startswith("_"):
        return "gold a group or unknowable"
    if cue not in TAG_CUES:
        return "tag not taken (" + cue + ")"
    got = cast.resolve(predicted) or fuller.get(predicted)
    if got is None:
        return "tag taken, label no gold character"
    want = cast.resolve(gold)
    if want is not None and name_words(cast, got) & name_words(cast, want):
        return "tag taken, one of a family or name"
    return "tag taken, another person"


NOT_NAME_WORDS = frozenset("the a an of at in on to and with his her young old".split()) | \
    PERSON_NOUNS
"""Words of a gold label that name no one ("The Police Officer", "The Jailer At The
Dodger's Trial"): the articles, prepositions and conjunctions, the ages that tell a family
apart, and the lexicon's nouns for a person."""


def name_words(cast, character: str) -> set[str]:
    """The words of a gold character's aliases that name them: less titles, as the scorer
    compares names (pdnc_eval.core_tokens), and less NOT_NAME_WORDS."""
    import pdnc_eval
    return set().union(*(pdnc_eval.core_tokens(a) - NOT_NAME_WORDS
                         for a in cast.aliases.get(character, ())))


def verdict_changes(before: dict[str, bool], after: dict[str, bool]) -> dict[str, list[int]]:
    """Per novel, [quotes wrong before and right after, right before and wrong after], over
    the quotes both found ("novel|quote id" keys)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, was in before.items():
        now = after.get(key)
        if now is not None and now != was:
            out[key.split("|")[0]][0 if now else 1] += 1
    return dict(out)


def annotated_novels(E, data: Path, style: str, only=None):
    """(name, restyled text, cast, gold quotes, quote id -> gold referring expression) per
    dev novel in data (those named in only, when given), read by the scorer module E."""
    for name in sorted(os.listdir(data)):
        folder = Path(data) / name
        if not (folder / "quotation_info.csv").is_file() or (only and name not in only):
            continue
        text, cast, quotes = E.load_novel(str(folder))
        with open(folder / "quotation_info.csv", encoding="utf-8") as f:
            refs = {r["quoteID"]: r["referringExpression"] for r in csv.DictReader(f)}
        yield name, E.restyle(text, quotes, style), cast, quotes, refs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="straight")
    ap.add_argument("--type", default="Anaphoric")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--cue", nargs="*")
    ap.add_argument("--ref", nargs="*", help="only these referring-expression classes")
    ap.add_argument("--show", type=int, default=0, help="examples to print")
    ap.add_argument("--width", type=int, default=250)
    ap.add_argument("--by-kind", action="store_true",
                    help="wrong lines by the gold speaker's kind and the predicted label's")
    ap.add_argument("--by-cause", action="store_true",
                    help="wrong lines in five groups: group, tag not taken, label no one, "
                         "one family, another person (for --type Explicit)")
    ap.add_argument("--save-verdicts", type=Path, metavar="FILE",
                    help="write each found quote's right/wrong (of --type) to FILE as JSON")
    ap.add_argument("--against", type=Path, metavar="FILE",
                    help="count the quotes made right and made wrong since FILE, written "
                         "by --save-verdicts from another tree, per novel")
    ap.add_argument("--strict", action="store_true",
                    help="a name counts only when it resolves alone: no fuller forms, so a "
                         "label such as 'Lilas Brett' that merely spells out 'Brett' is wrong")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E

    by_cue: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_ref: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_novel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong_pairs: Counter = Counter()
    kinds: Counter = Counter()      # (cue, gold kind, predicted kind) -> wrong lines
    causes: Counter = Counter()     # wrong_cause -> wrong lines
    verdicts: dict[str, bool] = {}  # "novel|quote id" -> right
    examples = []
    for name, styled, cast, quotes, refs in annotated_novels(E, args.data, args.style,
                                                             args.only):
        lines = [ln for ln in extract_script(styled).lines if ln.kind == "dialogue"]
        found = found_lines(E, styled, quotes, lines)
        # the scorer's own fuller forms, as score_novel applies them
        fuller = {} if args.strict else E.fuller_forms(
            cast, [(q, q["type"], ln.speaker) for q, ln in found])
        for q, ln in found:
            if args.type != "all" and q["type"] != args.type:
                continue
            ok = cast.same(ln.speaker, q["speaker"], fuller)
            verdicts[f"{name}|{q['id']}"] = bool(ok)
            rc = ref_class(refs.get(q["id"], ""))
            if args.cue and ln.cue not in args.cue:
                continue
            if args.ref and rc not in args.ref:
                continue
            for d, k in ((by_cue, ln.cue), (by_ref, rc), (by_novel, name),
                         (by_type, f"{name[:14]} {q['type']}"), (by_type, f"ALL {q['type']}")):
                d[k][1] += 1
                d[k][0] += ok
            if not ok:
                wrong_pairs[(name[:12], ln.speaker, q["speaker"])] += 1
                causes[wrong_cause(cast, fuller, ln.speaker, q["speaker"], ln.cue)] += 1
                resolved = cast.resolve(ln.speaker) or fuller.get(ln.speaker)
                kinds[(ln.cue, gold_kind(q["speaker"]),
                       "no character" if resolved is None else "a character")] += 1
                s0, e0 = q["spans"][0][0], q["spans"][-1][1]
                examples.append((name, ln.cue, rc, refs.get(q["id"], ""), ln.speaker,
                                 q["speaker"] + (" | " + wrong_cause(
                                     cast, fuller, ln.speaker, q["speaker"], ln.cue)
                                     if args.by_cause else ""),
                                 " ".join(styled[max(0, s0 - args.width):s0].split()) +
                                 " [[" + " ".join(styled[s0:e0].split())[:120] + "]] " +
                                 " ".join(styled[e0:e0 + 80].split())))
    for title, d in (("novel and type", by_type), ("novel", by_novel), ("cue", by_cue), ("referring expression", by_ref)):
        print(f"\nby {title}:")
        for k, (ok, n) in sorted(d.items(), key=lambda kv: kv[0] if d is by_type
                                 else -(kv[1][1] - kv[1][0])):
            print(f"  {k:28s} {n:5d} quotes {n - ok:5d} wrong  {100 * ok / n:5.1f}% right")
    if args.by_kind:
        print("\nwrong lines by cue, gold speaker and predicted label:")
        total: Counter = Counter()
        for (cue, gold, pred), c in sorted(kinds.items()):
            print(f"  {cue:14s} gold {gold:17s} predicted {pred:13s} {c:5d}")
            total[(gold, pred)] += c
        for (gold, pred), c in total.most_common():
            print(f"  {'all':14s} gold {gold:17s} predicted {pred:13s} {c:5d}")
    if args.by_cause:
        print("\nwrong lines by cause:")
        for cause, c in causes.most_common():
            print(f"  {cause:40s} {c:5d}")
    print("\nmost frequent wrong (novel, predicted, gold):")
    for k, c in wrong_pairs.most_common(25):
        print(f"  {c:4d} {k}")
    if args.save_verdicts:
        args.save_verdicts.write_text(json.dumps(verdicts), encoding="utf-8")
    if args.against:
        print("\nagainst " + str(args.against) + " (novel, made right, made wrong):")
        for novel, (fixed, broke) in sorted(
                verdict_changes(json.loads(args.against.read_text(encoding="utf-8")),
                                verdicts).items()):
            print(f"  {novel:28s} +{fixed} -{broke}")
    for ex in examples[:args.show]:
        print(f"\n[{ex[0]}] cue={ex[1]} ref={ex[2]} ({ex[3]!r}) predicted={ex[4]!r} gold={ex[5]!r}")
        print("   ", ex[6])
    return 0


if __name__ == "__main__":
    sys.exit(main())
