"""A function run in a spawned process of its own (a long book's extraction, whose memory
is given back when it ends), its progress and what it logs relayed to this one."""
from __future__ import annotations

import logging
from typing import Callable

from ..errors import DramaError


def in_own_process(fn, args: tuple, progress: Callable[[str], None] | None):
    """fn(*args, progress) run in a spawned process, its calls of progress relayed here
    through a pipe (a callback cannot cross to another process). The process lives no
    longer than this one, nor than this call (Ctrl-C, a failure here): it is killed then,
    and one that ends without an outcome (killed, out of memory) is a DramaError."""
    from ..engines.worker import spawn_context
    ctx = spawn_context()
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_apart, args=(fn, args, writer, progress is not None,
                                             logging.getLogger().getEffectiveLevel()),
                        name="drama-extract")
    child.start()
    writer.close()  # the child's is the only one left: its end, however it ends, is seen
    try:
        return _relayed(reader, progress)
    finally:
        reader.close()
        child.kill()  # nothing when it is done; else it outlived what it was for
        child.join()


def _relayed(reader, progress: Callable[[str], None] | None):
    """What _apart sends: each stage passed to progress, each message logged there logged
    here, then fn's outcome."""
    while True:
        try:
            kind, value = reader.recv()
        except EOFError:
            raise DramaError("the process extracting the book ended before it was done "
                             "(killed, or out of memory?); run again") from None
        if kind == "stage":
            progress(value)
        elif kind == "log":
            name, level, message = value
            logging.getLogger(name).log(level, "%s", message)
        elif kind == "raised":
            raise value
        else:
            return value


def _apart(fn, args: tuple, writer, relays: bool, log_level: int) -> None:
    """The spawned side of in_own_process. Ctrl-C is the parent's to handle (it kills this
    process), and a parent killed outright takes this process with it. What it logs at the
    parent's `log_level` is logged by the parent (its format, and above its bars)."""
    from ..engines.worker import exit_with_parent, ignore_stop_signals
    ignore_stop_signals()
    exit_with_parent()
    logging.getLogger().handlers[:] = [_LogRelay(writer)]
    logging.getLogger().setLevel(log_level)
    try:
        outcome = ("returned", fn(*args, (lambda stage: writer.send(("stage", stage)))
                                  if relays else None))
    except Exception as exc:  # a ScriptError, say: raised again in the parent
        if not isinstance(exc, DramaError):  # a bug: where it was, in the traceback there
            import traceback
            exc.add_note("".join(traceback.format_exception(exc)).rstrip())
        outcome = ("raised", exc)
    writer.send(outcome)


class _LogRelay(logging.Handler):
    """Sends each message logged in _apart's process to _relayed, to be logged there."""

    def __init__(self, writer) -> None:
        super().__init__()
        self.writer = writer

    def emit(self, record: logging.LogRecord) -> None:
        self.writer.send(("log", (record.name, record.levelno, record.getMessage())))
