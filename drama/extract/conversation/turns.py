"""Stage one of the conversation model: the text read into turns and conversations.

The rules' attributions come in one per quote; the model reasons about turns (a quote
paragraph, with the later paragraphs of a speech that runs on), strung into conversations
(runs of turns a short beat of narration at most apart), and about where each person is
named. This module builds that view once, a Doc, so that the features (features.py) only
look things up in it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..attribution.mentions import PRONOUN_TAG, looks_subject
from ..attribution.vocative import set_off_phrases
from ..attribution.words import ADDRESSING, is_speech_verb, tokens
from ..cast import Cast
from ..lexicon import GOING_ON_PHRASES, PARTICLE_VERBS, SPEECH_VERBS, address_sex
from ..quotes import Quote, is_speech_word
from ..structure import scene_breaks
from .nominal import nominal_mentions

ANCHOR_CUES = frozenset({"explicit", "first-person", "described", "epithet"})
"""Cues whose speaker the model takes as given: a tag names the person."""
SOFT_CUES = frozenset({"described", "epithet"})
"""Anchor cues the decoder may overrule: a description ("said the old gentleman") means
the wrong person about a third of the time, and a wrong fixed turn puts a wrong person
into the pair around it. Such a turn keeps its anchor with the rules' confidence in it
(Turn.trust), the rest of the probability the model's reading of the turn."""
MODEL_CUES = frozenset({"turn-taking", "salience", "unresolved", "pronoun",
                        "action", "colon"})
"""Cues of the turns the model decides (the rules' choice is one of its features)."""
REPLY_CUES = frozenset({"explicit", "first-person", "pronoun"})
"""Cues of a later quote of a paragraph whose speaker may be a reply inside it."""
LINK_GAP = 1            # narration paragraphs a conversation may step over ...
SHORT_BEAT = 250        # ... when each is shorter than this many characters
BEAT_CHARS = 600        # narration before a turn that may bring in its speaker
TAIL_CHARS = 60         # narration after a turn's last quote that is more than its tag
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
TURNING = frozenset("turn turns turned turning".split())
"""The verb of WordNet 3.0's turn_to (verb 00897582 "address, turn_to: speak to"), which
speaks to the one after its "to" ("turning to Mrs. Quayle, he said")."""
LOOKING = frozenset("look looks looked looking glance glances glanced glancing".split())
"""The one-word verbs of WordNet 3.0's look (02130542 "perceive with attention; direct one's
gaze towards") and glance (02165322 "throw a glance at"), whose "at" names the one looked at
("He looked at Hester.")."""
TOLD_REACH = 5          # words a "to"/"at" may stand after its verb ("said Kasim to Pellow",
                        # "looking across the table at Dale")
SUBJECT_WORDS = frozenset("i he she we they and".split())
# "Having lit his pipe, her brother added, “…”": the lead-in's last clause ends on a verb
# of going on, with at most a comma phrase after it ("she added, with perfect unconcern,"),
# not reporting ("he added that, …") nor taking an object ("continued the subject")
GOES_ON_LEAD = re.compile(r"\b(?:" + "|".join(GOING_ON_PHRASES) + ")"
                          r"(?:\s*,[^,]{0,40},?)?\s*$")
LEAD_CLAUSE_END = re.compile(r"[.!?;:][\W_]*\s")    # the lead's clauses end here


@dataclass
class Turn:
    """One quote paragraph (with the later paragraphs of a speech that runs on)."""

    para: int
    """Its last paragraph (where its last quote is)."""
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
    trust: float = 1.0
    """The probability the decoder gives the anchor (below 1 for SOFT_CUES:
    decode._soft_scores)."""
    forms: frozenset = frozenset()
    """The phrases its quotes set off (vocative.set_off_phrases): forms of address
    ("sir", "my dear", "mr. fielding") and set replies."""
    calls_sex: str | None = None
    """The sex ("m"/"f") its forms of address call the one it speaks to by ("sir", "my
    dear girl": lexicon.address_sex, not a name), when they call one sex only."""
    hands_to: str | None = None
    """The speaker of its last quote when that quote's own tag reads another than the
    turn's anchor, a reply inside the paragraph ("“…,” Bill said to Ana. She raised her
    hand. “Oh!”": Ana; reply_stands): the one the next turn answers
    (decode.state_after)."""
    goes_on: bool = False
    """Its paragraph's narration before its first quote ends on a verb of going on ("After
    a few minutes reflection, she continued,", "At length, she spoke again."): the one who
    spoke the turn before goes on (_lead_goes_on)."""
    runs_on: int = 0
    """The paragraphs its speech runs on past its first (each opening on a quote mark, no
    closing one until the last): 0 for a one-paragraph turn."""

    @property
    def first(self) -> int:
        """Its first paragraph: gaps to the turn before, and reaches back from the turn,
        are measured from here (from ``para`` they counted the speech's own paragraphs as
        narration between, and a long speech lost the exchange it answers)."""
        return self.para - self.runs_on


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
    later_calls: dict[int, set[str]] = field(default_factory=dict)
    """turn index -> the people its quotes call after their first call ("Sam, run up and
    hold the coach!--Mr. Penn, give the lad a shilling"): none of them speaks it."""
    gender: dict[str, str | None] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    first_person: str | None = None
    chain_info: dict = field(default_factory=dict)
    entering: dict = field(default_factory=dict)
    focal: dict = field(default_factory=dict)
    pairs: dict = field(default_factory=dict)
    around: dict = field(default_factory=dict)
    """(chain, position) -> around._Around; ("para", paragraph) -> mentions._named_before();
    ("sex", chain, position) -> _named_of_sex(); ("named", turn) -> _named_in_next();
    ("told", turn) -> _told_around(); ("reach", chain) -> around._chain_reach(); ("of",
    paragraph) -> mentions._mentions_of()."""
    form_users: dict | None = None
    """phrase -> the speakers of the turns the model does not decide that set it off
    (address._form_users), counted on first asking."""
    breaks: list[int] = field(default_factory=list)
    """The paragraphs that end a scene (structure.scene_breaks): a chapter or part heading,
    a line of asterisks, or the paragraph before one opening on another day or time of day
    ("The next morning"), which may hold the scene's last turn. No conversation runs across
    one (breaks_between)."""
    told: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)
    """paragraph -> (offset, label, how: told_to()) of the people its narration speaks or
    looks to ("said to Kasim", "turning to Mrs. Quayle", "I asked Mike", "He looked at Hester")."""
    replies_told: set[int] = field(default_factory=set)
    """The turns apply._reply_told gave back to the one who spoke before them: the
    paragraph before tells the reply of the one the model had chosen."""
    moved: set[int] = field(default_factory=set)
    """The turns the corrections after decoding gave to another speaker than the model's
    (apply._answer_after_known, apply._reply_told): apply._decoded_again decodes the
    conversations again with them held."""


def reply_stands(cue: str, sex: str | None, first_sex: str | None) -> bool:
    """Whether a turn's later quote, which the rules gave someone other than the turn's
    anchor by cue, is a reply inside its paragraph that the next turn answers
    (Turn.hands_to): its tag names them ("said Anna", "I said"), or says "he"/"she" of the
    other sex than the anchor's. A "he said" after a man's line may be his own going on
    that the rules read as another man ("…,” said Pellow … he said, “But let me
    conclude”)."""
    if cue not in REPLY_CUES:
        return False
    return cue != "pronoun" or sex in ("m", "f") and first_sex in ("m", "f") and sex != first_sex


def _fixed(t: Turn) -> str:
    """The speaker of a turn the model does not decide: the tag's, or the rules' reading
    of its vocative or its running speech."""
    return t.anchor or t.rule


def _decided(t: Turn) -> bool:
    """Whether the model decides this turn (no tag names its speaker)."""
    return t.anchor is None and t.cue in MODEL_CUES


def _soft(t: Turn) -> bool:
    """Whether the decoder may overrule this turn's anchor (SOFT_CUES, Turn.trust)."""
    return t.anchor is not None and t.trust < 1


def build_doc(text: str, quotes: list[Quote], paras, cast: Cast, rule_labels: list[str],
              rule_cues: list[str], vocative_labels: list[str | None],
              person_of_form, rule_confidences: list[float] | None = None,
              described: list[str | None] | None = None) -> Doc:
    """Turns and conversations from the rules' output; mentions and addresses by paragraph.

    ``person_of_form`` maps a name form to a speaker label, or None for places and things.
    ``rule_confidences``: the rules' confidence per quote, the trust of a soft anchor.
    ``described``: per quote, the description its tag calls the speaker by
    (Attribution.described): elsewhere in the narration nearby, the same description is a
    mention of the person the rules read it as (nominal.py). (The sieves' own salience
    events, descriptions and pronouns followed back, were tried as mentions too: on novels
    the model was not trained on they made it worse.)"""
    pstart = [p[0] for p in paras]
    turns, turn_of_quote = _group_turns(quotes, pstart)
    _read_turns(text, quotes, paras, turns, rule_labels, rule_cues)
    if rule_confidences is not None:
        _trust_anchors(turns, rule_cues, rule_confidences)
    # across a heading the people talking are most often new: without the break, the
    # first lines after it went to whoever had spoken last before it (the scene's
    # conversation before, which the first turn's "resumes" reads)
    breaks = scene_breaks(text, paras)
    chains = _chains(turns, paras, breaks)
    named = [(s, e, person_of_form(form)) for s, e, form in cast.mentions]
    if described is not None:
        named += nominal_mentions(text, quotes, pstart, described, rule_labels, person_of_form)
        named.sort(key=lambda m: m[0])
    mentions, mention_paras, told = _mentions(text, quotes, pstart, named)
    vocatives: dict[int, set[str]] = {}
    for i, lab in enumerate(vocative_labels):
        if lab:
            vocatives.setdefault(turn_of_quote[i], set()).add(lab)
    lines: dict[str, int] = {}
    for t in turns:
        if t.anchor:
            lines[t.anchor] = lines.get(t.anchor, 0) + 1
    return Doc(turns, chains, mentions, mention_paras, vocatives, lines=lines, breaks=breaks,
               told=told)


def _group_turns(quotes: list[Quote], pstart: list[int]) -> tuple[list[Turn], list[int]]:
    """The quotes gathered into turns, and the turn of each quote."""
    turns: list[Turn] = []
    turn_of_quote: list[int] = []
    for i, q in enumerate(quotes):
        p = max(0, bisect_right(pstart, q.open) - 1)
        if turns and (turns[-1].para == p or q.continues and turns[-1].para < p):
            turns[-1].quotes.append(i)      # same paragraph, or a speech running on
            turns[-1].runs_on += p - turns[-1].para
            turns[-1].para = p
        else:
            turns.append(Turn(p, [i]))
        turn_of_quote.append(len(turns) - 1)
    return turns, turn_of_quote


def _read_turns(text: str, quotes: list[Quote], paras, turns: list[Turn],
                rule_labels: list[str], rule_cues: list[str]) -> None:
    """Fill in what each turn says of itself and of the turn before: the rules' reading
    of it, its pronoun tag, the narration before it, and whether it asks a question."""
    pstart = [p[0] for p in paras]
    for n, t in enumerate(turns):
        for i in t.quotes:
            if rule_cues[i] in ANCHOR_CUES and t.anchor is None:
                t.anchor = rule_labels[i]
        first, end = t.quotes[0], t.quotes[-1]
        t.rule, t.cue = rule_labels[first], _turn_cue(rule_cues, t.quotes)
        if t.anchor and rule_cues[end] in REPLY_CUES and rule_labels[end] not in ("", t.anchor):
            t.hands_to = rule_labels[end]     # apply.prepare keeps it if it reply_stands
        t.pronoun = _pronoun_tag(text, quotes, t, paras)
        since = quotes[turns[n - 1].quotes[-1]].close if n else 0
        start = max(since, quotes[first].open - BEAT_CHARS)
        t.beat = text[start:quotes[first].open].lower()
        t.open = quotes[first].open
        last = quotes[t.quotes[-1]]
        t.forms = frozenset().union(*(set_off_phrases(text[quotes[i].start:quotes[i].end])
                                      for i in t.quotes))
        t.calls_sex = _called_sex(t.forms)
        t.asks = bool(ASKS.search(text, max(last.start, last.end - 4), last.end))
        lead_start = pstart[max(0, bisect_right(pstart, quotes[first].open) - 1)]
        t.goes_on = _lead_goes_on(text[lead_start:quotes[first].open])
        if n:
            t.beat_pron = _beat_pronoun(text, paras, turns[n - 1], t)
            t.after_beat = t.first - turns[n - 1].para > 1
            tail = quotes[turns[n - 1].quotes[-1]].close
            t.after_tail = len(text[tail:paras[turns[n - 1].para][1]].strip()) > TAIL_CHARS


def _trust_anchors(turns: list[Turn], rule_cues: list[str], confidences: list[float]) -> None:
    """A turn whose anchors are all of SOFT_CUES trusts them as much as the rules do."""
    for t in turns:
        anchors = [i for i in t.quotes if rule_cues[i] in ANCHOR_CUES]
        if anchors and all(rule_cues[i] in SOFT_CUES for i in anchors):
            t.trust = min(1.0, *(confidences[i] for i in anchors))


def _turn_cue(rule_cues: list[str], quotes: list[int]) -> str:
    """The cue that decided a turn: its first quote's, unless that quote only continues a
    later one of the turn ("“No.” He shook his head. “…,” he said": the "he said" decided
    both), when it is that later quote's. A "speaking-on" line (pipeline.TURN_CUES) decides
    its turn itself: it continues no later quote."""
    return next((rule_cues[i] for i in quotes if rule_cues[i] != "continuation"),
                rule_cues[quotes[0]])


def _pronoun_tag(text, quotes, turn, paras) -> str | None:
    """"m"/"f" when a quote of the turn is tagged by a pronoun ("…,” she said)."""
    for i in turn.quotes:
        q = quotes[i]
        end = _para_end(paras, turn.first, q.close)   # "…” ¶ She went on.": the next one's
        m = PRONOUN_TAG.match(text, q.close, min(end, q.close + 40))
        if m:
            pron = (m.group(1) or m.group(4)).lower()
            verb = (m.group(2) or m.group(3)).lower()
            if verb in SPEECH_VERBS:
                return "m" if pron == "he" else "f"
    q = quotes[turn.quotes[0]]
    # from the newline before the paragraph, which the lead's start of a line needs
    m = PRONOUN_LEAD.search(text, max(0, paras[turn.first][0] - 1, q.open - 300), q.open)
    if m and (m.group(2) is None or m.group(2) in SPEECH_VERBS):
        return "m" if m.group(1) == "He" else "f"
    return None


def _lead_goes_on(lead: str) -> bool:
    """Turn.goes_on: the last clause of a turn's lead-in (the narration of its paragraph
    before its first quote) ends on a verb of going on (GOES_ON_LEAD:
    lexicon.GOING_ON_VERBS and GOING_ON_PARTICLE)."""
    lead = lead.lower().rstrip(" \n\t,:.—-")
    clause = LEAD_CLAUSE_END.split(lead)[-1]
    return bool(clause) and GOES_ON_LEAD.search(clause) is not None


def _para_end(paras, p: int, pos: int) -> int:
    """The end of the paragraph holding pos, paragraph p or one after it."""
    while p + 1 < len(paras) and paras[p][1] < pos:
        p += 1
    return paras[p][1]


def _called_sex(forms) -> str | None:
    """Turn.calls_sex: the one sex the forms of address among these set-off phrases call,
    not by a name ("Mr. Staunton": the vocative features read whom a name calls)."""
    sexes = {address_sex(f, named=False) for f in forms} - {None}
    return sexes.pop() if len(sexes) == 1 else None


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


def breaks_between(doc: "Doc", a: int, b: int) -> bool:
    """Whether a scene break (Doc.breaks) lies between paragraphs a and b: a scene ends at
    paragraph a itself or after it, before b (a scene may end on a quotation, the last
    before "The next morning": structure.scene_breaks)."""
    i = bisect_left(doc.breaks, a)
    return i < len(doc.breaks) and doc.breaks[i] < b


def _chains(turns: list[Turn], paras, breaks: list[int] = ()) -> list[list[int]]:
    """Runs of turns a short beat of narration at most apart, and no scene break
    (structure.scene_breaks) between: one conversation each."""
    chains: list[list[int]] = []
    cut = set(breaks)
    for k, t in enumerate(turns):
        if chains:
            prev = turns[chains[-1][-1]]
            gap = range(prev.para + 1, t.first)
            ends = range(prev.para, t.first)     # a scene may end on the turn before
            if len(gap) <= LINK_GAP and not cut.intersection(ends) and \
                    all(paras[x][1] - paras[x][0] < SHORT_BEAT for x in gap):
                t.chain, t.pos = len(chains) - 1, len(chains[-1])
                chains[-1].append(k)
                continue
        t.chain, t.pos = len(chains), 0
        chains.append([k])
    return chains


def _mentions(text: str, quotes: list[Quote], pstart: list[int],
              named: list[tuple[int, int, str | None]]
              ) -> tuple[dict[int, list], dict[str, list[int]], dict[int, list]]:
    """Where each person is named (named: (start, end, label) in the text's order, None for
    no one): paragraph -> (offset, label, inside a quote, opens a clause); label -> the
    paragraphs naming them; and paragraph -> (offset, label, how) where the narration
    speaks or looks to them (Doc.told)."""
    mentions: dict[int, list] = {}
    told: dict[int, list] = {}
    mention_paras: dict[str, list[int]] = {}
    qspans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    for s, e, label in named:
        if label is None:
            continue
        p = max(0, bisect_right(pstart, s) - 1)
        k = bisect_right(qstarts, s) - 1
        inside = k >= 0 and qspans[k][0] <= s < qspans[k][1]
        mentions.setdefault(p, []).append((s, label, inside, _opens_clause(text, s, e)))
        mention_paras.setdefault(label, []).append(p)
        how = "" if inside else told_to(text, s, e)
        if how:
            told.setdefault(p, []).append((s, label, how))
    return mentions, mention_paras, told


def told_to(text: str, s: int, e: int) -> str:
    """How the narration speaks or looks to the person named at s:e ("" when it does not):
    "to", after "to" in the clause of a verb of saying (any form: "speaking to Dale") or of
    addressing, or of "turn" ("said Kasim to Pellow", "turning to Mrs. Quayle"); "at", after
    "at" in the clause of a verb of looking or saying ("He looked at Hester", "Dale smiled at
    Bill"); "object", right after such a verb with its subject before it ("I asked Kit", "he
    addressed Hester"; not "asked Kit" after a quote, Kit's own tag). Not a name with "'s"
    ("turned to Kit's other merits")."""
    if text[e:e + 1] in ("’", "'"):
        return ""
    toks = tokens(text[max(0, s - 60):s])
    i = len(toks) - 1
    if i >= 0 and toks[i][0] == "the":      # "turned to the Collector"
        i -= 1
    if i < 1:
        return ""
    word = toks[i][0]
    if word in ("to", "at"):
        verbs = TURNING | ADDRESSING if word == "to" else LOOKING
        for j in range(i - 1, max(-1, i - 1 - TOLD_REACH), -1):
            w = toks[j][0]
            if not w[0].isalpha():
                return ""
            if w.lower() in verbs or w[0].islower() and is_speech_word(w) and \
                    w not in PARTICLE_VERBS:
                return word
        return ""
    if word in ADDRESSING or is_speech_verb(word):
        before = toks[i - 1][0]
        return "object" if before.lower() in SUBJECT_WORDS or before[0].isupper() else ""
    return ""


def _opens_clause(text: str, s: int, e: int) -> bool:
    """Whether the name at s:e opens a clause as the sieves read it ("Lenin’s first
    appearance was brief" counts, "John Reed’s account is famous" does not), or acts
    before a verb ("minister Nikitin found a telegram")."""
    return looks_subject(text, s, e) or text[e:e + 1] not in ("’", "'") and bool(
        SUBJECT_BEFORE.search(text, max(0, s - 12), s) or
        ACTS_AFTER.match(text, e) and not OBJECT_BEFORE.search(text, max(0, s - 6), s))
