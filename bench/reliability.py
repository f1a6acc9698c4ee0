"""What the reliability checks cost, and what an alias bomb costs with and without them.

1. Alias bombs (issue 15): `drama speakers` with a voices.yaml, and `drama export` with a
   script, whose anchors nest LEVELS deep, 9 aliases each (9**LEVELS values), run as separate
   processes under a memory cap; wall time and peak memory (max RSS) of each. `--code DIR`
   runs another checkout (e.g. `git archive main | tar -x -C /tmp/main`) for a before/after.
2. The cost of the checks at book scale, in this process: reading a 20,000-line script with
   and without the alias walk (an `&` anywhere in a script's text makes the walk run), and
   checking cached segments' WAV files before assembly (per segment).

Usage: python bench/reliability.py [--levels 7] [--code DIR] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 4 << 30


def bomb(levels: int, width: int = 9, key: str = "x") -> tuple[list[str], str]:
    names = [chr(ord("a") + i) for i in range(levels)]
    out = [f"{key}0: &a [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        out.append(f"{key}{i}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return out, names[-1]


def bomb_files(folder: Path, levels: int) -> None:
    lines, last = bomb(levels)
    (folder / "bomb.yaml").write_text("\n".join(lines) + f"\nnarrator: {{voice: tone/mid}}\n"
                                      f"speakers:\n  ? *{last}\n  : {{voice: tone/low}}\n")
    values = ", ".join(ln.split(": ", 1)[1] for ln in lines)
    (folder / "bomb.script.yaml").write_text(
        "title: t\nsource: s.txt\nlines:\n"
        f"  - {{speaker: A, kind: dialogue, text: [{values}], start: 0, end: 1}}\n")
    (folder / "s.txt").write_text('"Hi," said A.\n')
    (folder / "voices.yaml").write_text("narrator: {voice: tone/mid}\n")


_MEASURE = """
import resource, subprocess, sys, time
cap = int(sys.argv[1])
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], preexec_fn=limit, capture_output=True, text=True)
last = (p.stderr.strip().splitlines() or ['(nothing)'])[-1][:100]
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      p.returncode, last.replace(' ', '_'), len(p.stdout))
"""


def run_capped(args: list[str], cwd: Path, code: Path) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS (KB), exit status and last stderr line (or the size of what it
    printed) of one command."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(MEMORY_CAP), sys.executable,
                          "-m", "drama", *args], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=3600).stdout.split()
    last = out[3].replace("_", " ")
    if last == "(nothing)":
        last = f"(printed {int(out[4]):,} characters)"
    return float(out[0]), int(out[1]), int(out[2]), last


def bench_bombs(levels: int, code: Path, rounds: int) -> None:
    print(f"## alias bombs, {levels} levels of 9 ({9 ** levels:,} values), code {code}")
    print("| command | wall s (median) | peak RSS MB | exit | last line |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bomb_files(folder, levels)
        for args in (["speakers", "s.txt", "-c", "bomb.yaml"],
                     ["export", "bomb.script.yaml"]):
            runs = [run_capped(args, folder, code) for _ in range(rounds)]
            wall = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs) / 1024
            print(f"| drama {args[0]} | {wall:.2f} | {rss:.0f} | {runs[0][2]} | "
                  f"{runs[0][3][:70]} |")


def book_script_text(lines: int = 20_000, ampersand: bool = False) -> str:
    import yaml
    doc = {"title": "Book", "source": "book.txt", "lines": [
        {"speaker": f"S{i % 60}", "kind": "dialogue" if i % 3 else "narration",
         "text": ("AT&T. " if ampersand and i == 0 else "") + "word " * 18,
         "start": i * 100, "end": i * 100 + 95, "cue": "explicit", "confidence": 0.5}
        for i in range(lines)]}
    return yaml.safe_dump(doc, sort_keys=False, width=100)


def bench_overheads(rounds: int) -> None:
    from drama import safeyaml
    from drama.scriptfile import parse_script
    print("## the checks at book scale (20,000-line script; in-process, median of "
          f"{rounds})")
    plain, with_amp = book_script_text(), book_script_text(ampersand=True)

    def timed(fn) -> float:
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    import yaml
    root = yaml.compose(with_amp, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    walk = timed(lambda: safeyaml.check_node_graph(root))
    load_plain = timed(lambda: parse_script(plain, "book.script.yaml"))
    load_amp = timed(lambda: parse_script(with_amp, "book.script.yaml"))
    print(f"| read script, no `&` in it (walk skipped) | {load_plain:.2f} s |")
    print(f"| read script, an `&` in a line (walk runs) | {load_amp:.2f} s |")
    print(f"| the alias walk alone | {walk:.2f} s ({100 * walk / load_plain:.0f}% of a read) |")
    bench_cache_check(rounds)


def bench_cache_check(rounds: int, segments: int = 2000) -> None:
    """Loading cached segments' summaries, with the WAV check, per segment."""
    import numpy as np

    from drama.render.cache import SegmentCache, _wav_holds
    from drama.render.loudness import analyze
    tmp = Path(tempfile.mkdtemp())
    try:
        cache = SegmentCache(tmp)
        keys = []
        rate = 22050
        x = (3000 * np.sin(np.arange(rate * 3) / 7)).astype("<i2")
        for i in range(segments):
            key = f"{i:064x}"
            raw = cache.tmp_path(key, ".raw.wav")
            import wave
            with wave.open(str(raw), "wb") as w:
                w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
                w.writeframes(x.tobytes())
            cache.store(key, raw, analyze(x, rate))
            keys.append(key)
        summaries = {k: cache.summary(k) for k in keys}

        def load_all():
            for k in keys:
                cache.load(k)

        def check_only():
            for k in keys:
                s = summaries[k]
                _wav_holds(cache.wav(k), s.lead + s.frames, s.rate)
        times_load = []
        times_check = []
        for _ in range(rounds):
            t = time.perf_counter()
            load_all()
            times_load.append(time.perf_counter() - t)
            t = time.perf_counter()
            check_only()
            times_check.append(time.perf_counter() - t)
        per_load = statistics.median(times_load) / segments * 1e6
        per_check = statistics.median(times_check) / segments * 1e6
        print(f"| cache.load per segment (summary + WAV check) | {per_load:.0f} µs |")
        print(f"| of which the WAV check | {per_check:.0f} µs "
              f"({per_check * 15_000 / 1e6:.1f} s for a 15,000-line book) |")
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, default=7)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bench_bombs(args.levels, args.code.resolve(), args.rounds)
    print()
    sys.path.insert(0, str(ROOT))
    bench_overheads(args.rounds)


if __name__ == "__main__":
    main()
