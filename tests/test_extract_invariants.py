"""The nothing-lost rule and span invariants of the script, on the seeds."""
from __future__ import annotations

from drama.extract import extract_script


def covered_alnum_gaps(text: str, lines) -> list[str]:
    """Letters and digits of text that no line's span covers."""
    covered = bytearray(len(text))
    for ln in lines:
        covered[ln.start:ln.end] = b"\x01" * (ln.end - ln.start)
    return [c for i, c in enumerate(text) if c.isalnum() and not covered[i]]


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
