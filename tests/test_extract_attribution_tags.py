"""Speech tags the tag parser reads (attribution/tag_phrase.py, tags.py): word orders and
phrasings beyond "said Martov" and "Martov said", each on a hand-written passage."""
from __future__ import annotations

from drama.extract import extract_script
from drama.extract.attribute import CONFIDENCE, attribute
from drama.extract.quotes import find_quotes

# a scene with three people in it, and a line of Fred's before the one tested: a tag that is
# not read leaves the line to the guessing sieves, never to the tag's person by chance
SCENE = ("Major Hardy, Miss Lane and Tom Hardy were at the club with Fred Pike.\n\n"
         "“Well?” said Fred Pike.\n\n")


def speakers(text: str) -> list[tuple[str, str]]:
    quotes = [q for q in find_quotes(text) if q.dialogue]
    return [(a.speaker, a.cue) for a in attribute(text, quotes)]


def test_a_speech_tag_leading_in_beats_the_next_sentence_after_the_quote():
    text = SCENE + ("Miss Lane saw a thin, dark object at the far side of the water, and "
                    "said, “A snake!” The others agreed at once.")
    assert speakers(text)[1] == ("Miss Lane", "explicit")
    text = SCENE + "Nobody moved, but Miss Lane said, “Really, it is late.” He replied, “No.”"
    assert speakers(text)[1] == ("Miss Lane", "explicit")
    text = SCENE + "They all stopped, and Miss Lane said severely “Who is this?” He answered it."
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_name_after_the_words_that_describe_its_bearer():
    assert speakers(SCENE + "“What can you expect?” said dour Major Hardy.")[1] == \
        ("Major Hardy", "explicit")
    assert speakers(SCENE + "“Why not?” sighed pleasure-loving Miss Lane.")[1] == \
        ("Miss Lane", "explicit")
    # a preposition is no description: "to Miss Lane" is whom Fred speaks to
    assert speakers(SCENE + "“It is late,” said Fred Pike to Miss Lane.")[1] == \
        ("Fred Pike", "explicit")


def test_a_relative_clause_between_subject_and_verb_is_skipped():
    text = SCENE + "Tom Hardy, who did not like Miss Lane, replied: “She was gone.”"
    assert speakers(text)[1] == ("Tom Hardy", "explicit")
    # "who said": the one the clause is about speaks
    text = SCENE + "Tom Hardy looked at Miss Lane, who said quietly, “She was gone.”"
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_who_clause_running_on_to_the_verb_of_saying_is_its_person_s_tag():
    # ", and who announced" repeats the ", who" before it: the person before that one speaks
    text = SCENE + ("Major Hardy nodded to Tom Hardy, who stood by the fireplace, warming "
                    "his hands, and who announced to the room, as the clock struck: "
                    "“The coach is late.”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")
    # after a semicolon the "who" clause runs to the sentence's end
    text = SCENE + ("Major Hardy handed the map to Miss Lane; who, having studied it for a "
                    "minute, folded it up and said: “We are lost.”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")
    # but after a lone ", who …," clause the verb is the sentence's subject's
    text = SCENE + ("Major Hardy leaned towards Miss Lane, who was reading, and said: "
                    "“The rain has stopped.”")
    assert speakers(text)[1] == ("Major Hardy", "explicit")


def test_a_verb_of_saying_inside_a_closed_who_clause_is_no_tag():
    # "who had said nothing" closes before the main verb "turned": no verb of saying tags
    # the quote (the colon still introduces it)
    text = SCENE + "Tom Hardy, who had said nothing, turned to the window: “She was gone.”"
    assert speakers(text)[1] == ("Tom Hardy", "colon")
    # nor does a who clause's own "said" make its person the speaker of the one after it
    text = SCENE + ("Miss Lane spoke to Tom Hardy, who had said nothing, and then she cried: "
                    "“She was gone.”")
    assert speakers(text)[1][0] != "Tom Hardy"


def test_a_capitalised_verb_of_saying_after_a_quote_is_its_tag():
    assert speakers(SCENE + "“Why not?” Said Tom Hardy, smiling.")[1] == ("Tom Hardy", "explicit")


def test_as_someone_said_after_a_quote_is_its_tag():
    assert speakers(SCENE + "“It is so,” as Miss Lane said. The play was good.")[1] == \
        ("Miss Lane", "explicit")


def test_was_someones_explanation_after_a_quote_is_its_tag():
    assert speakers(SCENE + "“It is owing to orders,” was Miss Lane’s explanation.")[1] == \
        ("Miss Lane", "explicit")
    assert speakers(SCENE + "“It is owing to orders,” was the view of Miss Lane.")[1] == \
        ("Miss Lane", "explicit")
    assert speakers(SCENE + "“Not at all,” were Miss Lane’s words.")[1] == \
        ("Miss Lane", "explicit")


def test_his_or_her_before_someones_words_is_not_the_tags_person():
    # "was her reply" is hers; "was her father's reply" is the father's, not hers
    assert speakers(SCENE + "“It is late,” was her reply.")[1] == ("Miss Lane", "pronoun")
    assert speakers(SCENE + "“It is late,” was her father’s reply.")[1][1] != "pronoun"
    assert speakers(SCENE + "“It is late,” was his sister's sorrowful reply.")[1][1] != \
        "pronoun"


def test_the_subject_after_so_that_is_whole():
    # "that" before "the" is a conjunction here, not a determiner cutting "the Parrot" short
    text = ("The Parrot and Miss Lane sat by the fire.\n\n"
            "“A song, please,” Miss Lane replied, so eagerly that the Parrot said, "
            "in an offended tone, “No accounting for tastes!”")
    assert speakers(text)[1][0] == "Parrot"


def test_an_ing_verb_of_saying_after_a_comma_leads_into_the_quote():
    text = SCENE + "Tom Hardy frowned at the clock, murmuring: “Too late for that.”"
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_the_object_of_a_preposition_before_an_ing_verb_of_saying_does_not_speak():
    # "his cousins" ends the phrase before ", saying", but as the object of "of": the one
    # who hurried says it
    text = (SCENE + "Tom Hardy hurried to the rescue of his cousins, saying cheerfully to "
            "the Major as he went, “All right, you win.”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")
    text = (SCENE + "Tom Hardy unfolded a chart, and this he pushed across the table to the "
            "other, saying, “For the Major.”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")   # not "the other", described


def test_the_subject_of_the_clause_after_a_semicolon_speaks():
    text = (SCENE + "Miss Lane rang the bell; and Tom Hardy put down the heavy tray on the "
            "table, and called out, “Dinner!”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_the_subject_after_an_opening_clause_speaks():
    text = (SCENE + "As the band packed up, Miss Lane felt bold, and said to Major Hardy, "
            "whose voice she admired, “Would you sing for us next week?”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_tag_leading_into_the_next_quote_is_that_quotes():
    # "she replied, blushing …," after the first quote runs into the second: not the first
    # quote's tag (tags.read_tags: the `_leads_on` test beside `_new_sentence_after`); the
    # second quote reads the same narration as its own lead-in, so handing the tag on
    # (handed_on) is not what this checks
    text = (SCENE + "Miss Lane cut the cake. And when Tom Hardy cried, “Many happy returns!” "
            "she replied, blushing to her ears, “You remembered!”")
    assert [s for s, _ in speakers(text)[1:]] == ["Tom Hardy", "Miss Lane"]


def test_thus_between_subject_and_verb():
    text = SCENE + "In a doleful voice Miss Lane thus began the conversation.--“Oh! Tom!”"
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_paragraph_ending_on_its_verb_of_saying_announces_the_next_speech():
    text = (SCENE + "Major Hardy left the room, and once the door had shut behind him Miss "
            "Lane began.\n\n“Listen to me, Tom.”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_participle_phrase_between_subject_and_verb_is_skipped():
    text = (SCENE + "Later on, Tom Hardy, stepping close to Miss Lane, whispered to her-- "
            "“Shall we walk?”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")
    text = (SCENE + "Tom Hardy studied the ceiling, the carpet and the clock, and then "
            "briskly facing the daughter of Major Hardy, said, “Well?”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_a_verb_of_saying_corrected_by_another():
    text = SCENE + "“Hein!” ejaculated or, rather, growled Miss Lane as she turned."
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_the_subject_of_an_earlier_clause_when_the_last_has_none():
    text = (SCENE + "Tom Hardy offered to call a cab; but Miss Lane firmly refused one; "
            "and then standing, said to Tom Hardy, “Walk with me.”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_the_subject_after_a_subordinating_conjunction_speaks():
    text = (SCENE + "From then on, whenever Miss Lane passed Tom Hardy on the stairs of the "
            "club, and asked in a shy voice, “Any post for me?” Fred would look up from his "
            "ledger.")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_title_and_surname_particles_before_the_verb_make_one_name():
    text = ("Mr. van der Meulen and Miss Lane were at the club.\n\n“Well?” said Fred Pike.\n\n"
            "Miss Lane sighed; and Mrs. van der Meulen murmured: “If only she had asked.”")
    assert speakers(text)[1] == ("Mrs. van der Meulen", "explicit")


def test_the_rest_of_a_tagged_speech_is_not_the_actor_after_it():
    text = (SCENE + "“He shall not,” shouted Miss Lane against the tumult. “Call the "
            "witnesses!” Tom Hardy tried to check her.")
    assert [s for s, _ in speakers(text)[1:]] == ["Miss Lane", "Miss Lane"]


def test_the_subject_before_a_relative_clause_after_an_opening_clause_speaks():
    text = (SCENE + "Once the dinner was over, Tom Hardy, who was leaving for the coast at "
            "dawn, crossed to Miss Lane with a stiff bow, and said: “I must say goodbye.”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_a_bare_verb_of_saying_after_a_modal():
    text = (SCENE + "They quarrelled over cards every night. And Miss Lane would declare: "
            "“Nobody at this table plays fair!”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_an_action_beat_after_a_tag_in_the_same_paragraph_keeps_the_tagged_speaker():
    text = (SCENE + "“Just as I feared,” muttered Tom Hardy, ignoring the cold look which "
            "the lady sent him. Miss Lane folded her arms. “You are late again.”")
    assert [s for s, _ in speakers(text)[1:]] == ["Tom Hardy", "Tom Hardy"]


def test_an_adverb_before_an_inverted_verb_of_saying_is_still_its_tag():
    assert speakers(SCENE + "“Come back!” suddenly cried Tom Hardy aloud.")[1] == \
        ("Tom Hardy", "explicit")
    assert speakers(SCENE + "“Not so,” again interrupted Miss Lane.")[1] == \
        ("Miss Lane", "explicit")
    assert speakers(SCENE + "“Go on!” then said Major Hardy, smiling.")[1] == \
        ("Major Hardy", "explicit")


def test_a_verb_the_lists_lack_before_a_person_after_a_quote_is_a_tag():
    # the inverted order makes it a tag: only a verb reporting the quote comes before its
    # subject right after one
    assert speakers(SCENE + "“That is no reason!” pouted Miss Lane.")[1] == \
        ("Miss Lane", "explicit")
    assert speakers(SCENE + "“Nonsense,” blustered Tom Hardy, red in the face.")[1] == \
        ("Tom Hardy", "explicit")
    assert speakers(SCENE + "“Such a waste of candles!” fumed the old lady.")[1][1] == \
        "described"
    # a thing after the verb is no speaker
    assert speakers(SCENE + "“Come back!” sounded the honeyed accents of Miss Lane.")[1] \
        != ("The honeyed accents", "described")


def test_a_paragraph_ending_on_a_verb_of_saying_and_a_dash_introduces_the_next():
    text = SCENE + ("After a song, Miss Lane played again; and soon afterwards Tom Hardy, "
                    "drawing near Major Hardy, said to him--\n\n“Do you not feel like a dance?”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_a_reply_in_indirect_speech_after_a_quote_is_not_its_tag():
    text = SCENE + ("“Have you heard the news?” asked Miss Lane. “Is it true?” Tom Hardy "
                    "replied that it was, and went out.")
    assert speakers(text)[1:] == [("Miss Lane", "explicit"), ("Miss Lane", "continuation")]


def test_who_set_off_by_a_participle_phrase_before_the_verb_is_the_person_before_it():
    text = SCENE + ("Miss Lane arrived by the early train. On the platform stood Tom Hardy, "
                    "who, running up to her, exclaimed under his breath, “At last!”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_the_rest_of_a_tagged_speech_keeps_its_speaker_before_a_new_sentence():
    # the rest of a speech interrupted by its tag has that tag already: the sentence after
    # it is someone else's doing, not a second tag
    # (tags.read_tags' _continues_tagged: "muttered" would read as Tom's tag else)
    text = SCENE + ("“Stop,” cried Miss Lane, “where are you going?” Tom Hardy muttered "
                    "something and ran out.")
    assert speakers(text)[1:] == [("Miss Lane", "explicit"), ("Miss Lane", "continuation")]


def test_a_verb_of_saying_in_its_bare_form_after_to_is_a_tag():
    assert speakers(SCENE + "Miss Lane hastened to add: “Come back!”")[1] == \
        ("Miss Lane", "explicit")


def test_the_subject_of_a_clause_after_its_opening_adverbs_says_the_line():
    text = SCENE + ("The hall was empty; just then Tom Hardy spotted Miss Lane, as she "
                    "crept along the gallery, and shouted up to her in a sharp voice, “Who "
                    "let you in?”")
    assert speakers(text)[1] == ("Tom Hardy", "explicit")


def test_the_subject_after_a_focusing_adverb_says_the_line():
    text = SCENE + ("Major Hardy kept as steady a silence as Fred Pike; and even Miss Lane was "
                    "too tired to utter more than the exclamation of “Lord, how late it is!”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_a_verb_of_addressing_leads_into_what_its_subject_or_agent_says():
    text = SCENE + ("As she thus spoke, Miss Lane rose; but Major Hardy thus addressed her, "
                    "“Stay a moment.”")
    assert speakers(text)[1] == ("Major Hardy", "explicit")
    text = SCENE + ("Fred Pike was thinking of her, when thus accosted by Miss Lane, "
                    "“I can guess your thoughts.”")
    assert speakers(text)[1] == ("Miss Lane", "explicit")


def test_the_one_addressed_in_the_passive_is_no_speaker():
    text = SCENE + "Miss Lane was suddenly accosted, “Stay a moment.”"
    assert speakers(text)[1] != ("Miss Lane", "explicit")


def test_a_phrase_of_manner_after_the_verb_is_no_speaker():
    assert speakers(SCENE + "Miss Lane turned round, and said in a low voice, “Go home!”")[1] \
        == ("Miss Lane", "explicit")


def test_a_clause_opening_with_a_described_name_after_a_semicolon_is_theirs():
    text = SCENE + ("“I was sure,” Miss Lane had said proudly of him; and old Major Hardy, who "
                    "had summoned him, had praised him, and added impatiently: “Silly goose!”")
    assert speakers(text)[1:] == [("Miss Lane", "explicit"), ("Major Hardy", "explicit")]


def test_a_name_acting_between_two_parts_of_a_speech_after_a_comma_is_its_tag():
    # the speech runs on through the narration between its parts, as through a tag
    text = SCENE + "“Yes, nothing criminal,” Tom Hardy summed up, “but there it is.”"
    assert speakers(text)[1:] == [("Tom Hardy", "explicit"), ("Tom Hardy", "continuation")]


def test_a_name_after_the_words_that_describe_it_before_the_verb_after_a_quote():
    assert speakers(SCENE + "“Perhaps,” young Tom Hardy said.")[1] == ("Tom Hardy", "explicit")


def test_the_one_heard_speaking_says_the_line():
    for verb in ("say:", "mutter,"):
        text = SCENE + f"Their hands met, and Tom Hardy thought he heard her {verb} “It is late.”"
        assert speakers(text)[1] == ("Miss Lane", "pronoun")


def test_a_role_written_in_lower_case_is_the_role_the_text_capitalises_as_a_name():
    text = ("The Grandmother sat in her chair. The Grandmother frowned, and the Grandmother "
            "rang for tea. Anna came in.\n\n“Well?” said Anna.\n\n"
            "“Look! A beggar!” exclaimed the grandmother.")
    assert speakers(text)[1] == ("Grandmother", "explicit")


def test_a_tag_naming_someone_by_a_shortened_title_is_read():
    """review27: ux27 made every title the AP Stylebook abbreviates a shortened one, whose
    dot ends no sentence, but only the ranks titles of names: "said Pvt. Lowe." was then
    no tag at all (its line went to another speaker by the conversation), where main had
    at least read "Pvt". Each of them is a title before a name, as "Col." is."""
    for title in ("Col.", "Capt.", "Pvt.", "Cpl.", "Cmdr.", "Sen.", "Gov.", "Rep.", "Prof."):
        text = SCENE + f"“Then we march,” said {title} Lowe. “At once.”"
        assert speakers(text)[1] == (f"{title} Lowe", "explicit"), title


def test_a_tag_naming_someone_by_several_titles_keeps_them_all():
    """review27: "said Lt. Col. Ames." was the speaker "Lt. Col": a name's titles may be
    several in a row (the AP Stylebook's compounds, "Lt. Col.", "Lt. Gen."), in a tag and
    in the narration's names alike."""
    text = SCENE + "“Then we march,” said Lt. Col. Ames. “At once.”"
    assert speakers(text)[1] == ("Lt. Col. Ames", "explicit")
    assert speakers(SCENE + "“Then we march,” said Lt. Ames.")[1] == ("Lt. Ames", "explicit")
    script = extract_script("Lt. Col. Ames came in.\n\n“Then we march,” said Lt. Col. Ames."
                            "\n\n“Go,” said Fred Pike.\n", "x")
    assert [ln.speaker for ln in script.lines if ln.kind == "dialogue"] == \
        ["Lt. Col. Ames", "Fred Pike"]
    # one character, named as "Col. Ames" would be (no "Lt. Col" nor a bare "Ames")
    assert [(c.name, c.aliases) for c in script.characters] == \
        [("Lt. Col. Ames", []), ("Fred Pike", [])]
    named = extract_script("Lt. Col. Ames came in and sat down. Lt. Col. Ames looked at Fred "
                           "Pike.\n\n“Go,” said Fred Pike.\n\n“Where?” he asked.\n\n“Home,” "
                           "said Fred Pike.\n", "x")
    assert [ln.speaker for ln in named.lines if ln.kind == "dialogue"] == \
        ["Fred Pike", "Lt. Col. Ames", "Fred Pike"]  # named so by the narration alone


def test_a_name_after_a_capitalised_particle_the_text_writes_in_lower_case_is_read():
    # "de" a word of the text ("Monsieur de Vasseur"): the Cast writes "Vasseur", and the tag
    # "assented De Vasseur" named no one
    text = ("Monsieur de Vasseur bowed to Mlle. de Cominges, and Madame de Cominges smiled. "
            "The General looked at De Vasseur, and De Vasseur looked at Varvara.\n\n"
            "“Oui, madame,” assented De Vasseur.\n\n"
            "“Well,” said Varvara.\n\n"
            "“Cette vieille,” De Vasseur whispered.\n")
    said = speakers(text)
    assert said[0] == said[2] and said[0][0] in ("Vasseur", "De Vasseur")


def test_a_tag_name_after_a_particle_is_the_person_the_text_titles_with_it():
    # the tag reads "Tassel" as the Cast writes it; "Tassel" must be Mr. van Tassel, not a
    # person of his own (main read the tag as "Van Tassel", his)
    text = ("Mr. van Tassel came in with Anne. Anne looked at Mr. van Tassel and smiled.\n\n"
            "“Good day,” said Anne.\n\n"
            "“Good day to you,” said Van Tassel.\n\n"
            "“Sit down,” said Anne.\n\n"
            "“Thank you,” said Van Tassel.\n")
    assert [s[0] for s in speakers(text)] == ["Anne", "Mr. van Tassel", "Anne", "Mr. van Tassel"]


def test_a_described_person_saying_at_the_end_of_the_paragraph_before_speaks():
    # the paragraph before leads in with a description and a verb of saying
    from drama.extract.attribute import attribute
    from drama.extract.quotes import find_quotes
    text = ('Mr. Wexley took a table by the window of the tea-room.\n\n'
            'He had barely unfolded his napkin when the porter hurried up and said, '
            'breathless and very red:\n\n'
            '"A telegram for you, sir. It came just now."\n\n'
            '"For me?" said Mr. Wexley.\n')
    quotes = [q for q in find_quotes(text) if q.dialogue]
    assert [a.speaker for a in attribute(text, quotes)][0] == "The porter"


def test_a_role_met_in_the_paragraph_before_who_said_speaks():
    from drama.extract.attribute import attribute
    from drama.extract.quotes import find_quotes
    text = ('The boys raced down to the hotel lobby.\n\n'
            'Their uncle was not in the dining room either; but they found the porter, who '
            'said,\n\n'
            '"If it is Mr. Rook you want, he walked out to the pier an hour ago."\n\n'
            '"Thank you," said Ben.\n')
    quotes = [q for q in find_quotes(text) if q.dialogue]
    assert [a.speaker for a in attribute(text, quotes)][0] == "The porter"


def test_a_pronoun_after_that_is_the_subject_of_the_verb_it_leads_into():
    """anaphA36: "that" before "he said" opens a clause ("she stood so long staring at the
    rain, that he said, after a while:"); no determiner goes before a pronoun, so the "he"
    is the tag's subject, not the sentence's opening "she"."""
    text = SCENE + ("Miss Lane stood so long staring out at the rain, that he said, after a "
                    "while: “Are you dreaming, Miss Lane?”")
    tags = speakers(text)
    assert tags[1][1] == "pronoun" and tags[1][0] != "Miss Lane"
    # a name after "the" is still read whole ("the Gryphon"), not from its last word
    assert speakers(SCENE + "Then the Major Hardy said: “No.”")[1] == \
        ("Major Hardy", "explicit")


def test_an_adjective_opening_a_phrase_of_manner_is_no_speaker_of_the_lead_in():
    """implA39: "Mute with surprise, Mr. Pelham walked … and said:" is Mr. Pelham's
    lead-in. A passage of a few pages may never write "mute" in lower case, so its count
    alone no longer makes the capitalised word a name: an adjective of WordNet's that a
    preposition follows opens a phrase before the subject."""
    text = ("Mr. Pelham and Ada were at the fair.\n\n"
            "Mute with surprise, Mr. Pelham walked over to the stall where his children "
            "stood, took each of them by the arm, and said:\n\n"
            "“Ada! Walter!”\n")
    assert speakers(text)[0] == ("Mr. Pelham", "explicit")
    # a given name of the lists that is also a word still speaks ("Rose with ...")
    text = ("Mr. Hardy and Rose were at the circus.\n\n"
            "Rose with a smile crossed to the spot and said:\n\n“Come, Tom!”\n")
    assert speakers(text)[0] == ("Rose", "explicit")


def test_a_described_subject_of_the_clause_leading_in_is_the_speaker():
    # the verb of saying is the "when" clause's, and so is its subject: the dealer, not the
    # sentence's "she" (a person noun of WordNet's, beyond the handwritten PERSON_NOUNS)
    text = ("Mrs. Orme sat at the card table.\n\n“Deal me another,” said Mrs. Orme.\n\n"
            "The cards were turned. She threw down her fan when the dealer called out, "
            "“Twenty-two!” and swept the chips away.\n")
    assert speakers(text)[1] == ("The dealer", "described")


def test_the_main_clause_after_an_absolute_phrase_speaks_not_the_phrases_subject():
    # "Tom Hardy lifting the decanter …," is an absolute phrase: he does not speak; she
    # does, the subject of the main clause after its comma
    text = (SCENE + "The rain beat on the windows of the club. Tom Hardy lifting the "
            "decanter to fill the glasses, she put her hand over her own and said, “Not for "
            "me, thank you.”")
    assert speakers(text)[1] == ("Miss Lane", "pronoun")
    text = (SCENE + "Everyone else being seated by then, Major Hardy raised his glass and "
            "said, “To absent friends.”")
    assert speakers(text)[1] == ("Major Hardy", "explicit")


def test_a_beat_leading_in_does_not_make_the_one_the_line_calls_its_speaker():
    # Nell acts before the line, but the line calls her: she is spoken to, and the one
    # who spoke last goes on speaking to her
    scene = ("Nell and Edwin sat on the harbour wall until dusk, watching for the herring "
             "fleet.\n\n"
             "“Your father’s boat will be the last in, as it always is,” said Edwin.\n\n"
             "Nell threw a pebble at the gulls. ")
    assert speakers(scene + "“Don’t sulk, Nell; I only meant it kindly.”")[1] == \
        ("Edwin", "speaking-on")
    # a beat before a line that calls someone else is still its speaker's
    assert speakers(scene + "“Don’t be unkind, Edwin.”")[1] == ("Nell", "action")
    text = ("Nell and Edwin sat on the harbour wall until dusk.\n\n"
            "“The boats are late tonight,” said Edwin.\n\n"
            "Nell laughed.\n\n"
            "“You must stop teasing me about the boats, Nell.”")
    assert speakers(text)[1] == ("Edwin", "speaking-on")


def test_a_line_spoken_on_to_the_one_leading_in_states_its_own_cue_and_confidence():
    # the rule's line is neither a tag's nor an interrupted speech's: through the whole
    # extractor it keeps its own cue, and the script states that cue's confidence
    text = ("Greta and Ambrose walked along the quay in the rain.\n\n"
            "“The ferry will not run tonight,” said Ambrose.\n\n"
            "Greta shook the rain from her hat. “Then we must find an inn, Greta, and "
            "wait there for the morning.”\n")
    line = [ln for ln in extract_script(text).lines if ln.kind == "dialogue"][1]
    assert (line.speaker, line.cue) == ("Ambrose", "speaking-on")
    assert line.confidence == CONFIDENCE["speaking-on"]


def test_a_tag_after_the_line_keeps_a_speaker_who_gives_their_own_name():
    # a name tag after the line is read as it stands, though the line says that name
    text = ("Lord Hallam, Dora and Mr. Thursby waited in the hall of the inn.\n\n"
            "“Who shall I say is calling?” asked Dora.\n\n"
            "“Hallam,” said Lord Hallam.\n\n"
            "“Mr. Thursby,” replied Thursby, “of Leeds, and in a hurry.”")
    assert speakers(text)[2][0] == "Mr. Thursby"
