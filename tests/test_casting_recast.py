"""`drama speakers voice` (and the studio's cast view, through the same plan_voice): one
entry's settings change in voices.yaml, every other byte stays."""
from __future__ import annotations

import pytest
import yaml

from drama.casting import load_casting
from drama.casting.recast import plan_voice
from drama.cli import app
from drama.edits import apply_plan
from drama.errors import CastingError

VOICES = """\
# My cast. Edited by hand!
narrator: {voice: tone/mid, rate: 150}   # calm

speakers:
  # the Knightleys
  Mr. Knightley:
    voice: tone/low
    pitch: 40        # deep
    aliases: [Knightley]
  Emma: {voice: tone/high, rate: 200}   # quick
  Elton: tone/mid
# the end
"""


@pytest.fixture
def casting_here(tmp_path, monkeypatch):
    """Writes the given text as voices.yaml in the folder commands run in; its path."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "voices.yaml"

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def voices(casting_here):
    return casting_here(VOICES)


def refusal(result) -> str:
    """The error line a refused `drama speakers` command ended on (exit status 2)."""
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


def only_change(before: str, after: str) -> list[tuple[str, str]]:
    """The (old, new) line pairs that differ; the line count must not change."""
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), after
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_flow_entry_gets_new_values_in_place(runner, voices):
    result = runner.invoke(app, ["speakers", "voice", "Emma", "--voice", "tone/low",
                                 "--pitch", "30", "--engine", "tone"])
    assert result.exit_code == 0, result.output
    assert "voices.yaml: Emma: engine (default) -> tone, voice tone/high -> tone/low, " \
        "pitch 50 -> 30" in result.output
    assert only_change(VOICES, voices.read_text()) == [
        ("  Emma: {voice: tone/high, rate: 200}   # quick",
         "  Emma: {voice: tone/low, rate: 200, engine: tone, pitch: 30}   # quick")]
    assert load_casting(voices).speakers["Emma"].engine == "tone"


def test_block_entry_by_alias_keeps_comments(runner, voices):
    result = runner.invoke(app, ["speakers", "voice", "knightley", "--pitch", "35",
                                 "--rate", "180"])
    assert result.exit_code == 0, result.output
    after = voices.read_text()
    assert "    pitch: 35        # deep\n    aliases: [Knightley]\n    rate: 180\n" in after
    entry = load_casting(voices).speakers["Mr. Knightley"]
    assert (entry.voice, entry.pitch, entry.rate) == ("tone/low", 35, 180)


def test_a_name_s_spaces_are_folded_as_rename_folds_them(runner, voices):
    """fix31c: `drama speakers voice "Mr.  Knightley"` (two spaces, as a copied name may
    have) found no speaker, where `drama speakers rename` folds a typed name's spaces to
    one (model.typed_speaker_name): voice takes the name as rename does."""
    result = runner.invoke(app, ["speakers", "voice", " Mr.  Knightley ", "--rate", "180"])
    assert result.exit_code == 0, result.output
    assert load_casting(voices).speakers["Mr. Knightley"].rate == 180


def test_narrator_and_bare_voice_entries(voices):
    apply_plan(plan_voice("Narrator", {"volume": 0.7}, str(voices)))
    apply_plan(plan_voice("Elton", {"rate": 120}, str(voices)))
    assert only_change(VOICES, voices.read_text()) == [
        ("narrator: {voice: tone/mid, rate: 150}   # calm",
         "narrator: {voice: tone/mid, rate: 150, volume: 0.7}   # calm"),
        ("  Elton: tone/mid", "  Elton: {voice: tone/mid, rate: 120}")]
    cast = load_casting(voices)
    assert cast.narrator.volume == 0.7 and cast.speakers["Elton"].rate == 120


def test_dry_run_writes_nothing_and_shows_the_diff(runner, voices):
    result = runner.invoke(app, ["speakers", "voice", "Emma", "--rate", "190", "-n"])
    assert result.exit_code == 0, result.output
    assert "+  Emma: {voice: tone/high, rate: 190}   # quick" in result.output
    assert voices.read_text() == VOICES


def test_unchanged_values_make_no_edit(runner, voices):
    result = runner.invoke(app, ["speakers", "voice", "Emma", "--rate", "200"])
    assert result.exit_code == 0
    assert "nothing to change" in result.output
    assert voices.read_text() == VOICES


@pytest.mark.parametrize("args, message", [
    (["Emma", "--rate", "9000"], "voices.yaml: Emma: rate: must be a number between 80 and 450"),
    (["Emma", "--voice", "tone/hig", "--engine", "tone"],
     "voices.yaml: Emma: voice: unknown voice 'tone/hig'; did you mean tone/high or "
     "tone/mid or tone/quiet?"),
    (["Nobody", "--rate", "100"], "voices.yaml: no speaker 'Nobody' has a voice here; give "
                                  "them one first with `drama cast SCRIPT`"),
    # ux30: a misspelt name is shown the close ones, as `drama speakers merge` shows them
    (["Emmma", "--rate", "100"], "voices.yaml: no speaker 'Emmma' has a voice here; did you "
                                 "mean 'Emma'?"),
    (["Emma"], "name what to change: --voice, --engine, --rate, --pitch or --volume"),
    (["Emma", "--engine", "espeak"], "voices.yaml: Emma: engine: unknown engine 'espeak'; "
                                     "known: pyttsx3, piper, tone"),
])
def test_bad_requests_are_one_line_errors(runner, voices, args, message):
    result = runner.invoke(app, ["speakers", "voice", *args])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"drama: error: {message}"
    assert voices.read_text() == VOICES


def test_a_file_changed_after_planning_is_not_overwritten(voices):
    plan = plan_voice("Emma", {"rate": 100}, str(voices))
    voices.write_text(VOICES + "  Harriet: {voice: tone/mid}\n", encoding="utf-8")
    with pytest.raises(Exception, match="changed while being edited"):
        apply_plan(plan)
    assert "Harriet" in voices.read_text()


def test_a_layout_it_cannot_edit_is_refused(tmp_path):
    path = tmp_path / "voices.yaml"
    path.write_text("speakers:\n  Emma: {voice: tone/high, rate: !!str 200}\n")
    with pytest.raises(CastingError):
        plan_voice("Emma", {"rate": 190}, str(path))


SHARED = """\
x-woman: &woman {voice: tone/high, rate: 170}
x-slow: &slow 120
narrator: *woman
speakers:
  Anna: *woman
  Beth: {voice: tone/mid, rate: *slow}
  Cora:
    <<: *woman
"""


@pytest.mark.parametrize("args, where", [
    (["Anna", "--rate", "150"], "speakers -> Anna"),
    (["Beth", "--rate", "150"], "speakers -> Beth -> rate"),
    (["Narrator", "--pitch", "40"], "narrator"),
])
def test_a_copy_of_a_shared_anchor_is_refused_not_changed_for_every_copy(
        runner, casting_here, args, where):
    # PyYAML gives an alias the anchored node itself: the edit landed on `&woman`, which
    # every later `*woman` copies
    path = casting_here(SHARED)
    assert refusal(runner.invoke(app, ["speakers", "voice", *args])) == (
        f"drama: error: voices.yaml: {where}: is a copy of a shared anchor (&), and changing "
        "it would change every copy; edit this entry by hand (for example `<<: *name` and "
        "the new settings)")
    assert path.read_text(encoding="utf-8") == SHARED


def test_an_entry_merging_a_shared_anchor_gets_its_own_setting(runner, casting_here):
    path = casting_here(SHARED)
    result = runner.invoke(app, ["speakers", "voice", "Cora", "--rate", "150"])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == SHARED + "    rate: 150\n"
    cast = load_casting(path)
    assert (cast.speakers["Cora"].rate, cast.speakers["Anna"].rate) == (150, 170)


def test_aliases_are_added_beside_a_shared_anchor_never_inside_it(tmp_path):
    """A copy (`Anna: *woman`) gets a mapping of its own merging the anchor; the narrator,
    which copies it too, is unchanged."""
    from drama.casting.textedit import add_aliases
    after = add_aliases(SHARED, "Anna", ["Annie"])
    assert after == SHARED.replace("  Anna: *woman\n",
                                   "  Anna: {<<: *woman, aliases: [Annie]}\n")
    path = tmp_path / "voices.yaml"
    path.write_text(after, encoding="utf-8")
    cast = load_casting(path)
    assert cast.entry_for("Annie") is cast.speakers["Anna"]
    assert (cast.speakers["Anna"].voice, cast.speakers["Anna"].rate) == ("tone/high", 170)
    assert cast.narrator.aliases == []


@pytest.mark.parametrize("text, args, where", [
    # the anchor on the entry itself: editing it changed Bob (the copy) as well
    ("speakers:\n  Anna: &a {voice: tone/high}\n  Bob: *a\n", ["Anna", "--rate", "150"],
     "speakers -> Anna"),
    ("speakers: {Anna: &a {voice: tone/high}, Bob: {<<: *a, rate: 120}}\n",
     ["Anna", "--rate", "150"], "speakers -> Anna"),
    # replacing `&v tone/high` dropped the anchor: `*v` left undefined, the file broken
    ("speakers:\n  Anna: &v tone/high\n  Bob: *v\n", ["Anna", "--rate", "150"],
     "speakers -> Anna"),
    ("speakers:\n  Anna: {voice: tone/high, rate: &r 170}\n  Bob: {voice: tone/mid, rate: *r}\n",
     ["Anna", "--rate", "150"], "speakers -> Anna -> rate"),
])
def test_a_shared_anchor_copied_elsewhere_is_refused_not_changed_with_its_copies(
        runner, casting_here, text, args, where):
    path = casting_here(text)
    assert refusal(runner.invoke(app, ["speakers", "voice", *args])) == (
        f"drama: error: voices.yaml: {where}: is a shared anchor (&) that other entries copy "
        "(*), and changing it would change every copy; edit this entry by hand")
    assert path.read_text(encoding="utf-8") == text


def test_an_anchor_nobody_copies_and_a_field_beside_a_shared_one_are_edited(
        runner, casting_here):
    path = casting_here(
        "speakers:\n  Anna: &a {voice: tone/high}\n  Bob: {voice: &v tone/mid}\n  Cy: *v\n")
    for args in (["Anna", "--rate", "150"], ["Bob", "--rate", "120"]):
        result = runner.invoke(app, ["speakers", "voice", *args])
        assert result.exit_code == 0, result.output
    cast = load_casting(path)
    assert (cast.speakers["Anna"].rate, cast.speakers["Bob"].rate) == (150, 120)
    assert cast.speakers["Cy"].rate != 120


def test_a_speaker_merged_in_from_a_shared_anchor_is_refused_as_such(runner, casting_here):
    # it said "no speaker 'Zed' to edit" of a speaker `drama speakers` lists
    text = "x-cast: &cast {Zed: {voice: tone/high}}\nspeakers:\n  <<: *cast\n  Anna: tone/mid\n"
    path = casting_here(text)
    assert "Zed" in load_casting(path).speakers
    assert refusal(runner.invoke(app, ["speakers", "voice", "Zed", "--rate", "150"])) == (
        "drama: error: voices.yaml: speakers -> Zed: comes from a shared anchor merged in "
        "(<<: *name), and changing it would change every copy; edit this entry by hand")
    assert path.read_text(encoding="utf-8") == text
    result = runner.invoke(app, ["speakers", "voice", "Anna", "--rate", "150"])
    assert result.exit_code == 0, result.output


SHARED_SPEAKERS = ("x-cast: &cast\n  Zed: {voice: tone/high}\n  Anna: tone/mid\n"
                   "speakers: *cast\n")


@pytest.mark.parametrize("text", [
    SHARED_SPEAKERS,
    # the speakers mapping an anchor another key copies: the copy would change too
    "speakers: &cast\n  Zed: {voice: tone/high}\n  Anna: tone/mid\nx-old: *cast\n",
], ids=["alias", "anchor"])
def test_a_shared_speakers_mapping_is_refused_not_edited_in_its_anchor(runner, casting_here,
                                                                       text):
    """`speakers: *cast`: its entries' marks are the anchor's, so `drama speakers` edits
    landed inside `x-cast: &cast`, changing every copy of it."""
    path = casting_here(text)
    assert "Anna" in load_casting(path).speakers
    assert refusal(runner.invoke(app, ["speakers", "voice", "Anna", "--rate", "150"])) \
        .startswith("drama: error: voices.yaml: speakers: is a ")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("edit, args", [
    ("rename_entry", ("Anna", "Ann")),            # drama speakers rename
    ("add_aliases", ("Zed", ["Z"])),              # drama speakers merge, rename
    ("comment_out_entry", ("Anna", "merged")),    # drama speakers merge
])
def test_merge_and_rename_edits_of_a_shared_speakers_mapping_are_refused(edit, args):
    from drama.casting import textedit
    with pytest.raises(CastingError, match="^speakers: is a copy of a shared anchor"):
        getattr(textedit, edit)(SHARED_SPEAKERS, *args)


@pytest.fixture
def two_speakers(runner, casting_here, tmp_path):
    """A script where Anna and Zed speak: the `-s` of a merge or rename."""
    (tmp_path / "ep.txt").write_text('"Hi," said Anna.\n\n"Yo," said Zed.\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", "ep.txt", "-o", "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    return tmp_path / "ep.script.yaml"


@pytest.mark.parametrize("key", ["Anna", "Yes", "1984", '"Anna"'])
def test_aliases_a_shared_mapping_gives_are_kept_whatever_the_key_reads_as(key):
    """The shared mapping's own aliases were looked up in the loaded file by the key as
    written: `Yes:` loads as true and `1984:` as a number, so none were found and Ann was
    dropped (then the edit refused: "editing would leave 'Ann' without a voice")."""
    from drama.casting.textedit import add_aliases
    text = ("x-voices:\n  w: &w {voice: tone/high, aliases: [Ann], <<: {rate: 120}}\n"
            f"speakers:\n  {key}: *w\n")
    assert add_aliases(text, key.strip('"'), ["Annie"]) == text.replace(
        f"{key}: *w", f"{key}: {{<<: *w, aliases: [Ann, Annie]}}")


@pytest.mark.parametrize("entry, after", [
    ("{<<: *w, rate: 120}", "{<<: *w, rate: 120, aliases: [Ann, Bob]}"),
    ("\n    <<: *w\n    rate: 120   # slower\n",
     "\n    <<: *w\n    rate: 120   # slower\n    aliases: [Ann, Bob]\n"),
])
def test_an_entry_merging_shared_aliases_keeps_them_beside_its_own(entry, after):
    """`Bob: {<<: *w, rate: 120}` renamed got `aliases: [Bob]` of its own, which replace
    the merged [Ann]: the rename was refused ("would leave 'Ann' without a voice"), as a
    copy's was before round 21. The merged ones are written in, as for a copy."""
    from drama.casting.textedit import add_aliases
    text = f"x-voices:\n  w: &w {{voice: tone/high, aliases: [Ann]}}\nspeakers:\n  Bob: {entry}"
    got = add_aliases(text, "Bob", ["Bob"])
    assert got == text.replace(entry, after)
    assert yaml.safe_load(got)["speakers"]["Bob"] == {"voice": "tone/high", "rate": 120,
                                                      "aliases": ["Ann", "Bob"]}


@pytest.mark.parametrize("args", [["rename", "Anna", "Annie"], ["merge", "Zed", "Anna"]])
def test_a_rename_or_merge_in_a_shared_speakers_mapping_is_one_plain_refusal(
        runner, casting_here, two_speakers, args):
    """It read "could not edit this file safely (Anna is now Annie): ...; edit this entry by
    hand (...); make that change by hand": the new name as if done, "by hand" twice."""
    path = casting_here(SHARED_SPEAKERS)
    script = two_speakers.read_text(encoding="utf-8")
    assert refusal(runner.invoke(app, ["speakers", *args, "-s", "ep.script.yaml"])) == (
        "drama: error: voices.yaml: speakers: is a copy of a shared anchor (&), and changing "
        "it would change every copy; make this change by hand")
    assert path.read_text(encoding="utf-8") == SHARED_SPEAKERS
    assert two_speakers.read_text(encoding="utf-8") == script


@pytest.mark.parametrize("entry", ["&a {voice: tone/high}", "{voice: &v tone/high}"])
def test_merging_away_an_entry_others_copy_is_refused_not_an_undefined_alias(
        runner, casting_here, two_speakers, entry):
    """Commenting out `Anna: &a ...` left `*a` undefined: "voices.yaml:5: not valid YAML:
    found undefined alias" of a 4-line file."""
    copy = "*a" if entry.startswith("&a") else "{voice: *v}"
    text = f"speakers:\n  Anna: {entry}\n  Zed: {copy}\n"
    path = casting_here(text)
    assert refusal(runner.invoke(app, ["speakers", "merge", "Zed", "Anna", "-s",
                                       "ep.script.yaml"])) == (
        "drama: error: voices.yaml: speakers -> Anna: holds a shared anchor (&) that other "
        "entries copy (*), which they would lose; remove the entry by hand")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("entry", ["&a {voice: tone/high}", "{voice: &v tone/high}"])
def test_merging_away_a_copy_of_an_anchor_comments_it_out(runner, casting_here, two_speakers,
                                                          entry):
    """Zed's `*a` is a copy, not the anchor (its node carries the anchor's `copied` mark):
    the merge was refused as if Zed held the anchor, "which they would lose"."""
    copy = "*a" if entry.startswith("&a") else "{voice: *v}"
    path = casting_here(f"speakers:\n  Anna: {entry}\n  Zed: {copy}\n")
    result = runner.invoke(app, ["speakers", "merge", "Anna", "Zed", "-s", "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert f"  Anna: {entry[:-1]}" in text and f"  # Zed: {copy}\n" in text
    assert load_casting(path).entry_for("Zed").voice == "tone/high"


@pytest.mark.parametrize("entry", ["Anna: {engine: piper, voice: en_US-joe-medium}",
                                   "Anna:\n    engine: piper\n    voice: en_US-joe-medium"])
def test_a_pitch_for_a_piper_voice_is_refused_as_invalid_input(casting_here, entry):
    """It said "could not change this entry safely", at a line past the end of the file
    (the block entry's): the entry's own line, in the file as it is."""
    path = casting_here(f"narrator: {{voice: tone/low}}\nspeakers:\n  {entry}\n")
    with pytest.raises(CastingError) as caught:
        plan_voice("Anna", {"pitch": 40}, str(path))
    assert str(caught.value) == (
        f"{path}:3: speakers -> Anna -> pitch: Piper voices have no pitch control; leave "
        "pitch out (a multi-speaker voice's speakers differ in pitch)")
    assert caught.value.exit_code == 2


def test_a_voice_made_piper_loses_the_pitch_cast_wrote_for_its_espeak_voice(casting_here):
    """`drama cast` writes `pitch: 50` for an espeak-ng voice; `drama speakers voice Mabel
    --engine piper --voice ...` was then refused ("Piper voices have no pitch control;
    leave pitch out") for a pitch the person never wrote (walk31). The switch drops it,
    in the entry's own style, and says so; a pitch asked for with it is still refused."""
    path = casting_here(
        "narrator: {voice: tone/low, rate: 150, pitch: 45}   # calm\n"
        "speakers:\n"
        "  Mabel: {voice: tone/high, rate: 170, pitch: 50, gender: female}\n"
        "  Mr. Knightley:\n    voice: tone/low\n    pitch: 40        # deep\n"
        "    aliases: [Knightley]\n"
        "  Emma: {pitch: 60, voice: tone/high}\n")
    before = path.read_text(encoding="utf-8")
    expected = {
        "Mabel": ("  Mabel: {voice: tone/high, rate: 170, pitch: 50, gender: female}",
                  "  Mabel: {voice: tone/high, rate: 170, gender: female, engine: piper}"),
        "Mr. Knightley": ("    pitch: 40        # deep\n", "    engine: piper\n"),
        "Emma": ("  Emma: {pitch: 60, voice: tone/high}", "  Emma: {voice: tone/high, engine: piper}"),
        "Narrator": ("narrator: {voice: tone/low, rate: 150, pitch: 45}",
                     "narrator: {voice: tone/low, rate: 150, engine: piper}")}
    for name, (old, new) in expected.items():
        plan = plan_voice(name, {"engine": "piper"}, str(path))
        change = plan.changes[0]
        if name == "Mr. Knightley":  # the block entry: its pitch line goes, the engine comes
            assert change.after == before.replace(old, "").replace(
                "    aliases: [Knightley]\n", "    aliases: [Knightley]\n" + new), change.after
        else:
            assert change.after == before.replace(old, new), change.after
        assert change.summary[0].endswith("-> none (Piper has no pitch)"), change.summary
    with pytest.raises(CastingError, match="Piper voices have no pitch control"):
        plan_voice("Mabel", {"engine": "piper", "pitch": 40}, str(path))


def test_aliases_a_shared_mapping_gives_are_kept_beside_the_new_ones():
    """The entry's own `aliases` win over merged ones: without the shared mapping's own
    (Ann) written in, they would be lost."""
    from drama.casting.textedit import add_aliases
    text = "x-voices:\n  w: &w {voice: tone/high, aliases: [Ann]}\nspeakers:\n  Anna: *w\n"
    assert add_aliases(text, "Anna", ["Annie"]) == text.replace(
        "Anna: *w", "Anna: {<<: *w, aliases: [Ann, Annie]}")


@pytest.mark.parametrize("args", [["rename", "Anna", "Annie"], ["merge", "Zed", "Anna"]])
def test_renaming_an_entry_that_holds_a_block_anchor_names_the_entry_as_the_file_has_it(
        runner, casting_here, two_speakers, args):
    """The refusal named "speakers -> Annie", the name the entry was to get, which no line
    of the file has (a merge into a speaker without an entry renames the merged one's).
    An anchor on a block mapping others copy is still refused: the alias would be theirs
    too, and wrapping it would indent its lines anew; the refusal says how to write it."""
    text = "speakers:\n  Anna: &w\n    voice: tone/high\n  Bob: *w\n"
    path = casting_here(text)
    assert refusal(runner.invoke(app, ["speakers", *args, "-s", "ep.script.yaml"])) == (
        "drama: error: voices.yaml: speakers -> Anna: is a shared anchor (&) that other "
        "entries copy (*), and aliases added to it would be theirs too; write it on one line "
        "(Anna: &w {voice: ..., rate: ...}) and run again")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("entry, copy, renamed", [
    # a copy of an anchor under an x- key, as the README advises
    ("*w", "", "Annie: {<<: *w, aliases: [Anna]}"),
    # the anchor on the entry itself, another entry copying it: kept whole, inside
    ("&w {voice: tone/high, rate: 170}", "  Bob: *w\n",
     "Annie: {<<: &w {voice: tone/high, rate: 170}, aliases: [Anna]}"),
    ("&v tone/high", "  Bob: *v\n", "Annie: {voice: &v tone/high, aliases: [Anna]}"),
    ("*v", "", "Annie: {voice: *v, aliases: [Anna]}"),
])
def test_renaming_an_entry_whose_settings_are_shared_keeps_them_shared(
        runner, casting_here, two_speakers, entry, copy, renamed):
    """`drama speakers rename` refused any entry with an anchor or a copy of one, because
    the old name, kept as an alias, would have gone into the shared settings. The entry
    gets a mapping of its own around them: every copy is unchanged."""
    head = "x-voices:\n  w: &w {voice: tone/high, rate: 170}\n  v: &v tone/high\n"
    if "&w" in entry or "&v" in entry:
        head = ""
    text = f"{head}speakers:\n  Anna: {entry}\n{copy}"
    path = casting_here(text)
    before = load_casting(path)
    result = runner.invoke(app, ["speakers", "rename", "Anna", "Annie", "-s",
                                 "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text.replace(f"Anna: {entry}", renamed)
    after = load_casting(path)
    assert after.entry_for("Anna") is after.speakers["Annie"]
    assert after.speakers["Annie"].sound() == before.speakers["Anna"].sound()
    if copy:
        assert after.speakers["Bob"] == before.speakers["Bob"]
