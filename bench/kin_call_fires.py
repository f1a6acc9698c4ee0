#!/usr/bin/env python3
"""Where a change to the family-word calls fires: per novel, the dialogue quotes that call a
relative by a family word ("Well, mamma,", "I say, father: …"; vocative.kin_vocative), in
the whole novel and in the passages' excerpts of the seeds given (the excerpts
attribution_passages.py cuts). Counts only, from the text alone (no extraction): run it in
two trees and compare to see which novels and passages a change reaches.

    python bench/kin_call_fires.py --seeds 27 1 2 3
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_passages import cut_excerpts, restyle  # noqa: E402
from train_conversation import SHARED  # noqa: E402

from drama.extract.attribution.vocative import kin_vocative  # noqa: E402
from drama.extract.quotes import find_quotes  # noqa: E402


def kin_calls(text: str) -> int:
    """The dialogue quotes of a text that call a relative by a family word."""
    return sum(1 for q in find_quotes(text) if q.dialogue and kin_vocative(text, q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="*", default=[], help="passage seeds")
    ap.add_argument("--style", default="curly")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E

    for name in sorted(os.listdir(args.data)):
        if not (Path(args.data) / name / "quotation_info.csv").is_file():
            continue
        text, _, quotes = E.load_novel(os.path.join(args.data, name))
        src = restyle(E, text, quotes, args.style)
        by_seed = Counter()
        for seed in args.seeds:
            for start, end in cut_excerpts(src, 2000, 6, seed):
                by_seed[seed] += kin_calls(src[start:end])
        print(f"{name:30s} novel {kin_calls(src):4d}  passages {sum(by_seed.values()):4d}"
              + ("  " + " ".join(f"{s}:{n}" for s, n in sorted(by_seed.items()) if n)
                 if by_seed else ""))


if __name__ == "__main__":
    main()
