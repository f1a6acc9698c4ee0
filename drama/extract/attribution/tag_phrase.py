"""One speech tag: the phrase beside a quote that says who speaks, read word by word after
the quote ("said Martov", "Martov said", "pouted Ottilie") or before it ("Then said the Cat:",
"Kamenev gave the delegates the news:"). tags.py decides, quote by quote, which of them a
quote takes."""
from __future__ import annotations

from ..lexicon import (DETERMINERS, NOT_NAMES, PARTICLE_VERBS, PREPOSITIONS, SPEECH_VERBS,
                       TITLES, person_noun)
from ..quotes import is_speech_word
from .reader import Reader, Tag
from .who import Who, personal
from .words import (ADDRESSING, AUX, BE_FORMS, FUNCTION_WORDS, HEARING, LEAD_CONJ, MODALS,
                    PUNCT_LEAD, RELATIVE_PRONOUNS, SENTENCE_END, SUBORDINATORS,
                    TIME_ADVERBS, adverb, is_speech_verb, speech_verb_at, tokens)


def tag_after(reader: Reader, gap: str, base: int) -> Tag | None:
    """A speech tag at the start of the narration that follows a quote."""
    toks = tokens(gap[:160], base)
    j = _past_leading_adverbs(toks, _skip(toks, 0, lambda w: w in PUNCT_LEAD))
    if j >= len(toks):
        return None
    if speech_verb_at(toks, j) or _capitalised_speech_verb(toks, j):
        # inverted: "said Martov", "cried an angry soldier", "went on the Cat"
        r = speaker_at(reader, toks, _past_particles(toks, _or_rather(toks, _past_verb(toks, j))))
        if r:
            tag, k2 = r
            tag.addressee = addressee(reader, toks, k2)
            return tag
        if speech_verb_at(toks, j):
            return None
    inverted = _inverted_other_verb(reader, toks, j)
    if inverted is not None:
        return inverted
    if toks[j][0] == "as":
        return _as_said(reader, toks, j + 1)
    if toks[j][0] in ("was", "were"):
        return _whose_words(reader, toks, j + 1)
    return _subject_verb_after(reader, toks, j)


def _inverted_other_verb(reader: Reader, toks, j: int) -> Tag | None:
    """“That’s the reason!” pouted Ottilie. / blustered Mr. Crannock, / croaked the Jew:
    a past tense the verbs of saying do not list, then a person ending the phrase. Only a
    verb that reports the quote stands before its subject right after one, so the order
    itself makes it a tag."""
    w = toks[j][0]
    if not (w[0].islower() and w.endswith("ed") and w.isalpha()):
        return None
    r = speaker_at(reader, toks, j + 1)
    if r is None:
        return None
    tag, k = r
    person = tag.kind == "name" or tag.kind in ("np", "generic") and personal(tag.who)
    ends = k >= len(toks) or toks[k][0] in ",.;:!?" or adverb(toks[k][0])
    return tag if person and ends else None


def _past_leading_adverbs(toks, j: int) -> int:
    """The index after the lower-case adverbs that open a tag before its verb ("“Come
    back!” suddenly cried Scrope", "again interrupted De Vasseur", "then said Ann"), when a
    verb of saying or a subject follows them; else j. The lower case says the quote's
    sentence goes on into the tag."""
    k = _skip(toks, j, lambda w: w[0].islower() and w in TIME_ADVERBS or
              adverb(w) and w.endswith("ly"))
    return k if k > j and k < len(toks) else j


def _whose_words(reader: Reader, toks, j: int) -> Tag | None:
    """“…,” was Jonah Pike’s explanation / were her words / was the view of Mr. Ruddock:
    the person whose words (or thought) the quote is, named after "was" or "were"; not
    the "her" of "was her father's reply", who only owns the one whose words they are."""
    if j < len(toks) and toks[j][0] in ("his", "her"):
        if j + 1 < len(toks) and toks[j + 1][0].endswith(("'s", "’s")):
            return None     # "was her father's reply": the father's words, not hers
        return Tag("pron", gender="m" if toks[j][0] == "his" else "f", cue="pronoun")
    nm = reader.name_at(toks, j)
    if nm is not None:
        owner = toks[nm[1] - 1][0].endswith(("'s", "’s"))
        return Tag("name", who=reader.who_of_name(nm[0])) if owner and nm[1] < len(toks) \
            and toks[nm[1]][0][0].islower() else None
    if j < len(toks) and toks[j][0] == "the":
        k = _skip(toks, j + 1, lambda w: w[0].islower() and w not in ("of", "by"))
        if k < j + 5 and k < len(toks) and toks[k][0] == "of":
            nm = reader.name_at(toks, k + 1)
            if nm is not None:
                return Tag("name", who=reader.who_of_name(nm[0]))
    return None


def _as_said(reader: Reader, toks, j: int) -> Tag | None:
    """“…,” as Mrs. Ashby said: the subject of an "as" clause with a verb of saying."""
    r = reader.subject_at(toks, j)
    if r is None or r[0].kind not in ("name", "pron", "first", "np", "generic"):
        return None
    k = _skip(toks, r[1], adverb_or_aux)
    return r[0] if k < len(toks) and speech_verb_at(toks, k) else None


def _or_rather(toks, k: int) -> int:
    """The index after a second verb of saying that corrects the first ("ejaculated or,
    rather, growled the Baron"), else k."""
    m = _skip(toks, k, lambda w: w in (",", "or", "rather") or adverb(w))
    return m + 1 if m > k and toks[k][0] in (",", "or") and "or" in \
        (t[0] for t in toks[k:m]) and m < len(toks) and speech_verb_at(toks, m) else k


def _capitalised_speech_verb(toks, j: int) -> bool:
    """A verb of saying written with a capital right after a quote, before a capitalised
    word ("“…Doctor Pellow.” Said Ruddock"): the tag, though the quote closed a sentence."""
    w = toks[j][0]
    return w[0].isupper() and w.lower() in SPEECH_VERBS and w.lower() not in PARTICLE_VERBS \
        and j + 1 < len(toks) and toks[j + 1][0][0].isupper()


def speaker_at(reader: Reader, toks, k: int) -> tuple[Tag, int] | None:
    """The speaker phrase after an inverted speech verb: a name, pronoun or description
    (reader.subject_at), or a name after the words that describe its bearer ("said dour
    Major Calloway", "sighed pleasure-loving Miss Lark", "cried little Alice")."""
    r = reader.subject_at(toks, k)
    if r is not None:
        return r
    m = k
    while m < k + 2 and m < len(toks) and _describing_word(toks[m][0]):
        m += 1
    nm = reader.name_at(toks, m) if m > k else None
    if nm is None:
        return None
    return Tag("name", who=reader.who_of_name(nm[0])), nm[1]


def _describing_word(w: str) -> bool:
    """A lower-case word that may describe a person before their name ("dour", "old",
    "pleasure-loving"): no function word ("to Miss Lark"), adverb or verb of saying."""
    return w[0].isalpha() and w[0].islower() and w.lower() not in NOT_NAMES and \
        not adverb(w) and not is_speech_verb(w)


def _past_verb(toks, j: int) -> int:
    """The index after the verb of saying at j and, for a verb that says words only with its
    particle, after that particle: "broke in her son" (the "in" before "her" is the verb's,
    not one opening a phrase of manner as in "said in her ear")."""
    return j + 2 if toks[j][0].lower() in PARTICLE_VERBS and speech_verb_at(toks, j) else j + 1


def _past_particles(toks, k: int) -> int:
    """The index after the adverbs and particles that follow a verb of saying ("went on
    the Cat", "cried out Martov"); but "in" before a determiner opens a phrase of manner
    ("said in a low voice"), and the speaker is no voice: the index of that "in"."""
    m = k
    while m < len(toks) and adverb(toks[m][0]):
        if toks[m][0] == "in" and m + 1 < len(toks) and toks[m + 1][0].lower() in DETERMINERS:
            break
        m += 1
    return m


def _skip(toks, k: int, skipped) -> int:
    """The first index from k whose token `skipped` does not accept."""
    while k < len(toks) and skipped(toks[k][0]):
        k += 1
    return k


def adverb_or_aux(w: str) -> bool:
    return adverb(w) or w.lower() in AUX


def _lead_or_subordinator(w: str) -> bool:
    """A lead word, or a conjunction opening a clause: "whenever Wren dropped …", "…, for
    Pellow twisted his head" (after a comma, "for" joins a clause)."""
    return _lead_word(w) or w.lower() in SUBORDINATORS or w == "for"


def _lead_word(w: str) -> bool:
    """Punctuation or a conjunction that may open a sentence before its subject."""
    return w in PUNCT_LEAD or w.lower() in LEAD_CONJ


def _subject_verb_after(reader: Reader, toks, j: int) -> Tag | None:
    """"Martov said", "he said", "Martov, his voice shaking, said", "the Queen said"; or an
    action beat right after the quote ("“No,” Alice looked up."); a name may come after
    the words that describe its bearer ("“Perhaps,” young Ruddock hazarded")."""
    r = speaker_at(reader, toks, j)
    if not r:
        return None
    tag, k = r
    if k < len(toks) and toks[k][0] == "," and tag.kind in ("name", "pron", "np"):
        # a parenthetical between subject and verb
        m = k + 1
        while m < len(toks) and m < k + 10 and toks[m][0] not in ",.;!?":
            m += 1
        if m < len(toks) and toks[m][0] == ",":
            k2 = _skip(toks, m + 1, adverb_or_aux)
            if k2 < len(toks) and speech_verb_at(toks, k2):
                tag.addressee = addressee(reader, toks, k2 + 1)
                return tag
    if tag.kind in ("name", "pron", "first"):
        k = _past_adverbial_phrase(toks, k)
    k = _skip(toks, k, adverb_or_aux)
    if k < len(toks) and _saying_at(toks, k) and not _particle_opens_a_phrase(toks, k):
        if _reports_a_clause(toks, k):
            return None
        if _verb_follows(toks, k) and tag.kind in ("name", "pron", "first"):
            tag.cue = "action"      # “…?” Wyndham began to think …: a beat, no tag
            return tag
        tag.addressee = addressee(reader, toks, k + 1)
        return tag
    if k < len(toks) and toks[k][0][0].islower() and toks[k][0].endswith("ed") and \
            tag.kind in ("name", "pron", "first"):
        tag.cue = "action"
        return tag
    return None


def _particle_opens_a_phrase(toks, k: int) -> bool:
    """Whether the particle after the particle verb at k (lexicon.PARTICLE_VERBS) comes
    before a determiner, after its subject: it opens a phrase of place, or the verb takes an
    object, and nothing is said ("“Help!” The cry carried on the wind.", "Tom put in the
    kettle."), where "Tom broke in." and "Tom carried on, …" say words; not before "a", which
    may open an adverb ("she went on a little breathlessly")."""
    return toks[k][0].lower() in PARTICLE_VERBS and k + 2 < len(toks) and \
        toks[k + 2][0].lower() in DEFINITE_DETERMINERS


DEFINITE_DETERMINERS = DETERMINERS - frozenset("a an one another some each every".split())
"""The determiners that open a noun phrase only (the, this, his, ...), never an adverb as
"a little", "some time" or "every moment" do."""


PHRASE_REACH = 3
"""Lower-case words a phrase between a subject and its verb of saying may hold after its
preposition ("at length", "after a long pause")."""


def _past_adverbial_phrase(toks, k: int) -> int:
    """The index of the verb of saying after a phrase of time or manner that stands between
    a name or a pronoun and its verb ("“…,” Tom at length repeated", "she after a pause
    said": a preposition and at most PHRASE_REACH lower-case words), else k. Asked only
    after a name or a pronoun: after a description the phrase tells which one it is ("the
    voice on his left continued", "the owner of the bottle shouted")."""
    if k >= len(toks) or toks[k][0] not in PREPOSITIONS:
        return k
    for m in range(k + 1, min(k + 2 + PHRASE_REACH, len(toks))):
        if _saying_at(toks, m):
            return m
        if not (toks[m][0].isalpha() and toks[m][0].islower()):
            return k
    return k


ASPECT_VERBS = frozenset("begin begins began continue continues continued resume resumes "
                         "resumed".split())
"""Verbs of saying that also begin or go on with another verb ("began to think")."""


def _verb_follows(toks, k: int) -> bool:
    """Whether the verb of saying at k begins or goes on with another verb ("Wyndham
    began to doubt the map", "she continued to glance"): no saying, an action;
    but "began to explain." ending the phrase is saying."""
    if not (toks[k][0].lower() in ASPECT_VERBS and k + 2 < len(toks) and
            toks[k + 1][0] == "to" and toks[k + 2][0].islower() and
            toks[k + 2][0] not in FUNCTION_WORDS):
        return False
    w = toks[k + 2][0]
    saying = any(f in SPEECH_VERBS for f in (w + "s", w + "es"))
    return not (saying and (k + 3 == len(toks) or not toks[k + 3][0].isalpha()))


def _reports_a_clause(toks, k: int) -> bool:
    """Whether the verb of saying at k reports words in a clause of its own ("“Is it
    true?” Christina replied that it was."): a reply in indirect speech, not the quote's
    tag, and no beat of the quote's speaker either."""
    k = _skip(toks, k + 1, adverb)
    return k < len(toks) and toks[k][0] == "that"


def addressee(reader: Reader, toks, k) -> Who | None:
    """Whom a tag says the line is spoken to: "said Martov to Dan"."""
    k = _skip(toks, k, adverb)
    if k + 1 < len(toks) and toks[k][0] == "to":
        nm = reader.name_at(toks, k + 1)
        if nm:
            return reader.who_of_name(nm[0])
    return None


def last_sentence(gap: str) -> tuple[str, int]:
    """The last sentence of a stretch of narration and its offset in it."""
    start = 0
    for m in SENTENCE_END.finditer(gap):
        start = m.end()
    return gap[start:], start


def tag_before(reader: Reader, gap: str, base: int) -> Tag | None:
    """A speech tag at the end of the narration that leads into a quote."""
    sent, off = last_sentence(gap)
    stripped = sent.rstrip()
    if not stripped or len(stripped) > 300:
        return None
    toks = tokens(stripped, base + off)
    if not toks:
        return None
    if not (stripped[-1] in ",:—–-" or stripped[-1].isalpha()):
        return _beat_before(reader, toks)
    v = next((i for i in range(len(toks) - 1, -1, -1) if (_saying_at(toks, i) or
              toks[i][0].lower() in ADDRESSING) and not _inside_closed_relative(toks, i)), None)
    if v is None:
        v = _participle_leading_in(toks)
    if v is not None and toks[v][0].lower() in ADDRESSING:
        return _addresser(reader, toks, v)
    if v is not None:
        return _verb_before(reader, toks, v)
    return _introducer(reader, toks, colon=stripped[-1] == ":")


def _inside_closed_relative(toks, i: int) -> bool:
    """Whether the verb at i is a ", who …," clause's own and the clause closes with a comma
    before the main clause's verb ("Tom, who had said nothing, turned to her:"): it tags no
    quote."""
    w = skip_back(toks, i - 1, str.isalpha) + 1
    if not (w >= 1 and toks[w][0].lower() == "who" and toks[w - 1][0] == ","):
        return False
    c = _skip(toks, i + 1, str.isalpha)
    if c + 1 >= len(toks) or toks[c][0] != ",":
        return False
    nxt = toks[c + 1][0]
    return nxt.isalpha() and nxt.islower() and not (nxt in LEAD_CONJ or nxt in SUBORDINATORS or
                                                    adverb(nxt) or nxt in FUNCTION_WORDS)


def _addresser(reader: Reader, toks, v: int) -> Tag | None:
    """Who speaks to someone with the verb of addressing at v: the agent after "by" ("when
    thus accosted by Miss Bradwell,"), else its subject ("Mr. Tuttle thus addressed her,",
    "Then addressing her daughter,": the sentence's), none in the passive without "by"
    ("Miss Lane was accosted,": its subject is the one spoken to)."""
    k = _skip(toks, v + 1, adverb)
    if k < len(toks) and toks[k][0] == "by":
        r = reader.subject_at(toks, k + 1)
        return r[0] if r is not None and r[0].kind in ("name", "np", "generic") else None
    b = skip_back(toks, v - 1, lambda w: adverb(w) or w.lower() in TIME_ADVERBS)
    if b >= 0 and toks[b][0].lower() in BE_FORMS:
        return None     # "Miss Lane was accosted,": its subject is spoken to, not speaking
    return subject_before(reader, toks, v)


def _saying_at(toks, i: int) -> bool:
    """A verb of saying at i, its bare form after a modal, "to" or the one heard too ("Kasim
    would conclude:", "the other would only retort", "Mrs. Farrow hastened to add:", "he
    heard him mutter,")."""
    if speech_verb_at(toks, i):
        return True
    w = toks[i][0]
    m = skip_back(toks, i - 1, adverb)
    bare_here = m >= 0 and (toks[m][0].lower() in MODALS or toks[m][0] == "to" or
                            m >= 1 and toks[m - 1][0].lower() in HEARING)   # "heard him mutter"
    return bare_here and w.islower() and any(f in SPEECH_VERBS for f in (w + "s", w + "es"))


def _comma_participle(toks, v: int) -> bool:
    """Whether the verb of saying at v is an -ing form after a comma ("…, saying"): its
    subject is the clause's, never the object of a preposition just before the comma
    ("The mayor turned to the crowd behind the rope, saying", "the letter she passed
    across to her brother, saying")."""
    return v >= 1 and toks[v][0].endswith("ing") and toks[v - 1][0] == ","


def _participle_leading_in(toks) -> int | None:
    """The index of the -ing form of a verb of saying that, after a comma, leads into the
    quote ("McBryde raised his eyebrows, murmuring:"), else None."""
    k = skip_back(toks, len(toks) - 1, lambda w: not w[0].isalpha() or adverb(w))
    if k >= 1 and toks[k][0].endswith("ing") and toks[k][0][0].islower() and \
            is_speech_word(toks[k][0]) and toks[k - 1][0] == ",":
        return k
    return None


def _beat_before(reader: Reader, toks) -> Tag | None:
    """A closed sentence before the quote: its speaker acting ("Bonch-Bruevich cried out and
    ran forward. “Vladimir Ilyich!”", "Martov stood up. “Then we’ll leave!”")."""
    v = next((i for i in range(len(toks) - 1, -1, -1) if speech_verb_at(toks, i)), None)
    if v is not None:
        tag = subject_before(reader, toks, v)
        if tag is not None and tag.kind in ("name", "np", "pron", "first", "indef"):
            tag.cue = "action"
            return tag
    r = reader.subject_at(toks, _skip(toks, 0, _lead_word))
    if r and r[0].kind in ("name", "pron", "first") and r[1] < len(toks) and \
            toks[r[1]][0][0].islower():
        r[0].cue = "action" if r[0].cue == "explicit" else r[0].cue
        return r[0]
    return None


def _verb_before(reader: Reader, toks, v: int) -> Tag | None:
    """The speaker of the speech verb at v, nearest the quote: inverted ("Then said the
    Cat:"), else the subject right before the verb or the sentence's subject."""
    r = speaker_at(reader, toks, _past_particles(toks, v + 1))
    if r and r[0].kind in ("name", "np", "generic", "indef", "pron", "first") and \
            (v == 0 or toks[v - 1][0].lower() in LEAD_CONJ or not toks[v - 1][0][0].isalpha()) \
            and not (r[0].kind == "np" and not personal(r[0].who) and
                     not any(x[0].isupper() for x in r[0].who.label.split()[1:])):
        return r[0]     # "and said in a whisper": no whisper speaks
    return subject_before(reader, toks, v) or None


def _introducer(reader: Reader, toks, colon: bool) -> Tag | None:
    """A sentence with no speech verb that introduces the quote: its subject ("Kamenev gave
    the delegates the news:", "Kerensky issued an appeal “…”"), else the first person it
    names who does something ("Standing on a box, waving his umbrella, Prokopovich
    announced …")."""
    j = _skip(toks, 0, _lead_word)
    r = reader.subject_at(toks, j)
    if r and (r[0].kind in ("pron", "first", "indef") or
              r[0].kind == "name" and reader.personlike(r[0].who) or
              r[0].kind in ("np", "generic") and personal(r[0].who)):
        tag = r[0]
        if tag.cue in ("explicit", "described"):
            tag.cue = "colon" if colon else "action"
        return tag
    for i in range(j, len(toks) - 1):
        if toks[i][0][0].isupper() and (i == 0 or toks[i - 1][0] in ",;—–" or i == j):
            nm = reader.name_at(toks, i)
            if nm and nm[1] < len(toks) and toks[nm[1]][0][0].islower() and \
                    toks[nm[1]][0] not in ("of", "and", "or"):
                who = reader.who_of_name(nm[0])
                if reader.personlike(who):
                    return Tag("name", who=who, cue="colon" if colon else "action")
    return None


def subject_before(reader: Reader, toks, v) -> Tag | None:
    """The subject of a clause whose verb is at v: right before it, else the sentence's."""
    heard = _heard_saying(toks, v)
    if heard is not None:
        return heard
    v = _before_relative_clause(toks, v)
    if v + 1 < len(toks) and toks[v][0] == "," and toks[v + 1][0].lower() in LEAD_CONJ:
        return _clause_subject(reader, toks, v)     # "…, and then turning to Ann, said"
    # "At last, into the din Khinchuk yelled": the phrase that ends right before the verb
    for i in range(v - 1, max(-1, v - 8), -1):
        if not toks[i][0][0].isalpha():
            continue
        r = reader.subject_at(toks, i)
        if r and (r[1] == v or all(adverb(t[0]) or t[0].lower() in AUX or t[0] == ","
                                   for t in toks[r[1]:v])):
            if i > 0 and toks[i - 1][0].lower() in DETERMINERS and \
                    toks[i][0].lower() not in DETERMINERS and r[0].kind not in PERSONAL:
                continue    # "the Gryphon" read from "Gryphon"; but "so that the Gryphon",
                # and "that he said" ("that" no determiner: a pronoun takes none)
            if i > 0 and toks[i - 1][0].lower() in PREPOSITIONS and _comma_participle(toks, v):
                continue    # "turned to the crowd behind the rope, saying": an object
            if r[0].kind in ("np", "generic") and not personal(r[0].who) and \
                    not person_noun(r[0].who.label.split()[-1].lower()) and \
                    not any(x[0].isupper() for x in r[0].who.label.split()[1:]):
                break       # "halfway down the stairs, added": a place, not who speaks;
                # a person noun of WordNet's is who speaks ("when the croupier cried out,")
            return _whole_name(reader, toks, i, r)
    read = _set_off_subject(reader, toks, v) or _subordinate_subject(reader, toks, v) or \
        _clause_subject(reader, toks, v)
    joined = _joined_clause_subject(reader, toks, v)
    return joined if joined is not None and _another_person(joined, read) else read


JOINED_REACH = 8
"""Lower-case words a clause joined by "and" may put between its pronoun and its verb of
saying ("and he touched his cap and said:")."""


def _another_person(joined: Tag, read: Tag | None) -> bool:
    """Whether the pronoun of a joined clause (_joined_clause_subject) is someone other than
    the subject read otherwise: "I" against a "he"/"she", or a "he" against a "she" ("Tom
    laughed, and she said," is hers; in "Alice frowned, and she said," both are Alice, and
    the name, the surer reading, stands)."""
    if read is None or (joined.kind == "first") != (read.kind == "first"):
        return True
    return read.kind == "pron" and None not in (joined.gender, read.gender) and \
        joined.gender != read.gender


def _joined_clause_subject(reader: Reader, toks, v: int) -> Tag | None:
    """The personal pronoun opening the last clause joined by "and" or "but" that holds the
    verb of saying at v: "I paid the driver and he touched his cap and said:" is his (the
    sentence's subject, "I", does something else), "He laughed, and she rose and said,"
    hers. Only lower-case words (and commas) lie between the pronoun and the verb.
    subject_before takes it only for another person (_another_person)."""
    for c in range(v - 2, max(-1, v - JOINED_REACH - 3), -1):
        w = toks[c][0]
        if w != "," and not (w.isalpha() and w.islower()):
            return None
        if w not in ("and", "but"):
            continue
        r = reader.subject_at(toks, c + 1)
        if r and r[0].kind in PERSONAL and r[1] < v:
            return r[0]
    return None


PERSONAL = frozenset({"pron", "first"})
"""Tags of a personal pronoun ("he", "she", "I"), which no determiner goes before."""
SUBORDINATE_REACH = 10
"""Lower-case words a subordinate clause's predicate may take before its verb of saying."""
SUBJECT_PRONOUNS = frozenset("he she we they".split())


def _subordinate_subject(reader: Reader, toks, v: int) -> Tag | None:
    """The subject of a subordinate clause whose verb is the verb of saying at v: "…, till
    Marlow roused himself to say:", "when Tom came in and said": a name or a pronoun right
    after the conjunction, then only lower-case words and no subject of another clause
    ("because the boy ran off to fetch it he said"; "as if she were made of glass, and
    said" is the sentence's subject saying)."""
    if _comma_participle(toks, v):
        v -= 1      # "when the servant came in, announcing": the participle is the clause's
    for s in range(v - 2, max(-1, v - SUBORDINATE_REACH - 3), -1):
        w = toks[s][0].lower()
        if not w.isalpha():
            return None
        if w not in SUBORDINATORS or w == "if" or s and toks[s - 1][0] == "at":
            continue    # "at once" is no conjunction
        r = reader.subject_at(toks, s + 1)
        if r is None or not r[1] < v or \
                not all(t[0].isalpha() and t[0].islower() and t[0] not in SUBJECT_PRONOUNS
                        for t in toks[r[1]:v]):
            return None
        return _whole_name(reader, toks, s + 1, r) if _subject_kind(r[0]) else None
    return None


def _subject_kind(tag: Tag) -> bool:
    """Whether a subject read back from the verb of saying, in a subordinate clause or set
    off by commas, can be the one who speaks: a name, a pronoun, or a description of a
    person ("when the waiter appeared and said")."""
    return tag.kind in ("name", "pron", "first") or \
        tag.kind in ("np", "generic") and personal(tag.who)


def _heard_saying(toks, v: int) -> Tag | None:
    """“he heard her mutter,”: the one heard, a pronoun between a verb of hearing and the
    verb of saying at v, speaks (a name there is read as any subject is)."""
    if v < 2 or toks[v - 2][0].lower() not in HEARING:
        return None
    w = toks[v - 1][0].lower()
    return Tag("pron", gender="m" if w == "him" else "f", cue="pronoun") \
        if w in ("him", "her") else None


def _clause_subject(reader: Reader, toks, v: int) -> Tag | None:
    """The subject of the clause that holds the verb at v, read from its start: after the
    last semicolon before it ("said the Abbot; and the young Novice … called out"), else
    the one before ("; but Lady Honoria declined it; and then rising up, said"), else
    at the start of the sentence, else after the comma closing an opening clause ("When
    they took their leave, Mrs. Quayle had an impulse, and said")."""
    semicolons = [c + 1 for c in range(v) if toks[c][0] == ";"]
    for j in reversed([0] + semicolons):
        j = _skip(toks, j, _lead_word)
        r = speaker_at(reader, toks, j) if j < v else None   # "; and old Mrs. Mortlake, …"
        if r and r[1] <= v:
            return _past_absolute_phrase(reader, toks, r[1], v) or r[0]
        r = _after_opening_adverbs(reader, toks, j, v)
        if r is not None:
            return r
    for c in range(v - 1, 0, -1):
        if toks[c][0] == ",":
            r = reader.subject_at(toks, _skip(toks, c + 1, _lead_or_subordinator))
            k = _past_relative_clause(toks, r[1], v) if r else v
            if r and r[0].kind in ("name", "pron", "first") and k < v and \
                    toks[k][0][0].islower() and toks[k][0] not in ("of", "and", "or"):
                return r[0]
    return None


ABSOLUTE_REACH = 4
"""Words an absolute phrase may put between its subject and its participle ("Tom at last
lifting the decanter")."""


def _past_absolute_phrase(reader: Reader, toks, k: int, v: int) -> Tag | None:
    """The subject of the main clause after an absolute phrase opening the clause, whose
    own subject (read up to k) acts in a participle and does not say the words: "Tom
    lifting the decanter to fill the glasses, she put her hand over her own and said,"
    (she speaks). The phrase is
    its subject's participle within ABSOLUTE_REACH lower-case words, then a comma; the main
    clause's subject a pronoun or a name right after that comma, before the verb at v."""
    for i in range(k, min(k + ABSOLUTE_REACH + 1, v)):
        w = toks[i][0]
        if not (w.isalpha() and w.islower()):
            return None
        if w.endswith("ing") and len(w) > 4:
            break
    else:
        return None
    c = next((x for x in range(i + 1, v) if toks[x][0] in ",;:"), None)
    if c is None or toks[c][0] != ",":
        return None
    r = reader.subject_at(toks, c + 1)
    return r[0] if r is not None and r[1] < v and r[0].kind in ("name", "pron") else None


def _after_opening_adverbs(reader: Reader, toks, j: int, v: int) -> Tag | None:
    """The person who opens a clause after its adverbs ("Just then the Heron spotted
    Ysolde, as she waded through the reeds, and called out"), when the verb at v is theirs."""
    k = _skip(toks, j, lambda w: w.lower() in TIME_ADVERBS or adverb(w) and w.endswith("ly"))
    r = reader.subject_at(toks, k) if j < k < v else None
    if r is None or r[1] > v or not (r[0].kind in ("name", "pron", "first") or
                                     r[0].kind in ("np", "generic") and personal(r[0].who)):
        return None
    return r[0]


CLAUSE_OPENERS = SUBORDINATORS | {"that"}
"""Words that open a subordinate clause, "that" of a result or content clause among them
("so earnest that Mr. Ashdown, shocked, said")."""


def _set_off_subject(reader: Reader, toks, v) -> Tag | None:
    """"…, she, whose patience had quite run out, sharply exclaimed", "…, and Orme, the
    more articulate, said:", "so earnest that Mr. Ashdown, shocked by it, said": a
    subject set off by commas from its verb, the last clause before it opening with the
    subject (after a comma, a conjunction or a word opening a subordinate clause)."""
    c = v - 1
    while c >= 0 and (adverb(toks[c][0]) or toks[c][0].lower() in AUX):
        c -= 1
    if c < 0 or toks[c][0] != ",":
        return None
    for i in range(c - 1, 0, -1):
        if toks[i][0] in ";:.!?" and not _title_stop(toks, i):
            return None
        if (toks[i - 1][0] == "," or toks[i - 1][0].lower() in LEAD_CONJ or
                toks[i - 1][0].lower() in CLAUSE_OPENERS) and toks[i][0][0].isalpha():
            r = reader.subject_at(toks, i)
            if r and r[1] < c and toks[r[1]][0] == "," and _subject_kind(r[0]):
                return r[0]
    return None


def _title_stop(toks, i: int) -> bool:
    """Whether the mark at i is the full stop of a title's abbreviation ("Mr. Ashdown")."""
    return toks[i][0] == "." and i >= 1 and toks[i - 1][0].lower() in TITLES


def _past_relative_clause(toks, k: int, v: int) -> int:
    """The index after a ", who …," clause starting at k and closing before v ("Kit, who
    was about to leave, approached Pellow"), else k."""
    if k + 1 < v and toks[k][0] == "," and toks[k + 1][0].lower() in RELATIVE_PRONOUNS:
        for m in range(k + 2, v):
            if not toks[m][0][0].isalpha() and toks[m][0] not in "-'’":
                return m + 1 if toks[m][0] == "," else k
    return k


def _before_relative_clause(toks, v: int) -> int:
    """Where the subject of the verb at v ends when a relative clause about a person or a
    participle's phrase stands between them: at the comma opening ", who didn't like Miss
    Lark," or ", drawing near Christina," before "said" (neither of them speaks), or at
    the one before "who said" (the Grey Heron, who said), or before "who, flying to her,
    cried" (Lettice, who …), or at the mark before the "who" whose clause runs on to the verb
    ("; who, after a pause, put on her bonnet and said", ", and who remarked"); else v."""
    if _relative_subject_at(toks, v - 1):
        return v - 2
    running = _relative_running_to(toks, v)
    if running is not None:
        return running
    e = skip_back(toks, v - 1, adverb_or_aux)
    if e < 1 or toks[e][0] != ",":
        return v
    for c in range(e - 1, max(0, e - 16), -1):
        if not toks[c][0][0].isalpha() and toks[c][0] not in "-'’":
            opens = toks[c][0] == "," and (toks[c + 1][0].lower() in RELATIVE_PRONOUNS or
                                           _participle_at(toks, c + 1))
            if opens and c + 2 < e and _relative_subject_at(toks, c - 1):
                return c - 2
            return c if opens and c + 2 < e else v
    return v


def _relative_running_to(toks, v: int) -> int | None:
    """The index of the mark before the person a "who" clause is about, when the verb at v
    is that clause's own: after a semicolon it runs to the sentence's end ("to his mother;
    who, after a pause, put on her bonnet and said"); after ", and" it repeats an earlier
    ", who" ("Tom, who sat in the box, and who remarked"). None after a lone comma (in
    "She turned to Tom, who was silent, and said" she speaks; "The Lory, who turned sulky,
    and would only say" reads the same way but its speaker is the Lory: only who opens the
    sentence tells them apart), and if another subject comes between ("; who was silent,
    and she said")."""
    for w in range(v - 1, 0, -1):
        t = toks[w][0]
        if t in ";.!?:" or t.lower() in SUBJECT_PRONOUNS:
            return None
        if t.lower() != "who":
            continue
        if toks[w - 1][0] == ";":
            return w - 1
        if toks[w - 1][0] == "and" and w >= 2 and toks[w - 2][0] == ",":
            return _earlier_who_comma(toks, w - 2)
        return None     # ", who was silent, and said": the sentence's subject says it
    return None


def _earlier_who_comma(toks, k: int) -> int | None:
    """The index of the comma before the nearest ", who" before k in its clause, or None."""
    for c in range(k - 1, 0, -1):
        if toks[c][0] in ";.!?:":
            return None
        if toks[c][0].lower() == "who":
            return c - 1 if toks[c - 1][0] == "," else None
    return None


def _relative_subject_at(toks, k: int) -> bool:
    """Whether a relative pronoun after a comma stands at k: ", who said", ", who, …"."""
    return k >= 1 and toks[k][0].lower() in RELATIVE_PRONOUNS and toks[k - 1][0] == ","


def _participle_at(toks, k: int) -> bool:
    """Whether a participle opens a phrase at k, after "and then" and adverbs perhaps
    ("drawing near Christina", "and then abruptly turning upon her")."""
    k = _skip(toks, k, lambda w: w.lower() in LEAD_CONJ or adverb_or_aux(w))
    return k < len(toks) and toks[k][0].endswith("ing") and toks[k][0][0].islower()


def skip_back(toks, k: int, skipped) -> int:
    """The last index at or before k whose token `skipped` does not accept."""
    while k >= 0 and skipped(toks[k][0]):
        k -= 1
    return k


def _whole_name(reader: Reader, toks, i: int, found: tuple[Tag, int]) -> Tag:
    """The longest name that ends where the one found at token i does: "Mr. Harrow
    remarked" read backwards from the verb finds "Harrow" first, and means Mr. Harrow;
    "Mrs. van der Hoeven" is five tokens back from "Hoeven"."""
    tag, end = found
    if tag.kind != "name":
        return tag
    for j in range(i - 1, max(-1, i - 5), -1):
        r = reader.subject_at(toks, j)
        if r and r[0].kind == "name" and r[1] == end:
            tag = r[0]
    return tag
