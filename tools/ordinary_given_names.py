#!/usr/bin/env python3
"""Regenerate drama/extract/data/given_names_ordinary_words.txt: given names of the name
lists that are mostly ordinary English words ("Frank", "Rose", "Will", "Major", "Mark").

Source: Princeton WordNet 3.0 (Debian package wordnet-base), as for tools/speech_verbs.py,
and the given-name lists drama/extract/data/given_names_{female,male}.txt. The cut, decided
before looking at any novel:
- one of the word's senses that SemCor tagged (index.*'s tagsense_cnt: the first senses)
  is written in lower case in its synset (frank, adjective; not "Mary", a proper noun);
- its lower-case synsets outnumber its capitalised ones ("john", a toilet once and the
  apostle, a king and a gospel: a name).

Used by characters.Cast._word_before_predicate_noun: such a word written capitalised only
once, opening a sentence before "is"/"was" and a noun phrase that names no person, is no
name ("Frank was the word for it." is an adjective; "Frank was a quiet man" is a man).

    apt-get install wordnet-base && python3 tools/ordinary_given_names.py
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from speech_verbs import WORDNET, write_wordnet_list

DATA = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data"
OUT = DATA / "given_names_ordinary_words.txt"
POS = ("noun", "verb", "adj", "adv")


def given_names() -> set[str]:
    names = set()
    for sex in ("female", "male"):
        with open(DATA / f"given_names_{sex}.txt", encoding="utf-8") as f:
            names |= {ln.strip() for ln in f if ln.strip() and not ln.startswith("#")}
    return names


def synset_words(data, offset: str) -> list[str]:
    data.seek(int(offset))
    rec = data.readline().decode("utf-8").split()
    return [rec[4 + 2 * i].split("(")[0] for i in range(int(rec[3], 16))]


def ordinary_words(names: set[str]) -> set[str]:
    tagged_lower: set[str] = set()
    lower, upper = Counter(), Counter()
    for pos in POS:
        with open(WORDNET / f"index.{pos}", encoding="utf-8") as index, \
                open(WORDNET / f"data.{pos}", "rb") as data:
            for line in index:
                fields = line.split()
                if line.startswith(" ") or fields[0] not in names:
                    continue
                word, pointers = fields[0], int(fields[3])
                tagged = int(fields[5 + pointers])
                for i, offset in enumerate(fields[6 + pointers:]):
                    in_lower = word in synset_words(data, offset)
                    (lower if in_lower else upper)[word] += 1
                    if in_lower and i < tagged:
                        tagged_lower.add(word)
    return {w for w in tagged_lower if lower[w] > upper[w]}


def main() -> None:
    words = ordinary_words(given_names())
    write_wordnet_list(OUT, [
        "# Given names of given_names_female.txt and given_names_male.txt that are mostly",
        "#   ordinary words, one a line: from Princeton WordNet 3.0 (Debian package",
        "#   wordnet-base), a SemCor-tagged sense written in lower case and more lower-case",
        "#   synsets than capitalised ones; see tools/ordinary_given_names.py. Regenerate",
        "#   with it; never edit by hand.",
    ], words)
    print(f"{len(words)} names -> {OUT}")


if __name__ == "__main__":
    main()
