"""`drama check` and `drama review`: is a script whole, and which lines need a look."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import EXIT_USER_ERROR
from ..wording import counted
from .common import DEFAULT_CASTING, app, fail, handle_errors, readable, say

CHECK_ENGINE_HELP = ("The engine whose voices an entry that names none is checked against: "
                     "pyttsx3 (espeak-ng), piper, or tone; 'auto' is pyttsx3.")


@app.command()
@handle_errors
def check(
    scripts: List[Path] = typer.Argument(..., help="The script files to check "
                                                    "(output/*.script.yaml: each in turn)."),
    casting: Path = typer.Option(DEFAULT_CASTING, "--casting", "-c",
                                 help="The casting file every speaker must be in."),
    source: Optional[Path] = typer.Option(
        None, "--source", "-s", help="The source text (default: the one the script names); "
                                     "with one script only."),
    engine_name: str = typer.Option("auto", "--engine", help=CHECK_ENGINE_HELP),
) -> None:
    """Check a script against its source and cast: nothing lost, every speaker voiced.

    Every word of the source must be in the script, in order (nothing lost);
    each line's text must match its span; each speaker needs a voice the engine has.
    Prints a summary line, then one line per difference: FILE:N: line K: what, where N is
    the line of the file to open in an editor and K the line's place in the script's list of
    lines (as drama review numbers them); several scripts are checked each in turn. Exit
    status 0 when all are clean, 2 otherwise.

    A book's folder (out/<book>/, as drama build made it) is checked episode by episode, in
    the book's order. Another folder is not checked: given one (drama check output), drama
    names the scripts in it and checks nothing. To check every script of a folder, name them
    with a pattern, as the second example does.

    Example: drama check output/000_*.script.yaml
    Example: drama check output/*.script.yaml
    """
    from ..exportcheck import check_script_file
    scripts = scripts_given(scripts, "check")  # a book's folder: its episodes
    if source is not None and len(scripts) > 1:
        fail(f"--source is one script's source text, and {len(scripts)} scripts are given: "
             f"check them one at a time with it")
    with voices_to_check(casting, engine_name) as voice_ids:
        clean = True
        for script in scripts:
            report = check_script_file(script, casting, source, voice_ids=voice_ids)
            typer.echo(report.summary())
            for line in report.details():
                typer.echo(readable(line))
            clean = clean and report.ok
    if not clean:
        raise typer.Exit(EXIT_USER_ERROR)


@contextmanager
def voices_to_check(casting: Path, engine_name: str):
    """The voices of every engine the casting file names (a VoiceCatalog, its default
    engine engine_name's; 'auto' is pyttsx3), or None when there is no casting file; the
    engines made for it are closed after."""
    from ..casting import VoiceCatalog
    from ..engines import EngineSet, make_engine
    if not Path(casting).is_file():
        yield None
        return
    engines = EngineSet(make_engine(engine_name if engine_name != "auto" else "pyttsx3"))
    try:
        yield VoiceCatalog.of_engines(engines)
    finally:
        engines.close()
        engines.default.close()


@app.command()
@handle_errors
def review(
    scripts: List[Path] = typer.Argument(..., help="Script files, or texts to extract first "
                                                    "(output/*.script.yaml: each in turn)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, metavar="N",
                              help="How many uncertain lines to list, per script."),
    context: int = typer.Option(2, "--context", "-C", min=0, metavar="N",
                                help="Lines of context before and after each."),
) -> None:
    """List the least confident dialogue lines with their context, to fix the few that need it.

    Each entry opens as drama check's do, FILE:N: line K, where N is the line of the file
    to open in an editor and K the line's place in the script's list of lines; then its
    [start:end] offsets in the source, the speaker, the rule that chose it (cue) and its
    confidence. Several scripts are reviewed each in turn. Fix a speaker in the script
    file; render and export use it. A line you have checked (fixed or not) leaves the list
    when you delete its confidence; the last line says how many are left.

    A book's folder (out/<book>/, as drama build made it) is reviewed episode by episode,
    in the book's order. Another folder is not reviewed: given one (drama review output),
    drama names the scripts in it and reviews nothing. To review every script of a folder,
    name them with a pattern, as the second example does.

    Example: drama review output/000_*.script.yaml --limit 10
    Example: drama review output/*.script.yaml
    """
    from ..loading import load_any
    scripts = scripts_given(scripts, "review")  # a book's folder: its episodes
    docs = [load_any(script) for script in scripts]  # every error before any listing
    for script, doc in zip(scripts, docs):
        _review_one(script, doc, limit, context, several=len(scripts) > 1)


def _review_one(script: Path, doc, limit: int, context: int, several: bool) -> None:
    """List one script's least confident lines (drama review). Each opens FILE:N: line K;
    a text's, which has no file line, `line K`, and `TEXT: line K` among `several`."""
    from ..extract.review import lines_to_review, unchecked
    from ..fidelity import line_place, script_line_place
    from ..scriptfile import is_script_path
    items = lines_to_review(doc, limit=limit, context=context)
    place = script_line_place(script) if is_script_path(script) or not several else \
        (lambda number: line_place(script, number, None))
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
        typer.echo(f"{place(item.number)} [{ln.start}:{ln.end}]: {ln.speaker} "
                   f"(cue {ln.cue or '-'}, confidence {ln.confidence:.2f})")
        for c in item.before:
            typer.echo(show(c, " ", tail=True))
        typer.echo(show(ln, ">"))
        for c in item.after:
            typer.echo(show(c, " "))
        typer.echo("")
    more = len(unchecked(doc)) - len(items)
    say(f"{script}: {counted(len(items), 'line')} listed, the least confident of the "
        f"{len(items) + more:,} not yet checked"
        + (f" (--limit {len(items) + more} lists them all)" if more else "")
        + "; once you have checked a line, delete its `confidence:` and review passes over it")


def scripts_given(paths: list[Path], command: str) -> list[Path]:
    """The scripts `drama COMMAND` (check, review, speakers, lexicon suggest, cast) acts on: a
    book's folder (`drama build`'s out/<book>/, book.json in it) is its episode scripts in
    the book's order, as `drama export` and the studio read it (book.whole); another folder
    stops the command, naming the scripts in it (checked before any is read)."""
    from ..book.whole import is_book_folder, with_books_as_episodes
    for path in paths:
        if path.is_dir() and not is_book_folder(path):
            fail(instead_of_folder(path, command))
    return with_books_as_episodes(paths)


def books_in(folder: Path) -> list[Path]:
    """The book folders `drama build` made in folder (`out/`: out/emma, out/valley), sorted;
    none where it may not be listed."""
    from ..book.whole import is_book_folder
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and is_book_folder(p))
    except OSError:
        return []


def instead_of_folder(folder: Path, command: str = "review", one: bool = False,
                      last: str = "") -> str:
    """What to say when `drama COMMAND` (review, check, lexicon suggest) is given a folder:
    the scripts in it to name instead; `one`: COMMAND takes one script (`preview --script`),
    so one of them, and none when there is none; `last`: the arguments the command ends on,
    after the script (preview's speaker, wording.pasteable_names)."""
    last = f" {last}" if last else ""
    from ..scriptfile import SCRIPT_SUFFIXES
    from ..wording import pasteable
    named = tuple(f".script{suffix}" for suffix in SCRIPT_SUFFIXES)
    try:
        scripts = sorted(p.name for p in folder.iterdir()
                         if p.name.lower().endswith(named) and p.is_file())
    except OSError:  # a folder it may not list
        scripts = []
    if not scripts and (books := books_in(folder)):
        return (f"{folder}: is a folder of books, not a book: name one, e.g. "
                f"drama {command} {pasteable(books[0])}{last} (there: "
                + ", ".join(b.name for b in books[:3]) + (", ..." if len(books) > 3 else "")
                + ")")
    if not scripts and one:
        return (f"{folder}: is a folder holding no script, and no book's (no book.json): name "
                f"one script file or a text, e.g. drama {command} SCRIPT{last}")
    if not scripts:
        return (f"{folder}: is a folder, not a script: name a script file" if command == "check"
                else f"{folder}: is a folder, not a script or text: name a script file or a text")
    shown = ", ".join(scripts[:3]) + (", ..." if len(scripts) > 3 else "")
    example = pasteable(folder / scripts[0])  # to paste: "my story.script.yaml"
    if one:
        return (f"{folder}: is a folder, and no book's (no book.json): name one script in it, "
                f"e.g. drama {command} {example}{last} (there: {shown})")
    every = ""
    if len(scripts) > 1:  # the folder quoted, the pattern not: 'sp ace'/*.script.yaml
        suffix = ".script" + scripts[0].rsplit(".script", 1)[1]
        every = f", or every one with drama {command} {pasteable(folder)}/*{suffix}"
    return (f"{folder}: is a folder: name the scripts in it, e.g. "
            f"drama {command} {example}{every} (there: {shown})")
