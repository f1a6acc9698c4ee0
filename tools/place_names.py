#!/usr/bin/env python3
"""Regenerate drama/extract/data/place_names_wordnet.txt: the names WordNet knows only as
places ("England", "Granada", "Seville", "Ganges"): a name the text writes once, with a
stray "she" after it ("on her way to Aberdeen, and cared little what she thought"), is
no one.

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/index.noun and
data.noun).

The cut, decided by reading the list it gives, before measuring it on any novel, and never
tuned on one:
- a one-word noun (letters and hyphens) that WordNet spells capitalised in every sense;
- every sense of it is in noun.location (countries, regions, cities, towns) or noun.object
  (rivers, mountains, islands): none a person ("Paris", "Lincoln", "Winchester" the gun
  stay out), a people, a language, an artefact or a time;
- it is no given name of the package's given-name lists ("Florence", "Nancy", "Lydia").
A town of the lists may still be someone's surname ("Halifax Tobin", "Walter Aberdeen"):
the cast reads a listed place as no one only when the text gives it no person's evidence
(cast/character.Character.place_like).

    apt-get install wordnet-base && python3 tools/place_names.py
"""
from __future__ import annotations

from pathlib import Path

from people_nouns import noun_synsets, proper_nouns
from speech_verbs import write_wordnet_list

OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "place_names_wordnet.txt"
PLACE_FILES = {"15", "17"}
"""noun.location, noun.object"""


def place_names() -> set[str]:
    return {lemma for lemma, senses in proper_nouns(noun_synsets()).items()
            if all(lex in PLACE_FILES for lex, _, _, _ in senses)}


def main() -> None:
    names = place_names()
    write_wordnet_list(OUT, [
        "# Names of places, one a line, lower case: from Princeton WordNet 3.0 (Debian",
        "#   package wordnet-base), the one-word nouns spelt capitalised in every sense,",
        "#   every sense in noun.location or noun.object, less the given-name lists' names;",
        "#   see tools/place_names.py. Regenerate with it; never edit by hand.",
    ], names)
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
