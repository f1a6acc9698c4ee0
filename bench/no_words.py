#!/usr/bin/env python3
"""Time the "has no words" check of a source (drama.source.has_words) against the loop it
replaced (`any(c.isalnum() for c in text)`), on texts of --mb MB that hold no word: ASCII
marks (dashes, asterisks and blank lines), non-ASCII marks (em dashes, zero-width spaces),
and a prose text (a word on its first line). Best of --repeat, in CPU seconds.

    .venv/bin/python bench/no_words.py
    .venv/bin/python bench/no_words.py --mb 10 --repeat 5
"""
from __future__ import annotations

import argparse
import time

from drama.source import has_words

TEXTS = {"ASCII marks": "- - * - . , ;\n\n", "non-ASCII marks": "\u2014 \u200b \u2026\n\n",
         "prose": "\u201cGo on,\u201d said Ann. \u201cWhy?\u201d\n\n"}


def best(repeat: int, work) -> tuple[float, bool]:
    times, told = [], None
    for _ in range(repeat):
        start = time.process_time()
        told = work()
        times.append(time.process_time() - start)
    return min(times), told


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=52, help="size of each text, in MB (52: newcomer47's)")
    ap.add_argument("--repeat", type=int, default=3, help="timings of each; the best is shown")
    args = ap.parse_args()
    for name, unit in TEXTS.items():
        text = unit * int(args.mb * 1e6 / len(unit.encode()))
        loop, a = best(args.repeat, lambda: any(c.isalnum() for c in text))
        now, b = best(args.repeat, lambda: has_words(text))
        assert a == b, name
        print(f"{name:16} {len(text.encode()) / 1e6:5.1f} MB  words: {a!s:5}  "
              f"loop {loop:7.3f} s  has_words {now:7.3f} s")


if __name__ == "__main__":
    main()
