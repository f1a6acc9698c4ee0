"""Who speaks an untagged turn of a conversation: a small learned model over candidates.

The rules (attribution/) settle the lines a tag names ("said Elizabeth"). For the others,
a turn of dialogue with no tag, or only a pronoun, each person who could be speaking is
scored by a log-linear model over features of the conversation around the turn:

- alternation: whether the person is the one a tag names one, two, three or four turns
  before or after (in a two-person exchange the speaker two turns back speaks again), and
  whether the nearest such turn either side, however far, is theirs an even or an odd
  number of turns away;
- address: whether the turn before or after calls the person by name ("Very well, Miss
  Quested": the turn before was hers), or this turn does (then it is someone else);
- the pair talking: whether the turns a tag (or the rules' vocative or running speech)
  gives a speaker within eight turns either side are the candidate's and one other's;
- the narration: whether the person is the subject of the narration just before the turn,
  in the same paragraph or in a beat of narration between turns, or is named after it;
- salience: how lately and how often the person was named and spoke; for a turn tagged
  "he said", where the person stands among those of that sex named lately, and whether the
  narration last named them as the one acting (the scene's "he", even pages on);
- the turn before: a paragraph of narration between it and this turn, or narration
  running on after its last quote past the tag (the one who spoke last often goes on
  after it, above all when it opens on their "he"/"she": "He winced a little." / his
  next line), and whether it asked a question (then the other answers);
- the rules' own guess, by the rule that made it, as evidence among the rest.

The weights are learned from the annotated development novels by bench/train_conversation.py
(which also reports, novel by novel, how the model does on novels it was not trained on)
and kept in data/conversation_model.json. The model only chooses among people the text
shows; with no weights file it leaves the rules' choice.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from .attribution.mentions import looks_subject
from .characters import Cast
from .labels import hardly_a_person, is_no_one, tidy
from .narrator import NARRATOR_LABEL, narrator_name, told_in_first_person
from .lexicon import FEMALE_NOUNS, MALE_NOUNS, SPEECH_VERBS
from .quotes import Quote

ANCHOR_CUES = frozenset({"explicit", "first-person", "described", "epithet"})
"""Cues whose speaker the model takes as given: a tag names the person."""
MODEL_CUES = frozenset({"turn-taking", "salience", "unresolved", "pronoun",
                        "action", "colon"})
"""Cues of the turns the model decides (the rules' choice is one of its features)."""
RULE_CUES = ("turn-taking", "salience", "vocative", "unresolved", "pronoun", "action",
             "colon", "continuation")
REACH = 4               # turns either side whose tagged speakers are features
PAIR_REACH = 8          # turns either side whose fixed speakers say who the pair talking is
WINDOW_PARAS = 3        # paragraphs before a conversation whose people are candidates ...
SCENE_PARAS = 30        # ... looking back no further than this
LINK_GAP = 1            # narration paragraphs a conversation may step over ...
SHORT_BEAT = 250        # ... when each is shorter than this many characters
BEAT_CHARS = 600        # narration before a turn that may bring in its speaker
TAIL_CHARS = 60         # narration after a turn's last quote that is more than its tag
PRONOUN_TAG = re.compile(r"\W{0,3}(?:(he|she)\s+(\w+)|(\w+)\s+(he|she)\b)", re.I)
SUBJECT_BEFORE = re.compile(r"(?:^|[.!?;:][”’\"')]*\s+|\n\s*|\band\s+|\bthen\s+|\bbut\s+)\W*$")
# a name that acts: followed by a verb in the past ("minister Nikitin found a telegram")
ACTS_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|was|had|said|found|took|came|went|"
                        r"made|stood|sat|saw|gave|told|knew|thought|felt|began|left|ran|"
                        r"rose|held|put|got|turned|looked|smiled|laughed|cried)\b")
OBJECT_BEFORE = re.compile(r"\b(?:to|of|by|with|at|for|from|on|in)\s+$")
# "He offered no details, but … exhorted: “…”": a pronoun opening the sentence that
# leads into the quote
PRONOUN_LEAD = re.compile(r"(?:^|[.!?]\s+|\n\s*)[\"“‘]?(He|She)\b[^.!?\"“”]*?(?:[:,—]|\b([a-z]+))\s*$")
# a sentence of narration opening on a pronoun ("He winced a little."): someone's beat
PRONOUN_BEAT = re.compile(r"(?:^|[.!?][”’\"')]*\s+|\n\s*)(He|She)\b")
ASKS = re.compile(r"\?[\W_]*$")        # a speech that ends on a question


@dataclass
class Turn:
    """One quote paragraph (with the later paragraphs of a speech that runs on)."""

    para: int
    quotes: list[int]
    anchor: str | None = None
    """The speaker a tag names, when the rules read one."""
    rule: str = ""
    cue: str = ""
    chain: int = 0
    pos: int = 0
    pronoun: str | None = None
    """"m" or "f" when a pronoun tag ("he said") goes with the turn."""
    beat: str = ""
    """The narration since the turn before, up to this turn's first quote (lower case)."""
    open: int = 0
    """Offset of the turn's first quotation mark."""
    beat_pron: str | None = None
    """"m"/"f": the narration paragraphs since the turn before, or the lead of this one,
    open a sentence on "he"/"she" ("He winced a little."): someone's beat (_beat_pronoun)."""
    after_beat: bool = False
    """A paragraph of narration lies between the turn before and this one: there the one
    who spoke last often goes on ("He winced a little." / his next line)."""
    after_tail: bool = False
    """The turn before goes on in narration after its last quote, longer than a tag
    (TAIL_CHARS): "“…,” said Anna, and she rose and crossed to the window." """
    asks: bool = False
    """Its last quote ends on a question."""


@dataclass
class Doc:
    """What the features read: turns, conversations, mentions and addresses by paragraph."""

    turns: list[Turn]
    chains: list[list[int]]
    mentions: dict[int, list[tuple[int, str, bool, bool]]]
    """paragraph -> (offset, label, inside a quote, opens a clause)."""
    mention_paras: dict[str, list[int]] = field(default_factory=dict)
    vocatives: dict[int, set[str]] = field(default_factory=dict)
    """turn index -> the labels its quotes call by name."""
    gender: dict[str, str | None] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    first_person: str | None = None
    chain_info: dict = field(default_factory=dict)
    entering: dict = field(default_factory=dict)
    focal: dict = field(default_factory=dict)
    pairs: dict = field(default_factory=dict)


EMISSION = (
    [f"prev{d}" for d in range(1, REACH + 1)] + [f"next{d}" for d in range(1, REACH + 1)] +
    [f"nb_prev{d}" for d in range(1, REACH + 1)] + [f"nb_next{d}" for d in range(1, REACH + 1)] +
    ["rule", "rule_unnamed", "rule_in_beat"] + [f"rule:{c}" for c in RULE_CUES] +
    ["voc_prev", "voc_next", "voc_self", "voc_prev2", "voc_next2", "voc_chain",
     "par_prev", "par_prev_odd", "par_next", "par_next_odd", "near_pair",
     "narr_subj", "narr_any", "narr_after", "beat_subj", "beat_any", "in_quote", "narr_chain",
     "recency", "rank", "lines", "chain_share", "two_party", "first_person",
     "pron_match", "pron_clash", "last_mention_subj", "g_rank", "g_first", "g_only",
     "g_focal"]
)
"""Features of a candidate at a turn, whoever spoke the turns before."""
TRANSITION = ("same_as_prev", "alternates", "third_party", "answers_call", "repeats_call",
              "enters", "beat_same", "answers_question", "same_after_beat",
              "same_after_tail")
"""Features of a candidate given who spoke the two turns before (in the same conversation)."""
FEATURES = list(EMISSION) + list(TRANSITION)
INDEX = {f: i for i, f in enumerate(EMISSION)}
BEAM = 8


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The trained weights (data/conversation_model.json), or None when there are none."""
    try:
        raw = resources.files("drama.extract").joinpath("data/conversation_model.json") \
            .read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    model = json.loads(raw)
    return model if model.get("features") == FEATURES else None


def build_doc(text: str, quotes: list[Quote], paras, cast: Cast, rule_labels: list[str],
              rule_cues: list[str], vocative_labels: list[str | None],
              person_of_form) -> Doc:
    """Turns and conversations from the rules' output; mentions and addresses by paragraph.

    ``person_of_form`` maps a name form to a speaker label, or None for places and things.
    (The sieves' own salience events, descriptions and pronouns followed back, were tried
    as mentions too: on novels the model was not trained on they made it worse.)"""
    pstart = [p[0] for p in paras]
    qpara = [max(0, bisect_right(pstart, q.open) - 1) for q in quotes]
    turns: list[Turn] = []
    turn_of_quote: list[int] = []
    for i, q in enumerate(quotes):
        p = qpara[i]
        if turns and (turns[-1].para == p or q.continues and turns[-1].para < p):
            turns[-1].quotes.append(i)      # same paragraph, or a speech running on
            turns[-1].para = p
        else:
            turns.append(Turn(p, [i]))
        turn_of_quote.append(len(turns) - 1)
    for n, t in enumerate(turns):
        for i in t.quotes:
            if rule_cues[i] in ANCHOR_CUES and t.anchor is None:
                t.anchor = rule_labels[i]
        first = t.quotes[0]
        t.rule, t.cue = rule_labels[first], rule_cues[first]
        t.pronoun = _pronoun_tag(text, quotes, t, paras)
        since = quotes[turns[n - 1].quotes[-1]].close if n else 0
        start = max(since, quotes[first].open - BEAT_CHARS)
        t.beat = text[start:quotes[first].open].lower()
        t.open = quotes[first].open
        last = quotes[t.quotes[-1]]
        t.asks = bool(ASKS.search(text, max(last.start, last.end - 4), last.end))
        if n:
            t.beat_pron = _beat_pronoun(text, paras, turns[n - 1], t)
            t.after_beat = t.para - turns[n - 1].para > 1
            tail = quotes[turns[n - 1].quotes[-1]].close
            t.after_tail = len(text[tail:paras[turns[n - 1].para][1]].strip()) > TAIL_CHARS
    chains = _chains(turns, paras)
    mentions: dict[int, list] = {}
    mention_paras: dict[str, list[int]] = {}
    qspans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    for s, e, form in cast.mentions:
        label = person_of_form(form)
        if label is None:
            continue
        p = max(0, bisect_right(pstart, s) - 1)
        k = bisect_right(qstarts, s) - 1
        inside = k >= 0 and qspans[k][0] <= s < qspans[k][1]
        # opening a clause as the sieves read it ("Lenin’s first appearance was brief"
        # counts, "John Reed’s account is famous" does not), or acting before a verb
        subj = looks_subject(text, s, e) or text[e:e + 1] not in ("’", "'") and bool(
            SUBJECT_BEFORE.search(text, max(0, s - 12), s) or
            ACTS_AFTER.match(text, e) and not OBJECT_BEFORE.search(text, max(0, s - 6), s))
        mentions.setdefault(p, []).append((s, label, inside, subj))
        mention_paras.setdefault(label, []).append(p)
    vocatives: dict[int, set[str]] = {}
    for i, lab in enumerate(vocative_labels):
        if lab:
            vocatives.setdefault(turn_of_quote[i], set()).add(lab)
    lines: dict[str, int] = {}
    for t in turns:
        if t.anchor:
            lines[t.anchor] = lines.get(t.anchor, 0) + 1
    return Doc(turns, chains, mentions, mention_paras, vocatives, lines=lines)


def _pronoun_tag(text, quotes, turn, paras) -> str | None:
    """"m"/"f" when a quote of the turn is tagged by a pronoun ("…,” she said)."""
    for i in turn.quotes:
        q = quotes[i]
        m = PRONOUN_TAG.match(text, q.close, min(len(text), q.close + 40))
        if m:
            pron = (m.group(1) or m.group(4)).lower()
            verb = (m.group(2) or m.group(3)).lower()
            if verb in SPEECH_VERBS:
                return "m" if pron == "he" else "f"
    q = quotes[turn.quotes[0]]
    m = PRONOUN_LEAD.search(text, max(paras[turn.para][0], q.open - 300), q.open)
    if m and (m.group(2) is None or m.group(2) in SPEECH_VERBS):
        return "m" if m.group(1) == "He" else "f"
    return None


def _beat_pronoun(text, paras, before: Turn, t: Turn) -> str | None:
    """"m"/"f" when the narration after the paragraph of the turn before, up to this turn's
    first quote, opens a sentence on a pronoun: an action beat ("He winced a little.") that,
    between two turns, most often goes with the speaker carrying on (the transition
    feature "beat_same")."""
    start = paras[before.para][1] if before.para < t.para else t.open
    m = PRONOUN_BEAT.search(text, start, t.open)
    if m is None:
        return None
    return "m" if m.group(1) == "He" else "f"


def _chains(turns: list[Turn], paras) -> list[list[int]]:
    """Runs of turns a short beat of narration at most apart: one conversation each."""
    chains: list[list[int]] = []
    for k, t in enumerate(turns):
        if chains:
            prev = turns[chains[-1][-1]]
            gap = range(prev.para + 1, t.para)
            if len(gap) <= LINK_GAP and all(paras[x][1] - paras[x][0] < SHORT_BEAT
                                            for x in gap):
                t.chain, t.pos = len(chains) - 1, len(chains[-1])
                chains[-1].append(k)
                continue
        t.chain, t.pos = len(chains), 0
        chains.append([k])
    return chains


def candidates(doc: Doc, k: int) -> list[str]:
    """Who may be speaking turn k: the tagged speakers of its conversation nearby, the
    people named around it, the one the rules chose, and the narrator-character; never one
    the turn calls by name ("Come in, Jake": not Jake's), unless no one else is there."""
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    out: dict[str, None] = {}
    for j in chain:
        if doc.turns[j].anchor:
            out.setdefault(doc.turns[j].anchor, None)
    for j in chain[max(0, t.pos - REACH):t.pos + REACH + 1]:
        if doc.turns[j].rule:   # "" where the rules found no one
            out.setdefault(doc.turns[j].rule, None)
    for d in (-2, -1, 1, 2):
        for lab in doc.vocatives.get(k + d, ()):
            out.setdefault(lab, None)
    first = max(doc.turns[chain[0]].para - WINDOW_PARAS, t.para - SCENE_PARAS)
    for p in range(first, t.para + 2):
        for _, lab, _, _ in doc.mentions.get(p, ()):
            out.setdefault(lab, None)
    if t.rule:
        out.setdefault(t.rule, None)
    if doc.first_person:
        out.setdefault(doc.first_person, None)
    calls = doc.vocatives.get(k, ())
    return [c for c in out if c not in calls] or list(out)


def emission(doc: Doc, k: int, cand: str) -> list[float]:
    """The features of one candidate for turn k that do not depend on the turns before."""
    f = [0.0] * len(EMISSION)
    for i, x in sparse_emission(doc, k, cand).items():
        f[i] = x
    return f


def sparse_emission(doc: Doc, k: int, cand: str) -> dict[int, float]:
    """emission() as {feature index: value}, the zeros left out or few (for decoding)."""
    f: dict[int, float] = {}
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    for d in range(1, REACH + 1):
        for side, j in (("prev", t.pos - d), ("next", t.pos + d)):
            if 0 <= j < len(chain):
                other = doc.turns[chain[j]]
                if other.anchor == cand:
                    f[INDEX[f"{side}{d}"]] = 1.0
                if (other.anchor or other.rule) == cand:
                    f[INDEX[f"nb_{side}{d}"]] = 1.0
    _parity_features(doc, t, cand, f)
    f[INDEX["near_pair"]] = float(cand in _near_pair(doc, t))
    if t.rule == cand:
        f[INDEX["rule"]] = 1.0
        # a description the rules resolved ("a delegate barred his way … he said")
        f[INDEX["rule_unnamed"]] = unnamed = float(cand not in doc.mention_paras)
        # … brought in by the narration just before ("a delegate barred his way")
        head = cand.lower().split()[-1] if cand else ""
        f[INDEX["rule_in_beat"]] = float(bool(unnamed and head and head in t.beat))
        if t.cue in RULE_CUES:
            f[INDEX[f"rule:{t.cue}"]] = 1.0
    voc = doc.vocatives

    def called(j: int) -> bool:
        return 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain and \
            cand in voc.get(j, ())
    f[INDEX["voc_prev"]] = float(called(k - 1))
    f[INDEX["voc_next"]] = float(called(k + 1))
    f[INDEX["voc_self"]] = float(cand in voc.get(k, ()))
    f[INDEX["voc_prev2"]] = float(called(k - 2))
    f[INDEX["voc_next2"]] = float(called(k + 2))
    info = _chain_info(doc, t.chain)
    f[INDEX["voc_chain"]] = float(info.calls[cand] > (cand in voc.get(k, ())))
    _narration_features(doc, t, cand, f)
    _salience_features(doc, t, cand, f)
    if info.anchored:
        f[INDEX["chain_share"]] = info.anchored[cand] / info.n_anchored
        f[INDEX["two_party"]] = float(len(info.anchored) == 2 and cand in info.anchored)
    f[INDEX["lines"]] = math.log1p(doc.lines.get(cand, 0)) / 5
    f[INDEX["first_person"]] = float(cand == doc.first_person)
    g = doc.gender.get(cand)
    if g is None and t.pronoun and cand == t.rule and t.cue == "pronoun":
        g = t.pronoun       # the rules read "he said" as this described person
    if t.pronoun:
        f[INDEX["pron_match"]] = float(g == t.pronoun)
        f[INDEX["pron_clash"]] = float(g is not None and g != t.pronoun and g != "1")
        if g == t.pronoun:
            _pronoun_salience(doc, t, cand, f)
    return f


def _parity_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Whether the nearest turn before (after) this one in its conversation that the model
    does not decide (a tag's, or the rules' vocative or running speech) is the candidate's,
    an even or an odd number of turns away: in a two-person exchange each speaks every
    other turn, however long the untagged run between two tags ("…," said Fielding / … /
    … / … / "…," said Aziz), which the features of the four turns either side miss."""
    chain = doc.chains[t.chain]
    for side, step in (("prev", -1), ("next", 1)):
        j = t.pos + step
        while 0 <= j < len(chain) and _decided(doc.turns[chain[j]]):
            j += step
        if 0 <= j < len(chain) and _fixed(doc.turns[chain[j]]) == cand:
            odd = abs(j - t.pos) % 2
            f[INDEX[f"par_{side}_odd" if odd else f"par_{side}"]] = 1.0


def _near_pair(doc: Doc, t: Turn) -> set[str]:
    """The two people the turns around this one that the model does not decide give their
    speakers to, PAIR_REACH turns either side, when they are two (else none): the pair
    talking now, though the whole conversation, a long scene, has more people in it."""
    key = (t.chain, t.pos)
    if key not in doc.pairs:
        chain = doc.chains[t.chain]
        near = {_fixed(doc.turns[j]) for j in chain[max(0, t.pos - PAIR_REACH):
                                                     t.pos + PAIR_REACH + 1]
                if not _decided(doc.turns[j])}
        doc.pairs[key] = near if len(near) == 2 else set()
    return doc.pairs[key]


@dataclass
class _ChainInfo:
    """What a whole conversation says of each person, counted once."""

    calls: Counter
    """label -> turns of the conversation that call them by name."""
    anchored: Counter
    """label -> turns a tag gives them."""
    n_anchored: int


def _chain_info(doc: Doc, c: int) -> _ChainInfo:
    info = doc.chain_info.get(c)
    if info is None:
        chain = doc.chains[c]
        calls = Counter(lab for j in chain for lab in doc.vocatives.get(j, ()))
        anchored = Counter(doc.turns[j].anchor for j in chain if doc.turns[j].anchor)
        info = doc.chain_info[c] = _ChainInfo(calls, anchored, sum(anchored.values()))
    return info


def _pronoun_salience(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """For a turn tagged "he"/"she": where the candidate stands among the people of that
    sex the narration named lately (latest first), whether it named them first in this
    paragraph or the one before, and whether they are the scene's focal person of that sex
    (focal())."""
    order: list[str] = []
    first = None
    for p in range(t.para, t.para - WINDOW_PARAS - 1, -1):
        here = [lab for pos, lab, inside, subj in doc.mentions.get(p, ())
                if subj and not inside and doc.gender.get(lab) == t.pronoun and pos < t.open]
        if p >= t.para - 1 and first is None and here:
            first = here[0]
        for lab in reversed(here):
            if lab not in order:
                order.append(lab)
    if cand in order:
        f[INDEX["g_rank"]] = 1.0 / (1 + order.index(cand))
    f[INDEX["g_focal"]] = float(focal(doc, t, t.pronoun) == cand)
    f[INDEX["g_first"]] = float(first == cand)
    f[INDEX["g_only"]] = float(order == [cand])


def focal(doc: Doc, t: Turn, sex: str) -> str | None:
    """The person the narration last made a subject by name, of that sex or of none the text
    says ("Kishkin the dictator took control. He …"), up to SCENE_PARAS paragraphs back:
    whom the scene's "he" or "she" goes on meaning after the name is out of sight ("Aziz went
    to the mosque. … He … he … “Madam!” he called")."""
    key = (t.open, sex)
    if key not in doc.focal:
        doc.focal[key] = next((lab for p in range(t.para, t.para - SCENE_PARAS - 1, -1)
                               for pos, lab, inside, subj in reversed(doc.mentions.get(p, ()))
                               if subj and not inside and pos < t.open and
                               doc.gender.get(lab) in (sex, None)), None)
    return doc.focal[key]


def transition(doc: Doc, k: int, cand: str, prev1: str | None, prev2: str | None
               ) -> list[float]:
    """The features of one candidate for turn k given the speaker of the turn before it in
    its conversation and the last speaker before that other than them (None at its start;
    _other())."""
    t = doc.turns[k]
    calls = doc.vocatives.get(k, ())
    before = doc.vocatives.get(k - 1, ()) if t.pos else ()
    new = prev1 is not None and cand != prev1 and cand != prev2
    beat, asked, gap, tail = _turn_before(doc, k, prev1)
    return [float(cand == prev1),
            float(prev2 is not None and cand == prev2 and cand != prev1),
            float(prev2 is not None and cand != prev1 and cand != prev2),
            float(prev1 is not None and prev1 in calls and cand != prev1),
            float(prev1 is not None and prev1 in before and cand == prev1),
            float(new and cand in entering(doc, k)),
            float(beat and cand == prev1),
            float(asked and cand != prev1),
            float(gap and cand == prev1),
            float(tail and cand == prev1)]


def _turn_before(doc: Doc, k: int, prev1: str | None) -> tuple[bool, bool, bool, bool]:
    """What lies between turn k and the turn before it, spoken by prev1: a pronoun beat that
    can be prev1's, a question prev1 asked with no narration between (the other answers),
    a paragraph of narration between, prev1's turn running on past its tag (the last three
    each say prev1 goes on). All false at a conversation's start."""
    t = doc.turns[k]
    if prev1 is None or not t.pos:
        return False, False, False, False
    return (_beat_is_theirs(doc, t, prev1), doc.turns[k - 1].asks and not t.after_beat,
            t.after_beat, t.after_tail)


def _beat_is_theirs(doc: Doc, t: Turn, prev1: str) -> bool:
    """Whether the pronoun beat before turn t (Turn.beat_pron) can be the last speaker's:
    their sex, or a sex the text does not say. (Its sex pointing to the other one of a
    man and a woman talking was tried as a feature too: it learned no weight.)"""
    return t.beat_pron is not None and doc.gender.get(prev1) in (None, t.beat_pron)


def entering(doc: Doc, k: int) -> set[str]:
    """The people the narration since the turn before brings in: named there as the one who
    acts, or the description the rules gave the turn when its words are there ("a delegate
    barred his way. … he said")."""
    got = doc.entering.get(k)
    if got is None:
        t = doc.turns[k]
        first = doc.turns[k - 1].para if k else t.para - 1
        got = {lab for p in range(first, t.para + 1) for pos, lab, inside, subj in
               doc.mentions.get(p, ()) if subj and not inside and pos < t.open}
        head = t.rule.lower().split()[-1] if t.rule else ""
        if t.rule and t.rule not in doc.mention_paras and head and head in t.beat:
            got.add(t.rule)
        doc.entering[k] = got
    return got


def _narration_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    chain = doc.chains[t.chain]
    lo, hi = doc.turns[chain[0]].para - WINDOW_PARAS, doc.turns[chain[-1]].para
    paras = doc.mention_paras.get(cand, ())
    i = bisect_left(paras, lo)
    if i < len(paras) and paras[i] <= hi:
        f[INDEX["narr_chain"]] = 1.0
    for pos, lab, inside, subj in doc.mentions.get(t.para, ()):
        if lab != cand:
            continue
        if inside:
            f[INDEX["in_quote"]] = 1.0
        elif pos > t.open:
            f[INDEX["narr_after"]] = 1.0    # "He handed it to Antonov": after the quote
        else:
            f[INDEX["narr_any"]] = 1.0
            if subj:
                f[INDEX["narr_subj"]] = 1.0
    beat = t.para - 1
    if beat >= 0 and not any(doc.turns[j].para == beat for j in _near(doc, t)):
        for _, lab, inside, subj in doc.mentions.get(beat, ()):
            if lab == cand and not inside:
                f[INDEX["beat_any"]] = 1.0
                if subj:
                    f[INDEX["beat_subj"]] = 1.0


def _near(doc: Doc, t: Turn) -> list[int]:
    chain = doc.chains[t.chain]
    return chain[max(0, t.pos - 1):t.pos + 1]


def _salience_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    paras = doc.mention_paras.get(cand)
    if paras:
        k = bisect_left(paras, t.para) - 1
        if k >= 0:
            f[INDEX["recency"]] = 1.0 / (1 + t.para - paras[k])
    # rank among the people named in the paragraphs before, latest first
    seen: list[str] = []
    last_subj = None
    for p in range(t.para - 1, t.para - 1 - WINDOW_PARAS, -1):
        for _, lab, inside, subj in reversed(doc.mentions.get(p, ())):
            if lab not in seen:
                seen.append(lab)
            if last_subj is None and subj and not inside:
                last_subj = lab
    if cand in seen:
        f[INDEX["rank"]] = 1.0 / (1 + seen.index(cand))
    f[INDEX["last_mention_subj"]] = float(last_subj == cand)


def decide(doc: Doc, model: dict) -> dict[int, tuple[str, float]]:
    """Turn index -> (speaker, probability) for every turn the model decides."""
    w = model["weights"]
    w_e, w_t = w[:len(EMISSION)], w[len(EMISSION):]
    out: dict[int, tuple[str, float]] = {}
    for chain in doc.chains:
        if any(_decided(doc.turns[k]) for k in chain):
            out.update(_decode(doc, chain, w_e, w_t))
    return out


def _fixed(t: Turn) -> str:
    """The speaker of a turn the model does not decide: the tag's, or the rules' reading
    of its vocative or its running speech."""
    return t.anchor or t.rule


def _decided(t: Turn) -> bool:
    """Whether the model decides this turn (no tag names its speaker)."""
    return t.anchor is None and t.cue in MODEL_CUES


def _decode(doc: Doc, chain: list[int], w_e, w_t) -> dict[int, tuple[str, float]]:
    """The likeliest speakers of one conversation's turns, by beam search over who spoke
    the turn before each and who spoke last before them (_other())."""
    # a state: (log-probability, prev1, the last speaker before that other than prev1,
    # choices so far [(turn, who, p)])
    beam = [(0.0, None, None, ())]
    for k in chain:
        t = doc.turns[k]
        cands = candidates(doc, k) if _decided(t) else []
        if not cands:       # a tagged turn, or one with no one in sight: the rules' choice
            who = _fixed(t)
            beam = [(sc, who, _other(who, p1, p2), hist) for sc, p1, p2, hist in beam]
            continue
        base = [sum(w_e[i] * x for i, x in sparse_emission(doc, k, c).items())
                for c in cands]
        grown = {}
        for sc, p1, p2, hist in beam:
            local = _with_transitions(doc, k, cands, base, p1, p2, w_t)
            top = max(local)
            logz = top + math.log(sum(math.exp(x - top) for x in local))
            for c, x in zip(cands, local):
                new = sc + x - logz
                key = (c, _other(c, p1, p2))
                if key not in grown or grown[key][0] < new:
                    grown[key] = (new, *key, hist + ((k, c, math.exp(x - logz)),))
        beam = sorted(grown.values(), key=lambda s: -s[0])[:BEAM]
    return {k: (c, p) for k, c, p in beam[0][3]}


def _other(who: str | None, p1: str | None, p2: str | None) -> str | None:
    """After a turn of ``who`` that followed turns of p1 and, before p1, p2 (the last one
    other than p1): the last speaker other than ``who``. A speech over two paragraphs keeps
    the other one of the exchange, so the next turn can still go back to them."""
    return p1 if who != p1 else p2


def _with_transitions(doc: Doc, k: int, cands, base, p1, p2, w_t) -> list[float]:
    """base + w_t · transition(doc, k, c, p1, p2) for each candidate c, computed once per
    state rather than per candidate (transition() spells out the same features)."""
    same, alt, third, answers, repeats, enters, w_beat, w_asked, w_gap, w_tail = w_t
    calls_p1 = p1 is not None and p1 in doc.vocatives.get(k, ())
    before = doc.vocatives.get(k - 1, ()) if doc.turns[k].pos else ()
    beat, asked, gap, tail = _turn_before(doc, k, p1)
    to_p1 = same + (repeats if p1 is not None and p1 in before else 0.0) + \
        w_beat * beat + w_gap * gap + w_tail * tail
    other = (answers if calls_p1 else 0.0) + w_asked * asked
    came = entering(doc, k) if p1 is not None else ()
    out = []
    for c, b in zip(cands, base):
        if c == p1:
            out.append(b + to_p1)
            continue
        x = b + other + (enters if c in came and c != p2 else 0.0)
        if p2 is None:
            out.append(x)
        elif c == p2:
            out.append(x + alt)
        else:
            out.append(x + third)
    return out


def gender_of_label(label: str, cast: Cast) -> str | None:
    """The sex of a speaker label: its character's, or its description's head noun."""
    ch = cast.character(label)
    if ch is not None:
        return ch.gender
    words = label.lower().split()
    if words and words[-1] in MALE_NOUNS:
        return "m"
    if words and words[-1] in FEMALE_NOUNS:
        return "f"
    return None


_override: dict | None = None


def use_model(model: dict | None) -> None:
    """Use these weights instead of the packaged ones (for training and evaluation)."""
    global _override
    _override = model


def calibrated(model: dict, prob: float) -> float:
    """The accuracy the model showed on held-out novels at this probability (its
    ``calibration`` table: upper bounds of probability bins and their accuracy)."""
    for upper, acc in model.get("calibration", ()):
        if prob <= upper:
            return round(acc, 2)
    return model.get("accuracy", 0.5)


def refine(text: str, quotes: list[Quote], paras, cast: Cast, attributions: list,
           vocatives: list[str | None], skip: frozenset[str] = frozenset()) -> list:
    """The rules' attributions with the narrator named and the untagged turns decided by
    the model. skip: steps switched off ("narrator", "labels", "conversation-model")."""
    model = _override if _override is not None else load_model()
    if model is not None and model.get("off") or "conversation-model" in skip:
        model = None
    attributions = [a if tidy(a.speaker) == a.speaker else replace(a, speaker=tidy(a.speaker))
                    for a in attributions]
    first = told_in_first_person(text, quotes)
    said_i = Counter(a.speaker for a in attributions if a.cue == "first-person")
    if not quotes or not (first or model or said_i):
        return attributions
    doc, out = prepare(text, quotes, paras, cast, attributions, vocatives, skip)
    if model is None:
        return out
    for k, (who, prob) in decide(doc, model).items():
        conf = calibrated(model, prob)
        for i in doc.turns[k].quotes:
            a = out[i]
            if a.cue in MODEL_CUES or a.cue == "continuation" or \
                    a.cue == "first-person" and doc.first_person is None or \
                    "labels" not in skip and _no_one(a.speaker, a.cue, cast):
                out[i] = replace(a, speaker=who, cue="conversation", confidence=conf,
                                 sieve="conversation-model")
    return out


def name_narrator_in(doc: Doc, text: str, quotes: list[Quote], attributions: list,
                     vocatives: list[str | None]) -> list:
    """The attributions with the narrator's lines under the narrator's name, and the
    document's turns relabelled the same way."""
    first = told_in_first_person(text, quotes)
    said_i = Counter(a.speaker for a in attributions if a.cue == "first-person")
    # the label the rules gave the lines "I said" marks: the narrator's
    rules_label = said_i.most_common(1)[0][0] if said_i else NARRATOR_LABEL
    narrator = _name_narrator(doc, attributions, vocatives) if first else None
    _relabel_narrator(doc, rules_label, narrator, first)
    return [replace(a, speaker=narrator) if narrator and a.speaker == rules_label
            else a for a in attributions]


def _name_narrator(doc: Doc, attributions: list, vocatives: list[str | None]) -> str:
    """The first-person narrator's name as the dialogue calls them, else "I (narrator)"."""
    calls = Counter(v for v in vocatives if v)
    in_quotes: Counter = Counter()
    in_narration: Counter = Counter()
    for ms in doc.mentions.values():
        for _, label, inside, _ in ms:
            (in_quotes if inside else in_narration)[label] += 1
    tagged = Counter(a.speaker for a in attributions if a.cue == "explicit")
    return narrator_name(calls, in_quotes, in_narration, tagged) or NARRATOR_LABEL


def _relabel_narrator(doc: Doc, rules_label: str, narrator: str | None, first: bool) -> None:
    """Give the narrator's turns their name; in a story not told in the first person, a
    turn given to "I" is left for the model to decide."""
    for t in doc.turns:
        if t.anchor == rules_label:
            t.anchor = narrator
        if t.rule == rules_label:
            t.rule = narrator or ""
        if not first and t.cue == "first-person":
            t.cue = "unresolved"
    doc.first_person = narrator


def prepare(text, quotes, paras, cast, attributions, vocative_labels,
            skip: frozenset[str] = frozenset()) -> tuple[Doc, list]:
    """The model's view of a text, from the rules' attributions; and the attributions
    with the narrator named."""
    def person_of_form(form: str) -> str | None:
        ch = cast.character(form)
        if ch is None or ch.place_like or ch.thing_like and ch.gender is None:
            return None     # "at Smolny", "the Duma"
        return ch.label
    labels = [a.speaker for a in attributions]
    cues = [a.cue for a in attributions]
    # a relative called by a family word ("Well, mamma,") is called as by name
    calls = [v or a.kin_called for v, a in zip(vocative_labels, attributions)]
    doc = build_doc(text, quotes, paras, cast, labels, cues, calls, person_of_form)
    out = attributions if "narrator" in skip else \
        name_narrator_in(doc, text, quotes, attributions, vocative_labels)
    for t in doc.turns if "labels" not in skip else ():
        # a place or a phrase cut at a title is no one: the conversation decides
        if t.anchor and _no_one(t.anchor, t.cue, cast):
            t.anchor = None
            t.cue = "unresolved"
        if t.rule and _no_one(t.rule, t.cue, cast):
            t.rule, t.cue = "", "unresolved"
    for lab in {x for t in doc.turns for x in candidates_all(doc, t)}:
        doc.gender[lab] = "1" if lab == doc.first_person else gender_of_label(lab, cast)
    return doc, out


def _no_one(label: str, cue: str, cast: Cast) -> bool:
    """Whether a rule's label is no one: a place or a phrase cut at a title, or a name
    hardly known as a person that no tag says speaks (labels.py)."""
    return is_no_one(label, cast) or cue not in TAG_CUES and hardly_a_person(label, cast)


TAG_CUES = frozenset({"explicit", "first-person", "action", "colon", "pronoun"})
"""Cues of a speaker the tag beside the line names or points to ("he said" gives a sex)."""


def candidates_all(doc: Doc, t: Turn):
    yield from (x for x in (t.anchor, t.rule) if x)
    for p in range(t.para - SCENE_PARAS, t.para + 2):
        for _, lab, _, _ in doc.mentions.get(p, ()):
            yield lab


def vocative_labels(text: str, quotes: list[Quote], paras, cast: Cast) -> list[str | None]:
    """Per quote, the label of the person it calls by name, if any."""
    from .attribution.reader import Reader
    from .attribution.vocative import find_vocatives
    pstart = [p[0] for p in paras]
    qpara = [bisect_right(pstart, q.open) - 1 for q in quotes]
    return [who.label if who is not None else None
            for who in find_vocatives(Reader(cast, text), text, quotes, qpara)]
