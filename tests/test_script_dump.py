"""Scripts are written by libyaml's emitter where PyYAML has it: whatever a line's text, the
file reads back as the same script, and in the same bytes as PyYAML's own emitter writes."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drama import scriptfile
from drama.model import CharacterEntry, Line, Script
from drama.scriptfile import dump_script, parse_script

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80)
"""A speaker's or character's name: on one line (a line break is refused, see
test_cli_hostile_input)."""


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.tuples(names, texts), min_size=1, max_size=5), title=texts,
       alias=names)
def test_any_text_reads_back_the_same(lines, title, alias):
    script = Script(title=title or "t", source="x.txt",
                    lines=[Line(sp.strip() or "Narrator", "dialogue", tx, i, i + 1,
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
        yaml_representers = dict(scriptfile._ScriptDumper.yaml_representers)
    for path in sorted(Path(__file__).parent.glob("data/*.script.yaml")):
        script = scriptfile.load_script(path)
        fast = dump_script(script)
        with monkeypatch.context() as m:
            m.setattr(scriptfile, "_ScriptDumper", Slow)
            slow = dump_script(script)
        assert fast == slow, path
