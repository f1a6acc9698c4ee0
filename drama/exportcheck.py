"""The stage that exports or checks one script file: `drama export` (a script, text or
render manifest to a format) and `drama check` (a script against its source text and
casting file)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from .casting import CastingProblems, load_casting
from .errors import InputError, OutputError, ScriptError
from .loading import load_any, source_text_of
from .model import Script
from .scriptfile import SCRIPT_ENDINGS, is_script_path, load_script, require_valid_spans
from .source import read_source_text
from .book.whole import is_book_folder, listed_scripts, whole_book
from .wording import pasteable

log = logging.getLogger(__name__)


def _refuse_writing_the_source(output: Path, source: str) -> None:
    """An OutputError when output is the source text a script was extracted from."""
    try:
        same = os.path.samefile(output, source)
    except OSError:  # either one missing: nothing to destroy
        return
    if same:
        raise OutputError(f"is the source text this script was extracted from; writing it "
                          f"would destroy it: choose another output", path=str(output))


def export_file(path: Path, fmt: str, options, *, manifest: Path | None = None,
                casting: Path | None = None, output: Path | None = None,
                author: str | None = None) -> str:
    """A script (or text, or render manifest for subtitles) exported to fmt.

    Subtitles take the manifest given, or <name>.manifest.json beside the script; Markdown
    takes its cast list's voices from the casting file when it exists. `output`, the file
    the export will be written to, is refused when it is the script's source text:
    `drama export out/000.script.yaml -o seeds/` named seeds/000.txt, the novel itself.
    A book's series folder (book.json) is exported whole, its episodes in order, in one
    file (book.whole); never as subtitles, which are each episode's own. `author` names
    the Fountain title page's author ('' none), else the one drama knows (known_author).
    """
    from .export import SUBTITLE_FORMATS, export_script, load_manifest
    from .export.rendered import render_manifest, warn_if_rendered_before
    is_manifest = str(path).endswith(".manifest.json")
    book = _exportable_kind(path, fmt, is_manifest)
    script = None
    book_text = None
    if book:
        script, book_text = _whole_book_and_its_text(path)
        path = listed_scripts(path)[0]  # the source is found as its episodes' is
    elif not is_manifest:
        script = load_any(path)
    if script is not None:
        _check_against_source(script, path, output, options, book, book_text)
        if options.source_text is None and fmt != "json":
            _warn_unmarked(script, path)
    if fmt in SUBTITLE_FORMATS:
        found = manifest or (path if is_manifest else render_manifest(script, path, output))
        options.manifest = load_manifest(found)
    if fmt == "fountain" and script is not None:
        options.author = author if author is not None else \
            known_author(Path(path), options.source_text)
    if fmt == "md" and casting is not None and Path(casting).exists():
        options.casting = load_casting(casting)
    if script is None:
        script = Script(title=str(options.manifest.get("title") or Path(path).stem))
    elif fmt in SUBTITLE_FORMATS:
        warn_if_rendered_before(script, options.manifest, path)
    if fmt == "json" and output is not None:
        script.source = _source_seen_from(Path(output).parent, script, path)
    return export_script(script, fmt, options, spans_checked=book)


def _exportable_kind(path: Path, fmt: str, is_manifest: bool) -> bool:
    """Whether path is a book's series folder (True) or one file (False); an ExportError
    for what cannot be exported to fmt: a manifest to anything but subtitles, a folder
    that is no book, a book to subtitles."""
    from .errors import ExportError
    from .export import SUBTITLE_FORMATS
    if is_manifest and fmt not in SUBTITLE_FORMATS:
        raise ExportError("a render manifest only makes subtitles (srt, vtt); pass the script "
                          "file for other formats", path=str(path))
    book = Path(path).is_dir() and is_book_folder(path)
    if Path(path).is_dir() and not book:
        books = sorted(p for p in Path(path).iterdir() if p.is_dir() and is_book_folder(p))
        raise ExportError(f"holds books: name one, e.g. {books[0]}" if books else
                          "is a folder without book.json, so not a book `drama build` made "
                          "(build the book again to write it); or name one script in it",
                          path=str(path))
    if book and fmt in SUBTITLE_FORMATS:
        raise ExportError(f"subtitles are timed by each episode's audio: `drama build` "
                          f"writes <name>.{fmt} beside each episode it renders in this folder "
                          "(or export one rendered episode's script); a whole book exports as "
                          "txt, md, fountain or json", path=str(path))
    return book


def _whole_book_and_its_text(folder: Path) -> tuple[Script, str | None]:
    """A book's episodes as one script (book.whole), and the text every episode indexes
    into now, or None when one does not (changed, or gone). Each episode is held to its own
    part, as render and check hold it: after an edit in chapter 5, chapter 1's script keeps
    the hash of the text before the edit, its part unchanged, so the whole book held to the
    first episode's hash was exported without the source's quotation marks and with a
    warning that its source had changed (newcomer53). An episode's spans the text does not
    hold are refused in its own file."""
    texts = []

    def check(episode: Path, script: Script) -> None:
        texts.append(source_text_of(script, episode))  # its offsets moved to its part's place
        require_valid_spans(script, texts[-1], path=episode)

    whole = whole_book(folder, check=check)
    same = texts and texts[0] is not None and all(text == texts[0] for text in texts)
    return whole, texts[0] if same else None


def _check_against_source(script: Script, path: Path, output: Path | None, options,
                          book: bool, book_text: str | None = None) -> None:
    """Refuse an output that is the script's source text, and spans the source does not
    hold; options.source_text set to the source's text (a book's: book_text, the text all
    its episodes index into)."""
    from .fidelity import recorded_source_paths
    if output is not None and script.source:  # as recorded, or from the script's folder
        for source in [script.source, *recorded_source_paths(script, path)]:
            _refuse_writing_the_source(output, source)
    # the spans render and check refuse, past the end of the source too; a book's
    # again as one script (an episode's running into the next), in no one file
    options.source_text = book_text if book_text is not None else \
        source_text_of(script, path)
    if book and options.source_text is None:
        return  # each episode's spans were checked in its own file; without the text, the
        # episodes may index two versions of it (one kept as edited, one extracted again)
    require_valid_spans(script, options.source_text, path=None if book else path)


def _warn_unmarked(script: Script, path: Path) -> None:
    """Say so when a script is exported without its source text (changed since extraction,
    or not found), which a narrator line's quotation marks are shown from
    (export.options.shown_text): `said "Keep Out" in red` is exported `said Keep Out in
    red`, unsaid before (newcomer50). A script that records no source has none to miss."""
    from .fidelity import find_source
    if not script.source:
        return
    found = find_source(script, path)
    why = f"its source text {found} changed since it was extracted" if found else \
        f"its source text {script.source!r} is not there"
    log.warning("%s: %s: exported without the quotation marks the source has in the "
                "narrator's lines (restore the text, or extract it again, to have them)",
                path, why)


def known_author(path: Path, source_text: str | None) -> str | None:
    """The author drama knows of the script at path: a book's episode's (or the whole book's,
    path then its first episode) as book.json records it (`drama build --author`, else the
    book's own); else the one its source names (source.text_author of source_text: an
    `Author:` line, a byline; an EPUB's text opens with its metadata's); else None."""
    from .book.whole import book_author
    from .source import text_author
    if is_book_folder(Path(path).parent):
        return book_author(Path(path).parent)
    return text_author(source_text)


def _source_seen_from(folder: Path, script: Script, script_path: Path) -> str | None:
    """The script's source as a script saved in folder records it, as `drama extract -o`
    would (fidelity.source_to_record): a JSON export written elsewhere still names its
    text, not a path that meant something only beside the script it was exported from.
    As the script records it when the text is not there to find."""
    from .fidelity import find_source, source_to_record
    found = find_source(script, script_path)
    return source_to_record(found, folder) if found is not None else script.source


def check_script_file(script_path: Path, casting_path: Path | None = None,
                      source: Path | None = None, voice_ids=None):
    """The fidelity report of a script file against its source text and casting file (every
    voice in it checked against voice_ids, a VoiceCatalog or the default engine's ids, when
    given)."""
    from .fidelity import Problem, check_script, find_source
    from .scriptfile import entry_file_lines
    if not is_script_path(script_path):
        raise ScriptError(f"`drama check` needs a script file ({SCRIPT_ENDINGS}); "
                          "extract one with `drama extract`", path=str(script_path))
    script = load_script(script_path)
    src = source or find_source(script, script_path)
    if src is None:
        what = (f"cannot find the source text {script.source!r} this script was extracted from"
                if script.source else "the script names no source text")
        raise InputError(f"{what}; pass it with --source PATH", path=str(script_path))
    casting = None
    voice_problems: list[tuple[int | None, str]] = []
    if casting_path is not None and Path(casting_path).exists():  # a pipe: load_casting refuses
        try:
            casting = load_casting(casting_path, voice_ids)
        except CastingProblems as exc:
            if voice_ids is None:
                raise
            casting = load_casting(casting_path)  # valid but for voices: report them below
            voice_problems = exc.problems
    report = check_script(script, read_source_text(src), casting, script_path=str(script_path),
                          source_path=str(src), file_lines=entry_file_lines(script_path))
    for line, message in voice_problems:
        where = f"{casting_path}:{line}" if line else str(casting_path)
        report.problems.append(Problem("voice", f"{where}: {message}"))
    if casting_path is not None and casting is None and len(script.speakers) > 1:
        report.problems.append(Problem(
            "casting", f"{casting_path}: no such casting file, so no speaker has a voice; "
                    f"run `drama cast {pasteable(script_path)}`"))
    return report
