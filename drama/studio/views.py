"""What each page shows, built from the studio's files: plain data the templates lay out.

- script: the text as it reads, in the source's paragraphs, dialogue coloured by speaker;
  the review queue, least confident first.
- cast: every speaker with lines, words, gender and the settings of the voice that speaks them.
- listen: the rendered episode's lines with their times, from its manifest.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from ..casting import Casting, speaker_report
from ..casting.audition import first_lines, voice_key
from ..casting.recast import SOUND_FIELDS
from ..emphasis import plain
from ..errors import DramaError
from ..export.options import ExportOptions, shown_text
from ..export.subtitles import caption_text
from ..files import read_json
from ..extract.review import lines_to_review
from ..model import CHAPTER, DIALOGUE, NARRATOR, Script, name_key
from ..render.episode import label_with_default, voice_label
from ..render.pauses import paragraph_starts, starts_between
from .project import Episode
from .session import Studio

QUEUE_LENGTH = 200
"""How many of the least confident lines the review queue holds."""
QUEUE_SHOWN = 40
"""How many of them the page lists (the keys walk them all)."""


def colour(speaker: str, hue: int | None = None) -> str:
    """A speaker's colour: the same for a name on every page and in every session (its hue
    from its name, unless `colours` moved it off another speaker's)."""
    h = zlib.crc32(speaker.encode("utf-8"))
    light = 82 + (h >> 9) % 3 * 4
    return f"hsl({h % 360 if hue is None else hue} 70% {light}%)"


HUE_GAP = 24
"""The least difference of hue between two speakers' colours, where there is room for it."""


def colours(speakers: list[str]) -> dict[str, str]:
    """Each speaker's colour, no two of them the same hue or nearly: each keeps its name's
    hue (colour) unless a speaker taken before (lower hash first, so one added later moves
    rarely anyone) is within the gap, then it steps round by the golden angle to the first
    hue clear of every one taken, or the clearest. Mary and John Smith, hues 239 and 240,
    looked alike in the studio's script (walk26)."""
    gap = min(HUE_GAP, 360 / max(1, 2 * len(speakers)))
    taken: list[int] = []
    out: dict[str, str] = {}

    def clearance(hue: int) -> float:
        return min((min(abs(hue - t), 360 - abs(hue - t)) for t in taken), default=360)

    for name in sorted(set(speakers), key=lambda n: (zlib.crc32(n.encode("utf-8")), n)):
        start = zlib.crc32(name.encode("utf-8")) % 360
        tries = [(start + 137 * k) % 360 for k in range(16)]
        hue = next((h for h in tries if clearance(h) >= gap), None)
        if hue is None:     # none clear: the clearest (only then: each try costs a pass)
            hue = max(tries, key=clearance)
        taken.append(hue)
        out[name] = colour(name, hue)
    return out


def speaker_colours(studio: Studio) -> dict[str, str]:
    """The colours of the project's speakers (colours), and any other by its name's hue."""
    return colours(project_speakers(studio))


@dataclass
class LineView:
    index: int
    speaker: str
    kind: str
    text: str
    """As a reader sees it, as the txt export shows it (shown_line)."""
    cue: str | None
    confidence: float | None
    colour: str | None
    raw: str = ""
    """The line's text as its script holds it: what an edit names the line by."""


@dataclass
class ScriptPage:
    episode: Episode
    paragraphs: list[list[LineView]]
    queue: list[int]
    """Line indices to review, least confident first."""
    queue_lines: list[LineView]
    """The lines of the queue's start, to list."""
    speakers: list[str]
    """Every dialogue speaker of the project, for the speaker field's suggestions."""
    line_count: int
    has_source: bool


def script_page(studio: Studio, episode: Episode) -> ScriptPage:
    script = studio.script(episode)
    source = studio.source_text(episode)
    starts = None if source is None else paragraph_starts(source)
    paragraphs: list[list[LineView]] = []
    by_index: dict[int, LineView] = {}
    prev = None
    palette = speaker_colours(studio)
    for i, line in enumerate(script.lines):
        view = LineView(i, line.speaker, line.kind, shown_line(line, source), line.cue,
                        line.confidence, palette.get(line.speaker) or colour(line.speaker)
                        if line.kind == DIALOGUE else None, line.text)
        if prev is None or _new_paragraph(prev, line, starts):
            paragraphs.append([])
        paragraphs[-1].append(view)
        by_index[i] = view
        prev = line
    queued = lines_to_review(script, limit=QUEUE_LENGTH, context=0)
    queue = [item.number - 1 for item in sorted(queued, key=lambda it: it.line.confidence)]
    return ScriptPage(episode, paragraphs, queue, [by_index[i] for i in queue[:QUEUE_SHOWN]],
                      project_speakers(studio), len(script.lines), source is not None)


def shown_line(line, source: str | None) -> str:
    """A line as the txt export shows it: a narrator line with the quotation marks its
    source has (export.options.shown_text), emphasis plain (`_very_` is very)."""
    return plain(shown_text(line, ExportOptions(source_text=source)))


def _new_paragraph(prev, line, starts: list[int] | None) -> bool:
    """Whether a paragraph of the source starts between two lines: `starts` are where the
    source's paragraphs start as extraction reads them (after a blank line, or at each line
    of an unwrapped text), so a hard-wrapped line that happens to open with a quotation is
    no paragraph (it was one on the page, where any line break counted). Without the
    source: wherever narration and dialogue meet."""
    if starts is not None and 0 <= prev.end <= line.start:
        return starts_between(starts, prev.end, line.start)
    return prev.kind != line.kind


def project_speakers(studio: Studio) -> list[str]:
    """Every dialogue speaker of every episode, then every cast name, once each."""
    names: dict[str, str] = {}
    for script in studio.scripts():
        for line in script.lines:
            if line.kind == DIALOGUE:
                names.setdefault(name_key(line.speaker), line.speaker)
    try:
        for name in studio.casting().speakers:
            names.setdefault(name_key(name), name)
    except DramaError:
        pass
    return sorted(names.values(), key=str.casefold)


@dataclass
class CastRow:
    speaker: str
    lines: int
    words: int
    gender: str
    cast_as: str | None
    """The entry that voices them, when they are its alias."""
    settings: dict | None
    """engine/voice/rate/pitch/volume of that entry; None when not cast."""
    sample: str | None
    """The line an audition speaks: the speaker's own first line."""
    colour: str | None


@dataclass
class CastPage:
    rows: list[CastRow]
    fields: tuple[str, ...] = SOUND_FIELDS
    uncast: list[str] = field(default_factory=list)
    error: str | None = None


def cast_page(studio: Studio) -> CastPage:
    scripts = studio.scripts()
    try:
        casting = studio.casting()
    except DramaError as exc:
        return CastPage([], error=str(exc))
    rows = []
    palette = speaker_colours(studio)
    samples = first_lines(casting, scripts)
    for r in speaker_report(scripts, casting):
        entry = casting.entry_for(r.speaker)
        settings = None
        if entry is not None:
            settings = {k: getattr(entry, k, None) for k in SOUND_FIELDS}
        rows.append(CastRow(r.speaker, r.lines, r.words, r.gender, r.cast_as, settings,
                            samples.get(voice_key(r.speaker, casting)),
                            palette.get(r.speaker) or colour(r.speaker)
                            if r.speaker != NARRATOR else None))
    return CastPage(rows, uncast=[r.speaker for r in rows if r.settings is None])


@dataclass
class ListenPage:
    episode: Episode
    audio: str | None
    """The audio file's name, when the episode was rendered."""
    paragraphs: list[list[dict]]
    """From the manifest, in the episode's paragraphs (each heading one of its own): index,
    speaker, kind, text, start, end, the start as m:ss.s and the speaker's colour (spoken
    lines only)."""
    stale: bool
    """The script changed since the render: its lines are not the manifest's."""
    error: str | None = None


def listen_page(studio: Studio, episode: Episode) -> ListenPage:
    audio = next((p for p in episode.audio_files() if p.is_file()), None)
    try:
        manifest = read_json(episode.manifest)
        rendered = manifest["lines"]
    except FileNotFoundError:
        return ListenPage(episode, None, [], False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return ListenPage(episode, None, [], False, f"{episode.manifest}: unreadable ({exc})")
    try:
        lines = _rendered_lines(rendered, speaker_colours(studio), studio.source_text(episode))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        return ListenPage(episode, audio.name if audio is not None else None, [], True,
                          f"{episode.manifest}: its lines are unreadable ({exc!r}); render "
                          "the episode again to write it anew")
    paragraphs: list[list[dict]] = []
    for n, line in enumerate(lines):
        # a heading is a paragraph of its own: the page shows it as one (<h2>)
        if line["new"] or not paragraphs or CHAPTER in (line["kind"], lines[n - 1]["kind"]):
            paragraphs.append([])
        paragraphs[-1].append(line)
    try:
        stale = _lines_changed(studio.script(episode), lines)
    except DramaError:
        stale = True
    stale = stale or _voices_changed(studio, manifest, lines)
    return ListenPage(episode, audio.name if audio is not None else None, paragraphs, stale)


def _lines_changed(script: Script, spoken: list[dict]) -> bool:
    """Whether the script's lines are not those the manifest's `spoken` lines were made
    from: the same speaker and text at each index, and no other line with words. A line
    over 600 characters is spoken in pieces (render/pieces.py), each an entry of its own:
    joined by spaces they are its text, whitespace folded."""
    said: dict[int, tuple[str, list[str]]] = {}
    for ln in spoken:
        said.setdefault(ln["i"], (ln["speaker"], []))[1].append(ln["text"])
    now = script.lines
    if len(said) != sum(1 for ln in now if any(c.isalnum() for c in ln.text)):
        return True
    return any(i >= len(now) or now[i].speaker != speaker or
               " ".join(now[i].text.split()) != " ".join(texts)
               for i, (speaker, texts) in said.items())


def _rendered_lines(rendered: list, palette: dict[str, str],
                    source: str | None = None) -> list[dict]:
    """The manifest's spoken lines as the page shows them: "text" as spoken, "shown" as
    read (a heading as `source` prints it: caption_text); a KeyError, TypeError or
    ValueError when the manifest was edited into another shape."""
    lines = [{"i": int(ln["index"]), "speaker": str(ln["speaker"]), "kind": ln["kind"],
              "text": plain(str(ln["text"])), "start": float(ln["start"]),
              "shown": plain(caption_text(ln, source) if ln["kind"] == CHAPTER else
                             str(ln["text"])),
              "end": ln.get("end"),
              "new": ln.get("pause_before") in NEW_PARAGRAPH}
             for ln in rendered if ln.get("spoken", True)]
    for line in lines:
        line["at"] = clock(line["start"])
        line["colour"] = palette.get(line["speaker"]) or colour(line["speaker"]) \
            if line["kind"] == DIALOGUE else None
    return lines


NEW_PARAGRAPH = ("head", "paragraph", "scene", "chapter")
"""The pauses before a line (the manifest's pause_before) that start a paragraph."""


def clock(seconds: float) -> str:
    minutes, sec = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{sec:04.1f}" if hours else f"{minutes}:{sec:04.1f}"


def _voices_changed(studio: Studio, manifest: dict, lines: list[dict]) -> bool:
    """Whether the voices its speakers have now are not the ones the render used (as its
    manifest's per-voice gains name them: engine, voice, speaker, rate and pitch; named as
    the render names them, so a Piper voice is not taken for a changed one; a voice that
    names the default engine is the same voice as one naming none, either way round)."""
    used = (manifest.get("loudness") or {}).get("voice_gains_db")
    if not isinstance(used, dict):
        return False
    try:
        casting = studio.casting()
    except DramaError:
        return True
    now = set()
    for line in lines:
        entry = casting.entry_for(line["speaker"])
        if entry is None:
            return True
        now.add(voice_label(entry.settings(), studio.default_engine))
    return now != {label_with_default(label, studio.default_engine) for label in used}
