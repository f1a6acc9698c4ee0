"""Automatic casting: pick voices by gender, main characters far apart, extras from a small set.

Deterministic: the same speakers, line counts, genders and existing file always give the
same voices. Main characters are chosen greedily, each the pool candidate farthest from every
voice already in the file (the narrator included), measured on voice variant, accent, pitch
and rate. Speakers with one or two lines share a fixed small set of extras voices whose
variants the main pool never uses, so an extra never sounds like a main character.

Neural (Piper) voices, when the pool is given some, go to the main characters first, most
lines first, each voice (or speaker of a multi-speaker model) to one role only, so no two
main characters share one; when they run out, the rest get espeak-ng voices as above.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..engines import Voice
from .model import VoiceEntry
from .voices import engine_voice_ids, split_voice, variant_genders

ENGLISH_BASES = ["gmw/en-us", "gmw/en", "gmw/en-gb-scotland", "gmw/en-029", "gmw/en-us-nyc",
                 "gmw/en-gb-x-gbclan", "gmw/en-gb-x-gbcwmd", "gmw/en-gb-x-rp"]
# espeak-ng variants that sound like ordinary voices (not robots, whispers or monsters).
MAIN_VARIANTS = {
    "male": ["m1", "m3", "m2", "m4", "m6", "m7", "Andy", "Denis", "travis", "michel", "antonio",
             "Lee"],
    "female": ["f1", "f3", "f2", "f4", "Annie", "belinda", "Andrea", "steph"],
}
EXTRA_VARIANTS = {"male": ["m5", "m8"], "female": ["f5", "linda"]}
PITCHES = [50, 40, 60, 33, 67]
RATES = [170, 158, 182, 150, 190]
EXTRAS_PER_GENDER = 3
MAX_EXTRA_LINES = 2
"""Speakers with at most this many lines are extras."""


@dataclass(frozen=True)
class Candidate:
    base: str
    variant: str
    pitch: int
    rate: int
    gender: str | None
    engine: str | None = None
    """None for the default engine's voices; "piper" for neural ones."""
    speaker: int | None = None

    @property
    def voice(self) -> str:
        if self.engine == "piper":  # its variant (#n) is the speaker, not part of the id
            return self.base
        return f"{self.base}+{self.variant}" if self.variant else self.base

    @property
    def neural_id(self) -> tuple:
        return (self.engine, self.base, self.speaker)

    def entry(self, gender: str | None = None) -> VoiceEntry:
        return VoiceEntry(voice=self.voice, rate=self.rate, pitch=self.pitch, gender=gender,
                          engine=self.engine, speaker=self.speaker)


def neural_candidates(voices: list[Voice]) -> list[Candidate]:
    """One candidate per neural voice and speaker, at the voice's own pace: single-speaker
    voices with a known gender first, then the speakers of multi-speaker models in turn
    (the first speaker of every model, then the second, ...), so voices spread over models."""
    singles = [Candidate(v.id, "", 50, 170, v.gender, v.engine or "piper")
               for v in sorted(voices, key=lambda v: (v.gender is None, v.id)) if not v.speakers]
    models = sorted((v for v in voices if v.speakers), key=lambda v: v.id)
    rounds = max((len(v.speakers) for v in models), default=0)
    multi = [Candidate(v.id, f"#{i}", 50, 170, v.gender, v.engine or "piper", i)
             for i in range(rounds) for v in models if i < len(v.speakers)]
    return singles + multi


def distance(a: tuple[str, str, int, int], b: tuple[str, str, int, int]) -> float:
    """How different two voices sound: (base, variant, pitch, rate) each.

    A different variant (timbre) is what the ear notices most, then the accent; pitch and
    rate count fully only between voices of the same variant, where they are all that tells
    two voices apart.
    """
    same_variant = a[1].casefold() == b[1].casefold()
    d = 0.0 if same_variant else 4.0
    if a[0] != b[0]:
        d += 1.5
    spread = min(1.0, abs(a[2] - b[2]) / 16.0) + min(1.0, abs(a[3] - b[3]) / 20.0)
    return d + (spread if same_variant else 0.1 * spread)


def oddness(c: "Candidate") -> float:
    """How far a candidate's pitch and rate are from the voice's natural ones (a tie-breaker)."""
    return abs(c.pitch - 50) / 16.0 * 0.3 + abs(c.rate - 170) / 20.0 * 0.3


def _key(entry: VoiceEntry) -> tuple[str, str, int, int]:
    if entry.engine == "piper":
        return (entry.voice, f"#{entry.speaker}" if entry.speaker is not None else "",
                50, entry.rate)
    base, variant = split_voice(entry.voice)
    return (base, variant, entry.pitch, entry.rate)


class VoicePool:
    """The candidates an engine offers for automatic casting, by gender, and the neural
    voices main characters get first."""

    def __init__(self, voices: list[Voice], neural: list[Voice] | None = None):
        self.neural = neural_candidates(neural or [])
        self.voice_genders = {v.id: v.gender for v in [*voices, *(neural or [])]}
        """Voice id -> the gender its engine reports (None when it reports none)."""
        ids = engine_voice_ids(voices)
        bases = [b for b in ENGLISH_BASES if b in ids]
        self.main: dict[str, list[Candidate]] = {"male": [], "female": []}
        self.extras: dict[str, list[Candidate]] = {"male": [], "female": []}
        if bases:
            genders = variant_genders()
            for g in ("male", "female"):
                mains = [v for v in MAIN_VARIANTS[g] if f"+{v}" in ids]
                extras = [v for v in EXTRA_VARIANTS[g] if f"+{v}" in ids]
                # any other variant the files call this gender, should the lists be missing
                if not mains:
                    mains = sorted(v for v, vg in genders.items() if vg == g)
                self.main[g] = [Candidate(b, v, p, r, g) for p in PITCHES for r in RATES
                                for v in mains for b in bases]
                # extras: few fixed settings, spread over accents, pitch and rate
                self.extras[g] = [Candidate(bases[(i * 3 + 1) % len(bases)],
                                            extras[i % len(extras)] if extras else mains[-1],
                                            PITCHES[(i + 1) % len(PITCHES)],
                                            RATES[(i + 2) % len(RATES)], g)
                                  for i in range(EXTRAS_PER_GENDER)]
        else:
            # an engine without espeak variants: its own voices, by the gender it reports
            for v in sorted(voices, key=lambda v: v.id):
                g = v.gender if v.gender in ("male", "female") else "male"
                if v.engine == "piper":  # no pitch; a model's speakers instead
                    for i in (range(len(v.speakers)) if v.speakers else [None]):
                        for r in RATES:
                            self.main[g].append(Candidate(v.id, "" if i is None else f"#{i}",
                                                          50, r, g, "piper", i))
                    continue
                for p in PITCHES:
                    for r in RATES:
                        self.main[g].append(Candidate(v.id, "", p, r, g))
            for g in ("male", "female"):
                if not self.main[g]:
                    other = self.main["female" if g == "male" else "male"]
                    self.main[g] = list(other)
                self.extras[g] = [Candidate(c.base, c.variant,
                                            c.pitch if c.engine else PITCHES[(i + 1) % len(PITCHES)],
                                            RATES[(i + 3) % len(RATES)], g, c.engine, c.speaker)
                                  for i, c in enumerate(self.main[g][::len(PITCHES) * len(RATES)]
                                                        [:EXTRAS_PER_GENDER])]

    def neural_for(self, gender: str | None) -> list[Candidate]:
        """Neural candidates for a speaker of this gender: the voices of that gender, then
        those whose gender no config states (the speakers of multi-speaker models: check
        them with `drama preview`); for a speaker of unknown gender, any."""
        unknown = [c for c in self.neural if c.gender not in ("male", "female")]
        if gender in ("male", "female"):
            return [c for c in self.neural if c.gender == gender] + unknown
        return unknown + [c for c in self.neural if c.gender in ("male", "female")]

    def candidates(self, gender: str | None) -> list[Candidate]:
        if gender in ("male", "female"):
            return self.main[gender]
        # unknown or a group: either gender, interleaved so neither is favoured
        m, f = self.main["male"], self.main["female"]
        out = []
        for i in range(max(len(m), len(f))):
            out += [c for c in (m[i] if i < len(m) else None, f[i] if i < len(f) else None) if c]
        return out


OTHER_SEX = {"male": "female", "female": "male"}


def narrator_sex(narrator: VoiceEntry, pool: VoicePool) -> str | None:
    """The sex of the narrator's voice: its entry's `gender`, else its espeak-ng variant's
    (``+f3``), else the one its engine reports for the voice (Piper's config or
    drama/engines/data/piper_genders.tsv, espeak-ng's own voices); None when unknown (a
    speaker of a multi-speaker model)."""
    if narrator.gender in OTHER_SEX:
        return narrator.gender
    base, variant = split_voice(narrator.voice)
    if variant and narrator.engine != "piper":
        return variant_genders().get(variant)
    return pool.voice_genders.get(narrator.voice) or pool.voice_genders.get(base)


def _stable_index(name: str, n: int) -> int:
    digest = hashlib.sha256(name.casefold().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % n


def choose_voices(new: list[str], used: list[VoiceEntry], pool: VoicePool,
                  genders: dict[str, str], line_counts: dict[str, int] | None,
                  leans: dict[str, str | None] | None = None) -> dict[str, VoiceEntry]:
    """Voices for new speakers, given the voices already in the file (narrator first).

    Main characters, most lines first, each get the candidate of their gender farthest from
    every voice used so far (a speaker of unknown gender from the pool the evidence leans to,
    written without a gender). Extras (at most MAX_EXTRA_LINES lines) get one of a few fixed
    extras voices of their gender, in turn. A speaker whose sex the text does not say at all
    (no gender, no lean: "Someone", "Crowd") is voiced as of the sex the narrator's voice is
    not, the voice that stands apart from the narration it breaks into: predictable, where it
    was whichever sex was farthest from the voices cast so far (a main character) or a hash
    of the name (an extra). With a narrator of unknown sex, as before.
    """
    counts = line_counts or {}
    is_extra = {s: line_counts is not None and counts.get(s, 0) <= MAX_EXTRA_LINES for s in new}
    mains = sorted((s for s in new if not is_extra[s]), key=lambda s: (-counts.get(s, 0), s))
    other = OTHER_SEX.get(narrator_sex(used[0], pool) if used else None)
    leans = {s: (leans or {}).get(s) or other for s in new}
    chosen = _main_voices(mains, used, pool, genders, leans)
    chosen.update(_extras_voices([s for s in new if is_extra[s]], used, pool, genders, leans))
    return {s: chosen[s] for s in new}


def _main_voices(mains: list[str], used: list[VoiceEntry], pool: VoicePool,
                 genders: dict[str, str], leans: dict[str, str | None]
                 ) -> dict[str, VoiceEntry]:
    """Each main character in turn, the free candidate of their gender (a neural voice
    first) farthest from every voice used so far, theirs included once chosen."""
    chosen: dict[str, VoiceEntry] = {}
    used_keys = list(dict.fromkeys(_key(e) for e in used))  # a series' file: few distinct
    nearest: dict[Candidate, float] = {}

    def gap(c: Candidate) -> float:
        if c not in nearest:
            k = (c.base, c.variant, c.pitch, c.rate)
            nearest[c] = min((distance(k, u) for u in used_keys), default=99.0)
        return nearest[c]

    taken = {(e.engine, e.voice, e.speaker) for e in used if e.engine}
    for s in mains:
        g = genders.get(s)
        want = g if g in ("male", "female") else leans.get(s)
        free = [c for c in pool.neural_for(want) if c.neural_id not in taken]
        free = [c for c in free if c.gender == want] or free  # the speaker's gender first
        cands = free or pool.candidates(want)
        if not cands:
            cands = pool.candidates(None)
        best = _best(cands, gap)
        taken.add(best.neural_id)
        entry = best.entry(g if g in ("male", "female") else None)
        chosen[s] = entry
        k = _key(entry)
        used_keys.append(k)
        for c in list(nearest):
            nearest[c] = min(nearest[c], distance((c.base, c.variant, c.pitch, c.rate), k))
    return chosen


def _extras_voices(extras_cast: list[str], used: list[VoiceEntry], pool: VoicePool,
                   genders: dict[str, str], leans: dict[str, str | None]
                   ) -> dict[str, VoiceEntry]:
    """Extras take the extras voices of their gender in turn, continuing the rotation the
    file already holds, so neighbours in a scene rarely share one."""
    extras_of = {g: {(c.voice, c.pitch, c.rate) for c in pool.extras[g]}
                 for g in ("male", "female")}
    turn = {g: sum(1 for u in used if (u.voice, u.pitch, u.rate) in extras_of[g])
            for g in ("male", "female")}
    chosen: dict[str, VoiceEntry] = {}
    for s in extras_cast:
        g = genders.get(s)
        if g not in ("male", "female"):
            g = leans.get(s) or ("male", "female")[_stable_index(s, 2)]
            keep = None
        else:
            keep = g
        extras = pool.extras[g] or pool.candidates(g)[:EXTRAS_PER_GENDER]
        chosen[s] = extras[turn[g] % len(extras)].entry(keep)
        turn[g] += 1
    return chosen


def _best(cands: list[Candidate], gap) -> Candidate:
    """The first candidate with the largest gap (ties go to the earlier, more natural one)."""
    best, best_gap = cands[0], gap(cands[0]) - oddness(cands[0])
    for c in cands[1:]:
        g = gap(c) - oddness(c)
        if g > best_gap + 1e-9:
            best, best_gap = c, g
    return best
