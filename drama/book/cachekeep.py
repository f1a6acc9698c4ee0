"""Which cached segments a built book uses, and ages like 30d: for `drama cache prune`."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..files import read_json

_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_age(spec: str) -> float:
    """Seconds in an age like 30d, 12h, 90m, 2w."""
    m = _AGE.fullmatch(spec.strip().lower())
    if not m:
        raise InputError(f"--older-than {spec!r}: give a number and a unit, e.g. 30d, 12h, 90m")
    return float(m.group(1)) * _UNIT[m.group(2)]


def kept_segments(paths: list[Path]) -> set[str]:
    """The segment keys the render manifests of these books (folders) or episodes use."""
    keep: set[str] = set()
    for path in paths:
        p = Path(path)
        manifests = sorted(p.glob("*.manifest.json")) if p.is_dir() else [p]
        if not p.exists() or not manifests:
            raise InputError("no rendered book or episode here (no *.manifest.json)",
                             path=str(p))
        for m in manifests:
            try:
                doc = read_json(m)
                keep.update(ln["segment"] for ln in doc.get("lines", []) if ln.get("segment"))
            except (OSError, ValueError, TypeError, KeyError) as exc:
                raise InputError(f"not a readable render manifest ({exc})", path=str(m)) from None
    return keep
