"""Speaker attribution, one module per stage (see pipeline.py for the order of the sieves)."""
