"""`drama review`: the least confident dialogue lines, with context."""
from __future__ import annotations

import re

from drama.cli import app
from drama.extract.review import lines_to_review
from drama.model import Line, Script


def _script() -> Script:
    lines = [Line("Narrator", "narration", "They met.", 0, 9),
             Line("Tom", "dialogue", "Hello.", 10, 16, cue="explicit", confidence=0.97),
             Line("Anna", "dialogue", "Hi.", 17, 20, cue="turn-taking", confidence=0.6),
             Line("Tom", "dialogue", "Well?", 21, 26, cue="salience", confidence=0.3),
             Line("Anna", "dialogue", "Edited.", 27, 34)]
    return Script(title="t", lines=lines)


def test_lowest_confidence_first_in_script_order():
    items = lines_to_review(_script(), limit=2, context=1)
    assert [i.number for i in items] == [3, 4]
    assert [c.text for c in items[0].before] == ["Hello."]
    assert [c.text for c in items[1].after] == ["Edited."]


def test_hand_edited_lines_are_not_listed():
    items = lines_to_review(_script(), limit=10)
    assert all(i.line.confidence is not None for i in items)
    assert len(items) == 3


def test_review_command_lists_lines_with_cue_and_confidence(runner, tmp_path):
    src = tmp_path / "talk.txt"
    src.write_text('"Where to?" asked Tom.\n\n"Home," said Anna.\n\n"Why?"\n', encoding="utf-8")
    result = runner.invoke(app, ["review", str(src), "--limit", "1"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("line 5 [")
    # an untagged turn: the conversation model's, with its held-out accuracy as confidence
    assert re.search(r"\]: Tom \(cue conversation, confidence 0\.\d\d?\)$", first), first
    assert "  > Tom: Why?" in result.output


def test_review_says_how_many_lines_are_left_and_how_to_check_one(runner, tmp_path,
                                                                   monkeypatch):
    """ux30: a novel's review listed 20 lines and stopped, saying nothing of the 1,220
    others, nor how a line a person has checked leaves the list (its confidence deleted: a
    fix in a text editor leaves it there). The last line, on stderr, says both; and a
    line whose confidence is deleted is passed over."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.txt").write_text('"Where to?" asked Tom.\n\n"Home," said Anna.\n\n'
                                       '"Why?"\n', encoding="utf-8")
    assert runner.invoke(app, ["extract", "talk.txt", "-o", "talk.script.yaml"]).exit_code == 0
    result = runner.invoke(app, ["review", "talk.script.yaml", "--limit", "1"])
    assert result.stderr.splitlines()[-1] == (
        "talk.script.yaml: 1 line listed, the least confident of the 3 not yet checked "
        "(--limit 3 lists them all); once you have checked a line, delete its "
        "`confidence:` and review passes over it")
    listed = re.match(r"talk\.script\.yaml:(\d+): ", result.stdout)[1]
    text = (tmp_path / "talk.script.yaml").read_text(encoding="utf-8").splitlines()
    entry = next(i for i in range(int(listed), len(text)) if "confidence:" in text[i])
    del text[entry]
    (tmp_path / "talk.script.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["review", "talk.script.yaml", "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith(f"talk.script.yaml:{listed}: ")
    assert result.stderr.splitlines()[-1].startswith(
        "talk.script.yaml: 2 lines listed, the least confident of the 2 not yet checked; "
        "once you have checked")


def test_review_missing_file_is_a_clear_error(runner, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["review", str(missing)])
    assert result.exit_code == 2
    assert result.output.startswith("drama: error:")


def test_review_and_check_number_a_script_line_alike(runner, tmp_path, monkeypatch):
    """review said `line 5` (the place in the list of lines) where check said
    `talk.script.yaml:40: line 5` (the file line first): a person who read one and went to
    the line the other meant edited the wrong one. Both now say `FILE:N: line K`, N the
    file line the entry starts on."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talk.txt").write_text('"Where to?" asked Tom.\n\n"Home," said Anna.\n\n"Why?"\n',
                                       encoding="utf-8")
    assert runner.invoke(app, ["extract", "talk.txt", "-o", "talk.script.yaml"]).exit_code == 0
    first = runner.invoke(app, ["review", "talk.script.yaml", "--limit", "1"]).output
    place = re.match(r"(talk\.script\.yaml:(\d+): line 5) \[", first)
    assert place, first
    file_lines = (tmp_path / "talk.script.yaml").read_text(encoding="utf-8").splitlines()
    assert file_lines[int(place[2]) - 1] == "- speaker: Tom"
    assert file_lines[int(place[2]) + 1] == "  text: Why?"
    # the same line, broken, as check reports it
    (tmp_path / "talk.script.yaml").write_text(
        "\n".join(file_lines).replace("  text: Why?", "  text: Why not?") + "\n", encoding="utf-8")
    check = runner.invoke(app, ["check", "talk.script.yaml", "-c", "none.yaml"])
    assert check.exit_code == 2
    assert f"\n{place[1]}: " in check.output, check.output


def test_review_takes_several_scripts_each_in_turn(runner, tmp_path, monkeypatch):
    """ux26: review took one script (check takes several): `drama review
    output/*.script.yaml` was a usage error. Each is reviewed in turn, every entry naming
    its file (a text's too, among several: TEXT: line K); a folder among them is refused
    before anything is listed."""
    monkeypatch.chdir(tmp_path)
    talk = '"Where to?" asked Tom.\n\n"Home," said Anna.\n\n"Why?"\n'
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(talk, encoding="utf-8")
    assert runner.invoke(app, ["extract", "a.txt", "-o", "a.script.yaml"]).exit_code == 0
    result = runner.invoke(app, ["review", "a.script.yaml", "b.txt", "--limit", "1"])
    assert result.exit_code == 0, result.output
    entries = [ln for ln in result.stdout.splitlines() if ln and not ln.startswith("  ")]
    assert len(entries) == 2, result.output
    assert re.match(r"a\.script\.yaml:\d+: line 5 \[", entries[0]), entries
    assert entries[1].startswith("b.txt: line 5 ["), entries
    (tmp_path / "out").mkdir()
    refused = runner.invoke(app, ["review", "a.script.yaml", "out"])
    assert refused.exit_code == 2 and refused.output.startswith("drama: error: out: is a folder")
