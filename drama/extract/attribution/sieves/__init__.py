"""The sieves, one module per family of rules; pipeline.py puts them in order."""
