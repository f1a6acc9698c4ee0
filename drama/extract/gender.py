"""A person's sex from the evidence a text gives, counted and weighed in this one place.

Evidence, each kind counted separately so a reader of the script can see why:

- titles: "Mr." / "Mrs." in a mention of the person (3 each), or in the speaker label
  itself, which settles it ("Mrs. Elton" is a woman whatever the pronouns say);
- a description's noun: "maid", "waitress" / "soldier", "cabman" (settles it too);
- the given name, from the sourced lists in data/ (3, once): a prior only, weighed after
  the text's own evidence; where the text writes the given name alone often enough with one
  sex's pronouns (given_name_in_text), that sex is the prior instead ("Dale ... she" thirty
  times makes "Dale Ashby" a woman whatever the lists say of Dale);
- a Slavic surname ending, -ova / -ov (1);
- a Russian patronymic ending, -ovna / -ovitch (3, as a given name: it says the sex as surely);
- the pronoun right after a mention in the narration, "Emma ... She" (1 each);
- a pronoun speech tag beside the person's own lines, "she said" (2 each);
- "its" after a mention: a creature, no sex;
- several people ("Soldiers", "Shreider and Prokopovich"): no sex;
- the book's majority, when nothing else is known: only a lean for picking a voice.

extract/cast/evidence.py counts the name, title and pronoun evidence of every person the text
names (attribution needs their sex); extract/inventory.py adds the label and speech-tag
evidence of each speaker and writes the result in the script's characters section, which
casting reads. decide() is the only rule that turns counts into a sex.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from . import lexicon
from .letters import LETTER
from .scan import compile_later, word_start

MALE, FEMALE = "m", "f"

W_TITLE = 3
W_GIVEN = 3
"""As much as a title: one stray pronoun after a mention must not cancel a given name."""
W_SURNAME = 1
W_PATRONYMIC = W_GIVEN
W_PRONOUN = 1
W_TAG = 2

# Words that give a speaker label a sex: titles and kinship or role words ("Countess Panina",
# "Mother Superior", "The Widow Douglas"). Wider than lexicon's TITLES, which are the words
# that may open a proper name in running text.
FEMALE_LABEL_TITLES = frozenset("""mrs miss ms lady countess madame madam mme mlle mademoiselle
duchess princess queen baroness empress tsarina czarina dame sister mother aunt auntie
grandmother granny grandma signora senora señora frau fraulein fräulein marchioness marquise
viscountess abbess nun widow wife daughter girl woman mistress ladyship""".split())
MALE_LABEL_TITLES = frozenset("""mr sir lord count duke prince king baron emperor tsar czar
admiral general colonel captain major lieutenant sergeant corporal commander commissar father
brother uncle grandfather grandpa monsieur m herr signor senor señor earl marquis viscount
bishop archbishop abbot friar monk husband son boy man master squire lordship""".split())
RANK_TITLES = frozenset("""admiral general colonel captain major lieutenant sergeant corporal
commander commissar bishop archbishop master""".split())
"""Titles of a rank or office, which say nothing of a sex by the word itself (a woman may be a
captain); the other label titles are a woman's or a man's by their meaning (a grandmother)."""
# Titles that are also ordinary words in a label: they count only when capitalised.
TITLE_CASE_ONLY = frozenset({"miss", "count", "major", "general", "master", "mother", "father",
                             "sister", "brother", "man", "woman", "boy", "girl", "son",
                             "daughter", "wife", "husband", "widow", "mistress", "m"})
FEMALE_SURNAME_ENDINGS = ("ova", "eva", "skaya", "tskaya")
MALE_SURNAME_ENDINGS = ("ov", "ev", "sky", "skiy", "skii")
FEMALE_PATRONYMIC_ENDINGS = ("ovna", "evna", "ichna")
MALE_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovitch", "evitch")
"""The endings of a Russian patronymic, the father's name a woman's or a man's full name ends
on ("Antonida Vassilievna", "Alexis Ivanovitch"): -ovna/-evna/-ichna are only a daughter's,
-ovich/-evich (-ovitch in the older English spelling) only a son's (Wikipedia, "Eastern
Slavic naming customs")."""

# Nouns that name a woman or a man in a description label ("The Housemaid", "an old man").
FEMALE_NOUNS = lexicon.FEMALE_NOUNS | frozenset("""lass countess housemaid maidservant female
nun bride governess actress waitress stewardess seamstress""".split())
MALE_NOUNS = lexicon.MALE_NOUNS | frozenset("count friar male groom bachelor".split())
_NOT_ESS = frozenset({"witness", "press", "dress", "address", "business", "guess", "boss",
                      "princess"})
ARTICLES = frozenset({"the", "a", "an", "one", "another", "some"})
PREPOSITIONS = frozenset({"in", "with", "at", "of", "from", "on", "by", "near", "for", "to",
                          "under", "who", "whom", "that"})
NOT_NAMES = frozenset("""the a an unknown speaker voice voices someone somebody everyone
everybody crowd several many some all one another other others and or of""".split())
GROUP_WORDS = frozenset("""crowd chorus all everyone everybody voices soldiers people men women
several many others delegates group mob audience both unknown unidentified anonymous
unnamed someone somebody""".split())

BOOK_MIN_PRONOUNS = 20
"""The narration's he or she must come this often, and twice the other, to give a lean."""

_WORD = compile_later("[" + LETTER + "’'.-]+")
# he, him, his, himself (she, her, hers, herself) in lower case, capitalised or in capitals:
# one branch per first letter, each opening on it (scan.word_start), so that the search
# passes the other letters at once
_MALE_PRONOUN = re.compile(word_start("h") + r"(?:e|im|is|imself)\b|" +
                           word_start("H") + r"(?:e|im|is|imself|E|IM|IS)\b")
_FEMALE_PRONOUN = re.compile(word_start("s") + r"he\b|" + word_start("S") + r"(?:he|HE)\b|" +
                             word_start("h") + r"(?:er|ers|erself)\b|" +
                             word_start("H") + r"(?:er|ers|erself|ER)\b")


@dataclass
class Evidence:
    """What the text says of one person's sex, as counts (see the module docstring)."""

    title_m: int = 0
    title_f: int = 0
    given_name: str = ""
    """"m" or "f": the sex the given-name lists give the first name, else empty."""
    surname: str = ""
    """"m" or "f": a Slavic surname ending, else empty."""
    patronymic: str = ""
    """"m" or "f": a Russian patronymic ending, else empty."""
    pronoun_m: int = 0
    pronoun_f: int = 0
    its: int = 0
    tag_m: int = 0
    tag_f: int = 0
    label: str = ""
    """"m" or "f" when the speaker label itself says so ("Mrs. Elton", "The Housemaid")."""
    group: int = 0
    """1 when the label names several people."""
    book: str = ""
    """"m" or "f": the sex the narration mostly writes about; a lean, never a decision."""

    def weights(self, priors: bool = True) -> tuple[int, int]:
        """(male, female) weight of the counts; with priors, the given name's and the
        surname ending's too. The label, a group and the book's lean are not weights."""
        male = W_TITLE * self.title_m + W_PRONOUN * self.pronoun_m + W_TAG * self.tag_m
        female = W_TITLE * self.title_f + W_PRONOUN * self.pronoun_f + W_TAG * self.tag_f
        if priors:
            male += W_GIVEN * (self.given_name == MALE) + W_SURNAME * (self.surname == MALE) \
                + W_PATRONYMIC * (self.patronymic == MALE)
            female += W_GIVEN * (self.given_name == FEMALE) + \
                W_SURNAME * (self.surname == FEMALE) + W_PATRONYMIC * (self.patronymic == FEMALE)
        return male, female

    def decide(self) -> str | None:
        """"m", "f", or None when the evidence is weak, split, a creature's or a group's.

        The label's own title or noun settles it. Otherwise one side must weigh more than 1
        and more than twice the other: first the text's own titles, pronouns and tags alone
        (Dale of "Dale said she would come" is a woman, whatever the name lists say), then
        with the name priors added; else the given name when the text leans its way. "its"
        must not outnumber he and she."""
        if self.group:
            return None
        if self.label:
            return self.label
        male, female = self.weights(priors=False)
        if self.its >= 2 and self.its >= male + female:
            return None
        return _side(male, female) or _side(*self.weights()) or \
            self._name_agrees(male, female)

    def _name_agrees(self, male: int, female: int) -> str | None:
        """The sex the given name is mostly given, when the text's own evidence leans the
        same way, however split ("Ronny": he 24 times, she 18 — thoughts of him in her
        paragraphs — and a man's name)."""
        if male == female or not self.given_name:
            return None
        lean = MALE if male > female else FEMALE
        return lean if self.given_name == lean else None

    def text_sex(self) -> str | None:
        """The sex the text's own titles, pronouns and tags give, when they weigh at least
        as much as a given name's prior (W_GIVEN) and twice the other side; else None."""
        male, female = self.weights(priors=False)
        return _side(male, female) if max(male, female) >= W_GIVEN else None

    def weighed_lean(self) -> str | None:
        """The sex the weights with the name priors point to when that side weighs at least
        a given name's prior (W_GIVEN), however close the other: too little to decide a sex
        but enough for a pronoun of the other sex to pass over the name (Salience.leans).
        One "he" against two "her" is no such lean; nor is the book's (lean)."""
        male, female = self.weights()
        if max(male, female) >= W_GIVEN and male != female:
            return MALE if male > female else FEMALE
        return None

    def lean(self) -> str | None:
        """The sex the evidence points to, however weakly (to pick a voice), else None."""
        decided = self.decide()
        if decided or self.group:
            return decided
        male, female = self.weights()
        if male != female:
            return MALE if male > female else FEMALE
        return self.book or None

    def add(self, other: Evidence) -> None:
        """Count other's evidence too (one person across the episodes of a series)."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, int):
                setattr(self, f.name, mine + theirs)
            elif not mine:
                setattr(self, f.name, theirs)

    def to_dict(self) -> dict:
        """The non-empty counts, for the script's characters section."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @classmethod
    def from_dict(cls, data: dict) -> Evidence:
        """Evidence read back from a script; unknown keys and bad values are left out."""
        ev = cls()
        for f in fields(cls):
            value = data.get(f.name)
            if f.type == "int" and isinstance(value, int) and not isinstance(value, bool):
                setattr(ev, f.name, max(0, value))
            elif f.type == "str" and value in (MALE, FEMALE):
                setattr(ev, f.name, value)
        return ev


def _side(male: int, female: int) -> str | None:
    if male > max(1, 2 * female):
        return MALE
    if female > max(1, 2 * male):
        return FEMALE
    return None


def given_name_in_text(name: str, bare: Evidence | None) -> str | None:
    """The sex a given name has in this text: what the text says of the name written alone
    (bare: its evidence, None when the text never writes it alone), when that is clear
    (Evidence.text_sex), else what the name lists say (lexicon.given_name_sex)."""
    listed = lexicon.given_name_sex(name)
    if listed and bare is not None:
        return bare.text_sex() or listed
    return listed


# ------------------------------------------------------------------ the label alone

def _words(label: str) -> list[str]:
    return _WORD.findall(label)


def _head(label: str) -> list[str]:
    """The words of a label before any prepositional tail: "The Lady" of "The Lady In Grey"."""
    words = _words(label)
    for i, w in enumerate(words[1:], 1):
        if w.casefold() in PREPOSITIONS:
            return words[:i]
    return words


def is_group(label: str) -> bool:
    """Whether a speaker label names several people (``Shreider and Prokopovich``)."""
    head = " ".join(_head(label))
    words = [w.casefold().strip(".") for w in _words(head)]
    return (" and " in f" {head.casefold()} " or "&" in head
            or any(w in GROUP_WORDS for w in words) or _plural(head_noun(label) or ""))


def _plural(noun: str) -> bool:
    """Whether a description's noun is a plural person noun ("marchers", "sailors",
    "women"; not "countess")."""
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
        return noun in lexicon.PERSON_NOUNS or noun[:-1] in lexicon.PERSON_NOUNS
    return noun in lexicon.PERSON_NOUNS and noun.endswith(("men", "ren", "ple"))


def is_description(label: str) -> bool:
    """Whether a label describes rather than names (``The Housemaid``, ``Angry soldier``)."""
    words = _words(label)
    if not words:
        return False
    head = _head(label)[-1]
    return (words[0].casefold() in ARTICLES or label[:1].islower()
            or (len(words) > 1 and head[:1].islower())
            or head.casefold() in lexicon.PERSON_NOUNS)


def head_noun(label: str) -> str | None:
    """The noun a description label is about, lowercased (``housemaid``), else None."""
    if not is_description(label):
        return None
    head = _head(label)
    if len(head) < 2 and head and head[0].casefold() not in lexicon.PERSON_NOUNS:
        return None
    noun = head[-1].casefold().strip(".’'") if head else ""
    for poss in ("’s", "'s"):
        noun = noun.removesuffix(poss)
    return noun if len(noun) >= 3 else None


def role_sex(noun: str) -> str | None:
    """The sex a role noun carries by itself (maid, waitress / gentleman, cabman; WordNet's
    nouns of one sex, lexicon.SEX_NOUNS: mother-in-law, signorina)."""
    last = noun.split("-")[-1]
    if last in FEMALE_NOUNS or noun in FEMALE_NOUNS or last.endswith("woman"):
        return FEMALE
    if last in MALE_NOUNS or noun in MALE_NOUNS or (last.endswith("man") and len(last) > 4):
        return MALE
    if noun in lexicon.SEX_NOUNS:
        return lexicon.SEX_NOUNS[noun]
    if last.endswith("ess") and last not in _NOT_ESS and len(last) > 5:
        return FEMALE
    return None


def _title_word(low: str) -> str:
    """The full form of a title the AP Stylebook abbreviates ("col" is "colonel"), else low."""
    return lexicon.TITLE_ABBREVIATIONS.get(low, low)


@lru_cache(maxsize=4096)
def label_title(label: str) -> str | None:
    """The sex of a title or role word in the label itself ("Mrs. Elton", "Countess Panina",
    "The Housemaid"), else None. Kept per label: a person's sex is asked for often."""
    for w in _words(label):
        low = _title_word(w.casefold().rstrip("."))
        if low in TITLE_CASE_ONLY and not w[:1].isupper():
            continue
        if low in FEMALE_LABEL_TITLES:
            return FEMALE
        if low in MALE_LABEL_TITLES:
            return MALE
    noun = head_noun(label)
    return (role_sex(noun) if noun else None) or _compound_sex(label)


def _compound_sex(label: str) -> str | None:
    """The sex of a description label ending on a noun of one sex written in two or three
    words whose last word alone says nothing (lexicon.SEX_NOUNS: "The femme fatale", "the
    old salt"; "The prima donna" is the head noun's, "donna", role_sex)."""
    if not is_description(label):
        return None
    words = [w.casefold().rstrip(".") for w in _words(label)]
    for n in (3, 2):
        sex = lexicon.SEX_NOUNS.get(" ".join(words[-n:])) if len(words) >= n else None
        if sex:
            return sex
    return None


@lru_cache(maxsize=4096)
def word_sex(label: str) -> str | None:
    """The sex of a name that is one kinship or title word of one sex by its meaning
    ("Grandmother", "the Marquis", "Madame"; a term of address of one sex, "Dad":
    lexicon.ADDRESS_SEX; not a rank, "the General"; not a given name), else None: no
    pronoun after it can make a grandmother a man (in her scenes with men, "At the
    Grandmother he gazed", their "he" follows her name). Kept per label, as label_title."""
    words = _words(label)
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    low = _title_word(words[0].casefold().rstrip("."))
    if low in RANK_TITLES:
        return None
    if low in FEMALE_LABEL_TITLES or low in MALE_LABEL_TITLES:
        return FEMALE if low in FEMALE_LABEL_TITLES else MALE
    if low in lexicon.FEMALE_GIVEN_NAMES or low in lexicon.MALE_GIVEN_NAMES:
        return None     # a given name before a word of one sex
    return lexicon.ADDRESS_SEX.get(low)    # "Dad", "Granny": a term of address as a name


def name_tokens(label: str) -> list[str]:
    """The capitalised words of a label that can be a person's names (no titles, no
    articles): ["Sofia", "Panina"] of "Countess Sofia Panina"."""
    out = []
    for w in _words(label):
        bare = w.strip(".’'-")
        low = _title_word(bare.casefold())
        if len(bare) < 2 or not bare[:1].isupper() or low in NOT_NAMES \
                or low in FEMALE_LABEL_TITLES or low in MALE_LABEL_TITLES:
            continue
        out.append(bare)
    return out


def label_evidence(label: str, ev: Evidence | None = None, *, given: bool = True) -> Evidence:
    """ev (or new Evidence) with what the label alone says: a group, its title or noun (or
    its one word of one sex, word_sex: "Dad"), the surname ending of a name and, when
    given, its given name."""
    ev = ev if ev is not None else Evidence()
    if is_group(label):
        ev.group = 1
        return ev
    ev.label = label_title(label) or word_sex(label) or ""
    tokens = name_tokens(label) if not is_description(label) else []
    if given and tokens and not ev.given_name:
        ev.given_name = next((s for s in map(lexicon.given_name_sex, tokens) if s), "")
    last = tokens[-1].casefold() if tokens else ""
    if len(last) > 4 and not lexicon.given_name_sex(last):
        patronymic = patronymic_sex(last)
        if patronymic:
            ev.patronymic = patronymic
        elif last.endswith(FEMALE_SURNAME_ENDINGS):
            ev.surname = FEMALE
        elif last.endswith(MALE_SURNAME_ENDINGS):
            ev.surname = MALE
    return ev


def patronymic_sex(word: str) -> str | None:
    """"f" or "m" for a word ending as a Russian patronymic does ("Vassilievna",
    "Ivanovitch"), else None."""
    low = word.casefold()
    if len(low) <= 4:
        return None
    if low.endswith(FEMALE_PATRONYMIC_ENDINGS):
        return FEMALE
    return MALE if low.endswith(MALE_PATRONYMIC_ENDINGS) else None


def pronoun_sex(word: str) -> str:
    """"f" for she/her/hers/herself, else "m"."""
    return FEMALE if word.casefold() in lexicon.FEMALE_PRONOUNS else MALE


def book_majority(narration: str) -> str | None:
    """The sex the narration mostly writes about: he/him/his twice she/her/hers (or the
    reverse) and at least BOOK_MIN_PRONOUNS of them, else None."""
    counts = {MALE: len(_MALE_PRONOUN.findall(narration)),
              FEMALE: len(_FEMALE_PRONOUN.findall(narration))}
    major, minor = sorted(counts, key=counts.get, reverse=True)
    if counts[major] < BOOK_MIN_PRONOUNS or counts[major] < 2 * counts[minor]:
        return None
    return major
