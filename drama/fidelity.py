"""Fidelity of a script to its source: nothing lost, nothing invented, every speaker cast.

`check_script` compares the words (runs of letters and digits) of the source with the words
of the script's line texts, in order, and each line's text with the source span it claims;
it also checks that spans are in order without overlap and that every speaker has a voice.
Each difference is a Problem that names the script line (and the YAML line it starts on) or
the source line, so a person can go straight to it.
"""
from __future__ import annotations

import bisect
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .model import NARRATOR, Script
from .scriptfile import read_text, text_sha256

if TYPE_CHECKING:
    from .casting import Casting

WORD = re.compile(r"[^\W_]+")
"""A word for the nothing-lost rule: a run of letters and digits."""
MAX_DETAILS = 50


@dataclass
class Problem:
    """One difference between the script and its source or cast."""

    kind: str
    """``source`` (changed), ``words`` (lost or invented), ``span``, ``order`` or ``cast``."""
    message: str
    line: int | None = None
    """The script line (1-based index in ``lines``) it concerns, if any."""
    file_line: int | None = None
    """The line of the script file that script line starts on, if known."""
    source_line: int | None = None
    """The line of the source text it concerns, if any."""


@dataclass
class FidelityReport:
    """What `check_script` found."""

    script_path: str
    source_path: str | None
    lines: int
    words: int
    speakers: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: ok with what was checked, or the count of problems by kind."""
        if self.ok:
            return (f"{self.script_path}: ok: {self.lines} lines, {self.words} words of the "
                    f"source in order, {self.speakers} speaker(s) cast")
        by_kind: dict[str, int] = {}
        for p in self.problems:
            by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
        kinds = ", ".join(f"{n} {KIND_NAMES[k]}" for k, n in by_kind.items())
        return f"{self.script_path}: {len(self.problems)} problem(s): {kinds}"

    def details(self, limit: int = MAX_DETAILS) -> list[str]:
        """One line per problem, `file:line: message`, most useful location first."""
        out = []
        for p in self.problems[:limit]:
            if p.line is not None:
                where = f"{self.script_path}:{p.file_line}" if p.file_line else self.script_path
                out.append(f"{where}: line {p.line}: {p.message}")
            elif p.source_line is not None and self.source_path:
                out.append(f"{self.source_path}:{p.source_line}: {p.message}")
            else:
                out.append(f"{self.script_path}: {p.message}")
        if len(self.problems) > limit:
            out.append(f"... and {len(self.problems) - limit} more")
        return out


KIND_NAMES = {"source": "changed source", "words": "word difference(s)",
              "span": "span mismatch(es)", "order": "span order problem(s)",
              "cast": "uncast speaker(s)"}


def entry_file_lines(script_path: str | os.PathLike) -> list[int]:
    """The file line each entry of `lines` starts on (YAML or JSON), or [] if unknown."""
    try:
        node = yaml.compose(read_text(script_path))
    except Exception:  # the script loaded already; line numbers are a convenience
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "lines" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def find_source(script: Script, script_path: str | os.PathLike) -> Path | None:
    """The script's source text: as recorded, or relative to the script's folder or its parent."""
    if not script.source:
        return None
    recorded = Path(script.source)
    base = Path(script_path).parent
    for candidate in (recorded, base / recorded, base.parent / recorded, base / recorded.name):
        if candidate.is_file():
            return candidate
    return None


def _quote(words: list[str], limit: int = 12) -> str:
    shown = " ".join(words[:limit]) + (" ..." if len(words) > limit else "")
    return f"'{shown}'"


class _Lines:
    """Offset -> 1-based line number of a text."""

    def __init__(self, text: str):
        self.breaks = [i for i, c in enumerate(text) if c == "\n"]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1


def check_script(script: Script, source_text: str | None, casting: "Casting | None", *,
                 script_path: str = "<script>", source_path: str | None = None,
                 file_lines: list[int] | None = None) -> FidelityReport:
    """Every difference between a script and its source text, and every uncast speaker.

    source_text None skips the word and span checks (the caller reports a missing source);
    casting None skips the cast check.
    """
    file_lines = file_lines or []
    report = FidelityReport(script_path, source_path, len(script.lines), 0,
                            len([s for s in script.speakers if s != NARRATOR]))

    def at(i: int) -> int | None:
        return file_lines[i] if i < len(file_lines) else None

    if source_text is not None:
        src_line = _Lines(source_text)
        if script.source_sha256 and script.source_sha256 != text_sha256(source_text):
            report.problems.append(Problem(
                "source", "the source text changed since this script was extracted (its hash "
                "differs); the differences below show where"))
        source_words = [(m.group().casefold(), m.start()) for m in WORD.finditer(source_text)]
        report.words = len(source_words)
        _check_words(script, source_words, src_line, at, report)
        _check_spans(script, source_text, src_line, at, report)
    if casting is not None:
        seen = set()
        for i, line in enumerate(script.lines):
            if line.speaker in seen or line.speaker == NARRATOR:
                continue
            seen.add(line.speaker)
            if casting.entry_for(line.speaker) is None:
                report.problems.append(Problem(
                    "cast", f"speaker {line.speaker!r} has no voice in {casting.path}; "
                    "run `drama cast` or fix the name", i + 1, at(i)))
    return report


def _check_words(script, source_words, src_line, at, report) -> None:
    script_words = [(m.group().casefold(), i) for i, line in enumerate(script.lines)
                    for m in WORD.finditer(line.text)]
    a = [w for w, _ in source_words]
    b = [w for w, _ in script_words]
    if a == b:
        return
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        lost, extra = a[a0:a1], b[b0:b1]
        if op == "delete":
            # lost words: name the script line they would belong after
            after = script_words[b0 - 1][1] if b0 else None
            where = f" (after line {after + 1})" if after is not None else " (before line 1)"
            report.problems.append(Problem(
                "words", f"{_quote(lost)} is in the source but in no script line{where}",
                source_line=src_line(source_words[a0][1])))
        else:
            i = script_words[b0][1]
            src = f"source line {src_line(source_words[a0][1])}" if a0 < len(source_words) \
                else "the end of the source"
            message = (f"{_quote(extra)} is not in the source (near {src})" if op == "insert"
                       else f"{_quote(extra)} where the source has {_quote(lost)} ({src})")
            report.problems.append(Problem("words", message, i + 1, at(i)))


def _check_spans(script, source_text, src_line, at, report) -> None:
    prev_end, prev_i = 0, None
    for i, line in enumerate(script.lines):
        if line.start < 0 or line.end < 0:
            continue  # a hand-made line without a span: the word check covers it
        if line.end > len(source_text):
            report.problems.append(Problem(
                "span", f"span {line.start}..{line.end} runs past the end of the source "
                f"({len(source_text)} characters)", i + 1, at(i)))
            continue
        if line.start < prev_end:
            report.problems.append(Problem(
                "order", f"span {line.start}..{line.end} overlaps or precedes line "
                f"{prev_i + 1}'s (ends at {prev_end}); a split line needs its own start and end",
                i + 1, at(i)))
        span_words = [m.group().casefold() for m in WORD.finditer(source_text, line.start, line.end)]
        text_words = [m.group().casefold() for m in WORD.finditer(line.text)]
        if span_words != text_words:
            report.problems.append(Problem(
                "span", f"text does not match its span {line.start}..{line.end} (source line "
                f"{src_line(line.start)}): the span has {_quote(span_words, 8)}, the text "
                f"{_quote(text_words, 8)}", i + 1, at(i)))
        prev_end, prev_i = max(prev_end, line.end), i
