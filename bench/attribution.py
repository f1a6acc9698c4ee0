#!/usr/bin/env python3
"""Speaker attribution on the PDNC development novels, in the three typographies.

Runs the shared scorer (../shared/eval/pdnc_eval.py) once per style, through the real
`drama extract` command, and prints end-to-end accuracy overall and per quote type
(Explicit, Anaphoric, Implicit) with the throughput the scorer measured.

    python bench/attribution.py [--styles straight curly british] [--data DIR] [--cues]

--cues also prints, per rule (cue), how often its speaker is right on the found quotes: the
figures the confidence calibration in drama/extract/attribute.py (CONFIDENCE) comes from.

Needs the drama command on PATH (the repo's .venv/bin is put first automatically).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the shared data sits beside the repository (or beside a parent folder of worktrees)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "pdnc_eval.py"))
    ap.add_argument("--styles", nargs="*", default=["straight", "curly", "british"])
    ap.add_argument("--cues", action="store_true",
                    help="also print per-cue accuracy (in process, first style)")
    args = ap.parse_args(argv)
    if not Path(args.scorer).is_file() or not Path(args.data).is_dir():
        print(f"scorer or data not found: {args.scorer}, {args.data}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    venv_bin = ROOT / ".venv" / "bin"
    if venv_bin.is_dir():
        env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"
    print(f"{'style':9s} {'end-to-end':>10s} {'Explicit':>9s} {'Anaphoric':>10s} "
          f"{'Implicit':>9s} {'recall':>7s} {'attrib':>7s} {'chars/s':>9s}")
    status = 0
    for style in args.styles:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "result.json"
            p = subprocess.run([sys.executable, args.scorer, args.data, "--style", style,
                                "--json", str(out)], env=env, capture_output=True, text=True)
            if p.returncode != 0 or not out.exists():
                print(f"{style}: scorer failed: {(p.stderr or p.stdout).strip()[-300:]}",
                      file=sys.stderr)
                status = 1
                continue
            s = json.loads(out.read_text())["summary"]
        t = s["end_to_end_by_type"]
        print(f"{style:9s} {s['end_to_end']:10.1f} {t['Explicit']:9.1f} {t['Anaphoric']:10.1f} "
              f"{t['Implicit']:9.1f} {s['quote_recall']:7.1f} {s['attribution_on_found']:7.1f} "
              f"{s['chars_per_second']:9d}")
    if args.cues:
        cue_accuracy(args.scorer, args.data, args.styles[0] if args.styles else "straight")
    return status


def cue_accuracy(scorer: str, data: str, style: str) -> None:
    """Per cue: found gold quotes whose best-overlapping line names the right speaker."""
    import importlib.util
    from bisect import bisect_right
    from collections import defaultdict

    sys.path.insert(0, str(ROOT))
    from drama.extract import extract_script
    from drama.extract.attribute import CONFIDENCE
    spec = importlib.util.spec_from_file_location("pdnc_eval", scorer)
    pe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pe)
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name in sorted(os.listdir(data)):
        if not (Path(data) / name / "quotation_info.csv").is_file():
            continue
        text, cast, quotes = pe.load_novel(str(Path(data) / name))
        text = pe.restyle(text, quotes, style)
        lines = sorted((ln for ln in extract_script(text).lines if ln.kind == "dialogue"),
                       key=lambda ln: ln.start)
        starts = [ln.start for ln in lines]
        for q in quotes:
            total = sum(e - s for s, e in q["spans"]) or 1
            overlap: dict[int, int] = defaultdict(int)
            for s, e in q["spans"]:
                i = max(0, bisect_right(starts, s) - 1)
                while i < len(lines) and lines[i].start < e:
                    o = min(e, lines[i].end) - max(s, lines[i].start)
                    if o > 0:
                        overlap[i] += o
                    i += 1
            if sum(overlap.values()) * 2 < total:
                continue
            ln = lines[max(overlap, key=overlap.get)]
            right[ln.cue][1] += 1
            right[ln.cue][0] += cast.same(ln.speaker, q["speaker"])
    print(f"\nper cue ({style}): accuracy on found quotes, and the confidence the extractor gives")
    print(f"{'cue':14s} {'quotes':>7s} {'right':>7s} {'confidence':>10s}")
    for cue, (ok, n) in sorted(right.items(), key=lambda kv: -kv[1][1]):
        print(f"{cue:14s} {n:7d} {100 * ok / n:6.1f}% {CONFIDENCE.get(cue, 0):10.2f}")


if __name__ == "__main__":
    sys.exit(main())
