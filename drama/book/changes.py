"""What changed since a book's last build that makes its episodes spoken again: book.json
keeps each voice its episodes use (`voices`: entry name -> settings) and each lexicon entry
in force that its lines say (`lexicon`: word -> how it is said), and the next build names,
before it renders, the voices whose settings differ and the words said differently, so a
user waiting on the render knows why episodes are spoken again (walk34: a build said which
episodes it rendered, never why). It keeps too the hash of each episode's script file
(`scripts`: episode name -> sha256 of its bytes), so a script edited by hand is named
(walk36: only its episode was rendered again, and nothing said why)."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Iterator

from ..casting import Casting
from ..casting.lexicon import Lexicon, LexiconEntry, entries_said
from ..errors import DramaError
from ..files import read_json, write_atomic
from ..model import NARRATOR, Script
from .whole import INDEX, index_locked, index_text

log = logging.getLogger(__name__)

RECORDED = ("voices", "lexicon", "scripts")
"""The keys of book.json this module writes and compares."""


def sound_record(casting: Casting, scripts: list[Script]) -> dict[str, dict]:
    """book.json's record of what shapes the sound: each voice the scripts use, by its
    entry's name (the narrator's always), with its settings; and each lexicon entry in
    force (the book's over the global file's) that a spoken line says, word -> how it is
    said (an entry for a word the book never says changes nothing in it: fix36)."""
    names = {casting.cast_name(s) for script in scripts for s in script.speakers} | {NARRATOR}
    voices = {name: asdict(casting.entry_for(name).settings())
              for name in sorted(n for n in names if n is not None)}
    said = entries_said(casting.lexicon, _spoken_texts(scripts))
    lexicon = {entry.word: entry.say for entry in said}
    return {"voices": voices, "lexicon": dict(sorted(lexicon.items()))}


def script_record(folder: Path, names: list[str], suffix: str) -> dict[str, dict]:
    """book.json's record of each episode's script as this build reads it: its name (the
    file folder/<name><suffix>) -> the sha256 of the file's bytes ("" when it cannot be
    read)."""
    def sha(path: Path) -> str:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return ""
    return {"scripts": {name: sha(folder / f"{name}{suffix}") for name in names}}


def record_rendered_script(folder: Path, name: str, data: bytes, sound: dict | None = None,
                           others: dict | None = None) -> None:
    """After one episode of a book is rendered outside a build (the studio's "render
    changes", `drama render` into the book's folder): book.json's record of its script
    (script_record) set to the bytes that render read, as a build's render of it would
    have; else the next build named the script changed and rendered nothing (round 36).
    With `sound` (sound_record of the episode's script and the casting it was spoken with)
    and `others` (the same of the book's other episodes), the record of each voice and
    lexicon word the episode alone uses is set too (recorded_alone): the next build no
    longer names a voice edited and heard in the studio when no other episode is spoken
    again for it (fix37). Done holding book.json's lock (index_locked), so a build writing
    it meanwhile keeps it (recorded_meanwhile). Nothing when book.json holds no
    record of that episode's script (an earlier drama's, an episode the build has not
    listed); a book.json that cannot be read or written is left as it is (the next build
    names the script, as before)."""
    path = Path(folder) / INDEX
    try:
        with index_locked(folder):
            index = read_json(path)
            scripts = index.get("scripts") if isinstance(index, dict) else None
            if not isinstance(scripts, dict) or name not in scripts:
                return
            scripts[name] = hashlib.sha256(data).hexdigest()
            if sound is not None and others is not None:
                for key in ("voices", "lexicon"):
                    if isinstance(index.get(key), dict):
                        recorded_alone(index[key], sound[key], others[key])
            write_atomic(path, index_text(index))
    except (OSError, ValueError, DramaError) as exc:
        log.info("%s: the record of %s's script not updated (%s)", path, name, exc)


def record_render(folder: Path, name: str, data: bytes, casting: Casting, script: Script,
                  read: Callable[[Path], Script] | None = None) -> None:
    """What `drama render` of a book's episode into its folder and the studio's "render
    changes" record after the render, in one place: record_rendered_script of the bytes
    the render read (`data`, parsed as `script`) and the sound of the episode and of the
    book's other episodes, as book.json lists them (book_scripts; `read`: how a script is
    read, the studio's from what it holds). The two took the other episodes from two lists
    before: a studio opened before a build added an episode saw a voice as the rendered
    episode's alone that the new one used too (review38)."""
    try:
        others = others_sound(casting, book_scripts(folder, read), name)
    except DramaError:  # book.json unreadable: no voice recorded, the script's record tried
        others = None
    record_rendered_script(folder, name, data, sound_record(casting, [script]), others)


def book_scripts(folder: Path, read: Callable[[Path], Script] | None = None
                 ) -> list[tuple[str, object]]:
    """(name, its Script or the DramaError reading it) for each episode book.json lists;
    `read` (default scriptfile.load_script) reads a script's file."""
    from ..scriptfile import load_script
    from .whole import read_index
    read = read or load_script
    found: list[tuple[str, object]] = []
    for entry in read_index(folder)["episodes"]:
        try:
            found.append((entry["name"], read(Path(folder) / entry["script"])))
        except (DramaError, KeyError, TypeError) as exc:
            found.append((str(entry.get("name")), DramaError(str(exc))))
    return found


def others_sound(casting: Casting, scripts: list, name: str) -> dict | None:
    """sound_record of the book's episodes but `name` (`scripts`: (name, Script or the
    error reading it) for each), for record_rendered_script; None when one cannot be read
    (the voices it uses are not known: none is recorded)."""
    others = [script for other, script in scripts if other != name]
    if not all(isinstance(script, Script) for script in others):
        return None
    return sound_record(casting, others)


def recorded_alone(record: dict, episode: dict, others: dict) -> None:
    """book.json's record of voices (or lexicon words) with the episode's own record
    (`episode`: name -> settings) where no other episode uses the name (`others`). A name
    the episode no longer uses (a lexicon entry removed) stays as recorded: whether
    another episode says the removed word is not known here (changes_since names it
    only when one does)."""
    for key, value in episode.items():
        if key not in others:
            record[key] = value


def file_stamp(path: Path) -> tuple | None:
    """What tells a file written again from itself: its mtime, size and inode (None when
    it cannot be read)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def recorded_meanwhile(folder: Path, ours: dict, first: dict, left: dict,
                       sounds: Callable[[], dict[str, dict]]) -> dict[str, dict]:
    """A build's record of voices, lexicon and scripts (`ours`, its RECORDED keys) as it
    writes its last book.json, holding its lock (index_locked), with what a render outside
    the build recorded meanwhile (record_rendered_script) kept. `first`: the record the
    build wrote first (the last build's, _as_recorded); `left`: each episode's manifest as
    the build left it (name -> (manifest, file_stamp)); `sounds`: each episode's
    sound_record as the build spoke it (asked for only when a voice or word was recorded
    meanwhile). An episode written after the build left it (its manifest no longer the
    one left) keeps the script recorded for it since the build's first write; a voice or
    word recorded since keeps that record when every episode the build spoke with it was
    written after the build left it: its audio is that render's (fix38, fix39). The
    build's last write won before."""
    try:
        now = read_json(Path(folder) / INDEX)
    except (OSError, ValueError):
        return ours
    if not isinstance(now, dict):
        return ours
    first = first if isinstance(first, dict) else {}
    kept = {key: dict(ours[key]) for key in RECORDED if isinstance(ours.get(key), dict)}
    theirs = {name for name in kept.get("scripts", {}) if _written_after(left.get(name))}
    changed = {key: _changed_since(now.get(key), first.get(key)) for key in kept}
    for name, value in changed.pop("scripts", {}).items():
        if name in theirs and isinstance(value, str):
            kept["scripts"][name] = value
    if not theirs or not any(changed.values()):
        return kept
    spoken = sounds()
    for key, entries in changed.items():
        for entry, value in entries.items():
            if theirs.issuperset(name for name, sound in spoken.items() if entry in sound[key]):
                kept[key][entry] = value
    return kept


def _written_after(left: tuple | None) -> bool:
    """Whether an episode was written after the build left it (`left`: its manifest and
    file_stamp then; None when the build did not write it)."""
    manifest, stamp = left or (None, None)
    return manifest is None or file_stamp(Path(manifest)) != stamp


def _changed_since(now: object, first: object) -> dict:
    """The entries of book.json's record `now` that differ from the `first` the build wrote."""
    if not isinstance(now, dict):
        return {}
    first = first if isinstance(first, dict) else {}
    return {entry: value for entry, value in now.items() if first.get(entry) != value}


SCRIPTS_NAMED = 4
"""How many changed scripts a build names (the rest counted)."""


def _spoken_texts(scripts: list[Script]) -> Iterator[str]:
    return (line.text for script in scripts for line in script.lines if line.spoken)


def changes_since(previous: dict, now: dict[str, dict], scripts: list[Script]) -> list[str]:
    """'voices changed: Mrs. Pike (rate)', 'pronunciations changed: Smolny, Tsereteli',
    '005-chapter-v script changed': one line for each kind of change between the last
    build's book.json and this build's record (sound_record of `scripts`, script_record),
    none when nothing changed or the old book.json lacks that record (an earlier drama's,
    a hand-edited one)."""
    said = []
    voices = voices_changed(previous.get("voices"), now["voices"])
    if voices:
        said.append(f"voices changed: {', '.join(voices)}")
    words = words_changed(previous.get("lexicon"), now["lexicon"], scripts)
    if words:
        said.append(f"pronunciations changed: {', '.join(words)}")
    edited = scripts_changed(previous, now)
    if edited:
        rest = len(edited) - SCRIPTS_NAMED
        said.append(", ".join(edited[:SCRIPTS_NAMED]) + (f" and {rest} more" if rest > 0 else "")
                    + (" script changed" if len(edited) == 1 else " scripts changed"))
    return said


def scripts_changed(previous: dict, now: dict) -> list[str]:
    """The episodes, in the book's order, whose script file differs from the last build's
    (script_record), of those both builds have; none without a record before, or when the
    source changed (its scripts extracted again, each records the new text's hash)."""
    before = previous.get("scripts")
    same_text = previous.get("source_sha256") == now.get("source_sha256")
    if not isinstance(before, dict) or not same_text:
        return []
    return [name for name, sha in now.get("scripts", {}).items()
            if name in before and before[name] != sha]


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


def words_changed(before: object, now: dict[str, str], scripts: list[Script]) -> list[str]:
    """The lexicon's words added, removed or said another way since the last build (each
    changes how the lines holding it are spoken), sorted; none without a record before. A
    word the record before holds and this one lacks is named only when the scripts say it
    (its entry removed): a book.json of before fix36 recorded every entry, said or not."""
    if not isinstance(before, dict):
        return []
    changed = {word for word in before.keys() | now.keys() if before.get(word) != now.get(word)}
    gone = before.keys() - now.keys()
    entries = [LexiconEntry(word, str(before[word])) for word in gone if word.strip()]
    said = {e.word for e in entries_said(Lexicon(entries), _spoken_texts(scripts))}
    return sorted(changed - (gone - said))
