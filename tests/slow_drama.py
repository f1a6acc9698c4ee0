"""`drama` with one more engine, `slowtone`: the tone engine taking SLOW_SECONDS a segment, so
the concurrency tests can have two real processes synthesizing at the same time; with
SLOW_TONE_LOG set, each segment it makes is logged there (pid, voice, text); with
SLOW_TONE_START_TOGETHER=DIR:N, the command waits (up to a minute) until N such commands have
started before it runs, so a loaded machine's slow start of one cannot let the other finish
alone.

Run as `python tests/slow_drama.py ARGS...`; the registration happens at import, so spawned
synthesis workers (which import this main module) know the engine as well.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drama import engines  # noqa: E402
from drama.engines.tone import ToneEngine  # noqa: E402

SLOW_SECONDS = float(os.environ.get("SLOW_TONE_SECONDS", "0.05"))


class SlowToneEngine(ToneEngine):
    name = "slowtone"

    def synthesize(self, text, settings, path):
        time.sleep(SLOW_SECONDS)
        super().synthesize(text, settings, path)
        log = os.environ.get("SLOW_TONE_LOG")
        if log:  # one line a segment, appended whole (O_APPEND), to count who made what
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{os.getpid()} {settings.voice} {text}\n")


engines.ENGINES["slowtone"] = SlowToneEngine


def start_together(spec: str, patience: float = 60.0) -> None:
    """Mark this process as started in DIR and wait until N processes have (spec "DIR:N")."""
    folder, parties = spec.rsplit(":", 1)
    Path(folder, str(os.getpid())).touch()
    deadline = time.monotonic() + patience
    while len(os.listdir(folder)) < int(parties) and time.monotonic() < deadline:
        time.sleep(0.02)


if __name__ == "__main__":
    if os.environ.get("SLOW_TONE_START_TOGETHER"):
        start_together(os.environ["SLOW_TONE_START_TOGETHER"])
    from drama.cli import main
    sys.argv[0] = "drama"
    main()
