"""Book structure in plain text: headings in the forms books use, Gutenberg matter, contents."""
from __future__ import annotations

from pathlib import Path

import pytest

from drama.extract import extract_script
from drama.extract.structure import find_structure
from drama.fidelity import check_script

PROSE = ("The river ran past the old stone houses, and the people who lived in them talked "
         "of the weather and the harvest and of nothing else at all for many long years.")


def book(*headings: str, body: str = PROSE) -> str:
    return "\n\n\n".join(f"{h}\n\n{body}" for h in headings) + "\n"


def headings(text: str) -> list[tuple[str, str]]:
    return [(s.level, s.title) for s in find_structure(text).headings()]


@pytest.mark.parametrize("first,second", [
    ("CHAPTER I.", "CHAPTER II."),
    ("Chapter 1", "Chapter 2"),
    ("CHAPTER IV. Mrs. Rachel Lynde is Surprised", "CHAPTER V. Marilla Cuthbert is Surprised"),
    ("CHAPTER I\nTHE MILL BY THE RIVER", "CHAPTER II\nA LETTER FROM TOWN"),
    ("                      CHAPTER\n                         1", "      CHAPTER\n       2"),
    ("    CHAPTER ONE", "    CHAPTER TWO"),
    ("I.", "II."),
    ("I", "II"),
])
def test_chapter_headings_in_the_forms_books_use(first, second):
    found = headings(book(first, second))
    assert [level for level, _ in found] == ["chapter", "chapter"]
    assert found[0][1].split()[0].rstrip(".").lower() in ("chapter", "i")


@pytest.mark.parametrize("part", ["VOLUME II", "BOOK ONE", "PART I: MOSQUE", "VOL. II.",
                                  "Book I", "BOOK THE FIRST\n_SOWING_"])
def test_part_headings(part):
    found = headings(book(part + "\n\n\nCHAPTER I.", "CHAPTER II."))
    assert [level for level, _ in found] == ["part", "chapter", "chapter"]


@pytest.mark.parametrize("first,second,found", [
    ("## Chapter One", "## Chapter Two",
     [("chapter", "Chapter One."), ("chapter", "Chapter Two.")]),
    ("## The Storm", "## The Harbour ##",
     [("chapter", "The Storm."), ("chapter", "The Harbour.")]),
    ("# The Long Road\n\n\n## The Storm", "## The Harbour",
     [("part", "The Long Road."), ("chapter", "The Storm."), ("chapter", "The Harbour.")]),
    ("# Part One\n\n\n### Chapter 1", "### Chapter 2",
     [("part", "Part One."), ("chapter", "Chapter 1."), ("chapter", "Chapter 2.")]),
    ("# The Storm", "# The Harbour", [("chapter", "The Storm."), ("chapter", "The Harbour.")]),
    ("Chapter One\n-----------", "Chapter Two\n===", [("chapter", "Chapter One."),
                                                    ("chapter", "Chapter Two.")]),
    ("The Long Road\n=============\n\n\nThe Storm\n---------", "The Harbour\n---",
     [("part", "The Long Road."), ("chapter", "The Storm."), ("chapter", "The Harbour.")]),
])
def test_markdown_headings_are_headings_titled_without_their_marks(first, second, found):
    """newcomer49/fixes50: a .md's `## Chapter One` was no chapter (its `## ` hid the
    heading). A Markdown heading line is a heading whatever its words, titled without its
    #s; a part or chapter as its words say, else a chapter, or a part over headings of
    more #s. A title underlined (=== as one #, --- as two) is one too."""
    text = book(first, second)
    assert headings(text) == found
    script = extract_script(text)
    assert [ln.text for ln in script.lines if ln.kind == "chapter"] == [t for _, t in found]
    assert check_script(script, text, None).ok


@pytest.mark.parametrize("line", ["#", "# # #", "#hashtag at the start", "#1 on the list",
                                  "---", "===", "A first line of prose\nand its second.\n---"])
def test_a_hash_that_opens_no_markdown_heading_is_none(line):
    """A # alone (a scene break), or one without a space after it, opens no heading; nor
    does a rule (--- alone) or a line under more than one line of prose."""
    assert headings(book("## Chapter One", line)) == [("chapter", "Chapter One.")]


def test_a_markdown_title_over_its_byline_is_the_title_and_a_contents_heading_skipped():
    text = book("# The Long Road\n\nby Ann Writer\n\n\n## Contents\n\n- One\n- Two\n\n\n"
                "## Chapter One", "## Chapter Two")
    structure = find_structure(text)
    assert [(s.kind, s.level, s.title) for s in structure.sections] == [
        ("chapter", "title", "The Long Road, by Ann Writer."),
        ("skipped", "contents", ""),
        ("chapter", "chapter", "Chapter One."), ("chapter", "chapter", "Chapter Two.")]
    assert (structure.info.title, structure.info.author) == ("The Long Road", "Ann Writer")
    underlined = text.replace("# The Long Road", "The Long Road\n===").replace(
        "## Chapter One", "Chapter One\n---")
    assert [(s.kind, s.level, s.title) for s in find_structure(underlined).sections] == [
        (s.kind, s.level, s.title) for s in structure.sections]


def test_a_heading_line_becomes_a_chapter_line_spoken_by_the_narrator_never_dialogue():
    text = book('CHAPTER I. "Who Goes There?"', "CHAPTER II.")
    script = extract_script(text)
    heads = [ln for ln in script.lines if ln.kind == "chapter"]
    assert [ln.text for ln in heads] == ['CHAPTER I. Who Goes There?', "CHAPTER II."]
    assert all(ln.speaker == "Narrator" for ln in heads)
    assert not any(ln.kind == "dialogue" for ln in script.lines)
    assert check_script(script, text, None).ok


def test_a_title_under_its_heading_past_a_blank_line_is_the_headings():
    """An HTML page's <h2>CHAPTER I.</h2><h3>The Boat</h3> reads as "CHAPTER I.", a blank
    line, "The Boat": the title was narration and the episode "Chapter I" (walk33)."""
    text = book("CHAPTER I.\n\nThe Boat", "CHAPTER II.\n\nTHE MILL ON THE FLOSS")
    assert headings(text) == [("chapter", "CHAPTER I. The Boat."),
                              ("chapter", "CHAPTER II. THE MILL ON THE FLOSS.")]
    script = extract_script(text)
    assert [ln.text for ln in script.lines if ln.kind == "chapter"] == \
        ["CHAPTER I. The Boat.", "CHAPTER II. THE MILL ON THE FLOSS."]
    assert check_script(script, text, None).ok


def test_a_title_the_text_wraps_over_two_lines_is_one_title():
    """A title wrapped after "OF THE" (" CHAPTER I." / "IN WHICH THE MILLER'S BOY IS FOUND
    ON THE STEPS AND OF THE" / "STORM THAT BROUGHT HIM THERE") was the episode "Chapter I.
    In Which … and of The. Storm That Brought Him There", spoken with a stop after "the"
    (walk36); a title stacked in short lines keeps its stops."""
    text = book(" CHAPTER I.\nIN WHICH THE MILLER'S BOY IS FOUND ON THE STEPS AND OF THE\n"
                "STORM THAT BROUGHT HIM THERE",
                " CHAPTER II.\nTELLING SOMETHING MORE OF THE OLD FERRYMAN,\n"
                "AND HIS QUARRELSOME GEESE",
                " CHAPTER III.\nTOBY, BEING SENT TO ANOTHER FARM, TAKES HIS FIRST STEP INTO"
                " THE WIDE\nWORLD",
                "CHAPTER IV.\nTHE RIVER\nA LEGEND",
                "CHAPTER V.\nHOW THE BOY MET HIS GOOD FRIEND AND HIS TWENTY-\nFIVE FRIENDS;"
                " THE SEA—\nAND THE RIVER —\nAGAIN")
    assert [title for _, title in headings(text)] == [
        "CHAPTER I. IN WHICH THE MILLER'S BOY IS FOUND ON THE STEPS AND OF THE STORM THAT "
        "BROUGHT HIM THERE.",
        "CHAPTER II. TELLING SOMETHING MORE OF THE OLD FERRYMAN, AND HIS QUARRELSOME GEESE.",
        "CHAPTER III. TOBY, BEING SENT TO ANOTHER FARM, TAKES HIS FIRST STEP INTO THE WIDE "
        "WORLD.",
        "CHAPTER IV. THE RIVER. A LEGEND.",
        "CHAPTER V. HOW THE BOY MET HIS GOOD FRIEND AND HIS TWENTY-FIVE FRIENDS; THE "
        "SEA—AND THE RIVER — AGAIN."]  # a wrapped word's hyphen joins it again (review36)
    script = extract_script(text)
    assert check_script(script, text, None).ok


@pytest.mark.parametrize("under", ["1850", "1850.", "12", "May 3, 1850", "3rd May 1850",
                                   "Jan. 1850"])
def test_a_long_title_does_not_run_on_into_a_date_or_a_number_under_it(under):
    """review36: a title line long enough to have been wrapped, ending in no stop, took the
    line under it as the rest of its title, even a date or a number alone ("... TO YOUR
    DOOR 1850"): that line ends the title, it does not go on with it."""
    title = "THE LONG AND WINDING ROAD THAT LEADS TO YOUR DOOR"
    text = book(f"CHAPTER I.\n{title}\n{under}", "CHAPTER II.")
    assert headings(text)[0] == ("chapter", f"CHAPTER I. {title}. {under.rstrip('.')}.")
    assert headings(book(f"CHAPTER I.\n{title}\nAND THE RIVER", "CHAPTER II."))[0] == \
        ("chapter", f"CHAPTER I. {title} AND THE RIVER.")  # words: the title goes on
    assert check_script(extract_script(text), text, None).ok


@pytest.mark.parametrize("under", ["A day of rain and of sorrow", "“Who goes there?”",
                                   "— Old Song", "The Arrival at the Inn"])
def test_a_long_title_does_not_run_on_into_a_line_printed_otherwise(under):
    """review36: a title line of 40 characters or more with no stop took whatever line
    followed as the rest of its title (an epigraph under it): a line in lower case under
    capitals, a quotation or a dash is a line of its own; a line in the title's own case
    goes on with it (a title in title case is so even in capitals)."""
    title = "THE LONG AND WINDING ROAD THAT LEADS TO YOUR DOOR"
    found = headings(book(f"CHAPTER I.\n{title}\n{under}", "CHAPTER II."))[0][1]
    assert found.startswith(f"CHAPTER I. {title}. "), found
    mixed = "The Long and Winding Road That Leads to Your Door"
    found = headings(book(f"CHAPTER I.\n{mixed}\n{under}", "CHAPTER II."))[0][1]
    goes_on = under == "The Arrival at the Inn"
    assert found.startswith(f"CHAPTER I. {mixed}{' ' if goes_on else '. '}"), found


def test_a_heading_line_runs_on_only_by_a_title_of_its_own():
    """review36: "CHAPTER I. A" over "THE BOY" was one title ("CHAPTER I. A THE BOY"): the
    heading's line goes on into the next only where it carries a title of two words or
    more cut by the wrapping."""
    text = book("CHAPTER I. A\nTHE BOY", "CHAPTER II. IN WHICH THE BOY MEETS WITH\nTHE OLD MAN")
    assert [title for _, title in headings(text)] == [
        "CHAPTER I. A. THE BOY.", "CHAPTER II. IN WHICH THE BOY MEETS WITH THE OLD MAN."]


@pytest.mark.parametrize("first,title", [
    ("CHAPTER I. IN\nWHICH THE BOY IS BORN", "CHAPTER I. IN WHICH THE BOY IS BORN."),
    ("CHAPTER I. OF\nTHE OLD MAN AND HIS BOAT", "CHAPTER I. OF THE OLD MAN AND HIS BOAT."),
    ("Chapter I. In\nWhich the Boy Is Born", "Chapter I. In Which the Boy Is Born."),
])
def test_a_heading_lines_one_small_word_opening_a_phrase_runs_on(first, title):
    """review37/fix38: "CHAPTER I. IN" / "WHICH THE BOY IS BORN" was two parts ("IN. WHICH
    ..."): a small word no title ends on goes on into the next line, but an article before
    another small word ("A" / "THE BOY", above), which no phrase writes."""
    assert [t for _, t in headings(book(first, "CHAPTER II."))][0] == title


@pytest.mark.parametrize("first,title", [
    ("CHAPTER I. TWENTY-\nFIVE YEARS ON", "CHAPTER I. TWENTY-FIVE YEARS ON."),
    ("CHAPTER I. CONCERNING,\nTHE BOY AND HIS DOG",
     "CHAPTER I. CONCERNING, THE BOY AND HIS DOG."),
])
def test_a_heading_lines_one_word_title_cut_at_a_hyphen_or_comma_runs_on(first, title):
    """review37: a one-word title the wrapping cut at a hyphen or a comma ("TWENTY-" /
    "FIVE YEARS ON") was spoken "TWENTY-. FIVE YEARS ON" (fix37 let only a title of two
    words or more go on); the number alone still does not go on."""
    assert [t for _, t in headings(book(first, "CHAPTER II."))][0] == title


@pytest.mark.parametrize("after", ['"Hello!"', "Yes.", "It was cold", "— Who is there?",
                                   "CHAPTER II.", "II.", "Then a storm came up the river",
                                   "Dear Sir,", "My Dear Mother,"])
def test_a_line_after_a_heading_that_is_no_title_stays_the_text(after):
    """Speech, a sentence, a line in lower case, another heading, a letter's salutation:
    not a title."""
    found = headings(book(f"CHAPTER I.\n\n{after}", "CHAPTER III."))
    assert not any(title.startswith("CHAPTER I. ") for _, title in found), found


def test_lone_numerals_that_do_not_count_up_are_not_chapters():
    text = book("1813.", "CHAPTER I.")
    assert headings(text) == [("chapter", "CHAPTER I.")]
    assert headings(book("IV.", "XII.")) == []


def test_a_table_of_contents_is_skipped_not_taken_for_chapters():
    toc = "CONTENTS\n\nCHAPTER I. The House on the Marsh\nCHAPTER II. A Storm at Sea"
    text = toc + "\n\n\n" + book("CHAPTER I. The House on the Marsh", "CHAPTER II. A Storm at Sea")
    st = find_structure(text)
    assert [(s.kind, s.level) for s in st.sections] == [
        ("skipped", "contents"), ("chapter", "chapter"), ("chapter", "chapter")]
    script = extract_script(text)
    assert script.lines[0].kind == "skipped" and script.lines[0].level == "contents"
    assert check_script(script, text, None).ok  # skipped, but every word is in the script


SHORT_CHAPTERS = ("CHAPTER I.\n\nMara climbed the stairs. The house was quiet and the lamps "
                  "were out.\n\n\"Is anyone home?\" she called.\n\nCHAPTER II.\n\nTom "
                  "waited in the kitchen. He had heard her.\n\n\"Down here,\" he said.\n")


def test_a_chapter_of_two_short_paragraphs_is_a_chapter():
    """Under MIN_BODY_CHARS of prose each, the second heading was read as narration and the
    text came out as one episode."""
    assert headings(SHORT_CHAPTERS) == [("chapter", "CHAPTER I."), ("chapter", "CHAPTER II.")]


def test_a_chapter_of_one_short_sentence_between_two_that_count_is_a_chapter():
    """newcomer50: a book of very short chapters (200 of a sentence or two) came out as 134
    episodes: "CHAPTER 3." over one sentence was narration at the end of chapter 2's
    episode. A heading too short of prose to count alone counts when it numbers the chapter
    between two that do; one that does not count on (CHAPTER 9. between 2 and 3, a
    list's item) stays narration."""
    text = book("CHAPTER 1.", "CHAPTER 2.") + "\n\nCHAPTER 3.\n\nThe wind blew all night.\n\n\n" \
        + book("CHAPTER 4.", "CHAPTER 5.")
    assert [t for _, t in headings(text)] == [f"CHAPTER {n}." for n in range(1, 6)]
    script = extract_script(text)
    assert [ln.text for ln in script.lines if ln.kind == "chapter"][2] == "CHAPTER 3."
    stray = book("CHAPTER 1.", "CHAPTER 2.") + "\n\nCHAPTER 9.\n\nThe wind blew.\n\n\n" \
        + book("CHAPTER 3.")
    assert [t for _, t in headings(stray)] == ["CHAPTER 1.", "CHAPTER 2.", "CHAPTER 3."]
    last = book("CHAPTER 1.", "CHAPTER 2.") + "\n\nCHAPTER 3.\n\nThe end.\n"
    assert [t for _, t in headings(last)][-1] == "CHAPTER 3."
    run = book("Chapter 1", "Chapter 2") + "".join(
        f"\n\nChapter {n}\n\nIt rained on day {n}.\n" for n in (3, 4, 5)) + "\n\n" \
        + book("Chapter 6")
    assert [t for _, t in headings(run)] == [f"Chapter {n}." for n in range(1, 7)]


def test_a_contents_with_a_line_of_description_under_each_entry_is_still_no_chapters():
    toc = ("CONTENTS\n\nCHAPTER I.\n\nIn which the river is crossed.\n\nCHAPTER II.\n\n"
           "In which the town is reached.\n\n\n")
    text = toc + book("CHAPTER I.", "CHAPTER II.")
    assert [(s.kind, s.level) for s in find_structure(text).sections] == [
        ("skipped", "contents"), ("chapter", "chapter"), ("chapter", "chapter")]


def test_a_contents_with_two_lines_of_synopsis_under_each_entry_is_still_no_chapters():
    """Two short sentences under each entry read as a short chapter's prose: the contents
    came out as chapters (and episodes) of their own; a heading met again further on is a
    contents entry unless MIN_BODY_CHARS follow it."""
    toc = ("CONTENTS\n\nCHAPTER I.\n\nIn which the river is crossed.\n\nNobody drowns.\n\n"
           "CHAPTER II.\n\nIn which the town is reached.\n\nThe mayor is out.\n\n\n")
    text = toc + book("CHAPTER I.", "CHAPTER II.")
    assert [(s.kind, s.level) for s in find_structure(text).sections] == [
        ("skipped", "contents"), ("chapter", "chapter"), ("chapter", "chapter")]
    assert headings(SHORT_CHAPTERS) == [("chapter", "CHAPTER I."), ("chapter", "CHAPTER II.")]


def test_gutenberg_header_licence_and_title_block():
    text = ("The Project Gutenberg EBook of Emma, by Jane Austen\n\nThis eBook is for the use "
            "of anyone anywhere at no cost.\n\nTitle: Emma\n\nAuthor: Jane Austen\n\n"
            "*** START OF THIS PROJECT GUTENBERG EBOOK EMMA ***\n\n\nProduced by An Anonymous "
            "Volunteer\n\n\n\n\nEMMA\n\nBy Jane Austen\n\n\n\n"
            + book("VOLUME I\n\n\n\nCHAPTER I", "CHAPTER II")
            + "\n\nEnd of the Project Gutenberg EBook of Emma, by Jane Austen\n\n"
              "*** END OF THIS PROJECT GUTENBERG EBOOK EMMA ***\n\n\"Project Gutenberg\" is a "
              "registered trademark. Section 1. General Terms of Use.\n")
    st = find_structure(text)
    assert (st.info.title, st.info.author) == ("Emma", "Jane Austen")
    kinds = [(s.kind, s.level) for s in st.sections]
    assert kinds == [("skipped", "gutenberg-header"), ("chapter", "title"), ("chapter", "part"),
                     ("chapter", "chapter"), ("chapter", "chapter"),
                     ("skipped", "gutenberg-licence")]
    script = extract_script(text)
    assert script.title == "Emma"
    assert script.lines[-1].kind == "skipped" and "trademark" in script.lines[-1].text
    assert not any(ln.kind == "dialogue" for ln in script.lines)  # the licence's quotes too
    assert check_script(script, text, None).ok



@pytest.mark.parametrize("top,lines", [
    ("Title: River Days\nAuthor: Ann Writer", ["Title: River Days Author: Ann Writer"]),
    ("Title: River Days\n\nAuthor: Ann Writer", ["Title: River Days", "Author: Ann Writer"]),
    ("Title: River Days", ["Title: River Days"]),
])
def test_a_block_of_title_and_author_fields_is_metadata_not_spoken(top, lines):
    """walk33/ux33: a `Title:` line with no `Author:` line was narration, and titled the
    script "Title: River Days"; a `Title:`/`Author:` block was a heading spoken "Title: River
    Days. Author: Ann Writer.". The fields name the book and are skipped matter, one line a
    paragraph, never spoken; every word of the source is still in the script."""
    text = top + "\n\n\n" + book("CHAPTER I.", "CHAPTER II.")
    st = find_structure(text)
    author = "Ann Writer" if "Author" in top else None
    assert (st.info.title, st.info.author) == ("River Days", author)
    script = extract_script(text)
    assert script.title == "River Days"
    assert [(ln.kind, ln.level, ln.text) for ln in script.lines[:len(lines) + 1]] == \
        [("skipped", "titlepage", t) for t in lines] + [("chapter", "chapter", "CHAPTER I.")]
    assert not any("Title" in ln.text for ln in script.lines if ln.kind != "skipped")
    assert check_script(script, text, None).ok


def test_a_title_and_an_author_field_fold_their_spaces():
    """newcomer50: `Title: River\tDays` (a text with tabs between its words, or two spaces
    typed) titled the book "River\tDays" in book.json, the feed and the tags; a byline's
    author was folded, a field's not."""
    text = "Title: River\t Days\nAuthor:\tAnn   Writer\n\n\n" + book("CHAPTER I.", "CHAPTER II.")
    st = find_structure(text)
    assert (st.info.title, st.info.author) == ("River Days", "Ann Writer")
    assert extract_script(text).title == "River Days"


def test_a_markdown_files_front_matter_is_its_metadata_not_spoken():
    """newcomer50: a .md story opening on YAML front matter (Jekyll, Hugo, Obsidian) was
    narration, spoken "title The Lamp author Ann Writer date 2024 ...", and its title was
    "---". The block is skipped matter, its `title:` and `author:` the book's; a text that
    opens on a rule over a note of its own (no field in lower case) is prose, spoken."""
    front = ('---\ntitle: "The Lamp at Sea"\nauthor: Ann  Writer\ndate: 2024-05-01\n'
             'tags:\n  - sea\n  - night\n---\n\n')
    text = front + book("CHAPTER I.", "CHAPTER II.")
    st = find_structure(text)
    assert (st.info.title, st.info.author) == ("The Lamp at Sea", "Ann Writer")
    script = extract_script(text)
    assert script.title == "The Lamp at Sea"
    assert not any("title" in ln.text for ln in script.lines if ln.kind != "skipped")
    assert [(ln.kind, ln.level) for ln in script.lines[:2]] == [
        ("skipped", "titlepage"), ("chapter", "chapter")]
    assert check_script(script, text, None).ok
    note = "---\nNote: written in the winter of 1990.\n---\n\n" + PROSE + "\n"
    assert find_structure(note).info.title is None
    assert any("winter" in ln.text for ln in extract_script(note).lines if ln.kind == "narration")


@pytest.mark.parametrize("under", ["\n\n[Illustration]", "\n[Illustration]",
                                   "\n\n[Illustration: The Tower at Dusk]"])
def test_a_transcribers_picture_mark_under_a_heading_is_no_title(under):
    """newcomer50: Project Gutenberg's texts put "[Illustration]" under many a chapter
    heading: it was the chapter's title, "Chapter I. [Illustration]" in the feed, the tags
    and the audiobook's chapters, spoken "Chapter I. Illustration."."""
    text = book("CHAPTER I." + under, "CHAPTER II.")
    assert headings(text) == [("chapter", "CHAPTER I."), ("chapter", "CHAPTER II.")]
    assert headings(book("CHAPTER I.\n\nThe Tower at Dusk", "CHAPTER II."))[0] == \
        ("chapter", "CHAPTER I. The Tower at Dusk.")  # a title in words is still one


def test_a_transcribers_pictures_and_notes_are_silent_lines_keeping_their_words():
    """newcomer50: Project Gutenberg's `[Illustration]` was spoken "Illustration." by the
    narrator, a caption read out of its place, and `[Footnote 1: ...]` read in the middle
    of a sentence. A listener hears none of them: each is a skipped line (illustration,
    footnote) holding its words; a caption's quotation is no one's speech; a note inside
    what a character says stays in their line and is not said there."""
    from drama.emphasis import spoken
    text = ("CHAPTER I.\n\n[Illustration]\n\nThe boat house stood by the water. \"Come in,\" "
            "said Wenna.\n\n[Illustration: \"Is it you?\" asked the keeper.]\n\nThe keeper "
            "lived there alone.[Footnote 1: Built in the year of the flood.] He kept a lamp."
            "\n\n\"I saw the lamp [Footnote 2: A brass one.] at night,\" said Rowan.\n\n"
            "[Footnote 3: The lamp is\nstill there.]\n\nThe [blue] door [Illustration] shut.\n")
    script = extract_script(text)
    assert check_script(script, text, None).ok  # every word in the script
    assert [(ln.text, ln.level) for ln in script.lines if ln.kind == "skipped"] == [
        ("[Illustration]", "illustration"),
        ('[Illustration: "Is it you?" asked the keeper.]', "illustration"),
        ("[Footnote 1: Built in the year of the flood.]", "footnote"),
        ("[Footnote 3: The lamp is still there.]", "footnote"),
        ("[Illustration]", "illustration")]
    said = [(ln.speaker, spoken(ln.text)) for ln in script.lines if ln.kind == "dialogue"]
    assert said == [("Wenna", "Come in,"), ("Rowan", "I saw the lamp  at night,")]
    narration = [ln.text for ln in script.lines if ln.kind == "narration"]
    assert "The keeper lived there alone." in narration and "He kept a lamp." in narration
    assert "The [blue] door" in narration and "shut." in narration  # other brackets: prose


def test_a_title_over_its_byline_is_still_a_spoken_heading():
    """Its byline runs on from the title with a comma, as a reader writes it and a listener
    hears it: "RIVER DAYS. by Ann Writer." read a lower-case "by" after a full stop in the
    script and every export (walk34); the words are the source's, in one line."""
    text = "RIVER DAYS\n\nby Ann Writer\n\n\n" + book("CHAPTER I.", "CHAPTER II.")
    st = find_structure(text)
    assert (st.info.title, st.info.author) == ("RIVER DAYS", "Ann Writer")
    assert headings(text)[0] == ("title", "RIVER DAYS, by Ann Writer.")
    assert check_script(extract_script(text), text, None).ok
    credited = "War and Peace\n\nBY\nLeo Tolstoy\n\ntranslated by Louise Maude\n\n\n"
    assert headings(credited + book("CHAPTER I.", "CHAPTER II."))[0] == \
        ("title", "War and Peace, BY Leo Tolstoy, translated by Louise Maude.")
    asked = "What Now?\n\nby Ann Writer\n\n\n"  # its own mark kept: no comma after it
    assert headings(asked + book("CHAPTER I.", "CHAPTER II."))[0] == \
        ("title", "What Now? by Ann Writer.")


def test_skipped_matter_is_a_line_a_paragraph_as_the_source_reads():
    """ux33: a Gutenberg header was one skipped line, its paragraphs run together
    ("... at no cost. Title: Emma Author: Jane Austen *** START OF ... *** Produced by
    ..."), in the script and on the studio's Script page. Each paragraph is a line of its
    own, of the same level, its wrapped lines joined as narration's are."""
    text = ("The Project Gutenberg EBook of Emma, by Jane Austen\n\nThis eBook is for the use\n"
            "of anyone anywhere at no cost.\n\nTitle: Emma\n\nAuthor: Jane Austen\n\n"
            "*** START OF THIS PROJECT GUTENBERG EBOOK EMMA ***\n\n\nProduced by An Anonymous "
            "Volunteer\n\n\n\n\nEMMA\n\nBy Jane Austen\n\n\n\n" + book("CHAPTER I", "CHAPTER II"))
    script = extract_script(text)
    header = [ln for ln in script.lines if ln.kind == "skipped"]
    assert [ln.text for ln in header] == [
        "The Project Gutenberg EBook of Emma, by Jane Austen",
        "This eBook is for the use of anyone anywhere at no cost.", "Title: Emma",
        "Author: Jane Austen", "*** START OF THIS PROJECT GUTENBERG EBOOK EMMA ***",
        "Produced by An Anonymous Volunteer"]
    assert {ln.level for ln in header} == {"gutenberg-header"}
    assert all(" ".join(text[ln.start:ln.end].split()) == ln.text for ln in header)
    assert check_script(script, text, None).ok


def test_a_passage_opening_on_prose_has_no_title_block():
    """An excerpt from mid-novel: a paragraph opening on "By" is no "by AUTHOR" line, and the
    wrapped sentences and quotes before it are no title (they were once, and their quotes
    lost)."""
    text = ("“After all my trouble!” she answered, coldly. “Such trouble! You have\n"
            "never once thanked me. You never even noticed.”\n\n"
            "“Not a word more!” said Prosser, at the gate.\n\n"
            "By the sleeve, too, it seemed. For, so she led him off.\n\n"
            + book("CHAPTER VIII"))
    st = find_structure(text)
    assert [(s.kind, s.level) for s in st.sections] == [("chapter", "chapter")]
    assert st.info.author is None
    script = extract_script(text)
    assert [ln.text for ln in script.lines if ln.kind == "dialogue"][:3] == [
        "After all my trouble!", "Such trouble! You have never once thanked me. You never "
        "even noticed.", "Not a word more!"]
    # a title block whose lines are short still stands
    st = find_structure("THE TOWN\n\nA Novel.\n\nBy Jane Doe\n\n" + book("CHAPTER I"))
    assert (st.info.title, st.info.author) == ("THE TOWN", "Jane Doe")

PDNC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "pdnc-dev"
# chapters and parts as the editions print them (grep '^ *CHAPTER', bare numerals, PART/BOOK)
EXPECTED = {"AlicesAdventuresInWonderland": (12, 0), "APassageToIndia": (37, 3),
            "DaisyMiller": (0, 2), "HardTimes": (37, 1), "OliverTwist": (53, 0),
            "PrideAndPrejudice": (61, 2), "TheAgeOfInnocence": (34, 2), "TheGambler": (17, 0),
            "TheInvisibleMan": (28, 0), "TheSunAlsoRises": (19, 3)}


@pytest.mark.skipif(not PDNC.is_dir(), reason="the PDNC dev novels are not beside the clone")
@pytest.mark.parametrize("novel", sorted(EXPECTED))
def test_pdnc_dev_novels_chapter_counts(novel):
    from drama.scriptfile import read_text
    st = find_structure(read_text(PDNC / novel / "novel_text.txt"))
    levels = [s.level for s in st.headings()]
    assert (levels.count("chapter"), levels.count("part")) == EXPECTED[novel]


@pytest.mark.parametrize("first, title", [
    ("“Where are you going?”", "Story"),  # a line of dialogue is no title
    ('"Stop!"', "Story"),
    ("— Where are you?", "Story"),
    ("'Twas the Night", "'Twas the Night"),  # an apostrophe, not a quotation
    ("The Mill", "The Mill"),
    # review30: a wrapped paragraph's first line is no title, though it ends in no stop
    ("It was a bright cold day in April, and the clocks were striking\nthirteen. He went.",
     "Story"),
    # review30, left: a dedication, an epigraph, a verse
    ("To my mother", "Story"),
    ("For Anna", "Story"),
    ("Some rivers run both ways\n-- Ann Writer", "Story"),
    ("I wandered lonely as a cloud\nThat floats on high o'er vales and hills", "Story"),
    ("To the Mill", "To the Mill"),
    ("The Mill\n\n\u2014 Where are you? she asked.", "The Mill"),  # a dash: dialogue
    ("The mill on the river\n=====================", "The mill on the river"),  # underlined
    # review31: a title in sentence case over its byline or "A novel" is no verse
    ("The mill on the river\nby Ann Writer", "The mill on the river"),
    ("The mill on the river\nA novel", "The mill on the river"),
])
def test_a_first_line_of_dialogue_is_not_the_title(first, title):
    text = f"{first}\n\nTom did not answer. He walked on down the road to the mill.\n"
    assert extract_script(text, source="b/story.txt").title == title


@pytest.mark.parametrize("source, title", [
    ("b/story.txt", "Story"),
    ("../books/the_old_mill.md", "The old mill"),
    ("Mr. Smith Goes.txt", "Mr. Smith Goes"),  # written by a person: kept as it is
])
def test_a_text_without_a_title_is_named_by_its_file_not_its_path(source, title):
    """round 27: a text with no title of its own got its path as title (`b/story.txt`),
    shown in the episode's tags, subtitles, radio play and feed."""
    text = '"Stop!" said Tom.\n\nHe walked on down the road to the mill.\n'
    assert extract_script(text, source=source).title == title


def test_a_heading_or_a_line_of_asterisks_is_a_scene_break_a_beat_is_not():
    from drama.extract.structure import is_scene_break

    def brk(line: str) -> bool:
        return is_scene_break(line, 0, len(line))
    assert all(brk(x) for x in ("CHAPTER XVIII.", "PART II", "XII", "* * *",
                                "CHAPTER XXXI. IN WHICH THE MILLER LOSES HIS HAT"))
    # a beat, a silence, a long paragraph opening on a chapter word: none ends a scene
    assert not any(brk(x) for x in ("He nodded.", "…", "—", "Chapter 3. " + "The mill. " * 40))


@pytest.mark.parametrize("opening, breaks", [
    ("The next morning the frost had gone.", True), ("Early the following day Lena rose.", True),
    ("That evening the lamps were lit late.", True), ("Three days later a letter came.", True),
    ("On Thursday the carrier called.", True),
    # a moment, an hour or a word that only looks like a time go on the scene
    ("The next moment the door opened.", False), ("An hour later the rain stopped.", False),
    ("That even the dog knew it was plain.", False)])
def test_a_paragraph_opening_on_another_day_or_time_of_day_starts_a_scene(opening, breaks):
    # the scene ends on the paragraph before, a quotation here; WordNet's time nouns
    from drama.extract.quotes import paragraphs
    from drama.extract.structure import scene_breaks
    text = f"“Good night,” said Tom.\n\n{opening}\n\n“Who is there?”\n"
    assert scene_breaks(text, paragraphs(text)) == ([0] if breaks else [])


def test_a_scene_starts_after_the_last_break_before_it():
    """One place for the paragraphs that end a scene and the scene a paragraph is in,
    read by the conversation model (turns, features) and the rules (Document, Salience):
    review42 (it was written three times)."""
    from drama.extract.quotes import paragraphs
    from drama.extract.structure import scene_breaks, scene_start
    text = ("“Where is the key?” asked Tom.\n\nCHAPTER II.\n\nMorning came.\n\n"
            "“Who is there?”\n\n* * *\n\nLena slept.\n")
    paras = paragraphs(text)
    breaks = scene_breaks(text, paras)
    assert breaks == [1, 4]
    assert [scene_start(breaks, p) for p in range(len(paras))] == [0, 0, 2, 2, 2, 5]


def test_a_markdown_headings_closing_marks_and_spaces_are_no_part_of_its_title():
    """The title ends on its last mark that is no space: closing #s followed by spaces,
    or spaces alone, are not kept ("## The Storm ##  " was titled "The Storm ##  ")."""
    from drama.extract.structure import unmarked
    assert unmarked("## The Storm ##  ") == "The Storm"
    assert unmarked("#" + " " * 20 + "Owls  ") == "Owls"
    assert unmarked("# " + " " * 3000 + "#") == "# " + " " * 3000 + "#"  # no word: none


@pytest.mark.parametrize("fields, title, author", [
    ("title: |\n  The Lamp\nauthor: >-\n  Ann\n  Writer\n", "The Lamp", "Ann Writer"),
    ("title:\n  The Lamp\nauthor:\n  - Ann Writer\n  - Bo Lee\n", "The Lamp",
     "Ann Writer, Bo Lee"),
    ('title: "The Lamp"\nauthor: [Ann Writer]\ndate: 2024\n', "The Lamp", "Ann Writer"),
])
def test_front_matter_values_on_the_lines_under_their_field_are_read(fields, title, author):
    """A YAML field's value may stand under it: after a block scalar's mark (`|`, `>-`,
    which titled the book "|"), as an indented line, or as list items; or be a flow list."""
    info = find_structure(f"---\n{fields}---\n\nThe tide came in at noon.\n").info
    assert (info.title, info.author) == (title, author)


def test_a_sentence_over_a_rule_is_no_markdown_heading():
    """A plain text may set its scene break's rule right under the scene's last line: that
    sentence is no setext heading (it was a chapter, and over `===` a part); a title over
    its underline still is one."""
    body = "The boats came in late, and the whole quay waited for them in the cold. " * 30
    text = (f"{body}\n\nThe gate shut behind us.\n----------\n\n{body}\n\n"
            f"Nobody spoke again that night.\n==========\n\n{body}\n")
    assert find_structure(text).sections == []
    titled = f"The Harbour\n===========\n\n{body}\n\nThe Storm\n---------\n\n{body}\n"
    assert [s.title for s in find_structure(titled).sections] == ["The Harbour.", "The Storm."]


def test_a_markdown_headings_closing_marks_after_a_word_are_dropped():
    """review50: the title stops before its closing #s (`# The Storm ###` is "The Storm",
    `## 7 ##` is "7"), as it did before the title was made to end on a mark that is no
    space."""
    from drama.extract.structure import unmarked
    assert unmarked("# The Storm ###") == "The Storm"
    assert unmarked("### Owls   #") == "Owls"
    assert unmarked("## 7 ##") == "7"  # a title of one mark


def test_one_deeper_markdown_heading_makes_no_chapter_a_part():
    """A "###" subheading inside one "##" chapter made every "##" chapter a part; a "#"
    heading is a part when each one holds headings of more #s."""
    body = "The boats came in late, and the whole quay waited for them in the cold. " * 30
    text = (f"## The Storm\n\n{body}\n\n## The Calm\n\n{body}\n\n### A Letter\n\n{body}\n\n"
            f"## The Return\n\n{body}\n")
    assert [s.level for s in find_structure(text).sections] == ["chapter"] * 4
    parts = (f"# The Long Road\n\n{body}\n\n## The Storm\n\n{body}\n\n## The Calm\n\n{body}"
             f"\n\n# The Way Home\n\n## The Return\n\n{body}\n")
    assert [s.level for s in find_structure(parts).sections] == [
        "part", "chapter", "chapter", "part", "chapter"]


def test_a_sentence_opening_on_by_is_no_byline():
    """A chapter's first line "By noon, ..." (a sentence) was taken for the book's byline:
    a Markdown story's first "# The Storm" chapter became its title block, the sentence
    its author. A byline ("by Ann Writer") is still one."""
    body = "The boats came in late, and the whole quay waited for them in the cold. " * 30
    story = "# The Storm\n\n{}\n\n" + body + "\n\n# The Calm\n\n" + body + "\n"
    st = find_structure(story.format("By Noon, the rain had stopped."))
    assert [(s.level, s.title) for s in st.sections] == [
        ("chapter", "The Storm."), ("chapter", "The Calm.")]
    assert st.info.author is None
    assert find_structure(story.format("by Ann Writer")).info.author == "Ann Writer"


def test_a_field_whose_value_is_a_sentence_is_no_title_field():
    """"Title: none of it mattered." in a Markdown story's first chapter made the chapter,
    heading and all, the book's skipped title page; `Title: The Lamp` is still a field."""
    body = "The boats came in late, and the whole quay waited for them in the cold. " * 30
    story = "# The Storm\n\n{}\n\n" + body + "\n\n# The Calm\n\n" + body + "\n"
    st = find_structure(story.format("Title: none of it mattered."))
    assert [(s.level, s.title) for s in st.sections][0] == ("chapter", "The Storm.")
    assert st.info.title is None
    fields = find_structure("Title: The Lamp\n\nAuthor: Ann Writer\n\n" + body + "\n").info
    assert (fields.title, fields.author) == ("The Lamp", "Ann Writer")
