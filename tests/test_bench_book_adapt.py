"""bench/book_adapt.py: the book's explicit turns hidden, and the per-book signals read at
the model's turns (a diagnostic's own logic)."""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest

from bench_util import load_bench
from drama.extract.conversation.turns import Doc, Turn, _decided


@pytest.fixture(scope="module")
def adapt():
    return load_bench("book_adapt")


def _book():
    """Four one-quote paragraphs of one conversation: A and B tagged, the third turn the
    rules' guess, the fourth tagged A; every tag's name in its paragraph's narration, and a
    name inside the second quote."""
    turns = [Turn(para=0, quotes=[0], anchor="A", rule="A", cue="explicit"),
             Turn(para=1, quotes=[1], anchor="B", rule="B", cue="explicit", pos=1),
             Turn(para=2, quotes=[2], rule="B", cue="turn-taking", pos=2),
             Turn(para=3, quotes=[3], anchor="A", rule="A", cue="explicit", pos=3)]
    mentions = {0: [(5, "A", False, True)],
                1: [(105, "B", False, True), (102, "A", True, False)],
                3: [(305, "A", False, True)]}
    doc = Doc(turns, [[0, 1, 2, 3]], mentions, mention_paras={"A": [0, 1, 3], "B": [1]},
              lines={"A": 2, "B": 1}, told={1: [(110, "A", "to")]})
    novel = SimpleNamespace(paras=[(100 * p, 100 * p + 90) for p in range(4)],
                            quotes=[SimpleNamespace(open=100 * p + 1) for p in range(4)])
    return novel, doc


def test_hiding_takes_every_third_explicit_turn_and_its_tag_but_not_its_quotes(adapt):
    novel, doc = _book()
    hid, hidden = adapt.hide_tags(novel, doc, fold=1)
    assert hidden == [(1, "B")]                 # the explicit turns are 0, 1, 3: fold 1 is 1
    t = hid.turns[1]
    assert (t.anchor, t.rule, t.pronoun) == (None, "", None) and _decided(t)
    # the tag's name is gone from the narration; the name inside the quote stays
    assert hid.mentions[1] == [(102, "A", True, False)]
    assert hid.mention_paras == {"A": [0, 1, 3]} and 1 not in hid.told
    assert hid.lines == {"A": 2}
    # the book's own doc is untouched, and the others keep their tags
    assert doc.turns[1].anchor == "B" and doc.lines == {"A": 2, "B": 1}
    assert [x.anchor for x in hid.turns] == ["A", None, None, "A"]


def test_tagged_pairs_count_tags_in_turns_next_to_each_other(adapt):
    _, doc = _book()
    # A/B in turns 0-1; turn 2 has no tag, so turns 1-3 are no pair
    assert adapt.tagged_pairs(doc) == Counter({frozenset("AB"): 1})


def test_signal_votes_at_wrong_and_right_turns(adapt):
    sig = {"A": 5, "B": 2, "C": 2}.get
    assert adapt.signal_votes(sig, ["A", "B", "C"], "B", "A", right=False) == "gold>chosen"
    assert adapt.signal_votes(sig, ["A", "B", "C"], "A", "B", right=False) == "gold<chosen"
    assert adapt.signal_votes(sig, ["A", "B", "C"], "C", "B", right=False) == "tie"
    assert adapt.signal_votes(sig, ["A", "B", "C"], "B", "B", right=True) == "beaten"
    assert adapt.signal_votes(sig, ["B", "C"], "B", "B", right=True) == "tie"
    assert adapt.signal_votes(sig, ["A", "B"], "A", "A", right=True) == "holds"


def test_a_scale_multiplies_only_its_group(adapt):
    model = {"features": adapt.C.FEATURES, "weights": [1.0] * len(adapt.C.FEATURES)}
    got = dict(zip(adapt.C.FEATURES, adapt.scaled(model, adapt.RULE, 0.5)["weights"]))
    assert got["rule"] == got["rule:pronoun"] == 0.5
    assert got["alternates"] == got["prev2"] == got["narr_subj"] == 1.0
    assert model["weights"][0] == 1.0       # the model itself unchanged
    assert {"prev1", "nb_next4", "par_prev_odd", "alternates", "near_pair"} <= adapt.TURN_TAKING
    assert not adapt.TURN_TAKING & {"rule", "narr_subj", "lines"}
