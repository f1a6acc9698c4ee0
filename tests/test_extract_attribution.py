"""Who speaks each quotation, and which rule said so."""
from __future__ import annotations

import pytest

from drama.extract import extract_script
from drama.extract.attribute import attribute
from drama.extract.cast import Cast
from drama.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str]]:
    quotes = [q for q in find_quotes(text) if q.dialogue]
    return [(a.speaker, a.cue) for a in attribute(text, quotes)]


@pytest.mark.parametrize("text, want", [
    ('"We leave," said Martov.', "Martov"),
    ('"We leave," Martov said.', "Martov"),
    ('"We leave," said Martov, his voice shaking.', "Martov"),
    ('"We leave," Martov, his voice shaking, said.', "Martov"),
    ('Khinchuk yelled, "We leave the congress!"', "Khinchuk"),
    ('"A criminal venture," announced a Menshevik officer, Kharash.', "Kharash"),
    ('"Look here," said Mr. Lumley.', "Mr. Lumley"),
    ('"Look here," replied Mr. Lumley quietly.', "Mr. Lumley"),
    ('"Open up," said the muffled voice of Pym.', "Pym"),
    ('Pym came in. "Open up," said Pym\'s voice.', "Pym"),
    ('The Rabbit ran. "Fetch it!" said the Rabbit\'s voice.', "Rabbit"),
    ('"Shut up," said the unsentimental Mr. Bolter.', "Mr. Bolter"),
])
def test_explicit_tags_both_orders(text, want):
    assert speakers(text) == [(want, "explicit")]


@pytest.mark.parametrize("text, want", [
    ('"He lies!" cried an angry soldier.', "Angry soldier"),
    ('"What will you do?" someone shouted.', "Someone"),
    ('"This is the people\'s palace," one Bolshevik lieutenant chided.', "Bolshevik lieutenant"),
    ('"Shoot us!" the marchers challenged.', "The marchers"),
])
def test_described_speakers_get_descriptive_labels(text, want):
    assert speakers(text) == [(want, "described")]


def test_month_words_can_be_part_of_a_name():
    text = 'The March Hare sat down. "Pass," said the March Hare.\n'
    ((speaker, cue),) = speakers(text)
    assert "Hare" in speaker and cue == "explicit"


def test_pronoun_resolved_by_gender():
    text = ('Mr. Hale walked in with Mrs. Grey. He sat down at once.\n\n'
            '"Good morning," she said.\n\n'
            '"Is it?" he asked.\n')
    assert [s for s, _ in speakers(text)] == ["Mrs. Grey", "Mr. Hale"]


def test_pronoun_prefers_the_described_actor_over_the_object():
    text = ('"Then we leave!" said Martov.\n\n'
            'As he turned, a delegate barred his way. The man stared at him.\n\n'
            '"And we had thought," he said, "that you would stay."\n')
    got = speakers(text)
    assert got[0] == ("Martov", "explicit")
    assert got[1][0] == "Delegate" and got[2][0] == "Delegate"


def test_he_replied_after_a_call_is_the_one_called():
    calls = ('Mr. Grey and Anna sat by the window. Mr. Hale looked at the clock.\n\n'
             '"Good night, Mr. Grey," she said.\n\n')
    # the one called answers, though another man was named last
    assert speakers(calls + '"Good night," he replied.\n')[1][0] == "Mr. Grey"
    # a beat of narration between: the one acting, as before
    beat = calls + 'Mr. Hale rose and went to the door.\n\n"Good night," he replied.\n'
    assert speakers(beat)[1][0] == "Mr. Hale"


SPADE_TALK = ('“How goes it, Tobin?”\n\n“Well enough.”\n\n“And the farm?”\n\n“Sold.”\n\n')
"""Four untagged turns: a call to Tobin, his answer, and two more of the pair's."""


def test_he_asked_turns_after_a_call_goes_by_the_turns_taken():
    tobin_last = ('Mr. Pruett came up the lane in the rain; he stopped at the gate. Tobin put '
                  'down his spade; he was slow to speak, as ever.\n\n')
    # four turns since the call: the caller's turn, though Tobin was the last "he"
    asked = tobin_last + SPADE_TALK + '“Who bought it?” he asked.\n'
    assert speakers(asked)[-1] == ("Mr. Pruett", "pronoun")
    # five turns since: the one called
    pruett_last = ('Tobin put down his spade; he was slow to speak, as ever. Mr. Pruett came '
                   'up the lane in the rain; he stopped at the gate.\n\n')
    odd = pruett_last + SPADE_TALK + '“To a stranger?”\n\n“Who bought it?” he asked.\n'
    assert speakers(odd)[-1] == ("Tobin", "pronoun")
    # narration leading into the quote: the one it shows, not the turns taken
    lead = tobin_last + SPADE_TALK + 'Tobin spat. “Who bought it?” he asked.\n'
    assert speakers(lead)[-1] == ("Tobin", "pronoun")
    # a paragraph of narration in the run: the turns are not counted across it (the one
    # called may have answered by what they did), and the narration's last man stays
    beat = tobin_last + SPADE_TALK.replace('“And', 'The rain came on harder.\n\n“And') + \
        '“Who bought it?” he asked.\n'
    assert speakers(beat)[-1] == ("Tobin", "pronoun")


def test_the_old_lady_is_not_the_one_titled_lady():
    text = ('Lady Mellanby had written from Simla. Mrs. Avery sat on the verandah with Rosalie.'
            '\n\n"Rosalie? She is never in a hurry," said the old lady sharply.\n')
    assert speakers(text) == [("Mrs. Avery", "described")]


def test_turn_taking_alternates_two_speakers():
    text = ('"Where are you going?" asked Tom.\n\n'
            '"Home," said Anna.\n\n'
            '"Why?"\n\n'
            '"Because it is late."\n\n'
            '"It is not."\n')
    got = speakers(text)
    assert [s for s, _ in got] == ["Tom", "Anna", "Tom", "Anna", "Tom"]
    assert [c for _, c in got[2:]] == ["turn-taking"] * 3


KEY_TALK = ('“Where is the key?” asked Tom.\n\n'
            '“In the drawer,” said Anna, and Tom laughed.\n\n'
            'CHAPTER II.\n\n')


def test_a_chapter_opening_on_narration_is_a_new_conversation():
    # Anna spoke last before the heading, but the new chapter sets another scene: the
    # one answering Lena is Mr. Marek, of its narration, not Anna two turns back
    text = KEY_TALK + ('Mr. Marek sat by the window with Lena when the letter came. '
                       '“Who sent it?” said she.\n\n'
                       '“Your brother.”\n')
    assert speakers(text)[3] == ("Mr. Marek", "salience")


def test_a_chapter_opening_on_a_quotation_goes_on_the_talk():
    # a story told across chapters: the heading alone does not end the exchange
    assert speakers(KEY_TALK + '“But which drawer?”\n')[2] == ("Tom", "turn-taking")


def test_the_salient_one_is_not_sought_before_a_chapter_heading():
    # Tom acted last before the heading; after it only Mr. Marek and Lena are in view
    text = KEY_TALK + ('A letter came for Mr. Marek in the morning, and Lena read it to '
                       'him.\n\n'
                       '“Who sent it?” said Lena.\n\n'
                       '“Your brother.”\n')
    assert speakers(text)[3] == ("Mr. Marek", "salience")


def test_vocative_names_the_next_speaker():
    text = ('Tom and Anna sat by the fire with Walter.\n\n'
            '"Tell me, Walter, what you saw," said Tom.\n\n'
            '"Nothing at all."\n')
    assert speakers(text)[1][0] == "Walter"


@pytest.mark.parametrize("call", ['"Walter--what did you see?"', '"Walter—I must ask you."'])
def test_a_name_before_a_dash_that_speaks_to_someone_is_a_call(call):
    text = ('Tom and Anna sat by the fire with Walter.\n\n'
            f'{call[:-1]}" said Tom.\n\n'
            '"Nothing at all."\n')
    assert speakers(text)[1][0] == "Walter"


def test_a_name_before_a_dash_that_goes_on_about_them_is_no_call():
    text = ('Tom and Anna sat by the fire with Walter.\n\n'
            '"Walter--who saw it all--went home," said Tom.\n\n'
            '"Nothing at all."\n')
    assert speakers(text)[1][0] != "Walter"


def test_a_name_opening_a_later_sentence_before_please_is_a_call():
    # passB35: a call after another sentence of the speech, before "please"
    text = ('Tom and Anna sat by the fire with Walter.\n\n'
            '"We all admire them. Walter, please pass me the pipe," said Tom.\n\n'
            '"Not yet."\n')
    assert speakers(text)[1][0] == "Walter"


def test_a_name_opening_a_later_sentence_as_its_subject_is_no_call():
    text = ('Tom and Anna sat by the fire with Walter.\n\n'
            '"It is late. Walter, who saw it all, went home," said Tom.\n\n'
            '"Nothing at all."\n')
    assert speakers(text)[1][0] != "Walter"


def test_action_of_the_paragraph_names_the_speaker():
    text = 'Martov stood up. "Then we will leave!"\n'
    assert speakers(text) == [("Martov", "action")]


def test_first_person_narrator_is_named_by_the_others():
    text = ('"Hello, Nat," said Dale.\n\n'
            '"Hello," I said.\n\n'
            '"You look tired, Nat," said Dale.\n\n'
            '"I am," I said.\n')
    assert [s for s, _ in speakers(text)] == ["Dale", "Nat", "Dale", "Nat"]


def test_never_an_unknown_speaker_nor_the_narrator():
    text = '"Nobody is here."\n\n"Nor there."\n'
    quotes = [q for q in find_quotes(text) if q.dialogue]
    for a in attribute(text, quotes):
        assert a.speaker and "unknown" not in a.speaker.lower()
        assert "narrator" not in a.speaker.lower()
        assert a.cue == "unresolved" and a.confidence <= 0.2


def test_seed_000_speakers_named_beside_quotes(seed_text, seed):
    """Every explicitly named speaker in the seeds is the one the text names."""
    script = extract_script(seed_text)
    lines = [ln for ln in script.lines if ln.kind == "dialogue"]
    expected = {
        "I don’t know why this session was called": "Admiral Verderevsky",
        "Long live Comrade Lenin": "Trotsky",
        "A criminal political venture has been go": "Kharash",
        "He does not represent the Twelfth Army!": "Angry soldier",
        "We leave the present congress!": "Khinchuk",
        "One day you will understand,": "Martov",
        "Then we’ll leave!": "Martov",
    }
    if "000_" not in seed.name:
        expected = {k: v for k, v in expected.items() if k.startswith(("A criminal", "He does"))}
    for start, who in expected.items():
        found = [ln.speaker for ln in lines if ln.text.startswith(start)]
        assert found == [who], start


def test_seed_000_pronoun_points_to_the_delegate(seed_text, seed):
    # The rules read "he said" after a beat ("a delegate barred his way") as the beat's
    # actor. The conversation model weighs that reading against the alternation of the
    # exchange and, on the dev novels, is right more often than the rules on such turns
    # (bench/HISTORY.md, "Issue 11": the turns the model decides, held out), so the script's
    # final speaker is not pinned here; the rules' reading is.
    if "000_" not in seed.name:
        pytest.skip("passage only in seed 000")
    speech = [q for q in find_quotes(seed_text) if q.dialogue]
    i = next(i for i, q in enumerate(speech)
             if seed_text[q.start:q.end].startswith("And we had thought"))
    got = attribute(seed_text, speech)[i]
    assert (got.speaker, got.cue) == ("Delegate", "pronoun")


def test_shared_passage_of_the_seeds_gets_the_same_speakers():
    """The two seeds share a passage in two typographies: same quotes, same speakers."""
    from pathlib import Path

    from drama.scriptfile import read_text
    SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    if len(SEEDS) < 2:
        pytest.skip("needs both seeds")

    def key(text: str) -> str:
        return "".join(c for c in text.lower() if c.isalnum())[:30]
    scripts = [extract_script(read_text(p)) for p in SEEDS[:2]]
    first = {key(ln.text): ln.speaker for ln in scripts[0].lines if ln.kind == "dialogue"}
    shared = [(ln.speaker, first[key(ln.text)]) for ln in scripts[1].lines
              if ln.kind == "dialogue" and key(ln.text) in first]
    assert len(shared) >= 15
    assert [a for a, _ in shared] == [b for _, b in shared]


def test_first_person_narrator_answers_in_an_untagged_line():
    text = ('"Hello," I said.\n\n"Hi," I said to the porter.\n\n"Fine day," I said.\n\n'
            'The porter came over.\n\n"You look tired out," Dale said.\n\n'
            '"Yes."\n')
    got = [s for s, _ in speakers(text)]
    assert got[-2] == "Dale"
    assert got[-1] == got[0]      # the narrator, whatever the text lets us call them


def test_said_in_a_whisper_is_not_a_whisper_speaking():
    # after "and said", a description that names no person ("the words", "a whisper") is
    # not an inverted tag's speaker (tag_phrase._verb_before's `personal` check); "said in
    # a whisper" the preposition alone keeps from being read so
    from drama.extract.attribute import attribute
    from drama.extract.quotes import find_quotes
    for said in ('said in a whisper', 'said the words in a whisper'):
        text = ('"Room for one more?" asked the ferryman.\n\n'
                f'Grimble glanced back at the dark quay, and {said}, "Were we followed?"\n')
        quotes = [q for q in find_quotes(text) if q.dialogue]
        assert [a.speaker for a in attribute(text, quotes)][-1] == "Grimble"



def test_a_description_ends_at_its_person_noun():
    # "The clerk took off his spectacles, and said": the clerk, whom the text names Mr.
    # Trundle, not "the clerk took" (reader._ends_description: a person noun of the hand
    # list, PERSON_NOUNS, ends a description before a lower-case word; a verb in -ed ends
    # it anyway, "took" does not); Mr. Voss, whom Mrs. Quayle spoke to, would answer else
    from drama.extract.attribute import attribute
    from drama.extract.quotes import find_quotes
    text = ('Mr. Trundle, the clerk, came in, and Mrs. Quayle nodded to Mr. Voss.\n\n'
            '"Who chose the hymn, then?" said Mrs. Quayle to Mr. Voss.\n\n'
            'The clerk took off his spectacles, and said, "I chose it myself."\n')
    quotes = [q for q in find_quotes(text) if q.dialogue]
    assert [a.speaker for a in attribute(text, quotes)][-1] == "Mr. Trundle"


def test_an_aside_in_parentheses_keeps_its_tag_to_itself():
    from drama.extract.attribute import attribute
    from drama.extract.quotes import find_quotes
    text = ('"Now tell us about the great storm," said the Wyvern.\n\n'
            '"It blew for three days and nights," said the Sand Dragon ("I remember it," '
            'said Mabel) "and it carried off half the orchard."\n')
    quotes = [q for q in find_quotes(text) if q.dialogue]
    got = [a.speaker for a in attribute(text, quotes)]
    assert got[1:] == ["Sand Dragon", "Mabel", "Sand Dragon"]


def test_so_and_yet_open_a_clause_for_a_pronoun_subject():
    # "So she put the basket down": she acts, and keeps Mabel salient
    from drama.extract.attribute import _opens_clause
    for chunk in ("It was heavy. So she put it down", "it was heavy, so she put it down",
                  "it was late, yet she went on", "and then she ran"):
        assert _opens_clause(chunk, chunk.rindex("she"))
    assert not _opens_clause("the dog saw she", 12)


def test_a_verb_that_needs_its_particle_is_no_tag_without_it():
    # "broke in" is a speech verb; "The connection broke" is not someone speaking
    text = ("At noon the ministers met; later that night Konovalov telephoned the palace.\n\n"
            "Konovalov held the receiver. “Our arrest is imminent.” The connection broke.\n\n"
            "“Enough,” Kerensky broke in.\n")
    got = speakers(text)
    assert got[0][0] != "The connection"
    assert got[1][0] == "Kerensky"


def speaker_after_nell(tag: str) -> tuple[str, str]:
    """The speaker and cue of a quote with its tag (tag) after Nell's line, Kit Varley by."""
    text = ("Nell Pryor and Kit Varley sat by the stove.\n\n"
            "“We must sell the mare,” said Nell.\n\n" + tag + "\n")
    return speakers(text)[-1]


@pytest.mark.parametrize("tag, want", [
    ("“Never,” chimed in Kit.", ("Kit", "explicit")),
    ("“Never,” Kit chimed in.", ("Kit", "explicit")),
    ("“Never,” carried on Kit.", ("Kit", "explicit")),
    # WordNet's verbs of taking one's turn say words only with their own particle
    ("“Never!” The church bells chimed.", ("Nell Pryor", "salience")),
    ("“Never!” The porters carried out the trunk.", ("Nell Pryor", "salience")),
])
def test_a_verb_of_saying_made_with_a_particle_is_a_tag_with_it(tag, want):
    assert speaker_after_nell(tag) == want


@pytest.mark.parametrize("tag, want", [
    # the particle before "the" or "her" opens a phrase of place or an object: nothing said
    ("“Help!” The cry carried on the wind.", ("Nell Pryor", "salience")),
    ("“Never!” Kit put in the kettle.", ("Nell Pryor", "salience")),
    ("“Never!” Kit carried on the table a tray.", ("Kit", "action")),
    # with nothing after it, a comma or "a little", the verb says words
    ("“Never,” Kit carried on.", ("Kit", "explicit")),
    ("“Never,” Kit went on a little sadly.", ("Kit", "explicit")),
])
def test_a_particle_verb_before_a_noun_phrase_after_its_subject_says_nothing(tag, want):
    # review54: "“Help!” The cry carried on the wind." made "The cry" a speaker
    assert speaker_after_nell(tag) == want


def test_the_in_of_broke_in_is_the_verbs_own_before_a_description():
    # "said in a low voice" opens a phrase of manner; "broke in her son" names who speaks
    text = ("Nell Pryor sat with her son by the stove.\n\n"
            "“We must sell the mare,” said Nell.\n\n“Why should we?” broke in her son.\n")
    assert speakers(text)[-1] == ("Her son", "described")


def test_the_wordnet_phrasal_speech_verbs_carry_their_source_and_licence():
    phrases = wordnet_list("speech_phrasal_verbs_wordnet.txt")
    assert phrases == sorted(phrases)
    assert {"broke in", "chimed in", "cut in", "put in", "went on", "carried on"} <= set(phrases)
    assert all(len(p.split()) == 2 for p in phrases)


@pytest.mark.parametrize("tag, want", [
    ("“Never,” Kit at length replied.", ("Kit", "explicit")),
    ("“Never,” Kit after a long pause said.", ("Kit", "explicit")),
    # a preposition opens it, it holds a few lower-case words only, a verb of saying closes it
    ("“Never,” Kit knew her brother said.", ("Nell Pryor", "salience")),
    ("“Never,” Kit at Nell's side said.", ("Nell Pryor", "salience")),
    ("“Never,” Kit at the far end of the long table said.", ("Nell Pryor", "salience")),
    # after a description the phrase is the description's own: who it is, not when
    ("“Never,” the voice on his left continued.", ("Nell Pryor", "salience")),
])
def test_a_phrase_of_time_between_a_subject_and_its_verb_of_saying(tag, want):
    assert speaker_after_nell(tag) == want


def test_he_after_a_sentence_whose_subject_has_no_known_sex_is_that_subject():
    # Konovalov's sex is never said before; Shreider's is: the subject still speaks
    text = ("The ministers waited for Konovalov and for Shreider. Shreider was at his desk, "
            "where he had been all night.\n\n"
            "Frantic, Konovalov telephoned Shreider. “All we have is a small force of cadets,” "
            "he said. ‘Our arrest is imminent.” The connection broke.\n")
    assert [s for s, _ in speakers(text)] == ["Konovalov", "Konovalov"]


def test_seed_000_the_subject_just_before_says_he_said(seed_text, seed):
    # issue 11: "Kishkin the dictator took control. … “Leave your overcoats,” he said";
    # "… minister Nikitin found a telegram … “I received this yesterday,” he said";
    # "Lenin’s first public appearance … He … exhorted: “Long live the world socialist
    # revolution!”"
    if "000_" not in seed.name:
        pytest.skip("passage only in seed 000")
    script = extract_script(seed_text)
    said = {ln.text.split(",")[0].split("!")[0]: ln.speaker
            for ln in script.lines if ln.kind == "dialogue"}
    assert said["Leave your overcoats"] == "Kishkin"
    assert said["I received this yesterday"] == "Nikitin"
    assert said["Long live the world socialist revolution"] == "Lenin"


def test_a_title_at_the_end_of_a_wrapped_line_keeps_its_name():
    # a hard-wrapped text: the dot of "Mrs." ends no sentence, and the line break after it
    # does not part the title from the name
    text = ('It was late, and the fire was low. After a long pause Mrs.\n'
            'Lumley said, "We must go." Mr. Lumley came in.\n\n'
            '"Must we?" asked Mr.\nLumley.\n')
    assert speakers(text) == [("Mrs. Lumley", "explicit"), ("Mr. Lumley", "explicit")]


def test_a_tag_reads_the_lower_case_words_of_a_surname():
    text = ('Mr. van der Meulen came in. "We must dine," said Mr. van der Meulen.\n\n'
            '"Never," said Lady Pembury de Courcy. Lady Pembury sat.\n')
    assert speakers(text) == [("Mr. van der Meulen", "explicit"),
                              ("Lady Pembury de Courcy", "explicit")]



def test_her_ladyship_is_the_lady_the_text_names_most():
    text = ("Lady Pembury came in. Lady Pembury sat, and Lady Pembury frowned. Lady "
            "Pembury was tired; Lady Fenwick was not.\n\n"
            '"You are late," said her ladyship.\n')
    assert speakers(text) == [("Lady Pembury", "explicit")]


def test_a_sentence_ends_at_a_dash_after_its_stop():
    # a question's "?--" then a new subject: the tag before the next paragraph is Lady
    # Pembury's
    text = ('Lady Pembury asked questions. Lady Pembury asked where her brother had been '
            'at school?--Margaret found every one of them tiresome, but '
            'answered them very civilly, and she said nothing more of it at all, for she had '
            'nothing to say and no wish to say it; she looked out at the rain falling on the '
            'lawn and at the gardener walking slowly between the wet hedges with his barrow.'
            '--Lady Pembury then observed,\n\n“That school has gone down sadly.”\n')
    assert speakers(text) == [("Lady Pembury", "explicit")]


@pytest.mark.parametrize("text, want", [
    ('"Quite so, quite so," assented Mr. Fenner.', "Mr. Fenner"),
    ('"No, no, not the blue one!" ejaculated the General.', "General"),
    ('"Father never reads the paper," Janey interjected.', "Janey"),
])
def test_verbs_of_saying_from_wordnet_make_tags(text, want):
    assert speakers(text) == [(want, "explicit")]


def wordnet_list(name: str) -> list[str]:
    """The words of a list in drama/extract/data taken from WordNet, once its header is
    checked to name WordNet 3.0 and carry WordNet's licence."""
    from pathlib import Path

    import drama.extract as extract
    lines = (Path(extract.__file__).parent / "data" / name).read_text("utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("WordNet 3.0" in ln for ln in header)
    assert any("Permission to use, copy, modify and distribute" in ln for ln in header)
    return [ln for ln in lines if ln and not ln.startswith("#")]


def test_the_wordnet_speech_verbs_carry_their_source_and_licence():
    words = wordnet_list("speech_verbs_wordnet.txt")
    assert words == sorted(words) and "assented" in words and "said" in words


def test_the_wordnet_time_nouns_carry_their_source_and_licence():
    # tools/time_nouns.py: the nouns of a day, its parts, the weekdays and the longer spans;
    # not a word WordNet also lists as an adjective or adverb ("even", "dark", "today")
    words = wordnet_list("time_nouns_wordnet.txt")
    assert words == sorted(words)
    assert {"morning", "evening", "night", "day", "Sunday", "week", "year"} <= set(words)
    assert not {"even", "dark", "today", "hour", "moment", "minute", "sun"} & set(words)


@pytest.mark.parametrize("text, want", [
    # a thing, a body part or a moment never speaks: the line goes to the next cue
    ('Mrs. Grey came in with Mr. Hale.\n\nHer white cheeks and shaking hands gave him a '
     'fright, and before he could ask, she, whose thoughts were all elsewhere, suddenly '
     'exclaimed, "I must go."\n', "Mrs. Grey"),
    ('Ann sat by Tom at the fire.\n\n"Well?" said Ann.\n\n"Nothing," the moment answered.\n',
     "Tom"),
])
def test_a_description_that_is_no_person_never_speaks(text, want):
    assert speakers(text)[-1][0] == want


@pytest.mark.parametrize("text, want", [
    ('"Who\'s there?" cried a loud, hoarse voice.', "Loud hoarse voice"),
    ('"Help!" cried a thin and trembling voice.', "Thin trembling voice"),
    ('"It was me," said a tall gangling fellow, stepping up.', "Tall gangling fellow"),
    ('"Phew!" said the blacksmith wiping his brow.', "The blacksmith"),
    ('"Pray sit," said the croupier.', "The croupier"),
])
def test_a_description_reads_to_its_person_noun(text, want):
    assert speakers(text) == [(want, "described")]


def test_the_wordnet_speaker_nouns_carry_their_source_and_licence():
    from pathlib import Path

    import drama.extract as extract
    from drama.extract.lexicon import speaker_noun
    data = Path(extract.__file__).parent / "data" / "speaker_nouns_wordnet.txt"
    lines = data.read_text(encoding="utf-8").splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    assert any("WordNet 3.0" in ln for ln in header)
    assert any("Permission to use, copy, modify and distribute" in ln for ln in header)
    assert speaker_noun("croupiers") and speaker_noun("charity-boy")
    assert not speaker_noun("face") and not speaker_noun("hands") and not speaker_noun("moment")


@pytest.mark.parametrize("text", [
    'Mr. Hollis kept the inn.\n\n"Rooms are full," said Mr. J. T. Hollis.\n',
    'Mr. Hollis kept the inn.\n\n"Rooms are full," Mr. J. T. Hollis answered.\n',
    'Mr. Hollis kept the inn.\n\n"Rooms are full," said J. T. Hollis.\n',
])
def test_a_name_with_initials_is_read_from_its_tag(text):
    # the initials are part of the name, not the end of the sentence: the tag names Hollis
    label = Cast(text).character("Mr. Hollis").label
    assert "Hollis" in label and speakers(text) == [(label, "explicit")]


def test_beginning_to_do_something_is_no_speech_tag():
    # "began to wonder if he had been rude" is Tom acting, not saying the rest of Ann's
    # speech; "began to explain." ending the phrase is saying
    text = ('Tom sat by the fire.\n\n"Will you stay?" asked Ann. "You could rest here." Tom '
            'began to wonder if he had been rude.\n')
    assert [s for s, _ in speakers(text)] == ["Ann", "Ann"]
    text = 'Tom sat by the fire.\n\n"I knew her--" Tom began to explain.\n'
    assert speakers(text) == [("Tom", "explicit")]


def test_the_subject_of_a_clause_after_till_or_when_says_its_quote():
    # the verb of saying is the subordinate clause's: its subject speaks, not the sentence's
    text = ('Ann came in.\n\nThe old clerk stood by the desk till Ann roused herself to say: '
            '"Sit down, please."\n')
    assert speakers(text) == [("Ann", "explicit")]


def test_a_person_described_as_the_subject_of_a_clause_after_when_says_its_quote():
    # "when the guard looked in and said": the guard speaks, not the sentence's "He"
    # (tag_phrase._subordinate_subject, and _subject_kind taking a description of a person)
    text = ('Tom came in.\n\nHe had been dozing by the stove, when the guard looked in and '
            'said, at once: "Your stop is next, sir."\n')
    assert speakers(text) == [("The guard", "described")]


def test_the_clause_of_a_participle_after_a_comma_says_its_quote():
    # "when the footman came in, announcing": the footman's clause announces, and an -ing
    # form of a verb the lexicon lists as "announces" is a verb of saying
    text = ('Tom came in.\n\nHe had barely sat down by the window when the footman came in, '
            'announcing "Colonel Ashdown!"\n')
    assert speakers(text) == [("The footman", "described")]


def test_a_subject_set_off_by_commas_after_that_says_the_quote():
    # "…, that Mr. Pettigrew, stung by it, said": a title's full stop is no sentence's end
    # (tag_phrase._set_off_subject and its _title_stop)
    text = ('Mrs. Gedge came in.\n\nShe spoke so sharply, that Mr. Pettigrew, stung by the '
            'tone of it, said in a milder voice: "Do you doubt me?"\n')
    assert speakers(text) == [("Mr. Pettigrew", "explicit")]


def test_a_quote_takes_the_tag_its_own_lead_in_sentence_says():
    # the narration between two quotes opens with a beat of the first ("They smiled") and
    # ends with the second's tag ("Ann said:"): the second quote is Ann's
    text = ('Ann came in.\n\nTom thought, "She is late." They smiled at each other, and then '
            'Ann said: "I was kept."\n')
    assert [s for s, _ in speakers(text)] == ["Tom", "Ann"]


def test_a_subject_set_off_by_commas_after_a_conjunction_says_the_quote():
    # "…, and Ann, the bolder, said:": Ann speaks, not the sentence's "They"
    text = ('Ann came in.\n\nThey smiled at each other, and Ann, the bolder, said: '
            '"I was kept."\n')
    assert speakers(text) == [("Ann", "explicit")]


def test_a_clause_joined_by_for_after_a_comma_has_its_own_subject():
    # "…, for Ann shook her head …, and said:": Ann says it
    text = ('Tom came in.\n\nTom said, "Sorry," which was kind, for Ann shook her head till '
            'it ached, and said: "No."\n')
    assert speakers(text) == [("Tom", "explicit"), ("Ann", "explicit")]


def test_narration_after_an_untagged_quote_announces_the_next_speech():
    # "…--A pause followed, and Mary began again." after the second part of Ann's speech
    # (no tag of its own): the next paragraph is Mary's
    text = ('Tom came in.\n\n"Not at all," Ann replied; "it was the walk."--A pause followed, '
            'and Mary began again.\n\n"I like the walk."\n')
    assert [s for s, _ in speakers(text)] == ["Ann", "Ann", "Mary"]
    assert speakers(text)[2] == ("Mary", "explicit")


def test_a_given_name_written_only_at_sentence_starts_is_a_speaker():
    """"Mara climbed the stairs." named no one (never mid-sentence, no "She" next), so her
    "she called" went to "Woman"; a word of the given-name lists that acts, whose sex the
    next "he" or "she" has, is a name; one the lists lack, one the text writes in lower
    case, or one "he" follows, is not."""
    text = 'Mara climbed the stairs. The house was quiet.\n\n"Is anyone home?" she called.\n'
    assert speakers(text) == [("Mara", "pronoun")]
    assert speakers(text.replace("Mara", "Zorvath")) == [("Woman", "pronoun")]
    hope = 'Hope climbed the stairs. We hope so.\n\n"Is anyone home?" she called.\n'
    assert speakers(hope) == [("Woman", "pronoun")]
    assert speakers(text.replace("Mara", "Jasper")) == [("Woman", "pronoun")]


@pytest.mark.parametrize("opening, speaker", [
    ("Rose early, and went down before the others were awake.", "Woman"),
    ("Mark my words, the house is empty.", "Woman"),
    ("Rose climbed the stairs.", "Rose"),                       # a past in -ed
    ("Rose sat by the window. She sat there an hour.", "Rose"),  # "she sat": a verb
    # irregular verbs a short text never writes after a pronoun: WordNet's forms
    ("Rose went to the door and opened it.", "Rose"),
    ("Rose took the letter from the table.", "Rose"),
    ("Rose looks out of the window.", "Rose"),
    # a verb of NOT_NAMES (auxiliaries, modals) is a verb still
    ("Rose is tired.", "Rose"),
    ("Rose could not sleep.", "Rose"),
    ("Rose had gone up early.", "Rose"),
    # but not a given name that is an abstract noun too (given_names_words.txt): review 23
    ("Hope was gone. She sat down.", "Woman"),
    ("Patience was all that remained. She folded her hands.", "Woman"),
    ("Dawn was breaking over the hills. She woke.", "Woman"),
    ("Grace is a virtue, they say. She had little.", "Woman"),
    ("Drew near, and the house was dark.", "Woman"),
    # an adverb in -ly between: a verb must follow it
    ("Rose slowly went up the stairs.", "Rose"),
    ("Rose early and went down.", "Woman"),
])
def test_a_given_name_opening_a_sentence_is_a_name_only_before_a_verb(opening, speaker):
    """"Rose early, and went down": a sentence with no subject, but Rose is a given name of
    the lists that "acts" (any word after it) and "she" follows, so the woman's line was
    Rose's. The word after it must be a verb by the text's own usage (-ed, or written
    after a subject pronoun)."""
    text = f'{opening} The house was quiet.\n\n"Is anyone home?" she called.\n'
    assert speakers(text) == [(speaker, "pronoun")]


def test_a_short_scene_keeps_names_that_open_sentences_on_irregular_verbs():
    """ux21's verb test read only the text's own usage: in a short scene nothing writes
    "she took" or "he came", so Rose and Mark were no one and Mark's line went to the Tom
    Rose's line mentions."""
    text = ('Rose took the letter from the table. "This is from Tom," she said.\n\n'
            'Mark came into the room. "Give it to me," he said.\n')
    assert [s for s, _ in speakers(text)] == ["Rose", "Mark"]


def test_the_wordnet_finite_verbs_carry_their_source_and_licence():
    """The verb forms _a_verb takes after a sentence-opening given name: WordNet's, with its
    licence; none of the words that follow a subjectless "Rose", "Mark" or "Drew"."""
    from drama.extract.lexicon import finite_verbs
    words = wordnet_list("finite_verbs_wordnet.txt")
    assert words == sorted(words)
    assert {"went", "took", "is", "looks", "could"} <= finite_verbs()
    assert not {"early", "near", "my", "his", "its", "as", "us", "this"} & finite_verbs()


@pytest.mark.parametrize("opening", ["Hope rose in her chest as the ship came in.",
                                     "Dawn broke over the hills, grey and cold.",
                                     "Grace filled the hall as the door swung open."])
def test_a_word_that_is_a_given_name_opening_a_sentence_is_no_speaker(opening):
    """Hope, Dawn, Grace are in the given-name lists and act here, and "she" follows, but
    they are the nouns every story uses: the speech is the woman's, never Hope's."""
    text = f'{opening}\n\n"Is anyone home?" she called.\n'
    assert speakers(text) == [("Woman", "pronoun")]


@pytest.mark.parametrize("opening, speaker", [
    ("Frank was the word for it. He had said too much.", "Man"),
    ("Major was all he had ever been called. He smiled.", "Man"),
    ("Will was the one thing he lacked. He knew it.", "Man"),
    # a person all the same: a verb, an adjective, or the name written twice
    ("Frank was tired. He had said too much.", "Frank"),
    ("Frank could not sleep. He had said too much.", "Frank"),
    ("Frank was the elder. Frank had said too much.", "Frank"),
    # review24: a noun phrase naming a person introduces one ("Frank was a quiet man")
    ("Frank was a quiet man. He had said too much.", "Frank"),
    ("Frank was the oldest of the three brothers. He had said too much.", "Frank"),
    ("Harry was the youngest. He had said too much.", "Harry"),
    ("Frank was the eldest of five. He had said too much.", "Frank"),
    ("Frank was the quiet one. He had said too much.", "Frank"),
    # a given name that is no ordinary word: a person before a noun phrase too
    ("Oscar was the word for it. He had said too much.", "Oscar"),
])
def test_an_ordinary_word_before_was_and_a_noun_is_no_speaker(opening, speaker):
    """ux24: "Frank was the word for it. He …": frank, an adjective, opened the sentence
    before "was" and "he" followed, so Frank became a character and took the man's line.
    A given name that is mostly an ordinary word (WordNet, given_names_ordinary_words.txt)
    written once, before "is"/"was" and a noun phrase, is no one."""
    text = f'{opening}\n\n"You had no right," he said.\n'
    assert speakers(text) == [(speaker, "pronoun")]


def test_a_pair_of_words_set_off_by_a_comma_opening_a_lead_in_is_no_speaker():
    """passB41: "“…,” said Tobin. Cold and hungry, he … muttered, “…”" gave the speech
    to "Cold": a capitalised word the text never writes as a name, paired with a
    lower-case word before a comma, is a phrase of manner, as "Dumb with amazement," is."""
    text = ("“Where is he?” asked Vera.\n\n“Gone to the river,” said Tobin. Cold and hungry, "
            "he kicked off his boots, and muttered, “Let him stay there!”\n\n"
            "“Hush,” said Vera.\n")
    labels = [line.speaker for line in extract_script(text).lines if line.kind == "dialogue"]
    assert labels == ["Vera", "Tobin", "Tobin", "Vera"]
    # a name paired with another name is still the one who speaks
    pair = text.replace("Cold and hungry, he kicked off his boots", "Vera and Tobin kicked off "
                        "their boots")
    assert "Vera and Tobin" in [line.speaker for line in extract_script(pair).lines]


def test_the_ordinary_word_names_are_given_names_of_the_lists():
    from drama.extract.lexicon import ORDINARY_WORD_GIVEN_NAMES, given_name_sex
    words = wordnet_list("given_names_ordinary_words.txt")
    assert words == sorted(words) and {"frank", "rose", "will", "major"} <= set(words)
    assert not {"john", "mary", "oscar"} & ORDINARY_WORD_GIVEN_NAMES
    assert all(given_name_sex(w) for w in ORDINARY_WORD_GIVEN_NAMES)


def test_the_word_names_are_given_names_of_the_lists():
    from drama.extract.lexicon import WORD_GIVEN_NAMES, given_name_sex
    assert WORD_GIVEN_NAMES and all(given_name_sex(w) for w in WORD_GIVEN_NAMES)


def _attributed(text: str):
    return attribute(text, [q for q in find_quotes(text) if q.dialogue])


def test_a_described_stranger_is_stated_as_unsure_as_the_sieve_is_right():
    # the cue "described" is four sieves'; each states its own measured accuracy
    from drama.extract.attribution.pipeline import CONFIDENCE, SIEVE_CONFIDENCE
    stranger = _attributed("“Halt!” cried an angry soldier.\n")[0]
    assert (stranger.sieve, stranger.cue) == ("described", "described")
    assert stranger.confidence == SIEVE_CONFIDENCE[("described", "described")]
    named = _attributed("“My name, sir, is Penrose,” said the old gentleman.\n\n"
                        "“Indeed,” said Jasper.\n")[0]
    assert (named.speaker, named.sieve, named.cue) == ("Penrose", "naming", "described")
    assert named.confidence == SIEVE_CONFIDENCE[("naming", "described")]
    assert stranger.confidence < CONFIDENCE["described"] < named.confidence


def test_a_she_after_a_call_of_her_name_alone_is_the_one_called():
    # passB36: "“Janey!” he shouted crossly; and she hurried in": the "she" tags after it
    # are the one called, not the woman the narration named last
    text = ('Chester watched Janey at the window; she knitted. Madame Varenska had written '
            'to Chester that morning, and she had begged him to call.\n\n'
            '“Janey!” he shouted crossly; and she hurried in.\n\n'
            '“The fire has gone out again,” he grumbled.\n\n'
            '“I’ll see to it,” she answered.\n')
    assert speakers(text)[-1] == ("Janey", "pronoun")
    # a hard-wrapped tag is as much a tag (review36: "”\nhe called", "he\ncalled" were not)
    assert speakers(text.replace("” he shouted", "”\nhe shouted"))[-1] == ("Janey", "pronoun")
    assert speakers(text.replace("he shouted crossly", "he\nshouted crossly"))[-1] == \
        ("Janey", "pronoun")
    # the call is what decides: without it, the woman the narration named last
    assert speakers(text.replace("Janey!", "Come here!"))[-1] == ("Madame Varenska", "pronoun")
