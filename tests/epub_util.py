"""Build small EPUB 2 and EPUB 3 files for the tests, as publishers and Gutenberg lay them out."""
from __future__ import annotations

import zipfile
from pathlib import Path

PROSE = ("The river ran past the old stone houses, and the people who lived in them talked "
         "of the weather and of the harvest.")


def tiny_png() -> bytes:
    """A valid 2x2 grey PNG, made here so the test needs no image file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG_1x1 = tiny_png()


def xhtml(body: str, title: str = "x", epub_type: str = "") -> str:
    t = f' epub:type="{epub_type}"' if epub_type else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{title}</title></head>'
            f'<body{t}>{body}</body></html>')


CHAPTERS = [
    ("ch1.xhtml", "Chapter 1: The River",
     f'<h2>Chapter 1</h2><h3>The River</h3><p>{PROSE}</p><p>“Is it cold?” asked Tom.</p>'
     f'<p>“It is,” said Mary.</p>'),
    ("ch2.xhtml", "Chapter 2: The Houses",  # no heading of its own: the nav title is written in
     f'<p>{PROSE}</p><p>“Are they old?” asked Tom.</p>'),
    ("ch3.xhtml", "Chapter 3: The Weather",
     f'<h2 id="c3">Chapter 3: The Weather</h2><p>{PROSE} Again.</p>'),
]


def make_epub(path: Path, version: int = 3, cover: bool = True,
              chapters: list[tuple[str, str, str]] = CHAPTERS) -> Path:
    """An EPUB with a cover, a title page, a contents page, three chapters (file, navigation
    title, body) and a copyright page at the back; the spine order differs from the file
    names' order."""
    docs = {"cover.xhtml": xhtml('<img src="cover.png" alt="Cover"/>', "Cover", "cover"),
            "title.xhtml": xhtml("<h1>Small Book</h1><p>Ann Writer</p>", "Title", "titlepage"),
            "contents.xhtml": xhtml("<h1>Contents</h1><p>Chapter 1</p><p>Chapter 2</p>",
                                    "Contents", "toc"),
            "rights.xhtml": xhtml("<p>Copyright © 2020 Ann Writer. All rights reserved.</p>",
                                  "Copyright", "copyright-page")}
    for name, _, body in chapters:
        docs[name] = xhtml(body)
    spine = ["cover.xhtml", "title.xhtml", "contents.xhtml", "ch1.xhtml", "ch2.xhtml",
             "ch3.xhtml", "rights.xhtml"]
    items = "".join(f'<item id="{n.split(".")[0]}" href="{n}" media-type="application/xhtml+xml"/>'
                    for n in docs)
    if cover:
        props = ' properties="cover-image"' if version == 3 else ""
        items += f'<item id="cimg" href="cover.png" media-type="image/png"{props}/>'
    meta = '<meta name="cover" content="cimg"/>' if cover and version == 2 else ""
    if version == 3:
        items += ('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                  'properties="nav"/>')
        lis = "".join(f'<li><a href="{n}{"#c3" if n == "ch3.xhtml" else ""}">{t}</a></li>'
                      for n, t, _ in chapters)
        docs["nav.xhtml"] = xhtml(f'<nav epub:type="toc"><ol>{lis}</ol></nav>'
                                  '<nav epub:type="landmarks"><ol><li><a epub:type="copyright-page" '
                                  'href="rights.xhtml">Copyright</a></li></ol></nav>')
        toc_attr = ""
    else:
        items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        points = "".join(f'<navPoint id="n{i}" playOrder="{i}"><navLabel><text>{t}</text>'
                         f'</navLabel><content src="{n}"/></navPoint>'
                         for i, (n, t, _) in enumerate(chapters, 1))
        docs["toc.ncx"] = ('<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
                           f'version="2005-1"><navMap>{points}</navMap></ncx>')
        toc_attr = ' toc="ncx"'
    refs = "".join(f'<itemref idref="{n.split(".")[0]}"/>' for n in spine)
    opf = (f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" '
           'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<dc:identifier id="id">urn:x</dc:identifier><dc:title>Small Book</dc:title>'
           f'<dc:creator>Ann Writer</dc:creator><dc:language>en</dc:language>{meta}</metadata>'
           f'<manifest>{items}</manifest><spine{toc_attr}>{refs}</spine>'
           + ('<guide><reference type="toc" href="contents.xhtml"/></guide>' if version == 2 else "")
           + "</package>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("META-INF/container.xml",
                    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                    'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
                    'media-type="application/oebps-package+xml"/></rootfiles></container>')
        zf.writestr("OEBPS/content.opf", opf)
        for name, body in docs.items():
            zf.writestr(f"OEBPS/{name}", body)
        if cover:
            zf.writestr("OEBPS/cover.png", PNG_1x1)
    return path
