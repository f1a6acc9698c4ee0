"""Speech tags: the phrase beside a quote that says who speaks ("said Martov", "he cried",
"Martov stood up.", "Kamenev gave the delegates the news:"), decided for every quote: the
one after it or the one leading in, a beat of action, a paragraph announcing the next.
Reading one phrase is tag_phrase.py's."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .reader import Reader, Tag
from .tag_phrase import (adverb_or_aux, last_sentence, skip_back, subject_before, tag_after,
                         tag_before)
from .who import personal
from .words import speech_verb_at, tokens


# ------------------------------------------------------------------ every quote's tag

@dataclass
class _Reading:
    """What reading the tags hands from quote to quote, unchanged but for the tags read so
    far: the text, its quotes and paragraphs (quote_para: each quote's), the narration
    before and after each quote within its paragraph (narration_gaps)."""

    reader: Reader
    text: str
    quotes: list
    paras: list
    quote_para: list
    before: list
    after: list
    tags: list[Tag | None] = field(default_factory=list)
    """The tags of the quotes read so far, in order."""


def read_tags(reader: Reader, text: str, quotes, paras, quote_para) -> list[Tag | None]:
    """The speech tag of each quote, or None: the narration right after it first, else the
    narration leading into it (an action beat after it gives way to a tag before it)."""
    before, after = narration_gaps(quotes, paras, quote_para)
    r = _Reading(reader, text, quotes, paras, quote_para, before, after)
    tags = r.tags
    handed_on: Tag | None = None      # the tag after a quote that leads into this one
    for i, q in enumerate(quotes):
        a0, a1 = after[i]
        # an aside in parentheses keeps its tag to itself: ‘“…quay--” (“I know,” said
        # Ysolde)--“and besides…”’
        cut = text.find("(", a0, a1)
        tag = after_tag = tag_after(reader, text[a0:cut if cut >= 0 else a1], a0)
        if tag is not None and tag.cue == "action" and tag.kind == "name" and \
                _comma_inside(text, q) and _leads_on(r, i, a1):
            # “Yes, nothing broken,” Corin concluded, “but …”: a speech that runs on
            # through the narration between its parts, as it does through a tag
            tag.cue = "explicit"
        lead_in = functools.partial(_tag_leading_in, r, i)
        if tag is None or tag.cue == "action":
            tag = _instead_of_a_beat(tag, _nearer_lead(handed_on, lead_in),
                                     _goes_on(r, i))
            handed_on = None
        elif _new_sentence_after(text, q, a0, a1) or _leads_on(r, i, a1):
            lead = lead_in()
            handed_on = None
            if lead is not None and lead.cue not in ("action", "colon") and \
                    _runs_into(text[before[i][0]:before[i][1]]):
                # “A snake!” after "Hester saw it, and said,": the sentence after the quote
                # ("The villagers agreed.") is someone answering, not this quote's tag; nor
                # one leading into the next quote (‘X said, “…!” she answered, “…”’): that
                # one is the next quote's
                handed_on = tag if _leads_on(r, i, a1) else None
                tag = lead
            elif _new_sentence_after(text, q, a0, a1) and _leads_on(r, i, a1) and \
                    _one_clause_leading_in(text[a0:a1]):
                # “… every difficulty.” He replied: “Our letter …”: a new sentence that
                # leads into the next quote is that one's tag, not this one's
                handed_on, tag = tag, None
            elif _new_sentence_after(text, q, a0, a1) and _continues_tagged(r, i):
                # “Halt,” cried the sentry, “who goes there?” Mr. Fisk began …: the rest
                # of a speech has its tag already; the sentence after it is someone else's
                tag = None
        else:
            handed_on = None
        if tag is not None and tag is not after_tag:
            tag.leading = True
        tags.append(tag)
    return tags


def _nearer_lead(handed_on: Tag | None, lead_in) -> Tag | None:
    """The tag leading into a quote: the one its own last sentence says ("They smiled …,
    and Orme, the more articulate, said:"), before the one the narration opened with after
    the quote before (handed on: "They smiled" there is a beat of that quote's)."""
    if handed_on is None:
        return lead_in()
    lead = lead_in()
    return lead if lead is not None and lead.cue not in ("action", "colon") else handed_on


def _instead_of_a_beat(beat: Tag | None, lead: Tag | None, goes_on: bool) -> Tag | None:
    """A quote's tag when the narration after it has none or only an action beat: the tag
    leading into it; but the rest of a speech whose tag came before it (“No,” said Ann.
    “Go.” Tom looked up.; “…,” rejoined Fennick, marking her glance. “…”) is still that
    speaker's (None: the continuation sieve says so), not the one acting around it."""
    if lead is not None and lead.cue == "action" and goes_on:
        lead = None
    return lead or (None if goes_on else beat)


def _goes_on(r: _Reading, i: int) -> bool:
    """Whether quote i follows, in its paragraph, a quote with a tag of saying, and only
    the narration after that one stands between them."""
    return _after_tagged(r, i) and r.tags[i - 1].cue not in ("action", "colon")


def _leads_on(r: _Reading, i: int, a1: int) -> bool:
    """Whether the narration after quote i (ending at a1) runs into the next quote of its
    paragraph."""
    quotes, quote_para = r.quotes, r.quote_para
    return i + 1 < len(quotes) and quote_para[i + 1] == quote_para[i] and \
        a1 == quotes[i + 1].open and _runs_into(r.text[quotes[i].close:a1])


def _runs_into(narration: str) -> bool:
    """Whether narration runs straight into the quote after it ("and said,", "said:",
    "the Queen said severely"), as a tag before a quote does, not closing a sentence."""
    end = narration.rstrip()
    return bool(end) and (end[-1] in ",:—–-" or end[-1].isalpha())


TWO_CLAUSES = re.compile(r";|,?\s+(?:and|but|while|as|then)\s")
"""What joins a second clause to the first ("Bertha commented; and his mother added:")."""


def _one_clause_leading_in(narration: str) -> bool:
    """Whether narration between two quotes is one clause ending on a colon ("He replied:"):
    all of it leads into the quote after it ("“…” Bertha commented; and his mother added:"
    tags the quote before with its first clause)."""
    return narration.rstrip().endswith(":") and TWO_CLAUSES.search(narration) is None


def _comma_inside(text: str, q) -> bool:
    """Whether a quote ends on a comma (“Yes,”): its sentence goes on after it."""
    return text[q.start:q.end].rstrip(" -—–").endswith(",")


def _new_sentence_after(text: str, q, a0: int, a1: int, dashes: bool = False) -> bool:
    """Whether a quote ends its sentence and the narration after it opens a new one with a
    capital ("“A snake!” The villagers agreed."), not a tag inside it ("“Oh!” cried Ann");
    with dashes, also after a dash ("“…exercise.”--A short pause followed")."""
    inside = text[q.start:q.end].rstrip(" -—–")
    after = text[a0:a1].lstrip(" \t\n-—–" if dashes else None)
    return bool(inside) and inside[-1] in ".!?" and bool(after) and after[0].isupper()


def narration_gaps(quotes, paras, quote_para) -> tuple[list, list]:
    """The narration before and after each quote, within its paragraph: two lists of spans."""
    gaps = [narration_gap(quotes, paras, quote_para, i) for i in range(len(quotes))]
    return [b for b, _ in gaps], [a for _, a in gaps]


def narration_gap(quotes, paras, quote_para, i: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The narration before and after quote i, within its paragraph: two spans."""
    q, pi = quotes[i], quote_para[i]
    ps, pe = paras[pi]
    prev_end = quotes[i - 1].close if i and quote_para[i - 1] == pi else ps
    nxt = quotes[i + 1].open if i + 1 < len(quotes) and quote_para[i + 1] == pi else pe
    return (max(prev_end, ps), max(prev_end, q.open)), (q.close, max(q.close, min(nxt, pe)))


def _ends_with(text: str, para: tuple[int, int], marks: str) -> bool:
    """Whether a paragraph's last mark, dashes and spaces aside, is one of marks."""
    end = text[para[0]:para[1]].rstrip(" \t\n-—–")
    return bool(end) and end[-1] in marks


def _leads_in(text: str, para: tuple[int, int]) -> bool:
    """Whether a paragraph ends as narration leading into the next one's speech: a colon,
    or a comma or a dash ("Mr. Ashby coolly observed,", "said to her--": only a speech
    verb's tag counts then)."""
    return _ends_with(text, para, ":,") or \
        text[para[0]:para[1]].rstrip().endswith(("-", "—", "–"))


def _tag_leading_in(r: _Reading, i: int) -> Tag | None:
    """The tag in the narration before quote i: the same paragraph's, or the paragraph
    before when it ends in a tag and a colon. The second part of a speech interrupted by a
    tag (“It was,” she wrote, “a …”) has none: that tag is the first part's."""
    reader, text, quotes, paras, quote_para = r.reader, r.text, r.quotes, r.paras, r.quote_para
    before, after, tags = r.before, r.after, r.tags
    b0, b1 = before[i]
    p = quote_para[i]
    cut = text.rfind(")", b0, b1)
    if cut >= 0:
        b0 = cut + 1
    elif b0 == paras[p][0] and p and _leads_in(text, paras[p - 1]):
        # "…wiping the flour from his hands, he began once more:--" or "Mr. Ashby coolly
        # observed," ending the paragraph before: it introduces this one
        b0, b1 = paras[p - 1]
        if i and quote_para[i - 1] == p - 1:
            b0 = max(b0, quotes[i - 1].close)
        lead_tag = tag_before(reader, text[b0:b1], b0)
        if lead_tag is not None and _leading_speaker(lead_tag) and \
                (_ends_with(text, paras[p - 1], ":") or lead_tag.cue not in ("action", "colon")):
            return lead_tag
        b0, b1 = before[i]
    if _continues_tagged(r, i):
        return None
    if not text[b0:b1].strip() and p and not (i and quote_para[i - 1] == p - 1):
        return _announced(reader, text, paras[p - 1])
    if not text[b0:b1].strip() and p and i and quote_para[i - 1] == p - 1 and \
            tags[i - 1] is None and _new_sentence_after(text, quotes[i - 1], *after[i - 1],
                                                        dashes=True):
        # “…a walk.”--A short pause followed, and Mrs. Ashby began again.: narration
        # after the last quote, no tag of its own, announces the next speech
        return _announced(reader, text, after[i - 1])
    return tag_before(reader, text[b0:b1], b0)


def _leading_speaker(tag: Tag) -> bool:
    """Whether a tag ending the paragraph before a quote names who speaks it: a name, a
    pronoun, or a role given a verb of saying ("when the porter came back and said, both
    gravely and kindly:", "met by the butler, who said,"), not a description
    that only acts ("The door opened:") nor a vague one ("the lady said:", whom the
    description-coref sieve would have to find: read so, they cost the whole novel of The
    Age of Innocence four lines, round 34)."""
    return tag.kind in ("name", "pron", "first") or \
        tag.kind == "np" and personal(tag.who) and tag.cue not in ("action", "colon")


def _continues_tagged(r: _Reading, i: int) -> bool:
    """Whether quote i goes on with the speech before it across that one's tag
    (“It was,” she wrote, “a …”): the tag is the first part's, and so the speaker."""
    return bool(r.quotes[i].continues and _after_tagged(r, i))


def _after_tagged(r: _Reading, i: int) -> bool:
    """Whether only the tagged quote before it, in the same paragraph, and the narration
    between come before quote i (“No,” said Ann. “Go.”)."""
    return bool(i and r.quote_para[i - 1] == r.quote_para[i] and r.tags[i - 1] is not None
                and r.after[i - 1] == r.before[i])


def _announced(reader: Reader, text: str, para: tuple[int, int]) -> Tag | None:
    """The speaker a paragraph of narration announces by ending on a verb of saying ("Mr.
    Tuttle began.", "Mrs. Ashby began again."): the next paragraph's speech is theirs."""
    sent, off = last_sentence(text[para[0]:para[1]].rstrip())
    toks = tokens(sent, para[0] + off)
    k = skip_back(toks, len(toks) - 1, lambda w: not w[0].isalpha() or adverb_or_aux(w))
    if k < 1 or not speech_verb_at(toks, k) or toks[-1][0] != ".":
        return None
    tag = subject_before(reader, toks, k)
    if tag is None or tag.kind not in ("name", "pron", "first"):
        return None
    tag.cue = "explicit" if tag.cue == "action" else tag.cue
    return tag
