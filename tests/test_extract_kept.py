"""The letter classes, word lists and compiled patterns kept between runs
(drama/extract/kept.py): a kept pattern is the one re.compile returns, read back without being
parsed, and the kept classes and lists are the ones read from the Unicode categories and the
data files; a damaged file or a folder
that cannot be written costs the work again, never a wrong value. And letters.MARKS:
"[\\w" + MARKS + "]" is "[\\w" + LOWER + "]"."""
import re
import re._parser
import sys

import pytest

import drama.extract  # noqa: F401  (every module holding a pattern compiled later)
from drama.extract import kept, letters, lexicon
from drama.extract.letters import LOWER, MARKS
from drama.extract.scan import LaterPattern


def later_patterns() -> list[LaterPattern]:
    """Every pattern the extractor compiles at its first use."""
    found = {id(v): v for name, module in list(sys.modules.items())
             if name.startswith("drama.") and module is not None
             for v in vars(module).values() if isinstance(v, LaterPattern)}
    return list(found.values())


def test_the_extractor_holds_its_thirty_costly_patterns():
    assert len(later_patterns()) >= 30


@pytest.mark.parametrize("later", later_patterns(), ids=lambda p: p.pattern[:30])
def test_a_kept_pattern_is_the_one_re_compile_returns(later, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    compiled = re.compile(later.pattern, later._flags)
    first = kept.compile(later.pattern, later._flags)
    assert len(list((tmp_path / "extract").iterdir())) == 1
    again = kept.compile(later.pattern, later._flags)
    for p in (first, again):      # == compares the pattern, its flags and its program
        assert p == compiled
        assert (p.groups, p.groupindex, p.flags) == (compiled.groups, compiled.groupindex,
                                                     compiled.flags)


def test_a_kept_pattern_is_read_back_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    pattern = r"(?P<name>[A-Z][a-z]+)(?i:\s+said)"
    kept.compile(pattern)

    def parse(*args):
        raise AssertionError("parsed again")
    monkeypatch.setattr(re._parser, "parse", parse)
    read_back = kept.compile(pattern)
    assert read_back.match("Anna SAID").group("name") == "Anna"


def test_a_damaged_kept_file_is_compiled_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    pattern = r"\b(Mr|Mrs)\.?\s+([A-Z]\w+)"
    kept.compile(pattern)
    (file,) = (tmp_path / "extract").iterdir()
    good = file.read_bytes()
    for damage in (b"", good[:len(good) // 2], b"not marshal at all", good.replace(b"Mrs", b"Mme")):
        file.write_bytes(damage)
        assert kept.compile(pattern) == re.compile(pattern)
        assert file.read_bytes() == good


def test_a_cache_folder_that_cannot_be_written_costs_a_compile(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("DRAMA_CACHE", str(blocker))
    assert kept.compile(r"[A-Z]+") == re.compile(r"[A-Z]+")


def test_another_flag_is_another_kept_pattern(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    assert kept.compile("anna").match("ANNA") is None
    assert kept.compile("anna", re.I).match("ANNA") is not None
    assert kept.compile("anna").match("ANNA") is None


def test_the_kept_letter_classes_are_the_ones_read_from_the_categories(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    made = []

    def classes():
        made.append(1)
        return letters._classes()
    first = kept.value("letters", letters._DEFINITION, classes)
    again = kept.value("letters", letters._DEFINITION, classes)
    assert first == again == letters._classes() == (letters.UPPER, letters.LOWER, letters.LETTER,
                                                    letters.MARKS)
    assert len(made) == 1      # read back the second time
    assert kept.value("letters", "another letters.py", classes) == first
    assert len(made) == 2      # an edit of letters.py is another key: made again


def test_a_kept_word_list_is_the_files_words_and_follows_its_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    (tmp_path / "list.txt").write_bytes(b"# a header\r\n anna \r\nbob\rcarl\n\n#x\n")
    assert lexicon.word_list("list.txt") == frozenset({"anna", "bob", "carl"})
    assert lexicon.word_list("list.txt") == frozenset({"anna", "bob", "carl"})   # read back
    (tmp_path / "list.txt").write_text("anna\ndora\n")
    assert lexicon.word_list("list.txt") == frozenset({"anna", "dora"})


def test_word_characters_and_marks_are_word_characters_and_lower():
    with_marks, with_lower = re.compile(r"[\w" + MARKS + "]"), re.compile(r"[\w" + LOWER + "]")
    differ = [c for c in range(sys.maxunicode + 1)
              if bool(with_marks.match(chr(c))) != bool(with_lower.match(chr(c)))]
    assert differ == []
    assert len(MARKS) < len(LOWER) / 2      # why MARKS: the shorter class, quicker to compile
