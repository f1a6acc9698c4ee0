"""Scripts are written by libyaml's emitter where PyYAML has it: whatever a line's text, the
file reads back as the same script, and in the same bytes as PyYAML's own emitter writes."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drama import scriptfile, scriptyaml
from drama.model import CharacterEntry, Line, Script, breaks_lines, speaker_label
from drama.scriptfile import dump_script, parse_script

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80)
"""A speaker's or character's name: on one line (a line break is refused, see
test_cli_hostile_input). A script holds it as speaker_label gives it ("NARRATOR" is the
narrator, "Narrator")."""


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.tuples(names, texts), min_size=1, max_size=5), title=texts,
       alias=names)
@example(lines=[("NARRATOR", "")], title="", alias="")  # the narrator in another case
def test_any_text_reads_back_the_same(lines, title, alias):
    script = Script(title=title or "t", source="x.txt",
                    lines=[Line(speaker_label(sp) or "Narrator", "dialogue", tx, i, i + 1,
                                "explicit", 0.5) for i, (sp, tx) in enumerate(lines)],
                    characters=[CharacterEntry("Anna", ["Ann", alias.strip() or "a"], "f",
                                               {"title_f": 2})])
    dumped = dump_script(script)
    back = parse_script(dumped, "x.yaml")
    assert [(ln.speaker, ln.text) for ln in back.lines] == \
        [(ln.speaker, ln.text) for ln in script.lines]
    assert back.title == script.title


def test_libyaml_writes_what_pyyaml_writes(monkeypatch):
    from pathlib import Path

    class Slow(yaml.SafeDumper):
        yaml_representers = dict(scriptyaml._ScriptDumper.yaml_representers)
    for path in sorted(Path(__file__).parent.glob("data/*.script.yaml")):
        script = scriptfile.load_script(path)
        fast = dump_script(script)
        with monkeypatch.context() as m:
            m.setattr(scriptyaml, "_ScriptDumper", Slow)
            slow = dump_script(script)
        assert fast == slow, path


values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
              st.sampled_from(["yes", "null", "~", "1e3", "0x1f", "2024-01-01", "", " a",
                               "a: b", "- x", "#c", "on", "12:30", "x" * 120])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.text(max_size=8), st.integers()),
                                            inner, max_size=4)), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(values)
def test_the_fast_representer_writes_what_pyyaml_writes(value):
    """_ScriptDumper builds plain values' nodes itself and resolves each distinct scalar
    once: the bytes are PyYAML's own."""
    class Plain(scriptyaml._BaseDumper):
        yaml_representers = dict(scriptyaml._ScriptDumper.yaml_representers)
    options = dict(allow_unicode=True, sort_keys=False, width=100)
    assert yaml.dump(value, Dumper=scriptyaml._ScriptDumper, **options) == \
        yaml.dump(value, Dumper=Plain, **options)


def test_a_long_script_is_read_and_written_without_the_cycle_collector(tmp_path):
    """The collector's passes over every object made so far were over half the time of
    reading or writing an 80,000-line script (bench/script_io.py): none run meanwhile."""
    import gc
    script = Script(title="t", source="x.txt", lines=[
        Line("Mary" if i % 2 else "Narrator", "dialogue" if i % 2 else "narration",
             f"Line {i}.", 10 * i, 10 * i + 7, "explicit" if i % 2 else None,
             0.97 if i % 2 else None) for i in range(20_000)])
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])
    path = tmp_path / "long.script.yaml"
    gc.collect()
    gc.callbacks.append(count)
    try:
        text = dump_script(script)
        path.write_text(text, encoding="utf-8")
        back = scriptfile.load_script(path)
    finally:
        gc.callbacks.remove(count)
    assert back.lines == script.lines
    # one pass over the young objects as each returns, not hundreds while it works
    assert len(collections) <= 2 and set(collections) <= {0}, collections


def test_the_collector_is_back_on_only_when_the_last_overlapping_pause_ends():
    """The collector is one per process: a pause in one thread (the studio's server reads
    scripts in several) ending while another's is under way leaves it off until that one
    ends, then on; an exception out of a nested pause changes nothing of that."""
    import gc
    import threading

    from drama.gcpause import gc_paused
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(10)
    thread = threading.Thread(target=other)
    with gc_paused():
        thread.start()
        assert inside.wait(10)
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert not gc.isenabled()
    try:
        assert not gc.isenabled()  # the other thread's pause is still under way
    finally:
        release.set()
        thread.join(10)
    assert gc.isenabled()


tricky = st.sampled_from(["yes", "No", "null", "~", "on", "1e3", ".nan", "-.inf", "0x1f", "0o7",
                          "1_000", "2024-01-01", "12:30", "", " ", " lead", "trail ", "a: b",
                          "- x", "#c", "&a", "*a", "!t", "'q'", '"d"', "%x", "@x", "`x",
                          "é", "日本語", "\u2028", "\x85", "\t", "\n", "\n\n", "x" * 120])
long_texts = st.lists(st.one_of(tricky, texts), max_size=12).map(" ".join)
speakers = st.one_of(tricky, names).filter(
    lambda s: s and s == s.strip() and len(s) < 60 and not breaks_lines(s))


def _characters_of(lines) -> list[CharacterEntry]:
    """One characters entry per person the lines name, as a valid script holds them: names
    that differ only in case ("null", "NULL") are one person, and no alias is another's name."""
    names = {}
    for sp, _ in lines:
        names.setdefault(sp.casefold(), sp)
    return [CharacterEntry(sp, [a for a in [f"{sp} Smith"] if a.casefold() not in names],
                           "f", {sp: 1}) for sp in names.values()]


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.tuples(speakers, long_texts), min_size=1, max_size=6),
       title=long_texts)
@example(lines=[("null", ""), ("NULL", "")], title="")  # one person in two cases
def test_a_script_of_tricky_text_is_written_as_pyyaml_writes_it(lines, title):
    """Whole scripts whose speakers and texts are the strings YAML reads as something else
    (yes, null, 1e3, dates), need quotes (a: b, leading spaces, #), or fold past the width
    (long lines, line breaks, unicode): the fast representer writes PyYAML's bytes, and the
    file reads back the same."""
    class Plain(scriptyaml._BaseDumper):
        yaml_representers = dict(scriptyaml._ScriptDumper.yaml_representers)
    script = Script(title=title or "t", source="x.txt",
                    characters=_characters_of(lines),
                    lines=[Line(sp, "dialogue", tx, i, i + 1, "explicit", 0.5)
                           for i, (sp, tx) in enumerate(lines)])
    fast = dump_script(script)
    original = scriptyaml._ScriptDumper
    scriptyaml._ScriptDumper = Plain
    try:
        assert fast == dump_script(script)
    finally:
        scriptyaml._ScriptDumper = original
    assert [(ln.speaker, ln.text) for ln in parse_script(fast, "x.yaml").lines] == lines


def test_a_long_script_is_written_in_bounded_memory_in_the_same_bytes(monkeypatch):
    # PyYAML holds a node for every value it dumps: 60,000 short lines (a text of dash-led
    # dialogue) took 260 MB to write, and 2.7 MB of such text 2.3 GB in `drama extract`
    import tracemalloc
    lines = [Line("Anna" if i % 2 else "Narrator", "dialogue" if i % 2 else "narration",
                  f"a {i}", 4 * i, 4 * i + 3, "explicit" if i % 2 else None,
                  0.9 if i % 2 else None) for i in range(60_000)]
    script = Script(title="t", source="x.txt", lines=lines,
                    characters=[CharacterEntry("Anna", ["Ann"], "f", {"title_f": 2})])
    tracemalloc.start()
    try:
        written = dump_script(script)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 80e6, f"{peak / 1e6:.0f} MB to write a script of 60,000 lines"
    monkeypatch.setattr(scriptyaml, "DUMP_BATCH", 10 ** 9, raising=False)
    assert written == dump_script(script)  # the same bytes as written whole
    assert parse_script(written, "t.script.yaml").lines == lines
