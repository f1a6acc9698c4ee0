#!/usr/bin/env python3
"""How often a speaking character's guessed sex is wrong, as attribution and casting see it.

    python bench/speaker_gender.py [--only NOVEL ...] [--show]

Per PDNC dev novel, two counts, each against character_info.csv's gender (F/M; others
skipped), gold used only to score:

- cast: each gold speaker whose aliases the text's Cast knows (drama.extract.cast,
  built as extract_script builds it): the Cast character's sex (what pronoun tags such as
  "she said" and the conversation model's sex features read) — wrong, or none;
- script: each speaker label of the extracted script's characters section, scored against
  the gold speaker of most of its lines (what casting reads) — wrong, or unknown.

Prints the counts per novel and per half (bench/attribution_halves.py's halves); --show
lists the wrong ones with their evidence.
"""
from __future__ import annotations

import argparse
import ast
import bisect
import csv
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402


def read_gold(folder: str) -> dict[str, tuple[str, list[str]]]:
    """Main name -> (sex, aliases) from character_info.csv."""
    out = {}
    with open(os.path.join(folder, "character_info.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Gender"].strip() in ("F", "M"):
                try:
                    aliases = sorted(ast.literal_eval(r["Aliases"]))
                except (ValueError, SyntaxError):
                    aliases = []
                out[r["Main Name"].strip()] = (r["Gender"].strip().lower(),
                                               [r["Main Name"].strip()] + aliases)
    return out


def score(row: Counter, kind: str, guess: str | None, sex: str, what: str,
          show: bool) -> None:
    """Count one character of kind ("cast" or "script"): right, wrong or without a sex."""
    row[kind] += 1
    if guess not in ("m", "f"):
        row[kind + "_none"] += 1
        if show:
            print(f"  {kind} none   {what}")
    elif guess != sex:
        row[kind + "_wrong"] += 1
        if show:
            print(f"  {kind} WRONG  {what} guessed {guess}")


def cast_counts(src: str, quotes: list[dict], gold: dict, row: Counter, show: bool) -> None:
    """Each gold speaker the Cast knows: the sex of the Cast person its main name denotes,
    else the one most of its aliases' mentions do."""
    from drama.extract.cast import Cast
    from drama.extract.quotes import find_quotes
    from drama.extract.structure import find_structure
    sections = find_structure(src).sections
    speech = [(q.open, q.close) for q in find_quotes(src) if q.dialogue]
    cast = Cast(src, speech=speech, headings=[(s.start, s.end) for s in sections])
    speakers = Counter(q["speaker"] for q in quotes)
    for name, (sex, aliases) in gold.items():
        found = [c for c in (cast.character(a) for a in aliases) if c is not None]
        if speakers[name] and found:
            ch = cast.character(name) or max(found, key=lambda c: sum(c.forms.values()))
            score(row, "cast", ch.gender, sex,
                  f"{name} ({sex}) as {ch.label!r} {ch.evidence.to_dict()}", show)


def script_counts(src: str, quotes: list[dict], gold: dict, name: str, row: Counter,
                  show: bool) -> None:
    """Each speaker label of the extracted script, against the gold speaker of most of its
    lines."""
    from drama.extract import extract_script
    script = extract_script(src, source=name)
    spans = sorted((s, e, q["speaker"]) for q in quotes for s, e in q["spans"])
    starts = [s for s, _, _ in spans]
    by_label: dict[str, Counter] = defaultdict(Counter)
    for ln in script.lines:
        i = bisect.bisect_right(starts, ln.start) - 1
        if ln.kind == "dialogue" and i >= 0 and spans[i][1] > ln.start:
            by_label[ln.speaker][spans[i][2]] += 1
    for entry in script.characters:
        votes = by_label.get(entry.name)
        who = votes.most_common(1)[0][0] if votes else None
        if who in gold:
            score(row, "script", entry.gender, gold[who][0],
                  f"{entry.name!r} = {who} ({gold[who][0]}) {sum(votes.values())} lines "
                  f"{entry.evidence}", show)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    novels = args.only or sorted(HALF_A + HALF_B)
    per = {}
    for n in novels:
        folder = os.path.join(args.data, n)
        text, _, quotes = E.load_novel(folder)
        src = E.restyle(text, quotes, "curly")
        gold = read_gold(folder)
        row = per[n] = Counter()
        if args.show:
            print(n)
        cast_counts(src, quotes, gold, row, args.show)
        script_counts(src, quotes, gold, n, row, args.show)
        print(f"{n:30s} cast {row['cast_wrong']:2d} wrong {row['cast_none']:2d} none "
              f"of {row['cast']:3d} | script {row['script_wrong']:2d} wrong "
              f"{row['script_none']:2d} unknown of {row['script']:3d}")
    for name, group in (("half A", HALF_A), ("half B", HALF_B)):
        group = [n for n in novels if n in group]
        if group:
            t = sum((per[n] for n in group), Counter())
            print(f"{name}: cast {t['cast_wrong']} wrong {t['cast_none']} none of {t['cast']}"
                  f" | script {t['script_wrong']} wrong {t['script_none']} unknown of "
                  f"{t['script']}")


if __name__ == "__main__":
    main()
