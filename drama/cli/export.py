"""`drama export`: a script (or a book's folder) written as text: a radio play, Markdown,
Fountain, JSON or subtitles."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..files import file_stem
from .common import (DEFAULT_CASTING, app, fail, handle_errors, named_output, one_line,
                     output_path, say, write_or_print)

OUTPUT_HELP = ("Where to write; - or none: stdout. A folder (out/) gets <name>.FORMAT inside "
               "it. An .srt, .vtt or .txt written beside the episode's manifest or script is "
               "recorded as drama's: a render writes it again (until you edit it).")
AUTHOR_HELP = ("fountain: the author its title page names ('' none). Default: the book's "
               "(book.json: build's --author, else the book's own), else the one the text "
               "names (an `Author:` line, an EPUB's metadata), else none.")


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
    output: Optional[str] = typer.Option(None, "-o", "--output", callback=named_output,
                                         help=OUTPUT_HELP),
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
    author: Optional[str] = typer.Option(None, "--author", metavar="AUTHOR", help=AUTHOR_HELP),
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
    from ..export import ExportOptions
    from ..exportcheck import export_file
    options = ExportOptions(width=width, narration=narration)
    format = export_format(format, output)
    output = _export_output(script, output, format, manifest, casting)
    text = export_file(script, format, options, manifest=manifest, casting=casting,
                       output=output, author=one_line(author, "--author"))
    _write_exported(text, output, format, options)


def _export_output(script: Path, output: str | None, fmt: str, manifest: Path | None,
                   casting: Path) -> Path | None:
    """The file export writes, as -o names it (a folder: <name>.FMT in it, a book's folder
    named for its book), checked against the command's inputs and its format; None for
    standard output (no -o, or -o -)."""
    from ..book.whole import book_name, files_read, is_book_folder
    if output is None or output == "-":  # standard output, as without -o
        return None
    book = is_book_folder(script)
    name = book_name(script) if book else file_stem(script)
    written = output_path(output, f"{name}.{fmt}", script, manifest, casting,
                          *(files_read(script) if book else ()))
    refuse_misnamed(fmt, written)
    return written


def _write_exported(text: str, output: Path | None, fmt: str, options) -> None:
    """The exported text written to -o's file, recorded as drama's where a render writes
    it again (an .srt beside its episode), else printed (no -o)."""
    from ..export import write_export
    from ..export.written import written_again
    if output is not None and written_again(output, fmt, options):
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
