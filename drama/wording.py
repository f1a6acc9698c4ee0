"""Counts as people read them: '1 segment', '2 segments', never '1 segments' or 'segment(s)';
and possessives: "Anna's voice", "The marchers' voice", never "The marchers's".

Every summary drama prints or returns (the commands, the studio, `drama check`'s report)
words its counts and its speakers' possessives here, so one place knows the plurals.
"""
from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 segment', '0 segments'; `plural` for a noun whose plural is not noun + 's'
    ('alias', 'aliases')."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """The noun alone, as n of them are called: 'episode' or 'episodes'."""
    return noun if n == 1 else plural_form or noun + "s"


def possessive(name: str) -> str:
    """A name as the owner of what follows: "Anna's"; a name ending in s takes an apostrophe
    alone, "The marchers'", "Boris'" (the AP Stylebook's rule for names and plurals)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
