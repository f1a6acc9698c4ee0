"""How long the silence between two lines is, by context: the one place pauses are configured."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, fields

from ..errors import RenderError

SAME_SPEAKER = "same_speaker"
SPEAKER_CHANGE = "speaker_change"
PARAGRAPH = "paragraph"
SCENE = "scene"
CHAPTER = "chapter"
SENTENCE = "sentence"
CLAUSE = "clause"


@dataclass(frozen=True)
class Pauses:
    """Silence, in seconds, placed between lines by context, and room tone at head and tail."""

    same_speaker: float = 0.3
    """Between consecutive lines of one speaker within a paragraph."""
    speaker_change: float = 0.45
    """When another speaker (or the narrator) takes over within a paragraph."""
    paragraph: float = 0.75
    """At a paragraph break (a blank line in the source, or a line break in a text that
    puts each paragraph on one line: paragraph_starts)."""
    scene: float = 2.0
    """At a scene break: a line of only `* * *`, `. . .`, `#` and the like, or 2+ blank lines."""
    chapter: float = 1.5
    """Before and after a heading (a chapter line), wherever it is."""
    sentence: float = 0.35
    """Between the pieces of a line too long for one segment (render/pieces.py), cut at a
    sentence's end: the pause espeak itself makes after a full stop at 165 words a minute."""
    clause: float = 0.2
    """The same, cut at a comma, semicolon or dash (espeak's own: 0.17 to 0.25 s)."""
    head: float = 0.75
    """Before the first line (ACX asks for 0.5 to 1 s of room tone)."""
    tail: float = 2.0
    """After the last line (ACX asks for 1 to 5 s)."""

    @classmethod
    def parse(cls, spec: str) -> "Pauses":
        """Pauses from `scene=2.5,head=1` (the rest keep their defaults)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, _, value = part.partition("=")
            name = name.strip().replace("-", "_")
            if name not in known:
                raise RenderError(f"unknown pause {name!r} in {spec!r}; known: {', '.join(sorted(known))}")
            try:
                values[name] = float(value)
            except ValueError:
                raise RenderError(f"pause {name} must be a number of seconds, not {value!r}") from None
            if not 0 <= values[name] <= 30:
                raise RenderError(f"pause {name} must be between 0 and 30 seconds, not {value}")
        return cls(**values)

    def seconds(self, context: str) -> float:
        return getattr(self, context)


# A source line that is only a break ornament: `* * *`, `***`, `. . .`, `#`, `~`, `—` ...
_BREAK_LINE = re.compile(r"^[\s\u00a0]*(?:[*#~.·•⁂◆◇=_\-–—][\s\u00a0]*)+$")
_BLANK_RUN = re.compile(r"\n[ \t\u00a0\r]*\n[ \t\u00a0\r]*\n")
_PARAGRAPH = re.compile(r"\n[ \t\u00a0\r]*\n")


def is_break_text(text: str) -> bool:
    """A line's text that is a scene-break ornament rather than anything to speak."""
    return bool(text.strip()) and not any(c.isalnum() for c in text) and \
        bool(_BREAK_LINE.match(text))


def paragraph_starts(source_text: str) -> list[int]:
    """Where the source's paragraphs start, as extraction reads them (drama.extract.quotes.
    paragraphs): after a blank line, or at each line of a text that puts every paragraph on
    one long line with none blank between (an unwrapped e-text, whose episode had no
    paragraph pause at all: walk31)."""
    from ..extract.quotes import paragraphs  # lazily: the synthesis workers import render
    return [start for start, _ in paragraphs(source_text)]


def starts_between(starts: list[int], end: int, start: int) -> bool:
    """Whether one of `starts` (sorted) falls after `end` and at or before `start`."""
    k = bisect_right(starts, end)
    return k < len(starts) and starts[k] <= start


def gap_context(gap: str | None, same_speaker: bool, new_paragraph: bool = False) -> str:
    """The context of the source text between two lines: scene, paragraph or within one;
    `new_paragraph`: the source's paragraphs (paragraph_starts) start one between them."""
    if gap:
        if _BLANK_RUN.search(gap):
            return SCENE
        # only whole source lines can be ornaments: not the ends of the two spoken lines
        if any(_BREAK_LINE.match(piece) and piece.strip()
               for piece in gap.split("\n")[1:-1]):
            return SCENE
        if _PARAGRAPH.search(gap) or new_paragraph:
            return PARAGRAPH
    return SAME_SPEAKER if same_speaker else SPEAKER_CHANGE
