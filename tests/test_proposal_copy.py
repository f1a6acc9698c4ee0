"""A speakers edit of a waiting proposal keeps it untouched when it was (copy52): its hidden
copy is edited with it, so the next source change renews it instead of stopping as if a
person had edited it; never when the edit would be lost by that renewal."""
from __future__ import annotations

import pytest

from drama.cli import app
from drama.saving import baseline_path, is_edited
from drama.scriptfile import load_script

TALE = """The lamps were lit along the quay.

"Is the ferry late?" asked Pell.

"It is always late," said Orla. "Sit down."

"Then we wait," said Pell.
"""


@pytest.fixture
def tale(tmp_path, monkeypatch, runner):
    """An extracted script a person edited, and a proposal waiting beside it (the source
    changed since)."""
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "tale.txt"
    source.write_text(TALE, encoding="utf-8")
    script = tmp_path / "tale.script.yaml"
    extract = ["extract", str(source), "-o", str(script)]
    assert runner.invoke(app, extract).exit_code == 0
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("speaker: Orla", "speaker: Pell", 1), encoding="utf-8")
    return source, script, extract


def _source_changes(runner, source, extract, added: str):
    source.write_text(source.read_text(encoding="utf-8") + added, encoding="utf-8")
    result = runner.invoke(app, extract)
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def _speakers(path) -> set[str]:
    return {line.speaker for line in load_script(path).lines}


def test_a_rename_in_both_leaves_the_proposal_untouched_and_renewed(runner, tale):
    source, script, extract = tale
    _source_changes(runner, source, extract, "\nShe smiled.\n")
    proposal = script.with_name("tale.script.new.yaml")
    assert not is_edited(proposal)
    result = runner.invoke(app, ["speakers", "rename", "Pell", "Pell Marr", "-s", str(script)])
    assert result.exit_code == 0, result.output
    assert not is_edited(proposal)
    message = _source_changes(runner, source, extract, "\nThe end.\n")
    assert "holds one of an older source" not in message
    assert f"A fresh script for the text is in {proposal}" in message
    assert "Pell Marr" in _speakers(proposal) and "Pell" not in _speakers(proposal)


def test_a_rename_of_a_speaker_only_the_proposal_has_leaves_its_copy_alone(runner, tale):
    """A renewal takes the script's speakers line by line: the proposal's new speaker would
    go back to the extractor's name, so the proposal counts as a person's and is kept."""
    source, script, extract = tale
    _source_changes(runner, source, extract, '\n"Wait for me!" cried Bram.\n')
    proposal = script.with_name("tale.script.new.yaml")
    copy = baseline_path(proposal).read_bytes()
    result = runner.invoke(app, ["speakers", "rename", "Bram", "Bram Holt", "-s", str(script)])
    assert result.exit_code == 0, result.output
    assert baseline_path(proposal).read_bytes() == copy and is_edited(proposal)
    kept = proposal.read_bytes()
    message = _source_changes(runner, source, extract, "\nThe end.\n")
    assert "holds one of an older source" in message and proposal.read_bytes() == kept


def test_a_proposal_a_person_edited_keeps_its_copy(runner, tale):
    source, script, extract = tale
    _source_changes(runner, source, extract, "\nShe smiled.\n")
    proposal = script.with_name("tale.script.new.yaml")
    proposal.write_text(proposal.read_text(encoding="utf-8").replace(
        "speaker: Orla", "speaker: Orla Vey", 1), encoding="utf-8")
    copy = baseline_path(proposal).read_bytes()
    result = runner.invoke(app, ["speakers", "rename", "Pell", "Pell Marr", "-s", str(script)])
    assert result.exit_code == 0, result.output
    assert baseline_path(proposal).read_bytes() == copy and is_edited(proposal)
    assert "Orla Vey" in _speakers(proposal)


def test_undo_puts_the_copy_back_with_the_proposal(runner, tale):
    source, script, extract = tale
    _source_changes(runner, source, extract, "\nShe smiled.\n")
    proposal = script.with_name("tale.script.new.yaml")
    before, copy = proposal.read_bytes(), baseline_path(proposal).read_bytes()
    assert runner.invoke(app, ["speakers", "merge", "Orla", "Pell", "-s",
                               str(script)]).exit_code == 0
    assert not is_edited(proposal) and proposal.read_bytes() != before
    result = runner.invoke(app, ["speakers", "undo"])
    assert result.exit_code == 0, result.output
    assert proposal.read_bytes() == before and baseline_path(proposal).read_bytes() == copy
    message = _source_changes(runner, source, extract, "\nThe end.\n")
    assert "holds one of an older source" not in message


def test_a_proposal_moved_over_its_script_has_its_copy_removed_when_the_script_is_used(
        runner, tale):
    """newcomer53: the proposal's hidden copy stayed once the proposal was moved over its
    script. The script used for the text (as build and render use it) removes it; the
    moved script, the person's, is used as it stands."""
    import os

    from drama.loading import script_for_source
    source, script, extract = tale
    _source_changes(runner, source, extract, "\nShe smiled.\n")
    proposal = script.with_name("tale.script.new.yaml")
    assert baseline_path(proposal).is_file()
    os.replace(proposal, script)
    moved = script.read_bytes()
    used, as_it_stands = script_for_source(source, script)
    assert as_it_stands and not baseline_path(proposal).exists()
    assert script.read_bytes() == moved and "Pell" in {ln.speaker for ln in used.lines}
