"""People in the narration: names, descriptions and pronouns that act ("a delegate barred his
way", "She went on growing"), people brought in ("a stout man"), and signs of age."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..cast.character import Character
from ..lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, SPEECH_VERBS, person_noun
from ..name_patterns import child_before
from ..quotes import Quote
from ..scan import word_start
from .reader import Reader, Tag
from .salience import Salience
from .who import Who, desc_age, fits, generic_words
from .words import (CONTRAST, FUNCTION_WORDS, GENERIC_HEADS, MODALS, SENTENCE_END, SENTENCE_STOP,
                    ends_in_dash)


@dataclass
class NarrationPeople:
    """The people the narration shows, for the sieves that look back from a quote."""

    salience: Salience = field(default_factory=Salience)
    """Mentions in the narration (names, descriptions, pronouns acting) and settled speakers."""
    dialogue_names: list[tuple[int, int, Who]] = field(default_factory=list)
    """(offset, paragraph, person) of each name said inside a quote, in order."""
    dialogue_name_pos: list[int] = field(default_factory=list)
    introductions: list[tuple[int, int, Who]] = field(default_factory=list)
    """(paragraph, offset, person) of each person brought in by the narration ("a stout
    man"), in order."""
    introduction_pos: list[int] = field(default_factory=list)
    introduced: set[str] = field(default_factory=set)
    """Keys of the people brought in."""
    young: set[str] = field(default_factory=set)
    """Keys of the named the narration calls little or young ("little Oliver")."""
    adult: set[str] = field(default_factory=set)
    """Keys of the named the narration calls Mr., Mrs. ... (grown-ups)."""


def read_people(reader: Reader, text: str, quotes: list[Quote], paras, quote_para,
                tags: list[Tag | None], narrator: Who | None) -> NarrationPeople:
    """Who the narration mentions, and how: names (a guess whether each is a subject),
    descriptions and pronouns that open a clause, the narrator acting ("I went out") when
    `narrator` is given, names said in the dialogue, people brought in, ages."""
    sal = Salience(text, [(q.open, q.close) for q in quotes])
    spoke = {t.who.key for t in tags if t is not None and t.who is not None}
    young_ev: Counter = Counter()
    adult_ev: Counter = Counter()
    dialogue_names = _add_names(reader, sal, text, quotes, paras, spoke, young_ev, adult_ev)
    sal.seal()
    young = {k for k, c in young_ev.items() if c >= 4 and c > 3 * adult_ev[k]}
    adult = {k for k, c in adult_ev.items() if c >= 1 and c > 3 * young_ev[k]}
    add_np_subjects(_Subjects(reader, sal, text, paras, young, adult), quotes, quote_para,
                    narrator)
    sal.persons = spoke
    intros = introductions(reader, text, paras, quotes, quote_para)
    return NarrationPeople(sal, dialogue_names, [x[0] for x in dialogue_names], intros,
                           [x[1] for x in intros], {x[2].key for x in intros}, young, adult)


def _add_names(reader: Reader, sal: Salience, text: str, quotes, paras, spoke: set[str],
               young_ev: Counter, adult_ev: Counter) -> list[tuple[int, int, Who]]:
    """Put the cast's mentions in the narration into salience (places and things only when
    they speak somewhere; a name no he or she ever follows, named often and never speaking,
    a creature: SEXLESS_MENTIONS), counting signs of age; return the names said in the
    dialogue."""
    cast = reader.cast
    pstart = [p[0] for p in paras]
    quote_spans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    dialogue_names: list[tuple[int, int, Who]] = []
    silent_names: Counter = Counter()
    facts = _Facts()
    for s, e, form in cast.mentions:
        para = max(0, bisect_right(pstart, s) - 1)
        k = bisect_right(qstarts, s) - 1
        ch = cast.character(form)
        place_like, thing_like, gender = facts.of(ch)
        if k >= 0 and quote_spans[k][0] <= s < quote_spans[k][1]:
            if ch is not None and not place_like and not thing_like:
                dialogue_names.append((s, para, reader.who_of_character(ch)))
            continue        # inside a quote: not narration
        if ch is None or place_like and gender is None:
            continue    # a place of no sex is never a person a pronoun means
        if (thing_like and gender is None or place_like) and \
                reader.who_of_character(ch).key not in spoke:
            continue    # other places and things only when they speak somewhere
        who = reader.who_of_character(ch)
        subject = looks_subject(text, s, e)
        sal.add(para, s, who, subject)
        if not subject and after_speech_verb(text, s):
            sal.tag_subjects.add(s)
        if subject and paired(text, s, e):
            sal.paired.add(s)
        if gender is None and who.key not in sal.leans:     # Salience.leans
            lean = ch.evidence.weighed_lean()
            if lean is not None:
                sal.leans[who.key] = lean
        if thing_like and gender is None:
            sal.creatures.add(who.key)
        if gender is None and _never_he_or_she(ch) and who.key not in spoke:
            silent_names[who.key] += 1      # a person, or a language, a college, a people
        count_age(text, s, form, who.key, young_ev, adult_ev)
    sal.creatures.update(k for k, n in silent_names.items() if n >= SEXLESS_MENTIONS)
    return dialogue_names


class _Facts:
    """A character's place_like, thing_like and gender (properties worked out from its
    evidence at every read), read once a character: _add_names asks them at each of a
    novel's thousands of mentions, and nothing there changes a character."""

    def __init__(self) -> None:
        self._of: dict[int, tuple[bool, bool, str | None]] = {}

    def of(self, ch: Character | None) -> tuple[bool, bool, str | None]:
        """(place_like, thing_like, gender) of ch; (False, False, None) of no character."""
        if ch is None:
            return False, False, None
        got = self._of.get(id(ch))
        if got is None:
            got = self._of[id(ch)] = (ch.place_like, ch.thing_like, ch.gender)
        return got


SEXLESS_MENTIONS = 4
"""Mentions in the narration after which a name that never speaks and that no "he" or "she"
ever follows reads as no person (a language, a college, a people: "Persian filled the
evening. “…,” he said"): like a creature, not the person a "he said" means till last."""


def _never_he_or_she(ch: Character) -> bool:
    """Whether the text gives a name no sex at all: no he or she after a mention, no tag."""
    ev = ch.evidence
    return ch.gender is None and not (ev.pronoun_m or ev.pronoun_f or ev.tag_m or ev.tag_f)


INVERTED_TAG = re.compile(r"[”’\"'][,;]?[ \t\n]+([a-z]+)[ \t\n]+$")
"""A closing quotation mark and a lower-case word after it, up to a mention: the verb of an
inverted tag ("“Never!” cried Orla")."""


def after_speech_verb(text: str, s: int) -> bool:
    """Whether the mention at s is the subject of an inverted tag: a verb of saying
    (lexicon.SPEECH_VERBS) right after a quotation's closing mark, then the name ("“Never!”
    cried Orla. She ran to the door": Orla, whom the "She" goes on with)."""
    m = INVERTED_TAG.search(text, max(0, s - 30), s)
    return m is not None and m.group(1) in SPEECH_VERBS


def looks_subject(text: str, s: int, e: int) -> bool:
    """Whether a mention opens a clause (a sentence, or after a comma, a dash, "--" (a plain
    text's dash: "the hour was late.--Ottilie was yawning") or a conjunction)."""
    j = s - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    if j >= 2 and text[j - 2:j + 1] in ("the", "The") and (j < 3 or not text[j - 3].isalpha()):
        j -= 3      # "The Dormouse slowly opened his eyes": the article opens the clause
        while j >= 0 and text[j] in " \t\n":
            j -= 1
    opens_sentence = j < 0 or text[j] in ".!?\"”’" or "\n" in text[j:s]
    if e < len(text) and text[e] in "’'":
        # "Martov's way": a possessive, not the actor; but the owner of a sentence's subject
        # is what the next "he" most often means ("Lenin’s first appearance was brief. He…")
        return opens_sentence and OWNER_OF_SUBJECT.match(text, e) is not None
    return j < 0 or text[j] in ".!?\"”’;:,\n(" or ends_in_dash(text, j + 1) or \
        text[max(0, j - 3):j + 1].lower() in (" and", "then", " but") or _inverted(text, j + 1)


NAME_AND = re.compile(r"\b[A-Z][\w’'.-]*[ \t\n]+and[ \t\n]+$")
"""A capitalised word and "and" right before a mention: the second of two named together."""
AND_NAME = re.compile(r"[ \t\n]+and[ \t\n]+(?!I\b)[A-Z]")
""""and" and a capitalised word (not "I") right after a mention: the first of two."""


def paired(text: str, s: int, e: int) -> bool:
    """Whether the mention at s:e is one of two names joined by "and" ("Tom Hale and Ned
    Price went out"): the two act together, a "they", not the "he" of a later tag. "and I",
    and a lower-case word before or after the "and" ("the gate shut and Ned sat down"),
    join no two names."""
    return NAME_AND.search(text, max(0, s - 40), s) is not None or \
        AND_NAME.match(text, e) is not None


INVERTING = frozenset("did had could would should might must can will shall does do has".split())
"""Auxiliaries a sentence may put before its subject ("More than once did Christina …",
"Nor had Emma …", "Did Anne …?")."""
INVERTING_CASED = INVERTING | {w.capitalize() for w in INVERTING}
INVERTED_BLOCK = frozenset("i he she it we they you who which that there what the a an his her "
                           "its my our your their this these those".split())
INVERTED_WORDS = 5
CLAUSE_MARK = re.compile(r"[;:—]")
"""Marks after which a clause opens as a sentence does (words.SENTENCE_STOP is where a
sentence stops: not at the dot of "Mr.")."""


def _inverted(text: str, end: int) -> bool:
    """Whether the text up to `end` opens a sentence with an auxiliary last (INVERTING): a
    name right after it is the clause's subject. The words before the auxiliary, at most
    INVERTED_WORDS, are lower case after the first (a name would be the subject: "Then Jane
    had Christina …") and none a subject pronoun, a relative or a determiner (INVERTED_BLOCK:
    "Then he had Christina …", "The letter had Emma's name")."""
    last = text[max(0, end - 7):end].split()
    if not last or last[-1] not in INVERTING_CASED:
        return False        # most names: no auxiliary right before them, nothing to read
    head = text[max(0, end - 60):end]
    stops = (*SENTENCE_STOP.finditer(head), *CLAUSE_MARK.finditer(head))
    cut = max((m.end() for m in stops), default=None)
    if cut is None and end > 60:
        return False
    words = head[cut or 0:].split()
    return 0 < len(words) <= INVERTED_WORDS and words[-1].lower() in INVERTING and \
        all(w.isalpha() for w in words) and all(w.islower() for w in words[1:]) and \
        not INVERTED_BLOCK.intersection(w.lower() for w in words)


OWNER_OF_SUBJECT = re.compile(r"[’']s?\s+(?:\w+\s+){0,6}(?:was|were|had|is|came|began)\b")
"""A possessive that owns the subject of its sentence: "Lenin’s first public appearance was"."""


# a clause may open with the mark of a quoted account: ‘Another sailor came up…
# (this pattern opens on a lookahead for the characters a match can start with, which
# changes no match but lets the search fail sooner elsewhere; FIRST_SUBJECT and
# PRONOUN_SUBJECT open on their first letter, which lets it pass the others at once: scan.py)
NP_SUBJECT = re.compile(r"(?=[\s‘“\"'ABOSTYabt])(?:^|(?<=[.!?,;]\s)|(?<=\n))\s*[‘“\"']?"
                        r"(?:(?:And|But|Then|So|Yet|and|but|then)\s+)?"
                        r"(The|A|An|Another|One|the|a|an|another)\s+"
                        r"((?:[a-z][a-z-]+\s+){0,3}[a-z][a-z-]+)\b")


PAIR_JOIN = re.compile(r"[^\s,;:!?—][^,;:!?—()]{0,40}?\s+and\s+(?:[a-z]+\s+){0,3}")
"""What lies between the first of two people named together and the second: the first's
name and "and", with a few words of the second's description ("Jane and ", "Mr. Orme
and his friend "), no stop between clauses."""


FIRST_SUBJECT = re.compile(r"I(?:(?<=^I)|(?<=[.!?;,]\sI)|(?<=\band\sI)|(?<=\bthen\sI))\s+(?=[a-z])")


def add_np_subjects(subjects: _Subjects, quotes, qpara, first: Who | None = None) -> None:
    """Descriptions that open a clause of narration ("a delegate barred his way"), pronouns
    that do (chain), and the narrator acting ("I went out") when the story is told in the
    first person (`first` given), into the salience the subjects are read for."""
    sal, text = subjects.sal, subjects.text
    for pi, segs in narration_segments(subjects.paras, quotes, qpara):
        for a, b in segs:
            if b - a < 8:
                continue
            chunk = text[a:b]
            if first is not None:
                for m in FIRST_SUBJECT.finditer(chunk):
                    sal.insert(pi, a + m.start(), first, True)
            pron = [(a + m.start(), m.group(1).lower()) for m in PRONOUN_SUBJECT.finditer(chunk)
                    if opens_clause(chunk, m.start())]
            pk = 0
            for m in NP_SUBJECT.finditer(chunk):
                while pk < len(pron) and pron[pk][0] < a + m.start():
                    chain(sal, pi, *pron[pk], text)
                    pk += 1
                who = subjects.of(pi, a, chunk, m)
                if who is not None:
                    sal.insert(pi, a + m.start(2), who, True)
            while pk < len(pron):
                chain(sal, pi, *pron[pk], text)
                pk += 1


class _Subjects:
    """Reads who a description opening a clause of narration is: the text with its reader,
    paragraphs and salience, and the people the narration shows young or grown-up."""

    def __init__(self, reader: Reader, sal: Salience, text: str, paras, young_keys, adult_keys):
        self.reader, self.sal, self.text, self.paras = reader, sal, text, paras
        self.young_keys, self.adult_keys = young_keys, adult_keys

    def of(self, pi: int, a: int, chunk: str, m: re.Match) -> Who | None:
        """The person an NP_SUBJECT match in chunk (at text offset a) stands for, or None
        when it is no subject or no person ("the doors", "a good deal")."""
        if m.group(1)[0].islower() and m.start() > 0 and \
                chunk[:m.start(1)].rstrip()[-1:] not in ",;":
            return None
        if m.group(1)[0].islower() and self._apposition(a + len(chunk[:m.start(1)].rstrip())):
            return None
        the = m.group(1).lower() == "the"
        first_word = m.group(2).split()[0]
        if the and first_word in ("former", "latter"):
            return self._of_pair(pi, a + m.start(2), first_word)
        words = self._person_words(m.group(2).split(), the)
        if words is None:
            return None
        head, pos = words[-1], a + m.start(2)
        if head in GENERIC_HEADS and len(words) == 1:
            # "The man": the person just described, if any; now we know their sex
            prev = self.sal.recent(pi, pos, None, window=1)
            if prev is not None and prev.key.startswith("d:"):
                g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
                return self.reader.regender(prev, g) if g and prev.gender is None else prev
        cast = self.reader.cast
        ch = cast.titled(head) or cast.epithet(head) if len(words) == 1 and the else None
        if ch is None and the and generic_words(words) and \
                self.text.find(m.group(2), self.paras[max(0, pi - 1)][0], a + m.start()) < 0:
            named = self._just_named(pi, pos, words)
            if named is not None:
                return named
        return self.reader.who_of_character(ch) if ch is not None \
            else self.reader.who_of_np(words)

    def _apposition(self, after: int) -> bool:
        """Whether the text just before `after` is a name and a comma: the description after
        it is that name's apposition ("Having thanked Mrs. Pell Harcourt, a tall grey
        woman in a rustling cape, he took his seat"), no one new acting."""
        comma = after - 1
        if self.text[comma:after] != ",":
            return False
        return any(e == comma for _, e, _ in self.reader.cast.mentions_in(comma - 40, comma))

    def _of_pair(self, pi: int, pos: int, which: str) -> Who | None:
        """"When Jane and Christina were alone, the former, …": the first of the last two
        people the narration named (in this paragraph or the one before) when it named
        them together ("X and Y"), the latter the second; else None ("Mr. Dunmore came. Mr.
        Orme sat with Mr. Garside. The latter": no pair)."""
        events = [(at, who) for _, at, who, _ in self.sal.events_in(
            self.paras[max(0, pi - 1)][0], pos) if who.key[0] in "cn"]
        if len(events) < 2:
            return None
        (x_at, x), (y_at, y) = events[-2:]
        if x.key == y.key or not PAIR_JOIN.fullmatch(self.text, x_at, y_at):
            return None
        return x if which == "former" else y

    def _person_words(self, words: list[str], the: bool) -> list[str] | None:
        """The words up to the description's person noun ("old man" of "old man stood"), or
        a title the cast knows one person by ("the doctor"); None without one."""
        cast = self.reader.cast
        cut = next((i for i, w in enumerate(words) if w in PERSON_NOUNS or
                    i == 0 and the and (cast.titled(w) or cast.epithet(w))), None)
        if cut is None or cut + 1 < len(words) and words[cut + 1] in PERSON_NOUNS or \
                any(w in FUNCTION_WORDS for w in words[:cut]):
            return None     # "The moment his mother had gone": no one is "the moment"
        return words[:cut + 1]

    def _just_named(self, pi: int, pos: int, words: list[str]) -> Who | None:
        """"when Mrs. Tansley returned. The old lady motioned to him": the one just named, of
        that sex and age (unless the paragraph already had "the old lady" beside her)."""
        head = words[-1]
        g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
        if not g:
            return None
        age = desc_age(Who("d:" + " ".join(words).lower(), "", g))
        exclude = self.young_keys if age == "adult" else self.adult_keys if age == "young" else ()
        return self.sal.latest_named(pi, pos, g, window=1, exclude=exclude)


def narration_segments(paras, quotes, qpara):
    """Per paragraph, (index, [(start, end), ...]): the stretches of it outside its quotes."""
    qi = 0
    n = len(quotes)
    for pi, (ps, pe) in enumerate(paras):
        segs = []
        seg_start = ps
        while qi < n and qpara[qi] < pi:
            qi += 1
        k = qi
        while k < n and qpara[k] == pi:
            segs.append((seg_start, quotes[k].open))
            seg_start = quotes[k].close
            k += 1
        segs.append((seg_start, pe))
        yield pi, segs


INTRO = re.compile(word_start("[Aa]") + r"n?\s+(?=((?:[a-z][a-z-]+[ \t\n]+){0,3}[a-z][a-z-]+))")
INTRO_BLOCK = re.compile(r"(?:\b(?:as|like|than|such|what|quite|was|is|be|been|were|being|"
                         r"become|became|not|never|every|half|seemed|seems|looked|many|"
                         r"rather|of)\s*)$", re.I)
_SUBJECTS = r"(?:he|she|it|they|we|you)\b"   # a subject pronoun: the clause describes
EXISTENTIAL = re.compile(r"(?:(?:[Aa]nd|[Bb]ut|[Tt]hen)\s+)?(?:[Tt]here|(?:[Ii]n|[Oo]n|[Aa]t|"
                         r"[Bb]eside|[Bb]ehind|[Nn]ear|[Aa]mong|[Ii]nside|[Oo]pposite)\s+"
                         r"(?:the|a|an|our|my|his|her|their|its|this|that)\s+"
                         r"(?:(?!" + _SUBJECTS + r"\s)[a-z-]+\s+){0,4}?(?!" + _SUBJECTS +
                         r"\s)[a-z-]+)\s+(?:was|were|is|are)\s*")
"""A clause that brings someone in with "was", "were", "is" rather than saying what someone
is: "there was a man at the door", "On the far bench sat a boy and his uncle" (a place
before the verb, the person after it), where "He was an old man" and "At the time he was a
doctor" (a subject after the place) describe someone there."""
CLAUSE_START = re.compile(r"[.!?;:—]\s*")     # a line break of a hard-wrapped text is none
EXISTENTIAL_CHARS = 60  # characters back from the article to the clause's start


def _existential(text: str, lo: int, at: int) -> bool:
    """Whether the clause before the article at `at` (its segment starting at lo) is
    EXISTENTIAL, from the clause's start."""
    start = max(lo, at - EXISTENTIAL_CHARS)
    head = text[start:at]
    cut = max((m.end() for m in CLAUSE_START.finditer(head)), default=None)
    if cut is None and start > lo:
        return False                # the clause runs back further: not one to read
    return EXISTENTIAL.fullmatch(head, cut or 0) is not None


INTRO_WINDOW = 6        # paragraphs a person brought in by the narration stays the one meant
INTRO_SKIP = frozenset("one other voice voices crowd figure creature person people friend "
                       "member speaker general official".split())   # "a general cry"

def introductions(reader: Reader, text: str, paras, quotes, qpara):
    """People the narration brings in with an indefinite description ("at the gate they
    met a thin woman carrying a lamp"): (para, pos, who), in order."""
    out = []
    for pi, segs in narration_segments(paras, quotes, qpara):
        for a, b in segs:
            if b - a < 6:
                continue
            for m in INTRO.finditer(text, a, b):
                if INTRO_BLOCK.search(text, max(a, m.start() - 12), m.start()) and \
                        not _existential(text, a, m.start()):
                    continue
                words = m.group(1).split()
                cut = next((i for i, w in enumerate(words) if w in PERSON_NOUNS), None)
                if cut is None:     # "a watchman", "a turnkey"
                    cut = next((i for i, w in enumerate(words) if person_noun(w)), None)
                if cut is None:
                    continue
                if any(w in FUNCTION_WORDS or w in MODALS for w in words[:cut]):
                    continue        # "a moment his mother", "a word to the girl", "an
                                    # hour could have" (WordNet's "have", a rich person)
                if cut + 1 < len(words) and words[cut + 1] in PERSON_NOUNS:
                    cut += 1        # "a police officer", "a man-cook"
                words = words[:cut + 1]
                head = words[-1]
                if head in INTRO_SKIP or head.endswith("s") and head not in MALE_NOUNS | \
                        FEMALE_NOUNS or head in ("men", "women", "people", "children"):
                    continue
                if any(w in CONTRAST for w in words):
                    continue
                out.append((pi, m.start(), reader.who_of_np(words, definite=True)))
    return out



def intro_for(intros, intro_pos, desc: Who, para: int, pos: int, exclude):
    """The latest person brought in within INTRO_WINDOW paragraphs whom desc can mean."""
    words = desc.label.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    if not words:
        return None
    k = bisect_right(intro_pos, pos - 1) - 1
    while k >= 0:
        ip, at, who = intros[k]
        k -= 1
        if ip < para - INTRO_WINDOW:
            break
        if who.key in exclude:
            return None
        if fits(words, who):
            return at, ip, who
    return None


ADULT_TITLES = frozenset("mr mrs dr doctor sir lady madame mme monsieur captain colonel count "
                         "countess lord mister professor reverend rev".split())


def count_age(text: str, s: int, form: str, key: str, young: Counter, adult: Counter) -> None:
    """Evidence of a named person's age from how the narration names them: "Mr. Scrope",
    "Mrs. Crane" are grown-ups; "little Wilfred", "young Pask", "Master Tolley" are young."""
    t = form.split()[0].rstrip(".").lower()
    if t in ADULT_TITLES and " " in form:
        adult[key] += 1
    elif t == "master" and " " in form or child_before(text, s):
        young[key] += 1


PRONOUN_SUBJECT = re.compile("(" + word_start("[HhSs]") + r"(?:(?<=[Hh])e|(?<=[Ss])he))"
                             r"\s+(?=[a-z])")
CLAUSE_OPENER = re.compile(r"(?:^|[^A-Za-z])(?:and|then|but|[Ss]o|[Yy]et)$")


def opens_clause(chunk: str, i: int) -> bool:
    """Whether position i opens a clause: the chunk's start, or after a dash ("boiled dry.--She
    watched Mrs. Quarrie", words.ends_in_dash), or after . ! ? ; : or a word and/then/but and a
    space."""
    j = i
    while j > 0 and chunk[j - 1].isspace():
        j -= 1
    if j == 0 or ends_in_dash(chunk, j):
        return True
    return j < i and (chunk[j - 1] in ".!?;:" or
                      CLAUSE_OPENER.search(chunk, max(0, j - 5), j) is not None)


CHAIN_SENTENCES = 2     # sentences back a pronoun subject looks for its person first


def chain(sal: Salience, pi: int, pos: int, pron: str, text: str = "") -> None:
    """A pronoun subject of narration ("she went on growing") keeps its person salient: one
    of that sex the last sentences name, a subject first, else the latest named ("…shot
    through the brain of Lomax. He sat without changing"), else the latest subject of that
    sex, where one of two names joined by "and" is no subject ("Pim and Seton crossed the
    stile. The sky was grey. The river ran high. He lit his pipe": not Seton;
    Salience.paired). In the pronoun's own paragraph the name of an inverted tag is a
    subject ("“Never!” cried Orla. She ran to the door": Orla, not a woman who was the
    subject a sentence before; Salience.tag_subjects)."""
    g = "m" if pron == "he" else "f"
    who = None
    if text:
        ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, pos - 400), pos + 3)
                if m.end() <= pos]
        if len(ends) >= CHAIN_SENTENCES + 1:
            who = sal.between(ends[-CHAIN_SENTENCES - 1], pos, g, pi)
    who = who or sal.recent(pi, pos, g, window=4, pairs_apart=True)
    if who is not None:
        sal.insert(pi, pos, who, True)


CLAUSE_END = re.compile(r"[.!?;:\n]")  # what bounds a tag's own clause
# a lead-in that ends on "he"/"she" and a verb, a word or two between ("she soon added,")
LEAD_PRONOUN_TAG = re.compile(r"\b([Hh]e|[Ss]he)\s+(?:[a-z]+\s+){0,2}([a-z]+)[,:—–-]?\s*$")
# a tag right after a quote: "…,” she said", "…,” said he"
PRONOUN_TAG = re.compile(r"\W{0,3}(?:(he|she)\s+(\w+)|(\w+)\s+(he|she)\b)", re.I)


def pronoun_tag_clauses(text: str, open_: int, close: int, lo: int, hi: int) -> tuple:
    """The spans of the clauses that tag a quote with "he"/"she" and a verb of saying,
    (lead, tail), None where there is none: the lead-in's, from the last clause mark in
    [lo, open_) to the quote ("Then, perceiving in Christina no inclination of replying,
    she added,"), and the tag after it, from the quote to the next clause mark before hi
    ("…,” she said to the girls"). A name such a clause holds other than as its subject is
    not the pronoun's person: the pronoun is the subject and a name below it in its own
    clause cannot mean the same one (binding theory's Principle C)."""
    lead = tail = None
    before = text[lo:open_]
    m = LEAD_PRONOUN_TAG.search(before)
    if m and m.group(2) in SPEECH_VERBS:
        start = max((c.end() for c in CLAUSE_END.finditer(before, 0, m.start())), default=0)
        lead = (lo + start, open_)
    m = PRONOUN_TAG.match(text, close, min(hi, close + 40))
    if m and (m.group(2) or m.group(3)).lower() in SPEECH_VERBS:
        stop = CLAUSE_END.search(text, m.end(), hi)
        tail = (close, stop.start() if stop else hi)
    return lead, tail
