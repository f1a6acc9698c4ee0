#!/usr/bin/env python3
"""Sex cues in and around a turn against the model's picks of the other sex, held out.

The model is trained on the other half (two rounds, as `train_conversation.py --cv-only`)
and decodes the tested half. Over the turns it decides whose gold speaker is among the
candidates and of known sex (doc.gender), and whose pick is of known sex:

- "cross-sex wrong": the pick is of the other sex from the gold speaker.

Each cue reads one sex ("m"/"f") for the speaker of a turn, or none:

- calls_self: the turn calls the one it speaks to by a sexed form of address ("sir",
  "ma'am", "my dear fellow": Turn.calls_sex, lexicon.address_sex, Wiktionary's English
  terms of address): the speaker is of the other sex. Not read by the model (round 25
  dropped it as a feature). calls_self_mw: the same, only where the last two speakers as
  decoded are a man and a woman (a two-party scene where the other one speaks);
- self_ref: the turn says its own speaker's sex ("my husband", "I am a poor widow":
  word_signals.self_sex, the lexicon's sexed nouns). Not read by the model;
- tail_pron: the narration of the turn's own paragraphs after its first quote (between
  its quotes, after its last) opens main clauses on "he" or on "she" only
  (beat_pronouns.PRONOUN_SUBJECT), and no pronoun tag goes with the turn (Turn.pronoun:
  with one, the features keep the tag's sex already). Not read by the model;
- own_sex: self_ref and tail_pron together (the one sex they read);
- beat_pron: Turn.beat_pron, a sentence opening on "He"/"She" in the narration since the
  turn before (read by the model only as beat_same, the last speaker going on);
- prev_calls: the turn before in the conversation calls its listener by a sexed form: the
  answer is of that sex (read: called_sex_prev / called_clash_prev, for comparison);
- prev_calls_name: the turn before calls by name people of one sex (doc.vocatives): the
  answer is of that sex (the model reads the called person, voc_prev, not the sex).

For each cue: on the cross-sex wrong turns, how often it fires, and whether its sex is the
gold speaker's ("for gold") or the pick's; and as a rule on all the turns above: where it
fires against the pick's sex, the pick moves to the candidate of the cue's sex who spoke
last in the conversation as decoded (else the first such candidate): "fixes" (wrong turns
it makes right), "still wrong" (wrong turns it moves to another wrong one), "breaks" (right
turns it moves away), and "sex right" (its sex is the gold speaker's, over all it fires on).

    .venv/bin/python bench/sex_cues.py [--test A|B] [--cache FILE] [--only NOVEL ...]
        [--show CUE N]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_conversation as T  # noqa: E402  (also puts the repo on the path)
from beat_pronouns import PRONOUN_SUBJECT  # noqa: E402
from word_signals import self_sex, words  # noqa: E402

from drama.extract import conversation as C  # noqa: E402
from drama.extract.conversation.turns import _decided  # noqa: E402

OTHER = {"m": "f", "f": "m"}
CUES = ("calls_self", "calls_self_mw", "self_ref", "tail_pron", "own_sex", "beat_pron",
        "prev_calls", "prev_calls_name")


def one_sex(sexes) -> str | None:
    """The one sex among these ("m"/"f"; others ignored), None if none or both."""
    found = set(sexes) & {"m", "f"}
    return found.pop() if len(found) == 1 else None


def tail_narration(text: str, quotes, paras, quote_ids) -> list[tuple[int, int]]:
    """The spans of narration in a turn's paragraphs after its first quote: between its
    quotes, and after its last up to its paragraph's end; each from the quote's last
    character, so that a sentence it ends opens the narration ("No.” She turned.")."""
    spans = [(quotes[a].end - 1, quotes[b].open) for a, b in zip(quote_ids, quote_ids[1:])]
    last = quotes[quote_ids[-1]]
    end = next(e for s, e in paras if s <= last.close <= e)
    return spans + [(last.end - 1, end)]


def pronoun_sexes(text: str, spans) -> list[str]:
    """The sexes of the pronouns opening main clauses in these spans of text."""
    return ["m" if m.group(1).lower() == "he" else "f"
            for s, e in spans for m in PRONOUN_SUBJECT.finditer(text, s, e)]


def cues(novel: T.Novel, k: int, prev) -> dict[str, str | None]:
    """Cue -> the sex it reads for turn k's speaker (see the docstring). prev: the two
    who spoke before as decoded."""
    doc, t = novel.doc, novel.doc.turns[k]
    before = doc.turns[k - 1] if t.pos else None
    mixed = {doc.gender.get(x) for x in prev if x} == {"m", "f"}
    out = {"calls_self": OTHER.get(t.calls_sex), "self_ref": self_sex(words(novel, k)),
           "beat_pron": t.beat_pron,
           "prev_calls": before.calls_sex if before else None,
           "prev_calls_name": one_sex(doc.gender.get(x) for x in doc.vocatives.get(k - 1, ()))
           if before else None}
    out["calls_self_mw"] = out["calls_self"] if mixed else None
    spans = tail_narration(novel.text, novel.quotes, novel.paras, t.quotes)
    out["tail_pron"] = None if t.pronoun else one_sex(pronoun_sexes(novel.text, spans))
    out["own_sex"] = one_sex([out["self_ref"], out["tail_pron"]])
    return out


def moved_to(doc, k: int, sex: str, cands, decoded) -> str | None:
    """Who a rule reading ``sex`` for turn k gives it to: the candidate of that sex who
    spoke last before it in its conversation as decoded (a fixed turn's anchor), else the
    first candidate of that sex."""
    t = doc.turns[k]
    for j in reversed(doc.chains[t.chain][:t.pos]):
        who = decoded[j][0] if j in decoded else doc.turns[j].anchor
        if who in cands and doc.gender.get(who) == sex:
            return who
    return next((c for c in cands if doc.gender.get(c) == sex), None)


def count(novel: T.Novel, name: str, model: dict, c: Counter, show=None) -> None:
    """Add the novel's decided turns to the counts (see the docstring)."""
    doc = novel.doc
    decoded = C.decide(doc, model)
    for k, t in enumerate(doc.turns):
        if not _decided(t) or novel.gold[k] is None or k not in decoded:
            continue
        read = novel.turn_features(k, decoded)
        if read is None:
            continue
        cands, _, prev = read
        gold = next((x for x in cands if novel.same(x, k)), None)
        chosen = decoded[k][0]
        gsex, csex = doc.gender.get(gold), doc.gender.get(chosen)
        if gsex not in ("m", "f") or csex not in ("m", "f"):
            continue
        right = novel.same(chosen, k)
        cross = not right and gsex != csex
        c["turns", "right" if right else "cross-sex wrong" if cross else "same-sex wrong"] += 1
        read_sexes = cues(novel, k, prev)
        if cross:
            said = {sex for cue, sex in read_sexes.items() if sex and cue != "own_sex"}
            c["cross", "any cue" if said else "no cue"] += 1
            c["cross", "cues only for gold"] += said == {gsex}
            c["where", f"pick {_stands(chosen, prev)}, gold {_stands(gold, prev)}"] += 1
        for cue, sex in read_sexes.items():
            if sex is None:
                continue
            c[cue, "fires"] += 1
            c[cue, "sex right"] += sex == gsex
            if cross:
                c[cue, "cross: for gold" if sex == gsex else "cross: for pick"] += 1
            if sex == csex:
                continue
            to = moved_to(doc, k, sex, cands, decoded)
            if right:
                c[cue, "breaks"] += 1
            elif to is not None and novel.same(to, k):
                c[cue, "fixes"] += 1
                if show and cue == show[0] and c[cue, "shown"] < int(show[1]):
                    c[cue, "shown"] += 1
                    print(f"  {name} turn {k}: gold {gold}, picked {chosen}, prev {prev}\n"
                          f"      {words(novel, k)[:240]}")
            else:
                c[cue, "still wrong"] += 1


def _stands(who: str, prev) -> str:
    """Where a speaker stands against the two who spoke before as decoded."""
    return "prev1" if who == prev[0] else "prev2" if who == prev[1] else "new"


COLUMNS = ("fires", "sex right", "cross: for gold", "cross: for pick", "fixes", "still wrong",
           "breaks")


def report(c: Counter) -> str:
    lines = [f"turns (gold among the candidates, both sexes known): right {c['turns', 'right']}, "
             f"cross-sex wrong {c['turns', 'cross-sex wrong']}, "
             f"same-sex wrong {c['turns', 'same-sex wrong']}",
             f"cross-sex wrong turns: some cue fires {c['cross', 'any cue']}, none "
             f"{c['cross', 'no cue']}, the cues that fire all read the gold's sex "
             f"{c['cross', 'cues only for gold']}",
             "cross-sex wrong turns by where the pick and the gold stand (the two before as "
             "decoded): " + ", ".join(f"{w} {n}" for (k, w), n in sorted(c.items())
                                     if k == "where"),
             f"{'cue':16s}" + "".join(f"{col:>16s}" for col in COLUMNS)]
    for cue in CUES:
        lines.append(f"{cue:16s}" + "".join(f"{c[cue, col]:16d}" for col in COLUMNS))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=T.SHARED / "data" / "pdnc-dev")
    ap.add_argument("--test", choices=("A", "B"), default="A",
                    help="the half decoded (the model is trained on the other)")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--cache", type=Path, help="model weights: read, or trained and written")
    ap.add_argument("--show", nargs=2, metavar=("CUE", "N"), help="print N turns CUE fixes")
    args = ap.parse_args(argv)
    novels, model, test = T.trained_on_other_half(args.data, args.test, args.only, args.cache)
    c: Counter = Counter()
    for name in test:
        count(novels[name], name, model, c, args.show)
    print(report(c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
