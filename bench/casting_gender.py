"""How well the script's characters section gives speakers' gender, scored on PDNC's gold.

For each novel in a PDNC folder, a script is built from the gold quotations (span and speaker,
so extraction errors do not count here), its characters section is built as the extractor
builds it (drama.extract.inventory.characters_for_script: the novel's Cast, the labels, the
speech tags), and each character's gender, the one casting reads, is compared with
character_info.csv's gender (F/M; X and groups skipped).

Prints, per novel and overall: characters with a gold gender, how many got a guess (coverage),
how many guesses are right (precision), and the same for major+intermediate characters.

Usage: python bench/casting_gender.py [PDNC_DIR]   (default ../shared/data/pdnc-dev)
"""
from __future__ import annotations

import ast
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drama.extract.inventory import characters_for_script  # noqa: E402
from drama.model import Line, Script  # noqa: E402

csv.field_size_limit(10**8)


def gold_script(folder: Path) -> tuple[Script, str, dict[str, tuple[str, str]]]:
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    chars = {}
    with open(folder / "character_info.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            chars[row["Main Name"]] = (row["Gender"], row["Category"])
    lines = []
    with open(folder / "quotation_info.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for start, end in ast.literal_eval(row["quoteByteSpans"]):
                lines.append(Line(row["speaker"], "dialogue", text[start:end], start, end))
    lines.sort(key=lambda ln: ln.start)
    return Script(title=folder.name, lines=lines), text, chars


def main(data: Path) -> None:
    totals = {"all": [0, 0, 0], "main": [0, 0, 0]}
    elapsed = 0.0
    print(f"{'novel':30} {'chars':>5} {'guessed':>7} {'right':>5}   main: {'chars':>5} "
          f"{'guessed':>7} {'right':>5}")
    for folder in sorted(p for p in data.iterdir() if (p / "novel_text.txt").exists()):
        script, text, chars = gold_script(folder)
        t = time.perf_counter()
        entries = characters_for_script(script, text)
        elapsed += time.perf_counter() - t
        row = {"all": [0, 0, 0], "main": [0, 0, 0]}
        for entry in entries:
            gold, category = chars.get(entry.name, ("X", "minor"))
            if gold not in ("F", "M"):
                continue
            for key in ("all", "main") if category in ("major", "intermediate") else ("all",):
                row[key][0] += 1
                if entry.gender in ("f", "m"):
                    row[key][1] += 1
                    row[key][2] += entry.gender == gold.lower()
        for key in totals:
            totals[key] = [a + b for a, b in zip(totals[key], row[key])]
        print(f"{folder.name:30} {row['all'][0]:5} {row['all'][1]:7} {row['all'][2]:5}   "
              f"      {row['main'][0]:5} {row['main'][1]:7} {row['main'][2]:5}")
    for key, (n, g, r) in totals.items():
        label = "all characters" if key == "all" else "major + intermediate"
        print(f"{label}: {n} with a gold gender, guessed {g} ({g / max(n, 1):.0%} coverage), "
              f"right {r} ({r / max(g, 1):.1%} precision, {r / max(n, 1):.0%} of all)")
    print(f"inference time: {elapsed:.2f} s for all novels")


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "pdnc-dev"
    if not where.is_dir():
        sys.exit(f"no PDNC folder at {where}; pass it: python bench/casting_gender.py PDNC_DIR")
    main(where)
