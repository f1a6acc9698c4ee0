"""bench/attribution_names.py: what one person's several labels and the wrong lines cost B3."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def names():
    return load_bench("attribution_names")


@pytest.fixture(scope="module")
def scorer():
    import pdnc_eval
    return pdnc_eval


def _cast(scorer):
    return scorer.Cast([{"Main Name": "Jane", "Aliases": "['Jane', 'Miss Lumley', 'Jane Lumley']"},
                        {"Main Name": "Margaret",
                         "Aliases": "['Margaret', 'Maggy', 'Margaret Lumley']"},
                        {"Main Name": "Mr. Ashby", "Aliases": "['Mr. Ashby', 'Ashby']"}])


def test_a_label_names_no_one_person_when_the_scorer_resolves_it_to_no_one(names, scorer):
    cast = _cast(scorer)
    assert not names.names_no_one(scorer, cast, "Mr. Ashby")
    assert not names.names_no_one(scorer, cast, "Miss Lumley")     # Jane's alias as it stands
    assert names.names_no_one(scorer, cast, "Lumley")              # a family name: both sisters
    assert names.names_no_one(scorer, cast, "The housekeeper")     # a description


def test_the_wrong_lines_cost_split_by_their_labels(names, scorer):
    # one of Jane's lines on Mr. Ashby's name; one of Margaret's on "The housekeeper",
    # a description holding two of Mr. Ashby's lines (a label naming no one person)
    said = [("Jane", "Jane")] * 4 + [("Jane", "Mr. Ashby")] + [("Mr. Ashby", "Mr. Ashby")] * 4 \
        + [("Mr. Ashby", "The housekeeper")] * 2 + [("Margaret", "The housekeeper")] \
        + [("Margaret", "Margaret")] * 3
    pairs = [({"speaker": gold}, {"speaker": label}) for gold, label in said]
    merged, wrong, on_no_one, on_a_name = (float(x) for x in
                                           names._split_and_wrong(scorer, _cast(scorer), pairs))
    # both moved: every label pure, Mr. Ashby's lines still on two labels (4 and 2 of 6):
    # recall (25/5 + 16/6 + 4/6 + 16/4) / 15
    assert wrong == 90.2
    # each alone moves less; the description's wrong line is one of the two
    assert max(on_no_one, on_a_name) < wrong
    assert on_no_one != on_a_name


def test_label_groups_size_splits_merges_and_wrong_lines_apart(names, scorer):
    # Jane under two labels; Margaret's one line on "Miss Lumley", a name that fits her too
    # (her label's aliases hold "Miss" and "Lumley"); one of Jane's lines on Mr. Ashby's name
    said = [("Jane", "Jane")] * 4 + [("Jane", "Miss Lumley")] * 3 + \
        [("Margaret", "Miss Lumley")] + [("Margaret", "Margaret")] * 4 + \
        [("Mr. Ashby", "Mr. Ashby")] * 3 + [("Jane", "Mr. Ashby")]
    pairs = [({"speaker": gold}, {"speaker": label}) for gold, label in said]
    groups = names.label_groups(scorer, _cast(scorer), pairs,
                                {"Margaret": ["Miss Margaret Lumley"]})
    moved = names.group_lines(groups)
    assert moved["split: names"] == {("miss lumley", "Jane"): 3, ("miss lumley", "Margaret"): 1}
    assert moved["split: descriptions"] == {}
    assert moved["merge: one name"] == {("miss lumley", "Margaret"): 1}
    assert moved["merge: no one person"] == {}
    assert moved["wrong lines"] == {("mr ashby", "Jane"): 1}
    # as is, B3 is the scorer's own; each group fixed alone raises it
    sums = scorer.speaker_clusters(_cast(scorer), [(q, None, ln["speaker"]) for q, ln in pairs])
    prec, rec = sums["b3_p_sum"] / len(pairs), sums["b3_r_sum"] / len(pairs)
    base = names.b3_f1([names.b3_sums(groups["as is"])])
    assert abs(base - 200 * prec * rec / (prec + rec)) < 1e-9
    for k in ("splits", "merges", "wrong lines"):
        assert names.b3_f1([names.b3_sums(groups[k])]) > base


def test_a_join_is_sized_by_the_b3_of_the_labels_renamed(names, scorer):
    # Jane's lines on two labels: joining "Miss Lumley" to "Jane" makes B3 whole; joining
    # Mr. Ashby's label to hers makes it worse
    said = [("Jane", "Jane")] * 3 + [("Jane", "Miss Lumley")] * 2 + [("Mr. Ashby", "Mr. Ashby")] * 3
    pairs = [({"speaker": gold}, {"speaker": label}) for gold, label in said]
    as_is, joined = names.joined_b3(scorer, _cast(scorer), pairs, {"Miss Lumley": "Jane"})
    assert names.b3_f1([as_is]) < names.b3_f1([joined]) == 100.0
    _, wrong = names.joined_b3(scorer, _cast(scorer), pairs, {"Mr. Ashby": "Jane"})
    assert names.b3_f1([wrong]) < names.b3_f1([as_is])
