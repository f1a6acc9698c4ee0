"""drama.emphasis: Gutenberg's `_italics_` told from underscores that are no emphasis."""
import pytest

from drama.emphasis import marked, plain


@pytest.mark.parametrize("text, want", [
    ("I am _not_ mad", "I am not mad"),
    ("_The Times_, (_very_) and “_No_,”", "The Times, (very) and “No,”"),
    ("_very_'s and don'_t_", "very's and don't"),
    ("_The\nTimes_ wrapped", "The\nTimes wrapped"),      # a line break inside: one emphasis
    ("snake_case and my_var", "snake_case and my_var"),  # inside a word: no emphasis
    ("a lone _ here, _ _", "a lone _ here, _ _"),        # opening or closing on a space
    ("__init__ and __bold__", "__init__ and __bold__"),  # doubled: no emphasis
    ("_a_b_ and _x__y_", "_a_b_ and _x__y_"),            # closing before a word character
    ("word_ _emph_", "word_ emph"),                      # a word's underscore opens nothing
    ("Mr. ____ said", "Mr. ____ said"),                  # a blank for a name
])
def test_plain_drops_emphasis_marks_only(text, want):
    assert plain(text) == want


def test_marked_escapes_around_and_inside_each_emphasis():
    star = lambda s: s.replace("*", r"\*").replace("_", r"\_")  # noqa: E731
    assert marked("a*b _c*d_ snake_case", star) == r"a\*b *c\*d* snake\_case"
    assert marked("no emphasis", star, "/") == "no emphasis"
