"""voices.yaml -> Casting, validated node by node so every problem names its line."""
from __future__ import annotations

import difflib
import logging
import os
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import gcpause, safeyaml
from ..errors import CastingError
from ..files import NOT_REGULAR_INPUT, NotRegularFile, cannot_read, read_regular, utf8_text
from ..model import NARRATOR, name_key
from .lexicon import Lexicon, LexiconEntry, global_lexicon_path
from .model import (DEFAULT_NARRATOR, ENTRY_KEY_SYNONYMS, ENTRY_KEYS, GENDER_SYNONYMS,
                    GENDERS, PITCH_RANGE, RATE_RANGE, TOP_KEYS, Casting, VoiceEntry,
                    volume_problem)
from .voices import VoiceCatalog, closest_voices

log = logging.getLogger(__name__)


class CastingProblems(CastingError):
    """A voices.yaml with one or more problems, each on its own line with file and line.

    ``problems`` is the list of (line, message) pairs, in file order.
    """

    def __init__(self, path: str, problems: list[tuple[int | None, str]]):
        # each once: three aliases *t of one entry are one node, one line, one problem
        self.problems = sorted(dict.fromkeys(problems), key=lambda p: (p[0] or 0))
        first_line, first = self.problems[0]
        super().__init__(first, path=path, line=first_line)
        rest = [f"{path}:{ln}: {msg}" if ln else f"{path}: {msg}" for ln, msg in self.problems[1:]]
        self._lines = [self.args[0], *rest]
        if rest:
            self.args = ("\n".join(self._lines),)

    def __str__(self) -> str:
        return self.args[0]

    def lines(self) -> list[str]:
        """One line a problem."""
        return self._lines


def read_casting_text(path: str) -> str:
    """The file exactly as stored (BOM and line ends kept), or a CastingError."""
    try:
        data = read_regular(path)
    except IsADirectoryError:
        raise CastingError("is a directory, not a casting file", path=path) from None
    except NotRegularFile:
        raise CastingError(f"{NOT_REGULAR_INPUT}: choose another casting file",
                           path=path) from None
    except OSError as exc:
        raise CastingError(cannot_read(exc), path=path) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        raise CastingError("is saved as UTF-16 (it starts with that byte-order mark); drama "
                           "edits a casting file in place and keeps it UTF-8: save it as UTF-8",
                           path=path)
    return utf8_text(data, path, CastingError, "UTF-8")


def compose(text: str, path: str) -> Node | None:
    """The YAML node tree of a casting file, or a CastingError with the line (an alias bomb,
    a recursive alias and deep nesting are errors too: see drama.safeyaml)."""
    return safeyaml.compose(text, path, CastingError)


def _value(node: Node):
    """The Python value of a node, as PyYAML's safe loader builds it."""
    return safeyaml.construct(node)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _written(node: Node) -> str | None:
    """A scalar's text: a string as YAML reads it, and as written where YAML reads a yes, a
    no, a number or a date (as a key is, _key_text): an alias `[yes]` was the name 'True',
    and a word said `yes` was said "True" (hostile37). None for a null or no scalar."""
    if not isinstance(node, ScalarNode):
        return None
    value = _value(node)
    return value if value is None or isinstance(value, str) else str(node.value)


def _key_text(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return str(node.value)
    return str(_value(node))


def _is_merge(knode: Node) -> bool:
    return isinstance(knode, ScalarNode) and knode.tag.endswith(":merge")


def _items(node: MappingNode, where: str, problems: list) -> list[tuple[Node, Node]]:
    """A mapping's (key node, value node) pairs with YAML merge keys (`<<: *base`, or
    `<<: [*a, *b]`) expanded as PyYAML's loader does: the keys written in the mapping win
    over merged ones, and an earlier merged mapping over a later one."""
    own = [(k, v) for k, v in node.value if not _is_merge(k)]
    merged: list[tuple[Node, Node]] = []
    for knode, vnode in node.value:
        if not _is_merge(knode):
            continue
        sources = vnode.value if isinstance(vnode, SequenceNode) else [vnode]
        for source in sources:
            if isinstance(source, MappingNode):
                merged += _items(source, where, problems)
            else:
                problems.append((_line(source), f"{where}<<: merges a mapping (an alias such "
                                                "as *base) or a list of them"))
    if not merged:
        return own
    written = {_key_text(k).strip().casefold() for k, _ in own}
    taken: set[str] = set()
    extra = []
    for k, v in merged:
        key = _key_text(k).strip().casefold()
        if key not in written and key not in taken:
            taken.add(key)
            extra.append((k, v))
    return extra + own


def _pairs(node: MappingNode, where: str, problems: list) -> list[tuple[str, Node, Node]]:
    """A mapping's (key, key node, value node) pairs, merge keys expanded (_items); repeated
    keys reported, first kept."""
    seen: dict[str, Node] = {}
    out = []
    for knode, vnode in _items(node, where, problems):
        key = _key_text(knode)
        folded = key.strip().casefold()
        if folded in seen:
            first = seen[folded]
            problems.append((_line(knode), f"{where}{key}: appears twice (first on line "
                                           f"{_line(first)}); keep one"))
            continue
        seen[folded] = knode
        out.append((key, knode, vnode))
    return out


def _unknown_key(key: str, known, where: str, synonyms: dict | None = None) -> str:
    meant = (synonyms or {}).get(str(key).casefold())
    hint = [meant] if meant else difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    did = f"; did you mean {hint[0]}?" if hint else ""
    return f"{where}{key}: unknown key{did} (known: {', '.join(known)})"


def _number(vnode: Node, where: str, lo, hi, problems: list, whole: bool):
    v = _value(vnode) if isinstance(vnode, ScalarNode) else None
    kind = "a whole number" if whole else "a number"
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi \
            or (whole and isinstance(v, float) and not v.is_integer()):
        problems.append((_line(vnode), f"{where}: must be {kind} between {lo} and {hi}"))
        return None
    return v


def _engine_name(node: Node, where: str, problems: list) -> str | None:
    from ..engines import ENGINES
    if not isinstance(node, ScalarNode):
        problems.append((_line(node), f"{where} -> engine: must be an engine name: "
                                      f"{', '.join(ENGINES)}"))
        return None
    name = _value(node)
    if name is None:
        return None
    if not isinstance(name, str) or name.strip() not in ENGINES:
        problems.append((_line(node), f"{where} -> engine: unknown engine {name!r}; known: "
                                      f"{', '.join(ENGINES)}"))
        return None
    return name.strip()


def _check_voice(entry: VoiceEntry, vn: Node, values: dict, where: str, problems: list,
                 catalog: VoiceCatalog) -> None:
    """The voice (and speaker) named by an entry, checked against its engine's voices."""
    why_not = catalog.unusable(entry.engine)
    if why_not and not catalog.lacking_ok:
        node = values["engine"][1] if "engine" in values else vn
        problems.append((_line(node), f"{where} -> engine: {why_not}"))
    if not catalog.knows(entry.engine, entry.voice) and not catalog.lacking_ok:
        hint = closest_voices(entry.voice, catalog.ids(entry.engine))
        download = (f", or `drama voices download {entry.voice}`"
                    if catalog.engine(entry.engine) == "piper" else "")
        problems.append((_line(vn), f"{where} -> voice: unknown voice {entry.voice!r}"
                         + (f"; did you mean {' or '.join(hint)}?" if hint
                            else f"; see `drama voices`{download}")))
    if "speaker" not in values:
        return
    sn = values["speaker"][1]
    speaker = _value(sn) if isinstance(sn, ScalarNode) else sn
    if speaker is None:
        return
    engine = catalog.engine(entry.engine)
    named = entry.engine or ("engine" not in values and catalog.default_engine)
    if named and engine != "piper":
        # only a Piper model has several speakers: a speaker elsewhere would be ignored
        problems.append((_line(sn), f"{where} -> speaker: picks a speaker of a multi-speaker "
                                    f"Piper voice, and {entry.voice} is a {engine} voice; "
                                    "leave speaker out"))
        return
    known = catalog.voice(entry.engine, entry.voice)
    names = known.speakers if known is not None else ()
    if isinstance(speaker, str) and speaker.strip() in names:
        entry.speaker = names.index(speaker.strip())
    elif isinstance(speaker, int) and not isinstance(speaker, bool) and speaker >= 0 and (
            known is None or speaker < len(names)):
        entry.speaker = speaker
    elif known is not None and not names:
        problems.append((_line(sn), f"{where} -> speaker: {entry.voice} has one speaker; "
                                    "leave speaker out"))
    else:
        count = f" from 0 to {len(names) - 1} or a name such as {names[0]!r}" if names else ""
        problems.append((_line(sn), f"{where} -> speaker: must be a speaker id{count} "
                                    f"(see `drama voices --speakers`)"))


def _entry(vnode: Node, where: str, problems: list, catalog: VoiceCatalog
           ) -> VoiceEntry | None:
    """One narrator or speaker entry, its problems appended with their lines."""
    if isinstance(vnode, ScalarNode) and vnode.tag.endswith(":str") and vnode.value.strip():
        pairs = [("voice", vnode, vnode)]
    elif isinstance(vnode, MappingNode):
        pairs = _pairs(vnode, f"{where} -> ", problems)
    else:
        problems.append((_line(vnode), f"{where}: must be a mapping such as "
                                       "{voice: gmw/en-us+m3, rate: 170}"))
        return None
    values = {}
    for key, knode, v in pairs:
        if key not in ENTRY_KEYS:
            problems.append((_line(knode), _unknown_key(key, ENTRY_KEYS, f"{where} -> ",
                                                         ENTRY_KEY_SYNONYMS)))
        else:
            values[key] = (knode, v)
    if "voice" not in values:
        problems.append((_line(vnode), f"{where} -> voice: missing; name one of `drama voices`"))
        return None
    _, vn = values["voice"]
    voice = _value(vn) if isinstance(vn, ScalarNode) else None
    if not isinstance(voice, str) or not voice.strip():
        problems.append((_line(vn), f"{where} -> voice: must be a voice id from `drama voices`"))
        return None
    voice = voice.strip()
    entry = VoiceEntry(voice=voice, line=_line(vnode))
    if "engine" in values:
        entry.engine = _engine_name(values["engine"][1], where, problems)
    _check_voice(entry, vn, values, where, problems, catalog)
    _sound_settings(entry, values, where, problems, catalog)
    if "aliases" in values:
        entry.aliases, entry._alias_lines = _aliases(  # type: ignore[attr-defined]
            values["aliases"][1], where, problems)
    if "gender" in values:
        entry.gender = _gender(values["gender"][1], where, problems)
    if "note" in values:
        nn = values["note"][1]
        if not isinstance(nn, ScalarNode):
            problems.append((_line(nn), f"{where} -> note: must be text"))
        elif (n := _value(nn)) is not None:
            entry.note = str(n)
    return entry


def _sound_settings(entry: VoiceEntry, values: dict, where: str, problems: list,
                    catalog: VoiceCatalog) -> None:
    """An entry's rate, pitch and volume, each checked against its range."""
    for key, lo, hi in (("rate", *RATE_RANGE), ("pitch", *PITCH_RANGE)):
        if key in values:
            v = _number(values[key][1], f"{where} -> {key}", lo, hi, problems, whole=False)
            if v is not None:
                setattr(entry, key, int(round(v)))
    if "pitch" in values and catalog.engine(entry.engine) == "piper":
        problems.append((_line(values["pitch"][1]), f"{where} -> pitch: Piper voices have no "
                         "pitch control; leave pitch out (a multi-speaker voice's speakers "
                         "differ in pitch)"))
    if "volume" in values:
        node = values["volume"][1]
        v = _value(node) if isinstance(node, ScalarNode) else None
        problem = volume_problem(v)
        if problem:
            problems.append((_line(node), f"{where} -> volume: {problem}"))
        else:
            entry.volume = float(v)


def _aliases(an: Node, where: str, problems: list) -> tuple[list[str], list[tuple[str, int]]]:
    """An entry's aliases, and each with its line (for problems found later)."""
    items = an.value if isinstance(an, SequenceNode) else [an]
    aliases = []
    for item in items:
        a = _written(item)
        if isinstance(a, str) and name_key(a.strip()) == name_key(NARRATOR):
            # a script's lines given to the narrator, in any case, are the narrator's
            # (model.speaker_label): such an alias would voice none of them, unsaid
            problems.append((_line(item), f"{where} -> aliases: {a.strip()!r} is the "
                                          "narrator, voiced by the top-level `narrator:` "
                                          "entry; remove it"))
        elif isinstance(a, str) and a.strip():
            aliases.append((a.strip(), _line(item)))
        elif not (isinstance(an, ScalarNode) and a is None):
            problems.append((_line(item), f"{where} -> aliases: must be a list of names "
                                          "such as [Vladimir Ilyich, Ilyich]"))
    return [a for a, _ in aliases], aliases


def _gender(gn: Node, where: str, problems: list) -> str | None:
    """An entry's gender, as one of GENDERS (synonyms such as 'woman' accepted)."""
    g = _value(gn) if isinstance(gn, ScalarNode) else []
    if g is None:
        return None
    g = GENDER_SYNONYMS.get(str(g).strip().casefold(), str(g).strip().casefold())
    if g not in GENDERS:
        problems.append((_line(gn), f"{where} -> gender: must be one of {', '.join(GENDERS)}"))
        return None
    return g


def _says_something(say: str) -> bool:
    """Not "", "[[ ]]" (no phoneme: the word was silent) nor a respelling of no letter."""
    say = say.strip()
    if say.startswith("[[") and say.endswith("]]"):
        return bool(say[2:-2].strip())
    return any(c.isalnum() for c in say)


def _lexicon(node: Node, problems: list, origin: str) -> list[LexiconEntry]:
    """A `lexicon:` mapping of word -> how it is said, its problems appended."""
    if _is_null(node):
        return []
    if not isinstance(node, MappingNode):
        problems.append((_line(node), "lexicon: must be a mapping of word to how it is said, "
                                      "such as  Smolny: SMOL-nee"))
        return []
    entries: dict[str, LexiconEntry] = {}
    for knode, vnode in _items(node, "lexicon -> ", problems):
        word = _key_text(knode).strip()
        say = _written(vnode)
        where = f"lexicon -> {word}"
        if not word or not any(c.isalnum() for c in word):
            problems.append((_line(knode), f"{where}: not a word"))
        elif word in entries:
            problems.append((_line(knode), f"{where}: appears twice (first on line "
                                           f"{entries[word].line}); keep one"))
        elif not isinstance(say, (str, int)) or not _says_something(str(say)):
            problems.append((_line(vnode), f"{where}: must say how the word sounds: a "
                                           "respelling such as SMOL-nee, or espeak phonemes "
                                           "such as \"[[sm'Olni]]\""))
        elif ("[[" in str(say) or "]]" in str(say)) and not (
                str(say).strip().startswith("[[") and str(say).strip().endswith("]]")
                and str(say).count("[[") == 1 and str(say).count("]]") == 1):
            problems.append((_line(vnode), f"{where}: phonemes go in one [[ ]] pair around "
                                           "the whole pronunciation, such as \"[[sm'Olni]]\""))
        else:
            entries[word] = LexiconEntry(word, str(say).strip(), _line(knode), origin)
    return list(entries.values())


def casting_from_text(text: str, path: str,
                      voice_ids: set[str] | VoiceCatalog | None = None) -> Casting:
    """Validate a casting file's text; every problem is collected before raising.

    voice_ids is the voices the engines offer: a VoiceCatalog, or the default engine's ids
    alone (a set), or None to check no voice. Read with the cycle collector paused, as a
    script is: its passes over the nodes and entries of a series' 30,000 speakers were
    over half of reading them (bench/casting_scale.py).
    """
    with gcpause.gc_paused():
        return _casting_from_text(text, path, voice_ids)


def _casting_from_text(text: str, path: str,
                       voice_ids: set[str] | VoiceCatalog | None) -> Casting:
    catalog = voice_ids if isinstance(voice_ids, VoiceCatalog) else \
        VoiceCatalog.of_ids(voice_ids)
    root = compose(text, path)
    problems: list[tuple[int | None, str]] = []
    narrator = DEFAULT_NARRATOR
    if root is None or _is_null(root):
        return Casting(narrator=narrator, path=path)
    if not isinstance(root, MappingNode):
        raise CastingError("must be a mapping with 'narrator' and 'speakers'", path=path,
                           line=_line(root))
    _refuse_lines_file(root, path)
    top = _top_entries(root, problems)
    if "narrator" in top and not _is_null(top["narrator"]):
        narrator = _entry(top["narrator"], "narrator", problems, catalog) or narrator
        _no_narrator_aliases(narrator, problems)
    speakers_node = top.get("speakers")
    speakers = {} if speakers_node is None or _is_null(speakers_node) \
        else _speakers(speakers_node, problems, catalog)
    lexicon = _lexicon(top["lexicon"], problems, path) if "lexicon" in top else []
    if problems:
        raise CastingProblems(path, problems)
    return Casting(narrator=narrator, speakers=speakers, path=path, lexicon=Lexicon(lexicon))


def _no_narrator_aliases(narrator: VoiceEntry, problems: list) -> None:
    """A problem when the narrator's entry gives aliases: no line is voiced through one
    (only a speaker's aliases are looked up), so `narrator: {voice: ..., aliases:
    [Ann Lee]}` left Ann Lee uncast, unsaid (walkthrough newcomer51)."""
    named = getattr(narrator, "_alias_lines", [])
    if named:
        alias, line = named[0]
        problems.append((line, f"narrator -> aliases: the narrator has none ({alias!r} "
                               "speaks in no voice through it); give them an entry under "
                               "speakers with the narrator's voice, or make their lines "
                               "narration: `drama speakers move NAME --narrator -s SCRIPT`"))


def _refuse_lines_file(root: MappingNode, path: str) -> None:
    """A CastingError of one line when the file holds `lines:` and none of a casting file's
    keys: a drama script or a render manifest given as the casting file (`-c
    out/tale.script.yaml`), which was one "unknown key" line for each of its keys."""
    keys = {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
    if "lines" in keys and not keys.intersection(TOP_KEYS):
        raise CastingError("is no casting file: it holds `lines:`, as a drama script or a "
                           f"render manifest does, and none of {', '.join(TOP_KEYS)}; name "
                           "the casting file (voices.yaml)", path=path)


def _top_entries(root: MappingNode, problems: list) -> dict[str, Node]:
    """The top-level entries of a casting file by key (narrator, speakers, lexicon), an
    unknown key a problem; "x-" keys are a place for anchors to merge (<<: *man), as in
    compose files, and skipped."""
    top = {}
    for key, knode, vnode in _pairs(root, "", problems):
        if key.startswith("x-"):
            continue
        if key not in TOP_KEYS:
            problems.append((_line(knode), _unknown_key(key, TOP_KEYS, "")))
        else:
            top[key] = vnode
    return top


def _speakers(node: Node, problems: list, catalog: VoiceCatalog) -> dict[str, VoiceEntry]:
    """The `speakers:` mapping's entries by name, each name and alias claimed by one entry
    (a problem for each that is not a name, the narrator's, or claimed twice)."""
    if not isinstance(node, MappingNode):
        problems.append((_line(node), "speakers: must be a mapping of speaker name to "
                                      "voice, such as  Trotsky: {voice: gmw/en-us+m3}"))
        return {}
    speakers: dict[str, VoiceEntry] = {}
    claimed: dict[str, tuple[str, int]] = {}
    for name, knode, vnode in _pairs(node, "speakers -> ", problems):
        name = name.strip()
        if not isinstance(knode, ScalarNode) or not name:
            problems.append((_line(knode), _not_a_name(knode)))
            continue
        if name_key(name) == name_key(NARRATOR):
            problems.append((_line(knode), f"speakers -> {name}: the narrator's voice "
                                           "is the top-level `narrator:` entry; move it"))
            continue
        claimed.setdefault(name_key(name), (name, _line(knode)))
        entry = _entry(vnode, f"speakers -> {name}", problems, catalog)
        if entry is None:
            continue
        entry.line = _line(knode)
        speakers[name] = entry
    # aliases after every name is known, so an alias may not shadow a later speaker
    for name, entry in speakers.items():
        _claim_aliases(name, entry, claimed, problems)
    return speakers


def _claim_aliases(name: str, entry: VoiceEntry, claimed: dict[str, tuple[str, int]],
                   problems: list) -> None:
    """Claim each alias of speaker `name` in `claimed` (name key -> owner and line); an
    alias another speaker or entry holds already is a problem."""
    for alias, line in getattr(entry, "_alias_lines", []):
        owner = claimed.get(name_key(alias))
        if owner and owner[0] != name:
            what = "a speaker" if name_key(owner[0]) == name_key(alias) \
                else f"an alias of {owner[0]}"
            # an alias written above the entry's name came with an anchor it copies
            # (`Kamenev: *lenin`, `<<: *man`): the entry's line is named, where the anchor's
            # alone said nothing of Kamenev's (newcomer40)
            copied = line < entry.line
            where = f" (from the anchor on line {line})" if copied else ""
            problems.append((entry.line if copied else line,
                             f"speakers -> {name} -> aliases{where}: {alias!r} is already "
                             f"{what} (line {owner[1]}); one name can voice only one entry"))
        else:
            claimed.setdefault(name_key(alias), (name, line))
    if hasattr(entry, "_alias_lines"):
        del entry._alias_lines


def _not_a_name(knode: Node) -> str:
    """Why a speaker's key is no name: empty (no line has an empty speaker), or a list or
    a mapping (`[Tom, Thomas]: ...` was the one speaker "['Tom', 'Thomas']", voicing no
    line, while Tom was cast anew: hostile39). The key itself is not repeated: a list of
    aliases may hold thousands of values."""
    if isinstance(knode, ScalarNode):
        return "speakers: an empty name voices no line; write the speaker's name"
    kind = "a list" if isinstance(knode, SequenceNode) else "a mapping"
    return (f"speakers: a speaker's name is text, not {kind}; to voice several names with "
            "one entry, write one and list the others under `aliases:`")


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def load_casting(path: str | os.PathLike, voice_ids: set[str] | VoiceCatalog | None = None,
                 missing_ok: bool = False) -> Casting:
    """Read and validate voices.yaml, collecting every problem before raising.

    voice_ids, when given, is the voices the engines offer: a VoiceCatalog, or every voice
    id of the default engine (variants as ``+name``, see engine_voice_ids). A missing file
    is an error unless missing_ok, when it reads as an empty cast with the default narrator.
    The global lexicon file (global_lexicon_path), when there is one, is read too: the
    book's entries win over its entries for the same word.
    """
    p = str(path)
    if not Path(p).exists():
        if missing_ok:
            casting = Casting(narrator=DEFAULT_NARRATOR, path=p)
        else:
            raise CastingError("no such file; run `drama cast SCRIPT` to create it", path=p)
    else:
        casting = casting_from_text(read_casting_text(p), p, voice_ids)
    shared = load_global_lexicon()
    if shared:
        own = {e.word for e in casting.lexicon.entries}
        casting.lexicon = Lexicon(casting.lexicon.entries +
                                  [e for e in shared if e.word not in own])
    return casting


def load_global_lexicon(path: str | os.PathLike | None = None) -> list[LexiconEntry]:
    """The entries of the global lexicon file: a mapping of word -> how it is said (or the
    same under a `lexicon:` key); none when the file does not exist."""
    p = str(path or global_lexicon_path())
    if not Path(p).is_file():
        if path is None:
            _say_the_named_lexicon_is_missing(p)
        return []
    root = compose(read_casting_text(p), p)
    if isinstance(root, MappingNode) and len(root.value) == 1 and \
            _key_text(root.value[0][0]) == "lexicon":
        root = root.value[0][1]
    if root is None:
        return []
    problems: list[tuple[int | None, str]] = []
    entries = _lexicon(root, problems, p)
    if problems:
        raise CastingProblems(p, problems)
    return entries


_SAID_MISSING: set[str] = set()
"""The lexicons named by $DRAMA_LEXICON that were found missing and said so (once each)."""


def _say_the_named_lexicon_is_missing(path: str) -> None:
    """A warning, once a command, when $DRAMA_LEXICON names no file (a typo was silently no
    shared lexicon); unset (the default file, made when wanted) or the null device (no
    lexicon meant) says nothing. A warning, not an error: the lexicon only changes how a
    few words are said, a command needs it for nothing else, and the file may be one yet
    to write (a build reads it again when it appears)."""
    if not os.environ.get("DRAMA_LEXICON", "").strip() or path in _SAID_MISSING or \
            (os.path.exists(path) and not os.path.isdir(path)):
        return
    _SAID_MISSING.add(path)
    what = "is a folder" if os.path.isdir(path) else "does not exist"
    log.warning("DRAMA_LEXICON names %s, which %s: no shared lexicon is read (make the "
                "file, or unset DRAMA_LEXICON)", path, what)
