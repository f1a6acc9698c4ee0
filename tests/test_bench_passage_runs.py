"""bench/passage_runs.py: where a passage's runs of gap quotes start and what they are."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def passage_runs():
    return load_bench("passage_runs")


class _Cast:
    """The scorer's cast as run_kind asks it: a label resolves to its person, or None."""

    def __init__(self, people):
        self.people = people

    def resolve(self, label):
        return self.people.get(label)


def _quotes(text: str, speakers: list[str]) -> list[dict]:
    """One gold quote per “…” of text, in order, with its speaker."""
    out, at = [], 0
    for who in speakers:
        s = text.index("“", at) + 1
        e = text.index("”", s)
        out.append({"spans": [(s, e)], "speaker": who})
        at = e
    return out


def test_a_run_of_the_right_two_swapped_is_a_phase_and_a_stranger_makes_it_a_pair(passage_runs):
    cast = _Cast({"Anna": "Anna", "Boris": "Boris", "Carl": "Carl", "Anna K.": "Anna"})
    golds = ["Anna", "Boris", "Anna", "Boris", "Anna"]
    said = ["Anna", "Boris", "Boris", "Anna K.", "Anna"]   # "Anna K." is Anna's form too
    assert passage_runs.run_kind(cast, golds, said, 2, 4) == "phase"
    said[3] = "Carl"
    assert passage_runs.run_kind(cast, golds, said, 2, 4) == "pair"
    said[3] = "Someone"                                    # no one the scorer knows
    assert passage_runs.run_kind(cast, golds, said, 2, 4) == "pair"


def test_where_a_run_starts(passage_runs):
    text = ("“Hello,” said Anna.\n\n“Hi.”\n\n“How are you?”\n\nBoris looked out of the "
            "window for a long while, and the rain went on falling.\n\n“Well.”\n\n"
            "“Late again,” said Carl. “Not at all,” Anna said.\n")
    quotes = _quotes(text, ["Anna", "Boris", "Anna", "Boris", "Carl", "Anna"])
    cues = ["explicit", "conversation", "conversation", "conversation", "explicit",
            "conversation"]
    start = passage_runs.run_start
    assert start(text, quotes, cues, 1) == "in talk"
    assert start(text, quotes, cues, 3) == "after narration"
    assert start(text, quotes, ["conversation"] * 6, 2) == "opening"   # no tag before it
    assert start(text, quotes, cues, 4) == "third"                     # Carl joins
    # a paragraph of two quotes: the second is another speaker's
    assert start(text, quotes, cues, 5) == "shared paragraph"
