"""Gender inference from the source text: titles, given names, pronouns by lines and mentions."""
from __future__ import annotations

from pathlib import Path

import pytest

from drama.casting import infer_genders
from drama.casting.gender import is_group, name_evidence
from drama.model import Line, Script

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_15503dc1c8fd3743.txt"


def quote_line(text: str, speaker: str, phrase: str) -> Line:
    """A dialogue line over the quotation that starts with phrase, up to its closing mark."""
    at = text.index(phrase)
    end = min(i for i in (text.find("”", at), text.find("\n", at), len(text)) if i >= 0)
    return Line(speaker, "dialogue", text[at:end], at, end, cue="test")


def script_of(text: str, lines: list[Line]) -> Script:
    return Script(title="t", source=None, lines=sorted(lines, key=lambda ln: ln.start))


@pytest.mark.parametrize("label, gender", [
    ("Countess Sofia Panina", "female"), ("Maria Spiridonova", "female"),
    ("Bessie Beatty", "female"), ("Mrs. Dalloway", "female"), ("Madame Kollontai", "female"),
    ("Lady Bracknell", "female"), ("Miss Bates", "female"), ("Alexandra Kollontai", "female"),
    ("Admiral Razvozov", "male"), ("General Krasnov", "male"), ("Mr. Darcy", "male"),
    ("Sir Walter", "male"), ("Count Rostov", "male"), ("Vladimir Ilyich", "male"),
    ("Kerensky", "male"),
    ("Pennyfeather", "unknown"), ("Beatty", "unknown"), ("Medina", "unknown"),
])
def test_label_evidence(label, gender):
    g = name_evidence(label)
    f, m = g.female, g.male
    got = "female" if f > m else "male" if m > f else "unknown"
    assert got == gender, g.reasons


@pytest.mark.parametrize("label", ["Shreider and Prokopovich", "the crowd", "Several voices",
                                   "Unknown speaker", "Soldiers"])
def test_groups_and_placeholders_are_neutral(label):
    assert is_group(label)
    s = Script("t", lines=[Line(label, "dialogue", "x", 0, 1)])
    assert infer_genders(s, None)[label].gender == "neutral"


@pytest.mark.skipif(not SEED.exists(), reason="seed text missing")
def test_seed_women_and_men():
    from drama.scriptfile import read_text
    text = read_text(SEED)
    lines = [
        quote_line(text, "Bessie Beatty", "a critical moment in the history"),
        quote_line(text, "Countess Sofia Panina", "stand in front of the cannon"),
        quote_line(text, "Trotsky", "Now we have only to develop this triumph"),
        quote_line(text, "Dan", "The Central Executive Committee considers"),
    ]
    # Maria Spiridonova and Martov have no line: judged from the name and the narration
    got = infer_genders(script_of(text, lines), text, names=["Maria Spiridonova", "Martov"])
    assert {k: v.gender for k, v in got.items()} == {
        "Bessie Beatty": "female", "Countess Sofia Panina": "female",
        "Maria Spiridonova": "female", "Trotsky": "male", "Dan": "male", "Martov": "male"}
    # the text, not only the name: Bessie's "she wrote" and "She understood" count
    assert any("she wrote" in r for r in got["Bessie Beatty"].reasons)
    assert any("'She' after a mention" in r for r in got["Bessie Beatty"].reasons)


def test_pronoun_after_a_mention_and_speech_tags():
    text = ("Ellery Quade came in from the rain. She shook her coat.\n\n"
            "“Is it late?” asked Dorn.\n\n"
            "“Not yet,” she said.\n\n"
            "Dorn looked at the clock. He frowned.\n\n"
            "Dorn sat down, and his chair creaked.")
    lines = [quote_line(text, "Dorn", "Is it late?"), quote_line(text, "Ellery Quade", "Not yet,")]
    got = infer_genders(script_of(text, lines), text)
    assert got["Ellery Quade"].gender == "female"
    assert got["Dorn"].gender == "male"
    assert len(got["Dorn"].reasons) == 2


def test_one_stray_pronoun_only_leans():
    text = "“Is it late?” asked Dorn.\n\nDorn looked at the clock. He frowned."
    got = infer_genders(script_of(text, [quote_line(text, "Dorn", "Is it late?")]), text)
    assert got["Dorn"].gender == "unknown"
    assert got["Dorn"].lean == "male"


def test_another_speaker_in_between_blocks_the_pronoun():
    text = ("Ellery Quade nodded to Dorn, and he left.\n\n“Good,” said Ellery Quade.\n\n"
            "“Bye,” he said.")
    lines = [quote_line(text, "Ellery Quade", "Good,"), quote_line(text, "Dorn", "Bye,")]
    got = infer_genders(script_of(text, lines), text)
    assert got["Ellery Quade"].reasons == []
    assert got["Dorn"].gender == "male"


def test_pronouns_inside_quotes_do_not_count():
    text = "Pat Quarrie stood up: “He is late, and his horse is lame, he says,” Pat Quarrie said."
    lines = [quote_line(text, "Pat Quarrie", "He is late, and his horse is lame, he says,")]
    got = infer_genders(script_of(text, lines), text)
    assert got["Pat Quarrie"].gender == "unknown", got["Pat Quarrie"].reasons


def test_title_before_a_mention():
    text = "They waited for Mrs. Quade.\n\n“Sit,” said Quade."
    lines = [quote_line(text, "Quade", "Sit,")]
    assert infer_genders(script_of(text, lines), text)["Quade"].gender == "female"


def test_conflicting_evidence_is_unknown():
    text = ("Robin Vale spoke first; she was tired. Robin Vale laughed, and he sat.\n\n"
            "“Well,” said Robin Vale.")
    lines = [quote_line(text, "Robin Vale", "Well,")]
    assert infer_genders(script_of(text, lines), text)["Robin Vale"].gender == "unknown"


PDNC = ROOT.parent / "shared" / "data" / "pdnc-dev"


@pytest.mark.skipif(not PDNC.is_dir(), reason="PDNC data not present")
def test_pdnc_gold_genders():
    """On gold quotations of the PDNC novels, guesses are nearly always right."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("casting_gender",
                                                  ROOT / "bench" / "casting_gender.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    n = guessed = right = 0
    for folder in sorted(p for p in PDNC.iterdir() if (p / "novel_text.txt").exists()):
        script, text, chars = bench.gold_script(folder)
        for name, guess in infer_genders(script, text).items():
            gold = chars.get(name, ("X", ""))[0]
            if gold in ("F", "M"):
                n += 1
                if guess.gender in ("female", "male"):
                    guessed += 1
                    right += guess.gender[0].upper() == gold
    assert guessed >= 0.7 * n
    assert right >= 0.95 * guessed


def test_a_speaker_without_evidence_leans_to_the_books_majority_gender():
    narration = "He went out and he came back; his coat was wet. " * 10
    text = narration + "\n\n“Halt!” cried the sentry. “Who goes there?”"
    lines = [quote_line(text, "Pat Quarrie", "Halt!")]
    got = infer_genders(script_of(text, lines), text)
    assert got["Pat Quarrie"].gender == "unknown"      # a prior is never written as a gender
    assert got["Pat Quarrie"].lean == "male"
    few = infer_genders(script_of(text[-60:], [quote_line(text[-60:], "Pat Quarrie", "Halt!")]),
                        text[-60:])
    assert few["Pat Quarrie"].lean is None
