"""What the studio works on: a script, an output folder of episodes, or a book's series folder,
and the files it reads and writes, each with the version it last saw.

A file's version is the hash of its bytes. The studio records the version of every file when
it reads or writes it; a file whose bytes changed since (an editor, another drama command) was
changed by someone else: it is read again, and an edit planned against the old text is refused.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..files import TooLargeFile, file_stem, not_utf8_name, read_json, read_regular, shown_path
from ..scriptfile import SCRIPT_ENDINGS, SCRIPT_SUFFIXES

if TYPE_CHECKING:
    from ..model import Script
    from ..render.encode import Album

SCRIPT_PATTERNS = ("*.script.yaml", "*.script.yml", "*.script.json")


@dataclass
class Episode:
    """One script and what its render wrote beside it."""

    name: str
    """The episode's name: the script's file name without `.script.yaml` (files.file_stem)."""
    script: Path
    title: str | None = None
    """A book's chapter title, from its series index (book.json)."""
    formats: tuple[str, ...] = ()
    """The formats a book's build writes its episodes in (book.json's), the feed's first."""
    number: int | None = None
    """A book's episode's number in it (book.json's): its files' track tag."""

    @property
    def label(self) -> str:
        return f"{self.name} · {self.title}" if self.title else self.name

    @property
    def manifest(self) -> Path:
        return self.script.with_name(f"{self.name}.manifest.json")

    @property
    def loudness(self) -> str:
        """The loudness target the episode was last rendered at (default: podcast)."""
        from ..render import LOUDNESS_TARGETS
        try:
            target = read_json(self.manifest)["loudness"]["target"]
        except (OSError, ValueError, KeyError, TypeError):
            return "podcast"
        return target if target in LOUDNESS_TARGETS else "podcast"

    def audio_files(self) -> list[Path]:
        """The audio files of its last render, the one to play first (as its manifest lists
        them); when it was never rendered, those its book's build writes (a build stopped
        before it), else [<name>.wav]."""
        from ..render.episode import recorded_audio
        names = recorded_audio(self.manifest) or \
            [f"{self.name}.{f}" for f in self.formats] or [f"{self.name}.wav"]
        return [self.script.with_name(Path(n).name) for n in names]


@dataclass
class Project:
    """The episodes the studio shows and the casting file they share."""

    root: Path
    """The folder the studio may serve files from: the scripts' folder."""
    episodes: list[Episode]
    casting: Path
    series: bool = False
    """A book's series folder (book.json): its audiobook and index are `drama build`'s."""
    artist: str | None = None
    """The artist tag a book's audio files carry: its author, as `drama build` writes it
    (None for a book naming no author). A lone script's is its text's (pipeline.titled),
    as `drama render` tags it."""

    @property
    def language(self) -> str:
        """The language its pages are in: a book's, as book.json records it (an EPUB's own),
        else English (book.whole.book_language)."""
        from ..book.whole import DEFAULT_LANGUAGE, book_language
        return book_language(self.root) if self.series else DEFAULT_LANGUAGE

    def episode(self, name: str) -> Episode:
        for ep in self.episodes:
            if ep.name == name:
                return ep
        raise InputError(f"no episode {name!r} here", path=str(self.root))

    def serves(self, path: Path) -> bool:
        """Whether a file lies inside the project folder (links resolved)."""
        try:
            return path.resolve().is_relative_to(self.root.resolve())
        except OSError:
            return False


def open_project(path: str | os.PathLike, casting: str | os.PathLike) -> Project:
    """The project at path: a script file, or a folder of `*.script.yaml` episodes."""
    p = Path(path)
    if p.is_file():
        if not p.name.lower().endswith(SCRIPT_SUFFIXES):
            raise InputError(f"not a script: the studio opens a script ({SCRIPT_ENDINGS}) "
                             "or a folder of them; make one with `drama extract` or "
                             "`drama build`", path=str(p))
        return Project(p.parent, [_episode(p)], Path(casting))
    if not p.is_dir():
        raise InputError("no such script or folder; build one first with `drama build`",
                         path=str(p))
    series = _series_episodes(p)
    if series:
        return Project(p, series, Path(casting), series=True, artist=_series_author(p))
    scripts = sorted({s for pattern in SCRIPT_PATTERNS for s in p.glob(pattern)})
    if not scripts:
        raise InputError("no episode scripts (*.script.yaml) in this folder; build them with "
                         "`drama build`", path=str(p))
    return Project(p, [_episode(s) for s in scripts], Path(casting))


def _episode(script: Path) -> Episode:
    """The episode of a script, or an InputError naming it when its name cannot go into a
    web page (files.not_utf8_name): every page lists the episodes, so each was an error 500."""
    problem = not_utf8_name(str(script))
    if problem:
        raise InputError(f"{problem} (the studio shows every episode's name in its pages)",
                         path=shown_path(str(script)))
    return Episode(file_stem(script), script)


def _series_episodes(folder: Path) -> list[Episode]:
    """A series folder's episodes in the book's order, with their titles (book.json, as
    `drama build BOOK` writes it); [] when the folder is not one."""
    from ..book.whole import read_index
    from ..render.encode import FORMATS
    try:
        index = read_index(folder)
    except InputError:
        return []
    formats = index.get("formats")  # absent from a book.json written before it was kept
    formats = tuple(f for f in formats if f in FORMATS) if isinstance(formats, list) else ()
    episodes = [Episode(e["name"], folder / e["script"], e.get("title") or None, formats,
                        _number(e.get("number")))
                for e in index["episodes"]]
    return [ep for ep in episodes if ep.script.is_file()]


def series_episode(script: Path) -> tuple[Episode, str] | None:
    """The episode of a book's series folder a script is (its folder's book.json lists it),
    with the book's author; None for any other script."""
    from ..files import same_file
    for ep in _series_episodes(script.parent):
        if same_file(ep.script, script):
            return ep, _series_author(script.parent)
    return None


def _number(number: object) -> int | None:
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def album_tags(episode: Episode | None, script: Script) -> Album:
    """The album and track an episode's files are tagged with, as `drama build` tags them:
    a book's episode's (book.json lists it), the book's title and its number; any other
    script's, its own title, track 1 (book.whole.episode_album)."""
    from ..book.whole import episode_album, recorded_album
    if episode is None or episode.number is None:
        return episode_album(script.title)
    return recorded_album(script.title, episode.script.parent, episode.number)


def _series_author(folder: Path) -> str | None:
    """The book's author from its series index, as `drama build` tags its episodes; None
    when the book names none (its files carry no artist, never the tool's name)."""
    from ..book.whole import read_index
    try:
        author = read_index(folder).get("book", {}).get("author")
    except InputError:
        author = None
    return author if isinstance(author, str) and author else None


def file_version(path: Path) -> str | None:
    """The hash of a file's bytes; None when it does not exist; why not, when it cannot be
    read (a folder, a pipe, no permission), so a change to or from that is seen too."""
    try:
        return hashlib.sha256(read_regular(path)).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    except TooLargeFile as exc:
        return exc.message


@dataclass
class TrackedFiles:
    """The version of each file as the studio last read or wrote it."""

    versions: dict[Path, str | None] = field(default_factory=dict)
    _stats: dict[Path, tuple] = field(default_factory=dict)

    def record(self, path: Path) -> None:
        """Take the file as it is now as the studio's own version."""
        self.versions[path] = file_version(path)
        self._stats[path] = _stat(path)

    def changed(self) -> list[Path]:
        """The files whose bytes differ from what the studio last saw (checked by size and
        modification time first, so a look costs a stat per file)."""
        out = []
        for path, version in self.versions.items():
            stat = _stat(path)
            if stat == self._stats.get(path):
                continue
            self._stats[path] = stat
            if file_version(path) != version:
                out.append(path)
        return out


def _stat(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns, st.st_ino)
