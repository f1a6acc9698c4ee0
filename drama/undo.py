"""The last cast edit made from the command line, recorded so `drama speakers undo` can undo it.

`drama speakers merge / rename / move / voice` keep, beside the casting file, a hidden record
of the edit they make (voices.yaml's is `.voices.yaml.undo`): each file's text before the
edit and a digest of its text after. Only the last edit is kept, each edit's record
replacing the one before, compressed: a record is never bigger than the files of one edit.

The record is written after every file was checked and before any is written, under the
edit's locks, so a killed edit or undo never leaves a record that lies. Undoing puts back
each file that still holds what the edit wrote, leaves alone one already holding its text
before (the killed edit never wrote it, or a killed undo already put it back), and when any
file holds a third text (edited since) refuses with that file's name and writes nothing.
Once done, the record is removed: a second undo has nothing to undo. A killed edit finished
by running the same command again (as the README says) is recorded as one edit, both runs.

Example: after `drama speakers merge Ann "the girl" -s ep.script.yaml`, `.voices.yaml.undo`
holds ep.script.yaml's text before the merge (and voices.yaml's, when the merge changed it);
`drama speakers undo` writes those texts back, byte for byte.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .casting.load import casting_from_text
from .edits import (ChangedMeanwhile, EditPlan, FileChange, apply_plan, check_plan,
                    plan_locked, read_for_edit, write_plan)
from .errors import DramaError, OutputError, SpeakerError
from .files import NOT_REGULAR, NotRegularFile, os_error_message, read_regular, write_atomic
from .saving import baseline_path
from .scriptfile import is_script_path, parse_script, text_of

__all__ = ["record_path", "apply_recorded", "plan_undo", "undo_last", "UndoPlan"]

RECORD_FORMAT = "drama cast edit undo record 1"
"""The record's "format": a file holding anything else is no record of this drama's
(refused, never guessed at)."""


def record_path(casting: str | os.PathLike) -> Path:
    """Where the record of the last edit made with this casting file is kept: hidden, beside
    it (voices.yaml -> .voices.yaml.undo)."""
    p = Path(casting)
    return p.with_name(f".{p.name}.undo")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def apply_recorded(plan: EditPlan, casting: str, edit: str, scripts=()) -> None:
    """apply_plan, first recording how to undo plan beside `casting` (the edit's command,
    `edit`, such as 'merge Ann "the girl"', names it; `scripts`, the files it was given).
    The record is written once every file was checked, before any is written; when the
    edit then writes nothing (a full disk on its first file, ctrl-c), the record of the
    edit before is put back. An edit of scripts only goes on when no record can be kept
    beside `casting` (a folder it cannot write): a note says it cannot be undone."""
    record = record_path(casting)
    unwritable = _record_folder_unwritable(record)
    if unwritable is not None and not any(change.casting for change in plan.changes):
        apply_plan(plan)
        earlier = ": it still holds an earlier edit, which undo would take back" \
            if os.path.lexists(record) else ""
        plan.notes.append(f"{record}: cannot be written ({unwritable}), so `drama speakers "
                          f"undo` cannot undo this edit; the scripts are edited{earlier}")
        return
    with plan_locked(plan, casting):
        check_plan(plan)
        kept = _read_record_bytes(record)
        data = _continued(_record_of(plan, edit, scripts), kept, record)
        _write_record(record, data)
        try:
            write_plan(plan)
        except BaseException:
            if _none_written(plan):
                _put_back(record, kept)
            raise
        _mark_finished(record, data)


def _record_folder_unwritable(record: Path) -> str | None:
    """Why the record's folder takes no new file (its record and lock): "its folder is
    read-only" (its mode, a read-only disk), or, for one not made yet, that the nearest
    folder above it that is is read-only (casting_locked would make it there); None when
    it takes one. Example: `-c cast/new/voices.yaml`, cast/ read-only: "its folder cannot
    be made: cast is read-only"."""
    folder = record.parent
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    if folder == record.parent:
        return "its folder is read-only"
    return f"its folder cannot be made: {folder} is read-only"


def _mark_finished(record: Path, data: dict) -> None:
    """The record said to be of an edit that wrote every file: the same command run again
    later is an edit of its own, not the end of a killed one (_continued). Not marked (the
    disk full now): joined as a killed run's would be, as before."""
    try:
        _write_record(record, {**data, "finished": True})
    except SpeakerError:
        pass


def _record_of(plan: EditPlan, edit: str, scripts) -> dict:
    return {"format": RECORD_FORMAT, "edit": edit,
            "scripts": sorted(os.path.abspath(s) for s in scripts),
            "files": [{"path": os.path.abspath(c.path), "casting": c.casting,
                       "before": c.before, "after_sha256": _digest(c.after),
                       "summary": c.summary} for c in plan.changes] +
            [{"path": os.path.abspath(c.path), "casting": False, "copy": True,
              "before": c.before, "after_sha256": _digest(c.after), "summary": []}
             for c in plan.copies]}


def _continued(data: dict, kept: bytes | None, record: Path) -> dict:
    """data, or, when it is the same command on the same scripts run again to finish the
    same edit a kill stopped (the README's way; its record not marked finished), data with
    what the stopped run wrote: its files' texts before, so undo puts back the whole edit.
    Only when every file of the stopped run holds its text before or the one it wrote;
    else data alone.
    Example: a rename killed after ep1 is run again and renames ep2: the record puts back
    ep1 and ep2, not ep2 alone."""
    try:
        earlier = None if kept is None else _parse_record(record, kept)
    except SpeakerError:
        return data
    if earlier is None or earlier.get("finished") is True or \
            (earlier["edit"], earlier.get("scripts")) != (data["edit"], data["scripts"]):
        return data
    planned = {entry["path"]: entry for entry in data["files"]}
    written, changed = [], None
    for entry in earlier["files"]:
        try:
            now = planned[entry["path"]]["before"] if entry["path"] in planned else \
                read_for_edit(entry["path"])
        except SpeakerError:
            return data
        if now == entry["before"]:
            continue
        if _digest(now) != entry["after_sha256"] and changed is None:
            changed = _file_of(entry)  # by something else since: not one edit
        written.append(entry)
    if changed is not None:
        return {**data, "left": {"changed": changed, "files": [
            e["path"] for e in written if e.get("copy") is not True]}}
    for entry in written:
        if entry["path"] in planned:
            planned[entry["path"]]["before"] = entry["before"]
    extra = [e for e in written if e["path"] not in planned]
    left = {"left": earlier["left"]} if "left" in earlier else {}  # a run before it
    return {**data, **left, "files": extra + data["files"]}


def _file_of(entry: dict) -> str:
    """The file a person knows that a record's entry edits: its path, or for a proposal's
    hidden copy (.ep.script.new.yaml.extracted, edited with it) the proposal's
    (ep.script.new.yaml), which a message names instead of a file they never made."""
    if entry.get("copy") is True and _is_proposal_copy(entry["path"]):
        name = os.path.basename(entry["path"])
        return os.path.join(os.path.dirname(entry["path"]), name[1:-len(".extracted")])
    return entry["path"]


def _read_record_bytes(record: Path) -> bytes | None:
    try:
        return read_regular(record)  # a pipe there is refused, not waited on
    except FileNotFoundError:
        return None
    except NotRegularFile:
        raise SpeakerError(f"cannot read the undo record: {NOT_REGULAR}; delete it",
                           path=str(record)) from None
    except OSError as exc:
        raise SpeakerError(f"cannot read the undo record: {os_error_message(exc)}",
                           path=str(record)) from None


def _write_record(record: Path, data: dict | bytes) -> None:
    payload = data if isinstance(data, bytes) else gzip.compress(json.dumps(
        _with_paths(data, lambda p: _relative_to(p, record.parent)),
        ensure_ascii=False).encode("utf-8"), mtime=0)
    try:
        write_atomic(record, payload)
    except OutputError as exc:
        raise SpeakerError(f"cannot keep the record to undo the edit ({exc.message}); "
                           "nothing was changed", path=str(record)) from None


def _with_paths(data: dict, change) -> dict:
    """data with each path (its files', its scripts') turned by change: the record holds them
    relative to its own folder, so a project folder moved or copied undoes its own files,
    never those of the folder it was copied from; in memory they are absolute."""
    out = {**data, "scripts": [change(p) for p in data.get("scripts", [])],
           "files": [{**entry, "path": change(entry["path"])} for entry in data["files"]]}
    if "left" in data:
        out["left"] = {"changed": change(data["left"]["changed"]),
                       "files": [change(p) for p in data["left"]["files"]]}
    return out


def _relative_to(path: str, folder: Path) -> str:
    """path relative to folder (absolute when it cannot be: another drive on Windows).
    Example: /book/out/ep1.script.yaml from /book -> out/ep1.script.yaml."""
    try:
        return os.path.relpath(path, os.path.abspath(folder))
    except ValueError:
        return path


def _put_back(record: Path, kept: bytes | None) -> None:
    """The record as it was before an edit that wrote nothing (none: removed)."""
    try:
        if kept is None:
            record.unlink(missing_ok=True)
        else:
            write_atomic(record, kept)
    except (OSError, OutputError):
        pass  # the edit's own record stays: undoing it finds every file as before


def _none_written(plan: EditPlan) -> bool:
    """Whether every file still holds its text before plan (an unreadable one: unknown,
    so no)."""
    try:
        return all(read_for_edit(c.path) == c.before for c in plan.changes)
    except SpeakerError:
        return False


@dataclass
class UndoPlan:
    """What `drama speakers undo` does: the edit it undoes and the files it writes back."""

    edit: str
    """The command the record was left by, such as 'merge Ann "the girl"'."""
    plan: EditPlan
    """The files holding what the edit wrote, each back to its text before."""
    already: list[str] = field(default_factory=list)
    """Files the edit changed that already hold their text before (never written by a
    killed edit, or put back by a killed undo): left as they are."""
    left: str | None = None
    """One line on a run of the edit a kill stopped before this one, whose files undo leaves
    edited (one of them changed since, so the two runs were not joined); None when none."""


def plan_undo(casting: str | os.PathLike) -> UndoPlan | None:
    """How the last edit recorded beside `casting` is undone, None when none is recorded; a
    SpeakerError naming the first file changed since the edit (nothing to write then)."""
    record = record_path(casting)
    raw = _read_record_bytes(record)
    return None if raw is None else _undo_of(_parse_record(record, raw), record)


def undo_last(casting: str | os.PathLike) -> UndoPlan | None:
    """Undo the last edit recorded beside `casting` (plan_undo, then every file written
    back, under the edit's locks) and remove its record; None when none is recorded."""
    casting = str(casting)
    record = record_path(casting)
    first = _read_record_bytes(record)
    if first is None:
        return None
    files = _parse_record(record, first)["files"]
    paths = EditPlan([FileChange(f["path"], "", "", casting=f["casting"]) for f in files
                      if f.get("copy") is not True])  # a copy: under its proposal's lock
    with plan_locked(paths, casting):
        now = _read_record_bytes(record)
        if now is None:  # another undo, waited for, undid it
            return None
        if now != first:
            raise SpeakerError("another edit was recorded while undo waited for its files; "
                               "nothing was undone: run `drama speakers undo` again",
                               path=str(record))
        undo = _undo_of(_parse_record(record, first), record)
        try:
            check_plan(undo.plan)
        except ChangedMeanwhile as exc:
            raise SpeakerError(f"changed while being undone; nothing was undone: "
                               f"{exc.message}", path=exc.path) from None
        write_plan(undo.plan)
        _remove_record(record)
    return undo


def _remove_record(record: Path) -> None:
    try:
        record.unlink(missing_ok=True)
    except OSError as exc:
        raise SpeakerError(f"undone, but its record cannot be removed: "
                           f"{os_error_message(exc)}; delete it", path=str(record)) from None


def _parse_record(record: Path, raw: bytes) -> dict:
    """The record's data; a SpeakerError naming it when it is no record this drama wrote."""
    try:
        data = json.loads(_unpacked(raw).decode("utf-8"))
        if data.get("format") != RECORD_FORMAT:
            raise ValueError("another format")
        for entry in data["files"]:
            _check_entry(entry)
        _check_left(data.get("left", {"changed": "-", "files": []}))
        str(data["edit"])
        folder = os.path.abspath(record.parent)
        data = _with_paths(data, lambda p: os.path.normpath(os.path.join(folder, p)))
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, AttributeError):
        raise SpeakerError("not a record of an edit drama can undo (damaged, or another "
                           "program's); delete it to forget the edit", path=str(record)) \
            from None
    _check_files_edited(data, record)
    return data


RECORD_LIMIT = 1 << 30
"""The most bytes a record may hold unpacked (1 GiB: a whole long book's scripts are tens of
MB); past it, no record drama wrote."""


def _unpacked(raw: bytes) -> bytes:
    """The record's gzip unpacked; an EOFError when cut short, a ValueError past
    RECORD_LIMIT bytes (a few MB packed that unpack to many GB would fill the memory)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip's header and trailer
    out = unpacker.decompress(raw, RECORD_LIMIT + 1)
    if len(out) > RECORD_LIMIT:
        raise ValueError("too big")
    if not unpacker.eof:
        raise EOFError("cut short")
    return out


def _check_files_edited(data: dict, record: Path) -> None:
    """A SpeakerError naming the record when it names a file no edit changes: one not named
    as a script, or a casting file other than the one it lies beside. A record is only data:
    one made by hand (or come with a downloaded project) would have undo write its text
    over any file, ../notes.txt or ~/.profile, holding the digest it gives."""
    casting = os.path.abspath(record.with_name(record.name[1:-len(".undo")]))
    for entry in data["files"]:
        if entry.get("copy") is True:
            _check_copy(entry, record)
            continue
        if not (os.path.abspath(entry["path"]) == casting if entry["casting"] else
                is_script_path(entry["path"])):
            raise SpeakerError(f"not a record of an edit drama can undo: it names "
                               f"{_shown(entry['path'])}, neither a script nor "
                               f"{os.path.basename(casting)}; delete it to forget the edit",
                               path=str(record))


def _is_proposal_copy(path: str) -> bool:
    """Whether path is a script's hidden copy (.ep.script.new.yaml.extracted), which an edit
    of a waiting proposal edits with it (EditPlan.copies)."""
    name = os.path.basename(path)
    inner = name[1:-len(".extracted")]
    return name.startswith(".") and name.endswith(".extracted") and is_script_path(inner) \
        and str(baseline_path(Path(path).with_name(inner))) == path


def _check_copy(entry: dict, record: Path) -> None:
    """A SpeakerError naming the record when an entry it marks as a proposal's hidden copy
    is none (voices.yaml, ep.script.yaml): a copy is put back unlisted, so -n would say
    "nothing to undo" and undo would then write over that file (review54)."""
    if entry["casting"] or not _is_proposal_copy(entry["path"]):
        raise SpeakerError(f"not a record of an edit drama can undo: it names "
                           f"{_shown(entry['path'])} as a proposal's hidden copy, which it "
                           "is not; delete it to forget the edit", path=str(record))


def _check_entry(entry: dict) -> None:
    """A TypeError when a record's file entry lacks a field or holds the wrong kind, or a
    path no file can have (a NUL in it: the system refuses it, a traceback)."""
    kinds = {"path": str, "casting": bool, "before": str, "after_sha256": str,
             "summary": list}
    if not all(isinstance(entry[key], kind) for key, kind in kinds.items()) or \
            "\0" in entry["path"] or not entry["path"]:
        raise TypeError("wrong kind")


def _check_left(left: dict) -> None:
    """A TypeError when a record's note of a stopped run it could not join (_continued) is
    not the paths it should be."""
    paths = [left["changed"], *left["files"]]
    if not all(isinstance(p, str) and p and "\0" not in p for p in paths):
        raise TypeError("wrong kind")


def _left_said(left: dict, edit: str) -> str:
    """One line on the files a stopped run of the edit wrote that undo leaves as they are:
    the run was not joined to this one, a file of it changed since (_continued).
    Example: "ep.script.yaml: changed after a kill stopped `drama speakers rename A B`, ..."."""
    files = [_shown(p) for p in left["files"]]
    named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return (f"{_shown(left['changed'])}: changed after a kill stopped `drama speakers {edit}` "
            f"and before it was run again, so undo puts back the second run only: the first "
            f"run's edits stay in {named} (put them back by hand)")


def _undo_of(data: dict, record: Path) -> UndoPlan:
    """Each file of the record put back, or left holding its text before; a SpeakerError
    naming the first one holding neither that text nor the edit's."""
    undo = UndoPlan(data["edit"], EditPlan())
    if "left" in data:
        undo.left = _left_said(data["left"], data["edit"])
    for entry in reversed(data["files"]):  # voices.yaml, written last, put back first
        if entry.get("copy") is True:
            _copy_put_back(entry, undo.plan, record)
            continue
        shown = _shown(entry["path"])
        now = _text_now(shown, data["edit"], record)
        if now == entry["before"]:
            undo.already.append(shown)
        elif _digest(now) == entry["after_sha256"]:
            _check_texts(entry, now, record)
            undo.plan.changes.append(FileChange(
                shown, now, entry["before"], [f"undone: {line}" for line in entry["summary"]],
                entry["casting"]))
        else:
            raise SpeakerError(f"changed since `drama speakers {data['edit']}`; nothing was "
                               f"undone (put its edits back by hand, or delete {record} to "
                               "forget the edit)", path=shown)
    return undo


def _copy_put_back(entry: dict, plan: EditPlan, record: Path) -> None:
    """A proposal's hidden copy the edit wrote, put back with its proposal (plan.copies);
    one holding anything else (gone, renewed since) is left alone: its proposal then counts
    as a person's, kept, as it would have without the copy edited."""
    path = _shown(entry["path"])
    try:
        now = read_for_edit(path)
    except SpeakerError:
        return
    if now != entry["before"] and _digest(now) == entry["after_sha256"]:
        _check_texts(entry, now, record)
        plan.copies.append(FileChange(path, now, entry["before"]))


def _check_texts(entry: dict, now: str, record: Path) -> None:
    """A SpeakerError naming the record when a file it would put back holds no text of its
    kind now, or would get none back: an edit only ever changes a script into a script and
    a casting file into a casting file (casting YAML, as casting_from_text reads it), so a
    record naming another YAML or JSON file (config.yaml, package.json: one made by hand,
    holding that file's digest) never has undo write over it, nor any text over voices.yaml.
    Example: a record naming settings.yml, whose text now is `theme: dark`, is refused; so
    is one that would give voices.yaml back the text `echo hello`."""
    kind = "casting file" if entry["casting"] else "drama script"
    for when, text in (("now", now), ("before the edit", entry["before"])):
        try:
            if entry["casting"]:
                casting_from_text(text, entry["path"])
            else:
                parse_script(text_of(text.encode("utf-8"), entry["path"]), entry["path"])
        except DramaError:
            raise SpeakerError(f"not a record of an edit drama can undo: it names "
                               f"{_shown(entry['path'])}, whose text {when} is no {kind}; "
                               "delete it to forget the edit", path=str(record)) from None


def _text_now(path: str, edit: str, record: Path) -> str:
    """The text of a file the edit changed, or a SpeakerError naming it when it is gone (the
    system's "[Errno 2] ... 'path'" named it twice and said nothing of the edit)."""
    if not os.path.lexists(path):
        raise SpeakerError(f"deleted or moved since `drama speakers {edit}`; nothing was "
                           f"undone (put it back, or delete {record} to forget the edit)",
                           path=path)
    return read_for_edit(path)


def _shown(path: str) -> str:
    """A recorded (absolute) path as a person gave it: relative to the current folder when
    it lies under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) \
        else relative
