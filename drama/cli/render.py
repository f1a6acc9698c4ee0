"""`drama render`, `drama export` and `drama build`: scripts become audio and text."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..files import RENDER_FOLDER, file_stem
from ..wording import counted, duration_text, names_said, render_summary
from .common import (DEFAULT_CASTING, ENGINE_HELP, SEGMENTS_CACHED, app, bars_drawn,
                     extraction_bar, fail, handle_errors, output_path, progress_bar, say,
                     write_or_print)

if TYPE_CHECKING:
    from ..model import Script


LOUDNESS_HELP = ("Loudness target: podcast (-16 LUFS, true peak -1 dBTP), acx (RMS -20 dB, "
                 "peaks under -3 dBFS) or off (voices level-matched only).")
AUDIO_FORMATS = "wav, mp3, ogg, opus, m4b, m4a or aac"
"""The formats render and build write (drama.render.encode.FORMATS, named here so that --help
does not import the renderer; tests/test_docs.py holds the two together)."""
FORMAT_HELP = (f"Also write this format ({AUDIO_FORMATS}); repeat for several. Default: "
               "the formats the episode's last render wrote (make demo's .wav and .mp3; "
               "a book's episode always keeps its build's, -f adds to them).")
PAUSES_HELP = ("Pause lengths in seconds, e.g. 'scene=2.5,head=1'; names: "
               "same_speaker, speaker_change, paragraph, scene, chapter, sentence, clause, "
               "head, tail.")
FORCE_HELP = ("Write the audio again even when nothing changed since the last render "
              "(by default an up-to-date episode is kept as it is).")
RENDER_TITLE_HELP = ("The title its audio's tags, manifest and radio play carry (default: "
                     "the script's `title:`; the script file is left as it is).")
RENDER_AUTHOR_HELP = ("The author its audio's artist tag names (default: a book's episode "
                      "its book's, a text the one its `Author:` line names, else none).")
BUILD_TITLE_HELP = ("A book's title, for its book.json, .m4b and feed (a text's: its "
                    "episode's tags); kept for the book's next builds ('' forgets it). "
                    "Default: the book's own (a `Title:` line, its metadata, its first line, "
                    "its file name).")
BUILD_AUTHOR_HELP = ("A book's author, for its episodes' and .m4b's tags and the feed (a "
                     "text's: its episode's artist tag); kept for the book's next builds ('' "
                     "forgets it). Default: the book's own (an `Author:` line, its "
                     "metadata), else none.")


@app.command()
@handle_errors(interrupted=SEGMENTS_CACHED)
def render(
    script: Path = typer.Argument(..., help="A script file, or a text: its saved script "
                                            "(as build picks it), else extracted now."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output",
        help=f"The audio file, its format by its ending ({AUDIO_FORMATS}), or a folder "
             "(out/) for <name>.wav in it (default output/<name>.wav; an episode of a book's "
             "series folder: its own audio there, as build wrote it)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    formats: List[str] = typer.Option([], "--format", "-f", help=FORMAT_HELP),
    loudness: Optional[str] = typer.Option(None, "--loudness", help=LOUDNESS_HELP +
                                           " Default: podcast, or as a book's episode "
                                           "was last rendered."),
    bitrate: Optional[str] = typer.Option(None, "--bitrate",
                                          help="Bitrate of compressed formats, e.g. 96k."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32, metavar="N",
                                          help="Synthesis processes (default: measured best)."),
    pauses: str = typer.Option("", "--pauses", help=PAUSES_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    title: Optional[str] = typer.Option(None, "--title", metavar="TITLE",
                                        help=RENDER_TITLE_HELP),
    author: Optional[str] = typer.Option(None, "--author", metavar="AUTHOR",
                                         help=RENDER_AUTHOR_HELP),
) -> None:
    """Render one episode: synthesize every line in its speaker's voice and stitch them.

    Segments are cached, so a re-render after an edit only synthesizes what changed, and a
    render interrupted at any point resumes where it stopped. When nothing changed, the
    episode already written is kept. The .srt, .vtt and .txt a build wrote beside it are
    written again to follow it. Given a text, render uses its script as `drama build`
    does (one extracted from it in the output folder, output/ or beside the text, edits and
    all), and says which.
    Example: drama render output/000_*.script.yaml -o output/
    """
    from ..casting import check_casting_path
    from ..render import Pauses
    pause_config = Pauses.parse(pauses)
    title, author = _one_line(title, "--title"), _one_line(author, "--author")
    check_casting_path(casting)  # render may append to it: before any work
    target = _render_target(script, output, casting, formats, loudness, bitrate, engine_name)
    loaded = _script_read(script, target, title, author)
    result, cast_ = _render_cast(script, loaded, target, casting, engine_name,
                                 bitrate=bitrate, workers=workers, pauses=pause_config,
                                 force=force)
    _say_rendered(script, loaded, target, result, cast_)


@dataclass
class _Target:
    """Where `drama render` writes, and how, as its options and the script's place say:
    settled before any script is read or extracted."""

    out: str
    """The audio file written first."""
    formats: list[str]
    """The other formats written beside it."""
    loudness: str
    episode: object | None
    """The book's episode the script is (studio.project.Episode), else None."""
    book_author: str | None
    its_own: bool
    """The book's episode rendered to its own audio files, where its build put them."""
    named_by_drama: bool
    """No -o naming the file: drama named it (-o out/ or none)."""
    output_given: bool
    """-o given (and not the book episode's own folder)."""


def _render_target(script: Path, output: str | None, casting: Path, formats: list[str],
                   loudness: str | None, bitrate: str | None, engine_name: str) -> _Target:
    """The render's _Target, with its formats, loudness, bitrate and engine checked."""
    from ..engines import check_engine_choice
    from ..render import checked_options
    from ..render.encode import format_of
    name = file_stem(script)
    episode, book_author = _book_episode(script)
    loudness = loudness or (episode.loudness if episode else "podcast")
    in_book = episode if episode and _into_its_folder(output, episode) else None
    if in_book is not None:  # rendered where its build put it
        output = None
    default = in_book.audio_files()[0] if in_book else Path(RENDER_FOLDER) / f"{name}.wav"
    out = output_path(output or default, f"{name}.wav", script, casting)
    its_own = episode is not None and _is_its_own_audio(out, episode)  # in_book, or -o 002.mp3
    formats = _formats_to_write(out, formats, episode if its_own else None)
    checked_options([format_of(out), *formats], loudness, bitrate)  # before any extraction
    check_engine_choice(engine_name)
    named_by_drama = output is None or Path(output).name != Path(out).name  # -o out/
    return _Target(out, formats, loudness, episode, book_author, its_own, named_by_drama,
                   output_given=output is not None)


@dataclass
class _Loaded:
    """The script `drama render` speaks, and its source."""

    doc: Script
    """The script, titled as its tags will be."""
    read: bytes
    """The script file's bytes as parsed (book.json's record of it); b"" for a text's."""
    script_path: Path
    """The file the script came from (the text, when extracted now)."""
    source_text: str | None
    source_file: Path | None
    artist: str | None


def _script_read(script: Path, target: _Target, title: str | None,
                 author: str | None) -> _Loaded:
    """The script to render (a text's as `drama build` picks it), held to its source as
    `drama check` holds it, titled; refused when its episode's place is another text's."""
    from ..fidelity import find_source, require_faithful
    from ..loading import source_text_of
    from ..pipeline import titled
    from ..scriptfile import is_script_path, load_script_and_bytes
    out, given = Path(target.out), target.output_given
    if target.named_by_drama and not is_script_path(script):  # before its script is extracted
        _refuse_another_texts_episode(out, script, output_given=given)
    if is_script_path(script):
        (doc, read), script_path = load_script_and_bytes(script), script  # read: book.json's
    else:
        (doc, script_path), read = _script_to_render(script, out.parent), b""
    source_text = source_text_of(doc, script_path,
                                 source=None if is_script_path(script) else script)
    # a script's source only when it holds the script's text: changed since, find_source
    # may give a file of its name that is none (cd output; render story.script.yaml: the
    # radio play output/story.txt), and the manifest would call it the episode's text
    source_file = script if not is_script_path(script) else \
        find_source(doc, script_path) if source_text is not None else None
    if target.named_by_drama and is_script_path(script) and source_file is not None:
        _refuse_another_texts_episode(out, source_file, output_given=given)
    if source_text is None and doc.source:
        _warn_of_missing_source(doc.source, script_path)
    require_faithful(doc, source_text, path=script_path)  # as `drama check` would
    # the tags: as given, else a book's episode's book.json's, a text's own (none: none)
    doc, artist = titled(doc, None if target.episode else source_text, title,
                         author or target.book_author)
    return _Loaded(doc, read, script_path, source_text, source_file, artist)


def _render_cast(script: Path, loaded: _Loaded, target: _Target, casting: Path,
                 engine_name: str, **options):
    """The script spoken with its engine, its new speakers cast first (said); the render's
    RenderResult and the casting it was spoken with. `options`: render_script's bitrate,
    workers, pauses and force."""
    from ..casting import VoiceCatalog, cast_speakers, load_casting
    from ..engines import EngineSet, choose_engines
    from ..render import render_script
    from ..studio.project import album_tags
    doc, name = loaded.doc, file_stem(script)
    engine, neural = choose_engines(engine_name)
    try:
        voices_ = engine.voices()
        catalog = VoiceCatalog.of_engines(EngineSet(engine))
        added = cast_speakers(casting, doc.speakers, voices_, scripts=[doc],
                              source_texts=[loaded.source_text], neural=neural,
                              catalog=catalog)
        if added:
            say(f"{casting}: cast {counted(len(added), 'new speaker')}: {names_said(added)}")
        cast_ = load_casting(casting, catalog)
        with progress_bar("rendering") as bar:
            step = (lambda i, n, foretold: bar(name, i, n, foretold)) if bar else None
            result = render_script(doc, cast_, engine, target.out,
                                   source_text=loaded.source_text,
                                   extra_formats=tuple(target.formats),
                                   loudness=target.loudness, artist=loaded.artist,
                                   album=album_tags(target.episode, doc),
                                   progress=step, inputs=(script, loaded.script_path),
                                   source=loaded.source_file, **options)
    finally:
        engine.close()
    return result, cast_


def _say_rendered(script: Path, loaded: _Loaded, target: _Target, result, cast_) -> None:
    """Say what the render wrote; record a book's episode in book.json as its build would;
    write again the texts that follow the render (.srt, .vtt, .txt)."""
    from ..book.changes import record_render
    from ..export import refresh_render_texts
    if result.up_to_date:
        them = "them" if len(result.audio) > 1 else "it"  # the .wav and the -f mp3: both kept
        say(f"{', '.join(result.audio)}: up to date, kept (--force writes {them} again)")
    else:
        say(f"wrote {', '.join(result.audio)} and {result.manifest}")
    episode = target.episode
    if target.its_own:  # as the book's build would record it, so the next is not told
        record_render(episode.script.parent, episode.name, loaded.read, cast_, loaded.doc)
    # make demo's .srt/.vtt/.txt follow, but those a person edited
    texts = refresh_render_texts(loaded.doc, result.manifest, loaded.script_path)
    if texts:
        say(f"wrote again from this render: {', '.join(texts)}")
    typer.echo(render_summary(result.synthesized, result.reused, result.duration,
                              result.up_to_date))
    if target.its_own and not result.up_to_date:
        say(f"an episode of the book in {Path(script).parent}/, rendered there: `drama build` "
            "of the book brings its .m4b, book.json and feed up to date")


def _book_episode(script: Path):
    """The episode of a book's series folder the script is and the book's author
    (studio.project.series_episode); (None, None) for a text, or any other script."""
    from ..book.whole import INDEX, index_problem
    from ..scriptfile import is_script_path
    from ..studio.project import series_episode
    found = series_episode(Path(script)) if is_script_path(script) else None
    folder = Path(script).parent
    problem = found is None and is_script_path(script) and (folder / INDEX).is_file() and \
        index_problem(folder)
    if problem:  # else rendered to output/ as a lone script without a word
        import logging
        logging.getLogger(__name__).warning(
            "%s: cannot read its episodes (%s): %s is rendered as a script of its own, not "
            "as the book's episode; `drama build` the book again to write its index",
            folder / INDEX, problem, script)
    return found or (None, None)


def _formats_to_write(out: str, asked: list[str], own_episode) -> list[str]:
    """The formats besides `out`'s own: those asked for (-f), else those its last render
    (make demo's, a build's) wrote. A book's episode rendered to its own files
    (`own_episode`, else None) always keeps the build's (Episode.audio_files: those the
    build writes, when it stopped before this episode), -f only adds to them: its aac is
    what the book's .m4b is joined from, and one left from before the render would no
    longer be the episode."""
    from ..render import recorded_formats
    if own_episode is not None:
        return list(dict.fromkeys([*(p.suffix.lstrip(".") for p in own_episode.audio_files()),
                                   *(f.lower().lstrip(".") for f in asked)]))
    return asked or recorded_formats(out)


def _is_its_own_audio(out: str, episode) -> bool:
    """Whether `out` is one of a book's episode's own audio files, where its build put them
    (-o out/emma/002-....mp3 names one as much as -o out/emma/ does)."""
    from ..files import same_file
    return file_stem(out) == episode.name and same_file(Path(out).parent, episode.script.parent)


def _into_its_folder(output: str | None, episode) -> bool:
    """Whether a book's episode is rendered where its build put it: no -o, or -o naming
    the episode's own folder (`-o out/emma/`, as `-o output/` renders a script there)."""
    from ..files import same_file
    return output is None or same_file(output, episode.script.parent)


def _refuse_another_texts_episode(out: Path, source: Path, output_given: bool) -> None:
    """Stop a render to the default output/<name>.wav (or <name>.wav in the folder -o
    names: the person named no file either) when the episode there is another
    text's of the same name (a/story.txt's, and this is b/story.txt), as its manifest
    records, or the script beside it was extracted from that text (`drama extract
    a/story.txt`, then `drama render b/story.txt`: b's episode beside a's script, which
    build then refuses for both): it would be replaced unsaid. build refuses shared names
    likewise (pipeline.another_texts_episode). `output_given`: -o named the folder, so the
    way out is another -o."""
    from ..pipeline import another_texts_episode
    whose = another_texts_episode(source, out.parent, file_stem(out), episode=str(out))
    if whose is not None:
        option = "give -o a file name or another folder" if output_given else "pass -o FILE"
        fail(f"{whose}, and {source} shares its name: {option} to render {source} to a "
             f"file of its own")


def _warn_of_missing_source(source: str, script_path: Path) -> None:
    """Say that a script is rendered without its source text (gone, or changed since it
    was extracted): its words are not held to the source, and the pauses the source gives
    (paragraphs, scenes) are not known, so the episode is shorter than with it."""
    import logging
    logging.getLogger(__name__).warning(
        "%s: its source text %s is not found unchanged (`drama check` says why): rendered "
        "as written, its words not checked against it and without the pauses its paragraphs "
        "and scenes give", script_path, source)


def _script_to_render(text: Path, out_folder: Path):
    """A text's script as `drama build` picks it (loading.script_of_text), saying which was
    used: the saved one (a person's edits kept) or one extracted now. Returns the script and
    the file it came from (the text, when extracted now)."""
    from ..loading import script_of_text
    from ..saving import is_edited
    doc, saved, as_it_stands = script_of_text(text, (out_folder,))
    if saved is None:
        say(f"{text}: no saved script of this text, extracted now")
        return doc, text
    if not as_it_stands:
        say(f"{text}: changed since {saved} was extracted: extracted again into it")
    else:
        whose = "your edits kept" if is_edited(saved) else "as extracted"
        say(f"{text}: rendering its script {saved} ({whose})")
    return doc, saved


@app.command()
@handle_errors
def export(
    script: Path = typer.Argument(..., help="A script file, a text to extract first, or a "
                                            "book's folder (out/<book>/, as `drama build` "
                                            "made it): the whole book in one file."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="txt, md, fountain, json, srt or vtt (default: the one -o's file name ends "
             "in, else txt)."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output",
        help="Where to write; - or none: stdout. A folder (out/) gets <name>.FORMAT "
             "inside it. An .srt, .vtt or .txt written beside the episode's manifest or "
             "script is recorded as drama's: a render writes it again (until you edit it)."),
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", "-m",
        help="srt/vtt: the render manifest (default <name>.manifest.json beside SCRIPT, "
             "else in a folder of the working folder, where `render -o FOLDER/` put it)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="md: voices for the cast list, when the file exists."),
    narration: str = typer.Option("narrator", "--narration",
                                  help="txt/md: narration as NARRATOR: lines (narrator) "
                                       "or as plain paragraphs (plain)."),
    width: int = typer.Option(78, "--width", min=20, metavar="N",
                              help="txt: wrap at this many characters (20 or more)."),
    author: Optional[str] = typer.Option(
        None, "--author", metavar="AUTHOR",
        help="fountain: the author its title page names ('' none). Default: the book's "
             "(book.json: build's --author, else the book's own), else the one the text "
             "names (an `Author:` line, an EPUB's metadata), else none."),
) -> None:
    """Write the script as text: txt, md, fountain, json, or subtitles (srt, vtt).

    txt: a radio-play script; md: a cast list and bold speakers;
    fountain: a screenplay for any Fountain app; json: the script file's JSON form (a
    script drama reads; with -o, its source named from the file's folder, as extract -o
    names it).
    Subtitles are timed by the render manifest, so render first.

    A book's folder exports the whole book into one file, <book>.FORMAT with -o FOLDER:
    every episode script in the book's order, your edits in them, each chapter under its
    heading and one cast list (subtitles stay one per episode, as the build wrote them).

    Example: drama export output/000_*.script.yaml --format fountain -o output/
    Example: drama export out/emma --format fountain -o out/
    """
    from ..export import ExportOptions, write_export
    from ..export.written import written_again
    from ..book.whole import book_name, files_read, is_book_folder
    from ..exportcheck import export_file
    options = ExportOptions(width=width, narration=narration)
    format = export_format(format, output)
    if output == "-":  # standard output, as without -o
        output = None
    if output is not None:
        book = is_book_folder(script)
        name = book_name(script) if book else file_stem(script)
        output = output_path(output, f"{name}.{format}", script, manifest, casting,
                             *(files_read(script) if book else ()))
        refuse_misnamed(format, output)
    text = export_file(script, format, options, manifest=manifest, casting=casting,
                       output=output, author=_one_line(author, "--author"))
    if output is not None and written_again(output, format, options):
        write_export(output, text)  # recorded as drama's: a render writes it again
        say(f"wrote {output}")
    else:
        write_or_print(text, output)


def export_format(given: str | None, output: str | None) -> str:
    """The format `drama export` writes: --format (in any case), else the one -o's file
    name ends in (`-o play.fountain`; not a folder's, `-o notes.md/` or one there), else
    txt. A name ending in a word no export is (`-o play.docx`, which got a radio play) is
    refused, unless --format says what to write there."""
    if given is not None:
        return given.lower()
    from ..export import EXPORTERS
    from ..files import names_folder
    ending = Path(output).suffix.lower().lstrip(".") if output and \
        not names_folder(output) else ""
    if ending in EXPORTERS:
        return ending
    if _names_another_format(output, ending):
        fail(f"{output}: its name ends in {Path(output).suffix}, none of export's formats "
             f"({', '.join(EXPORTERS)}): name the file .txt for the radio play, or pass "
             "--format to write one of them there")
    return "txt"


def _names_another_format(output: str, ending: str) -> bool:
    """Whether -o's file ends in a format's word (docx, pdf) that is no export's, nor one
    of drama's own files, which refuse_misnamed names better (.wav, .script.yaml)."""
    from ..scriptfile import is_script_path
    return ending.isalpha() and ending.isascii() and not is_script_path(output) and \
        f".{ending}" not in _not_text_endings()


def _not_text_endings() -> dict[str, str]:
    """File endings of what drama writes or reads that is no export (an episode's audio,
    its manifest, a book's feed and cover, a book), each -> what such a file is."""
    from ..export.subtitles import MANIFEST_SUFFIX
    from ..render.encode import FORMATS
    from ..source import BOOK_SUFFIXES, HTML_SUFFIXES
    endings = {MANIFEST_SUFFIX: "a render manifest's"}
    endings.update((f".{f}", "an audio file's") for f in FORMATS)
    endings.update((e, "a book's") for e in (*BOOK_SUFFIXES, *HTML_SUFFIXES))
    endings.update((e, "a picture's") for e in (".jpg", ".jpeg", ".png"))  # a book's cover
    endings[".xml"] = "a podcast feed's"  # a book's feed.xml
    return endings


def refuse_misnamed(fmt: str, output: Path) -> None:
    """Refuse a file named for another format than the one written (`-f md -o x.json`
    wrote Markdown into x.json, and `-o x.fountain` alone a radio play), or named as a
    script drama reads (`-o x.script.yaml` wrote a radio play that check and render then
    refused as a broken script) for anything but json, or as a file drama writes or reads
    that holds no script (`-o output/x.wav` wrote the radio play over the rendered episode,
    `-f json -o x.manifest.json` a script where render reads its manifest); any format may
    go in a .txt. Checked after -o itself (an input of the command is refused first)."""
    from ..export import EXPORTERS
    from ..scriptfile import is_script_path
    name = Path(output).name.lower()
    other = next(((ending, what) for ending, what in _not_text_endings().items()
                  if name.endswith(ending)), None)
    if fmt in EXPORTERS and other is not None:
        ending, what = Path(output).name[-len(other[0]):], other[1]  # as written: .MP3
        fail(f"{output}: its name ends in {ending}, {what} name, but export writes the "
             f"script as text ({fmt}): name the file .{fmt}")
    named = Path(output).suffix.lower().lstrip(".")
    if fmt not in EXPORTERS or named in ("txt", fmt):
        return
    if named in EXPORTERS:
        fail(f"{output}: its name ends in .{named}, but --format is {fmt}: name the file "
             f".{fmt}, or pass --format {named}")
    if fmt != "json" and is_script_path(output):
        fail(f"{output}: its name ends in .{named}, which drama reads as a script, but "
             f"--format is {fmt}: name the file .{fmt}, or pass --format json (a script "
             "drama reads)")


DEFAULT_SOURCES = "seeds"
"""What `drama build` builds when given nothing: the folder of texts `make demo` builds."""
EPISODES_HELP = ("How a book is cut into episodes: chapter (default, or as its last build "
                 "cut it), part, whole, or N-minutes (e.g. 30-minutes). Given, every source "
                 "is built as a series.")


@app.command()
@handle_errors(interrupted=SEGMENTS_CACHED)
def build(
    seeds_dir: Optional[Path] = typer.Argument(None, metavar="BOOK_OR_FOLDER",
                                               show_default=False,
                                               help="A book (.epub, .txt, .md, .html) or a "
                                                    "folder of them (default: seeds)."),
    output_arg: Optional[str] = typer.Option(None, "-o", "--output", metavar="FOLDER",
                                             show_default=False,
                                             help="The folder episodes go in (default: "
                                                  "output)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    formats: List[str] = typer.Option([], "--format", "-f",
                                      help=f"Audio formats to write ({AUDIO_FORMATS}); "
                                           "repeat for several. Default: wav and mp3 for a "
                                           "text; for a book's episodes, those its last "
                                           "build wrote, else mp3 (no WAV unless asked)."),
    episodes: Optional[str] = typer.Option(None, "--episodes", "-e", help=EPISODES_HELP),
    feed_url: Optional[str] = typer.Option(
        None, "--feed-url", help="The http:// or https:// address the book's folder is "
                                 "served at, e.g. http://192.168.1.20:8000 (as in the example "
                                 "above); writes feed.xml, a podcast feed whose episodes are "
                                 "at URL/<file>, in the book's language where an EPUB names "
                                 "it, else en."),
    audiobook: bool = typer.Option(True, "--m4b/--no-m4b",
                                   help="Also join a book's episodes into one .m4b."),
    loudness: Optional[str] = typer.Option(None, "--loudness", help=LOUDNESS_HELP +
                                           " Default: podcast, or for a book as its last "
                                           "build rendered it."),
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
    from ..book.episodes import parse_mode
    from ..book.feed import feed_base_url
    from ..book.series import BuildEvents, SeriesOptions
    from ..casting import check_casting_path
    from ..engines import check_engine_choice
    from ..pipeline import build as build_all
    from ..render import checked_options
    if seeds_dir is None and not Path(DEFAULT_SOURCES).exists():
        fail(f"no book or folder given, and no {DEFAULT_SOURCES}/ folder here to build: name "
             "a book or a folder of texts, e.g. `drama build emma.epub -o out`")
    seeds_dir = seeds_dir or Path(DEFAULT_SOURCES)
    if output_arg is not None and _names_a_file(output_arg):
        fail(f"-o takes a folder, and {output_arg} names a file: build writes several files "
             f"into a folder, e.g. -o out (a name ending in a slash is a folder to make)")
    output = Path(output_arg) if output_arg is not None else None
    if episodes is not None:
        parse_mode(episodes)  # a bad value fails before any work
    checked_options(list(formats) or ["mp3"], loudness or "podcast", None)
    check_engine_choice(engine_name)  # else every book is read first
    if feed_url is not None:
        feed_url = feed_base_url(feed_url)
    check_casting_path(casting)
    series = SeriesOptions(episodes=episodes or "chapter",
                           formats=tuple(formats), audiobook=audiobook,
                           feed_url=feed_url, loudness=loudness, workers=workers, force=force,
                           title=_one_line(title, "--title"),
                           author=_one_line(author, "--author"))
    series.explicit = episodes is not None
    with progress_bar("rendering") as bar:
        results = build_all(seeds_dir, output or Path(RENDER_FOLDER), str(casting),
                            engine_name=engine_name, output_given=output is not None,
                            formats=tuple(formats) or ("wav", "mp3"),
                            loudness=loudness or "podcast",
                            workers=workers, force=force, series=series,
                            events=BuildEvents(
                                progress=bar, episode=_say_written,
                                cast=lambda folder, names: _say_cast(casting, folder, names),
                                changes=_say_changes, spoken=_say_spoken,
                                checking=_say_checking),
                            extracting=extraction_bar)
    _report_build(results)


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
        fail(failed[0].error)
    for r in failed:
        typer.echo(f"drama: error: {r.error}", err=True)
    if failed:
        fail(f"{len(failed)} of {counted(len(results), 'episode')} not built: "
             f"{', '.join(r.name for r in failed)}; the others are done")


def _one_line(value: str | None, option: str) -> str | None:
    """A title or author given, its spaces folded ("" kept: it forgets the one given
    before); one holding a line break or another control character is refused (a tag and
    the feed hold one line), and so is one of spaces alone (it would forget it unsaid)."""
    from ..model import breaks_lines
    if value is None:
        return None
    if breaks_lines(value):
        fail(f"{option} cannot hold a line break or another control character: {value!r}")
    if value and not value.strip():
        fail(f"{option} holds only spaces: give one, or {option} '' to forget the one given "
             "before")
    return " ".join(value.split())


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
        + f" (`drama speakers {folder}/*.script.yaml` lists the cast)")


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
    from ..book.series import SCRIPT_SUFFIX
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
