"""A described speaker named a moment later: "replied a man's voice" is the person the
scene names in the turns after, when the text ties the two.

The description's lines of one scene become the named person's when that person is new
to the scene, the description speaks no more, and the text ties the two:

- the newcomer takes the description's turn two turns on by a name tag, and the other
  party calls the newcomer by the name ("Is that Mr. Dunmore?"), the newcomer gives it
  ("I'm Mister Jethro Grebe"), or the name's tag sets the description beside it ("said
  Amos, the tall young man");
- the narration names the speaker just after ("the carter's name was Amos Reed", "It
  was Hester.");
- a newcomer called by name in the turn before takes a tagged turn a few turns on, at
  their first appearance in the text;
- a stranger ("said the stranger") is the first person the text names for the first time
  after the stranger's scene, who then speaks by a name tag (its lines of the scene, all
  cues).

Called by aliases.join_aliases, once the attribution is finished; lines of the same
description elsewhere stay (“the voice” is someone else in another chapter). So is
one_description_per_person: a described speaker shortened once the scene knows them ("the
woman in the red scarf" … "said the woman in the scarf") keeps one label; and
one_person_described_twice: one described by a tie and as a person ("said his sister" …
"said the young lady") keeps one label.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace

from .attribution.sieves.naming import I_AM, SELF_NAMING
from .attribution.sieves.description import EPITHET_SCENE
from .attribution.who import variant
from .attribution.words import (CONTRAST, GROUP_NOUNS, MAIDEN_NOUNS, OLD_WORDS, POSSESSIVES,
                               VAGUE_HEADS, YOUNG_NOUNS)
from .cast import Cast
from .cast.character import TAGGED_SPEAKER, Character
from .gender import role_sex
from .letters import WORD_END
from .quotes import Quote

TAGGED_CUES = ("explicit", "described")
"""The cues of a line whose own tag names or describes its speaker."""

NEW_SCENE = 12
"""Paragraphs before a described speaker's first line in which the named one must not speak,
for the name to be new to the scene."""
NAMED_SOON = 4
"""Paragraphs after a described speaker's last line within which the name must take its turn
(and the most between two lines of one run of the description)."""
ANSWERS_WITHIN = 2
"""Paragraphs after the description's last line within which the other party's line calling
the newcomer by name must come (it answers the description)."""
STOPS_FOR = 12
"""Paragraphs after the name's first line in which the description must not speak again (and
in which the newcomer may give their name)."""
TAG_SPAN = 120
"""Characters after a quote read for its tag."""


def named_after_description(speech: list[Quote], cast: Cast, attributions: list) -> list:
    """A described speaker ("replied a man's voice", "said the young man") whose very turn,
    two turns on, a person new to the scene takes by a name tag, the text tying the two
    (_text_ties), and who then speaks no more, is that person: "“Only the post, ma'am,”
    called a man's voice. / “Goodness, is that Mr. Dunmore?” / “The same,” said Dunmore."
    So is one the narration names just after ("the carter's name was Amos Reed", "It was
    Hester.": _named_by_narration). The description's lines of that run (one scene), with
    the rest of each speech, become the name's; its lines elsewhere stay (“the voice” is
    someone else in another chapter)."""
    out = list(attributions)
    first_named = _first_mentions(cast)
    for label_runs in _description_runs(speech, attributions):
        for j, run in enumerate(label_runs):
            name = _name_taking_turn(speech, cast, attributions, run) or \
                _named_by_narration(speech, cast, attributions, run) or \
                _called_then_taking_turn(speech, cast, attributions, run)
            if name is None:
                name = _stranger_named_next(speech, cast, attributions, run, first_named)
                if name is not None:
                    scene = _same_scene_runs(speech, attributions, label_runs[:j + 1], name)
                    for i in _run_span(speech, attributions, scene[-1][0], run[-1]):
                        out[i] = replace(out[i], speaker=name)
                continue
            for r in _same_scene_runs(speech, attributions, label_runs[:j + 1], name):
                for i in _with_rest_of_speech(speech, attributions, r):
                    out[i] = replace(out[i], speaker=name)
    return out


DESCRIBED_LINES = 2
"""Lines a description speaks by its own tag, at least, for a name given later to take them
(one line may be anyone passing)."""
DESCRIBED_AFTER = 400
"""Characters after a name's tagged line read for the narration's description of that
person ("“Not tonight, dear,” replied Mr. Orme. … Rose Tansley hung back, but the old
gentleman took her by the hand")."""


def described_after_name(speech: list[Quote], cast: Cast, attributions: list) -> list:
    """A description that speaks by its own tag ("said the gentleman", DESCRIBED_LINES times
    or more) and a name the text gives only later are one person, when the narration
    follows the name's tag with that description or a fuller one ("“Not tonight, dear,”
    replied Mr. Orme, glancing at the clock. … Rose Tansley hung back, but the old gentleman
    took her by the hand"; _ties_to_names). An excerpt that opens in mid-scene calls a person by a
    description until it names them. The description's lines of a scene (_scenes) become
    the name's when that scene opens before the text first names the person and ends
    within EPITHET_SCENE paragraphs before the name's tag, after which the description
    speaks no more in STOPS_FOR paragraphs; and only when the description is so tied to one
    name, and the name to one description."""
    ties = _ties_to_names(speech, cast, attributions)
    out = list(attributions)
    first_named = _first_mentions(cast)
    taken = Counter(name for names in ties.values() for name in names)
    for desc, names in ties.items():
        if len(names) != 1 or taken[next(iter(names))] > 1:
            continue
        (name, tied), = names.items()
        named_at = first_named.get(id(cast.character(name)), 0)
        for run in _scenes(speech, attributions, desc):
            last = speech[run[-1]].paragraph
            if named_at > speech[run[0]].start and any(
                    0 <= p - last <= EPITHET_SCENE and
                    not _speaks(speech, attributions, desc, p, p + STOPS_FOR) for p in tied):
                for i in run:
                    out[i] = replace(out[i], speaker=name)
    return out


def _ties_to_names(speech: list[Quote], cast: Cast, attributions: list
                   ) -> dict[str, dict[str, list[int]]]:
    """Description label -> name -> paragraphs of the name's tags that the narration
    follows with the description (_describes_after): a description with DESCRIBED_LINES
    lines or more by its own tag and a sex (description_sexes), a name of that sex tagged within
    EPITHET_SCENE paragraphs of them, the two never speaking one right after the other (two
    people talking), the name's line answering one who talked with the description (the
    scene goes on)."""
    sexes = description_sexes(attributions)
    lines_of: dict[str, list[int]] = {}
    for i, a in enumerate(attributions):
        if a.cue == "described" and a.speaker.startswith("The ") and \
                _is_description(a.speaker) and a.speaker in sexes:
            lines_of.setdefault(a.speaker, []).append(speech[i].paragraph)
    lines_of = {d: ps for d, ps in lines_of.items() if len(ps) >= DESCRIBED_LINES}
    ties: dict[str, dict[str, list[int]]] = {}
    if not lines_of:
        return ties
    talking = _talking(speech, attributions)
    for k, a in enumerate(attributions):
        ch = cast.character(a.speaker) if a.cue == "explicit" else None
        if ch is None or not ch.gender or _is_description(a.speaker):
            continue
        p, before = speech[k].paragraph, _turn_before(speech, attributions, k)
        for desc, ps in lines_of.items():
            if sexes[desc] == ch.gender and frozenset((desc, a.speaker)) not in talking and \
                    frozenset((desc, before)) in talking and \
                    any(abs(q - p) <= EPITHET_SCENE for q in ps) and \
                    _describes_after(speech, cast, k, desc.lower().split()[1:], ch):
                ties.setdefault(desc, {}).setdefault(a.speaker, []).append(p)
    return ties


def _turn_before(speech: list[Quote], attributions: list, k: int) -> str | None:
    """Who speaks the turn before line k's paragraph (its last line), if anyone."""
    j = k - 1
    while j >= 0 and speech[j].paragraph == speech[k].paragraph:
        j -= 1
    return attributions[j].speaker if j >= 0 else None


def _scenes(speech: list[Quote], attributions: list, label: str) -> list[list[int]]:
    """The lines a label speaks, any cue, in runs no more than NEW_SCENE paragraphs apart."""
    runs: list[list[int]] = []
    for i, a in enumerate(attributions):
        if a.speaker != label:
            continue
        if runs and speech[i].paragraph - speech[runs[-1][-1]].paragraph <= NEW_SCENE:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def description_sexes(attributions: list) -> dict[str, str]:
    """Each description label's sex, as the text gives it on the lines its own tags keep
    (Attribution.described_sex), when those that give one agree."""
    seen: dict[str, set[str]] = {}
    for a in attributions:
        if a.described_sex and a.cue in TAGGED_CUES:
            seen.setdefault(a.speaker, set()).add(a.described_sex)
    return {label: sex for label, (sex, *more) in seen.items() if not more}


def _talking(speech: list[Quote], attributions: list) -> set[frozenset[str]]:
    """Pairs of labels that speak one right after the other, in one paragraph or the next
    (two talking)."""
    out = set()
    for (q, a), (r, b) in zip(zip(speech, attributions), zip(speech[1:], attributions[1:])):
        if r.paragraph - q.paragraph <= 1 and a.speaker != b.speaker:
            out.add(frozenset((a.speaker, b.speaker)))
    return out


def _describes_after(speech: list[Quote], cast: Cast, k: int, words: list[str],
                     ch: Character) -> bool:
    """Whether the narration after line k's quote (its tag, the rest of its paragraph and
    any narration before the next paragraph's speech; DESCRIBED_AFTER characters at most)
    first calls someone by a description of words' head, that is words or a fuller variant
    of them ("the old gentleman" for "the gentleman", not "the man" for "the labouring
    man"), naming no other person of ch's sex before it."""
    start = speech[k].close
    nxt = next((speech[j].start for j in range(k + 1, len(speech))
                if speech[j].paragraph != speech[k].paragraph), len(cast.text))
    end = min(nxt, start + DESCRIBED_AFTER)
    described = re.compile(r"\b[Tt]he\s+((?:[a-z]+\s+){0,2}?" + re.escape(words[-1]) + r")\b")
    for m in described.finditer(cast.text, start, end):
        if _in_speech(speech, m.start()):
            continue
        others = (cast.character(form) for _, _, form in cast.mentions_in(start, m.start()))
        found = m.group(1).split()
        return variant(words, found) and set(words) <= set(found) and not any(
            o is not None and o is not ch and o.gender == ch.gender for o in others)
    return False


def described_as_before(speech: list[Quote], attributions: list) -> list:
    """A description left to speak as itself ("said the beadle": The beadle) is the one
    person an earlier line of that description was given in its scene (“It's a
    disgrace,” replied the beadle: Mr. Dunmore, the one who answered the undertaker
    before): its lines of a run (_scenes) become that person's when such a line comes no
    more than NEW_SCENE paragraphs before the run and none went to anyone else."""
    given: dict[str, list[tuple[int, int, str]]] = {}     # words -> (line, paragraph, label)
    for i, a in enumerate(attributions):
        if a.cue == "described" and a.described:
            given.setdefault(a.described, []).append((i, speech[i].paragraph, a.speaker))
    # label -> its words, of the descriptions left as their own label ("The beadle")
    own = {a.speaker: a.described for a in attributions if a.cue == "described" and
           a.described and a.speaker.lower() == "the " + a.described}
    out = list(attributions)
    for desc, words in own.items():
        lines = given[words]
        for run in _scenes(speech, attributions, desc):
            lo = speech[run[0]].paragraph - NEW_SCENE
            names = {label for i, p, label in lines if i < run[0] and p >= lo and label != desc}
            if len(names) == 1:
                name = names.pop()
                for i in run:
                    out[i] = replace(out[i], speaker=name)
    return out


def one_description_per_person(speech: list[Quote], attributions: list) -> list:
    """Two forms of one description a described speaker is left under ("the man with the
    red scarf" and "the man with the scarf", "the burly barman" and "the barman":
    who.variant, never "the first policeman" beside "the policeman") are one person when
    the barer form speaks after the fuller one within EPITHET_SCENE paragraphs: a
    description is shortened once the scene knows whom it means. Not a vague head
    (_vague: "the gentleman" after "the old gentleman" is often another), nor two forms
    that take turns with each other (two people talking). The lines of the form with fewer
    lines (of two as common, the barer) within that reach of the other's take its label."""
    heard: dict[str, list[int]] = {}
    for i, a in enumerate(attributions[:len(speech)]):
        if _is_description(a.speaker) and not _vague(a.speaker):
            heard.setdefault(a.speaker, []).append(speech[i].paragraph)
    # two forms that take turns with each other are two people ("the boy" answering "the
    # smaller boy")
    answering = {frozenset((a.speaker, b.speaker)) for a, b in zip(attributions, attributions[1:])
                 if a.speaker != b.speaker}
    words = {lab: lab.lower().split() for lab in heard}
    into: dict[str, str] = {}
    for bare in heard:
        for full in heard:
            if len(words[full]) > len(words[bare]) and variant(words[bare], words[full]) and \
                    frozenset((bare, full)) not in answering and \
                    any(0 <= p - q <= EPITHET_SCENE for p in heard[bare] for q in heard[full]):
                rare, common = sorted((full, bare), key=lambda lab: len(heard[lab]))
                into.setdefault(rare, common)
    out = list(attributions)
    for i, a in enumerate(attributions[:len(speech)]):
        common = into.get(a.speaker)
        p = speech[i].paragraph
        if common is not None and any(abs(p - q) <= EPITHET_SCENE for q in heard[common]):
            out[i] = replace(a, speaker=common)
    return out


def _vague(label: str) -> bool:
    """A description whose head says only "a person" or "a voice" ("the old gentleman",
    "a low voice"): whoever the scene means, so a fuller or barer form of it is no sign of
    one person."""
    head = label.lower().split()[-1]
    return head in VAGUE_HEADS or head in ("voice", "voices")


def _same_scene_runs(speech: list[Quote], attributions: list, runs: list[list[int]],
                     name: str) -> list[list[int]]:
    """The last of these runs of one description, and the runs before it that the scene
    joins to it: each ending within NEW_SCENE paragraphs of the next one's start, the
    name speaking no line between ("said the young gentleman" twice, ten paragraphs before
    the run the narration names: the same young gentleman)."""
    out = [runs[-1]]
    for run in reversed(runs[:-1]):
        end_p, next_p = speech[run[-1]].paragraph, speech[out[-1][0]].paragraph
        if next_p - end_p > NEW_SCENE or _speaks(speech, attributions, name, end_p + 1, next_p):
            break
        out.append(run)
    return out


def _with_rest_of_speech(speech: list[Quote], attributions: list, run: list[int]) -> list[int]:
    """The run's lines and the parts after each in its paragraph that the description
    speaks too (“Yes. I can,” answered the boy. “I expect you'd like …”)."""
    out = []
    for i in run:
        out.append(i)
        k = i + 1
        while k < len(speech) and speech[k].paragraph == speech[i].paragraph and \
                attributions[k].speaker == attributions[i].speaker:
            out.append(k)
            k += 1
    return out


def _is_description(label: str) -> bool:
    """A label the tag sieves made of a description ("The voice", "Shorter man"), not a
    name (a word after the first in lower case), nor a place in the scene ("The second")
    or a group ("The two women")."""
    words = label.replace("’", "'").split()
    return (len(words) > 1 and any(w[0].islower() for w in words[1:])
            and not {w.lower() for w in words} & CONTRAST and words[-1] not in GROUP_NOUNS)


def _description_runs(speech: list[Quote], attributions: list) -> list[list[list[int]]]:
    """Indices of the lines each description speaks by its own tag, split into runs (one
    scene: no more than NAMED_SOON paragraphs between lines): each description's runs, in
    order."""
    runs: dict[str, list[list[int]]] = {}
    for i, a in enumerate(attributions):
        if a.cue != "described" or not _is_description(a.speaker):
            continue
        mine = runs.setdefault(a.speaker, [])
        if mine and speech[i].paragraph - speech[mine[-1][-1]].paragraph <= NAMED_SOON:
            mine[-1].append(i)
        else:
            mine.append([i])
    return list(runs.values())


def _label_sex(label: str) -> str | None:
    """The sex a description's words give, the possessor's too ("Man's voice": m; "The
    housemaid": f), by gender.role_sex, if any."""
    for w in label.lower().split():
        sex = role_sex(w.removesuffix("'s").removesuffix("’s"))
        if sex is not None:
            return sex
    return None


def _name_taking_turn(speech: list[Quote], cast: Cast, attributions: list,
                      run: list[int]) -> str | None:
    """The name that takes the described speaker's turn: the one tagged by name on the
    second turn after the run's last line, the first being another's (the other party),
    new to the scene (no line in the NEW_SCENE paragraphs before the run), of the
    description's sex, after whom the description speaks no more (in STOPS_FOR
    paragraphs), and whom the text ties to it; not one the narration names just before
    the description's first line (_named_just_before)."""
    desc = attributions[run[0]].speaker
    first_p, last_p = speech[run[0]].paragraph, speech[run[-1]].paragraph
    first = _next_turn(speech, run[-1])
    second = _next_turn(speech, first) if first is not None else None
    if second is None or speech[second].paragraph > last_p + NAMED_SOON:
        return None
    other, named, p = attributions[first], attributions[second], speech[second].paragraph
    ch = cast.character(named.speaker)
    g = _label_sex(desc)
    if (other.speaker in (desc, named.speaker) or named.cue not in TAGGED_CUES or ch is None
            or _is_description(named.speaker) or g and ch.gender and ch.gender != g
            or _speaks(speech, attributions, named.speaker, first_p - NEW_SCENE, p)
            or _speaks(speech, attributions, desc, p, p + STOPS_FOR)
            or _named_just_before(speech, cast, named.speaker, run[0])):
        return None
    forms = _forms_pattern(ch)
    answers = speech[first].paragraph - last_p <= ANSWERS_WITHIN
    tied = (answers and _called_by_other(speech, cast.text, forms, first)
            or _names_self(speech, attributions, cast.text, forms, second)
            or _set_beside(speech, cast.text, forms, desc, second))
    return named.speaker if tied else None


NAME_GIVEN = re.compile(r"\bname\s+(?:was|is)\s+$")
"""The narration's words just before a name that say it is someone's name ("Pip
learned that the carter's name was Amos Reed", "whose name is Hobb")."""
IT_WAS = re.compile(r"(?:^|[.!?]\s+)It\s+(?:was|is)\s+$")
"""A sentence opening on "It was" before a name that ends it: the narration saying who
spoke ("“Only me, sir,” came a small voice. / Pip held up the lamp …. It was
Hester.")."""
SENTENCE_STOP = re.compile(r"\s*[.!;]")
NAME_GIVEN_SPAN = 20
"""Characters before a name read for NAME_GIVEN."""


NAMED_LATER = 8
"""Paragraphs after a described speaker's last line within which a newcomer's name tag,
answering a call by that name, may take the turn a few turns on."""


def _called_then_taking_turn(speech: list[Quote], cast: Cast, attributions: list,
                             run: list[int]) -> str | None:
    """The first newcomer's name tag in the NAMED_LATER paragraphs after the run, when the
    turn just before it calls that name (“Forgive me, Mr. Harry,” said the groom. / “Well,”
    rejoined Harry Tansley, a few turns after "cried the gentleman"), the name new to the
    text (no line tagged with it before the run: so far off, only a first appearance is taken; not
    Pip, called at the next scene's door) and of the description's sex, and the
    description speaking no more (in STOPS_FOR paragraphs); no line of the description's
    between; not one the narration names just before the description's first line, who
    is someone beside it ("Tobin leaned out, when a stout lady pushed past him. “Well?”
    cried the lady": _named_just_before; the next newcomer may be the lady)."""
    desc = attributions[run[0]].speaker
    first_p, last_p = speech[run[0]].paragraph, speech[run[-1]].paragraph
    before, k = run[-1], _next_turn(speech, run[-1])
    while k is not None and speech[k].paragraph <= last_p + NAMED_LATER:
        named = attributions[k]
        if named.speaker == desc:
            return None
        if named.cue in TAGGED_CUES and not _is_description(named.speaker) and \
                not _speaks(speech, attributions, named.speaker, first_p - NEW_SCENE,
                            speech[k].paragraph) and \
                not _named_just_before(speech, cast, named.speaker, run[0]):
            break       # a newcomer's name tag (the scene's own people keep talking)
        before, k = k, _next_turn(speech, k)
    else:
        return None
    ch, p = cast.character(named.speaker), speech[k].paragraph
    g = _label_sex(desc)
    if (before == run[-1] or ch is None or g and ch.gender and ch.gender != g
            or p - speech[before].paragraph > 1
            or any(a.speaker == named.speaker and a.cue in TAGGED_CUES
                   for a in attributions[:run[0]])
            or _speaks(speech, attributions, desc, p, p + STOPS_FOR)):
        return None
    forms = _forms_pattern(ch)
    return named.speaker if _called_by_other(speech, cast.text, forms, before) else None


JUST_BEFORE = 1000
"""Characters of narration before a description's first line read for a name just before it
(about two paragraphs): a name further back, with no line between, is not part of the
description's entrance."""


def _named_just_before(speech: list[Quote], cast: Cast, label: str, first: int) -> bool:
    """Whether the narration between the line before quote first and that quote, at most
    JUST_BEFORE characters of it, names the person of label: the description then brings in
    someone beside them, not them."""
    ch = cast.character(label)
    lo = max(speech[first - 1].end if first else 0, speech[first].start - JUST_BEFORE)
    return ch is not None and \
        _forms_pattern(ch).search(cast.text, lo, speech[first].start) is not None


def _named_by_narration(speech: list[Quote], cast: Cast, attributions: list,
                        run: list[int]) -> str | None:
    """The name the narration gives the described speaker before the next NAMED_SOON
    paragraphs are out ("“…,” said the young gentleman. … Pip learned that the
    carter's name was Amos Reed"): a person of the description's sex, new to the scene
    (no line in the NEW_SCENE paragraphs before the run nor during it), after whose naming
    the description speaks no more (in STOPS_FOR paragraphs). The label the attributions
    already give that person, else the cast's."""
    desc = attributions[run[0]].speaker
    first_p, last_p = speech[run[0]].paragraph, speech[run[-1]].paragraph
    k = bisect_right(speech, last_p + NAMED_SOON, key=lambda q: q.paragraph)
    end = speech[k].start if k < len(speech) else len(cast.text)
    g = _label_sex(desc)
    for start, stop, form in cast.mentions_in(speech[run[0]].end, end):
        if not _gives_name(cast.text, start, stop) or _in_speech(speech, start):
            continue
        ch = cast.character(form)
        if ch is None or g and ch.gender and ch.gender != g:
            return None
        labels = Counter(a.speaker for a in attributions if cast.character(a.speaker) is ch)
        label = labels.most_common(1)[0][0] if labels else ch.label
        if _speaks(speech, attributions, label, first_p - NEW_SCENE, last_p + 1) or \
                _speaks(speech, attributions, desc, last_p + 1, last_p + 1 + STOPS_FOR):
            return None
        return label
    return None


UNKNOWN_PERSON = frozenset("stranger alien unknown".split())
"""Heads of a description that says the person is not known yet: the lemmas of WordNet 3.0's
synset stranger.n.01 ("anyone who does not belong in the environment in which they are
found")."""
STRANGER_NAMED_WITHIN = 30
"""Paragraphs after a stranger's last line within which the text must first name the one
who then speaks."""


def _first_mentions(cast: Cast) -> dict[int, int]:
    """Each person's first mention in the text (offset), by id of the Character."""
    out: dict[int, int] = {}
    for start, _, form in cast.mentions:
        ch = cast.character(form)
        if ch is not None:
            out.setdefault(id(ch), start)
    return out


def _stranger_named_next(speech: list[Quote], cast: Cast, attributions: list,
                         run: list[int], first_named: dict[int, int]) -> str | None:
    """A stranger ("said the stranger") is the first person (of a known sex) the text names
    for the first time after the run, within STRANGER_NAMED_WITHIN paragraphs, who then
    speaks by a name tag, when the stranger speaks no more after the run: the stranger at
    the bank is the Osric Vane the next chapter's letter introduces. A name the text
    gives no sex is a person when tags name it as the speaker TAGGED_SPEAKER times ("“Fennick!”
    rejoined the man" … "said Fennick"). Not one who talks with the stranger in the
    stranger's scene (NEW_SCENE paragraphs before the run, and the run: a line of theirs
    right before or after one of the stranger's), though the text (a passage opening
    mid-scene) names them only after: then the text has named no newcomer, and the stranger
    stays one. A line the rules gave the name that neither answers the stranger nor is
    answered by them is no such sign ("“Fill this glass again,” he said", read as the
    man named later: the stranger himself, at a passage's first line)."""
    desc = attributions[run[0]].speaker
    if desc.split()[-1].lower() not in UNKNOWN_PERSON:
        return None
    first_p, last_p = speech[run[0]].paragraph, speech[run[-1]].paragraph
    if any(a.speaker == desc for a in attributions[run[-1] + 1:]
           if a.cue in TAGGED_CUES):
        return None
    k = bisect_right(speech, last_p + STRANGER_NAMED_WITHIN, key=lambda q: q.paragraph)
    end = speech[k].start if k < len(speech) else len(cast.text)
    for start, _, form in cast.mentions_in(speech[run[-1]].end, end):
        ch = cast.character(form)
        if ch is None or ch.gender is None and ch.tagged < TAGGED_SPEAKER or \
                ch.place_like or ch.thing_like or first_named.get(id(ch)) != start:
            continue    # a person, of a known sex or tagged as a speaker ("Jerusalem" is not)
        if _talks_with(speech, attributions, desc, ch, cast, first_p - NEW_SCENE, last_p):
            return None
        labels = Counter(a.speaker for a in attributions[run[-1] + 1:]
                         if a.cue in TAGGED_CUES and cast.character(a.speaker) is ch)
        if labels:
            return labels.most_common(1)[0][0]
    return None


def _talks_with(speech: list[Quote], attributions: list, desc: str, ch: Character, cast: Cast,
                lo: int, hi: int) -> bool:
    """Whether a line of ch's in paragraphs lo to hi comes right before or after one of the
    description's (the two talking to each other)."""
    a, b = (bisect_left(speech, p, key=lambda q: q.paragraph) for p in (lo, hi + 1))
    for i in range(a, b):
        if cast.character(attributions[i].speaker) is ch and any(
                0 <= j < len(attributions) and attributions[j].speaker == desc
                for j in (i - 1, i + 1)):
            return True
    return False


def _run_span(speech: list[Quote], attributions: list, first: int, last: int) -> list[int]:
    """Every line the description speaks from its line first to its line last, whatever
    the cue (the model's lines between its tags too), with the rest of the last speech."""
    desc = attributions[first].speaker
    return [i for i in range(first, last + 1) if attributions[i].speaker == desc] + \
        [i for i in _with_rest_of_speech(speech, attributions, [last]) if i > last]


def _gives_name(text: str, start: int, stop: int) -> bool:
    """Whether the narration around the name at [start, stop) says it is the name of one
    just described: "… name was <name>", "It was <name>." (NAME_GIVEN, IT_WAS)."""
    lo = max(0, start - NAME_GIVEN_SPAN)
    return bool(NAME_GIVEN.search(text, lo, start) or
                IT_WAS.search(text, lo, start) and SENTENCE_STOP.match(text, stop))


def _in_speech(speech: list[Quote], pos: int) -> bool:
    """Whether offset pos lies inside a line of speech."""
    k = bisect_right(speech, pos, key=lambda q: q.start) - 1
    return k >= 0 and pos < speech[k].end


def _forms_pattern(ch: Character) -> re.Pattern:
    """Any of the person's name forms as whole words, the longest tried first."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ch.forms, key=len,
                                                                  reverse=True))) + ")" + WORD_END)


def _called_by_other(speech: list[Quote], text: str, forms: re.Pattern, first: int) -> bool:
    """The other party's turn calls the newcomer by name ("Is that Mr. Dunmore?")."""
    return any(forms.search(text, q.start, q.end) for q in _paragraph_lines(speech, first))


def _names_self(speech: list[Quote], attributions: list, text: str, forms: re.Pattern,
                second: int) -> bool:
    """The newcomer gives the name in the scene, as the naming sieve reads a speaker saying
    who they are ("I'm Mister Jethro Grebe", "my name is …")."""
    label, p = attributions[second].speaker, speech[second].paragraph
    k = second
    while k < len(speech) and speech[k].paragraph < p + STOPS_FOR:
        q = speech[k]
        if attributions[k].speaker == label and any(
                forms.search(m.group(1)) for pat in (SELF_NAMING, I_AM)
                for m in pat.finditer(text, q.start, q.end)):
            return True
        k += 1
    return False


def _set_beside(speech: list[Quote], text: str, forms: re.Pattern, desc: str,
                second: int) -> bool:
    """The name's tag sets the description's head beside the name ("said Amos, the tall
    young man from the mill")."""
    own = _paragraph_lines(speech, second)
    tag = text[own[0].close:own[1].open] if len(own) > 1 else \
        text[own[0].close:own[0].close + TAG_SPAN]
    head = re.escape(desc.split()[-1].lower())
    return any(re.match(r",(?:\s+[\w-]+){1,5}\s+" + head + r"\b", tag[m.end():])
               for m in forms.finditer(tag))


def _paragraph_lines(speech: list[Quote], i: int) -> list[Quote]:
    """Line i and the lines after it in its paragraph."""
    out = [speech[i]]
    for q in speech[i + 1:]:
        if q.paragraph != speech[i].paragraph:
            break
        out.append(q)
    return out


def _speaks(speech: list[Quote], attributions: list, label: str, lo: int, hi: int) -> bool:
    """Whether label speaks a line in paragraphs lo to hi (hi excluded)."""
    k = bisect_left(speech, lo, key=lambda q: q.paragraph)
    while k < len(speech) and speech[k].paragraph < hi:
        if attributions[k].speaker == label:
            return True
        k += 1
    return False


def _scene_lines(speech: list[Quote], attributions: list, lo: int, hi: int) -> list:
    """The attributions of the lines in paragraphs lo to hi (hi included)."""
    a, b = (bisect_left(speech, p, key=lambda q: q.paragraph) for p in (lo, hi + 1))
    return attributions[a:b]


def _next_turn(speech: list[Quote], i: int) -> int | None:
    """The first line of the paragraph after line i's, if a line opens one."""
    for k in range(i + 1, len(speech)):
        if speech[k].paragraph != speech[i].paragraph:
            return k
    return None


KIN_OF_AGE = frozenset("son daughter sister brother".split())
"""Ties a narrator introduces a young person by, before naming them ("said her son"): one
generation down or across, so the same person may be "the young man" a moment later."""
PERSON_HEADS = VAGUE_HEADS | MAIDEN_NOUNS | YOUNG_NOUNS
"""Heads of a description that say only "a person" of some sex and age ("the tall young
lady", "the boy"), which a narrator varies with a tie for one person."""


def one_person_described_twice(speech: list[Quote], attributions: list) -> list:
    """A tie description ("said his sister", KIN_OF_AGE) and a plain description of a
    person of the same sex ("said the young lady", PERSON_HEADS) in one scene are one
    speaker when the two never take turns with each other: a narrator varies how they
    describe someone not yet named (“Can I have a kite?” the boy asked. / “Not today,”
    said his sister. … “Come along,” said the young lady.). Not an old one ("the old
    lady" is no one's sister), nor when two plain descriptions of that sex fit. The tie's
    lines within EPITHET_SCENE paragraphs of the plain description's take its label."""
    heard: dict[str, list[int]] = {}
    for i, a in enumerate(attributions[:len(speech)]):
        if _is_description(a.speaker):
            heard.setdefault(a.speaker, []).append(speech[i].paragraph)
    answering = {frozenset((a.speaker, b.speaker)) for a, b in zip(attributions, attributions[1:])
                 if a.speaker != b.speaker}
    into: dict[str, str] = {}
    for tie in filter(_is_tie, heard):
        plains = [plain for plain in heard if _plain_person(plain, _label_sex(tie))
                  and frozenset((tie, plain)) not in answering
                  and _within_scene(heard[tie], heard[plain])]
        if len(plains) == 1:
            into[tie] = plains[0]
    out = list(attributions)
    for i, a in enumerate(attributions[:len(speech)]):
        plain = into.get(a.speaker)
        if plain is not None and _within_scene([speech[i].paragraph], heard[plain]):
            out[i] = replace(a, speaker=plain)
    return out


def _plain_person(label: str, sex: str | None) -> bool:
    """A description saying only "a person" of this sex, not an old one (PERSON_HEADS)."""
    words = label.lower().split()
    return words[-1] in PERSON_HEADS and not OLD_WORDS & set(words) and \
        _label_sex(label) == sex


def _is_tie(label: str) -> bool:
    """A description that is a sexed possessive (POSSESSIVES) and a tie of KIN_OF_AGE
    ("His sister")."""
    words = label.lower().split()
    return len(words) == 2 and POSSESSIVES.get(words[0]) is not None and \
        words[1] in KIN_OF_AGE


def _within_scene(paragraphs: list[int], others: list[int]) -> bool:
    """Whether a paragraph of one list lies within EPITHET_SCENE of one of the other's."""
    return any(abs(p - q) <= EPITHET_SCENE for p in paragraphs for q in others)
