"""Descriptions and pronouns that point back to a person the reader already knows."""
from __future__ import annotations

import pytest

from drama.extract.attribute import attribute
from drama.extract.attribution.document import read_document
from drama.extract.attribution.reader import Reader
from drama.extract.attribution.vocative import called_keys
from drama.extract.cast import Cast
from drama.extract.quotes import find_quotes


def speakers(text: str) -> list[str]:
    quotes = [q for q in find_quotes(text) if q.dialogue]
    return [a.speaker for a in attribute(text, quotes)]


def test_possessive_description_is_the_other_party():
    # "his aunt" is not a new person: the one he is talking with
    text = ('Mrs. Marchetti looked at her nephew.\n\n'
            '"You went rowing on the lake," said Mrs. Marchetti.\n\n'
            '"I did," said Fairbrook.\n\n'
            '"Alone?" said his aunt.\n')
    assert speakers(text)[-1] == "Mrs. Marchetti"


def test_the_girl_is_not_a_married_woman():
    # the other party is Mrs. Grant, but "the girl" is Miss Hale
    text = ('Mrs. Grant and Miss Hale sat by the fire.\n\n'
            '"Will you have tea?" asked Mrs. Grant.\n\n'
            '"Yes, please," said Mr. Grant.\n\n'
            '"I will pour it," said the girl.\n')
    assert speakers(text)[-1] == "Miss Hale"


def test_demonstrative_description_is_the_other_party():
    text = ('"Where do you come from?" asked Fairbrook.\n\n'
            '"From Schenectady," said Poppy Carter.\n\n'
            '"And you?" said Fairbrook.\n\n'
            '"I am not asked," said this young lady.\n')
    assert speakers(text)[-1] == "Poppy Carter"


def test_description_with_no_one_to_point_to_keeps_its_label():
    assert speakers('"Go away," said his aunt.') == ["His aunt"]


def test_a_place_is_not_who_a_pronoun_means():
    text = ('The stranger came to Iping in winter. Nobody in Iping knew him, and the road '
            'from Iping was deep in snow.\n\n'
            'He staggered into the inn at Iping and flung his bag down. '
            '"A fire," he cried.\n')
    assert speakers(text) != ["Iping"]


def test_a_vocative_is_not_an_apposition():
    from drama.extract.cast import Cast
    text = ('"Pour some tea for the gentleman, Robin," said Mrs. Quayle. Robin poured it. '
            'Robin sat down. "There you are," said Robin.\n')
    assert Cast(text).epithet("gentleman") is None
    assert Cast('Mr. Trundle, the verger, came in. Mr. Trundle sat.').epithet("verger").label \
        == "Mr. Trundle"


def test_a_description_takes_the_sex_the_text_gives_it():
    # nothing in "visitor" says he is a man; "his hat", "his hands" do
    text = ('Mr. Hill went out to the yard.\n\n'
            'The visitor came in and took off his hat. The visitor warmed his hands. '
            'Mrs. Hill watched him.\n\n'
            '"Thank you," he said.\n')
    assert [s.lower().removeprefix("the ") for s in speakers(text)] == ["visitor"]


def test_a_speech_over_several_paragraphs_is_one_turn():
    text = ('"Where were you?" said Pym.\n\n'
            '"I went out," said Wonder, "and walked a long way across the down,\n\n'
            '"and then I came back by the lane.\n\n'
            '"It was a long walk."\n\n'
            '"Why?"\n\n'
            '"Because I wanted to."\n')
    assert speakers(text) == ["Pym", "Wonder", "Wonder", "Wonder", "Wonder", "Pym",
                              "Wonder"]


def test_the_part_after_an_interrupting_tag_is_the_same_speech():
    text = '"Come here," said Grimble.\n\n"Sit down," said the old man, "and eat."\n'
    quotes = [q for q in find_quotes(text) if q.dialogue]
    got = [(a.speaker, a.cue) for a in attribute(text, quotes)]
    assert got[2] == (got[1][0], "continuation")


def test_a_pronoun_subject_keeps_its_person_salient():
    # paragraphs of "she" keep Ottilie in mind; the Newt, of unknown sex, is not "she"
    text = ('"Mind the puddles!" said the Green Newt.\n\n'
            'Then Ottilie sat on the wall, and she watched it.\n\n'
            'She climbed down into the orchard after it.\n\n'
            'She tripped over a root in the long grass.\n\n'
            'She picked up the apples and the pears.\n\n'
            'She saw the Green Newt hopping past the beehives.\n\n'
            'She followed. "How odd," she said.\n')
    assert speakers(text) == ["Green Newt", "Ottilie"]


def test_a_description_is_the_other_party_named_a_moment_ago():
    # "the old gentleman" meant Grimble a while ago; now he answers the harbour master: the
    # man who spoke, by name, two lines before
    text = ('"Hold my horse, Robin," said Grimble.\n\n'
            '"Yes, sir," said Robin.\n\n'
            '"Mind he does not bite," said the old gentleman.\n\n'
            'Robin let the horse loose that afternoon. They caught it in the churchyard.\n\n'
            '"Who owns this animal?" said Mr. Quant.\n\n'
            '"It is in my charge," said Mr. Penrose.\n\n'
            '"Then mend the wall it broke!" said Mr. Quant.\n\n'
            '"I will do no such thing!" replied the old gentleman.\n')
    got = speakers(text)
    assert got[2] == "Grimble" and got[-1] == "Mr. Penrose"


def test_a_description_is_not_the_one_named_replying_to_it():
    # "replied Mr. Loder" in the very next paragraph answers the old gentleman: the
    # description is someone else, not the other party named two lines before
    text = ('Mr. Loder and Mr. Trundle came into the barn. The farmer sat on a sack.\n\n'
            '"I will take the colt," said Mr. Loder.\n\n'
            '"He is yours," said Mr. Trundle.\n\n'
            '"Will you feed him well?" said the old gentleman.\n\n'
            '"I will, sir," replied Mr. Loder.\n')
    assert speakers(text)[2] != "Mr. Loder"


@pytest.mark.parametrize("mamma", ["Poppy's mamma", "Poppy’s mamma", "Poppy s mamma"])
def test_a_name_in_the_possessive_is_not_the_speaker(mamma):
    text = ('"Come along, Poppy," said Fairbrook.\n\n'
            '"I won\'t," said Poppy.\n\n'
            '"You must go to bed," said Mrs. Carter.\n\n'
            '"Yes, do," said Fairbrook.\n\n'
            f'"Well, I never!" answered {mamma}.\n')
    assert speakers(text)[-1] == "Mrs. Carter"


def test_a_copula_gives_a_person_their_description():
    from drama.extract.cast import Cast
    text = ('"Who is that?" asked Fairbrook. "Oh, Matteo\'s our guide. He never gets '
            'lost." Fairbrook nodded to Matteo.\n\n'
            '"The mules are ready, signorina," the guide announced.\n')
    assert Cast(text).epithet("guide").label == "Matteo"
    assert speakers(text)[-1] == "Matteo"
    # a vague noun ("the man") identifies nobody
    assert Cast("Bolter is the man. Then Bolter left.").epithet("man") is None


def test_it_said_is_the_creature_not_he_or_she():
    # the Badger speaks twice running: "it" is the Badger, not Ottilie's turn
    text = ('"What are you doing in my burrow?" said the Badger to Ottilie.\n\n'
            'Ottilie did not answer.\n\n'
            '"Speak up!" it said.\n')
    assert speakers(text) == ["Badger", "Badger"]


def test_the_stranger_is_nobody_named():
    # a stranger is someone the text has not identified: not the last man named
    text = ('Mr. Hill came into the parlour.\n\n'
            '"Good afternoon," said Teddy Henfrey.\n\n'
            '"Leave me alone," said the stranger.\n')
    assert speakers(text)[-1] == "The stranger"


def test_she_reaches_a_person_through_a_description_the_scene_resolved():
    text = ('"Good evening," said Poppy Carter to Fairbrook.\n\n'
            '"Good evening," said Fairbrook.\n\n'
            '"Do you skate on the pond?" said the young lady.\n\n'
            'Fairbrook looked at the ice. The young lady tapped his arm with her muff.\n\n'
            '"Well, I do, every winter," she said.\n')
    assert speakers(text) == ["Poppy Carter", "Fairbrook", "Poppy Carter", "Poppy Carter"]


def test_a_grown_up_description_is_not_the_child():
    # the narration calls him "little Jasper", "young Jasper": "the old gentleman" is not him
    text = ('Mr. Penrose walked home slowly, thinking.\n\n'
            'Jasper lay in the cell, and he wept. Poor little Jasper was tired, and little '
            'Jasper was hungry; young Jasper slept at last, and he dreamed of little Jasper.\n\n'
            '"There is something in that face," said the old gentleman.\n')
    assert speakers(text) == ["Mr. Penrose"]


def test_the_child_is_not_the_grown_up():
    # "Mr. Corwin" is a grown-up: "the child" is the little brother his sister asked
    text = ('Hetty looked at her little brother Sam, and Sam pulled a face at her.\n\n'
            '"Is this your first journey by rail?" Mr. Corwin inquired.\n\n'
            '"It is," said Hetty. "Sam, at which station do we change?"\n\n'
            '"Change what?" the child demanded.\n')
    assert speakers(text)[-1] == "Sam"


def test_a_name_said_alone_calls_nobody():
    # "Robert Brisk." answers Bill's question: Brisk is not being called, so he does not answer
    text = ('Bill and Nat sat at the table. Ned came in, and Ned sat down by Bill.\n\n'
            '"Who is pitiful?" said Bill to Nat.\n\n'
            '"Robert Brisk."\n\n'
            '"Not so bad. That is better."\n')
    assert speakers(text) == ["Bill", "Nat", "Bill"]


def test_a_name_before_the_rest_of_the_speech_still_calls():
    text = ('Mr. Trundle came in. The widow sat at her loom.\n\n'
            '"Mrs. Hobday," said Mr. Trundle, "are you weaving again?"\n\n'
            '"Only a little."\n')
    assert speakers(text) == ["Mr. Trundle", "Mr. Trundle", "Mrs. Hobday"]


def test_a_shorter_description_in_the_scene_is_the_same_person():
    # "the gentleman", long after anyone was named, is the one "the old gentleman" was
    night = 'The night was dark, and the river ran black under the bridge. Few people passed.\n\n'
    text = ('"You may go," said Mr. Penrose to Hester.\n\n'
            '"Thank you, sir," said Hester.\n\n'
            '"Go, then," said the old gentleman.\n\n'
            + night * 7 +
            '"Why did you bring us here?" said the gentleman.\n')
    assert speakers(text) == ["Mr. Penrose", "Hester", "Mr. Penrose", "Mr. Penrose"]
    # but "the other gentleman" is someone else
    assert speakers(text.replace("said the gentleman", "said the other gentleman"))[-1] \
        != "Mr. Penrose"


def test_a_described_speaker_who_gives_his_name_is_that_person():
    text = ('"Who sent you up here?" said Mr. Quant.\n\n'
            '"Nobody sent me," said the old gentleman. "My name is Penrose, and I keep the '
            'light."\n\n'
            '"Then you keep it badly," said Mr. Quant.\n\n'
            '"I do not!" replied the old gentleman.\n')
    assert speakers(text) == ["Mr. Quant", "Penrose", "Penrose", "Mr. Quant", "Penrose"]


def test_a_name_alone_answering_for_a_name_is_the_speakers():
    text = ('"Leave the parcel at the inn, Mr. Trundle," said the man.\n\n'
            '"And your name, if they ask?" said Mr. Trundle.\n\n'
            '"Friars!" answered the man.\n\n'
            'Mr. Trundle walked home with the parcel, and wondered who Friars might be.\n')
    assert speakers(text) == ["Friars", "Mr. Trundle", "Friars"]


def test_an_untagged_answer_giving_ones_own_name_is_the_speakers():
    # "What is your name?" "Rosalie. And you?": no tag, the answer's opening name speaks it
    text = ('Nat held the ferry rope, and the girl stepped down beside him.\n\n'
            '"What is your name?"\n\n'
            '"Rosalie. And you?"\n\n'
            '"Jacob."\n\n'
            'Rosalie did not like the look of the water, and Rosalie sat down.\n')
    assert speakers(text)[1] == "Rosalie"
    # "my name is …" in an untagged turn too
    text = ('Mr. Penrose looked at the boy, and Jasper looked at the fire.\n\n'
            '"Who are you, my child?"\n\n'
            '"Please, sir, my name is Jasper."\n\n'
            'Jasper sat down by the fire, and Jasper was warm.\n')
    assert speakers(text)[1] == "Jasper"


def test_an_untagged_answer_naming_someone_else_is_not_theirs():
    # the name of "the lady with her" asked for: the answer names her, it is not hers
    text = ('Nat held the ferry rope, and the girl stepped down beside him.\n\n'
            '"And the name of the lady with her?"\n\n'
            '"Rosalie. And you?"\n\n'
            '"Jacob."\n\n'
            'Rosalie did not like the look of the water, and Rosalie sat down.\n')
    assert speakers(text)[1] != "Rosalie"


def test_a_described_speaker_someone_names_is_that_person():
    # "Her name is Hetty Vane!": the young lady who spoke just before, and after
    text = ('Hal noticed a young lady waiting at the end of the station platform.\n\n'
            '"Sam," said the young lady, "where have you been hiding?"\n\n'
            '"Buying toffee," replied Sam.\n\n'
            '"Her name is Hetty Vane!" cried Sam.\n\n'
            '"No need to tell the whole town," said the young lady.\n\n'
            'Then Hetty Vane took the toffee from her cousin, and she ate a piece; and Hetty '
            'Vane sat on the bench, and she unbuttoned her gloves.\n')
    assert speakers(text) == ["Hetty Vane", "Hetty Vane", "Sam", "Sam", "Hetty Vane"]


def test_a_vague_description_is_the_described_person_just_acting():
    # "the man" is the stranger the narration was just following, not Mr. Trundle
    text = ('"Till Tuesday, then," said Mr. Trundle.\n\n'
            'The stranger buttoned his coat, and the stranger raised his lantern.\n\n'
            '"Who goes there?" cried the man.\n')
    assert speakers(text)[-1].lower().removeprefix("the ") == "stranger"
    # unless someone named is the one acting
    text = ('"Till Tuesday, then," said Mr. Trundle.\n\n'
            'The stranger buttoned his coat. Then Mr. Hill got up, and he raised his '
            'lantern.\n\n'
            '"Who goes there?" cried the man.\n')
    assert speakers(text)[-1].lower().removeprefix("the ") != "stranger"


def test_a_vague_description_in_the_narration_is_the_one_just_named():
    # "when Mrs. Ashby came down … The old lady shook her head": the old lady is Mrs. Ashby
    text = ('"I trust," said Pip, when Mrs. Ashby came down from the sickroom, "the fever '
            'has broken."\n\n'
            'The old lady shook her head at him and went to stand by the window, her back to '
            'the lamp. Presently she spoke, very low:\n\n'
            '"Not yet, Pip."\n')
    assert speakers(text)[-1] == "Mrs. Ashby"


def test_a_description_acting_is_not_someone_merely_mentioned():
    # the narration follows "the gentleman"; Friars is only talked about
    text = ('Hester stood on the stairs, and she waited.\n\n'
            'The gentleman made some hasty notes, while she described the house where Friars '
            'kept his boxes, and the hour at which Friars took his supper there.\n\n'
            '"A broad red mark?" cried the gentleman.\n')
    assert speakers(text) == ["The gentleman"]


def test_a_title_with_an_adjective_is_the_one_who_bears_it():
    text = ('Doctor Lessingham came in, and Rose rose to meet him.\n\n'
            '"Well?" said Rose.\n\n'
            '"Nonsense!" said the irritable doctor.\n')
    assert speakers(text) == ["Rose", "Doctor Lessingham"]
    # "the other doctor" is not him
    assert speakers(text.replace("irritable doctor", "other doctor"))[-1] != "Doctor Lessingham"


def test_a_name_after_the_opens_the_clause():
    # "The Cobbler glanced at the Grey Fox": the Cobbler is the one acting, so "he" is him
    text = ('The Cobbler put down his hammer, and the Cobbler rubbed his chin slowly.\n\n'
            'The Grey Fox turned the coin over in his paw; then the Grey Fox bit it to try '
            'it.\n\n'
            '"How long have you owed it?" said the Judge.\n\n'
            'The Cobbler glanced at the Grey Fox, who had slunk in behind him with the Weasel. '
            '"Since the spring fair, as I recall," he said.\n')
    assert speakers(text)[-1] == "Cobbler"


def test_a_creature_the_text_calls_it_is_not_she():
    # "blinked its yellow eyes and stared at her": the "her" is Ada's, the Toad is an "it",
    # so "it asked" is the Toad
    from drama.extract.cast import Cast
    text = ('"Who goes there?" said the Toad.\n\n'
            'Ada answered, in a small voice, "Only me, if you please."\n\n'
            'The Toad blinked its yellow eyes and stared at her, and the Toad puffed itself '
            'up; she kept still.\n\n'
            '"And what is your business in my ditch?" it asked.\n')
    assert Cast(text).character("Toad").gender is None
    assert speakers(text)[-1] == "Toad"


def test_a_description_after_but_opens_the_clause():
    text = ('The stranger set his pack down by the door and rubbed his knees; the stranger '
            'did not sit.\n\n'
            '"A long road from the coast, is it?" said Mrs. Hill. Mr. Hill grunted, and he '
            'eyed the pack.\n\n'
            'But the stranger would give nothing away. "Long enough," he said.\n')
    assert speakers(text)[-1].lower().removeprefix("the ") == "stranger"


def test_the_man_is_the_one_the_narration_just_brought_in():
    # "a stout man with a coil of rope" comes in; "the man" is he, and keeps that label
    text = ('The ferry landing was empty but for the gulls; and there they came upon a '
            'stout man with a coil of rope over one shoulder and a lantern in his fist.\n\n'
            '"Crossing tonight?" said the man gruffly.\n\n'
            '"Two of us, and a crate," replied Mr. Trundle.\n\n'
            '"Step aboard, then," said the man.\n')
    assert speakers(text) == ["The stout man", "Mr. Trundle", "The stout man"]
    # someone brought in only as a comparison is nobody
    assert speakers(text.replace("came upon a stout man", "met one as stout as a man"))[0] \
        != "The stout man"


def test_a_person_a_clause_of_place_and_was_brings_in_is_brought_in():
    # "On the bench opposite was a man": the man is there, not Hal, the one named just
    # before; "Hal was a man" says what someone is, and brings in no one
    text = ('"Find us a seat," said Hal. "I will see to the bags."\n\n'
            '"By the window," I said.\n\n'
            'On the bench opposite was a man with a basket of eggs on his knees.\n\n'
            '"Going to the fair, are you?" the man asked.\n')
    assert speakers(text)[-1] == "The man"
    there = text.replace("On the bench opposite was", "There was")
    assert speakers(there)[-1] == "The man"
    wrapped = text.replace("On the bench opposite was", "On the bench\nopposite was")
    assert speakers(wrapped)[-1] == "The man"       # a hard-wrapped line is one clause
    assert speakers(text.replace("On the bench opposite was a man", "Hal was a man"))[-1] \
        != "The man"
    # a subject after the place: the clause says what he is, and brings in no one
    from drama.extract.attribution.mentions import _existential
    for clause in ("At the time he was a", "On the whole she was a", "In the end it was a"):
        sentence = "Hal came. " + clause
        assert not _existential(sentence, 0, len(sentence) - 1), clause
    sentence = "Hal came. Behind the door was a"
    assert _existential(sentence, 0, len(sentence) - 1)


def test_she_with_no_woman_named_near_is_the_role_of_her_sex_in_view():
    # no woman is named: "she" is the housemaid the narration just showed, not "Woman";
    # a vague "the girl", a position or a man's role is no such role
    text = ('Corwin leaned out of the carriage window and beckoned to the housemaid as she '
            'crossed the yard with a pail. "Is your master at home?" he asked.\n\n'
            '"Gone to the market, sir," she answered.\n')
    assert speakers(text)[-1] == "The housemaid"
    assert speakers(text.replace("the housemaid", "the girl"))[-1] != "The girl"
    assert speakers(text.replace("the housemaid as she", "the porter as he"))[-1] \
        != "The porter"


def test_a_person_the_wordnet_list_knows_is_brought_in_too():
    # "a lamplighter" (no word of the short list of person nouns) is the man who answers her;
    # "a great wagon" brings in no one called "the great"
    text = ('Marta left the bakery. Tobin locked the shutters behind her.\n\n'
            'A lamplighter was climbing his ladder at the corner of the square.\n\n'
            '"Has the last coach gone?" asked the girl.\n\n'
            '"Gone these ten minutes," said the man.\n')
    assert speakers(text)[-1] == "The lamplighter"
    assert speakers(text.replace("A lamplighter was climbing", "A great wagon was rolling"))[-1] \
        != "The great"


def test_a_comparative_a_verb_or_a_proper_name_brings_in_no_one():
    # "a little longer", "a little closer": WordNet's first senses of "longer" and "closer"
    # are persons, but they are adverbs here; "the man" is no "little longer"
    for how in ("waited a little longer", "came a little closer", "came a little sooner"):
        text = (f'Jasper stood by the door. He {how}, and then knocked.\n\n'
                '"Who is there?" said the man.\n')
        assert not speakers(text)[-1].startswith("The little")
    # a verb after a modal, a proper name WordNet spells capitalised, is no person brought in
    # nor a noun most of whose senses are no person ("a jerk", "a coach")
    for words in ("An hour could have passed", "A garland hung there", "A villa stood there",
                  "The door opened with a jerk", "A coach drove by"):
        text = (f'Jasper stood by the door. {words}, and then he knocked.\n\n'
                '"Who is there?" said the man.\n')
        assert speakers(text)[-1] not in ("The hour could have", "The garland", "The villa",
                                          "The jerk", "The coach")


def test_a_person_brought_in_and_named_later_is_named():
    text = ('From the orchard gate Corwin watched a tall young lady cross the meadow with a '
            'basket.\n\n'
            '"Kit," said the young lady, "have you fed the geese?"\n\n'
            '"Not yet, I went fishing," replied Kit.\n\n'
            '"Her name is Nora Quill!" cried Kit.\n\n'
            'Then Nora Quill set down her basket, and she frowned; and Nora Quill took the rod '
            'from him, and she looked at the line.\n')
    assert speakers(text)[:2] == ["Nora Quill", "Nora Quill"]


def test_a_description_is_who_the_narration_just_showed_acting():
    # Hetty spoke the line before, but the paragraph shows her acting right before this one
    text = ('Mrs. Vane stood at the ticket window, and she counted her coins. Hetty hummed, '
            'and she twirled; Hetty skipped, and she sang.\n\n'
            '"Aunt!" said Hetty.\n\n'
            '"Mr. Corwin," said Hetty, presenting the stranger.\n\n'
            'Mrs. Vane did not look round. Hetty was at her elbow, tugging at her sleeve. '
            '"Why won\'t you speak to him?" this young lady demanded.\n')
    assert speakers(text)[-1] == "Hetty"


def test_his_companion_is_the_one_he_is_talking_with():
    # "companion" is a person noun of the lexicon's (PERSON_NOUNS): "his companion" is read
    # as someone the reader knows (description-coref's rules for "the girl"), not a new
    # "His companion"; no "to Mrs. Ashby" in the tag, which the role rules would read
    text = ('Corwin climbed into the trap beside Mrs. Ashby, and she shook the reins.\n\n'
            '"You were short with the vicar," said Corwin.\n\n'
            '"When a man preaches for an hour," his companion replied, "I am always short."\n')
    assert speakers(text)[1:] == ["Mrs. Ashby", "Mrs. Ashby"]


def test_an_adjective_is_not_a_person_brought_in():
    # "a general hush" brings in no general
    text = ('The fiddler scraped a few notes, and the room fell into a general hush.\n\n'
            '"Good evening," said Grimble.\n\n'
            '"What will you have?" inquired the man.\n')
    assert speakers(text)[-1] != "The general"


def test_a_thing_before_the_speech_verb_is_not_the_speaker():
    # "halfway down the lane to the village, added": the village does not speak; he does
    # (tag_phrase.subject_before stops at a place; "village" is a noun WordNet lets speak,
    # as "the street" is not, and no participle phrase is skipped past it)
    text = ('"Keep him warm and let him sleep," said the apothecary, snapping his bag shut.\n\n'
            'He took his cane from the stand and, halfway down the lane to the village, '
            'added, "He will mend by Friday."\n')
    assert speakers(text) == ["The apothecary", "The apothecary"]


def test_a_parent_is_a_person_of_the_scene():
    # "parent" is a person noun of the lexicon's (PERSON_NOUNS), so "this patient parent"
    # may be the subject who speaks in a "when" clause (tag_phrase._subject_kind), not "He"
    text = ('"She talks as though the wedding were settled," said Mrs. Carter to Fairbrook.\n\n'
            '"And what does Poppy think?" asked Fairbrook.\n\n'
            'He had barely asked it when this patient parent sighed and said: "Oh, she swears '
            'there is to be no wedding."\n')
    assert speakers(text)[-1] == "Mrs. Carter"


def test_she_with_nobody_in_the_narration_is_the_woman_just_named_in_the_dialogue():
    rain = 'The rain drummed on the awning and the gutters ran over into the lane.\n\n'
    text = ('Ines had promised to meet us; Ines was never on time. Tom waited at the café, '
            'and he grumbled; Tom had ordered twice.\n\n' + rain * 13 +
            '"There is Ines at last," Tom said.\n\n'
            'I turned and watched her hurry over the wet cobbles, an umbrella in one hand. '
            '"Sorry, sorry!" she said.\n')
    assert speakers(text) == ["Tom", "Ines"]


def test_the_other_is_the_other_one_of_the_two_talking():
    text = ('Jasper slept on the bench, and Hatchard counted his coins.\n\n'
            '"You sail for Wexcombe in the morning?" inquired Hatchard.\n\n'
            '"At first light," replied the man.\n\n'
            '"Is there room for two more aboard?" demanded Hatchard.\n\n'
            '"If you can pay, there is," replied the other.\n')
    assert speakers(text)[-1] == speakers(text)[1] == "The man"


def test_the_other_is_not_the_one_the_narration_set_it_against():
    # the turns before are untagged (no one settled yet): "the other" is not Tom, whom the
    # narration has just named, but the other man of the scene
    text = ('Harry walked up to the gate where Tom stood, and Harry nodded.\n\n'
            '"You again?"\n\n"Me again."\n\n'
            '"Well, sorry," said Tom, and looked away. The other laughed, and said, "No '
            'matter."\n')
    assert speakers(text)[-1] == "Harry"


def test_the_other_is_set_against_the_one_before_an_untagged_turn():
    # the turn before is untagged (no one settled yet), and the narration that set it up
    # is a paragraph further back: "the other man" is not Tom, who took it up, but Harry
    text = ('"Have you seen the old mill?" asked Harry.\n\n'
            '"Not yet," said Mrs. Lane. "We meant to go on Sunday."\n\n'
            'Harry wished to speak of other things, but Tom took it up warmly.\n\n'
            '"The mill is a poor place, and the carter a slack fellow."\n\n'
            '"That is hard on the carter," said the other man.\n')
    assert speakers(text)[-1] == "Harry"


def test_the_female_is_a_woman_of_the_scene():
    text = ('The pair trudged along the towpath towards the lock.\n\n'
            '"Keep up, won\'t you? You dawdle like a heifer, Agnes," shouted Rudd over his '
            'shoulder.\n\n'
            '"These boots pinch, I\'ll have you know," said the female, limping after him, '
            'red in the face.\n')
    assert speakers(text)[-1] == "Agnes"


def test_he_is_first_the_man_the_sentences_just_before_name():
    # Pip is the last subject, but the sentences just before are about Marlow
    text = ('Little Pip was cold, and he was weary; then Pip lay down, and he shivered. Old '
            'Marlow came in, and he grinned; then Marlow sat down, and he waited.\n\n'
            'Then Pip slept by the stove, and he snored. The clock struck two. Such were the '
            'schemes turning over in the mind of Marlow, as he weighed the coins in his palm. '
            'He did not stir from his stool for an hour. "Soon," he whispered.\n')
    assert speakers(text) == ["Marlow"]


def test_a_voice_answering_a_call_is_the_one_called():
    text = ('Hatchard and Jasper went into the cold barn; Amos was somewhere inside.\n\n'
            '"Keep your voice down," said Hatchard, barring the door. "Bring a lamp, Amos."\n\n'
            '"Coming, coming!" cried the same voice.\n')
    assert speakers(text)[-1] == "Amos"


def test_a_voice_is_the_one_the_narration_then_shows():
    text = ('Tom and Mary walked along the lane to the village.\n\n'
            '"It will rain," said Tom.\n\n'
            '"Not today," said Mary.\n\n'
            '"Good morning!" called a cheerful voice; and turning, Tom saw Mr. Fenwick at his '
            'gate.\n')
    assert speakers(text)[-1] == "Mr. Fenwick"
    # the one the voice stops is the hearer, not the voice
    text = ('Mr. Hale walked down the lane in the dark.\n\n'
            '"Stop there," said a voice, and Mr. Hale stopped dead.\n')
    assert speakers(text)[-1] != "Mr. Hale"


def test_the_last_line_that_calls_someone_is_who_answers():
    # the carter's speech calls Maud only in its second part (vocative.called_in reads each
    # later line's call); Bess, the other girl at work, is whom "the girl" means otherwise
    text = ('Quill settled his bill at the counter. Maud wrapped his loaf, and Bess swept '
            'the floor behind her.\n\n'
            '"Right you are," said the carter. "Is the flour loaded, Maud?"\n\n'
            '"Every sack of it," replied the girl.\n')
    assert speakers(text)[-1] == "Maud"


def test_a_paragraph_ending_in_a_colon_introduces_the_next():
    text = ('The Ferryman rubbed his eyes with a wet sleeve; the Ferryman opened his mouth, '
            'but he could find no word.\n\n'
            '"Give him time," said the Miller to Nell.\n\n'
            '"Leave him be," said Nell.\n\n'
            'When the Ferryman could trust himself again, he wiped his face on his cap and, '
            'looking out over the water, he began:--\n\n'
            '"Forty years I have rowed this crossing."\n')
    assert speakers(text)[-1] == "Ferryman"


def test_a_paragraph_ending_in_a_speech_verb_and_a_comma_introduces_the_next():
    text = ('"The rain will keep off," said Mrs. Harrow.\n\n'
            '"I hope so," said Tessa.\n\n'
            'Over the soup, and without looking up, Mr. Harrow drily remarked,\n\n'
            '"Then we shall walk to the mill after all."\n')
    assert speakers(text)[-1] == "Mr. Harrow"


@pytest.mark.parametrize("lead", ["Mr. Harrow drily remarked, ", "Over the soup Mr. Harrow said, ",
                                  "At last Mr. Harrow remarked, "])
def test_a_title_before_the_subject_of_a_leading_tag_is_part_of_the_name(lead):
    # read back from the verb, "Harrow" comes first; the name is "Mr. Harrow", not the
    # bare surname the family shares
    text = ('"The rain will keep off," said Mrs. Harrow.\n\n' + lead +
            '"Then we shall walk to the mill."\n')
    assert speakers(text)[-1] == "Mr. Harrow"


def test_a_paragraph_ending_in_a_comma_without_a_speech_verb_names_no_one():
    # the comma only leads in when a speech verb says so: here Mr. Harrow only eats
    text = ('"The rain will keep off," said Mrs. Harrow.\n\n'
            '"I hope so," said Tessa.\n\n'
            'Mr. Harrow ate his soup in silence, slowly,\n\n'
            '"Then you may walk to the mill," said Mrs. Harrow.\n')
    assert speakers(text)[-1] == "Mrs. Harrow"


def test_she_is_a_woman_before_a_creature_the_text_gives_no_sex():
    # "the Jackdaw", "its feathers": she is Ottilie, even though Ottilie spoke the line before
    text = ('Ottilie was cold, and she pulled her shawl tight; then Ottilie yawned, and she '
            'stretched.\n\n'
            '"Nobody asked you," said the Jackdaw.\n\n'
            'The Jackdaw shook its feathers; the Jackdaw flew off over the hedge.\n\n'
            '"Now I have upset it too!" cried Ottilie.\n\n'
            'She ran to the gate and shouted, "Please, fly back!"\n')
    assert speakers(text)[-1] == "Ottilie"


def test_demonstrative_description_is_the_one_just_mentioned():
    # "that gentleman" is Mr. Doyle, whom the narration has just named, not the last speaker
    text = ('"On Monday, then," said Mrs. Lark. "Bring your slate, child."\n\n'
            '"Yes, ma\'am," said Pip. He said it with a stammer, for Mr. Doyle was frowning '
            'at him over his spectacles.\n\n'
            '"He will forget the slate," muttered that gentleman to Mrs. Lark.\n')
    assert speakers(text)[-1] == "Mr. Doyle"


def test_demonstrative_with_any_head_is_the_one_just_mentioned():
    # "this worthy" is no person noun, but "this" points back to Ned Tolley
    text = ('"Quiet!" said Marlow.\n\n'
            'A boot scraped on the ladder. The Skipper climbed into the loft, and after him a '
            'man in a tarred coat, who pushed back his hood and showed the face of Ned '
            'Tolley.\n\n'
            '"Cold enough for you, Marlow?" said this worthy, winking at the Skipper.\n')
    assert speakers(text)[-1] == "Ned Tolley"


def test_demonstrative_may_be_the_last_speaker_after_a_beat_of_narration():
    # the narration says what happened to her; "that discreet lady" is the matron who spoke
    text = ('"Lonely, Mrs. Hobday?" said Mr. Trundle.\n\n'
            '"Goodness!" exclaimed Mrs. Hobday. "What a thing to ask, Mr. Trundle!"\n\n'
            'The miller set down his cup, brushed the flour from his sleeve, and boldly '
            'took her hand.\n\n'
            '"Mr. Trundle!" cried that prudent widow under her breath.\n')
    assert speakers(text)[-1] == "Mrs. Hobday"


def test_he_after_a_beat_is_the_man_it_mentions_even_the_last_speaker():
    # the beat between mentions only Dorn: "he" is Dorn again, not the other man
    text = ('"Let me buy you a coffee," said Nat.\n\n'
            '"Much obliged," Mr. Dorn said. Mr. Woolsey shook his head.\n\n'
            'Nat pressed a silver coin into Mr. Dorn\'s hand.\n\n'
            '"You\'re mad, Nat," he said. "I\'ll pay for these."\n')
    assert speakers(text)[2] == "Mr. Dorn"


def test_a_given_name_that_is_also_a_month_speaks():
    text = ('He had written to May Lorne in the spring, and he saw May Lorne again in June.\n\n'
            '"You are late," said May.\n')
    assert speakers(text)[-1] == "May Lorne"


def test_a_role_written_like_a_name_is_the_person_called_when_it_answers():
    # "the Tinker" answers three calls to Hob: Hob is the Tinker
    text = ('Hob kept the inn, and Meg kept the books. The Tinker sat by the fire.\n\n'
            '"Is it late, Hob?" asked Meg.\n\n"Late enough," said the Tinker.\n\n'
            '"Will you sup, Hob?" asked Meg.\n\n"Not yet," replied the Tinker.\n\n'
            'The Tinker rose, and Meg went out. She came back with the lamp.\n\n'
            '"Are you cold, Hob?" asked Meg.\n\n"Never," said the Tinker.\n')
    assert speakers(text) == ["Meg", "Hob"] * 3


def test_a_role_answering_one_call_stays_itself():
    text = ('Hob kept the inn, and Meg kept the books. The Tinker sat by the fire.\n\n'
            '"Is it late, Hob?" asked Meg.\n\n"Late enough," said the Tinker.\n\n'
            '"Will you sup?" asked Meg.\n\n"Not yet," replied the Tinker.\n')
    assert speakers(text) == ["Meg", "Tinker"] * 2


def test_a_grown_up_description_never_means_a_described_child():
    text = ('The gentleman looked along the row of recruits.\n\n'
            '"Who can tie a bowline?" said the gentleman.\n\n'
            'Silence. One skinny little boy, with ears like jug handles, put up a hand.\n\n'
            '"Then show me," said the gentleman, more gently.\n')
    assert speakers(text) == ["The gentleman", "The gentleman"]


@pytest.mark.parametrize("call, want", [
    ("Is it late, Hob?", "Mr. Hob"),      # the role answers the one called by name
    ("Is it late?", "The innkeeper"),     # no call: the role speaks as written
])
def test_a_role_description_is_the_person_the_last_line_called(call, want):
    text = ('Mr. Hob kept the inn, and Mrs. Meg kept the books.\n\n'
            f'"{call}" asked Mrs. Meg.\n\n"Late enough," said the innkeeper.\n')
    assert speakers(text)[-1] == want


@pytest.mark.parametrize("verb, want", [
    ("replied", "Mr. Nunn"),          # answers the exchange: the other one of the two
    ("observed", "The attendant"),    # no verb of answering: the role speaks as written
])
def test_a_role_answering_an_exchange_is_the_other_one_of_the_two(verb, want):
    text = ('Mrs. Tolliver sat at breakfast, and Mr. Nunn waited on her.\n\n'
            '"Has the post come?" asked Mrs. Tolliver.\n\n'
            '"Not yet, ma\'am," replied Mr. Nunn.\n\n'
            '"It is always late," remarked the old lady.\n\n'
            f'"The carrier\'s mare is lame, ma\'am," {verb} the attendant.\n')
    assert speakers(text)[-1] == want


@pytest.mark.parametrize("call, want", [
    ("Mrs. Meg", "Mr. Hob"),          # calls the last speaker: the one she answered
    ("my friend", "The innkeeper"),   # no call by name: the role speaks as written
])
def test_a_role_calling_the_last_speaker_is_the_one_she_answered(call, want):
    text = ('Mr. Hob stood on the hearth, and Mrs. Meg sat by the fire.\n\n'
            '"Is it late?" cried Mr. Hob.\n\n'
            '"Hold your tongue," murmured Mrs. Meg.\n\n'
            f'"Isn\'t it hard, {call}?" remonstrated the innkeeper.\n')
    assert speakers(text)[-1] == want


@pytest.mark.parametrize("role, want", [
    ("her patron", "Mr. Hob"),        # someone's tie, after an exchange: the other one
    ("the patron", "The patron"),     # said, no tie: the role speaks as written
])
def test_a_tie_role_after_an_exchange_is_the_other_one_of_the_two(role, want):
    text = ('Mr. Hob stood on the hearth, and Mrs. Meg sat by the fire.\n\n'
            '"It is cold," said Mrs. Meg.\n\n'
            '"Cold enough," said Mr. Hob.\n\n'
            '"I feel it in my bones," observed the lady.\n\n'
            f'"Then take my chair, ma\'am," said {role}.\n')
    assert speakers(text)[-1] == want


def test_a_clause_opening_is_no_described_person():
    # "The moment his mother came in" mentions no one called "the moment his mother"
    text = ('Mrs. Grey sat in the library with Tom.\n\n'
            'The moment his mother came in, she smiled at him. "My dear boy," she said.\n')
    assert speakers(text) == ["Mrs. Grey"]


def test_a_description_of_a_scene_before_is_not_meant_once_the_scene_names_another():
    # "the old man" meant Mr. Hale eight paragraphs ago; the scene now names Mr. Brown, and
    # not Mr. Hale: the old man is Mr. Brown
    filler = ''.join(f'The rain fell on the roofs of the town for the {n} day.\n\n' for n in
                     ('first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'))
    text = ('Mr. Hale sat by the door of the mill; Mr. Hale was old.\n\n'
            'Mr. Hale looked up. "It is cold," said the old man.\n\n' + filler +
            'Mr. Brown walked into the shop and looked about him.\n\n'
            '"Good day," said the old man.\n')
    assert speakers(text) == ["Mr. Hale", "Mr. Brown"]


def test_a_call_before_someone_new_is_brought_in_does_not_name_the_description():
    # Tom called Nunn; then the narration brings in a young gentleman, who speaks as "the
    # gentleman": not Nunn
    text = ('Mr. Nunn leaned down from the box of the cart.\n\n'
            '"Is that you up there, Nunn?" cried Tom.\n\n'
            'Nunn began to answer, but was pushed aside by a young gentleman who had been '
            'asleep on the sacks.\n\n'
            '"Is the mare better?" cried the gentleman.\n')
    assert speakers(text)[-1] == "The young gentleman"


def test_someone_a_tag_brought_in_two_turns_back_is_no_newcomer():
    # "a red-faced baker" came in by the tag of a line two turns back: "the man" who
    # answers after the women is not he (rule 8 is for someone new, not a speaker of the
    # exchange) but the man the narration shows acting
    text = ('Bill Hatchard chased the goat across the green, with the children behind.\n\n'
            '"Mind my hens!" cried a red-faced baker, leaning out of his door.\n\n'
            '"Let it run!" said the two girls.\n\n'
            '"It shall not get far," rejoined the man, catching the goat by the horns.\n')
    assert speakers(text) == ["Red-faced baker", "The two girls", "Bill Hatchard"]
    # one the narration itself brings in, not a tag, is still the man
    brought = text.replace('"Mind my hens!" cried a red-faced baker, leaning out of his '
                           'door.\n\n"Let it run!" said the two girls.',
                           'A red-faced baker came out, leaning on his broom.'
                           '\n\n"Let it run!" said the two girls.')
    assert speakers(brought)[-1] == "The red-faced baker"


def test_this_gentleman_is_the_one_a_fuller_description_brought_forth():
    # "this gentleman" echoes "the elder gentleman", not the man the portrait calls him
    # nor Mr. Pettigrew, the man named last
    text = ('"Wren," said Mr. Pettigrew. "Tell us what a river is."\n\n'
            'Wren shrugged, and looked at his boots.\n\n'
            'The elder gentleman then rose from his bench. A thin man with a ledger under his '
            'arm, he was; an inspector of the county. He could weigh any answer to the '
            'ounce.\n\n'
            '"Quite so," said this gentleman, tapping the ledger. "That is a river."\n')
    assert speakers(text)[-1] == "Elder gentleman"


def test_this_gentleman_without_a_fuller_description_is_the_one_just_mentioned():
    text = ('"Come in," said Poppy.\n\n'
            'Mr. Ferrante bowed.\n\n'
            '"Thank you," said this gentleman.\n')
    assert speakers(text)[-1] == "Mr. Ferrante"



ELIZA = ('Margaret sat by Beatrice. Margaret was quiet; she smiled. Mrs. Tull came in.\n\n'
         '"My news was better than yours, Madge," said Beatrice.\n\n'
         '"Pray do not put it into Maggy\'s head to be cross."\n')


def test_one_called_by_a_pet_name_is_the_other_pet_names_and_the_full_name_too():
    """passA35: until the aliases join them, "Madge", "Maggy" and "Margaret" are three
    people to the sieves (data/nicknames.txt makes the first two pet names of the third);
    a line calling one, or speaking of one, is none of theirs."""
    cast = Cast(ELIZA)
    reader = Reader(cast, ELIZA)
    madge = reader.who_of_character(cast.character("Madge"))
    assert {reader.who_of_key(k).label for k in called_keys(reader, madge)} == \
        {"Madge", "Maggy", "Margaret"}
    # the reply to a call to Madge that speaks of Maggy is not Madge's (nor Margaret's)
    assert speakers(ELIZA)[1] not in ("Madge", "Maggy", "Margaret")


def test_two_people_of_one_given_name_are_apart_whatever_the_name():
    """review35: called_keys joins another given name of the one called (a pet name, its
    full form), never a second person of the same given name: "Mary" and "Mary King" are
    the same to it as "Everard" and "Everard Moss", whether or not the name list knows
    pet names of it (it did for Mary, as short_for("Mary") & short_for("Mary") is not
    empty, and not for Everard)."""
    from drama.extract.attribution.vocative import _one_given_name
    assert not _one_given_name("Mary", "Mary")
    assert not _one_given_name("Margaret", "margaret")
    assert not _one_given_name("Everard", "Everard")
    assert _one_given_name("Maggy", "Madge") and _one_given_name("Tom", "Thomas")


def test_a_blank_label_has_no_given_word():
    """review35: _given_word read label.split()[0], an IndexError on a blank label."""
    from drama.extract.attribution.vocative import _given_word
    assert _given_word("") is None and _given_word("  ") is None
    assert _given_word("Margaret Lumley") == "Margaret" and _given_word("Mrs. Lumley") is None


def test_a_description_is_not_a_sexless_name_a_tag_gave_when_it_meant_someone_of_its_sex():
    # "the old lady" meant Mrs. Varga a moment ago; Dubois, named by a tag two turns back,
    # is of no sex the text says, and not the old lady
    text = ('Mrs. Varga stood at the stall, and the buyers pushed round her basket.\n\n'
            '"Sold!" called the auctioneer.\n\n'
            'Mrs. Varga waved her stick. "Forty sheep!" cried the old lady. "Drive them '
            'to the farm."\n\n'
            'The flock was driven off. Dubois walked behind it, counting aloud.\n\n'
            '"What a bargain!" exclaimed Dubois.\n\n'
            '"Madame, you bid like a dealer!" added Miss Lenk with a laugh.\n\n'
            '"Yes, I bought them cheap," replied the old lady.\n')
    assert speakers(text)[-1] == "Mrs. Varga"


def _portrait_scene(before: str, between: str) -> str:
    """Mrs. Varga asks, the narration tells something, and "the old lady" retorts."""
    return ('Mrs. Varga toured the glasshouse on her nephew\'s arm, and the gardener walked '
            'ahead of them.\n\n' + before + '“What is that red flower called?” asked Mrs. '
            'Varga.\n\n' + between + '\n\n“And who told you so?” the old lady retorted.\n')


def test_a_description_may_be_the_last_speaker_when_the_narration_reports_an_answer():
    # the gardener's answer, told in the narration, is a turn between her two lines: "the
    # old lady" who retorts is the one who asked, not someone else of her sex
    answer = 'The gardener explained that it was most likely a kind of lily.'
    for before in ('', 'Miss Lenk came in with the watering can.\n\n'):
        assert speakers(_portrait_scene(before, answer))[-1] == "Mrs. Varga"
    # her own words told in the narration are no one's answer: she spoke last still
    own = 'Mrs. Varga explained that she grew one at home.'
    assert speakers(_portrait_scene('', own))[-1] != "Mrs. Varga"


def test_a_role_is_the_one_the_line_before_called_when_a_tag_names_them():
    # "Tavi" has no sex the text gives, but a tag names him as a speaker ("piped Tavi"): a
    # person, and the apprentice who answers the call (a word the speech only calls may be
    # no one: "Hullo", "Banks, I know, …"): description._a_tagged_speaker
    text = ('The harbour master sat at his desk, and the clerks stood round it.\n\n'
            '“The tide is late again,” piped Tavi, the cooper’s apprentice.\n\n'
            '“Speak up, Tavi. You saw it first,” said Mr. Bello.\n\n'
            'Red to the ears, the apprentice mumbled the word “Fog,” and stood up '
            'straighter.\n')
    assert speakers(text)[-1] == "Tavi"


def _toll_house_scene(opening: str = '', her_story: str = 'the landlady went on') -> str:
    """Mr. Tallis questions Mrs. Orme, whom the tags call "the landlady" and "the woman";
    a beat of narration lies between her name and the lines that call her so."""
    beat = ''.join(f'{s}\n\n' for s in (
        'She shut the window and came out with her lamp.', 'The lamp hissed in the damp air.',
        'Far off a dog was barking.'))
    return (opening +
            'Mr. Tallis crossed the bridge at dusk and knocked at the toll-house.\n\n'
            '“You saw the cart pass?” he asked.\n\n'
            '“At noon,” said Mrs. Orme from the window.\n\n'
            '“Going north?” asked Mr. Tallis.\n\n'
            '“North,” answered the landlady, “and fast.”\n\n'
            '“Who drove it?” asked Mr. Tallis.\n\n'
            '“A boy in a grey coat,” replied the landlady.\n\n' + beat +
            '“Did the boy pay the toll?” asked Mr. Tallis.\n\n'
            '“He threw it at me,” the landlady said.\n\n'
            'Mr. Tallis turned up his collar. “And the load?” he said.\n\n'
            '“Barrels,” said the landlady, “six of them.”\n\n'
            '“Were they heavy?” asked Mr. Tallis.\n\n'
            '“Heavy enough,” replied the woman.\n\n'
            '“Thank you,” said Mr. Tallis.\n\n'
            f'“The boy sang as he drove,” {her_story}.\n\n'
            '“What song?” asked Mr. Tallis.\n\n'
            '“A sailor\'s song,” replied the woman.\n')


def test_a_vague_description_is_the_other_one_of_two_once_the_epithets_are_read():
    # when "replied the woman" was read, the turn before the last was still "the landlady",
    # whom the epithet sieve found to be Mrs. Orme afterwards: the woman answering Mr.
    # Tallis is the other one of the two, Mrs. Orme
    said = speakers(_toll_house_scene())
    assert said[-1] == "Mrs. Orme" and "The woman" not in said


def test_a_vague_description_so_revised_thrice_is_that_person_at_the_scenes_opening():
    # "asked the woman" opens the scene before anyone is named; "the woman" is Mrs. Orme
    # three times once the epithets are read: the opening's woman is Mrs. Orme too
    opening = '“Who knocks so late?” asked the woman behind the shutter.\n\n'
    said = speakers(_toll_house_scene(opening, 'the woman went on'))
    assert said[0] == "Mrs. Orme" and "The woman" not in said


def test_a_role_left_to_itself_is_not_given_the_other_one_of_two_afterwards():
    # a role ("the purser") may be a minor person of its own: left so, not given Silas, whom
    # Hobb called and "the bosun" was taken for
    text = ('Hobb sat by the stove in the galley, grumbling to himself.\n\n'
            '“Bring the rope, Silas!” shouted Hobb. “Quick now!”\n\n'
            '“Hobb,” said the bosun.\n\n'
            '“Who wants me?” cried the old man, turning round.\n\n'
            '“Over here,” said the purser, raising his lantern.\n')
    assert speakers(text)[-1] == "The purser"


def _going_on_scene(verb: str) -> str:
    return ('Mrs. Pell sat by the fire, and Nora stood at the window.\n\n'
            '“Is it raining?” said Mrs. Pell.\n\n'
            '“Yes, ma’am,” said Nora.\n\n'
            '“Then shut the window,” the old woman continued.\n\n'
            'Nora did not move.\n\n'
            f'“Do you hear me?” the old woman {verb}.\n')


def test_a_description_going_on_may_be_the_one_who_spoke_last():
    # "went on" says the old woman, who spoke last, keeps talking after the beat: the
    # same description a moment ago, Mrs. Pell, not the other one of the two
    assert speakers(_going_on_scene("went on"))[-1] == "Mrs. Pell"
    # tidy43: the verbs of going on are one list (lexicon.GOING_ON_VERBS) that the turns'
    # "goes on" reads too: "resumed" and "added" are read here as well
    assert speakers(_going_on_scene("resumed"))[-1] == "Mrs. Pell"
    assert speakers(_going_on_scene("added"))[-1] == "Mrs. Pell"
    # a verb that says nothing of going on leaves the last speaker out, as before
    assert speakers(_going_on_scene("asked"))[-1] != "Mrs. Pell"


def test_a_pronoun_subject_goes_on_with_the_name_of_an_inverted_tag_before_it():
    """mentions.chain, Salience.tag_subjects: "“Never!” cried Miss Penn. She ran …": the
    "She" is Miss Penn, the subject of the inverted tag just before it in its paragraph, not the woman
    the narration had as its subject a sentence earlier; the "she said" after it then goes
    on with her (the narration after her speech keeps her as its subject)."""
    text = ('Miss Penn stood at the window in her wet coat. Mrs. Quill sat by the stove.\n\n'
            '“Will you come with me to the ferry?” she asked.\n\n'
            '“Never!” cried Miss Penn. She ran to the door and looked out at the yard.\n\n'
            '“It is raining again,” she said.\n')
    doc = read_document(text, [q for q in find_quotes(text) if q.dialogue])
    she = text.index("She ran")
    chained = [w.label for _, at, w, subj in doc.salience.events_in(she, she + 1) if subj]
    assert chained == ["Miss Penn"]
    assert speakers(text)[-1] == "Miss Penn"


def test_the_name_of_an_inverted_tag_is_a_subject_in_its_own_paragraph_only():
    """Salience.between(para=…): a paragraph holds one person's line and doings, so the
    name of an inverted tag ("“Never!” cried Miss Penn") is a subject for a "she" of its
    own paragraph; a "she" of a later paragraph looks past it to the woman the narration
    had as its subject (Mrs. Quill)."""
    from drama.extract.attribution.salience import Salience
    from drama.extract.attribution.who import Who
    quill, penn = Who("c:quill", "Mrs. Quill", "f"), Who("c:penn", "Miss Penn", "f")
    sal = Salience()
    sal.add(0, 0, quill, True)      # "Mrs. Quill rose." (paragraph 0)
    sal.add(1, 40, penn, False)     # "“Never!” cried Miss Penn." (paragraph 1)
    sal.tag_subjects.add(40)
    sal.seal()
    assert sal.between(0, 60, "f", para=1) == penn
    assert sal.between(0, 60, "f", para=2) == quill
    assert sal.between(0, 60, "f") == quill


def test_an_inverted_tag_needs_a_verb_of_saying():
    """mentions.after_speech_verb: "“Never!” cried Miss Penn" is a tag, its name the
    subject; "“The Larches” beside Miss Penn's gate" is a house's name and a preposition."""
    from drama.extract.attribution.mentions import after_speech_verb
    text = "“Never!” cried Miss Penn."
    assert after_speech_verb(text, text.index("Miss"))
    text = "He passed “The Larches” beside Miss Penn’s gate."
    assert not after_speech_verb(text, text.index("Miss"))


def test_a_name_a_she_governs_in_its_sentence_is_not_the_next_she():
    """Salience.bound_by_pronoun: "she had thought only of Hilda Marsh" names Hilda as the
    object of a "she" who is someone else (binding theory's Principle C), the woman the
    narration is about; the "she said" after it is Mrs. Quill's, not Hilda's."""
    text = ('Mrs. Quill came down the lane with her basket and stopped at the gate.\n\n'
            'All that morning, she had thought only of Hilda Marsh.\n\n'
            '“The bread will be cold by noon,” she said.\n')
    assert speakers(text) == ["Mrs. Quill"]


def test_a_she_goes_on_past_a_name_a_she_governs():
    """Salience.between (mentions.chain): "She set the basket down" has no woman as a
    subject in the two sentences before it, only Hilda as the object of a "she" who is
    someone else; it goes on with Mrs. Quill, and so does the "she said" after it."""
    text = ('Mrs. Quill came down the lane. The rain had stopped. At the gate, she waved to '
            'Hilda Marsh. She set the basket down on the step.\n\n'
            '“The bread will be cold by noon,” she said.\n')
    assert speakers(text) == ["Mrs. Quill"]


def test_only_a_pronoun_of_the_names_sex_in_its_own_sentence_binds_it():
    """Salience.bound_by_pronoun reads the narration of the name's own sentence for a
    "he"/"she" of the name's sex: not a "he" (a man is someone else), not a "she" of the
    sentence before, not a "she" inside a quotation of the sentence; and a subject is
    never bound ("When she came in, Hilda Marsh sat down": she may be Hilda)."""
    from drama.extract.attribution.salience import Salience
    from drama.extract.attribution.who import Who
    hilda = Who("c:hilda", "Hilda Marsh", "f")
    cases = [('At noon she waved to Hilda Marsh.', True),
             ('At noon he waved to Hilda Marsh.', False),
             ('She was tired. At noon the boy waved to Hilda Marsh.', False),
             ('“She is late,” the boy told Hilda Marsh.', False),
             ('When she came in, Hilda Marsh sat down.', False)]
    for text, bound in cases:
        quoted = [(text.index("“"), text.index("”") + 1)] if "“" in text else []
        sal = Salience(text, quoted)
        sal.add(0, text.index("Hilda"), hilda, text.startswith("When"))
        sal.seal()
        assert sal.bound_by_pronoun(0) is bound, text


def test_a_verb_of_saying_in_a_clause_joined_by_and_is_its_own_pronoun_s():
    """tag_phrase._joined_clause_subject: "I paid the ferryman and he touched his hat and
    said:" leads into his line, not the narrator's (the sentence's subject, "I", only
    paid); nor is a joined clause read past a capitalised word or too far back."""
    from drama.extract.attribution.tag_phrase import tag_before
    reader = Reader(Cast(""), "")
    lead = "I paid the ferryman and he touched his hat and said:"
    assert tag_before(reader, lead, 0).kind == "pron"
    assert tag_before(reader, "He laughed, and she rose and said,", 0).gender == "f"
    # the same person under a name and a pronoun: the name stands
    assert tag_before(reader, "Tom frowned, and he rose and said,", 0).kind != "pron"
    assert tag_before(reader, "He frowned, and he rose and said,", 0).gender == "m"
    # only lower-case words between the pronoun and the verb: a name there is another's
    assert tag_before(reader, "I paid and he looked at Tom and said:", 0).kind == "first"
    # "or" joins no clause of a new subject here
    assert tag_before(reader, "I paid or he touched his hat and said:", 0).kind == "first"
    # past JOINED_REACH lower-case words the pronoun is not read as the verb's
    far = "I paid and he touched his old brown hat twice with a finger and said:"
    assert tag_before(reader, far, 0).kind == "first"


def _calls_of_unique_names(count: int) -> str:
    """A text of `count` invented one-word names, each called once and calling once:
    "“Come here, Bakori,” said Zunetami." (slownames51's text, small)."""
    syllables = ["ba", "ko", "ri", "zu", "ne", "ta", "mo", "li", "sa", "vu", "de", "pi"]
    names = [(syllables[i % 12] + syllables[i // 12 % 12] + syllables[i // 144 % 12]
              + syllables[i // 1728 % 12]).capitalize() for i in range(count)]
    return "\n\n".join(f"\u201cCome here, {b},\u201d said {a}.\n\n\u201cNot now, {a},\u201d said {b}."
                       for a, b in zip(names[::2], names[1::2]))


def _given_name_tests(monkeypatch, count: int) -> int:
    """How many pairs of given names called_keys tests, asked of every person of a cast of
    `count` unique names."""
    from drama.extract.attribution import vocative
    tested = []
    real = vocative._one_given_name
    monkeypatch.setattr(vocative, "_one_given_name", lambda a, b: tested.append(1) or real(a, b))
    text = _calls_of_unique_names(count)
    cast = Cast(text)
    reader = Reader(cast, text)
    people = {id(c): c for c in cast.of_form.values()}.values()
    assert len(people) >= count * 9 // 10
    for person in people:
        called_keys(reader, reader.who_of_character(person))
    return len(tested)


def test_called_keys_tests_only_the_given_names_that_may_be_one(monkeypatch):
    """slownames51: called_keys tested the one called against every person of the cast, so
    a text of thousands of unique names took minutes (quadratic). Now it tests only the
    people filed under a key of the called one's given name: twice the names, at most
    twice the tests (none here: no two of these names are one)."""
    small = _given_name_tests(monkeypatch, 400)
    large = _given_name_tests(monkeypatch, 800)
    assert large <= 2 * small + 800


def test_called_keys_through_the_index_joins_whom_testing_every_pair_joins():
    """The index finds each way two given names are one: a nickname of the other (Tom,
    Thomas) both ways, and two pet names of one full name (Tina, Chris: Christina): for
    every person, the keys are those that testing them against everyone gives."""
    from drama.extract.attribution import vocative
    text = ('Tom sat by Thomas. Tina met Chris. Ossian came in; Tamsin followed.\n\n'
            '"Come here, Tom," said Ossian.\n\n"Not now, Tina," said Chris.\n\n'
            '"Thomas, sit," said Tamsin.\n')
    cast = Cast(text)
    reader = Reader(cast, text)
    people = list({id(c): c for c in cast.of_form.values()}.values())

    def every_pair(person):
        given = vocative._given_word(person.label)
        return {reader.who_of_character(o).label for o in people if o is person or (
            vocative._one_given_name(given, vocative._given_word(o.label)) and
            (not person.gender or not o.gender or person.gender == o.gender))}
    joined = {p.label: {reader.who_of_key(k).label
                        for k in called_keys(reader, reader.who_of_character(p))}
              for p in people}
    assert joined == {p.label: every_pair(p) for p in people}
    assert joined["Tom"] >= {"Tom", "Thomas"} and joined["Thomas"] >= {"Tom", "Thomas"}
    assert joined["Tina"] >= {"Tina", "Chris"} and joined["Ossian"] == {"Ossian"}
