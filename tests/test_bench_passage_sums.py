"""bench/passage_sums.py: seeds written as ranges, and two runs' sums compared, on invented files."""
from __future__ import annotations

from bench_util import load_bench


def passage_sums():
    return load_bench("passage_sums")


def seed_file(folder, seed, all_, a, b, whole=True):
    """A seed's file as bench/attribution_passages.py prints its rows (e2e, then B3)."""
    folder.mkdir(exist_ok=True)
    rows = [f"half A  40 recall 99.0 e2e {a[0]} / 0.0  B3 {a[1]} / 0.0",
            f"half B  40 recall 99.0 e2e {b[0]} / 0.0  B3 {b[1]} / 0.0"]
    if whole:
        rows.append(f"all  80 recall 99.0 e2e {all_[0]} / 0.0  B3 {all_[1]} / 0.0")
    (folder / f"seed{seed}.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_seeds_are_written_as_ranges_up_or_down():
    assert passage_sums().seed_list("1-3,9") == [1, 2, 3, 9]
    assert passage_sums().seed_list("5-3") == [5, 4, 3]


def test_two_runs_are_summed_over_the_seeds_both_hold_whole(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    seed_file(old, 1, (80.0, 82.0), (81.0, 83.0), (79.0, 81.0))
    seed_file(new, 1, (81.0, 82.0), (82.0, 83.0), (80.0, 81.0))
    seed_file(old, 3, (70.0, 72.0), (71.0, 73.0), (69.0, 71.0))
    seed_file(new, 3, (69.5, 72.5), (71.0, 73.0), (68.0, 72.0))
    seed_file(old, 4, (50.0, 50.0), (50.0, 50.0), (50.0, 50.0))
    seed_file(new, 4, (60.0, 60.0), (60.0, 60.0), (60.0, 60.0), whole=False)  # killed run
    ps = passage_sums()
    lines = ps.compare(ps.read_figures(old), ps.read_figures(new), None, {3})
    assert lines[0] == "2 seeds (1-3)"
    assert lines[1] == "all     e2e     150.00 ->     150.50 (+0.50; up 1, down 1)"
    assert lines[2] == "all     B3      154.00 ->     154.50 (+0.50; up 1, down 0)"
    assert lines[7] == "unseen1 e2e    70.00 ->    69.50 (-0.50)"
    assert lines[-1] == "moved (seed e2e B3): 1:+1.00/+0.00 3:-0.50/+0.50"


def test_compare_read_by_head_ends_quietly(tmp_path):
    """round 51: `passage_sums.py compare OLD NEW | head` ended in a BrokenPipeError
    traceback. The reader gone, it ends with status 0 and says nothing (as `drama | head`)."""
    import subprocess
    import sys
    old, new = tmp_path / "old", tmp_path / "new"
    for seed in (1, 2):
        seed_file(old, seed, (80.0, 82.0), (81.0, 83.0), (79.0, 81.0))
        seed_file(new, seed, (81.0, 82.0), (82.0, 83.0), (80.0, 81.0))
    script = passage_sums().__file__
    proc = subprocess.Popen([sys.executable, script, "compare", str(old), str(new)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()    # `head` gone before the sums are written: every write breaks
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and "Traceback" not in err and err == ""
