"""Automatic casting: by gender, main characters distinct, extras shared, deterministic, series."""
from __future__ import annotations

import pytest

from drama.casting import cast_speakers, load_casting, variant_genders
from drama.casting.auto import EXTRA_VARIANTS, EXTRAS_PER_GENDER, MAX_EXTRA_LINES
from drama.casting.voices import split_voice
from drama.errors import EngineError
from drama.model import NARRATOR, Line, Script


@pytest.fixture(scope="module")
def espeak_voices():
    from drama.engines import make_engine
    try:
        engine = make_engine("pyttsx3")
    except EngineError as exc:
        pytest.skip(f"no espeak-ng: {exc}")
    try:
        voices = engine.voices()
    finally:
        engine.close()
    if not variant_genders():
        pytest.skip("espeak-ng variants not found")
    return voices


WOMEN = ["Mrs. Avery", "Lady Brook", "Countess Cole", "Miss Dane", "Madame Eyre", "Duchess Fane",
         "Sofia Grey", "Maria Hale", "Bessie Ives", "Anna Jude"]
MEN = ["Mr. Pym", "Sir Lyle", "Admiral Moss", "General Nash", "Count Orme", "John Pike",
       "Vladimir Quill", "Lord Rede", "Ivan Stone", "Father Tate", "Captain Urry", "Peter Vane"]
EXTRAS_F = ["Mrs. Wick", "Lady Yale", "Miss Zoll", "Madame Ash"]
EXTRAS_M = ["Mr. Abbot", "Sir Bligh", "John Crane", "Mr. Dunn", "Sir Ewer"]


def a_script(counts: dict[str, int]) -> Script:
    """A script where each speaker has the given number of lines (round robin)."""
    lines, pos = [], 0
    left = dict(counts)
    while any(left.values()):
        for name in counts:
            if left[name]:
                lines.append(Line(name, "dialogue", "Some words here.", pos, pos + 16))
                pos += 20
                left[name] -= 1
    return Script("t", lines=lines)


def cast_all(path, script, voices):
    return cast_speakers(path, [s for s in script.speakers], voices, scripts=[script])


def test_genders_distinct_mains_and_shared_extras(tmp_path, espeak_voices):
    counts = {**{n: 3 + i for i, n in enumerate(WOMEN + MEN)},
              **{n: 1 + i % MAX_EXTRA_LINES for i, n in enumerate(EXTRAS_F + EXTRAS_M)}}
    script = a_script(counts)
    p = tmp_path / "voices.yaml"
    cast_all(p, script, espeak_voices)
    c = load_casting(p)
    genders = variant_genders()

    def gender_of(name):
        return genders.get(split_voice(c.speakers[name].voice)[1])
    assert all(gender_of(n) == "female" for n in WOMEN + EXTRAS_F)
    assert all(gender_of(n) == "male" for n in MEN + EXTRAS_M)
    mains = [c.speakers[n].sound() for n in WOMEN + MEN]
    assert len(set(mains)) == len(mains), "two main characters sound alike"
    assert c.narrator.sound() not in mains
    # the leads differ in timbre (variant), not just in pitch or rate
    top = sorted(WOMEN + MEN, key=lambda n: -counts[n])[:8]
    assert len({c.speakers[n].voice.split("+")[1] for n in top}) == 8
    extras = {c.speakers[n].sound() for n in EXTRAS_F + EXTRAS_M}
    assert len(extras) == 2 * EXTRAS_PER_GENDER, "extras share a small set"
    # in turn: the first extras of a gender all differ
    assert len({c.speakers[n].sound() for n in EXTRAS_M[:EXTRAS_PER_GENDER]}) == \
        EXTRAS_PER_GENDER
    assert not extras & set(mains)
    assert all(split_voice(c.speakers[n].voice)[1] in EXTRA_VARIANTS["male"] +
               EXTRA_VARIANTS["female"] for n in EXTRAS_F + EXTRAS_M)
    # the inferred gender is written down, for a person to check
    assert c.speakers["Countess Cole"].gender == "female"


def test_same_input_same_file(tmp_path, espeak_voices):
    script = a_script({"Mrs. A": 5, "Mr. B": 4, "Unknown C": 3, "Mr. D": 1})
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    cast_all(a, script, espeak_voices)
    cast_all(b, script, espeak_voices)
    assert a.read_bytes() == b.read_bytes()


def test_a_series_keeps_voices_and_avoids_them(tmp_path, espeak_voices):
    p = tmp_path / "voices.yaml"
    ep1 = a_script({"Mrs. Avery": 6, "Mr. Pym": 5, "Sir Lyle": 4})
    cast_all(p, ep1, espeak_voices)
    first = p.read_text(encoding="utf-8")
    before = load_casting(p)
    ep2 = a_script({"Mr. Pym": 9, "Lady Brook": 7, "Mrs. Avery": 1, "General Nash": 3})
    assert cast_all(p, ep2, espeak_voices) == ["Lady Brook", "General Nash"]
    after = load_casting(p)
    assert p.read_text(encoding="utf-8").startswith(first)
    for name, entry in before.speakers.items():
        assert after.speakers[name].sound() == entry.sound()
    sounds = [e.sound() for e in after.speakers.values()]
    assert len(set(sounds)) == len(sounds)


def test_without_scripts_every_speaker_still_gets_a_voice(tmp_path, espeak_voices):
    p = tmp_path / "voices.yaml"
    names = [f"Speaker {i}" for i in range(30)]
    assert cast_speakers(p, [NARRATOR, *names], espeak_voices) == names
    c = load_casting(p)
    sounds = [c.speakers[n].sound() for n in names]
    assert len(set(sounds)) == len(sounds)


@pytest.mark.parametrize("narrator, expected", [("gmw/en-gb-x-rp+m3", "female"),
                                                 ("gmw/en-us+f2", "male")])
def test_a_speaker_of_no_known_sex_is_voiced_as_of_the_sex_the_narrator_is_not(
        tmp_path, espeak_voices, narrator, expected):
    """newcomer41: "Jorel" (no title, no listed given name, no pronoun) got a voice of
    either sex, as far as the other voices fell (a main character) or by a hash of the name
    (an extra). Now the sex the narrator's voice is not, main or extra, group or not."""
    p = tmp_path / "voices.yaml"
    p.write_text(f"narrator: {{voice: {narrator}}}\nspeakers: {{}}\n", encoding="utf-8")
    script = a_script({"Jorel": 6, "Someone": 4, "Velk": 1, "The crowd": 2, "Mr. Pym": 3})
    cast_all(p, script, espeak_voices)
    c = load_casting(p)
    sexes = {n: variant_genders()[split_voice(c.speakers[n].voice)[1]]
             for n in ["Jorel", "Someone", "Velk", "The crowd", "Mr. Pym"]}
    assert sexes == {"Jorel": expected, "Someone": expected, "Velk": expected,
                     "The crowd": expected, "Mr. Pym": "male"}
    assert c.speakers["Jorel"].gender is None      # written as unknown still


def test_tone_engine_pool(tmp_path):
    from drama.engines import make_engine
    voices = make_engine("tone").voices()
    script = a_script({"Mrs. A": 5, "Mr. B": 4, "Mr. C": 1})
    p = tmp_path / "voices.yaml"
    cast_all(p, script, voices)
    c = load_casting(p, {v.id for v in voices})
    assert c.speakers["Mrs. A"].voice in ("tone/mid", "tone/high")
    assert c.speakers["Mr. B"].voice in ("tone/low", "tone/quiet")     # the male tones
    assert c.narrator.voice.startswith("tone/")


@pytest.mark.slow
def test_every_pool_variant_speaks_and_sounds_different(tmp_path, espeak_voices):
    """The curated variants exist in this espeak-ng and each changes the sound."""
    import hashlib

    from drama.casting.auto import MAIN_VARIANTS
    from drama.engines import VoiceSettings, make_engine
    engine = make_engine("pyttsx3")
    digests = {}
    try:
        for g in ("male", "female"):
            for v in MAIN_VARIANTS[g] + EXTRA_VARIANTS[g]:
                out = tmp_path / f"{v}.wav"
                engine.synthesize("Hello there.", VoiceSettings(voice=f"gmw/en-us+{v}"), str(out))
                digests[v] = hashlib.sha256(out.read_bytes()).hexdigest()
    finally:
        engine.close()
    assert len(set(digests.values())) == len(digests)
