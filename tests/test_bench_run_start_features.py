"""bench/run_start_features.py: what each feature adds to a wrong choice over the gold one,
and where a run of wrong turns starts (a diagnostic's own logic)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def starts():
    return load_bench("run_start_features")


def test_push_is_weight_times_the_difference_where_the_two_differ(starts):
    got = starts.feature_push([1, 0, 1, 0.5], [0, 1, 1, 0.5], [2.0, 0.5, 9.0, 3.0],
                              ["rule", "alternates", "lines", "recency"])
    # the rule's pick chosen (+2), the alternation for the gold one (-0.5); equal ones left out
    assert got == {"rule": 2.0, "alternates": -0.5}


def test_a_run_starts_after_a_right_turn_and_not_inside_a_wrong_run(starts):
    # one conversation of five turns: 0 known (no decision), 1 right, 2 and 3 wrong, 4 right
    turns = [SimpleNamespace(chain=0, pos=i) for i in range(5)]
    doc = SimpleNamespace(turns=turns, chains=[[0, 1, 2, 3, 4]])
    gold = ["A", "B", "A", "B", "A"]
    novel = SimpleNamespace(doc=doc, gold=gold, same=lambda who, k: who == gold[k])
    decoded = {1: ("B", 0.9), 2: ("C", 0.6), 3: ("A", 0.7), 4: ("A", 0.8)}
    assert starts.run_starts(novel, decoded) == [2]
    # a wrong turn right after a known turn starts a run too
    decoded = {1: ("A", 0.9), 2: ("B", 0.6), 3: ("B", 0.7), 4: ("A", 0.8)}
    assert starts.run_starts(novel, decoded) == [1]
