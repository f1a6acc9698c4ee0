#!/usr/bin/env python3
"""Speaker attribution on the PDNC development novels, in the three typographies.

Runs the shared scorer (../shared/eval/pdnc_eval.py) once per style, through the real
`drama extract` command, and prints end-to-end accuracy overall and per quote type
(Explicit, Anaphoric, Implicit) with the throughput the scorer measured.

    python bench/attribution.py [--styles straight curly british] [--data DIR]

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
    return status


if __name__ == "__main__":
    sys.exit(main())
