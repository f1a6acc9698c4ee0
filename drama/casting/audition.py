"""Auditioning a voice: a sample line for a speaker, and an audio player to hear it with."""
from __future__ import annotations

import shutil
import subprocess

from ..errors import CastingError
from ..model import DIALOGUE, NARRATION, NARRATOR, Script
from .model import Casting

PLAYERS = (("aplay", ["-q"]), ("paplay", []), ("afplay", []),
           ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "quiet"]))


def sample_line(speaker: str, casting: Casting, script: Script | list[Script] | None = None,
                path: str | None = None) -> str:
    """What to say in a preview: the speaker's first line in script, else a greeting.

    A line by any name that routes to the same entry (an alias) counts as the speaker's.
    script may be a book's episodes (a list, in the book's order): their first line then.
    `path`: the script's file (or book's folder), which an error names (an episode's script
    named the whole book's text, as if that were "this script": walk31); else its source.
    """
    if script is not None:
        scripts = script if isinstance(script, list) else [script]
        found = first_lines(casting, scripts).get(voice_key(speaker, casting))
        if found is None:
            what = "this book" if isinstance(script, list) else "this script"
            raise CastingError(f"{speaker!r} has no line in {what}; use --text, or "
                               "--script with one where they speak",
                               path=path or scripts[0].source)
        return found
    return f"Hello, I am {speaker}. This is how I sound."


def voice_key(speaker: str, casting: Casting) -> str:
    """Whose lines are a speaker's (first_lines' key): the entry that voices them, or the
    label as written when no entry does; the narrator's narration and lines are one."""
    return casting.cast_name(speaker) or speaker


def first_lines(casting: Casting, scripts: list[Script]) -> dict[str, str]:
    """Each voice's first line in the scripts, in script order, in one pass over them:
    voice_key -> text. The narrator's is its first narration or line of its own (a
    speaker's, any line by a name voice_key routes to the same entry). Lines without
    words are passed over. The studio's cast page asks this once for every speaker."""
    firsts: dict[str, str] = {}
    for script in scripts:
        for line in script.lines:
            if line.kind == NARRATION:
                key = NARRATOR
            elif line.kind == DIALOGUE:
                key = voice_key(line.speaker, casting)
            else:
                continue
            if key not in firsts and line.text.strip():
                firsts[key] = line.text
    return firsts


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
