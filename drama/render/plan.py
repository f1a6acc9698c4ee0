"""Script -> the episode's timeline: which segment each line (or each piece of a long line)
is, the pause before it, where it starts, and the chapter marks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..emphasis import spoken as said_of
from ..engines import EngineSet, VoiceSettings, espeak_voice, identity, phoneme_alphabet
from ..errors import RenderError
from ..model import Line, Script
from .cache import segment_key
from .loudness import SegmentSummary
from .pauses import (CHAPTER, SCENE, Pauses, gap_context, is_break_text, paragraph_starts,
                     starts_between)
from .pieces import speech_pieces

if TYPE_CHECKING:  # the synthesis workers import this package: keep casting out of them
    from ..casting import Casting


@dataclass
class Item:
    """One segment placed on the episode's timeline: a script line, or a piece of one."""

    index: int
    """The script line's index."""
    line: Line
    text: str
    """What this segment speaks: the line's text, or a piece of it."""
    key: str | None
    """None for a line with nothing to speak (a scene-break ornament, punctuation only)."""
    settings: VoiceSettings | None
    spoken: str = ""
    """What the engine speaks: the text with the lexicon applied."""
    engine: str = ""
    """The registry name of the engine that speaks it."""
    piece: int = 0
    pieces: int = 1
    gap: float = 0.0
    context: str = ""
    start: int = 0
    frames: int = 0


def plan_items(script: Script, casting: Casting, engines: EngineSet, source_text: str | None,
               pauses: Pauses) -> list[Item]:
    """The script's spoken lines as segments, with the context of the pause before each;
    a RenderError naming every speaker without a voice."""
    from ..casting.lexicon import Pronouncer
    pronouncer = Pronouncer(casting.lexicon, lambda: engines.get("pyttsx3"))
    items: list[Item] = []
    problems: list[str] = []
    voices: dict[str, VoiceSettings | None] = {}  # one settings object a speaker
    starts = paragraph_starts(source_text) if source_text is not None else None
    prev = None
    for i, line in enumerate(script.lines):
        if not line.text.strip() or not line.spoken:
            continue
        spoken = any(c.isalnum() for c in said_of(line.text))  # a footnote's note: silent
        settings = engine = None
        if spoken:
            if line.speaker not in voices:
                entry = casting.entry_for(line.speaker)
                voices[line.speaker] = entry.settings() if entry is not None else None
            settings = voices[line.speaker]
            if settings is None:
                if line.speaker not in problems:
                    problems.append(line.speaker)
                continue
            engine = engines.for_settings(settings)
        pieces = speech_pieces(line.text) if spoken else [(line.text, "")]
        for k, (text, _) in enumerate(pieces):
            key, said = None, ""
            if engine is not None:
                said = pronouncer.spoken(text, phoneme_alphabet(engine),
                                         espeak_voice(engine, settings))
                key = segment_key(engine.name, identity(engine, settings), said, settings)
            item = Item(i, line, text, key, settings, said, engine.name if engine else "",
                        k, len(pieces))
            if k:
                item.context = pieces[k - 1][1]  # the pause the punctuation there makes
            elif prev is not None:
                item.context = _context(prev, line, spoken, source_text, starts)
            items.append(item)
            prev = item
    if problems:
        raise RenderError(f"speaker(s) without a voice: {', '.join(map(repr, problems))}; "
                          "run `drama cast` on the script", path=casting.path)
    return items


def _context(prev: Item, line: Line, spoken: bool, source_text: str | None,
             starts: list[int] | None) -> str:
    """The pause before a line, from the source text between it and the previous one
    (`starts`: where its paragraphs start, paragraph_starts)."""
    gap, new_paragraph = None, False
    if source_text is not None and 0 <= prev.line.end <= line.start <= len(source_text):
        gap = source_text[prev.line.end:line.start]
        new_paragraph = starts is not None and starts_between(starts, prev.line.end,
                                                              line.start)
    context = gap_context(gap, prev.line.speaker == line.speaker, new_paragraph)
    if not spoken and is_break_text(line.text):
        context = SCENE
    if prev.key is None and prev.context == SCENE:
        context = SCENE
    if line.kind == CHAPTER or prev.line.kind == CHAPTER:
        context = CHAPTER
    return context


def layout(items: list[Item], stats: dict[str, SegmentSummary], rate: int,
           pauses: Pauses) -> int:
    """Give every item its start frame; the episode's length in frames."""
    pos = int(round(pauses.head * rate))
    first = True
    pending_gap = 0.0
    for item in items:
        if not first and item.context:
            pending_gap = max(pending_gap, pauses.seconds(item.context))
        if item.key is None:
            item.start, item.frames = pos, 0
            continue
        if not first:
            pos += int(round(pending_gap * rate))
            item.gap = pending_gap
        pending_gap = 0.0
        first = False
        item.start = pos
        item.frames = stats[item.key].frames
        pos += item.frames
    return pos + int(round(pauses.tail * rate))


def chapter_marks(script: Script, items: list[Item], rate: int,
                  total_frames: int) -> list[tuple[float, float, str]]:
    """One chapter per heading of a book (the part before the first under the script's
    title); without headings, one per scene (the whole episode when there are no breaks)."""
    end = total_frames / rate
    heads = [it for it in items if it.line.kind == CHAPTER and it.key is not None
             and it.line.level != "title" and it.piece == 0]
    if heads:
        marks = [(it.start / rate, it.line.text) for it in heads]
        if marks[0][0] > 0 and any(it.key is not None and it.start < heads[0].start
                                   for it in items):
            marks.insert(0, (0.0, script.title))
        marks[0] = (0.0, marks[0][1])
        bounds = [t for t, _ in marks] + [end]
        return [(bounds[i], bounds[i + 1], name) for i, (_, name) in enumerate(marks)]
    starts = [0.0]
    for item in items:
        if item.context == SCENE and item.key is not None:
            starts.append(item.start / rate)
    bounds = starts + [end]
    return [(bounds[i], bounds[i + 1], f"{script.title} ({i + 1})" if len(starts) > 1
             else script.title) for i in range(len(starts))]


def manifest_line(item: Item, rate: int) -> dict:
    """An item as the manifest lists it (a long line's pieces are entries of their own)."""
    line = item.line
    doc = {"index": item.index, "speaker": line.speaker, "kind": line.kind, "text": item.text,
           "start": round(item.start / rate, 3),
           "end": round((item.start + item.frames) / rate, 3),
           "pause_before": item.context or "head", "source_start": line.start,
           "source_end": line.end, "spoken": item.key is not None, "segment": item.key}
    if item.pieces > 1:
        doc["piece"] = [item.piece + 1, item.pieces]
    return doc
