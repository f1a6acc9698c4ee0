"""The whole job as plain functions: text or script in, script, casting and episode out."""
from __future__ import annotations

import logging
import os
import threading
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .casting import CastingProblems, VoiceCatalog, cast_speakers, load_casting
from .engines import EngineSet, choose_engines
from .errors import DramaError, InputError, OutputError, ScriptError
from .files import (NOT_REGULAR_INPUT, RENDER_FOLDER, check_output, check_writable, file_stem,
                    make_folder, old_file_stem, output_error, sweep_leftovers)
from .export import export_script, write_subtitles
from .extract import STAGES as EXTRACT_STAGES, extract_file, extract_script
from .locks import FileLock, acquire_saying_so, lock_timeout
from .model import Script
from .render import RenderResult, render_script
from .scriptfile import (SCRIPT_ENDINGS, is_script_path, load_script, read_input,
                         require_valid_spans, save_script, text_sha256, write_atomic)
from .source import SourceBook, read_source_text
from .wording import counted

log = logging.getLogger(__name__)

def load_any(path: str | os.PathLike, folders: tuple = ()) -> Script:
    """A script file as edited, or a text file extracted now (saying so when this text has
    a script a person edited, in output/, beside the text or in one of `folders`: it is not
    read here, and its edits would be ignored unsaid; `drama render TEXT` reads it instead,
    see script_of_text)."""
    if is_script_path(path):
        return load_script(path)
    warn_of_edited_script(Path(path), text_script_folders(Path(path), folders))
    script = extract_file(path)
    log.info("%s: script extracted", path)
    return script


def text_script_folders(source: Path, folders: tuple = ()) -> tuple[Path, ...]:
    """Where a text's saved script may be, first looked at first: `folders` (a command's
    output folder), output/, the text's own folder, and the folder the command runs in
    (`cd output; drama render ../story.txt`: output/ is then ".")."""
    return (*map(Path, folders), Path(RENDER_FOLDER), source.parent, Path("."))


def saved_scripts(source: Path, folders, *, strict: bool = False) -> list[Path]:
    """Every saved script of `source` in folders, once each: a script file whose recorded
    source is this text (records_source). In each folder <name>.script.yaml (or .json, where
    build leaves it) comes first, then any other (`drama extract TEXT -o output/000.script.yaml`,
    as the README names it), by name. A file that cannot be read as a script is none, but
    with `strict` one named after the text raises its error (a person's edit that broke it:
    the text's script, as build would read it, is not to be passed over unsaid)."""
    found, seen = [], set()
    for folder in folders:
        named = _named_scripts(Path(folder), source)
        for candidate in _script_files(Path(folder), source):
            try:
                key = candidate.resolve()
                if key in seen:
                    continue
                seen.add(key)
                script = load_script(candidate)
            except (DramaError, OSError) as e:
                if strict and candidate in named:
                    raise e if isinstance(e, DramaError) else InputError(
                        f"cannot read it: {e.strerror or e}", path=str(candidate)) from e
                continue
            if records_source(script, candidate, source):
                found.append(candidate)
    return found


def records_source(script: Script, script_path: Path, source: Path) -> bool:
    """Whether a saved script was extracted from the text `source`: the file it records (as
    given, or from the script's folder or the one above, as fidelity.find_source looks) is
    that text; or, when the recorded file is nowhere (the text moved), it has the text's name.
    A script recording another text of the same name that is still there (a/story.txt and
    b/story.txt sharing output/) is that text's, not this one's."""
    if not script.source:
        return False
    recorded = Path(script.source)
    base = Path(os.path.normpath(script_path.parent))
    there = [c for c in dict.fromkeys((recorded, base / recorded,
                                       Path(os.path.normpath(base / os.pardir)) / recorded))
             if c.is_file()]
    if not there:
        return recorded.name == source.name
    return any(_same_file(c, source) for c in there)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _named_scripts(folder: Path, source: Path) -> list[Path]:
    """The files of a folder named as `source`'s script."""
    return [folder / f"{file_stem(source)}{ending}" for ending in (".script.yaml",
                                                                  ".script.json")]


def _script_files(folder: Path, source: Path) -> list[Path]:
    """The script files in a folder, the ones named after `source` first."""
    named = _named_scripts(folder, source)
    try:
        others = sorted(p for p in folder.iterdir()
                        if p.name.lower().endswith(SCRIPT_ENDS) and p not in named)
    except OSError:  # no such folder, or one that cannot be listed
        others = []
    return [p for p in named + others if p.is_file()]


SCRIPT_ENDS = (".script.yaml", ".script.yml", ".script.json")
"""How a saved script's name ends (a proposal, .script.new.yaml, does not)."""


def is_edited(script_path: Path) -> bool:
    """Whether a saved script is a person's: it differs from its hidden copy (untouched)."""
    return not untouched(script_path, file_bytes(script_path))


def warn_of_edited_script(source: Path, folders) -> None:
    """Warn once per file when a saved script of `source` (saved_scripts) differs from its
    hidden copy (a person's edits), as a command given the text extracts it afresh instead
    of reading that script."""
    for candidate in saved_scripts(source, folders):
        try:
            if not is_edited(candidate):
                continue
        except DramaError:
            continue
        log.warning("%s: this text's script, edited, is not read: %s is extracted "
                    "afresh; to use your edits give the script instead: %s",
                    candidate, source, candidate)


def script_of_text(source: Path, folders: tuple = ()) -> tuple[Script, Path | None, bool]:
    """What `drama render TEXT` renders, as `drama build` would: the text's saved script
    (the first of saved_scripts in text_script_folders(source, folders)) through
    script_for_source, so a person's edits are never dropped: used as it stands while the
    text is unchanged; when the text changed, extracted again if nobody edited it, else
    kept and a proposal written beside it (a ScriptError says so). With no saved script, the
    text is extracted now and not saved.

    Returns (script, the saved script's path or None, whether it was used as it stands)."""
    saved = saved_scripts(source, text_script_folders(source, folders), strict=True)
    for candidate in saved[:1]:
        _warn_of_other_edited_scripts(source, candidate, saved[1:])
        script, reused = script_for_source(source, candidate, then=" and render again")
        return script, candidate, reused
    script = extract_file(source)
    log.info("%s: script extracted", source)
    return script, None, False


def _warn_of_other_edited_scripts(source: Path, used: Path, others: list[Path]) -> None:
    """Say which other saved scripts of `source` hold a person's edits that are not
    rendered (script_of_text takes the first), so no edits are passed over unsaid."""
    for other in others:
        try:
            if not is_edited(other):
                continue
        except DramaError:
            continue
        log.warning("%s: another script of %s, edited, is not read: %s is rendered; to "
                    "render your edits there give that script instead: %s",
                    other, source, used, other)


def source_text_of(script: Script, script_path: str | os.PathLike | None = None
                   ) -> str | None:
    """The source text a script indexes into, when it is still there unchanged: where the
    script records it, or, given the script's file, wherever `drama check` finds it
    (fidelity.find_source: a script given from inside its folder renders as from outside)."""
    from .fidelity import find_source
    found = find_source(script, script_path) if script_path is not None else script.source
    if not found or not Path(found).is_file():
        return None
    try:
        text = read_source_text(found)
    except InputError:
        return None
    if script.source_sha256 and text_sha256(text) != script.source_sha256:
        return None
    return text


@dataclass
class EpisodeResult:
    """What building one episode wrote."""

    name: str
    script: str
    text: str
    render: RenderResult | None
    """None when the episode failed (see error)."""
    reused_script: bool
    new_speakers: list[str] = field(default_factory=list)
    edited_script: bool = False
    """The script used as it stands is a person's (differs from its hidden copy)."""
    error: str | None = None
    """Why this episode could not be built (its file and line), or None."""


def baseline_path(script_path: Path) -> Path:
    """Where the script as extracted is kept, to tell a hand-edited script from an untouched one."""
    return script_path.with_name(f".{script_path.name}.extracted")


def pending_path(script_path: Path) -> Path:
    """The hidden copy of an extraction being written (see save_extracted): what the script
    becomes, kept until the hidden copy itself is replaced."""
    return script_path.with_name(f".{script_path.name}.extracted.pending")


def pair_lock_path(script_path: Path) -> Path:
    """The lock a run holds while it judges and writes a script and its hidden copy, so two
    runs writing different extractions of one script at once never pair one's script with
    the other's hidden copy (see _pair_locked)."""
    return script_path.with_name(f".{script_path.name}.extracted.lock")


_pairs_held = threading.local()


@contextmanager
def _pair_locked(script_path: Path):
    """Hold the script's pair lock (pair_lock_path), taken once a thread: a run that holds
    it already goes on. It waits as long as every lock (DRAMA_LOCK_TIMEOUT), saying so when
    the wait lasts. The lock file is removed as the lock is let go; one a killed run left is
    an empty file the next run takes and removes (the system has freed its lock)."""
    held = _pairs_held.__dict__.setdefault("paths", set())
    key = os.path.abspath(script_path)
    if key in held:
        yield
        return
    timeout = lock_timeout()
    make_folder(script_path.parent)  # the pair's first write makes it; the lock goes there
    lock = FileLock(pair_lock_path(script_path), removable=True)
    try:
        got = acquire_saying_so(lock, timeout, f"{script_path}: another drama run is "
                                               "writing this script")
    except OSError as exc:  # named: the script itself may be a file it can write
        raise output_error(exc, lock.path) from None
    if not got:
        raise OutputError(f"another drama run is writing this script (waited {timeout:g} s "
                          f"for {lock.path}); run again when it is done",
                          path=str(script_path))
    held.add(key)
    try:
        yield
    finally:
        held.discard(key)
        lock.release(remove=True)  # a file it cannot remove (Windows) stays: no error


def proposal_path(script_path: Path) -> Path:
    """Where a re-extraction with a person's edits carried over is offered for review: in
    the script's own format (a JSON script's proposal is JSON, so it can be moved over it)."""
    name = script_path.name
    ext = ".json" if script_path.suffix.lower() == ".json" else ".yaml"
    for end in (".script.yaml", ".script.yml", ".script.json"):
        if name.lower().endswith(end):
            stem = name[: -len(end)]
            break
    else:
        stem = script_path.stem
    return script_path.with_name(f"{stem}.script.new{ext}")


def file_bytes(path: Path) -> bytes | None:
    """A script's (or its copy's) bytes, or None when there is no file; an InputError
    naming it when it cannot be read as one (read_input)."""
    return read_input(path, "a script", missing_ok=True)


def untouched(script_path: Path, current: bytes | None, new: bytes | None = None) -> bool:
    """Whether a new extraction may replace the script file that holds `current` (None: no
    file): the one rule that keeps a person's edits. It may when there is no file, when the
    file is byte for byte its hidden copy (written as extracted, never edited since), or byte
    for byte `new`, what would be written. Anything else is a person's: never overwritten."""
    if current is None or current == new:
        return True
    # the pending copy too: a run killed between the script's rename and its copy's
    return current in (file_bytes(baseline_path(script_path)),
                       file_bytes(pending_path(script_path)))


class _ChangedMeanwhile(Exception):
    """The script file changed between judging it untouched and replacing it."""


def save_extracted(script: Script | str, script_path: Path, current: bytes | None) -> bool:
    """Write a new extraction (a Script, or its dumped text) to script_path and its hidden
    copy beside it, unless the file no longer holds `current`, the bytes judged `untouched`:
    an editor saved it meanwhile (extraction takes seconds). It is checked again last
    thing before the rename; then nothing is written and the result is False.

    The pair is written so that a kill at any point leaves a script `untouched` still knows
    as drama's: the new copy goes first to the pending copy (pending_path), then the script
    is replaced, then the pending copy becomes the hidden copy. A script that a killed run
    left equal to its pending copy has that copy made its hidden copy first, so the pending
    copy can take the new extraction.

    The whole update holds the script's pair lock (_pair_locked): another run's pending copy
    would otherwise become this one's hidden copy.
    """
    with _pair_locked(script_path):
        return _save_extracted(script, script_path, current)


def _save_extracted(script: Script | str, script_path: Path, current: bytes | None) -> bool:
    from .files import write_atomic as write_checked
    from .scriptfile import dump_script
    text = script if isinstance(script, str) else dump_script(script, _script_format(script_path))
    baseline, pending = baseline_path(script_path), pending_path(script_path)
    if current is not None and current != file_bytes(baseline) and \
            current == file_bytes(pending):
        _rename(pending, baseline)  # finish what a killed run began

    def unchanged() -> None:
        if file_bytes(script_path) != current:
            raise _ChangedMeanwhile

    write_checked(pending, text, named=script_path)  # a full disk: the script's error
    try:
        write_checked(script_path, text, before_replace=unchanged)
    except _ChangedMeanwhile:
        _discard_pending(script_path)
        return False
    except DramaError:  # not replaced (a full disk): its pending copy is no copy of it
        _discard_pending(script_path)
        raise
    _rename(pending, baseline)
    return True


def save_if_untouched(new: str, script_path: Path) -> bool:
    """Write a new extraction (its dumped text) over script_path if that is `untouched`, by
    save_extracted; whether it was. It is judged again holding the pair lock, so another run
    writing the same script at once (two builds of one folder) is seen as no person's edit;
    a file judged a person's is left alone without the lock (a read-only folder too)."""
    if not untouched(script_path, file_bytes(script_path), new.encode("utf-8")):
        return False
    with _pair_locked(script_path):
        for _ in range(2):
            current = file_bytes(script_path)
            if not untouched(script_path, current, new.encode("utf-8")):
                return False
            if save_extracted(new, script_path, current):
                return True
    return False


def _discard_pending(script_path: Path) -> None:
    """Remove the pending copy of a pair not written, unless the script holds what it does:
    then it is another run's, writing the same script at once (two builds of one folder),
    and that run renames it. One left behind is harmless; an error here would hide the one
    that matters."""
    pending = pending_path(script_path)
    try:
        if file_bytes(pending) != file_bytes(script_path):
            pending.unlink(missing_ok=True)
    except (OSError, DramaError):
        pass


def _rename(source: Path, target: Path) -> None:
    """Make the pending copy the hidden copy. One gone already was made so by another run
    writing the same script at once (it finished the pair as a killed run's)."""
    try:
        os.replace(source, target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise output_error(exc, target) from None  # the folder went read-only meanwhile


def _script_format(script_path: Path) -> str:
    return "json" if script_path.suffix.lower() == ".json" else "yaml"


def write_extraction(fresh: Script, script_path: Path, text: str, *, changed: str,
                     then: str = "") -> None:
    """Write a new extraction of `text` to script_path, unless a person's edits are there
    (see `untouched`, judged now and again just before the file is replaced). Then the file
    is kept as it is, the extraction with their edits carried over where the words are
    unchanged is written beside it (<name>.script.new.yaml), and a ScriptError says so:
    `changed` says why a new extraction was made, `then` what to do after the review."""
    from .scriptfile import dump_script
    new = dump_script(fresh, _script_format(script_path))
    if save_if_untouched(new, script_path):
        return
    log.info("%s has edits: the new extraction goes beside it", script_path)
    proposal = proposal_path(script_path)
    try:
        carried = carry_edits(load_script(script_path), fresh, text)
        merged, made = carried.script, carried.note()
    except (ScriptError, InputError):  # not a script (not even text): the extraction as it is
        merged, made = fresh, "with none of your edits carried over (the file is not a script)"
    if proposal.exists():
        try:
            current_proposal = load_script(proposal).source_sha256 == fresh.source_sha256
        except (ScriptError, InputError):
            current_proposal = False
        note = (f"{proposal} (already there, kept as is)" if current_proposal else
                f"{proposal} is from an older source: delete it and run again for a new one")
    else:
        save_script(merged, proposal)
        note = f"{proposal}, {made}"
    raise ScriptError(
        f"{changed}, so it is kept as it is. A fresh script for "
        f"the text is in {note}: check it (`drama check {proposal}`), then move it over "
        f"{script_path}{then}", path=str(script_path))


EXTRACT_TO_FILE_STAGES = (*EXTRACT_STAGES, "writing the script")
"""The stages an extraction written to a file (extract_to_file, a build's) names to its
`progress` callback, in order."""

Extracting = Callable[[Path], AbstractContextManager[Callable[[str], None] | None]]
"""How a caller shows an extraction of a text (a Path) as it goes: a context manager, open
while that text is extracted and written, giving the `progress` callback told each of
EXTRACT_TO_FILE_STAGES (or None). The command line's is drama.cli.common.extraction_bar."""


def warn_of_old_script_name(source: Path, script_path: Path) -> None:
    """Say so when script_path, a source's script, is not there but one drama named by the
    source's name up to its first dot (as before round 24: `Mr.script.yaml` for `Mr.
    Smith.txt`) is, beside it, and was extracted from this source: a person's edits there
    would be ignored unsaid. The file is not renamed; the warning says how."""
    old = script_path.with_name(f"{old_file_stem(source)}.script.yaml")
    if old == script_path or script_path.exists() or not old.is_file() \
            or file_stem(script_path) not in (file_stem(source), source.stem):
        return
    try:
        recorded = load_script(old).source
    except (DramaError, OSError):
        recorded = None  # unreadable: it may be this source's, so say so
    if recorded and Path(recorded).name != source.name:
        return  # another text's (Mr.txt's)
    log.warning("%s: a script of %s, named as older drama named it (up to the first dot); "
                "drama now uses %s instead, so this one is not read: if it holds your edits, "
                "rename it to %s (replacing the new one) and run again", old, source,
                script_path, script_path.name)


def script_for_source(source: Path, script_path: Path,
                      extracting: Extracting | None = None,
                      then: str = " and build again") -> tuple[Script, bool]:
    """The script to render for a source: the existing (maybe hand-edited) one, or a new one.

    Returns (script, True) when the existing script is used as it stands. When the source
    changed since extraction (its hash differs): a script nobody edited is re-extracted; an
    edited one is never overwritten nor used against the new text. Instead the text is
    re-extracted with the person's edits carried over where the words are unchanged, that
    proposal is written beside it (<name>.script.new.yaml), and a ScriptError says what to do
    (write_extraction, which judges the script again after the extraction's seconds).
    `extracting` shows a new extraction as it goes (none is shown for a script used as is);
    `then` ends the error: what to do once the proposal is moved into place.
    """
    from .source import read_source
    book = read_source(source)
    script_path = Path(script_path)
    warn_of_old_script_name(source, script_path)
    if script_path.exists():
        script = load_script(script_path)
        if script.source_sha256 in (None, text_sha256(book.text)):
            return script, True
    with extracting(source) if extracting else nullcontext() as progress:
        fresh = extract_source(source, book, progress)
        write_extraction(fresh, script_path, book.text,
                         changed=f"the source {source} changed since this script was "
                                 "extracted, and the script has edits",
                         then=then)
    return fresh, False


def extract_source(source: Path, book: SourceBook | None = None,
                   progress: Callable[[str], None] | None = None,
                   title: str | None = None) -> Script:
    """The script of a source, extracted now: the one place an extraction is run and its
    stages shown (`drama extract`, with -o or to stdout, and `drama build`, of a text or of
    a book's episodes).

    `book` is the source as read_source read it (read here when not given); `title` stands
    for the book's own. `progress` is told each of EXTRACT_TO_FILE_STAGES as it begins: the
    last, "writing the script", once the text is extracted, just before the caller writes
    (or prints) the script.
    """
    if book is None:
        from .source import read_source
        book = read_source(source)
    fresh = extract_script(book.text, source=str(source),
                           title=book.title if title is None else title,
                           structure=book.structure, progress=progress)
    if progress is not None:
        progress(EXTRACT_TO_FILE_STAGES[-1])
    return fresh


def extract_to_file(source: Path, script_path: Path,
                    progress: Callable[[str], None] | None = None) -> Script:
    """`drama extract -o`: the script of a source written to script_path with its hidden
    copy, as `drama build` writes one; a script there that a person edited is kept and the
    new extraction goes beside it (write_extraction). `progress` is called with each of
    EXTRACT_TO_FILE_STAGES as it begins."""
    from .source import read_source
    book = read_source(source)
    fresh = extract_source(source, book, progress)
    script_path = Path(script_path)
    warn_of_old_script_name(source, script_path)
    hidden = baseline_path(script_path)
    changed = ("this file has changes since drama extracted it (or drama did not write it)"
               if hidden.exists() else
               f"this file has no hidden copy ({hidden.name}) to show it is as drama extracted "
               "it (a script extracted before drama kept such copies, or a file drama did not "
               "write)")
    write_extraction(fresh, script_path, book.text, changed=changed)
    return fresh


@dataclass
class CarriedEdits:
    """A re-extraction with a person's edits carried over (carry_edits)."""

    script: Script
    changed: int
    """How many fresh lines changed."""
    conflicts: list[str] = field(default_factory=list)
    """One note per edit not carried over whole: a speaker kept on a line whose words the
    person changed too (the new text's words are taken), or a speaker no line could take."""

    def note(self) -> str:
        """What was carried, for the message that offers the proposal."""
        made = f"with {counted(self.changed, 'edit')} of yours carried over"
        if self.conflicts:
            made += (f" (check {'these' if len(self.conflicts) > 1 else 'this'}: "
                     f"{'; '.join(self.conflicts)})")
        return made


def carry_edits(edited: Script, fresh: Script, text: str) -> CarriedEdits:
    """fresh with the speakers and splits of edited wherever the words are unchanged.

    Lines are matched through their words: a fresh line whose words are exactly those of one
    edited line takes its speaker, kind, cue and text (which may differ in punctuation); one
    whose words are exactly those of several consecutive edited lines (a person split it) is
    split the same way, at the same words, with spans into the new text. A fresh line that
    is one edited line with some words changed (the person edited its words, or the source
    did: which, two scripts cannot tell) takes its speaker and kind but keeps the new text,
    and a conflict says so; a person's speaker no fresh line takes is a conflict too, so no
    edit is dropped unsaid.
    """
    from .model import Line

    words = _WordAlignment(edited, fresh, text)
    lines: list[Line] = []
    changed = 0
    conflicts: list[str] = []
    placed: set[int] = set()
    for j, line in enumerate(fresh.lines):
        groups = words.edited_lines_of(j)
        placed.update(groups)
        if not groups:
            i = words.reworded_line_of(j)
            src = edited.lines[i] if i is not None else None
            if src is not None and (src.speaker, src.kind) != (line.speaker, line.kind):
                placed.add(i)
                changed += 1
                conflicts.append(f"script line {len(lines) + 1} keeps {_choice_of(src)}, "
                                 f"not your words {src.text!r}: it has the new text's "
                                 f"{line.text!r}")
                line = Line(src.speaker, src.kind, line.text, line.start, line.end,
                            src.cue, src.confidence)
            lines.append(line)
        elif len(groups) == 1:
            src = edited.lines[groups[0]]
            if (src.speaker, src.kind, src.text) != (line.speaker, line.kind, line.text):
                changed += 1
                line = Line(src.speaker, src.kind, src.text, line.start, line.end,
                            src.cue, src.confidence)
            lines.append(line)
        else:
            changed += 1
            lines.extend(words.split_like(j, line, groups))
    conflicts += _speakers_not_carried(edited, fresh, words, placed)
    merged = Script(title=edited.title, source=fresh.source, lines=lines,
                    source_sha256=fresh.source_sha256,
                    characters=_carry_characters(edited, fresh, lines))
    return CarriedEdits(merged, changed, conflicts)


def _speakers_not_carried(edited: Script, fresh: Script, words: "_WordAlignment",
                          placed: set[int]) -> list[str]:
    """A conflict for each edited line no fresh line took whose choice (_choice_of) the
    fresh lines its words went to do not make: a dialogue line's speaker none of them has,
    a skipped line none of them skips, a narration line all of whose words are now speech.
    The person's choice would be lost."""
    from .model import DIALOGUE, NARRATION
    lost = []
    for i, line in enumerate(edited.lines):
        if i in placed:
            continue
        took = [fresh.lines[j] for j in words.fresh_lines_of(i)]
        if line.kind == DIALOGUE:
            kept = line.speaker in {t.speaker for t in took}
        elif line.kind == NARRATION:
            kept = not took or any(t.kind == NARRATION for t in took)
        else:
            kept = any(t.kind == line.kind for t in took)
        if not kept:
            lost.append(f"{_choice_of(line)} of {line.text!r} is on no line of the new "
                        "text: give it again")
    return lost


def _choice_of(line) -> str:
    """What a person chose for a line, as a conflict names it: `your speaker Anna`, `your
    kind: skipped`, `your narration`."""
    from .model import DIALOGUE, NARRATION
    if line.kind == DIALOGUE:
        return f"your speaker {line.speaker}"
    if line.kind == NARRATION:
        return "your narration"
    return f"your kind: {line.kind}"


class _WordAlignment:
    """The words of an edited script's lines matched to those of a fresh extraction's."""

    def __init__(self, edited: Script, fresh: Script, text: str):
        import difflib

        from .fidelity import WORD
        self.edited, self.text = edited, text
        self.old = [(m.group().casefold(), i) for i, ln in enumerate(edited.lines)
                    for m in WORD.finditer(ln.text)]
        self.new_lines = [[m for m in WORD.finditer(text, ln.start, ln.end)]
                          for ln in fresh.lines]
        new = [m.group().casefold() for ms in self.new_lines for m in ms]
        self.old_of_new: dict[int, int] = {}
        matcher = difflib.SequenceMatcher(None, [w for w, _ in self.old], new, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self.old_of_new[block.b + k] = block.a + k
        self.old_count: dict[int, int] = {}
        for _, i in self.old:
            self.old_count[i] = self.old_count.get(i, 0) + 1
        self.first_word = [0]              # fresh line j's words start at first_word[j]
        for ms in self.new_lines:
            self.first_word.append(self.first_word[-1] + len(ms))
        self._fresh_of_old: dict[int, set[int]] | None = None  # see fresh_lines_of

    def edited_lines_of(self, j: int) -> list[int]:
        """The edited lines whose words are exactly fresh line j's, in a row and whole;
        [] when its words differ."""
        positions = range(self.first_word[j], self.first_word[j + 1])
        olds = [self.old_of_new.get(p) for p in positions]
        if not positions or None in olds or olds != list(range(olds[0], olds[0] + len(olds))):
            return []
        owners = [self.old[o][1] for o in olds]
        if any(owners.count(i) != self.old_count[i] for i in set(owners)):
            return []
        return sorted(set(owners))

    def reworded_line_of(self, j: int) -> int | None:
        """The one edited line fresh line j is with some words changed: every word of j
        that matches one belongs to it, every matched word of it is in j, and at least half
        of each line's words match; else None."""
        positions = range(self.first_word[j], self.first_word[j + 1])
        olds = [o for o in map(self.old_of_new.get, positions) if o is not None]
        owners = {self.old[o][1] for o in olds}
        if len(owners) != 1:
            return None
        i = owners.pop()
        if set(self.fresh_lines_of(i)) != {j}:
            return None
        if 2 * len(olds) < max(len(positions), self.old_count[i]):
            return None
        return i

    def fresh_lines_of(self, i: int) -> list[int]:
        """The fresh lines that hold the words of edited line i that match, in order."""
        if self._fresh_of_old is None:
            import bisect
            self._fresh_of_old = {}
            for new, old in self.old_of_new.items():
                self._fresh_of_old.setdefault(self.old[old][1], set()).add(
                    bisect.bisect_right(self.first_word, new) - 1)
        return sorted(self._fresh_of_old.get(i, ()))

    def split_like(self, j: int, line, groups: list[int]) -> list:
        """Fresh line j cut where each edited piece's first word now is."""
        from .model import Line
        cuts = [line.start]
        k = 0
        for n in range(1, len(groups)):
            k += self.old_count[groups[n - 1]]
            cuts.append(self.new_lines[j][k].start())
        cuts.append(line.end)
        pieces = []
        for n, i in enumerate(groups):
            piece = self.edited.lines[i]
            a, b = cuts[n], cuts[n + 1]
            while b > a and self.text[b - 1].isspace():
                b -= 1
            pieces.append(Line(piece.speaker, piece.kind, piece.text, a, b, piece.cue,
                               piece.confidence))
        return pieces


def _carry_characters(edited: Script, fresh: Script, lines) -> list | None:
    """The characters section of a merged script: the person's entry where the edited script
    had one (their gender and aliases), else the fresh one, for every speaker still there."""
    if fresh.characters is None:
        return None
    from .model import DIALOGUE, NARRATOR
    mine = {c.name.casefold(): c for c in edited.characters or ()}
    new = {c.name.casefold(): c for c in fresh.characters}
    speakers = dict.fromkeys(ln.speaker.casefold() for ln in lines
                             if ln.kind == DIALOGUE and ln.speaker != NARRATOR)
    return [mine.get(s) or new[s] for s in speakers if s in mine or s in new]


def _refuse_writing_the_source(output: Path, source: str) -> None:
    """An OutputError when output is the source text a script was extracted from."""
    try:
        same = os.path.samefile(output, source)
    except OSError:  # either one missing: nothing to destroy
        return
    if same:
        raise OutputError(f"is the source text this script was extracted from; writing it "
                          f"would destroy it: choose another output", path=str(output))


def export_file(path: Path, fmt: str, options, *, manifest: Path | None = None,
                casting: Path | None = None, output: Path | None = None) -> str:
    """A script (or text, or render manifest for subtitles) exported to fmt.

    Subtitles take the manifest given, or <name>.manifest.json beside the script; Markdown
    takes its cast list's voices from the casting file when it exists. `output`, the file
    the export will be written to, is refused when it is the script's source text:
    `drama export out/000.script.yaml -o seeds/` named seeds/000.txt, the novel itself.
    """
    from .errors import ExportError
    from .export import SUBTITLE_FORMATS, export_script, load_manifest
    from .export.rendered import render_manifest, warn_if_rendered_before
    is_manifest = str(path).endswith(".manifest.json")
    if is_manifest and fmt not in SUBTITLE_FORMATS:
        raise ExportError("a render manifest only makes subtitles (srt, vtt); pass the script "
                          "file for other formats", path=str(path))
    script = None
    if not is_manifest:
        script = load_any(path)
        if output is not None and script.source:
            _refuse_writing_the_source(output, script.source)
        # the spans render and check refuse, past the end of the source too
        require_valid_spans(script, source_text_of(script, path), path=path)
    if fmt in SUBTITLE_FORMATS:
        found = manifest or (path if is_manifest else render_manifest(script, path, output))
        options.manifest = load_manifest(found)
    if fmt == "md" and casting is not None and Path(casting).exists():
        options.casting = load_casting(casting)
    if script is None:
        script = Script(title=str(options.manifest.get("title") or Path(path).stem))
    elif fmt in SUBTITLE_FORMATS:
        warn_if_rendered_before(script, options.manifest, path)
    return export_script(script, fmt, options)


def check_script_file(script_path: Path, casting_path: Path | None = None,
                      source: Path | None = None, voice_ids=None):
    """The fidelity report of a script file against its source text and casting file (every
    voice in it checked against voice_ids, a VoiceCatalog or the default engine's ids, when
    given)."""
    from .fidelity import Problem, check_script, find_source
    from .scriptfile import entry_file_lines
    if not is_script_path(script_path):
        raise ScriptError(f"`drama check` needs a script file ({SCRIPT_ENDINGS}); "
                          "extract one with `drama extract`", path=str(script_path))
    script = load_script(script_path)
    src = source or find_source(script, script_path)
    if src is None:
        what = (f"cannot find the source text {script.source!r} this script was extracted from"
                if script.source else "the script names no source text")
        raise InputError(f"{what}; pass it with --source PATH", path=str(script_path))
    casting = None
    voice_problems: list[tuple[int | None, str]] = []
    if casting_path is not None and Path(casting_path).exists():  # a pipe: load_casting refuses
        try:
            casting = load_casting(casting_path, voice_ids)
        except CastingProblems as exc:
            if voice_ids is None:
                raise
            casting = load_casting(casting_path)  # valid but for voices: report them below
            voice_problems = exc.problems
    report = check_script(script, read_source_text(src), casting, script_path=str(script_path),
                          source_path=str(src), file_lines=entry_file_lines(script_path))
    for line, message in voice_problems:
        where = f"{casting_path}:{line}" if line else str(casting_path)
        report.problems.append(Problem("voice", f"{where}: {message}"))
    if casting_path is not None and casting is None and len(script.speakers) > 1:
        report.problems.append(Problem(
            "cast", f"{casting_path}: no such casting file, so no speaker has a voice; "
                    f"run `drama cast {script_path}`"))
    return report


def sources_in(path: str | os.PathLike) -> list[Path]:
    """The sources to build: the file itself, or every readable source in a folder."""
    from .source import SOURCE_SUFFIXES
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise InputError(NOT_REGULAR_INPUT if p.exists() else "no such file or folder",
                         path=str(p))
    found = sorted(f for f in p.iterdir() if f.suffix.lower() in SOURCE_SUFFIXES and f.is_file())
    if not found:
        raise InputError(f"no sources to build ({', '.join(SOURCE_SUFFIXES)})", path=str(p))
    return found


def refuse_shared_names(sources: list[Path], folder: str | os.PathLike) -> None:
    """An InputError naming both when two sources in a folder share a name (story.txt and
    story.md): their outputs, <name>.* in the output folder, would be the same files. Names
    that differ only in case count as one, as they do on macOS's and Windows' disks."""
    seen: dict[str, Path] = {}
    for src in sources:
        first = seen.setdefault(src.stem.casefold(), src)
        if first is not src:
            raise InputError(f"{first.name} and {src.name} would be built into the same "
                             f"outputs ({first.stem}.*): rename one", path=str(folder))


def _refuse_shared_folders(books: list[Path], out: Path, folder: str | os.PathLike) -> None:
    """The same for books, whose folder is their name made plain (book_folder): "Emma
    Vol 1.epub" and "emma-vol-1.md" would share one."""
    from .book.series import book_folder
    seen: dict[Path, Path] = {}
    for src in books:
        first = seen.setdefault(book_folder(src, out), src)
        if first is not src:
            raise InputError(f"{first.name} and {src.name} would be built into the same "
                             f"folder ({book_folder(src, out)}): rename one", path=str(folder))


def episode_outputs(out: Path, name: str, formats: tuple[str, ...]) -> list[Path]:
    """Every file `build` writes for the text called name."""
    return [out / f"{name}{ext}" for ext in (".script.yaml", ".txt", ".manifest.json", ".srt",
                                            ".vtt", *(f".{f}" for f in formats or ("wav",)))]


def _check_build_outputs(sources: list[Path], out: Path, casting_path: str,
                         formats: tuple[str, ...]) -> None:
    """Refuse a build whose outputs would overwrite one of its texts or the casting file
    (`-o` naming the folder of texts, say) or something that is not a regular file."""
    inputs = [*sources, casting_path]
    for src in sources:
        for dest in episode_outputs(out, src.stem, formats):
            check_output(dest, inputs)


def build(seeds_dir: str | os.PathLike, out_dir: str | os.PathLike, casting_path: str,
          engine_name: str = "auto", formats: tuple[str, ...] = ("wav", "mp3"),
          cache_dir: str | None = None, loudness: str = "podcast",
          workers: int | None = None, force: bool = False,
          progress: Callable[[str, int, int], None] | None = None,
          series=None, on_episode=None, extracting: Extracting | None = None) -> list:
    """Every source in seeds_dir (or the one file given) built into out_dir.

    A book (an EPUB, a text with chapters, or any source when `series.episodes` is set)
    becomes a series in its own folder (drama.book.series); a text without chapters
    becomes one episode, <name>.* in out_dir. voices.yaml gains new speakers.
    Returns an EpisodeResult or a SeriesResult per source, in the sources' order. A source
    that cannot be built (unreadable, a script with problems, a failed render) does not
    stop the others: its EpisodeResult carries the error instead of a render.
    `progress` shows the renders (name, done, total), `extracting` each text extracted
    anew (its source changed, or it has no script yet) as drama extract shows it.
    """
    from .book.series import SeriesOptions, book_folder, build_series, is_series
    from .source import read_source
    sources = sources_in(seeds_dir)
    out = Path(out_dir)
    series = series or SeriesOptions(formats=tuple(f for f in formats if f != "wav") or ("mp3",))
    series.cache_dir = series.cache_dir or cache_dir
    explicit_mode = series.episodes if getattr(series, "explicit", False) else None
    results: list = []
    books, singles = [], []
    for src in sources:
        try:
            book = read_source(src)
        except DramaError as exc:
            results.append(_failed(src.stem, out, exc))
            continue
        (books if is_series(src, book, explicit_mode) else singles).append((src, book))
    # a book's outputs are in its folder, a text's are <name>.* beside it: only two texts,
    # or two books, of one name share them (emma.epub and emma.txt do not)
    refuse_shared_names([src for src, _ in singles], seeds_dir)
    _refuse_shared_folders([src for src, _ in books], out, seeds_dir)
    _check_build_outputs([src for src, _ in singles], out, casting_path, formats)
    make_folder(out)
    check_writable(out)
    sweep_leftovers(out)
    engine, neural = choose_engines(engine_name)
    try:
        voices = engine.voices()
        catalog = VoiceCatalog.of_engines(EngineSet(engine))
        if singles:
            results += _build_singles([src for src, _ in singles], out, casting_path, engine,
                                      voices, neural, catalog, formats, cache_dir, loudness,
                                      workers, force, progress, extracting)
        for src, book in books:
            try:
                results.append(build_series(src, book, book_folder(src, out), casting_path,
                                            engine, voices, series, progress, on_episode,
                                            neural=neural, catalog=catalog,
                                            extracting=extracting))
            except DramaError as exc:
                results.append(_failed(src.stem, out, exc))
        order = {src.stem: i for i, src in enumerate(sources)}
        return sorted(results, key=lambda r: order[r.name])
    finally:
        engine.close()


def _failed(name: str, out: Path, exc: DramaError) -> EpisodeResult:
    return EpisodeResult(name, str(out / f"{name}.script.yaml"), "", None, False,
                         error=str(exc))


def _build_singles(sources: list[Path], out: Path, casting_path: str, engine, voices, neural,
                   catalog, formats, cache_dir, loudness, workers, force,
                   progress, extracting) -> list[EpisodeResult]:
    """Texts without chapters: one episode each, <name>.* in out."""
    results: list[EpisodeResult] = []
    episodes = []
    edited: set[str] = set()
    for src in sources:
        path = out / f"{src.stem}.script.yaml"
        try:
            episodes.append((src.stem, *script_for_source(src, path, extracting)))
            if episodes[-1][2] and not untouched(path, file_bytes(path)):
                edited.add(src.stem)
        except DramaError as exc:
            results.append(_failed(src.stem, out, exc))
    # cast the whole series at once, so line counts (main part or extra) span every episode
    scripts = [script for _, script, _ in episodes]
    added = cast_speakers(casting_path, [s for sc in scripts for s in sc.speakers], voices,
                          scripts=scripts, source_texts=[source_text_of(sc) for sc in scripts],
                          neural=neural, catalog=catalog)
    casting = load_casting(casting_path, catalog)
    for name, script, reused in episodes:
        try:
            results.append(_build_episode(out, name, script, reused, casting, engine, added,
                                          cache_dir=cache_dir, formats=formats,
                                          loudness=loudness, workers=workers, force=force,
                                          progress=progress))
            results[-1].edited_script = name in edited
        except DramaError as exc:
            results.append(EpisodeResult(name, str(out / f"{name}.script.yaml"), "", None,
                                         reused, error=str(exc)))
    return results


def _build_episode(out: Path, name: str, script: Script, reused: bool, casting, engine,
                   added: list[str], *, cache_dir, formats, loudness, workers, force,
                   progress) -> EpisodeResult:
    """Export, render and subtitle one episode of a build."""
    text_path = out / f"{name}.txt"
    source_text = source_text_of(script)
    from .fidelity import require_faithful
    require_faithful(script, source_text, path=out / f"{name}.script.yaml")
    write_atomic(text_path, export_script(script, "txt"))
    step = (lambda i, n, _name=name: progress(_name, i, n)) if progress else None
    first = formats[0] if formats else "wav"
    rendered = render_script(script, casting, engine, out / f"{name}.{first}",
                             cache_dir=cache_dir, source_text=source_text,
                             extra_formats=tuple(formats[1:]), loudness=loudness,
                             workers=workers, force=force, progress=step)
    write_subtitles(rendered.manifest)
    new = [s for s in added if s in script.speakers]
    return EpisodeResult(name, str(out / f"{name}.script.yaml"), str(text_path), rendered,
                         reused, new)
