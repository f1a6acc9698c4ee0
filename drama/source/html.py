"""(X)HTML -> plain text a book's reader would see: one paragraph per block, blank lines
between, and where each element id landed (the targets of a table of contents).

lxml's HTML parser reads what browsers read (unclosed tags, stray entities, XHTML), so a
sloppy e-book chapter still gives its text rather than an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
          "section", "article", "header", "footer", "aside", "nav", "dt", "dd", "tr",
          "table", "figure", "figcaption", "hr", "ul", "ol", "dl", "body", "center", "address"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DROPPED = {"script", "style", "head", "title", "svg", "math", "object", "iframe"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


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
        text = _SPACES.sub(" ", text.replace("\n", " "))
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


def html_to_text(data: bytes | str) -> HtmlText:
    """The reading text of an (X)HTML document (bytes are decoded as the document says)."""
    import lxml.html
    if isinstance(data, bytes) and not data.strip():
        return HtmlText("")
    parser = None
    if isinstance(data, bytes):
        try:
            data.decode("utf-8")
            parser = lxml.html.HTMLParser(encoding="utf-8")  # else lxml guesses (latin-1)
        except UnicodeDecodeError:
            pass
    root = lxml.html.document_fromstring(data, parser=parser)
    title_el = root.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    body = root.find("body")
    out = _Writer()
    doc = HtmlText("", title=title)
    _walk(body if body is not None else root, out, doc)
    text = "".join(out.parts).rstrip()
    doc.text = text
    doc.headings = [(a, min(b, len(text)), r) for a, b, r in doc.headings if a < len(text)]
    doc.epub_types = [(a, min(b, len(text)), t) for a, b, t in doc.epub_types]
    doc.ids = {k: min(v, len(text)) for k, v in doc.ids.items()}
    return doc


def _walk(el, out: _Writer, doc: HtmlText) -> None:
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
    for child in el:
        _walk(child, out, doc)
        if child.tail:
            out.write(child.tail)
    if tag in HEADINGS:
        doc.headings.append((start, out.size, int(tag[1])))
    kind = _epub_type(el)
    if kind:
        doc.epub_types.append((start, out.size, kind))
    if block:
        out.block()
