"""Casting finds a voice through the scripts' characters aliases: a speaker labelled by
another of their names ("Captain Brannock" where voices.yaml voices "Brannock") speaks in
that voice, the label added to the entry's aliases and nothing else in the file touched;
two people are never joined to one voice silently (newcomer40)."""
from __future__ import annotations

import difflib
import logging

import pytest

from drama.casting import cast_plan, cast_speakers, load_casting
from drama.engines import Voice
from drama.model import CharacterEntry, Line, Script

VOICES = [Voice("tone/low", "Low", "en", "male"), Voice("tone/mid", "Mid", "en", "female"),
          Voice("tone/high", "High", "en", "female")]
IDS = {"tone/low", "tone/mid", "tone/high"}

CAST = """\
# our series' cast, edited by hand
narrator: {voice: tone/mid}
speakers:
  Brannock: {voice: tone/low, rate: 150}   # gravelly
  Hollis:
    voice: tone/high
    aliases: [Dr. Hollis]
"""


def script(*people: tuple[str, list[str]]) -> Script:
    """A script whose people (label, aliases) each say one line, with their entries."""
    lines = [Line(name, "dialogue", "Hello there.", i * 20, i * 20 + 12)
             for i, (name, _) in enumerate(people)]
    return Script("t", lines=lines,
                  characters=[CharacterEntry(name, list(aliases), "m", {}, 1)
                              for name, aliases in people])


def cast(path, *scripts: Script) -> list[str]:
    return cast_speakers(path, [s for sc in scripts for s in sc.speakers], VOICES,
                         scripts=list(scripts))


def changed_lines(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in
            difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op != "equal"]


def test_a_fuller_label_speaks_in_the_voice_of_its_alias_and_is_recorded(tmp_path, caplog):
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        added = cast(p, script(("Captain Brannock", ["Brannock"]), ("Ysolde", [])))
    assert added == ["Ysolde"]       # Brannock's voice, no new one
    after = p.read_text(encoding="utf-8")
    # one line changed, Brannock's, by its aliases alone; Ysolde appended
    assert changed_lines(CAST, after)[0] == (
        ["  Brannock: {voice: tone/low, rate: 150}   # gravelly\n"],
        ["  Brannock: {voice: tone/low, rate: 150, aliases: [Captain Brannock]}   "
         "# gravelly\n"])
    assert len(changed_lines(CAST, after)) == 2
    cast_ = load_casting(p, IDS)
    assert cast_.cast_name("Captain Brannock") == "Brannock"
    said = [r.getMessage() for r in caplog.records if "Captain Brannock" in r.getMessage()]
    assert said == [f"{p}: Captain Brannock speaks in Brannock's voice (the script's "
                    "characters give them that name too): added to its aliases"]
    assert cast(p, script(("Captain Brannock", ["Brannock"]))) == []
    assert p.read_text(encoding="utf-8") == after


def test_an_alias_of_the_voices_entry_finds_it_too(tmp_path):
    """Hollis's entry has the alias "Dr. Hollis"; a script's "Ambrose Hollis", aliased
    "Dr. Hollis", is that voice (a block entry: the alias goes in its list)."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    assert cast(p, script(("Ambrose Hollis", ["Dr. Hollis", "Ambrose"]))) == []
    after = p.read_text(encoding="utf-8")
    assert "    aliases: [Dr. Hollis, Ambrose Hollis]\n" in after
    assert changed_lines(CAST, after) == [(["    aliases: [Dr. Hollis]\n"],
                                           ["    aliases: [Dr. Hollis, Ambrose Hollis]\n"])]


def test_names_leading_to_two_voices_are_left_and_said_once(tmp_path, caplog):
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        added = cast(p, script(("Brannock Hollis", ["Brannock", "Hollis"])))
    assert added == ["Brannock Hollis"]  # a voice of its own, as before
    cast_ = load_casting(p, IDS)
    assert cast_.speakers["Brannock"].aliases == [] and \
        cast_.speakers["Hollis"].aliases == ["Dr. Hollis"]
    said = [r.getMessage() for r in caplog.records if "Brannock Hollis" in r.getMessage()]
    assert len(said) == 1 and "Brannock and Hollis" in said[0], said


def test_two_people_whose_aliases_lead_to_one_voice_are_not_joined(tmp_path, caplog):
    """Two episodes' "Osric Brannock" and "Tobin Brannock", each aliased "Brannock": no
    script says they are one person, so neither takes Brannock's voice."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        added = cast(p, script(("Osric Brannock", ["Brannock"])),
                     script(("Tobin Brannock", ["Brannock"])))
    assert added == ["Osric Brannock", "Tobin Brannock"]
    assert load_casting(p, IDS).speakers["Brannock"].aliases == []
    said = [r.getMessage() for r in caplog.records if "voice of its own" in r.getMessage()]
    assert len(said) == 2, said


def test_a_voice_another_person_of_the_script_has_is_not_taken(tmp_path):
    """"Old Brannock" (voiced as Brannock by its alias there) speaks in the same script as
    "Captain Brannock", aliased "Brannock": two people of one script, not one voice."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST.replace("rate: 150}", "rate: 150, aliases: [Old Brannock]}"),
                 encoding="utf-8")
    added = cast(p, script(("Old Brannock", []), ("Captain Brannock", ["Brannock"])))
    assert added == ["Captain Brannock"]
    assert load_casting(p, IDS).speakers["Brannock"].aliases == ["Old Brannock"]


def test_an_earlier_episode_given_with_the_later_one_is_no_other_person(tmp_path):
    """The series' first episode (speaker Brannock) and a later one ("Captain Brannock",
    aliased Brannock) cast together: one person, Brannock's voice."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    assert cast(p, script(("Brannock", [])), script(("Captain Brannock", ["Brannock"]))) == []
    assert load_casting(p, IDS).cast_name("Captain Brannock") == "Brannock"


def test_a_dry_run_says_the_alias_and_writes_nothing(tmp_path):
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    sc = script(("Captain Brannock", ["Brannock"]), ("Ysolde", []))
    plan = cast_plan(p, sc.speakers, VOICES, scripts=[sc])
    assert plan.joined == {"Captain Brannock": "Brannock"}
    assert [key for key, _ in plan.entries] == ["Ysolde"]
    assert plan.casting.cast_name("Captain Brannock") == "Brannock"
    assert p.read_text(encoding="utf-8") == CAST
    cast(p, sc)
    assert plan.new_text == p.read_text(encoding="utf-8")


def test_an_entry_whose_layout_refuses_the_alias_leaves_the_speaker_cast_anew(tmp_path,
                                                                              caplog):
    """Brannock's entry is a block anchor another entry copies: an alias added there would
    be the copy's too, so it is refused; the speaker gets a voice of its own, said."""
    text = ("speakers:\n  Brannock: &low\n    voice: tone/low\n    rate: 150\n"
            "  Quill: *low\n")
    p = tmp_path / "voices.yaml"
    p.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert cast(p, script(("Captain Brannock", ["Brannock"]))) == ["Captain Brannock"]
    after = p.read_text(encoding="utf-8")
    assert after.startswith(text)        # appended only
    said = [r.getMessage() for r in caplog.records if "Captain Brannock" in r.getMessage()]
    assert len(said) == 1 and "could speak in Brannock's voice, but" in said[0], said


SCRIPT = """\
title: t
characters:
- name: Captain Brannock
  aliases: [Brannock]
  gender: m
  lines: 1
lines:
- {speaker: Captain Brannock, kind: dialogue, text: Hold the gate., start: 0, end: 14}
"""


def test_drama_cast_dry_run_says_the_alias_it_would_add(runner, tmp_path, monkeypatch):
    from drama.cli import app
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ep2.script.yaml").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(CAST, encoding="utf-8")
    result = runner.invoke(app, ["cast", "ep2.script.yaml", "--engine", "tone", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "voices.yaml: Captain Brannock would speak in Brannock's voice (the script's "
        "characters give them that name too), added to its aliases",
        "voices.yaml: would add no voice, only the aliases above (nothing written)"]
    assert (tmp_path / "voices.yaml").read_text(encoding="utf-8") == CAST
    result = runner.invoke(app, ["cast", "ep2.script.yaml", "--engine", "tone"])
    assert result.exit_code == 0, result.output
    # it says what it did, not "every speaker already has a voice" (newcomer41)
    assert result.output.splitlines()[-1] == \
        "voices.yaml: no new voice: Captain Brannock added to the aliases of Brannock"
    assert load_casting(tmp_path / "voices.yaml", IDS).cast_name("Captain Brannock") == \
        "Brannock"


def test_cast_speakers_names_the_speakers_it_added_to_aliases(tmp_path):
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    added = cast(p, script(("Captain Brannock", ["Brannock"]), ("Ysolde", [])))
    assert added == ["Ysolde"] and added.joined == {"Captain Brannock": "Brannock"}


def test_the_aliases_added_are_said_entry_by_entry():
    """review41: two speakers added to two entries' aliases were said as "Captain Brannock,
    Nurse Hollis added to the aliases of Brannock, Hollis", which does not say whose alias
    each became: each entry is said with the speakers added to it."""
    from drama.casting import joined_said
    assert joined_said({"Captain Brannock": "Brannock", "Nurse Hollis": "Hollis",
                        "Old Brannock": "Brannock"}) == (
        "Captain Brannock, Old Brannock added to the aliases of Brannock; Nurse Hollis "
        "added to the aliases of Hollis")
    many = {f"Speaker {n}": f"Entry {n}" for n in range(50)}
    said = joined_said(many)
    assert said.startswith("Speaker 0 added to the aliases of Entry 0; Speaker 1 added")
    assert said.endswith("; and 10 more entries") and said.count(";") == 40


def test_a_dry_run_warns_of_each_speaker_the_real_run_leaves_apart(tmp_path, caplog):
    """newcomer41: `drama cast --dry-run` did not say which speakers whose names lead to a
    voice it would cast with a voice of their own, which the real run warns of."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    scripts = [script(("Osric Brannock", ["Brannock"])), script(("Tobin Brannock",
                                                                 ["Brannock"]))]
    plan = cast_plan(p, [s for sc in scripts for s in sc.speakers], VOICES, scripts=scripts)
    assert set(plan.apart) == {"Osric Brannock", "Tobin Brannock"}
    with caplog.at_level(logging.WARNING):
        cast(p, *scripts)
    said = [r.getMessage() for r in caplog.records if "voice of its own" in r.getMessage()]
    assert said == [f"{p}: {who} is cast with a voice of its own: {why}"
                    for who, why in plan.apart.items()]


def test_drama_cast_dry_run_prints_the_warnings_of_the_real_run(runner, tmp_path,
                                                                monkeypatch, caplog):
    from drama.cli import app
    monkeypatch.chdir(tmp_path)
    for n, first in ((2, "Osric"), (3, "Tobin")):
        (tmp_path / f"ep{n}.script.yaml").write_text(
            SCRIPT.replace("Captain", first), encoding="utf-8")
    (tmp_path / "voices.yaml").write_text(CAST, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(app, ["cast", "ep2.script.yaml", "ep3.script.yaml",
                                     "--engine", "tone", "--dry-run"])
    assert result.exit_code == 0, result.output
    said = [r.getMessage() for r in caplog.records if "voice of its own" in r.getMessage()]
    assert [ln.split(": ")[1] for ln in said] == [
        "Osric Brannock would be cast with a voice of its own",
        "Tobin Brannock would be cast with a voice of its own"], result.output
    assert (tmp_path / "voices.yaml").read_text(encoding="utf-8") == CAST


def test_an_edit_saved_while_the_alias_is_added_is_kept(tmp_path, monkeypatch):
    """A person's editor saving voices.yaml between drama's read and its write: the alias
    is added to the new text, the person's edit kept."""
    import drama.casting as casting_module
    p = tmp_path / "voices.yaml"
    p.write_text(CAST, encoding="utf-8")
    edited = CAST.replace("# gravelly", "# gravelly, edited meanwhile")
    real = casting_module._aliases_recorded

    def record_while_someone_saves(path, text, joined):
        result = real(path, text, joined)
        if "meanwhile" not in text:
            p.write_text(edited, encoding="utf-8")
        return result
    monkeypatch.setattr(casting_module, "_aliases_recorded", record_while_someone_saves)
    assert cast(p, script(("Captain Brannock", ["Brannock"]))) == []
    assert p.read_text(encoding="utf-8") == edited.replace(
        "rate: 150}", "rate: 150, aliases: [Captain Brannock]}")


@pytest.mark.slow
def test_commands_at_once_keep_the_alias_and_every_speaker(tmp_path):
    """Three `drama cast` processes at once on one voices.yaml, one adding an alias, two
    appending speakers, and a `drama speakers voice` changing Hollis's rate: all four
    edits are in the file afterwards."""
    from fault_util import start_drama
    (tmp_path / "ep2.script.yaml").write_text(SCRIPT, encoding="utf-8")
    for n in (3, 4):
        lines = "".join(f"- {{speaker: P{n}speaker{i}, kind: dialogue, text: Hello., "
                        f"start: {i * 7}, end: {i * 7 + 6}}}\n" for i in range(8))
        (tmp_path / f"ep{n}.script.yaml").write_text(f"title: t\nlines:\n{lines}",
                                                     encoding="utf-8")
    p = tmp_path / "voices.yaml"
    for _ in range(2):
        p.write_text(CAST, encoding="utf-8")
        procs = [start_drama("cast", f"ep{n}.script.yaml", "--engine", "tone", cwd=tmp_path)
                 for n in (2, 3, 4)]
        procs.append(start_drama("speakers", "voice", "Hollis", "--rate", "140", "--engine",
                                 "tone", cwd=tmp_path))
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        cast_ = load_casting(p)
        assert cast_.cast_name("Captain Brannock") == "Brannock"
        assert cast_.speakers["Hollis"].rate == 140
        assert all(cast_.has(f"P{n}speaker{i}") for n in (3, 4) for i in range(8))
        assert "# our series' cast, edited by hand\n" in p.read_text(encoding="utf-8")


def test_a_name_another_episode_gives_another_voiced_person_is_not_followed(tmp_path):
    """Episode 1's "Mr. Vell" (voiced) is aliased "Vell", and a stray "Vell" has a voice of
    its own; episode 5's "Mr. Osric Vell", aliased "Vell" too, is not sent to the stray
    voice: the name is also another person's."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST + "  Mr. Vell: {voice: tone/low}\n  Vell: {voice: tone/high}\n",
                 encoding="utf-8")
    added = cast(p, script(("Mr. Vell", ["Vell"])), script(("Mr. Osric Vell", ["Vell"])))
    assert added == ["Mr. Osric Vell"]
    assert load_casting(p, IDS).speakers["Vell"].aliases == []


def test_another_entry_listing_the_speaker_as_its_alias_is_not_followed(tmp_path):
    """Episode 1's group label "Brannock and Ysolde" carries the alias "Captain Brannock"
    (an extractor's slip); episode 2's Captain Brannock, with an entry of his own naming
    no voiced name, is not sent to the group's voice: only a speaker's own entry says who
    they are."""
    p = tmp_path / "voices.yaml"
    p.write_text(CAST + "  Brannock and Ysolde: {voice: tone/high}\n", encoding="utf-8")
    added = cast(p, script(("Brannock and Ysolde", ["Captain Brannock"])),
                 script(("Captain Brannock", ["Cap"])))
    assert added == ["Captain Brannock"]
    assert load_casting(p, IDS).speakers["Brannock and Ysolde"].aliases == []


def test_a_name_that_leads_to_a_voice_of_the_other_sex_is_not_followed(tmp_path, caplog):
    """review40: a later episode's "Mrs. Pelham", whose entry has the bare surname "Pelham"
    (only she is in it), took Mr. Pelham's voice (aliased "Pelham" in episode 1), a man's:
    a woman's entry never joins a man's voice, nor the other way round."""
    p = tmp_path / "voices.yaml"
    cast_text = "speakers:\n  Mr. Pelham: {voice: tone/low, gender: male, aliases: [Pelham]}\n"
    p.write_text(cast_text, encoding="utf-8")
    later = Script("t", lines=[Line("Mrs. Pelham", "dialogue", "Hello there.", 0, 12)],
                   characters=[CharacterEntry("Mrs. Pelham", ["Pelham"], "f", {}, 1)])
    with caplog.at_level(logging.WARNING):
        assert cast(p, later) == ["Mrs. Pelham"]  # a voice of her own
    assert load_casting(p, IDS).speakers["Mr. Pelham"].aliases == ["Pelham"]
    said = [r.getMessage() for r in caplog.records if "Mrs. Pelham" in r.getMessage()]
    assert said == [f"{p}: Mrs. Pelham is cast with a voice of its own: their names lead to "
                    "Mr. Pelham, a man's voice (voices.yaml), and their characters entry is "
                    "a woman's; if they are one person, `drama speakers merge` them"]
    # the voice's sex from its own characters entry, where voices.yaml gives none
    p.write_text(cast_text.replace(" gender: male,", ""), encoding="utf-8")
    first = script(("Mr. Pelham", ["Pelham"]))   # a man's entry ("m")
    assert cast(p, first, later) == ["Mrs. Pelham"]
    assert load_casting(p, IDS).speakers["Mr. Pelham"].aliases == ["Pelham"]
