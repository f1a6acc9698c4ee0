"""The dialogue lines a person should check first: lowest confidence, with their context."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import DIALOGUE, Line, Script

__all__ = ["ReviewItem", "lines_to_review", "unchecked"]


@dataclass
class ReviewItem:
    """One uncertain dialogue line and the lines around it."""

    number: int
    """1-based position of the line in the script's line list."""
    line: Line
    before: list[Line]
    after: list[Line]


def unchecked(script: Script) -> list[int]:
    """The indices of the dialogue lines a person has not checked: those with a
    confidence (a line edited by hand, in the studio or by deleting its confidence, has
    none), least confident first."""
    scored = [(ln.confidence, i) for i, ln in enumerate(script.lines)
              if ln.kind == DIALOGUE and ln.confidence is not None]
    return [i for _, i in sorted(scored)]


def lines_to_review(script: Script, limit: int = 20, context: int = 2) -> list[ReviewItem]:
    """The `limit` least confident dialogue lines, in script order, each with `context` lines
    either side. Lines without a confidence (edited by hand) count as checked."""
    picked = sorted(unchecked(script)[:max(0, limit)])
    lines = script.lines
    return [ReviewItem(i + 1, lines[i], lines[max(0, i - context):i], lines[i + 1:i + 1 + context])
            for i in picked]
