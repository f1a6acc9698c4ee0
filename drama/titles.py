"""Titles written shortened with a dot ("Capt.", "Mrs."): which they are, and the word each
rank stands for.

One table the extractor (a dot that ends no sentence, a title before a name), the renderer
(no cut for speech after one) and the pronouncer ("Capt. Heron" said as "Captain Heron")
read: here, outside drama.extract, so that a render reads it without loading the extractor.
"""
from __future__ import annotations

import re
from functools import lru_cache

TITLE_ABBREVIATIONS = {"gen": "general", "col": "colonel", "maj": "major",
                       "capt": "captain", "lt": "lieutenant", "sgt": "sergeant",
                       "adm": "admiral", "cpl": "corporal", "pvt": "private",
                       "cmdr": "commander", "gov": "governor", "sen": "senator",
                       "rep": "representative", "dr": "doctor", "rev": "reverend",
                       "prof": "professor"}
"""The titles the Associated Press Stylebook abbreviates before a name (its "military
titles": Gen., Col., Maj., Capt., Lt., Sgt., Adm., Cpl., Pvt., Cmdr.; its compounds, Lt.
Col., are these words in turn; and Gov., Sen., Rep., the Rev., Dr.), and Prof. (a
shortened title here before them), each with the title it stands for. Each is a title of
its own, with a name after it: "Col. Brandon" is Colonel Brandon's form, "said Pvt. Lowe"
names Pvt. Lowe."""
# Titles written shortened with a dot, which never stand without a name after them: the dot
# of "Mrs." ends no sentence, and "The gallant Mr" is no one: the courtesy titles, and those
# written shortened before a name (TITLE_ABBREVIATIONS).
ABBREVIATED_TITLES = frozenset("mr mrs ms st m mlle mme messrs".split()) | \
    TITLE_ABBREVIATIONS.keys()


@lru_cache(maxsize=1)
def abbreviation() -> re.Pattern:
    """A word whose full stop ends a shortened title or an initial ("Mr.", "Col.", "J.")
    rather than a sentence: where the renderer cuts no speech and subtitles no cue."""
    titles = "|".join(sorted(t.capitalize() for t in ABBREVIATED_TITLES))
    return re.compile(rf"(?:{titles}|[A-Z])\.")


def ends_abbreviation(text: str, stop: int, start: int = 0) -> bool:
    """Whether the mark at text[stop] is the full stop of a shortened title or an initial
    (abbreviation(): "said Mrs. Miller", "J. Smith"), read from the word it ends, no further
    back than `start`: the one test of the renderer's pieces and the subtitles' cues."""
    word = text[max(start, text.rfind(" ", 0, stop) + 1):stop + 1]
    return abbreviation().fullmatch(word) is not None
