"""bench/history_training.py: histories sampled from the model, turn by turn, each drawn
given the ones drawn before it."""
from __future__ import annotations

import numpy as np
import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def H():
    return load_bench("history_training")


class _Turn:
    anchor, cue = None, "pronoun"


class _Doc:
    turns = [_Turn(), _Turn(), _Turn()]


class _Novel:
    """Three untagged turns, "a" or "b" each; the model's one weight favours whoever did
    not speak the turn drawn before (feature 1 for them)."""

    training = _Doc()

    def turn_features(self, k, hist, doc):
        prev = hist[k - 1][0] if k - 1 in hist else "b"
        return ["a", "b"], np.array([[float(prev != "a")], [float(prev != "b")]]), None


def test_a_cold_sample_follows_the_history_it_draws(H):
    hist = H.sampled_history(_Novel(), {"weights": [50.0]}, np.random.default_rng(0), 0.01)
    assert [hist[k][0] for k in range(3)] == ["a", "b", "a"]
    assert all(p > 0.99 for _, p in hist.values())


def test_a_hot_sample_draws_either(H):
    rng = np.random.default_rng(0)
    drawn = {H.sampled_history(_Novel(), {"weights": [1.0]}, rng, 100.0)[0][0]
             for _ in range(30)}
    assert drawn == {"a", "b"}


def test_an_unknown_reading_is_refused(H):
    with pytest.raises(ValueError):
        H.fit({}, {}, [], "beam:3", np.random.default_rng(0))
