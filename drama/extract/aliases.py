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

- A line the pronoun sieve could only give a generic "Woman" or "Man" (no one of that sex
  named nearby), or a vague description ("The man") no tag ever gives a line, and the
  model left so is the person of that sex the narration names most in the pages before
  it: the scene's woman, named once at its start.

Each join relabels the lines and joins the two people in the Cast, so the characters
section lists the joined label's forms as aliases of the one that stays.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace

from .attribution.sieves.naming import I_AM
from .attribution.words import GENERIC_HEADS
from .characters import Cast, Character
from .lexicon import FEMALE_NOUNS, MALE_NOUNS
from .names import MARRIED, UNMARRIED, parse_form
from .quotes import Quote

SELF_NAMED = 2
"""Lines in which one speaker names themselves with another speaker's name, for the two to
be one person."""


def join_aliases(text: str, speech: list[Quote], cast: Cast, attributions: list) -> list:
    """The attributions (one per quote of speech) with each label the speakers show to be
    another's replaced by it."""
    attributions = name_generic_speakers(speech, cast, attributions)
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



GENERIC_SPEAKERS = {"Woman": "f", "Man": "m"}
"""The labels the pronoun sieve gives a "she said" or "he said" line when it finds no one of
that sex nearby (sieves/pronoun.py), by the sex they stand for."""
SCENE_CHARS = 20_000
"""How far back the narration's names count toward the person a generic line is."""


def name_generic_speakers(speech: list[Quote], cast: Cast, attributions: list) -> list:
    """Each line the rules and the model left to a generic "Woman" or "Man" (a "she said"
    whose woman the narration named pages before: “Yes,” she murmured at length), or to a
    vague description that never speaks by a tag of its own (_untagged_descriptions), given
    to the person of that sex the narration names most often in the SCENE_CHARS before it
    (of two named as often, the one named last)."""
    generic = GENERIC_SPEAKERS | _untagged_descriptions(attributions)
    if not any(a.speaker in generic for a in attributions):
        return attributions
    named = _narration_names(speech, cast)
    starts = [s for s, _ in named]
    out = []
    for i, a in enumerate(attributions):
        g = generic.get(a.speaker)
        if g is not None and a.cue in ("pronoun", "conversation"):
            at = speech[i].open
            lo, hi = bisect_left(starts, at - SCENE_CHARS), bisect_left(starts, at)
            votes = Counter(ch.label for _, ch in reversed(named[lo:hi]) if ch.gender == g)
            if votes:
                a = replace(a, speaker=votes.most_common(1)[0][0])
        out.append(a)
    return out


def _narration_names(speech: list[Quote], cast: Cast) -> list[tuple[int, Character]]:
    """(offset, person) of each person's name the narration writes, outside the quotes, in
    the text's order."""
    opens = [q.open for q in speech]
    out = []
    for s, _, form in cast.mentions:
        k = bisect_right(opens, s) - 1
        if k >= 0 and speech[k].open <= s < speech[k].close:
            continue
        ch = cast.character(form)
        if ch is not None and not ch.place_like and not ch.thing_like:
            out.append((s, ch))
    return out


def _untagged_descriptions(attributions: list) -> dict[str, str]:
    """The vague descriptions ("The man", "The woman") that speak only by a pronoun or the
    model, never by a tag of their own, by the sex of their head: the pronoun sieve's
    antecedent in the narration ("the man" of a scene whose man the text named before it),
    a placeholder as "Man" is."""
    tagged = {a.speaker for a in attributions if a.cue not in ("pronoun", "conversation")}
    out = {}
    for label in {a.speaker for a in attributions} - tagged:
        words = label.split()
        if len(words) == 2 and words[0] == "The" and words[1] in GENERIC_HEADS:
            g = "m" if words[1] in MALE_NOUNS else "f" if words[1] in FEMALE_NOUNS else None
            if g is not None:
                out[label] = g
    return out
