#!/usr/bin/env python3
"""Why the quotes the "continuation" cue decides go wrong: each wrong one classed by where
its speaker came from (the other quote of its paragraph it took the speaker from, that
quote's gold, the sieve that wrote the cue), with counts and examples.

    .venv/bin/python bench/continuation_errors.py --only PrideAndPrejudice TheGambler \
        HardTimes OliverTwist DaisyMiller --show 10

The classes:
  anchor-wrong-same-quote   the anchor is the first part of the same gold quote, cut by a
                            tag ("“Hush!” said the gentleman. “You know …”"): the tag was
                            misread; continuation only passed it on
  anchor-wrong-same-speaker the anchor is another gold quote of the same speaker, wrong
  two-speakers              the anchor is another gold quote of another speaker: the
                            paragraph holds two speakers
  anchor-not-gold           the anchor is no gold quote (a quoted word, a title)
  long-speech               a later paragraph of a speech over several: its first
                            paragraph's speaker
  turn                      a conversation sieve settled the paragraph's first quote and
                            the rest followed it (the model left the turn alone)

--anchors (round 33) sizes every line the continuation sieve settles, right or wrong, as the
sieves leave it (before the model) and at the end: its anchor is the nearest line of its
paragraph a tag sieve settled (as the sieve's first sweep takes it), before it (“Hush!” said
he. “You …”) or after it (“No.” He shook his head. “…,” he said); the anchor's gold is the
same gold quote, another of the same speaker, another speaker's (the continuation's own
error: two speakers in one paragraph), or none. With --half B it prints figures only.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
              ROOT.parent / "shared")

import drama.extract as X  # noqa: E402
from drama.extract.quotes import paragraphs  # noqa: E402

from attribution import found_lines  # noqa: E402

HALF_A = ["PrideAndPrejudice", "TheGambler", "HardTimes", "OliverTwist", "DaisyMiller"]
HALF_B = ["APassageToIndia", "TheAgeOfInnocence", "AlicesAdventuresInWonderland",
          "TheInvisibleMan", "TheSunAlsoRises"]
TAG_SIEVES = {"called-voice", "explicit", "relation", "described", "first-person",
              "description-coref", "pronoun", "epithet", "epithet-variant", "epithet-partner",
              "naming"}


def capture():
    """Wrap the extractor's stages to keep the quotes and each stage's attributions."""
    seen = {}
    attribute, refine, join = X.attribute_speakers, X.refine, X.join_aliases

    def a(text, speech, paras, cast):
        seen["speech"], seen["paras"] = speech, paras
        seen["rules"] = attribute(text, speech, paras, cast)
        return seen["rules"]

    def r(*args, **kw):
        seen["refined"] = refine(*args, **kw)
        return seen["refined"]

    def j(text, speech, cast, who, calls=None):
        seen["final"] = join(text, speech, cast, who, calls)
        return seen["final"]

    X.attribute_speakers, X.refine, X.join_aliases = a, r, j
    return seen


def gold_of(quotes, start, end):
    """The gold quote holding most of [start, end)."""
    best, most = None, 0
    for q in quotes:
        o = sum(max(0, min(e, end) - max(s, start)) for s, e in q["spans"])
        if o > most:
            best, most = q, o
    return best


def _why(cast, predicted: str, gold: str) -> str:
    """How a wrong anchor is wrong: gold no one; another person of the cast; the
    description kept as a label while the gold is a named person, or is itself a described
    person under another label ("The Landlord Of The Cripples")."""
    if gold.startswith("_"):
        return "gold-no-one"
    if cast.resolve(predicted) is not None:
        return "wrong-person"
    if gold.split()[0] in ("The", "One", "A", "An") or gold.split()[-1] in ("Peddler",):
        return "kept-gold-described"
    return "kept-gold-named"


def anchor_kind(cast, quotes, speech, q, j) -> str:
    """How the gold of anchor line j stands to line i's gold quote q."""
    g = gold_of(quotes, speech[j].start, speech[j].end)
    if g is None:
        return "anchor-not-gold"
    if g is q:
        return "same-quote"
    return "same-speaker" if g["speaker"] == q["speaker"] or cast.same(g["speaker"], q["speaker"]) \
        else "two-speakers"


def anchors(E, data: Path, style: str, only: list[str]) -> Counter:
    """(kind, before/after, anchor's sieve) -> [lines, right before the model, right at the
    end], over every found gold quote the continuation sieve settled."""
    counts: dict = defaultdict(lambda: [0, 0, 0])
    for name in only:
        text, cast, quotes = E.load_novel(str(data / name))
        styled = E.restyle(text, quotes, style)
        seen = capture()
        lines = [ln for ln in X.extract_script(styled).lines if ln.kind == "dialogue"]
        speech, rules, final = seen["speech"], seen["rules"], seen["final"]
        at_end = {sq.end: k for k, sq in enumerate(speech)}
        para = [sq.paragraph for sq in speech]
        for q, ln in found_lines(E, styled, quotes, lines):
            i = at_end.get(ln.end)
            if i is None or rules[i].sieve != "continuation":
                continue
            j = next((j for d in range(1, 8) for j in (i - d, i + d) if 0 <= j < len(speech)
                      and para[j] == para[i] and rules[j].sieve in TAG_SIEVES), None)
            key = ("chained", "", "") if j is None else (
                anchor_kind(cast, quotes, speech, q, j), "before" if j < i else "after",
                rules[j].sieve)
            c = counts[key]
            c[0] += 1
            c[1] += cast.same(rules[i].speaker, q["speaker"])
            c[2] += cast.same(final[i].speaker, q["speaker"])
    return counts


def print_anchors(counts) -> None:
    print(f"{'lines':>6s} {'rules':>6s} {'final':>6s}  anchor's gold / where / its sieve")
    for key in ("kind", "where"):
        sums: dict = defaultdict(lambda: [0, 0, 0])
        for (kind, where, sieve), c in counts.items():
            for k in range(3):
                sums[kind if key == "kind" else where][k] += c[k]
        for k, (n, r, f) in sorted(sums.items(), key=lambda kv: -kv[1][0]):
            print(f"{n:6d} {100 * r / n:5.1f}% {100 * f / n:5.1f}%  {k}")
        print()
    for k, (n, r, f) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        print(f"{n:6d} {100 * r / n:5.1f}% {100 * f / n:5.1f}%  {' / '.join(k)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "pdnc-dev")
    ap.add_argument("--style", default="straight")
    ap.add_argument("--only", nargs="*", default=HALF_A)
    ap.add_argument("--type", default="Anaphoric", help="gold quote type, or all")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--cls", nargs="*", help="show only these classes")
    ap.add_argument("--anchors", action="store_true",
                    help="every continuation line by where its anchor lies (figures only)")
    ap.add_argument("--half", choices=("A", "B"), help="the half's novels (for --anchors)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(SHARED / "eval"))
    import pdnc_eval as E
    if args.anchors:
        only = HALF_B if args.half == "B" else HALF_A if args.half == "A" else args.only
        print_anchors(anchors(E, args.data, args.style, only))
        return 0

    classes: Counter = Counter()
    sub: Counter = Counter()
    total = wrong_n = 0
    examples = defaultdict(list)
    for name in sorted(os.listdir(args.data)):
        folder = args.data / name
        if not (folder / "quotation_info.csv").is_file() or name not in args.only:
            continue
        text, cast, quotes = E.load_novel(str(folder))
        styled = E.restyle(text, quotes, args.style)
        seen = capture()
        lines = [ln for ln in X.extract_script(styled).lines if ln.kind == "dialogue"]
        speech, final, rules = seen["speech"], seen["final"], seen["rules"]
        index = {q.open: k for k, q in enumerate(speech)}
        paras = paragraphs(styled)
        starts = [p[0] for p in paras]
        from bisect import bisect_right
        para_of = [bisect_right(starts, q.open) - 1 for q in speech]
        by_para = defaultdict(list)
        for k, p in enumerate(para_of):
            by_para[p].append(k)
        fuller = E.fuller_forms(cast, [(q, q["type"], ln.speaker) for q, ln in
                                       found_lines(E, styled, quotes, lines)])
        for q, ln in found_lines(E, styled, quotes, lines):
            if ln.cue != "continuation" or args.type not in ("all", q["type"]):
                continue
            total += 1
            if cast.same(ln.speaker, q["speaker"], fuller):
                continue
            wrong_n += 1
            i = next((k for k, sq in enumerate(speech) if sq.start <= ln.start < sq.close
                      or sq.open == ln.start), None)
            sieve = final[i].sieve if i is not None else "?"
            others = [k for k in by_para[para_of[i]] if k != i] if i is not None else []
            anchor = next((k for k in sorted(others, key=lambda k: abs(k - i))
                           if final[k].cue != "continuation"
                           and final[k].speaker == final[i].speaker), None)
            if sieve == "long-speech":
                cls = "long-speech"
            elif sieve != "continuation":
                cls = "turn"
            elif anchor is None:
                cls = "no-anchor"
            else:
                aq = speech[anchor]
                g = gold_of(quotes, aq.start, aq.end)
                if g is None:
                    cls = "anchor-not-gold"
                elif g is q:
                    cls = "anchor-wrong-same-quote"
                elif cast.same(g["speaker"], q["speaker"]) or g["speaker"] == q["speaker"]:
                    cls = "anchor-wrong-same-speaker"
                else:
                    cls = "two-speakers"
                sub[(cls, final[anchor].cue, final[anchor].sieve)] += 1
            if cls.startswith("anchor-wrong"):
                cls += "/" + _why(cast, ln.speaker, q["speaker"])
            classes[cls] += 1
            para = paras[para_of[i]] if i is not None else (ln.start, ln.end)
            examples[cls].append(
                f"[{name}] {cls} sieve={sieve} predicted={ln.speaker!r} gold={q['speaker']!r}"
                + (f" anchor={final[anchor].speaker!r}/{final[anchor].cue}/"
                   f"{final[anchor].sieve} rules={rules[anchor].speaker!r}"
                   if sieve == "continuation" and anchor is not None else "")
                + "\n    ..." + " ".join(styled[max(0, para[0] - 300):para[0]].split())
                + " ||| " + " ".join(styled[para[0]:para[1]].split())[:500])
    print(f"continuation, {args.type}: {total} quotes, {wrong_n} wrong")
    for cls, n in classes.most_common():
        print(f"  {cls:28s} {n:4d}")
    print("\nby anchor cue / sieve:")
    for k, n in sub.most_common():
        print(f"  {n:4d} {k}")
    for cls in classes:
        if args.cls and cls not in args.cls:
            continue
        for ex in examples[cls][:args.show]:
            print("\n" + ex)
    return 0


if __name__ == "__main__":
    sys.exit(main())
