#!/usr/bin/env python3
"""The "he said" / "she said" lines of the passages (bench/attribution_passages.py's excerpts),
right and wrong, passage against the whole novel.

    python bench/pronoun_passages.py [--seed 17] [--half A|B] [--only NOVEL ...] [--show N]

A quote's gold referring expression (PDNC's quotation_info.csv) says whether its tag is a
"he" or a "she" (attribution_diagnose.ref_class). For each excerpt, extracted alone as the
passages bench does, this counts such quotes right in the passage and in the whole novel, by
the passage's cue, and with `--show` prints the wrong ones with the narration before them.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_diagnose import ref_class  # noqa: E402
from attribution_passages import (cut_excerpts, quote_lines, quotes_inside,  # noqa: E402
                                  rightly_given)
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly")
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--count", type=int, default=6)
    ap.add_argument("--half", choices=["A", "B"])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E
    from drama.extract import extract_script
    novels = args.only or {"A": HALF_A, "B": HALF_B}.get(args.half) or sorted(HALF_A + HALF_B)
    counts: Counter = Counter()
    shown = 0
    for n in novels:
        folder = os.path.join(args.data, n)
        text, cast, quotes = E.load_novel(folder)
        with open(os.path.join(folder, "quotation_info.csv"), encoding="utf-8") as f:
            refs = {r["quoteID"]: r["referringExpression"] for r in csv.DictReader(f)}
        src = E.restyle(text, quotes, args.style)
        whole = [ln.to_dict() for ln in extract_script(src, source=n).lines]
        for start, end in cut_excerpts(src, args.words, args.count, args.seed):
            inside = quotes_inside(quotes, start, end)
            if not inside:
                continue
            same = [q for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]
            lines = [ln.to_dict() for ln in extract_script(src[start:end], source=n).lines]
            right = rightly_given(E, cast, inside, lines)
            novel_right = rightly_given(E, cast, same, whole)
            found = quote_lines(inside, lines)
            for q, ln, ok, n_ok in zip(inside, found, right, novel_right):
                if ref_class(refs.get(q["id"], "")) not in ("he", "she"):
                    continue
                cue = ln.get("cue") if ln else None
                counts["all"] += 1
                counts["right"] += ok
                counts["novel right"] += n_ok
                counts[f"cue {cue}", ok] += 1
                if not ok and shown < args.show:
                    shown += 1
                    s, e = q["spans"][0]
                    ex = src[start:end]
                    said = ln.get('speaker') if ln else None
                    print(f"\n[{n}@{start} @{s}] cue={cue} passage={said!r}"
                          f" gold={q['speaker']!r} novel={'right' if n_ok else 'wrong'}")
                    print("   ", " ".join(ex[max(0, s - 500):e + 150].split()))
    print(f"\nhe/she quotes {counts['all']}: passage right {counts['right']}, "
          f"novel right {counts['novel right']}")
    for key in sorted(k for k in counts if isinstance(k, tuple)):
        print(f"  {key[0]:24s} {'right' if key[1] else 'wrong'} {counts[key]}")


if __name__ == "__main__":
    main()
