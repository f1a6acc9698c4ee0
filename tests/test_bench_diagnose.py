"""bench/attribution_diagnose.py: the groups --by-cause puts a wrong line in (round 29)."""
from __future__ import annotations

import sys

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def diagnose():
    mod = load_bench("attribution_diagnose")
    sys.path.insert(0, str(mod.SHARED / "eval"))
    try:
        import pdnc_eval
    except ImportError as e:
        pytest.skip(f"the shared scorer is not there: {e}")
    return mod, pdnc_eval


def _cast(pdnc_eval):
    return pdnc_eval.Cast([
        {"Main Name": "Sir William Dexter", "Aliases": "{'Sir William'}"},
        {"Main Name": "A Young Dexter", "Aliases": "{'A Young Dexter'}"},
        {"Main Name": "Margaret Lumley", "Aliases": "{'Margaret', 'Maggy'}"},
        {"Main Name": "The Police Officer", "Aliases": "{'The Police Officer'}"},
        {"Main Name": "The Officer", "Aliases": "{'The officer'}"},
    ])


@pytest.mark.parametrize("predicted, gold, cue, want", [
    ("Margaret", "_group", "explicit", "gold a group or unknowable"),
    ("Margaret", "Sir William Dexter", "conversation", "tag not taken (conversation)"),
    ("The jailer", "Margaret Lumley", "described", "tag taken, label no gold character"),
    ("Sir William", "A Young Dexter", "explicit", "tag taken, one of a family or name"),
    # a noun for a person is no name: two officers are two people, not one family
    ("The officer", "The Police Officer", "described", "tag taken, another person"),
    ("Margaret", "Sir William Dexter", "explicit", "tag taken, another person"),
])
def test_a_wrong_line_falls_in_its_cause(diagnose, predicted, gold, cue, want):
    mod, pdnc_eval = diagnose
    assert mod.wrong_cause(_cast(pdnc_eval), {}, predicted, gold, cue) == want


def test_verdict_changes_count_each_novels_quotes_made_right_and_made_wrong(diagnose):
    mod, _ = diagnose
    before = {"Emma|Q1": False, "Emma|Q2": True, "Emma|Q3": True, "Kim|Q1": True,
              "Kim|Q2": False}
    after = {"Emma|Q1": True, "Emma|Q2": False, "Emma|Q3": True, "Kim|Q1": True}
    # Kim|Q2 was not found in the second tree: neither made right nor made wrong
    assert mod.verdict_changes(before, after) == {"Emma": [1, 1]}
