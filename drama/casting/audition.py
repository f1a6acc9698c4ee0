"""Auditioning a voice: a sample line for a speaker, and an audio player to hear it with."""
from __future__ import annotations

import shutil
import subprocess

from ..errors import CastingError
from ..model import DIALOGUE, NARRATION, NARRATOR, Script
from .model import Casting

PLAYERS = (("aplay", ["-q"]), ("paplay", []), ("afplay", []),
           ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "quiet"]))


def sample_line(speaker: str, casting: Casting, script: Script | None = None) -> str:
    """What to say in a preview: the speaker's first line in script, else a greeting.

    A line by any name that routes to the same entry (an alias) counts as the speaker's.
    """
    if script is not None:
        target = casting.cast_name(speaker) or speaker
        for line in script.lines:
            if not line.text.strip():
                continue
            if speaker == NARRATOR and line.kind == NARRATION:
                return line.text
            if line.kind == DIALOGUE and (line.speaker == speaker or
                                          casting.cast_name(line.speaker) == target):
                return line.text
        raise CastingError(f"{speaker!r} has no line in this script; use --text",
                           path=script.source)
    return f"Hello, I am {speaker}. This is how I sound."


def find_player() -> list[str] | None:
    """The command line of the first audio player on PATH, or None."""
    for name, args in PLAYERS:
        exe = shutil.which(name)
        if exe:
            return [exe, *args]
    return None


def play(path: str) -> bool:
    """Play a WAV file with the first player found; False when there is none."""
    cmd = find_player()
    if cmd is None:
        return False
    try:
        subprocess.run([*cmd, path], check=False, timeout=600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return True
