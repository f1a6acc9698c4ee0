"""Sources -> text: a book as plain text with its structure, whatever file it came in.

`read_source` is the one entry point: .txt and .md are read as UTF-8 (drama.scriptfile),
.epub through drama.source.epub, .html/.htm/.xhtml through drama.source.html. Every later
stage works on the text it returns, whose offsets the script's spans index.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..extract.structure import Structure
from ..wordchars import ALNUM_CHAR

TEXT_SUFFIXES = (".txt", ".md")
BOOK_SUFFIXES = (".epub",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SOURCE_SUFFIXES = TEXT_SUFFIXES + BOOK_SUFFIXES + HTML_SUFFIXES
"""Every kind of file drama reads as a source."""


@dataclass
class SourceBook:
    """A source's text and what its file says about the book."""

    text: str
    title: str | None = None
    author: str | None = None
    structure: Structure | None = None
    """Headings and skipped matter the file itself marks (an EPUB's navigation); None to
    find them in the text."""
    cover: tuple[bytes, str] | None = None
    """The cover image and its media type."""
    language: str | None = None
    """The book's language where the file names it (an EPUB's metadata), else None."""


def text_author(text: str | None) -> str | None:
    """The author a text names at its top (an `Author:` line, or a byline under its title:
    drama.extract.structure), else None: the artist tag of a text's episode rendered on
    its own, never the tool's name (a book's comes from its book.json)."""
    from ..extract.structure import find_structure
    return find_structure(text).info.author if text else None


def is_source_path(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(SOURCE_SUFFIXES)


def read_source(path: str | os.PathLike) -> SourceBook:
    """The text of a source file, or an InputError naming the file: one with no word to
    speak (empty, blank lines only, an e-book without text, only punctuation or invisible
    marks: "* * *", zero-width spaces) too, as a text to extract. A word is a letter or a
    digit of any script (Cyrillic, CJK)."""
    book = _read_book(Path(path))
    if not has_words(book.text):
        raise InputError("has no words: there is nothing to extract or speak", path=str(path))
    return book


_ASCII_NO_WORD = bytes(b for b in range(128) if not chr(b).isalnum())
"""The ASCII bytes that are no letter or digit: spaces, line ends, punctuation."""


def has_words(text: str) -> bool:
    """Whether text holds a letter or a digit of any script (str.isalnum), "— Yes." or
    "Да" but not "* * *" or zero-width spaces. A text's first lines tell (ALNUM_CHAR); one of
    none, such as 50 MB of dashes and blank lines, has its ASCII marks dropped as bytes in
    one pass and the rest (letters past ASCII and other marks) searched: a fraction of a
    second, where a loop over its characters took eight."""
    if ALNUM_CHAR.search(text, 0, 4096):
        return True
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NO_WORD)
    # only whole ASCII characters were dropped: what is left is still UTF-8
    return ALNUM_CHAR.search(rest.decode("utf-8", "surrogatepass")) is not None


def _read_book(p: Path) -> SourceBook:
    from ..files import file_stem
    from ..scriptfile import SCRIPT_ENDINGS, SCRIPT_SUFFIXES
    suffix = p.suffix.lower()
    if suffix in BOOK_SUFFIXES:
        if not p.is_file():
            raise InputError("no such file" if not p.exists() else "is not a file", path=str(p))
        _refuse_another_format(p, _head(p))
        from .epub import read_epub
        book = read_epub(str(p))
        return SourceBook(book.text, book.title, book.author, book.structure, book.cover,
                          book.language)
    if suffix in HTML_SUFFIXES:
        if not p.is_file():
            raise InputError("no such file" if not p.exists() else "is not a file", path=str(p))
        from .html import book_title, html_to_text, warn_lost
        data = _read_bounded(p, "an HTML file")  # a PDF called book.html is refused there
        try:
            doc = html_to_text(data)
        except (ValueError, OSError) as exc:
            raise InputError(f"not readable HTML: {exc}", path=str(p)) from None
        warn_lost(doc, str(p))
        return SourceBook(doc.text, book_title(doc.title) or None)
    text = _read_text(p)
    fmt = script_format(text)
    if fmt is not None and p.name.lower().endswith(SCRIPT_SUFFIXES):
        # `drama extract ep.script.yaml`: "its name does not end in .yaml" was false
        raise InputError("is a drama script already, and extract reads a text (such as .txt, "
                         ".md, .html or .epub); give the script to render, cast or export as "
                         "it is", path=str(p))
    if p.name.lower().endswith(SCRIPT_SUFFIXES):
        # `drama build voices.yaml` read the casting file as prose and rendered it
        raise InputError(f"its name ends in {p.suffix}, as a script's does, but it is no drama "
                         "script (a mapping with a list of lines), and extract reads a text "
                         "(such as .txt, .md, .html or .epub)", path=str(p))
    if fmt is not None:
        raise InputError("is a drama script (YAML or JSON), but its name does not end in "
                         f"{SCRIPT_ENDINGS}, so it would be read as prose to extract; "
                         f"rename it, such as to {file_stem(p)}.script.{fmt}",
                         path=str(p))
    return SourceBook(text)


def _read_text(p: Path) -> str:
    """A source file read as text (scriptfile.text_of), or an InputError naming it: one
    drama reads no text from, whatever its name ends in (a PDF, a Word document, a Kindle
    book, an image, an archive: source.formats), says what it is and how to convert it."""
    from ..scriptfile import text_of
    return text_of(_read_bounded(p, "a text file"), str(p))


MAX_TEXT_BYTES = 64 << 20
"""The most a text or HTML file may hold, and an EPUB's every document (epub.MAX_DOCUMENT_BYTES):
ten times a long novel (War and Peace is 3.2 MB of text). A file past it is no book (a
disk image, a video renamed, a corpus): it was read whole before anything was checked, 3 GB
of memory for a 3 GB file, and extraction keeps some 17 bytes a character besides."""


def _read_bounded(p: Path, what: str) -> bytes:
    """p's bytes, or an InputError naming it read no further than it must: a file of another
    format (a 4 GB video called film.txt) is told by its first bytes, and one larger than
    MAX_TEXT_BYTES is refused, not read into memory whole."""
    from ..scriptfile import read_input
    _refuse_another_format(p, read_input(p, what, most=4096))
    data = read_input(p, what, most=MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"is larger than {MAX_TEXT_BYTES >> 20} MB, more than a book's text "
                         "can be (a long novel is 1 to 5 MB): give one book at a time, or "
                         "check that this is the file you meant", path=str(p))
    return data


def _refuse_another_format(p: Path, data: bytes) -> None:
    """An InputError naming p when its bytes (data, or its first 4096) are of a format drama
    does not read or no text (source.formats.refusal); a ZIP called .epub is read on as an
    EPUB (drama.source.epub says what is wrong with it) unless it shows a Word or
    OpenDocument text (source.formats.office_zip)."""
    from ..files import file_stem
    from ..scriptfile import is_binary
    from .formats import office_zip, refusal
    if p.suffix.lower() in BOOK_SUFFIXES and data.startswith(b"PK") and \
            not office_zip(data[:4096]):
        return
    problem = refusal(data[:4096], p.name, file_stem(p), is_binary(data))
    if problem:
        raise InputError(problem, path=str(p))


def _head(p: Path) -> bytes:
    """A file's first 4096 bytes (b"" when it cannot be read: its reader says why)."""
    try:
        with open(p, "rb") as f:
            return f.read(4096)
    except OSError:
        return b""


_SCRIPT_START = re.compile(r'\A(?:(title:)|\{\s*"title":)')


def script_format(text: str) -> str | None:
    """"yaml" or "json" when a text is a script as drama writes one, else None: it opens with
    its title and reads as a mapping whose lines are a list of mappings. Prose never does;
    a poem headed `title: ...` with a `lines:` of its own opens alike but does not read so."""
    start = _SCRIPT_START.match(text)
    if start is None:
        return None
    fmt = "yaml" if start.group(1) else "json"
    from .. import safeyaml  # PyYAML imported only for a text that opens as a YAML script
    try:
        data = json.loads(text) if fmt == "json" else safeyaml.load(text, "", InputError)
    except (ValueError, RecursionError, InputError):  # RecursionError: json, nested deeply
        return None
    lines = data.get("lines") if isinstance(data, dict) else None
    if isinstance(lines, list) and all(isinstance(line, dict) for line in lines):
        return fmt
    return None


def read_source_text(path: str | os.PathLike) -> str:
    """Only the text of a source file (what a script's spans index)."""
    return read_source(path).text
