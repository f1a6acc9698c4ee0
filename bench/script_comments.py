"""What keeping a person's comments costs a script edit (drama/scriptkeep.py, round 37).

    python3 bench/script_comments.py [--novel OliverTwist] [--rounds 3]

A dev novel's text (its novel_text.txt only) is extracted once and written as one script
twice: as drama dumps it, and with a person's marks (a comment line at the top, a comment at
the end of its first speaker line, a BOM and CRLF line ends). `drama speakers rename` is
then planned on each (speakers.plan_rename, the whole plan, nothing written) for the
speaker with most lines; the best time of the rounds is kept, rounds alternating. A script
with no `#` pays nothing for the keeping; one with comments pays for matching its lines and
for checking the result reads as the same data. The machine is shared: compare within a run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drama.extract import extract_script  # noqa: E402
from drama.scriptfile import dump_script  # noqa: E402
from drama.speakers import plan_rename  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "pdnc-dev"


def with_marks(dump: str, speaker: str) -> str:
    """The dump as a person might have left it: a comment line, a comment at a line's end,
    a BOM and CRLF line ends."""
    line = f"- speaker: {speaker}\n"
    text = "# checked by hand\n" + dump.replace(line, line[:-1] + "   # check\n", 1)
    return "\ufeff" + text.replace("\n", "\r\n")


def timed(path: Path, old: str) -> float:
    start = time.perf_counter()
    plan_rename(old, old + " Jr", [path], None)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--novel", default="OliverTwist")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data", default=str(DATA))
    args = ap.parse_args()
    text = (Path(args.data) / args.novel / "novel_text.txt").read_text(encoding="utf-8")
    script = extract_script(text)
    dump = dump_script(script)
    speaker = Counter(ln.speaker for ln in script.lines if ln.kind == "dialogue").most_common(1)[0][0]
    with tempfile.TemporaryDirectory() as tmp:
        plain, marked = Path(tmp, "plain.script.yaml"), Path(tmp, "marked.script.yaml")
        plain.write_text(dump, encoding="utf-8")
        marked.write_bytes(with_marks(dump, speaker).encode("utf-8"))
        best = {"plain": float("inf"), "marked": float("inf")}
        for _ in range(args.rounds):
            best["plain"] = min(best["plain"], timed(plain, speaker))
            best["marked"] = min(best["marked"], timed(marked, speaker))
    lines = dump.count("\n")
    print(f"{args.novel}: a script of {lines:,} lines, {len(script.lines):,} script lines; "
          f"rename {speaker!r}, best of {args.rounds}:")
    print(f"  no comments      {best['plain']:.2f} s")
    print(f"  with comments    {best['marked']:.2f} s  ({best['marked'] / best['plain']:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
