"""drama: turn prose into a multi-voice audio drama."""
from __future__ import annotations

__all__ = ["extract_script", "load_casting", "render_script", "export_script"]
__version__ = "0.1.0"

# The public API is imported on first use, so `drama extract` does not pay for the
# casting, rendering and export modules at start-up.
_LAZY = {
    "extract_script": ("drama.extract", "extract_script"),
    "load_casting": ("drama.casting", "load_casting"),
    "render_script": ("drama.render", "render_script"),
    "export_script": ("drama.export", "export_script"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'drama' has no attribute {name!r}")
