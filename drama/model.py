"""The data model every stage shares: a Script is an ordered list of Lines over a source text."""
from __future__ import annotations

import unicodedata
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
MAX_SPEAKER_CHARS = 100
"""A speaker label is cut to this many characters (a name, not a paragraph): a hand-edited
script with a page-long name would otherwise make a casting key YAML cannot hold."""


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


GENDERS = ("m", "f", "unknown")


@dataclass
class CharacterEntry:
    """One speaking character in a script's characters section: the extractor writes it,
    casting reads it, a person may edit it."""

    name: str
    """The speaker label the script's lines use for them."""
    aliases: list[str] = field(default_factory=list)
    """Other forms the text uses for the same person ("Knightley", "George Knightley")."""
    gender: str = "unknown"
    """``m``, ``f`` or ``unknown``."""
    evidence: dict = field(default_factory=dict)
    """What the gender rests on, as counts (extract/gender.py's Evidence.to_dict)."""
    lines: int = 0
    """How many dialogue lines they speak: counted from the lines whenever a script loads."""

    def to_dict(self) -> dict:
        d: dict = {"name": self.name}
        if self.aliases:
            d["aliases"] = list(self.aliases)
        d["gender"] = self.gender
        if self.evidence:
            d["evidence"] = dict(self.evidence)
        d["lines"] = self.lines
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
    source_span_sha256: str | None = None
    """Hash of the source's text in source_span as it was extracted: an edit elsewhere in
    the book leaves this episode's own text as it was, so the episode is still held to it
    (scriptfile.holds_its_text). None for a whole text's script, or one written before."""
    characters: list[CharacterEntry] | None = None
    """The speaking characters, one entry each; None for a script written before the
    section existed (casting then reads the source text itself)."""

    @property
    def speakers(self) -> list[str]:
        """Every speaker in order of first appearance, the narrator included."""
        seen: dict[str, None] = {}
        for line in self.lines:
            seen.setdefault(line.speaker, None)
        return list(seen)

    def character(self, name: str) -> CharacterEntry | None:
        """The characters-section entry of a speaker, by name (case ignored), if any."""
        folded = name_key(name.strip())
        return next((c for c in self.characters or () if name_key(c.name) == folded), None)

    def count_lines(self) -> None:
        """Set each character's line count from the lines (counts a person left stale)."""
        if self.characters is None:
            return
        counts: dict[str, int] = {}
        for line in self.lines:
            if line.kind == DIALOGUE:
                key = line.speaker.casefold()
                counts[key] = counts.get(key, 0) + 1
        for c in self.characters:
            c.lines = counts.get(c.name.casefold(), 0)

    def to_dict(self) -> dict:
        d: dict = {"title": self.title, "source": self.source}
        if self.source_sha256:
            d["source_sha256"] = self.source_sha256
        if self.source_span is not None:
            d["source_span"] = list(self.source_span)
        if self.source_span_sha256:
            d["source_span_sha256"] = self.source_span_sha256
        if self.characters is not None:
            self.count_lines()
            d["characters"] = [c.to_dict() for c in self.characters]
        d["lines"] = [line.to_dict() for line in self.lines]
        return d


def name_key(name: str) -> str:
    """A speaker's name as names are compared (scripts, the casting file, a name typed):
    case ignored, and one Unicode form for each letter: "José" typed (or saved by an editor)
    with its é as one character finds the "José" a text wrote as e and a combining accent,
    which case folding alone tells apart (the casting file's entry for it was not found, and
    a build gave the speaker a second entry and another voice)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


def speaker_label(name: str) -> str:
    """A speaker's name as scripts and casting use it: stripped, at most MAX_SPEAKER_CHARS
    long (cut at a word boundary where there is one); the narrator as NARRATOR in any case
    ("narrator" typed into a script: a speaker of that name could never be cast, the
    casting file keeping that name for its top-level entry)."""
    name = name.strip()
    if name_key(name) == name_key(NARRATOR):
        return NARRATOR
    if len(name) <= MAX_SPEAKER_CHARS:
        return name
    cut = name[:MAX_SPEAKER_CHARS + 1].rsplit(None, 1)[0]
    return (cut if len(cut) > MAX_SPEAKER_CHARS // 2 else name[:MAX_SPEAKER_CHARS]).rstrip()


def breaks_lines(name: str) -> bool:
    """Whether a name (stripped, as speaker_label strips it) holds a line break or another
    control character: a newline, a tab, U+2028 or U+2029. Exports print a speaker on one
    line and the casting file keys it on one; such a name would break both."""
    return any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name.strip())


def typed_speaker_name(name: str) -> str:
    """A speaker name a person typed (a line given to someone in the studio, `drama speakers
    rename/move`), as scripts and the casting file hold it: its spaces folded to one. A
    SpeakerError when no script could hold it: empty, a control character (the script's
    reader refuses the whole file then), text not in UTF-8 (it cannot be written), or longer
    than MAX_SPEAKER_CHARS (the reader cuts it, so the file would name someone else); or when
    it holds an invisible character (invisible_in), refused rather than removed, so the name
    written is the name typed."""
    from .errors import SpeakerError
    name = " ".join(name.split())
    if not name:
        raise SpeakerError("a speaker name cannot be empty")
    if breaks_lines(name):
        raise SpeakerError(f"a speaker name cannot hold a control character: {name!r}")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise SpeakerError(f"a speaker name must be text in UTF-8, not {ascii(name)} "
                           "(bytes of another encoding?)") from None
    if len(name) > MAX_SPEAKER_CHARS:
        raise SpeakerError(f"a speaker name is at most {MAX_SPEAKER_CHARS} characters, "
                           f"not {len(name)}: {name[:40]}...")
    hidden = invisible_in(name)
    if hidden:
        shown = "".join(f"<U+{ord(c):04X}>" if i in hidden else c for i, c in enumerate(name))
        c = name[hidden[0]]
        raise SpeakerError(f"a speaker name cannot hold an invisible character "
                           f"({unicodedata.name(c, 'U+%04X' % ord(c)).lower()}): {shown}")
    return name


JOINERS = ("\u200c", "\u200d")
"""The zero-width non-joiner and joiner, which Persian and Indic names write between letters."""


def invisible_in(name: str) -> list[int]:
    """Where a name holds an invisible format character (Unicode Cf: a zero-width space, a
    direction mark or override, a soft hyphen, a BOM): "Tom" + U+200B looks like Tom and
    is another name, U+202E turns the rest of a terminal's line around. A joiner
    (JOINERS) between two letters is part of the name's spelling, not one."""
    found = []
    for i, c in enumerate(name):
        if unicodedata.category(c) != "Cf":
            continue
        if c in JOINERS and 0 < i < len(name) - 1 and name[i - 1].isalpha() \
                and name[i + 1].isalpha():
            continue
        found.append(i)
    return found


OWN_SPAN, JOINED_SPAN, NO_SPAN = "own", "joined", "none"
"""How a line's span is used by the nothing-lost check: its own span, overlapping the previous
line's (a split whose span was copied: checked together with it), or none usable."""


@dataclass
class SpanProblem:
    """A span that runs past the source's end, or overlaps or precedes the line before."""

    index: int
    """The line's index in the script (0-based)."""
    kind: str
    """``span`` (past the end), ``outside`` (the script's source_span) or ``order``."""
    message: str


def classify_spans(lines: list[Line], source_len: int | None = None,
                   within: tuple[int, int] | None = None
                   ) -> tuple[list[str], list[SpanProblem]]:
    """Each line's span status (OWN_SPAN, JOINED_SPAN, NO_SPAN) and every span problem.

    The one validation of spans: `drama check` reports these problems among the rest, and
    render and export refuse a script that has any. A line without start and end is fine
    (hand-made); `source_len` None skips the past-the-end test; `within`, the script's
    source_span, is where every line's span must lie (newcomer41: a line pasted from the
    episode before, its span there, was spoken in both and checked "ok").
    """
    statuses: list[str] = []
    problems: list[SpanProblem] = []
    end = 0
    in_group = pending = False
    for i, line in enumerate(lines):
        has_span = line.start >= 0 and line.end >= 0
        if has_span and source_len is not None and line.end > source_len:
            problems.append(SpanProblem(i, "span", f"span {line.start}..{line.end} runs past "
                                        f"the end of the source ({source_len} characters)"))
            has_span = False
        if has_span and within is not None and not within[0] <= line.start <= line.end \
                <= within[1]:
            problems.append(SpanProblem(
                i, "outside", f"span {line.start}..{line.end} lies outside the script's "
                f"source_span {within[0]}..{within[1]} (a line of another episode?)"))
            has_span = False
        if has_span and line.start < end:
            problems.append(SpanProblem(
                i, "order", f"span {line.start}..{line.end} overlaps or comes before the "
                f"previous line's (which ends at {end}); a split line needs its own start and end"))
            if in_group and not pending:
                statuses.append(JOINED_SPAN)
                end = max(end, line.end)
                continue
            has_span = False
        if not has_span:
            statuses.append(NO_SPAN)
            pending = True
            continue
        statuses.append(OWN_SPAN)
        in_group, pending, end = True, False, line.end
    return statuses, problems


def fold_whitespace(text: str) -> str:
    """Text as spoken: runs of whitespace (line breaks included) become one space."""
    return " ".join(text.split())
