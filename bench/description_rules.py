#!/usr/bin/env python3
"""Which rule of the description-coref sieve (or which other sieve) decided each line whose
gold referring expression is a description ("said the old gentleman"), and how often it is
right: where the lines a description decides go wrong, rule by rule.

    .venv/bin/python bench/description_rules.py --only PrideAndPrejudice TheGambler \
        HardTimes OliverTwist DaisyMiller --style curly [--show _nearby]

A continuation line is counted under the line of its paragraph it took its speaker from (the
tag's); a line the conversation model decided is counted as "model". Wraps the candidate
rules of drama/extract/attribution/sieves/description.py: the first rule whose pick fits is
the one that decided (as DescriptionCoref.settle reads them).
"""
from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")

import drama.extract.attribution.pipeline as pipeline  # noqa: E402
import drama.extract.attribution.sieves.description as description  # noqa: E402
from drama.extract import extract_script  # noqa: E402

from attribution import found_lines  # noqa: E402
from attribution_diagnose import annotated_novels, gold_kind, ref_class  # noqa: E402

DECIDED: dict[int, str] = {}    # quote open offset -> the description rule that decided it
DOCS: list = []                 # the Document of the last extraction


def _recording(rule):
    def wrapped(scene):
        who = rule(scene)
        if who is not None and scene.fits_age(who):
            DECIDED.setdefault(scene.doc.quotes[scene.i].open, rule.__name__)
        return who
    wrapped.__name__ = rule.__name__
    return wrapped


def _keeping_doc(run_sieves):
    def wrapped(doc, skip=frozenset()):
        run_sieves(doc, skip)
        DOCS.append(doc)
    return wrapped


description.CANDIDATES = tuple(_recording(r) for r in description.CANDIDATES)
description.ROLE_CANDIDATES = tuple(_recording(r) for r in description.ROLE_CANDIDATES)
description.TRAIT_CANDIDATES = tuple(_recording(r) for r in description.TRAIT_CANDIDATES)
pipeline.run_sieves = _keeping_doc(pipeline.run_sieves)


def anchor(doc, i: int) -> int:
    """The quote of i's paragraph a continuation took its speaker from (else i)."""
    if doc.settled_by[i] != "continuation":
        return i
    return next((j for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(doc.quotes)
                 and doc.quote_para[j] == doc.quote_para[i]
                 and doc.settled_by[j] != "continuation"), i)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="straight")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", nargs="*", default=[], help="rules whose wrong lines to print")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])   # rule -> [right, all]
    kinds: Counter = Counter()      # (rule, gold kind) of the wrong lines
    shown = []
    for name, styled, cast, quotes, refs in annotated_novels(E, args.data, args.style,
                                                             args.only):
        DECIDED.clear()
        DOCS.clear()
        lines = [ln for ln in extract_script(styled).lines if ln.kind == "dialogue"]
        doc = DOCS[-1]
        opens = [q.open for q in doc.quotes]
        found = found_lines(E, styled, quotes, lines)
        fuller = E.fuller_forms(cast, [(q, q["type"], ln.speaker) for q, ln in found])
        for q, ln in found:
            if q["type"] != "Anaphoric" or ref_class(refs.get(q["id"], "")) != "the-desc":
                continue
            j = anchor(doc, max(0, bisect_right(opens, ln.start) - 1))
            rule = "model" if ln.cue == "conversation" else \
                DECIDED.get(doc.quotes[j].open, doc.settled_by[j] or "none")
            ok = cast.same(ln.speaker, q["speaker"], fuller)
            counts[rule][0] += ok
            counts[rule][1] += 1
            if not ok:
                kinds[(rule, gold_kind(q["speaker"]))] += 1
                if rule in args.show:
                    shown.append(f"[{name}] {rule} {refs.get(q['id'])!r} predicted "
                                 f"{ln.speaker!r} gold {q['speaker']!r}")
    print(f"{'rule or sieve':24s} {'lines':>6s} {'wrong':>6s} {'right':>7s}   wrong by gold: "
          "named / unnamed / group-unknowable")
    for rule, (ok, n) in sorted(counts.items(), key=lambda kv: -(kv[1][1] - kv[1][0])):
        by = " / ".join(str(kinds[(rule, k)]) for k in ("named", "unnamed", "group/unknowable"))
        print(f"{rule:24s} {n:6d} {n - ok:6d} {100 * ok / n:6.1f}%   {by}")
    for s in shown:
        print(s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
