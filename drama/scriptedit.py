"""Edits of single lines of a script: give a line to a speaker or to the narrator, accept its
speaker as checked, split it at a word.

The studio's script view makes these; each is planned like `drama speakers` edits (the file's
text as read and as it will be, drama/edits.py) and written by apply_plan, atomically, never
over a file changed since it was read. A line is named by its position in the script's list
of lines and, to be sure it is still the line the person saw, by its text.

A line a person decided is marked so: its cue becomes ``edited`` and its confidence goes, so
`drama review` (and the studio's review queue) counts it as checked.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Callable

from .edits import EditPlan, FileChange, read_for_edit
from .errors import DramaError, SpeakerError
from .extract.gender import label_evidence
from .fidelity import find_source, text_as_indexed
from .model import (DIALOGUE, NARRATION, NARRATOR, CharacterEntry, Line, Script,
                    name_key, typed_speaker_name)
from .scriptfile import SCRIPT_ENDINGS, SCRIPT_SUFFIXES, dump_script, parse_script
from .scriptkeep import keep_person_text
from .source import read_source_text
from .wordchars import WORD
from .wording import counted, possessive

__all__ = ["EDITED_CUE", "plan_line_edit", "plan_line_speaker", "plan_line_narrator",
           "plan_line_accept", "plan_line_split"]

Current = tuple[str, Script] | None
"""A script file's text and the script parsed from it, as a caller already holds them."""

EDITED_CUE = "edited"
"""The cue of a line whose speaker a person set."""


def plan_line_speaker(path: str, index: int, speaker: str, expect: str | None = None,
                      current: Current = None) -> EditPlan:
    """The plan of giving line `index` (0-based) to speaker, a known one or a new name."""
    before, script = _read(path, current)
    line = _line(script, index, expect, path)
    name = _speaker_name(script, speaker)
    if name is None:
        return plan_line_narrator(path, index, expect, current)
    if line.kind == DIALOGUE and line.speaker == name and line.cue == EDITED_CUE:
        return EditPlan()
    old = line.speaker
    line.speaker, line.kind = name, DIALOGUE
    line.cue, line.confidence = EDITED_CUE, None
    summary = [f"line {index + 1}: {old} -> {name}"]
    summary += _ensure_entry(script, name)
    return _plan(path, before, script, summary)


def plan_line_narrator(path: str, index: int, expect: str | None = None,
                       current: Current = None) -> EditPlan:
    """The plan of making line `index` narration: no one's speech."""
    before, script = _read(path, current)
    line = _line(script, index, expect, path)
    if line.kind == NARRATION:
        return EditPlan()
    old = line.speaker
    line.speaker, line.kind, line.cue, line.confidence = NARRATOR, NARRATION, None, None
    return _plan(path, before, script, [f"line {index + 1}: {old} -> narration"])


def plan_line_accept(path: str, index: int, expect: str | None = None,
                     current: Current = None) -> EditPlan:
    """The plan of marking line `index`'s speaker as checked by a person (it leaves the
    review queue); its cue stays, to say which rule chose it."""
    before, script = _read(path, current)
    line = _line(script, index, expect, path)
    if line.kind != DIALOGUE or line.confidence is None:
        return EditPlan()
    line.confidence = None
    return _plan(path, before, script, [f"line {index + 1}: {line.speaker} accepted"])


def plan_line_split(path: str, index: int, word: int, expect: str | None = None,
                    then: str | None = None, current: Current = None) -> EditPlan:
    """The plan of cutting line `index` before its word number `word` (0-based, at least 1).

    The part after the cut is `then`'s: a speaker, Narrator, or (None) the line's own
    speaker. Spans follow the source text, which must be there unchanged, so every word of
    it stays in exactly one line.
    """
    before, script = _read(path, current)
    line = _line(script, index, expect, path)
    words = list(WORD.finditer(line.text))
    if not 1 <= word < len(words):
        raise SpeakerError(f"line {index + 1} has {counted(len(words), 'word')}: a cut goes before "
                           f"word 2 to {len(words)}, not {word + 1}", path=path)
    first_end, cut_source = _source_cut(script, path, line, word)
    first, second = _split_line(line, words[word].start(), first_end, cut_source)
    if then is not None:
        name = _speaker_name(script, then)
        if name is None:
            second.speaker, second.kind, second.cue, second.confidence = \
                NARRATOR, NARRATION, None, None
        else:
            second.speaker, second.kind = name, DIALOGUE
            second.cue, second.confidence = EDITED_CUE, None
    script.lines[index:index + 1] = [first, second]
    who = "narration" if second.kind == NARRATION else second.speaker
    rest = "narration" if who == "narration" else possessive(who)
    summary = [f"line {index + 1} split before {words[word].group()!r}; the rest is {rest}"]
    if second.kind == DIALOGUE:
        summary += _ensure_entry(script, second.speaker)
    return _plan(path, before, script, summary)


LineEdit = Callable[[str, int, "str | None", Current], EditPlan]
"""One of the line edits above with its own arguments bound: (path, index, expect, current)
-> its plan. Example: lambda p, i, e, c: plan_line_speaker(p, i, "Ann", e, c)."""


def plan_line_edit(edit: LineEdit, path: str, index: int, expect: str | None = None,
                   current: Current = None) -> EditPlan:
    """The plan of edit on line `index` of the script at path, and of the same edit on the
    same line of the proposal waiting beside it (`ep.script.new.yaml`, found as the speakers
    edits find it: drama.speakers.with_proposals), so moving the proposal over the script,
    as build asks, keeps it. The same line is the one with the script's line's text, speaker
    and kind and a line beside it the same (_same_line: the third "Yes." of Ann's for the
    third); a proposal with no such line, or more than one, or that cannot take the edit, is
    left as it is, and a note says so. Example: line 4 of ep.script.yaml, "Rope!" the
    boatman's, given to Pell: the proposal's "Rope!" of the boatman's is Pell's too."""
    from .speakers import keep_proposal_untouched, with_proposals
    held = current if current is not None else _read(path, None)
    plan = edit(path, index, expect, held)
    for proposal, _ in with_proposals([path])[1:]:
        if not plan.changes:
            break
        beside = _proposal_plan(edit, proposal, held[1], index)
        plan.changes += beside.changes
        plan.notes += beside.notes
        plan.scripts.update(beside.scripts)
        if beside.changes:
            keep_proposal_untouched(plan, proposal, beside.scripts[beside.changes[0].path],
                                    plan.scripts[str(Path(path))])
    return plan


def _proposal_plan(edit: LineEdit, proposal: str, script: Script, index: int) -> EditPlan:
    """edit made on the proposal's line that is the script's line `index` (plan_line_edit);
    an empty plan with a note when it has none, or the edit cannot be made there."""
    try:
        text, proposed = _read(proposal, None)
    except DramaError as exc:  # with its line: where a person puts the proposal right
        where = f"{proposal}:{exc.line}" if exc.line and exc.path == proposal else proposal
        return EditPlan(notes=[f"{where}: {PROPOSAL_NOT_EDITED}: {exc.message}"])
    at = _same_line(script, index, proposed)
    if at is None:
        return EditPlan(notes=[f"{proposal}: {PROPOSAL_NOT_EDITED}: it has no line "
                               f"{index + 1}'s words said as the script said them (edit it "
                               "there, or run the edit again after moving it over the script)"])
    try:
        return edit(proposal, at, proposed.lines[at].text, (text, proposed))
    except SpeakerError as exc:
        return EditPlan(notes=[f"{proposal}: {PROPOSAL_NOT_EDITED}: {exc.message}"])


PROPOSAL_NOT_EDITED = "the proposal waiting beside the script is not edited with it"
"""What a line edit's note says of a proposal it leaves as it is (_proposal_plan)."""


def _same_line(script: Script, index: int, other: Script) -> int | None:
    """The index in other of script's line `index`: a line with its text, speaker and kind
    and a line beside it (before or after) the same in both (_beside_agrees), the nth of
    them in both when they are as many, else the one such line; None when there is none,
    or more than one (the edit would land on a line the script does not have).
    Example: script's lines 2 and 9 are Ann's "Yes.", other's 3 and 11, each after the line
    before it in the script: line 9 is 11. Had other lost the first and said a new one after
    a new line (its 3 after the script's line 8, its 20 after "And the dog?"), 9 is 3."""
    def same(line: Line) -> bool:
        return (line.text, line.speaker, line.kind) == (held.text, held.speaker, held.kind)
    held = script.lines[index]
    mine = [i for i, line in enumerate(script.lines) if same(line)]
    theirs = [j for j, line in enumerate(other.lines) if same(line)]
    beside = [j for j in theirs if _beside_agrees(script, index, other, j)]
    nth = theirs[mine.index(index)] if len(mine) == len(theirs) else None
    if nth in beside:
        return nth
    return beside[0] if len(beside) == 1 else None


def _beside_agrees(script: Script, index: int, other: Script, at: int) -> bool:
    """Whether the line before or the line after script's line `index` has the text of the
    one beside other's line `at` there (both the first, or both the last, agree too)."""
    def text_at(lines: list[Line], k: int) -> str | None:
        return lines[k].text if 0 <= k < len(lines) else None
    return any(text_at(script.lines, index + step) == text_at(other.lines, at + step)
               for step in (-1, 1))


# ------------------------------------------------------------------ helpers

def _read(path: str, current: Current) -> tuple[str, Script]:
    """The script file's text as read and the script parsed from that same text (a copy of
    current's, when the caller has them: apply_plan still checks the file is that text)."""
    if not str(path).lower().endswith(SCRIPT_SUFFIXES):
        raise SpeakerError(f"not a script file ({SCRIPT_ENDINGS})", path=path)
    if current is not None:
        return current[0], copy.deepcopy(current[1])
    text = read_for_edit(path)
    return text, parse_script(text.replace("\r\n", "\n").lstrip("\ufeff"), str(path))


def _line(script: Script, index: int, expect: str | None, path: str) -> Line:
    if not 0 <= index < len(script.lines):
        raise SpeakerError(f"no line {index + 1}: the script has {len(script.lines)}",
                           path=path)
    line = script.lines[index]
    if expect is not None and line.text != expect:
        raise SpeakerError(f"line {index + 1} is not the line you edited (the file changed); "
                           "reload it", path=path)
    return line


def _speaker_name(script: Script, name: str) -> str | None:
    """A speaker as the script writes them (a characters alias gives the entry's name);
    None for the narrator."""
    name = typed_speaker_name(str(name))
    folded = name_key(name)
    if folded == name_key(NARRATOR):
        return None
    for c in script.characters or ():
        if folded == name_key(c.name) or folded in (name_key(a) for a in c.aliases):
            return c.name
    for line in script.lines:
        if line.kind == DIALOGUE and name_key(line.speaker) == folded:
            return line.speaker
    return name


def _ensure_entry(script: Script, name: str) -> list[str]:
    """A characters entry for a speaker new to the script (judged by the name alone)."""
    if script.characters is None or script.character(name) is not None:
        return []
    evidence = label_evidence(name)
    script.characters.append(CharacterEntry(name, [], evidence.decide() or "unknown",
                                            evidence.to_dict()))
    return [f"characters: {name} added"]


def _source_cut(script: Script, path: str, line: Line, word: int) -> tuple[int, int]:
    """Where in the source the first part ends and the second (the line's word number
    `word`) starts."""
    found = find_source(script, path)
    if found is None:
        raise SpeakerError("cannot split: the source text this script indexes into is not "
                           "there, so the parts' start and end cannot be set", path=path)
    source = text_as_indexed(script, read_source_text(found))
    if source is None:
        raise SpeakerError(f"cannot split: the source text {found} changed since extraction",
                           path=path)
    in_source = list(WORD.finditer(source, line.start, line.end)) if 0 <= line.start else []
    in_text = [m.group().casefold() for m in WORD.finditer(line.text)]
    if [m.group().casefold() for m in in_source] != in_text:
        raise SpeakerError("cannot split: this line's words are not its span's words in the "
                           "source (edited by hand?); split it in the file", path=path)
    cut = in_source[word].start()
    end = cut
    while end > line.start and source[end - 1].isspace():
        end -= 1
    return end, cut


def _split_line(line: Line, cut_text: int, first_end: int, cut_source: int
                ) -> tuple[Line, Line]:
    first_text = line.text[:cut_text].rstrip()
    first = replace(line, text=first_text, end=first_end)  # level and all: a heading's
    second = replace(line, text=line.text[cut_text:], start=cut_source)  # parts stay one
    return first, second


def _plan(path: str, before: str, script: Script, summary: list[str]) -> EditPlan:
    fmt = "json" if str(path).lower().endswith(".json") else "yaml"
    after, note = keep_person_text(before, dump_script(script, fmt), str(Path(path)))
    plan = EditPlan(notes=[note] if note else [])
    if after != before:
        plan.changes.append(FileChange(str(Path(path)), before, after, summary))
        plan.scripts[str(Path(path))] = script
    return plan
