"""The Makefile: its clean target removes only what can be made again; its install makes
the venv again when the one there has no pip."""
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_make_clean_keeps_scripts_a_person_edits():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    plan = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout
    removed = plan.split()
    assert "output/*.wav" in removed  # it still cleans the audio
    assert not any(word.endswith((".yaml", ".txt", ".srt", ".vtt")) for word in removed)


def test_a_venv_without_pip_is_made_again(tmp_path):
    """walk30: where Debian's python3-venv is missing, `python3 -m venv .venv` fails after
    making .venv/bin/python, with no pip; once the package was installed, every `make demo`
    still failed with "No module named pip", since .venv/bin/python existed."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    log = tmp_path / "python3.log"
    fake_python = tmp_path / "python3"  # `-m venv [--clear] DIR` makes a venv that works
    fake_python.write_text(f'#!/bin/sh\necho "$@" >> {log}\nfor a; do dir=$a; done\n'
                           'mkdir -p "$dir/bin"\nprintf \'#!/bin/sh\\nexit 0\\n\' > '
                           '"$dir/bin/python"\nchmod +x "$dir/bin/python"\n')
    fake_python.chmod(0o755)
    broken = tmp_path / ".venv" / "bin" / "python"  # a venv whose python has no pip
    broken.parent.mkdir(parents=True)
    broken.write_text('#!/bin/sh\n[ "$2" = pip ] && { echo "No module named pip" >&2; exit 1; }'
                      '\nexit 0\n')
    broken.chmod(0o755)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    made = subprocess.run(["make", "-f", str(ROOT / "Makefile"), f"PYTHON={fake_python}",
                           "install"], cwd=tmp_path, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    assert log.read_text().split() == ["-m", "venv", "--clear", ".venv"]
