#!/usr/bin/env python3
"""Regenerate drama/extract/data/people_nouns_wordnet.txt: the capitalised nouns of a people
or a faith ("Englishman", "Indian", "Hindu", "Moslem", "Methodist"): words that name what a
person is, written with a capital as English writes them, never whom.

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/index.noun and
data.noun).

The cut, decided by reading the list it gives, before measuring it on any novel, and never
tuned on one:
- a one-word noun (letters and hyphens) that WordNet spells capitalised in every sense (a
  people, its language: a proper word; "badger" is an animal too, "moor" a stretch of
  land, "paddy" a field, "quaker" a trembler);
- one of its senses is a noun.person synset that is a class of people, not one person (no
  instance hypernym: "Englishman", not "Einstein"), and descends, by hypernyms, from
  "inhabitant" (a person of a place: the demonyms), "religious person" or "follower" (an
  adherent of a faith or a school);
- it is no given name of the package's given-name lists ("Frank", "Norman", "Dane" stay
  possible names). "Brother" and "friend" are not listed either (spelt in lower case).

    apt-get install wordnet-base && python3 tools/people_nouns.py
"""
from __future__ import annotations

from pathlib import Path

from speaker_nouns import WORD, WORDNET
from speech_verbs import write_wordnet_list

DATA = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data"
OUT = DATA / "people_nouns_wordnet.txt"
PERSON_FILE = "18"
"""noun.person"""
ROOTS = {"inhabitant", "religious_person", "follower"}
"""The first words of the synsets whose descendants are peoples and faiths."""


def noun_synsets() -> dict[str, tuple[str, list[str], list[str], bool]]:
    """synset offset -> (lexicographer file, its words as spelt, hypernym offsets, whether
    it is an instance), from data.noun."""
    out = {}
    with open(WORDNET / "data.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            n = int(parts[3], 16)
            words = [parts[4 + 2 * i].split("(")[0] for i in range(n)]
            p = 4 + 2 * n
            pointers = [(parts[p + 1 + 4 * i], parts[p + 2 + 4 * i])
                        for i in range(int(parts[p]))]
            out[parts[0]] = (parts[1], words, [o for s, o in pointers if s == "@"],
                             any(s == "@i" for s, _ in pointers))
    return out


def descends(synsets, offset: str, roots: set[str]) -> bool:
    """Whether a synset is a root or descends from one, by hypernyms."""
    todo, seen = [offset], set()
    while todo:
        o = todo.pop()
        if o in roots:
            return True
        if o not in seen:
            seen.add(o)
            todo.extend(synsets[o][2])
    return False


def given_names() -> set[str]:
    out = set()
    for name in ("given_names_female.txt", "given_names_male.txt"):
        with open(DATA / name, encoding="utf-8") as f:
            out |= {w.strip() for w in f if w.strip() and not w.startswith("#")}
    return out


def proper_nouns(synsets) -> dict[str, list[tuple[str, list[str], list[str], bool]]]:
    """One-word nouns (letters and hyphens) WordNet spells capitalised in every sense, and no
    given name of the lists: lemma -> its senses (noun_synsets' tuples), from index.noun."""
    given = given_names()
    out = {}
    with open(WORDNET / "index.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0]
            senses = [synsets[o] for o in fields[6 + int(fields[3]):]]
            spelt = next((w for w in senses[0][1] if w.lower() == lemma), "")
            if WORD.fullmatch(lemma) and lemma not in given and spelt[:1].isupper() and \
                    all(spelt in words for _, words, _, _ in senses):
                out[lemma] = senses
    return out


def people_nouns() -> set[str]:
    synsets = noun_synsets()
    roots = {o for o, (lex, words, _, _) in synsets.items()
             if lex == PERSON_FILE and words[0] in ROOTS}
    return {lemma for lemma, senses in proper_nouns(synsets).items()
            if any(_a_people(synsets, s, roots) for s in senses)}


def _a_people(synsets, sense, roots: set[str]) -> bool:
    """Whether a sense is a class of people of a place or a faith."""
    lex, _, hypernyms, instance = sense
    return lex == PERSON_FILE and not instance and \
        any(descends(synsets, o, roots) for o in hypernyms)


def main() -> None:
    nouns = people_nouns()
    write_wordnet_list(OUT, [
        "# Nouns of a people or a faith, one a line, lower case: from Princeton WordNet 3.0",
        "#   (Debian package wordnet-base), the one-word nouns spelt capitalised in every",
        "#   sense, one of which is a class of people in noun.person descending from",
        "#   inhabitant, religious person or follower, less the given-name lists' names;",
        "#   see tools/people_nouns.py. Regenerate with it; never edit by hand.",
    ], nouns)
    print(f"{len(nouns)} nouns -> {OUT}")


if __name__ == "__main__":
    main()
