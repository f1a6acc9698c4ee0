"""One person, one label: speaker labels the finished attribution shows to be one person.

The Cast (characters.py, names.py) joins name forms before anyone is known to speak; some
joins can only be made once the speakers are known, because they ask who else speaks:

- "Miss Welland" is May Welland when May is the one woman of that surname who speaks and
  is not married ("Mrs. Welland", her mother): an unmarried daughter goes by "Miss" and
  her surname, and of several speaking daughters ("Miss Bennet" beside Elizabeth and
  Lydia Bennet) the name alone cannot tell which is meant, so nothing is joined.

- "Griffin" is the Invisible Man when the Invisible Man's own lines say "I am Griffin."
  SELF_NAMED times: a speaker naming themselves with another speaker's name (once may be
  a joke, "I'm Mabel", or a line given to the wrong speaker).

Each join relabels the lines and joins the two people in the Cast, so the characters
section lists the joined label's forms as aliases of the one that stays.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .attribution.sieves.naming import I_AM
from .characters import Cast, Character
from .names import MARRIED, UNMARRIED, parse_form
from .quotes import Quote

SELF_NAMED = 2
"""Lines in which one speaker names themselves with another speaker's name, for the two to
be one person."""


def join_aliases(text: str, speech: list[Quote], cast: Cast, attributions: list) -> list:
    """The attributions (one per quote of speech) with each label the speakers show to be
    another's replaced by it."""
    lines = Counter(a.speaker for a in attributions)
    alias = _unmarried_daughters(cast, lines)
    alias.update(_self_named(text, speech, cast, attributions, lines))
    if not alias:
        return attributions
    for old, new in alias.items():
        a, b = cast.character(old), cast.character(new)
        if a is not None and b is not None and a is not b:
            cast.join(a, b)
    return [replace(a, speaker=alias[a.speaker]) if a.speaker in alias else a
            for a in attributions]


def _unmarried_daughters(cast: Cast, lines: Counter) -> dict[str, str]:
    """"Miss Welland" -> "May": a speaking "Miss <surname>" with no given name of its own
    is the one speaking woman the text names with a given name and that surname, never
    with a married title."""
    out = {}
    for label in lines:
        parts = parse_form(label)
        ch = cast.character(label)
        if parts.title not in UNMARRIED or parts.word is None or ch is None or \
                any(parse_form(f).given for f in ch.forms):
            continue
        daughters: dict[int, str] = {}     # one label per person, the one most spoken
        for other in sorted(lines, key=lambda x: lines[x]):
            person = cast.character(other)
            if _daughter_of(person, parts.word, ch):
                daughters[id(person)] = other
        if len(daughters) == 1:
            out[label] = next(iter(daughters.values()))
    return out


def _daughter_of(ch: Character | None, surname: str, miss: Character) -> bool:
    """Whether a character is a woman the text names with a given name and this surname
    ("May Welland"), and never with a married title ("Mrs.")."""
    if ch is None or ch is miss or ch.gender != "f":
        return False
    parsed = [parse_form(f) for f in ch.forms]
    return any(p.given and p.surname == surname for p in parsed) and \
        not any(p.title in MARRIED for p in parsed)


def _self_named(text: str, speech: list[Quote], cast: Cast, attributions: list,
                lines: Counter) -> dict[str, str]:
    """"Griffin" -> "Invisible Man": the label of a person another speaker names themselves
    with ("I am Griffin.") SELF_NAMED times, to the label of the two with more lines."""
    said: Counter = Counter()
    for q, a in zip(speech, attributions):
        speaker = cast.character(a.speaker)
        for m in I_AM.finditer(text, q.start, q.end):
            named = cast.character(m.group(1))
            if speaker is not None and named is not None and named is not speaker:
                said[a.speaker, named.label] += 1
    out = {}
    for (speaker, named), n in said.items():
        if n >= SELF_NAMED and lines[named] and named not in out and speaker not in out:
            keep, drop = sorted((speaker, named), key=lambda x: -lines[x])
            out[drop] = keep
    return out
