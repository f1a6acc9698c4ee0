"""The kinship the narration states ("Frank was her son"), for a mother and son of two
surnames: the family table, the relation sieve and the pronouns after "mother and son"."""
from __future__ import annotations

from drama.extract.attribution.document import read_document
from drama.extract.attribution.pipeline import run_sieves
from drama.extract.attribution.sieve import ReadingOrder
from drama.extract.attribution.sieves.explicit import Explicit
from drama.extract.attribution.sieves.kin_call import KinCall
from drama.extract.attribution.sieves.relation import Relation
from drama.extract.quotes import find_quotes

STATED = ("The play was well on by the time Mrs. Hale came into the drawing-room. Miss Carter, "
          "the girl whom Frank had brought from London, rose to greet her, and Frank was her "
          "son.\n\n")


def doc_of(text: str):
    return read_document(text, [q for q in find_quotes(text) if q.dialogue])


def stated(doc) -> dict[tuple[str, str], list[str]]:
    """The stated ties by label: (owner, tie) -> relatives."""
    label = {id(c): c.label for c in doc.reader.cast.characters}
    return {(label[o], t): [c.label for c in kin] for (o, t), kin in doc.stated_kin.items()}


def test_a_stated_son_is_hers_and_she_his_mother_not_the_miss_acting_between():
    doc = doc_of(STATED + "“Is it late, Frank?” asked Miss Carter.\n")
    assert stated(doc) == {("Mrs. Hale", "son"): ["Frank"], ("Frank", "mother"): ["Mrs. Hale"]}


def test_an_apposition_states_the_tie_and_a_relation_in_apposition_owns_nothing():
    doc = doc_of("Facing him was the box of old Mrs. Hale, who never went out. It was "
                 "filled by her daughter-in-law, Mrs. Lovel Crane, and her son, Frank Hale.\n\n"
                 "“Good evening,” said Frank Hale.\n")
    assert stated(doc)[("Mrs. Hale", "son")] == ["Frank Hale"]
    assert ("Mrs. Lovel Crane", "son") not in stated(doc)


def test_relation_takes_the_stated_son_of_the_woman_nearby():
    # "her" is taken for Miss Carter, who spoke last and has no son; the woman nearby the
    # narration says has one is Mrs. Hale: her son is Frank, not a speaker "Her son"
    doc = doc_of(STATED + "“Is it late, Frank?” asked Miss Carter.\n\n"
                 "“Not yet,” said her son.\n")
    ReadingOrder("tags", (Explicit(), Relation()), feeds_salience=True).run(doc)
    assert [w.label if w is not None else None for w in doc.speakers] == ["Miss Carter", "Frank"]


def test_mother_and_son_are_the_ones_the_next_he_means():
    doc = doc_of(STATED + "Mr. Brown did not speak much; he seemed nice.\n\n"
                 "When the guests had gone, there was another interview between mother and "
                 "son. He wanted her advice.\n\n“Does Miss Carter talk to you much?” he "
                 "began.\n")
    run_sieves(doc, frozenset())
    assert doc.speakers[-1].label == "Frank"


def test_a_call_of_mother_calls_the_stated_mother_not_the_latest_mrs():
    doc = doc_of(STATED + "Mrs. Brown had left early.\n\n"
                 "“Are you too pledged to this, mother?” said Frank.\n")
    ReadingOrder("tags", (Explicit(),), feeds_salience=True).run(doc)
    KinCall().run(doc)
    assert doc.kin_calls[0].label == "Mrs. Hale"


def test_a_tie_and_a_name_without_a_comma_state_the_tie():
    doc = doc_of("Mrs. Hale seldom went out, and she and her daughter Ann were a patient "
                 "audience.\n\n“Is it late?” asked Ann.\n")
    assert stated(doc)[("Mrs. Hale", "daughter")] == ["Ann"]
    assert stated(doc)[("Ann", "mother")] == ["Mrs. Hale"]


def test_a_sister_is_the_stated_daughter_of_ones_mother_by_surname():
    # the surname gives Frank Hale's mother (the Mrs. of his name); the narration gives her
    # daughter Ann, who has no surname: "said his sister" is Ann, not a speaker "His sister"
    doc = doc_of("Mrs. Hale lived quietly with her daughter, Ann, in the old house. Frank Hale "
                 "came home late.\n\n“Where have you been, Frank?” asked Ann.\n\n"
                 "“Out,” said Frank Hale.\n\n“Mother is not pleased,” said his sister.\n")
    ReadingOrder("tags", (Explicit(), Relation()), feeds_salience=True).run(doc)
    assert doc.speakers[-1].label == "Ann"
