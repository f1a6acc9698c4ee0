"""bench/conversation_errors.py: the groups its wrong turns are put in (a diagnostic's own
logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def errors():
    return load_bench("conversation_errors")


def test_wrong_turns_fall_in_the_four_groups(errors):
    missing, alternation, third, pair = errors.GROUPS
    assert errors.group_of("missing") == missing
    # the two who spoke last, swapped: forced, or decoded out of phase
    assert errors.group_of("gold prev1, chose prev2") == alternation
    assert errors.group_of("gold prev2, chose prev1") == alternation
    assert errors.group_of("phase, chose prev1") == alternation
    # the gold one is neither of the two who spoke last, whoever was chosen
    assert errors.group_of("gold third, chose prev2") == third
    assert errors.group_of("gold third, chose third") == third
    # the gold one is of the pair, a third was chosen in their place
    assert errors.group_of("gold prev2, chose third") == pair
    assert errors.group_of("phase, chose third") == pair


class _Novel:
    """A stand-in for train_conversation.Novel: one conversation of turns, each (anchor,
    cue, gold); a label is right for a turn when it is that turn's gold speaker."""

    def __init__(self, turns):
        from types import SimpleNamespace
        self.doc = SimpleNamespace(
            turns=[SimpleNamespace(anchor=a, rule=a or "", cue=cue, chain=0, pos=i)
                   for i, (a, cue, _) in enumerate(turns)],
            chains=[list(range(len(turns)))])
        self.gold = [g for _, _, g in turns]

    def same(self, label, k):
        return label is not None and label == self.gold[k]


def test_earlier_turn_says_whether_a_label_could_carry_the_speaker(errors, monkeypatch):
    never, known, known_other, cand, no_cand = errors.EARLIER
    untagged = (None, "turn-taking")
    novel = _Novel([("Anna", "named", "Anna"), (*untagged, "Boris"), (*untagged, "Anna"),
                    (*untagged, "Boris"), ("Vera", "named", "Olga"), (*untagged, "Olga"),
                    (*untagged, "Vera"), ("Vera", "named", "Vera"), (*untagged, "Vera")])
    monkeypatch.setattr(errors.C, "candidates", lambda doc, j: ["Anna", "Olga"])
    assert errors.earlier_turn(novel, 1) == never
    assert errors.earlier_turn(novel, 2) == known        # turn 0's tag: "Anna"
    assert errors.earlier_turn(novel, 3) == no_cand      # turn 1: no candidate is Boris
    assert errors.earlier_turn(novel, 5) == known_other  # the tag of turn 4 misread Olga
    assert errors.earlier_turn(novel, 6) == never
    assert errors.earlier_turn(novel, 8) == known        # the last turn before, not turn 6
    novel.gold[6] = "Anna"                               # untagged, Anna a candidate there
    novel.gold[8] = "Anna"
    assert errors.earlier_turn(novel, 8) == cand


def test_speakers_of_counts_a_conversations_gold_speakers(errors):
    assert errors.speakers_of(_Novel([("Anna", "named", "Anna"),
                                      (None, "turn-taking", "Boris")]), 0) == "2-"
    assert errors.speakers_of(_Novel([("Anna", "named", "Anna"), (None, "turn-taking", "Boris"),
                                      (None, "turn-taking", None),
                                      (None, "turn-taking", "Vera")]), 0) == "3+"
