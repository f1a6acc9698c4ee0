"""Vocatives: the name a quote calls out ("My dear Mr. Ashby, …"), found in one place."""
from __future__ import annotations

import re
from itertools import chain
from typing import TYPE_CHECKING

from ..letters import CAPITAL, LETTER, MARKS
from ..lexicon import TIES, TITLES, a_verb_form, english_words, finite_verbs, person_noun
from ..name_patterns import CAPITALISED
from ..names import nickname_pair, short_for
from ..scan import compile_later
from ..quotes import Quote
from .reader import Reader
from .who import Who
from .words import SENTENCE_STOP, is_speech_verb

if TYPE_CHECKING:
    from ..cast.character import Character
    from .document import Document

_CALL_OPENER = r"(?:dear|my|Oh|oh|O)\s+"
_CALLED_NAME = (r"((?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord|Madame|Monsieur)\.?\s+)?"
                + CAPITALISED + r"(?:\s+" + CAPITALISED + ")?)")
"""The name a call says (group 1), with the title it may carry, and the words that may
open a call before it: shared by VOCATIVE and DASH_CALL (_CALL_OPENER by KIN_VOCATIVE too)."""
FOND_WORDS = ("dear", "dearest", "darling")
"""Words of fondness a call may carry beside the name ("Alice dear", "my darling Tom"):
behind _FOND_AFTER and, with MY_CALL_WORDS, OWNED_BY_MY and CALL_MODIFIERS."""
MY_CALL_WORDS = FOND_WORDS + ("own", "poor", "sweet")
"""The words that may stand between "my" and the one called ("my own Tom", "my poor papa")."""
_FOND_AFTER = r"(?:\s+(?:" + "|".join(FOND_WORDS) + "))?"
"""A word of fondness a call may put after the name, before its stop ("Wake up, Alice
dear!", "Come here, Tom dear,"): shared by VOCATIVE and VOCATIVE_END."""
VOCATIVE = compile_later(r"(?:^|[,!?;—-]\s*|\b" + _CALL_OPENER + ")"
                      + _CALLED_NAME + _FOND_AFTER + r"\s*(?=[,!?.;]|$)")
SENTENCE_CALL = compile_later(r"[.]\s+" + _CALLED_NAME + r"\s*,\s*(?=please\b)")
"""A name opening a sentence after another in the speech, before a comma and "please" ("We
all admire them. Kasim, please pass me the hookah."): a call, where a name opening a
sentence is mostly its subject ("Tom, who was there, saw it."). (Before a comma and a
question as well, "It is late. Tom, will you come?", half A's whole novels lost: Pride and
Prejudice 88.1 -> 87.9, The Gambler 92.6 -> 92.2.)"""
VOCATIVE_END = compile_later(CAPITALISED + _FOND_AFTER + r"\s*(?=[,!?.;]|$)")
"""How every VOCATIVE ends: a capitalised word (and a word of fondness) before a stop or the
speech's end. A quote without one is passed over at once (this opens on the capital,
VOCATIVE cannot: scan.py)."""
DASH_CALL = compile_later(r"\s*(?:" + _CALL_OPENER + ")?"
                       + _CALLED_NAME + r"\s*(?:--|—|–)\s*(?=[" + LETTER + "])")
"""A name opening the speech, broken off by a dash before more words ("Greta--I must ask
you one thing."): a call when the sentence after the dash speaks to someone (DASH_ADDRESS),
not when it goes on about the one named ("Cordwell--who sold us the mare")."""
DASH_ADDRESS = re.compile(r"I\b|[^.!?]*?(?:\b(?:you|your|yours|yourself)\b|\?)")
"""A sentence that speaks to someone: it opens on "I", says "you", or asks."""


def vocative(reader: Reader, text: str, q: Quote, alone: bool = False) -> Who | None:
    """Someone the quote addresses by name: "My dear Mr. Ashby, …", "…, Jake.". A name
    said alone (no more of the speech follows in the paragraph), and not called out with
    "!", addresses nobody: an echo ("“Lomax,” cried the girl, recoiling"), a question about
    someone ("“Mr. Tolland?”"), an answer ("“Walter Brisk.”"). A name opening the speech
    before a dash is a call too, when what follows speaks to someone (dash_call)."""
    inner = text[q.start:q.end]
    for m, ch in _calls(reader, inner):
        rest = inner[:m.start(1)] + inner[m.end(1):]
        if alone and not any(c.isalnum() or c == "!" for c in rest):
            return None
        return reader.who_of_character(ch)
    return None


def later_calls(reader: Reader, text: str, q: Quote, reported: bool = True) -> list[str]:
    """The labels of the other people a quote calls after its first call, which vocative()
    gives, each once: "Sam, run up and hold the coach!--Mr. Penn, give the lad a
    shilling" calls Mr. Penn too. reported=False: not a call a verb of saying follows or
    goes just before, one the speech reports ("What did he say? Good day to you, Miss
    Fenn, says he", its inner quote marks lost)."""
    return [lab for lab, said in marked_later_calls(reader, text, q) if reported or not said]


def marked_later_calls(reader: Reader, text: str, q: Quote) -> list[tuple[str, bool]]:
    """later_calls with each label marked whether every call of it is one the speech
    reports (_reported_call): both of its answers from one reading."""
    inner = text[q.start:q.end]
    calls: dict[str, bool] = {}     # label -> every call of it is reported
    for m, ch in _calls(reader, inner):
        label = reader.who_of_character(ch).label
        calls[label] = calls.get(label, True) and _reported_call(inner, m.start(1), m.end(1))
    return list(calls.items())[1:]


REPORTED_AFTER = re.compile(r"\W{0,3}(\w+)(?:\s+(\w+))?")
REPORTED_BEFORE = 60
"""Characters before a later call a verb of saying may stand in and report it."""


def _reported_call(inner: str, start: int, end: int) -> bool:
    """Whether a verb of saying follows the call at inner[start:end] within two words
    (", said he", ", he says") or stands within REPORTED_BEFORE characters before it
    ("What did she say then? Oh, Mrs. Tobin, …"): a call the speech reports, not one
    it makes."""
    m = REPORTED_AFTER.match(inner, end)
    before = re.findall(r"[A-Za-z]+", inner[max(0, start - REPORTED_BEFORE):start])
    return m is not None and any(w and is_speech_verb(w) for w in m.groups()) or \
        any(is_speech_verb(w) for w in before)


def opening_call(reader: Reader, text: str, q: Quote) -> str | None:
    """The label of the person a quote calls in its first sentence ("Pardon me, Antonida
    Vassilievna, I wish you no harm"): the one its speaker speaks to. Not a call after a
    sentence ends, which may be one the speech reports ("Who is that at the door? Somebody
    was asking for you in the yard, Matthias!", the inner quote marks lost)."""
    inner = text[q.start:q.end]
    for m, ch in _calls(reader, inner):
        if SENTENCE_STOP.search(inner, 0, m.start(1)):
            return None
        return reader.who_of_character(ch).label
    return None


def _calls(reader: Reader, inner: str):
    """(the match, the character) of each name the speech ``inner`` calls, in order."""
    dash = dash_call(inner)
    if dash is None and not VOCATIVE_END.search(inner):
        return
    for m in chain([dash] if dash is not None else (), VOCATIVE.finditer(inner),
                   SENTENCE_CALL.finditer(inner)):
        form = m.group(1)
        if own_sentence(inner, m.start(1), m.end(1)) or apposed(inner, m.start(1), m.end(1)):
            continue
        first = form.split()[0]
        if reader.cast.not_name(first.rstrip(".")) and first.lower().rstrip(".") not in TITLES:
            continue
        ch = reader.cast.character(form)
        if ch is not None and not in_list(reader, inner, m.start(1), m.end(1), ch):
            yield m, ch


def called_word(inner: str, cast) -> str | None:
    """The name a speech calls, read without the vocative's other tests: a label of the cast
    (no place), or one capitalised word the cast does not know because the text writes it
    nowhere else to show it a name ("“Quarrie,” he said", its one mention): never in lower
    case, no common noun or adjective, no verb (its -s form), no adverb in -ly, no title.
    For calls the narration says are spoken to someone (conversation.first_person.
    calls_to_me)."""
    for m in VOCATIVE.finditer(inner):
        form = m.group(1)
        first = form.split()[0].rstrip(".")
        if cast.not_name(first) and first.lower() not in TITLES:
            continue
        ch = cast.character(form)
        if ch is not None:
            return None if ch.place_like else ch.label
        w = form.lower()
        if " " not in form and cast.lower_count(form) == 0 and w not in TITLES and \
                w not in english_words() and w + "s" not in finite_verbs() and \
                not a_verb_form(w) and not w.endswith("ly"):
            return form
    return None


def called_keys(reader: Reader, called: Who | None) -> set[str]:
    """The keys of the one a quote calls or names and of anyone the cast names by another
    given name of theirs: a nickname of it, its full form, or another nickname of that full
    form ("Chris" called: Christina and Tina too). Until the aliases join them
    (aliases.called_variant) they are several people to the sieves, and a line calling one
    of them, or speaking of her, is none of theirs."""
    if called is None:
        return set()
    keys = reader.one_given_name.get(called.key)
    if keys is None:
        keys = reader.one_given_name[called.key] = frozenset(_one_given_name_keys(reader, called))
    return set(keys)


def _one_given_name_keys(reader: Reader, called: Who) -> set[str]:
    """called_keys, worked out: only the people _by_given_name files under a key of the
    called one's given name are tested, so a cast of thousands of names costs no more per
    call than one of a few (every person tested once per call made the extraction of a
    text of 20,000 one-word names quadratic: slownames51)."""
    keys = {called.key}
    ch = reader.character_of(called)
    given = _given_word(ch.label) if ch is not None else None
    if given is None:
        return keys
    for other in _given_name_fellows(reader, given):
        theirs = _given_word(other.label)
        if other is not ch and _one_given_name(given, theirs) and \
                (not ch.gender or not other.gender or ch.gender == other.gender):
            keys.add(reader.who_of_character(other).key)
    return keys


def _given_name_fellows(reader: Reader, given: str) -> list[Character]:
    """The cast's people whose given name may be another of `given`'s: those filed under
    its lower case or under a full name it is short for. Whoever _one_given_name joins to
    it is among them: its nickname is filed under its word ("Tom" under "thomas": Thomas
    finds it), its full name under the full name (Tom finds "Thomas" under "thomas"), and
    two pet names of one name under that name ("Tina", "Chris": "christina")."""
    size = len(reader.cast.of_form)
    if reader.given_name_index is None or reader.given_name_index[0] != size:
        reader.given_name_index = (size, _by_given_name(reader))
    index = reader.given_name_index[1]
    found = {id(c): c for key in {given.lower(), *short_for(given)} for c in index.get(key, ())}
    return list(found.values())


def _by_given_name(reader: Reader) -> dict[str, list[Character]]:
    """The cast's people with a given name, filed under it (lower case) and under each full
    name it is short for ("Tina Brack" under "tina" and "christina")."""
    index: dict[str, list[Character]] = {}
    for person in {id(c): c for c in reader.cast.of_form.values()}.values():
        given = _given_word(person.label)
        if given is not None:
            for key in {given.lower(), *short_for(given)}:
                index.setdefault(key, []).append(person)
    return index


def _one_given_name(a: str, b: str) -> bool:
    """Whether two different given names may be one person's: one a nickname of the
    other, or both of one full name ("Tina", "Chris": Christina). Not one name twice:
    two people the cast keeps apart under one given name are two ("Mary", "Mary King")."""
    if a.casefold() == b.casefold():
        return False
    return nickname_pair(a, b) or bool(short_for(a) & short_for(b))


def _given_word(label: str) -> str | None:
    """A name's first word, when it is no title ("Christina" of "Christina Ashby"; none of
    "Mrs. Ashby", nor of a blank label)."""
    first = next(iter(label.split()), None)
    return None if first is None or first.rstrip(".").lower() in TITLES else first


def dash_call(inner: str) -> re.Match | None:
    """The name a speech opens on before a dash (DASH_CALL), when the sentence after the
    dash speaks to someone (DASH_ADDRESS): "Greta--I must ask you one thing.", "Anselm--has
    anything happened?"; not "Cordwell--who sold us the mare and then bought her back!"."""
    m = DASH_CALL.match(inner)
    return m if m is not None and DASH_ADDRESS.match(inner, m.end()) else None


def own_sentence(inner: str, start: int, end: int) -> bool:
    """Whether the name at inner[start:end] is a sentence of its own, opening the speech or
    after a "?" or "!", that a ".", "?" or ";" ends ("Dale. I saw her"; "Harris? You
    bet"), or the object "my" owns at a sentence's end, a word of fondness between them or
    not ("appreciate my Urdu.", "thinking of my dear Wexley.", not "Good night, my Jane.",
    "Oh, my dear Jane.")."""
    before = inner[:start].rstrip()
    if inner[end:end + 1] not in (".", "?", ";"):
        return False
    owned = OWNED_BY_MY.search(before)
    if owned is not None:
        return not before[:owned.start()].rstrip().endswith((",", "Oh", "oh", "O"))
    return not before or before[-1] in "?!"


OWNED_BY_MY = re.compile(r"\smy(?:\s+(?:" + "|".join(MY_CALL_WORDS) + "))?$")
""""my", and a word of fondness that may follow it, right before a name."""


APPOSED_TO = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z]+\s+){0,2}([a-z]+),\s*$")
"""A noun phrase "the", "this" or "that" opens (not "a", of a predicate: "you are a girl,
Bea,"; nor "my" or "your", which open calls: "my boy, Jethro,"), right before the comma that
sets off a name."""
GOES_ON = re.compile(r",\s*[\w‘“\"']")
"""A comma after the name and more of the sentence after it."""


def apposed(inner: str, start: int, end: int) -> bool:
    """Whether the name at inner[start:end] is set off, in the middle of a sentence, after a
    noun phrase of a person that it names: an apposition, no call ("if we can only get this
    fellow, Grebe, to sign the lease"; "that girl, Wenna, is no cousin of ours"). A name after
    such a phrase that ends the sentence or the speech is a call ("Do you hear the captain,
    Lotte?"; "Shake hands with the doctor, Wenna,")."""
    m = APPOSED_TO.search(inner, 0, start)
    return m is not None and person_noun(m.group(1)) and GOES_ON.match(inner, end) is not None


_NAME_WORD = CAPITAL + r"[\w" + MARKS + "’'-]*"      # \w, and the combining marks it leaves out
LIST_BEFORE = compile_later(r"(^|[.!?:;—]\s*)?(" + _NAME_WORD + r")\.?,\s*$")
LIST_AFTER = compile_later(r"(?:,\s*|\s+)and\b|,\s*(" + _NAME_WORD + ")")


def in_list(reader: Reader, inner: str, start: int, end: int, ch: Character) -> bool:
    """Whether the name at inner[start:end] is an item of a list of names or places, not a
    call: another name before it ("Not Tom, Harry, and Jane?"; "Dover, Calais, Boulogne
    Road") and another item after (", and", or a name). A name repeated or called by two of
    its forms is still a call ("Anna, Anna, come back"; "Miss Grey, Laura, listen"), and so
    is one after a word that opens the sentence ("Listen, Jake, and you too")."""
    before = LIST_BEFORE.search(inner, 0, start)
    if before is None or not _name_like(reader, before.group(2), ch,
                                        opens=before.group(1) is not None):
        return False
    after = LIST_AFTER.match(inner, end)
    return after is not None and (after.group(1) is None or
                                  _name_like(reader, after.group(1), ch, opens=False))


def _name_like(reader: Reader, word: str, ch: Character, opens: bool) -> bool:
    """A word that names some other person or place: capitalised, no common word, not a
    form of the person called (ch), and, opening a sentence, never written in lower case."""
    cast = reader.cast
    if word.lower() in TITLES:
        return True
    if cast.not_name(word) or opens and cast.lower_count(word):
        return False
    return cast.character(word) is not ch


_WORD = "[" + LETTER + r"][\w" + MARKS + "’'"
SET_OFF = compile_later(r"(?:^|[,;—]\s*|\b(?:Oh|O)\s+)((?:" + _WORD + r".]*\s+){0,2}" + _WORD + "]*)"
                     r"\s*(?=[,!?.;]|$)")
"""A phrase of one to three words set off by a comma, a stop or the speech's edge: where
a speaker's ways of calling someone stand ("Yes, sir.", "My dear, …", "…, old chap!",
"…, Mr. Pellow."), and their short set replies too ("Quite so.", "Well, rather!")."""


def set_off_phrases(inner: str) -> set[str]:
    """The phrases (SET_OFF, lower case, longer than two letters) a speech sets off: a
    speaker's forms of address and set phrases, which they use again and the other one of an
    exchange does not (conversation.features: form_used)."""
    return {" ".join(f.split()) for m in SET_OFF.finditer(inner)
            if len(f := m.group(1).lower()) > 2}


KIN_CALLS = ("mother", "father", "aunt", "uncle", "sister", "brother")
"""The ties one calls a relative by ("Indeed, mamma, …", "Good night, papa.")."""


def kin_vocative(text: str, q: Quote) -> str | None:
    """The tie of a relative the quote calls by a family word ("Well, mamma," -> mother),
    or None. A family word after "my" that the sentence owns as its object is no call
    ("I robbed my father.", "Where’s my mother?"; not "Good night, my dear mother")."""
    if not KIN_WORD.search(text, q.start, q.end):
        return None     # most lines: one quick look
    for m in KIN_VOCATIVE.finditer(text, q.start, q.end):
        tie = TIES.get(m.group(1).lower())
        if tie in KIN_CALLS and not _owned_object(text, q.start, m.start(1)):
            return tie
    return None


def bare_kin_word(label: str) -> bool:
    """Whether a label is a family word one calls a relative by, alone ("Papa", "Mamma"):
    the cast's name for a word said as a call, not a person the text names."""
    return TIES.get(label.lower()) in KIN_CALLS


CALL_MODIFIERS = frozenset(("my", "good") + MY_CALL_WORDS)
"""Words a call by a family word may open on ("my dear mother", "my own papa", "my good
father"): "my", and the words that may follow it before the one called."""
CALL_OPENS = re.compile(r"(?:^|[“‘\"(,.!?;:—-]|\b(?:Oh|oh|O))\s*$")
"""What may stand before a call: the speech's or a sentence's start, a comma, a dash, "Oh"."""


def _owned_object(text: str, start: int, word: int) -> bool:
    """Whether the family word at `word` (in the speech from `start`) follows "my" and the
    words a call is built with (CALL_MODIFIERS) with no call's opening before them
    (CALL_OPENS): the sentence's object, "I robbed my father."."""
    before = text[start:word].split()
    n = len(before)
    while n and before[n - 1].lower() in CALL_MODIFIERS:
        n -= 1
    mods = [w.lower() for w in before[n:]]
    return "my" in mods and CALL_OPENS.search(" ".join(before[:n])) is None


_KIN_WORDS = [w for w, t in TIES.items() if t in KIN_CALLS]
# opened by a lookahead for the words' first letters, which changes no match but lets the
# search pass the other letters at once (half the time over a novel)
KIN_WORD = re.compile(r"(?=[" + "".join(sorted({w[0] for w in _KIN_WORDS})) + r"])\b(?:" +
                      "|".join(_KIN_WORDS) + r")\b", re.I)
KIN_VOCATIVE = re.compile(r"(?:(?<=[“‘\"])|[,!?;—-]\s*|\b" + _CALL_OPENER + ")"
                          r"([A-Za-z]+)\s*(?=[,!?.;]|[”’\"](?![A-Za-z])|$)")
"""A family word called out: after the quote mark, a comma or "dear", and before a stop or
the closing mark, not an apostrophe that a letter follows ("mamma’s", "Mamma’ll")."""


def find_vocatives(reader: Reader, text: str, quotes: list[Quote], quote_para) -> list[Who | None]:
    """The person each quote calls by name, or None; a name said back is no call (echo)."""
    n = len(quotes)
    calls = [vocative(reader, text, q, alone=not (i + 1 < n and quote_para[i + 1] == quote_para[i]))
             for i, q in enumerate(quotes)]
    return [None if who is not None and (echo(reader, text, quotes, quote_para, calls, i) or
                                         answers_who(reader, text, quotes, quote_para, i, who))
            else who
            for i, who in enumerate(calls)]


WHO_QUESTION = re.compile(r"\b(?:[Ww]ho|[Ww]hom)\b[^.!?]*\?\W*$")


def answers_who(reader: Reader, text: str, quotes: list[Quote], quote_para, i: int,
                who: Who) -> bool:
    """Whether quote i opens the paragraph right after a question asking who on the name
    of who (“Who brought me here?” / “Wren, I believe.”): the name answers it, no call."""
    if not i or quote_para[i] != quote_para[i - 1] + 1:
        return False
    prev = quotes[i - 1]
    first = text[quotes[i].start:quotes[i].end].lstrip(" -—–")
    m = VOCATIVE.match(first) if first[:1].isupper() else None
    ch = reader.cast.character(m.group(1)) if m is not None else None
    return ch is not None and reader.who_of_character(ch).key == who.key and \
        WHO_QUESTION.search(text, prev.start, prev.end) is not None


REPEATED = re.compile(r"[^\w\n“‘\"]*(?:\w+[^\S\n]+){0,3}?(?:repeated|echoed)\b")
"""A tag of saying words again after a quote ("repeated Christina", "Miss Bradwell
echoed"): the verbs of WordNet's sense "to say again or imitate" (repeat, echo)."""
ECHO_QUOTES = 4
"""Quotes before an echo in which its name must have been said."""


def echo(reader: Reader, text: str, quotes: list[Quote], quote_para, calls: list[Who | None],
         i: int) -> bool:
    """Whether quote i, which seems to call calls[i], says the name back: it says nothing
    but the name, with a tag of repeating ("repeated Christina"), and one of the
    ECHO_QUOTES quotes before named that person without calling them (“…, for Mr. Staunton
    might have done as well.” / “Mr. Staunton!” repeated Christina); a name-only quote after
    an echo in its paragraph echoes too (“Ottilie,” repeated Mr. Crannock. “Ottilie,
    Ottilie.”). The one named does not answer it."""
    who = calls[i]
    if not _only_named(reader, text, quotes[i], who):
        return False
    nxt = i + 1
    if nxt < len(quotes) and quote_para[nxt] == quote_para[i] and \
            not text[quotes[nxt].start:quotes[nxt].end].lstrip(" -—–")[:1].isupper():
        return False    # “Mr. Hale,” said Mrs. Crane, “this cold mutton …”: a call
    if i and quote_para[i - 1] == quote_para[i] and calls[i - 1] == who and \
            echo(reader, text, quotes, quote_para, calls, i - 1):
        return True
    if REPEATED.match(text, quotes[i].close, quotes[i].close + 40) is None:
        return False
    for j in range(i - 1, max(-1, i - ECHO_QUOTES - 1), -1):
        if calls[j] == who:
            return False    # “Tom!” said Jane. / “Tom!” repeated Jane.: the call said again
        if _names(reader, quotes[j], who):
            return True
    return False


def _named(reader: Reader, q: Quote) -> list[tuple[str, str | None]]:
    """The names quote q mentions, each with the key of the person it names (None: no one
    of the cast)."""
    cast = reader.cast
    return [(f, None if (ch := cast.character(f)) is None else reader.who_of_character(ch).key)
            for _, _, f in cast.mentions_in(q.start, q.end)]


def _names(reader: Reader, q: Quote, who: Who) -> bool:
    """Whether quote q names who."""
    return any(key == who.key for _, key in _named(reader, q))


def _only_named(reader: Reader, text: str, q: Quote, who: Who) -> bool:
    """Whether quote q says nothing but names of who ("Ottilie, Ottilie.")."""
    named = _named(reader, q)
    if not named or any(key != who.key for _, key in named):
        return False
    inner = text[q.start:q.end]
    for f in sorted({f for f, _ in named}, key=len, reverse=True):
        inner = inner.replace(f, " ")
    return not any(c.isalnum() for c in inner)


def called_in(doc: Document, para: int, before: int, every_tag: bool) -> Who | None:
    """Whom the quotes of a paragraph (those before quote `before`) call last: its first
    line's addressee, then each later line's vocative ("Don't make such a row," …
    "Bring a light, Corrie."). With every_tag, a later line's "to X" tag counts too (the
    conversation sieves read it so; the tag sieves read only the first line's: kept as it
    was measured)."""
    first = doc.para_first.get(para)
    if first is None:
        return None
    call = doc.addressed(first)
    for j in range(first + 1, before):
        if doc.quote_para[j] != para:
            break
        call = (doc.addressed(j) if every_tag else doc.vocatives[j]) or call
    return call


def answerer(doc: Document, i: int, every_tag: bool = False,
             named_only: bool = True) -> Who | None:
    """The person the previous turn called by name, who answers quote i: not the previous
    turn's own speaker, nor the one quote i itself calls or names, by any given name of
    theirs (“Pray do not mention the fair to Tina …” after a call to Chris: someone
    speaking of her; called_keys)."""
    pp = doc.prev_turn.get(doc.quote_para[i], -1)
    call = called_in(doc, pp, i, every_tag)
    if call is None or named_only and call.key[0] not in "cn":
        return None
    previous = doc.para_speaker(pp)
    own = doc.addressed(i)
    if previous is not None and call.key == previous.key or own is not None and own.key == call.key:
        return None
    same = called_keys(doc.reader, call)
    return None if any(key in same for _, key in _named(doc.reader, doc.quotes[i])) else call
