#!/usr/bin/env python3
"""Speaker labels that are no one, in the scripts of the PDNC dev novels or of their passages.

    python bench/attribution_labels.py [--style curly] [--show 10]
    python bench/attribution_labels.py --passages [--seeds 1-2,4-5] [--half A|B] [--show 10]

For every novel, extracts the script in process and lists the dialogue speaker labels that
contain "--", end in a bare title ("Mr", "The gallant Mr"), are a place the text names (a
name the text mostly writes after "at", "in", "from": Cast.place_like), or name several
people as one plural name ("Turtons"); with how many lines each has. Exits 1 when any is
found, so it can guard issue 11's "no speaker label containing --, ending in a bare title
or naming a place".

`--passages` does the same on excerpts of about 2,000 words extracted alone (the excerpts of
bench/attribution_passages.py, seeds `--seeds`, e.g. "1-2,4-5,9"), where a name written once or
twice gives the cast little to go on; each excerpt's own Cast is asked, and a label is no
one by one more check, "group" (a people's plural, "Hindus": lexicon.people_plural, or a
family's, "the Ashbys": Character.plural_like). It also counts, per novel, the labels that name no gold
person, descriptions and the generic labels aside ("Someone", "Crowd", the narrator): the
list to read for labels that are no one the checks miss ("the Madeleine", "Poor Regina").
Excerpts are counted once, however many seeds draw them (every seed's opening is one).
Reports, never fails.
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
from drama.extract.gender import is_description, is_group  # noqa: E402
from drama.extract.lexicon import people_plural  # noqa: E402

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


def passage_problems(label: str, cast: Cast) -> list[str]:
    """Why a label of an excerpt is no one: problems() or a group ("Norwegians", "the
    Pellings")."""
    why = problems(label, cast)
    ch = cast.character(label)
    if " " not in label and (people_plural(label.lower()) or ch is not None and ch.plural_like):
        why.append("group")
    return why


def names_no_one(lines: Counter, resolve) -> dict[str, int]:
    """The labels of these lines (label -> lines) that are names (not a description, the
    narrator's "I (narrator)" among them, nor a group's generic label) no gold person has:
    resolve(label) is None."""
    return {lab: n for lab, n in lines.items()
            if not is_description(lab) and not is_group(lab)
            and resolve(lab) is None}


def parse_seeds(spec: str) -> list[int]:
    """ "1-3,7" -> [1, 2, 3, 7]."""
    seeds = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        seeds += range(int(lo), int(hi or lo) + 1)
    return seeds


def scan_passages(args) -> None:
    """--passages: per novel, the labels no one by the checks and the names no gold person
    has, with their lines, over each excerpt of the seeds once."""
    sys.path.insert(0, str(ROOT / "bench"))
    from attribution_passages import cut_excerpts
    from train_conversation import HALF_A, HALF_B
    novels = {"A": HALF_A, "B": HALF_B}.get(args.half) or sorted(HALF_A + HALF_B)
    totals = Counter()
    for n in novels:
        text, gold, quotes = E.load_novel(str(args.data / n))
        text = E.restyle(text, quotes, args.style)
        cuts = sorted({cut for seed in parse_seeds(args.seeds)
                       for cut in cut_excerpts(text, 2000, 6, seed)})
        bad, unknown = Counter(), Counter()
        for start, end in cuts:
            script = extract_script(text[start:end], source=n)
            lines = Counter(ln.speaker for ln in script.lines if ln.kind == "dialogue")
            cast = Cast(text[start:end])
            for lab, k in lines.items():
                bad.update({f"{lab} ({'/'.join(why)})": k
                            for why in [passage_problems(lab, cast)] if why})
            unknown.update(names_no_one(lines, gold.resolve))
        totals.update({"excerpts": len(cuts), "no one": sum(bad.values()),
                       "unknown": sum(unknown.values())})
        print(f"{n:30s} {len(cuts):4d} excerpts; lines of labels no one: {sum(bad.values())}"
              f" ({', '.join(f'{lab} {k}' for lab, k in bad.most_common(args.show))}); of"
              f" names no gold person has: {sum(unknown.values())} ("
              f"{', '.join(f'{lab} {k}' for lab, k in unknown.most_common(args.show))})")
    print(f"{totals['excerpts']} excerpts: lines of labels that are no one {totals['no one']}, "
          f"of names no gold person has {totals['unknown']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="curly")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--passages", action="store_true",
                    help="the excerpts of bench/attribution_passages.py, extracted alone")
    ap.add_argument("--seeds", default="1-2,4-5",
                    help='passage seeds, e.g. "1-2,4-5,9" (never the unseen ones: 3 is one)')
    ap.add_argument("--half", choices=["A", "B"], help="passages of one half's novels")
    args = ap.parse_args(argv)
    if args.passages:
        scan_passages(args)
        return 0
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
