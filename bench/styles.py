"""The typographies the attribution benches render the dev novels in.

The shared scorer's `restyle` (../shared/eval/pdnc_eval.py) writes straight, curly and
british texts. Some books mark speech with ASCII single quotes ('Good morning,' she said),
nesting double ones: "straight-single" is the british rendering with its curly marks made
straight (‘ ’ -> ', “ ” -> "), so the scorer decides, as for british, which mark opens, which
closes and which is an apostrophe (every apostrophe becomes ' too).
"""
from __future__ import annotations

STYLES = ["straight", "curly", "british", "straight-single"]
STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def restyle(E, text: str, quotes: list[dict], style: str) -> str:
    """`text` in `style` (one of STYLES), by the scorer module E's restyle."""
    if style == "straight-single":
        return E.restyle(text, quotes, "british").translate(STRAIGHTEN)
    return E.restyle(text, quotes, style)
