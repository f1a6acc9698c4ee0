"""The studio's sound: auditions and voice lists from a spawned engine process, and renders
of changed episodes in the background.

Auditions run in a process of their own (started with spawn, as the renderer's workers are):
an audition never waits behind a render, and pyttsx3 (not thread-safe) never speaks on two
threads of one process. Renders run one at a time on one
thread of this process, through the same functions `drama render` calls.
"""
from __future__ import annotations

import logging
import multiprocessing
import tempfile
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from ..engines import EngineSet, Voice, VoiceSettings, make_engine, worker
from ..errors import DramaError, EngineError
from ..wording import counted

log = logging.getLogger(__name__)

AUDITION_SECONDS = 120
"""An audition (or a voice list) that takes longer than this is given up."""


class EngineProcesses:
    """One spawned process that lists voices and speaks auditions, made when first needed.

    In it, speak_sample (what `drama preview` calls) speaks with the lexicon applied; an
    engine that may not share a process with another (Piper) speaks in a process of its own
    from there, as in a preview.
    """

    def __init__(self, default_engine: str) -> None:
        self.default_engine = default_engine
        self._pool: ProcessPoolExecutor | None = None
        self._voices: dict[str, list[Voice]] = {}
        self._lock = threading.Lock()

    def _call(self, fn, *args):
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, initializer=_start_here,
                    mp_context=worker.spawn_context())
            pool = self._pool
        try:
            return pool.submit(fn, *args).result(timeout=AUDITION_SECONDS)
        except DramaError:
            raise
        except FutureTimeout:
            raise EngineError(f"the speech engine took over {AUDITION_SECONDS} s") from None
        except Exception as exc:        # a process that died: start a new one next time
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise EngineError(f"the speech engine failed: {exc}") from None

    def voices(self, engine: str | None = None) -> list[Voice]:
        """An engine's voices (the default engine's without a name), asked once each."""
        name = engine or self.default_engine
        if name not in self._voices:
            self._voices[name] = self._call(_voices_here, name)
        return self._voices[name]

    def speak(self, text: str, settings: VoiceSettings, lexicon=None) -> bytes:
        """The text spoken in these settings (the lexicon applied), as a WAV file's bytes."""
        with tempfile.TemporaryDirectory(prefix="drama-audition-") as tmp:
            path = Path(tmp) / "audition.wav"
            self._call(_speak_here, self.default_engine, lexicon, text, settings, str(path))
            return path.read_bytes()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


# ------------------------------------------------------------------ in the spawned process

_engines: dict[str, EngineSet] = {}


def _start_here() -> None:
    """Ctrl-C is the studio's to handle; the process ends with the studio."""
    worker.ignore_stop_signals()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=worker._exit_with, args=(parent,), daemon=True).start()


def _engine_set(default: str) -> EngineSet:
    if default not in _engines:
        _engines[default] = EngineSet(make_engine(default))
    return _engines[default]


def _voices_here(engine: str) -> list[Voice]:
    return _engine_set(engine).voices()


def _speak_here(default: str, lexicon, text: str, settings: VoiceSettings, out: str) -> None:
    from ..casting.lexicon import Lexicon
    from ..render.synth import speak_sample
    speak_sample(_engine_set(default), lexicon or Lexicon(), text, settings, Path(out))


@dataclass
class RenderStatus:
    """Where the background render is: what a polling page shows."""

    state: str = "idle"
    """idle, running, done or failed."""
    episode: str | None = None
    done: int = 0
    total: int = 0
    message: str = ""
    synthesized: int | None = None
    reused: int | None = None
    serial: int = 0
    """Counts renders started, so a page knows a finished one is new."""

    def to_dict(self) -> dict:
        return dict(vars(self))


@dataclass
class Renderer:
    """Renders one episode at a time on a thread of its own."""

    status: RenderStatus = field(default_factory=RenderStatus)
    _thread: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="drama-studio-render"))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    future: Future | None = None

    def start(self, episode: str, job) -> bool:
        """Run job(progress) in the background unless a render is running; whether it
        started. job returns (synthesized, reused, message) or raises a DramaError."""
        with self._lock:
            if self.status.state == "running":
                return False
            self.status = RenderStatus("running", episode, message="starting",
                                       serial=self.status.serial + 1)
            self.future = self._thread.submit(self._run, job)
            return True

    def _run(self, job) -> None:
        def progress(done: int, total: int, foretold: bool = True) -> None:
            self.status.done, self.status.total = done, total
            self.status.message = f"{done} of {counted(total, 'line')} ready" + \
                ("; assembling and encoding the audio" if total and done >= total else "")
        try:
            synthesized, reused, message = job(progress)
        except DramaError as exc:
            self.status.state, self.status.message = "failed", str(exc)
        except Exception as exc:        # a bug: said on the page and in the log
            log.exception("render failed")
            self.status.state, self.status.message = "failed", f"render failed: {exc!r}"
        else:
            self.status.synthesized, self.status.reused = synthesized, reused
            self.status.state, self.status.message = "done", message

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)
