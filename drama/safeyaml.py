"""Reading YAML that a person (or someone hostile) wrote: the one place every reader goes through.

YAML anchors and aliases let a 600-byte file stand for billions of values (the "billion laughs"
bomb): PyYAML expands every alias into a shared reference, and anything that walks or prints
the result (validation, str(), an exporter) then does the billions of steps. A person editing
a script or voices.yaml writes an alias rarely, and for a few settings at most, so aliases are
allowed only while everything they stand for, expanded, adds up to at most MAX_ALIAS_VALUES
values beyond those written in the file. An alias inside its own anchor (a recursive
structure), and nesting deeper than MAX_DEPTH, are refused too. The check walks the node tree
once, sharing each anchored subtree's count, so it costs time in the size of the file, not of
its expansion.
"""
from __future__ import annotations

import functools
import re
import threading
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from . import gcpause

MAX_ALIAS_VALUES = 100_000
"""How many values aliases may add when expanded (a shared voice setting used by a thousand
speakers adds under ten thousand)."""
MAX_DEPTH = 64
"""Nesting deeper than this is refused (a script is 3 levels deep, voices.yaml 4)."""

_MAYBE_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
"""Every anchor matches this; a text without a match has no anchors, so no aliases."""

ErrorFactory = Callable[..., Exception]
"""A DramaError subclass (or any callable) taking (message, path=..., line=...)."""


class YamlLimitError(yaml.YAMLError):
    """A YAML document past one of the limits above; `line` is where, 1-based."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _children(node: Node) -> tuple[list[Node], int]:
    """A collection node's collection children, and how many scalar children it has."""
    if isinstance(node, MappingNode):
        items = [n for pair in node.value for n in pair]
    elif isinstance(node, SequenceNode):
        items = node.value
    else:
        return [], 0
    nested = [n for n in items if isinstance(n, (MappingNode, SequenceNode))]
    return nested, len(items) - len(nested)


def _line(node: Node) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def check_node_graph(root: Node, max_alias_values: int = MAX_ALIAS_VALUES,
                     max_depth: int = MAX_DEPTH) -> None:
    """Raise YamlLimitError if the tree under root is recursive, too deep, or expands (through
    aliases, which PyYAML composes as shared nodes) to too many values.

    Only collections are walked: an alias of a scalar adds one value, as many times as the
    file writes it, so scalars are counted, not visited.
    """
    sizes: dict[int, int] = {}  # id(collection) -> values under it, expanded; when finished
    nested, scalars = _children(root)
    on_path: set[int] = {id(root)}
    stack = [(root, iter(nested))]
    counts = [1 + scalars]
    extra = 0  # values added by aliases of collections so far
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            on_path.discard(id(node))
            size = counts.pop()
            sizes[id(node)] = size
            if counts:
                counts[-1] += size
            continue
        seen = sizes.get(id(child))
        if seen is not None:  # an alias: the anchored subtree once more
            extra += seen
            counts[-1] += seen
            if extra > max_alias_values:
                raise YamlLimitError(
                    f"aliases expand to more than {max_alias_values:,} values (an alias bomb?); "
                    "write the values out instead of using anchors (&) and aliases (*)",
                    _line(child))
            continue
        if id(child) in on_path:
            raise YamlLimitError("an alias (*) refers to an anchor (&) that contains it; "
                                 "a recursive structure is not allowed here", _line(child))
        if len(stack) >= max_depth:
            raise YamlLimitError(f"nested more than {max_depth} levels deep", _line(child))
        nested, scalars = _children(child)
        on_path.add(id(child))
        stack.append((child, iter(nested)))
        counts.append(1 + scalars)


_STANDARD = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(_STANDARD + t for t in
                       ("null", "bool", "int", "float", "str", "timestamp", "seq", "map",
                        "merge"))
"""The tags of plain values, which the safe loader gives untagged YAML (and `<<`)."""
NOT_PLAIN = "is not allowed here: drama reads plain values (text, numbers, lists, mappings); " \
            "remove the tag"


def shown_tag(tag: str) -> str:
    """A tag as the file writes it: !!python/object rather than tag:yaml.org,2002:python/..."""
    return "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag


def check_plain_values(root: Node) -> None:
    """Raise a YAMLError at the first node tagged other than as a plain value (a
    `!!python/object`, a `!local` tag, `!!binary`; a YamlLimitError) or whose value is not
    what its tag says (`!!int abc`, a date such as 2024-13-45; a ConstructorError): the
    node-by-node readers (voices.yaml) would otherwise read what is under such a tag as if
    it were not there, or fail while building a value."""
    builder = _NodeLoader("")
    stack, seen = [root], set()
    try:
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in PLAIN_TAGS:
                raise YamlLimitError(f"the YAML tag {shown_tag(node.tag)} {NOT_PLAIN}",
                                     _line(node))
            if isinstance(node, MappingNode):
                for key, value in reversed(node.value):
                    stack.append(value)
                    if not key.tag.endswith(":merge"):  # a `<<` key is no value
                        stack.append(key)
            elif isinstance(node, SequenceNode):
                stack.extend(reversed(node.value))
            elif not node.tag.endswith(":str"):
                builder.construct_object(node)
    finally:
        builder.dispose()


def needs_check(text: str) -> bool:
    """Whether a text may hold anchors; libyaml itself refuses nesting past 1000 levels, and
    the Python composer's own recursion limit is turned into an error by `compose`."""
    return _MAYBE_ANCHOR.search(text) is not None


_BAD_VALUE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)
"""What PyYAML's safe constructors raise on a scalar that is not what its tag says
(`!!int abc`, a timestamp such as 2024-13-45, `!!bool maybe`)."""
_CHECKED_TAGS = tuple(_STANDARD + t for t in ("bool", "int", "float", "timestamp"))
"""The tags whose constructors raise those (the others raise a ConstructorError)."""


def _checked(construct: Callable[[Any, Node], Any]) -> Callable[[Any, Node], Any]:
    """A scalar constructor whose failure is a ConstructorError with the node's line."""

    def checked(loader, node: Node) -> Any:
        try:
            return construct(loader, node)
        except _BAD_VALUE:
            raise yaml.constructor.ConstructorError(
                None, None, f"{str(node.value)[:40]!r} is not a valid {shown_tag(node.tag)} "
                "(quote it to make it text)", node.start_mark) from None
    return checked


def checked_loader(base: type) -> type:
    """A subclass of a PyYAML loader class whose documents are checked before they are built,
    and whose values that cannot be built are errors with their line (a ConstructorError)."""

    class Checked(base):
        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            if getattr(self, "_drama_check", True):
                check_node_graph(node)
            return self.construct_document(node)

    for tag in _CHECKED_TAGS:
        Checked.add_constructor(tag, _checked(base.yaml_constructors[tag]))
    Checked.__name__ = Checked.__qualname__ = f"Checked{base.__name__}"
    return Checked


# libyaml's parser where PyYAML was built with it: about 6x faster on a novel's script
FastSafeLoader = checked_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
"""A safe loader whose documents are checked against the limits above."""
_NodeLoader = checked_loader(yaml.SafeLoader)


def translate(exc: BaseException, path: str, error: ErrorFactory, text: str) -> Exception:
    """A PyYAML error (or a recursion too deep for the composer) as one of drama's errors;
    `text` is the YAML read."""
    if isinstance(exc, YamlLimitError):
        return error(exc.message, path=path, line=exc.line)
    if isinstance(exc, yaml.reader.ReaderError):
        return _refused_character(exc, path, error, text)
    if isinstance(exc, RecursionError):
        return error(f"nested too deeply (more than {MAX_DEPTH} levels)", path=path)
    if isinstance(exc, yaml.constructor.ConstructorError) and exc.problem and \
            exc.problem.startswith("could not determine a constructor for the tag "):
        tag = exc.problem.split("tag ", 1)[1].strip("'")
        mark = exc.problem_mark or exc.context_mark
        return error(f"the YAML tag {shown_tag(tag)} {NOT_PLAIN}", path=path,
                     line=mark.line + 1 if mark else None)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context
        return error(f"not valid YAML: {problem}{_what_to_do(problem)}", path=path,
                     line=mark.line + 1 if mark else None)
    return error(f"not valid YAML: {exc}", path=path)


_NOT_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                          "\U00010000-\U0010ffff]")
"""The characters YAML 1.1 does not allow in a document (PyYAML's Reader.NON_PRINTABLE)."""


def _refused_character(exc: yaml.reader.ReaderError, path: str, error: ErrorFactory,
                       text: str) -> Exception:
    """A character YAML does not allow, by its line: the readers' own `position` counts
    characters (PyYAML) or UTF-8 bytes (libyaml) of a "<unicode string>", no line."""
    found = _NOT_IN_YAML.search(text)
    if found is None:  # not from a character of the text (an encoding's): say it as it is
        return error(f"not valid YAML: {exc.reason}", path=path)
    return error(f"not valid YAML: YAML does not allow the character U+{ord(found.group()):04X} "
                 "(a control character, invisible in most editors); delete it",
                 path=path, line=text.count("\n", 0, found.start()) + 1)


def _what_to_do(problem: str | None) -> str:
    """What to do about the YAML problems a file edited by hand has most (walk30: a tab in
    voices.yaml was "found character '\\t' that cannot start any token", no more)."""
    if problem and "'\\t'" in problem:
        return "; indent with spaces: YAML does not allow tabs"
    if problem and problem.startswith("expected <block end>"):
        return "; check this line's indentation against the lines above it"
    return ""


def load(text: str, path: str, error: ErrorFactory, loader: type = FastSafeLoader) -> Any:
    """The Python value of a YAML text, or `error(...)` raised naming the file and line.

    `loader` must come from `checked_loader` (scriptfile adds line numbers to mappings).
    """
    if not getattr(yaml, "__with_libyaml__", False) and _flow_too_deep(text):
        raise error(f"nested more than {MAX_DEPTH} levels deep", path=path)
    instance = loader(text)
    instance._drama_check = needs_check(text)
    try:
        with gcpause.gc_paused():
            return instance.get_single_data()
    except (yaml.YAMLError, RecursionError) as exc:
        raise translate(exc, path, error, text) from None
    finally:
        instance.dispose()


def _flow_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether brackets ([ { against ] }) nest deeper than limit anywhere in text.

    PyYAML's Python scanner takes time quadratic in the depth of flow collections (2.5 s for
    4000 opening brackets, hours for a megabyte of them), so they are counted first. Brackets
    in quotes or comments count too, which errs only on files no person writes.
    """
    depth = 0
    for m in _BRACKET.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        if depth > limit:
            return True
    return False


_BRACKET = re.compile(r"[\[\]{}]")


def compose(text: str, path: str, error: ErrorFactory) -> Node | None:
    """The checked node tree of a YAML text (marks index the text's characters), or error.

    The tree of the text composed last is kept, and given again for the same text: a cast
    reads its casting file before and under the lock, and checks it as it appends (each
    compose of a 30,000-speaker file took seconds). Read the tree; never change it."""
    if _flow_too_deep(text):
        raise error(f"nested more than {MAX_DEPTH} levels deep", path=path)
    try:
        return _checked_tree(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise translate(exc, path, error, text) from None


@functools.lru_cache(maxsize=1)
def _checked_tree(text: str) -> Node | None:
    root = compose_with(text, getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)
    if root is not None:
        check_node_graph(root)
        check_plain_values(root)
    return root


_LIBYAML_READS_OTHERWISE = re.compile("[\ufeff\x85\u2028\u2029]")
"""What makes libyaml's marks differ from PyYAML's (see compose_with)."""


def compose_with(text: str, fast: type | None, slow: type) -> Node | None:
    """yaml.compose(text) by `fast`, a loader over libyaml's parser (5-6x faster than
    PyYAML's own), where it reads the text as `slow`, PyYAML's, does: its marks count the
    text's characters as slow's do (text edits rely on them), but not a byte-order mark
    (U+FEFF, anywhere), it places an empty value differently after the line breaks of YAML
    1.1 that are not ASCII (U+0085, U+2028, U+2029), and an empty value at the end of a
    text without a final line break a line further on: such texts are slow's (drama's
    appends end a casting file with a line break). A text fast refuses is slow's too, so
    its error reads as it always did."""
    with gcpause.gc_paused():  # a node tree makes many objects and no garbage cycles
        if fast is not None and text.endswith("\n") and \
                not _LIBYAML_READS_OTHERWISE.search(text):
            try:
                return yaml.compose(text, Loader=fast)
            except yaml.YAMLError:
                pass
        return yaml.compose(text, Loader=slow)


def libyaml_composer(composer: type) -> type | None:
    """A loader composing with `composer`'s methods (PyYAML's composer in Python, changed:
    textedit's alias marking) from libyaml's events, for compose_with; None without
    libyaml."""
    try:
        from yaml.cyaml import CParser as parser
    except ImportError:  # PyYAML built without libyaml
        return None

    class Loader(composer, yaml.composer.Composer, parser, yaml.constructor.SafeConstructor,
                 yaml.resolver.Resolver):
        def __init__(self, stream) -> None:
            parser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
    Loader.__name__ = Loader.__qualname__ = f"Libyaml{composer.__name__}"
    return Loader


_builders = threading.local()
"""Each thread's loader for `construct` (making one per value was a third of reading a
30,000-speaker casting file)."""


def construct(node: Node) -> Any:
    """The Python value of a node from `compose` (checked already), as the safe loader builds it."""
    builder = getattr(_builders, "loader", None) or _NodeLoader("")
    _builders.loader = None  # a value that fails leaves it half-way: the next gets a new one
    value = builder.construct_document(node)
    _builders.loader = builder
    return value
