"""Python's cycle collector paused while a script is extracted, read or written (YAML or
JSON): apart from drama.safeyaml, so a JSON script is read and written without PyYAML."""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_pause_lock = threading.Lock()
_pauses = 0  # gc_paused blocks under way, in every thread
_was_enabled = False  # whether the collector was on when the first of them began


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a long script is extracted, built or written.

    Reading or writing a script makes a million small objects (nodes, dicts, strings) and no
    garbage cycles; the collector ran every 700 new objects, its older generations' passes
    walking every object made so far: over half the time taken to read or write an
    80,000-line script (bench/script_io.py: reading 10.1 s of CPU with it, 4.8 s without;
    writing 6.8 s and 3.2 s; extracting, see drama.extract.extract_script). Cycles made
    meanwhile are collected once it is back on.

    The collector is one per process: pauses that overlap (nested, or in threads, such as
    the studio's) are counted, and it is back on, as it was, when the last of them ends.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
