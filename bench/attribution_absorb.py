#!/usr/bin/env python3
"""Which predicted speaker names absorb several people's lines: per novel, each name with the
gold characters its found quotations belong to, and the cues that gave it the wrong ones.

    python bench/attribution_absorb.py [--only NOVEL ...] [--from DIR] [--top 12]
        [--name LABEL --show 20]

Speaker B3 precision is lost when one name stands for several people; this lists the names
by the precision they cost (the quotations of the name that are not its main person's,
weighted as B3 weighs them: n - sum(n_g^2)/n). --from reads the scripts a
`bench/attribution_halves.py --save DIR` run wrote (no extraction); --name with --show prints
the wrong quotations of one label with their context and cue.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import found_lines  # noqa: E402  (bench/attribution.py: one matching rule)
from train_conversation import HALF_B, SHARED  # noqa: E402


def script_of(E, novel: str, args) -> tuple[str, object, list[dict], list[dict]]:
    text, cast, quotes = E.load_novel(os.path.join(args.data, novel))
    if args.source:
        src = Path(args.source, novel + ".txt").read_text(encoding="utf-8")
        lines = json.loads(Path(args.source, novel + ".json").read_text())["lines"]
    else:
        from drama.extract import extract_script
        src = E.restyle(text, quotes, args.style)
        lines = [ln.to_dict() for ln in extract_script(src, source=novel).lines]
    return src, cast, quotes, lines


def report(E, novel: str, args) -> None:
    src, cast, quotes, lines = script_of(E, novel, args)
    found = found_lines(E, src, quotes, [ln for ln in lines if ln.get("kind") == "dialogue"])
    groups: dict[str, list[tuple[dict, dict, str]]] = defaultdict(list)
    for q, ln in found:
        gold = cast.resolve(q["speaker"]) or E.norm(q["speaker"])
        groups[E.norm(ln.get("speaker", ""))].append((q, ln, gold))
    cost = {name: len(g) - sum(c * c for c in Counter(x[2] for x in g).values()) / len(g)
            for name, g in groups.items()}
    total = sum(cost.values())
    print(f"\n== {novel}: {len(found)} found, B3 precision lost {100 * total / len(found):.1f} "
          f"points over {len(groups)} names")
    for name in sorted(groups, key=lambda n: -cost[n])[:args.top]:
        g = groups[name]
        by_gold = Counter(x[2] for x in g)
        main = by_gold.most_common(1)[0][0]
        cues = Counter(x[1].get("cue", "") for x in g if x[2] != main)
        print(f"  {name!r:28s} {len(g):4d} lines  cost {cost[name]:5.1f}  gold: " +
              ", ".join(f"{k} {c}" for k, c in by_gold.most_common(6)))
        print("      wrong ones by cue: " + ", ".join(f"{k} {c}" for k, c in cues.most_common()))
    if args.name and groups.get(E.norm(args.name)):
        show_wrong(src, groups[E.norm(args.name)], args.show, args.width)


def show_wrong(src: str, group: list[tuple[dict, dict, str]], show: int, width: int) -> None:
    """The first `show` quotations of one label that are not its main person's, in context."""
    main = Counter(x[2] for x in group).most_common(1)[0][0]
    for q, ln, gold in [x for x in group if x[2] != main][:show]:
        s, e = q["spans"][0][0], q["spans"][-1][1]
        before = " ".join(src[max(0, s - width):s].split())
        print(f"\n  [{ln.get('cue')}] gold={gold}: {before} "
              f"[[{' '.join(src[s:e].split())[:160]}]] {' '.join(src[e:e + 100].split())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--only", nargs="*", help="novels (default: half B)")
    ap.add_argument("--from", dest="source", help="read the scripts a --save run wrote here")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--top", type=int, default=12, help="names to list per novel")
    ap.add_argument("--name", help="show the wrong quotations of this predicted name")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--width", type=int, default=300)
    args = ap.parse_args()
    import pdnc_eval as E
    for novel in args.only or HALF_B:
        report(E, novel, args)


if __name__ == "__main__":
    main()
