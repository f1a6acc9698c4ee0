#!/usr/bin/env python3
"""Regenerate drama/extract/data/time_nouns_wordnet.txt: the nouns of a day, a part of a day,
a day of the week and the longer spans a story skips ("morning", "evening", "Sunday",
"week", "year"), by which a paragraph opening "The next morning", "That evening", "Two
days later" or "On Sunday" starts a new scene (structure.TIME_OPENING).

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/data.noun and
/usr/share/doc/wordnet-base/copyright).

The cut, decided before measuring it on any novel and never tuned on one: the one-word
lemmas of these noun.time synsets and of their direct hyponyms (one step), as WordNet spells
them, when the lemma's most frequent noun sense is one of them ("sun" is the star first,
"fall" the autumn) and WordNet lists it as no adjective or adverb ("even", "dark", "today"
are not read as times):
- day.n.01 (a day of twenty-four hours: day, morrow),
- day.n.04 (daytime: afternoon, evening), morning.n.01, night.n.01,
- time_of_day.n.01's hyponyms (noon, midnight, dawn, daybreak, sundown, dusk, nightfall,
  bedtime; not "hour" itself: "An hour later" is most often the same scene),
- weekday.n.01 and rest_day.n.01 (Monday ... Saturday, Sunday),
- week.n.01, fortnight.n.01, calendar_month.n.01, year.n.01 (the spans "later" skips).

    apt-get install wordnet-base && python3 tools/time_nouns.py
"""
from __future__ import annotations

import re
from pathlib import Path

from people_nouns import noun_synsets
from speaker_nouns import adjectives_and_adverbs, lexicographer_files, noun_senses
from speech_verbs import write_wordnet_list

OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "time_nouns_wordnet.txt"
ROOTS = [("day", 1), ("day", 4), ("morning", 1), ("night", 1), ("weekday", 1),
         ("rest_day", 1), ("week", 1), ("fortnight", 1), ("calendar_month", 1), ("year", 1)]
"""The synsets (lemma, sense number in index.noun) whose lemmas and direct hyponyms count."""
TIME_OF_DAY = ("time_of_day", 1)    # its hyponyms only
NOUN_TIME = "28"                    # lexicographer file noun.time
LEMMA = re.compile(r"[a-z]+(?:_[a-z]+)*")


def time_nouns() -> set[str]:
    """The one-word nouns the cut above keeps, as WordNet spells them."""
    nets = noun_synsets()
    first = {lemma: offsets for lemma, _, _, offsets in
             noun_senses(lexicographer_files(), offsets=True, lemmas=LEMMA)}
    roots = {first[lemma][sense - 1] for lemma, sense in ROOTS}
    time_of_day = first[TIME_OF_DAY[0]][TIME_OF_DAY[1] - 1]
    counted = roots | {o for o, (_, _, hypernyms, _) in nets.items()
                       if roots & set(hypernyms) or time_of_day in hypernyms}
    counted = {o for o in counted if nets[o][0] == NOUN_TIME}
    other = adjectives_and_adverbs()
    return {word for o in counted for word in nets[o][1]
            if word.isalpha() and first[word.lower()][0] in counted and
            word.lower() not in other}


def main() -> None:
    words = time_nouns()
    write_wordnet_list(OUT, [
        "# Nouns of a day, a part of a day, a day of the week, a week, month or year, one a",
        "#   line: from Princeton WordNet 3.0 (Debian package wordnet-base), the noun.time",
        "#   synsets day.n.01, day.n.04, morning.n.01, night.n.01, weekday.n.01, rest_day.n.01,",
        "#   week.n.01, fortnight.n.01, calendar_month.n.01, year.n.01 and their direct hyponyms,",
        "#   and time_of_day.n.01's hyponyms, a lemma kept when its first noun sense is one of",
        "#   them and it is no adjective or adverb; see tools/time_nouns.py. Regenerate with",
        "#   it; never edit by hand.",
    ], words)
    print(f"{len(words)} nouns -> {OUT}")


if __name__ == "__main__":
    main()
