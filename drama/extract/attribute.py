"""Kept for old imports: attribution now lives in the attribution/ package (see its
pipeline.py for the sieves and their order)."""
from __future__ import annotations

from .attribution import CONFIDENCE, Attribution, attribute
from .attribution.mentions import opens_clause as _opens_clause

__all__ = ["Attribution", "attribute", "CONFIDENCE", "_opens_clause"]
