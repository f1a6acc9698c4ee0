"""What a sieve is, and how a group of them runs over a document.

A sieve is one attribution rule with a name. Most settle one quote at a time: settle(doc, i)
returns a Decision (speaker, cue, optional confidence) for an open quote, or None to leave
it to the sieves after. Run alone, such a sieve offers itself every open quote in reading
order. A few work on the whole text at once (revising what earlier sieves wrote, or
propagating a speaker through a paragraph): they override run(doc).

Sieves whose decisions feed each other quote by quote run together in one ReadingOrder
group: every quote is offered to each sieve of the group in turn before the next quote is
looked at, so a speaker settled at one quote is known when the next is decided. A learned
sieve fits either way: put it in a group (it is offered each quote the sieves before it
left open) or in the pipeline on its own.
"""
from __future__ import annotations

from typing import ClassVar, Iterable

from .document import Decision, Document


class Sieve:
    """One attribution rule (see the module docstring)."""

    name: ClassVar[str] = ""
    """How the pipeline, DRAMA_ABLATE and the ablation table call it."""
    cues: ClassVar[tuple[str, ...]] = ()
    """The cues its decisions may carry (each has a confidence in pipeline.CONFIDENCE)."""

    def settle(self, doc: Document, i: int) -> Decision | None:
        """A decision for open quote i, or None."""
        return None

    def run(self, doc: Document) -> None:
        """Offer the sieve every open quote, in reading order."""
        for i in range(len(doc.quotes)):
            if doc.speakers[i] is None:
                decision = self.settle(doc, i)
                if decision is not None:
                    doc.settle(i, decision, self.name)


class ReadingOrder:
    """Sieves run together quote by quote, in reading order: each open quote goes to the
    first of them that settles it.

    feeds_salience: a settled speaker becomes a mention at the quote, which the pronouns
    and descriptions of later quotes may reach ("“…,” said Martov. … “…,” he said").
    by_turn: only a paragraph's first quote is offered, and the speaker settled for it is
    given to the paragraph's other open quotes too ("continuation"): one paragraph, one turn.
    """

    def __init__(self, name: str, sieves: Iterable[Sieve], *, feeds_salience: bool = False,
                 by_turn: bool = False):
        self.name = name
        self.sieves = tuple(sieves)
        self.feeds_salience = feeds_salience
        self.by_turn = by_turn

    def run(self, doc: Document, skip: frozenset[str] = frozenset()) -> None:
        sieves = [s for s in self.sieves if s.name not in skip]
        if not sieves:
            return
        for i in range(len(doc.quotes)):
            if doc.speakers[i] is not None:
                continue
            if self.by_turn and doc.para_first[doc.quote_para[i]] != i:
                continue
            for sieve in sieves:
                decision = sieve.settle(doc, i)
                if decision is not None:
                    self._settle(doc, i, decision, sieve.name)
                    break

    def _settle(self, doc: Document, i: int, decision: Decision, name: str) -> None:
        doc.settle(i, decision, name)
        if self.feeds_salience:
            doc.salience.insert(doc.quote_para[i], doc.quotes[i].open, decision.speaker, True)
        if self.by_turn:
            for j in doc.quotes_in(doc.quote_para[i]):
                if doc.speakers[j] is None:
                    doc.settle(j, Decision(decision.speaker, "continuation"), name)
