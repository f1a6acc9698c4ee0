"""`drama speakers merge / rename / move`: bulk fixes of the cast in scripts and voices.yaml,
through the CLI runner. voices.yaml keeps every byte the person wrote but the edit."""
from __future__ import annotations

import difflib

import pytest

from drama.casting import load_casting
from drama.cli import app
from drama.scriptfile import load_script

EP1 = """\
title: one
characters:
- {name: Mr. Knightley, aliases: [George Knightley], gender: m, evidence: {title_m: 5}, lines: 9}
- {name: Knightley, gender: unknown, lines: 1}
- {name: Mr. John Knightley, gender: m, evidence: {title_m: 2}, lines: 1}
- {name: Harriet--, gender: unknown, lines: 1}
- {name: Elton, gender: m, lines: 1}
lines:
- {speaker: Mr. Knightley, kind: dialogue, text: Emma!, start: 0, end: 5}
- {speaker: Knightley, kind: dialogue, text: Well., start: 6, end: 11}
- {speaker: Mr. John Knightley, kind: dialogue, text: Brother., start: 12, end: 20}
- {speaker: Harriet--, kind: dialogue, text: A song., start: 21, end: 28}
- {speaker: Elton, kind: dialogue, text: Charming., start: 29, end: 38}
- {speaker: Narrator, kind: narration, text: They sat., start: 39, end: 48}
"""
EP2 = """\
title: two
lines:
- {speaker: Knightley, kind: dialogue, text: Again., start: 0, end: 6}
"""
VOICES = """\
# My cast. Edited by hand!
narrator: {voice: tone/mid, rate: 150}   # calm

speakers:
  # the Knightleys
  Mr. Knightley:
    voice: tone/low
    pitch: 40        # deep
  Knightley: {voice: tone/high, rate: 200}   # a stray
  Elton: {voice: tone/mid}
# the end
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ep1.script.yaml").write_text(EP1, encoding="utf-8")
    (tmp_path / "ep2.script.yaml").write_text(EP2, encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(VOICES, encoding="utf-8")
    return tmp_path


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def speakers_of(path) -> list[str]:
    return [ln.speaker for ln in load_script(path).lines]


def test_merge_joins_lines_aliases_and_voices(runner, work):
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "knightley",
                                 "Mr. John Knightley", "-s", "ep1.script.yaml",
                                 "-s", "ep2.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "ep1.script.yaml: 1 line Knightley -> Mr. Knightley" in result.output
    assert speakers_of(work / "ep1.script.yaml")[:3] == ["Mr. Knightley"] * 3
    assert speakers_of(work / "ep2.script.yaml") == ["Mr. Knightley"]
    ep1 = load_script(work / "ep1.script.yaml")
    entry = ep1.character("Mr. Knightley")
    assert entry.aliases == ["George Knightley", "Knightley", "Mr. John Knightley"]
    assert entry.lines == 3 and entry.evidence == {"title_m": 7}
    assert [c.name for c in ep1.characters] == ["Mr. Knightley", "Harriet--", "Elton"]
    # voices.yaml: the stray's entry is kept as comments, the aliases added, nothing else
    new = (work / "voices.yaml").read_text(encoding="utf-8")
    removed, added = changed_lines(VOICES, new)
    assert removed == ["  Knightley: {voice: tone/high, rate: 200}   # a stray\n"]
    assert added == ["    aliases: [Knightley, Mr. John Knightley]\n",
                     "  # merged into Mr. Knightley by `drama speakers merge`:\n",
                     "  # Knightley: {voice: tone/high, rate: 200}   # a stray\n"]
    cast = load_casting(work / "voices.yaml")
    assert cast.entry_for("Mr. John Knightley").voice == "tone/low"
    assert cast.entry_for("Knightley").voice == "tone/low"


def test_merge_says_a_merged_entry_now_voices_other_scripts_as_the_kept_one(runner, work):
    """ep2 is not given, and its Knightley line will sound as Mr. Knightley's: say so, as
    move says other scripts keep their voice (the README's merge changes seed 004's voices)."""
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert ("voices.yaml: Knightley's entry commented out (any other script's Knightley "
            "speaks in Mr. Knightley's voice now)") in result.output
    assert speakers_of(work / "ep2.script.yaml") == ["Knightley"]
    assert load_casting(work / "voices.yaml").entry_for("Knightley").voice == "tone/low"


def test_a_name_ending_in_s_is_made_possessive_with_an_apostrophe_alone(runner, work):
    """walk27: "any other script's Shreider and Prokopovich speaks in The marchers's voice
    now". A name ending in s takes an apostrophe alone (wording.possessive)."""
    for name in ("ep1.script.yaml", "voices.yaml"):
        path = work / name
        path.write_text(path.read_text(encoding="utf-8").replace("Mr. Knightley",
                                                                 "The Knightleys"),
                        encoding="utf-8")
    result = runner.invoke(app, ["speakers", "merge", "The Knightleys", "Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert ("voices.yaml: Knightley's entry commented out (any other script's Knightley "
            "speaks in The Knightleys' voice now)") in result.output


def test_dry_run_shows_the_change_and_writes_nothing(runner, work):
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley",
                                 "-s", "ep1.script.yaml", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "ep1.script.yaml: 1 line Knightley -> Mr. Knightley" in result.output
    assert "+    aliases: [Knightley]" in result.output      # voices.yaml as a diff
    assert "dry run: nothing written" in result.output
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_rename_keeps_the_old_name_as_an_alias_in_voices(runner, work):
    result = runner.invoke(app, ["speakers", "rename", "Elton", "Mr. Elton",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    ep1 = load_script(work / "ep1.script.yaml")
    assert "Mr. Elton" in ep1.speakers and "Elton" not in ep1.speakers
    assert ep1.character("Mr. Elton").gender == "m"
    removed, added = changed_lines(VOICES, (work / "voices.yaml").read_text(encoding="utf-8"))
    assert removed == ["  Elton: {voice: tone/mid}\n"]
    assert added == ["  Mr. Elton: {voice: tone/mid, aliases: [Elton]}\n"]


def test_renaming_an_alias_renames_the_entry_that_voices_it(runner, work):
    """studio29: `rename X Y` where X is only an alias of Z in voices.yaml added Y as one
    more alias of Z ("Z gains alias Y"): the speaker kept Z's name. Renamed, the entry is Y
    and keeps both Z and X as aliases, so every script still finds the voice; the dry run
    shows it, says no script given has a line of X, and names the rename that gives the
    lines of Z the new name too."""
    (work / "voices.yaml").write_text(VOICES.replace(
        "Elton: {voice: tone/mid}", "Elton: {voice: tone/mid, aliases: [Mr. E]}"),
        encoding="utf-8")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = runner.invoke(app, ["speakers", "rename", "Mr. E", "Philip Elton",
                                 "-s", "ep1.script.yaml", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "voices.yaml: Elton, the entry that voices Mr. E, is now Philip Elton",
        "voices.yaml: Philip Elton keeps Elton and Mr. E as aliases"]
    assert "+  Philip Elton: {voice: tone/mid, aliases: [Mr. E, Elton]}" in result.output
    assert ("no script given has a line of Mr. E: only voices.yaml changes; the scripts "
            "call this voice Elton: to rename their lines too, run `drama speakers rename "
            "Elton 'Philip Elton'` instead") in result.output
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before
    result = runner.invoke(app, ["speakers", "rename", "Mr. E", "Philip Elton",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    cast = load_casting(work / "voices.yaml")
    assert cast.cast_name("Philip Elton") == "Philip Elton"
    assert cast.speakers["Philip Elton"].aliases == ["Mr. E", "Elton"]
    assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1


def test_a_rename_is_taken_back_by_renaming_again(runner, work):
    """hostile31: `rename Elton "Mr. Elton"`, then `rename "Mr. Elton" Elton` to take it
    back, was refused: "'Elton' is already a speaker; ... run `drama speakers merge Elton
    'Mr. Elton'`" (Elton was only the alias the first rename kept, of the same entry), and
    that merge left the entry named Mr. Elton. The name of an alias of the speaker's own
    entry is the speaker's to take; it comes back with the first name as an alias, and a
    third rename adds no alias twice. A name another entry voices is still refused."""
    rename = ["speakers", "rename"]
    assert runner.invoke(app, [*rename, "Elton", "Mr. Elton", "-s", "ep1.script.yaml"]) \
        .exit_code == 0
    result = runner.invoke(app, [*rename, "Mr. Elton", "Elton", "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "Elton" in load_script(work / "ep1.script.yaml").speakers
    cast = load_casting(work / "voices.yaml")
    assert cast.cast_name("Elton") == "Elton" and cast.cast_name("Mr. Elton") == "Elton"
    result = runner.invoke(app, [*rename, "Elton", "Mr. Elton", "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    cast = load_casting(work / "voices.yaml")
    assert cast.cast_name("Elton") == "Mr. Elton"
    # newcomer42: the name taken from the aliases leaves them, the old name in its place
    # (it stayed, `Mr. Elton: {..., aliases: [Elton, Mr. Elton]}`)
    assert cast.speakers["Mr. Elton"].aliases == ["Elton"]
    result = runner.invoke(app, [*rename, "Mr. Elton", "Mr. Knightley", "-s", "ep1.script.yaml"])
    assert result.exit_code == 2 and "is already a speaker" in result.output


def test_a_rename_to_a_name_of_the_speakers_own_aliases_swaps_the_two(runner, work):
    """newcomer42: `rename Mr. Knightley "George Knightley"` (an alias of his characters
    entry) wrote `name: George Knightley, aliases: [George Knightley]`, dropping the old
    name; in voices.yaml, renaming back to a name the entry held as an alias left that
    name as its own alias. Each file now swaps the two, in the list's own style."""
    (work / "voices.yaml").write_text(VOICES.replace(
        "    pitch: 40        # deep\n", "    pitch: 40        # deep\n    aliases:\n"
        "    - Squire\n    - George Knightley   # his given name\n"), encoding="utf-8")
    result = runner.invoke(app, ["speakers", "rename", "Mr. Knightley", "George Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    entry = load_script(work / "ep1.script.yaml").character("George Knightley")
    assert entry.aliases == ["Mr. Knightley"]
    cast = load_casting(work / "voices.yaml")
    assert cast.speakers["George Knightley"].aliases == ["Squire", "Mr. Knightley"]
    assert "    - Mr. Knightley   # his given name\n" in (work / "voices.yaml").read_text()


@pytest.mark.parametrize("args", [
    ["merge", "George Knightley", "Elton"],   # KEEP is another entry's alias
    ["move", "Elton", "George Knightley"],    # so is the speaker the lines go to
    ["rename", "Elton", "George Knightley"],
], ids=["merge", "move", "rename"])
@pytest.mark.parametrize("casting", [True, False], ids=["voices", "no-voices"])
def test_a_name_that_is_another_entrys_alias_never_breaks_the_script(runner, work, args,
                                                                       casting):
    """hostile31: after `merge Lenin Trotsky` (Trotsky an alias of Lenin in the characters
    section), `merge Trotsky Dan` and `move Dan Trotsky` wrote a characters entry named
    Trotsky beside Lenin's alias Trotsky, exit 0: the script then failed to load in every
    command ("name 'Trotsky' is already Lenin's; one name stands for one person"); so did
    `rename Dan Trotsky` without a voices.yaml. The name stands for the person whose alias
    it is: merged and moved lines go to that person, and a rename to it is refused."""
    if not casting:
        (work / "voices.yaml").unlink()
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    ep1 = load_script(work / "ep1.script.yaml")     # loads: no name given to two people
    if args[0] == "rename":
        assert result.exit_code == 2 and result.output == (
            "drama: error: 'George Knightley' is an alias of 'Mr. Knightley' in the "
            "characters section of ep1.script.yaml; to make 'Elton' the same person, run "
            "`drama speakers merge 'Mr. Knightley' Elton`\n")
        assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1
        return
    assert result.exit_code == 0, result.output
    assert [ln.speaker for ln in ep1.lines if ln.text == "Charming."] == ["Mr. Knightley"]
    assert ep1.character("George Knightley") is None
    if casting:
        cast = load_casting(work / "voices.yaml")
        assert "George Knightley" not in cast.speakers
        assert cast.entry_for("Mr. Knightley").voice == "tone/low"


def test_another_entrys_alias_is_not_merged_away_on_its_own(runner, work):
    """The alias a characters section gives Mr. Knightley is his: merging it into Elton is
    refused (no speaker of its own: his alias), and voices.yaml does not give it to Elton."""
    result = runner.invoke(app, ["speakers", "merge", "Elton", "George Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2 and \
        "'George Knightley' speaks no line of its own: it is an alias of 'Mr. Knightley'" \
        in result.output
    assert (work / "voices.yaml").read_text(encoding="utf-8") == VOICES
    assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1


def test_a_rename_of_the_case_alone_renames_the_entry(runner, work):
    result = runner.invoke(app, ["speakers", "rename", "Elton", "ELTON", "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "ELTON" in load_casting(work / "voices.yaml").speakers
    assert "ELTON" in load_script(work / "ep1.script.yaml").speakers


def test_a_list_of_names_quotes_a_name_that_holds_an_and():
    """walk: "The marchers gains aliases Shreider and Prokopovich, Shreider" read as three
    names; it is two."""
    from drama.wording import names_listed
    assert names_listed(["Shreider and Prokopovich", "Shreider"]) == \
        "'Shreider and Prokopovich' and Shreider"
    assert names_listed(["A", "Smith, John", "B"]) == "A, 'Smith, John' and B"
    assert names_listed(["Anderson"]) == "Anderson"


@pytest.mark.parametrize("written", [1, 2])
def test_a_rename_killed_midway_is_finished_by_running_it_again(runner, work, tmp_path_factory,
                                                                written):
    """newcomer51: `speakers rename` killed as it wrote its files one by one left some
    scripts renamed, the others and voices.yaml not (each file whole); running it again
    said "is already a speaker" and named a merge. Run again, it now finishes the rest,
    the files as one run leaves them; once more, it has nothing to change."""
    from drama.edits import _write_change
    from drama.speakers import plan_rename
    args = ["speakers", "rename", "Knightley", "Stray Knightley",
            "-s", "ep1.script.yaml", "-s", "ep2.script.yaml"]
    twin = tmp_path_factory.mktemp("twin")
    for name in ("ep1.script.yaml", "ep2.script.yaml", "voices.yaml"):
        (twin / name).write_bytes((work / name).read_bytes())
    plan = plan_rename("Knightley", "Stray Knightley", ["ep1.script.yaml", "ep2.script.yaml"],
                       "voices.yaml")
    assert [c.casting for c in plan.changes] == [False, False, True]  # voices.yaml last
    for change in plan.changes[:written]:   # killed after `written` files
        _write_change(change)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("ep2.script.yaml: 1 line Knightley -> Stray Knightley" in result.output) == \
        (written == 1)
    assert "voices.yaml: Knightley is now Stray Knightley" in result.output
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "nothing to change" in result.output, result.output
    import os
    os.chdir(twin)
    assert runner.invoke(app, args).exit_code == 0   # the rename in one run
    for name in ("ep1.script.yaml", "ep2.script.yaml", "voices.yaml"):
        assert (work / name).read_bytes() == (twin / name).read_bytes(), name


def test_a_rename_to_a_name_in_a_script_without_the_old_one_needs_voices_yaml_to_tell(
        runner, work):
    """A script that has the new name and not the old is the rename's own work only where
    voices.yaml gives the new name no voice of another entry: without a voices.yaml, or with
    the name voiced by its own entry, it is another person (merge); so is a name in a
    script beside the old one, voiced or not."""
    result = runner.invoke(app, ["speakers", "rename", "Elton", "Mr. John Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2 and "is already a speaker" in result.output   # beside Elton
    args = ["speakers", "rename", "Elton", "Knightley", "-s", "ep2.script.yaml", "-s",
            "ep1.script.yaml"]
    (work / "ep1.script.yaml").write_text(EP1.replace("Knightley", "Mr K"), encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "is already a speaker" in result.output   # voiced
    (work / "voices.yaml").unlink()
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "is already a speaker" in result.output   # no voices


def test_a_rename_to_an_alias_in_voices_yaml_says_whose_it_is_and_to_merge(runner, work):
    """newcomer51: renaming to a name voices.yaml holds as another entry's alias said "is
    already a speaker"; it is that entry's alias, and the merge into it is what to run."""
    (work / "voices.yaml").write_text(VOICES.replace(
        "  Elton: {voice: tone/mid}", "  Elton: {voice: tone/mid, aliases: [The vicar]}"),
        encoding="utf-8")
    before = (work / "voices.yaml").read_bytes()
    result = runner.invoke(app, ["speakers", "rename", "Harriet--", "The vicar",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert result.output == (
        "drama: error: 'The vicar' is an alias of 'Elton' in voices.yaml; to make 'Harriet--' "
        "the same person, run `drama speakers merge Elton Harriet--`\n")
    assert (work / "voices.yaml").read_bytes() == before
    assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1


def test_a_rename_to_a_speaker_voiced_as_the_old_ones_alias_names_a_merge_of_two(runner,
                                                                                  work):
    """review52: a name voices.yaml holds as the renamed entry's own alias, speaking beside
    it in a script, was "an alias of 'Elton'" with the merge `merge Elton Elton`, one
    person into itself; it is a speaker, and the merge joins the two."""
    (work / "voices.yaml").write_text(VOICES.replace(
        "  Elton: {voice: tone/mid}", "  Elton: {voice: tone/mid, aliases: [Harriet--]}"),
        encoding="utf-8")
    result = runner.invoke(app, ["speakers", "rename", "Elton", "Harriet--",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert result.output == (
        "drama: error: 'Harriet--' is already a speaker; to make 'Elton' the same person, "
        "run `drama speakers merge Harriet-- Elton`\n")
    assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1


def test_rename_to_a_known_speaker_points_to_merge(runner, work):
    result = runner.invoke(app, ["speakers", "rename", "Knightley", "Mr. Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: 'Mr. Knightley' is already a speaker; to make 'Knightley' the same "
        "person, run `drama speakers merge 'Mr. Knightley' Knightley`")


@pytest.mark.parametrize("args", [["merge", "Elton", "George Knightley"],
                                  ["rename", "George Knightley", "George"],
                                  ["move", "George Knightley", "Elton"]])
def test_a_characters_alias_given_as_a_speaker_says_whose_alias_it_is(runner, work, args):
    """newcomer42: `merge Elton "George Knightley"` (an alias in Mr. Knightley's characters
    entry) said "no speaker 'George Knightley' ...; did you mean 'Mr. Knightley'?", as if
    the name were misspelt."""
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: 'George Knightley' speaks no line of its own: it is an alias of "
        "'Mr. Knightley' in the characters section of ep1.script.yaml, whose lines are Mr. "
        "Knightley's; name 'Mr. Knightley' instead")


def test_move_to_the_narrator_makes_narration(runner, work):
    result = runner.invoke(app, ["speakers", "move", "Harriet--", "--narrator",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    ep1 = load_script(work / "ep1.script.yaml")
    line = next(ln for ln in ep1.lines if ln.text == "A song.")
    assert (line.speaker, line.kind, line.cue, line.confidence) == \
        ("Narrator", "narration", None, None)
    assert ep1.character("Harriet--") is None
    assert (work / "voices.yaml").read_text(encoding="utf-8") == VOICES


def test_moving_lines_back_from_the_narrator_says_how(runner, work):
    """newcomer41: `move NAME --narrator`, then `move Narrator NAME` to undo it, said only
    "no speaker 'Narrator'": the lines are narration now, which no command tells from the
    rest; both the move and the error say how one goes back (the line's speaker and kind,
    or the studio's `s`)."""
    moved = runner.invoke(app, ["speakers", "move", "Harriet--", "--narrator",
                                "-s", "ep1.script.yaml"])
    assert "to give one back later, set its `speaker:` and `kind: dialogue`" in moved.output
    back = runner.invoke(app, ["speakers", "move", "Narrator", "Harriet--",
                               "-s", "ep1.script.yaml"])
    assert back.exit_code == 2
    assert back.output.strip().splitlines()[-1] == (
        "drama: error: the narrator has no dialogue lines in ep1.script.yaml or voices.yaml: "
        "its lines are narration, which no command tells apart; to give one back to a "
        "speaker set its `speaker:` and `kind: dialogue` in the script, or press `s` on it "
        "in `drama studio`")


@pytest.mark.parametrize("args, done", [
    (["rename", "Narrator", "Storyteller"], "renamed"), (["merge", "Elton", "Narrator"], "merged"),
    (["merge", "Narrator", "Elton"], "merged")])
def test_merging_or_renaming_the_narrator_says_what_that_command_does(runner, work, args, done):
    """review41: a merge or a rename naming the narrator, which has no dialogue line, got the
    move's words ("to give one back to a speaker ..."): each says that the narrator is no
    speaker it can merge or rename."""
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"drama: error: the narrator cannot be {done}: its voice is the casting file's "
        "top-level `narrator:` entry, no speaker's"), result.output


def test_a_move_to_the_narrator_says_how_to_give_a_line_back_once(runner, work):
    """review41: the hint was said on every script's line ("1 line Knightley -> narration
    (to give one back later, ...)"), once per episode of a book: it is said once, after
    the lines each script moved."""
    moved = runner.invoke(app, ["speakers", "move", "Knightley", "--narrator",
                                "-s", "ep1.script.yaml", "-s", "ep2.script.yaml"])
    assert moved.exit_code == 0, moved.output
    said = moved.output.splitlines()
    assert [ln for ln in said if "-> narration" in ln] == [
        "ep1.script.yaml: 1 line Knightley -> narration",
        "ep2.script.yaml: 1 line Knightley -> narration"], said
    assert moved.output.count("to give one back later") == 1
    assert "Knightley's lines are narration now: to give one back later, set its " \
           "`speaker:` and `kind: dialogue` in the script" in moved.output


def test_move_to_another_speaker_leaves_voices_alone(runner, work):
    result = runner.invoke(app, ["speakers", "move", "Elton", "Mrs. Elton",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "'Elton' keeps its voice there" in result.output
    ep1 = load_script(work / "ep1.script.yaml")
    assert ep1.character("Elton") is None
    assert ep1.character("Mrs. Elton").gender == "f" and ep1.character("Mrs. Elton").lines == 1
    assert (work / "voices.yaml").read_text(encoding="utf-8") == VOICES


def test_move_to_a_new_speaker_says_they_have_no_voice_yet(runner, work):
    """A move to a name voices.yaml lacks says so and what gives it a voice (walk34: only
    `drama check` told, "speaker 'Thomas' has no voice"); a cast name says nothing of it."""
    result = runner.invoke(app, ["speakers", "move", "Elton", "Mrs. Elton",
                                 "-s", "ep1.script.yaml", "-n"])
    assert result.exit_code == 0, result.output
    assert "voices.yaml: 'Mrs. Elton' has no voice there yet: `drama cast ep1.script.yaml -c " \
           "voices.yaml` gives one, as the next render or build does" in result.output
    cast = runner.invoke(app, ["speakers", "move", "Harriet--", "Elton", "-s", "ep1.script.yaml"])
    assert cast.exit_code == 0, cast.output
    assert "no voice there yet" not in cast.output


@pytest.mark.parametrize("args, message", [
    (["merge", "Mr. Knightly", "Knightley"],
     "no speaker 'Mr. Knightly' in ep1.script.yaml or voices.yaml; did you mean "
     "'Mr. Knightley' or 'Mr. John Knightley' or 'Knightley'?"),
    (["move", "Elton"], "name who says the lines (drama speakers move OLD NEW) or pass "
                        "--narrator, not both"),
    (["move", "Elton", "Narrator"], "to give lines to the narrator, use "
                                    "`drama speakers move NAME --narrator`"),
    (["merge", "Elton", "elton"], "cannot merge 'Elton' into itself"),
])
def test_clear_errors(runner, work, args, message):
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == f"drama: error: {message}"
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_an_unknown_name_in_many_scripts_names_the_first_and_counts_the_rest(runner, work):
    """A book's every episode given (`-s out/emma/*.script.yaml`): the error named each of
    them, one line of every path (walk33); it names the first and counts the others."""
    for n in (3, 4):
        (work / f"ep{n}.script.yaml").write_text(EP2, encoding="utf-8")
    scripts = [f"ep{n}.script.yaml" for n in (1, 2, 3, 4)]
    result = runner.invoke(app, ["speakers", "rename", "Mr. Knightly", "X", "-s", *scripts])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: no speaker 'Mr. Knightly' in ep1.script.yaml (and the 3 other scripts "
        "given) or voices.yaml; did you mean 'Mr. Knightley' or 'Mr. John Knightley' or "
        "'Knightley'?")


def test_a_text_file_is_not_a_script(runner, work):
    (work / "a.txt").write_text("Hello.", encoding="utf-8")
    result = runner.invoke(app, ["speakers", "rename", "Elton", "X", "-s", "a.txt"])
    assert result.exit_code == 2
    assert "a.txt: not a script file" in result.output


@pytest.mark.parametrize("args", [
    ["merge", "Mr. Knightley", "Knightley", "-s", "ep1.script.yaml", "ep2.script.yaml"],
    ["merge", "Mr. Knightley", "-s", "ep1.script.yaml", "ep2.script.yaml", "Knightley"],
    ["rename", "Knightley", "George", "--script", "ep1.script.yaml", "ep2.script.yaml"],
    ["move", "Knightley", "--narrator", "-s", "ep1.script.yaml", "ep2.script.yaml"],
])
def test_one_s_takes_every_script_the_shell_lists_after_it(runner, work, args):
    """walk29: `-s out/emma/*.script.yaml` (a book's 37 episodes) is `-s 001... 002...` to
    the command: merge took 002 for a speaker ("no speaker 'out/.../002...'"), rename and
    move failed on "unexpected extra arguments". Each script listed after -s is one."""
    result = runner.invoke(app, ["speakers", *args])
    assert result.exit_code == 0, result.output
    assert "Knightley" not in speakers_of(work / "ep1.script.yaml")
    assert "Knightley" not in speakers_of(work / "ep2.script.yaml")


def test_a_folder_names_the_scripts_to_give(runner, work):
    """walk29: `-s out/emma` said "not a script file; extract one with `drama extract`",
    and `drama speakers out/emma` "is a folder, not a text file"."""
    (work / "book").mkdir()
    (work / "ep2.script.yaml").rename(work / "book" / "ep2.script.yaml")
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley", "-s", "book"])
    assert result.exit_code == 2
    assert "book: is a folder: give its scripts, e.g. -s book/*.script.yaml" in result.output
    result = runner.invoke(app, ["speakers", "book"])
    assert result.exit_code == 2
    assert "book: is a folder: name the scripts in it, e.g. drama speakers " \
        "book/ep2.script.yaml" in result.output


def test_listing_still_works_with_or_without_the_word_list(runner, work):
    for args in (["speakers", "ep1.script.yaml"], ["speakers", "list", "ep1.script.yaml"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0].split() == \
            ["SPEAKER", "LINES", "WORDS", "VOICE", "GENDER"]


@pytest.mark.parametrize("args", [
    ["merge", "Mr. Knightley", "Knightley"],
    ["rename", "Knightley", "George"],
    ["move", "Knightley", "--narrator"],
])
def test_a_proposal_waiting_beside_a_script_is_edited_with_it(runner, work, args):
    """newcomer51: the source changed under an edited episode, so the build wrote its
    proposal (001.script.new.yaml, the edits carried); a merge then changed the script
    alone, and moving the proposal over it, as build asks, brought the merged label back
    (a move to the narrator: the lines spoken again in the old voice)."""
    proposal = work / "ep1.script.new.yaml"
    proposal.write_text(EP1, encoding="utf-8")
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert "ep1.script.new.yaml: 1 line Knightley -> " in result.output
    assert speakers_of(proposal) == speakers_of(work / "ep1.script.yaml")
    assert "Knightley" not in speakers_of(proposal)


def test_a_broken_proposal_beside_a_script_stops_the_edit_saying_why_it_is_read(runner, work):
    """review51: a proposal that does not read as a script (half edited, emptied) stopped a
    merge given only the script with the proposal's own parse error, which did not say why
    a file not given was read. It still stops (the edit goes in both or neither), nothing
    written, in one line naming both files."""
    proposal = work / "ep1.script.new.yaml"
    for broken in ("lines: [ {speaker: x\n", ""):
        proposal.write_text(broken, encoding="utf-8")
        result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley",
                                     "-s", "ep1.script.yaml"])
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1
        assert result.output.startswith("drama: error: ep1.script.new.yaml")
        assert "the proposal waiting beside ep1.script.yaml" in result.output
        assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1
        assert proposal.read_text(encoding="utf-8") == broken


def test_a_script_given_twice_is_listed_once(runner, work):
    """newcomer51: `drama speakers out/emma/ out/emma/003-....script.yaml` (or one script by
    two paths) listed every line of it twice: the narrator's one line as 2."""
    (work / "sub").mkdir()
    once = runner.invoke(app, ["speakers", "ep1.script.yaml"])
    for twice in (["ep1.script.yaml"] * 2, ["ep1.script.yaml", "sub/../ep1.script.yaml"]):
        result = runner.invoke(app, ["speakers", *twice])
        assert result.exit_code == 0, result.output
        assert result.output == once.output
    assert ["Narrator", "1", "2"] in [row.split()[:3] for row in once.output.splitlines()]


def test_block_alias_lists_and_missing_casting_file(runner, work):
    (work / "voices.yaml").write_text(
        "speakers:\n  Mr. Knightley:\n    voice: tone/low\n    aliases:\n"
        "      - George Knightley\n", encoding="utf-8")
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert (work / "voices.yaml").read_text(encoding="utf-8").endswith(
        "      - George Knightley\n      - Knightley\n")
    (work / "voices.yaml").unlink()
    result = runner.invoke(app, ["speakers", "rename", "Elton", "Mr. Elton",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert not (work / "voices.yaml").exists()


def test_a_file_changed_meanwhile_is_not_overwritten(work):
    from drama.speakers import apply_plan, plan_rename
    plan = plan_rename("Elton", "Mr. Elton", ["ep1.script.yaml"], "voices.yaml")
    (work / "voices.yaml").write_text(VOICES + "# a late edit\n", encoding="utf-8")
    from drama.errors import SpeakerError
    with pytest.raises(SpeakerError, match="changed while being edited"):
        apply_plan(plan)
    assert (work / "voices.yaml").read_text(encoding="utf-8").endswith("# a late edit\n")


def test_an_edit_that_cannot_lock_voices_writes_nothing_and_claims_nothing(runner, work,
                                                                        monkeypatch):
    # the scripts used to be written before voices.yaml's lock was asked for: a busy lock
    # left them renamed, voices.yaml not, and the output said voices.yaml had changed too
    from drama.casting import casting_lock_path
    from drama.locks import FileLock
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    with FileLock(casting_lock_path("voices.yaml")) as lock:
        assert lock.try_acquire()
        result = runner.invoke(app, ["speakers", "rename", "Elton", "Mr. Elton",
                                     "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert "another drama command" in result.output
    assert "Mr. Elton" not in result.output       # no change reported as made
    assert {p.name: p.read_bytes() for p in work.iterdir()
            if not p.name.startswith(".")} == before


def test_a_file_changed_meanwhile_stops_the_edit_before_any_file_is_written(work):
    from drama.errors import SpeakerError
    from drama.speakers import apply_plan, plan_rename
    plan = plan_rename("Elton", "Mr. Elton", ["ep1.script.yaml"], "voices.yaml")
    assert [c.casting for c in plan.changes] == [False, True]   # the script comes first
    (work / "voices.yaml").write_text(VOICES + "# a late edit\n", encoding="utf-8")
    with pytest.raises(SpeakerError, match="changed while being edited"):
        apply_plan(plan)
    assert (work / "ep1.script.yaml").read_text(encoding="utf-8") == EP1


@pytest.mark.parametrize("layout, name, aliases, expected", [
    # CRLF line ends and a BOM are kept; the new line uses the file's line end
    ("\ufeffspeakers:\r\n  Lenin:\r\n    voice: tone/low\r\n", "Lenin", ["Ilyich"],
     "\ufeffspeakers:\r\n  Lenin:\r\n    voice: tone/low\r\n    aliases: [Ilyich]\r\n"),
    # the voice alone becomes a flow mapping
    ("speakers:\n  Lenin: tone/low   # short\n", "Lenin", ["Ilyich"],
     "speakers:\n  Lenin: {voice: tone/low, aliases: [Ilyich]}   # short\n"),
    # one alias as a plain scalar becomes a list
    ("speakers:\n  Lenin: {voice: tone/low, aliases: Ilyich}\n", "Lenin", ["V. I. Lenin"],
     "speakers:\n  Lenin: {voice: tone/low, aliases: [Ilyich, V. I. Lenin]}\n"),
    # names that need quotes get them
    ("speakers:\n  Lenin: {voice: tone/low, aliases: []}\n", "Lenin", ["Lenin: V", "#1"],
     "speakers:\n  Lenin: {voice: tone/low, aliases: ['Lenin: V', '#1']}\n"),
    # a whole file in flow style
    ("{speakers: {Lenin: {voice: tone/low}, Dan: {voice: tone/high}}}\n", "Lenin", ["Ilyich"],
     "{speakers: {Lenin: {voice: tone/low, aliases: [Ilyich]}, Dan: {voice: tone/high}}}\n"),
])
def test_aliases_are_added_in_the_entrys_own_style(layout, name, aliases, expected):
    from drama.casting.load import casting_from_text
    from drama.casting.textedit import add_aliases
    got = add_aliases(layout, name, aliases)
    assert got == expected
    assert casting_from_text(got, "v.yaml").speakers[name].aliases[-len(aliases):] == aliases


def test_an_entry_sharing_its_line_is_not_commented_out(runner, work):
    (work / "voices.yaml").write_text(
        "speakers: {Mr. Knightley: {voice: tone/low}, Knightley: {voice: tone/high}}\n",
        encoding="utf-8")
    before = (work / "voices.yaml").read_bytes()
    result = runner.invoke(app, ["speakers", "merge", "Mr. Knightley", "Knightley",
                                 "-s", "ep1.script.yaml"])
    assert result.exit_code == 2
    assert result.output == ("drama: error: voices.yaml: speakers -> Knightley: the speakers "
                             "are on one line; remove the entry by hand\n")
    assert (work / "voices.yaml").read_bytes() == before
    assert speakers_of(work / "ep1.script.yaml")[1] == "Knightley"     # nothing written


def test_an_edit_waits_for_an_extraction_writing_the_script_and_is_never_lost(work,
                                                                            monkeypatch):
    """bad27: `drama speakers` and the studio wrote a script without its lock, the one
    `drama extract` holds while it judges the file untouched and replaces it: an edit
    written in between was replaced by the extraction, said done, and lost. Now the edit
    waits for the extraction, then finds the file changed and writes nothing."""
    import threading

    from drama.errors import DramaError
    from drama.locks import FileLock
    from drama.saving import pair_lock_path
    from drama.speakers import apply_plan, plan_move
    script = work / "ep1.script.yaml"
    plan = plan_move("Elton", None, [str(script)], "voices.yaml")  # the script alone
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "30")
    outcome = []

    def edit() -> None:
        try:
            apply_plan(plan)
            outcome.append("written")
        except DramaError as exc:
            outcome.append(str(exc))
    with FileLock(pair_lock_path(script), removable=True) as extraction:
        assert extraction.try_acquire()  # an extraction has judged the script untouched
        person = threading.Thread(target=edit)
        person.start()
        person.join(1.0)  # the edit runs meanwhile
        script.write_text(EP1.replace("title: one", "title: extracted again"),
                          encoding="utf-8")  # ... and the extraction replaces the file
        extraction.release(remove=True)
    person.join(30)
    text = script.read_text(encoding="utf-8")
    assert outcome != ["written"] or "Elton" not in text, "an edit said done was lost"
    assert len(outcome) == 1 and "changed while being edited" in outcome[0]
    assert "title: extracted again" in text


def test_an_edit_waiting_for_a_cast_is_planned_again_on_its_append(runner, work, monkeypatch):
    """bad27: `drama speakers voice` (merge, rename, move) planned the edit, then waited for
    voices.yaml's lock while a `drama cast` or `build` appended: the file it got had
    changed, and the command failed ("changed while being edited"), nearly every time a
    cast was running. It is planned again on the file as it is: both changes are kept."""
    import drama.edits
    real, appended = drama.edits.casting_locked, []

    def a_cast_appends_first(path):
        if not appended:  # another command had the lock and appended meanwhile
            with open(path, "a", encoding="utf-8") as f:
                f.write("  Newcomer: {voice: tone/high}\n")
            appended.append(path)
        return real(path)
    monkeypatch.setattr(drama.edits, "casting_locked", a_cast_appends_first)
    result = runner.invoke(app, ["speakers", "voice", "Elton", "--rate", "190"])
    assert result.exit_code == 0, result.output
    assert "voices.yaml: Elton: rate" in result.output and "-> 190" in result.output
    cast = load_casting(work / "voices.yaml")
    assert cast.speakers["Elton"].rate == 190 and cast.has("Newcomer")


@pytest.mark.parametrize("volume", ["0", "0.004", "1.5"])
def test_a_volume_that_would_silence_a_speaker_is_refused(runner, work, volume):
    """bad28: `drama speakers voice X --volume 0` (or 0.004, written rounded as 0.0) was
    written, and every render then failed on that speaker's first line ("the speech engine
    produced only silence")."""
    casting = (work / "voices.yaml").read_bytes()
    result = runner.invoke(app, ["speakers", "voice", "Elton", "--volume", volume])
    assert result.exit_code == 2 and "volume: must be" in result.output and \
        "more than 0 " in result.output, \
        result.output
    assert (work / "voices.yaml").read_bytes() == casting


@pytest.mark.parametrize("args", [["merge", "Elton", "narrator"], ["merge", "Narrator", "Elton"],
                                  ["rename", "NARRATOR", "Pip"]])
def test_the_narrator_given_a_dialogue_line_is_not_merged_or_renamed(runner, work, args):
    """review28b: a dialogue line typed as `speaker: narrator` is the narrator's (bad28), so
    merge and rename found the narrator among the speakers: `merge Elton narrator` was a
    KeyError traceback, the others said voices.yaml had "no speaker 'Narrator' to edit" or
    "no speakers mapping"; `move`, which works, noted that 'Narrator' keeps its voice
    entry."""
    script = (work / "ep1.script.yaml").read_text(encoding="utf-8")
    (work / "ep1.script.yaml").write_text(
        script.replace("speaker: Harriet--", "speaker: narrator"), encoding="utf-8")
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    done = "merged" if args[0] == "merge" else "renamed"
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"drama: error: the narrator cannot be {done}: its voice is the casting file's "
        "top-level `narrator:` entry, no speaker's; to give its dialogue lines to a speaker, "
        "run `drama speakers move Narrator NAME`"), result.output
    moved = runner.invoke(app, ["speakers", "move", "narrator", "Elton", "-s",
                                "ep1.script.yaml"])
    assert moved.exit_code == 0 and "keeps its voice" not in moved.output, moved.output
    assert speakers_of(work / "ep1.script.yaml").count("Elton") == 2


@pytest.mark.parametrize("command", ["rename", "move"])
@pytest.mark.parametrize("name, message", [
    ("Elt\x01on", "a speaker name cannot hold a control character"),
    ("Elt\udcffon", "a speaker name must be text in UTF-8"),
    ("Elton " * 20, "a speaker name is at most 100 characters, not 119"),
])
def test_a_new_name_no_script_could_hold_is_refused_and_nothing_is_written(runner, work,
                                                                          command, name,
                                                                          message):
    """studio29: `speakers rename Elton $'Elt\\x01on'` wrote a script whose reader then
    refused the whole file (every command failed on it), a name in another encoding
    (`$'\\xff'`, held as a lone surrogate) was a UnicodeEncodeError traceback, and a name
    longer than the reader keeps (it cuts at 100) left voices.yaml naming someone no
    script names."""
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = runner.invoke(app, ["speakers", command, "Elton", name, "-s", "ep1.script.yaml"])
    assert result.exit_code == 2, result.output
    assert message in result.output.strip().splitlines()[-1]
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


@pytest.mark.parametrize("args, shown", [
    (["rename", "Elton", "Elton\u200b"], "Elton<U+200B>"),
    (["rename", "Elton", "\u202eElton"], "<U+202E>Elton"),
    (["merge", "Elt\u200bon", "Elton"], "Elt<U+200B>on"),
    (["move", "Elton", "\ufeffElton"], "<U+FEFF>Elton"),
])
def test_a_new_name_with_an_invisible_character_is_refused_in_one_line(runner, work, args,
                                                                       shown):
    """hostile37/fix38: `speakers rename Tom $'Tom\u200b'` wrote a name that looks like Tom
    and is another, and `$'\u202eTom'` turned the rest of `speakers list`'s line around.
    Refused (exit 2, nothing written), the character shown by its code point."""
    before = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("drama: error: a speaker name cannot hold an invisible character (")
    assert last.endswith(f"): {shown}"), last
    assert {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()} == before


def test_a_joiner_between_letters_is_part_of_a_name():
    """A Persian name writes a zero-width non-joiner between letters: not refused."""
    from drama.model import invisible_in, typed_speaker_name
    assert typed_speaker_name("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") \
        .count("\u200c") == 1
    assert invisible_in("Tom\u200c") == [3] and invisible_in("To\u00adm") == [2]


@pytest.mark.parametrize("args, expected", [
    (["rename", "Mr.  Knightley", "George"], "1 line Mr. Knightley -> George"),
    (["merge", " Mr.  Knightley", "Mr.  John   Knightley"],
     "1 line Mr. John Knightley -> Mr. Knightley"),
    (["move", "Mr. \tJohn  Knightley", "--narrator"], "1 line Mr. John Knightley -> narration"),
])
def test_an_old_name_s_spaces_are_folded_as_a_new_name_s_are(runner, work, args, expected):
    """fix31c: `speakers voice` and a rename's NEW name fold a typed name's spaces
    (model.typed_speaker_name), but the name to find (rename's and move's OLD name, merge's
    names) was matched as typed: `rename "Mr.  Knightley" George` said "no speaker"."""
    result = runner.invoke(app, ["speakers", *args, "-s", "ep1.script.yaml"])
    assert result.exit_code == 0, result.output
    assert f"ep1.script.yaml: {expected}" in result.output


def test_a_name_typed_in_another_unicode_form_finds_the_speaker(runner, tmp_path, monkeypatch):
    """`drama speakers rename José Joe` typed with é as one character finds the scripts'
    "José" written as e and a combining accent (and voices.yaml's entry): it said "no
    speaker 'José' ...; did you mean 'José'?" (hostile37)."""
    nfc, nfd = "Jos\u00e9", "Jose\u0301"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ep.script.yaml").write_text(
        f"title: one\nlines:\n- {{speaker: {nfd}, kind: dialogue, text: Hola., start: 0, "
        f"end: 5}}\n", encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(f"speakers:\n  {nfd}: {{voice: tone/low}}  # mine\n",
                                          encoding="utf-8")
    result = runner.invoke(app, ["speakers", "rename", nfc, "Joe", "-s", "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    assert load_script("ep.script.yaml").lines[0].speaker == "Joe"
    assert (tmp_path / "voices.yaml").read_text(encoding="utf-8") == \
        f"speakers:\n  Joe: {{voice: tone/low, aliases: [{nfd}]}}  # mine\n"


def test_renaming_a_speaker_to_the_name_it_has_is_said_to_change_nothing(runner, work):
    """`drama speakers rename Elton Elton` printed "1 line Elton -> Elton" and "characters:
    Elton is now Elton", exit 0, and wrote nothing (hostile37)."""
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    result = runner.invoke(app, ["speakers", "rename", "elton", " Elton ",
                                 "-s", "ep1.script.yaml", "ep2.script.yaml"])
    assert result.exit_code == 2
    assert "'Elton' is called 'Elton' already: nothing to rename" in result.output
    assert "->" not in result.output
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_a_casting_file_given_that_does_not_exist_is_said_with_the_merge_that_mends_it(
        runner, work):
    """`-c voice.yaml` (a typo) renamed the scripts' Elton and said nothing of voices.yaml,
    whose Elton entry no script named then: the next build cast Mr. Elton anew (hostile37).
    The merge it names brings voices.yaml in line."""
    result = runner.invoke(app, ["speakers", "rename", "Elton", "Mr. Elton", "-s",
                                 "ep1.script.yaml", "-c", "voice.yaml"])
    assert result.exit_code == 0, result.output
    merge = "drama speakers merge -s SCRIPTS -c FILE 'Mr. Elton' Elton"
    assert f"voice.yaml: no such file, so no voice was changed; if the voices are in another " \
           f"file, `{merge}` changes them there too" in result.output
    result = runner.invoke(app, ["speakers", "merge", "Mr. Elton", "Elton", "-s",
                                 "ep1.script.yaml", "-c", "voices.yaml"])
    assert result.exit_code == 0, result.output
    assert load_casting(work / "voices.yaml").entry_for("Mr. Elton").voice == "tone/mid"


SHARED_VOICE_EP = """\
title: quay
lines:
- {speaker: Wenna, kind: dialogue, text: The tide is in., start: 0, end: 16}
- {speaker: Miss Tregear, kind: dialogue, text: Then row., start: 17, end: 26}
- {speaker: Petroc, kind: dialogue, text: Not I., start: 27, end: 33}
"""
SHARED_VOICE_CAST = """\
narrator: {voice: tone/mid}
speakers:
  Wenna: {voice: tone/high, aliases: [Miss Tregear]}   # chosen by hand
  Petroc: {voice: tone/low}
"""


def in_folder_with(folder, monkeypatch, script: str, casting: str) -> None:
    """Work in folder, which holds ep.script.yaml (script) and voices.yaml (casting)."""
    monkeypatch.chdir(folder)
    (folder / "ep.script.yaml").write_text(script, encoding="utf-8")
    (folder / "voices.yaml").write_text(casting, encoding="utf-8")


@pytest.mark.parametrize("old, says", [
    ("Miss Tregear", "'Miss Tregear' is an alias of Wenna's entry, which still voices Wenna "
                     "in these scripts: keep it"),
    ("Wenna", "Wenna's entry still voices Miss Tregear in these scripts: keep it")])
def test_a_move_never_says_to_delete_an_entry_the_scripts_still_speak_in(runner, tmp_path,
                                                                       monkeypatch, old, says):
    """newcomer54: moving the lines of a label voiced by a shared entry (an alias's, or the
    entry's own name while an alias still speaks) said "delete the entry if none does" of
    the entry the other label's lines still speak in; deleting it would recast them."""
    in_folder_with(tmp_path, monkeypatch, SHARED_VOICE_EP, SHARED_VOICE_CAST)
    moved = runner.invoke(app, ["speakers", "move", old, "Petroc", "-s", "ep.script.yaml"])
    assert moved.exit_code == 0, moved.output
    assert f"voices.yaml: unchanged; {says}" in moved.output, moved.output
    assert "delete the entry" not in moved.output
    assert (tmp_path / "voices.yaml").read_text(encoding="utf-8") == SHARED_VOICE_CAST


def test_a_text_given_as_the_script_is_told_the_script_drama_made_of_it(runner, tmp_path,
                                                                         monkeypatch):
    """newcomer54: `drama speakers merge ... -s wrenfold.txt`, after `drama extract
    wrenfold.txt -o out/`, said "not a script file ...; extract one with `drama extract`",
    which would write a second script beside the one the person had edited: the error
    names the script made of the text, one line, exit 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "quay.txt").write_text(
        '"The tide is in," said Wenna.\n\n"Then row," said Petroc.\n', encoding="utf-8")
    made = runner.invoke(app, ["extract", "quay.txt", "-o", "out/"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["speakers", "merge", "Wenna", "Petroc", "-s", "quay.txt"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: quay.txt: not a script file (.yaml, .yml or .json); give the scripts "
        "drama made of it instead: -s out/quay.script.yaml"), result.output
    (tmp_path / "pier.txt").write_text('"Row," said Wenna.\n', encoding="utf-8")
    fresh = runner.invoke(app, ["speakers", "merge", "Wenna", "Petroc", "-s", "pier.txt"])
    assert fresh.exit_code == 2 and fresh.output.strip().splitlines()[-1].endswith(
        "not a script file (.yaml, .yml or .json); extract one with `drama extract`")


TUNED_EP = """\
title: quay
lines:
- {speaker: Mrs. Tregear, kind: dialogue, text: The tide is in., start: 0, end: 16}
- {speaker: Wenna, kind: dialogue, text: Then row., start: 17, end: 26}
- {speaker: Jory, kind: dialogue, text: Not I., start: 27, end: 33}
"""
TUNED_CAST = """\
narrator: {engine: tone, voice: tone/mid}
speakers:
  Mrs. Tregear: {engine: tone, voice: tone/mid}
  Wenna: {engine: tone, voice: tone/high, rate: 200, pitch: 60}   # tuned by hand
  Jory: {engine: tone, voice: tone/mid}
"""


def test_a_merge_says_how_to_keep_the_merged_entrys_own_settings(runner, tmp_path,
                                                                  monkeypatch):
    """newcomer54: merging a speaker whose entry a person had tuned (Wenna's voice, rate and
    pitch) into one cast otherwise said only "Wenna's entry commented out"; the tuned
    settings went out of use unsaid. The merge names them and the `drama speakers voice`
    that gives them to the kept speaker, which does; an entry that sounds the same as the
    kept one (Jory's) gets no such note."""
    in_folder_with(tmp_path, monkeypatch, TUNED_EP, TUNED_CAST)
    merged = runner.invoke(app, ["speakers", "merge", "Mrs. Tregear", "Wenna", "Jory",
                                 "-s", "ep.script.yaml"])
    assert merged.exit_code == 0, merged.output
    command = "drama speakers voice 'Mrs. Tregear' --voice tone/high --rate 200 --pitch 60"
    assert ("voices.yaml: Wenna's own settings (voice tone/high, rate 200, pitch 60) speak "
            f"no one now, kept in its comment; to give them to Mrs. Tregear: `{command}`"
            ) in merged.output, merged.output
    assert "Jory's own settings" not in merged.output
    voiced = runner.invoke(app, ["speakers", "voice", "Mrs. Tregear", "--voice", "tone/high",
                                 "--rate", "200", "--pitch", "60"])
    assert voiced.exit_code == 0, voiced.output
    entry = load_casting(tmp_path / "voices.yaml").speakers["Mrs. Tregear"]
    assert (entry.voice, entry.rate, entry.pitch) == ("tone/high", 200, 60)


def test_a_move_of_an_alias_no_line_still_speaks_in_never_says_to_delete_its_entry(
        runner, tmp_path, monkeypatch):
    """review54: moving an alias's lines where no line given speaks in its entry said
    "delete the entry if none does" of the entry, which voices its own name (Wenna) in
    other scripts; the alias is what may go."""
    without_wenna = SHARED_VOICE_EP.replace(
        "- {speaker: Wenna, kind: dialogue, text: The tide is in., start: 0, end: 16}\n", "")
    in_folder_with(tmp_path, monkeypatch, without_wenna, SHARED_VOICE_CAST)
    moved = runner.invoke(app, ["speakers", "move", "Miss Tregear", "Petroc", "-s",
                                "ep.script.yaml"])
    assert moved.exit_code == 0, moved.output
    assert ("voices.yaml: unchanged; 'Miss Tregear' is an alias of Wenna's entry, which keeps "
            "it (other scripts may still use it; take it out of the entry's aliases if none "
            "does)") in moved.output, moved.output
    assert "delete the entry" not in moved.output
    assert (tmp_path / "voices.yaml").read_text(encoding="utf-8") == SHARED_VOICE_CAST


def test_a_text_given_as_the_script_with_many_scripts_names_the_first_and_counts_the_rest(
        runner, tmp_path, monkeypatch):
    """review54: past three scripts made of the text, the hint named three in the order the
    folders were listed and left the rest unsaid, as if the three were all."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "quay.txt").write_text('"The tide is in," said Wenna.\n', encoding="utf-8")
    for folder in ("d", "b", "a", "c"):
        made = runner.invoke(app, ["extract", "quay.txt", "-o", f"{folder}/"])
        assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["speakers", "merge", "Wenna", "Petroc", "-s", "quay.txt"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "drama: error: quay.txt: not a script file (.yaml, .yml or .json); give the scripts "
        "drama made of it instead: -s a/quay.script.yaml -s b/quay.script.yaml "
        "-s c/quay.script.yaml (and 1 more)"), result.output


def test_a_merge_into_an_alias_says_its_command_changes_the_whole_entry(runner, tmp_path,
                                                                        monkeypatch):
    """review54: merged into Miss Tregear, an alias of Wenna's entry, the note offered
    `drama speakers voice 'Miss Tregear' ...`, which changes Wenna's entry: Wenna's voice
    too, unsaid. The note names the entry and says it voices the alias too."""
    in_folder_with(tmp_path, monkeypatch, SHARED_VOICE_EP, SHARED_VOICE_CAST)
    merged = runner.invoke(app, ["speakers", "merge", "Miss Tregear", "Petroc", "-s",
                                 "ep.script.yaml", "-n"])
    assert merged.exit_code == 0, merged.output
    assert ("voices.yaml: Petroc's own settings (voice tone/low) speak no one now, kept in its "
            "comment; to give them to Wenna's entry, which voices Miss Tregear too: "
            "`drama speakers voice Wenna --voice tone/low`") in merged.output, merged.output
