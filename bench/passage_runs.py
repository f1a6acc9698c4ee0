#!/usr/bin/env python3
"""Runs of quotes a passage gets wrong and the whole novel gets right, by how they start.

    python bench/passage_runs.py --seed N --half A|B [--only NOVEL ...] [--style curly]
                                 [--show]

bench/attribution_passages.py --diff lists the quotes the whole novel gives the right
speaker and the excerpt, extracted alone, does not (the passage's gap). They seldom come
alone: one untagged turn read wrong puts the exchange after it out of phase or gives it to
the wrong pair. This cuts the same excerpts, extracts each alone and the novel once, and
cuts each excerpt's quotes (in reading order) into runs of consecutive gap quotes
(wrong_runs.runs). Each run is sorted twice:

- what it is (run_kind): "phase" when every label the passage gives its quotes is a gold
  speaker of the run or of the two quotes either side (the right people, swapped); "pair"
  when some label is someone else or no one the scorer knows (a wrong person in the talk);
- where it starts (run_start), the first that holds: "opening" when no quote before it in
  the excerpt has a speaker a tag gives (the pair at the excerpt's start is unknown);
  "third" when its first quote's gold speaker spoke none of the four quotes before and
  two others did (a third one joining); "shared paragraph" when its first quote shares its
  paragraph with a quote of another gold speaker (a paragraph of two quotes); "after
  narration" when a paragraph of narration (more than a tag) lies between it and the quote
  before; else "in talk".

Prints per novel and for the half the runs and quotes by start and kind, and the model's
share (quotes whose passage line the conversation model decided); --show lists each run:
excerpt, offset, start, kind, size, and its (gold -> passage) pairs. Look at your own half.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_passages import quote_lines, rightly_given  # noqa: E402
from passage_model_gap import extract, novel_excerpts  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402
from wrong_runs import runs  # noqa: E402

TAG_CUES = frozenset({"explicit", "first-person", "described", "epithet"})
"""Cues of a line whose speaker a tag gives (conversation/turns.ANCHOR_CUES)."""
THIRD_REACH = 4         # quotes before a run's first whose gold speakers make the talk
NEAR = 2                # quotes either side of a run whose gold speakers a phase may swap
TAG_CHARS = 40          # narration between two quotes longer than a tag
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
STARTS = ("opening", "third", "shared paragraph", "after narration", "in talk")


def run_kind(cast, golds: list[str], said: list[str | None], lo: int, hi: int) -> str:
    """"phase" when each label said[lo:hi] resolves to a gold speaker of golds[lo-NEAR :
    hi+NEAR], else "pair" (someone else, or a label the scorer resolves to no one)."""
    near = {cast.resolve(g) for g in golds[max(0, lo - NEAR):hi + NEAR]}
    for sp in said[lo:hi]:
        who = cast.resolve(sp) if sp else None
        if who is None or who not in near:
            return "pair"
    return "phase"


def run_start(excerpt: str, quotes: list[dict], cues: list[str | None], i: int) -> str:
    """Where the run whose first quote is quotes[i] starts (STARTS, the module's list)."""
    if not any(c in TAG_CUES for c in cues[:i]):
        return "opening"
    gold = quotes[i]["speaker"]
    talking = {q["speaker"] for q in quotes[max(0, i - THIRD_REACH):i]}
    if gold not in talking and len(talking) >= 2:
        return "third"
    s = quotes[i]["spans"][0][0]
    for j in (i - 1, i + 1):
        if 0 <= j < len(quotes) and quotes[j]["speaker"] != gold:
            a, b = sorted((s, quotes[j]["spans"][0][0]))
            if not PARAGRAPH_BREAK.search(excerpt, a, b):
                return "shared paragraph"
    between = excerpt[quotes[i - 1]["spans"][-1][1]:s]
    if PARAGRAPH_BREAK.search(between) and len(re.sub(r"\W+", " ", between)) > TAG_CHARS:
        return "after narration"
    return "in talk"


def excerpt_runs(E, cast, excerpt: str, inside: list[dict], passage: list[dict],
                 novel_ok: list[bool]) -> list[tuple[int, int, str, str, bool]]:
    """(first, end, start, kind, model) of each run of the excerpt's gap quotes (novel
    right, passage wrong); model: the conversation model decided its first quote."""
    lines = quote_lines(inside, passage)
    ok = rightly_given(E, cast, inside, passage)
    said = [ln.get("speaker") if ln else None for ln in lines]
    cues = [ln.get("cue") if ln else None for ln in lines]
    marks = [(q, sp, not (n_ok and not p_ok))
             for q, sp, p_ok, n_ok in zip(inside, said, ok, novel_ok)]
    at = {id(q): k for k, q in enumerate(inside)}
    golds = [q["speaker"] for q in inside]
    out = []
    for run in runs(marks):
        lo = at[id(run[0][0])]
        hi = lo + len(run)
        out.append((lo, hi, run_start(excerpt, inside, cues, lo),
                    run_kind(cast, golds, said, lo, hi), cues[lo] == "conversation"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--half", choices=["A", "B"], required=True)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--show", action="store_true", help="list each run")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args(argv)
    import pdnc_eval as E
    half = {"A": HALF_A, "B": HALF_B}[args.half]
    total: Counter = Counter()
    for n in [n for n in (args.only or half) if n in half]:
        got: Counter = Counter()
        for src, cast, start, end, inside, novel_ok in novel_excerpts(E, args.data, n,
                                                                      args.style, args.seed):
            passage = extract(src[start:end], n, True)
            for lo, hi, where, kind, model in excerpt_runs(E, cast, src[start:end], inside,
                                                          passage, novel_ok):
                got[(where, kind, "runs")] += 1
                got[(where, kind, "quotes")] += hi - lo
                got["model"] += (hi - lo) * model
                got["quotes"] += hi - lo
                if args.show:
                    pairs = Counter((q["speaker"], sp) for q, sp in
                                    zip(inside[lo:hi], [ln.get("speaker") if ln else None
                                                        for ln in quote_lines(inside[lo:hi],
                                                                              passage)]))
                    print(f"RUN {n}@{start}\t@{inside[lo]['spans'][0][0]}\t{where}\t{kind}\t"
                          f"{hi - lo}\t" + "; ".join(f"{g} -> {p} x{k}"
                                                    for (g, p), k in pairs.most_common()))
        report(n, got)
        total.update(got)
    report(f"half {args.half}", total)
    return 0


def report(name: str, got: Counter) -> None:
    """One table: runs / quotes by where they start and what they are."""
    cells = "  ".join(f"{w}: " + " ".join(f"{k} {got[(w, k, 'runs')]}/{got[(w, k, 'quotes')]}"
                                         for k in ("phase", "pair"))
                      for w in STARTS)
    print(f"{name:30s} gap quotes {got['quotes']:4d} (model {got['model']:4d})  {cells}")


if __name__ == "__main__":
    sys.exit(main())
