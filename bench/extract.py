#!/usr/bin/env python3
"""Score `drama extract` on the PDNC dev novels in every typography, and print a table.

Runs the shared scorer (../shared/eval/pdnc_eval.py) once per style -- straight, curly,
british -- exactly as a user would (one `drama extract` process per novel, start-up and
imports included in the timing), then prints each style's summary line and a table.

    PATH=$PWD/.venv/bin:$PATH python3 bench/extract.py
    python3 bench/extract.py --styles british --only OliverTwist
    python3 bench/extract.py --min-cps 300000 --min-recall 98 --min-precision 97

Exits 1 when a floor given on the command line is missed, so it can gate CI.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
for candidate in (ROOT.parent / "shared", Path("/work/shared")):
    if (candidate / "eval" / "pdnc_eval.py").is_file():
        SHARED = candidate
        break
STYLES = ("straight", "curly", "british")


def drama_command() -> str:
    venv = ROOT / ".venv" / "bin" / "drama"
    exe = str(venv) if venv.is_file() else shutil.which("drama") or "drama"
    return f"{exe} extract {{input}} -o {{output}}"


def run_style(style: str, data: Path, only: list[str] | None, cmd: str) -> tuple[dict, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        argv = [sys.executable, str(SHARED / "eval" / "pdnc_eval.py"), str(data),
                "--style", style, "--cmd", cmd, "--json", str(out)]
        if only:
            argv += ["--only", *only]
        p = subprocess.run(argv, capture_output=True, text=True)
        if not out.is_file():
            raise SystemExit(f"scorer failed for {style}: {(p.stderr or p.stdout).strip()[-600:]}")
        result = json.loads(out.read_text(encoding="utf-8"))
        summary_line = next((ln for ln in reversed(p.stdout.splitlines())
                             if ln.startswith("{")), json.dumps(result["summary"]))
        return result, summary_line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--styles", nargs="*", default=list(STYLES), choices=STYLES)
    ap.add_argument("--only", nargs="*", help="novel folder names to score")
    ap.add_argument("--cmd", default=None, help="extractor command (default: drama extract)")
    ap.add_argument("--min-cps", type=float, default=None, help="chars/s floor")
    ap.add_argument("--min-recall", type=float, default=None)
    ap.add_argument("--min-precision", type=float, default=None)
    args = ap.parse_args(argv)
    if not (args.data / ".").is_dir():
        print(f"no PDNC data at {args.data}", file=sys.stderr)
        return 2
    env_path = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{env_path}"
    cmd = args.cmd or drama_command()

    results = {}
    for style in args.styles:
        result, line = run_style(style, args.data, args.only, cmd)
        results[style] = result
        print(f"{style}: {line}")

    novels = sorted(next(iter(results.values()))["novels"])
    print()
    head = f"{'novel':30s}" + "".join(f" {s + ' R/P':>18s}" for s in args.styles)
    print(head)
    for n in novels:
        row = f"{n:30s}"
        for s in args.styles:
            r = results[s]["novels"][n]
            rec = 100 * r["found"] / r["gold"] if r["gold"] else 0.0
            prec = 100 * r["tp_lines"] / r["pred_lines"] if r["pred_lines"] else 0.0
            row += f" {rec:8.2f}/{prec:6.2f}  "
        print(row)
    row = f"{'ALL (pooled)':30s}"
    for s in args.styles:
        sm = results[s]["summary"]
        row += f" {sm['quote_recall']:8.2f}/{sm['line_precision']:6.2f}  "
    print(row)
    row = f"{'chars/s':30s}"
    for s in args.styles:
        row += f" {results[s]['summary']['chars_per_second'] or 0:>17,d} "
    print(row)

    failed = []
    for s in args.styles:
        sm = results[s]["summary"]
        if sm["failures"]:
            failed.append(f"{s}: {sm['failures']} novels failed")
        if args.min_cps is not None and (sm["chars_per_second"] or 0) < args.min_cps:
            failed.append(f"{s}: {sm['chars_per_second']} chars/s < {args.min_cps:g}")
        if args.min_recall is not None and sm["quote_recall"] < args.min_recall:
            failed.append(f"{s}: recall {sm['quote_recall']} < {args.min_recall:g}")
        if args.min_precision is not None and sm["line_precision"] < args.min_precision:
            failed.append(f"{s}: precision {sm['line_precision']} < {args.min_precision:g}")
    if len(args.styles) > 1:
        for key in ("quote_recall", "line_precision"):
            vals = [results[s]["summary"][key] for s in args.styles]
            print(f"{key} spread across styles: {max(vals) - min(vals):.2f} points")
    for f in failed:
        print(f"FLOOR MISSED: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
