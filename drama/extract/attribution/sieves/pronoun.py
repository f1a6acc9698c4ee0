"""The pronoun sieve: "he said", "she wrote", "it said"."""
from __future__ import annotations

import re
from bisect import bisect_right

from ...cast.evidence import TAG_PRONOUN
from ...gender import role_sex
from ...lexicon import TIES, person_noun
from ..document import Decision, Document
from ..family import TIE_SEX
from ..sieve import Sieve
from ..who import Who
from ..vocative import answerer, called_in, called_keys
from ..mentions import looks_subject, pronoun_tag_clauses
from ..words import (CONTRAST, FUNCTION_WORDS, GENERIC_HEADS, LEADS_IN, SENTENCE_END,
                     SEX_PRONOUN)
from .explicit import tag_decision
from .relation import relative
from .vocative import beat_after_call

GENERIC_BY_SEX = {"m": "Man", "f": "Woman"}
"""Who a "he said" or "she said" is when no one of that sex is near (a "Stranger" for "it
said"); aliases.py later names them from the scene."""
PRONOUN_EPITHET_SCENE = 10   # paragraphs "she" may reach a person through "the young lady"
DIALOGUE_NAME_WINDOW = 3     # paragraphs back a name said in the dialogue may be "she"
ROLE_REACH = 2000   # characters back _role_in_view reads (a text with no paragraph breaks)
KIN_PHRASE = re.compile(r"\b([Hh]is|[Hh]er)\s+([a-z]+)\b")   # "her father", "His wife's"


class Pronoun(Sieve):
    """The one the turn before called by name, when of the pronoun's sex and this turn
    answers it ("“Good-night, Doctor Penrose,” she said. ¶ “I shall walk home now,” he replied");
    a few untagged turns after such a call, none with narration between, the turns taken
    since: the one called at an odd count of turns, never them at an even one (_call_parity);
    else the person the pronoun points back to, by sex and salience: the relative the
    narration just before last refers to by a tie of that sex ("She carried the tray out to
    her uncle. He looked up and said,": _kin_in_lead); the subject of the narration just before
    in the paragraph (not one of two names joined by "and", a "they": Salience.paired);
    the actor of a beat of narration just before
    (even the one who spoke last, if the beat mentions nobody else of that sex: "I pressed
    a coin into Tobin's palm. “…,” he said"); the one who spoke last, when the narration
    after their speech goes on with them ("“…,” said Nora. She laughed, and took the pot. ¶
    “…,” she said": _acts_after_speaking); then the latest person of that sex
    other than the one who spoke last, then even the one who spoke last, anyone known to be
    of that sex before a creature the text gives no sex ("the Mouse"); a description the
    scene has shown to mean someone ("The young lady glanced at him. “Yes,” she replied")
    is that person; failing all, one of that sex the dialogue just named ("“Here comes
    Dale,” Bill said. … “Hello!” she said"), else a Man or Woman. "it said": the latest
    creature the text does not call he or she, if any.

    Reads the speakers the tag sieves settled before this quote (salience, the scene's
    descriptions): it must run in their reading-order group."""

    name = "pronoun"
    cues = ("pronoun", "action", "colon")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or tag.kind not in ("pron", "it"):
            return None
        voc = doc.vocatives[i]
        own = called_keys(doc.reader, voc) | _named_below_in_tag(doc, i)
        p, pos = doc.quote_para[i], doc.quotes[i].open
        if tag.kind == "it":
            who = doc.salience.recent_sexless(p, pos, own)
            return tag_decision(doc, i, who) if who is not None else None
        g = tag.gender
        called = _answers_the_call(doc, i, g)
        if called is not None:
            return tag_decision(doc, i, called)
        answers, not_them = _call_parity(doc, i)
        if answers is not None and answers.gender == g and answers.key not in own:
            return tag_decision(doc, i, answers)
        if not_them is not None:
            own = own | {not_them.key}
        who = _kin_in_lead(doc, i, g, own) or \
            doc.salience.recent(p, pos, g, local_only=True, exclude=own, pairs_apart=True) or \
            _called_out(doc, i, g, own) or _antecedent(doc, i, g, own)
        if who is not None and who.key.startswith("d:"):
            who = _description_meant(doc, p, who)
        who = who or _named_in_dialogue(doc, i, g, own) or \
            _named_here(doc, i, g, own) or _role_in_view(doc, i, g) or \
            doc.reader.who_of_np([GENERIC_BY_SEX.get(g, "Stranger")])
        return tag_decision(doc, i, who)


def _named_here(doc: Document, i: int, g: str, own: set[str]) -> Who | None:
    """The person the quotation's paragraph names last, when not known to be of the other
    sex (nor the narrator): a "he said" is never a woman the text has shown to be one
    ("… while Mrs. Quayle counted the chairs. At last he banged the hammer down and
    bellowed: “…”": not her, but a man the text has not named, a Man)."""
    who = doc.salience.recent(doc.quote_para[i], doc.quotes[i].open, None, local_only=True,
                              exclude=own, named_only=True)
    return who if who is not None and who.gender in (None, g) else None


THE_ROLE = re.compile(r"\b[Tt]he\s+(?=((?:[a-z-]+\s+){0,2}[a-z-]+))")
"""A definite description in the narration ("the housemaid", "the old porter")."""


def _role_in_view(doc: Document, i: int, g: str) -> Who | None:
    """When no one of the pronoun's sex is named near: the last role of that sex the
    narration of this paragraph or the one before writes ("…leaned out of the window to
    the laundress as she crossed the yard. “Was that the carrier?” he asked. / “Only
    the wind at the gate, sir,” she answered": The laundress), the one the reader then has in
    view; not a vague head ("the girl", "the man": whoever the scene means), a position
    ("the other") nor a plural. Its sex is its noun's (gender.role_sex), else the text's
    pronouns after it (Reader.np_sex); one of the other sex is not registered as a
    speaker. Reads at most ROLE_REACH characters back: one paragraph may be the book."""
    p, q = doc.quote_para[i], doc.quotes[i]
    lo = max(doc.paras[max(0, p - 1)][0], q.open - ROLE_REACH)
    quoted, j = [], i - 1
    while j >= 0 and doc.quotes[j].close > lo:     # the quotes before it in those paragraphs
        quoted.append((doc.quotes[j].open, doc.quotes[j].close))
        j -= 1
    last = None
    for m in THE_ROLE.finditer(doc.text, lo, q.open):
        words = m.group(1).split()
        cut = next((k for k, w in enumerate(words) if person_noun(w)), None)
        if cut is None or any(w in FUNCTION_WORDS for w in words[:cut]):
            continue            # "the balustrade to the": no person
        words = words[:cut + 1]
        head = words[-1]
        if head in GENERIC_HEADS or head in CONTRAST or \
                head.endswith("s") and not head.endswith("ss") or \
                any(a <= m.start() < b for a, b in quoted):
            continue
        last = words
    if last is None:
        return None
    if (role_sex(last[-1]) or doc.reader.np_sex(last)) != g:
        return None
    return doc.reader.who_of_np(last, definite=True)


def _named_below_in_tag(doc: Document, i: int) -> set[str]:
    """Who the clause of quote i's "he"/"she" tag names other than as its subject: not
    the pronoun's person ("Then, perceiving in Christina no inclination of replying, she
    added": not Christina; "…,” he whispered to the General": not the General;
    mentions.pronoun_tag_clauses)."""
    p, q = doc.quote_para[i], doc.quotes[i]
    lo, hi = doc.paras[p]
    if doc.para_first[p] != i and i:
        lo = max(lo, doc.quotes[i - 1].close)
    if i + 1 < len(doc.quotes) and doc.quote_para[i + 1] == p:
        hi = min(hi, doc.quotes[i + 1].open)
    keys = set()
    for span in pronoun_tag_clauses(doc.text, q.open, q.close, max(lo, q.open - 300), hi):
        if span is None:
            continue
        for s, e, form in doc.reader.cast.mentions_in(*span):
            if not looks_subject(doc.text, s, e):
                keys.add(doc.reader.who_of_name(form).key)
    return keys


def _answers_the_call(doc: Document, i: int, g: str) -> Who | None:
    """The person of the pronoun's sex whom the turn just before called by name, when this
    turn opens on its quote and its tag of saying follows ("“Good night, Professor Pellow,”
    she said. ¶ “I may play now,” he replied": Pellow), with no beat of narration between
    the turns (the one called may have answered by acting, beat_after_call)."""
    p = doc.quote_para[i]
    if doc.tags[i].cue != "pronoun" or doc.para_first[p] != i or \
            doc.text[doc.paras[p][0]:doc.quotes[i].open].strip() or beat_after_call(doc, i):
        return None
    who = answerer(doc, i, every_tag=True)
    return who if who is not None and who.gender == g else None


PARITY_REACH = 6
"""Turns back a run of untagged turns is followed to the call it answers (_call_parity)."""


def _call_parity(doc: Document, i: int) -> tuple[Who | None, Who | None]:
    """(the one quote i's turn is, the one it is not) by the turns taken since a call: when
    the turns before it back to one that calls someone by name are untagged paragraphs with
    no narration between them, the one called answers the call and the two then take turns
    ("“How is it, Tobin?” ¶ “Well enough.” ¶ “And the farm?” ¶ “Sold.” ¶ “Who bought
    it?” he asked": three turns after the call answered, the caller's, not Tobin's).
    (None, None) when no such call is in reach, or quote i has narration before it."""
    p = doc.quote_para[i]
    if doc.para_first[p] != i or doc.text[doc.paras[p][0]:doc.quotes[i].open].strip():
        return None, None
    for d in range(1, PARITY_REACH + 1):
        pp = doc.prev_turn.get(p)
        if pp is None or beat_after_call(doc, doc.para_first[p]):
            return None, None
        call = called_in(doc, pp, doc.para_first[pp] + len(doc.quotes_in(pp)), False)
        if call is not None:
            if call.key[0] not in "cn" or d == 1:
                return None, None
            return (call, None) if d % 2 else (None, call)
        if doc.para_speaker(pp) is not None or doc.tags[doc.para_first[pp]] is not None:
            return None, None
        p = pp
    return None, None


def _kin_in_lead(doc: Document, i: int, g: str, own: set[str]) -> Who | None:
    """The relative the narration just before the quote last refers to by a tie of the
    pronoun's sex, no name of that sex after it ("She carried the tray out to her uncle,
    and set it on the bench. He looked up and said,": her uncle), as the relation sieve finds
    that person: the lead of the quote's paragraph, else a paragraph of narration before.
    Not when one of the tie's sex acts around it (_owner_of_sex_acts)."""
    p, open_ = doc.quote_para[i], doc.quotes[i].open
    first = doc.para_first[p]
    lo = doc.quotes[i - 1].close if first != i and i else doc.paras[p][0]
    spans = [(lo, open_)]
    if first == i and p and not doc.quotes_in(p - 1):
        spans.append(doc.paras[p - 1])
    for lo, hi in spans:
        kin = None
        for m in KIN_PHRASE.finditer(doc.text, lo, hi):
            if TIE_SEX.get(TIES.get(m.group(2), "")) == g:
                kin = m
        if _named_of_sex(doc, kin.end() if kin else lo, hi, g):
            return None
        if kin is not None and _owner_of_sex_acts(doc, lo, hi, kin, g):
            return None
        if kin is not None:
            who = relative(doc, i, TIES[kin.group(2)], kin.group(1).lower(), None)
            return who if who is not None and who.key not in own else None
    return None


def _owner_of_sex_acts(doc: Document, lo: int, hi: int, kin: re.Match, g: str) -> bool:
    """Whether someone of the tie's own sex is the one acting around it: named or a
    "he"/"she" earlier in its sentence ("She gave Wyndham a history of … her mother
    and brother", "Miss Bradwell could not help repeating … to his sister"), or a "he"/"she"
    after it in the same narration ("Her son's letter had come at last. She read it twice
    by the lamp"). The tag's "she" then goes on with that one,
    the subject, not with the relative the narration mentions in passing; the tie is the
    speaker when the one acting is of the other sex ("She carried the tray out to her
    uncle. He looked up and said")."""
    text = doc.text
    if looks_subject(text, kin.start(), kin.end()):
        return False    # "Her uncle was pacing by the window.": the tie acts
    start = lo
    for m in SENTENCE_END.finditer(text, lo, kin.start()):
        start = m.end()
    if SEX_PRONOUN[g].search(text, start, kin.start()) or \
            _subject_of_sex(doc, start, kin.start(), g):
        return True
    if text[lo:hi].rstrip()[-1:] in LEADS_IN:   # its last sentence is the tag's: "He then said,"
        ends = [m.end() for m in SENTENCE_END.finditer(text, kin.end(), hi)]
        hi = ends[-1] if ends else kin.end()
    return SEX_PRONOUN[g].search(text, kin.end(), hi) is not None


def _subject_of_sex(doc: Document, lo: int, hi: int, g: str) -> bool:
    """Whether the narration in [lo, hi) names someone of that sex as a subject."""
    return any(subj and who.gender == g and who.key[0] in "cn"
               for _, _, who, subj in doc.salience.events_in(lo, hi))


def _named_of_sex(doc: Document, lo: int, hi: int, g: str) -> bool:
    """Whether the text names a person of that sex in [lo, hi)."""
    reader = doc.reader
    return any(reader.who_of_name(form).gender == g
               for _, _, form in reader.cast.mentions_in(lo, hi))


def _antecedent(doc: Document, i: int, g: str, own: set[str]) -> Who | None:
    """The pronoun's person outside its paragraph: the actor of a beat of narration just
    before; the one who spoke last, when the narration after their speech makes them its
    subject (_acts_after_speaking); else the latest of that sex, the other party first and
    the known-sexed first."""
    sal = doc.salience
    p, pos = doc.quote_para[i], doc.quotes[i].open
    prev1 = doc.para_speaker(doc.prev_turn.get(p, -1))
    excl = own | ({prev1.key} if prev1 is not None else set())
    if p - 1 >= 0 and doc.para_speaker(p - 1) is None:
        beat_end = doc.paras[p - 1][1]
        who = sal.recent(p - 1, beat_end, g, local_only=True, exclude=excl, known_only=True,
                         pairs_apart=True) or \
            sal.recent(p - 1, beat_end, g, local_only=True, exclude=own, known_only=True,
                       pairs_apart=True)
        if who is not None:
            return who
    if prev1 is not None and prev1.key not in own and p - 1 >= 0 and \
            doc.para_speaker(p - 1) == prev1 and _acts_after_speaking(doc, p - 1, g) == prev1 \
            and not _a_place(doc, prev1):
        return prev1
    # someone known to be of that sex first, even the one who spoke last, before anyone
    # whose sex the text never says (Alice, not the Mouse)
    return sal.recent(p, pos, g, exclude=excl, known_only=True, pairs_apart=True) or \
        sal.recent(p, pos, g, window=12, exclude=own, known_only=True, pairs_apart=True) or \
        sal.recent(p, pos, g, exclude=excl, pairs_apart=True) or \
        sal.recent(p, pos, g, window=12, exclude=own, pairs_apart=True)


CALL_BACK = 2
"""Quotations back a call of a name alone may be what a "he" or "she" tag goes on with."""
CALL_MARKS = "“”\"‘’'!?.,;:-—– \t\n"
"""What a quotation holding only a call has beside the name: its marks and stops."""
SUBJECT_OF = {"m": "he", "f": "she"}


def _called_out(doc: Document, i: int, g: str, own: set[str]) -> Who | None:
    """The person of the pronoun's sex whom one of the CALL_BACK quotations before called
    by their name alone, tagged with a "he" or "she" of the other sex: the one called
    comes and answers ("“Ines!” he shouted from the landing; and she ran up … ¶ “The
    stove has gone out,” he complained. ¶ “I’ll see to it,” she answered": Ines)."""
    people, text = doc.people, doc.text
    for j in range(i - 1, max(-1, i - 1 - CALL_BACK), -1):
        q = doc.quotes[j]
        k = bisect_right(people.dialogue_name_pos, q.start - 1)
        named = []
        while k < len(people.dialogue_names) and people.dialogue_names[k][0] < q.end:
            named.append(people.dialogue_names[k][2])
            k += 1
        words = text[q.start:q.end].strip(CALL_MARKS).split()
        tag = TAG_PRONOUN.match(text, q.close)  # its own regex missed a hard-wrapped tag
        if len(named) == 1 and 0 < len(words) <= 3 and all(w[:1].isupper() for w in words) \
                and tag is not None and tag.group(1) != SUBJECT_OF.get(g) and \
                named[0].gender == g and named[0].key not in own:
            return named[0]
    return None


def _description_meant(doc: Document, p: int, who: Who) -> Who:
    """The person a tag showed this description to mean, a moment ago in this scene."""
    key = who.key if who.key.startswith("d:the ") else "d:the " + who.key[2:]
    last = doc.scene_descriptions.get(key) or doc.scene_descriptions.get(who.key)
    if last is not None and last[1] >= p - PRONOUN_EPITHET_SCENE:
        return last[0]
    return who


def _named_in_dialogue(doc: Document, i: int, g: str, own: set[str]) -> Who | None:
    """Someone of that sex the dialogue just named."""
    people = doc.people
    p = doc.quote_para[i]
    k = bisect_right(people.dialogue_name_pos, doc.quotes[i].open - 1) - 1
    while k >= 0 and people.dialogue_names[k][1] >= p - DIALOGUE_NAME_WINDOW:
        w = people.dialogue_names[k][2]
        k -= 1
        if w.gender == g and w.key not in own:
            return w
    return None


def _acts_after_speaking(doc: Document, b: int, g: str) -> Who | None:
    """The last subject of the pronoun's sex in the narration after paragraph b's last quote,
    a name or a "he"/"she" chained to one (mentions.chain): "“…,” said Mira. She laughed,
    and took up her cup again." is Mira's. A "she said" in the next paragraph then goes on
    with her, though she spoke last: the narration has kept her in view, where a reply would
    have opened on its quote (the other woman, the sieve's usual reading). A tag after
    the quote ("“…,” Mira said.") is no such narration."""
    last = doc.quotes_in(b)[-1]
    lo, hi = doc.quotes[last].close, doc.paras[b][1]
    who = None
    for _, _, w, subj in doc.salience.events_in(lo, hi):
        if subj and w.gender == g:
            who = w
    return who


def _a_place(doc: Document, who: Who) -> bool:
    """Whether who is a name the text writes as a place (Cast.place_like: "in Tarbury"),
    which a "he" may have been chained to ("Like everyone in Tarbury, he …") but which no
    narration keeps in view as the one speaking on."""
    ch = doc.reader.cast.character(who.label)
    return ch is not None and ch.place_like
