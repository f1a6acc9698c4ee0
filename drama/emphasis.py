"""Emphasis a plain text writes with its letters: Project Gutenberg's texts put italics
between underscores (`_very_`, `_The Times_`), and a script's lines keep them, as every
character of the source is kept.

One pattern, read wherever a line is shown: the txt export and the studio show it plain
(`plain`), and the exports whose format has emphasis show it so (`marked`: Markdown's and
Fountain's `*very*`; `emphasised`: the subtitles' `<i>very</i>`). An emphasis a paragraph
or a quote splits into two lines leaves half of it in each (`the _rain came.` / `It fell_
all night`): shown, each half is dropped (`halves`). The renderer speaks a line without
them, and without any underscore at a word's edge (`spoken`). The json export is the
script's own data, underscores and all. A URL's or a path's underscores are their own
(`literal`: `http://a.org/_x_/y`), never emphasis, half of one nor dropped.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from .wordchars import ALNUM

EMPHASIS = re.compile(r"(?<!\w)_(?=[^\s_])([^_]*?[^\s_])_(?!\w)")
"""An emphasis: an underscore that no letter, digit or underscore leads, the words it marks
(opening and closing on no space), and the underscore that closes it, no letter or digit
after it (`snake_case` and a lone `_` are no emphasis)."""


EDGE_UNDERSCORES = re.compile(r"(?<!\w)_+(?=\w)|(?<=\w)_+(?!\w)")
"""Underscores at a word's edge (`_very_`, `_Smolny`, `__init__`'s), paired or not; not one
inside a word (`snake_case`) nor one standing alone."""


_WORD_RUN = re.compile(r"\S+")
_SLASH_BY_UNDERSCORE = re.compile(r"(?<=_)[/\\]|[/\\](?=_)")


def _pathlike(run: str) -> bool:
    """Whether a run of non-space characters has an underscore against a slash or a
    backslash that no emphasis closes at (`~/_drafts_/`, `C:\\_tmp_\\`, `dir_/a`): a path.
    `_yes_/_no_` is two emphases either side of a slash, no path."""
    closes = {m.end() for m in EMPHASIS.finditer(run)}
    return any(m.start() not in closes for m in _SLASH_BY_UNDERSCORE.finditer(run))


def literal(text: str) -> set[int]:
    """The places of the underscores in text that are a URL's or a path's own, so no
    emphasis nor half of one: those of a run of non-space characters holding `://`
    (`http://a.org/_x_/y`), opening on `www.`, or with an underscore against a slash or a
    backslash no emphasis closes at (_pathlike: `~/_drafts_/`, `C:\\_tmp_\\`). `_either/or_`
    and `_yes_/_no_` are still emphases."""
    found: set[int] = set()
    for m in _WORD_RUN.finditer(text):
        run = m.group()
        if "_" in run and ("://" in run or run[:4].lower() == "www." or _pathlike(run)):
            found.update(i for i, c in enumerate(run, m.start()) if c == "_")
    return found


def emphases(text: str) -> list[re.Match]:
    """The emphases in text (EMPHASIS), but those of a URL or a path (literal)."""
    if "_" not in text:
        return []
    found = list(EMPHASIS.finditer(text))
    kept = literal(text) if found else set()
    return [m for m in found if m.start() not in kept and m.end() - 1 not in kept]


OPENING_HALF = re.compile(r"(?<!\w)_(?=" + ALNUM + r"|[^\w\s]" + ALNUM + ")")
"""One underscore that opens a word, or the quote or bracket before one (`_rain`, `_“Stop`)."""

CLOSING_HALF = re.compile(r"(?:(?<=" + ALNUM + ")|(?<=" + ALNUM + r"[^\w\s]))_(?!\w)")
"""One underscore that closes a word, or the stop or quote after one (`fell_`, `ran._`)."""


def halves(text: str) -> set[int]:
    """The places of the underscores in text that are half an emphasis, the other half in
    another line: of the underscores at a word's edge that pair with none (EMPHASIS), the
    first when it closes (opened in a line before) and the last when it opens (closed in a
    line after). One in a word (`snake_case`), a run (`B____`, `__init__`) and one alone
    are none; nor are those of `_a_b_`, whose first opens and last closes."""
    if "_" not in text:
        return set()
    paired = {i for m in emphases(text) for i in (m.start(), m.end() - 1)} | literal(text)
    edges = sorted([(m.start(), True) for m in OPENING_HALF.finditer(text)]
                   + [(m.start(), False) for m in CLOSING_HALF.finditer(text)])
    edges = [(i, opens) for i, opens in edges if i not in paired]
    found = set()
    if edges and not edges[0][1]:
        found.add(edges[0][0])
    if edges and edges[-1][1]:
        found.add(edges[-1][0])
    return found


MARKDOWN_MARKS = re.compile(r"\A#{1,6}[ \t]+|(?<![\w*])\*+(?=[\"'“‘(\[]?" + ALNUM + ")"
                            r"|(?<=" + ALNUM + r")\*+(?![\w*])"
                            r"|(?<=" + ALNUM + r"[.,;:!?…\"'”’)\]])\*+(?![\w*])"
                            r"|(?<=" + ALNUM + r"[.,;:!?…][\"'”’)\]])\*+(?![\w*])")
"""What a Markdown text (or a plain one) writes with marks no reader says: a heading's
`#`s opening a line (`## Chapter One`), and asterisks at a word's edge, before a quote or
after a stop (`*Again*,`, `**sure**`, `*“Stop.”*`, a footnote's `house*`). espeak-ng said
"hash hash" and "asterisk". An asterisk alone (`5 * 3`, `* * *`) or inside a word (`d*mn`)
stays."""


MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*"
                           r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
"""A Markdown link, `[the sea](https://a.org/sea.html)`, or picture, `![a gull](gull.png)`
(a title after the address too, `[x](a.html "Title")`): its reader says its words, the
link's text or the picture's description, never the address, which espeak-ng spelt out
("h t t p s colon slash slash ...")."""

STRUCK = re.compile(r"(?<!~)~~(?=[^\s~])([^~\n]*?[^\s~])~~(?!~)")
"""Markdown's strikethrough, `~~gone~~`: its words are said, not its marks ("tilde
tilde")."""


REFERENCE_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\[[^\[\]\n]*\]")
"""A Markdown reference link, `[the tides][tide table]` or `[the tides][]`, or picture,
`![a gull][gull]`, its address on a line of its own (REFERENCE_DEFINITIONS): its words are
said, never its label."""

FOOTNOTE_MARK = re.compile(r"\[\^[^\[\]\s]+\]")
"""A Markdown footnote's mark in the text, `[^1]`, `[^tides]`: said by no reader (espeak-ng
said "one")."""

FOOTNOTE_NOTE = re.compile(r"\s*\[\^[^\[\]\s]+\]:.*", re.S)
"""A line that is a Markdown footnote's note, `[^1]: The notice was old.`: silent where the
text writes it, as its mark is (a Gutenberg `[Footnote 1: ...]` is too); its words stay in
the script and its exports."""

TRANSCRIBERS_NOTE = re.compile(r"\[(Illustration|ILLUSTRATION|Footnote|FOOTNOTE)"
                               r"(?:[ \t]+[\w*†‡]{1,8})?(?::[^\[\]]{0,4000})?\]")
"""A transcriber's mark for a picture or a note, as Project Gutenberg's texts write them in
square brackets: `[Illustration]`, `[Illustration: The Boat House]`, `[Footnote 1: Built in
the year of the flood.]` (`[Footnote: ...]`, `[Footnote A: ...]`), on a paragraph of its
own or inside one. Nested brackets make none. Never said: one that is no line of its own
(extract.structure.transcribers_notes: in what a character says) is dropped from it."""


_ADDRESS = (r"(?:<[^<>\n]*>|[A-Za-z][\w+.-]*:\S+|[./#]\S*"
            r"|[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,6}(?:[/#?]\S*)?)")
REFERENCE_DEFINITIONS = re.compile(
    r"(?:\s*\[[^\[\]^\n][^\[\]\n]*\]:\s*" + _ADDRESS + r"(?:[ \t]+[^\[\]\n]*?)?)+\s*")
"""A paragraph of Markdown link reference definitions, `[tide table]: https://a.org/tides
"Tides"` (the title's quotation marks are the script's to drop): addresses no reader says,
the whole line silent. An address is one: `<...>`, a scheme's (`https:`, `mailto:`), a path
(`./a`, `/a`, `#a`) or a file or host name (`notice.html`, `a.org/x`); `[Aside]: see
above` is prose."""

TABLE_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
"""The row under a Markdown table's head, `|------|:-----:|`: how its columns align."""


INLINE_TAG = re.compile(r"</?(?:a|abbr|b|bdi|bdo|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|"
                        r"q|s|samp|small|span|strong|sub|sup|time|u|var|wbr)"
                        r"(?:\s[^<>\n]*)?/?>", re.I)
"""An HTML tag of a phrasing element (HTML's inline elements: `<em>`, `</span>`, `<br/>`), as
Markdown lets a text write them among its words: said by espeak-ng ("em quietly slash em",
"span class equals x"), never by a reader. What they hold is said; `<Tam>` is no tag."""


ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference (`&mdash;`, `&amp;`, `&#8212;`), as a Markdown text writes
them: said as the character it stands for, where espeak-ng said "and m dash". Only one with
its semicolon: "AT&T", "R&D" or "this&not that" are words."""

COMMENT = re.compile(r"<!--.*?-->", re.S)
"""An HTML comment, which Markdown lets a text hold and no reader says ("exclamation a
comment")."""

ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
"""Markdown's backslash before a punctuation mark, which makes it the mark itself (`\\*`,
`1\\.`, `\\_`): espeak-ng said "backslash". One before a letter (`C:\\Users`) stays."""

_WINDOWS_PATH = re.compile(r":\\|\\\\|\\" + ALNUM)
"""A run of characters that is a Windows path (`C:\\_tmp_\\`, `\\\\server`, `dir\\a`), whose
backslashes are its own, no escape."""


def _markup_said(text: str) -> str:
    """text without what a Markdown (or HTML) text writes that a reader does not say: a
    link's or a picture's address (MARKDOWN_LINK), its references (_references_said: a
    reference link's label, a footnote's mark, a line of notes or link definitions), a
    table's pipes and rule (_table_said), a strikethrough's tildes (STRUCK), inline
    tags (INLINE_TAG; a line break a space), comments (COMMENT) and escaping backslashes
    (ESCAPE); character references said as their characters (ENTITY)."""
    if "[" in text:
        text = TRANSCRIBERS_NOTE.sub("", _references_said(text))
    if "](" in text:
        text = MARKDOWN_LINK.sub(r"\1", text)
    if text[:1] == "|" or text.lstrip()[:1] == "|":
        text = _table_said(text)
    if "~~" in text:
        text = STRUCK.sub(r"\1", text)
    if "<" in text:
        text = COMMENT.sub("", text)
        text = INLINE_TAG.sub(lambda m: " " if m.group()[1:3].lower() == "br" else "", text)
    if "&" in text:
        text = ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if "\\" in text:
        text = _WORD_RUN.sub(lambda m: m.group() if _WINDOWS_PATH.search(m.group())
                             else ESCAPE.sub("", m.group()), text)
    return text


def _references_said(text: str) -> str:
    """text with Markdown's references as a reader says them: a line that is a footnote's
    note or link definitions silent (""), a reference link its words, a footnote's mark
    nothing (FOOTNOTE_NOTE, REFERENCE_DEFINITIONS, REFERENCE_LINK, FOOTNOTE_MARK)."""
    if FOOTNOTE_NOTE.fullmatch(text) or ("]:" in text and
                                         REFERENCE_DEFINITIONS.fullmatch(text)):
        return ""
    if "][" in text:
        text = REFERENCE_LINK.sub(r"\1", text)
    return FOOTNOTE_MARK.sub("", text) if "[^" in text else text


def _table_said(text: str) -> str:
    """A Markdown table (its rows run together on one line, as a script's line holds a
    paragraph: `| Boat | Owner | |---|---| | Gull | Wenna |`) as a reader says it, each row a
    sentence of its cells, `Boat, Owner. Gull, Wenna.`, the rule under its head unsaid
    (TABLE_RULE; espeak-ng ran the cells together). text as it is when it is no table."""
    table = text.strip()
    rule = TABLE_RULE.search(table)
    if not rule or table[-1:] != "|":
        return text
    columns = rule.group().count("|") - 1
    cells = table[1:-1].split("|")
    if (len(cells) + 1) % (columns + 1) or \
            any(cells[k].strip() for k in range(columns, len(cells), columns + 1)):
        return text  # rows of another width: not one table
    rows = [[c.strip() for c in cells[k:k + columns] if c.strip()]
            for k in range(0, len(cells), columns + 1)]
    said = [", ".join(row) for row in rows
            if row and not all(re.fullmatch(r":?-+:?", c) for c in row)]
    return " ".join(row if row[-1] in ".!?…" else f"{row}." for row in said)


def spoken(text: str) -> str:
    """text as an engine is given it: without the underscores at a word's edge
    (EDGE_UNDERSCORES), an emphasis's or half of one cut from the other (by a quote, a
    paragraph, or into the pieces of a long line), which no one says and which hide a
    word from the lexicon (an underscore is a word character); without the halves the
    displays drop (`halves`: `ran._`, `_“Stop`); and without Markdown's marks
    (MARKDOWN_MARKS: `## Chapter One`, `*Again*`, `**sure**`), the underscores' first, so
    that asterisks around an emphasis go too (`**_very_**`); before all, the markup no
    reader says (_markup_said: `[the sea](https://a.org/sea_map.html)` is `the sea`,
    `~~gone~~` `gone`, `<em>`, `<!-- x -->` and `\\*`'s backslash nothing, `&mdash;` —)."""
    text = _markup_said(text)
    if "_" in text:
        text = _without(text, halves(text), 0, len(text))
        kept = literal(text)  # a URL's or a path's underscores stay, as they are its own
        text = EDGE_UNDERSCORES.sub(lambda m: m.group() if m.start() in kept else "", text)
    if "*" in text or "#" in text:
        text = MARKDOWN_MARKS.sub("", text)
    return text


def plain(text: str) -> str:
    """text without its emphasis marks: `_very_` is `very`, and half of one (`halves`)
    is dropped."""
    return marked(text, str, "") if "_" in text else text


def marked(text: str, escape: Callable[[str], str], mark: str = "*") -> str:
    """text with each emphasis between `mark`s, its words and the text around them passed
    through `escape` (a format's escaping of its markup characters); half of one (`halves`)
    dropped."""
    dropped = halves(text)
    out, last = [], 0
    for m in emphases(text):
        out += [escape(_without(text, dropped, last, m.start())), mark, escape(m.group(1)),
                mark]
        last = m.end()
    out.append(escape(_without(text, dropped, last, len(text))))
    return "".join(out)


def emphasised(text: str) -> tuple[str, list[bool]]:
    """text as `plain` shows it, and for each of its characters whether an emphasis marks
    it (the subtitles' <i>: they lay out the plain text, then mark what was italic)."""
    dropped = halves(text)
    shown: list[str] = []
    flags: list[bool] = []
    last = 0
    for m in emphases(text):
        for part, italic in ((_without(text, dropped, last, m.start()), False),
                             (m.group(1), True)):
            shown.append(part)
            flags += [italic] * len(part)
        last = m.end()
    rest = _without(text, dropped, last, len(text))
    return "".join(shown) + rest, flags + [False] * len(rest)


def _without(text: str, dropped: set[int], start: int, end: int) -> str:
    """text[start:end] without the characters at the places in `dropped`."""
    if not dropped:
        return text[start:end]
    return "".join(c for i, c in enumerate(text[start:end], start) if i not in dropped)
