"""Name forms the speakers show to be one person's: joins aliases.join_aliases makes once
the attribution is finished, because each asks who speaks and who is called.

- "Ambrose" (from "said Ambrose Ashdown") is "Mr. Ashdown" when he is the one speaker the
  text names in full with that title and surname ("Mr. Ambrose Ashdown"), and the text
  never writes the two titled forms side by side (titled_in_full).

- "Pollard", a speaker named by his bare surname only, is "Hugo Pollard" when that is
  the one speaker named by a man's given name and that surname, a full name the Cast kept
  apart because the text writes it once (surname_of_full_name).

- "Hugo", a speaker named by his bare given name only, and "Hugo Pollard" are one when that
  is the one speaker named by that given name and a surname (given_of_full_name).

- "Jenna", a name written in speech that differs from Jenny's only in its last letter, is
  Jenny (called_variant); "Verochka", never tagged, whose calls Vera's tag answers
  twice, is Vera (called_answered_by).

- "Miss Ashby", written only in calls, is Christina when she is the one speaker named by
  one word whose tag stands in the talk around two of its calls (called_in_talk; joined
  before the conversation model, by aliases.join_called_in_talk).

Two names the text writes side by side in a sentence are two people (side_by_side), whatever
else ties them.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from .attribution.words import SENTENCE_STOP
from .cast import Cast
from .cast.character import Character
from .lexicon import given_name_sex
from .named_later import TAGGED_CUES
from .names import UNMARRIED, nicknames, parse_form
from .quotes import Quote

TOGETHER = 80
"""Two mentions this close with no sentence's end between are named side by side."""


def side_by_side(text: str, a: list[int], b: list[int], apart=None) -> bool:
    """Whether the text names two people side by side in a sentence ("Mrs. Smith and
    Jane"): then they are two, whatever a marriage says of the name. apart(s, t), when
    given, must also hold of the two mentions (Voices.two: a call and its hearer's name)."""
    for s in a:
        k = bisect_left(b, s - TOGETHER)
        while k < len(b) and b[k] <= s + TOGETHER:
            lo, hi = sorted((s, b[k]))
            if not SENTENCE_STOP.search(text, lo, hi) and (apart is None or apart(s, b[k])):
                return True
            k += 1
    return False


def titled_in_full(cast: Cast, lines: Counter, alias: dict[str, str],
                   voices: Voices | None = None) -> dict[str, str]:
    """"Ambrose" -> "Mr. Ashdown": a speaking person the text names by a title and a
    surname only and the one speaking person it names by a full name with that title and
    surname ("Mr. Ambrose Ashdown", also "Ambrose Ashdown", "Thomas") are one, to the
    label with more lines; not when the text writes the two forms side by side in a
    sentence ("Mr. Knightley and Mr. John Knightley")."""
    out: dict[str, str] = {}
    in_full = None
    for label in lines:
        ch = cast.character(label)
        if ch is None or label in alias or any(parse_form(f).given for f in ch.forms):
            continue
        in_full = in_full if in_full is not None else _named_in_full(cast, lines, alias)
        for key in {(p.title, p.word) for p in map(parse_form, ch.forms) if p.title and p.word}:
            full = [other for other in in_full.get(key, ()) if other != label
                    and cast.character(other) is not ch]
            if len(full) == 1 and not _formsside_by_side(cast, ch, cast.character(full[0]), key,
                                                         voices):
                keep, drop = sorted((label, full[0]), key=lambda x: -lines[x])
                out[drop] = keep
    return out


def surname_of_full_name(cast: Cast, lines: Counter, alias: dict[str, str],
                         voices: Voices | None = None) -> dict[str, str]:
    """"Pollard" -> "Hugo Pollard": a speaker the text names by a bare surname only and
    the one speaker it names by a man's given name of the name lists and that surname are one,
    to the label with more lines. The Cast keeps them apart when the full name is written
    once (names.weak_full_names: it may be a misreading), as a short text often writes it; a
    given name of the lists says it is none, and English calls a man, not a woman, by his
    surname alone. Not when a third person bears the surname, nor when the text writes the
    two side by side. Joined here, once the speakers are known, so that no turn moves."""
    full: dict[str, list[str]] = {}
    for label in lines:
        person = cast.character(label)
        if person is None or label in alias:
            continue
        for p in map(parse_form, person.forms):
            if p.given and p.surname and not p.title and given_name_sex(p.given[0]) == "m":
                full.setdefault(p.surname, []).append(label)
    out: dict[str, str] = {}
    at_of = _MentionsOf(cast)
    for label in lines:
        ch = cast.character(label)
        word = _bare_surname(ch) if label not in alias else None
        named = list(dict.fromkeys(full.get(word, ()))) if word else []
        if len(named) == 1 and ch.gender != "f" and _bearers(cast, word) == 2 and \
                not side_by_side(cast.text, at_of(ch), at_of(cast.character(named[0])),
                                 voices and voices.two(ch, cast.character(named[0]))):
            keep, drop = sorted((label, named[0]), key=lambda x: (-lines[x], x == label))
            out[drop] = keep
    return out


def given_of_full_name(cast: Cast, lines: Counter, alias: dict[str, str],
                       voices: Voices | None = None) -> dict[str, str]:
    """"Hugo" and "Hugo Pollard": a speaker the text names by a bare given name of the name
    lists only (_bare_surname: the one word of every form) and the one speaker it names by
    that given name and a surname are one: under a man's full name (it tells him from
    others of his given name), under a woman's given name (her full name may be her
    husband's surname, and change with it). The Cast keeps them apart when the full name
    is written once (names.weak_full_names), as a short text often writes it ("said Hugo
    Pollard" once, "Hugo" after). Not when another person's name holds that given name,
    when the two are of opposite sexes, nor when the text writes them side by side.
    Joined here, once the speakers are known, so that no turn moves."""
    full = _grouped([label for label in lines if label not in alias],
                    lambda label: _given_of_full(cast.character(label)))
    out: dict[str, str] = {}
    at_of = _MentionsOf(cast)
    for label in lines:
        ch = cast.character(label)
        word = _bare_surname(ch) if label not in alias else None
        named = full.get(word, []) if word and given_name_sex(word) else []
        if len(named) != 1 or named[0] == label or _given_bearers(cast, word) != 2:
            continue
        other = cast.character(named[0])
        if not _other_sex(ch, other) and not side_by_side(
                cast.text, at_of(ch), at_of(other), voices and voices.two(ch, other)):
            her = given_name_sex(word) == "f" or "f" in (ch.gender, other.gender)
            keep, drop = (label, named[0]) if her else (named[0], label)
            out[drop] = keep
    return out


def _given_of_full(ch: Character | None) -> str | None:
    """The one given name a person's full names give with a surname ("Hugo" of "Hugo
    Pollard"; None when their forms give none, or two)."""
    given = {p.given[0] for p in map(parse_form, ch.forms) if p.given and p.surname} \
        if ch is not None else set()
    return next(iter(given)) if len(given) == 1 else None


def _given_bearers(cast: Cast, given: str) -> int:
    """How many people of the Cast have a name form that is this given name or opens with
    it ("Hugo", "Hugo Pollard", "Sir Hugo")."""
    return sum(any(given in (p.given[:1] or (p.word,)) for p in map(parse_form, ch.forms))
               for ch in cast.characters)


def _bare_surname(ch: Character | None) -> str | None:
    """The one word a person is named by, when every form of theirs is that word alone."""
    words = {parse_form(f).word for f in ch.forms} if ch is not None else {None}
    word = next(iter(words)) if len(words) == 1 else None
    return word if word and " " not in word and all(
        not parse_form(f).title for f in ch.forms) else None


def _bearers(cast: Cast, surname: str) -> int:
    """How many people of the Cast have a name form ending in this surname."""
    return sum(any(f == surname or f.endswith(" " + surname) for f in ch.forms)
               for ch in cast.characters)


ANSWERED = 2
"""Calls of a name a speaker's own tag answers, for the name to be that speaker's."""
ANSWERED_SHARE = 2 / 3
"""... and the share of the name's answered calls that speaker must answer."""


def called_answered_by(speech: list[Quote], attributions: list, calls: list[str | None],
                        lines: Counter, alias: dict[str, str]) -> dict[str, str]:
    """"Verochka" -> "Vera": a name called in speech whose calls another speaker's own
    tag answers (answered_by), while no line is tagged with the name itself, is that
    speaker's other name (“Verochka, …” / “…,” said Vera; Sleary's lisped "Thquire"
    answered by Mr. Ashdown). Only lines the calls gave the name are the name's: a name of
    its own would have a tag somewhere."""
    answered = answered_by(speech, attributions, calls,
                           lambda called: called in alias or not lines[called])
    return {called: speaker for called, speaker in answered.items()
            if lines[speaker] > lines[called] and speaker not in alias}


def answered_by(speech: list[Quote], attributions: list, calls: list[str | None],
                passed_over=lambda called: False, at_least: int = ANSWERED) -> dict[str, str]:
    """Called name -> the speaker whose own tag answers its calls: a line of theirs tagged
    with their name opens the paragraph right after a call ``at_least`` times (ANSWERED),
    and ANSWERED_SHARE of the calls so answered. Only for a name no line is tagged with,
    and not one ``passed_over`` refuses. calls: per line, the label of the one it calls."""
    tagged = {a.speaker for a in attributions if a.cue in TAGGED_CUES}
    answers: dict[str, Counter] = {}
    for i, called in enumerate(calls):
        if not called or called in tagged or passed_over(called):
            continue
        k = _next_paragraph_line(speech, i)
        if k is not None and attributions[k].cue == "explicit" and \
                attributions[k].speaker != called:
            answers.setdefault(called, Counter())[attributions[k].speaker] += 1
    out = {}
    for called, by in answers.items():
        speaker, n = by.most_common(1)[0]
        if n >= at_least and n >= ANSWERED_SHARE * sum(by.values()):
            out[called] = speaker
    return out


def _next_paragraph_line(speech: list[Quote], i: int) -> int | None:
    """The first line of the paragraph right after line i's, if a line opens it."""
    k = i + 1
    while k < len(speech) and speech[k].paragraph == speech[i].paragraph:
        k += 1
    return k if k < len(speech) and speech[k].paragraph == speech[i].paragraph + 1 else None


VARIANT_AT_LEAST = 5
"""Letters of a called name and of the speaker's name it varies, each."""
CALLED_SHARE = 0.75
"""The share of a called name's mentions that must lie in speech (a quote the quote finder
missed may leave one in the narration)."""


def called_variant(speech: list[Quote], cast: Cast, lines: Counter,
                    alias: dict[str, str], voices: Voices | None = None) -> dict[str, str]:
    """"Jenna" -> "Jenny", "Tina" -> "Christina": a one-word name the text writes in
    speech (CALLED_SHARE of its mentions: a call, “Why, Jenna!”), which differs in its last
    letter only from the one-word label of exactly one other speaker, or is a nickname the
    list (data/nicknames.txt) gives for it, is that speaker's familiar form, when the text
    never writes the two side by side in a sentence: the name the narration writes is the
    label kept. Not a speaker the text gives the other sex: the list pairs "Louise" with
    "Louis" and "Edwin" with "Edwina", and "Mario" varies "Maria" in its last letter. With
    voices (who speaks each quotation), a call and a name in the narration beside it are
    side by side only when the name is the caller's (Voices)."""
    one_word = [label for label in lines if " " not in label and label not in alias]
    by_stem = _grouped(one_word, lambda w: w[:-1] if len(w) >= VARIANT_AT_LEAST else None)
    by_lower = _grouped(one_word, str.lower)
    out: dict[str, str] = {}
    opens = [q.open for q in speech]
    at_of = _MentionsOf(cast)
    for label in one_word:
        ch = cast.character(label)
        if ch is None or len(ch.forms) != 1:
            continue
        near = [other for other in by_stem.get(label[:-1], ()) if other != label
                and cast.character(other) is not ch] if len(label) >= VARIANT_AT_LEAST else []
        short = nicknames().get(label.lower(), ())
        near = near or [other for name in short for other in by_lower.get(name, ())
                        if cast.character(other) is not ch]
        near = [other for other in near if not _other_sex(ch, cast.character(other))]
        if len(near) != 1:
            continue
        at, theirs = at_of(ch), at_of(cast.character(near[0]))
        in_speech = sum(_in_quote(speech, opens, s) for s in at)
        if at and in_speech >= CALLED_SHARE * len(at) and \
                not side_by_side(cast.text, at, theirs,
                                 voices and voices.two(ch, cast.character(near[0]))):
            out[label] = near[0]
    return out


class Voices:
    """Who a tag makes speak each quotation, to tell whether two names written close
    together across a quotation's edge are two people. Inside a quotation a name is called
    or spoken of, outside it the narration names someone: the two stand side by side as two
    people only when the one the narration names is the quotation's speaker by its own tag
    (“Come here, Nettie,” said Bess: Bess calls someone else). The narration after a call
    may name its hearer as well (“Nettie, where have you been?” was all Annette heard from
    Bess): then the two names are no evidence of two people. Two names both spoken, in one
    quotation or in two of one sentence across its tag (“Come, Nettie,” said Bess, “Annette
    is tired.”), are two people, as before."""

    def __init__(self, speech: list[Quote], cast: Cast, attributions: list):
        self.speech, self.cast = speech, cast
        self.speakers = [a.speaker if a.cue in TAGGED_CUES else None for a in attributions]
        self.opens = [q.open for q in speech]

    def _quote(self, pos: int) -> int | None:
        """The index of the quotation offset pos lies in, None in the narration."""
        k = bisect_right(self.opens, pos) - 1
        return k if k >= 0 and pos < self.speech[k].close else None

    def two(self, one: Character, other: Character):
        """A test side_by_side asks of each close pair (a mention of one, a mention of
        other): whether the pair names two people: both in the narration or both spoken,
        yes; one in a quotation and one outside it, only by that quotation's tag."""

        def apart(s: int, t: int) -> bool:
            qs, qt = self._quote(s), self._quote(t)
            if (qs is None) == (qt is None):
                return True
            k, outside = (qs, other) if qs is not None else (qt, one)
            tagged = self.speakers[k]
            return tagged is not None and self.cast.character(tagged) is outside
        return apart


def _grouped(labels: list[str], key) -> dict[str, list[str]]:
    """The labels by key(label) (None: left out), each group in the labels' order: one
    lookup a label, where comparing every label with every other took hours on a text of
    20,000 names."""
    out: dict[str, list[str]] = {}
    for label in labels:
        k = key(label)
        if k is not None:
            out.setdefault(k, []).append(label)
    return out


class _MentionsOf:
    """Where the cast's mentions name a character (called as a function; None: the forms
    of no character), read through once, when first asked."""

    def __init__(self, cast: Cast):
        self.cast, self.at = cast, None

    def __call__(self, ch: Character | None) -> list[int]:
        if self.at is None:
            self.at = {}
            for s, _, form in self.cast.mentions:
                self.at.setdefault(id(self.cast.character(form)), []).append(s)
        return self.at.get(id(ch), [])


def _other_sex(one: Character, other: Character | None) -> bool:
    """Whether the text gives the two people opposite sexes."""
    sexes = {one.gender, other.gender if other is not None else None}
    return sexes == {"m", "f"}


def _in_quote(speech: list[Quote], opens: list[int], pos: int) -> bool:
    """Whether offset pos lies inside a quotation of speech (opens: where each opens)."""
    k = bisect_right(opens, pos) - 1
    return k >= 0 and pos < speech[k].close


def _named_in_full(cast: Cast, lines: Counter, alias: dict[str, str]
                   ) -> dict[tuple[str, str], list[str]]:
    """(title, surname) -> the labels (in lines' order, none of alias) whose person has a
    form giving that title, a given name and that surname ("Mr. Ambrose Ashdown" for
    ("mr", "Ashdown")): read once, where each titled label read every label's forms
    (hours on a text of 20,000 "Mr." names)."""
    out: dict[tuple[str, str], list[str]] = {}
    for other in lines:
        person = cast.character(other)
        if person is None or other in alias:
            continue
        for key in dict.fromkeys((p.title, p.surname) for p in map(parse_form, person.forms)
                                 if p.title and p.given and p.surname):
            out.setdefault(key, []).append(other)
    return out


def _formsside_by_side(cast: Cast, short: Character, full: Character,
                        key: tuple[str, str], voices: Voices | None = None) -> bool:
    """Whether the text writes the short person's titled form ("Mr. Ashdown", not a
    surname alone, which may be the end of a full name broken across lines) and the full
    person's forms with the surname side by side in one sentence (two people, as the cast's
    apart)."""
    at: dict[int, list[int]] = {id(short): [], id(full): []}
    for s, _, form in cast.mentions:
        ch = cast.character(form)
        if ch is short and parse_form(form).title == key[0] or ch is full and key[1] in form:
            at[id(ch)].append(s)
    return side_by_side(cast.text, at[id(short)], at[id(full)],
                        voices and voices.two(short, full))


TALK_REACH = 5
"""Paragraphs either side of a call within which a speaker's own tag takes part in its talk."""
CALLS_POINTING = 2
"""Calls of a name that must point to one person in their talk, for the name to be hers (one
lost more quotes of the other half's passages than it won)."""


def called_in_talk(speech: list[Quote], cast: Cast, attributions: list,
                   calls: list[str | None]) -> dict[str, str]:
    """"Miss Ashby" -> "Christina": "Miss" and a surname the text writes in speech only (a
    call, CALLED_SHARE of its mentions) and never tags is the one person talking around its
    calls whom the text names by one word and no title: a speaker whose own tag stands
    within TALK_REACH paragraphs of a call, not its caller, of no other sex: the only one
    around CALLS_POINTING calls or more, and no call points to anyone else. The narration
    names her one way, the speakers another ("“You are to understand, Miss Ashby, …” /
    “…,” replied Christina")."""
    tagged = [(q.paragraph, a.speaker) for q, a in zip(speech, attributions)
              if a.cue == "explicit"]
    paras = [p for p, _ in tagged]
    votes: dict[str, Counter] = {}
    for i, called in enumerate(calls):
        ch = cast.character(called) if called else None
        if ch is None or not _miss_and_surname(ch):
            continue
        p = speech[i].paragraph
        near = {who for _, who in tagged[bisect_left(paras, p - TALK_REACH):
                                         bisect_right(paras, p + TALK_REACH)]}
        if attributions[i].cue == "explicit":
            near.discard(attributions[i].speaker)
        near = {s for s in near if _one_word_only(cast.character(s), ch)}
        votes.setdefault(called, Counter()).update(near if len(near) == 1 else ())
    at_of, opens = _MentionsOf(cast), [q.open for q in speech]
    out = {}
    for called, by in votes.items():
        at = at_of(cast.character(called))
        if len(by) == 1 and sum(by.values()) >= CALLS_POINTING and \
                not cast.character(called).tagged and \
                sum(_in_quote(speech, opens, s) for s in at) >= CALLED_SHARE * len(at):
            out[called] = next(iter(by))
    return out


def _miss_and_surname(ch: Character) -> bool:
    """Whether every form of a person is "Miss" and a surname ("Miss Ashby")."""
    return all((p := parse_form(f)).title in UNMARRIED and p.word and not p.given
               for f in ch.forms)


def _one_word_only(ch: Character | None, called: Character) -> bool:
    """Whether a person, not the called one, is named only by one word with no title
    ("Christina") and the text gives the two no opposite sexes."""
    return ch is not None and ch is not called and not _other_sex(ch, called) and \
        all(" " not in f and not parse_form(f).title for f in ch.forms)
