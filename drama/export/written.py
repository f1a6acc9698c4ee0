"""The text files drama writes beside an episode (subtitles, the radio play) and whether
each is still drama's own: beside every one it writes, drama keeps the hash of what it
wrote, `.<file>.written`. A file that no longer holds that (a person edited it) is kept as
it is: the next render or build says so and does not write over it."""
from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path
from typing import Callable

from ..files import NOT_REGULAR, file_stem, write_atomic
from .options import ExportOptions

log = logging.getLogger(__name__)


def written_record(path: str | os.PathLike) -> Path:
    """The hidden file holding the hash of what drama last wrote to path."""
    p = Path(path)
    return p.with_name(f".{p.name}.written")


def beside_an_episode(path: str | os.PathLike) -> bool:
    """Whether path is one of the files a render or build writes again beside its episode:
    <name>.srt, .vtt or .txt where <name>.manifest.json is, or <name>'s script (where a
    build renders it, and `drama render output/x.script.yaml`: the radio play exported
    before the first render follows it). Only those need a record (`drama export -o`
    elsewhere, ~/Desktop/story.srt, leaves no hidden file there: nothing writes it again)."""
    from ..loading import SCRIPT_ENDS
    p = Path(path)
    return any((p.parent / f"{file_stem(p)}{ending}").is_file()
               for ending in (".manifest.json", *SCRIPT_ENDS))


def written_again(path: str | os.PathLike, fmt: str, options: ExportOptions) -> bool:
    """Whether `drama export` to path writes what a render writes there again: a subtitle
    or the radio play, with the options a render uses, beside its episode. Such an export
    is recorded as drama's (write_export), so the next render may replace it."""
    from . import RENDER_TEXT_FORMATS
    as_a_render_writes = fmt in RENDER_TEXT_FORMATS and (options.width, options.narration) \
        == (ExportOptions.width, ExportOptions.narration)
    return as_a_render_writes and beside_an_episode(path)


def is_drama_export(path: Path, text: str) -> bool:
    """Whether drama may write text to path: there is no file there, or it holds what drama
    last wrote there (its record), or text itself. A file drama has no record of (written
    by hand, or before drama kept records) is a person's unless it already holds text."""
    if not path.exists():
        return True
    now = _regular_bytes(path)
    if now is None:
        return False  # unreadable, or a pipe: not to be judged, so not written over either
    if now == text.encode("utf-8"):
        return True
    return _sha256(now) in _recorded(path)


def _recorded(path: Path) -> list[str]:
    """The hashes path's record holds: one, or two while drama replaces the file (the old
    and the new, see write_export)."""
    recorded = _regular_bytes(written_record(path))
    return recorded.decode("ascii", "replace").split() if recorded is not None else []


def _regular_bytes(path: Path) -> bytes | None:
    """What a regular file holds; None for anything else (no file, a folder, or a pipe,
    whose reading waits for a writer that never comes) or one that cannot be read."""
    try:
        return path.read_bytes() if stat.S_ISREG(path.stat().st_mode) else None
    except OSError:
        return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_of(text: str) -> bytes:
    """What the record of a file holding text holds."""
    return (_sha256(text.encode("utf-8")) + "\n").encode("ascii")


def write_export(path: str | os.PathLike, text: str) -> None:
    """Write text to path (atomically) and record it as drama's. The record names the new
    text before the file is replaced, beside the old one when that was drama's too, so a
    run stopped between the two writes (killed, a full disk) leaves a file its record still
    knows as drama's (or a record of a file not yet there): the next render writes it again,
    where it took it for a person's."""
    p = Path(path)
    now = _regular_bytes(p)
    old = _sha256(now) if now is not None and _sha256(now) in _recorded(p) else None
    record = _record_of(text)
    write_atomic(written_record(p), record + (f"{old}\n".encode("ascii") if old else b""),
                 named=p)
    write_atomic(p, text)
    if old:
        write_atomic(written_record(p), record, named=p)


def write_own_exports(texts: dict[Path, str],
                      regenerate: Callable[[Path], str] | None = None) -> list[str]:
    """Write each text to its path unless the file there is no longer drama's own
    (is_drama_export): that one is kept, with a warning saying so and how to have drama's
    again (`regenerate` of the path: the command that writes it), unless drama's text is
    what it last wrote there (an up-to-date build said so of every edited file, each
    time). The paths written (those whose text changed)."""
    written = []
    for path, text in texts.items():
        if path.exists() and not path.is_file():
            log.warning("%s: %s, so not written", path,  # a pipe: never read, it would hang
                        "is a folder" if path.is_dir() else NOT_REGULAR)
            continue
        if not is_drama_export(path, text):
            if _regular_bytes(written_record(path)) == _record_of(text):
                continue  # drama's would hold what it last wrote: the edit misses nothing new
            how = regenerate(path) if regenerate else \
                "delete it to have drama write it again"
            log.warning("%s: edited since drama wrote it (or written before drama kept a "
                        "record), so kept as it is, not following this render; %s", path, how)
            continue
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            write_export(path, text)
            written.append(str(path))
        elif _regular_bytes(written_record(path)) != _record_of(text):
            # drama's already, but not recorded as such: written before drama kept records,
            # or a run killed between the file and its record
            write_atomic(written_record(path), _record_of(text), named=path)
    return written
