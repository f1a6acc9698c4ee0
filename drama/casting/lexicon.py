"""The pronunciation lexicon: how a word is said, applied to what is spoken, never to the script.

An entry maps a word to a respelling (`Smolny: SMOL-nee`, `Bonch-Bruevich: bonch
broo-YAY-vich`) or to espeak-ng phoneme mnemonics (`Smolny: "[[sm'Olni]]"`). Entries match
whole words; one written with a capital matches only that spelling (and its all-caps form),
one in lower case matches the word in any case, so `Polish` and `polish` can differ.

A respelling with a syllable in capitals is said as phonemes with the stress on that syllable
(each syllable as espeak-ng would say it alone); one without capitals is simply said instead
of the word. Each engine is given the form it reads: espeak mnemonics in [[ ]] for pyttsx3,
IPA in [[ ]] for Piper (converted by espeak-ng in the voice's own accent).

A shortened title before a name is said as its word ("Capt. Heron" as "Captain Heron":
espeak-ng says "kapt"), unless the lexicon has an entry for it.

The book's own text never changes: scripts, exports and subtitles keep its spelling. Only
the text an engine speaks does, and a segment's cache key is that spoken text, so editing an
entry synthesizes again exactly the lines holding that word.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Protocol

from ..emphasis import spoken as unmarked

PHONEMES = re.compile(r"^\[\[(.+)\]\]$", re.S)
SYLLABLE_BREAK = re.compile(r"[-\u2010\u2011]")
STRESS = {"kirshenbaum": ("'", ",", "'"), "ipa": ("ˈ", "ˌ", "ˈ")}
"""Per alphabet: the primary and secondary stress marks espeak writes, and the one we add."""


class Phonemizer(Protocol):
    def phonemes(self, text: str, voice: str, ipa: bool = False) -> str: ...


@dataclass(frozen=True)
class LexiconEntry:
    """One word and how to say it."""

    word: str
    say: str
    """As written: a respelling, or espeak mnemonics in [[ ]]."""
    line: int | None = None
    """Where it is written (1-based), for messages."""
    origin: str = ""
    """The file it comes from."""

    @property
    def is_phonemes(self) -> bool:
        return PHONEMES.match(self.say.strip()) is not None

    def matches_case(self, found: str) -> bool:
        """Whether the word as found in a text is this entry's (see the module docstring)."""
        if self.word == self.word.lower():
            return True
        return found == self.word or found == self.word.upper()


def escape_brackets(text: str) -> str:
    """A book's own `[[` or `]]` spoken as brackets, never read as phonemes by an engine."""
    return text.replace("[[", "[ [").replace("]]", "] ]")


WORD_RUN = re.compile(r"\w+")
PATTERNS_KEPT = 4096
"""How many patterns a lexicon keeps, one for each set of its entries lines have held."""


@dataclass
class Lexicon:
    """Every entry in force: the global lexicon's, overridden by the book's."""

    entries: list[LexiconEntry] = field(default_factory=list)
    _by_fold: dict[str, list[LexiconEntry]] | None = field(default=None, repr=False,
                                                           compare=False)
    _by_run: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _patterns: dict[frozenset, re.Pattern] = field(default_factory=dict, repr=False,
                                                   compare=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def _index(self) -> None:
        """The entries by their word folded (_entry), and each word by its first run of
        letters folded ("" for one with none): what _pattern looks up ("İzmir" folds to an
        "i" and a combining dot, which no run of letters holds: its run is "i")."""
        if self._by_fold is not None:
            return
        by_fold: dict[str, list[LexiconEntry]] = {}
        by_run: dict[str, set[str]] = {}
        for e in self.entries:
            by_fold.setdefault(e.word.casefold(), []).append(e)
            run = WORD_RUN.search(e.word.casefold())
            by_run.setdefault(run.group() if run else "", set()).add(e.word)
        for group in by_fold.values():  # an exact spelling before a catch-all lower case
            group.sort(key=lambda e: e.word == e.word.lower())
        self._by_run = by_run  # before _by_fold, which says both are made (threads)
        self._by_fold = by_fold

    def _pattern(self, text: str) -> re.Pattern | None:
        """The pattern of the entries that may match in text: those whose first run of
        letters, folded, is one of the text's words folded as the match is (_entry), the
        ones with no letters always. One pattern of every entry was tried at each word of
        every line: 0.6 s a line at 100,000 entries, after 10 s to compile (hostile39)."""
        self._index()
        words = set(self._by_run.get("", ()))
        for run in set(WORD_RUN.findall(text.casefold())):
            words.update(self._by_run.get(run, ()))
        if not words:
            return None
        key = frozenset(words)
        pattern = self._patterns.get(key)
        if pattern is None:
            if len(self._patterns) >= PATTERNS_KEPT:
                self._patterns.clear()
            # each entry's word as written, the longest first: a casefolded one is another
            # spelling where folding changes its letters' number ("Strauß" is "strauss",
            # which IGNORECASE never matches to "Strauß"); _entry looks it up by its fold
            pattern = self._patterns[key] = re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                + r")(?!\w)", re.IGNORECASE)
        return pattern

    def _entry(self, found: str) -> LexiconEntry | None:
        return next((e for e in self._by_fold.get(found.casefold(), [])
                     if e.matches_case(found)), None)

    def used_in(self, text: str) -> list[LexiconEntry]:
        """The entries a text holds, each once, in order of first appearance."""
        pattern = self._pattern(text) if self.entries else None
        if pattern is None:
            return []
        seen: dict[str, LexiconEntry] = {}
        for m in pattern.finditer(text):
            entry = self._entry(m.group())
            if entry is not None:
                seen.setdefault(entry.word, entry)
        return list(seen.values())

    def apply(self, text: str, say: Callable[[LexiconEntry], str]) -> str:
        """text with every entry's word replaced by say(entry); the rest escaped."""
        pattern = self._pattern(text) if self.entries else None
        if pattern is None:
            return escape_brackets(text)
        out, pos = [], 0
        for m in pattern.finditer(text):
            entry = self._entry(m.group())
            if entry is None:
                continue
            out.append(escape_brackets(text[pos:m.start()]))
            out.append(say(entry))
            pos = m.end()
        out.append(escape_brackets(text[pos:]))
        return "".join(out)


def stressed_syllables(respelling: str) -> bool:
    """Whether a respelling marks stress with a syllable in capitals (SMOL-nee)."""
    return any(len(s) > 0 and s.isupper() and any(c.isalpha() for c in s)
               for word in respelling.split() for s in SYLLABLE_BREAK.split(word))


@lru_cache(maxsize=1)
def _shortened_title() -> re.Pattern:
    """A shortened rank with its dot, "Capt." (drama/titles.py)."""
    from ..titles import TITLE_ABBREVIATIONS
    titles = "|".join(sorted((t.capitalize() for t in TITLE_ABBREVIATIONS), key=len,
                             reverse=True))
    return re.compile(rf"(?<![\w.])({titles})\.(?=\s+\w)", re.IGNORECASE)


def full_titles(text: str, keep: frozenset[str] = frozenset()) -> str:
    """text with each shortened title before a name (a capitalised word, not one opening a
    sentence) written as its
    word, "Capt. Heron" as "Captain Heron", in the case it is written ("CAPT." as
    "CAPTAIN"); titles in `keep` (casefolded: the lexicon's own entries) stay."""
    if "." not in text:
        return text

    def word(m: re.Match) -> str:
        short = m.group(1)
        after = text[m.end():].lstrip()
        if short.casefold() in keep or not short[0].isupper() or not after[0].isupper() \
                or opens_a_sentence(after):
            return m.group()
        from ..titles import TITLE_ABBREVIATIONS
        full = TITLE_ABBREVIATIONS[short.casefold()]
        return full.upper() if short.isupper() and len(short) > 1 else full.capitalize()
    return _shortened_title().sub(word, text)


def entry_words(lexicon: Lexicon) -> frozenset[str]:
    """The lexicon's words, casefolded: the shortened titles it keeps (full_titles)."""
    return frozenset(e.word.casefold() for e in lexicon.entries)


def as_said(text: str, keep: frozenset[str]) -> str:
    """A line's text as the lexicon is applied to it: emphasis marks dropped (`_very_`,
    drama.emphasis.spoken), titles said in full but those in `keep` (entry_words)."""
    return full_titles(unmarked(text), keep)


def entries_said(lexicon: Lexicon, texts: Iterable[str]) -> list[LexiconEntry]:
    """The entries the lexicon applies to these lines' texts as they are spoken
    (Pronouncer.spoken), each once, in order of first appearance (only the entries whose
    first run of letters is a word of the texts are looked for: Lexicon._pattern)."""
    if not lexicon:
        return []
    keep = entry_words(lexicon)
    said = "\n".join(as_said(text, keep) for text in texts)  # no entry holds a line break
    return lexicon.used_in(said)


class Pronouncer:
    """Turns a line's text into what an engine speaks, for one lexicon.

    `phonemizer` is made only when an entry needs espeak-ng's help (a stressed respelling,
    or mnemonics for an IPA engine); conversions are remembered per entry and voice.
    """

    def __init__(self, lexicon: Lexicon, phonemizer: Callable[[], Phonemizer]) -> None:
        self.lexicon = lexicon
        self._make_phonemizer = phonemizer
        self._phonemizer: Phonemizer | None = None
        self._said: dict[tuple[str, str, str, str], str] = {}
        self._entry_words = entry_words(lexicon)

    def _espeak(self) -> Phonemizer:
        if self._phonemizer is None:
            self._phonemizer = self._make_phonemizer()
        return self._phonemizer

    def spoken(self, text: str, alphabet: str, espeak_voice: str) -> str:
        """What to give an engine reading [[ ]] in `alphabet` (kirshenbaum or ipa): the
        text's emphasis marks dropped (`_very_`, drama.emphasis.spoken), titles said in full."""
        return self.lexicon.apply(as_said(text, self._entry_words),
                                  lambda e: self.say(e, alphabet, espeak_voice))

    def say(self, entry: LexiconEntry, alphabet: str, espeak_voice: str) -> str:
        key = (entry.word, entry.say, alphabet, espeak_voice)
        if key not in self._said:
            self._said[key] = self._convert(entry.say.strip(), alphabet, espeak_voice)
        return self._said[key]

    def _convert(self, say: str, alphabet: str, voice: str) -> str:
        ipa = alphabet == "ipa"
        m = PHONEMES.match(say)
        if m:
            if not ipa:
                return say
            return f"[[{self._espeak().phonemes(say, voice, ipa=True).strip()}]]"
        if not stressed_syllables(say):
            return say
        primary, secondary, mark = STRESS[alphabet]
        words = []
        for word in say.split():
            syllables = [s for s in SYLLABLE_BREAK.split(word) if s]
            stressed = any(s.isupper() for s in syllables)
            parts = []
            for s in syllables:
                p = self._espeak().phonemes(s.lower(), voice, ipa=ipa).replace(" ", "")
                if stressed:  # the stress where espeak put it in the capitalised syllable
                    p = p.replace(secondary, "")
                    if not s.isupper():
                        p = p.replace(primary, "")
                    elif primary not in p:
                        p = mark + p
                parts.append(p)
            words.append("".join(parts))
        return f"[[{' '.join(words)}]]"


def global_lexicon_path() -> Path:
    """The lexicon every book shares: $DRAMA_LEXICON, else ~/.config/drama/lexicon.yaml."""
    if os.environ.get("DRAMA_LEXICON"):
        return Path(os.environ["DRAMA_LEXICON"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return Path(base) / "drama" / "lexicon.yaml"


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
FOREIGN_LOOK = re.compile(r"[^\x00-\x7f’]|kh|zh|vich|vitch|sz|cz|ij|aa|uu|ii|yev|yov|"
                          r"^ts|^dz|^zb|^kn[^eo]|^ps[^y]|dj|jj", re.IGNORECASE)
"""Letter patterns rare in English spelling and common in names from elsewhere."""


def _bare(word: str) -> str:
    """A word without its possessive: Martov's is Martov."""
    return re.sub(r"['’]s$", "", word)


def opens_a_sentence(text: str) -> bool:
    """Whether text, after a shortened title's dot, opens the next sentence: its first word
    is one never a name ("made a Col. Thereupon the men cheered"; extract.lexicon's
    SENTENCE_OPENERS, read only then: the extractor takes a second to load, and a render
    needs none of it else)."""
    from ..extract.lexicon import SENTENCE_OPENERS
    first = WORD.match(text)
    return first is not None and first.group().casefold() in SENTENCE_OPENERS


def _mid_sentence(before: str, word: str) -> bool:
    """Whether `word` after `before` is inside a sentence, not opening one: no sentence's
    end, quotation or colon before it, but a shortened title's dot is none ("said Mr.
    Crane") unless the word opens a sentence ("made a Col. Thereupon"); a title written out
    ends its sentence ("He bowed to the King. Thereupon")."""
    from ..titles import ABBREVIATED_TITLES
    if not before:
        return False
    if before[-1] == ".":
        last = re.search(r"[^\W\d_]+(?=\.$)", before)  # Mr of "said Mr."
        return last is not None and last.group().casefold() in ABBREVIATED_TITLES and \
            not opens_a_sentence(word)
    return before[-1] not in "!?\"“”‘'(—:;\n"


def name_words(capitalised: set[str], people: Iterable[str] = (),
               determined: Iterable[str] = ()) -> set[str]:
    """Of the words a text writes with a capital, mid-sentence and never in lower case,
    the names: those that are no English word (WordNet's adjectives and common nouns:
    not "Provisional" of "the Provisional Government", nor "Second" of "the Second
    Congress"), and those the text uses as a person's name although they are English
    words too: a word of a speaker's or character's name or alias (`people`: "Crane" of
    Mr. Crane), or a given name (the US baby-name lists, less the names mostly ordinary
    words, Hope or Frank: "Anna", "Reed") that the text never writes after a determiner
    (`determined`: "the Roman road", "the West gate": a person's name takes no article)
    and the extractor holds to be no name (a title, "the Princess"; a people's or a
    faith's adjective, "French", "Christian"; "Heaven"). A title is never one (Capt of
    "asked Capt. Heron", no English word)."""
    from ..extract.lexicon import (ABBREVIATED_TITLES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES,
                                   NOT_NAMES, ORDINARY_WORD_GIVEN_NAMES, TITLES, word_list)
    # WordNet's (tools/ordinary_words.py): read here only, 57,000 words
    ordinary = word_list("ordinary_words_wordnet.txt")
    of_people = {_bare(m.group()) for name in people for m in WORD.finditer(name)
                 if m.group().casefold() not in TITLES}  # Crane of Mr. Crane, not Mr
    given = (FEMALE_GIVEN_NAMES | MALE_GIVEN_NAMES) - ORDINARY_WORD_GIVEN_NAMES - NOT_NAMES \
        - TITLES
    determined = set(determined)
    titles = TITLES | ABBREVIATED_TITLES  # Capt of "asked Capt. Heron": no English word
    return {w for w in capitalised if w.casefold() not in titles and
            (w.casefold() not in ordinary or w in of_people
             or (w.casefold() in given and w not in determined))}


@dataclass
class Suggestion:
    """A word worth a lexicon entry, with why and how espeak-ng would say it now."""

    word: str
    count: int
    reasons: list[str]
    espeak: str = ""


def suggest_words(texts: list[str], lexicon: Lexicon, phonemizer, voice: str = "gmw/en-us",
                  limit: int = 30, people: Iterable[str] = ()) -> list[Suggestion]:
    """The words of texts most likely to be mispronounced, most frequent first.

    A candidate is a name (name_words), or a word that looks foreign, or one espeak-ng
    itself calls unpronounceable; words espeak-ng has in its own dictionary, and words the
    lexicon already covers, are left out. `people` are the scripts' speakers and
    characters (names and aliases): their words are names even when English words too.
    """
    from ..extract.lexicon import DETERMINERS
    counts: dict[str, int] = {}
    lower: set[str] = set()
    inner: set[str] = set()
    determined: set[str] = set()  # written after "the", "a", "his" ...: the Roman road
    for text in texts:
        previous = None
        for m in WORD.finditer(text):
            w = _bare(m.group())
            after, previous = previous, m
            if after is not None and after.group().casefold() in DETERMINERS \
                    and text[after.end():m.start()].isspace():
                determined.add(w)
            if sum(c.isupper() for c in w) > 1:
                continue  # an acronym (SRs), which engines spell out
            counts[w] = counts.get(w, 0) + 1
            if w[0].islower():
                lower.add(w.casefold())
            if w[0].isupper() and _mid_sentence(text[:m.start()].rstrip(), w):
                inner.add(w)
    names = name_words({w for w in counts if w[0].isupper() and w.casefold() not in lower
                        and w in inner}, people, determined)
    foreign = {w for w in counts if FOREIGN_LOOK.search(w)}
    pool = sorted(names | foreign, key=lambda w: (-counts[w], w))
    pool = [w for w in pool if not lexicon.used_in(w)][: limit * 4]
    found, odd = phonemizer.lookup(pool, voice) if pool else (set(), set())
    odd_words = {w for w in pool if any(part.casefold() in odd
                                        for part in re.split(r"[-'’]", w))}
    out = []
    for w in pool:
        if w.casefold() in found:
            continue
        reasons = [r for r, hit in (("name", w in names), ("foreign-looking", w in foreign),
                                    ("espeak cannot sound it out", w in odd_words)) if hit]
        out.append(Suggestion(w, counts[w], reasons))
    out.sort(key=lambda s: (-s.count, -len(s.reasons), s.word))
    out = out[:limit]
    for s in out:
        s.espeak = phonemizer.phonemes(s.word, voice)
    return out
