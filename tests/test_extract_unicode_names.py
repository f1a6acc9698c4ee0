"""Names written with letters beyond A-Z ("Zoé", "Łukasz", "Ивáн", "O'Brien"), composed (NFC)
or decomposed (NFD: a letter, then its combining accent), come out whole: as tagged speakers,
as the one called, as the narrator's name and in the characters section; and the script still
holds every word of the source, exactly as written."""
from __future__ import annotations

import re
import unicodedata

import pytest

from drama.extract import extract_script, letters
from drama.extract.attribute import attribute
from drama.extract.gender import label_evidence
from drama.extract.name_patterns import ALIAS, APPOSED_BEFORE
from drama.extract.quotes import find_quotes
from drama.model import NARRATOR

NAMES = ["Zoé", "Andrés", "Ólafur", "Łukasz", "Ségolène", "O'Brien", "Jean-Luc", "Müller",
         "Ивáн", "Émile"]


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def words_of(texts) -> list[str]:
    """The words of the texts in order, without their quotation marks."""
    return [w.strip("“”") for t in texts for w in t.split() if w.strip("“”")]


def speakers(text: str) -> list[str]:
    quotes = [q for q in find_quotes(text) if q.dialogue]
    return [a.speaker for a in attribute(text, quotes)]


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
@pytest.mark.parametrize("name", NAMES)
def test_a_tagged_name_is_the_speaker_whole(name, form):
    name = form(name)
    assert speakers(f"“Yes,” said {name}.") == [name]
    assert speakers(f"“Yes,” {name} said.") == [name]


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_a_title_before_an_accented_name_is_kept(form):
    name = form("Mme. Müller")
    assert speakers(f"{name} said, “Come in.”") == [name]
    assert speakers(f"“Come in,” said {name}.") == [name]


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_the_one_called_answers(form):
    zoe = form("Zoé")
    text = (f"Tom and {zoe} sat by the fire.\n\n"
            f"“{zoe}, come here,” said Tom.\n\n"
            "“I am coming.”\n")
    assert speakers(text) == ["Tom", zoe]


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_a_first_person_narrator_is_named_by_the_others(form):
    name = form("Andrés")
    text = "".join(f"“Hello, {name},” said Dale.\n\n“Hello,” I said.\n\n" for _ in range(4))
    script = extract_script(text)
    said = [ln.speaker for ln in script.lines if ln.kind == "dialogue"]
    assert said[1::2] == [name] * 4 and NARRATOR not in said


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_the_characters_section_names_them_whole_and_no_word_is_changed(form):
    text = form("Zoé walked in with Łukasz and Ивáн.\n\n"
                "“Hello there,” said Zoé.\n\n"
                "“You are late,” said Łukasz, looking up.\n\n"
                "“We waited,” said Ивáн.\n\n"
                "“I know,” said Ségolène O'Brien.\n")
    script = extract_script(text)
    names = {c.name for c in script.characters}
    assert names == {form(n) for n in ("Zoé", "Łukasz", "Ивáн", "Ségolène O'Brien")}
    # every word of the source is in exactly one line, in order, as the source writes it
    assert words_of(ln.text for ln in script.lines) == words_of([text])


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
@pytest.mark.parametrize("name, sex", [("Zoé", "f"), ("Andrés", "m"), ("Chloé", "f"),
                                       ("Rénald", None)])
def test_an_accented_given_name_leans_as_its_plain_letters_do(name, sex, form):
    """The given-name lists are written without accents: "Zoé" is looked up as "Zoe"; a name
    in neither list leans nowhere."""
    assert label_evidence(form(name)).given_name == (sex or "")


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_a_name_that_ends_on_an_accent_ends_there(form):
    """An alias and an apposition end where the name does, though a decomposed text's name
    ends on a combining mark (no word character, so r"\\b" finds no end after it)."""
    text = form("Mr. Jean Dupré, otherwise the Artful Émile, came in. "
                "Then the beadle, Mr. Dupré, spoke.")
    assert ALIAS.search(text).groups() == (form("Mr. Jean Dupré"), form("Artful Émile"))
    assert APPOSED_BEFORE.search(text).groups() == ("beadle", form("Mr. Dupré"))


@pytest.mark.parametrize("form", [str, nfd], ids=["nfc", "nfd"])
def test_casting_guesses_an_accented_speaker_as_its_plain_name_else_leaves_it_unknown(form):
    from drama.casting import speaker_genders
    from drama.model import Line, Script
    names = [form(n) for n in ("Zoé", "Andrés", "Rénald", "Łukasz", "Ивáн")]
    script = Script("t", lines=[Line(n, "dialogue", "x", i, i + 1) for i, n in enumerate(names)])
    got = speaker_genders([script])
    assert [got[n].gender for n in names] == ["female", "male", "unknown", "unknown", "unknown"]


def test_letter_class_is_upper_and_lower():
    """LETTER, written as its own (shorter) ranges, holds exactly UPPER's and LOWER's characters."""
    letter = re.compile("[" + letters.LETTER + "]")
    either = re.compile("[" + letters.UPPER + letters.LOWER + "]")
    assert len(letters.LETTER) < len(letters.UPPER) + len(letters.LOWER)
    for code in range(0x110000):
        char = chr(code)
        assert bool(letter.match(char)) == bool(either.match(char)), hex(code)
