"""SRT and WebVTT subtitles from the render manifest: one cue per line, split to stay readable.

A line's cue is split at sentence ends (then clause punctuation, then words) until every cue
shows at most MAX_LINES lines of MAX_CHARS characters and lasts at most MAX_SECONDS; the
line's time is shared between its cues by their number of characters. The first cue of a line
starts where the manifest says the line does, and its last cue ends there too unless it would
go before a reader has read it: then it lingers into the pause after the line (linger).

What the script marks as emphasis (Gutenberg's `_very_`, drama.emphasis) is in italics,
`<i>very</i>`, which WebVTT defines and SRT players read alike: the cues are laid out on
the plain text, then each row's emphasised characters are put between the tags (closed at
the row's end, opened again on the next, so every row holds its own).
"""
from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..emphasis import emphasised
from ..errors import ExportError
from ..files import (NOT_REGULAR_INPUT, RENDER_FOLDER, NotRegularFile, cannot_read, file_stem,
                     read_regular, utf8_text)
from ..model import CHAPTER, NARRATION, NARRATOR
from ..scriptfile import write_atomic
from ..titles import ends_abbreviation
from ..wording import problems_listed
from .options import heading_as_printed, marked_as_in

MAX_CHARS = 42
MAX_LINES = 2
MAX_SECONDS = 7.0
MIN_SECONDS = 1.0
"""A cue shorter than this is hard to read (5/6 s is the shortest subtitle guidelines allow)."""
READING_RATE = 20
"""Characters a second a reader reads a cue at (Netflix's limit for adults' English)."""
MANIFEST_SUFFIX = ".manifest.json"

_CLOSERS = "\"'”’»)\\]"  # closing quotes and brackets, as a character-class body
# A sentence ends at . ! ? or … after a word (not a spaced ". . ." ellipsis), with any closing
# quotes or brackets, where a space and more text follow.
_SENTENCE_END = re.compile(rf"(?<=[\w{_CLOSERS}])[.!?…]+[{_CLOSERS}]*(?=\s+[^\s.…])")
# A clause ends at , ; : (with closers) before a space, or before a spaced dash.
_CLAUSE_END = re.compile(rf"[,;:][{_CLOSERS}]*(?=\s)|(?=\s+[–—]\s)")


@dataclass
class Cue:
    """One subtitle: its time span in seconds, who speaks and what is shown."""

    start: float
    end: float
    speaker: str
    kind: str
    text: str
    italic: Sequence[bool] = ()
    """For each character of text that is not a space, in order: whether it is emphasised."""


# ------------------------------------------------------------------ manifest

def load_manifest(path: str | os.PathLike) -> dict[str, Any]:
    """Read and check a render manifest, or raise an ExportError naming the file."""
    p = Path(path)
    try:
        raw = utf8_text(read_regular(p), str(p), ExportError)
    except FileNotFoundError:
        raise ExportError("no such manifest; render the script first (`drama render SCRIPT`)",
                          path=str(p)) from None
    except IsADirectoryError:
        raise ExportError("is a folder, not a render manifest", path=str(p)) from None
    except NotRegularFile:
        raise ExportError(NOT_REGULAR_INPUT, path=str(p)) from None
    except OSError as exc:
        raise ExportError(cannot_read(exc), path=str(p)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ExportError(f"not valid JSON: {exc.msg}; render again to rewrite it",
                          path=str(p), line=exc.lineno) from None
    check_manifest(data, str(p))
    return data


def check_manifest(data: Any, path: str = "<manifest>") -> None:
    """Raise an ExportError listing every problem that keeps a manifest from timing cues."""
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise ExportError("not a render manifest: expected a mapping with 'lines'", path=path)
    problems = []
    for i, item in enumerate(data["lines"]):
        where = f"lines -> {i + 1}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        start, end = item.get("start"), item.get("end")
        if not all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in (start, end)) \
                or not 0 <= start <= end:
            problems.append(f"{where}: start and end must be seconds with start <= end")
        if not isinstance(item.get("text"), str):
            problems.append(f"{where} -> text: missing")
        if not isinstance(item.get("speaker"), str):
            problems.append(f"{where} -> speaker: missing")
    if problems:
        raise ExportError(problems_listed(problems) + "; render again to rewrite it",
                          path=path)


def manifest_beside(script_path: str | os.PathLike) -> Path:
    """Where `drama render` puts the manifest of a script: <name>.manifest.json beside it."""
    p = Path(script_path)
    return p.with_name(file_stem(p) + MANIFEST_SUFFIX)


MANIFEST_SEARCH_FOLDERS = 200
"""At most this many folders are looked in for a script's manifest (a home folder's worth)."""


def manifests_near(script_path: str | os.PathLike,
                   output: str | os.PathLike | None = None) -> list[Path]:
    """The render manifests named after a script (<name>.manifest.json) where `drama render
    -o FOLDER/` may have put them: beside the script, beside the export's output, and in
    each folder of the working folder, output/ (render's default) among them (`render
    s/a.script.yaml -o wav/` wrote wav/a.manifest.json). Each file once, in that order."""
    script = Path(script_path)
    name = file_stem(script) + MANIFEST_SUFFIX
    folders = [script.parent, *([Path(output).parent] if output else []),
               Path(RENDER_FOLDER)]  # before any folder sorting before it
    try:
        # os.path: a folder it may not look in (another user's, a symlink loop) is skipped
        folders += sorted(d for d in Path(".").iterdir()
                          if not d.name.startswith(".") and os.path.isdir(d))
    except OSError:
        pass
    found: dict[Path, Path] = {}
    for folder in folders[:MANIFEST_SEARCH_FOLDERS]:
        candidate = folder / name
        if os.path.isfile(candidate):
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


# ------------------------------------------------------------------ splitting

_WRAP_SPACES = str.maketrans("", "", "\t\n\x0b\x0c\r ")
"""What textwrap reads as spaces (its _whitespace), deleted: a line break in a cue (a
script edited by hand) is a space a row may break at, as " " is."""


def fits(text: str, label: str = "") -> bool:
    """Whether text (after a label on its first row) shows in MAX_LINES rows of MAX_CHARS.
    Told by length alone where it can be: one row's worth fits, and more letters than the
    rows hold never does (wrapping every cue of every chance of cutting it took 0.3 s an
    episode, each format, in every build of a book, up to date or not: walk36)."""
    if len(label) + len(text) <= MAX_CHARS:
        return True
    if len(label) + len(text.translate(_WRAP_SPACES)) > MAX_LINES * MAX_CHARS:
        return False  # the rows keep every character but the spaces they break at
    rows = _rows_of_words(text, label)
    return (rows if rows is not None else len(wrap(text, label))) <= MAX_LINES


def _rows_of_words(text: str, label: str) -> int | None:
    """How many rows wrap() makes of words one space apart, none longer than the first row
    holds after the label, counted as textwrap fills them (each row as many words as it
    holds); None for any other text, which wrap() itself counts (textwrap breaks a word
    longer than the row it is tried on to fill that row)."""
    words = text.split(" ")
    if not text or any(not w or len(label) + len(w) > MAX_CHARS or not w.isprintable()
                       for w in words):
        return None
    rows, used = 1, len(label) + len(words[0])
    for w in words[1:]:
        if used + 1 + len(w) <= MAX_CHARS:
            used += 1 + len(w)
        else:
            rows, used = rows + 1, len(w)
    return rows


def wrap(text: str, label: str = "") -> list[str]:
    """The rows a cue shows; a label such as ``TROTSKY: `` counts on the first row."""
    rows = textwrap.wrap(text, width=MAX_CHARS, initial_indent=label, break_on_hyphens=False)
    return rows or [label.strip()]


def _pieces(text: str, level: int) -> list[str]:
    """text cut after sentence ends (level 0; a title's full stop, "Mrs.", is none), clause
    marks (1) or at spaces (2)."""
    if level >= 2:
        return text.split()
    pattern = _SENTENCE_END if level == 0 else _CLAUSE_END
    parts, at = [], 0
    for m in pattern.finditer(text):
        if level == 0 and ends_abbreviation(text, m.start()):
            continue  # "Mrs." ends no sentence: no cue "said Mrs." before "Miller, in a tone"
        parts.append(text[at:m.end()])
        at = m.end()
    parts.append(text[at:])
    return [p.strip() for p in parts if p.strip()]


def split_text(text: str, seconds_per_char: float, label: str = "", level: int = 0) -> list[str]:
    """text in as few cues as fit, cut at the coarsest boundary that works, evenly balanced.

    Cuts go at sentence ends where possible, else at clause marks, else between words; among
    the ways with fewest cues, the one with the most even cue lengths wins, so no cue is a
    stray word left over.
    """
    def ok(chunk: str) -> bool:
        return weight(chunk) * seconds_per_char <= MAX_SECONDS and fits(chunk, label)

    if ok(text):
        return [text]
    if level > 2:
        # one word spoken for longer than a cue may last: show it in slices
        n = max(1, min(int(MAX_SECONDS / seconds_per_char), MAX_CHARS * MAX_LINES))
        while n > 1 and not ok(text[:n]):
            n -= 1
        return [text[i:i + n] for i in range(0, len(text), n)]
    units: list[str] = []
    for piece in _pieces(text, level):
        units += [piece] if ok(piece) else split_text(piece, seconds_per_char, label, level + 1)
    room = MAX_CHARS * MAX_LINES
    # best[i]: (cues, unevenness, previous cut) for the first i units
    best: list[tuple[int, float, int]] = [(0, 0.0, 0)] + [(len(units) + 1, 0.0, 0)] * len(units)
    for i in range(1, len(units) + 1):
        for j in range(i - 1, -1, -1):
            chunk = " ".join(units[j:i])
            if j < i - 1 and not ok(chunk):
                break
            cost = (best[j][0] + 1, best[j][1] + (room - len(chunk)) ** 2, j)
            if cost[:2] < best[i][:2]:
                best[i] = cost
    chunks, i = [], len(units)
    while i > 0:
        j = best[i][2]
        chunks.append(" ".join(units[j:i]))
        i = j
    return chunks[::-1]


def weight(chunk: str) -> int:
    """How much of a line's time a chunk gets: its characters, spaces aside."""
    return len(chunk) - chunk.count(" ")


MAX_LABEL = 24


def _label(speaker: str, kind: str, labelled: bool) -> str:
    """The SRT speaker label of a cue; a long name is shortened so text still fits beside it."""
    if not labelled or kind != "dialogue" or speaker == NARRATOR:
        return ""
    name = " ".join(speaker.split()).upper()
    if len(name) > MAX_LABEL:
        name = name[:MAX_LABEL - 1].rstrip() + "…"
    return f"{name}: "


def caption_text(item: dict[str, Any], source_text: str | None) -> str:
    """What a manifest line's cues show: its text (what is spoken), a narrator line's as its
    source prints it, quotation marks and all, when the source is given and its span holds
    the line's words (`at Geneva "studying."`, which without them reads as the narrator's
    own word; drama.export.options.shown_text shows txt, md and fountain so), a heading
    without the full stop its speaking adds (heading_as_printed)."""
    text = str(item["text"])
    start, end = item.get("source_start"), item.get("source_end")
    if source_text is None or item.get("kind") not in (NARRATION, CHAPTER) or not (
            isinstance(start, int) and isinstance(end, int)
            and 0 <= start < end <= len(source_text)):
        return text
    if item.get("kind") == CHAPTER:  # `PART I`, spoken `PART I.`
        return heading_as_printed(" ".join(source_text[start:end].split()),
                                  " ".join(text.split()))
    return marked_as_in(source_text[start:end], text)


def cues_from_manifest(manifest: dict[str, Any], labelled: bool = False,
                       source_text: str | None = None) -> list[Cue]:
    """Every line of the manifest as one or more cues, times shared out by characters.

    labelled: reserve room for a ``SPEAKER: `` label on dialogue (SRT has no voice tag).
    source_text: the text the manifest's source spans index (caption_text).
    """
    cues: list[Cue] = []
    for item in manifest["lines"]:
        # a caption of what is said
        shown, flags = emphasised(caption_text(item, source_text))
        text = " ".join(shown.split())
        if not text:
            continue
        italic = [flag for c, flag in zip(shown, flags) if not c.isspace()]
        start, end = float(item["start"]), float(item["end"])
        speaker, kind = str(item["speaker"]), str(item.get("kind", "dialogue"))
        total = weight(text)
        chunks = split_text(text, (end - start) / total, _label(speaker, kind, labelled))
        at, done = start, 0
        for i, chunk in enumerate(chunks):
            # a chunk holds the line's characters but spaces, in order (split_text, wrap)
            ahead = done + weight(chunk)
            stop = end if i == len(chunks) - 1 else round(start + (end - start) * ahead / total, 3)
            cues.append(Cue(at, stop, speaker, kind, chunk, italic[done:ahead]))
            at, done = stop, ahead
    linger(cues, manifest.get("duration"))
    return cues


def reading_seconds(text: str) -> float:
    """How long a cue showing text must stay up to be read: MIN_SECONDS at least, its
    characters at READING_RATE, MAX_SECONDS at most."""
    return min(MAX_SECONDS, max(MIN_SECONDS, len(text) / READING_RATE))


def linger(cues: list[Cue], audio_end: Any = None) -> None:
    """Let each cue spoken too fast to read stay up until it has been (reading_seconds),
    where there is room: never past the next cue's start, so cues stay in order and apart,
    nor past the end of the audio (audio_end, the manifest's duration; a last cue without
    it keeps its end). The room is the pause after a line: a cue inside a line, which the
    next one follows at once, keeps the time its words are spoken in. No cue is shortened."""
    if not (isinstance(audio_end, (int, float)) and not isinstance(audio_end, bool)):
        audio_end = None
    for i, cue in enumerate(cues):
        room = cues[i + 1].start if i + 1 < len(cues) else audio_end
        if room is None:
            continue
        wanted = round(min(cue.start + reading_seconds(cue.text), room), 3)
        cue.end = max(cue.end, wanted)


# ------------------------------------------------------------------ formats

def _timestamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def marked_rows(rows: list[str], italic: Sequence[bool], escape: Callable[[str], str],
                skip: int = 0) -> list[str]:
    """rows (a cue's, wrapped) with each run of emphasised characters (italic: a flag for
    each character but spaces, in order) between <i> and </i>, a space inside a run when
    both its neighbours are, and everything else passed through escape; the first row's
    first `skip` characters (its speaker label) as they are."""
    flags = iter(italic)
    out = []
    for r, row in enumerate(rows):
        head, body = (row[:skip], row[skip:]) if r == 0 else ("", row)
        marks = [None if c.isspace() else next(flags, False) for c in body]
        for i, mark in enumerate(marks):
            if mark is None:
                before = next((m for m in reversed(marks[:i]) if m is not None), False)
                after = next((m for m in marks[i + 1:] if m is not None), False)
                marks[i] = before and after
        pieces, i = [head], 0
        while i < len(body):
            j = i
            while j < len(body) and marks[j] == marks[i]:
                j += 1
            run = escape(body[i:j])
            pieces.append(f"<i>{run}</i>" if marks[i] else run)
            i = j
        out.append("".join(pieces))
    return out


_SRT_TAG = re.compile(r"<(?=/?(?:[ibu]|font)\b)", re.I)
"""A text's own `<` where it would open a tag SRT players read (<i>, <b>, <u>, <font>)."""


def _srt_escape(text: str) -> str:
    """A text's own words as an SRT row shows them: SRT has no escapes, so a `<` that would
    open a tag players read is written as the look-alike `‹` (U+2039), and "-->", which
    would read as a timing line, as "->"."""
    return _SRT_TAG.sub("‹", text.replace("-->", "->"))


def srt_text(manifest: dict[str, Any], source_text: str | None = None) -> str:
    """SubRip subtitles: dialogue labelled ``SPEAKER:``, narration unlabelled (its source's
    quotation marks shown: caption_text); emphasis in <i> (marked_rows)."""
    blocks = []
    for n, cue in enumerate(cues_from_manifest(manifest, True, source_text), 1):
        label = _label(cue.speaker, cue.kind, True)
        rows = marked_rows(wrap(cue.text, label), cue.italic, _srt_escape, len(label))
        rows[0] = _srt_escape(rows[0][:len(label)]) + rows[0][len(label):]
        blocks.append(f"{n}\n{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}\n"
                      + "\n".join(rows) + "\n")
    return "\n".join(blocks)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_text(manifest: dict[str, Any], source_text: str | None = None) -> str:
    """WebVTT subtitles with each cue's speaker as a voice span, ``<v Trotsky>`` (narration
    with its source's quotation marks: caption_text); emphasis in <i> (marked_rows), the
    text's own & < > as character references."""
    title = " ".join(str(manifest.get("title") or "").split())
    out = ["WEBVTT" + (f" - {title.replace('-->', '->')}" if title else ""), ""]
    for cue in cues_from_manifest(manifest, False, source_text):
        rows = marked_rows(wrap(cue.text), cue.italic, _vtt_escape)
        voice = _vtt_escape(" ".join(cue.speaker.split()))
        out += [f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}",
                f"<v {voice}>" + "\n".join(rows), ""]
    return "\n".join(out).rstrip() + "\n"


def write_subtitles(manifest: str | os.PathLike | dict[str, Any],
                    out_dir: str | os.PathLike | None = None,
                    name: str | None = None) -> list[str]:
    """Write <name>.srt and <name>.vtt for a rendered episode; the paths written.

    manifest is the manifest's path (the files go beside it, named after it) or its data
    (then out_dir and name are needed).
    """
    if isinstance(manifest, dict):
        check_manifest(manifest)
        data = manifest
        if out_dir is None or name is None:
            raise ExportError("write_subtitles needs out_dir and name with a manifest's data")
    else:
        p = Path(manifest)
        data = load_manifest(p)
        out_dir = p.parent if out_dir is None else out_dir
        name = name or file_stem(p)
    written = []
    for ext, render in (("srt", srt_text), ("vtt", vtt_text)):
        dest = Path(out_dir) / f"{name}.{ext}"
        write_atomic(dest, render(data))
        written.append(str(dest))
    return written
