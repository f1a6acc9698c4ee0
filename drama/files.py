"""Writing files so that nothing is lost: the one place for temporary names, atomic replacement,
leftovers of killed runs, and which paths an `-o` may name.

Every file drama writes is written under a temporary name beside it and renamed over the
destination only when complete, so a crash, a kill or a full disk leaves the previous file as
it was. A temporary name carries the writer's process id (``.<name>.drama-<pid>.tmp<ext>``),
so a later run in the same folder can tell a dead process's leftovers from a live one's work,
and removes them (`sweep_leftovers`).
"""
from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .errors import DramaError, InputError, OutputError

log = logging.getLogger(__name__)

_TEMP_NAME = re.compile(r"^\..+\.drama-(\d+)\.tmp")
"""A temporary file of ours: `.<name>.drama-<pid>.tmp...`; group 1 is the writer's pid."""


def cache_root() -> Path:
    """The folder of what drama keeps between runs (rendered segments, compiled patterns):
    $DRAMA_CACHE, else $XDG_CACHE_HOME/drama, else ~/.cache/drama."""
    return Path(os.environ.get("DRAMA_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "drama"))


def temp_path(dest: str | os.PathLike, suffix: str = "") -> Path:
    """A temporary name beside dest for this process; `suffix` keeps an extension tools need."""
    dest = Path(dest)
    return dest.with_name(f".{dest.name}.drama-{os.getpid()}.tmp{suffix}")


def process_alive(pid: int) -> bool:
    """Whether a process runs (a killed one nobody has reaped yet, a zombie, does not)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:  # no /proc (macOS): trust kill()
        return True


def _alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would end the process on Windows: ask for its exit code instead
    import ctypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: someone else's, running
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and \
            code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def sweep_leftovers(folder: str | os.PathLike) -> int:
    """Remove the temporary files that dead drama processes left in folder; how many.

    A process killed outright (kill -9, power cut) cannot clean up after itself; its
    temporary files (a whole episode's WAV, say) are removed by the next run that writes there.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if not m or process_alive(int(m.group(1))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    if removed:
        log.info("%s: removed %d temporary file(s) of killed runs", folder, removed)
    return removed


def utf8_text(data: bytes, path: str, error: type[DramaError], what: str = "UTF-8 text") -> str:
    """A file's bytes decoded as UTF-8, or `error` naming the first byte that is not valid,
    its line and column, and what Windows-1252 (which Latin-1 files read as too) makes of it
    ("not valid UTF-8 text: byte 0x93 at column 1, '“' in Windows-1252; save it as UTF-8"):
    one wording for every file drama reads as UTF-8 (a script, a text, a casting file). It
    said "(byte 44)", the offset, which read as the byte's value."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        byte = data[exc.start]
        try:
            seen = f", {bytes([byte]).decode('cp1252')!r} in Windows-1252"
        except UnicodeDecodeError:
            seen = ""
        raise error(f"not valid {what}: byte 0x{byte:02X} at column {column}{seen}; save it "
                    "as UTF-8", path=path, line=data[:exc.start].count(b"\n") + 1) from None


def not_utf8_name(path: str) -> str | None:
    """Why a path cannot be written into a text (a script, a web page): a name in another
    encoding than the system's UTF-8 (an old archive's `caf\xe9.txt`), which Python keeps
    as lone surrogates; None for any other path."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError as exc:
        byte = os.fsencode(path[exc.start])[0]
        return (f"is not valid UTF-8 (byte 0x{byte:02X}: a name written in another "
                "encoding); rename that file or folder")
    return None


def shown_path(path: str) -> str:
    """A path, or a message naming one, as `ls -b` shows it: a byte of a name that is not
    UTF-8 (which Python keeps as a lone surrogate, printed as \\udce9) as \\xe9."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name gives: shown as Python escapes it
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def no_room_advice(exc: OSError) -> str | None:
    """What to do when a write found no room, None for another error: a full disk (or
    quota) wants space freed; a file over the size a file system or process allows (EFBIG:
    FAT32's 4 GB, `ulimit -f`) does not, as freeing space changes nothing there."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space and run again"
    if exc.errno == errno.EFBIG:
        return ("write it to a file system that takes larger files, or raise the limit "
                "(ulimit -f), and run again")
    return None


SIDE_NAME_EXTRA = 45
"""About how many characters the longest hidden file drama keeps beside a file adds to its
name: `.<name>.extracted.pending.drama-<pid>.tmp`."""


def os_error_message(exc: OSError) -> str:
    """What an OS error means for the person running drama, in a few words (no path)."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file is larger than this system allows (file size limit)"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EROFS:
        return "the file system is read-only"
    if code == errno.ENOTDIR:
        return "a part of this path is a file, not a folder"
    if code == errno.EISDIR:
        return "is a folder, not a file"
    if code == errno.ENOENT:
        return "no such file or folder"
    if code == errno.ENAMETOOLONG and _is_hidden(exc.filename):  # `.<name>.extracted...`
        return (f"the name is too long for this file system: drama also writes hidden files "
                f"beside what it writes, named after it with up to {SIDE_NAME_EXTRA} more "
                f"characters; give the text (or the output) a shorter name")
    if code == errno.ENAMETOOLONG:  # a name the person gave: no file can have it here
        return NAME_TOO_LONG
    return exc.strerror or str(exc)


NAME_TOO_LONG = "the name is too long for this file system; give it a shorter one"
"""A name the person gave that no file can have here (the system's "File name too long"
said neither which name nor what to do)."""


def cannot_read(exc: OSError) -> str:
    """Why a file could not be read: the system's words (`cannot read: Permission
    denied`), but a name too long said as for a file written (NAME_TOO_LONG)."""
    if exc.errno == errno.ENAMETOOLONG:
        return NAME_TOO_LONG
    return f"cannot read: {exc.strerror or exc}"


def _is_hidden(filename) -> bool:
    """Whether an OSError's file is a hidden one (drama's beside a file: SIDE_NAME_EXTRA)."""
    return filename is not None and os.path.basename(os.fsdecode(filename)).startswith(".")


def output_error(exc: OSError, path: str | os.PathLike | None = None) -> OutputError:
    """An OSError met while writing, as a one-line OutputError naming the file and saying
    what to do."""
    where = path if path is not None else exc.filename
    no_room = no_room_advice(exc)
    if no_room:  # stdout (`drama --help > /dev/full`) has no previous file to keep
        advice = f"; {no_room}" + (" (the previous file is kept)" if where is not None else "")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "; choose another place or fix its permissions"
    else:
        advice = ""
    return OutputError(os_error_message(exc) + advice,
                       path=str(where) if where is not None else None)


_made_by_this_run: list[list[Path]] = []
"""The lists `folders_made` is filling: each gets every folder make_folder makes."""


@contextmanager
def folders_made() -> Iterator[list[Path]]:
    """The folders make_folder makes while this is open (parents first), so a command that
    fails can remove the ones still empty (`remove_empty`)."""
    made: list[Path] = []
    _made_by_this_run.append(made)
    try:
        yield made
    finally:
        _made_by_this_run.remove(made)


def remove_empty(folders: Iterable[Path]) -> None:
    """Remove those of folders that are empty, deepest first (one holding anything stays)."""
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:  # not empty, gone, or not ours to remove
            continue


def make_folder(folder: str | os.PathLike) -> None:
    """Make an output folder (and its parents), or raise an OutputError saying why not."""
    missing = _missing_folders(Path(folder))
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _in_the_way(Path(folder)) from None
    except OSError as exc:
        raise output_error(exc, folder) from None
    for made in _made_by_this_run:
        made.extend(missing)


def _missing_folders(folder: Path) -> list[Path]:
    """folder and those of its parents that do not exist yet, the outermost first."""
    missing = []
    for p in (folder, *folder.parents):
        if os.path.lexists(p):
            break
        missing.append(p)
    return missing[::-1]


def _in_the_way(folder: Path) -> OutputError:
    """Why a folder could not be made where something exists: the path itself or a folder
    above it is a file, or a symbolic link to nothing (`-o gone/`: "is a file" was false)."""
    blocker = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), folder)
    if blocker.is_symlink() and not blocker.exists():
        return OutputError(f"is a symbolic link to {os.readlink(blocker)}, which does not "
                           f"exist; create that folder or choose another output",
                           path=str(blocker))
    return OutputError("is a file, not a folder", path=str(blocker))


def check_writable(folder: str | os.PathLike) -> None:
    """Make sure a file can be made in folder (by making and removing one), so a long job
    fails at its start, not at its end; an OutputError naming the folder otherwise."""
    probe = temp_path(Path(folder) / "probe")
    try:
        with open(probe, "wb"):
            pass
    except OSError as exc:
        raise output_error(exc, folder) from None
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError:
            pass


def flush_to_disk(path: str | os.PathLike) -> None:
    """fsync a finished file before it is renamed into place, so a power cut leaves the old
    file or the new one, never an empty one."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike, data: str | bytes, *, mode: int | None = None,
                 sync: bool = True, before_replace: Callable[[], None] | None = None,
                 named: str | os.PathLike | None = None) -> None:
    """Write data (text as UTF-8, no newline translation) to path through a temporary file,
    so a crash, a kill or a full disk never leaves half a file in its place.

    `mode` gives the file's permission bits (else the umask's); `sync` flushes it to disk
    before the rename, so even a power cut leaves the old file or the new one.
    `before_replace` is called last before the rename; what it raises stops the write.
    `named` is the file an error names, when not path (a hidden file written for it).
    """
    p = Path(path)
    make_folder(p.parent)
    tmp = temp_path(p)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as f:
            f.write(payload)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        if before_replace is not None:
            before_replace()
        os.replace(tmp, p)
    except OSError as exc:
        raise output_error(exc, named or p) from None
    finally:
        tmp.unlink(missing_ok=True)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether a and b are one file (False when either is not there)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


NOT_REGULAR = "is not a regular file (a pipe, device or socket)"
"""Why drama neither reads nor writes a path: reading a pipe waits for a writer that never
comes, a device such as /dev/zero never ends, and writing would replace either with a file."""
NOT_REGULAR_INPUT = f"{NOT_REGULAR}; drama reads only regular files"
"""The error for such a path given as an input (writing: see check_output)."""


class NotRegularFile(OSError):
    """Raised by `read_regular` for a path that exists but is not a regular file."""


MAX_READ_BYTES = 256 << 20
"""The most a file drama reads whole may hold: a script, a casting file (voices.yaml), a
render manifest (a source is read no further than its own bound, source.MAX_TEXT_BYTES).
A novel's script is 1.5 times its text (Pride and Prejudice: 0.69 -> 1.02 MB), an
all-dialogue one's 7: this holds the script of the longest text drama reads (64 MB) at
four times its size. A larger file is none drama wrote (a disk image or a video renamed),
and it was read whole before it was parsed: gigabytes of memory, or MemoryError."""


class TooLargeFile(InputError):
    """Raised by `read_regular` for a file over MAX_READ_BYTES asked for whole, unread."""

    def __init__(self, path: str):
        super().__init__(f"is larger than {MAX_READ_BYTES >> 20} MB, more than a script, "
                         "casting file or render manifest can be: check that this is the "
                         "file you meant", path=path)


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """A file opened for reading, provided it is a regular file (a symbolic link is
    followed): a pipe, a device or a socket raises NotRegularFile, never waited on (opened, a
    pipe waits for a writer forever), a folder IsADirectoryError; other OSErrors as open()
    raises them."""
    p = os.fspath(path)
    if not stat.S_ISREG(_mode_of(p, os.stat(p).st_mode)):
        raise NotRegularFile(errno.EINVAL, NOT_REGULAR, p)
    # opened without waiting for a writer, and checked again once open, in case it changed
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
    f = os.fdopen(fd, "rb")
    try:
        if not stat.S_ISREG(_mode_of(p, os.fstat(fd).st_mode)):
            raise NotRegularFile(errno.EINVAL, NOT_REGULAR, p)
    except BaseException:
        f.close()
        raise
    return f


def read_json(path: str | os.PathLike):
    """A JSON file drama wrote (a render manifest, a book's book.json), read as read_regular
    reads a file whole: an OSError when it cannot be read (a pipe, a folder, none), a
    ValueError when it is no JSON, no UTF-8 or larger than MAX_READ_BYTES (its message
    says which), so that a reader that takes a broken file as none takes a huge one so."""
    try:
        data = read_regular(path)
    except TooLargeFile as exc:
        raise ValueError(exc.message) from None
    return json.loads(data.decode("utf-8"))


def read_regular(path: str | os.PathLike, most: int = -1) -> bytes:
    """A file's bytes (its first `most` only, when given), provided it is a regular file (a
    symbolic link is followed): a pipe, a device or a socket raises NotRegularFile before
    anything is read, a folder IsADirectoryError; other OSErrors as open() raises them. Read
    whole (no `most`), a file over MAX_READ_BYTES raises TooLargeFile, unread."""
    p = os.fspath(path)
    with open_regular(p) as f:
        size = os.fstat(f.fileno()).st_size
        if most >= 0:
            return _read_at_most(f, size, most)
        if size > MAX_READ_BYTES:
            raise TooLargeFile(p)
        data = _read_at_most(f, size, MAX_READ_BYTES + 1)
        if len(data) > MAX_READ_BYTES:  # it grew since it was opened
            raise TooLargeFile(p)
        return data


def _read_at_most(f, size: int, most: int) -> bytes:
    """Up to `most` bytes of open file f, whose size was `size` when opened. Asks for no more
    than the file holds and one byte: read(n) sets n bytes aside before it reads, so asking
    for a bound (256 MB for a script, 64 MB for a source) took that much for every file
    read. A file that grew meanwhile (the one byte more came) is read on a megabyte at a
    time."""
    data = f.read(min(most, size + 1))
    if len(data) <= size or len(data) >= most:
        return data
    parts, total = [data], len(data)
    while total < most and (chunk := f.read(min(1 << 20, most - total))):
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _mode_of(path: str, mode: int) -> int:
    """mode, after raising IsADirectoryError for a folder (as open() would)."""
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    return mode


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike | None] = (),
                 role: str = "output") -> Path:
    """The file an output path names, checked: never an input of the same command, never
    anything but a regular file, never a symbolic link to nothing (writing through it would
    make folders wherever it points). A symbolic link is followed (the file it points to is
    written); raises OutputError otherwise. `role` names the path in the advice ("choose
    another output"): a file that is read and written, such as the casting file, is checked
    the same way."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise OutputError("a part of this path is a file, not a folder", path=str(p)) from None
    except OSError as exc:
        raise output_error(exc, p) from None
    if st is None and p.is_symlink():
        raise OutputError(f"is a symbolic link to {os.readlink(p)}, which does not exist; "
                          f"create that file or choose another {role}", path=str(p))
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError("is a folder; name a file inside it", path=str(p))
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{NOT_REGULAR}; drama writes only regular files: choose "
                              f"another {role}", path=str(p))
        for source in inputs:
            if source is not None and same_file(p, source):
                same = "" if os.path.abspath(source) == os.path.abspath(p) else f" ({source})"
                raise OutputError(f"is an input of this command{same}; writing it would "
                                  f"destroy it: choose another {role}", path=str(p))
        if p.is_symlink():
            p = Path(os.path.realpath(p))
    return p


RENDER_FOLDER = "output"
"""Where `drama render` writes an episode when not told where (its manifest is looked for
there by `drama export -f srt`)."""

_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
"""A file name's extension: `.txt`, `.yaml`, `.mp3` (not `. Smith` in "Mr. Smith", nor `.1`
in "vol.1")."""
_DRAMA_KINDS = (".script", ".manifest")
"""What drama writes before a file's extension: `000.script.yaml`, `000.manifest.json`."""


def file_stem(path: str | os.PathLike) -> str:
    """The name a file's outputs are called by: its name without its extension and drama's
    `.script`/`.manifest` before it (`Mr. Smith.txt`, `Mr. Smith.script.yaml` and `Mr.
    Smith.wav` are "Mr. Smith"; `vol.1.txt` is "vol.1", not "vol" as vol.2.txt), leading
    dots skipped (`.story.txt` is "story": "" named the script `.script.yaml` and the audio
    `.wav`, which render refused as of no known format), trailing ones too (`story.txt.`);
    "drama" for a name of dots only."""
    name = _EXTENSION.sub("", Path(path).name.strip("."))
    for kind in _DRAMA_KINDS:
        if name.lower().endswith(kind):  # EP.SCRIPT.YAML, a script as its name says
            name = name[:-len(kind)]
    return name.rstrip(".") or "drama"


def file_title(path: str | os.PathLike) -> str:
    """The title of a text that names none (no heading, no Title: line, no EPUB metadata),
    as a person would write it from its file name: `b/the_raven.txt` is "The raven", not the
    path (which showed in the episode's tags, subtitles, radio play and feed)."""
    name = " ".join(file_stem(path).replace("_", " ").split())
    return name[:1].upper() + name[1:] if name.islower() else name


def old_file_stem(path: str | os.PathLike) -> str:
    """The name drama gave a file's outputs before round 24: its name up to the first dot
    (`Mr. Smith.txt` -> "Mr"), looked for only to tell a person whose script has that name
    that it is no longer read (loading.warn_of_old_script_name)."""
    return Path(path).name.lstrip(".").split(".")[0] or "drama"


def output_target(path: str | os.PathLike, default_name: str) -> Path:
    """The file an `-o PATH` names: default_name inside PATH when PATH is a folder, or
    is written as one (`out/`, a folder to make: the slash is read from the raw argument,
    which pathlib would drop); else PATH. Nothing is made here."""
    raw = _home_expanded(path)
    return Path(raw) / default_name if names_folder(raw) else Path(raw)


def names_folder(path: str | os.PathLike) -> bool:
    """Whether an `-o PATH` names a folder: one that is there, or one written as a folder
    (`out/`: the slash is read from the raw argument, which pathlib would drop)."""
    raw = _home_expanded(path)
    return raw.endswith(("/", os.sep)) or bool(os.altsep and raw.endswith(os.altsep)) or \
        Path(raw).is_dir()


def _home_expanded(path: str | os.PathLike) -> str:
    """`--output=~/x/` with ~ as the home folder: the shell expands ~ only at a word's
    start; a folder named "~" made here would be one that `rm -rf ~` next removes the home
    folder for."""
    raw = os.fspath(path)
    return os.path.expanduser(raw) if raw == "~" or raw.startswith(("~/", "~" + os.sep)) \
        else raw


def resolve_output(path: str | os.PathLike, default_name: str,
                   inputs: Iterable[str | os.PathLike | None] = ()) -> Path:
    """Where an `-o PATH` option writes: PATH, or default_name inside it when it is a folder;
    checked by `check_output`, its folder made and found writable, and dead runs' leftovers
    there removed."""
    p = check_output(output_target(path, default_name), list(inputs))
    make_folder(p.parent)
    check_writable(p.parent)
    sweep_leftovers(p.parent)
    return p

