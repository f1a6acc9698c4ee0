"""bench/same_speaker_signals.py: a speaker's place in a conversation's history, the two
kinds of wrong turn, and the quote signals (a diagnostic's own logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def sig():
    return load_bench("same_speaker_signals")


def test_place_is_the_turn_before_the_last_other_one_earlier_or_new(sig):
    history = ["A", "B", "C", "B", "B"]
    assert sig.place("B", history) == "prev1"
    assert sig.place("C", history) == "prev2"      # the last one other than B
    assert sig.place("A", history) == "earlier"
    assert sig.place("D", history) == "new"
    assert sig.place("A", []) == "new"
    # a label no gold character stands for is no one of the history, even beside another
    assert sig.place(None, history) == "new"
    assert sig.place(None, ["A", None]) == "new"
    assert sig.place("A", ["A", None]) == "prev2"


def test_the_two_kinds_are_read_as_the_alternation(sig):
    assert sig.kind("prev1", "prev2") == "the same one goes on"
    assert sig.kind("new", "prev2") == "a third speaks"
    assert sig.kind("earlier", "prev2") == "a third speaks"
    # chosen otherwise: neither kind
    assert sig.kind("prev1", "new") is None
    assert sig.kind("prev2", "prev1") is None


def test_quote_opening_and_ending_marks(sig):
    assert sig.opens_lower(" and then he left")
    assert not sig.opens_lower("And then he left")
    assert not sig.opens_lower("")
    assert sig.DASH_START.match("--and so")
    assert sig.DASH_END.search("if only you had--")
    assert not sig.DASH_END.search("if only you had.")


def test_a_verb_of_going_on_in_the_tag_before_its_sentence_ends(sig):
    assert sig.GOES_ON_TAG.search(", she went on, ")
    assert sig.GOES_ON_TAG.search(" he continued in a low voice.")
    assert not sig.GOES_ON_TAG.search(" said he. Then he continued")
