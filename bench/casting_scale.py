#!/usr/bin/env python3
"""Time casting two new speakers into a voices.yaml of many speakers (a series' shared file).

For each size, writes a voices.yaml of that many speakers (one flow-mapping line each, as
`drama cast` appends them, with the tone engine's voices), then times `cast_speakers` adding
two new speakers to it, in this process, in CPU seconds, best of --repeat (a fresh copy of
the file each time). Prints seconds per size and per thousand speakers: near-linear casting
keeps that last column flat. What an append costs is reading the file (the YAML composer)
and checking that the new file reads back as the old cast plus the new speakers.

    .venv/bin/python bench/casting_scale.py
    .venv/bin/python bench/casting_scale.py --sizes 1000 30000 --repeat 1
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from drama.casting import cast_speakers
from drama.engines.tone import ToneEngine

VOICES = ("tone/low", "tone/mid", "tone/high")


def casting_text(speakers: int) -> str:
    lines = ["# a series' shared cast", "narrator: {engine: tone, voice: tone/mid, rate: 165}",
             "speakers:"]
    lines += [f"  Speaker {n:05d}: {{engine: tone, voice: {VOICES[n % 3]}, rate: 170, "
              f"gender: {('male', 'female')[n % 2]}}}" for n in range(speakers)]
    return "\n".join(lines) + "\n"


def time_cast(folder: Path, original: Path, repeat: int) -> float:
    """The best CPU time of casting two new speakers into a fresh copy of original."""
    voices = ToneEngine().voices()
    times = []
    for n in range(repeat):
        path = folder / f"voices{n}.yaml"
        shutil.copyfile(original, path)
        start = time.process_time()
        added = cast_speakers(path, ["Anna Newcomer", "Tom Newcomer"], voices)
        times.append(time.process_time() - start)
        assert added == ["Anna Newcomer", "Tom Newcomer"], added
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 30_000],
                    help="how many speakers the file holds, one run each")
    ap.add_argument("--repeat", type=int, default=2, help="timings of each; the best is shown")
    args = ap.parse_args()
    print(f"{'speakers':>9s} {'MB':>5s} {'CPU s':>7s} {'s per 1,000':>11s}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            original = folder / f"cast{size}.yaml"
            original.write_text(casting_text(size), encoding="utf-8")
            seconds = time_cast(folder, original, args.repeat)
            print(f"{size:9,d} {original.stat().st_size / 1e6:5.1f} {seconds:7.2f} "
                  f"{seconds / size * 1000:11.3f}")


if __name__ == "__main__":
    main()
