"""The script file's JSON form: the contract in DESIGN.md, the same keys as the YAML."""
from __future__ import annotations

from ..model import Script
from ..scriptfile import dump_script
from .options import ExportOptions


def export_json(script: Script, options: ExportOptions | None = None) -> str:
    """The script as JSON, exactly what `drama extract -o x.json` writes."""
    return dump_script(script, "json")
