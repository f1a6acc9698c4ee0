"""The script's characters section: written by the extractor, read back, kept consistent with
hand-edited lines, and the only place casting takes genders from."""
from __future__ import annotations

import re

import pytest

from drama.casting import speaker_genders
from drama.errors import ScriptError
from drama.extract import extract_script
from drama.model import CharacterEntry, Line, Script
from drama.scriptfile import dump_script, load_script, save_script

TEXT = ("Mrs. Elton came in. She sat down.\n\n"
        "“It is late,” said Mrs. Elton.\n\n"
        "Mr. Knightley looked up. He smiled.\n\n"
        "“Not yet,” said Mr. Knightley.\n\n"
        "“Well,” said Knightley.\n\n"
        "“Halt!” cried an angry soldier.\n")


def test_extract_writes_one_entry_per_speaker_with_aliases_gender_and_lines():
    script = extract_script(TEXT)
    by_name = {c.name: c for c in script.characters}
    assert set(by_name) == {ln.speaker for ln in script.lines if ln.kind == "dialogue"}
    knightley = by_name["Mr. Knightley"]
    assert knightley.aliases == ["Knightley"] and knightley.gender == "m"
    assert knightley.lines == 2 and knightley.evidence["title_m"] >= 1
    assert by_name["Mrs. Elton"].gender == "f"
    assert by_name["Angry soldier"].gender == "m"
    assert by_name["Angry soldier"].evidence == {"label": "m"}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_the_section_round_trips(tmp_path, suffix):
    script = extract_script(TEXT)
    path = tmp_path / f"s{suffix}"
    save_script(script, path)
    back = load_script(path)
    assert back.characters == script.characters
    assert back.lines == script.lines


def test_yaml_keeps_aliases_and_evidence_on_one_line(tmp_path):
    text = dump_script(extract_script(TEXT))
    assert "  aliases: [Knightley]\n" in text
    assert "  evidence: {title_m: 2, pronoun_m: 1, label: m}\n" in text


def test_a_script_without_the_section_still_loads(tmp_path):
    path = tmp_path / "old.yaml"
    path.write_text("title: t\nsource: null\nlines:\n"
                    "- {speaker: Bob, kind: dialogue, text: Hi, start: 0, end: 2}\n")
    script = load_script(path)
    assert script.characters is None
    assert "characters" not in dump_script(script)


def test_hand_edited_lines_never_make_stale_counts_an_error(tmp_path):
    path = tmp_path / "s.yaml"
    save_script(extract_script(TEXT), path)
    text = path.read_text()
    # a person gives one of Knightley's lines to Mrs. Elton; the counts in the file go stale
    old = "- speaker: Mr. Knightley\n  kind: dialogue\n  text: Not yet,"
    assert old in text
    path.write_text(text.replace(old, old.replace("Mr. Knightley", "Mrs. Elton")))
    script = load_script(path)
    counts = {c.name: c.lines for c in script.characters}
    assert counts == {"Mrs. Elton": 2, "Mr. Knightley": 1, "Angry soldier": 1}
    save_script(script, path)
    assert "- name: Mrs. Elton\n  gender: f\n  evidence: {title_f: 2, pronoun_f: 1, label: f}\n" \
           "  lines: 2\n" in path.read_text()


@pytest.mark.parametrize("entry, message", [
    ("{name: Bob, gender: robot}", "characters -> 1 (Bob) -> gender: must be m, f or unknown, not 'robot'"),
    ("{gender: m}", "characters -> 1: must be a mapping with a name"),
    ("{name: Bob, colour: red}", "characters -> 1 (Bob): unknown key(s) colour"),
    ("{name: Bob, aliases: {a: 1}}", "characters -> 1 (Bob) -> aliases: must be a list of names"),
    # a line given to "Narrator" is the narrator's: as an alias it would voice none, unsaid
    ("{name: Bob, aliases: [Bobby, narrator]}", "characters -> 1 (Bob) -> aliases: 'narrator' "
     "is the narrator, whose lines are narration, voiced by voices.yaml's top-level "
     "`narrator:` entry; remove it"),
])
def test_a_bad_entry_names_its_line(tmp_path, entry, message):
    path = tmp_path / "s.yaml"
    path.write_text(f"title: t\ncharacters:\n- {entry}\nlines: []\n")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert str(err.value) == f"{path}:3: {message}"


def test_a_bad_value_names_its_own_line_not_its_entrys(tmp_path):
    # newcomer47: an entry over several lines was named by its first line (3), not the
    # line holding the wrong value
    path = tmp_path / "s.yaml"
    path.write_text("title: t\ncharacters:\n- name: Bob\n  aliases: [Bobby]\n  gender: robot\n"
                    "lines: []\n")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert str(err.value) == (f"{path}:5: characters -> 1 (Bob) -> gender: must be m, f or "
                              "unknown, not 'robot'")


def test_one_name_stands_for_one_person(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("title: t\ncharacters:\n- {name: Emma, aliases: [Miss Woodhouse]}\n"
                    "- {name: Miss Woodhouse}\nlines: []\n")
    with pytest.raises(ScriptError, match="name 'Miss Woodhouse' is already Emma's"):
        load_script(path)


def test_two_entries_of_one_name_are_refused_naming_both_lines(tmp_path):
    # newcomer40: a copied entry left with the same name ("Bob" renamed back to "Anna")
    # loaded, exit 0: one of the two genders was silently dropped
    path = tmp_path / "s.yaml"
    path.write_text("title: t\ncharacters:\n- {name: Anna, gender: f}\n"
                    "- {name: anna, gender: m}\nlines: []\n")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert str(err.value) == (f"{path}:4: characters -> 2 (anna): name 'anna' has an "
                              "entry already (line 3); one name stands for one person")


def test_gender_words_are_normalised(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("title: t\ncharacters:\n- {name: Bob, gender: Male}\n- {name: Ann, gender: F}\n"
                    "lines: []\n")
    assert [c.gender for c in load_script(path).characters] == ["m", "f"]


def test_casting_reads_the_section_not_the_source():
    # the section says what a person decided; no source text is there to say otherwise
    lines = [Line("Pat Quarrie", "dialogue", "Hi", 0, 2), Line("Dorn", "dialogue", "Yo", 3, 5)]
    script = Script("t", source="/nonexistent.txt", lines=lines, characters=[
        CharacterEntry("Pat Quarrie", gender="f", evidence={"pronoun_m": 1}),
        CharacterEntry("Dorn", gender="unknown", evidence={"pronoun_m": 1})])
    got = speaker_genders([script])
    assert got["Pat Quarrie"].gender == "female"
    assert (got["Dorn"].gender, got["Dorn"].lean) == ("unknown", "male")


def test_a_speaker_a_person_typed_in_is_judged_by_the_name():
    lines = [Line("Mrs. Quarrie", "dialogue", "Hi", 0, 2)]
    script = Script("t", lines=lines, characters=[])
    assert speaker_genders([script])["Mrs. Quarrie"].gender == "female"


@pytest.mark.parametrize("written, read", [
    ("Yes", "true"), ("no", "false"), ("12", "12"), ("2026-01-01", "2026-01-01")])
def test_a_name_yaml_reads_as_no_name_says_what_it_read_and_to_quote_it(written, read):
    """A hand-typed `speaker: Yes` (YAML's true) said only "must be a non-empty name", which
    it is to the person who typed it (hostile37)."""
    from drama.scriptfile import parse_script
    raw = (f"title: t\ncharacters:\n- {{name: {written}}}\nlines:\n"
           f"- {{speaker: {written}, kind: dialogue, text: Hi., start: 0, end: 3}}\n")
    with pytest.raises(ScriptError) as got:
        parse_script(raw, "s.yaml")
    message = str(got.value)
    assert f"speaker: must be a non-empty name, and YAML read this one as {read}: put a name " \
           "such as Yes, No, On, 12 or a date in quotes (speaker: 'Yes')" in message
    assert f"characters -> 1: must be a mapping with a name, and YAML read this one as {read}" \
        in message


@pytest.mark.parametrize("alias, read", [("2026-01-01", "2026-01-01"), ("1.5", "1.5"),
                                         ("0x10", "16"), ("1_000", "1000"), ("12", "12")])
def test_an_alias_yaml_reads_as_a_date_or_a_number_says_what_it_read(alias, read):
    """review37: `aliases: [2026-01-01]` was refused as "must be a list of names" with no
    word of what YAML read, where `[yes]` and the same date as a speaker were told it.
    hostile37/fix38: a whole number was turned back into text, not as written (`[0x10]`
    the alias '16'): refused with the same hint, as `speaker: 12` is."""
    from drama.scriptfile import parse_script
    raw = (f"title: t\ncharacters:\n- {{name: Tom, aliases: [Tommy, {alias}]}}\nlines:\n"
           "- {speaker: Tom, kind: dialogue, text: Hi., start: 0, end: 3}\n")
    with pytest.raises(ScriptError, match=r"aliases: must be a list of names, and YAML read "
                                          rf"this one as {re.escape(read)}: "):
        parse_script(raw, "s.yaml")


def test_an_alias_yaml_reads_as_yes_or_no_is_refused_not_made_true():
    """`aliases: [yes]` was the alias 'True', a name no line has (hostile37)."""
    from drama.scriptfile import parse_script
    raw = ("title: t\ncharacters:\n- {name: Tom, aliases: [yes]}\nlines:\n"
           "- {speaker: Tom, kind: dialogue, text: Hi., start: 0, end: 3}\n")
    with pytest.raises(ScriptError, match=r"aliases: must be a list of names, and YAML read "
                                          r"this one as true: .* \(aliases: \['Yes'\]\)"):
        parse_script(raw, "s.yaml")
