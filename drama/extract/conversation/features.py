"""Stage two of the conversation model: who could speak a turn, and what speaks for each.

For a turn the model decides, each person who could be speaking (candidates()) is
described by features of the conversation around the turn:

- alternation: whether the person is the one a tag names one, two, three or four turns
  before or after (in a two-person exchange the speaker two turns back speaks again), and
  whether the nearest such turn either side, however far, is theirs an even or an odd
  number of turns away (apart when narration lies between, where one may go on);
- address: whether the turn before or after calls the person by name ("Very well, Miss
  Quested": the turn before was hers), or this turn does (then it is someone else);
  whether the turn after names the person without calling them (then it was seldom
  theirs: the one answering says "you" to the last speaker); whether the person is of
  the sex the turn before or after calls its listener by ("Yes, sir.": _called_sex_features);
  and whether the narration of the turn before speaks to the person ("“…,” she said to
  Fielding", "I asked Mike": then they most often answer);
- the pair talking: whether the turns a tag (or the rules' vocative or running speech)
  gives a speaker within eight turns either side are the candidate's and one other's,
  and (given who spoke before) whether the candidate is a third one breaking into that pair;
- the narration: whether the person is the subject of the narration just before the turn,
  in the same paragraph or in a beat of narration between turns, or is named after it;
- salience: how lately and how often the person was named and spoke; for a turn tagged
  "he said", where the person stands among those of that sex named lately, and whether the
  narration last named them as the one acting (the scene's "he", even pages on);
- the turn before: a paragraph of narration between it and this turn, or narration
  running on after its last quote past the tag (the one who spoke last often goes on
  after it, above all when it opens on their "he"/"she": "He winced a little." / his
  next line), and whether it asked a question (then the other answers);
- the turn's own words: the candidate's share of the known turns that set off the same
  phrase (a form of address, a set reply: _form_features);
- the rules' own guess, by the rule that made it, as evidence among the rest, and whether
  the one it names shows no sign of taking part in the conversation, and whether a
  candidate is only talked about in it (_taking_part).

The emission features (EMISSION) do not depend on who spoke before; the transition
features (TRANSITION) do, and the decoder (decode.py) weighs them state by state.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from .turns import Doc, Turn, _decided, _fixed, breaks_between

RULE_CUES = ("turn-taking", "salience", "vocative", "unresolved", "pronoun", "action",
             "colon", "continuation")
REACH = 4               # turns either side whose tagged speakers are features
PAIR_REACH = 8          # turns either side whose fixed speakers say who the pair talking is
WINDOW_PARAS = 3        # paragraphs before a conversation whose people are candidates ...
SCENE_PARAS = 30        # ... looking back no further than this
PREV_CHAIN_PARAS = 10   # the conversation before is the same scene's when this close
RESUME_GAP = 3          # ... and its speakers the first turn's "before" when this close
SCENE_NAMED = 2         # the people the scene's narration names most, before the window

EMISSION = (
    [f"prev{d}" for d in range(1, REACH + 1)] + [f"next{d}" for d in range(1, REACH + 1)] +
    [f"nb_prev{d}" for d in range(1, REACH + 1)] + [f"nb_next{d}" for d in range(1, REACH + 1)] +
    ["rule", "rule_unnamed", "rule_in_beat"] + [f"rule:{c}" for c in RULE_CUES] +
    ["voc_prev", "voc_next", "voc_self", "voc_prev2", "voc_next2", "voc_chain",
     "par_prev", "par_prev_odd", "par_next", "par_next_odd",
     "par_prev_beat", "par_prev_odd_beat", "par_next_beat", "par_next_odd_beat", "near_pair",
     "narr_subj", "narr_any", "narr_after", "beat_subj", "beat_any", "in_quote", "narr_chain",
     "recency", "rank", "lines", "chain_share", "two_party", "first_person",
     "pron_match", "pron_clash", "last_mention_subj", "g_rank", "g_first", "g_only",
     "g_focal", "rule_far", "quoted_only", "form_share",
     "named_next", "called_sex_prev", "called_clash_prev", "called_sex_next",
     "called_clash_next", "told_prev"]
)
"""Features of a candidate at a turn, whoever spoke the turns before."""
TRANSITION = ("same_as_prev", "alternates", "third_party", "answers_call", "repeats_call",
              "enters", "beat_same", "answers_question", "same_after_beat",
              "same_after_tail", "third_outside_pair", "resumes", "resumes_other")
"""Features of a candidate given who spoke the two turns before (in the same conversation),
or, at a conversation's first turn, the last two of the scene's conversation before."""
FEATURES = list(EMISSION) + list(TRANSITION)
INDEX = {f: i for i, f in enumerate(EMISSION)}


def candidates(doc: Doc, k: int) -> list[str]:
    """Who may be speaking turn k: the tagged speakers of its conversation nearby, the
    people named around it (in a conversation no tag gives a speaker, also the scene's
    people: _ChainInfo.scene), the one the rules chose, and the narrator-character; never
    one the turn calls by name ("Come in, Jake": not Jake's), unless no one else is there.
    (The decoder adds the two who spoke last as it reads them: with_partners().)"""
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    # the conversation's tagged speakers, in the order they first speak
    info = _chain_info(doc, t.chain)
    out: dict[str, None] = dict.fromkeys(info.anchored)
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
    if not info.anchored:   # no tag names anyone: the pair talking may be named pages before
        out.update(dict.fromkeys(info.scene))
    if t.rule:
        out.setdefault(t.rule, None)
    if doc.first_person:
        out.setdefault(doc.first_person, None)
    calls = doc.vocatives.get(k, ())
    out = [c for c in out if c not in calls] or list(out)
    return _of_tagged_sex(doc, t, out)


def with_partners(doc: Doc, k: int, cands: list[str], prev1: str | None,
                  prev2: str | None) -> list[str]:
    """turn k's candidates and, when missing from them, the two who spoke last before it in
    its conversation as the decoding has it (decode._other()): people talking are still
    there when the narration has not named them for pages ("the man" of a long exchange).
    Not one the turn calls by name, nor one of the other sex than its "he"/"she" tag."""
    calls = doc.vocatives.get(k, ())
    extra = [x for x in (prev1, prev2) if x and x not in cands and x not in calls]
    return cands + _of_tagged_sex(doc, doc.turns[k], extra, strict=True) if extra else cands


def _of_tagged_sex(doc: Doc, t: Turn, cands: list[str], strict: bool = False) -> list[str]:
    """A turn tagged "she said" is no man's, nor "he said" a woman's: of the candidates,
    those whose sex the text does not contradict, unless that leaves no one. The first-person
    narrator ("1") stays, as pron_clash leaves them to the first_person weight. strict: none
    rather than all when none fits (the partners with_partners() adds)."""
    if t.pronoun is None:
        return cands
    fit = [c for c in cands if doc.gender.get(c) in (None, t.pronoun, "1")]
    return fit if fit or strict else cands


def candidates_all(doc: Doc) -> set[str]:
    """Everyone who could be a candidate of some turn, however far its conversation reaches:
    the people whose sex the features need to know. The turns' reaches (SCENE_PARAS
    paragraphs back, one on) overlap, so each paragraph is read once, from the end of the
    reach before."""
    out = {x for t in doc.turns for x in (t.anchor, t.rule) if x}
    read_up_to = -SCENE_PARAS
    for t in doc.turns:
        for p in range(max(t.para - SCENE_PARAS, read_up_to), t.para + 2):
            out.update(lab for _, lab, _, _ in doc.mentions.get(p, ()))
        read_up_to = max(read_up_to, t.para + 2)
    return out


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
    _alternation_features(doc, t, cand, f)
    _parity_features(doc, t, cand, f)
    f[INDEX["near_pair"]] = float(cand in _near_pair(doc, t))
    _rule_features(doc, t, cand, f)
    _taking_part(t, cand, _chain_info(doc, t.chain), f)
    _address_features(doc, k, cand, f)
    _form_features(doc, t, cand, f)
    _narration_features(doc, t, cand, f)
    _salience_features(doc, t, cand, f)
    _standing_features(doc, t, cand, f)
    _pronoun_features(doc, t, cand, f)
    return f


def _alternation_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Whether the turns up to REACH before and after this one in its conversation are the
    candidate's: by a tag (prev1 …), or by a tag or the rules' choice (nb_prev1 …)."""
    for i in _around(doc, t).alternation.get(cand, ()):
        f[i] = 1.0


def _parity_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Whether the nearest turn before (after) this one in its conversation that the model
    does not decide (a tag's, or the rules' vocative or running speech) is the candidate's,
    an even or an odd number of turns away: in a two-person exchange each speaks every
    other turn, however long the untagged run between two tags ("…," said Fielding / … /
    … / … / "…," said Aziz), which the features of the four turns either side miss."""
    for i, lab in _around(doc, t).parity:
        if lab == cand:
            f[i] = 1.0


@dataclass
class _Around:
    """What the turns around a turn say, whoever the candidate: worked out once per turn
    and kept (Doc.around), as sparse_emission() is asked for every candidate of a turn."""

    alternation: dict
    """label -> the feature indices of prev1 … nb_next4 that are theirs, in the order the
    features are set."""
    parity: list
    """(feature index, label) for par_prev(_odd) and par_next(_odd), the same."""
    called: tuple
    """The labels the turns k-1, k+1, k-2, k+2 of the same conversation call by name."""
    beat: int | None
    """The paragraph before the turn when it is narration between turns (_beat_before)."""


def _around(doc: Doc, t: Turn) -> _Around:
    """Turn t's _Around, worked out on first asking."""
    key = (t.chain, t.pos)
    got = doc.around.get(key)
    if got is None:
        chain = doc.chains[t.chain]
        got = doc.around[key] = _Around(_alternating(doc, t, chain), _parities(doc, t, chain),
                                        _called_near(doc, chain[t.pos], t),
                                        _beat_before(doc, t, chain))
    return got


def _alternating(doc: Doc, t: Turn, chain: list[int]) -> dict[str | None, list[int]]:
    """_Around.alternation: the tag's and the tag's or rules' speaker, REACH turns either side."""
    out: dict[str | None, list[int]] = {}
    for d in range(1, REACH + 1):
        for side, j in (("prev", t.pos - d), ("next", t.pos + d)):
            if 0 <= j < len(chain):
                other = doc.turns[chain[j]]
                out.setdefault(other.anchor, []).append(INDEX[f"{side}{d}"])
                out.setdefault(other.anchor or other.rule, []).append(INDEX[f"nb_{side}{d}"])
    return out


def _parities(doc: Doc, t: Turn, chain: list[int]) -> list[tuple[int, str]]:
    """_Around.parity: the nearest turn either side the model does not decide, its speaker,
    as par_* when nothing lies between where the one who spoke may go on, as par_*_beat
    when something does (_beat_between). Across such a place the parity says little: on
    half B (round 15; the model's turns, the true speakers) it was right for 52% of them
    across a paragraph of narration, 65% across narration running on past a tag, 88% with
    neither; apart, each kind learns its own weight."""
    out = []
    for side, step in (("prev", -1), ("next", 1)):
        j = t.pos + step
        while 0 <= j < len(chain) and _decided(doc.turns[chain[j]]):
            j += step
        if 0 <= j < len(chain):
            name = f"par_{side}" + ("_odd" if abs(j - t.pos) % 2 else "") + \
                ("_beat" if _beat_between(doc, chain, t.pos, j) else "")
            out.append((INDEX[name], _fixed(doc.turns[chain[j]])))
    return out


def _beat_between(doc: Doc, chain: list[int], a: int, b: int) -> bool:
    """Whether, between the conversation's turns at positions a and b, a paragraph of
    narration (Turn.after_beat) or a turn's narration running on past its tag
    (Turn.after_tail) lies, after which the one who spoke last often goes on."""
    lo, hi = min(a, b), max(a, b)
    return any(doc.turns[chain[x]].after_beat or doc.turns[chain[x]].after_tail
               for x in range(lo + 1, hi + 1))


def _called_near(doc: Doc, k: int, t: Turn) -> tuple:
    """_Around.called: who turns k-1, k+1, k-2, k+2 call by name, if in t's conversation."""
    def called(j: int):
        if 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain:
            return doc.vocatives.get(j, ())
        return ()
    return tuple(called(k + d) for d in (-1, 1, -2, 2))


def _beat_before(doc: Doc, t: Turn, chain: list[int]) -> int | None:
    """_Around.beat: the paragraph before turn t, unless it is the paragraph of t or of the
    turn before it in its conversation (then it is no beat of narration between turns)."""
    beat = t.para - 1
    if beat < 0 or any(doc.turns[j].para == beat for j in chain[max(0, t.pos - 1):t.pos + 1]):
        return None
    return beat


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


def _rule_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Whether the rules chose the candidate, and by which rule."""
    if t.rule != cand:
        return
    f[INDEX["rule"]] = 1.0
    # a description the rules resolved ("a delegate barred his way … he said")
    f[INDEX["rule_unnamed"]] = unnamed = float(cand not in doc.mention_paras)
    # … brought in by the narration just before ("a delegate barred his way")
    head = cand.lower().split()[-1] if cand else ""
    f[INDEX["rule_in_beat"]] = float(bool(unnamed and head and head in t.beat))
    if t.cue in RULE_CUES:
        f[INDEX[f"rule:{t.cue}"]] = 1.0


def _address_features(doc: Doc, k: int, cand: str, f: dict) -> None:
    """Whether the turns near turn k in its conversation, or this one, or any of the
    conversation's others, call the candidate by name."""
    t = doc.turns[k]
    prev, nxt, prev2, next2 = _around(doc, t).called
    self_called = cand in doc.vocatives.get(k, ())
    f[INDEX["voc_prev"]] = float(cand in prev)
    f[INDEX["voc_next"]] = float(cand in nxt)
    f[INDEX["voc_self"]] = float(self_called)
    f[INDEX["voc_prev2"]] = float(cand in prev2)
    f[INDEX["voc_next2"]] = float(cand in next2)
    info = _chain_info(doc, t.chain)
    f[INDEX["voc_chain"]] = float(info.calls[cand] > self_called)
    f[INDEX["named_next"]] = float(cand in _named_in_next(doc, k, t))
    if t.pos:
        f[INDEX["told_prev"]] = float(cand in _told_around(doc, k - 1))
    _called_sex_features(doc, k, t, cand, f)


def _called_sex_features(doc: Doc, k: int, t: Turn, cand: str, f: dict) -> None:
    """Whether the candidate is of the sex, or of the other sex, that the turn before or
    the turn after (in the same conversation) calls the one it speaks to by ("sir",
    "ma'am", "my dear girl": Turn.calls_sex): one answers the one who called them so, and
    one is called so by the one who answers. (Tried, round 25: titled names as sexed calls,
    which lost half B held out; only where the pair talking is a man and a woman, which
    changed nothing; this turn's own call against its speaker had nothing to fix.)"""
    g = doc.gender.get(cand)
    if g not in ("m", "f"):
        return
    for side, j in (("prev", k - 1), ("next", k + 1)):
        if 0 <= j < len(doc.turns) and doc.turns[j].chain == t.chain and doc.turns[j].calls_sex:
            f[INDEX["called_sex_" + side if doc.turns[j].calls_sex == g
                    else "called_clash_" + side]] = 1.0


def _told_around(doc: Doc, k: int) -> set[str]:
    """The people the narration of turn k speaks to (Doc.told): in its paragraphs outside
    its quotes, and in the beat of narration since the turn before in its conversation (or
    the paragraph before its first). "“…,” she said to Fielding" / the next turn: most often
    Fielding's answer. Not those it only looks at ("He looked at Adela"): on half B's model
    turns (bench/addressee_signals.py, told_prev_at) a look named the one answering once in
    six. Kept (Doc.around)."""
    key = ("told", k)
    got = doc.around.get(key)
    if got is None:
        t = doc.turns[k]
        first = doc.turns[k - 1].para + 1 if t.pos else t.para - 1
        got = doc.around[key] = {lab for p in range(first, t.para + 1)
                                 for _, lab, how in doc.told.get(p, ()) if how != "at"}
    return got


def _named_in_next(doc: Doc, k: int, t: Turn) -> set[str]:
    """The people the quotes of the turn after k name without calling them, when it is of
    k's conversation (else none): one who answers speaks to the last speaker as "you", not
    of them by name ("“… and that is all I know.” ¶ “Did Carl tell you so?”": Carl is
    seldom the one who spoke turn k). Kept (Doc.around), as every candidate of
    the turn asks the same."""
    j = k + 1
    if j >= len(doc.turns) or doc.turns[j].chain != t.chain:
        return set()
    key = ("named", j)
    got = doc.around.get(key)
    if got is None:
        got = doc.around[key] = {lab for _, lab, inside, _ in
                                 doc.mentions.get(doc.turns[j].para, ()) if inside} - \
            set(doc.vocatives.get(j, ()))
    return got


def _form_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """The candidate's share of the known turns of the book (tagged, or the rules'
    vocative or running speech) that set off a phrase of this turn, of the phrase they
    have most of (smoothed by one): the way a person calls another and their set replies
    are their own ("Mr. Fielding" is how Aziz calls him, "my dear" one speaker's, "sir" a
    servant's). The model's turns are never known ones, so a turn is no evidence for itself."""
    if t.forms:
        users = _form_users(doc)
        f[INDEX["form_share"]] = max(users[x][cand] / (1 + sum(users[x].values()))
                                     if x in users else 0.0 for x in t.forms)


def _form_users(doc: Doc) -> dict[str, Counter]:
    """Phrase -> the speakers of the known turns (tagged, or the rules' vocative or running
    speech) that set it off: counted once per book."""
    if doc.form_users is None:
        doc.form_users = {}
        for t in doc.turns:
            who = _fixed(t)
            if who and not _decided(t):
                for x in t.forms:
                    doc.form_users.setdefault(x, Counter())[who] += 1
    return doc.form_users


@dataclass
class _ChainInfo:
    """What a whole conversation says of each person, counted once."""

    calls: Counter
    """label -> turns of the conversation that call them by name."""
    anchored: Counter
    """label -> turns a tag gives them."""
    n_anchored: int
    fixed: set
    """The speakers of its turns the model does not decide."""
    prev_fixed: set
    """The same of the conversation before, when it ended no more than PREV_CHAIN_PARAS
    paragraphs before this one starts (the same scene)."""
    narrated: set
    """The people the narration names from the paragraph before the conversation on."""
    quoted: set
    """The people its quotes name."""
    scene: list
    """The SCENE_NAMED people the narration names most often in the paragraphs from
    SCENE_PARAS before the conversation up to its window (the latest first when as
    often): the scene's people, who may talk on unnamed ("Archer" and "Madame Olenska",
    named all through the pages before, then only "he" and "she" for a dozen untagged
    turns). Candidates only where no tag names a speaker of the conversation: with more
    of them the model loses."""


def _chain_info(doc: Doc, c: int) -> _ChainInfo:
    """Conversation c's _ChainInfo, counted on first asking."""
    info = doc.chain_info.get(c)
    if info is None:
        chain = doc.chains[c]
        calls = Counter(lab for j in chain for lab in doc.vocatives.get(j, ()))
        anchored = Counter(doc.turns[j].anchor for j in chain if doc.turns[j].anchor)
        fixed = _fixed_speakers(doc, chain)
        first = doc.turns[chain[0]]
        before = doc.chains[c - 1] if c else []
        near = before and first.para - doc.turns[before[-1]].para <= PREV_CHAIN_PARAS
        narrated, quoted = set(), set()
        for p in range(first.para - 1, doc.turns[chain[-1]].para + 1):
            for _, lab, inside, _ in doc.mentions.get(p, ()):
                (quoted if inside else narrated).add(lab)
        info = doc.chain_info[c] = _ChainInfo(
            calls, anchored, sum(anchored.values()), fixed,
            _fixed_speakers(doc, before) if near else set(), narrated, quoted,
            _scene_named(doc, first.para))
    return info


def _scene_named(doc: Doc, start: int) -> list[str]:
    """_ChainInfo.scene for a conversation starting at paragraph ``start``."""
    counts: Counter = Counter()
    for p in range(start - WINDOW_PARAS - 1, max(-1, start - SCENE_PARAS - 1), -1):
        for _, lab, inside, _ in reversed(doc.mentions.get(p, ())):
            if not inside:
                counts[lab] += 1
    return [lab for lab, _ in counts.most_common(SCENE_NAMED)]


def follows_scene(doc: Doc, c: int) -> bool:
    """Whether conversation c goes on the one before over at most RESUME_GAP - 1 paragraphs
    of narration (too long to link them, LINK_GAP), and no scene break (Doc.breaks)."""
    if not c:
        return False
    first, last = doc.turns[doc.chains[c][0]], doc.turns[doc.chains[c - 1][-1]]
    return first.para - last.para <= RESUME_GAP and \
        not breaks_between(doc, last.para, first.para)


def _fixed_speakers(doc: Doc, chain: list[int]) -> set[str]:
    """Who speaks the turns of a conversation that the model does not decide."""
    return {_fixed(doc.turns[j]) for j in chain if not _decided(doc.turns[j])} - {""}


def _narration_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """Where the narration names the candidate: in or just before the conversation, in
    this turn's paragraph (inside a quote, after it, or before it and as the subject), or
    in a paragraph of narration just before this turn (a beat)."""
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
    beat = _around(doc, t).beat
    if beat is not None:
        for _, lab, inside, subj in doc.mentions.get(beat, ()):
            if lab == cand and not inside:
                f[INDEX["beat_any"]] = 1.0
                if subj:
                    f[INDEX["beat_subj"]] = 1.0


def _salience_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """How lately the narration named the candidate, where they stand among the people
    it named in the paragraphs before, and whether it last named them as the one acting."""
    paras = doc.mention_paras.get(cand)
    if paras:
        k = bisect_left(paras, t.para) - 1
        if k >= 0:
            f[INDEX["recency"]] = 1.0 / (1 + t.para - paras[k])
    rank, last_subj = _named_before(doc, t.para)
    if cand in rank:
        f[INDEX["rank"]] = rank[cand]
    f[INDEX["last_mention_subj"]] = float(last_subj == cand)


def _named_before(doc: Doc, para: int) -> tuple[dict[str, float], str | None]:
    """The people named in the WINDOW_PARAS paragraphs before ``para``, each with its rank
    feature (latest first), and the last one named as the subject outside a quote. Kept
    (Doc.around) as every candidate of every turn of the paragraph asks the same."""
    key = ("para", para)
    got = doc.around.get(key)
    if got is None:
        seen: list[str] = []
        last_subj = None
        for p in range(para - 1, para - 1 - WINDOW_PARAS, -1):
            for _, lab, inside, subj in reversed(doc.mentions.get(p, ())):
                if lab not in seen:
                    seen.append(lab)
                if last_subj is None and subj and not inside:
                    last_subj = lab
        rank = {lab: 1.0 / (1 + i) for i, lab in enumerate(seen)}
        got = doc.around[key] = (rank, last_subj)
    return got


def _standing_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """The candidate as a speaker: their share of the turns tags give in this
    conversation, whether they are one of its only two tagged speakers, how many lines
    tags give them in the whole text, and whether they are the narrator."""
    info = _chain_info(doc, t.chain)
    if info.anchored:
        f[INDEX["chain_share"]] = info.anchored[cand] / info.n_anchored
        f[INDEX["two_party"]] = float(len(info.anchored) == 2 and cand in info.anchored)
    f[INDEX["lines"]] = math.log1p(doc.lines.get(cand, 0)) / 5
    f[INDEX["first_person"]] = float(cand == doc.first_person)


def _taking_part(t: Turn, cand: str, info: _ChainInfo, f: dict) -> None:
    """Whether the rules chose someone who shows no sign of taking part in this
    conversation: the narration around it does not name them, and they speak none of its
    turns the model does not decide, nor of the same scene's conversation before. The
    rules' salience reaches back past the scene to whoever was named last; the people
    talking often go unnamed between their turns, but not all through the scene. And
    whether the candidate is only talked about: the conversation's quotes name them, its
    narration does not, and they speak none of its known turns ("Lydia will never be easy
    until she has exposed herself", between two of her sisters)."""
    named = cand in info.narrated or cand in info.fixed
    f[INDEX["rule_far"]] = float(cand == t.rule and not named and cand not in info.prev_fixed)
    f[INDEX["quoted_only"]] = float(cand in info.quoted and not named)


def _pronoun_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """For a turn tagged "he"/"she": whether the candidate's sex agrees or clashes, and
    where they stand among the people of that sex (_pronoun_salience)."""
    g = doc.gender.get(cand)
    if g is None and t.pronoun and cand == t.rule and t.cue == "pronoun":
        g = t.pronoun       # the rules read "he said" as this described person
    if t.pronoun:
        f[INDEX["pron_match"]] = float(g == t.pronoun)
        f[INDEX["pron_clash"]] = float(g is not None and g != t.pronoun and g != "1")
        if g == t.pronoun:
            _pronoun_salience(doc, t, cand, f)


def _pronoun_salience(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """For a turn tagged "he"/"she": where the candidate stands among the people of that
    sex the narration named lately (latest first), whether it named them first in this
    paragraph or the one before, and whether they are the scene's focal person of that sex
    (focal())."""
    order, first = _named_of_sex(doc, t)
    if cand in order:
        f[INDEX["g_rank"]] = 1.0 / (1 + order.index(cand))
    f[INDEX["g_focal"]] = float(focal(doc, t, t.pronoun) == cand)
    f[INDEX["g_first"]] = float(first == cand)
    f[INDEX["g_only"]] = float(order == [cand])


def _named_of_sex(doc: Doc, t: Turn) -> tuple[list[str], str | None]:
    """The people of the sex of turn t's "he"/"she" the narration named as subjects in its
    paragraph before it and the WINDOW_PARAS paragraphs before (latest first), and the
    first of them named in this paragraph or the one before. Kept (Doc.around) as every
    candidate of the turn asks the same."""
    key = ("sex", t.chain, t.pos)
    got = doc.around.get(key)
    if got is None:
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
        got = doc.around[key] = (order, first)
    return got


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


def transition(doc: Doc, k: int, cand: str, prev1: str | None, prev2: str | None,
               last: tuple = (None, None)) -> list[float]:
    """The features of one candidate for turn k given the speaker of the turn before it in
    its conversation and the last speaker before that other than them (None at its start;
    decode._other()). A third one (neither of those two) is less likely still when the
    known turns around name a pair talking (_near_pair) and they are not of it. ``last``:
    at a conversation's first turn, the same two of the scene's conversation before
    (follows_scene), when it goes on after a long beat ("Here she was interrupted again.
    … ¶ “But I can assure you,” she added")."""
    t = doc.turns[k]
    calls = doc.vocatives.get(k, ())
    before = doc.vocatives.get(k - 1, ()) if t.pos else ()
    new = prev1 is not None and cand != prev1 and cand != prev2
    third = prev2 is not None and cand != prev1 and cand != prev2
    pair = _near_pair(doc, t)
    beat, asked, gap, tail = _turn_before(doc, k, prev1)
    return [float(cand == prev1),
            float(prev2 is not None and cand == prev2 and cand != prev1),
            float(third),
            float(prev1 is not None and prev1 in calls and cand != prev1),
            float(prev1 is not None and prev1 in before and cand == prev1),
            float(new and cand in entering(doc, k)),
            float(beat and cand == prev1),
            float(asked and cand != prev1),
            float(gap and cand == prev1),
            float(tail and cand == prev1),
            float(third and bool(pair) and cand not in pair),
            float(last[0] is not None and cand == last[0]),
            float(last[1] is not None and cand == last[1])]


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
