#!/usr/bin/env python3
"""Regenerate drama/extract/data/speaker_nouns_wordnet.txt: the nouns that can name someone
who speaks (a person, a creature, a group), from WordNet; and
drama/extract/data/person_nouns_wordnet.txt: the nouns that name a person first.

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/index.noun and
data.noun, /usr/share/doc/wordnet-base/copyright).

The cut, decided before measuring it on any novel and never tuned on one:
- a noun sense can speak when its lexicographer file is noun.person, noun.animal,
  noun.group or noun.Tops (the top concepts: "person", "animal", "being");
- a one-word noun is listed when one of its senses can speak and, if WordNet ranks its
  senses by how often they were seen (index.noun's tagged sense count above 0), its most
  frequent sense can: "girl", "croupier", "hunchback" (no counts, one sense a person) are
  listed; "face" and "hand" (most often a body part), "moment", "cloak" are not.

A description whose head noun is not listed names no one who can speak ("her pale face",
"the red cloak made"): lexicon.speaker_noun reads the list.

The second list, the nouns of a person, decided the same way: a one-word noun whose first
sense in index.noun (the most frequent one, when WordNet counts them) is in noun.person
("watchman", "turnkey", "tinker"), and that index.adj does not list as an adjective ("a
great lubberly fellow", "a white ..." are not a "great" or a "white") nor index.adv as an
adverb ("a little longer", "a little closer" bring in no "longer" or "closer": WordNet's
person senses of the comparatives), and that this first sense spells in lower case (a
common noun: "a villa", "a garland", "a tell" bring in no Pancho Villa, Judy Garland or
William Tell), and more than half of whose senses are persons ("with a jerk", "a coach
drove by", "a spirit of", "a tiger" are no one: one sense of six, two of five); groups ("a
bunch", "a board") and animals are not persons. lexicon.person_noun reads it.

    apt-get install wordnet-base && python3 tools/speaker_nouns.py
"""
from __future__ import annotations

import re
from pathlib import Path

from speech_verbs import write_wordnet_list

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "speaker_nouns_wordnet.txt"
SPEAKING_FILES = {"03", "05", "14", "18"}
"""noun.Tops, noun.animal, noun.group, noun.person"""
PERSON_FILE = "18"
"""noun.person"""
PERSON_OUT = OUT.with_name("person_nouns_wordnet.txt")
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def lexicographer_files() -> dict[str, str]:
    """synset offset -> its lexicographer file number (data.noun)."""
    out = {}
    with open(WORDNET / "data.noun", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  "):
                offset, lexfile = line.split(" ", 2)[:2]
                out[offset] = lexfile
    return out


def noun_senses(files: dict[str, str], offsets: bool = False, lemmas: re.Pattern = WORD):
    """(lemma, tagged sense count, lexicographer file of each sense in WordNet's order) for
    each one-word noun of index.noun (each noun whose lemma `lemmas` matches); with offsets,
    the senses' synset offsets after."""
    with open(WORDNET / "index.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, pointers = fields[0], int(fields[3])
            if lemmas.fullmatch(lemma):
                found = fields[6 + pointers:]
                yield (lemma, int(fields[5 + pointers]), [files[o] for o in found],
                       *((found,) if offsets else ()))


def speaker_nouns(files: dict[str, str]) -> set[str]:
    """The one-word nouns the cut above keeps."""
    return {lemma for lemma, tagged, senses in noun_senses(files)
            if SPEAKING_FILES & set(senses) and (tagged == 0 or senses[0] in SPEAKING_FILES)}


def person_nouns(files: dict[str, str]) -> set[str]:
    """The one-word nouns whose first sense is a person, spelt in lower case there, most
    of whose senses are persons, and that are no adjective or adverb."""
    other = adjectives_and_adverbs()
    spelt = synset_words()
    return {lemma for lemma, _, senses, offsets in noun_senses(files, offsets=True)
            if senses[0] == PERSON_FILE and lemma not in other and lemma in spelt[offsets[0]]
            and senses.count(PERSON_FILE) * 2 > len(senses)}


def adjectives_and_adverbs() -> set[str]:
    """The lemmas WordNet lists as adjectives or adverbs (index.adj, index.adv)."""
    other = set()
    for index in ("index.adj", "index.adv"):
        with open(WORDNET / index, encoding="utf-8") as f:
            other |= {line.split(" ", 1)[0] for line in f if not line.startswith("  ")}
    return other


def synset_words() -> dict[str, set[str]]:
    """noun synset offset -> its words as WordNet spells them ("Tell", "William_Tell")."""
    out = {}
    with open(WORDNET / "data.noun", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  "):
                parts = line.split()
                n = int(parts[3], 16)
                out[parts[0]] = {parts[4 + 2 * i] for i in range(n)}
    return out


def main() -> None:
    files = lexicographer_files()
    nouns = speaker_nouns(files)
    write_wordnet_list(OUT, [
        "# Nouns that can name a speaker, one a line: from Princeton WordNet 3.0 (Debian",
        "#   package wordnet-base), the one-word nouns with a sense in noun.person,",
        "#   noun.animal, noun.group or noun.Tops that is their most frequent sense (or that",
        "#   have no sense counts); see tools/speaker_nouns.py. Regenerate with it; never",
        "#   edit by hand.",
    ], nouns)
    print(f"{len(nouns)} nouns -> {OUT}")
    persons = person_nouns(files)
    write_wordnet_list(PERSON_OUT, [
        "# Nouns of a person, one a line: from Princeton WordNet 3.0 (Debian package",
        "#   wordnet-base), the one-word nouns whose first sense in index.noun is in",
        "#   noun.person, spelt in lower case there, more than half of whose senses are",
        "#   in noun.person, and that neither index.adj nor index.adv lists; see",
        "#   tools/speaker_nouns.py.",
        "#   Regenerate with it; never edit by hand.",
    ], persons)
    print(f"{len(persons)} nouns -> {PERSON_OUT}")


if __name__ == "__main__":
    main()
