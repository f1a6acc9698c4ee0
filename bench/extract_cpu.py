#!/usr/bin/env python3
"""CPU seconds of extract_script on the PDNC dev novels in this process, and the cycle
collector's share: as drama runs it (collector paused, drama.gcpause.gc_paused), or with that
pause made a no-op (--collector-on, the collector running every 700 new objects).

    .venv/bin/python bench/extract_cpu.py [--style curly] [--only NOVEL ...] [--collector-on]

Timed by CPU (time.process_time), not wall clock, which swings with the other work on a
shared machine; the collector's passes are timed with gc.callbacks. Start-up is not counted:
see bench/attribution.py --cpu for `drama extract` as the scorer runs it.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_conversation import SHARED  # noqa: E402


class CollectorClock:
    """The wall seconds the cycle collector's passes take while it is installed."""

    def __init__(self) -> None:
        self.seconds, self.passes, self._start = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.passes += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*", help="novels (default: all ten)")
    ap.add_argument("--collector-on", action="store_true",
                    help="the cycle collector runs during extraction (gc_paused a no-op)")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E

    import drama.gcpause as gcpause
    from drama.extract import extract_script
    if args.collector_on:
        gcpause.gc_paused = contextlib.nullcontext
    novels = args.only or sorted(n for n in os.listdir(args.data)
                                 if (Path(args.data) / n / "novel_text.txt").is_file())
    total_chars = total_cpu = total_gc = 0.0
    for n in novels:
        text, _cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        clock = CollectorClock()
        gc.callbacks.append(clock)
        start = time.process_time()
        try:
            extract_script(src, source=n)
        finally:
            cpu = time.process_time() - start
            gc.callbacks.remove(clock)
        print(f"{n:30s} {len(src):9,d} chars  {cpu:6.2f} CPU s  collector {clock.passes:4d} "
              f"passes {clock.seconds * 1000:6.0f} ms ({100 * clock.seconds / cpu:4.1f}%)")
        total_chars, total_cpu, total_gc = total_chars + len(src), total_cpu + cpu, \
            total_gc + clock.seconds
    print(f"{'all':30s} {total_chars:9,.0f} chars  {total_cpu:6.2f} CPU s  collector "
          f"{total_gc * 1000:6.0f} ms ({100 * total_gc / total_cpu:4.1f}%): "
          f"{total_chars / total_cpu:,.0f} chars/s of CPU in process")


if __name__ == "__main__":
    main()
