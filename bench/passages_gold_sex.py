#!/usr/bin/env python3
"""bench/attribution_passages.py with every character given its gold sex: what the sex of the
people an excerpt names is worth, against the same run without it.

    python bench/passages_gold_sex.py [attribution_passages.py's options: --half B ...]

Each Cast character whose label the gold cast resolves to a character of PDNC's gender F or
M (character_info.csv) answers that sex to attribution (Character.gender), in the excerpts and
in the whole novels alike; the gold is used for nothing else. An upper bound of what better
sex evidence can give; the scores themselves are the passages bench's.
"""
from __future__ import annotations

import csv
import os
import runpy
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import train_conversation  # noqa: E402,F401  (puts the repository and the scorer on the path)
import pdnc_eval as E  # noqa: E402
from drama.extract.cast import character  # noqa: E402

current: dict = {"cast": None, "sex": {}}
_load_novel = E.load_novel
_gender = character.Character.gender.fget


def load_novel(folder: str):
    """The scorer's load_novel, remembering the novel's gold cast and sexes."""
    text, cast, quotes = _load_novel(folder)
    with open(os.path.join(folder, "character_info.csv"), encoding="utf-8") as f:
        current["sex"] = {r["Main Name"].strip(): {"M": "m", "F": "f"}.get(r["Gender"].strip())
                          for r in csv.DictReader(f)}
    current["cast"] = cast
    return text, cast, quotes


def gold_gender(self) -> str | None:
    gold = current["cast"].resolve(self.label) if current["cast"] else None
    return current["sex"].get(gold) or _gender(self) if gold else _gender(self)


if __name__ == "__main__":
    E.load_novel = load_novel
    character.Character.gender = property(gold_gender)
    sys.argv = [str(BENCH / "attribution_passages.py")] + sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
