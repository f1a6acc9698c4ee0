"""The radio-play script: a heading, then `SPEAKER: line` paragraphs wrapped for reading."""
from __future__ import annotations

import textwrap

from ..emphasis import plain
from ..model import CHAPTER, NARRATION, SKIPPED, Script
from .options import ExportOptions, noted_lines, shown_text
from ..wording import counted

INDENT = "    "


def heading(script: Script) -> list[str]:
    """The episode heading: the title underlined, then the cast in order of appearance."""
    title = script.title.strip() or "Untitled"
    out = [title, "=" * len(title), ""]
    speakers = [s for s in script.speakers if s.strip()]
    if speakers:
        out += textwrap.wrap("CAST: " + ", ".join(s.upper() for s in speakers), width=78,
                             subsequent_indent=INDENT, break_on_hyphens=False,
                             break_long_words=False)
        out.append("")
    return out


def export_txt(script: Script, options: ExportOptions | None = None) -> str:
    """A radio-play script; narration labelled NARRATOR: or as plain paragraphs (options)."""
    opts = options or ExportOptions()
    width = max(opts.width, 20)
    out = heading(script)
    for line in noted_lines(script.lines):
        text = plain(shown_text(line, opts))
        if not text:
            continue
        if line.kind == SKIPPED:
            out += [f"[not read aloud: {line.level or 'skipped'}, "
                    f"{counted(len(text.split()), 'word')}]", ""]
            continue
        if line.kind == CHAPTER:
            out += ["", textwrap.fill(text.upper(), width=width), ""]
            continue
        if line.kind == NARRATION and opts.narration == "plain":
            body = textwrap.fill(text, width=width, break_on_hyphens=False,
                                 break_long_words=False)
        else:
            label = line.speaker.upper() + ":"
            body = textwrap.fill(text, width=width, initial_indent=label + " ",
                                 subsequent_indent=INDENT, break_on_hyphens=False,
                                 break_long_words=False)
        out += [body, ""]
    return "\n".join(out).rstrip() + "\n"
