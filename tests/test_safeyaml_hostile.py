"""Hostile YAML: alias bombs, recursive aliases and deep nesting get a clear error in
milliseconds from every reader (scripts, voices.yaml); and no YAML at all makes a reader
raise anything but drama's own errors (hypothesis)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drama.casting import load_casting
from drama.casting.load import casting_from_text
from drama.errors import CastingError, DramaError, ScriptError
from drama.safeyaml import MAX_ALIAS_VALUES, compose_with
from drama.scriptfile import load_script, parse_script
from fault_util import alias_bomb, one_error_line, run_drama

GB = 1 << 30


def bomb_casting(levels: int = 9, width: int = 9) -> str:
    """voices.yaml with a billion-laughs key, as in issue 15 (600 bytes, 9**9 values)."""
    lines, last = alias_bomb(levels, width)
    return "\n".join(lines) + f"\nnarrator: {{voice: tone/mid}}\nspeakers:\n  ? *{last}\n" \
        "  : {voice: tone/low}\n"


def bomb_script(levels: int = 9, width: int = 9) -> str:
    """A script whose first line's text is a billion-laughs list."""
    lines, _ = alias_bomb(levels, width)
    values = ", ".join(ln.split(": ", 1)[1] for ln in lines)
    return ("title: t\nsource: s.txt\nlines:\n"
            f"  - {{speaker: A, kind: dialogue, text: [{values}], start: 0, end: 1}}\n")


@pytest.fixture
def story(tmp_path):
    (tmp_path / "s.txt").write_text('"Hi," said A.\n', encoding="utf-8")
    (tmp_path / "voices.yaml").write_text("narrator: {voice: tone/mid}\n", encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------- the commands (issue 15 case 1)

def test_speakers_refuses_a_casting_bomb_at_once(story):
    (story / "bomb.yaml").write_text(bomb_casting(), encoding="utf-8")
    proc = run_drama("speakers", "s.txt", "-c", "bomb.yaml", cwd=story, memory=2 * GB,
                     timeout=60)
    line = one_error_line(proc)
    assert line.startswith("drama: error: bomb.yaml:") and "aliases expand to more than" in line


@pytest.mark.parametrize("command", [["check", "bomb.script.yaml", "-c", "voices.yaml",
                                      "--engine", "tone"],
                                     ["export", "bomb.script.yaml"],
                                     ["render", "bomb.script.yaml", "--engine", "tone"]])
def test_script_bomb_is_refused_by_every_command(story, command):
    (story / "bomb.script.yaml").write_text(bomb_script(), encoding="utf-8")
    proc = run_drama(*command, cwd=story, memory=2 * GB, timeout=60)
    line = one_error_line(proc)
    assert line.startswith("drama: error: bomb.script.yaml:")
    assert "aliases expand to more than" in line


# ---------------------------------------------------------------- the readers

def test_recursive_alias_is_an_error(tmp_path):
    with pytest.raises(CastingError, match="refers to an anchor .* that contains it"):
        casting_from_text("speakers:\n  A: &a {voice: tone/low, aliases: [*a]}\n", "v.yaml")
    with pytest.raises(ScriptError, match="refers to an anchor"):
        parse_script("title: t\nlines: &l [*l]\n", "s.yaml")


def test_deep_nesting_is_an_error_not_a_recursion_traceback(tmp_path):
    deep = "narrator: " + "[" * 2000 + "]" * 2000 + "\n"
    p = tmp_path / "voices.yaml"
    p.write_text(deep, encoding="utf-8")
    with pytest.raises(CastingError, match="nested"):
        load_casting(p)
    with pytest.raises(ScriptError, match="nest"):
        parse_script("title: t\nlines: " + "[" * 2000 + "]" * 2000, "s.yaml")
    with pytest.raises(ScriptError, match="nest"):
        parse_script('{"lines": ' + "[" * 5000 + "]" * 5000 + "}", "s.json")


def test_a_person_may_still_share_settings_through_an_alias(tmp_path):
    p = tmp_path / "voices.yaml"
    p.write_text("speakers:\n  Anna: &woman {voice: tone/high, rate: 150}\n  Beth: *woman\n"
                 "  Cleo: *woman\n", encoding="utf-8")
    cast = load_casting(p)
    assert cast.entry_for("Beth").voice == cast.entry_for("Cleo").voice == "tone/high"


@settings(max_examples=60, deadline=None)
@given(levels=st.integers(2, 7), width=st.integers(2, 12))
def test_bombs_are_refused_exactly_past_the_bound(levels, width):
    values = sum(width ** k for k in range(1, levels + 1))  # every list, expanded
    if MAX_ALIAS_VALUES // 2 < values < 3 * MAX_ALIAS_VALUES:
        return  # near the bound the exact count of list nodes decides; tested either side
    if values > 2_000_000:
        return  # keeps the test cheap if the check ever broke
    text = bomb_casting(levels, width)
    if values <= MAX_ALIAS_VALUES // 2:
        # within the bound the file is read as written (its x0.. keys are unknown ones, and
        # a list is no speaker's name: hostile39), not refused as a bomb
        with pytest.raises(CastingError) as found:
            casting_from_text(text, "v.yaml")
        assert "unknown key" in str(found.value) and "alias bomb" not in str(found.value)
        assert "a speaker's name is text, not a list" in str(found.value)
    else:
        with pytest.raises(CastingError, match="aliases expand"):
            casting_from_text(text, "v.yaml")
        with pytest.raises(ScriptError, match="aliases expand"):
            parse_script(bomb_script(levels, width), "s.yaml")


# ---------------------------------------------------------------- any input at all

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12),
                    st.floats(allow_nan=True), st.text(max_size=30))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
    max_leaves=30)
line_fields = st.fixed_dictionaries({}, optional={
    "speaker": documents, "kind": st.sampled_from(["narration", "dialogue"]) | documents,
    "text": documents, "start": documents, "end": documents, "cue": documents,
    "confidence": documents, "extra": documents})
character_fields = st.fixed_dictionaries({}, optional={
    "name": documents, "aliases": documents, "gender": st.sampled_from(["m", "f", "x"])
    | documents, "evidence": documents, "lines": documents})
scripts = st.fixed_dictionaries({"lines": st.lists(line_fields, max_size=4)}, optional={
    "title": documents, "source": documents, "source_sha256": documents, "x": documents,
    "characters": st.lists(character_fields, max_size=3) | documents})
entries = st.one_of(documents, st.fixed_dictionaries({}, optional={
    "voice": st.sampled_from(["tone/low", "nope"]) | documents, "rate": documents,
    "pitch": documents, "volume": documents, "aliases": documents, "gender": documents,
    "note": documents}))
castings = st.one_of(documents, st.fixed_dictionaries({}, optional={
    "narrator": entries, "speakers": st.dictionaries(st.text(max_size=20), entries, max_size=4)
    | documents}))

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reads_or_refuses(read, text: str) -> None:
    try:
        read(text)
    except DramaError as exc:
        assert str(exc).strip()


@FUZZ
@given(doc=scripts, flow=st.booleans())
def test_any_script_document_reads_or_is_refused_cleanly(doc, flow):
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True)
    _reads_or_refuses(lambda t: parse_script(t, "s.yaml"), text)


@FUZZ
@given(doc=castings)
def test_any_casting_document_reads_or_is_refused_cleanly(doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    _reads_or_refuses(lambda t: casting_from_text(t, "v.yaml", {"tone/low"}), text)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("&*[]{}:,-?!|>'\"# \n\tab01")), max_size=80))
def test_any_yaml_shaped_text_reads_or_is_refused_cleanly(text):
    _reads_or_refuses(lambda t: parse_script(t, "s.yaml"), text)
    _reads_or_refuses(lambda t: casting_from_text(t, "v.yaml"), text)


@FUZZ
@given(data=st.data())
def test_a_mangled_real_script_reads_or_is_refused_cleanly(data, tmp_path_factory):
    from fault_util import DATA
    good = (DATA / "excerpt_000.script.yaml").read_text(encoding="utf-8")
    cuts = data.draw(st.lists(st.tuples(st.integers(0, len(good)), st.text(max_size=4)),
                              max_size=4))
    text = good
    for at, insert in cuts:
        text = text[:at] + insert + text[at + len(insert):]
    _reads_or_refuses(lambda t: parse_script(t, "s.yaml"), text)


def test_the_real_script_still_reads():
    from fault_util import DATA
    assert load_script(DATA / "excerpt_000.script.yaml").lines


# ------------------------------------- tags and values a tag cannot be (hostile report 17)

@pytest.mark.parametrize("title, message", [
    ("!!python/object:os.system {}", "the YAML tag !!python/object:os.system is not allowed"),
    ("!!int abc", "'abc' is not a valid !!int (quote it to make it text)"),
    ("2024-13-45", "'2024-13-45' is not a valid !!timestamp"),
])
def test_a_script_with_a_tag_or_a_bad_tagged_value_is_a_one_line_error(story, title, message):
    (story / "t.script.yaml").write_text(
        f"title: t\nsource: s.txt\nlines:\n"
        f"  - {{speaker: A, kind: dialogue, text: {title}, start: 0, end: 1}}\n",
        encoding="utf-8")
    proc = run_drama("export", "t.script.yaml", cwd=story, timeout=60)
    line = one_error_line(proc)
    assert line.startswith("drama: error: t.script.yaml:4: ") and message in line


def test_a_casting_file_with_a_python_tag_is_a_one_line_error(story):
    (story / "voices.yaml").write_text(
        "narrator: {voice: tone/mid, rate: !!python/int 170}\n", encoding="utf-8")
    proc = run_drama("cast", "s.txt", "--engine", "tone", cwd=story, timeout=60)
    assert one_error_line(proc) == (
        "drama: error: voices.yaml:1: the YAML tag !!python/int is not allowed here: drama "
        "reads plain values (text, numbers, lists, mappings); remove the tag")


def _tree(node, seen=None) -> list:
    """A node tree as comparable values: each node's kind, tag, scalar value, marks (index,
    line and column of its start, index of its end: drama reads no more of an end, where
    libyaml counts a line more in a text without a final line break; an empty value's line
    alone, as drama places it after its key, where libyaml may put it a space further on in
    a flow mapping) and whether it is in
    flow style (None or False alike: drama asks no more); a node met again (an alias) by
    its place."""
    seen = {} if seen is None else seen
    if node is None:  # no document
        return []
    if id(node) in seen:
        return ["again", seen[id(node)]]
    seen[id(node)] = len(seen)
    start = node.start_mark
    marks = [(start.index, start.line, start.column), node.end_mark.index]
    if node.value == "" and start.index == node.end_mark.index:  # an empty value
        marks = [start.line]
    head = [type(node).__name__, node.tag, marks, bool(getattr(node, "flow_style", None)),
            getattr(node, "alias_of", None) is not None]
    if isinstance(node.value, str):
        return head + [node.value]
    items = [n for item in node.value for n in (item if isinstance(item, tuple) else (item,))]
    return head + [_tree(n, seen) for n in items]


def _composed(text: str, fast, slow):
    try:
        return _tree(compose_with(text, fast, slow))
    except (yaml.YAMLError, RecursionError) as exc:
        return type(exc).__name__


casting_shaped = st.lists(st.sampled_from(
    list("&*[]{}:,-?|>'\"# \n\tab01") + [
        "\r\n", "\r", "\x85", "\u2028", "é", "😀", "\ufeff", "  ", "narrator: ",
        "speakers:\n  ", "Zoë: ", "!!str ", "<<: ", "&a ", "*a", "\n  - "]),
    max_size=40).map("".join).flatmap(lambda t: st.sampled_from([t, t + "\n"]))


@settings(max_examples=400, deadline=None)
@given(text=casting_shaped)
def test_libyaml_composes_a_casting_file_as_pyyaml_does(text):
    """ux29: voices.yaml is composed by libyaml's parser (5x faster; a 30,000-speaker file
    took a minute to cast into); text edits rely on its marks counting the text's
    characters as PyYAML's composer does. Every text PyYAML's composer reads is read the
    same, marks and all (the alias-marking composer of text edits too); one it refuses is
    refused with its error, or read by libyaml, which takes a few more (a tab after `key:`).
    Not compared: a lone `!` (YAML's non-specific tag) before an empty value, text to
    libyaml as the YAML spec says, null to PyYAML; no casting file has a use for one."""
    from drama.casting.textedit import _AliasMarkingLibyamlLoader, _AliasMarkingLoader
    for fast, slow in ((yaml.CSafeLoader, yaml.SafeLoader),
                       (_AliasMarkingLibyamlLoader, _AliasMarkingLoader)):
        expected, got = _composed(text, None, slow), _composed(text, fast, slow)
        assert got == expected or not isinstance(expected, list), (text, got, expected)


def test_libyaml_composes_the_repositorys_casting_file_as_pyyaml_does():
    from drama.casting.textedit import _AliasMarkingLibyamlLoader, _AliasMarkingLoader
    text = (Path(__file__).resolve().parent.parent / "voices.yaml").read_text(encoding="utf-8")
    for fast, slow in ((yaml.CSafeLoader, yaml.SafeLoader),
                       (_AliasMarkingLibyamlLoader, _AliasMarkingLoader)):
        assert fast is not None
        assert _tree(compose_with(text, fast, slow)) == _tree(yaml.compose(text, Loader=slow))


# ------------------------------------- a character YAML does not allow (hostile32)

@pytest.mark.parametrize("kind", ["script", "casting"])
@pytest.mark.parametrize("char", ["\x1b", "\x07", "\ufffe"], ids=["escape", "bell", "nonchar"])
def test_a_character_yaml_refuses_is_one_line_naming_its_line(story, kind, char):
    # a terminal's colour code pasted into a comment was two lines, no line number and
    # PyYAML's own `in "<unicode string>", position 57`
    if kind == "script":
        (story / "t.script.yaml").write_text(
            "title: t\nsource: s.txt\n# caf\u00e9 s\u00e9ance\nlines:\n"
            f"  - {{speaker: A, kind: dialogue, text: Hi{char}, start: 1, end: 3}}\n",
            encoding="utf-8")
        proc = run_drama("export", "t.script.yaml", cwd=story, timeout=60)
        where = "t.script.yaml:5: "
    else:
        (story / "voices.yaml").write_text(
            "# voices\n# caf\u00e9 s\u00e9ance\nnarrator: {voice: tone/mid}\n"
            f"# the {char}narrator\n", encoding="utf-8")
        proc = run_drama("cast", "s.txt", "--engine", "tone", cwd=story, timeout=60)
        where = "voices.yaml:4: "
    line = one_error_line(proc)
    assert line.startswith("drama: error: " + where), line
    assert f"U+{ord(char):04X}" in line and "unicode string" not in line, line


def test_a_key_written_twice_in_a_script_is_an_error_not_a_guess(story):
    # voices.yaml says "appears twice; keep one"; a script took the last silently: a line
    # given a second speaker under its first was rendered in whichever came last
    (story / "t.script.yaml").write_text(
        "title: t\nsource: s.txt\nlines:\n"
        "- speaker: A\n  kind: dialogue\n  speaker: B\n  text: Hi,\n  start: 1\n  end: 3\n",
        encoding="utf-8")
    proc = run_drama("export", "t.script.yaml", cwd=story, timeout=60)
    assert one_error_line(proc) == (
        "drama: error: t.script.yaml:6: not valid YAML: the key 'speaker' appears twice in "
        "one mapping (first on line 4); keep one")
