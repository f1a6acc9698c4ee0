"""bench/train_conversation.py's training: the weights a group of candidates counts with
(bootstrap draws, bagging)."""
from __future__ import annotations

import json

import numpy as np

from bench_util import load_bench

T = load_bench("train_conversation")


def _groups(seed: int = 0, n: int = 30):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        size = int(rng.integers(2, 5))
        pos = np.zeros(size, bool)
        pos[rng.integers(size)] = True
        out.append((rng.normal(size=(size, 4)), pos, False))
    return out


def test_a_group_weighted_twice_counts_as_two_copies():
    groups = _groups()
    twice = np.ones(len(groups))
    twice[3] = 2.0
    copied = groups + [groups[3]]
    assert np.allclose(T.train(groups, epochs=50, weights=twice),
                       T.train(copied, epochs=50), atol=1e-9)


def test_a_group_weighted_zero_is_left_out():
    groups = _groups()
    none = np.ones(len(groups))
    none[5] = 0.0
    assert np.allclose(T.train(groups, epochs=50, weights=none),
                       T.train(groups[:5] + groups[6:], epochs=50), atol=1e-9)
    assert not np.allclose(T.train(groups, epochs=50), T.train(groups, epochs=50, weights=none))


def test_unweighted_is_every_group_once():
    groups = _groups()
    assert np.array_equal(T.train(groups, epochs=50),
                          T.train(groups, epochs=50, weights=np.ones(len(groups))))


class _Novel:
    def __init__(self, chains):
        self.chains = chains

    def conversations(self):
        return self.chains


def test_bootstrap_draws_whole_conversations():
    novels = {"a": _Novel([0, 0, 1, 2, 2, 2]), "b": _Novel([5, 7, 7])}
    draw = T.bootstrap(novels, ["a", "b"], np.random.default_rng(1))
    assert [len(draw[n]) for n in "ab"] == [6, 3]
    per_conversation = {(n, c): w for n in "ab"
                        for c, w in zip(novels[n].conversations(), draw[n])}
    for n in "ab":      # every turn of a conversation drawn as often as the conversation
        for c, w in zip(novels[n].conversations(), draw[n]):
            assert w == per_conversation[n, c]
    assert sum(per_conversation.values()) == 5     # as many draws as conversations


def test_a_half_holds_its_novels_and_their_excerpts():
    novels = dict.fromkeys(["PrideAndPrejudice", "APassageToIndia", "PrideAndPrejudice@120",
                            "APassageToIndia@5"])
    assert T.of_half(T.HALF_A, novels) == ["PrideAndPrejudice", "PrideAndPrejudice@120"]


def test_an_excerpts_turns_count_with_the_passage_weight():
    groups = _groups()
    ex = {"n": groups[:20], "n@1": groups[20:]}
    assert np.allclose(T.fit({}, ex, ["n", "n@1"], 1, passage_weight=0.0)["weights"],
                       T.model_of(T.train(groups[:20]))["weights"], atol=1e-9)
    assert np.allclose(T.fit({}, ex, ["n", "n@1"], 1, passage_weight=1.0)["weights"],
                       T.model_of(T.train(groups))["weights"], atol=1e-9)


def test_training_keeps_a_calibration_table_for_a_cue_with_enough_held_out_turns():
    n = T.CUE_CALIBRATION_MIN
    pairs = [(k / n, k % 2 == 0) for k in range(n)] + [(0.9, True)] * (n - 1)
    tables = T.calibration_by_cue(pairs, ["salience"] * n + ["pronoun"] * (n - 1))
    assert list(tables) == ["salience"]         # pronoun: one turn short of a table
    assert tables["salience"] == T.calibration(pairs[:n])


class _Decoding:
    """A novel whose decoded histories give one group per round, marked by the round."""

    def __init__(self):
        self.training, self.decoded = "doc", 0

    def examples(self, decoded):
        self.decoded += 1
        x = np.full((2, 4), float(self.decoded))
        return [(x, np.array([True, False]), False)]


def test_each_round_adds_the_decoded_histories_to_the_ones_before(monkeypatch):
    seen = []
    monkeypatch.setattr(T.C, "decide", lambda doc, model: {})
    monkeypatch.setattr(T, "train", lambda groups, weights=None: seen.append(
        [float(g[0][0, 0]) for g in groups]) or np.zeros(4))
    novels = {"a": _Decoding()}
    T.fit(novels, {"a": [(np.zeros((2, 4)), np.array([True, False]), False)]}, ["a"], 3)
    # the true histories, then with the first round's decoding, then with both rounds'
    assert seen == [[0.0], [0.0, 1.0], [0.0, 1.0, 2.0]]


def test_two_rounds_by_default():
    assert T.fit.__defaults__[0] == T.ROUNDS == 2


def test_a_cached_model_of_other_features_is_trained_again(tmp_path):
    # the temp folder is everyone's: a cache another tree wrote for other features is not read
    cache = tmp_path / "model.json"
    assert T.cached_model(cache) is None
    cache.write_text(json.dumps(T.model_of(np.zeros(len(T.C.FEATURES)))))
    assert T.cached_model(cache)["features"] == T.C.FEATURES
    cache.write_text(json.dumps({"features": T.C.FEATURES[:-1], "weights": [0.0]}))
    assert T.cached_model(cache) is None
    # one default cache per tree
    assert T.temp_cache("propagation", "B").name.startswith("drama-propagation-model-B-")
