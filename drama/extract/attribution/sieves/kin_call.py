"""The kin-call step: "Indeed, mamma, you are mistaken," said Christina calls her mother,
Mrs. Ashby, by name as surely as "My dear Mrs. Ashby" would."""
from __future__ import annotations

from ..document import Document
from ..sieve import Sieve
from ..vocative import bare_kin_word, kin_vocative
from ..who import Who
from .relation import NEARBY_WINDOW, RELATIVE_WINDOW, latest_mentioned, of_rank_latest


class KinCall(Sieve):
    """A line that calls someone by a family word ("Well, mamma,", "Good night, papa.",
    "my dear aunt") and by no name calls the speaker's relative of that tie, as the
    relation sieve finds them: by the family's surname when the speaker is known (a tag
    settled the line) and has one, else the one of that rank ("Mrs.", "Mr.") the scene
    mentioned latest (a parent within RELATIVE_WINDOW paragraphs, as far as a relative
    by surname: a son with no surname talking with his mother a while, who is "she" and
    "his mother" meanwhile; an aunt or uncle within NEARBY_WINDOW). The relative becomes
    the line's vocative, for the vocative and turn-taking sieves and the conversation
    model to read. Settles no line: it runs after the tag sieves, whose speakers it reads. A family word written like a name ("But the
    river is so warm, Papa"), which the cast takes for a person of its own ("Papa"), is
    such a call too: the relative found replaces it as the line's vocative."""

    name = "kin-call"
    cues = ()

    def run(self, doc: Document) -> None:
        for i, q in enumerate(doc.quotes):
            called = doc.vocatives[i]
            if called is not None and not bare_kin_word(called.label):
                continue
            tie = kin_vocative(doc.text, q)
            who = _relative_called(doc, i, tie) if tie is not None else None
            if who is not None:
                doc.vocatives[i] = doc.kin_calls[i] = who


def _relative_called(doc: Document, i: int, tie: str) -> Who | None:
    """The speaker's relative of this tie (see KinCall)."""
    speaker = doc.speakers[i] or doc.para_speaker(doc.quote_para[i])
    families = doc.families
    ch = doc.reader.character_of(speaker) if speaker is not None else None
    own = {speaker.key} if speaker is not None else set()
    if tie in ("aunt", "uncle"):
        return of_rank_latest(doc, i, tie, ch, own, NEARBY_WINDOW)
    if ch is not None and families.birth[id(ch)]:
        return latest_mentioned(doc, i, families.relatives(ch, tie), own, RELATIVE_WINDOW)
    if tie in ("mother", "father"):
        return of_rank_latest(doc, i, tie, ch, own, RELATIVE_WINDOW)
    return None
