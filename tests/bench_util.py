"""Loading a bench/ script as a module in the tests of its pure helpers."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench(name: str):
    """bench/<name>.py as a module (bench/ on the path while it loads, as when it runs, and
    in sys.modules, as an imported module is: a dataclass in it looks its module up); the
    test is skipped when the shared scorer it imports (../shared/eval) is not there."""
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        try:
            spec.loader.exec_module(mod)
        except ImportError as e:
            del sys.modules[name]
            pytest.skip(f"bench's scorer is not there: {e}", allow_module_level=True)
        return mod
    finally:
        sys.path.remove(str(BENCH))
