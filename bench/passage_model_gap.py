#!/usr/bin/env python3
"""The passages' gap to the whole novel, split by what the conversation model did there.

    python bench/passage_model_gap.py [--seed 27] [--half A|B] [--only NOVEL ...] [--style curly]
                                      [--show]

bench/attribution_passages.py cuts the excerpts and lists (--diff) the quotes the whole novel
gives the right speaker and the excerpt, extracted alone, does not: the gap. This extracts each
excerpt a second time with the conversation model switched off (DRAMA_ABLATE=
conversation-model: the rules' speakers, the narrator named, the later joins) and sorts the
gap's quotes: right by the rules alone (the model overruled them in the excerpt), wrong by
the rules too, and of those, the ones the rules left to a placeholder ("Someone", "Man",
"Woman", "I (narrator)") or gave a tag's cue. It also counts, outside the gap, the quotes the
model made right and those it made wrong in the excerpts, so that the model's net worth on
passages shows beside its share of the gap. `--show` lists those quotes, one a line: MODEL-RIGHT
or MODEL-WRONG, the excerpt, the quote's offset in it, the gold speaker, the model's, the
rules' and their cue, and the quote's opening words.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_passages import (cut_excerpts, quote_lines, quotes_inside,  # noqa: E402
                                  rightly_given)
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

PLACEHOLDERS = frozenset({"Someone", "Man", "Woman", "I (narrator)"})
TAG_CUES = frozenset({"explicit", "described", "epithet", "first-person", "action", "colon",
                      "continuation", "vocative", "pronoun", "speaking-on"})


def extract(text: str, source: str, model: bool) -> list[dict]:
    from drama.extract import extract_script
    old = os.environ.get("DRAMA_ABLATE")
    os.environ["DRAMA_ABLATE"] = "" if model else "conversation-model"
    try:
        return [ln.to_dict() for ln in extract_script(text, source=source).lines]
    finally:
        if old is None:
            del os.environ["DRAMA_ABLATE"]
        else:
            os.environ["DRAMA_ABLATE"] = old


def novel_excerpts(E, data: str, name: str, style: str, seed: int):
    """For each excerpt of one dev novel that holds a gold quote: (the novel restyled, its
    cast, the excerpt's start and end, the gold quotes inside it, whether the whole novel's
    extraction gives each of those rightly)."""
    text, cast, quotes = E.load_novel(os.path.join(data, name))
    src = E.restyle(text, quotes, style)
    whole = extract(src, name, True)
    for start, end in cut_excerpts(src, 2000, 6, seed):
        inside = quotes_inside(quotes, start, end)
        if not inside:
            continue
        same = [q for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]
        yield src, cast, start, end, inside, rightly_given(E, cast, same, whole)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--half", choices=["A", "B"])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--show", action="store_true",
                    help="list the quotes the model made right or wrong against the rules")
    args = ap.parse_args()
    import pdnc_eval as E
    novels = args.only or {"A": HALF_A, "B": HALF_B}.get(args.half) or sorted(HALF_A + HALF_B)
    total: Counter = Counter()
    for n in novels:
        got: Counter = Counter()
        for src, cast, start, end, inside, novel_ok in novel_excerpts(E, args.data, n,
                                                                      args.style, args.seed):
            with_model = extract(src[start:end], n, True)
            rules = extract(src[start:end], n, False)
            model_ok = rightly_given(E, cast, inside, with_model)
            rules_ok = rightly_given(E, cast, inside, rules)
            rule_lines = quote_lines(inside, rules)
            if args.show:
                show(f"{n}@{start}", src[start:end], inside, model_ok, rules_ok,
                     quote_lines(inside, with_model), rule_lines)
            for q_ok, m_ok, r_ok, ln in zip(novel_ok, model_ok, rules_ok, rule_lines):
                got["quotes"] += 1
                got["model made right"] += m_ok and not r_ok
                got["model made wrong"] += r_ok and not m_ok
                if not q_ok or m_ok:
                    continue
                got["gap"] += 1
                if r_ok:
                    got["gap: rules right, model overruled"] += 1
                    continue
                speaker, cue = (ln.get("speaker"), ln.get("cue")) if ln else (None, None)
                if speaker in PLACEHOLDERS:
                    got["gap: rules wrong, a placeholder"] += 1
                elif cue in TAG_CUES:
                    got["gap: rules wrong, by a tag's cue"] += 1
                else:
                    got["gap: rules wrong, other"] += 1
        print(n, dict(sorted(got.items())))
        total.update(got)
    print("all", dict(sorted(total.items())))


def show(where: str, excerpt: str, inside, model_ok, rules_ok, model_lines, rule_lines) -> None:
    """The quotes of one excerpt that the model made right or wrong against the rules."""
    for q, m_ok, r_ok, lm, lr in zip(inside, model_ok, rules_ok, model_lines, rule_lines):
        if m_ok == r_ok:
            continue
        s, e = q["spans"][0]
        said = " ".join(excerpt[s:e].split())[:60]
        model = lm.get("speaker") if lm else None
        rules, cue = (lr.get("speaker"), lr.get("cue")) if lr else (None, None)
        print(f"{'MODEL-RIGHT' if m_ok else 'MODEL-WRONG'} {where}\t@{s}\t{q['speaker']}\t"
              f"{model}\t{rules} ({cue})\t{said}")


if __name__ == "__main__":
    main()
