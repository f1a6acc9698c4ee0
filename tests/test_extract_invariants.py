"""The nothing-lost rule and span invariants of the script: on the seeds, on any string
(hypothesis), and on every PDNC dev novel in every typography."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drama.extract import extract_script
from drama.extract.quotes import find_quotes
from drama.model import KINDS, NARRATOR
from drama.wordchars import WORD, word_key


def covered_alnum_gaps(text: str, lines) -> list[str]:
    """Letters and digits of text that no line's span covers."""
    covered = bytearray(len(text))
    for ln in lines:
        covered[ln.start:ln.end] = b"\x01" * (ln.end - ln.start)
    return [c for i, c in enumerate(text) if c.isalnum() and not covered[i]]


def alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def words(text: str) -> list[str]:
    """The words `drama check` compares (wordchars.WORD, word_key): runs of letters and
    digits, a soft hyphen or zero-width space inside one no break ("0\u00ad0" is "00")."""
    return [word_key(w) for w in WORD.findall(text)]


def test_lines_are_ordered_non_overlapping_and_inside(seed_text):
    script = extract_script(seed_text)
    prev_end = 0
    for ln in script.lines:
        assert 0 <= ln.start < ln.end <= len(seed_text)
        assert ln.start >= prev_end
        prev_end = ln.end


def test_nothing_lost_on_seeds(seed_text):
    script = extract_script(seed_text)
    assert covered_alnum_gaps(seed_text, script.lines) == []


def test_line_text_is_the_span_without_quote_marks(seed_text):
    script = extract_script(seed_text)
    for ln in script.lines:
        words = [w for w in ln.text.split() if any(c.isalnum() for c in w)]
        span = seed_text[ln.start:ln.end]
        for w in words[:3]:
            assert w.strip("“”‘’\"'.,;:!?") in span


def test_seeds_have_dialogue_with_named_speakers(seed_text):
    script = extract_script(seed_text)
    dialogue = [ln for ln in script.lines if ln.kind == "dialogue"]
    assert len(dialogue) >= 10
    assert all(ln.speaker and ln.speaker != "Narrator" for ln in dialogue)
    assert all(ln.cue and ln.confidence is not None for ln in dialogue)


# --- property tests: any string, and every dev novel in every typography -------------------

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DRAMA_SHARED", ROOT.parent / "shared"))
PDNC = SHARED / "data" / "pdnc-dev"

# text made mostly of the characters that make quotation finding hard
MARKY = st.lists(
    st.sampled_from(list("\"'“”‘’«»„‹›‚—–-") + list(" \n\n\t") + list("aAzZ09.,!?;:()_")
                    + ["don’t", "’tis", "workers’", "said he", "Mr. ", "\n\n— ", "é"]),
    max_size=150,
).map("".join)
ANY = st.text(max_size=200)


def check_script(text: str) -> None:
    script = extract_script(text)
    prev_end = 0
    for ln in script.lines:
        assert 0 <= ln.start < ln.end <= len(text)
        assert ln.start >= prev_end
        assert ln.kind in KINDS
        assert ln.text == " ".join(ln.text.split())
        # every word of its span and no other: a word is in exactly one line, as itself
        assert words(ln.text) == words(text[ln.start:ln.end]), (ln.text, text[ln.start:ln.end])
        if ln.kind in ("chapter", "skipped"):
            # a heading or skipped matter is the narrator's, says what it is, and keeps
            # exactly the words of its span (a skipped licence is kept, never dropped)
            assert ln.speaker == NARRATOR and ln.level
            assert alnum(ln.text) == alnum(text[ln.start:ln.end])
        prev_end = ln.end
    assert covered_alnum_gaps(text, script.lines) == []
    for q in find_quotes(text):
        assert 0 <= q.open <= q.start <= q.end <= q.close <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(MARKY, ANY))
def test_any_string_keeps_the_invariants(text):
    check_script(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "“It was,” she wrote, “a critical moment.”", "‘It was’, she wrote, ‘a moment.’",
    "He said: “Go home.", "It is uncultured.”", "‘Our arrest is imminent.”", "the Kadets’ men",
    "a “nonparty” body", "\"Yes, Oliver,\" said he. \"Go to \"prentice\" now.\"",
    "« Où ? » dit-il.", "— Where are you going? — he asked.", "\n\n", "\n", " "]),
    max_size=12))
def test_generated_passages_keep_the_invariants(parts):
    check_script("".join(parts))


def _dev_novels():
    if not PDNC.is_dir():
        return []
    return sorted(p.name for p in PDNC.iterdir() if (p / "novel_text.txt").is_file())


@pytest.mark.parametrize("text", [
    "He stood in the workers’ hall“Well…” and waited.",
    "They called it a“nonparty”body, and smiled.",
    "He said“Go home”and left.",
    "Er sagte„Ja“und ging.",
    "The sign read「出口」here.",
    "She wrote “‘Yes’”twice.",
])
def test_a_mark_set_flush_between_two_words_keeps_them_two(text):
    # dropping the marks glued the words ("hallWell"): check and render refused the script
    check_script(text)


@pytest.mark.slow
@pytest.mark.parametrize("style", ["straight", "curly", "british"])
def test_dev_novels_keep_the_invariants(style):
    novels = _dev_novels()
    if not novels:
        pytest.skip("PDNC dev data not present")
    sys.path.insert(0, str(SHARED / "eval"))
    try:
        import pdnc_eval
    finally:
        sys.path.pop(0)
    for name in novels:
        text, _cast, quotes = pdnc_eval.load_novel(str(PDNC / name))
        check_script(pdnc_eval.restyle(text, quotes, style))


@pytest.mark.parametrize("text", [
    '"' * 100_000,                      # every mark an orphan closing quote
    "‘the workers’ " * 20_000,          # a British text of ambiguous apostrophes
    "‘“" * 50_000,                      # openings that never close
    "\n— a — b — c" * 20_000,           # dash-led lines with asides
], ids=["straight-marks", "apostrophes", "nested-openings", "dashes"])
def test_pathological_input_stays_linear(text):
    # quadratic scanning would take minutes here; linear takes well under a second
    t0 = time.perf_counter()
    check_script(text)
    assert time.perf_counter() - t0 < 20


def test_extracting_runs_without_the_cycle_collector(seed_text):
    """The collector's passes over the objects an extraction makes (and keeps until it ends)
    took 4-5% of the time on the PDNC novels (bench/extract_cpu.py): none run while it
    works, and it is on again after."""
    import gc
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])
    gc.collect()
    gc.callbacks.append(count)
    try:
        extract_script(seed_text * 3)
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled()
    # at most the one pass over the young objects as it returns
    assert len(collections) <= 1 and set(collections) <= {0}, collections
