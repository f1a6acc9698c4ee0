"""A rewritten script keeps what the person wrote around its data: comments, a BOM, line ends.

Every command that edits a script (`drama speakers merge/rename/move`, the studio's line
edits) writes it again from its data (`dump_script`), which knows nothing of the person's
comments (`# reviewed by Ann` on a line of its own, `- speaker: Mary   # check` at a line's
end), a byte order mark or CRLF line ends. `keep_person_text` carries them from the text as
it was into the new dump: lines equal but for their comment are kept as they were, a comment
on a line of its own goes back before the line it preceded, a comment at a line's end stays
on the line that replaced its line one for one. A comment that has no such place is named in
a note, never dropped unsaid. A file whose lines end in more than one way (CRLF and LF) comes
back with its first line's end on every line, said in the note too.

A script drama writes again from a person's file (a re-extraction's proposal beside it, an
edited script carried to a renumbered episode) keeps them the same way (`kept_in_new_file`).

A comment is found by YAML's own tokens (a `#` after the last token on its line), never by a
bare `#`: a line's text may hold one.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["keep_person_text", "kept_in_new_file"]

BOM = "\ufeff"
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as PyYAML counts them


@dataclass
class _Line:
    text: str
    """The line as written, comment and all (no line break)."""
    plain: str
    """Without its comment at the end (and the spaces before it)."""
    comment: str = ""
    """Its comment at the end, with the spaces before it ("" for none)."""
    before: list[str] = field(default_factory=list)
    """The comment lines on their own just above it."""


def keep_person_text(before: str, after: str, path: str) -> tuple[str, str | None]:
    """`after` (a script's new dump) with `before`'s comments, BOM and line ends carried
    over, and a note naming the file when some comment had no place in it (else None)."""
    bom = BOM if before.startswith(BOM) else ""
    old = before[len(bom):]
    newline = m.group() if (m := _BREAK.search(old)) and m.group() in ("\r\n", "\r") else "\n"
    lines, tail = _commented_lines(old) if "#" in old else (None, [])
    lost = 0
    if lines is not None and (tail or any(x.comment or x.before for x in lines)):
        out, lost = _merge(lines, tail, after.split("\n"))
        if _same_data("\n".join(out), after):
            after = "\n".join(out)
        else:  # a comment put where it changes the data (inside a long text): none kept
            lost = sum(bool(x.comment) + len(x.before) for x in lines) + len(tail)
    text = bom + after.replace("\n", newline) if newline != "\n" else bom + after
    said = []
    if lost:
        said.append(f"{lost} comment{'s' if lost != 1 else ''} could not be kept "
                    "(on lines this edit rewrote)")
    if _mixed_ends(old):
        said.append(f"its lines ended in more than one way: all now end as its first "
                    f"({_END_NAMES[newline]})")
    return text, f"{path}: {'; '.join(said)}" if said else None


_END_NAMES = {"\r\n": "CRLF", "\r": "CR", "\n": "LF"}


def _mixed_ends(text: str) -> bool:
    """Whether the text's lines end in more than one of CRLF, CR and LF."""
    crlf = text.count("\r\n")
    return sum(n > 0 for n in (crlf, text.count("\r") - crlf, text.count("\n") - crlf)) > 1


def kept_in_new_file(source: Path, after: str, path: str) -> tuple[str, str | None]:
    """keep_person_text of the file at `source` (the person's script, read as stored) into
    `after`, a dump drama writes to another file (`path`, named in the note); `after`
    itself when `source` cannot be read as UTF-8."""
    try:
        before = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return after, None
    return keep_person_text(before, after, path)


def _commented_lines(text: str) -> tuple[list[_Line] | None, list[str]]:
    """The text's lines with their comments told apart (None when it is not YAML), and the
    comment lines after the last line."""
    import yaml
    raw = _BREAK.split(text)
    covered = [0] * len(raw)  # per line: the column where its last token ends
    inside = [False] * len(raw)  # a line within a token that spans lines (a long text)
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            start, end = token.start_mark, token.end_mark
            for n in range(start.line, min(end.line, len(raw))):
                inside[n] = True
            if end.line < len(raw):
                covered[end.line] = max(covered[end.line], end.column)
    except yaml.YAMLError:
        return None, []
    lines: list[_Line] = []
    pending: list[str] = []
    for n, line in enumerate(raw):
        at = -1 if inside[n] else _comment_at(line, covered[n])
        if at >= 0 and not line[:at].strip():
            pending.append(line)  # a comment on a line of its own
            continue
        plain = line[:at].rstrip() if at >= 0 else line
        lines.append(_Line(line, plain, line[len(plain):] if at >= 0 else "", pending))
        pending = []
    return lines, pending


def _same_data(text: str, dump: str) -> bool:
    """Whether the text reads as the same data as the dump (comments only added)."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader) == yaml.load(dump, Loader=loader)
    except yaml.YAMLError:
        return False


def _comment_at(line: str, after: int) -> int:
    """Where a comment starts on the line (a `#` at column `after` or later, first on the
    line or after a space), -1 for none."""
    for m in re.finditer("#", line):
        if m.start() >= after and (m.start() == 0 or line[m.start() - 1] in " \t"):
            return m.start()
    return -1


def _merge(old: list[_Line], tail: list[str], new: list[str]) -> tuple[list[str], int]:
    """The new lines with the old lines' comments; how many comments found no place."""
    out: list[str] = []
    lost = 0
    waiting: list[str] = []  # comment lines whose line went: before the next line out
    matcher = difflib.SequenceMatcher(None, [x.plain for x in old], new)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += waiting
            waiting = []
            for x in old[i1:i2]:
                out += x.before
                out.append(x.text)
            continue
        for x in old[i1:i2]:
            waiting += x.before
        if j2 > j1:
            out += waiting
            waiting = []
        lines, missed = _with_comments(old[i1:i2], new[j1:j2])
        out += lines
        lost += missed
    return _before_last_break(out, waiting + tail), lost


def _with_comments(old: list[_Line], new: list[str]) -> tuple[list[str], int]:
    """New lines that replaced old ones, each with the comment at the end of the old line it
    replaced: the line in the same place when as many came as went, else the next one with
    the same key (`- speaker:`), in order; how many comments found no such line."""
    if len(old) == len(new):
        return [line + x.comment for x, line in zip(old, new)], 0
    out, lost, j = list(new), 0, 0
    for x in (x for x in old if x.comment):
        key = _key(x.plain)
        k = next((k for k in range(j, len(new)) if key and _key(new[k]) == key), None)
        if k is None:
            lost += 1
            continue
        out[k] += x.comment
        j = k + 1
    return out, lost


def _key(line: str) -> str | None:
    """A line's key with its indent and list dash (`- speaker:`), None for none."""
    m = re.match(r"\s*(?:- )?[\w ]+:(?=\s|$)", line)
    return m.group() if m else None


def _before_last_break(out: list[str], comments: list[str]) -> list[str]:
    """Comment lines left at the end go after the last line (the dump ends in a break)."""
    if not comments:
        return out
    if out and out[-1] == "":
        return out[:-1] + comments + [""]
    return out + comments
