"""How the C heap holds a render's memory (glibc only; elsewhere nothing changes).

A render's large buffers (numpy slices of audio, a few hundred kB each) come and go on several
threads at once: the finishers assembling and measuring episodes, the thread committing
synthesized segments. glibc's defaults suit short programs, not a book's hour of this: each
thread may get its own heap (up to 8 a core), and once a large buffer has been freed glibc
raises its threshold for serving large buffers from fresh pages (up to 32 MB), so later ones
are carved out of those heaps, which fragment and are never given back. A whole book then held
about 1.3 times the memory of its first chapter (bench/README.md). `bound_heap` keeps large
buffers on pages of their own, handed back to the system when freed, and the threads on two
heaps.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
"""mallopt(3) parameters, from glibc's malloc.h."""
M_ARENA_MAX = -8
LARGE_BUFFER = 128 * 1024
"""Bytes from which a buffer gets pages of its own: glibc's starting value, kept fixed."""
HEAPS = 2
"""Heaps the threads share: one a core of the machine the figures were measured on."""

_bound = False


def bound_heap() -> bool:
    """Set the C heap's policy for a long render, once a process; whether it was set (only
    glibc has mallopt's parameters). Call it before the render's threads start."""
    global _bound
    if _bound or not sys.platform.startswith("linux"):
        return _bound
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and others: their allocator, their policy
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    _bound = bool(mallopt(M_MMAP_THRESHOLD, LARGE_BUFFER)) and bool(mallopt(M_ARENA_MAX, HEAPS))
    log.debug("heap policy %s", "set" if _bound else "not set")
    return _bound
