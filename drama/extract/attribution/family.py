"""Families of the cast: who carries which surname under which title, for the ties a tag
names ("his wife" is the "Mrs." of his surname)."""
from __future__ import annotations

from collections import defaultdict

from ..cast import Cast
from ..cast.character import Character
from ..lexicon import TITLES, given_name_sex
TIE_SEX = {"mother": "f", "wife": "f", "sister": "f", "daughter": "f", "aunt": "f",
           "peeress": "f", "father": "m", "husband": "m", "brother": "m", "son": "m",
           "uncle": "m", "peer": "m"}
TIE_TITLE = {"mother": "mrs", "wife": "mrs", "father": "mr", "husband": "mr",
             "peeress": "lady", "peer": "lord"}
"""The title the relative carries (a mother is "Mrs. Ashby"); siblings and children share
the surname under any title."""


class Families:
    """The surnames and titles of a cast's characters, from the forms the text uses."""

    def __init__(self, cast: Cast):
        self.titled: dict[str, list[tuple[str, Character]]] = defaultdict(list)
        """title ("mrs", "lady") -> (surname or given name, character) of each titled form."""
        self.birth: dict[int, set[str]] = defaultdict(set)
        """id(character) -> surnames not taken by marriage: a man's, a "Miss X"'s."""
        self.married: dict[int, set[str]] = defaultdict(set)
        """id(character) -> surnames of "Mrs. X" forms."""
        self.of_surname: dict[str, list[Character]] = defaultdict(list)
        for ch in cast.characters:
            if ch.place_like or ch.thing_like:
                continue
            for form in ch.forms:
                self._add(ch, form.split())

    def _add(self, ch: Character, words: list[str]) -> None:
        if len(words) < 2 or not words[-1][:1].isupper():
            return
        title = words[0].rstrip(".").lower()
        name = words[-1]
        if title in TITLES:
            self.titled[title].append((name, ch))
            if len(words) == 2 and given_name_sex(name):
                return      # "Lady Honoria", "Miss Lettice": a given name, not the family's
        if title == "mrs":
            self.married[id(ch)].add(name)
        elif title == "miss" or ch.gender != "f":
            # a woman's "Jane Smith" may be her married name: only "Miss" says it is not
            self.birth[id(ch)].add(name)
        if ch not in self.of_surname[name]:
            self.of_surname[name].append(ch)

    def relatives(self, ch: Character, tie: str) -> list[Character]:
        """The characters with this tie to ch by the family's surname: his wife the "Mrs."
        of his surname, her father the "Mr." of hers, a sister another woman of it, a
        Mrs.'s daughter a woman of her married name (none when the text gives ch no
        surname, and none for aunts and uncles)."""
        names = self._family_names(ch, tie)
        title = TIE_TITLE.get(tie)
        if not names or tie in ("aunt", "uncle", "peeress", "peer"):
            return []
        if title is not None:
            return [c for n, c in self.titled.get(title, ()) if n in names and c is not ch]
        sex = TIE_SEX[tie]
        return [c for n in names for c in self.of_surname.get(n, ())
                if c is not ch and c.gender == sex and
                not (sex == "f" and n in self.married[id(c)] and not self.birth[id(c)])]

    def _family_names(self, ch: Character, tie: str) -> set[str]:
        """The surnames ch shares with the relative: a wife's husband carries her married
        name, her children her married name too ("her daughter" of Mrs. Farrow: Miss
        Farrow), anyone else's relatives the name ch was born to."""
        if tie == "husband":
            return self.married[id(ch)]
        if tie in ("son", "daughter"):
            return self.birth[id(ch)] | self.married[id(ch)]
        return self.birth[id(ch)]

    def of_rank(self, tie: str, ch: Character | None = None) -> list[Character]:
        """Anyone carrying the tie's title ("her ladyship": a Lady; "her aunt": a Mrs.), but
        not of ch's own family."""
        title = TIE_TITLE.get(tie) or {"aunt": "mrs", "uncle": "mr"}.get(tie)
        family = self.birth[id(ch)] if ch is not None else set()
        return [c for n, c in self.titled.get(title, ()) if n not in family and c is not ch]
