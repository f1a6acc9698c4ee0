"""The stage that saves an extraction without losing a person's edits: a script is written
with a hidden copy beside it (the extraction as written), the pair under one lock, and a
script that differs from its copy is a person's: it is never overwritten, and the new
extraction, their edits carried over (carry), is offered beside it as a proposal."""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from .carry import carry_edits
from .errors import DramaError, InputError, OutputError, ScriptError
from .files import make_folder, output_error
from .locks import lock_timeout, writer_lock_held
from .model import Script
from .scriptfile import load_script, read_input, write_atomic
from .scriptkeep import kept_in_new_file
from .wording import pasteable

log = logging.getLogger(__name__)


def is_edited(script_path: Path) -> bool:
    """Whether a saved script is a person's: it differs from its hidden copy (untouched)."""
    return not untouched(script_path, file_bytes(script_path))


def baseline_path(script_path: Path) -> Path:
    """Where the script as extracted is kept, to tell a hand-edited script from an untouched one."""
    return script_path.with_name(f".{script_path.name}.extracted")


def extracted_copy(script_path: Path) -> Script | None:
    """The script at script_path as drama wrote it (its hidden copy), which tells a
    person's lines from drama's (carry_edits); None when there is none or it does not
    read as a script (a folder from before hidden copies: every line counts as theirs)."""
    try:
        return load_script(baseline_path(script_path))
    except (DramaError, OSError):
        return None


def pending_path(script_path: Path) -> Path:
    """The hidden copy of an extraction being written (see save_extracted): what the script
    becomes, kept until the hidden copy itself is replaced."""
    return script_path.with_name(f".{script_path.name}.extracted.pending")


def pair_lock_path(script_path: Path) -> Path:
    """The lock a run holds while it judges and writes a script and its hidden copy, so two
    runs writing different extractions of one script at once never pair one's script with
    the other's hidden copy (see script_locked)."""
    return script_path.with_name(f".{script_path.name}.extracted.lock")


_pairs_held = threading.local()


@contextmanager
def script_locked(script_path: Path):
    """Hold the script's pair lock (pair_lock_path), taken once a thread: a run that holds
    it already goes on. It waits as long as every lock (DRAMA_LOCK_TIMEOUT), saying so when
    the wait lasts. The lock file is removed as the lock is let go; one a killed run left is
    an empty file the next run takes and removes (the system has freed its lock)."""
    held = _pairs_held.__dict__.setdefault("paths", set())
    key = os.path.abspath(script_path)
    if key in held:
        yield
        return
    lock_timeout()  # a bad DRAMA_LOCK_TIMEOUT refused before anything is made
    make_folder(script_path.parent)  # the pair's first write makes it; the lock goes there
    lock_path = pair_lock_path(script_path)
    with writer_lock_held(lock_path, script_path, "another drama run is writing this script",
                          OutputError):
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)


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

    The whole update holds the script's pair lock (script_locked): another run's pending copy
    would otherwise become this one's hidden copy.
    """
    with script_locked(script_path):
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
    with script_locked(script_path):
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


def clear_moved_proposal_copy(script_path: Path) -> bool:
    """Remove the hidden copy (and a pending one) of the proposal beside script_path once
    the proposal is gone, moved over its script as a build asks (or deleted): the copy only
    tells that proposal as drama wrote it from one a person edited, and a new proposal
    gets a new copy. Judged again holding the proposal's pair lock, so a run writing a
    proposal there now is left alone. Whether one was removed; one that cannot be
    (a read-only folder) is left, harmless.
    Example: ep.script.new.yaml moved over ep.script.yaml: .ep.script.new.yaml.extracted
    goes."""
    proposal = proposal_path(script_path)
    copies = (baseline_path(proposal), pending_path(proposal))
    if proposal.exists() or not any(c.exists() for c in copies):
        return False
    try:
        with script_locked(proposal):
            if proposal.exists():
                return False
            for copy in copies:
                copy.unlink(missing_ok=True)
    except (OSError, DramaError):
        return False
    log.info("%s: its proposal is gone, so its hidden copy is removed", script_path)
    return True


def write_proposal(script: Script, script_path: Path) -> str | None:
    """Write `script` as the proposal beside the person's script_path (proposal_path),
    with their comments, BOM and line ends (scriptkeep.kept_in_new_file, as an edit of
    their file keeps them); the note naming what could not be kept, or None. It gets a
    hidden copy as a script does (save_extracted), so a later build tells a proposal a
    person edited (is_edited: kept) from one as drama wrote it (replaced by a fresh one)."""
    proposal = proposal_path(script_path)
    from .scriptfile import dump_script
    text, lost = kept_in_new_file(script_path, dump_script(script, _script_format(proposal)),
                                  str(proposal))
    if not save_extracted(text, proposal, file_bytes(proposal)):
        return f"not written: {proposal.name} was edited meanwhile, kept as is"
    return lost


def _refuse_no_script_at_all(path: Path, fresh: Script) -> None:
    """A ScriptError when the file at path reads as YAML or JSON data that is no script (no
    `lines:`): a casting file, a book.json, notes of a person's, which `drama extract -o
    voices.yaml` met. A proposal beside it, to be "moved over" it, would have had the person
    destroy their file; nothing is written. A file that does not read as data at all may be
    a script broken mid-edit: its proposal is still offered, as it is for an empty file
    (nothing of anyone's to lose)."""
    from . import safeyaml
    try:
        data = safeyaml.load((file_bytes(path) or b"").decode("utf-8"), str(path), ScriptError)
    except (InputError, UnicodeDecodeError, ScriptError):  # a pipe, unreadable, no YAML
        return
    if data is None or isinstance(data, dict) and "lines" in data:  # empty, or a script
        return
    from .files import file_stem
    like = path.with_name(f"{file_stem(Path(fresh.source or path))}.script.yaml")
    raise ScriptError("holds no drama script (no `lines:`: a casting file, or another file of "
                      "yours), so extract writes nothing, over it or beside it: give -o another "
                      f"name, such as {like}", path=str(path))


def _edited_proposal_kept(proposal: Path, fresh: Script, script_path: Path,
                          changed: str) -> str:
    """The note for a proposal a person edited (is_edited: one from before proposals had
    hidden copies counts as edited), kept as is: of the text as it is now, to be moved
    over the script; of an older source, a ScriptError saying to move it away first."""
    try:
        current = load_script(proposal).source_sha256 == fresh.source_sha256
    except (ScriptError, InputError):
        current = False
    if not current:  # kept (it has the person's edits), and not to be moved over
        raise ScriptError(
            f"{changed}, so it is kept as it is. The fresh script for the text goes in "
            f"{proposal}, which holds one of an older source (kept: it has your edits): "
            "move it away or delete it, and run again for a new one", path=str(script_path))
    return f"{proposal} (already there with your edits, kept as is)"


def write_extraction(fresh: Script, script_path: Path, text: str, *, changed: str,
                     then: str = "") -> None:
    """Write a new extraction of `text` to script_path, unless a person's edits are there
    (see `untouched`, judged now and again just before the file is replaced). Then the file
    is kept as it is, the extraction with their edits carried over where the words are
    unchanged is written beside it (<name>.script.new.yaml), and a ScriptError says so:
    `changed` says why a new extraction was made, `then` what to do after the review. A
    proposal already there is renewed unless a person edited it (is_edited: then kept, as a
    book's build keeps one)."""
    from .scriptfile import dump_script
    new = dump_script(fresh, _script_format(script_path))
    if save_if_untouched(new, script_path):
        return
    log.info("%s has edits: the new extraction goes beside it", script_path)
    proposal = proposal_path(script_path)
    try:
        carried = carry_edits(load_script(script_path), fresh, text,
                              extracted_copy(script_path))
        merged, made = carried.script, carried.note()
    except (ScriptError, InputError):  # not a script (not even text): the extraction as it is
        _refuse_no_script_at_all(script_path, fresh)
        merged, made = fresh, "with none of your edits carried over (the file is not a script)"
    if is_edited(proposal):  # a person's edits in the waiting proposal: theirs
        note = _edited_proposal_kept(proposal, fresh, script_path, changed)
    else:  # none waiting, or one as drama wrote it: renewed, as a book's build renews it
        lost = write_proposal(merged, script_path)
        note = f"{proposal}, {made}" + (f" ({lost})" if lost else "")
    raise ScriptError(
        f"{changed}, so it is kept as it is. A fresh script for the text is in {note}: "
        f"check it (`drama check {pasteable(proposal)}`), then move it over {script_path}{then}",
        path=str(script_path))
