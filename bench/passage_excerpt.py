#!/usr/bin/env python3
"""One excerpt of a passage bench, read quote by quote: the gold speaker, the passage's label,
the rules' label and the whole novel's, with the narration between the quotes.

    python bench/passage_excerpt.py NOVEL --seed N --start OFFSET [--style curly]

bench/passage_runs.py --show and bench/attribution_passages.py --diff name the excerpts
(NOVEL@OFFSET) whose quotes the whole novel gets right and the excerpt, extracted alone,
does not. This cuts the same excerpts (attribution_passages.cut_excerpts, same seed), and
for the one starting at OFFSET extracts it alone twice (the conversation model on, then
off: DRAMA_ABLATE=conversation-model, the rules' speakers) and the whole novel once, and
prints, for each gold quote inside it, one line:

    @offset GOLD=speaker (type) P±=(label, cue) R±=(label, cue) N±=(label, cue)

P the passage, R the rules alone on the passage, N the whole novel (+ right, - not), then
the quote's opening words, each after the narration before it (shortened). A few seconds
an excerpt, most of it the whole novel. Look at your own half's novels only.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_passages import cut_excerpts, quote_lines, quotes_inside  # noqa: E402
from passage_model_gap import extract  # noqa: E402
from train_conversation import SHARED  # noqa: E402

NARRATION_SHOWN = 300   # characters of narration shown between two quotes, at most
QUOTE_SHOWN = 150       # characters of a quote shown


def shown(s: str, most: int) -> str:
    """s on one line, its middle cut out when longer than most."""
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= most else s[:most // 2] + " ... " + s[-most // 2:]


def labelled(cast, line: dict | None, gold: str) -> str:
    """"+=(label, cue)" when the line's label names the gold speaker, else "-=…"."""
    if line is None:
        return "-=None"
    ok = "+" if cast.same(line.get("speaker"), gold) else "-"
    return f"{ok}=({line.get('speaker')!r}, {line.get('cue')!r})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("novel")
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--start", type=int, required=True, help="the excerpt's offset (NOVEL@N)")
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args(argv)
    import pdnc_eval as E
    text, cast, quotes = E.load_novel(os.path.join(args.data, args.novel))
    src = E.restyle(text, quotes, args.style)
    cuts = dict(cut_excerpts(src, 2000, 6, args.seed))
    if args.start not in cuts:
        print(f"no excerpt at {args.start}; seed {args.seed} cuts {sorted(cuts)}")
        return 1
    start, end = args.start, cuts[args.start]
    excerpt = src[start:end]
    inside = quotes_inside(quotes, start, end)
    same = [q for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]
    novel = quote_lines(same, extract(src, args.novel, True))
    passage = quote_lines(inside, extract(excerpt, args.novel, True))
    rules = quote_lines(inside, extract(excerpt, args.novel, False))
    before = 0
    for q, p, r, n in zip(inside, passage, rules, novel):
        s, e = q["spans"][0][0], q["spans"][-1][1]
        gold = q["speaker"]
        print("   |", shown(excerpt[before:s], NARRATION_SHOWN))
        print(f"@{s} GOLD={gold} ({q['type'][:4]}) P{labelled(cast, p, gold)} "
              f"R{labelled(cast, r, gold)} N{labelled(cast, n, gold)}")
        print("    «" + re.sub(r"\s+", " ", excerpt[s:e])[:QUOTE_SHOWN] + "»")
        before = e
    return 0


if __name__ == "__main__":
    sys.exit(main())
