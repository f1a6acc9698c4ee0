"""Append speaker entries to a casting file as text, so every byte already there survives.

The file is a person's workspace: it is never round-tripped through a YAML dumper. The end of
the ``speakers:`` block is found from the YAML node marks, which is robust to comments, blank
lines, flow style, CRLF line ends and a missing final newline.
"""
from __future__ import annotations

import json

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import safeyaml
from ..errors import CastingError


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


def _newline(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _line_end(text: str, index: int) -> int:
    """Index just past the line break of the line holding index (len(text) at the end)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _last_content_end(node: Node) -> int:
    """Index just past the last character of a node's own text (not trailing comments)."""
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


def append_speakers(text: str, entries: list[tuple[str, str]], narrator: str | None = None
                    ) -> str:
    """text with `name: {settings}` entries added at the end of its speakers block.

    entries are (yaml key, flow mapping) pairs. Only insertions are made, except that an
    empty ``speakers:`` value (``{}``, ``null``, ``~``) is replaced by the block.
    narrator, a flow mapping, is written only when the file has no mapping at all yet.
    """
    nl = _newline(text)
    root = safeyaml.compose(text, "", CastingError)  # load_casting has checked it already

    def block(indent: str) -> str:
        return "".join(f"{indent}{key}: {value}{nl}" for key, value in entries)

    if root is None or (isinstance(root, ScalarNode) and root.value in ("", "~", "null")
                        and root.tag.endswith(":null")):
        # an empty file, or only comments
        prefix = text if not text or text.endswith("\n") else text + nl
        head = f"narrator: {narrator}{nl}" if narrator else ""
        return prefix + head + "speakers:" + nl + block("  ")
    if not isinstance(root, MappingNode):
        raise CastingError("must be a mapping with 'narrator' and 'speakers'")
    speakers = None
    for knode, vnode in root.value:
        if isinstance(knode, ScalarNode) and knode.value == "speakers":
            speakers = (knode, vnode)  # PyYAML keeps the last of a repeated key; so do we
    if root.flow_style:
        return _append_flow_root(text, root, speakers, entries, nl)
    key_col = root.value[0][0].start_mark.column if root.value else 0
    if speakers is None:
        at = _last_content_end(root)
        at = _following_indented_comments(text, _line_end(text, at), key_col + 1)
        prefix = text[:at] if at == 0 or text[at - 1] == "\n" else text[:at] + nl
        return prefix + " " * key_col + "speakers:" + nl + block(" " * (key_col + 2)) + text[at:]
    knode, vnode = speakers
    if isinstance(vnode, MappingNode) and vnode.value and not vnode.flow_style:
        col = vnode.value[0][0].start_mark.column
        at = _line_end(text, _last_content_end(vnode))
        at = _following_indented_comments(text, at, col)
        prefix = text[:at] if text[:at].endswith("\n") else text[:at] + nl
        return prefix + block(" " * col) + text[at:]
    if isinstance(vnode, MappingNode) and vnode.value:
        # flow style {A: ..., B: ...}: add inside the braces, one entry a line
        close = vnode.end_mark.index - 1
        while close > 0 and text[close] != "}":
            close -= 1
        inner = "".join(f",{nl}{' ' * (key_col + 2)}{k}: {v}" for k, v in entries)
        before = text[:close].rstrip(" \t\r\n,")
        return before + inner + text[len(before):]
    if isinstance(vnode, MappingNode) or (isinstance(vnode, ScalarNode)
                                          and vnode.tag.endswith(":null")):
        # `speakers:`, `speakers: {}`, `speakers: ~`: the value becomes the block
        start, end = vnode.start_mark.index, vnode.end_mark.index
        if start == end:  # empty value: nothing to replace, start after the key's colon
            start = end = knode.end_mark.index
            colon = text.find(":", start)
            start = end = colon + 1 if colon >= 0 else start
        line_end = _line_end(text, end)
        rest_of_line = text[end:line_end]
        tail = rest_of_line.rstrip("\r\n")
        before = text[:start].rstrip(" \t")
        return before + tail + nl + block(" " * (key_col + 2)) + text[line_end:]
    raise CastingError("speakers: must be a mapping of speaker name to voice")


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
