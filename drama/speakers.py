"""Fix the cast by hand, in bulk: merge, rename or move speakers across scripts and voices.yaml.

- merge KEEP OTHER...: the others are the same person as KEEP. Their lines become KEEP's, their
  names become KEEP's aliases (in each script's characters section and in voices.yaml, where
  an OTHER's own entry is kept as comment lines for the person to read).
- rename OLD NEW: the same person under a better name. voices.yaml's entry is renamed and
  keeps OLD as an alias, so scripts not named here still find the voice.
- move OLD NEW (or to the narrator): OLD's lines were someone else's, or no one's speech at
  all ("Song", "I--well"). voices.yaml is not changed: OLD is not NEW.

An edit is planned first, every file's new text and a summary of it, then written file by
file through a temporary file; a dry run shows the plan and writes nothing. Scripts are
written again from their data, as every edit of a script is, keeping the person's comments,
BOM and line ends (drama.scriptkeep); voices.yaml is edited as text, so every other byte the
person wrote stays as it was. A proposal waiting beside a script named (`ep.script.new.yaml`)
is edited with it (with_proposals), for the command line and the studio alike.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .casting.load import casting_from_text, read_casting_text
from .casting.model import Casting
from .casting.textedit import add_aliases, comment_out_entry, rename_entry, swap_alias
from .edits import EditPlan, FileChange, apply_plan
from .errors import CastingError, DramaError, SpeakerError
from .files import read_regular
from .extract.gender import Evidence, label_evidence
from .model import (DIALOGUE, NARRATION, NARRATOR, CharacterEntry, Script,
                    name_key, typed_speaker_name)
from .saving import baseline_path, file_bytes, proposal_path
from .scriptfile import SCRIPT_ENDINGS, SCRIPT_SUFFIXES, dump_script, load_script
from .scriptkeep import keep_person_text
from .wording import (close_names, counted, did_you_mean, names_listed, pasteable,
                      pasteable_names, plural, possessive)

__all__ = ["FileChange", "SpeakerPlan", "plan_merge", "plan_rename", "plan_move",
           "apply_plan", "with_proposals", "keep_proposal_untouched"]


SpeakerPlan = EditPlan
"""The plan of a speaker edit (see drama.edits)."""


@dataclass
class _Files:
    scripts: list[tuple[str, str, Script]]
    """(path, text as read, script) of every script named."""
    casting_path: str | None
    casting_text: str | None
    casting: Casting | None
    beside: dict | None = None
    """proposal path -> the script it waits beside, for each proposal read (with_proposals)."""

    def known(self) -> dict[str, str]:
        """Every speaker name the scripts and voices.yaml know, folded -> as written."""
        names: dict[str, str] = {}
        for _, _, script in self.scripts:
            for line in script.lines:
                if line.kind == DIALOGUE:
                    names.setdefault(name_key(line.speaker), line.speaker)
        if self.casting is not None:
            for name, entry in self.casting.speakers.items():
                for n in [name, *entry.aliases]:
                    names.setdefault(name_key(n), n)
        return names


# ------------------------------------------------------------------ the three edits

def plan_merge(keep: str, others: list[str], scripts: list, casting: str | None) -> SpeakerPlan:
    """The plan of merging others into keep (the same person under other names)."""
    files = _read(scripts, casting)
    known = files.known().get(name_key(keep.strip()))  # as written, invisible marks and all
    keep = _not_narrator(_resolve(_person(known or typed_speaker_name(keep), files), files,
                                  "merged"), "merged")
    others = [_not_narrator(_resolve(o, files, "merged"), "merged") for o in others]
    if any(name_key(o) == name_key(keep) for o in others):
        raise SpeakerError(f"cannot merge {keep!r} into itself")
    plan = SpeakerPlan()
    for path, text, script in files.scripts:
        summary = []
        for other in others:
            n = _relabel(script, other, keep)
            if n:
                summary.append(f"{counted(n, 'line')} {other} -> {keep}")
            summary += _merge_entries(script, keep, other)
        _change(plan, path, text, dump_script(script, _fmt(path)), summary)
    if files.casting_text is not None:
        after, summary = files.casting_text, []
        for other in others:
            after, lines = _merge_casting(after, files, keep, other)
            summary += lines
            plan.notes += _unused_settings(files, keep, other)
        _casting_change(plan, files, after, summary)
    elif plan.changes:
        plan.notes.append(_no_casting_file(files, keep, others))
    _keep_proposals_untouched(plan, files)
    return plan


SOUND_FIELDS = ("engine", "voice", "rate", "pitch", "volume")
"""An entry's settings `drama speakers voice` sets, in its options' order."""


def _unused_settings(files: _Files, keep: str, other: str) -> list[str]:
    """A note when a merge comments out an entry that sounds unlike keep's: its settings
    (perhaps chosen by hand, `Harriet: {voice: ...+f4, rate: 160}`) speak no one now, and
    the `drama speakers voice` that gives them to keep. newcomer54: the merge said only
    "Harriet's entry commented out", and the hand-set voice went out of use unsaid. Kept
    as an alias of another entry, keep is named by that entry, which the command changes
    (review54: it named the alias alone, and the entry's own speaker changed unsaid)."""
    cast = files.casting
    by_keep, by_other = cast.cast_name(keep), cast.cast_name(other)
    if by_keep is None or by_other is None or by_keep == by_other or \
            name_key(by_other) != name_key(other):
        return []
    mine, theirs = cast.speakers[by_keep], cast.speakers[by_other]
    differ = [f for f in SOUND_FIELDS if getattr(theirs, f) != getattr(mine, f)
              and getattr(theirs, f) is not None]
    if not differ:
        return []
    options = " ".join(f"--{f} {pasteable_names(str(getattr(theirs, f)))}" for f in differ)
    at = "" if files.casting_path in (None, "voices.yaml") else \
        f" -c {pasteable(files.casting_path)}"
    whom = keep if name_key(by_keep) == name_key(keep) else \
        f"{possessive(by_keep)} entry, which voices {keep} too"   # an alias: both change
    return [f"{files.casting_path or 'voices.yaml'}: {possessive(by_other)} own settings "
            f"({', '.join(f'{f} {getattr(theirs, f)}' for f in differ)}) speak no one now, "
            f"kept in its comment; to give them to {whom}: `drama speakers voice "
            f"{pasteable_names(by_keep)} {options}{at}`"]


def plan_rename(old: str, new: str, scripts: list, casting: str | None) -> SpeakerPlan:
    """The plan of renaming old to new (the same person, a better name)."""
    files = _read(scripts, casting)
    old = _not_narrator(_resolve(old, files, "renamed"), "renamed")
    new = _new_name(new)
    if new == old:  # it said "4 lines Tom -> Tom" and wrote nothing
        raise SpeakerError(f"{old!r} is called {new!r} already: nothing to rename")
    if _someone_else(new, old, files):
        raise SpeakerError(_taken(new, old, files))
    plan = SpeakerPlan()
    for path, text, script in files.scripts:
        n = _relabel(script, old, new)
        summary = [f"{counted(n, 'line')} {old} -> {new}"] if n else []
        entry = script.character(old)
        if entry is not None:
            # a new name that is one of its aliases leaves them, the old name in its place
            entry.aliases = [entry.name if name_key(a) == name_key(new) else a
                             for a in entry.aliases]
            entry.name = new
            summary.append(f"characters: {old} is now {new}")
        _change(plan, path, text, dump_script(script, _fmt(path)), summary)
    if files.casting_text is not None:
        after, summary = _rename_casting(files, old, new)
        _casting_change(plan, files, after, summary)
    elif plan.changes:
        plan.notes.append(_no_casting_file(files, new, [old]))
    if plan.changes and all(change.casting for change in plan.changes):
        plan.notes.append(_only_the_casting_file(files, old, new))
    _keep_proposals_untouched(plan, files)
    return plan


def _no_casting_file(files: _Files, keep: str, others: list[str]) -> str:
    """What to say when the casting file to update does not exist: a mistyped -c renamed
    the scripts' speaker and left the real voices.yaml's entry unsaid, so the next build
    cast the name anew, in another voice (hostile37). A merge with the right file then
    brings it in line (a rename again would find the new name taken)."""
    names = pasteable_names(keep, *others)
    return (f"{files.casting_path}: no such file, so no voice was changed; if the voices are "
            f"in another file, `drama speakers merge -s SCRIPTS -c FILE {names}` changes "
            "them there too")


def _someone_else(new: str, old: str, files: _Files) -> bool:
    """Whether new names someone other than old: another entry's alias in a script's
    characters section, a name voices.yaml voices with another entry, or a speaker (or
    characters entry) of a script that has old too. A name of old's own entry is old's to
    take (`rename A B` keeps A as its alias: `rename B A` takes the rename back).

    A script that has new and not old, new voiced by no other entry, is one this rename,
    interrupted (killed as it wrote the files one by one, voices.yaml last), already
    wrote: run again, it finishes the rest. Without a voices.yaml that cannot be told from
    another person's script: refused (the merge the error names finishes it)."""
    folded = name_key(new)
    if folded == name_key(old):
        return False
    for _, _, script in files.scripts:
        if _has_name(script, folded) and (files.casting is None or
                                          _has_name(script, name_key(old))):
            return True
        for c in script.characters or ():
            if name_key(c.name) != name_key(old) and \
                    folded in (name_key(a) for a in c.aliases):
                return True
    voiced_by = files.casting.cast_name(new) if files.casting is not None else None
    return voiced_by is not None and voiced_by != files.casting.cast_name(old)


def _taken(new: str, old: str, files: _Files) -> str:
    """Why a rename to new is refused, and the merge to run instead: new is another
    entry's alias (in a script's characters section, or in voices.yaml), or a speaker.
    An alias was said to be "already a speaker" (newcomer51)."""
    owner = _alias_owner(new, files, but=old)
    voiced_by, old_entry = (files.casting.cast_name(new), files.casting.cast_name(old)) \
        if files.casting is not None else (None, None)
    if owner is not None:
        what = f"is an alias of {owner[1]!r} in the characters section of {owner[0]}"
        keep = owner[1]
    elif voiced_by is not None and voiced_by != old_entry and \
            name_key(voiced_by) != name_key(new):  # old's own alias: merge OLD OLD said
        what, keep = f"is an alias of {voiced_by!r} in {files.casting_path}", voiced_by
    else:
        what, keep = "is already a speaker", new
    return (f"{new!r} {what}; to make {old!r} the same person, run "
            f"`drama speakers merge {pasteable_names(keep, old)}`")


def _has_name(script: Script, folded: str) -> bool:
    """Whether a script has a speaker, or a characters entry, of the folded name."""
    return any(line.kind == DIALOGUE and name_key(line.speaker) == folded
               for line in script.lines) or \
        any(name_key(c.name) == folded for c in script.characters or ())


def _person(name: str, files: _Files) -> str:
    """The speaker a name given as the one to keep or to move lines to stands for: itself
    when a script has its lines or a characters entry of it; else the person whose alias it
    is in a script's characters section, or in voices.yaml (a name merged or renamed
    earlier): giving lines to the alias itself wrote a characters entry of that name
    beside the alias, and the script no longer loaded."""
    folded = name_key(name)
    for _, _, script in files.scripts:
        if script.character(name) is not None or any(
                line.kind == DIALOGUE and name_key(line.speaker) == folded
                for line in script.lines):
            return name
    for _, _, script in files.scripts:
        for c in script.characters or ():
            if folded in (name_key(a) for a in c.aliases):
                return c.name
    entry = files.casting.cast_name(name) if files.casting is not None else None
    return entry or name


def _only_the_casting_file(files: _Files, old: str, new: str) -> str:
    """Why a rename changes voices.yaml alone, and, when the scripts call the same voice by
    another name, the rename that would give their lines the new name too."""
    note = f"no script given has a line of {old}: only {files.casting_path} changes"
    entry = files.casting.cast_name(old) if files.casting is not None else None
    labels = sorted({line.speaker for _, _, script in files.scripts for line in script.lines
                     if line.kind == DIALOGUE and entry is not None
                     and files.casting.cast_name(line.speaker) == entry})
    if labels:
        note += (f"; the scripts call this voice {names_listed(labels)}: to rename their "
                 f"lines too, run `drama speakers rename {pasteable_names(labels[0], new)}` "
                 "instead")
    return note


def plan_move(old: str, new: str | None, scripts: list, casting: str | None,
              given: list | None = None) -> SpeakerPlan:
    """The plan of giving every line of old to new, or to the narrator when new is None;
    given, the scripts as the command named them (a book's folder), for the `drama cast` a
    note says to run."""
    files = _read(scripts, casting)
    old = _resolve(old, files, "moved")
    if new is not None:
        new = _new_name(new)
        new = _person(files.known().get(name_key(new), new), files)
        if name_key(new) == name_key(old):
            raise SpeakerError(f"{old!r} is {new!r}: nothing to move")
    plan = SpeakerPlan()
    for path, text, script in files.scripts:
        if new is None:
            n = _narrate(script, old)
            summary = [f"{counted(n, 'line')} {old} -> narration"] if n else []
        else:
            n = _relabel(script, old, new)
            summary = [f"{counted(n, 'line')} {old} -> {new}"] if n else []
        summary += _move_entries(script, old, new) if n else []
        _change(plan, path, text, dump_script(script, _fmt(path)), summary)
    if new is None and plan.changes:  # said once, not on each episode's line (review41)
        plan.notes.append(f"{possessive(old)} lines are narration now: to give one back "
                          f"later, {NARRATION_BACK}")
    if files.casting is not None and old != NARRATOR and \
            files.casting.cast_name(old) is not None:
        plan.notes.append(_moved_voice_note(files, old))
    if files.casting is not None and new is not None and files.casting.cast_name(new) is None:
        plan.notes.append(f"{files.casting_path}: {new!r} has no voice there yet: "
                          f"`{_cast_command(given, files.casting_path)}` gives one, as the next "
                          "render or build does")
    _keep_proposals_untouched(plan, files)
    return plan


def _moved_voice_note(files: _Files, old: str) -> str:
    """What voices.yaml still does for old's voice after a move (files.scripts as moved).

    The entry stays; deleting it is advice only while no speaker of the scripts given
    still speaks in it: after `move "Miss Pellow" Harriet`, where Miss Pellow is an alias of
    Clemency's entry, Clemency's own lines still use it (newcomer54: the note said "delete
    the entry if none does" of the entry that voices Clemency); nor for an alias no line
    given speaks in, whose entry voices its own name in other scripts: the alias goes."""
    entry = files.casting.cast_name(old)
    users = sorted({line.speaker for _, _, script in files.scripts for line in script.lines
                    if line.kind == DIALOGUE and files.casting.cast_name(line.speaker) == entry})
    own = name_key(entry) == name_key(old)
    if not users and own:
        return (f"{files.casting_path}: unchanged; {old!r} keeps its voice there (other "
                "scripts may still use it; delete the entry if none does)")
    if not users:   # review54: not "delete the entry", which voices its own name elsewhere
        return (f"{files.casting_path}: unchanged; {old!r} is an alias of "
                f"{possessive(entry)} entry, which keeps it (other scripts may still use it; "
                f"take it out of the entry's aliases if none does)")
    whose = f"{possessive(old)} entry" if own else \
        f"{old!r} is an alias of {possessive(entry)} entry, which"
    return (f"{files.casting_path}: unchanged; {whose} still voices {names_listed(users)} "
            "in these scripts: keep it")


CAST_COMMAND_FILES = 3
"""How many scripts given a note's `drama cast` lists; more are "..." after the first."""


def _cast_command(given: list | None, casting: str) -> str:
    """`drama cast` for the scripts given (out/book, hostile35: the hint named neither the
    folder nor the -c file) and the casting file, or the bare command when none are known."""
    if not given:
        return "drama cast"
    names = [pasteable(p) for p in given]
    if len(names) > CAST_COMMAND_FILES:
        names = names[:1] + ["..."]
    return f"drama cast {' '.join(names)} -c {pasteable(casting)}"


# ------------------------------------------------------------------ reading and names

TEXT_HINT_SCRIPTS = 3
"""How many of a text's scripts the hint for `-s TEXT` names."""


def _text_hint(path: str) -> str:
    """What to give instead of a text named with -s: the scripts drama made of it (the book
    `drama build` made, `-s bk/wrenfold/`; a script `drama extract -o out/` wrote), found
    where build and render look and one folder down (the folders by name; past
    TEXT_HINT_SCRIPTS, how many more: review54); else how to make one. newcomer54:
    `-s wrenfold.txt` after a build said only "extract one with `drama extract`", which
    would make a second script beside the one the person had edited."""
    from .loading import built_series, folders_in, saved_scripts, text_script_folders
    source = Path(path)
    if not source.is_file():
        return "extract one with `drama extract`"
    roots = text_script_folders(source)
    below = sorted(sub for root in roots if root.is_dir() for sub in folders_in(root))
    books = [f"{folder}{os.sep}" for folder in built_series(source)]
    saved = [str(p) for p in saved_scripts(source, dict.fromkeys([*roots, *below]))
             if not any(str(p).startswith(book) for book in books)]
    found = [*books, *saved]
    if not found:
        return "extract one with `drama extract`"
    more = len(found) - TEXT_HINT_SCRIPTS
    return ("give the scripts drama made of it instead: -s "
            f"{' -s '.join(map(pasteable, found[:TEXT_HINT_SCRIPTS]))}"
            f"{f' (and {more} more)' if more > 0 else ''}")


def _read(paths: list, casting: str | None) -> _Files:
    """The scripts named, each followed by the proposal waiting beside it (with_proposals),
    each file once however often or by whatever path it is named, and the casting file."""
    scripts, seen, proposals = [], set(), {}
    for path, beside in with_proposals([str(p) for p in paths]):
        if not path.lower().endswith(SCRIPT_SUFFIXES):
            raise SpeakerError(f"not a script file ({SCRIPT_ENDINGS}); {_text_hint(path)}",
                               path=path)
        real = os.path.realpath(path)  # not Path.resolve: a link in a loop raised RuntimeError
        if real in seen:
            continue
        seen.add(real)
        scripts.append((path, _script_text(path), _load(path, beside)))
        if beside is not None:
            proposals[path] = beside
    text = cast = None
    if casting is not None and Path(casting).exists():
        text = read_casting_text(str(casting))
        cast = casting_from_text(text, str(casting))
    return _Files(scripts, str(casting) if casting is not None else None, text, cast,
                  proposals)


def with_proposals(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, None) for each script named, each followed by (its proposal, the script) when
    one waits beside it and is not named itself (`ep.script.new.yaml`: its source changed
    and it had edits, which the proposal carries): the script the person moves over it
    next. A merge, rename or move made in the script alone was undone by that move, its
    lines back under the old name (newcomer51); the command line and the studio both edit
    through here."""
    given = {os.path.realpath(p) for p in paths}
    out: list[tuple[str, str | None]] = []
    for path in paths:
        out.append((path, None))
        proposal = str(proposal_path(Path(path)))
        if os.path.realpath(proposal) not in given and Path(proposal).is_file():
            out.append((proposal, path))
    return out


def _script_text(path: str) -> str:
    """A script file's text as read, for its FileChange; "" when it cannot be read
    (load_script then says what is wrong)."""
    try:
        return read_regular(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _load(path: str, beside: str | None) -> Script:
    """The script at path; a proposal (beside: the script it waits beside) that does not read
    as a script stops the edit in one line saying why a file not named was read: the edit is
    made in both or in neither."""
    try:
        return load_script(path)
    except DramaError as exc:
        if beside is None:
            raise
        raise SpeakerError(f"{exc.message} (the proposal waiting beside {beside}, which an "
                           "edit of it changes too: fix the proposal or delete it, and run "
                           "again)", path=exc.path, line=exc.line) from None


def _resolve(name: str, files: _Files, done: str) -> str:
    """A speaker name as the files write it, or a SpeakerError naming the close matches.
    The name given is folded as a typed new name is (typed_speaker_name: "Mr.  Knightley"
    finds Mr. Knightley). done: what the command does to it ("merged", "renamed",
    "moved"), for the error when it names the narrator (_no_narrator_lines)."""
    known = files.known()
    got = known.get(name_key(name.strip())) or known.get(name_key(typed_speaker_name(name)))
    if got is not None:
        return got
    where = " or ".join(_scripts_named(files) +
                        ([files.casting_path] if files.casting is not None else []))
    if name_key(name.strip()) == name_key(NARRATOR):
        raise SpeakerError(_no_narrator_lines(where, done))
    owner = _alias_owner(name, files)
    if owner is not None:   # it said "no speaker 'Tobias Renner' ...; did you mean 'Tobias'?"
        raise SpeakerError(f"{name!r} speaks no line of its own: it is an alias of "
                           f"{owner[1]!r} in the characters section of {owner[0]}, whose lines "
                           f"are {possessive(owner[1])}; name {pasteable_names(owner[1])} instead")
    close = close_names(name, known.values()) or \
        [n for n in known.values() if name_key(name.strip()) in name_key(n)][:3]
    hint = did_you_mean(close) or "; `drama speakers SCRIPT` lists them"
    raise SpeakerError(f"no speaker {name!r} in {where}{hint}")


def _no_narrator_lines(where: str, done: str) -> str:
    """The error for the narrator named when no dialogue line in the files (where) is its
    own, in the words of the command (done): a move is told how a line of narration goes
    back to a speaker (newcomer41); a merge or a rename, that the narrator is no speaker
    (review41: they were given the move's words)."""
    if done != "moved":
        return f"the narrator cannot be {done}: {NARRATOR_VOICE}"
    return (f"the narrator has no dialogue lines in {where}: its lines are narration, which "
            f"no command tells apart; to give one back to a speaker {NARRATION_BACK}")


def _alias_owner(name: str, files: _Files, but: str | None = None) -> tuple[str, str] | None:
    """(script path, entry name) of the first characters entry holding name as an alias
    (but: an entry not to count, by name)."""
    folded = name_key(typed_speaker_name(name))
    for path, _, script in files.scripts:
        for c in script.characters or ():
            if folded in (name_key(a) for a in c.aliases) and \
                    (but is None or name_key(c.name) != name_key(but)):
                return path, c.name
    return None


def _scripts_named(files: _Files) -> list[str]:
    """The scripts an error names: two at most, then how many more (a book's 60 episodes
    were each named, a line of 60 paths: walk33)."""
    paths = [p for p, _, _ in files.scripts]
    if len(paths) <= 2:
        return paths
    return [f"{paths[0]} (and the {len(paths) - 1} other scripts given)"]


def _not_narrator(name: str, done: str) -> str:
    """name, unless it is the narrator (a dialogue line given to it: "narrator" typed into a
    script): its voice is voices.yaml's top-level entry, which no merge or rename edits."""
    if name == NARRATOR:
        raise SpeakerError(f"the narrator cannot be {done}: {NARRATOR_VOICE}; to give its "
                           f"dialogue lines to a speaker, run `drama speakers move {NARRATOR} "
                           "NAME`")
    return name


def _new_name(name: str) -> str:
    name = typed_speaker_name(name)
    if name_key(name) == name_key(NARRATOR):
        raise SpeakerError("to give lines to the narrator, use "
                           "`drama speakers move NAME --narrator`")
    return name


def _fmt(path: str) -> str:
    return "json" if path.lower().endswith(".json") else "yaml"


def _change(plan: SpeakerPlan, path: str, before: str, after: str, summary: list[str]) -> None:
    if summary:
        after, note = keep_person_text(before, after, path)
        plan.changes.append(FileChange(path, before, after, summary))
        plan.notes += [note] if note else []


# ------------------------------------------------------------------ proposals' hidden copies

def _keep_proposals_untouched(plan: SpeakerPlan, files: _Files) -> None:
    """Edit a waiting proposal's hidden copy with it (plan.copies) when the proposal was
    untouched (byte for byte its copy) and the edit loses nothing when a later source change
    renews it from its script (_renewal_keeps): it stays untouched, and the next extract or
    build renews it rather than stopping as if a person had edited it. Otherwise the copy is
    left alone: the proposal counts as a person's, kept (nothing lost).
    Example: `rename Tom Thomas` on ep.script.yaml and its proposal, both with Tom's lines:
    .ep.script.new.yaml.extracted is renamed too."""
    scripts = {path: script for path, _, script in files.scripts}
    for proposal, script_path in (files.beside or {}).items():
        keep_proposal_untouched(plan, proposal, scripts[proposal], scripts[script_path])


def keep_proposal_untouched(plan: EditPlan, proposal: str, after: Script,
                            script: Script) -> None:
    """Edit the proposal's hidden copy with it (plan.copies) when plan changes the proposal
    (into after), the proposal was untouched, and a renewal from its script (as edited:
    script) keeps the edit (_keep_proposals_untouched); the speakers edits and the studio's
    line edits (drama.scriptedit.plan_line_edit) both keep it so."""
    change = next((c for c in plan.changes if c.path == proposal), None)
    copy = baseline_path(Path(proposal))
    if change is None or file_bytes(copy) != change.before.encode("utf-8"):
        return
    if _renewal_keeps(load_script(proposal), after, script):
        plan.copies.append(FileChange(str(copy), change.before, change.after))


def _renewal_keeps(before: Script, after: Script, script: Script) -> bool:
    """Whether every line and characters entry the edit changed in a proposal (before ->
    after) is in its script (as edited) as it is in the proposal after: a renewal carries the
    script's speakers line by line (drama.carry), so one only the proposal has (a speaker
    new in the new text) would go back to the extractor's."""
    held = {(line.text, line.speaker, line.kind) for line in script.lines}
    if len(before.lines) != len(after.lines):
        return False
    for old, new in zip(before.lines, after.lines):
        if (old.speaker, old.kind) != (new.speaker, new.kind) and \
                (new.text, new.speaker, new.kind) not in held:
            return False
    entries = {(c.name, tuple(c.aliases)) for c in script.characters or ()}
    was = {(c.name, tuple(c.aliases)) for c in before.characters or ()}
    return all((c.name, tuple(c.aliases)) in entries
               for c in after.characters or () if (c.name, tuple(c.aliases)) not in was)


# ------------------------------------------------------------------ scripts

def _relabel(script: Script, old: str, new: str) -> int:
    """Give old's dialogue lines to new; how many."""
    n = 0
    folded = name_key(old)
    for line in script.lines:
        if line.kind == DIALOGUE and name_key(line.speaker) == folded:
            line.speaker = new
            n += 1
    return n


NARRATOR_VOICE = "its voice is the casting file's top-level `narrator:` entry, no speaker's"
"""Why the narrator is no speaker a merge or a rename edits."""
NARRATION_BACK = ("set its `speaker:` and `kind: dialogue` in the script, or press `s` on it "
                  "in `drama studio`")
"""How a line given to the narrator goes back to a speaker (newcomer41: `drama speakers
move Narrator NAME` after `move NAME --narrator` said only "no speaker 'Narrator'")."""


def _narrate(script: Script, old: str) -> int:
    """Make old's dialogue lines narration; how many."""
    n = 0
    folded = name_key(old)
    for line in script.lines:
        if line.kind == DIALOGUE and name_key(line.speaker) == folded:
            line.speaker, line.kind = NARRATOR, NARRATION
            line.cue = line.confidence = None
            n += 1
    return n


def _claimed(script: Script, but: CharacterEntry) -> set[str]:
    """Every name and alias of the other entries (folded)."""
    return {name_key(n) for c in script.characters or () if c is not but
            for n in [c.name, *c.aliases]}


def _add_aliases(script: Script, entry: CharacterEntry, names: list[str]) -> list[str]:
    """Add names (not already anyone's) to entry's aliases; the ones added."""
    taken = _claimed(script, entry) | {name_key(entry.name)} | \
        {name_key(a) for a in entry.aliases}
    added = []
    for n in names:
        if name_key(n) not in taken:
            taken.add(name_key(n))
            entry.aliases.append(n)
            added.append(n)
    return added


def _merge_entries(script: Script, keep: str, other: str) -> list[str]:
    """other's characters entry folded into keep's: its names become aliases, its evidence
    adds up; keep's gender stands unless it was unknown."""
    if script.characters is None:
        return []
    mine, theirs = script.character(keep), script.character(other)
    if theirs is None:
        return []
    script.characters.remove(theirs)
    if mine is None:
        mine = CharacterEntry(keep, [], theirs.gender, dict(theirs.evidence))
        script.characters.append(mine)
    else:
        ev = Evidence.from_dict(mine.evidence)
        ev.add(Evidence.from_dict(theirs.evidence))
        mine.evidence = ev.to_dict()
        if mine.gender == "unknown":
            mine.gender = theirs.gender if theirs.gender != "unknown" else \
                (ev.decide() or "unknown")
    added = _add_aliases(script, mine, [theirs.name, *theirs.aliases])
    return [f"characters: {keep} gains {plural(len(added), 'alias', 'aliases')} "
            f"{names_listed(added)}"] if added else []


def _move_entries(script: Script, old: str, new: str | None) -> list[str]:
    """old's entry goes (its lines are someone else's); new gets one if it had none."""
    if script.characters is None:
        return []
    gone = script.character(old)
    if gone is not None:
        script.characters.remove(gone)
    if new is None or script.character(new) is not None:
        return [f"characters: {old} removed"] if gone is not None else []
    ev = label_evidence(new)
    script.characters.append(CharacterEntry(new, [], ev.decide() or "unknown", ev.to_dict()))
    return [f"characters: {old} removed, {new} added"]


# ------------------------------------------------------------------ voices.yaml

def _merge_casting(text: str, files: _Files, keep: str, other: str) -> tuple[str, list[str]]:
    """voices.yaml text with other made keep's alias; summary lines."""
    cast = casting_from_text(text, files.casting_path or "voices.yaml")
    by_keep, by_other = cast.cast_name(keep), cast.cast_name(other)
    if by_other is not None and by_other == by_keep:
        return text, []
    if by_other is not None and name_key(by_other) != name_key(other):
        raise SpeakerError(f"{other!r} is an alias of {by_other!r} here; take it out of "
                           f"the aliases of {by_other!r} first", path=files.casting_path)
    if by_other is None:
        if by_keep is None:
            return text, []
        return _edit(text, files, lambda t: add_aliases(t, by_keep, [other]),
                     f"{by_keep} gains alias {other}")
    aliases = cast.speakers[by_other].aliases
    if by_keep is None:
        return _renamed(text, files, by_other, keep, [other],
                        [f"{possessive(by_other)} entry is now {possessive(keep)}",
                         f"{keep} gains alias {other}"])
    note = f"merged into {keep} by `drama speakers merge`:"
    text, lines = _edit(text, files, lambda t: comment_out_entry(t, by_other, note),
                        f"{possessive(by_other)} entry commented out (any other script's "
                        f"{by_other} speaks in {possessive(by_keep)} voice now)")
    more, lines2 = _edit(text, files, lambda t: add_aliases(t, by_keep, [by_other, *aliases]),
                         f"{by_keep} gains {plural(len(aliases) + 1, 'alias', 'aliases')} "
                         f"{names_listed([by_other, *aliases])}")
    return more, lines + lines2


def _rename_casting(files: _Files, old: str, new: str) -> tuple[str, list[str]]:
    text, cast = files.casting_text or "", files.casting
    by_old = cast.cast_name(old) if cast is not None else None
    if by_old is None:
        return text, []
    if by_old == new:       # the scripts take the entry's own name (a case change renames)
        return text, []
    had = {name_key(a) for a in cast.speakers[by_old].aliases}
    kept = [] if name_key(by_old) in had else [by_old]  # a rename taken back: there
    if name_key(by_old) != name_key(old):      # old is an alias: its entry is renamed
        return _renamed(text, files, by_old, new, kept,
                        [f"{by_old}, the entry that voices {old}, is now {new}",
                         f"{new} keeps {names_listed([by_old, old])} as aliases"])
    return _renamed(text, files, by_old, new, kept,
                    [f"{by_old} is now {new}", f"{new} keeps {by_old} as an alias"])


def _renamed(text: str, files: _Files, old: str, new: str, aliases: list[str],
             what: list[str]) -> tuple[str, list[str]]:
    """voices.yaml text with old's entry given the aliases, then renamed new: one edit, so
    a refusal names the entry as the file has it (old), never the name it was to get. A
    new name that is one of the entry's aliases leaves them, the first kept name written in
    its place (it stayed beside the name, `Tobias: {..., aliases: [Tobias, ...]}`)."""
    swap = aliases and name_key(new) in {name_key(a) for a in files.casting.speakers[old].aliases}

    def edit(t: str) -> str:
        if swap:
            t = add_aliases(swap_alias(t, old, new, aliases[0]), old, aliases[1:])
        else:
            t = add_aliases(t, old, aliases)
        return rename_entry(t, old, new)
    after, _ = _edit(text, files, edit, what[0])
    return after, what


def _edit(text: str, files: _Files, edit, what: str) -> tuple[str, list[str]]:
    """One text edit of voices.yaml, checked to read back as a valid casting file. An edit
    the file's layout does not allow is refused as the edit says (what to do included)."""
    path = files.casting_path or "voices.yaml"
    try:
        after = edit(text)
    except CastingError as exc:
        raise SpeakerError(exc.message, path=path) from None
    try:
        casting_from_text(after, path)
    except CastingError as exc:
        raise SpeakerError(f"could not edit this file safely ({what}): {exc}; "
                           "make that change by hand", path=path) from None
    return after, [what]


def _casting_change(plan: SpeakerPlan, files: _Files, after: str, summary: list[str]) -> None:
    before = files.casting_text or ""
    if after == before:
        return
    _check_voiced(files.casting, after, files.casting_path or "voices.yaml")
    plan.changes.append(FileChange(files.casting_path or "voices.yaml", before, after, summary,
                                   casting=True))


def _check_voiced(before: Casting | None, after_text: str, path: str) -> None:
    """Refuse an edit after which a name voiced before has no voice."""
    if before is None:
        return
    after = casting_from_text(after_text, path)
    for name, entry in before.speakers.items():
        for n in [name, *entry.aliases]:
            got = after.entry_for(n)
            if got is None:
                raise SpeakerError(f"editing would leave {n!r} without a voice; make the "
                                   "change by hand", path=path)
