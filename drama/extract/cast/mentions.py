"""Stage: finding the name mentions in a text.

A capitalised word is a name word when the text (almost) never writes it in lower case; a run
of them (NAME_RUN) is one mention, with leading words that are no name stripped, a name
broken over a line read whole, and names written only in headings left out."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ..lexicon import (ABBREVIATED_TITLES, DETERMINERS, FEMALE_NOUNS, INDEFINITE, MALE_NOUNS,
                       MONTHS, NOT_NAMES, PEOPLE_NOUNS, TITLES, ORDINARY_WORD_GIVEN_NAMES,
                       WORD_GIVEN_NAMES,
                       a_verb_form, english_words, finite_verbs, given_name_sex, person_noun,
                       person_noun_or_plural)
from ..name_patterns import (AFTER_SUBJECT, ARTICLE_CAP, CAPITALISED, COPULA_NOUN_AFTER, ENDS_S,
                             LOWER_WORD, NAME_OR_WORD_MID, NAME_OR_WORD_PAIR, NEXT_WORD,
                             OPENING_NAME_ACTS,
                             OPENING_NAME_AFTER, PERSON_HEADS, POSSESSIVE, PREDICATE,
                             SENTENCE_OPEN, SUBJECT_PRONOUN, SUPERLATIVE, WORD_BEFORE, WORDS)
from ..names import GIVEN_TITLES, SURNAME_PARTICLES, is_initial
from ..scan import compile_later
from .evidence import PRONOUN_REACH
from .titles import written_title


MID_SENTENCE_NAMES = 3
"""Times a word of NAME_OR_WORD must be written capitalised mid-sentence as no month (below)
for the text to use it as a given name."""
TIME_WORDS = frozenset("""in of on by from to till until since during through throughout before
after last next early late mid this that every each all about around""".split())
"""Words before a month's name ("in May", "till June", "early in April"): a word of
NAME_OR_WORD after them may be a month."""
MONTH_LIST = re.compile(r"(\w+)(?:,|\s+(?:and|or|to))\s+$")
"""The end of a list of months before a word of NAME_OR_WORD ("April and May", "April, May"):
it is a month too."""


def _given_words(text: str) -> frozenset[str]:
    """The words of NAME_OR_WORD this text uses as given names: written mid-sentence before
    the same capitalised word at least twice ("… to Nell Farrow", "… and Nell Farrow"), or
    capitalised mid-sentence MID_SENTENCE_NAMES times after no word of time nor a
    determiner (a possessive too) nor in a list of months ("he and May had", "said May",
    "May’s voice"; not "in May", "the Will", "God’s Will", "April and May"): a passage may
    call May only "May", and the modal "may" is never capitalised there. Once is enough
    when a finite verb follows ("The gate creaked and May ran out", "and May interposed"):
    the word is a subject, no month after such a word nor the modal (a bare infinitive
    follows "may")."""
    pairs = Counter((a, b) for a, b in NAME_OR_WORD_PAIR.findall(text)
                    if b.lower() not in NOT_NAMES)
    mid: Counter = Counter()
    for m in NAME_OR_WORD_MID.finditer(text):
        before = WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        word = before.group(1).lower() if before else ""
        possessive = word == "s" and text[before.start() - 1:before.start()] in "'’"
        listed = MONTH_LIST.search(text, max(0, m.start() - 20), m.start())
        if word not in TIME_WORDS and word not in DETERMINERS and not possessive and not (
                listed and listed.group(1).lower() in MONTHS):
            verb = NEXT_WORD.match(text, m.end())
            acts = verb is not None and a_verb_form(verb.group(1))
            mid[m.group(1).lower()] += MID_SENTENCE_NAMES if acts else 1
    return frozenset(a.lower() for (a, _), n in pairs.items() if n >= 2) | \
        {w for w, n in mid.items() if n >= MID_SENTENCE_NAMES}


class MentionReading:
    """Cast's reading of the text's runs of capitalised words into name mentions."""

    def _drop_heading_names(self, headings: list[tuple[int, int]], form_count: Counter) -> None:
        """The mentions of the forms the text writes only in its headings and skipped
        matter ("Author: Charles Dickens") left out: no one of the story."""
        headings = _merged(headings)
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
                words[0][1].lower() not in self._not_names and not ENDS_S.search(words[0][1]) \
                and not _a_verb_opening(words[0][1]):
            i = 0       # "Bessie Beatty" opening a sentence: never written in lower case
        whole = self._written_whole_after_the(words, i)
        if whole:
            i -= 1      # "the March Hare": "March" is part of the name
        if i:
            title = None
        first_kept = (i == 0 or whole) and len(words) > 1
        keep = []
        for n_, (pos, w) in enumerate(words[i:]):
            if not self.name_word(w) and not (n_ == 0 and first_kept) and \
                    w.lower() not in SURNAME_PARTICLES and not is_initial(w):
                if keep and w.lower() in PERSON_HEADS:
                    keep.append((pos, w))   # "the Invisible Man": a name ends in "Man"
                break
            keep.append((pos, w))
            if ENDS_S.search(w):
                break   # "Dale’s": a possessive (or "Where’s") ends a name
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

    def _written_whole_after_the(self, words: list[tuple[int, str]], i: int) -> bool:
        """Whether the last of the leading words stripped as no name (words[i - 1], a word
        of NOT_NAMES such as a month, "March") belongs to the name after it: it comes right
        after "the" and the text writes the name word after it (words[i]) only with it, at
        least TOGETHER_TWICE times ("the April Fool", never "the Fool"). A name the text also
        writes alone keeps its short form ("the Tabby Cat" and "the Cat": "Cat")."""
        if not 0 < i < len(words):
            return False
        (pos, word), name = words[i - 1], POSSESSIVE.sub("", words[i][1])
        after_the = words[i - 2][1].lower() == "the" if i >= 2 else \
            THE_BEFORE.search(self.text[max(0, pos - 40):pos]) is not None
        return after_the and word.isalpha() and self._always_after(word, name) >= TOGETHER_TWICE

    def _always_after(self, word: str, name: str) -> int:
        """How often the text writes name right after word, when it never writes name
        otherwise (0 when it does)."""
        key = (word, name)
        got = self._whole_pairs.get(key)
        if got is None:
            pairs = len(re.findall(_word_pattern(word) + r"\s+" + re.escape(name) + r"\b",
                                   self.text))
            alone = len(re.findall(_word_pattern(name) + r"\b", self.text))
            got = self._whole_pairs[key] = pairs if pairs == alone else 0
        return got

    def not_name(self, word: str) -> bool:
        """Whether a word is never a name in this text ("The", "Oh"; "May" unless the text
        writes it as a given name, "Nell Farrow")."""
        lw = word.lower()
        return lw in NOT_NAMES and lw not in self.given_words

    def people_class(self, word: str) -> bool:
        """Whether this text uses a capitalised noun of a people or a faith (lexicon's
        PEOPLE_NOUNS) of a class, not as one person's name: it writes it after "a"/"an" and
        in the plural as often as after "the" ("an Indian", "the Indians", "the Indian"). A
        text that writes it mostly after "the" ("the Frenchman" again and again, "a
        Frenchman" seldom) makes it one man's epithet, a name."""
        low = word.lower()
        if not word[:1].isupper() or low not in PEOPLE_NOUNS:
            return False    # "said the same": no people's noun in lower case
        if self._article_counts is None:
            self._article_counts = Counter((a.lower(), w) for a, w in
                                           ARTICLE_CAP.findall(self.text))
        count = self._article_counts
        plural = word[:-3] + "men" if low.endswith("man") else word + "s"
        return count["the", word] <= count["a", word] + count["an", word] + self._cap[plural]

    def _opening_name(self, s: int, word: str) -> bool:
        """A word opening a sentence, never written in lower case, that acts and that the
        next sentence calls he or she, or whose quotation it tags so: "Kishkin the dictator
        took control. He issued…", "Dorran glanced up from his ledger. “Yes?” he said"; or a
        given name of the name lists that acts, and whose sex the next "he" or "she" has:
        "Mara climbed the stairs. … “Is anyone home?” she called." (a name seen only at
        sentence starts, which the counts above cannot tell)."""
        text = self.text
        lw = word.lower()
        if self._lower[lw] or lw in NOT_NAMES or lw in INDEFINITE or len(word) < 3 or \
                not SENTENCE_OPEN.search(text, max(0, s - 3), s + 1) and s > 0:
            return False
        end = s + len(word)
        after = OPENING_NAME_AFTER.match(text, end)
        sex = given_name_sex(word)
        if after is None and word.lower() not in WORD_GIVEN_NAMES and sex:
            pronoun = SUBJECT_PRONOUN.search(text, end, end + PRONOUN_REACH)
            if pronoun and ("f" if pronoun.group().lower() == "she" else "m") == sex:
                after = OPENING_NAME_ACTS.match(text, end)
        if after is None or _tag_may_be_anothers(after) or _participle_phrase(lw, after):
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
        """Whether a word is a verb that can follow a subject: a past in -ed or a form of
        WordNet's ("went", "is", "looks", "could": lexicon.a_verb_form), or one the text
        writes right after a subject pronoun somewhere ("she sat"). A given name of the
        lists opening a sentence may be an ordinary word opening one with no subject ("Rose
        early", "Mark my words", "Drew near"): it is the subject, a name, only with a verb
        after it. The text's own usage alone missed the irregular verbs a short text never
        writes after a pronoun ("Rose went to the door", "Mark came in")."""
        if a_verb_form(word):
            return True
        if self._pronoun_verbs is None:
            self._pronoun_verbs = frozenset(m.lower() for m in AFTER_SUBJECT.findall(self.text))
        return word.lower() in self._pronoun_verbs


LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
WHOLE_TWICE = 2
"""Times a name must be written whole on one line for its two halves across a line break to
be read as it."""
TOGETHER_TWICE = 2
"""Times the text must write a name word after a no-name word (never without it) for that
word to stay in the name (_written_whole_after_the: "the March Hare")."""
THE_BEFORE = re.compile(r"(?<!\w)the\s+$", re.IGNORECASE)
"""The word "the" ending a stretch of text, however many spaces after it
(_written_whole_after_the; not the last letters of "bathe")."""


OPENING_MARK = re.compile(r"[“\"]")
PLAIN_WORD = re.compile(r"\b[a-z]+\b")


def _tag_may_be_anothers(after: re.Match) -> bool:
    """Whether the "he" or "she" tagging the quotation after an opening word's sentence
    (OPENING_NAME_AFTER) may be someone else's that the sentence names by a person noun:
    "Pym leaned out of the window to the laundress as she crossed. “…?” he asked" (the
    laundress, or Pym: no evidence that "Pym" is a person), not "Dorran glanced up from his
    ledger. “Yes?” he said", nor by a noun of the other sex: "Vell glanced at his wife.
    “Yes?” he said" (the wife is no "he")."""
    lead_in = after.group()
    opening = OPENING_MARK.search(lead_in)
    if opening is None:
        return False        # "He …" opening the next sentence: no quotation
    other_sex = FEMALE_NOUNS if lead_in.rsplit(None, 1)[-1].lower() == "he" else MALE_NOUNS
    return any(person_noun(w) and w not in other_sex
               for w in PLAIN_WORD.findall(lead_in, 0, opening.start()))


SUBJECT_AFTER_COMMA = re.compile(r",\s+(?:he|she|they|we|I)\b")
"""The subject a phrase set off by a comma comes before ("Having waited a minute, he")."""


def _participle_phrase(word: str, after: re.Match) -> bool:
    """Whether a sentence-opening word in -ing (lower case) opens a participle's phrase,
    not a sentence it is the subject of ("Receiving no answer, he went"): a participle
    (_participle), unless a past in -ed follows it (after.group(1)) and no ", he" in its
    sentence (review41: "Manning glanced …", "Stirling resented …" are subjects; "Having
    waited a minute, he looked" is no one)."""
    if not _participle(word):
        return False
    sentence = re.split(r"[.!?]", after.group(), maxsplit=1)[0]
    return not after.group(1).endswith("ed") or SUBJECT_AFTER_COMMA.search(sentence) is not None


def _participle(word: str) -> bool:
    """Whether a lower-case word in -ing is a verb's participle ("receiving": "receives" is a
    verb form), which opens a sentence with no subject ("Receiving no answer, he went")."""
    if len(word) < 6 or not word.endswith("ing"):
        return False
    stem = word[:-3]
    verbs = finite_verbs()
    return any(f in verbs for f in (stem + "s", stem + "es", stem[:-1] + "s"))


def _a_verb_opening(word: str) -> bool:
    """Whether a word opening a sentence before a name is a verb and no given name of the
    lists: "“Named Harris,” Bill said" names Harris, not "Named Harris"."""
    return a_verb_form(word.lower()) and not given_name_sex(word)


def _word_pattern(word: str) -> str:
    r"""A pattern matching `word` where a word starts: r"\bword", written with the literal
    first and the boundary checked behind it, so that `re` finds the literal at C speed
    instead of trying the boundary at every character of a novel."""
    literal = re.escape(word)
    return literal + r"(?<=\b" + literal + ")"


def _rejoin_wrapped(text: str, mentions: list[tuple[int, int, str]],
                    form_count: Counter, given_words: frozenset[str] = frozenset(),
                    lower: Counter | None = None) -> list[tuple[int, int, str]]:
    """The mentions, a name a hard-wrapped text breaks over two lines ("Mrs. Tansley" at a
    line's end, "Mortlake" at the next one's start) read as one when the text writes the
    whole name on one line WHOLE_TWICE times elsewhere, or when it is a given name and a
    surname the text writes after a title (_given_and_surname: "saw May¶Farrow" beside
    "Mr. Farrow"; form_count holds the forms written, and is updated): two capitalised
    words across a line break are not always one name ("Marlow" and the Marlow Madeira),
    but a name the text already knows whole is. A given name opening a sentence at a line's
    end joins the name the next line opens on (_opening_given_wrapped)."""
    lower = lower if lower is not None else Counter()
    surnames = {f.split()[1] for f in form_count
                if len(f.split()) == 2 and _surname_title(f.split()[0].rstrip(".").lower())}
    out: list[tuple[int, int, str]] = []
    for mention in mentions:
        mention = _opening_given_wrapped(text, mention, form_count, lower,
                                         out[-1][1] if out else 0)
        if out:
            s0, e0, f0 = out[-1]
            whole = f0 + " " + mention[2]
            if (form_count[whole] >= WHOLE_TWICE or
                    _given_and_surname(f0, mention[2], surnames, given_words)) and \
                    LINE_BREAK.fullmatch(text, e0, mention[0]):
                for half in (f0, mention[2]):
                    form_count[half] -= 1
                    if form_count[half] <= 0:
                        del form_count[half]    # no longer written alone
                form_count[whole] += 1
                out[-1] = (s0, mention[1], whole)
                continue
        out.append(mention)
    return out


WRAPPED_GIVEN = compile_later(r"\b(" + CAPITALISED + r")[ \t]*\n[ \t]*$")
"""A capitalised word ending a line, the line break after it: the given name of a name the
hard wrap breaks ("Alexis" of "Alexis¶Ivanovitch", "Zoé" of "Zoé¶Marchand": a capital and
small letters of any script, as every name pattern reads them)."""


def _opening_given_wrapped(text: str, mention: tuple[int, int, str], form_count: Counter,
                           lower: Counter, after: int) -> tuple[int, int, str]:
    """The mention, with the given name before it when a hard wrap breaks a full name that
    opens a sentence ("… turning up. Alexis¶Ivanovitch, stake two pieces"): the given name,
    opening a sentence and written in no other place, is no mention of its own (the
    counts cannot tell a name from a sentence's first word), and the name the next line
    opens on would stand alone. Only a word the text never writes in lower case that is a
    given name of the lists or no English word ("Alexis"; not "Poor" of "Poor¶Wyndham"
    nor "Presently¶Kasim"), before a one-word name (form_count is updated); not a word of
    the mention before, which ends after ``after`` ("Mrs. Tansley¶Mortlake": the title's dot
    is no sentence's end)."""
    s, e, form = mention
    if " " in form or text[s - 1:s] != "\n":
        return mention
    m = WRAPPED_GIVEN.search(text, max(0, s - 24), s)
    if m is None:
        return mention
    word = m.group(1)
    if m.start(1) < after or lower[word.lower()] or word.lower() in NOT_NAMES or \
            given_name_sex(word) is None and word.lower() in english_words() or \
            not SENTENCE_OPEN.search(text, max(0, m.start(1) - 3), m.start(1) + 1):
        return mention
    whole = word + " " + form
    form_count[form] -= 1
    if form_count[form] <= 0:
        del form_count[form]
    form_count[whole] += 1
    return m.start(1), e, whole


def _surname_title(title: str) -> bool:
    """Whether the word after `title` is a surname ("Mr. Farrow"), not a given name ("Aunt
    Polly", "Sir William": names.GIVEN_TITLES)."""
    return title in TITLES and title not in GIVEN_TITLES


def _given_and_surname(first: str, second: str, surnames: set[str],
                       given_words: frozenset[str]) -> bool:
    """Whether two one-word mentions are a given name (of the lists, or one this text uses
    as a given name) and a surname the text writes after a title ("May", "Farrow" beside
    "Mr. Farrow"): one person's full name."""
    return " " not in first and " " not in second and second in surnames and \
        (given_name_sex(first) is not None or first.lower() in given_words)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, those that overlap joined: a quoted title inside a heading ("CHAPTER
    VII. “THE COACH AND HORSES” AND MR. HALL") must not end the heading for _inside."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(pos: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies in one of the spans (in order; starts: their starts)."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def _names_a_person(words: list[str]) -> bool:
    """Whether a predicate's noun phrase after its determiner names a person: a noun of
    persons ("a tall girl", "the oldest of the brothers"), a superlative standing for one
    ("the youngest", "the eldest of five"), or "one" ending it ("the quiet one"); not "the
    word for it", "the one thing he lacked"."""
    if words and (SUPERLATIVE.fullmatch(words[0]) and words[1:2] in ([], ["of"]) or
                  words[-1] == "one"):
        return True
    return any(w not in DETERMINERS and person_noun_or_plural(w) for w in words)
