"""The name a person goes by in the script, of the forms the text writes for them
(name_clusters.cluster_forms): the form written most, unless it is a bare surname that a
title or a given name makes clear ("Mr. Bradwell", not "Bradwell", beside Miss Bradwell:
choose_label).
"""
from __future__ import annotations

from collections import Counter

from .lexicon import NEUTRAL_TITLES, RANK_TITLES
from .names import GIVEN_TITLES, NameParts, parse_form, surname_keys


def shared_words(people: list[Counter]) -> set[str]:
    """Name words that appear in the forms of more than one person ("Bradwell")."""
    seen: Counter = Counter()
    for forms in people:
        seen.update({w for f in forms for w in f.split()})
    return {w for w, n in seen.items() if n > 1}


BARE_SURNAME_SHARE = 2
"""Times as often as its fuller forms together (a title's, a given name's) that a text must
write a bare surname for it to stay the person's label beside a form with the given name:
"Wyndham", written 269 times to 14 "Mr. Wyndham"; not "Crannock" of a chapter
that writes it 15 times to 8 "Mr. Crannock" and 5 "Josiah Crannock". A title alone says
no more whose the surname is ("Mr. Marlow" may be the father): with no given name's form
written twice, the bare surname stays (measured: the title's form too lost a passage of
half B five quotes)."""


def choose_label(forms: Counter, shared: set[str] = frozenset()) -> str:
    """The name a person goes by in the script: the form the text uses most, unless that is
    a bare surname and a title or a given name makes clear whose it is ("Mr. Bradwell", not
    "Bradwell", beside Miss Bradwell), where others share the surname; or a given name does
    and the text writes the fuller forms about as often (BARE_SURNAME_SHARE: the bare form
    alone says less, and a chapter's counts may tip either way where the whole book writes
    "Mr. Crannock" most); a given name before a title ("Edwin Marlow", not "Mr.
    Marlow", beside Mrs. Marlow: "Mr." may be his father too), and a shared one gives way to
    its role's title (lexicon.NEUTRAL_TITLES) even written once ("Major Calloway"). A bare
    surname that stays gives way to a form the text writes with a title and the given name
    ("Mr. Alden Hale" beside "Hale": _titled_surname), else with a rank's title ("Major
    Calloway": RANK_TITLES), which says whose it is and casts by its title."""
    best = max(forms, key=lambda f: (forms[f], len(f)))
    parts = parse_form(best)
    if parts.word is None or parts.title:
        return best
    # a full name written once is often a misreading ("the Lilas Dale ordered")
    fuller = [f for f in forms if forms[f] > 1 and _surname_in(parse_form(f), parts.word, forms)]
    if parts.word not in shared:
        # a given name says whose the surname is; a title alone may be a father's too
        given = [f for f in fuller if parse_form(f).given]
        if not given or forms[best] >= BARE_SURNAME_SHARE * sum(forms[f] for f in fuller):
            return _titled_surname(best, given, forms)
        fuller = given
    # shared, a bare surname says less than its role's title written once ("Major
    # Calloway" beside "Mrs. Calloway"): one person's, where "Mr." may be a father's too,
    # and no misreading of an untitled run
    fuller = fuller or [f for f in forms if parse_form(f).title in NEUTRAL_TITLES and
                        _surname_in(parse_form(f), parts.word, forms)]
    if not fuller:
        return best
    return max(fuller, key=lambda f: (bool(parse_form(f).given), forms[f], len(f)))


def _titled_surname(surname: str, given: list[str], forms: Counter) -> str:
    """The bare surname a person goes by, or else the form the text writes most that
    gives the person's title and given name ("Mr. Alden Hale" beside "Hale"), which says
    whose the surname is and the person's sex; with no such form, the one that gives a
    rank's title, even written once ("Major Calloway" beside "Calloway" three times), as
    choose_label takes it for a surname others share (not "Comrade": RANK_TITLES)."""
    titled = [f for f in given if parse_form(f).title and
              parse_form(f).title not in GIVEN_TITLES] or \
        [f for f in forms if parse_form(f).title in RANK_TITLES and
         _surname_in(parse_form(f), surname, forms)]
    return max(titled, key=lambda f: (forms[f], len(f))) if titled else surname


def _surname_in(parts: NameParts, word: str, forms: Counter) -> bool:
    """Whether a form gives ``word`` as a surname: "Hugh Staunton", "Mr. Staunton", and
    "Miss Bradwell" unless a form gives it as a given name ("Miss Christina"); the last word
    of a surname with particles too ("Hoeven" of "Mr. van der Hoeven": surname_keys)."""
    if word in surname_keys(parts.surname or ""):
        return True
    if word not in surname_keys(parts.word or "") or not parts.title:
        return False
    if parts.title not in GIVEN_TITLES:
        return True
    return parts.title == "miss" and not any(word in parse_form(f).given for f in forms)
