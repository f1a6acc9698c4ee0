"""The studio's sound: auditions and voice lists from a spawned engine process, and renders
of changed episodes in the background.

Auditions run in a process of their own (drama.engines.worker, started with spawn, as the
renderer's workers are): an audition never waits behind a render, and engines that must not
share a process (pyttsx3 is not thread-safe) never do. Renders run one at a time on one
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

from ..engines import Voice, VoiceSettings, worker
from ..errors import DramaError, EngineError

log = logging.getLogger(__name__)

AUDITION_SECONDS = 120
"""An audition (or a voice list) that takes longer than this is given up."""


class EngineProcesses:
    """One spawned process per engine, made the first time that engine is asked for."""

    def __init__(self) -> None:
        self._pools: dict[str, ProcessPoolExecutor] = {}
        self._voices: dict[str, list[Voice]] = {}
        self._lock = threading.Lock()

    def _pool(self, engine: str) -> ProcessPoolExecutor:
        with self._lock:
            if engine not in self._pools:
                self._pools[engine] = ProcessPoolExecutor(
                    max_workers=1, initializer=worker.start, initargs=(engine,),
                    mp_context=multiprocessing.get_context("spawn"))
            return self._pools[engine]

    def _call(self, engine: str, fn, *args):
        try:
            return self._pool(engine).submit(fn, *args).result(timeout=AUDITION_SECONDS)
        except DramaError:
            raise
        except FutureTimeout:
            raise EngineError(f"the {engine} engine took over {AUDITION_SECONDS} s") from None
        except Exception as exc:        # a process that died: start a new one next time
            with self._lock:
                pool = self._pools.pop(engine, None)
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise EngineError(f"the {engine} engine failed: {exc}") from None

    def voices(self, engine: str) -> list[Voice]:
        """The engine's voices (asked once per engine)."""
        if engine not in self._voices:
            self._voices[engine] = self._call(engine, worker.voices)
        return self._voices[engine]

    def speak(self, engine: str, text: str, settings: VoiceSettings) -> bytes:
        """The text spoken in these settings, as the bytes of a WAV file."""
        with tempfile.TemporaryDirectory(prefix="drama-audition-") as tmp:
            path = Path(tmp) / "audition.wav"
            self._call(engine, worker.speak, text, settings, str(path))
            return path.read_bytes()

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)


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
        def progress(done: int, total: int) -> None:
            self.status.done, self.status.total = done, total
            self.status.message = f"{done} of {total} lines ready"
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
