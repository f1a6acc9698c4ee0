"""Shared fixtures: the seeds, a CLI runner, a folder to run drama in, and a throwaway
casting file."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fault_util import DATA, TONE_CASTING

# What the extractor keeps between runs goes to $DRAMA_CACHE/extract (drama/extract/kept.py),
# and the test modules' imports build it before any fixture runs: into this run's own folder,
# never the user's cache (each test then has its own, _isolated_cache)
os.environ["DRAMA_CACHE"] = tempfile.mkdtemp(prefix="drama-tests-cache-")
atexit.register(shutil.rmtree, os.environ["DRAMA_CACHE"], True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A folder to run drama in (the current directory): story.txt, a seed excerpt, and a
    voices.yaml with the test engine's narrator."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "excerpt_000.txt", tmp_path / "story.txt")
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    return tmp_path


@pytest.fixture(params=SEEDS, ids=lambda p: p.stem)
def seed(request) -> Path:
    return request.param


@pytest.fixture
def seed_text(seed) -> str:
    from drama.scriptfile import read_text
    return read_text(seed)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Every test renders into its own segment cache, never the user's; nor does it see the
    user's Piper voices folder or global lexicon (installed voice packages it does see): the
    null device is no lexicon, said nothing of (a missing file named is warned of)."""
    monkeypatch.setenv("DRAMA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DRAMA_VOICES", str(tmp_path / "voices"))
    monkeypatch.setenv("DRAMA_LEXICON", os.devnull)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the exporters' current output")
    parser.addoption("--update-screenshots", action="store_true", default=False,
                     help="copy the studio's browser-test screenshots into docs/")
