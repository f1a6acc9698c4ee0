"""The pyttsx3 wrapper against its measured traps: queued property changes, variants, files."""
from __future__ import annotations

import wave

import numpy as np
import pytest

from drama.engines import VoiceSettings, make_engine
from drama.errors import EngineError

pytestmark = pytest.mark.slow
TEXT = "The quick brown fox jumps over the lazy dog, and then it runs into the forest."


@pytest.fixture(scope="module")
def engine():
    eng = make_engine("pyttsx3")
    yield eng
    eng.close()


def speak(engine, tmp_path, settings, text=TEXT) -> np.ndarray:
    path = tmp_path / "s.wav"
    engine.synthesize(text, settings, str(path))
    with wave.open(str(path), "rb") as r:
        assert (r.getnchannels(), r.getsampwidth()) == (1, 2)
        return np.frombuffer(r.readframes(r.getnframes()), dtype="<i2")


def f0(x: np.ndarray, rate: int = 22050) -> float:
    """Median fundamental frequency of the voiced 40 ms frames, by autocorrelation."""
    n, found = int(0.04 * rate), []
    for i in range(0, len(x) - n, n):
        frame = x[i:i + n].astype(float)
        if np.sqrt(np.mean(frame ** 2)) < 500:
            continue
        frame -= frame.mean()
        ac = np.correlate(frame, frame, "full")[n - 1:]
        lo, hi = rate // 500, rate // 60
        found.append(rate / (lo + np.argmax(ac[lo:hi])))
    return float(np.median(found))


def rms_db(x):
    return 10 * np.log10(np.mean((x.astype(float) / 32768) ** 2))


def test_variants_and_pitch_really_take_effect(engine, tmp_path):
    plain = speak(engine, tmp_path, VoiceSettings("gmw/en-us", 170, 50))
    female = speak(engine, tmp_path, VoiceSettings("gmw/en-us+f3", 170, 50))
    low = speak(engine, tmp_path, VoiceSettings("gmw/en-us", 170, 10))
    high = speak(engine, tmp_path, VoiceSettings("gmw/en-us", 170, 90))
    klatt = speak(engine, tmp_path, VoiceSettings("gmw/en-us+klatt", 170, 50))
    assert f0(female) > 1.6 * f0(plain)
    assert f0(high) > 1.4 * f0(low)
    assert rms_db(female) - rms_db(klatt) > 5  # the +klatt variant is much quieter


def test_interleaved_rate_changes_are_never_lost(engine, tmp_path):
    lengths = {120: [], 300: []}
    for i in range(24):
        rate = (120, 300)[i % 2]
        lengths[rate].append(len(speak(engine, tmp_path, VoiceSettings("gmw/en", rate, 50),
                                       "One small sentence to time.")))
    for rate, got in lengths.items():
        assert max(got) <= 1.03 * min(got), (rate, got)
    assert min(lengths[120]) > 1.8 * max(lengths[300])


def test_settings_kept_from_the_last_line_are_still_the_ones_spoken(engine, tmp_path):
    """Unchanged settings are not set again; a line after another voice, or after a phoneme
    lookup in another voice, is still spoken in its own settings (espeak's output varies by
    a sample or so from call to call, so it is compared by length, level and pitch)."""
    base = VoiceSettings("gmw/en-us", 170, 50)
    first = speak(engine, tmp_path, base)

    def same(x: np.ndarray) -> bool:
        return abs(len(x) - len(first)) <= 0.01 * len(first) and \
            abs(rms_db(x) - rms_db(first)) < 0.5 and abs(f0(x) / f0(first) - 1) < 0.05
    assert same(speak(engine, tmp_path, base))
    other = speak(engine, tmp_path, VoiceSettings("gmw/en-us+f3", 250, 80, 0.5))
    assert not same(other)
    assert same(speak(engine, tmp_path, base))
    engine.phonemes("Smolny", "gmw/en-gb-x-rp")
    assert same(speak(engine, tmp_path, base))


def test_every_call_writes_a_complete_file(engine, tmp_path):
    for i in range(8):
        assert len(speak(engine, tmp_path, VoiceSettings("gmw/en-gb-x-rp", 200, 50),
                         f"File {i}.")) > 2000


def test_unknown_voice_is_refused_not_silently_replaced(engine, tmp_path):
    with pytest.raises(EngineError, match="unknown voice 'xx/nothing'"):
        engine.synthesize("Hello.", VoiceSettings("xx/nothing"), str(tmp_path / "x.wav"))


def test_no_audio_saved_print_leaks(engine, tmp_path, capfd):
    speak(engine, tmp_path, VoiceSettings("gmw/en", 170, 50), "Quiet please.")
    assert "Audio saved" not in capfd.readouterr().out


def test_the_drivers_run_loop_sleeps_a_millisecond_not_ten(engine, monkeypatch):
    import time

    from pyttsx3.drivers import espeak as driver

    from drama.engines.pyttsx3 import LOOP_TICK_SECONDS
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    driver.time.sleep(0.01)  # what EspeakDriver.startLoop asks for between looks
    assert slept == [LOOP_TICK_SECONDS] and LOOP_TICK_SECONDS <= 0.001
    assert driver.time.monotonic is time.monotonic  # the rest of `time` is untouched


def test_the_drivers_audio_buffer_grows_in_place(engine, tmp_path):
    driver = engine._engine.proxy._driver
    speak(engine, tmp_path, VoiceSettings("gmw/en", 170, 50), "One.")
    driver._data_buffer = b""  # what the driver does before each line
    assert isinstance(driver._data_buffer, bytearray)
    before = driver._data_buffer
    driver._data_buffer += b"\x01\x02"
    assert driver._data_buffer is before and bytes(before) == b"\x01\x02"
    driver._data_buffer = b""
    assert len(speak(engine, tmp_path, VoiceSettings("gmw/en", 170, 50), TEXT)) > 20000
