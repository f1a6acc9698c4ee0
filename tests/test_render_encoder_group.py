"""The ffmpeg a render awaits runs in a process group of its own: a terminal's Ctrl-C, sent
to its whole foreground group, reaches drama alone, which then finishes the episodes being
encoded as it says (walk34: their ffmpeg died of the same Ctrl-C, the episodes unwritten)."""
from __future__ import annotations

import os
import wave

import pytest

from render_util import recording_ffmpeg

from drama.render import encode


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_the_encoder_is_out_of_the_terminals_process_group(tmp_path, monkeypatch):
    seen = recording_ffmpeg(tmp_path, encode, monkeypatch)
    wav = tmp_path / "a.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050)
        w.writeframes(b"\x00\x10" * 22050)
    encode.encode(wav, tmp_path / "a.mp3", "mp3", title="A")
    encode.decoded_true_peak_db(tmp_path / "a.mp3")
    groups = [line.split()[1] for line in seen.read_text().splitlines()]
    assert len(groups) >= 2 and (tmp_path / "a.mp3").stat().st_size > 0
    assert str(os.getpgrp()) not in groups, "ffmpeg shares drama's process group"
