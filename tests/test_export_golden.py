"""Every exporter's output on fixed scripts and manifests, pinned by golden files.

Inputs are hand-checked scripts in tests/data (short passages of both seeds, and lines made
to trip Fountain and Markdown), so the goldens do not move when the extractor improves.
A golden changes only with `pytest --update-golden`, and the diff is then reviewed in git.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from drama.casting import load_casting
from drama.export import EXPORTERS, SUBTITLE_FORMATS, ExportOptions, export_script, load_manifest
from drama.scriptfile import load_script

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
SCRIPTS = sorted(DATA.glob("*.script.yaml"))
VARIANTS = {"": {}, "plain": {"narration": "plain"}}


def cases():
    """(script, format, variant) for every input: text formats always, subtitles with a manifest."""
    for script in SCRIPTS:
        stem = script.name.removesuffix(".script.yaml")
        has_manifest = (DATA / f"{stem}.manifest.json").exists()
        for fmt in EXPORTERS:
            if fmt in SUBTITLE_FORMATS and not has_manifest:
                continue
            variants = VARIANTS if fmt in ("txt", "md") else {"": {}}
            for variant in variants:
                yield pytest.param(script, fmt, variant,
                                   id=f"{stem}.{variant + '.' if variant else ''}{fmt}")


def golden_path(script: Path, fmt: str, variant: str) -> Path:
    stem = script.name.removesuffix(".script.yaml")
    return GOLDEN / f"{stem}{'.' + variant if variant else ''}.{fmt}"


def render(script_path: Path, fmt: str, variant: str) -> str:
    stem = script_path.name.removesuffix(".script.yaml")
    options = ExportOptions(**VARIANTS[variant])
    if fmt == "md":
        options.casting = load_casting(DATA / "golden_voices.yaml")
    if fmt in SUBTITLE_FORMATS:
        options.manifest = load_manifest(DATA / f"{stem}.manifest.json")
    script = load_script(script_path)
    return export_script(script, fmt, options)


@pytest.mark.parametrize("script_path, fmt, variant", list(cases()))
def test_export_matches_golden(script_path, fmt, variant, request):
    golden = golden_path(script_path, fmt, variant)
    got = render(script_path, fmt, variant)
    if request.config.getoption("--update-golden", default=False):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.exists(), f"no golden {golden.name}; run `pytest --update-golden` and review it"
    assert got == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended run `pytest --update-golden` "
        "and review the diff")


def test_every_golden_has_a_case():
    expected = {golden_path(*p.values).name for p in cases()}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.is_file() and p.name not in expected)
    assert not stale, f"golden files no test produces: {stale}"


def test_goldens_cover_both_seeds_and_every_format():
    names = {p.name for p in GOLDEN.iterdir()}
    for seed in ("excerpt_000", "excerpt_004"):
        for fmt in EXPORTERS:
            assert f"{seed}.{fmt}" in names
