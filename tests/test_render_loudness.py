"""Loudness: the meter agrees with ffmpeg's EBU R128 scanner, voices are level-matched,
targets are met, the limiter holds the ceiling, and memory does not grow with length."""
from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from drama.engines import make_engine
from drama.render import render_script
from drama.render.loudness import (OVERSHOOT_DB, analyze, apply_limiter, db_to_gain,
                                   oversampled_peaks, summarize)
from render_util import casting_file, ebur128, probe, read_samples, rms_db, script_from

SOURCE = " ".join(f"Line number {i} is spoken here by someone, with a few more words."
                  for i in range(12))


def turns():
    speakers = ["Narrator", "Anna", "Boris"]
    return [(speakers[i % 3], f"Line number {i} is spoken here by someone, with a few more words.")
            for i in range(12)]


@pytest.fixture
def episode(tmp_path):
    script, source = script_from(SOURCE, turns())
    return script, source, casting_file(tmp_path), make_engine("tone")


def render(episode, out, **kw):
    script, source, casting, engine = episode
    return render_script(script, casting, engine, out, source_text=source, workers=1, **kw)


def test_podcast_target_measured_by_ffmpeg(episode, tmp_path):
    result = render(episode, tmp_path / "ep.wav", extra_formats=("mp3",))
    wav = ebur128(tmp_path / "ep.wav")
    assert wav["integrated"] == pytest.approx(-16.0, abs=0.3)
    assert wav["true_peak"] <= -1.0
    assert ebur128(tmp_path / "ep.mp3")["integrated"] == pytest.approx(-16.0, abs=1.0)
    assert result.loudness["predicted_integrated_lufs"] == pytest.approx(wav["integrated"], abs=0.3)


def test_every_lossy_format_decodes_at_the_wavs_loudness(episode, tmp_path):
    """LAME scales its input by 0.95 (-0.45 dB): drama gives that back, so an MP3 episode is
    as loud as its WAV, as the other codecs' are."""
    render(episode, tmp_path / "ep.wav", extra_formats=("mp3", "ogg", "m4b"))
    wav = ebur128(tmp_path / "ep.wav")["integrated"]
    for fmt in ("mp3", "ogg", "m4b"):
        assert ebur128(tmp_path / f"ep.{fmt}")["integrated"] == pytest.approx(wav, abs=0.15), fmt


def test_voices_are_level_matched(episode, tmp_path):
    # Boris's voice is 10 dB quieter at the source, like espeak's +klatt against +f3
    result = render(episode, tmp_path / "ep.wav")
    samples, rate = read_samples(tmp_path / "ep.wav")
    by_speaker: dict[str, list[float]] = {}
    for ln in json.loads(open(result.manifest).read())["lines"]:
        seg = samples[int(ln["start"] * rate):int(ln["end"] * rate)]
        by_speaker.setdefault(ln["speaker"], []).append(rms_db(seg))
    levels = {s: np.mean(v) for s, v in by_speaker.items()}
    assert max(levels.values()) - min(levels.values()) < 1.0, levels


def test_acx_target(episode, tmp_path):
    render(episode, tmp_path / "ep.wav", loudness="acx")
    samples, _ = read_samples(tmp_path / "ep.wav")
    assert -23.0 <= rms_db(samples) <= -18.0
    assert 20 * np.log10(np.abs(samples.astype(float)).max() / 32768) <= -3.0


def test_limiter_holds_true_peaks_under_the_ceiling():
    rate = 22050
    t = np.arange(rate) / rate
    rng = np.random.default_rng(1)
    # speech-like: a buzz with bursts 12 dB over the rest
    x = 0.3 * np.sign(np.sin(2 * np.pi * 140 * t)) * (1 + 3 * (rng.random(rate) > 0.995))
    x = np.convolve(x, np.ones(3) / 3, mode="same")
    stats = analyze(x, rate)
    # the cached polyphase estimate agrees with ideal oversampling within the limiter's margin
    assert stats.true_peak == pytest.approx(oversampled_peaks(x, rate).max(), rel=0.035)
    gain, ceiling = 1.5, db_to_gain(-1.3)
    y = apply_limiter(x * gain, stats.peaks, stats.block, gain, ceiling)
    assert oversampled_peaks(y, rate).max() <= db_to_gain(-1.0)  # the margin covers the rest
    quiet = np.abs(x * gain) < 0.2 * ceiling
    assert np.median(np.abs(y[quiet] - x[quiet] * gain)) < 0.02  # the rest is left alone
    # the energy the summary predicts after limiting is what the limited audio has
    summary = summarize(stats)
    over = 20 * np.log10(gain * summary.true_peak / ceiling)
    retained = np.interp(over, OVERSHOOT_DB, summary.retained_sq)
    assert summary.sumsq * gain ** 2 * retained == pytest.approx(float(np.dot(y, y)), rel=0.03)
    small = 0.1 * x
    assert apply_limiter(small, stats.peaks, stats.block, 0.1, ceiling) is small


def test_segment_stats_match_ffmpeg_on_their_own(tmp_path):
    import wave
    rate = 22050
    t = np.arange(2 * rate) / rate
    x = (0.2 * np.sin(2 * np.pi * 997 * t) * 32767).astype("<i2")
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate), w.writeframes(x.tobytes())
    from drama.render.loudness import segment_loudness
    assert segment_loudness(analyze(x, rate)) == pytest.approx(ebur128(path)["integrated"], abs=0.2)


def test_formats_by_extension_with_tags_chapters_and_bitrate(episode, tmp_path):
    result = render(episode, tmp_path / "ep.m4b", extra_formats=("mp3", "ogg"), bitrate="80k",
                    artist="Ann Writer")
    assert [p.rsplit(".", 1)[1] for p in result.audio] == ["m4b", "mp3", "ogg"]
    assert not (tmp_path / "ep.wav").exists()
    m4b = probe(tmp_path / "ep.m4b")
    assert "aac" in m4b and "Chapter #0:0" in m4b and "title           : Test" in m4b
    assert "artist          : Ann Writer" in m4b
    assert "80 kb/s" in probe(tmp_path / "ep.mp3")
    assert "opus" in probe(tmp_path / "ep.ogg")
    for p in result.audio:
        assert ebur128(p)["integrated"] == pytest.approx(-16.0, abs=1.0)


def test_assembly_memory_does_not_grow_with_episode_length(tmp_path):
    casting = casting_file(tmp_path)
    engine = make_engine("tone")
    peaks = []
    for repeat in (2, 20):
        script, source = script_from(SOURCE * repeat, turns() * repeat)
        # a first run fills the cache and the interpreter's one-off tables (interned path
        # strings, caches): the measured second run shows what assembly itself needs
        render_script(script, casting, engine, tmp_path / f"ep{repeat}.wav", workers=1)
        tracemalloc.start()
        render_script(script, casting, engine, tmp_path / f"ep{repeat}.wav", workers=1)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # ten times the audio: holding the extra ~10 minutes would take 28 MB (int16); the
    # script, plan and manifest grow a little, and the interpreter's interned-string table
    # can resize mid-run (about 2 MB), so allow a fixed 4 MB and no more
    assert peaks[1] < peaks[0] + 4_000_000, peaks
    assert peaks[1] < 8_000_000, peaks


def test_a_lossy_encoders_overshoot_is_measured_and_taken_back(tmp_path):
    import wave

    from drama.render.encode import decoded_true_peak_db, encode
    from drama.render.loudness import block_true_peaks
    rate = 22050
    t = np.arange(3 * rate) / rate
    # a buzz of odd harmonics, true peak at -1.8 dBTP: AAC at 64 kbit/s overshoots it by
    # most of a dB (by how much varies with the level: 0.3 to 1.6 dB from -3 to -1.3 dBTP)
    x = sum(np.sin(2 * np.pi * 220 * k * t) / k for k in range(1, 46, 2))
    x *= db_to_gain(-1.8) / block_true_peaks(x, len(x)).max()
    wav = tmp_path / "buzz.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes((x * 32767).astype("<i2").tobytes())
    plain = tmp_path / "plain.m4b"
    assert encode(wav, plain, "m4b", title="Buzz") == 0.0
    over = decoded_true_peak_db(plain)
    assert over > -1.0  # the encoder's own peaks, past the ceiling
    assert over == pytest.approx(ebur128(plain)["true_peak"], abs=0.3)  # as ffmpeg measures
    checked = tmp_path / "checked.m4b"
    gain = encode(wav, checked, "m4b", title="Buzz", ceiling_db=-1.0)
    assert gain < 0
    assert decoded_true_peak_db(checked) <= -1.0 and ebur128(checked)["true_peak"] <= -1.0


def test_a_lossy_overshoot_is_taken_back_by_the_limiter_not_by_turning_the_file_down(
        episode, tmp_path, monkeypatch):
    import drama.render.episode as render_module
    from drama.render.encode import decoded_true_peak_db
    measured = []

    def overshooting_first_time(path):
        # the encoder's own peaks: 10.5 dB over what the file has (its tones peak near -11
        # dBTP), the first time only
        measured.append(decoded_true_peak_db(path) + (10.5 if not measured else 0.0))
        return measured[-1]
    monkeypatch.setattr(render_module, "decoded_true_peak_db", overshooting_first_time)
    result = render(episode, tmp_path / "ep.mp3")
    loud = result.loudness
    assert len(measured) == 2 and measured[0] > -1.0 >= measured[1]
    # the second assembly had a ceiling that much lower than the first (which left the
    # encoder's measured overshoot and a spare), and kept the loudness
    from drama.render.headroom import spare_db
    start = loud["encoder_overshoot_db"]["mp3"] + spare_db("mp3")
    assert loud["lossy_headroom_db"] == pytest.approx(start + measured[0] + 1.0 + 0.3, abs=0.02)
    assert loud["limiter_ceiling_dbtp"] == pytest.approx(-1.3 - loud["lossy_headroom_db"],
                                                         abs=0.01)
    assert loud["encoder_gain_db"] == {}
    assert ebur128(tmp_path / "ep.mp3")["integrated"] == pytest.approx(-16.0, abs=1.0)
    assert loud["predicted_integrated_lufs"] == pytest.approx(-16.0, abs=0.1)


def test_a_long_segment_is_measured_in_slices_exactly_as_if_whole(monkeypatch):
    import tracemalloc

    import drama.render.loudness as loudness
    rate = 22050
    rng = np.random.default_rng(7)
    x = (rng.standard_normal(3 * loudness.ANALYSIS_SLICE_CHUNKS * 441 + 1234) * 6000).astype(
        np.int16)
    sliced = analyze(x, rate)
    monkeypatch.setattr(loudness, "ANALYSIS_SLICE_CHUNKS", 10 ** 9)
    whole = analyze(x, rate)
    for name in ("kw", "sq", "peaks"):
        assert np.array_equal(getattr(sliced, name), getattr(whole, name)), name
    # ten minutes of speech in one segment: memory stays that of a slice, not of the segment
    monkeypatch.undo()
    long = np.tile(x, 8)[: 10 * 60 * rate]
    tracemalloc.start()
    analyze(long, rate)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 6_000_000, peak  # the segment itself is 26 MB, its float copy 106 MB
