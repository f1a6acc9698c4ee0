"""Reading speaker phrases ("Mr. Ashby", "an angry soldier", "she", "Daisy's mamma") from
the tokens of a speech tag, and the identities (Who) they stand for."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..cast import Cast
from ..cast.character import Character
from ..names import SURNAME_PARTICLES, is_initial
from ..lexicon import (DETERMINERS, FEMALE_NOUNS, FEMALE_TITLES, INDEFINITE, MALE_NOUNS,
                       MALE_PRONOUNS, MALE_TITLES, NOT_NAMES, PERSON_NOUNS, PREPOSITIONS,
                       TITLES, english_words, given_name_sex, speaker_noun)
from ..scan import word_start
from .who import Who
from .words import (AUX, CONTRAST, FUNCTION_WORDS, GENERIC_HEADS, NUMBERS, PLURAL_PRONOUNS,
                    SENTENCE_STOP, VOICE_NOUNS, adverb, is_speech_verb, speech_verb_at)

THE_WORD = re.compile(word_start("[Tt]") + r"he\s+([a-z][a-z-]*)")
NP_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
NEXT_SUBJECT = re.compile(r"[ \t\n]*(He|She)\b")
"""The next sentence opening on "He" or "She" ("The stranger came early in February …. He
was wrapped up"): who it goes on with is the one the sentence before was about."""
SENTENCE_OPEN_THE = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*)The\s+$")
"""A description opening its sentence, its subject."""
NP_OWNER = re.compile(r"[’']s\b|\s+s\b")
"""A possessive after a description ("the stranger's lunch", "the stranger s lunch")."""
NP_PRONOUN_STOP = re.compile(r"[.!?;\"“”‘]|(?<=,)’|\n\s*\n")


@dataclass
class Tag:
    """A speech tag as read: what kind of phrase names the speaker, and how it was said."""

    kind: str                 # name | np | generic | pron | first | indef | group
    who: Who | None = None
    gender: str | None = None
    cue: str = "explicit"
    addressee: Who | None = None
    owner_key: str | None = None    # "Daisy's mamma": not Daisy
    demonstrative: bool = False     # "this worthy", "that discreet lady": just mentioned
    indefinite: bool = False        # "a man", "an old woman": someone the text brings in
    leading: bool = False           # read in the narration before the quote, not after it
    trait: bool = False             # "the injured woman": a trait before a plain head


class Reader:
    """Reads speaker phrases ("Mr. Ashby", "an angry soldier", "she") from token lists."""

    def __init__(self, cast: Cast, text: str):
        self.cast = cast
        self.text = text
        self._recurs: dict[str, bool] = {}
        self._chars: dict[str, Character] = {}
        self._who: dict[str, Who] = {}
        self._the_index: dict[str, list[int]] | None = None
        self.one_given_name: dict[str, frozenset[str]] = {}
        """vocative.called_keys' answers, by the key asked of."""
        self.given_name_index: tuple[int, dict[str, list[Character]]] | None = None
        """vocative._given_name_fellows' index of the cast by given name, with the count of
        the cast's forms it was made for (made again when the cast has grown)."""

    def recurs(self, phrase: str) -> bool:
        """Whether a description occurs more than once in the text ("in the white waistcoat")."""
        got = self._recurs.get(phrase)
        if got is None:
            first = self.text.find(phrase)
            got = self._recurs[phrase] = first >= 0 and self.text.find(phrase, first + 1) >= 0
        return got

    def personlike(self, who: Who) -> bool:
        """Whether a named speaker reads as a person: a known sex, or not "the Duma"."""
        if who.gender is not None:
            return True
        ch = self._chars.get(who.key)
        return ch is not None and not ch.thing_like

    def who_of_character(self, ch: Character) -> Who:
        key = "c:" + str(id(ch))
        w = self._who.get(key)
        if w is None:
            self._chars[key] = ch
            w = self._who[key] = Who(key, ch.label, ch.gender)
        return w

    def character_of(self, who: Who) -> Character | None:
        """The cast's character a speaker identity stands for, if it is one."""
        return self._chars.get(who.key)

    def who_of_key(self, key: str) -> Who | None:
        """The identity already read under this key."""
        return self._who.get(key)

    def regender(self, who: Who, gender: str) -> Who:
        """The same person, now known to be of this sex."""
        w = self._who[who.key] = Who(who.key, who.label, gender)
        return w

    def who_of_name(self, form: str) -> Who:
        ch = self.cast.character(form)
        if ch is not None:
            return self.who_of_character(ch)
        core = " ".join(x for x in form.split() if x.lower().rstrip(".") not in TITLES)
        key = "n:" + (core or form).lower()
        w = self._who.get(key)
        if w is None:
            t = form.split()[0].rstrip(".").lower()
            g = "m" if t in MALE_TITLES else "f" if t in FEMALE_TITLES else None
            w = self._who[key] = Who(key, form, g)
        return w

    def who_of_np(self, words: list[str], definite: bool = False) -> Who:
        """A described person: "an angry soldier" -> Angry soldier, "the doctor" -> The doctor."""
        key = "d:" + " ".join(words).lower()
        w = self._who.get(key)
        if w is None:
            label = " ".join(words)
            label = "The " + label if definite else label[0].upper() + label[1:]
            w = self._who[key] = Who(key, label, self._np_sex(words))
        return w

    def np_sex(self, words: list[str]) -> str | None:
        """The sex who_of_np gives (or gave) a described person, without registering one."""
        w = self._who.get("d:" + " ".join(words).lower())
        return w.gender if w is not None else self._np_sex(words)

    def _np_sex(self, words: list[str]) -> str | None:
        head = words[-1].lower()
        g = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
        if g is None:
            g = "m" if any(x.lower() in MALE_NOUNS for x in words) else \
                "f" if any(x.lower() in FEMALE_NOUNS for x in words) else None
        return g if g is not None else self.np_gender(" ".join(words))

    def np_gender(self, phrase: str) -> str | None:
        """The sex the text's pronouns give a description ("the visitor … his hat"): the
        first pronoun after each of its first occurrences, in the same sentence; of a
        description the text writes once (besides as an owner), as the subject of a
        sentence with no pronoun near it, the "he"/"she" opening the next sentence ("The
        stranger came early in February, … . He was wrapped up": _once_gender)."""
        male = female = 0
        low = phrase.lower()
        text = self.text
        if self._the_index is None:
            index: dict[str, list[int]] = {}
            for m in THE_WORD.finditer(text):
                index.setdefault(m.group(1), []).append(m.start(1))
            self._the_index = index
        once: list[int] = []    # its occurrences not as an owner ("the stranger's lunch")
        for at in self._the_index.get(low.split()[0], ()):
            end = at + len(low)
            if not text.startswith(low, at) or end < len(text) and text[end].isalpha():
                continue
            if not NP_OWNER.match(text, end):
                once.append(at)
            pm = NP_PRONOUN.search(_np_window(text, end))
            if pm:
                if pm.group(1).lower() in MALE_PRONOUNS:
                    male += 1
                else:
                    female += 1
                if male + female >= 12:
                    break
        if male >= 2 and male >= 3 * female:
            return "m"
        if female >= 2 and female >= 3 * male:
            return "f"
        return _once_gender(text, once[0], len(low)) if len(once) == 1 else None

    def name_at(self, toks, j) -> tuple[str, int] | None:
        """A proper name starting at token j: (form, index after)."""
        if j >= len(toks):
            return None
        w = toks[j][0]
        words: list[str] = []
        k = j
        if w.lower() in TITLES and w[0].isupper():
            k, titles = _after_titles(toks, k)              # "Lt. Col. Ames": several
            k, initials = _after_initials(toks, k)
            p = _after_particles(toks, k)
            if p < len(toks) and toks[p][0][0].isupper() and not self.cast.not_name(toks[p][0]):
                words.extend(titles)
                words.extend(initials)                      # "Mr. E. W. B. Hollins"
                words.extend(t[0] for t in toks[k:p])      # "Mr. van der Hoeven"
                k = p
            else:
                return None
        else:
            k, initials = _after_initials(toks, k)
            if initials and k < len(toks) and self.cast.name_word(toks[k][0]):
                words.extend(initials)                      # "J. A. Hobbs"
            elif len(initials) >= 2:
                return " ".join(initials), k                # "remonstrated E. W. B. with"
            else:
                k = j
                if k + 1 < len(toks) and w.lower() in SURNAME_PARTICLES and \
                        not self.cast.name_word(w) and self.cast.name_word(toks[k + 1][0]):
                    k += 1      # "De Vasseur", as the Cast writes it when "de" is a word here
        while k < len(toks) and toks[k][0][0].isupper() and toks[k][0][0].isalpha() and \
                (self.cast.name_word(toks[k][0]) or (not words and
                                                     not self.cast.not_name(toks[k][0]) and
                                                     not self.cast.lower_count(toks[k][0]) and
                                                     not _ordinary_word(toks, k))) and \
                not self.cast.not_name(toks[k][0]):
            words.append(re.sub(r"[’']s?$", "", toks[k][0]) or toks[k][0])
            k += 1
            if len(words) >= 4:
                break
            p, initials = _after_initials(toks, k)     # "Jasper C. Hollis" 
            p = _after_particles(toks, p)               # "Honoria de Vere"   
            if k < p < len(toks) and self.cast.name_word(toks[p][0]):
                words.extend(initials)
                words.extend(t[0] for t in toks[k + 2 * len(initials):p])
                k = p
        if all(x.lower().rstrip(".") in TITLES for x in words):
            return None
        return " ".join(words), k

    def subject_at(self, toks, j) -> tuple[Tag, int] | None:
        """The speaker phrase starting at token j, and the index after it."""
        if j >= len(toks):
            return None
        lw = toks[j][0].lower()
        tag = self._pronoun_at(toks, j)
        if tag is not None:
            return tag, j + 1
        two = lw + toks[j + 1][0].lower() if j + 1 < len(toks) else ""
        if two in INDEFINITE:   # "some one said", the older spelling of "someone said"
            return Tag("indef", who=self.who_of_np([INDEFINITE[two]]), cue="described"), j + 2
        if lw in DETERMINERS and lw not in ("his", "her", "their", "its", "my", "your", "our"):
            return self._np(toks, j + 1, lw)
        if lw in ("his", "her", "their"):
            return self._relative(toks, j, lw)
        return self._named(toks, j)

    def _pronoun_at(self, toks, j) -> Tag | None:
        """"he", "she", "it" (beside a speech verb), "they", "we", "I", "someone"."""
        w = toks[j][0]
        lw = w.lower()
        if lw in ("he", "she"):
            return Tag("pron", gender="m" if lw == "he" else "f", cue="pronoun")
        if lw == "it" and j + 1 < len(toks) and speech_verb_at(toks, j + 1) or \
                lw == "it" and j > 0 and speech_verb_at(toks, j - 1):
            # "it said", "said it": a creature or thing the text does not call he or she
            return Tag("it", cue="pronoun")
        if lw in PLURAL_PRONOUNS:
            return Tag("group", cue="described")
        if w == "I":
            return Tag("first", cue="first-person")
        if lw in INDEFINITE and lw not in ("all", "both", "another"):
            return Tag("indef", who=self.who_of_np([INDEFINITE[lw]]), cue="described")
        return None

    def _relative(self, toks, j, lw: str) -> tuple[Tag, int] | None:
        """"his wife said": a described person."""
        r = self._np(toks, j + 1, lw)
        if not r:
            return None
        tag, k = r
        inner = _description_words(tag.who) if tag.who else []
        if inner in (["ladyship"], ["lordship"]):
            # "said her ladyship": the Lady the text names (far) most often
            ch = self.cast.usual_bearer(inner[0][:-4])
            if ch is not None:
                return Tag("name", who=self.who_of_character(ch)), k
        words = [lw] + inner if inner else []
        if tag.kind in ("np", "generic") and words:
            who = self.who_of_np(words)
            kind = "generic" if inner[-1] in PERSON_NOUNS and \
                inner[-1] not in VOICE_NOUNS and not inner[-1].endswith("s") else "np"
            return Tag(kind, who=who, gender=who.gender, cue="described"), k
        return None

    def _named(self, toks, j) -> tuple[Tag, int] | None:
        """A name: "Martov", "Shreider and Prokopovich" (one voice), "Daisy's mamma"."""
        nm = self.name_at(toks, j)
        if not nm:
            return None
        form, k = nm
        if k + 1 < len(toks) and toks[k][0] == "and":
            nm2 = self.name_at(toks, k + 1)
            if nm2:
                # "Shreider and Prokopovich shouted": both, as one voice
                label = self.who_of_name(form).label + " and " + self.who_of_name(nm2[0]).label
                return Tag("np", who=self.who_of_np(label.split()), cue="explicit"), nm2[1]
        return self._owned(toks, form, k) or (Tag("name", who=self.who_of_name(form)), k)

    def _owned(self, toks, form: str, k: int) -> tuple[Tag, int] | None:
        """After a possessive name: "answered Daisy's mamma" is someone of hers, not Daisy;
        "Gorse's voice" is Gorse."""
        last = toks[k - 1][0]
        poss = last.endswith(("'s", "’s")) or \
            (k < len(toks) and toks[k][0] == "s" and toks[k][1] == toks[k - 1][1] + len(last) + 1)
        m = k + (1 if poss and not last.endswith(("'s", "’s")) else 0)
        if not (poss and m < len(toks) and toks[m][0].islower() and toks[m][0].isalpha() and
                not speech_verb_at(toks, m)):
            return None
        r = self._np(toks, m, "the")
        if not r or r[0].who is None:
            return None
        if r[0].who.label.split()[-1].lower() in VOICE_NOUNS:
            return Tag("name", who=self.who_of_name(form)), r[1]    # "Gorse's voice"
        who = self.who_of_np([form + "'s"] + _description_words(r[0].who))
        return Tag("generic", who=who, gender=who.gender, cue="described",
                   owner_key=self.who_of_name(form).key), r[1]

    def _np(self, toks, j, det) -> tuple[Tag, int] | None:
        """A description after a determiner ("the irritable doctor", "an angry soldier"), or
        the name it turns out to be ("a Menshevik officer, Kharash")."""
        words, k, named = self._np_words(toks, j)
        if named is not None:
            return named
        if not words:
            if det == "one" and k < len(toks) and speech_verb_at(toks, k):
                return Tag("indef", who=self.who_of_np(["One of them"]), cue="described"), k
            return None
        if det == "the" and len(words) == 1 and self.cast.people_class(words[0]):
            return self._people_tag(words, k)
        named = self._name_in_np(toks, words, k)
        if named is not None:
            return named
        cut = _participle_cut(words)
        if cut < len(words) and _can_speak(words[:cut]):
            words, k = words[:cut], k - (len(words) - cut)   # "the housebreaker wiping"
        if not _can_speak(words) or k < len(toks) and adverb(toks[k][0]):
            # "a loud, hoarse voice", "a great lubberly fellow": the head is further on
            more, k2 = _reach_speaker(toks, words, k)
            if more:
                words, k = more, k2
            elif not _can_speak(words):
                return None     # "her pale face", "the moment", "the red cloak made"
        words, k = self._with_phrase(toks, words, k)
        return self._np_tag(words, k, det)

    def _np_words(self, toks, j) -> tuple[list[str], int, tuple[Tag, int] | None]:
        """The words of a description from token j, the index after them, and the name
        that closes it, if one does ("the unsentimental Mr. Scrope")."""
        words: list[str] = []
        k = j
        while k < len(toks) and len(words) < 5:
            w = toks[k][0]
            if w[0].isupper() and w.lower() in TITLES:
                nm = self.name_at(toks, k)
                if nm:
                    return words, k, (Tag("name", who=self.who_of_name(nm[0])), nm[1])
            if not w[0].isalpha():
                if w == "-" and words and k + 1 < len(toks) and toks[k + 1][0][0].isalpha():
                    words[-1] += "-" + toks[k + 1][0]
                    k += 2
                    continue
                break
            if _ends_description(words, w):
                break
            words.append(w)
            k += 1
        return words, k, None

    def _name_in_np(self, toks, words: list[str], k: int) -> tuple[Tag, int] | None:
        """The name a description leads to: "the SR Naum Bykhovsky", "a Menshevik officer,
        Kharash", "the voice of the Pedlar", "the Heron's voice"."""
        for i in range(len(words)):
            if words[i][0].isupper():
                e = i
                while e < len(words) and words[e][0].isupper():
                    e += 1
                if e == len(words) and self.cast.character(" ".join(words[i:])):
                    return Tag("name", who=self.who_of_name(" ".join(words[i:]))), k
        if k + 1 < len(toks) and toks[k][0] == ",":
            nm = self.name_at(toks, k + 1)
            if nm and (k + 1 >= len(toks) - 1 or nm[1] >= len(toks) or
                       not toks[nm[1]][0][0].isalpha() or is_speech_verb(toks[nm[1]][0])):
                return Tag("name", who=self.who_of_name(nm[0])), nm[1]
        if k + 1 < len(toks) and toks[k][0] == "of" and words[-1].lower() in VOICE_NOUNS:
            m = k + 2 if toks[k + 1][0].lower() == "the" else k + 1
            nm = self.name_at(toks, m)
            if nm:
                return Tag("name", who=self.who_of_name(nm[0])), nm[1]
        if len(words) >= 2 and words[-1].lower() in VOICE_NOUNS and \
                words[-2].endswith(("'s", "’s")) and words[-2][0].isupper():
            owner = words[-2][:-2]
            if self.cast.character(owner) is not None:
                return Tag("name", who=self.who_of_name(owner)), k
        return None

    def _with_phrase(self, toks, words: list[str], k: int) -> tuple[list[str], int]:
        """A recurring "of"/"in"/"with" phrase belongs to the description ("the lady in
        the green bonnet"), as does "of" and a name."""
        if k + 2 < len(toks) and toks[k][0] in ("of", "in", "with"):
            ext: list[str] = [toks[k][0]]
            m = k + 1
            while m < len(toks) and len(ext) < 5 and toks[m][0][0].isalpha() and \
                    not speech_verb_at(toks, m) and not adverb(toks[m][0]):
                ext.append(toks[m][0])
                m += 1
            phrase = " ".join(words + ext)
            if self.recurs(phrase) or toks[k][0] == "of" and ext[-1][0].isupper():
                return words + ext, m
        return words, k

    def _np_tag(self, words: list[str], k: int, det: str) -> tuple[Tag, int]:
        """What a description's words mean: a known person ("the doctor" when the text has
        one Doctor Pellow), someone the reader knows ("the girl", "this young lady"), or a
        description that speaks for itself ("an angry soldier")."""
        lw = [x.lower() for x in words]
        if words[0][0].isupper() and det == "the" and self.cast.character(" ".join(words)):
            return Tag("name", who=self.who_of_name(" ".join(words))), k
        role = self._capitalised_role(words) if det == "the" else None
        if role is not None:
            return Tag("name", who=self.who_of_character(role)), k
        if det == "the" and (len(lw) == 1 or all(x.isalpha() and x.islower() and
                                                  x not in CONTRAST and x not in PERSON_NOUNS
                                                  for x in words[:-1])):
            # "the doctor", "the irritable doctor" when the text has exactly one "Doctor
            # Pellow"; "the inflexible beadle" when one is "Mr. Dunmore, the beadle"; but a
            # word that re-names anyone ("the old lady") is no title ("Lady Ormsby")
            ch = (None if lw[-1] in GENERIC_HEADS
                  else self.cast.titled(lw[-1])) or self.cast.epithet(lw[-1])
            if ch is not None:
                return Tag("name", who=self.who_of_character(ch)), k
        who = self.who_of_np(words, definite=det == "the")
        trait = det == "the" and not _vague(lw) and _epithet(words)
        if _vague(lw) or trait:
            return Tag("generic", who=who, gender=who.gender, cue="described", trait=trait,
                       demonstrative=det in ("this", "that"), indefinite=det in ("a", "an")), k
        if det in ("this", "that") and (words[-1] in PERSON_NOUNS or words[-1].islower()) and \
                lw[-1] not in VOICE_NOUNS and not lw[-1].endswith("s"):
            # "the courier", "this young lady": someone the reader already knows
            return Tag("generic", who=who, gender=who.gender, cue="described",
                       demonstrative=True), k
        return Tag("np", who=who, cue="described"), k

    def _people_tag(self, words: list[str], k: int) -> tuple[Tag, int]:
        """"the Englishman", "the Hindu", when the text writes "an Englishman" or
        "Englishmen" as often: what a person is, not who, re-naming someone the reader
        knows, as "the girl" does (the description-coref sieve finds them)."""
        who = self.who_of_np(words, definite=True)
        return Tag("generic", who=who, gender=who.gender, cue="described"), k

    def _capitalised_role(self, words: list[str]) -> Character | None:
        """The person a role of one word written in lower case is, when the text mostly
        writes it capitalised after "the", as a name ("the grandmother" beside "the
        Grandmother" a hundred times)."""
        if len(words) != 1 or not words[0].islower():
            return None
        ch = self.cast.character(words[0].capitalize())
        return ch if ch is not None and ch.thing_like and \
            ch.forms[words[0].capitalize()] > self.cast.lower_count(words[0]) else None


def _ordinary_word(toks, k: int) -> bool:
    """Whether the capitalised word at token k, which the text never writes as a name
    elsewhere, reads as an ordinary word: a participle or an adverb ("Smiling", "Slowly"),
    or an adjective or noun of WordNet's, no given name of the lists, that a preposition
    follows or that pairs with a word before a comma, opening a phrase of manner before the
    subject ("Pale with anger, Mr. Tallis crossed … and said:", "Wet and weary, he"). A
    whole novel writes most such words in lower case somewhere (Cast.lower_count); a
    passage of a few pages often does not."""
    w = toks[k][0]
    if w.endswith(("ing", "ly")):
        return True
    base = re.sub(r"[’']s?$", "", w)
    manner = k + 1 < len(toks) and toks[k + 1][0] in PREPOSITIONS or \
        _paired_before_comma(toks, k)
    return manner and base.lower() in english_words() and given_name_sex(base) is None


def _paired_before_comma(toks, k: int) -> bool:
    """Whether the word at k opens a pair of words set off by a comma, the second in lower
    case ("Wet and weary, he lost his temper"): a phrase of manner, as "Pale with anger,"
    is; a name joins another name ("Brown and Smith")."""
    return k + 3 < len(toks) and toks[k + 1][0] in ("and", "or") and \
        toks[k + 2][0].isalpha() and toks[k + 2][0].islower() and toks[k + 3][0] == ","


def _after_titles(toks, k: int) -> tuple[int, list[str]]:
    """The capitalised titles from token k on, each with its dot ("Lt. Col." of "Lt. Col.
    Ames", "Colonel" of "Colonel Brandon"): (index after them, the titles)."""
    titles = []
    while k < len(toks) and toks[k][0][0].isupper() and toks[k][0].lower() in TITLES:
        title = toks[k][0]
        k += 1
        if k < len(toks) and toks[k][0] == ".":
            title += "."
            k += 1
        titles.append(title)
    return k, titles


def _after_initials(toks, k: int) -> tuple[int, list[str]]:
    """The index after the initials starting at k ("E . W . B ."), and the initials ("E.")."""
    initials = []
    while k + 1 < len(toks) and toks[k + 1][0] == "." and is_initial(toks[k][0] + "."):
        initials.append(toks[k][0] + ".")
        k += 2
    return k, initials


def _after_particles(toks, k: int) -> int:
    """The index after the lower-case words of a surname starting at k ("van der")."""
    while k < len(toks) and toks[k][0].lower() in SURNAME_PARTICLES:
        k += 1
    return k


def _description_words(who: Who) -> list[str]:
    """A description's words in lower case, without "the"."""
    inner = who.label.lower().split()
    return inner[1:] if inner[:1] == ["the"] else inner


def _can_speak(words: list[str]) -> bool:
    """Whether a description's head can be someone who speaks: a person, creature or group
    noun (lexicon.speaker_noun), a title ("the count"), a voice, "the other", "the first",
    "the youngest", "the two", or a capitalised head ("the Jew", "the Collector"); not a
    thing, a body part or a moment."""
    head = words[-1]
    low = head.lower()
    return head[0].isupper() or speaker_noun(low) or low in TITLES or low in VOICE_NOUNS or \
        low in CONTRAST or low in GENERIC_HEADS or low in NUMBERS or \
        low.endswith("est") and len(low) > 5


REACH = 4
"""Tokens past a cut description its head noun may stand ("a loud, hoarse voice")."""


def _participle_cut(words: list[str]) -> int:
    """The number of words before the participles that end a description's words ("the
    housebreaker wiping": 1): the verb of the clause read as part of the description."""
    cut = len(words)
    while cut > 1 and words[cut - 1].isalpha() and words[cut - 1].islower() and \
            words[cut - 1].endswith(("ed", "ing")):
        cut -= 1
    return cut


def _reach_speaker(toks, words: list[str], k: int) -> tuple[list[str], int]:
    """The description that goes on past commas, "and" and adjectives to a speaker noun
    ("a loud, hoarse voice", "a faint and feeble voice", "a great lubberly fellow"), and the
    index after it; ([], k) when none is in reach."""
    more: list[str] = []
    lead = _can_speak(words)    # "the man slowly": only adjectives, no comma, reach on
    for m in range(k, min(k + REACH, len(toks))):
        w = toks[m][0]
        if w in (",", "and") and not lead:
            continue
        if not w.isalpha() or not w.islower() or speech_verb_at(toks, m) or \
                w in DETERMINERS or w in FUNCTION_WORDS:
            break
        more.append(w)
        if _can_speak(more):
            return words + more, m + 1
    return [], k


def _vague(lw: list[str]) -> bool:
    """Whether lower-cased description words are a vague re-naming of someone ("the girl",
    "the old gentleman", "the younger woman")."""
    return len(lw) == 1 and lw[0] in GENERIC_HEADS or \
        all(x in GENERIC_HEADS or x in MALE_NOUNS or x in FEMALE_NOUNS
            or x in ("little", "poor", "elder", "younger", "first", "second")
            for x in lw) and lw[-1] in GENERIC_HEADS | MALE_NOUNS | FEMALE_NOUNS \
        and lw[-1] in GENERIC_HEADS


EPITHET_HEADS = GENERIC_HEADS - frozenset("other latter former old young".split())
"""The heads that say only what a person is (GENERIC_HEADS but the words that only stand
before or for one): with a trait before them ("the injured woman", "the earnest girl") they
re-name someone the reader knows, as "the woman" does."""


def _epithet(words: list[str]) -> bool:
    """Whether a description's words (as written) are a trait or two before a head of
    EPITHET_HEADS: "the injured woman", "the fat gentleman", not "the other man" nor "the
    Cripples man"."""
    return 1 < len(words) <= 3 and words[-1] in EPITHET_HEADS and \
        all(w.isalpha() and w.islower() and w not in CONTRAST and w not in PERSON_NOUNS
            for w in words[:-1])


def _ends_description(words: list[str], w: str) -> bool:
    """Whether token w (a word) ends the description whose words so far are `words`."""
    lw = w.lower()
    if lw in NOT_NAMES and lw not in ("old", "young", "other", "one") and \
            lw not in PERSON_NOUNS and not (w[0].isupper() and lw not in FUNCTION_WORDS):
        return True
    if words and words[-1][0].isupper() and w[0].islower() and lw not in PERSON_NOUNS:
        return True     # "the King laid": a capitalised head ends the description
    if words and words[-1].lower() in PERSON_NOUNS and w[0].islower() and \
            lw not in PERSON_NOUNS and not words[-1].lower().endswith("s"):
        return True     # "The beadle drew himself up": a person noun ends it too
    head = bool(words) and (words[-1].lower() in PERSON_NOUNS or words[-1][0].isupper())
    return is_speech_verb(w) or (adverb(w) and words) or lw in AUX or \
        (head and lw.endswith(("ed", "ing")) and w[0].islower() and lw not in PERSON_NOUNS) or \
        lw in ("who", "whom", "which", "that", "as")


def _np_window(text: str, end: int) -> str:
    """The words after a description up to its sentence's end, 120 characters at most."""
    window = text[end:end + 120]
    cut = NP_PRONOUN_STOP.search(window)
    return window[:cut.start()] if cut else window


def _once_gender(text: str, at: int, length: int) -> str | None:
    """The sex of a description the text writes once, at text[at:at + length], opening its
    sentence (its subject) with no pronoun near after it: the "he" or "she" opening the
    next sentence."""
    if NP_PRONOUN.search(_np_window(text, at + length)) or \
            not SENTENCE_OPEN_THE.search(text, max(0, at - 8), at):
        return None
    stop = SENTENCE_STOP.search(text, at + length, at + length + 400)
    pm = stop and NEXT_SUBJECT.match(text, stop.end())
    return ("m" if pm.group(1) == "He" else "f") if pm else None
