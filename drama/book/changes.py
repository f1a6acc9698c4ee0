"""What changed since a book's last build that makes its episodes spoken again: book.json
keeps each voice its episodes use (`voices`: entry name -> settings) and the lexicon in
force (`lexicon`: word -> how it is said), and the next build names, before it renders,
the voices whose settings differ and the words said differently, so a user waiting on the
render knows why episodes are spoken again (walk34: a build said which episodes it
rendered, never why)."""
from __future__ import annotations

from dataclasses import asdict

from ..casting import Casting
from ..model import NARRATOR, Script

RECORDED = ("voices", "lexicon")
"""The keys of book.json this module writes and compares."""


def sound_record(casting: Casting, scripts: list[Script]) -> dict[str, dict]:
    """book.json's record of what shapes the sound: each voice the scripts use, by its
    entry's name (the narrator's always), with its settings; and each lexicon entry in
    force (the book's over the global file's), word -> how it is said."""
    names = {casting.cast_name(s) for script in scripts for s in script.speakers} | {NARRATOR}
    voices = {name: asdict(casting.entry_for(name).settings())
              for name in sorted(n for n in names if n is not None)}
    lexicon = {entry.word: entry.say for entry in casting.lexicon.entries}
    return {"voices": voices, "lexicon": dict(sorted(lexicon.items()))}


def changes_since(previous: dict, now: dict[str, dict]) -> list[str]:
    """'voices changed: Mrs. Pike (rate)', 'pronunciations changed: Smolny, Tsereteli': one
    line for each kind of change between the last build's book.json and this build's
    record, none when nothing changed or the old book.json lacks that record (an earlier
    drama's, a hand-edited one)."""
    said = []
    voices = voices_changed(previous.get("voices"), now["voices"])
    if voices:
        said.append(f"voices changed: {', '.join(voices)}")
    words = words_changed(previous.get("lexicon"), now["lexicon"])
    if words:
        said.append(f"pronunciations changed: {', '.join(words)}")
    return said


def voices_changed(before: object, now: dict[str, dict]) -> list[str]:
    """'Mrs. Pike (rate)' for each voice in both builds whose settings differ, naming the
    settings that did; a voice new to this build, or no record before, is no change, nor a
    setting only one of the two keeps (one was 'Tom ()', naming nothing)."""
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


def words_changed(before: object, now: dict[str, str]) -> list[str]:
    """The lexicon's words added, removed or said another way since the last build (each
    changes how the lines holding it are spoken), sorted; none without a record before."""
    if not isinstance(before, dict):
        return []
    return sorted(word for word in before.keys() | now.keys()
                  if before.get(word) != now.get(word))
