"""A beat of narration between two turns that tells one person's reply in the narrator's
words: "“Were you at the fair?” ¶ Hugo replied that he was. ¶ “And did you see the bear?”"
Hugo has had his say; the next line, opening its own paragraph, is not his (most often the
one who asked goes on). The conversation model reads the beat's subject as the likeliest
next speaker (its beat_subj feature), which here is the one person it cannot be:
apply.py's _reply_told moves such a turn back.
"""
from __future__ import annotations

import re

from ..attribution.words import SENTENCE_STOP, is_speech_verb

REPORTED = re.compile(r"\b(?=([a-z]+)(?:[ ,]+[a-z]+){0,4}?[ ,]+(?:that|in the (?:affirmative|"
                      r"negative))\b)")
"""A verb, at most four words (an object, an adverb), then "that" or "in the affirmative"
/ "in the negative": a speech verb there reports a reply ("replied very concisely that",
"assured her that", "answered in the affirmative")."""
NO_REPLY = re.compile(r"\b(?:made|gave|returned) no (?:answer|reply|response)\b|"
                      r"\bsaid nothing\b")
"""A reply left unspoken ("He made no answer.", "She said nothing."): told, too."""
GESTURE = re.compile(r"\b(?:nodded|bowed|shrugged|shook (?:his|her) head|(?:was|remained|kept) "
                     r"silent)\b")
"""A reply by a gesture or by silence ("She nodded.", "He was silent."). A hand list of
ordinary English, no one's words: the gestures that say yes, no or nothing (a nod, a bow,
a shrug, a shake of the head) and keeping silent."""
OPENING = re.compile(r"\s*[\W_]*(?:(he|she|i)\b)?", re.I)
BEAT_MAX = 300
"""The longest beat read (characters): a reply told is a sentence."""


def told_reply(beat: str) -> str | None:
    """How the one whose reply this paragraph of narration tells is named at its start:
    "he", "she" or "i" for a pronoun, "" for anything else (a name, read by the caller
    from the paragraph's mentions); None when it tells no reply, when it is more than one
    sentence (a second may hand the talk on: "Bess made no answer. Then Hugo asked her why."),
    or when it leads into the next line (ends on a comma or a colon, "Then she replied,").

    >>> told_reply("Hugo replied that he was.")
    ''
    >>> told_reply("She made no answer.")
    'she'
    >>> told_reply("Mr. Hale made no answer.")
    ''
    >>> told_reply("Bess made no answer. Then Hugo asked her why.") is None
    True
    >>> told_reply("Hugo looked out of the window.") is None
    True
    >>> told_reply("After a pause she replied,") is None
    True
    """
    beat = beat.strip()
    if not beat or len(beat) > BEAT_MAX or beat[-1] not in ".!?" or \
            SENTENCE_STOP.search(beat):
        return None
    low = beat.lower()
    if not (NO_REPLY.search(low) or GESTURE.search(low) or
            any(is_speech_verb(m.group(1)) for m in REPORTED.finditer(low))):
        return None
    pron = OPENING.match(beat).group(1)
    return pron.lower() if pron else ""
