"""Each export read back by an independent parser: screenplain (Fountain), markdown-it (md),
srt and webvtt-py (subtitles); cue times checked against the manifest and the limits."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drama.emphasis import plain
from drama.export import ExportOptions, export_script
from drama.export.subtitles import (MAX_CHARS, MAX_LINES, MAX_SECONDS, reading_seconds, srt_text,
                                    vtt_text)
from drama.extract import extract_script
from drama.model import DIALOGUE, NARRATION, NARRATOR, Script
from drama.scriptfile import load_script, read_text, script_from_dict

DATA = Path(__file__).parent / "data"
SCRIPTS = sorted(DATA.glob("*.script.yaml"))
ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def seed_script(path: Path) -> Script:
    return extract_script(read_text(path), source=str(path))


def all_scripts():
    for p in SCRIPTS:
        yield pytest.param(lambda p=p: load_script(p), id=p.name.removesuffix(".script.yaml"))
    for p in SEEDS:
        yield pytest.param(lambda p=p: seed_script(p), id="seed-" + p.stem[:3])


# ------------------------------------------------------------------ Fountain

def fountain_plain(rich) -> str:
    """A screenplain rich string as text; screenplain does not implement the spec's `\\_`
    escape, so underscores and the backslashes before them are dropped on both sides."""
    return "".join(seg.text for seg in rich.segments).replace("\\", "").replace("_", "")


def parse_fountain(text: str):
    from screenplain.parsers import fountain
    return fountain.parse(io.StringIO(text))


@pytest.mark.parametrize("make", list(all_scripts()))
def test_fountain_parses_back_to_every_speaker_and_line(make):
    from screenplain.types import Action, Dialog
    script = make()
    parsed = parse_fountain(export_script(script, "fountain"))
    assert parsed.title_page["Title"], "title page lost"
    got = []
    for para in parsed:
        if isinstance(para, Dialog):
            cue = fountain_plain(para.character)
            for _, block in para.blocks:
                got.append((DIALOGUE, cue, fountain_plain(block)))
        elif isinstance(para, Action):
            got += [(NARRATION, None, fountain_plain(ln)) for ln in para.lines]
        else:
            pytest.fail(f"narration or dialogue read as {type(para).__name__}: {vars(para)}")
    want = [(ln.kind, ln.speaker.upper() if ln.kind == DIALOGUE else None,
             " ".join(ln.text.split()).replace("_", ""))
            for ln in script.lines if ln.text.strip()]
    # a cue is the name in capitals, or the name as written after `@`
    got = [(k, c.upper() if c else None, t) for k, c, t in got]
    assert [g[:2] for g in got] == [w[:2] for w in want]
    for (_, _, g), (_, _, w) in zip(got, want):
        assert words(g) == words(w)
        assert g == w.replace("[[", "[ [").replace("]]", "] ]")
    speakers = {ln.speaker.upper() for ln in script.lines if ln.kind == DIALOGUE}
    assert speakers == {c for k, c, _ in got if k == DIALOGUE}


def test_fountain_forces_what_would_be_misread():
    text = export_script(load_script(DATA / "tricky.script.yaml"), "fountain")
    assert "\n!INT. THE WINTER PALACE - NIGHT\n" in text
    assert "\n!CUT TO:\n" in text
    assert "\n@毛泽东\n" in text and "\n@2\n" in text
    assert "\nDE GAULLE\n" in text
    assert r"All \*power\*" in text


def test_fountain_escapes_emphasis_markers_only_where_they_pair():
    from drama.export.fountain import escape_text
    assert escape_text("Smirnov_N. / Wikimedia") == "Smirnov_N. / Wikimedia"
    assert escape_text("the _soviets_ and 2*3") == r"the \_soviets\_ and 2*3"
    assert escape_text(r"a \ b *c*") == r"a \ b \*c\*"


ITALICS = script_from_dict({"title": "t", "lines": [
    {"speaker": "Narrator", "kind": "narration", "start": 0, "end": 40,
     "text": "She was _very_ tired of _The Times_ and snake_case."},
    {"speaker": "Tom", "kind": "dialogue", "start": 41, "end": 60,
     "text": "I am _not_ mad, 2*3 *x*"}]})


def test_gutenberg_italics_are_emphasis_where_the_format_has_it_else_plain():
    """walk31: Project Gutenberg's `_very_` (its italics) showed as underscores in every
    export. Markdown and Fountain show it as their emphasis, `*very*` (any other marker
    escaped), the subtitles as theirs, `<i>very</i>` (ux33), the txt export plain; json is
    the script's data, underscores kept."""
    from markdown_it import MarkdownIt
    md = export_script(ITALICS, "md")
    assert "She was *very* tired of *The Times* and snake\\_case." in md
    assert "I am *not* mad, 2\\*3 \\*x\\*" in md
    ems = [t.children for t in MarkdownIt("commonmark").parse(md) if t.type == "inline"]
    assert [c.content for kids in ems for i, c in enumerate(kids)
            if i and kids[i - 1].type == "em_open"] == ["very", "The Times", "not"]
    fountain = export_script(ITALICS, "fountain")
    assert "She was *very* tired of *The Times* and snake\\_case." in fountain
    assert "I am *not* mad, 2\\*3 \\*x\\*" in fountain
    txt = export_script(ITALICS, "txt", ExportOptions(narration="plain"))
    assert "She was very tired of The Times and snake_case." in txt and "_not_" not in txt
    assert "_very_" in export_script(ITALICS, "json")
    manifest = json.loads((DATA / "excerpt_000.manifest.json").read_text(encoding="utf-8"))
    manifest["lines"][1]["text"] = "They did _not_ make it a block."
    for subtitles in (srt_text(manifest), vtt_text(manifest)):  # a caption of what is said
        assert "They did <i>not</i> make it a block." in subtitles and "_" not in subtitles


# ------------------------------------------------------------------ Markdown

@pytest.mark.parametrize("narration", ["narrator", "plain"])
@pytest.mark.parametrize("make", list(all_scripts()))
def test_markdown_shows_bold_speakers_and_every_line(make, narration):
    from markdown_it import MarkdownIt
    script = make()
    md = export_script(script, "md", ExportOptions(narration=narration))
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    paragraphs = []
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            children = [c for c in tok.children if c.type != "text" or c.content]
            speaker = None
            if children and children[0].type == "strong_open":
                speaker = children[1].content.removesuffix(":")
            text = "".join(c.content for c in children if c.type in ("text", "code_inline"))
            if speaker:
                text = text[len(speaker) + 1:].lstrip()
            paragraphs.append((speaker, text))
    want = [(None if narration == "plain" and ln.kind == NARRATION else ln.speaker,
             plain(" ".join(ln.text.split()))) for ln in script.lines if ln.text.strip()]
    assert paragraphs == want  # an emphasis's words in its em tokens
    header = [t.content for t in tokens if t.type == "inline"][2:5]
    assert header[:1] == ["Speaker"], "no cast table before the script"


def test_markdown_cast_list_counts_lines():
    from drama.casting import load_casting
    script = load_script(DATA / "excerpt_000.script.yaml")
    md = export_script(script, "md",
                       ExportOptions(casting=load_casting(DATA / "golden_voices.yaml")))
    assert "| The marchers | `gmw/en+m1` | 2 |" in md
    assert "| Someone | *not cast* | 1 |" in md


# ------------------------------------------------------------------ txt and json

@pytest.mark.parametrize("make", list(all_scripts()))
def test_txt_gives_every_line_labelled_and_wrapped(make):
    script = make()
    for narration in ("narrator", "plain"):
        txt = export_script(script, "txt", ExportOptions(width=60, narration=narration))
        heading, _, body = txt.partition("\n\n")
        assert heading.splitlines()[0] == script.title
        paragraphs = body.split("\n\n")[1:]  # after the cast
        want = [ln for ln in script.lines if ln.text.strip()]
        assert len(paragraphs) == len(want)
        for para, line in zip(paragraphs, want):
            rows = para.splitlines()
            assert all(len(r) <= 60 or " " not in r.strip() for r in rows), rows
            flat = " ".join(r.strip() for r in rows)
            said = plain(" ".join(line.text.split()))  # Gutenberg's _italics_ plain
            if narration == "plain" and line.kind == NARRATION:
                assert flat == said
            else:
                assert flat == f"{line.speaker.upper()}: {said}"


GUTENBERG = ("The Project Gutenberg eBook of Tiny Tales, by Ann Writer\n\nThis eBook is for "
             "the use of anyone anywhere at no cost.\n\nTitle: Tiny Tales\n\nAuthor: Ann "
             "Writer\n\n*** START OF THE PROJECT GUTENBERG EBOOK TINY TALES ***\n\n\n"
             "CHAPTER I.\n\nThe rain came down on the house all night, and the river rose "
             "over the fields and the roads.\n\n\"We must leave,\" said Mary.\n")


@pytest.mark.parametrize("fmt,note", [
    ("txt", "[not read aloud: gutenberg-header, 38 words]"),
    ("md", "*(not read aloud: gutenberg-header, 38 words)*"),
    ("fountain", "[[not read aloud: gutenberg-header]]")])
def test_skipped_matter_a_line_a_paragraph_is_one_note(fmt, note):
    """ux33 made a Gutenberg header a line a paragraph (as the source reads): the exports
    still tell of it in one note, not one a paragraph (a licence's hundreds)."""
    script = extract_script(GUTENBERG)
    assert sum(ln.kind == "skipped" for ln in script.lines) == 5
    text = export_script(script, fmt)
    assert text.count("not read aloud") == 1 and note in text, text


def test_a_long_run_of_skipped_lines_is_one_note_in_linear_time():
    """hostile33: the run's text was joined a line at a time, each join copying all before
    it: 40,000 skipped paragraphs (a 4 MB text after its "*** END OF" line) took minutes to
    export; joined once, well under a second. The note counts every word."""
    import time
    from drama.model import Line, SKIPPED
    paragraph = "You may copy it, give it away or re-use it under the terms of the licence."
    lines = [Line("Narrator", SKIPPED, paragraph, i * 80, i * 80 + 76,
                  level="gutenberg-licence") for i in range(40_000)]
    script = Script(title="Licence", source=None, lines=lines)
    began = time.perf_counter()
    text = export_script(script, "txt")
    assert time.perf_counter() - began < 5
    words = 40_000 * len(paragraph.split())
    assert text.count("not read aloud") == 1 and f"gutenberg-licence, {words} words" in text


@pytest.mark.parametrize("make", list(all_scripts()))
def test_json_is_the_script_file_form(make):
    script = make()
    again = script_from_dict(json.loads(export_script(script, "json")))
    assert again == script


# ------------------------------------------------------------------ subtitles

def check_subtitles(manifest: dict, cues: list[tuple[float, float, str, str | None]]) -> None:
    """cues (start, end, text, voice) tile each manifest line, within the limits; a line's
    last cue ends where the line does, or lingers into the pause after it (linger)."""
    lines = [ln for ln in manifest["lines"] if ln["text"].strip()]
    it = iter(cues)
    for n, line in enumerate(lines):
        start, end, text, voice = next(it)
        assert start == pytest.approx(line["start"], abs=0.0005)
        got = [text]
        if voice is not None:
            assert voice == " ".join(line["speaker"].split())
        while end < line["end"] - 0.0005:
            nxt = next(it)
            assert nxt[0] == pytest.approx(end, abs=0.0005), "a gap inside one line"
            start, end, text, voice = nxt
            got.append(text)
        room = lines[n + 1]["start"] if n + 1 < len(lines) else manifest.get("duration")
        check_linger(start, end, text, line["end"], room)
        # every letter and digit, in order (a word over MAX_CHARS is broken across rows)
        assert "".join(words(" ".join(got))) == "".join(words(line["text"]))
    assert next(it, None) is None, "more cues than lines"
    for start, end, text, _ in cues:
        assert end - start <= MAX_SECONDS + 0.0005
        rows = text.splitlines()
        assert 1 <= len(rows) <= MAX_LINES
        assert all(len(r) <= MAX_CHARS for r in rows), rows


def check_linger(start: float, end: float, text: str, line_end: float,
                 room: float | None) -> None:
    """A line's last cue (start, end, text) ends where its line does (line_end), or later,
    up to the time it takes to read (reading_seconds; 0.06 s for each escape that shortens
    the text shown: SRT writes "-->" as "->") and never past the next line's start or the
    audio's end (room)."""
    read = reading_seconds(text)
    slack = 0.06 * max(1, text.count("->") - text.count("-->"))
    if room is None or room <= line_end + 0.0005:
        assert end == pytest.approx(line_end, abs=0.0005), "lingered with no room"
        return
    assert line_end - 0.0005 <= end <= room + 0.0005, "a cue ends outside its pause"
    if end > line_end + 0.0005:
        assert end == pytest.approx(room, abs=0.0005) or \
            end - start == pytest.approx(read, abs=slack), "lingered past its reading"
    else:
        assert end - start >= read - 0.06, "left before it was read, with room to stay"


def srt_cues(text: str):
    """(start, end, text, None) of each cue, its italics' tags taken out (as a player
    shows it; webvtt-py's text is without them too)."""
    import srt
    return [(sub.start.total_seconds(), sub.end.total_seconds(),
             re.sub(r"</?i>", "", sub.content), None) for sub in srt.parse(text)]


def check_srt(manifest):
    """SRT cues tile the manifest within the limits, the speaker label counted on row one."""
    labels = sorted({label_of(ln) for ln in manifest["lines"]}, key=len, reverse=True)
    cues = srt_cues(srt_text(manifest))
    for line, cue_label in zip(*_first_cues(manifest, cues)):
        assert cue_label == label_of(line)
    stripped = []
    for start, end, text, _ in cues:
        label = next(lb for lb in labels if text.startswith(lb))
        stripped.append((start, end, text[len(label):], None))
    check_subtitles(manifest, stripped)
    for _, _, text, _ in cues:
        assert all(len(r) <= MAX_CHARS for r in text.splitlines())


def label_of(line: dict) -> str:
    from drama.export.subtitles import _label
    return _label(line["speaker"], line.get("kind", "dialogue"), True)


def _first_cues(manifest, cues):
    """(manifest lines, label found on the cue starting at each line's start)."""
    lines = [ln for ln in manifest["lines"] if ln["text"].strip()]
    by_start = {}
    for start, _, text, _ in cues:
        by_start.setdefault(round(start, 3), text)
    found = []
    for ln in lines:
        text = by_start[round(ln["start"], 3)]
        found.append(label_of(ln) if text.startswith(label_of(ln)) else "")
    return lines, found


def vtt_cues(text: str):
    """(start, end, text, voice) of each cue; webvtt-py leaves the spec's character
    references (&amp; &lt; &gt;) undecoded, so they are decoded here."""
    import html

    import webvtt
    return [(c.start_in_seconds + int(c.start.split(".")[1]) / 1000,
             c.end_in_seconds + int(c.end.split(".")[1]) / 1000, html.unescape(c.text),
             html.unescape(c.voice) if c.voice is not None else None)
            for c in webvtt.from_buffer(io.StringIO(text))]


def manifests():
    for p in sorted(DATA.glob("*.manifest.json")):
        yield pytest.param(json.loads(p.read_text(encoding="utf-8")), id=p.stem)


@pytest.mark.parametrize("manifest", list(manifests()))
def test_srt_times_match_the_manifest(manifest):
    check_srt(manifest)


@pytest.mark.parametrize("manifest", list(manifests()))
def test_vtt_times_and_voices_match_the_manifest(manifest):
    cues = vtt_cues(vtt_text(manifest))
    assert all(voice for *_, voice in cues), "a cue without its <v Speaker> tag"
    check_subtitles(manifest, cues)


def test_write_subtitles_beside_the_manifest(tmp_path):
    from drama.export import write_subtitles
    manifest = tmp_path / "ep.manifest.json"
    manifest.write_text((DATA / "excerpt_004.manifest.json").read_text(encoding="utf-8"),
                        encoding="utf-8")
    written = write_subtitles(manifest)
    assert written == [str(tmp_path / "ep.srt"), str(tmp_path / "ep.vtt")]
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert (tmp_path / "ep.srt").read_text(encoding="utf-8") == srt_text(data)
    assert (tmp_path / "ep.vtt").read_text(encoding="utf-8") == vtt_text(data)


def test_a_long_line_is_split_at_sentences_with_time_by_characters():
    text = ("The Provisional Government is deposed. State power has passed into the hands of "
            "the Military Revolutionary Committee. Long live the revolution of workers, "
            "soldiers and peasants!")
    manifest = {"title": "t", "lines": [{"speaker": "Lenin", "kind": "dialogue", "text": text,
                                         "start": 1.0, "end": 13.0}]}
    cues = vtt_cues(vtt_text(manifest))
    check_subtitles(manifest, cues)
    assert cues[0][2] == "The Provisional Government is deposed."
    # time is shared by characters, spaces aside
    first_share = len(cues[0][2].replace(" ", "")) / len(text.replace(" ", ""))
    assert cues[0][1] - cues[0][0] == pytest.approx(12.0 * first_share, abs=0.01)


def _said(*lines, duration=None):
    """A manifest of (speaker, text, start, end) lines."""
    return {"title": "t", **({"duration": duration} if duration is not None else {}),
            "lines": [{"speaker": who, "kind": "dialogue", "text": text, "start": t0, "end": t1}
                      for who, text, t0, t1 in lines]}


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_a_cue_spoken_too_fast_to_read_lingers_into_the_pause_after_it(fmt):
    manifest = _said(("Tom", "Yes,", 1.0, 1.35),          # 1.5 s of pause: lingers 1 s
                     ("Ann", "To Italy,", 2.85, 3.3),     # 0.3 s: lingers up to the next
                     ("Tom", "Mr. Costello was asked about the trip by his aunt that very "
                      "evening at dinner.", 3.6, 6.6),    # 78 characters: 3.9 s at 20 a second
                     ("Ann", "Well!", 8.0, 8.4),          # the audio ends 0.5 s later
                     duration=8.9)
    cues = {"srt": srt_cues, "vtt": vtt_cues}[fmt](
        {"srt": srt_text, "vtt": vtt_text}[fmt](manifest))
    assert [(c[0], c[1]) for c in cues] == [(1.0, 2.0), (2.85, 3.6), (3.6, 7.5), (8.0, 8.9)]
    check_subtitles(manifest, [(s, e, re.sub(r"^[A-Z]+: ", "", t), None) for s, e, t, _ in cues])
    # with no duration known the last cue keeps its end; a cue read in time keeps its own
    del manifest["duration"]
    manifest["lines"][2]["end"] = 8.0
    assert [(c[0], c[1]) for c in cues_of(fmt, manifest)][-2:] == [(3.6, 8.0), (8.0, 8.4)]


def cues_of(fmt, manifest):
    return {"srt": srt_cues, "vtt": vtt_cues}[fmt]({"srt": srt_text, "vtt": vtt_text}[fmt](manifest))


def test_a_titles_full_stop_ends_no_cue():
    text = "said Mrs. Pike, in a voice made heavy by a feeling for the great size of the whole affair."
    cues = cues_of("vtt", _said(("Narrator", text, 0.0, 4.7)))
    assert [c[2].replace("\n", " ") for c in cues] == [
        "said Mrs. Pike,", "in a voice made heavy by a feeling for the great size of the whole affair."]


sentence = st.lists(st.sampled_from(list("abcdefghij  ,.!?;—’“”") + ["Xylophone", "-->", "W" * 50]),
                    max_size=300).map("".join)


@settings(max_examples=60, deadline=None)
@example(texts=["", "", "", "aaaaaaaXylophone-->-->", "a"], speeds=[0.25, 0.25, 0.25, 0.0390625, 0.25, 0.25])
@given(texts=st.lists(sentence, min_size=1, max_size=6),
       speeds=st.lists(st.floats(0.01, 0.3), min_size=6, max_size=6))
def test_any_manifest_gives_cues_within_the_limits(texts, speeds):
    t, lines = 0.5, []
    for i, text in enumerate(texts):
        d = round(len(text) * speeds[i] + 0.1, 3)
        lines.append({"speaker": f"S{i % 2} <&>", "kind": "dialogue", "text": text,
                      "start": round(t, 3), "end": round(t + d, 3)})
        t += d + 0.3
    manifest = {"title": "prop", "lines": lines}
    check_subtitles(manifest, [c for c in vtt_cues(vtt_text(manifest))])
    check_srt(manifest)


SPLIT_ITALICS = script_from_dict({"title": "t", "lines": [
    {"speaker": "Tom", "kind": "dialogue", "start": 0, "end": 15, "text": "the _rain came."},
    {"speaker": "Tom", "kind": "dialogue", "start": 17, "end": 36,
     "text": "It fell_ all night, my_var"},
    {"speaker": "Narrator", "kind": "narration", "start": 38, "end": 58,
     "text": "he said. _He was tired,"},
    {"speaker": "Narrator", "kind": "narration", "start": 70, "end": 90,
     "text": "and wet._ Mr. B____ and _ stay."}]})


@pytest.mark.parametrize("fmt", ["md", "fountain", "txt"])
def test_an_emphasis_split_across_lines_shows_no_underscore(fmt):
    """review32: an emphasis a paragraph or a quote splits (`the _rain came.` / `It fell_
    all night`) kept its underscores, escaped, in md and fountain and bare in txt, where
    speech drops them (emphasis.spoken). Each half is dropped (emphasis.halves); snake_case,
    a blank for a name and a lone underscore are kept."""
    text = export_script(SPLIT_ITALICS, fmt, ExportOptions(narration="plain"))
    for half in ("the rain came.", "It fell all night,", "he said. He was tired,",
                 "and wet."):
        assert half in text, (half, text)
    bare = text.replace("\\_", "_")
    assert "my_var" in bare and "B____" in bare and " _ stay." in bare, text


EMPHASISED = {"title": "t", "lines": [
    {"speaker": "Tom", "kind": "dialogue", "start": 0.0, "end": 3.0,
     "text": "I am _not_ mad, & _The Times_ says so: <i>x</i> --> <b>"},
    {"speaker": "Narrator", "kind": "narration", "start": 3.0, "end": 12.0,
     "text": "He read _a very long title that runs over the whole of the row and on to the "
             "next one, and beyond it_ and slept. At http://a.org/_x_/y the _rain"}]}


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_subtitles_show_the_scripts_emphasis_in_italics_escaped(fmt):
    """ux33: the subtitles showed Gutenberg's `_very_` plain, where WebVTT has <i> and SRT
    players read it too. Each emphasis is in <i> (an emphasis over a row's end or a cue's
    closed there and opened again on the next, so every row holds its own), a URL's
    underscores and half an emphasis as elsewhere; the text's own `<i>` never reads as a
    tag (VTT: character references; SRT, which has none: `‹`, U+2039)."""
    text = srt_text(EMPHASISED) if fmt == "srt" else vtt_text(EMPHASISED)
    rows = [r for r in text.splitlines() if r and "-->" not in r and not r.isdigit()][1 if
                                                                                  fmt == "vtt" else 0:]
    own = ("‹i>x‹/i> -> ‹b>" if fmt == "srt" else "&lt;i&gt;x&lt;/i&gt; --&gt; &lt;b&gt;")
    amp = "&" if fmt == "srt" else "&amp;"
    assert rows == [
        ("TOM: " if fmt == "srt" else "<v Tom>") + f"I am <i>not</i> mad, {amp} <i>The Times</i>"
        " says so:", own,
        ("" if fmt == "srt" else "<v Narrator>") + "He read <i>a very long title that runs "
        "over</i>", "<i>the</i>",
        ("" if fmt == "srt" else "<v Narrator>") + "<i>whole of the row and on to the next "
        "one,</i>", "<i>and beyond it</i> and slept.",
        ("" if fmt == "srt" else "<v Narrator>") + "At http://a.org/_x_/y the rain"], rows
    for row in rows:  # every row closes what it opens
        assert re.fullmatch(r"(?:[^<]|<v [^>]*>|<i>[^<]*</i>)*", row), row
    check = check_srt if fmt == "srt" else (lambda m: check_subtitles(m, vtt_cues(vtt_text(m))))
    check(EMPHASISED)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij,.'-\n", min_size=1, max_size=50), min_size=1,
                max_size=30),
       st.sampled_from(["", "TROTSKY: ", "THE GENTLEMAN IN THE WHITE…: "]))
@example(["a", "a" * 22, "a", "aa", "aa", "aa", "aaa", "aaaaa"], "THE GENTLEMAN IN THE WHITE…: ")
@example(["x" * 21 + "\n" + "x" * 20 + "\n" + "y" * 42], "")  # line breaks are spaces: review36
def test_whether_a_cue_fits_is_what_its_wrapped_rows_say(words_, label):
    """fits() tells most cues by their length and their words (walk36), and says what the
    rows wrap() makes say, every time."""
    from drama.export.subtitles import fits, wrap
    text = " ".join(words_)
    assert fits(text, label) == (len(wrap(text, label)) <= MAX_LINES)


def test_a_cue_of_words_is_told_to_fit_without_wrapping_it(monkeypatch):
    """Each episode's subtitles are written again by every build of a book, up to date or
    not, and the cue splitting tries every way of cutting a long paragraph: wrapping each
    try took 0.3 s an episode and format, 30 s of CPU for Oliver Twist's 53 (walk36)."""
    import textwrap

    from drama.export import subtitles

    wrapped = []
    real = textwrap.wrap
    monkeypatch.setattr(subtitles.textwrap, "wrap",
                        lambda *a, **k: wrapped.append(a) or real(*a, **k))
    chunk = "and the people who lived in them talked of the weather and the harvest"
    assert subtitles.fits(chunk, "TOM: ") and not subtitles.fits(chunk + " " + chunk)
    assert subtitles.fits(chunk[:30]) and not subtitles.fits(chunk * 3)
    assert wrapped == []


SCARE = ('In the square there is a parade of "fashionable" young men. She was in Paris '
         '"resting." When her rivals spoke of her, they said--but, after all, she had no '
         'rivals.')


def _narration(text: str, start: int, end: int, t0: float, t1: float) -> dict:
    return {"speaker": "Narrator", "kind": "narration", "text": text, "start": t0, "end": t1,
            "source_start": start, "source_end": end}


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_subtitles_show_the_quotation_marks_the_narrator_quotes_with(fmt):
    """walk38: a narrator line is spoken without its quotation marks, and the subtitles
    showed what is spoken: a line's `in Paris "resting."` was captioned `in Paris
    resting.`, the irony gone (the txt, md and fountain exports show the source's marks:
    shown_text). Given the source, a narration cue shows its words as the source prints
    them, marks and all; the second piece of a line spoken in pieces too."""
    spoken = SCARE.replace('"', "")
    first, second = spoken.split(" When ")
    manifest = {"title": "t", "lines": [
        _narration(first, 0, len(SCARE), 1.0, 9.0),
        _narration("When " + second, 0, len(SCARE), 9.0, 14.0)]}
    render = {"srt": srt_text, "vtt": vtt_text}[fmt]
    shown = " ".join(" ".join(c[2].split()) for c in
                     {"srt": srt_cues, "vtt": vtt_cues}[fmt](render(manifest, SCARE)))
    assert '"fashionable" young men' in shown and 'in Paris "resting."' in shown, shown
    assert shown == SCARE
    check_subtitles(manifest, {"srt": srt_cues, "vtt": vtt_cues}[fmt](render(manifest, SCARE)))
    # without the source, or where the line's words are not its span's (an edited line),
    # what is spoken
    assert '"' not in render(manifest)
    edited = {"title": "t", "lines": [_narration("He was in Rome.", 0, len(SCARE), 1.0, 3.0)]}
    assert "He was in Rome." in render(edited, SCARE)


@settings(max_examples=200, deadline=None)
@given(span=st.lists(st.sampled_from(["he", "said", "“so”", '"so,"', "'tis", "—", "x.", "’"]),
                     min_size=1, max_size=12).map(" ".join),
       cut=st.integers(0, 12))
def test_a_captions_marks_never_change_its_words(span, cut):
    """marked_as_in puts marks back and nothing else: whatever the span, a piece of it
    (spoken without marks) is shown with the same words in the same order."""
    from drama.export.options import _unmarked, marked_as_in
    words_ = _unmarked(span).split()
    for piece in (" ".join(words_[:cut]), " ".join(words_[cut:])):
        if piece:
            assert _unmarked(marked_as_in(span, piece)) == _unmarked(piece)


HEADED = "PART I\n\nCHAPTER II.\n\nThe rain came."


@pytest.mark.parametrize("fmt", ["txt", "md", "fountain", "srt", "vtt"])
def test_a_heading_is_published_as_the_source_prints_it(fmt):
    """walk38: `PART I` was published `PART I.` (txt, md's `### PART I.`, fountain's
    `.PART I.`, the subtitles), with the full stop a heading is spoken with (its pause):
    shown as the source prints it, a stop it has kept; an edited heading as edited."""
    def heading(text, start, end):
        return {"speaker": NARRATOR, "kind": "chapter", "text": text, "start": start,
                "end": end, "level": "chapter"}
    script = script_from_dict({"title": "t", "lines": [
        heading("PART I.", 0, 6), heading("CHAPTER II.", 8, 19),
        {"speaker": NARRATOR, "kind": "narration", "text": "The rain came.", "start": 21,
         "end": 35}]})
    timed = [(0.0, 1.0), (1.5, 3.0), (3.5, 5.0)]
    manifest = {"title": "t", "lines": [
        {**ln.to_dict(), "start": t0, "end": t1, "source_start": ln.start,
         "source_end": ln.end} for ln, (t0, t1) in zip(script.lines, timed)]}
    shown = export_script(script, fmt, ExportOptions(source_text=HEADED, manifest=manifest))
    assert "PART I." not in shown and "CHAPTER II." in shown, shown
    assert re.search(r"(?m)^(### |\.|<v Narrator>)?PART I$", shown), shown
    edited = export_script(script, fmt, ExportOptions(source_text=HEADED.replace("PART I",
                                                                                 "BOOK I"),
                                                      manifest=manifest))
    assert "PART I." in edited, edited
