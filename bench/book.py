"""Whole-book benchmark: a novel to every chapter as MP3 plus the M4B, against the work itself.

    .venv/bin/python bench/book.py [--novel PrideAndPrejudice] [--rounds 1] [--skip-raw]
                                   [--no-peaks]

In one run, on the same machine:

- raw:   the book's spoken lines (as extracted, in the voices drama cast) synthesized by
         libespeak-ng called directly (bench/espeak_raw.py), spread over 2 processes; then the
         same length of audio encoded once per output format (MP3 and AAC, with drama's own
         encoder settings) by the bundled ffmpeg, each format in two halves on the 2 cores.
         raw = synthesis + encoding, wall time (CPU time beside it).
- build: `drama build BOOK -o OUT -e chapter` (every chapter an MP3, the .m4b), fresh
         segment cache, in its own process: wall and CPU time (its own and its children's:
         speaking workers, encoders), when each stage ended (DRAMA_LOG=info), when the first
         episode was written, and memory: the drama process's peak RSS (VmHWM), and the
         peak of the RSS summed over it and its children (sampled every 0.2 s).
- first: the same build of a text holding only the book's first chapter: its memory.
- rounds: raw and build alternate --rounds times (the machine is shared: its load moves
         either by more than the difference being measured); every round's ratios are
         printed, and the round with the median ratio stands for the run.
- peaks: after the build (not timed), every episode's MP3 and AAC and the .m4b measured by
         ffmpeg's ebur128 filter (integrated loudness, true peak).

The books are the PDNC dev novels' Gutenberg texts in ../shared/data/pdnc-dev.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDNC = ROOT.parent / "shared" / "data" / "pdnc-dev"
DRAMA = [sys.executable, "-m", "drama"]
STAGES = {"episode scripts": "scripts", ": cast": "cast", "synthesis:": "synthesis",
          "audiobook written": "audiobook"}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


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
    cpu0, t0 = _children_cpu(), time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_raw_worker, halves, [str(sample), None]))
    wall = time.perf_counter() - t0
    rate = results[0]["rate"]
    return {"wall": wall, "cpu": _children_cpu() - cpu0,
            "audio": sum(r["samples"] for r in results) / rate, "segments": len(jobs)}


def raw_encoding(sample: Path, seconds: float) -> dict:
    """The same length of audio encoded once per format, each in two halves at once."""
    from drama.render.encode import CODECS, ffmpeg_path
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("mp3", "aac"):
            codec = CODECS[fmt]
            cpu0, t0 = _children_cpu(), time.perf_counter()
            procs = [subprocess.Popen(
                [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-y", "-stream_loop", "-1",
                 "-i", str(sample), "-t", f"{seconds / 2:.3f}", *codec.args(),
                 "-f", codec.muxer, str(Path(tmp) / f"half{i}.{fmt}")]) for i in range(2)]
            for p in procs:
                p.wait()
            out[fmt] = {"wall": time.perf_counter() - t0, "cpu": _children_cpu() - cpu0}
    return out


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """(VmHWM of pid, RSS of pid and all its descendants), in kB."""
    hwm, total = 0, 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                    elif line.startswith("VmHWM:") and p == pid:
                        hwm = int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return hwm, total


def run_raw(book: Path, casting: Path, sample: Path) -> dict:
    raw = raw_synthesis(book, casting, sample)
    enc = raw_encoding(sample, raw["audio"])
    return {**raw, "encode": enc, "total": raw["wall"] + sum(e["wall"] for e in enc.values()),
            "total_cpu": raw["cpu"] + sum(e["cpu"] for e in enc.values())}


def run_build(book: Path, out: Path, cache: Path, casting: Path) -> dict:
    env = dict(os.environ, DRAMA_CACHE=str(cache), DRAMA_LOG="info")
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.Popen([*DRAMA, "build", str(book), "-o", str(out), "-c", str(casting),
                             "--engine", "pyttsx3", "-e", "chapter"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    stages: dict[str, float] = {}
    written: list[float] = []
    hwm = tree = 0
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    err_lines = []
    while True:
        h, t = _tree_rss_kb(proc.pid)
        hwm, tree = max(hwm, h), max(tree, t)
        if sel.select(timeout=0.2):
            line = proc.stderr.readline()
            if not line:
                break
            err_lines.append(line)
            now = time.perf_counter() - t0
            if re.search(r" wrote \d{3}-", line):
                written.append(now)
                if " wrote 001-" in line:
                    stages["first episode"] = now
            for marker, name in STAGES.items():
                if marker in line and name not in stages:
                    stages[name] = now
    stdout = proc.stdout.read()
    proc.wait()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit("build failed:\n" + "".join(err_lines[-20:]))
    if written:
        stages["last episode"] = written[-1]
    return {"wall": wall, "cpu": _children_cpu() - cpu0, "stages": stages,
            "peak_rss_mb": hwm / 1024, "peak_tree_rss_mb": tree / 1024,
            "summary": stdout.strip()}


def first_chapter(text: str) -> str:
    from drama.extract.structure import find_structure
    heads = [s for s in find_structure(text).headings() if s.level == "chapter"]
    return text[:heads[1].start] if len(heads) > 1 else text


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _ebur128(path: Path) -> tuple[str, float, float]:
    from drama.render.encode import ffmpeg_path
    proc = subprocess.run([ffmpeg_path(), "-nostats", "-hide_banner", "-i", str(path), "-af",
                           "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
                          capture_output=True, text=True)
    summary = proc.stderr[proc.stderr.rfind("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return path.name, integrated, peak


def check_peaks(folder: Path) -> dict:
    files = sorted(folder.glob("*.mp3")) + sorted(folder.glob("*.aac")) + \
        sorted(folder.glob("*.m4b"))
    with ProcessPoolExecutor(2) as pool:
        measured = list(pool.map(_ebur128, files))
    mp3 = [m for m in measured if m[0].endswith(".mp3")]
    m4b = [m for m in measured if m[0].endswith(".m4b")]
    aac = [m for m in measured if m[0].endswith(".aac")]
    return {"mp3_over": [n for n, _, p in mp3 if p > -1.0],
            "mp3_peak_max": max(p for _, _, p in mp3),
            "mp3_lufs": [min(i for _, i, _ in mp3), max(i for _, i, _ in mp3)],
            "aac_over": [n for n, _, p in aac if p > -1.0],
            "aac_peak_max": max(p for _, _, p in aac),
            "m4b": m4b}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--novel", default="PrideAndPrejudice")
    ap.add_argument("--rounds", type=int, default=1, help="raw and build, alternating")
    ap.add_argument("--skip-raw", action="store_true")
    ap.add_argument("--no-peaks", action="store_true", help="skip measuring the outputs")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from drama.scriptfile import read_text
    text = read_text(PDNC / args.novel / "novel_text.txt")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = tmp / f"{args.novel.lower()}.txt"
        book.write_text(text, encoding="utf-8")
        chapter = tmp / "first" / f"{args.novel.lower()}-chapter-1.txt"
        chapter.parent.mkdir()
        chapter.write_text(first_chapter(text), encoding="utf-8")
        casting = tmp / "voices.yaml"
        # cast first (untimed), so the raw run speaks in the voices the build uses: espeak-ng
        # voices only (no Piper), the engine the raw synthesis calls directly
        subprocess.run([*DRAMA, "cast", str(book), "-c", str(casting), "--engine", "pyttsx3"],
                       check=True, capture_output=True, cwd=ROOT)
        report: dict = {"novel": args.novel, "chars": len(text), "load_before": load,
                        "rounds": []}
        first = run_build(chapter, tmp / "out-first", tmp / "cache-first", casting)
        report["first_chapter"] = first
        print(json.dumps(first), flush=True)
        for n in range(args.rounds):
            done = {"load": os.getloadavg()}
            if not args.skip_raw:
                done["raw"] = run_raw(book, casting, tmp / "sample.wav")
                print(json.dumps(done["raw"]), flush=True)
            out = tmp / f"out{n}"
            done["build"] = run_build(book, out, tmp / f"cache{n}", casting)
            done["build"]["cache_mb"] = folder_size(tmp / f"cache{n}") / 1e6
            print(json.dumps(done["build"]), flush=True)
            report["rounds"].append(done)
            if n + 1 < args.rounds:
                shutil.rmtree(tmp / f"cache{n}")
        # the round whose wall-time ratio is the median stands for the run
        ratios = sorted(range(args.rounds), key=lambda n: report["rounds"][n]["build"]["wall"]
                        / report["rounds"][n].get("raw", {}).get("total", 1.0))
        best = ratios[len(ratios) // 2]
        report["build"] = report["rounds"][best]["build"]
        if "raw" in report["rounds"][best]:
            report["raw"] = report["rounds"][best]["raw"]
        report["load_after"] = os.getloadavg()
        folder = next((tmp / f"out{best}").iterdir())
        index = json.loads((folder / "book.json").read_text())
        report["episodes"] = len(index["episodes"])
        report["audio_hours"] = index["duration"] / 3600
        report["wav_files"] = len(list(folder.glob("*.wav")))
        report["out_mb"] = folder_size(folder) / 1e6
        report["cache_mb"] = report["build"]["cache_mb"]
        if not args.no_peaks:
            report["peaks"] = check_peaks(folder)
    print(json.dumps(report, indent=1))
    summarize(report)


def summarize(report: dict) -> None:
    b = report["build"]
    for n, r in enumerate(report["rounds"], 1):
        if "raw" in r:
            print(f"round {n} (load {r['load'][0]:.1f}): raw {r['raw']['total']:.1f} s, build "
                  f"{r['build']['wall']:.1f} s = {r['build']['wall'] / r['raw']['total']:.2f}x; "
                  f"CPU {r['raw']['total_cpu']:.0f} s vs {r['build']['cpu']:.0f} s = "
                  f"{r['build']['cpu'] / r['raw']['total_cpu']:.2f}x")
    print(f"\n{report['novel']}: {report['episodes']} episodes, "
          f"{report['audio_hours']:.2f} h of audio; load average before "
          f"{report['load_before'][0]:.1f}, after {report['load_after'][0]:.1f}")
    if "raw" in report:
        r = report["raw"]
        print(f"raw: synthesis {r['wall']:.1f} s (2 processes) + encoding mp3 "
              f"{r['encode']['mp3']['wall']:.1f} s + aac {r['encode']['aac']['wall']:.1f} s "
              f"= {r['total']:.1f} s (CPU {r['total_cpu']:.0f} s)")
        print(f"build: {b['wall']:.1f} s = {b['wall'] / r['total']:.2f}x raw (target <= 1.5x); "
              f"CPU {b['cpu']:.0f} s = {b['cpu'] / r['total_cpu']:.2f}x raw's")
    else:
        print(f"build: {b['wall']:.1f} s, CPU {b['cpu']:.0f} s")
    print("stages ended at: " + ", ".join(f"{k} {v:.1f} s" for k, v in b["stages"].items()))
    first = b["stages"].get("first episode")
    if first is not None:
        print(f"first episode written at {first:.1f} s = {100 * first / b['wall']:.1f}% of "
              f"the build (target <= 10%)")
    f = report["first_chapter"]
    print(f"peak RSS of the drama process: whole book {b['peak_rss_mb']:.1f} MB, first chapter "
          f"{f['peak_rss_mb']:.1f} MB = {b['peak_rss_mb'] / f['peak_rss_mb']:.2f}x "
          f"(target <= 1.2x); with its children: {b['peak_tree_rss_mb']:.0f} MB vs "
          f"{f['peak_tree_rss_mb']:.0f} MB = {b['peak_tree_rss_mb'] / f['peak_tree_rss_mb']:.2f}x")
    print(f"disk: {report['wav_files']} WAV files kept; book folder {report['out_mb']:.0f} MB, "
          f"segment cache {report['cache_mb']:.0f} MB")
    if "peaks" in report:
        p = report["peaks"]
        print(f"peaks: MP3 true peak at most {p['mp3_peak_max']:.1f} dBTP, "
              f"{len(p['mp3_over'])} of {report['episodes']} over -1 dBTP "
              f"{p['mp3_over'][:5]}; integrated {p['mp3_lufs'][0]:.1f} to "
              f"{p['mp3_lufs'][1]:.1f} LUFS; the episodes' AAC at most "
              f"{p['aac_peak_max']:.1f} dBTP, {len(p['aac_over'])} over; m4b {p['m4b']}")


if __name__ == "__main__":
    main()
