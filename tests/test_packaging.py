"""pyproject.toml as setuptools reads it: `pip install -e .` must print no warning."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml")
                          .read_text(encoding="utf-8"))


def test_the_licence_is_an_spdx_expression_setuptools_reads_without_a_warning():
    # a {text = ...} table is deprecated from setuptools 77 on, which warns at every install
    assert PYPROJECT["project"]["license"] == "MIT"
    requires = PYPROJECT["build-system"]["requires"]
    versions = [re.fullmatch(r"setuptools>=(\d+)", r) for r in requires]
    assert any(m and int(m.group(1)) >= 77 for m in versions), requires
