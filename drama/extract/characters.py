"""The characters of a text: proper-name mentions, alias clusters and genders.

Everything is decided from statistics of the text itself:
- a capitalised word is a name word when the text (almost) never writes it in lower case;
- "Mr. Bennet" and "Bennet" are one person when only one titled or full name carries that
  surname; two people who merely share a surname ("Mrs. Miller", "Daisy Miller") stay apart
  unless the text writes the joining form ("Miss Daisy Miller");
- a person's sex comes from titles, a short list of common given names and the pronouns that
  follow the name in the narration; a creature the text mostly follows with "its" has none.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .lexicon import MALE_TITLES, NEUTRAL_TITLES, NOT_NAMES, TITLES
from .names import COOCCUR_BLOCK, COOCCUR_SHARE, choose_label, cluster_forms, shared_words

_TITLE_ALT = "|".join(sorted({t.capitalize() for t in TITLES}, key=len, reverse=True))
_CAP = r"(?:Ma?c)?[A-Z][a-z]+(?:[-’'][A-Za-z]+)*"     # "Bennet", "McBryde", "Bonch-Bruevich"
# A run of capitalised words, optionally led by a title ("Mr. Bennet", "Daisy Miller").
# A title never continues a run: "When Mrs. Hall went" is "When" and "Mrs. Hall".
NAME_RUN = re.compile(r"\b(?:(" + _TITLE_ALT + r")\.?[ \t]+)?(" + _CAP
                      + r"(?:[ \t]+(?:de[ \t]+|van[ \t]+|von[ \t]+)?(?!(?:" + _TITLE_ALT
                      + r")\b)" + _CAP + r")*)")
LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]*")
CAP_WORD = re.compile(r"\b" + _CAP)
MID_CAP_WORD = re.compile(r"[a-z,;][ \t\n](?=(" + _CAP + "))")
CAP_PAIR = re.compile(r"\b([A-Z][a-z]{1,13})\.?[ \t]+(?=(" + _CAP + "))")
PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself|its|itself)\b", re.I)
# where a stretch of narration or a quotation ends: a paragraph break or a quotation mark; a
# closing ’ (after punctuation: ,’ .’ !’) is a mark, an apostrophe (don’t, boys’) is not
QUOTE_EDGE = re.compile(r"\n\s*\n|[\"“”‘]|(?<=[,.!?;:—–-])’")
# words before a place ("at Meryton", "left London"); not "to", which people take as often
PLACE_PREP = re.compile(r"\b(?:in|at|from|into|near|through|across|towards?|reach(?:ed)?|"
                        r"leave|left|visit(?:ed)?)\s+$")
POSSESSIVE = re.compile(r"[’']s?$")
WORDS = re.compile(r"\S+")
# the end of a sentence between two mentions (not the dot of "Mr.")
SENTENCE_STOP = re.compile(r"[!?;]|(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])(?<!\b[A-Z])\.|\n\s*\n")
_NAMED = r"((?:(?:Mr|Mrs|Miss|Dr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
# "Mr. Bumble, the beadle," (the name is read back from the comma) / "the beadle, Mr. Bumble,"
# but not a vocative closing a quotation: "Make a bow to the gentleman, Oliver," said …
APPOSED_AFTER = re.compile(r",\s+the\s+([a-z]+)\b(?=[,;.]|\s+of\b)")
NAME_BEFORE = re.compile(_NAMED + r"$")
APPOSED_BEFORE = re.compile(r"\bthe\s+([a-z]+),\s+" + _NAMED + r"\b(?=[,;.](?![\"”’']))")
COPULA = re.compile(_NAMED + r"(?:\s+is|\s+was|[’']s|\s+s)\s+(?:our|the|their|her|his|my|your)"
                    r"\s+(?:[a-z]+\s+)?([a-z]+)\b(?=[,;.!?])")
COPULA_VAGUE = frozenset("man woman gentleman lady girl boy fellow person child one thing other "
                         "matter way case time end best worst same".split())

# Common given names by sex: a prior only, the text's own pronouns outweigh it.
MALE_GIVEN = frozenset("""
john james william george charles thomas henry edward richard joseph david michael peter paul
frederick arthur albert alfred walter jack tom bob jim ned samuel daniel francis hugh philip
stephen andrew matthew mark luke simon nicholas alexander ivan vladimir leon lev pyotr
sergei dmitri mikhail boris nikolai pierre jean louis jacques henri karl hans fritz otto
giovanni carlo pietro antonio luigi edmund edgar frank fred harold herbert horace jacob joe
lewis martin nathan patrick ralph roger sam ted tim tony victor vincent wilfred ernest eugene
robert harry benjamin christopher anthony kenneth donald raymond lawrence howard clarence roy
carl earl oscar elmer chester luther homer theodore leonard leo allen willis edwin clyde floyd
herman isaac jesse harvey oliver charley charlie willie eddie johnny jimmy tommy billy bobby
dick ben bill mike
""".split())
FEMALE_GIVEN = frozenset("""
mary anne ann elizabeth jane margaret catherine katherine kate emma charlotte lucy sarah
susan helen ellen eleanor louisa julia harriet fanny caroline maria marie sophia sophie
amelia isabella isabel clara laura lydia kitty jenny molly polly sally dorothy edith
florence grace alice beatrice victoria olga natalia natasha tatiana anna irina vera
marguerite jeanne louise claire elsie ethel frances hannah esther judith ruth rebecca
minnie ida bertha annie ella cora martha nellie carrie maude maud mabel bessie jennie gertrude
hattie mattie rose lillian ada lillie jessie myrtle eva lena edna maggie pearl daisy fannie
josephine dora rosa agnes nora mamie blanche stella nancy effie sallie nettie della lizzie
flora susie mae etta sadie katie mollie alma eliza lottie amanda belle viola olive virginia
betty barbara patricia mildred doris irene
""".split())


def _core(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.split() if w.lower().rstrip(".") not in TITLES)


@dataclass
class Character:
    """One person the text names, with every form the text uses for them."""

    label: str
    """The fullest name, used as the speaker label ("Mr. Bennet", "Daisy Miller")."""
    forms: Counter = field(default_factory=Counter)
    male: float = 0.0
    female: float = 0.0
    after_the: int = 0
    """Mentions preceded by "the": many means a place or body ("the Duma"), not a person."""
    neuter: int = 0
    """Mentions followed by "its"/"itself" rather than he or she."""
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
        them "it"."""
        if self.neuter >= 2 and self.neuter >= self.male + self.female:
            return None
        if self.male > max(1.0, 2 * self.female):
            return "m"
        if self.female > max(1.0, 2 * self.male):
            return "f"
        return None


class Cast:
    """Name mentions of a text and the characters they denote."""

    def __init__(self, text: str, speaker_names: Counter | None = None):
        self.text = text
        lower = Counter(LOWER_WORD.findall(text))
        # counted at C speed: every capitalised word, and those not opening a sentence
        # (after a lower-case word, a comma, a title or another capitalised word)
        cap = Counter(CAP_WORD.findall(text))
        mid = Counter(MID_CAP_WORD.findall(text))
        mid.update(w for t, w in CAP_PAIR.findall(text) if t.lower() in TITLES)
        runs = NAME_RUN.finditer(text)
        self._lower = lower

        known: dict[str, bool] = {}

        def name_word(w: str) -> bool:
            got = known.get(w)
            if got is None:
                base = POSSESSIVE.sub("", w)
                lw = base.lower()
                got = known[w] = lw not in NOT_NAMES and len(base) >= 2 and \
                    lower[lw] * 4 <= cap[w] + cap[base] and (mid[w] + mid[base]) > 0
            return got
        self.name_word = name_word

        # mentions: (start, end, full form) with leading non-name words stripped
        self.mentions: list[tuple[int, int, str]] = []
        form_count: Counter = Counter()
        for m in runs:
            title, group = m.group(1), m.group(2)
            if not title and " " not in group and "\t" not in group:
                # one word, the common case: "The", "He", "Martov"
                if not name_word(group):
                    continue
                last = POSSESSIVE.sub("", group)
                s0 = m.start(2)
                self.mentions.append((s0, s0 + len(last), last))
                form_count[last] += 1
                continue
            words = [(w.start() + m.start(2), w.group()) for w in WORDS.finditer(group)]
            i = 0
            while i < len(words) and not name_word(words[i][1]):
                i += 1
            if i == 1 and not title and lower[words[0][1].lower()] == 0 and \
                    words[0][1].lower() not in NOT_NAMES:
                i = 0       # "Bessie Beatty" opening a sentence: never written in lower case
            if i:
                title = None
            keep = []
            for n_, (pos, w) in enumerate(words[i:]):
                if not name_word(w) and not (n_ == 0 and i == 0 and len(words) > 1):
                    break
                keep.append((pos, w))
            if not keep:
                continue
            last = POSSESSIVE.sub("", keep[-1][1])
            names = [w for _, w in keep[:-1]] + [last]
            if title:
                t = title + ("." if title.lower() in ("mr", "mrs", "ms", "dr", "st") else "")
                form, s0 = " ".join([t] + names), m.start()
            else:
                form, s0 = " ".join(names), keep[0][0]
            self.mentions.append((s0, keep[-1][0] + len(last), form))
            form_count[form] += 1
        if speaker_names:
            form_count.update(speaker_names)
        self.form_count = form_count
        self._starts = [m[0] for m in self.mentions]
        self._epithets: dict[str, set[int]] | None = None
        self._cluster(form_count)

    # ---------------------------------------------------------------- clustering
    def _cluster(self, forms: Counter) -> None:
        evidence = self._form_evidence()
        form_sex = {f: _sex_of(ev) for f, ev in evidence.items()}
        people = cluster_forms(forms, form_sex, self._apart())
        shared = shared_words(people)
        self.of_form: dict[str, Character] = {}
        self.characters = []
        for person in people:
            ch = Character(choose_label(person, shared), Counter(person))
            for f in person:
                self.of_form[f] = ch
                ev = evidence.get(f)
                if ev is not None:
                    ch.male += ev.male
                    ch.female += ev.female
                    ch.neuter += ev.neuter
                    ch.after_the += ev.after_the
                    ch.at_place += ev.at_place
            self.characters.append(ch)
        self._add_title_evidence()
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

    def _apart(self) -> set[frozenset[str]]:
        """Pairs of forms the text writes in one sentence at least COOCCUR_BLOCK times: two
        people ("Mr. Knightley and Mr. John Knightley")."""
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

    def _form_evidence(self) -> dict[str, "_Evidence"]:
        """Per name form: the given-name prior and the pronouns that follow its mentions,
        and how often it reads as a place or a thing."""
        text = self.text
        out: dict[str, _Evidence] = {}
        for f in self.form_count:
            ev = out[f] = _Evidence()
            core = _core(f)
            first = core[0].lower() if core else ""
            if first in MALE_GIVEN:
                ev.male += 2
            elif first in FEMALE_GIVEN:
                ev.female += 2
        # pronouns that follow a mention in the same sentence stretch
        for s, e, f in self.mentions:
            ev = out[f]
            if text[max(0, s - 4):s].lower() == "the ":
                ev.after_the += 1
            elif PLACE_PREP.search(text, max(0, s - 12), s):
                ev.at_place += 1
            window = text[e:e + 160]
            cut = QUOTE_EDGE.search(window)
            if cut:
                window = window[:cut.start()]
            # a sentence subject's pronoun may come in the next sentence
            j = s - 1
            while j >= 0 and text[j] in " \t\n":
                j -= 1
            ends = list(re.finditer(r"[.!?]\s", window))
            keep = 2 if (j < 0 or text[j] in ".!?,;\n") else 1
            if len(ends) >= keep:
                window = window[:ends[keep - 1].start()]
            m = PRONOUN.search(window)
            if m:
                p = m.group(1).lower()
                if p in ("he", "him", "his", "himself"):
                    ev.male += 1
                elif p in ("its", "itself"):
                    ev.neuter += 1      # "the Caterpillar took the hookah out of its mouth"
                else:
                    ev.female += 1
        return out

    def _add_title_evidence(self) -> None:
        for ch in self.characters:
            for f, n in ch.forms.items():
                ws = f.split()
                t = ws[0].rstrip(".").lower()
                if len(ws) > 1 and t in TITLES and t not in NEUTRAL_TITLES:
                    if t in MALE_TITLES:
                        ch.male += 3 * n
                    else:
                        ch.female += 3 * n

    # ---------------------------------------------------------------- queries
    def character(self, form: str) -> Character | None:
        """The character a name form denotes, if the text names one."""
        ch = self.of_form.get(form)
        if ch is None:
            ch = self.of_form.get(POSSESSIVE.sub("", form))
        return ch

    def titled(self, title: str) -> Character | None:
        """The one character the text gives this title ("the doctor"), if exactly one."""
        ids = self._by_title.get(_title_name(title), ())
        return self._ch_by_id[next(iter(ids))] if len(ids) == 1 else None

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
            pairs += [(m.group(1), m.group(2)) for m in COPULA.finditer(self.text)
                      if m.group(2) not in COPULA_VAGUE]
            for name, noun_ in pairs:
                ch = self.character(name)
                if ch is not None and noun_ not in NOT_NAMES:
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


@dataclass
class _Evidence:
    """What the text says of one name form's sex, and whether it is a place or thing."""

    male: float = 0.0
    female: float = 0.0
    neuter: int = 0
    after_the: int = 0
    at_place: int = 0


def _sex_of(ev: _Evidence) -> str | None:
    """A form's sex when its pronouns and given name lean clearly one way: a hint that keeps
    "Mrs. Gradgrind" from joining "Tom Gradgrind", weaker than Character.gender."""
    if ev.male > max(1.0, 1.5 * ev.female):
        return "m"
    if ev.female > max(1.0, 1.5 * ev.male):
        return "f"
    return None


def _title_name(t: str) -> str:
    t = t.rstrip(".").lower()
    return {"dr": "doctor", "mr": "mister", "rev": "reverend"}.get(t, t)
