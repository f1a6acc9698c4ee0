"""A book's folder and its episodes' file names (drama.book.episodes.slugify): letters of
every script kept, safe on every file system, and books built under the ASCII-only names
of before still found where they are."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from test_book_series import PROSE, build

from drama.book import episodes
from drama.book.episodes import ascii_slug, book_folder, slugify
from drama.book.scripts import episode_scripts
from drama.source import read_source


@pytest.mark.parametrize("title, slug", [
    ("café", "café"),
    ("Café Noir!", "café-noir"),
    ("Cafe\u0301", "café"),  # decomposed: NFC, one name however it was typed
    ("Война и мир", "война-и-мир"),
    ("吾輩は猫である", "吾輩は猫である"),
    ("नमस्ते दुनिया", "नमस्ते-दुनिया"),  # vowel signs (marks) stay with their letters
    ("Winter_Tales", "winter-tales"),
    ("Volume I. Chapter I", "volume-i-chapter-i"),
])
def test_a_slug_keeps_the_letters_of_every_script(title, slug):
    assert slugify(title) == slug
    assert unicodedata.is_normalized("NFC", slugify(title))


@pytest.mark.parametrize("title", [
    ".hidden", "a/b\\c", "x:y*z?\"<>|", "tab\there", "nul\x00byte", "\u200bzero width",
    "CON", "nul.txt", "Lpt1", "com9", "...", "",
])
def test_a_slug_is_a_name_every_file_system_takes(title):
    slug = slugify(title)
    assert slug and not slug.startswith((".", "-")) and not slug.endswith((".", " "))
    assert not any(c in slug for c in '/\\:*?"<>|') and slug.isprintable()
    assert slug.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "com9", "lpt1"}


@pytest.mark.parametrize("title", ["猫" * 40, "x" * 100, "e\u0301" * 40, "война " * 20])
def test_a_slug_is_held_to_its_length_in_bytes_and_never_empty_for_a_long_word(title):
    slug = slugify(title, 48)
    assert 0 < len(slug.encode()) <= 48
    assert title.startswith(slug[:3]) or unicodedata.normalize("NFC", title).startswith(slug)


def test_ascii_titles_keep_the_names_they_had():
    """Every existing ASCII book and episode keeps its name: slugify is ascii_slug there."""
    for title in ("Emma Vol 1", "Winter_Tales", "CHAPTER IV", "part 3",
                  "The Adventures of Tom Sawyer and Huckleberry Finn on the Great River"):
        assert slugify(title) == ascii_slug(title)


def test_a_book_named_in_any_script_gets_a_folder_of_its_own(tmp_path):
    out = tmp_path / "out"
    assert book_folder(Path("café.txt"), out) == out / "café"
    assert book_folder(Path("Война и мир.txt"), out) == out / "война-и-мир"
    assert book_folder(Path("吾輩は猫である.epub"), out) == out / "吾輩は猫である"
    assert book_folder(Path("Анна Каренина.txt"), out) != book_folder(Path("Война и мир.txt"), out)


def cafe_book(path: Path) -> Path:
    parts = ["Title: Café", "", "Author: Ann Writer", "", ""]
    for name in ("I", "II"):
        parts += [f"CHAPTER {name}.", "", PROSE, "", '"Is it time?" asked Tom.', "",
                  '"It is," said Mary.', "", ""]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_a_book_built_under_its_old_ascii_folder_is_built_there_again(
        runner, tmp_path, monkeypatch):
    """café.txt built by an older drama is in out/caf/: built again, the build finds it
    there, its edits and all, and makes no out/café/ beside it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    src = cafe_book(tmp_path / "café.txt")
    out, casting = tmp_path / "out", tmp_path / "voices.yaml"
    with monkeypatch.context() as old_drama:
        old_drama.setattr(episodes, "slugify", ascii_slug)
        build(runner, src, out, casting)
    folder = out / "caf"
    first = folder / "001-chapter-i.script.yaml"
    first.write_text(first.read_text().replace("speaker: Mary", "speaker: Tom", 1))
    edited = first.read_bytes()
    assert book_folder(src, out) == folder
    again = build(runner, src, out, casting)
    assert not (out / "café").exists(), again.output
    assert first.read_bytes() == edited
    assert "2 up to date" in again.output, again.output
    # a new book of a non-ASCII name is built under it
    fresh = cafe_book(tmp_path / "crème.txt")
    build(runner, fresh, out, casting)
    assert (out / "crème" / "book.json").is_file() and not (out / "crm").exists()


def test_an_episode_script_written_under_its_old_ascii_name_is_read_and_kept(
        tmp_path, monkeypatch):
    """A book cut whole, titled Café, had its episode in 001-caf.script.yaml: extracted
    again, the edited script there is the episode's (not left beside a fresh 001-café)."""
    src = cafe_book(tmp_path / "café.txt")
    folder = tmp_path / "caf"
    folder.mkdir()
    with monkeypatch.context() as old_drama:
        old_drama.setattr(episodes, "slugify", ascii_slug)
        before, _ = episode_scripts(src, read_source(src), folder, "whole", "Café")
    assert [ep.name for ep in before] == ["001-caf"]
    path = folder / "001-caf.script.yaml"
    path.write_text(path.read_text().replace("speaker: Mary", "speaker: Tom"))
    edited = path.read_bytes()
    again, kept = episode_scripts(src, read_source(src), folder, "whole", "Café")
    assert not kept  # no book.json: extracted again
    assert [ep.name for ep in again] == ["001-caf"]
    assert path.read_bytes() == edited
    assert not [ln for ln in again[0].script.lines if ln.speaker == "Mary"]  # the edit is read
    assert sorted(p.name for p in folder.glob("*.yaml")) == ["001-caf.script.yaml"]
    # a folder of none: the new name
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    new, _ = episode_scripts(src, read_source(src), fresh, "whole", "Café")
    assert [ep.name for ep in new] == ["001-café"]
