"""bench/propagation.py: what the conversation model loses to its own history (the tally of
its readings: forced, local, decoded)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def prop():
    return load_bench("propagation")


def reading(forced, decoded, local=None, overruled=False, prev_wrong=False):
    return {"forced": forced, "decoded": decoded,
            "local": decoded if local is None else local,
            "overruled": overruled, "prev_wrong": prev_wrong}


def test_a_turn_right_forced_and_wrong_decoded_is_lost_to_history(prop):
    c = prop.tally([reading(True, False, prev_wrong=True), reading(True, False),
                    reading(False, True), reading(True, True), reading(False, False)])
    assert (c["turns"], c["forced"], c["decoded"]) == (5, 3, 2)
    assert (c["lost"], c["lost, turn before wrong"], c["saved"]) == (2, 1, 1)


def test_an_overruled_turn_counts_which_reading_was_right(prop):
    c = prop.tally([reading(True, True, local=False, overruled=True),
                    reading(False, False, local=True, overruled=True),
                    reading(True, True)])
    assert c["overruled"] == 2
    assert (c["overruled, decoded right"], c["overruled, local right"]) == (1, 1)
