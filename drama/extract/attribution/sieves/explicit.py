"""The explicit sieve: a speech tag names the speaker."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..vocative import called_keys


def tag_decision(doc: Document, i: int, who) -> Decision:
    """Quote i's tag settles it for `who`, with the tag's cue and addressee."""
    tag = doc.tags[i]
    return Decision(who, tag.cue, addressee=tag.addressee)


class Explicit(Sieve):
    """A name in the tag, in either word order and either side of the quote: "said Martov",
    "Trotsky cried", "Martov, his voice shaking, said", "announced a Menshevik officer,
    Kharash"; two names speak as one voice ("Shreider and Prokopovich shouted"). An action
    beat ("Martov stood up. “…”") or a sentence ending in a colon introduces the quote too,
    with its own cue."""

    name = "explicit"
    cues = ("explicit", "action", "colon")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or not (tag.kind == "name" or tag.kind == "np" and tag.cue == "explicit"):
            return None
        if tag.leading and tag.who.key in called_keys(doc.reader, doc.vocatives[i]):
            return None     # "Ivo smiled. / “Ivo, you must not laugh.”": the one called listens
        return tag_decision(doc, i, tag.who)
