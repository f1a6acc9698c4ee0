"""The characters of a text: proper-name mentions, alias clusters and genders.

Everything is decided from statistics of the text itself, one module per stage:
- mentions.py: a capitalised word is a name word when the text (almost) never writes it in
  lower case; runs of them are the text's name mentions;
- people.py: "Mr. Ashby" and "Ashby" are one person when only one titled or full name
  carries that surname; two people who merely share a surname ("Mrs. Miller", "Daisy
  Miller") stay apart unless the text writes the joining form ("Miss Daisy Miller"); two
  names the text says are one ("Mr. Samuel Pike, otherwise the Lamplighter") are one;
- evidence.py: a person's sex comes from titles, the given-name lists in data/ and the
  pronouns that follow the name in the narration; a creature the text mostly follows with
  "its" has none;
- titles.py: how a title is written, and the person a title stands for ("the Major");
- character.py: Character, one person with every form the text uses for them.
Cast, here, reads a text through these stages and answers the queries on its people.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

from ..lexicon import COURTESY_TITLES, NOT_NAMES, TITLES, speaker_noun
from ..name_patterns import (APPOSED_AFTER, APPOSED_BEFORE, CAP_PAIR, CAP_WORD, COPULA, LOWER_WORD,
                             MID_CAP_WORD, NAME_BEFORE, NAME_RUN, POSSESSIVE, VAGUE_EPITHETS)
from ..names import is_initial
from .character import Character
from .evidence import SexEvidence
from .mentions import MentionReading, _given_words, _rejoin_wrapped
from .people import Clustering
from .titles import TitleLookup, written_title


INITIALS_DOMINANCE = 3
"""How many times as often as any other the text must name the character that a name
written as initials alone is taken for (Cast._of_initials)."""


def _all_initials(form: str) -> bool:
    """Whether a name form is initials alone, two or more ("E. W. B.")."""
    words = form.split()
    return len(words) >= 2 and all(is_initial(w) for w in words)


def _word_counts(text: str) -> tuple[Counter, Counter, Counter, frozenset[str]]:
    """Counted at C speed: every lower-case word, every capitalised word, and those
    capitalised words not opening a sentence (after a lower-case word, a comma, a title or
    another capitalised word); and, lower-cased, the words written after a courtesy title."""
    lower = Counter(LOWER_WORD.findall(text))
    cap = Counter(CAP_WORD.findall(text))
    mid = Counter(MID_CAP_WORD.findall(text))
    pairs = CAP_PAIR.findall(text)
    mid.update(w for t, w in pairs if t.lower() in TITLES)
    courtesy = frozenset(w.lower() for t, w in pairs if t.lower() in COURTESY_TITLES)
    return lower, cap, mid, courtesy


def _name_word_test(lower: Counter, cap: Counter, mid: Counter, not_names: frozenset[str],
                    given_words: set[str]):
    """Whether a capitalised word is a name word in this text (remembered per word): not a
    listed non-name, written capitalised at least four times as often as in lower case
    (or used as a given name or written after a courtesy title, given_words), and met once
    at least where no sentence opens."""
    known: dict[str, bool] = {}

    def name_word(w: str) -> bool:
        got = known.get(w)
        if got is None:
            base = POSSESSIVE.sub("", w)
            lw = base.lower()
            # a word the text uses as a given name is no name by its lower-case use:
            # the modal "may" says nothing of "May" (_given_words decided that)
            got = known[w] = lw not in not_names and len(base) >= 2 and \
                (lw in given_words or lower[lw] * 4 <= cap[w] + cap[base]) and \
                (mid[w] + mid[base]) > 0
        return got
    return name_word


class Cast(MentionReading, SexEvidence, Clustering, TitleLookup):
    """Name mentions of a text and the characters they denote."""

    def __init__(self, text: str, speaker_names: Counter | None = None,
                 speech: list[tuple[int, int]] | None = None,
                 headings: list[tuple[int, int]] = ()):
        """speech: the (open, close) offsets of the text's dialogue quotations, in order
        (found here when not given): the pronouns after a name inside one say nothing of
        the named person's sex. headings: the (start, end) offsets of the text's headings
        and skipped matter, and of its titles in quotation marks (quotes.quoted_titles), in
        order: a name written only there ("Author: Charles Dickens", "the “Coach and
        Horses”") is no one of the story."""
        self.text = text
        self._take_speech(speech)
        self._pronoun_verbs: frozenset[str] | None = None  # _a_verb's, found when first asked
        self._whole_pairs: dict[tuple[str, str], int] = {}  # _always_after's, as asked
        self._article_counts: Counter | None = None  # people_class's, found when first asked
        lower, cap, mid, surnames = _word_counts(text)
        self._lower = lower
        self._cap = cap
        self.given_words = _given_words(text)
        self._not_names = NOT_NAMES - self.given_words
        self.name_word = _name_word_test(lower, cap, mid, self._not_names,
                                         self.given_words | surnames)
        self.form_count = self._read_mentions(headings, speaker_names)
        self._starts = [m[0] for m in self.mentions]
        self._epithets: dict[str, set[int]] | None = None
        self._cluster(self.form_count)
        self._join_roles()
        self._join_written_aliases()
        self._join_parent_words()

    def _take_speech(self, speech: list[tuple[int, int]] | None) -> None:
        """Keep where the dialogue quotations start and end (found here when not given)."""
        if speech is None:
            from ..quotes import find_quotes
            speech = [(q.open, q.close) for q in find_quotes(self.text) if q.dialogue]
        self._speech_starts = [s for s, _ in speech]
        self._speech_ends = [e for _, e in speech]

    def _read_mentions(self, headings: list[tuple[int, int]],
                       speaker_names: Counter | None) -> Counter:
        """self.mentions: (start, end, full form) of every name run, leading non-name words
        stripped, wrapped names rejoined and the headings' names dropped; the count of each
        form, with the speaker names given."""
        self.mentions: list[tuple[int, int, str]] = []
        form_count: Counter = Counter()
        for m in NAME_RUN.finditer(self.text):
            mention = self._mention(m)
            if mention is not None:
                self.mentions.append(mention)
                form_count[mention[2]] += 1
        self.mentions = _rejoin_wrapped(self.text, self.mentions, form_count, self.given_words,
                                        self._lower)
        if headings:
            self._drop_heading_names(headings, form_count)
        if speaker_names:
            form_count.update(speaker_names)
        return form_count

    def character(self, form: str) -> Character | None:
        """The character a name form denotes, if the text names one ("Mlle Roux" and
        "Mlle. Roux" alike)."""
        ch = self.of_form.get(form)
        if ch is None:
            form = POSSESSIVE.sub("", form)
            ch = self.of_form.get(form)
            first, _, rest = form.partition(" ")
            if ch is None and rest and first.rstrip(".").lower() in TITLES:
                ch = self.of_form.get(written_title(first.rstrip(".")) + " " + rest)
        if ch is None and _all_initials(form):
            ch = self._of_initials(form)
        return ch

    def _of_initials(self, initials: str) -> Character | None:
        """The character a name written as its initials alone ("remonstrated E. W. B.")
        stands for: the one whose name forms write those initials ("Mr. E. W. B. Hollins"),
        or the one of them the text names INITIALS_DOMINANCE times as often as each other
        (a form misspelt once, "E. W. B. Childerth", is someone else to the cast)."""
        inside = f" {initials} "
        found = {id(ch): ch for form, ch in self.of_form.items() if inside in f" {form} "}
        ranked = sorted(found.values(), key=lambda ch: -sum(ch.forms.values()))
        if len(ranked) > 1 and sum(ranked[0].forms.values()) < \
                INITIALS_DOMINANCE * sum(ranked[1].forms.values()):
            return None
        return ranked[0] if ranked else None

    def lower_count(self, word: str) -> int:
        """How often the text writes this word in lower case."""
        return self._lower[word.lower()]

    def epithet(self, noun: str) -> Character | None:
        """The one character the text calls "the <noun>" in apposition ("Mr. Dunmore, the
        beadle," / "the beadle, Mr. Dunmore"), if exactly one."""
        if self._epithets is None:
            found: dict[str, set[int]] = defaultdict(set)
            pairs = []
            for m in APPOSED_AFTER.finditer(self.text):
                before = NAME_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
                if before:
                    pairs.append((before.group(1), m.group(1)))
            pairs += [(m.group(2), m.group(1)) for m in APPOSED_BEFORE.finditer(self.text)]
            # "Anselm's our courier", "Mr. Grebe was the magistrate"
            pairs += [(m.group(1), m.group(2)) for m in COPULA.finditer(self.text)]
            for name, noun_ in pairs:
                ch = self.character(name)
                noun_ = noun_.lower()
                # a person's role, not "Lomax, the dog" of a list nor "Meryton, the scene";
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
