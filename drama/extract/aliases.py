"""One person, one label: speaker labels the finished attribution shows to be one person.

The Cast (cast/, name_clusters.py) joins name forms before anyone is known to speak; some
joins can only be made once the speakers are known, because they ask who else speaks:

- "Miss Farrow" is Nell Farrow when Nell is the one woman of that surname who speaks and
  is not married ("Mrs. Farrow", her mother): an unmarried daughter goes by "Miss" and
  her surname (a son by "Master": "Master Pennick" is Dick Pennick so), and of several
  speaking daughters ("Miss Ashby" beside Ruth and Clare Ashby) the name alone cannot
  tell which is meant, so it joins no one (her scenes may, below).

- "Mrs. Dunmore" is Mrs. Hobday when the text says "Mr. Dunmore had married Mrs. Hobday"
  and names her before it first writes "Mrs. Dunmore" (he had no earlier wife there). Joined
  only here, in the labels: before it the Cast keeps her unmarried names apart, so that
  "Yes, mother" in her girlhood still finds her as her mother's daughter.

- a line the turns gave to "Miss Ashby" while several Ashby daughters speak is the one
  daughter the scene names (in the SCENE_BEFORE characters before it and SCENE_AFTER
  after), when she speaks neither line beside it: "Miss Ashby" is whom the other speaker
  calls so there (Clare, before the old Duchess), not always the eldest.

- "Miss Ashby" is Ruth when, of the lines left to "Miss Ashby" after that, the scene names
  one speaking Ashby daughter who speaks neither line beside it, and that one is Ruth on
  SCENE_VOTES lines or more and SCENE_SHARE of them: the convention that the eldest
  unmarried daughter is "Miss <surname>", her sisters "Miss <given name>" (Wikipedia,
  "Miss"), tells that one daughter holds the name; the scenes tell which. A daughter the
  text names in full only once ("Ruth", once "Ruth Ashby") is one of the candidates.

- "Quill" is the Masked Man when the Masked Man's own lines say "I am Quill." SELF_NAMED
  times: a speaker naming themselves with another speaker's name (once may be a joke,
  "I'm the Queen of Sheba", or a line given to the wrong speaker).

- "Ambrose" is "Mr. Ashdown", "Nell" is Eleanor, "Katya" is Ekaterina: a name form the
  speakers show to be another speaker's (name_variants.py).

- "The stranger" is the Masked Man when, in four paragraphs running, the one tagged
  "said the Masked Man" and the one tagged "said the stranger" take turns with the same
  other speaker, and the two are never tagged one right after the other (they would be
  talking to each other): a role one person holds, never "the man" or "the other".

- A described speaker ("replied a man's voice") is the person the scene names a moment
  later (named_later.py); "said the woman in the scarf" is the woman in the red scarf
  who spoke a moment before (named_later.one_description_per_person).

- A line the pronoun sieve could only give a generic "Woman" or "Man" (no one of that sex
  named nearby), or a vague description ("The man") no tag ever gives a line, and the
  model left so is the person of that sex the narration names most in the pages before
  it: the scene's woman, named once at its start.

Each join relabels the lines and joins the two people in the Cast, so the characters
section lists the joined label's forms as aliases of the one that stays.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace

from .attribution.pipeline import TURN_CUES
from .attribution.sieves.naming import I_AM
from .attribution.sieves.pronoun import GENERIC_BY_SEX
from .attribution.words import CONTRAST, GENERIC_HEADS, GROUP_NOUNS, SENTENCE_STOP
from .cast import Cast
from .cast.character import Character
from .letters import WORD_END
from .lexicon import FEMALE_NOUNS, MALE_NOUNS, MALE_TITLES, TITLES
from .name_patterns import NAME_UP_TO_3, POSSESSIVE
from .name_variants import (TOGETHER, Voices, called_answered_by, called_in_talk,
                            called_variant, given_of_full_name, side_by_side,
                            surname_of_full_name, titled_in_full)
from .named_later import (TAGGED_CUES, described_after_name, described_as_before,
                          description_sexes, named_after_description,
                          one_description_per_person, one_person_described_twice)
from .names import MARRIED, UNMARRIED, is_initial, parse_form
from .quotes import Quote
from .scan import compile_later, word_start

SELF_NAMED = 2
"""Lines in which one speaker names themselves with another speaker's name, for the two to
be one person."""
# "Mr. Dunmore had married Mrs. Hobday", "Kit married old Pellow", "X was married to Y":
# the one married, and the one who married read back from the verb
WEDDED = compile_later(word_start("married") + r"\s+(?:to\s+)?(?:[a-z]+\s+)?" + NAME_UP_TO_3 +
                    WORD_END)
WHO_WEDDED = compile_later(NAME_UP_TO_3 + r"(?:\s+(?:had|has|was|is|having))?\s+$")


def join_aliases(text: str, speech: list[Quote], cast: Cast, attributions: list,
                 calls: list[str | None] | None = None) -> list:
    """The attributions (one per quote of speech) with each label the speakers show to be
    another's replaced by it. calls: per quote, the label of the person it calls by name
    (conversation.vocative_labels), when known."""
    attributions = name_generic_speakers(speech, cast, attributions)
    attributions = the_other_of_two(speech, attributions)
    attributions = described_as_before(speech, attributions)
    attributions = named_after_description(speech, cast, attributions)
    attributions = described_after_name(speech, cast, attributions)
    attributions = one_description_per_person(speech, attributions)
    attributions = one_person_described_twice(speech, attributions)
    lines = Counter(a.speaker for a in attributions)
    alias = _unmarried_children(cast, lines)
    alias.update(_married_names(text, cast, lines))
    alias.update(_self_named(text, speech, cast, attributions, lines))
    voices = Voices(speech, cast, attributions)
    alias.update(titled_in_full(cast, lines, alias, voices))
    alias.update(surname_of_full_name(cast, lines, alias, voices))
    alias.update(given_of_full_name(cast, lines, alias, voices))
    alias.update(called_variant(speech, cast, lines, alias, voices))
    if calls is not None:
        alias.update(called_answered_by(speech, attributions, calls, lines, alias))
    alias.update(_described_in_turn(speech, cast, attributions, alias, calls))
    attributions = _joined(cast, attributions, alias)
    attributions = children_in_scene(text, speech, cast, attributions)
    return _joined(cast, attributions, child_by_scenes(text, speech, cast, attributions))


def join_called_in_talk(speech: list[Quote], cast: Cast, attributions: list,
                        calls: list[str | None]) -> tuple[list, list[str | None]]:
    """The rules' attributions and the calls (per quote, the label it calls) with each
    "Miss" and surname only the speakers call joined to the one person the narration names
    talking around its calls (name_variants.called_in_talk: "Miss Ashby" is Clare).
    Made before the conversation model reads the turns, so that she is one candidate, not
    two taking turns in one talk."""
    alias = called_in_talk(speech, cast, attributions, calls)
    return _joined(cast, attributions, alias), [alias.get(c, c) if c else c for c in calls]


def _joined(cast: Cast, attributions: list, alias: dict[str, str]) -> list:
    """The attributions with each label in alias replaced by its own, the two people
    joined in the Cast."""
    if not alias:
        return attributions
    for old, new in alias.items():
        a, b = cast.character(old), cast.character(new)
        if a is not None and b is not None and a is not b:
            cast.join(a, b)
    return [replace(a, speaker=alias[a.speaker]) if a.speaker in alias else a
            for a in attributions]


SCENE_BEFORE, SCENE_AFTER = 3000, 300
"""The stretch of text (characters before and after a line) whose names make its scene."""


def children_in_scene(text: str, speech: list[Quote], cast: Cast, attributions: list,
                        cues: frozenset[str] = frozenset({"vocative", "conversation"})
                        ) -> list:
    """A line the turns gave to "Miss Ashby" (called so, or decided by the conversation
    model), with several daughters of that surname speaking (sons, for "Master"), is the
    one of them the scene names, when they speak none of the lines next to it; a line
    answering the call "Miss Ashby" is hers even so (the call fixes who answers, the lines
    beside it may be the model's guesses)."""
    if not speech:
        return attributions
    lines = Counter(a.speaker for a in attributions)
    children_of = _SpeakingChildren(cast, lines)
    children = {label: cs for label in lines if len(cs := children_of(label)) > 1}
    if not children:
        return attributions
    out = list(attributions)
    for i, (q, a) in enumerate(zip(speech, attributions)):
        if a.speaker not in children or a.cue not in cues:
            continue
        named = {id(cast.character(f)) for _, _, f in
                 cast.mentions_in(max(0, q.start - SCENE_BEFORE), q.end + SCENE_AFTER)}
        here = [c for c in children[a.speaker] if id(cast.character(c)) in named]
        near = {attributions[j].speaker for j in (i - 1, i + 1) if 0 <= j < len(speech)}
        if len(here) == 1 and (a.cue == "vocative" or here[0] not in near):
            out[i] = replace(a, speaker=here[0])
    return out


SCENE_VOTES = 3
"""Lines of a "Miss <surname>" whose scene shows one daughter, for the name to be hers ..."""
SCENE_SHARE = 2 / 3
"""... and the share of such lines she must hold."""


def child_by_scenes(text: str, speech: list[Quote], cast: Cast,
                       attributions: list) -> dict[str, str]:
    """"Miss Ashby" -> "Ruth": a speaking "Miss <surname>" with several speaking daughters
    of that surname (or "Master", sons) is the one of them its lines' scenes show (_scene_child) on
    SCENE_VOTES lines or more and SCENE_SHARE of those whose scene shows one. A daughter
    the text names in full only once counts too (_named_once_in_full: "Ruth", once "Ruth
    Ashby"): left out, her scenes would vote for her sisters."""
    lines = Counter(a.speaker for a in attributions)
    out: dict[str, str] = {}
    if not speech:
        return out
    children_of = _SpeakingChildren(cast, lines, once_in_full=True)
    spoken: dict[str, list[int]] = {}
    for i, a in enumerate(attributions):
        spoken.setdefault(a.speaker, []).append(i)
    for label in lines:
        children = children_of(label)
        if len(children) < 2:
            continue
        votes = Counter(c for i in spoken[label]
                        if (c := _scene_child(speech, cast, attributions, i, children)))
        if votes:
            child, n = votes.most_common(1)[0]
            if n >= SCENE_VOTES and n >= SCENE_SHARE * sum(votes.values()):
                out[label] = child
    return out


def _scene_child(speech: list[Quote], cast: Cast, attributions: list, i: int,
                    children: list[str]) -> str | None:
    """The one of the children the scene of line i names (SCENE_BEFORE characters before
    it, SCENE_AFTER after) who speaks neither line beside it, if there is one: a sister
    talking with "Miss Ashby" is not she."""
    q = speech[i]
    named = {id(cast.character(f)) for _, _, f in
             cast.mentions_in(max(0, q.start - SCENE_BEFORE), q.end + SCENE_AFTER)}
    near = {attributions[j].speaker for j in (i - 1, i + 1) if 0 <= j < len(speech)}
    here = [c for c in children if id(cast.character(c)) in named and c not in near]
    return here[0] if len(here) == 1 else None


def _unmarried_children(cast: Cast, lines: Counter) -> dict[str, str]:
    """"Miss Farrow" -> "Nell": a speaking "Miss <surname>" with no given name of its own
    is the one speaking woman the text names with a given name and that surname, never
    with a married title; a "Master <surname>" ("Master Pennick", a boy's title) is so the
    one such man ("Dick Pennick"): the Cast keeps an unmarried title apart from a full name
    it does not give (name_clusters._Clustering.fits)."""
    out = {}
    children_of = _SpeakingChildren(cast, lines)
    for label in lines:
        children = children_of(label)
        if len(children) == 1:
            out[label] = children[0]
    return out


class _SpeakingChildren:
    """For a label "Miss <surname>" with no given name of its own (called as a function),
    the speaking women the text names with a given name and that surname, never with a
    married title: one label each, the one most spoken ("Master <surname>": the men so).
    once_in_full: also the one named so only once (_named_once_in_full). The speakers are
    read once, by sex and the surnames of their given-name forms and (once_in_full) the
    one-word women by their word, where each "Miss" label read every label (hours on a
    text of 20,000 titled names)."""

    def __init__(self, cast: Cast, lines: Counter, once_in_full: bool = False):
        self.cast, self.lines, self.once_in_full = cast, lines, once_in_full
        self.order = sorted(lines, key=lambda x: lines[x])
        self.by_surname: dict[tuple[str, str], list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.one_word: list[int] = []
        for rank, other in enumerate(self.order):
            person = cast.character(other)
            if person is None or person.gender not in ("f", "m"):
                continue
            parsed = [parse_form(f) for f in person.forms]
            for surname in dict.fromkeys(p.surname for p in parsed if p.given and p.surname):
                self.by_surname.setdefault((person.gender, surname), []).append(rank)
            if once_in_full and person.gender == "f" and parsed and \
                    not any(p.title or p.given or not p.word for p in parsed):
                self.one_word.append(rank)
                for word in dict.fromkeys(p.word for p in parsed):
                    self.by_word.setdefault(_read_as(word), []).append(rank)
        self.firsts = _firsts(cast.of_form) if self.one_word else {}

    def __call__(self, label: str) -> list[str]:
        parts = parse_form(label)
        ch = self.cast.character(label)
        if parts.title not in UNMARRIED or parts.word is None or ch is None or \
                any(parse_form(f).given for f in ch.forms):
            return []
        sex = parts.title_sex
        ranks = set(self.by_surname.get((sex, parts.word), ()))
        if self.one_word and sex == "f":
            ranks.update(self._one_word_candidates(parts.word))
        children: dict[int, str] = {}
        for other in (self.order[r] for r in sorted(ranks)):
            person = self.cast.character(other)
            if _child_of(person, parts.word, ch, sex) or self.once_in_full and \
                    _named_once_in_full(self.cast, person, parts.word, self.lines):
                children[id(person)] = other
        return list(children.values())

    def _one_word_candidates(self, surname: str) -> list[int]:
        """The one-word women whose word and the surname may make a name form of the cast
        (Cast.character of "<word> <surname>"): the literal form's first part, and any
        the Cast may read otherwise (a possessive surname, a word opening with a title
        or an initial: _read_as)."""
        if POSSESSIVE.search(surname):
            return self.one_word
        out = list(self.by_word.get(None, ()))
        for word in self.firsts.get(surname, ()):
            out.extend(self.by_word.get(word, ()))
        return out


def _read_as(word: str) -> str | None:
    """A one-word woman's word, or None when Cast.character may read "<word> <surname>"
    other than as written: it opens with a title ("Miss") or an initial."""
    first = word.split()[0] if word.split() else ""
    return None if first.rstrip(".").lower() in TITLES or is_initial(first) else word


def _firsts(of_form: dict) -> dict[str, set[str]]:
    """What follows a space in a name form -> what comes before it ("Ruth Ashby": "Ashby"
    -> {"Ruth"}), every space of every form."""
    out: dict[str, set[str]] = {}
    for form in of_form:
        for i, c in enumerate(form):
            if c == " ":
                out.setdefault(form[i + 1:], set()).add(form[:i])
    return out


def _named_once_in_full(cast: Cast, ch: Character | None, surname: str,
                        lines: Counter) -> bool:
    """Whether a woman the text names by a given name alone ("Ruth") is the one it names
    in full with this surname ("Ruth Ashby") where that full name is a person of its own
    who never speaks: a full name written once joins no one of a family of several (the
    Cast, names.weak_full_names). Never one the text calls by a married title."""
    if ch is None or ch.gender != "f":
        return False
    parsed = [parse_form(f) for f in ch.forms]
    if any(p.title or p.given or not p.word for p in parsed):
        return False
    for p in parsed:
        full = cast.character(f"{p.word} {surname}")
        if full is not None and full is not ch and not lines[full.label] and \
                full.gender != "m" and not any(parse_form(f).title in MARRIED for f in full.forms):
            return True
    return False


def _child_of(ch: Character | None, surname: str, miss: Character, sex: str = "f") -> bool:
    """Whether a character is a woman (for "Master", a man: sex) the text names with a
    given name and this surname ("Nell Farrow", "Dick Pennick"), and never with a married
    title ("Mrs.")."""
    if ch is None or ch is miss or ch.gender != sex:
        return False
    parsed = [parse_form(f) for f in ch.forms]
    return any(p.given and p.surname == surname for p in parsed) and \
        not any(p.title in MARRIED for p in parsed)


def _married_names(text: str, cast: Cast, lines: Counter) -> dict[str, str]:
    """"Mrs. Dunmore" -> "Mrs. Hobday": the speaking "Mrs." of a man's surname and the
    speaking woman the text says he married, to the label of the two with more lines."""
    out = {}
    for m in WEDDED.finditer(text):
        before = WHO_WEDDED.search(text, max(0, m.start() - 60), m.start())
        if before is None:
            continue
        pair = [cast.character(" ".join(g.split())) for g in (before.group(1), m.group(1))]
        men = [ch for ch in pair if ch is not None and ch.gender == "m"]
        women = [ch for ch in pair if ch is not None and ch.gender == "f"]
        if len(men) != 1 or len(women) != 1:
            continue
        wife = _wife_named_after(cast, men[0], women[0])
        if wife is not None and lines[wife.label] and lines[women[0].label]:
            keep, drop = sorted((wife.label, women[0].label), key=lambda x: -lines[x])
            out[drop] = keep
    return out


def _wife_named_after(cast: Cast, man: Character, woman: Character) -> Character | None:
    """The "Mrs." of the man's one surname, a person of her own whom the text first names
    after the woman; else None."""
    surnames = {p.surname or p.word for p in map(parse_form, man.forms)
                if p.surname or p.title in MALE_TITLES and p.word}
    if len(surnames) != 1:
        return None
    wife = cast.character("Mrs. " + surnames.pop())
    if wife is None or wife is woman or wife is man or wife.gender == "m" or wife.place_like:
        return None
    seen: dict[int, list[int]] = {id(wife): [], id(woman): []}
    for s, _, form in cast.mentions:
        ch = cast.character(form)
        if ch is wife or ch is woman:
            seen[id(ch)].append(s)
    hers, wifes = seen[id(woman)], seen[id(wife)]
    if not hers or not wifes or hers[0] > wifes[0] or side_by_side(cast.text, hers, wifes):
        return None
    return wife


def _self_named(text: str, speech: list[Quote], cast: Cast, attributions: list,
                lines: Counter) -> dict[str, str]:
    """"Quill" -> "Masked Man": the label of a person another speaker names themselves
    with ("I am Quill.") SELF_NAMED times, to the label of the two with more lines."""
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


GENERIC_SPEAKERS = {label: sex for sex, label in GENERIC_BY_SEX.items()}
"""The labels the pronoun sieve gives a "she said" or "he said" line when it finds no one of
that sex nearby, by the sex they stand for."""
GUESSED_CUES = frozenset({"pronoun", "conversation"}) | TURN_CUES
"""Cues of a line whose generic label may be named here: a "he said" (or the model's turn)
that found no one, and a line that follows such a one's turn (pipeline.TURN_CUES)."""
SCENE_CHARS = 20_000
"""How far back the narration's names count toward the person a generic line is."""
NAMED_AFTER_CHARS = 3_000
"""... and, when it names no one of that sex before the line (a text opening in the middle
of a talk: “I don’t know,” she said), how far after it the first person of that sex the
narration names may be the one it meant: about a page."""


def name_generic_speakers(speech: list[Quote], cast: Cast, attributions: list) -> list:
    """Each line the rules and the model left to a generic "Woman" or "Man" (a "she said"
    whose woman the narration named pages before: “Yes,” she murmured at length, and the
    rest of such a speech), or to a vague description that never speaks by a tag of its own
    (_untagged_descriptions), given to the person of that sex the narration names most often
    in the SCENE_CHARS before it (of two named as often, the one named last); when it names
    no one of that sex before the line, to the first it names after it, up to
    NAMED_AFTER_CHARS after the last line of its run (_run_ends), else to the person of no
    known sex whose few pronouns lean that way named most before it
    (_NamedBySex.leaning_most_before), else to the first such named after it, within the
    same reach (_NamedBySex.leaning_first_after), else to the text's one described speaker
    (_one_described_speaker), else, in a text naming no one of that sex at all, to the
    person of no known sex it names most after the line (_NamedBySex.sexless_most_after).
    Someone whose one "her" leans that way, named beside the lines, comes before a
    description the tags give a line pages later ("“I asked for nothing,” she said. … Here
    Vera stopped …, and stood twisting her gloves", "“Next!” called the clerk"), and before
    a woman the text names only out of reach."""
    generic = GENERIC_SPEAKERS | _untagged_descriptions(attributions)
    if not any(a.speaker in generic for a in attributions):
        return attributions
    named = _NamedBySex(_narration_names(speech, cast))
    described: dict[str, str | None] = {}
    run_ends = None
    out = []
    for i, a in enumerate(attributions):
        g = generic.get(a.speaker)
        if g is not None and a.cue in GUESSED_CUES:
            at = speech[i].open
            before = named.most_before(at, g)
            if before:
                a = replace(a, speaker=before)
            else:
                if g not in described:      # once a sex: a scan of every line
                    described[g] = _one_described_speaker(cast, attributions, g)
                if run_ends is None:
                    run_ends = _run_ends(speech, attributions, generic, cast)
                later = named.first_after(at, run_ends[i], g) \
                    or named.leaning_most_before(at, g) \
                    or named.leaning_first_after(at, run_ends[i], g) or described[g] \
                    or named.sexless_most_after(at, g)
                a = replace(a, speaker=later) if later else a
        out.append(a)
    return out


def _run_ends(speech: list[Quote], attributions: list, generic: dict[str, str],
              cast: Cast) -> list[int]:
    """Per line, where the last line of its run of one generic speaker opens: the lines left
    to the same "Woman" (or "Man") after it, each within NAMED_AFTER_CHARS of the one before,
    until a named person of that sex speaks. One "she" talks with the narrator through a
    scene an excerpt opens in, and the narration names her after its last line, not its
    first ("It was all Vera's doing"). Read backwards, once."""
    ends = [q.open for q in speech]
    after: dict[str, int] = {}      # a generic label -> its next line
    stop: dict[str, int] = {}       # a sex -> the next line of a named person of it
    for i in range(len(attributions) - 1, -1, -1):
        label = attributions[i].speaker
        g = generic.get(label)
        if g is None:
            ch = cast.character(label)
            if ch is not None and ch.gender:
                stop[ch.gender] = i
            continue
        k = after.get(label)
        if k is not None and speech[k].open < ends[i] + NAMED_AFTER_CHARS and \
                stop.get(g, len(speech)) > k:
            ends[i] = ends[k]
        after[label] = i
    return ends


def _one_described_speaker(cast: Cast, attributions: list, sex: str) -> str | None:
    """The one description the text's own tags give lines to ("“…,” said the visitor"),
    when it has exactly one, no name of the cast, and neither its tags nor its head noun
    give it the other sex: whom a "he said" of a text that names no man means (an opening
    whose stranger the narration calls "her visitor" and "he", never by name)."""
    found = {a.speaker for a in attributions
             if a.cue == "described" and cast.character(a.speaker) is None}
    if len(found) != 1:
        return None
    label = found.pop()
    head = label.split()[-1].lower()
    other = FEMALE_NOUNS if sex == "m" else MALE_NOUNS
    told = description_sexes(attributions).get(label, sex)
    return label if told == sex and head not in other else None


OTHER_TURNS = 12
"""Turns after a line of "The other" looked through for the one it means (_opening_other)."""


def the_other_of_two(speech: list[Quote], attributions: list) -> list:
    """Each line left to "The other" ("said the other" that no one in view explained, and
    the turns the model gave the same label) given to the one of two people taking turns
    who did not speak the turns beside it: when the turn before it and the turn after it
    (if any) are one speaker's, the partner, the speaker of the turn before that, if someone
    else's; at a talk's opening (no turn before), or after a run of such lines, the first
    other speaker of the turns after it, while they alternate with the partner
    (_opening_other). "The other" is a position in the scene, never a person: an excerpt
    opening mid-talk still has two people talking, and the other one is whichever is not
    the partner. Read in order, so that a run of such lines follows the ones before."""
    if not any(_is_the_other(a.speaker) for a in attributions):
        return attributions
    out = list(attributions)
    firsts = _turn_firsts(speech)
    for t, i in enumerate(firsts):
        label = out[i].speaker
        if not _is_the_other(label):
            continue
        before = [out[k].speaker for k in firsts[max(0, t - 2):t]][::-1]
        after = [out[k].speaker for k in firsts[t + 1:t + 2 + OTHER_TURNS]]
        partner = after[0] if after else before[0] if before else None
        if partner is None or before and before[0] != partner:
            continue
        who = before[1] if len(before) == 2 else None
        if (who is None or _is_the_other(who)) and after:
            # at a talk's opening, or after a run of such lines: the turns after
            who = _opening_other(after, label)
        if who is None or who == partner or _is_the_other(who):
            continue
        for k in range(i, len(out)):
            if speech[k].paragraph != speech[i].paragraph:
                break
            if out[k].speaker == label:
                out[k] = replace(out[k], speaker=who)
    return out


def _opening_other(after: list[str], label: str) -> str | None:
    """The speakers of the turns after a line of "the other" that opens a talk: the first
    one is the partner; the first speaker after it who is neither, while every other turn
    is the partner's and the ones between are "the other"'s."""
    partner = after[0]
    for k, who in enumerate(after[1:], start=1):
        if k % 2 == 0 and who != partner:
            return None
        if k % 2 == 1 and who != label:
            return who
    return None


def _turn_firsts(speech: list[Quote]) -> list[int]:
    """The index of the first quote of each paragraph that holds one, in order."""
    return [i for i, q in enumerate(speech) if i == 0 or speech[i - 1].paragraph != q.paragraph]


def _is_the_other(label: str) -> bool:
    """A label that is a position beside someone ("The other", "The other man")."""
    words = label.split()
    return len(words) >= 2 and words[0] == "The" and words[1] == "other"


class _NamedBySex:
    """The narration's names (narration_names: offset, person) by the sex of their person,
    each person's sex asked once: a line's search is a bisection, not a scan of every name
    (a text naming no woman asked the sex of every name it writes for each "she" line)."""

    def __init__(self, named: list[tuple[int, Character]]):
        sex = {id(ch): ch.gender for ch in {id(ch): ch for _, ch in named}.values()}
        self.sexes = set(sex.values())
        self.starts: dict[str | None, list[int]] = {}
        self.labels: dict[str | None, list[str]] = {}
        # per name of a person of no known sex, that person's lean (_lean): by person, not
        # by label, which two such people may share
        lean = {id(ch): _lean(ch) for _, ch in named if sex[id(ch)] is None}
        self.leans: list[str | None] = []
        for s, ch in named:
            self.starts.setdefault(sex[id(ch)], []).append(s)
            self.labels.setdefault(sex[id(ch)], []).append(ch.label)
            if sex[id(ch)] is None:
                self.leans.append(lean[id(ch)])

    def _span(self, sex: str | None, lo: int, hi: int | None = None) -> slice:
        """Where the names of people of that sex from offset lo to offset hi lie in
        self.starts[sex] and self.labels[sex]."""
        starts = self.starts.get(sex, [])
        end = len(starts) if hi is None else bisect_left(starts, hi)
        return slice(bisect_left(starts, lo), end)

    def _from(self, sex: str | None, lo: int, hi: int | None = None) -> list[str]:
        """The labels of the names of people of that sex from offset lo to offset hi."""
        return self.labels.get(sex, [])[self._span(sex, lo, hi)]

    def most_before(self, at: int, sex: str) -> str | None:
        """The person of that sex named most in the SCENE_CHARS before offset at (of two
        named as often, the one named last)."""
        votes = Counter(reversed(self._from(sex, at - SCENE_CHARS, at)))
        return votes.most_common(1)[0][0] if votes else None

    def first_after(self, at: int, last: int, sex: str) -> str | None:
        """The first person of that sex named after offset at, up to NAMED_AFTER_CHARS
        after offset last (the last line of at's run: _run_ends); between the run's lines
        too, where its later lines find her by that name before them."""
        found = self._from(sex, at, last + NAMED_AFTER_CHARS)
        return found[0] if found else None

    def sexless_most_after(self, at: int, sex: str) -> str | None:
        """When the narration names no one of that sex anywhere, the person of no known sex
        it names most after offset at (of two named as often, the first named): a woman the
        text gives no "she" of her own ("It was all Vera's doing, yes, Vera's"), whose "she
        said" lines an excerpt opening in mid-talk left to "Woman" pages before."""
        if sex in self.sexes:
            return None
        votes = Counter(self._from(None, at))
        return votes.most_common(1)[0][0] if votes else None

    def leaning_most_before(self, at: int, sex: str) -> str | None:
        """The person of no known sex whose pronouns lean that way (_lean) named most in the
        SCENE_CHARS before offset at (of two named as often, the one named last): "I
        managed to hand Vera her ticket, and told her …. “Why not?” she asked" in
        an excerpt whose one "her" after her name is all it says of her sex. (Asked when no
        one of that sex is named in that reach: name_generic_speakers.)"""
        span = self._span(None, at - SCENE_CHARS, at)
        named = zip(self.labels.get(None, [])[span], self.leans[span])
        votes = Counter(label for label, lean in reversed(list(named)) if lean == sex)
        return votes.most_common(1)[0][0] if votes else None

    def leaning_first_after(self, at: int, last: int, sex: str) -> str | None:
        """The first person of no known sex whose pronouns lean that way (_lean) named
        after offset at, up to NAMED_AFTER_CHARS after offset last (as first_after)."""
        span = self._span(None, at, last + NAMED_AFTER_CHARS)
        named = zip(self.labels.get(None, [])[span], self.leans[span])
        return next((label for label, lean in named if lean == sex), None)


def _lean(ch: Character) -> str | None:
    """The sex the pronouns and titles after a person's mentions lean to, however weakly
    (too few to decide: gender.Evidence.decide), with no pronoun of the other sex."""
    male, female = ch.evidence.weights(priors=False)
    return "m" if male and not female else "f" if female and not male else None


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





def _described_in_turn(speech: list[Quote], cast: Cast, attributions: list,
                       alias: dict[str, str], calls: list[str | None] | None = None
                       ) -> dict[str, str]:
    """"The stranger" -> "Masked Man": in four paragraphs running, each opening on a quote,
    a name's tagged line, another speaker's, the description's tagged line and that other
    speaker's again (“Nonsense!” said the Masked Man. / “I hope so, sir” / “Well,” said
    the stranger / “It's only the custom,” said Hobbs): the two take turns
    with one person, so the description is the name's other label. Not a name tagged
    anywhere right after the description, in one paragraph or the next (they talk to each
    other), nor one of the other sex than the text gives the description ("the doctor …
    his": not Mrs. Hobday); nor when the description is so joined to two names; only a
    role (_role_description), not "the man"; nor a name the description's own lines call
    (“Lomax, Lomax! Are you awake?” said the gaoler: no one calls themselves by name)."""
    turns = _turn_openers(speech, attributions)
    called = {(a.speaker, c) for a, c in zip(attributions, calls or ()) if c}
    lines = list(zip(speech, attributions))
    apart = {frozenset((a.speaker, b.speaker)) for (q, a), (r, b) in zip(lines, lines[1:])
             if r.paragraph - q.paragraph <= 1 and a.cue in TAGGED_CUES and b.cue in TAGGED_CUES}
    sexes = description_sexes(attributions)
    named: dict[str, set[str]] = {}
    for k in range(len(turns) - 3):
        (p0, a), (_, b), (_, c), (p3, d) = turns[k:k + 4]
        if (p3 - p0 != 3 or b.speaker != d.speaker or len({a.speaker, b.speaker, c.speaker}) < 3
                or a.cue not in TAGGED_CUES or c.cue not in TAGGED_CUES
                or (b.cue not in TAGGED_CUES and d.cue not in TAGGED_CUES)):
            continue
        for name, desc in ((a.speaker, c.speaker), (c.speaker, a.speaker)):
            ch = cast.character(name)
            if (_role_description(desc) and not name.startswith("The ") and ch is not None
                    and frozenset((desc, name)) not in apart
                    and not (ch.gender and sexes.get(desc, ch.gender) != ch.gender)):
                named.setdefault(desc, set()).add(name)
    return {desc: name for desc, (name, *more) in named.items()
            if not more and desc not in alias and (desc, name) not in called
            and not _named_apart(cast, speech, desc, name)}


def _named_apart(cast: Cast, speech: list[Quote], desc: str, name: str) -> bool:
    """Whether the narration names the description and the name side by side in one
    sentence with words between them, as two people ("the groom … asked the scullery maid
    …, who asked Pollard, who asked the carter"); "Mr. Dunmore, the sexton", with nothing but
    a comma between, is one. Not in the speech: "“Mrs. Tansy,” said Mr. Orme, when the
    housekeeper appeared" calls the one who comes."""
    ch, words = cast.character(name), desc.split()[1:]
    if ch is None or not words:
        return False
    opens = [q.open for q in speech]

    def narration(at: int) -> bool:
        k = bisect_right(opens, at) - 1
        return k < 0 or speech[k].close <= at

    forms = {form for _, _, form in cast.mentions}
    theirs = {form for form in forms if cast.character(form) is ch}
    spans = [(s, e) for s, e, form in cast.mentions if form in theirs and narration(s)]
    starts = [s for s, _ in spans]
    text = cast.text
    described = re.compile(r"[Tt]he\s+" + r"\s+".join(map(re.escape, words)) + r"\b")
    for m in described.finditer(text):
        if m.start() and text[m.start() - 1].isalnum() or not narration(m.start()):
            continue
        k = bisect_left(starts, m.start() - TOGETHER)
        while k < len(spans) and spans[k][0] <= m.end() + TOGETHER:
            s, e = spans[k]
            gap = text[m.end():s] if s >= m.end() else text[e:m.start()]
            if not SENTENCE_STOP.search(gap) and re.search(r"[^\W\d_]", gap):
                return True
            k += 1
    return False


def _turn_openers(speech: list[Quote], attributions: list) -> list[tuple[int, object]]:
    """(paragraph, attribution) of the first quote of each paragraph that opens one, in
    order."""
    out, last = [], -1
    for q, a in zip(speech, attributions):
        if q.paragraph != last:
            out.append((q.paragraph, a))
            last = q.paragraph
    return out


def _role_description(label: str) -> bool:
    """A label "The <words> <head>" whose head names a role one person holds ("The
    stranger", "The schoolmaster"): not a vague person ("The man"), a position in the
    scene ("The other", "The second") or a group ("The crowd", "The soldiers")."""
    words = label.split()
    head = words[-1]
    return (len(words) > 1 and words[0] == "The" and head not in GENERIC_HEADS
            and head not in CONTRAST and head not in GROUP_NOUNS
            and not (head.endswith("s") and not head.endswith("ss")))
