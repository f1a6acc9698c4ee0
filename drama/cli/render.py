"""`drama render`: a script (or a text's) becomes one episode's audio."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..files import RENDER_FOLDER, file_stem
from ..wording import counted, names_said, render_summary
from .common import (DEFAULT_CASTING, ENGINE_HELP, SEGMENTS_CACHED, app, fail, handle_errors,
                     named_output, one_line, output_path, progress_bar, say)

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


@app.command()
@handle_errors(interrupted=SEGMENTS_CACHED)
def render(
    script: Path = typer.Argument(..., help="A script file, or a text: its saved script "
                                            "(as build picks it), else extracted now."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", callback=named_output,
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
    from ..render import Pauses, check_segment_cache
    pause_config = Pauses.parse(pauses)
    title, author = one_line(title, "--title"), one_line(author, "--author")
    check_casting_path(casting)  # render may append to it: before any work
    check_segment_cache()  # so may a refused cache: before the casting file is touched
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
