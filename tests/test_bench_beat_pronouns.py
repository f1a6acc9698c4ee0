"""bench/beat_pronouns.py: the last pronoun that opens a main clause before a quote (a
diagnostic's own logic)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def beat():
    return load_bench("beat_pronouns")


def _last(beat, text: str):
    got = beat.last_subject_pronoun(text, 0, len(text))
    return got and (text[got[0]:got[0] + 3].strip(), got[1])


def test_a_pronoun_opening_a_sentence_or_a_coordinate_clause_is_a_subject(beat):
    assert _last(beat, "Anna was surprised. He rose from his chair.") == ("He", "m")
    assert _last(beat, "He looked up, and she smiled.") == ("she", "f")
    assert _last(beat, "Anna sat down; he went on reading.") == ("he", "m")


def test_a_subordinate_clause_or_a_possessive_is_not(beat):
    assert _last(beat, "Anna looked up as he spoke.") is None
    assert _last(beat, "Anna waited. She's late, thought Boris.") is None
    assert _last(beat, "Anna gave her hand to him.") is None
