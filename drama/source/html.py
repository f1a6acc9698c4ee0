"""(X)HTML -> plain text a book's reader would see: one paragraph per block, blank lines
between, and where each element id landed (the targets of a table of contents).

lxml's HTML parser reads what browsers read (unclosed tags, stray entities, XHTML), so a
sloppy e-book chapter still gives its text rather than an error. It reads with libxml2's
limits for huge documents (elements 2048 deep rather than 256, text nodes past 10 MB): old
HTML that never closes a <font> nests a level a paragraph. Past even those limits libxml2
stops reading and keeps what it has; that is an error here (HtmlLimitError), never a shorter
text.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterator

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
          "section", "article", "header", "footer", "aside", "nav", "dt", "dd", "tr",
          "table", "figure", "figcaption", "hr", "ul", "ol", "dl", "body", "center", "address"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DROPPED = {"script", "style", "head", "title", "svg", "math", "object", "iframe"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
SOFT_HYPHEN = "\u00ad"
"""Where a word may be hyphenated at a line's end (`&shy;`, which e-book tools write into
every long word), shown only there: never part of the text, where it cut names in two
("Mar&shy;ga&shy;ret" spoke as "Mar") and hid words from every list."""
REPLACEMENT = "\ufffd"
"""What the parser reads a byte not valid in the document's encoding as."""

log = logging.getLogger(__name__)


@dataclass
class HtmlText:
    """The text of one HTML document and where its ids and headings are in it."""

    text: str
    ids: dict[str, int] = field(default_factory=dict)
    """Element id -> offset of the element's first character in text."""
    headings: list[tuple[int, int, int]] = field(default_factory=list)
    """(start, end, rank 1-6) of each <h1>..<h6>."""
    epub_types: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, epub:type) of each element that declares one."""
    title: str = ""
    lost: int = 0
    """Characters the parser could not decode (bytes not valid in the encoding the
    document declares, Latin-1 in a chapter said to be UTF-8), read as U+FFFD."""
    lost_at: tuple[int, int] | None = None
    """(line, byte offset) in the document of the first byte it could not decode."""


def warn_lost(doc: HtmlText, where: str) -> None:
    """Say once, naming the document and where its first such byte is, that characters
    of it were lost in decoding."""
    if doc.lost:
        warn_undecodable(where, doc.lost, doc.lost_at, IN_THE_TEXT)


IN_THE_TEXT = ("a letter is missing there", "the text")
IN_THE_NAMES = ("a letter of a title, an author or a chapter's name is missing",
                "a title, an author or a chapter's name")
"""Where undecodable bytes cost letters: what one document's warning says of it, and the
place a book's warning names (see warn_undecodable)."""


@dataclass
class Undecodable:
    """Characters of one document not valid in the encoding it declares, read as U+FFFD."""

    where: str
    """The document: a file, or a book and its document (`book.epub: OEBPS/ch2.xhtml`)."""
    count: int
    at: tuple[int, int] | None
    """The line and byte of the first, when known."""
    lost: tuple[str, str]
    """IN_THE_TEXT or IN_THE_NAMES."""


_gathered: ContextVar[list[Undecodable] | None] = ContextVar("undecodable", default=None)
"""The undecodable documents found while a book is read (one_warning), else None."""


def warn_undecodable(where: str, count: int, at: tuple[int, int] | None,
                     lost: tuple[str, str]) -> None:
    """The one warning for `count` characters of a document not valid in the encoding it
    declares, read as U+FFFD: `where` and the line and byte of the first (`at`), and what
    that costs (`lost`). Within one_warning, kept for the book's one warning."""
    found = Undecodable(where, count, at, lost)
    gathered = _gathered.get()
    if gathered is not None:
        gathered.append(found)
    else:
        _warn_one(found)


def _warn_one(found: Undecodable) -> None:
    from ..wording import counted
    line, byte = found.at or (None, None)
    place = f"{found.where}:{line}" if line else found.where
    first = f", the first at byte {byte}" if byte is not None else ""
    log.warning("%s: %s not valid in the encoding it declares (Latin-1 in a document said "
                "to be UTF-8?)%s, read as U+FFFD: %s; save it in the encoding it declares",
                place, counted(found.count, "character"), first, found.lost[0])


SHOWN_DOCUMENTS = 3
"""How many documents a book's one warning names besides the first."""


@contextmanager
def one_warning(book: str) -> Iterator[None]:
    """One warning for the book `book`, however many of its documents (an EPUB's chapters,
    package document, navigation) hold bytes not valid in the encoding they declare: one
    document's as warn_undecodable says it; several documents' in one line (a Latin-1 book
    of 60 chapters said to be UTF-8 gave 60): how many, the characters in all, the place
    of the first and the next few documents."""
    found: list[Undecodable] = []
    token = _gathered.set(found)
    try:
        yield
    finally:
        _gathered.reset(token)
    if len(found) == 1:
        _warn_one(found[0])
    elif found:
        _warn_book(book, found)


def _warn_book(book: str, found: list[Undecodable]) -> None:
    from ..wording import counted

    def place(f: Undecodable) -> str:
        name = f.where.removeprefix(f"{book}: ")
        return f"{name}:{f.at[0]}" if f.at else name
    first = found[0]
    byte = f", byte {first.at[1]}" if first.at else ""
    others = [place(f) for f in found[1:1 + SHOWN_DOCUMENTS]]
    more = len(found) - 1 - len(others)
    then = ", ".join(others) + (f" and {more} more" if more else "")
    kinds = " and in ".join(dict.fromkeys(f.lost[1] for f in found))
    log.warning("%s: %d of its documents hold characters not valid in the encoding they "
                "declare (Latin-1 in documents said to be UTF-8?), %s in all, read as "
                "U+FFFD: the first at %s%s, then %s; letters are missing in %s; save them "
                "in the encoding they declare", book, len(found),
                counted(sum(f.count for f in found), "character"), place(first), byte, then,
                kinds)


def undecodable_count(data: bytes, encoding: str) -> int:
    """How many characters of `data` Python reads as U+FFFD in `encoding`: bytes not valid
    in it (a U+FFFD the document itself holds is not counted)."""
    try:
        return data.decode(encoding, "replace").count(REPLACEMENT) - \
            data.decode(encoding, "ignore").count(REPLACEMENT)
    except LookupError:
        return 0


def first_undecodable(data: bytes, encoding: str) -> tuple[int, int] | None:
    """The line (from 1) and byte offset (from 0) of the first byte of `data` not valid in
    `encoding`, or None when every byte is."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1, exc.start
    except LookupError:
        return None
    return None


class _Writer:
    """Text as blocks: a block break is a blank line, a <br> a line break."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.pending = ""  # the break owed before the next text

    def block(self) -> None:
        if self.size:
            self.pending = "\n\n"

    def line(self) -> None:
        if self.size and self.pending != "\n\n":
            self.pending = "\n"

    def write(self, text: str) -> None:
        text = _SPACES.sub(" ", text.replace("\n", " ").replace(SOFT_HYPHEN, ""))
        if not text.strip():
            if self.size and not self.pending and text:
                self._put(" ")
            return
        if self.pending:
            self._put(self.pending)
            self.pending = ""
            text = text.lstrip()
        elif not self.size:
            text = text.lstrip()
        self._put(text)

    def _put(self, s: str) -> None:
        if s == " " and self.parts and self.parts[-1].endswith(" "):
            return
        self.parts.append(s)
        self.size += len(s)

    @property
    def offset(self) -> int:
        """Where the next text will start."""
        return self.size + len(self.pending)


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _epub_type(el) -> str:
    for k, v in el.attrib.items():
        if _local(k).split(":")[-1] == "type" and "epub" in k:
            return v
    return ""


class HtmlLimitError(ValueError):
    """libxml2 stopped reading a document part way (a resource limit): its text is not all
    there, so it must not be read as if it were."""


def parser_stopped(error_log, *, limits_only: bool = False) -> str | None:
    """Why libxml2 stopped reading before the end, from a parser's error log, else None.

    The HTML parser's FATAL errors are the ones it does not recover from: it keeps the tree
    built so far and drops the rest (too deep a nest, too long a text node). The XML parser,
    reading with recover, logs every malformation as FATAL and goes on, so there only a
    resource limit (limits_only) means text was left behind."""
    for e in error_log:
        if e.level_name != "FATAL" or (limits_only and e.type_name != "ERR_RESOURCE_LIMIT"):
            continue
        reason = e.message.strip().split(", use XML_PARSE_HUGE")[0].split(", try XML")[0]
        depth = re.fullmatch(r"Excessive depth in document: (\d+)", reason)
        if depth:
            reason = f"elements nested more than {depth[1]} deep (tags left unclosed?)"
        return f"the parser stopped at line {e.line}, {reason}"
    return None


_INTERNAL_SUBSET = (r"^(\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!DOCTYPE[^\[>]*)"
                    r"\[.*?\]\s*>")
"""A DOCTYPE with an internal subset ("<!DOCTYPE html [<!ENTITY x "y">]>"), which the HTML
parser does not know: it ends the DOCTYPE at the first ">" and reads the rest, "]>", as text."""
_SUBSET_IN = {str: re.compile(_INTERNAL_SUBSET, re.S | re.I),
              bytes: re.compile(_INTERNAL_SUBSET.encode(), re.S | re.I)}


_DECLARED = {str: re.compile(r"<!ENTITY\s+([A-Za-z_][\w.:-]*)"),
             bytes: re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.:-]*)")}
"""An entity the internal subset declares (a parameter entity, "<!ENTITY % x", is not one a
page's text can name)."""
_REFERENCE = {str: re.compile(r"&([A-Za-z_][\w.:-]*);"),
              bytes: re.compile(rb"&([A-Za-z_][\w.:-]*);")}


def _without_internal_subset(data: bytes | str) -> bytes | str:
    """The document with its DOCTYPE's internal subset left out (its entities stay unread),
    and every reference to an entity only that subset declares ("&i;" of an entity bomb, "&x;"
    of an external entity) dropped: unexpanded, the HTML parser would keep it as text, spoken.
    An entity HTML itself knows ("&nbsp;", often declared again by XHTML) is still read."""
    import html.entities
    m = _SUBSET_IN[type(data)].match(data)
    if m is None:
        return data
    kind = type(data)
    end, nothing = (">", "") if kind is str else (b">", b"")
    known = html.entities.html5  # "nbsp;", "amp;", ...
    unread = {name for name in _DECLARED[kind].findall(m.group(0))
              if (name if kind is str else name.decode("latin-1")) + ";" not in known}
    rest = data[m.end():]
    if unread:
        rest = _REFERENCE[kind].sub(lambda r: nothing if r.group(1) in unread else r.group(0),
                                    rest)
    return m.group(1) + end + rest


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XHTML document's XML declaration names (`<?xml version="1.0"
    encoding="windows-1252"?>`), which the HTML parser passes over for a <meta charset>
    alone; None when it names none Python knows, or UTF-8 (which the bytes are not)."""
    m = _XML_ENCODING.match(data)
    name = _codec_name(m.group(1)) if m else None
    return None if name == "utf-8" else name


def _codec_name(label: bytes) -> str | None:
    """The Python codec an encoding's label names (b"ISO-8859-1" is "iso8859-1"), or None
    for one Python does not know."""
    import codecs
    try:
        return codecs.lookup(label.decode("ascii")).name
    except LookupError:
        return None


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEAD_END = re.compile(rb"<body\b|</head\b", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_WINDOWS_1252 = {"iso8859-1", "ascii", "cp1252"}
"""The codecs whose labels browsers read as Windows-1252 (the WHATWG Encoding Standard:
"iso-8859-1", "latin1", "us-ascii" ... are windows-1252's labels)."""


def reads_as_windows_1252(data: bytes) -> bool:
    """Whether a browser reads a document that is not UTF-8 as Windows-1252: it declares
    Latin-1, ASCII or Windows-1252 (in its XML declaration or a <meta> before its body), or
    no encoding at all, has no byte-order mark and is not mostly UTF-8 (_mostly_utf_8).
    libxml2 read those as Latin-1, so a Windows-1252 page's quotation marks (0x93, 0x94)
    were C1 control characters in the script, its dialogue not found: `<p>\x93Hi,\x94
    said Anna.</p>` is "“Hi,” said Anna."."""
    if data.startswith(_BOMS):
        return False
    label = _declared_label(data)
    return not _mostly_utf_8(data) if label is None else _is_windows_1252(label)


def _declared_label(data: bytes) -> bytes | None:
    """The encoding a document declares: its XML declaration's, else a <meta>'s before
    its body (in its first 64 KB); None when it declares none."""
    head = data[:65536]
    end = _HEAD_END.search(head)
    m = _XML_ENCODING.match(data) or _META_CHARSET.search(head[:end.start() if end else None])
    return m.group(1) if m else None


def _mostly_utf_8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 but for a few stray bytes: more of
    its characters past ASCII decode as UTF-8 than fail to (a page saved with one Latin-1
    byte among its curly quotes, which read as Windows-1252 would all be mojibake, “ as
    â€œ). Windows-1252 text hardly ever makes a valid UTF-8 sequence."""
    text = data.decode("utf-8", "replace")
    failed = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    decoded = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACEMENT)
    return decoded > failed


def declares_windows_1252(data: bytes) -> bool:
    """Whether an XML document's declaration names Latin-1, ASCII or Windows-1252
    (`<?xml version="1.0" encoding="iso-8859-1"?>`), which browsers read as Windows-1252;
    one that declares none is UTF-8, as XML says."""
    m = _XML_ENCODING.match(data)
    return m is not None and _is_windows_1252(m.group(1))


def _is_windows_1252(label: bytes) -> bool:
    """Whether the label is one of Windows-1252's (_WINDOWS_1252)."""
    return _codec_name(label) in _WINDOWS_1252


def _parser_input(data: bytes | str) -> tuple[bytes | str, str | None, str | None]:
    """(what to parse, the encoding to parse it in, the encoding the document is in) for
    bytes decoded as the document says, browsers' Windows-1252 for its Latin-1 (decoded
    here: libxml2 stops at a byte Windows-1252 leaves undefined, 0x81, where this reads
    U+FFFD), UTF-8 for one that declares nothing and is mostly UTF-8; None where lxml is
    to find it (a <meta>'s encoding, a byte-order mark)."""
    if not isinstance(data, bytes):
        return data, None, None
    try:
        data.decode("utf-8")
        return data, "utf-8", "utf-8"  # else lxml guesses (latin-1)
    except UnicodeDecodeError:
        pass
    if reads_as_windows_1252(data):
        return data.decode("cp1252", "replace").encode("utf-8"), "utf-8", "cp1252"
    if not data.startswith(_BOMS) and _declared_label(data) is None:  # mostly UTF-8
        return data, "utf-8", None
    encoding = declared_encoding(data)
    return data, encoding, encoding


def html_to_text(data: bytes | str) -> HtmlText:
    """The reading text of an (X)HTML document (bytes are decoded as the document says), or
    an HtmlLimitError when the parser cannot read all of it."""
    import lxml.html
    if isinstance(data, bytes) and not data.strip():
        return HtmlText("")
    raw = data
    data, parse_in, encoding = _parser_input(data)
    data = _without_internal_subset(data)
    try:
        parser = lxml.html.HTMLParser(encoding=parse_in, huge_tree=True)
    except LookupError:  # a declared encoding libxml2 does not know: it guesses
        parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except lxml.etree.ParserError:  # "Document is empty": only a comment, say; no text
        return HtmlText("")
    stopped = parser_stopped(parser.error_log)
    if stopped:
        raise HtmlLimitError(f"{stopped}; the text after it would be lost")
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    body = root.find("body")
    out = _Writer()
    doc = HtmlText("", title=title)
    _walk(body if body is not None else root, out, doc)
    text = "".join(out.parts).rstrip()
    doc.text = text
    if isinstance(raw, bytes) and encoding != "utf-8":  # not UTF-8: decoded as it says
        shown = text.count(REPLACEMENT) + title.count(REPLACEMENT)  # a book's title too
        doc.lost = max(0, shown - raw.count(REPLACEMENT.encode()))
        if doc.lost:
            doc.lost_at = first_undecodable(raw, encoding or "utf-8")
    doc.headings = [(a, min(b, len(text)), r) for a, b, r in doc.headings if a < len(text)]
    doc.epub_types = [(a, min(b, len(text)), t) for a, b, t in doc.epub_types]
    doc.ids = {k: min(v, len(text)) for k, v in doc.ids.items()}
    return doc


_GUTENBERG_PAGE_TITLE = re.compile(r"the project gutenberg e-?book,? of (?P<book>.+)", re.I)


def book_title(page_title: str) -> str:
    """The book's title in an HTML page's <title>: Project Gutenberg's books title theirs
    "The Project Gutenberg eBook of TITLE, by AUTHOR" (older ones "EBook"), of which the
    book's is TITLE; any other page's title is its own."""
    m = _GUTENBERG_PAGE_TITLE.fullmatch(page_title)
    if m is None:
        return page_title
    return m.group("book").rsplit(", by ", 1)[0].strip()


def _walk(root, out: _Writer, doc: HtmlText) -> None:
    """Write root's text into out, element by element in document order.

    A loop over an explicit stack, not recursion: a document may nest 2048 elements deep,
    past Python's recursion limit."""
    stack: list[tuple] = []

    def enter(el) -> None:
        tag = _local(el.tag)
        if tag in DROPPED or not isinstance(el.tag, str):
            return  # (a comment's or dropped element's tail is written by the parent)
        block = tag in BLOCKS
        if block:
            out.block()
        start = out.offset
        ident = el.get("id")
        if ident and ident not in doc.ids:
            doc.ids[ident] = start
        if tag == "br":
            out.line()
        if el.text:
            out.write(el.text)
        stack.append((el, tag, block, start, iter(el)))

    enter(root)
    while stack:
        el, tag, block, start, children = stack[-1]
        child = next(children, None)
        if child is not None:
            depth = len(stack)
            enter(child)
            if len(stack) == depth and child.tail:  # not entered: its tail is next
                out.write(child.tail)
            continue
        stack.pop()
        if tag in HEADINGS:
            doc.headings.append((start, out.size, int(tag[1])))
        kind = _epub_type(el)
        if kind:
            doc.epub_types.append((start, out.size, kind))
        if block:
            out.block()
        if stack and el.tail:
            out.write(el.tail)
