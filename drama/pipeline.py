"""The build stage: every text or book in a folder built into episodes (each text's script
found or extracted through loading, speakers cast, rendered, subtitled)."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .casting import VoiceCatalog, cast_speakers, load_casting
from .engines import EngineSet, choose_engines
from .errors import DramaError, InputError
from .export import write_episode_texts
from .files import (NOT_REGULAR_INPUT, check_output, check_writable, make_folder, read_json,
                    same_file, sweep_leftovers)
from .loading import Extracting, script_for_source, source_text_of
from .model import Script
from .render import RenderResult, render_script
from .saving import file_bytes, untouched

log = logging.getLogger(__name__)


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


def sources_in(path: str | os.PathLike) -> list[Path]:
    """The sources to build: the file itself, or every readable source in a folder."""
    from .source import SOURCE_SUFFIXES
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise InputError(NOT_REGULAR_INPUT if p.exists() else "no such file or folder",
                         path=str(p))
    # a pipe, device or link to nothing named as a text is one (not a folder named so):
    # building it says why it cannot be, where it was passed over unsaid (newcomer40)
    found = sorted(f for f in p.iterdir() if f.suffix.lower() in SOURCE_SUFFIXES
                   and not f.is_dir())
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


def another_texts_episode(src: Path, out: Path, name: str = "",
                          episode: str = "") -> str | None:
    """Why out/<name>.* (name: src's stem unless given) is not src's to write, when it is
    the episode of another text of the same name (a/story.txt's, building b/story.txt),
    as its manifest records or its script was extracted from that text, still there:
    building (or `drama render`) would replace that episode (and that text's script)
    unsaid. None when it is src's, nobody's yet, or of a text no longer there (src may be
    that text, moved). `episode` names the episode in the answer (default out/<name>.*)."""
    from .render.episode import recorded_source
    name = name or src.stem
    owner = recorded_source(out / f"{name}.manifest.json")
    if owner is not None and not same_file(owner, src):
        return f"{episode or f'{out / name}.*'} is the episode of {owner}"
    return another_texts_script(out / f"{name}.script.yaml", src)


def another_texts_script(script_path: Path, src: Path) -> str | None:
    """Why the script at script_path is not src's: it was extracted from another text
    still there (render and build refuse to put src's episode beside it)."""
    owner = _other_source_of_script(script_path, src)
    return f"{script_path} is the script of {owner}" if owner else None


def another_books_series(src: Path, folder: Path) -> str | None:
    """The same for a book's series folder (out/<book>/): why it is not src's, when the
    first episode script its book.json lists was extracted from another book still
    there (a/emma.epub's, building b/emma.epub), or book.json names another book still
    there (the scripts' book moved since, a/ to a2/, and was built again)."""
    from .fidelity import recorded_paths
    try:
        index = read_json(folder / "book.json")
        script_path = folder / index["episodes"][0]["script"]
        # from the series folder (fidelity.source_to_record), or from where it was built
        built = recorded_paths(index["book"]["source"], folder)
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    owner = _other_source_of_script(script_path, src) or \
        _other_book(built, src, index.get("source_sha256"))
    return f"{folder}/ is the series of {owner}" if owner else None


def _other_book(candidates: list[Path], src: Path, text_hash: str | None) -> Path | None:
    """The file book.json's recorded book names when that is another book than src: the
    first of `candidates` that holds the text book.json records (`text_hash`). A file of
    its name that holds another text is not it: an old book.json's `story.txt`, recorded
    from where it was built, may name the radio play output/story.txt of a text of the
    book's name, or another story.txt in the folder drama runs in."""
    from .fidelity import text_hash_of
    if any(same_file(c, src) for c in candidates):
        return None
    for c in candidates:
        if not isinstance(text_hash, str) or text_hash_of(c) == text_hash:
            return Path(os.path.normpath(c))
    return None


def _other_source_of_script(script_path: Path, src: Path) -> Path | None:
    """The text a saved script was extracted from, when that is another file than src
    still there (loading.records_source); None otherwise, or when it cannot be read (a
    person's broken edit: reading it again says what is wrong)."""
    from .fidelity import recorded_source_paths
    from .loading import records_source
    from .scriptfile import load_script
    try:
        script = load_script(script_path) if script_path.is_file() else None
    except (DramaError, OSError):
        return None
    if script is None or records_source(script, script_path, src):
        return None
    there = recorded_source_paths(script, script_path)
    return Path(os.path.normpath(there[0])) if there else None  # output/../a/x.txt: a/x.txt


def _refuse_to_replace(whose: str | None, src: Path, output_given: bool) -> None:
    """An InputError when `whose` says the outputs are another text's (another_texts_episode,
    another_books_series), saying how to build src all the same: into a folder of its own."""
    if whose is not None:
        option = "another -o FOLDER" if output_given else "-o FOLDER"
        raise InputError(f"{whose}, and {src} shares its name: pass {option} to build "
                         f"{src} into a folder of its own")


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


@dataclass
class _Shared:
    """What every source of one build shares: where its outputs go, the casting file, and
    the engine with its voices."""

    out: Path
    casting_path: str
    engine: object
    voices: list
    neural: list
    """The neural engines' voices, for auto-casting (engines.choose_engines)."""
    catalog: VoiceCatalog
    extracting: Extracting | None
    """Shows each text extracted anew, as drama extract shows it."""
    output_given: bool
    """The person chose out (-o), so an error asks for another folder."""


@dataclass
class _EpisodeOptions:
    """How a text without chapters is rendered into its episode."""

    formats: tuple[str, ...]
    cache_dir: str | None
    loudness: str
    workers: int | None
    force: bool
    progress: object
    """Told each episode's render progress (name, i, n, foretold), or None."""
    given: tuple[str | None, str | None] = (None, None)
    """The title and author given (--title, --author), else None for the script's own."""


def build(seeds_dir: str | os.PathLike, out_dir: str | os.PathLike, casting_path: str,
          engine_name: str = "auto", formats: tuple[str, ...] = ("wav", "mp3"),
          cache_dir: str | None = None, loudness: str = "podcast",
          workers: int | None = None, force: bool = False, series=None,
          events=None, extracting: Extracting | None = None,
          output_given: bool = True) -> list:
    """Every source in seeds_dir (or the one file given) built into out_dir.

    A book (an EPUB, a text with chapters, or any source when `series.episodes` is set)
    becomes a series in its own folder (drama.book.series); a text without chapters
    becomes one episode, <name>.* in out_dir. voices.yaml gains new speakers.
    Returns an EpisodeResult or a SeriesResult per source, in the sources' order. A source
    that cannot be built (unreadable, a script with problems, a failed render) does not
    stop the others: its EpisodeResult carries the error instead of a render.
    `events` (book.series.BuildEvents) is told the renders' progress, and of each book
    its episodes written, its new speakers, what changed since its last build and its
    episodes spoken; `extracting` shows each text extracted anew (its source changed, or
    it has no script yet) as drama extract shows it.
    `output_given`: the person chose out_dir (-o), so an error asks for another folder.
    `series.title`, `series.author` (--title, --author) name a book, or a text's episode.
    """
    from .book.series import BuildEvents, SeriesOptions
    events = events or BuildEvents()
    sources = sources_in(seeds_dir)
    out = Path(out_dir)
    series = series or SeriesOptions(formats=tuple(f for f in formats if f != "wav") or ("mp3",))
    if series.title and len(sources) > 1:  # an author may write them all, a title names one
        raise InputError(f"--title names one book, and {len(sources)} are here: give the "
                         "book's file", path=str(seeds_dir))
    series.cache_dir = series.cache_dir or cache_dir
    explicit_mode = series.episodes if getattr(series, "explicit", False) else None
    results, books, singles = _books_and_singles(sources, out, explicit_mode)
    _prepare_output([src for src, _, _ in books], [src for src, _, _ in singles], out,
                    seeds_dir, casting_path, formats)
    engine, neural = choose_engines(engine_name)
    try:
        voices = engine.voices()
        shared = _Shared(out, casting_path, engine, voices, neural,
                         VoiceCatalog.of_engines(EngineSet(engine)), extracting, output_given)
        if singles:
            results += _build_singles([src for src, _, _ in singles], shared, _EpisodeOptions(
                formats, cache_dir, loudness, workers, force, events.progress,
                (series.title, series.author)))
        for src, book, mode in books:
            results.append(_build_book(src, book, mode, shared, series, events))
        order = {src.stem: i for i, src in enumerate(sources)}
        return sorted(results, key=lambda r: order[r.name])
    finally:
        engine.close()


def _books_and_singles(sources: list[Path], out: Path, explicit_mode: str | None
                       ) -> tuple[list, list[tuple], list[tuple]]:
    """Each source read and sorted: (the failed results of those that cannot be read, the
    books built as series, the texts built as one episode), each of the last two a list of
    (path, SourceBook, episode mode: explicit_mode, else the one its folder recorded)."""
    from .book.series import book_folder, is_series
    from .source import read_source
    failed: list = []
    books, singles = [], []
    for src in sources:
        try:
            book = read_source(src)
        except DramaError as exc:
            failed.append(_failed(src.stem, out, exc))
            continue
        mode = explicit_mode or _recorded_mode(src, book_folder(src, out))
        (books if is_series(src, book, mode) else singles).append((src, book, mode))
    return failed, books, singles


def _prepare_output(books: list[Path], singles: list[Path], out: Path, seeds_dir,
                    casting_path: str, formats: tuple[str, ...]) -> None:
    """Refuse a build whose outputs clash (two texts, or two books, of one name; an output
    that would overwrite an input), then make out, writable, swept of an earlier build's
    leftovers. A book's outputs are in its folder, a text's are <name>.* beside it: only two
    texts, or two books, of one name share them (emma.epub and emma.txt do not)."""
    refuse_shared_names(singles, seeds_dir)
    _refuse_shared_folders(books, out, seeds_dir)
    _check_build_outputs(singles, out, casting_path, formats)
    make_folder(out)
    check_writable(out)
    sweep_leftovers(out)


def _build_book(src: Path, book, mode: str | None, shared: _Shared, series, events):
    """One book built as a series in its folder under shared.out: its SeriesResult, or an
    EpisodeResult carrying the error that stopped it."""
    from .book.series import book_folder, build_series
    try:
        folder = book_folder(src, shared.out)
        _refuse_to_replace(another_books_series(src, folder), src, shared.output_given)
        warn_of_unused_whole_script(src, shared.out, folder)
        warn_of_renamed_series(src, book, shared.out, folder)
        options = replace(series, episodes=mode or series.episodes)
        return build_series(src, book, folder, shared.casting_path, shared.engine,
                            shared.voices, options, events, neural=shared.neural,
                            catalog=shared.catalog, extracting=shared.extracting)
    except DramaError as exc:
        return _failed(src.stem, shared.out, exc)


def warn_of_renamed_series(src: Path, book, out: Path, folder: Path) -> None:
    """Say so when the first build of a book in `folder` starts a new series while another
    folder of `out` holds the series of the same text under a name it no longer has: its
    book.json records the text's hash and a source that is not there (two.txt renamed
    `Two Renamed.txt`; a series is kept in the folder named for its source's name). That
    series' episode scripts (a person's edits) and feed go unused: nothing is moved, the
    warning says how to go on with it (newcomer50)."""
    from .book.series import INDEX
    from .fidelity import recorded_paths
    from .scriptfile import text_sha256
    if (folder / INDEX).exists() or not out.is_dir():
        return
    text_hash = text_sha256(book.text)
    for old in sorted(p for p in out.iterdir() if p != folder and (p / INDEX).is_file()):
        try:
            index = read_json(old / INDEX)
            recorded = index["book"]["source"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if index.get("source_sha256") == text_hash and isinstance(recorded, str) and \
                not recorded_paths(recorded, old):
            name = Path(recorded).name
            log.warning("%s: %s/ is the series of this text as %s, which is not there now: "
                        "this build starts a new series in %s/, without that one's episode "
                        "scripts (your edits) and feed; to go on with it instead, rename "
                        "%s/ to %s/ (or the text back to %s) and build again",
                        src, old, name, folder, old, folder, name)
            return


def warn_of_unused_whole_script(src: Path, out: Path, folder: Path) -> None:
    """Say so when out/<name>.script.yaml, the script `drama extract BOOK -o out/` writes
    of a whole book, holds a person's edits: a book is built from its episode scripts in
    its folder, and the edits were ignored unsaid (walk36: README's steps 1-3, extract,
    review and fix, then `drama build` of the book)."""
    path = out / f"{src.stem}.script.yaml"
    if not path.is_file() or another_texts_script(path, src) is not None \
            or untouched(path, file_bytes(path)):
        return
    log.warning(
        "%s: the edits in this script of the whole book are not used: a book is built from "
        "its episode scripts in %s/, one a chapter (make them there; `drama render %s` "
        "renders this one as a single episode)", path, folder, path)


def _recorded_mode(src: Path, folder: Path) -> str | None:
    """How src's series folder was split by its last build (series.recorded_mode), when
    the folder is src's: a build without --episodes goes on with it."""
    from .book.series import recorded_mode
    mode = recorded_mode(folder)
    return mode if mode and another_books_series(src, folder) is None else None


def _failed(name: str, out: Path, exc: DramaError) -> EpisodeResult:
    return EpisodeResult(name, str(out / f"{name}.script.yaml"), "", None, False,
                         error=str(exc))


def _build_singles(sources: list[Path], shared: _Shared,
                   options: _EpisodeOptions) -> list[EpisodeResult]:
    """Texts without chapters: one episode each, <name>.* in shared.out."""
    results, episodes, edited = _singles_scripts(sources, shared)
    added, casting = _cast_singles(episodes, shared)
    for src, script, reused in episodes:
        name = src.stem
        try:
            results.append(_build_episode(src, script, reused, casting, added, shared,
                                          options))
            results[-1].edited_script = name in edited
        except DramaError as exc:
            results.append(EpisodeResult(name, str(shared.out / f"{name}.script.yaml"), "",
                                         None, reused, error=str(exc)))
    return results


def _singles_scripts(sources: list[Path], shared: _Shared
                     ) -> tuple[list[EpisodeResult], list[tuple], set[str]]:
    """Each text's script, found or extracted: (the failed results of those that have none,
    (path, Script, reused) of the others, the names whose script holds a person's edits)."""
    results: list[EpisodeResult] = []
    episodes = []
    edited: set[str] = set()
    for src in sources:
        path = shared.out / f"{src.stem}.script.yaml"
        try:
            _refuse_to_replace(another_texts_episode(src, shared.out), src, shared.output_given)
            episodes.append((src, *script_for_source(src, path, shared.extracting)))
            if episodes[-1][2] and not untouched(path, file_bytes(path)):
                edited.add(src.stem)
        except DramaError as exc:
            results.append(_failed(src.stem, shared.out, exc))
    return results, episodes, edited


def _cast_singles(episodes: list[tuple], shared: _Shared) -> tuple[list[str], object]:
    """The speakers new to the casting file, cast, and the casting file loaded."""
    # cast the whole series at once, so line counts (main part or extra) span every episode
    scripts = [script for _, script, _ in episodes]
    added = cast_speakers(shared.casting_path, [s for sc in scripts for s in sc.speakers],
                          shared.voices, scripts=scripts,
                          source_texts=[source_text_of(sc, source=src)
                                        for src, sc, _ in episodes],
                          neural=shared.neural, catalog=shared.catalog)
    return added, load_casting(shared.casting_path, shared.catalog)


def _build_episode(src: Path, script: Script, reused: bool, casting, added: list[str],
                   shared: _Shared, options: _EpisodeOptions) -> EpisodeResult:
    """Export, render and subtitle the episode of the text src. Its text is src, where the
    script records it or not (a/story.txt moved to b/: as `drama render TEXT`), so the
    manifest records src (another text of its name is refused) and pauses follow it.
    `options.given`: the title and author given, as `drama render --title --author` takes
    them."""
    name, out, progress, formats = src.stem, shared.out, options.progress, options.formats
    text_path = out / f"{name}.txt"
    source_text = source_text_of(script, source=src)
    script, author = titled(script, source_text, *options.given)
    from .fidelity import require_faithful
    require_faithful(script, source_text, path=out / f"{name}.script.yaml")
    step = (lambda i, n, foretold, _name=name: progress(_name, i, n, foretold)) \
        if progress else None
    first = formats[0] if formats else "wav"
    from .book.whole import episode_album
    rendered = render_script(script, casting, shared.engine, out / f"{name}.{first}",
                             cache_dir=options.cache_dir, source_text=source_text,
                             extra_formats=tuple(formats[1:]), loudness=options.loudness,
                             workers=options.workers, force=options.force, progress=step,
                             source=src, artist=author, album=episode_album(script.title))
    write_episode_texts(script, Path(rendered.manifest), out / f"{name}.script.yaml")
    new = [s for s in added if s in script.speakers]
    return EpisodeResult(name, str(out / f"{name}.script.yaml"), str(text_path), rendered,
                         reused, new)


def titled(script: Script, source_text: str | None, title: str | None = None,
           author: str | None = None) -> tuple[Script, str | None]:
    """A text's episode as rendered on its own (`drama build`, `drama render`): the script
    under the title given (--title; the script file unchanged, its `title:` line is where
    a title stays), and its artist tag: the author given (--author), else the one the
    text names (source.text_author), else none."""
    from .source import text_author
    if title:
        script = replace(script, title=title)
    return script, author or text_author(source_text)

