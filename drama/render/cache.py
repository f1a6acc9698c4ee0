"""The segment cache: one WAV per synthesized line, keyed by everything that shapes its sound.

An entry is a `<key>.json` of loudness statistics and a `<key>.wav`; the WAV is renamed into
place last, so an entry exists completely or not at all, and a render killed at any moment
resumes from whatever finished.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .loudness import SegmentStats

KEY_VERSION = 3
"""Bumped when the way segments are post-processed (trimmed, measured) changes."""


def default_cache_dir() -> Path:
    base = os.environ.get("DRAMA_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "drama")
    return Path(base) / "segments"


def segment_key(engine_name: str, engine_version: str, text: str, settings) -> str:
    """A hash of everything that shapes a segment's sound."""
    blob = json.dumps([KEY_VERSION, engine_name, engine_version, text, settings.voice,
                       int(settings.rate), int(settings.pitch), round(float(settings.volume), 3)],
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SegmentCache:
    """Segments on disk under root/<2 hex>/<key>.wav with <key>.json beside."""

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = Path(root) if root else default_cache_dir()

    def wav(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def meta(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        try:
            return self.wav(key).stat().st_size > 44 and self.meta(key).stat().st_size > 0
        except OSError:
            return False

    def stats(self, key: str) -> SegmentStats:
        return SegmentStats.from_dict(json.loads(self.meta(key).read_text(encoding="utf-8")))

    def tmp_path(self, key: str, suffix: str) -> Path:
        d = self.root / key[:2]
        d.mkdir(parents=True, exist_ok=True)
        return d / f".{key}.{os.getpid()}.tmp{suffix}"

    def store(self, key: str, wav_tmp: Path, stats: SegmentStats) -> None:
        """Commit a finished segment: statistics first, then the WAV (the entry's commit)."""
        meta_tmp = self.tmp_path(key, ".json")
        meta_tmp.write_text(json.dumps(stats.to_dict()), encoding="utf-8")
        os.replace(meta_tmp, self.meta(key))
        os.replace(wav_tmp, self.wav(key))
