"""A built book's episode scripts joined into one script of the whole book, in the book's
order (book.json's): what `drama export out/<book>/` writes, one file a reader, a Fountain
app or a publisher opens, the episodes' chapter headings inside it as the book prints them.
Each episode's lines keep their spans (offsets into the one book text), so the whole stays
a valid script; each speaker is listed once, with the entry the first episode they speak in
gives them (your edits to the episode scripts are what is read)."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import InputError, OutputError
from ..files import read_json
from ..locks import writer_lock_held
from ..model import CharacterEntry, Script
from ..scriptfile import is_script_path, load_script

if TYPE_CHECKING:  # exporting does not import the renderer
    from ..render.encode import Album

INDEX = "book.json"
"""The series index `drama build` writes in a book's folder (series.py writes it; named here,
where exporting reads it, so that exporting does not import the renderer)."""


@contextmanager
def index_locked(folder: Path):
    """Hold the lock of the folder's book.json (.book.json.lock) while it is read, changed
    and written: a build's writes and a render's record of its episode outside the build
    (changes.record_rendered_script) one at a time, so neither writes over what the other
    wrote meanwhile. It waits as long as every lock (DRAMA_LOCK_TIMEOUT), saying so when
    the wait lasts; an OutputError when another command keeps it. Nothing else is taken
    while it is held (no deadlock); its file is removed as it is let go."""
    path = Path(folder) / f".{INDEX}.lock"
    with writer_lock_held(path, Path(folder) / INDEX,
                          "another drama command is writing the book's index", OutputError):
        yield


def index_text(index: dict) -> str:
    """book.json's text as drama writes it."""
    return json.dumps(index, ensure_ascii=False, indent=1) + "\n"


def is_book_folder(folder: Path) -> bool:
    """Whether folder is a book's series folder (`drama build` wrote book.json in it)."""
    return (Path(folder) / INDEX).is_file()


def read_index(folder: Path) -> dict:
    """book.json as `drama build` writes it: an object whose `episodes` are objects, each
    naming the episode and its script (a file in the folder), its number an integer and
    its title a string where they are given, and whose `book`, when there, is an object; an
    InputError naming the file and what is wrong otherwise (a hand-edited index,
    `"episodes": null`, was a traceback)."""
    index, problem = _loaded_index(folder)
    if problem:
        raise InputError(f"cannot read its episodes ({problem}); `drama build` the book again "
                         "to write it", path=str(Path(folder) / INDEX))
    return index


def index_problem(folder: Path) -> str | None:
    """Why the folder's book.json cannot be read as read_index reads it; None when it can."""
    return _loaded_index(folder)[1]


INDEX_VERSION = 1


def usable_index(folder: Path) -> dict | None:
    """The folder's book.json, or None when there is none this build can go by (another
    version, or not in shape: read_index says why,
    series._warn_of_unusable_index tells it)."""
    try:
        doc = read_index(folder)
    except InputError:
        return None
    whole = all("number" in e and isinstance(e.get("title"), str) for e in doc["episodes"])
    return doc if doc.get("version") == INDEX_VERSION and whole else None


def _loaded_index(folder: Path) -> tuple[dict | None, str | None]:
    """book.json parsed, and what makes it no index drama wrote (None when nothing)."""
    try:
        index = read_json(Path(folder) / INDEX)
    except (OSError, ValueError) as exc:
        return None, str(exc)
    return index, _index_problem(index)


def _index_problem(index) -> str | None:
    """What makes a parsed book.json no index drama wrote, or None."""
    if not isinstance(index, dict):
        return "not a JSON object"
    if not isinstance(index.get("book", {}), dict):
        return "its book is not an object"
    episodes = index.get("episodes")
    if not isinstance(episodes, list):
        return "no list of episodes"
    for i, e in enumerate(episodes, 1):
        if not isinstance(e, dict):
            return f"episode {i} is not an object"
        number, title = e.get("number", 0), e.get("title")
        if not isinstance(number, int) or isinstance(number, bool):
            return f"episode {i} has a number that is no whole number"
        if title is not None and not isinstance(title, str):
            return f"episode {i} has a title that is no text"
        for key in ("name", "script"):
            value = e.get(key)
            if not isinstance(value, str) or not value or Path(value).name != value:
                return f"episode {i} has no {key} that is a file name"
    return None


def listed_scripts(folder: Path) -> list[Path]:
    """The episode scripts book.json lists, in the book's order; an InputError when the index
    cannot be read or a listed script is missing (a whole book never skips a chapter)."""
    folder = Path(folder)
    names = [e["script"] for e in read_index(folder)["episodes"]]
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise InputError(f"book.json lists {missing[0]}, not there; `drama build` the book "
                         "again to write it", path=str(folder))
    if not names:
        raise InputError("lists no episodes", path=str(folder / INDEX))
    return [folder / n for n in names]


def with_books_as_episodes(paths: list[Path]) -> list[Path]:
    """paths, each book's folder among them as its episode scripts in the book's order
    (listed_scripts): what `drama speakers`, `review`, `check` and `cast` act on, given
    out/<book>/. A file given twice (out/emma/ and out/emma/003-....script.yaml, or by two
    paths, a/ep.yaml and b/../a/ep.yaml) is taken once, where first given: `drama speakers`
    counted its lines twice."""
    scripts, seen = [], set()
    for path in paths:
        for script in (listed_scripts(path) if is_book_folder(path) else [path]):
            real = os.path.realpath(script)  # not Path.resolve: a link in a loop raised
            if real not in seen:
                seen.add(real)
                scripts.append(script)
    return scripts


def files_read(folder: Path) -> list[Path]:
    """The files a whole-book export reads, which its -o must never name: book.json and
    every script in the folder (`-o out/emma/book.json` wrote the radio play over the
    index, and the book no longer exported)."""
    folder = Path(folder)
    return [folder / INDEX, *(p for p in sorted(folder.iterdir()) if is_script_path(p))]


def book_name(folder: Path) -> str:
    """The name a whole-book export is called by: the book's folder's (`drama export .`
    from inside it wrote drama.FORMAT)."""
    return Path(folder).resolve().name


def book_title(folder: Path) -> str | None:
    """The book's title as book.json records it, if it does."""
    try:
        title = read_json(Path(folder) / INDEX)["book"]["title"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return title if isinstance(title, str) and title.strip() else None


def book_author(folder: Path) -> str | None:
    """The book's author as book.json records it (`drama build --author`, else the book's
    own), as its episodes are tagged; None when it names none (never the tool's name)."""
    try:
        author = read_json(Path(folder) / INDEX)["book"]["author"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return author if isinstance(author, str) and author.strip() else None


DEFAULT_LANGUAGE = "en"
"""The language a book's feed, listing and studio pages name when the book names none: an
EPUB names its own (dc:language); a text does not, and is taken to be English."""


def book_language(folder: Path | None = None, index: dict | None = None) -> str:
    """The book's language as book.json records it (a book folder's, or `index`, its
    content) when it is a language tag, else DEFAULT_LANGUAGE (a hand-edited "English"
    goes into no feed's <language> nor page's lang)."""
    from ..source.epub import language_tag
    if index is None:
        try:
            index = read_json(Path(folder) / INDEX)
        except (OSError, ValueError, TypeError):
            index = {}
    book = index.get("book") if isinstance(index, dict) else None
    language = book.get("language") if isinstance(book, dict) else None
    return (language_tag(language) if isinstance(language, str) else None) or DEFAULT_LANGUAGE


def episode_album(title: str, number: int | None = None, book: str | None = None) -> Album:
    """The album tags an episode's files carry, the one rule for a build's render jobs
    (made before book.json is written) and a render of a built book's episode (`drama
    render`, the studio: recorded_album): a book's episode's, the book's `book` title as
    book.json records it and the episode's `number`; any other script's (titled `title`),
    its own title, track 1 (a text built or rendered whole is a book of one episode)."""
    from ..render.encode import Album
    return Album(book, number) if book and number else Album(title, 1)


def recorded_album(title: str, folder: Path, number: int | None) -> Album:
    """episode_album of the episode `number` of the book in series `folder`, by the title
    its book.json records (a script titled `title` of no book's, track 1)."""
    return episode_album(title, number, book_title(folder) if number else None)


def whole_book(folder: Path, check: Callable[[Path, Script], None] | None = None) -> Script:
    """The book's episode scripts as one script, in the book's order; `check(path, script)`
    is called on each episode first, so what it refuses names the episode's file and its
    own line (the whole's "script line 9" was in no file)."""
    episodes = []
    for path in listed_scripts(folder):
        episodes.append(load_script(path))
        if check is not None:
            check(path, episodes[-1])
    first = episodes[0]
    spans = [e.source_span for e in episodes]
    whole = Script(title=book_title(folder) or first.title, source=first.source,
                   source_sha256=first.source_sha256,
                   source_span=(spans[0][0], spans[-1][1]) if all(spans) else None,
                   lines=[line for e in episodes for line in e.lines],
                   characters=_characters_of(episodes))
    whole.count_lines()
    return whole


def _characters_of(episodes: list[Script]) -> list[CharacterEntry] | None:
    """Each speaker's entry once, as the first episode with one gives it; None when an
    episode has no characters section (casting then reads the text itself)."""
    if any(e.characters is None for e in episodes):
        return None
    seen: dict[str, CharacterEntry] = {}
    for entry in (c for e in episodes for c in e.characters):
        seen.setdefault(entry.name.casefold(), entry)
    return list(seen.values())
