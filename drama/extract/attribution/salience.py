"""Salience: who the narration mentioned lately, for pronouns and for the other party of a
conversation."""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from ..cast.mentions import THE_BEFORE
from ..lexicon import PERSON_NOUNS
from ..structure import scene_start
from .who import Who, plural
from .words import CONTRAST, GROUP_NOUNS, SENTENCE_STOP, SEX_PRONOUN, VAGUE_HEADS


# ------------------------------------------------------------------ salience

class Salience:
    """Who was mentioned lately, for pronouns and for the other party of a conversation."""

    def __init__(self, text: str = "", quoted: list[tuple[int, int]] | None = None):
        self.creatures: set[str] = set()
        """Keys of the named the text writes with "the" ("the Mouse") and no sex, and of
        names often mentioned that never speak and no he or she follows (mentions.py)."""
        self.events: list[tuple[int, int, Who, bool]] = []   # (para, pos, who, subject)
        """The mentions up to the gap, in order (all of them until an insert after seal();
        _cover): what the reads index."""
        self.pos: list[int] = []
        """self.events' positions, for bisect."""
        self._later: list[tuple[int, int, Who, bool]] = []
        """The mentions after the gap, the last first: an insert at the gap is an append, so
        the inserts of a pass through the text, in its order, cost no more than the pass
        (list.insert moved every later mention: a 10 MB line of 500,000 quotes took time
        growing with the square of its length)."""
        self._later_pos: list[int] = []
        """self._later's positions (the last first)."""
        self.persons: set[str] = set()
        """Keys known to be people (they speak somewhere): may stand for he or she."""
        self.leans: dict[str, str] = {}
        """"m" or "f" by key: the sex the evidence of a name of undecided sex leans to
        (gender.Evidence.weighed_lean: one "he" against two "her" is no lean): recent()
        does not give such a name the other sex's pronoun ("Tregarth … he … he … he … her
        face … her lamp"; "she said": not him)."""
        self.text = text
        """The text the positions are in: for gone() (without it no one is seen to leave)."""
        self.quoted: list[tuple[int, int]] = quoted or []
        """The quotations' spans in the text, (opening mark, one past the closing mark), in
        order: gone() reads the narration only."""
        self._gone: dict[tuple[int, Who, int], bool] = {}
        """gone()'s answers by (position, person, next mention's position)."""
        self.paired: set[int] = set()
        """Where the subjects stand that are one of two names joined by "and" ("Tom Hale and
        Ned Price went out", mentions.paired): recent(pairs_apart=True) reads them as no
        subject, since the two are a "they"."""
        self.tag_subjects: set[int] = set()
        """Where the names stand that are the subject of an inverted tag ("“Never!” cried
        Orla", mentions.after_speech_verb), which opens no clause: between() reads them
        as subjects in the paragraph it is asked about."""
        self.scene_breaks: list[int] = []
        """The paragraphs that end a scene (Document.scene_breaks): no look back crosses
        one (who was named before a chapter heading is of another scene)."""

    def add(self, para: int, pos: int, who: Who, subject: bool) -> None:
        """Record a mention; mentions may come in any order before seal()."""
        self.events.append((para, pos, who, subject))

    def seal(self) -> None:
        self.events += reversed(self._later)
        self._later, self._later_pos = [], []
        self.events.sort(key=lambda ev: ev[1])
        self.pos = [ev[1] for ev in self.events]

    def insert(self, para: int, pos: int, who: Who, subject: bool) -> None:
        """Record a mention after seal(), keeping the order (after those at the same pos)."""
        self._cover(pos)
        while self.pos and self.pos[-1] > pos:   # the gap moved back to pos
            self._later_pos.append(self.pos.pop())
            self._later.append(self.events.pop())
        self.pos.append(pos)
        self.events.append((para, pos, who, subject))

    def _cover(self, pos: int) -> None:
        """Move the gap on until self.events holds every mention at or before pos.
        Example: mentions at 5, 9 | 12, 30 (the gap after 9): _cover(12) -> 5, 9, 12 | 30."""
        later, later_pos = self._later, self._later_pos
        while later_pos and later_pos[-1] <= pos:
            self.pos.append(later_pos.pop())
            self.events.append(later.pop())

    def all_events(self) -> list[tuple[int, int, Who, bool]]:
        """Every mention, in order: (para, pos, who, subject)."""
        return self.events + self._later[::-1]

    def events_from(self, pos: int):
        """The mentions at or after pos, in order, up to the last."""
        yield from islice(self.events, bisect_right(self.pos, pos - 1), None)
        yield from reversed(self._later)

    def rename(self, key: str, who: Who, lo: int, hi: int) -> None:
        """Mentions of key in paragraphs lo..hi are of who (a described person named)."""
        for events in (self.events, self._later):
            for k, (ev_para, ev_pos, w, subj) in enumerate(events):
                if w.key == key and lo <= ev_para <= hi:
                    events[k] = (ev_para, ev_pos, who, subj)

    def before(self, para: int, pos: int, window: int):
        """(who, subject) of the mentions before pos, latest first, back to the paragraph
        `window` before para."""
        for k in self.latest_first(para, pos, window):
            _, _, who, subj = self.events[k]
            yield who, subj

    def latest_first(self, para: int, pos: int, window: int):
        """The indices in self.events of the mentions before pos, latest first, back to the
        paragraph `window` before para, not before the scene's first (scene_breaks), and at
        most WALK_LIMIT of them: a text with no paragraph breaks is one paragraph, and a
        walk to its start from every quote would take time growing with the square of the
        book."""
        self._cover(pos - 1)
        k = bisect_right(self.pos, pos - 1) - 1
        lo = max(para - window, scene_start(self.scene_breaks, para))
        stop = max(-1, k - WALK_LIMIT)
        while k > stop and self.events[k][0] >= lo:
            yield k
            k -= 1

    def events_in(self, lo: int, hi: int):
        """(para, pos, who, subject) of the mentions in [lo, hi), in order."""
        self._cover(hi - 1)
        return self.events[bisect_right(self.pos, lo - 1):bisect_right(self.pos, hi - 1)]

    def latest_named(self, para: int, pos: int, gender: str, window: int,
                     exclude=()) -> Who | None:
        """The named person of that sex mentioned last before pos, subject or not."""
        for who, _ in self.before(para, pos, window):
            if who.key[0] in "cn" and who.gender == gender:
                return None if who.key in exclude else who
        return None

    def recent_described(self, para: int, pos: int, gender: str | None, desc: Who,
                         exclude=()) -> Who | None:
        """The latest described person the narration of this paragraph or the one before
        makes a subject ("The stranger had not gone far"), whom a vaguer description of the
        same sex ("the man") may mean; never several ("the old ladies": who.plural)."""
        head = desc.key[2:].split()[-1]
        if head not in VAGUE_HEADS:
            return None
        for who, subj in self.before(para, pos, 1):
            if not subj or who.key == desc.key or who.key in exclude:
                continue
            if who.key[0] in "cn":
                if gender and who.gender == gender:
                    return None     # someone named is the one acting: not a stranger
                continue
            words = who.key[2:].split()
            if words[-1] not in PERSON_NOUNS or words[-1] in VAGUE_HEADS or \
                    words[-1] in GROUP_NOUNS or plural(who) or \
                    any(w in CONTRAST for w in words):
                continue
            if gender and who.gender != gender:
                continue
            return who
        return None

    def described_as(self, lo: int, hi: int, head: str, exclude=()) -> Who | None:
        """The described person the text mentions last in [lo, hi) by a fuller description
        with this head noun ("The third gentleman now stepped forth. … “…,” said this
        gentleman": the third gentleman, not a named man mentioned since)."""
        self._cover(hi - 1)
        k = bisect_right(self.pos, hi - 1) - 1
        while k >= 0 and self.pos[k] >= lo:
            _, _, who, _ = self.events[k]
            k -= 1
            words = who.key[2:].split()
            if who.key.startswith("d:") and len(words) > 1 and words[-1] == head and \
                    who.key not in exclude and not plural(who):
                return who
        return None

    def mentioned(self, lo: int, hi: int, gender: str | None, exclude=()) -> Who | None:
        """The person of that sex the text mentions last in [lo, hi), in any role."""
        self._cover(hi - 1)
        k = bisect_right(self.pos, hi - 1) - 1
        while k >= 0 and self.pos[k] >= lo:
            _, _, who, _ = self.events[k]
            k -= 1
            if who.key in exclude or plural(who) or who.key in self.creatures:
                continue
            if gender and who.gender != gender or who.key[0] not in "cnd":
                continue
            return who
        return None

    def first_named_object(self, lo: int, hi: int, exclude=(),
                           subject: bool = False) -> Who | None:
        """The first person of the cast the text mentions in [lo, hi) as no subject
        ("turning, Marlow saw Lawrence Tallant": Tallant), or with subject as the
        subject ("Owen Tarrant came into the light"), known to be a person by a sex or a
        line (not "the Guest House")."""
        self._cover(hi - 1)
        k = bisect_right(self.pos, lo - 1)
        while k < len(self.pos) and self.pos[k] < hi:
            _, _, who, subj = self.events[k]
            k += 1
            if subj == subject and who.key[0] == "c" and who.key not in exclude and \
                    (who.gender is not None or who.key in self.persons):
                return who
        return None

    def between(self, lo: int, hi: int, gender: str, para: int = -1) -> Who | None:
        """The person of that sex mentioned in [lo, hi): the latest subject, else a named
        subject whose sex the text never says ("Konovalov telephoned Shreider. …, he
        said"), else the latest of that sex. In paragraph para the name of an inverted tag
        is a subject too (tag_subjects: "“Never!” cried Orla. She …")."""
        self._cover(hi - 1)
        k = bisect_right(self.pos, hi - 1) - 1
        obj = unknown = None
        while k >= 0 and self.pos[k] >= lo:
            at_para, at, who, subj = self.events[k]
            k -= 1
            if who.key[0] not in "cnd" or plural(who):
                continue
            subj = subj or at_para == para and at in self.tag_subjects
            if who.gender == gender:
                if subj:
                    return who
                obj = obj or (None if self.bound_by_pronoun(k + 1) else who)
            elif who.gender is None and subj and who.key[0] in "cn" and \
                    who.key not in self.creatures:
                unknown = unknown or who
        return unknown or obj

    def bound_by_pronoun(self, k: int) -> bool:
        """Whether event k names its person as no subject after a "he"/"she" of their own
        sex in the narration of the same sentence ("Since the fair, she had envied
        Hilda", "At the door he handed Piet the key"): that pronoun is someone else (a
        name the pronoun governs cannot be the pronoun's person: binding theory's
        Principle C), the one the sentence is about, so the mention is no antecedent for
        the next "she" or "he" of that sex. A subject is not bound: the pronoun of a clause
        before it may be its own ("When she came in, Hilda sat down"). The quotations in
        the sentence are not read."""
        _, pos, who, subj = self.events[k]
        if subj or who.gender not in SEX_PRONOUN or not self.text:
            return False
        lo = max(0, pos - BOUND_REACH)
        stops = [m.end() for m in SENTENCE_STOP.finditer(self.text, lo, pos)]
        head = self._narration(stops[-1] if stops else lo, pos)
        return SEX_PRONOUN[who.gender].search(head) is not None

    def recent_sexless(self, para: int, pos: int, exclude=(), window: int = 4) -> Who | None:
        """The latest person the text does not call he or she ("the Caterpillar")."""
        for who, _ in self.before(para, pos, window):
            if who.gender is None and who.key not in exclude and \
                    (who.key in self.persons or who.key[0] in "cn"):
                return who
        return None

    def _the_role(self, k: int) -> bool:
        """Whether event k is one described person after "the" ("the porter", not "the
        others"), or one a tag has made a speaker ("“…,” persisted the porter", standing at
        the quote's opening: _speaks_at): someone the scene knows, not "a familiar voice"
        in the narration nor an apposition ("he climbed out dripping, a sorry sight"), nor
        "the other", one set against someone."""
        _, pos, who, _ = self.events[k]
        return who.key.startswith("d:") and not plural(who) and \
            not any(w in CONTRAST for w in who.key[2:].split()) and \
            (THE_BEFORE.search(self.text, max(0, pos - 5), pos) is not None or
             self._speaks_at(pos))

    def _speaks_at(self, pos: int) -> bool:
        """Whether pos opens a quotation (self.quoted): a mention there is the speaker a
        sieve settled for it, which ReadingOrder inserts at the quote's opening ("“I say it
        was her wish,” insisted the porter. He was cross": the porter, the one the "he" goes
        on with)."""
        k = bisect_right(self.quoted, (pos, float("inf"))) - 1
        return k >= 0 and self.quoted[k][0] == pos

    def gone(self, k: int) -> bool:
        """Whether event k's person leaves the scene before anyone else is mentioned: the
        mention itself ("The maid went out") or a "he"/"she" of their sex in the narration
        after it ("“Verra--verra.” When she had gone Marlow stood up"), then a verb of
        leaving (LEAVES)."""
        _, pos, who, _ = self.events[k]
        end = self.pos[k + 1] if k + 1 < len(self.pos) else \
            self._later_pos[-1] if self._later_pos else pos + GONE_REACH
        known = self._gone.get((pos, who, end))
        if known is None:
            known = self._gone[pos, who, end] = self._leaves(pos, who, end)
        return known

    def _leaves(self, pos: int, who: Who, end: int) -> bool:
        """gone() of the mention at pos, the next mention at end."""
        m = GONE.match(self.text, pos)
        own = who.key[2:].split() if who.key.startswith("d:") else ()
        if m is not None and all(w[:1].isupper() or w in own or w.lower() in ("he", "she")
                                 for w in m.group(1).split()):
            return True
        if who.gender not in SUBJECT_PRONOUN:
            return False
        hi = min(end, pos + GONE_REACH)
        if PRONOUN_GONE.search(self.text, pos, hi) is None:
            return False    # most often: no one leaves
        return any(m.group(1).lower() == SUBJECT_PRONOUN[who.gender]
                   for m in PRONOUN_GONE.finditer(self._narration(pos, hi)))

    def _narration(self, lo: int, hi: int) -> str:
        """The text from lo to hi with its quotations (self.quoted) blanked, in any style
        of quotation mark ("‘She has gone,’ said Tom" is no one leaving)."""
        pieces, at = [], lo
        k = max(0, bisect_right(self.quoted, (lo, lo)) - 1)   # the one lo may lie in
        for opening, closing in self.quoted[k:]:
            if opening >= hi:
                break
            if closing > at:
                pieces.append(self.text[at:max(at, opening)])
                at = closing
        pieces.append(self.text[at:hi])
        return " ".join(pieces)

    def recent(self, para: int, pos: int, gender: str | None, exclude=(), window: int = 4,
               local_only: bool = False, named_only: bool = False,
               persons_only: bool = False, subjects_only: bool = False,
               known_only: bool = False, pairs_apart: bool = False) -> Who | None:
        """The latest person of that gender before pos, subjects first, within window paras;
        not one whose latest mention is their leaving the scene (gone). pairs_apart: one of
        two names joined by "and" is no subject (self.paired), as a "he" or "she" reads."""
        best_unknown = None
        best_obj = None
        seen, left = set(), set()
        for k in self.latest_first(para, pos, 0 if local_only else window):
            _, at, who, subj = self.events[k]
            acts = subj and not (pairs_apart and at in self.paired)
            if who.key not in seen:
                seen.add(who.key)
                if subj and self.gone(k):
                    left.add(who.key)
            if who.key in exclude or who.key in left or named_only and who.key[0] not in "cn":
                continue
            if persons_only and who.gender is None and who.key not in self.persons:
                continue
            if gender and who.gender and who.gender != gender:
                continue
            if gender and who.gender is None:
                if self.leans.get(who.key, gender) != gender and \
                        who.key not in self.creatures:
                    continue    # undecided, but leaning to the other sex (self.leans)
                # a name in this very paragraph may be anyone; elsewhere only known speakers
                if local_only and acts and (who.key[0] in "cn" and who.key not in self.creatures
                                            or self._the_role(k)):
                    # "Konovalov telephoned Shreider. “…,” he said": Konovalov; "the porter
                    # stopped me. “…,” he said": the porter, whose noun gives no sex
                    return who
                if who.key in self.persons or local_only and who.key[0] in "cn":
                    best_unknown = best_unknown or who
                continue
            if acts:
                return who
            best_obj = best_obj or (None if self.bound_by_pronoun(k) else who)
        if subjects_only:
            return None
        if known_only and best_unknown is not None and best_unknown.key in self.creatures:
            best_unknown = None     # "the Mouse", "the Cat": not he or she till last
        return best_obj or best_unknown


LEAVES = (r"(?:had\s+|has\s+)?"
          r"(?:gone\b(?!\s+(?:on|to|in|into|up|down|back|over|through|with|by|out\s+of|"
          r"so|too|far|from|round|across|along|for|about|home))|"
          r"went\s+(?:out|away)\b|departed\b|left\s+the\s+room\b|"
          r"(?:jumped|got|stepped|climbed)\s+into\s+(?:his|her|the|a)\s+"
          r"(?:carriage|cab|hansom|brougham|coach|car|taxi|train|boat)\b)")
"""A verb of leaving the scene: (had) gone, went out or away, departed, left the room, got
into a carriage; not "gone to the window", "gone on". (Walked, drove, rode or hurried off,
and "withdrew" (her hand), were measured: half A lost.)"""
GONE = re.compile(r"((?:[\w’'.-]+\s+){1,4}?)" + LEAVES)
"""A mention (one to four words) and a verb of leaving the scene after it."""
PRONOUN_GONE = re.compile(r"\b([Hh]e|[Ss]he)\s+" + LEAVES)
"""A "he" or "she" and a verb of leaving the scene after it."""
WALK_LIMIT = 1000   # mentions a walk back through the narration reads at most (latest_first)
BOUND_REACH = 300   # characters back bound_by_pronoun reads a mention's sentence
GONE_REACH = 400    # characters after a mention its person's leaving is looked for
SUBJECT_PRONOUN = {"m": "he", "f": "she"}
