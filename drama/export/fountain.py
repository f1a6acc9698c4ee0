"""Fountain, the plain-text screenplay format (fountain.io): title page, cues, dialogue, action.

Narration becomes action and each speaker's dialogue a character cue with its lines. Fountain
gives meaning to capitals and to some leading characters, so text that a reader would misparse
is escaped: emphasis characters get a backslash, an action paragraph that would read as a
scene heading, transition, character cue, section, synopsis, note or centred text is forced
with ``!``, and a speaker name that is not all capitals once upper-cased (Chinese, digits) is
forced with ``@``.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..emphasis import emphases, halves, marked
from ..model import CHAPTER, DIALOGUE, SKIPPED, Script
from .options import ExportOptions, noted_lines, shown_text

# A backslash before an emphasis marker (Fountain spec, "Emphasis") shows it literally.
_BACKSLASH = re.compile(r"\\(?=[\\*_])")
# Scene headings: INT, EXT, EST, INT./EXT, INT/EXT, I/E followed by a dot or a space.
_SCENE = re.compile(r"^(?:INT|EXT|EST|INT\.?/EXT|I/E)[ .]", re.IGNORECASE)
# A leading character that forces or marks another element, or a note / boneyard opener.
_SPECIAL_START = ("!", "@", "#", "~", ".", ">", "=", "[[", "/*", "(")


def escape_text(text: str, emphasis: bool = False) -> str:
    """Text shown literally in any Fountain element: emphasis markers escaped where they pair;
    with `emphasis`, the text's own (`_very_`, drama.emphasis) shown as Fountain's italics,
    `*very*`, every other marker escaped."""
    text = " ".join(text.split())
    if emphasis and (emphases(text) or halves(text)):
        return _unbracketed(marked(text, lambda part: _literal(part, "*_")))
    return _unbracketed(_literal(text, [m for m in "*_" if text.count(m) > 1]))


def _literal(text: str, markers) -> str:
    """text's backslashes and `markers` escaped (a lone marker cannot open emphasis; a pair
    or more could, so escape_text escapes them all)."""
    text = _BACKSLASH.sub(r"\\\\", text)
    for marker in markers:
        text = text.replace(marker, "\\" + marker)
    return text


def _unbracketed(text: str) -> str:
    """text with a note's bracket pair broken: a reader would drop a note ([[...]])."""
    return text.replace("[[", "[ [").replace("]]", "] ]") if "[[" in text else text


def action(text: str) -> str:
    """An action paragraph, forced with `!` where Fountain would read it as something else."""
    body = escape_text(text, emphasis=True)
    upper = body.upper() == body and any(c.isalpha() for c in body)
    if (body.startswith(_SPECIAL_START) or _SCENE.match(body) or upper
            or body.rstrip().endswith("TO:") or body.rstrip().endswith("<")):
        return "!" + body
    return body


def character_cue(speaker: str) -> str:
    """The cue for a speaker: the name in capitals, or `@Name` where capitals cannot show it."""
    name = " ".join(speaker.split())
    cue = name.upper()
    before_paren = cue.split("(", 1)[0]
    plain_caps = (before_paren.isupper() and not cue.startswith(_SPECIAL_START)
                  and not cue.endswith(("^", "TO:")) and not _SCENE.match(cue))
    return cue if plain_caps else "@" + name


def dialogue_line(text: str) -> str:
    """A line of dialogue: emphasis escaped; never empty (a blank ends the dialogue)."""
    return escape_text(text, emphasis=True) or "..."


def title_page(script: Script, author: str | None = None) -> list[str]:
    """Title page key: value lines (Fountain spec, "Title Page"). With an author, as a
    screenplay's: "Written by" the author, drama's adaptation the source."""
    title = escape_text(script.title) or "Untitled"
    source = escape_text(Path(script.source).name) if script.source else ""
    author = escape_text(author or "")
    if not author:
        return [f"Title: {title}", "Credit: Adapted by drama"] + \
            ([f"Source: {source}"] if source else [])
    return [f"Title: {title}", "Credit: Written by", f"Author: {author}",
            f"Source: Adapted by drama{' from ' + source if source else ''}"]


def export_fountain(script: Script, options: ExportOptions | None = None) -> str:
    """The script as a Fountain screenplay; same-speaker runs of dialogue share one cue."""
    opts = options or ExportOptions()
    out = title_page(script, opts.author) + [""]
    previous_speaker = None
    for line in noted_lines(script.lines):
        if not " ".join(line.text.split()):
            continue
        if line.kind == SKIPPED:
            out += [f"[[not read aloud: {line.level or 'skipped'}]]", ""]
            previous_speaker = None
            continue
        if line.kind == CHAPTER:  # a forced scene heading
            out += ["." + escape_text(shown_text(line, opts)).upper().lstrip("."), ""]
            previous_speaker = None
            continue
        if line.kind == DIALOGUE:
            if line.speaker == previous_speaker:
                out.insert(len(out) - 1, dialogue_line(line.text))
                continue
            out += [character_cue(line.speaker), dialogue_line(line.text), ""]
            previous_speaker = line.speaker
        else:
            out += [action(shown_text(line, opts)), ""]
            previous_speaker = None
    return "\n".join(out).rstrip() + "\n"
