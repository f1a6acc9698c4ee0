"""EngineSet: the engines one job speaks with, each made once, even when threads ask at once."""
from __future__ import annotations

import threading
import time

import drama.engines as engines
from drama.engines import EngineSet, make_engine


def test_an_engine_asked_for_by_threads_at_once_is_made_once_and_closed_once(monkeypatch):
    """review36: a voice edited mid-build to name a new engine had it made from a finisher
    thread (drama.book.meanwhile) while the main thread could make it too: two engines,
    one never closed. get() makes each engine under one lock."""
    made, closed = [], []

    class Slow:
        name, version = "slow", "1"

        def __init__(self):
            time.sleep(0.05)  # long enough for every thread to ask before it is made
            made.append(self)

        def close(self):
            closed.append(self)
    monkeypatch.setitem(engines.ENGINES, "slow", Slow)
    group = EngineSet(make_engine("tone"))
    got, start = [], threading.Barrier(4)

    def ask():
        start.wait()
        got.append(group.get("slow"))
    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and got == made * 4
    group.close()
    assert closed == made
