"""The ffmpeg a render awaits runs in a process group of its own: a terminal's Ctrl-C, sent
to its whole foreground group, reaches drama alone, which then finishes the episodes being
encoded as it says (walk34: their ffmpeg died of the same Ctrl-C, the episodes unwritten)."""
from __future__ import annotations

import os
import sys
import wave
from pathlib import Path

import pytest

from drama.render import encode


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_the_encoder_is_out_of_the_terminals_process_group(tmp_path, monkeypatch):
    real = encode.ffmpeg_path()
    seen = tmp_path / "pgid"
    wrapper = tmp_path / "ffmpeg"
    wrapper.write_text(f"#!{sys.executable}\nimport os, sys\n"
                       f"open({str(seen)!r}, 'a').write(f'{{os.getpgrp()}}\\n')\n"
                       f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n")
    wrapper.chmod(0o755)
    monkeypatch.setattr(encode, "ffmpeg_path", lambda: str(wrapper))
    wav = tmp_path / "a.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050)
        w.writeframes(b"\x00\x10" * 22050)
    encode.encode(wav, tmp_path / "a.mp3", "mp3", title="A")
    encode.decoded_true_peak_db(tmp_path / "a.mp3")
    groups = seen.read_text().split()
    assert len(groups) >= 2 and (tmp_path / "a.mp3").stat().st_size > 0
    assert str(os.getpgrp()) not in groups, "ffmpeg shares drama's process group"
