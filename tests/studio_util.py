"""A small studio project for the studio's tests: seed 004 extracted, cast with the tone
engine's voices and rendered, in a folder of its own (cwd set there, as a person runs it)."""
from __future__ import annotations

import shutil
from pathlib import Path

from drama.casting import cast_speakers, load_casting
from drama.engines.tone import ToneEngine
from drama.extract import extract_file
from drama.render import render_script
from drama.scriptfile import save_script

ROOT = Path(__file__).resolve().parent.parent
SEED_004 = ROOT / "seeds" / "004_daf61342ff4cb22e.txt"
SEED_000 = ROOT / "seeds" / "000_15503dc1c8fd3743.txt"


def make_project(folder: Path, seed: Path = SEED_004, engine=None, render: bool = True,
                 cache_dir: Path | None = None) -> Path:
    """folder/seeds/<seed>, folder/output/<name>.script.yaml (+ .wav and manifest when
    render), folder/voices.yaml; the script's path. Paths in the files are relative to
    folder, so the caller should chdir there."""
    engine = engine or ToneEngine()
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    (folder / "output").mkdir(exist_ok=True)
    shutil.copy(seed, folder / "seeds" / seed.name)
    source = Path("seeds") / seed.name
    script = extract_file(folder / source)
    script.source = str(source)
    path = folder / "output" / f"{seed.stem}.script.yaml"
    save_script(script, path)
    casting = folder / "voices.yaml"
    cast_speakers(casting, script.speakers, engine.voices(), scripts=[script])
    if render:
        render_script(script, load_casting(casting), engine, path.with_name(f"{seed.stem}.wav"),
                      source_text=(folder / source).read_text(), cache_dir=cache_dir,
                      workers=1)
    return path


def copy_project(template: Path, folder: Path) -> Path:
    """A copy of a project made by make_project (in template) in folder; its script's path."""
    for name in ("seeds", "output"):
        shutil.copytree(template / name, folder / name)
    shutil.copy(template / "voices.yaml", folder / "voices.yaml")
    return next((folder / "output").glob("*.script.yaml"))
