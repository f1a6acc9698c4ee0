"""Stage four of the conversation model: the rules' attributions in, refined ones out.

This is where the model meets the pipeline: the trained weights are loaded (or replaced,
for training and evaluation: use_model) here and only here; the rules' attributions are
read into a Doc with the narrator named (prepare; first_person.py names them); and the
turns the model decides get its speaker, with its held-out accuracy at that probability as
the confidence (refine).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from ..aliases import GENERIC_SPEAKERS, children_in_scene
from ..attribution.pipeline import CONFIDENCE, TURN_CUES
from ..attribution.words import LEADS_IN, SENTENCE_END, is_speech_verb
from ..attribution.who import NOBODY
from ..cast import Cast
from ..cast.evidence import TAG_PRONOUN
from ..labels import hardly_a_person, is_no_one, tidy
from ..lexicon import FEMALE_NOUNS, MALE_NOUNS
from ..name_patterns import QUOTE_EDGE
from ..quotes import Quote
from .decode import decide
from .features import candidates_all
from .first_person import first_person_story, narrator_named
from .reported import told_reply
from .schema import FEATURES
from .turns import (MODEL_CUES, SOFT_CUES, Doc, Turn, _fixed, breaks_between, build_doc,
                    reply_stands)

TAG_CUES = frozenset({"explicit", "first-person", "action", "colon", "pronoun"})
"""Cues of a speaker the tag beside the line names or points to ("he said" gives a sex)."""

PRONOUN_CUES = frozenset({"pronoun", "action"})
"""Cues of a rule that read a "he"/"she" tag or beat beside the line (Attribution.tag_sex)."""

RULE_GUESSES = MODEL_CUES | {"vocative"}
"""Cues of a rule's label that a scene's name may refine before the model decodes."""

_override: dict | None = None
UNKNOWN = NOBODY.label   # "Someone": the rules' speaker when nothing points to anyone
PARTNER_TURNS = 4       # turns back a "he"/"she" reply inside a turn looks for its speaker
NEXT_TALK_PARAS = 6
"""Paragraphs of narration (a walk, a pause) after which the scene's next conversation may
still be the same two talking: how far _speaking_next looks for who Someone was."""


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


def use_model(model: dict | None) -> None:
    """Use these weights instead of the packaged ones (for training and evaluation)."""
    global _override
    _override = model


def calibrated(model: dict, prob: float, cue: str = "") -> float:
    """The accuracy the model showed on held-out novels at this probability (its
    ``calibration`` table: upper bounds of probability bins and their accuracy), on turns
    of the rules' cue when it has a table of that cue's own (``calibration_by_cue``)."""
    table = model.get("calibration_by_cue", {}).get(cue) or model.get("calibration", ())
    for upper, acc in table:
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
    first = first_person_story(text, quotes, attributions)
    said_i = Counter(a.speaker for a in attributions if a.cue == "first-person")
    if not quotes or not (first or model or said_i):
        return attributions
    doc, out = prepare(text, quotes, paras, cast, attributions, vocatives, skip, first)
    if model is None:
        return out
    first = decide(doc, model)
    decided = _corrected(doc, first, text, quotes, paras, cast)
    read = (text, quotes, paras, cast)
    decided = _decoded_again(doc, model, first, decided, read)
    decided, held = _held_by_tags(doc, model, _ModelTurns(doc, decided, cast, text, quotes,
                                                          skip), out, read)
    turns = _ModelTurns(doc, decided, cast, text, quotes, skip)
    for k, (who, prob) in decided.items():
        tag = out[doc.turns[k].quotes[0]] if held.get(k) == who else None
        turns.give(k, who, calibrated(model, prob, doc.turns[k].cue), out, tag)
    return out


def _held_by_tags(doc: Doc, model: dict, turns: "_ModelTurns", out: list, read: tuple
                  ) -> tuple[dict, dict[int, str]]:
    """The model's choices (turns.decided) with each turn whose own tag gives another
    speaker of its conversation held as the tag's (_ModelTurns.tags_against), and the turns
    within RESET_TURNS of it that the decoder, run again with them held, swaps in the pair
    of the tag's speaker and the model's (_decoded_with). A tag inside a run the model keeps
    in the wrong phase stops it there, before the tag as well as after: "“Is the gate
    shut?” said Hester. ¶ “It is,” said Ambrose. ¶ Ambrose set down the sack. ¶ “And the
    hens?” ¶ “Fed at noon.” ¶ “Then bring me the eggs,” she said.": given Ambrose, Hester,
    Ambrose, the last is Hester's, and so the two before it are Hester's and Ambrose's.
    ``out``: the rules' attributions as refine() gives them to the model. Also the held
    turns (turn -> the tag's speaker), whose probability in the choices is still the one the
    model gave the speaker the tag rejected: such a line states its tag's (_by_tag)."""
    decided = turns.decided
    held = turns.tags_against(out)
    if not held:
        return decided, held
    was = {k: decided[k][0] for k in held}
    return _decoded_with(doc, model, decided, held, was, read, RESET_TURNS), held


RESET_TURNS = 2
"""How many turns either side of a turn its own tag holds (_held_by_tags) the second
decoding may change: re-setting the whole conversation re-phased runs a double turn far
back had left right (a tagged "he said" ten lines on in a first-person story; half B
85.70 -> 85.67), within 1 / 2 / 4 turns half B gains 85.74 / 85.74 / 85.73 (B3 78.13 /
78.15 / 78.13)."""


@dataclass
class _ModelTurns:
    """What giving the model's speaker to a turn's quotes reads: the model's view of the
    text (doc), its speaker and probability per turn (decided), the cast, the text and its
    quotes, and the steps switched off (skip, as refine takes it)."""
    doc: Doc
    decided: dict
    cast: Cast
    text: str
    quotes: list[Quote]
    skip: frozenset[str]

    def give(self, k: int, who: str, conf: float, out: list, tag=None) -> None:
        """Turn k's quotes in out given to who, the model's speaker (at confidence conf),
        each as line_of_turn chooses. tag: the attribution of the turn's first quote, when
        its tag held the turn for who against the model (_held_by_tags)."""
        stands: dict[str, str] = {}     # a tag's speaker that stands -> the line's speaker
        for i in self.doc.turns[k].quotes:
            out[i] = self.line_of_turn(k, who, conf, out[i], self.quotes[i], stands, tag)

    def line_of_turn(self, k: int, who: str, conf: float, a, q: Quote,
                     stands: dict[str, str], tag=None):
        """One quote's attribution a in turn k, which the model gives to who: where its own
        tag rules who out, the tag's speaker (or, for a "he"/"she" tag the rules read, the
        partner of that sex who spoke last); the partner of a tag's sex the cast cannot
        weigh; for a line of TURN_CUES following one whose tag stood, that line's speaker
        (stands, noted here); else who, for a line the rules only guessed (by the model at
        conf, or, in a turn its tag held for who, by that tag: _by_tag); else a unchanged."""
        doc, cast = self.doc, self.cast
        if self.tag_rules_out(a, who, q) and not self.beat_read_as_tag(k, a, q):
            partner = _partner_of_sex(doc, self.decided, k, doc.gender.get(a.speaker), who)
            if partner is None or a.cue != "pronoun" or a.speaker == partner:
                partner = a.speaker
            stands[a.speaker] = partner
            return a if partner == a.speaker else _by_model(a, partner, conf)
        partner = _partner_of_tag_sex(doc, self.decided, k, a, who, cast)
        if partner is not None:
            stands[a.speaker] = partner
            return _by_model(a, partner, conf)
        if a.cue in TURN_CUES and a.speaker in stands:
            return replace(a, speaker=stands[a.speaker])
        if self.rules_guessed(a):
            return _by_model(a, who, conf) if tag is None else _by_tag(a, who, tag)
        return a

    def tags_against(self, out: list) -> dict[int, str]:
        """Turn -> speaker, for each turn the model decides whose first quote's own tag
        gives another speaker than the model's (line_of_turn: "“…,” she said" of a turn
        the model gives a man), when that speaker speaks a tagged turn of the same
        conversation (speaking()): a tag read as someone outside the talk (a woman named
        in the narration only) holds nothing. ``out``: the attributions refine() reads."""
        held = {}
        for k, (who, conf) in self.decided.items():
            i = self.doc.turns[k].quotes[0]
            a = self.line_of_turn(k, who, conf, out[i], self.quotes[i], {})
            if a.speaker != who and a.speaker in self.speaking(k):
                held[k] = a.speaker
        return held

    def speaking(self, k: int) -> set[str]:
        """Who speaks the turns of turn k's conversation that the model does not decide (a
        tag's), besides turn k itself."""
        chain = self.doc.chains[self.doc.turns[k].chain]
        return {_fixed(self.doc.turns[j]) for j in chain
                if j != k and j not in self.decided} - {"", UNKNOWN}

    def tag_rules_out(self, a, who: str, q: Quote) -> bool:
        """Whether the quote's own tag, as the rules read it, rules out who: a tag of the
        other sex, one pointing away from the first-person narrator, a creature's "it"."""
        doc, cast = self.doc, self.cast
        return _tag_of_other_sex(doc, a, who, cast) or _narrator_at_tag(doc, a, who) or \
            _creature_at_tag(doc, a, who, cast, self.text, q)

    def beat_read_as_tag(self, k: int, a, q: Quote) -> bool:
        """Whether the "he"/"she" the rules read as quote q's tag is the subject of the
        paragraph before, which tells a reply (_reply_told gave turn k back): q opens turn
        k's paragraph and has no pronoun tag of its own ("“Did you see him?” said Wenna. ¶
        He shook his head. ¶ “Then ask the porter.”": the "he" is the one who did not
        answer, not the one asking on)."""
        t = self.doc.turns[k]
        return k in self.doc.replies_told and a.cue == "pronoun" and q.open == t.open and \
            TAG_PRONOUN.match(self.text, q.close) is None

    def rules_guessed(self, a) -> bool:
        """Whether the model's speaker replaces the rules' for this attribution: a cue the
        model decides (MODEL_CUES, SOFT_CUES, TURN_CUES), "I said" in a story whose
        narrator has no name, or a label that is no one (unless "labels" is skipped)."""
        return a.cue in MODEL_CUES or a.cue in SOFT_CUES or a.cue in TURN_CUES or \
            a.cue == "first-person" and self.doc.first_person is None or \
            "labels" not in self.skip and _no_one(a.speaker, a.cue, self.cast)


def _by_model(a, who: str, conf: float):
    """The attribution a given to who by the conversation model, at confidence conf."""
    return replace(a, speaker=who, cue="conversation", confidence=conf,
                   sieve="conversation-model")


def _by_tag(a, who: str, tag):
    """The attribution a of a turn whose first quote's own tag (tag: the rules'
    attribution of that quote) held it for who against the model's choice (_held_by_tags),
    given to who at the confidence of the cue that decided it (CONFIDENCE), not at the
    probability the model gave the speaker it rejected: the tag's own quote keeps the tag's
    cue ("“Then bring me the eggs,” she said": pronoun, 0.75); a later quote of the turn is
    its continuation, no surer than the tag ("“Fed at noon,” she said. “Go on.”")."""
    conf = CONFIDENCE.get(tag.cue, tag.confidence)
    if a is tag:
        return replace(a, speaker=who, confidence=conf, sieve="conversation-model")
    return replace(a, speaker=who, cue="continuation", sieve="conversation-model",
                   confidence=min(conf, CONFIDENCE["continuation"]))


def _corrected(doc: Doc, decided: dict, text: str, quotes: list[Quote], paras, cast: Cast
               ) -> dict:
    """The model's choices as the readings after decoding correct them: "Someone" named
    (_unknown_named_later, _unknown_present, _unknown_by_alternation), a generic label
    named (_generic_is_named), and a turn given to the other one of the exchange
    (_answer_after_known, _reply_told: these note the turns they move in Doc.moved)."""
    decided = _unknown_named_later(doc, decided)
    decided = _unknown_by_alternation(doc, _unknown_present(doc, decided, cast))
    decided = _answer_after_known(doc, _generic_is_named(doc, decided, cast),
                                  _own_pronoun_tags(doc, text, quotes, paras))
    return _reply_told(doc, decided, text, paras)


def _decoded_again(doc: Doc, model: dict, first: dict, decided: dict, read: tuple) -> dict:
    """The model's choices (``first``) as corrected (``decided``: _corrected), and when a
    correction moved a turn to another speaker (Doc.moved), the turns of its conversation
    that the decoder, run again with the moved turns held (decode.decide's pins), gives to
    the other one of that pair (_swaps_in_pair), corrected again (read: text, quotes,
    paras, cast). A turn moved alone leaves the turns after it in the phase of the choice
    it undid: "“Did you feed the hens?” said Wenna. ¶ Tam shook his head. ¶ “Then go and
    feed them.” ¶ “Yes, ma'am.”": the model gives the third line to Tam (the beat's
    subject) and the fourth to Wenna; _reply_told gives the third back to Wenna, and only
    decoding again gives the fourth to Tam."""
    moved = {k: decided[k][0] for k in doc.moved if k in decided}
    was = {k: first.get(k, decided[k])[0] for k in moved}
    return _decoded_with(doc, model, decided, moved, was, read) if moved else decided


def _decoded_with(doc: Doc, model: dict, decided: dict, moved: dict, was: dict,
                  read: tuple, reach: int | None = None) -> dict:
    """_decoded_again's reading with the turns of ``moved`` (turn -> speaker) held: the
    turns of their conversations that the decoder, run again with them held, gives to the
    other one of the pair each lies between (_swaps_in_pair), corrected again."""
    pairs: dict[int, set[str]] = {}
    for k, who in moved.items():
        pairs.setdefault(doc.turns[k].chain, set()).update((who, was[k]))
    again = decide(doc, model, moved)
    out = dict(decided)
    out.update((k, (who, decided[k][1])) for k, who in moved.items())
    for k, choice in again.items():
        if k in out and k not in moved and _near_held(doc, k, moved, reach) and \
                _swaps_in_pair(out[k][0], choice[0], pairs.get(doc.turns[k].chain, ())):
            out[k] = choice
    return _corrected(doc, out, *read)


def _near_held(doc: Doc, k: int, moved: dict, reach: int | None) -> bool:
    """Whether turn k is within ``reach`` turns of a held turn of its conversation (any
    turn of it, when reach is None)."""
    return reach is None or any(doc.turns[j].chain == doc.turns[k].chain and
                                abs(j - k) <= reach for j in moved)


def _swaps_in_pair(was: str, now: str, pair) -> bool:
    """Whether decoding again gives a turn the other one of a pair a moved turn lies
    between (the speaker it was moved to and the model's first choice), its conversation's
    ``pair``: only the exchange's phase changes; no third person comes in where the turn
    after a held one cannot go on in the old phase (a beat that is the held one's own, a
    tag that is the other's)."""
    return was != now and was in pair and now in pair


def _unknown_named_later(doc: Doc, decided: dict) -> dict:
    """The model's choices with "Someone" (NOBODY: no one known) given to the person who
    takes that side of the conversation once the text names them: a passage opening in
    the middle of a talk between Gorse and a man it names only a page on ("The pedlar
    stood up sharply"). Someone's turns must all come before that person's first, each
    between turns of one other party, and that person's first turn must answer that party,
    in the same conversation."""
    out = dict(decided)
    for chain in doc.chains:
        said = [out[k][0] if k in out else _fixed(doc.turns[k]) for k in chain]
        unknown = [j for j, who in enumerate(said) if who == UNKNOWN]
        if not unknown or unknown[-1] + 1 >= len(said):
            continue
        partners = {said[j + d] for j in unknown for d in (-1, 1) if 0 <= j + d < len(said)}
        partners.discard(UNKNOWN)
        if len(partners) != 1:
            continue
        other = partners.pop()
        later = [(j, who) for j, who in enumerate(said[unknown[-1] + 1:], unknown[-1] + 1)
                 if who and who not in (other, UNKNOWN)]
        if not later or said[later[0][0] - 1] != other:
            continue
        first, named = later[0]
        if named in said[:first]:
            continue
        for j in unknown:
            k = chain[j]
            if k in out:
                out[k] = (named, out[k][1])
    return out


def _unknown_present(doc: Doc, decided: dict, cast: Cast) -> dict:
    """The model's choices with "Someone" given to the one person who is there while
    Someone talks, when no one else could be them: a passage opening in the middle of a
    talk between the narrator and a woman the narration names only between her turns
    ("“Is there no boatman?” I asked (for I hoped Marta would offer her skiff)"), or
    only once the talk goes on after a beat ("“…?” said Clara", in the scene's next
    conversation). Someone's turns must each be between turns of one other party. The one
    there must be a person (no place: labels.is_no_one), neither that party nor the
    narrator, and of the sex of Someone's "he"/"she" tags, if any: the one the narration
    (not a quotation) names from the conversation's first paragraph to Someone's last
    turn, else, when it names no one, the one whose tag speaks in the scene's next
    conversation beside that party (_speaking_next). (Leaving out names hardly known as a
    person, labels.hardly_a_person, left out the woman named once.)"""
    out = dict(decided)
    for c, chain in enumerate(doc.chains):
        said = [out[k][0] if k in out else _fixed(doc.turns[k]) for k in chain]
        unknown = [j for j, who in enumerate(said) if who == UNKNOWN]
        if not unknown or any(chain[j] not in out for j in unknown):
            continue
        partners = {said[j + d] for j in unknown for d in (-1, 1) if 0 <= j + d < len(said)}
        partners.discard(UNKNOWN)
        if len(partners) != 1:
            continue
        sexes = {doc.turns[chain[j]].pronoun for j in unknown} - {None}
        there = _named_in_narration(doc, doc.turns[chain[0]].first,
                                    doc.turns[chain[unknown[-1]]].para, cast)
        there = (there - set(said) - {doc.first_person}) or \
            _speaking_next(doc, c, out, partners.pop(), cast)
        there = {lab for lab in there if not sexes or doc.gender.get(lab) in sexes}
        if len(sexes) > 1 or len(there) != 1:
            continue
        who = there.pop()
        for j in unknown:
            out[chain[j]] = (who, out[chain[j]][1])
    return out


def _unknown_by_alternation(doc: Doc, decided: dict) -> dict:
    """The model's choices with "Someone" (no one known) given, turn by turn, to the one
    who speaks two turns before or after in a strict back-and-forth (_back_and_forth) of a
    conversation no more than two known people speak in, when the turn between is not
    theirs: a passage opening in the middle of a talk whose one side the text names only
    near its end ("“…, Nora.”" calls her, and the decoder gives her only the turns near
    that call). Read from the end back, then from the start on, so that one named turn
    reaches every other turn of the run. (Across a talk of three, a first form gave a
    third person's turns to the one named.)"""
    out = dict(decided)
    for chain in doc.chains:
        said = [out[k][0] if k in out else _fixed(doc.turns[k]) for k in chain]
        if len(set(said) - {UNKNOWN, ""}) > 2:
            continue
        for order, step in ((range(len(chain) - 3, -1, -1), 2), (range(2, len(chain)), -2)):
            for j in order:
                other, between = said[j + step], said[j + step // 2]
                if said[j] != UNKNOWN or chain[j] not in out or other in (UNKNOWN, "") or \
                        between == other or \
                        not _back_and_forth(doc, chain[min(j, j + step):max(j, j + step) + 1]):
                    continue
                said[j] = other
                out[chain[j]] = (other, out[chain[j]][1])
    return out


def _answer_after_known(doc: Doc, decided: dict, tagged: frozenset[int] = frozenset()
                        ) -> dict:
    """The model's choices with a bare turn (_bare_answer: its paragraph opens on its
    quote, right after the paragraph of the turn before, which ends on its quote or a tag;
    no call in it) that the model gave the speaker of that turn before again, when that
    turn is one the model does not decide (a tag's, or the rules' reading of a call), or
    one of ``tagged`` (its own "he"/"she" tag: _own_pronoun_tags) that the model gave the
    one the rules read the tag as, given to the one who spoke the turn before that: the
    paragraph after a known line answers it ("“Did you lock the shed?” said Orla. ¶ “No,
    ma'am,” said Abel. ¶ “Then go and lock it.”": not Abel's twice; "“Is it far?” he
    asked. ¶ “Two miles.”": not his). Where the turn before is the model's too, which of
    the two is the one going on is open: flipping the later one lost as often as it won
    (round 46). A "he"/"she" with the turn keeps a speaker of the other sex, or of no
    known sex, off it; no one goes to "Someone"."""
    out = dict(decided)
    for chain in doc.chains:
        said = [out[k][0] if k in out else _fixed(doc.turns[k]) for k in chain]
        for j in range(2, len(chain)):
            k, known = chain[j], chain[j - 1]
            other = said[j - 2]
            held = known not in out or known in tagged and _tag_agrees(doc, known, said[j - 1])
            if k in out and held and said[j] == said[j - 1] and \
                    other not in (said[j], "", UNKNOWN) and _bare_answer(doc, k, known) and \
                    doc.turns[k].pronoun in (None, doc.gender.get(other)):
                out[k] = (other, out[k][1])
                doc.moved.add(k)
    return out


def _tag_agrees(doc: Doc, k: int, who: str) -> bool:
    """Whether the rules read turn k's "he"/"she" tag as who, the model's speaker, of the
    tag's sex: the turn is as good as a tag's ("“Is the kettle on?” she asked." / Greta)."""
    t = doc.turns[k]
    return t.pronoun in ("m", "f") and t.rule == who and doc.gender.get(who) == t.pronoun


def _own_pronoun_tags(doc: Doc, text: str, quotes: list[Quote], paras) -> frozenset[int]:
    """The turns whose "he"/"she" tag is their own: their paragraph holds narration besides
    their quotes ("“Look there!” she cried.", "She laughed. “Look there!”"), or the
    paragraph before leads into them ("… and then she said, ¶ “…”"). Not a paragraph of
    narration between two turns that the rules read as the next one's tag ("He smiled. ¶
    “Very well.”"): it may tell the reply of the one spoken to (reported.told_reply)."""
    out = set()
    for k, t in enumerate(doc.turns):
        if t.pronoun not in ("m", "f"):
            continue
        at, own = paras[t.first][0], ""
        for i in t.quotes:
            own += text[at:quotes[i].open]
            at = quotes[i].close
        own += text[at:paras[t.para][1]]
        lead = text[paras[t.first - 1][0]:paras[t.first - 1][1]].rstrip() if t.first else ""
        if own.strip() or lead[-1:] in LEADS_IN:
            out.add(k)
    return frozenset(out)


def _reply_told(doc: Doc, decided: dict, text: str, paras) -> dict:
    """The model's choices with a turn it gave to the one whose reply the paragraph of
    narration just before tells (reported.told_reply: "Hugo replied that he was.", "She
    made no answer.") given to the one who spoke the turn before: that one goes on
    ("“Were you at the fair?” said Bess. ¶ Hugo replied that he was. ¶ “And did you see the
    bear?”": Bess's, not Hugo's). Only a turn opening its paragraph on its quote, one
    paragraph after the turn before's last; never to "Someone"."""
    out = dict(decided)
    for chain in doc.chains:
        said = [out[k][0] if k in out else _fixed(doc.turns[k]) for k in chain]
        for j in range(1, len(chain)):
            k, before = chain[j], said[j - 1]
            if k in out and before not in (said[j], "", UNKNOWN) and \
                    _reply_told_of(doc, k, said[j], before, text, paras):
                out[k] = (before, out[k][1])
                said[j] = before
                doc.replies_told.add(k)
                doc.moved.add(k)
    return out


def _reply_told_of(doc: Doc, k: int, who: str, before: str, text: str, paras) -> bool:
    """Whether the one paragraph between turn k and the turn before it (spoken by
    ``before``) tells the reply of ``who``, when turn k opens its paragraph on its quote:
    the paragraph opens on their name, or on "I" and they are the narrator, or on "he"/
    "she" of their sex and not of ``before``'s."""
    t = doc.turns[k]
    p = t.first - 1
    if p != doc.turns[doc.chains[t.chain][t.pos - 1]].para + 1 or \
            text[paras[t.first][0]:t.open].strip():
        return False
    beat = text[paras[p][0]:paras[p][1]]
    form = told_reply(beat)
    if form in ("he", "she"):
        sex = "f" if form == "she" else "m"
        return doc.gender.get(who) == sex and doc.gender.get(before) not in (sex, None)
    if form == "i":
        return who == doc.first_person
    start = paras[p][0] + len(beat) - len(beat.lstrip())
    return form == "" and any(s == start and lab == who and not inside
                              for s, lab, inside, _ in doc.mentions.get(p, ()))


def _bare_answer(doc: Doc, k: int, before: int) -> bool:
    """Whether turn k opens the paragraph right after turn ``before``'s last on its quote
    (no lead of narration: its beat ends on a line break), after at most a tag (not a tail
    of narration: Turn.after_tail), and calls no one."""
    t = doc.turns[k]
    return t.first == doc.turns[before].para + 1 and not t.beat.rsplit("\n", 1)[-1].strip() \
        and not t.after_tail and not doc.vocatives.get(k) and not doc.later_calls.get(k)


def _back_and_forth(doc: Doc, ks: list[int]) -> bool:
    """Whether turns ks follow one another paragraph after paragraph, with no narration
    between, none opening on a verb of going on nor after one going on in narration
    (Turn.goes_on, Turn.after_tail)."""
    return all(doc.turns[b].first == doc.turns[a].para + 1 and not doc.turns[b].goes_on and
               not doc.turns[b].after_tail for a, b in zip(ks, ks[1:]))


def _speaking_next(doc: Doc, c: int, decided: dict, partner: str, cast: Cast) -> set[str]:
    """The people other than ``partner`` who speak the turns the model does not decide (a
    tag's, or the rules' reading of a call) of the scene's next conversation after
    conversation c, when it opens within NEXT_TALK_PARAS paragraphs with no scene break
    between and ``partner`` speaks in it too (by a tag or as decided); else none."""
    if c + 1 >= len(doc.chains):
        return set()
    chain, last = doc.chains[c + 1], doc.turns[doc.chains[c][-1]].para
    first = doc.turns[chain[0]].first
    if first - last > NEXT_TALK_PARAS or breaks_between(doc, last, first):
        return set()
    tagged = {_fixed(doc.turns[k]) for k in chain if k not in decided}
    if partner not in tagged | {decided[k][0] for k in chain if k in decided}:
        return set()
    return {lab for lab in tagged - {partner, UNKNOWN, "", doc.first_person}
            if not is_no_one(lab, cast)}


def _named_in_narration(doc: Doc, first: int, last: int, cast: Cast) -> set[str]:
    """The people the narration (not a quotation) names from paragraph first to last: no
    place (labels.is_no_one)."""
    named = {lab for p in range(first, last + 1)
             for _, lab, inside, _ in doc.mentions.get(p, ()) if not inside}
    return {lab for lab in named if not is_no_one(lab, cast)}


def _generic_is_named(doc: Doc, decided: dict, cast: Cast) -> dict:
    """The model's choices with a generic "Woman" (or "Man": a "she said" whose woman the
    rules found no name for) given, through a conversation, to the one named woman the
    rules gave most of the turns there that the model gave that "Woman" (half of them at
    least), when the rules gave the "Woman" some of them too: the model took her turns and
    the placeholder's for one speaker's, so the placeholder is she ("“Not at all,” she
    said" of an excerpt opening in mid-talk, her name called a page on). A name the rules
    gave one turn of many is a guess the model overruled, and so is a name whose turns
    alone the model gave a "Woman" of another conversation: another woman."""
    out = dict(decided)
    for chain in doc.chains:
        turns: Counter = Counter()      # a generic label -> the turns the model gave it
        own: Counter = Counter()        # ... of which the rules gave it too
        named: dict[str, Counter] = {}  # a generic label -> the rules' names of those turns
        for k in chain:
            who, rule = out[k][0] if k in out else None, doc.turns[k].rule
            sex = GENERIC_SPEAKERS.get(who)
            if sex is None:
                continue
            turns[who] += 1
            own[who] += rule == who
            if rule and rule != who and doc.gender.get(rule) == sex and \
                    cast.character(rule) is not None:
                named.setdefault(who, Counter())[rule] += 1
        for generic, names in named.items():
            (name, n), = names.most_common(1)
            if len(names) == 1 and own[generic] and 2 * n >= turns[generic]:
                for k in chain:
                    if k in out and out[k][0] == generic:
                        out[k] = (name, out[k][1])
    return out


def _tag_of_other_sex(doc: Doc, a, who: str, cast: Cast) -> bool:
    """Whether a quote of a turn has its own "he"/"she" tag that the rules read as a person
    of the cast of the other sex than the model's speaker: a reply within the paragraph
    ("“…?” he argued; and she answered: “Yes.”"), or a turn the model would give to
    someone the tag rules out. The tag's speaker stands."""
    if a.cue not in TAG_CUES or cast.character(a.speaker) is None:
        return False
    mine, theirs = doc.gender.get(a.speaker), doc.gender.get(who)
    return mine in ("m", "f") and theirs in ("m", "f") and mine != theirs


def _partner_of_tag_sex(doc: Doc, decided: dict, k: int, a, who: str, cast: Cast
                        ) -> str | None:
    """For a quote whose "he"/"she" tag or beat ("she went on", "She tapped the chart")
    the rules gave to no one the cast knows as a man or a woman ("Maid", a label the cast
    does not hold, so that _tag_of_other_sex cannot weigh it), when the model gives its
    turn to someone of the other sex: the one of the tag's sex who spoke last within
    PARTNER_TURNS turns of the conversation (_partner_of_sex: the woman the man is
    talking with), or None when there is none (the model's choice stands; the rules'
    label, which may be no one, does not)."""
    if a.cue not in PRONOUN_CUES or a.tag_sex not in ("m", "f"):
        return None
    theirs = doc.gender.get(who)
    if theirs not in ("m", "f") or theirs == a.tag_sex:
        return None
    if cast.character(a.speaker) is not None and doc.gender.get(a.speaker) in ("m", "f"):
        return None
    return _partner_of_sex(doc, decided, k, a.tag_sex, who)


def _narrator_at_tag(doc: Doc, a, who: str) -> bool:
    """Whether the model gives a quote its own "he"/"she" tag points away from to the
    first-person narrator, who would say "I said" ("“Oh, nothing,” she said": not Ivo):
    the tag's speaker stands."""
    return a.cue == "pronoun" and who == doc.first_person and who is not None and \
        a.speaker != who and doc.gender.get(a.speaker) in ("m", "f")


def _creature_at_tag(doc: Doc, a, who: str, cast: Cast, text: str, q: Quote) -> bool:
    """Whether the model gives a man or a woman a quote whose own tag says "it" (_it_tag)
    and that the rules gave a creature the text calls "it" and gives no sex ("… she heard
    it say, very low, “Pretty Nell!”": the Parrot, not Nell): a "he" or "she" would not be
    called "it". The tag's speaker stands."""
    if a.cue != "pronoun" or a.speaker == who or doc.gender.get(who) not in ("m", "f"):
        return False
    ch = cast.character(a.speaker)
    return ch is not None and ch.gender is None and ch.evidence.its > 0 and _it_tag(text, q)


IT_TAG = re.compile(r"(?:([a-z]+)\s+)?\bit\b(?=\s+([a-z]+))?")
"""A tag's "it" and the words beside it ("hear it say", "said it"), one a verb of saying."""
IT_TAG_REACH = 60
"""Characters before a quotation and after it where its tag is looked for."""


def _it_tag(text: str, q: Quote) -> bool:
    """Whether a quotation's tag says "it": "it" beside a verb of saying right before the
    quotation or right after it ("… hear it say, as it slipped under the gate, “…”"), in its own
    narration: not inside the quotation before or after it ("“Do say it again,” said
    Mina."), so each side stops at the nearest quotation mark or paragraph break."""
    lo = max(0, q.open - IT_TAG_REACH)
    lo = max([m.end() for m in QUOTE_EDGE.finditer(text, lo, q.open)], default=lo)
    hi = min(len(text), q.close + IT_TAG_REACH)
    edge = QUOTE_EDGE.search(text, q.close, hi)
    for lo, hi in ((lo, q.open), (q.close, edge.start() if edge else hi)):
        for m in IT_TAG.finditer(text, lo, hi):
            if any(w and is_speech_verb(w) for w in m.groups()):
                return True
    return False


def _partner_of_sex(doc: Doc, decided: dict, k: int, sex: str | None, who: str
                    ) -> str | None:
    """The one of this sex who spoke last before turn k in its conversation, as the model
    has it (its choices, the tags'), when not the turn's own speaker and among the last
    PARTNER_TURNS turns: whom a "she said" reply inside his turn answers with ("“…,” he
    said. … “What can I do?” she asked": the woman he is talking to, not the rules'
    latest-named woman)."""
    t = doc.turns[k]
    chain = doc.chains[t.chain]
    for j in reversed(chain[max(0, t.pos - PARTNER_TURNS):t.pos]):
        said = decided[j][0] if j in decided else _fixed(doc.turns[j])
        if said and said != who and doc.gender.get(said) == sex:
            return said
    return None


def prepare(text, quotes, paras, cast, attributions, vocative_labels,
            skip: frozenset[str] = frozenset(), first: bool | None = None,
            described: bool = True) -> tuple[Doc, list]:
    """The model's view of a text, from the rules' attributions; and the attributions
    with the narrator named. first: whether the story is told in the first person, when
    the caller knows already (told_in_first_person reads the whole narration).
    described: whether a description the rules read as a known person ("said the old
    lady": the Grandmother) is a mention of them in the narration around (nominal.py), as
    in decoding. The weights are learned from names only (bench/train_conversation.py):
    learned from the descriptions as well, they lost on the other half held out (round 29,
    attrA29, bench/HISTORY.md)."""
    # "Miss Ashby" called or guessed by the rules, several Ashby daughters speaking: the
    # one the scene names, so that she is one person to the decoder
    labels = [tidy(a.speaker) for a in children_in_scene(text, quotes, cast, attributions,
                                                          RULE_GUESSES)]
    doc = _rules_doc(text, quotes, paras, cast, attributions, vocative_labels, labels,
                     described)
    every_later, made_later = later_calls_both(text, quotes, cast, vocative_labels)
    if "narrator" in skip:
        out = attributions
    else:
        out = narrator_named(doc, text, quotes, paras, cast, attributions, vocative_labels,
                             first, every_later)
    _pronouns_the_rules_read(doc, cast, attributions)
    _later_calls(doc, made_later)
    if "labels" not in skip:
        _drop_no_ones(doc, cast, attributions)
    for lab in candidates_all(doc):
        doc.gender[lab] = "1" if lab == doc.first_person else gender_of_label(lab, cast)
    _described_sexes(doc, labels, attributions, cast)
    _entering_subject_stands(doc, text, paras)
    return doc, out


def _rules_doc(text, quotes, paras, cast: Cast, attributions: list, vocative_labels: list,
               labels: list[str], described: bool) -> Doc:
    """The turns of the text as the decoder reads them: each quote's rule label, cue,
    call and confidence, and (when described) whether its description names a person."""
    def person_of_form(form: str) -> str | None:
        ch = cast.character(form)
        if ch is None or ch.place_like or ch.thing_like and ch.gender is None:
            return None     # "at Smolny", "the Duma"
        return ch.label
    cues = [a.cue for a in attributions]
    # a relative called by a family word ("Well, mamma,", "Papa") is called as by name
    calls = [a.kin_called or v for v, a in zip(vocative_labels, attributions)]
    # the decoder trusts a description's anchor as much as its cue (CONFIDENCE), whichever
    # sieve wrote it: the weights were learned so (a described stranger trusted at its own
    # lower confidence, a relative at its higher, lost 0.02 on each half untrained)
    return build_doc(text, quotes, paras, cast, labels, cues, calls, person_of_form,
                     [CONFIDENCE.get(a.cue, a.confidence) for a in attributions],
                     [a.described for a in attributions] if described else None)


def _drop_no_ones(doc: Doc, cast: Cast, attributions: list) -> None:
    """A place or a phrase cut at a title is no one: the conversation decides those turns
    (their anchor or rule dropped, cue "unresolved"); a turn hands over to no one whose
    reply does not stand."""
    cues = [a.cue for a in attributions]
    for t in doc.turns:
        if t.anchor and _no_one(t.anchor, t.cue, cast):
            t.anchor = None
            t.cue = "unresolved"
        if t.rule and _no_one(t.rule, t.cue, cast):
            t.rule, t.cue = "", "unresolved"
        if t.hands_to and (not t.anchor or is_no_one(t.hands_to, cast) or not reply_stands(
                cues[t.quotes[-1]], attributions[t.quotes[-1]].tag_sex or
                gender_of_label(t.hands_to, cast), gender_of_label(t.anchor, cast))):
            t.hands_to = None


def _described_sexes(doc: Doc, labels: list[str], attributions: list, cast: Cast) -> None:
    """A described person's sex, where neither the cast nor the description's own words
    give one ("The visitor"): the sex the text gives the description
    (Attribution.described_sex) or the "he"/"she" tags the rules read as them, when all
    that say one agree."""
    seen: dict[str, set[str]] = {}
    for lab, a in zip(labels, attributions):
        if lab in doc.gender and doc.gender[lab] is None and cast.character(lab) is None:
            sex = a.described_sex or (a.tag_sex if a.cue == "pronoun" else None)
            if sex in ("m", "f"):
                seen.setdefault(lab, set()).add(sex)
    for lab, sexes in seen.items():
        if len(sexes) == 1:
            doc.gender[lab] = sexes.pop()


def _entering_subject_stands(doc: Doc, text: str, paras) -> None:
    """A "he"/"she" tag the rules gave the one person of its sex the turn's lead-in (its
    paragraph before the quotation) names, the subject of the lead-in's last sentence and
    new to the conversation (neither a speaker of its turns before nor named in it before
    the lead-in), is that person's as a name's tag is: the turn's anchor. Someone comes in
    and speaks ("I carried the net down into the boathouse. Edmund Lundy stood by the
    winch. “You are late,” he said."): left to the decoder, the turn went by alternation to
    the man of the exchange before, and the turns after followed him. Only a newcomer:
    anchoring a "she said" of one talking all along changed the decoder's reading of the
    turns around it for the worse."""
    pstart = [p[0] for p in paras]
    for chain in doc.chains:
        spoke: set[str] = set()
        for k in chain:
            t = doc.turns[k]
            if t.anchor is None and t.cue == "pronoun" and t.rule and t.pronoun and \
                    t.rule not in spoke and _lead_subject(doc, t, text, pstart) and \
                    not _named_between(doc, t.rule, doc.turns[chain[0]].first,
                                       _para_of(pstart, t.open)):
                t.anchor = t.rule
            spoke.add(_fixed(t))


def _lead_subject(doc: Doc, t: Turn, text: str, pstart: list[int]) -> bool:
    """Whether the lead-in of turn t (its paragraph before its first quotation) names no
    one of its tag's sex but the rules' speaker, and that one as the subject of its last
    sentence (Doc.mentions: opens a clause)."""
    p = _para_of(pstart, t.open)
    named = [(s, lab, opens) for s, lab, inside, opens in doc.mentions.get(p, ())
             if not inside and s < t.open]
    if {lab for _, lab, _ in named if doc.gender.get(lab) == t.pronoun} != {t.rule}:
        return False
    # where the lead-in's last sentence opens (the search ends before the lead-in's own
    # last stop, whose next sentence, the quotation, it cannot see)
    end = pstart[p] + len(text[pstart[p]:t.open].rstrip())
    last = max((m.end() for m in SENTENCE_END.finditer(text, pstart[p], end)),
               default=pstart[p])
    return any(lab == t.rule and opens and s >= last for s, lab, opens in named)


def _para_of(pstart: list[int], pos: int) -> int:
    """The paragraph holding offset pos."""
    return max(0, bisect_right(pstart, pos) - 1)


def _named_between(doc: Doc, label: str, first: int, p: int) -> bool:
    """Whether the narration or the speech names label in a paragraph from first to p - 1
    (Doc.mention_paras, in the text's order)."""
    paras = doc.mention_paras.get(label, ())
    i = bisect_right(paras, first - 1)
    return i < len(paras) and paras[i] < p


def _pronouns_the_rules_read(doc: Doc, cast: Cast, attributions: list) -> None:
    """A turn the rules settled by a "he"/"she" tag that the turn's own look
    (turns._pronoun_tag: after a quote, or opening a sentence before it) missed ("Anna
    frowned, and he answered slowly: “…”") takes the sex of the person the rules chose;
    of a described person the text gives no sex ("The stranger" of "“Leave me be,” he
    was muttering"), the sex of the tag itself (Attribution.tag_sex). Not of a name of no
    known sex: the rules' pick then counts as of the tag's sex (_pronoun_features), and
    the tag's sex for such names lost half A's passages (seeds 27, 1-41: -1.31, as
    half B gained 1.23; round 40, anaphB40)."""
    for t in doc.turns:
        if t.pronoun is None and t.cue == "pronoun":
            g = gender_of_label(t.rule, cast)
            if g is None and cast.character(t.rule) is None:
                g = next((attributions[i].tag_sex for i in t.quotes
                          if attributions[i].cue == "pronoun" and attributions[i].tag_sex), None)
            t.pronoun = g if g in ("m", "f") else None


def _no_one(label: str, cue: str, cast: Cast) -> bool:
    """Whether a rule's label is no one: a place or a phrase cut at a title, or a name
    hardly known as a person that no tag says speaks (labels.py)."""
    return is_no_one(label, cast) or cue not in TAG_CUES and hardly_a_person(label, cast)


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


def later_calls_in(text: str, quotes: list[Quote], cast: Cast,
                   vocatives: list[str | None], reported: bool = True) -> list[list[str]]:
    """Per quote, the labels of the people it calls after its first call (vocative.
    later_calls), read only in a quote whose first call ``vocatives`` keeps: a name said back
    or answering "who?" is no call, nor the names after it. reported=False: not a call the
    speech reports."""
    every, made = later_calls_both(text, quotes, cast, vocatives)
    return every if reported else made


def later_calls_both(text: str, quotes: list[Quote], cast: Cast, vocatives: list[str | None]
                     ) -> tuple[list[list[str]], list[list[str]]]:
    """later_calls_in with reported=True and with reported=False, from one reading of the
    quotes (prepare needs the calls the speech makes, a first-person story's narrator every
    call)."""
    from ..attribution.reader import Reader
    from ..attribution.vocative import marked_later_calls
    reader = Reader(cast, text)
    marked = [marked_later_calls(reader, text, q) if v else []
              for q, v in zip(quotes, vocatives)]
    return [[lab for lab, _ in calls] for calls in marked], \
        [[lab for lab, said in calls if not said] for calls in marked]


def _later_calls(doc: Doc, later: list[list[str]]) -> None:
    """Doc.later_calls: per turn, the people its quotes call after their first call
    (later_calls_in, per quote): none of them speaks the turn (features.candidates)."""
    turn_of = {i: k for k, t in enumerate(doc.turns) for i in t.quotes}
    for i, labels in enumerate(later):
        if labels and i in turn_of:
            doc.later_calls.setdefault(turn_of[i], set()).update(labels)


def vocative_labels(text: str, quotes: list[Quote], paras, cast: Cast) -> list[str | None]:
    """Per quote, the label of the person it calls by name, if any."""
    from ..attribution.reader import Reader
    from ..attribution.vocative import find_vocatives
    pstart = [p[0] for p in paras]
    qpara = [bisect_right(pstart, q.open) - 1 for q in quotes]
    return [who.label if who is not None else None
            for who in find_vocatives(Reader(cast, text), text, quotes, qpara)]
