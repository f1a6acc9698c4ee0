#!/usr/bin/env python3
"""Runs of consecutive quotes given to the wrong person, largest first.

A wrong attribution seldom comes alone: one wrong turn puts a two-person exchange out of
phase, or a speech that runs on over several paragraphs carries its first paragraph's
speaker, so one decision makes a run of wrong quotes. Per novel of the half looked at,
the found quotes in reading order (as pdnc_eval.score_novel finds and judges them), cut
into runs of consecutive wrong ones; prints how many wrong quotes lie in runs of each
size, then the largest runs: where they start, their (gold, predicted) pairs, and with
--show the text at their start.

--starts tallies the runs of at least three quotes by how they start (start_kind): the cue
of the line the first wrong quote falls in (a model turn, or a rule's fixed one), whether
the gold speaker there goes on from the quote before or the turn changes hands, and the
same of the prediction.

    .venv/bin/python bench/wrong_runs.py --half B [--only NOVEL ...] [--top N] [--show]
        [--starts]

A few seconds a novel (the extraction in process, as bench/attribution_halves.py).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

SIZES = ((1, 1), (2, 2), (3, 4), (5, 9), (10, 10 ** 6))


def judged(E, text, cast, quotes, lines) -> list[tuple[dict, str, bool]]:
    """(gold quote, predicted speaker, right) for each found quote in reading order, found
    and judged as pdnc_eval.score_novel does (the line covering most of the quote)."""
    got: list[tuple[dict, str]] = []

    def keep(res_found):
        got.extend((q, sp) for q, _, sp in res_found)
    # score_novel keeps its found list to itself: rebuild it by its own helpers
    real = E.speaker_clusters
    E.speaker_clusters = lambda cast_, found: (keep(found), real(cast_, found))[1]
    try:
        E.score_novel(text, cast, quotes, lines)
    finally:
        E.speaker_clusters = real
    fuller = E.fuller_forms(cast, [(q, None, sp) for q, sp in got])
    got.sort(key=lambda x: x[0]["spans"][0][0])
    return [(q, sp, cast.same(sp, q["speaker"], fuller)) for q, sp in got]


def start_kind(marks, i: int, lines: list[dict]) -> str:
    """How the run whose first wrong quote is marks[i] starts: the cue of the dialogue line
    covering most of that quote; whether its gold speaker goes on from the quote before or
    the turn changes hands; and the same as predicted (the prediction of that quote against
    the prediction of the quote before)."""
    q, sp, _ = marks[i]
    s, e = q["spans"][0][0], q["spans"][-1][1]
    line = max(lines, key=lambda ln: min(e, ln["end"]) - max(s, ln["start"]))
    if not i:
        return f"{line.get('cue')}, opening"
    gold = "goes on" if marks[i - 1][0]["speaker"] == q["speaker"] else "changes"
    said = "goes on" if sp and marks[i - 1][1] == sp else "changes"
    return f"{line.get('cue')}, gold {gold}, predicted {said}"


def runs(marks: list[tuple[dict, str, bool]]) -> list[list[tuple[dict, str]]]:
    """The runs of consecutive wrong quotes."""
    out, cur = [], []
    for q, sp, right in marks + [(None, "", True)]:
        if right:
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append((q, sp))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["A", "B"], required=True)
    ap.add_argument("--only", nargs="*", help="novels of that half (default: all five)")
    ap.add_argument("--top", type=int, default=15, help="largest runs to list")
    ap.add_argument("--show", action="store_true", help="print the text a run starts on")
    ap.add_argument("--starts", action="store_true",
                    help="tally the runs of 3+ quotes by how they start (start_kind)")
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args(argv)
    half = HALF_A if args.half == "A" else HALF_B
    novels = [n for n in (args.only or half) if n in half]
    import pdnc_eval as E

    from drama.extract import extract_script
    all_runs, sizes, wrong, starts = [], Counter(), 0, Counter()
    for n in novels:
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        lines = [ln.to_dict() for ln in extract_script(src, source=n).lines]
        marks = judged(E, text, cast, quotes, lines)
        at = {id(q): i for i, (q, _, _) in enumerate(marks)}
        dialogue = [ln for ln in lines if ln["kind"] == "dialogue"]
        for run in runs(marks):
            if len(run) >= 3:
                kind = start_kind(marks, at[id(run[0][0])], dialogue)
                starts[kind] += 1
                starts[(kind, "quotes")] += len(run)
            all_runs.append((n, run, text))
            wrong += len(run)
            sizes[next(f"{a}-{b}" if a != b else str(a) for a, b in SIZES
                       if a <= len(run) <= b)] += len(run)
    print(f"{wrong} wrong found quotes in {len(all_runs)} runs; wrong quotes by run size:")
    for a, b in SIZES:
        key = f"{a}-{b}" if a != b else str(a)
        label = key if b < 10 ** 6 else f"{a}+"
        print(f"  {label:>6s}: {sizes[key]:5d} ({100 * sizes[key] / max(wrong, 1):4.1f}%)")
    if args.starts:
        print("runs of 3+ quotes by how they start (runs, wrong quotes in them):")
        for kind, k in sorted(((k, v) for k, v in starts.items() if isinstance(k, str)),
                              key=lambda kv: -kv[1]):
            print(f"  {kind:45s} {k:4d} {starts[(kind, 'quotes')]:5d}")
    for n, run, text in sorted(all_runs, key=lambda r: -len(r[1]))[:args.top]:
        pairs = Counter((q["speaker"], sp) for q, sp in run)
        start = run[0][0]["spans"][0][0]
        print(f"{len(run):4d} {n} @{start}: " +
              "; ".join(f"{g} -> {p or '-'} x{k}" for (g, p), k in pairs.most_common()))
        if args.show:
            print("       " + text[start:start + 160].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
