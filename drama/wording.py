"""Counts as people read them: '1 segment', '2 segments', never '1 segments' or 'segment(s)';
possessives: "Anna's voice", "The marchers' voice", never "The marchers's"; and a heading
printed in capitals as a title to read: "CHAPTER IV. THE RIVER" is "Chapter IV. The River".

Every summary drama prints or returns (the commands, the studio, `drama check`'s report)
words its counts and its speakers' possessives here, so one place knows the plurals; and
every hint's command to paste writes its paths and names here (pasteable, pasteable_names).
"""
from __future__ import annotations

import os
import re
import shlex

from .errors import CONTROLS_SHOWN
from .titles import ABBREVIATED_TITLES

MINOR_WORDS = frozenset("a an the and but or nor for so yet as at by in of off on per to "
                        "up via from into onto over with".split())
"""Words a title in title case writes in small letters but first and last (The Chicago
Manual of Style, 8.159: articles, coordinating conjunctions, prepositions; the short ones)."""
ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
CAPITALS_WORD = re.compile(r"[A-Z][A-Z'’-]*[A-Z]|A\b")
"""A word printed in capitals: two letters or more, or the article "A"."""


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 segment', '0 segments'; `plural` for a noun whose plural is not noun + 's'
    ('alias', 'aliases')."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


SHOWN_PROBLEMS = 5
"""How many of a file's problems one error line shows; "(and N more)" counts the rest."""


def problems_listed(problems: list[str]) -> str:
    """A file's problems as one error line: the first SHOWN_PROBLEMS joined by "; ", then
    "(and N more)" for those not shown (it counted all but the first: walk33)."""
    rest = len(problems) - SHOWN_PROBLEMS
    return "; ".join(problems[:SHOWN_PROBLEMS]) + (f" (and {rest} more)" if rest > 0 else "")


def duration_text(seconds: float) -> str:
    """'31:37.6', '2:34:28.9': a duration as a player shows it."""
    minutes, sec = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{sec:04.1f}" if hours else f"{minutes}:{sec:04.1f}"


def age_text(seconds: float) -> str:
    """How long ago, in the units `drama cache prune --older-than` takes (90m, 12h, 30d):
    "under a minute ago", "12 minutes ago", "5 hours ago", "3 days ago" ("0.0 days ago"
    was all `drama cache info` said of a cache used today: walk33)."""
    minutes = max(0, int(seconds // 60))
    if minutes < 1:
        return "under a minute ago"
    if minutes < 60:
        return f"{counted(minutes, 'minute')} ago"
    if minutes < 24 * 60:
        return f"{counted(minutes // 60, 'hour')} ago"
    return f"{counted(minutes // (24 * 60), 'day')} ago"


def render_summary(synthesized: int, reused: int, duration: float, up_to_date: bool) -> str:
    """The line a render ends on, `drama render`'s and the studio's alike: "synthesized 1
    segment, reused 254 from cache; duration 14:20.5 (860.5 s)" (the studio wrote
    "duration 860.5 s": walk31)."""
    return (f"synthesized {counted(synthesized, 'segment')}, reused {reused} from cache; "
            f"duration {duration_text(duration)} ({duration:.1f} s)"
            + ("; up to date" if up_to_date else ""))


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """The noun alone, as n of them are called: 'episode' or 'episodes'."""
    return noun if n == 1 else plural_form or noun + "s"


def possessive(name: str) -> str:
    """A name as the owner of what follows: "Anna's"; a name ending in s takes an apostrophe
    alone, "The marchers'", "Boris'" (the AP Stylebook's rule for names and plurals)."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def names_listed(names: list[str]) -> str:
    """Names as a list to read: "Lenin", "Lenin and Ilyich", "A, B and C"; a name that holds
    a comma or an "and" of its own is quoted, so the list cannot be misread: "The marchers
    and 'Shreider and Prokopovich'", never "The marchers and Shreider and Prokopovich"."""
    shown = [f"'{n}'" if ", " in n or " and " in f" {n.casefold()} " else n for n in names]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


NAMES_SAID = 40
"""How many new speakers `cast` and `render` name as they cast them (the rest counted)."""


def names_said(names: list[str], limit: int = NAMES_SAID) -> str:
    """The first `limit` names, comma-separated, and how many more: casting a text of 10,000
    speakers wrote every name on one line of 60 kB."""
    rest = len(names) - limit
    return ", ".join(names[:limit]) + (f" and {rest} more" if rest > 0 else "")


def close_names(name: str, names) -> list[str]:
    """The (at most three) names written closest to one that was not found."""
    import difflib
    return difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)


def did_you_mean(close: list[str]) -> str:
    """"; did you mean 'Gorse'?" (or 'A' or 'B'), naming names close to one not found, else
    an empty string: what speakers and voices say of a speaker they do not know."""
    return f"; did you mean {' or '.join(map(repr, close))}?" if close else ""


def pasteable(path: str | os.PathLike) -> str:
    """A path as a command that a hint prints to be pasted writes it, so that the shell and
    the command read it back as that path: quoted where the shell would read a character of
    it (shlex.quote: 'The Tale.txt', 'O'"'"'Hara.txt'), and led by "./" when it starts with
    "-", which the command would read as an option (`drama serve ./-book/tiny`). Every hint
    naming a path writes it so; speakers' names go through pasteable_names."""
    text = os.fspath(path)
    return _shell_word("./" + text if text.startswith("-") else text)


def _shell_word(text: str) -> str:
    """text quoted for the shell (shlex.quote), or written $'...' with its escapes when it
    holds a line break or another control character ($'nl\\nname.txt', as `ls` quotes it):
    the hint stays on its line and pastes back as the same name."""
    if not any(ord(c) in CONTROLS_SHOWN for c in text):
        return shlex.quote(text)
    return "$'" + text.translate(_DOLLAR_QUOTED) + "'"


_DOLLAR_QUOTED = {ord("\\"): "\\\\", ord("'"): "\\'"} | CONTROLS_SHOWN
"""str.translate's table of what $'...' escapes: a backslash, a quote, a control character
(its escapes are the ones an error shows it by, errors.CONTROLS_SHOWN)."""


def pasteable_names(*names: str) -> str:
    """Names (speakers, voices) as the last arguments of a command to paste: each quoted
    for the shell (shlex.quote: 'Mrs Hale', 'O'"'"'Hara'), after "--" when one starts with
    "-", which the command would read as an option: `drama speakers merge -- -Bo Bo`."""
    quoted = " ".join(_shell_word(name) for name in names)
    return "-- " + quoted if any(name.startswith("-") for name in names) else quoted


def readable_title(heading: str) -> str:
    """A heading as a title to read, its words printed in capitals in title case ("CHAPTER
    IV. THE RIVER AND THE SEA" is "Chapter IV. The River and the Sea"); its Roman numerals
    and every word not all in capitals ("Mrs. Rachel Lynde") as printed."""
    parts = re.split(r"([.:!?—]\s*)", heading)  # each part of the title a title of its own
    return "".join(_title_case(p) if i % 2 == 0 else p for i, p in enumerate(_parts(parts)))


def _parts(parts: list[str]) -> list[str]:
    """The parts and stops of a title, split at its stops: a title's abbreviated "MR." is no
    stop ("Between Mr. And Mrs. Dunmore" read as two titles: walk36), nor is a semicolon
    ("a Lady; And Shows")."""
    out = parts[:1]
    for stop, part in zip(parts[1::2], parts[2::2]):
        words = out[-1].split()
        if stop.startswith(".") and words and words[-1].casefold() in ABBREVIATED_TITLES:
            out[-1] += stop + part
        else:
            out += [stop, part]
    return out


def _title_case(part: str) -> str:
    starts = [m.start() for m in re.finditer(r"\w[\w'’-]*", part)]
    ends = (starts[0], starts[-1]) if starts else ()  # where its first and last words start
    out, at = [], 0
    for m in CAPITALS_WORD.finditer(part):
        word = m.group()
        if ROMAN_NUMERAL.fullmatch(word) or word == "A" and part.upper() != part:
            continue  # a numeral; "Plan A" in a heading not all in capitals
        small = word.lower()
        if small not in MINOR_WORDS or m.start() in ends:
            small = small[:1].upper() + small[1:]
        out += [part[at:m.start()], small]
        at = m.end()
    return "".join(out) + part[at:]
