"""The cast's record of one person: Character, with every name form the text uses for them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..gender import (FEMALE_NOUNS, MALE_NOUNS, W_GIVEN, Evidence, label_title, role_sex,
                      word_sex)
from ..lexicon import PLACE_NAMES, SPEAKER_NOUNS, STREET_WORDS, TITLES


def _core(name: str) -> tuple[str, ...]:
    return tuple(w for w in name.split() if w.lower().rstrip(".") not in TITLES)


def _noun_sex(label: str) -> str | None:
    """The sex of a one-word name that is a noun for a person of one sex ("the Frenchman",
    "the Englishman": WordNet's nouns for a speaker, a man or a woman by its ending; not
    "-ess", as "Burgess"). Asked only of a name the text writes after "the": WordNet's
    nouns hold surnames too ("Chapman", "Hoffman")."""
    low = label.casefold()
    if " " in label or low not in SPEAKER_NOUNS or low.endswith("ess"):
        return None
    return role_sex(low)


TAGGED_SPEAKER = 2
"""Speech tags naming a name as the speaker that make it a person, not a place: places do
not speak, and one tag may be misread ("said Marlow" of a town)."""


@dataclass
class Character:
    """One person the text names, with every form the text uses for them."""

    label: str
    """The fullest name, used as the speaker label ("Mr. Ashby", "Daisy Miller")."""
    forms: Counter = field(default_factory=Counter)
    evidence: Evidence = field(default_factory=Evidence)
    """Titles, given name and pronouns after mentions: what the text says of their sex."""
    after_the: int = 0
    """Mentions after "the" or "a": many means a body or a kind ("the Duma", "a Menshevik"),
    not a person."""
    at_place: int = 0
    """Mentions after "in", "at", "from", …: many means a place ("at Iping")."""
    gone_to: int = 0
    """Mentions after a verb of going and "to" ("went to Rome"): a place's as at_place's,
    unless the name is a person's by other evidence (a_person: "he went to Harriet")."""
    personal: int = 0
    """Mentions only a person's can be: a subject whose lead-in a "she said" tags, a call."""
    next_sentence: Evidence = field(default_factory=Evidence)
    """The pronouns opening the sentence after a mention whose own sentence has none: the
    sex of a name the text gives no other evidence of."""
    lead_in: Evidence = field(default_factory=Evidence)
    """The "he" or "she" tags of the quotations its mentions' sentences lead into."""
    tagged: int = 0
    """Mentions a speech tag names as the speaker ("”, returned Jasper"): TAGGED_SPEAKER
    or more make a person of a name however often it follows a word of place."""

    @property
    def thing_like(self) -> bool:
        """Whether the text mostly writes "the" before the name."""
        return self.after_the * 2 > sum(self.forms.values())

    @property
    def plural_like(self) -> bool:
        """Whether the name is one word in -s the text mostly writes after "the" ("the
        Ashbys", "the van der Hoevens"): a family or a people, no one person (not "the
        Marquis", "the Countess", "the Walrus")."""
        return self.thing_like and " " not in self.label and self.label.endswith("s") and \
            not self.label.endswith(("ss", "us", "is"))

    @property
    def place_like(self) -> bool:
        """Whether a fifth or more of the mentions follow a word of place ("at Meryton",
        "left London"; "went to Rome" only of a name with no person's evidence: a_person),
        no form carries a title (a person's "Mrs. Tansley") and speech tags name it as the
        speaker fewer than TAGGED_SPEAKER times (a person looked "at" often in a short
        text: "“…,” returned Jasper"); or whose name is a street's, on the same terms; or
        a name WordNet knows only as a place, of which the text gives no person's evidence
        (listed_place: "on her way to Aberdeen, and cared little what she thought")."""
        at = self.at_place + (self.gone_to if self.gone_to and not self.a_person else 0)
        return (at >= 2 and at * 5 >= sum(self.forms.values()) or self.street_named) and \
            not self.titled and self.tagged < TAGGED_SPEAKER or self.listed_place

    @property
    def listed_place(self) -> bool:
        """Whether every form is one word that lexicon.PLACE_NAMES lists ("Granada") and the
        text gives the name no person's evidence (a_person) nor a clear sex (one stray "she"
        after "on her way to Aberdeen" is none): a town that is someone's name too stays
        whoever a tag, a call or two pronouns of one sex ("The miller's son, Halifax, … he")
        make a person."""
        return all(" " not in f and f.casefold() in PLACE_NAMES for f in self.forms) and \
            not self.a_person and self.evidence.decide() is None

    @property
    def street_named(self) -> bool:
        """Whether the name is a street's: two words or more, the last a word that ends a
        thoroughfare's name (lexicon.STREET_WORDS: "Fifth Avenue", "Gower Street")."""
        _, space, last = self.label.rpartition(" ")
        return bool(space) and last.lower() in STREET_WORDS

    @property
    def titled(self) -> bool:
        """Whether a form of the name carries a title ("Mrs. Tansley")."""
        return any(" " in f and f.split()[0].rstrip(".").lower() in TITLES for f in self.forms)

    @property
    def a_person(self) -> bool:
        """Whether the text gives the name a person's evidence: a title, a speech tag of its
        own, a "he" or "she" tag of a quotation it leads into, a call (Character.personal).
        People are gone to and gone back to as often as places are ("he went to Harriet")."""
        return self.tagged > 0 or self.personal > 0 or self.titled

    def _next_sentence_sex(self) -> str | None:
        """The one sex the pronouns opening the sentence after its mentions give, when the
        text gives no other evidence of it ("It all came of Vera yes, of Vera. But
        for her, …": a woman; a name the lists lack, never followed by a pronoun in its
        own sentence)."""
        if self.evidence.weights() != (0, 0) or self.evidence.its or self.thing_like:
            return None
        male, female = self.next_sentence.weights(priors=False)
        return "m" if male > 1 and not female else "f" if female > 1 and not male else None

    def _lead_in_sex(self) -> str | None:
        """The one sex the tags of the quotations its sentences lead into give a speaker (a
        speech tag names it somewhere) the text gives no other evidence of ("Kettering
        called to me. “Lomax,” he said. … “…,” Kettering said": a man). Not a name no tag
        names ("Persian filled the evening. “…,” he said": the man of the scene speaks)."""
        if not self.tagged or self.evidence.weights() != (0, 0) or self.evidence.its or \
                self.thing_like:
            return None
        male, female = self.lead_in.tag_m, self.lead_in.tag_f
        return "m" if male and not female else "f" if female and not male else None

    def _pronouns_against_name(self) -> str | None:
        """The sex the text's pronouns give against the given-name lists: its own after the
        name (one at least) and those opening the sentence after a mention, together as
        many as the given name weighs (W_GIVEN), none of the other sex, no title or tag
        ("It was Dale at the gate. Behind her stood the groom. … Dale crossed the yard, a
        bucket in her hand": a woman, whatever the lists say of "Dale")."""
        ev, nxt = self.evidence, self.next_sentence
        if not ev.given_name or ev.title_m or ev.title_f or ev.tag_m or ev.tag_f:
            return None
        male, female = ev.pronoun_m + nxt.pronoun_m, ev.pronoun_f + nxt.pronoun_f
        if female >= W_GIVEN and not male and ev.pronoun_f and ev.given_name == "m":
            return "f"
        if male >= W_GIVEN and not female and ev.pronoun_m and ev.given_name == "f":
            return "m"
        return None

    @property
    def gender(self) -> str | None:
        """"m", "f" or None, by the first of these that says one: a name that is one
        kinship or title word of one sex by its meaning, which no pronoun after it overrules
        ("Grandmother", "Madame"; not a rank, "the General": gender.word_sex); the text's
        pronouns against its given name (_pronouns_against_name); the text's
        evidence (gender.Evidence.decide: None when weak or split, or when the text mostly
        calls them "it"); a title or role word in the name ("the General", "Mrs. Elton" as
        a short text names them: gender.label_title); a noun of one sex the text writes
        after "the" ("the Frenchman": _noun_sex); the pronouns opening the sentence after
        its mentions (_next_sentence_sex); the tags of the quotations its sentences lead
        into, of a name a tag names as a speaker (_lead_in_sex). None of a family or a
        people (plural_like). Of a name written after "the" that the text says nothing else
        of, the sex of its last word when that is a noun of one sex after another word ("the
        Invisible Man": a man), lest it be taken for a thing."""
        if self.plural_like:
            return None
        decided = word_sex(self.label) or self._pronouns_against_name() or \
            self.evidence.decide() or label_title(self.label) or \
            (_noun_sex(self.label) if self.after_the else None) or \
            self._next_sentence_sex() or self._lead_in_sex()
        if decided or not self.thing_like or self.evidence.weights() != (0, 0) or \
                self.evidence.its:
            return decided
        words = self.label.lower().split()
        if len(words) < 2:
            return None
        return "m" if words[-1] in MALE_NOUNS else "f" if words[-1] in FEMALE_NOUNS else None
