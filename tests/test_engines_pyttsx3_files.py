"""The pyttsx3 engine when a line's file cannot be written: an error at once, never a hang."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_a_line_whose_file_cannot_be_written_is_an_error_at_once_not_a_hang(tmp_path):
    """pyttsx3's driver writes a line's WAV from espeak's callback and raised there when it
    could not (a full disk: a render whose cache filled its disk): ctypes printed a traceback
    and dropped it, and the driver's loop waited for ever (hostile39). Now the OSError is
    raised, at once, the render names the cache and the full disk, and the engine speaks
    the next line."""
    out = subprocess.run([sys.executable, "-c", SPEAK, str(tmp_path / "a.wav"),
                          str(tmp_path / "b.wav")], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.split("\n")[:2] == ["OSError 27 True", "then True"], out.stderr
    assert "Traceback" not in out.stderr
