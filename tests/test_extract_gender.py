"""Gender, inferred once (extract/gender.py) and carried in the script's characters section:
titles, given names, pronouns after mentions, speech tags; casting only reads it."""
from __future__ import annotations

from pathlib import Path

import pytest

from drama.casting import speaker_genders
from drama.extract.gender import Evidence, is_group, label_evidence, name_tokens
from drama.extract.inventory import characters_for_script, describe
from drama.extract.cast import Cast
from drama.extract.lexicon import given_name_sex
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


def genders(text: str, lines: list[Line]) -> dict[str, str]:
    return {e.name: e.gender for e in characters_for_script(script_of(text, lines), text)}


def entry(text: str, lines: list[Line], name: str):
    return next(e for e in characters_for_script(script_of(text, lines), text) if e.name == name)


@pytest.mark.parametrize("label, lean", [
    ("Countess Sofia Panina", "f"), ("Maria Spiridonova", "f"), ("Bessie Beatty", "f"),
    ("Mrs. Dalloway", "f"), ("Madame Kollontai", "f"), ("Lady Bracknell", "f"),
    ("Miss Wilkes", "f"), ("Alexandra Kollontai", "f"), ("The Housemaid", "f"),
    ("Admiral Razvozov", "m"), ("General Krasnov", "m"), ("Mr. Dalby", "m"),
    ("Sir Walter", "m"), ("Count Rostov", "m"), ("Vladimir Ilyich", "m"), ("Kerensky", "m"),
    ("Angry soldier", "m"),
    ("Pennyfeather", None), ("Beatty", None), ("Medina", None),
])
def test_label_evidence(label, lean):
    assert label_evidence(label).lean() == lean, label_evidence(label)


@pytest.mark.parametrize("short, full", [("Col. Hale", "Colonel Hale"),
                                         ("Capt. Moss", "Captain Moss"),
                                         ("Sgt. Lowe", "Sergeant Lowe")])
def test_a_title_the_ap_abbreviates_says_what_its_full_form_says(short, full):
    """"Col. Hale" is Colonel Hale's form: the same sex from the label, and "Col" no name."""
    assert label_evidence(short).label == label_evidence(full).label == "m"
    assert name_tokens(short) == name_tokens(full)


@pytest.mark.parametrize("label", ["Shreider and Prokopovich", "the crowd", "Several voices",
                                   "Unknown speaker", "Soldiers", "The marchers"])
def test_groups_and_placeholders_are_neutral(label):
    assert is_group(label)
    s = Script("t", lines=[Line(label, "dialogue", "x", 0, 1)])
    assert speaker_genders([s])[label].gender == "neutral"


def test_given_names_come_from_the_sourced_lists():
    assert given_name_sex("Emma") == "f" and given_name_sex("JOHN") == "m"
    assert given_name_sex("Leslie") is None       # given to both sexes: no prior
    assert given_name_sex("Quarrie") is None
    header = (ROOT / "drama" / "extract" / "data" / "given_names_female.txt").read_text()
    assert "Social Security Administration" in header and "tools/given_names.py" in header


def test_the_texts_own_pronouns_outweigh_the_name_prior():
    # "Keith" is a man's name in the lists; the text says she, twice
    text = "Keith was late, as she always was; Keith said she would come.\n\n“Hello,” said Keith."
    assert genders(text, [quote_line(text, "Keith", "Hello")]) == {"Keith": "f"}
    # one stray "she" does not cancel a given name
    text = "Desmond came in and looked at the girl; she smiled.\n\n“Hello,” said Desmond."
    assert genders(text, [quote_line(text, "Desmond", "Hello")]) == {"Desmond": "m"}


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
    got = describe(["Bessie Beatty", "Countess Sofia Panina", "Trotsky", "Dan",
                    "Maria Spiridonova", "Martov"], text, Cast(text), lines)
    assert {e.name: e.gender for e in got} == {
        "Bessie Beatty": "f", "Countess Sofia Panina": "f", "Maria Spiridonova": "f",
        "Trotsky": "m", "Dan": "m", "Martov": "m"}
    # the text, not only the name: Bessie's "she wrote" counts ("She understood" follows
    # "the San Francisco Bulletin", another name, so it may be that one's)
    bessie = got[0].evidence
    assert bessie["tag_f"] >= 1 and bessie["given_name"] == "f"


def test_pronoun_after_a_mention_and_speech_tags():
    text = ("Ellery Quade came in from the rain. She shook her coat.\n\n"
            "“Is it late?” asked Dorn.\n\n"
            "“Not yet,” she said.\n\n"
            "Dorn looked at the clock. He frowned.\n\n"
            "Dorn sat down, and his chair creaked.")
    lines = [quote_line(text, "Dorn", "Is it late?"), quote_line(text, "Ellery Quade", "Not yet,")]
    assert genders(text, lines) == {"Dorn": "m", "Ellery Quade": "f"}
    assert entry(text, lines, "Ellery Quade").evidence == {"pronoun_f": 1, "tag_f": 1}
    assert entry(text, lines, "Dorn").evidence == {"pronoun_m": 2}


def test_one_stray_pronoun_only_leans():
    text = "“Is it late?” asked Dorn.\n\nDorn looked at the clock. He frowned."
    e = entry(text, [quote_line(text, "Dorn", "Is it late?")], "Dorn")
    assert e.gender == "unknown"
    assert Evidence.from_dict(e.evidence).lean() == "m"


@pytest.mark.parametrize("counts, leans", [
    (dict(pronoun_m=3), "m"), (dict(pronoun_m=2, pronoun_f=1), None),
    (dict(pronoun_m=1, pronoun_f=2), None), (dict(pronoun_f=2, given_name="f"), "f"),
    (dict(pronoun_m=3, pronoun_f=3), None), (dict(book="f"), None)])
def test_a_weighed_lean_needs_a_given_names_weight_on_its_side(counts, leans):
    # Salience.leans reads it: a pronoun of the other sex passes over such a name; one "he"
    # against two "her", or the book's lean alone, is none
    assert Evidence(**counts).weighed_lean() == leans


def test_another_name_in_between_blocks_the_pronoun():
    text = ("Ellery Quade nodded to Dorn, and he left.\n\n“Good,” said Ellery Quade.\n\n"
            "“Bye,” he said.")
    lines = [quote_line(text, "Ellery Quade", "Good,"), quote_line(text, "Dorn", "Bye,")]
    assert entry(text, lines, "Ellery Quade").evidence == {}
    assert genders(text, lines)["Dorn"] == "m"


def test_pronouns_inside_quotes_do_not_count():
    text = "Pat Quarrie stood up: “He is late, and his horse is lame, he says,” Pat Quarrie said."
    lines = [quote_line(text, "Pat Quarrie", "He is late, and his horse is lame, he says,")]
    assert entry(text, lines, "Pat Quarrie").evidence == {}


def test_title_before_a_mention():
    text = "They waited for Mrs. Quade.\n\n“Sit,” said Quade."
    assert genders(text, [quote_line(text, "Quade", "Sit,")]) == {"Quade": "f"}


def test_a_description_takes_the_pronouns_after_it():
    text = ("The doctor came in; he was tired. The doctor sat, and his chair creaked.\n\n"
            "“Well,” said the doctor.")
    e = entry(text, [quote_line(text, "The doctor", "Well,")], "The doctor")
    assert e.gender == "m" and e.evidence["pronoun_m"] == 2


def test_conflicting_evidence_is_unknown():
    text = ("Robin Vale spoke first; she was tired. Robin Vale laughed, and he sat.\n\n"
            "“Well,” said Robin Vale.")
    assert genders(text, [quote_line(text, "Robin Vale", "Well,")]) == {"Robin Vale": "unknown"}


PDNC = ROOT.parent / "shared" / "data" / "pdnc-dev"


@pytest.mark.slow  # all ten novels (~2.5 s of CPU): a whole-corpus run, left to `make test`
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
        for e in characters_for_script(script, text):
            gold = chars.get(e.name, ("X", ""))[0]
            if gold in ("F", "M"):
                n += 1
                if e.gender in ("f", "m"):
                    guessed += 1
                    right += e.gender == gold.lower()
    assert guessed >= 0.7 * n
    assert right >= 0.95 * guessed


def test_a_speaker_without_evidence_leans_to_the_books_majority_gender():
    narration = "He went out and he came back; his coat was wet. " * 10
    text = narration + "\n\n“Halt!” cried the sentry. “Who goes there?”"
    lines = [Line("Narrator", "narration", narration.strip(), 0, len(narration.strip())),
             quote_line(text, "Pat Quarrie", "Halt!")]
    got = speaker_genders([script_of(text, lines)], [text])
    assert got["Pat Quarrie"].gender == "unknown"      # a prior is never written as a gender
    assert got["Pat Quarrie"].lean == "male"
    few = text[-60:]
    got = speaker_genders([script_of(few, [quote_line(few, "Pat Quarrie", "Halt!")])], [few])
    assert got["Pat Quarrie"].lean is None


def test_a_surname_is_not_read_as_a_given_name():
    # "Dudley" is a man's given name in the lists; beside "Mrs. Dudley" it is her surname
    text = "Mrs. Dudley came in. Dudley smiled.\n\n“Sir,” said Dudley.\n"
    ev = Cast(text).character("Dudley").evidence
    assert ev.given_name == "" and ev.title_f == 1
    # a place named like a person ("at Florence", "from Florence") takes no given name
    text = "They went to Florence. In Florence it rained; from Florence they wrote home.\n"
    assert Cast(text).character("Florence").evidence.given_name == ""


def test_her_ladyship_is_a_woman():
    assert label_evidence("Her ladyship").decide() == "f"
    assert label_evidence("His lordship").decide() == "m"


def test_a_split_text_takes_the_given_names_sex_when_it_leans_that_way():
    assert Evidence(given_name="m", pronoun_m=24, pronoun_f=18).decide() == "m"
    # the text leaning the other way, or not at all, leaves it undecided
    assert Evidence(given_name="m", pronoun_m=15, pronoun_f=18).decide() is None
    assert Evidence(given_name="f", pronoun_m=9, pronoun_f=9).decide() is None


def test_a_given_name_takes_the_sex_the_text_gives_it_alone():
    # "Jesse" is a man's name in the lists (lexicon); written alone, the text says she, three
    # times: her full name is a woman's too, and joins her, not her father "Lord Vane" (read
    # with the lists' sex, "Jesse Vane" was a man's form and took "Lord Vane" in with her)
    text = ("Jesse Vane came home in May. Lord Vane was waiting at the door, and he "
            "scowled.\n\nThen Jesse laughed, and she threw down her hat. Later, Jesse sat "
            "by the fire, where she read. At dinner, Jesse was silent; she ate little. The "
            "next day, Jesse rode out alone, and she came back late. Jesse Vane was "
            "nobody's fool.\n")
    assert given_name_sex("Jesse") == "m"
    cast = Cast(text)
    jesse = cast.character("Jesse Vane")
    assert jesse is cast.character("Jesse") and jesse is not cast.character("Lord Vane")
    assert jesse.evidence.given_name == "f" and jesse.gender == "f"
    assert cast.character("Lord Vane").gender == "m"
    # one stray "she" after the name alone is not enough to overrule the lists
    text = "Jesse Vane came home. Jesse met the girl, and she smiled.\n"
    assert Cast(text).character("Jesse Vane").evidence.given_name == "m"


def test_the_given_name_in_mrs_given_surname_is_her_husbands():
    # "Mrs. Osric Penhallow" is Osric's wife: Osric alone is a man, not her
    text = ("Mrs. Osric Penhallow poured the tea. Mrs. Penhallow smiled at the guests.\n\n"
            "Osric came in late.\n\n“Good evening,” said Osric.\n")
    cast = Cast(text)
    wife, husband = cast.character("Mrs. Osric Penhallow"), cast.character("Osric")
    assert wife is not husband
    assert wife.gender == "f" and husband.gender == "m"
    # a woman's given name after "Mrs." is no husband's ("Mrs. Mary Penhallow" is Mary)
    text = "Mrs. Mary Penhallow poured the tea. Mary smiled.\n"
    assert Cast(text).character("Mary").gender == "f"


def test_a_tag_attribution_gave_a_speaker_in_spite_of_its_sex_is_no_evidence_of_it():
    """`"Is it late?" said Anna. "Why?" he asked.`, four times: attribution gave each
    "he asked" to Anna (the paragraph's one speaker, the one person named; since passB44's
    pronoun step it no longer does, so the lines are given here as it gave them), and the
    four tags beside her lines, counted as evidence, made her a man: its own choice read
    back as her sex. A tag of the sex attribution read the speaker as still counts."""
    import re
    text = "\n\n".join(f"“Is it {w}?” said Anna. “Why?” he asked." for w in
                       ["late", "cold", "far", "done"])
    lines = [Line("Anna", "dialogue", m.group(1), m.start(1), m.end(1), cue="test")
             for m in re.finditer(r"“([^”]*)”", text)]
    anna = entry(text, lines, "Anna")
    assert anna.gender == "f" and "tag_m" not in anna.evidence, anna
    # Dorn, whom the text's own evidence leaves open, is still a man by his tags
    text = "\n\n".join(f"“Is it {w}?” asked Dorn.\n\n“No,” he said." for w in ["late", "cold"])
    lines = [quote_line(text, "Dorn", "No,")]
    assert entry(text, lines, "Dorn").evidence.get("tag_m") == 1


def test_a_form_of_address_gives_the_sex_of_the_one_called():
    """lexicon.address_sex: the terms of address of data/address_sex.txt, a one-word term
    also after "my", "dear", "old" ..., a sexed title before a name; an oath is no call."""
    from drama.extract.lexicon import address_sex
    assert [address_sex(p) for p in ("sir", "ma’am", "my lord", "my lady", "my dear fellow",
                                     "old chap", "my good woman", "young lady", "dear sister",
                                     "mr. dalby", "miss bellamy")] == \
        ["m", "f", "m", "f", "m", "m", "f", "f", "f", "m", "f"]
    assert [address_sex(p) for p in ("good lord", "lord", "my dear", "jane", "captain smith",
                                     "no man")] == [None] * 6
    assert address_sex("mr. dalby", named=False) is None


@pytest.mark.parametrize("name, sex", [("Ustinya Grigorievna", "f"), ("Darya Petrovna", "f"),
                                       ("Aleksandr Stepanovitch", "m")])
def test_a_russian_patronymic_says_the_sex_as_surely_as_a_given_name(name, sex):
    """"-ovna"/"-evna" end only a daughter's patronymic, "-ovich"/"-ovitch" only a son's:
    a name called once in the dialogue ("Yes, I thank you, Ustinya Grigorievna.") is a
    woman's with no pronoun to say so, as a given name of the lists would be."""
    assert label_evidence(name).decide() == sex
    text = f"“Yes, I thank you, {name}.”\n\n“Good,” said the porter.\n"
    assert Cast(text).character(name).gender == sex


def test_a_noun_of_one_sex_in_wordnet_gives_the_speaker_that_sex():
    """newcomer42: "The signorina", "His mother-in-law", "The prima donna" and "Dad" were of
    unknown sex: the hand lists lack them; WordNet's nouns of one sex
    (data/sex_nouns_wordnet.txt, tools/sex_nouns.py) give a description's, a term of address
    (data/address_sex.txt) a name's, with no pronoun in the text. A noun of two words whose
    last word alone says nothing ("The femme fatale") is read whole (gender._compound_sex)."""
    text = ("“Is the coach late?” asked the signorina.\n\n"
            "“Not at all,” said his mother-in-law.\n\n"
            "“I shall not sing tonight,” said the prima donna.\n\n"
            "“Then we go home,” said Dad.\n\n"
            "“Not without me,” said the femme fatale.\n")
    lines = [quote_line(text, "The signorina", "“Is"),
             quote_line(text, "His mother-in-law", "“Not at"),
             quote_line(text, "The prima donna", "“I shall"),
             quote_line(text, "Dad", "“Then"),
             quote_line(text, "The femme fatale", "“Not without")]
    assert genders(text, lines) == {"The signorina": "f", "His mother-in-law": "f",
                                    "The prima donna": "f", "Dad": "m",
                                    "The femme fatale": "f"}


def test_a_name_that_is_also_a_noun_of_one_sex_is_not_given_that_sex():
    """"Dandy" (here a girl's pet name) is a noun of a man in WordNet ("a man who is much
    concerned with his dress and appearance"): a name alone is read as a noun of one sex
    only when it is a term of address ("Dad")."""
    text = "“Has the ferry gone without us?” said Dandy.\n"
    assert genders(text, [quote_line(text, "Dandy", "“Has")])["Dandy"] != "m"


@pytest.mark.parametrize("gloss, sex", [
    ("a married man; a woman's partner in marriage", "m"),
    ("a distinguished female operatic singer", "f"),
    ("an enlisted man or woman who serves in the navy", None),
    ("a preadolescent boy or girl", None),
    ("one having both male and female sexual characteristics and organs", None),
])
def test_the_wordnet_cut_gives_a_definition_naming_both_sexes_none(gloss, sex, monkeypatch):
    """tools/sex_nouns.py (review43): a definition whose opening names both sexes ("a boy or
    girl", "both male and female") gives its noun no sex; before, the cut at "or"/"and"
    read "boy" or "male" alone, and data/sex_nouns_wordnet.txt listed "preteen" and
    "androgyne" as men. own_sex reads no WordNet file: no wordnet-base needed here."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "tools"))
    from sex_nouns import own_sex
    assert own_sex(["noun"], gloss) == sex


def test_a_group_label_takes_none_of_its_members_names_as_aliases():
    """"Hallam and Weir shouted": the group's label is neither man, so neither name is its
    alias (casting would voice the group as Hallam, and a merge pass his name on)."""
    text = ("The procession stopped behind Hallam, the warden, and Oswin Weir, the clerk. "
            "Hallam raised his lantern.\n\n"
            "“Let us through!” Hallam and Weir shouted.\n\n"
            "“Go home,” said the sentry.")
    lines = [quote_line(text, "Hallam and Weir", "Let us through")]
    group, = describe(["Hallam and Weir"], text, Cast(text), lines)
    assert group.aliases == [] and group.gender == "unknown"
    assert group.evidence == {"group": 1}
