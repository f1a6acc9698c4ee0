#!/usr/bin/env python3
"""Regenerate drama/extract/data/finite_verbs_wordnet.txt: verb forms that can follow a
singular subject, "Rose went", "Mark is", "Drew looks".

Source: Princeton WordNet 3.0, as for tools/speech_verbs.py (Debian package wordnet-base):
- every irregular inflection in verb.exc but the -ing ones ("went", "took", "is", "has");
- the third-person -s form of every one-word verb lemma in index.verb, by the regular
  spelling rules ("looks", "pushes", "cries");
- the English modal auxiliaries, a closed class every grammar of English lists
  ("could", "would"), which WordNet has no verb entries for.
Regular pasts are not listed: lexicon.a_verb_form takes a word in -ed for one when the -s
form of its stem is listed ("walked": "walks").

Used by characters.Cast._a_verb: a given name opening a sentence is taken for a name only
before a verb ("Rose went to the door" but not "Rose early, and went down").

    apt-get install wordnet-base && python3 tools/finite_verbs.py
"""
from __future__ import annotations

from pathlib import Path

from speech_verbs import WORDNET, write_wordnet_list

OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "finite_verbs_wordnet.txt"
MODALS = ["can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought"]


def irregular_forms() -> set[str]:
    with open(WORDNET / "verb.exc", encoding="utf-8") as f:
        return {form for form, *_ in (line.split() for line in f)
                if form.isalpha() and not form.endswith("ing")}


def lemmas() -> set[str]:
    with open(WORDNET / "index.verb", encoding="utf-8") as f:
        return {w for w, *_ in (line.split() for line in f if not line.startswith(" "))
                if w.isalpha()}


def third_person(w: str) -> str:
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def main() -> None:
    forms = irregular_forms() | {third_person(w) for w in lemmas()} | set(MODALS)
    write_wordnet_list(OUT, [
        "# Finite verb forms that can follow a singular subject, one a line: from Princeton",
        "#   WordNet 3.0 (Debian package wordnet-base), verb.exc's irregular forms (not -ing),",
        "#   the -s form of each one-word lemma of index.verb, and the English modal",
        "#   auxiliaries; see tools/finite_verbs.py. Regenerate with it; never edit by hand.",
    ], forms)
    print(f"{len(forms)} forms -> {OUT}")


if __name__ == "__main__":
    main()
