"""voices.yaml validation: every kind of problem, each with file and line, all at once."""
from __future__ import annotations

import pytest

from drama.casting import CastingProblems, load_casting
from drama.cli import app
from drama.errors import CastingError
from fault_util import error_line

IDS = {"gmw/en-us", "gmw/en", "gmw/en-gb-x-rp", "gmw/en-gb-scotland", "+m1", "+m3", "+f1",
       "+f3", "+f5"}


def write(tmp_path, text: str):
    p = tmp_path / "voices.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(path, ids=IDS) -> list[tuple[int, str]]:
    with pytest.raises(CastingProblems) as info:
        load_casting(path, ids)
    return info.value.problems


def test_valid_file_loads_with_aliases(tmp_path):
    p = write(tmp_path, "narrator: {voice: gmw/en-gb-x-rp, rate: 165}\n"
                        "speakers:\n"
                        "  Lenin: {voice: gmw/en+m1, rate: 170, pitch: 55, volume: 0.8,\n"
                        "          aliases: [Vladimir Ilyich, Ilyich], gender: m, note: boss}\n"
                        "  Trotsky: gmw/en-us+m3\n")
    c = load_casting(p, IDS)
    assert c.entry_for("vladimir ilyich") is c.speakers["Lenin"]
    assert c.cast_name("Ilyich") == "Lenin"
    assert c.speakers["Lenin"].gender == "male"
    assert c.speakers["Lenin"].volume == 0.8
    assert c.speakers["Trotsky"].voice == "gmw/en-us+m3"
    assert c.narrator.rate == 165


def test_rate_out_of_range_names_file_line_and_path(tmp_path):
    p = write(tmp_path, "narrator: {voice: gmw/en-gb-x-rp}\nspeakers:\n"
                        "  Lenin: {voice: gmw/en+m1}\n"
                        "  Trotsky:\n    voice: gmw/en-us+m3\n    rate: 900\n")
    with pytest.raises(CastingError) as info:
        load_casting(p, IDS)
    assert str(info.value) == \
        f"{p}:6: speakers -> Trotsky -> rate: must be a number between 80 and 450"


def test_unknown_voice_suggests_closest_ids(tmp_path):
    p = write(tmp_path, "speakers:\n  A: {voice: gmw/en-su+m3}\n  B: {voice: gmw/en-us+f9}\n"
                        "  C: {voice: en-us}\n")
    found = problems_of(p)
    assert found[0][0] == 2 and "unknown voice 'gmw/en-su+m3'; did you mean gmw/en-us+m3" \
        in found[0][1]
    assert found[1][0] == 3 and "gmw/en-us+f" in found[1][1]
    assert found[2][0] == 4 and "did you mean gmw/en-us" in found[2][1]


@pytest.mark.parametrize("field, value, message", [
    ("pitch", "120", "pitch: must be a number between 0 and 99"),
    ("pitch", "high", "pitch: must be a number between 0 and 99"),
    # tidy28: "between 0.0 and 1.0" said 0 would do
    ("volume", "1.5", "volume: must be a number more than 0 and at most 1.0"),
    ("volume", "-0.5", "volume: must be a number more than 0 and at most 1.0"),
    ("volume", "loud", "volume: must be a number more than 0 and at most 1.0"),
    # bad28: taken, and the render then failed on its first line with "the speech engine
    # produced only silence", naming no file
    ("volume", "0", "volume: must be more than 0 (at 0 the speaker says nothing: their lines "
                    "would be lost) and at most 1.0"),
    ("rate", "true", "rate: must be a number between 80 and 450"),
    ("gender", "robot", "gender: must be one of female, male, neutral, unknown"),
    ("aliases", "[[x]]", "aliases: must be a list of names such as [Vladimir Ilyich, Ilyich]"),
])
def test_values_out_of_range(tmp_path, field, value, message):
    p = write(tmp_path, f"speakers:\n  Martov:\n    voice: gmw/en\n    {field}: {value}\n")
    assert problems_of(p) == [(4, f"speakers -> Martov -> {message}")]


def test_unknown_keys_suggest_the_known_one(tmp_path):
    p = write(tmp_path, "narator: {voice: gmw/en}\nspeakers:\n  Martov: {voice: gmw/en, pich: 3}\n")
    found = problems_of(p)
    assert found[0] == (1, "narator: unknown key; did you mean narrator? "
                           "(known: narrator, speakers, lexicon)")
    assert found[1][0] == 3 and found[1][1].startswith(
        "speakers -> Martov -> pich: unknown key; did you mean pitch?")


def test_an_unknown_key_another_tool_names_a_setting_by_suggests_that_setting(tmp_path):
    """walk30: `speed: 185` (espeak-ng's name for the rate) was "did you mean speaker?"."""
    p = write(tmp_path, "speakers:\n  Martov: {voice: gmw/en, speed: 185, Sex: m}\n")
    found = problems_of(p)
    assert [msg.split(" (known")[0] for _, msg in found] == [
        "speakers -> Martov -> speed: unknown key; did you mean rate?",
        "speakers -> Martov -> Sex: unknown key; did you mean gender?"]


def test_duplicate_speaker_is_caught_though_yaml_keeps_the_last(tmp_path):
    p = write(tmp_path, "speakers:\n  Martov: {voice: gmw/en}\n  Lenin: {voice: gmw/en-us}\n"
                        "  Martov: {voice: gmw/en-us+m3}\n  lenin: {voice: gmw/en}\n")
    assert problems_of(p) == [
        (4, "speakers -> Martov: appears twice (first on line 2); keep one"),
        (5, "speakers -> lenin: appears twice (first on line 3); keep one"),
    ]


def test_a_second_speakers_block_is_a_duplicate(tmp_path):
    p = write(tmp_path, "speakers:\n  A: {voice: gmw/en}\nnarrator: {voice: gmw/en}\n"
                        "speakers:\n  B: {voice: gmw/en}\n")
    assert problems_of(p) == [(4, "speakers: appears twice (first on line 1); keep one")]


def test_alias_claimed_twice(tmp_path):
    p = write(tmp_path, "speakers:\n"
                        "  Lenin: {voice: gmw/en, aliases: [Ilyich, Trotsky]}\n"
                        "  Trotsky: {voice: gmw/en-us}\n"
                        "  Ulyanov: {voice: gmw/en-us, aliases: [ilyich]}\n")
    assert problems_of(p) == [
        (2, "speakers -> Lenin -> aliases: 'Trotsky' is already a speaker (line 3); "
            "one name can voice only one entry"),
        (4, "speakers -> Ulyanov -> aliases: 'ilyich' is already an alias of Lenin (line 2); "
            "one name can voice only one entry"),
    ]


def test_an_alias_an_anchor_brings_twice_names_the_copys_line(tmp_path):
    """newcomer40: `Kamenev: *lenin` copies Lenin's aliases; the problem named the anchor's
    line (Lenin's), which says nothing of Kamenev: it names Kamenev's and the anchor's."""
    p = write(tmp_path, "speakers:\n"
                        "  Lenin: &lenin {voice: gmw/en, aliases: [Ilyich]}\n"
                        "  Trotsky: {voice: gmw/en-us}\n"
                        "  Kamenev: *lenin\n"
                        "  Zinoviev: {<<: *lenin, pitch: 40}\n")
    assert problems_of(p) == [
        (4, "speakers -> Kamenev -> aliases (from the anchor on line 2): 'Ilyich' is already "
            "an alias of Lenin (line 2); one name can voice only one entry"),
        (5, "speakers -> Zinoviev -> aliases (from the anchor on line 2): 'Ilyich' is already "
            "an alias of Lenin (line 2); one name can voice only one entry"),
    ]


def test_an_alias_that_is_the_narrator_is_refused(tmp_path):
    """review28b: a script's `speaker: narrator` (any case) is the narrator's since bad28, so
    an alias `narrator` (which voiced such lines before) silently voiced nothing."""
    p = write(tmp_path, "speakers:\n"
                        "  Pip: {voice: gmw/en, aliases: [Young Pip, narrator]}\n")
    assert problems_of(p) == [
        (2, "speakers -> Pip -> aliases: 'narrator' is the narrator, voiced by the top-level "
            "`narrator:` entry; remove it"),
    ]


def test_an_alias_on_the_narrators_entry_is_refused(tmp_path):
    """newcomer51: `narrator: {voice: ..., aliases: [Ann Lee]}` loaded, and Ann Lee's lines
    had no voice (only a speaker's aliases are looked up): a key read and never used."""
    p = write(tmp_path, "narrator:\n  voice: gmw/en\n  aliases: [Ann Lee, Ned]\n"
                        "speakers:\n  Pip: {voice: gmw/en}\n")
    assert problems_of(p) == [
        (3, "narrator -> aliases: the narrator has none ('Ann Lee' speaks in no voice through "
            "it); give them an entry under speakers with the narrator's voice, or make their "
            "lines narration: `drama speakers move NAME --narrator -s SCRIPT`"),
    ]
    p = write(tmp_path, "narrator: {voice: gmw/en, aliases: []}\n")  # none given: fine
    assert load_casting(p, IDS).narrator.voice == "gmw/en"


def test_every_problem_is_collected(tmp_path):
    p = write(tmp_path, "narrator: {voice: nope}\nspeakers:\n  A: {voice: gmw/en, rate: 5}\n"
                        "  B: {pitch: 3}\n  C: [1, 2]\n")
    found = problems_of(p)
    assert [line for line, _ in found] == [1, 3, 4, 5]
    assert "voice: missing" in found[2][1]
    assert "must be a mapping" in found[3][1]


def test_speakers_not_a_mapping(tmp_path):
    p = write(tmp_path, "speakers:\n  - Lenin\n")
    assert problems_of(p)[0][0] == 2


def test_bad_yaml_has_a_line(tmp_path):
    p = write(tmp_path, "speakers:\n  A: {voice: gmw/en\n  B: x\n")
    with pytest.raises(CastingError) as info:
        load_casting(p, IDS)
    assert str(info.value).startswith(f"{p}:") and "not valid YAML" in str(info.value)


@pytest.mark.parametrize("text, line, advice", [
    ("speakers:\n\tLenin: {voice: gmw/en}\n", 2,
     "; indent with spaces: YAML does not allow tabs"),
    ("speakers:\n  Lenin:\n    voice: gmw/en\n   pitch: 40\n", 4,
     "; check this line's indentation against the lines above it"),
])
def test_bad_yaml_written_by_hand_says_what_to_do(tmp_path, text, line, advice):
    """walk30: a tab, or a line indented one space short, in voices.yaml said only PyYAML's
    "found character '\\t' that cannot start any token" or "expected <block end>, but
    found '<block mapping start>'"."""
    p = write(tmp_path, text)
    with pytest.raises(CastingError) as info:
        load_casting(p, IDS)
    assert str(info.value).startswith(f"{p}:{line}: not valid YAML: ")
    assert str(info.value).endswith(advice)


def test_cli_reports_every_problem_and_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = write(tmp_path, "speakers:\n  Trotsky: {voice: tone/low, rate: 900}\n"
                        "  Lenin: {voice: tone/lwo}\n")
    (tmp_path / "t.script.yaml").write_text(
        "title: t\nlines:\n- {speaker: Martov, kind: dialogue, text: hi, start: 0, end: 2}\n",
        encoding="utf-8")
    before = p.read_bytes()
    result = runner.invoke(app, ["cast", "t.script.yaml", "--engine", "tone"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [
        "drama: error: voices.yaml:2: speakers -> Trotsky -> rate: must be a number between "
        "80 and 450",
        "voices.yaml:3: speakers -> Lenin -> voice: unknown voice 'tone/lwo'; did you mean "
        "tone/low or tone/mid?",
    ]
    assert p.read_bytes() == before


@pytest.mark.parametrize("given", ["t.script.yaml", "t.manifest.json"])
def test_a_script_or_manifest_given_as_the_casting_file_is_one_line(runner, tmp_path,
                                                                    monkeypatch, given):
    """fixes49: `drama cast t.script.yaml -c t.script.yaml` (a script or a render manifest
    given with -c) said "unknown key" once a key, five lines; now one line saying what the
    file is and what to give, the file untouched."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.script.yaml").write_text(
        "title: t\nlines:\n- {speaker: Martov, kind: dialogue, text: hi, start: 0, end: 2}\n",
        encoding="utf-8")
    (tmp_path / "t.manifest.json").write_text('{"title": "t", "audio": "t.wav", "lines": []}',
                                              encoding="utf-8")
    before = (tmp_path / given).read_bytes()
    line = error_line(runner.invoke(app, ["cast", "t.script.yaml", "-c", given,
                                          "--engine", "tone"]))
    assert line == (f"drama: error: {given}: is no casting file: it holds `lines:`, as a drama "
                    "script or a render manifest does, and none of narrator, speakers, "
                    "lexicon; name the casting file (voices.yaml)")
    assert (tmp_path / given).read_bytes() == before


def test_narrator_under_speakers_is_reported(tmp_path):
    p = write(tmp_path, "speakers:\n  A: {voice: gmw/en}\n  Narrator: {voice: gmw/en-us}\n")
    assert problems_of(p) == [(3, "speakers -> Narrator: the narrator's voice is the top-level "
                                  "`narrator:` entry; move it")]


# ------------------------------------------- values drama would otherwise ignore (hostile 17)

@pytest.mark.parametrize("field, value, message", [
    ("engine", "{name: piper}", "engine: must be an engine name: pyttsx3, piper, tone"),
    ("gender", "[f]", "gender: must be one of female, male, neutral, unknown"),
    ("note", "{a: 1}", "note: must be text"),
    ("speaker", "3", "speaker: picks a speaker of a multi-speaker Piper voice, and gmw/en "
                     "is a pyttsx3 voice; leave speaker out"),
    ("speaker", "[3]", "speaker: picks a speaker of a multi-speaker Piper voice"),
])
def test_a_value_of_the_wrong_kind_is_a_problem_not_ignored(tmp_path, field, value, message):
    p = write(tmp_path, f"speakers:\n  Martov:\n    voice: gmw/en\n    engine: pyttsx3\n"
                        f"    {field}: {value}\n" if field != "engine" else
                        f"speakers:\n  Martov:\n    voice: gmw/en\n    {field}: {value}\n")
    line = 5 if field != "engine" else 4
    found = problems_of(p)
    assert [n for n, _ in found] == [line]
    assert found[0][1].startswith(f"speakers -> Martov -> {message}")


def test_a_speaker_on_the_default_engines_voice_is_a_one_line_error(runner, tmp_path,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = write(tmp_path, "narrator: {voice: tone/mid}\nspeakers:\n"
                        "  Martov: {voice: tone/low, speaker: 3}\n")
    (tmp_path / "t.script.yaml").write_text(
        "title: t\nlines:\n- {speaker: Martov, kind: dialogue, text: hi, start: 0, end: 2}\n",
        encoding="utf-8")
    before = p.read_bytes()
    result = runner.invoke(app, ["cast", "t.script.yaml", "--engine", "tone"])
    assert error_line(result) == (
        "drama: error: voices.yaml:3: speakers -> Martov -> speaker: picks a speaker of a "
        "multi-speaker Piper voice, and tone/low is a tone voice; leave speaker out")
    assert p.read_bytes() == before


@pytest.mark.parametrize("value, message", [
    ("!!python/object:collections.OrderedDict {voice: gmw/en}",
     "the YAML tag !!python/object:collections.OrderedDict is not allowed here"),
    ("!!python/object/apply:os.system [echo]",
     "the YAML tag !!python/object/apply:os.system is not allowed here"),
    ("!custom {voice: gmw/en}", "the YAML tag !custom is not allowed here"),
    ("{voice: gmw/en, rate: !!python/int 170}", "the YAML tag !!python/int is not allowed"),
    ("{voice: gmw/en, rate: !!int fast}", "'fast' is not a valid !!int (quote it"),
    ("{voice: gmw/en, note: 2024-13-45}", "'2024-13-45' is not a valid !!timestamp"),
    ("{voice: gmw/en, rate: !!bool maybe}", "'maybe' is not a valid !!bool"),
])
def test_a_yaml_tag_or_a_value_its_tag_cannot_be_is_an_error_with_its_line(tmp_path, value,
                                                                          message):
    p = write(tmp_path, f"narrator: {{voice: gmw/en}}\nspeakers:\n  Lenin: {value}\n")
    with pytest.raises(CastingError) as info:
        load_casting(p, IDS)
    assert str(info.value).startswith(f"{p}:3: ") and message in str(info.value)


def test_merge_keys_share_settings_as_yaml_loaders_read_them(tmp_path):
    """Anchors and merge keys (`<<: *man`), as people copy them from other YAML files: the
    keys an entry writes win over merged ones, an earlier merged mapping over a later one;
    anchors may live under a top-level x- key (as in compose files)."""
    p = write(tmp_path, "x-voices:\n"
                        "  man: &man {voice: gmw/en-us+m3, rate: 180, pitch: 40}\n"
                        "  woman: &woman {voice: gmw/en+f3, rate: 170, volume: 0.8}\n"
                        "narrator: {voice: gmw/en}\n"
                        "speakers:\n"
                        "  Trotsky: {<<: *man, pitch: 45}\n"
                        "  Lenin:\n"
                        "    <<: [*man, *woman]\n"
                        "    aliases: [Ilyich]\n")
    cast = load_casting(p, IDS)
    trotsky, lenin = cast.speakers["Trotsky"], cast.speakers["Lenin"]
    assert (trotsky.voice, trotsky.rate, trotsky.pitch) == ("gmw/en-us+m3", 180, 45)
    assert (lenin.voice, lenin.rate, lenin.pitch, lenin.volume) == ("gmw/en-us+m3", 180, 40,
                                                                      0.8)
    assert cast.entry_for("Ilyich") is lenin


def test_a_merge_of_no_mapping_or_a_bad_merged_value_has_its_line(tmp_path):
    p = write(tmp_path, "x-base: &base {voice: gmw/en, rate: 900}\n"
                        "speakers:\n"
                        "  A: {<<: *base}\n"
                        "  B: {<<: gmw/en}\n")
    assert problems_of(p) == [
        (1, "speakers -> A -> rate: must be a number between 80 and 450"),
        (4, "speakers -> B -> <<: merges a mapping (an alias such as *base) or a list of them"),
        (4, "speakers -> B -> voice: missing; name one of `drama voices`"),
    ]


def test_a_cast_finds_each_speaker_without_reading_every_entry_again(monkeypatch):
    """studio29: the studio's cast page of a novel (8,000 lines, 132 speakers) took 25 s:
    it finds each speaker's first line, asking the cast who voices every line on the way,
    and each ask built the whole name table again (a name cut and folded per entry). The
    table is built once, and again when a speaker is added to the cast."""
    import drama.casting.model as model
    from drama.casting.audition import sample_line
    from drama.casting.model import Casting, VoiceEntry
    from drama.model import DIALOGUE, Line, Script
    names = [f"Speaker {k}" for k in range(60)]
    lines = [Line(name, DIALOGUE, f"Line {n} of {name}.", 0, 0)
             for name in names for n in range(20)]     # each one's lines after the others'
    script = Script("A crowd", lines=lines)
    cast = Casting(VoiceEntry("tone/low"), {name: VoiceEntry("tone/mid") for name in names})
    calls = 0
    label = model.speaker_label

    def counted_label(name):
        nonlocal calls
        calls += 1
        return label(name)
    monkeypatch.setattr(model, "speaker_label", counted_label)
    for name in names:
        assert sample_line(name, cast, script) == f"Line 0 of {name}."
    assert calls < 100_000          # 2.2 million when each ask built the table again
    cast.speakers["Newcomer"] = VoiceEntry("tone/high", aliases=["The new one"])
    assert cast.cast_name("the new one") == "Newcomer"


def test_an_alias_yaml_reads_as_something_else_is_the_name_as_written(tmp_path):
    """`aliases: [yes, 12, 2020-01-01]`: 'yes' was the alias 'True' (a name no script has)
    and a date refused, where a speaker's key is its text as written (hostile37)."""
    p = tmp_path / "voices.yaml"
    p.write_text("speakers:\n  Tom: {voice: tone/low, aliases: [yes, No, 12, 2020-01-01]}\n",
                 encoding="utf-8")
    cast = load_casting(p)
    assert cast.speakers["Tom"].aliases == ["yes", "No", "12", "2020-01-01"]
    assert cast.cast_name("Yes") == "Tom" and cast.cast_name("no") == "Tom"


def test_a_word_said_as_yes_or_a_number_is_said_as_written(tmp_path):
    """`lexicon: {Mary: yes}` said Mary as "True" (YAML's true), unsaid (hostile37)."""
    p = tmp_path / "voices.yaml"
    p.write_text("speakers: {}\nlexicon:\n  Mary: yes\n  Nought: 0.0\n  Eve: 2020-01-01\n",
                 encoding="utf-8")
    said = {e.word: e.say for e in load_casting(p).lexicon.entries}
    assert said == {"Mary": "yes", "Nought": "0.0", "Eve": "2020-01-01"}


def test_a_speaker_key_that_is_empty_or_a_list_is_refused_not_a_speaker_of_no_line(tmp_path):
    """`[Tom, Thomas]: {...}` was the speaker "['Tom', 'Thomas']" and `'': {...}` the speaker
    "": each voiced no line, unsaid, and the next render cast Tom anew (hostile39)."""
    p = write(tmp_path, "speakers:\n  [Tom, Thomas]: {voice: gmw/en}\n  '': {voice: gmw/en}\n"
                        "  {a: b}: {voice: gmw/en}\n  Mary: {voice: gmw/en-us}\n")
    assert problems_of(p) == [
        (2, "speakers: a speaker's name is text, not a list; to voice several names with "
            "one entry, write one and list the others under `aliases:`"),
        (3, "speakers: an empty name voices no line; write the speaker's name"),
        (4, "speakers: a speaker's name is text, not a mapping; to voice several names with "
            "one entry, write one and list the others under `aliases:`"),
    ]


def test_a_problem_found_through_several_aliases_of_one_anchor_is_said_once(tmp_path):
    """`aliases: [*t, *t, *t]` repeats one node: its problem was said three times over, all
    on the anchor's line (PyYAML's alias is the anchor's node; hostile39)."""
    p = write(tmp_path, "speakers:\n  Tom: &t {voice: gmw/en}\n"
                        "  T0: {voice: gmw/en, aliases: [*t, *t, *t]}\n")
    assert problems_of(p) == [
        (2, "speakers -> T0 -> aliases: must be a list of names such as [Vladimir Ilyich, "
            "Ilyich]")]


def test_a_variant_numbered_past_the_last_suggests_the_nearest_numbers(tmp_path):
    """newcomer54: `+f9` (espeak-ng's women are f1-f5) was offered the bare voice alone,
    "did you mean gmw/en-us?", as "f9" is too short to be close to "f5" by spelling; the
    variants of the same letters come first, nearest number first. A variant of no such
    family still gets the voice without it."""
    p = write(tmp_path, "speakers:\n  A: {voice: gmw/en-us+f9}\n  B: {voice: gmw/en-us+zz}\n")
    found = problems_of(p)
    assert found[0][1].endswith("unknown voice 'gmw/en-us+f9'; did you mean gmw/en-us+f5 "
                                "or gmw/en-us+f3 or gmw/en-us+f1?"), found
    assert found[1][1].endswith("unknown voice 'gmw/en-us+zz'; did you mean gmw/en-us?"), found
