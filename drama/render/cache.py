"""The segment cache: one WAV per synthesized line, keyed by everything that shapes its sound.

An entry is a `<key>.json` loudness summary, `<key>.peaks` (the limiter's block peaks,
float32) and a `<key>.wav`; the WAV is renamed into place last, so an entry exists completely or not at all, and a render killed at any moment
resumes from whatever finished.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from .loudness import SegmentStats, SegmentSummary, summarize

KEY_VERSION = 4
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

    def peaks_path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.peaks"

    def has(self, key: str) -> bool:
        try:
            return self.wav(key).stat().st_size > 44 and self.meta(key).stat().st_size > 0 \
                and self.peaks_path(key).exists()
        except OSError:
            return False

    def summary(self, key: str) -> SegmentSummary:
        return SegmentSummary.from_dict(json.loads(self.meta(key).read_text(encoding="utf-8")))

    def peaks(self, key: str) -> np.ndarray:
        return np.fromfile(self.peaks_path(key), dtype="<f4").astype(np.float64)

    def tmp_path(self, key: str, suffix: str) -> Path:
        d = self.root / key[:2]
        d.mkdir(parents=True, exist_ok=True)
        return d / f".{key}.{os.getpid()}.tmp{suffix}"

    def clear_leftovers(self, key: str) -> int:
        """Remove temporary files a killed render left for this key; how many were removed.

        A file is a leftover when the process named in it (`.<key>.<pid>.tmp...`) is gone.
        """
        removed = 0
        d = self.root / key[:2]
        if not d.is_dir():
            return 0
        for p in d.glob(f".{key}.*"):
            try:
                pid = int(p.name.split(".")[2])
            except (IndexError, ValueError):
                continue
            if pid != os.getpid() and not _alive(pid):
                p.unlink(missing_ok=True)
                removed += 1
        return removed

    def store(self, key: str, wav_tmp: Path, stats: SegmentStats) -> None:
        """Commit a finished segment: statistics first, then the WAV (the entry's commit)."""
        peaks_tmp = self.tmp_path(key, ".peaks")
        # rounded up to float32, so a stored peak is never under the true one
        np.nextafter(np.asarray(stats.peaks, dtype="<f4"), np.float32(np.inf)).tofile(peaks_tmp)
        os.replace(peaks_tmp, self.peaks_path(key))
        meta_tmp = self.tmp_path(key, ".json")
        meta_tmp.write_text(json.dumps(summarize(stats).to_dict()), encoding="utf-8")
        os.replace(meta_tmp, self.meta(key))
        os.replace(wav_tmp, self.wav(key))


def _alive(pid: int) -> bool:
    """Whether a process runs (a killed one nobody has reaped yet is a zombie: not running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:  # no /proc (macOS, Windows): trust kill()
        return True
