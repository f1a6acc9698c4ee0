"""Hostile but realistic input, each case from issue 15: one clear line naming the file, exit
status 2, never a traceback, never a value read as something else."""
from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from drama.cli import app
from drama.model import MAX_SPEAKER_CHARS
from drama.scriptfile import load_script, read_text
from fault_util import DATA, error_line, one_error_line, run_drama


def script_doc(work) -> dict:
    result_path = work / "ep.script.yaml"
    if not result_path.exists():
        from drama.extract import extract_file
        from drama.scriptfile import save_script
        save_script(extract_file("story.txt"), result_path)
    return yaml.safe_load(result_path.read_text(encoding="utf-8"))


def write_doc(work, doc: dict, name: str = "bad.script.yaml"):
    path = work / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ---------------------------------------------------------------- ux24: a new user's files

@pytest.mark.parametrize("content", ["", "\n  \n\n", "\ufeff", "* * *\n...\n", "\u200b\u200b\n"],
                         ids=["empty", "blank", "bom", "punctuation", "zero-width"])
@pytest.mark.parametrize("command", [["extract", "-o", "out/"],
                                     ["render", "--engine", "tone", "-j", "1", "-o", "w/"],
                                     ["build", "--engine", "tone", "-o", "b/"]])
def test_a_text_without_words_is_a_clear_error(runner, work, command, content):
    """An empty text made an empty script (exit 0), and only render said, naming the text,
    that there was nothing to speak."""
    (work / "empty.txt").write_text(content, encoding="utf-8")
    line = error_line(runner.invoke(app, [command[0], "empty.txt", *command[1:]]))
    assert line == "drama: error: empty.txt: has no words: there is nothing to extract or speak"


@pytest.mark.parametrize("command", [["extract"], ["build", "--engine", "tone"]])
def test_a_failed_run_leaves_no_empty_folder_it_made(runner, work, command):
    """tidy24: `-o new/` made the folder before the text was found to have no words, and
    left it there. Folders that were there before stay, empty or not."""
    (work / "empty.txt").write_text("\n \n", encoding="utf-8")
    (work / "kept").mkdir()
    (work / "full").mkdir()
    (work / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    for out in ("new/deep/", "kept/", "kept/inner/", "full/"):
        error_line(runner.invoke(app, [command[0], "empty.txt", *command[1:], "-o", out]))
    assert not (work / "new").exists()
    assert (work / "kept").is_dir() and not (work / "kept" / "inner").exists()
    assert [p.name for p in (work / "full").iterdir()] == ["notes.txt"]


def test_folders_made_records_only_the_folders_made(tmp_path):
    from drama.files import folders_made, make_folder, remove_empty
    (tmp_path / "a").mkdir()
    with folders_made() as made:
        make_folder(tmp_path / "a" / "b" / "c")
        make_folder(tmp_path / "a" / "d")
    assert made == [tmp_path / "a" / "b", tmp_path / "a" / "b" / "c", tmp_path / "a" / "d"]
    (tmp_path / "a" / "d" / "x.txt").write_text("x", encoding="utf-8")
    remove_empty(made)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["d"]


@pytest.mark.parametrize("text", ["«Привет», — сказала Анна.\n", "“你好，”李雷说。\n", "1984\n"])
def test_a_text_of_words_in_any_script_is_extracted(runner, work, text):
    """review24: words are letters or digits of any script, not Latin ones only."""
    (work / "other.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["extract", "other.txt", "-o", "other.script.yaml"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((work / "other.script.yaml").read_text(encoding="utf-8"))["lines"]


@pytest.mark.parametrize("args, line", [
    (["extract", "story.txt", "--bogus"],
     "No such option: --bogus (`drama extract -h` for help)"),
    (["extract"], "Missing argument 'INPUT' (`drama extract -h` for help)"),
    (["render", "story.txt", "-j", "0"], "Invalid value for '--workers' / '-j': Input should "
     "be greater than or equal to 1 (`drama render -h` for help)"),
    (["cache", "prune", "--bogus"], "No such option: --bogus (`drama cache prune -h` for help)"),
    (["--bogus"], "No such option: --bogus (`drama -h` for help)"),
])
def test_a_wrong_flag_is_one_line_too(runner, work, args, line):
    """ux24: a wrong flag or value was a boxed panel of four lines; every other mistake is
    one `drama: error:` line, exit status 2."""
    assert error_line(runner.invoke(app, args)) == f"drama: error: {line}"


@pytest.mark.parametrize("name, read", [("-Ann", "-A"), ("- dash", "-")])
def test_a_name_starting_with_a_dash_is_told_to_go_after_two_dashes(runner, work, name, read):
    """newcomer51: `drama speakers rename Tom '- dash'` said "No such option: -" and nothing
    of `--`, which ends the options (`rename Tom -s X -- '- dash'` works). A short option
    a command taking arguments does not know says so; a long one (`--bogus`, above) is a
    mistyped option and does not."""
    result = runner.invoke(app, ["speakers", "rename", "Tom", name, "-s", "x.script.yaml"])
    assert error_line(result) == (
        f"drama: error: No such option: {read} (a value starting with \"-\", such as a name, "
        "goes after `--`, which ends the options: `drama speakers rename [OPTIONS] -- VALUE`; "
        "`drama speakers rename -h` for help)")
    assert result.exit_code == 2


def test_a_group_asked_for_nothing_still_shows_its_help(runner):
    result = runner.invoke(app, ["cache"])
    assert "prune" in result.output and "drama: error" not in result.output


# ---------------------------------------------------------------- case 6

@pytest.mark.parametrize("command", [["check", "-c", "voices.yaml", "--engine", "tone"],
                                     ["export"], ["render", "--engine", "tone", "-j", "1"]])
def test_a_list_for_source_is_a_clear_error(runner, work, command):
    doc = script_doc(work)
    doc["source"] = ["a", "b"]
    path = write_doc(work, doc)
    at = path.read_text(encoding="utf-8").splitlines().index("source:") + 1
    line = error_line(runner.invoke(app, [command[0], str(path), *command[1:]]))
    assert line == f"drama: error: {path}:{at}: source: must be the path of the source text"


def test_preview_of_nothing_is_a_clear_error(runner, work):
    for text in ("", "  ", "..."):
        line = error_line(runner.invoke(app, ["preview", "Narrator", "--text", text,
                                              "--engine", "tone"]))
        assert line.startswith("drama: error: --text: nothing to say")
    for word in ("", "-"):  # bad26: it named --text, which was not given
        line = error_line(runner.invoke(app, ["preview", "Narrator", "--word", word,
                                              "--engine", "tone"]))
        assert line.startswith("drama: error: --word: nothing to say"), line


READS = ("drama reads plain text (.txt, .md, UTF-8), HTML (.html, .htm, .xhtml) and EPUB "
         "(.epub)")
# Each made of its format's own first bytes; the PDF an uncompressed one, whose bytes are
# all ASCII: read as UTF-8, it was a script of PDF operators ("title: '%PDF-1.4'"), exit 0.
OTHER_FORMATS = {
    "book.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Hello, said Tom) Tj ET"
                 b"\n%%EOF\n", "is a PDF: " + READS + "; convert it first, such as "
                 "`pdftotext -layout book.pdf book.txt` (poppler-utils) or calibre's "
                 "`ebook-convert book.pdf book.epub`"),
    "book.docx": (b"PK\x03\x04" + bytes(26) + b"[Content_Types].xml...word/document.xml",
                  "is a Word document (.docx): " + READS + "; save it as plain text (.txt, "
                  "UTF-8) or as a web page (.html) from your word processor, or `pandoc "
                  "book.docx -t plain -o book.txt`"),
    "book.mobi": (b"Tiny Tales".ljust(60, b"\0") + b"BOOKMOBI" + bytes(40),
                  "is a Kindle e-book (MOBI, AZW): " + READS + "; convert it first, such as "
                  "calibre's `ebook-convert book.mobi book.epub` (a book with DRM cannot be)"),
    "cover.png": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(20),
                  "is a PNG image: " + READS + "; an image holds no text to read: give the "
                  "book's text (its .txt, .epub or .html)"),
    "My Book.zip": (b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/epub+zip",
                    "is an EPUB: " + READS + "; rename it to 'My Book.epub', the ending "
                    "drama reads EPUBs by"),
    "book.dat": (bytes(range(256)) * 4, "is a binary file, not a text: " + READS + "; give "
                 "the book's text instead (its .txt, .epub or .html), or convert it to one "
                 "of them"),
}


@pytest.mark.parametrize("name", list(OTHER_FORMATS))
@pytest.mark.parametrize("command", [["extract", "-o", "out/"],
                                     ["build", "--engine", "tone", "-o", "b/"]])
def test_a_file_of_a_format_drama_does_not_read_is_one_clear_line(runner, work, command,
                                                                   name):
    """ux33: any file given as a source that is no EPUB or HTML was read as UTF-8 text: an
    uncompressed PDF became a script of its operators (exit 0), a Word document or a
    Kindle book "looks like a binary file, not a text", with no word of what drama reads.
    Each is one line, exit status 2: what the file is, what drama reads, how to convert it
    (with the file's own names, quoted as a shell needs them); nothing is written."""
    data, message = OTHER_FORMATS[name]
    (work / name).write_bytes(data)
    result = runner.invoke(app, [command[0], name, *command[1:]])
    assert result.exit_code == 2
    assert error_line(result) == f"drama: error: {name}: {message}"
    assert not (work / "out").exists() and not (work / "b").exists()


PDF = OTHER_FORMATS["book.pdf"][0]


@pytest.mark.parametrize("name, data, what", [
    ("book.html", PDF, "is a PDF: "), ("page.htm", OTHER_FORMATS["cover.png"][0],
                                      "is a PNG image: "),
    ("book.xhtml", OTHER_FORMATS["book.dat"][0], "is a binary file, not a text: "),
    ("book.epub", PDF, "is a PDF: "), ("book.epub", OTHER_FORMATS["book.mobi"][0],
                                      "is a Kindle e-book (MOBI, AZW): "),
    # a Word document called book.epub was "not a valid EPUB: container.xml names no package
    # document" (hostile33's list)
    ("book.epub", OTHER_FORMATS["book.docx"][0], "is a Word document (.docx): ")],
    ids=["pdf-as-html", "png-as-htm", "binary-as-xhtml", "pdf-as-epub", "mobi-as-epub",
         "docx-as-epub"])
def test_an_html_or_epub_name_on_another_format_is_one_clear_line(runner, work, name, data,
                                                                   what):
    """hostile33: only a text's name had its bytes looked at. A PDF or an image called
    book.html was extracted as its prose (a one-line script of PDF operators, exit 0), a
    PDF called book.epub "not a readable EPUB (zip) file: File is not a zip file"."""
    (work / name).write_bytes(data)
    result = runner.invoke(app, ["extract", name, "-o", "out/"])
    assert result.exit_code == 2, result.output
    assert error_line(result).startswith(f"drama: error: {name}: {what}{READS}; ")
    assert not (work / "out").exists()


@pytest.mark.parametrize("name, advice", [
    ("book.txt", "rename it to book.pdf, then convert it, such as `pdftotext -layout book.pdf "
                 "book.txt` (poppler-utils) or calibre's `ebook-convert book.pdf book.epub`"),
    ("book.epub", "rename it to book.pdf, then convert it, such as `pdftotext -layout "
                  "book.pdf book.txt` (poppler-utils) or calibre's `ebook-convert book.pdf "
                  "book.epub`"),
    ("Book.PDF", "convert it first, such as `pdftotext -layout Book.PDF Book.txt` "
                 "(poppler-utils) or calibre's `ebook-convert Book.PDF Book.epub`")])
def test_the_advice_never_writes_over_the_file_nor_reads_it_by_a_wrong_ending(runner, work,
                                                                             name, advice):
    """hostile33: a PDF called book.txt was told `pdftotext -layout book.txt book.txt`, which
    writes the text over the PDF, and `ebook-convert book.txt book.epub`, which reads it by
    its ending as a text (calibre and pandoc know a format by the name's ending). Such a
    file is first renamed to its format's ending."""
    (work / name).write_bytes(PDF)
    result = runner.invoke(app, ["extract", name, "-o", "out/"])
    assert result.exit_code == 2
    assert error_line(result) == f"drama: error: {name}: is a PDF: {READS}; {advice}"


@pytest.mark.parametrize("name, advice", [
    ("book.txt", "rename it to book.txt.gz, then unpack it, such as `gunzip book.txt.gz`, and "
                 "give the text inside"),
    ("book.txt.gz", "unpack it, such as `gunzip book.txt.gz`, and give the text inside")])
def test_a_gzip_archive_is_told_a_gunzip_that_works(runner, work, name, advice):
    """gunzip unpacks only a name ending in .gz ("unknown suffix -- ignored"): a gzip called
    book.txt is renamed in the advice first (hostile33's list)."""
    (work / name).write_bytes(gzip.compress(b"The mill stood by the river.\n"))
    result = runner.invoke(app, ["extract", name, "-o", "out/"])
    assert result.exit_code == 2
    assert error_line(result) == f"drama: error: {name}: is a gzip archive: {READS}; {advice}"


def test_a_text_of_any_name_is_still_read(runner, work):
    """A text named with no ending or one drama does not know (`story`, `notes.text`) is a
    text all the same: only bytes that are no text are refused."""
    for name in ("story", "notes.text"):
        (work / name).write_text('The mill stood by the river.\n\n"Is it late?" asked Tom.\n',
                                 encoding="utf-8")
        result = runner.invoke(app, ["extract", name])
        assert result.exit_code == 0 and "asked Tom." in result.output, result.output



@pytest.mark.parametrize("name, opening", [
    ("g.txt", "GIF89a is an image format"), ("p.md", "%PDF-1.7 is the format of"),
    ("r.txt", "{\\rtf1 is how an RTF opens, and"), ("w.txt", "RIFF1234WEBP is how a WebP opens")])
def test_a_text_opening_with_a_formats_signature_is_read(runner, work, name, opening):
    """hostile33: a text whose first bytes are a format's signature, all printable ("GIF89a
    is an image format, …"), was refused as that format ("is a GIF image"). Such a
    signature is that format only with bytes no text holds, or its own structure, after."""
    (work / name).write_text(f'{opening} long since.\n\n"Is it late?" asked Tom.\n',
                             encoding="utf-8")
    result = runner.invoke(app, ["extract", name])
    assert result.exit_code == 0 and "asked Tom." in result.output, result.output


@pytest.mark.parametrize("name, data, what", [
    ("cover.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04"
                  b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
     "is a GIF image: "),
    # a PDF with its binary comment and a compressed stream, and one all text
    ("book.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 9 /Filter /FlateDecode >>\n"
                 b"stream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\n", "is a PDF: "),
    ("book.md", OTHER_FORMATS["book.pdf"][0], "is a PDF: "),
    ("book.txt", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Hello, said Tom.}",
     "is an RTF document: "),
    ("cover.txt", b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00", "is a WebP image: ")],
    ids=["gif", "pdf-binary", "pdf-text", "rtf", "webp"])
def test_a_file_of_a_format_a_text_could_open_as_is_still_refused(runner, work, name, data,
                                                                   what):
    (work / name).write_bytes(data)
    result = runner.invoke(app, ["extract", name, "-o", "out/"])
    assert result.exit_code == 2, result.output
    assert error_line(result).startswith(f"drama: error: {name}: {what}{READS}; ")
    assert not (work / "out").exists()

# ---------------------------------------------------------------- case 7

def test_utf16_text_is_read(work, runner):
    text = (DATA / "excerpt_000.txt").read_text(encoding="utf-8")
    (work / "u16.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    assert read_text(work / "u16.txt") == read_text(work / "story.txt")
    result = runner.invoke(app, ["extract", "u16.txt", "-o", "u16.script.yaml"])
    assert result.exit_code == 0, result.output
    assert load_script(work / "u16.script.yaml").lines
    check = runner.invoke(app, ["check", "u16.script.yaml", "-c", "voices.yaml",
                                "--engine", "tone"])
    # every word of the UTF-16 source is in the script, in order (only the cast is missing)
    assert check.output.splitlines()[0].endswith(("uncast speaker", "uncast speakers")), \
        check.output


def test_utf16_without_a_mark_is_named_as_such(work, runner):
    (work / "bare.txt").write_bytes("Hello there, he said.\n".encode("utf-16-le"))
    line = error_line(runner.invoke(app, ["extract", "bare.txt"]))
    assert line == ("drama: error: bare.txt: looks like UTF-16 text without a byte-order "
                    "mark; save it as UTF-8 (or UTF-16 with a byte-order mark)")


def test_check_names_an_unknown_voice(work, runner):
    script_doc(work)
    cast = runner.invoke(app, ["cast", "ep.script.yaml", "--engine", "tone"])
    assert cast.exit_code == 0, cast.output
    casting = work / "voices.yaml"
    text = casting.read_text(encoding="utf-8")
    casting.write_text(text.replace("voice: tone/low", "voice: tone/lowe", 1)
                       if "tone/low" in text else text.replace("tone/high", "tone/hihg", 1),
                       encoding="utf-8")
    result = runner.invoke(app, ["check", "ep.script.yaml", "--engine", "tone"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].endswith("1 unknown voice")
    assert "voices.yaml:" in result.output and "unknown voice 'tone/" in result.output


def overlapping(work):
    doc = script_doc(work)
    doc["lines"][1]["start"] = doc["lines"][0]["start"]  # a split whose span was copied
    return write_doc(work, doc, "split.script.yaml")


def test_check_render_and_export_agree_on_overlapping_spans(work, runner):
    path = overlapping(work)
    check = runner.invoke(app, ["check", str(path), "--engine", "tone"])
    assert check.exit_code == 2 and "span order problem" in check.output
    where = _checked_at(check.output, "line 2:")  # ux25a: the file line, as check names it
    for command in (["export", str(path)], ["export", str(path), "-f", "fountain"],
                    ["render", str(path), "--engine", "tone", "-j", "1"]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"drama: error: {where}: script line 2: span ")
        assert "overlaps or comes before the previous line's" in line
    assert not (work / "output").exists()


def _checked_at(check_output: str, problem: str) -> str:
    """The `file:line` `drama check` names for its problem starting `problem`."""
    found = next(ln for ln in check_output.splitlines() if f": {problem}" in ln)
    return found[:found.index(f": {problem}")]


def test_render_and_build_refuse_words_check_rejects(work, runner):
    """ux25a: render and build spoke a line whose words `drama check` rejects (text edited
    to say what its span does not), exit 0. They refuse it as check does: one line naming
    the file and line, exit 2. A line made `kind: skipped` keeps its words, unspoken."""
    doc = script_doc(work)
    i = next(k for k, ln in enumerate(doc["lines"]) if ln["kind"] == "dialogue")
    doc["lines"][i]["text"] = "Something the book never says."
    path = write_doc(work, doc, "story.script.yaml")
    check = runner.invoke(app, ["check", str(path), "--engine", "tone"])
    assert check.exit_code == 2 and "word difference" in check.output
    where = _checked_at(check.output, f"line {i + 1}:")
    result = runner.invoke(app, ["render", str(path), "--engine", "tone", "-j", "1"])
    assert result.exit_code == 2
    line = error_line(result)
    assert line.startswith(f"drama: error: {where}: script line {i + 1}: "
                           "'Something the book never says' where the source has ")
    assert not (work / "output").exists()
    # build, given the text whose script this is (in the output folder), refuses it too
    (work / "out").mkdir()
    path.rename(work / "out" / "story.script.yaml")
    build = runner.invoke(app, ["build", "story.txt", "-o", "out", "--engine", "tone"])
    assert build.exit_code == 2
    assert "out/story.script.yaml:" in build.output and "where the source has" in build.output
    doc["lines"][i]["text"] = script_doc(work)["lines"][i]["text"]
    doc["lines"][i]["kind"] = "skipped"
    path = write_doc(work, doc, "cut.script.yaml")
    assert runner.invoke(app, ["check", str(path), "--engine", "tone"]).exit_code == 0
    result = runner.invoke(app, ["render", str(path), "--engine", "tone", "-j", "1",
                                 "-o", "out/"])
    assert result.exit_code == 0, result.output


def test_render_and_export_refuse_a_source_span_check_rejects(work, runner):
    """ux25a: a source_span past the end of the source: check rejected it, render and export
    (which promise to refuse the spans check rejects) went on."""
    doc = script_doc(work)
    doc["source_span"] = [0, 10 ** 6]
    path = write_doc(work, doc, "span.script.yaml")
    check = runner.invoke(app, ["check", str(path), "--engine", "tone"])
    assert check.exit_code == 2 and "1 span past the end" in check.output
    for command in (["export", str(path)],
                    ["render", str(path), "--engine", "tone", "-j", "1"]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"drama: error: {path}: source_span 0..1000000 runs past the "
                               "end of the source (")
    assert not (work / "output").exists()


def test_a_line_outside_the_scripts_source_span_is_refused(work, runner):
    """newcomer41: a book's episode script given a line pasted from the episode before (its
    span there, before the episode's source_span) was checked "ok" and the line spoken in
    both episodes: check rejects it, naming the file line, and render and export refuse."""
    doc = script_doc(work)
    text = (work / "story.txt").read_text(encoding="utf-8")
    lines = doc["lines"]
    doc["source_span"] = [lines[2]["start"], len(text)]   # lines 0 and 1 before it
    doc["lines"] = [lines[1]] + lines[2:]                 # line 1 "pasted" from before
    path = write_doc(work, doc, "ep2.script.yaml")
    check = runner.invoke(app, ["check", str(path), "--engine", "tone"])
    assert check.exit_code == 2, check.output
    assert "1 span outside the source_span" in check.output
    where = _checked_at(check.output, "line 1:")
    outside = (f"span {lines[1]['start']}..{lines[1]['end']} lies outside the script's "
               f"source_span {lines[2]['start']}..{len(text)}")
    assert f"{where}: line 1: {outside}" in check.output
    for command in (["export", str(path)],
                    ["render", str(path), "--engine", "tone", "-j", "1"]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"drama: error: {where}: script line 1: {outside}"), line
    assert not (work / "output").exists()


def test_a_bad_bitrate_names_the_option_not_a_temporary_file(work, runner):
    line = error_line(runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-o",
                                          "ep.mp3", "--bitrate", "lots"]))
    assert line == ("drama: error: --bitrate 'lots': give bits per second such as 64k, 96k "
                    "or 128000")
    assert ".tmp" not in line


@pytest.mark.parametrize("change, message", [
    (lambda d: d["lines"][0].update(start=True), "start and end must be whole numbers"),
    (lambda d: d["lines"][0].update(end=2.5), "start and end must be whole numbers"),
    (lambda d: d.update(title={"a": 1}), "title: must be text"),
    (lambda d: d["lines"][0].update(text=["a", "b"]), "text: must be text"),
    (lambda d: d["lines"][0].update(text=True), "text: must be text"),
    (lambda d: d["lines"][0].update(confidence=True), "confidence: must be a number"),
    (lambda d: d["lines"][0].update(cue={"x": 1}), "cue: must be a word"),
    (lambda d: d.update(source_sha256=7), "source_sha256: must be the hash"),
])
def test_values_of_the_wrong_type_are_errors_not_guesses(work, runner, change, message):
    doc = script_doc(work)
    change(doc)
    path = write_doc(work, doc)
    line = error_line(runner.invoke(app, ["export", str(path), "-f", "json"]))
    assert re.match(rf"drama: error: {re.escape(str(path))}:\d+: ", line) and message in line


def test_a_number_title_is_still_a_title(work, runner):
    doc = script_doc(work)
    doc["title"] = 1984
    path = write_doc(work, doc)
    assert load_script(path).title == "1984"


def test_a_page_long_speaker_name_does_not_block_casting(work, runner):
    doc = script_doc(work)
    long_name = " ".join(["Zed"] * 400)
    for line in doc["lines"]:
        if line["kind"] == "dialogue":
            line["speaker"] = long_name
            break
    path = write_doc(work, doc)
    result = runner.invoke(app, ["cast", str(path), "--engine", "tone"])
    assert result.exit_code == 0, result.output
    label = load_script(path).speakers[1] if load_script(path).speakers[0] == "Narrator" \
        else load_script(path).speakers[0]
    assert label.startswith("Zed Zed") and len(label) <= MAX_SPEAKER_CHARS
    render = runner.invoke(app, ["render", str(path), "--engine", "tone", "-j", "1", "-o",
                                 "ep.wav"])
    assert render.exit_code == 0, render.output


@pytest.mark.parametrize("mark", ["\n", "\u2028", "\u2029", "\t"],
                         ids=["newline", "U+2028", "U+2029", "tab"])
def test_a_speaker_name_on_two_lines_is_refused_with_its_line(work, runner, mark):
    # report 17, case 10: it passed, broke the txt and md exports, and made `cast` blame
    # the casting file's layout
    doc = script_doc(work)
    index = next(i for i, ln in enumerate(doc["lines"]) if ln["kind"] == "dialogue")
    doc["lines"][index]["speaker"] = f"Vladimir{mark}Lenin"
    path = write_doc(work, doc)
    file_line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(),
                                                 start=1) if "Vladimir" in text)
    for command in (["check", str(path)], ["export", str(path), "-f", "txt"],
                    ["cast", str(path), "--engine", "tone"]):
        line = error_line(runner.invoke(app, command))
        assert line == (f"drama: error: {path}:{file_line}: lines -> {index + 1} -> "
                        "speaker: must be a name on one line, without line breaks or control "
                        "characters"), command
    assert "Vladimir" not in (work / "voices.yaml").read_text(encoding="utf-8")


def test_an_unknown_top_level_key_is_named_with_its_line(work, runner):
    # newcomer42: "base" was named with the file but no line, though a line's keys had theirs
    doc = script_doc(work)
    doc["base"], doc["colour"] = "draft", "red"
    path = write_doc(work, doc)
    text = path.read_text(encoding="utf-8").splitlines()
    base, colour = (text.index(f"{key}: {value}") + 1 for key, value in
                    (("base", "draft"), ("colour", "red")))
    line = error_line(runner.invoke(app, ["check", str(path)]))
    assert line == (f"drama: error: {path}:{base}: unknown key base; "
                    f"line {colour}: unknown key colour")


def test_a_character_name_on_two_lines_is_refused(work, runner):
    doc = script_doc(work)
    doc["characters"][0]["aliases"] = ["Lev\u2028Davidovich"]
    path = write_doc(work, doc)
    line = error_line(runner.invoke(app, ["check", str(path)]))
    assert re.match(rf"drama: error: {re.escape(str(path))}:\d+: ", line) and line.endswith(
        "characters -> 1: the name and aliases must each be on one line, without line breaks "
        "or control characters")


def test_a_reader_that_stops_early_is_not_an_error(work):
    """`drama extract long.txt | head`: the closed pipe ends drama quietly, no traceback."""
    import subprocess

    from fault_util import drama_cmd, drama_env
    (work / "long.txt").write_text((work / "story.txt").read_text(encoding="utf-8") * 400,
                                   encoding="utf-8")
    proc = subprocess.Popen(drama_cmd("extract", "long.txt"), cwd=work,
                            env=drama_env(work / "cache"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "", err
    assert proc.returncode == 0


@pytest.mark.parametrize("command", [["voices"], ["review", "ep.script.yaml"],
                                     ["check", "ep.script.yaml", "--source", "story.txt"],
                                     ["export", "ep.script.yaml", "-f", "txt"]])
def test_a_closed_pipe_ends_every_command_alike(work, command):
    """newcomer47: `drama voices | head -1`, review and check exited 1 without a word, while
    export (whose few lines fit in the pipe before head left) exited 0. The reader's end is
    closed before drama writes, so every write breaks: all end with status 0, silent."""
    import subprocess

    from fault_util import drama_cmd, drama_env
    script_doc(work)
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(drama_cmd(*command), cwd=work, env=drama_env(work / "cache"),
                              stdout=write, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    assert proc.stderr.decode() == ""
    assert proc.returncode == 0


@pytest.mark.parametrize("command", [["--help"], ["--version"], ["extract", "--help"], []])
def test_help_and_version_to_a_full_disk_are_one_line(work, command):
    """hostile52: `drama --help > /dev/full` (and --version, a command's --help, a bare
    `drama`) was a traceback and exit status 1: they are written before any command's
    handler. Now as a command's output is: one line, status 2."""
    import subprocess

    from fault_util import drama_cmd, drama_env
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(drama_cmd(*command), cwd=work, env=drama_env(work / "cache"),
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert proc.stderr.decode() == ("drama: error: the disk is full; free some space and run "
                                    "again\n")   # review52: no file's "previous file is kept"
    assert proc.returncode == 2


@pytest.mark.parametrize("command", [["--help"], ["extract", "--help"]])
def test_help_read_by_head_ends_quietly_with_status_0(work, command):
    """hostile52 left it: `drama --help | head -1` ended with status 1 and nothing said
    (rich, writing the help, exits so at the closed pipe); a command's output read by head
    ends with status 0, and so does help now."""
    import subprocess

    from fault_util import drama_cmd, drama_env
    proc = subprocess.Popen(drama_cmd(*command), cwd=work, env=drama_env(work / "cache"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()    # `head` gone before the help is written: every write breaks
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == ""


def test_a_broken_pipe_not_to_stdout_is_an_error(capsys):
    """A pipe of drama's own (to ffmpeg) that breaks while stdout is fine is said, status 2:
    only a reader of stdout that left ends a command quietly."""
    import typer

    from drama.cli import handle_errors

    @handle_errors
    def encoding():
        raise BrokenPipeError(32, "Broken pipe")

    with open(os.devnull, "w") as fine, pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", fine)
        with pytest.raises(typer.Exit) as stop:
            encoding()
    assert stop.value.exit_code == 2
    assert capsys.readouterr().err == "drama: error: Broken pipe\n"


def test_a_broken_pipe_is_not_reported_as_an_error(capsys):
    """The one-line error handler lets a closed stdout end the command quietly (status 0)."""
    import typer

    from drama.cli import handle_errors

    @handle_errors
    def printing():
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(typer.Exit) as stop:
        printing()
    assert stop.value.exit_code == 0
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------- hostile report 17: a script's name

@pytest.mark.parametrize("name, like", [
    ("out/ep.script.yaml.bak", "out/ep.bak.script.yaml"),
    ("out/ep.json.old", "out/ep.old.script.yaml"),
    ("out/play.docx", "out/play.script.yaml")])
def test_a_script_name_refused_is_given_one_like_it(work, runner, name, like):
    """A backup named after its ending was told "such as ep.script.yaml.script.yaml", its
    folder dropped (walk33)."""
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", name]))
    assert line.endswith(f"): such as {like}")
    assert not (work / "out").exists()


@pytest.mark.parametrize("name", ["myscript", "ep.txt"])
def test_extract_will_not_write_a_script_under_a_name_read_as_prose(work, runner, name):
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", name]))
    assert line == (f"drama: error: {name}: a script's name ends in .yaml, .yml or .json "
                    "(drama reads any other file as a text to extract): such as "
                    f"{name.split('.')[0]}.script.yaml")
    assert not (work / name).exists()


@pytest.mark.parametrize("folder", ["out/", "new/deeper/"])
def test_extract_to_a_new_folder_written_with_a_slash_writes_inside_it(work, runner, folder):
    """`-o out/` for a folder not made yet read as a file named "out" (pathlib drops the
    slash before drama sees it) and failed: a slash means a folder, made and written in."""
    result = runner.invoke(app, ["extract", "story.txt", "-o", folder])
    assert result.exit_code == 0, result.output
    assert (work / folder / "story.script.yaml").is_file()


def test_export_to_a_new_folder_written_with_a_slash_writes_inside_it(work, runner):
    assert runner.invoke(app, ["extract", "story.txt", "-o", "s/"]).exit_code == 0
    result = runner.invoke(app, ["export", "s/story.script.yaml", "-o", "text/"])
    assert result.exit_code == 0, result.output
    assert (work / "text" / "story.txt").is_file()


def test_extract_refusing_a_script_name_makes_no_folder(work, runner):
    """The refusal came after -o's folder was made: `-o out2/x` left an empty out2/."""
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "out2/x"]))
    assert line.startswith("drama: error: out2/x: a script's name ends in")
    assert not (work / "out2").exists()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("command", [["export", "-f", "txt"], ["extract"],
                                     ["render", "--engine", "tone", "-j", "1"]])
def test_a_script_renamed_without_its_extension_is_not_read_as_prose(work, runner, fmt,
                                                                      command):
    assert runner.invoke(app, ["extract", "story.txt", "-o", f"ep.script.{fmt}"]).exit_code == 0
    (work / f"ep.script.{fmt}").rename(work / "ep")
    line = error_line(runner.invoke(app, [command[0], "ep", *command[1:]]))
    assert line == ("drama: error: ep: is a drama script (YAML or JSON), but its name does not "
                    "end in .yaml, .yml or .json, so it would be read as prose to extract; "
                    f"rename it, such as to ep.script.{fmt}")


@pytest.mark.parametrize("name", ["ep.script.yaml", "ep.yml", "EP.JSON"])
def test_extract_given_a_script_says_so(work, runner, name):
    """`drama extract ep.script.yaml` said "its name does not end in .yaml, .yml or .json
    ... rename it, such as to ep.script.yaml": false, and no way out."""
    fmt = "json" if name.lower().endswith("json") else "yaml"
    assert runner.invoke(app, ["extract", "story.txt", "-o", f"x.script.{fmt}"]).exit_code == 0
    (work / f"x.script.{fmt}").rename(work / name)
    for args in ([], ["-o", "y.script.yaml"]):
        line = error_line(runner.invoke(app, ["extract", name, *args]))
        assert line == (f"drama: error: {name}: is a drama script already, and extract reads "
                        "a text (such as .txt, .md, .html or .epub); give the script to "
                        "render, cast or export as it is")
    assert not (work / "y.script.yaml").exists()


@pytest.mark.parametrize("name, content", [
    ("voices.yaml", "narrator: {voice: gmw/en-gb-x-rp, rate: 165}\nspeakers: {}\n"),
    ("notes.json", '{"todo": ["chapter 3"]}\n'),
    ("broken.script.yml", "title: Story\nlines:\n- speaker: Tom\n  text: [unclosed\n")])
@pytest.mark.parametrize("command", [["extract"], ["build", "-o", "out", "--engine", "tone"]])
def test_a_yaml_or_json_file_that_is_no_script_is_not_read_as_prose(work, runner, name,
                                                                     content, command):
    """walk32: `drama build voices.yaml` rendered the casting file as prose (4:43 of audio
    reading its keys), where render, cast and export of it said "not a drama script"."""
    (work / name).write_text(content, encoding="utf-8")
    line = error_line(runner.invoke(app, [command[0], name, *command[1:]]))
    ending = name[name.rindex("."):]
    assert line == (f"drama: error: {name}: its name ends in {ending}, as a script's does, but "
                    "it is no drama script (a mapping with a list of lines), and extract reads "
                    "a text (such as .txt, .md, .html or .epub)")
    assert not (work / "out").exists() or not any((work / "out").rglob("*.wav"))


@pytest.mark.parametrize("poem", [
    "title: The Road Not Taken\nby Robert Frost\n\nlines:\nTwo roads diverged in a yellow "
    "wood,\n\"Stay,\" she said.\n",
    "title: A list poem\nlines:\n- eggs\n- \"Milk,\" she said.\n",
    '{ "title": a riddle }\n"lines": [ and more lines ]\n',
    '{"title": ' + "[" * 5000 + "]" * 5000 + ', "lines": []}\n'],
    ids=["lines-heading", "a-list-of-text", "json-like", "json-nested-deeply"])
def test_a_text_that_opens_like_a_script_but_is_not_one_is_prose(work, runner, poem):
    """Only a text that reads as a script (a mapping whose lines are mappings) is refused
    as a renamed script: a poem headed `title:` with a `lines:` of its own is extracted."""
    (work / "poem.txt").write_text(poem, encoding="utf-8")
    result = runner.invoke(app, ["extract", "poem.txt", "-o", "poem.script.yaml"])
    assert result.exit_code == 0, result.output
    assert load_script(work / "poem.script.yaml").lines


def test_export_into_the_sources_folder_does_not_overwrite_the_source(work, runner):
    """`drama export s/story.script.yaml -o ./` named ./story.txt, the novel the script was
    extracted from (not an input of export, so not refused): the novel was replaced by
    its own export. Review 23."""
    novel = (work / "story.txt").read_bytes()
    assert runner.invoke(app, ["extract", "story.txt", "-o", "s/"]).exit_code == 0
    for out in ("./", "story.txt"):
        line = error_line(runner.invoke(app, ["export", "s/story.script.yaml", "-o", out]))
        assert line == ("drama: error: story.txt: is the source text this script was "
                        "extracted from; writing it would destroy it: choose another output")
    assert (work / "story.txt").read_bytes() == novel


@pytest.mark.parametrize("out", ["gone/", "gone/deeper/"])
def test_output_into_a_symbolic_link_to_nothing_says_so(work, runner, out):
    """`-o gone/`, gone a symbolic link to a folder removed since, said "gone: is a file,
    not a folder" (and `-o gone/deeper/` blamed gone/deeper). Review 23."""
    (work / "gone").symlink_to("removed")
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", out]))
    assert line == ("drama: error: gone: is a symbolic link to removed, which does not "
                    "exist; create that folder or choose another output")
    assert not (work / "removed").exists()


def test_a_hidden_texts_outputs_are_named_after_it(work, runner):
    """`.story.txt -o out/` made out/.script.yaml (named by the part before the first dot:
    nothing), its export `x/.txt`, and `render -o w/` failed: "w/.wav: unknown audio
    format '(none)'". Review 23."""
    (work / "story.txt").rename(work / ".story.txt")
    assert runner.invoke(app, ["extract", ".story.txt", "-o", "out/"]).exit_code == 0
    assert (work / "out" / "story.script.yaml").is_file()
    result = runner.invoke(app, ["export", "out/story.script.yaml", "-o", "x/"])
    assert result.exit_code == 0, result.output
    assert (work / "x" / "story.txt").is_file()
    result = runner.invoke(app, ["render", ".story.txt", "--engine", "tone", "-j", "1",
                                 "-o", "w/"])
    assert result.exit_code == 0, result.output
    assert (work / "w" / "story.wav").is_file()


@pytest.mark.parametrize("name, stem", [
    ("Mr. Smith.txt", "Mr. Smith"), ("vol.1.txt", "vol.1"), ("story.txt", "story"),
    ("Mr. Smith.script.yaml", "Mr. Smith"), ("000.script.json", "000"),
    ("000.manifest.json", "000"), ("ep.wav", "ep"), (".story.txt", "story"),
    ("Mr. Smith", "Mr. Smith"), ("notes", "notes"), ("...", "drama"),
    # review24: an upper-case script's name, a name ending in a dot
    ("EP.SCRIPT.YAML", "EP"), ("story.txt.", "story"), ("a.b.script.yaml", "a.b")])
def test_a_file_is_named_by_its_name_less_its_extension(name, stem):
    """ux24: the part before the first dot named "Mr. Smith.txt"'s outputs Mr.script.yaml
    and Mr.wav, and vol.1.txt's and vol.2.txt's the same vol.*."""
    from drama.files import file_stem
    assert file_stem(name) == stem


def test_a_dotted_book_name_names_every_output_and_studio_episode_whole(work, runner):
    from drama.studio.project import open_project
    (work / "story.txt").rename(work / "Mr. Smith.txt")
    assert runner.invoke(app, ["extract", "Mr. Smith.txt", "-o", "out/"]).exit_code == 0
    script = work / "out" / "Mr. Smith.script.yaml"
    result = runner.invoke(app, ["render", str(script), "--engine", "tone", "-j", "1",
                                 "-o", "out/"])
    assert result.exit_code == 0, result.output
    assert (work / "out" / "Mr. Smith.manifest.json").is_file()
    assert [e.name for e in open_project(script, "voices.yaml").episodes] == ["Mr. Smith"]
    episodes = open_project(work / "out", "voices.yaml").episodes
    assert [(e.name, e.manifest.is_file()) for e in episodes] == [("Mr. Smith", True)]


PASSAGE = '"Come in," said Tom.\n\n"Thank you," said Anna.\n'


def _old_style_script(work, runner, text_name: str, old_name: str) -> bytes:
    """A script of text_name as drama before round 24 named it (old_name), hand-edited."""
    (work / text_name).write_text(PASSAGE, encoding="utf-8")
    (work / "out").mkdir(exist_ok=True)
    assert runner.invoke(app, ["extract", text_name, "-o", f"out/{old_name}"]).exit_code == 0
    (work / "out" / f".{old_name}.extracted").unlink()
    old = work / "out" / old_name
    old.write_text(old.read_text(encoding="utf-8").replace("Anna", "Ann"), encoding="utf-8")
    return old.read_bytes()


@pytest.mark.parametrize("command", [["extract"], ["build", "--engine", "tone", "-j", "1"]])
def test_a_script_under_its_old_name_is_pointed_out_not_ignored_unsaid(work, runner, caplog,
                                                                      command):
    """tidy24: 'Mr. Smith.txt' extracted by an older drama is out/Mr.script.yaml; drama now
    reads out/Mr. Smith.script.yaml, and a person's edits in the old one went unused unsaid.
    The old file is named (and how to use it), never renamed nor changed."""
    edited = _old_style_script(work, runner, "Mr. Smith.txt", "Mr.script.yaml")
    result = runner.invoke(app, [command[0], "Mr. Smith.txt", *command[1:], "-o", "out/"])
    assert result.exit_code == 0, result.output
    notices = [r.getMessage() for r in caplog.records if "Mr.script.yaml" in r.getMessage()]
    assert notices == [
        "out/Mr.script.yaml: a script of Mr. Smith.txt, named as older drama named it (up to "
        "the first dot); drama now uses out/Mr. Smith.script.yaml instead, so this one is not "
        "read: if it holds your edits, rename it to Mr. Smith.script.yaml (replacing the new "
        "one) and run again"]
    assert (work / "out" / "Mr.script.yaml").read_bytes() == edited


def test_an_old_named_script_of_another_text_is_not_pointed_out(work, runner, caplog):
    """out/Mr.script.yaml extracted from Mr.txt is that text's script, not Mr. Smith.txt's."""
    _old_style_script(work, runner, "Mr.txt", "Mr.script.yaml")
    (work / "Mr. Smith.txt").write_text(PASSAGE, encoding="utf-8")
    assert runner.invoke(app, ["extract", "Mr. Smith.txt", "-o", "out/"]).exit_code == 0
    assert not [r for r in caplog.records if "Mr.script.yaml" in r.getMessage()]


def test_a_tilde_the_shell_left_is_the_home_folder(work, runner, monkeypatch):
    """`--output=~/x/` reaches drama unexpanded (the shell expands ~ only at a word's
    start) and made a folder named "~" in the current one. Review 23."""
    home = work / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    result = runner.invoke(app, ["extract", "story.txt", "--output=~/x/"])
    assert result.exit_code == 0, result.output
    assert (home / "x" / "story.script.yaml").is_file()
    assert not (work / "~").exists()


@pytest.mark.parametrize("command", [["export", "--format", "txt"], ["review"]])
def test_a_command_given_the_text_says_its_edited_script_is_not_read(work, runner, caplog,
                                                                      command):
    """walk24: `drama export story.txt` extracted the text afresh while
    output/story.script.yaml, which a person had edited, lay there unread: their fix went
    unheard unsaid. It is named, with how to use it; an untouched script is not. (render
    reads it instead: test_render_of_a_text_renders_its_edited_script.)"""
    (work / "story.txt").write_text(PASSAGE, encoding="utf-8")
    folder = "output"
    assert runner.invoke(app, ["extract", "story.txt", "-o", f"{folder}/"]).exit_code == 0
    script = work / folder / "story.script.yaml"
    runner.invoke(app, [command[0], "story.txt", *command[1:]])
    assert not [r for r in caplog.records if "is not read" in r.getMessage()]
    script.write_text(script.read_text(encoding="utf-8").replace("speaker: Anna",
                                                                 "speaker: Ann"),
                      encoding="utf-8")
    result = runner.invoke(app, [command[0], "story.txt", *command[1:]])
    assert result.exit_code == 0, result.output
    notices = [r.getMessage() for r in caplog.records if "is not read" in r.getMessage()]
    assert notices == [
        f"{folder}/story.script.yaml: this text's script, edited, is not read: story.txt is "
        f"extracted afresh; to use your edits give the script instead: "
        f"{folder}/story.script.yaml"]


def test_a_script_with_nothing_to_speak_is_named(work, runner):
    """walk24: `drama render empty.script.yaml` said only "drama: error: the script has no
    line to speak", naming no file (a script without a source named nothing at all)."""
    (work / "empty.script.yaml").write_text("title: x\nlines: []\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["render", "empty.script.yaml", "--engine", "tone",
                                          "-o", "out/"]))
    assert line == "drama: error: empty.script.yaml: the script has no line to speak"


def test_check_and_render_from_inside_the_output_folder_find_the_source(work, runner,
                                                                       monkeypatch):
    """ux25a: `cd output; drama check story.script.yaml` took the build's radio play,
    output/story.txt, for the source (found by name beside the script) and reported every
    line as a word difference; `drama render` there found no source at all and rendered
    without its pauses (a shorter episode), unsaid. Both find seeds' text as from outside."""
    (work / "seeds").mkdir()
    (work / "story.txt").rename(work / "seeds" / "story.txt")
    build = runner.invoke(app, ["build", "seeds", "-o", "output", "--engine", "tone"])
    assert build.exit_code == 0, build.output
    assert (work / "output" / "story.txt").is_file()  # the radio play, beside the script
    outside = json.loads((work / "output" / "story.manifest.json").read_text())["duration"]
    monkeypatch.chdir(work / "output")
    check = runner.invoke(app, ["check", "story.script.yaml", "-c", "../voices.yaml",
                                "--engine", "tone"])
    assert check.exit_code == 0, check.output
    result = runner.invoke(app, ["render", "story.script.yaml", "-c", "../voices.yaml",
                                 "--engine", "tone", "-j", "1", "-o", "inside.wav"])
    assert result.exit_code == 0, result.output
    assert json.loads(Path("inside.manifest.json").read_text())["duration"] == outside


def test_check_takes_no_radio_play_for_a_source_that_is_gone(work, runner):
    """review25: with the text gone, check took the build's radio play output/story.txt,
    a file of the source's name beside the script, for the source: "the source text
    changed" and a word difference on every line. A file found by name only is the source
    only if it holds the text the script was extracted from."""
    (work / "seeds").mkdir()
    (work / "story.txt").rename(work / "seeds" / "story.txt")
    build = runner.invoke(app, ["build", "seeds", "-o", "output", "--engine", "tone"])
    assert build.exit_code == 0, build.output
    (work / "seeds" / "story.txt").rename(work / "gone.txt")
    check = runner.invoke(app, ["check", "output/story.script.yaml", "--engine", "tone"])
    assert check.exit_code == 2, check.output
    assert check.output.startswith("drama: error: output/story.script.yaml: cannot find the "
                                   "source text"), check.output
    (work / "gone.txt").rename(work / "seeds" / "story.txt")
    (work / "seeds" / "story.txt").write_text(
        (work / "seeds" / "story.txt").read_text(encoding="utf-8") + "\nMore.\n",
        encoding="utf-8")
    changed = runner.invoke(app, ["check", "output/story.script.yaml", "--engine", "tone"])
    assert "seeds/story.txt" in changed.output and "changed source" in changed.output


def test_a_text_built_where_it_lay_then_moved_keeps_its_script(work, runner):
    """review25: `drama build story.txt` records the source as `story.txt`, so from output/
    the build's radio play output/story.txt is where the recorded name points. With the
    text moved to texts/, check took the radio play for the changed source, and render of
    texts/story.txt took the script for another text's (no saved script, extracted now);
    given the script it rendered without the text's pauses, its source not found."""
    build = runner.invoke(app, ["build", "story.txt", "-o", "output", "--engine", "tone"])
    assert build.exit_code == 0, build.output
    built = json.loads((work / "output" / "story.manifest.json").read_text())["duration"]
    (work / "texts").mkdir()
    (work / "story.txt").rename(work / "texts" / "story.txt")
    check = runner.invoke(app, ["check", "output/story.script.yaml", "--engine", "tone"])
    assert check.exit_code == 2 and "cannot find the source text" in check.output, \
        check.output
    result = runner.invoke(app, ["render", "texts/story.txt", "--engine", "tone", "-j", "1",
                                 "-o", "again/"])
    assert result.exit_code == 0, result.output
    assert "texts/story.txt: rendering its script output/story.script.yaml" in result.output
    assert json.loads((work / "again" / "story.manifest.json").read_text())["duration"] \
        == built


def test_review_of_a_folder_names_a_script_in_it(work, runner):
    """`drama review output/` said only "is a folder, not a text file"; it now names a
    script there to give instead (walk25)."""
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    line = error_line(runner.invoke(app, ["review", "output"]))
    assert "drama review output/story.script.yaml (there:" in line, line
    (work / "output" / "tale.script.yaml").write_text("title: x\nlines: []\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["review", "output"]))  # ux29: and all of them
    assert "drama review output/story.script.yaml, or every one with drama review " \
           "output/*.script.yaml (there: story.script.yaml, tale.script.yaml)" in line, line
    empty = work / "empty"
    empty.mkdir()
    line = error_line(runner.invoke(app, ["review", "empty"]))
    assert "name a script file or a text" in line, line


def test_review_of_a_folder_names_a_script_to_paste(work, runner):
    """review25b: the command review suggests for a folder is one to paste: a script
    named with a space is quoted, a .script.json is a script too, and a folder named like
    a script is none."""
    spaced = work / "sp ace"
    spaced.mkdir()
    (spaced / "my story.script.yaml").write_text("title: x\nlines: []\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["review", "sp ace"]))
    assert "drama review 'sp ace/my story.script.yaml'" in line, line
    json_only = work / "j"
    (json_only / "a.script.yaml").mkdir(parents=True)
    (json_only / "b.script.json").write_text("{}", encoding="utf-8")
    line = error_line(runner.invoke(app, ["review", "j"]))
    assert "drama review j/b.script.json (there: b.script.json)" in line, line


def test_a_hint_s_path_or_name_starting_with_a_dash_is_pasted_as_one(work, runner):
    """hostile48: a hint wrote a path starting with "-" as it was (`drama check
    -drafts/a.script.yaml`), which the command pasted read as an option ("No such option:
    -d"); every hint writes it through wording.pasteable ("./-drafts/..."), and names
    through pasteable_names ("-- -Al"): the shell and the command read back what was meant."""
    import shlex
    drafts = work / "-drafts"
    drafts.mkdir()
    for name in ("a.script.yaml", "b.script.yaml"):
        (drafts / name).write_text("title: x\nlines: []\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["check", "./-drafts"]))
    assert "drama check ./-drafts/a.script.yaml" in line, line
    assert "drama check ./-drafts/*.script.yaml" in line, line
    pasted = shlex.split(line.split("e.g. drama ", 1)[1].split(",", 1)[0])
    assert pasted == ["check", "./-drafts/a.script.yaml"]
    assert "No such option" not in runner.invoke(app, pasted).output
    from drama.wording import pasteable, pasteable_names
    assert shlex.split(pasteable("-a b/O'Hara.txt")) == ["./-a b/O'Hara.txt"]
    assert pasteable(Path("/abs/-x")) == "/abs/-x"
    assert shlex.split(pasteable_names("-Al", "Mr. O'Hara")) == ["--", "-Al", "Mr. O'Hara"]
    assert pasteable_names("Al", "Mr Bo") == "Al 'Mr Bo'"
    # a line break or another control character: $'...' (the hint stays on one line)
    assert pasteable("nl\nname's.txt") == "$'nl\\nname\\'s.txt'"
    assert pasteable("-a\x1bb\\") == "$'./-a\\x1bb\\\\'"


def test_an_error_naming_a_file_with_a_line_break_in_its_name_is_one_line(work, runner):
    """fixes49: a file named with a line break ("nl\\nname.txt") broke the error naming it
    over two lines; each error line shows it as `ls -b` does (errors.CONTROLS_SHOWN), an
    error of several problems (voices.yaml's) still one line a problem."""
    (work / "nl\nname.txt").write_text("Hello.\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["serve", "nl\nname.txt"]))
    assert line.startswith("drama: error: nl\\nname.txt: a file, not a folder"), line
    assert line.endswith("`drama build $'nl\\nname.txt'`"), line
    line = error_line(runner.invoke(app, ["speakers", "rename", "A", "B", "-s",
                                          "no\nsuch.script.yaml"]))
    assert "no\\nsuch.script.yaml" in line, line


def test_a_folder_named_with_a_line_break_is_one_error_line_too(work, runner):
    """review49: the errors the commands say themselves (cli.common.fail, not a DramaError)
    kept a line break of a name raw: `drama check $'bad\\nfolder'` was two lines."""
    (work / "bad\nfolder").mkdir()
    for command in (["check", "bad\nfolder"], ["review", "bad\nfolder"]):
        result = runner.invoke(app, command)
        line = error_line(result)
        assert line.startswith("drama: error: bad\\nfolder: is a folder"), line
        assert result.output.count("\n") == 1, result.output


def test_progress_lines_and_warnings_naming_a_file_with_a_line_break_are_one_line(tmp_path):
    """newcomer49/fixes49: a progress line ("wrote o/bad\\nname.script.yaml") or a warning
    naming a file with a line break took two lines; each shows it as the errors do
    (common.shown_line)."""
    (tmp_path / "bad\nname.txt").write_text('"Hello there," said Anna.\n', encoding="utf-8")
    (tmp_path / "voices.yaml").write_text("narrator: {voice: tone/mid}\n", encoding="utf-8")
    proc = run_drama("extract", "bad\nname.txt", "-o", "o/", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("wrote o/bad\\nname.script.yaml: "), proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    missing = tmp_path / "lex\nicon.yaml"
    proc = run_drama("render", "o/bad\nname.script.yaml", "--engine", "tone", "-j", "1",
                     "-o", "o/", cwd=tmp_path, env={"DRAMA_LEXICON": str(missing)})
    assert proc.returncode == 0, proc.stderr
    said = proc.stderr.splitlines()
    assert [ln for ln in said if "DRAMA_LEXICON" in ln] == [
        f"drama: WARNING: DRAMA_LEXICON names {tmp_path}/lex\\nicon.yaml, which does not "
        "exist: no shared lexicon is read (make the file, or unset DRAMA_LEXICON)"]
    assert "wrote o/bad\\nname.wav and o/bad\\nname.manifest.json" in said, said
    assert not any(ln.startswith(("icon.yaml", "name.")) for ln in said), said


@pytest.mark.parametrize("command", [
    ["speakers", "rename", "A", "B", "-s", "loop.script.yaml"],
    ["speakers", "merge", "A", "B", "-s", "loop.script.yaml"],
    ["build", "shelf", "--engine", "tone", "-o", "loop"]])
def test_a_link_in_a_loop_is_one_line_not_a_traceback(work, runner, command):
    """fixes49: a script or output folder that is a link to itself (`ln -s loop loop`) made
    Path.resolve raise RuntimeError ("Symlink loop"): a traceback from speakers' edits and
    from build's look at a folder's subfolders. Now the one line of the file it cannot read."""
    (work / "loop.script.yaml").symlink_to("loop.script.yaml")
    (work / "loop").symlink_to("loop")
    (work / "shelf").mkdir()
    (work / "shelf" / "tale.txt").write_text('"Hello," said Ann.\n', encoding="utf-8")
    line = error_line(runner.invoke(app, command))
    assert "Too many levels of symbolic links" in line, line


def test_lines_that_is_no_list_is_said_at_the_line_of_lines(work, runner):
    """fixes49: a script edited so `lines:` holds a mapping was said at line 1 (the
    document's start), whatever line `lines:` is on."""
    (work / "bad.script.yaml").write_text("title: x\nsource: story.txt\nlines:\n  a: 1\n",
                                          encoding="utf-8")
    line = error_line(runner.invoke(app, ["speakers", "bad.script.yaml"]))
    assert line == "drama: error: bad.script.yaml:3: 'lines' must be a list", line


def test_an_edited_export_of_a_script_named_with_braces_is_warned_of_not_a_traceback(
        work, caplog):
    """hostile49: the warning of an edited subtitle file filled a template holding the
    script's path with str.format, so a script named "{a}.script.yaml" raised KeyError (a
    traceback from render or build); the command is now a function of the path, and pasteable."""
    import logging

    from drama.export import export_command, write_own_exports
    srt = work / "-x.srt"
    srt.write_text("1\nedited by hand\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert write_own_exports({srt: "1\nnew\n"},
                                 regenerate=export_command("{a} b.script.yaml")) == []
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(said) == 1 and said[0].endswith(
        f"`drama export '{{a}} b.script.yaml' --format srt -o {work}/-x.srt` writes drama's "
        "again"), said


@pytest.mark.parametrize("command", [["check"], ["lexicon", "suggest"], ["cast"]])
def test_check_and_lexicon_suggest_of_a_folder_name_a_script_in_it(work, runner, command):
    """`drama check out/tale` (a book's folder of episode scripts) said "needs a script file
    ...; extract one with `drama extract`", and `drama lexicon suggest output` "is a folder,
    not a text file", with the scripts right there; they now name one to give, as review
    does (walk26)."""
    assert runner.invoke(app, ["extract", "story.txt", "-o", "output/"]).exit_code == 0
    line = error_line(runner.invoke(app, [*command, "output"]))
    assert f"drama {' '.join(command)} output/story.script.yaml" in line, line
    assert "drama extract" not in line, line
    (work / "empty").mkdir()
    line = error_line(runner.invoke(app, [*command, "output/story.script.yaml", "empty"]))
    assert line.startswith("drama: error: empty: is a folder, not a script"), line


@pytest.mark.parametrize("command", [["check"], ["review"], ["cast"], ["speakers"],
                                     ["lexicon", "suggest"], ["preview", "Tom", "--script"],
                                     ["speakers", "rename", "Tom", "Tomas", "-s"]])
def test_a_folder_of_books_names_a_book_in_it(work, runner, command):
    """newcomer53: `drama speakers out/` (the folder `drama build` puts every book in) said
    "is a folder, not a script or text: name a script file or a text", and `speakers
    rename ... -s out/` told to give `-s out/*.script.yaml`, which are none: the book
    folders are right there, as `drama export out` names them."""
    for book in ("valley", "orchard"):
        (work / "out" / book).mkdir(parents=True)
        (work / "out" / book / "book.json").write_text("{}", encoding="utf-8")
    line = error_line(runner.invoke(app, [*command, "out"]))
    assert line.startswith("drama: error: out: is a folder of books, not a book: "), line
    assert "out/orchard" in line and "(there: orchard, valley)" in line, line


# ---------------------------------------------------------------- bad26

@pytest.mark.parametrize("age", ["", " "])
def test_an_empty_older_than_prunes_nothing(work, runner, age):
    """`drama cache prune --older-than "$AGE"` with AGE unset removed every segment, as --all."""
    rendered = runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1",
                                   "-o", "out/"])
    assert rendered.exit_code == 0, rendered.output
    before = runner.invoke(app, ["cache", "info"]).output
    assert " 0 segments" not in before
    pruned = runner.invoke(app, ["cache", "prune", "--older-than", age])
    assert pruned.exit_code == 2, pruned.output
    assert error_line(pruned) == (f"drama: error: --older-than {age!r}: give a number and a "
                                  "unit, e.g. 30d, 12h, 90m")
    assert runner.invoke(app, ["cache", "info"]).output == before


@pytest.mark.parametrize("width", ["-5", "0", "19"])
def test_a_width_too_narrow_to_wrap_at_is_refused(work, runner, width):
    """`export --width -5` (or 0) wrote a txt wrapped at 20 as if asked for it."""
    script_doc(work)
    result = runner.invoke(app, ["export", "ep.script.yaml", "-f", "txt", "--width", width])
    assert "--width" in error_line(result)


def test_a_page_long_word_in_a_script_line_is_quoted_short(work, runner):
    """A line's text edited to one 200,000-letter "word" (a paste gone wrong): check and
    render quoted all of it, a 200 kB error line. The quote is cut at 80 characters."""
    doc = script_doc(work)
    i = next(k for k, ln in enumerate(doc["lines"]) if ln["kind"] == "dialogue")
    doc["lines"][i]["text"] = "x" * 200_000
    path = write_doc(work, doc, "story.script.yaml")
    check = runner.invoke(app, ["check", str(path), "--engine", "tone"])
    assert check.exit_code == 2 and max(map(len, check.output.splitlines())) < 400, \
        check.output[:400]
    result = runner.invoke(app, ["render", str(path), "--engine", "tone", "-j", "1"])
    line = error_line(result)
    assert len(line) < 500 and f"'{'x' * 80} ...' where the source has " in line, line[:600]


@pytest.mark.parametrize("args", [["render", "story.txt", "--engine", "tone", "-j", "1",
                                   "-o", "out/"],
                                  ["export", "story.txt", "-f", "z" * 100_000]],
                         ids=["voice-in-voices.yaml", "option"])
def test_a_page_long_value_quoted_back_keeps_the_error_readable(work, runner, args):
    """A voice id pasted 100,000 characters long into voices.yaml (or such an option) was
    quoted whole: a 100 kB error. The line keeps its head (file:line, what is wrong) and
    tail (what to do), the middle cut."""
    casting = work / "voices.yaml"
    casting.write_text(casting.read_text(encoding="utf-8").replace(
        "voice: tone/mid", "voice: tone/" + "z" * 100_000, 1), encoding="utf-8")
    line = error_line(runner.invoke(app, args))
    assert len(line) < 1100 and " characters ...] " in line, line[:300]
    if args[0] == "render":
        assert line.startswith("drama: error: voices.yaml:") and "unknown voice" in line
        assert line.endswith("see `drama voices`"), line[-200:]


def test_check_keeps_a_page_long_voice_id_readable(work, runner):
    """check printed a 100,000-character voice id of voices.yaml whole on its problem line."""
    script_doc(work)
    casting = work / "voices.yaml"
    casting.write_text(casting.read_text(encoding="utf-8").replace(
        "voice: tone/mid", "voice: tone/" + "z" * 100_000, 1), encoding="utf-8")
    result = runner.invoke(app, ["check", "ep.script.yaml", "--engine", "tone"])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert max(map(len, lines)) < 1100, [ln[:100] for ln in lines]
    assert any("unknown voice" in ln and ln.endswith("see `drama voices`") for ln in lines)


def test_a_utf16_casting_file_is_named_as_such(work, runner):
    """voices.yaml saved as UTF-16 (Notepad's "Unicode") was "not valid UTF-8 (byte 0)"."""
    casting = work / "voices.yaml"
    casting.write_bytes(casting.read_text(encoding="utf-8").encode("utf-16"))
    line = error_line(runner.invoke(app, ["render", "story.txt", "--engine", "tone", "-j", "1",
                                          "-o", "out/"]))
    assert line.startswith("drama: error: voices.yaml: is saved as UTF-16"), line
    assert line.endswith("save it as UTF-8")


# ---------------------------------------------------------------- bad28: names not in UTF-8

LATIN1_NAME = "caf\udce9"
"""`café` as a Latin-1 file name (an old archive's) reads on a UTF-8 system: byte 0xE9,
kept by Python as the lone surrogate U+DCE9."""


LATIN1_REFUSED = ("drama: error: {}caf\\xe9.txt: is not valid UTF-8 (byte 0xE9: a name "
                  "written in another encoding); rename that file or folder")
"""The line every command that extracts such a text refuses it with ({} its folder)."""


def _latin1_named(folder: Path, suffix: str) -> Path:
    path = folder / (LATIN1_NAME + suffix)
    try:
        path.touch()
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only names in its own encoding")
    return path


def test_a_text_whose_name_is_not_utf8_is_a_clear_error_and_the_others_are_built(work, runner):
    """A text named in Latin-1 was a UnicodeEncodeError traceback when its script was written
    (the script records the text's path); in a build it stopped the whole build, the other
    texts unbuilt."""
    (work / "texts").mkdir()
    (work / "story.txt").rename(work / "texts" / "story.txt")
    _latin1_named(work / "texts", ".txt").write_bytes(
        (work / "texts" / "story.txt").read_bytes())
    line = error_line(runner.invoke(app, ["extract", f"texts/{LATIN1_NAME}.txt", "-o", "x/"]))
    assert line == LATIN1_REFUSED.format("texts/")
    result = runner.invoke(app, ["build", "texts", "--engine", "tone", "-j", "1", "-o", "b/"])
    assert result.exit_code == 2 and "1 of 2 episodes not built" in result.output, \
        result.output
    assert (work / "b" / "story.wav").is_file() and (work / "b" / "story.manifest.json").is_file()


@pytest.mark.parametrize("command", [["render", "--engine", "tone", "-o", "out/"],
                                     ["export", "-f", "json", "-o", "out/x.json"]])
def test_a_text_whose_name_is_not_utf8_is_refused_by_render_and_export_as_by_extract(
        work, runner, command):
    """tidy28: extract refused it, but render extracted and rendered it (naming the episode
    `out/caf\\udce9.wav`), and export -o was a UnicodeEncodeError traceback (the JSON
    records the text's path)."""
    _latin1_named(work, ".txt").write_bytes((work / "story.txt").read_bytes())
    result = runner.invoke(app, [command[0], f"{LATIN1_NAME}.txt", *command[1:]])
    assert result.exit_code == 2 and error_line(result) == LATIN1_REFUSED.format(""), \
        result.output
    assert not (work / "out").exists()


def test_a_script_whose_name_is_not_utf8_renders_and_is_then_up_to_date(work, runner):
    """Its manifest records the audio's name: writing it was a UnicodeEncodeError traceback
    after the whole render."""
    script_doc(work)
    script = _latin1_named(work, ".script.yaml")
    script.write_bytes((work / "ep.script.yaml").read_bytes())
    args = ["render", str(script.name), "--engine", "tone", "-j", "1", "-o", "out/"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and first.exception is None, first.output
    assert (work / "out" / f"{LATIN1_NAME}.wav").is_file()
    # named as error lines and `ls -b` name it, not as Python escapes it (caf\udce9)
    assert "wrote out/caf\\xe9.wav and out/caf\\xe9.manifest.json" in first.output, first.output
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "up to date" in again.output, again.output


def test_a_warning_names_a_file_not_in_utf8_as_the_other_lines_do(work, runner):
    """tidy28: a warning (through logging, set up by `drama` itself, hence a process of its
    own) named it `caf\\udce9.script.yaml`, where errors and say() lines say caf\\xe9."""
    script_doc(work)
    script = _latin1_named(work, ".script.yaml")
    script.write_bytes((work / "ep.script.yaml").read_bytes())
    rendered = runner.invoke(app, ["render", script.name, "--engine", "tone", "-j", "1",
                                   "-o", "out/"])
    assert rendered.exit_code == 0, rendered.output
    proc = run_drama("export", script.name, "-f", "srt", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert "drama: WARNING: caf\\xe9.script.yaml: subtitles timed by out/caf\\xe9.manifest" \
           ".json" in proc.stderr, proc.stderr


def test_a_script_whose_name_is_not_utf8_is_named_by_the_studio_not_an_error_500(work):
    """review28b: a folder holding such a script (render now writes its episode) opened in
    the studio, and every page, each listing the episodes, was an error 500
    (UnicodeEncodeError building its links)."""
    from drama.errors import InputError
    from drama.studio.project import open_project
    script_doc(work)
    (work / "out").mkdir()
    (work / "out" / "story.script.yaml").write_bytes((work / "ep.script.yaml").read_bytes())
    _latin1_named(work / "out", ".script.yaml").write_bytes(
        (work / "ep.script.yaml").read_bytes())
    for opened in ("out", f"out/{LATIN1_NAME}.script.yaml"):
        with pytest.raises(InputError) as err:
            open_project(opened, "voices.yaml")
        assert str(err.value) == (
            "out/caf\\xe9.script.yaml: is not valid UTF-8 (byte 0xE9: a name written in "
            "another encoding); rename that file or folder (the studio shows every "
            "episode's name in its pages)")


def test_a_text_named_too_long_for_the_hidden_files_beside_its_script_says_so(work, runner):
    """A text whose name fits, and its script's too, but not the hidden files drama keeps
    beside the script (`.<name>.script.yaml.extracted.pending.drama-<pid>.tmp`): the error
    was the system's "File name too long" about a file the person never named."""
    longest = os.pathconf(work, "PC_NAME_MAX")
    stem = "a" * (longest - 20)
    (work / f"{stem}.txt").write_bytes((work / "story.txt").read_bytes())
    line = error_line(runner.invoke(app, ["extract", f"{stem}.txt", "-o", "out/"]))
    assert "extracted" in line and line.endswith(
        ": the name is too long for this file system: drama also writes hidden files beside "
        "what it writes, named after it with up to 45 more characters; give the text (or the "
        "output) a shorter name"), line
    assert not (work / "out").exists()


def test_a_name_too_long_itself_does_not_blame_hidden_files(work, runner):
    """review28b: the hidden files' explanation was given for any name too long, also one
    the person typed that no file can have (`check`, which writes nothing), or a cache
    folder's."""
    name = "a" * (os.pathconf(work, "PC_NAME_MAX") + 1) + ".script.yaml"
    line = error_line(runner.invoke(app, ["check", name]))
    assert line == (f"drama: error: {name}: the name is too long for this file system; "
                    "give it a shorter one")


@pytest.mark.parametrize("command", [["extract"], ["extract", "-o", "out/"],
                                     ["cast", "--dry-run"], ["render", "--engine", "tone"]])
def test_a_text_named_too_long_is_named_with_what_to_do(work, runner, command):
    """tidy28: extract and cast of such a text said the system's bare "cannot read: File
    name too long", cast and render naming its script's name (looked for first), not it."""
    name = "a" * (os.pathconf(work, "PC_NAME_MAX") + 1) + ".txt"
    result = runner.invoke(app, [command[0], name, *command[1:]])
    assert result.exit_code == 2 and error_line(result) == (
        f"drama: error: {name}: the name is too long for this file system; give it a "
        "shorter one"), result.output


@pytest.mark.parametrize("typed", ["narrator", " NARRATOR "])
def test_a_line_given_to_the_narrator_in_lower_case_is_the_narrators(work, runner, typed):
    """A script edited by hand to `speaker: narrator` made a speaker no command could cast:
    check said "has no voice; run `drama cast`", and cast and render failed ("could not
    append new speakers safely to this file's layout ... the narrator's voice is the
    top-level `narrator:` entry"), leaving no way on. It is the narrator, in any case."""
    doc = script_doc(work)
    line = next(ln for ln in doc["lines"] if ln["kind"] == "dialogue")
    line["speaker"] = typed
    write_doc(work, doc)
    assert load_script("bad.script.yaml").lines[doc["lines"].index(line)].speaker == "Narrator"
    for args in (["cast", "bad.script.yaml", "--engine", "tone"],
                 ["check", "bad.script.yaml", "--engine", "tone"],
                 ["render", "bad.script.yaml", "--engine", "tone", "-j", "1", "-o", "out/"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    cast = yaml.safe_load((work / "voices.yaml").read_text(encoding="utf-8"))["speakers"]
    assert "narrator" not in {name.casefold() for name in cast}


@pytest.mark.parametrize("command", [["build", "story.txt", "--engine", "tone", "-o", "b/"],
                                     ["render", "story.txt", "--engine", "tone", "-o", "w/"]])
@pytest.mark.parametrize("option", ["--title", "--author"])
def test_a_title_or_author_of_spaces_alone_is_refused(work, runner, command, option):
    """review32: `--title "  "` folded to '', which silently forgets a title given before
    ('' says so on purpose). Spaces alone are refused, as a line break is, before any work."""
    line = error_line(runner.invoke(app, [*command, option, " \u00a0 "]))
    assert line == (f"drama: error: {option} holds only spaces: give one, or {option} '' "
                    "to forget the one given before"), line
    assert not Path("b").exists() and not Path("w").exists()


@pytest.mark.parametrize("bad, more", [(2, ""), (5, ""), (7, " (and 2 more)")])
def test_a_scripts_problems_are_counted_as_shown(work, runner, bad, more):
    """Up to five of a script's problems are shown, "(and N more)" counting the rest: two
    problems, both shown, were followed by "(and 1 more)" (walk33)."""
    doc = script_doc(work)
    for line in doc["lines"][:bad]:
        line["kind"] = "dialog"
    line = error_line(runner.invoke(app, ["export", str(write_doc(work, doc)), "-f", "json"]))
    assert line.count("not 'dialog'") == min(bad, 5)
    assert line.endswith("not 'dialog'" + more)


@pytest.mark.parametrize("name, data", [
    ("nul.txt", ("Hello there.\n" * 400 + "Then\x00 he went.\n").encode()),
    ("surrogate.txt", "\ufeffHello there.\n\nShe said no.\n\nAnd \udc00 then.\n".encode(
        "utf-16-le", "surrogatepass")),
])
def test_a_nul_or_a_broken_character_past_the_first_lines_names_its_line(work, runner, name,
                                                                        data):
    # a NUL past the first 4 KB, and a lone surrogate in UTF-16 with its mark, were named
    # without the line (a UTF-8 error named it)
    (work / name).write_bytes(data)
    line = error_line(runner.invoke(app, ["extract", name]))
    assert line.startswith(f"drama: error: {name}:{401 if name == 'nul.txt' else 5}: "), line


@pytest.mark.parametrize("name,data", [
    ("voices.yaml", None),  # the work folder's casting file
    ("book.json", '{"title": "River Days", "episodes": []}\n'),
    ("notes.yaml", "- buy milk\n- call Orla\n")])
def test_extract_onto_a_file_that_is_no_script_offers_nothing_to_move_over_it(
        work, runner, name, data):
    """newcomer47: `drama extract story.txt -o voices.yaml` kept the casting file, wrote
    voices.script.new.yaml and said "check it, then move it over voices.yaml": the casting
    file lost, on drama's word. A file that reads as data but no script (no `lines:`) is
    refused with nothing written; a script a person broke mid-edit still gets its proposal."""
    if data is not None:
        (work / name).write_text(data, encoding="utf-8")
    before = (work / name).read_bytes()
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", name]))
    assert line == (f"drama: error: {name}: holds no drama script (no `lines:`: a casting "
                    "file, or another file of yours), so extract writes nothing, over it or "
                    "beside it: give -o another name, such as story.script.yaml")
    assert (work / name).read_bytes() == before
    assert not list(work.glob("*.new.*"))
    (work / "ep.script.yaml").write_text("title: x\nlines: [\n", encoding="utf-8")  # broken
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "ep.script.yaml"]))
    assert "move it over ep.script.yaml" in line and (work / "ep.script.new.yaml").is_file()
    (work / "ep.script.new.yaml").unlink()
    (work / "ep.script.yaml").write_text("\n", encoding="utf-8")  # empty: no one's file lost
    line = error_line(runner.invoke(app, ["extract", "story.txt", "-o", "ep.script.yaml"]))
    assert "move it over ep.script.yaml" in line and (work / "ep.script.new.yaml").is_file()


def test_extract_to_a_dash_writes_to_stdout_as_export_does(work, runner):
    """newcomer47: `drama export ... -o -` writes to stdout, but `drama extract story.txt -o -`
    was refused, told to name the script `-.script.yaml`."""
    result = runner.invoke(app, ["extract", "story.txt", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("title: ") and "\nlines:\n" in result.stdout
    assert not (work / "-").exists() and not list(work.glob("*script*"))


# ---------------------------------------------------------- newcomer47: an empty -o

@pytest.mark.parametrize("command", [["extract", "story.txt"],
                                     ["export", "ep.script.yaml", "-f", "txt"],
                                     ["render", "ep.script.yaml", "--engine", "tone"],
                                     ["build", ".", "--engine", "tone"],
                                     ["preview", "--engine", "tone"]])
def test_an_empty_output_is_refused_not_taken_as_the_current_folder(runner, work, command):
    """`-o ''` (an unset variable, `-o "$OUT"`) wrote into the current folder (extract,
    export) or as if no -o were given (render, build): now one line, nothing written."""
    script_doc(work)
    before = sorted(p.name for p in work.iterdir())
    result = runner.invoke(app, [*command, "-o", ""])
    assert result.exit_code == 2
    assert error_line(result) == ("drama: error: -o is empty (''): give a file or a folder "
                                  "(such as -o out/)")
    assert sorted(p.name for p in work.iterdir()) == before


@pytest.mark.parametrize("command, empty, name", [
    (["build", "", "--engine", "tone"], "", "'BOOK_OR_FOLDER'"),
    (["serve", " "], " ", "'FOLDER'"),
    (["extract", ""], "", "'INPUT'"),
    (["check", "ep.script.yaml", ""], "", "'SCRIPTS'"),
    (["cast", "ep.script.yaml", "-c", "", "--dry-run"], "", "'--casting' / '-c'"),
    (["export", "ep.script.yaml", "-f", "srt", "-m", ""], "", "'--manifest' / '-m'"),
    (["speakers", "merge", "A", "B", "-s", ""], "", "'--script' / '-s'")])
def test_an_empty_path_is_refused_not_taken_as_the_current_folder(runner, work, command,
                                                                 empty, name):
    """fixes48: an empty path (`drama build "$BOOK"` with BOOK unset) was Path(""), the current
    folder: `build ''` built every text of the folder drama ran in, `serve ''` served it. Now
    every path argument or option refuses it, one line, as an empty -o is, nothing written."""
    script_doc(work)
    before = sorted(p.name for p in work.iterdir())
    result = runner.invoke(app, command)
    assert error_line(result) == (f"drama: error: Invalid value for {name}: is empty "
                                  f"({empty!r}): give a file or a folder (`drama "
                                  f"{' '.join(command[:2 if command[0] == 'speakers' else 1])}"
                                  " -h` for help)")
    assert sorted(p.name for p in work.iterdir()) == before


def test_an_output_folder_whose_name_starts_with_a_dash_is_encoded_into(runner, work):
    """fixes48: ffmpeg was given the files' paths as they are, so a build into `-o -book`
    (`-book/tiny/001-….mp3`) was read as an option: "could not encode mp3: Error splitting
    the argument list: Option not found", exit 2, no episode. Paths go to ffmpeg as files
    (encode.ffmpeg_file): the episode's mp3 and the book's m4b are written."""
    (work / "tiny.txt").write_text('Chapter 1\n\n"Hello there," said Ann. "Go on."\n\n'
                                   'Chapter 2\n\n"Why?" asked Bob.\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "tiny.txt", "--engine", "tone", "-o", "-book",
                                 "-e", "chapter"])
    assert result.exit_code == 0, result.output
    book = work / "-book" / "tiny"
    assert (book / "tiny.m4b").stat().st_size and list(book.glob("001-*.mp3")), result.output


def test_build_into_stdout_is_refused_not_a_folder_named_dash(runner, work):
    """fixes48: `-o -` is stdout to extract and export, but `drama build story.txt -o -` made a
    folder named "-" and built into it, exit 0. Now one line saying so; ./- is that folder."""
    result = runner.invoke(app, ["build", "story.txt", "--engine", "tone", "-o", "-"])
    assert error_line(result) == (
        "drama: error: -o - is stdout (as extract and export write a script there), and build "
        "writes several files into a folder: give a folder, e.g. -o out (one named -: -o ./-)")
    assert not (work / "-").exists()


@pytest.mark.parametrize("command", [["serve", "nowhere"],
                                     ["studio", "nowhere", "--no-browser"]])
@pytest.mark.parametrize("host", ["", " "])
def test_an_empty_host_is_refused_not_every_address(runner, work, command, host):
    """fixes48: `drama serve out/book --host "$HOST"` with HOST unset listened on every
    address (the folder open to the whole network) and said `serving … at http://:8000/`;
    the studio's --host as well. Now one line before anything is read or served."""
    result = runner.invoke(app, [*command, "--host", host])
    assert error_line(result) == (
        f"drama: error: --host is empty ({host!r}): give an address, such as 127.0.0.1 (this "
        "machine, the default) or 0.0.0.0 (every device on the network)")


# ---------------------------------------------------------- newcomer47: one form of error line

@pytest.mark.parametrize("key, value, message", [
    ("start", "forty", "lines -> 2: start and end must be whole numbers, start <= end"),
    ("end", "-3", "lines -> 2: start and end must be whole numbers, start <= end"),
    ("kind", "speech", "lines -> 2 -> kind: must be one of ")])
def test_a_wrong_value_is_named_file_colon_line_of_the_value(work, runner, key, value, message):
    """A broken script said `FILE:57: not valid YAML`, a wrong value `FILE: line 50: lines ->
    2: ...`, 50 the entry's first line, not the `start: forty` on 55: both are `FILE:LINE:`,
    LINE the one holding the value, as an editor jumps to."""
    script_doc(work)
    path = work / "ep.script.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    entries = [n for n, row in enumerate(text) if row.startswith("- speaker:")]
    at = next(n for n in range(entries[1], entries[2]) if text[n].startswith(f"  {key}:"))
    assert at > entries[1]
    text[at] = f"  {key}: {value}"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    for command in (["check", str(path)], ["export", str(path), "-f", "txt"]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"drama: error: {path}:{at + 1}: {message}"), (command, line)


@pytest.mark.parametrize("value", ["5", "{a: 1}", "some words"])
def test_lines_that_are_no_list_are_named_at_their_own_line(work, runner, value):
    """newcomer49: `lines: 5` (or a mapping) was `FILE:1: 'lines' must be a list`, the
    line of the script's first key, not of `lines:`."""
    script_doc(work)
    path = work / "ep.script.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    at = text.index("lines:")
    path.write_text("\n".join(text[:at] + [f"lines: {value}"]) + "\n", encoding="utf-8")
    line = error_line(runner.invoke(app, ["check", str(path)]))
    assert line == f"drama: error: {path}:{at + 1}: 'lines' must be a list"


@pytest.mark.parametrize("entry", ["- [a, b]", "- - a\n  - b", "- 2", "- some words", "- null"])
def test_an_entry_of_lines_that_is_no_mapping_is_named_at_its_line(work, runner, entry):
    """fixes49/fixes50: an entry of `lines` that is a list or a word was `FILE: lines -> 2:
    must be a mapping ...`, with no line (the reader recorded lines for mappings only); now
    the line it starts on, in YAML. A JSON script's entry is named by its number alone."""
    script_doc(work)
    path = work / "ep.script.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    entries = [n for n, row in enumerate(text) if row.startswith("- speaker:")]
    text[entries[1]:entries[1]] = entry.split("\n")  # the new second entry
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    for command in (["check", str(path)], ["export", str(path), "-f", "txt"]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"drama: error: {path}:{entries[1] + 1}: lines -> 2: must be a "
                               "mapping"), (command, line)
    json_path = work / "ep.script.json"
    doc = script_doc(work)
    doc["lines"].insert(1, ["a", "b"])
    json_path.write_text(json.dumps(doc), encoding="utf-8")
    line = error_line(runner.invoke(app, ["check", str(json_path)]))
    assert line.startswith(f"drama: error: {json_path}: lines -> 2: must be a mapping"), line


@pytest.mark.parametrize("record", ['"x"', '{"foo": "x"}', '[1]'])
def test_a_json_script_s_own_key_named_as_the_reader_s_record_is_no_traceback(
        tmp_path, runner, record):
    """review49: a JSON script holding `"__key_lines__"` (the name under which the YAML
    reader records its keys' lines) was read as that record: `"x"` with `lines: 5` or an
    unknown key was a traceback (AttributeError, TypeError), not one line of exit 2."""
    for lines, said in (("5", "'lines' must be a list"),
                        ("[]", "unknown key(s) __key_lines__, bar, foo")):
        path = tmp_path / "ep.script.json"
        path.write_text(f'{{"title": "x", "__key_lines__": {record}, "foo": 1, "bar": 2, '
                        f'"lines": {lines}}}', encoding="utf-8")
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 2, result.output
        assert said in error_line(result)


@pytest.mark.parametrize("record, entry", [
    ('"__entry_lines__": [7, 9]', '["a", "b"]'),
    ('"__key_lines__": {"lines": 7}', '["a", "b"]'),
    ("", '{"__line__": 7, "speaker": "Nell", "kind": "bogus", "text": "Hi."}'),
    ("", '{"__line__": {"kind": 7}, "speaker": "Nell", "kind": "bogus", "text": "Hi."}')])
def test_a_json_scripts_own_key_named_as_a_line_record_names_no_line(
        tmp_path, runner, record, entry):
    """review50: a JSON script's own `"__entry_lines__": [7, 9]` (the name under which the
    YAML reader records where each entry of `lines` starts) was read as that record, its
    errors named at a made-up `ep.script.json:7:`; so was an entry's own `"__line__": 7`
    (and `{"kind": 7}` a traceback). A JSON script has no lines: such a key is one of its
    own, an unknown one, named as any other."""
    path = tmp_path / "ep.script.json"
    head = f"{record}, " if record else ""
    path.write_text(f'{{"title": "x", {head}"lines": [{entry}]}}', encoding="utf-8")
    for command in (["check", str(path)], ["export", str(path), "-f", "txt"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        line = error_line(result)
        assert line.startswith(f"drama: error: {path}: "), line
        name = record.split('"')[1] if record else "__line__"
        assert f"unknown key(s) {name}" in line, line


@pytest.mark.parametrize("value", ["bogus", "ifno", "shutdown", "BASIC_FORMAT", "a\nb"])
def test_a_drama_log_that_names_no_level_is_one_error_line(tmp_path, value):
    """newcomer49: DRAMA_LOG=bogus was silently the default (a typo, "ifno", showed nothing
    more), and a name of logging's that is no level (shutdown) a traceback; now one line
    naming the variable and its value, exit status 2, before the command does anything."""
    proc = run_drama("extract", "story.txt", cwd=tmp_path, env={"DRAMA_LOG": value})
    assert one_error_line(proc) == ("drama: error: DRAMA_LOG must be one of debug, info, "
                                    f"warning, error, critical (or unset), not {value!r}")
    for fine in ("INFO", "warning", " "):  # any case; set but empty is unset
        proc = run_drama("extract", "story.txt", cwd=tmp_path, env={"DRAMA_LOG": fine})
        assert one_error_line(proc) == "drama: error: story.txt: no such file", fine
