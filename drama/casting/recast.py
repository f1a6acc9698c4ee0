"""Changing how one speaker sounds: an entry's voice, rate, pitch and volume in voices.yaml.

One implementation for `drama speakers voice` and the studio's cast view. The file is edited as
text (casting/textedit.py), so comments, order and every other byte stay; the new text must
read back as the same cast with only that entry's settings changed, or nothing is written.
"""
from __future__ import annotations

from pathlib import Path

from ..edits import EditPlan, FileChange, read_for_edit
from ..errors import CastingError
from ..model import NARRATOR, typed_speaker_name
from .load import CastingProblems, casting_from_text
from .model import ENTRY_KEYS, PITCH_RANGE, RATE_RANGE, VoiceEntry, volume_problem
from .textedit import remove_field, set_fields
from .voices import VoiceCatalog, closest_voices

SOUND_FIELDS = tuple(k for k in ("engine", "voice", "rate", "pitch", "volume")
                     if k in ENTRY_KEYS)
"""The settings a person may change here, in the order they are shown (the engine where the
casting file has that key)."""

__all__ = ["SOUND_FIELDS", "plan_voice", "check_settings", "check_voice"]


def check_settings(fields: dict) -> dict:
    """fields validated and typed (rate and pitch whole numbers, volume a number, a known
    engine), or a CastingError saying every problem; keys with None are dropped. Whether
    the engine has the voice is check_voice's."""
    problems = []
    out: dict = {}
    for key, value in fields.items():
        if value is None or value == "":
            continue
        if key not in SOUND_FIELDS:
            problems.append(f"{key}: not a setting (known: {', '.join(SOUND_FIELDS)})")
            continue
        if key in ("voice", "engine"):
            value = str(value).strip()
            if key == "engine":
                from ..engines import ENGINES
                if value not in ENGINES:
                    problems.append(f"engine: unknown engine {value!r}; known: "
                                    f"{', '.join(ENGINES)}")
            out[key] = value
            continue
        try:        # true is no number, though Python counts it 1
            number = None if isinstance(value, bool) else float(value)
        except (TypeError, ValueError):
            number = None
        if key == "volume":
            volume = None if number is None else round(number, 2)  # as written: 0.004 is 0.0
            problem = volume_problem(volume)
            if problem:
                problems.append(f"volume: {problem}")
            else:
                out[key] = volume
            continue
        lo, hi = {"rate": RATE_RANGE, "pitch": PITCH_RANGE}[key]
        if number is None or not lo <= number <= hi:
            problems.append(f"{key}: must be a number between {lo} and {hi}")
            continue
        out[key] = int(round(number))
    if problems:
        raise CastingError("; ".join(problems))
    return out


def plan_voice(name: str, fields: dict, casting_path: str,
               catalog: VoiceCatalog | None = None) -> EditPlan:
    """The plan of giving name (a speaker, an alias, or the narrator) these settings.

    catalog, when given, has the engines' voices: a new voice (or the voice under a new
    engine) must be one of its engine's. An empty plan when nothing would change.
    """
    path = str(casting_path)
    if not Path(path).exists():
        raise CastingError("no such file; run `drama cast SCRIPT` to create it", path=path)
    name = typed_speaker_name(name)  # its spaces folded, as `drama speakers rename` takes one
    try:
        fields = check_settings(fields)
    except CastingError as exc:
        raise CastingError(f"{name}: {exc}", path=path) from None
    before = read_for_edit(path)
    cast = casting_from_text(before, path)
    if name.strip().casefold() == NARRATOR.casefold():
        entry_name, entry = None, cast.narrator
    else:
        entry_name = cast.cast_name(name)
        if entry_name is None:
            hint = cast.unknown(name) or "; give them one first with `drama cast SCRIPT`"
            raise CastingError(f"no speaker {name!r} has a voice here{hint}", path=path)
        entry = cast.speakers[entry_name]
    changed = {k: v for k, v in fields.items() if getattr(entry, k) != v}
    plan = EditPlan()
    if not changed:
        return plan
    if catalog is not None and ("voice" in changed or "engine" in changed):
        check_voice(name, changed.get("engine", getattr(entry, "engine", None)),
                     changed.get("voice", entry.voice), catalog, path)
    try:
        after = set_fields(before, entry_name, changed)
        dropped = _drop_pitch_for_piper(after, entry_name, entry, changed, fields)
    except CastingError as exc:
        raise CastingError(f"{exc}", path=path) from None
    if dropped is not None:
        after = dropped
        changed["pitch"] = VoiceEntry.pitch  # what an entry without one reads as
    _check_recast(cast, after, path, entry_name, changed)
    who = entry_name or NARRATOR
    summary = [f"{who}: " + ", ".join(
        f"{k} {_show(getattr(entry, k))} -> "
        + ("none (Piper has no pitch)" if k == "pitch" and dropped is not None else _show(v))
        for k, v in changed.items())]
    plan.changes.append(FileChange(path, before, after, summary, casting=True))
    return plan


def _drop_pitch_for_piper(text: str, entry_name: str | None, entry: VoiceEntry,
                          changed: dict, fields: dict) -> str | None:
    """text without the entry's pitch when this edit makes it a Piper voice, which has none
    (`drama cast` wrote `pitch: 50` for its espeak-ng voice, and `speakers voice Alice
    --engine piper` was refused for it: walk31); None when there is nothing to drop. A
    pitch asked for here is left for the check to refuse."""
    if changed.get("engine") != "piper" or "pitch" in fields:
        return None
    without = remove_field(text, entry_name, "pitch")
    return None if without == text else without


def check_voice(name: str, engine: str | None, voice: str, catalog: VoiceCatalog,
                 path: str) -> None:
    """A CastingError unless the engine can speak here and has the voice."""
    why_not = catalog.unusable(engine)
    if why_not:
        raise CastingError(f"{name}: engine: {why_not}", path=path)
    if not catalog.knows(engine, voice):
        hint = closest_voices(voice, catalog.ids(engine))
        raise CastingError(f"{name}: voice: unknown voice {voice!r}" +
                           (f"; did you mean {' or '.join(hint)}?" if hint
                            else f"; see `drama voices --engine {catalog.engine(engine)}`"),
                           path=path)


def _show(value) -> str:
    return "(default)" if value is None else str(value)


def _check_recast(before, after_text: str, path: str, name: str | None, changed: dict) -> None:
    """Refuse an edit that does not read back as the old cast with only name's settings
    changed."""
    target = before.narrator if name is None else before.speakers[name]
    try:
        after = casting_from_text(after_text, path)
    except CastingProblems as exc:
        where = "narrator" if name is None else f"speakers -> {name}"
        mine = [msg for _, msg in exc.problems if msg.startswith((f"{where} -> ", f"{where}:"))]
        if len(mine) == len(exc.problems):  # the new settings are wrong, not the edit
            raise CastingError("; ".join(mine), path=path, line=target.line) from None
        raise CastingError(f"could not change this entry safely ({exc}); change it by hand",
                           path=path) from None

    def sound(entry: VoiceEntry) -> tuple:
        return tuple(getattr(entry, k) for k in SOUND_FIELDS) + (tuple(entry.aliases),
                                                                  entry.gender)
    expected = {n: sound(e) for n, e in before.speakers.items()}
    narrator = sound(before.narrator)
    wanted = sound(VoiceEntry(**{**{k: getattr(target, k) for k in
                                    ("voice", "rate", "pitch", "volume", "aliases", "gender")},
                                 **({"engine": getattr(target, "engine")}
                                    if "engine" in SOUND_FIELDS else {}),
                                 **changed}))
    if name is None:
        narrator = wanted
    else:
        expected[name] = wanted
    got = {n: sound(e) for n, e in after.speakers.items()}
    if got != expected or sound(after.narrator) != narrator:
        raise CastingError("could not change this entry safely in this file's layout; "
                           "change it by hand", path=path)
