"""bench/multiparty.py: the multi-party sizing's own logic (buckets, an address set off,
places in the decoded history, runs of wrong turns, the turns read out, its cache)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def mp():
    return load_bench("multiparty")


def test_conversations_are_bucketed_by_their_gold_speakers(mp):
    assert [mp.bucket(n) for n in (1, 2, 3, 4, 7)] == ["2-", "2-", "3", "4+", "4+"]


def test_a_name_set_off_by_commas_or_a_sentence_end_is_an_address(mp):
    for text, name in (("Come, Rashid, and sit.", "Rashid"), ("Mr. Hollis, how are you?", "Mr."),
                       ("Good-bye, Professor Dhavale.", "Professor")):
        assert mp.set_off(text, text.index(name)), text
    for text, name in (("I saw Rashid there.", "Rashid"), ("and Rashid, too", "Rashid")):
        assert not mp.set_off(text, text.index(name)), text


def test_places_in_the_decoded_history(mp):
    place = mp.place_in(["A", "B", "A", "C"])
    assert [place(x) for x in "CABD"] == ["prev1", "prev2", "earlier", "new"]
    assert mp.place_in([])("A") == "new"


def _turn(mp, k: int, decoded: dict):
    """Turn k of one conversation of five: 0 known (no decision), 1-4 decided."""
    from drama.extract.conversation.turns import _decided
    turns = [SimpleNamespace(chain=0, pos=i, anchor="A" if i == 0 else None,
                             cue="explicit" if i == 0 else "turn-taking", rule=None)
             for i in range(5)]
    assert not _decided(turns[0]) and all(_decided(t) for t in turns[1:])
    gold = ["A", "B", "A", "B", "A"]
    novel = SimpleNamespace(doc=SimpleNamespace(turns=turns, chains=[[0, 1, 2, 3, 4]]),
                            gold=gold, same=lambda who, i: who == gold[i])
    return mp.Turn(novel, "Novel", k, decoded, decoded[k][0] == gold[k], 2)


def test_a_run_starts_after_a_right_or_known_turn_and_counts_its_wrong_turns(mp):
    decoded = {1: ("B", 0.9), 2: ("C", 0.6), 3: ("A", 0.7), 4: ("A", 0.8)}
    assert mp.starts_a_run(_turn(mp, 2, decoded)) and mp.run_length(_turn(mp, 2, decoded)) == 2
    assert not mp.starts_a_run(_turn(mp, 3, decoded))  # inside the run
    assert mp.starts_a_run(_turn(mp, 1, decoded))  # after the known turn


def test_the_first_novel_is_read_out_for_half_the_turns_shown_the_others_after(mp):
    def shown(name, k, n):
        return mp.is_shown(SimpleNamespace(name=name, k=k), "First", n, 4)
    assert shown("First", 10, 0) and not shown("First", 12, 0) and not shown("First", 10, 2)
    assert not shown("Other", 9, 1) and shown("Other", 9, 2) and not shown("Other", 9, 4)


def test_the_model_is_cached_in_the_temp_folder_one_file_a_half(mp):
    a, b = mp.default_cache("A"), mp.default_cache("B")
    assert a.parent == b.parent == Path(tempfile.gettempdir()) and a != b
