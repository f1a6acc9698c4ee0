"""bench/attribution_passages.py: cutting excerpts at paragraphs, and the gold quotes inside."""
from __future__ import annotations

import pytest

from bench_util import load_bench


@pytest.fixture(scope="module")
def passages():
    return load_bench("attribution_passages")


def _novel(paragraphs: int) -> str:
    # paragraph i is "p<i> w w w w" (five words), some followed by two blank lines
    return "\n\n".join(f"p{i} w w\nw w" + ("\n" if i % 7 == 0 else "")
                       for i in range(paragraphs)) + "\n"


def test_excerpts_are_whole_paragraphs_of_about_the_words(passages):
    text = _novel(200)
    cuts = passages.cut_excerpts(text, words=12, count=4, seed=1)
    assert cuts[0][0] == 0 and text[cuts[0][0]:cuts[0][1]].split()[::5] == ["p0", "p1", "p2"]
    assert len(cuts) == 5
    for start, end in cuts:
        excerpt = text[start:end]
        assert excerpt.startswith("p") and excerpt.endswith("w")      # a paragraph's ends
        assert start == 0 or text[start - 2:start] == "\n\n"
        assert len(excerpt.split()) == 15                              # three paragraphs
    assert all(a[1] < b[0] for a, b in zip(cuts, cuts[1:]))           # in order, apart
    assert cuts == passages.cut_excerpts(text, words=12, count=4, seed=1)
    assert cuts != passages.cut_excerpts(text, words=12, count=4, seed=2)


def test_a_short_novel_gives_fewer_excerpts(passages):
    text = _novel(10)
    assert len(passages.cut_excerpts(text, words=12, count=6, seed=1)) == 1


def test_quotes_inside_are_whole_and_shifted(passages):
    quotes = [{"id": "a", "spans": [(5, 9)]}, {"id": "b", "spans": [(12, 15), (20, 30)]},
              {"id": "c", "spans": [(28, 40)]}]
    inside = passages.quotes_inside(quotes, 10, 30)
    assert [(q["id"], q["spans"]) for q in inside] == [("b", [(2, 5), (10, 20)])]
    assert quotes[1]["spans"] == [(12, 15), (20, 30)]                 # the gold left alone


def test_quote_lines_as_the_scorer_finds_them(passages):
    lines = [{"kind": "dialogue", "start": 0, "end": 10, "speaker": "Ann"},
             {"kind": "narration", "start": 10, "end": 20},
             {"kind": "dialogue", "start": 20, "end": 24, "speaker": "Bob"},
             {"kind": "dialogue", "start": 24, "end": 30, "speaker": "Cy"}]
    quotes = [{"spans": [(2, 8)]}, {"spans": [(12, 18)]}, {"spans": [(20, 30)]},
              {"spans": [(5, 20)]}]
    found = passages.quote_lines(quotes, lines)
    assert [ln and ln["speaker"] for ln in found] == ["Ann", None, "Cy", None]


def test_straight_single_style_marks_speech_with_ascii_single_quotes(passages):
    # bench/styles.py (tidy37): speech in ', nested quotations in ", apostrophes ': the
    # scorer's british rendering with its curly marks made straight (the passages module
    # puts the shared scorer on the path)
    styles = load_bench("styles")
    import pdnc_eval
    text = 'He said, "Don\'t shout \'home!\' at Tom." Tom\'s cap fell.'
    quote = {"spans": [(10, text.index('."') + 1)]}
    got = styles.restyle(pdnc_eval, text, [quote], "straight-single")
    assert got == "He said, 'Don't shout \"home!\" at Tom.' Tom's cap fell."
    assert len(got) == len(text)            # the gold spans still hold
    assert styles.restyle(pdnc_eval, text, [quote], "curly") == \
        pdnc_eval.restyle(text, [quote], "curly")
