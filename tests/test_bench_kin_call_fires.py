"""bench/kin_call_fires.py: the dialogue quotes of a text that call a relative by a family
word (the diagnostic's own count)."""
from __future__ import annotations

from bench_util import load_bench


def test_only_the_quotes_calling_a_relative_by_a_family_word_count():
    fires = load_bench("kin_call_fires")
    text = ("“Well, mamma, you are mistaken,” said Nora.\n\n"
            "“I robbed my father,” said Tom.\n\n"
            "“Good night, papa.”\n\n"
            "“It is raining,” said Tom.\n")
    # "my father" as the object of "robbed" calls no one
    assert fires.kin_calls(text) == 2
    assert fires.kin_calls("No one speaks here.") == 0
