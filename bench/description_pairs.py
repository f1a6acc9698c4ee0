#!/usr/bin/env python3
"""Two descriptions, one person? Lines a description sieve (description-coref, epithet,
epithet-variant, epithet-partner) gave to the same person as an earlier line's tag with a description of
another head noun, a few paragraphs back ("cried the young lady" after "replied the girl",
both read as Nancy): how often the gold has one person under the two, and how often the
later pick is right. Whether "a different description is a different person" could be a
rule (round 28, attrA28: on half A it is not).

    .venv/bin/python bench/description_pairs.py --half A [--window 10] [--show]
"""
from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anaphoric_groups as G  # noqa: E402
import attribution_diagnose as D  # noqa: E402

from drama.extract.attribution.pipeline import read_document, run_sieves  # noqa: E402
from drama.extract.attribution.sieves.continuation import READINGS  # noqa: E402
from drama.extract.cast import Cast  # noqa: E402
from drama.extract.quotes import find_quotes, paragraphs  # noqa: E402

DESCRIPTION_SIEVES = frozenset(READINGS) - {"pronoun"}
"""The sieves that read a description's speaker (continuation.READINGS but the pronoun's)."""


def other_head(key: str, earlier: str) -> bool:
    """Whether two description keys ("d:the young lady") differ in their head noun."""
    return key.split()[-1] != earlier.split()[-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=D.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--half", choices=sorted(G.HALVES), default="A")
    ap.add_argument("--style", default="curly")
    ap.add_argument("--window", type=int, default=10, help="paragraphs back")
    ap.add_argument("--show", action="store_true", help="print the wrong picks")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(D.SHARED / "eval"))
    import pdnc_eval as E

    tot: Counter = Counter()
    for name, text, cast, gquotes, _ in D.annotated_novels(E, args.data, args.style,
                                                           G.HALVES[args.half]):
        quotes = [q for q in find_quotes(text) if q.dialogue]
        doc = read_document(text, quotes, paragraphs(text), Cast(text))
        run_sieves(doc)
        gold_at = sorted((s, e, q["speaker"]) for q in gquotes for s, e in q["spans"])
        starts = [g[0] for g in gold_at]

        def gold(i: int) -> str | None:
            j = bisect_right(starts, quotes[i].end - 1) - 1
            return cast.resolve(gold_at[j][2]) if j >= 0 and gold_at[j][1] > quotes[i].start \
                else None

        seen: list[tuple[int, str, str, int]] = []     # (paragraph, description, person, quote)
        for i, tag in enumerate(doc.tags):
            who = doc.speakers[i]
            if tag is None or tag.who is None or not tag.who.key.startswith("d:") or \
                    doc.settled_by[i] not in DESCRIPTION_SIEVES or who is None:
                continue
            p, key = doc.quote_para[i], tag.who.key
            if who.key[0] in "cn":
                before = [s for s in seen if s[0] >= p - args.window and s[2] == who.key
                          and other_head(key, s[1])]
                if before:
                    g, g_before = gold(i), gold(before[-1][3])
                    right = g is not None and cast.resolve(who.label) == g
                    tot["pairs"] += 1
                    tot["one person in the gold"] += g is not None and g == g_before
                    tot["the later pick right"] += right
                    if args.show and not right:
                        print(f"[{name}] {key[2:]!r} after {before[-1][1][2:]!r} -> "
                              f"{who.label!r}, gold {g!r} / {g_before!r}")
            seen.append((p, key, who.key, i))
    print(f"half {args.half}, {args.style}, window {args.window}: {dict(tot)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
