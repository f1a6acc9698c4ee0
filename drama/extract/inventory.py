"""The script's characters section: one entry per speaker, with aliases and gender.

Built once, at extraction, from the Cast that attribution used (its name clusters give each
speaker's aliases, its counts the name, title and pronoun evidence) plus what only the
finished lines show: the speaker label itself ("Mrs. Elton", "Angry soldier", "Soldiers")
and the pronoun speech tags beside each speaker's lines ("she said"). Casting reads the
section; nothing after extraction reads the source text for genders.
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import DIALOGUE, NARRATION, NARRATOR, CharacterEntry, Line, Script
from .cast import Cast
from .cast.character import Character
from .cast.evidence import PRONOUN_REACH, pronoun_after
from .gender import Evidence, book_majority, head_noun, is_description, is_group, \
    label_evidence, label_title, name_tokens, pronoun_sex
from .lexicon import FEMALE_PRONOUNS, MALE_PRONOUNS, given_name_sex
from .scan import word_start

__all__ = ["build_characters", "characters_for_script", "describe"]

_TAG_AFTER = re.compile(r"^[\s,;:—–-]*(?:(she|he)\s+[a-z]+|[a-z]+\s+(she|he)\b)")
_TAG_BEFORE = re.compile(r"\b(she|he)\s+[a-z]+(?:\s+[a-z]+)?\s*[,:—–-]?\s*$")
_QUOTE_MARKS = " ”’\"'“‘"
_THE_WORD = re.compile(word_start("[Tt]") + r"[Hh][Ee]\s+([A-Za-z][a-z-]*)\b")
TAG_REACH = 60
"""Characters beside a line a pronoun speech tag is looked for in."""


def build_characters(lines: list[Line], text: str, cast: Cast) -> list[CharacterEntry]:
    """The characters section of extracted lines: every dialogue speaker, most lines first."""
    counts = Counter(ln.speaker for ln in lines if ln.kind == DIALOGUE)
    counts.pop(NARRATOR, None)
    speakers = sorted(counts, key=lambda s: -counts[s])   # stable: first seen first on ties
    entries = describe(speakers, text, cast, lines)
    for e in entries:
        e.lines = counts[e.name]
    return entries


def characters_for_script(script: Script, text: str | None) -> list[CharacterEntry]:
    """The section a script without one would have had: from its source text when there is
    one, else from the speaker labels alone."""
    speakers = [s for s in script.speakers if s != NARRATOR]
    cast = Cast(text) if text else None
    entries = describe(speakers, text or "", cast, script.lines)
    counts = Counter(ln.speaker for ln in script.lines if ln.kind == DIALOGUE)
    for e in entries:
        e.lines = counts[e.name]
    return entries


def describe(labels: list[str], text: str, cast: Cast | None,
             lines: list[Line] = ()) -> list[CharacterEntry]:
    """An entry for each label (speaking or not): the person the Cast knows by that name,
    their other names, and their gender with its evidence."""
    evidence: dict[str, Evidence] = {}
    read_as: dict[str, str | None] = {}
    aliases: dict[str, list[str]] = {}
    claimed = {label.casefold() for label in labels}
    for label in labels:
        ch = _character_of(label, cast) if cast is not None else None
        read_as[label] = ch.gender if ch is not None else None
        ev = Evidence.from_dict(ch.evidence.to_dict()) if ch is not None else Evidence()
        evidence[label] = label_evidence(label, ev, given=ch is None)
        aliases[label] = []
        if ch is not None:
            for form, _ in ch.forms.most_common():
                if form.casefold() not in claimed:
                    claimed.add(form.casefold())
                    aliases[label].append(form)
    _description_pronouns(labels, text, evidence)
    _speech_tags(lines, text, evidence, read_as)
    lean = book_majority(_narration(lines)) if lines else None
    out = []
    for label in labels:
        ev = evidence[label]
        if lean and not ev.group and ev.weights() == (0, 0) and not ev.label:
            ev.book = lean
        out.append(CharacterEntry(name=label, aliases=aliases[label],
                                  gender=ev.decide() or "unknown", evidence=ev.to_dict()))
    return out


def _character_of(label: str, cast: Cast) -> Character | None:
    """The Cast character a speaker label stands for: the label itself as the text writes
    it, else (a label the text never writes whole, such as "Mrs. Augusta Farrow") its title
    with the surname, its names without the title, its first name, its surname; never one
    of the other sex than the label's title or given name says. A group ("Hallam and
    Weir", "The porters") stands for no one person: none of its members' names is its alias,
    nor its members' evidence its own."""
    if is_group(label):
        return None
    ch = cast.character(label)
    if ch is not None or is_description(label):
        return ch
    tokens = name_tokens(label)
    if not tokens:
        return None
    title = label.split()[0] if label.split()[0].rstrip(".") not in tokens else None
    tries = [f"{title} {tokens[-1]}"] if title else []
    tries += [" ".join(tokens), tokens[0], tokens[-1]]
    sex = label_title(label) or given_name_sex(tokens[0])
    for form in tries:
        ch = cast.character(form)
        if ch is not None and (sex is None or ch.gender in (None, sex)):
            return ch
    return None


def _description_pronouns(labels: list[str], text: str, evidence: dict[str, Evidence]) -> None:
    """Count the pronoun after each "the <noun>" of a description label ("The Doctor": "the
    doctor ... his hat"), for nouns only one label has."""
    owners: dict[str, list[str]] = {}
    for label in labels:
        noun = head_noun(label)
        if noun and not evidence[label].group:
            owners.setdefault(noun, []).append(label)
    nouns = {noun: who[0] for noun, who in owners.items() if len(who) == 1}
    if not nouns or not text:
        return
    for m in _THE_WORD.finditer(text):
        label = nouns.get(m.group(1).casefold())
        if label is None:
            continue
        p = pronoun_after(text, m.start(), m.end(), m.end() + PRONOUN_REACH)
        ev = evidence[label]
        if p in MALE_PRONOUNS:
            ev.pronoun_m += 1
        elif p in FEMALE_PRONOUNS:
            ev.pronoun_f += 1
        elif p:
            ev.its += 1


def _speech_tags(lines: list[Line], text: str, evidence: dict[str, Evidence],
                 read_as: dict[str, str | None]) -> None:
    """Count the pronoun speech tags ("she said", "said he") right beside each line, except
    a tag of the other sex than read_as, the sex attribution read the speaker as (the
    Cast's, by which it resolves pronouns): attribution gave the line to that speaker in
    spite of the tag (the one person named near, whatever the sex, or the paragraph's one
    speaker), so the tag is its own choice, not evidence of the speaker's sex (`"Is it
    late?" said Anna. "Why?" he asked.`, four times, made Anna a man)."""
    n = len(lines)
    for i, line in enumerate(lines):
        ev = evidence.get(line.speaker)
        if line.kind != DIALOGUE or ev is None or ev.group or \
                not 0 <= line.start <= line.end <= len(text):
            continue
        nxt = next((ln for ln in lines[i + 1:i + 2] if ln.kind == DIALOGUE), None)
        stop = min(line.end + TAG_REACH, nxt.start if nxt else line.end + TAG_REACH)
        after = text[line.end:max(line.end, stop)].split("\n\n")[0]
        m = _TAG_AFTER.match(after.lstrip(_QUOTE_MARKS))
        if m is None:
            prev = lines[i - 1] if i and i - 1 < n else None
            start = max(line.start - TAG_REACH,
                        prev.end if prev is not None and prev.kind == DIALOGUE else 0)
            before = text[start:line.start].split("\n\n")[-1].rstrip(_QUOTE_MARKS)
            m = _TAG_BEFORE.search(before)
        if m is None:
            continue
        sex = pronoun_sex(next(g for g in m.groups() if g))
        if read_as.get(line.speaker) not in (None, sex):
            continue
        if sex == "m":
            ev.tag_m += 1
        else:
            ev.tag_f += 1


def _narration(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines if ln.kind == NARRATION)
