#!/usr/bin/env python3
"""How much of speaker B3 is lost to names and how much to wrong attribution, per novel and
pooled by halves, for any set of PDNC dev novels.

    python bench/b3_split.py [--only NOVEL ...] [--half A|B] [--style curly]

B3 falls when one person's lines go under several labels, when one label holds several
people, and when lines are given to the wrong person. For each novel this extracts the
script in process, pairs the found quotations as the scorer does, and prints B3 as is and
with each kind of loss fixed alone (bench/attribution_names.py's label_groups):
- names: one label per person. Every label joined to the label that best covers the person
  it mostly covers (a person split over labels), and every line on a label mostly someone
  else's, where the label fits its own person too or names no one person ("Miss Ashby",
  a family name, "The man": a label shared by people), moved to its person's own label;
- wrong: every other line on a label mostly someone else's moved to its person's own label
  (a line given to the wrong person);
- both fixed (the ceiling: 100 but where one label is two people's own).
Then each gap's share of what is fixable, and the halves pooled as the scorer pools them.
The finer groups (splits of names and of descriptions apart, the labels each group's lines
sit on) are `bench/attribution_names.py --groups`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_names import b3_f1, b3_sums, found, label_groups  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

KINDS = ("as is", "names", "wrong", "both")


def split(groups: dict[str, list]) -> dict[str, list]:
    """(label, gold character) of every found line as is, with the names fixed (splits
    joined and shared labels' lines moved), with the wrong lines moved, and with both.
    groups: label_groups' answer for one novel, its lists aligned line by line."""
    as_is, joined, merged, wrong = (groups[k] for k in ("as is", "splits", "merges",
                                                        "wrong lines"))

    def names_fixed(i: int) -> tuple[str, str]:
        return merged[i] if merged[i] != as_is[i] else joined[i]
    names = [names_fixed(i) for i in range(len(as_is))]
    both = [wrong[i] if wrong[i] != as_is[i] else names[i] for i in range(len(as_is))]
    return {"as is": as_is, "names": names, "wrong": wrong, "both": both}


def row(name: str, sums: list[dict[str, tuple]]) -> str:
    """One printed row: B3 as is, what names and wrong lines each add, and their shares."""
    f1 = {k: b3_f1([s[k] for s in sums]) for k in KINDS}
    gain = {k: f1[k] - f1["as is"] for k in ("names", "wrong")}
    total = sum(gain.values()) or 1.0
    return (f"{name:28s} {f1['as is']:6.2f} {gain['names']:+7.2f} {gain['wrong']:+7.2f} "
            f"{f1['both']:6.2f}   {100 * gain['names'] / total:5.1f}% "
            f"{100 * gain['wrong'] / total:5.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*", help="novels (default: all ten, or --half's)")
    ap.add_argument("--half", choices=["A", "B"], help="the five novels of one half")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import extract_script
    novels = args.only or {"A": HALF_A, "B": HALF_B}.get(args.half) or sorted(HALF_A + HALF_B)
    per = {}
    for n in novels:
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        script = extract_script(E.restyle(text, quotes, args.style), source=n)
        lines = [ln.to_dict() for ln in script.lines]
        aliases = {c.name: c.aliases for c in script.characters}
        groups = label_groups(E, cast, found(E, text, quotes, lines), aliases)
        per[n] = {k: b3_sums(v) for k, v in split(groups).items()}
    print(f"{'':28s} {'B3':>6s} {'+names':>7s} {'+wrong':>7s} {'both':>6s}   "
          f"{'names':>6s} {'wrong':>6s}  (share of the fixable gain)")
    for n in novels:
        print(row(n, [per[n]]))
    shown: set[tuple[str, ...]] = set()
    for name, group in (("half A", HALF_A), ("half B", HALF_B), ("all", novels)):
        group = tuple(n for n in novels if n in group)
        if len(group) > 1 and group not in shown:
            shown.add(group)
            print(row(name, [per[n] for n in group]))


if __name__ == "__main__":
    main()
