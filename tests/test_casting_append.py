"""`drama cast` only appends: every byte a person wrote survives, whatever the file's layout."""
from __future__ import annotations

import difflib

import pytest
import yaml

from drama.casting import cast_speakers, load_casting
from drama.casting.textedit import yaml_key
from drama.engines import Voice
from drama.errors import CastingError
from drama.model import speaker_label

VOICES = [Voice("tone/low", "Low", "en", "male"), Voice("tone/mid", "Mid", "en", "female"),
          Voice("tone/high", "High", "en", "female")]

HAND_EDITED = """\
# Our cast for the whole series.   Edited by hand!

narrator: {voice: tone/mid, rate: 150}   # calm

speakers:
  # the leads
  Trotsky: {voice: tone/low, rate: 180, pitch: 40}   # fast talker
  Lenin:
    voice: tone/high
    pitch: 55
    aliases: [Vladimir Ilyich]
    # keep Lenin low-key
  # Martov: {voice: tone/low}   (commented out: decide later)

# end of the speakers; thanks for reading
"""


def only_insertions(old: str, new: str) -> list[str]:
    """The lines new adds to old; fails if anything of old changed or moved."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, a[i1:i2], b[j1:j2])
        if op == "insert":
            added += b[j1:j2]
    return added


def cast(path, names):
    return cast_speakers(path, names, VOICES)


def test_hand_edited_file_survives_byte_for_byte(tmp_path):
    p = tmp_path / "voices.yaml"
    p.write_text(HAND_EDITED, encoding="utf-8")
    assert cast(p, ["Narrator", "Trotsky", "Vladimir Ilyich", "Kollontai", "Sukhanov"]) == \
        ["Kollontai", "Sukhanov"]
    new = p.read_text(encoding="utf-8")
    added = only_insertions(HAND_EDITED, new)
    assert [ln.split(":")[0] for ln in added] == ["  Kollontai", "  Sukhanov"]
    # inside the speakers block, after Lenin's comment and the commented-out entry
    assert new.index("Sukhanov") < new.index("# end of the speakers")
    assert new.index("# Martov") < new.index("Kollontai")
    c = load_casting(p, {"tone/low", "tone/mid", "tone/high"})
    assert list(c.speakers) == ["Trotsky", "Lenin", "Kollontai", "Sukhanov"]
    # and a second run changes nothing at all
    assert cast(p, ["Kollontai", "Trotsky", "Lenin"]) == []
    assert p.read_text(encoding="utf-8") == new


LAYOUTS = {
    "no speakers block": "narrator: {voice: tone/mid}\n",
    "no speakers block, trailing comment": "narrator: {voice: tone/mid}\n\n# bye\n",
    "no final newline": "speakers:\n  A: {voice: tone/low}",
    "comment after block at column 0": "speakers:\n  A: {voice: tone/low}\n# trailing\n",
    "speakers before narrator":
        "speakers:\n  A: {voice: tone/low}\n\nnarrator: {voice: tone/mid}\n",
    "four-space indent": "speakers:\n    A: {voice: tone/low}\n    B: {voice: tone/mid}\n",
    "block-style entry last": "speakers:\n  A:\n    voice: tone/low\n    aliases:\n      - Al\n",
    "flow speakers": "speakers: {A: {voice: tone/low}}\n",
    "flow speakers on lines": "speakers: {\n  A: {voice: tone/low},\n}\n# c\n",
    "flow root": "{narrator: {voice: tone/mid}, speakers: {A: {voice: tone/low}}}\n",
    "flow root without speakers": "{narrator: {voice: tone/mid}}\n",
    "only comments": "# nothing yet\n",
    "empty": "",
    "trailing comment on last entry": "speakers:\n  A: {voice: tone/low}  # x\n",
    "document markers": "---\nspeakers:\n  A: {voice: tone/low}\n...\n",
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_layouts_get_only_insertions(tmp_path, layout):
    old = LAYOUTS[layout]
    p = tmp_path / "voices.yaml"
    p.write_text(old, encoding="utf-8")
    assert cast(p, ["A", "New One", "Another"]) == [n for n in ["A", "New One", "Another"]
                                                  if "A:" not in old or n != "A"]
    new = p.read_text(encoding="utf-8")
    if layout in ("flow speakers", "flow root", "flow root without speakers", "no final newline"):
        # one-line flow mappings grow inside their braces: old text is a subsequence
        it = iter(new)
        assert all(ch in it for ch in old), new
    else:
        only_insertions(old, new)
    c = load_casting(p, {"tone/low", "tone/mid", "tone/high"})
    assert {"New One", "Another"} <= set(c.speakers)
    if "A:" in old:
        assert c.speakers["A"].voice == "tone/low"


@pytest.mark.parametrize("value", ["", " {}", " ~", " null", "   # none yet"])
def test_empty_speakers_value_becomes_a_block(tmp_path, value):
    old = f"narrator: {{voice: tone/mid}}\nspeakers:{value}\n# after\n"
    p = tmp_path / "voices.yaml"
    p.write_text(old, encoding="utf-8")
    cast(p, ["Zed"])
    new = p.read_text(encoding="utf-8")
    assert new.startswith("narrator: {voice: tone/mid}\nspeakers:")
    assert new.endswith("\n# after\n")
    assert "  Zed: {voice: " in new
    if "#" in value:
        assert "speakers:   # none yet\n  Zed:" in new
    assert list(load_casting(p).speakers) == ["Zed"]


def test_crlf_and_bom_are_kept(tmp_path):
    old = "\ufeff# cast\r\nspeakers:\r\n  A: {voice: tone/low}\r\n\r\n# end\r\n"
    p = tmp_path / "voices.yaml"
    p.write_bytes(old.encode("utf-8"))
    cast(p, ["B"])
    raw = p.read_bytes()
    assert raw.startswith("\ufeff# cast\r\nspeakers:\r\n  A: {voice: tone/low}\r\n  B: {".encode())
    assert raw.endswith(b"}\r\n\r\n# end\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_lone_cr_line_ends_are_kept(tmp_path):
    """hostile37/fix38: a voices.yaml whose lines end in a lone CR (an old Mac editor's) had
    the new entry appended after an LF: the file mixed line ends. An edit of it (a rename's
    alias, a setting) keeps CR too."""
    from drama.casting.textedit import add_aliases, set_fields
    old = "speakers:\r  Tom: {voice: tone/low}\r"
    p = tmp_path / "voices.yaml"
    p.write_bytes(old.encode("utf-8"))
    cast(p, ["Mary"])
    raw = p.read_bytes().decode("utf-8")
    assert raw.startswith(old + "  Mary: {") and raw.endswith("}\r") and "\n" not in raw
    assert list(load_casting(p).speakers) == ["Tom", "Mary"]
    edited = set_fields(add_aliases(raw, "Tom", ["Tommy"]), "Mary", {"rate": 150})
    assert "\n" not in edited
    assert yaml.safe_load(edited)["speakers"]["Tom"]["aliases"] == ["Tommy"]
    assert yaml.safe_load(edited)["speakers"]["Mary"]["rate"] == 150


def test_new_file_has_header_narrator_and_speakers(tmp_path):
    p = tmp_path / "sub" / "voices.yaml"
    assert cast(p, ["Narrator", "A", "B", "a"]) == ["A", "B"]
    text = p.read_text(encoding="utf-8")
    assert text.startswith("# Voice casting for drama")
    c = load_casting(p, {"tone/low", "tone/mid", "tone/high"})
    assert list(c.speakers) == ["A", "B"]


@pytest.mark.parametrize("name", ["yes", "null", "123", "Sinegub.", "Mr. X: the elder",
                                  "#hash", "O'Brien", "Zoë “Red” Ray", "- dash", "{brace}",
                                  "a, b", "Trailing ", "Long " * 60, "tab\there", "back\\slash"])
def test_awkward_names_round_trip(tmp_path, name):
    assert yaml.safe_load(f"{yaml_key(name)}: 1") == {name: 1}
    p = tmp_path / "voices.yaml"
    p.write_text("speakers:\n  A: {voice: tone/low}\n", encoding="utf-8")
    cast(p, [name])
    # a name is cut to a label of at most MAX_SPEAKER_CHARS; lookups by the full name agree
    assert speaker_label(name) in load_casting(p).speakers
    assert load_casting(p).entry_for(name) is not None


def test_invalid_file_is_left_untouched(tmp_path):
    p = tmp_path / "voices.yaml"
    old = "speakers:\n  A: {voice: tone/low, rate: 5}\n"
    p.write_text(old, encoding="utf-8")
    with pytest.raises(CastingError):
        cast(p, ["B"])
    assert p.read_text(encoding="utf-8") == old


def test_alias_routes_and_is_not_recast(tmp_path):
    p = tmp_path / "voices.yaml"
    p.write_text("speakers:\n  Lenin: {voice: tone/high, aliases: [Vladimir Ilyich]}\n",
                 encoding="utf-8")
    assert cast(p, ["vladimir ilyich", "Lenin"]) == []
    c = load_casting(p)
    assert c.entry_for("Vladimir Ilyich").voice == "tone/high"


@pytest.mark.parametrize("text, kind", [
    ("x-cast: &cast\n  A: {voice: tone/low}\nspeakers: *cast\n", "is a copy of"),
    ("speakers: &cast\n  A: {voice: tone/low}\nx-old: *cast\n", "is a shared anchor (&) that "
     "other entries copy (*), and changing it would change every copy; add the new speakers "
     "by hand"),
    ("{x-cast: &cast {A: {voice: tone/low}}, speakers: *cast}\n", "is a copy of"),
])
def test_a_shared_speakers_mapping_is_refused_as_every_edit_refuses_it(tmp_path, text, kind):
    """`speakers: *cast`: the new speaker was appended inside the anchor (`x-cast: &cast`),
    changing every copy of it, where `drama speakers` edits refuse."""
    p = tmp_path / "voices.yaml"
    p.write_text(text, encoding="utf-8")
    assert cast(p, ["A"]) == []           # nothing to add: nothing refused
    with pytest.raises(CastingError) as caught:
        cast(p, ["B"])
    assert str(caught.value).startswith(f"{p}: speakers: {kind}")
    # the entries to add are given, as they would have been written: no dead end
    assert "; add the new speakers by hand: B: {voice: tone/" in str(caught.value)
    assert p.read_text(encoding="utf-8") == text


def test_a_shared_speakers_mapping_is_one_error_line_from_drama_cast(tmp_path):
    from fault_util import one_error_line, run_drama
    (tmp_path / "voices.yaml").write_text(
        "x-cast: &cast\n  A: {voice: tone/low}\nspeakers: *cast\n", encoding="utf-8")
    (tmp_path / "s.txt").write_text('"Hi," said Anna.\n', encoding="utf-8")
    proc = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error_line(proc) == (
        "drama: error: voices.yaml: speakers: is a copy of a shared anchor (&), and changing "
        "it would change every copy; add the new speakers by hand: "
        "Anna: {voice: tone/high, rate: 150, pitch: 40, gender: female}")


def test_a_shared_speakers_mapping_names_a_few_of_many_new_speakers_and_where_all_are(
        tmp_path):
    """A book's forty new speakers made the refusal one line of thousands of characters:
    past three it names the first three, counts the rest and points to `drama cast
    --dry-run`, which prints every entry (still one error line, exit status 2)."""
    from fault_util import one_error_line, run_drama
    (tmp_path / "voices.yaml").write_text(
        "x-cast: &cast\n  A: {voice: tone/low}\nspeakers: *cast\n", encoding="utf-8")
    names = ["Anna", "Bertram", "Carla", "Dmitri", "Edith", "Frank"]
    (tmp_path / "s.txt").write_text("\n\n".join(f'"Hello {i}," said {n}.'
                                                for i, n in enumerate(names)), encoding="utf-8")
    proc = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path)
    assert one_error_line(proc) == (
        "drama: error: voices.yaml: speakers: is a copy of a shared anchor (&), and changing "
        "it would change every copy; add the 6 new speakers by hand (Anna, Bertram, Carla "
        "and 3 more; `drama cast --dry-run` on the same scripts prints their entries)")
    shown = run_drama("cast", "s.txt", "--engine", "tone", "--dry-run", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert [ln.split(":")[0].strip() for ln in shown.stdout.splitlines()] == names
    assert shown.stdout.startswith("  Anna: {voice: tone/")
    assert "voices.yaml: would add 6 speakers (nothing written)" in shown.stderr


def test_cast_dry_run_prints_what_cast_appends_and_writes_nothing(tmp_path):
    from drama.casting import cast_plan
    p = tmp_path / "voices.yaml"
    p.write_text(HAND_EDITED, encoding="utf-8")
    speakers = ["Trotsky", "Martov", "Anna", "Dan"]
    planned = cast_plan(p, speakers, VOICES).entries
    assert p.read_text(encoding="utf-8") == HAND_EDITED
    assert cast(p, speakers) == ["Martov", "Anna", "Dan"]
    assert only_insertions(HAND_EDITED, p.read_text(encoding="utf-8")) == [
        f"  {key}: {entry}\n" for key, entry in planned]
    assert cast_plan(p, speakers, VOICES).entries == []


def test_the_info_log_counts_new_speakers_in_words(tmp_path, caplog):
    """It read "cast 1 new speaker(s)", where every count reads as words (drama/wording.py)."""
    import logging
    p = tmp_path / "voices.yaml"
    with caplog.at_level(logging.INFO, logger="drama.casting"):
        cast(p, ["Anna"])
    assert f"{p}: cast 1 new speaker" in [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("before", [None, "", "# my voices\n"])
def test_cast_dry_run_on_a_new_or_empty_file_prints_the_file_the_run_writes(tmp_path, before):
    """It printed the speakers' entries only, not the header and narrator line a new (or
    empty) voices.yaml gets: the dry run now prints the whole file, byte for byte."""
    from fault_util import run_drama
    p = tmp_path / "voices.yaml"
    if before is not None:
        p.write_text(before, encoding="utf-8")
    (tmp_path / "s.txt").write_text('"Hi," said Anna.\n\n"Yes," said Tom.\n', encoding="utf-8")
    shown = run_drama("cast", "s.txt", "--engine", "tone", "--dry-run", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert (p.read_text(encoding="utf-8") if p.exists() else None) == before
    assert "voices.yaml: would write it with 2 speakers (nothing written)" in shown.stderr
    run = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert shown.stdout == p.read_text(encoding="utf-8")
    assert "narrator: " in shown.stdout


@pytest.mark.parametrize("before", [None, "speakers:\n  Zed: {voice: tone/low}\n"])
def test_cast_dry_run_report_shows_the_voices_the_run_gives(tmp_path, before):
    """`--dry-run --report` showed the new speakers as "(not cast)" (or failed on a new
    file: no such file): it shows the cast as the real run leaves it."""
    from fault_util import run_drama
    p = tmp_path / "voices.yaml"
    if before is not None:
        p.write_text(before, encoding="utf-8")
    (tmp_path / "s.txt").write_text('"Hi," said Anna.\n\n"Yes," said Tom.\n', encoding="utf-8")
    shown = run_drama("cast", "s.txt", "--engine", "tone", "-n", "--report", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "(not cast)" not in shown.stdout
    run = run_drama("cast", "s.txt", "--engine", "tone", "--report", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    table = shown.stdout[shown.stdout.index("SPEAKER"):]
    assert table == run.stdout[run.stdout.index("SPEAKER"):]
    assert "Anna" in table and "Tom" in table


@pytest.mark.parametrize("before", ["null\n", "# mine\n---\n...\n"])
def test_cast_dry_run_shows_no_file_the_run_refuses_to_write(tmp_path, before):
    """A voices.yaml holding `null`, or an ended document, reads as empty: the dry run
    printed a whole new file, which the real run then refused ("could not append new
    speakers safely"). Review 23: the dry run checks the result as the run does, and
    prints the entries to add by hand."""
    from drama.casting import cast_plan
    p = tmp_path / "voices.yaml"
    p.write_text(before, encoding="utf-8")
    plan = cast_plan(p, ["Anna"], VOICES)
    assert plan.new_text is None
    assert [key for key, _ in plan.entries] == ["Anna"]
    with pytest.raises(CastingError, match="add them by hand"):
        cast(p, ["Anna"])
    assert p.read_text(encoding="utf-8") == before


def test_cast_that_makes_a_new_file_for_no_speakers_says_it_wrote_it(tmp_path):
    """A text with no dialogue and no voices.yaml: `drama cast` wrote the file (header and
    narrator, as its dry run shows) and said "every speaker already has a voice". Review 23."""
    from fault_util import run_drama
    (tmp_path / "s.txt").write_text("Nobody spoke all day.\n", encoding="utf-8")
    shown = run_drama("cast", "s.txt", "--engine", "tone", "-n", cwd=tmp_path)
    assert ("voices.yaml: would write it with the narrator's voice; no speakers to cast "
            "(nothing written)") in shown.stderr
    run = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "voices.yaml").is_file()
    assert "voices.yaml: wrote it with the narrator's voice; no speakers to cast" in run.stderr
    again = run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path)
    assert "voices.yaml: every speaker already has a voice" in again.stderr


def test_cast_dry_run_on_a_read_only_file_says_the_run_refuses(tmp_path):
    """On a read-only voices.yaml the dry run said "would write it ... the file:", and the
    real run then refused (exit status 2): it says so, and gives the entries. Review 23."""
    import os
    import stat
    from fault_util import run_drama
    p = tmp_path / "voices.yaml"
    p.write_text("# mine\n", encoding="utf-8")
    p.chmod(stat.S_IRUSR | stat.S_IRGRP)
    (tmp_path / "s.txt").write_text('"Hi," said Anna.\n', encoding="utf-8")
    try:
        shown = run_drama("cast", "s.txt", "--engine", "tone", "-n", cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert "voices.yaml: the run would write nothing: is read-only" in shown.stderr
        assert "would write it" not in shown.stderr
        assert shown.stdout.startswith("  Anna: {voice: tone/")
        assert run_drama("cast", "s.txt", "--engine", "tone", cwd=tmp_path).returncode == 2
    finally:
        os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)


def series_cast(speakers: int) -> str:
    """A series' shared casting file of many speakers, one flow-mapping line each."""
    lines = ["narrator: {voice: tone/mid, rate: 165}", "speakers:"]
    lines += [f"  Speaker {n}: {{voice: {VOICES[n % 3].id}, rate: 170}}" for n in range(speakers)]
    return "\n".join(lines) + "\n"


def test_casting_into_a_long_file_reads_it_once_with_libyaml(tmp_path, monkeypatch):
    """ux29: casting two speakers into a series' 30,000-speaker voices.yaml took over a
    minute: PyYAML's Python parser read the whole file six times (before the lock, under
    it, to see whether it was empty, twice to find where to append, and the new text to
    check it). It is read by libyaml, once, and the new text once (bench/casting_scale.py:
    80.9 CPU s -> 5.7 s for 30,000 speakers)."""
    import drama.casting.textedit  # noqa: F401 - its loaders made before counting
    composed = []
    compose = yaml.compose

    def counting(text, Loader):
        composed.append((text, Loader))
        return compose(text, Loader=Loader)
    monkeypatch.setattr(yaml, "compose", counting)
    path = tmp_path / "voices.yaml"
    path.write_text(series_cast(200), encoding="utf-8")
    assert cast_speakers(path, ["Anna", "Tom"], VOICES) == ["Anna", "Tom"]
    python_parsed = [loader for _, loader in composed
                     if issubclass(loader, yaml.parser.Parser)]
    assert python_parsed == []
    assert len(composed) == 3  # the file, checked; the file, aliases marked; the new text
    assert load_casting(path).has("Anna") and load_casting(path).has("Speaker 199")


def test_voices_are_chosen_against_each_distinct_voice_of_a_long_file_once(monkeypatch):
    """ux29: each candidate voice was compared with every speaker's voice in the file
    (30,000 comparisons a candidate for a series' file holding a few distinct voices)."""
    from drama.casting import auto
    from drama.casting.model import VoiceEntry
    calls = []
    distance = auto.distance
    monkeypatch.setattr(auto, "distance", lambda a, b: calls.append(1) or distance(a, b))
    used = [VoiceEntry(voice=VOICES[n % 3].id, rate=170) for n in range(3000)]
    pool = auto.VoicePool(VOICES)
    chosen = auto.choose_voices(["Anna"], used, pool, {"Anna": "female"}, {"Anna": 50})
    assert chosen["Anna"].voice in {v.id for v in VOICES}
    assert len(calls) <= 3 * len(pool.candidates(None))


def test_a_new_speaker_written_like_one_cast_already_is_warned_of(tmp_path, caplog):
    """walk30: a speaker changed by hand in a script to "Mrs Miller" got a voice of its own
    beside Mrs. Miller's, said only as "cast 1 new speaker: Mrs Miller". The cast file still
    gains it (the script says so), and the warning names the speaker it is written like
    (by an alias too), and how to join them."""
    p = tmp_path / "voices.yaml"
    p.write_text(HAND_EDITED + "  Mrs. Miller: {voice: tone/high}\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="drama"):
        assert cast(p, ["Mrs Miller", "vladimir-ilyich", "Kollontai"]) == \
            ["Mrs Miller", "vladimir-ilyich", "Kollontai"]
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warned == [
        f"{p}: Mrs Miller is new, with a voice of its own, and written like Mrs. Miller, cast "
        f"already: if the script meant Mrs. Miller, write it so there (or `drama speakers "
        "merge -s SCRIPT 'Mrs. Miller' 'Mrs Miller'`)",
        f"{p}: vladimir-ilyich is new, with a voice of its own, and written like Lenin, cast "
        f"already: if the script meant Lenin, write it so there (or `drama speakers "
        "merge -s SCRIPT Lenin vladimir-ilyich`)"]


def test_a_dry_run_warns_of_a_speaker_written_like_one_cast_so_the_two_differ(tmp_path,
                                                                               caplog):
    """newcomer41: `drama cast --dry-run` said nothing of a new speaker written like one
    cast already, which the real run warns of; and a name differing by a no-break space
    printed as the same name twice ("Old Tobin is new ... written like Old Tobin")."""
    from drama.casting import cast_plan
    p = tmp_path / "voices.yaml"
    p.write_text(HAND_EDITED + "  Mrs. Miller: {voice: tone/high}\n", encoding="utf-8")
    names = ["Mrs Miller", "Mrs.\u00a0Miller"]
    plan = cast_plan(p, names, VOICES)
    assert plan.typos == {"Mrs Miller": "Mrs. Miller", "Mrs.\u00a0Miller": "Mrs. Miller"}
    with caplog.at_level("WARNING", logger="drama"):
        cast(p, names)
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 2 and warned[1].startswith(
        f"{p}: 'Mrs.\\xa0Miller' is new, with a voice of its own, and written like "
        "Mrs. Miller, cast already"), warned


JOSE_NFC = "Jos\u00e9"  # é one character, as most keyboards and editors write it
JOSE_NFD = "Jose\u0301"  # e and a combining accent, as some texts (and macOS names) write it


def test_a_name_written_in_another_unicode_form_is_the_same_speaker(tmp_path):
    """voices.yaml's "José" (saved by an editor in one Unicode form) voices a script's
    "José" written in the other: a build found no entry, appended a second "José" and spoke
    him in another voice (hostile37)."""
    p = tmp_path / "voices.yaml"
    p.write_text(f"speakers:\n  {JOSE_NFC}: {{voice: tone/high, aliases: [Tom]}}\n",
                 encoding="utf-8")
    before = p.read_text(encoding="utf-8")
    assert cast(p, [JOSE_NFD]) == []
    assert p.read_text(encoding="utf-8") == before
    assert load_casting(p).entry_for(JOSE_NFD).voice == "tone/high"


def test_two_entries_only_a_unicode_form_apart_still_load_the_first_voicing_both(tmp_path):
    """A voices.yaml a build appended a second "José" to (before names were compared in one
    form) is no broken file: it loads, and the first entry voices both spellings."""
    p = tmp_path / "voices.yaml"
    p.write_text(f"speakers:\n  {JOSE_NFC}: {{voice: tone/high}}\n"
                 f"  {JOSE_NFD}: {{voice: tone/low}}\n", encoding="utf-8")
    cast = load_casting(p)
    assert cast.entry_for(JOSE_NFD).voice == cast.entry_for(JOSE_NFC).voice == "tone/high"


def test_a_text_writing_a_name_in_both_unicode_forms_casts_one_voice(tmp_path):
    """The extractor keeps a text's two spellings of "José" as two characters; the script
    loads (a check of one name per person by the folded form refused drama's own script) and
    casting gives them one voice."""
    from drama.extract import extract_script
    from drama.scriptfile import load_script, save_script
    text = (f'"Hello," said {JOSE_NFC}. "It is late."\n\n"Yes," said Mary.\n\n'
            f'"Go home," said {JOSE_NFD}.\n\n"I will," said Mary.\n')
    path = tmp_path / "mix.script.yaml"
    save_script(extract_script(text), path)
    script = load_script(path)
    p = tmp_path / "voices.yaml"
    cast(p, [ln.speaker for ln in script.lines if ln.kind == "dialogue"])
    names = list(load_casting(p).speakers)
    assert len(names) == 2 and "Mary" in names and {JOSE_NFC, JOSE_NFD} & set(names)
