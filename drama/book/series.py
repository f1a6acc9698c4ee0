"""A book -> a series: episode scripts, episodes as soon as each is ready, the audiobook,
the index (book.json) and the podcast feed, all in the book's own folder.

    out/<book>/001-chapter-i.script.yaml   each episode's script (yours to edit)
    out/<book>/001-chapter-i.mp3 (.aac)    the episode (and its AAC, which the .m4b joins)
    out/<book>/001-chapter-i.manifest.json, .srt, .vtt, .txt
    out/<book>/<book>.m4b                  the audiobook, a chapter mark per episode
    out/<book>/book.json, feed.xml, cover.*

A rerun loads the episode scripts as they are (your edits are used) while the source is
unchanged, and the renderer keeps every episode whose lines and voices did not change.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

from ..engines import EngineSet
from ..errors import DramaError
from ..export import write_episode_texts
from ..model import Script
from ..files import check_writable, file_title, make_folder, read_json
from ..files import write_atomic as write_bytes
from ..fidelity import require_faithful, source_to_record
from ..render import Album, RenderResult, open_cache, prepare_episode, render_episodes
from ..render.episode import EpisodeJob
from ..saving import is_edited
from ..scriptfile import text_sha256, write_atomic
from ..wording import readable_title
from ..source import SourceBook
from .audiobook import Part, chapter_marks, write_audiobook
from .changes import (RECORDED, changes_since, file_stamp, recorded_meanwhile, script_record,
                      sound_record)
from .meanwhile import CastingNow
from .whole import (INDEX, INDEX_VERSION, episode_album, index_locked, index_problem,
                    index_text, usable_index)
from .episodes import Episode, book_folder
from .feed import FEED, episode_version, feed_base_url, feed_xml, published_version
from .scripts import SCRIPT_SUFFIX, episode_scripts_apart, sort_stale_edits

log = logging.getLogger(__name__)


@dataclass
class SeriesOptions:
    """How a book is built."""

    episodes: str = "chapter"
    """chapter, part, whole or N-minutes."""
    formats: tuple[str, ...] = ()
    """Each episode's audio formats; the first is the one the feed lists. Empty: as the
    book's last build wrote them (book.json), else mp3 (as_last_built)."""
    audiobook: bool = True
    """Also make <book>.m4b from the episodes."""
    feed_url: str | None = None
    loudness: str | None = None
    """The loudness target; None: as the book's last build, else podcast (as_last_built)."""
    workers: int | None = None
    bitrate: str | None = None
    force: bool = False
    cache_dir: str | None = None
    title: str | None = None
    """The book's title given (--title), for its book.json, .m4b and feed; None: as its last
    build was given one (book.json's `given`), else the book's own (as_last_built); "": the
    book's own again."""
    author: str | None = None
    """The book's author given (--author), for its episodes' and .m4b's tags and the feed;
    None and "" as for the title."""


@dataclass
class SeriesResult:
    """What building a book wrote."""

    folder: str
    episodes: list[dict] = field(default_factory=list)
    """book.json's episode entries."""
    audiobook: str | None = None
    audiobook_written: bool = False
    """Whether this build wrote the .m4b (an episode or the book changed) or kept it."""
    feed: str | None = None
    synthesized: int = 0
    reused: int = 0
    rendered: int = 0
    """Episodes written this run (the others were up to date)."""
    new_speakers: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """What changed since the last build that makes lines spoken again, a line a kind:
    'voices changed: Mrs. Pike (rate)', 'pronunciations changed: Smolny', '005-chapter-v
    script changed' (changes_since)."""
    name: str = ""
    """The source's name (its file's stem)."""
    error: str | None = None
    """Never set: a book that cannot be built raises (see pipeline.build)."""
    stale: list[str] = field(default_factory=list)
    """Episodes an earlier build left in the folder that this one does not have (another
    --episodes): kept, never removed, but in neither book.json, the feed nor the .m4b."""
    stale_edited: list[str] = field(default_factory=list)
    """Those of `stale` whose scripts a person edited: edits this build does not use."""
    renumbered: dict[str, str] = field(default_factory=dict)
    """Those of `stale` whose edits an episode of this build took (its part numbered anew:
    scripts._renumbered, Episode.edits_from), each with that episode's name; not in
    stale_edited."""
    edited_after: dict[str, str] = field(default_factory=dict)
    """Those of `renumbered` edited again after their edits were taken (the old file, still
    open in an editor): those later edits are in no episode, and are said so; not in
    renumbered."""


@dataclass(frozen=True)
class BuildEvents:
    """What a build tells as it goes, each to be said by the command (the library never
    prints); any left None is not told."""

    progress: Callable[..., None] | None = None
    """The renders going on: (name, done, total, foretold, to_write), to_write a book's
    (episodes not written yet, episodes): told again as each is written, for the encoders
    may have a backlog of them once every segment is spoken (walk36: 26 of 53), and with
    `join_ahead=` (seconds, 0 when unknown: _join_ahead) once the audiobook is to be
    joined after them; then with `joined=` (bytes fed to the .m4b's join, of all) as the
    audiobook is joined."""
    episode: Callable[[dict], None] | None = None
    """A book's episode written (its book.json entry), in the book's order: one written
    before the episodes ahead of it waits for them."""
    cast: Callable[[str, list[str]], None] | None = None
    """(folder, names): a book's speakers given a voice, before the render (a build stopped
    in it has said so)."""
    changes: Callable[[str, list[str]], None] | None = None
    """(folder, lines): what changed since the book's last build that makes lines spoken
    again (SeriesResult.changes), before the render, so a person waiting on it knows why."""
    spoken: Callable[[str, int, int, str, int], None] | None = None
    """(folder, number, count, title, synthesized): each episode rendered has every segment
    (`synthesized` of them made for it this build, the rest from the cache), its assembly to
    come."""
    checking: Callable[[str, int], None] | None = None
    """(folder, count): a book's episodes are known and each is to be checked against its
    last render (an up-to-date book's takes a while: walk36), before the cast and render."""


def recorded_mode(folder: Path) -> str | None:
    """How the book in folder was split by its last build (book.json's episodes_mode, as
    --episodes spells it), or None: what a build without --episodes goes on with, so that
    a book built in 30-minute parts and edited is built again in those parts, its edits
    used (it was cut into chapters anew, every episode rendered again, the edited scripts
    left aside)."""
    from .episodes import parse_mode
    mode = (usable_index(folder) or {}).get("episodes_mode")
    try:
        parse_mode(mode)
    except (DramaError, AttributeError):
        return None
    return mode


def as_last_built(options: SeriesOptions, folder: Path) -> SeriesOptions:
    """options with the formats and loudness not given (empty, None) as the book in folder
    was last built (book.json; the loudness from its episodes' manifests for a book.json
    written before it was kept), else mp3 and podcast: a book built with --loudness acx
    and built again plainly was rendered again at podcast without a word. One given that
    differs from the last build is said: every episode is rendered again."""
    index = usable_index(folder) or {}
    formats, loudness = _recorded_formats(index), _recorded_loudness(index, folder)
    named = _recorded_names(index)
    given = replace(options, formats=options.formats or formats or ("mp3",),
                    loudness=options.loudness or loudness or "podcast",
                    title=named.get("title") if options.title is None else options.title,
                    author=named.get("author") if options.author is None else options.author)
    if options.loudness and loudness and options.loudness != loudness:
        log.warning("%s: last built at --loudness %s; --loudness %s renders every episode "
                    "again", folder, loudness, options.loudness)
    if options.formats and formats and episode_formats(given) != list(formats):
        log.warning("%s: last built as %s; -f %s renders every episode again (the files of "
                    "the last build are kept)", folder, ", ".join(formats),
                    " -f ".join(options.formats))
    return given


def _recorded_names(index: dict) -> dict[str, str]:
    """The title and author the last build was given (--title, --author: book.json's
    `given`), as far as it records them."""
    given = index.get("book", {}).get("given") if isinstance(index.get("book"), dict) else None
    return {k: v for k, v in given.items() if k in ("title", "author") and
            isinstance(v, str) and v} if isinstance(given, dict) else {}


def episode_formats(options: SeriesOptions) -> list[str]:
    """The formats a build writes each episode in, the feed's first: those asked for, and
    the aac the .m4b is joined from."""
    formats = list(dict.fromkeys(f.lower().lstrip(".") for f in options.formats)) or ["mp3"]
    return formats + (["aac"] if options.audiobook and "aac" not in formats else [])


def _recorded_formats(index: dict) -> tuple[str, ...]:
    """The formats book.json says the last build wrote each episode in, or ()."""
    from ..render.encode import FORMATS
    formats = index.get("formats")
    if not isinstance(formats, list) or not all(f in FORMATS for f in formats):
        return ()
    return tuple(formats)


def _recorded_loudness(index: dict, folder: Path) -> str | None:
    """The loudness target book.json says the last build rendered at; for a book.json
    written before it was kept, the one its first rendered episode's manifest records."""
    from ..render import LOUDNESS_TARGETS
    if index.get("loudness") in LOUDNESS_TARGETS:
        return index["loudness"]
    for entry in index.get("episodes") or ():
        try:
            manifest = read_json(folder / f"{entry['name']}.manifest.json")
            target = manifest["loudness"]["target"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if target in LOUDNESS_TARGETS:
            return target
    return None


def _warn_of_unusable_index(folder: Path) -> None:
    """A book.json there that cannot be gone by is said once: the book is then extracted
    again, its edited scripts kept (scripts.episode_scripts), and the index written anew."""
    problem = (folder / INDEX).exists() and index_problem(folder)
    if problem:
        log.warning("%s: cannot read its episodes (%s); the book is extracted again (edited "
                    "episode scripts are kept) and its index written anew", folder / INDEX,
                    problem)


def build_series(source: Path, book: SourceBook, folder: Path, casting_path: str, engine,
                 voices, options: SeriesOptions, events: BuildEvents = BuildEvents(), *,
                 neural=None, catalog=None, extracting=None) -> SeriesResult:
    """Build one book into `folder`, telling `events` as it goes (BuildEvents).
    `neural` voices go to the main characters first, `catalog` checks the casting file's
    voices (see cast_speakers); `extracting` shows an extraction as it goes
    (drama.loading.Extracting)."""
    from ..casting import cast_speakers, load_casting
    from ..extract.structure import find_structure
    make_folder(folder)
    check_writable(folder)
    _warn_of_unusable_index(folder)
    options = as_last_built(options, folder)
    if book.structure is None:
        book.structure = find_structure(book.text)
    title = options.title or book.title or book.structure.info.title or \
        opening_title(book, source)
    book.author = options.author or book.author or book.structure.info.author
    episodes, kept = episode_scripts_apart(source, book, folder, options.episodes, title,
                                           extracting)
    if events.checking:
        events.checking(str(folder), len(episodes))
    log.info("%s: %d episode scripts %s", folder.name, len(episodes),
             "kept" if kept else "extracted")
    scripts = [ep.script for ep in episodes]
    added = cast_speakers(casting_path, [s for sc in scripts for s in sc.speakers], voices,
                          scripts=scripts, source_texts=[book.text] * len(scripts),
                          neural=neural, catalog=catalog)
    watch = CastingNow(casting_path, catalog)  # before loading: a change after it is seen
    casting = load_casting(casting_path, catalog)
    log.info("%s: cast (%d new speakers)", folder.name, len(added))
    if added and events.cast:
        events.cast(str(folder), added)
    result = SeriesResult(str(folder), new_speakers=added, name=source.stem)
    engines = EngineSet(engine)
    try:
        _render_series(_SeriesRun(source, book, folder, title, options, casting, engines,
                                  watch, events, result), episodes)
    finally:
        engines.close()
    return result


def opening_title(book: SourceBook, source: Path) -> str:
    """A book's title from its text when it names none (no `Title:` field, no metadata): its
    first line when that reads as a heading and comes before the book's first heading or
    skipped matter ("DAISY MILLER: A STUDY" over PART I is "Daisy Miller: A Study"; the file
    name daisy_miller.txt gave "Daisy miller"), and is no chapter heading the structure
    did not count ("CHAPTER I" over a chapter too short to count), nor a dedication,
    epigraph or verse (guess_title); else the file name's."""
    from ..extract import guess_title
    from ..extract.structure import is_scene_break
    first = min((s.start for s in book.structure.sections), default=len(book.text))
    opening = guess_title(book.text[:first], "")
    if not opening or is_scene_break(opening, 0, len(opening)):
        return file_title(source)
    return readable_title(opening)


@dataclass
class _SeriesRun:
    """What rendering one book's series carries from step to step."""

    source: Path
    book: SourceBook
    folder: Path
    title: str
    """The book's title as this build writes it to book.json."""
    options: SeriesOptions
    casting: object
    engines: EngineSet
    watch: CastingNow | None
    """The casting files since `casting` was loaded (an episode the studio writes
    meanwhile with them as they are now is kept)."""
    events: BuildEvents
    result: SeriesResult


def _render_series(run: _SeriesRun, episodes: list[Episode]) -> None:
    """Render a book's episodes, then write its audiobook, book.json and feed."""
    source, book, folder, title, options = run.source, run.book, run.folder, run.title, \
        run.options
    casting, engines, events, result = run.casting, run.engines, run.events, run.result
    formats = episode_formats(options)
    cover = _write_cover(folder, book)
    previous = usable_index(folder) or {}
    index = _book_index(source, book, folder, title, cover, previous, options, formats)
    _record_sound(index, previous, folder, episodes, casting, result, events)
    _recall_edits_taken(episodes, previous, folder)
    jobs = _episode_jobs(run, episodes, formats)
    _write_first_index(folder, index, previous, episodes)
    before = {e.get("name"): e for e in previous.get("episodes", ()) if isinstance(e, dict)}
    entries: list[dict | None] = [None] * len(episodes)
    left: dict[str, tuple] = {}  # each episode's manifest as the build left it
    said = 0  # episodes told to events.episode, in the book's order
    lock = threading.Lock()
    step, told, joining = _progress_told(events.progress, folder.name, entries,
                                         _join_ahead(folder, previous, options))

    def written(i: int, rendered: RenderResult) -> None:
        ep = episodes[i]
        write_episode_texts(ep.script, Path(rendered.manifest),
                            folder / f"{ep.name}{SCRIPT_SUFFIX}")
        entry = _episode_entry(ep, rendered, formats[0], before.get(ep.name))
        nonlocal said
        with lock:  # finisher threads: one at a time, ending in any order
            entries[i] = entry
            left[ep.name] = (rendered.manifest, file_stamp(Path(rendered.manifest)))
            result.reused += rendered.reused
            result.rendered += not rendered.up_to_date
            while said < len(entries) and entries[said] is not None:  # the book's order
                if events.episode:
                    events.episode(entries[said])
                said += 1
        if told:
            told()

    on_spoken = events.spoken
    spoken = (lambda i: on_spoken(str(folder), i + 1, len(episodes), episodes[i].title,
                                  jobs[i].synthesized)) if on_spoken else None
    render_episodes(jobs, engines, open_cache(options.cache_dir), options.workers,
                    progress=step, on_rendered=written, on_spoken=spoken)
    result.synthesized = sum(job.synthesized for job in jobs)
    meanwhile = partial(recorded_meanwhile, folder, first=previous, left=left, sounds=lambda: {
        ep.name: sound_record(casting, [ep.script]) for ep in episodes})
    _write_book_files(folder, index, entries, title, cover, previous, options, result,
                      meanwhile, joining)
    sort_stale_edits(result, episodes, folder, book.text)


def _record_sound(index: dict, previous: dict, folder: Path, episodes: list[Episode],
                  casting, result: SeriesResult, events: BuildEvents) -> None:
    """This build's record of voices, lexicon and scripts in `index` (changes.RECORDED),
    and what changed since the last build's (`previous`) told and kept in result.changes."""
    scripts = [ep.script for ep in episodes]
    index.update(sound_record(casting, scripts))
    index.update(script_record(folder, [ep.name for ep in episodes], SCRIPT_SUFFIX))
    result.changes = changes_since(previous, index, scripts)
    if result.changes and events.changes:
        events.changes(str(folder), result.changes)


def _episode_jobs(run: _SeriesRun, episodes: list[Episode], formats: list[str]
                  ) -> list[EpisodeJob]:
    """Each episode's render job, its script first held to the book's text as `drama
    check` holds it (named by its episode script's file and line), its files tagged as the
    book `title`'s episode (whole.episode_album): the title this build writes to book.json,
    which whole.recorded_album reads back for `drama render` and the studio."""
    jobs = []
    for ep in episodes:
        require_faithful(ep.script, run.book.text, path=run.folder / f"{ep.name}.script.yaml")
        jobs.append(_episode_job(run, ep, run.folder / f"{ep.name}.{formats[0]}",
                                 tuple(formats[1:]),
                                 episode_album(ep.script.title, ep.number, run.title)))
        jobs[-1].let_go()  # a book's timelines are planned again one at a time
    return jobs


def _episode_entry(ep: Episode, rendered: RenderResult, feed_format: str,
                   before: dict | None) -> dict:
    """book.json's entry of an episode as rendered; `before`: its entry in the last build's
    book.json (its published version, feed.episode_version)."""
    files = {Path(a).name: Path(a).stat().st_size for a in rendered.audio}
    return {"number": ep.number, "name": ep.name, "title": ep.title,
            "duration": round(rendered.duration, 3), "feed_file": f"{ep.name}.{feed_format}",
            "files": files, "script": f"{ep.name}{SCRIPT_SUFFIX}",
            "manifest": Path(rendered.manifest).name,
            "subtitles": [f"{ep.name}.srt", f"{ep.name}.vtt"],
            "source_span": list(ep.script.source_span or ()),
            "up_to_date": rendered.up_to_date, **_edits_taken(ep),
            **episode_version(before, rendered.fingerprint, files, rendered.up_to_date)}


def _write_first_index(folder: Path, index: dict, previous: dict,
                       episodes: list[Episode]) -> None:
    """book.json with the episodes listed before any is rendered: a build stopped part way
    (Ctrl-C) leaves a series whose episodes `drama render` and the studio render where the
    build would; with the last build's voices and lexicon, so a build after a stop says
    them again; and each episode's published version, so that a build after a stop tells
    an unchanged episode's audio from a changed one (feed.episode_version)."""
    published = {e.get("name"): published_version(e)
                 for e in previous.get("episodes", ()) if isinstance(e, dict)}
    with index_locked(folder):
        write_atomic(folder / INDEX, index_text({**_as_recorded(index, previous), "episodes": [
            {"number": ep.number, "name": ep.name, "title": ep.title,
             "script": f"{ep.name}{SCRIPT_SUFFIX}",
             "source_span": list(ep.script.source_span or ()),
             **_edits_taken(ep), **published.get(ep.name, {})} for ep in episodes]}))


def _join_ahead(folder: Path, previous: dict, options: SeriesOptions) -> float | None:
    """The seconds the audiobook's join is foretold to take once the episodes are written,
    as its last join took (book.json's audiobook `joined_in`; 0.0 when no build recorded
    one), or None without an audiobook (newcomer41: a novel's join took 20-30 s that the
    bar did not foretell)."""
    if not options.audiobook:
        return None
    recorded = previous.get("audiobook")
    took = recorded.get("joined_in") if isinstance(recorded, dict) else None
    number = isinstance(took, (int, float)) and not isinstance(took, bool)  # true is no time
    return float(took) if number and took > 0 else 0.0


def _progress_told(progress, name: str, entries: list, join_ahead: float | None = None):
    """The render's progress callback for a book (None without `progress`), telling
    `progress` the episodes not written yet (`entries` still None) with each step; a
    function that tells the last step again, for an episode written since; and one that
    tells it with the bytes fed to the audiobook's join (audiobook.Fed). `join_ahead`
    (_join_ahead) is told once a step has segments to speak or an episode is written anew
    (its labels changed): an episode is rendered, so the audiobook is joined after it."""
    if progress is None:
        return None, None, None
    last = [0, 0, True]
    ahead: dict[str, float] = {}

    def step(done: int, total: int, foretold: bool) -> None:
        last[:] = [done, total, foretold]
        told(done < total)

    def told(rendering: bool = False) -> None:
        rendering = rendering or any(e is not None and not e["up_to_date"] for e in entries)
        if rendering and join_ahead is not None:
            ahead["join_ahead"] = join_ahead
        unwritten = sum(1 for entry in entries if entry is None)
        progress(name, *last, (unwritten, len(entries)), **ahead)

    def joining(fed: int, total: int) -> None:
        progress(name, *last, (0, len(entries)), joined=(fed, total))
    return step, told, joining


def _episode_job(run: _SeriesRun, ep: Episode, out: Path, extra: tuple[str, ...],
                 album: Album):
    """The episode planned with run's casting, its files tagged with the book's `album`;
    told to keep its files when another render wrote them meanwhile with the casting as
    run.watch finds it now (drama.book.meanwhile)."""
    options, book, watch = run.options, run.book, run.watch

    def plan(with_casting, force: bool = options.force):
        return prepare_episode(ep.script, with_casting, run.engines, out,
                               source_text=book.text, extra_formats=extra,
                               loudness=options.loudness, bitrate=options.bitrate,
                               artist=book.author, force=force, album=album)
    job = plan(run.casting)
    if watch is not None:
        job.meanwhile = lambda: watch.written_meanwhile(out, lambda now: plan(now, False))
    return job


def _as_recorded(index: dict, previous: dict) -> dict:
    """index with the last build's record of voices, lexicon and scripts (changes.RECORDED)
    in place of this build's, or without one where it had none: the episodes not rendered
    yet are still to be spoken with this build's."""
    kept = {key: value for key, value in index.items() if key not in RECORDED}
    return {**kept, **{key: previous[key] for key in RECORDED if key in previous}}


def _edits_taken(ep: Episode) -> dict[str, str]:
    """book.json's record of the edited script whose edits ep took (`edits_from`, and the
    hash of its bytes then, `edits_from_sha256`), if any."""
    if not ep.edits_from:
        return {}
    return {"edits_from": ep.edits_from,
            **({"edits_from_sha256": ep.edits_from_sha256} if ep.edits_from_sha256 else {})}


def _recall_edits_taken(episodes: list[Episode], previous: dict, folder: Path) -> None:
    """Episode.edits_from of each episode that took an edited script's edits at an earlier
    build (book.json's `edits_from`) and is built from that file still (a person's)."""
    earlier = {e.get("name"): e for e in previous.get("episodes") or () if isinstance(e, dict)}
    for ep in episodes:
        entry = earlier.get(ep.name) or {}
        recorded, sha = entry.get("edits_from"), entry.get("edits_from_sha256")
        if not ep.edits_from and isinstance(recorded, str) and recorded and \
                is_edited(folder / f"{ep.name}{SCRIPT_SUFFIX}"):
            ep.edits_from = recorded
            ep.edits_from_sha256 = sha if isinstance(sha, str) else ""


def _book_index(source, book, folder, title, cover, previous, options, formats) -> dict:
    """book.json without its episodes: the book, its text, how it is split, the formats
    each episode is written in, and the feed URL (--feed-url, else an earlier build's)."""
    index = {"version": INDEX_VERSION,
             "book": {"title": title, "author": book.author, "language": book.language,
                      "slug": folder.name, "source": source_to_record(source, folder),
                      "cover": cover.name if cover else None,
                      "given": {k: v for k, v in (("title", options.title),
                                                  ("author", options.author)) if v}},
             "source_sha256": text_sha256(book.text), "episodes_mode": options.episodes,
             "formats": formats, "loudness": options.loudness,
             "first_built": previous.get("first_built") or
             datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
    feed_url = options.feed_url or _recorded_feed_url(previous, folder)
    if feed_url:
        index["feed_url"] = feed_url
    return index


def _write_book_files(folder, index, entries, title, cover, previous, options,
                      result, meanwhile, joining=None) -> None:
    """The book's .m4b (when an episode or the book changed), book.json (`index` with
    the episodes as rendered, and what a render outside the build recorded after it:
    `meanwhile` of the build's record, changes.recorded_meanwhile) and feed.xml, and
    which episodes of an earlier build this one does not have; `joining`: told the
    .m4b's join as it goes (audiobook.Fed)."""
    slug = folder.name
    index = {**index, "duration": round(sum(e["duration"] for e in entries), 3),
             "episodes": entries}
    if options.audiobook:
        m4b = folder / f"{slug}.m4b"
        index["audiobook"], changed = _audiobook(m4b, entries, title, index["book"]["author"],
                                                 cover, previous, options.force, joining)
        result.audiobook, result.audiobook_written = str(m4b), changed
    feed_url = index.get("feed_url")
    with index_locked(folder):
        index.update(meanwhile({key: index[key] for key in RECORDED}))
        write_atomic(folder / INDEX, index_text(index))
    if feed_url:
        write_atomic(folder / FEED, feed_xml(index, feed_url))
        result.feed = str(folder / FEED)
    result.episodes = entries
    current = {e["name"] for e in entries}
    result.stale = sorted(name for name in (p.name[:-len(SCRIPT_SUFFIX)]
                                            for p in folder.glob(f"*{SCRIPT_SUFFIX}"))
                          if name not in current)
    result.stale_edited = [name for name in result.stale
                           if is_edited(folder / f"{name}{SCRIPT_SUFFIX}")]


def _recorded_feed_url(previous: dict, folder: Path) -> str | None:
    """The feed URL an earlier build recorded in book.json, as feed_base_url gives it; one
    recorded before --feed-url was checked that is no web address is warned of, and kept."""
    recorded = previous.get("feed_url")
    if not recorded or not isinstance(recorded, str):
        return None
    try:
        return feed_base_url(recorded, f"{folder / INDEX}: feed_url")
    except DramaError as exc:
        log.warning("%s; build with --feed-url to replace it", exc)
        return recorded


def _audiobook(m4b: Path, entries: list[dict], title: str, author: str | None,
               cover: Path | None, previous: dict, force: bool,
               joining: Callable[[int, int], None] | None = None) -> tuple[dict, bool]:
    """The book's .m4b written when an episode or the book changed (or `force`), and
    book.json's record of it: its file, size, and its duration and chapter starts as the
    file has them (each episode's AAC carries its encoder's priming and padding, ~70 ms, so
    the .m4b runs longer than the episodes' sum: 3.7 s over Oliver Twist's 53, walk36);
    whether it was written."""
    changed = any(not e["up_to_date"] for e in entries) or not m4b.exists() or force or \
        _audiobook_stale(previous, entries, title, author, m4b)
    parts = [Part(m4b.parent / f"{e['name']}.aac", e["title"]) for e in entries]
    began = time.monotonic()
    marks = write_audiobook(parts, m4b, title=title, author=author, cover=cover,
                            fed=joining) if changed else None
    recorded = previous.get("audiobook") if isinstance(previous.get("audiobook"), dict) else {}
    # how long the join took, the next build's foretelling of its own (_join_ahead)
    joined_in = round(time.monotonic() - began, 2) if changed else recorded.get("joined_in")
    if changed:
        log.info("%s: audiobook written", m4b.parent.name)
    times = None if changed else _recorded_times(previous.get("audiobook"), len(entries))
    if times is None:  # written now, or by a drama that did not record its times
        marks = marks or chapter_marks(parts)
        times = {"duration": round(marks[-1][1], 3),
                 "chapters": [round(start, 3) for start, _, _ in marks]}
    took = {"joined_in": joined_in} if isinstance(joined_in, (int, float)) else {}
    return {"file": m4b.name, "size": m4b.stat().st_size, **times, **took}, changed


def _recorded_times(recorded: object, count: int) -> dict | None:
    """The .m4b's duration and chapter starts as the last build recorded them (the file
    unchanged since), or None where it recorded none for `count` chapters."""
    if not isinstance(recorded, dict):
        return None
    duration, chapters = recorded.get("duration"), recorded.get("chapters")
    if not isinstance(duration, (int, float)) or not isinstance(chapters, list) or \
            len(chapters) != count:
        return None
    return {"duration": duration, "chapters": chapters}


def _audiobook_stale(previous: dict, entries: list[dict], title: str, author: str | None,
                     m4b: Path) -> bool:
    """Whether the episodes' names, titles or files differ from those the .m4b was made of,
    or the .m4b is not the one book.json records (two builds of the book at once, cut two
    ways: one's .m4b was left under the other's index, and no later build wrote it again)."""
    before = [(e.get("name"), e.get("title"), e.get("files")) for e in previous.get("episodes", [])]
    now = [(e["name"], e["title"], e["files"]) for e in entries]
    recorded = previous.get("audiobook")
    recorded = recorded.get("size") if isinstance(recorded, dict) else None
    book = previous.get("book", {})
    return before != now or book.get("title") != title or \
        book.get("author") != author or recorded != m4b.stat().st_size


def _write_cover(folder: Path, book: SourceBook) -> Path | None:
    if not book.cover:
        return None
    data, media = book.cover
    ext = {"image/jpeg": "jpg", "image/png": "png"}.get(media)
    if ext is None:
        return None
    path = folder / f"cover.{ext}"
    if not path.exists() or path.read_bytes() != data:
        write_bytes(path, data)
    return path


def is_series(source: Path, book: SourceBook, mode: str | None) -> bool:
    """Whether a source is built as a series in its own folder: an EPUB, a text whose
    chapters give more than one episode, or any source when --episodes is given."""
    if mode is not None or source.suffix.lower() == ".epub":
        return True
    from ..extract.structure import find_structure
    structure = book.structure or find_structure(book.text)
    return sum(1 for s in structure.sections if s.kind == "chapter" and s.level != "title") > 1


__all__ = ["BuildEvents", "SeriesOptions", "SeriesResult", "build_series", "book_folder",
           "is_series", "Script"]
