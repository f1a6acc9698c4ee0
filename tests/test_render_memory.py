"""What keeps a book's render in bounded memory: timelines planned only while an episode is
finished, segments measured by the workers that speak them, and the C heap's policy."""
from __future__ import annotations

import sys

import pytest

import drama.render.batch as batch
from drama.engines import make_engine
import drama.render.synth as synth
from drama.render import render_episodes, render_script
from drama.render.cache import SegmentCache
from drama.render.heap import bound_heap
from render_util import casting_file, read_samples, script_from
from test_render_batch import episodes


def test_a_books_timelines_are_planned_only_while_an_episode_is_finished(tmp_path, monkeypatch):
    jobs, engine = episodes(tmp_path, n=6)
    planned_at_start = []
    real_finish = batch.finish_episode

    def finish(job, *args, **kw):
        planned_at_start.append(sum(j.items is not None for j in jobs))
        return real_finish(job, *args, **kw)
    monkeypatch.setattr(batch, "finish_episode", finish)
    results = render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    assert len(results) == 6
    assert max(planned_at_start) <= batch.FINISHERS  # never the whole book's at once
    assert all(job.items is None for job in jobs)  # let go once written
    # planned again when needed: the same segments, found in the cache
    again = render_episodes(jobs, engine, SegmentCache(tmp_path / "cache"), workers=1)
    assert all(r.up_to_date and r.synthesized == 0 for r in again)
    assert [len(j.keys) for j in jobs] == [9] * 6


def test_workers_measure_and_commit_what_they_speak(tmp_path, monkeypatch):
    """With a pool, the rendering process never reads a spoken segment's samples to measure
    them: its own commit_segment is broken here, and the pooled render still succeeds,
    sample for sample the same as a render in one process."""
    turns = [("Narrator" if i % 2 else "Anna", f"Line number {i} says a few words.")
             for i in range(10)]
    script, source = script_from("\n\n".join(t for _, t in turns), turns)
    casting, engine = casting_file(tmp_path), make_engine("tone")
    alone = render_script(script, casting, engine, tmp_path / "a.wav", source_text=source,
                          cache_dir=tmp_path / "c1", workers=1)

    def not_here(*args, **kw):
        raise AssertionError("a pooled segment was measured in the rendering process")
    monkeypatch.setattr(synth, "commit_segment", not_here)
    pooled = render_script(script, casting, engine, tmp_path / "b.wav", source_text=source,
                           cache_dir=tmp_path / "c2", workers=2)
    assert pooled.synthesized == alone.synthesized == 10
    assert (read_samples(tmp_path / "a.wav")[0] == read_samples(tmp_path / "b.wav")[0]).all()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt only")
def test_the_heap_policy_is_set_on_glibc_and_only_once():
    import platform
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    assert bound_heap() is True
    assert bound_heap() is True  # the second call changes nothing
