#!/usr/bin/env python3
"""Where quote detection goes wrong on the PDNC dev novels: per-novel recall/precision, and
the false-positive dialogue lines and missed gold quotations with their context.

In-process (no `drama` subprocess), so it is quick to rerun while changing the rules; the
official figures come from bench/extract.py, which runs the scorer as a user would.

    .venv/bin/python bench/extract_diagnose.py --style british --show fp --only OliverTwist
    .venv/bin/python bench/extract_diagnose.py --style curly --show miss --limit 20
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("DRAMA_SHARED", ROOT.parent / "shared"))
if not (SHARED / "eval" / "pdnc_eval.py").is_file() and Path("/work/shared/eval").is_dir():
    SHARED = Path("/work/shared")

from drama.extract import extract_script  # noqa: E402


def context(text: str, s: int, e: int, width: int = 60) -> str:
    inside = " ".join(text[s:e].split())
    if len(inside) > 160:
        inside = inside[:160] + "…"
    return f"{text[max(0, s - width):s]!r} [[ {inside} ]] {text[e:e + 40]!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", choices=("straight", "curly", "british"), default="straight")
    ap.add_argument("--show", nargs="*", default=[], choices=("fp", "miss"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--limit", type=int, default=30, help="examples per novel and kind")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E

    totals = [0, 0, 0, 0]
    for name in sorted(os.listdir(args.data)):
        folder = args.data / name
        if not (folder / "quotation_info.csv").is_file() or (args.only and name not in args.only):
            continue
        text, cast, quotes = E.load_novel(str(folder))
        styled = E.restyle(text, quotes, args.style)
        lines = [ln.to_dict() for ln in extract_script(styled).lines]
        r = E.score_novel(text, cast, quotes, lines)
        for k, key in enumerate(("found", "gold", "tp_lines", "pred_lines")):
            totals[k] += r[key]
        print(f"{name:30s} recall {E.pct(r['found'], r['gold']):6.2f}  "
              f"precision {E.pct(r['tp_lines'], r['pred_lines']):6.2f}  "
              f"false-positive lines {r['pred_lines'] - r['tp_lines']}  "
              f"missed quotes {r['gold'] - r['found']}")
        if "fp" in args.show:
            gold = E.Coverage([s for q in quotes for s in q["spans"]])
            fps = [ln for ln in lines if ln["kind"] == "dialogue"
                   and gold.inside(ln["start"], ln["end"]) * 2 < ln["end"] - ln["start"]]
            for ln in fps[:args.limit]:
                print("  FP  ", context(styled, ln["start"], ln["end"]))
        if "miss" in args.show:
            said = E.Coverage([(ln["start"], ln["end"]) for ln in lines
                               if ln["kind"] == "dialogue"])
            missed = [q for q in quotes
                      if sum(said.inside(s, e) for s, e in q["spans"]) * 2
                      < sum(e - s for s, e in q["spans"])]
            for q in missed[:args.limit]:
                print("  MISS", context(styled, q["spans"][0][0], q["spans"][-1][1]))
    print(f"{'POOLED':30s} recall {E.pct(totals[0], totals[1]):6.2f}  "
          f"precision {E.pct(totals[2], totals[3]):6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
