"""What scriptyaml's reader adds to a script's mappings, each of a type of its own.

The reader records the line each mapping starts on (`__line__`, a KeyedLine), the line of
each of the document's keys (`__key_lines__`, KeyLines) and of each entry of its `lines`
(`__entry_lines__`, EntryLines). A JSON script can hold a key of one of those names too
(`"__entry_lines__": [7, 9]`): being of no record's type, it is the script's own key (an
unknown one), never a line to name a problem by. No PyYAML here: a JSON script is read
without it."""
from __future__ import annotations


class KeyedLine(int):
    """A mapping's `__line__`, the line it starts on, knowing the line of each of its keys
    (`keys`, by the key as text): an error in a value names the line holding it (`start:
    forty` on line 55 of an entry opening on 50 is line 55: newcomer47)."""
    keys: dict[str, int]


class KeyLines(dict):
    """`__key_lines__`: the line of each of a script's top-level keys ({"title": 1})."""


class EntryLines(list):
    """`__entry_lines__`: the line each entry of a script's `lines` starts on ([4, 9])."""


RECORD_TYPES = {"__line__": KeyedLine, "__key_lines__": KeyLines,
                "__entry_lines__": EntryLines}


def records_in(mapping: dict) -> set[str]:
    """The keys of `mapping` that are the reader's records: a key of a record's name whose
    value is of another type (a JSON script's `"__line__": 7`) is none."""
    return {key for key, kind in RECORD_TYPES.items()
            if isinstance(mapping.get(key), kind)}


def line_of(mapping: dict, key: str | None = None) -> int | None:
    """The line of `key` in a mapping the reader read (else the line the mapping starts
    on), or None: a JSON script's mappings have no lines."""
    first = mapping.get("__line__")
    return first.keys.get(key, first) if isinstance(first, KeyedLine) else None
