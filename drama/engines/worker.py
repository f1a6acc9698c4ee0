"""A spawned synthesis process: one engine, made once, speaking one file per call.

The render pool starts these with `spawn` (pyttsx3 hangs in a forked child of a process that
used it). Measuring and committing what they write happens in the rendering process, so a
worker needs only its engine, not numpy. (spawn still imports the parent's main module: for
the `drama` command, that is the command line.)
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import threading
from contextlib import contextmanager

from . import Engine, Voice, VoiceSettings, make_engine

_engine: Engine | None = None

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""Ctrl-C and SIGTERM: the parent's to handle, never a spawned process's."""


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
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)  # one held back since its launch is dropped too
    if hasattr(signal, "pthread_sigmask"):  # born holding them back (_stop_signals_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def spawn_context():
    """The `spawn` context of every process drama starts (synthesis workers, a book's
    extraction, the studio's audition process), whose processes are born deaf to Ctrl-C
    and SIGTERM (_BornIgnoringPopen): a worker that ignored them only from its initializer was still starting
    Python and importing drama (a second or more under load) when a Ctrl-C reached the whole
    process group, and printed a KeyboardInterrupt traceback (newcomer40: 6 of 9 Ctrl-Cs of
    a render in its first seconds)."""
    _quiet_resource_tracker()
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    return _BornIgnoringContext()


QUIET_RESOURCE_TRACKER = "ignore::UserWarning:multiprocessing.resource_tracker"
"""The warning filter multiprocessing's resource tracker is started with (every process
spawned from here gets this process's -W options)."""


def _quiet_resource_tracker() -> None:
    """The resource tracker, started with the first pool's queues, says nothing of its own:
    a second Ctrl-C or SIGTERM ends drama at once (os._exit), and the tracker then removed the
    pool's semaphores, as it should, but printed "UserWarning: resource_tracker: There appear
    to be 10 leaked semaphore objects to clean up at shutdown" under drama's "interrupted
    again; stopped at once" (newcomer40)."""
    import sys
    if QUIET_RESOURCE_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(QUIET_RESOURCE_TRACKER)


if os.name == "posix":
    from multiprocessing import popen_spawn_posix, resource_tracker

    class _BornIgnoringPopen(popen_spawn_posix.Popen):
        """Launches its process while this thread holds Ctrl-C and SIGTERM back (blocks
        them): a signal mask survives fork and exec, so the process is born deaf to them
        until its initializer ignores them (ignore_stop_signals), and one that comes
        meanwhile is this process's once the launch is done, not lost. (Ignoring them for
        the launch lost such a signal: review40. The resource tracker, which sees to its
        own signals the same way, is started first.)"""

        def _launch(self, process_obj) -> None:
            resource_tracker.ensure_running()
            with _stop_signals_held():
                super()._launch(process_obj)

    class _BornIgnoringProcess(multiprocessing.context.SpawnProcess):
        @staticmethod
        def _Popen(process_obj):
            return _BornIgnoringPopen(process_obj)

    class _BornIgnoringContext(multiprocessing.context.SpawnContext):
        Process = _BornIgnoringProcess


@contextmanager
def _stop_signals_held():
    """Ctrl-C and SIGTERM blocked in this thread (any thread: a studio request's too) for
    the block, then let through: one that came meanwhile is delivered then, to this
    process's own handlers (multiprocessing's resource tracker is launched so too)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


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
