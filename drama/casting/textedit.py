"""Append speaker entries to a casting file as text, so every byte already there survives.

The file is a person's workspace: it is never round-tripped through a YAML dumper. The end of
the ``speakers:`` block is found from the YAML node marks, which is robust to comments, blank
lines, flow style, CRLF line ends and a missing final newline. A file whose lines end in a lone
CR (an old Mac editor's) is edited with LF ends and given back with CR (_lone_cr_kept).
"""
from __future__ import annotations

import copy
import functools
import json

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import safeyaml
from ..errors import CastingError
from ..model import name_key


def yaml_key(name: str) -> str:
    """A speaker name as a YAML mapping key, quoted only when it must be."""
    dumped = yaml.safe_dump({name: None}, allow_unicode=True, default_flow_style=True,
                            width=10_000).strip()
    # "{key: null}" -> "key"
    inner = dumped[1:-1]
    key = inner[: inner.rfind(": null")]
    if key.startswith("?") or "\n" in key or len(key) > 1000:
        # not a simple key (very long, or odd characters): a JSON string is valid YAML
        key = json.dumps(name, ensure_ascii=False)
    return key


def flow_entry(fields: dict) -> str:
    """One entry's settings as a one-line flow mapping: {voice: ..., rate: ..., pitch: ...}."""
    parts = []
    for key, value in fields.items():
        if value is None:
            continue
        text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                              width=10_000).strip()
        if text.endswith("\n..."):
            text = text[:-4].strip()
        text = text.removesuffix("...").strip()
        parts.append(f"{key}: {text}")
    return "{" + ", ".join(parts) + "}"


def _lone_cr_kept(edit):
    """An edit of the text, made on a text whose lines all end in a lone CR as if they ended
    in LF, its result given back with CR: the edits find lines by their LF, and appended
    an LF line to such a file (hostile37). A CR is a line break wherever YAML reads it, and
    as long as an LF, so the text reads the same and node marks stay where they were."""
    @functools.wraps(edit)
    def edited(text: str, *args, **kwargs) -> str:
        if "\r" not in text or "\n" in text:
            return edit(text, *args, **kwargs)
        return edit(text.replace("\r", "\n"), *args, **kwargs).replace("\n", "\r")
    return edited


def _newline(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _line_end(text: str, index: int) -> int:
    """Index just past the line break of the line holding index (len(text) at the end)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _last_content_end(node: Node) -> int:
    """Index just past the last character of a node's own text (not trailing comments)."""
    if _is_alias(node):  # `*name`: its own text, not the anchored one's
        return node.end_mark.index
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _last_content_end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_content_end(node.value[-1])
    return node.end_mark.index


def _following_indented_comments(text: str, pos: int, indent: int) -> int:
    """pos moved past comment lines indented at least `indent` that directly follow it."""
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) >= indent:
            pos = end
        else:
            break
    return pos


TODO_ENTRIES_SHOWN = 3
"""How many new speakers' entries an append refused by the file's layout spells out in its
error line; past that it names the first few and says where to get every entry."""


def _todo_append(entries: list[tuple[str, str]]) -> str:
    """What to do when the file's layout refuses an append: the entries to add by hand, as
    they would have been written (a user with nothing else to go on could not guess them).
    Many new speakers (a book's) would make one line of thousands of characters: past
    TODO_ENTRIES_SHOWN it names the first of them and points to `drama cast --dry-run`,
    which prints every entry, one a line, ready to paste."""
    if len(entries) <= TODO_ENTRIES_SHOWN:
        return "add the new speakers by hand: " + "; ".join(f"{k}: {v}" for k, v in entries)
    names = ", ".join(k for k, _ in entries[:TODO_ENTRIES_SHOWN])
    return (f"add the {len(entries)} new speakers by hand ({names} and "
            f"{len(entries) - TODO_ENTRIES_SHOWN} more; `drama cast --dry-run` on the same "
            "scripts prints their entries)")


@_lone_cr_kept
def append_speakers(text: str, entries: list[tuple[str, str]], narrator: str | None = None
                    ) -> str:
    """text with `name: {settings}` entries added at the end of its speakers block.

    entries are (yaml key, flow mapping) pairs. Only insertions are made, except that an
    empty ``speakers:`` value (``{}``, ``null``, ``~``) is replaced by the block.
    narrator, a flow mapping, is written only when the file has no mapping at all yet.
    """
    nl = _newline(text)
    todo = _todo_append(entries)
    root = _compose_marking_aliases(text)  # load_casting has checked it already
    if root is None or (isinstance(root, ScalarNode) and root.value in ("", "~", "null")
                        and root.tag.endswith(":null")):
        return _started_file(text, entries, narrator, nl)  # an empty file, or only comments
    if not isinstance(root, MappingNode):
        raise CastingError(f"must be a mapping with 'narrator' and 'speakers'; {todo}")
    speakers = None
    for knode, vnode in root.value:
        if isinstance(knode, ScalarNode) and knode.value == "speakers":
            speakers = (knode, vnode)  # PyYAML keeps the last of a repeated key; so do we
    if speakers is not None:  # shared (`speakers: *cast`): the text is the anchor's
        _refuse_alias(speakers[1], "speakers", todo)
    if root.flow_style:
        return _append_flow_root(text, root, speakers, entries, nl)
    key_col = root.value[0][0].start_mark.column if root.value else 0
    if speakers is None:
        return _with_speakers_key(text, root, key_col, entries, nl)
    knode, vnode = speakers
    if isinstance(vnode, MappingNode) and vnode.value and not vnode.flow_style:
        return _appended_to_block(text, vnode, entries, nl)
    if isinstance(vnode, MappingNode) and vnode.value:
        return _appended_to_braces(text, vnode, key_col, entries, nl)
    if isinstance(vnode, MappingNode) or (isinstance(vnode, ScalarNode)
                                          and vnode.tag.endswith(":null")):
        return _filled_empty_value(text, knode, vnode, key_col, entries, nl)
    raise CastingError(f"speakers: must be a mapping of speaker name to voice; {todo}")


def _block(entries: list[tuple[str, str]], indent: str, nl: str) -> str:
    """The entries as block mapping lines at `indent`."""
    return "".join(f"{indent}{key}: {value}{nl}" for key, value in entries)


def _started_file(text: str, entries: list[tuple[str, str]], narrator: str | None,
                  nl: str) -> str:
    """A file empty or of comments only, with the narrator (when given) and a speakers
    block after what it holds."""
    prefix = text if not text or text.endswith("\n") else text + nl
    head = f"narrator: {narrator}{nl}" if narrator else ""
    return prefix + head + "speakers:" + nl + _block(entries, "  ", nl)


def _with_speakers_key(text: str, root: MappingNode, key_col: int,
                       entries: list[tuple[str, str]], nl: str) -> str:
    """A block file with no `speakers:` key, given one after its last entry (and the
    indented comments that follow it)."""
    at = _last_content_end(root)
    at = _following_indented_comments(text, _line_end(text, at), key_col + 1)
    prefix = text[:at] if at == 0 or text[at - 1] == "\n" else text[:at] + nl
    return prefix + " " * key_col + "speakers:" + nl + \
        _block(entries, " " * (key_col + 2), nl) + text[at:]


def _appended_to_block(text: str, speakers: MappingNode, entries: list[tuple[str, str]],
                       nl: str) -> str:
    """A block `speakers:` mapping with the entries after its last one, at its indent."""
    col = speakers.value[0][0].start_mark.column
    at = _line_end(text, _last_content_end(speakers))
    at = _following_indented_comments(text, at, col)
    prefix = text[:at] if text[:at].endswith("\n") else text[:at] + nl
    return prefix + _block(entries, " " * col, nl) + text[at:]


def _appended_to_braces(text: str, speakers: MappingNode, key_col: int,
                        entries: list[tuple[str, str]], nl: str) -> str:
    """A flow `speakers: {A: ..., B: ...}` with the entries added inside the braces, one
    entry a line."""
    close = speakers.end_mark.index - 1
    while close > 0 and text[close] != "}":
        close -= 1
    inner = "".join(f",{nl}{' ' * (key_col + 2)}{k}: {v}" for k, v in entries)
    before = text[:close].rstrip(" \t\r\n,")
    return before + inner + text[len(before):]


def _filled_empty_value(text: str, knode: Node, vnode: Node, key_col: int,
                        entries: list[tuple[str, str]], nl: str) -> str:
    """`speakers:`, `speakers: {}`, `speakers: ~`: the value replaced by the block."""
    start, end = vnode.start_mark.index, vnode.end_mark.index
    if start == end:  # empty value: nothing to replace, start after the key's colon
        start = end = knode.end_mark.index
        colon = text.find(":", start)
        start = end = colon + 1 if colon >= 0 else start
    line_end = _line_end(text, end)
    rest_of_line = text[end:line_end]
    tail = rest_of_line.rstrip("\r\n")
    before = text[:start].rstrip(" \t")
    return before + tail + nl + _block(entries, " " * (key_col + 2), nl) + text[line_end:]


def _append_flow_root(text, root, speakers, entries, nl) -> str:
    """A whole file in flow style, {narrator: ..., speakers: {...}}: edit inside the braces."""
    pairs = ", ".join(f"{k}: {v}" for k, v in entries)
    if speakers is None or (isinstance(speakers[1], ScalarNode)):
        if speakers is not None:
            s, e = speakers[1].start_mark.index, speakers[1].end_mark.index
            if s == e:
                s = e = text.find(":", speakers[0].end_mark.index) + 1
            return text[:s].rstrip(" ") + " {" + pairs + "}" + text[e:]
        close = root.end_mark.index - 1
        while close > 0 and text[close] != "}":
            close -= 1
        before = text[:close].rstrip(" \t\r\n,")
        sep = ", " if root.value else ""
        return before + f"{sep}speakers: {{{pairs}}}" + text[len(before):]
    vnode = speakers[1]
    close = vnode.end_mark.index - 1
    while close > 0 and text[close] != "}":
        close -= 1
    before = text[:close].rstrip(" \t\r\n,")
    sep = ", " if vnode.value else ""
    return before + sep + pairs + text[len(before):]


# ------------------------------------------------------------------ edits of one entry
# `drama speakers merge/rename` change one entry each: a key renamed, aliases added, an
# entry commented out. Each edit replaces or inserts the fewest characters it can, found
# from the node marks; a layout it cannot edit safely raises a CastingError saying so.

class _AliasMarking:
    """A composer that gives each alias (*name) a node of its own, marked where the alias is
    written and pointing to the anchored node (alias_of); PyYAML's gives the anchored node
    itself, whose marks are the anchor's, so an edit there would change every copy."""

    def compose_node(self, parent, index):
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        event = self.peek_event()
        anchored = super().compose_node(parent, index)
        anchored.copied = True  # `&name` that a `*name` copies: its edits change the copy too
        node = copy.copy(anchored)
        node.start_mark, node.end_mark = event.start_mark, event.end_mark
        node.alias_of = anchored
        return node


class _AliasMarkingLoader(_AliasMarking, yaml.SafeLoader):
    """PyYAML's safe loader, its composer marking aliases."""


_AliasMarkingLibyamlLoader = safeyaml.libyaml_composer(_AliasMarking)
"""The same composer over libyaml's events (None without libyaml): 5x faster."""


def _compose_marking_aliases(text: str) -> Node | None:
    """The node tree of a text safeyaml has checked, aliases marked (_AliasMarking)."""
    safeyaml.compose(text, "", CastingError)
    return safeyaml.compose_with(text, _AliasMarkingLibyamlLoader, _AliasMarkingLoader)


def _is_alias(node: Node | None) -> bool:
    return getattr(node, "alias_of", None) is not None


def _refuse_alias(node: Node, where: str, todo: str | None = None) -> None:
    """A CastingError when node is an alias: its settings are a shared anchor's (&name); or
    when it is such an anchor, copied by an alias elsewhere: changing it would change the
    copies too, and replacing its text would drop `&name` (every `*name` left undefined).
    `todo` says what to do instead (by default, of an entry: edit it by hand)."""
    if _is_alias(node):
        raise CastingError(f"{where}: is a copy of a shared anchor (&), and changing it would "
                           "change every copy; " + (todo or "edit this entry by hand (for "
                                                    "example `<<: *name` and the new settings)"))
    if getattr(node, "copied", False):
        raise CastingError(f"{where}: is a shared anchor (&) that other entries copy (*), "
                           "and changing it would change every copy; " +
                           (todo or "edit this entry by hand"))


def _refuse_anchors_within(node: Node, where: str, todo: str) -> None:
    """A CastingError when node, or a node inside it, is an anchor copied elsewhere: taking
    its text out would leave every `*name` undefined. A copy (*name) holds none: its node
    is a copy of the anchored one, `copied` mark included."""
    if _is_alias(node):
        return
    if getattr(node, "copied", False):
        raise CastingError(f"{where}: holds a shared anchor (&) that other entries copy (*), "
                           f"which they would lose; {todo}")
    if isinstance(node, MappingNode):
        for k, v in node.value:
            _refuse_anchors_within(k, where, todo)
            _refuse_anchors_within(v, where, todo)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _refuse_anchors_within(item, where, todo)


def _speakers_node(text: str) -> MappingNode:
    """The speakers mapping to edit entries in; refused when it is shared (`speakers: *cast`
    or copied elsewhere), whose entries' marks are the anchor's: an edit landed there."""
    root = _compose_marking_aliases(text)
    if isinstance(root, MappingNode):
        for knode, vnode in root.value:
            if isinstance(knode, ScalarNode) and knode.value == "speakers" and \
                    isinstance(vnode, MappingNode):
                _refuse_alias(vnode, "speakers", "make this change by hand")
                return vnode
    raise CastingError("has no speakers mapping to edit")


def _find_entry(text: str, name: str) -> tuple[ScalarNode, Node]:
    """The key and value nodes of a speaker's entry (name matched case-insensitively)."""
    folded = name_key(name.strip())
    speakers = _speakers_node(text)
    for knode, vnode in speakers.value:
        if isinstance(knode, ScalarNode) and name_key(str(knode.value).strip()) == folded:
            return knode, vnode
    if any(_merges(speakers, folded)):  # a speaker all the same: "no speaker" would be false
        raise CastingError(f"speakers -> {name}: comes from a shared anchor merged in "
                           "(<<: *name), and changing it would change every copy; edit this "
                           "entry by hand")
    raise CastingError(f"no speaker {name!r} to edit")


def _merges(mapping: MappingNode, folded: str):
    """Whether each mapping merged into this one (`<<: *name`, `<<: [*a, *b]`) has the key."""
    for knode, vnode in mapping.value:
        if knode.tag != "tag:yaml.org,2002:merge":
            continue
        for merged in (vnode.value if isinstance(vnode, SequenceNode) else [vnode]):
            if isinstance(merged, MappingNode):
                yield any(isinstance(k, ScalarNode) and name_key(str(k.value).strip()) ==
                          folded for k, _ in merged.value) or any(_merges(merged, folded))


@_lone_cr_kept
def rename_entry(text: str, old: str, new: str) -> str:
    """text with the key of old's entry replaced by new (nothing else changes)."""
    knode, _ = _find_entry(text, old)
    return text[:knode.start_mark.index] + yaml_key(new) + text[knode.end_mark.index:]


@_lone_cr_kept
def add_aliases(text: str, name: str, aliases: list[str]) -> str:
    """text with aliases added to name's entry: inside its alias list, or as a new
    ``aliases: [...]`` in the entry's own style (flow or block)."""
    if not aliases:
        return text
    knode, vnode = _find_entry(text, name)
    if _is_alias(vnode) or getattr(vnode, "copied", False):
        return _shared_with_aliases(text, knode, vnode, name, aliases)
    flow_items = ", ".join(_scalar(a) for a in aliases)
    if isinstance(vnode, ScalarNode):       # `Trotsky: gmw/en-us`: the voice alone
        s, e = vnode.start_mark.index, vnode.end_mark.index
        return text[:s] + f"{{voice: {text[s:e]}, aliases: [{flow_items}]}}" + text[e:]
    if not isinstance(vnode, MappingNode):
        raise CastingError(f"speakers -> {name}: not a mapping; add the aliases by hand")
    akey, current = next(((k, v) for k, v in vnode.value
                          if isinstance(k, ScalarNode) and k.value == "aliases"), (None, None))
    if current is None:
        return _aliases_key_added(text, vnode, aliases, flow_items)
    _refuse_alias(current, f"speakers -> {name} -> aliases")
    return _added_to_alias_list(text, name, akey, current, aliases, flow_items)


def _added_to_alias_list(text: str, name: str, akey: ScalarNode, current: Node,
                         aliases: list[str], flow_items: str) -> str:
    """text with aliases added to an entry's `aliases:` value, written in its style: a
    flow list, a block list (one `- name` line each) or a single name (or none)."""
    if isinstance(current, SequenceNode) and current.flow_style:
        close = _closing(text, current.end_mark.index, "]")
        before = text[:close].rstrip(" \t\r\n,")
        sep = ", " if current.value else ""
        return before + sep + flow_items + text[len(before):]
    if isinstance(current, SequenceNode):   # a block list: one `- name` line each
        nl = _newline(text)
        col = current.value[0].start_mark.column
        at = _line_end(text, _last_content_end(current))
        prefix = text[:at] if text[:at].endswith("\n") else text[:at] + nl
        dash = text.rfind("-", 0, current.value[0].start_mark.index)
        pad = " " * (col - (current.value[0].start_mark.index - dash))
        return prefix + "".join(f"{pad}- {_scalar(a)}{nl}" for a in aliases) + text[at:]
    if isinstance(current, ScalarNode):     # `aliases: Ilyich`, `aliases: ~`, `aliases:`
        s, e = current.start_mark.index, current.end_mark.index
        empty = current.tag.endswith(":null")
        items = flow_items if empty else f"{text[s:e]}, {flow_items}"
        if s == e:      # nothing written after the colon
            s = e = text.index(":", akey.end_mark.index) + 1
            return text[:s] + f" [{items}]" + text[e:]
        return text[:s] + f"[{items}]" + text[e:]
    raise CastingError(f"speakers -> {name} -> aliases: not a list; add them by hand")


@_lone_cr_kept
def swap_alias(text: str, name: str, alias: str, other: str) -> str:
    """text with one alias of name's entry (matched case-insensitively) written as other
    in its place, in the list's own style (nothing else changes)."""
    _, vnode = _find_entry(text, name)
    current = next((v for k, v in vnode.value if isinstance(k, ScalarNode) and
                    k.value == "aliases"), None) if isinstance(vnode, MappingNode) else None
    if current is None or _is_alias(vnode) or getattr(vnode, "copied", False):
        raise CastingError(f"speakers -> {name} -> aliases: {alias!r} is not in a list of "
                           "the entry's own; change it by hand")
    _refuse_alias(current, f"speakers -> {name} -> aliases")
    items = current.value if isinstance(current, SequenceNode) else [current]
    item = next((i for i in items if isinstance(i, ScalarNode) and
                 name_key(str(i.value).strip()) == name_key(alias)), None)
    if item is None:
        raise CastingError(f"speakers -> {name} -> aliases: no alias {alias!r} to replace")
    return text[:item.start_mark.index] + _scalar(other) + text[item.end_mark.index:]


def _aliases_key_added(text: str, vnode: MappingNode, aliases: list[str],
                       flow_items: str) -> str:
    """text with a new `aliases: [...]` in an entry that has none, in the entry's own
    style (flow or block)."""
    if any(k.tag == "tag:yaml.org,2002:merge" for k, _ in vnode.value):
        # `{<<: *w, rate: 120}`: aliases of its own replace the merged ones, written in too
        flow_items = ", ".join(_scalar(str(a)) for a in [*_loaded_aliases(vnode), *aliases])
    if vnode.flow_style:
        close = _closing(text, vnode.end_mark.index, "}")
        before = text[:close].rstrip(" \t\r\n,")
        sep = ", " if vnode.value else ""
        return before + f"{sep}aliases: [{flow_items}]" + text[len(before):]
    nl = _newline(text)
    col = vnode.value[0][0].start_mark.column
    at = _line_end(text, _last_content_end(vnode))
    prefix = text[:at] if text[:at].endswith("\n") else text[:at] + nl
    return prefix + f"{' ' * col}aliases: [{flow_items}]{nl}" + text[at:]


def _shared_with_aliases(text: str, knode: ScalarNode, vnode: Node, name: str,
                         aliases: list[str]) -> str:
    """text with aliases given to an entry whose settings are shared, a copy (`Anna: *w`)
    or an anchor others copy (`Anna: &w {voice: ...}`): the shared node is kept whole,
    anchor and all, inside a mapping of the entry's own, `Anna: {<<: *w, aliases: [...]}`
    (or `{voice: *v, ...}` when what is shared is the voice alone), so no copy changes.
    The entry's own `aliases` win over merged ones: the shared mapping's are written in too.
    An anchor on a block mapping would have to be indented anew, comments and all: refused,
    saying how to write it instead."""
    shared = vnode.alias_of if _is_alias(vnode) else vnode
    if not _is_alias(vnode) and isinstance(vnode, MappingNode) and not vnode.flow_style:
        anchor = text[vnode.start_mark.index:].split(None, 1)[0]
        raise CastingError(f"speakers -> {name}: is a shared anchor (&) that other entries "
                           "copy (*), and aliases added to it would be theirs too; write it "
                           f"on one line ({knode.value}: {anchor} {{voice: ..., rate: ...}}) "
                           "and run again")
    if isinstance(shared, MappingNode):
        key = "<<"
    elif isinstance(shared, ScalarNode) and not shared.tag.endswith(":null"):
        key = "voice"
    else:
        raise CastingError(f"speakers -> {name}: is a shared anchor's copy that is not a "
                           "mapping; add the aliases by hand")
    if key == "<<":
        aliases = [*_loaded_aliases(shared), *aliases]
    items = ", ".join(_scalar(str(a)) for a in aliases)
    s, e = vnode.start_mark.index, vnode.end_mark.index
    return text[:s] + f"{{{key}: {text[s:e]}, aliases: [{items}]}}" + text[e:]


def _loaded_aliases(node: MappingNode) -> list:
    """The aliases a mapping loads with, merges (`<<: *w`) and all: taken from its node, as
    the loader reads it (looked up in the loaded file by the entry's key as written,
    `1984:` or `Yes:` was found as no entry, its aliases dropped)."""
    loaded = yaml.SafeLoader("").construct_document(copy.deepcopy(node))
    own = loaded.get("aliases") if isinstance(loaded, dict) else None
    return own if isinstance(own, list) else [own] if own else []


@_lone_cr_kept
def comment_out_entry(text: str, name: str, note: str) -> str:
    """text with name's entry turned into comment lines under a one-line note, so the
    person's settings stay there to read (an entry sharing its lines with another, as in
    ``{A: ..., B: ...}``, is refused)."""
    nl = _newline(text)
    speakers = _speakers_node(text)
    knode, vnode = _find_entry(text, name)
    if speakers.flow_style:
        raise CastingError(f"speakers -> {name}: the speakers are on one line; "
                           "remove the entry by hand")
    _refuse_anchors_within(vnode, f"speakers -> {name}", "remove the entry by hand")
    start = text.rfind("\n", 0, knode.start_mark.index) + 1
    end = _line_end(text, _last_content_end(vnode))
    pad = text[start:knode.start_mark.index]
    if pad.strip():
        raise CastingError(f"speakers -> {name}: shares a line with another entry; "
                           "remove it by hand")
    block = text[start:end]
    lines = block.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += nl
    commented = "".join(f"{pad}# {ln[len(pad):] if ln.startswith(pad) else ln.lstrip(' ')}"
                        for ln in lines)
    return text[:start] + f"{pad}# {note}{nl}" + commented + text[end:]


def _scalar(value: str) -> str:
    """A name as a YAML flow scalar, quoted only when it must be."""
    return yaml_key(value)


def _closing(text: str, end: int, bracket: str) -> int:
    """The index of the closing bracket of a flow node that ends at end."""
    close = end - 1
    while close > 0 and text[close] != bracket:
        close -= 1
    return close


# ------------------------------------------------------------------ an entry's settings
# The studio's cast view and `drama speakers voice` change how one speaker sounds: each
# setting's value is replaced where it is written, and a setting the entry lacks is added in
# the entry's own style. Comments, order and every other byte stay.

@_lone_cr_kept
def set_fields(text: str, name: str | None, fields: dict) -> str:
    """text with one entry's settings set to fields (name None: the narrator's entry).

    A value of None removes nothing: it is skipped. The narrator's entry is written when the
    file has none; a speaker must have an entry already (`drama cast` gives it one).
    """
    fields = {k: v for k, v in fields.items() if v is not None}
    if not fields:
        return text
    if name is None:
        found = _narrator_entry(text)
        if found is None:
            return _add_narrator(text, fields)
        knode, vnode = found
        where = "narrator"
    else:
        knode, vnode = _find_entry(text, name)
        where = f"speakers -> {name}"
    _refuse_alias(vnode, where)
    if isinstance(vnode, ScalarNode) and not vnode.tag.endswith(":null"):
        # `Trotsky: gmw/en-us`: the voice alone
        s, e = vnode.start_mark.index, vnode.end_mark.index
        if set(fields) == {"voice"}:
            return text[:s] + _flow_value(fields["voice"]) + text[e:]
        merged = {"voice": _value_of(vnode), **fields}
        return text[:s] + flow_entry(merged) + text[e:]
    if not isinstance(vnode, MappingNode):
        raise CastingError(f"{where}: not a mapping; change its settings by hand")
    present = {k.value: v for k, v in vnode.value if isinstance(k, ScalarNode)}
    edits = []          # (start, end, replacement), applied from the end
    for key, value in fields.items():
        v = present.get(key)
        if v is None:
            continue
        if not isinstance(v, ScalarNode):
            raise CastingError(f"{where} -> {key}: not a plain value; change it by hand")
        _refuse_alias(v, f"{where} -> {key}")
        s, e = v.start_mark.index, v.end_mark.index
        if s == e:      # `rate:` with nothing after it
            s = e = text.index(":", _key_of(vnode, key).end_mark.index) + 1
            edits.append((s, e, " " + _flow_value(value)))
        else:
            edits.append((s, e, _flow_value(value)))
    new = {k: v for k, v in fields.items() if k not in present}
    if new:
        edits.append(_insert_fields(text, vnode, new))
    for s, e, replacement in sorted(edits, reverse=True):
        text = text[:s] + replacement + text[e:]
    return text


@_lone_cr_kept
def remove_field(text: str, name: str | None, key: str) -> str:
    """text without one setting of an entry (name None: the narrator's), in the entry's own
    style: `, pitch: 50` out of a flow mapping, the `pitch: 50` line out of a block one;
    text as it is when the entry does not write it."""
    found = _narrator_entry(text) if name is None else _find_entry(text, name)
    where = "narrator" if name is None else f"speakers -> {name}"
    if found is None or not isinstance(found[1], MappingNode):
        return text
    vnode = found[1]
    _refuse_alias(vnode, where)
    pairs = [(k, v) for k, v in vnode.value if isinstance(k, ScalarNode)]
    at = next((i for i, (k, _) in enumerate(pairs) if k.value == key), None)
    if at is None:
        return text
    knode, value = pairs[at]
    if vnode.flow_style:
        if at:              # from the end of the setting before it: `, pitch: 50`
            s, e = pairs[at - 1][1].end_mark.index, value.end_mark.index
        elif len(pairs) > 1:  # the first: up to the next key, `pitch: 50, `
            s, e = knode.start_mark.index, pairs[1][0].start_mark.index
        else:
            raise CastingError(f"{where} -> {key}: the entry's only setting; change it by hand")
        return text[:s] + text[e:]
    start = text.rfind("\n", 0, knode.start_mark.index) + 1
    end = _line_end(text, value.end_mark.index)
    if text[start:knode.start_mark.index].strip() or \
            text[value.end_mark.index:end].split("#")[0].strip():
        raise CastingError(f"{where} -> {key}: shares its line; change it by hand")
    return text[:start] + text[end:]


def _value_of(node: ScalarNode):
    return yaml.safe_load(node.value) if node.style is None else node.value


def _key_of(mapping: MappingNode, key: str) -> ScalarNode:
    return next(k for k, _ in mapping.value if isinstance(k, ScalarNode) and k.value == key)


def _flow_value(value) -> str:
    """A value as it is written after `key: ` in a flow mapping."""
    return flow_entry({"x": value})[len("{x: "):-1]


def _insert_fields(text: str, vnode: MappingNode, new: dict) -> tuple[int, int, str]:
    """Where and what to insert to add settings to an entry, in its own style."""
    nl = _newline(text)
    if vnode.flow_style:
        close = _closing(text, vnode.end_mark.index, "}")
        before = text[:close].rstrip(" \t\r\n,")
        sep = ", " if vnode.value else ""
        pairs = flow_entry(new)[1:-1]
        return len(before), len(before), sep + pairs
    col = vnode.value[0][0].start_mark.column
    at = _line_end(text, _last_content_end(vnode))
    lead = "" if text[:at].endswith("\n") else nl
    lines = "".join(f"{' ' * col}{k}: {_flow_value(v)}{nl}" for k, v in new.items())
    return at, at, lead + lines


def _narrator_entry(text: str) -> tuple[ScalarNode, Node] | None:
    try:
        root = safeyaml.compose_with(text, _AliasMarkingLibyamlLoader, _AliasMarkingLoader)
    except yaml.YAMLError as exc:
        raise CastingError(f"not valid YAML: {exc}") from None
    if not isinstance(root, MappingNode):
        return None
    found = None
    for knode, vnode in root.value:
        if isinstance(knode, ScalarNode) and knode.value == "narrator":
            found = (knode, vnode)
    if found is not None and isinstance(found[1], ScalarNode) and found[1].tag.endswith(":null"):
        raise CastingError("narrator: has no settings to change; write its voice by hand")
    return found


def _add_narrator(text: str, fields: dict) -> str:
    """text with a `narrator:` entry (the default narrator's settings, updated by fields)
    written before the speakers, or at the end."""
    from .model import DEFAULT_NARRATOR
    nl = _newline(text)
    settings = {"voice": DEFAULT_NARRATOR.voice, "rate": DEFAULT_NARRATOR.rate,
                "pitch": DEFAULT_NARRATOR.pitch, **fields}
    line = f"narrator: {flow_entry(settings)}"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, MappingNode) or not root.value:
        prefix = text if not text or text.endswith("\n") else text + nl
        return prefix + line + nl
    if root.flow_style:
        open_brace = root.start_mark.index + 1
        return text[:open_brace] + line + ", " + text[open_brace:]
    first = root.value[0][0]
    start = text.rfind("\n", 0, first.start_mark.index) + 1
    return text[:start] + " " * first.start_mark.column + line + nl + text[start:]
