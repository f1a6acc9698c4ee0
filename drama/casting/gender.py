"""Infer each speaker's likely gender from the script's source text.

Explainable evidence, weighed and counted:

- a title in the name or just before a mention (Mrs., Countess, Madame / Mr., Sir, Admiral);
- a given name from the sourced lists in extract/data/ (Sofia, Maria / Vladimir, John), and Slavic
  surname endings (-ova, -skaya / -ov, -sky) as weak evidence;
- pronouns in the narration: the speech tag beside the speaker's lines ("she wrote",
  "said he") and the first he/she after a mention of the name ("Bessie Beatty ... She
  understood"), unless another speaker is mentioned first.

Quoted speech is masked out before pronouns are read, since a speaker's "he" there is
usually someone else.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import DIALOGUE, NARRATOR, Script
from ..extract import lexicon

FEMALE_TITLES = frozenset("""mrs mrs. miss ms ms. lady countess madame madam mme mme. mlle mlle.
mademoiselle duchess princess queen baroness empress tsarina czarina dame sister mother aunt
auntie grandmother granny grandma signora senora señora frau fraulein fräulein marchioness
viscountess abbess nun widow wife daughter girl woman mistress""".split())
MALE_TITLES = frozenset("""mr mr. sir lord count duke prince king baron emperor tsar czar
admiral general colonel captain major lieutenant sergeant corporal commander commissar father
brother uncle grandfather grandpa monsieur m. herr signor senor señor earl marquis viscount bishop
archbishop abbot friar monk husband son boy man master squire""".split())
# Titles that also occur as ordinary words in a label: only counted when capitalised.
_TITLE_CASE_ONLY = frozenset({"miss", "count", "major", "general", "master", "mother", "father",
                              "sister", "brother", "man", "woman", "boy", "girl", "son",
                              "daughter", "wife", "husband", "widow", "mistress", "m."})

FEMALE_SURNAME_ENDINGS = ("ova", "eva", "skaya", "tskaya", "ovna", "evna", "ichna")
MALE_SURNAME_ENDINGS = ("ov", "ev", "sky", "skiy", "skii", "ovich", "evich")

# Nouns that name a woman or a man in a description label ("The Housemaid", "an old man").
# The extractor's person nouns, plus a few that only matter for casting.
FEMALE_NOUNS = lexicon.FEMALE_NOUNS | frozenset("""lass countess housemaid maidservant female
nun bride governess actress waitress stewardess seamstress""".split())
MALE_NOUNS = lexicon.MALE_NOUNS | frozenset("""count friar male groom bachelor""".split())
_NOT_ESS = frozenset({"witness", "press", "dress", "address", "business", "guess", "boss",
                      "princess"})
ARTICLES = frozenset({"the", "a", "an", "one", "another", "some"})
PREPOSITIONS = frozenset({"in", "with", "at", "of", "from", "on", "by", "near", "for", "to",
                          "under", "who", "whom", "that"})

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
NOT_NAMES = frozenset("""the a an unknown speaker voice voices someone somebody everyone
everybody crowd several many some all one another other others and or of""".split())
GROUP_WORDS = frozenset("""crowd chorus all everyone everybody voices soldiers people men women
several many others delegates group mob audience both unknown unidentified anonymous
unnamed someone somebody""".split())

MIN_EVIDENCE = 2.0
"""A guess needs this much weight, and twice the other side's: one stray pronoun is not enough."""
W_TITLE = 3.0
W_ROLE = 3.0
W_GIVEN = 2.5
W_SURNAME = 1.0
W_TAG = 2.0
W_MENTION = 1.0

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ’'.-]+")
_PRONOUN = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_TITLE_BEFORE = re.compile(r"([A-Z][a-zé]+\.?)\s+(?:[A-Z][\w’'-]+\s+)?$")
_SENTENCE_END = re.compile(r"[.!?](?=[\s”’\"')\]]|$)")


@dataclass
class GenderGuess:
    """A speaker's likely gender and the evidence for it."""

    gender: str
    """female, male, neutral (a group) or unknown."""
    female: float = 0.0
    male: float = 0.0
    reasons: list[str] = field(default_factory=list)
    titled: str | None = None
    """The gender of a title in the name itself (Mrs. Bolter), which settles it."""

    @property
    def lean(self) -> str | None:
        """The gender the evidence points to, however weakly (for picking a voice)."""
        if self.gender in ("female", "male"):
            return self.gender
        if self.gender == "neutral" or self.female == self.male:
            return None
        return "female" if self.female > self.male else "male"

    def add(self, gender: str, weight: float, reason: str) -> None:
        if gender == "female":
            self.female += weight
        else:
            self.male += weight
        self.reasons.append(f"{gender} +{weight:g}: {reason}")


def _words(label: str) -> list[str]:
    return _WORD.findall(label)


def _name_tokens(label: str) -> list[str]:
    """The capitalised words of a label that can stand for the person in the text."""
    out = []
    for w in _words(label):
        bare = w.strip(".’'-")
        low = bare.casefold()
        if len(bare) < 3 or not bare[:1].isupper() or low in NOT_NAMES \
                or low in FEMALE_TITLES or low in MALE_TITLES or f"{low}." in FEMALE_TITLES \
                or f"{low}." in MALE_TITLES:
            continue
        out.append(bare)
    return out


def _head(label: str) -> list[str]:
    """The words of a label before any prepositional tail: "The Lady" of "The Lady In Grey"."""
    words = _words(label)
    for i, w in enumerate(words[1:], 1):
        if w.casefold() in PREPOSITIONS:
            return words[:i]
    return words


def is_description(label: str) -> bool:
    """Whether a label describes rather than names (``The Housemaid``, ``an old soldier``)."""
    words = _words(label)
    if not words:
        return False
    # the extractor's labels for unnamed speakers: "Angry soldier", "Sailor"
    head = _head(label)[-1]
    return (words[0].casefold() in ARTICLES or label[:1].islower()
            or (len(words) > 1 and head[:1].islower())
            or head.casefold() in lexicon.PERSON_NOUNS)


def head_noun(label: str) -> str | None:
    """The noun a description label is about, lowercased (``housemaid``), else None."""
    if not is_description(label):
        return None
    head = _head(label)
    if len(head) < 2:
        return None
    noun = head[-1].casefold().strip(".’'")
    for poss in ("’s", "'s"):
        noun = noun.removesuffix(poss)
    return noun if len(noun) >= 3 else None


def role_gender(noun: str) -> str | None:
    """The gender a role noun carries by itself (maid, waitress / gentleman, cabman)."""
    last = noun.split("-")[-1]
    if last in FEMALE_NOUNS or noun in FEMALE_NOUNS or last.endswith("woman"):
        return "female"
    if last in MALE_NOUNS or noun in MALE_NOUNS or (last.endswith("man") and len(last) > 4):
        return "male"
    if last.endswith("ess") and last not in _NOT_ESS and len(last) > 5:
        return "female"
    return None


def is_group(label: str) -> bool:
    """Whether a speaker label names several people (``Shreider and Prokopovich``)."""
    head = " ".join(_head(label))
    words = [w.casefold().strip(".") for w in _words(head)]
    return (" and " in f" {head.casefold()} " or "&" in head
            or any(w in GROUP_WORDS for w in words))


def name_evidence(label: str) -> GenderGuess:
    """Evidence from the label alone: titles, given names, surname endings."""
    guess = GenderGuess("unknown")
    words = _words(label)
    for w in words:
        low = w.casefold()
        stripped = low.rstrip(".")
        if low in _TITLE_CASE_ONLY and not w[:1].isupper():
            continue
        if low in FEMALE_TITLES or stripped in FEMALE_TITLES:
            guess.add("female", W_TITLE, f"title {w!r} in the name")
            guess.titled = "female"
            break
        if low in MALE_TITLES or stripped in MALE_TITLES:
            guess.add("male", W_TITLE, f"title {w!r} in the name")
            guess.titled = "male"
            break
    noun = head_noun(label)
    if noun and not guess.titled:
        role = role_gender(noun)
        if role:
            who = "woman" if role == "female" else "man"
            guess.add(role, W_ROLE, f"{noun!r} describes a {who}")
            guess.titled = role
    tokens = _name_tokens(label) if not is_description(label) else []
    for tok in tokens:
        low = tok.casefold()
        sex = lexicon.given_name_sex(low)
        if sex:
            guess.add("female" if sex == "f" else "male", W_GIVEN, f"given name {tok}")
            break
    if tokens:
        last = tokens[-1].casefold()
        if len(last) > 4 and last not in lexicon.FEMALE_GIVEN_NAMES | lexicon.MALE_GIVEN_NAMES:
            if last.endswith(FEMALE_SURNAME_ENDINGS):
                guess.add("female", W_SURNAME, f"surname ending of {tokens[-1]}")
            elif last.endswith(MALE_SURNAME_ENDINGS):
                guess.add("male", W_SURNAME, f"surname ending of {tokens[-1]}")
    return guess


def _narration_only(script: Script, text: str) -> str:
    """The source with every dialogue span blanked out (same length, same offsets)."""
    chars = list(text)
    for line in script.lines:
        if line.kind == DIALOGUE and 0 <= line.start <= line.end <= len(text):
            for i in range(line.start, line.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _mentions(narration: str, tokens_by_speaker: dict[str, list[str]]
              ) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of every mention of a speaker's name tokens, in text order."""
    owners: dict[str, set[str]] = defaultdict(set)
    for speaker, tokens in tokens_by_speaker.items():
        for t in tokens:
            owners[t].add(speaker)
    unique = {t: next(iter(who)) for t, who in owners.items() if len(who) == 1}
    # a surname two speakers share says nothing about either, so it is left out
    found = []
    for m in _NAME_WORD.finditer(narration):
        word = m.group()
        who = unique.get(word)
        end = m.end()
        if who is None and word.endswith(("’s", "'s")):
            who = unique.get(word[:-2])
            end -= 2
        if who is not None:
            found.append((m.start(), end, who))
    return found


def _merge(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted mentions with the parts of one mention ("Sofia Panina") joined."""
    merged: list[tuple[int, int, str]] = []
    for s, e, who in found:
        if merged and merged[-1][2] == who and s - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]), who)
        else:
            merged.append((s, e, who))
    return merged


def _description_mentions(narration: str, speakers: list[str]) -> list[tuple[int, int, str]]:
    """Mentions such as "the doctor" of description labels (The Doctor), unique nouns only."""
    by_noun: dict[str, list[str]] = defaultdict(list)
    for s in speakers:
        noun = head_noun(s)
        if noun:
            by_noun[noun].append(s)
    nouns = {n: who[0] for n, who in by_noun.items() if len(who) == 1}
    if not nouns:
        return []
    pattern = re.compile(r"\b[Tt]he\s+(" + "|".join(re.escape(n) for n in
                                                   sorted(nouns, key=len, reverse=True))
                         + r")\b", re.IGNORECASE)
    return [(m.start(), m.end(), nouns[m.group(1).casefold()])
            for m in pattern.finditer(narration)]


def _title_before(narration: str, start: int) -> tuple[str, str] | None:
    m = _TITLE_BEFORE.search(narration[max(0, start - 30):start])
    if not m:
        return None
    word = m.group(1).casefold()
    if word in FEMALE_TITLES or word.rstrip(".") in FEMALE_TITLES:
        return "female", m.group(1)
    if word in MALE_TITLES or word.rstrip(".") in MALE_TITLES:
        return "male", m.group(1)
    return None


def _window_after(narration: str, end: int) -> str:
    """The narration after a mention, up to the end of the next sentence or paragraph."""
    chunk = narration[end:end + 300]
    para = chunk.find("\n\n")
    if para >= 0:
        chunk = chunk[:para]
    ends = [m.end() for m in _SENTENCE_END.finditer(chunk)]
    if len(ends) >= 2:
        chunk = chunk[:ends[1]]
    return chunk


def _pronoun_gender(word: str) -> str:
    return "female" if word.casefold() in FEMALE_PRONOUNS else "male"


_TAG_AFTER = re.compile(r"^[\s,;:—–-]*(?:(she|he)\s+[a-z]+|[a-z]+\s+(she|he)\b)")
_TAG_BEFORE = re.compile(r"\b(she|he)\s+[a-z]+(?:\s+[a-z]+)?\s*[,:—–-]?\s*$")


def infer_genders(script: Script, source_text: str | None,
                  names: list[str] | None = None) -> dict[str, GenderGuess]:
    """Each dialogue speaker's likely gender from the script and its source text.

    names adds people to judge who have no line yet (to cast a series ahead). Works from
    the labels alone when source_text is None. Groups come out neutral; a speaker with no
    or conflicting evidence comes out unknown.
    """
    speakers = [s for s in script.speakers if s != NARRATOR]
    speakers += [n for n in names or [] if n not in speakers and n != NARRATOR]
    guesses = {s: (GenderGuess("neutral") if is_group(s) else name_evidence(s))
               for s in speakers}
    if source_text:
        narration = _narration_only(script, source_text)
        tokens = {s: _name_tokens(s) for s in speakers if not is_group(s)}
        mentions = _merge(sorted(_mentions(narration, tokens) + _description_mentions(
            narration, [s for s in speakers if not is_group(s)])))
        for i, (start, end, who) in enumerate(mentions):
            guess = guesses[who]
            title = _title_before(narration, start)
            if title and guess.titled and title[0] != guess.titled:
                continue  # "Mr. Bolter" is not the speaker "Mrs. Bolter": someone else
            if title:
                guess.add(title[0], W_TITLE, f"{title[1]!r} before a mention at {start}")
            window = _window_after(narration, end)
            nxt = mentions[i + 1][0] - end if i + 1 < len(mentions) else len(window)
            limit = len(window)
            if i + 1 < len(mentions) and mentions[i + 1][2] != who:
                limit = min(limit, nxt)
            m = _PRONOUN.search(window[:limit])
            if m:
                guess.add(_pronoun_gender(m.group(1)), W_MENTION,
                          f"{m.group(1)!r} after a mention at {start}")
        _speech_tags(script, narration, guesses)
        _text_prior(narration, guesses)
    for guess in guesses.values():
        if guess.gender == "neutral":
            continue
        f, m = guess.female, guess.male
        if guess.titled:
            guess.gender = guess.titled
        elif f >= MIN_EVIDENCE and f >= 2 * m:
            guess.gender = "female"
        elif m >= MIN_EVIDENCE and m >= 2 * f:
            guess.gender = "male"
    return guesses


W_PRIOR = 0.5
PRIOR_MIN_PRONOUNS = 20
"""Below MIN_EVIDENCE: the book's prior only sets a lean, never a written gender."""


def _text_prior(narration: str, guesses: dict[str, GenderGuess]) -> None:
    """A speaker with no evidence at all leans to the gender the book mostly writes about.

    When the narration's he/him/his outnumber she/her/hers 2 to 1 (or the reverse), an
    unknown speaker is more likely of that gender than a coin toss says.
    """
    counts = {"male": 0, "female": 0}
    for m in _PRONOUN.finditer(narration):
        counts[_pronoun_gender(m.group(1))] += 1
    major, minor = sorted(counts, key=counts.get, reverse=True)
    if counts[major] < PRIOR_MIN_PRONOUNS or counts[major] < 2 * counts[minor]:
        return      # too few pronouns to say, or no clear majority
    for guess in guesses.values():
        if guess.gender != "neutral" and guess.female == guess.male == 0:
            guess.add(major, W_PRIOR, f"the text says {major} pronouns "
                                      f"{counts[major]} to {counts[minor]} times")


def _speech_tags(script: Script, narration: str, guesses: dict[str, GenderGuess]) -> None:
    """Evidence from pronoun speech tags right beside each speaker's lines."""
    lines = script.lines
    for i, line in enumerate(lines):
        if line.kind != DIALOGUE or line.speaker not in guesses \
                or guesses[line.speaker].gender == "neutral":
            continue
        if not 0 <= line.end <= len(narration):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        stop = min(line.end + 60, nxt.start if nxt and nxt.kind == DIALOGUE else line.end + 60)
        after = narration[line.end:stop]
        after = after.split("\n\n")[0]
        # skip the closing quote mark (blanked or not) before reading the tag
        m = _TAG_AFTER.match(after.lstrip(" ”’\"'"))
        if m:
            pron = m.group(1) or m.group(2)
            guesses[line.speaker].add(_pronoun_gender(pron), W_TAG,
                                      f"speech tag {m.group(0).strip(' ,')!r} at {line.end}")
            continue
        prev = lines[i - 1] if i else None
        start = max(line.start - 60, prev.end if prev and prev.kind == DIALOGUE else 0)
        before = narration[start:line.start].split("\n\n")[-1].rstrip(" “‘\"'")
        m = _TAG_BEFORE.search(before)
        if m:
            guesses[line.speaker].add(_pronoun_gender(m.group(1)), W_TAG,
                                      f"speech tag {m.group(0).strip(' ,:')!r} before {line.start}")
