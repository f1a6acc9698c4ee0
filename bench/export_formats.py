"""Export every script in a build folder to all six formats and read each back with an
independent parser: screenplain (Fountain), markdown-it (md), the script loader (json),
srt and webvtt-py (subtitles, checked against the render manifest and the cue limits).

Usage: python bench/export_formats.py OUTPUT_DIR   (after `drama build seeds -o OUTPUT_DIR`)
Needs the test extras: pip install -e '.[test]'
"""
from __future__ import annotations

import bisect
import html
import io
import json
import re
import sys
import time
from pathlib import Path

from drama.export import EXPORTERS, ExportOptions, export_script, load_manifest, manifest_beside
from drama.export.subtitles import MAX_CHARS, MAX_LINES, MAX_SECONDS
from drama.model import DIALOGUE
from drama.scriptfile import load_script, script_from_dict

WORD = re.compile(r"[^\W_]+")


def letters(text: str) -> str:
    return "".join(WORD.findall(text))


def check_fountain(script, text):
    from screenplain.parsers import fountain
    from screenplain.types import Dialog
    parsed = fountain.parse(io.StringIO(text))

    def plain(rich):
        return "".join(s.text for s in rich.segments)
    cues, lines = set(), []
    for para in parsed:
        if isinstance(para, Dialog):
            cues.add(plain(para.character).upper())
            lines += [plain(b) for _, b in para.blocks]
    want = [ln for ln in script.lines if ln.kind == DIALOGUE and ln.text.strip()]
    ok = (cues == {ln.speaker.upper() for ln in want}
          and [letters(t) for t in lines] == [letters(ln.text) for ln in want])
    return ok, f"{len(cues)} speakers, {len(lines)} dialogue lines back of {len(want)}"


def check_md(script, text):
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    strong = [t for t in tokens if t.type == "inline" and t.children
              and any(c.type == "strong_open" for c in t.children)]
    n = sum(1 for ln in script.lines if ln.text.strip())
    return len(strong) == n, f"{len(strong)} bold-labelled paragraphs of {n}"


def check_json(script, text):
    return script_from_dict(json.loads(text)) == script, "loads back equal to the script"


def check_txt(script, text):
    want = [ln for ln in script.lines if ln.text.strip()]
    body = text.split("\n\n")[2:]  # after the heading and the cast
    same = sum(" ".join(p.split()) == f"{ln.speaker.upper()}: {' '.join(ln.text.split())}"
               for p, ln in zip(body, want))
    width = max(len(r) for r in text.splitlines())
    return same == len(want) == len(body), f"{same} labelled paragraphs of {len(want)}, " \
        f"widest row {width}"


def _cue_limits(manifest, cues):
    lines = [ln for ln in manifest["lines"] if ln["text"].strip()]
    starts = {round(c[0], 3) for c in cues}
    ends = sorted(round(c[1], 3) for c in cues)
    rooms = [ln["start"] for ln in lines[1:]] + [manifest.get("duration") or lines[-1]["end"]]
    # a line's last cue ends where it does or lingers into the pause after it (subtitles.linger)
    timed = all(round(ln["start"], 3) in starts and any(
        round(ln["end"], 3) <= e <= round(max(room, ln["end"]), 3)
        for e in ends[bisect.bisect_left(ends, round(ln["end"], 3)):][:1])
        for ln, room in zip(lines, rooms))
    longest = max(c[1] - c[0] for c in cues)
    rows = max(len(c[2].splitlines()) for c in cues)
    width = max(len(r) for c in cues for r in c[2].splitlines())
    ok = timed and longest <= MAX_SECONDS + 5e-4 and rows <= MAX_LINES and width <= MAX_CHARS
    return ok, (f"{len(cues)} cues for {len(lines)} lines, times match: {timed}, "
                f"longest {longest:.2f} s, {rows} rows, {width} chars max")


def check_srt(manifest, text):
    import srt
    cues = [(s.start.total_seconds(), s.end.total_seconds(), s.content) for s in srt.parse(text)]
    return _cue_limits(manifest, cues)


def check_vtt(manifest, text):
    import webvtt
    parsed = list(webvtt.from_buffer(io.StringIO(text)))
    cues = [(c.start_in_seconds + int(c.start[-3:]) / 1000,
             c.end_in_seconds + int(c.end[-3:]) / 1000, html.unescape(c.text)) for c in parsed]
    ok, note = _cue_limits(manifest, cues)
    voices = {c.voice for c in parsed}
    return ok and None not in voices, note + f", {len(voices)} voices"


def main(out_dir: str) -> int:
    failures = 0
    for path in sorted(Path(out_dir).glob("*.script.yaml")):
        script = load_script(path)
        manifest = load_manifest(manifest_beside(path))
        for fmt in EXPORTERS:
            t0 = time.perf_counter()
            text = export_script(script, fmt, ExportOptions(manifest=manifest))
            ms = (time.perf_counter() - t0) * 1000
            if fmt in ("srt", "vtt"):
                ok, note = {"srt": check_srt, "vtt": check_vtt}[fmt](manifest, text)
            else:
                ok, note = {"fountain": check_fountain, "md": check_md, "json": check_json,
                            "txt": check_txt}[fmt](script, text)
            failures += not ok
            print(f"{path.name.split('.')[0][:3]} {fmt:8} {'ok  ' if ok else 'FAIL'} "
                  f"{len(text):7d} chars {ms:6.1f} ms  {note}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "output"))
