"""drama: turn prose into a multi-voice audio drama."""
from __future__ import annotations

from .casting import load_casting
from .export import export_script
from .extract import extract_script
from .render import render_script

__all__ = ["extract_script", "load_casting", "render_script", "export_script"]
__version__ = "0.1.0"
