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
    spoken = [it for it in items if it.key is not None]
    voices = list(dict.fromkeys(it.settings for it in spoken))
    group = {s: i for i, s in enumerate(voices)}
    levels = EpisodeLevels([(stats[it.key], it.start, group[it.settings]) for it in spoken],
                           total_frames, rate)
    item_group = np.array([group[it.settings] for it in spoken], dtype=np.int64)
    ceiling = np.array([ceilings[it.settings] for it in spoken])
    voice_db = np.zeros(len(voices))
    frames = np.bincount(item_group, weights=[it.frames for it in spoken], minlength=len(voices))
    reference = int(np.argmax(frames))  # the voice heard most: usually the narrator
    wanted = np.array([20 * math.log10(max(s.volume, 1e-3) / max(voices[reference].volume, 1e-3))
                       for s in voices])

    def item_gains(episode_db: float) -> np.ndarray:
        return 10 ** ((voice_db[item_group] + episode_db) / 20)

    def match(ceiling_now) -> float:
        now = np.array(levels.group_levels(item_gains(episode_db), ceiling_now))
        if not np.isfinite(now[reference]):
            return 0.0
        corr = np.where(np.isfinite(now), now[reference] + wanted - now, 0.0)
        voice_db[:] = np.clip(voice_db + corr, -MAX_VOICE_GAIN_DB, MAX_VOICE_GAIN_DB)
        return float(np.abs(corr).max())

    goal = target.integrated_lufs if target.integrated_lufs is not None else target.rms_db
    pick = 0 if target.integrated_lufs is not None else 1

    def normalize(start_db: float) -> float:
        db = start_db
        for _ in range(8):
            now = levels.integrated(item_gains(db), ceiling)[pick]
            if not math.isfinite(now) or abs(goal - now) < 0.02:
                break
            db = min(db + (goal - now), 40.0)
        return db

    episode_db = 0.0
    match(None)
    before_lufs, before_rms = levels.integrated(item_gains(0.0), None)
    before = {"integrated_lufs": before_lufs, "rms_db": before_rms}
    if goal is not None and math.isfinite(before[("integrated_lufs", "rms_db")[pick]]):
        episode_db = normalize(goal - before[("integrated_lufs", "rms_db")[pick]])
        for _ in range(4):
            if match(ceiling) < 0.1:
                break
            episode_db = normalize(episode_db)
    after_lufs, after_rms = levels.integrated(item_gains(episode_db), ceiling)
    gains = {s: db_to_gain(voice_db[i]) for i, s in enumerate(voices)}
    return gains, episode_db, before, {"integrated_lufs": after_lufs, "rms_db": after_rms}
