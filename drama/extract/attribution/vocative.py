"""Vocatives: the name a quote calls out ("My dear Mr. Bennet, …"), found in one place."""
from __future__ import annotations

import re

from ..lexicon import NOT_NAMES, TITLES
from ..quotes import Quote
from .reader import Reader
from .who import Who

VOCATIVE = re.compile(r"(?:^|[,!?;—-]\s*|\b(?:dear|my|Oh|oh|O)\s+)"
                      r"((?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord|Madame|Monsieur)\.?\s+)?"
                      r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*(?=[,!?.;]|$)")


def vocative(reader: Reader, text: str, q: Quote, alone: bool = False) -> Who | None:
    """Someone the quote addresses by name: "My dear Mr. Bennet, …", "…, Jake.". A name
    said alone (no more of the speech follows in the paragraph), and not called out with
    "!", addresses nobody: an echo ("“Fagin,” cried the girl, recoiling"), a question about
    someone ("“Mr. Campbell?”"), an answer ("“Robert Cohn.”")."""
    inner = text[q.start:q.end]
    for m in VOCATIVE.finditer(inner):
        form = m.group(1)
        first = form.split()[0]
        if first.lower().rstrip(".") in NOT_NAMES and first.lower().rstrip(".") not in TITLES:
            continue
        ch = reader.cast.character(form)
        if ch is not None:
            rest = inner[:m.start(1)] + inner[m.end(1):]
            if alone and not any(c.isalnum() or c == "!" for c in rest):
                return None
            return reader.who_of_character(ch)
    return None


def called(p, i, spoken_para, prevq, para_first, addressed, vocative, qpara) -> Who | None:
    """The person the line before called by name, if they are not its own speaker or the one
    this line calls: who answers."""
    pp = prevq.get(p, -1)
    j1 = para_first.get(pp)
    if j1 is None:
        return None
    adr = addressed[j1] or vocative[j1]
    j = j1 + 1
    while j < i and qpara[j] == pp:
        adr = vocative[j] or adr        # "Don't make such a row," … "Show a glim, Toby."
        j += 1
    prev1 = spoken_para.get(pp)
    if adr is None or adr.key[0] not in "cn" or prev1 is not None and adr.key == prev1.key or \
            vocative[i] is not None and vocative[i].key == adr.key:
        return None
    return adr


