"""The `drama` command line: thin typer commands over the library. Nothing else imports typer."""
from __future__ import annotations

import functools
import logging
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from .errors import EXIT_USER_ERROR, DramaError

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
        except KeyboardInterrupt:
            typer.echo("drama: interrupted; finished segments are cached, run again to resume",
                       err=True)
            raise typer.Exit(130)
    return wrapper


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

    Example: drama extract seeds/004_daf61342ff4cb22e.txt -o output/004.script.yaml
    """
    from .pipeline import extract_file
    from .scriptfile import dump_script, save_script
    script = extract_file(input)
    if output is None:
        sys.stdout.write(dump_script(script, "yaml"))
        return
    save_script(script, output)
    dialogue = sum(1 for ln in script.lines if ln.kind == "dialogue")
    say(f"wrote {output}: {len(script.lines)} lines, {dialogue} dialogue, "
        f"{len(script.speakers) - 1} speakers")


@app.command()
@handle_errors
def cast(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) whose speakers to cast."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file to add speakers to."),
) -> None:
    """Give every new speaker a voice in the casting file; keep everything already there.

    Example: drama cast output/000_15503dc1c8fd3743.script.yaml
    """
    from .casting import cast_speakers
    from .engines import make_engine
    from .pipeline import load_any
    speakers: list[str] = []
    for path in scripts:
        speakers += load_any(path).speakers
    engine = make_engine()
    try:
        added = cast_speakers(casting, speakers, engine.voices())
    finally:
        engine.close()
    if added:
        say(f"{casting}: added {len(added)} speaker(s): {', '.join(added)}")
    else:
        say(f"{casting}: every speaker already has a voice")


@app.command()
@handle_errors
def voices(
    language: Optional[str] = typer.Option(None, "--language", "-l",
                                           help="Only voices whose language starts with this, e.g. en."),
) -> None:
    """List the speech engine's voices (id, language, gender).

    espeak-ng ids accept a variant after '+', e.g. gmw/en-us+f3 or gmw/en+m1.
    """
    from .engines import make_engine
    engine = make_engine()
    try:
        found = engine.voices()
    finally:
        engine.close()
    rows = [v for v in found if not language or any(
        lang.startswith(language) for lang in v.language.split(","))]
    if not rows:
        fail(f"no voice for language {language!r}; run `drama voices` to see them all")
    width = max(len(v.id) for v in rows)
    typer.echo(f"{'ID':{width}}  {'LANGUAGE':10}  GENDER  NAME")
    for v in rows:
        typer.echo(f"{v.id:{width}}  {v.language:10}  {(v.gender or '-'):6}  {v.name}")


@app.command()
@handle_errors
def preview(
    speaker: str = typer.Argument(..., help="A speaker in the casting file (or Narrator)."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="What to say."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Where to write the sample WAV."),
) -> None:
    """Speak a sample line in a speaker's voice, to audition it before a long render.

    Example: drama preview Trotsky --text "All power to the soviets!"
    """
    from .casting import engine_voice_ids, load_casting
    from .engines import make_engine
    engine = make_engine()
    try:
        cast_ = load_casting(casting, engine_voice_ids(engine.voices()))
        entry = cast_.entry_for(speaker)
        if entry is None:
            fail(f"{casting}: no speaker {speaker!r}; run `drama cast` or check the spelling")
        out = output or Path("output") / f"preview-{speaker.replace(' ', '_')}.wav"
        out.parent.mkdir(parents=True, exist_ok=True)
        engine.synthesize(text or f"Hello, I am {speaker}.", entry.settings(), str(out))
    finally:
        engine.close()
    say(f"wrote {out} ({entry.voice}, rate {entry.rate}, pitch {entry.pitch})")


LOUDNESS_HELP = ("Loudness target: podcast (-16 LUFS, true peak -1 dBTP), acx (RMS -20 dB, "
                 "peaks under -3 dBFS) or off (voices level-matched only).")
FORMAT_HELP = "Also write this format (wav, mp3, ogg, m4b); repeat for several."
PAUSES_HELP = ("Pause lengths in seconds, e.g. 'scene=2.5,paragraph=0.8,head=1'; names: "
               "same_speaker, speaker_change, paragraph, scene, head, tail.")


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
    engine_name: str = typer.Option("pyttsx3", "--engine", help="The speech engine."),
    formats: List[str] = typer.Option([], "--format", "-f", help=FORMAT_HELP),
    loudness: str = typer.Option("podcast", "--loudness", help=LOUDNESS_HELP),
    bitrate: Optional[str] = typer.Option(None, "--bitrate",
                                          help="Bitrate of compressed formats, e.g. 96k."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32,
                                          help="Synthesis processes (default: measured best)."),
    pauses: str = typer.Option("", "--pauses", help=PAUSES_HELP),
) -> None:
    """Render one episode: synthesize every line in its speaker's voice and stitch them.

    Segments are cached, so a re-render after an edit only synthesizes what changed, and a
    render interrupted at any point resumes where it stopped.
    Example: drama render output/004_daf61342ff4cb22e.script.yaml -o output/004.mp3
    """
    from .casting import cast_speakers, engine_voice_ids, load_casting
    from .engines import make_engine
    from .pipeline import load_any, source_text_of
    from .render import Pauses, render_script
    pause_config = Pauses.parse(pauses)
    doc = load_any(script)
    name = script.name.split(".")[0]
    out = output or Path("output") / f"{name}.wav"
    engine = make_engine(engine_name)
    try:
        voices_ = engine.voices()
        added = cast_speakers(casting, doc.speakers, voices_)
        if added:
            say(f"{casting}: cast {len(added)} new speaker(s): {', '.join(added)}")
        cast_ = load_casting(casting, engine_voice_ids(voices_))
        with progress_bar("rendering") as bar:
            step = (lambda i, n: bar(name, i, n)) if bar else None
            result = render_script(doc, cast_, engine, out, source_text=source_text_of(doc),
                                   extra_formats=tuple(formats), loudness=loudness,
                                   bitrate=bitrate, workers=workers, pauses=pause_config,
                                   progress=step)
    finally:
        engine.close()
    say(f"wrote {', '.join(result.audio)} and {result.manifest}")
    typer.echo(f"synthesized {result.synthesized} segments, reused {result.reused} from cache; "
               f"duration {_duration(result.duration)} ({result.duration:.1f} s)")


@app.command()
@handle_errors
def export(
    script: Path = typer.Argument(..., help="A script file, or a text to extract first."),
    format: str = typer.Option("txt", "--format", "-f", help="txt or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Where to write; stdout without it."),
) -> None:
    """Write the script as text: a radio-play script (txt) or the JSON script form.

    Example: drama export output/000_15503dc1c8fd3743.script.yaml --format txt
    """
    from .export import export_script
    from .pipeline import load_any
    _write_or_print(export_script(load_any(script), format), output)


@app.command()
@handle_errors
def build(
    seeds_dir: Path = typer.Argument(Path("seeds"), help="The folder of texts (.txt)."),
    output: Path = typer.Option(Path("output"), "-o", "--output", help="Where episodes go."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("pyttsx3", "--engine", help="The speech engine."),
    formats: List[str] = typer.Option(["wav", "mp3"], "--format", "-f",
                                      help="Audio formats to write (wav, mp3, ogg, m4b); repeat "
                                           "for several."),
    loudness: str = typer.Option("podcast", "--loudness", help=LOUDNESS_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, max=32,
                                          help="Synthesis processes (default: measured best)."),
) -> None:
    """The main job: every text in SEEDS_DIR becomes an episode in OUTPUT.

    Per text: <name>.script.yaml (edit it and build again: your edits are used),
    <name>.wav and .mp3, <name>.manifest.json and <name>.txt; voices.yaml gains new speakers.
    """
    from .pipeline import build as build_all
    with progress_bar("rendering") as bar:
        results = build_all(seeds_dir, output, str(casting), engine_name=engine_name,
                            formats=tuple(formats), loudness=loudness, workers=workers,
                            progress=bar)
    for r in results:
        how = "edited script kept" if r.reused_script else "extracted"
        cast_note = f", cast {len(r.new_speakers)} new speaker(s)" if r.new_speakers else ""
        say(f"{r.name}: {how}{cast_note}; {', '.join(r.render.audio)}")
        typer.echo(f"{r.name}: synthesized {r.render.synthesized} segments, "
                   f"reused {r.render.reused} from cache; duration "
                   f"{_duration(r.render.duration)} ({r.render.duration:.1f} s)")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="drama: %(levelname)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
