#!/usr/bin/env python3
"""Time drama's start-up: `drama --help`, `drama extract --help` and a two-line extract.

Runs each command --runs times as a fresh process (`python -m drama ...`, the tree on
PYTHONPATH) and prints the median CPU seconds (user + system) and wall seconds of a run,
then, from one `python -X importtime` run of each, the packages that cost the most to
import (cumulative microseconds of each top-level package) and whether rich and pydantic
were imported at all. CPU time is steadier than wall time on a shared machine; compare two
trees within one run of this script's pairs, the machine is noisy. --instructions counts
instead the instructions each run executes (valgrind's callgrind, one run each, hash seed
fixed): the same on a loaded machine as on a quiet one, a change of a few percent shows.

    PYTHONPATH=$PWD .venv/bin/python bench/startup.py
    PYTHONPATH=$PWD .venv/bin/python bench/startup.py --runs 20
    PYTHONPATH=$PWD .venv/bin/python bench/startup.py --instructions
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TWO_LINES = '"Good morning," said Anna.\n\n"Is it?" Tom asked.\n'
PACKAGES = ("typer", "rich", "pydantic", "markdown_it", "pygments", "yaml", "drama")


def commands(folder: Path) -> dict[str, list[str]]:
    text = folder / "two.txt"
    text.write_text(TWO_LINES, encoding="utf-8")
    return {"drama --help": ["--help"],
            "drama extract --help": ["extract", "--help"],
            "extract -o x.script.json": ["extract", str(text), "-o",
                                         str(folder / "two.script.json")],
            "extract -o x.script.yaml": ["extract", str(text), "-o",
                                         str(folder / "two.script.yaml")]}


def run_once(args: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one `python -m drama ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drama", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def instructions(args: list[str]) -> float:
    """Millions of instructions one `python -m drama ARGS` executes (callgrind)."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-m", "drama", *args],
                         env=dict(os.environ, PYTHONHASHSEED="0"), check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    collected = [line for line in run.stderr.splitlines() if "Collected" in line]
    return int(collected[-1].split()[-1]) / 1e6


def import_costs(args: list[str]) -> dict[str, int]:
    """Import microseconds of each top-level package, from -X importtime: the cumulative
    time of each of its imports that no import of the same package encloses, summed (what
    it imports inside it, other packages too, included)."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "drama", *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         check=True)
    rows = []
    for line in run.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            rows.append((len(name) - len(name.lstrip(" ")), name.strip().split(".")[0],
                         int(parts[1])))
    costs: dict[str, int] = {}
    enclosing: list[tuple[int, str]] = []  # (depth, package) of the imports around a row
    for depth, package, cumulative in reversed(rows):  # each import before what it imports
        while enclosing and enclosing[-1][0] >= depth:
            enclosing.pop()
        if all(p != package for _, p in enclosing):
            costs[package] = costs.get(package, 0) + cumulative
        enclosing.append((depth, package))
    return {p: costs[p] for p in PACKAGES if p in costs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each command")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions (callgrind) instead of timing")
    args = ap.parse_args()
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    with tempfile.TemporaryDirectory() as tmp:
        if args.instructions:
            for label, argv in commands(Path(tmp)).items():
                print(f"{label:28s} {instructions(argv):8.1f} M instructions")
            return
        print(f"{'command':28s} {'CPU s':>6s} {'wall s':>7s}  (median of {args.runs})")
        table = commands(Path(tmp))
        for label, argv in table.items():
            times = [run_once(argv) for _ in range(args.runs)]
            print(f"{label:28s} {statistics.median(t[0] for t in times):6.3f} "
                  f"{statistics.median(t[1] for t in times):7.3f}")
        print("\nimport ms (cumulative, one -X importtime run; absent: not imported)")
        print(f"{'command':28s} " + " ".join(f"{p:>11s}" for p in PACKAGES))
        for label, argv in table.items():
            costs = import_costs(argv)
            print(f"{label:28s} " + " ".join(
                f"{costs[p] / 1000:11.1f}" if p in costs else f"{'-':>11s}" for p in PACKAGES))


if __name__ == "__main__":
    main()
