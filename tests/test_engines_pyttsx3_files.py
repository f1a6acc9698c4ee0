"""The pyttsx3 engine when a line's file cannot be written: an error at once, never a hang."""
from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from drama.engines.pyttsx3 import Pyttsx3Engine
from drama.errors import EngineError

ROOT = Path(__file__).resolve().parent.parent

SPEAK = """
import resource, signal, sys, time, wave
from drama.engines import VoiceSettings, make_engine
eng = make_engine("pyttsx3")
voice = VoiceSettings(eng.voices()[0].id)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
limits = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (8000, limits[1]))
start = time.monotonic()
try:
    eng.synthesize("Hello there, and a long good morning to you all.", voice, sys.argv[1])
except OSError as exc:
    print("OSError", exc.errno, time.monotonic() - start < 10)
resource.setrlimit(resource.RLIMIT_FSIZE, limits)
eng.synthesize("And again.", voice, sys.argv[2])
with wave.open(sys.argv[2]) as w:
    print("then", w.getnframes() > 0)
"""


class _Driver:
    """pyttsx3's espeak driver as _keep_write_errors touches it: a callback that writes the
    line's file, and the state it resets when a line ends."""

    def __init__(self, fails: BaseException | None) -> None:
        self.fails, self.ended = fails, False
        self._data_buffer, self._speaking = b"data", True
        self._proxy = self

    def _onSynth(self, wav, numsamples, events):
        if self.fails is not None:
            raise self.fails
        return 0

    def setBusy(self, busy: bool) -> None:
        self.busy = busy

    def endLoop(self) -> None:
        self.ended = True


class _Espeak:
    def SetSynthCallback(self, callback) -> None:
        self.callback = callback


def _wrapped(fails: BaseException | None) -> tuple[Pyttsx3Engine, _Driver, object]:
    """An engine (no espeak started) whose driver callback _keep_write_errors wrapped."""
    engine = Pyttsx3Engine.__new__(Pyttsx3Engine)
    engine._espeak, engine._failed = _Espeak(), None
    driver = _Driver(fails)
    engine._keep_write_errors(driver)
    return engine, driver, engine._espeak.callback


def _driver_error(cause: BaseException) -> RuntimeError:
    try:
        try:
            raise cause
        except BaseException as exc:
            raise RuntimeError("the driver could not write the file") from exc
    except RuntimeError as exc:
        return exc


def test_a_write_error_in_the_drivers_callback_ends_the_line_and_is_raised_after():
    """hostile39, without espeak or a clock: the driver's callback raising (its file past a
    full disk) ends the line as a finished one ends (the driver's loop stops), and the
    OSError under its error is what the line raises; a line written is left to the driver."""
    engine, driver, callback = _wrapped(None)
    assert callback(None, 0, None) == 0 and not driver.ended and engine._failed is None
    full = OSError(errno.EFBIG, "File too large")
    engine, driver, callback = _wrapped(_driver_error(full))
    assert callback(None, 0, None) == 1      # espeak: stop this line
    assert driver.ended and not driver._speaking and driver._data_buffer == b""
    assert driver.busy is False
    with pytest.raises(OSError) as raised:
        engine._raise_failed("Hello there.")
    assert raised.value is full and engine._failed is None
    # an error with no OSError under it is the engine's, naming the line
    engine, _, callback = _wrapped(_driver_error(ValueError("bad sample width")))
    callback(None, 0, None)
    with pytest.raises(EngineError, match="could not write 'Hello there.'"):
        engine._raise_failed("Hello there.")


@pytest.mark.slow
def test_a_line_whose_file_cannot_be_written_is_an_error_at_once_not_a_hang(tmp_path):
    """pyttsx3's driver writes a line's WAV from espeak's callback and raised there when it
    could not (a full disk: a render whose cache filled its disk): ctypes printed a traceback
    and dropped it, and the driver's loop waited for ever (hostile39). Now the OSError is
    raised, at once, the render names the cache and the full disk, and the engine speaks
    the next line. Slow: real espeak and a clock (the fast suite has the test above)."""
    out = subprocess.run([sys.executable, "-c", SPEAK, str(tmp_path / "a.wav"),
                          str(tmp_path / "b.wav")], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.split("\n")[:2] == ["OSError 27 True", "then True"], out.stderr
    assert "Traceback" not in out.stderr
