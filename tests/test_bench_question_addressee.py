"""bench/question_addressee.py: which rules fire at a turn after a question, and whom they
name (a diagnostic's own logic, on a made-up conversation)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench_util import load_bench
from drama.extract.conversation.turns import Turn


@pytest.fixture(scope="module")
def qa():
    return load_bench("question_addressee")


def _novel(speeches, anchors, gold, calls, asks=None, after_beat=(), mentions=None):
    """One conversation, a paragraph a turn, a quote a paragraph: speeches[k] is turn k's
    words, anchors[k] its tag's speaker, calls[k] the one its quote calls by name."""
    text, quotes, paras, turns = "", [], [], []
    for k, words in enumerate(speeches):
        a = len(text)
        text += f"\u201c{words}\u201d\n\n"
        quotes.append(SimpleNamespace(open=a, start=a + 1, end=a + 1 + len(words),
                                      close=a + 2 + len(words)))
        paras.append((a, len(text) - 2))
        turns.append(Turn(para=k, quotes=[k], anchor=anchors[k], cue="" if anchors[k] else
                          "turn-taking", chain=0, pos=k, asks=words.endswith("?"),
                          after_beat=k in after_beat))
    doc = SimpleNamespace(turns=turns, chains=[list(range(len(turns)))],
                          vocatives={k: {c} for k, c in enumerate(calls) if c},
                          mentions=mentions or {})
    return SimpleNamespace(doc=doc, text=text, quotes=quotes, paras=paras, gold=gold,
                           qcalls=list(calls), fuller={},
                           gcast=SimpleNamespace(resolve=lambda label: label))


def test_a_question_that_calls_someone_names_them_for_the_answer(qa):
    novel = _novel(["Are you coming, Jane?", "Yes."], ["Mary", None], ["Mary", "Jane"],
                   ["Jane", None])
    assert qa.fired(novel, 1, {}, 2) == {"call": "Jane", "call_q": "Jane", "call_q_end": "Jane"}
    # narration between: the case the vocative sieve leaves to the model
    novel = _novel(["Are you coming, Jane?", "Yes."], ["Mary", None], ["Mary", "Jane"],
                   ["Jane", None], after_beat={1})
    assert qa.fired(novel, 1, {}, 2)["call_q_beat"] == "Jane"
    # a call that asks nothing is a call only
    novel = _novel(["Come here, Jane.", "Yes."], ["Mary", None], ["Mary", "Jane"],
                   ["Jane", None])
    assert qa.fired(novel, 1, {}, 2) == {"call": "Jane"}
    # no rule at a conversation's first turn, nor for a call of the turn's own speaker
    assert qa.fired(novel, 0, {}, 2) == {}
    novel = _novel(["Are you coming, Jane?", "Yes."], ["Jane", None], ["Jane", "Mary"],
                   ["Jane", None])
    assert qa.fired(novel, 1, {}, 2) == {}


def test_the_one_asked_answers_after_a_tagged_interjection(qa):
    novel = _novel(["Are you coming, Jane?", "She is not.", "I am."], ["Mary", "Nora", None],
                   ["Mary", "Nora", "Jane"], ["Jane", None, None])
    assert qa.fired(novel, 2, {}, 3) == {"call_q_skip": "Jane"}
    # the turn between is the one asked: they answered already
    novel = _novel(["Are you coming, Jane?", "I am.", "Good."], ["Mary", "Jane", None],
                   ["Mary", "Jane", "Mary"], ["Jane", None, None])
    assert "call_q_skip" not in qa.fired(novel, 2, {}, 2)


def test_a_question_after_a_tagged_turn_is_asked_of_its_speaker_in_talk_of_three(qa):
    novel = _novel(["It rains.", "Does it?", "It does."], ["Mary", None, None],
                   ["Mary", "Nora", "Mary"], [None, None, None])
    decoded = {1: ("Nora", 0.9)}
    assert qa.fired(novel, 2, decoded, 3) == {"asked_of_tagged": "Mary"}
    assert qa.fired(novel, 2, decoded, 2) == {}             # two people only
    assert qa.fired(novel, 2, {1: ("Mary", 0.9)}, 3) == {}  # Mary asked it herself


def test_a_name_set_off_in_a_question_the_reader_does_not_call(qa):
    words = "Can he be, Jane, a sensible man?"
    novel = _novel([words, "No."], ["Mary", None], ["Mary", "Jane"], [None, None])
    off = 1 + words.index("Jane")
    novel.doc.mentions = {0: [(off, "Jane", True, False)]}
    assert qa.set_off_in_question(novel, 0) == {"Jane"}
    assert qa.fired(novel, 1, {}, 2) == {"setoff_q": "Jane"}
    # the same name not set off, or in no question, is no address
    words = "Jane is a sensible girl."
    novel = _novel([words, "No."], ["Mary", None], ["Mary", "Jane"], [None, None])
    novel.doc.mentions = {0: [(1, "Jane", True, True)]}
    assert qa.set_off_in_question(novel, 0) == set()


def test_turns_are_told_apart_by_how_they_are_settled(qa):
    assert qa.kind_of(Turn(para=0, quotes=[0], anchor="Mary", cue="explicit")) == "tagged"
    assert qa.kind_of(Turn(para=0, quotes=[0], cue="vocative", rule="Jane")) == "vocative"
    assert qa.kind_of(Turn(para=0, quotes=[0], cue="pronoun", rule="Jane")) == "model"
    assert qa.kind_of(Turn(para=0, quotes=[0], cue="continuation", rule="Jane")) == "other"
