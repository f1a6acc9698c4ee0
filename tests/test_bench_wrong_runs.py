"""bench/wrong_runs.py: runs of wrong quotes and how they start (a diagnostic's own logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def wrong_runs():
    return load_bench("wrong_runs")


def _quote(at: int, speaker: str) -> dict:
    return {"spans": [(at, at + 5)], "speaker": speaker}


def test_runs_and_how_they_start(wrong_runs):
    # Anna and Boris alternate; from the third quote on, the decoding has them swapped
    gold = ["Anna", "Boris", "Anna", "Boris", "Anna"]
    said = ["Anna", "Boris", "Boris", "Anna", "Boris"]
    marks = [(_quote(10 * i, g), s, g == s) for i, (g, s) in enumerate(zip(gold, said))]
    lines = [{"start": 10 * i, "end": 10 * i + 5, "cue": "explicit" if i < 2 else "conversation"}
             for i in range(5)]
    (run,) = wrong_runs.runs(marks)
    assert [sp for _, sp in run] == ["Boris", "Anna", "Boris"]
    # the gold turn changes hands there, the decoding has Boris go on
    assert wrong_runs.start_kind(marks, 2, lines) == \
        "conversation, gold changes, predicted goes on"
    # Boris going on in the gold, read as a change
    marks[2] = (_quote(20, "Boris"), "Anna", False)
    assert wrong_runs.start_kind(marks, 2, lines) == \
        "conversation, gold goes on, predicted changes"
    assert wrong_runs.start_kind(marks, 0, lines) == "explicit, opening"
