"""bench/anaphoric_groups.py and description_pairs.py: their own logic (diagnostics of round 28)."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def groups():
    return load_bench("anaphoric_groups")


@pytest.mark.parametrize("expr, gold, want", [
    ("said he", "Mr. Lumley", "pronoun:he"),
    ("She very innocently said", "Nora", "pronoun:she"),
    ("said her husband", "Josiah Crumley", "tie"),
    ("Their affectionate mother shared", "Mrs. Lumley", "tie"),
    ("said his friend", "Mr. Ashby", "possessive"),
    ("said the old gentleman", "Mr. Penrose", "description:named"),
    ("replied the man", "The Driver", "description:unnamed"),
    ("cried a voice", "_group", "description:group"),
    ("was her answer", "Margaret", "possessive"),
    ("Mrs. Gedge announced", "The Old Woman", "other"),
])
def test_a_referring_expression_falls_in_its_group(groups, expr, gold, want):
    assert groups.ref_group(expr, gold) == want


def test_two_descriptions_differ_by_their_head_noun():
    pairs = load_bench("description_pairs")
    assert pairs.other_head("d:the young lady", "d:the girl")
    assert not pairs.other_head("d:the old gentleman", "d:the gentleman")
