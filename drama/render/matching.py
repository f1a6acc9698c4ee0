"""Voice level matching and the episode gain, from the segments' cached statistics alone."""
from __future__ import annotations

import math

import numpy as np

from ..engines import VoiceSettings
from .loudness import EpisodeLevels, LoudnessTarget, SegmentSummary, db_to_gain
from .plan import Item

MAX_VOICE_GAIN_DB = 18.0
"""Level matching never lifts or cuts a voice by more than this. espeak's +klatt variants
speak about 10 dB under the others, and are peaky: the limiter takes several dB of what they
are lifted by, the more so as their own encoder headroom lowers their ceiling (measured on
tests/test_render_resume.py's voices: +klatt needs 16 to 17 dB at a -2.6 dBTP ceiling)."""


def match_voices(items: list[Item], stats: dict[str, SegmentSummary], rate: int,
                 target: LoudnessTarget, ceilings: dict[VoiceSettings, float],
                 total_frames: int):
    """Gains per voice setting so every voice speaks equally loud, and the episode gain (dB);
    `ceilings` are the limiter's, per voice setting.

    espeak's variants differ by up to 10 dB; a speaker's `volume` stays as a relative level.
    The limiter takes more off peaky voices, and loudness from a stronger limiter, so both
    gains are iterated on the limited levels, from the statistics alone.
    """
    m = _Matching(items, stats, rate, target, ceilings, total_frames)
    episode_db = 0.0
    m.match(None, episode_db)
    before_lufs, before_rms = m.levels.integrated(m.item_gains(0.0), None)
    before = {"integrated_lufs": before_lufs, "rms_db": before_rms}
    if m.goal is not None and math.isfinite(before[("integrated_lufs", "rms_db")[m.pick]]):
        episode_db = m.normalize(m.goal - before[("integrated_lufs", "rms_db")[m.pick]])
        for _ in range(4):
            if m.match(m.ceiling, episode_db) < 0.1:
                break
            episode_db = m.normalize(episode_db)
    after_lufs, after_rms = m.levels.integrated(m.item_gains(episode_db), m.ceiling)
    gains = {s: db_to_gain(m.voice_db[i]) for i, s in enumerate(m.voices)}
    return gains, episode_db, before, {"integrated_lufs": after_lufs, "rms_db": after_rms}


class _Matching:
    """The state match_voices iterates on: the spoken items grouped by voice setting, each
    voice's gain so far (voice_db), the voice heard most (the reference the others are
    matched to) and the level each should keep relative to it (its `volume`)."""

    def __init__(self, items: list[Item], stats: dict[str, SegmentSummary], rate: int,
                 target: LoudnessTarget, ceilings: dict[VoiceSettings, float],
                 total_frames: int):
        spoken = [it for it in items if it.key is not None]
        self.voices = voices = list(dict.fromkeys(it.settings for it in spoken))
        group = {s: i for i, s in enumerate(voices)}
        self.levels = EpisodeLevels([(stats[it.key], it.start, group[it.settings])
                                     for it in spoken], total_frames, rate)
        self.item_group = np.array([group[it.settings] for it in spoken], dtype=np.int64)
        self.ceiling = np.array([ceilings[it.settings] for it in spoken])
        self.voice_db = np.zeros(len(voices))
        frames = np.bincount(self.item_group, weights=[it.frames for it in spoken],
                             minlength=len(voices))
        ref = self.reference = int(np.argmax(frames))  # the voice heard most: usually the narrator
        self.wanted = np.array([20 * math.log10(max(s.volume, 1e-3)
                                                / max(voices[ref].volume, 1e-3))
                                for s in voices])
        self.goal = target.integrated_lufs if target.integrated_lufs is not None \
            else target.rms_db
        self.pick = 0 if target.integrated_lufs is not None else 1
        """Which of EpisodeLevels.integrated's pair the goal is: LUFS (0) or RMS (1)."""

    def item_gains(self, episode_db: float) -> np.ndarray:
        """Each spoken item's gain: its voice's and the episode's."""
        return 10 ** ((self.voice_db[self.item_group] + episode_db) / 20)

    def match(self, ceiling_now, episode_db: float) -> float:
        """One step bringing every voice to the reference's level (plus its wanted
        difference) under these ceilings; the largest correction made (dB)."""
        now = np.array(self.levels.group_levels(self.item_gains(episode_db), ceiling_now))
        ref = self.reference
        if not np.isfinite(now[ref]):
            return 0.0
        corr = np.where(np.isfinite(now), now[ref] + self.wanted - now, 0.0)
        self.voice_db[:] = np.clip(self.voice_db + corr, -MAX_VOICE_GAIN_DB, MAX_VOICE_GAIN_DB)
        return float(np.abs(corr).max())

    def normalize(self, start_db: float) -> float:
        """The episode gain (from start_db) that brings the limited episode to the goal."""
        db = start_db
        for _ in range(8):
            now = self.levels.integrated(self.item_gains(db), self.ceiling)[self.pick]
            if not math.isfinite(now) or abs(self.goal - now) < 0.02:
                break
            db = min(db + (self.goal - now), 40.0)
        return db
