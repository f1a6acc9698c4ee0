"""Helpers for the fault-injection tests: drama in a real process (with resource limits, killed
at will), hostile files made on the spot, and what counts as litter."""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SLOW_DRAMA = ROOT / "tests" / "slow_drama.py"

TONE_CASTING = "narrator: {voice: tone/mid, rate: 170}\n"

LITTER = re.compile(r"^\..*\.(drama-\d+\.)?tmp")
"""A temporary file of a drama run: `.<name>.drama-<pid>.tmp...` (and the older `.<name>.tmp<pid>`,
`.<stem>.<pid>.tmp.wav` forms, so the tests also catch them)."""


def unprivileged() -> list[str]:
    """The command prefix that runs drama held by a file's or folder's mode (unable to read
    or write what it forbids): none for a normal user; for root, setpriv without the
    capabilities that pass over modes (a test is skipped when setpriv is not here)."""
    import shutil

    import pytest
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root passes over file modes, and setpriv is not here to drop that power")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, "--bounding-set", caps, "--inh-caps", caps]


def litter(folder: Path) -> list[str]:
    """The temporary files left in folder."""
    return sorted(p.name for p in folder.iterdir() if LITTER.match(p.name))


def drama_env(cache: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "DRAMA_CACHE": str(cache), "PYTHONPATH": str(ROOT), **extra}


def drama_cmd(*args: str, slow: bool = False) -> list[str]:
    """The command line of `drama ARGS` in a new Python (with the slowtone engine if slow)."""
    if slow:
        return [sys.executable, str(SLOW_DRAMA), *map(str, args)]
    return [sys.executable, "-m", "drama", *map(str, args)]


def limits(file_size: int | None = None, memory: int | None = None):
    """A preexec_fn setting RLIMIT_FSIZE (a disk that fills at file_size bytes a file) and
    RLIMIT_AS (memory) in the child."""
    def apply() -> None:
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return apply


def run_drama(*args, cwd: Path, cache: Path | None = None, file_size: int | None = None,
              memory: int | None = None, timeout: float = 120, slow: bool = False,
              env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `drama ARGS` to completion in a separate process, stdout and stderr captured."""
    return subprocess.run(drama_cmd(*args, slow=slow), cwd=cwd,
                          env={**drama_env(cache or cwd / "cache"), **(env or {})},
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limits(file_size, memory))


def start_drama(*args, cwd: Path, cache: Path | None = None, slow: bool = False,
                env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(drama_cmd(*args, slow=slow), cwd=cwd,
                            env={**drama_env(cache or cwd / "cache"), **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """The single `drama: error: ...` line a failed command printed last (asserts there is
    one, with exit status 2 and no traceback; progress lines may come before it)."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("drama: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], proc.stderr[-2000:]
    return errors[0]


def alias_bomb(levels: int, width: int, key: str = "x") -> tuple[list[str], str]:
    """YAML lines defining anchors a..: each a list of `width` aliases of the one before, so
    the last stands for width**levels values; and the last anchor's name."""
    names = [chr(ord("a") + i) for i in range(levels)]
    out = [f"{key}0: &a [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        out.append(f"{key}{i}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return out, names[-1]


def script_lines(source: str, turns: list[tuple[str, str]]) -> list[dict]:
    """Script `lines` entries for (speaker, text) turns found in order in source."""
    lines, pos = [], 0
    for speaker, text in turns:
        start = source.index(text, pos)
        pos = start + len(text)
        lines.append({"speaker": speaker, "kind": "narration" if speaker == "Narrator"
                      else "dialogue", "text": text, "start": start, "end": pos})
    return lines


def process_children(pid: int) -> list[tuple[int, str]]:
    """(pid, command name) of the live child processes of pid (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1: stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] not in "ZX":
            found.append((int(entry.name), name))
    return found



def extracted(runner, work: Path) -> Path:
    """`drama extract story.txt -o ep.script.yaml` in the work folder: the script's path."""
    from drama.cli import app
    result = runner.invoke(app, ["extract", "story.txt", "-o", "ep.script.yaml"])
    assert result.exit_code == 0, result.output
    return work / "ep.script.yaml"


def error_line(result) -> str:
    """The one `drama: error:` line of a CliRunner result, last (progress lines such as "cast
    5 new speakers" may come before it), after checking the exit status 2 and that no
    traceback escaped."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.output.strip().splitlines()
    errors = [ln for ln in lines if ln.startswith("drama: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.output
    return errors[0]


def die_at_once(*args) -> None:
    """A function for a spawned process that dies as if killed (the out-of-memory killer)."""
    import signal
    os.kill(os.getpid(), signal.SIGKILL)


def warn_and_return(*args) -> str:
    """A function for a spawned process that logs a warning (a lock it waits for)."""
    import logging
    logging.getLogger("drama.pipeline").warning("x.script.yaml: another drama run is "
                                                "writing this script; waiting up to 60 s")
    return "done"


def fail_with_a_bug(*args) -> None:
    """A function for a spawned process that fails as a bug would."""
    {}["missing"]
