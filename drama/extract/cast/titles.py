"""Stage: titles and honorifics. How name forms write a title ("Mr.", "Mlle."), the
title's name ("Dr." is "doctor"), and the person a title stands for ("the Major": Major
Calloway)."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import ABBREVIATED_TITLES, RANKS, TITLE_ABBREVIATIONS, TITLES
from .character import Character


class TitleLookup:
    """Cast's queries by title: the one person the text gives a title, its usual bearer."""

    def titled(self, title: str) -> Character | None:
        """The one character the text gives this title ("the doctor"), if exactly one."""
        ids = self._by_title.get(_title_name(title), ())
        return self._ch_by_id[next(iter(ids))] if len(ids) == 1 else None

    def usual_bearer(self, title: str) -> Character | None:
        """The person the text gives this title far more often than anyone else (four times
        as often as all the others together): "her ladyship" is Lady Honoria, named with
        "Lady" 108 times, beside a Lady Ormsby named 16 times."""
        t = _title_name(title)
        counts: Counter = Counter()
        for i in self._by_title.get(t, ()):
            counts[i] = _titled_mentions(self._ch_by_id[i], t)
        if not counts:
            return None
        best, n = counts.most_common(1)[0]
        return self._ch_by_id[best] if n >= 4 * (sum(counts.values()) - n) else None

    def _title_bearer(self, title: str) -> Character | None:
        """The person a bare title stands for ("the Major": Major Pell): its usual
        bearer, when the text names that person with the title at least as often as it
        writes the title alone, or names them so before it first writes the title alone
        (_named_first). "The General" a hundred times, then one "General Stoke", is a
        general of his own; but a rank of the nobility ("the Marchioness") is the one
        person the text names with it ("Marchioness Stoke"), however often it stands
        alone."""
        if title.lower() not in TITLES:
            return None
        if title.lower() in RANKS and self.titled(title) is not None:
            return self.titled(title)
        bearer = self.usual_bearer(title)
        if bearer is None:
            return None
        named = _titled_mentions(bearer, _title_name(title))
        if named >= self.form_count[title] or self._named_first(bearer, title):
            return bearer
        return None

    def _named_first(self, bearer: Character, title: str) -> bool:
        """Whether the text names the bearer with the title and a name ("Major Pell")
        before it first writes the title alone ("the Major"): the bare title then refers
        back to the one it has introduced, however seldom it repeats the name."""
        t = _title_name(title)
        for _, _, form in self.mentions:
            if form == title:
                return False
            if form in bearer.forms and " " in form and _title_name(form.split()[0]) == t:
                return True
        return False


def written_title(title: str) -> str:
    """A title as name forms write it: with its dot when it is a shortened one ("Mr.",
    "Mlle.", "M."), whether or not this text writes the dot; each of several ("Lt. Col")."""
    return " ".join(t + "." if t.lower() in ABBREVIATED_TITLES else t
                    for t in re.findall(r"[^\W\d_]+", title))


def _titled_mentions(ch: Character, title: str) -> int:
    """How often the text names a character with this title (as _title_name gives it) and a
    name after it: "Major Calloway", not a bare "the Major"."""
    return sum(n for f, n in ch.forms.items() if " " in f and _title_name(f.split()[0]) == title)


def _title_name(t: str) -> str:
    t = t.rstrip(".").lower()
    return {"mr": "mister", **TITLE_ABBREVIATIONS}.get(t, t)
