"""Long lines cut into segments at sentence ends: nothing lost, each piece bounded, pauses
where the punctuation is; the renderer speaks them as segments of their own."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drama.engines import make_engine
from drama.render import Pauses, render_script
from drama.cli import app
from drama.errors import RenderError
from drama.render.pieces import CLAUSE, MAX_PIECE_CHARS, SENTENCE, overlong_word, speech_pieces
from drama.scriptfile import save_script
from render_util import TONE_CASTING, casting_file, script_from

SENTENCES = ["Mr. Darcy bowed.", "It was a truth universally acknowledged.",
             "She said nothing; he waited, and the rain went on — long after dark.",
             "“Go!” cried J. Smith.", "Why?"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=80)), max_size=60),
       st.integers(min_value=20, max_value=700))
def test_pieces_give_the_text_back_and_stay_under_the_limit(parts, limit):
    text = " ".join(" ".join(parts).split())
    pieces = speech_pieces(text, limit)
    assert " ".join(p for p, _ in pieces) == text
    for piece, end in pieces:
        assert (piece or text == "") and piece == piece.strip()
        assert len(piece) <= limit or " " not in piece  # only a single long word is longer
        assert end in (SENTENCE, CLAUSE, "")
    assert pieces[-1][1] == ""


def test_a_long_line_is_cut_at_sentence_ends_never_after_a_title():
    text = " ".join(["Mr. Darcy said so to Mrs. Bennet, who did not listen."] * 30)
    pieces = speech_pieces(text)
    assert len(pieces) > 1 and all(len(p) <= MAX_PIECE_CHARS for p, _ in pieces)
    assert all(p.endswith("listen.") and e == SENTENCE for p, e in pieces[:-1])
    assert speech_pieces("A short line.") == [("A short line.", "")]


@pytest.mark.parametrize("title", ["Col.", "Maj.", "Sgt.", "Pvt.", "Sen.", "Prof.", "Mlle."])
def test_a_long_line_is_never_cut_after_any_shortened_title(title):
    """review27: the renderer kept a list of its own of the titles whose dot ends no
    sentence (Col., Capt., Gen., Lt., but not Maj., Sgt., Pvt., Sen., Prof. or Mlle.), so a
    long paragraph was cut, and paused, between "Maj." and "Dunn". It is the extractor's."""
    text = " ".join([f"Then {title} Dunn spoke to the men, who did not listen."] * 30)
    pieces = speech_pieces(text)
    assert len(pieces) > 1
    assert all(p.endswith("listen.") for p, _ in pieces[:-1]), [p[-20:] for p, _ in pieces]


def test_one_sentence_over_the_limit_is_cut_at_its_clauses():
    text = "; ".join(["and the wind came over the hill"] * 40) + "."
    pieces = speech_pieces(text)
    assert len(pieces) > 1 and all(e == CLAUSE for _, e in pieces[:-1])
    assert all(p.endswith(";") for p, _ in pieces[:-1])


def test_the_renderer_speaks_a_long_line_as_pieces_with_their_pauses(tmp_path):
    letter = " ".join(f"This is sentence number {n} of a very long letter." for n in range(60))
    script, source = script_from(f"“{letter}” said Anna.\n", [("Anna", letter),
                                                            ("Narrator", "said Anna.")])
    pauses = Pauses(sentence=0.5)
    result = render_script(script, casting_file(tmp_path), make_engine("tone"),
                           tmp_path / "ep.wav", source_text=source, pauses=pauses, workers=1)
    lines = json.loads(open(result.manifest, encoding="utf-8").read())["lines"]
    pieces = [ln for ln in lines if ln["index"] == 0]
    assert len(pieces) == len(speech_pieces(letter)) > 1
    assert " ".join(ln["text"] for ln in pieces) == letter
    assert [ln["piece"] for ln in pieces] == [[k + 1, len(pieces)] for k in range(len(pieces))]
    for a, b in zip(pieces, pieces[1:]):
        assert b["pause_before"] == "sentence"
        assert b["start"] - a["end"] == pytest.approx(0.5, abs=0.001)
    assert result.synthesized == len(pieces) + 1


def test_a_run_of_characters_longer_than_a_piece_is_no_word_to_spell_out(tmp_path, runner):
    """newcomer49: a Markdown story's embedded picture (`![map](data:image/png;base64,...)`,
    one run of characters with no space) was one segment, spelled out letter by letter:
    10,000 characters were 19 minutes of noise and 160 MB more memory, a 1 MB picture
    would be days of audio and gigabytes. render (and build) refuse it, naming the line,
    as they refuse words the source does not say; a run as long as a piece is spoken."""
    blob = "iVBORw0KGgo" * 70
    assert overlong_word(f"see ![map](data:image/png;base64,{blob}) here").startswith("![map]")
    assert overlong_word("x" * MAX_PIECE_CHARS) is None
    assert overlong_word("-" * 2000) is None  # a rule, which no engine is given
    # review49: prose of a script written without spaces is no embedded file: a paragraph
    # longer than a piece (invented: "the rain fell all night, and the river rose.") is spoken
    paragraph = "雨下了一整夜，河水涨了起来。" * 50
    assert len(paragraph) > MAX_PIECE_CHARS and overlong_word(paragraph) is None
    assert overlong_word("ฝนตกทั้งคืนแม่น้ำก็สูงขึ้น" * 30) is None
    picture = f"![map](data:image/png;base64,{blob})"
    source = f"The map came next.\n\n{picture}\n\nThat was all.\n"
    script, source = script_from(source, [("Narrator", "The map came next."),
                                          ("Narrator", picture), ("Narrator", "That was all.")])
    with pytest.raises(RenderError, match=r"^script line 2 holds 800 characters without a "
                                          r"space \(!\[map\]\(data:image/png;ba\.\.\.\)"):
        render_script(script, casting_file(tmp_path), make_engine("tone"), tmp_path / "ep.wav",
                      source_text=source, workers=1)
    (tmp_path / "story.txt").write_text(source, encoding="utf-8")
    script.source = "story.txt"
    path = tmp_path / "story.script.yaml"
    save_script(script, path)
    (tmp_path / "voices.yaml").write_text(TONE_CASTING, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-o", f"{tmp_path}/out/", "-c",
                                 str(tmp_path / "voices.yaml"), "--engine", "tone"])
    assert result.exit_code == 2
    message = result.output.strip().splitlines()[-1]
    assert message.startswith(f"drama: error: {path}:") and ": line 2 holds 800 " in message
    script.lines[1].kind = "skipped"  # as the message says: checked, never spoken
    save_script(script, path)
    result = runner.invoke(app, ["render", str(path), "-o", f"{tmp_path}/out/", "-c",
                                 str(tmp_path / "voices.yaml"), "--engine", "tone"])
    assert result.exit_code == 0, result.output


def test_a_run_without_spaces_longer_than_espeak_takes_is_cut():
    """hostile52: a paragraph of 30,000 Chinese characters was one segment: espeak-ng
    crashed on it (the render gone, no word said) or held hours of its audio in 2 GB. A run
    without a space is whole up to MAX_WORD_CHARS, then cut; nothing is lost."""
    from drama.render.pieces import MAX_WORD_CHARS
    run = "".join(chr(0x4E00 + n % 500) for n in range(2 * MAX_WORD_CHARS + 7))
    text = f"Anna wrote: {run} and signed it."
    pieces = speech_pieces(text)
    assert all(len(p) <= MAX_WORD_CHARS for p, _ in pieces)
    assert "".join(p for p, _ in pieces[1:]) == run + " and signed it."
    assert [len(p) for p, _ in pieces] == [11, MAX_WORD_CHARS, MAX_WORD_CHARS, 7 + 15]
    assert speech_pieces(run[:MAX_WORD_CHARS]) == [(run[:MAX_WORD_CHARS], "")]
