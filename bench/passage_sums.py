#!/usr/bin/env python3
"""Passage figures summed over many seeds, and two trees' sums compared seed by seed.

    python bench/passage_sums.py run OUT --seeds 1-108      # one file a seed: OUT/seedN.txt
    python bench/passage_sums.py compare OLD NEW [--seeds 1-108] [--unseen 3,6,7,14,19,20,25,26]

`run` calls bench/attribution_passages.py --seed N --no-novel (curly) of the tree it sits
in for each seed, into OUT/seedN.txt; a seed whose file is there already is skipped, so two
runs on one OUT (say one from each end: --seeds 108-1) share the work, and a file is
written whole or not at all. `compare` reads two such folders and prints, for the seeds
both hold, the sums of end-to-end and B3 of all the novels, of half A and of half B, how
many seeds went up and down, the sums of the unseen seeds (those no one reads the excerpts
of), and each seed that moved. The closing notes' passage figures are these sums.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

PARTS = ("all", "half A", "half B")
ROW = re.compile(r"^(all|half A|half B)\s+\d+\s+recall\s+[\d.]+\s+e2e\s+([\d.]+) /.*?"
                 r"B3\s+([\d.]+) /", re.M)
UNSEEN = "3,6,7,14,19,20,25,26"
PASSAGES = Path(__file__).with_name("attribution_passages.py")


def seed_list(spec: str) -> list[int]:
    """Seeds written "1-5,9" (or "108-1", counting down), in that order."""
    seeds = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        a, b = int(lo), int(hi or lo)
        seeds.extend(range(a, b + 1) if a <= b else range(a, b - 1, -1))
    return seeds


def _rows(path: Path) -> dict[str, tuple[float, float]] | None:
    """Part -> (end-to-end, B3) of one seed's file; None unless it has its "all" row."""
    rows = {m[1]: (float(m[2]), float(m[3])) for m in ROW.finditer(path.read_text())}
    return rows if "all" in rows else None


def read_figures(folder: Path) -> dict[int, dict[str, tuple[float, float]]]:
    """Seed -> part -> (end-to-end, B3), of each whole seedN.txt in folder."""
    out = {}
    for f in folder.glob("seed*.txt"):
        if f.stem[4:].isdigit() and (rows := _rows(f)) is not None:
            out[int(f.stem[4:])] = rows
    return out


def run(out: Path, seeds: list[int]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        path = out / f"seed{seed}.txt"
        if path.exists() and _rows(path) is not None:
            continue
        done = subprocess.run([sys.executable, str(PASSAGES), "--seed", str(seed),
                               "--no-novel"], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"seed {seed}: {done.stderr.strip().splitlines()[-1:]}")
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(done.stdout)
        part.replace(path)
        print(f"seed {seed} done", flush=True)


def compare(old: dict, new: dict, seeds: list[int] | None, unseen: set[int]) -> list[str]:
    """The lines `compare` prints."""
    common = sorted(set(old) & set(new) & (set(seeds) if seeds else set(old)))
    if not common:
        return ["no seed in both"]
    lines = [f"{len(common)} seeds ({common[0]}-{common[-1]})"]
    for part in PARTS:
        for k, name in ((0, "e2e"), (1, "B3")):
            o = sum(old[s][part][k] for s in common)
            n = sum(new[s][part][k] for s in common)
            up = sum(new[s][part][k] > old[s][part][k] + 1e-9 for s in common)
            down = sum(new[s][part][k] < old[s][part][k] - 1e-9 for s in common)
            lines.append(f"{part:7s} {name:3s} {o:10.2f} -> {n:10.2f} ({n - o:+.2f}; "
                         f"up {up}, down {down})")
    hidden = [s for s in common if s in unseen]
    for k, name in ((0, "e2e"), (1, "B3")):
        o = sum(old[s]["all"][k] for s in hidden)
        n = sum(new[s]["all"][k] for s in hidden)
        lines.append(f"unseen{len(hidden)} {name:3s} {o:8.2f} -> {n:8.2f} ({n - o:+.2f})")
    moved = [f"{s}:{new[s]['all'][0] - old[s]['all'][0]:+.2f}/"
             f"{new[s]['all'][1] - old[s]['all'][1]:+.2f}"
             for s in common if old[s]["all"] != new[s]["all"]]
    lines.append("moved (seed e2e B3): " + " ".join(moved))
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="passages of each seed into OUT/seedN.txt")
    r.add_argument("out", type=Path)
    r.add_argument("--seeds", default="1-108")
    c = sub.add_parser("compare", help="two run folders' sums, seed by seed")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--seeds", default=None)
    c.add_argument("--unseen", default=UNSEEN, help="seeds no one reads (default: %(default)s)")
    args = ap.parse_args()
    if args.command == "run":
        run(args.out, seed_list(args.seeds))
        return
    seeds = seed_list(args.seeds) if args.seeds else None
    unseen = set(seed_list(args.unseen)) if args.unseen else set()
    said("\n".join(compare(read_figures(args.old), read_figures(args.new), seeds, unseen)))


def said(text: str) -> None:
    """Print text; a reader that closed the pipe (`compare ... | head`) has all it wanted:
    exit status 0, no BrokenPipeError traceback, as `drama ... | head` ends."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush
        sys.exit(0)


if __name__ == "__main__":
    main()
