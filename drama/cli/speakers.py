"""`drama speakers`: the cast at a glance, and fixing it in bulk."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import (DEFAULT_CASTING, Typer, ValuesNamedGroup, app, fail, handle_errors,
                     print_cast_report, say)
from .review import CHECK_ENGINE_HELP


class _ListByDefault(ValuesNamedGroup):
    """`drama speakers FILES` means `drama speakers list FILES`: the command it always was.
    `-s A B C` means `-s A -s B -s C` (_one_script_each)."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["list", *args]
        return super().parse_args(ctx, _one_script_each(args))


def _one_script_each(args: list[str]) -> list[str]:
    """The arguments with `-s` before each script file that follows a `-s SCRIPT`: the shell
    makes `-s out/emma/*.script.yaml` `-s 001.script.yaml 002.script.yaml ...`, whose second
    file was taken for a speaker (merge: "no speaker '...002.script.yaml'") or an extra
    argument. Only an existing file named as a script is given its -s, never a speaker."""
    from ..scriptfile import is_script_path
    out, after_script = [], False
    for i, arg in enumerate(args):
        if after_script and is_script_path(arg) and Path(arg).is_file():
            out += ["-s", arg]
            continue
        out.append(arg)
        after_script = arg.startswith("--script=") or \
            (i > 0 and args[i - 1] in ("-s", "--script"))
    return out


speakers_app = Typer(
    cls=_ListByDefault, no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Show the cast (drama speakers FILES), or fix it in bulk: merge, rename, move, "
         "voice; undo the last fix.\n\n"
         "Example: drama speakers output/*.script.yaml")
app.add_typer(speakers_app, name="speakers")

SCRIPTS_HELP = ("A script file to change (.yaml, .yml or .json), or a book's folder (-s "
                "out/emma/: its episode scripts); several: repeat -s, or list them after one "
                "(-s out/emma/*.script.yaml). A proposal waiting beside a script "
                "(NAME.script.new.yaml) is changed with it.")
CASTING_EDIT_HELP = "The casting file to update too (skipped when it does not exist)."
DRY_RUN_HELP = "Show what would change (voices.yaml as a diff) and write nothing."


@speakers_app.command("list")
@handle_errors
def speakers_list(
    scripts: List[Path] = typer.Argument(..., help="Script files (or texts) to report on."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    engine_name: str = typer.Option("auto", "--engine", help=CHECK_ENGINE_HELP),
) -> None:
    """Show the cast at a glance: speaker, lines, words, voice and gender.

    A gender ending in '?' comes from the script's characters section (inferred when the
    text was extracted); one without is written in the casting file. The casting file is
    checked as `drama check` checks it, but a voice its engine does not have is marked
    "(unknown voice)" and named below the table (check would refuse it). Nothing is
    changed; run `drama cast` to give uncast speakers a voice.
    Example: drama speakers output/*.script.yaml
    """
    from ..casting import load_casting
    from ..errors import EngineError
    from ..loading import load_any
    from .review import scripts_given, voices_to_check
    docs = [load_any(path) for path in scripts_given(scripts, "speakers")]
    try:
        with voices_to_check(casting, engine_name) as catalog:
            if catalog is not None:  # checked as cast and check read it; a voice
                catalog.lacking_ok = True  # this machine lacks is marked, not refused
            print_cast_report(docs, load_casting(casting, catalog, missing_ok=True), catalog)
    except EngineError:
        if engine_name != "auto":  # the engine named cannot speak here: say so
            raise
        # no engine to check with: the cast as it is
        print_cast_report(docs, load_casting(casting, missing_ok=True))


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
    changes). A new name holding an invisible character (a zero-width space, a direction
    mark or override) is refused, not cleaned: it would look like another name.
    `drama speakers undo` takes the last edit back.
    Example: drama speakers merge Crowd "The marchers" -s output/000_*.script.yaml
    """
    from ..speakers import plan_merge
    scripts = _scripts_given(scripts)
    _run_plan(lambda: plan_merge(keep, others, scripts, str(casting)), dry_run,
              (casting, _said("merge", keep, *others), scripts))


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
    still find the voice (OLD an alias there: the entry it belongs to is renamed, and keeps
    its name as an alias too). To join two speakers, use `drama speakers merge`. A NEW
    holding an invisible character (a zero-width space, a direction mark or override) is
    refused, not cleaned: it would look like another name. `drama speakers undo` takes
    the last edit back.
    Example: drama speakers rename Dan "Fyodor Dan" -s output/000_*.script.yaml
    """
    from ..speakers import plan_rename
    scripts = _scripts_given(scripts)
    _run_plan(lambda: plan_rename(old, new, scripts, str(casting)), dry_run,
              (casting, _said("rename", old, new), scripts))


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
    ("Song", "I--well"). voices.yaml is not changed: OLD is not NEW. `drama speakers undo`
    takes the last edit back.
    Example: drama speakers move Insurgents --narrator -s output/000_*.script.yaml
    """
    from ..speakers import plan_move
    if narrator == (new is not None):
        fail("name who says the lines (drama speakers move OLD NEW) or pass --narrator, "
             "not both")
    given, scripts = scripts, _scripts_given(scripts)
    _run_plan(lambda: plan_move(old, new, scripts, str(casting), given), dry_run,
              (casting, _said("move", old, new) if new else _said("move", old, "--narrator"),
               scripts))


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
    volume: Optional[float] = typer.Option(None, "--volume", help="More than 0, at most 1.0."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c", help="The casting file."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=DRY_RUN_HELP),
) -> None:
    """Change how a speaker sounds: their voice, engine, rate, pitch or volume in voices.yaml.

    Only those values change in the file; comments, order and every other entry stay as
    they are. A new voice is checked against its engine's voices. Audition the result with
    `drama preview`; `drama speakers undo` takes the last edit back.
    Example: drama speakers voice Trotsky --voice gmw/en-us+m3 --rate 180
    """
    from ..casting import VoiceCatalog
    from ..casting.recast import plan_voice
    from ..engines import DEFAULT_ENGINE, EngineSet, make_engine
    fields = {"engine": engine, "voice": voice, "rate": rate, "pitch": pitch, "volume": volume}
    if all(v is None for v in fields.values()):
        fail("name what to change: --voice, --engine, --rate, --pitch or --volume")
    engines = EngineSet(make_engine(DEFAULT_ENGINE)) if voice or engine else None
    try:
        catalog = VoiceCatalog.of_engines(engines) if engines else None
        _run_plan(lambda: plan_voice(speaker, fields, str(casting), catalog), dry_run,
                  (casting, _said("voice", speaker, *(f"--{k}={v}" for k, v in fields.items()
                                                      if v is not None)), []))
    finally:
        if engines is not None:
            engines.close()
            engines.default.close()


@speakers_app.command("undo")
@handle_errors
def speakers_undo(
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file the edit was made with: its record "
                                      "is beside it."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n",
                                 help="Show what would be put back and write nothing."),
) -> None:
    """Undo the last merge, rename, move or voice made from the command line.

    Every file the edit changed goes back to its text before, byte for byte. Each edit
    leaves its record beside the casting file (.voices.yaml.undo); only the last is kept,
    so a second undo has nothing to undo (run the edit again to redo it). A file changed
    since the edit (an editor, the studio, drama extract) stops the undo, named, and
    nothing is written. The studio's edits have their own undo.
    Example: drama speakers undo -n
    """
    from ..undo import plan_undo, record_path, undo_last
    undo = plan_undo(casting) if dry_run else undo_last(casting)
    if undo is None:
        say(f"nothing to undo: no edit recorded beside {casting} ({record_path(casting)})")
        return
    for path in undo.already:
        typer.echo(f"{path}: already as before `drama speakers {undo.edit}`")
    for change in undo.plan.changes:
        for line in change.summary:
            typer.echo(f"{change.path}: {line}")
        if dry_run and change.casting:
            typer.echo(change.diff(), nl=False)
    if not undo.plan.changes:
        say(f"nothing to undo: every file is as before `drama speakers {undo.edit}`")
    if undo.left is not None:
        say(undo.left)
    if dry_run:
        say("dry run: nothing written")


PLAN_ATTEMPTS = 3
"""Times an edit is planned again when a file changed between its plan and its write (a
`drama cast` or `build` appending to voices.yaml, holding its lock while this one waited)."""


def _scripts_given(scripts: list[Path]) -> list[Path]:
    """The scripts given with -s, a book's folder (out/<book>/) as its episode scripts, as
    `drama speakers` reads it (review.scripts_given); stop at another folder ("not a script
    file; extract one"): its scripts are what to give, and one -s takes them all
    (_one_script_each)."""
    from ..book.whole import is_book_folder, with_books_as_episodes
    from ..wording import pasteable
    from .review import books_in
    for path in scripts:
        if path.is_dir() and not is_book_folder(path) and (books := books_in(path)):
            fail(f"{path}: is a folder of books, not a book: give one, e.g. -s "
                 f"{pasteable(books[0])} (there: {', '.join(b.name for b in books[:3])}"
                 f"{', ...' if len(books) > 3 else ''})")
        if path.is_dir() and not is_book_folder(path):
            fail(f"{path}: is a folder: give its scripts, e.g. -s "
                 f"{pasteable(path)}/*.script.yaml (-s takes every script listed after it)")
    return with_books_as_episodes(scripts)


def _said(*words: str) -> str:
    """A command's words as a shell would take them, naming an edit in its undo record:
    _said("merge", "Ann", "the girl") == "merge Ann 'the girl'"."""
    import shlex
    return shlex.join(words)


def _run_plan(make_plan, dry_run: bool, recorded: tuple[Path, str, list]) -> None:
    """Make the plan make_plan() returns, or show it (dry_run); planned again on the files
    as they are now when one changed meanwhile (the new plan keeps what changed). `recorded`
    is (the casting file, the edit's words, the scripts given): the record `drama speakers
    undo` reads is kept beside that file (drama.undo)."""
    from ..edits import ChangedMeanwhile
    from ..undo import apply_recorded
    casting, edit, scripts = recorded
    for attempt in range(1, PLAN_ATTEMPTS + 1):
        plan = make_plan()
        if dry_run or not plan.changes:
            break
        try:
            apply_recorded(plan, str(casting), edit, scripts)  # first: what is said below
            # is done, not only planned
            break
        except ChangedMeanwhile:
            if attempt == PLAN_ATTEMPTS:
                raise
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
