"""The segment cache: one WAV per synthesized line, keyed by everything that shapes its sound.

An entry is `<key>.wav`, the engine's file as it wrote it, and `<key>.seg`: one line of JSON,
the loudness summary (with where the speech starts in the WAV, past the engine's own
silence), then the limiter's block peaks as float32. The WAV is renamed into place last, so
an entry exists completely or not at all, and a render killed at any moment resumes from
whatever finished. Two files an entry: on ext4 each file made costs about 0.3 ms.

Renders sharing a cache (two builds of one folder) claim a segment before synthesizing it (a
lock on `.<key>.claim`, removed once the entry is in where the system lets it), so each
segment is made once; an entry whose WAV does not hold what its summary says (a damaged file)
is removed when loaded, so the render that found it makes it again.
"""
from __future__ import annotations

import hashlib
import json
import os
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..files import cache_root, process_alive
from ..locks import FileLock
from .loudness import SegmentStats, SegmentSummary, summarize

KEY_VERSION = 5
"""Bumped when the way segments are post-processed (trimmed, measured) changes."""


def default_cache_dir() -> Path:
    return cache_root() / "segments"


def segment_key(engine_name: str, engine_version: str, text: str, settings) -> str:
    """A hash of everything that shapes a segment's sound.

    `engine_version` is the engine's identity for the voice (for Piper, the model file's
    hash as well); `text` is what the engine speaks, lexicon applied, so a lexicon entry
    changes the key of exactly the lines holding its word. A speaker id is added only when
    there is one, so the keys of voices without one are those they always were.
    """
    fields = [KEY_VERSION, engine_name, engine_version, text, settings.voice,
              int(settings.rate), int(settings.pitch), round(float(settings.volume), 3)]
    if getattr(settings, "speaker", None) is not None:
        fields.append({"speaker": int(settings.speaker)})
    blob = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def resampled_key(key: str, rate: int) -> str:
    """The key of a segment's copy at another sample rate (for episodes mixing rates)."""
    return hashlib.sha256(f"{key} resampled to {int(rate)} Hz".encode()).hexdigest()


class SegmentCache:
    """Segments on disk under root/<2 hex>/<key>.wav with <key>.seg beside."""

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = Path(root) if root else default_cache_dir()
        self._made: set[str] = set()
        """Subfolders this object has made sure exist."""

    def wav(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def meta(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.seg"

    def has(self, key: str) -> bool:
        try:
            return self.wav(key).stat().st_size > 44 and self.meta(key).stat().st_size > 0
        except OSError:
            return False

    def summary(self, key: str) -> SegmentSummary:
        with open(self.meta(key), "rb") as f:
            return SegmentSummary.from_dict(json.loads(f.readline()))

    def load(self, key: str) -> SegmentSummary | None:
        """The entry's summary; None when there is no entry, or when it cannot be read or its
        WAV does not hold the speech the summary describes (it is then removed, so it is
        synthesized again in this run rather than failing the assembly)."""
        if not self.has(key):
            return None
        try:
            summary = self.summary(key)
            if _wav_holds(self.wav(key), summary.lead + summary.frames, summary.rate):
                self._drop_claim_file(key)
                os.utime(self.meta(key))  # its last use, for `drama cache prune --older-than`
                return summary
        except (OSError, ValueError, KeyError, TypeError, EOFError, wave.Error):
            pass
        self.discard(key)
        return None

    def _drop_claim_file(self, key: str) -> None:
        """Remove the claim file of an entry that is in: one a render killed between
        committing and letting go of its claim left. One that cannot be removed (Windows
        removes no open file, another render's) stays: the entry is good all the same."""
        try:
            self._claim_path(key).unlink(missing_ok=True)
        except OSError:
            pass

    def discard(self, key: str) -> None:
        """Remove an entry: its WAV first, so it is no longer there for has()."""
        self.wav(key).unlink(missing_ok=True)
        self.meta(key).unlink(missing_ok=True)

    def peaks(self, key: str) -> np.ndarray:
        with open(self.meta(key), "rb") as f:
            f.readline()
            return np.frombuffer(f.read(), dtype="<f4").astype(np.float64)

    def tmp_path(self, key: str, suffix: str) -> Path:
        d = self.root / key[:2]
        if key[:2] not in self._made:
            d.mkdir(parents=True, exist_ok=True)
            self._made.add(key[:2])
        return d / f".{key}.{os.getpid()}.tmp{suffix}"

    def claim(self, key: str) -> FileLock | None:
        """This process's claim to synthesize key, or None while another process holds it.

        Two renders sharing the cache (two builds of one folder) each claim a segment before
        synthesizing it: the second waits for the first's segment instead of making it again.
        A claim is a lock on `.<key>.claim`, so a killed process's claim ends with it.
        """
        claim = FileLock(self._claim_path(key))
        return claim if claim.try_acquire() else None

    def _claim_path(self, key: str) -> Path:
        return self.tmp_path(key, "").with_name(f".{key}.claim")

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
                pid = int(p.name.split(".")[2])  # a claim file (.<key>.claim) has none
            except (IndexError, ValueError):
                continue
            if pid != os.getpid() and not process_alive(pid):
                p.unlink(missing_ok=True)
                removed += 1
        return removed

    def store(self, key: str, wav_tmp: Path, stats: SegmentStats, lead: int = 0) -> None:
        """Commit a finished segment: statistics first, then the WAV (the entry's commit).

        `wav_tmp` holds the segment's speech from frame `lead` on (stats.frames of them).
        """
        meta_tmp = self.tmp_path(key, ".seg")
        with open(meta_tmp, "wb") as f:
            f.write(json.dumps(summarize(stats, lead).to_dict()).encode() + b"\n")
            # rounded up to float32, so a stored peak is never under the true one
            f.write(np.nextafter(np.asarray(stats.peaks, dtype="<f4"),
                                 np.float32(np.inf)).tobytes())
        os.replace(meta_tmp, self.meta(key))
        os.replace(wav_tmp, self.wav(key))


def _wav_holds(path: Path, frames: int, rate: int) -> bool:
    """Whether a cached WAV is mono 16-bit at `rate` with at least `frames` frames that are
    all in the file (a truncated or damaged file is not)."""
    with wave.open(str(path), "rb") as r:
        if r.getnchannels() != 1 or r.getsampwidth() != 2 or r.getframerate() != rate or \
                r.getnframes() < frames:
            return False
        if frames == 0:
            return True
        r.setpos(frames - 1)
        return len(r.readframes(1)) == 2  # the last frame is really there


@dataclass
class CacheStats:
    """What is in a segment cache."""

    root: str
    entries: int = 0
    bytes: int = 0
    oldest: float | None = None
    """Last use (modification time) of the least recently used entry."""
    newest: float | None = None
    removed: int = 0
    freed: int = 0


def _entries(root: Path):
    """(key, [files], last use) of every entry under root, and leftover temporary files."""
    if not root.is_dir():
        return
    for sub in sorted(root.iterdir()):
        if not sub.is_dir() or len(sub.name) != 2:
            continue
        files: dict[str, list[Path]] = {}
        for p in sub.iterdir():
            key = p.name.split(".")[0] if not p.name.startswith(".") else p.name.split(".")[1]
            files.setdefault(key, []).append(p)
        for key, paths in files.items():
            stats = [p.stat() for p in paths if p.exists()]
            yield key, paths, max((s.st_mtime for s in stats), default=0.0), \
                sum(s.st_size for s in stats)


def cache_info(root: str | os.PathLike | None = None) -> CacheStats:
    """How many segments the cache holds, their size on disk and their ages."""
    cache = SegmentCache(root)
    out = CacheStats(str(cache.root))
    for _, _, used, size in _entries(cache.root):
        out.entries += 1
        out.bytes += size
        out.oldest = used if out.oldest is None else min(out.oldest, used)
        out.newest = used if out.newest is None else max(out.newest, used)
    return out


def prune_cache(root: str | os.PathLike | None = None, older_than: float | None = None,
                keep: set[str] = frozenset(), now: float | None = None,
                dry_run: bool = False) -> CacheStats:
    """Remove segments last used more than `older_than` seconds ago (all when None),
    except the keys in `keep`; what is left, and what was removed (with `dry_run`, what
    would be: nothing is removed)."""
    import time
    cache = SegmentCache(root)
    now = time.time() if now is None else now
    out = CacheStats(str(cache.root))
    for key, paths, used, size in list(_entries(cache.root)):
        busy = any(_in_use(cache, key, p) for p in paths)
        if key in keep or busy or (older_than is not None and now - used < older_than):
            out.entries += 1
            out.bytes += size
            continue
        for p in [] if dry_run else sorted(paths, key=lambda p: not p.name.endswith(".wav")):
            p.unlink(missing_ok=True)  # the WAV first
        out.removed += 1
        out.freed += size
    return out


def _in_use(cache: SegmentCache, key: str, path: Path) -> bool:
    """Whether a file of an entry belongs to a running render: its temporary file, or its
    claim while another process holds it."""
    if path.name.endswith(".claim"):
        claim = cache.claim(key)
        if claim is None:
            return True
        claim.release()
        return False
    return path.name.startswith(".") and _pid_of(path) > 0 and process_alive(_pid_of(path))


def _pid_of(path: Path) -> int:
    try:
        return int(path.name.split(".")[2])
    except (IndexError, ValueError):
        return -1
