"""Script <-> YAML / JSON files, validated with the file and line of every problem."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from . import gcpause
from .errors import InputError, ScriptError
from .files import NOT_REGULAR_INPUT, NotRegularFile, cannot_read, read_regular, utf8_text
from .files import write_atomic as _write_file
from .readrecords import EntryLines, KeyLines, line_of, records_in
from .model import (GENDERS, KINDS, NARRATOR, CharacterEntry, Line, Script, breaks_lines,
                    classify_spans, name_key, speaker_label)
from .wording import possessive, problems_listed

SCRIPT_SUFFIXES = (".yaml", ".yml", ".json")
"""How a script's file name ends: drama reads any other file as a text to extract."""
SCRIPT_ENDINGS = f"{', '.join(SCRIPT_SUFFIXES[:-1])} or {SCRIPT_SUFFIXES[-1]}"
"""SCRIPT_SUFFIXES as messages say them: .yaml, .yml or .json."""

LINE_KEYS = {"speaker", "kind", "text", "start", "end", "cue", "confidence", "level"}
SCRIPT_KEYS = {"title", "source", "source_sha256", "source_span", "source_span_sha256",
               "characters", "lines"}
CHARACTER_KEYS = {"name", "aliases", "gender", "evidence", "lines"}
GENDER_WORDS = {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f",
                "w": "f", "unknown": "unknown", "?": "unknown", "none": "unknown",
                "neutral": "unknown", "group": "unknown"}


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
"""Byte-order marks, longest first: a text that starts with one is decoded as it says."""


def _looks_utf16(data: bytes) -> bool:
    """Whether BOM-less bytes look like UTF-16: zero bytes in most odd or most even places."""
    head = data[:4096]
    if len(head) < 4:
        return False
    evens, odds = head[0::2], head[1::2]
    return max(evens.count(0) / len(evens), odds.count(0) / len(odds)) > 0.3 and \
        min(evens.count(0) / len(evens), odds.count(0) / len(odds)) < 0.05


def is_binary(data: bytes) -> bool:
    """Whether a file's bytes are no text at all, as _decode refuses them: NUL bytes in its
    first 4096, with no byte-order mark and not laid out as UTF-16."""
    return b"\x00" in data[:4096] and not data.startswith(tuple(b for b, _ in _BOMS)) \
        and not _looks_utf16(data)


def _decode(data: bytes, path: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                good = _one_line_end(data[:exc.start].decode(encoding, "replace"))
                raise InputError(f"not valid {encoding.upper()} text (byte {exc.start}) although "
                                 "it starts with that byte-order mark; save it as UTF-8",
                                 path=path, line=good.count("\n") + 1) from None
    if b"\x00" in data[:4096]:
        if _looks_utf16(data):
            raise InputError("looks like UTF-16 text without a byte-order mark; save it as "
                             "UTF-8 (or UTF-16 with a byte-order mark)", path=path)
        raise InputError("looks like a binary file, not a text", path=path)
    return utf8_text(data, path, InputError)


def read_input(path: str | os.PathLike, what: str, missing_ok: bool = False,
               most: int = -1) -> bytes | None:
    """A file's bytes (its first `most` only, when given), or an InputError naming it when
    it is missing, a folder (not `what`), not a regular file (a pipe would be waited on
    forever) or unreadable; with missing_ok, None when there is no file."""
    try:
        return read_regular(path, most)
    except FileNotFoundError:
        if missing_ok:
            return None
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not {what}", path=str(path)) from None
    except NotRegularFile:
        raise InputError(NOT_REGULAR_INPUT, path=str(path)) from None
    except OSError as exc:
        raise InputError(cannot_read(exc), path=str(path)) from None


def read_text(path: str | os.PathLike) -> str:
    """A source text as decoded UTF-8 (or UTF-16/32 with a byte-order mark; the mark is
    dropped), or an InputError naming the file."""
    return text_of(read_input(path, "a text file"), str(path))


def text_of(data: bytes, path: str) -> str:
    """A file's bytes as read_text decodes them, or an InputError naming path."""
    # Offsets index the text as Python reads it; normalise Windows line ends so a
    # file saved on Windows gives the same spans as on Linux.
    text = _one_line_end(_decode(data, path))
    if "\x00" in text:
        raise InputError("holds NUL characters: a binary file, not a text", path=path,
                         line=text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _one_line_end(text: str) -> str:
    """text with Windows and old Mac line ends made "\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """The hash recorded in a script to notice a source that changed after extraction."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def holds_its_text(script: Script, text: str) -> bool:
    """Whether `text` is the source a script's lines index into: the text it was extracted
    from (source_sha256, or none recorded), or, for a book's episode recording its own
    part's hash (source_span_sha256), a text with that part unchanged where it was, so an
    edit in another chapter leaves this episode's words and pauses as they were. A script
    written before the part's hash was kept is held to the whole text alone."""
    if not script.source_sha256 or text_sha256(text) == script.source_sha256:
        return True
    if script.source_span is None or not script.source_span_sha256:
        return False
    lo, hi = script.source_span
    return hi <= len(text) and text_sha256(text[lo:hi]) == script.source_span_sha256


def is_script_path(path: str | os.PathLike) -> bool:
    """Whether a file is named as a script (.yaml, .yml, .json), not a text."""
    return str(path).lower().endswith(SCRIPT_SUFFIXES)


def load_script(path: str | os.PathLike) -> Script:
    """Read a script file (.yaml, .yml or .json), or raise a ScriptError naming file and line."""
    return load_script_and_bytes(path)[0]


def load_script_and_bytes(path: str | os.PathLike) -> tuple[Script, bytes]:
    """A script file read (load_script) and the bytes it was read from, read once: what a
    book's record of an episode's script hashes (book.changes), so that an edit saved right
    after the script was read is not recorded as read."""
    p = str(path)
    data = read_input(p, "a text file")
    return parse_script(text_of(data, p), p), data


def parse_script(raw: str, p: str) -> Script:
    """A script from its file's text (JSON when p ends in .json, else YAML), or a ScriptError
    naming p and the line."""
    with gcpause.gc_paused():
        return _parse_script(raw, p)


def _parse_script(raw: str, p: str) -> Script:
    if p.endswith(".json"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ScriptError(f"not valid JSON: {exc.msg}", path=p, line=exc.lineno) from None
        except RecursionError:
            raise ScriptError("not a drama script: nested too deeply", path=p) from None
    else:
        from .scriptyaml import load_yaml  # PyYAML imported for a YAML script only
        data = load_yaml(raw, p, entry=_valid_line)
    return script_from_dict(data, p)


def _valid_line(item, i: int):
    """Entry i of a script's `lines` as its Line where it is valid, else as read (then
    script_from_dict says what is wrong with it, in order with the script's other
    problems): a Line holds a tenth of what the entry's dict and line records do."""
    line = _line_from(item, i, [])
    return line if line is not None else item


def _shown(value) -> str:
    """A value for a message: short scalars as written, anything else by its kind."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return "a mapping" if isinstance(value, dict) else "a list"


def _read_as(value, key: str) -> str:
    """For a name YAML read as something else (`speaker: yes` is true, `No` false, `12` a
    number, `2026-01-01` a date), what it read and how to write the name: "must be a
    non-empty name" alone named nothing wrong in `speaker: Yes` (hostile37)."""
    if value is None or isinstance(value, (str, list, dict)):
        return ""
    read = str(value).lower() if isinstance(value, bool) else str(value)
    example = "['Yes']" if key == "aliases" else "'Yes'"
    return (f", and YAML read this one as {read}: put a name such as Yes, No, On, 12 or a "
            f"date in quotes ({key}: {example})")


def _alias_name(value) -> bool:
    """Whether a characters entry's alias as YAML read it is a name: a string; not
    true/false (`[yes]` was the alias 'True'), a number (`[0x10]` was the alias '16': a
    script is read without what was written, so a number is refused as a speaker's is,
    where voices.yaml reads it as written), a date or a fraction, which _read_as tells the
    person to quote."""
    return isinstance(value, str) and bool(value.strip())


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _header(data: dict, problems: list[str]) -> tuple[str | None, str | None, str | None]:
    """The script's title, source and source hash, each checked to be text."""
    values = []
    for key, what in (("title", "text, such as  title: Chapter One"),
                      ("source", "the path of the source text"),
                      ("source_sha256", "the hash drama wrote; delete the line if unsure")):
        value = data.get(key)
        if _is_number(value) and key == "title":
            value = str(value)
        if value is not None and not isinstance(value, str):
            problems.append(f"{_top(data, key)}{key}: must be {what}")
            value = None
        values.append(value)
    return values[0], values[1], values[2]


def _at(item: dict, key: str | None, where: str) -> str:
    """`where` (lines -> 3) led by the line holding `key` where it is known: "line 55: "."""
    line = line_of(item, key)
    return f"line {line}: {where}" if line else where


def _line_problems(item: dict, where: str) -> list[str]:
    """Everything wrong with one entry of `lines` (already known to have its three keys),
    each led by the line of the value it is about."""
    problems = []
    bad = set(item) - LINE_KEYS - records_in(item)
    if bad:
        problems.append(f"{_at(item, min(map(str, bad)), where)}: unknown key(s) "
                        f"{', '.join(sorted(map(str, bad)))}")
    if not isinstance(item["kind"], str) or item["kind"] not in KINDS:
        problems.append(f"{_at(item, 'kind', where)} -> kind: must be one of "
                        f"{', '.join(KINDS)}, not {_shown(item['kind'])}")
    if not isinstance(item["speaker"], str) or not item["speaker"].strip():
        problems.append(f"{_at(item, 'speaker', where)} -> speaker: must be a non-empty name"
                        f"{_read_as(item['speaker'], 'speaker')}")
    elif breaks_lines(item["speaker"]):
        problems.append(f"{_at(item, 'speaker', where)} -> speaker: must be a name on one "
                        "line, without line breaks or control characters")
    text = item["text"]
    if text is not None and not isinstance(text, str) and not _is_number(text):
        problems.append(f"{_at(item, 'text', where)} -> text: must be text; put it in quotes")
    start, end = item.get("start"), item.get("end")
    if start is not None or end is not None:
        if not (_is_whole(start) and _is_whole(end) and 0 <= start <= end):
            wrong = "start" if not (_is_whole(start) and start >= 0) else "end"
            problems.append(f"{_at(item, wrong, where)}: start and end must be whole "
                            "numbers, start <= end")
    cue = item.get("cue")
    if cue is not None and not isinstance(cue, str):
        problems.append(f"{_at(item, 'cue', where)} -> cue: must be a word such as explicit")
    conf = item.get("confidence")
    if conf is not None and not (_is_number(conf) and 0 <= conf <= 1):
        problems.append(f"{_at(item, 'confidence', where)} -> confidence: must be a number "
                        "from 0 to 1")
    level = item.get("level")
    if level is not None and not isinstance(level, str):
        problems.append(f"{_at(item, 'level', where)} -> level: must be a word such as "
                        "chapter or part")
    return problems


def _line_from(item, i: int, problems: list[str], at: int | None = None) -> Line | None:
    """The Line of entry i of a script's `lines`, or None with what is wrong with it added
    to problems; `at`, the line the entry starts on where the reader recorded it
    (_entry_lines), names an entry that is no mapping."""
    where = f"lines -> {i + 1}"
    if not isinstance(item, dict):
        problems.append(f"{f'line {at}: ' if at else ''}{where}: must be a mapping with "
                        "speaker, kind, text, start, end")
        return None
    missing = [k for k in ("speaker", "kind", "text") if k not in item]
    if missing:
        problems.append(f"{_at(item, None, where)}: missing {', '.join(missing)}")
        return None
    found = _line_problems(item, where)
    if found:
        problems.extend(found)
        return None
    start, end = item.get("start"), item.get("end")
    return Line(
        speaker=speaker_label(item["speaker"]), kind=item["kind"],
        text=str(item["text"] if item["text"] is not None else ""),
        start=start if start is not None else -1, end=end if end is not None else -1,
        cue=item.get("cue"), confidence=item.get("confidence"),
        level=str(item["level"]) if item.get("level") is not None else None)


def script_from_dict(data, path: str = "<script>") -> Script:
    """Build a Script from parsed YAML/JSON, collecting every problem before raising.

    Every value is checked for its type as well (a title that is a mapping, a start that is
    `true`, a text that is a list are errors), so nothing is read as something else. An
    entry of `lines` that is a Line already (checked as it was read: _valid_line) is kept.
    """
    if not isinstance(data, dict) or "lines" not in data:
        raise ScriptError("not a drama script: expected a mapping with 'lines'", path=path)
    problems = _unknown_top_keys(data)
    title, source, sha = _header(data, problems)
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list):
        at = _key_lines(data).get("lines")  # the line of `lines:` itself
        raise ScriptError("'lines' must be a list", path=path, line=at or line_of(data))
    at = _entry_lines(data, len(raw_lines))
    lines = [ln for i, item in enumerate(raw_lines)
             if (ln := item if isinstance(item, Line) else _line_from(item, i, problems, at[i]))
             is not None]
    span = _source_span(data.get("source_span"), problems, _top(data, "source_span"))
    span_sha = data.get("source_span_sha256")
    if span_sha is not None and not isinstance(span_sha, str):
        problems.append(f"{_top(data, 'source_span_sha256')}source_span_sha256: must be the "
                        "hash drama wrote; delete the line if unsure")
    characters = _characters(data, problems) if "characters" in data else None
    if problems:
        raise _problems_error(problems, path)
    script = Script(title=title or Path(path).stem, source=source, lines=lines,
                    source_sha256=sha, source_span=span, characters=characters,
                    source_span_sha256=span_sha if span is not None else None)
    script.count_lines()    # counts follow the lines as they are now, edited or not
    return script


def _top(data: dict, key: str) -> str:
    """"line N: " for a script's top-level key where the reader recorded its line, else ""."""
    line = _key_lines(data).get(key)
    return f"line {line}: " if line else ""


def _key_lines(data: dict) -> dict[str, int]:
    """The line of each top-level key, as scriptyaml's reader records it (`__key_lines__`);
    {} for a JSON script, whose own key of that name (`"__key_lines__": "x"`) is no such
    record (readrecords): read as one, it was a traceback."""
    lines = data.get("__key_lines__")
    return lines if isinstance(lines, KeyLines) else {}


def _entry_lines(data: dict, count: int) -> list[int | None]:
    """The line each of the `count` entries of `lines` starts on, as scriptyaml's reader
    records it (`__entry_lines__`); None each for a JSON script (whose own key of that name
    is no such record, as for _key_lines: its `"__entry_lines__": [7]` named a made-up line)."""
    lines = data.get("__entry_lines__")
    return lines if isinstance(lines, EntryLines) and len(lines) == count else [None] * count


_LINE_LED = re.compile(r"line (\d+): ")


def _problems_error(problems: list[str], path: str) -> ScriptError:
    """A script's problems as one ScriptError: the first one's line, where it has one, as
    `FILE:LINE: ` (the form a YAML syntax error and an editor's jump take), not `FILE: line
    LINE: ` (newcomer47); the others keep theirs, `; line 60: ...`."""
    led = _LINE_LED.match(problems[0])
    if not led:
        return ScriptError(problems_listed(problems), path=path)
    return ScriptError(problems_listed([problems[0][led.end():], *problems[1:]]), path=path,
                       line=int(led.group(1)))


def _unknown_top_keys(data: dict) -> list[str]:
    """A script's unknown top-level keys, each with its line where the reader recorded it
    (scriptyaml's `__key_lines__`; a JSON script's are named without one)."""
    unknown = sorted(map(str, set(data) - SCRIPT_KEYS - records_in(data)))
    lines = _key_lines(data)
    if not unknown or not lines:
        return [f"unknown key(s) {', '.join(unknown)}"] if unknown else []
    return [f"line {lines[key]}: unknown key {key}" if key in lines else f"unknown key {key}"
            for key in sorted(unknown, key=lambda k: lines.get(k, 0))]


def _source_span(raw, problems: list[str], at: str = "") -> tuple[int, int] | None:
    """A script's source_span ([start, end] of the source it covers), or None."""
    if raw is None:
        return None
    if not (isinstance(raw, list) and len(raw) == 2 and all(_is_whole(v) for v in raw)
            and 0 <= raw[0] <= raw[1]):
        problems.append(f"{at}source_span: must be [start, end], whole numbers, start <= end")
        return None
    return raw[0], raw[1]


def entry_file_lines(script_path: str | os.PathLike) -> list[int]:
    """The file line each entry of `lines` starts on (YAML or JSON), or [] if unknown."""
    from .scriptyaml import entry_lines  # PyYAML's composer gives the lines
    try:
        return entry_lines(read_text(script_path))
    except Exception:  # the script loaded already; line numbers are a convenience
        return []


def require_valid_spans(script: Script, source_text: str | None = None,
                        path: str | os.PathLike | None = None) -> None:
    """Raise a ScriptError if any line's span overlaps or precedes the one before it, or runs
    past the end of the source text (when given), or the script's source_span does: the
    spans `drama check` rejects, naming the file line the script line starts on as check
    does."""
    where = str(path) if path is not None else None
    if source_text is not None and script.source_span is not None and \
            script.source_span[1] > len(source_text):
        lo, hi = script.source_span
        raise ScriptError(f"source_span {lo}..{hi} runs past the end of the source "
                          f"({len(source_text)} characters); fix it (or remove it), "
                          "`drama check` lists every problem", path=where)
    _, problems = classify_spans(script.lines, len(source_text) if source_text is not None
                                 else None, script.source_span)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        file_lines = entry_file_lines(path) if path is not None else []
        line = file_lines[first.index] if first.index < len(file_lines) else None
        raise ScriptError(f"script line {first.index + 1}: {first.message}{more}; fix the "
                          "start and end (or remove both), `drama check` lists every problem",
                          path=where, line=line if where else None)


def _characters(data: dict, problems: list[str]) -> list[CharacterEntry]:
    """The characters section, its problems appended. Line counts are not read: they are
    counted from the lines, so a hand-edited script is never refused for stale counts."""
    raw = data.get("characters")
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{_top(data, 'characters')}characters: must be a list of entries with "
                        "name, aliases, gender")
        return []
    out: list[CharacterEntry] = []
    claimed: dict[str, tuple[int, str, str]] = {}  # folded name or alias -> its entry's
    #                                                  index, name and place ("line 9")
    for i, item in enumerate(raw):
        read = _character(item, f"characters -> {i + 1}", problems)
        if read is None:
            continue
        entry, where = read
        place = f"line {line_of(item)}" if line_of(item) else f"characters -> {i + 1}"
        for n, what in [(entry.name, "name")] + [(a, "alias") for a in entry.aliases]:
            first = claimed.get(n.casefold())
            if first is not None and first[0] != i:
                owner = first[1]
                said = f"has an entry already ({first[2]})" if n == entry.name and \
                    owner.casefold() == n.casefold() else f"is already {possessive(owner)}"
                at = _at(item, "name" if what == "name" else "aliases", where)
                problems.append(f"{at}: {what} {n!r} {said}; one name stands for one "
                                "person")
            claimed.setdefault(n.casefold(), (i, entry.name, place))
        out.append(entry)
    return out


def _character(item, where: str, problems: list[str]) -> tuple[CharacterEntry, str] | None:
    """One entry of the characters section and where it is (for the problems of the names
    it claims), its problems appended; None when it has no name to read."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
            or not item["name"].strip():
        read_as = _read_as(item.get("name"), "name") if isinstance(item, dict) else ""
        problems.append(f"{_at(item, 'name', where) if isinstance(item, dict) else where}: "
                        f"must be a mapping with a name{read_as}")
        return None
    name = speaker_label(item["name"])
    given = item.get("aliases")
    if any(breaks_lines(str(n)) for n in [name, *(
            given if isinstance(given, list) else [given] if given else [])]):
        problems.append(f"{_at(item, None, where)}: the name and aliases must each be on "
                        "one line, without line breaks or control characters")
        return None
    where = f"{where} ({name})"
    bad = set(item) - CHARACTER_KEYS - records_in(item)
    if bad:
        problems.append(f"{_at(item, min(map(str, bad)), where)}: unknown key(s) "
                        f"{', '.join(sorted(bad))}")
    aliases = _character_aliases(item.get("aliases"), _at(item, "aliases", where), problems)
    return CharacterEntry(name=name, aliases=[speaker_label(str(a)) for a in aliases],
                          gender=_character_gender(item.get("gender"),
                                                   _at(item, "gender", where), problems),
                          evidence=_character_evidence(item.get("evidence"),
                                                       _at(item, "evidence", where),
                                                       problems)), where


def _character_aliases(aliases, where: str, problems: list[str]) -> list:
    """A character's aliases: a list of names (one name alone read as a list of it)."""
    aliases = aliases or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(_alias_name(a) for a in aliases):
        read_as = next((_read_as(a, "aliases") for a in aliases if not _alias_name(a)),
                       "") if isinstance(aliases, list) else ""
        problems.append(f"{where} -> aliases: must be a list of names{read_as}")
        return []
    narrator = [a for a in aliases if name_key(speaker_label(str(a))) == name_key(NARRATOR)]
    if narrator:
        # a line given to "Narrator", in any case, is the narrator's (model.speaker_label):
        # such an alias names no line of the character's and would voice none
        problems.append(f"{where} -> aliases: {str(narrator[0]).strip()!r} is the narrator, "
                        "whose lines are narration, voiced by voices.yaml's top-level "
                        "`narrator:` entry; remove it")
        return [a for a in aliases if a not in narrator]
    return aliases


def _character_gender(raw_gender, where: str, problems: list[str]) -> str:
    """A character's gender, m, f or unknown (a word of GENDER_WORDS read as one)."""
    gender = GENDER_WORDS.get(str(raw_gender or "unknown").strip().casefold()) \
        if isinstance(raw_gender, str) or raw_gender is None else None
    if gender not in GENDERS:
        problems.append(f"{where} -> gender: must be m, f or unknown, "
                        f"not {_shown(raw_gender)}")
        return "unknown"
    return gender


def _character_evidence(evidence, where: str, problems: list[str]) -> dict:
    """A character's evidence for its gender: a mapping of counts and words."""
    evidence = evidence or {}
    if isinstance(evidence, dict):
        evidence = {k: v for k, v in evidence.items() if k not in records_in(evidence)}
    if not isinstance(evidence, dict) or not all(
            _is_number(v) or isinstance(v, str) for v in evidence.values()):
        problems.append(f"{where} -> evidence: must be a mapping of counts and words")
        return {}
    return evidence


def dump_script(script: Script, fmt: str = "yaml") -> str:
    """The script as YAML or JSON text."""
    with gcpause.gc_paused():
        data = script.to_dict()
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        from .scriptyaml import dump_yaml  # PyYAML imported for a YAML script only
        return dump_yaml(data)


def save_script(script: Script, path: str | os.PathLike) -> None:
    """Write a script atomically, YAML or JSON by the file's extension."""
    p = Path(path)
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    write_atomic(p, dump_script(script, fmt))


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write text to path through a temporary file, so a crash never leaves half a file
    (an OutputError, naming the file, when it cannot be written)."""
    _write_file(path, text)
