"""The conversation model's features of where the narration names a person: around the turn
(narr_*, beat_*, in_quote, narr_chain); how lately and in what order (recency, rank,
last_mention_subj); for a turn tagged "he"/"she", whether the candidate's sex fits and where
they stand among the people of that sex (pron_*, g_*, focal()); and whom the narration since
the turn before brings in (entering(), for the transition features).
"""
from __future__ import annotations

from bisect import bisect_left

from .around import _Around
from .schema import INDEX, SCENE_PARAS, WINDOW_PARAS
from .turns import Doc, Turn


def _narration_features(doc: Doc, t: Turn, around: _Around, cand: str, f: dict) -> None:
    """Where the narration names the candidate: in or just before the conversation, in
    this turn's paragraph (inside a quote, after it, or before it and as the subject), or
    in a paragraph of narration just before this turn (a beat: its _Around)."""
    chain = doc.chains[t.chain]
    lo, hi = doc.turns[chain[0]].first - WINDOW_PARAS, doc.turns[chain[-1]].para
    paras = doc.mention_paras.get(cand, ())
    i = bisect_left(paras, lo)
    if i < len(paras) and paras[i] <= hi:
        f[INDEX["narr_chain"]] = 1.0
    for pos, _, inside, subj in _turn_mentions(doc, t, cand):
        if inside:
            f[INDEX["in_quote"]] = 1.0
        elif pos > t.open:
            f[INDEX["narr_after"]] = 1.0    # "He handed it to Antonov": after the quote
        else:
            f[INDEX["narr_any"]] = 1.0
            if subj:
                f[INDEX["narr_subj"]] = 1.0
    beat = around.beat
    if beat is not None:
        for _, _, inside, subj in _mentions_of(doc, beat).get(cand, ()):
            if not inside:
                f[INDEX["beat_any"]] = 1.0
                if subj:
                    f[INDEX["beat_subj"]] = 1.0


def _turn_mentions(doc: Doc, t: Turn, cand: str) -> list[tuple]:
    """The candidate's mentions in the turn's paragraphs, from its first (its lead-in) to
    its last (the narration after a speech that runs on)."""
    if not t.runs_on:
        return _mentions_of(doc, t.para).get(cand, ())
    return [m for p in range(t.first, t.para + 1) for m in _mentions_of(doc, p).get(cand, ())]


def _mentions_of(doc: Doc, para: int) -> dict[str, list[tuple]]:
    """A paragraph's mentions (Doc.mentions) by label, kept (Doc.around): every candidate
    of every turn asks for its own, where reading the whole paragraph each time made a
    paragraph naming 5,000 people cost 5,000 steps a candidate."""
    key = ("of", para)
    got = doc.around.get(key)
    if got is None:
        got = doc.around[key] = {}
        for m in doc.mentions.get(para, ()):
            got.setdefault(m[1], []).append(m)
    return got


def _salience_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """How lately the narration named the candidate, where they stand among the people
    it named in the paragraphs before, and whether it last named them as the one acting."""
    paras = doc.mention_paras.get(cand)
    if paras:
        k = bisect_left(paras, t.first) - 1
        if k >= 0:
            f[INDEX["recency"]] = 1.0 / (1 + t.first - paras[k])
    rank, last_subj = _named_before(doc, t.first)
    if cand in rank:
        f[INDEX["rank"]] = rank[cand]
    f[INDEX["last_mention_subj"]] = float(last_subj == cand)


def _named_before(doc: Doc, para: int) -> tuple[dict[str, float], str | None]:
    """The people named in the WINDOW_PARAS paragraphs before ``para``, each with its rank
    feature (latest first), and the last one named as the subject outside a quote. Kept
    (Doc.around) as every candidate of every turn of the paragraph asks the same."""
    key = ("para", para)
    got = doc.around.get(key)
    if got is None:
        seen: list[str] = []
        last_subj = None
        for p in range(para - 1, para - 1 - WINDOW_PARAS, -1):
            for _, lab, inside, subj in reversed(doc.mentions.get(p, ())):
                if lab not in seen:
                    seen.append(lab)
                if last_subj is None and subj and not inside:
                    last_subj = lab
        rank = {lab: 1.0 / (1 + i) for i, lab in enumerate(seen)}
        got = doc.around[key] = (rank, last_subj)
    return got


def _pronoun_features(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """For a turn tagged "he"/"she": whether the candidate's sex agrees or clashes, and
    where they stand among the people of that sex (_pronoun_salience)."""
    g = doc.gender.get(cand)
    if g is None and t.pronoun and cand == t.rule and t.cue == "pronoun":
        g = t.pronoun       # the rules read "he said" as this described person
    if t.pronoun:
        f[INDEX["pron_match"]] = float(g == t.pronoun)
        f[INDEX["pron_clash"]] = float(g is not None and g != t.pronoun and g != "1")
        if g == t.pronoun:
            _pronoun_salience(doc, t, cand, f)


def _pronoun_salience(doc: Doc, t: Turn, cand: str, f: dict) -> None:
    """For a turn tagged "he"/"she": where the candidate stands among the people of that
    sex the narration named lately (latest first), whether it named them first in this
    paragraph or the one before, and whether they are the scene's focal person of that sex
    (focal())."""
    order, first = _named_of_sex(doc, t)
    if cand in order:
        f[INDEX["g_rank"]] = 1.0 / (1 + order.index(cand))
    f[INDEX["g_focal"]] = float(focal(doc, t, t.pronoun) == cand)
    f[INDEX["g_first"]] = float(first == cand)
    f[INDEX["g_only"]] = float(order == [cand])


def _named_of_sex(doc: Doc, t: Turn) -> tuple[list[str], str | None]:
    """The people of the sex of turn t's "he"/"she" the narration named as subjects in its
    paragraph before it and the WINDOW_PARAS paragraphs before (latest first), and the
    first of them named in this paragraph or the one before. Kept (Doc.around) as every
    candidate of the turn asks the same."""
    key = ("sex", t.chain, t.pos)
    got = doc.around.get(key)
    if got is None:
        order: list[str] = []
        first = None
        for p in range(t.first, t.first - WINDOW_PARAS - 1, -1):
            here = [lab for pos, lab, inside, subj in doc.mentions.get(p, ())
                    if subj and not inside and doc.gender.get(lab) == t.pronoun and pos < t.open]
            if p >= t.first - 1 and first is None and here:
                first = here[0]
            for lab in reversed(here):
                if lab not in order:
                    order.append(lab)
        got = doc.around[key] = (order, first)
    return got


def focal(doc: Doc, t: Turn, sex: str) -> str | None:
    """The person the narration last made a subject by name, of that sex or of none the text
    says ("Kishkin the dictator took control. He …"), up to SCENE_PARAS paragraphs back:
    whom the scene's "he" or "she" goes on meaning after the name is out of sight ("Kasim went
    to the mosque. … He … he … “Madam!” he called")."""
    key = (t.open, sex)
    if key not in doc.focal:
        doc.focal[key] = next((lab for p in range(t.first, t.first - SCENE_PARAS - 1, -1)
                               for pos, lab, inside, subj in reversed(doc.mentions.get(p, ()))
                               if subj and not inside and pos < t.open and
                               doc.gender.get(lab) in (sex, None)), None)
    return doc.focal[key]


def entering(doc: Doc, k: int) -> set[str]:
    """The people the narration since the turn before brings in: named there as the one who
    acts, or the description the rules gave the turn when its words are there ("a delegate
    barred his way. … he said")."""
    got = doc.entering.get(k)
    if got is None:
        t = doc.turns[k]
        first = doc.turns[k - 1].para if k else t.first - 1
        got = {lab for p in range(first, t.para + 1) for pos, lab, inside, subj in
               doc.mentions.get(p, ()) if subj and not inside and pos < t.open}
        head = t.rule.lower().split()[-1] if t.rule else ""
        if t.rule and t.rule not in doc.mention_paras and head and head in t.beat:
            got.add(t.rule)
        doc.entering[k] = got
    return got
