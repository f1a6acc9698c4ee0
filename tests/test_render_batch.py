"""A book's episodes as one job: one synthesis pool for all, each episode finished (laid out,
assembled, encoded) as soon as its segments are in, while the next ones are synthesized."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

import drama.render.batch as batch
from drama.engines import make_engine
from drama.cli.common import Terminated
from drama.errors import RenderError
from drama.render import prepare_episode, render_episodes
from drama.render.cache import SegmentCache
from render_util import casting_file, script_from


def episodes(tmp_path, n=6, lines=8):
    """n episodes of `lines` lines each; every episode also says "The end." (shared)."""
    casting, engine = casting_file(tmp_path), make_engine("tone")
    jobs = []
    for e in range(n):
        turns = [("Narrator" if i % 2 else "Anna", f"Episode {e} line {i} has some words here.")
                 for i in range(lines)] + [("Narrator", "The end.")]
        script, source = script_from("\n\n".join(t for _, t in turns), turns)
        jobs.append(prepare_episode(script, casting, engine, tmp_path / f"{e:03d}.mp3",
                                    source_text=source))
    return jobs, engine


class SlowTone:
    """The tone engine, 20 ms a segment: time for a finisher to start mid-synthesis."""

    def __init__(self, engine):
        self.engine, self.name, self.version = engine, engine.name, engine.version

    def synthesize(self, text, settings, path):
        time.sleep(0.02)
        self.engine.synthesize(text, settings, path)


def test_one_pool_for_the_book_and_the_first_episode_written_while_the_rest_synthesize(
        tmp_path, monkeypatch):
    jobs, engine = episodes(tmp_path)
    pools = []
    real_synth = batch.synthesize_all

    def one_pool(todo, *args, **kw):
        pools.append(len(todo))
        return real_synth(todo, *args, **kw)
    monkeypatch.setattr(batch, "synthesize_all", one_pool)
    landed = []
    started = {}
    real_finish = batch.finish_episode

    def finish(job, *args, **kw):
        started[job.out.name] = len(landed)
        return real_finish(job, *args, **kw)
    monkeypatch.setattr(batch, "finish_episode", finish)
    written = []
    results = render_episodes(jobs, SlowTone(engine), SegmentCache(tmp_path / "cache"), workers=1,
                              progress=lambda done, total, _: landed.append(done),
                              on_rendered=lambda i, r: written.append(i))
    unique = len({k for job in jobs for k in job.keys})
    assert pools == [unique]  # one pool; "The end." synthesized once for all six
    assert unique == 6 * 8 + 1
    assert sorted(written) == list(range(6)) and len(results) == 6
    assert started["000.mp3"] < unique // 2  # begun long before the book's synthesis ended
    assert [r.synthesized for r in results] == [9, 8, 8, 8, 8, 8]
    assert all((tmp_path / f"{e:03d}.mp3").stat().st_size > 0 for e in range(6))
    again = render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    assert all(r.up_to_date and r.synthesized == 0 for r in again)


def test_a_failing_episode_stops_the_book_and_leaves_nothing_half_written(tmp_path, monkeypatch):
    jobs, engine = episodes(tmp_path, n=4)
    real_finish = batch.finish_episode

    def finish(job, *args, **kw):
        if job.out.name == "001.mp3":
            raise RenderError("the disk is full", path=str(job.out))
        return real_finish(job, *args, **kw)
    monkeypatch.setattr(batch, "finish_episode", finish)
    with pytest.raises(RenderError, match="the disk is full"):
        render_episodes(jobs, SlowTone(engine), SegmentCache(tmp_path / "cache"), workers=1)
    assert not (tmp_path / "001.mp3").exists()
    assert not [p for p in tmp_path.glob(".*tmp*")]


def stopped_while_finishing(stop):
    """(finish, synthesize): a finish that waits, with one other, until the synthesis has
    marked every segment done and raised `stop`, then fails; so the stop comes while two
    episodes are being finished."""
    import threading
    begun, release = threading.Barrier(3), threading.Event()

    def finish(*args, **kw):
        begun.wait(5)
        release.wait(5)
        raise RenderError("not reached: the test stops the book first")

    def synthesize(todo, engines, cache, workers, done, **kw):
        for job in todo:
            done(job.key)
        begun.wait(5)
        threading.Timer(0.2, release.set).start()
        raise stop()
    return finish, synthesize


@pytest.mark.parametrize("stop, again", [(KeyboardInterrupt, " (Ctrl-C again stops at once)"),
                                         (Terminated, "")])
def test_a_book_stopped_says_it_awaits_the_episodes_being_encoded(tmp_path, monkeypatch,
                                                                   caplog, stop, again):
    """Ctrl-C once every segment is spoken: the episodes being assembled and encoded are
    written first, and drama says so (a build went on 8 to 20 s in silence: walk33)."""
    jobs, engine = episodes(tmp_path, n=2)
    finish, stopped = stopped_while_finishing(stop)     # both episodes are being finished
    monkeypatch.setattr(batch, "finish_episode", finish)
    monkeypatch.setattr(batch, "synthesize_all", stopped)
    with pytest.raises(stop):
        render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == \
        ["stopping once the 2 episodes being assembled and encoded are written" + again]


def test_a_book_stopped_counts_only_the_episodes_being_encoded(tmp_path, monkeypatch, caplog):
    """An up-to-date episode being finished (its subtitles written again) is not one "being
    assembled and encoded": with one episode to render and the other kept, a stop said "the
    2 episodes" (walk34)."""
    jobs, engine = episodes(tmp_path, n=2)
    # the kept episode and the rendered one are being finished
    slow, stopped = stopped_while_finishing(KeyboardInterrupt)
    monkeypatch.setattr(batch, "kept_episode", lambda ep: "kept" if ep is jobs[0] else None)
    monkeypatch.setattr(batch, "finish_episode", slow)
    monkeypatch.setattr(batch, "synthesize_all", stopped)
    with pytest.raises(KeyboardInterrupt):
        render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1,
                        on_rendered=lambda i, result: slow() if i == 0 else None)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == \
        ["stopping once the 1 episode being assembled and encoded is written"
         " (Ctrl-C again stops at once)"]


def test_the_time_left_is_foretold_only_while_one_engine_has_segments_left(tmp_path,
                                                                           monkeypatch):
    """walk30: with a Piper narrator and espeak-ng characters, espeak-ng's workers were
    through a book's dialogue while Piper's were on its first chapters, and the bar's time
    left, from the pace of both together, was minutes where an hour was left. While two
    engines have segments left the bar is told the time left cannot be foretold."""
    jobs, engine = episodes(tmp_path, n=2, lines=4)
    real_jobs_from, real_synth = batch.jobs_from, batch.synthesize_all
    engines_of = {}

    def two_engines(items):  # episode 1's lines another engine's
        todo = real_jobs_from(items)
        engines_of.update((job.key, job.engine) for job in todo)
        return [replace(job, engine="other") if job.text.startswith("Episode 1") else job
                for job in todo]

    def synthesize(todo, *args, **kw):
        return real_synth([replace(job, engine=engines_of[job.key]) for job in todo],
                          *args, **kw)
    monkeypatch.setattr(batch, "jobs_from", two_engines)
    monkeypatch.setattr(batch, "synthesize_all", synthesize)
    told = []
    render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1,
                    progress=lambda done, total, foretold: told.append(foretold))
    assert told[0] is False and told[-1] is True
    assert told == sorted(told)  # told once the first engine is through, and from then on


def test_a_bar_whose_time_left_is_not_foretold_shows_none():
    from rich.progress import Progress
    from drama.cli.common import _clock_column
    clock, now = _clock_column(), [0.0]
    with Progress(disable=True, get_time=lambda: now[0]) as bar:
        task = bar.add_task("x", total=10)
        for second in (1, 2):
            now[0] = float(second)
            bar.update(task, completed=second)
        assert str(clock.render(bar.tasks[0])) == "0:00:08"
        bar.update(task, foretold=False)
        assert str(clock.render(bar.tasks[0])) == "-:--:--"
        bar.update(task, foretold=True)
        assert str(clock.render(bar.tasks[0])) == "0:00:08"


def test_an_episode_another_render_is_putting_in_place_is_waited_for_then_named(
        tmp_path, monkeypatch):
    """review36: a render puts its episode in place under the episode's lock (the studio's
    and a build's never at once). One kept past DRAMA_LOCK_TIMEOUT is a RenderError that
    names the lock; the episode is not written and no temporary file is left beside it."""
    from drama.locks import FileLock
    from drama.render.episode import episode_lock_path
    jobs, engine = episodes(tmp_path, n=1, lines=2)
    monkeypatch.setenv("DRAMA_LOCK_TIMEOUT", "0.2")
    other = FileLock(episode_lock_path(jobs[0].out), removable=True)
    assert other.try_acquire()
    try:
        with pytest.raises(RenderError, match="another drama command is writing this "
                           r"episode \(waited 0.2 s for .*\.000\.manifest\.json\.lock\)"):
            render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    finally:
        other.release(remove=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "voices.yaml"]
    render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    assert (tmp_path / "000.mp3").exists()
    assert not episode_lock_path(jobs[0].out).exists()
