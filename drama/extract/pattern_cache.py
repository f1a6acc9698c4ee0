"""Compiled regular expressions kept on disk between runs, as Python keeps bytecode.

`re` parses and compiles a pattern in Python, a character at a time. The patterns holding
the letter classes of every script (letters.py: ~1,000 characters a class, ~170 copies in 30
patterns) cost a `drama extract` process ~1.3 G instructions to compile (~0.2 s of CPU),
more than the rest of its start-up. What `re` makes of a pattern, its program (a list of
integers) and its groups, depends only on the pattern, its flags and the Python that compiled
it: compile() keeps them in the cache folder (`$DRAMA_CACHE/patterns`, else
`~/.cache/drama/patterns`), one file a pattern named by a hash of all three, and a later
run builds the pattern from that file with `_sre.compile`, the call re.compile ends on,
without parsing it again. The pattern built is the one re.compile returns (equal to it:
a test compares every kept pattern). A file missing, unreadable or written by another Python
is compiled again; a cache folder that cannot be written leaves each run to compile.

This reads `re`'s private modules (re._parser, re._compiler, _sre), as re.compile does: a
Python whose `_sre.compile` takes other arguments fails the first build, and compile()
then falls back to re.compile for good.
"""
from __future__ import annotations

import hashlib
import marshal
import re
import sys
from pathlib import Path

from ..errors import OutputError
from ..files import cache_root, write_atomic

try:
    import _sre
    from re import _compiler, _parser
except ImportError:     # another Python's re: compile() is re.compile
    _sre = None

_PYTHON = f"{sys.version} {getattr(_sre, 'MAGIC', '')} {getattr(_sre, 'CODESIZE', '')}"
"""What a kept program is valid for: the Python (and its re engine) that compiled it."""


def compile(pattern: str, flags: int = 0) -> re.Pattern:   # noqa: A001 (re.compile's name)
    """re.compile(pattern, flags), its program read from the cache folder when kept there,
    else compiled and kept."""
    global _sre
    if _sre is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    path = _kept_path(pattern, flags)
    kept = _read(path, pattern, flags)
    if kept is not None:
        try:
            return _sre.compile(pattern, *kept)
        except (TypeError, ValueError, RuntimeError):    # a damaged file: compiled again
            pass
    try:
        program = _program(pattern, flags)
        compiled = _sre.compile(pattern, *program)
    except (AttributeError, TypeError):     # another Python's private re: as re.compile
        _sre = None
        return re.compile(pattern, flags)
    _keep(path, pattern, flags, program)
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


def _kept_path(pattern: str, flags: int) -> Path:
    key = hashlib.sha256(f"{_PYTHON}\0{flags}\0{pattern}".encode("utf-8", "surrogatepass"))
    return cache_root() / "patterns" / f"{key.hexdigest()[:40]}.marshal"


def _read(path: Path, pattern: str, flags: int) -> tuple | None:
    """The program kept in path for this pattern and flags, or None (no file, a damaged
    one, or one of another pattern)."""
    try:
        kept_python, kept_pattern, kept_flags, program = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (kept_python, kept_pattern, kept_flags) != (_PYTHON, pattern, flags):
        return None
    return program


def _keep(path: Path, pattern: str, flags: int, program: tuple) -> None:
    try:
        write_atomic(path, marshal.dumps((_PYTHON, pattern, flags, program)), sync=False)
    except OutputError:     # a cache folder that cannot be written: compile again next time
        pass
