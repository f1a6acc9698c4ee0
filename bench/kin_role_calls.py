#!/usr/bin/env python3
"""Kin and role words used as names, sized on one half of the PDNC dev novels: inside quotes
as calls ("Mother, …", "Yes, Doctor.", "Good night, uncle.") and in tags as speakers ("said
his mother", "the Doctor said").

    python bench/kin_role_calls.py --test B [--style curly] [--show 20 [--right-too]]
                                   [--only NOVEL ...]

The words: the kin words one calls a relative by (data/relations.txt, read as lexicon.TIES,
whose ties are in vocative.KIN_CALLS: mother, father, aunt, uncle, sister, brother, with
their nursery forms), and the role titles that may stand alone (lexicon.NEUTRAL_TITLES:
"Doctor", "Captain", "Professor", "Judge"); for labels, also lexicon.PERSON_NOUNS less
the generic ones (GENERIC_NOUNS). General lists, sourced where they are kept.

Part 1, calls. Every found gold quote whose text calls someone by such a word said alone
(CALL; "Doctor Kasim" is a call by name, which the vocative sieve reads already), by class:
- lines, and wrong lines (the final script's speaker is not the gold one);
- wrong with the speaker given one of the gold addressees (the one called made the speaker);
- what drama resolved the call to (Attribution.kin_called; nothing resolves a role word):
  resolved / resolved to one of the gold addressees / resolved to the gold speaker (a false
  call) / unresolved while the gold addressees are one character; "called by the bare word
  as a name": the cast took the word for a person of its own ("Papa");
- the turn after the call, opening the next paragraph: its gold speaker one of the call's
  addressees (the one called answers), and of those its line wrong.
Part 2, tags. The lines the relation sieve settled, and those whose tag's description
(Attribution.described) names a relative or a role, right and wrong in the final script.
Part 3, labels. Every final speaker label naming a relative or a role that the scorer
resolves to no character ("Her son", "The policeman"), with the gold speakers of its lines:
a label whose lines mostly belong to one named character is a B3 split that a link from
the tie or role to that person would join.

--show N prints N examples (wrong call lines, wrong tagged lines, wrong turns after a call;
with --right-too the right call lines as well). Read only your own half's examples
(bench/README.md); the other half's counts are measures.
"""
from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from attribution import found_lines  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

from drama.extract.lexicon import NEUTRAL_TITLES, PERSON_NOUNS, TIES  # noqa: E402
from drama.extract.attribution.vocative import KIN_CALLS  # noqa: E402

KIN_WORDS = {w for w, t in TIES.items() if t in KIN_CALLS}
GENERIC_NOUNS = frozenset("""man men woman women gentleman gentlemen lady ladies boy boys girl
girls fellow lad youth female person people one other others child children infant voice
voices figure creature stranger crowd""".split())
"""The person nouns of lexicon.PERSON_NOUNS that name no role, only a sex, an age or
nobody in particular ("the man", "the stranger", "Crowd")."""
BARE_TIES = ("mother", "father", "wife", "husband", "sister", "brother", "daughter", "son")
"""The tie words a bare "the" makes a relative ("the father"; sieves/relation.py's)."""
ROLE_WORDS = {w for w in NEUTRAL_TITLES if len(w) > 3}      # not "dr", "rev" without a name
CALL = re.compile(r"(?:^|[,!?;—-]\s*|\b(?:dear|my|Oh|oh|O|good|poor|old)\s+)([A-Za-z]+)"
                  r"\s*(?=[,!?.;]|$)")
"""A word set off as a call: after the speech's start, a stop or "dear", before a stop or
the speech's end (so "Doctor Kasim" is no call by the bare word)."""


def call_word(text: str) -> tuple[str, str] | None:
    """(class, word) of the first kin or role word the speech calls out, or None."""
    for m in CALL.finditer(text):
        w = m.group(1).lower()
        if w in KIN_WORDS:
            return "kin", w
        if w in ROLE_WORDS:
            return "role", w
    return None


OWNERS = ("his", "her", "their")
"""The possessives that make a tie word a relative ("his wife"; "the old lady" is none)."""


def tag_word(label: str) -> str | None:
    """"kin:TIE" for a speaker label naming a relative ("Her son" -> "kin:son", "the
    father", "Father"), "role:WORD" for one naming a role (a title of
    lexicon.NEUTRAL_TITLES, "Magistrate", or a person noun of lexicon.PERSON_NOUNS that is
    not generic: "The policeman", not "The man"), else None."""
    words = label.lower().split()
    if not words or len(words) > 4:
        return None
    last = words[-1]
    if last in TIES and (words[0] in OWNERS or words[0].endswith(("'s", "’s")) or
                         len(words) <= 2 and last in BARE_TIES):
        return "kin:" + TIES[last]
    if last in NEUTRAL_TITLES or last in PERSON_NOUNS and last not in GENERIC_NOUNS:
        return "role:" + last
    return None


def addressees(folder: Path) -> dict[str, list[str]]:
    """Gold quote id -> its gold addressees."""
    out = {}
    with open(folder / "quotation_info.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                out[r["quoteID"]] = [str(a) for a in ast.literal_eval(r["addressees"] or "[]")]
            except (ValueError, SyntaxError):
                out[r["quoteID"]] = []
    return out


def extract(text: str):
    """The script's dialogue lines, each line's speech index (by its end), the rules'
    attributions and the vocative labels, as drama.extract._extract makes them."""
    from drama.extract import build_lines, join_aliases, refine, rules_and_calls
    from drama.extract.attribution.pipeline import ablated_sieves
    from drama.extract.cast import Cast
    from drama.extract.quotes import find_quotes, paragraphs
    from drama.extract.structure import find_structure
    from drama.extract import _outside
    structure = find_structure(text)
    quotes = _outside(find_quotes(text), structure.sections)
    speech = [q for q in quotes if q.dialogue]
    paras = paragraphs(text)
    cast = Cast(text, speech=[(q.open, q.close) for q in speech],
                headings=[(s.start, s.end) for s in structure.sections])
    rules, calls = rules_and_calls(text, speech, paras, cast)
    who = refine(text, speech, paras, cast, rules, calls, ablated_sieves())
    who = join_aliases(text, speech, cast, who, calls)
    lines = [ln for ln in build_lines(text, quotes, who, structure.sections)
             if ln.kind == "dialogue"]
    index = {q.end: i for i, q in enumerate(speech)}
    pstart = [a for a, _ in paras]
    from bisect import bisect_right
    qpara = [bisect_right(pstart, q.open) - 1 for q in speech]
    return lines, index, rules, calls, qpara


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--test", choices=["A", "B"], required=True, help="the half to read")
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", type=int, default=0, help="examples of wrong call lines")
    ap.add_argument("--right-too", action="store_true", help="--show right call lines too")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E
    novels = args.only or (HALF_A if args.test == "A" else HALF_B)
    calls_count: dict[str, Counter] = defaultdict(Counter)
    tags: dict[str, Counter] = defaultdict(Counter)
    relation: dict[str, Counter] = defaultdict(Counter)
    examples = []
    for name in novels:
        folder = Path(args.data) / name
        raw, cast, quotes = E.load_novel(str(folder))
        text = E.restyle(raw, quotes, args.style)
        gold_to = addressees(folder)
        lines, index, rules, vcalls, qpara = extract(text)
        found = found_lines(E, text, quotes, lines)
        by_speech = {}
        for q, ln in found:
            i = index.get(ln.end)
            if i is not None:
                by_speech[i] = (q, ln)
        for i in sorted(by_speech):
            q, ln = by_speech[i]
            right = cast.same(ln.speaker, q["speaker"])
            said = " ".join(text[s:e] for s, e in q["spans"])
            got = call_word(said)
            if got is not None:
                _count_call(calls_count[got[0]], name, q, ln, i, right, got, cast, gold_to,
                            rules, vcalls, qpara, by_speech, examples, said, args.right_too)
            settled = rules[i].sieve
            if settled in ("relation", "kin-call") or (rules[i].described and
                                                      tag_word(rules[i].described)):
                key = settled if settled == "relation" else "described " + \
                    tag_word(rules[i].described)
                relation[key][right] += 1
                if not right and args.show:
                    examples.append(f"[{name} tag {key}] gold {q['speaker']} -> "
                                    f"{ln.speaker} (rules {rules[i].speaker})\n  "
                                    f"{text[max(0, q['spans'][0][0] - 80):q['spans'][-1][1] + 80]!r}")
            word = tag_word(ln.speaker)
            if word is not None and cast.resolve(ln.speaker) is None:
                tags[(name, ln.speaker, word)][q["speaker"]] += 1
    print(f"Part 1: calls by a kin or role word (half {args.test}, {args.style})")
    for cls, c in sorted(calls_count.items()):
        print(f"  {cls}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print("\nPart 2: lines the relation sieve settled, or tagged by a kin or role "
          "description (right / wrong in the script)")
    for key, c in sorted(relation.items()):
        print(f"  {key:24} right {c[True]:4}  wrong {c[False]:3}")
    print("\nPart 3: speaker labels with a kin or role word the scorer resolves to no one")
    for (name, label, word), golds in sorted(tags.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(golds.values())
        top = ", ".join(f"{g} {n}" for g, n in golds.most_common(4))
        print(f"  {name:28} {label!r:28} {word:16} {total:3}  {top}")
    for ex in examples[:args.show]:
        print("\n" + ex)


def _count_call(c: Counter, name, q, ln, i, right, got, cast, gold_to, rules, vcalls, qpara,
                by_speech, examples, said, right_too) -> None:
    """Part 1's counts for one line that calls someone by a kin or role word."""
    to = gold_to.get(q["id"], [])
    c["lines"] += 1
    c["wrong"] += not right
    if not right and any(cast.same(ln.speaker, a) for a in to):
        c["wrong, given the one called"] += 1
    kin = rules[i].kin_called
    if vcalls[i] is None:
        if kin is not None:
            c["resolved"] += 1
            c[f"resolved {got[1]}"] += 1
            hit = any(cast.same(kin, a) for a in to)
            c["resolved, an addressee"] += hit
            c[f"resolved {got[1]}, an addressee"] += hit
            c["resolved, the speaker"] += cast.same(kin, q["speaker"])
        elif len(to) == 1:
            c["unresolved, one addressee"] += 1
    elif vcalls[i].lower() in KIN_WORDS | ROLE_WORDS:
        c["called by the bare word as a name"] += 1
        c["called by the bare word as a name, wrong"] += not right
    else:
        c["called by name too"] += 1
    nxt = by_speech.get(i + 1)
    if nxt is not None and qpara[i + 1] == qpara[i] + 1:
        nq, nln = nxt
        if any(cast.same(a, nq["speaker"]) for a in to):
            c["next turn the one called"] += 1
            if not cast.same(nln.speaker, nq["speaker"]):
                c["next turn the one called, wrong"] += 1
                examples.append(f"[{name} next turn wrong {nq['id']}] gold {nq['speaker']} -> "
                                f"{nln.speaker} (the call {q['id']}: kin_called {kin}; "
                                f"call {vcalls[i]})")
    if not right or right_too:
        examples.append(f"[{name} {'ok' if right else 'WRONG'} {q['id']} {got[1]}] gold {q['speaker']} -> {ln.speaker} "
                        f"(to {to}; kin_called {kin}; call {vcalls[i]})\n  {said[:200]!r}")


if __name__ == "__main__":
    main()
