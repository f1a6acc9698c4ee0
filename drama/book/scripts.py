"""A book's episode scripts in its folder: extracted from the book and written, or kept as
they are while its text and its cut are unchanged (a person's edits are used, never
overwritten); an edited script of an episode numbered anew (a chapter added or removed
before it) gives its edits to the episode that holds its part now. series.py renders them.
"""
from __future__ import annotations

import hashlib
import logging
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import DramaError, ScriptError
from ..fidelity import aligned_to_its_text
from ..model import Script
from ..saving import is_edited
from ..scriptfile import dump_script, load_script, text_sha256, write_atomic
from ..scriptkeep import kept_in_new_file
from ..source import SourceBook
from .apart import in_own_process
from .episodes import Episode, split_episodes
from .whole import usable_index

if TYPE_CHECKING:
    from .series import SeriesResult

log = logging.getLogger(__name__)

SCRIPT_SUFFIX = ".script.yaml"


def episode_scripts(source: Path, book: SourceBook, folder: Path, mode: str,
                    title: str, progress: Callable[[str], None] | None = None
                    ) -> tuple[list[Episode], bool]:
    """The episodes to render: the scripts in the folder as they are when the source and the
    split are unchanged (True), else extracted again (False), telling `progress` each of
    drama.loading.EXTRACT_TO_FILE_STAGES as it begins.

    A script a person edited is never overwritten: when its part of the source is unchanged,
    where it was or moved by an edit before it (fidelity.aligned_to_its_text), it is used as
    it stands; when its part changed, the fresh episode with those edits carried over is
    written beside it (.script.new.yaml) and a ScriptError says what to do, as `drama
    build` does for a single text. An edited script of an episode numbered anew (a chapter
    added or removed before its own: another name) gives its edits to the episode that
    holds its part now (_renumbered); its own file is left as it is.
    """
    from ..loading import extract_source
    text = book.text
    kept = kept_episodes(folder, text, mode)
    if kept is not None:
        return kept, True
    full = extract_source(source, book, progress, title=title, saved_in=folder)
    episodes = split_episodes(full, text, mode)
    left = _left_edited(folder, {_script_path(ep, folder) for ep in episodes})
    conflicts = [c for ep in episodes if (c := _save_episode(ep, folder, left, text))]
    if conflicts:
        raise ScriptError(
            "the source changed since these episode scripts were extracted, and they have "
            f"edits, so they are kept as they are: {'; '.join(conflicts)}. Check each "
            "proposal (`drama check`), move it over its script, and build again",
            path=str(source))
    return episodes, False


def _save_episode(ep: Episode, folder: Path, left: dict[str, list[tuple[Path, Script]]],
                  text: str) -> str | None:
    """Write an episode freshly extracted to its script in folder, unless a person edited
    that script: then it is kept, as it stands when its part of the text is unchanged,
    else with the fresh episode and its edits carried over written beside it (a proposal):
    the conflict to report, or None. An earlier build's edited script of the same part,
    numbered anew, gives it its edits (_renumbered)."""
    from ..saving import proposal_path, save_if_untouched, script_locked
    from ..scriptfile import dump_script
    lo, hi = ep.script.source_span
    ep.script.source_span_sha256 = text_sha256(text[lo:hi])
    path = _script_path(ep, folder)
    if _renumbered(ep, path, left, text) or save_if_untouched(dump_script(ep.script), path):
        return None
    # edited (perhaps while the book was being extracted): kept. Read and its proposal
    # written holding the locks a `drama speakers` edit of both holds, in its order
    # (edits.apply_plan, sorted): an edit made between the two was lost from the proposal
    with ExitStack() as locks:
        for locked in sorted([str(path), str(proposal_path(path))]):
            locks.enter_context(script_locked(Path(locked)))
        return _kept_or_proposed(ep, path, text)


def _kept_or_proposed(ep: Episode, path: Path, text: str) -> str | None:
    """_save_episode's edited script at path: kept when its part of the text is unchanged
    (None), else the fresh episode with its edits carried over written beside it, and the
    conflict to report. A proposal waiting there that a person edited (saving.is_edited:
    it differs from the hidden copy written with it) is kept as is, said in one line."""
    from ..carry import carry_edits
    from ..saving import extracted_copy, proposal_path, write_proposal
    old = load_script(path)
    if aligned_to_its_text(old, text) and old.source_span == ep.script.source_span:
        ep.script = old  # the same words as before (an edit in another chapter): kept
        return None
    if is_edited(proposal_path(path)):  # a person's edits in the waiting proposal: theirs
        log.warning("%s has your edits: kept as is, not replaced by a fresh proposal "
                    "(move it over its script, or delete it for a fresh one)",
                    proposal_path(path))
        return f"{path} ({proposal_path(path).name} has your edits: kept as is)"
    carried = carry_edits(old, ep.script, text, extracted_copy(path))
    carried.script.source_span = ep.script.source_span
    carried.script.source_span_sha256 = ep.script.source_span_sha256
    lost = write_proposal(carried.script, path)
    return (f"{path} ({proposal_path(path).name}, {carried.note()}"
            + (f"; {lost})" if lost else ")"))


def _left_edited(folder: Path, paths: set[Path]) -> dict[str, list[tuple[Path, Script]]]:
    """The edited episode scripts in folder that none of `paths` (this build's) names, by
    the hash of their part of the text (source_span_sha256): an earlier build's, numbered
    anew by a chapter added or removed before theirs, or cut another way. One that cannot
    be read is left out (it is said as an earlier build's, unused)."""
    left: dict[str, list[tuple[Path, Script]]] = {}
    for path in sorted(folder.glob(f"*{SCRIPT_SUFFIX}")):
        if path in paths or not is_edited(path):
            continue
        try:
            script = load_script(path)
        except DramaError:
            continue
        if script.source_span_sha256:
            left.setdefault(script.source_span_sha256, []).append((path, script))
    return left


def _renumbered(ep: Episode, path: Path, left: dict, text: str) -> bool:
    """Whether an edited script of `left` holds ep's part of the text, ep's own script file
    being no person's: then it is ep's script, its offsets moved to where the part is now
    (_carried), written to ep's file as a person's (no hidden copy: a later extraction
    keeps it as it keeps any edit). Its own file is left as it was. ep's file already that
    script, byte for byte, took it before (another build of the folder at once)."""
    from ..saving import file_bytes, script_locked, untouched
    for old_path, old in left.get(ep.script.source_span_sha256, ()):
        carried = _carried(old, old_path, ep, text)
        if carried is None:
            continue
        with script_locked(path):
            current = file_bytes(path)
            if current != carried.encode("utf-8"):
                if not untouched(path, current):
                    return False  # a person's file under the new name: theirs decides
                write_atomic(path, carried)
        ep.script, ep.edits_from = old, old_path.name[:-len(SCRIPT_SUFFIX)]
        ep.edits_from_sha256 = _bytes_sha256(old_path)
        left[ep.script.source_span_sha256].remove((old_path, old))
        return True
    return False


def _carried(old: Script, old_path: Path, ep: Episode, text: str) -> str | None:
    """The edited script `old` (read from old_path) as ep's script file, when it holds ep's
    part of the text: its offsets moved to where the part is now
    (fidelity.aligned_to_its_text), its source_sha256 the text's, dumped with the person's
    comments, BOM and line ends of old_path (scriptkeep.kept_in_new_file; a comment with no
    place said in the log); else None."""
    if old.source_span_sha256 != ep.script.source_span_sha256 or \
            not aligned_to_its_text(old, text) or old.source_span != ep.script.source_span:
        return None
    old.source_sha256 = ep.script.source_sha256  # its offsets index this text now
    carried, lost = kept_in_new_file(old_path, dump_script(old), f"{ep.name}{SCRIPT_SUFFIX}")
    if lost:
        log.warning("%s", lost)
    return carried


def _script_path(ep: Episode, folder: Path) -> Path:
    """Where episode `ep`'s script is written: under its name, or under the name an older
    drama gave it (Episode.older_name) when a script is there and none under its name, so
    a script built and edited then is read and kept, not left beside a fresh one."""
    path = folder / f"{ep.name}.script.yaml"
    old = folder / f"{ep.older_name}.script.yaml"
    if ep.older_name and ep.older_name != ep.name and not path.exists() and old.is_file():
        ep.name = ep.older_name
        return old
    return path


def kept_episodes(folder: Path, text: str, mode: str) -> list[Episode] | None:
    """The episodes whose scripts the folder holds for this text split this way (its
    book.json says so and every script is there, each holding its part of the text, where
    an edit before it may have moved it), or None: they must be extracted."""
    index, sha = usable_index(folder), text_sha256(text)
    if not index or index.get("source_sha256") != sha or index.get("episodes_mode") != mode:
        return None
    paths = [folder / f"{ep['name']}.script.yaml" for ep in index["episodes"]]
    if not all(p.is_file() for p in paths):
        return None
    episodes = [Episode(ep["number"], ep["title"], ep["name"], load_script(p))
                for ep, p in zip(index["episodes"], paths)]
    # most were extracted from this very text: only the others are looked at
    if not all(ep.script.source_sha256 == sha or aligned_to_its_text(ep.script, text)
               for ep in episodes):
        return None
    return episodes


APART_CHARS = 100_000
"""A book this long (a novella and up) is extracted in a process of its own."""


def episode_scripts_apart(source: Path, book: SourceBook, folder: Path, mode: str,
                          title: str, extracting=None) -> tuple[list[Episode], bool]:
    """episode_scripts, a long book's in a spawned process: extraction works on the whole
    text at once (Pride and Prejudice: 11 MB more at its peak), and memory a process has
    used stays with it; this way it is given back before the book is rendered, and the
    rendering process holds only the scripts. `extracting` (drama.loading.Extracting)
    shows an extraction as it goes; scripts kept as they are need none. The hidden copy of
    a proposal moved over its script is removed first (saving.clear_moved_proposal_copy)."""
    from ..saving import clear_moved_proposal_copy
    for path in sorted(folder.glob(f"*{SCRIPT_SUFFIX}")):
        clear_moved_proposal_copy(path)
    kept = kept_episodes(folder, book.text, mode)
    if kept is not None:
        return kept, True
    with extracting(source) if extracting else nullcontext() as progress:
        args = (source, book, folder, mode, title)
        if len(book.text) < APART_CHARS:
            return episode_scripts(*args, progress)
        return in_own_process(episode_scripts, args, progress)


def sort_stale_edits(result: SeriesResult, episodes: list[Episode], folder: Path,
                      text: str) -> None:
    """Move from result.stale_edited to result.renumbered each edited script of an earlier
    build whose edits an episode of this one took (Episode.edits_from: this build, or an
    earlier one as book.json records it; unrecorded, a build stopped before writing it: the
    episode's file byte for byte the script carried, _carried). A script whose part an
    edited episode holds is not enough: that episode's edits may be another's (its part
    numbered anew, then back)."""
    taken = {ep.edits_from: ep for ep in episodes if ep.edits_from}
    for name in list(result.stale_edited):
        path = folder / f"{name}{SCRIPT_SUFFIX}"
        ep = taken.get(name)
        holder = ep.name if ep else _holding_as_carried(path, episodes, folder, text)
        if not holder:
            continue
        result.stale_edited.remove(name)
        if ep and ep.edits_from_sha256 and _bytes_sha256(path) != ep.edits_from_sha256:
            result.edited_after[name] = holder  # edited since: its later edits unused
        else:
            result.renumbered[name] = holder


def _bytes_sha256(path: Path) -> str:
    """The hash of a file's bytes ("" when there is none): of an edited script whose edits
    an episode took, to know it edited again since (Episode.edits_from_sha256)."""
    from ..saving import file_bytes
    try:
        data = file_bytes(path)
    except DramaError:
        return ""
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def _holding_as_carried(path: Path, episodes: list[Episode], folder: Path,
                        text: str) -> str | None:
    """The name of the episode whose script file is, byte for byte, the script at `path`
    carried to it (_carried), or None."""
    from ..saving import file_bytes
    try:
        old = load_script(path)
    except DramaError:
        return None
    for ep in episodes:
        carried = _carried(old, path, ep, text)
        if carried is not None:
            ep_path = folder / f"{ep.name}{SCRIPT_SUFFIX}"
            return ep.name if file_bytes(ep_path) == carried.encode("utf-8") else None
    return None
