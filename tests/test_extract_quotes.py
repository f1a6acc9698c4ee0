"""Quotation finding on real passages of the seeds (and of the PDNC dev novels when present)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from drama.extract import build_lines, extract_script
from drama.extract.quotes import find_quotes, is_speech_word
from drama.fidelity import check_script

ROOT = Path(__file__).resolve().parent.parent
SEED_US = (ROOT / "seeds" / "000_15503dc1c8fd3743.txt").read_text(encoding="utf-8")
SEED_UK = (ROOT / "seeds" / "004_daf61342ff4cb22e.txt").read_text(encoding="utf-8")
PDNC = Path(os.environ.get("DRAMA_SHARED", ROOT.parent / "shared")) / "data" / "pdnc-dev"


def paragraph(text: str, needle: str) -> str:
    """The paragraph of a seed that holds needle."""
    for p in text.split("\n\n"):
        if needle in p:
            return p.strip()
    raise AssertionError(f"{needle!r} not in the seed")


def lines_of(text: str, needle: str | None = None, context: str = "") -> list[tuple[str, str]]:
    """(kind, text) of the script of one seed paragraph, extracted with the seed's convention:
    the paragraph is appended to context (the whole seed) so the convention is the book's."""
    para = paragraph(text, needle) if needle else text
    full = context + "\n\n" + para if context else para
    offset = len(full) - len(para)
    return [(ln.kind, ln.text) for ln in extract_script(full).lines if ln.start >= offset]


def dialogue(text: str, needle: str, context: str = "") -> list[str]:
    return [t for k, t in lines_of(text, needle, context) if k == "dialogue"]


# --- apostrophes are not quotation marks -------------------------------------------------

def test_plural_possessives_in_a_british_quotation_do_not_close_it():
    # seed 000's slogan, quoted the British way
    text = SEED_UK + "\n\n‘Long live the workers’, soldiers’ and peasants’ revolution!’ they cried."
    got = lines_of(text.split("\n\n")[-1], context=SEED_UK)
    assert got == [("dialogue", "Long live the workers’, soldiers’ and peasants’ revolution!"),
                   ("narration", "they cried.")]


def test_apostrophes_in_american_narration_are_not_quotations():
    para = paragraph(SEED_US, "Long live the workers’")
    assert [k for k, _ in lines_of(para, context=SEED_US)] == ["narration"]
    assert dialogue(SEED_US, "Don’t hit them") == ["Don’t hit them,", "It is uncultured."]


def test_elisions_and_possessives_inside_british_speech():
    text = ("‘’Tis the Kadets’ doing, and don’t you forget it,’ said Martov. "
            "‘The ministers’ sustenance is their own affair.’")
    got = [t for k, t in lines_of(text, context=SEED_UK) if k == "dialogue"]
    assert got == ["’Tis the Kadets’ doing, and don’t you forget it,",
                   "The ministers’ sustenance is their own affair."]


def test_elisions_and_possessives_inside_american_speech():
    text = ("“’Tis the Kadets’ doing, and don’t you forget it,” said Martov. "
            "“The ministers’ sustenance is their own affair.”")
    got = [t for k, t in lines_of(text, context=SEED_US) if k == "dialogue"]
    assert got == ["’Tis the Kadets’ doing, and don’t you forget it,",
                   "The ministers’ sustenance is their own affair."]


# --- interrupted quotations and multi-paragraph speech -------------------------------------

@pytest.mark.parametrize("seed", [SEED_US, SEED_UK], ids=["american", "british"])
def test_interrupted_quotation_is_two_lines_of_one_speech(seed):
    got = lines_of(seed, "a critical moment", context=seed)
    kinds = [k for k, _ in got]
    assert kinds[:4] == ["narration", "dialogue", "narration", "dialogue"]
    assert got[1][1].rstrip(",") == "It was"
    assert got[2][1] == "she wrote,"
    assert got[3][1] == "a critical moment in the history of the Russian Revolution."
    quotes = [q for q in find_quotes(seed) if q.dialogue]
    second = next(q for q in quotes if seed[q.start:q.end].startswith("a critical moment"))
    assert second.continues


def test_multi_paragraph_speech_continues():
    # seed 000's proclamation, set as a speech that runs over three paragraphs: each paragraph
    # opens with a quote mark and only the last one closes
    p1 = paragraph(SEED_US, "To the Citizens of Russia")
    p2 = paragraph(SEED_US, "The cause for which the people have struggled")
    p3 = paragraph(SEED_US, "Long live the workers’")
    text = f"Lenin read aloud.\n\n“{p1}\n\n“{p2}\n\n“{p3}”\n\nThe hall was silent."
    quotes = [q for q in find_quotes(text) if q.dialogue]
    assert len(quotes) == 3
    assert [q.continues for q in quotes] == [False, True, True]
    assert [k for k, _ in lines_of(text)] == ["narration", "dialogue", "dialogue", "dialogue",
                                               "narration"]


# --- broken typography stays in its paragraph ----------------------------------------------

def test_mismatched_marks_are_confined_to_their_paragraph():
    got = lines_of(SEED_US, "Our arrest is imminent", context=SEED_US)
    assert got == [("narration", "Frantic, Konovalov telephoned Shreider."),
                   ("dialogue", "All we have is a small force of cadets,"),
                   ("narration", "he said."),
                   ("dialogue", "Our arrest is imminent."),
                   ("narration", "The connection broke.")]


def test_closing_mark_without_opening_one_starts_at_its_sentence():
    got = lines_of(SEED_US, "It is uncultured.", context=SEED_US)
    assert got[-2:] == [("narration", "he and other experienced — proud — Bolsheviks insisted."),
                        ("dialogue", "It is uncultured.")]
    orphan = next(q for q in find_quotes(SEED_US) if SEED_US[q.start:q.end] == "It is uncultured.")
    assert orphan.dialogue and orphan.continues and orphan.open == orphan.start


def test_unclosed_quotation_ends_with_its_paragraph():
    text = SEED_US.replace("I will make sure at once.”", "I will make sure at once.")
    script = extract_script(text)
    i = text.index("Watch! I will")
    para_end = text.index("\n\n", i)
    line = next(ln for ln in script.lines if ln.start <= i < ln.end)
    assert line.kind == "dialogue" and line.end <= para_end
    after = next(ln for ln in script.lines if ln.start > para_end)
    assert after.text.startswith("About 2:00 AM") and after.kind == "narration"


def test_a_quotation_lacking_its_closing_mark_ends_before_its_speech_tag():
    """ux24: `"Where are you going? said Anna.` ran to the paragraph's end, "said Anna" in
    the speech, and the line went to someone else; the tag says where the mark was lost."""
    text = ('"Where are you going? said Anna.\n\nHe did not answer. "Home, he said at last.\n'
            '\nShe laughed.\n')
    assert [(text[q.start:q.end], q.dialogue) for q in find_quotes(text)] == [
        ("Where are you going?", True), ("Home,", True)]
    assert [ln.speaker for ln in extract_script(text).lines if ln.kind == "dialogue"][0] == \
        "Anna"
    # no tag in it, or a speech running on into the next paragraph: to its paragraph's end
    text = ('"Where are you going, Anna, so late.\n\nShe did not answer.\n\n"I said, Tom '
            'said you were out.\n\n"And so you were," he went on.\n')
    assert [text[q.start:q.end] for q in find_quotes(text)] == [
        "Where are you going, Anna, so late.", "I said, Tom said you were out.",
        "And so you were,"]


def test_a_quotation_lacking_its_closing_mark_reports_speech_or_reopens_after_its_tag():
    """review24: ux24 cut `"I told you, Anna said it was fine.` after "you," (Anna's
    words reported in the speech, no tag) and, in `"Home, he said, "and go.`, gave "and
    go." to the narrator: what follows a tag is read again for a quotation."""
    from drama.fidelity import check_script
    text = ('"I told you, Anna said it was fine. Why?\n\nThe room was quiet.\n\n'
            'Mark stood. "Home, he said, "and do not follow me.\n\nShe sat alone.\n\n'
            '"Where are you going? said Anna to her mother.\n\nNo answer came.\n')
    assert [text[q.start:q.end] for q in find_quotes(text)] == [
        "I told you, Anna said it was fine. Why?", "Home,", "and do not follow me.",
        "Where are you going?"]
    assert check_script(extract_script(text), text, None).ok  # each word in one line


def test_a_quotation_closed_by_the_nested_mark_ends_before_its_tag():
    # “…’ said Ann, “…”: the closing mark is the nested one; the tag after it says the first
    # part ended there, and the second part is hers too
    text = ("The fire was low.\n\n“We shall stay, and we shall not, sir’ said Ann, “whatever "
            "the weather does.”\n\n“Then stay,” said Tom.\n")
    spoken = [text[q.start:q.end] for q in find_quotes(text) if q.dialogue]
    assert spoken == ["We shall stay, and we shall not, sir", "whatever the weather does.",
                      "Then stay,"]
    # without a tag after it, a ’ is a possessive: the quotation lacked its mark
    text = "Ann came in. “We took the boys’ dog out “Good,” said Tom.\n"
    assert [text[q.start:q.end] for q in find_quotes(text)] == \
        ["We took the boys’ dog out", "Good,"]


# --- quoted words inside the narrator's sentence stay narration ----------------------------

@pytest.mark.parametrize("needle", [
    "“morose” and “primitive”",
    "would fall “momentarily.”",
    "that “nonparty” body",
    "only “a private gathering of Bolshevik delegates.”",
])
def kind_at(text: str, needle: str) -> str:
    """The kind of the line that speaks the first letter of needle's first word."""
    lo = text.index(needle)
    lo += next(k for k, c in enumerate(needle) if c.isalpha())
    return next(ln.kind for ln in extract_script(text).lines if ln.start <= lo < ln.end)


@pytest.mark.parametrize("needle", [
    "“morose” and “primitive”",
    "“primitive” and “dark,”",
    "would fall “momentarily.”",
    "that “nonparty” body",
    "only “a private gathering of Bolshevik delegates.”",
    "mostly bore “the grey features",
])
def test_scare_quotes_and_fragments_are_narration(needle):
    assert kind_at(SEED_US, needle) == "narration"


@pytest.mark.parametrize("needle", [
    "would ‘stand in front of the cannon’",
    "those who ‘did not wish a bloodbath’",
    "announced that ‘the Bolshevik fraction",
])
def test_british_fragments_after_a_verb_are_narration(needle):
    assert kind_at(SEED_UK, needle) == "narration"


def test_stand_alone_speech_is_dialogue():
    assert dialogue(SEED_US, "What will you do?") == ["What will you do?"]
    assert dialogue(SEED_UK, "We demand to pass!") == ["We demand to pass!",
                                                       "We are going to the Winter Palace!"]


# --- a quoted written account yields its inner speech --------------------------------------

def test_speech_inside_a_quoted_account_is_dialogue():
    got = lines_of(SEED_UK, "John Reed’s eyewitness account", context=SEED_UK)
    assert got == [
        ("narration", "John Reed’s eyewitness account of what happened next is famous."),
        ("narration", "Another sailor came up, very much irritated."),
        ("dialogue", "We will spank you!"),
        ("narration", "he cried energetically."),
        ("dialogue", "And if necessary we will shoot you too. Go home now, and leave us in peace."),
    ]
    nested = [q for q in find_quotes(SEED_UK) if q.nested and q.dialogue]
    assert len(nested) == 2


@pytest.mark.parametrize("space", ["\t", "\u00a0"])
def test_speech_in_a_quoted_account_set_off_by_a_tab_or_a_no_break_space(space):
    """newcomer50: a text that puts tabs (or no-break spaces) between its words read the
    account below as one speech, its tagged speech and the tag in it, where spaces made
    the inner speech dialogue: a tag after the inner quote counted only after a space."""
    account = ("The harbour log of that night is short. ‘A boy came to the gate, very cold."
               " “Let me in!” he shouted. “I have walked all day.”’")
    want = [("narration", "The harbour log of that night is short."),
            ("narration", "A boy came to the gate, very cold."),
            ("dialogue", "Let me in!"), ("narration", "he shouted."),
            ("dialogue", "I have walked all day.")]
    assert lines_of(account, context=SEED_UK) == want
    assert lines_of(account.replace(" ", space), context=SEED_UK) == want


def test_speech_quoting_someone_stays_one_line():
    # a speaker who quotes a word inside their own speech: the inner quote is not split out
    text = "‘He told me “never”, and then he left,’ said Martov."
    got = lines_of(text, context=SEED_UK)
    assert got == [("dialogue", "He told me never, and then he left,"), ("narration", "said Martov.")]


# --- line text ------------------------------------------------------------------------------

def test_line_text_strips_marks_but_keeps_apostrophes():
    quotes = find_quotes(SEED_UK)
    lines = build_lines(SEED_UK, quotes)
    joined = " ".join(ln.text for ln in lines)
    assert "‘" not in joined and "“" not in joined and "”" not in joined
    assert "Martov’s call" in joined and "deputies’ decisions" in joined
    assert all("  " not in ln.text and "\n" not in ln.text for ln in lines)


# --- the PDNC dev novels (skipped without ../shared) ----------------------------------------

def novel(name: str) -> str:
    path = PDNC / name / "novel_text.txt"
    if not path.is_file():
        pytest.skip("PDNC dev data not present")
    return path.read_text(encoding="utf-8")


def test_straight_quotes_nested_in_straight_quotes_oliver_twist():
    text = novel("OliverTwist")
    i = text.index('"Yes, Oliver," said Mr. Bumble. "The kind and blessed')
    para = text[i:text.index("\n\n", i)]
    got = [(ln.kind, ln.text[:30]) for ln in extract_script(para).lines]
    assert got == [("dialogue", "Yes, Oliver,"), ("narration", "said Mr. Bumble."),
                   ("dialogue", "The kind and blessed gentleman")]


def test_speech_after_a_participle_of_saying_alice():
    text = novel("AlicesAdventuresInWonderland")
    i = text.index('saying to herself "That\'s quite enough')
    para = text[text.rindex("\n\n", 0, i) + 2:text.index("\n\n", i)]
    lines = extract_script(para).lines
    assert any(ln.kind == "dialogue" and ln.text.startswith("That's quite enough")
               for ln in lines)


def test_titles_after_an_article_are_narration_invisible_man():
    text = novel("TheInvisibleMan")
    i = text.index('outside the "Coach and Horses."')
    para = text[text.rindex("\n\n", 0, i) + 2:text.index("\n\n", i)]
    lines = extract_script(para).lines
    hit = [ln for ln in lines if "Coach and Horses" in ln.text]
    assert hit and all(ln.kind == "narration" for ln in hit)


def test_one_paragraph_per_line_without_blank_lines():
    # seed 000 as an unwrapped e-text: one paragraph per line, no blank lines between
    paras = [line.strip() for line in SEED_US.splitlines() if line.strip()]
    blank = extract_script("\n\n".join(paras))
    single = extract_script("\n".join(paras))
    assert [ln.kind for ln in single.lines] == [ln.kind for ln in blank.lines]
    assert [ln.text for ln in single.lines] == [ln.text for ln in blank.lines]


def test_a_speaker_retelling_tagged_speech_stays_one_line_sun_also_rises():
    text = novel("TheSunAlsoRises")
    i = text.index("\"He's all right. He says some pretty funny things.")
    para = text[i:text.index("\n\n", i)]
    lines = extract_script(para).lines
    assert [ln.kind for ln in lines] == ["dialogue"]
    assert "Hoffenheimer. The trouble is, he said, he's a garter snapper." in lines[0].text


def test_multi_paragraph_speech_invisible_man():
    text = novel("TheInvisibleMan")
    i = text.index('"It can t be.\n\n"But after all why not?')
    lo = text.rindex("\n\n", 0, i - 2) + 2          # the paragraph before: speech left open
    hi = text.index("\n\n", text.index("would still be visible.", i))
    passage = text[lo:hi]
    quotes = [q for q in find_quotes(passage) if q.dialogue]
    assert len(quotes) == 4
    assert [q.continues for q in quotes] == [False, True, True, True]
    assert passage[quotes[-1].start:quotes[-1].end] == \
        "If a man was made of glass he would still be visible."


@pytest.mark.parametrize("seed,wrong", [(SEED_US, "” "), (SEED_UK, "’ ")],
                         ids=["american", "british"])
def test_a_closing_mark_curled_the_wrong_way_at_a_paragraph_start_opens(seed, wrong):
    # auto-curling turns an opening quote followed by a space into a closing one
    right = "“" if seed is SEED_US else "‘"
    text = seed.replace(right + "What will you do?", wrong + "What will you do?")
    assert text != seed
    assert dialogue(text, "What will you do?", context=text) == ["What will you do?"]


@pytest.mark.parametrize("word", ["announcing", "declaring", "continuing", "saying",
                                  "whispering"])
def test_the_ing_form_of_a_listed_verb_of_saying_is_one(word):
    # the lexicon lists some verbs only as "announces"/"announced": their -ing form too
    assert is_speech_word(word)


# --- a dash lost at a quotation's edge (plain texts that drop their dashes) -----------------

def script_of(text: str) -> list[tuple[str, str]]:
    """(kind, text) of a whole invented text's script."""
    return [(ln.kind, ln.text) for ln in extract_script(text).lines]


def test_a_straight_mark_between_spaces_opens_the_speech_again():
    # `" not with …`: the dash after the mark is lost, a space stands on each side of it
    text = '"Not tonight," said Wren, " not with the river so high "\n\nShe nodded.'
    assert script_of(text) == [("dialogue", "Not tonight,"), ("narration", "said Wren,"),
                               ("dialogue", "not with the river so high"),
                               ("narration", "She nodded.")]


def test_a_lone_straight_mark_between_spaces_opens_nothing():
    # an odd mark with no partner after it (the quotation's pair comes later): the
    # sentence after it stays narration
    text = 'He stopped at the gate " The rain came on. "Come in!" she called.'
    assert script_of(text) == [("narration", 'He stopped at the gate " The rain came on.'),
                               ("dialogue", "Come in!"), ("narration", "she called.")]


def test_a_speech_taken_up_after_its_tag_is_no_quoted_account():
    # the speaker retells what was said to her: her speech goes on, not a quoted document
    text = ('"We waited," Nell said, glancing at the door, "until dark; and when the cart '
            'came I told the driver, "Go by the mill road!" He only nodded and said, '
            '"As you like." And so we came home."\n\nThe farmer frowned.')
    assert script_of(text) == [
        ("dialogue", "We waited,"), ("narration", "Nell said, glancing at the door,"),
        ("dialogue", "until dark; and when the cart came I told the driver, Go by the mill "
                     "road! He only nodded and said, As you like. And so we came home."),
        ("narration", "The farmer frowned.")]


@pytest.mark.parametrize("silent", ['"..."', '"—"', '“…”', '"?!"', "'. . .'"])
def test_a_quotation_of_no_word_is_kept_as_narration_never_lost(silent):
    """newcomer49/fixes50: a quotation of no word is no line to say (find_quotes finds
    none: a voice would say nothing). Tagged, the narrator reads it with its tag ('"..."
    said Mara.': "said Mara." is heard); alone in its paragraph it was dropped from the
    script and every export, and is now a narration line of its own (silent, a pause)."""
    text = (f'"Where were you?" asked Tobin.\n\n{silent}\n\n"Answer me," said Tobin.\n\n'
            f'{silent} said Mara.\n')
    script = extract_script(text)
    said = [(ln.speaker, ln.kind, ln.text) for ln in script.lines]
    assert ("Narrator", "narration", silent) in said, said
    assert ("Narrator", "narration", f"{silent} said Mara.") in said, said
    assert not any(ln.kind == "dialogue" and ln.speaker == "Mara" for ln in script.lines)
    kept = "".join(text[ln.start:ln.end] for ln in script.lines)
    assert kept.count(silent) == 2
    assert check_script(script, text, None).ok


@pytest.mark.parametrize("spare", ["* * *", "—", "#"])
def test_punctuation_of_no_quotation_makes_no_narration_line(spare):
    text = f'"Where were you?" asked Tobin.\n\n{spare}\n\n"Answer me," said Tobin.\n'
    assert [ln.text for ln in extract_script(text).lines] == [
        "Where were you?", "asked Tobin.", "Answer me,", "said Tobin."]
