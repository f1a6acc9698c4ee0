#!/usr/bin/env python3
"""Speakers a passage never names by any of their gold names: what the scorer credits them.

    python bench/attribution_unnamed.py --seed N --half A|B [--style curly] [--show]

bench/attribution_passages.py splits a passage's quotes by whether the excerpt names their
gold speaker (one of their aliases, written capitalised); of those it never names, many an
extractor reading the excerpt alone can still get right: the scorer (pdnc_eval.Cast.resolve)
takes a label that is an exact alias ("The stranger" of the Invisible Man), or whose words
less titles are a part of one character's alias only ("May" of "Nell Farrow", "The mariner"
of "The Mariner"), or a fuller form that spells out one ("His wife" of "The Wife"). For the
excerpts of one half (bench/attribution_passages.py's cut, same seed), this prints per gold
speaker the excerpt never names: their quotes, how many the passage's labels get right, and
which of the passage's labels the scorer resolves to them (none: whatever the passage calls
them, no label of it is credited); then the totals, and how many of those quotes go to a
speaker the scorer can credit at all. `--show` lists each such quote not right: the gold,
the passage's label and cue, the quote. Look at your own half only.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attribution_passages as AP  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--half", choices=["A", "B"], required=True)
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--show", action="store_true", help="list the unnamed quotes not right")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import extract_script
    totals = [0, 0, 0]          # quotes, right, whose speaker some passage label resolves to
    for n in {"A": HALF_A, "B": HALF_B}[args.half]:
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        for start, end in AP.cut_excerpts(src, 2000, 6, args.seed):
            inside = AP.quotes_inside(quotes, start, end)
            if not inside:
                continue
            excerpt = src[start:end]
            lines = [ln.to_dict() for ln in extract_script(excerpt, source=n).lines]
            credited = defaultdict(list)
            for label in {ln["speaker"] for ln in lines if ln.get("kind") == "dialogue"}:
                if (who := cast.resolve(label)) is not None:
                    credited[who].append(label)
            per = defaultdict(lambda: [0, 0])
            found = AP.quote_lines(inside, lines)
            for q, ok, ln in zip(inside, AP.rightly_given(E, cast, inside, lines), found):
                if AP.named_in(E, cast, q["speaker"], excerpt):
                    continue
                gold = cast.resolve(q["speaker"]) or q["speaker"]
                per[gold][0] += ok
                per[gold][1] += 1
                if args.show and not ok:
                    s, e = q["spans"][0]
                    sp, cue = (ln.get("speaker"), ln.get("cue")) if ln else (None, None)
                    print(f"QUOTE {n}@{start}\t{gold}\t{sp}\t{cue}\t"
                          f"{' '.join(excerpt[s:e].split())[:60]}")
            for gold, (ok, count) in sorted(per.items()):
                labels = credited.get(gold, [])
                totals[0] += count
                totals[1] += ok
                totals[2] += count if labels else 0
                print(f"{n}@{start:<8d} {gold[:34]:34s} {ok:3d}/{count:<3d} right  "
                      f"credited labels: {', '.join(labels) or '-'}")
    quotes, right, reachable = totals
    print(f"half {args.half} seed {args.seed}: {quotes} quotes of speakers the excerpt never "
          f"names, {right} right ({E.pct(right, quotes):.1f}%); {reachable} of them have a "
          f"passage label the scorer resolves to their speaker")


if __name__ == "__main__":
    main()
