#!/usr/bin/env python3
"""Time reading and writing a long script: as drama does it, and with the cycle collector on.

Builds the hostile report's one-paragraph, all-dialogue text (`"Hello there, my friend,"
said Mary. "Go away," John replied.` repeated: 1.2 MB and 80,000 script lines at the default
20,000 repeats), extracts it once, then times `dump_script` and `load_script` in this process,
best of --repeat, in CPU seconds: once as drama runs them (drama.gcpause.gc_paused), once with
that pause made a no-op (the collector running every 700 new objects, as before).

    .venv/bin/python bench/script_io.py
    .venv/bin/python bench/script_io.py --repeats 5000 --repeat 5
"""
from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

import drama.gcpause as gcpause
from drama.extract import extract_script
from drama.scriptfile import dump_script, load_script

LINE = '"Hello there, my friend," said Mary. "Go away," John replied. '


def best(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=20_000, help="copies of the two lines")
    ap.add_argument("--repeat", type=int, default=3, help="timings of each; the best is shown")
    args = ap.parse_args()
    text = LINE * args.repeats
    script = extract_script(text, source="dialogue.txt")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dialogue.script.yaml"
        path.write_text(dump_script(script), encoding="utf-8")
        print(f"{len(text) / 1e6:.1f} MB of text, {len(script.lines):,} script lines, "
              f"{path.stat().st_size / 1e6:.1f} MB of YAML; CPU seconds, best of {args.repeat}")
        paused = gcpause.gc_paused
        for label, pause in (("collector paused (drama)", paused),
                             ("collector on", contextlib.nullcontext)):
            gcpause.gc_paused = pause
            try:
                dump = best(args.repeat, lambda: dump_script(script))
                load = best(args.repeat, lambda: load_script(path))
            finally:
                gcpause.gc_paused = paused
            print(f"{label:26s} write {dump:6.2f}  read {load:6.2f}")


if __name__ == "__main__":
    main()
