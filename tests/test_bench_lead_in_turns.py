"""bench/lead_in_turns.py: a conversation's size by its gold speakers, and a cached model
read with the features added after it (the diagnostic's own logic)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def lead():
    return load_bench("lead_in_turns")


def test_a_conversation_is_sized_by_its_distinct_gold_speakers(lead):
    turns = [SimpleNamespace(chain=0) for _ in range(4)] + [SimpleNamespace(chain=1)]
    doc = SimpleNamespace(turns=turns, chains=[[0, 1, 2, 3], [4]])
    # two talking, one turn with no gold speaker: two
    novel = SimpleNamespace(doc=doc, gold=["A", "B", None, "A", "C"])
    assert lead.parties(novel, 2) == "2-"
    novel.gold[2] = "C"     # a third voice
    assert lead.parties(novel, 0) == "3+"
    assert lead.parties(novel, 4) == "2-"


def test_a_model_without_the_newest_emission_features_weighs_them_zero(lead, monkeypatch):
    C = lead.C
    monkeypatch.setattr(lead, "EMISSION", ["e1", "e2", "new"])
    monkeypatch.setattr(C, "FEATURES", ["e1", "e2", "new", "t1"])
    got = lead.padded({"weights": [1.0, 2.0, 3.0]})
    # the new emission feature's zero goes before the transition weights
    assert got["weights"] == [1.0, 2.0, 0.0, 3.0]
    same = {"weights": [1.0, 2.0, 5.0, 3.0]}
    assert lead.padded(same) is same
