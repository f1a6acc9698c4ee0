"""voices.yaml -> Casting (validated), and automatic casting of new speakers.

The file is the user's workspace: new speakers are appended as text, so comments, order
and hand edits survive byte for byte.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .engines import Voice, VoiceSettings
from .errors import CastingError
from .model import NARRATOR
from .scriptfile import read_text, write_atomic

ENTRY_KEYS = {"voice", "rate", "pitch", "volume", "aliases", "gender", "note"}
RATE_RANGE = (80, 450)
PITCH_RANGE = (0, 99)


@dataclass
class VoiceEntry:
    """How one speaker sounds."""

    voice: str
    rate: int = 170
    pitch: int = 50
    volume: float = 1.0
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    note: str | None = None

    def settings(self) -> VoiceSettings:
        return VoiceSettings(voice=self.voice, rate=self.rate, pitch=self.pitch,
                             volume=self.volume)


@dataclass
class Casting:
    """The whole cast: the narrator's voice and each speaker's."""

    narrator: VoiceEntry
    speakers: dict[str, VoiceEntry] = field(default_factory=dict)
    path: str | None = None

    def _by_name(self) -> dict[str, VoiceEntry]:
        table: dict[str, VoiceEntry] = {}
        for name, entry in self.speakers.items():
            table[name.casefold()] = entry
            for alias in entry.aliases:
                table.setdefault(alias.casefold(), entry)
        return table

    def entry_for(self, speaker: str) -> VoiceEntry | None:
        """The entry that voices a script speaker (by name or alias), or None if uncast."""
        if speaker == NARRATOR:
            return self.narrator
        return self._by_name().get(speaker.casefold())

    def has(self, speaker: str) -> bool:
        return self.entry_for(speaker) is not None


DEFAULT_NARRATOR = VoiceEntry(voice="gmw/en-gb-x-rp", rate=165, pitch=45)


def _entry_from(raw, where: str, problems: list[str], voice_ids: set[str] | None) -> VoiceEntry | None:
    if isinstance(raw, str):
        raw = {"voice": raw}
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping such as {{voice: gmw/en-us, rate: 170}}")
        return None
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} "
                        f"(known: {', '.join(sorted(ENTRY_KEYS))})")
    voice = raw.get("voice")
    if not isinstance(voice, str) or not voice.strip():
        problems.append(f"{where} -> voice: missing; name one of `drama voices`")
        return None
    if voice_ids is not None and not voice_known(voice, voice_ids):
        hint = closest_voices(voice, voice_ids)
        problems.append(f"{where} -> voice: unknown voice {voice!r}"
                        + (f"; did you mean {', '.join(hint)}?" if hint else ""))
    entry = VoiceEntry(voice=voice.strip())
    for key, lo, hi in (("rate", *RATE_RANGE), ("pitch", *PITCH_RANGE)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
                problems.append(f"{where} -> {key}: must be a number between {lo} and {hi}")
            else:
                setattr(entry, key, int(v))
    if "volume" in raw:
        v = raw["volume"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            problems.append(f"{where} -> volume: must be a number between 0.0 and 1.0")
        else:
            entry.volume = float(v)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{where} -> aliases: must be a list of names")
    else:
        entry.aliases = list(aliases)
    for key in ("gender", "note"):
        if raw.get(key) is not None:
            setattr(entry, key, str(raw[key]))
    return entry


def voice_known(voice: str, voice_ids: set[str]) -> bool:
    """Whether an id (optionally with an espeak `+variant`) names a voice of the engine."""
    if voice in voice_ids:
        return True
    base, _, variant = voice.partition("+")
    return bool(variant) and base in voice_ids and f"+{variant}" in voice_ids


def closest_voices(voice: str, voice_ids: set[str], n: int = 3) -> list[str]:
    import difflib
    return difflib.get_close_matches(voice, sorted(v for v in voice_ids if not v.startswith("+")),
                                     n=n, cutoff=0.5)


def load_casting(path: str | os.PathLike, voice_ids: set[str] | None = None,
                 missing_ok: bool = False) -> Casting:
    """Read and validate voices.yaml, collecting every problem before raising.

    voice_ids, when given, is every voice id the engine accepts (variants as ``+name``).
    """
    p = str(path)
    if not Path(p).exists():
        if missing_ok:
            return Casting(narrator=DEFAULT_NARRATOR, path=p)
        raise CastingError("no such file; run `drama cast SCRIPT` to create it", path=p)
    raw_text = read_text(p)
    try:
        data = yaml.safe_load(raw_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CastingError(f"not valid YAML: {exc.problem or exc.context}", path=p,
                           line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise CastingError(f"not valid YAML: {exc}", path=p) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CastingError("must be a mapping with 'narrator' and 'speakers'", path=p)
    problems: list[str] = []
    unknown = set(data) - {"narrator", "speakers"}
    if unknown:
        problems.append(f"unknown key(s) {', '.join(sorted(map(str, unknown)))} "
                        "(known: narrator, speakers)")
    narrator = DEFAULT_NARRATOR
    if data.get("narrator") is not None:
        narrator = _entry_from(data["narrator"], "narrator", problems, voice_ids) or narrator
    speakers: dict[str, VoiceEntry] = {}
    raw_speakers = data.get("speakers") or {}
    if not isinstance(raw_speakers, dict):
        problems.append("speakers: must be a mapping of speaker name to voice")
        raw_speakers = {}
    claimed: dict[str, str] = {}
    for name, raw in raw_speakers.items():
        name = str(name)
        entry = _entry_from(raw, f"speakers -> {name}", problems, voice_ids)
        if entry is None:
            continue
        for n in [name, *entry.aliases]:
            key = n.casefold()
            if key in claimed and claimed[key] != name:
                problems.append(f"speakers -> {name}: {n!r} is already claimed by "
                                f"{claimed[key]!r}")
            claimed[key] = name
        speakers[name] = entry
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CastingError("; ".join(problems[:5]) + more, path=p)
    return Casting(narrator=narrator, speakers=speakers, path=p)


# ------------------------------------------------------------------ auto-casting

ENGLISH_BASES = ["gmw/en-us", "gmw/en", "gmw/en-gb-scotland", "gmw/en-029", "gmw/en-gb-x-rp",
                 "gmw/en-us-nyc", "gmw/en-gb-x-gbclan", "gmw/en-gb-x-gbcwmd"]
MALE_VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]
FEMALE_VARIANTS = ["f1", "f2", "f3", "f4", "f5"]
PITCHES = [40, 55, 30, 65]
RATES = [170, 160, 180]


def voice_pool(voices: list[Voice]) -> list[VoiceEntry]:
    """Distinct English voice choices the engine offers, in a fixed order."""
    ids = engine_voice_ids(voices)
    bases = [b for b in ENGLISH_BASES if b in ids] or sorted(ids)[:4]
    variants = [v for v in MALE_VARIANTS + FEMALE_VARIANTS if f"+{v}" in ids]
    pool = []
    for pitch in PITCHES:
        for i, variant in enumerate(variants or [""]):
            base = bases[i % len(bases)]
            voice = f"{base}+{variant}" if variant else base
            pool.append(VoiceEntry(voice=voice, rate=RATES[i % len(RATES)], pitch=pitch))
    return pool


def pick_voices(new: list[str], casting: Casting, voices: list[Voice]) -> dict[str, VoiceEntry]:
    """Deterministic voices for new speakers, unlike the ones already used where possible."""
    used = {(e.voice, e.pitch, e.rate) for e in [casting.narrator, *casting.speakers.values()]}
    pool = [e for e in voice_pool(voices) if (e.voice, e.pitch, e.rate) not in used] \
        or voice_pool(voices)
    return {name: pool[i % len(pool)] for i, name in enumerate(new)}


def _format_entry(name: str, entry: VoiceEntry) -> str:
    key = yaml.safe_dump({name: None}, allow_unicode=True, default_flow_style=False)
    key = key.split(":")[0] if not key.startswith(("'", '"')) else key.rsplit(":", 1)[0]
    return f"  {key}: {{voice: {entry.voice}, rate: {entry.rate}, pitch: {entry.pitch}}}\n"


def cast_speakers(path: str | os.PathLike, speakers: list[str], voices: list[Voice]) -> list[str]:
    """Append every speaker not yet cast to voices.yaml; the names added, in order.

    Nothing already in the file changes: new entries are appended as text.
    """
    p = str(path)
    voice_ids = engine_voice_ids(voices)
    casting = load_casting(p, voice_ids, missing_ok=True)
    new: list[str] = []
    for s in speakers:
        if s != NARRATOR and not casting.has(s) and s not in new:
            new.append(s)
    if not new and Path(p).exists():
        return []
    chosen = pick_voices(new, casting, voices)
    text = read_text(p) if Path(p).exists() else ""
    if not text.strip():
        n = casting.narrator
        if not voice_known(n.voice, voice_ids):
            n = voice_pool(voices)[0]
        text = ("# Voice casting: one entry per speaker. Edit freely; `drama cast` only appends.\n"
                f"narrator: {{voice: {n.voice}, rate: {n.rate}, pitch: {n.pitch}}}\n")
    added = "".join(_format_entry(name, chosen[name]) for name in new)
    write_atomic(p, _append_speakers(text, added))
    return new


def _append_speakers(text: str, entries: str) -> str:
    """text with entries added at the end of its `speakers:` block (made if absent)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = next((i for i, ln in enumerate(lines) if ln.rstrip() in ("speakers:", "speakers: {}")), None)
    if at is None:
        return "".join(lines) + "speakers:\n" + entries
    if lines[at].rstrip() == "speakers: {}":
        lines[at] = "speakers:\n"
    end = at + 1
    # the block runs while lines are indented, blank or comments
    while end < len(lines) and (lines[end][:1] in (" ", "\t", "#", "\n") or not lines[end].strip()):
        end += 1
    # keep trailing blank lines and comments after the block where they were
    insert = end
    while insert > at + 1 and (not lines[insert - 1].strip() or lines[insert - 1].lstrip().startswith("#")) \
            and lines[insert - 1][:1] not in (" ", "\t"):
        insert -= 1
    return "".join(lines[:insert]) + entries + "".join(lines[insert:])


def engine_voice_ids(voices: list[Voice]) -> set[str]:
    """Every id the engine accepts, with espeak variants as ``+name``."""
    ids = {v.id for v in voices}
    if any(v.id.startswith("gmw/") for v in voices):
        ids |= {f"+{name}" for name in espeak_variants()}
    return ids


def espeak_variants() -> list[str]:
    """The espeak-ng voice variants (m1, f3, klatt, ...) in the data folder in use."""
    import ctypes.util
    candidates = []
    if os.environ.get("ESPEAK_DATA_PATH"):
        candidates.append(Path(os.environ["ESPEAK_DATA_PATH"]))
    try:
        import espeakng_loader
        candidates.append(Path(espeakng_loader.get_data_path()))
    except ImportError:
        pass
    if ctypes.util.find_library("espeak-ng"):
        candidates += [Path("/usr/share/espeak-ng-data"),
                       Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data")]
    for base in candidates:
        folder = base / "voices" / "!v"
        if folder.is_dir():
            return sorted(f.name for f in folder.iterdir() if f.is_file())
    return []
