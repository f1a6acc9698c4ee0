"""A script as YAML: the reader that records the line each mapping starts on, the writer
(libyaml's where PyYAML has it), and the file line of each entry.

Apart from drama.scriptfile, which imports it only for a YAML script: a JSON script is read
and written without importing PyYAML (`drama extract -o x.json`, as the scorer runs it, starts
sooner)."""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import safeyaml
from .errors import ScriptError
from .readrecords import EntryLines, KeyedLine, KeyLines
from .safeyaml import FastSafeLoader


class _LineLoader(FastSafeLoader):
    """The checked safe loader (see safeyaml), remembering the line each mapping starts on
    (`__line__`), the line of each of the document's own keys (`__key_lines__`, by the key
    as text: a script's top-level keys, which are no mapping's start) and the line of each
    entry of its `lines` (`__entry_lines__`: an entry that is no mapping, `- [a, b]`, has
    no `__line__` of its own to name it by)."""

    def construct_document(self, node):
        data = super().construct_document(node)
        if isinstance(data, dict) and isinstance(node, MappingNode):
            data["__key_lines__"] = KeyLines({key.value: key.start_mark.line + 1
                                              for key, _ in node.value
                                              if isinstance(key, ScalarNode)})
            entries = [value for key, value in node.value
                       if isinstance(key, ScalarNode) and key.value == "lines"]
            if entries and isinstance(entries[0], SequenceNode):
                data["__entry_lines__"] = EntryLines(item.start_mark.line + 1
                                                     for item in entries[0].value)
        return data


def _construct_mapping(loader, node, deep=False):
    _refuse_repeated_keys(node)
    mapping = FastSafeLoader.construct_mapping(loader, node, deep=deep)
    line = mapping["__line__"] = KeyedLine(node.start_mark.line + 1)
    line.keys = {key.value: key.start_mark.line + 1 for key, _ in node.value
                 if isinstance(key, ScalarNode)}
    return mapping


def _refuse_repeated_keys(node: MappingNode) -> None:
    """A key written twice in one mapping is an error with its line, as in voices.yaml
    (PyYAML keeps the last: a line given a second `speaker:` under its first was that
    speaker's, unsaid). A merge key's values are overridden by design, so are not counted."""
    first: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == _MERGE:
            continue
        if key.value in first:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key.value[:40]!r} appears twice in one mapping (first on "
                f"line {first[key.value]}); keep one", key.start_mark)
        first[key.value] = key.start_mark.line + 1


_MERGE = "tag:yaml.org,2002:merge"


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(raw: str, p: str):
    """The value of a script's YAML text, its mappings with their `__line__`, or a ScriptError
    naming p and the line."""
    return safeyaml.load(raw, p, ScriptError, loader=_LineLoader)


class _Flow(dict):
    """A mapping written on one line ({title_f: 12, pronoun_f: 3})."""


class _FlowList(list):
    """A list written on one line ([Emma, Miss Woodhouse])."""


# libyaml's emitter where PyYAML was built with it: 5x faster on a book's script (0.2 s
# against 1.0 s for 2,230 lines, bench/studio.py), the same bytes on the seeds' scripts
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _ScriptDumper(_BaseDumper):
    """The safe dumper, with the characters' aliases and evidence on one line each.

    PyYAML's representer and resolver are Python even under libyaml's emitter, and a large
    part of a long script's writing time: plain dicts, lists, strings and whole numbers are
    represented here without the alias bookkeeping (a script's values are never shared), and
    a scalar's tag is resolved once per distinct value (the same keys and speakers come back
    on every line). The bytes written are PyYAML's own (tests/test_script_dump.py).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._resolved: dict[str, str] = {}
        self._fast = self.default_style is None and self.default_flow_style is not None \
            and not self.yaml_path_resolvers

    def represent_data(self, data):
        if self._fast:
            kind = type(data)
            if kind is str:
                return ScalarNode(_STR, data)
            if kind is int:
                return ScalarNode(_INT, str(data))
            if kind is dict and not self.sort_keys:
                return MappingNode(_MAP, [(self.represent_data(k), self.represent_data(v))
                                          for k, v in data.items()],
                                   flow_style=self.default_flow_style)
            if kind is list:
                return SequenceNode(_SEQ, [self.represent_data(v) for v in data],
                                    flow_style=self.default_flow_style)
        return super().represent_data(data)

    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode or not self._fast:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:  # the tag of a quoted scalar: no implicit resolver applies
            return _STR
        tag = self._resolved.get(value)
        if tag is None:
            tag = self._resolved[value] = super().resolve(kind, value, implicit)
        return tag


_ScriptDumper.add_representer(_Flow, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", v, flow_style=True))
_ScriptDumper.add_representer(_FlowList, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))


def dump_yaml(data: dict) -> str:
    """A script's dict (Script.to_dict) as YAML text, the characters' aliases and evidence on
    one line each; a long script's lines DUMP_BATCH at a time."""
    for entry in data.get("characters") or ():
        if "aliases" in entry:
            entry["aliases"] = _FlowList(entry["aliases"])
        if "evidence" in entry:
            entry["evidence"] = _Flow(entry["evidence"])
    lines = data.get("lines")
    if not isinstance(lines, list) or len(lines) <= DUMP_BATCH or \
            next(reversed(data)) != "lines":
        return _dump(data)
    head = {k: v for k, v in data.items() if k != "lines"}
    parts = [_dump(head)] if head else []
    parts.append("lines:\n")
    for i in range(0, len(lines), DUMP_BATCH):
        parts.append(_dump(lines[i:i + DUMP_BATCH]))
    return "".join(parts)


DUMP_BATCH = 2000
"""How many lines are represented and emitted at a time: PyYAML holds a node for every value
of what it dumps (about 4 KB a line: 260 MB for a script of 60,000 short lines), so a long
script's lines go in batches, which write the same bytes as the whole (the lines are the
last key, and a top-level list is written as `lines:`'s is)."""


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_ScriptDumper, allow_unicode=True, sort_keys=False,
                     width=100)


def entry_lines(text: str) -> list[int]:
    """The line each entry of a script text's `lines` starts on (YAML or JSON, which is YAML
    too), or [] if it has none; a YAMLError if the text is not YAML."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "lines" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
