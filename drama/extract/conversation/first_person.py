"""The conversation model's first-person narrator: whether a story is told in the first
person, the name the dialogue gives its narrator (the calls to "me", the names called
first, the calls a tag says are to someone else), and the rules' attributions and the
Doc's turns relabelled with it (narrator_named, the step apply.prepare runs before the
model decides). A story not told in the first person keeps "I said" in a speech as the
speaker's own (_i_in_a_speech).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from ..attribution.vocative import called_word
from ..attribution.words import SENTENCE_END
from ..cast import Cast
from ..lexicon import TITLES, person_noun_or_plural
from ..name_variants import answered_by
from ..narrator import (NARRATOR_LABEL, narrator_name, tagged_in_first_person,
                        told_in_first_person)
from ..quotes import Quote
from .turns import Doc, told_to


def first_person_story(text: str, quotes: list[Quote], attributions: list) -> bool:
    """Whether the story is told in the first person: its narration says "I" at a
    first-person rate, or the rules' speech tags say "I said" often (a passage whose
    narration watches others)."""
    return told_in_first_person(text, quotes) or \
        tagged_in_first_person([a.cue for a in attributions])


def narrator_named(doc: Doc, text, quotes, paras, cast: Cast, attributions: list,
                    vocative_labels: list, first: bool | None, later: list[list[str]]
                    ) -> list:
    """The attributions with a first-person narrator named (name_narrator_in), from the
    calls to "me" and the narrator's names the talk gives; first as apply.prepare takes it.
    later: per quote, every name it calls after its first call (apply.later_calls_in)."""
    first = first_person_story(text, quotes, attributions) if first is None else first
    to_me = calls_to_me(text, quotes, paras, cast) if first else Counter()
    later = later if first else None
    opening = opening_calls_in(text, quotes, cast, vocative_labels) if first else None
    if first:   # a call the tag says is to someone else names them, not the narrator
        vocative_labels = [None if other else v for v, other in
                           zip(vocative_labels, spoken_to_others(text, quotes, paras, cast))]
    return name_narrator_in(doc, first, quotes, attributions, vocative_labels, to_me, later,
                            opening)


def name_narrator_in(doc: Doc, first: bool, quotes: list[Quote], attributions: list,
                     vocatives: list[str | None], to_me: Counter | None = None,
                     later: list[list[str]] | None = None,
                     opening: list[str | None] | None = None) -> list:
    """The attributions (one per quote) with the narrator's lines under the narrator's name,
    and the document's turns relabelled the same way. first: the story is told in the first
    person. to_me: the names called in speech the narration says is to the narrator
    (calls_to_me). later: per quote, the names it calls after the one ``vocatives`` gives
    (apply.later_calls_in). opening: per quote, the name it calls in its first sentence
    (opening_calls_in)."""
    said_i = Counter(a.speaker for a in attributions if a.cue == "first-person")
    # the label the rules gave the lines "I said" marks: the narrator's
    rules_label = said_i.most_common(1)[0][0] if said_i else NARRATOR_LABEL
    # the calls opening the lines "I said" tags: no one calls themselves by name
    own = Counter(v for v, a in zip(opening or (), attributions) if v and a.cue == "first-person")
    narrator = _name_narrator(doc, quotes, attributions, vocatives, own, to_me,
                              later) if first else None
    _relabel_narrator(doc, rules_label, narrator, first)
    out = [replace(a, speaker=narrator) if narrator and a.speaker == rules_label
           else a for a in attributions]
    return out if first else _i_in_a_speech(doc, out)


def _i_in_a_speech(doc: Doc, attributions: list) -> list:
    """In a story not told in the first person, "I said" in a paragraph whose speaker a tag
    names is that speaker's: the "narration" saying it is their speech, its inner quotation
    written with the outer one's marks ("…," Wren explained, "… so I stopped on the stair
    and I said, "Is that your lantern?"" ). The narrator-character of no such story speaks
    it."""
    out = list(attributions)
    for t in doc.turns:
        if not t.anchor:
            continue
        for i in t.quotes:
            if out[i].cue == "first-person":
                out[i] = replace(out[i], speaker=t.anchor, cue="continuation")
    return out


def _name_narrator(doc: Doc, quotes: list[Quote], attributions: list,
                   vocatives: list[str | None], own: Counter | None = None,
                   to_me: Counter | None = None,
                   later: list[list[str]] | None = None) -> str:
    """The first-person narrator's name as the dialogue calls them, else "I (narrator)".
    A name whose calls another speaker's own tag answers is that speaker's ("Katya,"
    / “…,” said Ekaterina: name_variants.answered_by), never the narrator's, whom no tag
    names. Each person a quote calls counts once (``later``: a passage may call its
    narrator in the middle of a speech that calls someone else first), a later call only
    for a name some quote calls first: a name ending a speech after a comma may be set
    beside a description ("that sly old moneylender, Kesh."). ``own``: the names the
    narrator's own lines call in their first sentence (“Forgive the hour, Odile Marchetti,”
    I began), someone else's: no one calls themselves by name."""
    someone_elses = answered_by(quotes, attributions, vocatives)
    first_called = set(vocatives)
    said = [[v, *(w for w in more if w in first_called)] if v else []
            for v, more in zip(vocatives, later or [()] * len(vocatives))]
    calls = Counter(v for vs in said for v in vs if v not in someone_elses)
    in_quotes: Counter = Counter()
    in_narration: Counter = Counter()
    for ms in doc.mentions.values():
        for _, label, inside, _ in ms:
            (in_quotes if inside else in_narration)[label] += 1
    tagged = Counter(a.speaker for a in attributions if a.cue == "explicit")
    answered_once = set(answered_by(quotes, attributions, vocatives, at_least=1))
    return narrator_name(calls, in_quotes, in_narration, tagged, own, to_me,
                         answered=answered_once) or NARRATOR_LABEL


ME = re.compile(r"\bme\b")
TO_SOMEONE = re.compile(r"\bto\s+([A-Za-z]+(?:\s+[A-Za-z]+){0,3})")
""""to" and the (up to four) words after it: whom a tag may say a line is spoken to."""
NARRATOR_OBJECTS = frozenset({"me", "myself", "us", "ourselves"})
"""The narrator as the object of "to" ("said to me", "cried to us")."""
PERSON_OBJECTS = frozenset({"him", "her", "them"})


def spoken_to_others(text: str, quotes: list[Quote], paras, cast: Cast) -> list[bool]:
    """Per quote, whether its tag, the narration right after it to the end of that sentence,
    says it is spoken to a person who is not the narrator ("“Bring the lamp, Pritchett!”
    she called to the stable boy", "…,” he said, turning to his wife"; not "turning to the
    window"): a name the quote calls is then theirs, never the narrator's (calls_to_me is
    the other way round)."""
    pstart = [p[0] for p in paras]
    out = []
    for n, q in enumerate(quotes):
        p = bisect_right(pstart, q.open) - 1
        stop = min(quotes[n + 1].open if n + 1 < len(quotes) else len(text),
                   paras[p][1] if p >= 0 else len(text))
        m = SENTENCE_END.search(text, q.close, stop)
        end = m.start() + 1 if m else stop
        out.append(any(_to_a_person(text, t, cast)
                       for t in TO_SOMEONE.finditer(text, q.close, end)))
    return out


def _to_a_person(text: str, to: re.Match, cast: Cast) -> bool:
    """Whether "to" and the words after it (TO_SOMEONE) name a person other than the
    narrator as whom a verb of saying or turning speaks to (turns.told_to): "him", "her",
    "them", a title ("Mrs.") or a name word of the cast (cast.name_word: not "turning to the
    English garden"), or a noun of a person ("an old servant", "his wife")."""
    words = to.group(1).split()
    first = words[0].lower()
    if first in NARRATOR_OBJECTS or told_to(text, to.start(1), to.start(1) + len(words[0])) != "to":
        return False
    return first in PERSON_OBJECTS or \
        any(w[0].isupper() and (w.lower() in TITLES or cast.name_word(w))
            or person_noun_or_plural(w.lower()) for w in words)


def calls_to_me(text: str, quotes: list[Quote], paras, cast: Cast) -> Counter:
    """The names called in speech that the narration right before it says is spoken to the
    narrator ("Fenwick shouted to me across the yard. “Marek,” he said": Marek), each
    time: a label of the cast, or a word the cast does not know as a name because the text
    writes it only there (vocative.called_word)."""
    pstart = [p[0] for p in paras]
    out: Counter = Counter()
    narration_from = 0
    for q in quotes:
        p = bisect_right(pstart, q.open) - 1
        lo = max(pstart[p] if p >= 0 else 0, narration_from)
        narration_from = q.close
        if any(told_to(text, m.start(), m.end()) == "to" for m in ME.finditer(text, lo, q.open)):
            name = called_word(text[q.start:q.end], cast)
            if name is not None:
                out[name] += 1
    return out


def opening_calls_in(text: str, quotes: list[Quote], cast: Cast,
                     vocatives: list[str | None]) -> list[str | None]:
    """Per quote, the label of the person it calls in its first sentence (vocative.
    opening_call), read only in a quote whose first call ``vocatives`` keeps."""
    from ..attribution.reader import Reader
    from ..attribution.vocative import opening_call
    reader = Reader(cast, text)
    return [opening_call(reader, text, q) if v else None for q, v in zip(quotes, vocatives)]


def _relabel_narrator(doc: Doc, rules_label: str, narrator: str | None, first: bool) -> None:
    """Give the narrator's turns their name, and their count of tagged lines (Doc.lines,
    the "lines" feature: a narrator the rules left to "I (narrator)" and the model names
    by a call had none, and looked no likelier than someone who spoke once pages before);
    in a story not told in the first person, a turn given to "I" is left for the model to
    decide."""
    for t in doc.turns:
        if t.anchor == rules_label:
            t.anchor = narrator
        if t.rule == rules_label:
            t.rule = narrator or ""
        if t.hands_to == rules_label:
            t.hands_to = narrator
        if not first and t.cue == "first-person":
            t.cue = "unresolved"
    lines = doc.lines.pop(rules_label, 0)
    if narrator:
        doc.lines[narrator] = doc.lines.get(narrator, 0) + lines
    doc.first_person = narrator
