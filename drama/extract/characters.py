"""The characters of a text: proper-name mentions, alias clusters and genders.

Everything is decided from statistics of the text itself:
- a capitalised word is a name word when the text (almost) never writes it in lower case;
- "Mr. Bennet" and "Bennet" are one person when only one titled or full name carries that
  surname; two people who merely share a surname ("Mrs. Miller", "Daisy Miller") stay apart
  unless the text writes the joining form ("Miss Daisy Miller");
- two names the text says are one ("Mr. John Dawkins, otherwise the Artful Dodger") are one;
- a person's sex comes from titles, the given-name lists in data/ and the pronouns that
  follow the name in the narration; a creature the text mostly follows with "its" has none.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

from .gender import Evidence, given_name_in_text
from .lexicon import (ABBREVIATED_TITLES, DETERMINERS, MALE_TITLES, NEUTRAL_TITLES,
                      NOT_NAMES, ORDINARY_WORD_GIVEN_NAMES, RANKS, TITLES, WORD_GIVEN_NAMES,
                      finite_verbs, given_name_sex, parent_word, person_noun_or_plural,
                      speaker_noun)
from .name_patterns import (ALIAS, APPOSED_AFTER, APPOSED_BEFORE, ARTICLE_BEFORE, CAP_PAIR,
                            CAP_WORD, COPULA, COPULA_NOUN_AFTER, ENDS_S, LOWER_WORD,
                            MID_CAP_WORD, NAME_BEFORE, PREDICATE, SUPERLATIVE,
                            NAME_OR_WORD_PAIR, NAME_RUN, OPENING_NAME_ACTS, OPENING_NAME_AFTER,
                            PERSON_HEADS, PLACE_PREP, POSSESSIVE, PRONOUN, QUOTE_EDGE,
                            SENTENCE_OPEN, SENTENCE_STOP, SUBJECT_PRONOUN, AFTER_SUBJECT,
                            NEXT_WORD, VAGUE_EPITHETS, WORDS)
from .names import (COOCCUR_BLOCK, COOCCUR_SHARE, SURNAME_PARTICLES, choose_label,
                    cluster_forms, is_initial, shared_words)



def _given_words(text: str) -> frozenset[str]:
    """The words of NAME_OR_WORD this text uses as given names: written mid-sentence before
    the same capitalised word at least twice ("… to May Welland", "… and May Welland")."""
    pairs = Counter((a, b) for a, b in NAME_OR_WORD_PAIR.findall(text)
                    if b.lower() not in NOT_NAMES)
    return frozenset(a.lower() for (a, _), n in pairs.items() if n >= 2)


def _core(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.split() if w.lower().rstrip(".") not in TITLES)


@dataclass
class Character:
    """One person the text names, with every form the text uses for them."""

    label: str
    """The fullest name, used as the speaker label ("Mr. Bennet", "Daisy Miller")."""
    forms: Counter = field(default_factory=Counter)
    evidence: Evidence = field(default_factory=Evidence)
    """Titles, given name and pronouns after mentions: what the text says of their sex."""
    after_the: int = 0
    """Mentions after "the" or "a": many means a body or a kind ("the Duma", "a Menshevik"),
    not a person."""
    at_place: int = 0
    """Mentions after "in", "at", "from", "to", …: many means a place ("at Iping")."""

    @property
    def thing_like(self) -> bool:
        """Whether the text mostly writes "the" before the name."""
        return self.after_the * 2 > sum(self.forms.values())

    @property
    def place_like(self) -> bool:
        """Whether a fifth or more of the mentions follow a word of place ("at Meryton",
        "left London") and no form carries a title (a person's "Mrs. Manson")."""
        return self.at_place >= 2 and self.at_place * 5 >= sum(self.forms.values()) and \
            not any(" " in f and f.split()[0].rstrip(".").lower() in TITLES for f in self.forms)

    @property
    def gender(self) -> str | None:
        """"m", "f" or None when the evidence is weak or split, or the text mostly calls
        them "it" (gender.Evidence.decide)."""
        return self.evidence.decide()


class Cast:
    """Name mentions of a text and the characters they denote."""

    def __init__(self, text: str, speaker_names: Counter | None = None,
                 speech: list[tuple[int, int]] | None = None,
                 headings: list[tuple[int, int]] = ()):
        """speech: the (open, close) offsets of the text's dialogue quotations, in order
        (found here when not given): the pronouns after a name inside one say nothing of
        the named person's sex. headings: the (start, end) offsets of the text's headings
        and skipped matter, in order: a name written only there ("Author: Charles
        Dickens") is no one of the story."""
        self.text = text
        if speech is None:
            from .quotes import find_quotes
            speech = [(q.open, q.close) for q in find_quotes(text) if q.dialogue]
        self._speech_starts = [s for s, _ in speech]
        self._pronoun_verbs: frozenset[str] | None = None  # _a_verb's, found when first asked
        self._speech_ends = [e for _, e in speech]
        lower = Counter(LOWER_WORD.findall(text))
        # counted at C speed: every capitalised word, and those not opening a sentence
        # (after a lower-case word, a comma, a title or another capitalised word)
        cap = Counter(CAP_WORD.findall(text))
        mid = Counter(MID_CAP_WORD.findall(text))
        mid.update(w for t, w in CAP_PAIR.findall(text) if t.lower() in TITLES)
        runs = NAME_RUN.finditer(text)
        self._lower = lower
        self._cap = cap

        known: dict[str, bool] = {}
        self.given_words = _given_words(text)
        not_names = NOT_NAMES - self.given_words

        def name_word(w: str) -> bool:
            got = known.get(w)
            if got is None:
                base = POSSESSIVE.sub("", w)
                lw = base.lower()
                got = known[w] = lw not in not_names and len(base) >= 2 and \
                    lower[lw] * 4 <= cap[w] + cap[base] and (mid[w] + mid[base]) > 0
            return got
        self.name_word = name_word

        # mentions: (start, end, full form) with leading non-name words stripped
        self._not_names = not_names
        self.mentions: list[tuple[int, int, str]] = []
        form_count: Counter = Counter()
        for m in runs:
            mention = self._mention(m)
            if mention is not None:
                self.mentions.append(mention)
                form_count[mention[2]] += 1
        self.mentions = _rejoin_wrapped(text, self.mentions, form_count)
        if headings:
            self._drop_heading_names(headings, form_count)
        if speaker_names:
            form_count.update(speaker_names)
        self.form_count = form_count
        self._starts = [m[0] for m in self.mentions]
        self._epithets: dict[str, set[int]] | None = None
        self._cluster(form_count)
        self._join_roles()
        self._join_written_aliases()
        self._join_parent_words()

    def _drop_heading_names(self, headings: list[tuple[int, int]], form_count: Counter) -> None:
        """The mentions of the forms the text writes only in its headings and skipped
        matter ("Author: Charles Dickens") left out: no one of the story."""
        starts = [h[0] for h in headings]
        outside = {f for s, _, f in self.mentions if not _inside(s, starts, headings)}
        for f in [f for f in form_count if f not in outside]:
            del form_count[f]
        self.mentions = [m for m in self.mentions if m[2] in outside]

    def _mention(self, m: re.Match) -> tuple[int, int, str] | None:
        """The name one run of capitalised words (NAME_RUN) writes, as (start, end, form);
        None when it names no one ("The", "He", "Mlle." alone)."""
        title, initials, group = m.group(1), m.group(2), m.group(3)
        if initials and not self.name_word(group.split()[0]):
            title = initials = None     # "Plan B. Then": no name after the letter
        if not title and not initials and " " not in group and "\t" not in group:
            # one word, the common case: "The", "He", "Martov"
            if not self.name_word(group) and not self._opening_name(m.start(3), group) or \
                    group.lower() in ABBREVIATED_TITLES:
                return None    # "Mlle. wants": a shortened title alone names no one
            last = POSSESSIVE.sub("", group)
            return m.start(3), m.start(3) + len(last), last
        return self._mention_of_words(m, title, initials, group)

    def _mention_of_words(self, m: re.Match, title: str | None, initials: str | None,
                          group: str) -> tuple[int, int, str] | None:
        """_mention() of a run of several words, or with a title or initials: the leading
        words that are no name stripped ("Then Martov"), the name ended at a possessive or
        a person noun ("the Invisible Man"), the title and initials kept in its form."""
        words = [(w.start() + m.start(3), w.group()) for w in WORDS.finditer(group)]
        i = 0
        while i < len(words) and not self.name_word(words[i][1]) and \
                not (title and words[i][1].lower() in SURNAME_PARTICLES) and \
                not is_initial(words[i][1]):
            i += 1
        if i == 1 and not title and self._lower[words[0][1].lower()] == 0 and \
                words[0][1].lower() not in self._not_names and not ENDS_S.search(words[0][1]):
            i = 0       # "Bessie Beatty" opening a sentence: never written in lower case
        if i:
            title = None
        keep = []
        for n_, (pos, w) in enumerate(words[i:]):
            if not self.name_word(w) and not (n_ == 0 and i == 0 and len(words) > 1) and \
                    w.lower() not in SURNAME_PARTICLES and not is_initial(w):
                if keep and w.lower() in PERSON_HEADS:
                    keep.append((pos, w))   # "the Invisible Man": a name ends in "Man"
                break
            keep.append((pos, w))
            if ENDS_S.search(w):
                break   # "Brett’s": a possessive (or "Where’s") ends a name
        while keep and (keep[-1][1].lower() in SURNAME_PARTICLES or is_initial(keep[-1][1])):
            keep.pop()
        if not keep:
            return None
        last = POSSESSIVE.sub("", keep[-1][1])
        names = [w for _, w in keep[:-1]] + [last]
        if initials:    # "E.W.B." and "E. W.\nB." alike: "E. W. B."
            names = re.findall(r"[A-Z]\.", initials) + names
        if title:
            t = written_title(title)
            form, s0 = " ".join([t] + names), m.start()
        else:
            form, s0 = " ".join(names), m.start(2) if initials else keep[0][0]
        return s0, keep[-1][0] + len(last), form

    def not_name(self, word: str) -> bool:
        """Whether a word is never a name in this text ("The", "Oh"; "May" unless the text
        writes it as a given name, "May Welland")."""
        lw = word.lower()
        return lw in NOT_NAMES and lw not in self.given_words

    def _opening_name(self, s: int, word: str) -> bool:
        """A word opening a sentence, never written in lower case, that acts and that the
        next sentence calls he or she: "Kishkin the dictator took control. He issued…"; or a
        given name of the name lists that acts, and whose sex the next "he" or "she" has:
        "Mara climbed the stairs. … “Is anyone home?” she called." (a name seen only at
        sentence starts, which the counts above cannot tell)."""
        text = self.text
        if self._lower[word.lower()] or word.lower() in NOT_NAMES or len(word) < 3 or \
                not SENTENCE_OPEN.search(text, max(0, s - 3), s + 1) and s > 0:
            return False
        end = s + len(word)
        after = OPENING_NAME_AFTER.match(text, end)
        sex = given_name_sex(word)
        if after is None and word.lower() not in WORD_GIVEN_NAMES and sex:
            pronoun = SUBJECT_PRONOUN.search(text, end, end + PRONOUN_REACH)
            if pronoun and ("f" if pronoun.group().lower() == "she" else "m") == sex:
                after = OPENING_NAME_ACTS.match(text, end)
        if after is None:
            return False
        if sex and not self._verb_follows(after):
            return False    # "Rose early, and went down": no subject, and Rose no one
        acts = after.group(1).lower()
        # "Yesterday it rained", "Afterwards he went": a word of NOT_NAMES next (pronoun,
        # preposition, conjunction) says the opening word is no subject; but "is", "could",
        # "had" (NOT_NAMES too) are verbs, and after a given name they make it the subject;
        # not after one that is an abstract noun too: "Hope was gone", "Dawn was breaking"
        return acts not in NOT_NAMES or (bool(sex) and acts in finite_verbs() and
                                         word.lower() not in WORD_GIVEN_NAMES and
                                         not self._word_before_predicate_noun(word, end))

    def _word_before_predicate_noun(self, word: str, end: int) -> bool:
        """Whether a given name that is mostly an ordinary word ("Frank", "Rose", "Will"),
        written capitalised only this once, is followed by "is" or "was" and a noun phrase:
        "Frank was the word for it. He had said too much" calls no one Frank, as "Rose was
        her colour" no one Rose ("Rose is tired", "Rose could not sleep" still do, and so
        does a noun phrase naming a person: "Rose was a tall girl", "Harry was the youngest",
        "Frank was the quiet one")."""
        if word.lower() not in ORDINARY_WORD_GIVEN_NAMES or self._cap[word] >= 2:
            return False
        copula = COPULA_NOUN_AFTER.match(self.text, end)
        if copula is None:
            return False
        words = LOWER_WORD.findall(PREDICATE.match(self.text, copula.start()).group())
        return not _names_a_person(words[2:])   # the words after "was the"

    def _verb_follows(self, after: re.Match) -> bool:
        """Whether the word after a sentence-opening name (after.group(1)) is a verb, or an
        adverb in -ly with one next: "Rose slowly turned" ("Rose early, and" has none)."""
        word = after.group(1)
        if self._a_verb(word):
            return True
        nxt = NEXT_WORD.match(self.text, after.end(1)) if word.endswith("ly") else None
        return nxt is not None and self._a_verb(nxt.group(1))

    def _a_verb(self, word: str) -> bool:
        """Whether a word is a verb that can follow a subject: a past in -ed, a form of
        WordNet's ("went", "is", "looks", "could": lexicon.finite_verbs), or one the text
        writes right after a subject pronoun somewhere ("she sat"). A given name of the
        lists opening a sentence may be an ordinary word opening one with no subject ("Rose
        early", "Mark my words", "Drew near"): it is the subject, a name, only with a verb
        after it. The text's own usage alone missed the irregular verbs a short text never
        writes after a pronoun ("Rose went to the door", "Mark came in")."""
        if word.endswith("ed") or word in finite_verbs():
            return True
        if self._pronoun_verbs is None:
            self._pronoun_verbs = frozenset(m.lower() for m in AFTER_SUBJECT.findall(self.text))
        return word.lower() in self._pronoun_verbs

    # ---------------------------------------------------------------- clustering
    def _cluster(self, forms: Counter) -> None:
        """People from the name forms (names.py), each with the evidence of its forms."""
        evidence = self._form_evidence()
        # "Reynolds" beside "Mrs. Reynolds" is a surname, whatever the name lists say
        titled_surnames = {_core(f)[-1] for f in forms
                           if len(f.split()) > 1 and f.split()[0].rstrip(".").lower() in TITLES
                           and _core(f)}
        # a given name's sex as the text writes it alone ("Brett ... she"), else the lists'
        self._bare = {f: ev for f, (ev, _, _) in evidence.items() if " " not in f}
        self._husbands = _husbands_names(forms)
        form_sex = {f: _sex_hint(ev, None if f in titled_surnames else self._form_given(f))
                    for f, (ev, _, _) in evidence.items()}
        people = cluster_forms(forms, form_sex, self._apart())
        shared = shared_words(people)
        self.of_form: dict[str, Character] = {}
        self.characters = []
        for person in people:
            ch = Character(choose_label(person, shared), Counter(person))
            for f in person:
                self.of_form[f] = ch
                if f in evidence:
                    ev, the, place = evidence[f]
                    ch.evidence.add(ev)
                    ch.after_the += the
                    ch.at_place += place
            self.characters.append(ch)
        self._same_person_pronouns()
        self._given_names()
        self._ch_by_id: dict[int, Character] = {}
        # which characters each title names: "Doctor Losberne" -> doctor
        by_title: dict[str, set] = defaultdict(set)
        for ch in self.characters:
            for f in ch.forms:
                ws = f.split()
                if len(ws) > 1 and ws[0].rstrip(".").lower() in TITLES:
                    by_title[_title_name(ws[0])].add(id(ch))
                    self._ch_by_id[id(ch)] = ch
        self._by_title = by_title

    def _join_roles(self) -> None:
        """A role the text writes capitalised, mostly after "the", joins the one person the
        text names it for ("the Collector, Mr. Turton,": "the Collector" is Mr. Turton), and
        a bare title the person who bears it far most ("the Major": Major Callendar)."""
        for ch in list(self.characters):
            if not self.role(ch):
                continue
            form = next(iter(ch.forms))
            person = self.epithet(form.lower()) or self._title_bearer(form)
            if person is None or person is ch or person.thing_like:
                continue    # "the King, the Queen, and the Knave": a list of roles
            self.join(ch, person)

    def _join_written_aliases(self) -> None:
        """Two names the text says are one person's ("Mr. John Dawkins, otherwise the Artful
        Dodger"; "Mr. Claypole, alias Bolter") name one person from now on, the one the
        text names more often."""
        for m in ALIAS.finditer(self.text):
            a, b = (self.character(" ".join(m.group(k).split())) for k in (1, 2))
            if a is None or b is None or a is b or a.place_like or b.place_like or \
                    a.gender and b.gender and a.gender != b.gender:
                continue
            less, more = sorted((a, b), key=lambda ch: sum(ch.forms.values()))
            self.join(less, more)

    def _join_parent_words(self) -> None:
        """A parent's word the text capitalises as a name and its informal form are one
        person ("the Grandmother", "Grandmamma"; "Mother" and "Mamma"): the informal form
        joins the standard one, when each is a person of one form."""
        for ch in list(self.characters):
            form = next(iter(ch.forms))
            standard = parent_word(form) if len(ch.forms) == 1 else None
            person = self.of_form.get(standard.capitalize()) if standard else None
            if person is not None and person is not ch and len(person.forms) == 1:
                self.join(ch, person)

    def role(self, ch: Character) -> bool:
        """Whether a character is a role the text writes capitalised, mostly after "the"
        ("the Collector", "the Jew"): one one-word form, no title."""
        return len(ch.forms) == 1 and ch.thing_like and " " not in next(iter(ch.forms))

    def join(self, role: Character, person: Character) -> None:
        """The role's forms name the person from now on ("the Collector" is Mr. Turton)."""
        person.forms.update(role.forms)
        for form in role.forms:
            self.of_form[form] = person
        self.characters.remove(role)

    def _title_bearer(self, title: str) -> Character | None:
        """The person a bare title stands for ("the Major": Major Callendar): its usual
        bearer, when the text names that person with the title at least as often as it
        writes the title alone. "The General" a hundred times beside one "General Perovski"
        is a general of his own; but a rank of the nobility ("the Marchioness") is the one
        person the text names with it ("Marchioness Manson"), however often it stands
        alone."""
        if title.lower() not in TITLES:
            return None
        if title.lower() in RANKS and self.titled(title) is not None:
            return self.titled(title)
        bearer = self.usual_bearer(title)
        if bearer is None:
            return None
        named = _titled_mentions(bearer, _title_name(title))
        return bearer if named >= self.form_count[title] else None

    def _apart(self) -> set[frozenset[str]]:
        """Pairs of forms the text writes in one sentence often enough to be two people
        ("Mr. Knightley and Mr. John Knightley")."""
        text = self.text
        pairs: Counter = Counter()
        ms = self.mentions
        for i, (s, e, f) in enumerate(ms):
            seen = set()
            for j in range(i + 1, min(i + 6, len(ms))):
                s2, e2, f2 = ms[j]
                if s2 - e > 200 or SENTENCE_STOP.search(text, e, s2):
                    break
                if f2 != f and f2 not in seen:
                    seen.add(f2)
                    pairs[frozenset((f, f2))] += 1
        fc = self.form_count
        return {k for k, n in pairs.items()
                if n >= COOCCUR_BLOCK and n >= COOCCUR_SHARE * min(fc[f] for f in k)}

    def _form_evidence(self) -> dict[str, tuple[Evidence, int, int]]:
        """Per name form: its titles and the pronoun after each mention (gender.py weighs
        them), and how often it follows "the" and a word of place."""
        text = self.text
        mentions = self.mentions
        self._pronouns = self._pronouns_after()
        out: dict[str, tuple[Evidence, int, int]] = {}
        counts: dict[str, list[int]] = {}
        for f, n in self.form_count.items():
            ev = Evidence()
            ws = f.split()
            t = ws[0].rstrip(".").lower()
            if len(ws) > 1 and t in TITLES and t not in NEUTRAL_TITLES:
                if t in MALE_TITLES:
                    ev.title_m += n
                else:
                    ev.title_f += n
            out[f] = (ev, 0, 0)
            counts[f] = [0, 0]
        for i, (s, e, f) in enumerate(mentions):
            ev = out[f][0]
            art = ARTICLE_BEFORE.search(text, max(0, s - 4), s)
            if art:     # "the Duma", "a Menshevik"
                counts[f][0] += 1
                if PLACE_PREP.search(text, max(0, art.start() - 12), art.start()):
                    counts[f][1] += 1   # "at the Casino"
            elif PLACE_PREP.search(text, max(0, s - 12), s):
                counts[f][1] += 1
            if not self._in_speech(s):
                _count_pronoun(ev, self._pronouns[i][0])
        return {f: (ev, counts[f][0], counts[f][1]) for f, (ev, _, _) in out.items()}

    def _in_speech(self, pos: int) -> bool:
        """Whether an offset lies inside a dialogue quotation ("Lizzy, he is gone": that
        "he" is someone else, and a name spoken to is followed by "you")."""
        k = bisect_right(self._speech_starts, pos) - 1
        return k >= 0 and pos < self._speech_ends[k]

    def _pronouns_after(self) -> list[tuple[str | None, str | None]]:
        """Per mention: the pronoun after it before the next name of another form, and the
        one after it before the end of the stretch (which counts when that next name is the
        same person's: "Admiral Verderevsky … Verderevsky … he")."""
        text = self.text
        mentions = self.mentions
        out = []
        for i, (s, e, f) in enumerate(mentions):
            # "Ellery nodded to Dorn, and he left": a pronoun after another name may be
            # that one's
            reach = e + PRONOUN_REACH
            stop = reach
            if i + 1 < len(mentions) and mentions[i + 1][2] != f:
                stop = min(stop, mentions[i + 1][0])
            near = pronoun_after(text, s, e, stop)
            out.append((near, near if stop == reach else pronoun_after(text, s, e, reach)))
        return out

    def _same_person_pronouns(self) -> None:
        """Count the pronouns a mention's form could not claim because another form came
        first, where that form turned out to be the same person's."""
        mentions = self.mentions
        for i, (s, e, f) in enumerate(mentions):
            near, far = self._pronouns[i]
            if near is None and far is not None and i + 1 < len(mentions) and \
                    not self._in_speech(s):
                ch = self.of_form.get(f)
                if ch is not None and self.of_form.get(mentions[i + 1][2]) is ch:
                    _count_pronoun(ch.evidence, far)

    def _given_names(self) -> None:
        """Each person's given-name prior, from the fullest form that has one."""
        for ch in self.characters:
            ev = ch.evidence
            # "Reynolds" beside "Mrs. Reynolds" is her surname, whatever the name lists say
            surnames = {_core(f)[-1] for f in ch.forms
                        if len(f.split()) > 1 and f.split()[0].rstrip(".").lower() in TITLES
                        and _core(f)}
            for f, n in ch.forms.most_common():
                ws = f.split()
                t = ws[0].rstrip(".").lower()
                titled = len(ws) > 1 and t in TITLES and t not in NEUTRAL_TITLES
                core = _core(f)
                # the one word after "Mr." or "Mrs." is a surname ("Mrs. Weston"), not a
                # given name; after a given name ("Miss Emma Woodhouse") it is one. A place
                # or a thing ("at Florence", "the Nile") has no given name.
                if core and not ev.given_name and (len(core) > 1 or not titled) \
                        and not (len(core) == 1 and core[0] in surnames) \
                        and not ch.place_like and not ch.thing_like:
                    ev.given_name = self._given_sex(core[0]) or ""

    def _given_sex(self, name: str) -> str | None:
        """The sex of a given name in this text (gender.given_name_in_text); a man's for a
        husband's name the lists do not know ("Thorley" of "Mrs. Thorley Rushworth")."""
        return given_name_in_text(name, self._bare.get(name)) or \
            ("m" if name in self._husbands else None)

    def _form_given(self, form: str) -> str | None:
        """The sex of a form's first name ("Tom Gradgrind"), not of the surname after a
        title ("Mrs. Weston")."""
        core = _core(form)
        if not core or len(core) == 1 and len(form.split()) > 1:
            return None
        return self._given_sex(core[0])

    # ---------------------------------------------------------------- queries
    def character(self, form: str) -> Character | None:
        """The character a name form denotes, if the text names one ("Mlle Blanche" and
        "Mlle. Blanche" alike)."""
        ch = self.of_form.get(form)
        if ch is None:
            form = POSSESSIVE.sub("", form)
            ch = self.of_form.get(form)
            first, _, rest = form.partition(" ")
            if ch is None and rest and first.rstrip(".").lower() in TITLES:
                ch = self.of_form.get(written_title(first.rstrip(".")) + " " + rest)
        return ch

    def titled(self, title: str) -> Character | None:
        """The one character the text gives this title ("the doctor"), if exactly one."""
        ids = self._by_title.get(_title_name(title), ())
        return self._ch_by_id[next(iter(ids))] if len(ids) == 1 else None

    def usual_bearer(self, title: str) -> Character | None:
        """The person the text gives this title far more often than anyone else (four times
        as often as all the others together): "her ladyship" is Lady Catherine, named with
        "Lady" 108 times, beside a Lady Lucas named 16 times."""
        t = _title_name(title)
        counts: Counter = Counter()
        for i in self._by_title.get(t, ()):
            counts[i] = _titled_mentions(self._ch_by_id[i], t)
        if not counts:
            return None
        best, n = counts.most_common(1)[0]
        return self._ch_by_id[best] if n >= 4 * (sum(counts.values()) - n) else None

    def lower_count(self, word: str) -> int:
        """How often the text writes this word in lower case."""
        return self._lower[word.lower()]

    def epithet(self, noun: str) -> Character | None:
        """The one character the text calls "the <noun>" in apposition ("Mr. Bumble, the
        beadle," / "the beadle, Mr. Bumble"), if exactly one."""
        if self._epithets is None:
            found: dict[str, set[int]] = defaultdict(set)
            pairs = []
            for m in APPOSED_AFTER.finditer(self.text):
                before = NAME_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
                if before:
                    pairs.append((before.group(1), m.group(1)))
            pairs += [(m.group(2), m.group(1)) for m in APPOSED_BEFORE.finditer(self.text)]
            # "Eugenio's our courier", "Mr. Fang was the magistrate"
            pairs += [(m.group(1), m.group(2)) for m in COPULA.finditer(self.text)]
            for name, noun_ in pairs:
                ch = self.character(name)
                noun_ = noun_.lower()
                # a person's role, not "Fagin, the dog" of a list nor "Meryton, the scene";
                # a vague noun ("the man") is whoever the scene means
                if ch is not None and speaker_noun(noun_) and noun_ not in VAGUE_EPITHETS and \
                        noun_ not in NOT_NAMES and ch.label.lower() != noun_ and \
                        not ch.place_like:
                    found[noun_].add(id(ch))
                    self._ch_by_id[id(ch)] = ch
            self._epithets = found
        ids = self._epithets.get(noun, ())
        return self._ch_by_id[next(iter(ids))] if len(ids) == 1 else None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Name mentions inside [start, end)."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            out.append(self.mentions[i])
            i += 1
        return out


LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
WHOLE_TWICE = 2
"""Times a name must be written whole on one line for its two halves across a line break to
be read as it."""


def _rejoin_wrapped(text: str, mentions: list[tuple[int, int, str]],
                    form_count: Counter) -> list[tuple[int, int, str]]:
    """The mentions, a name a hard-wrapped text breaks over two lines ("Mrs. Manson" at a
    line's end, "Mingott" at the next one's start) read as one when the text writes the
    whole name on one line WHOLE_TWICE times elsewhere (form_count holds the forms written,
    and is updated): two capitalised words across a line break are not always one name
    ("Archer" and the Archer Madeira), but a name the text already knows whole is."""
    out: list[tuple[int, int, str]] = []
    for mention in mentions:
        if out:
            s0, e0, f0 = out[-1]
            whole = f0 + " " + mention[2]
            if form_count[whole] >= WHOLE_TWICE and LINE_BREAK.fullmatch(text, e0, mention[0]):
                for half in (f0, mention[2]):
                    form_count[half] -= 1
                    if form_count[half] <= 0:
                        del form_count[half]    # no longer written alone
                form_count[whole] += 1
                out[-1] = (s0, mention[1], whole)
                continue
        out.append(mention)
    return out


PRONOUN_REACH = 160
"""Characters after a mention its pronoun is looked for in."""
SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _inside(pos: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies in one of the spans (in order; starts: their starts)."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def pronoun_after(text: str, s: int, e: int, stop: int) -> str | None:
    """The first pronoun (lower case) after the mention text[s:e] and before stop, in its
    sentence (or the next one, for a mention opening a sentence), before any quotation
    mark."""
    window = text[e:stop]
    cut = QUOTE_EDGE.search(window)
    if cut:
        window = window[:cut.start()]
    # a sentence subject's pronoun may come in the next sentence
    j = s - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    keep = 2 if (j < 0 or text[j] in ".!?,;\n") else 1
    # cut at the keep-th sentence end, if there is one
    end = next(islice(SENTENCE_BREAK.finditer(window), keep - 1, None), None)
    if end is not None:
        window = window[:end.start()]
    m = PRONOUN.search(window)
    return m.group(1).lower() if m else None


def _count_pronoun(ev: Evidence, pronoun: str | None) -> None:
    if pronoun in ("he", "him", "his", "himself"):
        ev.pronoun_m += 1
    elif pronoun in ("its", "itself"):
        ev.its += 1     # "the Caterpillar took the hookah out of its mouth"
    elif pronoun:
        ev.pronoun_f += 1


def _husbands_names(forms: Counter) -> set[str]:
    """Bare forms that are the given name in a married woman's "Mrs. Newland Archer": her
    husband's name, a man's, unless the lists give it to women ("Mrs. Mary Smith")."""
    out = set()
    for f in forms:
        ws = f.split()
        if len(ws) == 3 and ws[0].rstrip(".").lower() == "mrs" and ws[1] in forms \
                and given_name_sex(ws[1]) != "f":
            out.add(ws[1])
    return out


def _sex_hint(ev: Evidence, given: str | None) -> str | None:
    """A form's sex when its titles, pronouns and given name lean clearly one way: a hint
    that keeps "Mrs. Gradgrind" from joining "Tom Gradgrind", weaker than Evidence.decide."""
    hint = Evidence(**{**ev.to_dict(), "given_name": given or ""})
    male, female = hint.weights()
    if male > max(1.0, 1.5 * female):
        return "m"
    if female > max(1.0, 1.5 * male):
        return "f"
    return None


def written_title(title: str) -> str:
    """A title as name forms write it: with its dot when it is a shortened one ("Mr.",
    "Mlle.", "M."), whether or not this text writes the dot."""
    return title + "." if title.lower() in ABBREVIATED_TITLES else title


def _titled_mentions(ch: Character, title: str) -> int:
    """How often the text names a character with this title (as _title_name gives it) and a
    name after it: "Major Callendar", not a bare "the Major"."""
    return sum(n for f, n in ch.forms.items() if " " in f and _title_name(f.split()[0]) == title)


def _title_name(t: str) -> str:
    t = t.rstrip(".").lower()
    return {"dr": "doctor", "mr": "mister", "rev": "reverend"}.get(t, t)


def _names_a_person(words: list[str]) -> bool:
    """Whether a predicate's noun phrase after its determiner names a person: a noun of
    persons ("a tall girl", "the oldest of the brothers"), a superlative standing for one
    ("the youngest", "the eldest of five"), or "one" ending it ("the quiet one"); not "the
    word for it", "the one thing he lacked"."""
    if words and (SUPERLATIVE.fullmatch(words[0]) and words[1:2] in ([], ["of"]) or
                  words[-1] == "one"):
        return True
    return any(w not in DETERMINERS and person_noun_or_plural(w) for w in words)

