"""bench/sex_cues.py: the sex cues it reads around a turn and where its rule moves a turn
(a diagnostic's own logic)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def sex():
    return load_bench("sex_cues")


def _quote(text: str, inside: str, after: int = 0):
    """The quote whose words are ``inside``, searched from ``after``, its marks around it."""
    start = text.index(inside, after)
    end = start + len(inside)
    return SimpleNamespace(start=start, end=end, open=start - 1, close=end + 1)


def test_one_sex_only_when_the_cues_agree(sex):
    assert sex.one_sex(["f", "f", None]) == "f"
    assert sex.one_sex(["m", "f"]) is None
    assert sex.one_sex([None, "1"]) is None


def test_the_tail_pronoun_is_the_narration_after_the_quote_in_its_paragraph(sex):
    text = ('"Not far." She put on her bonnet.\n\n"Where?" He rose.')
    paras = [(0, 33), (35, len(text))]
    quotes = [_quote(text, "Not far."), _quote(text, "Where?")]
    spans = sex.tail_narration(text, quotes, paras, [0])
    assert spans == [(quotes[0].end - 1, 33)]
    assert sex.pronoun_sexes(text, spans) == ["f"]      # not the next paragraph's "He"


def test_the_narration_between_two_quotes_of_a_turn_counts(sex):
    text = '"No." He turned away, and she wept. "Never."'
    quotes = [_quote(text, "No."), _quote(text, "Never.")]
    spans = sex.tail_narration(text, quotes, [(0, len(text))], [0, 1])
    assert sex.pronoun_sexes(text, spans) == ["m", "f"]
    assert sex.one_sex(sex.pronoun_sexes(text, spans)) is None


def test_a_pronoun_inside_a_clause_is_no_subject(sex):
    text = '"Yes." Anna looked at him as he spoke.'
    quotes = [_quote(text, "Yes.")]
    assert sex.pronoun_sexes(text, sex.tail_narration(text, quotes, [(0, len(text))], [0])) == []


def test_the_rule_moves_to_the_last_speaker_of_the_cue_s_sex(sex):
    turns = [SimpleNamespace(chain=0, pos=p, anchor=a) for p, a in
             enumerate(["Anna", "Boris", "Cora", None])]
    doc = SimpleNamespace(turns=turns, chains=[[0, 1, 2, 3]],
                          gender={"Anna": "f", "Boris": "m", "Cora": "f", "Dan": "m"})
    decoded = {2: ("Cora", 0.6)}
    assert sex.moved_to(doc, 3, "f", ["Anna", "Boris", "Cora"], decoded) == "Cora"
    assert sex.moved_to(doc, 3, "f", ["Anna", "Boris"], decoded) == "Anna"
    assert sex.moved_to(doc, 3, "m", ["Dan", "Anna"], {}) == "Dan"  # no one spoke: the first
