"""The letter classes and compiled patterns kept between runs (drama/extract/pattern_cache.py):
a kept pattern is the one re.compile returns, read back without being parsed, and the kept
classes are the ones letters.py reads from the Unicode categories; a damaged file or a folder
that cannot be written costs the work again, never a wrong value. And letters.MARKS:
"[\\w" + MARKS + "]" is "[\\w" + LOWER + "]"."""
import re
import re._parser
import sys

import pytest

import drama.extract  # noqa: F401  (every module holding a pattern compiled later)
from drama.extract import letters, pattern_cache
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
    first = pattern_cache.compile(later.pattern, later._flags)
    assert len(list((tmp_path / "patterns").iterdir())) == 1
    kept = pattern_cache.compile(later.pattern, later._flags)
    for p in (first, kept):      # == compares the pattern, its flags and its program
        assert p == compiled
        assert (p.groups, p.groupindex, p.flags) == (compiled.groups, compiled.groupindex,
                                                     compiled.flags)


def test_a_kept_pattern_is_read_back_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    pattern = r"(?P<name>[A-Z][a-z]+)(?i:\s+said)"
    pattern_cache.compile(pattern)

    def parse(*args):
        raise AssertionError("parsed again")
    monkeypatch.setattr(re._parser, "parse", parse)
    kept = pattern_cache.compile(pattern)
    assert kept.match("Anna SAID").group("name") == "Anna"


def test_a_damaged_kept_file_is_compiled_again_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    pattern = r"\b(Mr|Mrs)\.?\s+([A-Z]\w+)"
    pattern_cache.compile(pattern)
    (kept,) = (tmp_path / "patterns").iterdir()
    good = kept.read_bytes()
    for damage in (b"", good[:len(good) // 2], b"not marshal at all", good.replace(b"Mrs", b"Mme")):
        kept.write_bytes(damage)
        assert pattern_cache.compile(pattern) == re.compile(pattern)
        assert kept.read_bytes() == good


def test_a_cache_folder_that_cannot_be_written_costs_a_compile(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("DRAMA_CACHE", str(blocker))
    assert pattern_cache.compile(r"[A-Z]+") == re.compile(r"[A-Z]+")


def test_another_flag_is_another_kept_pattern(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    assert pattern_cache.compile("anna").match("ANNA") is None
    assert pattern_cache.compile("anna", re.I).match("ANNA") is not None
    assert pattern_cache.compile("anna").match("ANNA") is None


def test_the_kept_letter_classes_are_the_ones_read_from_the_categories(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path))
    made = []

    def classes():
        made.append(1)
        return letters._classes()
    first = pattern_cache.kept("letters", letters._DEFINITION, classes)
    again = pattern_cache.kept("letters", letters._DEFINITION, classes)
    assert first == again == letters._classes() == (letters.UPPER, letters.LOWER, letters.LETTER,
                                                    letters.MARKS)
    assert len(made) == 1      # read back the second time
    assert pattern_cache.kept("letters", "another letters.py", classes) == first
    assert len(made) == 2      # an edit of letters.py is another key: made again


def test_word_characters_and_marks_are_word_characters_and_lower():
    with_marks, with_lower = re.compile(r"[\w" + MARKS + "]"), re.compile(r"[\w" + LOWER + "]")
    differ = [c for c in range(sys.maxunicode + 1)
              if bool(with_marks.match(chr(c))) != bool(with_lower.match(chr(c)))]
    assert differ == []
    assert len(MARKS) < len(LOWER) / 2      # why MARKS: the shorter class, quicker to compile
