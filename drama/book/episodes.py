"""A book's script -> a series of episode scripts: by chapter, by part, by length, or whole.

Every line of the book lands in exactly one episode, in order: what comes before the first
heading (the title, a dedication, skipped front matter) opens the first episode, and what
comes after the last chapter (a licence) closes the last. Each episode's script records the
part of the source it covers (``source_span``), so `drama check` holds it to those words.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import DramaError
from ..extract.quotes import paragraphs
from ..extract.structure import HEADING, MIN_PROSE_PARAGRAPHS, PART, TITLE, reads_as_prose
from ..model import CHAPTER as CHAPTER_KIND
from ..model import DIALOGUE, CharacterEntry, Line, Script, name_key
from ..wording import readable_title

MODES = ("chapter", "part", "whole")
WORDS_PER_MINUTE = 165
"""How fast the narrator reads, to cut an N-minutes series before synthesis."""
SLUG_BYTES = 48
"""How long an episode's slug may be, in UTF-8 bytes (a file system's limit is 255)."""
BOOK_SLUG_BYTES = 60
UNHEADED = "episode"
"""The slug's word of an episode its headings do not name, cut by minutes: 004-episode-4
(the opening before a book's first heading is named by the book's title, as its title is)."""
OLD_UNHEADED = "part"
"""UNHEADED before fixes52: 004-part-4 read as the book's own fourth part beside its PART
II (newcomer51). A script built then is read under that name (Episode.older_name)."""
MIN_EPISODE_WORDS = 25
"""Words spoken after a heading before the next heading opens a new episode: less (a
volume's repeated title page, say) and the two headings open one episode together, unless
they are MIN_PROSE_PARAGRAPHS lines of prose (a short chapter's, as the structure finds)."""


@dataclass
class Episode:
    """One episode of a series: its number, title, file stem and script."""

    number: int
    title: str
    name: str
    """The file stem: number and slug, e.g. 001-volume-i-chapter-i."""
    script: Script
    older_name: str = ""
    """The stem an older drama gave it, where an episode built then was written and is read:
    before slugs kept every script, its ascii_slug (001-1 of 001-глава-1); before fixes52,
    an episode no heading names was 00N-part-N (OLD_UNHEADED)."""
    edits_from: str = ""
    """The stem of the edited script whose edits it took, its part numbered anew by a
    chapter added or removed before it (scripts.episode_scripts; book.json records it for
    the builds after, while its file is still that person's); "" for none."""
    edits_from_sha256: str = ""
    """The hash of that script's bytes when its edits were taken: it changed since, edits
    made later to the old file are not in this episode (scripts.sort_stale_edits says so);
    "" when not known (taken before drama kept it)."""


def parse_mode(spec: str) -> tuple[str, float | None]:
    """('chapter'|'part'|'whole', None) or ('minutes', N) from chapter, part, whole, 30-minutes."""
    spec = spec.strip().lower()
    if spec in MODES:
        return spec, None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*-?\s*(?:m|min|mins|minute|minutes)", spec)
    if m and float(m.group(1)) > 0:
        return "minutes", float(m.group(1))
    raise DramaError(f"unknown --episodes {spec!r}: use chapter, part, whole or N-minutes "
                     "(e.g. 30-minutes)")


def book_folder(source: Path, out_root: Path) -> Path:
    """The folder `drama build SOURCE -o OUT_ROOT` makes the book's series in: out/<slug>/.
    A book built before slugs kept non-ASCII letters (`café` in out/caf/) stays where it
    is: its old folder, when that holds a book.json of this book and the new one none."""
    folder = out_root / slugify(source.stem, BOOK_SLUG_BYTES)
    old = out_root / ascii_slug(source.stem, BOOK_SLUG_BYTES)
    if old != folder and not (folder / "book.json").is_file() and \
            (old / "book.json").is_file():
        from ..pipeline import another_books_series
        if another_books_series(source, old) is None:
            return old
    return folder


WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?")
"""Names Windows refuses for a file or folder, whatever follows a dot."""


def slugify(text: str, limit: int = SLUG_BYTES) -> str:
    """A file or folder name of `text`: its words (letters, digits and their marks, of
    every script, in NFC and lower case) joined by hyphens, at most `limit` bytes in UTF-8;
    "episode" if it has none. Nothing else is kept (no dot, slash, control or character
    Windows refuses), so the name is safe on every file system: `Café Noir!` is
    café-noir, `Война и мир` война-и-мир."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text)
    slug = _joined(kept.split(), limit) or "episode"
    return f"{slug}_" if WINDOWS_RESERVED.fullmatch(slug) else slug


def ascii_slug(text: str, limit: int = SLUG_BYTES) -> str:
    """The slug drama made before slugify kept every script (ASCII letters and digits
    only: `café` was caf): where a book or episode built then was written."""
    return _joined(re.findall(r"[a-z0-9]+", text.casefold()), limit, cut_first=False) \
        or "episode"


def _joined(words: list[str], limit: int, cut_first: bool = True) -> str:
    """The words joined by hyphens while they fit `limit` bytes; a first word longer than
    that (a title in a script without spaces) cut to fit, when `cut_first`."""
    slug = ""
    for w in words:
        if len(slug.encode()) + len(w.encode()) + 1 > limit:
            if not slug and cut_first:
                slug = _cut(w, limit - 1)
            break
        slug = f"{slug}-{w}" if slug else w
    return slug


def _cut(word: str, limit: int) -> str:
    """`word`'s first characters that fit `limit` bytes, a letter never parted from its
    marks (a cut before a combining mark moves back to before its letter)."""
    cut = word.encode()[:limit].decode(errors="ignore")
    while cut and len(cut) < len(word) and unicodedata.category(word[len(cut)])[0] == "M":
        cut = cut[:-1]
    return cut


def heading_label(line: Line) -> str:
    """The short name of a heading: 'CHAPTER IV' of 'CHAPTER IV. Mrs. Rachel Lynde ...',
    'Chapter XIX' of a bare 'XIX.'."""
    text = line.text.strip()
    m = HEADING.match(text)
    if m:
        return f"{m.group('word')} {m.group('num')}".strip()
    first = re.split(r"[.:]\s", text, maxsplit=1)[0].rstrip(".")
    if re.fullmatch(r"[IVXLCDM]+|\d+", first):
        return f"Chapter {first}"
    return first


def _is_break(line: Line, mode: str) -> bool:
    if line.kind != CHAPTER_KIND or line.level == TITLE:
        return False
    return mode == "chapter" or (mode == "part" and line.level == PART)


def split_episodes(script: Script, text: str, spec: str = "chapter") -> list[Episode]:
    """The book's script (extracted from `text`, the book's) cut into episodes by `spec`
    (see parse_mode)."""
    mode, minutes = parse_mode(spec)
    lines = script.lines
    if mode == "part" and not any(ln.kind == CHAPTER_KIND and ln.level == PART for ln in lines):
        mode = "chapter"  # a book without parts: a part is a chapter
    text_length = len(text)
    starts = _by_length(lines, minutes, text) if mode == "minutes" else \
        _episode_starts(lines, mode)
    episodes = []
    part_label = None
    digits = max(3, len(str(len(starts))))  # 0999- before 1000-: the names sort as they play
    for n, a in enumerate(starts):
        b = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = lines[a:b]
        lo = 0 if n == 0 else chunk[0].start
        hi = text_length if n + 1 == len(starts) else lines[b].start
        heads = [ln for ln in chunk if ln.kind == CHAPTER_KIND and ln.level != TITLE]
        lead = _lead_headings(chunk)
        if lead and lead[0].level == PART:
            part_label = heading_label(lead[0])
        title, words, old = _names(lead or heads[:1], part_label, mode, n + 1, script.title)
        ep_script = Script(title=title, source=script.source, lines=list(chunk),
                           source_sha256=script.source_sha256, source_span=(lo, hi),
                           characters=_characters_in(script, chunk))
        number = f"{n + 1:0{digits}d}"
        episodes.append(Episode(n + 1, title, f"{number}-{slugify(words)}", ep_script,
                                f"{number}-{ascii_slug(old)}"))
    return episodes


def _episode_starts(lines: list[Line], mode: str) -> list[int]:
    """The indexes of the lines that open each episode, by mode (chapter, part or whole;
    "part" only in a book that has parts)."""
    if mode == "whole":
        return [0]
    starts, last, opened = [0], None, 0
    for i, ln in enumerate(lines):
        if ln.kind != CHAPTER_KIND or ln.level == TITLE:
            continue
        # what comes before the first heading opens the first episode; a run of
        # headings (a part, then its first chapter) opens one episode, as a run of
        # chapters too short to be one does until it has the words: those since the
        # episode's first heading (2,000 tiny chapters were one episode of 2:42:15)
        if last is None:
            opened = i
        elif _is_break(ln, mode) and \
                _has_own_text(lines, opened, i, short=lines[last].level != PART):
            starts.append(i)
            opened = i
        last = i
    return starts


def _lead_headings(chunk: list[Line]) -> list[Line]:
    """The run of headings that opens an episode's lines (up to the first spoken line after
    a heading)."""
    lead = []
    for ln in chunk:
        if ln.kind == CHAPTER_KIND and ln.level != TITLE:
            lead.append(ln)
        elif lead and ln.spoken:
            break
    return lead


def _characters_in(script: Script, lines: list[Line]) -> list[CharacterEntry] | None:
    """The book's characters-section entries of those who speak in these lines: the whole
    book's evidence for each, so every episode casts a speaker alike."""
    if script.characters is None:
        return None
    speaking = {name_key(ln.speaker) for ln in lines if ln.kind == DIALOGUE}
    return [replace(c, aliases=list(c.aliases), evidence=dict(c.evidence))
            for c in script.characters if name_key(c.name) in speaking]


def _has_own_text(lines: list[Line], start: int, i: int, short: bool = True) -> bool:
    """Whether lines[start:i], besides headings, are an episode's text: MIN_EPISODE_WORDS
    words spoken, or (when `short`: after a chapter's heading, not a part's, whose page may
    carry an epigraph of two lines) MIN_PROSE_PARAGRAPHS lines of prose."""
    spoken = [ln for ln in lines[start:i] if ln.spoken and ln.kind != CHAPTER_KIND]
    return sum(len(ln.text.split()) for ln in spoken) >= MIN_EPISODE_WORDS or \
        short and sum(reads_as_prose(ln.text) for ln in spoken) >= MIN_PROSE_PARAGRAPHS


def _names(lead: list[Line], part_label: str | None, mode: str, number: int,
           book_title: str) -> tuple[str, str, str]:
    """An episode's title (its headings, in title case where the book prints them in
    capitals: "Chapter I" of "CHAPTER I.", as a feed lists it), the words of its file
    name's slug, and those an older drama gave it (Episode.older_name; OLD_UNHEADED)."""
    if not lead or mode in ("minutes", "whole"):
        title = book_title if mode == "whole" or number == 1 and not lead else \
            f"{book_title} ({number})"
        if lead and mode == "minutes":
            title = f"{book_title} ({number}): {readable_title(lead[0].text.rstrip('.'))}"
        if mode == "whole":
            return title, book_title, book_title
        return title, f"{UNHEADED} {number}" if mode == "minutes" else book_title, \
            f"{OLD_UNHEADED} {number}"
    labels = [heading_label(ln) for ln in lead]
    texts = [ln.text.rstrip(".") for ln in lead]
    if lead[0].level != PART and part_label and mode == "chapter":
        labels.insert(0, part_label)
        texts.insert(0, part_label)
    return ". ".join(readable_title(t) for t in texts), " ".join(labels), " ".join(labels)


def _by_length(lines: list[Line], minutes: float, text: str) -> list[int]:
    """Episode starts about `minutes` long each, cut at a heading or a paragraph's first line
    once the length is reached: never inside a paragraph of `text` (between a speech and
    the "added Mary" that tags it: walkthrough newcomer51), nor between a heading and its
    first paragraph."""
    target = minutes * WORDS_PER_MINUTE
    opening = [start for start, _ in paragraphs(text)]
    starts, words = [0], 0.0
    for i, ln in enumerate(lines):
        if i and words >= target and lines[i - 1].kind != CHAPTER_KIND and \
                (ln.kind == CHAPTER_KIND or _opens_paragraph(opening, lines[i - 1], ln)):
            starts.append(i)
            words = 0.0
        if ln.spoken:
            words += len(ln.text.split())
    return starts


def _opens_paragraph(opening: list[int], before: Line, line: Line) -> bool:
    """Whether `line` is the first of a paragraph: one of `opening`, the text's paragraph
    starts (sorted), lies after the end of the line `before` it, up to its own start."""
    k = bisect_left(opening, before.end)
    return k < len(opening) and opening[k] <= line.start
