"""check_script at a book's scale: a clean check does no work over the whole text per
script (a book's 53 episodes each walked Oliver Twist's 888 kB a character at a time,
twice a build: 24 s of an up-to-date build's 37, walk36)."""
from __future__ import annotations

from drama.extract import extract_script
from drama.fidelity import check_script

PARAGRAPH = ("The river ran past the old stone houses, and the people who lived in them "
             "talked of the weather.\n\u201cIt will rain,\u201d said Tom.\n\n")


class CountedText(str):
    """A text that counts how often it is walked a character at a time."""
    walks = 0

    def __iter__(self):
        CountedText.walks += 1
        return super().__iter__()


def test_a_clean_check_never_walks_the_text_a_character_at_a_time():
    text = PARAGRAPH * 40
    script = extract_script(text)
    CountedText.walks = 0
    report = check_script(script, CountedText(text), None)
    assert report.ok, report.problems
    assert CountedText.walks == 0


def test_a_word_that_differs_still_names_its_source_line():
    text = PARAGRAPH * 3
    script = extract_script(text)
    said = [ln for ln in script.lines if ln.kind == "dialogue"]
    said[2].text = said[2].text.replace("rain", "snow")
    report = check_script(script, text, None)
    words = [p for p in report.problems if p.kind == "words"]
    assert words and "source line 8" in words[0].message, [p.message for p in words]
