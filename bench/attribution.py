#!/usr/bin/env python3
"""Speaker attribution on the PDNC development novels, in the three typographies.

Runs the shared scorer (../shared/eval/pdnc_eval.py) once per style, through the real
`drama extract` command, and prints end-to-end accuracy overall and per quote type
(Explicit, Anaphoric, Implicit) with the throughput the scorer measured, then the peak
memory (maximum resident set) of one `drama extract` of the largest novel.

    python bench/attribution.py [--styles straight curly british] [--data DIR] [--cues]
                                [--per-novel] [--ablate [SIEVE ...]] [--cpu]
    python bench/attribution.py --ablate [SIEVE ...] [--styles curly]

--cpu also prints the characters per second of `drama extract` by CPU time as well as by wall
clock (one process per novel, start-up included, the first style): on a shared machine the
wall clock the scorer measures swings with the other work, the CPU time much less.

--cues also prints, per rule (cue), how often its speaker is right on the found quotes: the
figures the confidence calibration in drama/extract/attribution/pipeline.py (CONFIDENCE)
comes from.

--ablate prints what each sieve is worth: the scorer is run once with every sieve and once
per named sieve (default: all of them) with that sieve switched off (DRAMA_ABLATE=name, which
`drama extract` honours), in the first style given (default curly). Beside the end-to-end
figures it prints how many dialogue lines each sieve settles with everything on, and how
often it is right on the gold quotes among them (in process; as --cues, without the scorer's
once-per-novel fuller-name mapping). A sieve that only renames (narrator-name) settles none.

Needs the drama command on PATH (the repo's .venv/bin is put first automatically).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared data sits beside the repository (or beside a parent folder of worktrees)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")
TYPES = ("Explicit", "Anaphoric", "Implicit")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "pdnc_eval.py"))
    ap.add_argument("--styles", nargs="*", default=None,
                    help="typographies (default: all three; with --ablate, curly)")
    ap.add_argument("--cues", action="store_true",
                    help="also print per-cue accuracy (in process, first style)")
    ap.add_argument("--per-novel", action="store_true",
                    help="also print end-to-end and speaker B3 per novel and style")
    ap.add_argument("--ablate", nargs="*", metavar="SIEVE", default=None,
                    help="switch off each named sieve in turn (none named: every sieve)")
    ap.add_argument("--cpu", action="store_true",
                    help="also print characters per second of CPU time (first style)")
    args = ap.parse_args(argv)
    if not Path(args.scorer).is_file() or not Path(args.data).is_dir():
        print(f"scorer or data not found: {args.scorer}, {args.data}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    if args.ablate is not None:
        return ablation(args, (args.styles or ["curly"])[0])
    styles = args.styles or ["straight", "curly", "british"]
    print(f"{'style':9s} {'end-to-end':>10s} {'Explicit':>9s} {'Anaphoric':>10s} "
          f"{'Implicit':>9s} {'recall':>7s} {'attrib':>7s} {'B3':>6s} {'spk/char':>8s} "
          f"{'chars/s':>9s}")
    status = 0
    novels = {}
    for style in styles:
        s = score(args.scorer, args.data, style, per_novel=novels.setdefault(style, {}))
        if s is None:
            status = 1
            continue
        t = s["end_to_end_by_type"]
        print(f"{style:9s} {s['end_to_end']:10.1f} {t['Explicit']:9.1f} {t['Anaphoric']:10.1f} "
              f"{t['Implicit']:9.1f} {s['quote_recall']:7.1f} {s['attribution_on_found']:7.1f} "
              f"{s['speaker_b3_f1']:6.1f} {s['speakers_per_character']:8.2f} "
              f"{s['chars_per_second']:9d}")
    print_peak_memory(Path(args.data))
    if args.cpu:
        print_cpu_speed(args.scorer, args.data, styles[0] if styles else "curly")
    if args.per_novel:
        print_per_novel(novels)
    if args.cues:
        cue_accuracy(args.scorer, args.data, styles[0] if styles else "straight")
    return status


def print_peak_memory(data: Path) -> None:
    """The maximum resident set of one `drama extract` process on the largest novel."""
    src = max(data.glob("*/novel_text.txt"), key=lambda f: f.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([_drama_command(), "extract",
                                 str(src), "-o", str(Path(tmp) / "script.json")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    if status == 0:     # ru_maxrss: kilobytes on Linux
        print(f"peak memory of drama extract on {src.parent.name} "
              f"({src.stat().st_size / 1e6:.2f} MB of text): {usage.ru_maxrss / 1024:.0f} MB")
    else:
        print(f"drama extract failed on {src} (exit status {os.waitstatus_to_exitcode(status)})",
              file=sys.stderr)


def print_cpu_speed(scorer: str, data: str, style: str) -> None:
    """Characters per second of `drama extract`, one process per dev novel as the scorer
    runs it, by wall clock and by CPU time (user + system, from os.wait4). On a shared
    machine the wall clock swings with the other work; the CPU time much less."""
    chars, wall, cpu = 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for _, text, _, _ in novels(scorer, data, style):
            src, out = Path(tmp) / "novel.txt", Path(tmp) / "script.json"
            src.write_text(text, encoding="utf-8")
            began = time.perf_counter()
            proc = subprocess.Popen([_drama_command(), "extract", str(src), "-o", str(out)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            if status != 0:
                print(f"drama extract failed (exit status {os.waitstatus_to_exitcode(status)})",
                      file=sys.stderr)
                return
            wall += time.perf_counter() - began
            cpu += usage.ru_utime + usage.ru_stime
            chars += len(text)
    print(f"drama extract, {style}, {chars:,} characters: {chars / wall:,.0f} chars/s of wall "
          f"clock, {chars / cpu:,.0f} chars/s of CPU time")


def _drama_command() -> str:
    """The repository's own drama command when it has a .venv, else the one on PATH."""
    venv_drama = ROOT / ".venv" / "bin" / "drama"
    return str(venv_drama) if venv_drama.exists() else "drama"


def print_per_novel(novels: dict[str, dict]) -> None:
    """End-to-end and speaker B3 per novel, a column pair per style."""
    styles = list(novels)
    names = sorted({n for per in novels.values() for n in per})
    print()
    print(f"{'novel':30s} " + " ".join(f"{st + ' e2e':>13s} {'B3':>5s}" for st in styles))
    for n in names:
        cells = []
        for st in styles:
            r = novels[st].get(n)
            cells.append(f"{100 * r['correct'] / r['gold']:13.1f} {b3(r):5.1f}" if r else
                         f"{'-':>13s} {'-':>5s}")
        print(f"{n:30s} " + " ".join(cells))


def b3(r: dict) -> float:
    """B-cubed F1 of one novel's result, as the scorer computes it."""
    if not r.get("found"):
        return 0.0
    p, rec = r["b3_p_sum"] / r["found"], r["b3_r_sum"] / r["found"]
    return 200 * p * rec / (p + rec) if p + rec else 0.0


def score(scorer: str, data: str, style: str, ablate: str = "",
          per_novel: dict | None = None) -> dict | None:
    """The scorer's summary for one style, `drama extract` run with DRAMA_ABLATE=ablate;
    per_novel, when given, receives each novel's result."""
    env = dict(os.environ)
    venv_bin = ROOT / ".venv" / "bin"
    if venv_bin.is_dir():
        env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"
    env["DRAMA_ABLATE"] = ablate
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        p = subprocess.run([sys.executable, scorer, data, "--style", style, "--json", str(out)],
                           env=env, capture_output=True, text=True)
        if p.returncode != 0 or not out.exists():
            print(f"{style}{' without ' + ablate if ablate else ''}: scorer failed: "
                  f"{(p.stderr or p.stdout).strip()[-300:]}", file=sys.stderr)
            return None
        got = json.loads(out.read_text())
        if per_novel is not None:
            per_novel.update(got["novels"])
        return got["summary"]


def ablation(args, style: str) -> int:
    """The ablation table: every sieve on, then each named sieve off in turn."""
    from drama.extract.attribution import sieve_names
    names = args.ablate or sieve_names()
    unknown = [n for n in names if n not in sieve_names()]
    if unknown:
        print(f"no sieve named {', '.join(unknown)} (sieves: {', '.join(sieve_names())})",
              file=sys.stderr)
        return 2
    full = score(args.scorer, args.data, style)
    if full is None:
        return 1
    settled = sieve_accuracy(args.scorer, args.data, style)
    print(f"ablation ({style}): every sieve on: end-to-end {full['end_to_end']:.2f}, "
          f"speaker B3 {full['speaker_b3_f1']:.2f}, {full['chars_per_second']:,} chars/s")
    print(f"{'sieve':18s} {'settles':>7s} {'right':>6s} {'without':>8s} {'worth':>6s} "
          f"{'Explicit':>8s} {'Anaph.':>7s} {'Implicit':>8s} {'B3':>6s}")
    status = 0
    for name in names:
        s = score(args.scorer, args.data, style, ablate=name)
        if s is None:
            status = 1
            continue
        n, found, ok = settled.get(name, (0, 0, 0))
        right = f"{100 * ok / found:5.1f}%" if found else "    -"
        worth = [full["end_to_end"] - s["end_to_end"]] + \
            [full["end_to_end_by_type"][t] - s["end_to_end_by_type"][t] for t in TYPES] + \
            [full["speaker_b3_f1"] - s["speaker_b3_f1"]]
        print(f"{name:18s} {n:7d} {right:>6s} {s['end_to_end']:8.2f} {worth[0]:+6.2f} "
              f"{worth[1]:+8.2f} {worth[2]:+7.2f} {worth[3]:+8.2f} {worth[4]:+6.2f}")
    return status


def found_lines(pe, text: str, quotes: list[dict], lines: list) -> list[tuple[dict, object]]:
    """(gold quote, the predicted line that covers most of it) for each found gold quote, as
    the scorer matches them; the lines are Line objects or their dicts (a saved script)."""
    from bisect import bisect_right
    order = sorted(range(len(lines)), key=lambda n: _span(lines[n])[0])
    spans = [_span(lines[n]) for n in order]
    starts = [s for s, _ in spans]
    out = []
    for q in quotes:
        total = sum(e - s for s, e in q["spans"]) or 1
        overlap: dict[int, int] = defaultdict(int)
        for s, e in q["spans"]:
            i = max(0, bisect_right(starts, s) - 1)
            while i < len(spans) and spans[i][0] < e:
                o = min(e, spans[i][1]) - max(s, spans[i][0])
                if o > 0:
                    overlap[i] += o
                i += 1
        if sum(overlap.values()) * 2 >= total:
            out.append((q, lines[order[max(overlap, key=overlap.get)]]))
    return out


def _span(line) -> tuple[int, int]:
    return (line["start"], line["end"]) if isinstance(line, dict) else (line.start, line.end)


def novels(scorer: str, data: str, style: str):
    """(scorer module, restyled text, cast, gold quotes) per dev novel."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("pdnc_eval", scorer)
    pe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pe)
    for name, text, cast, quotes in named_novels(pe, data, style):
        yield pe, text, cast, quotes


def named_novels(pe, data: str, style: str):
    """(novel name, restyled text, cast, gold quotes) per dev novel, read by the scorer pe."""
    for name in sorted(os.listdir(data)):
        if (Path(data) / name / "quotation_info.csv").is_file():
            text, cast, quotes = pe.load_novel(str(Path(data) / name))
            yield name, pe.restyle(text, quotes, style), cast, quotes


def sieve_accuracy(scorer: str, data: str, style: str) -> dict[str, tuple[int, int, int]]:
    """Per sieve: the dialogue lines it settles, the found gold quotes among them, and how
    many of those name the right speaker (in process, every sieve on)."""
    from drama.extract import build_lines
    from drama.extract.attribution import attribute
    from drama.extract.quotes import find_quotes
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pe, text, cast, quotes in novels(scorer, data, style):
        found = find_quotes(text)
        speech = [q for q in found if q.dialogue]
        who = attribute(text, speech, skip=())
        sieve_at = {q.end: a.sieve for q, a in zip(speech, who)}   # a dialogue line ends its quote
        lines = [ln for ln in build_lines(text, found, who) if ln.kind == "dialogue"]
        for ln in lines:
            counts[sieve_at.get(ln.end, "")][0] += 1
        for q, ln in found_lines(pe, text, quotes, lines):
            c = counts[sieve_at.get(ln.end, "")]
            c[1] += 1
            c[2] += cast.same(ln.speaker, q["speaker"])
    return {k: tuple(c) for k, c in counts.items()}


def cue_accuracy(scorer: str, data: str, style: str) -> None:
    """Per cue: found gold quotes whose best-overlapping line names the right speaker, on
    each half of the split the mechanisms are judged by (bench/train_conversation.py) and
    on all ten. A cue's confidence is the lower half's accuracy, rounded down to 0.05: the
    rules were developed looking at one half or the other, so the lower of the two is the
    nearer to what a novel never looked at gives."""
    import importlib.util
    from drama.extract import extract_script
    from drama.extract.attribution import CONFIDENCE
    from train_conversation import HALF_A
    spec = importlib.util.spec_from_file_location("pdnc_eval", scorer)
    pe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pe)
    right: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"A": [0, 0], "B": [0, 0]})
    for name, text, cast, quotes in named_novels(pe, data, style):
        half = "A" if name in HALF_A else "B"
        lines = [ln for ln in extract_script(text).lines if ln.kind == "dialogue"]
        for q, ln in found_lines(pe, text, quotes, lines):
            right[ln.cue][half][1] += 1
            right[ln.cue][half][0] += cast.same(ln.speaker, q["speaker"])
    print(f"\nper cue ({style}): accuracy on found quotes, per half and all, and the "
          "confidence the extractor gives")
    print(f"{'cue':14s} {'A quotes':>8s} {'A right':>8s} {'B quotes':>8s} {'B right':>8s} "
          f"{'all':>7s} {'confidence':>10s}")

    def pct(ok: int, n: int) -> str:
        return f"{100 * ok / n:7.1f}%" if n else f"{'-':>8s}"
    for cue, h in sorted(right.items(), key=lambda kv: -sum(v[1] for v in kv[1].values())):
        ok, n = h["A"][0] + h["B"][0], h["A"][1] + h["B"][1]
        print(f"{cue:14s} {h['A'][1]:8d} {pct(*h['A'])} {h['B'][1]:8d} {pct(*h['B'])} "
              f"{pct(ok, n)} {CONFIDENCE.get(cue, 0):10.2f}")


if __name__ == "__main__":
    sys.exit(main())
