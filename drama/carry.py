"""The stage that carries a person's edits into a re-extraction: when a text changed under
a script a person edited, the fresh extraction takes their speakers and splits wherever the
words are unchanged (carry_edits), and says which edits it could not carry. saving writes
the result beside the edited script for review."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Script
from .wording import counted


@dataclass
class CarriedEdits:
    """A re-extraction with a person's edits carried over (carry_edits)."""

    script: Script
    changed: int
    """How many fresh lines changed."""
    conflicts: list[str] = field(default_factory=list)
    """One note per edit not carried over whole: a speaker kept on a line whose words the
    person changed too (the new text's words are taken), or a choice of theirs (speaker,
    skip, narration) no line could take."""

    def note(self) -> str:
        """What was carried, for the message that offers the proposal."""
        made = f"with {counted(self.changed, 'edit')} of yours carried over"
        if self.conflicts:
            made += (f" (check {'these' if len(self.conflicts) > 1 else 'this'}: "
                     f"{'; '.join(self.conflicts)})")
        return made


def carry_edits(edited: Script, fresh: Script, text: str,
                extracted: Script | None = None) -> CarriedEdits:
    """fresh with the speakers and splits of edited wherever the words are unchanged.

    Lines are matched through their words: a fresh line whose words are exactly those of one
    edited line takes its speaker, kind, cue and text (which may differ in punctuation); one
    whose words are exactly those of several consecutive edited lines (a person split it) is
    split the same way, at the same words, with spans into the new text. A fresh line that
    is one edited line with some words changed (the person edited its words, or the source
    did: which, two scripts cannot tell) takes its speaker and kind but keeps the new text,
    and a conflict says so; a person's speaker no fresh line takes is a conflict too, so no
    edit is dropped unsaid. `extracted`, the edited script as drama wrote it (its hidden
    copy), tells the person's lines from drama's (_drama_lines): a fresh line takes nothing
    from one of drama's, and one no fresh line takes (a licence's skipped lines gone to the
    next chapter) is no conflict. Without it every line counts as the person's.
    """
    from .model import Line

    words = _WordAlignment(edited, fresh, text)
    lines: list[Line] = []
    changed = 0
    conflicts: list[str] = []
    placed, drama = set(), _drama_lines(edited, extracted)
    for j, line in enumerate(fresh.lines):
        groups = words.edited_lines_of(j)
        placed.update(groups)
        if set(groups) <= drama:  # none, or drama's own: the fresh line, unless a line
            groups = []           # of the person's was reworded into it
        if not groups:
            i = words.reworded_line_of(j)
            src = edited.lines[i] if i is not None and i not in drama else None
            if src is not None and (src.speaker, src.kind) != (line.speaker, line.kind):
                placed.add(i)
                changed += 1
                conflicts.append(f"script line {len(lines) + 1} keeps {_choice_of(src)}, "
                                 f"not your words {src.text!r}: it has the new text's "
                                 f"{line.text!r}")
                line = Line(src.speaker, src.kind, line.text, line.start, line.end,
                            src.cue, src.confidence)
            lines.append(line)
        elif len(groups) == 1:
            src = edited.lines[groups[0]]
            if (src.speaker, src.kind, src.text) != (line.speaker, line.kind, line.text):
                changed += 1
                line = Line(src.speaker, src.kind, src.text, line.start, line.end,
                            src.cue, src.confidence)
            lines.append(line)
        else:
            changed += 1
            lines.extend(words.split_like(j, line, groups))
    conflicts += _speakers_not_carried(edited, fresh, words, placed | drama)
    merged = Script(title=edited.title, source=fresh.source, lines=lines,
                    source_sha256=fresh.source_sha256,
                    characters=_carry_characters(edited, fresh, lines))
    return CarriedEdits(merged, changed, conflicts)


def _drama_lines(edited: Script, extracted: Script | None) -> set[int]:
    """The lines of edited that are drama's, not the person's: each one of extracted (the
    script as drama wrote it) left as it was, the same speaker, kind and words in the same
    order, and its speaker's characters entry too (a gender or alias the person gave Tam
    makes Tam's lines theirs: a fresh label for them would drop the entry unsaid).
    Example: a person renamed Hal Pike to Hal in a script of four lines; the three others,
    a narration and two skipped lines, are drama's."""
    if extracted is None:
        return set()
    import difflib

    def choices(script: Script) -> list[tuple[str, str, str]]:
        return [(ln.speaker, ln.kind, ln.text) for ln in script.lines]

    def entries(script: Script) -> dict[str, tuple]:
        return {c.name: (c.gender, c.aliases) for c in script.characters or ()}
    theirs, drama_wrote = entries(edited), entries(extracted)
    matcher = difflib.SequenceMatcher(None, choices(edited), choices(extracted),
                                      autojunk=False)
    return {block.a + k for block in matcher.get_matching_blocks()
            for k in range(block.size)
            if theirs.get(s := edited.lines[block.a + k].speaker) == drama_wrote.get(s)}


def _speakers_not_carried(edited: Script, fresh: Script, words: "_WordAlignment",
                          placed: set[int]) -> list[str]:
    """A conflict for each edited line not `placed` (taken by a fresh line, or drama's)
    whose choice (_choice_of) the fresh lines its words went to do not make: a dialogue
    line's speaker none of them has, a skipped line none of them skips, a narration line
    all of whose words are now speech. The person's choice would be lost."""
    from .model import DIALOGUE, NARRATION
    lost = []
    for i, line in enumerate(edited.lines):
        if i in placed:
            continue
        took = [fresh.lines[j] for j in words.fresh_lines_of(i)]
        if line.kind == DIALOGUE:
            kept = line.speaker in {t.speaker for t in took}
        elif line.kind == NARRATION:
            kept = not took or any(t.kind == NARRATION for t in took)
        else:
            kept = any(t.kind == line.kind for t in took)
        if not kept:
            lost.append(f"{_choice_of(line)} of {line.text!r} is on no line of the new "
                        "text: give it again")
    return lost


def _choice_of(line) -> str:
    """What a person chose for a line, as a conflict names it: `your speaker Anna`, `your
    kind: skipped`, `your narration`."""
    from .model import DIALOGUE, NARRATION
    if line.kind == DIALOGUE:
        return f"your speaker {line.speaker}"
    if line.kind == NARRATION:
        return "your narration"
    return f"your kind: {line.kind}"


class _WordAlignment:
    """The words of an edited script's lines matched to those of a fresh extraction's."""

    def __init__(self, edited: Script, fresh: Script, text: str):
        import difflib

        from .wordchars import WORD
        self.edited, self.text = edited, text
        self.old = [(m.group().casefold(), i) for i, ln in enumerate(edited.lines)
                    for m in WORD.finditer(ln.text)]
        self.new_lines = [[m for m in WORD.finditer(text, ln.start, ln.end)]
                          for ln in fresh.lines]
        new = [m.group().casefold() for ms in self.new_lines for m in ms]
        self.old_of_new: dict[int, int] = {}
        matcher = difflib.SequenceMatcher(None, [w for w, _ in self.old], new, autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self.old_of_new[block.b + k] = block.a + k
        self.old_count: dict[int, int] = {}
        for _, i in self.old:
            self.old_count[i] = self.old_count.get(i, 0) + 1
        self.first_word = [0]              # fresh line j's words start at first_word[j]
        for ms in self.new_lines:
            self.first_word.append(self.first_word[-1] + len(ms))
        self._fresh_of_old: dict[int, set[int]] | None = None  # see fresh_lines_of

    def edited_lines_of(self, j: int) -> list[int]:
        """The edited lines whose words are exactly fresh line j's, in a row and whole;
        [] when its words differ."""
        positions = range(self.first_word[j], self.first_word[j + 1])
        olds = [self.old_of_new.get(p) for p in positions]
        if not positions or None in olds or olds != list(range(olds[0], olds[0] + len(olds))):
            return []
        owners = [self.old[o][1] for o in olds]
        if any(owners.count(i) != self.old_count[i] for i in set(owners)):
            return []
        return sorted(set(owners))

    def reworded_line_of(self, j: int) -> int | None:
        """The one edited line fresh line j is with some words changed: every word of j
        that matches one belongs to it, every matched word of it is in j, and at least half
        of each line's words match; else None."""
        positions = range(self.first_word[j], self.first_word[j + 1])
        olds = [o for o in map(self.old_of_new.get, positions) if o is not None]
        owners = {self.old[o][1] for o in olds}
        if len(owners) != 1:
            return None
        i = owners.pop()
        if set(self.fresh_lines_of(i)) != {j}:
            return None
        if 2 * len(olds) < max(len(positions), self.old_count[i]):
            return None
        return i

    def fresh_lines_of(self, i: int) -> list[int]:
        """The fresh lines that hold the words of edited line i that match, in order."""
        if self._fresh_of_old is None:
            import bisect
            self._fresh_of_old = {}
            for new, old in self.old_of_new.items():
                self._fresh_of_old.setdefault(self.old[old][1], set()).add(
                    bisect.bisect_right(self.first_word, new) - 1)
        return sorted(self._fresh_of_old.get(i, ()))

    def split_like(self, j: int, line, groups: list[int]) -> list:
        """Fresh line j cut where each edited piece's first word now is."""
        from .model import Line
        cuts = [line.start]
        k = 0
        for n in range(1, len(groups)):
            k += self.old_count[groups[n - 1]]
            cuts.append(self.new_lines[j][k].start())
        cuts.append(line.end)
        pieces = []
        for n, i in enumerate(groups):
            piece = self.edited.lines[i]
            a, b = cuts[n], cuts[n + 1]
            while b > a and self.text[b - 1].isspace():
                b -= 1
            pieces.append(Line(piece.speaker, piece.kind, piece.text, a, b, piece.cue,
                               piece.confidence))
        return pieces


def _carry_characters(edited: Script, fresh: Script, lines) -> list | None:
    """The characters section of a merged script: the person's entry where the edited script
    had one (their gender and aliases), else the fresh one, for every speaker still there."""
    if fresh.characters is None:
        return None
    from .model import DIALOGUE, NARRATOR
    mine = {c.name.casefold(): c for c in edited.characters or ()}
    new = {c.name.casefold(): c for c in fresh.characters}
    speakers = dict.fromkeys(ln.speaker.casefold() for ln in lines
                             if ln.kind == DIALOGUE and ln.speaker != NARRATOR)
    return [mine.get(s) or new[s] for s in speakers if s in mine or s in new]
