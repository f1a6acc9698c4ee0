"""What an exporter may be told besides the script: layout, the cast, the render manifest."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..extract.quotes import MARKS
from ..model import CHAPTER, NARRATION, SKIPPED, Line
from ..wordchars import unbroken_words

if TYPE_CHECKING:  # casting imports the engine interface; exporters only read a Casting
    from ..casting import Casting

NARRATION_STYLES = ("narrator", "plain")


@dataclass
class ExportOptions:
    """Options shared by the exporters; each reads the ones that concern it."""

    width: int = 78
    """Wrap text formats (txt) at this many characters."""
    narration: str = "narrator"
    """txt and md: narration as ``NARRATOR:`` lines (``narrator``) or plain paragraphs
    (``plain``)."""
    casting: "Casting | None" = None
    """md: the cast list shows each speaker's voice when given."""
    manifest: dict[str, Any] | None = None
    """srt and vtt: the render manifest (timings) the subtitles come from."""
    source_text: str | None = None
    """txt, md and fountain: the source text the script's spans index into, when it is there;
    a narrator line then shows the quotation marks the source has in it (shown_text)."""
    author: str | None = None
    """fountain: the author its title page names (drama.exportcheck.known_author: --author,
    the book's, the text's own); None for none."""


def shown_text(line: Line, options: ExportOptions) -> str:
    """A line's text as a reader sees it, whitespace folded. A narrator line's text is what
    is spoken, quotation marks dropped, so a phrase the narrator quotes ("an appeal “in the
    name of freedom”") would read as the narrator's own words: it is shown as its source
    span, marks and all, while that span, marks aside, still reads as the line (an edited
    line shows as edited). A heading shows without the full stop its speaking adds
    (heading_as_printed)."""
    text = " ".join(line.text.split())
    source = options.source_text
    if line.kind not in (NARRATION, CHAPTER) or source is None or \
            not 0 <= line.start < line.end <= len(source):
        return text
    span = " ".join(unbroken_words(source[line.start:line.end]).split())
    if line.kind == CHAPTER:
        return heading_as_printed(span, text)
    return span if _unmarked(span) == _unmarked(text) else text


def heading_as_printed(span: str, text: str) -> str:
    """A heading's text (what is spoken) as its source span prints it: the full stop a
    heading is spoken with (`PART I.`, a pause after it) dropped where the source has none
    (`PART I`), the words the same; text as it is otherwise (an edited heading)."""
    if text.endswith(".") and not span.endswith(".") and \
            _unmarked(span.replace(".", "")) == _unmarked(text.replace(".", "")):
        return text[:-1]
    return text


def marked_as_in(span: str, text: str) -> str:
    """text as `span` (its line's source) prints it, its quotation marks put back, whitespace
    folded: text is the whole line or a piece of it (a line spoken in pieces), its words the
    span's in order, marks aside. A mark that touches the piece is the piece's (pieces are
    cut between words). text as it is when the span holds no such run of its words, or
    holds it twice. A span's soft hyphens inside a word are not shown, as the line does not
    write them (wordchars.unbroken_words)."""
    span = unbroken_words(span)
    kept = [i for i, c in enumerate(span) if not c.isspace() and not MARKS.match(c)]
    skeleton = "".join(span[i] for i in kept)
    wanted = "".join(c for c in text if not c.isspace() and not MARKS.match(c))
    at = skeleton.find(wanted)
    if not wanted or at < 0 or skeleton.find(wanted, at + 1) >= 0:
        return " ".join(text.split())
    first, last = kept[at], kept[at + len(wanted) - 1] + 1
    while first > 0 and MARKS.match(span[first - 1]):
        first -= 1
    while last < len(span) and MARKS.match(span[last]):
        last += 1
    return " ".join(span[first:last].split())


def _unmarked(text: str) -> str:
    """text without quotation marks (apostrophes too: they are alike), whitespace folded."""
    return " ".join(MARKS.sub("", text).split())


def noted_lines(lines: list[Line]) -> list[Line]:
    """The lines as the text exports go through them: each run of skipped lines of one kind
    of matter (a Gutenberg header's paragraphs, each a line of the script) joined into one,
    which one note tells of ("not read aloud: gutenberg-licence, 3,210 words"), not one
    note a paragraph. A run's texts are joined once (joined a line at a time, 40,000
    skipped paragraphs took minutes)."""
    out: list[Line] = []
    run: list[Line] = []
    for line in lines:
        if run and line.kind == SKIPPED and line.level == run[0].level and line.text.strip():
            run.append(line)
            continue
        _close_run(out, run)
        run = [line] if line.kind == SKIPPED else []
        if not run:
            out.append(line)
    _close_run(out, run)
    return out


def _close_run(out: list[Line], run: list[Line]) -> None:
    """A run of skipped lines appended to out as one line, their texts joined by spaces."""
    if len(run) == 1:
        out.append(run[0])
    elif run:
        out.append(replace(run[0], text=" ".join(ln.text for ln in run), end=run[-1].end))
