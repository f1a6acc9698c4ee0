"""The vocative sieves: the person the previous line called by name answers."""
from __future__ import annotations

from ..document import Decision, Document
from ..sieve import Sieve
from ..vocative import answerer
from .explicit import tag_decision


class CalledVoice(Sieve):
    """A voice in the tag after a line that called someone: "“Bring a light, Corrie.” “Aha!”
    cried the same voice" -> Corrie. Comes before the described sieve, which would take
    "the same voice" as written."""

    name = "called-voice"
    cues = ("described",)

    def settle(self, doc: Document, i: int) -> Decision | None:
        tag = doc.tags[i]
        if tag is None or tag.kind != "np" or tag.who is None or \
                tag.who.key.split()[-1] not in ("voice", "tone"):
            return None
        who = answerer(doc, i)
        return tag_decision(doc, i, who) if who is not None else None


class Vocative(Sieve):
    """An untagged turn after one that called someone by name ("My dear Mr. Ashby, …"; in
    a paragraph of several lines, the last that calls someone): they answer, unless they
    spoke that turn themselves or this line calls them in turn."""

    name = "vocative"
    cues = ("vocative",)

    def settle(self, doc: Document, i: int) -> Decision | None:
        if beat_after_call(doc, i):
            return None
        who = answerer(doc, i, every_tag=True, named_only=False)
        return Decision(who, "vocative") if who is not None else None


CALL_BEAT_CHARS = 80
"""Narration after a paragraph's last quote longer than a speech tag: a beat of its own.
(The conversation model's Turn.after_tail reads the same thing past TAIL_CHARS, 60: each
was tuned on its own half.)"""


def beat_after_call(doc: Document, i: int) -> bool:
    """Whether narration stands between the previous turn and quote i: a paragraph of its
    own ("“Bertil!” / The groom hurried in. / “Saddle the grey”") or a long beat
    after the last quote of the previous turn. The one called may have answered by what
    they did, and the next line is then the caller's as often as theirs."""
    para = doc.quote_para[i]
    prev = doc.prev_turn.get(para)
    if prev is None:
        return False
    if para - prev > 1:
        return True
    last = doc.quotes[max(doc.quotes_in(prev))]
    return len(doc.text[last.close:doc.paras[prev][1]].strip()) > CALL_BEAT_CHARS
