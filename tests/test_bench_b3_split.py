"""bench/b3_split.py: what names and wrong attribution each cost speaker B3."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def split():
    return load_bench("b3_split")


@pytest.fixture(scope="module")
def scorer():
    import pdnc_eval
    return pdnc_eval


def test_the_names_and_the_wrong_lines_are_fixed_apart_then_together(split, scorer):
    cast = scorer.Cast([{"Main Name": "Jane", "Aliases": "['Jane', 'Miss Lumley']"},
                        {"Main Name": "Margaret", "Aliases": "['Margaret', 'Maggy']"},
                        {"Main Name": "Mr. Ashby", "Aliases": "['Mr. Ashby', 'Ashby']"}])
    # Jane under two labels (a name split); one of Jane's lines on Mr. Ashby's (a wrong line)
    said = [("Jane", "Jane")] * 4 + [("Jane", "Miss Lumley")] * 3 + \
        [("Margaret", "Margaret")] * 4 + [("Mr. Ashby", "Mr. Ashby")] * 3 + \
        [("Jane", "Mr. Ashby")]
    pairs = [({"speaker": gold}, {"speaker": label}) for gold, label in said]
    groups = split.label_groups(scorer, cast, pairs, {})
    fixed = split.split(groups)
    f1 = {k: split.b3_f1([split.b3_sums(v)]) for k, v in fixed.items()}
    assert f1["as is"] < f1["names"] < f1["both"]
    assert f1["as is"] < f1["wrong"] < f1["both"] == 100.0
    # the names fixed: Jane's lines on one label, her line on Mr. Ashby's left there
    assert {label for label, gold in fixed["names"] if gold == "Jane"} == {"jane", "mr ashby"}
    # the wrong line moved: Jane's lines on her two labels still
    assert {label for label, gold in fixed["wrong"] if gold == "Jane"} == {"jane", "miss lumley"}
