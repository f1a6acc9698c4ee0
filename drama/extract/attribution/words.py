"""The words and token helpers the attribution rules share: speech verbs in place, adverbs,
the heads of vague descriptions ("the man"), words that set one person against another."""
from __future__ import annotations

import re


from ..letters import CAPITAL, LETTER, SMALL
from ..lexicon import (ABBREVIATED_TITLES, DETERMINERS, PARTICLE_VERBS, PHRASAL_SPEECH_VERBS,
                       REPLY_VERBS, SPEECH_VERBS, VERB_PARTICLES)
from ..scan import compile_later

# a word (letters of any script, letters.py, with apostrophes and hyphens) or one other mark
TOKEN = compile_later("[" + LETTER + "][" + LETTER + "’'-]*|[^\\s" + LETTER + "]")
# a sentence ends at . ! ? before a capital, but not at the dot of "Mr.", "Mrs.", "J."
# (the lookbehinds, after the first mark, look past it)
_NOT_AFTER_TITLE = "".join(r"(?<!\b" + t.capitalize() + "[.!?])"
                           for t in sorted(ABBREVIATED_TITLES))
# ... and at one followed by a dash instead of a space: "maiden name?--Christina felt".
# Opening on the mark lets the search pass every other character at once (scan.py)
SENTENCE_END = compile_later(r"[.!?](?<!" + CAPITAL + SMALL + r"[.!?])(?<!\b" + CAPITAL + r"[.!?])" +
                          _NOT_AFTER_TITLE +
                          r"[.!?]*[\"”’)]*(?:\s+|(?:--|—)\s*)(?=[\"“‘(]?" + CAPITAL + ")")
SENTENCE_STOP = compile_later(r"[.!?]" + _NOT_AFTER_TITLE + r"(?=\s)|\n\s*\n")
"""Where a sentence stops, whatever opens the next: a mark before a space but not the dot
of a shortened title ("Mr. Smith and Jane" is one sentence), or a paragraph's end. For a
search in a window ("no sentence's end between them"); SENTENCE_END above is the stricter
one that finds where the next sentence opens on a capital."""
SEX_PRONOUN = {"m": re.compile(r"\b[Hh]e\b"), "f": re.compile(r"\b[Ss]he\b")}
"""The subject pronoun of each sex ("he", "she" are never objects)."""
PUNCT_LEAD = set(",;:—–-.!?()[]_")
DASHES = ("—", "--")
"""A dash: the printed one, or a plain text's two hyphens ("the hour was late.--Ottilie was
yawning"); SENTENCE_END's pattern spells the same two."""


def ends_in_dash(text: str, end: int) -> bool:
    """Whether text[:end] ends in a dash (DASHES): what comes after it opens a clause."""
    return text.endswith(DASHES, max(0, end - 2), end)
HEARING = frozenset("hear hears heard hearing overhear overhears overheard".split())
"""Verbs of hearing, whose object may be the one speaking ("he heard her say")."""
ADDRESSING = frozenset("addressed accosted addressing accosting".split())
"""Verbs of speaking to someone, which lead into what they say ("Mr. Tuttle thus addressed
her,"): the one-word lemmas of WordNet 3.0's two senses "address; speak to" (verb
00897582 address, turn_to; 00990673 address, accost, come_up_to), past and -ing forms."""
BE_FORMS = frozenset("be is are was were been being".split())
"""The forms of "be" that make a participle after them passive ("was accosted")."""
TIME_ADVERBS = frozenset("then now thus also again still only just even presently soon very"
                         .split())
"""Adverbs without -ly that may stand before a verb of saying ("then said Ann") or open a
clause before its subject: of time, and the focusing ones ("only", "just", "also", "even";
Quirk et al. 1985, A Comprehensive Grammar, 8.116: "and even Lettice was too much fatigued
to utter")."""
AUX = frozenset("had has have was were is would could will at once quickly slowly quietly "
                "gravely calmly".split()) | TIME_ADVERBS
LEAD_CONJ = frozenset("and but then so yet now at last finally suddenly presently".split())
CLAUSE_JOINERS = frozenset("and but or nor yet so then".split())
"""Words joining a clause that goes on with the same subject ("she nodded, and went out"):
the coordinating conjunctions (less "for", which gives a reason) and "then"."""
SUBORDINATORS = frozenset("when whenever while as after before till until since though "
                          "although if once".split())
MODALS = frozenset("would could will should might must shall can may did".split())
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})
NUMBERS = frozenset("two three four five six seven eight nine ten".split())
GENERIC_HEADS = frozenset("man woman gentleman lady girl boy fellow other latter former "
                          "youth lad child person old young female".split())
PLURAL_PRONOUNS = frozenset({"they", "we"})
VOICE_NOUNS = frozenset("voice voices tones tone cry words whisper".split())
FUNCTION_WORDS = DETERMINERS | frozenset("i he she it we you they him her them and or but nor "
                                         "if then so as at by in of on to with".split())
CONTRAST = frozenset("other another second third first elder younger last same".split())
VAGUE_HEADS = frozenset("man woman fellow person gentleman lady".split())
GROUP_NOUNS = frozenset("crowd people children men women voices others members".split())

ADULT_MALE = frozenset("man gentleman fellow".split())

YOUNG_NOUNS = frozenset("boy lad youth child infant urchin".split())
OLD_WORDS = frozenset("old elderly aged".split())
"""Words that make a description an elder's ("the old lady"): a grown-up, never a child,
nor anyone's son or sister."""
MAIDEN_NOUNS = frozenset("girl lass".split())
"""A young woman not yet married, who may be grown up ("Miss Pennock") but is not a
Mrs. (nor, being female, a Mr.)."""
LEADS_IN = frozenset(",:;—–-")
"""The last marks of narration that leads into a quote ("Then she said," ¶ "…")."""
POSSESSIVES = {"his": "m", "her": "f", "their": None}
"""A description's possessive -> the sex of its owner ("said his wife": a man's)."""
# ------------------------------------------------------------------ tokenising

def tokens(s: str, base: int = 0) -> list[tuple[str, int]]:
    return [(m.group(), m.start() + base) for m in TOKEN.finditer(s)]


def is_speech_verb(w: str) -> bool:
    return w.lower() in SPEECH_VERBS and w[0].islower()


def speech_verb_at(toks, i: int) -> bool:
    """Whether the token at i is a speech verb there: "broke", "went" or "chimed" only with
    their particle ("broke in", "went on", "chimed in"), not "The connection broke"."""
    w = toks[i][0]
    if w.lower() not in PARTICLE_VERBS:
        return is_speech_verb(w)
    return w[0].islower() and i + 1 < len(toks) and toks[i + 1][0].lower() in particles(w)


def particles(verb: str) -> frozenset[str] | set[str]:
    """The particles that make a particle verb (lexicon.PARTICLE_VERBS) one of saying: any
    of VERB_PARTICLES for one SPEECH_VERBS lists ("broke out", "went on"), else its own
    ("chimed in")."""
    lw = verb.lower()
    return VERB_PARTICLES if lw in SPEECH_VERBS else {PHRASAL_SPEECH_VERBS[lw]}


def adverb(w: str) -> bool:
    lw = w.lower()
    return (lw.endswith("ly") and len(lw) > 4 and lw not in ("early",)) or lw in VERB_PARTICLES


