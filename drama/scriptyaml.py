"""A script as YAML: the reader that records the line each mapping starts on, the writer
(libyaml's where PyYAML has it), and the file line of each entry.

Apart from drama.scriptfile, which imports it only for a YAML script: a JSON script is read
and written without importing PyYAML (`drama extract -o x.json`, as the scorer runs it, starts
sooner)."""
from __future__ import annotations

from typing import Callable

import yaml
from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent,
                         DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import gcpause, safeyaml
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
            entries = [value for key, value in node.value
                       if isinstance(key, ScalarNode) and key.value == "lines"]
            _add_records(data, node, [item.start_mark.line + 1 for item in entries[0].value]
                         if entries and isinstance(entries[0], SequenceNode) else None)
        return data


def _add_records(data: dict, root: MappingNode, entry_starts: list[int] | None) -> None:
    """Add a document's `__key_lines__` (from its root's keys) and, where its `lines` is a
    list, `__entry_lines__` (entry_starts) to its value."""
    data["__key_lines__"] = KeyLines({key.value: key.start_mark.line + 1
                                      for key, _ in root.value if isinstance(key, ScalarNode)})
    if entry_starts is not None:
        data["__entry_lines__"] = EntryLines(entry_starts)


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


def load_yaml(raw: str, p: str, entry: Callable[[object, int], object] | None = None):
    """The value of a script's YAML text, its mappings with their `__line__`, or a ScriptError
    naming p and the line; `entry(value, i)`, where given, is what each entry i of `lines`
    is kept as when the text is read by entry (scriptfile keeps a valid entry as its Line,
    not its dict), else the entry's value.

    A text without anchors is read one entry of `lines` at a time (_EntryLoader: a quarter
    of the memory of the whole tree); any text that reader refuses is read again whole, so
    an error reads as it always did."""
    if _LIBYAML and not safeyaml.needs_check(raw):
        try:
            return _stream(raw, entry)
        except _SAID_ALIKE as exc:  # libyaml's parser stops there reading whole too
            raise safeyaml.translate(exc, p, ScriptError, raw) from None
        except Exception:  # another error, or a text not streamed: the whole tree says what
            pass
    return safeyaml.load(raw, p, ScriptError, loader=_LineLoader)


_SAID_ALIKE = (yaml.reader.ReaderError, yaml.scanner.ScannerError, yaml.parser.ParserError)
"""The errors of the parser, which the whole tree's reader meets at the same event: before
it builds any value, and no alias can come earlier (that is _NotStreamed): said at once, not
after reading the text again whole (a 10 MB script's last line: 7.6 s, now 3.5 s)."""


class _NotStreamed(Exception):
    """A text the readers by entry or by event leave to the whole tree's reader."""


_LIBYAML = getattr(yaml, "__with_libyaml__", False)


class _EntryLoader(*((yaml.composer.Composer,) if _LIBYAML else ()), _LineLoader):
    """_LineLoader's reading, composing and building the entries of a script's `lines` one
    at a time and dropping each one's nodes once it is built: the whole node tree held about
    50 bytes for each byte of a script (560 MB to read a 10 MB one, bench/script_memory.py).

    A lean composer in Python over libyaml's events (PyYAML's, as in
    safeyaml.libyaml_composer, without what a text without anchors needs not), used
    with libyaml only (load_yaml: PyYAML's own scanner needs safeyaml.load's guard), and for
    texts without anchors (no alias reaches into an entry built already)."""

    def __init__(self, text: str, entry: Callable[[object, int], object] | None) -> None:
        _LineLoader.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        self._entries, self._starts, self._entry = None, [], entry
        self._tags: dict[tuple, str] = {}

    def compose_node(self, parent, index):
        """The document's root (Composer.compose_document asks for it)."""
        return self._node(0, None)

    def _node(self, depth: int, key):
        """The node of the events from here, as Composer.compose_node makes it (leaner: no
        anchors, no path resolvers), `key` the key it is the value of; _NotStreamed at an
        anchor or an alias."""
        event = self.get_event()
        if event.anchor is not None:  # an alias's name is its `anchor` too
            raise _NotStreamed
        kind, tag = type(event), event.tag
        if kind is ScalarEvent:
            if tag is None or tag == "!":
                tag = self._scalar_tag(event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                              style=event.style)
        plain = tag is None or tag == "!"
        if kind is SequenceStartEvent:
            if depth == 1 and self._entries is None and _is_lines_key(key) and \
                    (plain or tag == _SEQ):
                return self._compose_entries(event)
            node = SequenceNode(self.resolve(SequenceNode, None, event.implicit) if plain
                                else tag, [], event.start_mark, None, flow_style=event.flow_style)
            while type(self.peek_event()) is not SequenceEndEvent:
                node.value.append(self._node(depth + 1, None))
        else:
            node = MappingNode(self.resolve(MappingNode, None, event.implicit) if plain
                               else tag, [], event.start_mark, None, flow_style=event.flow_style)
            while type(self.peek_event()) is not MappingEndEvent:
                item_key = self._node(depth + 1, None)
                node.value.append((item_key, self._node(depth + 1, item_key)))
        node.end_mark = self.get_event().end_mark
        return node

    def _scalar_tag(self, value: str, implicit: tuple) -> str:
        """A scalar's resolved tag, remembered for the first TAGS_KEPT short values (the
        keys and speakers, which come back on every entry; not every start and end)."""
        tag = self._tags.get((value, implicit))
        if tag is None:
            tag = self.resolve(ScalarNode, value, implicit)
            if len(value) <= 24 and len(self._tags) < TAGS_KEPT:
                self._tags[(value, implicit)] = tag
        return tag

    def _compose_entries(self, start) -> SequenceNode:
        """`lines`' node, left empty: each entry is built into self._entries as it is read
        (a `- speaker: Orla` entry's nodes, then its dict, and the nodes dropped)."""
        node = SequenceNode(_SEQ, [], start.start_mark, None, flow_style=start.flow_style)
        self._entries = []
        while type(self.peek_event()) is not SequenceEndEvent:
            item = self._node(2, None)
            self._starts.append(item.start_mark.line + 1)
            value = FastSafeLoader.construct_document(self, item)
            self._entries.append(self._entry(value, len(self._entries)) if self._entry
                                 else value)
        node.end_mark = self.get_event().end_mark
        return node

    def get_single_data(self):
        """The document's value, as _LineLoader builds it; _NotStreamed for a text without a
        top-level `lines` list, or with a `<<` merge key at the top."""
        root = self.get_single_node()
        if not isinstance(root, MappingNode) or self._entries is None or \
                any(key.tag == _MERGE for key, _ in root.value):
            raise _NotStreamed
        data = FastSafeLoader.construct_document(self, root)
        data["lines"] = self._entries
        _add_records(data, root, self._starts)
        return data


TAGS_KEPT = 1000


def _is_lines_key(node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STR and node.value == "lines"


def _stream(raw: str, entry: Callable[[object, int], object] | None = None):
    """The value of a script's YAML text as _EntryLoader reads it, or an exception."""
    loader = _EntryLoader(raw, entry)
    try:
        with gcpause.gc_paused():
            return loader.get_single_data()
    finally:
        loader.dispose()


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
    too), or [] if it has none; a YAMLError if the text is not YAML.

    Read from the parser's events, no node tree (which held 50 times the text: 370 MB for a
    10 MB script), where the text has no anchors nor aliases, whose entries start where
    their anchor does; those, and a text of more than one document, from the whole tree."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not safeyaml.needs_check(text):
        try:
            return _entry_lines_of_events(text, loader)
        except _NotStreamed:
            pass
    return _entry_lines_of_tree(text, loader)


def _entry_lines_of_tree(text: str, loader: type) -> list[int]:
    node = yaml.compose(text, Loader=loader)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "lines" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _entry_lines_of_events(text: str, loader: type) -> list[int]:
    """entry_lines from the events of a text: the start of each node two levels down, in
    the value of the root mapping's first key `lines` whose value is a list."""
    depth, documents, root_is_mapping, is_key = 0, 0, False, True
    key_is_lines, collecting, found = False, False, None
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, AliasEvent) or \
                (isinstance(event, DocumentStartEvent) and (documents := documents + 1) > 1):
            raise _NotStreamed
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if depth == 0:
                root_is_mapping = isinstance(event, MappingStartEvent)
            elif depth == 1 and root_is_mapping:
                if is_key:
                    key_is_lines = isinstance(event, ScalarEvent) and event.value == "lines"
                elif key_is_lines and found is None and isinstance(event, SequenceStartEvent):
                    collecting, found = True, []
                is_key = not is_key
            elif depth == 2 and collecting:
                found.append(event.start_mark.line + 1)
        if isinstance(event, CollectionStartEvent):
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
            collecting = collecting and depth != 1
    return found or []
