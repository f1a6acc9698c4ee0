"""EPUB 2 and 3, and HTML: spine order, navigation titles, skipped front and back matter."""
from __future__ import annotations

import json

import pytest
from epub_util import CHAPTERS, PROSE, make_epub

from drama.cli import app
from drama.extract import extract_file
from drama.fidelity import check_script
from drama.source import read_source


@pytest.mark.parametrize("version", [2, 3])
def test_epub_chapters_in_spine_order_with_nav_titles_and_skipped_matter(tmp_path, version):
    path = make_epub(tmp_path / "small.epub", version)
    book = read_source(path)
    assert (book.title, book.author) == ("Small Book", "Ann Writer")
    assert book.cover is not None and book.cover[1] == "image/png"
    script = extract_file(path)
    heads = [(ln.level, ln.text) for ln in script.lines if ln.kind == "chapter"]
    assert heads == [("title", "Small Book, by Ann Writer."),
                     ("chapter", "Chapter 1: The River."),  # the nav's words
                     ("chapter", "Chapter 2: The Houses."),  # written in from the navigation
                     ("chapter", "Chapter 3: The Weather.")]
    skipped = [(ln.level, ln.text) for ln in script.lines if ln.kind == "skipped"]
    assert skipped == [  # the cover page has no text; a line a paragraph, as the page reads
        ("titlepage", "Small Book"), ("titlepage", "Ann Writer"), ("contents", "Contents"),
        ("contents", "Chapter 1"), ("contents", "Chapter 2"),
        ("copyright", "Copyright © 2020 Ann Writer. All rights reserved.")]
    speakers = [ln.speaker for ln in script.lines if ln.kind == "dialogue"]
    assert speakers[:2] == ["Tom", "Mary"]
    # every word of the book, skipped matter included, is in exactly one line
    assert check_script(script, book.text, None).ok


def test_html_source_reads_as_text(tmp_path):
    page = tmp_path / "story.html"
    page.write_text("<html><head><title>A Story</title><style>p{}</style></head><body>"
                    "<h1>CHAPTER I.</h1><p>It was &amp; is a dark night, and the wind "
                    "blew hard over the moor for hours and hours on end.</p>"
                    "<p>“Hello,” said Tom.</p><h1>CHAPTER II.</h1><p>The morning came "
                    "bright and clear over the hills, and everybody in the house woke up at last, "
                    "hungry and glad.</p>"
                    "</body></html>", encoding="utf-8")
    script = extract_file(page)
    assert script.title == "A Story"
    assert [ln.text for ln in script.lines if ln.kind == "chapter"] == ["CHAPTER I.",
                                                                        "CHAPTER II."]
    assert any(ln.kind == "dialogue" and ln.speaker == "Tom" for ln in script.lines)
    assert "&amp;" not in read_source(page).text


def test_soft_hyphens_are_no_part_of_a_pages_or_an_epubs_text(tmp_path):
    """newcomer50: e-book tools write a soft hyphen (`&shy;`, U+00AD) into every long word,
    where it may break at a line's end: read into the text, it cut names in two
    ("Mar&shy;ga&shy;ret" was the speaker "Mar", "Tob&shy;i&shy;as" "Tob") and words in the
    script and its exports."""
    body = ("<p>Mar&shy;ga&shy;ret looked up from the ta&shy;ble.</p>"
            "<p>“Where are you go&shy;ing?” asked Tob&shy;i&shy;as.</p>"
            "<p>“Home,” said Mar&shy;ga&shy;ret. “It is late.”</p>"
            "<p>“Then I will walk with you,” Tob\u00adias said.</p>")
    page = tmp_path / "story.html"
    page.write_text(f"<html><head><title>A Walk</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    book = make_epub(tmp_path / "walk.epub",
                     chapters=[("ch1.xhtml", "Chapter 1", body), *CHAPTERS[1:]])
    for source in (page, book):
        assert "\u00ad" not in read_source(source).text
        script = extract_file(source)
        speakers = {ln.speaker for ln in script.lines if ln.kind == "dialogue"}
        assert {"Margaret", "Tobias"} <= speakers and not {"Mar", "Tob"} & speakers
        assert "Where are you going?" in [ln.text for ln in script.lines]
    # nor of a chapter's title in the navigation (written into the text), nor the book's
    titled = make_epub(tmp_path / "titled.epub", chapters=[
        ("ch1.xhtml", "Chap\u00adter 1: The Ri\u00adver", body), *CHAPTERS[1:]])
    book = read_source(titled)
    assert "\u00ad" not in book.text and "Chapter 1: The River" in book.text


def test_html_with_an_internal_dtd_subset_reads_no_bracket_as_its_title(tmp_path):
    """bad27: "<!DOCTYPE html [<!ENTITY ...>]>" (an internal subset, which the HTML parser
    does not know) left "]>" as the page's first text, so its title."""
    page = tmp_path / "story.html"
    page.write_text('<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY x "ex">\n]>\n'
                    "<html><body><h1>The Old Mill</h1><p>It was a dark night, and the wind "
                    "blew hard over the moor. [He said so.]></p></body></html>",
                    encoding="utf-8")
    script = extract_file(page)
    assert script.title == "The Old Mill"
    assert read_source(page).text.startswith("The Old Mill")
    assert read_source(page).text.endswith("[He said so.]>")


_BOMB = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
         '<!ENTITY b "&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">'
         '<!ENTITY nbsp "&#160;">]>')
_BOMB_BODY = ("<h2>Chapter 1</h2><p>&b;</p><p>&x; The river ran&nbsp;past the old stone "
              "houses, &amp;a; and the people talked of the weather &c; and the harvest.</p>")


def _words_of_the_bomb_page(text: str) -> None:
    assert "&b;" not in text and "&x;" not in text and "aaaa" not in text
    assert "The river ran past the old stone houses, &a; and the people talked of the " \
           "weather &c; and the harvest." in text  # every real word, "&amp;a;" as written


def test_an_entity_only_a_chapters_own_dtd_declares_is_dropped_not_spoken(tmp_path):
    """hostile35: an entity bomb's "&b;" or an external entity's "&x;", declared in an
    EPUB chapter's internal subset (which is not read), was kept as text and spoken; an entity
    HTML knows ("&nbsp;") is read, and one nobody declares ("&c;") stays as written."""
    import zipfile
    plain = make_epub(tmp_path / "plain.epub")
    path = tmp_path / "bomb.epub"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("ch1.xhtml"):
                data = (_BOMB + '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
                        + _BOMB_BODY + "</body></html>").encode()
            zout.writestr(info, data)
    _words_of_the_bomb_page(read_source(path).text)
    lines = [ln.text for ln in extract_file(path).lines]
    assert not any("&b;" in t or "&x;" in t for t in lines), lines


def test_an_entity_only_an_html_pages_own_dtd_declares_is_dropped_not_spoken(tmp_path):
    page = tmp_path / "bomb.html"
    page.write_text(_BOMB + "<html><body>" + _BOMB_BODY + "</body></html>", encoding="utf-8")
    _words_of_the_bomb_page(read_source(page).text)


def test_html_with_no_document_is_an_empty_text_not_a_traceback(runner, tmp_path):
    # lxml raises "Document is empty" for a page of only a comment (whitespace and an empty
    # file were already an empty text)
    page = tmp_path / "blank.html"
    page.write_text("<!-- nothing here yet -->", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page)])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    # a text with no words is one error naming it (ux24), an HTML page as any other
    assert result.exit_code == 2 and result.output == (
        f"drama: error: {page}: has no words: there is nothing to extract or speak\n")


def test_an_epub_whose_chapters_are_all_empty_is_a_clear_error(runner, tmp_path):
    """bad27: a book whose chapters hold no text extracted to a script of its title line
    alone (its front and back matter have words, skipped)."""
    from epub_util import CHAPTERS
    book = make_epub(tmp_path / "blank.epub", chapters=[(n, t, "<p> </p>")
                                                        for n, t, _ in CHAPTERS])
    result = runner.invoke(app, ["extract", str(book), "-o", f"{tmp_path / 'out'}/"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"drama: error: {book}: has no words outside its title")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_broken_epub_is_a_clear_error(runner, tmp_path):
    bad = tmp_path / "bad.epub"
    bad.write_bytes(b"not a zip at all")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"drama: error: {bad}: not a readable EPUB")


@pytest.mark.parametrize("version", [2, 3])
def test_a_chapters_title_is_its_navigation_title_not_its_heading_text(runner, tmp_path,
                                                                        version):
    """The headings print the words differently (capitals, a full stop, a line break); the
    nav/NCX titles are the book's own names for its chapters, and win."""
    prose = f"<p>{PROSE}</p><p>{PROSE}</p>"  # enough words for an episode of its own
    chapters = [
        ("ch1.xhtml", "Chapter I: The River", f"<h2>CHAPTER I.</h2><h3>THE RIVER</h3>{prose}"),
        ("ch2.xhtml", "Chapter II: The Houses", f"<h2>chapter ii</h2><p>the houses</p>{prose}"),
        ("ch3.xhtml", "Chapter III", f"<h1>CHAPTER III</h1>{prose}"),
    ]
    path = make_epub(tmp_path / "titled.epub", version, chapters=chapters)
    script = extract_file(path)
    heads = [ln.text for ln in script.lines if ln.kind == "chapter" and ln.level != "title"]
    assert heads == ["Chapter I: The River.", "Chapter II: The Houses.", "Chapter III."]
    assert check_script(script, read_source(path).text, None).ok  # the same words
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "--engine", "tone",
                                 "--casting", str(tmp_path / "voices.yaml"), "--no-m4b"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "titled" / "book.json").read_text())
    assert [e["title"] for e in index["episodes"]] == [t for _, t, _ in chapters]


@pytest.mark.parametrize("version", [2, 3])
def test_a_page_printing_only_the_chapter_number_of_its_title_says_the_title_once(tmp_path,
                                                                                 version):
    """walk27: a contents entry "Chapter Two: The Dark" over a page printing only "Chapter
    Two" was said twice, the title written in ("Chapter Two: The Dark.") and the page's
    heading narrated after it. The page's bare chapter heading is the chapter's heading,
    said as the contents name it; a page opening with other words still has it written in."""
    prose = f"<p>{PROSE}</p><p>{PROSE}</p>"
    chapters = [
        ("ch1.xhtml", "Chapter One: The Lamp", f"<h1>Chapter One</h1>{prose}"),
        ("ch2.xhtml", "Chapter Two: The Dark", f"<h1>CHAPTER</h1><h2>TWO</h2>{prose}"),
        ("ch3.xhtml", "Chapter Three: The End", f"<p>Chapter three began badly.</p>{prose}"),
    ]
    path = make_epub(tmp_path / "dark.epub", version, chapters=chapters)
    script = extract_file(path)
    heads = [ln.text for ln in script.lines if ln.kind == "chapter" and ln.level != "title"]
    assert heads == ["Chapter One: The Lamp.", "Chapter Two: The Dark.",
                     "Chapter Three: The End."]
    narrated = [ln.text for ln in script.lines if ln.kind == "narration"]
    assert narrated[0].startswith("The river") and narrated[2].startswith("The river")
    assert "Chapter three began badly." in narrated  # prose opening the page, not a heading
    assert check_script(script, read_source(path).text, None).ok


def _font_page(paragraphs: int) -> str:
    """Old HTML that never closes its <font> tags: each paragraph nests a level deeper."""
    return ("<html><body>" + "".join(f'<p><font face="Times">Paragraph number {i} says hello.\n'
                                     for i in range(paragraphs))
            + "<p>THE END.</p></body></html>")


def test_html_with_unclosed_tags_past_256_levels_reads_to_the_end(tmp_path):
    """libxml2 stops at 256 levels unless told the document may be huge; the 400 unclosed
    <font>s nest 800 deep, past Python's recursion limit too."""
    page = tmp_path / "font.html"
    page.write_text(_font_page(400), encoding="utf-8")
    text = read_source(page).text
    assert all(f"Paragraph number {i} says hello." in text for i in range(400))
    assert text.endswith("THE END.")
    script = extract_file(page)
    assert script.lines[-1].text == "THE END."


def test_html_nested_1500_divs_deep_reads_to_the_end(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body><p>Start here.</p>" + "<div>" * 1500 + "<p>Deep inside.</p>"
                    + "</div>" * 1500 + "<p>After the deep part.</p></body></html>",
                    encoding="utf-8")
    assert read_source(page).text.split("\n\n") == ["Start here.", "Deep inside.",
                                                    "After the deep part."]


def test_html_with_a_text_node_over_10_mb_reads_to_the_end(tmp_path):
    page = tmp_path / "long.html"
    page.write_text("<html><body><p>" + "The cat sat. " * 850_000 + "</p><p>THE END.</p>"
                    "</body></html>", encoding="utf-8")
    text = read_source(page).text
    assert text.count("The cat sat.") == 850_000 and text.endswith("THE END.")


def test_html_nested_past_the_parsers_limit_stops_naming_the_file(runner, tmp_path):
    """Past even the huge-document limit (2048 levels) libxml2 keeps what it has read and
    drops the rest: an error, not a shorter script."""
    page = tmp_path / "deeper.html"
    page.write_text("<html><body><p>Start here.</p>" + "<div>" * 3000 + "<p>Deep.</p>"
                    + "</div>" * 3000 + "<p>THE END.</p></body></html>", encoding="utf-8")
    out = tmp_path / "deeper.script.yaml"
    result = runner.invoke(app, ["extract", str(page), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"drama: error: {page}: not readable HTML: the parser stopped at "
                             "line 1, elements nested more than 2048 deep (tags left "
                             "unclosed?); the text after it would be lost\n")
    assert not out.exists()


def test_an_epub_chapter_nested_past_the_parsers_limit_stops_naming_both(runner, tmp_path):
    chapters = [("ch1.xhtml", "Chapter 1", f"<p>{PROSE}</p>"),
                ("ch2.xhtml", "Chapter 2", "<div>" * 3000 + f"<p>{PROSE}</p>" + "</div>" * 3000)]
    path = make_epub(tmp_path / "deep.epub", 3, chapters=chapters)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"drama: error: {path}: cannot read all of OEBPS/ch2.xhtml: "
                                    "the parser stopped at line 2, elements nested more than "
                                    "2048 deep")
    assert len(result.output.splitlines()) == 1


def _patch_member(path, name: str, local: dict[int, int], central: dict[int, int]) -> None:
    """Set bytes of one member's local header and central directory entry (offsets from
    each header's start), as a damaged or unusual zip has them."""
    import struct
    import zipfile
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        at = zf.getinfo(name).header_offset
    for offset, value in local.items():
        data[at + offset] = value
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        size = struct.unpack("<H", data[entry + 28:entry + 30])[0]
        if data[entry + 46:entry + 46 + size] == name.encode():
            for offset, value in central.items():
                data[entry + offset] = value
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))


def _corrupt_data(path, name: str) -> None:
    import zipfile
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    data = bytearray(path.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 10] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage, reason", [
    ("corrupt", "the file is damaged"),
    ("encrypted", "it is encrypted (a password-protected zip)"),
    ("deflate64", "it is packed in a way that cannot be unpacked here"),
])
def test_an_epub_with_a_damaged_chapter_is_a_clear_error(runner, tmp_path, damage, reason):
    # bad27: each was a traceback (zlib.error, RuntimeError, NotImplementedError)
    import zipfile
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, \
            zipfile.ZipFile(make_epub(tmp_path / "stored.epub", 3)) as stored:
        for info in stored.infolist():  # compressed, as most EPUBs are
            zf.writestr(info.filename, stored.read(info))
    member = "OEBPS/ch2.xhtml"
    if damage == "corrupt":
        _corrupt_data(path, member)
    elif damage == "encrypted":
        _patch_member(path, member, {6: 1}, {8: 1})
    else:
        _patch_member(path, member, {8: 9}, {10: 9})
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2, repr(result.exception)
    assert result.output.startswith(f"drama: error: {path}: cannot read {member}: {reason}")
    assert len(result.output.splitlines()) == 1


def test_an_epub_chapter_that_unpacks_too_large_is_refused_before_it_is_unpacked(
        runner, tmp_path, monkeypatch):
    # bad27: a zip bomb (4 MB unpacking to 4 GB of one chapter) filled the memory
    import drama.source.epub as epub
    monkeypatch.setattr(epub, "MAX_DOCUMENT_BYTES", 3000)
    chapters = [("ch1.xhtml", "Chapter 1", f"<p>{PROSE}</p>"),
                ("ch2.xhtml", "Chapter 2", f"<p>{PROSE}</p>" * 40)]
    path = make_epub(tmp_path / "bomb.epub", 3, chapters=chapters)
    unpacked = []
    read = epub.zipfile.ZipFile.read
    monkeypatch.setattr(epub.zipfile.ZipFile, "read", lambda self, name, pwd=None: (
        unpacked.append(getattr(name, "filename", name)) or read(self, name, pwd)))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2, repr(result.exception)
    assert result.output.startswith(f"drama: error: {path}: cannot read OEBPS/ch2.xhtml: it "
                                    "unpacks to ")
    assert "more than a book's document can be" in result.output
    assert not any(name.endswith("ch2.xhtml") for name in unpacked)


def _with_encryption(path, encrypted: list[str], scramble: bool):
    """The EPUB at path with META-INF/encryption.xml listing `encrypted` (zip paths), their
    bytes scrambled when `scramble`, as a DRM-protected book's chapters are."""
    import random
    import zipfile
    refs = "".join('<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/'
                   f'04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="{name}"/>'
                   '</enc:CipherData></enc:EncryptedData>' for name in encrypted)
    listing = ('<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:'
               f'container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">{refs}</encryption>')
    out = path.with_name("protected.epub")
    noise = random.Random(27)
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            if scramble and info.filename in encrypted:
                data = bytes(noise.randrange(256) for _ in data)
            new.writestr(info, data)
        new.writestr("META-INF/encryption.xml", listing)
    return out


def test_a_drm_protected_epub_is_refused_not_spoken_as_noise(runner, tmp_path):
    # bad27: its encrypted chapters were read as text, a script of random characters
    chapters = ["OEBPS/ch1.xhtml", "OEBPS/ch2.xhtml", "OEBPS/ch3.xhtml"]
    path = _with_encryption(make_epub(tmp_path / "book.epub", 3), chapters, scramble=True)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2, repr(result.exception)
    assert result.output == (f"drama: error: {path}: is protected by DRM: its chapters are "
                             "encrypted, so there is no text to read; drama reads DRM-free "
                             "books only\n")


def test_an_epub_whose_fonts_alone_are_obfuscated_is_read(tmp_path):
    path = _with_encryption(make_epub(tmp_path / "book.epub", 3), ["OEBPS/fonts/serif.otf"],
                            scramble=False)
    assert "Is it cold?" in read_source(path).text


def test_a_picture_in_the_spine_is_no_text_and_its_fallback_page_is_read(tmp_path):
    # bad27: a JPEG listed in the spine was read as markup, its bytes spoken as words
    import zipfile
    path = make_epub(tmp_path / "book.epub", 3)
    out = tmp_path / "pictures.epub"
    pictures = ('<item id="plate" href="plate.jpg" media-type="image/jpeg"/>'
                '<item id="map" href="map.png" media-type="image/png" fallback="mapnote"/>'
                '<item id="mapnote" href="mapnote.xhtml" media-type="application/xhtml+xml"/>'
                '<item id="a" href="a.png" media-type="image/png" fallback="b"/>'
                '<item id="b" href="b.png" media-type="image/png" fallback="a"/>')
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "OEBPS/content.opf":
                data = data.replace(b"</manifest>", pictures.encode() + b"</manifest>").replace(
                    b'<itemref idref="ch2"/>', b'<itemref idref="plate"/><itemref idref="map"/>'
                    b'<itemref idref="a"/><itemref idref="ch2"/>')
            new.writestr(info, data)
        new.writestr("OEBPS/plate.jpg", b"\xff\xd8\xff\xe0JFIF" + bytes(range(256)) * 8)
        new.writestr("OEBPS/map.png", b"\x89PNG" + bytes(range(256)) * 8)
        new.writestr("OEBPS/mapnote.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
                                            '<p>A map of the river.</p></body></html>')
    text = read_source(out).text
    assert "A map of the river." in text and "Are they old?" in text
    assert "JFIF" not in text and "PNG" not in text and "\ufffd" not in text


@pytest.mark.parametrize("content, what", [
    (bytes(range(256)) * 20, "a binary file"),
    (b"\xff\xd8\xff\xe0JFIF" + bytes(range(1, 256)) * 8, "a JPEG image"),
])
def test_a_chapter_of_binary_bytes_is_refused_naming_it_not_spoken_as_noise(
        runner, tmp_path, content, what):
    """hostile35: a spine document of random bytes (or a picture) its manifest calls XHTML
    was decoded as Latin-1 and spoken, 44 s of noise, with a warning of 14 characters not
    valid in its encoding: refused, as a damaged chapter is, naming the document."""
    import zipfile
    path = make_epub(tmp_path / "book.epub", 3)
    out = tmp_path / "noise.epub"
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            new.writestr(info, content if info.filename == "OEBPS/ch2.xhtml" else data)
    result = runner.invoke(app, ["extract", str(out)])
    assert result.exit_code == 2, repr(result.exception)
    assert result.output.startswith(f"drama: error: {out}: cannot read OEBPS/ch2.xhtml: it "
                                    f"is {what}, not a page of text"), result.output
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("version", [2, 3])
def test_a_table_of_contents_nested_a_thousand_deep_is_read(tmp_path, version):
    # bad27: the navigation was walked by recursion, a RecursionError past ~1000 levels
    import zipfile
    depth = 1000 if version == 2 else 990  # EPUB 3: <ol><li> a level, the parser's 2048 limit
    path = make_epub(tmp_path / "book.epub", version)
    out = tmp_path / "deep.epub"
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            if version == 2 and info.filename == "OEBPS/toc.ncx":
                points = "".join(f'<navPoint id="d{i}"><navLabel><text>Part {i}</text></navLabel>'
                                 '<content src="ch1.xhtml"/>' for i in range(depth))
                data = data.replace(b"</navMap>", (points + "</navPoint>" * depth).encode()
                                    + b"</navMap>")
            elif version == 3 and info.filename == "OEBPS/nav.xhtml":
                items = '<ol><li><a href="ch1.xhtml">Part</a>' * depth + "</li></ol>" * depth
                data = data.replace(b"</ol></nav>", f"<li>{items}</li></ol></nav>".encode(), 1)
            new.writestr(info, data)
    text = read_source(out).text
    assert "Is it cold?" in text and "Are they old?" in text


@pytest.mark.parametrize("version, member", [(3, "content.opf"), (3, "nav.xhtml"),
                                             (2, "toc.ncx")])
def test_a_title_not_in_the_encoding_its_document_declares_is_warned_of_with_its_place(
        tmp_path, caplog, version, member):
    """ux28: a package document (the book's title), an EPUB 3 nav or an EPUB 2 NCX (the
    chapters' names) holding Latin-1 bytes though said to be UTF-8 was read with U+FFFD
    silently: "Small Caf\ufffd Book" in every tag, the feed and the .m4b. It is read as
    before, with a warning naming the book, the document, its line and the first byte."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", version, chapters=[
        (n, t.replace("The River", "The Café"), b) for n, t, b in CHAPTERS])
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf, zipfile.ZipFile(stored) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"OEBPS/{member}":
                data = data.replace(b"Small Book", "Small Café Book".encode("cp1252"))\
                    .replace("Café".encode(), "Café".encode("cp1252"))
                first = data.index("é".encode("cp1252"))
                line = data[:first].count(b"\n") + 1
            zf.writestr(info, data)
    with caplog.at_level("WARNING"):
        read_source(path)
    lost = [r.getMessage() for r in caplog.records if "U+FFFD" in r.getMessage()]
    assert lost == [f"{path}: OEBPS/{member}:{line}: 1 character not valid in the encoding it "
                    "declares (Latin-1 in a document said to be UTF-8?), the first at byte "
                    f"{first}, read as U+FFFD: a letter of a title, an author or a chapter's "
                    "name is missing; save it in the encoding it declares"]


def test_a_chapter_not_in_the_encoding_it_declares_is_read_with_a_warning_naming_it(
        tmp_path, caplog):
    """bad27: a chapter declared UTF-8 holding Latin-1 bytes (Windows-1252 here) read with
    U+FFFD in place of each letter, silently. It is read as before, with one warning naming
    the chapter; a chapter declaring its Windows-1252 truly (in its XML declaration, which
    the HTML parser passed over: read with U+FFFD too) is read right, without one."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", 3, chapters=[
        (n, t, b.replace("<p>", "<p>The café was naïve. ", 1)) for n, t, b in CHAPTERS])
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf, zipfile.ZipFile(stored) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "OEBPS/ch2.xhtml":  # still says utf-8
                data = data.decode("utf-8").encode("cp1252")
                first = data.index("é".encode("cp1252"))
                line = data[:first].count(b"\n") + 1
            if info.filename == "OEBPS/ch3.xhtml":
                data = data.decode("utf-8").replace('encoding="utf-8"', 'encoding="windows-1252"')\
                    .encode("cp1252")
            zf.writestr(info, data)
    with caplog.at_level("WARNING"):
        book = read_source(path)
    assert book.text.count("The café was naïve.") == 2  # chapters 1 and 3
    assert "The caf\ufffd was na\ufffdve." in book.text  # and its quotation marks
    lost = [r.getMessage() for r in caplog.records if "U+FFFD" in r.getMessage()]
    assert line == 2  # under the XML declaration
    assert lost == [f"{path}: OEBPS/ch2.xhtml:2: 4 characters not valid in the encoding it "
                    f"declares (Latin-1 in a document said to be UTF-8?), the first at byte {first}, "
                    "read as U+FFFD: a letter is missing there; save it in the encoding it "
                    "declares"]
    page = tmp_path / "page.html"
    page.write_bytes('<html><head><meta charset="utf-8"></head><body><p>The café.</p>'
                     '</body></html>'.encode("cp1252"))
    caplog.clear()
    with caplog.at_level("WARNING"):
        assert read_source(page).text == "The caf\ufffd."
    assert [r.getMessage().split(":")[:3] for r in caplog.records] == \
        [[str(page), "1", " 1 character not valid in the encoding it declares (Latin-1 in a "
                          "document said to be UTF-8?), the first at byte 57, read as U+FFFD"]]
    titled = tmp_path / "titled.html"  # ux28: its title alone, which names the episode
    titled.write_bytes('<html><head><meta charset="utf-8"><title>The Café</title></head>'
                       '<body><p>The river.</p></body></html>'.encode("cp1252"))
    caplog.clear()
    with caplog.at_level("WARNING"):
        assert read_source(titled).title == "The Caf\ufffd"
    assert [r.getMessage().split(":")[:2] for r in caplog.records] == [[str(titled), "1"]]


@pytest.mark.parametrize("head", [
    '<meta charset="iso-8859-1">',
    '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    '<meta charset="windows-1252">',
    "",  # no encoding declared: browsers read Windows-1252 too
])
def test_a_latin_1_page_is_read_as_browsers_read_it_windows_1252(tmp_path, caplog, head):
    """newcomer49: a page declaring ISO-8859-1 (or none) with Windows-1252's quotation
    marks, 0x93 and 0x94, was read as Latin-1: C1 control characters in the script in
    place of the marks, so "Hello," was narration, silently. Browsers read the label
    ISO-8859-1, and a page that declares nothing, as Windows-1252; so does drama now."""
    page = tmp_path / "page.html"
    page.write_bytes(f'<html><head>{head}<title>Caf\xe9 Noir</title></head><body>'
                     '<p>\x93Good evening,\x94 said Renée.</p></body></html>'.encode("latin-1"))
    with caplog.at_level("WARNING"):
        book = read_source(page)
    assert book.text == "“Good evening,” said Renée."
    assert book.title == "Café Noir"
    assert caplog.records == []
    script = extract_file(page)
    assert [(ln.kind, ln.text) for ln in script.lines][:2] == [("dialogue", "Good evening,"),
                                                              ("narration", "said Renée.")]


@pytest.mark.parametrize("declared", [
    b'<?xml version="1.0" encoding="iso-8859-1"?><html><head>',
    b'<html><head><meta charset="windows-1252">',
])
def test_a_windows_1252_page_with_an_undefined_byte_is_read_with_a_warning(
        tmp_path, caplog, declared):
    """newcomer49: a byte Windows-1252 leaves undefined (0x81) made libxml2 stop, "the
    parser stopped ... Invalid bytes in character encoding", the page refused whole; it is
    U+FFFD with the warning naming its byte, as a byte not valid in UTF-8 is, and the rest
    of the page is read."""
    page = tmp_path / "page.xhtml"
    data = declared + b"</head><body><p>\x93Come in,\x94 said Ivo.</p><p>A mark \x81 here." \
        b"</p><p>The door shut.</p></body></html>"
    page.write_bytes(data)
    with caplog.at_level("WARNING"):
        book = read_source(page)
    assert book.text == "“Come in,” said Ivo.\n\nA mark \ufffd here.\n\nThe door shut."
    _warned_of_one_invalid_character(caplog, page)
    undefined = data.index(b"\x81")
    assert f"the first at byte {undefined}" in caplog.records[0].getMessage()


@pytest.mark.parametrize("member", ["content.opf", "nav.xhtml"])
def test_a_package_or_nav_declaring_latin_1_is_read_as_windows_1252(tmp_path, caplog,
                                                                     member):
    """newcomer49: an EPUB's package document (or nav) declaring encoding="iso-8859-1"
    with Windows-1252's quotation marks made the title '\x93Small\x94 Café Book', C1
    control characters in book.json, the feed, the tags and the .m4b's chapters; they
    are read as browsers read them, “ and ”."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", 3)
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf, zipfile.ZipFile(stored) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"OEBPS/{member}":
                text = data.decode("utf-8")
                assert text.startswith("<?xml version=\"1.0\"")
                text = '<?xml version="1.0" encoding="iso-8859-1"?>' + text.split("?>", 1)[1]
                data = text.replace("Small Book", "“Small” Café Book")\
                    .replace("The River", "The “Café”").encode("cp1252")
            zf.writestr(info, data)
    with caplog.at_level("WARNING"):
        book = read_source(path)
    titles = [s.title for s in book.structure.sections]
    if member == "content.opf":
        assert book.title == "“Small” Café Book"
    else:
        assert "Chapter 1: The “Café”." in titles
    assert not any("\x93" in t for t in titles + [book.text, book.title])
    assert caplog.records == []


def test_a_page_declaring_nothing_that_is_mostly_utf_8_is_read_as_utf_8(tmp_path, caplog):
    """newcomer49: a page that declares no encoding, in UTF-8 but for one stray Latin-1
    byte, was read as Latin-1 whole (now it would be Windows-1252): every curly quote
    mojibake (“ as â€œ), its dialogue narration, silently. More of its characters past
    ASCII decode as UTF-8 than fail to, so it is UTF-8, the stray byte U+FFFD with the
    warning naming it."""
    page = tmp_path / "page.html"
    data = "<html><body><p>“Come in,” said Ivo. It’s late.</p><p>The caf\x00 shut.</p>" \
        "</body></html>"
    data = data.encode("utf-8").replace(b"\x00", b"\xe9")
    page.write_bytes(data)
    with caplog.at_level("WARNING"):
        book = read_source(page)
    assert book.text == "“Come in,” said Ivo. It’s late.\n\nThe caf\ufffd shut."
    _warned_of_one_invalid_character(caplog, page)


def _warned_of_one_invalid_character(caplog, page) -> None:
    """The one warning read_source gives for a page with one byte its encoding cannot
    read, naming the page and its line."""
    assert [r.getMessage().split(",")[0] for r in caplog.records] == [
        f"{page}:1: 1 character not valid in the encoding it declares (Latin-1 in a document "
        "said to be UTF-8?)"]


def test_a_utf_16_page_with_its_byte_order_mark_is_still_read(tmp_path):
    """newcomer49: a page that is not UTF-8 and declares nothing is read as Windows-1252,
    unless a byte-order mark says what it is."""
    page = tmp_path / "page.html"
    page.write_bytes("<html><body><p>“Come in,” said Ivo. Café.</p></body></html>"
                     .encode("utf-16"))
    assert read_source(page).text == "“Come in,” said Ivo. Café."


def test_a_nav_document_in_the_spine_is_warned_of_once(tmp_path, caplog):
    """review28: an EPUB 3's nav document is often in the spine too (its contents page):
    holding bytes not valid in its encoding, it was warned of twice, read as the navigation
    and again as a page of the book. One warning a document."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", 3, chapters=[
        (n, t.replace("The River", "The Café"), b) for n, t, b in CHAPTERS])
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf, zipfile.ZipFile(stored) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "OEBPS/nav.xhtml":
                data = data.replace("Café".encode(), "Café".encode("cp1252"))
            if info.filename == "OEBPS/content.opf":
                data = data.replace(b'<itemref idref="cover"',
                                    b'<itemref idref="nav"/><itemref idref="cover"', 1)
                assert b'idref="nav"' in data
            zf.writestr(info, data)
    with caplog.at_level("WARNING"):
        read_source(path)
    lost = [r.getMessage() for r in caplog.records if "U+FFFD" in r.getMessage()]
    assert len(lost) == 1 and "OEBPS/nav.xhtml:" in lost[0], lost


def test_a_book_whose_documents_are_not_in_their_encoding_is_warned_of_once(tmp_path,
                                                                            caplog):
    """ux29: a Latin-1 book said to be UTF-8 gave a warning a document (its nav and each
    chapter: 60 lines for 60 chapters). One warning for the book: how many documents, the
    characters in all, the first place and the next few documents, what is lost."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", 3, chapters=[
        (n, t.replace("The River", "The Café"), b.replace("<p>", "<p>The café. ", 1))
        for n, t, b in CHAPTERS])
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf, zipfile.ZipFile(stored) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".xhtml"):  # still saying utf-8
                data = data.decode("utf-8").encode("cp1252")
            if info.filename == "OEBPS/nav.xhtml":
                first = data.index("é".encode("cp1252"))
            zf.writestr(info, data)
    with caplog.at_level("WARNING"):
        book = read_source(path)
    assert book.text.count("The caf\ufffd.") == 3
    lost = [r.getMessage() for r in caplog.records if "U+FFFD" in r.getMessage()]
    assert lost == [
        f"{path}: 5 of its documents hold characters not valid in the encoding they declare "
        "(Latin-1 in documents said to be UTF-8?), 11 characters in all, read as U+FFFD: the "
        f"first at OEBPS/nav.xhtml:2, byte {first}, then OEBPS/ch1.xhtml:2, OEBPS/ch2.xhtml:2, "
        "OEBPS/ch3.xhtml:2 and 1 more; letters are missing in a title, an author or a "
        "chapter's name and in the text; save them in the encoding they declare"]


@pytest.mark.parametrize("page_title, title", [
    ("The Project Gutenberg eBook of The Lamplighter's Daughter, by Edith Marlow",
     "The Lamplighter's Daughter"),
    ("The Project Gutenberg EBook of Alice's Adventures in Wonderland, by Lewis Carroll",
     "Alice's Adventures in Wonderland"),
    ("The Project Gutenberg eBook of Frankenstein; Or, The Modern Prometheus, by Mary "
     "Wollstonecraft Shelley", "Frankenstein; Or, The Modern Prometheus"),
    ("The Project Gutenberg eBook of Beowulf", "Beowulf"),
    ("A Story, by Anna", "A Story, by Anna"),  # not Gutenberg's wrapper: the page's title
])
def test_a_gutenberg_html_title_is_the_book_s_title(tmp_path, page_title, title):
    """walk32: Project Gutenberg's HTML books title their page "The Project Gutenberg eBook
    of TITLE, by AUTHOR", and that whole line was the book's title in book.json, the feed,
    the tags and the .m4b (the text's own `Title:` line lost to it)."""
    page = tmp_path / "lamplighter.html"
    page.write_text(f"<html><head><title>{page_title}</title></head><body>"
                    "<p>Title: The Book</p><p>It was a dark night.</p></body></html>",
                    encoding="utf-8")
    assert read_source(page).title == title


def _chapter_heads(path) -> list[str]:
    script = extract_file(path)
    assert check_script(script, read_source(path).text, None).ok  # every word in one line
    return [ln.text for ln in script.lines if ln.kind == "chapter" and ln.level != "title"]


@pytest.mark.parametrize("version", [2, 3])
def test_a_contents_entry_with_no_label_keeps_its_chapter(tmp_path, version):
    """hostile35: an entry whose label is empty was dropped, and the page it named read on
    into the chapter before it ("Chapter 1" a narration line, one episode fewer). It is the
    page's own heading (its heading elements, one after another), else "Chapter N"."""
    chapters = [
        ("ch1.xhtml", "", CHAPTERS[0][2]),  # <h2>Chapter 1</h2><h3>The River</h3>
        ("ch2.xhtml", " ", CHAPTERS[1][2]),  # no heading of its own
        CHAPTERS[2],
    ]
    path = make_epub(tmp_path / "unlabelled.epub", version, chapters=chapters)
    assert _chapter_heads(path) == ["Chapter 1. The River.", "Chapter 2.",
                                    "Chapter 3: The Weather."]


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("outside", ["../../../etc/passwd", "http://example.org/x.xhtml",
                                     "/abs.xhtml"])
def test_a_contents_entry_pointing_outside_the_book_is_ignored_and_the_page_keeps_its_heading(
        tmp_path, version, outside):
    """hostile35: an entry pointing out of the book named no page and was dropped, and the
    page it stood for lost its heading. The entry is still ignored; a page no entry names
    that opens with a heading of its own starts a chapter at it (a page without one reads on
    into the chapter before it, as a continued chapter does)."""
    import zipfile
    path = make_epub(tmp_path / "book.epub", version)
    out = tmp_path / "outside.epub"
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename in ("OEBPS/nav.xhtml", "OEBPS/toc.ncx"):
                for doc in (b"ch1.xhtml", b"ch2.xhtml"):
                    data = data.replace(b'="%s"' % doc, b'="%s"' % outside.encode())
            new.writestr(info, data)
    assert _chapter_heads(out) == ["Chapter 1. The River.", "Chapter 3: The Weather."]


def _without_entry(path, out, doc: bytes):
    """The EPUB at path with the contents entry for `doc` pointing out of the book."""
    import zipfile
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename in ("OEBPS/nav.xhtml", "OEBPS/toc.ncx"):
                data = data.replace(b'="%s"' % doc, b'="../outside.xhtml"')
            new.writestr(info, data)
    return out


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("chapter, page, heads", [
    ("h2", "h3", ["Chapter 1.", "Chapter 3: The Weather."]),  # a sub-heading: read on
    ("h2", "h2", ["Chapter 1.", "A Quiet Hour.", "Chapter 3: The Weather."]),
    ("h3", "h3", ["Chapter 1.", "A Quiet Hour.", "Chapter 3: The Weather."]),  # the chapters'
    ("h3", "h4", ["Chapter 1.", "Chapter 3: The Weather."]),
])
def test_a_page_no_entry_names_opens_a_chapter_only_at_a_chapters_heading_level(
        tmp_path, version, chapter, page, heads):
    """review36: a chapter split over two files, the second opening on a sub-heading (<h3>
    under the chapter's <h2>) and named by no contents entry, became a chapter of its own.
    Such a page opens one only at the heading level the contents' chapters use, or h1/h2."""
    chapters = [
        ("ch1.xhtml", "Chapter 1", f"<{chapter}>Chapter 1</{chapter}><p>{PROSE}</p>"),
        ("ch2.xhtml", "Chapter 2", f"<{page}>A Quiet Hour</{page}><p>{PROSE} Later.</p>"),
        ("ch3.xhtml", "Chapter 3: The Weather",
         f'<{chapter} id="c3">Chapter 3: The Weather</{chapter}><p>{PROSE} Again.</p>'),
    ]
    path = make_epub(tmp_path / "book.epub", version, chapters=chapters)
    out = _without_entry(path, tmp_path / "split.epub", b"ch2.xhtml")
    assert _chapter_heads(out) == heads


@pytest.mark.parametrize("version", [2, 3])
def test_an_unlabelled_entry_s_chapter_number_counts_chapters_not_a_preface(tmp_path,
                                                                          version):
    """review36: "Chapter N" for an entry with no label counted every chapter-level entry
    before it, a labelled "Preface" too: the book's first chapter was "Chapter 2". Front
    matter the contents name (EPUB's structural semantics: preface, foreword...) is not a
    chapter."""
    chapters = [
        ("ch1.xhtml", "Preface", f"<h2>Preface</h2><p>{PROSE}</p>"),
        ("ch2.xhtml", "", f"<p>{PROSE} Later.</p>"),
        ("ch3.xhtml", " ", f"<p>{PROSE} Again.</p>"),
    ]
    path = make_epub(tmp_path / "book.epub", version, chapters=chapters)
    assert _chapter_heads(path) == ["Preface.", "Chapter 1.", "Chapter 2."]


@pytest.mark.parametrize("member, data, message", [
    ("OEBPS/content.opf", b"<package><<<",
     "OEBPS/content.opf is not valid XML (line 1: StartTag: invalid element name), so the "
     "package has no spine"),
    ("OEBPS/content.opf", b"garbage",
     "OEBPS/content.opf is not valid XML (line 1: Start tag expected, '<' not found)"),
    ("META-INF/container.xml", b'<?xml version="1.0"?>\n<container>\n<<',
     "META-INF/container.xml is not valid XML (line 3: StartTag: invalid element name), so "
     "container.xml names no package document"),
    ("OEBPS/nav.xhtml", b"junk",
     "OEBPS/nav.xhtml is not valid XML (line 1: Start tag expected, '<' not found)")],
    ids=["package-broken", "package-no-xml", "container-broken", "nav-no-xml"])
def test_a_document_that_is_not_xml_is_said_to_be_so(runner, tmp_path, member, data, message):
    """newcomer47: a package of "<package><<<" was "the package has no spine", and one or a
    navigation document with no XML at all a traceback (AttributeError on None). The parser's
    first error is said, with its line, before what is missing for it."""
    import zipfile
    stored = make_epub(tmp_path / "stored.epub", 3)
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(stored) as src, zipfile.ZipFile(path, "w") as zf:
        for info in src.infolist():
            zf.writestr(info, data if info.filename == member else src.read(info))
    result = runner.invoke(app, ["extract", str(path), "-o", f"{tmp_path / 'out'}/"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"drama: error: {path}: not a valid EPUB: {message}"
    assert not (tmp_path / "out").exists()
