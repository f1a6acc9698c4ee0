"""What the extractor builds the same way at every start, kept on disk between runs as
Python keeps bytecode: the letter classes, the word lists and the patterns holding the classes.

Each costs every `drama extract` process the same work. The classes (letters.py) are read
from the Unicode categories of the 65,536 characters of the Basic Multilingual Plane (~150 M
instructions, a quarter of `import drama.extract`); the word lists (lexicon.py) from 29,000
lines (~80 M). `re` parses and compiles a pattern in Python, a character at a time, and the
30 patterns holding the classes (~1,000 characters a class, ~170 copies) took ~1.3 G
instructions (~0.2 s of CPU), more than all the rest of the start. What `re` makes of a
pattern, its program (a list of integers) and its groups, depends only on the pattern, its
flags and the Python that compiled it: compile() keeps it, and a later run builds the
pattern from it with `_sre.compile`, the call re.compile ends on, without parsing it again.
The pattern built is the one re.compile returns (equal to it: a test compares every kept
pattern).

What is kept goes to the cache folder (`$DRAMA_CACHE/extract`, else `~/.cache/drama/extract`),
a file for each value, named by a hash of the Python and all the value depends on (value()'s
key: a pattern, a file's bytes); the file holds those too, and a value is used only when
they are the same. A file missing, damaged or written for another Python is made again; a
cache folder that cannot be written leaves each run to make its own.

compile() reads `re`'s private modules (re._parser, re._compiler, _sre) as re.compile does: a
Python whose `_sre.compile` takes other arguments fails the first build, and compile() then
falls back to re.compile for good.
"""
from __future__ import annotations

import hashlib
import marshal
import re
import sys
import unicodedata
from pathlib import Path
from typing import Callable

from ..errors import OutputError
from ..files import cache_root, write_atomic

try:
    import _sre
    from re import _compiler, _parser
except ImportError:     # another Python's re: compile() is re.compile
    _sre = None

_PYTHON = (f"{sys.version} {getattr(_sre, 'MAGIC', '')} {getattr(_sre, 'CODESIZE', '')} "
           f"{unicodedata.unidata_version}")
"""What a kept value is valid for: the Python, its re engine and its Unicode data."""


def value(kind: str, key: str, make: Callable[[], object]) -> object:
    """make(), read from the cache folder when kept there for this Python, kind and key, else
    made and kept. `key` says all that the value depends on besides the Python; the value is
    one marshal can write (numbers, strings, lists, tuples, dicts)."""
    header = (_PYTHON, kind, key)
    path = _kept_path(header)
    found = _read(path, header)
    if found is None:
        found = make()
        _keep(path, header, found)
    return found


def compile(pattern: str, flags: int = 0) -> re.Pattern:   # noqa: A001 (re.compile's name)
    """re.compile(pattern, flags), its program read from the cache folder when kept there,
    else compiled and kept."""
    global _sre
    if _sre is None:
        return re.compile(pattern, flags)
    header = (_PYTHON, "pattern", f"{int(flags)} {pattern}")
    path = _kept_path(header)
    program = _read(path, header)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except (TypeError, ValueError, RuntimeError):    # a damaged file: compiled again
            pass
    try:
        program = _program(pattern, int(flags))
        compiled = _sre.compile(pattern, *program)
    except (AttributeError, TypeError):     # another Python's private re: as re.compile
        _sre = None
        return re.compile(pattern, flags)
    _keep(path, header, program)
    return compiled


def _program(pattern: str, flags: int) -> tuple:
    """The arguments after the pattern that re._compiler.compile() hands _sre.compile: the
    flags with those the pattern sets inline, the program, the count of groups, the names
    of the groups and the name of each group by number."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]    # its opcodes are int subclasses
    names = dict(parsed.state.groupdict)
    by_number = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(by_number)


def _kept_path(header: tuple[str, str, str]) -> Path:
    digest = hashlib.sha256("\0".join(header).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_root() / "extract" / f"{header[1]}-{digest[:40]}.marshal"


def _read(path: Path, header: tuple[str, str, str]) -> object | None:
    """The value kept in path under this header, or None (no file, a damaged one, or one
    kept for another Python, kind or key)."""
    try:
        kept_header, found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return found if kept_header == header else None


def _keep(path: Path, header: tuple[str, str, str], made: object) -> None:
    try:
        write_atomic(path, marshal.dumps((header, made)), sync=False)
    except OutputError:     # a cache folder that cannot be written: made again next time
        pass
