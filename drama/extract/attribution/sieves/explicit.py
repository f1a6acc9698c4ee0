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
    with its own cue. A name read before the quote that the quote itself calls is the one
    spoken to, not the speaker (_speaking_on_to, cue "speaking-on")."""

    name = "explicit"
    cues = ("explicit", "action", "colon", "speaking-on")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or not (tag.kind == "name" or tag.kind == "np" and tag.cue == "explicit"):
            return None
        called = called_keys(doc.reader, doc.vocatives[i])
        if tag.leading and tag.who.key in called:
            return _speaking_on_to(doc, i, called)
        return tag_decision(doc, i, tag.who)


def _speaking_on_to(doc: Document, i: int, called: set[str]) -> Decision | None:
    """Quote i's speaker when the name leading into it is the one it calls (``called``:
    their keys): "“The boats are late,” said Edwin. / Nell laughed. / “You must stop
    teasing me, Nell.”": Nell, acting, is the one spoken to, and the one who spoke last
    (Edwin) speaks on to her (cue "speaking-on": neither a tag's reading nor an
    interrupted speech's, with its own measured confidence, pipeline.CONFIDENCE); None
    (the later sieves decide) when no one spoke last or it was Nell."""
    last = doc.para_speaker(doc.prev_turn.get(doc.quote_para[i], -1))
    if last is None or last.key in called:
        return None
    return Decision(last, "speaking-on")
