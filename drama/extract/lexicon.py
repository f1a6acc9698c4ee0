"""Word lists the extractor reasons with: speech verbs, pronouns, titles, person nouns.

General English only: nothing here names a character or a word of one particular book.
"""
from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from pathlib import Path

# the shortened titles, read from here too (their table is drama/titles.py: a render reads it)
from ..titles import ABBREVIATED_TITLES, TITLE_ABBREVIATIONS  # noqa: F401
from . import kept

DATA = Path(__file__).resolve().parent / "data"


def word_list(name: str) -> frozenset[str]:
    """The words of one data file (data/<name>): one a line, '#' lines are its header. Kept
    between runs (kept.py), by the file's bytes: reading the lines is ~80 M instructions of
    every start."""
    data = (DATA / name).read_bytes()
    return kept.value("words", hashlib.sha256(data).hexdigest(), lambda: _words(data))


def _words(data: bytes) -> frozenset[str]:
    lines = io.StringIO(data.decode("utf-8"), newline=None)    # as open() reads them
    return frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))


def _read_ties() -> dict[str, str]:
    with open(DATA / "relations.txt", encoding="utf-8") as f:
        return dict(line.split() for line in f if line.strip() and not line.startswith("#"))


TIES = _read_ties()
"""Word -> the tie it names ("mamma" -> mother; data/relations.txt)."""


def parent_word(word: str) -> str | None:
    """The standard word of a parent's informal name, also after "grand" ("Mamma" ->
    mother, "Grandmamma" -> grandmother; any case), else None."""
    w = word.lower()
    grand = "grand" if w.startswith("grand") else ""
    tie = TIES.get(w[len(grand):])
    return grand + tie if tie in ("mother", "father") and tie != w[len(grand):] else None


# Given names by sex, from US baby-name data (see the files' headers and tools/given_names.py):
# a prior only, the text's own titles and pronouns outweigh it. A name both sexes are given
# ("Leslie", "Marion") is in neither.
FEMALE_GIVEN_NAMES = word_list("given_names_female.txt")
MALE_GIVEN_NAMES = word_list("given_names_male.txt")
WORD_GIVEN_NAMES = word_list("given_names_words.txt")
"""Given names that are abstract nouns acting in any story ("Hope rose", "Dawn broke")."""
ORDINARY_WORD_GIVEN_NAMES = word_list("given_names_ordinary_words.txt")
"""Given names that are mostly ordinary words, from WordNet (tools/ordinary_given_names.py):
"Frank was the word for it", "Rose was her colour"."""


@functools.cache
def english_words() -> frozenset[str]:
    """WordNet's adjectives and common nouns, lower case (tools/ordinary_words.py; the
    casting lexicon's list): a name that holds only such words ("Old Sport") may be a
    description. Read when first asked (only a name called once asks)."""
    return word_list("ordinary_words_wordnet.txt")


@functools.cache
def finite_verbs() -> frozenset[str]:
    """Verb forms that can follow a singular subject, from WordNet (tools/finite_verbs.py):
    irregular ones ("went", "is"), -s forms ("looks") and the modals ("could"); not -ed
    pasts. Read when first asked (only a sentence-opening given name asks)."""
    return word_list("finite_verbs_wordnet.txt")


def a_verb_form(word: str) -> bool:
    """Whether a word is a verb that can follow a singular subject: a form finite_verbs
    lists ("went", "is", "looks", "could") or the regular past in -ed of a verb whose -s
    form it lists ("walked", "agreed", "stopped", "cried"); not a word in -ed that is no
    past ("need", "indeed", "hundred")."""
    verbs = finite_verbs()
    if word in verbs:
        return True
    if len(word) < 4 or not word.endswith("ed"):
        return False
    stems = [word[:-1], word[:-2]]                  # "agree-d", "walk-ed"
    if word[-3] == word[-4]:
        stems.append(word[:-3])                     # "stopp-ed"
    if word[-3] == "i":
        stems.append(word[:-3] + "y")               # "cri-ed"
    return any(f in verbs for st in stems
               for f in (st + "s", st + "es", st[:-1] + "ies"))


def given_name_sex(word: str) -> str | None:
    """"f" or "m" for a given name one sex is mostly given, else None (any case). The lists
    write names without accents: a name the lists lack is looked up again without its
    accents ("Zoé" as "Zoe", "Andrés" as "Andres")."""
    w = word.casefold()
    if w not in FEMALE_GIVEN_NAMES and w not in MALE_GIVEN_NAMES and not w.isascii():
        w = _without_accents(w)
    if w in FEMALE_GIVEN_NAMES:
        return "f"
    if w in MALE_GIVEN_NAMES:
        return "m"
    return None


def _without_accents(word: str) -> str:
    """The word's letters without their combining marks: "zoé" -> "zoe" (composed or not)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))

SPEECH_VERBS = frozenset("""
said says say saying asked asks ask asking cried cries crying replied replies reply answered answers
shouted shouts called calls exclaimed exclaims muttered mutters murmured murmurs whispered
whispers insisted insists wrote writes added adds continued continues declared declares
announced announces yelled yells proclaimed proclaims began begins repeated repeats remarked
remarks observed observes returned returns responded responds retorted retorts protested
protests demanded demands inquired inquires enquired enquires explained explains suggested
suggests admitted admits agreed agrees urged urges warned warns told tells screamed screams
shrieked shrieks roared roars growled growls snapped snaps sighed sighs laughed laughs
stammered stammers pleaded pleads begged begs chided chides challenged challenges
interrupted interrupts interposed interposes rejoined rejoins resumed resumes gasped gasps
sobbed sobs groaned groans grumbled grumbles bellowed bellows hissed hisses recalled recalls
noted notes stated states reported reports concluded concludes conceded concedes countered
counters objected objects persisted persists confessed confesses assured assures promised
promises threatened threatens thought thinks went pursued pursues echoed echoes faltered
falters sang sings chuckled chuckles giggled giggles moaned moans wailed wails sneered
sneers scoffed scoffs ventured ventures corrected corrects explained broke cut put
urged mused muses reasoned reasons replied breathed breathes panted pants blurted blurts
shouted hollered howled howls squeaked squeaks squealed squeals barked barks
stuttered stutters lisped lisps drawled drawls intoned intones boomed booms thundered
thunders jeered jeers taunted taunts teased teases commented comments acknowledged
acknowledges inquired queried queries quoth quavered whimpered whimpers grunted grunts
smiled smiles nodded nods exclaimed shrugged added advised advises affirmed affirms
argued argues babbled babbles beseeched besought bawled bawls called cautioned cautions
complained complains concluded demanded entreated entreats explained gasped implored
implores mumbled mumbles ordered orders prayed prays read reads recited recites
rejoined remonstrated remonstrates reminded reminds replied requested requests roared
scolded scolds screeched screeches shrieked sniffed sniffs snorted snorts spoke speaks
spluttered sputtered suggested supposed surmised swore swears uttered utters vowed vows
whined whines yawned yelped repeated interrupted observed retorted responded
subjoined subjoins
concurred concurs cautioned explained lamented laments insisted proposed proposes
declaimed exhorted exhorts shrilled piped pipes sobbed cooed coos simpered lied lies
""".split())

# The verbs of saying that say the line answers another: WordNet 3.0's synsets answer.v.01
# ("reply", "respond") and retort.v.01 ("come back", "return", "riposte", "rejoin").
REPLY_VERBS = frozenset("""
answer answers answered reply replies replied respond responds responded retort retorts
retorted return returns returned riposte ripostes riposted rejoin rejoins rejoined
""".split())

# ... and the verbs of saying WordNet lists (data/speech_verbs_wordnet.txt, tools/speech_verbs.py)
SPEECH_VERBS = SPEECH_VERBS | word_list("speech_verbs_wordnet.txt")

# Words that may stand between a speech verb and its subject ("said Alice", "said softly Alice").
VERB_PARTICLES = frozenset("out back up on in again aloud softly".split())
GOING_ON_VERBS = frozenset("""
add adds added adding continue continues continued continuing proceed proceeds proceeded
proceeding pursue pursues pursued pursuing resume resumes resumed resuming
""".split())
"""Verbs of saying that say the speaker goes on with what they were saying ("“…?” the widow
went on", "continued the boy", "her companion added, “…”"), by Wiktionary's senses: "add"
(to say or write further), "continue" (to go on, as with a speech), "resume" (to begin again
after an interruption), "pursue" (to continue, a discussion), "proceed" (to go on, especially
after an interruption); WordNet 3.0's continue.v.05 ("continue talking": continue, proceed,
go on, carry on) and pursue.v.04 agree. The phrasal "go on" is read with its particle
(GOING_ON_PARTICLE). Not "persist" (WordNet's persist.v.02, "refuse to stop"): read in a
turn's lead-in, it lost a quote of the passages (tidy43)."""
GOING_ON_PARTICLE = {"go": "on", "goes": "on", "went": "on", "going": "on",
                     "speak": "again", "speaks": "again", "spoke": "again"}
"""The verbs that go on only with their particle after them: "went on", "spoke again"."""
GOING_ON_PHRASES = sorted(GOING_ON_VERBS) + [f"{verb} {particle}" for verb, particle in
                                             GOING_ON_PARTICLE.items()]
"""GOING_ON_VERBS and GOING_ON_PARTICLE as words to match in a text ("continued", "went on")."""

TIME_NOUNS = word_list("time_nouns_wordnet.txt")
"""Nouns of a day, a part of a day, a day of the week, a week, month or year ("morning",
"evening", "Sunday", "fortnight"): WordNet 3.0's (data/time_nouns_wordnet.txt,
tools/time_nouns.py). A paragraph opening "The next morning" starts a scene
(structure.TIME_OPENING)."""

PHRASAL_SPEECH_VERBS: dict[str, str] = dict(
    phrase.split() for phrase in word_list("speech_phrasal_verbs_wordnet.txt"))
"""Verbs of saying made of a verb and its particle, past form -> particle ("chimed" -> "in",
"carried" -> "on"): WordNet 3.0's senses of taking one's turn in a talk
(data/speech_phrasal_verbs_wordnet.txt, tools/speech_verbs.py)."""
PARTICLE_VERBS = frozenset(PHRASAL_SPEECH_VERBS)
"""Speech verbs only with a particle after them: "broke in", "cut in", "chimed in", "went on".
Those SPEECH_VERBS lists too take any of VERB_PARTICLES ("broke out"); the others only
their own (PHRASAL_SPEECH_VERBS: "carried on", not "carried off")."""

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "we"})
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS | {"i", "you", "it"}

MALE_TITLES = frozenset("""
mr mister sir lord monsieur m count prince king duke baron father uncle brother master
colonel captain admiral general major lieutenant sergeant comrade professor dr doctor
reverend rev herr signor señor don judge marquis marquess earl viscount
""".split()) | TITLE_ABBREVIATIONS.keys()
FEMALE_TITLES = frozenset("""
mrs miss ms lady madame mme mademoiselle mlle countess princess queen duchess baroness
mother aunt sister dame frau signora señora donna marchioness marquise viscountess
""".split())
# Titles that name a role, not a sex: "Captain", "Doctor", "Comrade", "Professor" may be either.
NEUTRAL_TITLES = frozenset("colonel captain admiral general major lieutenant sergeant comrade "
                           "professor dr doctor reverend rev judge".split()) | \
    TITLE_ABBREVIATIONS.keys()
RANK_TITLES = NEUTRAL_TITLES - {"comrade"}
"""The neutral titles that name a rank or a calling, which tell whose a surname is ("Major
Calloway"); not "Comrade", which a party calls every member."""
TITLES = MALE_TITLES | FEMALE_TITLES
COURTESY_TITLES = frozenset("mr mrs ms miss messrs mme mlle".split())
"""The courtesy titles that stand before a surname and nothing else: the capitalised word after
one is a name however often the text writes it in lower case ("Mrs. Marsh" beside "the marsh";
not "Lady", "Major", "General", which open other phrases: "Lady Day", "General Assembly")."""
RANKS = frozenset("""duke duchess marquis marquess marchioness marquise earl count countess
viscount viscountess baron baroness""".split())
"""The ranks of the nobility (the five of the British peerage, Debrett's: duke, marquess,
earl, viscount, baron, with their wives' titles; marquis and count, their continental
forms): a rank the text writes alone, "the Marchioness", is the one person it names with
it, however often it writes it alone."""

# Nouns that denote a person, with a sex where the noun carries one. Used for descriptive
# speakers ("said the old gentleman") and for who a pronoun can point back to.
MALE_NOUNS = frozenset("""
man men gentleman gentlemen boy boys fellow lad father son brother husband uncle king
prince lord sir duke master gentleman waiter landlord host butler footman policeman
constable postman sailor soldier monk priest bishop nephew grandfather squire youth
papa
""".split())
FEMALE_NOUNS = frozenset("""
woman women lady ladies girl girls mother daughter sister wife aunt queen princess
duchess maid mistress landlady hostess nurse niece grandmother widow matron housekeeper
mamma mama female
""".split())
PERSON_NOUNS = MALE_NOUNS | FEMALE_NOUNS | frozenset("""
person people stranger child children voice voices visitor visitors guest guests officer
officers delegate delegates clerk doctor driver servant servants crowd one other others
friend friends student students worker workers speaker chairman president minister
secretary guard guards jailer judge magistrate beadle cook barman bartender porter
official officials member members lieutenant captain colonel general commander
deputy deputies peasant peasants marchers sailors soldiers figure creature
companion companions interlocutor lover partner neighbour neighbor acquaintance listener
parent parents infant
""".split())

# Styles of address that stand for the person addressed ("said her ladyship", "his
# excellency replied"): the English honorific styles (Wikipedia, "Style (form of address)").
HONORIFICS = frozenset("""ladyship lordship majesty highness excellency honour honor grace
worship reverence eminence holiness""".split())


def _read_sex_list(name: str) -> dict[str, str]:
    """A data file of "<words> m" / "<words> f" lines, as words -> m or f."""
    with open(DATA / name, encoding="utf-8") as f:
        return {" ".join(w[:-1]): w[-1] for w in (line.split() for line in f)
                if w and not w[0].startswith("#")}


ADDRESS_SEX = _read_sex_list("address_sex.txt")
"""Term of address -> the sex of the one it addresses ("sir" -> m, "my lady" -> f;
data/address_sex.txt, from Wiktionary's English terms of address and honorifics)."""
SEX_NOUNS = _read_sex_list("sex_nouns_wordnet.txt")
"""Noun of a person of one sex -> m or f ("signorina" f, "mother-in-law" f, "prima donna" f,
"dad" m): data/sex_nouns_wordnet.txt, from WordNet 3.0 (tools/sex_nouns.py)."""
ADDRESS_MODIFIERS = frozenset("my dear good old young poor little sweet".split())
"""Words a form of address is built with before its noun ("my dear fellow", "old chap")."""
_TITLES_ADDRESSING = {t: "m" for t in MALE_TITLES - NEUTRAL_TITLES - {"lord", "m"}} | \
    {t: "f" for t in FEMALE_TITLES - NEUTRAL_TITLES}
"""A sexed title before a name calls one of its sex ("Mr. Staunton", "Miss Ashby"); not
"Lord", an oath as often ("Lord bless me!"), nor the bare "M"."""


def address_sex(phrase: str, named: bool = True) -> str | None:
    """The sex ("m"/"f") of the one a form of address calls (a lower-case phrase a speech
    sets off: "sir", "my dear fellow", "mr. darcy"), or None when it tells none. A
    one-word term also after ADDRESS_MODIFIERS; a sexed title before one or two words
    unless not ``named`` (the vocative sieve reads a call by name as who is called)."""
    words = phrase.split()
    if " ".join(words) in ADDRESS_SEX:
        return ADDRESS_SEX[" ".join(words)]
    if len(words) > 1 and words[0].rstrip(".") in _TITLES_ADDRESSING:
        return _TITLES_ADDRESSING[words[0].rstrip(".")] if named else None
    while len(words) > 1 and words[0] in ADDRESS_MODIFIERS:
        words = words[1:]
    return ADDRESS_SEX.get(words[0]) if len(words) == 1 else None


# Nouns that can name someone who speaks, from WordNet (data/speaker_nouns_wordnet.txt,
# tools/speaker_nouns.py): a person, a creature or a group by its most frequent sense.
SPEAKER_NOUNS = word_list("speaker_nouns_wordnet.txt")


WORDNET_PERSON_NOUNS = word_list("person_nouns_wordnet.txt")
"""Common nouns whose first WordNet sense is a person, most of whose senses are persons, and
that are no adjective or adverb ("watchman", "turnkey"; not "longer", nor "villa": Pancho
Villa, nor "jerk"; data/person_nouns_wordnet.txt, whose header gives the rules,
tools/speaker_nouns.py)."""


PEOPLE_NOUNS = word_list("people_nouns_wordnet.txt")
"""Nouns of a people or a faith, lower case ("englishman", "indian", "hindu", "moslem"):
what a person is, written capitalised, though a text may make one a person's epithet, "the
Frenchman" (data/people_nouns_wordnet.txt, whose header gives the rules,
tools/people_nouns.py; cast.people_class reads it)."""

PLACE_NAMES = word_list("place_names_wordnet.txt")
"""Names WordNet knows only as places, lower case ("england", "granada", "ganges"; not
"paris", "lincoln", a person too, nor "florence", a given name): data/place_names_wordnet.txt,
whose header gives the rules, tools/place_names.py; Character.place_like reads it."""


def people_plural(word: str) -> bool:
    """Whether a lower-case word is the plural of a noun of a people or a faith (PEOPLE_NOUNS:
    "hindus", "moslems", "englishmen"): several people, never one person's name."""
    return word not in PEOPLE_NOUNS and (word.endswith("s") or word.endswith("men")) and \
        any(s in PEOPLE_NOUNS for s in _singulars(word)[1:])


def person_noun(word: str) -> bool:
    """Whether a lower-case word names a person: PERSON_NOUNS above, else the WordNet list
    of persons (a group, "a bunch", an adjective, "a great fellow", or an adverb, "a little
    longer", is none)."""
    return word in PERSON_NOUNS or word in WORDNET_PERSON_NOUNS


def person_noun_or_plural(word: str) -> bool:
    """Whether a lower-case word names a person or persons ("girl", "brothers")."""
    return any(person_noun(s) for s in _singulars(word))


def speaker_noun(word: str) -> bool:
    """Whether a description's head noun can name someone who speaks ("croupier",
    "housebreakers", "charity-boy"), not a thing, a body part or a moment ("face", "hands",
    "moment"): PERSON_NOUNS and HONORIFICS above, else the WordNet list, singular or
    plural."""
    w = word.casefold()
    for form in (w, w.rsplit("-", 1)[-1]):
        if any(s in PERSON_NOUNS or s in SPEAKER_NOUNS or s in HONORIFICS
               for s in _singulars(form)):
            return True
    return False


def _singulars(w: str) -> list[str]:
    """The word and the singulars a plural of it may have ("men" -> "man", "ladies" ->
    "lady", "witnesses" -> "witness", "cooks" -> "cook")."""
    out = [w]
    if w.endswith("men"):
        out.append(w[:-3] + "man")
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    return out


# Indefinite speakers: "someone shouted" -> Someone.
INDEFINITE = {"someone": "Someone", "somebody": "Somebody", "everyone": "Everyone",
              "everybody": "Everybody", "nobody": "Nobody", "another": "Another",
              "all": "All", "both": "Both"}

DETERMINERS = frozenset("the a an one this that another his her their its some our my your "
                        "each every".split())

PREPOSITIONS = frozenset("of to at in on with from for by into onto upon about towards toward "
                         "among amongst between behind beside besides beneath below above "
                         "over under through across against around after before".split())
"""Single-word English prepositions (a closed class of the grammar; the common ones as any
grammar lists them): a noun phrase right after one is its object, never a clause's
subject ("turned to the crowd behind the rope, saying")."""
PLACE_PREPOSITIONS = frozenset("about around round behind beside before beneath below above "
                               "over under near".split())
"""The prepositions of place among them: a pronoun after one may be its own clause's
subject ("May looked about her"), the exception to binding theory's Principle B that
the grammars give (locative prepositional phrases)."""
STREET_WORDS = frozenset("street avenue road square boulevard terrace crescent".split())
"""Words that end a thoroughfare's name ("Fifth Avenue", "Gower Street", "Russell Square"):
the primary street suffix names of USPS Publication 28, Appendix C1, those that are no
common given name or surname too (not Lane, Hill, Park, Court, Green, Wood, ...)."""

# Words of NOT_NAMES below that are given names too ("May Lorne", "Will Harrow"): a name in a
# text that writes them before the same surname again and again (cast/mentions.py). They are
# the words NOT_NAMES shares with the given-name lists above (SSA, see their files), less
# a title (lady), adjectives of a people or a faith (christian, french, german) and two that
# are given names only in the lists' long tail (finis, heaven); a test keeps them so.
NAME_OR_WORD = frozenset("april may june august will".split())

MONTHS = frozenset("""january february march april may june july august september october
november december""".split())

# Words that start sentences but never names: function words, interjections, pronouns.
NOT_NAMES = MONTHS | frozenset("""
the a an and but or nor for so yet if then than when while where why how what who whom whose
which that this these those there here he she it they we you i me him her us them my his its
our your their mine yours ours theirs oh ah o yes no not well now why alas indeed perhaps
after before as at by from in into of on to up with without about above across against
along among around because behind below beneath beside between beyond down during except
inside near off out outside over past since through till toward towards under until upon
within all any both each either every few many more most much neither none one other
several some such only just even also still again ever never always sometimes
mr mrs miss ms dr sir lady lord madam madame monsieur god heaven hello good dear
chapter book part volume vol page section illustration note end finis
monday tuesday wednesday thursday friday saturday sunday
jan feb apr jun jul aug sep sept oct nov dec
do does did don't can can't could will won't would shall should must may might
is was are were be been am have has had let let's please thank thanks yes no nay aye
english french german russian italian spanish american british christian
meanwhile however nevertheless therefore moreover besides afterwards otherwise instead
accordingly hence thus presently suddenly finally certainly surely evidently apparently
anyway consequently furthermore incidentally likewise nonetheless similarly subsequently
thereby thereafter thereupon henceforth next lately rather
everything something anything nothing
although though unless whereas whether whilst lest whenever wherever once
""".split())
# (the conjunctive adverbs: from Wikipedia's "Conjunctive adverb" list of common ones and,
# for thereafter, thereupon, henceforth, its temporal ones in grammar guides; the line after:
# the indefinite pronouns of things, a closed class of the grammar, never anyone's name; the
# last line: the one-word subordinating conjunctions of Wikipedia's "Subordinate clause" /
# "Conjunction (grammar)" lists not already above, a closed class too: "Though the tide
# had turned, she waded out and said" opens on no one)
SENTENCE_OPENERS = NOT_NAMES - TITLES - ABBREVIATED_TITLES - FEMALE_GIVEN_NAMES - \
    MALE_GIVEN_NAMES - NAME_OR_WORD
"""Words that, written with a capital after a shortened title's dot, open the next sentence
rather than name the one the title is for ("He was made a Col. Thereupon the men cheered";
"said the Gen. He smiled"): words never a name, less titles ("Lt. Col. Ames") and given
names ("Capt. May")."""
