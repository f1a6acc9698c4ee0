#!/usr/bin/env python3
"""Which predicted speaker names stand for which gold characters, in the PDNC dev novels.

    python bench/attribution_names.py [--style curly] [--only NOVEL ...] [--min 1]

The scorer's speakers per character counts the distinct predicted names over the found
quotations against the distinct gold speakers, and its B3 recall falls when one person is
given several names. For every novel this extracts the script in process, scores it with the
shared scorer, and prints each gold character with the names its found quotations got
("Oliver Twist: Oliver 310, the boy 4, Mr. Orme 2"), then each predicted name that is an
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

With --groups it sizes, per novel and for each half pooled as the scorer pools it, how much
B3 each of three label groups costs, each fixed alone (B3 after the fix minus B3 as is):
- splits, one person under several labels ("Miss Ashby" beside "Jane", "Frenchman" beside
  "De Vasseur"): every label whose lines mostly belong to a person another label covers
  better joined to that label; a name and a description (gender.is_description) apart;
- merges, two people under one label: a line on a label mostly someone else's moved to its
  own person's label when the label fits its own person too, by name (every word of the
  label is a word of that person's gold aliases or of the script's aliases of their label:
  "Miss Ashby" for Christina, "Mr. Ashdown" for young Tom) or as a label naming no one
  person (names_no_one: "The man", a family name);
- wrong lines: every other line on a label mostly someone else's, moved the same way.
Then the labels each group's lines sit on most ("Miss Ashby 12 (Jane)").

With --join OLD=NEW ... (and --only) it prints each novel's B3 as is and with the predicted
label OLD renamed NEW (every pair given), then the novels pooled: what a join of two labels
that a rule could make is worth, before it is built ("Heywood=Ronny"; round 32).
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


def _majorities(E, cast, pairs) -> tuple[list[tuple[str, str]], dict[str, str],
                                        dict[str, str]]:
    """(gold character, predicted label) of each found line; each label's person (the
    character most of its lines are); each character's own label (the one most of their
    lines are on). pairs: (gold quote, predicted line)."""
    gold = [(cast.resolve(q["speaker"]) or E.norm(q["speaker"]), E.norm(ln["speaker"]))
            for q, ln in pairs]
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for g, label in gold:
        by_label[label][g] += 1
        by_gold[g][label] += 1
    person = {label: c.most_common(1)[0][0] for label, c in by_label.items()}
    own = {g: c.most_common(1)[0][0] for g, c in by_gold.items()}
    return gold, person, own


def _split_and_wrong(E, cast, pairs) -> tuple[str, str, str, str]:
    """B3 F1 with each predicted label renamed to the label that covers best the gold
    character it mostly covers (one person's several labels joined, wrong lines kept: what
    the splits cost, descriptions the cast cannot resolve too), and with each line whose
    label mostly covers someone else moved to its own character's best label (the splits
    kept: what the wrong lines cost); and the last moving only the wrong lines on labels
    that name no one person (names_no_one), then only those on one person's name."""
    gold, person, own = _majorities(E, cast, pairs)
    no_one = {E.norm(ln["speaker"]) for _, ln in pairs
              if names_no_one(E, cast, ln["speaker"])}

    def f1(renamed: list[tuple[str, str]]) -> str:
        return f"{b3_f1([b3_sums(renamed)]):5.1f}"
    merged = [(own[person[label]], g) for g, label in gold]
    def moved(which) -> str:
        return f1([(own[g] if person[label] != g and which(label) else label, g)
                   for g, label in gold])
    return (f1(merged), moved(lambda label: True), moved(lambda label: label in no_one),
            moved(lambda label: label not in no_one))


GROUPS = ("split: names", "split: descriptions", "splits", "merge: one name",
          "merge: no one person", "merges", "wrong lines")
"""The label groups --groups sizes, in the order it prints them."""


def label_groups(E, cast, pairs, aliases: dict[str, list[str]]) -> dict[str, list]:
    """For each of GROUPS, (predicted label, gold character) for every found line with that
    group fixed alone; under "as is", as found. pairs: (gold quote, predicted line);
    aliases: the script's aliases of each label."""
    from drama.extract.gender import is_description
    gold, person, own = _majorities(E, cast, pairs)
    shown = {E.norm(ln["speaker"]): ln["speaker"] for _, ln in pairs}
    words = {g: {w for a in cast.aliases.get(g, ()) for w in a.split()}
             | {w for a in [shown[own[g]], *aliases.get(shown[own[g]], ())]
                for w in E.norm(a).split()} for g in own}

    def merge_kind(label: str, g: str) -> str | None:
        if names_no_one(E, cast, shown[label]):
            return "merge: no one person"
        return "merge: one name" if set(label.split()) <= words[g] else None

    def joined(which) -> list:
        return [(own[person[label]] if which(label) else label, g) for g, label in gold]

    def moved(which) -> list:
        return [(own[g] if person[label] != g and which(label, g) else label, g)
                for g, label in gold]
    described = {label for label in person if is_description(shown[label])}
    return {"as is": [(label, g) for g, label in gold],
            "split: names": joined(lambda label: label not in described),
            "split: descriptions": joined(lambda label: label in described),
            "splits": joined(lambda label: True),
            "merge: one name": moved(lambda label, g: merge_kind(label, g) == "merge: one name"),
            "merge: no one person": moved(
                lambda label, g: merge_kind(label, g) == "merge: no one person"),
            "merges": moved(lambda label, g: merge_kind(label, g) is not None),
            "wrong lines": moved(lambda label, g: merge_kind(label, g) is None)}


def b3_sums(renamed: list[tuple[str, str]]) -> tuple[float, float, int]:
    """(precision sum, recall sum, lines) of B3 over (predicted label, gold) pairs, as the
    scorer's speaker_clusters sums them."""
    pair = Counter(renamed)
    psize = Counter(p for p, _ in renamed)
    gsize = Counter(g for _, g in renamed)
    return (sum(n * n / psize[p] for (p, g), n in pair.items()),
            sum(n * n / gsize[g] for (p, g), n in pair.items()), len(renamed))


def joined_b3(E, cast, pairs, joins: dict[str, str]) -> tuple[tuple, tuple]:
    """B3 sums (b3_sums) of the found lines as labelled and with each label in joins renamed
    to its value. pairs: (gold quote, predicted line)."""
    as_is = [(E.norm(ln["speaker"]), cast.resolve(q["speaker"]) or E.norm(q["speaker"]))
             for q, ln in pairs]
    renamed = {E.norm(old): E.norm(new) for old, new in joins.items()}
    return b3_sums(as_is), b3_sums([(renamed.get(p, p), g) for p, g in as_is])


def b3_f1(sums: list[tuple[float, float, int]]) -> float:
    """B3 F1 (0-100) of one or more novels' sums pooled, as the halves pool them."""
    n = sum(k for _, _, k in sums)
    prec, rec = (sum(s[i] for s in sums) / n for i in (0, 1))
    return 200 * prec * rec / (prec + rec)


def group_lines(groups: dict[str, list]) -> dict[str, Counter]:
    """Per group, the lines it relabels counted by (label as found, gold character)."""
    found = groups["as is"]
    return {name: Counter(f for f, r in zip(found, fixed) if f != r)
            for name, fixed in groups.items() if name != "as is"}


def report_groups(per: dict[str, dict[str, list]], halves) -> None:
    """Per novel and per half, B3 as is and what each group fixed alone adds."""
    sums = {n: {k: b3_sums(v) for k, v in groups.items()} for n, groups in per.items()}
    print(f"{'':24s} {'B3':>5s} " + " ".join(f"{k:>10.10s}" for k in GROUPS))
    rows = [(n, [n]) for n in per] + [(name, [n for n in per if n in group])
                                      for name, group in halves]
    for name, novels in rows:
        if not novels:
            continue
        base = b3_f1([sums[n]["as is"] for n in novels])
        print(f"{name:24s} {base:5.1f} " + " ".join(
            f"{b3_f1([sums[n][k] for n in novels]) - base:+10.2f}" for k in GROUPS))
    for n, groups in per.items():
        print(n)
        for k, lines in group_lines(groups).items():
            if k in ("splits", "merges"):
                continue
            top = ", ".join(f"{label} {c} ({g})" for (label, g), c in lines.most_common(6))
            print(f"  {k:22s} {sum(lines.values()):4d} lines: {top}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*", help="novels (default: all ten)")
    ap.add_argument("--min", type=int, default=1,
                    help="characters with fewer found quotes go unlisted")
    ap.add_argument("--b3", action="store_true",
                    help="only B3 precision / recall / F1, as is and with oracle naming")
    ap.add_argument("--groups", action="store_true",
                    help="what label splits, label merges and wrong lines each cost B3")
    ap.add_argument("--join", nargs="+", metavar="OLD=NEW",
                    help="B3 with these predicted labels renamed (a join sized before built)")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import extract_script
    per = {}
    for n in args.only or sorted(HALF_A + HALF_B):
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        script = extract_script(src, source=n)
        lines = [ln.to_dict() for ln in script.lines]
        if args.join:
            per[n] = joined_b3(E, cast, found(E, text, quotes, lines),
                               dict(j.split("=", 1) for j in args.join))
            print(f"{n:28s} B3 {b3_f1([per[n][0]]):5.2f} -> {b3_f1([per[n][1]]):5.2f}")
            continue
        if args.groups:
            aliases = {c.name: c.aliases for c in script.characters}
            per[n] = label_groups(E, cast, found(E, text, quotes, lines), aliases)
            continue
        print(n)
        if args.b3:
            report_b3(E, cast, text, quotes, lines)
        else:
            report(E, cast, found_pairs(E, text, cast, quotes, lines), args.min)
    if args.groups:
        report_groups(per, (("half A", HALF_A), ("half B", HALF_B)))
    if args.join and per:
        print(f"{'pooled':28s} B3 {b3_f1([a for a, _ in per.values()]):5.2f} -> "
              f"{b3_f1([b for _, b in per.values()]):5.2f}")


if __name__ == "__main__":
    main()
