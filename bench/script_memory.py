#!/usr/bin/env python3
"""Peak memory and time of the commands that read a script, on long invented scripts.

Builds an invented text (made-up people talking and moving, seeded, no novel's words),
extracts it once per size to a script of about --sizes MB (cached in --work), then runs each
command that reads a script (`check`, `review`, `export`, `speakers`, `cast -n`) once as a
separate process of the drama in --tree and reports its peak resident memory (the
maximum RSS, from the child's resource usage) and its wall time. Every command's output is
hashed too, so two trees can be compared byte for byte (`--tree` A, then B: same hashes);
the scripts are extracted by this file's own tree, so both read the same files.

    .venv/bin/python bench/script_memory.py                 # 1 and 10 MB, this tree
    .venv/bin/python bench/script_memory.py --sizes 1 --tree /work/main
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

NAMES = ["Tobin", "Marel", "Quessa", "Orrin", "Falka", "Idris", "Venna", "Brask"]
SAID = ["said", "asked", "replied", "whispered", "called", "answered"]
SPOKEN = ["Where have you put the lantern", "I never meant to keep it from you",
          "The river is higher than it was last spring", "Come in out of the rain",
          "We shall need more rope before the bridge", "You are late again",
          "Nobody has crossed the moor since the frost", "Tell me what the letter said"]
NARRATION = ["The wind pulled at the shutters.", "A cart rattled past the gate.",
             "She set the kettle on the stove and waited.", "Nobody moved for a while.",
             "The dog lifted its head and listened.", "Rain came in over the hills."]


def invented_text(chars: int, seed: int = 52) -> str:
    """About `chars` characters of invented prose: paragraphs of dialogue and narration."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < chars:
        name = rng.choice(NAMES)
        quote = f'"{rng.choice(SPOKEN)}," {rng.choice(SAID)} {name}. '
        para = quote + rng.choice(NARRATION) + (" " + f'"{rng.choice(SPOKEN)}."'
                                                 if rng.random() < 0.5 else "")
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts) + "\n"


def build(work: Path, mb: float, tree: Path) -> Path:
    """The script of about `mb` MB (and its text beside it), extracted once by `tree`."""
    folder = work / f"{mb:g}mb"
    script = folder / "story.script.yaml"
    if script.exists():
        return script
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "story.txt"
    text.write_text(invented_text(int(mb * 1e6 / 3.25)), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "drama", "extract", str(text), "-o", str(script)],
                   check=True, env=_env(tree), cwd=folder, capture_output=True)
    subprocess.run([sys.executable, "-m", "drama", "cast", str(script), "-c",
                    str(folder / "voices.yaml")], check=True, env=_env(tree), cwd=folder,
                   capture_output=True)
    return script


def _env(tree: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "100"}


def commands(script: Path) -> list[tuple[str, list[str]]]:
    voices = str(script.parent / "voices.yaml")
    return [("check", ["check", str(script), "-c", voices]),
            ("review", ["review", str(script), "-n", "5"]),
            ("export", ["export", str(script), "-f", "txt"]),
            ("speakers", ["speakers", str(script)]),
            ("cast -n", ["cast", str(script), "-c", voices, "-n"])]


def run(tree: Path, argv: list[str], cwd: Path) -> tuple[float, float, float, int, str]:
    """Peak RSS in MB, wall and CPU seconds, exit status and output hash of one drama
    command (CPU seconds, user and system, vary less than wall on a shared machine)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "drama", *argv], env=_env(tree), cwd=cwd,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return (usage.ru_maxrss / 1024, wall, usage.ru_utime + usage.ru_stime, child.returncode,
            hashlib.sha256(out).hexdigest()[:12])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10", help="script sizes in MB, comma-separated")
    ap.add_argument("--tree", type=Path, default=HERE, help="the drama tree to run")
    ap.add_argument("--work", type=Path, default=Path("/tmp/script_memory"),
                    help="where the invented texts and scripts are kept between runs")
    ap.add_argument("--only", default="", help="run only these commands (comma-separated)")
    args = ap.parse_args()
    only = {c.strip() for c in args.only.split(",") if c.strip()}
    for mb in (float(s) for s in args.sizes.split(",")):
        script = build(args.work, mb, HERE)
        lines = script.read_text(encoding="utf-8").count("\n- ")
        print(f"{script.stat().st_size / 1e6:.1f} MB script, {lines:,} lines "
              f"({args.tree})")
        for label, argv in commands(script):
            if only and label not in only:
                continue
            peak, wall, cpu, code, digest = run(args.tree, argv, script.parent)
            print(f"  {label:9s} peak {peak:7.0f} MB  {wall:6.1f} s wall  {cpu:6.1f} s CPU  "
                  f"exit {code}  output {digest}", flush=True)


if __name__ == "__main__":
    main()
