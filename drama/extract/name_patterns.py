"""How names are written, as regular expressions: a capitalised word, a run of them led by a
title ("Mr. E. W. B. Hollins", "Lady Honoria de Vere"), a name set beside a role ("the
Collector, Mr. Tolland,"), an alias ("otherwise the Lamplighter"), and the marks around them
(quotation edges, sentence stops, places). cast/ reads a text's names with them.

Most patterns are written to open on one character (a capital, a letter, a mark; scan.py), so
that a search over a whole novel passes the other characters at C speed.
"""
from __future__ import annotations

import re

from .letters import CAPITAL, LETTER, LOWER, SMALL, WORD_END
from .lexicon import FEMALE_NOUNS, MALE_NOUNS, NAME_OR_WORD, TITLES
from .names import INITIAL_LETTERS, SURNAME_PARTICLES
from .scan import compile_later, word_start


TITLE_ALT = "|".join(sorted({t.capitalize() for t in TITLES}, key=len, reverse=True))
# between a title and its name: spaces, or one line break of a hard-wrapped text ("Mrs.\nQuarrie")
TITLE_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# Put before a pattern that opens on a name: it changes no match (a name opens on a capital)
# but lets the search pass the other letters at once (a novel's finditer() in a third of
# the time)
_CAPITAL_FIRST = "(?=" + CAPITAL + ")"
# a capitalised word ("Ashby", "McBryde", "Bonch-Bruevich", "O'Brien"), of any script
# ("Zoé", "Łukasz", "Ивáн", and a decomposed (NFD) "Zoé" with its combining accent: the
# classes CAPITAL and SMALL of letters.py):
# "(?:Ma?c)?[A-Z][a-z]+…" written as its capital, then the rest (CAP_TAIL), so that a
# pattern can open on the capital; a capital alone before an apostrophe and a capitalised
# word is one word with it ("O'Brien", "D'Arcy")
_MAC = "(?:(?<=M)a?c" + CAPITAL + ")?"     # the rest of "Mac" or "Mc" and its capital
CAP_TAIL = (_MAC + "(?:" + SMALL + "+|(?=[’']" + CAPITAL + SMALL + "))"
            "(?:[-’'][" + LETTER + "]+)*")
CAP = CAPITAL + CAP_TAIL
# a capital and the letters after it ("Ashby", "Zoé"), no apostrophe or hyphen: a name word
# as the patterns of calls and self-namings read it
CAPITALISED = CAPITAL + SMALL + "+"
# A run of capitalised words, optionally led by a title or several ("Mr. Ashby", "Lt. Col.
# Ames", "Daisy Miller"; group 1 holds them).
# A title never continues a run: "When Mrs. Hall went" is "When" and "Mrs. Hall".
# Lower-case words of a surname ("Mr. van der Hoeven", "Lady Honoria de Vere") come after
# a title or inside a run, never first.
# Initials are part of the name, before it or inside it: "Mr. E. W. B. Hollins", "J. A.
# Hobbs", "Jasper C. Hollis" (group 2 holds those before it).
_PARTICLES = r"(?:(?:" + "|".join(sorted(SURNAME_PARTICLES)) + r")[ \t]+)"
_INITIAL = r"[" + "".join(sorted(INITIAL_LETTERS)) + r"]\."
_INITIALS = r"((?:" + _INITIAL + r"(?:" + TITLE_GAP + r")?)*)"
_TITLE = r"(?:" + TITLE_ALT + r")\.?"
# between two words of a name: a space or two; a wider gap inside a line is where a mark was
# lost ("peremptorily Ambrose   Ambrose Ashdown": a dash a text's conversion dropped), no
# name's two words
WORD_GAP = r"[ \t]{1,2}"
NAME_RUN = compile_later(_CAPITAL_FIRST +
                      r"\b(?:(" + _TITLE + r"(?:" + TITLE_GAP + _TITLE + r")*)" + TITLE_GAP +
                      r")?" + _INITIALS +
                      r"((?(1)" + _PARTICLES + r"*)" + CAP + r"(?:" + WORD_GAP + r"(?:" + _INITIAL +
                      r"[ \t]+)*" + _PARTICLES + r"*(?!(?:" + TITLE_ALT + r")\b)" + CAP +
                      r")*)")
# "… to Nell Farrow": a word that may be a given name, before a capitalised word, mid-sentence
# (each word then looks back for what it follows, so that the pattern opens on the words)
NAME_OR_WORD_PAIR = compile_later("(" + "|".join(w.capitalize() + "(?<=[" + LOWER + ",;] " +
                                              w.capitalize() + ")" for w in NAME_OR_WORD) +
                               ") (" + CAPITAL + SMALL + "+)")
# "… he and May had", "said May", "May’s voice": such a word capitalised mid-sentence, not
# before a number ("May 5"); the caller reads the word before it ("in May" is a month)
NAME_OR_WORD_MID = compile_later("(" + "|".join(w.capitalize() + "(?<=[" + LOWER + ",;]\\s" +
                                                w.capitalize() + ")" for w in NAME_OR_WORD) +
                                 r")(?![\w-])(?![ \t]*\d)")
WORD_BEFORE = re.compile(r"(\w+)\s+$")
# these open on the word's first letter (scan.py), so that the search passes the others at once
LOWER_WORD = compile_later(word_start(SMALL) + "[" + LOWER + "’'-]*")
CAP_WORD = compile_later(word_start(CAPITAL) + CAP_TAIL)
# a capitalised word after a lower-case word, a comma or a semicolon (the lookbehind's "." is
# the capital just matched)
MID_CAP_WORD = compile_later("(" + CAPITAL + "(?<=[" + LOWER + r",;][ \t\n].)" +
                          CAP_TAIL + ")")
# a capitalised word and the one after it: a title's name is mid-sentence ("M. Valette": the
# one-letter "M." too, or a passage that writes Valette only after it has no such person)
CAP_PAIR = compile_later("(" + word_start(CAPITAL) + SMALL + r"{0,13})\.?" + TITLE_GAP +
                      r"(?=(" + CAP + "))")
# a capitalised word after an article ("the Frenchman", "an Indian"): how a text uses a noun of
# a people, as one person's epithet or as a class
ARTICLE_CAP = compile_later(r"(" + word_start("[Tt]") + "he|" + word_start("[Aa]") +
                            r"n?)[ \t\n]+(" + CAPITALISED + ")")
PRONOUN = re.compile(r"(?=[hsi])\b(he|him|his|himself|she|her|hers|herself|its|itself)\b",
                     re.I)     # the lookahead (like _CAPITAL_FIRST) passes other letters at once
# a straight single quote that opens a quotation ('Good morning,' she said): not after a
# letter (don't, the Smiths' house, o'clock), and before a capital, as quotes.py opens one,
# but for the capitalised elisions ('Tis, 'Twas: the aphetic ones of English, "'tis",
# "'twas", "'twere", "'twill", "'twould", in a line of capitals too: 'TIS; the lower-case
# ones, 'em, open on no capital)
STRAIGHT_SINGLE_OPENING = (r"'(?<![\w'’]')(?=" + CAPITAL +
                           r")(?!T(?i:is|was|were|will|would)\b)")
# a straight single quote that closes a quotation, no apostrophe: after punctuation (,' .' !')
STRAIGHT_SINGLE_CLOSING = r"'(?<=[,.!?;:—–-]')"
# where a stretch of narration or a quotation ends: a paragraph break or a quotation mark; a
# closing ’ or ' (after punctuation: ,’ .’ !’) is a mark, an apostrophe (don’t, boys’) is
# not, nor an elision ('tis); a straight ' opens a quotation only as STRAIGHT_SINGLE_OPENING
# says (each branch opens on one character, so that the search passes the others at once)
QUOTE_EDGE = re.compile(r"\n\s*\n|\"|“|”|‘|’(?<=[,.!?;:—–-]’)|" + STRAIGHT_SINGLE_CLOSING + "|" +
                        STRAIGHT_SINGLE_OPENING)
# words before a place ("at Kelby", "left London"); not "to" alone, which people take as
# often ("said to Bill"), but "to" after a verb of going ("go to South America", "been to
# Paris"): its group "to", since people are gone back to too ("he went to Harriet"), so that
# a name with a person's evidence does not count it (Character.place_like); the verbs of
# going: go, travel and WordNet 3.0's troponyms of travel.v.01 for how (drive, sail, fly,
# walk, ride: "walk to Kelby")
PLACE_PREP = re.compile(r"\b(?:in|at|from|into|near|through|across|towards?|reach(?:ed)?|"
                        r"leave|left|visit(?:ed)?|"
                        r"(?P<to>(?:go|goes|going|gone|went|been|drive|drove|driven|"
                        r"sail(?:ed)?|travel(?:led|ed)?|fly|flew|flown|return(?:ed)?|back|"
                        r"walk(?:s|ed|ing)?|ride|rides|rode|ridden|riding)"
                        r"\s+to))\s+$", re.I)
POSSESSIVE = re.compile(r"[’']s?$")
ENDS_S = re.compile(r"[’']s$")
WORDS = re.compile(r"\S+")
ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?) $")
FAMILY_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:" + "|".join(sorted(SURNAME_PARTICLES)) +
                           r")\s+){1,2}$")
""""The van der " before a surname: its family ("the van der Hoevens"), written after
"the" as a body or a kind is (ARTICLE_BEFORE)."""
CHILD_BEFORE = re.compile(r"\b(?:[Yy]oung|[Ll]ittle)\s+$")
""""young " or "little " before a name: a child's, or the younger of two of one family
("little Wilfred Pask", "young Osric Vane"). The two adjectives are WordNet 3.0's for a
person in an early period of life (young, adj. sense 1; little, adj. "(of a person) young":
"my little brother")."""
CHILD_REACH = 16
"""How far before a name child_before looks: "little" and a gap of up to ten spaces."""


def child_before(text: str, s: int) -> bool:
    """Whether "young" or "little" stands right before the name at s (CHILD_BEFORE), a line
    break or more than one space between them too: the cast's and the attribution's one
    reading of a name written as a child's."""
    return CHILD_BEFORE.search(text, max(0, s - CHILD_REACH), s) is not None


SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)\S?$")
# "Kishkin the dictator took control. He issued …": acting, then "he" or "she" next
_ACTING = r"\s+(?:the\s+[a-z]+\s+)?([a-z]+)\b"
OPENING_NAME_ACTS = re.compile(_ACTING)
# or a quotation of the same paragraph its "he" or "she" tags next ("Dorran glanced up from his
# ledger. “Yes?” he said"; not "Hope rose in her chest.¶¶“Is anyone home?” she called")
_HE_OR_SHE_NEXT = r"(?:\s+(?:He|She)|[ \t]*\n?[ \t]*[“\"][^”\"\n]{0,80}[”\"][ \t]+(?:he|she))\b"
OPENING_NAME_AFTER = re.compile(_ACTING + r"(?:[^.!?\n]|\n(?![ \t]*\n)){0,120}[.!?]" +
                                _HE_OR_SHE_NEXT)
# "Frank was the word for it": a copula and a determiner after a sentence-opening word,
# a predicate noun, which an ordinary word ("frank") takes as readily as a person
COPULA_NOUN_AFTER = re.compile(r"\s+(?:is|was)\s+(?:the|an?|this|that|our|their|her|his|its|"
                               r"my|your|one|no|all)\b")
# the rest of its clause: "the oldest of the three brothers", "the word for it"
PREDICATE = re.compile(r"[^.,;:!?\n]{0,80}")
# "youngest", "eldest", "best": an adjective standing for a person after "the"
SUPERLATIVE = re.compile(r"[a-z]+[^aeiou]est|best")
# "Mara climbed the stairs. … “Is anyone home?” she called": the subject pronoun after it
SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# the word a subject pronoun is followed by: mostly a verb ("she sat", "they went")
# (the lookahead passes other letters at once)
AFTER_SUBJECT = re.compile(r"(?=[HhSsTtWwI])\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)[ \t\n]+([a-z]+)\b")
# the next word, in the same clause: "slowly turned" (not "early, and")
NEXT_WORD = re.compile(r"[ \t\n]+([a-z]+)\b")
# the end of a sentence between two mentions (not the dot of "Mr.")
# (each branch opens on one character, so that the search passes the others at once)
SENTENCE_STOP = compile_later(r"!|\?|;|\.(?<!\b" + CAPITAL + SMALL + r"\.)" +
                           r"(?<!\b" + CAPITAL + SMALL + SMALL + r"\.)(?<!\b" + CAPITAL + r"\.)|" +
                           r"\n\s*\n")


def titled_name(titles: list[str], more: str) -> str:
    r"""A group matching a name led by an optional title, then `more`:
    "((?:(?:Mr|Dr)\.?\s+)?(?:Ma?c)?[A-Z][a-z]+MORE)" for the titles Mr and Dr, written to
    open on its capital (scan.py), so that a pattern it opens passes the other letters at
    once: "([A-Z](?:(?:(?<=M)(?:r)|(?<=D)(?:r))\.?\s+(?:Ma?c)?[A-Z][a-z]+|
    (?:(?<=M)a?c[A-Z])?[a-z]+)MORE)", which matches the same text the same way."""
    after_capital: dict[str, list[str]] = {}
    for t in titles:
        after_capital.setdefault(t[0], []).append(t[1:])
    title = "|".join("(?<=" + c + ")(?:" + "|".join(rest) + ")"
                     for c, rest in after_capital.items())
    return ("(" + CAPITAL + "(?:(?:" + title + r")\.?\s+(?:Ma?c)?" + CAPITAL + SMALL + "+|" +
            _MAC + SMALL + "+)" + more + ")")


NAMED = titled_name(["Mr", "Mrs", "Miss", "Dr"], r"(?:\s+(?:Ma?c)?" + CAPITAL + SMALL + "+)?")
# "Mr. Dunmore, the beadle," (the name is read back from the comma) / "the beadle, Mr. Dunmore,"
# but not a vocative closing a quotation: "Shake hands with the doctor, Wenna," said …,
# nor a list going on after the name: "the Colonel, De Marsac, Mlle. Roux, and her mother"
# a role may be capitalised, and its head may follow a word: "Mr. Garside, the Harbour
# Master of the Port," / "the Collector, Mr. Tolland,"
ROLE = r"(?:[A-Z][a-z]+\s+)?([A-Za-z][a-z]+)"
APPOSED_AFTER = re.compile(r",\s+the\s+" + ROLE + r"\b(?=[,;.]|\s+of\b)")
NAME_BEFORE = compile_later(NAMED + r"$")
APPOSED_BEFORE = compile_later(word_start("the") + r"\s+" + ROLE + r",\s+" + NAMED + WORD_END +
                            r"(?=[;.](?![\"”’'])|,(?![\"”’']|\s+(?:and\s+)?[A-Z]))")
COPULA = compile_later(NAMED +
                    r"(?:\s+is|\s+was|[’']s|\s+s)\s+(?:our|the|their|her|his|my|your)"
                    r"\s+(?:[a-z]+\s+)?([a-z]+)\b(?=[,;.!?])")
NAME_UP_TO_3 = titled_name(["Mr", "Mrs", "Miss", "Master", "Dr"],
                            r"(?:\s+(?:Ma?c)?" + CAPITAL + SMALL + "+){0,2}")
# "Mr. Samuel Pike, otherwise the Lamplighter", "Mr. Grebe (alias Skipper)"
ALIAS = compile_later(NAME_UP_TO_3 +
                   r",?\s+\(?(?:otherwise|alias|_alias_|also known as|"
                   r"better known as)\s+(?:the\s+)?" + NAME_UP_TO_3 + WORD_END)
# A person noun written capitalised after a name word ends the name: "the Invisible Man"
PERSON_HEADS = frozenset(w for w in MALE_NOUNS | FEMALE_NOUNS
                         if not w.endswith(("s", "men")) or w in ("mistress", "hostess"))
VAGUE_EPITHETS = frozenset("man woman gentleman lady girl boy fellow person child one thing other "
                         "matter way case time end best worst same".split())
