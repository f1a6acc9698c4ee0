"""Decide who speaks each quotation, and record which rule decided it.

First version: a speaker named beside the quote by a speech verb, in either word order
("Trotsky cried", "said Martov"), or a pronoun tag resolved to the last named person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FEMALE_PRONOUNS, GROUP_PRONOUNS, MALE_PRONOUNS, SPEECH_VERBS
from .quotes import Quote

NAME = r"(?:[A-Z][\w’'-]+\.?)(?:\s+(?:of\s+the\s+|de\s+|von\s+)?[A-Z][\w’'-]+)*"
WORD = re.compile(r"[A-Za-z’'-]+")
UNKNOWN = "Unknown speaker"


@dataclass
class Attribution:
    """Who speaks one quotation, which rule said so and how sure it is."""

    speaker: str
    cue: str
    confidence: float


def _tag_after(after: str) -> tuple[str, str] | None:
    """(speaker, cue) from narration that follows a quote: `, said Martov` / `, he said`."""
    words = WORD.findall(after[:80])
    if not words:
        return None
    lowered = [w.lower() for w in words]
    # "said Martov" / "cried an angry soldier"
    if lowered[0] in SPEECH_VERBS and len(words) > 1:
        m = re.match(r"\W*\w+\s+(" + NAME + ")", after)
        if m:
            return m.group(1), "explicit"
    # "Martov said" / "he said"
    for n in (1, 2, 3):
        if len(words) > n and lowered[n] in SPEECH_VERBS:
            head = " ".join(words[:n])
            if head.lower() in MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS:
                return head.lower(), "pronoun"
            if head[0].isupper():
                return head, "explicit"
    return None


def _tag_before(before: str) -> tuple[str, str] | None:
    """(speaker, cue) from narration that leads into a quote: `Khinchuk yelled,`."""
    m = re.search(r"(" + NAME + r")\s+(\w+)(?:\s+\w+)?[,:]?\s*$", before)
    if m and m.group(2).lower() in SPEECH_VERBS:
        return m.group(1), "explicit"
    return None


def attribute(text: str, quotes: list[Quote]) -> list[Attribution]:
    """One Attribution per quote, in order."""
    out: list[Attribution] = []
    last_named: str | None = None
    for i, q in enumerate(quotes):
        nxt = quotes[i + 1].open if i + 1 < len(quotes) else len(text)
        prev = quotes[i - 1].close if i else 0
        after = text[q.close:min(nxt, q.close + 120)]
        before = text[max(prev, q.open - 120):q.open]
        tag = _tag_after(after) or _tag_before(before)
        if tag and tag[1] == "pronoun":
            speaker = last_named or UNKNOWN
            out.append(Attribution(speaker, "pronoun", 0.6 if last_named else 0.2))
        elif tag:
            last_named = tag[0]
            out.append(Attribution(tag[0], "explicit", 0.9))
        elif i and quotes[i - 1].paragraph == q.paragraph and out:
            out.append(Attribution(out[-1].speaker, "continuation", out[-1].confidence))
        else:
            out.append(Attribution(UNKNOWN, "none", 0.0))
    return out
