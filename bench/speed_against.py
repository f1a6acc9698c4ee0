#!/usr/bin/env python3
"""This tree against another (a checkout of main, say): the same outputs, and the speed of
`drama extract` as the scorer runs it, the two trees measured alternately in one run.

    PYTHONPATH=$PWD .venv/bin/python bench/speed_against.py OTHER --outputs
    PYTHONPATH=$PWD .venv/bin/python bench/speed_against.py OTHER --rounds 3 [--style curly]
    PYTHONPATH=$PWD .venv/bin/python bench/speed_against.py OTHER --instructions

Each tree runs as `drama extract` with the tree first on PYTHONPATH (compile its bytecode
first: `python -m compileall -q drama` in it). --outputs runs the scorer
(../shared/eval/pdnc_eval.py --outputs) for each tree in the three styles and compares every
novel's script (its `source:`, the scorer's folder, left out), the scorer's figures (its
speed left out) and each novel's: a change that is only a speed-up shows none. --rounds N
runs one `drama extract` per dev novel, N times for each tree, the trees alternating (the
order swapped each round), and prints the characters per second of CPU time (user +
system, as bench/attribution.py --cpu) and of wall clock: on a shared machine compare the
ratio within one run. --instructions counts with valgrind's callgrind the instructions of
`import drama.extract`, of a two-line `drama extract` and of one of Daisy Miller (the
smallest dev novel), steady on a loaded machine; it needs valgrind and takes minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import ROOT, SHARED, named_novels  # noqa: E402

SCORER = SHARED / "eval" / "pdnc_eval.py"
DATA = SHARED / "data" / "pdnc-dev"
STYLES = ("straight", "curly", "british")
TWO_LINES = '"Good morning," said Anna.\n\n"Is it?" Tom asked.\n'
DRAMA = Path(sys.executable).with_name("drama")
"""The drama command of the venv running this script, which runs the drama first on
PYTHONPATH."""


def tree_env(tree: Path) -> dict[str, str]:
    """The environment that runs `tree`'s drama: the tree first on PYTHONPATH, the venv's
    bin first on PATH (the scorer runs `drama`)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    env["PATH"] = f"{DRAMA.parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def compare_outputs(trees: list[Path]) -> int:
    """Run the scorer for each tree in each style; print what differs. 1 if anything."""
    differences = 0
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            runs = []
            for n, tree in enumerate(trees):
                folder, result = Path(tmp, f"{style}-{n}"), Path(tmp, f"{style}-{n}.json")
                run = subprocess.run([sys.executable, str(SCORER), str(DATA), "--style", style,
                                      "--outputs", str(folder), "--json", str(result)],
                                     env=tree_env(tree), capture_output=True, text=True)
                if run.returncode != 0:
                    raise SystemExit(f"the scorer failed in {tree}, {style}:\n{run.stderr}")
                runs.append((folder, json.loads(result.read_text())))
            (mine, my_result), (theirs, their_result) = runs
            scripts = sorted(p.name for p in mine.glob("*.json"))
            differing = [name for name in scripts
                         if _script(mine / name) != _script(theirs / name)]
            for result in (my_result, their_result):
                result["summary"].pop("chars_per_second")
            figures_same = my_result == their_result
            print(f"{style:9s} {len(scripts)} scripts, {len(differing)} differ"
                  f"{': ' + ', '.join(differing) if differing else ''}; scorer's figures "
                  f"{'identical' if figures_same else 'DIFFER'}: end-to-end "
                  f"{my_result['summary']['end_to_end']} against "
                  f"{their_result['summary']['end_to_end']}, B3 "
                  f"{my_result['summary']['speaker_b3_f1']} against "
                  f"{their_result['summary']['speaker_b3_f1']}")
            differences += len(differing) + (not figures_same)
    return 1 if differences else 0


def _script(path: Path) -> dict:
    script = json.loads(path.read_text(encoding="utf-8"))
    script.pop("source", None)     # the scorer's temporary folder
    return script


def alternate(trees: list[Path], rounds: int, style: str) -> None:
    """chars/s of CPU and wall clock of each tree, one `drama extract` per novel, the trees
    alternating."""
    texts = list(novel_texts(style).values())
    chars = sum(len(t) for t in texts)
    cpu: dict[int, list[float]] = {n: [] for n in range(len(trees))}
    wall: dict[int, list[float]] = {n: [] for n in range(len(trees))}
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for i, text in enumerate(texts):
            sources.append(Path(tmp, f"novel{i}.txt"))
            sources[-1].write_text(text, encoding="utf-8")
        for tree in trees:      # a first run each, so that neither pays for a first read
            extract(tree, sources[0], Path(tmp, "warm.json"))
        for r in range(rounds):
            order = range(len(trees)) if r % 2 == 0 else reversed(range(len(trees)))
            for n in order:
                seconds = [extract(trees[n], src, Path(tmp, "out.json")) for src in sources]
                cpu[n].append(chars / sum(c for c, _ in seconds))
                wall[n].append(chars / sum(w for _, w in seconds))
                print(f"round {r + 1} {_label(trees[n]):24s} {cpu[n][-1]:10,.0f} chars/s of "
                      f"CPU {wall[n][-1]:10,.0f} of wall clock", flush=True)
    print(f"{style}, {chars:,} characters, median of {rounds}:")
    for n, tree in enumerate(trees):
        print(f"  {_label(tree):24s} {statistics.median(cpu[n]):10,.0f} chars/s of CPU "
              f"{statistics.median(wall[n]):10,.0f} of wall clock")
    print(f"  ratio this / other: CPU {statistics.median(cpu[0]) / statistics.median(cpu[1]):.3f}"
          f", wall {statistics.median(wall[0]) / statistics.median(wall[1]):.3f}")


def extract(tree: Path, src: Path, out: Path) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one `drama extract src -o out`."""
    began = time.perf_counter()
    proc = subprocess.Popen([str(DRAMA), "extract", str(src), "-o", str(out)],
                            env=tree_env(tree), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"drama extract failed in {tree} on {src}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - began


def instructions(trees: list[Path]) -> None:
    """Millions of instructions of three runs in each tree (callgrind, hash seed fixed)."""
    daisy = novel_texts("curly")["DaisyMiller"]
    with tempfile.TemporaryDirectory() as tmp:
        two, novel = Path(tmp, "two.txt"), Path(tmp, "daisy.txt")
        two.write_text(TWO_LINES, encoding="utf-8")
        novel.write_text(daisy, encoding="utf-8")
        runs = {"import drama.extract": ["-c", "import drama.extract"],
                "extract two lines": ["-m", "drama", "extract", str(two), "-o",
                                      str(Path(tmp, "two.script.json"))],
                "extract Daisy Miller": ["-m", "drama", "extract", str(novel), "-o",
                                         str(Path(tmp, "daisy.script.json"))]}
        for tree in trees:      # the pattern cache filled, as after any first run
            subprocess.run([sys.executable, *runs["extract Daisy Miller"]], env=tree_env(tree),
                           cwd=tree, check=True, capture_output=True)
        print(f"{'M instructions':22s} " + " ".join(f"{_label(t):>24s}" for t in trees))
        for label, args in runs.items():
            counts = [_callgrind(tree, args) for tree in trees]
            print(f"{label:22s} " + " ".join(f"{c:24,.1f}" for c in counts) +
                  f"   ratio {counts[0] / counts[1]:.3f}", flush=True)


def novel_texts(style: str) -> dict[str, str]:
    """Each dev novel's text in `style`, as the scorer restyles it."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("pdnc_eval", SCORER)
    pe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pe)
    return {name: text for name, text, _, _ in named_novels(pe, str(DATA), style)}


def _callgrind(tree: Path, args: list[str]) -> float:
    """Millions of instructions of `python ARGS` in tree (its folder the current one, which
    `-m` and `-c` put before PYTHONPATH)."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, *args], env=dict(tree_env(tree), PYTHONHASHSEED="0"),
                         cwd=tree, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    collected = [line for line in run.stderr.splitlines() if "Collected" in line]
    return int(collected[-1].split()[-1]) / 1e6


def _label(tree: Path) -> str:
    return "this tree" if tree == ROOT else str(tree)[-24:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("other", help="the other tree (a checkout holding drama/)")
    ap.add_argument("--outputs", action="store_true",
                    help="compare the scripts and the scorer's figures in the three styles")
    ap.add_argument("--rounds", type=int, default=0,
                    help="time each tree this many times, alternating")
    ap.add_argument("--style", default="curly", choices=STYLES, help="for --rounds")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions (callgrind) of three runs in each tree")
    args = ap.parse_args()
    trees = [ROOT, Path(args.other).resolve()]
    status = compare_outputs(trees) if args.outputs else 0
    if args.rounds:
        alternate(trees, args.rounds, args.style)
    if args.instructions:
        instructions(trees)
    return status


if __name__ == "__main__":
    sys.exit(main())
