"""How drama words what it says: counts, possessives and titles."""
from __future__ import annotations

import pytest

from drama.wording import possessive, problems_listed, readable_title


@pytest.mark.parametrize("name, owner", [
    ("Boris", "Boris'"), ("The marchers", "The marchers'"), ("THE TWINS", "THE TWINS'"),
    ("Anna", "Anna's"), ("Mr. Knightley", "Mr. Knightley's"),
    ("Shreider and Prokopovich", "Shreider and Prokopovich's")])
def test_a_name_ending_in_s_takes_an_apostrophe_alone(name, owner):
    assert possessive(name) == owner


@pytest.mark.parametrize("heading, title", [
    ("CHAPTER I", "Chapter I"),
    ("CHAPTER XIV. THE RIVER AND THE SEA", "Chapter XIV. The River and the Sea"),
    ("VOLUME II. CHAPTER IV", "Volume II. Chapter IV"),
    ("CHAPTER I. A DAY OUT", "Chapter I. A Day Out"),
    ("CHAPTER X: WHAT IT WAS FOR", "Chapter X: What It Was For"),
    ("CHAPTER IV. Mrs. Rachel Lynde is Surprised", "Chapter IV. Mrs. Rachel Lynde is Surprised"),
    ("Chapter One: The Lamp", "Chapter One: The Lamp"), ("XIX", "XIX"),
    # walk36: "Mr." and a semicolon end no part of the title
    ("CHAPTER XXXVIII. WHEREIN MR. AND MRS. PUDSEY QUARREL OVER A GOOSE",
     "Chapter XXXVIII. Wherein Mr. and Mrs. Pudsey Quarrel over a Goose"),
    ("CHAPTER XXIII. A STORM; AND PROVES THAT EVEN A MILLER MAY GET WET",
     "Chapter XXIII. A Storm; and Proves That Even a Miller May Get Wet"),
    ("CHAPTER XI. CONCERNING MR. GRIBBLE", "Chapter XI. Concerning Mr. Gribble")])
def test_a_heading_in_capitals_reads_in_title_case_its_numerals_and_other_words_as_printed(
        heading, title):
    assert readable_title(heading) == title


def test_problems_listed_counts_only_those_not_shown():
    """Five problems shown, the rest counted: "(and 1 more)" followed two problems both
    shown (walk33)."""
    assert problems_listed(["a"]) == "a"
    assert problems_listed(["a", "b"]) == "a; b"
    assert problems_listed(list("abcde")) == "a; b; c; d; e"
    assert problems_listed(list("abcdefg")) == "a; b; c; d; e (and 2 more)"
