#!/usr/bin/env python3
"""Speaker labels that are no one, in the scripts of the PDNC dev novels.

    python bench/attribution_labels.py [--style curly] [--show 10]

For every novel, extracts the script in process and lists the dialogue speaker labels that
contain "--", end in a bare title ("Mr", "The gallant Mr"), are a place the text names (a
name the text mostly writes after "at", "in", "from": Cast.place_like), or name several
people as one plural name ("Turtons"); with how many lines each has. Exits 1 when any is
found, so it can guard issue 11's "no speaker label containing --, ending in a bare title
or naming a place".
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")
sys.path.insert(0, str(SHARED / "eval"))

import pdnc_eval as E  # noqa: E402

from drama.extract import extract_script  # noqa: E402
from drama.extract.cast import Cast  # noqa: E402

# titles that never stand without a name after them ("The gallant Mr", "Mlle")
ABBREVIATED = frozenset("mr mrs ms dr st mlle mme messrs rev prof".split())


def problems(label: str, cast: Cast) -> list[str]:
    """Why a speaker label is no one, if it is not."""
    why = []
    if "--" in label or "—" in label:
        why.append("dash")
    last = label.split()[-1].rstrip(".").lower() if label.split() else ""
    if last in ABBREVIATED:
        why.append("bare title")
    ch = cast.character(label)
    if ch is not None and ch.place_like:
        why.append("place")
    return why


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="curly")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args(argv)
    total = 0
    for n in sorted(os.listdir(args.data)):
        if not (args.data / n / "quotation_info.csv").is_file():
            continue
        text, _, quotes = E.load_novel(str(args.data / n))
        text = E.restyle(text, quotes, args.style)
        script = extract_script(text, source=n)
        cast = Cast(text)
        lines = Counter(ln.speaker for ln in script.lines if ln.kind == "dialogue")
        bad = {lab: problems(lab, cast) for lab in lines}
        bad = {lab: why for lab, why in bad.items() if why}
        total += len(bad)
        shown = sorted(bad, key=lambda lab: -lines[lab])[:args.show]
        print(f"{n:30s} {len(lines):4d} labels, {len(bad)} no one: " +
              ", ".join(f"{lab!r} ({'/'.join(bad[lab])}, {lines[lab]})" for lab in shown))
    print(f"labels that are no one: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
