"""`drama build`: every book or text becomes episodes, and what it wrote is said."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from ..files import RENDER_FOLDER
from ..wording import counted, duration_text, pasteable, render_summary
from .common import (DEFAULT_CASTING, ENGINE_HELP, SEGMENTS_CACHED, app, bars_drawn,
                     extraction_bar, fail, handle_errors, named_output, one_line, progress_bar,
                     say)
from .render import AUDIO_FORMATS, FORCE_HELP, LOUDNESS_HELP


BUILD_TITLE_HELP = ("A book's title, for its book.json, .m4b and feed (a text's: its "
                    "episode's tags); kept for the book's next builds ('' forgets it). "
                    "Default: the book's own (a `Title:` line, its metadata, its first line, "
                    "its file name).")
BUILD_AUTHOR_HELP = ("A book's author, for its episodes' and .m4b's tags and the feed (a "
                     "text's: its episode's artist tag); kept for the book's next builds ('' "
                     "forgets it). Default: the book's own (an `Author:` line, its "
                     "metadata), else none.")
DEFAULT_SOURCES = "seeds"
"""What `drama build` builds when given nothing: the folder of texts `make demo` builds."""
SOURCES_HELP = ("A book (.epub, .txt, .md, .html) or a folder of them, not of its subfolders "
                "(default: seeds).")
EPISODES_HELP = ("How a book is cut into episodes: chapter (default, or as its last build "
                 "cut it), part, whole, or N-minutes (e.g. 30-minutes). Given, every source "
                 "is built as a series.")
FORMATS_HELP = (f"Audio formats to write ({AUDIO_FORMATS}); repeat for several. Default: wav "
                "and mp3 for a text; for a book's episodes, those its last build wrote, else "
                "mp3 (no WAV unless asked).")
BUILD_LOUDNESS_HELP = LOUDNESS_HELP + " Default: podcast, or for a book as its last build " \
    "rendered it."
FEED_URL_HELP = ("The http:// or https:// address the book's folder is served at, e.g. "
                 "http://192.168.1.20:8000 (as in the example above); writes feed.xml, a "
                 "podcast feed whose episodes are at URL/<file>, in the book's language where "
                 "an EPUB names it, else en.")


@app.command()
@handle_errors(interrupted=SEGMENTS_CACHED)
def build(
    seeds_dir: Optional[Path] = typer.Argument(None, metavar="BOOK_OR_FOLDER",
                                               show_default=False, help=SOURCES_HELP),
    output_arg: Optional[str] = typer.Option(None, "-o", "--output", metavar="FOLDER",
                                             callback=named_output, show_default=False,
                                             help="The folder episodes go in (default: "
                                                  "output)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    formats: List[str] = typer.Option([], "--format", "-f", help=FORMATS_HELP),
    episodes: Optional[str] = typer.Option(None, "--episodes", "-e", help=EPISODES_HELP),
    feed_url: Optional[str] = typer.Option(None, "--feed-url", help=FEED_URL_HELP),
    audiobook: bool = typer.Option(True, "--m4b/--no-m4b",
                                   help="Also join a book's episodes into one .m4b."),
    loudness: Optional[str] = typer.Option(None, "--loudness", help=BUILD_LOUDNESS_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32, metavar="N",
                                          help="Synthesis processes (default: measured best)."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    title: Optional[str] = typer.Option(None, "--title", metavar="TITLE",
                                        help=BUILD_TITLE_HELP),
    author: Optional[str] = typer.Option(None, "--author", metavar="AUTHOR",
                                         help=BUILD_AUTHOR_HELP),
) -> None:
    """The main job: every book or text becomes episodes in OUTPUT.

    A book (an EPUB, or a text with chapter headings) becomes a series in OUTPUT/<book>/:
    one episode per chapter (001-chapter-i.mp3 ...), each with its script, subtitles (.srt,
    .vtt), manifest and radio-play .txt, written as soon as it is ready; <book>.m4b with a
    chapter per episode; book.json; and feed.xml with --feed-url. A text without chapters
    becomes one episode: <name>.script.yaml (edit it and build again: your edits are used),
    <name>.wav and .mp3, <name>.manifest.json, subtitles <name>.srt and .vtt, and the radio
    play <name>.txt. voices.yaml gains new speakers.

    Example: drama build emma.epub -o out --feed-url http://192.168.1.20:8000
    """
    from ..pipeline import build as build_all
    seeds_dir, output = _sources_and_folder(seeds_dir, output_arg)
    feed_url = _checked_before_any_work(episodes, formats, loudness, engine_name, feed_url,
                                        casting)
    series = _series_options(episodes, tuple(formats), audiobook, feed_url, loudness,
                             workers, force, title, author)
    _say_subfolders_passed_over(seeds_dir, output or Path(RENDER_FOLDER))
    with progress_bar("rendering") as bar:
        results = build_all(seeds_dir, output or Path(RENDER_FOLDER), str(casting),
                            engine_name=engine_name, output_given=output is not None,
                            formats=tuple(formats) or ("wav", "mp3"),
                            loudness=loudness or "podcast",
                            workers=workers, force=force, series=series,
                            events=_told_as_it_goes(casting, bar), extracting=extraction_bar)
    _report_build(results)


def _sources_and_folder(seeds_dir: Path | None, output_arg: str | None):
    """What build builds (default: seeds/, refused when there is none) and the folder -o
    names (None: none given), refused when it names a file (-o story2.txt) or is `-`, which
    is stdout to extract and export, not a folder named "-" to make."""
    if output_arg == "-":
        fail("-o - is stdout (as extract and export write a script there), and build writes "
             "several files into a folder: give a folder, e.g. -o out (one named -: -o ./-)")
    if seeds_dir is None and not Path(DEFAULT_SOURCES).exists():
        fail(f"no book or folder given, and no {DEFAULT_SOURCES}/ folder here to build: name "
             "a book or a folder of texts, e.g. `drama build emma.epub -o out`")
    seeds_dir = seeds_dir or Path(DEFAULT_SOURCES)
    if (instead := _instead_of_a_books_folder(seeds_dir)) is not None:
        fail(instead)
    if output_arg is not None and _names_a_file(output_arg):
        fail(f"-o takes a folder, and {output_arg} names a file: build writes several files "
             f"into a folder, e.g. -o out (a name ending in a slash is a folder to make)")
    return seeds_dir, Path(output_arg) if output_arg is not None else None


def _instead_of_a_books_folder(folder: Path) -> str | None:
    """What to say when build is given a book's own folder (`drama build out/valley`, its
    book.json there): built as a folder of texts, each episode's radio play (001-....txt)
    became a text of its own, rendered into output/ (newcomer53: 13 of them, 951 MB). The
    book to build is named, as book.json records it, with the folder it was built into.
    None for any other folder or file, and for a book.json that is not drama's (one that
    does not read as its index, or lists no episode): such a folder is built as before."""
    from ..book.whole import INDEX, is_book_folder, read_index
    from ..errors import DramaError
    if not folder.is_dir() or not is_book_folder(folder):
        return None
    try:
        index = read_index(folder)
    except (DramaError, OSError):
        return None
    if not isinstance(index.get("episodes"), list) or not index["episodes"]:
        return None
    source = (index.get("book") or {}).get("source")
    book = pasteable(os.path.relpath(os.path.normpath(folder / source))) \
        if isinstance(source, str) and source else "BOOK"
    return (f"{folder}: is a book's folder (drama build wrote its {INDEX}), not a book: its "
            f".txt files are the episodes' radio plays; build the book itself, e.g. drama "
            f"build {book} -o {pasteable(str(folder.parent))}")


SUBFOLDERS_NAMED = 3
"""How many subfolders with texts build names when it passes over them (the rest counted)."""


def _say_subfolders_passed_over(folder: Path, output: Path) -> None:
    """Build reads a folder's own texts, not its subfolders': those a subfolder holds (one
    level down) are said, one line, so a book filed in sub/ is not missed unsaid
    (newcomer47). Not said of the output folder, a hidden one (.git), or one of drama's
    own output (a book's folder, with its book.json; a text's, with a .manifest.json), nor
    of a link to the folder itself (`again -> .`: its texts are the folder's own, built).
    The command to build one is quoted for the shell (`drama build 'shelf/my sub/'`)."""
    from ..source import SOURCE_SUFFIXES
    if not folder.is_dir():
        return
    try:
        # realpath, not Path.resolve: a link in a loop (-o loop -> loop) raised RuntimeError
        out, itself = os.path.realpath(output), os.path.realpath(folder)
        found = []
        for sub in sorted(folder.iterdir()):
            if sub.name.startswith(".") or not sub.is_dir() or \
                    os.path.realpath(sub) in (out, itself):
                continue
            names = [f.name for f in sub.iterdir()]
            if "book.json" in names or any(n.endswith(".manifest.json") for n in names):
                continue
            texts = sum(1 for n in names if Path(n).suffix.lower() in SOURCE_SUFFIXES)
            if texts:
                found.append((sub, texts))
    except OSError:  # a folder not to be read: said when building, if it matters
        return
    if not found:
        return
    named = ", ".join(f"{sub.name}/ ({counted(n, 'source')})" for sub, n in
                      found[:SUBFOLDERS_NAMED])
    rest = len(found) - SUBFOLDERS_NAMED
    say(f"{folder}: passed over the sources in its subfolders {named}"
        + (f" and {rest} more" if rest > 0 else "")
        + f": build reads a folder's own files, not its subfolders' (build one as "
          f"`drama build {pasteable(f'{found[0][0]}/')}`)")


def _checked_before_any_work(episodes: str | None, formats: list[str], loudness: str | None,
                             engine_name: str, feed_url: str | None,
                             casting: Path) -> str | None:
    """build's options that could fail once books are read, checked first: --episodes
    ("9-parts"), the formats and loudness, the engine, the casting file, the segment
    cache ($DRAMA_CACHE). Returns the feed's address as its links start
    (book.feed.feed_base_url), None for none."""
    from ..book.episodes import parse_mode
    from ..book.feed import feed_base_url
    from ..casting import check_casting_path
    from ..engines import check_engine_choice
    from ..render import check_segment_cache, checked_options
    if episodes is not None:
        parse_mode(episodes)  # a bad value fails before any work
    checked_options(list(formats) or ["mp3"], loudness or "podcast", None)
    check_engine_choice(engine_name)  # else every book is read first
    if feed_url is not None:
        feed_url = feed_base_url(feed_url)
    check_casting_path(casting)
    check_segment_cache()
    return feed_url


def _series_options(episodes: str | None, formats: tuple[str, ...], audiobook: bool,
                    feed_url: str | None, loudness: str | None, workers: int | None,
                    force: bool, title: str | None, author: str | None):
    """How build makes each book a series (book.series.SeriesOptions), as its options say:
    the title and author on one line each (one_line); `explicit`, whether --episodes was
    given (then every source is built as a series)."""
    from ..book.series import SeriesOptions
    series = SeriesOptions(episodes=episodes or "chapter", formats=formats,
                           audiobook=audiobook, feed_url=feed_url, loudness=loudness,
                           workers=workers, force=force, title=one_line(title, "--title"),
                           author=one_line(author, "--author"))
    series.explicit = episodes is not None
    return series


def _told_as_it_goes(casting: Path, bar):
    """The BuildEvents that say a book's build as it goes: its progress on the bar, each
    episode written, the speakers cast, what changed, each episode spoken and checked."""
    from ..book.series import BuildEvents
    return BuildEvents(progress=bar, episode=_say_written,
                       cast=lambda folder, names: _say_cast(casting, folder, names),
                       changes=_say_changes, spoken=_say_spoken, checking=_say_checking)


def _say_written(entry: dict) -> None:
    """A book's episode written (its book.json entry), as the build goes."""
    state = "up to date" if entry["up_to_date"] else "wrote"
    took = duration_text(entry['duration'])
    say(f"  {entry['number']:3d} {state} {entry['feed_file']} ({took})  {entry['title']}")


def _report_build(results: list) -> None:
    """Each book's and text's report, then what failed (the command fails if any did)."""
    failed = [r for r in results if r.error is not None]
    for r in results:
        if r.error is None and hasattr(r, "folder"):
            _report_series(r)
        elif r.error is None:
            _report_text(r)
    if len(results) == 1 and failed:  # one text, so one line: its error
        fail(failed[0].error, shown=True)  # a casting file's problems: one line each
    for r in failed:
        typer.echo(f"drama: error: {r.error}", err=True)
    if failed:
        fail(f"{len(failed)} of {counted(len(results), 'episode')} not built: "
             f"{', '.join(r.name for r in failed)}; the others are done")


def _names_a_file(output: str) -> bool:
    """Whether build's -o looks like a file's name (story2.txt, ep.mp3), which build would
    otherwise make as a folder of that name; a folder that exists, or one ending in a slash, is
    the person's to use."""
    from ..export import EXPORTERS
    from ..files import names_folder
    from ..render.encode import FORMATS
    from ..scriptfile import SCRIPT_SUFFIXES
    from ..source import SOURCE_SUFFIXES
    if names_folder(output):
        return False
    file_suffixes = {*SOURCE_SUFFIXES, *SCRIPT_SUFFIXES, *(f".{f}" for f in FORMATS),
                     *(f".{f}" for f in EXPORTERS)}
    return Path(output).suffix.lower() in file_suffixes


def _report_text(r) -> None:
    """What building one text (a single episode) wrote."""
    how = ("edited script kept" if r.edited_script else "script kept") if r.reused_script \
        else "extracted"
    cast_note = f", cast {counted(len(r.new_speakers), 'new speaker')}" \
        if r.new_speakers else ""
    say(f"{r.name}: {how}{cast_note}; {', '.join(r.render.audio)}")
    typer.echo(f"{r.name}: " + render_summary(r.render.synthesized, r.render.reused,
                                              r.render.duration, r.render.up_to_date))


SPEAKERS_NAMED = 8
"""How many of a book's new speakers build names (the rest counted)."""


def _say_cast(casting: Path, folder: str, names: list[str]) -> None:
    """The speakers a book's build gave a voice, said as they are cast, before the render
    (a book's 38 went into voices.yaml unsaid: walk31)."""
    named = ", ".join(names[:SPEAKERS_NAMED])
    rest = len(names) - SPEAKERS_NAMED
    say(f"{casting}: cast {counted(len(names), 'new speaker')}: {named}"
        + (f" and {rest} more" if rest > 0 else "")
        + f" (`drama speakers {pasteable(folder)}/*.script.yaml` lists the cast)")


def _say_changes(folder: str, lines: list[str]) -> None:
    """What changed since a book's last build (its voices, its pronunciations), said before
    the render, so a person waiting on it knows why episodes are spoken again."""
    for line in lines:
        say(f"{folder}: {line}")


def _say_spoken(folder: str, number: int, count: int, title: str, synthesized: int) -> None:
    """Each of a book's episodes spoken, off a terminal (a log, CI), where no bar shows the
    render: a 10-chapter build said nothing for 40 s between its cast and its first episode
    written (walk34). How many of its segments were synthesized, not "synthesized" for one
    whose every segment came from the cache (its labels changed, not its sound: walk36)."""
    if not bars_drawn():
        made = f"{counted(synthesized, 'segment')} synthesized" if synthesized else \
            "every segment from cache"
        say(f"{folder}: episode {number} of {count} ready ({title}): {made}")


def _say_checking(folder: str, count: int) -> None:
    """A book's episodes about to be checked against their last render, off a terminal: an
    up-to-date book of 53 episodes said nothing for its first 20 s (walk36)."""
    if not bars_drawn():
        say(f"{folder}: checking {counted(count, 'episode')}")


def _report_series(r) -> None:
    """What building one book wrote: its episodes, the earlier ones left, the counts."""
    made = [f"{counted(len(r.episodes), 'episode')} ({r.rendered} rendered)"]
    if r.audiobook:  # written or kept: an episode rendered in the studio makes it follow
        made.append(f"{Path(r.audiobook).name} "
                    f"{'written' if r.audiobook_written else 'up to date'}")
    if r.feed:
        made.append("feed.xml")
    say(f"{r.folder}: {', '.join(made)}")
    if r.stale:
        shown = ", ".join(r.stale[:4]) + (" ..." if len(r.stale) > 4 else "")
        say(f"{r.folder}: {counted(len(r.stale), 'episode')} of an earlier build "
            f"{'is' if len(r.stale) == 1 else 'are'} still there but not in this one's "
            f"book.json, feed or audiobook (nothing removed): {shown}")
    from ..book.scripts import SCRIPT_SUFFIX
    for old, new in r.renumbered.items():
        say(f"{r.folder}: {old}'s edits are {new}'s now, its chapter numbered anew by one "
            f"added or removed before it ({old}{SCRIPT_SUFFIX} is left as it was)")
    for old, new in r.edited_after.items():  # else the later edits go unheard
        say(f"{r.folder}: {old}{SCRIPT_SUFFIX} was edited after its edits went to {new} "
            f"(its chapter numbered anew): those later edits are not in this build, which "
            f"reads {new}{SCRIPT_SUFFIX}; make them there (or delete {new}{SCRIPT_SUFFIX} "
            f"to have {old}'s edits carried to it again, and those made in it lost)")
    if r.stale_edited:  # else a person's fixes go unheard without a word
        shown = ", ".join(r.stale_edited[:4]) + (" ..." if len(r.stale_edited) > 4 else "")
        say(f"{r.folder}: {counted(len(r.stale_edited), 'episode script')} of those "
            f"{'has' if len(r.stale_edited) == 1 else 'have'} your edits, not in this build: "
            f"{shown}; cut another way, build with the --episodes they were cut with to use "
            "them; numbered anew by a chapter added or removed before theirs, copy the edits "
            "into the episode now holding their chapter")
    typer.echo(f"{Path(r.folder).name}: synthesized {counted(r.synthesized, 'segment')}, "
               f"reused {r.reused} from cache; {counted(len(r.episodes), 'episode')}, "
               f"duration {duration_text(sum(e['duration'] for e in r.episodes))}")
