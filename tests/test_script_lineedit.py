"""Single-line edits (drama/scriptedit.py), the studio's script view's edits: a line's
speaker, narration, accepting, splitting; nothing else in the script changes, no word is lost."""
from __future__ import annotations

import pytest

from drama.edits import apply_plan, reverse_plan
from drama.errors import SpeakerError
from drama.exportcheck import check_script_file
from drama.extract import extract_script
from drama.extract.review import lines_to_review
from drama.model import DIALOGUE, NARRATION, Line, Script
from drama.scriptedit import (EDITED_CUE, plan_line_accept, plan_line_edit, plan_line_narrator,
                              plan_line_speaker, plan_line_split)
from drama.scriptfile import load_script, save_script

TEXT = """\
Mr. Lumley was mending the clock on the kitchen table.

"Tell me, do you know that Ashgrove Mill is sold after all, and to whom?" said Mrs. Lumley.

Mr. Lumley kept his eyes on the clock.

"Well, it is," returned she; "for the Pratt girls met the buyer at church, and they told me everything."
"""


@pytest.fixture
def script_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mill.txt").write_text(TEXT, encoding="utf-8")
    script = extract_script(TEXT, source="mill.txt")
    path = tmp_path / "mill.script.yaml"
    save_script(script, path)
    return path


def dialogue_index(path, nth: int = 0) -> int:
    lines = load_script(path).lines
    return [i for i, ln in enumerate(lines) if ln.kind == DIALOGUE][nth]


def unchanged_but(before, after, *indices):
    """Every line but those at indices is as it was."""
    keep = [ln for i, ln in enumerate(before.lines) if i not in indices]
    now = [ln for i, ln in enumerate(after.lines) if i not in indices]
    assert keep == now


def test_a_line_goes_to_a_known_speaker_and_is_marked_edited(script_path):
    before = load_script(script_path)
    i = dialogue_index(script_path)
    plan = plan_line_speaker(str(script_path), i, "Mr. Lumley", expect=before.lines[i].text)
    assert plan.summary() == [f"line {i + 1}: Mrs. Lumley -> Mr. Lumley",
                              "characters: Mr. Lumley added"]
    apply_plan(plan)
    after = load_script(script_path)
    line = after.lines[i]
    assert (line.speaker, line.kind, line.cue, line.confidence) == \
        ("Mr. Lumley", DIALOGUE, EDITED_CUE, None)
    unchanged_but(before, after, i)
    assert after.character("Mr. Lumley").lines == 1
    j = dialogue_index(script_path, 1)
    apply_plan(plan_line_speaker(str(script_path), j, "mr.  lumley"))   # as the script writes it
    assert load_script(script_path).lines[j].speaker == "Mr. Lumley"


def test_a_new_speaker_gets_a_characters_entry_judged_by_the_name(script_path):
    i = dialogue_index(script_path, 1)
    apply_plan(plan_line_speaker(str(script_path), i, "  Mrs.   Long "))
    after = load_script(script_path)
    assert after.lines[i].speaker == "Mrs. Long"
    assert after.character("Mrs. Long").gender == "f"


def test_narrator_and_undo(script_path):
    original = script_path.read_text()
    i = dialogue_index(script_path)
    plan = plan_line_narrator(str(script_path), i)
    apply_plan(plan)
    line = load_script(script_path).lines[i]
    assert (line.speaker, line.kind, line.cue, line.confidence) == \
        ("Narrator", NARRATION, None, None)
    apply_plan(reverse_plan(plan))
    assert script_path.read_text() == original


def test_accept_takes_a_line_out_of_the_review_queue(script_path):
    i = dialogue_index(script_path)
    queued = [item.number - 1 for item in lines_to_review(load_script(script_path))]
    assert i in queued
    cue = load_script(script_path).lines[i].cue
    apply_plan(plan_line_accept(str(script_path), i))
    after = load_script(script_path)
    assert after.lines[i].confidence is None and after.lines[i].cue == cue
    assert i not in [item.number - 1 for item in lines_to_review(after)]


def test_split_at_a_word_keeps_every_word_once(script_path):
    before = load_script(script_path)
    i = dialogue_index(script_path)
    words = before.lines[i].text.split()
    at = words.index("Ashgrove")
    plan = plan_line_split(str(script_path), i, at, then="Narrator")
    apply_plan(plan)
    after = load_script(script_path)
    first, second = after.lines[i], after.lines[i + 1]
    assert first.text == "Tell me, do you know that"
    assert second.text.startswith("Ashgrove Mill is sold") and second.kind == NARRATION
    assert TEXT[first.start:first.end] == "Tell me, do you know that"
    assert TEXT[second.start:second.end].startswith("Ashgrove")
    assert len(after.lines) == len(before.lines) + 1
    report = check_script_file(script_path, None)
    assert report.ok, report.details()


def test_split_keeps_the_speaker_by_default(script_path):
    i = dialogue_index(script_path)
    line = load_script(script_path).lines[i]
    apply_plan(plan_line_split(str(script_path), i, 2))
    after = load_script(script_path)
    assert [after.lines[i].speaker, after.lines[i + 1].speaker] == [line.speaker] * 2
    assert after.lines[i].confidence == line.confidence


@pytest.mark.parametrize("call, message", [
    (lambda p, i: plan_line_speaker(p, 99, "X"), "no line 100: the script has"),
    (lambda p, i: plan_line_speaker(p, i, "X", expect="Something else"),
     "is not the line you edited (the file changed); reload it"),
    (lambda p, i: plan_line_split(p, i, 0), "a cut goes before word 2 to"),
    (lambda p, i: plan_line_speaker(p, i, "   "), "a speaker name cannot be empty"),
])
def test_bad_edits_say_why(script_path, call, message):
    with pytest.raises(SpeakerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(str(script_path), dialogue_index(script_path))


def test_split_needs_the_source(script_path):
    (script_path.parent / "mill.txt").unlink()
    with pytest.raises(SpeakerError, match="source text this script indexes into is not"):
        plan_line_split(str(script_path), dialogue_index(script_path), 2)


def test_a_file_changed_after_planning_is_left_alone(script_path):
    plan = plan_line_narrator(str(script_path), dialogue_index(script_path))
    script_path.write_text(script_path.read_text() + "# a note\n")
    with pytest.raises(SpeakerError, match="changed while being edited"):
        apply_plan(plan)
    assert script_path.read_text().endswith("# a note\n")


def test_a_split_given_to_a_name_ending_in_s_says_whose_with_an_apostrophe_alone(script_path):
    """walk27's "The marchers's": every possessive drama says is wording.possessive's."""
    plan = plan_line_split(str(script_path), dialogue_index(script_path), 2,
                           then="The marchers")
    assert plan.changes[0].summary[0].endswith("; the rest is The marchers'")


BOOK = """\
The Project Gutenberg eBook of Tiny Tales, told in a few short lines for a test

*** START OF THE PROJECT GUTENBERG EBOOK TINY TALES ***

CHAPTER I. THE RIVER

Anna walked to the river. "It is cold today," said Anna. Boris looked at her and frowned.

"Then go home," said Boris. "I shall stay here for a while and watch the water."
"""


@pytest.mark.parametrize("kind", ["chapter", "skipped"])
def test_a_split_heading_or_skipped_matter_keeps_what_it_is_in_both_parts(tmp_path,
                                                                         monkeypatch, kind):
    """hostile31: the studio lets any line be split, and a split dropped the line's `level`:
    a chapter heading's two parts were headings of no level (a `title` split became two
    chapter marks, a `part` no longer cut `--episodes part`), and front matter's lost what
    it is (`gutenberg-header` exported as "not read aloud: skipped")."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tiny.txt").write_text(BOOK, encoding="utf-8")
    path = tmp_path / "tiny.script.yaml"
    save_script(extract_script(BOOK, source="tiny.txt"), path)
    lines = load_script(path).lines
    i = next(n for n, ln in enumerate(lines) if ln.kind == kind)
    level = lines[i].level
    assert level in ("chapter", "gutenberg-header")
    apply_plan(plan_line_split(str(path), i, 1))
    after = load_script(path).lines
    assert [(ln.kind, ln.level) for ln in after[i:i + 2]] == [(kind, level)] * 2
    assert check_script_file(path, None).ok


def test_a_split_keeps_a_comment_at_the_end_of_the_split_line(script_path):
    i = dialogue_index(script_path)
    text = script_path.read_text(encoding="utf-8")
    line = f"- speaker: {load_script(script_path).lines[i].speaker}\n"
    assert line in text  # its first is line i's: the first dialogue
    text = text.replace(line, line[:-1] + "  # ask Ann\n", 1)
    script_path.write_text(text, encoding="utf-8")
    plan = plan_line_split(str(script_path), i, 2)
    assert plan.notes == []
    apply_plan(plan)
    after = script_path.read_text(encoding="utf-8")
    assert after.count("  # ask Ann\n") == 1
    assert after.index(line[:-1] + "  # ask Ann\n") == text.index(line[:-1] + "  # ask Ann\n")
    assert len(load_script(script_path).lines) == len(load_script_lines(text)) + 1


def load_script_lines(text: str) -> list:
    from drama.scriptfile import parse_script
    return parse_script(text, "mill.script.yaml").lines


def _talk(*said: tuple[str, str]) -> Script:
    """A script of these (speaker, text) dialogue lines, spans made up in order."""
    lines, at = [], 0
    for speaker, text in said:
        lines.append(Line(speaker, DIALOGUE, text, at, at + len(text), "tag", 0.5))
        at += len(text) + 2
    return Script("Talk", lines=lines)


def test_a_line_edit_leaves_a_proposals_other_line_of_the_same_words_alone(tmp_path):
    """review53: the proposal's same line was the nth of the line's words and speaker in
    both files, so a proposal whose new text dropped Ann's first "Yes." and said one of
    hers elsewhere took the edit of her second on the new one, no line of the script. A
    line of repeated words is the proposal's when a line beside it is the same too;
    else the proposal is left as it is, and a note says so."""
    script, proposal = tmp_path / "ep.script.yaml", tmp_path / "ep.script.new.yaml"
    save_script(_talk(("Ann", "Yes."), ("Bob", "Is the gate shut?"), ("Ann", "Yes."),
                      ("Bob", "Then we wait.")), script)
    save_script(_talk(("Bob", "Is the gate shut?"), ("Ann", "Yes."), ("Bob", "Then we wait."),
                      ("Bob", "And the dog?"), ("Ann", "Yes.")), proposal)
    apply_plan(plan_line_speaker_and_proposal(script, 2, "Pell"))
    assert [ln.speaker for ln in load_script(proposal).lines] == \
        ["Bob", "Pell", "Bob", "Bob", "Ann"]
    # the first "Yes." has no line beside it the same in the proposal: no line is its own
    before = proposal.read_bytes()
    plan = plan_line_speaker_and_proposal(script, 0, "Pell")
    assert [c.path for c in plan.changes] == [str(script)]
    assert plan.notes == [f"{proposal}: the proposal waiting beside the script is not edited "
                          "with it: it has no line 1's words said as the script said them "
                          "(edit it there, or run the edit again after moving it over the "
                          "script)"]
    apply_plan(plan)
    assert proposal.read_bytes() == before


def test_a_proposal_that_does_not_read_is_left_with_a_note_naming_its_line(tmp_path):
    """review53: the note named the proposal but not the line its YAML breaks on."""
    script, proposal = tmp_path / "ep.script.yaml", tmp_path / "ep.script.new.yaml"
    save_script(_talk(("Ann", "Yes."), ("Bob", "Is the gate shut?")), script)
    broken = script.read_text(encoding="utf-8").replace("speaker: Bob", "speaker: [Bob")
    proposal.write_text(broken, encoding="utf-8")
    plan = plan_line_speaker_and_proposal(script, 0, "Pell")
    assert [c.path for c in plan.changes] == [str(script)]
    line = broken[:broken.index("[Bob")].count("\n") + 2   # where the YAML reader stops
    assert plan.notes == [f"{proposal}:{line}: the proposal waiting beside the script is not "
                          "edited with it: not valid YAML: did not find expected ',' or ']'"]


def plan_line_speaker_and_proposal(script, index: int, speaker: str):
    """plan_line_edit of line `index` given to speaker, on script and its proposal."""
    def to_speaker(path, at, expect, current):
        return plan_line_speaker(path, at, speaker, expect, current)
    return plan_line_edit(to_speaker, str(script), index,
                          load_script(script).lines[index].text)
