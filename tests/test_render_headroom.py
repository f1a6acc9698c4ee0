"""The lossy encoders' overshoot: measured once per voice, format and bitrate, kept in the
cache, and left as headroom, so a book's episodes meet the true-peak ceiling in one pass."""
from __future__ import annotations

import json

import pytest

import drama.render.headroom as headroom
from drama.engines import make_engine
from drama.render import render_script
from render_util import casting_file, ebur128, script_from

SOURCE = "“We leave tonight,” said Anna. The train was late.\n\n“Tonight?” Boris asked.\n"
TURNS = [("Anna", "We leave tonight,"), ("Narrator", "said Anna. The train was late."),
         ("Boris", "Tonight?"), ("Narrator", "Boris asked.")]


@pytest.fixture
def measured(monkeypatch):
    """Every measurement made: (voice, format)."""
    calls = []
    real = headroom._measure

    def counting(items, formats, *args):
        calls.extend((items[0].settings.voice, fmt) for fmt in formats)
        return real(items, formats, *args)
    monkeypatch.setattr(headroom, "_measure", counting)
    return calls


def render(tmp_path, out, **kw):
    script, source = script_from(SOURCE, TURNS)
    return render_script(script, casting_file(tmp_path), make_engine("tone"), out,
                         source_text=source, workers=1, **kw)


def test_each_voice_is_measured_once_per_format_and_bitrate(tmp_path, measured):
    first = render(tmp_path, tmp_path / "ep.mp3", extra_formats=("aac",))
    voices = {"tone/mid", "tone/high", "tone/quiet"}
    assert sorted(measured) == sorted((v, f) for v in voices for f in ("mp3", "aac"))
    stored = list((tmp_path / "cache" / "segments" / "headroom").glob("*.json"))
    assert len(stored) == 6
    doc = json.loads(stored[0].read_text())
    assert doc["overshoot_db"] >= 0 and 0 < doc["seconds"] <= headroom.SAMPLE_SECONDS
    # forced, or another episode in the same voices: nothing measured again
    render(tmp_path, tmp_path / "ep.mp3", extra_formats=("aac",), force=True)
    render(tmp_path, tmp_path / "other.mp3")
    assert len(measured) == 6
    # another bitrate is another measurement
    render(tmp_path, tmp_path / "ep80.mp3", bitrate="80k")
    assert len(measured) == 9
    loud = first.loudness
    over = loud["encoder_overshoot_db"]
    assert over.keys() == {"mp3", "aac"}
    # each voice leaves its own room: its overshoot plus the format's spare, the larger
    rooms = loud["voice_headroom_db"].values()
    assert all(r >= max(headroom.spare_db("mp3"), headroom.spare_db("aac")) - 0.005
               for r in rooms)
    assert loud["lossy_headroom_db"] == pytest.approx(max(rooms), abs=0.01)
    assert max(rooms) <= max(over["mp3"] + headroom.spare_db("mp3"),
                             over["aac"] + headroom.spare_db("aac")) + 0.01


def test_a_wav_only_episode_measures_nothing(tmp_path, measured):
    result = render(tmp_path, tmp_path / "ep.wav")
    assert measured == [] and result.loudness["lossy_headroom_db"] == 0.0


def test_the_clip_is_brought_to_the_target_as_an_episode_is(tmp_path):
    """A quiet voice is lifted (and limited) as level matching lifts it in an episode: its
    clip, as written for the encoder, measures at the target by ffmpeg's meter."""
    from drama.render.cache import SegmentCache
    from drama.render.episode import limiter_ceiling, load_stats, prepare_episode
    from drama.render.loudness import LOUDNESS_TARGETS, db_to_gain
    render(tmp_path, tmp_path / "ep.wav")
    script, source = script_from(SOURCE * 3, TURNS * 3)
    job = prepare_episode(script, casting_file(tmp_path), make_engine("tone"), tmp_path / "x.wav")
    cache = SegmentCache(tmp_path / "cache" / "segments")
    stats = load_stats(job, cache)
    target = LOUDNESS_TARGETS["podcast"]
    ceiling = limiter_ceiling(target, 0)
    quiet = [it for it in job.items if it.settings.voice == "tone/quiet"]
    clips = headroom.Clips(cache, stats, target, ceiling, 22050)
    gain = headroom._clip_gain(quiet, clips)
    assert gain > db_to_gain(10)  # the quiet tone is 10 dB under the others
    clip = tmp_path / "clip.wav"
    headroom._write_clip(clip, quiet, clips, gain)
    measured = ebur128(clip)
    assert measured["integrated"] == pytest.approx(-16.0, abs=0.5)
    assert measured["true_peak"] <= -1.0


@pytest.mark.slow
def test_real_voices_meet_the_ceiling_in_one_pass(tmp_path):
    """espeak's voices through MP3 and AAC at 64 kbit/s, measured by ffmpeg."""
    from drama.casting import load_casting
    (tmp_path / "voices.yaml").write_text(
        "narrator: {voice: gmw/en-gb-x-rp, rate: 165}\nspeakers:\n"
        "  Anna: {voice: gmw/en-us+f3, rate: 170, pitch: 60}\n"
        "  Boris: {voice: gmw/en-us+klatt, rate: 170, pitch: 40}\n", encoding="utf-8")
    words = ("river bridge lantern winter orchard signal harbour candle meadow thunder "
             "compass letter mirror garden silver morning").split()
    turns, source = [], []
    for i in range(24):
        text = f"Line {i}: the {' '.join(words[(i * 5) % 9:(i * 5) % 9 + 6])}."
        turns.append((["Narrator", "Anna", "Boris"][i % 3], text))
        source.append(text)
    script, text = script_from("\n\n".join(source), turns)
    result = render_script(script, load_casting(tmp_path / "voices.yaml"), make_engine("pyttsx3"),
                           tmp_path / "ep.mp3", source_text=text, extra_formats=("aac",),
                           check_peaks=False)
    for f in result.audio:
        measured = ebur128(f)
        assert measured["true_peak"] <= -1.0, (f, measured, json.dumps(result.loudness))
        assert measured["integrated"] == pytest.approx(-16.0, abs=1.0)
