#!/usr/bin/env python3
"""What the conversation model does to described speakers in passages: model on against off.

    python bench/conversation_described.py --seed 23 --half A [--show] [--style curly]

Each excerpt of bench/attribution_passages.py (same cut, same seed) is extracted alone twice,
with the packaged conversation model and with it off (the rules' choice), and each gold quote
the scorer finds in both is counted by who gets it right: both, the model only (model won),
the rules only (model lost), neither. The quotes the two give different speakers are split
by the kind of label on each side, rules -> model: a name the excerpt's cast knows, or a
description ("The waiter", "Her father": a label the cast does not know). "model lost
described->name" counts the rules' described people the model overrules wrongly, "model won
described->name" the rules' descriptions it rightly replaces by a name. --show lists the
quotes the two differ on (only for the half one looks at).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_passages import cut_excerpts, quote_lines, quotes_inside  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402


def speakers_of(lines: list[dict], inside: list[dict]) -> list[tuple[str, str] | None]:
    """Per gold quote, (speaker, cue) of the line the scorer takes for it, or None."""
    return [(ln.get("speaker", ""), ln.get("cue", "")) if ln else None
            for ln in quote_lines(inside, lines)]


def kind(label: str, cast) -> str:
    """"name" when the excerpt's cast knows the label as a character, else "described"."""
    ch = cast.character(label)
    return "name" if ch is not None and not ch.place_like else "described"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=["straight", "curly", "british"])
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--half", choices=["A", "B"], default="A")
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--count", type=int, default=6)
    ap.add_argument("--show", action="store_true", help="list the quotes on and off differ on")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    args = ap.parse_args()
    import pdnc_eval as E

    from drama.extract import conversation as C
    from drama.extract import extract_script
    from drama.extract.cast import Cast
    off = {"features": C.FEATURES, "off": True}
    tally: Counter = Counter()
    t0 = time.perf_counter()
    for n in {"A": HALF_A, "B": HALF_B}[args.half]:
        text, gcast, quotes = E.load_novel(os.path.join(args.data, n))
        src = E.restyle(text, quotes, args.style)
        for start, end in cut_excerpts(src, args.words, args.count, args.seed):
            inside = quotes_inside(quotes, start, end)
            if not inside:
                continue
            piece = src[start:end]
            C.use_model(None)
            on = speakers_of([ln.to_dict() for ln in extract_script(piece, source=n).lines],
                             inside)
            C.use_model(off)
            rules = speakers_of([ln.to_dict() for ln in extract_script(piece, source=n).lines],
                                inside)
            C.use_model(None)
            cast = Cast(piece)
            fuller = E.fuller_forms(gcast, [(q, None, s[0]) for q, s in zip(inside, on) if s])
            for q, a, b in zip(inside, on, rules):
                if a is None or b is None:
                    continue
                ok_a = gcast.same(a[0], q["speaker"], fuller)
                ok_b = gcast.same(b[0], q["speaker"], fuller)
                verdict = {(True, True): "both", (True, False): "model won",
                           (False, True): "model lost", (False, False): "neither"}[ok_a, ok_b]
                tally[verdict] += 1
                if a[0] == b[0]:
                    continue
                key = (verdict, f"{kind(b[0], cast)}->{kind(a[0], cast)}")
                tally[key] += 1
                if args.show:
                    s, e = q["spans"][0]
                    print(f"{verdict:10s} {n}@{start}@{s}\t{q['speaker']}\trules {b[0]} "
                          f"({b[1]})\tmodel {a[0]} ({a[1]})\t{' '.join(piece[s:e].split())[:60]}")
    print(f"half {args.half}, seed {args.seed}: " + ", ".join(
        f"{v} {tally[v]}" for v in ("both", "model won", "model lost", "neither")))
    for key in sorted(k for k in tally if isinstance(k, tuple)):
        print(f"  {key[0]:10s} rules->model {key[1]:22s} {tally[key]:4d}")
    print(f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
