"""The data model every stage shares: a Script is an ordered list of Lines over a source text."""
from __future__ import annotations

from dataclasses import dataclass, field

NARRATOR = "Narrator"
NARRATION = "narration"
DIALOGUE = "dialogue"
CHAPTER = "chapter"
"""A heading (title block, part or chapter), spoken by the narrator with its own pause."""
SKIPPED = "skipped"
"""Front or back matter (a licence, a table of contents) kept in the script, never spoken."""
KINDS = (NARRATION, DIALOGUE, CHAPTER, SKIPPED)
SPOKEN_KINDS = (NARRATION, DIALOGUE, CHAPTER)


@dataclass
class Line:
    """One spoken line of the script: narration or a speaker's dialogue."""

    speaker: str
    """Who speaks it: ``Narrator`` for narration, a character label for dialogue."""
    kind: str
    """``narration``, ``dialogue``, ``chapter`` (a heading) or ``skipped`` (not spoken)."""
    text: str
    """What is spoken: quote marks stripped, whitespace folded."""
    start: int
    """Offset (a Python ``str`` index) of the line's first character in the source."""
    end: int
    """Offset one past the line's last character in the source."""
    cue: str | None = None
    """For dialogue: which rule decided the speaker (explicit, pronoun, turn-taking, ...)."""
    confidence: float | None = None
    """For dialogue: how sure the extractor is of the speaker, 0.0 to 1.0."""
    level: str | None = None
    """For a chapter line: ``title``, ``part`` or ``chapter``; for a skipped one, what the
    matter is (``gutenberg-licence``, ``contents``, ``copyright``, ...)."""

    @property
    def spoken(self) -> bool:
        """Whether the line is heard: everything but skipped matter."""
        return self.kind != SKIPPED

    def to_dict(self) -> dict:
        d = {"speaker": self.speaker, "kind": self.kind, "text": self.text,
             "start": self.start, "end": self.end}
        if self.cue is not None:
            d["cue"] = self.cue
        if self.confidence is not None:
            d["confidence"] = round(float(self.confidence), 2)
        if self.level is not None:
            d["level"] = self.level
        return d


@dataclass
class Script:
    """A whole episode: its title, where it came from and its lines in source order."""

    title: str
    source: str | None = None
    """Path of the source text the spans index into."""
    lines: list[Line] = field(default_factory=list)
    source_sha256: str | None = None
    """Hash of the decoded source text, to tell when the source changed under an edited script."""
    source_span: tuple[int, int] | None = None
    """The part of the source this script covers (one episode of a book), [start, end);
    None for the whole source."""

    @property
    def speakers(self) -> list[str]:
        """Every speaker in order of first appearance, the narrator included."""
        seen: dict[str, None] = {}
        for line in self.lines:
            seen.setdefault(line.speaker, None)
        return list(seen)

    def to_dict(self) -> dict:
        d: dict = {"title": self.title, "source": self.source}
        if self.source_sha256:
            d["source_sha256"] = self.source_sha256
        if self.source_span is not None:
            d["source_span"] = list(self.source_span)
        d["lines"] = [line.to_dict() for line in self.lines]
        return d


def fold_whitespace(text: str) -> str:
    """Text as spoken: runs of whitespace (line breaks included) become one space."""
    return " ".join(text.split())
