"""voices.yaml -> Casting (validated), and automatic casting of new speakers.

The file is the user's workspace: new speakers are appended as text, so comments, order
and hand edits survive byte for byte. One file serves a whole series: a speaker cast once
keeps that voice in every later episode.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import gcpause
from ..engines import Voice
from ..errors import CastingError, OutputError
from ..files import (check_output, make_folder, os_error_message, read_regular, sweep_leftovers,
                     write_atomic)
from ..locks import FileLock, acquire_saying_so, lock_timeout
from ..model import DIALOGUE, NARRATOR, CharacterEntry, Script, name_key, speaker_label
from ..wording import NAMES_SAID, counted, names_said, pasteable_names, plural, possessive
from yaml.nodes import MappingNode

from .aliases import AliasFinding, voiced_by_alias
from .auto import VoicePool, choose_voices

from .load import CastingProblems, casting_from_text, compose, load_casting, read_casting_text
from .model import DEFAULT_NARRATOR, Casting, VoiceEntry
from .textedit import add_aliases, append_speakers, flow_entry, yaml_key
from .voices import (VoiceCatalog, closest_voices, engine_voice_ids, espeak_variants,
                     variant_genders, voice_known)

__all__ = ["Casting", "VoiceEntry", "CastingProblems", "load_casting", "SpeakerGender",
           "cast_speakers", "cast_plan", "CastPlan", "Added", "joined_said", "typo_said",
           "engine_voice_ids",
           "speaker_genders", "speaker_report",
           "SpeakerRow", "voice_known", "closest_voices", "espeak_variants", "variant_genders",
           "script_source_text", "VoiceCatalog", "check_casting_path"]

log = logging.getLogger(__name__)

HEADER = ("# Voice casting for drama: one entry per speaker.\n"
          "# Edit freely: `drama cast`, `render` and `build` only append new speakers.\n")


def script_source_text(script: Script) -> str | None:
    """The source text a script's offsets index into, when it is still there unchanged (a
    book episode's part moved in it: its offsets moved there, fidelity.aligned_to_its_text)."""
    from ..fidelity import aligned_to_its_text
    from ..source import read_source_text
    if not script.source or not Path(script.source).is_file():
        return None
    try:
        text = read_source_text(script.source)
    except Exception:  # an unreadable source only costs the gender evidence
        return None
    return text if aligned_to_its_text(script, text) else None


GENDER_NAMES = {"m": "male", "f": "female"}


@dataclass
class SpeakerGender:
    """A speaker's gender as casting uses it, read from the scripts' characters sections."""

    gender: str
    """female, male, neutral (several people) or unknown."""
    lean: str | None = None
    """female or male: where the evidence points however weakly, to pick a voice pool."""


def script_characters(scripts: list[Script], source_texts: list[str | None] | None = None
                      ) -> list[list[CharacterEntry]]:
    """Each script's characters section; a script from before the section existed gets it
    now from its source text, when that is there unchanged (or source_texts)."""
    from ..extract.inventory import characters_for_script
    out = []
    for i, script in enumerate(scripts):
        entries = script.characters
        if entries is None:
            text = source_texts[i] if source_texts and i < len(source_texts) else None
            entries = characters_for_script(script, text or script_source_text(script))
        out.append(entries)
    return out


def speaker_genders(scripts: list[Script], source_texts: list[str | None] | None = None,
                    characters: list[list[CharacterEntry]] | None = None
                    ) -> dict[str, SpeakerGender]:
    """Every dialogue speaker's gender, as the scripts' characters sections give it.

    Genders are inferred once, by the extractor (drama/extract/gender.py), and written in
    the script; a person may correct them there. Casting only reads them: a speaker with
    no entry (a name a person typed into a line) is judged by the name alone, and a script
    from before the section existed gets it now from its source text, when that is there
    unchanged (or source_texts). Across scripts, an entry's own gender wins when they
    agree, and their evidence is added up when they do not. `characters`: the scripts'
    sections as script_characters gives them, when read already.
    """
    from ..extract.gender import Evidence, label_evidence
    decided: dict[str, set[str]] = {}
    evidence: dict[str, Evidence] = {}
    if characters is None:
        characters = script_characters(scripts, source_texts)
    for script, entries in zip(scripts, characters):
        by_name = {name_key(e.name): e for e in entries}
        speakers = dict.fromkeys(ln.speaker for ln in script.lines
                                 if ln.kind == DIALOGUE and ln.speaker != NARRATOR)
        for s in speakers:
            entry = by_name.get(name_key(s))
            ev = Evidence.from_dict(entry.evidence) if entry else label_evidence(s)
            gender = entry.gender if entry else (ev.decide() or "unknown")
            evidence.setdefault(s, Evidence()).add(ev)
            decided.setdefault(s, set()).add(gender)
    out = {}
    for s, ev in evidence.items():
        genders = decided[s] - {"unknown"}
        if ev.group and not genders:
            out[s] = SpeakerGender("neutral")
            continue
        g = next(iter(genders)) if len(genders) == 1 else ev.decide() if genders else None
        lean = ev.lean()
        out[s] = SpeakerGender(GENDER_NAMES.get(g or "", "unknown"),
                               GENDER_NAMES.get(g or lean or ""))
    return out


def _line_counts(scripts: list[Script]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for script in scripts:
        for line in script.lines:
            if line.kind == DIALOGUE and line.speaker != NARRATOR:
                counts[line.speaker] = counts.get(line.speaker, 0) + 1
    return counts


def write_bytes_atomic(path: str | os.PathLike, text: str,
                       before_replace: Callable[[], None] | None = None) -> None:
    """Write exactly these characters (no newline translation) through a temporary file
    beside the real file (a symbolic link is written through), keeping the file's mode; an
    OutputError naming the file when it cannot be written. `before_replace` as in
    drama.files.write_atomic."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    write_atomic(real, text, mode=mode, before_replace=before_replace)


WRITE_ATTEMPTS = 3
"""Times an append is redone when the file changed while it was being written (an editor)."""


def casting_lock_path(path: str | os.PathLike) -> Path:
    """The lock file beside the real casting file (behind any symbolic link), so every
    command appending to it, by whatever link, takes the same lock."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


def check_casting_path(path: str | os.PathLike) -> None:
    """Refuse, before it is read or written, a casting file path that is not a regular file
    or nothing yet (a pipe, a device, a folder, a symbolic link to nothing), with the error
    an `-o` gets (drama.files.check_output)."""
    check_output(path, role="casting file")


def _read_current(path: str, voice_ids, before: tuple[str, Casting, bool] | None = None
                  ) -> tuple[str, Casting, bool]:
    """The casting file's text, its validated Casting, and whether it exists; `before`, an
    earlier read of it, as it is when the file still holds its text (reading a series'
    30,000 speakers again took seconds)."""
    if not Path(path).exists():
        return "", Casting(narrator=DEFAULT_NARRATOR, path=path), False
    text = read_casting_text(path)
    if before is not None and before[2] and before[0] == text:
        return before
    return text, casting_from_text(text, path, voice_ids), True


def _uncast(casting: Casting, speakers: list[str]) -> list[str]:
    """The speakers (labels, in order, once each) the casting has no voice for."""
    new: list[str] = []
    folded: set[str] = set()
    for s in speakers:
        s = speaker_label(s)
        if s and s != NARRATOR and not casting.has(s) and name_key(s) not in folded:
            new.append(s)
            folded.add(name_key(s))
    return new


def _refuse_read_only(path: str, new: list[str]) -> None:
    """A CastingError when the casting file exists but its mode says it is not to be written."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not mode & 0o222 or not os.access(path, os.W_OK):
        shown = ", ".join(new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5 else "")
        raise CastingError(f"is read-only, so the new {plural(len(new), 'speaker')} {shown} "
                           f"cannot be added; make it writable (chmod u+w) or add "
                           f"{'it' if len(new) == 1 else 'them'} by hand", path=path)


@gcpause.gc_paused()  # one pause: the collector's passes after each step walked the whole cast
def cast_speakers(path: str | os.PathLike, speakers: list[str], voices: list[Voice],
                  scripts: list[Script] | None = None,
                  source_texts: list[str | None] | None = None,
                  neural: list[Voice] | None = None,
                  catalog: VoiceCatalog | None = None) -> Added:
    """Append every speaker not yet cast to voices.yaml; the names added, in order (and,
    as the result's `joined`, those added to another entry's aliases instead).

    Nothing already in the file changes: new entries are appended as text. A new speaker
    whose characters entry (in any script given) names them by a name or alias voices.yaml
    voices already speaks in that voice instead: their label is added to that entry's
    aliases, as `drama speakers merge` adds it (see casting/aliases.py for when it is not,
    said once). With scripts voices are chosen by each speaker's gender (from the scripts'
    characters sections; a script without one is judged from source_texts, else its
    `source`) and line count: main
    characters far apart, one- and two-line speakers from the extras set. `neural` voices
    (Piper's), when given, go to the main characters first, one role each (and to the
    narrator of a new file). `catalog` checks the existing file's voices (default:
    `voices`' ids only). Raises CastingError (every problem, with lines) if the existing
    file is invalid; it is then left untouched.

    Safe with other commands appending at once: the append holds a lock file beside the
    casting file (waiting up to `lock_timeout()` seconds) and re-reads the file under it.
    A symbolic link is written through (the file it points to gains the speakers, keeping
    its mode); a read-only file is a CastingError.
    """
    p = str(path)
    check_casting_path(p)
    voice_ids = catalog or engine_voice_ids(voices)
    read = _read_current(p, voice_ids)
    new = _uncast(read[1], speakers)
    if not new and read[2]:
        return Added()
    _refuse_read_only(p, new)
    # the slow part, before taking the lock: it depends on the scripts only
    characters = script_characters(scripts or [], source_texts)
    evidence = (_line_counts(scripts or []),
                speaker_genders(scripts or [], source_texts, characters))
    with casting_locked(p):
        for _ in range(WRITE_ATTEMPTS):
            # another may have appended meanwhile; the first read, once, if none did
            text, casting, exists = _read_current(p, voice_ids, read)
            read = None
            added = _cast_once(p, text, casting, exists, speakers, voice_ids, characters,
                               lambda: _Choice(VoicePool(voices, neural),
                                               engine_voice_ids(voices), evidence,
                                               bool(scripts)))
            if added is not None:
                return added
        raise CastingError("the file kept changing while speakers were added (is an editor "
                           "saving it?); run again", path=p)


def _cast_once(p: str, text: str, casting: Casting, exists: bool, speakers: list[str],
               voice_ids, characters: list[list[CharacterEntry]],
               choice: Callable[[], _Choice]) -> Added | None:
    """One try of cast_speakers under the lock, on the file's text as just read (its
    entries `casting`): the speakers added (or joined to an entry's aliases), or None when
    the file changed before the write (nothing written: read it again)."""
    new = _uncast(casting, speakers)
    if not new and exists:
        return Added()
    _refuse_read_only(p, new)
    found = voiced_by_alias(casting, new, characters)
    text_aliased, joined, refused = _aliases_recorded(p, text, found.joined)
    new = [s for s in new if s not in joined]
    if new or not exists:
        new_text = _appended(p, text_aliased, casting, new, choice(), voice_ids)
    else:
        new_text = text_aliased
    _check_aliases(new_text, p, voice_ids, joined)
    if not _write_casting(p, new_text, text):
        return None
    log.info("%s: cast %s", p, counted(len(new), "new speaker"))
    _say_aliases(p, joined, left_apart(found, refused))
    _warn_of_typos(p, casting, new)
    return Added(new, joined)


def _aliases_recorded(path: str, text: str, joined: dict[str, str]
                      ) -> tuple[str, dict[str, str], dict[str, str]]:
    """The casting file's text with each joined speaker added to the aliases of the entry
    that voices them (a text edit, as `drama speakers merge` makes it); the speakers so
    recorded, and those whose entry's layout refused it (-> why: they are cast anew)."""
    by_voice: dict[str, list[str]] = {}
    for speaker, voice in joined.items():
        by_voice.setdefault(voice, []).append(speaker)
    recorded: dict[str, str] = {}
    refused: dict[str, str] = {}
    for voice, names in by_voice.items():
        try:
            text = add_aliases(text, voice, names)
        except CastingError as exc:
            refused.update({n: exc.message for n in names})
            continue
        recorded.update({n: voice for n in names})
    return text, recorded, refused


def _check_aliases(text: str, path: str, voice_ids, joined: dict[str, str]) -> None:
    """Refuse to write unless each joined speaker reads back as voiced by its entry."""
    if not joined:
        return
    after = casting_from_text(text, path, voice_ids)
    for speaker, voice in joined.items():
        if after.cast_name(speaker) != voice:
            raise CastingError(f"could not add {speaker!r} to the aliases of {voice!r} "
                               "safely; add it by hand", path=path)


class Added(list):
    """The speakers cast_speakers gave a voice of their own, in order; `joined`: those it
    added to another entry's aliases instead (speaker -> that entry), which cast no voice."""

    def __init__(self, names=(), joined: dict[str, str] | None = None):
        super().__init__(names)
        self.joined = dict(joined or {})


def joined_said(joined: dict[str, str]) -> str:
    """The speakers added to other entries' aliases, entry by entry, as said: "Captain
    Brannock added to the aliases of Brannock; Nurse Hollis added to the aliases of Hollis"
    (review41: one list of speakers and one of entries did not say whose alias each became);
    the first NAMES_SAID entries, and how many more."""
    by_entry: dict[str, list[str]] = {}
    for speaker, entry in joined.items():
        by_entry.setdefault(entry, []).append(speaker)
    said = [f"{names_said(speakers)} added to the aliases of {entry}"
            for entry, speakers in list(by_entry.items())[:NAMES_SAID]]
    rest = len(by_entry) - NAMES_SAID
    return "; ".join(said + ([f"and {counted(rest, 'more entry', 'more entries')}"]
                             if rest > 0 else []))


def left_apart(found: AliasFinding, refused: dict[str, str]) -> dict[str, str]:
    """The new speakers whose names lead to a voice but who are cast with one of their own
    -> why, as said: their aliases could not settle it, or that entry's layout refused."""
    apart = {speaker: f"{why}; if they are one person, `drama speakers merge` them"
             for speaker, why in found.unclear.items()}
    apart.update({speaker: f"it could speak in {possessive(found.joined[speaker])} voice, "
                           f"but {why}" for speaker, why in refused.items()})
    return apart


def _say_aliases(path: str, joined: dict[str, str], apart: dict[str, str]) -> None:
    """Say, once each, the speakers given a voice through their characters aliases and
    those left with a voice of their own (see left_apart)."""
    for speaker, voice in joined.items():
        log.warning("%s: %s speaks in %s voice (the script's characters give them that "
                    "name too): added to its aliases", path, speaker, possessive(voice))
    for speaker, why in apart.items():
        log.warning("%s: %s is cast with a voice of its own: %s", path, speaker, why)


def _warn_of_typos(path: str, casting: Casting, new: list[str]) -> None:
    """Warn of each new speaker written like one cast already (walk30: a script's speaker
    changed by hand to "Mrs Miller" got a voice of its own beside Mrs. Miller's)."""
    for name, like in written_like(casting, new).items():
        log.warning("%s", typo_said(path, name, like))


def written_like(casting: Casting, new: list[str]) -> dict[str, str]:
    """The new speakers written like a speaker cast already -> that speaker."""
    return {name: like for name in new if (like := casting.written_like(name)) is not None}


def typo_said(path: str, name: str, like: str, would: bool = False) -> str:
    """The warning of a new speaker written like one cast already, the two names shown
    so they differ on the screen (newcomer41: "Old\xa0Tobin is new ... written like Old
    Tobin" printed as one name twice); `would`: as a dry run says it."""
    new, old = _shown(name), _shown(like)
    return (f"{path}: {new} {'would be' if would else 'is'} new, with a voice of its own, and "
            f"written like {old}, cast already: if the script meant {old}, write it so there "
            f"(or `drama speakers merge -s SCRIPT {pasteable_names(like, name)}`)")


def _shown(name: str) -> str:
    """A name as said, quoted with its odd characters escaped where a plain print would
    hide them (a no-break space, a zero-width one, two spaces running)."""
    return repr(name) if not name.isprintable() or "  " in name else name


@contextmanager
def casting_locked(path: str | os.PathLike):
    """Hold the casting file's lock (see casting_lock_path) for a read-change-write of it,
    waiting up to `lock_timeout()` seconds; a CastingError when another command keeps it.
    Leftovers of a killed writer beside the file are removed once the lock is held."""
    p = str(path)
    check_casting_path(p)
    timeout = lock_timeout()
    lock = FileLock(casting_lock_path(p))
    try:
        make_folder(lock.path.parent)
        if not acquire_saying_so(lock, timeout, f"{p}: another drama command is "
                                                "editing it"):
            raise CastingError(f"another drama command is editing this file (waited "
                               f"{timeout:g} s for {lock.path}); run again when it has "
                               "finished", path=p)
    except OSError as exc:
        raise CastingError(f"cannot lock for writing ({lock.path}): {os_error_message(exc)}",
                           path=p) from None
    try:
        sweep_leftovers(lock.path.parent)
        yield
    finally:
        lock.release()


@dataclass
class CastPlan:
    """What `drama cast` would do now, done nowhere: `drama cast --dry-run`."""

    entries: list[tuple[str, str]]
    """The speakers' entries it would append, as (yaml key, flow mapping) pairs."""
    new_text: str | None
    """The whole file as it would write it; None when nothing would be written, or when
    the file's layout refuses the append (`speakers: *cast`: they are added by hand)."""
    creates: bool
    """Whether the file is new or empty, so the run writes it whole (header, narrator)."""
    casting: Casting
    """The cast as it would be after the run: the report's voices."""
    refusal: str | None = None
    """Why the real run would write nothing (a read-only file): its error, else None."""
    joined: dict[str, str] = field(default_factory=dict)
    """The speakers it would add to another entry's aliases (-> that entry): their
    characters entries give them a name that entry voices (casting/aliases.py)."""
    apart: dict[str, str] = field(default_factory=dict)
    """The speakers whose names lead to a voice that it would cast with one of their own
    (-> why, as the real run warns: left_apart)."""
    typos: dict[str, str] = field(default_factory=dict)
    """The new speakers written like one cast already (-> that one), as the real run
    warns of them (written_like)."""


@gcpause.gc_paused()
def cast_plan(path: str | os.PathLike, speakers: list[str], voices: list[Voice],
              scripts: list[Script] | None = None,
              source_texts: list[str | None] | None = None,
              neural: list[Voice] | None = None,
              catalog: VoiceCatalog | None = None) -> CastPlan:
    """What cast_speakers would write now, written nowhere (arguments as its): the same
    voices, the narrator of a new file, the cast a report after it would show."""
    p = str(path)
    check_casting_path(p)
    voice_ids = catalog or engine_voice_ids(voices)
    text, casting, exists = _read_current(p, voice_ids)
    new = _uncast(casting, speakers)
    creates = not isinstance(compose(text, p), MappingNode)
    if not new and exists:
        return CastPlan([], None, False, casting)
    try:
        _refuse_read_only(p, new)
        refusal = None
    except CastingError as exc:
        refusal = exc.message
    characters = script_characters(scripts or [], source_texts)
    evidence = (_line_counts(scripts or []),
                speaker_genders(scripts or [], source_texts, characters))
    found = voiced_by_alias(casting, new, characters)
    text_aliased, joined, refused = _aliases_recorded(p, text, found.joined)
    new = [s for s in new if s not in joined]
    typos = written_like(casting, new)  # before the new ones join the cast
    choice = _Choice(VoicePool(voices, neural), engine_voice_ids(voices), evidence,
                     bool(scripts))
    entries, chosen, narrator = _chosen_entries(p, text_aliased, casting, new, choice)
    try:
        new_text = _with_entries(p, text_aliased, casting, entries, chosen, narrator,
                                 voice_ids) if new or not exists else text_aliased
    except CastingError:
        new_text = None  # the real run refuses, naming what to add by hand
    casting.speakers.update(chosen)
    for speaker, voice in joined.items():
        casting.add_alias(voice, speaker)
    if refusal is not None:
        new_text = None
    return CastPlan(entries, new_text, creates, casting, refusal, joined,
                    left_apart(found, refused), typos)


@dataclass
class _Choice:
    """What choosing the new speakers' voices reads, the same in a real run and in a plan
    (cast_speakers, cast_plan)."""

    pool: VoicePool
    """The voices to choose from (a fresh pool for each choice: choosing takes from it)."""
    default_ids: set[str]
    """The engine's own voice ids, for a new file's narrator."""
    evidence: tuple
    """(each speaker's line count, each speaker's gender guess) from the scripts."""
    by_lines: bool
    """Whether the scripts were given: main characters are those with the most lines."""


def _chosen_entries(path: str, text: str, casting: Casting, new: list[str], choice: _Choice
                    ) -> tuple[list[tuple[str, str]], dict[str, VoiceEntry], str]:
    """Voices chosen for the new speakers: their entries as written to the file ((yaml key,
    flow mapping) pairs), the VoiceEntry of each, and the narrator's flow mapping (written
    only to a file that has none yet, whose narrator is chosen here)."""
    pool, default_ids, by_lines = choice.pool, choice.default_ids, choice.by_lines
    counts, guesses = choice.evidence
    empty = not isinstance(compose(text, path), MappingNode)
    if empty and pool.neural:
        # a new file with neural voices: the narrator, heard most, gets the first of them
        casting.narrator = pool.neural[0].entry()
    elif empty and not voice_known(casting.narrator.voice, default_ids):
        # a new file for an engine without the default narrator voice: its first voice
        first = (pool.candidates(None) or [None])[0]
        if first is not None:
            casting.narrator = first.entry() if first.engine else \
                VoiceEntry(voice=first.voice, rate=165, pitch=45)
    genders = {s: guesses[s].gender for s in new if s in guesses}
    leans = {s: guesses[s].lean for s in new if s in guesses}
    chosen = choose_voices(new, [casting.narrator, *casting.speakers.values()],
                           pool, genders, counts if by_lines else None, leans=leans)
    entries = [(yaml_key(s), flow_entry(_fields(e) | {"gender": e.gender}))
               for s, e in chosen.items()]
    return entries, chosen, flow_entry(_fields(casting.narrator))


def _appended(path: str, text: str, casting: Casting, new: list[str], choice: _Choice,
              voice_ids) -> str:
    """The casting file's text with voices chosen for the new speakers appended."""
    entries, chosen, narrator = _chosen_entries(path, text, casting, new, choice)
    return _with_entries(path, text, casting, entries, chosen, narrator, voice_ids)


def _with_entries(path: str, text: str, casting: Casting, entries: list[tuple[str, str]],
                  chosen: dict[str, VoiceEntry], narrator: str, voice_ids) -> str:
    """The casting file's text with the chosen entries appended (a new or empty file gets
    the header and the narrator too), checked to read back as the cast it should be; a
    CastingError naming the file when its layout refuses the append or it would not."""
    if not text.strip():
        text += HEADER
    try:
        new_text = append_speakers(text, entries, narrator=narrator)
    except CastingError as exc:
        raise CastingError(exc.message, path=path) from None  # it says what to do
    _check_append(casting, new_text, path, voice_ids, chosen)
    return new_text


def _write_casting(path: str, new_text: str, based_on: str) -> bool:
    """Replace the real file behind path with new_text, keeping its mode; False (nothing
    written) when the file no longer holds `based_on`, the text the append was made from."""
    def unchanged() -> None:
        try:
            current = read_regular(path)
        except FileNotFoundError:
            current = b""
        if current != based_on.encode("utf-8"):
            raise _ChangedMeanwhile

    try:
        write_bytes_atomic(path, new_text, before_replace=unchanged)
    except _ChangedMeanwhile:
        return False
    except OutputError as exc:
        raise CastingError(f"cannot write: {exc.message}", path=path) from None
    return True


class _ChangedMeanwhile(Exception):
    """The casting file changed between reading it and replacing it."""


def _fields(e: VoiceEntry) -> dict:
    """An entry's settings as written to voices.yaml (no pitch for Piper, which has none)."""
    if e.engine == "piper":
        return {"engine": e.engine, "voice": e.voice, "speaker": e.speaker, "rate": e.rate}
    return {"engine": e.engine, "voice": e.voice, "rate": e.rate, "pitch": e.pitch}


def _check_append(before: Casting, text: str, path: str, voice_ids,
                  chosen: dict[str, VoiceEntry]) -> None:
    """Refuse to write unless the new text reads back as the old cast plus the new entries."""
    try:
        after = casting_from_text(text, path, voice_ids)
    except CastingError as exc:
        raise CastingError("could not append new speakers safely to this file's layout "
                           f"({exc}); add them by hand", path=path) from None
    old = {k: v.sound() for k, v in before.speakers.items()}
    for name, entry in chosen.items():
        old[name] = entry.sound()
    got = {k: v.sound() for k, v in after.speakers.items()}
    if got != old or after.narrator.sound() != before.narrator.sound():
        raise CastingError("could not append new speakers safely to this file's layout; "
                           "add them by hand", path=path)


@dataclass
class SpeakerRow:
    """One line of the cast report."""

    speaker: str
    lines: int
    words: int
    voice: str | None
    """The voice id, with pitch and rate, or None if the speaker is not cast."""
    gender: str
    """From the casting file when a person (or the caster) wrote it, else inferred + '?'."""
    cast_as: str | None = None
    """The casting entry that voices the speaker, when it is an alias."""


def speaker_report(scripts: list[Script], casting: Casting,
                   source_texts: list[str | None] | None = None) -> list[SpeakerRow]:
    """Every speaker of the scripts with lines, words, voice and gender; most lines first."""
    lines: dict[str, int] = {}
    words: dict[str, int] = {}
    for script in scripts:
        for line in script.lines:
            lines[line.speaker] = lines.get(line.speaker, 0) + 1
            words[line.speaker] = words.get(line.speaker, 0) + len(line.text.split())
    guesses = speaker_genders(scripts, source_texts)
    rows = []
    for s in lines:
        entry = casting.entry_for(s)
        name = casting.cast_name(s)
        if s == NARRATOR:
            gender = entry.gender or "-"
        elif entry is not None and entry.gender:
            gender = entry.gender
        else:
            g = guesses.get(s)
            gender = f"{g.gender}?" if g else "unknown?"
        voice = entry.describe() if entry else None
        rows.append(SpeakerRow(s, lines[s], words[s], voice, gender,
                               name if name not in (None, s, NARRATOR) else None))
    rows.sort(key=lambda r: (r.speaker != NARRATOR, -r.lines, r.speaker))
    return rows
