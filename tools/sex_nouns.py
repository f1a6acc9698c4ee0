#!/usr/bin/env python3
"""Regenerate drama/extract/data/sex_nouns_wordnet.txt: the nouns of a person of one sex
("signorina", "mother-in-law", "prima donna", "dad"), each with its sex, from WordNet.

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/index.noun and
data.noun, /usr/share/doc/wordnet-base/copyright).

The cut, decided before measuring it on any novel and never tuned on one:
- a synset names a woman when one of its words says so, as WordNet writes a sex into its
  words ("female person", "female parent": "female" between underscores or hyphens), else
  when the opening of its definition does, before a relative or a preposition ("a married
  man", "a distinguished female operatic singer"; not "an enlisted man or woman", "a
  preadolescent boy or girl", "both male and female", which name both): female, woman,
  girl, lady; a man likewise by male, man, boy, gentleman;
- a noun.person sense that is a class, not a named individual (WordNet's instances: "Terry"
  is Ellen Terry), has the sex of its synset, else the sex its hypernyms (followed up to
  the top) reach, when they reach one only: "signorina" is an "unmarried woman",
  "mother-in-law" a "mother, female parent", "dad" a "father, male parent";
- a noun (one word, or words joined by "_" in WordNet, written with spaces here) has the sex
  of its most frequent sense when WordNet counts how often its senses were seen (its tagged
  sense count above 0) and that sense is a person: "nurse", first "one skilled in caring for
  the sick", has none; without counts, the sex all its sexed person senses agree on: "prima
  donna" is "a vain and temperamental person" or "a female operatic star".

gender.role_sex and gender.word_sex read it, beside the hand lists there.

    apt-get install wordnet-base && python3 tools/sex_nouns.py
"""
from __future__ import annotations

import re
from pathlib import Path

from people_nouns import noun_synsets
from speaker_nouns import noun_senses
from speech_verbs import write_wordnet_list

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "sex_nouns_wordnet.txt"
PERSON_FILE = "18"
"""noun.person"""
SEX_WORDS = {"female": "f", "male": "m"}
"""The words of a synset that give it a sex, as a part between underscores or hyphens."""
GENUS_SEX = {"female": "f", "woman": "f", "women": "f", "girl": "f", "lady": "f",
             "male": "m", "man": "m", "men": "m", "boy": "m", "gentleman": "m"}
"""The words of a definition's opening that give it a sex ("a married man")."""
GENUS_END = re.compile(r"[;(]|\b(?:who|whom|whose|that|which|of|in|for|with|to|from|on|at|by|"
                       r"as|but)\b")
LEMMA = re.compile(r"[a-z]+(?:[-_][a-z]+)*")


def synsets() -> dict[str, tuple[str, list[str], str, list[str]]]:
    """noun synset offset -> (lexicographer file, or "named" for an instance of a class (a
    person named: "Terry", Ellen Terry), its words in lower case, its definition, its
    hypernyms' offsets)."""
    glosses = {}
    with open(WORDNET / "data.noun", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  "):
                glosses[line.split(" ", 1)[0]] = line.split(" | ", 1)[-1]
    return {offset: ("named" if named else lexfile, [w.lower() for w in words],
                     glosses[offset], up)
            for offset, (lexfile, words, up, named) in noun_synsets().items()}


def own_sex(words: list[str], gloss: str) -> str | None:
    """The sex a synset's words name, else the opening of its definition (before a
    relative or a preposition: "a married man", "a distinguished female operatic singer",
    not "an enlisted man or woman", "a boy or girl"), if one only."""
    found = {SEX_WORDS[part] for word in words for part in re.split(r"[-_]", word)
             if part in SEX_WORDS}
    if not found:
        genus = GENUS_END.split(gloss.lower(), 1)[0]
        found = {GENUS_SEX[w] for w in re.findall(r"[a-z]+", genus) if w in GENUS_SEX}
    return found.pop() if len(found) == 1 else None


def sense_sex(offset: str, nets, seen: dict[str, set[str]]) -> set[str]:
    """The sexes a synset names, itself or else through its hypernyms."""
    if offset not in seen:
        seen[offset] = set()    # a cycle reaches nothing
        _, words, gloss, up = nets[offset]
        sex = own_sex(words, gloss)
        seen[offset] = {sex} if sex else set().union(*(sense_sex(o, nets, seen) for o in up))
    return seen[offset]


def sex_nouns(nets) -> dict[str, str]:
    """noun -> m or f, by the cut above."""
    seen: dict[str, set[str]] = {}
    files = {offset: net[0] for offset, net in nets.items()}
    out = {}
    for lemma, tagged, senses, offsets in noun_senses(files, offsets=True, lemmas=LEMMA):
        persons = [o for o, file in zip(offsets, senses) if file == PERSON_FILE]
        if not persons or tagged and persons[0] != offsets[0]:
            continue
        sexes = set().union(*(sense_sex(o, nets, seen)
                              for o in (persons[:1] if tagged else persons)))
        if len(sexes) == 1:
            out[lemma.replace("_", " ")] = sexes.pop()
    return out


def main() -> None:
    nouns = sex_nouns(synsets())
    write_wordnet_list(OUT, [
        "# Nouns of a person of one sex, one \"noun m\" or \"noun f\" a line: from Princeton",
        "#   WordNet 3.0 (Debian package wordnet-base), a noun.person sense whose synset or",
        "#   hypernyms name a female or a male (\"female\"/\"male\" in their words, or the",
        "#   opening of their definition), its most frequent sense where WordNet counts them; see",
        "#   tools/sex_nouns.py. Regenerate with it; never edit by hand.",
    ], [f"{noun} {sex}" for noun, sex in nouns.items()])
    print(f"{len(nouns)} nouns -> {OUT}")


if __name__ == "__main__":
    main()
