"""The cast of the seeds: extract both, cast them, show the report; and who the text says is
a woman or a man among named people of the seeds.

1. Every seed in SEEDS_DIR is extracted (the current extractor), all scripts are cast into a
   fresh voices.yaml with the real espeak-ng voices, and the cast report is printed.
2. For each NAME given (default: people of the seeds, some of whom the current extractor does
   not yet attribute lines to), the gender the extractor infers from the seed's text, the
   evidence, and
   the voice automatic casting gives them with the variant's gender.

Usage: python bench/casting_seeds.py [SEEDS_DIR] [--name NAME ...]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drama.casting import cast_speakers, load_casting, speaker_report  # noqa: E402
from drama.casting.auto import VoicePool, choose_voices  # noqa: E402
from drama.casting.voices import split_voice, variant_genders  # noqa: E402
from drama.engines import make_engine  # noqa: E402
from drama.extract.cast import Cast  # noqa: E402
from drama.extract.gender import Evidence  # noqa: E402
from drama.extract.inventory import describe  # noqa: E402
from drama.extract import extract_file  # noqa: E402
from drama.scriptfile import read_text  # noqa: E402

PEOPLE = ["Countess Sofia Panina", "Bessie Beatty", "Maria Spiridonova", "Kollontai",
          "Trotsky", "Lenin", "Kerensky", "Martov", "Dan", "Antonov"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seeds", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--name", action="append", dest="names")
    args = ap.parse_args()
    sources = sorted(Path(args.seeds).glob("*.txt"))
    engine = make_engine("pyttsx3")
    voices = engine.voices()
    scripts = [extract_file(p) for p in sources]
    texts = [read_text(p) for p in sources]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "voices.yaml"
        t = time.perf_counter()
        added = cast_speakers(path, [s for sc in scripts for s in sc.speakers], voices,
                              scripts=scripts, source_texts=texts)
        took = time.perf_counter() - t
        casting = load_casting(path)
        rows = speaker_report(scripts, casting, texts)
    print(f"## cast report: {len(added)} speakers cast in {took:.2f} s "
          f"({', '.join(p.name for p in sources)})")
    print(f"{'SPEAKER':26} {'LINES':>5} {'WORDS':>5}  {'VOICE':32} GENDER")
    for r in rows:
        print(f"{r.speaker:26} {r.lines:5} {r.words:5}  {r.voice or '(not cast)':32} {r.gender}")
    uncast = [r.speaker for r in rows if r.voice is None]
    print(f"every speaker has an entry: {not uncast}")

    names = args.names or PEOPLE
    genders = variant_genders()
    guesses = {}
    for script, text in zip(scripts, texts):
        for e in describe(names, text, Cast(text), script.lines):
            if e.name not in guesses or e.gender != "unknown":
                guesses[e.name] = e
    sex = {"m": "male", "f": "female"}
    chosen = choose_voices(names, [casting.narrator], VoicePool(voices),
                           {n: sex.get(guesses[n].gender, "unknown") for n in names},
                           {n: 3 for n in names},
                           {n: sex.get(Evidence.from_dict(guesses[n].evidence).lean() or "")
                            for n in names})
    print("\n## named people: gender in the characters section -> voice (variant's gender)")
    for n in names:
        g = guesses[n]
        variant = split_voice(chosen[n].voice)[1]
        print(f"{n:24} {g.gender:8} {chosen[n].voice:26} ({genders.get(variant)})  "
              f"evidence: {g.evidence or '-'}")


if __name__ == "__main__":
    main()
