"""`drama extract` and `drama cast`: a text becomes a script, its speakers get voices."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..wording import counted, names_said, possessive
from .common import (CAST_ENGINE_HELP, CAST_STAGES, DEFAULT_CASTING, app, casting_bar,
                     extraction_bar, handle_errors, named_output, output_path,
                     print_cast_report, say)

log = logging.getLogger(__name__)


@app.command()
@handle_errors
def extract(
    input: Path = typer.Argument(..., help="The text to extract from: .txt or .md (UTF-8), "
                                           ".html or .epub."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", callback=named_output,
        help="Where to write the script: .yaml/.yml or .json by extension. "
             "A folder (out/) gets <name>.script.yaml inside it. Missing folders on the "
             "way are made (-o new/dir/x.script.yaml makes new/dir). A script there "
             "that you edited is kept: the new one goes beside it, as "
             "<name>.script.new.yaml (or .json). Without -o, or with -o -, YAML goes to "
             "stdout."),
) -> None:
    """Split a text into narration and attributed dialogue lines: the script.

    With -o, a hidden copy of the script as extracted is kept beside it
    (-o output/000.script.yaml keeps output/.000.script.yaml.extracted), so extracting
    again replaces the script only while you have not edited it; an edited one (or a file
    drama did not write) stays as it is. -o may name a folder: the script goes inside it
    as <name>.script.yaml (-o out/, with the slash, makes the folder when it is new). A
    file named in folders that are not there yet is written there: -o new/dir/x.script.yaml
    makes new/dir first, as every command's -o does.
    Example: drama extract seeds/000_15503dc1c8fd3743.txt -o output/
    """
    from ..model import NARRATOR
    from ..errors import ScriptError
    from ..files import check_output, file_stem, output_target
    from ..loading import extract_source, extract_to_file
    from ..scriptfile import SCRIPT_ENDINGS, is_script_path
    if output in (None, "-"):  # standard output, as export's -o - (it asked for -.script.yaml)
        from ..scriptfile import dump_script
        with extraction_bar(input) as step:
            text = dump_script(extract_source(input, progress=step), "yaml")
        sys.stdout.write(text)
        return
    name = f"{file_stem(input)}.script.yaml"
    target = check_output(output_target(output, name), [input])  # an input, a pipe: first
    if not is_script_path(target):  # every command would read it as prose to extract
        raise ScriptError(f"a script's name ends in {SCRIPT_ENDINGS} (drama reads any "
                          f"other file as a text to extract): such as "
                          f"{_script_name_like(Path(target))}", path=str(target))
    output = output_path(output, name, input)  # the name checked before a folder is made
    with extraction_bar(input) as step:
        script = extract_to_file(input, output, progress=step)
    dialogue = sum(1 for ln in script.lines if ln.kind == "dialogue")
    speakers = sum(1 for s in script.speakers if s != NARRATOR)
    say(f"wrote {output}: {counted(len(script.lines), 'line')}, {dialogue} dialogue, "
        f"{counted(speakers, 'speaker')}")


@app.command()
@handle_errors(interrupted="the casting file is written whole or not at all: run "
                           "`drama cast` again to cast what is missing")
def cast(
    scripts: List[Path] = typer.Argument(
        ..., help="Script files (or texts) whose speakers to cast; a book's folder (out/<book>/) "
                  "is its episodes."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file to add speakers to."),
    report: bool = typer.Option(False, "--report", "-r",
                                help="Then show the cast: speaker, lines, words, voice, gender."),
    engine_name: str = typer.Option("auto", "--engine", help=CAST_ENGINE_HELP),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n",
        help="Write nothing: print the entries that would be appended, one a line, ready to "
             "paste (where the file's layout makes you add them by hand: `speakers: *cast`); "
             "for a new or empty casting file, the whole file it would write. With --report, "
             "the cast as it would be."),
) -> None:
    """Give every new speaker a voice in the casting file; keep everything already there.

    New speakers are appended (comments, order and your edits stay byte for byte). Voices
    follow each speaker's gender as the text shows it; main characters get voices far apart
    (installed Piper voices first, one character each), speakers with one or two lines share
    a few "extras" voices.
    Example: drama cast output/000_*.script.yaml --report
    """
    from ..casting import (VoiceCatalog, cast_plan, cast_speakers, check_casting_path,
                           joined_said, load_casting)
    from ..engines import EngineSet, choose_engines
    from ..loading import load_any
    from .review import scripts_given
    check_casting_path(casting)
    with casting_bar(casting) as step:
        step = step or (lambda stage: None)
        step(CAST_STAGES[0])
        docs = [load_any(path) for path in scripts_given(scripts, "cast")]
        speakers = [s for doc in docs for s in doc.speakers]
        engine, neural = choose_engines(engine_name)
        engines = EngineSet(engine)
        existed = os.path.lexists(casting)
        step(CAST_STAGES[1])
        try:
            # every engine's voices, as render checks them (a Piper entry's voice too)
            how = cast_plan if dry_run else cast_speakers
            done = how(casting, speakers, engine.voices(), scripts=docs, neural=neural,
                       catalog=VoiceCatalog.of_engines(engines))
        finally:
            engines.close()
            engine.close()
    if dry_run:
        say_plan(casting, done)
    elif done:
        also = f"; {joined_said(done.joined)}" if done.joined else ""
        say(f"{casting}: added {counted(len(done), 'speaker')}: {names_said(done)}{also}")
    elif done.joined:
        say(f"{casting}: no new voice: {joined_said(done.joined)}")
    elif not existed and os.path.lexists(casting):
        say(f"{casting}: wrote it with the narrator's voice; no speakers to cast")
    else:
        say(f"{casting}: every speaker already has a voice")
    if report:
        print_cast_report(docs, done.casting if dry_run else load_casting(casting))


def say_plan(casting: Path, plan) -> None:
    """A dry run's account: the whole file a new one would be, else the entries to append
    (to paste by hand where the file's layout refuses them, or a read-only file), and the
    warnings the real run would give."""
    from ..casting import typo_said
    if plan.refusal is not None:
        say(f"{casting}: the run would write nothing: {plan.refusal}")
    for speaker, voice in plan.joined.items():
        say(f"{casting}: {speaker} would speak in {possessive(voice)} voice (the script's "
            "characters give them that name too), added to its aliases")
    for speaker, why in plan.apart.items():
        log.warning("%s: %s would be cast with a voice of its own: %s", casting, speaker, why)
    for speaker, like in plan.typos.items():
        log.warning("%s", typo_said(str(casting), speaker, like, would=True))
    if plan.creates and plan.new_text is not None:
        who = counted(len(plan.entries), "speaker") if plan.entries else \
            "the narrator's voice; no speakers to cast"
        say(f"{casting}: would write it with {who} (nothing written); the file:")
        sys.stdout.write(plan.new_text)
    elif plan.entries:
        say(f"{casting}: would add {counted(len(plan.entries), 'speaker')} (nothing "
            "written); their entries, to go under speakers:")
        sys.stdout.write("".join(f"  {key}: {entry}\n" for key, entry in plan.entries))
    elif plan.joined:
        say(f"{casting}: would add no voice, only the aliases above (nothing written)")
    else:
        say(f"{casting}: every speaker already has a voice")


def _script_name_like(target: Path) -> Path:
    """A script's name for an -o that is none: `x.docx` is x.script.yaml, and a copy marked
    after its ending, `out/ep.script.yaml.bak`, is out/ep.bak.script.yaml (it was
    ep.script.yaml.script.yaml, without its folder: walk33)."""
    from ..files import file_stem
    from ..scriptfile import SCRIPT_SUFFIXES
    stem = file_stem(target)
    if stem.lower().endswith(SCRIPT_SUFFIXES):
        return target.with_name(f"{file_stem(stem)}{target.suffix}.script.yaml")
    return target.with_name(f"{stem}.script.yaml")
