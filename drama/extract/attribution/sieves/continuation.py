"""The continuation sieves: one speech, one speaker, across a tag or a paragraph break."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..vocative import called_keys

NEAR = 7    # quotes either side in which a paragraph's line looks for its speech's speaker
READINGS = ("pronoun", "description-coref", "epithet", "epithet-variant", "epithet-partner")
"""The sieves that read a speaker into a tag that does not name them."""


class Continuation(Sieve):
    """An open quote in a paragraph whose other quote is settled: the part after an
    interrupting tag is the same speech (“It was,” she wrote, “a …”); an aside in
    parentheses, "(“I haven't,” said Alice)", is not part of the speech around it and
    keeps its tag to itself. Three sweeps, in this order: from the nearest settled line of
    the same speech that is no continuation itself, then from the next line, backwards,
    then from the line before, forwards. First, a speaker the tag sieves only read into a
    tag (a pronoun, a description) whom the rest of the same speech calls by name is
    withdrawn: no one calls themselves by name (“…,” answered his cousin. “Fitch, hold
    the ladder.”: not Fitch). The withdrawn line is then open as an untagged one is: the
    first sweep fills it at once from another settled line of its paragraph, as one speech
    (“Go,” said Tom. “Truly,” returned his friend. “Harry, go.”: Tom's), even when that
    line's speaker is the one withdrawn; only a paragraph with no other settled line is
    left an untagged turn, the conversation sieves' and the model's to decide."""

    name = "continuation"
    cues = ("continuation",)

    def run(self, doc: Document) -> None:
        n = len(doc.quotes)
        aside = _in_aside(doc)
        for j in range(n):
            if doc.settled_by[j] in READINGS and _called_later(doc, j, aside):
                doc.unsettle(j)

        def same_speech(i: int, j: int) -> bool:
            return 0 <= j < n and doc.quote_para[j] == doc.quote_para[i] and aside[j] == aside[i]

        def settle_from(i: int, j: int) -> None:
            doc.settle(i, Decision(doc.speakers[j], "continuation"), self.name)

        for i in range(n):
            if doc.speakers[i] is None:
                j = next((j for d in range(1, NEAR + 1) for j in (i - d, i + d)
                          if same_speech(i, j) and doc.speakers[j] is not None
                          and doc.cues[j] != "continuation"), None)
                if j is not None:
                    settle_from(i, j)
        for i in range(n - 1, -1, -1):
            if doc.speakers[i] is None and same_speech(i, i + 1) and doc.speakers[i + 1]:
                settle_from(i, i + 1)
        for i in range(n):
            if doc.speakers[i] is None and same_speech(i, i - 1) and doc.speakers[i - 1]:
                settle_from(i, i - 1)


def _called_later(doc: Document, j: int, aside: list[bool]) -> bool:
    """Whether a later, still untagged quote of j's speech (its paragraph, not an aside of
    another depth) calls quote j's speaker by name, or by a nickname of their given name
    that the aliases have not joined to them yet (vocative.called_keys: “…,” said she.
    “… dear Tina, only consider”: not Christina's)."""
    who = doc.speakers[j]
    for k in range(j + 1, len(doc.quotes)):
        if doc.quote_para[k] != doc.quote_para[j] or doc.speakers[k] is not None:
            return False
        call = doc.vocatives[k]
        if aside[k] == aside[j] and call is not None and who.key in called_keys(doc.reader, call):
            return True
    return False


def _in_aside(doc: Document) -> list[bool]:
    """Whether each quote opens inside a parenthesis of its paragraph (counted on from the
    quote before in the same paragraph, so a long paragraph costs one pass)."""
    text = doc.text
    out = []
    depth, pos, para = 0, 0, -1
    for i, q in enumerate(doc.quotes):
        if doc.quote_para[i] != para:
            para = doc.quote_para[i]
            depth, pos = 0, doc.paras[para][0]
        depth += text.count("(", pos, q.open) - text.count(")", pos, q.open)
        pos = q.open
        out.append(depth > 0)
    return out


class LongSpeech(Sieve):
    """A later paragraph of a speech that runs over several (the quote finder marks it
    `continues`): the speaker of the paragraph it began in. One turn: it does not break
    the alternation of turn-taking. In the conversation group, before the vocative sieve."""

    name = "long-speech"
    cues = ("continuation",)

    def settle(self, doc: Document, i: int) -> Decision | None:
        began = doc.speech_began.get(doc.quote_para[i])
        who = doc.para_speaker(began) if began is not None else None
        return Decision(who, "continuation") if who is not None else None
