"""The regexes that scan whole novels, written to open on one character (drama/extract/scan.py):
each matches what its plain form matched, and `re` can pass the text quickly with it."""
import re
import re._compiler
import re._parser

import pytest

from drama.extract import gender, name_patterns, narrator, quotes
from drama.extract.attribution import mentions, vocative, words
from drama.extract.attribution.sieves import naming
from drama.extract.letters import CAPITAL, LETTER, LOWER, SMALL
from drama.extract.scan import LaterPattern, compile_later, mark_after, word_start

TRICKY = ("the bathe The the_the 9the é the _the\nthe, Theirs. then I I’m II aI I. "
          "‘Mrs. Lumley’ said Mr. MacDonald to Mack and Miss Emma Woodhouse; McBryde, "
          "Bonch-Bruevich, O’Hara and Dr.Smith (‘Come,’ he said.) ‘Tis x‘y (‘z «a» »b« "
          "married to Mr. John Dawlish, otherwise the Artful Ranger. Sam is the beadle. "
          "Mme. Zoé Müller, Łukasz and Ивáн; the cook, Mr. Dupre\u0301, and E\u0301mile.")


def spans(pattern: str, text: str = TRICKY):
    return [(m.span(), m.groups()) for m in re.finditer(pattern, text)]


def opens_on_one_character(rx: re.Pattern) -> bool:
    """Whether re searches with this pattern by looking for its first character(s) alone
    (a literal prefix or a first-character set), as it does for a literal or a class."""
    parsed = re._parser.parse(rx.pattern, rx.flags)
    prefix, _, _ = re._compiler._get_literal_prefix(parsed, rx.flags)
    return bool(prefix) or bool(re._compiler._get_charset_prefix(parsed, rx.flags))


@pytest.mark.parametrize("first", ["the", "[Tt]", "I", "married", "[a-z]", CAPITAL])
def test_word_start_matches_what_a_word_boundary_does(first):
    assert spans(word_start(first)) == spans(r"\b" + first)
    assert spans(word_start(first)) != []


@pytest.mark.parametrize("first", ["[Tt]", "[a-z]", CAPITAL, SMALL])
def test_word_start_of_a_class_looks_back_as_the_class_twice_does(first):
    """A class's lookbehind reads the character just matched as "." (the class is not parsed
    twice): the same matches as the class written again, combining marks (SMALL) included."""
    assert spans(word_start(first)) == spans(first + r"(?<!\w" + first + ")")


@pytest.mark.parametrize("mark, before", [("‘", r"\s(\[—–-"), ("'", r"\s(\[—–-"),
                                          ("»", r"\s"), ("«", r"\s")])
def test_mark_after_matches_the_mark_after_those_characters_or_at_the_start(mark, before):
    for text in (TRICKY, mark + "x", "a" + mark):
        assert spans(mark_after(mark, before), text) == \
            spans("(?:^|(?<=[" + before + "]))" + mark, text)


def test_titled_names_match_as_their_plain_form():
    word = CAPITAL + SMALL + "+"       # [A-Z][a-z]+ in any script (drama/extract/letters.py)
    plain = r"((?:(?:Mr|Mrs|Miss|Dr)\.?\s+)?(?:Ma?c)?" + word + r"(?:\s+(?:Ma?c)?" + word + ")?)"
    assert spans(name_patterns.NAMED) == spans(plain)
    assert spans(name_patterns.NAMED + r"\s+is") == spans(plain + r"\s+is")
    # a capital alone before an apostrophe and a capitalised word is one word with it (O’Hara)
    assert spans(name_patterns.CAP) == spans(
        "(?:Ma?c)?" + CAPITAL + "(?:" + SMALL + "+|(?=[’']" + CAPITAL + SMALL + "))(?:[-’'][" +
        LETTER + "]+)*")
    assert name_patterns.MID_CAP_WORD.findall(TRICKY) == \
        re.findall("[" + LOWER + r",;][ \t\n](?=(" + name_patterns.CAP + "))", TRICKY)


def test_the_narration_words_are_counted_as_the_regex_counts_them():
    for text in ("", "é", "aéb", "ab cd", "x\U0001F600y", "don’t", TRICKY):
        assert narrator._count_words(text) == len(re.findall("[A-Za-z]+", text))


def test_every_vocative_ends_as_vocative_end_says():
    for text in ("My dear Mr. Lumley, you", "Well, Nat.", "Oh Harry", "Come here, Tom!",
                 "Not Tom, Harry, and Jane?", TRICKY):
        for m in vocative.VOCATIVE.finditer(text):
            assert vocative.VOCATIVE_END.search(text, m.start(1))
    assert vocative.VOCATIVE_END.search("I went home and slept") is None


@pytest.mark.parametrize("rx", [
    name_patterns.CAP_WORD, name_patterns.MID_CAP_WORD, name_patterns.CAP_PAIR, name_patterns.LOWER_WORD,
    name_patterns.COPULA, name_patterns.ALIAS, name_patterns.APPOSED_BEFORE, name_patterns.QUOTE_EDGE,
    name_patterns.SENTENCE_STOP, name_patterns.NAME_OR_WORD_PAIR, name_patterns.NAME_OR_WORD_MID,
    gender._MALE_PRONOUN,
    gender._FEMALE_PRONOUN, narrator.I_WORD, words.SENTENCE_END, mentions.FIRST_SUBJECT,
    mentions.PRONOUN_SUBJECT, mentions.INTRO, naming.SELF_NAMING, naming.I_AM,
    naming.OTHER_NAMING, vocative.VOCATIVE_END], ids=lambda rx: rx.pattern[:30])
def test_whole_text_patterns_open_on_one_character(rx):
    assert opens_on_one_character(rx)


def test_a_lookahead_opening_is_not_one_character():
    assert not opens_on_one_character(re.compile(r"(?=t)\bthe"))
    assert opens_on_one_character(re.compile(word_start("the")))
    assert opens_on_one_character(re.compile(mark_after("‘", r"\s") + "x"))


def test_detect_convention_still_counts_opening_single_marks():
    text = "‘Come here,’ she said.\n\n‘No,’ he said.\n\n‘Why not?’\n"
    assert quotes.detect_convention(text) is quotes.BRITISH


def test_a_pattern_compiled_later_matches_as_the_compiled_one_does():
    later = compile_later(name_patterns.CAP + r"|\d+", re.I)
    assert "compiled" not in vars(later)            # nothing compiled yet
    compiled = re.compile(name_patterns.CAP + r"|\d+", re.I)
    assert spans(later.compiled) == spans(compiled)
    assert [m.span() for m in later.finditer(TRICKY)] == [m.span() for m in compiled.finditer(TRICKY)]
    assert later.search(TRICKY, 5).span() == compiled.search(TRICKY, 5).span()
    assert later.sub("#", TRICKY) == compiled.sub("#", TRICKY)
    assert (later.pattern, later.flags, later.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    assert later.search.__self__ is later.compiled   # its methods are now the compiled pattern's


def test_the_name_patterns_are_compiled_at_their_first_use():
    assert isinstance(name_patterns.ALIAS, LaterPattern)
    assert name_patterns.ALIAS.match("Mr. Claypole (alias Bolter)").group(0) == "Mr. Claypole (alias Bolter"
