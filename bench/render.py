"""Renderer benchmark on seed 000: throughput cold and warm against the physical limit.

    .venv/bin/python bench/render.py                 # the figures in bench/README.md
    .venv/bin/python bench/render.py --workers 1,2,4 # also a cold render per worker count
    .venv/bin/python bench/render.py --breakdown     # also CPU per stage of a cold segment

Every measurement runs in its own fresh process (espeak-ng initializes once per process, and
peak RSS must be the render's own):

- raw:   the same lines, same voices, synthesized by libespeak-ng directly through ctypes in
         synchronous mode, one process, samples kept in memory (bench/espeak_raw.py);
- cold:  render_script into an empty cache: synthesis, assembly, loudness, WAV;
- warm:  the same render again, nothing changed (the episode is up to date and kept);
- forced: the same again with force=True: every segment from the cache, the episode
         assembled, leveled and written again (what a re-render after a one-line edit costs,
         less that line's synthesis);
- voice: one speaker's voice changed, then rendered: how many segments were synthesized;
- rss:   peak RSS of a warm render of seed 000 and of a text 20 times its length.

Throughput is seconds of audio per wall second. The machine is shared, so every ratio is
taken within one run: raw, cold, warm and forced are measured in --rounds rounds (raw before
and after each), and both the best of each and every round's cold/raw ratio are printed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_15503dc1c8fd3743.txt"


def load(repeat: int = 1):
    """Seed 000's script (its text repeated `repeat` times) and its source text."""
    from drama.extract import extract_script
    from drama.model import Line, Script
    from drama.scriptfile import read_text
    text = read_text(SEED)
    script = extract_script(text, source=str(SEED))
    if repeat == 1:
        return script, text
    lines = []
    for r in range(repeat):
        off = r * (len(text) + 2)
        lines += [Line(ln.speaker, ln.kind, ln.text, ln.start + off, ln.end + off)
                  for ln in script.lines]
    return Script(title=script.title, lines=lines), "\n\n".join([text] * repeat)


def child_raw(casting_path: str) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from espeak_raw import RawEspeak
    from drama.casting import load_casting
    script, _ = load(1)
    casting = load_casting(casting_path)
    engine = RawEspeak()
    jobs = []
    for ln in script.lines:
        if any(c.isalnum() for c in ln.text):
            s = casting.entry_for(ln.speaker).settings()
            jobs.append((ln.text, s))
    t0 = time.perf_counter()
    samples = 0
    for text, s in jobs:
        samples += len(engine.speak(text, s.voice, s.rate, s.pitch, s.volume)) // 2
    wall = time.perf_counter() - t0
    return {"wall": wall, "audio": samples / engine.rate, "segments": len(jobs)}


def child_render(casting_path: str, cache: str, out: str, workers: int | None,
                 repeat: int, force: bool = False) -> dict:
    from drama.casting import load_casting
    from drama.engines import make_engine
    from drama.render import render_script
    script, text = load(repeat)
    casting = load_casting(casting_path)
    engine = make_engine("pyttsx3")
    t0 = time.perf_counter()
    result = render_script(script, casting, engine, out, cache_dir=cache, source_text=text,
                           workers=workers, force=force)
    wall = time.perf_counter() - t0
    engine.close()
    return {"wall": wall, "audio": result.duration, "synthesized": result.synthesized,
            "reused": result.reused, "lufs": result.loudness.get("predicted_integrated_lufs"),
            "up_to_date": result.up_to_date,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child_breakdown(casting_path: str) -> dict:
    """CPU seconds per stage of a cold segment, in one process: where cold time goes."""
    import tempfile as tf
    from drama.casting import load_casting
    from drama.engines import make_engine
    from drama.render.loudness import analyze, summarize
    from drama.render.synth import read_wav, speech_span
    script, _ = load(1)
    casting = load_casting(casting_path)
    engine = make_engine("pyttsx3")
    path = os.path.join(tf.mkdtemp(), "seg.wav")
    cpu = {"pyttsx3 synthesis (cpu)": 0.0, "pyttsx3 synthesis (wall)": 0.0,
           "read+trim": 0.0, "analyze": 0.0, "summarize": 0.0}
    for ln in script.lines:
        if not any(c.isalnum() for c in ln.text):
            continue
        t, c = time.perf_counter(), time.process_time()
        engine.synthesize(ln.text, casting.entry_for(ln.speaker).settings(), path)
        cpu["pyttsx3 synthesis (cpu)"] += time.process_time() - c
        cpu["pyttsx3 synthesis (wall)"] += time.perf_counter() - t
        c = time.process_time()
        x, rate = read_wav(path)
        start, stop = speech_span(x, rate)
        x = x[start:stop]
        cpu["read+trim"] += time.process_time() - c
        c = time.process_time()
        stats = analyze(x, rate)
        cpu["analyze"] += time.process_time() - c
        c = time.process_time()
        summarize(stats)
        cpu["summarize"] += time.process_time() - c
    return cpu


def run_child(*args) -> dict:
    # each run writes ~100 MB: flush it first, so its writeback is not timed in the next run
    os.sync()
    proc = subprocess.run([sys.executable, __file__, "--child", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"child {args[0]} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _round_ratios(raws: list[dict], colds: list[dict]) -> list[float]:
    """Each round's cold time over the faster of the raw runs just before and after it."""
    return [c["wall"] / min(raws[i]["wall"], raws[i + 1]["wall"]) for i, c in enumerate(colds)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", default="", help="comma-separated worker counts to sweep")
    ap.add_argument("--breakdown", action="store_true",
                    help="also time each stage of a cold segment in one process")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of raw, cold, warm and forced renders (default 3)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "raw":
            out = child_raw(rest[0])
        elif kind == "breakdown":
            out = child_breakdown(rest[0])
        else:
            w = None if rest[3] == "default" else int(rest[3])
            out = child_render(rest[0], rest[1], rest[2], w, int(rest[4]),
                               force=len(rest) > 5 and rest[5] == "force")
        print(json.dumps(out))
        return

    from drama.casting import cast_speakers, load_casting
    from drama.render.synth import DEFAULT_WORKERS
    work = Path(tempfile.mkdtemp(prefix="drama-bench-"))
    casting = work / "voices.yaml"
    script, _ = load(1)
    probe = subprocess.run([sys.executable, "-c", "from drama.engines import make_engine;"
                            "import json;print(json.dumps([v.__dict__ for v in "
                            "make_engine('pyttsx3').voices()]))"],
                           capture_output=True, text=True, cwd=ROOT)
    from drama.engines import Voice
    voices = [Voice(**v) for v in json.loads(probe.stdout)]
    cast_speakers(casting, script.speakers, voices)
    print(f"seed 000: {len(script.lines)} lines, {len(script.speakers)} speakers; "
          f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores")

    raws = [run_child("raw", casting)]
    print(f"raw espeak-ng (ctypes, synchronous, 1 process): {raws[0]['wall']:.2f} s for "
          f"{raws[0]['audio']:.1f} s of audio = {raws[0]['audio'] / raws[0]['wall']:.1f} s/s")

    if args.breakdown:
        parts = run_child("breakdown", casting)
        print("cold segment stages, one process, all lines: " +
              ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))

    sweep = [int(w) for w in args.workers.split(",") if w]
    for w in sweep:
        r = run_child("render", casting, work / f"cache-w{w}", work / f"w{w}.wav", w, 1)
        print(f"cold render, {w} process(es) speaking: {r['wall']:.2f} s = "
              f"{r['audio'] / r['wall']:.1f} s/s = {r['wall'] / raws[0]['wall']:.2f}x raw")

    # rounds of raw, cold, warm, forced, each cold into a fresh cache: the machine is
    # shared, so each figure is also given as the best of the rounds
    colds, warms, forceds = [], [], []
    for r in range(args.rounds):
        cache = work / f"cache{r}"
        colds.append(run_child("render", casting, cache, work / "ep.wav", "default", 1))
        warms.append(run_child("render", casting, cache, work / "ep.wav", "default", 1))
        forceds.append(run_child("render", casting, cache, work / "ep.wav", "default", 1,
                                 "force"))
        raws.append(run_child("raw", casting))
        raw_r = min(raws[-2]["wall"], raws[-1]["wall"])
        print(f"round {r + 1}: raw {raw_r:.2f} s, cold {colds[-1]['wall']:.2f} s "
              f"({colds[-1]['wall'] / raw_r:.2f}x raw), warm {warms[-1]['wall']:.3f} s, "
              f"forced warm {forceds[-1]['wall']:.2f} s")
    best = lambda runs: min(runs, key=lambda x: x["wall"])  # noqa: E731
    raw, cold, warm, forced = (best(x)["wall"] for x in (raws, colds, warms, forceds))
    c = best(colds)
    print(f"cold render ({DEFAULT_WORKERS['pyttsx3']} processes speaking, default): {cold:.2f} s for "
          f"{c['audio']:.1f} s of audio = {c['audio'] / cold:.1f} s/s; "
          f"synthesized {c['synthesized']}, reused {c['reused']}; predicted {c['lufs']} LUFS")
    w = best(warms)
    print(f"warm render, nothing changed: {warm:.3f} s; synthesized {w['synthesized']}, "
          f"reused {w['reused']}; "
          f"{'kept as up to date' if w['up_to_date'] else 'written again'}")
    print(f"warm render, forced (assembled, leveled and written again): {forced:.2f} s = "
          f"{c['audio'] / forced:.1f} s/s; synthesized {best(forceds)['synthesized']}")
    print(f"raw espeak-ng: best {raw:.2f} s, worst {max(x['wall'] for x in raws):.2f} s "
          f"over {len(raws)} runs")
    print(f"RATIO cold / raw = {cold / raw:.2f} best of {args.rounds} (target <= 1.5); per "
          f"round: {', '.join(f'{x:.2f}' for x in _round_ratios(raws, colds))}")
    print(f"RATIO warm / cold = {warm / cold:.1%} (target <= 10%)")
    print(f"RATIO forced warm / cold = {forced / cold:.1%}")

    # one speaker's voice changed: exactly that speaker's lines are synthesized again
    from collections import Counter
    counts = Counter(ln.speaker for ln in script.lines
                     if ln.speaker != "Narrator" and any(c.isalnum() for c in ln.text))
    speaker = counts.most_common(1)[0][0]
    entry = load_casting(casting).entry_for(speaker)
    expected = len({ln.text for ln in script.lines if ln.speaker == speaker
                    and any(c.isalnum() for c in ln.text)})
    text = casting.read_text(encoding="utf-8")
    changed = work / "voices-changed.yaml"
    new_pitch = 20 if entry.pitch != 20 else 80
    lines = []
    for line in text.splitlines():
        if line.strip().startswith(f"{speaker}:") or line.strip().startswith(f"'{speaker}':") \
                or line.strip().startswith(f'"{speaker}":'):
            line = line.replace(f"pitch: {entry.pitch}", f"pitch: {new_pitch}")
        lines.append(line)
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_casting(changed).entry_for(speaker).pitch == new_pitch, "casting edit failed"
    voice = run_child("render", changed, cache, work / "ep.wav", "default", 1)
    print(f"voice change for {speaker!r} ({expected} distinct lines): synthesized "
          f"{voice['synthesized']}, reused {voice['reused']} -> "
          f"{'EXACT' if voice['synthesized'] == expected else 'MISMATCH'}")

    one = run_child("render", casting, cache, work / "rss1.wav", "default", 1, "force")
    twenty = run_child("render", casting, cache, work / "rss20.wav", "default", 20, "force")
    print(f"peak RSS, warm render: seed 000 ({one['audio']:.0f} s of audio) "
          f"{one['maxrss_mb']:.1f} MB; 20x text ({twenty['audio']:.0f} s of audio, "
          f"{twenty['wall']:.1f} s) {twenty['maxrss_mb']:.1f} MB; "
          f"difference {abs(twenty['maxrss_mb'] - one['maxrss_mb']) / one['maxrss_mb']:.1%} "
          f"(target < 20%)")
    print(f"peak RSS, cold render: main process {c['maxrss_mb']:.1f} MB, largest worker "
          f"{c['children_maxrss_mb']:.1f} MB")
    print(f"load average at the end {os.getloadavg()[0]:.2f}; work files in {work}")


if __name__ == "__main__":
    main()
