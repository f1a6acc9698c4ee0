"""drama.emphasis: Gutenberg's `_italics_` told from underscores that are no emphasis."""
import pytest

from drama.emphasis import marked, plain, spoken


@pytest.mark.parametrize("text, want", [
    ("I am _not_ mad", "I am not mad"),
    ("_The Times_, (_very_) and “_No_,”", "The Times, (very) and “No,”"),
    ("_very_'s and don'_t_", "very's and don't"),
    ("_The\nTimes_ wrapped", "The\nTimes wrapped"),      # a line break inside: one emphasis
    ("snake_case and my_var", "snake_case and my_var"),  # inside a word: no emphasis
    ("a lone _ here, _ _", "a lone _ here, _ _"),        # opening or closing on a space
    ("__init__ and __bold__", "__init__ and __bold__"),  # doubled: no emphasis
    ("_a_b_ and _x__y_", "_a_b_ and _x__y_"),            # closing before a word character
    ("word_ _emph_", "word emph"),  # a word's underscore opens nothing: half of one before
    ("Mr. ____ said", "Mr. ____ said"),                  # a blank for a name
])
def test_plain_drops_emphasis_marks_only(text, want):
    assert plain(text) == want


def test_marked_escapes_around_and_inside_each_emphasis():
    star = lambda s: s.replace("*", r"\*").replace("_", r"\_")  # noqa: E731
    assert marked("a*b _c*d_ snake_case", star) == r"a\*b *c\*d* snake\_case"
    assert marked("no emphasis", star, "/") == "no emphasis"


@pytest.mark.parametrize("text, want", [
    ("the _rain came.", "the rain came."),                # opened, closed in a later line
    ("It fell_ all night", "It fell all night"),          # closed, opened in an earlier one
    ("and ran._ Then", "and ran. Then"),                  # closed after its last word's mark
    ("_“Stop!” he", "“Stop!” he"),                        # opened before a quote
    ("fell_ and _very_ so _wet", "fell and very so wet"),  # both halves around a pair
    ("the _rain came, _very_ wet", "the rain came, very wet"),
    ("_a_b_ and _x__y_", "_a_b_ and _x__y_"),             # the first opens, the last closes
    ("B____, __init__, snake_case, _ and (_)", "B____, __init__, snake_case, _ and (_)"),
])
def test_plain_drops_half_an_emphasis_split_from_the_other(text, want):
    """review32: an emphasis split across lines (by a paragraph or a quote) kept an underscore
    on each line. The line's first underscore at a word's edge, when it closes, and its last,
    when it opens, are halves: dropped, as speech drops them."""
    assert plain(text) == want


def test_marked_drops_half_an_emphasis_and_escapes_the_rest():
    star = lambda s: s.replace("*", r"\*").replace("_", r"\_")  # noqa: E731
    assert marked("fell_ and _very_ snake_case _wet", star) == r"fell and *very* snake\_case wet"
    assert marked("word_ _emph_", star) == "word *emph*"  # the pair is the second word's


@pytest.mark.parametrize("text, want", [
    ("and ran._ Then", "and ran. Then"),      # a half after its last word's stop
    ("_“Stop!” he", "“Stop!” he"),            # a half before a quote
    ("the _rain came.", "the rain came."),
])
def test_speech_drops_every_half_the_exports_drop(text, want):
    """An engine was given `ran._` and `_“Stop` (no letter beside the underscore, so no
    edge of a word, EDGE_UNDERSCORES) that the exports now drop (halves): the same halves."""
    assert spoken(text) == want


@pytest.mark.parametrize("text", [
    "see http://a.org/_x_/y now",          # ux33: read as italics, `http://a.org/x/y`
    "at https://a.org/?q=_y_ and ftp://b.org/_notes_",
    "go to www.a.org/_x_ today",
    "open ~/_drafts_/a and C:\\_tmp_\\b",   # a path: an underscore against a slash
    "the file /srv/_x and http://a.org/y_",  # half-looking ones too: no half is dropped
])
def test_a_url_or_a_path_is_no_emphasis(text):
    """ux33: `http://a.org/_x_/y` was read as italics (shown `http://a.org/x/y`, `*x*` in
    md and fountain); a URL's or a path's underscores are its own, kept everywhere."""
    star = lambda s: s.replace("*", r"\*").replace("_", r"\_")  # noqa: E731
    assert plain(text) == text and spoken(text) == text
    assert marked(text, star) == star(text)


def test_an_emphasis_beside_a_url_or_with_a_slash_is_still_one():
    assert plain("_either/or_ at http://a.org/_x_/y, _very_ late") == \
        "either/or at http://a.org/_x_/y, very late"


@pytest.mark.parametrize("text, want", [
    ("say _yes_/_no_ now", "say yes/no now"),
    ("(_this_/_that_), or _yes_/no", "(this/that), or yes/no"),
    ("open ~/_drafts_/a or dir_/b", "open ~/_drafts_/a or dir_/b"),   # still paths
])
def test_two_emphases_around_a_slash_are_no_path(text, want):
    """review33: `_yes_/_no_` was read as a path (an underscore against a slash) and shown
    with its underscores. A path has no emphasis closing at its slash."""
    assert plain(text) == want
    assert spoken(text) == want


@pytest.mark.parametrize("text, want", [
    ("## Chapter One", "Chapter One"),                         # a Markdown heading
    ("The boat was late. *Again*, thought Ilse.", "The boat was late. Again, thought Ilse."),
    ("Are you **sure** it sails?", "Are you sure it sails?"),
    ("*“Halt.”* and (*aside*)", "“Halt.” and (aside)"),       # around a quote, a bracket
    ("“*Never*,” she said.", "“Never,” she said."),
    ("the house*, Mr. B*** said", "the house, Mr. B said"),    # a footnote, a blank
    ("5 * 3 and * * * and d*mn", "5 * 3 and * * * and d*mn"),  # alone, or in a word: kept
    ("#1 fan, a # b", "#1 fan, a # b"),                        # no heading
    ("It was **_very_** late, *_and_* cold.", "It was very late, and cold."),  # review49
])
def test_markdowns_marks_are_never_spoken(text, want):
    """newcomer49: a .md story (drama reads .md as plain text) was spoken with its marks:
    espeak-ng said "hash hash Chapter One", "asterisk Again asterisk", "asterisk asterisk
    sure asterisk asterisk"."""
    assert spoken(text) == want


@pytest.mark.parametrize("text, want", [
    ("Take the [path to the cove](https://example.org/cove_map_v2.html) at dawn.",
     "Take the path to the cove at dawn."),
    ("A gull: ![a grey gull](pics/gull.png), then [the pier](pier.html \"The Pier\").",
     "A gull: a grey gull, then the pier."),
    ("[a _wet_ day](https://a.org/x_(y)) and ![](blank.png)", "a wet day and "),
    ("The sign said ~~open~~ closed.", "The sign said open closed."),
    ("[not a link] (aside) and a~~b and ~~ and [x]( y z)",  # no address, or spaced: kept
     "[not a link] (aside) and a~~b and ~~ and [x]( y z)"),
])
def test_markdowns_links_and_strikethrough_say_their_words_only(text, want):
    """newcomer50: a .md story's links and pictures were spoken address and all (espeak-ng:
    "link to the cove h t t p s colon slash slash example dot org slash cove map v two dot
    h t m l"), its strikethrough as "tilde tilde open tilde tilde"; a reader says the
    link's words, the picture's description and the struck words."""
    assert spoken(text) == want


@pytest.mark.parametrize("text, want", [
    ("Wenna read the [harbour notice][notice] and the [tide table][] once.[^1]",
     "Wenna read the harbour notice and the tide table once."),
    ("![a gull][gull] flew over[^gulls].", "a gull flew over."),
    ("[notice]: http://example.org/notice.html Notice [tides]: <https://example.org/t>", ""),
    ("[1]: notes.html [map]: ./maps/cove.png 'The cove' [top]: #start", ""),
    ("[^1]: The notice was old, and nobody read it any more.", ""),
    ("| Boat | Owner | |------|:-----:| | Gull | Wenna | | Tern | Rowan |",
     "Boat, Owner. Gull, Wenna. Tern, Rowan."),
    ("| Name | | --- | | Tam. |", "Name. Tam."),
    # no Markdown of these: kept
    ("[Aside]: see above, she said.", "[Aside]: see above, she said."),
    ("He said [sic] it, and [so] did she.", "He said [sic] it, and [so] did she."),
    ("| a | b | and | c |", "| a | b | and | c |"),
    ("| a | b | |---| | c |", "| a | b | |---| | c |"),  # rows of two widths
])
def test_markdowns_references_footnotes_and_tables_are_said_as_words(text, want):
    """newcomer50: a Markdown story's reference links were said with their labels
    ("harbour notice notice"), their definitions' addresses spelt out, a footnote's mark
    as "one" and its note mid-story, a table's cells run together with its rule ("dash dash
    dash"). A reader says a link's words, no mark, no address: a line of definitions or a
    footnote's note is silent (its words stay in the script), a table is said a row a
    sentence."""
    assert spoken(text) == want


@pytest.mark.parametrize("text, want", [
    ("“Yes,” said Tam, <em>quietly</em>.", "“Yes,” said Tam, quietly."),
    ("one line<br/>and the next", "one line and the next"),
    ('a <span class="aside">small</span> <I>word</I>', "a small word"),
    ("<Tam> hello, and x < y > z", "<Tam> hello, and x < y > z"),  # no element: kept
])
def test_inline_html_tags_are_never_spoken(text, want):
    """newcomer50: Markdown lets a story write HTML among its words; espeak-ng said "em
    quietly slash em", "span class equals aside"."""
    assert spoken(text) == want


@pytest.mark.parametrize("text, want", [
    (r"a \*star\* and 1\. more, \_not\_ a \# heading", "a star and 1. more, not a # heading"),
    (r"C:\Users\ann and C:\_tmp_\b and \\server\x", r"C:\Users\ann and C:\_tmp_\b and \\server\x"),
    ("Wait &mdash; the A&amp;P, &#8220;no&#8221; &#x2014; yes", "Wait — the A&P, “no” — yes"),
    ("AT&T, R&D and this&not that", "AT&T, R&D and this&not that"),  # no reference
    ("She left. <!-- fix this --> He stayed.", "She left.  He stayed."),
])
def test_markdowns_escapes_references_and_comments_are_never_spoken(text, want):
    """newcomer50: a Markdown text's backslash escapes were said ("a backslash star"), its
    character references as letters ("and m dash") and its comments aloud ("exclamation
    fix this"); a Windows path keeps its backslashes."""
    assert spoken(text) == want
