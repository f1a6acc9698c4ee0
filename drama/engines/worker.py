"""A spawned synthesis process: one engine, made once, speaking one file per call.

The render pool starts these with `spawn` (pyttsx3 hangs in a forked child of a process that
used it). Measuring and committing what they write happens in the rendering process, so a
worker needs only its engine, not numpy. (spawn still imports the parent's main module: for
the `drama` command, that is the command line.)
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading

from . import Engine, Voice, VoiceSettings, make_engine

_engine: Engine | None = None


def start(engine_name: str, niceness: int = 0) -> None:
    """Pool initializer: make this process's engine, and tie its life to the parent's;
    `niceness` lowers its scheduling priority (a book's workers yield to the encoders of the
    episodes already spoken, so those are written first).

    Ctrl-C is the parent's to handle: a worker interrupted while handing back a result can
    leave the pool's result queue locked, and the parent would wait for it forever. A worker
    whose parent is killed outright exits too, rather than holding espeak and the parent's
    output pipes open.
    """
    global _engine
    ignore_stop_signals()
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    exit_with_parent()
    _engine = make_engine(engine_name)


def ignore_stop_signals() -> None:
    """Ctrl-C and SIGTERM (the whole process group's, as a terminal or a service manager
    sends them) are the parent's to handle: it shuts its workers down and keeps what they
    spoke (cli.common.Terminated)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def exit_with_parent() -> None:
    """End this spawned process (os._exit) as soon as the process that started it ends,
    however it ends: nothing of a killed command is left running."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True,
                         name="drama-parent-watch").start()


def _exit_with(parent) -> None:
    parent.join()
    os._exit(1)


def speak(text: str, settings: VoiceSettings, path: str) -> None:
    """Synthesize text to a WAV at path."""
    assert _engine is not None, "worker not started"
    _engine.synthesize(text, settings, path)


def voices() -> list[Voice]:
    """The worker's engine's voices."""
    assert _engine is not None, "worker not started"
    return _engine.voices()
