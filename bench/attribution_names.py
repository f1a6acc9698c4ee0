#!/usr/bin/env python3
"""Which predicted speaker names stand for which gold characters, in the PDNC dev novels.

    python bench/attribution_names.py [--style curly] [--only NOVEL ...] [--min 1]

The scorer's speakers per character counts the distinct predicted names over the found
quotations against the distinct gold speakers, and its B3 recall falls when one person is
given several names. For every novel this extracts the script in process, scores it with the
shared scorer, and prints each gold character with the names its found quotations got
("Oliver Twist: Oliver 310, the boy 4, Mr. Brownlow 2"), then each predicted name that is an
extra one: a name whose quotations mostly belong to a character another name covers better.
An extra name is marked `=` when the scorer resolves it to that character (a name variant or
a description the cast never joined) and `x` when it names someone else or no one (a wrong
label).

With --b3 it prints instead, per novel, the scorer's B3 precision / recall / F1, and the same
with every predicted name the scorer resolves to a character renamed to that character
("oracle naming"): what one person's several names cost B3, apart from wrong attributions;
with every predicted name renamed to the gold character most of its quotations belong to
("majority naming"): the same with descriptions the scorer cannot resolve counted too;
then with every label joined to the one of the person it mostly covers (a description the
cast cannot resolve too), and with every wrong line moved to its person's own label instead:
what the splits and what the wrong lines cost, each alone; the wrong lines split in two, each
moved alone: those on a label that names no one person (a description the scorer resolves to
no one, "The man", or a name whose words several characters' aliases hold, a family name:
"one label holding two people") and those on a name the scorer resolves to one person (a
line given to the wrong person).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import found_lines  # noqa: E402  (bench/attribution.py: one matching rule)
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402


def found(E, text, quotes, lines) -> list[tuple[dict, dict]]:
    """(gold quote, the predicted dialogue line the scorer pairs it with), each found one."""
    dialogue = [ln for ln in lines if ln["kind"] == "dialogue" and ln["end"] > ln["start"]]
    return found_lines(E, text, quotes, dialogue)


def found_pairs(E, text, cast, quotes, lines) -> list[tuple[str, str]]:
    """(predicted label, gold character) for each found quotation, as the scorer pairs them."""
    return [(ln["speaker"], cast.resolve(q["speaker"]) or E.norm(q["speaker"]))
            for q, ln in found(E, text, quotes, lines)]


def report(E, cast, pairs, least: int) -> None:
    by_name: dict[str, Counter] = defaultdict(Counter)
    shown: dict[str, str] = {}
    for label, gold in pairs:
        by_name[E.norm(label)][gold] += 1
        shown.setdefault(E.norm(label), label)
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for name, golds in by_name.items():
        for gold, n in golds.items():
            by_gold[gold][name] += n
    # the name that covers a character best is its own; others pointing mainly to it are extra
    own = {gold: names.most_common(1)[0][0] for gold, names in by_gold.items()}
    print(f"  {len(by_name)} names for {len(by_gold)} characters")
    for gold, names in sorted(by_gold.items(), key=lambda kv: -sum(kv[1].values())):
        if len(names) > 1 and sum(names.values()) >= least:
            print(f"  {gold}: " + ", ".join(f"{shown[n]} {c}" for n, c in names.most_common()))
    print("  extra names (= resolves to the character, x does not):")
    for name, golds in sorted(by_name.items(), key=lambda kv: -sum(kv[1].values())):
        gold, n = golds.most_common(1)[0]
        if own.get(gold) == name:
            continue
        mark = "=" if cast.resolve(shown[name]) == gold else "x"
        rest = ", ".join(f"{g} {c}" for g, c in golds.most_common()[1:4])
        print(f"    {mark} {shown[name]!r:32s} {sum(golds.values()):4d}: {gold} {n}"
              + (f"; {rest}" if rest else ""))


def report_b3(E, cast, text, quotes, lines) -> None:
    """B3 precision / recall / F1 by the scorer's own speaker_clusters, as is and with
    every predicted name it resolves to a character renamed to that character."""
    pairs = found(E, text, quotes, lines)

    def b3(name) -> str:
        sums = E.speaker_clusters(cast, [(q, None, name(ln["speaker"])) for q, ln in pairs])
        prec, rec = (100 * sums[k] / len(pairs) for k in ("b3_p_sum", "b3_r_sum"))
        return f"{prec:5.1f} / {rec:5.1f} / {2 * prec * rec / (prec + rec):5.1f}"

    # every label renamed to the character most of its lines belong to: what all of one
    # person's labels cost, descriptions the scorer cannot resolve ("the vicar") included
    golds: dict[str, Counter] = defaultdict(Counter)
    for q, ln in pairs:
        golds[ln["speaker"]][cast.resolve(q["speaker"]) or E.norm(q["speaker"])] += 1
    print(f"  B3 P / R / F1 {b3(lambda sp: sp)}   "
          f"oracle naming {b3(lambda sp: cast.resolve(sp) or sp)}   "
          f"majority naming {b3(lambda sp: golds[sp].most_common(1)[0][0])}")
    split, wrong, on_no_one, on_a_name = _split_and_wrong(E, cast, pairs)
    print(f"  labels merged by their person {split}   wrong lines moved {wrong}"
          f" (on labels naming no one person {on_no_one}, on one person's name {on_a_name})")


def names_no_one(E, cast, label: str) -> bool:
    """Whether a predicted label is no one person's name: the scorer resolves it to no
    character (a description, "The man"; a family name several characters' aliases hold
    in part), or it is an alias of several characters as it stands."""
    if cast.resolve(label) is None:
        return True
    return sum(E.norm(label) in aliases for aliases in cast.aliases.values()) > 1


def _split_and_wrong(E, cast, pairs) -> tuple[str, str, str, str]:
    """B3 F1 with each predicted label renamed to the label that covers best the gold
    character it mostly covers (one person's several labels joined, wrong lines kept: what
    the splits cost, descriptions the cast cannot resolve too), and with each line whose
    label mostly covers someone else moved to its own character's best label (the splits
    kept: what the wrong lines cost); and the last moving only the wrong lines on labels
    that name no one person (names_no_one), then only those on one person's name."""
    gold = [(cast.resolve(q["speaker"]) or E.norm(q["speaker"]), E.norm(ln["speaker"]))
            for q, ln in pairs]
    no_one = {E.norm(ln["speaker"]) for _, ln in pairs
              if names_no_one(E, cast, ln["speaker"])}
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for g, label in gold:
        by_label[label][g] += 1
        by_gold[g][label] += 1
    person = {label: c.most_common(1)[0][0] for label, c in by_label.items()}
    own = {g: c.most_common(1)[0][0] for g, c in by_gold.items()}

    def f1(renamed: list[tuple[str, str]]) -> str:
        pair = Counter(renamed)
        psize = Counter(p for p, _ in renamed)
        gsize = Counter(g for _, g in renamed)
        prec = sum(n * n / psize[p] for (p, g), n in pair.items()) / len(renamed)
        rec = sum(n * n / gsize[g] for (p, g), n in pair.items()) / len(renamed)
        return f"{200 * prec * rec / (prec + rec):5.1f}"
    merged = [(own[person[label]], g) for g, label in gold]
    def moved(which) -> str:
        return f1([(own[g] if person[label] != g and which(label) else label, g)
                   for g, label in gold])
    return (f1(merged), moved(lambda label: True), moved(lambda label: label in no_one),
            moved(lambda label: label not in no_one))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*", help="novels (default: all ten)")
    ap.add_argument("--min", type=int, default=1,
                    help="characters with fewer found quotes go unlisted")
    ap.add_argument("--b3", action="store_true",
                    help="only B3 precision / recall / F1, as is and with oracle naming")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import extract_script
    for n in args.only or sorted(HALF_A + HALF_B):
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        lines = [ln.to_dict() for ln in extract_script(src, source=n).lines]
        print(n)
        if args.b3:
            report_b3(E, cast, text, quotes, lines)
        else:
            report(E, cast, found_pairs(E, text, cast, quotes, lines), args.min)


if __name__ == "__main__":
    main()
