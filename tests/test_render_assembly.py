"""The renderer with the tone engine: cache, resume counts, pauses, manifest, atomic outputs."""
from __future__ import annotations

import json

import pytest

from drama.engines import make_engine
from drama.errors import EngineError, RenderError
from drama.render import Pauses, render_script
from render_util import casting_file, read_samples, script_from

SOURCE = """Anna said nothing at first.

“We leave tonight,” said Anna. “Before the bridges close.”

“Tonight?” Boris asked.

* * *

Morning came. The train was late.



Nobody spoke again.
"""
TURNS = [("Narrator", "Anna said nothing at first."),
         ("Anna", "We leave tonight,"), ("Narrator", "said Anna."),
         ("Anna", "Before the bridges close."),
         ("Boris", "Tonight?"), ("Narrator", "Boris asked."),
         ("Narrator", "Morning came. The train was late."),
         ("Narrator", "Nobody spoke again.")]


@pytest.fixture
def episode(tmp_path):
    script, source = script_from(SOURCE, TURNS)
    return script, source, casting_file(tmp_path), make_engine("tone")


def render(episode, out, **kw):
    script, source, casting, engine = episode
    kw.setdefault("workers", 1)
    return render_script(script, casting, engine, out, source_text=source, **kw)


def test_second_render_reuses_every_segment(episode, tmp_path):
    first = render(episode, tmp_path / "ep.wav")
    assert (first.synthesized, first.reused) == (len(TURNS), 0)
    again = render(episode, tmp_path / "ep2.wav")  # another file: every segment is needed
    assert (again.synthesized, again.reused) == (0, len(TURNS))
    assert again.duration == pytest.approx(first.duration)
    kept = render(episode, tmp_path / "ep.wav")  # up to date: no segment is even loaded
    assert kept.up_to_date and (kept.synthesized, kept.reused) == (0, 0)


def test_changing_one_voice_resynthesizes_exactly_that_speakers_lines(episode, tmp_path):
    script, source, casting, engine = episode
    render(episode, tmp_path / "ep.wav")
    changed = casting_file(tmp_path, (tmp_path / "voices.yaml").read_text().replace(
        "Anna: {voice: tone/high, rate: 170, pitch: 60}", "Anna: {voice: tone/low, rate: 170}"))
    result = render((script, source, changed, engine), tmp_path / "ep.wav")
    anna = sum(1 for s, _ in TURNS if s == "Anna")
    assert (result.synthesized, result.reused) == (anna, len(TURNS) - anna)


def test_manifest_times_lines_and_pauses_by_context(episode, tmp_path):
    pauses = Pauses(same_speaker=0.2, speaker_change=0.4, paragraph=0.8, scene=2.0,
                    head=0.5, tail=1.5)
    result = render(episode, tmp_path / "ep.wav", pauses=pauses)
    doc = json.loads(open(result.manifest, encoding="utf-8").read())
    lines = doc["lines"]
    assert [ln["text"] for ln in lines] == [t for _, t in TURNS]
    assert lines[0]["start"] == pytest.approx(0.5, abs=0.001)
    gaps = [round(b["start"] - a["end"], 2) for a, b in zip(lines, lines[1:])]
    contexts = [ln["pause_before"] for ln in lines[1:]]
    assert contexts == ["paragraph", "speaker_change", "speaker_change", "paragraph",
                        "speaker_change", "scene", "scene"]
    expected = [pauses.seconds(c) for c in contexts]
    assert gaps == pytest.approx(expected, abs=0.001)
    assert doc["duration"] == pytest.approx(lines[-1]["end"] + 1.5, abs=0.001)
    samples, rate = read_samples(tmp_path / "ep.wav")
    assert len(samples) / rate == pytest.approx(doc["duration"], abs=0.001)
    # the audio really is silent in the pauses and sounding in the lines
    for ln in lines:
        seg = samples[int(ln["start"] * rate) + 10:int(ln["end"] * rate) - 10]
        assert abs(seg.astype(int)).max() > 1000
    for a, b in zip(lines, lines[1:]):
        assert not samples[int(a["end"] * rate) + 30:int(b["start"] * rate) - 30].any()
    # `* * *` and the run of blank lines start the second and third chapters
    assert [c["start"] for c in doc["chapters"]] == [0.0, lines[6]["start"], lines[7]["start"]]


def test_same_speaker_pause_within_a_paragraph(tmp_path):
    source = "“One. Two.” “Three.”"
    script, _ = script_from(source, [("Anna", "One. Two."), ("Anna", "Three.")])
    result = render_script(script, casting_file(tmp_path), make_engine("tone"),
                           tmp_path / "ep.wav", source_text=source, workers=1,
                           pauses=Pauses(same_speaker=0.33))
    lines = json.loads(open(result.manifest).read())["lines"]
    assert lines[1]["pause_before"] == "same_speaker"
    assert lines[1]["start"] - lines[0]["end"] == pytest.approx(0.33, abs=0.001)


def test_ornament_line_is_a_scene_break_not_speech(tmp_path):
    source = "Before.\n\n. . .\n\nAfter."
    script, _ = script_from(source, [("Narrator", "Before."), ("Narrator", ". . ."),
                                     ("Narrator", "After.")])
    result = render_script(script, casting_file(tmp_path), make_engine("tone"),
                           tmp_path / "ep.wav", source_text=source, workers=1,
                           pauses=Pauses(scene=1.7))
    lines = json.loads(open(result.manifest).read())["lines"]
    assert [ln["spoken"] for ln in lines] == [True, False, True]
    assert lines[2]["start"] - lines[0]["end"] == pytest.approx(1.7, abs=0.001)
    assert result.synthesized == 2


class FailingEngine:
    """The tone engine, failing on one text."""

    name, version = "tone", "tone-1"

    def __init__(self, fail_on):
        self.inner, self.fail_on = make_engine("tone"), fail_on

    def voices(self):
        return self.inner.voices()

    def synthesize(self, text, settings, path):
        if text == self.fail_on:
            raise EngineError("synthetic failure")
        self.inner.synthesize(text, settings, path)

    def close(self):
        pass


def test_failed_render_keeps_the_previous_episode_and_the_finished_segments(episode, tmp_path):
    script, source, casting, _ = episode
    out = tmp_path / "ep.wav"
    render(episode, out, extra_formats=("mp3",))
    good = {p: p.read_bytes() for p in (out, out.with_suffix(".mp3"),
                                          tmp_path / "ep.manifest.json")}
    script.lines[4].text = "Tonight, really?"
    script.lines[6].text = "Morning came at last."
    with pytest.raises(EngineError):
        render_script(script, casting, FailingEngine("Morning came at last."), out,
                      source_text=None, workers=1, extra_formats=("mp3",))
    assert {p: p.read_bytes() for p in good} == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    # the line that did synthesize is cached: the next run only does the one that failed
    result = render_script(script, casting, make_engine("tone"), out, workers=1)
    assert result.synthesized == 1


def test_spawn_pool_renders_the_same_episode(episode, tmp_path):
    script, source, casting, engine = episode
    same = script_from(SOURCE, TURNS)[0]
    serial = render(episode, tmp_path / "a.wav", cache_dir=tmp_path / "c1")
    pooled = render_script(same, casting, engine, tmp_path / "b.wav", source_text=source,
                           cache_dir=tmp_path / "c2", workers=2)
    assert pooled.synthesized == serial.synthesized
    a, _ = read_samples(tmp_path / "a.wav")
    b, _ = read_samples(tmp_path / "b.wav")
    assert (a == b).all()  # the tone engine is deterministic, so the pool must change nothing


def test_unknown_format_and_loudness_are_clear_errors(episode, tmp_path):
    with pytest.raises(RenderError, match="unknown audio format 'flac'"):
        render(episode, tmp_path / "ep.flac")
    with pytest.raises(RenderError, match="unknown loudness target 'loud'"):
        render(episode, tmp_path / "ep.wav", loudness="loud")
    with pytest.raises(RenderError, match="unknown pause 'scenes'"):
        Pauses.parse("scenes=3")
    assert Pauses.parse("scene=3, head=1").scene == 3.0


def test_uncast_speaker_is_named(episode, tmp_path):
    script, source, casting, engine = episode
    script.lines[4].speaker = "Vera"
    with pytest.raises(RenderError, match="'Vera'.*drama cast"):
        render_script(script, casting, engine, tmp_path / "ep.wav", workers=1)


def test_unchanged_episode_is_kept_and_any_change_writes_it_again(episode, tmp_path):
    script, source, casting, engine = episode
    out = tmp_path / "ep.wav"
    first = render(episode, out, extra_formats=("mp3",))
    assert not first.up_to_date
    ids = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out, out.with_suffix(".mp3"))}
    script.lines[0].speaker = "Someone"  # a new name, same voice as the narrator: same audio
    casting.speakers["Someone"] = casting.narrator
    again = render(episode, out, extra_formats=("mp3",))
    assert again.up_to_date and (again.synthesized, again.reused) == (0, len(TURNS))
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in ids} == ids
    manifest = json.loads((tmp_path / "ep.manifest.json").read_text())
    assert manifest["lines"][0]["speaker"] == "Someone"  # the manifest is always current
    assert manifest["loudness"]["limited_segments"] == first.loudness["limited_segments"]
    # what changes the audio renders again: pauses, formats, a file touched, or --force
    assert not render(episode, out, extra_formats=("mp3",), pauses=Pauses(head=1.5)).up_to_date
    assert not render(episode, out).up_to_date  # wav alone
    assert render(episode, out).up_to_date
    out.write_bytes(out.read_bytes()[:-2])
    assert not render(episode, out).up_to_date
    assert not render(episode, out, force=True).up_to_date
    assert render(episode, out).up_to_date


class PaddedEngine(FailingEngine):
    """The tone engine with the engine's own silence around each line, as espeak has."""

    name, version = "padded", "padded-1"

    def synthesize(self, text, settings, path):
        import wave

        import numpy as np
        self.inner.synthesize(text, settings, path)
        with wave.open(path, "rb") as r:
            rate, tone = r.getframerate(), r.readframes(r.getnframes())
        with wave.open(path, "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
            noise = (np.arange(rate // 2) % 7 - 3).astype("<i2").tobytes()  # |x| <= 3: silence
            w.writeframes(noise + tone + bytes(2 * rate // 3))


def test_the_engines_own_silence_is_not_part_of_a_line(episode, tmp_path):
    script, source, casting, engine = episode
    plain = render(episode, tmp_path / "plain.wav", cache_dir=tmp_path / "c1")
    padded = render((script, source, casting, PaddedEngine(None)), tmp_path / "padded.wav",
                    cache_dir=tmp_path / "c2")
    lines = [json.loads((tmp_path / f"{n}.manifest.json").read_text())["lines"]
             for n in ("plain", "padded")]
    for a, b in zip(*lines):
        # the speech alone, with 10 ms kept at each edge
        assert b["end"] - b["start"] == pytest.approx(a["end"] - a["start"] + 0.02, abs=0.002)
    assert padded.duration == pytest.approx(plain.duration + 0.02 * len(TURNS), abs=0.01)
    x, _ = read_samples(tmp_path / "padded.wav")
    y, _ = read_samples(tmp_path / "plain.wav")
    assert len(x) - len(y) == pytest.approx(0.02 * 22050 * len(TURNS), abs=20)


def test_a_new_render_version_renders_again(episode, tmp_path, monkeypatch):
    import drama.render.episode as render_module
    out = tmp_path / "ep.wav"
    render(episode, out)
    assert render(episode, out).up_to_date
    monkeypatch.setattr(render_module, "RENDER_VERSION", render_module.RENDER_VERSION + 1)
    assert not render(episode, out).up_to_date


def test_an_unreadable_cache_entry_is_removed_and_synthesized_again(episode, tmp_path):
    cache = tmp_path / "cache"
    render(episode, tmp_path / "ep.wav", cache_dir=cache)
    segs = sorted(cache.glob("*/*.seg"))
    segs[0].write_bytes(b"{not json\n")  # a summary the next run cannot read
    # (an up-to-date episode needs no segment: --force makes the render read them)
    again = render(episode, tmp_path / "ep.wav", cache_dir=cache, force=True)
    assert again.synthesized == 1
    wavs = sorted(cache.glob("*/*.wav"))[:3]
    for wav in wavs:
        wav.write_bytes(wav.read_bytes()[:100])  # WAVs shorter than their summaries say
    # every damaged entry is found before assembly and made again in the same run
    assert render(episode, tmp_path / "ep.wav", cache_dir=cache, force=True).synthesized == 3
    assert render(episode, tmp_path / "ep.wav", cache_dir=cache).synthesized == 0


class SilentEngine(FailingEngine):
    """Writes a WAV with no frames at all, or only silence."""

    def synthesize(self, text, settings, path):
        import wave
        with wave.open(path, "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050)
            w.writeframes(bytes(0 if "at first" in text else 2000))


def test_an_engine_that_says_nothing_is_a_clear_error(episode, tmp_path):
    script, source, casting, _ = episode
    for n in (1, 2):  # an empty WAV, then one of silence
        with pytest.raises(EngineError, match="produced only silence"):
            render_script(script, casting, SilentEngine(None), tmp_path / "ep.wav",
                          source_text=source, workers=1, cache_dir=tmp_path / f"c{n}")
        script.lines[0].text += "..."  # another segment, the source's words still
    assert not (tmp_path / "ep.wav").exists()


def test_a_synthesis_worker_leaves_ctrl_c_to_the_render():
    # a worker interrupted while handing back a result can leave the pool's queue locked
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from drama.engines import worker
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=worker.start, initargs=("tone",)) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN


def test_a_spawned_process_is_born_deaf_to_ctrl_c():
    # a Ctrl-C while the workers were still starting Python and importing drama (before
    # their initializer) printed a KeyboardInterrupt traceback per worker (newcomer40); the
    # parent's own handlers and signal mask are back once they are started
    import os
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from drama.engines import worker
    before = {sig: signal.getsignal(sig) for sig in worker.STOP_SIGNALS}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with ProcessPoolExecutor(1, mp_context=worker.spawn_context()) as pool:  # no initializer
        # each as the whole process group gets it, before any initializer could ignore it
        heard = [pool.submit(signal.raise_signal, sig).exception(timeout=60)
                 for sig in worker.STOP_SIGNALS]
        assert heard == [None, None]
        assert pool.submit(os.getpid).result(timeout=60) != os.getpid()  # still there
    assert {sig: signal.getsignal(sig) for sig in worker.STOP_SIGNALS} == before
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask


def test_a_stop_signal_while_a_process_is_launched_is_not_lost(monkeypatch):
    # review40: the parent ignored Ctrl-C and SIGTERM for the launch (the fork and exec):
    # one that came then was lost, the render went on (a service manager's one SIGTERM).
    # Held back instead, it is the parent's once the process is launched.
    import signal
    from multiprocessing import popen_spawn_posix

    from drama.engines import worker
    launch = popen_spawn_posix.Popen._launch

    def stopped_meanwhile(self, process_obj):
        signal.raise_signal(signal.SIGTERM)  # as if it came during the fork and exec
        launch(self, process_obj)

    monkeypatch.setattr(popen_spawn_posix.Popen, "_launch", stopped_meanwhile)
    got = []
    before = signal.signal(signal.SIGTERM, lambda sig, frame: got.append(sig))
    try:
        child = worker.spawn_context().Process(target=int)
        child.start()
        child.join(60)
        sum(range(1000))  # a few bytecodes: the Python handler runs between them
    finally:
        signal.signal(signal.SIGTERM, before)
    assert got == [signal.SIGTERM]
    assert child.exitcode == 0


STOPPED_AT_ONCE = """
import os, signal
from concurrent.futures import ProcessPoolExecutor
from drama.engines import worker
if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=worker.spawn_context(),
                               initializer=worker.start, initargs=("tone",))
    pool.submit(signal.getsignal, signal.SIGINT).result()
    os._exit(130)  # as a second Ctrl-C ends drama (cli.common._stop_at_once)
"""


def test_drama_stopped_at_once_leaves_no_warning_of_the_resource_tracker(tmp_path):
    # newcomer40: after "drama: interrupted again; stopped at once", the resource tracker
    # (which removes the pool's semaphores then) printed a two-line UserWarning
    import subprocess
    import sys
    main = tmp_path / "main.py"
    main.write_text(STOPPED_AT_ONCE)
    ran = subprocess.run([sys.executable, str(main)], capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 130
    assert ran.stderr == ""


def test_an_unwrapped_text_has_a_paragraph_pause_at_each_line(tmp_path):
    """A text that puts each paragraph on one long line, none blank between (an unwrapped
    e-text), is read by extraction as a paragraph a line, but its episode had no paragraph
    pause at all: the renderer counted only blank lines (walk31). Its paragraphs are now
    extraction's; a hard-wrapped line break inside a paragraph is still none."""
    tail = " The lamp burned low while they waited for the morning to come at last." * 3
    paragraphs = [f"“Line {n} of the talk, long enough to read as a real paragraph,” said "
                  f"{'Anna' if n % 2 else 'Boris'}.{tail}" for n in range(6)]
    source = "\n".join(paragraphs) + "\n"
    turns = []
    for n in range(6):
        turns += [("Anna" if n % 2 else "Boris",
                   f"Line {n} of the talk, long enough to read as a real paragraph,"),
                  ("Narrator", f"said {'Anna' if n % 2 else 'Boris'}.{tail}".strip())]
    script, _ = script_from(source, turns)
    result = render_script(script, casting_file(tmp_path), make_engine("tone"),
                           tmp_path / "ep.wav", source_text=source, workers=1)
    contexts = [ln["pause_before"] for ln in json.loads(open(result.manifest).read())["lines"]]
    assert contexts[1:] == ["speaker_change", "paragraph"] * 5 + ["speaker_change"]
    wrapped = "“One, two,” said Anna, and she went on\n“three, four.”\n"
    script, _ = script_from(wrapped, [("Anna", "One, two,"), ("Narrator",
                                      "said Anna, and she went on"), ("Anna", "three, four.")])
    result = render_script(script, casting_file(tmp_path), make_engine("tone"),
                           tmp_path / "wrapped.wav", source_text=wrapped, workers=1)
    contexts = [ln["pause_before"] for ln in json.loads(open(result.manifest).read())["lines"]]
    assert contexts[1:] == ["speaker_change", "speaker_change"]
