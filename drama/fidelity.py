"""Fidelity of a script to its source: nothing lost, nothing invented, every speaker cast.

`check_script` compares the words (runs of letters and digits) of the source with the words
of the script's line texts, in order, and each line's text with the source span it claims;
it also checks that spans are in order without overlap and that every speaker has a voice.
Each difference is a Problem that names the script line (and the YAML line it starts on) or
the source line, so a person can go straight to it.
"""
from __future__ import annotations

import bisect
import difflib
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .errors import InputError, ScriptError
from .model import JOINED_SPAN, NARRATOR, NO_SPAN, Script, classify_spans
from .scriptfile import (entry_file_lines, holds_its_text, is_script_path, read_text,
                         require_valid_spans, text_sha256)
from .wordchars import ALNUM, NOT_ALNUM, WORD, word_key
from .wording import counted

if TYPE_CHECKING:
    from .casting import Casting

MAX_DETAILS = 50
PROBE_LINES = 3
"""How many of a book episode's first lines are looked for in an edited text, to find where
its part moved (part_moved_by)."""
MAX_PLACES = 100
"""How many places of one such line's words are tried, the nearest to where it was first
(a line as common as "Yes." may recur all through a book; its part is then looked for by
the next line)."""
NEAR_CHARS = 4096
"""How far either side of where a line was its words are looked for first; then four times
as far, and so on (an edit usually moves a part a little: the whole of a long book's text is
read only when its part is not found nearer)."""
MAX_LEAD = 8
"""How many characters (a quote, an underscore, a space) a line's span may hold before its
first word, tried at each place its words are found."""


def aligned_to_its_text(script: Script, text: str) -> bool:
    """Whether `text` holds the words a script's offsets index into: its source as extracted,
    or its part unchanged where it was (scriptfile.holds_its_text), or, for a book's episode,
    its part unchanged elsewhere, an edit before it having made the text longer or shorter.
    Then this Script's offsets are moved to where its part now is (its file is left as it
    is), so it is rendered, checked and built against the edited text as before the edit."""
    if holds_its_text(script, text):
        return True
    shift = part_moved_by(script, text)
    if shift is None:
        return False
    shift_offsets(script, shift)
    return True


def text_as_indexed(script: Script, text: str) -> str | None:
    """`text` as a script's own offsets read it, or None when it does not hold its words:
    `text` itself when it holds them where they are (scriptfile.holds_its_text); for a
    book's episode whose part moved (part_moved_by), `text` moved back as far, so its part
    is where the offsets say (spaces before it when the part moved back). For those who may
    write the script back (the studio, `drama edit`): its offsets stay its file's, which an
    in-place move (aligned_to_its_text) would rewrite at the next edit."""
    if holds_its_text(script, text):
        return text
    shift = part_moved_by(script, text)
    if shift is None:
        return None
    return text[shift:] if shift >= 0 else " " * -shift + text


def part_moved_by(script: Script, text: str) -> int | None:
    """How many characters later in `text` (earlier when negative) a book episode's part of
    the text is, unchanged (its hash, source_span_sha256), than its source_span says; None
    when it is not found so: changed, or the script records no part. The part is looked for
    where the words of one of its first lines are (PROBE_LINES)."""
    if script.source_span is None or not script.source_span_sha256:
        return None
    lo, hi = script.source_span
    probes = [ln for ln in script.lines if 0 <= ln.start <= ln.end and WORD.search(ln.text)]
    for line in probes[:PROBE_LINES]:
        for shift in _shifts_to_words_of(line, text):
            if 0 <= lo + shift and hi + shift <= len(text) and \
                    text_sha256(text[lo + shift:hi + shift]) == script.source_span_sha256:
                return shift
    return None


def _shifts_to_words_of(line, text: str):
    """The shifts that would put `line`'s span on a place of `text` holding its words, the
    nearest first, for each count of characters (up to MAX_LEAD) its span may hold before
    its first word."""
    words = WORD.findall(line.text)
    pattern = re.compile("(?<!" + ALNUM + ")" + (NOT_ALNUM + "+").join(map(re.escape, words)) +
                         "(?!" + ALNUM + ")", re.IGNORECASE)
    places = _nearest_first(pattern, text, line.start, line.end - line.start)
    for place in itertools.islice(places, MAX_PLACES):
        spare = (line.end - line.start) - (place.end() - place.start())
        for lead in range(min(spare, MAX_LEAD) + 1):
            yield place.start() - lead - line.start


def _nearest_first(pattern: re.Pattern, text: str, around: int, longest: int):
    """The places of `pattern` in `text`, at most `longest` characters long, the nearest to
    `around` first: read within NEAR_CHARS of it, then in the ring around that reaching four
    times as far, and so on to the whole text, each character read once (but the `longest`
    before a ring's inner edge, where a place across it starts)."""
    around = min(around, len(text))
    seen: set[int] = set()
    lo = hi = around  # what was read
    width = NEAR_CHARS
    while lo > 0 or hi < len(text):
        outer_lo, outer_hi = max(0, around - width), min(len(text), around + width)
        found = [m for a, b in ((outer_lo, lo + longest), (hi - longest, outer_hi))
                 for m in pattern.finditer(text, max(a, outer_lo), min(b, outer_hi))
                 if m.start() not in seen and m.end() - m.start() <= longest]
        seen.update(m.start() for m in found)
        yield from sorted(found, key=lambda m: abs(m.start() - around))
        lo, hi, width = outer_lo, outer_hi, width * 4


def shift_offsets(script: Script, shift: int) -> None:
    """Move a script's spans (its lines' and its source_span) `shift` characters on."""
    for line in script.lines:
        if line.start >= 0:
            line.start += shift
        if line.end >= 0:
            line.end += shift
    if script.source_span is not None:
        lo, hi = script.source_span
        script.source_span = (lo + shift, hi + shift)


@dataclass
class Problem:
    """One difference between the script and its source or cast."""

    kind: str
    """``source`` (changed), ``words`` (lost or invented), ``span``, ``order``, ``cast`` or
    ``voice`` (a casting entry naming a voice the engine lacks)."""
    message: str
    line: int | None = None
    """The script line (1-based index in ``lines``) it concerns, if any."""
    file_line: int | None = None
    """The line of the script file that script line starts on, if known."""
    source_line: int | None = None
    """The line of the source text it concerns, if any."""


@dataclass
class FidelityReport:
    """What `check_script` found."""

    script_path: str
    source_path: str | None
    lines: int
    words: int
    speakers: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: ok with what was checked, or the count of problems by kind."""
        if self.ok:
            return (f"{self.script_path}: ok: {counted(self.lines, 'line')}, "
                    f"{counted(self.words, 'word')} of the source in order, "
                    f"{counted(self.speakers, 'speaker')} cast")
        by_kind: dict[str, int] = {}
        for p in self.problems:
            by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
        kinds = ", ".join(counted(n, *KIND_NAMES[k]) for k, n in by_kind.items())
        return f"{self.script_path}: {counted(len(self.problems), 'problem')}: {kinds}"

    def details(self, limit: int = MAX_DETAILS) -> list[str]:
        """One line per problem, `file:line: message`, most useful location first."""
        out = []
        for p in self.problems[:limit]:
            if p.line is not None:
                out.append(f"{line_place(self.script_path, p.line, p.file_line)}: {p.message}")
            elif p.source_line is not None and self.source_path:
                out.append(f"{self.source_path}:{p.source_line}: {p.message}")
            else:
                out.append(f"{self.script_path}: {p.message}")
        if len(self.problems) > limit:
            out.append(f"... and {len(self.problems) - limit} more")
        return out


KIND_NAMES = {"source": ("changed source", "changed sources"),
              "words": ("word difference", "word differences"),
              "span": ("span past the end", "spans past the end"),
              "order": ("span order problem", "span order problems"),
              "outside": ("span outside the source_span", "spans outside the source_span"),
              "cast": ("uncast speaker", "uncast speakers"),
              "casting": ("missing casting file", "missing casting files"),
              "voice": ("unknown voice", "unknown voices")}
"""Each kind of problem, singular and plural."""


def require_faithful(script: Script, source_text: str | None,
                     path: str | os.PathLike | None = None) -> None:
    """Raise a ScriptError, one line naming the file and line as `drama check` does, when
    check would reject the script's spans or its words: what render and build refuse to
    speak. The words are the book's: a person cuts some by making their line `kind:
    skipped` (still checked, never spoken) and changes how one is said in the lexicon.
    Without the source text (none, gone, or changed since extraction: source_text_of) there
    is nothing to hold the words to, and only the spans' order is checked."""
    require_valid_spans(script, source_text, path=path)
    if source_text is None:
        return
    file_lines = entry_file_lines(path) if path is not None else []
    report = check_script(script, source_text, None, file_lines=file_lines)
    words = [p for p in report.problems if p.kind == "words"]
    if not words:
        return
    first = words[0]
    more = f" (and {counted(len(words) - 1, 'more word difference')})" if len(words) > 1 \
        else ""
    what = f"script line {first.line}: {first.message}" if first.line is not None else \
        f"{first.message} (source line {first.source_line})"
    where = str(path) if path is not None else None
    raise ScriptError(f"{what}{more}: the script must say the source's words (cut some with "
                      "`kind: skipped`, respell in the lexicon); `drama check` lists every "
                      "problem", path=where, line=first.file_line if where else None)


def line_place(script_path: str | os.PathLike, number: int, file_line: int | None) -> str:
    """Where a script line is, as `drama check` and `drama review` both say it:
    `FILE:N: line K`, N the line of the file it starts on (what an editor opens at) and K
    its place in the script's list of lines; `FILE: line K` when N is not known."""
    where = f"{script_path}:{file_line}" if file_line else str(script_path)
    return f"{where}: line {number}"


def script_line_place(script_path: str | os.PathLike) -> Callable[[int], str]:
    """line_place for the K-th line of a script file (1-based); a text, which has no
    script lines of its own to open, gives `line K` alone."""
    if not is_script_path(script_path):
        return lambda number: f"line {number}"
    file_lines = entry_file_lines(script_path)
    return lambda number: line_place(
        script_path, number, file_lines[number - 1] if number <= len(file_lines) else None)


def find_source(script: Script, script_path: str | os.PathLike) -> Path | None:
    """The script's source text: as recorded, or relative to the script's folder or the one
    above it (a script given from inside its folder too: `cd output; drama check x.yaml`), or
    of its name beside the script (recorded_source_paths). The first that holds the text the
    script was extracted from (its hash) wins; else the first there (changed since)."""
    found = recorded_source_paths(script, script_path)
    if script.source_sha256:
        for candidate in found:
            if text_hash_of(candidate) == script.source_sha256:
                return candidate
    return found[0] if found else None


def recorded_source_paths(script: Script, script_path: str | os.PathLike) -> list[Path]:
    """The files that may be the source a script records, that are there: as recorded, or
    relative to the script's folder or the one above it. A file of the source's name in the
    script's own folder, reached other than by the recorded path as given, is one only if it
    holds the text the script was extracted from (or the script records no hash): a build's
    output folder holds its radio play `<name>.txt` there, which is no source, changed or
    not (`source: story.txt` from `drama build story.txt` points at it from output/)."""
    if not script.source:
        return []
    recorded = Path(script.source)
    base = Path(os.path.normpath(Path(script_path).parent))
    beside = base / recorded.name
    return [c for c in dict.fromkeys((*_places_of(recorded, base), beside))
            if c.is_file() and (c == recorded or not script.source_sha256
                                or os.path.normpath(c) != os.path.normpath(beside)
                                or text_hash_of(c) == script.source_sha256)]


def recorded_paths(recorded: str | os.PathLike, folder: str | os.PathLike) -> list[Path]:
    """The files a path that a file in `folder` records (source_to_record) may name, that
    are there: as recorded, or from `folder` or the one above it."""
    return [c for c in _places_of(Path(recorded), Path(os.path.normpath(folder)))
            if c.is_file()]


def _places_of(recorded: Path, base: Path) -> tuple[Path, ...]:
    """Where a path recorded in a file of folder `base` may point: as written (from the
    folder a command runs in), from `base`, or from the folder above it."""
    above = Path(os.path.normpath(base / os.pardir))
    return tuple(dict.fromkeys((recorded, base / recorded, above / recorded)))


def source_to_record(source: str | os.PathLike, folder: str | os.PathLike) -> str:
    """The path a script saved in `folder` records for its source: the path as given,
    when recorded_source_paths finds it there from any folder a command runs in (an
    absolute path; one from the script's folder or the one above, as `drama extract
    seeds/x.txt -o output/` gives it); else the path from the script's folder (`cd a; drama
    extract story.txt -o ../output/` records ../a/story.txt: story.txt, found from a/ alone,
    would be no text seen from elsewhere, and another text's story.txt taken for it)."""
    from .files import same_file
    base = Path(os.path.normpath(folder))
    above = Path(os.path.normpath(base / os.pardir))
    given = Path(source)
    if given.is_absolute() or any(same_file(c / given, given) for c in (base, above)):
        return str(source)
    try:  # through a linked folder, its ".." climb the link's target: then from the real one
        for where in (os.path.relpath(os.path.abspath(given), os.path.abspath(base)),
                      os.path.relpath(given.resolve(), base.resolve())):
            if same_file(base / where, given):
                return Path(where).as_posix()
    except ValueError:  # another drive (Windows)
        pass
    return str(given.resolve())


def text_hash_of(path: Path) -> str | None:
    """The hash of the text a source file reads as (a script's source_sha256, book.json's
    too); None when it cannot be read."""
    from .source import read_source_text
    try:
        return text_sha256(read_source_text(path))
    except InputError:
        return None


def _quote(words: list[str], limit: int = 12, chars: int = 80) -> str:
    """Up to `limit` words, and up to `chars` characters: a page-long "word" (a run of
    letters with no space) is cut, so the message stays one line a person can read."""
    shown = " ".join(words[:limit])
    cut = len(words) > limit or len(shown) > chars
    shown = shown[:chars].rstrip() + (" ..." if cut else "")
    return f"'{shown}'"


class _Lines:
    """Offset -> 1-based line number of a text, its line breaks found when a problem first
    asks: a clean check asks none, and each of a book's episodes walked the whole book's
    text a character at a time (0.2 s an episode, twice, on a 1 MB novel: walk36)."""

    def __init__(self, text: str):
        self.text = text
        self.breaks: list[int] | None = None

    def __call__(self, offset: int) -> int:
        if self.breaks is None:
            self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self.breaks, offset - 1) + 1


def check_script(script: Script, source_text: str | None, casting: "Casting | None", *,
                 script_path: str = "<script>", source_path: str | None = None,
                 file_lines: list[int] | None = None) -> FidelityReport:
    """Every difference between a script and its source text, and every uncast speaker.

    source_text None skips the word and span checks (the caller reports a missing source);
    casting None skips the cast check.
    """
    file_lines = file_lines or []
    report = FidelityReport(script_path, source_path, len(script.lines), 0,
                            len([s for s in script.speakers if s != NARRATOR]))

    def at(i: int) -> int | None:
        return file_lines[i] if i < len(file_lines) else None

    if source_text is not None:
        src_line = _Lines(source_text)
        if not aligned_to_its_text(script, source_text):
            report.problems.append(Problem(
                "source", "the source text changed since this script was extracted (its hash "
                "differs); the differences below show where"))
        lo, hi = script.source_span or (0, len(source_text))
        if hi > len(source_text):
            report.problems.append(Problem(
                "span", f"source_span {lo}..{hi} runs past the end of the source "
                f"({len(source_text)} characters)"))
            hi = len(source_text)
        report.words = sum(1 for _ in WORD.finditer(source_text, lo, hi))
        _check_words(script, source_text, src_line, at, report, lo, hi)
    if casting is not None:
        seen = set()
        for i, line in enumerate(script.lines):
            if line.speaker in seen or line.speaker == NARRATOR:
                continue
            seen.add(line.speaker)
            if casting.entry_for(line.speaker) is None:
                report.problems.append(Problem("cast", _uncast(line.speaker, casting),
                                               i + 1, at(i)))
    return report


def _uncast(speaker: str, casting) -> str:
    """What check says of a speaker no entry voices: the cast names it is close to, a name
    mistyped by hand ("Bessie Beaty"), first."""
    close = casting.unknown(speaker)
    if close:
        return (f"speaker {speaker!r} has no voice in {casting.path}{close} Fix the name, or "
                "run `drama cast` to give it a voice")
    return (f"speaker {speaker!r} has no voice in {casting.path}; run `drama cast` or fix "
            "the name")


def _words(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, str]]:
    """(casefolded word, offset, word) of every word of text[start:end]."""
    end = len(text) if end is None else end
    return [(word_key(m.group()), m.start(), m.group())
            for m in WORD.finditer(text, start, end)]


def _check_words(script: Script, source_text: str, src_line, at, report, lo: int = 0,
                 hi: int | None = None) -> None:
    """Walk the source along the lines' spans, comparing words region by region.

    A line with a usable span (in the source, after the previous one) is compared with the
    source under its span; lines without one (hand-made, or a split whose span was copied)
    are compared, together, with the source between the spans around them. Each region is
    small, so the whole check stays linear in the length of the source.
    """
    n = len(source_text) if hi is None else hi
    statuses, span_problems = classify_spans(script.lines, n, script.source_span)
    problems_at: dict[int, list] = {}
    for p in span_problems:
        problems_at.setdefault(p.index, []).append(p)
    group: list[int] = []  # a line with a usable span, plus lines split from it
    start = end = lo  # the source under the group
    pending: list[int] = []  # lines without a usable span since the group

    def flush(upto: int) -> None:
        if group:
            _compare(_words(source_text, start, end), script, group, src_line, at, report,
                     before=group[-1] + 1, own_span=len(group) == 1)
        nxt = pending[-1] + 1 if pending else (group[-1] + 1 if group else 0)
        _compare(_words(source_text, end, upto), script, pending, src_line, at, report,
                 before=nxt)

    for i, (line, status) in enumerate(zip(script.lines, statuses)):
        for p in problems_at.get(i, ()):
            report.problems.append(Problem(p.kind, p.message, i + 1, at(i)))
        if status == JOINED_SPAN:
            # most likely split from the line before, its span copied: check them together
            group.append(i)
            end = max(end, line.end)
        elif status == NO_SPAN:
            pending.append(i)
        else:
            flush(line.start)
            group, start, end, pending = [i], line.start, line.end, []
    flush(n)


def _compare(source_words, script, indices, src_line, at, report, before: int,
             own_span: bool = False) -> None:
    """Report how the words of script lines `indices` differ from source_words.

    before: the index of the line after this region, to place words lost in a gap;
    own_span: source_words are the span of the one line in indices.
    """
    script_words = [(word_key(m.group()), i, m.group()) for i in indices
                    for m in WORD.finditer(script.lines[i].text)]
    a = [w[0] for w in source_words]
    b = [w[0] for w in script_words]
    if a == b:
        return
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        lost = [w[2] for w in source_words[a0:a1]]
        extra = [w[2] for w in script_words[b0:b1]]
        if op == "delete" and own_span:
            i = indices[0]
            report.problems.append(Problem(
                "words", f"{_quote(lost)} is in its span (source line "
                f"{src_line(source_words[a0][1])}) but not in its text", i + 1, at(i)))
        elif op == "delete":
            if b0:
                i = script_words[b0 - 1][1]
                where = f"after line {i + 1}"
            else:
                where = f"before line {before + 1}" if before < len(script.lines) \
                    else "after the last line"
            report.problems.append(Problem(
                "words", f"{_quote(lost)} is in the source but in no script line ({where})",
                source_line=src_line(source_words[a0][1])))
        else:
            i = script_words[b0][1]
            # a word added after the last one of the span has no source word of its own:
            # the span's last word says where it is
            near = source_words[min(a0, len(source_words) - 1)] if source_words else None
            src = f"source line {src_line(near[1])}" if near else "the source"
            message = (f"{_quote(extra)} is not in the source here (near {src})"
                       if op == "insert" else
                       f"{_quote(extra)} where the source has {_quote(lost)} ({src})")
            report.problems.append(Problem("words", message, i + 1, at(i)))
