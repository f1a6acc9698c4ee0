"""The described sieve: a description in the tag is the speaker, as written."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..who import definite_role
from .explicit import tag_decision


class Described(Sieve):
    """A description, an indefinite or a plural pronoun in the tag speaks, labelled as the
    text has it: "cried an angry soldier" -> Angry soldier, "someone shouted" -> Someone,
    "the marchers challenged" -> The marchers, "they cried" -> Crowd. (A description of
    someone the reader knows, "replied the girl", and one person's role, "said the whelp",
    are the description-coref sieve's.)"""

    name = "described"
    cues = ("described", "action", "colon")

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None:
            return None
        if tag.kind == "np" and tag.cue != "explicit" and not definite_role(tag.who) or \
                tag.kind == "indef":
            return tag_decision(doc, i, tag.who)
        if tag.kind == "group":
            return tag_decision(doc, i, doc.reader.who_of_np(["Crowd"]))
        return None
