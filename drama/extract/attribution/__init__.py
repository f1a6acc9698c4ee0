"""Speaker attribution: who speaks each quotation, decided by an ordered list of sieves.

    reader.py     speaker phrases in a tag ("said Martov", "an angry soldier", "she")
    tag_phrase.py one speech tag, read after or before a quote ("said Martov", "Martov said")
    tags.py       the speech tag each quote takes
    mentions.py   people in the narration (names, descriptions, pronouns acting), ages
    salience.py   who was mentioned lately
    vocative.py   the name each quote calls out, and who answers it
    document.py   the document the sieves read and write (read_document runs the readers)
    sieve.py      what a sieve is; sieves run in reading order together
    sieves/       the sieves, one module per family of rules
    pipeline.py   the order of the sieves, their confidences, attribute()
"""
from .pipeline import CONFIDENCE, PIPELINE, Attribution, attribute, sieve_names

__all__ = ["Attribution", "attribute", "CONFIDENCE", "PIPELINE", "sieve_names"]
