"""Markdown: a cast list (speaker, voice, lines), then the script with speaker names in bold."""
from __future__ import annotations

import re
from collections import Counter

from ..emphasis import marked
from ..model import CHAPTER, NARRATION, SKIPPED, Script
from .options import ExportOptions, noted_lines, shown_text
from ..wording import counted

# CommonMark lets a backslash escape any ASCII punctuation. These could start markup anywhere
# in a line: emphasis, code, links, raw HTML, table cells, strikeout; `&` only as an entity.
_INLINE = re.compile(r"([\\`*_\[\]<|~])|&(?=#?\w+;)")
# At the start of a paragraph these make a heading, quote, list item or thematic break.
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def escape_md(text: str, emphasis: bool = False) -> str:
    """Text that Markdown shows literally: markup characters backslash-escaped; with
    `emphasis`, the text's own (`_very_`, drama.emphasis) shown as Markdown's, `*very*`."""
    text = marked(text, _inline) if emphasis else _inline(text)
    m = _BLOCK_START.match(text)
    if m:
        cut = m.end() if m.group(1)[0].isdigit() else 0  # "1917. The year" is not a list
        text = text[:cut] + "\\" + text[cut:]
    return text


def _inline(text: str) -> str:
    """text's inline markup characters backslash-escaped."""
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def cast_rows(script: Script, options: ExportOptions) -> list[tuple[str, str | None, int]]:
    """(speaker, voice or None, spoken lines) for every speaker in order of appearance."""
    counts = Counter(ln.speaker for ln in script.lines if ln.text.strip() and ln.spoken)
    rows = []
    for speaker in script.speakers:
        if not counts[speaker]:
            continue
        voice = None
        if options.casting is not None:
            entry = options.casting.entry_for(speaker)
            voice = f"`{entry.voice}`" if entry else "*not cast*"
        rows.append((speaker, voice, counts[speaker]))
    return rows


def export_md(script: Script, options: ExportOptions | None = None) -> str:
    """The script as Markdown: title, cast table, then one paragraph per line."""
    opts = options or ExportOptions()
    out = [f"# {escape_md(script.title.strip() or 'Untitled')}", ""]
    rows = cast_rows(script, opts)
    if rows:
        out += ["## Cast", ""]
        with_voice = opts.casting is not None
        out.append("| Speaker | Voice | Lines |" if with_voice else "| Speaker | Lines |")
        out.append("| --- | --- | ---: |" if with_voice else "| --- | ---: |")
        for speaker, voice, n in rows:
            cells = [escape_md(speaker)] + ([voice] if with_voice else []) + [str(n)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += ["## Script", ""]
    for line in noted_lines(script.lines):
        text = shown_text(line, opts)
        if not text:
            continue
        if line.kind == SKIPPED:
            out += [f"*(not read aloud: {escape_md(line.level or 'skipped')}, "
                    f"{counted(len(text.split()), 'word')})*", ""]
            continue
        if line.kind == CHAPTER:
            out += [f"### {escape_md(text)}", ""]
            continue
        if line.kind == NARRATION and opts.narration == "plain":
            out.append(escape_md(text, emphasis=True))
        else:
            out.append(f"**{escape_md(line.speaker)}:** {escape_md(text, emphasis=True)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
