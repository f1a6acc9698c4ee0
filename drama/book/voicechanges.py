"""Whose voice changed since a book's last build: book.json keeps each voice its episodes
use (`voices`: entry name -> settings), and the next build names the ones whose settings
differ, so a user can check that only their lines were spoken again (walk34: a build said
which episodes it rendered, never why)."""
from __future__ import annotations

from dataclasses import asdict

from ..casting import Casting
from ..model import NARRATOR, Script


def voices_used(casting: Casting, scripts: list[Script]) -> dict[str, dict]:
    """Each voice the scripts use, by its entry's name (the narrator's always), with the
    settings that shape its sound, as book.json keeps them."""
    names = {casting.cast_name(s) for script in scripts for s in script.speakers} | {NARRATOR}
    return {name: asdict(casting.entry_for(name).settings())
            for name in sorted(n for n in names if n is not None)}


def voices_changed(before: object, now: dict[str, dict]) -> list[str]:
    """'Mrs. Pike (rate)' for each voice in both builds whose settings differ, naming the
    settings that did; a voice new to this build, or a book.json without `voices` (an
    earlier drama's, a hand-edited one), is no change, nor a setting only one of the two
    keeps (one was 'Tom ()', naming nothing)."""
    if not isinstance(before, dict):
        return []
    changed = []
    for name, settings in now.items():
        old = before.get(name)
        keys = [key for key in settings
                if isinstance(old, dict) and key in old and old[key] != settings[key]]
        if keys:
            changed.append(f"{name} ({', '.join(keys)})")
    return changed
