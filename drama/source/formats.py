"""The files drama does not read as a source, known by their first bytes whatever their name
ends in, and how to turn each into one it reads: a PDF, a Word document or a Kindle book
given to `drama extract` was read as UTF-8 text when it happened to decode (an uncompressed
PDF's operators became the script's prose), or refused as "a binary file" without a word
of what to give instead.

The signatures are the formats' own (each one's specification: PDF 1.7 §7.5.2 "%PDF-", the
ZIP local file header "PK\\x03\\x04", the MOBI header's "BOOKMOBI" at byte 60 of the Palm
database, PNG, JPEG, GIF, WebP, RTF "{\\rtf", OLE2's compound file header for .doc, gzip,
7-Zip, RAR). A signature a plain text could open with (all printable: "%PDF-", "{\\rtf",
"GIF8", "BOOKMOBI", "RIFF") is not enough alone: "GIF89a is an image format, …" is a text.
Such a file is that format only when its first bytes hold what no text does (NO_TEXT) or
show the format's own structure (AS_TEXT).
Only reading: nothing is converted here.
"""
from __future__ import annotations

import re

from ..wording import pasteable

READS = ("drama reads plain text (.txt, .md, UTF-8), HTML (.html, .htm, .xhtml) and EPUB "
         "(.epub)")
"""What every refusal says drama reads instead."""

_IMAGE = "an image holds no text to read: give the book's text (its .txt, .epub or .html)"
_ZIP = "unzip it and give the text, .epub or .html inside"

SIGNATURES: tuple[tuple[int, bytes, str, str, tuple[str, ...]], ...] = (
    (0, b"%PDF-", "a PDF",
     "convert it first, such as `pdftotext -layout {name} {txt}` (poppler-utils) or "
     "calibre's `ebook-convert {name} {epub}`", (".pdf",)),
    (60, b"BOOKMOBI", "a Kindle e-book (MOBI, AZW)",
     "convert it first, such as calibre's `ebook-convert {name} {epub}` (a book "
     "with DRM cannot be)", (".mobi", ".azw", ".azw3", ".prc")),
    (0, b"{\\rtf", "an RTF document",
     "save it as plain text (.txt, UTF-8) from your word processor, or "
     "`pandoc {name} -t plain -o {txt}`", (".rtf",)),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document (.doc) or another "
     "Office file", "save it as plain text (.txt, UTF-8) or as a web page (.html) from "
     "your word processor", ()),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image", _IMAGE, ()),
    (0, b"\xff\xd8\xff", "a JPEG image", _IMAGE, ()),
    (0, b"GIF8", "a GIF image", _IMAGE, ()),
    (0, b"\x1f\x8b", "a gzip archive", "unpack it, such as `gunzip {name}`, and give the text "
     "inside", (".txt.gz", ".gz")),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", _ZIP.replace("unzip", "unpack"), ()),
    (0, b"Rar!\x1a\x07", "a RAR archive", _ZIP.replace("unzip", "unpack"), ()),
)
"""(offset, the bytes there, what the file is, how to convert it: {name} the file's name,
{txt} and {epub} its name as a text's and an EPUB's; the endings the converters named
there know the format by, the first the one to rename it to: refusal)."""

_ZIPS = (  # what a ZIP holds, by a name its first entries carry
    (b"mimetypeapplication/epub+zip", "an EPUB",
     "rename it to {epub}, the ending drama reads EPUBs by", ()),
    (b"word/", "a Word document (.docx)",
     "save it as plain text (.txt, UTF-8) or as a web page (.html) from your word "
     "processor, or `pandoc {name} -t plain -o {txt}`", (".docx",)),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)",
     "save it as plain text (.txt, UTF-8) from your word processor, or "
     "`pandoc {name} -t plain -o {txt}`", (".odt",)),
)


AS_TEXT = {
    b"%PDF-": re.compile(rb"\A%PDF-\d\.\d.*?\s\d+\s+\d+\s+obj\b", re.S),
    b"{\\rtf": re.compile(rb"\A\{\\rtf1\s*[\\{]"),
}
"""What shows a format written all in text is that format, past its signature: a PDF's
objects ("1 0 obj", PDF 1.7 §7.3.10), an RTF's version and its first control word or
group (`{\\rtf1\\ansi`, RTF 1.9.1). A GIF, a MOBI or a WebP file is never all text."""


def _printable(magic: bytes) -> bool:
    return all(0x20 <= b < 0x7F for b in magic)


NO_TEXT = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
"""A control character no text holds, in whatever encoding (a tab, a line or page break
and a DOS end-of-file mark are a text's): a GIF's screen size and colours, a MOBI's
header, a PDF's compressed stream hold one in their first bytes."""


def _signed(head: bytes, offset: int, magic: bytes) -> bool:
    """Whether head carries a format's signature (magic at offset) as that format does:
    one a text could open with must be followed by bytes no text has, or by the
    format's own structure (AS_TEXT)."""
    if head[offset:offset + len(magic)] != magic:
        return False
    if not _printable(magic) or NO_TEXT.search(head):
        return True
    shown = AS_TEXT.get(magic)
    return shown is not None and shown.match(head) is not None


def office_zip(head: bytes) -> bool:
    """Whether a ZIP's first bytes (head) show a Word or OpenDocument text and no EPUB's
    mimetype: such a file called book.epub is refused as what it is, where a ZIP of any
    other kind is read on as an EPUB (drama.source.epub says what is wrong with it)."""
    return (head.startswith(b"PK\x03\x04") and _ZIPS[0][0] not in head and
            any(marker in head for marker, *_ in _ZIPS[1:]))   # _ZIPS[0] is the EPUB's


def other_format(head: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """What a file drama does not read is, by its first bytes (head: the first 4096 or
    more), how to convert it ({name}, {txt}, {epub} to fill in) and the endings its
    converters know it by; None for any other file (a text, or bytes no signature names:
    drama.scriptfile.is_binary judges those)."""
    for offset, magic, what, how, endings in SIGNATURES:
        if _signed(head, offset, magic):
            return what, how, endings
    if head[8:12] == b"WEBP" and _signed(head, 0, b"RIFF"):
        return "a WebP image", _IMAGE, ()
    if head.startswith(b"PK\x03\x04"):
        for marker, what, how, endings in _ZIPS:
            if marker in head:
                return what, how, endings
        return "a ZIP archive (a .docx, .odt or .zip)", _ZIP, ()
    return None


def refusal(head: bytes, name: str, stem: str, binary: bool) -> str | None:
    """The one-line message refusing a file called name (stem: without its ending) whose
    first bytes are head as a source (what it is, what drama reads, how to convert it,
    file names quoted as a shell needs them), or None when it may be read as text: no
    format's signature, and not `binary` (drama.scriptfile.is_binary of its bytes).

    A file whose name does not end as its format's does (a PDF called book.txt) is first
    renamed in the advice: calibre and pandoc read a file by its ending, and
    `pdftotext book.txt book.txt` would write the text over the PDF."""
    found = other_format(head)
    if found is None and not binary:
        return None
    what, how, endings = found or ("a binary file, not a text", "give the book's text "
                                   "instead (its .txt, .epub or .html), or convert it to "
                                   "one of them", ())
    rename = ""
    if "{name}" in how and endings and not name.lower().endswith(endings):
        name, how = f"{stem}{endings[0]}", how.replace("convert it first,", "convert it,")
        rename = f"rename it to {pasteable(name)}, then "
    how = how.format(name=pasteable(name), txt=pasteable(f"{stem}.txt"),
                     epub=pasteable(f"{stem}.epub"))
    return f"is {what}: {READS}; {rename}{how}"
