"""What an exporter may be told besides the script: layout, the cast, the render manifest."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # casting imports the engine interface; exporters only read a Casting
    from ..casting import Casting

NARRATION_STYLES = ("narrator", "plain")


@dataclass
class ExportOptions:
    """Options shared by the exporters; each reads the ones that concern it."""

    width: int = 78
    """Wrap text formats (txt) at this many characters."""
    narration: str = "narrator"
    """txt and md: narration as ``NARRATOR:`` lines (``narrator``) or plain paragraphs (``plain``)."""
    casting: "Casting | None" = None
    """md: the cast list shows each speaker's voice when given."""
    manifest: dict[str, Any] | None = None
    """srt and vtt: the render manifest (timings) the subtitles come from."""
