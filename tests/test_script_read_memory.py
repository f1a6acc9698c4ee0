"""A script is read one entry of `lines` at a time (scriptyaml._EntryLoader): the whole node
tree PyYAML composes held about 50 bytes for each byte of a script (560 MB to read a 10 MB
one, bench/script_memory.py). What is read, and every error said, is what the whole tree
gives: a text that reader refuses is read again whole."""
from __future__ import annotations

import tracemalloc

import pytest
import yaml

from drama import safeyaml, scriptyaml
from drama.errors import ScriptError
from drama.model import Line, Script
from drama.scriptfile import dump_script, parse_script, script_from_dict


BY_ENTRY = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False),
    reason="PyYAML without libyaml reads a script whole (scriptyaml.load_yaml)")
"""The reading by entry runs over libyaml's events only."""


def _whole(text: str):
    """The value the whole-tree reader gives (or its error's message)."""
    try:
        return safeyaml.load(text, "s.yaml", ScriptError, loader=scriptyaml._LineLoader)
    except ScriptError as exc:
        return str(exc)


def _read(text: str):
    try:
        return scriptyaml.load_yaml(text, "s.yaml")
    except ScriptError as exc:
        return str(exc)


def _same(a, b) -> bool:
    """Equal, in the same types and key order, each mapping's line records too."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b and getattr(a, "keys", None) == getattr(b, "keys", None)


def _long_script(count: int) -> str:
    lines = [Line("Orla" if i % 2 else "Narrator", "dialogue" if i % 2 else "narration",
                  f"The kettle sang {i} times.", 30 * i, 30 * i + 25,
                  "explicit" if i % 2 else None, 0.75 if i % 2 else None)
             for i in range(count)]
    return dump_script(Script(title="Kettle", source="kettle.txt", lines=lines))


@BY_ENTRY
def test_a_long_script_is_read_in_a_fraction_of_the_whole_tree():
    text = _long_script(20_000)
    tracemalloc.start()
    try:
        data = scriptyaml.load_yaml(text, "kettle.script.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 25 * len(text), f"{peak / len(text):.0f} bytes a byte to read a script"
    assert _same(data, _whole(text))
    assert parse_script(text, "kettle.script.yaml").lines[-1].start == 30 * 19_999


READ_ALIKE = [
    "title: T\nlines:\n- speaker: Orla\n  kind: dialogue\n  text: Hi\n  extra: {a: [1, 2]}\n"
    "- [a, b]\n- plain\n-\n- speaker: Narrator\n  kind: narration\n  text: '7'\n",
    "'lines': [{speaker: A, kind: dialogue, text: x}, {speaker: B, kind: dialogue, text: y}]\n",
    "x:\n  lines:\n  - 1\nlines:\n- speaker: A\n  start: 2024-01-02\n  text: !!str 12\n",
    "lines: []\ntitle: late\n",
    "lines: ! [! {speaker: ! 12, kind: !!str dialogue, text: ! yes}, !!map {a: 1}]\n",
    "lines: !!seq\n- {speaker: A}\n",
    "lines: !!set {a, b}\n",  # not a list: read whole, and refused later as before
    "<<: {title: merged}\nlines:\n- {speaker: A, kind: dialogue, text: x}\n",
    "- lines\n- [1]\n",
    "lines\n",
    "",
    '{"title": "json", "lines": [{"speaker": "A", "kind": "dialogue", "text": "x"}]}\n',
]


@pytest.mark.parametrize("text", READ_ALIKE)
def test_one_entry_at_a_time_reads_what_the_whole_tree_reads(text):
    assert _same(_read(text), _whole(text))


READ_ALIKE_ERRORS = [
    # an entry's repeated key, then a syntax error further on: the syntax error, as before
    "lines:\n- speaker: A\n  speaker: B\n- speaker: C\n  text: [unclosed\n",
    "lines:\n- {speaker: A, speaker: B}\ntitle: x\ntitle: y\n",  # the top's key first
    "lines:\n- {speaker: A}\n---\nlines: []\n",
    "lines:\n- {speaker: !!int abc}\n- *nowhere\n",
    "lines:\n- {speaker: !!python/object:os.system x}\n",
]


@pytest.mark.parametrize("text", READ_ALIKE_ERRORS)
def test_an_error_reads_as_the_whole_tree_says_it(text):
    said = _read(text)
    assert isinstance(said, str) and said == _whole(text)


ENTRY_LINES = READ_ALIKE + [
    "lines: 3\nlines:\n - a\n - b\n", "lines: []\nlines: [1]\n",
    "? [lines]\n: [1]\nlines: [4,\n 5]\n", "lines: [&a 1,\n *a]\n", "--- \nlines: [1]\n...\n",
    "[lines, [1]]\n", _long_script(50),
]


@pytest.mark.parametrize("text", ENTRY_LINES)
def test_entry_lines_from_events_are_the_whole_trees(text):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert scriptyaml.entry_lines(text) == scriptyaml._entry_lines_of_tree(text, loader)


@pytest.mark.parametrize("text", ["lines: [1]\n---\nlines: [2]\n", "lines: [*a]\n"])
def test_entry_lines_of_a_text_the_tree_refuses_is_its_error(text):
    with pytest.raises(yaml.YAMLError):
        scriptyaml.entry_lines(text)


def test_entry_lines_of_a_long_script_compose_no_tree():
    text = _long_script(20_000)
    tracemalloc.start()
    try:
        starts = scriptyaml.entry_lines(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * len(text), f"{peak / len(text):.0f} bytes a byte to find entry lines"
    assert len(starts) == 20_000 and starts[:2] == [4, 9]


@BY_ENTRY
def test_a_long_script_keeps_its_lines_not_their_dicts():
    # each valid entry is kept as its Line as it is read (scriptfile._valid_line): its dict
    # and line records held three times what the Line does
    text = _long_script(20_000)
    tracemalloc.start()
    try:
        script = parse_script(text, "kettle.script.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(text), f"{peak / len(text):.0f} bytes a byte to parse a script"
    assert script.lines == script_from_dict(_whole(text), "kettle.script.yaml").lines


PROBLEMS = [
    # valid entries kept as Lines, a bad one's problems in order with the header's
    "title: [a]\nlines:\n- {speaker: A, kind: dialogue, text: x}\n- {speaker: '', kind: x,"
    " text: y}\n- {speaker: B, kind: dialogue, text: z, start: 9}\n- [a]\nodd: 1\n",
    "lines:\n- {speaker: A, kind: dialogue, text: x, start: 1, end: 2}\n- {speaker: A}\n",
]


@pytest.mark.parametrize("text", PROBLEMS)
def test_a_scripts_problems_read_as_the_whole_tree_gives_them(text):
    with pytest.raises(ScriptError) as by_entry:
        parse_script(text, "s.yaml")
    with pytest.raises(ScriptError) as whole:
        script_from_dict(_whole(text), "s.yaml")
    assert str(by_entry.value) == str(whole.value) and "lines -> 2" in str(whole.value)


def test_a_syntax_error_is_said_without_reading_the_text_again(monkeypatch):
    # the parser stops at the same event reading whole: its error is said at once (a 10 MB
    # script's last line was read twice, the second time whole)
    text = _long_script(30) + "odd: [unclosed\n"
    said = _whole(text)
    assert "did not find expected" in said

    def whole_again(*args, **kwargs):
        raise AssertionError("read whole again")
    monkeypatch.setattr(scriptyaml.safeyaml, "load", whole_again)
    assert _read(text) == said
