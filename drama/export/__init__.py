"""The script as text formats. Each exporter is a function Script -> str in EXPORTERS."""
from __future__ import annotations

import textwrap
from typing import Callable

from ..errors import ExportError
from ..model import DIALOGUE, Script
from ..scriptfile import dump_script


def export_txt(script: Script, width: int = 78) -> str:
    """A radio-play script: the title, then `SPEAKER: line` paragraphs, wrapped for reading."""
    out = [script.title, "=" * min(len(script.title), width), ""]
    for line in script.lines:
        label = line.speaker.upper() + ":"
        body = textwrap.fill(line.text, width=width, initial_indent=label + " ",
                             subsequent_indent=" " * 4, break_on_hyphens=False)
        out.append(body)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def export_json(script: Script) -> str:
    """The script file's JSON form."""
    return dump_script(script, "json")


EXPORTERS: dict[str, Callable[[Script], str]] = {
    "txt": export_txt,
    "json": export_json,
}
"""Format name -> exporter."""


def export_script(script: Script, fmt: str) -> str:
    """The script in the named format, or an ExportError listing the known ones."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    return exporter(script)


__all__ = ["EXPORTERS", "export_script", "DIALOGUE"]
