"""The whole job as plain functions: text or script in, script, casting and episode out."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .casting import cast_speakers, engine_voice_ids, load_casting
from .engines import make_engine
from .errors import InputError, ScriptError
from .export import export_script
from .extract import extract_script
from .model import Script
from .render import RenderResult, render_script
from .scriptfile import load_script, read_text, save_script, text_sha256, write_atomic

log = logging.getLogger(__name__)

SCRIPT_SUFFIXES = (".yaml", ".yml", ".json")


def is_script_path(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(SCRIPT_SUFFIXES)


def extract_file(path: str | os.PathLike) -> Script:
    """The script of one text file."""
    text = read_text(path)
    return extract_script(text, source=str(path), title=None)


def load_any(path: str | os.PathLike) -> Script:
    """A script file as edited, or a text file extracted now."""
    return load_script(path) if is_script_path(path) else extract_file(path)


def source_text_of(script: Script) -> str | None:
    """The source text a script indexes into, when it is still there unchanged."""
    if not script.source or not Path(script.source).is_file():
        return None
    try:
        text = read_text(script.source)
    except InputError:
        return None
    if script.source_sha256 and text_sha256(text) != script.source_sha256:
        return None
    return text


@dataclass
class EpisodeResult:
    """What building one episode wrote."""

    name: str
    script: str
    text: str
    render: RenderResult
    reused_script: bool
    new_speakers: list[str] = field(default_factory=list)


def script_for_source(source: Path, script_path: Path) -> tuple[Script, bool]:
    """The script to render for a source: the existing (maybe hand-edited) one, or a new one.

    An existing script whose recorded source hash no longer matches is never overwritten.
    """
    text = read_text(source)
    if script_path.exists():
        script = load_script(script_path)
        if script.source_sha256 in (None, text_sha256(text)):
            return script, True
        raise ScriptError(f"the source {source} changed since this script was extracted; "
                          "move the script away to re-extract (your edits are in it)",
                          path=str(script_path))
    script = extract_script(text, source=str(source))
    save_script(script, script_path)
    return script, False


def build(seeds_dir: str | os.PathLike, out_dir: str | os.PathLike, casting_path: str,
          engine_name: str = "pyttsx3", formats: tuple[str, ...] = ("wav", "mp3"),
          cache_dir: str | None = None, loudness: str = "podcast",
          workers: int | None = None,
          progress: Callable[[str, int, int], None] | None = None) -> list[EpisodeResult]:
    """Every text in seeds_dir becomes an episode in out_dir; voices.yaml gains new speakers."""
    seeds = Path(seeds_dir)
    if not seeds.is_dir():
        raise InputError("no such folder of texts", path=str(seeds))
    sources = sorted(p for p in seeds.iterdir() if p.suffix.lower() in (".txt", ".md")
                     and p.is_file())
    if not sources:
        raise InputError("no .txt files to build", path=str(seeds))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    engine = make_engine(engine_name)
    try:
        voices = engine.voices()
        results = []
        for src in sources:
            name = src.stem
            script, reused = script_for_source(src, out / f"{name}.script.yaml")
            added = cast_speakers(casting_path, script.speakers, voices)
            casting = load_casting(casting_path, engine_voice_ids(voices))
            text_path = out / f"{name}.txt"
            write_atomic(text_path, export_script(script, "txt"))
            step = (lambda i, n, _name=name: progress(_name, i, n)) if progress else None
            first = formats[0] if formats else "wav"
            rendered = render_script(script, casting, engine, out / f"{name}.{first}",
                                     cache_dir=cache_dir, source_text=source_text_of(script),
                                     extra_formats=tuple(formats[1:]), loudness=loudness,
                                     workers=workers, progress=step)
            results.append(EpisodeResult(name, str(out / f"{name}.script.yaml"), str(text_path),
                                         rendered, reused, added))
        return results
    finally:
        engine.close()
