"""EPUB 2 and 3 -> the book's text in reading order, its headings and its skipped matter.

An EPUB is a zip: META-INF/container.xml names the package document (OPF), whose spine
gives the reading order and whose navigation (EPUB 3's nav document, EPUB 2's NCX) gives
the chapter titles. Each spine document becomes paragraphs of text (drama.source.html).
Documents that are front or back matter (cover, title page, table of contents, copyright
page, colophon, a Project Gutenberg licence), recognised by their epub:type, the guide or
landmarks, or their name, are kept in the text but marked skipped. Each navigation entry
becomes a heading: the document's own heading where its words match the entry's title,
else the title itself, written into the text at that point (so every heading has its span),
or, where the page prints its chapter number alone, the rest of the title after it.
Either way the heading is said, and the chapter named, as the navigation titles it ("Chapter
I: The River", not the page's "CHAPTER I. / THE RIVER"): the same words, the book's name.
An entry with no label is titled by the page's own heading there (else "Chapter N"); an
entry pointing out of the book names no page, and a page no entry names opens a chapter at
its own heading when it starts with one (where the navigation names other pages).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag

from ..errors import InputError
from ..extract.structure import (CHAPTER, HEADING, PART, TITLE, BookInfo, Section, Structure,
                                 find_structure, spoken_title)
from ..scriptfile import is_binary
from ..wordchars import WORD
from . import MAX_TEXT_BYTES
from .formats import other_format
from .html import (IN_THE_NAMES, SOFT_HYPHEN, HtmlLimitError, declared_encoding,
                   declares_windows_1252, first_undecodable, html_to_text, one_warning,
                   parser_stopped, undecodable_count, warn_lost, warn_undecodable)

SKIPPED_TYPES = {"cover": "cover", "titlepage": "titlepage", "title-page": "titlepage",
                 "toc": "contents", "copyright-page": "copyright", "copyright": "copyright",
                 "colophon": "colophon", "imprint": "copyright", "license": "licence",
                 "loi": "contents", "lot": "contents", "index": "index",
                 "landmarks": "contents", "page-list": "contents"}
"""epub:type / guide / landmark values of matter left out of the audio -> what it is."""
SKIPPED_NAMES = re.compile(
    r"(?:^|[/_\-.])(cover|titlepage|title-page|title|toc|contents|copyright|colophon|license|"
    r"licence|pg-header|pg-footer|wrap0000)(?:[_\-.\d]|$)", re.I)
SKIPPED_NAME_KIND = {"title": "titlepage", "toc": "contents", "contents": "contents",
                     "titlepage": "titlepage", "title-page": "titlepage", "cover": "cover",
                     "copyright": "copyright", "colophon": "colophon", "license": "licence",
                     "licence": "licence", "pg-header": "gutenberg-header",
                     "pg-footer": "gutenberg-licence", "wrap0000": "cover"}
GUTENBERG_LICENCE = re.compile(r"START OF (?:THE|THIS) PROJECT GUTENBERG|"
                               r"Project Gutenberg(?:-tm)? License", re.I)
COPYRIGHT = re.compile(r"copyright|©|all rights reserved", re.I)
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/", "xhtml": "http://www.w3.org/1999/xhtml",
      "c": "urn:oasis:names:tc:opendocument:xmlns:container",
      "epub": "http://www.idpf.org/2007/ops"}
MAX_DOCUMENT_BYTES = MAX_TEXT_BYTES
"""The most a document of an EPUB (a chapter, the package, the navigation, the cover) may
unpack to, as much as a text file may hold (source.MAX_TEXT_BYTES): a novel's longest
chapter is a few megabytes of XHTML (and a whole novel's text far less than this takes
minutes to extract). A zip bomb (a few megabytes that unpack to gigabytes) would otherwise
fill the memory; the zip's own record of the size is checked, and unpacking never reads
past it."""
ENCRYPTION = "META-INF/encryption.xml"
"""Where an EPUB lists its encrypted documents: a DRM-protected book's chapters (fonts
are listed too, obfuscated, in books free of DRM)."""


@dataclass
class NavEntry:
    title: str
    href: str
    """Zip path of the document, then '#fragment' when there is one."""
    depth: int
    children: int


@dataclass
class Epub:
    """What drama reads from an EPUB."""

    text: str
    structure: Structure
    title: str | None = None
    author: str | None = None
    cover: tuple[bytes, str] | None = None
    """The cover image and its media type, when the book has one."""
    documents: list[tuple[str, int, int]] = field(default_factory=list)
    """(zip path, start, end) of each spine document in text."""
    language: str | None = None
    """The book's language as its metadata names it (dc:language, a BCP 47 tag: en, fr-CA)."""


def _unpacked(zf: zipfile.ZipFile, name: str, path: str) -> bytes:
    """The bytes of the EPUB's document `name`; KeyError when there is none, an InputError
    naming both when it is too large (MAX_DOCUMENT_BYTES) or cannot be unpacked (damaged,
    encrypted, or packed in a way Python's zip cannot unpack)."""
    info = zf.getinfo(name)
    if info.file_size > MAX_DOCUMENT_BYTES:
        raise InputError(f"cannot read {name}: it unpacks to {info.file_size:,} bytes, more "
                         f"than a book's document can be ({MAX_DOCUMENT_BYTES >> 20} MB): a "
                         f"damaged or hostile file", path=path)
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        reason = f"the file is damaged ({exc})"
    except NotImplementedError as exc:  # before RuntimeError, which it is a kind of
        reason = f"it is packed in a way that cannot be unpacked here ({exc})"
    except RuntimeError:  # zipfile's word for a password-protected member
        reason = "it is encrypted (a password-protected zip)"
    raise InputError(f"cannot read {name}: {reason}", path=path)


def _xml(zf: zipfile.ZipFile, name: str, path: str, faults: list[str] | None = None):
    """The root of an XML member, parsed leniently (a stray `&` in a title is no reason to
    refuse a book); its first syntax error, said as `NAME is not valid XML (line N: ...)`,
    appended to `faults`, for an error that what is missing comes of (newcomer47: a package
    of "<package><<<" was "the package has no spine"). No root at all is that error."""
    from lxml import etree
    try:
        data = _unpacked(zf, name, path)
    except KeyError:
        raise InputError(f"not a valid EPUB: {name} is missing", path=path) from None
    latin = declares_windows_1252(data)  # read as browsers do: 0x93 is “, not U+0093
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=True, encoding="utf-8" if latin else None)
    try:
        root = etree.fromstring(data.decode("cp1252", "replace").encode() if latin else data,
                                parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a valid EPUB: {name}: {exc}", path=path) from None
    stopped = parser_stopped(parser.error_log, limits_only=True)
    if stopped:
        raise InputError(f"cannot read all of {name}: {stopped}", path=path)
    fault = next((f"{name} is not valid XML (line {e.line}: {e.message.strip()})"
                  for e in parser.error_log if e.level_name in ("ERROR", "FATAL")), None)
    if root is None:
        raise InputError(f"not a valid EPUB: {fault or f'{name} is not XML'}", path=path)
    if fault and faults is not None:
        faults.append(fault)
    _warn_undecodable_xml(data, name, path)
    return root


_XML_BOMS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _warn_undecodable_xml(data: bytes, name: str, path: str) -> None:
    """Say, naming the document and the line and byte, that bytes of a package, navigation
    or NCX document are not valid in its encoding (a BOM's, its XML declaration's, else
    UTF-8): the parser reads them as U+FFFD in a title, an author or a chapter's name."""
    encoding = next((enc for bom, enc in _XML_BOMS if data.startswith(bom)), None) \
        or ("cp1252" if declares_windows_1252(data) else declared_encoding(data)) or "utf-8"
    at = first_undecodable(data, encoding)
    if at is not None:
        warn_undecodable(f"{path}: {name}", undecodable_count(data, encoding), at,
                         IN_THE_NAMES)



def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def read_epub(path: str) -> Epub:
    """The text, structure, title, author and cover of an EPUB file, or an InputError;
    bytes not valid in its documents' encodings warned of once for the book."""
    with one_warning(path):
        return _read_epub(path)


def _read_epub(path: str) -> Epub:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable EPUB (zip) file: {exc}", path=path) from None
    with zf:
        faults: list[str] = []
        container = _xml(zf, "META-INF/container.xml", path, faults)
        rootfile = container.find(".//c:rootfile", NS)
        if rootfile is None or not rootfile.get("full-path"):
            raise InputError("not a valid EPUB: " + _because(
                faults, "container.xml names no package document"), path=path)
        opf_path = rootfile.get("full-path")
        faults = []
        opf = _xml(zf, opf_path, path, faults)
        base = posixpath.dirname(opf_path)
        return _read_package(zf, opf, base, path, faults)


def _because(faults: list[str], missing: str) -> str:
    """What is missing from a document, after the XML error it comes of when there is one."""
    return f"{faults[0]}, so {missing}" if faults else missing


def _href(base: str, href: str) -> str:
    doc, frag = urldefrag(unquote(href))
    full = posixpath.normpath(posixpath.join(base, doc)) if doc else base
    return full + (f"#{frag}" if frag else "")


def _read_package(zf: zipfile.ZipFile, opf, base: str, path: str,
                  faults: list[str] = ()) -> Epub:
    title = _first_text(opf, ".//dc:title")
    author = _first_text(opf, ".//dc:creator")
    manifest = {}
    for item in opf.iterfind(".//opf:manifest/opf:item", NS):
        manifest[item.get("id")] = (_href(base, item.get("href", "")), item.get("media-type", ""),
                                    (item.get("properties") or "").split())
    spine_el = opf.find(".//opf:spine", NS)
    if spine_el is None:
        raise InputError("not a valid EPUB: " + _because(faults, "the package has no spine"),
                         path=path)
    fallbacks = {item.get("id"): item.get("fallback")
                 for item in opf.iterfind(".//opf:manifest/opf:item", NS)}
    spine = [doc for ref in spine_el.iterfind("opf:itemref", NS)
             if (doc := _text_document(ref.get("idref"), manifest, fallbacks)) is not None]
    if not spine:
        raise InputError("not a valid EPUB: " + _because(faults, "the spine lists no document"),
                         path=path)
    if not _encrypted(zf, path).isdisjoint(spine):
        raise InputError("is protected by DRM: its chapters are encrypted, so there is no "
                         "text to read; drama reads DRM-free books only", path=path)
    skipped: dict[str, str] = {}
    for ref in opf.iterfind(".//opf:guide/opf:reference", NS):
        kind = SKIPPED_TYPES.get((ref.get("type") or "").lower())
        if kind:
            skipped.setdefault(_href(base, ref.get("href", "")).split("#")[0], kind)
    nav_doc = next((href for href, _, props in manifest.values() if "nav" in props), None)
    entries: list[NavEntry] = []
    if nav_doc:
        entries, landmarks = _nav_entries(zf, nav_doc, path)
        skipped.update({k: v for k, v in landmarks.items() if k not in skipped})
        skipped.setdefault(nav_doc, "contents")
    ncx_id = spine_el.get("toc")
    if not entries and ncx_id in manifest:
        entries = _ncx_entries(zf, manifest[ncx_id][0], path)
    cover = _cover(zf, opf, manifest, path)
    warned = {nav_doc}  # read as navigation already, its bad bytes warned of then
    book = _assemble(zf, spine, skipped, entries, title, author, cover, path, warned)
    book.language = language_tag(_first_text(opf, ".//dc:language"))
    return book


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A language tag as BCP 47 (and RSS's <language>, HTML's lang) writes one: a two- or
three-letter language, then subtags (en, en-GB, zh-Hant-TW)."""


def language_tag(given: str | None) -> str | None:
    """A dc:language (or book.json's language) as a language tag (underscores as hyphens, en_US), or None when it is
    none (a language's name, "English", which no feed or page reads as one)."""
    tag = (given or "").strip().replace("_", "-")
    return tag if LANGUAGE_TAG.fullmatch(tag) else None


NOT_TEXT = ("image/", "audio/", "video/", "font/")
"""Media types of a spine item that is no text: a picture page's image, read as markup, was
its bytes spoken as words. (An SVG page, image/svg+xml, is markup: read.)"""


def _text_document(item_id: str | None, manifest: dict, fallbacks: dict) -> str | None:
    """The zip path of the spine item's text: the item itself, or when it is an image (or
    other media) its fallback, as the EPUB names one; None when it has no text."""
    seen = set()
    while item_id in manifest and item_id not in seen:  # a fallback chain may loop
        seen.add(item_id)
        href, media, _ = manifest[item_id]
        if not media.startswith(NOT_TEXT) or media == "image/svg+xml":
            return href
        item_id = fallbacks.get(item_id)
    return None


def _encrypted(zf: zipfile.ZipFile, path: str) -> set[str]:
    """The zip paths of the documents the EPUB's ENCRYPTION lists as encrypted."""
    if ENCRYPTION not in zf.namelist():
        return set()
    root = _xml(zf, ENCRYPTION, path)
    refs = root.iter("{http://www.w3.org/2001/04/xmlenc#}CipherReference")
    return {_href("", ref.get("URI", "")) for ref in refs}


def _folded(text: str) -> str:
    """A title or a name as the package document or the navigation writes it, its spaces
    folded and its soft hyphens dropped (html.SOFT_HYPHEN: "Ri&shy;ver" is River)."""
    return " ".join(text.replace(SOFT_HYPHEN, "").split())


def _first_text(root, xpath: str) -> str | None:
    el = root.find(xpath, NS)
    if el is None or not (el.text or "").strip():
        return None
    return _folded(el.text)


def _nav_entries(zf, nav_doc: str, path: str) -> tuple[list[NavEntry], dict[str, str]]:
    root = _xml(zf, nav_doc, path)
    base = posixpath.dirname(nav_doc)
    entries: list[NavEntry] = []
    landmarks: dict[str, str] = {}
    for nav in root.iter("{http://www.w3.org/1999/xhtml}nav"):
        kind = nav.get("{http://www.idpf.org/2007/ops}type", "")
        if "landmarks" in kind:
            for a in nav.iter("{http://www.w3.org/1999/xhtml}a"):
                k = SKIPPED_TYPES.get(a.get("{http://www.idpf.org/2007/ops}type", "").lower())
                if k and a.get("href"):
                    landmarks.setdefault(_href(base, a.get("href")).split("#")[0], k)
        elif "toc" in kind and not entries:
            top = nav.find("{http://www.w3.org/1999/xhtml}ol")
            if top is not None:
                _walk_ol(top, base, entries)
    return entries, landmarks


def _in_order(top, children):
    """The elements children() finds under top, then under each of those, and so on, each
    with its depth (0: top's own children), in reading order. Without recursion: a table
    of contents nested a thousand deep (a generator's loop) was a RecursionError."""
    stack = [(iter(children(top)), 0)]
    while stack:
        found, depth = stack[-1]
        el = next(found, None)
        if el is None:
            stack.pop()
            continue
        yield el, depth
        stack.append((iter(children(el)), depth + 1))


def _walk_ol(ol, base: str, out: list[NavEntry]) -> None:
    def items(el):  # an <ol>'s items, or those of the <ol> inside an <li>
        sub = el if el is ol else el.find("{http://www.w3.org/1999/xhtml}ol")
        return () if sub is None else sub.iterfind("{http://www.w3.org/1999/xhtml}li")
    for li, depth in _in_order(ol, items):
        a = li.find("{http://www.w3.org/1999/xhtml}a")
        sub = li.find("{http://www.w3.org/1999/xhtml}ol")
        if a is not None and a.get("href"):
            title = _folded("".join(a.itertext()))
            out.append(NavEntry(title, _href(base, a.get("href")), depth,
                                len(sub) if sub is not None else 0))


def _ncx_entries(zf, ncx_path: str, path: str) -> list[NavEntry]:
    root = _xml(zf, ncx_path, path)
    base = posixpath.dirname(ncx_path)
    out: list[NavEntry] = []
    nav_map = root.find("ncx:navMap", NS)
    if nav_map is None:
        return out
    for point, depth in _in_order(nav_map, lambda el: el.iterfind("ncx:navPoint", NS)):
        label = point.find("ncx:navLabel/ncx:text", NS)
        content = point.find("ncx:content", NS)
        kids = point.findall("ncx:navPoint", NS)
        if content is not None and content.get("src"):
            text = _folded(label.text or "") if label is not None else ""
            out.append(NavEntry(text, _href(base, content.get("src")), depth, len(kids)))
    return out


def _cover(zf, opf, manifest, path: str) -> tuple[bytes, str] | None:
    cover_id = None
    for meta in opf.iterfind(".//opf:metadata/opf:meta", NS):
        if meta.get("name") == "cover":
            cover_id = meta.get("content")
    candidates = [v for k, v in manifest.items() if "cover-image" in v[2]]
    if cover_id in manifest:
        candidates.append(manifest[cover_id])
    for href, media, _ in candidates:
        if media.startswith("image/"):
            try:
                return _unpacked(zf, href, path), media
            except KeyError:
                continue
    return None


def _doc_kind(name: str, doc, skipped: dict[str, str]) -> str | None:
    """What a spine document is when it is matter to skip, else None."""
    if name in skipped:
        return skipped[name]
    for start, end, types in doc.epub_types:
        if start == 0 and end >= len(doc.text) - 1:
            for t in types.split():
                if t.lower() in SKIPPED_TYPES:
                    return SKIPPED_TYPES[t.lower()]
    m = SKIPPED_NAMES.search(posixpath.basename(name))
    if m:
        return SKIPPED_NAME_KIND[m.group(1).lower()]
    if len(_words(doc.text)) < 200 and COPYRIGHT.search(doc.text):
        return "copyright"
    if GUTENBERG_LICENCE.search(doc.text[:3000]) and len(_words(doc.text)) < 4000 and \
            "gutenberg" in doc.text[:300].lower():
        return "gutenberg-licence"
    return None


def _assemble(zf, spine, skipped, entries, title, author, cover, path,
              warned: set) -> Epub:
    """The book's text from its spine's documents, their sections and headings; `warned`:
    the documents whose bytes not valid in their encoding were warned of already."""
    by_doc: dict[str, list[NavEntry]] = {}
    for e in entries:
        by_doc.setdefault(e.href.split("#")[0], []).append(e)
    book = _Joined()
    sections: list[Section] = []
    documents = []
    if title:
        start = book.add(title + (f"\n\nby {author}" if author else ""))
        sections.append(Section(start, book.pos, "chapter", TITLE,
                                spoken_title([title] + ([f"by {author}"] if author else []))))
    nav_headings, read, number = 0, 0, 1  # number: the next unlabelled chapter's N
    ranks: set[int] = set()  # of the heading elements the contents' chapters open on
    named = not by_doc.keys().isdisjoint(spine)  # the navigation names a page of the book
    for name in dict.fromkeys(spine):
        doc = _read_page(zf, name, path, warned)
        if not doc.text.strip():
            continue
        kind = _doc_kind(name, doc, skipped)
        if kind:
            start = book.add(doc.text)
            sections.append(Section(start, book.pos, "skipped", kind))
            documents.append((name, start, book.pos))
            continue
        nav = by_doc.get(name) or _unnamed_page(doc, name, named, ranks)
        ranks |= _chapter_ranks(doc, by_doc.get(name))
        text, heads, number = _with_headings(doc, nav, number)
        start = book.add(text)
        documents.append((name, start, book.pos))
        read += 1
        for a, b, level, spoken in heads:
            sections.append(Section(start + a, start + b, "chapter", level, spoken))
            nav_headings += 1
    if not read:  # else a script of its title line alone
        raise InputError("has no words outside its title and front or back matter (cover, "
                         "title page, contents, copyright): there is nothing to extract or "
                         "speak", path=path)
    text = book.text()
    if not nav_headings:
        sections += _plain_text_headings(text, sections)
    sections.sort(key=lambda s: s.start)
    return Epub(text, Structure(sections, BookInfo(title, author)), title, author, cover,
                documents)


class _Joined:
    """A book's text as its documents are added, three newlines between two."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pos = 0
        """The length of the text so far: where the next document's separator begins."""

    def add(self, text: str) -> int:
        """Add a document's text: where it starts in the book's."""
        if self.pieces:
            self.pieces.append("\n\n\n")
            self.pos += 3
        start = self.pos
        self.pieces.append(text)
        self.pos += len(text)
        return start

    def text(self) -> str:
        return "".join(self.pieces)


def _read_page(zf, name: str, path: str, warned: set):
    """The text of one spine document (html_to_text's), its lost bytes warned of once; an
    InputError when it is missing, no page of text, or past the reader's limits."""
    try:
        raw = _unpacked(zf, name, path)
    except KeyError:
        raise InputError(f"not a valid EPUB: the spine names {name}, which is missing",
                         path=path) from None
    _require_a_page(raw, name, path)
    try:
        doc = html_to_text(raw)
    except HtmlLimitError as exc:
        raise InputError(f"cannot read all of {name}: {exc}", path=path) from None
    if name not in warned:  # one warning a document
        warn_lost(doc, f"{path}: {name}")
    return doc


def _plain_text_headings(text: str, sections: list[Section]) -> list[Section]:
    """With no usable navigation: the chapter headings a plain text shows (find_structure),
    outside the sections already taken (the title, skipped matter)."""
    taken = [(s.start, s.end) for s in sections]
    return [s for s in find_structure(text).sections
            if s.kind == "chapter" and s.level != TITLE and
            not any(a < s.end and s.start < b for a, b in taken)]


def _require_a_page(raw: bytes, name: str, path: str) -> None:
    """An InputError naming the spine document when its bytes are no page of text (a
    picture, or random bytes, its manifest calls XHTML): they were decoded as Latin-1 and
    spoken as noise."""
    found = other_format(raw[:4096])
    if found or is_binary(raw):
        what = found[0] if found else "a binary file"
        raise InputError(f"cannot read {name}: it is {what}, not a page of text (a damaged "
                         "book, or a picture its manifest calls a page)", path=path)


OWN_HEADING_AFTER = 200
"""How much text (an epigraph, a caption) may come before the page's heading at the place an
unlabelled entry names for the heading still to be the chapter's."""


UNNAMED_CHAPTER_RANK = 2
"""The deepest heading element (<h2>) a page no contents entry names opens a chapter at,
unless the contents' chapters open at deeper ones: a chapter's second file opening on a
sub-heading (<h3> under the chapter's <h2>) reads on in that chapter."""


def _unnamed_page(doc, name: str, named: bool, ranks: set[int]) -> list[NavEntry]:
    """For a page no navigation entry names, in a book whose navigation names others (its
    entry pointed out of the book, or there was none): an entry with no label, so the page's
    own heading opens a chapter, when the page opens with one at a chapter's level (no
    deeper than UNNAMED_CHAPTER_RANK, or one of `ranks`, those the contents' chapters open
    at); else none (a continued chapter's next page). A book whose navigation names no page
    finds its headings in the text instead (_assemble)."""
    rank = _opening_rank(doc) if named else None
    if rank is not None and (rank <= UNNAMED_CHAPTER_RANK or rank in ranks):
        return [NavEntry("", name, 0, 0)]
    return []


def _opening_rank(doc) -> int | None:
    """The rank (2 for <h2>) of the heading element the page opens with, else None."""
    own = _own_heading(doc, 0, lead=0)
    return next((r for a, _, r in doc.headings if a == own[0]), None) if own else None


def _chapter_ranks(doc, nav: list[NavEntry] | None) -> set[int]:
    """The rank of the heading element a page opens with when the contents' first entry
    for it is a chapter ({} for none)."""
    if not nav or _level(nav[0].title, nav[0].children) != CHAPTER:
        return set()
    rank = _opening_rank(doc)
    return set() if rank is None else {rank}


def _own_heading(doc, at: int, lead: int = OWN_HEADING_AFTER) -> tuple[int, int] | None:
    """The span of the page's own heading at `at`: its first heading element (<h1>..<h6>)
    with words, and those right after it ("Chapter 1" then "The River"), when no more than
    `lead` characters of other text come before it; else None."""
    span = None
    for a, b, _ in doc.headings:
        if span is None:
            if a >= at and _words(doc.text[a:b]):
                if len(doc.text[at:a].strip()) > lead:
                    return None
                span = (a, b)
        elif a >= span[1] and not doc.text[span[1]:a].strip():
            span = (span[0], b)
        elif a >= span[1]:
            break
    return span


def _with_headings(doc, nav: list[NavEntry], number: int
                   ) -> tuple[str, list[tuple[int, int, str, str]], int]:
    """The document's text with a heading span for each navigation entry pointing into it:
    its own heading where the words match the entry's title, else the title written in (the
    words after its chapter number, where the page prints that alone: see
    _matching_heading); the heading is spoken as the entry's title in every case. An entry
    with no label (no words) is the page's own heading there (_own_heading), else "Chapter
    N", `number` being the first chapter's N in this document; the next one's N is returned
    last (front matter the contents name, a "Preface", is no chapter: _front_matter)."""
    text = doc.text
    found: list[tuple[int, int, str, str, str | None]] = []
    cursor = 0  # entries for one document come in reading order: never before the last
    for e in nav:
        frag = e.href.split("#", 1)[1] if "#" in e.href else None
        at = max(doc.ids.get(frag, 0) if frag else 0, cursor)
        title, level, own = _entry_title(doc, e, at, number)
        number += level == CHAPTER and not _front_matter(title)
        span = (*own, "") if own else _matching_heading(text, at, title)
        if span:  # the heading's words are the title's: said as the book's contents name it
            found.append((span[0], span[1], level, _spoken(title), span[2] or None))
            cursor = span[1]
        else:
            found.append((at, at, level, _spoken(title), title))
            cursor = at
    # write the missing words in, moving every span after each insertion: a whole title
    # before the text at its place, the rest of one after the page's chapter number
    found.sort(key=lambda f: (f[0], f[4] is None))
    out: list[str] = []
    heads: list[tuple[int, int, str, str]] = []
    last = shift = 0
    for a, b, level, spoken, added in found:
        if added is None:
            heads.append((a + shift, b + shift, level, spoken))
            continue
        piece = added + "\n\n" if a == b else "\n\n" + added
        out += [text[last:b], piece]
        last = b
        end = b + shift + (len(added) if a == b else len(piece))
        heads.append((a + shift, end, level, spoken))
        shift += len(piece)
    out.append(text[last:])
    return "".join(out), heads, number


def _entry_title(doc, entry: NavEntry, at: int, number: int
                 ) -> tuple[str, str, tuple[int, int] | None]:
    """The entry's title, its level and, for an entry with no label (no words), the span of
    the page's own heading at `at` that titles it (else "Chapter N", or "Part")."""
    if _words(entry.title):
        return entry.title, _level(entry.title, entry.children), None
    own = _own_heading(doc, at)
    title = doc.text[own[0]:own[1]] if own else ""
    level = _level(title, entry.children)
    if not own:
        title = f"Chapter {number}" if level == CHAPTER else "Part"
    return title, level, own


FRONT_MATTER = re.compile(
    r"\W*(?:\w+['’]s\s+)?(?:preface|foreword|prologue|introduction|preamble|dedication|"
    r"epigraph|acknowledge?ments|abstract)\b", re.I)
"""A title naming front matter ("Preface", "Author's Preface to the Second Edition"), no
chapter: the front-matter and preliminary section terms of the EPUB Structural Semantics
Vocabulary (https://www.w3.org/TR/epub-ssv-11/)."""


def _front_matter(title: str) -> bool:
    return FRONT_MATTER.match(title) is not None


def _level(title: str, children: int) -> str:
    """A navigation entry with entries under it, or titled Part/Book/Volume, is a part."""
    m = HEADING.fullmatch(" ".join(title.split()))
    named_part = bool(m) and m.group("word").lower().startswith(("part", "book", "vol"))
    return PART if children or named_part else CHAPTER


def _matching_heading(text: str, at: int, title: str) -> tuple[int, int, str] | None:
    """The span of the paragraphs at `at` whose words are the title's, if there are, and
    "", the title's words they lack; else of those printing its chapter word and number
    alone ("Chapter Two" under the contents' "Chapter Two: The Dark") and the rest of the
    title ("The Dark"), to be written in after them: the page's heading is not said again
    after the title."""
    want = _words(title)
    if not want:
        return None
    got: list[str] = []
    numbered = None  # the paragraphs so far, when they are the title's bare chapter number
    pos = at
    while pos < len(text) and text[pos].isspace():
        pos += 1
    start = pos
    for _ in range(3):
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        para = text[pos:end]
        if len(para) > 200:
            return numbered
        got += _words(para)
        if got == want:
            return start, end, ""
        if got != want[:len(got)]:
            return numbered
        if _bare_heading(text[start:end]):
            numbered = (start, end, _after_words(title, len(got)))
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return numbered


def _after_words(title: str, n: int) -> str:
    """The title after its first n words and the mark that ends them: "Chapter Two: The
    Dark", 2 -> "The Dark"."""
    ends = [m.end() for m in WORD.finditer(title)]
    return title[ends[n - 1]:].strip(" \t\n.:;,-—–")


def _bare_heading(text: str) -> bool:
    """Whether text is a chapter or part word and its number, and nothing more."""
    m = HEADING.fullmatch(" ".join(text.split()))
    return bool(m) and m.group("title") is None and m.group("capital") is None


def _spoken(heading: str) -> str:
    lines = [" ".join(p.split()) for p in heading.split("\n") if p.strip()]
    return " ".join(p if p[-1:] in ".:!?;" else p + "." for p in lines)
