"""A beat of narration between two turns that tells one person's reply in the narrator's
words: "“Were you at the fair?” ¶ Hugo replied that he was. ¶ “And did you see the bear?”"
Hugo has had his say; the next line, opening its own paragraph, is not his (most often the
one who asked goes on). The conversation model reads the beat's subject as the likeliest
next speaker (its beat_subj feature), which here is the one person it cannot be:
apply.py's _reply_told moves such a turn back.
"""
from __future__ import annotations

import re

from ..attribution.words import CLAUSE_JOINERS, SENTENCE_STOP, is_speech_verb

REPORTED = re.compile(r"\b(?=([a-z]+)(?:[ ,]+[a-z]+){0,4}?[ ,]+(?:that|in the (?:affirmative|"
                      r"negative))\b)")
"""A verb, at most four words (an object, an adverb), then "that" or "in the affirmative"
/ "in the negative": a speech verb there reports a reply ("replied very concisely that",
"assured her that", "answered in the affirmative")."""
NO_REPLY = re.compile(r"\b(?:made|gave|returned) no (?:answer|reply|response)\b|"
                      r"\bsaid (?:nothing|not a word)\b|"
                      r"\b(?:did|could)(?: not|n[\'’]t) (?:answer|reply|speak|say (?:anything|a word))\b")
"""A reply left unspoken ("He made no answer.", "She said nothing.", "He did not
answer.", "I didn't say anything."): told, too."""
ASSENT = re.compile(r"\b(?:agreed|assented|acquiesced)\b")
"""A reply told by its sense alone ("He agreed at once.", "She assented."): the
verbs of saying yes to what was said, from ordinary English, no one's words."""
GESTURE = re.compile(r"\b(?:nodded|bowed|shrugged|shook (?:his|her) head|(?:was|remained|kept) "
                     r"silent)\b")
"""A reply by a gesture or by silence ("She nodded.", "He was silent."). A hand list of
ordinary English, no one's words: the gestures that say yes, no or nothing (a nod, a bow,
a shrug, a shake of the head) and keeping silent."""
OPENING = re.compile(r"\s*[\W_]*(?:[^\W\d_][^,.;:!?]{0,60},\s*){0,2}?(he|she|i)\b|\s*[\W_]*", re.I)
"""The beat's opening: "he", "she" or "I" as its subject, first or after at most two
phrases set off by commas ("At that, after a pause, she nodded."); else nothing."""
SET_IN = re.compile(r"((?:[ \t]+[a-z]+){1,2}),\s*(?!(?:" + "|".join(sorted(CLAUSE_JOINERS)) +
                    r")\b)\w")
"""What follows a pronoun set in by commas as a clause of its own, not the beat's subject
("Hugo, she saw, nodded."): one or two words and a comma, then no joining word
(words.CLAUSE_JOINERS: in "At that, she nodded, and went out." "and" goes on with her as
the subject)."""
BEAT_MAX = 300
"""The longest beat read (characters): a reply told is a sentence."""


def told_reply(beat: str) -> str | None:
    """How the one whose reply this paragraph of narration tells is named at its start
    (OPENING: a "he"/"she"/"I" may follow an opening phrase or two): "he", "she" or "i"
    for a pronoun, "" for anything else (a name, read by the caller from the paragraph's
    mentions); None when it tells no reply, when it is more than one
    sentence (a second may hand the talk on: "Bess made no answer. Then Hugo asked her why."),
    or when it leads into the next line (ends on a comma or a colon, "Then she replied,").

    >>> told_reply("Hugo replied that he was.")
    ''
    >>> told_reply("She made no answer.")
    'she'
    >>> told_reply("Mr. Hale made no answer.")
    ''
    >>> told_reply("At that, after a pause, she nodded.")
    'she'
    >>> told_reply("He agreed at once.")
    'he'
    >>> told_reply("Bess made no answer. Then Hugo asked her why.") is None
    True
    >>> told_reply("Hugo looked out of the window.") is None
    True
    >>> told_reply("After a pause she replied,") is None
    True
    """
    beat = _first_of_one_subject(beat.strip())
    if not beat or len(beat) > BEAT_MAX or beat[-1] not in ".!?" or \
            SENTENCE_STOP.search(beat):
        return None
    low = beat.lower()
    if not (_told_by_act(low) or
            any(is_speech_verb(m.group(1)) for m in REPORTED.finditer(low))):
        return None
    return _subject(beat)


def _first_of_one_subject(beat: str) -> str:
    """The beat's first sentence when every later one opens on the same "he", "she" or "I"
    as it and tells no speech (the one who did not answer goes on acting, handing the talk
    to no one: "I said nothing. I stood there by the door."), else the whole beat.

    >>> _first_of_one_subject("She said nothing. She looked at the fire.")
    'She said nothing.'
    >>> _first_of_one_subject("She said nothing. Then she asked him why.")
    'She said nothing. Then she asked him why.'
    """
    stops = list(SENTENCE_STOP.finditer(beat))
    if not stops or len(beat) > BEAT_MAX:
        return beat
    cuts = [0] + [m.end() for m in stops] + [len(beat)]
    sentences = [beat[a:b].strip() for a, b in zip(cuts, cuts[1:]) if beat[a:b].strip()]
    first = ONE_WORD_SUBJECT.match(sentences[0])
    if first is None:
        return beat
    for later in sentences[1:]:
        m = ONE_WORD_SUBJECT.match(later)
        if m is None or m.group(1).lower() != first.group(1).lower() or \
                any(is_speech_verb(w) for w in re.findall(r"[a-z]+", later.lower())):
            return beat
    return sentences[0]


ONE_WORD_SUBJECT = re.compile(r"(he|she|I)\b", re.I)
"""A sentence opening on "he", "she" or "I", its subject (_first_of_one_subject)."""


def _subject(beat: str) -> str:
    """The pronoun OPENING reads as the beat's subject ("he", "she", "i"), or "" when there
    is none or it is a clause set in by commas (SET_IN) whose words tell no reply: in "Hugo,
    she saw, nodded." the one who nodded is Hugo; in "At that, she nodded, smiling." she
    is (her clause holds the nod).

    >>> _subject("Hugo, she saw, nodded.")
    ''
    >>> _subject("At that, she nodded, and went out.")
    'she'
    """
    m = OPENING.match(beat)
    if not m.group(1):
        return ""
    set_in = SET_IN.match(beat, m.end(1))
    if set_in and beat[:m.start(1)].rstrip().endswith(",") and \
            not _tells_reply(set_in.group(1).lower()):
        return ""
    return m.group(1).lower()


def _tells_reply(words: str) -> bool:
    """Whether a few words (lower case) hold a reply's verb: a gesture, an assent, a reply
    not given or a verb of speech ("nodded", "agreed", "said nothing", "replied")."""
    return _told_by_act(words) or any(is_speech_verb(w) for w in words.split())


def _told_by_act(low: str) -> bool:
    """Whether lower-case text tells a reply by an act (NO_REPLY, GESTURE, ASSENT): "made
    no answer", "nodded", "agreed"."""
    return bool(NO_REPLY.search(low) or GESTURE.search(low) or ASSENT.search(low))
