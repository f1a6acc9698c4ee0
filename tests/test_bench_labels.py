"""bench/attribution_labels.py --passages: the checks of a label that is no one, on invented text."""
from __future__ import annotations

from collections import Counter

import pytest

from bench_util import load_bench
from drama.extract.cast import Cast


@pytest.fixture(scope="module")
def labels():
    return load_bench("attribution_labels")


def test_a_peoples_plural_a_family_and_a_place_are_no_one(labels):
    text = ("Tobin met the Pellings at the gate, and the Pellings walked him home. Later the "
            "Pellings went to Aberdeen. Some Norwegians sang on the quay.\n")
    cast = Cast(text)
    assert labels.passage_problems("Norwegians", cast) == ["group"]
    assert labels.passage_problems("Pellings", cast) == ["group"]
    assert labels.passage_problems("Aberdeen", cast) == ["place"]
    assert labels.passage_problems("Tobin", cast) == []
    assert labels.passage_problems("Mr", cast) == ["bare title"]


def test_names_no_gold_person_has_leave_descriptions_and_groups_aside(labels):
    gold = {"Tobin": "Tobin", "Mrs. Pelling": "Mrs. Pelling"}
    lines = Counter({"Tobin": 5, "Dunmere Abbey": 3, "The porter": 2, "Someone": 4,
                     "I (narrator)": 6, "Poor Hester": 1})
    assert labels.names_no_one(lines, gold.get) == {"Dunmere Abbey": 3, "Poor Hester": 1}


def test_seeds_are_read_as_ranges_and_lists(labels):
    assert labels.parse_seeds("1-3,7") == [1, 2, 3, 7]
    assert labels.parse_seeds("12") == [12]
