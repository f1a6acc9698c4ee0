"""How readable a built episode's subtitles are: each .srt read back with `srt` (strict), its
cues against the audio's own duration (ffmpeg's, not the manifest's) and the time a reader
has for each: cues shorter than 1 s and than 5/6 s (the shortest subtitle guidelines
allow), cues faster than 20 characters a second, and how many of the short ones could last
1 s before the next cue starts (the room a linger into the following pause would have).

Usage: python bench/caption_timing.py out/BOOK/ [more folders or .srt files]
Needs the test extras (srt): pip install -e '.[test]'
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import srt

from drama.render.encode import ffmpeg_path

LINGER = 1.0        # s: a cue shorter than this is hard to read
GUIDE_MIN = 5 / 6   # s: the shortest cue subtitle guidelines allow (20 frames at 24 fps)
FAST_CPS = 20       # characters a second, label included: faster is hard to follow


def audio_seconds(audio: Path) -> float:
    said = subprocess.run([ffmpeg_path(), "-nostdin", "-hide_banner", "-i", str(audio)],
                          capture_output=True, text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", said).groups()
    return int(h) * 3600 + int(m) * 60 + float(s)


def measure(path: Path) -> str:
    cues = list(srt.parse(path.read_text(encoding="utf-8")))  # raises on anything not SRT
    audio = path.with_suffix(".mp3")
    length = audio_seconds(audio) if audio.exists() else float("inf")
    seconds = [(c.end - c.start).total_seconds() for c in cues]
    past = sum(c.end.total_seconds() > length + 0.001 for c in cues)
    short = [i for i, d in enumerate(seconds) if d < LINGER]
    room = sum(i + 1 == len(cues) or (cues[i + 1].start - cues[i].start).total_seconds()
               >= LINGER for i in short)
    fast = sum(len(c.content.replace("\n", " ")) / max(d, 0.001) > FAST_CPS
               for c, d in zip(cues, seconds))
    return (f"{path}: {len(cues)} cues, {past} past the audio's end; under {LINGER:g} s "
            f"{len(short)} ({room} with room to last {LINGER:g} s), under 5/6 s "
            f"{sum(d < GUIDE_MIN for d in seconds)}, over {FAST_CPS} chars/s {fast}")


def main(args: list[str]) -> None:
    for arg in args:
        p = Path(arg)
        for f in sorted(p.glob("*.srt")) if p.is_dir() else [p]:
            print(measure(f))


if __name__ == "__main__":
    main(sys.argv[1:] or sys.exit(__doc__))
