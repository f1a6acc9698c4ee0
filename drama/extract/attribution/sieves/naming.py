"""The naming sieve: the dialogue names a speaker the narration knows only by a description."""
from __future__ import annotations

import re

from ...lexicon import NOT_NAMES, TITLES
from ...scan import compile_later, word_start
from ...letters import CAPITAL
from ...name_patterns import CAPITALISED
from ..document import Decision, Document
from ..sieve import Sieve
from ..who import Who

_NAME = (r"((?:(?:Mr|Mrs|Miss|Master|Dr)\.?\s+)?" + CAPITALISED + r"(?:\s+" + CAPITALISED +
         "){0,2})")
# each pattern below opens on its first letters (scan.word_start), so that the search passes
# the other letters at once (it reads every quote)
SELF_NAMING = compile_later(word_start("[MmCc]") + r"(?:(?<=[Mm])y name(?:,\s*[a-z]+,)?\s+is|"
                         r"(?<=[Mm])y name[’']s|(?<=[Cc])all me)\s+" + _NAME)
I_AM = compile_later(word_start("I") + r"(?:\s+_?am_?|[’' ]m)\s+(?:(?:only|just|really)\s+)?"
                  r"(?:(?:an?|the)\s+)?" + _NAME
                  + r"(?=_?\s*(?:[!.?,;:—–-]|$))")
"""The speaker says who they are, the name ending its phrase: "I am Quill.", "I'm an
Invisible Man.", "I'm only Owen Tarrant," ("I am Mr. Barrow's man" names no one as the
speaker). "I m": a text that lost its apostrophes."""
OTHER_NAMING = compile_later(word_start("[HhIi]") + r"(?:(?<=[Hh])(?:is|er) name(?:[’']s|\s+is)|"
                          r"(?<=[Ii])t[’']s|(?<=[Ii])t is)\s+" + _NAME +
                          r"(?=\s*(?:[!.?,;:—–-]|$))")
"""Someone else named: the name ends its phrase ("Why, it's Nancy!"); "it is Heywood's a
sahib" says something of a person, it names no one."""
ANSWER_NAME = compile_later(_NAME + r"[!.]?")
ANSWER_OPENS = compile_later(_NAME + r"[!.]\s+" + CAPITAL)
"""An answer whose first sentence is a name alone ("Rosalind. How are you called?")."""
ASKS_OWN_NAME = re.compile(r"\b(?:your\s+name|are\s+you\s+called|what\s+name)\b", re.I)
"""A question for the listener's own name."""
ASKS_NAME = re.compile(r"name|\bare\s+you\s+called\b", re.I)
"""In a question, asking for someone's name: "What name?", "the name of her companion?",
"What are you called?"."""
NAMING_SCENE = 12   # paragraphs around the naming a description keeps meaning that person
LOOK_BACK = 30      # quotes back to look for the described person someone else names
EXCHANGE_GAP = 2    # paragraphs between two quotes of one exchange going on (a beat between)


class NamingInDialogue(Sieve):
    """A speaker the text knows only by a description, named by the dialogue: by themselves
    ("my name, sir, is Orme"; "I am Quill."; "What name?" "Fennick!") or by someone
    else ("Her name is Hetty Vane!", "Why, it's Nell!" of the described person of that
    sex who spoke last). Every line of that description in the scene is the named person's
    (cue described; in the whole text for a description the text writes as a name, "the
    Voice"), and the narration's mentions of the description there become theirs. A turn
    no tag gives a speaker is the one it names beyond doubt as its own speaker ("my name
    is …", or a name opening the answer to "What are you called?": _names_self), so the
    conversation model has an anchor where the narration has not named them yet. Revises
    the lines of the tag and epithet sieves; runs before continuation so the rest of each
    speech follows."""

    name = "naming"
    cues = ("described",)

    def run(self, doc: Document) -> None:
        for i in range(len(doc.quotes)):
            for person, own in _namings(doc, i):
                targets, keys = _own_lines(doc, i) if own else _lines_of_last_described(
                    doc, i, person)
                if not targets and own and _untagged(doc, i) and _names_self(doc, i) and \
                        doc.reader.personlike(person):
                    # no one tags the turn: the one who gives their own name speaks it
                    doc.settle(i, Decision(person, "described"), self.name)
                    break
                if not targets:
                    continue
                targets = _everywhere(doc, keys, targets)
                for j in targets:
                    doc.settle(j, Decision(person, "described"), self.name)
                lo = min(doc.quote_para[j] for j in targets)
                hi = max(doc.quote_para[j] for j in targets)
                for key in keys:
                    doc.salience.rename(key, person, lo, hi)
                break


def _namings(doc: Document, i: int):
    """(person, whether the speaker names themselves) for each way quote i names someone,
    in order: "my name is …", "her name is …", a name alone answering a question for one."""
    q = doc.quotes[i]
    inner = doc.text[q.start:q.end]
    for pat, own in ((SELF_NAMING, True), (I_AM, True), (OTHER_NAMING, False), (None, True)):
        m = pat.search(inner) if pat is not None else _answer_name(doc, i, inner)
        if m is None:
            continue
        form = m.group(1)
        if form.split()[0].lower() in NOT_NAMES and form.split()[0].rstrip(".").lower() \
                not in TITLES:
            continue
        ch = doc.reader.cast.character(form)
        if ch is not None:
            yield doc.reader.who_of_character(ch), own


def _answer_name(doc: Document, i: int, inner: str):
    """"Whom shall I say is calling?" "Fenwick!": a name alone answering for a name, or the
    sentence that opens the answer ("And your name?" "Isolde. And yours?")."""
    m = ANSWER_NAME.fullmatch(inner.strip(" _*")) or ANSWER_OPENS.match(inner.strip(" _*"))
    j = i - 1
    if m is None or j < 0 or doc.quote_para[j] != doc.prev_turn.get(doc.quote_para[i]):
        return None
    asked = doc.text[doc.quotes[j].start:doc.quotes[j].end]
    return m if "?" in asked and ASKS_NAME.search(asked) else None


def _names_self(doc: Document, i: int) -> bool:
    """Whether quote i gives its speaker's own name beyond doubt: "my name is …", "call
    me …", or a name opening the answer to a question for the listener's own name ("What
    are you called?" "Rosalind. …"); not "I am an Indian", nor the name of "her
    companion" asked for."""
    q = doc.quotes[i]
    if SELF_NAMING.search(doc.text, q.start, q.end):
        return True
    j = i - 1
    return j >= 0 and _answer_name(doc, i, doc.text[q.start:q.end]) is not None and \
        ASKS_OWN_NAME.search(doc.text, doc.quotes[j].start, doc.quotes[j].end) is not None


def _untagged(doc: Document, i: int) -> bool:
    """Whether quote i is in a paragraph no tag gives a speaker, and no sieve has settled."""
    p = doc.quote_para[i]
    k = doc.para_first[p]
    while k < len(doc.quotes) and doc.quote_para[k] == p:
        if doc.tags[k] is not None or doc.speakers[k] is not None:
            return False
        k += 1
    return True


def _own_lines(doc: Document, i: int) -> tuple[list[int], set[str]]:
    """The lines of the description that speaks quote i (its tag's, or the one its speaker
    was settled as), and quote i."""
    k = i
    p = doc.quote_para[i]
    while doc.tags[k] is None and k and doc.quote_para[k - 1] == p:
        k -= 1      # the second part of a speech: the tag before is its own
    target, tag = doc.speakers[k], doc.tags[k]
    if (target is None or not target.key.startswith("d:")) and \
            tag is not None and tag.kind in ("generic", "np"):
        target = tag.who        # "the old gentleman", misread as someone
    if target is None or not target.key.startswith("d:"):
        return [], set()
    targets, keys = run_of(doc, target.key, i, exchange=True)
    targets.append(i)
    if tag is not None and tag.who is not None and tag.who.key != target.key and \
            tag.kind in ("generic", "np"):
        more, more_keys = run_of(doc, tag.who.key, i)
        targets += more
        keys |= more_keys
    return targets, keys


def _lines_of_last_described(doc: Document, i: int, person: Who) -> tuple[list[int], set[str]]:
    """The lines of the described person of the named one's sex who spoke last before the
    naming (in an earlier paragraph of the scene)."""
    p = doc.quote_para[i]
    for j in range(i - 1, max(-1, i - LOOK_BACK), -1):
        w = doc.speakers[j]
        if doc.quote_para[j] < p - NAMING_SCENE:
            break
        if w is not None and w.key.startswith("d:") and doc.quote_para[j] != p and \
                w.gender == person.gender and person.gender is not None:
            return run_of(doc, w.key, i)
    return [], set()


def _everywhere(doc: Document, keys: set[str], targets: list[int]) -> list[int]:
    """A description the text writes as a name ("said the Voice", capitalised after "the"
    as often as not) is one person's epithet all through the text: once named, all its
    lines are that person's, not only the scene's."""
    if not any(_proper_epithet(doc.text, key[2:]) for key in keys):
        return targets
    return sorted(set(targets) | {j for j in range(len(doc.quotes)) if _of_keys(doc, j, keys)})


def _proper_epithet(text: str, words: str) -> bool:
    """Whether the text writes "the <words>" capitalised ("the Voice") at least as often as
    in lower case ("the voice"), and at least once."""
    low = words.split()
    if not low or not all(w.isalpha() for w in low):
        return False
    cap = " ".join(w.capitalize() for w in low)
    n_cap = len(re.findall(word_start("the") + " " + cap + r"\b", text))
    return n_cap > 0 and n_cap >= len(re.findall(word_start("the") + " " + " ".join(low) + r"\b",
                                                 text))


def _of_keys(doc: Document, j: int, keys: set[str]) -> bool:
    """Whether quote j's speaker, or its tag's description, is one of these descriptions."""
    w, tag = doc.speakers[j], doc.tags[j]
    return w is not None and w.key in keys or \
        tag is not None and tag.who is not None and tag.who.key in keys


def run_of(doc: Document, key: str, i: int, exchange: bool = False) -> tuple[list[int], set[str]]:
    """The lines of one described speaker (by its key) in the scene around quote i: each
    within NAMING_SCENE paragraphs of the next. A line whose tag's description was read as
    that speaker ("said the young lady" for "a beautiful young lady") brings in the other
    lines of that description too. With `exchange` (quote i is the described speaker's
    own, naming them), the reach back also runs on through the exchange that leads to the
    naming, turn by turn (_bare_turn, each within EXCHANGE_GAP paragraphs of the next):
    "“Oh! Oh!” the woman gasped." fifteen untagged turns before "May I know your name?" /
    she said, "Mrs. Quayle." is Mrs. Quayle's. Only back: a description after the naming is
    rather someone else, the text calling her by her name from then on."""
    keys = {key}

    def of(j: int) -> bool:
        w = doc.speakers[j]
        tag = doc.tags[j]
        t = tag.who if tag is not None and tag.kind in ("generic", "np") else None
        if w is not None and w.key in keys or t is not None and t.key in keys:
            for x in (w, t):
                if x is not None and x.key.startswith("d:"):
                    keys.add(x.key)
            return True
        return False
    out = []
    qpara = doc.quote_para
    for step in (-1, 1):
        last = before = qpara[i]
        j = i + step
        while 0 <= j < len(qpara) and abs(qpara[j] - last) <= NAMING_SCENE:
            own = of(j)
            if own:
                out.append(j)
            if own or exchange and step < 0 and abs(qpara[j] - before) <= EXCHANGE_GAP and \
                    _bare_turn(doc, j):
                last = qpara[j]     # the description again, or the exchange leading to it
            before = qpara[j]
            j += step
    return out, keys


def _bare_turn(doc: Document, j: int) -> bool:
    """Whether quote j names no one by its tag: no tag, or a "he"/"she" ("“I have taken
    them off.”", "He called after her, “…”"): a turn of the exchange going on, not someone
    else the tags bring in."""
    return doc.tags[j] is None or doc.tags[j].kind == "pron"
