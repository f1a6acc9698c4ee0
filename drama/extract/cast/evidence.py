"""Stage: the evidence of each person's sex.

A person's sex comes from titles, the given-name lists in data/ and the pronouns that follow
the name in the narration (gender.Evidence weighs them); a creature the text mostly follows
with "its" has none."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from ..gender import Evidence, given_name_in_text, patronymic_sex, pronoun_sex
from ..letters import LETTER
from ..lexicon import (FEMALE_PRONOUNS, MALE_PRONOUNS, MALE_TITLES, NEUTRAL_TITLES,
                       PLACE_PREPOSITIONS, PREPOSITIONS, SPEECH_VERBS, TITLES, given_name_sex)
from ..name_patterns import (ARTICLE_BEFORE, FAMILY_BEFORE, PLACE_PREP, POSSESSIVE, PRONOUN,
                             QUOTE_EDGE, STRAIGHT_SINGLE_CLOSING, child_before)
from ..scan import compile_later
from .character import _core


PRONOUN_REACH = 160
"""Characters after a mention its pronoun is looked for in."""
PLACE_REACH = 14
"""Characters before a mention (or its "the") read for a word of place ("travelled to ")."""
SENTENCE_BREAK = re.compile(r"[.!?]\s")
TAG_PRONOUN = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*)(he|she)(?:[ \t]+|[ \t]*\n[ \t]*)[a-z]+")
"""A speech tag's pronoun and verb right after a closing quotation mark (", she said"),
a hard-wrapped text's line break before or after the pronoun ("” he\nbroke out")."""
OWN_VERB_WORDS = 3
"""Lower-case words between a mention and a pronoun that is still its own verb's object."""
NEXT_TOKEN = compile_later(r"\s*([" + LETTER + "’']+|\\S)?")
CLOSING = r"(?:[”\"]|" + STRAIGHT_SINGLE_CLOSING + ")"
"""A closing quotation mark: double, or a straight single one after punctuation (,' .': no
apostrophe). (A curly ’ after punctuation too lost half A on the british passages, seed 3
84.75 -> 84.57, round 37, tidy37.)"""
TAG_BEFORE_NAME = re.compile(CLOSING + r"\s*,?\s*([A-Za-z]+)\s+(?:the\s+)?$")
"""A closing quotation mark and one word, ending right before a mention or its "the": a
speech tag when the word is a speech verb ("”, said Jasper", "” returned Jasper", "” added
the Queen")."""
QUOTE_BEFORE_NAME = re.compile(CLOSING + r"\s*,?\s*(?:the\s+)?$")
"""A closing quotation mark right before a mention or its "the": a speech tag when a speech
verb follows the name ("” the Queen added", "” Oliver replied"; outside a quotation, since a
straight one may open on a name: "Oliver said you would come")."""
WORD_AFTER_NAME = re.compile(r"\s+([a-z]+)")
TAG_VERB_REACH = 20
"""Characters before a mention looked at for such a tag."""
OWNER_AFTER = re.compile(r"[’']s\b")
"""A possessive right after a mention: the word of place before it governs the thing owned,
not the name ("in Ottilie’s eyes", "at Mr. Sleary’s"), so the mention is no place's."""


@dataclass
class FormEvidence:
    """What the mentions of one name form say: their sex evidence (gender.py weighs it), and
    the counts that make a name a thing or a place, or keep it a person (Character)."""

    sex: Evidence
    """Titles, the pronoun after each mention and the "he" or "she" tag of a quotation a
    mention leads into (speaks_next): the sex hint that keeps forms apart in clustering
    (Clustering._cluster)."""
    person: Evidence
    """The same without a "he" or "she" that goes on with the subject its sentence named
    before the mention (goes_on_with_subject): what the person's sex is decided from.
    (Left out of the hints too, they lost whole novels as forms of two people joined,
    "Hamidullah Begum" and "Hamidullah": in process A 89.85 -> 89.66, B 83.93 -> 83.75.)"""
    after_the: int = 0
    """Mentions after "the" or "a" ("the Duma")."""
    at_place: int = 0
    """Mentions after a word of place ("at Iping", "at the Casino")."""
    gone_to: int = 0
    """Mentions after a verb of going and "to" ("went to Rome", "went back to Harriet"): a
    place's, unless the name is a person's by other evidence (Character.place_like)."""
    personal: int = 0
    """Mentions only a person's can be: the subject of a sentence leading into a quotation
    its tag gives a "he" or "she" (speaks_next), or a name called in speech (called_at)."""
    next_sentence: Evidence = field(default_factory=Evidence)
    """The pronoun opening the sentence after a mention whose own sentence has none
    (next_sentence_pronoun): what a name the text says nothing else of is."""
    lead_in: Evidence = field(default_factory=Evidence)
    """The "he" or "she" tag of each quotation a sentence the mention opens leads into
    (speaks_next: "Kettering called to me. “Lomax,” he said"): the sex of a speaker the
    text says nothing else of (Character._lead_in_sex). (Counted with the person's own
    pronouns, it lost half A's passages: seeds 40 and 41, 84.87 -> 84.77, 83.92 -> 83.82.)"""
    she: int = 0
    """Mentions a subject "she" follows (outside speech): a woman's name, where a "her"
    after a man's may be the woman he acts on ("Staunton approached to claim her hand")."""
    tagged: int = 0
    """Mentions a speech tag after a quotation names as the speaker ("”, returned Jasper")."""
    child: int = 0
    """Mentions after "young" or "little" (child_before: "little Wilfred Pask"), counted for
    forms of more than one word."""


class SexEvidence:
    """Cast's counting of the titles, given names and pronouns after each name form."""

    def _form_evidence(self) -> dict[str, FormEvidence]:
        """Per name form: its titles and the pronoun after each mention, how often it
        follows "the" and a word of place, and how often a speech tag names it."""
        text = self.text
        hints = self._pronouns_after()
        self._pronouns = [own_pronouns(text, self.mentions, i, pair)
                          for i, pair in enumerate(hints)]
        out = {f: FormEvidence(_title_evidence(f, n), _title_evidence(f, n))
               for f, n in self.form_count.items()}
        for i, (s, e, f) in enumerate(self.mentions):
            form = out[f]
            art = ARTICLE_BEFORE.search(text, max(0, s - 4), s) or \
                FAMILY_BEFORE.search(text, max(0, s - 16), s)
            owner = OWNER_AFTER.match(text, e) is not None
            if art:     # "the Duma", "a Menshevik"
                form.after_the += 1
            if " " in f:    # a full name ("little Wilfred Pask"), all clustering reads
                form.child += child_before(text, s)
            if not owner:   # "at Iping", "at the Casino"
                before = art.start() if art else s
                _count_place(form, PLACE_PREP.search(text, max(0, before - PLACE_REACH),
                                                     before))
            if self._in_speech(s):
                form.personal += called_at(text, s, e) and \
                    not listed_between(text, self.mentions, i)
                continue
            form.tagged += _names_a_tag(text, s, e)
            said = speaks_next(text, s, e)
            form.personal += said is not None
            _count_tag(form.sex, said)
            _count_tag(form.lead_in, said)
            _count_pronoun(form.sex, hints[i][0])
            form.she += hints[i][0] == "she"
            if hints[i] == (None, None):
                _count_pronoun(form.next_sentence, next_sentence_pronoun(text, e))
            _count_pronoun(form.person, self._pronouns[i][0])
        return out

    def _in_speech(self, pos: int) -> bool:
        """Whether an offset lies inside a dialogue quotation ("Tina, he is gone": that
        "he" is someone else, and a name spoken to is followed by "you")."""
        k = bisect_right(self._speech_starts, pos) - 1
        return k >= 0 and pos < self._speech_ends[k]

    def _pronouns_after(self) -> list[tuple[str | None, str | None]]:
        """Per mention: the pronoun after it before the next name of another form, and the
        one after it before the end of the stretch (which counts when that next name is the
        same person's: "Admiral Verderevsky … Verderevsky … he")."""
        text = self.text
        mentions = self.mentions
        out = []
        for i, (s, e, f) in enumerate(mentions):
            # "Ellery nodded to Dorn, and he left": a pronoun after another name may be
            # that one's
            reach = e + PRONOUN_REACH
            stop = reach
            if i + 1 < len(mentions) and mentions[i + 1][2] != f:
                stop = min(stop, mentions[i + 1][0])
            near = pronoun_after(text, s, e, stop)
            out.append((near, near if stop == reach else pronoun_after(text, s, e, reach)))
        return out

    def _same_person_pronouns(self) -> None:
        """Count the pronouns a mention's form could not claim because another form came
        first, where that form turned out to be the same person's, or no one's: a thing or a
        place the text gives no sex ("Dale had tasted the Madeira where it waited on the
        sill. Then she carried it in.")."""
        mentions = self.mentions
        for i, (s, e, f) in enumerate(mentions):
            near, far = self._pronouns[i]
            if near is None and far is not None and i + 1 < len(mentions) and \
                    not self._in_speech(s):
                ch = self.of_form.get(f)
                nxt = self.of_form.get(mentions[i + 1][2])
                if ch is not None and (nxt is ch or nxt is not None and _no_one(nxt)):
                    _count_pronoun(ch.evidence, far)

    def _given_names(self) -> None:
        """Each person's given-name prior, from the fullest form that has one."""
        for ch in self.characters:
            ev = ch.evidence
            # "Tansley" beside "Mrs. Tansley" is her surname, whatever the name lists say
            surnames = {_core(f)[-1] for f in ch.forms
                        if len(f.split()) > 1 and f.split()[0].rstrip(".").lower() in TITLES
                        and _core(f)}
            for f, n in ch.forms.most_common():
                ws = f.split()
                t = ws[0].rstrip(".").lower()
                titled = len(ws) > 1 and t in TITLES and t not in NEUTRAL_TITLES
                core = _core(f)
                # the one word after "Mr." or "Mrs." is a surname ("Mrs. Weston"), not a
                # given name; after a given name ("Miss Emma Woodhouse") it is one. A place
                # or a thing ("at Florence", "the Nile") has no given name.
                if core and not ev.given_name and (len(core) > 1 or not titled) \
                        and not (len(core) == 1 and core[0] in surnames) \
                        and not ch.place_like and not ch.thing_like:
                    ev.given_name = self._given_sex(core[0]) or ""
                if len(core) > 1 and not ev.patronymic:
                    ev.patronymic = patronymic_sex(core[-1]) or ""

    def _given_sex(self, name: str) -> str | None:
        """The sex of a given name in this text (gender.given_name_in_text); a man's for a
        husband's name the lists do not know ("Osric" of "Mrs. Osric Tansley")."""
        return given_name_in_text(name, self._bare.get(name)) or \
            ("m" if name in self._husbands else None)

    def _form_given(self, form: str) -> str | None:
        """The sex of a form's first name ("Kit Ashdown"), not of the surname after a
        title ("Mrs. Weston")."""
        core = _core(form)
        if not core or len(core) == 1 and len(form.split()) > 1:
            return None
        return self._given_sex(core[0])


def pronoun_after(text: str, s: int, e: int, stop: int) -> str | None:
    """The first pronoun (lower case) after the mention text[s:e] and before stop, in its
    sentence (or the next one, for a mention opening a sentence), before any quotation
    mark; else, for a sentence's subject that leads into a quotation, the "he" or "she" of
    the quotation's tag (_tag_after_quote)."""
    window = text[e:stop]
    cut = QUOTE_EDGE.search(window)
    if cut:
        window = window[:cut.start()]
    # a sentence subject's pronoun may come in the next sentence; a closing quotation mark
    # ends a sentence too ("…?” Dale came in from the rain. I saw she was soaked through.")
    keep = 2 if _opens_sentence(text, s) else 1
    # cut at the keep-th sentence end, if there is one
    end = next(islice(SENTENCE_BREAK.finditer(window), keep - 1, None), None)
    if end is not None:
        window = window[:end.start()]
    m = PRONOUN.search(window)
    if m and m.group(1).lower() == "itself" and OWNER_AFTER.match(text, e):
        # an owner's reflexive is the thing owned ("Marlow’s heart had slammed itself
        # shut, and he sat"): a reflexive is bound by its clause's subject (binding
        # theory's Principle A), the whole "Marlow’s heart", never its owner alone
        m = PRONOUN.search(window, m.end())
    if m and keep == 2 and _her_object_of_own_verb(window, m):
        # a sentence's subject and someone else's "her": a "she" after it is more likely
        # hers, a "he" or "his" the mention's ("Marlow looked at her perplexedly, … his")
        m = next((k for k in PRONOUN.finditer(window, m.end())
                  if k.group(1).lower() in MALE_PRONOUNS), None)
    elif m and keep == 2 and _her_object_of_own_verb(window, m, "him"):
        # likewise "him", only when a woman's pronoun follows to be the mention's ("Wren
        # looked at him for a long moment; then she …"): "Dormouse followed him"
        # alone stays a man's evidence, as the dev novels measured best
        m = next((k for k in PRONOUN.finditer(window, m.end())
                  if k.group(1).lower() in FEMALE_PRONOUNS), m)
    if m is None and keep == 2 and cut and end is None and _a_persons_name(text[s:e]):
        return _tag_after_quote(text, e + cut.start(), window)
    return m.group(1).lower() if m else None


NEXT_SENTENCE_WORDS = 4
"""Words of the next sentence its opening pronoun may come after ("But for her")."""
FIRST_PERSON = re.compile(r"I(?:[’'][a-z]+)?\W*$")
"""The narrator's "I" ("I", "I’d", "I,"): a subject the pronoun after it goes with."""


def next_sentence_pronoun(text: str, e: int) -> str | None:
    """The pronoun among the first NEXT_SENTENCE_WORDS words of the sentence after the one
    the mention ending at e stands in, when no name, quotation or pronoun comes between
    ("It was all Vera's doing, yes, Vera's. Without her, the mill would have stood
    idle": hers), as pronoun_after reads a sentence."""
    window = text[e:e + PRONOUN_REACH]
    cut = QUOTE_EDGE.search(window)
    if cut:
        window = window[:cut.start()]
    end = SENTENCE_BREAK.search(window)
    if end is None or PRONOUN.search(window, 0, end.start()):
        return None
    words = window[end.end():].split()[:NEXT_SENTENCE_WORDS]
    for k, w in enumerate(words):
        if k and w[:1].isupper() or FIRST_PERSON.match(w):
            return None     # another name first, or the narrator ("I knew he was lying")
        m = PRONOUN.fullmatch(w.strip(",;:.!?"))
        if m:
            return m.group(1).lower()
    return None


def _names_a_tag(text: str, s: int, e: int) -> bool:
    """Whether the mention at s:e names the speaker of a speech tag right after a quotation,
    before its verb or after it ("”, said Jasper", "” added the Queen", "” the Queen
    shrieked out")."""
    tag = TAG_BEFORE_NAME.search(text, max(0, s - TAG_VERB_REACH), s)
    if tag and tag.group(1).lower() in SPEECH_VERBS:
        return True
    if QUOTE_BEFORE_NAME.search(text, max(0, s - TAG_VERB_REACH), s) is None:
        return False
    verb = WORD_AFTER_NAME.match(text, e)
    return verb is not None and verb.group(1) in SPEECH_VERBS


def _opens_sentence(text: str, s: int) -> bool:
    """Whether the mention at s opens a sentence or clause as pronoun_after reads it: after
    a full stop, comma, semicolon, line break or closing quotation mark, or at the start."""
    j = s - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    closing = j >= 0 and text[j] in "”\"" or \
        j > 0 and text[j] in "’'" and text[j - 1] in ",.!?;:—–-"
    return j < 0 or text[j] in ".!?,;\n" or closing


SENTENCE_BEFORE = 200
"""Characters before a mention looked back through for the start of its sentence."""
SENTENCE_START = re.compile(r".*(?:[.!?;]\s|\n\s*\n|[“”\"‘])", re.S)
"""Everything up to the last sentence end, semicolon, paragraph break or quotation mark (after
a semicolon a new clause may go on with the mention's own "he": "Oliver was tired, and he was
hungry; then Oliver sat down, and he wept")."""
SUBJECT_PRONOUNS = frozenset({"he", "she"})
OWNED_SUBJECT = {"his": "he", "him": "he", "her": "she"}
"""The subject a "his", "him" or "her" after a possessive mention may go on with ("she would
rely on Corin’s map and her own memory": hers, not Corin's)."""


def goes_on_with_subject(text: str, s: int, e: int, pronoun: str | None) -> bool:
    """Whether the pronoun pronoun_after found after the mention at s:e is a "he" or "she"
    its sentence already said before the mention, which does not open it: it goes on with
    that subject, not the mention ("She had tired of them all, even of Tobin, and of the
    promise she had made him": hers; "When he reached Major Calloway's gate he could
    … hold his tongue": Tobin's). After a possessive mention, a "his", "him" or "her" goes
    on with such a "he" or "she" too (OWNED_SUBJECT: "she would rely on Corin’s map and
    her own memory"), and so does one after a given name the lists give the other sex
    ("He looked for Maisie along the quay, and one look … was enough to tell him that she
    had gone": his, not Maisie's; after a name of no listed sex or of the pronoun's, such a
    "him" stays the name's evidence, as the dev novels measured best)."""
    subject = pronoun if pronoun in SUBJECT_PRONOUNS else OWNED_SUBJECT.get(pronoun)
    if subject is None or _opens_sentence(text, s):
        return False
    if subject != pronoun and not OWNER_AFTER.match(text, e) and \
            given_name_sex(POSSESSIVE.sub("", text[s:e].split()[0])) in \
            (None, pronoun_sex(subject)):
        return False
    before = text[max(0, s - SENTENCE_BEFORE):s]
    start = SENTENCE_START.match(before)
    if start:
        before = before[start.end():]
    return any(k.group(1).lower() == subject for k in PRONOUN.finditer(before))


FRONTED_PREPOSITION = re.compile(
    r"(?:^|[.!?;]\s+|\n\s*|[“”\"]\s*)(?:\w+\s+)?(?:to|with|for|from|towards|toward|against|"
    r"upon|on|at|by|like|before|after|beside|behind|near|unlike)\s+$", re.I)
"""A clause that opens on a preposition, at most one word before it ("Even to", "With")."""
SUBJECT_AFTER = re.compile(r"[ \t]*,?[ \t]*(he|she)\b")


def fronted_object(text: str, s: int, e: int, pronoun: str | None) -> bool:
    """Whether the mention at s:e is the object of a preposition opening its clause and the
    "he" or "she" right after it the clause's subject, which cannot be the mention ("Even to
    Vera he was brusque": his; "To Mr. Tuttle she said nothing": hers; Principle C)."""
    if pronoun not in SUBJECT_PRONOUNS or not SUBJECT_AFTER.match(text, e):
        return False
    # searched in place: a slice's start would read as a clause's (^), mid-sentence
    return FRONTED_PREPOSITION.search(text, max(0, s - 40), s) is not None


AND_BETWEEN = re.compile(r"\s+and\s+")
"""What stands between two names joined as one subject ("Wren and Ottilie")."""


def coordinated(text: str, mentions: list[tuple[int, int, str]], i: int) -> bool:
    """Whether mention i is joined by "and" to a name of another form beside it ("When Wren
    and Ottilie tapped at his door, he said"): a "he" or "she" after the pair is neither one's
    (the two would be "they"), so it says nothing of either's sex."""
    s, e, form = mentions[i]
    for j, lo, hi in ((i - 1, None, s), (i + 1, e, None)):
        if not 0 <= j < len(mentions) or mentions[j][2] == form:
            continue
        lo = mentions[j][1] if lo is None else lo
        hi = mentions[j][0] if hi is None else hi
        if lo < hi and AND_BETWEEN.fullmatch(text, lo, hi):
            return True
    return False


def own_pronouns(text: str, mentions: list[tuple[int, int, str]], i: int,
                 pair: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Of the pronouns after mention i (SexEvidence._pronouns_after's pair), those that
    are its person's own: none after a pair joined by "and" (coordinated), and neither a
    "she" that goes on with the subject its sentence named before (goes_on_with_subject)
    nor the subject of a clause the mention is the fronted object of (fronted_object)."""
    if coordinated(text, mentions, i):
        return None, None
    s, e, _ = mentions[i]

    def own(p: str | None) -> str | None:
        return None if goes_on_with_subject(text, s, e, p) or fronted_object(text, s, e, p) \
            else p
    near = own(pair[0])
    # most often one pronoun is both (no other name before it): read once
    return near, near if pair[1] == pair[0] else own(pair[1])


def _a_persons_name(mention: str) -> bool:
    """Whether a mention is surely a person's: titled ("Mr. Marlow") or opening on a given
    name of the lists ("Dale"), not a word of a language or a people ("Persian")."""
    first = mention.split()[0]
    return len(mention.split()) > 1 and first.rstrip(".").lower() in TITLES or \
        given_name_sex(POSSESSIVE.sub("", first)) is not None


def _tag_after_quote(text: str, opening: int, before: str) -> str | None:
    """The "he" or "she" of the speech tag after the quotation opening at `opening`, when a
    sentence whose subject is the mention leads into it ("Dale laughed. “I say, you are
    slow,” she said."): the lead-in's subject speaks (`before`: the lead-in after the
    mention, which must end its sentence there; the quotation may open the next paragraph)."""
    while opening < len(text) and text[opening].isspace():
        opening += 1
    if not before.rstrip().endswith((".", "!", "?", ":")) or \
            opening == len(text) or text[opening] not in "“\"‘'" or \
            not QUOTE_EDGE.match(text, opening):      # a straight ' that opens ('tis: no)
        return None
    closing = QUOTE_EDGE.search(text, opening + 1)
    if closing is None or closing.group()[0] == "\n":
        return None
    tag = TAG_PRONOUN.match(text, closing.end())
    return tag.group(1).lower() if tag else None


def _her_object_of_own_verb(window: str, m: re.Match, pronoun: str = "her") -> bool:
    """Whether the pronoun m, in the window after a mention, is a "her" that is the object of
    the mention's own verb, a word to three later ("Marlow looked at her perplexedly"):
    someone else, since a pronoun is not bound in its own clause (binding theory's
    Principle B), unless after a preposition of place ("drew the shawl about her"). "Her"
    is an object only before punctuation, an -ly adverb or a preposition ("put out her hand"
    is her own). pronoun_after asks it only of a name that opens its sentence, the subject.
    ("Him" obeys the same rule; leaving it out, which keeps "Dormouse followed him" a man's
    evidence however accidental, is what the dev novels measured best.)"""
    if m.group(1).lower() != pronoun:
        return False
    between = window[:m.start()].split()
    if not 0 < len(between) <= OWN_VERB_WORDS or \
            not all(w.isalpha() and w.islower() for w in between) or \
            between[-1] in PLACE_PREPOSITIONS:
        return False
    after = NEXT_TOKEN.match(window, m.end()).group(1) or ""
    return not after[:1].isalpha() or after.endswith("ly") or after in PREPOSITIONS


def _no_one(ch) -> bool:
    """Whether a name is a thing's or a place's that the text gives no sex at all ("the
    Martini"; not "the Invisible Man", a man by its noun): no one a "he" or "she" after it
    may mean."""
    return (ch.thing_like or ch.place_like) and ch.evidence.weights() == (0, 0) and \
        ch.gender is None


def _count_place(form: FormEvidence, prep: re.Match | None) -> None:
    """Count a word of place before a mention: a verb of going and "to" apart (gone_to)."""
    if prep is None:
        return
    if prep.group("to"):
        form.gone_to += 1
    else:
        form.at_place += 1


CALL_BEFORE = re.compile(r"(?:[“‘\"]|(?<!\w)'|[,!?;—]\s*|\b(?:dear|my|Oh|oh|O)\s+)$")
"""What opens a call before a name in speech: the quotation's start (a straight ' too, not
after a letter: not "O'Brien"), a comma or a stop, or "dear", "my", "oh" (as
attribution.vocative's VOCATIVE reads a call)."""
CALL_AFTER = re.compile(r"\s*[,!?;]|\s*\.\s*[”\"’']")
"""What closes a call after the name: a comma, "!", "?", or a full stop ending the speech."""
CALL_BEFORE_REACH = 8


def called_at(text: str, s: int, e: int) -> bool:
    """Whether the mention at s:e, inside speech, calls someone ("Good morning, Harriet!",
    "“Harriet, come here”"): a person's name, where "I went to Rome." is not a call."""
    return CALL_BEFORE.search(text, max(0, s - CALL_BEFORE_REACH), s) is not None and \
        CALL_AFTER.match(text, e) is not None


LIST_BEFORE = re.compile(r",\s*")
LIST_AFTER = re.compile(r",?\s*(?:(?:and|or)\s+)?")
"""What joins a list's items: a comma before an item; a comma, "and" or "or" after it."""


def listed_between(text: str, mentions: list[tuple[int, int, str]], i: int) -> bool:
    """Whether mention i stands between two others in a list ("We went to Paris, Rome, and
    Vienna"): its commas are the list's, no call's (called_at), so Rome is no person's."""
    if not 0 < i < len(mentions) - 1:
        return False
    before, after = mentions[i - 1], mentions[i + 1]
    s, e, _ = mentions[i]
    return LIST_BEFORE.fullmatch(text, before[1], s) is not None and \
        LIST_AFTER.fullmatch(text, e, after[0]) is not None


OWN_PRONOUNS = {"he": frozenset({"his", "himself"}), "she": frozenset({"herself"})}
"""The pronouns a lead-in may hold that are surely its subject's own, by the tag's "he" or
"she" ("Marlow sprang up from his seat. “…,” he broke out"): not "him" nor "her", someone
else acted on ("Marlow looked at her. “…,” she said" is hers)."""


def speaks_next(text: str, s: int, e: int) -> str | None:
    """The "he" or "she" of the tag of a quotation that a sentence the mention at s:e opens
    leads into ("Harriet smiled. “Yes,” she said.": she): the subject speaks, so the name
    is a person's, of that sex. None when the lead-in holds a pronoun not surely the
    subject's own (OWN_PRONOUNS). (pronoun_after reads the same tag as the sex of a lead-in
    with no pronoun, of a name surely a person's.)"""
    if not _opens_sentence(text, s):
        return None
    window = text[e:e + PRONOUN_REACH]
    cut = QUOTE_EDGE.search(window)
    if cut is None:
        return None
    before = window[:cut.start()].rstrip()
    # the lead-in is one sentence, its own (_tag_after_quote: it ends before the quotation)
    if SENTENCE_BREAK.search(before[:-1]):
        return None
    tag = _tag_after_quote(text, e + cut.start(), before)
    if tag is None or any(m.group(1).lower() not in OWN_PRONOUNS[tag]
                          for m in PRONOUN.finditer(before)):
        return None
    return tag


def _count_tag(ev: Evidence, pronoun: str | None) -> None:
    """Count a speech tag's "he" or "she" (speaks_next) as the name's."""
    if pronoun == "he":
        ev.tag_m += 1
    elif pronoun == "she":
        ev.tag_f += 1


def _count_pronoun(ev: Evidence, pronoun: str | None) -> None:
    if pronoun in MALE_PRONOUNS:
        ev.pronoun_m += 1
    elif pronoun in ("its", "itself"):
        ev.its += 1     # "the Heron shook the water out of its wings"
    elif pronoun:
        ev.pronoun_f += 1


def _husbands_names(forms: Counter) -> set[str]:
    """Bare forms that are the given name in a married woman's "Mrs. Edwin Marlow": her
    husband's name, a man's, unless the lists give it to women ("Mrs. Mary Smith")."""
    out = set()
    for f in forms:
        ws = f.split()
        if len(ws) == 3 and ws[0].rstrip(".").lower() == "mrs" and ws[1] in forms \
                and given_name_sex(ws[1]) != "f":
            out.add(ws[1])
    return out


def _title_evidence(form: str, count: int) -> Evidence:
    """The sex a form's own title gives, once per mention ("Mrs. Tansley": f)."""
    ev = Evidence()
    words = form.split()
    title = words[0].rstrip(".").lower()
    if len(words) > 1 and title in TITLES and title not in NEUTRAL_TITLES:
        if title in MALE_TITLES:
            ev.title_m += count
        else:
            ev.title_f += count
    return ev


def _sex_hint(ev: Evidence, given: str | None) -> str | None:
    """A form's sex when its titles, pronouns and given name lean clearly one way: a hint
    that keeps "Mrs. Ashdown" from joining "Kit Ashdown", weaker than Evidence.decide."""
    hint = Evidence(**{**ev.to_dict(), "given_name": given or ""})
    male, female = hint.weights()
    if male > max(1.0, 1.5 * female):
        return "m"
    if female > max(1.0, 1.5 * male):
        return "f"
    return None
