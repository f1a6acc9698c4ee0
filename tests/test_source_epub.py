"""EPUB 2 and 3, and HTML: spine order, navigation titles, skipped front and back matter."""
from __future__ import annotations

import json

import pytest
from epub_util import PROSE, make_epub

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
    assert heads == [("title", "Small Book. by Ann Writer."),
                     ("chapter", "Chapter 1: The River."),  # the nav's words
                     ("chapter", "Chapter 2: The Houses."),  # written in from the navigation
                     ("chapter", "Chapter 3: The Weather.")]
    skipped = [ln.level for ln in script.lines if ln.kind == "skipped"]
    assert skipped == ["titlepage", "contents", "copyright"]  # the cover page has no text
    assert any(ln.kind == "skipped" and "rights reserved" in ln.text for ln in script.lines)
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
