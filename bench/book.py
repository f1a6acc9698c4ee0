"""Whole-book benchmark: a novel to every chapter as MP3 plus the M4B, against the work itself.

    .venv/bin/python bench/book.py [--novel PrideAndPrejudice] [--skip-raw]

In one run, on the same machine:

- raw:   the book's spoken lines (as extracted, in the voices drama cast) synthesized by
         libespeak-ng called directly (bench/espeak_raw.py), spread over 2 processes; then the
         same length of audio encoded once per output format (MP3 and AAC, 64 kbit/s) by the
         bundled ffmpeg, each format in two halves on the 2 cores. raw = synthesis + encoding.
- build: `drama build BOOK -o OUT` (every chapter an MP3, the .m4b), fresh segment cache, in
         its own process: wall time, when the first episode was written, peak RSS (VmHWM of
         the drama process itself; the speaking workers are separate processes).
- first: the same build of a text holding only the book's first chapter: its peak RSS.

The books are the PDNC dev novels' Gutenberg texts in ../shared/data/pdnc-dev.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDNC = ROOT.parent / "shared" / "data" / "pdnc-dev"
DRAMA = [sys.executable, "-m", "drama"]


def _raw_worker(jobs: list[tuple[str, str, int, int, float]], sample_path: str | None) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from espeak_raw import RawEspeak
    engine = RawEspeak()
    t0 = time.perf_counter()
    samples, kept = 0, []
    for text, voice, rate, pitch, volume in jobs:
        data = engine.speak(text, voice, rate, pitch, volume)
        samples += len(data) // 2
        if sample_path and sum(map(len, kept)) < engine.rate * 2 * 60:
            kept.append(data)
    wall = time.perf_counter() - t0
    if sample_path:
        import wave
        with wave.open(sample_path, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(engine.rate)
            w.writeframes(b"".join(kept))
    return {"wall": wall, "samples": samples, "rate": engine.rate}


def raw_synthesis(book: Path, casting: Path, sample: Path) -> dict:
    from drama.casting import load_casting
    from drama.extract import extract_file
    script = extract_file(book)
    cast = load_casting(casting)
    jobs = []
    for ln in script.lines:
        if ln.spoken and any(c.isalnum() for c in ln.text):
            s = cast.entry_for(ln.speaker).settings()
            jobs.append((ln.text, s.voice, s.rate, s.pitch, s.volume))
    halves = [jobs[0::2], jobs[1::2]]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_raw_worker, halves, [str(sample), None]))
    wall = time.perf_counter() - t0
    rate = results[0]["rate"]
    return {"wall": wall, "audio": sum(r["samples"] for r in results) / rate,
            "segments": len(jobs)}


def raw_encoding(sample: Path, seconds: float) -> dict:
    from drama.render.encode import ffmpeg_path
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, codec, muxer in (("mp3", "libmp3lame", "mp3"), ("aac", "aac", "adts")):
            t0 = time.perf_counter()
            procs = [subprocess.Popen(
                [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-y", "-stream_loop", "-1",
                 "-i", str(sample), "-t", f"{seconds / 2:.3f}", "-c:a", codec, "-b:a", "64k",
                 "-f", muxer, str(Path(tmp) / f"half{i}.{fmt}")]) for i in range(2)]
            for p in procs:
                p.wait()
            out[fmt] = time.perf_counter() - t0
    return out


def run_build(book: Path, out: Path, cache: Path, casting: Path) -> dict:
    env = dict(os.environ, DRAMA_CACHE=str(cache))
    t0 = time.perf_counter()
    proc = subprocess.Popen([*DRAMA, "build", str(book), "-o", str(out), "-c", str(casting)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    first = None
    hwm = 0

    def poll_rss() -> None:
        nonlocal hwm
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    err_lines = []
    while True:
        poll_rss()
        if sel.select(timeout=0.5):
            line = proc.stderr.readline()
            if not line:
                break
            err_lines.append(line)
            if first is None and " wrote 001-" in line:
                first = time.perf_counter() - t0
    stdout = proc.stdout.read()
    proc.wait()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit("build failed:\n" + "".join(err_lines[-20:]))
    return {"wall": wall, "first_episode": first, "peak_rss_mb": hwm / 1024,
            "summary": stdout.strip()}


def first_chapter(text: str) -> str:
    from drama.extract.structure import find_structure
    heads = [s for s in find_structure(text).headings() if s.level == "chapter"]
    return text[:heads[1].start] if len(heads) > 1 else text


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--novel", default="PrideAndPrejudice")
    ap.add_argument("--skip-raw", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from drama.scriptfile import read_text
    text = read_text(PDNC / args.novel / "novel_text.txt")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = tmp / f"{args.novel.lower()}.txt"
        book.write_text(text, encoding="utf-8")
        chapter = tmp / "first" / f"{args.novel.lower()}-chapter-1.txt"
        chapter.parent.mkdir()
        chapter.write_text(first_chapter(text), encoding="utf-8")
        casting = tmp / "voices.yaml"
        # cast first (untimed), so the raw run speaks in the voices the build uses
        subprocess.run([*DRAMA, "cast", str(book), "-c", str(casting)], check=True,
                       capture_output=True, cwd=ROOT)
        report: dict = {"novel": args.novel, "chars": len(text)}
        if not args.skip_raw:
            sample = tmp / "sample.wav"
            raw = raw_synthesis(book, casting, sample)
            enc = raw_encoding(sample, raw["audio"])
            report["raw"] = {**raw, "encode": enc,
                             "total": raw["wall"] + sum(enc.values())}
            print(json.dumps(report["raw"]), flush=True)
        first = run_build(chapter, tmp / "out-first", tmp / "cache-first", casting)
        report["first_chapter"] = first
        print(json.dumps(first), flush=True)
        built = run_build(book, tmp / "out", tmp / "cache", casting)
        report["build"] = built
        folder = next((tmp / "out").iterdir())
        index = json.loads((folder / "book.json").read_text())
        report["episodes"] = len(index["episodes"])
        report["audio_hours"] = index["duration"] / 3600
        report["wav_files"] = len(list(folder.glob("*.wav")))
        report["out_mb"] = folder_size(folder) / 1e6
        report["cache_mb"] = folder_size(tmp / "cache") / 1e6
    print(json.dumps(report, indent=1))
    b = report["build"]
    print(f"\n{args.novel}: {report['episodes']} episodes, {report['audio_hours']:.2f} h of audio")
    if "raw" in report:
        r = report["raw"]
        print(f"raw: synthesis {r['wall']:.1f} s (2 processes) + encoding mp3 "
              f"{r['encode']['mp3']:.1f} s + aac {r['encode']['aac']:.1f} s = {r['total']:.1f} s")
        print(f"build: {b['wall']:.1f} s = {b['wall'] / r['total']:.2f}x raw (target <= 1.5x)")
    print(f"first episode written at {b['first_episode']:.1f} s = "
          f"{100 * b['first_episode'] / b['wall']:.1f}% of the build (target <= 10%)")
    print(f"peak RSS: whole book {b['peak_rss_mb']:.1f} MB, first chapter "
          f"{report['first_chapter']['peak_rss_mb']:.1f} MB = "
          f"{b['peak_rss_mb'] / report['first_chapter']['peak_rss_mb']:.2f}x (target <= 1.2x)")
    print(f"disk: {report['wav_files']} WAV files kept; book folder {report['out_mb']:.0f} MB, "
          f"segment cache {report['cache_mb']:.0f} MB")


if __name__ == "__main__":
    main()
