"""What the studio's buttons do: each edit is one library function's plan (the same ones
`drama speakers` and the script edits use), applied by the Studio; auditions; renders.

A request names an operation and its arguments as JSON; every argument is checked here, and
every problem is a DramaError with a message for the page.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..book.changes import record_render
from ..casting import Added, VoiceCatalog, cast_speakers, joined_said, load_casting
from ..casting.audition import first_lines, sample_line, voice_key
from ..casting.recast import check_settings, check_voice, plan_voice
from ..edits import EditPlan
from ..errors import DramaError
from ..model import NARRATOR
from ..scriptedit import (LineEdit, plan_line_accept, plan_line_edit, plan_line_narrator,
                          plan_line_speaker, plan_line_split)
from ..speakers import plan_merge, plan_move, plan_rename
from ..wording import counted, names_said, possessive, render_summary
from .session import Studio


class BadRequest(DramaError):
    """A request the page should never send: a missing or mistyped argument."""


def _arg(payload: dict, name: str, kind=str, optional: bool = False):
    value = payload.get(name)
    if value is None and optional:
        return None
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise BadRequest(f"{name}: expected {kind.__name__}")
    return value


def _names(payload: dict, name: str) -> list[str]:
    value = payload.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"{name}: expected a list of names")
    return value


def plan_edit(studio: Studio, payload: dict) -> tuple[str, EditPlan]:
    """The plan of the edit a request asks for, and a label for the undo button."""
    op = _arg(payload, "op")
    scripts = [str(ep.script) for ep in studio.project.episodes]
    casting = str(studio.project.casting)
    if op.startswith("line-"):
        episode = studio.project.episode(_arg(payload, "episode"))
        path, index = str(episode.script), _arg(payload, "index", int)
        expect = _arg(payload, "text", optional=True)
        label, line_edit = _line_edit(op, payload, index)
        return label, plan_line_edit(line_edit, path, index, expect, studio.current(episode))
    elif op == "merge":
        keep, others = _arg(payload, "keep"), _names(payload, "others")
        return f"merging {', '.join(others)} into {keep}", \
            plan_merge(keep, others, scripts, casting)
    elif op == "rename":
        old, new = _arg(payload, "old"), _arg(payload, "new")
        return f"renaming {old} to {new}", plan_rename(old, new, scripts, casting)
    elif op == "move":
        old, new = _arg(payload, "old"), _arg(payload, "new", optional=True)
        to_narrator = new is None or new.strip().casefold() == NARRATOR.casefold()
        return f"moving {possessive(old)} lines to {'narration' if to_narrator else new}", \
            plan_move(old, None if to_narrator else new, scripts, casting)
    elif op == "voice":
        speaker = _arg(payload, "speaker")
        fields = _arg(payload, "fields", dict)
        return f"{possessive(speaker)} voice", plan_voice(speaker, fields, casting, catalog(studio))
    raise BadRequest(f"unknown operation {op!r}")


def _line_edit(op: str, payload: dict, index: int) -> tuple[str, LineEdit]:
    """A line edit's label for the undo button, and the edit with its own arguments bound
    (plan_line_edit makes it on the script and on a proposal waiting beside it)."""
    if op == "line-speaker":
        speaker = _arg(payload, "speaker")
        return f"line {index + 1} to {speaker}", \
            lambda p, i, e, c: plan_line_speaker(p, i, speaker, e, c)
    if op == "line-narrator":
        return f"line {index + 1} to narration", plan_line_narrator
    if op == "line-accept":
        return f"accepting line {index + 1}", plan_line_accept
    if op == "line-split":
        then, word = _arg(payload, "then", optional=True), _arg(payload, "word", int)
        return f"splitting line {index + 1}", \
            lambda p, i, e, c: plan_line_split(p, i, word, e, then or None, c)
    raise BadRequest(f"unknown operation {op!r}")


def catalog(studio: Studio) -> VoiceCatalog:
    """Every engine's voices, listed by the studio's engine process."""
    return VoiceCatalog.of_lister(studio.default_engine, studio.processes.voices)


def neural_voices(studio: Studio) -> list:
    """The voices auto-casting gives main characters first: Piper's, with --engine auto."""
    from ..engines import AUTO
    from ..engines.piper import piper_version
    if studio.engine_name != AUTO or piper_version() is None:
        return []
    return studio.processes.voices("piper")


def cast_new(studio: Studio, generation: int) -> list[str]:
    """Give every speaker without a voice one, as `drama cast` does (appended); undoable."""
    with studio.lock:
        studio.refresh()
        if generation != studio.generation:
            raise studio.stale_error()
        added = cast_missing(studio, studio.scripts(), studio.processes.voices(),
                             neural=neural_voices(studio), catalog=catalog(studio))
    path = studio.project.casting
    if not added and not added.joined:
        return ["every speaker already has a voice"]
    said = [f"{path}: cast {counted(len(added), 'new speaker')}: {names_said(added)}"] \
        if added else [f"{path}: no new voice"]
    return said + ([f"{path}: {joined_said(added.joined)}"] if added.joined else [])


def cast_missing(studio: Studio, scripts, voices, source_texts=None, neural=None,
                 catalog=None) -> Added:
    """cast_speakers on the project's casting file: new speakers appended, as `drama cast`
    does. Not undoable: it takes the file's lock itself, so the text around the append
    cannot be pinned to undo it safely (and an append changes nothing a person wrote)."""
    path = str(studio.project.casting)
    with studio.lock:
        added = cast_speakers(path, [s for sc in scripts for s in sc.speakers], voices,
                              scripts=scripts, source_texts=source_texts, neural=neural,
                              catalog=catalog)
        if added or added.joined:  # an alias added is a change of the file too
            studio.adopt(Path(path))
    return added


def audition(studio: Studio, speaker: str, overrides: dict) -> bytes:
    """A WAV of the speaker's own first line, in their voice with overrides (unsaved settings
    from the cast view) applied, spoken as `drama preview` speaks it (lexicon applied)."""
    casting = studio.casting()
    entry = casting.entry_for(speaker)
    if entry is None:
        raise DramaError(f"{speaker!r} has no voice yet: cast them first")
    fields = check_settings(overrides)
    settings = replace(entry.settings(), **fields)
    if "voice" in fields or "engine" in fields:
        check_voice(speaker, settings.engine or None, settings.voice, catalog(studio),
                    str(studio.project.casting))
    text = first_lines(casting, studio.scripts()).get(voice_key(speaker, casting)) or \
        sample_line(speaker, casting)    # no line anywhere: a greeting
    return studio.processes.speak(text, settings, casting.lexicon)


def render_job(studio: Studio, episode_name: str):
    """The background job that renders an episode again, as `drama render` does: new
    speakers cast first, only lines whose text or voice changed synthesized; the files its
    last render wrote (formats, subtitles, radio-play text) all written again."""
    from ..engines import EngineSet, choose_engines
    from ..export import refresh_render_texts
    from ..pipeline import titled
    from ..render import render_script
    from .project import album_tags
    episode = studio.project.episode(episode_name)

    def job(progress):
        studio.refresh()
        script = studio.script(episode)  # its error first: a file never read has no text
        text, _ = studio.current(episode)
        audio = episode.audio_files()
        formats = tuple(p.suffix.lstrip(".") for p in audio[1:])
        source, source_file = studio.source_text(episode), studio.source_path(episode)
        artist = studio.project.artist if studio.project.series else \
            titled(script, source)[1]  # a lone script's: its text's author, as drama render
        engine, neural = choose_engines(studio.engine_name)
        try:
            voices = engine.voices()
            engines = VoiceCatalog.of_engines(EngineSet(engine))
            cast_missing(studio, [script], voices, [source], neural, engines)
            casting = load_casting(studio.project.casting, engines)
            result = render_script(script, casting, engine, audio[0], source_text=source,
                                   extra_formats=formats, progress=progress,
                                   loudness=episode.loudness,
                                   artist=artist, album=album_tags(episode, script),
                                   inputs=(episode.script,), source=source_file)
        finally:
            engine.close()
        refresh_render_texts(script, result.manifest, episode.script)
        if studio.project.series:  # what the book's next build goes by: as its render would
            record_render(episode.script.parent, episode.name, text.encode("utf-8"), casting,
                          script, studio.script_at)
        line = render_summary(result.synthesized, result.reused, result.duration,
                              result.up_to_date)
        return result.synthesized, result.reused, line
    return job
