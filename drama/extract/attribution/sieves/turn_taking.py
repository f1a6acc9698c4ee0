"""The turn-taking sieve: the two people talking take turns."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..vocative import called_in


class TurnTaking(Sieve):
    """An untagged quote paragraph in a conversation (consecutive quote paragraphs, across
    a short beat of narration) is the one who spoke two turns before, when the last two
    turns were two different people; else the one who speaks two turns after, when the
    next two are. Never the person this line itself calls by name.

    Order dependency kept from the rule it was split from: when the previous turn called
    someone other than its own speaker, only the forward alternation is tried (the
    vocative sieve, before this one, gives that turn to the one called)."""

    name = "turn-taking"
    cues = ("turn-taking",)

    def settle(self, doc: Document, i: int) -> Decision | None:
        p = doc.quote_para[i]
        pp = doc.prev_turn.get(p, -1)
        prev1 = doc.para_speaker(pp)
        prev2 = doc.para_speaker(doc.prev_turn.get(pp, -1))
        own = doc.addressed(i)
        call = called_in(doc, pp, i, every_tag=True)
        called_other = call is not None and (prev1 is None or call.key != prev1.key)
        if not called_other and prev1 is not None and prev2 is not None and \
                prev1.key != prev2.key and (own is None or prev2.key != own.key):
            return Decision(prev2, "turn-taking")
        np_ = doc.next_turn.get(p, -1)
        next1 = doc.para_speaker(np_)
        next2 = doc.para_speaker(doc.next_turn.get(np_, -1))
        if next1 is not None and next2 is not None and next1.key != next2.key and \
                (own is None or next2.key != own.key):
            return Decision(next2, "turn-taking")
        return None
