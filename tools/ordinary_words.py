#!/usr/bin/env python3
"""Regenerate drama/extract/data/ordinary_words_wordnet.txt: English adjectives and common
nouns, one a line, lower case.

Source: Princeton WordNet 3.0 (Debian package wordnet-base), as for tools/speech_verbs.py:
- every one-word lemma of index.adj ("provisional", "second");
- every one-word noun that data.noun writes in lower case in one of its senses at least
  ("government", "congress", "reed"): a common noun. Proper nouns only ("Lenin", "Moscow"),
  which WordNet writes with a capital, are left out.

Used by casting.lexicon.suggest_words: a word capitalised in a title or a proper noun's
phrase ("the Provisional Government", "the Second Congress") and never written in lower
case in the text is still an ordinary word, which espeak-ng pronounces by its rules as
such, not a name to respell.

    apt-get install wordnet-base && python3 tools/ordinary_words.py
"""
from __future__ import annotations

from pathlib import Path

from speech_verbs import WORDNET, write_wordnet_list

OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "ordinary_words_wordnet.txt"


def adjectives() -> set[str]:
    with open(WORDNET / "index.adj", encoding="utf-8") as f:
        return {w for w, *_ in (line.split() for line in f if not line.startswith(" "))
                if w.isalpha()}


def common_nouns() -> set[str]:
    """The one-word nouns some synset of data.noun writes in lower case."""
    out = set()
    with open(WORDNET / "data.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue  # the licence
            fields = line.split()
            count = int(fields[3], 16)
            for word in fields[4:4 + 2 * count:2]:
                if word.isalpha() and word[0].islower():
                    out.add(word)
    return out


def main() -> None:
    header = ["# English adjectives and common nouns, one a line, lower case (a few, cDNA,",
              "#   as WordNet writes them): the one-word lemmas of Princeton WordNet 3.0's",
              "#   index.adj, and the one-word nouns its data.noun writes in lower case in a",
              "#   sense at least (Debian package wordnet-base); see tools/ordinary_words.py.",
              "#   Regenerate with it; never edit by hand."]
    write_wordnet_list(OUT, header, adjectives() | common_nouns())


if __name__ == "__main__":
    main()
