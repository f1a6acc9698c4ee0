"""The salience sieves: an untagged turn nothing else settles."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..who import NOBODY, Who

SALIENCE_WINDOW = 6     # paragraphs back a salient person may speak an untagged turn


def _others(doc: Document, i: int) -> tuple[Who | None, set[str]]:
    """Who spoke the turn before, and the keys this turn cannot be: that speaker and the
    one this line calls."""
    prev1 = doc.para_speaker(doc.prev_turn.get(doc.quote_para[i], -1))
    own = doc.addressed(i)
    excl = {own.key} if own is not None else set()
    if prev1 is not None:
        excl.add(prev1.key)
    return prev1, excl


class Salient(Sieve):
    """The most salient person that did not speak the turn before: in a story told in the
    first person, the narrator answering whoever spoke; else the latest person of the
    narration known to speak somewhere, within six paragraphs."""

    name = "salience"
    cues = ("salience",)

    def settle(self, doc: Document, i: int) -> Decision | None:
        prev1, excl = _others(doc, i)
        p = doc.quote_para[i]
        if doc.told_by_i and "first" not in excl and \
                (prev1 is not None or doc.para_speaker(p - 1) is not None):
            return Decision(doc.narrator, "salience")
        who = doc.salience.recent(p, doc.quotes[i].open, None, exclude=excl,
                                  window=SALIENCE_WINDOW, persons_only=True)
        return Decision(who, "salience") if who is not None else None


class Fallback(Sieve):
    """When nothing points to anyone: the one who spoke the turn before, else the
    narrator of a first-person story, else "Someone" (cue unresolved; never the narrator
    of a story told in the third person)."""

    name = "fallback"
    cues = ("salience", "unresolved")

    def settle(self, doc: Document, i: int) -> Decision:
        prev1, _ = _others(doc, i)
        who = prev1 or (doc.narrator if doc.told_by_i else NOBODY)
        return Decision(who, "unresolved" if who.key == "?" else "salience")
