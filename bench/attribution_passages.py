#!/usr/bin/env python3
"""Attribution on passages of the PDNC dev novels, against the same quotes in the whole novel.

    python bench/attribution_passages.py [--style curly] [--words 2000] [--count 6] [--seed 27]
                                         [--half A|B] [--only NOVEL ...] [--diff] [--no-novel]
                                         [--held-out DIR] [--cues CUE ...]

Other annotated corpora score excerpts of about 2,000 words, often a novel's opening, and a
user may extract one chapter; every other figure here is on whole novels, where the cast is
introduced and the conversation model has every scene before. For each dev novel, in the
typography of `--style` (bench/styles.py: the scorer's straight, curly, british, or
straight-single), this cuts, at paragraph boundaries (blank lines), the opening and `--count`
more excerpts of about `--words` words, one drawn (fixed seed) from each of `--count` equal
stretches of the rest of the novel, so they do not overlap. Each excerpt is extracted alone
(drama.extract.extract_script, in process, as bench/attribution_halves.py does) and scored
with the shared scorer's score_novel (../shared/eval/pdnc_eval.py) against the gold quotes
that lie wholly inside it, their spans shifted, as if the excerpt were a novel of its own.
The whole novel is extracted too and the SAME quotes scored in it, so the gap is passage
against novel on one set of quotes.

Prints per novel, then for the openings, the drawn excerpts, half A, half B and all: quote
recall, end-to-end and B3 on the passages; end-to-end and B3 of those quotes in the novel; the
end-to-end by quote type, passage / novel; then, per half, the end-to-end (passage / novel) of
the quotes whose speaker the excerpt names (one of their aliases, capitalised) and of those it
never names, whom no extractor reading the excerpt alone could call by the gold's name.
`--held-out DIR` scores each novel's passages (and the whole novel) with the conversation model
trained on the other half (bench/train_conversation.py --cv-only --save-cv DIR) instead of the
packaged one, trained on all ten. `--diff` lists the quotes the novel gets right and the
passage does not (excerpt, type, gold, passage's speaker and cue, named or not in the
excerpt, the quote). `--no-novel` skips the whole novels: the passages' figures alone, their
novel column 0, about a tenth of the CPU. `--cues CUE ...` also prints, per half, how many
of the passages' lines ending with each cue find a gold quote and how many of those are right
(how pipeline.CONFIDENCE is measured on passages), and the same of the lines whose gold speaker
the excerpt names (a reader of the excerpt could know the name).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the halves are bench/train_conversation.py's, where the model is judged by them too
from styles import STYLES, restyle  # noqa: E402
from train_conversation import HALF_A, HALF_B, SHARED  # noqa: E402

BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
SUMS = ("gold", "found", "correct", "b3_p_sum", "b3_r_sum")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of a text begins: its start, and after each run of blank lines."""
    starts = [len(text) - len(text.lstrip())]
    starts += [m.end() for m in BLANK_LINES.finditer(text) if m.end() < len(text)]
    return starts


def cut_excerpts(text: str, words: int, count: int, seed: int) -> list[tuple[int, int]]:
    """(start, end) of the opening and `count` more excerpts of about `words` words each.

    An excerpt is whole paragraphs, from one paragraph's start until it holds `words` words.
    The others are drawn one from each of `count` equal stretches of the words after the
    opening, each starting where its excerpt still ends inside its stretch: none overlaps."""
    starts = paragraph_starts(text)
    bounds = starts[1:] + [len(text)]
    # words before each paragraph, and in all
    before = [0]
    for s, e in zip(starts, bounds):
        before.append(before[-1] + len(text[s:e].split()))

    def excerpt_from(i: int) -> tuple[int, int]:
        j = i                                       # the excerpt's last paragraph
        while j + 1 < len(starts) and before[j + 1] - before[i] < words:
            j += 1
        return starts[i], starts[j] + len(text[starts[j]:bounds[j]].rstrip())

    cuts = [excerpt_from(0)]
    first = bisect_right(starts, cuts[0][1])        # the first paragraph after the opening
    lo, total = before[first], before[-1]
    step = (total - lo) / count if count else 0
    rng = random.Random(seed)
    for k in range(count):
        a, b = lo + k * step, lo + (k + 1) * step - words
        if b <= a:
            continue                                # the novel is too short for this many
        i = bisect_right(before, rng.uniform(a, b)) - 1   # the paragraph holding that word
        i = min(max(i, first), len(starts) - 1)
        cuts.append(excerpt_from(i))
    return cuts


def quotes_inside(quotes: list[dict], start: int, end: int) -> list[dict]:
    """The gold quotes wholly inside [start, end), their spans shifted to the excerpt's offsets."""
    return [dict(q, spans=[(s - start, e - start) for s, e in q["spans"]])
            for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]


def quote_lines(quotes: list[dict], lines: list[dict]) -> list[dict | None]:
    """The line that gives each quote its speaker, as the scorer finds it (None: not found):
    the dialogue line overlapping it most, if dialogue covers half of it."""
    dialogue = sorted((ln for ln in lines if ln.get("kind") == "dialogue"),
                      key=lambda ln: ln["start"])
    line_starts = [ln["start"] for ln in dialogue]
    found_lines = []
    for q in quotes:
        overlap: dict[int, int] = defaultdict(int)
        for s, e in q["spans"]:
            i = max(0, bisect_right(line_starts, s) - 1)
            while i < len(dialogue) and dialogue[i]["start"] < e:
                o = min(e, dialogue[i]["end"]) - max(s, dialogue[i]["start"])
                if o > 0:
                    overlap[i] += o
                i += 1
        total = sum(e - s for s, e in q["spans"]) or 1
        found = sum(overlap.values()) * 2 >= total
        found_lines.append(dialogue[max(overlap, key=overlap.get)] if found else None)
    return found_lines


def add(into: dict, r: dict, E) -> None:
    for k in SUMS:
        into[k] = into.get(k, 0) + r[k]
    by_type = into.setdefault("by_type", {t: [0, 0] for t in E.TYPES})
    for t in E.TYPES:
        by_type[t][0] += r["by_type"][t][0]
        by_type[t][1] += r["by_type"][t][1]


def row(E, name: str, passage: dict, novel: dict) -> str:
    """One line of the table: the passages' figures / the same quotes' in the whole novel."""
    if not passage.get("gold"):
        return f"{name:30s} no gold quotes"
    p_type, n_type = passage["by_type"], novel["by_type"]
    types = " ".join(f"{t[:4]} {E.pct(*p_type[t]):5.1f}/{E.pct(*n_type[t]):5.1f}"
                     for t in E.TYPES)
    recall = E.pct(passage["found"], passage["gold"])
    return (f"{name:30s} {passage['gold']:5d}  recall {recall:5.1f}"
            f"  e2e {E.pct(passage['correct'], passage['gold']):5.2f}"
            f" / {E.pct(novel['correct'], novel['gold']):5.2f}"
            f"  B3 {E.b3_f1(passage):5.2f} / {E.b3_f1(novel):5.2f}  {types}")


def arguments() -> argparse.Namespace:
    """The command line (see the module's docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--style", default="curly", choices=STYLES)
    ap.add_argument("--words", type=int, default=2000, help="words per excerpt (about)")
    ap.add_argument("--count", type=int, default=6, help="excerpts besides the opening")
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--half", choices=["A", "B"])
    ap.add_argument("--only", nargs="*", help="novels (default: all ten, or the half's)")
    ap.add_argument("--diff", action="store_true",
                    help="list the quotes right in the novel and wrong in the passage")
    ap.add_argument("--no-novel", action="store_true",
                    help="skip the whole novels (their column reads 0): the passages' "
                         "figures alone, about ten times faster")
    ap.add_argument("--data", default=str(SHARED / "data" / "pdnc-dev"))
    ap.add_argument("--held-out", type=Path, metavar="DIR",
                    help="the conversation model trained on the other half "
                         "(train_conversation.py --cv-only --save-cv DIR) for each novel")
    ap.add_argument("--cues", nargs="+", metavar="CUE",
                    help="also print, per half, the passages' lines ending with each of "
                         "these cues that find a gold quote, and how many are right")
    return ap.parse_args()


def main() -> None:
    args = arguments()
    import pdnc_eval as E

    from drama.extract import extract_script
    from drama.extract import conversation as C
    novels = args.only or {"A": HALF_A, "B": HALF_B}.get(args.half) or sorted(HALF_A + HALF_B)
    # [novel][where] -> summed scores; where is "opening" or "drawn", passage or novel
    passage = defaultdict(lambda: defaultdict(dict))
    novel = defaultdict(lambda: defaultdict(dict))
    # (novel, speaker named in the excerpt) -> [right in the passage, in the novel, quotes]
    by_naming = defaultdict(lambda: [0, 0, 0])
    # (half, cue) -> [lines, right, lines whose speaker the excerpt names, right], --cues only
    by_cue = defaultdict(lambda: [0, 0, 0, 0])
    t0, words = time.perf_counter(), 0
    for n in novels:
        text, cast, quotes = E.load_novel(os.path.join(args.data, n))
        src = restyle(E, text, quotes, args.style)
        if args.held_out:
            other = "B" if n in HALF_A else "A"
            C.use_model(json.loads((args.held_out / f"trained_on_{other}.json").read_text()))
        whole = [] if args.no_novel else \
            [ln.to_dict() for ln in extract_script(src, source=n).lines]
        for k, (start, end) in enumerate(cut_excerpts(src, args.words, args.count, args.seed)):
            inside = quotes_inside(quotes, start, end)
            if not inside:
                continue
            where = "opening" if k == 0 else "drawn"
            words += len(src[start:end].split())
            lines = [ln.to_dict() for ln in extract_script(src[start:end], source=n).lines]
            add(passage[n][where], E.score_novel(text[start:end], cast, inside, lines), E)
            same = [q for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]
            add(novel[n][where], E.score_novel(text, cast, same, whole), E)
            named = [named_in(E, cast, q["speaker"], src[start:end]) for q in inside]
            right = rightly_given(E, cast, inside, lines)
            novel_right = rightly_given(E, cast, same, whole)
            if args.cues:
                tally_cues(by_cue, "A" if n in HALF_A else "B", args.cues,
                           quote_lines(inside, lines), right, named)
            for is_named, p_ok, n_ok in zip(named, right, novel_right):
                by_naming[n, is_named][0] += p_ok
                by_naming[n, is_named][1] += n_ok
                by_naming[n, is_named][2] += 1
            if args.diff:
                print_diff(f"{n}@{start}", src[start:end], inside, lines, named, right,
                           novel_right)
    seconds = time.perf_counter() - t0

    def pooled(table, names, wheres=("opening", "drawn")) -> dict:
        into: dict = {}
        for n in names:
            for w in wheres:
                if table[n][w]:
                    add(into, table[n][w], E)
        return into

    print(f"{'':30s} quotes           passage / novel (same quotes)")
    for n in novels:
        print(row(E, n, pooled(passage, [n]), pooled(novel, [n])))
    groups = [("openings", novels, ("opening",)), ("drawn", novels, ("drawn",))]
    groups += [(name, [n for n in novels if n in half], ("opening", "drawn"))
               for name, half in (("half A", HALF_A), ("half B", HALF_B))]
    groups.append(("all", novels, ("opening", "drawn")))
    for name, names, wheres in groups:
        if names:
            print(row(E, name, pooled(passage, names, wheres), pooled(novel, names, wheres)))
    for name, half in (("half A", HALF_A), ("half B", HALF_B), ("all", novels)):
        if not any(n in half for n in novels):
            continue
        counts = {is_named: [sum(by_naming[n, is_named][i] for n in novels if n in half)
                             for i in range(3)] for is_named in (True, False)}
        print(f"{name:8s} speaker named in the excerpt: " + "; ".join(
            f"{'yes' if is_named else 'no'} {c[2]:4d} quotes, e2e {E.pct(c[0], c[2]):5.1f}"
            f" / {E.pct(c[1], c[2]):5.1f}" for is_named, c in counts.items()))
    print_cues(E, by_cue)
    print(f"{words:,} words of passages; {seconds:.0f} s with the whole novels")


def print_cues(E, by_cue: dict) -> None:
    """One line per half and cue of --cues: its lines and how many are right, and of those
    whose speaker the excerpt names (named_in: a reader could know the name), the same."""
    for (half, cue), (count, ok, named, named_ok) in sorted(by_cue.items()):
        print(f"cue {cue} half {half}: {count} lines, {ok} right ({E.pct(ok, count):.1f}%);"
              f" speaker named in the excerpt: {named} lines, {named_ok} right"
              f" ({E.pct(named_ok, named):.1f}%)")


def tally_cues(by_cue: dict, half: str, cues: list[str], found: list, right: list,
               named: list) -> None:
    """Count into by_cue[(half, cue)] = [lines, right, named lines, named right] the found
    lines of the chosen cues (found: each gold quote's line or None, right: whether it gives
    the gold speaker, named: whether the excerpt names the gold speaker)."""
    for ln, ok, is_named in zip(found, right, named):
        if ln is not None and ln.get("cue") in cues:
            tally = by_cue[half, ln["cue"]]
            tally[0] += 1
            tally[1] += ok
            tally[2] += is_named
            tally[3] += ok and is_named


def named_in(E, cast, speaker: str, excerpt: str) -> bool:
    """Whether the excerpt names the gold speaker: one of their aliases, its every word but
    a title capitalised ("Miss Daisy Miller", not "the young lady", nor a heading's
    "DAISY MILLER")."""
    for alias in cast.aliases.get(cast.resolve(speaker), ()):
        words = alias.split()
        if not E.core_tokens(alias):
            continue
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b"
        for m in re.finditer(pattern, excerpt, re.IGNORECASE):
            found = re.findall(r"[\w']+", m.group(0))
            if m.group(0).isupper():
                continue                            # a title: "DAISY MILLER"
            if all(f[0].isupper() for f, w in zip(found, words) if w not in E.TITLES):
                return True
    return False


def rightly_given(E, cast, quotes: list[dict], lines: list[dict]) -> list[bool]:
    """Per quote, whether the lines find it and give it to its gold speaker, as the scorer
    decides (score_novel's count of right quotes is their sum)."""
    speakers = [ln.get("speaker", "") if ln else None for ln in quote_lines(quotes, lines)]
    fuller = E.fuller_forms(cast, [(q, None, sp) for q, sp in zip(quotes, speakers)
                                   if sp is not None])
    return [sp is not None and cast.same(sp, q["speaker"], fuller)
            for q, sp in zip(quotes, speakers)]


def print_diff(where: str, excerpt: str, inside, lines, named, right, novel_right) -> None:
    """The quotes the whole novel gives the right speaker and the excerpt does not."""
    found = quote_lines(inside, lines)
    for q, ln, is_named, p_ok, n_ok in zip(inside, found, named, right, novel_right):
        if n_ok and not p_ok:
            s, e = q["spans"][0]
            said = " ".join(excerpt[s:e].split())[:70]
            sp, cue = (ln.get("speaker"), ln.get("cue")) if ln else (None, None)
            print(f"DIFF {where}\t{q['type'][:4]}\t{q['speaker']}\t{sp}\t{cue}\t"
                  f"{'named' if is_named else 'unnamed'}\t@{s}\t{said}")


if __name__ == "__main__":
    main()
