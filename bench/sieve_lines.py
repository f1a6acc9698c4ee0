#!/usr/bin/env python3
"""The lines one sieve settles, followed to the end: the sieve's own speaker, the speaker
and cue the whole extractor ends with (after the conversation model and the later steps),
and the gold speaker, on the PDNC dev novels (in process, curly by default).

    .venv/bin/python bench/sieve_lines.py --sieve salience fallback [--only NOVEL ...]
                                          [--half A|B] [--show N]

Per novel and sieve: the lines it settles that match a gold quote, how often its own
speaker is right, how often the final speaker is right, and the final cues those lines end
with (with the accuracy of each). --show N prints N of the lines with context, the sieve's
and the final speaker, and the gold: where to look when the sieve or the model is wrong.
Look at the lines of your own half only.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from attribution import SHARED, found_lines, novels as _novels  # noqa: E402,F401
from train_conversation import HALF_A  # noqa: E402


def sieve_and_final(text: str):
    """(dialogue lines of the final script, the sieve-level Attribution by quote end)."""
    from drama.extract import extract_script
    from drama.extract.attribution.document import read_document
    from drama.extract.attribution.pipeline import attributions, run_sieves
    from drama.extract.quotes import find_quotes, paragraphs
    script = extract_script(text)
    speech = [q for q in find_quotes(text) if q.dialogue]
    doc = read_document(text, speech, paragraphs(text))
    run_sieves(doc)
    by_end = {q.end: (a, t) for q, a, t in zip(speech, attributions(doc), doc.tags)}
    return [ln for ln in script.lines if ln.kind == "dialogue"], by_end   # a line ends its quote


@dataclass
class Tally:
    """What the lines of the chosen sieves come to, and every line's stated confidence."""
    totals: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    """"NOVEL SIEVE" and "ALL SIEVE": [lines, the sieve's speaker right, the final right]."""
    finals: Counter = field(default_factory=Counter)
    final_ok: Counter = field(default_factory=Counter)
    conf_bins: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    stated: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0.0, 0]))
    """(half, "sieve>cue"): [lines, summed confidence, final right]."""
    shown: int = 0


def arguments(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "pdnc_eval.py"))
    ap.add_argument("--style", default="curly")
    ap.add_argument("--sieve", nargs="+", default=["salience", "fallback"])
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--half", choices=("A", "B"))
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--width", type=int, default=300)
    return ap.parse_args(argv)


def scorer(path: str):
    """The PDNC scorer, loaded as a module from its file."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("pdnc_eval", path)
    pe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pe)
    return pe


def chosen_novels(args) -> list[str]:
    """The dev novels --only and --half keep, by name."""
    import os
    out = []
    for name in sorted(os.listdir(args.data)):
        if not (Path(args.data) / name / "quotation_info.csv").is_file():
            continue
        if args.only and name not in args.only or \
                args.half and (name in HALF_A) != (args.half == "A"):
            continue
        out.append(name)
    return out


def tally_novel(pe, args, name: str, tally: Tally) -> None:
    """Count one novel's lines into the tally (and show the first --show of them)."""
    text, cast, quotes = pe.load_novel(str(Path(args.data) / name))
    text = pe.restyle(text, quotes, args.style)
    lines, by_end = sieve_and_final(text)
    for q, ln in found_lines(pe, text, quotes, lines):
        rule, tag = by_end.get(ln.end, (None, None))
        if rule is None:
            continue
        half = "A" if name in HALF_A else "B"
        for key in ((half, f"{rule.sieve}>{ln.cue}"), ("all", f"{rule.sieve}>{ln.cue}")):
            st = tally.stated[key]
            st[0] += 1
            st[1] += ln.confidence or 0.0
            st[2] += bool(cast.same(ln.speaker, q["speaker"]))
        if rule.sieve not in args.sieve:
            continue
        ok_rule = bool(cast.same(rule.speaker, q["speaker"]))
        ok_final = bool(cast.same(ln.speaker, q["speaker"]))
        for key in (f"{name} {rule.sieve}", f"ALL {rule.sieve}"):
            t = tally.totals[key]
            t[0] += 1
            t[1] += ok_rule
            t[2] += ok_final
        tally.finals[(rule.sieve, ln.cue)] += 1
        tally.final_ok[(rule.sieve, ln.cue)] += ok_final
        b = tally.conf_bins[(rule.sieve, round(ln.confidence or 0, 1))]
        b[0] += 1
        b[1] += ok_final
        if tally.shown < args.show:
            tally.shown += 1
            show_line(name, text, q, ln, rule, tag, (ok_rule, ok_final), args.width)


def show_line(name, text, q, ln, rule, tag, oks, width: int) -> None:
    """One line with its context: the sieve's speaker, the final one and the gold."""
    ok_rule, ok_final = oks
    s0, e0 = q["spans"][0][0], q["spans"][-1][1]
    print(f"\n[{name}] sieve={rule.sieve}/{rule.cue} rule={rule.speaker!r} "
          f"({'ok' if ok_rule else 'WRONG'}) final={ln.speaker!r} {ln.cue} "
          f"{ln.confidence} ({'ok' if ok_final else 'WRONG'}) "
          f"gold={q['speaker']!r} type={q['type']}")
    if tag is not None:
        print(f"   tag read: {tag.kind} {tag.who.label if tag.who else None} "
              f"{tag.cue}")
    print("   " + " ".join(text[max(0, s0 - width):s0].split()) + " [[" +
          " ".join(text[s0:e0].split())[:200] + "]] " +
          " ".join(text[e0:e0 + 120].split()))


def report(tally: Tally) -> None:
    """The tables: per novel and sieve, by final cue, by confidence, and every line's."""
    print(f"\n{'novel / sieve':40s} {'lines':>6s} {'rule ok':>8s} {'final ok':>9s}")
    for key, (n, r, f) in sorted(tally.totals.items()):
        print(f"{key:40s} {n:6d} {100 * r / n:7.1f}% {100 * f / n:8.1f}%")
    print("\nfinal cue of those lines:")
    for (sv, cue), n in sorted(tally.finals.items()):
        print(f"  {sv:12s} -> {cue:14s} {n:5d} {100 * tally.final_ok[(sv, cue)] / n:6.1f}%")
    print("\nfinal confidence (rounded to 0.1) of those lines:")
    for (sv, c), (n, ok) in sorted(tally.conf_bins.items()):
        print(f"  {sv:12s} {c:4.1f} {n:5d} {100 * ok / n:6.1f}%")
    print("\nevery line, by the sieve that settled it > the cue it ends with: the confidence "
          "the script states (mean) and the final speaker's accuracy")
    print(f"{'half':5s} {'sieve > final cue':36s} {'lines':>6s} {'stated':>7s} {'right':>7s}")
    for (half, sv), (n, conf, ok) in sorted(tally.stated.items(),
                                            key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"{half:5s} {sv:36s} {n:6d} {100 * conf / n:6.1f}% {100 * ok / n:6.1f}%")


def main(argv=None) -> int:
    args = arguments(argv)
    pe = scorer(args.scorer)
    tally = Tally()
    for name in chosen_novels(args):
        tally_novel(pe, args, name, tally)
    report(tally)
    return 0


if __name__ == "__main__":
    sys.exit(main())
