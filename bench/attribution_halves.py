#!/usr/bin/env python3
"""Attribution on the PDNC dev novels in process, by the halves the mechanisms are judged on.

    python bench/attribution_halves.py [--style curly] [--only NOVEL ...] [--save DIR]

Extracts each novel with drama.extract.extract_script and scores it with the shared scorer's
own score_novel (../shared/eval/pdnc_eval.py), as the official run does but without starting
a process per novel. Prints end-to-end accuracy, speaker B3 and speakers per character per
novel, then for half A, half B and all. A mechanism is developed looking at one half and
kept only when it does not lose on the other (bench/README.md, Attribution).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the halves are bench/train_conversation.py's, where the model is judged by them too
from styles import STYLES, restyle  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

SUMS = ("gold", "found", "correct", "b3_p_sum", "b3_r_sum", "pred_speakers", "gold_speakers",
        "tp_lines", "pred_lines")


def totals(E, per: dict, novels: list[str]):
    t, by_type = defaultdict(float), {k: [0, 0] for k in E.TYPES}
    for n in novels:
        for k in SUMS:
            t[k] += per[n][k]
        for k in E.TYPES:
            by_type[k][0] += per[n]["by_type"][k][0]
            by_type[k][1] += per[n]["by_type"][k][1]
    return t, by_type


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=STYLES)
    ap.add_argument("--only", nargs="*", help="novels (default: all ten)")
    ap.add_argument("--save", help="also write each restyled text and its lines here")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import extract_script
    novels = args.only or sorted(HALF_A + HALF_B)
    per, chars, t0 = {}, 0, time.perf_counter()
    for n in novels:
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = restyle(E, text, quotes, args.style)
        lines = [ln.to_dict() for ln in extract_script(src, source=n).lines]
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            Path(args.save, n + ".txt").write_text(src, encoding="utf-8")
            Path(args.save, n + ".json").write_text(json.dumps({"lines": lines}))
        per[n] = E.score_novel(text, cast, quotes, lines)
        chars += len(text)
    seconds = time.perf_counter() - t0
    for n in novels:
        r = per[n]
        print(f"{n:30s} e2e {E.pct(r['correct'], r['gold']):5.1f}  B3 {E.b3_f1(r):5.1f}  "
              f"speakers {r['pred_speakers']:3d}/{r['gold_speakers']:<3d}  " +
              " ".join(f"{k[:4]} {E.pct(*r['by_type'][k]):5.1f}" for k in E.TYPES))
    for name, group in (("half A", HALF_A), ("half B", HALF_B), ("all", novels)):
        group = [n for n in novels if n in group]
        if not group:
            continue
        t, by_type = totals(E, per, group)
        print(f"{name:8s} e2e {E.pct(t['correct'], t['gold']):5.2f}  B3 {E.b3_f1(t):5.2f}  "
              f"speakers/char {t['pred_speakers'] / t['gold_speakers']:.2f}  " +
              " ".join(f"{k[:4]} {E.pct(*by_type[k]):5.1f}" for k in E.TYPES))
    print(f"{chars / seconds:,.0f} chars/s in process")


if __name__ == "__main__":
    main()
