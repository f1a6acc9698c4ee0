"""A script rewritten by an edit (`drama speakers rename/merge/move`, the studio's line edits)
keeps the person's comments, BOM and CRLF line ends (drama/scriptkeep.py)."""
from __future__ import annotations

import pytest

from drama.cli import app
from drama.edits import apply_plan
from drama.scriptedit import plan_line_speaker
from drama.scriptfile import dump_script, load_script, parse_script
from drama.scriptkeep import keep_person_text

SCRIPT = """\
title: t
characters:
- {name: Mary, gender: f, lines: 1}
- {name: Tom, gender: m, lines: 1}
lines:
- {speaker: Mary, kind: dialogue, text: Come in., start: 0, end: 8}
- {speaker: Tom, kind: dialogue, text: 'Room # 5, #6', start: 9, end: 21}
- {speaker: Narrator, kind: narration, text: He sat., start: 22, end: 29}
"""


def dumped() -> str:
    return dump_script(parse_script(SCRIPT, "t.script.yaml"))


def commented(text: str) -> str:
    """The dump with a person's comments, a BOM and CRLF line ends."""
    text = "# reviewed by Ann\n" + text.replace("- speaker: Mary\n", "- speaker: Mary   # check\n")
    return "\ufeff" + text.replace("\n", "\r\n")


@pytest.fixture
def script(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.script.yaml"
    path.write_bytes(commented(dumped()).encode("utf-8"))
    return path


def assert_kept(script, commented_line: str) -> None:
    """The script still opens on its BOM and comment line, holds commented_line with its
    comment, and ends every line in CRLF."""
    text = script.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff# reviewed by Ann\r\n")
    assert commented_line + "\r\n" in text
    assert "\n" not in text.replace("\r\n", "")


def test_the_fixture_holds_a_hash_in_a_text_and_two_comments():
    assert "text: 'Room # 5, #6'" in dumped()
    assert commented(dumped()).count("#") == 4


def test_rename_keeps_every_other_byte(runner, script):
    result = runner.invoke(app, ["speakers", "rename", "Mary", "Mary Ann", "-s", script.name])
    assert result.exit_code == 0, result.output
    expected = commented(dumped()).replace("Mary", "Mary Ann")
    assert script.read_bytes().decode("utf-8") == expected
    assert "could not be kept" not in result.output


def test_merge_keeps_comments_bom_and_crlf(runner, script):
    result = runner.invoke(app, ["speakers", "merge", "Mary", "Tom", "-s", script.name])
    assert result.exit_code == 0, result.output
    assert_kept(script, "- speaker: Mary   # check")
    assert [ln.speaker for ln in load_script(script).lines] == ["Mary", "Mary", "Narrator"]


def test_move_to_the_narrator_keeps_the_comments(runner, script):
    result = runner.invoke(app, ["speakers", "move", "Mary", "--narrator", "-s", script.name])
    assert result.exit_code == 0, result.output
    assert_kept(script, "- speaker: Narrator   # check")
    assert load_script(script).lines[0].speaker == "Narrator"


def test_a_studio_line_edit_keeps_the_comments(script):
    apply_plan(plan_line_speaker(str(script), 0, "Tom"))
    text = script.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff# reviewed by Ann\r\n")
    assert "- speaker: Tom   # check\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    assert load_script(script).lines[0].speaker == "Tom"


def test_a_hash_inside_a_text_is_not_a_comment():
    old = "a: 1\nb: 'x # y'\nlong: 'one two\n  # three'\nc: 2  # mine\n"
    new = "a: 9\nb: 'x # y'\nlong: 'one two\n  # three'\nc: 2\n"
    assert keep_person_text(old, new, "f.yaml") == \
        ("a: 9\nb: 'x # y'\nlong: 'one two\n  # three'\nc: 2  # mine\n", None)


def test_a_comment_with_no_place_is_named_not_dropped_unsaid():
    old = "# top\na: 1  # gone\nb: 2\n"
    text, note = keep_person_text(old, "x: [1, 2]\ny: 3\nb: 2\n", "f.script.yaml")
    assert text == "# top\nx: [1, 2]\ny: 3\nb: 2\n"
    assert note == "f.script.yaml: 1 comment could not be kept (on lines this edit rewrote)"


def test_a_script_without_comments_is_the_dump_with_its_bom_and_line_ends():
    assert keep_person_text("\ufeffa: 1\r\n", "a: 2\n", "f") == ("\ufeffa: 2\r\n", None)
    assert keep_person_text("a: 1\n", "a: 2\n", "f") == ("a: 2\n", None)


def test_mixed_line_ends_come_back_as_the_first_line_s_and_are_said():
    """keep37/fix38: a file whose lines end in CRLF and LF both comes back with its first
    line's end on every line; the note says so (none for one style)."""
    mixed = dumped().replace("\n", "\r\n", 2)
    text, note = keep_person_text(mixed, dumped(), "t.script.yaml")
    assert text == dumped().replace("\n", "\r\n")
    assert note == ("t.script.yaml: its lines ended in more than one way: all now end as "
                    "its first (CRLF)")
    assert keep_person_text(dumped().replace("\n", "\r\n"), dumped(), "t")[1] is None
