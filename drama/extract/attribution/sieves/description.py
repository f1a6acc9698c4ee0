"""The description-coref sieve: "replied the girl", "said this worthy" mean someone the
reader already knows."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ...lexicon import GOING_ON_PARTICLE, GOING_ON_VERBS, person_noun
from ..document import Decision, Document
from ..mentions import intro_for
from ..reader import Tag
from ..sieve import Sieve
from ..tags import narration_gap
from ..vocative import called_in, called_keys
from ..tag_phrase import subject_before
from ..who import Who, definite_role, desc_age, variant
from ..words import (MAIDEN_NOUNS, POSSESSIVES, REPLY_VERBS, SENTENCE_END, TOKEN, is_speech_verb,
                     tokens)
from .explicit import tag_decision

NAMED_TURN_WINDOW = 2    # paragraphs back a speaker named by a tag is the other party
GENERIC_WINDOW = 6      # paragraphs back to look for the person "the girl" means
EPITHET_SCENE = 40      # paragraphs a description keeps meaning the same person
MIN_VOTES = 3           # times a description must have meant one person (and most of its
                        # times) to be taken for them without a nearer cue (epithet.py too)
TAG_WORDS = 6           # words of a tag beside its quote read for its verb
TAG_CHARS = 120         # ... within this many characters of the quote
OTHER_WINDOW = 1        # paragraphs back the one "the other" is set against was mentioned


class DescriptionCoref(Sieve):
    """A description of someone the reader knows ("replied the old gentleman", "said his
    aunt", "said this young lady", "answered Daisy's mamma") is the person it means. The
    candidates, in order (the first that fits wins):

    1. a demonstrative ("said this worthy", "cried that discreet lady"): the person the
       narration mentioned last, after the previous speech and its tag, even the last
       speaker;
    2. "the other": the other one of the two talking;
    3. the one of that sex the paragraph shows acting just before ("Daisy was near her.
       “…?” this young lady inquired"), even after a line of hers, unless the one it shows
       acting last is called by this description ("Bill and the driver talked. A man
       leaned over and asked: “…”": the man);
    4. the one the previous line addressed; else the one the reply in the next paragraph
       calls by name ("“Take the rope,” said the boatman. “Thank you, Mr. Ottley.”");
    5. the described person the narration was just following, when this description is
       vaguer ("The stranger had not gone far." "…," cried the man);
    5b. for a possessive description ("her visitor", "his son") when its owner spoke last
       (the possessive is of their sex): the other party of the owner's talk, the one who
       spoke the latest line before the owner's turn (_owners_partner);
    6. the other party, named by a tag at most two paragraphs back;
    7. the person this description meant earlier in the scene;
    8. someone the narration has just brought in ("at the gate they met a thin woman
       carrying a lamp" … "said the woman": The thin woman), unless they spoke two turns back
       (a tag brought them in: a speaker of the exchange, not someone new);
    9. the other one of the two talking, when named;
    10. the one this description has meant most so far, three times or more, when the
       narration has just mentioned them;
    11. a named person of that sex acting nearby (only acting, not just mentioned, while
       the narration itself calls the one acting by the description);
    12. the latest named person of that sex who spoke in this conversation, within
       SPEAKER_TURNS turns.

    A trait before a plain head ("the injured woman", "the earnest girl": reader.Tag.trait)
    takes these rules too, as "the woman" does, all but 11 (a named person merely near).

    Never the one who spoke last (except by 1 and 3), nor the one this line calls (by any
    given name of theirs: “Tina,” cried her mother, not Christina), nor the one a name
    tag of answering makes speak the very next paragraph ("replied Mr. Ruddock"), nor
    the owner in "Hetty's mamma"; a grown-up's description ("the old
    gentleman") is never a child of the text ("little Oliver") nor "the child" a grown-up,
    nor "the girl" anyone the narration calls Mrs. (or Mr., Lady, ...). When no one fits,
    the description itself speaks ("The stranger") and the quote is noted for the epithet
    sieves and naming-in-dialogue to revise. A description after "a"/"an" ("A man leaned
    over and asked:", "said a gentleman") is none of these candidates: it brings a new
    person in, no one the reader knows, and its line is settled as firmly as a name's (cue
    "explicit"), so the conversation model does not give it to one of the people already
    talking, and its later "he said" turns can be the newcomer's. Reads the speakers the
    tag sieves settled before this quote: it must run in their reading-order group."""

    name = "description-coref"
    cues = ("described", "action", "colon")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or not (tag.kind == "generic" or tag.kind == "np" and
                               tag.cue != "explicit" and definite_role(tag.who)):
            return None
        scene = _Scene(doc, i, tag)
        rules = ROLE_CANDIDATES if tag.kind != "generic" else \
            TRAIT_CANDIDATES if tag.trait else CANDIDATES
        rule, who = next(((r, w) for r, w in ((r, r(scene)) for r in rules)
                          if w is not None and scene.fits_age(w)), (None, None))
        _note(doc, scene, None if rule is _answers_exchange else who, rule is not _usual_person)
        if rule is _answers_exchange:
            doc.exchange_picks.setdefault(tag.who.key, Counter())[who] += 1
        if tag.indefinite:
            return Decision(tag.who, "explicit", addressee=tag.addressee)   # someone new
        return tag_decision(doc, i, who or tag.who)


@dataclass
class _Scene:
    """What the candidate rules read about quote i and the two turns before it."""

    doc: Document
    i: int
    tag: Tag
    p: int = field(init=False)
    pos: int = field(init=False)
    g: str | None = field(init=False)
    prev1: Who | None = field(init=False)
    """Who spoke the turn before."""
    prev2: Who | None = field(init=False)
    """Who spoke the turn before that."""
    excl: set[str] = field(init=False)
    """Keys of the people the description cannot mean."""

    def __post_init__(self) -> None:
        doc = self.doc
        self.p, self.pos, self.g = doc.quote_para[self.i], doc.quotes[self.i].open, self.tag.gender
        pp = doc.prev_turn.get(self.p, -1)
        self.prev1 = doc.para_speaker(pp)
        self.prev2 = doc.para_speaker(doc.prev_turn.get(pp, -1))
        self.excl = _cannot_mean(doc, self.i, self.tag, self.prev1)

    @property
    def excl_but_last(self) -> set[str]:
        """excl, less the one who spoke last."""
        return self.excl - {self.prev1.key} if self.prev1 is not None else self.excl

    @cached_property
    def intro(self) -> tuple[int, int, Who] | None:
        """(offset, paragraph, person): someone just brought in whom the description fits."""
        people = self.doc.people
        return intro_for(people.introductions, people.introduction_pos, self.tag.who,
                         self.p, self.pos, self.excl)

    def fits_sex(self, who: Who) -> bool:
        return not self.g or not who.gender or who.gender == self.g

    def fits_age(self, who: Who) -> bool:
        """Whether a described candidate's words allow this description's age: "the
        gentleman" is not "a corpulent slow boy", "the child" not "an old man"."""
        if not who.key.startswith("d:"):
            return True
        mine, theirs = desc_age(self.tag.who), desc_age(who)
        return mine is None or theirs is None or mine == theirs


def _cannot_mean(doc: Document, i: int, tag: Tag, prev1: Who | None) -> set[str]:
    excl = {prev1.key} if prev1 is not None and not _answered_in_narration(doc, i, prev1) \
        else set()
    excl |= called_keys(doc.reader, doc.vocatives[i])
    if tag.owner_key:
        excl.add(tag.owner_key)
    replier = _named_replier(doc, doc.quote_para[i])
    if replier is not None:
        excl.add(replier.key)
    age = desc_age(tag.who)
    if age is not None:
        # "the old gentleman" is not the boy; "the child" is not Mr. Pellow
        excl |= doc.people.young if age == "adult" else doc.people.adult
    elif tag.who.key[2:].split()[-1] in MAIDEN_NOUNS:
        # "the girl" may be Miss Pennock, never Mrs. Quayle
        excl |= doc.people.adult
    return excl


REPORTED_REACH = 3
"""Words after a verb of saying within which "that" reports a speech ("explained that",
"told her that", "assured them solemnly that")."""


def _answered_in_narration(doc: Document, i: int, last: Who) -> bool:
    """Whether the narration since the last speaker's line reports someone else's answer
    (“Who built this bridge?” she asked. The ferryman said that it was a bishop's
    gift. “And who paid for it?” the old woman snapped): the last speaker has been
    answered, and may speak again."""
    if not i or doc.speakers[i - 1] is None or doc.speakers[i - 1].key != last.key:
        return False
    lo, hi = doc.quotes[i - 1].close, doc.quotes[i].open
    toks = tokens(doc.text[lo:hi], lo)
    for v in range(len(toks) - 1):
        if not is_speech_verb(toks[v][0]) or \
                "that" not in (t[0] for t in toks[v + 1:v + 1 + REPORTED_REACH]):
            continue
        said = subject_before(doc.reader, toks, v)
        if said is not None and said.who is not None and said.who.key != last.key and \
                (said.kind == "name" or said.kind in ("np", "generic") and
                 person_noun(said.who.label.split()[-1].lower())):
            return True
    return False


def _named_replier(doc: Document, p: int) -> Who | None:
    """The one a name tag with a verb of answering makes speak the very next paragraph
    (“…,” said the old gentleman. / “I will,” replied Mr. Ruddock): the one who answers
    the line, not the one who said it."""
    if doc.next_turn.get(p) != p + 1:
        return None
    j = next((j for j in doc.quotes_in(p + 1) if doc.tags[j] is not None), None)
    if j is None or doc.tags[j].kind != "name" or not _tag_replies(doc, j):
        return None
    return doc.tags[j].who


def _demonstrative(s: _Scene) -> Who | None:
    """1. "this worthy": the one the narration has just mentioned, after the last speech and
    its tag, even the last speaker; first one it described by a fuller description of the
    same head ("The second clerk came up to the desk. A gaunt man … “…,” said this
    clerk": the second clerk, not the gaunt man his portrait calls him)."""
    if not s.tag.demonstrative:
        return None
    doc, i = s.doc, s.i
    lo = doc.paras[s.p - 1][0] if s.p else 0
    if i and doc.quotes[i - 1].close > lo:
        lo = doc.quotes[i - 1].close
        if doc.tags[i - 1] is not None:
            m = SENTENCE_END.search(doc.text, lo, s.pos)
            lo = m.end() if m else s.pos
    head = s.tag.who.key[2:].split()[-1]
    who = doc.salience.described_as(lo, s.pos, head, exclude=s.excl_but_last) or \
        doc.salience.mentioned(lo, s.pos, s.g, exclude=s.excl_but_last)
    if who is None and s.g and lo < s.pos and doc.text[lo:s.pos].strip(' \t\n"“”‘’\''):
        who = doc.salience.recent(s.p, s.pos, s.g, exclude=s.excl_but_last, window=2,
                                  known_only=True)
    return who


def _the_other(s: _Scene) -> Who | None:
    """2. "“…?” inquired Scrope. “I'm your man,” replied the other": the one before the last
    speaker; when the turns before are not settled yet, the latest person of that sex
    besides the one the narration set "the other" against, the one it mentioned last
    ("“Sorry,” said Kasim. The other smiled": not Kasim), back to the narration before an
    untagged turn just before (_against_window)."""
    if not _is_the_other(s.tag.who):
        return None
    if s.prev1 is not None and s.prev2 is not None and s.prev2.key != s.prev1.key:
        return s.prev2 if s.prev2.key not in s.excl else None
    sal = s.doc.salience
    one = s.prev1 or sal.recent(s.p, s.pos, s.g, exclude=s.excl, window=_against_window(s),
                                named_only=True)
    if one is None:
        return None
    return sal.recent(s.p, s.pos, s.g, exclude=s.excl | {one.key}, window=GENERIC_WINDOW,
                      named_only=True)


def _against_window(s: _Scene) -> int:
    """Paragraphs back to look for the one "the other" is set against: OTHER_WINDOW, or,
    when the turn before is a line no tag settled yet and a paragraph of narration alone
    leads into it, back to that narration ("… but Orrin answered at once. / “Lazy
    oarsmen …” / “There's a thought,” said the other man": set against Orrin, who spoke
    last). After another turn instead, that turn's speaker is no guide to who spoke the
    line between."""
    pp = s.doc.prev_turn.get(s.p)
    if pp is None or s.prev1 is not None or pp - 1 in s.doc.para_first:
        return OTHER_WINDOW
    return max(OTHER_WINDOW, s.p - pp + 1)


def _is_the_other(desc: Who) -> bool:
    """"the other", "the other man": one of two, set against the one just in view."""
    words = desc.key[2:].split()
    return words[:2] == ["the", "other"] or words[:1] == ["other"]


def _acting_here(s: _Scene) -> Who | None:
    """3. "Daisy was near her. “…?” this young lady inquired"."""
    if not s.g or _described_acting(s):
        return None
    here = s.doc.salience.recent(s.p, s.pos, s.g, local_only=True, named_only=True,
                                 exclude=s.excl_but_last, subjects_only=True)
    return here if here is not None and here.gender == s.g else None


def _described_acting(s: _Scene) -> bool:
    """Whether the one the paragraph shows acting last before the line is called by this
    very description ("Bill and the driver talked. A man leaned over and asked: “…”"), so
    that a person named earlier in the paragraph (Bill) is not the one acting now."""
    act = s.doc.salience.recent(s.p, s.pos, s.g, local_only=True, subjects_only=True,
                                exclude=s.excl_but_last)
    return act is not None and act.key.startswith("d:") and \
        variant(act.key[2:].split(), s.tag.who.key[2:].split())


def _addressed_before(s: _Scene) -> Who | None:
    """4. The one the previous line called by name, unless the narration has brought in
    someone the description fits since ("“Is it you, Fitch?” … held back by a tall
    gentleman who … “Not another step!” cried the gentleman")."""
    pp = s.doc.prev_turn.get(s.p, -1)
    if s.intro is not None and s.intro[1] > pp:
        return None
    call = called_in(s.doc, pp, s.i, every_tag=False)
    if call is not None and call.key not in s.excl and call.key[0] in "cn" and s.fits_sex(call):
        return call
    return None


def _called_after(s: _Scene) -> Who | None:
    """4, after: the one the next turn's first line calls by name, when that reply is the
    very next paragraph ("“Take the rope,” said the boatman. / “Thank you, Mr. Ottley,
    I shall.”")."""
    nxt = s.doc.next_turn.get(s.p)
    if nxt is None or nxt != s.p + 1:
        return None
    call = s.doc.vocatives[s.doc.para_first[nxt]]
    if call is not None and call.key not in s.excl and call.key[0] in "cn" and s.fits_sex(call):
        return call
    return None


def _described_subject(s: _Scene) -> Who | None:
    """5. "The stranger had not gone far. … “What?” cried the man"."""
    return s.doc.salience.recent_described(s.p, s.pos, s.g, s.tag.who, s.excl)


def _owners_partner(s: _Scene) -> Who | None:
    """5b. A possessive description ("her visitor", "his companion", "his son") when its
    owner spoke last (the possessive's sex is the last speaker's): the other party of the
    owner's talk, the speaker of the latest line before the owner's turn who is not the
    owner (a paragraph's last line: the one who answered in it), within SPEAKER_TURNS
    turns, when the description's sex allows them ("“Your tea, sir,” said Mrs. Oakes. /
    “Thank you,” he said. / “I'll take your coat,” she said. / “Leave it,” said her
    guest": the one she served, not a maid the narration named in between)."""
    owner = _owner_spoke_last(s)
    if owner is None:
        return None
    doc = s.doc
    last_turn = doc.prev_turn.get(s.p, -1)
    turns = {last_turn}
    for j in range(doc.para_first[last_turn] - 1, -1, -1):
        turns.add(doc.quote_para[j])
        if len(turns) > SPEAKER_TURNS:
            return None
        who = doc.speakers[j]
        if who is not None and who.key != owner.key:
            return who if who.key not in s.excl and s.fits_sex(who) else None
    return None


def _owner_spoke_last(s: _Scene) -> Who | None:
    """The one who spoke last, when this description is a possessive one ("her visitor")
    whose possessive has their sex: its owner; else None."""
    words = s.tag.who.key[2:].split()
    sex = POSSESSIVES.get(words[0]) if len(words) > 1 else None
    if sex is None or s.prev1 is None or s.prev1.gender != sex:
        return None
    return s.prev1


def _named_turn(s: _Scene) -> Who | None:
    """6. The other party, named by an explicit tag a moment ago; one the text gives no sex
    only when the same description meant no one of its sex a moment ago (“Bravo!”
    exclaimed Dubois. … “I have won,” replied the old lady: the old lady of the scene, not
    Dubois, of whom the passage says nothing more)."""
    doc = s.doc
    for j in range(s.i - 1, -1, -1):
        if doc.quote_para[j] < s.p - NAMED_TURN_WINDOW:
            break
        tag, who = doc.tags[j], doc.speakers[j]
        if tag is None or tag.kind != "name" or tag.cue != "explicit" or who is None:
            continue
        if who.key not in s.excl and s.fits_sex(who):
            return None if s.g and who.gender is None and _same_sexed_description(s) else who
    return None


def _same_sexed_description(s: _Scene) -> bool:
    """Whether the same description a moment ago meant someone of its sex (_same_description)."""
    same = _same_description(s)
    return same is not None and same.gender == s.g


def _same_description(s: _Scene) -> Who | None:
    """7. The same description, a moment ago: the same person (unless someone it fits was
    brought in since, or the scene has moved on to another of that sex: _out_of_view)."""
    last = s.doc.scene_descriptions.get(s.tag.who.key)
    # "“…?” the widow went on": the one who spoke last may be going on
    excl = s.excl_but_last if _tag_goes_on(s.doc, s.i) else s.excl
    if last is not None and last[1] >= s.p - EPITHET_SCENE and last[0].key not in excl \
            and (s.intro is None or s.intro[1] <= last[1]) and not _out_of_view(s, last[0]):
        return last[0]
    return None


def _out_of_view(s: _Scene, who: Who) -> bool:
    """Whether the narration of the last GENERIC_WINDOW paragraphs names someone else of
    the description's sex but not this person ("the old man" of a scene before, while the
    car scene names the Nawab Bahadur)."""
    other = False
    for seen, _ in s.doc.salience.before(s.p, s.pos, GENERIC_WINDOW):
        if seen.key == who.key:
            return False
        other = other or (seen.key[0] in "cn" and seen.key not in s.excl and
                          s.g is not None and seen.gender == s.g)
    return other


def _introduced(s: _Scene) -> Who | None:
    """8. Someone the narration has just brought in ("a stout man"); not one a tag brought
    in who spoke two turns back ("“Mind my hens!” cried a red-faced baker. / “Let it
    run!” said the two girls. / “It shall not get far,” rejoined the man": not the
    baker)."""
    if s.intro is None or s.prev2 is not None and s.prev2.key == s.intro[2].key:
        return None     # brought in by a tag two turns back: a speaker, not someone new
    return s.intro[2]


def _other_of_two(s: _Scene) -> Who | None:
    """9. The other one of the two talking, when named (other_of_two)."""
    return other_of_two(s.doc, s.p, s.g, s.excl)


def other_of_two(doc: Document, p: int, sex: str | None, excl: set[str]) -> Who | None:
    """The other one of the two talking in paragraph p's conversation: the one who spoke
    the turn before the last one, when someone else spoke the last, the text names them,
    their sex is not other than the description's (sex) and they are not one it cannot
    mean (excl: keys). Rule 9 here; the epithet-partner sieve reads it again once the
    epithet sieves have revised the turns before."""
    pp = doc.prev_turn.get(p, -1)
    last, before = doc.para_speaker(pp), doc.para_speaker(doc.prev_turn.get(pp, -1))
    if last is None or before is None or before.key == last.key or \
            before.key[0] not in "cn" or before.key in excl or \
            sex and before.gender and before.gender != sex:
        return None
    return before


def _usual_person(s: _Scene) -> Who | None:
    """10. The one this description has meant most so far (MIN_VOTES times and more than
    half of its times), when the narration of the last GENERIC_WINDOW paragraphs mentions
    them ("the old man" has been Lomax three times: "“Strangers!” repeated the old man",
    not Jethro, named just before)."""
    votes = Counter(w.key for _, w in s.doc.description_votes.get(s.tag.who.key, ()))
    if not votes:
        return None
    key, c = votes.most_common(1)[0]
    if c < MIN_VOTES or c * 2 <= sum(votes.values()) or key in s.excl:
        return None
    return next((seen for seen, _ in s.doc.salience.before(s.p, s.pos, GENERIC_WINDOW)
                 if seen.key == key), None)


def _nearby(s: _Scene) -> Who | None:
    """11. A named person of that sex acting nearby; while the narration itself calls the
    one acting by the description ("the gentleman"), only a named person acting too is
    meant, not one merely mentioned. Not the owner of "his son" (_possessor_keys) while
    another one of that sex is nearby; with no other, the one in view is meant (the owner
    may be someone only the talk names: "Is your aunt well?" … her niece replied)."""
    owner = _possessor_keys(s)
    who = _nearby_pick(s, s.excl | owner)
    return who if who is not None or not owner else _nearby_pick(s, s.excl)


def _nearby_pick(s: _Scene, excl: set[str]) -> Who | None:
    """_nearby's pick, not one of excl (keys)."""
    sal = s.doc.salience
    who = sal.recent(s.p, s.pos, s.g, local_only=True, named_only=True, exclude=excl)
    if who is not None:
        return who
    act = sal.recent(s.p, s.pos, s.g, exclude=excl, window=GENERIC_WINDOW)
    busy = act is not None and act.key.startswith("d:") and \
        variant(act.key[2:].split(), s.tag.who.key[2:].split())
    return sal.recent(s.p, s.pos, s.g, exclude=excl, window=GENERIC_WINDOW, named_only=True,
                      subjects_only=busy)


def _possessor_keys(s: _Scene) -> set[str]:
    """The key of the one a sexed "his"/"her" description belongs to ("said his son"), as a
    reader takes the possessive: the one this line calls (of its sex or of none known), or
    who spoke last, when of its sex, else the named person of its sex the narration
    mentioned last ("Pim waited by the gate with Tod. “…,” said his son": Tod's son, not
    Tod); empty for any other description. One with no sex ("her companion") is left
    alone: without the owner, the person nearby is no better guess."""
    sex = POSSESSIVES.get(s.tag.who.key[2:].split()[0])
    if sex is None or not s.g:
        return set()
    call = s.doc.vocatives[s.i]
    if call is not None and call.gender in (sex, None):
        return {call.key}
    if s.prev1 is not None and s.prev1.gender == sex:
        return {s.prev1.key}
    owner = s.doc.salience.latest_named(s.p, s.pos, sex, GENERIC_WINDOW)
    return {owner.key} if owner is not None else set()


SPEAKER_TURNS = 8
"""Turns back a described speaker may be one who spoke in the scene (_scene_speaker)."""


def _scene_speaker(s: _Scene) -> Who | None:
    """12. Last, one of the description's sex whom a tag has made speak in this conversation,
    the latest, within SPEAKER_TURNS turns ("“May I have some tea?” she asked. … “I'm
    quite done in,” said the girl": the one her "she" tag meant, when no one else it fits
    is in view)."""
    if not s.g:
        return None
    doc, p = s.doc, s.doc.prev_turn.get(s.p)
    for _ in range(SPEAKER_TURNS):
        if p is None:
            return None
        who = doc.para_speaker(p)
        if who is not None and who.key[0] in "cn" and who.gender == s.g and \
                who.key not in s.excl:
            return who
        p = doc.prev_turn.get(p)
    return None


def _answers_the_caller(s: _Scene) -> Who | None:
    """For a role: the other one of the two talking, when this line calls the last speaker
    by name (“Hold your tongue, fool,” murmured Mrs. Dunmore. / “Isn't natur, natur, Mrs.
    Dunmore?” remonstrated the workhouse master: the one she answered)."""
    call = s.doc.vocatives[s.i]
    if call is None or s.prev1 is None or call.key != s.prev1.key:
        return None
    return _other_of_two(s)


CANDIDATES = (_demonstrative, _the_other, _acting_here, _addressed_before, _called_after,
              _described_subject, _owners_partner, _named_turn, _same_description,
              _introduced, _other_of_two, _usual_person, _nearby, _scene_speaker)
"""The candidate rules, in the order they are tried (see DescriptionCoref)."""
TRAIT_CANDIDATES = tuple(r for r in CANDIDATES if r is not _nearby)
"""For a trait before a plain head ("the injured woman", "the earnest girl"): the same,
but a named person merely near ("the fat gentleman" is more often someone new)."""


def _addressed_person(s: _Scene) -> Who | None:
    """4 for a role: the one the previous line called by name, when the text gives them a
    sex or a speech tag names them (a person, not "Banks, I know, are always suspicious":
    _a_tagged_speaker), and that line does not speak of the role as someone else
    (“Petra, did the auctioneer not just say …?” / “Sold!” announced the
    auctioneer: not Petra)."""
    call = _addressed_before(s)
    if call is None or call.gender is None and not _a_tagged_speaker(s, call) or \
            _role_spoken_of(s):
        return None
    return call


def _a_tagged_speaker(s: _Scene, call: Who) -> bool:
    """Whether a speech tag names the one called as a speaker somewhere ("piped Tobin"): a
    person, whatever the text says of their sex, where a word the speech only calls may be
    none ("Hullo", "Banks, I know, are always suspicious")."""
    ch = s.doc.reader.character_of(call)
    return ch is not None and ch.tagged > 0


def _role_spoken_of(s: _Scene) -> bool:
    """Whether the previous turn's lines name the tag's role with "the" ("the croupier")."""
    doc = s.doc
    pp = doc.prev_turn.get(s.p, -1)
    j = doc.para_first.get(pp)
    role = "the " + s.tag.who.key[2:]
    while j is not None and j < len(doc.quotes) and doc.quote_para[j] == pp:
        if role in doc.text[doc.quotes[j].open:doc.quotes[j].close].lower():
            return True
        j += 1
    return False


def _answers_exchange(s: _Scene) -> Who | None:
    """For a role: the other one of the two talking, when the tag says the line answers
    ("replied", "returned") or the role is someone's ("said her patron"), after a strict
    exchange (the turn before is the paragraph just before, and the one before that the
    paragraph before it), the role has not spoken as itself before, and the narration has
    brought in no one it fits since ("“The coach is late again,” remarked the widow.
    “The roads are bad after rain, ma'am,” replied the porter": the one who answered
    her before). A weak pick: no vote for the epithet sieves, which may revise it; noted
    in Document.exchange_picks, where two for one person may decide (epithet._usual)."""
    if not (_tag_replies(s.doc, s.i) or s.tag.who.label.startswith(("His ", "Her "))):
        return None
    pp = s.doc.prev_turn.get(s.p, -1)
    ppp = s.doc.prev_turn.get(pp, -1)
    if pp != s.p - 1 or ppp != pp - 1 or s.intro is not None and s.intro[1] >= ppp:
        return None
    key = s.tag.who.key
    if any(w is not None and w.key == key for w in s.doc.speakers[:s.i]):
        return None
    return _other_of_two(s)


def _tag_replies(doc: Document, i: int) -> bool:
    """Whether quote i's tag has a verb of answering ("replied the attendant", "the old
    woman returned"): among the first TAG_WORDS words of the narration after the quote or
    the last ones before it, within TAG_CHARS characters."""
    return any(w in REPLY_VERBS for w in _tag_words(doc, i))


def _tag_goes_on(doc: Document, i: int) -> bool:
    """Whether quote i's tag has a verb of going on ("went on", "continued":
    lexicon.GOING_ON_VERBS and GOING_ON_PARTICLE)."""
    words = _tag_words(doc, i)
    return any(w in GOING_ON_VERBS or GOING_ON_PARTICLE.get(w) == after
               for w, after in zip(words, words[1:] + [""]))


def _tag_words(doc: Document, i: int) -> list[str]:
    """The words of quote i's tag, lower case: the first TAG_WORDS words of the narration
    after the quote and the last ones before it, within TAG_CHARS characters."""
    (b0, b1), (a0, a1) = narration_gap(doc.quotes, doc.paras, doc.quote_para, i)
    after = TOKEN.findall(doc.text, a0, min(a1, a0 + TAG_CHARS))[:TAG_WORDS * 2]
    before = TOKEN.findall(doc.text, max(b0, b1 - TAG_CHARS), b1)[-TAG_WORDS * 2:]
    return [w.lower() for w in after if w.isalpha()][:TAG_WORDS] + \
        [w.lower() for w in before if w.isalpha()][-TAG_WORDS:]


ROLE_CANDIDATES = (_addressed_person, _called_after, _same_description, _answers_the_caller,
                   _answers_exchange)
"""The rules for one person's role or trait ("said the whelp", "the undertaker replied"),
which the text may give a minor person of its own: only the strong evidence, a call by
name (before or in the reply), the same description a moment ago (then the epithet
sieve's vote), or the line's own call of the last speaker ("“…, Mrs. Dunmore?”
remonstrated the workhouse master"): the other one of the two; last, a tag that answers a
strict exchange ("returned the whelp"): the other one of the two."""


def _note(doc: Document, s: _Scene, who: Who | None, vote: bool = True) -> None:
    """What the epithet sieves learn from this quote: whom the description meant (a vote,
    unless it was someone just brought in, or the pick only echoes the votes: ``vote``
    False for rule 10, whose picks would else outvote anyone the description means later),
    or that it meant no one found."""
    key = s.tag.who.key
    if who is None:
        doc.provisional.append((s.i, s.tag))
        doc.unresolved.append((s.i, s.excl))
        return
    if who.key in doc.people.introduced:
        doc.provisional.append((s.i, s.tag))
    elif vote:
        doc.description_votes.setdefault(key, []).append((s.p, who))
    doc.scene_descriptions[key] = (who, s.p)
