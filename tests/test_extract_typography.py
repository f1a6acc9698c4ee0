"""The same passage in any typography yields the same narration/dialogue sequence.

Seed 000 (American curly quotes) and seed 004 (British single quotes, nested doubles) share a
long passage; other conventions (guillemets, low-high quotes, straight quotes, corner
brackets, dash-led dialogue) are produced from real seed passages by rewriting only their marks.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from drama.extract import extract_script
from drama.extract.quotes import (BRITISH, CORNER, CURLY, DASH, GUILLEMET, LOW,
                                  REVERSED_GUILLEMET, STRAIGHT, STRAIGHT_SINGLE, WHITE_CORNER,
                                  detect_convention, find_quotes)

ROOT = Path(__file__).resolve().parent.parent

SEED_US = ROOT / "seeds" / "000_15503dc1c8fd3743.txt"
SEED_UK = ROOT / "seeds" / "004_daf61342ff4cb22e.txt"
FIRST = "At Smolny, as the ominous"
LAST = "taking their sausages with them."


def words(s: str) -> list[str]:
    # 300 / three hundred and one typo differ between the two editions
    return [w for w in re.findall(r"[a-z]+", s.lower()) if w not in {"three", "hundred", "a"}]


def sequence(text: str, start: str, end: str) -> list[tuple[str, list[str]]]:
    """(kind, words) of the lines inside a passage, consecutive narration merged."""
    lo, hi = text.index(start), text.index(end) + len(end)
    out: list[tuple[str, list[str]]] = []
    for ln in extract_script(text).lines:
        if ln.end <= lo or ln.start >= hi:
            continue
        w = words(ln.text.replace("comradesa", "comrades"))
        if out and out[-1][0] == ln.kind == "narration":
            out[-1][1].extend(w)
        else:
            out.append((ln.kind, w))
    return out


def seed(path) -> str:
    return path.read_text(encoding="utf-8")


def test_seed_typographies_are_detected():
    assert detect_convention(seed(SEED_US)) is CURLY
    assert detect_convention(seed(SEED_UK)) is BRITISH


def test_shared_passage_same_sequence_in_american_and_british_seeds():
    us = sequence(seed(SEED_US), FIRST, LAST)
    uk = sequence(seed(SEED_UK), FIRST, LAST)
    assert [k for k, _ in us] == [k for k, _ in uk]
    assert us == uk
    assert sum(k == "dialogue" for k, _ in us) >= 15


# --- the American seed rewritten mark for mark into other conventions --------------------

def restyle(text: str, opens: str, closes: str, inner_open: str, inner_close: str) -> str:
    """Curly-quoted text in another convention; apostrophes stay as they are."""
    table = {"“": opens, "”": closes, "‘": inner_open}
    out = []
    for i, c in enumerate(text):
        if c == "’" and not (i + 1 < len(text) and text[i + 1].isalpha()) \
                and not text[i - 1].isalpha():
            out.append(inner_close)
        else:
            out.append(table.get(c, c))
    return "".join(out)


STYLES = {
    "straight": ('"', '"', "'", "'", STRAIGHT),
    "guillemets": ("«", "»", "‹", "›", GUILLEMET),
    "reversed-guillemets": ("»", "«", "›", "‹", REVERSED_GUILLEMET),
    "low-high": ("„", "“", "‚", "‘", LOW),
    "corner-brackets": ("「", "」", "『", "』", CORNER),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_american_seed_in_other_quote_styles(style):
    opens, closes, io, ic, conv = STYLES[style]
    text = seed(SEED_US)
    other = restyle(text, opens, closes, io, ic)
    assert len(other) == len(text)
    assert detect_convention(other) is conv
    assert sequence(other, FIRST, LAST) == sequence(text, FIRST, LAST)


def test_dash_led_dialogue_is_detected_and_split_from_its_tag():
    # the seed's exchange at the palace, set as dash-led dialogue
    text = ("The Red Guards were furious to realize that Kerensky was long gone.\n\n"
            "— Bayonet all the sons of bitches!\n\n"
            "— I will not allow any violence against them — Antonov calmly replied.\n\n"
            "With that he led the ministers away.\n\n"
            "— This is the people’s palace — one Bolshevik lieutenant chided. — This is "
            "our palace. Do not steal from the people.\n\n"
            "A broken sword handle, a wax candle.")
    assert detect_convention(text) is DASH
    lines = extract_script(text).lines
    got = [(ln.kind, ln.text) for ln in lines]
    assert got == [
        ("narration", "The Red Guards were furious to realize that Kerensky was long gone."),
        ("dialogue", "Bayonet all the sons of bitches!"),
        ("dialogue", "I will not allow any violence against them"),
        ("narration", "Antonov calmly replied."),
        ("narration", "With that he led the ministers away."),
        ("dialogue", "This is the people’s palace"),
        ("narration", "one Bolshevik lieutenant chided."),
        ("dialogue", "This is our palace. Do not steal from the people."),
        ("narration", "A broken sword handle, a wax candle."),
    ]


def test_a_few_dashes_in_a_quoted_text_do_not_switch_convention():
    text = seed(SEED_US) + "\n\n— an aside\n\n— another\n\n— and one more\n"
    assert detect_convention(text) is CURLY


def test_guillemets_with_inner_spaces():
    text = "Il dit : « Où allez-vous ? » Puis il partit.\n\n« Nulle part », répondit-elle."
    qs = [q for q in find_quotes(text) if q.dialogue]
    assert [text[q.start:q.end].strip() for q in qs] == ["Où allez-vous ?", "Nulle part"]


def dialogue_of(text: str) -> list[str]:
    return [ln.text for ln in extract_script(text).lines if ln.kind == "dialogue"]


def test_japanese_corner_brackets_are_speech_without_spaces():
    # 「」 set flush against the words, as Japanese prints them: after a kanji, before と
    text = ("「どこへ行くの？」と彼女は聞いた。\n\n「家へ帰る」\n\n"
            "彼は黙った。彼女は「本当に帰るの？」と聞いた。")
    assert detect_convention(text) is CORNER
    assert dialogue_of(text) == ["どこへ行くの？", "家へ帰る", "本当に帰るの？"]


def test_a_title_in_white_corner_brackets_inside_corner_bracket_speech():
    # 『』 nests in 「」 (a title, quoted words); outside speech it is the narrator's
    text = "「『吾輩は猫である』を読んだか」と彼は聞いた。\n\n彼女は『坊っちゃん』を読んでいた。"
    # the title's marks leave a space: without it the two words were one, which `drama
    # check` (and so render) refused: '吾輩は猫であるを読んだか' where the source has two
    assert dialogue_of(text) == ["吾輩は猫である を読んだか"]


def test_white_corner_brackets_alone_are_speech():
    text = "『どこへ行くの？』と彼女は聞いた。\n\n『家へ帰る』"
    assert detect_convention(text) is WHITE_CORNER
    assert dialogue_of(text) == ["どこへ行くの？", "家へ帰る"]


def test_german_low_high_quotes_and_french_guillemets_are_speech():
    assert dialogue_of("„Wohin gehst du?“, fragte er.\n\n„Nach Hause“, sagte sie.") == \
        ["Wohin gehst du?", "Nach Hause"]
    assert dialogue_of("»Wohin gehst du?«, fragte er.\n\n»Nach Hause«, sagte sie.") == \
        ["Wohin gehst du?", "Nach Hause"]
    assert dialogue_of("« Bonjour », dit-il.\n\n« Où allez-vous ? »") == \
        ["Bonjour", "Où allez-vous ?"]


def test_british_seed_in_straight_single_quotes():
    # seed 004 as a plain-ASCII British e-text: 'speech' outside, "nested" inside
    uk = seed(SEED_UK)
    plain = uk.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    assert detect_convention(plain) is STRAIGHT_SINGLE
    got = sequence(plain, FIRST, LAST)
    want = sequence(uk, FIRST, LAST)
    assert [k for k, _ in got] == [k for k, _ in want]
    assert got == want


@pytest.mark.parametrize("marks", [('"', '"', "'"), ("“", "”", "’"), ("‘", "’", "’")])
def test_a_closing_quote_ends_the_stretch_a_name_gives_its_pronouns_to(marks):
    # "‘Come here, Nancy,’ said Grimble, and he smiled": the "he" is Grimble's, in British
    # quotes as in American ones, so Nancy stays a woman in every typography
    from drama.extract.cast import Cast
    o, c, apos = marks
    text = ("Nancy came in, and she sat down by the fire. Nancy was cold; she shivered.\n\n"
            + f"{o}Come here, Nancy,{c} said Grimble, and he smiled. {o}Don{apos}t be afraid.{c}\n\n"
            * 3)
    cast = Cast(text)
    assert cast.character("Nancy").gender == "f"
    assert cast.character("Grimble").gender == "m"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u200b"])
def test_no_break_and_thin_spaces_read_as_spaces(space):
    """newcomer50: a text that sets a no-break space after "Mr." and "Mrs." (as typesetters
    and e-book makers do) lost its names: "Mrs.\u00a0Pennock" was no one, and her line went to
    the speaker before; so did a zero-width space before a name. Extraction reads such spaces
    as spaces, offsets unchanged; the script covers the text's own characters."""
    text = ("Mr. Pellow looked up from the table.\n\n“Where are you going?” asked Mr. Pellow."
            "\n\n“Home,” said Mrs. Quarrington. “It is late.”\n")
    spaced = text.replace("Mr. ", f"Mr.{space}").replace("Mrs. ", f"Mrs.{space}")
    want = [(ln.kind, ln.speaker) for ln in extract_script(text).lines]
    assert [(ln.kind, ln.speaker) for ln in extract_script(spaced).lines] == want
    assert ("dialogue", "Mrs. Quarrington") in want
    seed = SEED_US.read_text(encoding="utf-8")
    script = extract_script(seed.replace(" ", space), source="s.txt")
    assert [(ln.kind, ln.speaker) for ln in script.lines] == \
        [(ln.kind, ln.speaker) for ln in extract_script(seed).lines]
    assert script.source_sha256 != extract_script(seed).source_sha256  # the text's own hash


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u00ad\u200b"])
def test_a_soft_hyphen_or_zero_width_space_inside_a_name_is_no_break(mark):
    """newcomer50, review50: a plain text's soft hyphen or zero-width space inside a word
    (where e-book tools and web pages let a line break: "Tam\u00adsin") made two words of
    it: the speaker "Tam", the line given to no one. HTML and EPUB drop soft hyphens as they
    are read; a text's are dropped as extraction reads it: the speakers are the unbroken
    text's, each line's span covers the text's own characters, its words written without
    the mark, `drama check` finds every word, and the exports show a narrator's quotation
    marks from its span as for any line."""
    from drama.extract.structure import find_structure
    from drama.fidelity import check_script
    text = ("CHAPTER I.\n\n\u201cCome in,\u201d said Tamsin Pellow. Ober\u200bon stood at "
            "the door.\n\n\u201cNot yet,\u201d said Oberon.\n\n\u201cNow,\u201d said "
            "Tamsin.\n\nCHAPTER II.\n\nThe door shut behind them both, and the hall was "
            "still again.\n")
    broken = text.replace("Tamsin", f"Tam{mark}sin").replace("Oberon", f"Ob{mark}er{mark}on")
    want = [(ln.kind, ln.speaker, ln.text) for ln in extract_script(text).lines]
    for structure in (None, find_structure(broken)):  # found here, or given (a book's)
        script = extract_script(broken, structure=structure)
        assert [(ln.kind, ln.speaker, ln.text) for ln in script.lines] == want
        assert ("dialogue", "Tamsin Pellow", "Come in,") in want
        for line in script.lines:
            assert "".join(c for c in broken[line.start:line.end]
                           if c not in "\u00ad\u200b\u201c\u201d") == line.text.replace(
                               "\u201c", "").replace("\u201d", "")
        assert check_script(script, broken, None).ok
    edge = text.replace(" Tamsin", "\u200bTamsin")  # at a word's edge: still a space
    assert [ln.speaker for ln in extract_script(edge).lines] == [w[1] for w in want]
    from drama.export import ExportOptions, export_script
    told = f"Tam{mark}sin read the sign, which said \u201cKeep Out\u201d in red paint.\n"
    shown = export_script(extract_script(told), "txt", ExportOptions(source_text=told))
    assert "Tamsin read the sign, which said \u201cKeep Out\u201d in red paint." in shown
