"""The stage that finds and loads the script for a path: a script file as it stands, a
text's saved script (used while the text is unchanged; extracted again, through saving,
when it changed), or the text extracted now (extract_source, the one place an extraction
is run)."""
from __future__ import annotations

import logging
import os
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Callable

from .errors import DramaError, InputError
from .extract import STAGES as EXTRACT_STAGES, extract_script
from .files import (RENDER_FOLDER, file_stem, not_utf8_name, old_file_stem, read_json,
                    same_file, shown_path)
from .model import Script
from .saving import baseline_path, clear_moved_proposal_copy, is_edited, write_extraction
from .scriptfile import is_script_path, load_script, text_sha256
from .source import SourceBook, read_source_text

log = logging.getLogger(__name__)


def load_any(path: str | os.PathLike, folders: tuple = ()) -> Script:
    """A script file as edited, or a text file extracted now (saying so when this text has
    a script a person edited, in output/, beside the text or in one of `folders`: it is not
    read here, and its edits would be ignored unsaid; `drama render TEXT` reads it instead,
    see script_of_text)."""
    if is_script_path(path):
        return load_script(path)
    warn_of_edited_script(Path(path), text_script_folders(Path(path), folders))
    warn_of_edited_book(Path(path), folders)
    script = extract_source(Path(path))
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
    """Whether a saved script was extracted from the text `source`: the file it records
    (fidelity.recorded_source_paths, where `drama check` looks for it) is that text; or,
    when the recorded file is nowhere (the text moved), it has the text's name.
    A script recording another text of the same name that is still there (a/story.txt and
    b/story.txt sharing output/) is that text's, not this one's."""
    from .fidelity import recorded_source_paths
    if not script.source:
        return False
    there = recorded_source_paths(script, script_path)
    if not there:
        return Path(script.source).name == source.name
    return any(same_file(c, source) for c in there)


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
    return [p for p in named + others if _is_file(p)]


def _is_file(path: Path) -> bool:
    """Whether path is a file: False for a name no file can have here (a text's of 300
    characters, whose own name is then refused when it is read) as for one not there."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG: is_file() lets it through
        return False


SCRIPT_ENDS = (".script.yaml", ".script.yml", ".script.json")
"""How a saved script's name ends (a proposal, .script.new.yaml, does not)."""


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


def warn_of_edited_book(source: Path, folders: tuple = ()) -> None:
    """Warn when `source` was built as a book (`drama build`: a series folder whose
    book.json records this text) and a person edited its episode scripts: a command given
    the text extracts it afresh as one script, without those edits."""
    for folder in built_series(source, folders):
        scripts = sorted(folder.glob("*.script.yaml"))
        edited = [p for p in scripts if _edited(p)]
        if edited:  # export's way to the whole book is its folder (walk31)
            log.warning("%s: built as a book in %s/, where %d of its %d episode scripts %s "
                        "edited: they are not read, the text is extracted afresh as one "
                        "script; to use your edits give the episode scripts instead (%s, or "
                        "%s/*.script.yaml; `drama export %s/` exports them as one book)",
                        source, folder, len(edited), len(scripts),
                        "is" if len(edited) == 1 else "are", edited[0], folder, folder)


def built_series(source: Path, folders: tuple = ()) -> list[Path]:
    """The series folders `drama build` made of `source` (whose book.json records it) under
    text_script_folders(source, folders), or a folder in one of those (`-o out`)."""
    from .book.episodes import book_folder
    from .book.whole import INDEX
    from .fidelity import recorded_paths
    roots = text_script_folders(source, folders)
    roots = [*roots, *(sub for root in roots if root.is_dir() for sub in folders_in(root))]
    found = []
    for folder in dict.fromkeys(os.path.normpath(book_folder(source, r)) for r in roots):
        try:
            index = read_json(Path(folder, INDEX))
            recorded = index["book"]["source"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(recorded, str) and \
                any(same_file(c, source) for c in recorded_paths(recorded, folder)):
            found.append(Path(folder))
    return found


def folders_in(root: Path) -> list[Path]:
    """The folders in root, one level down (none when it cannot be listed)."""
    try:
        return [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return []


def _edited(script: Path) -> bool:
    try:
        return is_edited(script)
    except DramaError:
        return False


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
    warn_of_edited_book(source, folders)
    script = extract_source(source)
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


def source_text_of(script: Script, script_path: str | os.PathLike | None = None,
                   source: str | os.PathLike | None = None) -> str | None:
    """The source text a script indexes into, when it is still there unchanged: `source`
    when the caller knows it (`drama render TEXT`: the text given, wherever it moved), else
    where the script records it, or, given the script's file, wherever `drama check` finds
    it (fidelity.find_source: a script given from inside its folder renders as from
    outside). A book's episode whose part moved (an edit before it made the text longer or
    shorter) has its offsets moved to where its part now is (fidelity.aligned_to_its_text)."""
    from .fidelity import aligned_to_its_text, find_source
    found = source if source is not None else \
        find_source(script, script_path) if script_path is not None else script.source
    if not found or not Path(found).is_file():
        return None
    try:
        text = read_source_text(found)
    except InputError:
        return None
    return text if aligned_to_its_text(script, text) else None


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
        clear_moved_proposal_copy(script_path)
        script = load_script(script_path)
        if script.source_sha256 in (None, text_sha256(book.text)):
            return script, True
    with extracting(source) if extracting else nullcontext() as progress:
        fresh = extract_source(source, book, progress, saved_in=script_path.parent)
        write_extraction(fresh, script_path, book.text,
                         changed=f"the source {source} changed since this script was "
                                 "extracted, and the script has edits",
                         then=then)
    return fresh, False


def extract_source(source: Path, book: SourceBook | None = None,
                   progress: Callable[[str], None] | None = None,
                   title: str | None = None, saved_in: Path | None = None) -> Script:
    """The script of a source, extracted now: the one place an extraction is run and its
    stages shown (`drama extract`, with -o or to stdout, and `drama build`, of a text or of
    a book's episodes).

    `book` is the source as read_source read it (read here when not given); `title` stands
    for the book's own. `saved_in`, the folder the script is to be saved in, makes the path
    it records one found from there (fidelity.source_to_record). `progress` is told each of EXTRACT_TO_FILE_STAGES as it begins: the
    last, "writing the script", once the text is extracted, just before the caller writes
    (or prints) the script.
    """
    if book is None:
        from .source import read_source
        book = read_source(source)
    from .fidelity import source_to_record
    recorded = str(source) if saved_in is None else source_to_record(source, saved_in)
    _require_text_path(recorded, source)
    fresh = extract_script(book.text, source=recorded,
                           title=book.title if title is None else title,
                           structure=book.structure, progress=progress)
    if progress is not None:
        progress(EXTRACT_TO_FILE_STAGES[-1])
    return fresh


def _require_text_path(recorded: str, source: Path) -> None:
    """Raise an InputError naming source when its name, or the path a script would record
    for it, is not text (files.not_utf8_name): every command that extracts a text (extract,
    render, export, build) refuses it so."""
    problem = not_utf8_name(str(source))
    if problem:  # its own name: said as the studio says it
        raise InputError(problem, path=shown_path(str(source)))
    problem = not_utf8_name(recorded)
    if problem:  # a folder on the way from where the script is saved
        raise InputError(f"the path a script records for it, {shown_path(recorded)}, "
                         f"{problem}", path=shown_path(str(source)))


def extract_to_file(source: Path, script_path: Path,
                    progress: Callable[[str], None] | None = None) -> Script:
    """`drama extract -o`: the script of a source written to script_path with its hidden
    copy, as `drama build` writes one; a script there that a person edited is kept and the
    new extraction goes beside it (write_extraction). `progress` is called with each of
    EXTRACT_TO_FILE_STAGES as it begins."""
    from .source import read_source
    book = read_source(source)
    script_path = Path(script_path)
    fresh = extract_source(source, book, progress, saved_in=script_path.parent)
    warn_of_old_script_name(source, script_path)
    hidden = baseline_path(script_path)
    changed = ("this file has changes since drama extracted it (or drama did not write it)"
               if hidden.exists() else
               f"this file has no hidden copy ({hidden.name}) to show it is as drama extracted "
               "it (a script extracted before drama kept such copies, or a file drama did not "
               "write)")
    write_extraction(fresh, script_path, book.text, changed=changed)
    return fresh
