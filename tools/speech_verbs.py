#!/usr/bin/env python3
"""Regenerate drama/extract/data/speech_verbs_wordnet.txt: verbs of saying, in the past tense,
from WordNet.

Source: Princeton WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University; its
licence allows use, copying and redistribution with its notice, which the generated file
carries), as shipped in Debian's package wordnet-base (/usr/share/wordnet/data.verb and
verb.exc, /usr/share/doc/wordnet-base/copyright).

The cut, decided before measuring it on any novel and never tuned on one:
- a verb sense counts when it belongs to the lexicographer file verb.communication and is
  one of these senses of saying, or a more specific sense under one of them (WordNet's
  hyponym links, followed all the way down): say/state/tell, express/utter/verbalize,
  talk/speak, exclaim/cry/shout, answer/reply/respond, ask/inquire, note/observe/remark,
  assent/accede/acquiesce, interject/interpose;
- and, below those senses themselves, only when WordNet gives it the sentence frame
  "Somebody ----s that CLAUSE" (frame 26): the frame of a verb that can report words
  ("whisper", "retort"; not "lease" or "sign", also below "express");
- one-word lemmas only; each is listed in its past tense (verb.exc's irregular forms, else
  the regular spelling rules), the form a speech tag uses ("assented Mr. Astley").

The extractor's own list (lexicon.SPEECH_VERBS) is this list and the hand list beside it.

It also writes data/speech_phrasal_verbs_wordnet.txt: the verbs of saying made of a verb and
its particle, one "verb particle" a line in the past tense ("broke in", "went on"), which say
words only with that particle after them. They are the two-word lemmas of WordNet's two
verb.communication senses of taking one's turn in a talk (PHRASAL_SENSES): "break into a
conversation" (chime in, cut in, put in, butt in, chisel in, barge in, break in) and
"continue talking" (go on, carry on).

    apt-get install wordnet-base && python3 tools/speech_verbs.py
"""
from __future__ import annotations

import re
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parents[1] / "drama" / "extract" / "data" / \
    "speech_verbs_wordnet.txt"
ROOTS = {
    "01009258": "state, say, tell",
    "00940402": "express, verbalize, utter",
    "00942008": "talk, speak, utter",
    "00912066": "exclaim, cry, shout",
    "00815704": "answer, reply, respond",
    "00784360": "ask, inquire",
    "01020023": "note, observe, remark",
    "00804157": "assent, accede, acquiesce",
    "00914787": "interject, interpose",
}
PHRASAL_OUT = OUT.with_name("speech_phrasal_verbs_wordnet.txt")
PHRASAL_SENSES = {
    "00780209": "break into a conversation: chime in, cut in, put in, break in",
    "00781018": "continue talking: continue, go on, carry on, proceed",
}
COMMUNICATION = "32"     # lexicographer file verb.communication
THAT_CLAUSE = 26         # frame "Somebody ----s that CLAUSE"
VOWELS = "aeiou"


def read_synsets() -> dict[str, tuple[str, list[str], list[str], set[int]]]:
    """offset -> (lexicographer file, lemmas, hyponym offsets, frame numbers)."""
    out = {}
    with open(WORDNET / "data.verb", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            offset, lexfile, count = head[0], head[1], int(head[3], 16)
            lemmas = [head[4 + 2 * i] for i in range(count)]
            k = 4 + 2 * count
            pointers = int(head[k])
            hyponyms = [head[k + 2 + 4 * j] for j in range(pointers)
                        if head[k + 1 + 4 * j] == "~" and head[k + 3 + 4 * j] == "v"]
            rest = head[k + 1 + 4 * pointers:]
            frames = {int(rest[2 + 3 * j]) for j in range(int(rest[0]))} if rest else set()
            out[offset] = (lexfile, lemmas, hyponyms, frames)
    return out


def speech_lemmas(synsets) -> set[str]:
    seen: set[str] = set()
    stack = list(ROOTS)
    while stack:
        offset = stack.pop()
        if offset not in seen:
            seen.add(offset)
            stack.extend(synsets[offset][2])
    lemmas = set()
    for offset in seen:
        lexfile, words, _, frames = synsets[offset]
        if lexfile != COMMUNICATION or offset not in ROOTS and THAT_CLAUSE not in frames:
            continue
        for w in words:
            w = re.sub(r"\(.*\)$", "", w).lower()
            if w.isalpha():
                lemmas.add(w)
    return lemmas


def phrasal_lemmas(synsets) -> set[tuple[str, str]]:
    """(verb, particle) for each two-word lemma of PHRASAL_SENSES ("chime_in")."""
    out = set()
    for offset in PHRASAL_SENSES:
        for w in synsets[offset][1]:
            parts = w.lower().split("_")
            if len(parts) == 2 and all(p.isalpha() for p in parts):
                out.add((parts[0], parts[1]))
    return out


def past(lemma: str, irregular: dict[str, set[str]], unchanged: set[str]) -> set[str]:
    """A lemma's past forms: verb.exc's irregular ones; the lemma itself for a verb verb.exc
    lists with an -ing form only ("cutting": "cut" is its own past); else the regular
    spelling."""
    if lemma in irregular:
        return irregular[lemma]
    return {lemma} if lemma in unchanged else {regular_past(lemma)}


def ing_only() -> set[str]:
    """The lemmas verb.exc lists with an irregular -ing form and no irregular past ("cut",
    "put", "set"): their past is spelt as the lemma."""
    ing, pasts = set(), set()
    with open(WORDNET / "verb.exc", encoding="utf-8") as f:
        for line in f:
            form, *bases = line.split()
            (ing if form.endswith("ing") else pasts).update(bases)
    return ing - pasts


def irregular_pasts() -> dict[str, set[str]]:
    """lemma -> its irregular inflections that are past forms (verb.exc)."""
    out: dict[str, set[str]] = {}
    with open(WORDNET / "verb.exc", encoding="utf-8") as f:
        for line in f:
            form, *bases = line.split()
            if not form.endswith(("ing", "s")):
                for base in bases:
                    out.setdefault(base, set()).add(form)
    return out


def wordnet_licence() -> list[str]:
    """The WordNet 3.0 licence text, from the package's copyright file."""
    lines = Path("/usr/share/doc/wordnet-base/copyright").read_text(encoding="utf-8")
    body = lines.split("License: WordNet3.0\n", 1)[1].split("\nFiles:", 1)[0]
    return [ln.strip() for ln in body.splitlines() if ln.strip() not in ("", ".")]


def regular_past(w: str) -> str:
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y") and w[-2] not in VOWELS:
        return w[:-1] + "ied"
    if len(w) <= 4 and w[-1] not in VOWELS + "wxy" and w[-2] in VOWELS and \
            w[-3] not in VOWELS:
        return w + w[-1] + "ed"     # "snap" -> "snapped", "sob" -> "sobbed"
    return w + "ed"


def main() -> None:
    irregular, unchanged = irregular_pasts(), ing_only()
    synsets = read_synsets()
    pasts = set()
    for lemma in speech_lemmas(synsets):
        pasts |= past(lemma, irregular, unchanged)
    write_wordnet_list(OUT, [
        "# Verbs of saying, past tense, one a line: from Princeton WordNet 3.0 (Debian package",
        "#   wordnet-base), the verb.communication senses under say, express, talk, exclaim,",
        "#   answer, ask, remark, assent and interject that take the frame 'Somebody ----s that",
        "#   CLAUSE'; see tools/speech_verbs.py. Regenerate with it; never edit by hand.",
    ], pasts)
    print(f"{len(pasts)} verbs -> {OUT}")
    phrasal = {f"{form} {particle}" for verb, particle in phrasal_lemmas(synsets)
               for form in past(verb, irregular, unchanged)}
    write_wordnet_list(PHRASAL_OUT, [
        "# Verbs of saying made of a verb and its particle, past tense, one a line: from",
        "#   Princeton WordNet 3.0 (Debian package wordnet-base), the two-word lemmas of the",
        "#   verb.communication senses 'break into a conversation' and 'continue talking'; see",
        "#   tools/speech_verbs.py. Regenerate with it; never edit by hand.",
    ], phrasal)
    print(f"{len(phrasal)} phrasal verbs -> {PHRASAL_OUT}")


def write_wordnet_list(out: Path, header: list[str], words) -> None:
    """A sorted word list under its header and the WordNet licence, which asks that it
    appear on all copies."""
    header = header + ["# The WordNet licence, which asks that it appear on all copies:"] + \
        ["#   " + line for line in wordnet_licence()]
    out.write_text("\n".join(header + sorted(words)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
