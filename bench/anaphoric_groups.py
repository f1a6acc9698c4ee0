#!/usr/bin/env python3
"""Wrong Anaphoric lines (a tag with a pronoun or a description) grouped by the form of the
gold referring expression, and by the cue that decided them: where the tag's person is lost.

The groups (ref_group): a "he"/"she" tag (pronoun:he, pronoun:she: the antecedent or the
turn); a tie owned by a possessive, "said her husband", "his mother" (tie: the tie words of
lexicon.TIES, the relation sieve's); another possessive, "said his friend", "her companion"
(possessive); a description, "said the old gentleman", split by what the gold speaker is
(description:named, a named person; description:unnamed, a person the gold labels by a
description; description:group, a group or no one knowable); anything else (other: "was
her answer", "the bridegroom addressed them"). Written for round 28 (attrA28), which sized
half A with it.

    .venv/bin/python bench/anaphoric_groups.py --half A [--style curly] [--show GROUP ...]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attribution_diagnose as D  # noqa: E402
from attribution import found_lines  # noqa: E402

from drama.extract import extract_script  # noqa: E402
from drama.extract.lexicon import TIES  # noqa: E402

HALVES = {"A": ["PrideAndPrejudice", "TheGambler", "HardTimes", "OliverTwist", "DaisyMiller"],
          "B": ["APassageToIndia", "TheAgeOfInnocence", "AlicesAdventuresInWonderland",
                "TheInvisibleMan", "TheSunAlsoRises"]}
POSSESSIVE_WORDS = ("his", "her", "their")
TIE_REACH = 2   # words after a possessive that may be its tie ("their affectionate mother")


def ref_group(expr: str, gold: str) -> str:
    """The group of a gold referring expression (see the module docstring), by its first
    pronoun, possessive or article; gold: the gold speaker, for a description's split."""
    words = re.findall(r"[a-z’']+", expr.lower())
    for k, w in enumerate(words):
        if w in ("he", "she"):
            return f"pronoun:{w}"
        if w in POSSESSIVE_WORDS and k + 1 < len(words):
            return "tie" if any(x in TIES for x in words[k + 1:k + 1 + TIE_REACH]) \
                else "possessive"
        if w in ("the", "a", "an"):
            kind = D.gold_kind(gold)
            return "description:" + ("group" if kind == "group/unknowable" else kind)
    return "other"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=D.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--half", choices=sorted(HALVES), default="A")
    ap.add_argument("--style", default="curly")
    ap.add_argument("--show", nargs="*", default=(), help="groups whose wrong lines to print")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(D.SHARED / "eval"))
    import pdnc_eval as E

    lines, wrong, by_cue = Counter(), Counter(), Counter()
    for name, styled, cast, quotes, refs in D.annotated_novels(E, args.data, args.style,
                                                               HALVES[args.half]):
        found = found_lines(E, styled, quotes, [ln for ln in extract_script(styled).lines
                                                if ln.kind == "dialogue"])
        fuller = E.fuller_forms(cast, [(q, q["type"], ln.speaker) for q, ln in found])
        for q, ln in found:
            if q["type"] != "Anaphoric":
                continue
            group = ref_group(refs.get(q["id"], ""), q["speaker"])
            lines[group] += 1
            if cast.same(ln.speaker, q["speaker"], fuller):
                continue
            wrong[group] += 1
            by_cue[(group, ln.cue)] += 1
            if group in args.show:
                s0, e0 = q["spans"][0][0], q["spans"][-1][1]
                print(f"[{name}] {group} cue={ln.cue} ref={refs.get(q['id'])!r} "
                      f"predicted={ln.speaker!r} gold={q['speaker']!r}\n    "
                      + " ".join(styled[max(0, s0 - 200):e0 + 60].split()))
    print(f"half {args.half}, {args.style}: Anaphoric lines by the gold referring expression")
    print(f"{'group':22s} {'lines':>6s} {'wrong':>6s}   wrong by cue")
    for group, n in wrong.most_common():
        cues = ", ".join(f"{c} {k}" for (g, c), k in by_cue.most_common() if g == group)
        print(f"{group:22s} {lines[group]:6d} {n:6d}   {cues}")
    print(f"{'all':22s} {sum(lines.values()):6d} {sum(wrong.values()):6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
