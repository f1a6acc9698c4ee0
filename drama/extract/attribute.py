"""Decide who speaks each quotation, and record which rule decided it.

The rules, strongest first (each names itself in ``cue``):

explicit     a speech verb names the speaker beside the quote, in either word order and
             either side: "said Martov", "Trotsky cried", "Martov, his voice shaking, said",
             "announced a Menshevik officer, Kharash", "Khinchuk yelled, ‘…’".
described    the same with a description instead of a name: "cried an angry soldier" ->
             Angry soldier, "someone shouted" -> Someone, "the marchers challenged" ->
             Marchers. A description of someone the reader knows ("replied the old
             gentleman", "said his aunt", "said this young lady", "answered Daisy's mamma")
             is resolved to the person. A demonstrative one ("said this worthy", "cried that
             discreet lady", whatever its noun) is first the person the narration mentioned
             last, after the previous speech and its tag, even the one who spoke last. Then,
             in order: "the other" is the other one of the two talking, named or not; the one
             of that sex the paragraph shows acting just before ("Daisy was near her. “…?”
             this young lady inquired", even after a line of hers); the one the previous line
             addressed; the described person the narration was just following when the
             description is vaguer ("The stranger had not gone far." "…," cried the man); the
             other party named by a tag two paragraphs back; the person the description
             meant earlier in the scene; someone the narration has just brought in ("they
             encountered a stout man with a bunch of keys" … "said the man": The stout man);
             the other one of the two talking; a person of that sex acting nearby (only
             acting, not just mentioned, while the narration itself calls the one acting by
             the description). "The stranger" stays a stranger until the dialogue names a
             described speaker: themselves ("my name, sir, is Brownlow", "What name?"
             "Monks!") or someone else ("Her name is Daisy Miller!", "Why, it's Nancy!" of
             the one who spoke last); then every line of that description in the scene is
             the named person's. A description takes the sex the text's pronouns give it
             ("the visitor … his hat"), and a grown-up's ("the old gentleman", "the man") is
             never someone the narration calls little or young ("little Oliver", "Master
             Bates"), nor "the child" a Mr. or Mrs.
pronoun      "he said", "she wrote": the person the pronoun points back to, by gender and
             salience: the subject of the narration just before in the paragraph; the actor
             of a beat of narration just before (even the one who spoke last, if the beat
             mentions nobody else of that sex: "I put a two-franc piece in Krum's hand.
             “…,” he said"); then the most recent person of that gender other than the one
             who spoke last (the other party), then even the one who spoke last, anyone
             known to be of that sex coming before a creature the text gives no sex ("the
             Mouse"); then one of that sex the dialogue just named ("“Here comes Brett,” Bill said. … “Hello!”
             she said"). A name after "the" opens a clause too ("The Hatter looked at the
             March Hare"). Pronoun subjects of narration ("She went on growing") keep their
             person salient (the one of that sex the last two sentences name: "…the brain of
             Fagin. He sat"), and so does a vague description acting right after a person
             of that sex and age is named ("when Mrs. Maylie returned. The old lady
             motioned…"); places ("at Iping") are never meant. "it said": the latest
             creature the text does not call he or she.
first-person "I said": the narrator-character, named by what the others call them.
colon        a sentence ending in a colon introduces the quote: its subject speaks. A
             paragraph ending in a tag and a colon ("…he went on again:--") introduces the
             quote that opens the next paragraph (with that tag's cue).
action       no speech verb, but the paragraph's narration has a subject acting beside the
             quote ("Martov stood up. “Then we’ll leave!”").
continuation a second quote in a paragraph whose other quote is attributed (the part after
             an interrupting tag is the same speech; an aside in parentheses, "(“I
             haven't,” said Alice)", is not part of it and keeps its tag to itself), or a
             later paragraph of a speech that runs over several (Quote.continues): one turn,
             which does not break the alternation of turn-taking.
epithet      a description the text keeps using for one person ("the girl" for Nancy), or
             gives them in apposition ("Mr. Bumble, the beadle") or as a title ("the
             doctor", "the irritable doctor" when the text names one "Doctor Losberne"; such
             a tag counts as explicit), or a shorter or longer form of a description the
             scene resolved ("the gentleman" where "the old gentleman" was Mr. Brownlow;
             never "the other gentleman").
vocative     the previous line addressed someone by name ("My dear Mr. Bennet"; in a
             paragraph of several lines, the last that calls someone): they answer, as does
             a voice ("“Show a glim, Toby.” “Aha!” cried the same voice").
             A name said alone and not called out ("“Robert Cohn.”", "“Chesilstowe?”")
             addresses nobody.
turn-taking  consecutive quote paragraphs alternate between the two people talking, across a
             short beat of narration.
salience     the most salient person that did not speak the line before.
unresolved   nothing points to anyone: "Someone", confidence 0.1 (never the narrator).

Per text, the work is linear: one pass to find names (characters.Cast), one pass over the
quotes to read tags, one pass over paragraphs for conversations.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .characters import Cast, Character
from .lexicon import (DETERMINERS, FEMALE_NOUNS, FEMALE_TITLES, INDEFINITE, MALE_NOUNS,
                      MALE_TITLES, NOT_NAMES, PARTICLE_VERBS, PERSON_NOUNS, SPEECH_VERBS, TITLES,
                      VERB_PARTICLES)
from .quotes import Quote, paragraphs

__all__ = ["Attribution", "attribute", "CONFIDENCE"]

# How often each cue is right on the development novels (bench/attribution.py prints the
# per-cue accuracy this calibration comes from).
CONFIDENCE = {
    "explicit": 0.97,
    "first-person": 0.97,
    "action": 0.9,
    "continuation": 0.85,
    "pronoun": 0.85,
    "vocative": 0.8,
    "epithet": 0.75,
    "turn-taking": 0.75,
    "described": 0.7,
    "colon": 0.5,
    "salience": 0.5,
    "unresolved": 0.1,
}
"""Confidence per cue: its accuracy on the PDNC development novels, rounded down
(`python bench/attribution.py --cues` prints the measured figures; "colon" is measured on
two quotes only). A continuation line takes the confidence of the line it continues."""

TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*|[^\sA-Za-z]")
SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<!\b[A-Z])[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")
PUNCT_LEAD = set(",;:—–-.!?()[]_")
AUX = frozenset("had has have was were is would could will then now also again still only "
                "just at once presently quickly slowly quietly gravely calmly".split())
LEAD_CONJ = frozenset("and but then so yet now at last finally suddenly presently".split())
GENERIC_HEADS = frozenset("man woman gentleman lady girl boy fellow other latter former "
                          "youth lad child person old young female".split())
PLURAL_PRONOUNS = frozenset({"they", "we"})
VOICE_NOUNS = frozenset("voice voices tones tone cry words whisper".split())
FUNCTION_WORDS = DETERMINERS | frozenset("i he she it we you they him her them and or but nor "
                                         "if then so as at by in of on to with".split())
THE_WORD = re.compile(r"\b[Tt]he\s+([a-z][a-z-]*)")
NP_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
NP_PRONOUN_STOP = re.compile(r"[.!?;\"“”‘]|(?<=,)’|\n\s*\n")
NAMED_TURN_WINDOW = 2    # paragraphs back a speaker named by a tag is the other party
PRONOUN_EPITHET_SCENE = 10   # paragraphs "she" may reach a person through "the young lady"
GENERIC_WINDOW = 6      # paragraphs back to look for the person "the girl" means
EPITHET_SCENE = 40      # paragraphs a description keeps meaning the same person
CONVERSATION_GAP = 1    # narration paragraphs a conversation may step over ...
SHORT_BEAT = 250        # ... when each is shorter than this many characters


@dataclass
class Attribution:
    """Who speaks one quotation, which rule said so and how sure it is."""

    speaker: str
    cue: str
    confidence: float


@dataclass(frozen=True)
class _Who:
    """A speaker identity: a named character, a description, or the narrator-character."""

    key: str
    label: str
    gender: str | None


@dataclass
class _Tag:
    kind: str                 # name | np | generic | pron | first | indef | group
    who: _Who | None = None
    gender: str | None = None
    cue: str = "explicit"
    addressee: _Who | None = None
    owner_key: str | None = None    # "Daisy's mamma": not Daisy
    demonstrative: bool = False     # "this worthy", "that discreet lady": just mentioned


# ------------------------------------------------------------------ tokenising

def _tokens(s: str, base: int = 0) -> list[tuple[str, int]]:
    return [(m.group(), m.start() + base) for m in TOKEN.finditer(s)]


def _is_speech_verb(w: str) -> bool:
    return w.lower() in SPEECH_VERBS and w[0].islower()


def _speech_verb_at(toks, i: int) -> bool:
    """Whether the token at i is a speech verb there: "broke", "cut", "put" and "went" only
    with their particle ("broke in", "went on"), not "The connection broke"."""
    w = toks[i][0]
    if not _is_speech_verb(w):
        return False
    return w.lower() not in PARTICLE_VERBS or \
        (i + 1 < len(toks) and toks[i + 1][0].lower() in VERB_PARTICLES)


def _adverb(w: str) -> bool:
    lw = w.lower()
    return (lw.endswith("ly") and len(lw) > 4 and lw not in ("early",)) or lw in VERB_PARTICLES


class _Reader:
    """Reads speaker phrases ("Mr. Bennet", "an angry soldier", "she") from token lists."""

    def __init__(self, cast: Cast, text: str):
        self.cast = cast
        self.text = text
        self._recurs: dict[str, bool] = {}
        self._chars: dict[str, Character] = {}
        self._who: dict[str, _Who] = {}
        self._the_index: dict[str, list[int]] | None = None

    def recurs(self, phrase: str) -> bool:
        """Whether a description occurs more than once in the text ("in the white waistcoat")."""
        got = self._recurs.get(phrase)
        if got is None:
            first = self.text.find(phrase)
            got = self._recurs[phrase] = first >= 0 and self.text.find(phrase, first + 1) >= 0
        return got

    def personlike(self, who: _Who) -> bool:
        """Whether a named speaker reads as a person: a known sex, or not "the Duma"."""
        if who.gender is not None:
            return True
        ch = self._chars.get(who.key)
        return ch is not None and not ch.thing_like

    def who_of_character(self, ch: Character) -> _Who:
        key = "c:" + str(id(ch))
        w = self._who.get(key)
        if w is None:
            self._chars[key] = ch
            w = self._who[key] = _Who(key, ch.label, ch.gender)
        return w

    def regender(self, who: _Who, gender: str) -> _Who:
        """The same person, now known to be of this sex."""
        w = self._who[who.key] = _Who(who.key, who.label, gender)
        return w

    def who_of_name(self, form: str) -> _Who:
        ch = self.cast.character(form)
        if ch is not None:
            return self.who_of_character(ch)
        core = " ".join(x for x in form.split() if x.lower().rstrip(".") not in TITLES)
        key = "n:" + (core or form).lower()
        w = self._who.get(key)
        if w is None:
            t = form.split()[0].rstrip(".").lower()
            g = "m" if t in MALE_TITLES else "f" if t in FEMALE_TITLES else None
            w = self._who[key] = _Who(key, form, g)
        return w

    def who_of_np(self, words: list[str], definite: bool = False) -> _Who:
        """A described person: "an angry soldier" -> Angry soldier, "the doctor" -> The doctor."""
        key = "d:" + " ".join(words).lower()
        w = self._who.get(key)
        if w is None:
            label = " ".join(words)
            label = "The " + label if definite else label[0].upper() + label[1:]
            head = words[-1].lower()
            g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
            if g is None:
                g = "m" if any(x.lower() in MALE_NOUNS for x in words) else \
                    "f" if any(x.lower() in FEMALE_NOUNS for x in words) else None
            if g is None:
                g = self.np_gender(" ".join(words))
            w = self._who[key] = _Who(key, label, g)
        return w

    def np_gender(self, phrase: str) -> str | None:
        """The sex the text's pronouns give a description ("the visitor … his hat"): the
        first pronoun after each of its first occurrences, in the same sentence."""
        male = female = 0
        low = phrase.lower()
        text = self.text
        if self._the_index is None:
            index: dict[str, list[int]] = {}
            for m in THE_WORD.finditer(text):
                index.setdefault(m.group(1), []).append(m.start(1))
            self._the_index = index
        for at in self._the_index.get(low.split()[0], ()):
            end = at + len(low)
            if not text.startswith(low, at) or end < len(text) and text[end].isalpha():
                continue
            window = text[end:end + 120]
            cut = NP_PRONOUN_STOP.search(window)
            if cut:
                window = window[:cut.start()]
            pm = NP_PRONOUN.search(window)
            if pm:
                if pm.group(1).lower() in ("he", "him", "his", "himself"):
                    male += 1
                else:
                    female += 1
                if male + female >= 12:
                    break
        if male >= 2 and male >= 3 * female:
            return "m"
        if female >= 2 and female >= 3 * male:
            return "f"
        return None

    def name_at(self, toks, j) -> tuple[str, int] | None:
        """A proper name starting at token j: (form, index after)."""
        if j >= len(toks):
            return None
        w = toks[j][0]
        words: list[str] = []
        k = j
        if w.lower() in TITLES and w[0].isupper():
            title = w
            k += 1
            if k < len(toks) and toks[k][0] == ".":
                title += "."
                k += 1
            if k < len(toks) and toks[k][0][0].isupper() and toks[k][0].lower() not in NOT_NAMES:
                words.append(title)
            else:
                return None
        while k < len(toks) and toks[k][0][0].isupper() and toks[k][0][0].isalpha() and \
                (self.cast.name_word(toks[k][0]) or (not words and toks[k][0].lower()
                                                     not in NOT_NAMES and
                                                     not self.cast.lower_count(toks[k][0]) and
                                                     not toks[k][0].endswith(("ing", "ly")))) and \
                toks[k][0].lower() not in NOT_NAMES:
            words.append(re.sub(r"[’']s?$", "", toks[k][0]) or toks[k][0])
            k += 1
            if len(words) >= 4:
                break
        if not words or (len(words) == 1 and words[0].lower().rstrip(".") in TITLES):
            return None
        return " ".join(words), k

    def subject_at(self, toks, j) -> tuple[_Tag, int] | None:
        """The speaker phrase starting at token j, and the index after it."""
        if j >= len(toks):
            return None
        w = toks[j][0]
        lw = w.lower()
        if lw in ("he", "she"):
            return _Tag("pron", gender="m" if lw == "he" else "f", cue="pronoun"), j + 1
        if lw == "it" and j + 1 < len(toks) and _speech_verb_at(toks, j + 1) or \
                lw == "it" and j > 0 and _speech_verb_at(toks, j - 1):
            # "it said", "said it": a creature or thing the text does not call he or she
            return _Tag("it", cue="pronoun"), j + 1
        if lw in PLURAL_PRONOUNS:
            return _Tag("group", cue="described"), j + 1
        if w == "I":
            return _Tag("first", cue="first-person"), j + 1
        if lw in INDEFINITE and lw not in ("all", "both", "another"):
            return _Tag("indef", who=self.who_of_np([INDEFINITE[lw]]), cue="described"), j + 1
        if lw in DETERMINERS and lw not in ("his", "her", "their", "its", "my", "your", "our"):
            return self._np(toks, j + 1, lw)
        if lw in ("his", "her", "their"):
            # "his wife said": a described person
            r = self._np(toks, j + 1, lw)
            if r:
                tag, k = r
                inner = tag.who.label.lower().split() if tag.who else []
                if inner[:1] == ["the"]:
                    inner = inner[1:]
                words = [lw] + inner if inner else []
                if tag.kind in ("np", "generic") and words:
                    who = self.who_of_np(words)
                    kind = "generic" if inner[-1] in PERSON_NOUNS and \
                        inner[-1] not in VOICE_NOUNS and not inner[-1].endswith("s") else "np"
                    return _Tag(kind, who=who, gender=who.gender, cue="described"), k
            return None
        nm = self.name_at(toks, j)
        if nm:
            form, k = nm
            if k + 1 < len(toks) and toks[k][0] == "and":
                nm2 = self.name_at(toks, k + 1)
                if nm2:
                    # "Shreider and Prokopovich shouted": both, as one voice
                    label = self.who_of_name(form).label + " and " + \
                        self.who_of_name(nm2[0]).label
                    return _Tag("np", who=self.who_of_np(label.split()), cue="explicit"), nm2[1]
            last = toks[k - 1][0]
            poss = last.endswith(("'s", "’s")) or \
                (k < len(toks) and toks[k][0] == "s" and toks[k][1] == toks[k - 1][1] + len(last) + 1)
            m = k + (1 if poss and not last.endswith(("'s", "’s")) else 0)
            if poss and m < len(toks) and toks[m][0].islower() and toks[m][0].isalpha() and \
                    not _speech_verb_at(toks, m):
                # "answered Daisy's mamma": someone of hers, not Daisy
                r = self._np(toks, m, "the")
                if r and r[0].who is not None and \
                        r[0].who.label.split()[-1].lower() in VOICE_NOUNS:
                    return _Tag("name", who=self.who_of_name(form)), r[1]    # "Kemp's voice"
                if r and r[0].who is not None:
                    inner = r[0].who.label.lower().split()
                    if inner[:1] == ["the"]:
                        inner = inner[1:]
                    who = self.who_of_np([form + "'s"] + inner)
                    return _Tag("generic", who=who, gender=who.gender, cue="described",
                                owner_key=self.who_of_name(form).key), r[1]
            return _Tag("name", who=self.who_of_name(form)), k
        return None

    def _np(self, toks, j, det) -> tuple[_Tag, int] | None:
        words: list[str] = []
        k = j
        while k < len(toks) and len(words) < 5:
            w = toks[k][0]
            lw = w.lower()
            if w[0].isupper() and lw in TITLES:
                # "the unsentimental Mr. Sikes": a name closes the description
                nm = self.name_at(toks, k)
                if nm:
                    return _Tag("name", who=self.who_of_name(nm[0])), nm[1]
            if not w[0].isalpha():
                if w == "-" and words and k + 1 < len(toks) and toks[k + 1][0][0].isalpha():
                    words[-1] += "-" + toks[k + 1][0]
                    k += 2
                    continue
                break
            if lw in NOT_NAMES and lw not in ("old", "young", "other", "one") and \
                    lw not in PERSON_NOUNS and not (w[0].isupper() and lw not in FUNCTION_WORDS):
                break
            if words and words[-1][0].isupper() and w[0].islower() and lw not in PERSON_NOUNS:
                break       # "the King laid": a capitalised head ends the description
            if words and words[-1].lower() in PERSON_NOUNS and w[0].islower() and \
                    lw not in PERSON_NOUNS and not words[-1].lower().endswith("s"):
                break       # "The beadle drew himself up": a person noun ends it too
            head = bool(words) and (words[-1].lower() in PERSON_NOUNS or words[-1][0].isupper())
            if _is_speech_verb(w) or (_adverb(w) and words) or lw in AUX or \
                    (head and lw.endswith(("ed", "ing")) and w[0].islower()
                     and lw not in PERSON_NOUNS) or \
                    lw in ("who", "whom", "which", "that", "as"):
                break
            words.append(w)
            k += 1
        if not words:
            if det == "one" and k < len(toks) and _speech_verb_at(toks, k):
                return _Tag("indef", who=self.who_of_np(["One of them"]), cue="described"), k
            return None
        # "the SR Naum Bykhovsky": a name closes the phrase
        for i in range(len(words)):
            if words[i][0].isupper():
                e = i
                while e < len(words) and words[e][0].isupper():
                    e += 1
                if e == len(words) and self.cast.character(" ".join(words[i:e])):
                    for e2 in (e,):
                        return _Tag("name", who=self.who_of_name(" ".join(words[i:e2]))), \
                            k - (len(words) - e2)
        # "a Menshevik officer, Kharash": an appositive name
        if k + 1 < len(toks) and toks[k][0] == ",":
            nm = self.name_at(toks, k + 1)
            if nm and (k + 1 >= len(toks) - 1 or nm[1] >= len(toks) or
                       not toks[nm[1]][0][0].isalpha() or _is_speech_verb(toks[nm[1]][0])):
                return _Tag("name", who=self.who_of_name(nm[0])), nm[1]
        # "the voice of the Dodger", "the muffled voice of Kemp": the owner speaks
        if k + 1 < len(toks) and toks[k][0] == "of" and words[-1].lower() in VOICE_NOUNS:
            m = k + 2 if toks[k + 1][0].lower() == "the" else k + 1
            nm = self.name_at(toks, m)
            if nm:
                return _Tag("name", who=self.who_of_name(nm[0])), nm[1]
        # "the Rabbit's voice": the owner speaks
        if len(words) >= 2 and words[-1].lower() in VOICE_NOUNS and \
                words[-2].endswith(("'s", "’s")) and words[-2][0].isupper():
            owner = words[-2][:-2]
            if self.cast.character(owner) is not None:
                return _Tag("name", who=self.who_of_name(owner)), k
        # a recurring "of"/"in"/"with" phrase belongs to the description
        # ("the gentleman in the white waistcoat")
        if k + 2 < len(toks) and toks[k][0] in ("of", "in", "with"):
            ext: list[str] = [toks[k][0]]
            m = k + 1
            while m < len(toks) and len(ext) < 5 and toks[m][0][0].isalpha() and \
                    not _speech_verb_at(toks, m) and not _adverb(toks[m][0]):
                ext.append(toks[m][0])
                m += 1
            phrase = " ".join(words + ext)
            if self.recurs(phrase) or toks[k][0] == "of" and ext[-1][0].isupper():
                words, k = words + ext, m
        lw = [x.lower() for x in words]
        if words[0][0].isupper() and det == "the" and self.cast.character(" ".join(words)):
            return _Tag("name", who=self.who_of_name(" ".join(words))), k
        if det == "the" and (len(lw) == 1 or all(x.isalpha() and x.islower() and
                                                  x not in CONTRAST and x not in PERSON_NOUNS
                                                  for x in words[:-1])):
            # "the doctor", "the irritable doctor" when the text has exactly one "Doctor
            # Losberne"; "the inflexible beadle" when one is "Mr. Bumble, the beadle"
            ch = self.cast.titled(lw[-1]) or self.cast.epithet(lw[-1])
            if ch is not None:
                return _Tag("name", who=self.who_of_character(ch)), k
        if len(words) == 1 and lw[0] in GENERIC_HEADS or \
                all(x in GENERIC_HEADS or x in MALE_NOUNS or x in FEMALE_NOUNS
                    or x in ("little", "poor", "elder", "younger", "first", "second")
                    for x in lw) and lw[-1] in GENERIC_HEADS | MALE_NOUNS | FEMALE_NOUNS \
                and lw[-1] in GENERIC_HEADS:
            who = self.who_of_np(words, definite=det == "the")
            return _Tag("generic", who=who, gender=who.gender, cue="described",
                        demonstrative=det in ("this", "that")), k
        who = self.who_of_np(words, definite=det == "the")
        if det in ("this", "that") and (words[-1] in PERSON_NOUNS or words[-1].islower()) and \
                lw[-1] not in VOICE_NOUNS and not lw[-1].endswith("s"):
            # "the courier", "this young lady": someone the reader already knows
            return _Tag("generic", who=who, gender=who.gender, cue="described",
                        demonstrative=True), k
        return _Tag("np", who=who, cue="described"), k


# ------------------------------------------------------------------ tags

def _tag_after(reader: _Reader, gap: str, base: int) -> _Tag | None:
    """A speech tag at the start of the narration that follows a quote."""
    clause = gap[:160]
    toks = _tokens(clause, base)
    j = 0
    while j < len(toks) and toks[j][0] in PUNCT_LEAD:
        j += 1
    if j >= len(toks):
        return None
    # inverted: "said Martov", "cried an angry soldier", "went on the Cat"
    if _speech_verb_at(toks, j):
        k = j + 1
        while k < len(toks) and _adverb(toks[k][0]):
            k += 1
        r = reader.subject_at(toks, k)
        if r:
            tag, k2 = r
            tag.addressee = _addressee(reader, toks, k2)
            return tag
        return None
    # normal: "Martov said", "he said", "Martov, his voice shaking, said", "the Queen said"
    r = reader.subject_at(toks, j)
    if not r:
        return None
    tag, k = r
    if k < len(toks) and toks[k][0] == "," and tag.kind in ("name", "pron", "np"):
        # a parenthetical between subject and verb
        m = k + 1
        while m < len(toks) and m < k + 10 and toks[m][0] not in ",.;!?":
            m += 1
        if m < len(toks) and toks[m][0] == ",":
            k2 = m + 1
            while k2 < len(toks) and (_adverb(toks[k2][0]) or toks[k2][0].lower() in AUX):
                k2 += 1
            if k2 < len(toks) and _speech_verb_at(toks, k2):
                tag.addressee = _addressee(reader, toks, k2 + 1)
                return tag
    while k < len(toks) and (_adverb(toks[k][0]) or toks[k][0].lower() in AUX):
        k += 1
    if k < len(toks) and _speech_verb_at(toks, k):
        tag.addressee = _addressee(reader, toks, k + 1)
        return tag
    # an action beat right after the quote: "“No,” Alice looked up."
    if k < len(toks) and toks[k][0][0].islower() and toks[k][0].endswith("ed") and \
            tag.kind in ("name", "pron", "first"):
        tag.cue = "action"
        return tag
    return None


def _addressee(reader: _Reader, toks, k) -> _Who | None:
    while k < len(toks) and _adverb(toks[k][0]):
        k += 1
    if k + 1 < len(toks) and toks[k][0] == "to":
        nm = reader.name_at(toks, k + 1)
        if nm:
            return reader.who_of_name(nm[0])
    return None


def _last_sentence(gap: str) -> tuple[str, int]:
    """The last sentence of a stretch of narration and its offset in it."""
    start = 0
    for m in SENTENCE_END.finditer(gap):
        start = m.end()
    return gap[start:], start


def _tag_before(reader: _Reader, gap: str, base: int) -> _Tag | None:
    """A speech tag at the end of the narration that leads into a quote."""
    sent, off = _last_sentence(gap)
    stripped = sent.rstrip()
    if not stripped or len(stripped) > 300:
        return None
    toks = _tokens(stripped, base + off)
    if not toks:
        return None
    ends_open = stripped[-1] in ",:—–-" or stripped[-1].isalpha()
    if not ends_open:
        # "Bonch-Bruevich cried out and ran forward. “Vladimir Ilyich!”"
        for i in range(len(toks) - 1, -1, -1):
            if _speech_verb_at(toks, i):
                tag = _subject_before(reader, toks, i)
                if tag is not None and tag.kind in ("name", "np", "pron", "first", "indef"):
                    tag.cue = "action"
                    return tag
                break
        # "Martov stood up. “Then we’ll leave!”": the actor of the sentence before
        j = 0
        while j < len(toks) and (toks[j][0] in PUNCT_LEAD or toks[j][0].lower() in LEAD_CONJ):
            j += 1
        r = reader.subject_at(toks, j)
        if r and r[0].kind in ("name", "pron", "first") and r[1] < len(toks) and \
                toks[r[1]][0][0].islower():
            r[0].cue = "action" if r[0].cue == "explicit" else r[0].cue
            return r[0]
        return None
    # the speech verb nearest the quote
    v = None
    for i in range(len(toks) - 1, -1, -1):
        if _speech_verb_at(toks, i):
            v = i
            break
    if v is not None:
        # inverted: "Then said the Cat:"
        k = v + 1
        while k < len(toks) and _adverb(toks[k][0]):
            k += 1
        r = reader.subject_at(toks, k)
        if r and r[0].kind in ("name", "np", "generic", "indef", "pron", "first") and \
                (v == 0 or toks[v - 1][0].lower() in LEAD_CONJ or not toks[v - 1][0][0].isalpha()) \
                and not (r[0].kind == "np" and not _personal(r[0].who) and
                         not any(x[0].isupper() for x in r[0].who.label.split()[1:])):
            return r[0]     # "and said in a whisper": no whisper speaks
        # normal: the subject right before the verb, or the sentence's subject
        tag = _subject_before(reader, toks, v)
        if tag:
            return tag
        return None
    # "Kamenev gave the delegates the news:", "Kerensky issued an appeal “…”": the subject
    j = 0
    while j < len(toks) and (toks[j][0] in PUNCT_LEAD or toks[j][0].lower() in LEAD_CONJ):
        j += 1
    r = reader.subject_at(toks, j)
    if r and (r[0].kind in ("pron", "first", "indef") or
              r[0].kind == "name" and reader.personlike(r[0].who) or
              r[0].kind in ("np", "generic") and _personal(r[0].who)):
        tag = r[0]
        if tag.cue in ("explicit", "described"):
            tag.cue = "colon" if stripped[-1] == ":" else "action"
        return tag
    # "Standing on a box, waving his umbrella, Prokopovich announced …": the first person
    # named in the sentence who does something
    for i in range(j, len(toks) - 1):
        if toks[i][0][0].isupper() and (i == 0 or toks[i - 1][0] in ",;—–" or i == j):
            nm = reader.name_at(toks, i)
            if nm and nm[1] < len(toks) and toks[nm[1]][0][0].islower() and \
                    toks[nm[1]][0] not in ("of", "and", "or") :
                who = reader.who_of_name(nm[0])
                if reader.personlike(who):
                    return _Tag("name", who=who, cue="colon" if stripped[-1] == ":" else "action")
    return None


def _personal(who: _Who | None) -> bool:
    """Whether a description names a person ("the old soldier"), not a thing ("the doors")."""
    return who is not None and who.label.split()[-1].lower() in PERSON_NOUNS


def _subject_before(reader: _Reader, toks, v) -> _Tag | None:
    """The subject of a clause whose verb is at v: right before it, else the sentence's."""
    # "At last, into the din Khinchuk yelled": the phrase that ends right before the verb
    for i in range(v - 1, max(-1, v - 8), -1):
        if not toks[i][0][0].isalpha():
            continue
        r = reader.subject_at(toks, i)
        if r and (r[1] == v or all(_adverb(t[0]) or t[0].lower() in AUX or t[0] == ","
                                   for t in toks[r[1]:v])):
            if i > 0 and toks[i - 1][0].lower() in DETERMINERS:
                continue
            if r[0].kind in ("np", "generic") and not _personal(r[0].who) and \
                    not any(x[0].isupper() for x in r[0].who.label.split()[1:]):
                break       # "on his way to the door, added": a place, not who speaks
            return r[0]
    j = 0
    while j < v and (toks[j][0] in PUNCT_LEAD or toks[j][0].lower() in LEAD_CONJ):
        j += 1
    r = reader.subject_at(toks, j)
    if r and r[1] <= v:
        return r[0]
    return None


# ------------------------------------------------------------------ salience

class _Salience:
    """Who was mentioned lately, for pronouns and for the other party of a conversation."""

    def __init__(self):
        self.creatures: set[str] = set()
        """Keys of the named the text writes with "the" ("the Mouse") and no sex."""
        self.events: list[tuple[int, int, _Who, bool]] = []   # (para, pos, who, subject)
        self.pos: list[int] = []
        self.persons: set[str] = set()
        """Keys known to be people (they speak somewhere): may stand for he or she."""

    def add(self, para: int, pos: int, who: _Who, subject: bool) -> None:
        """Record a mention; mentions may come in any order before seal()."""
        self.events.append((para, pos, who, subject))

    def seal(self) -> None:
        self.events.sort(key=lambda ev: ev[1])
        self.pos = [ev[1] for ev in self.events]

    def insert(self, para: int, pos: int, who: _Who, subject: bool) -> None:
        """Record a mention after seal(), keeping the order."""
        k = bisect_right(self.pos, pos)
        self.pos.insert(k, pos)
        self.events.insert(k, (para, pos, who, subject))

    def rename(self, key: str, who: _Who, lo: int, hi: int) -> None:
        """Mentions of key in paragraphs lo..hi are of who (a described person named)."""
        for k, (ev_para, ev_pos, w, subj) in enumerate(self.events):
            if w.key == key and lo <= ev_para <= hi:
                self.events[k] = (ev_para, ev_pos, who, subj)

    def latest_named(self, para: int, pos: int, gender: str, window: int,
                     exclude=()) -> _Who | None:
        """The named person of that sex mentioned last before pos, subject or not."""
        k = bisect_right(self.pos, pos - 1) - 1
        while k >= 0:
            ev_para, _, who, _ = self.events[k]
            k -= 1
            if ev_para < para - window:
                break
            if who.key[0] in "cn" and who.gender == gender:
                return None if who.key in exclude else who
        return None

    def recent_described(self, para: int, pos: int, gender: str | None, desc: _Who,
                         exclude=()) -> _Who | None:
        """The latest described person the narration of this paragraph or the one before
        makes a subject ("The stranger had not gone far"), whom a vaguer description of the
        same sex ("the man") may mean."""
        head = desc.key[2:].split()[-1]
        if head not in VAGUE_HEADS:
            return None
        k = bisect_right(self.pos, pos - 1) - 1
        while k >= 0:
            ev_para, _, who, subj = self.events[k]
            k -= 1
            if ev_para < para - 1:
                break
            if not subj or who.key == desc.key or who.key in exclude:
                continue
            if who.key[0] in "cn":
                if gender and who.gender == gender:
                    return None     # someone named is the one acting: not a stranger
                continue
            words = who.key[2:].split()
            if words[-1] not in PERSON_NOUNS or words[-1] in VAGUE_HEADS or \
                    words[-1] in GROUP_NOUNS or \
                    any(w in CONTRAST for w in words):
                continue
            if gender and who.gender != gender:
                continue
            return who
        return None

    def mentioned(self, lo: int, hi: int, gender: str | None, exclude=()) -> _Who | None:
        """The person of that sex the text mentions last in [lo, hi), in any role."""
        k = bisect_right(self.pos, hi - 1) - 1
        while k >= 0 and self.pos[k] >= lo:
            _, _, who, _ = self.events[k]
            k -= 1
            if who.key in exclude or _plural(who) or who.key in self.creatures:
                continue
            if gender and who.gender != gender or who.key[0] not in "cnd":
                continue
            return who
        return None

    def between(self, lo: int, hi: int, gender: str) -> _Who | None:
        """The person of that sex mentioned in [lo, hi): the latest subject, else a named
        subject whose sex the text never says ("Konovalov telephoned Shreider. …, he
        said"), else the latest of that sex."""
        k = bisect_right(self.pos, hi - 1) - 1
        obj = unknown = None
        while k >= 0 and self.pos[k] >= lo:
            _, _, who, subj = self.events[k]
            k -= 1
            if who.key[0] not in "cnd" or _plural(who):
                continue
            if who.gender == gender:
                if subj:
                    return who
                obj = obj or who
            elif who.gender is None and subj and who.key[0] in "cn" and \
                    who.key not in self.creatures:
                unknown = unknown or who
        return unknown or obj

    def recent_sexless(self, para: int, pos: int, exclude=(), window: int = 4) -> _Who | None:
        """The latest person the text does not call he or she ("the Caterpillar")."""
        k = bisect_right(self.pos, pos - 1) - 1
        while k >= 0:
            ev_para, ev_pos, who, subj = self.events[k]
            k -= 1
            if ev_para < para - window:
                break
            if who.gender is None and who.key not in exclude and \
                    (who.key in self.persons or who.key[0] in "cn"):
                return who
        return None

    def recent(self, para: int, pos: int, gender: str | None, exclude=(), window: int = 4,
               local_only: bool = False, named_only: bool = False,
               persons_only: bool = False, subjects_only: bool = False,
               known_only: bool = False) -> _Who | None:
        """The latest person of that gender before pos, subjects first, within window paras."""
        best_unknown = None
        best_obj = None
        k = bisect_right(self.pos, pos - 1) - 1
        while k >= 0:
            ev_para, ev_pos, who, subj = self.events[k]
            k -= 1
            if ev_para < para - (0 if local_only else window):
                break
            if who.key in exclude or named_only and who.key[0] not in "cn":
                continue
            if persons_only and who.gender is None and who.key not in self.persons:
                continue
            if gender and who.gender and who.gender != gender:
                continue
            if gender and who.gender is None:
                # a name in this very paragraph may be anyone; elsewhere only known speakers
                if local_only and subj and who.key[0] in "cn" and \
                        who.key not in self.creatures:
                    return who  # "Konovalov telephoned Shreider. “…,” he said": Konovalov
                if who.key in self.persons or local_only and who.key[0] in "cn":
                    best_unknown = best_unknown or who
                continue
            if subj:
                return who
            best_obj = best_obj or who
        if subjects_only:
            return None
        if known_only and best_unknown is not None and best_unknown.key in self.creatures:
            best_unknown = None     # "the Mouse", "the Cat": not he or she till last
        return best_obj or best_unknown


# ------------------------------------------------------------------ the whole text

def attribute(text: str, quotes: list[Quote], paras: list[tuple[int, int]] | None = None,
              cast: Cast | None = None) -> list[Attribution]:
    """One Attribution per dialogue quote, in order; never an unknown speaker. cast, the
    text's Cast when the caller has built it already."""
    if not quotes:
        return []
    paras = paras if paras is not None else paragraphs(text)
    cast = cast if cast is not None else Cast(text)
    reader = _Reader(cast, text)
    n = len(quotes)

    # narration gaps before and after each quote, within its paragraph
    pstart = [p[0] for p in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect_right(pstart, pos) - 1)

    qpara = [para_of(q.open) for q in quotes]
    before_gap: list[tuple[int, int]] = []
    after_gap: list[tuple[int, int]] = []
    for i, q in enumerate(quotes):
        pi = qpara[i]
        ps, pe = paras[pi]
        prev_end = quotes[i - 1].close if i and qpara[i - 1] == pi else ps
        nxt = quotes[i + 1].open if i + 1 < n and qpara[i + 1] == pi else pe
        before_gap.append((max(prev_end, ps), max(prev_end, q.open)))
        after_gap.append((q.close, max(q.close, min(nxt, pe))))

    # 1. tags
    tags: list[_Tag | None] = []
    for i, q in enumerate(quotes):
        a0, a1 = after_gap[i]
        # an aside in parentheses keeps its tag to itself: ‘“…sea--” (“I haven't,” said
        # Alice)--“and perhaps…”’
        cut = text.find("(", a0, a1)
        if cut >= 0:
            a1 = cut
        tag = _tag_after(reader, text[a0:a1], a0)
        if tag is None or tag.cue == "action":
            b0, b1 = before_gap[i]
            cut = text.rfind(")", b0, b1)
            if cut >= 0:
                b0 = cut + 1
            elif b0 == paras[qpara[i]][0] and qpara[i] and \
                    text[:paras[qpara[i] - 1][1]].rstrip(" \t\n-—–").endswith(":"):
                # "…with tears running down his cheeks, he went on again:--" ending the
                # paragraph before: it introduces this one
                b0, b1 = paras[qpara[i] - 1]
                if i and qpara[i - 1] == qpara[i] - 1:
                    b0 = max(b0, quotes[i - 1].close)
                prev_tag = _tag_before(reader, text[b0:b1], b0)
                if prev_tag is not None and prev_tag.kind in ("name", "pron", "first"):
                    tags.append(prev_tag)
                    continue
                b0, b1 = before_gap[i]
            if q.continues and i and qpara[i - 1] == qpara[i] and tags[i - 1] is not None \
                    and after_gap[i - 1] == before_gap[i]:
                # “It was,” she wrote, “a …”: the tag between is the first part's, and the
                # second part is the same speech (continuation, below)
                btag = None
            else:
                btag = _tag_before(reader, text[b0:b1], b0)
            if btag is not None:
                tag = btag
        tags.append(tag)

    # 2. salience events from narration: names, with a guess whether each is a subject
    sal = _Salience()
    spoke = {t.who.key for t in tags if t is not None and t.who is not None}
    quote_spans = [(q.open, q.close) for q in quotes]
    qstarts = [q.open for q in quotes]
    young_ev: Counter = Counter()
    adult_ev: Counter = Counter()
    quoted: list[tuple[int, int, _Who]] = []     # names said in the dialogue
    for s, e, form in cast.mentions:
        k = bisect_right(qstarts, s) - 1
        if k >= 0 and quote_spans[k][0] <= s < quote_spans[k][1]:
            ch = cast.character(form)
            if ch is not None and not ch.place_like and not ch.thing_like:
                quoted.append((s, para_of(s), reader.who_of_character(ch)))
            continue        # inside a quote: not narration
        ch = cast.character(form)
        if ch is None or (ch.thing_like and ch.gender is None or ch.place_like) and \
                reader.who_of_character(ch).key not in spoke:
            continue
        sal.add(para_of(s), s, reader.who_of_character(ch), _looks_subject(text, s, e))
        if ch.thing_like and ch.gender is None:
            sal.creatures.add(reader.who_of_character(ch).key)
        _count_age(text, s, form, reader.who_of_character(ch).key, young_ev, adult_ev)
    first_person = _Who("first", "I (narrator)", "1")
    # when nothing at all points to a speaker: a described unknown, never the narrator
    nobody_known = _Who("?", "Someone", None)
    told_by_i = sum(1 for t in tags if t is not None and t.kind == "first") >= 3
    sal.seal()
    # grown-ups and children among the named, for descriptions that say which they mean
    young_keys = {k for k, c in young_ev.items() if c >= 4 and c > 3 * adult_ev[k]}
    adult_keys = {k for k, c in adult_ev.items() if c >= 1 and c > 3 * young_ev[k]}
    _add_np_subjects(reader, sal, text, paras, quotes, qpara, first_person if told_by_i else None,
                     young_keys, adult_keys)
    sal.persons = spoke
    intros = _introductions(reader, text, paras, quotes, qpara)
    quoted_pos = [x[0] for x in quoted]
    intro_pos = [x[1] for x in intros]
    intro_keys = {x[2].key for x in intros}

    # 3. resolve tags, in order, feeding speakers back into salience
    speakers: list[_Who | None] = [None] * n
    cues: list[str] = [""] * n
    addressed: list[_Who | None] = [None] * n

    # conversation links: the quote paragraph before each one, across a short beat of narration
    qparas = sorted(set(qpara))
    prevq: dict[int, int] = {}
    nextq: dict[int, int] = {}
    for a, b in zip(qparas, qparas[1:]):
        if b - a == 1 or (b - a <= 1 + CONVERSATION_GAP and
                          all(paras[x][1] - paras[x][0] < SHORT_BEAT for x in range(a + 1, b))):
            prevq[b], nextq[a] = a, b
    # a speech that runs over several paragraphs is one turn: its later paragraphs (the
    # quote finder marks them `continues`) neither take a turn nor count as one
    para_first_q: dict[int, int] = {}
    for i in range(n):
        para_first_q.setdefault(qpara[i], i)
    cont_para: dict[int, int] = {}       # paragraph -> the paragraph its speech began in
    for p, i in sorted(para_first_q.items()):
        if i and quotes[i].continues and qpara[i - 1] < p:
            a = qpara[i - 1]
            cont_para[p] = cont_para.get(a, a)
            if prevq.get(p) == a:
                if a in prevq:
                    prevq[p] = prevq[a]
                else:
                    del prevq[p]

    # vocatives in every quote: "My dear Mr. Bennet, …" addresses Mr. Bennet
    vocative = [_vocative(reader, text, q,
                          alone=not (i + 1 < n and qpara[i + 1] == qpara[i]))
                for i, q in enumerate(quotes)]
    para_first: dict[int, int] = {}
    for i in range(n):
        para_first.setdefault(qpara[i], i)
    spoken_para: dict[int, _Who] = {}
    epithets: dict[str, Counter] = {}
    scene_epithet: dict[str, tuple[_Who, int]] = {}
    pending: list[tuple[int, _Tag]] = []
    unresolved: list[tuple[int, set]] = []
    named_turns: list[tuple[int, _Who]] = []
    for i, q in enumerate(quotes):
        tag = tags[i]
        p = qpara[i]
        if tag is None:
            continue
        who = None
        if tag.kind == "np" and tag.who is not None and \
                tag.who.key.split()[-1] in ("voice", "tone") and \
                (who := _called(p, i, spoken_para, prevq, para_first, addressed,
                                vocative, qpara)) is not None:
            pass    # "“Show a glim, Toby.” “Aha! my pal!” cried the same voice": Toby answers
        elif tag.kind in ("name", "np", "indef"):
            who = tag.who
        elif tag.kind == "first":
            who = first_person
        elif tag.kind == "group":
            who = reader.who_of_np(["Crowd"])
        elif tag.kind == "generic":
            # "replied the girl", "said the other": a person the reader already knows
            g = tag.gender
            prev1 = spoken_para.get(prevq.get(p, -1))
            prev2g = spoken_para.get(prevq.get(prevq.get(p, -1), -1))
            j1 = para_first.get(prevq.get(p, -1))
            adr = (addressed[j1] or vocative[j1]) if j1 is not None else None
            if j1 is not None:
                j = j1 + 1
                while j < i and qpara[j] == qpara[j1]:
                    adr = vocative[j] or adr    # the last line of it that calls someone
                    j += 1
            excl = {prev1.key} if prev1 is not None else set()
            if vocative[i] is not None:
                excl.add(vocative[i].key)
            if tag.owner_key:
                excl.add(tag.owner_key)
            age = _desc_age(tag.who)
            if age is not None:
                # "the old gentleman" is not the boy; "the child" is not Mr. Losberne
                excl |= young_keys if age == "adult" else adult_keys
            last = scene_epithet.get(tag.who.key)
            intro = _intro_for(intros, intro_pos, tag.who, p, q.open, excl)
            named = None
            for tp, tw in reversed(named_turns):
                if tp < p - NAMED_TURN_WINDOW:
                    break
                if tw.key not in excl and (not g or not tw.gender or tw.gender == g):
                    named = tw
                    break
            here = sal.recent(p, q.open, g, local_only=True, named_only=True,
                              exclude=excl - {prev1.key} if prev1 is not None else excl,
                              subjects_only=True) if g else None
            dem = None
            if tag.demonstrative:
                # "this worthy", "that discreet lady": the one the narration has just
                # mentioned, after the last speech and its tag, even the last speaker
                lo = paras[p - 1][0] if p else 0
                if i and quotes[i - 1].close > lo:
                    lo = quotes[i - 1].close
                    if tags[i - 1] is not None:
                        m = SENTENCE_END.search(text, lo, q.open)
                        lo = m.end() if m else q.open
                dx = (excl - {prev1.key}) if prev1 is not None else excl
                dem = sal.mentioned(lo, q.open, g, exclude=dx)
                if dem is None and g and lo < q.open and text[lo:q.open].strip(' \t\n"“”‘’\''):
                    dem = sal.recent(p, q.open, g, exclude=dx, window=2, known_only=True)
            if dem is not None:
                who = dem
            elif tag.who.key in ("d:other", "d:the other") and prev1 is not None and \
                    prev2g is not None and prev2g.key != prev1.key and prev2g.key not in excl:
                who = prev2g        # "“…?” inquired Sikes. “I'm your man,” replied the other"
            elif here is not None and here.gender == g:
                who = here          # "Daisy was near her. “…?” this young lady inquired"
            elif adr is not None and adr.key not in excl and adr.key[0] in "cn" and \
                    (not g or not adr.gender or adr.gender == g):
                who = adr
            elif (desc := sal.recent_described(p, q.open, g, tag.who, excl)) is not None:
                who = desc          # "The stranger had not gone far… “What?” cried the man"
            elif named is not None:
                who = named         # the other party, named by a tag a moment ago
            elif last is not None and last[1] >= p - EPITHET_SCENE and last[0].key not in excl \
                    and (intro is None or intro[1] <= last[1]):
                who = last[0]       # the same description, a moment ago: the same person
            elif intro is not None:
                who = intro[2]      # someone the narration has just brought in ("a stout man")
            elif prev1 is not None and prev2g is not None and prev2g.key not in excl and \
                    prev2g.key[0] in "cn" and (not g or not prev2g.gender or prev2g.gender == g):
                who = prev2g        # the other one of the two talking
            else:
                who = sal.recent(p, q.open, g, local_only=True, named_only=True, exclude=excl)
                if who is None:
                    # while the narration itself calls the one acting "the gentleman", only
                    # a named person acting too is meant, not one merely mentioned
                    act = sal.recent(p, q.open, g, exclude=excl, window=GENERIC_WINDOW)
                    busy = act is not None and act.key.startswith("d:") and \
                        _variant(act.key[2:].split(), tag.who.key[2:].split())
                    who = sal.recent(p, q.open, g, exclude=excl, window=GENERIC_WINDOW,
                                     named_only=True, subjects_only=busy)
            if who is not None:
                if who.key in intro_keys:
                    pending.append((i, tag))
                else:
                    epithets.setdefault(tag.who.key, Counter())[who] += 1
                scene_epithet[tag.who.key] = (who, p)
            else:
                who = tag.who
                pending.append((i, tag))
                unresolved.append((i, excl))
        elif tag.kind == "it":
            own = {vocative[i].key} if vocative[i] is not None else set()
            # nobody fits: the conversation decides (below)
            who = sal.recent_sexless(p, q.open, own)
        elif tag.kind == "pron":
            g = tag.gender
            # the subject of this paragraph's narration before the quote
            own = {vocative[i].key} if vocative[i] is not None else set()
            who = sal.recent(p, q.open, g, local_only=True, exclude=own)
            if who is None:
                prev1 = spoken_para.get(prevq.get(p, -1))
                prev2 = spoken_para.get(prevq.get(prevq.get(p, -1), -1))
                if p - 1 not in spoken_para and p - 1 >= 0:
                    # a beat of narration just before: its actor ("a delegate barred his way")
                    excl = own | ({prev1.key} if prev1 is not None else set())
                    who = sal.recent(p - 1, paras[p - 1][1], g, local_only=True, exclude=excl,
                                     known_only=True) or \
                        sal.recent(p - 1, paras[p - 1][1], g, local_only=True, exclude=own,
                                   known_only=True)
                if who is not None:
                    pass
                else:
                    excl = own | ({prev1.key} if prev1 is not None else set())
                    # someone known to be of that sex first, even the one who spoke last,
                    # before anyone whose sex the text never says (Alice, not the Mouse)
                    who = sal.recent(p, q.open, g, exclude=excl, known_only=True) or \
                        sal.recent(p, q.open, g, window=12, exclude=own, known_only=True) or \
                        sal.recent(p, q.open, g, exclude=excl) or \
                        sal.recent(p, q.open, g, window=12, exclude=own)
            if who is not None and who.key.startswith("d:"):
                # "The young lady glanced at him. “Yes,” she replied.": the person a tag
                # showed that description to mean, a moment ago in this scene
                key = who.key if who.key.startswith("d:the ") else "d:the " + who.key[2:]
                last = scene_epithet.get(key) or scene_epithet.get(who.key)
                if last is not None and last[1] >= p - PRONOUN_EPITHET_SCENE:
                    who = last[0]
            if who is None:
                # nobody of that sex in the narration: someone the dialogue just named
                # ("“Here comes Brett,” Bill said. … “Hello, you chaps!” she said")
                k = bisect_right(quoted_pos, q.open - 1) - 1
                while k >= 0 and quoted[k][1] >= p - 3:
                    w = quoted[k][2]
                    k -= 1
                    if w.gender == g and w.key not in own:
                        who = w
                        break
            if who is None:
                who = sal.recent(p, q.open, None, local_only=True, exclude=own,
                                 named_only=True) or \
                    reader.who_of_np(["Man" if g == "m" else "Woman" if g == "f" else
                                      "Stranger"])
        if who is not None:
            if tag.kind == "name" and tag.cue == "explicit":
                named_turns.append((p, who))
            speakers[i] = who
            cues[i] = tag.cue
            addressed[i] = tag.addressee
            spoken_para.setdefault(p, who)
            sal.insert(p, q.open, who, True)

    for i in range(n):
        addressed[i] = addressed[i] or vocative[i]

    # a description the text keeps using for one person ("the girl" for Nancy)
    for i, tag in pending:
        seen = epithets.get(tag.who.key)
        if seen:
            (best, c), total = seen.most_common(1)[0], sum(seen.values())
            if c >= 3 and c * 2 > total:
                speakers[i], cues[i] = best, "epithet"

    # "the gentleman" in a scene where "the old gentleman" is someone: the same person
    by_head: dict[str, list[tuple[int, list[str], _Who]]] = {}
    for i in range(n):
        t = tags[i]
        if t is not None and t.kind == "generic" and speakers[i] is not None and \
                speakers[i].key[0] in "cn":
            words = t.who.key[2:].split()
            by_head.setdefault(words[-1], []).append((qpara[i], words, speakers[i]))
    for i, excl in unresolved:
        if speakers[i] is not tags[i].who:
            continue
        words = tags[i].who.key[2:].split()
        p = qpara[i]
        best = None
        same = by_head.get(words[-1], ())
        k = bisect_right(same, (p - EPITHET_SCENE,))
        while k < len(same) and same[k][0] <= p + EPITHET_SCENE:
            bp, bwords, bwho = same[k]
            k += 1
            d = abs(bp - p)
            if bwho.key not in excl and _variant(words, bwords) and (best is None or d < best[0]):
                best = (d, bwho)
        if best is not None:
            speakers[i], cues[i] = best[1], "epithet"

    # a described speaker whom the dialogue names ("my name, sir, is Brownlow", "Her name
    # is Daisy Miller!", "Why, it's Nancy!"): every line of that description in the scene
    _named_in_dialogue(reader, sal, text, quotes, speakers, cues, tags, qpara, prevq)

    # 4. continuation inside a paragraph; an aside in parentheses ("(“I haven't,” said
    # Alice)") is not part of the speech around it
    aside = [text.count("(", paras[qpara[i]][0], q.open) >
             text.count(")", paras[qpara[i]][0], q.open) for i, q in enumerate(quotes)]

    def same_speech(i, j):
        return 0 <= j < n and qpara[j] == qpara[i] and aside[j] == aside[i]
    def around(i):
        # the nearest lines of the paragraph, either side, on the same side of an aside
        for d in range(1, 8):
            for j in (i - d, i + d):
                if same_speech(i, j):
                    yield j
    for i in range(n):
        if speakers[i] is None:
            for j in around(i):
                if speakers[j] is not None and cues[j] != "continuation":
                    speakers[i], cues[i] = speakers[j], "continuation"
                    break
    for i in range(n - 1, -1, -1):
        if speakers[i] is None and same_speech(i, i + 1) and speakers[i + 1]:
            speakers[i], cues[i] = speakers[i + 1], "continuation"
    for i in range(n):
        if speakers[i] is None and same_speech(i, i - 1) and speakers[i - 1]:
            speakers[i], cues[i] = speakers[i - 1], "continuation"


    # the narrator-character: named by what the lines next to theirs call them
    narr = _name_first_person(speakers, cues, addressed, qpara)
    if narr is not None:
        first_person = _Who("first", narr.label, "1")
        for lst in (speakers, addressed):
            for i, w in enumerate(lst):
                if w is not None and w.key in ("first", narr.key):
                    lst[i] = first_person

    # 6. conversations: untagged quote paragraphs
    para_speaker: dict[int, _Who] = {}
    for i in range(n):
        if speakers[i] is not None:
            para_speaker.setdefault(qpara[i], speakers[i])
    for i in range(n):
        if speakers[i] is not None or para_first[qpara[i]] != i:
            continue
        p = qpara[i]
        if p in cont_para and para_speaker.get(cont_para[p]) is not None:
            who = para_speaker[cont_para[p]]
            speakers[i], cues[i] = who, "continuation"
            para_speaker[p] = who
            for j in range(i + 1, n):
                if qpara[j] != p:
                    break
                if speakers[j] is None:
                    speakers[j], cues[j] = who, "continuation"
            continue
        pp = prevq.get(p, -1)
        prev1 = para_speaker.get(pp)
        prev2 = para_speaker.get(prevq.get(pp, -1))
        j1 = para_first.get(pp)
        own_voc = addressed[i]
        who, cue = None, ""
        called = None
        if j1 is not None:
            j = j1
            while j < i and qpara[j] == pp:
                called = addressed[j] or called     # the last line there that calls someone
                j += 1
        if called is not None and (prev1 is None or called.key != prev1.key):
            who, cue = called, "vocative"
        elif prev1 is not None and prev2 is not None and prev1.key != prev2.key:
            who, cue = prev2, "turn-taking"
        if who is None or (own_voc is not None and who.key == own_voc.key):
            nxt1 = para_speaker.get(nextq.get(p, -1))
            nxt2 = para_speaker.get(nextq.get(nextq.get(p, -1), -1))
            if nxt1 is not None and nxt2 is not None and nxt1.key != nxt2.key and \
                    (own_voc is None or nxt2.key != own_voc.key):
                who, cue = nxt2, "turn-taking"
        if who is None or (own_voc is not None and who.key == own_voc.key):
            excl = {own_voc.key} if own_voc is not None else set()
            if prev1 is not None:
                excl.add(prev1.key)
            who = None
            if told_by_i and "first" not in excl and (prev1 is not None or p - 1 in para_speaker):
                # a story told in the first person: the narrator answers whoever spoke
                who = first_person
            who = who or sal.recent(p, quotes[i].open, None, exclude=excl, window=6,
                                    persons_only=True)
            cue = "salience"
            if who is None:
                who = prev1 or (first_person if told_by_i else nobody_known)
                cue = "unresolved" if who.key == "?" else "salience"
        speakers[i], cues[i] = who, cue
        para_speaker[p] = who
        for j in range(i + 1, n):
            if qpara[j] != p:
                break
            if speakers[j] is None:
                speakers[j], cues[j] = who, "continuation"

    out = []
    for i in range(n):
        who = speakers[i] or (first_person if told_by_i else nobody_known)
        label = first_person.label if who.key == "first" else who.label
        cue = cues[i] or "salience"
        conf = CONFIDENCE.get(cue, 0.3)
        if cue == "continuation":
            src = next((cues[j] for j in (i - 1, i + 1, i - 2, i + 2)
                        if 0 <= j < n and qpara[j] == qpara[i] and cues[j] != "continuation"),
                       None)
            if src is None and qpara[i] in cont_para:
                src = cues[para_first_q[cont_para[qpara[i]]]]
            if src is not None:
                conf = min(conf, CONFIDENCE.get(src, 0.3))
        out.append(Attribution(label, cue, conf))
    return out


def _looks_subject(text: str, s: int, e: int) -> bool:
    """Whether a mention opens a clause (a sentence, or after a comma or conjunction)."""
    j = s - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    if j >= 2 and text[j - 2:j + 1] in ("the", "The") and (j < 3 or not text[j - 3].isalpha()):
        j -= 3      # "The Dormouse slowly opened his eyes": the article opens the clause
        while j >= 0 and text[j] in " \t\n":
            j -= 1
    if e < len(text) and text[e] in "’'":
        return False        # "Martov's way": a possessive, not the actor
    return j < 0 or text[j] in ".!?\"”’;:—,\n(" or text[max(0, j - 3):j + 1].lower() in \
        (" and", "then", " but")


# a clause may open with the mark of a quoted account: ‘Another sailor came up…
NP_SUBJECT = re.compile(r"(?:^|(?<=[.!?,;]\s)|(?<=\n))\s*[‘“\"']?"
                        r"(?:(?:And|But|Then|So|Yet|and|but|then)\s+)?"
                        r"(The|A|An|Another|One|the|a|an|another)\s+"
                        r"((?:[a-z][a-z-]+\s+){0,3}[a-z][a-z-]+)\b")


FIRST_SUBJECT = re.compile(r"(?:^|(?<=[.!?;,]\s)|(?<=\band\s)|(?<=\bthen\s))I\s+(?=[a-z])")


def _add_np_subjects(reader: _Reader, sal: _Salience, text: str, paras, quotes, qpara,
                     first: _Who | None = None, young_keys=(), adult_keys=()) -> None:
    """Descriptions that open a clause of narration ("a delegate barred his way"), and the
    narrator acting ("I went out") when the story is told in the first person."""
    for pi, segs in _narration_segments(paras, quotes, qpara):
        for a, b in segs:
            if b - a < 8:
                continue
            chunk = text[a:b]
            if first is not None:
                for m in FIRST_SUBJECT.finditer(chunk):
                    sal.insert(pi, a + m.start(), first, True)
            pron = [(a + m.start(), m.group(1).lower()) for m in PRONOUN_SUBJECT.finditer(chunk)
                    if _opens_clause(chunk, m.start())]
            pk = 0
            for m in NP_SUBJECT.finditer(chunk):
                while pk < len(pron) and pron[pk][0] < a + m.start():
                    _chain(sal, pi, *pron[pk], text)
                    pk += 1
                if m.group(1)[0].islower() and m.start() > 0 and \
                        chunk[:m.start(1)].rstrip()[-1:] not in ",;":
                    continue
                words = m.group(2).split()
                cut = next((i for i, w in enumerate(words) if w in PERSON_NOUNS or
                            i == 0 and m.group(1).lower() == "the" and
                            (reader.cast.titled(w) or reader.cast.epithet(w))), None)
                if cut is None or cut + 1 < len(words) and words[cut + 1] in PERSON_NOUNS:
                    continue
                words = words[:cut + 1]
                head = words[-1]
                pos = a + m.start(2)
                if head in GENERIC_HEADS and len(words) == 1:
                    # "The man": the person just described, if any; now we know their sex
                    prev = sal.recent(pi, pos, None, window=1)
                    if prev is not None and prev.key.startswith("d:"):
                        g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
                        if g and prev.gender is None:
                            prev = reader.regender(prev, g)
                        sal.insert(pi, pos, prev, True)
                        continue
                ch = reader.cast.titled(head) or reader.cast.epithet(head) \
                    if len(words) == 1 and m.group(1).lower() == "the" else None
                if ch is None and m.group(1).lower() == "the" and _generic_words(words) and \
                        text.find(m.group(2), paras[max(0, pi - 1)][0], a + m.start()) < 0:
                    # "when Mrs. Maylie returned. The old lady motioned to him": the one just
                    # named, of that sex and age, unless the paragraph already had "the old
                    # lady" beside her
                    g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
                    age = _desc_age(_Who("d:" + " ".join(words).lower(), "", g))
                    named = sal.latest_named(pi, pos, g, window=1,
                                             exclude=young_keys if age == "adult" else
                                             adult_keys if age == "young" else ()) if g else None
                    if named is not None:
                        sal.insert(pi, pos, named, True)
                        continue
                sal.insert(pi, pos, reader.who_of_character(ch) if ch is not None
                           else reader.who_of_np(words), True)
            while pk < len(pron):
                _chain(sal, pi, *pron[pk], text)
                pk += 1


def _narration_segments(paras, quotes, qpara):
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


def _generic_words(words: list[str]) -> bool:
    """Whether a description is a vague one that re-names someone ("the old lady", "the
    gentleman"), not a role that picks a new person out ("the doctor", "the stranger")."""
    return words[-1] in GENERIC_HEADS and words[-1] not in ("other", "latter", "former",
                                                            "one", "old", "young") and \
        not any(w in CONTRAST or w == "former" for w in words) and \
        all(w in GENERIC_HEADS or w in ("little", "poor", "elderly", "stout", "tall") for w in words)


_NAME = r"((?:(?:Mr|Mrs|Miss|Master|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
SELF_NAMING = re.compile(r"\b(?:[Mm]y name(?:,\s*[a-z]+,)?\s+is|[Mm]y name[’']s|[Cc]all me)\s+"
                         + _NAME)
OTHER_NAMING = re.compile(r"\b(?:(?:[Hh]is|[Hh]er) name(?:[’']s|\s+is)|[Ii]t[’']s|[Ii]t is)\s+"
                          + _NAME)
ANSWER_NAME = re.compile(_NAME + r"[!.]?")
NAMING_SCENE = 12   # paragraphs around the naming a description keeps meaning that person


def _named_in_dialogue(reader: _Reader, sal: _Salience, text: str, quotes, speakers, cues, tags,
                       qpara, prevq) -> None:
    """A speaker the text knows only by a description, named by the dialogue: by themselves
    ("my name, sir, is Brownlow") or by someone else ("Her name is Daisy Miller!", "Why,
    it's Nancy!"). The description's lines around there are that person's."""
    for i, q in enumerate(quotes):
        inner = text[q.start:q.end]
        for pat, own in ((SELF_NAMING, True), (OTHER_NAMING, False), (None, True)):
            if pat is None:
                # "What name am I to ask for?" "Monks!": a name alone answering for a name
                m = ANSWER_NAME.fullmatch(inner.strip(" _*"))
                j = i - 1
                if m is None or j < 0 or qpara[j] != prevq.get(qpara[i]) or \
                        "name" not in text[quotes[j].start:quotes[j].end].lower() or \
                        "?" not in text[quotes[j].start:quotes[j].end]:
                    continue
            else:
                m = pat.search(inner)
            if m is None:
                continue
            form = m.group(1)
            if form.split()[0].lower() in NOT_NAMES and form.split()[0].rstrip(".").lower() \
                    not in TITLES:
                continue
            ch = reader.cast.character(form)
            if ch is None:
                continue
            person = reader.who_of_character(ch)
            p = qpara[i]
            if own:
                k = i
                while tags[k] is None and k and qpara[k - 1] == p:
                    k -= 1      # the second part of a speech: the tag before is its own
                target = speakers[k]
                if (target is None or not target.key.startswith("d:")) and \
                        tags[k] is not None and tags[k].kind in ("generic", "np"):
                    target = tags[k].who        # "the old gentleman", misread as someone
                if target is None or not target.key.startswith("d:"):
                    continue
                targets, keys = _run_of(target.key, i, speakers, tags, qpara)
                targets.append(i)
                if tags[k] is not None and tags[k].who is not None and \
                        tags[k].who.key != target.key and tags[k].kind in ("generic", "np"):
                    more, more_keys = _run_of(tags[k].who.key, i, speakers, tags, qpara)
                    targets += more
                    keys |= more_keys
            else:
                # the described person of that sex who spoke last before the naming
                target = None
                for j in range(i - 1, max(-1, i - 30), -1):
                    w = speakers[j]
                    if qpara[j] < p - NAMING_SCENE:
                        break
                    if w is not None and w.key.startswith("d:") and qpara[j] != p and \
                            w.gender == person.gender and person.gender is not None:
                        target = w
                        break
                if target is None:
                    continue
                targets, keys = _run_of(target.key, i, speakers, tags, qpara)
            if not targets:
                continue
            for j in targets:
                speakers[j], cues[j] = person, "described"
            lo, hi = min(qpara[j] for j in targets), max(qpara[j] for j in targets)
            for key in keys:
                sal.rename(key, person, lo, hi)
            break


def _run_of(key: str, i: int, speakers, tags, qpara) -> list[int]:
    """The lines of one described speaker (by its key) in the scene around quote i: each
    within NAMING_SCENE paragraphs of the next. A line whose tag's description was read as
    that speaker ("said the young lady" for "a beautiful young lady") brings in the other
    lines of that description too."""
    keys = {key}

    def of(j):
        w = speakers[j]
        t = tags[j].who if tags[j] is not None and tags[j].kind in ("generic", "np") else None
        if w is not None and w.key in keys or t is not None and t.key in keys:
            for x in (w, t):
                if x is not None and x.key.startswith("d:"):
                    keys.add(x.key)
            return True
        return False
    out = []
    for step in (-1, 1):
        last = qpara[i]
        j = i + step
        while 0 <= j < len(qpara) and abs(qpara[j] - last) <= NAMING_SCENE:
            if of(j):
                out.append(j)
                last = qpara[j]
            j += step
    return out, keys


def _called(p, i, spoken_para, prevq, para_first, addressed, vocative, qpara) -> _Who | None:
    """The person the line before called by name, if they are not its own speaker or the one
    this line calls: who answers."""
    pp = prevq.get(p, -1)
    j1 = para_first.get(pp)
    if j1 is None:
        return None
    adr = addressed[j1] or vocative[j1]
    j = j1 + 1
    while j < i and qpara[j] == pp:
        adr = vocative[j] or adr        # "Don't make such a row," … "Show a glim, Toby."
        j += 1
    prev1 = spoken_para.get(pp)
    if adr is None or adr.key[0] not in "cn" or prev1 is not None and adr.key == prev1.key or \
            vocative[i] is not None and vocative[i].key == adr.key:
        return None
    return adr


def _plural(who: _Who) -> bool:
    """Whether a description is of several people ("the boys", "the gentlemen")."""
    if not who.key.startswith("d:"):
        return False
    head = who.key[2:].split()[-1]
    return head in GROUP_NOUNS or head in ("gentlemen", "ladies", "boys", "girls") or \
        head.endswith("s") and head[:-1] in PERSON_NOUNS


CONTRAST = frozenset("other another second third first elder younger last same".split())
VAGUE_HEADS = frozenset("man woman fellow person gentleman lady".split())
GROUP_NOUNS = frozenset("crowd people children men women voices others members".split())


def _variant(a: list[str], b: list[str]) -> bool:
    """Whether two descriptions with one head may name one person: "the gentleman" and "the
    old gentleman", not "the other gentleman" or "the young gentleman" and "the old" one."""
    if a[-1] != b[-1] or any(w in CONTRAST for w in a + b):
        return False
    ma, mb = set(a[:-1]), set(b[:-1])
    return ma <= mb or mb <= ma



INTRO = re.compile(r"\b(?:[Aa]n?)\s+(?=((?:[a-z][a-z-]+[ \t\n]+){0,3}[a-z][a-z-]+))")
INTRO_BLOCK = re.compile(r"(?:\b(?:as|like|than|such|what|quite|was|is|be|been|were|being|"
                         r"become|became|not|never|every|half|seemed|seems|looked|many|"
                         r"rather|of)\s*)$", re.I)
INTRO_WINDOW = 6        # paragraphs a person brought in by the narration stays the one meant
INTRO_SKIP = frozenset("one other voice voices crowd figure creature person people friend "
                       "member speaker general official".split())   # "a general cry"
ADULT_MALE = frozenset("man gentleman fellow".split())


def _introductions(reader: _Reader, text: str, paras, quotes, qpara):
    """People the narration brings in with an indefinite description ("here they
    encountered a stout man with a bunch of keys"): (para, pos, who), in order."""
    out = []
    for pi, segs in _narration_segments(paras, quotes, qpara):
        for a, b in segs:
            if b - a < 6:
                continue
            for m in INTRO.finditer(text, a, b):
                if INTRO_BLOCK.search(text, max(a, m.start() - 12), m.start()):
                    continue
                words = m.group(1).split()
                cut = next((i for i, w in enumerate(words) if w in PERSON_NOUNS), None)
                if cut is None:
                    continue
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


def _fits(tag_words: list[str], who: _Who) -> bool:
    """Whether a generic description ("the man", "the old gentleman") can mean a person the
    narration brought in with a fuller one ("a stout man", "an old gentleman in a coat")."""
    words = who.key[2:].split()
    h, hi = tag_words[-1], words[-1]
    if any(w in CONTRAST for w in tag_words):
        return False
    if h == hi:
        pass
    elif h in ADULT_MALE and h != "gentleman":
        if hi in YOUNG_NOUNS or hi in FEMALE_NOUNS or hi == "gentleman" and h != "man":
            return False
        if hi not in MALE_NOUNS and who.gender != "m" and who.gender is not None:
            return False
    elif h in ("woman", "female"):
        if hi not in FEMALE_NOUNS or hi == "girl":
            return False
    else:
        return False
    return all(w in words or w in ("little", "poor") for w in tag_words[:-1])


def _intro_for(intros, intro_pos, desc: _Who, para: int, pos: int, exclude):
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
        if _fits(words, who):
            return at, ip, who
    return None


YOUNG_NOUNS = frozenset("boy lad youth child infant urchin".split())
AGE_PREFIX = re.compile(r"\b(?:[Ll]ittle|[Yy]oung)\s+$")
ADULT_TITLES = frozenset("mr mrs dr doctor sir lady madame mme monsieur captain colonel count "
                         "countess lord mister professor reverend rev".split())


def _count_age(text: str, s: int, form: str, key: str, young: Counter, adult: Counter) -> None:
    """Evidence of a named person's age from how the narration names them: "Mr. Sikes",
    "Mrs. Mann" are grown-ups; "little Oliver", "young Twist", "Master Bates" are young."""
    t = form.split()[0].rstrip(".").lower()
    if t in ADULT_TITLES and " " in form:
        adult[key] += 1
    elif t == "master" and " " in form or AGE_PREFIX.search(text, max(0, s - 8), s):
        young[key] += 1


def _desc_age(who: _Who) -> str | None:
    """Whether a description means a child ("the boy", "the child") or a grown-up ("the old
    gentleman", "the man"), when its words say so."""
    words = who.key[2:].split()
    if not words:
        return None
    head = words[-1]
    if head in YOUNG_NOUNS:
        return "young"
    if "old" in words or "elderly" in words or "aged" in words:
        return "adult"
    if head in ("man", "woman", "fellow") and "little" not in words:
        return "adult"
    if head in ("gentleman", "lady") and "young" not in words and "little" not in words:
        return "adult"
    return None


PRONOUN_SUBJECT = re.compile(r"\b([Hh]e|[Ss]he)\s+(?=[a-z])")
CLAUSE_OPENER = re.compile(r"(?:^|[^A-Za-z])(?:and|then|but|[Ss]o|[Yy]et)$")


def _opens_clause(chunk: str, i: int) -> bool:
    """Whether position i opens a clause: the chunk's start, or after . ! ? ; : or a word
    and/then/but and a space."""
    j = i
    while j > 0 and chunk[j - 1].isspace():
        j -= 1
    if j == 0:
        return True
    return j < i and (chunk[j - 1] in ".!?;:" or
                      CLAUSE_OPENER.search(chunk, max(0, j - 5), j) is not None)


CHAIN_SENTENCES = 2     # sentences back a pronoun subject looks for its person first


def _chain(sal: _Salience, pi: int, pos: int, pron: str, text: str = "") -> None:
    """A pronoun subject of narration ("she went on growing") keeps its person salient: one
    of that sex the last sentences name, a subject first, else the latest named ("…shot
    through the brain of Fagin. He sat without changing"), else the latest subject of that
    sex."""
    g = "m" if pron == "he" else "f"
    who = None
    if text:
        ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, pos - 400), pos + 3)
                if m.end() <= pos]
        if len(ends) >= CHAIN_SENTENCES + 1:
            who = sal.between(ends[-CHAIN_SENTENCES - 1], pos, g)
    who = who or sal.recent(pi, pos, g, window=4)
    if who is not None:
        sal.insert(pi, pos, who, True)


VOCATIVE = re.compile(r"(?:^|[,!?;—-]\s*|\b(?:dear|my|Oh|oh|O)\s+)"
                      r"((?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord|Madame|Monsieur)\.?\s+)?"
                      r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*(?=[,!?.;]|$)")


def _vocative(reader: _Reader, text: str, q: Quote, alone: bool = False) -> _Who | None:
    """Someone the quote addresses by name: "My dear Mr. Bennet, …", "…, Jake.". A name
    said alone (no more of the speech follows in the paragraph), and not called out with
    "!", addresses nobody: an echo ("“Fagin,” cried the girl, recoiling"), a question about
    someone ("“Mr. Campbell?”"), an answer ("“Robert Cohn.”")."""
    inner = text[q.start:q.end]
    for m in VOCATIVE.finditer(inner):
        form = m.group(1)
        first = form.split()[0]
        if first.lower().rstrip(".") in NOT_NAMES and first.lower().rstrip(".") not in TITLES:
            continue
        ch = reader.cast.character(form)
        if ch is not None:
            rest = inner[:m.start(1)] + inner[m.end(1):]
            if alone and not any(c.isalnum() or c == "!" for c in rest):
                return None
            return reader.who_of_character(ch)
    return None


def _name_first_person(speakers, cues, addressed, qpara) -> _Who | None:
    """Whom the lines next to the narrator's ("I said") address most, if clear."""
    near: Counter = Counter()
    named: Counter = Counter()
    by_para = {}
    for i, w in enumerate(speakers):
        if w is not None:
            by_para.setdefault(qpara[i], w)
            if w.key != "first" and cues[i] == "explicit":
                named[w.key] += 1
    for i, w in enumerate(addressed):
        if w is None:
            continue
        p = qpara[i]
        if (by_para.get(p - 1) and by_para[p - 1].key == "first") or \
                (by_para.get(p + 1) and by_para[p + 1].key == "first"):
            near[w] += 1
    for who, c in near.most_common(3):
        if c >= 2 and named[who.key] * 4 < c:
            return who
    return None
