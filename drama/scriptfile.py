"""Script <-> YAML / JSON files, validated with the file and line of every problem."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import yaml

from .errors import InputError, ScriptError
from .model import GENDERS, KINDS, CharacterEntry, Line, Script

LINE_KEYS = {"speaker", "kind", "text", "start", "end", "cue", "confidence"}
SCRIPT_KEYS = {"title", "source", "source_sha256", "characters", "lines"}
CHARACTER_KEYS = {"name", "aliases", "gender", "evidence", "lines"}
GENDER_WORDS = {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f",
                "w": "f", "unknown": "unknown", "?": "unknown", "none": "unknown",
                "neutral": "unknown", "group": "unknown"}


def read_text(path: str | os.PathLike) -> str:
    """A source text as decoded UTF-8 (a BOM is dropped), or an InputError naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    if b"\x00" in data[:4096]:
        raise InputError("looks like a binary file, not a text", path=str(p))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 text (byte {exc.start}); save it as UTF-8",
                         path=str(p), line=line) from None
    # Offsets index the text as Python reads it; normalise Windows line ends so a
    # file saved on Windows gives the same spans as on Linux.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """The hash recorded in a script to notice a source that changed after extraction."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# libyaml's parser where PyYAML was built with it: about 6x faster on a novel's script
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A YAML loader that remembers the line each mapping starts on."""


def _construct_mapping(loader, node, deep=False):
    mapping = _BaseLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_script(path: str | os.PathLike) -> Script:
    """Read a script file (.yaml, .yml or .json), or raise a ScriptError naming file and line."""
    p = str(path)
    raw = read_text(p)
    if p.endswith(".json"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ScriptError(f"not valid JSON: {exc.msg}", path=p, line=exc.lineno) from None
    else:
        try:
            data = yaml.load(raw, Loader=_LineLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            raise ScriptError(f"not valid YAML: {exc.problem or exc.context}", path=p,
                              line=line) from None
        except yaml.YAMLError as exc:
            raise ScriptError(f"not valid YAML: {exc}", path=p) from None
    return script_from_dict(data, p)


def script_from_dict(data, path: str = "<script>") -> Script:
    """Build a Script from parsed YAML/JSON, collecting every problem before raising."""
    if not isinstance(data, dict) or "lines" not in data:
        raise ScriptError("not a drama script: expected a mapping with 'lines'", path=path)
    problems: list[str] = []
    unknown = set(data) - SCRIPT_KEYS - {"__line__"}
    if unknown:
        problems.append(f"unknown key(s) {', '.join(sorted(unknown))}")
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list):
        raise ScriptError("'lines' must be a list", path=path, line=data.get("__line__"))
    lines: list[Line] = []
    first_line_no = None
    for i, item in enumerate(raw_lines):
        where = f"lines -> {i + 1}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping with speaker, kind, text, start, end")
            continue
        line_no = item.get("__line__")
        if line_no:
            where = f"line {line_no}: {where}"
            first_line_no = first_line_no or line_no
        missing = [k for k in ("speaker", "kind", "text") if k not in item]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        bad = set(item) - LINE_KEYS - {"__line__"}
        if bad:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(bad))}")
        if item["kind"] not in KINDS:
            problems.append(f"{where} -> kind: must be narration or dialogue, not {item['kind']!r}")
        if not isinstance(item["speaker"], str) or not item["speaker"].strip():
            problems.append(f"{where} -> speaker: must be a non-empty name")
        start, end = item.get("start"), item.get("end")
        if start is not None or end is not None:
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
                problems.append(f"{where}: start and end must be whole numbers, start <= end")
        conf = item.get("confidence")
        if conf is not None and not (isinstance(conf, (int, float)) and 0 <= conf <= 1):
            problems.append(f"{where} -> confidence: must be a number from 0 to 1")
        lines.append(Line(
            speaker=str(item["speaker"]).strip(), kind=str(item["kind"]),
            text=str(item["text"] if item["text"] is not None else ""),
            start=start if isinstance(start, int) else -1,
            end=end if isinstance(end, int) else -1,
            cue=item.get("cue"), confidence=conf))
    characters = _characters(data, problems) if "characters" in data else None
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ScriptError("; ".join(problems[:5]) + more, path=path)
    script = Script(title=str(data.get("title") or Path(path).stem),
                    source=data.get("source"), lines=lines,
                    source_sha256=data.get("source_sha256"), characters=characters)
    script.count_lines()    # counts follow the lines as they are now, edited or not
    return script


def _characters(data: dict, problems: list[str]) -> list[CharacterEntry]:
    """The characters section, its problems appended. Line counts are not read: they are
    counted from the lines, so a hand-edited script is never refused for stale counts."""
    raw = data.get("characters")
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append("characters: must be a list of entries with name, aliases, gender")
        return []
    out: list[CharacterEntry] = []
    claimed: dict[str, str] = {}       # folded name or alias -> where it was first given
    for i, item in enumerate(raw):
        where = f"characters -> {i + 1}"
        if isinstance(item, dict) and item.get("__line__"):
            where = f"line {item['__line__']}: {where}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not item["name"].strip():
            problems.append(f"{where}: must be a mapping with a name")
            continue
        name = item["name"].strip()
        where = f"{where} ({name})"
        bad = set(item) - CHARACTER_KEYS - {"__line__"}
        if bad:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(bad))}")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) and str(a).strip()
                                                    for a in aliases):
            problems.append(f"{where} -> aliases: must be a list of names")
            aliases = []
        gender = GENDER_WORDS.get(str(item.get("gender") or "unknown").strip().casefold())
        if gender not in GENDERS:
            problems.append(f"{where} -> gender: must be m, f or unknown, "
                            f"not {item.get('gender')!r}")
            gender = "unknown"
        evidence = item.get("evidence") or {}
        if not isinstance(evidence, dict):
            problems.append(f"{where} -> evidence: must be a mapping of counts")
            evidence = {}
        entry = CharacterEntry(name=name, aliases=[str(a).strip() for a in aliases],
                               gender=gender,
                               evidence={k: v for k, v in evidence.items() if k != "__line__"})
        for n, what in [(name, "name")] + [(a, "alias") for a in entry.aliases]:
            first = claimed.get(n.casefold())
            if first is not None and first != name:
                problems.append(f"{where}: {what} {n!r} is already {first}'s; "
                                "one name stands for one person")
            claimed.setdefault(n.casefold(), name)
        out.append(entry)
    return out


class _Flow(dict):
    """A mapping written on one line ({title_f: 12, pronoun_f: 3})."""


class _FlowList(list):
    """A list written on one line ([Emma, Miss Woodhouse])."""


class _ScriptDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with the characters' aliases and evidence on one line each."""


_ScriptDumper.add_representer(_Flow, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", v, flow_style=True))
_ScriptDumper.add_representer(_FlowList, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))


def dump_script(script: Script, fmt: str = "yaml") -> str:
    """The script as YAML or JSON text."""
    data = script.to_dict()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    for entry in data.get("characters") or ():
        if "aliases" in entry:
            entry["aliases"] = _FlowList(entry["aliases"])
        if "evidence" in entry:
            entry["evidence"] = _Flow(entry["evidence"])
    return yaml.dump(data, Dumper=_ScriptDumper, allow_unicode=True, sort_keys=False,
                     width=100)


def save_script(script: Script, path: str | os.PathLike) -> None:
    """Write a script atomically, YAML or JSON by the file's extension."""
    p = Path(path)
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    write_atomic(p, dump_script(script, fmt))


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write text to path through a temporary file, so a crash never leaves half a file."""
    p = Path(path)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f".{p.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, p)
    finally:
        if tmp.exists():
            tmp.unlink()
